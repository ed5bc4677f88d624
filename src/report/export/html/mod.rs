//! `peta export --format html`: one self-contained, printable page: the forecast against the
//! target, an SVG Gantt chart by sector, the critical path, what needs attention, and the
//! funding tables. Inline CSS and SVG only: no script, no font or image from elsewhere, so it
//! opens offline, can be mailed as one file, and prints on landscape A4 or Letter.

mod gantt;

use crate::i18n::{fill, Lang, M};
use crate::model::{Date, Roadmap};
use crate::report::export::{escape_markup, Markup};
use crate::report::funding::{self, FundingSummary};
use crate::report::schedule::{chain_text, critical_chains, critical_off_chains, slip_phrase_in};
use crate::schedule::{Schedule, Status};
use crate::tr;
use std::fmt::Write;

pub use gantt::ROWS_PER_BLOCK;

/// Text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_markup(&mut out, text, Markup::Html);
    out
}

/// A catalogue text as HTML: the text escaped, then the arguments (already HTML) filled in.
fn h(lang: Lang, key: M, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(&escape(lang.t(key)), args)
}

/// The page in English.
pub fn to_html(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> String {
    to_html_in(roadmap, schedule, today, Lang::En)
}

/// The page in a language: its words, dates and figures (the roadmap's own names stay as
/// written).
pub fn to_html_in(roadmap: &Roadmap, schedule: &Schedule, today: Date, lang: Lang) -> String {
    // About 400 bytes per item row in the chart; reserving avoids regrowing for big roadmaps.
    let mut out = String::with_capacity(16_384 + roadmap.items.len() * 480);
    let title = if roadmap.title.is_empty() {
        lang.t(M::HtmlRoadmap).to_string()
    } else {
        roadmap.title.clone()
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"peta\">\n<title>{}</title>\n<style>\n{}</style>\n\
         </head>\n<body>\n",
        lang.code(),
        escape(&title),
        STYLE
    );
    summary(&mut out, roadmap, schedule, today, &title, lang);
    let _ = writeln!(
        out,
        "<section class=\"timeline\">\n<h2>{}</h2>",
        h(lang, M::HtmlTimeline, &[])
    );
    legend(&mut out, lang);
    gantt::timeline(&mut out, roadmap, schedule, today, lang);
    out.push_str("</section>\n");
    critical_path(&mut out, roadmap, schedule, lang);
    attention(&mut out, roadmap, schedule, lang);
    funding_tables(&mut out, &funding::summarize(roadmap, None), lang);
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</body>\n</html>",
        h(lang, M::HtmlFooter, &[("date", &lang.date(today))])
    );
    out
}

/// Heading, horizon, forecast against target, and the status counts.
fn summary(
    out: &mut String,
    roadmap: &Roadmap,
    schedule: &Schedule,
    today: Date,
    title: &str,
    lang: Lang,
) {
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(title));
    let date = |d: Date| lang.date(d);
    let horizon = match (roadmap.start, roadmap.end) {
        (Some(s), Some(e)) => tr!(lang, HtmlHorizonBoth, start = date(s), end = date(e)),
        (Some(s), None) => tr!(lang, SumHorizonFrom, start = date(s)),
        (None, Some(e)) => tr!(lang, SumHorizonUntil, end = date(e)),
        (None, None) => tr!(lang, HtmlNoDates).to_string(),
    };
    let _ = writeln!(
        out,
        "<p class=\"meta\">{}</p>",
        h(
            lang,
            M::HtmlMeta,
            &[
                ("horizon", &escape(&horizon)),
                ("today", &date(today)),
                ("items", &roadmap.items.len()),
                ("sectors", &roadmap.sectors.len()),
            ]
        )
    );
    let forecast = match (schedule.finish, schedule.target_end) {
        (Some(finish), Some(target)) => h(
            lang,
            M::HtmlForecast,
            &[
                ("finish", &format!("<b>{}</b>", date(finish))),
                ("target", &date(target)),
                (
                    "slip",
                    &format!(
                        "<b class=\"{}\">{}</b>",
                        if schedule.slip_days > 0 { "late" } else { "ok" },
                        escape(&slip_phrase_in(schedule.slip_days, lang))
                    ),
                ),
            ],
        ),
        (Some(finish), None) => h(
            lang,
            M::HtmlForecastOnly,
            &[("finish", &format!("<b>{}</b>", date(finish)))],
        ),
        _ => escape(lang.t(M::SumNothingToSchedule)),
    };
    let _ = writeln!(out, "<p class=\"forecast\">{forecast}</p>");
    if schedule.has_cycle {
        let _ = writeln!(
            out,
            "<p class=\"warning\">{}</p>",
            h(
                lang,
                M::HtmlCycles,
                &[("command", &"<code>peta check</code>")]
            )
        );
    }
    out.push_str("<table class=\"counts\"><thead><tr>");
    let near = schedule.items.iter().filter(|s| s.near_critical).count();
    // The class keeps the file's English word; the heading is in the page's language.
    let mut cells: Vec<(&str, &str, usize)> = vec![
        (
            "critical",
            lang.t(M::HtmlCritical),
            schedule.critical_count(),
        ),
        ("near-critical", lang.t(M::HtmlNearCritical), near),
    ];
    cells.extend(
        Status::ALL
            .iter()
            .map(|&status| (status.as_str(), status.label(lang), schedule.count(status))),
    );
    for (_, label, _) in &cells {
        let _ = write!(out, "<th>{}</th>", escape(label));
    }
    out.push_str("</tr></thead><tbody><tr>");
    for (name, _, count) in &cells {
        let _ = write!(out, "<td class=\"count-{name}\">{count}</td>");
    }
    out.push_str("</tr></tbody></table>\n</header>\n");
}

fn legend(out: &mut String, lang: Lang) {
    let word = |key: M| escape(lang.t(key));
    let _ = writeln!(
        out,
        "<p class=\"legend\">\
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch crit\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch near\"><rect class=\"bar\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><rect class=\"progress\" x=\"0\" y=\"1\" width=\"24\" height=\"10\" rx=\"2\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><line class=\"planned\" x1=\"0\" y1=\"6\" x2=\"24\" y2=\"6\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><path class=\"ms\" d=\"M12 0L18 6L12 12L6 6Z\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch link\"><path d=\"M0 2H12V8H22\"/><path class=\"head\" d=\"M24 8l-4 -3v6Z\"/></svg> {} \
         <svg viewBox=\"0 0 24 12\" class=\"swatch\"><line class=\"today\" x1=\"12\" y1=\"0\" x2=\"12\" y2=\"12\"/></svg> {} \
         · \u{a7} {}</p>",
        word(M::HtmlLegendScheduled),
        word(M::HtmlCritical),
        word(M::HtmlNearCritical),
        word(M::HtmlLegendDonePart),
        word(M::HtmlLegendPlanned),
        word(M::KindMilestone),
        word(M::HtmlLegendDriving),
        word(M::HtmlLegendToday),
        word(M::KindRegulation),
    );
}

fn critical_path(out: &mut String, roadmap: &Roadmap, schedule: &Schedule, lang: Lang) {
    let _ = writeln!(
        out,
        "<section class=\"critical-path\">\n<h2>{}</h2>",
        h(lang, M::HtmlCriticalPath, &[])
    );
    let chains = critical_chains(schedule);
    if chains.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", h(lang, M::SumNoCritical, &[]));
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
        let _ = writeln!(
            out,
            "<p>{}{}</p>",
            h(lang, M::SumAlsoCritical, &[]),
            others.join(", ")
        );
    }
    if !schedule.critical_path.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"critical\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>\
             <th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            h(lang, M::SumItem, &[]),
            h(lang, M::SumTitle, &[]),
            h(lang, M::HtmlStart, &[]),
            h(lang, M::HtmlFinish, &[]),
            h(lang, M::SumStatus, &[]),
            h(lang, M::HtmlDrivenBy, &[]),
        );
        for &i in &schedule.critical_path {
            let item = &roadmap.items[i];
            let s = &schedule.items[i];
            let driver = s
                .driving
                .and_then(|d| item.depends_on.get(d))
                .map(|dep| format!("{} ({} {:+})", dep.id, dep.link, dep.lag_days))
                .unwrap_or_else(|| lang.t(M::HtmlPlannedStart).to_string());
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&item.label(i)),
                escape(&item.title),
                lang.date_short(s.early_start),
                lang.date_short(s.early_finish),
                escape(s.status.label(lang)),
                escape(&driver)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

/// Late, blocked and at-risk items with their reasons.
fn attention(out: &mut String, roadmap: &Roadmap, schedule: &Schedule, lang: Lang) {
    let rows: Vec<usize> = (0..schedule.items.len())
        .filter(|&i| schedule.items[i].reason.is_some())
        .collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"attention\">\n<h2>{}</h2>\n<table><thead><tr>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        h(lang, M::HtmlAttention, &[]),
        h(lang, M::SumStatus, &[]),
        h(lang, M::SumItem, &[]),
        h(lang, M::SumTitle, &[]),
        h(lang, M::HtmlWhy, &[]),
    );
    for i in rows {
        let s = &schedule.items[i];
        let why = s
            .reason
            .as_ref()
            .map(|r| r.describe_in(roadmap, lang))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            s.status.as_str(),
            escape(s.status.label(lang)),
            escape(&roadmap.items[i].label(i)),
            escape(&roadmap.items[i].title),
            escape(&why)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn funding_tables(out: &mut String, summary: &FundingSummary, lang: Lang) {
    let money = |amount: u128| escape(&lang.money(amount, &summary.currency));
    let w = |key: M| h(lang, key, &[]);
    // One `<td>` per year (or per anything), for the rows and the totals line.
    let cells = |amounts: &[u128]| -> String {
        amounts
            .iter()
            .map(|&a| format!("<td>{}</td>", money(a)))
            .collect()
    };
    let t = &summary.totals;
    let _ = writeln!(
        out,
        "<section class=\"funding\">\n<h2>{}</h2>",
        w(M::SumFunding)
    );
    let _ = writeln!(
        out,
        "<table class=\"totals\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th></tr></thead>\
         <tbody><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\
         </tbody></table>",
        w(M::FundColCost),
        w(M::FundColFunded),
        w(M::FundColCommitted),
        w(M::HtmlDisbursed),
        w(M::HtmlProposed),
        w(M::HtmlGapLong),
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
        "<h3>{}</h3>\n<table class=\"by-scheme\"><thead><tr><th>{}</th>\
         {year_heads}<th>{}</th></tr></thead><tbody>",
        w(M::HtmlByScheme),
        w(M::SumScheme),
        w(M::FundTotal)
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
        "</tbody><tfoot><tr><th>{}</th>{totals}<td>{}</td></tr></tfoot></table>",
        w(M::HtmlAllSchemes),
        money(t.funded)
    );
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"by-sector\"><thead><tr><th>{}</th>\
         {year_heads}<th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        w(M::HtmlBySector),
        w(M::HtmlSector),
        w(M::FundColCost),
        w(M::FundColCommitted),
        w(M::FundColGap)
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
        "</tbody><tfoot><tr><th>{}</th>{totals}<td>{}</td><td>{}</td><td>{}</td></tr>\
         </tfoot></table>",
        w(M::HtmlAllSectors),
        money(t.cost),
        money(t.committed),
        money(t.gap)
    );
    if summary.skipped_lines > 0 {
        let _ = writeln!(
            out,
            "<p class=\"warning\">{}</p>",
            h(
                lang,
                M::HtmlSkipped,
                &[
                    ("n", &summary.skipped_lines),
                    ("command", &"<code>peta check</code>"),
                ]
            )
        );
    }
    out.push_str("</section>\n");
}

/// Items by sector: the roadmap's sectors in order (those with items), then items whose
/// sector is not one of them.
fn sector_groups(roadmap: &Roadmap, lang: Lang) -> Vec<(String, Vec<usize>)> {
    super::sector_groups(roadmap)
        .into_iter()
        .map(|group| {
            let name = match group.sector.map(|s| &roadmap.sectors[s]) {
                Some(sector) if !sector.name.is_empty() => sector.name.clone(),
                Some(sector) => sector.id.clone(),
                None => lang.t(M::UnknownSector).to_string(),
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
