//! Money totals: what the roadmap costs, what is funded by which scheme in which year, and
//! the gap between cost and committed money.
//!
//! Counting rules:
//! - A funding line counts only when it is usable: nothing kept in its `invalid` map (a bad
//!   amount, year, status or scheme) and a year from 1900 to 2200. Other lines count as 0 and are tallied in
//!   `skipped_lines`, since there is no telling where their money belongs.
//! - A line without a status counts as proposed: money nobody has committed yet.
//! - `committed` includes disbursed money; `funded` is every counted line, so
//!   `funded = proposed + committed`.
//! - `gap = cost - committed` and `unfunded = cost - funded`, both at least 0.
//! - An item without a (valid) cost costs 0.
//!
//! All sums are `u128`: amounts are `u64` and many of them can exceed it, while a `u128` sum of
//! `u64` amounts cannot overflow with fewer than 2^64 lines (more than any memory holds).

use crate::model::{FundingLine, FundingStatus, Item, Roadmap};
use chrono::Datelike;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// Name of the row for lines whose scheme is not one of the roadmap's.
pub const UNKNOWN_SCHEME: &str = "(unknown scheme)";
/// Name of the row for items whose sector is not one of the roadmap's.
pub const UNKNOWN_SECTOR: &str = "(unknown sector)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub cost: u128,
    pub funded: u128,
    /// Committed or disbursed.
    pub committed: u128,
    pub disbursed: u128,
    /// Proposed or without a status.
    pub proposed: u128,
    /// Cost not covered by committed money.
    pub gap: u128,
    /// Cost not covered by any funding line.
    pub unfunded: u128,
}

impl Totals {
    fn add_line(&mut self, line: &FundingLine) {
        let amount = u128::from(line.amount);
        self.funded += amount;
        match line.status {
            Some(FundingStatus::Disbursed) => {
                self.committed += amount;
                self.disbursed += amount;
            }
            Some(FundingStatus::Committed) => self.committed += amount,
            Some(FundingStatus::Proposed) | None => self.proposed += amount,
        }
    }

    fn add(&mut self, other: &Totals) {
        self.cost += other.cost;
        self.funded += other.funded;
        self.committed += other.committed;
        self.disbursed += other.disbursed;
        self.proposed += other.proposed;
        self.settle();
    }

    fn settle(&mut self) {
        self.gap = self.cost.saturating_sub(self.committed);
        self.unfunded = self.cost.saturating_sub(self.funded);
    }
}

/// One funding scheme's money per year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeRow {
    /// Empty for the unknown-scheme row.
    pub id: String,
    pub name: String,
    /// False for the row that collects lines naming no known scheme.
    pub known: bool,
    /// Aligned with [`FundingSummary::years`].
    pub per_year: Vec<u128>,
    pub total: u128,
}

/// One sector's funding per year, and its money totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectorRow {
    /// Empty for the unknown-sector row.
    pub id: String,
    pub name: String,
    pub known: bool,
    /// Funding per year, aligned with [`FundingSummary::years`].
    pub per_year: Vec<u128>,
    /// `totals.funded` is the sum of `per_year`.
    pub totals: Totals,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundingSummary {
    pub currency: String,
    /// The sector the summary is limited to, if any.
    pub sector: Option<String>,
    /// Every year of the roadmap plus any other year a counted line uses, ascending.
    pub years: Vec<i32>,
    /// The roadmap's schemes in order, then the unknown-scheme row if some line needs it.
    pub schemes: Vec<SchemeRow>,
    /// The roadmap's sectors in order (only the chosen one when limited), then the
    /// unknown-sector row if some counted item needs it.
    pub sectors: Vec<SectorRow>,
    /// All schemes per year, aligned with `years`.
    pub year_totals: Vec<u128>,
    /// All schemes per year by status, aligned with `years`.
    pub status_per_year: Vec<YearStatus>,
    pub totals: Totals,
    /// Funding lines left out because of an invalid value or a missing year.
    pub skipped_lines: usize,
}

/// Whether a funding line counts (see the module rules).
pub fn line_counts(line: &FundingLine) -> bool {
    line.invalid.is_empty() && slot(line.year).is_some()
}

/// Cost and funding of one item under the module's rules.
pub fn item_totals(item: &Item) -> Totals {
    let mut totals = Totals {
        cost: item.cost.map_or(0, u128::from),
        ..Default::default()
    };
    for line in item.funding.iter().filter(|l| line_counts(l)) {
        totals.add_line(line);
    }
    totals.settle();
    totals
}

/// The item's cost not covered by committed (or disbursed) money.
pub fn item_gap(item: &Item) -> u128 {
    item_totals(item).gap
}

fn roadmap_years(roadmap: &Roadmap) -> BTreeSet<i32> {
    match (roadmap.start, roadmap.end) {
        (Some(start), Some(end)) if start <= end => (start.year()..=end.year()).collect(),
        (start, end) => start.into_iter().chain(end).map(|d| d.year()).collect(),
    }
}

/// Budget years a line may use (the format's range): money is gathered in one slot per year,
/// so a line is placed without searching.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2200;
const SLOTS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

fn slot(year: i32) -> Option<usize> {
    (FIRST_YEAR..=LAST_YEAR)
        .contains(&year)
        .then(|| (year - FIRST_YEAR) as usize)
}

/// Counted money of one year by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearStatus {
    /// Proposed or without a status.
    pub proposed: u128,
    /// Committed and not yet disbursed.
    pub committed: u128,
    pub disbursed: u128,
}

impl YearStatus {
    pub fn total(&self) -> u128 {
        self.proposed + self.committed + self.disbursed
    }
}

/// Totals of the whole roadmap, or of one sector's items with `sector = Some(id)`.
pub fn summarize(roadmap: &Roadmap, sector: Option<&str>) -> FundingSummary {
    summarize_each(roadmap, sector, |_, _, _| {})
}

/// Which row a funding line's scheme goes to. Roadmaps have a handful of schemes, where
/// comparing the names beats hashing them; a long list gets a map.
enum SchemeIndex<'a> {
    Few(Vec<&'a str>),
    Many(HashMap<&'a str, usize>),
}

impl<'a> SchemeIndex<'a> {
    fn new(roadmap: &'a Roadmap) -> Self {
        let ids = roadmap.funding_schemes.iter().map(|s| s.id.as_str());
        if roadmap.funding_schemes.len() <= 16 {
            // `position` finds the first of duplicated ids, like the map's `or_insert`.
            SchemeIndex::Few(ids.collect())
        } else {
            let mut map = HashMap::default();
            for (i, id) in ids.enumerate() {
                map.entry(id).or_insert(i);
            }
            SchemeIndex::Many(map)
        }
    }

    fn get(&self, id: &str) -> Option<usize> {
        match self {
            SchemeIndex::Few(ids) => ids.iter().position(|&known| known == id),
            SchemeIndex::Many(map) => map.get(id).copied(),
        }
    }
}

/// [`summarize`], calling `per_item` with each counted item, its index and its totals on the
/// way: callers that need per-item figures (gaps, checks) get them in the same single pass
/// over the lines, which is what keeps 300,000 lines fast.
pub fn summarize_each(
    roadmap: &Roadmap,
    sector: Option<&str>,
    mut per_item: impl FnMut(usize, &Item, &Totals),
) -> FundingSummary {
    let schemes_index = SchemeIndex::new(roadmap);
    let mut sector_row: HashMap<&str, usize> = HashMap::default();
    let shown: Vec<&crate::model::Sector> = roadmap
        .sectors
        .iter()
        .filter(|s| sector.is_none_or(|id| s.id == id))
        .collect();
    for (i, s) in shown.iter().enumerate() {
        sector_row.entry(s.id.as_str()).or_insert(i);
    }
    // Dense per-year sums; the rows past the roadmap's own are the unknown ones.
    let unknown_scheme_row = roadmap.funding_schemes.len();
    let unknown_sector_row = shown.len();
    let mut scheme_years = vec![[0u128; SLOTS]; unknown_scheme_row + 1];
    let mut sector_years = vec![[0u128; SLOTS]; unknown_sector_row + 1];
    let mut sector_totals = vec![Totals::default(); unknown_sector_row + 1];
    let mut status_years = vec![YearStatus::default(); SLOTS];
    let mut used = [false; SLOTS];
    let (mut unknown_sector_used, mut unknown_scheme_used) = (false, false);
    let mut totals = Totals::default();
    let mut skipped_lines = 0;

    let items = roadmap
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| sector.is_none_or(|id| item.sector == id));
    for (index, item) in items {
        let row = match sector_row.get(item.sector.as_str()) {
            Some(&row) => row,
            None => {
                unknown_sector_used = true;
                unknown_sector_row
            }
        };
        let mut item_sums = Totals {
            cost: item.cost.map_or(0, u128::from),
            ..Default::default()
        };
        for line in &item.funding {
            let Some(at) = slot(line.year).filter(|_| line.invalid.is_empty()) else {
                skipped_lines += 1;
                continue;
            };
            item_sums.add_line(line);
            let amount = u128::from(line.amount);
            used[at] = true;
            sector_years[row][at] += amount;
            let scheme = schemes_index.get(&line.scheme).unwrap_or_else(|| {
                unknown_scheme_used = true;
                unknown_scheme_row
            });
            scheme_years[scheme][at] += amount;
            let cell = &mut status_years[at];
            match line.status {
                Some(FundingStatus::Disbursed) => cell.disbursed += amount,
                Some(FundingStatus::Committed) => cell.committed += amount,
                Some(FundingStatus::Proposed) | None => cell.proposed += amount,
            }
        }
        item_sums.settle();
        sector_totals[row].add(&item_sums);
        totals.add(&item_sums);
        per_item(index, item, &item_sums);
    }

    let mut years = roadmap_years(roadmap);
    years.extend(
        (0..SLOTS)
            .filter(|&at| used[at])
            .map(|at| FIRST_YEAR + at as i32),
    );
    let years: Vec<i32> = years.into_iter().collect();
    let pick = |dense: &[u128; SLOTS]| -> Vec<u128> {
        years
            .iter()
            .map(|&y| slot(y).map_or(0, |at| dense[at]))
            .collect()
    };
    let mut schemes: Vec<SchemeRow> = roadmap
        .funding_schemes
        .iter()
        .map(|s| (s.id.clone(), s.name.clone(), true))
        .chain(unknown_scheme_used.then(|| (String::new(), UNKNOWN_SCHEME.to_string(), false)))
        .zip(&scheme_years)
        .map(|((id, name, known), dense)| {
            let per_year = pick(dense);
            SchemeRow {
                id,
                name,
                known,
                total: per_year.iter().sum(),
                per_year,
            }
        })
        .collect();
    schemes.shrink_to_fit();
    let sectors: Vec<SectorRow> = shown
        .iter()
        .map(|s| (s.id.clone(), s.name.clone(), true))
        .chain(unknown_sector_used.then(|| (String::new(), UNKNOWN_SECTOR.to_string(), false)))
        .zip(sector_years.iter().zip(&sector_totals))
        .map(|((id, name, known), (dense, totals))| SectorRow {
            id,
            name,
            known,
            per_year: pick(dense),
            totals: *totals,
        })
        .collect();
    let status_per_year: Vec<YearStatus> = years
        .iter()
        .map(|&y| slot(y).map_or_else(YearStatus::default, |at| status_years[at]))
        .collect();
    let year_totals = status_per_year.iter().map(YearStatus::total).collect();

    FundingSummary {
        currency: roadmap.currency.clone(),
        sector: sector.map(str::to_string),
        years,
        schemes,
        sectors,
        year_totals,
        status_per_year,
        totals,
        skipped_lines,
    }
}
