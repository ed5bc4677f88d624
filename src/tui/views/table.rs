//! View 2: one row per item. Columns that do not fit are dropped by priority, so the table
//! stays readable from 80 columns up; only the rows on screen are built.

use super::Context;
use crate::i18n::{current, ui, M};
use crate::model::{format_date, Date, Item};
use crate::report::money::format_money;
use crate::schedule::{ItemSchedule, Status};
use crate::tui::state::SortKey;
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use std::collections::HashSet;

#[derive(Debug, Clone)]
pub struct TableState {
    pub sort: SortKey,
    pub descending: bool,
    pub offset: usize,
    pub follow: bool,
    pub page: usize,
}

impl Default for TableState {
    fn default() -> Self {
        TableState {
            sort: SortKey::File,
            descending: false,
            offset: 0,
            follow: true,
            page: 10,
        }
    }
}

impl TableState {
    pub fn scroll(&mut self, steps: i32) {
        let delta = isize::try_from(steps).unwrap_or(0) * 3;
        self.offset = self.offset.saturating_add_signed(delta);
        self.follow = false;
    }
}

struct Column {
    key: SortKey,
    title: M,
    width: u16,
    /// Lower numbers are kept first when the screen is narrow.
    priority: u8,
}

/// The title column takes what is left, at least this much.
const TITLE_MIN: u16 = 16;

const COLUMNS: [Column; 12] = [
    Column {
        key: SortKey::Id,
        title: M::SortId,
        width: 18,
        priority: 0,
    },
    Column {
        key: SortKey::Title,
        title: M::SortTitle,
        width: TITLE_MIN,
        priority: 0,
    },
    Column {
        key: SortKey::Sector,
        title: M::SortSector,
        width: 11,
        priority: 5,
    },
    Column {
        key: SortKey::Kind,
        title: M::SortKind,
        width: 10,
        priority: 6,
    },
    Column {
        key: SortKey::Start,
        title: M::SortStart,
        width: 10,
        priority: 4,
    },
    Column {
        key: SortKey::End,
        title: M::SortEnd,
        width: 10,
        priority: 3,
    },
    Column {
        key: SortKey::ForecastStart,
        title: M::ColFcStart,
        width: 10,
        priority: 7,
    },
    Column {
        key: SortKey::ForecastFinish,
        title: M::ColFcFinish,
        width: 10,
        priority: 1,
    },
    Column {
        key: SortKey::Float,
        title: M::SortFloat,
        width: 6,
        priority: 1,
    },
    Column {
        key: SortKey::Status,
        title: M::SortStatus,
        width: 11,
        priority: 2,
    },
    Column {
        key: SortKey::Progress,
        title: M::ColDone,
        width: 4,
        priority: 2,
    },
    Column {
        key: SortKey::Cost,
        title: M::SortCost,
        width: 14,
        priority: 8,
    },
];

/// The columns that fit in `width`, in display order, with their widths (title stretched).
fn layout(width: u16) -> Vec<(&'static Column, u16)> {
    let mut by_priority: Vec<usize> = (0..COLUMNS.len()).collect();
    by_priority.sort_by_key(|&i| COLUMNS[i].priority);
    let mut chosen = vec![false; COLUMNS.len()];
    let mut used = 0u16;
    for i in by_priority {
        let need = COLUMNS[i].width + 1;
        if used + need <= width {
            used += need;
            chosen[i] = true;
        }
    }
    let spare = width.saturating_sub(used);
    COLUMNS
        .iter()
        .zip(chosen)
        .filter(|(_, keep)| *keep)
        .map(|(column, _)| {
            let width = if column.key == SortKey::Title {
                column.width + spare
            } else {
                column.width
            };
            (column, width)
        })
        .collect()
}

pub fn render(
    area: Rect,
    buf: &mut Buffer,
    ctx: &Context,
    order: &[usize],
    state: &mut TableState,
    search: Option<&str>,
    hits: &mut Vec<(Rect, usize)>,
) {
    let area = area.intersection(buf.area);
    if area.height < 2 || area.width < 10 {
        return;
    }
    let theme = ctx.theme;
    buf.set_style(area, Style::new().bg(theme.background).fg(theme.foreground));
    let columns = layout(area.width);
    let body_h = usize::from(area.height - 1);
    state.page = body_h;
    if state.follow {
        state.follow = false;
        if let Some(at) = ctx
            .selected
            .and_then(|s| order.iter().position(|&i| i == s))
        {
            if at < state.offset {
                state.offset = at;
            } else if at >= state.offset + body_h {
                state.offset = at + 1 - body_h;
            }
        }
    }
    state.offset = state.offset.min(order.len().saturating_sub(body_h));

    let mut x = area.x;
    let header = Style::new().fg(theme.header).add_modifier(Modifier::BOLD);
    for (column, width) in &columns {
        let mut title = ui(column.title).to_string();
        if column.key == state.sort {
            title.push(if state.descending { '▼' } else { '▲' });
        }
        let title = fit(&title, usize::from(*width));
        buf.set_stringn(x, area.y, &title, usize::from(*width), header);
        x += width + 1;
    }

    let with_errors: HashSet<usize> = ctx
        .doc
        .problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.item_index())
        .collect();
    let query = search.map(str::to_lowercase);
    let currency = ctx.doc.roadmap.currency.as_str();
    for (k, &index) in order.iter().skip(state.offset).take(body_h).enumerate() {
        let (Some(item), Some(computed)) = (
            ctx.doc.roadmap.items.get(index),
            ctx.doc.schedule.items.get(index),
        ) else {
            continue;
        };
        let y = area.y + 1 + u16::try_from(k).unwrap_or(0);
        let line = Rect::new(area.x, y, area.width, 1);
        let selected = ctx.selected == Some(index);
        let matched = query.as_deref().is_some_and(|q| {
            item.title.to_lowercase().contains(q) || item.id.to_lowercase().contains(q)
        });
        let mut x = area.x;
        for (column, width) in &columns {
            let (text, color) = cell(item, index, computed, column.key, currency, theme);
            let mut style = Style::new().fg(color);
            if column.key == SortKey::Id && with_errors.contains(&index) {
                style = style.fg(theme.error);
            }
            if matched && matches!(column.key, SortKey::Id | SortKey::Title) {
                style = style
                    .fg(theme.search_match)
                    .add_modifier(Modifier::UNDERLINED);
            }
            let text = fit(&text, usize::from(*width));
            buf.set_stringn(x, y, &text, usize::from(*width), style);
            x += width + 1;
        }
        if selected {
            buf.set_style(
                line,
                Style::new()
                    .bg(theme.selection_bg)
                    .add_modifier(Modifier::BOLD),
            );
        }
        hits.push((line, index));
    }
}

fn date_text(date: Option<Date>, item: &Item, field: &str) -> String {
    match date {
        Some(date) => format_date(date),
        None if item.invalid.contains_key(field) => ui(M::TableInvalid).to_string(),
        None => "—".to_string(),
    }
}

fn cell(
    item: &Item,
    index: usize,
    computed: &ItemSchedule,
    key: SortKey,
    currency: &str,
    theme: &Theme,
) -> (String, Color) {
    let plain = theme.foreground;
    match key {
        SortKey::File | SortKey::Id => {
            let color = if computed.critical {
                theme.critical
            } else {
                plain
            };
            (item.label(index), color)
        }
        SortKey::Title => {
            let glyph = match item.kind {
                Some(crate::model::Kind::Milestone) => "◆ ",
                Some(crate::model::Kind::Regulation) => "§ ",
                _ => "",
            };
            (format!("{glyph}{}", item.title), plain)
        }
        SortKey::Sector => (item.sector.clone(), theme.muted),
        SortKey::Kind => (
            match item.kind {
                Some(crate::model::Kind::Milestone) => ui(M::KindMilestoneShort),
                Some(kind) => kind.label(current()),
                None => "?",
            }
            .to_string(),
            theme.muted,
        ),
        SortKey::Start => (date_text(item.start, item, "start"), plain),
        SortKey::End => (date_text(item.end, item, "end"), plain),
        SortKey::ForecastStart => {
            let moved = item.start.is_some_and(|s| s != computed.early_start);
            (
                format_date(computed.early_start),
                if moved { theme.warning } else { plain },
            )
        }
        SortKey::ForecastFinish => {
            let late = item.end.is_some_and(|e| computed.early_finish > e);
            (
                format_date(computed.early_finish),
                if late { theme.late } else { plain },
            )
        }
        SortKey::Float => {
            let color = if computed.critical {
                theme.critical
            } else if computed.near_critical {
                theme.near_critical
            } else {
                plain
            };
            (format!("{:>5}", computed.total_float), color)
        }
        SortKey::Status => (
            computed.status.label(current()).to_string(),
            match computed.status {
                Status::Done => theme.done,
                Status::Late => theme.late,
                Status::Blocked => theme.blocked,
                Status::AtRisk => theme.at_risk,
                Status::NotStarted => theme.not_started,
                Status::OnTrack => theme.on_track,
            },
        ),
        SortKey::Progress => (format!("{:>3}%", item.progress), plain),
        SortKey::Cost => (
            item.cost
                .map(|c| format!("{:>14}", format_money(u128::from(c), currency)))
                .unwrap_or_default(),
            plain,
        ),
    }
}
