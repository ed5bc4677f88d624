//! Synthetic SPBE-like roadmaps of any size, for benchmarks and tests.
//!
//! `peta generate --items N --seed S -o FILE` writes one; benchmarks and tests call
//! [`roadmap`] and [`roadmap_json`] directly. The same `(items, deps_per_item, seed)` always gives
//! the same roadmap, and the roadmap validates without errors (funding warnings such as the
//! budget-cycle gate appear, as in real plans).
//!
//! Whatever the size, the roadmap is one programme of [`FIRST_YEAR`] to [`LAST_YEAR`] run in
//! [`PHASES`] phases, as national plans are (foundations and laws first, then platforms,
//! integration, roll-out). An item belongs to one phase and depends only on items of earlier
//! phases, mostly of its own sector (and on regulations, which gate initiatives across
//! sectors), so no dependency chain is longer than [`PHASES`] items. Links of all four types
//! are sized to the planned dates: most are met by them (FS with a lag when there is room, a
//! lead or an SS link when the predecessor overlaps), and about one in ten asks for up to
//! [`SLIP_DAYS`] more than the plan allows, so schedules slip and have real critical paths.
//! Slip adds up along a chain at most, so the forecast finish is never later than
//! [`latest_forecast_finish`] (mid-2033) at 100 or 100,000 items alike: every date stays in
//! the years TaskJuggler accepts (1970-2035). About 5% of items are milestones and 5%
//! regulations; items carry funding lines over their years and, often, talent needs. The file
//! is grouped by sector, so links point both up and down the file, as in a real roadmap.

use crate::model::{
    Date, Dependency, FundingLine, FundingStatus, Item, Kind, LinkType, Regulation,
    RegulationStage, Roadmap, Sector, TalentNeed,
};

/// The programme's first year (its `start` is 1 January).
pub const FIRST_YEAR: i32 = 2025;
/// The programme's last year (its `end` is 31 December): an eight-year plan.
pub const LAST_YEAR: i32 = 2032;
/// Phases of the programme; an item depends only on items of earlier phases.
pub const PHASES: usize = 7;
/// The most one link asks beyond what the planned dates allow (an optimistic plan).
pub const SLIP_DAYS: i64 = 30;
/// Percentage of links that ask for more than the planned dates allow.
const SLIP_PERCENT: u64 = 10;
/// An FS or FF link that would need a lead longer than this becomes SS, as planners write it.
const MAX_LEAD: i64 = 45;
/// Progress is drawn for items planned to start before this day (as if "today" were near it).
const PROGRESS_BEFORE: (i32, u32, u32) = (2026, 7, 1);

/// The latest forecast finish a generated roadmap can have, whatever its size or seed: the
/// programme's end plus [`SLIP_DAYS`] for each link of the longest possible chain.
pub fn latest_forecast_finish() -> Date {
    let end = Date::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default();
    add_days(end, (PHASES as i64 - 1) * SLIP_DAYS)
}

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

/// Where an item sits in time, as the schedule counts it: the moments (days since the
/// programme's start) at which it starts and finishes. A task from day `s` to day `e` runs from
/// `s` to `e + 1`; a milestone on day `m` sits at `m + 1`, the end of its day.
#[derive(Clone, Copy)]
struct Span {
    start: i64,
    finish: i64,
}

/// A link type and lag from `pred` to `succ`, sized to their planned dates: mostly FS, and met
/// by the plan unless the link is one of the few that ask up to [`SLIP_DAYS`] more. The
/// predecessor is from an earlier phase, so it never starts after the successor: an SS link is
/// always met with a lag of 0.
fn link(rng: &mut Rng, pred: Span, succ: Span) -> (LinkType, i64) {
    // How late the successor's start (FS, SS) or finish (FF, SF) may be bound by the link
    // while the planned dates still meet it: a lag up to this is met.
    let room = |link: LinkType| match link {
        LinkType::FS => succ.start - pred.finish,
        LinkType::SS => succ.start - pred.start,
        LinkType::FF => succ.finish - pred.finish,
        LinkType::SF => succ.finish - pred.start,
    };
    let mut link = match rng.below(100) {
        0..=61 => LinkType::FS,
        62..=79 => LinkType::SS,
        80..=92 => LinkType::FF,
        _ => LinkType::SF,
    };
    if room(link) < -MAX_LEAD {
        link = LinkType::SS;
    }
    let room = room(link);
    let mut lag = if room < 0 {
        // The plan overlaps the two: a lead of exactly the overlap.
        room
    } else {
        match rng.below(10) {
            0..=4 => 0,
            5..=7 if room > 0 => rng.between(1, room.min(45)),
            5..=7 => 0,
            _ => rng.between(-20, -1),
        }
    };
    if room <= 60 && rng.percent(SLIP_PERCENT) {
        lag = room + rng.between(1, SLIP_DAYS);
    }
    (link, lag)
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

/// The items generated so far, by phase, for picking predecessors.
struct Pools {
    /// `[phase][sector]`: items of that phase and sector (sector positions in the roadmap).
    by_sector: Vec<Vec<Vec<usize>>>,
    /// `[phase]`: regulation items of that phase.
    regulations: Vec<Vec<usize>>,
    /// `[phase]`: the index of the first item of that phase; items come in phase order.
    first: Vec<usize>,
}

impl Pools {
    fn new(items: usize, sectors: usize) -> Pools {
        Pools {
            by_sector: vec![vec![Vec::new(); sectors]; PHASES],
            regulations: vec![Vec::new(); PHASES],
            first: (0..=PHASES)
                .map(|phase| (phase * items).div_ceil(PHASES))
                .collect(),
        }
    }

    /// One predecessor for an item of `phase` (at least 1) and `sector`: mostly an item of the
    /// same sector from the phase just before, sometimes a regulation, sometimes any item.
    fn predecessor(&self, rng: &mut Rng, phase: usize, sector: usize) -> usize {
        let earlier_phase = |rng: &mut Rng| {
            if rng.percent(70) {
                phase - 1
            } else {
                rng.below(phase)
            }
        };
        let roll = rng.below(100);
        let pool: &[usize] = if roll < 75 {
            &self.by_sector[earlier_phase(rng)][sector]
        } else if roll < 88 {
            &self.regulations[rng.below(phase)]
        } else {
            let from = earlier_phase(rng);
            let range = self.first[from]..self.first[from + 1];
            if !range.is_empty() {
                return range.start + rng.below(range.len());
            }
            &[]
        };
        if pool.is_empty() {
            // Few items (or none of that sector): any item of an earlier phase.
            rng.below(self.first[phase])
        } else {
            *rng.pick(pool)
        }
    }
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

/// One item of `phase`, in a sector drawn from `sectors` (a regulation goes to the regulation
/// sector): its phase sets when it starts.
fn item(rng: &mut Rng, index: usize, phase: usize, sectors: &[&str]) -> Item {
    let first = Date::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
    let last = Date::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default();
    // One phase starts every `step` days; the last one leaves room for its items to finish.
    let step = ((last - first).num_days() + 1) / (PHASES as i64 + 1);
    let phase_start = step * phase as i64;
    let (year, month, day) = PROGRESS_BEFORE;
    let progress_before = Date::from_ymd_opt(year, month, day).unwrap_or_default();

    let kind = match rng.below(100) {
        0..=4 => Kind::Milestone,
        5..=9 => Kind::Regulation,
        _ => Kind::Initiative,
    };
    let (start, end) = match kind {
        // A go-live closes work of its phase: late in the phase, never past its end.
        Kind::Milestone => {
            let day = add_days(first, phase_start + rng.between(step / 3, step - 1));
            (day, day)
        }
        Kind::Regulation | Kind::Initiative => {
            let start = add_days(first, phase_start + rng.between(0, step * 2 / 3));
            let duration = if kind == Kind::Regulation {
                rng.between(90, 450)
            } else {
                rng.between(30, 365)
            };
            (start, add_days(start, duration - 1).min(last))
        }
    };
    let sector = if kind == Kind::Regulation {
        "regulation".to_string()
    } else {
        rng.pick(sectors).to_string()
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

/// Where `item` sits in time (see [`Span`]).
fn span_of(item: &Item, first: Date) -> Span {
    let offset = |date: Option<Date>| date.map_or(0, |d| (d - first).num_days());
    if item.is_milestone() {
        let moment = offset(item.start) + 1;
        Span {
            start: moment,
            finish: moment,
        }
    } else {
        Span {
            start: offset(item.start),
            finish: offset(item.end) + 1,
        }
    }
}

/// A realistic acyclic roadmap of the programme [`FIRST_YEAR`]-[`LAST_YEAR`] with `items`
/// items and about `items * deps_per_item` links: items of the first phase have none, and the
/// links they would have had are spread over the others (an item never has more links than
/// there are items in earlier phases).
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
    let sector_ids: Vec<&str> = roadmap.sectors.iter().map(|s| s.id.as_str()).collect();
    let choices: Vec<&str> = sector_ids
        .iter()
        .copied()
        .filter(|id| *id != "regulation")
        .collect();
    let first = roadmap.start.unwrap_or_default();
    let mut rng = Rng(seed ^ 0x5EED_0F9E_7A11);
    let mut pools = Pools::new(items, sector_ids.len());
    let (later, deficit) = (items - pools.first[1], pools.first[1] * deps_per_item);
    let mut generated: Vec<Item> = Vec::with_capacity(items);
    let mut spans: Vec<Span> = Vec::with_capacity(items);
    for index in 0..items {
        let phase = index * PHASES / items;
        let mut next = item(&mut rng, index, phase, &choices);
        let sector = sector_ids
            .iter()
            .position(|id| *id == next.sector)
            .unwrap_or(0);
        let span = span_of(&next, first);
        if phase > 0 {
            // This item's share of the first phase's links, spread evenly.
            let j = index - pools.first[1];
            let extra = (j + 1) * deficit / later - j * deficit / later;
            let wanted = (deps_per_item + extra).min(pools.first[phase]);
            let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
            for _ in 0..wanted * 8 {
                if chosen.len() == wanted {
                    break;
                }
                let pred = pools.predecessor(&mut rng, phase, sector);
                if !chosen.contains(&pred) {
                    chosen.push(pred);
                }
            }
            for pred in chosen {
                let (link, lag_days) = link(&mut rng, spans[pred], span);
                next.depends_on.push(Dependency {
                    id: generated[pred].id.clone(),
                    link,
                    lag_days,
                    ..Default::default()
                });
            }
        }
        pools.by_sector[phase][sector].push(index);
        if next.kind == Some(Kind::Regulation) {
            pools.regulations[phase].push(index);
        }
        spans.push(span);
        generated.push(next);
    }
    // Group by sector as planners do; the sort is stable, so each sector keeps time order.
    let mut keyed: Vec<(usize, Item)> = generated
        .into_iter()
        .map(|item| {
            let sector = sector_ids.iter().position(|id| *id == item.sector);
            (sector.unwrap_or(0), item)
        })
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
