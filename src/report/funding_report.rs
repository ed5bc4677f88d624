//! `peta funding`: the money tables for people (compact amounts) and for tools (exact JSON).

use super::funding::{item_totals, summarize_each, FundingSummary, Totals, YearStatus};
use super::funding_checks::{check_ceilings, check_item, roadmap_years, FundingChecks};
use crate::i18n::{Lang, M};
use crate::model::{Roadmap, SchemeKind};
use crate::schedule::Schedule;
use crate::tr;
use serde_json::{json, Value};
use std::fmt::Write;

/// Which table `peta funding` prints first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    #[default]
    Scheme,
    Sector,
    Year,
}

/// Everything `peta funding` shows, computed once.
pub struct FundingReport {
    pub summary: FundingSummary,
    pub by_year: Vec<YearStatus>,
    pub checks: FundingChecks,
    /// Items with a gap and the gap, largest first (file order on ties).
    pub gaps: Vec<(usize, u128)>,
    /// Critical items with a gap, in file order.
    pub unfunded_critical: Vec<usize>,
}

pub fn funding_report(roadmap: &Roadmap, schedule: &Schedule) -> FundingReport {
    let mut checks = FundingChecks::default();
    let mut gaps = Vec::new();
    let mut unfunded_critical = Vec::new();
    let years = roadmap_years(roadmap);
    let summary = summarize_each(roadmap, None, |index, item, totals| {
        check_item(years, index, item, &mut checks);
        if totals.gap > 0 {
            gaps.push((index, totals.gap));
            if schedule.items.get(index).is_some_and(|s| s.critical) {
                unfunded_critical.push(index);
            }
        }
    });
    check_ceilings(roadmap, &summary, &mut checks);
    // Indices are unique, so the unstable sort gives one order.
    gaps.sort_unstable_by_key(|&(i, gap)| (std::cmp::Reverse(gap), i));
    FundingReport {
        by_year: summary.status_per_year.clone(),
        summary,
        checks,
        gaps,
        unfunded_critical,
    }
}

/// Rows of text cells printed as a table: the first column left-aligned, the rest right.
fn table(out: &mut String, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c == 0 {
                let _ = write!(line, "{cell:<w$}", w = widths[0]);
            } else {
                let _ = write!(line, "  {cell:>w$}", w = widths[c]);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Items with a gap listed in the text; the JSON has them all.
const GAPS_SHOWN: usize = 10;

pub fn funding_text(roadmap: &Roadmap, report: &FundingReport, by: By) -> String {
    funding_text_in(roadmap, report, by, Lang::En)
}

/// [`funding_text`] in a language, with the language's money separators.
pub fn funding_text_in(roadmap: &Roadmap, report: &FundingReport, by: By, lang: Lang) -> String {
    let s = &report.summary;
    let money = |amount: u128| lang.money(amount, &s.currency);
    let h = |key: M| lang.t(key).to_string();
    let mut out = String::new();
    let _ = writeln!(out, "{}", tr!(lang, RepFundTitle, title = roadmap.title));
    let t = &s.totals;
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            RepFundTotals,
            cost = money(t.cost),
            funded = money(t.funded),
            committed = money(t.committed),
            disbursed = money(t.disbursed),
            proposed = money(t.proposed)
        )
    );
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            RepFundGap,
            gap = money(t.gap),
            unfunded = money(t.unfunded)
        )
    );
    out.push('\n');
    let years: Vec<String> = s.years.iter().map(i32::to_string).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    match by {
        By::Scheme => {
            let mut header = vec![h(M::RepFundScheme), h(M::RepFundKind)];
            header.extend(years.iter().cloned());
            header.push(h(M::RepFundTotal));
            rows.push(header);
            for row in &s.schemes {
                let scheme = roadmap
                    .funding_schemes
                    .iter()
                    .find(|f| row.known && f.id == row.id);
                let kind = scheme
                    .and_then(|f| f.kind)
                    .map_or("-", |k: SchemeKind| k.label(lang));
                let mut cells = vec![
                    if row.known {
                        row.id.clone()
                    } else {
                        row.name.clone()
                    },
                    kind.to_string(),
                ];
                for (year, &amount) in s.years.iter().zip(&row.per_year) {
                    let breached =
                        report.checks.breaches.iter().any(|b| {
                            b.year == *year && roadmap.funding_schemes[b.scheme].id == row.id
                        });
                    let mark = if breached && row.known { " !" } else { "" };
                    cells.push(format!("{}{mark}", money(amount)));
                }
                cells.push(money(row.total));
                rows.push(cells);
            }
            let mut total = vec![h(M::RepFundTotal), String::new()];
            total.extend(s.year_totals.iter().map(|&a| money(a)));
            total.push(money(s.totals.funded));
            rows.push(total);
        }
        By::Sector => {
            let mut header = vec![h(M::RepFundSector)];
            header.extend(years.iter().cloned());
            header.extend([M::RepFundCost, M::RepFundCommitted, M::RepFundGapCol].map(h));
            rows.push(header);
            for row in &s.sectors {
                let mut cells = vec![if row.known {
                    row.id.clone()
                } else {
                    row.name.clone()
                }];
                cells.extend(row.per_year.iter().map(|&a| money(a)));
                cells.extend([row.totals.cost, row.totals.committed, row.totals.gap].map(money));
                rows.push(cells);
            }
            let mut total = vec![h(M::RepFundTotal)];
            total.extend(s.year_totals.iter().map(|&a| money(a)));
            total.extend([t.cost, t.committed, t.gap].map(money));
            rows.push(total);
        }
        By::Year => {
            rows.push(
                [
                    M::RepFundYear,
                    M::RepFundProposed,
                    M::RepFundCommitted,
                    M::RepFundDisbursed,
                    M::RepFundTotal,
                ]
                .map(h)
                .to_vec(),
            );
            for (year, cell) in years.iter().zip(&report.by_year) {
                rows.push(vec![
                    year.clone(),
                    money(cell.proposed),
                    money(cell.committed),
                    money(cell.disbursed),
                    money(cell.total()),
                ]);
            }
            rows.push(vec![
                h(M::RepFundTotal),
                money(t.proposed),
                money(t.committed - t.disbursed),
                money(t.disbursed),
                money(t.funded),
            ]);
        }
    }
    table(&mut out, &rows);

    if !report.checks.breaches.is_empty() {
        let _ = writeln!(out, "\n{}", tr!(lang, RepFundCeilings));
        for b in &report.checks.breaches {
            let _ = writeln!(
                out,
                "{}",
                tr!(
                    lang,
                    RepFundCeilingLine,
                    scheme = roadmap.funding_schemes[b.scheme].id,
                    year = b.year,
                    total = money(b.total),
                    ceiling = money(u128::from(b.ceiling)),
                    over = money(b.over())
                )
            );
        }
    }
    if report.unfunded_critical.is_empty() {
        let _ = writeln!(out, "\n{}", tr!(lang, RepFundAllCommitted));
    } else {
        let _ = writeln!(out, "\n{}", tr!(lang, RepFundLacking));
        for &i in &report.unfunded_critical {
            let totals = item_totals(&roadmap.items[i]);
            let _ = writeln!(
                out,
                "{}",
                tr!(
                    lang,
                    RepFundGapOf,
                    id = roadmap.items[i].id,
                    gap = money(totals.gap),
                    cost = money(totals.cost)
                )
            );
        }
    }
    if !report.gaps.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            tr!(lang, RepFundLargest, n = report.gaps.len())
        );
        for &(i, _) in report.gaps.iter().take(GAPS_SHOWN) {
            let totals = item_totals(&roadmap.items[i]);
            let _ = writeln!(
                out,
                "{}",
                tr!(
                    lang,
                    RepFundGapLine,
                    id = roadmap.items[i].id,
                    gap = money(totals.gap),
                    cost = money(totals.cost),
                    committed = money(totals.committed)
                )
            );
        }
    }
    let (outside, gate) = (report.checks.outside.len(), report.checks.unfunded.len());
    if outside + gate > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            tr!(lang, RepFundChecks, gate = gate, outside = outside)
        );
    }
    if s.skipped_lines > 0 {
        let _ = writeln!(out, "{}", tr!(lang, RepFundSkipped, n = s.skipped_lines));
    }
    out
}

/// An exact amount: a JSON integer, or a string of digits beyond what 64-bit integer readers
/// take (`u64::MAX`), so no tool rounds it.
pub fn amount_json(amount: u128) -> Value {
    match u64::try_from(amount) {
        Ok(small) => json!(small),
        Err(_) => json!(amount.to_string()),
    }
}

fn totals_json(t: &Totals) -> Value {
    json!({
        "cost": amount_json(t.cost),
        "funded": amount_json(t.funded),
        "committed": amount_json(t.committed),
        "disbursed": amount_json(t.disbursed),
        "proposed": amount_json(t.proposed),
        "gap": amount_json(t.gap),
        "unfunded": amount_json(t.unfunded),
    })
}

fn per_year(years: &[i32], values: &[u128]) -> Value {
    Value::Object(
        years
            .iter()
            .zip(values)
            .map(|(y, &v)| (y.to_string(), amount_json(v)))
            .collect(),
    )
}

/// Every figure exactly, for other tools.
pub fn funding_json(roadmap: &Roadmap, report: &FundingReport) -> Value {
    let s = &report.summary;
    let id = |i: usize| roadmap.items[i].id.as_str();
    json!({
        "currency": s.currency,
        "years": s.years,
        "totals": totals_json(&s.totals),
        "by_scheme": s.schemes.iter().map(|row| {
            let scheme = roadmap.funding_schemes.iter().find(|f| row.known && f.id == row.id);
            json!({
                "id": row.known.then_some(row.id.as_str()),
                "name": row.name,
                "kind": scheme.and_then(|f| f.kind).map(SchemeKind::as_str),
                "per_year": per_year(&s.years, &row.per_year),
                "ceilings": scheme.map(|f| Value::Object(f.ceilings.iter()
                    .map(|(y, c)| (y.to_string(), json!(c))).collect())),
                "total": amount_json(row.total),
            })
        }).collect::<Vec<_>>(),
        "by_sector": s.sectors.iter().map(|row| json!({
            "id": row.known.then_some(row.id.as_str()),
            "name": row.name,
            "per_year": per_year(&s.years, &row.per_year),
            "totals": totals_json(&row.totals),
        })).collect::<Vec<_>>(),
        "by_year": s.years.iter().zip(&report.by_year).map(|(year, c)| json!({
            "year": year,
            "proposed": amount_json(c.proposed),
            "committed": amount_json(c.committed),
            "disbursed": amount_json(c.disbursed),
        })).collect::<Vec<_>>(),
        "ceiling_breaches": report.checks.breaches.iter().map(|b| json!({
            "scheme": roadmap.funding_schemes[b.scheme].id,
            "year": b.year,
            "ceiling": b.ceiling,
            "total": amount_json(b.total),
            "over": amount_json(b.over()),
        })).collect::<Vec<_>>(),
        "gaps": report.gaps.iter().map(|&(i, _)| (i, item_totals(&roadmap.items[i]))).map(|(i, t)| json!({
            "id": id(i),
            "cost": amount_json(t.cost),
            "committed": amount_json(t.committed),
            "gap": amount_json(t.gap),
        })).collect::<Vec<_>>(),
        "unfunded_critical": report.unfunded_critical.iter().map(|&i| id(i)).collect::<Vec<_>>(),
        "budget_gate": report.checks.unfunded.iter().map(|u| json!({
            "id": id(u.item),
            "years": u.years,
        })).collect::<Vec<_>>(),
        "outside_item_years": report.checks.outside.iter().map(|o| json!({
            "id": id(o.item),
            "line": o.line,
            "year": o.year,
        })).collect::<Vec<_>>(),
        "skipped_lines": s.skipped_lines,
    })
}
