//! `peta export --format html`: one self-contained, printable page: the forecast against the
//! target, an SVG Gantt chart by sector, the critical path, what needs attention, and the
//! funding tables. Inline CSS and SVG only: no script, no font or image from elsewhere, so it
//! opens offline, can be mailed as one file, and prints on landscape A4 or Letter.

mod gantt;

use crate::model::{format_date, Date, Roadmap};
use crate::report::export::{escape_markup, Markup};
use crate::report::funding::{self, FundingSummary, UNKNOWN_SECTOR};
use crate::report::money::format_money;
use crate::report::schedule::{chain_text, critical_chains, critical_off_chains, slip_phrase};
use crate::schedule::{Schedule, Status};
use std::fmt::Write;

pub use gantt::ROWS_PER_BLOCK;

/// Text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_markup(&mut out, text, Markup::Html);
    out
}

/// The page.
pub fn to_html(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> String {
    // About 400 bytes per item row in the chart; reserving avoids regrowing for big roadmaps.
    let mut out = String::with_capacity(16_384 + roadmap.items.len() * 480);
    let title = if roadmap.title.is_empty() {
        "Roadmap".to_string()
    } else {
        roadmap.title.clone()
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"peta\">\n<title>{}</title>\n<style>\n{}</style>\n\
         </head>\n<body>\n",
        escape(&title),
        STYLE
    );
    summary(&mut out, roadmap, schedule, today, &title);
    let _ = writeln!(out, "<section class=\"timeline\">\n<h2>Timeline</h2>");
    legend(&mut out);
    gantt::timeline(&mut out, roadmap, schedule, today);
    out.push_str("</section>\n");
    critical_path(&mut out, roadmap, schedule);
    attention(&mut out, roadmap, schedule);
    funding_tables(&mut out, &funding::summarize(roadmap, None));
    let _ = writeln!(
        out,
        "<footer>Exported by peta from the roadmap file; statuses as of {}.</footer>\n\
         </body>\n</html>",
        format_date(today)
    );
    out
}

/// Heading, horizon, forecast against target, and the status counts.
fn summary(out: &mut String, roadmap: &Roadmap, schedule: &Schedule, today: Date, title: &str) {
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(title));
    let horizon = match (roadmap.start, roadmap.end) {
        (Some(s), Some(e)) => format!("{} to {}", format_date(s), format_date(e)),
        (Some(s), None) => format!("from {}", format_date(s)),
        (None, Some(e)) => format!("until {}", format_date(e)),
        (None, None) => "no dates".to_string(),
    };
    let _ = writeln!(
        out,
        "<p class=\"meta\">Horizon {} · as of {} · {} items in {} sectors</p>",
        escape(&horizon),
        format_date(today),
        roadmap.items.len(),
        roadmap.sectors.len()
    );
    let forecast = match (schedule.finish, schedule.target_end) {
        (Some(finish), Some(target)) => format!(
            "Forecast finish <b>{}</b> against the target end {}: <b class=\"{}\">{}</b>",
            format_date(finish),
            format_date(target),
            if schedule.slip_days > 0 { "late" } else { "ok" },
            slip_phrase(schedule.slip_days)
        ),
        (Some(finish), None) => format!("Forecast finish <b>{}</b>", format_date(finish)),
        _ => "No items to schedule".to_string(),
    };
    let _ = writeln!(out, "<p class=\"forecast\">{forecast}</p>");
    if schedule.has_cycle {
        out.push_str(
            "<p class=\"warning\">Some dependencies form cycles and were ignored \
             (run <code>peta check</code>).</p>\n",
        );
    }
    out.push_str("<table class=\"counts\"><thead><tr>");
    let near = schedule.items.iter().filter(|s| s.near_critical).count();
    let mut cells: Vec<(String, usize)> = vec![
        ("critical".to_string(), schedule.critical_count()),
        ("near-critical".to_string(), near),
    ];
    cells.extend(
        Status::ALL
            .iter()
            .map(|&status| (status.as_str().to_string(), schedule.count(status))),
    );
    for (name, _) in &cells {
        let _ = write!(out, "<th>{name}</th>");
    }
    out.push_str("</tr></thead><tbody><tr>");
    for (name, count) in &cells {
        let _ = write!(out, "<td class=\"count-{name}\">{count}</td>");
    }
    out.push_str("</tr></tbody></table>\n</header>\n");
}

fn legend(out: &mut String) {
    out.push_str(
        "<p class=\"legend\">\
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> scheduled \
         <svg viewBox=\"0 0 24 12\" class=\"swatch crit\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> critical \
         <svg viewBox=\"0 0 24 12\" class=\"swatch near\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> near-critical \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><rect class=\"progress\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> done part \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><line class=\"planned\" x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\"/></svg> planned dates \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><path class=\"ms\" d=\"M12 0L18 6L12 12L6 6Z\"/></svg> milestone \
         <svg viewBox=\"0 0 24 12\" class=\"swatch link\"><path d=\"M0 2H12V8H22\"/><path class=\"head\" d=\"M24 8l-4 -3v6Z\"/></svg> driving link \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><line class=\"today\" x1=\"12\" y1=\"0\" x2=\"12\" y2=\"12\"/></svg> today \
         · \u{a7} regulation</p>\n",
    );
}

fn critical_path(out: &mut String, roadmap: &Roadmap, schedule: &Schedule) {
    out.push_str("<section class=\"critical-path\">\n<h2>Critical path</h2>\n");
    let chains = critical_chains(schedule);
    if chains.is_empty() {
        out.push_str("<p>No critical items.</p>\n");
    } else {
        out.push_str("<ol class=\"chains\">\n");
        for chain in &chains {
            let _ = writeln!(
                out,
                "<li>{}</li>",
                escape(&chain_text(roadmap, schedule, chain))
            );
        }
        out.push_str("</ol>\n");
    }
    let others: Vec<String> = critical_off_chains(schedule, &chains)
        .into_iter()
        .map(|i| escape(&roadmap.items[i].label(i)))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "<p>Also critical: {}</p>", others.join(", "));
    }
    if !schedule.critical_path.is_empty() {
        out.push_str(
            "<table class=\"critical\"><thead><tr><th>Item</th><th>Title</th><th>Start</th>\
             <th>Finish</th><th>Status</th><th>Driven by</th></tr></thead><tbody>\n",
        );
        for &i in &schedule.critical_path {
            let item = &roadmap.items[i];
            let s = &schedule.items[i];
            let driver = s
                .driving
                .and_then(|d| item.depends_on.get(d))
                .map(|dep| format!("{} ({} {:+})", dep.id, dep.link, dep.lag_days))
                .unwrap_or_else(|| "planned start".to_string());
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&item.label(i)),
                escape(&item.title),
                format_date(s.early_start),
                format_date(s.early_finish),
                s.status,
                escape(&driver)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

/// Late, blocked and at-risk items with their reasons.
fn attention(out: &mut String, roadmap: &Roadmap, schedule: &Schedule) {
    let rows: Vec<usize> = (0..schedule.items.len())
        .filter(|&i| schedule.items[i].reason.is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "<section class=\"attention\">\n<h2>Needs attention</h2>\n<table><thead><tr>\
         <th>Status</th><th>Item</th><th>Title</th><th>Why</th></tr></thead><tbody>\n",
    );
    for i in rows {
        let s = &schedule.items[i];
        let why = s
            .reason
            .as_ref()
            .map(|r| r.describe(roadmap))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s.status.as_str(),
            s.status,
            escape(&roadmap.items[i].label(i)),
            escape(&roadmap.items[i].title),
            escape(&why)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn funding_tables(out: &mut String, summary: &FundingSummary) {
    let money = |amount: u128| escape(&format_money(amount, &summary.currency));
    // One `<td>` per year (or per anything), for the rows and the totals line.
    let cells = |amounts: &[u128]| -> String {
        amounts
            .iter()
            .map(|&a| format!("<td>{}</td>", money(a)))
            .collect()
    };
    let t = &summary.totals;
    out.push_str("<section class=\"funding\">\n<h2>Funding</h2>\n");
    let _ = writeln!(
        out,
        "<table class=\"totals\"><thead><tr><th>Cost</th><th>Funded</th><th>Committed</th>\
         <th>Disbursed</th><th>Proposed</th><th>Gap (cost not committed)</th></tr></thead>\
         <tbody><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\
         </tbody></table>",
        money(t.cost),
        money(t.funded),
        money(t.committed),
        money(t.disbursed),
        money(t.proposed),
        money(t.gap)
    );
    let year_heads: String = summary
        .years
        .iter()
        .map(|y| format!("<th>{y}</th>"))
        .collect();
    let _ = writeln!(
        out,
        "<h3>By scheme and year</h3>\n<table class=\"by-scheme\"><thead><tr><th>Scheme</th>\
         {year_heads}<th>Total</th></tr></thead><tbody>"
    );
    for row in &summary.schemes {
        let cells = cells(&row.per_year);
        let _ = writeln!(
            out,
            "<tr><th>{}</th>{cells}<td>{}</td></tr>",
            escape(&row.name),
            money(row.total)
        );
    }
    let totals = cells(&summary.year_totals);
    let _ = writeln!(
        out,
        "</tbody><tfoot><tr><th>All schemes</th>{totals}<td>{}</td></tr></tfoot></table>",
        money(t.funded)
    );
    let _ = writeln!(
        out,
        "<h3>By sector</h3>\n<table class=\"by-sector\"><thead><tr><th>Sector</th>\
         {year_heads}<th>Cost</th><th>Committed</th><th>Gap</th></tr></thead><tbody>"
    );
    for row in &summary.sectors {
        let cells = cells(&row.per_year);
        let _ = writeln!(
            out,
            "<tr><th>{}</th>{cells}<td>{}</td><td>{}</td><td class=\"{}\">{}</td></tr>",
            escape(&row.name),
            money(row.totals.cost),
            money(row.totals.committed),
            if row.totals.gap > 0 { "gap" } else { "" },
            money(row.totals.gap)
        );
    }
    let _ = writeln!(
        out,
        "</tbody><tfoot><tr><th>All sectors</th>{totals}<td>{}</td><td>{}</td><td>{}</td></tr>\
         </tfoot></table>",
        money(t.cost),
        money(t.committed),
        money(t.gap)
    );
    if summary.skipped_lines > 0 {
        let _ = writeln!(
            out,
            "<p class=\"warning\">{} funding line(s) with an invalid value or no year are not \
             counted (run <code>peta check</code>).</p>",
            summary.skipped_lines
        );
    }
    out.push_str("</section>\n");
}

/// Items by sector: the roadmap's sectors in order (those with items), then items whose
/// sector is not one of them.
fn sector_groups(roadmap: &Roadmap) -> Vec<(String, Vec<usize>)> {
    super::sector_groups(roadmap)
        .into_iter()
        .map(|group| {
            let name = match group.sector.map(|s| &roadmap.sectors[s]) {
                Some(sector) if !sector.name.is_empty() => sector.name.clone(),
                Some(sector) => sector.id.clone(),
                None => UNKNOWN_SECTOR.to_string(),
            };
            (name, group.items)
        })
        .collect()
}

/// Screen and print styles. Colours are forced in print so bars and bands keep their meaning.
const STYLE: &str = r#"@page { size: landscape; margin: 10mm; }
:root { --crit: #c62828; --crit-done: #7f1414; --bar: #4f7cc4; --bar-done: #1f3f7a;
  --near: #e08a1e; --near-done: #8a5208; --line: #c9ced6; --muted: #5f6670; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  font-size: 13px; color: #1d2127; margin: 16px auto; max-width: 1400px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 2px solid #1d2127; padding-bottom: 2px;
  break-after: avoid; }
h3 { font-size: 14px; margin: 14px 0 6px; break-after: avoid; }
.meta { color: var(--muted); margin: 0 0 6px; }
.forecast { font-size: 15px; margin: 4px 0 10px; }
.forecast .late { color: var(--crit); }
.forecast .ok { color: #2e7d32; }
.warning { color: #8a5208; }
table { border-collapse: collapse; margin: 4px 0 10px; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; }
tfoot th, tfoot td { background: #f6f7f9; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.counts td { text-align: center; font-size: 16px; font-weight: bold; }
.counts .count-critical { color: var(--crit); }
.funding td { text-align: right; white-space: nowrap; }
.funding td.gap { color: var(--crit); }
.attention tr.late td:first-child, .attention tr.blocked td:first-child { color: var(--crit); font-weight: bold; }
.attention tr.at-risk td:first-child { color: var(--near-done); font-weight: bold; }
.chains li { margin: 2px 0; font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
.legend { color: var(--muted); margin: 0 0 6px; }
.legend .swatch { width: 24px; height: 12px; vertical-align: middle; margin-left: 10px; }
svg.gantt { display: block; width: 100%; height: auto; margin: 0 0 6px; break-inside: avoid;
  font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
.gantt text { font-size: 11px; fill: #1d2127; }
.gantt .year-label { font-weight: bold; text-anchor: middle; font-size: 12px; }
.gantt .quarter-label { text-anchor: middle; fill: var(--muted); font-size: 10px; }
.gantt .axis-band { fill: #eef1f5; }
.gantt .year { stroke: #9aa3ae; stroke-width: 1; }
.gantt .quarter { stroke: #dde1e6; stroke-width: 1; }
.gantt .rule { stroke: #9aa3ae; }
.gantt .sector rect { fill: #dfe5ee; }
.gantt .sector text { font-weight: bold; font-size: 12px; }
.gantt .stripe { fill: #f5f7fa; }
.bar { fill: var(--bar); }
.progress { fill: var(--bar-done); }
.critical .bar, .swatch.crit .bar { fill: var(--crit); }
.critical .progress { fill: var(--crit-done); }
.near .bar, .swatch.near .bar { fill: var(--near); }
.near .progress { fill: var(--near-done); }
.critical text.label { fill: var(--crit); font-weight: bold; }
.ms { fill: #1d2127; }
.critical .ms { fill: var(--crit); }
.planned-ms { fill: none; stroke: #8a929c; stroke-width: 1.2; }
.planned { stroke: #8a929c; stroke-width: 2; }
.link path { fill: none; stroke: #6b7480; stroke-width: 1; }
.link path.head { fill: #6b7480; stroke: none; }
.critical-link path { stroke: var(--crit); }
.critical-link path.head { fill: var(--crit); }
.today { stroke: #d81b60; stroke-width: 1.5; stroke-dasharray: 4 3; }
footer { color: var(--muted); margin-top: 18px; font-size: 11px; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10px; }
  h1 { font-size: 18px; }
  h2 { font-size: 14px; margin-top: 12px; }
  section.critical-path { break-before: page; }
  .chains li { font-size: 10px; }
}
"#;
