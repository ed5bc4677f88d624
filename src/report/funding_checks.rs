//! Warnings about where money sits in time: funding lines in years the item is not active,
//! schemes over their yearly ceiling, and the budget-cycle gate (an item active in a budget
//! year with no committed money for that year). Also which critical items lack committed money.
//!
//! Budget years are calendar years (Indonesia's fiscal year runs January to December), and an
//! item is active in every year from the year of its `start` to the year of its `end`.
//! Only lines that count (see [`super::funding`]) are looked at.

use super::funding::{item_totals, line_counts, summarize_each, FundingSummary, Totals};
use super::money::format_money;
use crate::model::{FundingStatus, Item, Location, Problem, Roadmap};
use crate::schedule::Schedule;
use chrono::Datelike;

/// A funding line booked in a year the item is not active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideLine {
    pub item: usize,
    /// Index in the item's `funding`.
    pub line: usize,
    pub year: i32,
    /// The item's active years.
    pub first: i32,
    pub last: i32,
}

/// A scheme whose lines in one year add up to more than its ceiling for that year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CeilingBreach {
    /// Index in the roadmap's `funding_schemes`.
    pub scheme: usize,
    pub year: i32,
    pub ceiling: u64,
    /// Every counted line of the scheme and year, whatever its status.
    pub total: u128,
}

impl CeilingBreach {
    pub fn over(&self) -> u128 {
        self.total - u128::from(self.ceiling)
    }
}

/// An item that costs money, is active in these years and has no committed or disbursed
/// money booked for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfundedYears {
    pub item: usize,
    pub years: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundingChecks {
    pub outside: Vec<OutsideLine>,
    pub breaches: Vec<CeilingBreach>,
    pub unfunded: Vec<UnfundedYears>,
}

/// The first and last year the item is active, when it has usable dates.
pub fn active_years(item: &Item) -> Option<(i32, i32)> {
    match (item.start, item.end) {
        (Some(start), Some(end)) if start <= end => Some((start.year(), end.year())),
        _ => None,
    }
}

/// The roadmap's first and last year, when its dates are usable.
pub fn roadmap_years(roadmap: &Roadmap) -> Option<(i32, i32)> {
    match (roadmap.start, roadmap.end) {
        (Some(start), Some(end)) if start <= end => Some((start.year(), end.year())),
        _ => None,
    }
}

/// Whether the budget-cycle gate applies: the item needs money and is not finished.
fn needs_money(item: &Item) -> bool {
    item.cost.is_some_and(|cost| cost > 0) && item.progress < 100 && !item.is_milestone()
}

pub fn funding_checks(roadmap: &Roadmap) -> FundingChecks {
    let mut checks = FundingChecks::default();
    let years = roadmap_years(roadmap);
    let summary = summarize_each(roadmap, None, |index, item, _| {
        check_item(years, index, item, &mut checks)
    });
    check_ceilings(roadmap, &summary, &mut checks);
    checks
}

/// The checks of one item (lines outside its years, the budget-cycle gate), added to `checks`.
/// `roadmap_years` is [`roadmap_years`] of its roadmap.
pub fn check_item(
    roadmap_years: Option<(i32, i32)>,
    index: usize,
    item: &Item,
    checks: &mut FundingChecks,
) {
    let Some((first, last)) = active_years(item) else {
        return;
    };
    for (line_index, line) in item.funding.iter().enumerate() {
        // Lines outside the roadmap's years already have their own warning.
        let in_roadmap = roadmap_years.is_none_or(|(a, b)| (a..=b).contains(&line.year));
        if line_counts(line) && in_roadmap && !(first..=last).contains(&line.year) {
            checks.outside.push(OutsideLine {
                item: index,
                line: line_index,
                year: line.year,
                first,
                last,
            });
        }
    }
    if needs_money(item) {
        let years: Vec<i32> = (first..=last)
            .filter(|&year| {
                !item.funding.iter().any(|line| {
                    line_counts(line)
                        && line.year == year
                        && matches!(
                            line.status,
                            Some(FundingStatus::Committed | FundingStatus::Disbursed)
                        )
                })
            })
            .collect();
        if !years.is_empty() {
            checks.unfunded.push(UnfundedYears { item: index, years });
        }
    }
}

/// Schemes over their ceiling in some year, from the whole roadmap's summary.
pub fn check_ceilings(roadmap: &Roadmap, summary: &FundingSummary, checks: &mut FundingChecks) {
    for (scheme_index, scheme) in roadmap.funding_schemes.iter().enumerate() {
        // A duplicated id is an error of its own; its money is counted on the first one.
        let Some(row) = summary
            .schemes
            .iter()
            .find(|row| row.known && row.id == scheme.id)
        else {
            continue;
        };
        for (&year, &ceiling) in &scheme.ceilings {
            let total = summary
                .years
                .binary_search(&year)
                .map_or(0, |col| row.per_year[col]);
            if total > u128::from(ceiling) {
                checks.breaches.push(CeilingBreach {
                    scheme: scheme_index,
                    year,
                    ceiling,
                    total,
                });
            }
        }
    }
}

fn years_text(years: &[i32]) -> String {
    let words: Vec<String> = years.iter().map(i32::to_string).collect();
    words.join(", ")
}

/// The checks as `peta check` warnings: schemes first, then items in file order.
pub fn funding_problems(roadmap: &Roadmap) -> Vec<Problem> {
    let checks = funding_checks(roadmap);
    let currency = roadmap.currency.as_str();
    let mut problems = Vec::new();
    for breach in &checks.breaches {
        let scheme = &roadmap.funding_schemes[breach.scheme];
        problems.push(Problem::warning(
            Location::FundingScheme {
                index: breach.scheme,
                id: scheme.id.clone(),
            },
            format!("ceilings.{}", breach.year),
            crate::text!(
                CheckCeiling,
                year = breach.year,
                total = format_money(breach.total, currency),
                over = format_money(breach.over(), currency),
                ceiling = format_money(u128::from(breach.ceiling), currency),
            ),
        ));
    }
    let location = |index: usize| Location::Item {
        index,
        id: roadmap.items[index].id.clone(),
    };
    // Both lists are in item order; merge them so each item's warnings stay together.
    let mut item_problems: Vec<(usize, usize, Problem)> = Vec::new();
    for outside in &checks.outside {
        let message = if outside.first == outside.last {
            crate::text!(
                CheckLineOutsideYear,
                year = outside.year,
                first = outside.first
            )
        } else {
            crate::text!(
                CheckLineOutsideYears,
                year = outside.year,
                first = outside.first,
                last = outside.last
            )
        };
        item_problems.push((
            outside.item,
            outside.line,
            Problem::warning(
                location(outside.item),
                format!("funding[{}].year", outside.line),
                message,
            ),
        ));
    }
    for unfunded in &checks.unfunded {
        let years = &unfunded.years;
        let years_text = years_text(years);
        let message = if years.len() == 1 {
            crate::text!(CheckUnfundedYear, years = years_text)
        } else {
            crate::text!(CheckUnfundedYears, years = years_text)
        };
        item_problems.push((
            unfunded.item,
            usize::MAX,
            Problem::warning(location(unfunded.item), "funding", message),
        ));
    }
    item_problems.sort_by_key(|(item, line, _)| (*item, *line));
    problems.extend(item_problems.into_iter().map(|(_, _, p)| p));
    problems
}

/// A critical item whose cost is not covered by committed (or disbursed) money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfundedCritical {
    pub item: usize,
    pub totals: Totals,
}

/// The "funded critical path": critical items with a gap, in file order.
pub fn unfunded_critical(roadmap: &Roadmap, schedule: &Schedule) -> Vec<UnfundedCritical> {
    roadmap
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| schedule.items.get(*i).is_some_and(|s| s.critical))
        .map(|(item, it)| UnfundedCritical {
            item,
            totals: item_totals(it),
        })
        .filter(|u| u.totals.gap > 0)
        .collect()
}
