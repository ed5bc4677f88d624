//! The item detail panel: planned against forecast dates, total and free float, status and
//! its reason, and the driving predecessor chain with each link's type and lag. It answers
//! "why is this critical?" and "why did it move?". A pure function of the document; the risks
//! view shows it for its selected row, and any view can place it with `render`.

use super::Context;
use crate::model::{format_date, Date, Item, Roadmap};
use crate::report::schedule::slip_phrase;
use crate::schedule::{ItemSchedule, Schedule, Status};
use crate::tui::popup::wrap;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// Columns of the labels on the left.
const LABEL: usize = 10;

pub fn status_color(theme: &Theme, status: Status) -> Color {
    match status {
        Status::Done => theme.done,
        Status::Late => theme.late,
        Status::Blocked => theme.blocked,
        Status::AtRisk => theme.at_risk,
        Status::NotStarted => theme.not_started,
        Status::OnTrack => theme.on_track,
    }
}

/// `1 day`, `5 days`.
fn day_count(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

fn days(from: Date, to: Date) -> i64 {
    (to - from).num_days()
}

/// `SS +30`, `FS`: the link from `item` to the predecessor that drives it.
fn driving_link(roadmap: &Roadmap, schedule: &Schedule, item: usize) -> Option<String> {
    let link = schedule.items.get(item)?.driving?;
    let dep = roadmap.items.get(item)?.depends_on.get(link)?;
    Some(if dep.lag_days == 0 {
        dep.link.to_string()
    } else {
        format!("{} {:+}", dep.link, dep.lag_days)
    })
}

fn range(start: Date, end: Date) -> String {
    format!("{} – {}", format_date(start), format_date(end))
}

/// Sentences on why the item sits where it does; each becomes one or more lines.
fn reasons(ctx: &Context, index: usize, item: &Item, computed: &ItemSchedule) -> Vec<String> {
    let roadmap = &ctx.doc.roadmap;
    let schedule = &ctx.doc.schedule;
    let mut out = Vec::new();
    if computed.critical {
        let finish = schedule.finish.map(format_date).unwrap_or_default();
        out.push(format!(
            "Critical: no float. Any delay moves the forecast finish ({finish})."
        ));
    } else if computed.near_critical {
        out.push(format!(
            "Near-critical: only {} of float before the forecast finish moves.",
            day_count(computed.total_float)
        ));
    } else {
        out.push(format!(
            "It can finish {} later before the forecast finish moves, {} later before any successor does.",
            day_count(computed.total_float),
            day_count(computed.free_float)
        ));
    }
    let pred = computed
        .driving
        .and_then(|d| item.depends_on.get(d))
        .map(|dep| dep.id.clone());
    let link = driving_link(roadmap, schedule, index).unwrap_or_default();
    let planned_start = if item.is_milestone() {
        item.start.or(item.end)
    } else {
        item.start
    };
    match (planned_start, pred) {
        (Some(planned), Some(pred)) if computed.early_start > planned => out.push(format!(
            "Moved: starts {} after its planned start, held by {pred} ({link}).",
            day_count(days(planned, computed.early_start))
        )),
        (Some(_), Some(pred)) => out.push(format!(
            "Its predecessor {pred} ({link}) leaves it no slack at the start."
        )),
        _ => {}
    }
    let planned_end = if item.is_milestone() {
        planned_start
    } else {
        item.end.or(item.start)
    };
    if let Some(end) = planned_end {
        if computed.early_finish > end {
            out.push(format!(
                "Forecast finish is {} after its planned end.",
                day_count(days(end, computed.early_finish))
            ));
        }
    }
    out
}

/// The panel's lines for item `index`, wrapped to `width` columns.
pub fn lines(ctx: &Context, index: usize, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let roadmap = &ctx.doc.roadmap;
    let schedule = &ctx.doc.schedule;
    let (Some(item), Some(computed)) = (roadmap.items.get(index), schedule.items.get(index)) else {
        return vec![Line::styled(
            "No item selected.",
            Style::new().fg(theme.muted),
        )];
    };
    let label = |text: &str| Span::styled(format!("{text:<LABEL$}"), Style::new().fg(theme.header));
    let muted = Style::new().fg(theme.muted);
    let plain = Style::new().fg(theme.foreground);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            item.label(index),
            Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {}", item.title), plain),
    ])];

    let mut status = vec![
        label("Status"),
        Span::styled(
            computed.status.to_string(),
            Style::new()
                .fg(status_color(theme, computed.status))
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {}% done", item.progress), muted),
    ];
    if computed.critical {
        status.push(Span::styled("  critical", Style::new().fg(theme.critical)));
    } else if computed.near_critical {
        status.push(Span::styled(
            "  near-critical",
            Style::new().fg(theme.near_critical),
        ));
    }
    lines.push(Line::from(status));
    if let Some(reason) = &computed.reason {
        for text in wrap(
            &reason.describe(roadmap),
            width.saturating_sub(LABEL).max(10),
        ) {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL)),
                Span::styled(text, Style::new().fg(status_color(theme, computed.status))),
            ]));
        }
    }
    let planned = match (item.start, item.end) {
        (Some(start), Some(end)) => range(start, end),
        (Some(day), None) | (None, Some(day)) => format_date(day),
        (None, None) => "no dates".to_string(),
    };
    lines.push(Line::from(vec![
        label("Planned"),
        Span::styled(planned, plain),
    ]));
    let moved = item
        .end
        .or(item.start)
        .map(|end| days(end, computed.early_finish))
        .filter(|d| *d != 0)
        .map(|d| format!("  finish {}", slip_phrase(d)))
        .unwrap_or_else(|| "  as planned".to_string());
    lines.push(Line::from(vec![
        label("Forecast"),
        Span::styled(range(computed.early_start, computed.early_finish), plain),
        Span::styled(moved, muted),
    ]));
    if let Some(baseline) = ctx.baseline {
        let (dates, note) = match baseline.dates(&item.id) {
            Some((start, finish)) => {
                let slip = days(finish, computed.early_finish);
                let note = if slip == 0 {
                    "  finish unchanged".to_string()
                } else {
                    format!("  finish {}", slip_phrase(slip))
                };
                (range(start, finish), note)
            }
            None => ("new since the baseline".to_string(), String::new()),
        };
        lines.push(Line::from(vec![
            label("Baseline"),
            Span::styled(dates, plain),
            Span::styled(format!("{note} ({})", baseline.label), muted),
        ]));
    }
    lines.push(Line::from(vec![
        label("Latest"),
        Span::styled(range(computed.late_start, computed.late_finish), plain),
        Span::styled("  without moving the finish", muted),
    ]));
    let float_style = if computed.critical {
        Style::new().fg(theme.critical)
    } else if computed.near_critical {
        Style::new().fg(theme.near_critical)
    } else {
        plain
    };
    lines.push(Line::from(vec![
        label("Float"),
        Span::styled(format!("total {} d", computed.total_float), float_style),
        Span::styled(format!(" · free {} d", computed.free_float), plain),
    ]));
    for reason in reasons(ctx, index, item, computed) {
        for text in wrap(&reason, width.max(10)) {
            lines.push(Line::styled(text, muted));
        }
    }

    let chain = schedule.driving_chain(index);
    if chain.len() > 1 {
        lines.push(Line::styled(
            "Driving chain (why it starts when it does):",
            Style::new().fg(theme.header),
        ));
        for (position, &at) in chain.iter().enumerate() {
            let Some(node) = roadmap.items.get(at) else {
                continue;
            };
            let Some(node_schedule) = schedule.items.get(at) else {
                continue;
            };
            let link = if position == 0 {
                String::new()
            } else {
                // The link from the item before it in the chain, which this one drives.
                driving_link(roadmap, schedule, chain[position - 1])
                    .map(|l| format!("← {l} "))
                    .unwrap_or_default()
            };
            let indent = " ".repeat(position.min(6));
            let mut spans = vec![
                Span::raw(indent),
                Span::styled(link, Style::new().fg(theme.predecessor)),
                Span::styled(node.label(at), plain.add_modifier(Modifier::BOLD)),
                Span::styled(
                    format!(
                        "  {}",
                        range(node_schedule.early_start, node_schedule.early_finish)
                    ),
                    muted,
                ),
            ];
            if position + 1 == chain.len() {
                spans.push(Span::styled("  (starts as planned)", muted));
            }
            lines.push(Line::from(spans));
        }
    } else if !item.depends_on.is_empty() {
        lines.push(Line::styled(
            "Its own planned start drives it; no predecessor holds it back.",
            muted,
        ));
    }
    lines
}

/// The panel in a bordered box over `area`.
pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, index: usize) {
    let area = area.intersection(buf.area);
    if area.width < 3 || area.height < 3 {
        return;
    }
    let block = Block::new()
        .borders(Borders::TOP)
        .border_style(Style::new().fg(ctx.theme.border))
        .title(Line::styled(
            " Item detail ",
            Style::new().fg(ctx.theme.title),
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1),
        ..inner
    };
    for (n, line) in lines(ctx, index, usize::from(inner.width))
        .iter()
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + u16::try_from(n).unwrap_or(0);
        buf.set_line(inner.x, y, line, inner.width);
    }
}
