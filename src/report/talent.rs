//! Digital talent: how many people of each role the roadmap needs per year, the peak of each
//! role and the items that drive it.
//!
//! A talent line with a `year` counts in that year only. A line without one counts in every
//! year the item is active (from the year of its `start` to the year of its `end`): the people
//! are on the item for its whole run. Lines with an invalid value, without a role, or without a
//! year on an item without usable dates are left out and counted in `skipped_lines`.
//! Headcounts are `u64`: a sum of `u32` counts that cannot overflow with fewer than 2^32 lines.

use super::funding_checks::active_years;
use crate::i18n::Lang;
use crate::model::Roadmap;
use crate::tr;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// One item's share of a role's peak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub item: usize,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRow {
    pub role: String,
    /// Aligned with [`TalentSummary::years`].
    pub per_year: Vec<u64>,
    pub peak: u64,
    /// The first year with the peak headcount; `None` when the role needs nobody.
    pub peak_year: Option<i32>,
    /// Items needing the role in the peak year, most people first, then in file order.
    pub drivers: Vec<Driver>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TalentSummary {
    /// The roadmap's years plus any other year a counted line uses, ascending.
    pub years: Vec<i32>,
    /// Roles in alphabetical order.
    pub roles: Vec<RoleRow>,
    /// All roles per year, aligned with `years`.
    pub year_totals: Vec<u64>,
    pub skipped_lines: usize,
}

impl TalentSummary {
    /// The year needing the most people in all, first one on a tie.
    pub fn peak(&self) -> Option<(i32, u64)> {
        let mut best: Option<(i32, u64)> = None;
        for (&year, &total) in self.years.iter().zip(&self.year_totals) {
            if total > 0 && best.is_none_or(|(_, b)| total > b) {
                best = Some((year, total));
            }
        }
        best
    }
}

pub fn talent_summary(roadmap: &Roadmap) -> TalentSummary {
    // (role, year) -> item -> count, then rows from it. BTreeMaps keep everything ordered.
    let mut needs: BTreeMap<&str, BTreeMap<i32, BTreeMap<usize, u64>>> = BTreeMap::new();
    let mut years: BTreeSet<i32> = match (roadmap.start, roadmap.end) {
        (Some(start), Some(end)) if start <= end => {
            use chrono::Datelike;
            (start.year()..=end.year()).collect()
        }
        _ => BTreeSet::new(),
    };
    let mut skipped_lines = 0;
    for (index, item) in roadmap.items.iter().enumerate() {
        let active = active_years(item);
        for line in &item.talent {
            let span = match (line.year, active) {
                (Some(year), _) => Some((year, year)),
                (None, Some(span)) => Some(span),
                (None, None) => None,
            };
            let Some((first, last)) =
                span.filter(|_| line.invalid.is_empty() && !line.role.is_empty())
            else {
                skipped_lines += 1;
                continue;
            };
            let role = needs.entry(line.role.as_str()).or_default();
            for year in first..=last {
                years.insert(year);
                *role.entry(year).or_default().entry(index).or_default() += u64::from(line.count);
            }
        }
    }
    let years: Vec<i32> = years.into_iter().collect();
    let mut year_totals = vec![0u64; years.len()];
    let column = |year: i32| years.binary_search(&year).ok();
    let mut roles = Vec::with_capacity(needs.len());
    for (role, by_year) in needs {
        let mut per_year = vec![0u64; years.len()];
        for (&year, items) in &by_year {
            if let Some(col) = column(year) {
                let total: u64 = items.values().sum();
                per_year[col] += total;
                year_totals[col] += total;
            }
        }
        let mut peak = 0;
        let mut peak_year = None;
        for (&year, &count) in years.iter().zip(&per_year) {
            if count > peak {
                peak = count;
                peak_year = Some(year);
            }
        }
        let mut drivers: Vec<Driver> = peak_year
            .and_then(|year| by_year.get(&year))
            .map(|items| {
                items
                    .iter()
                    .filter(|(_, &count)| count > 0)
                    .map(|(&item, &count)| Driver { item, count })
                    .collect()
            })
            .unwrap_or_default();
        drivers.sort_by_key(|d| (std::cmp::Reverse(d.count), d.item));
        roles.push(RoleRow {
            role: role.to_string(),
            per_year,
            peak,
            peak_year,
            drivers,
        });
    }
    TalentSummary {
        years,
        roles,
        year_totals,
        skipped_lines,
    }
}

/// At most this many drivers are named per role in the text table.
const DRIVERS_SHOWN: usize = 3;

/// The table printed by `peta talent`.
pub fn talent_text(roadmap: &Roadmap, summary: &TalentSummary) -> String {
    talent_text_in(roadmap, summary, Lang::En)
}

/// [`talent_text`] in a language.
pub fn talent_text_in(roadmap: &Roadmap, summary: &TalentSummary, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", tr!(lang, RepTalentTitle, title = roadmap.title));
    if summary.roles.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, RepTalentNone));
        return out;
    }
    let (role_h, total_h) = (tr!(lang, RepTalentRole), tr!(lang, RepTalentTotal));
    let width = summary
        .roles
        .iter()
        .map(|r| r.role.chars().count())
        .max()
        .unwrap_or(0)
        .max(role_h.chars().count())
        .max(total_h.chars().count());
    out.push('\n');
    let _ = write!(out, "{role_h:width$}");
    for year in &summary.years {
        let _ = write!(out, "  {year:>6}");
    }
    let _ = writeln!(
        out,
        "  {:>6}  {}",
        tr!(lang, RepTalentPeak),
        tr!(lang, RepTalentPeakYear)
    );
    let row = |out: &mut String, name: &str, values: &[u64], peak: u64, year: Option<i32>| {
        let _ = write!(out, "{name:width$}");
        for value in values {
            let _ = write!(out, "  {value:>6}");
        }
        let year = year.map_or("-".to_string(), |y| y.to_string());
        let _ = writeln!(out, "  {peak:>6}  {year}");
    };
    for role in &summary.roles {
        row(
            &mut out,
            &role.role,
            &role.per_year,
            role.peak,
            role.peak_year,
        );
    }
    let (peak_year, peak) = summary.peak().map_or((None, 0), |(y, p)| (Some(y), p));
    row(&mut out, total_h, &summary.year_totals, peak, peak_year);
    let _ = writeln!(out, "\n{}", tr!(lang, RepTalentDrivers));
    for role in summary.roles.iter().filter(|r| r.peak_year.is_some()) {
        let named: Vec<String> = role
            .drivers
            .iter()
            .take(DRIVERS_SHOWN)
            .map(|d| format!("{} ({})", roadmap.items[d.item].id, d.count))
            .collect();
        let more = role.drivers.len().saturating_sub(DRIVERS_SHOWN);
        let more = if more > 0 {
            tr!(lang, RepTalentMore, n = more)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                RepTalentDriverLine,
                role = role.role,
                n = role.peak,
                year = role.peak_year.unwrap_or_default(),
                items = named.join(", "),
                more = more
            )
        );
    }
    if summary.skipped_lines > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            tr!(lang, RepTalentSkipped, n = summary.skipped_lines)
        );
    }
    out
}

/// The summary for other tools: every figure, drivers in full.
pub fn talent_json(roadmap: &Roadmap, summary: &TalentSummary) -> Value {
    let roles: Vec<Value> = summary
        .roles
        .iter()
        .map(|role| {
            json!({
                "role": role.role,
                "per_year": per_year(&summary.years, &role.per_year),
                "peak": role.peak,
                "peak_year": role.peak_year,
                "drivers": role.drivers.iter().map(|d| json!({
                    "id": roadmap.items[d.item].id,
                    "count": d.count,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let peak = summary.peak();
    json!({
        "years": summary.years,
        "roles": roles,
        "year_totals": per_year(&summary.years, &summary.year_totals),
        "peak_year": peak.map(|(y, _)| y),
        "peak": peak.map_or(0, |(_, p)| p),
        "skipped_lines": summary.skipped_lines,
    })
}

fn per_year(years: &[i32], values: &[u64]) -> Value {
    let map: serde_json::Map<String, Value> = years
        .iter()
        .zip(values)
        .map(|(year, value)| (year.to_string(), json!(value)))
        .collect();
    Value::Object(map)
}
