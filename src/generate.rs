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

/// An item's kind and planned days (inclusive, in days since the programme's start).
#[derive(Clone, Copy)]
struct Plan {
    kind: Kind,
    start: i64,
    end: i64,
}

impl Plan {
    fn span(self) -> Span {
        if self.kind == Kind::Milestone {
            Span {
                start: self.start + 1,
                finish: self.start + 1,
            }
        } else {
            Span {
                start: self.start,
                finish: self.end + 1,
            }
        }
    }

    fn duration(self) -> i64 {
        self.span().finish - self.span().start
    }

    /// The same item planned to start on `start`, ending by `last` at the latest.
    fn starting(self, start: i64, last: i64) -> Plan {
        Plan {
            start,
            end: (self.end + start - self.start).min(last),
            ..self
        }
    }
}

/// The phases' calendar: phase `k` starts `k * step` days into the programme, and the last
/// phase leaves room for its items to finish.
#[derive(Clone, Copy)]
struct Calendar {
    step: i64,
    /// The programme's last day, in days since its start.
    last: i64,
}

impl Calendar {
    fn new() -> Calendar {
        let first = Date::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
        let last = Date::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or_default();
        let last = (last - first).num_days();
        Calendar {
            step: (last + 1) / (PHASES as i64 + 1),
            last,
        }
    }

    /// The days an item of `phase` may start on: work in the first two thirds of the phase,
    /// a go-live milestone (closing work of its phase) in the last two thirds. Either way an
    /// item never starts after any item of a later phase.
    fn window(self, kind: Kind, phase: usize) -> (i64, i64) {
        let begin = self.step * phase as i64;
        if kind == Kind::Milestone {
            (begin + self.step / 3, begin + self.step - 1)
        } else {
            (begin, begin + self.step * 2 / 3)
        }
    }

    /// The days an item of `phase` may be planned to start on when its links ask for it:
    /// anywhere in its phase from its window's first day on.
    fn tight_window(self, kind: Kind, phase: usize) -> (i64, i64) {
        let (low, _) = self.window(kind, phase);
        (low, self.step * (phase as i64 + 1) - 1)
    }

    fn plan(self, rng: &mut Rng, phase: usize) -> Plan {
        let kind = match rng.below(100) {
            0..=4 => Kind::Milestone,
            5..=9 => Kind::Regulation,
            _ => Kind::Initiative,
        };
        let (low, high) = self.window(kind, phase);
        let start = rng.between(low, high);
        let duration = match kind {
            Kind::Milestone => 1,
            Kind::Regulation => rng.between(90, 450),
            Kind::Initiative => rng.between(30, 365),
        };
        Plan {
            kind,
            start,
            end: (start + duration - 1).min(self.last),
        }
    }
}

/// A link type and the lag a planner would first write: mostly FS, leads now and then.
fn intended_link(rng: &mut Rng) -> (LinkType, i64) {
    let link = match rng.below(100) {
        0..=61 => LinkType::FS,
        62..=79 => LinkType::SS,
        80..=92 => LinkType::FF,
        _ => LinkType::SF,
    };
    let lag = match rng.below(10) {
        0..=4 => 0,
        5..=7 => rng.between(1, 45),
        _ => rng.between(-20, -1),
    };
    (link, lag)
}

/// The earliest start moment a link asks of a successor lasting `duration` days.
fn required_start(link: LinkType, lag: i64, pred: Span, duration: i64) -> i64 {
    match link {
        LinkType::FS => pred.finish + lag,
        LinkType::SS => pred.start + lag,
        LinkType::FF => pred.finish + lag - duration,
        LinkType::SF => pred.start + lag - duration,
    }
}

/// The intended link fitted to the planned dates: kept when the plan meets it, else given the
/// lag (a lead when the plan overlaps the two) that the plan meets exactly, or made SS when an
/// FS or FF link would need a lead over [`MAX_LEAD`] days. Then one link in ten asks for up to
/// [`SLIP_DAYS`] more than the plan allows. The predecessor is from an earlier phase, so it
/// never starts after the successor: an SS link is always met with a lag of 0.
fn fit(rng: &mut Rng, (link, lag): (LinkType, i64), pred: Span, succ: Span) -> (LinkType, i64) {
    // The largest lag the planned dates still meet.
    let room = |link: LinkType| match link {
        LinkType::FS => succ.start - pred.finish,
        LinkType::SS => succ.start - pred.start,
        LinkType::FF => succ.finish - pred.finish,
        LinkType::SF => succ.finish - pred.start,
    };
    let mut link = link;
    if lag > room(link) && room(link) < -MAX_LEAD {
        link = LinkType::SS;
    }
    let room = room(link);
    let mut lag = lag.min(room);
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

/// The item planned by `plan`, in `sector`, with the rest of its fields drawn.
fn item(rng: &mut Rng, index: usize, plan: Plan, sector: &str) -> Item {
    let first = Date::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or_default();
    let (start, end) = (add_days(first, plan.start), add_days(first, plan.end));
    let kind = plan.kind;
    let (year, month, day) = PROGRESS_BEFORE;
    let progress_before = Date::from_ymd_opt(year, month, day).unwrap_or_default();
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
        sector: sector.to_string(),
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
    let calendar = Calendar::new();
    let mut rng = Rng(seed ^ 0x5EED_0F9E_7A11);
    let mut pools = Pools::new(items, sector_ids.len());
    let (later, deficit) = (items - pools.first[1], pools.first[1] * deps_per_item);
    let mut generated: Vec<Item> = Vec::with_capacity(items);
    let mut spans: Vec<Span> = Vec::with_capacity(items);
    for index in 0..items {
        let phase = index * PHASES / items;
        let mut plan = calendar.plan(&mut rng, phase);
        let sector = if plan.kind == Kind::Regulation {
            "regulation"
        } else {
            rng.pick(&choices)
        };
        let sector_index = sector_ids.iter().position(|id| *id == sector).unwrap_or(0);
        let mut links: Vec<(usize, (LinkType, i64))> = Vec::new();
        if phase > 0 {
            // This item's share of the first phase's links, spread evenly.
            let j = index - pools.first[1];
            let extra = (j + 1) * deficit / later - j * deficit / later;
            let wanted = (deps_per_item + extra).min(pools.first[phase]);
            for _ in 0..wanted * 8 {
                if links.len() == wanted {
                    break;
                }
                let pred = pools.predecessor(&mut rng, phase, sector_index);
                if links.iter().all(|(chosen, _)| *chosen != pred) {
                    links.push((pred, intended_link(&mut rng)));
                }
            }
            // Most items are planned to start as soon as their links allow, when that falls
            // in their phase: tight chains, as in real plans, along which slip travels.
            if rng.percent(85) {
                let offset = i64::from(plan.kind == Kind::Milestone);
                let wanted_start = links
                    .iter()
                    .map(|&(pred, (link, lag))| {
                        required_start(link, lag, spans[pred], plan.duration()) - offset
                    })
                    .max();
                let (low, high) = calendar.tight_window(plan.kind, phase);
                if let Some(start) = wanted_start.filter(|s| (low..=high).contains(s)) {
                    plan = plan.starting(start, calendar.last);
                }
            }
        }
        let span = plan.span();
        let mut next = item(&mut rng, index, plan, sector);
        for (pred, intended) in links {
            let (link, lag_days) = fit(&mut rng, intended, spans[pred], span);
            next.depends_on.push(Dependency {
                id: generated[pred].id.clone(),
                link,
                lag_days,
                ..Default::default()
            });
        }
        pools.by_sector[phase][sector_index].push(index);
        if plan.kind == Kind::Regulation {
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
    roadmap.items = keyed.into_iter().map(|(_, item)| Box::new(item)).collect();
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
