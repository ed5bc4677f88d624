//! The item detail panel: planned against forecast dates, total and free float, status and
//! its reason, and the driving predecessor chain with each link's type and lag. It answers
//! "why is this critical?" and "why did it move?". A pure function of the document; the risks
//! view shows it for its selected row, and any view can place it with `render`.

use super::Context;
use crate::i18n::{current, ui, M};
use crate::model::{format_date, Date, Item, Roadmap};
use crate::report::schedule::slip_phrase_in;
use crate::schedule::{ItemSchedule, Schedule, Status};
use crate::tr;
use crate::tui::popup::wrap;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use unicode_width::UnicodeWidthStr;

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
    let key = if n.abs() == 1 { M::DayOne } else { M::DayMany };
    current().f(key, &[("n", &n)])
}

/// Width of the label column: the longest label in the UI's language and a space, at
/// least 10 (Indonesian labels such as "Paling lambat" are longer).
fn label_width() -> usize {
    [
        M::DetailStatus,
        M::DetailPlanned,
        M::DetailForecast,
        M::DetailBaseline,
        M::DetailLatest,
        M::DetailFloatLabel,
    ]
    .iter()
    .map(|&k| ui(k).width() + 1)
    .max()
    .unwrap_or(0)
    .max(LABEL)
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
    let lang = current();
    if computed.critical {
        let finish = schedule.finish.map(|d| lang.date(d)).unwrap_or_default();
        out.push(tr!(lang, DetailCritical, finish = finish));
    } else if computed.near_critical {
        out.push(tr!(
            lang,
            DetailNearCritical,
            days = day_count(computed.total_float)
        ));
    } else {
        out.push(tr!(
            lang,
            DetailFloat,
            total = day_count(computed.total_float),
            free = day_count(computed.free_float)
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
        (Some(planned), Some(pred)) if computed.early_start > planned => out.push(tr!(
            lang,
            DetailMoved,
            days = day_count(days(planned, computed.early_start)),
            pred = pred,
            link = link
        )),
        (Some(_), Some(pred)) => out.push(tr!(lang, DetailNoSlack, pred = pred, link = link)),
        _ => {}
    }
    let planned_end = if item.is_milestone() {
        planned_start
    } else {
        item.end.or(item.start)
    };
    if let Some(end) = planned_end {
        if computed.early_finish > end {
            out.push(tr!(
                lang,
                DetailFinishAfter,
                days = day_count(days(end, computed.early_finish))
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
            ui(M::DetailNoItem),
            Style::new().fg(theme.muted),
        )];
    };
    let lang = current();
    let label_w = label_width();
    let label = |key: M| {
        let text = ui(key);
        Span::styled(format!("{text:<label_w$}"), Style::new().fg(theme.header))
    };
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
        label(M::DetailStatus),
        Span::styled(
            computed.status.label(lang).to_string(),
            Style::new()
                .fg(status_color(theme, computed.status))
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(tr!(lang, DetailDone, n = item.progress), muted),
    ];
    if computed.critical {
        status.push(Span::styled(
            ui(M::DetailCriticalTag),
            Style::new().fg(theme.critical),
        ));
    } else if computed.near_critical {
        status.push(Span::styled(
            ui(M::DetailNearCriticalTag),
            Style::new().fg(theme.near_critical),
        ));
    }
    lines.push(Line::from(status));
    if let Some(reason) = &computed.reason {
        for text in wrap(
            &reason.describe_in(roadmap, lang),
            width.saturating_sub(label_w).max(10),
        ) {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(label_w)),
                Span::styled(text, Style::new().fg(status_color(theme, computed.status))),
            ]));
        }
    }
    let planned = match (item.start, item.end) {
        (Some(start), Some(end)) => range(start, end),
        (Some(day), None) | (None, Some(day)) => format_date(day),
        (None, None) => ui(M::DetailNoDates).to_string(),
    };
    lines.push(Line::from(vec![
        label(M::DetailPlanned),
        Span::styled(planned, plain),
    ]));
    let moved = item
        .end
        .or(item.start)
        .map(|end| days(end, computed.early_finish))
        .filter(|d| *d != 0)
        .map(|d| tr!(lang, DetailFinishSlip, slip = slip_phrase_in(d, lang)))
        .unwrap_or_else(|| ui(M::DetailAsPlanned).to_string());
    lines.push(Line::from(vec![
        label(M::DetailForecast),
        Span::styled(range(computed.early_start, computed.early_finish), plain),
        Span::styled(moved, muted),
    ]));
    if let Some(baseline) = ctx.baseline {
        let (dates, note) = match baseline.dates(&item.id) {
            Some((start, finish)) => {
                let slip = days(finish, computed.early_finish);
                let note = if slip == 0 {
                    ui(M::DetailFinishUnchanged).to_string()
                } else {
                    tr!(lang, DetailFinishSlip, slip = slip_phrase_in(slip, lang))
                };
                (range(start, finish), note)
            }
            None => (ui(M::DetailNewSinceBaseline).to_string(), String::new()),
        };
        lines.push(Line::from(vec![
            label(M::DetailBaseline),
            Span::styled(dates, plain),
            Span::styled(format!("{note} ({})", baseline.label), muted),
        ]));
    }
    lines.push(Line::from(vec![
        label(M::DetailLatest),
        Span::styled(range(computed.late_start, computed.late_finish), plain),
        Span::styled(ui(M::DetailWithoutMoving), muted),
    ]));
    let float_style = if computed.critical {
        Style::new().fg(theme.critical)
    } else if computed.near_critical {
        Style::new().fg(theme.near_critical)
    } else {
        plain
    };
    lines.push(Line::from(vec![
        label(M::DetailFloatLabel),
        Span::styled(
            tr!(lang, DetailFloatTotal, n = computed.total_float),
            float_style,
        ),
        Span::styled(tr!(lang, DetailFloatFree, n = computed.free_float), plain),
    ]));
    for reason in reasons(ctx, index, item, computed) {
        for text in wrap(&reason, width.max(10)) {
            lines.push(Line::styled(text, muted));
        }
    }

    let chain = schedule.driving_chain(index);
    if chain.len() > 1 {
        lines.push(Line::styled(
            ui(M::DetailDrivingChain),
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
                spans.push(Span::styled(ui(M::DetailStartsAsPlanned), muted));
            }
            lines.push(Line::from(spans));
        }
    } else if !item.depends_on.is_empty() {
        lines.push(Line::styled(ui(M::DetailOwnStart), muted));
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
            ui(M::DetailTitle),
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
        crate::tui::widgets::set_line_fit(buf, inner.x, y, line, inner.width);
    }
}
