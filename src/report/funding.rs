//! Money totals: what the roadmap costs, what is funded by which scheme in which year, and
//! the gap between cost and committed money.
//!
//! Counting rules:
//! - A funding line counts only when it is usable: nothing kept in its `invalid` map (a bad
//!   amount, year, status or scheme) and a year. Other lines count as 0 and are tallied in
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
use std::collections::{BTreeSet, HashMap};

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
    pub totals: Totals,
    /// Funding lines left out because of an invalid value or a missing year.
    pub skipped_lines: usize,
}

/// Whether a funding line counts (see the module rules).
pub fn line_counts(line: &FundingLine) -> bool {
    line.invalid.is_empty() && line.year != 0
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

/// Totals of the whole roadmap, or of one sector's items with `sector = Some(id)`.
pub fn summarize(roadmap: &Roadmap, sector: Option<&str>) -> FundingSummary {
    let items: Vec<&Item> = roadmap
        .items
        .iter()
        .filter(|item| sector.is_none_or(|id| item.sector == id))
        .collect();

    let mut years = roadmap_years(roadmap);
    let mut skipped_lines = 0;
    for item in &items {
        for line in &item.funding {
            if line_counts(line) {
                years.insert(line.year);
            } else {
                skipped_lines += 1;
            }
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let column = |year: i32| years.binary_search(&year).ok();
    let zeros = vec![0u128; years.len()];

    let mut schemes: Vec<SchemeRow> = roadmap
        .funding_schemes
        .iter()
        .map(|s| SchemeRow {
            id: s.id.clone(),
            name: s.name.clone(),
            known: true,
            per_year: zeros.clone(),
            total: 0,
        })
        .collect();
    let mut scheme_row: HashMap<&str, usize> = HashMap::new();
    for (i, s) in roadmap.funding_schemes.iter().enumerate() {
        scheme_row.entry(s.id.as_str()).or_insert(i);
    }

    let mut sectors: Vec<SectorRow> = roadmap
        .sectors
        .iter()
        .filter(|s| sector.is_none_or(|id| s.id == id))
        .map(|s| SectorRow {
            id: s.id.clone(),
            name: s.name.clone(),
            known: true,
            per_year: zeros.clone(),
            totals: Totals::default(),
        })
        .collect();
    let mut sector_row: HashMap<&str, usize> = HashMap::new();
    let shown = roadmap
        .sectors
        .iter()
        .filter(|s| sector.is_none_or(|id| s.id == id));
    for (i, s) in shown.enumerate() {
        sector_row.entry(s.id.as_str()).or_insert(i);
    }
    let (mut unknown_sector, mut unknown_scheme) = (None, None);

    let mut year_totals = zeros.clone();
    let mut totals = Totals::default();
    for item in items {
        let item_sums = item_totals(item);
        totals.add(&item_sums);
        let row = match sector_row.get(item.sector.as_str()) {
            Some(&row) => row,
            None => *unknown_sector.get_or_insert_with(|| {
                sectors.push(SectorRow {
                    id: String::new(),
                    name: UNKNOWN_SECTOR.to_string(),
                    known: false,
                    per_year: zeros.clone(),
                    totals: Totals::default(),
                });
                sectors.len() - 1
            }),
        };
        sectors[row].totals.add(&item_sums);
        for line in item.funding.iter().filter(|l| line_counts(l)) {
            let Some(col) = column(line.year) else {
                continue;
            };
            let amount = u128::from(line.amount);
            sectors[row].per_year[col] += amount;
            year_totals[col] += amount;
            let scheme = match scheme_row.get(line.scheme.as_str()) {
                Some(&i) => i,
                None => *unknown_scheme.get_or_insert_with(|| {
                    schemes.push(SchemeRow {
                        id: String::new(),
                        name: UNKNOWN_SCHEME.to_string(),
                        known: false,
                        per_year: zeros.clone(),
                        total: 0,
                    });
                    schemes.len() - 1
                }),
            };
            schemes[scheme].per_year[col] += amount;
            schemes[scheme].total += amount;
        }
    }

    FundingSummary {
        currency: roadmap.currency.clone(),
        sector: sector.map(str::to_string),
        years,
        schemes,
        sectors,
        year_totals,
        totals,
        skipped_lines,
    }
}
