//! The timeline as inline SVG: one block per sector (long sectors in blocks of
//! [`ROWS_PER_BLOCK`] items), each with its own year/quarter axis so a printed page always
//! has one, and so a block never has to be cut between pages.

use super::escape;
use crate::i18n::{Lang, M};
use crate::model::{Kind, LinkType, Roadmap};
use crate::schedule::{day, planned, Schedule};
use crate::tr;
use chrono::Datelike;
use std::fmt::Write;

/// Width of the label column and of the time axis, in SVG units (the page scales them).
const LABEL_W: f64 = 300.0;
const CHART_W: f64 = 900.0;
const TOTAL_W: f64 = LABEL_W + CHART_W;
const AXIS_H: f64 = 34.0;
const ROW_H: f64 = 20.0;
const SECTOR_H: f64 = 22.0;
/// Items per block: about a third of a landscape page.
pub const ROWS_PER_BLOCK: usize = 40;
/// Titles longer than this are cut (the full title is in the tooltip); critical items are
/// labelled in bold, which is wider.
const LABEL_CHARS: usize = 44;
const BOLD_LABEL_CHARS: usize = 39;

/// The days the axis spans, as points: whole years around the roadmap and its schedule.
struct Axis {
    first_year: i32,
    last_year: i32,
    t0: i64,
    t1: i64,
}

impl Axis {
    fn new(roadmap: &Roadmap, schedule: &Schedule, today: crate::model::Date) -> Axis {
        let starts = schedule.items.iter().map(|s| s.early_start);
        let finishes = schedule.items.iter().map(|s| s.early_finish);
        let first = starts.chain(roadmap.start).min().unwrap_or(today).year();
        let last = finishes.chain(roadmap.end).max().unwrap_or(today).year();
        let year_point = |year: i32| crate::model::Date::from_ymd_opt(year, 1, 1).map_or(0, day);
        let last = last.max(first);
        Axis {
            first_year: first,
            last_year: last,
            t0: year_point(first),
            t1: year_point(last.saturating_add(1)).max(year_point(first) + 1),
        }
    }

    fn x(&self, point: i64) -> f64 {
        let span = (self.t1 - self.t0) as f64;
        let clamped = point.clamp(self.t0, self.t1);
        LABEL_W + (clamped - self.t0) as f64 * CHART_W / span
    }
}

/// One row of the chart: a sector header or an item.
enum Row {
    Sector {
        name: String,
        count: usize,
        continued: bool,
    },
    Item(usize),
}

/// The whole timeline: blocks of rows grouped by sector, in the roadmap's sector order, items
/// in file order, items of unknown sectors last.
pub fn timeline(
    out: &mut String,
    roadmap: &Roadmap,
    schedule: &Schedule,
    today: crate::model::Date,
    lang: Lang,
) {
    let axis = Axis::new(roadmap, schedule, today);
    for (name, items) in super::sector_groups(roadmap, lang) {
        for (block, chunk) in items.chunks(ROWS_PER_BLOCK).enumerate() {
            let mut rows = Vec::with_capacity(chunk.len() + 1);
            rows.push(Row::Sector {
                name: name.clone(),
                count: items.len(),
                continued: block > 0,
            });
            rows.extend(chunk.iter().map(|&i| Row::Item(i)));
            svg_block(out, roadmap, schedule, today, &axis, &rows, lang);
        }
    }
}

fn svg_block(
    out: &mut String,
    roadmap: &Roadmap,
    schedule: &Schedule,
    today: crate::model::Date,
    axis: &Axis,
    rows: &[Row],
    lang: Lang,
) {
    let body: f64 = rows
        .iter()
        .map(|r| match r {
            Row::Sector { .. } => SECTOR_H,
            Row::Item(_) => ROW_H,
        })
        .sum();
    let height = AXIS_H + body + 2.0;
    let _ = writeln!(
        out,
        "<svg class=\"gantt\" viewBox=\"0 0 {TOTAL_W} {height}\" role=\"img\" \
         aria-label=\"{}\">",
        super::escape(lang.t(M::HtmlTimeline))
    );
    axis_grid(out, axis, height, lang);

    // Items drawn in this block with the middle of their row, for the links between them.
    let mut placed: Vec<(usize, f64)> = Vec::with_capacity(rows.len());
    let mut y = AXIS_H;
    for (n, row) in rows.iter().enumerate() {
        match row {
            Row::Sector {
                name,
                count,
                continued,
            } => {
                let name = if *continued {
                    tr!(lang, HtmlContinued, name = name)
                } else {
                    name.clone()
                };
                let heading = if *count == 1 {
                    tr!(lang, HtmlSectorRowOne, name = name)
                } else {
                    tr!(lang, HtmlSectorRowMany, name = name, n = count)
                };
                let _ = writeln!(
                    out,
                    "<g class=\"sector\"><rect x=\"0\" y=\"{y}\" width=\"{TOTAL_W}\" \
                     height=\"{SECTOR_H}\"/><text x=\"6\" y=\"{}\">{}</text></g>",
                    y + 15.0,
                    escape(&heading),
                );
                y += SECTOR_H;
            }
            Row::Item(i) => {
                item_row(out, roadmap, schedule, axis, (*i, y), n % 2 == 0, lang);
                placed.push((*i, y + 9.0));
                y += ROW_H;
            }
        }
    }
    driving_links(out, roadmap, schedule, axis, &placed);

    let now = day(today);
    if now >= axis.t0 && now <= axis.t1 {
        let x = axis.x(now);
        let _ = writeln!(
            out,
            "<line class=\"today\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{height}\"/>",
            AXIS_H - 6.0
        );
    }
    out.push_str("</svg>\n");
}

/// An arrow for each item's driving link ("why does it start here?") when both ends are in
/// this block: from the predecessor's start or finish to the successor's start or finish, as
/// the link type says. Other links would clutter the chart; the tooltip and tables name them.
fn driving_links(
    out: &mut String,
    roadmap: &Roadmap,
    schedule: &Schedule,
    axis: &Axis,
    placed: &[(usize, f64)],
) {
    // A block holds at most ROWS_PER_BLOCK items: a scan is cheaper than a map.
    let row_of = |item: usize| placed.iter().find(|(i, _)| *i == item).map(|&(_, y)| y);
    // (start x, finish x) of an item's bar or milestone.
    let ends = |i: usize| {
        let s = &schedule.items[i];
        if roadmap.items[i].kind == Some(Kind::Milestone) {
            let x = axis.x(day(s.early_start) + 1);
            (x, x)
        } else {
            (axis.x(day(s.early_start)), axis.x(day(s.early_finish) + 1))
        }
    };
    for &(v, y2) in placed {
        let s = &schedule.items[v];
        let (Some(pred), Some(dep)) = (
            s.driving_predecessor,
            s.driving.and_then(|d| roadmap.items[v].depends_on.get(d)),
        ) else {
            continue;
        };
        let Some(y1) = row_of(pred) else {
            continue;
        };
        let (pred_start, pred_finish) = ends(pred);
        let (succ_start, succ_finish) = ends(v);
        let (x1, x2, into_start) = match dep.link {
            LinkType::FS => (pred_finish, succ_start, true),
            LinkType::SS => (pred_start, succ_start, true),
            LinkType::FF => (pred_finish, succ_finish, false),
            LinkType::SF => (pred_start, succ_finish, false),
        };
        // Leave the predecessor sideways, then go down and in: arrows into a start come from
        // the left, into a finish from the right.
        let elbow = if into_start { x2 - 5.0 } else { x2 + 5.0 };
        let head = if into_start { -4.0 } else { 4.0 };
        let class = if s.critical && schedule.items[pred].critical {
            "link critical-link"
        } else {
            "link"
        };
        let _ = write!(
            out,
            "<g class=\"{class}\"><path d=\"M{x1:.1} {y1:.1}H{elbow:.1}V{y2:.1}H{x2:.1}\"/>\
             <path class=\"head\" d=\"M{x2:.1} {y2:.1}l{head} -3v6Z\"/></g>"
        );
    }
    out.push('\n');
}

/// Year labels and lines, quarter labels and lines where they fit.
fn axis_grid(out: &mut String, axis: &Axis, height: f64, lang: Lang) {
    let years = f64::from(axis.last_year - axis.first_year + 1);
    let year_w = CHART_W / years;
    // Label every n-th year when years are narrow (long horizons).
    let every = (36.0 / year_w).ceil().max(1.0) as i32;
    out.push_str("<g class=\"axis\">");
    let _ = write!(
        out,
        "<rect class=\"axis-band\" x=\"{LABEL_W}\" y=\"0\" width=\"{CHART_W}\" height=\"{AXIS_H}\"/>"
    );
    for year in axis.first_year..=axis.last_year {
        let Some(start) = crate::model::Date::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let x = axis.x(day(start));
        let _ = write!(
            out,
            "<line class=\"year\" x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{height}\"/>"
        );
        if (year - axis.first_year) % every == 0 {
            let _ = write!(
                out,
                "<text class=\"year-label\" x=\"{:.1}\" y=\"14\">{year}</text>",
                x + year_w * f64::from(every.min(axis.last_year - year + 1)) / 2.0
            );
        }
        if year_w / 4.0 < 8.0 {
            continue;
        }
        for quarter in 0..4u32 {
            let Some(q) = crate::model::Date::from_ymd_opt(year, 1 + 3 * quarter, 1) else {
                continue;
            };
            let qx = axis.x(day(q));
            if quarter > 0 {
                let _ = write!(
                    out,
                    "<line class=\"quarter\" x1=\"{qx:.1}\" y1=\"18\" x2=\"{qx:.1}\" y2=\"{height}\"/>"
                );
            }
            if year_w / 4.0 >= 22.0 {
                let _ = write!(
                    out,
                    "<text class=\"quarter-label\" x=\"{:.1}\" y=\"29\">{}</text>",
                    qx + year_w / 8.0,
                    tr!(lang, GanttQuarter, n = quarter + 1)
                );
            }
        }
    }
    let last = axis.x(axis.t1);
    let _ = writeln!(
        out,
        "<line class=\"year\" x1=\"{last:.1}\" y1=\"0\" x2=\"{last:.1}\" y2=\"{height}\"/>\
         <line class=\"rule\" x1=\"0\" y1=\"{AXIS_H}\" x2=\"{TOTAL_W}\" y2=\"{AXIS_H}\"/></g>"
    );
}

fn item_row(
    out: &mut String,
    roadmap: &Roadmap,
    schedule: &Schedule,
    axis: &Axis,
    (i, y): (usize, f64),
    stripe: bool,
    lang: Lang,
) {
    let item = &roadmap.items[i];
    let s = &schedule.items[i];
    let milestone = item.kind == Some(Kind::Milestone);
    let mut classes = String::from("item");
    if s.critical {
        classes.push_str(" critical");
    } else if s.near_critical {
        classes.push_str(" near");
    }
    let _ = write!(classes, " {}", s.status.as_str());
    if item.kind == Some(Kind::Regulation) {
        classes.push_str(" regulation");
    }
    let label = item.label(i);
    let title = if item.title.is_empty() {
        label.clone()
    } else {
        item.title.clone()
    };
    let marker = match item.kind {
        Some(Kind::Milestone) => "\u{25c6} ",
        Some(Kind::Regulation) => "\u{a7} ",
        _ => "",
    };
    let limit = if s.critical {
        BOLD_LABEL_CHARS
    } else {
        LABEL_CHARS
    };
    let shown: String = if title.chars().count() > limit {
        let cut: String = title.chars().take(limit - 1).collect();
        format!("{cut}\u{2026}")
    } else {
        title.clone()
    };
    let extra = if s.critical {
        tr!(lang, HtmlTooltipCritical).to_string()
    } else {
        tr!(lang, HtmlTooltipFloat, n = s.total_float)
    };
    let tooltip = tr!(
        lang,
        HtmlTooltip,
        label = label,
        title = title,
        start = lang.date_short(s.early_start),
        finish = lang.date_short(s.early_finish),
        status = s.status.label(lang),
        extra = extra
    );
    let _ = write!(
        out,
        "<g class=\"{classes}\" data-item=\"{}\"><title>{}</title>",
        escape(&label),
        escape(&tooltip)
    );
    if stripe {
        let _ = write!(
            out,
            "<rect class=\"stripe\" x=\"0\" y=\"{y}\" width=\"{TOTAL_W}\" height=\"{ROW_H}\"/>"
        );
    }
    // A nested svg clips a label that is still too wide (bold, wide letters) at the chart.
    let _ = write!(
        out,
        "<svg x=\"0\" y=\"{y}\" width=\"{}\" height=\"{ROW_H}\"><text class=\"label\" \
         x=\"14\" y=\"14\">{}{}</text></svg>",
        LABEL_W - 6.0,
        marker,
        escape(&shown)
    );

    let fallback = roadmap.start.unwrap_or(s.early_start);
    let (plan_start, plan_days) = planned(roadmap, i, fallback);
    let mid = y + 9.0;
    if milestone {
        let point = day(s.early_start) + 1;
        if plan_start != point {
            diamond(out, "planned-ms", axis.x(plan_start), mid, 4.0);
        }
        diamond(out, "ms", axis.x(point), mid, 6.0);
    } else {
        let (x0, x1) = (axis.x(day(s.early_start)), axis.x(day(s.early_finish) + 1));
        let w = (x1 - x0).max(1.5);
        let _ = write!(
            out,
            "<rect class=\"bar\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"11\" rx=\"2\"/>",
            y + 3.0
        );
        if item.progress > 0 {
            let pw = w * f64::from(item.progress.min(100)) / 100.0;
            let _ = write!(
                out,
                "<rect class=\"progress\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{pw:.1}\" height=\"11\" rx=\"2\"/>",
                y + 3.0
            );
        }
        let (p0, p1) = (axis.x(plan_start), axis.x(plan_start + plan_days));
        let _ = write!(
            out,
            "<line class=\"planned\" x1=\"{p0:.1}\" y1=\"{:.1}\" x2=\"{p1:.1}\" y2=\"{:.1}\"/>",
            y + 17.0,
            y + 17.0
        );
    }
    out.push_str("</g>\n");
}

fn diamond(out: &mut String, class: &str, x: f64, y: f64, r: f64) {
    let _ = write!(
        out,
        "<path class=\"{class}\" d=\"M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z\"/>",
        y - r,
        x + r,
        y + r,
        x - r
    );
}
