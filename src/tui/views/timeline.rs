//! View 1: swimlanes of bars over a calendar ruler. Only the rows on screen and the dates in
//! the visible window are drawn; each column covers `Zoom::days_per_column` days.

use super::Context;
use crate::model::{Date, Item, Kind};
use crate::schedule::{date_of, day, ItemSchedule, Status};
use crate::tui::rows::Row;
use crate::tui::state::{Grouping, Zoom};
use crate::tui::theme::Theme;
use chrono::{Datelike, Months, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use std::collections::HashSet;

#[derive(Debug, Clone)]
pub struct TimelineState {
    pub zoom: Zoom,
    pub grouping: Grouping,
    /// First row on screen.
    pub offset: usize,
    /// Day number of the first chart column; None until the first draw picks one.
    pub left: Option<i64>,
    /// The selection changed: the next draw scrolls to show it.
    pub follow: bool,
    /// Rows and chart columns of the last draw, for paging and scrolling.
    pub page: usize,
    pub chart_width: u16,
}

impl Default for TimelineState {
    fn default() -> Self {
        TimelineState {
            zoom: Zoom::default(),
            grouping: Grouping::default(),
            offset: 0,
            left: None,
            follow: true,
            page: 10,
            chart_width: 80,
        }
    }
}

impl TimelineState {
    /// Scrolls a quarter of the chart width earlier (-1) or later (1).
    pub fn scroll_columns(&mut self, direction: i32) {
        let columns = i64::from(self.chart_width / 4).max(1);
        let step = columns * self.zoom.days_per_column() * i64::from(direction);
        self.left = self.left.map(|left| left + step);
        self.follow = false;
    }

    /// Mouse wheel: three rows per step.
    pub fn scroll(&mut self, steps: i32) {
        let delta = isize::try_from(steps).unwrap_or(0) * 3;
        self.offset = self.offset.saturating_add_signed(delta);
        self.follow = false;
    }

    pub fn set_zoom(&mut self, zoom: Zoom) {
        self.zoom = zoom;
        self.left = None;
        self.follow = true;
    }
}

/// Width of the label column for a screen width.
pub fn label_width(width: u16) -> u16 {
    (width / 5).clamp(18, 32)
}

const RULER_ROWS: u16 = 2;

pub fn render(
    area: Rect,
    buf: &mut Buffer,
    ctx: &Context,
    rows: &[Row],
    state: &mut TimelineState,
    search: Option<&str>,
    hits: &mut Vec<(Rect, usize)>,
) {
    let area = area.intersection(buf.area);
    let label_w = label_width(area.width);
    if area.height <= RULER_ROWS || area.width <= label_w + 4 {
        return;
    }
    let theme = ctx.theme;
    let chart = Rect {
        x: area.x + label_w + 1,
        y: area.y,
        width: area.width - label_w - 1,
        height: area.height,
    };
    let body_h = usize::from(area.height - RULER_ROWS);
    state.page = body_h;
    state.chart_width = chart.width;
    let dpc = state.zoom.days_per_column();
    let left = *state.left.get_or_insert_with(|| {
        let first = ctx
            .doc
            .roadmap
            .start
            .or_else(|| ctx.doc.schedule.items.iter().map(|s| s.early_start).min());
        first.map_or(day(ctx.doc.today), day) - dpc
    });
    follow_selection(state, ctx, rows, body_h, chart.width);
    let left = state.left.unwrap_or(left);
    state.offset = state.offset.min(rows.len().saturating_sub(body_h));

    let grid = Grid {
        left,
        dpc,
        x: chart.x,
        width: chart.width,
    };
    buf.set_style(area, Style::new().bg(theme.background).fg(theme.foreground));
    draw_ruler(buf, &grid, area, state, theme, ctx.doc.today);
    let body = Rect {
        y: area.y + RULER_ROWS,
        height: area.height - RULER_ROWS,
        ..area
    };
    // Separator between labels and chart.
    for y in body.y..body.bottom() {
        buf[(area.x + label_w, y)]
            .set_char('│')
            .set_fg(theme.border);
    }
    draw_year_lines(buf, &grid, body, theme);

    let selected = ctx.selected.and_then(|i| ctx.doc.roadmap.items.get(i));
    let predecessors: HashSet<&str> = selected
        .map(|item| item.depends_on.iter().map(|d| d.id.as_str()).collect())
        .unwrap_or_default();
    let selected_id = selected
        .map(|item| item.id.as_str())
        .filter(|id| !id.is_empty());
    let with_errors: HashSet<usize> = ctx
        .doc
        .problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.item_index())
        .collect();
    let query = search.map(str::to_lowercase);

    for (k, row) in rows.iter().skip(state.offset).take(body_h).enumerate() {
        let y = body.y + u16::try_from(k).unwrap_or(0);
        let line = Rect::new(area.x, y, area.width, 1);
        match row {
            Row::Group(heading) => {
                let (label, count) = (&heading.label, heading.count);
                let text =
                    crate::tui::widgets::fit(&format!("▾ {label} ({count})"), usize::from(label_w));
                buf.set_stringn(
                    area.x,
                    y,
                    &text,
                    usize::from(label_w),
                    Style::new().fg(theme.header).add_modifier(Modifier::BOLD),
                );
                for x in chart.x..chart.right() {
                    buf[(x, y)].set_char('─').set_fg(theme.weekend_or_grid);
                }
            }
            Row::Item(index) => {
                let index = *index;
                let (Some(item), Some(computed)) = (
                    ctx.doc.roadmap.items.get(index),
                    ctx.doc.schedule.items.get(index),
                ) else {
                    continue;
                };
                let relation = if ctx.selected == Some(index) {
                    Relation::Selected
                } else if predecessors.contains(item.id.as_str()) {
                    Relation::Predecessor
                } else if selected_id.is_some_and(|id| item.depends_on.iter().any(|d| d.id == id)) {
                    Relation::Successor
                } else {
                    Relation::None
                };
                let matched = query.as_deref().is_some_and(|q| {
                    item.title.to_lowercase().contains(q) || item.id.to_lowercase().contains(q)
                });
                let label = Label {
                    item,
                    computed,
                    relation,
                    has_error: with_errors.contains(&index),
                    matched,
                };
                label.draw(buf, Rect::new(area.x, y, label_w, 1), theme);
                draw_bar(buf, &grid, y, item, computed, theme);
                if let Some(dates) = ctx.baseline.and_then(|b| b.dates(&item.id)) {
                    draw_baseline(buf, &grid, y, dates, item.is_milestone(), theme);
                }
                if relation == Relation::Selected {
                    buf.set_style(line, Style::new().bg(theme.selection_bg));
                }
                hits.push((line, index));
            }
        }
    }
    draw_today(buf, &grid, body, ctx.doc.today, theme);
}

/// Scrolls so that the selected row and the start of its bar are on screen.
fn follow_selection(
    state: &mut TimelineState,
    ctx: &Context,
    rows: &[Row],
    body_h: usize,
    chart_w: u16,
) {
    if !state.follow {
        return;
    }
    state.follow = false;
    let Some(selected) = ctx.selected else {
        return;
    };
    if let Some(at) = rows.iter().position(|r| r.item() == Some(selected)) {
        // Show the lane heading too when the first item of a lane is selected.
        let top = if at > 0 && rows[at - 1].item().is_none() {
            at - 1
        } else {
            at
        };
        if top < state.offset {
            state.offset = top;
        } else if at >= state.offset + body_h {
            state.offset = at + 1 - body_h;
        }
    }
    let (Some(computed), Some(left)) = (ctx.doc.schedule.items.get(selected), state.left) else {
        return;
    };
    let dpc = state.zoom.days_per_column();
    let column = (day(computed.early_start) - left).div_euclid(dpc);
    let width = i64::from(chart_w);
    if column < 0 || column >= width - 1 {
        state.left = Some(day(computed.early_start) - (width / 4) * dpc);
    }
}

struct Grid {
    /// Day number of the first column.
    left: i64,
    dpc: i64,
    x: u16,
    width: u16,
}

impl Grid {
    /// Column (relative to the chart) of a date; may lie outside the chart.
    fn column(&self, date: Date) -> i64 {
        (day(date) - self.left).div_euclid(self.dpc)
    }

    /// Screen x of a relative column, when it is on screen.
    fn x_of(&self, column: i64) -> Option<u16> {
        let column = u16::try_from(column).ok()?;
        (column < self.width).then(|| self.x + column)
    }

    fn first_date(&self) -> Date {
        date_of(self.left)
    }

    fn last_date(&self) -> Date {
        date_of(self.left + i64::from(self.width) * self.dpc)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Relation {
    None,
    Selected,
    Predecessor,
    Successor,
}

struct Label<'a> {
    item: &'a Item,
    computed: &'a ItemSchedule,
    relation: Relation,
    has_error: bool,
    matched: bool,
}

impl Label<'_> {
    fn draw(&self, buf: &mut Buffer, area: Rect, theme: &Theme) {
        let (marker, marker_color) = match self.relation {
            Relation::Selected => ('▶', theme.selection_fg),
            Relation::Predecessor => ('←', theme.predecessor),
            Relation::Successor => ('→', theme.successor),
            Relation::None if self.has_error => ('!', theme.error),
            Relation::None => (' ', theme.foreground),
        };
        let glyph = match self.item.kind {
            Some(Kind::Milestone) => '◆',
            Some(Kind::Regulation) => '§',
            _ => ' ',
        };
        let mut style = Style::new().fg(match self.relation {
            Relation::Selected => theme.selection_fg,
            Relation::Predecessor => theme.predecessor,
            Relation::Successor => theme.successor,
            Relation::None if self.matched => theme.search_match,
            Relation::None => status_text_color(self.computed.status, theme),
        });
        if self.relation == Relation::Selected {
            style = style.add_modifier(Modifier::BOLD);
        }
        if self.matched {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        buf[(area.x, area.y)]
            .set_char(marker)
            .set_style(Style::new().fg(marker_color));
        if area.width > 1 {
            buf[(area.x + 1, area.y)]
                .set_char(glyph)
                .set_style(Style::new().fg(kind_color(self.item.kind, theme)));
        }
        if area.width > 4 {
            let title = if self.item.title.is_empty() {
                self.item.id.as_str()
            } else {
                self.item.title.as_str()
            };
            let title = crate::tui::widgets::fit(title, usize::from(area.width - 4));
            buf.set_stringn(
                area.x + 3,
                area.y,
                &title,
                usize::from(area.width - 4),
                style,
            );
        }
    }
}

fn kind_color(kind: Option<Kind>, theme: &Theme) -> Color {
    match kind {
        Some(Kind::Milestone) => theme.milestone,
        Some(Kind::Regulation) => theme.regulation,
        _ => theme.bar,
    }
}

fn status_text_color(status: Status, theme: &Theme) -> Color {
    match status {
        Status::Late => theme.late,
        Status::Blocked => theme.blocked,
        Status::AtRisk => theme.at_risk,
        Status::Done => theme.done,
        _ => theme.foreground,
    }
}

/// The bar's colour: done, then critical, then a status that needs attention, then the kind.
pub fn bar_color(item: &Item, computed: &ItemSchedule, theme: &Theme) -> Color {
    match computed.status {
        Status::Done => theme.done,
        _ if computed.critical => theme.critical,
        Status::Late => theme.late,
        Status::Blocked => theme.blocked,
        Status::AtRisk => theme.at_risk,
        _ => kind_color(item.kind, theme),
    }
}

fn draw_bar(
    buf: &mut Buffer,
    grid: &Grid,
    y: u16,
    item: &Item,
    computed: &ItemSchedule,
    theme: &Theme,
) {
    let color = bar_color(item, computed, theme);
    let first = grid.column(computed.early_start);
    if item.is_milestone() {
        if let Some(x) = grid.x_of(first) {
            buf[(x, y)].set_char('◆').set_fg(color);
        }
        return;
    }
    let last = grid.column(computed.early_finish).max(first);
    let cells = last - first + 1;
    let done = (cells * i64::from(item.progress.min(100)) + 50) / 100;
    let plain = color == kind_color(item.kind, theme);
    let rest_glyph = if item.kind == Some(Kind::Regulation) {
        '≡'
    } else {
        '▒'
    };
    let from = first.max(0);
    let to = last.min(i64::from(grid.width) - 1);
    for column in from..=to {
        let Some(x) = grid.x_of(column) else {
            continue;
        };
        let in_progress = column - first < done;
        let (glyph, fg) = if in_progress {
            ('█', if plain { theme.bar_progress } else { color })
        } else {
            (rest_glyph, color)
        };
        buf[(x, y)].set_char(glyph).set_fg(fg);
    }
}

/// The baseline's forecast dates under the current bar: bar cells are underlined and empty
/// cells get a low line, so a bar that moved since the baseline visibly leaves it.
fn draw_baseline(
    buf: &mut Buffer,
    grid: &Grid,
    y: u16,
    (start, finish): (Date, Date),
    milestone: bool,
    theme: &Theme,
) {
    let first = grid.column(start);
    let last = if milestone {
        first
    } else {
        grid.column(finish).max(first)
    };
    for column in first.max(0)..=last.min(i64::from(grid.width) - 1) {
        let Some(x) = grid.x_of(column) else {
            continue;
        };
        let cell = &mut buf[(x, y)];
        if cell.symbol() == " " {
            cell.set_char('▁').set_fg(theme.muted);
        } else {
            cell.modifier.insert(Modifier::UNDERLINED);
        }
    }
}

fn draw_year_lines(buf: &mut Buffer, grid: &Grid, body: Rect, theme: &Theme) {
    for year in grid.first_date().year() + 1..=grid.last_date().year() {
        let Some(x) = Date::from_ymd_opt(year, 1, 1).and_then(|d| grid.x_of(grid.column(d))) else {
            continue;
        };
        for y in body.y..body.bottom() {
            buf[(x, y)].set_char('┊').set_fg(theme.weekend_or_grid);
        }
    }
}

/// The today line goes through empty cells only, so bars stay readable.
fn draw_today(buf: &mut Buffer, grid: &Grid, body: Rect, today: Date, theme: &Theme) {
    let Some(x) = grid.x_of(grid.column(today)) else {
        return;
    };
    for y in body.y..body.bottom() {
        let cell = &mut buf[(x, y)];
        if matches!(cell.symbol(), " " | "┊" | "─") {
            cell.set_char('│').set_fg(theme.today);
        }
    }
}

fn draw_ruler(
    buf: &mut Buffer,
    grid: &Grid,
    area: Rect,
    state: &TimelineState,
    theme: &Theme,
    today: Date,
) {
    let style = Style::new().fg(theme.ruler);
    let info = [
        crate::tr!(
            crate::i18n::current(),
            TimelineZoom,
            zoom = state.zoom.label()
        ),
        crate::tr!(
            crate::i18n::current(),
            TimelineBy,
            group = state.grouping.label()
        ),
    ];
    let label_w = grid.x.saturating_sub(area.x + 1);
    for (row, text) in info.iter().enumerate() {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        let text = crate::tui::widgets::fit(text, usize::from(label_w));
        buf.set_stringn(
            area.x + 1,
            y,
            &text,
            usize::from(label_w),
            Style::new().fg(theme.muted),
        );
    }
    let (top, bottom) = ruler_marks(state.zoom, grid.first_date(), grid.last_date());
    write_marks(
        buf,
        grid,
        area.y,
        &top,
        style.add_modifier(Modifier::BOLD),
        true,
    );
    write_marks(buf, grid, area.y + 1, &bottom, style, false);
    if let Some(x) = grid.x_of(grid.column(today)) {
        buf[(x, area.y + 1)].set_char('▼').set_fg(theme.today);
    }
}

/// Writes labels at their dates' columns, skipping any that would touch the previous one.
/// With `carry`, the period that began before the window is named at its left edge.
fn write_marks(
    buf: &mut Buffer,
    grid: &Grid,
    y: u16,
    marks: &[(Date, String)],
    style: Style,
    carry: bool,
) {
    let mut free_from = 0i64;
    if carry {
        if let Some((_, text)) = marks.iter().rev().find(|(d, _)| grid.column(*d) <= 0) {
            let next = marks
                .iter()
                .map(|(d, _)| grid.column(*d))
                .find(|c| *c > 0)
                .unwrap_or(i64::from(grid.width));
            let length = i64::try_from(text.chars().count()).unwrap_or(0);
            if length < next {
                buf.set_string(grid.x, y, text, style);
                free_from = length + 1;
            }
        }
    }
    for (date, text) in marks {
        let column = grid.column(*date);
        if column < free_from || column >= i64::from(grid.width) {
            continue;
        }
        let room = i64::from(grid.width) - column;
        let length = i64::try_from(text.chars().count()).unwrap_or(0);
        if let Some(x) = grid.x_of(column) {
            buf.set_stringn(x, y, text, usize::try_from(room).unwrap_or(0), style);
        }
        free_from = column + length + 1;
    }
}

/// Labels for the two ruler rows over the dates from `from` to `to`, plus the period before.
/// Ruler labels: each at the first day of the period it names.
type Marks = Vec<(Date, String)>;

fn ruler_marks(zoom: Zoom, from: Date, to: Date) -> (Marks, Marks) {
    let mut top = Vec::new();
    let mut bottom = Vec::new();
    let Some(mut month) = Date::from_ymd_opt(from.year(), 1, 1) else {
        return (top, bottom);
    };
    while month <= to {
        let m = month.month();
        match zoom {
            Zoom::Year | Zoom::Quarter => {
                if m == 1 {
                    top.push((month, month.year().to_string()));
                }
                if m % 3 == 1 {
                    bottom.push((month, quarter(m / 3 + 1)));
                }
            }
            Zoom::Month => {
                if m == 1 {
                    top.push((month, month.year().to_string()));
                } else if m % 3 == 1 {
                    top.push((month, quarter(m / 3 + 1)));
                }
                let lang = crate::i18n::current();
                bottom.push((month, lang.month_short(month.month0() as usize).to_string()));
            }
            Zoom::Week => top.push((month, crate::i18n::current().month_year(month))),
        }
        month = match month.checked_add_months(Months::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    if zoom == Zoom::Week {
        let back = i64::from(from.weekday().num_days_from_monday());
        let mut monday = date_of(day(from) - back);
        while monday <= to {
            bottom.push((monday, monday.day().to_string()));
            monday = date_of(day(monday) + 7);
            if monday.weekday() != Weekday::Mon {
                break;
            }
        }
    }
    (top, bottom)
}

/// `Q1` in English, `T1` (triwulan) in Indonesian.
fn quarter(n: u32) -> String {
    crate::tr!(crate::i18n::current(), GanttQuarter, n = n)
}
