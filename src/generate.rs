//! Synthetic SPBE-like roadmaps of any size, for benchmarks and tests.
//!
//! `peta generate --items N --seed S -o FILE` writes one; benchmarks and tests call
//! [`roadmap`] and [`roadmap_json`] directly. The same `(items, deps_per_item, seed)` always gives
//! the same roadmap, and the roadmap validates without errors (funding warnings such as the
//! budget-cycle gate appear, as in real plans): every sector and funding
//! scheme it names exists, dates lie within the roadmap, milestones are one day, regulation
//! blocks sit on regulation items only, no item lists a predecessor twice, and there are no
//! cycles (an item only depends on items generated before it; the file is then grouped by
//! sector, so links point both up and down the file, as in a real roadmap).

use crate::model::{
    Date, Dependency, FundingLine, FundingStatus, Item, Kind, LinkType, Regulation,
    RegulationStage, Roadmap, Sector, TalentNeed,
};

const FIRST_YEAR: i32 = 2025;
const LAST_YEAR: i32 = 2034;
/// Progress is drawn for items planned to start before this day (as if "today" were near it).
const PROGRESS_BEFORE: (i32, u32, u32) = (2026, 7, 1);
/// Predecessors are mostly drawn from this many items generated just before.
const WINDOW: usize = 250;

const EXTRA_SECTORS: [(&str, &str); 2] = [("health", "Health"), ("education", "Education")];
const OWNERS: [&str; 12] = [
    "Kominfo",
    "KemenPANRB",
    "Bappenas",
    "BSSN",
    "BPS",
    "Kemendagri",
    "Kemenkes",
    "Kemendikbudristek",
    "Kemenkeu",
    "LKPP",
    "INA Digital",
    "Pemprov DKI",
];
const ROLES: [&str; 10] = [
    "Software engineer",
    "Cloud engineer",
    "Data engineer",
    "Cybersecurity analyst",
    "Product manager",
    "UX designer",
    "Solution architect",
    "Legal drafter",
    "Data steward",
    "Digital trainer",
];
const INSTRUMENTS: [&str; 6] = ["UU", "PP", "Perpres", "Permen", "Perban", "Perda"];
const ACTIONS: [&str; 8] = [
    "Build",
    "Integrate",
    "Migrate",
    "Pilot",
    "Roll out",
    "Harden",
    "Consolidate",
    "Modernise",
];
const SUBJECTS: [&str; 10] = [
    "national data centre",
    "government cloud",
    "citizen identity",
    "one-data portal",
    "e-budgeting",
    "procurement platform",
    "health records exchange",
    "school data system",
    "public complaints service",
    "interoperability bus",
];

/// splitmix64: tiny, fast and good enough to vary benchmark inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }

    fn percent(&mut self, chance: u64) -> bool {
        self.next() % 100 < chance
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

/// A link type and lag as planners use them: mostly FS, leads (negative lags) now and then.
fn link(rng: &mut Rng) -> (LinkType, i64) {
    let roll = rng.below(100);
    let link = match roll {
        0..=64 => LinkType::FS,
        65..=82 => LinkType::SS,
        83..=94 => LinkType::FF,
        _ => LinkType::SF,
    };
    let lag = match rng.below(10) {
        0..=4 => 0,
        5..=7 => rng.between(1, 45),
        _ => rng.between(-20, -1),
    };
    (link, lag)
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

/// Predecessors of item `index`: `wanted` distinct earlier items, mostly recent ones.
fn predecessors(rng: &mut Rng, index: usize, wanted: usize) -> Vec<usize> {
    let wanted = wanted.min(index);
    let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
    while chosen.len() < wanted {
        let candidate = if rng.percent(5) || index <= WINDOW {
            rng.below(index)
        } else {
            index - 1 - rng.below(WINDOW)
        };
        if !chosen.contains(&candidate) {
            chosen.push(candidate);
        }
    }
    chosen
}

/// Funding lines over the item's years; cost is their sum plus, sometimes, an unfunded gap.
fn funding(rng: &mut Rng, start: Date, end: Date) -> (Vec<FundingLine>, u64) {
    use chrono::Datelike;
    let schemes = ["apbn", "apbd", "kpbu", "loan", "grant"];
    let (first, last) = (start.year(), end.year());
    let lines = 1 + rng.below(3);
    let mut out = Vec::with_capacity(lines);
    for _ in 0..lines {
        let year = first + rng.below((last - first + 1) as usize) as i32;
        let status = if year < PROGRESS_BEFORE.0 {
            FundingStatus::Disbursed
        } else if year == PROGRESS_BEFORE.0 || rng.percent(40) {
            FundingStatus::Committed
        } else {
            FundingStatus::Proposed
        };
        out.push(FundingLine {
            scheme: rng.pick(&schemes).to_string(),
            year,
            amount: rng.between(1, 500) as u64 * 1_000_000_000,
            status: Some(status),
            ..Default::default()
        });
    }
    let funded: u64 = out.iter().map(|l| l.amount).sum();
    let gap = if rng.percent(30) {
        funded / 100 * rng.between(5, 40) as u64
    } else {
        0
    };
    (out, funded + gap)
}

fn item(rng: &mut Rng, index: usize, count: usize, sectors: &[Sector]) -> Item {
    let first = Date::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
    let last = Date::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default();
    let span = (last - first).num_days();
    let (year, month, day) = PROGRESS_BEFORE;
    let progress_before = Date::from_ymd_opt(year, month, day).unwrap_or_default();

    let kind = match rng.below(100) {
        0..=9 => Kind::Milestone,
        10..=16 => Kind::Regulation,
        _ => Kind::Initiative,
    };
    let duration = match kind {
        Kind::Milestone => 0,
        Kind::Regulation => rng.between(60, 500),
        Kind::Initiative => rng.between(10, 400),
    };
    // Planned starts drift forward with the index, so predecessors tend to come first in time.
    let drift = (span - 520) * index as i64 / count.max(1) as i64;
    let start = add_days(first, drift + rng.between(0, 120));
    let end = if kind == Kind::Milestone {
        start
    } else {
        add_days(start, duration - 1).min(last)
    };
    let sector = if kind == Kind::Regulation {
        "regulation".to_string()
    } else {
        rng.pick(sectors).id.clone()
    };
    let progress = if start < progress_before {
        (rng.below(21) * 5) as u8
    } else {
        0
    };
    let prefix = match kind {
        Kind::Milestone => "ms",
        Kind::Regulation => "reg",
        Kind::Initiative => "ini",
    };
    let subject = rng.pick(&SUBJECTS);
    let title = match kind {
        Kind::Milestone => format!("Go-live: {subject} (wave {})", index % 7 + 1),
        Kind::Regulation => format!("Regulation on the {subject}"),
        Kind::Initiative => format!("{} {subject} (part {})", rng.pick(&ACTIONS), index % 9 + 1),
    };
    let regulation = (kind == Kind::Regulation).then(|| {
        let stage = if progress == 100 {
            RegulationStage::Enacted
        } else {
            *rng.pick(&RegulationStage::ALL[..4])
        };
        Regulation {
            instrument: rng.pick(&INSTRUMENTS).to_string(),
            stage: Some(stage),
            ..Default::default()
        }
    });
    let (funding, cost) = if kind == Kind::Milestone {
        (Vec::new(), None)
    } else {
        let (lines, cost) = funding(rng, start, end);
        (lines, Some(cost))
    };
    let talent = if kind == Kind::Initiative && rng.percent(35) {
        (0..1 + rng.below(2))
            .map(|_| TalentNeed {
                role: rng.pick(&ROLES).to_string(),
                count: rng.between(1, 40) as u32,
                ..Default::default()
            })
            .collect()
    } else {
        Vec::new()
    };
    Item {
        id: format!("{prefix}-{index:06}"),
        title,
        kind: Some(kind),
        sector,
        owner: rng.percent(90).then(|| rng.pick(&OWNERS).to_string()),
        start: Some(start),
        end: Some(end),
        progress,
        regulation,
        cost,
        funding,
        talent,
        notes: rng
            .percent(10)
            .then(|| "Synthetic item generated for benchmarks.".to_string()),
        ..Default::default()
    }
}

/// A realistic acyclic roadmap over 2025-2034 with `items` items, each depending on
/// `deps_per_item` earlier ones (fewer for the very first items).
pub fn roadmap(items: usize, deps_per_item: usize, seed: u64) -> Roadmap {
    let mut roadmap = Roadmap::new(
        &format!("Synthetic SPBE roadmap ({items} items, seed {seed})"),
        FIRST_YEAR,
        LAST_YEAR,
    )
    .unwrap_or_default();
    for (id, name) in EXTRA_SECTORS {
        roadmap.sectors.push(Sector {
            id: id.to_string(),
            name: name.to_string(),
            ..Default::default()
        });
    }
    let mut rng = Rng(seed ^ 0x5EED_0F9E_7A11);
    let mut generated: Vec<Item> = Vec::with_capacity(items);
    for index in 0..items {
        let mut next = item(&mut rng, index, items, &roadmap.sectors);
        for pred in predecessors(&mut rng, index, deps_per_item) {
            let (link, lag_days) = link(&mut rng);
            next.depends_on.push(Dependency {
                id: generated[pred].id.clone(),
                link,
                lag_days,
                ..Default::default()
            });
        }
        generated.push(next);
    }
    // Group by sector as planners do; the sort is stable, so each sector keeps time order.
    let position = |sector: &str| roadmap.sectors.iter().position(|s| s.id == sector);
    let mut keyed: Vec<(Option<usize>, Item)> = generated
        .into_iter()
        .map(|item| (position(&item.sector), item))
        .collect();
    keyed.sort_by_key(|(sector, _)| *sector);
    roadmap.items = keyed.into_iter().map(|(_, item)| item).collect();
    roadmap
}

/// The same roadmap as [`roadmap`], as the canonical file text.
pub fn roadmap_json(items: usize, deps_per_item: usize, seed: u64) -> String {
    crate::store::to_canonical_string(&roadmap(items, deps_per_item, seed))
}

/// The roadmap topped up to `lines` funding lines in all (none is removed), added in turn to
/// its items that have funding, each within the item's years, with its cost raised to match;
/// and every scheme given a ceiling per year, below its booked total in even years (a breach)
/// and above it in odd ones. Draws from its own random stream, so [`roadmap`] is unchanged.
pub fn with_funding_lines(mut roadmap: Roadmap, lines: usize, seed: u64) -> Roadmap {
    use chrono::Datelike;
    use std::collections::BTreeMap;
    let schemes = ["apbn", "apbd", "kpbu", "loan", "grant"];
    let mut rng = Rng(seed ^ 0xF0_4D1E_5C0F);
    let funded: Vec<usize> = (0..roadmap.items.len())
        .filter(|&i| !roadmap.items[i].funding.is_empty())
        .collect();
    let mut total: usize = roadmap.items.iter().map(|i| i.funding.len()).sum();
    let mut next = 0;
    while total < lines && !funded.is_empty() {
        let item = &mut roadmap.items[funded[next % funded.len()]];
        next += 1;
        let (Some(start), Some(end)) = (item.start, item.end) else {
            continue;
        };
        let year = start.year() + rng.below((end.year() - start.year() + 1) as usize) as i32;
        let amount = rng.between(1, 300) as u64 * 1_000_000_000;
        let status = *rng.pick(FundingStatus::ALL);
        item.funding.push(FundingLine {
            scheme: rng.pick(&schemes).to_string(),
            year,
            amount,
            status: Some(status),
            ..Default::default()
        });
        item.cost = Some(item.cost.unwrap_or(0) + amount);
        total += 1;
    }
    let mut booked: BTreeMap<(&str, i32), u64> = BTreeMap::new();
    for line in roadmap.items.iter().flat_map(|i| &i.funding) {
        *booked.entry((line.scheme.as_str(), line.year)).or_default() += line.amount;
    }
    let ceilings: Vec<(String, i32, u64)> = booked
        .into_iter()
        .map(|((scheme, year), sum)| {
            let ceiling = if year % 2 == 0 {
                sum / 10 * 9
            } else {
                sum / 10 * 11
            };
            (scheme.to_string(), year, ceiling)
        })
        .collect();
    for (scheme, year, ceiling) in ceilings {
        if let Some(s) = roadmap.funding_schemes.iter_mut().find(|s| s.id == scheme) {
            s.ceilings.insert(year, ceiling);
        }
    }
    roadmap
}
