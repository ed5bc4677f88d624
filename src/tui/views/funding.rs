//! View 3, Funding: cost against committed money and the gap, per sector; funding per scheme
//! and year for the whole roadmap and for the chosen sector; funding per sector and year.
//! Years in which a scheme goes over its ceiling are highlighted and named under its table,
//! and a chart compares each year's need with the money committed for it.
//!
//! The chosen sector is the selected item's until ←/→ pins another (or "whole roadmap").
//! Year columns scroll with Shift-←/→ when they do not all fit; at 160 columns the tables sit
//! in two columns side by side. All sums come from `report::funding::summarize`.

mod chart;

use super::{Context, ViewOutcome};
use crate::i18n::{current, ui, M};
use crate::model::Roadmap;
use crate::report::funding::{summarize, FundingSummary, Totals};
use crate::report::funding_need::need_per_year;
use crate::report::money::format_figure;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::collections::BTreeMap;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default)]
pub struct FundingState {
    /// First line shown.
    pub scroll: usize,
    /// First year column shown, when they do not all fit.
    pub year_offset: usize,
    /// A sector chosen with ←/→: `Some(None)` is the whole roadmap. `None` follows the
    /// selected item's sector.
    pub pinned: Option<Option<String>>,
    /// Lines drawn last time, to bound scrolling.
    lines: usize,
    page: usize,
    cache: Option<Cached>,
}

#[derive(Debug, Clone)]
struct Cached {
    revision: u64,
    sector: Option<String>,
    whole: FundingSummary,
    scoped: Option<FundingSummary>,
    /// Cost per year, for the need-versus-committed chart.
    need: BTreeMap<i32, u128>,
}

impl FundingState {
    /// The sector the view is about (None: the whole roadmap only).
    pub fn sector(&self, ctx: &Context) -> Option<String> {
        match &self.pinned {
            Some(pinned) => pinned.clone(),
            None => ctx
                .selected
                .and_then(|i| ctx.doc.roadmap.items.get(i))
                .map(|item| item.sector.clone())
                .filter(|s| !s.is_empty()),
        }
    }

    fn summaries(
        &mut self,
        ctx: &Context,
    ) -> (
        &FundingSummary,
        Option<&FundingSummary>,
        &BTreeMap<i32, u128>,
    ) {
        let sector = self.sector(ctx);
        let revision = ctx.doc.revision;
        if !self
            .cache
            .as_ref()
            .is_some_and(|c| c.revision == revision && c.sector == sector)
        {
            self.cache = None;
        }
        let roadmap = &ctx.doc.roadmap;
        let cached = self.cache.get_or_insert_with(|| Cached {
            revision,
            whole: summarize(roadmap, None),
            scoped: sector.as_deref().map(|id| summarize(roadmap, Some(id))),
            need: need_per_year(roadmap),
            sector,
        });
        (&cached.whole, cached.scoped.as_ref(), &cached.need)
    }
}

/// Compact money without the currency (named once in the title); a dash for nothing.
fn money(amount: u128, currency: &str) -> String {
    if amount == 0 {
        "-".to_string()
    } else {
        format_figure(amount, currency)
    }
}

fn sector_name(ctx: &Context, id: &str) -> String {
    ctx.doc
        .roadmap
        .sectors
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| tr!(current(), FundUnknownSector, id = id))
}

/// Column widths for one screen width.
#[derive(Debug, Clone, Copy)]
struct Widths {
    label: usize,
    value: usize,
}

/// A table: a title, column headings, rows of cells. `years` is how many leading columns are
/// years (those scroll); the rest always show.
struct Table {
    title: String,
    columns: Vec<String>,
    years: usize,
    rows: Vec<TableRow>,
    /// Warnings shown under the rows (ceilings exceeded).
    notes: Vec<String>,
    currency: String,
}

struct TableRow {
    label: String,
    cells: Vec<Cell>,
    style: RowStyle,
}

#[derive(Clone, Copy, PartialEq)]
enum RowStyle {
    Plain,
    Selected,
    Total,
}

enum Cell {
    Money(u128),
    /// A gap: coloured when money is missing.
    Gap(u128),
    /// Money over the scheme's ceiling for the year: highlighted.
    Over(u128),
    Text(String),
}

impl Table {
    /// Lines of the table with years from `offset`, at most `shown` of them.
    fn lines(&self, w: Widths, offset: usize, shown: usize, theme: &Theme) -> Vec<Line<'static>> {
        let header = Style::new().fg(theme.header).add_modifier(Modifier::BOLD);
        let offset = offset.min(self.years.saturating_sub(shown));
        let visible: Vec<usize> = (offset..(offset + shown).min(self.years))
            .chain(self.years..self.columns.len())
            .collect();
        let mut lines = vec![Line::styled(self.title.clone(), header)];
        let mut heading = format!("{:<width$}", "", width = w.label);
        let before = offset > 0;
        let after = offset + shown < self.years;
        for (n, &c) in visible.iter().enumerate() {
            let mut text = self.columns[c].clone();
            if n == 0 && before {
                text = format!("◀ {text}");
            }
            if c + 1 == offset + shown && after {
                text = format!("{text} ▶");
            }
            let text = fit(&text, w.value.saturating_sub(1));
            heading.push_str(&format!("{text:>width$}", width = w.value));
        }
        lines.push(Line::styled(heading, Style::new().fg(theme.header)));
        for row in &self.rows {
            let base = match row.style {
                RowStyle::Plain => Style::new().fg(theme.foreground),
                RowStyle::Selected => Style::new().fg(theme.selection_fg).bg(theme.selection_bg),
                RowStyle::Total => Style::new()
                    .fg(theme.foreground)
                    .add_modifier(Modifier::BOLD),
            };
            let label = fit(&row.label, w.label.saturating_sub(1));
            let mut spans = vec![Span::styled(
                format!("{label:<width$}", width = w.label),
                base,
            )];
            for &c in &visible {
                let (text, style) = match row.cells.get(c) {
                    Some(Cell::Money(v)) => (money(*v, &self.currency), base),
                    Some(Cell::Gap(v)) if *v > 0 && row.style != RowStyle::Selected => {
                        (money(*v, &self.currency), base.fg(theme.warning))
                    }
                    Some(Cell::Gap(v)) => (money(*v, &self.currency), base),
                    Some(Cell::Over(v)) if row.style != RowStyle::Selected => (
                        money(*v, &self.currency),
                        base.fg(theme.error).add_modifier(Modifier::BOLD),
                    ),
                    Some(Cell::Over(v)) => (money(*v, &self.currency), base),
                    Some(Cell::Text(t)) => (t.clone(), base),
                    None => (String::new(), base),
                };
                spans.push(Span::styled(
                    format!("{text:>width$}", width = w.value),
                    style,
                ));
            }
            lines.push(Line::from(spans));
        }
        for note in &self.notes {
            lines.push(Line::styled(note.clone(), Style::new().fg(theme.error)));
        }
        lines.push(Line::default());
        lines
    }
}

/// Cuts text to `width` columns with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn covered(t: &Totals) -> String {
    match t.committed.saturating_mul(100).checked_div(t.cost) {
        Some(percent) => format!("{percent}%"),
        None => "-".to_string(),
    }
}

fn totals_cells(t: &Totals) -> Vec<Cell> {
    vec![
        Cell::Money(t.cost),
        Cell::Money(t.funded),
        Cell::Money(t.committed),
        Cell::Gap(t.gap),
        Cell::Text(covered(t)),
    ]
}

/// Cost vs committed money: the whole roadmap, then each sector.
fn cost_table(whole: &FundingSummary, sector: Option<&str>) -> Table {
    let mut rows = vec![TableRow {
        label: ui(M::FundWholeRoadmapRow).to_string(),
        cells: totals_cells(&whole.totals),
        style: RowStyle::Total,
    }];
    for row in &whole.sectors {
        let chosen = row.known && sector == Some(row.id.as_str());
        rows.push(TableRow {
            label: row.name.clone(),
            cells: totals_cells(&row.totals),
            style: if chosen {
                RowStyle::Selected
            } else {
                RowStyle::Plain
            },
        });
    }
    Table {
        title: ui(M::FundCostTable).to_string(),
        columns: [
            M::FundColCost,
            M::FundColFunded,
            M::FundColCommitted,
            M::FundColGap,
            M::FundColCovered,
        ]
        .map(|k| ui(k).to_string())
        .to_vec(),
        years: 0,
        rows,
        notes: Vec::new(),
        currency: whole.currency.clone(),
    }
}

fn year_columns(summary: &FundingSummary) -> Vec<String> {
    let mut columns: Vec<String> = summary.years.iter().map(|y| y.to_string()).collect();
    columns.push(ui(M::FundTotal).to_string());
    columns
}

fn scheme_table(summary: &FundingSummary, scope: &str) -> Table {
    let mut rows: Vec<TableRow> = summary
        .schemes
        .iter()
        .map(|s| {
            let mut cells: Vec<Cell> = s.per_year.iter().map(|v| Cell::Money(*v)).collect();
            cells.push(Cell::Money(s.total));
            TableRow {
                label: s.name.clone(),
                cells,
                style: RowStyle::Plain,
            }
        })
        .collect();
    let mut cells: Vec<Cell> = summary
        .year_totals
        .iter()
        .map(|v| Cell::Money(*v))
        .collect();
    cells.push(Cell::Money(summary.totals.funded));
    rows.push(TableRow {
        label: ui(M::FundTotal).to_string(),
        cells,
        style: RowStyle::Total,
    });
    Table {
        title: tr!(current(), FundBySchemeYear, scope = scope),
        columns: year_columns(summary),
        years: summary.years.len(),
        rows,
        notes: Vec::new(),
        currency: summary.currency.clone(),
    }
}

fn sector_table(summary: &FundingSummary, sector: Option<&str>) -> Table {
    let mut rows: Vec<TableRow> = summary
        .sectors
        .iter()
        .map(|s| {
            let mut cells: Vec<Cell> = s.per_year.iter().map(|v| Cell::Money(*v)).collect();
            cells.push(Cell::Money(s.totals.funded));
            let chosen = s.known && sector == Some(s.id.as_str());
            TableRow {
                label: s.name.clone(),
                cells,
                style: if chosen {
                    RowStyle::Selected
                } else {
                    RowStyle::Plain
                },
            }
        })
        .collect();
    let mut cells: Vec<Cell> = summary
        .year_totals
        .iter()
        .map(|v| Cell::Money(*v))
        .collect();
    cells.push(Cell::Money(summary.totals.funded));
    rows.push(TableRow {
        label: ui(M::FundTotal).to_string(),
        cells,
        style: RowStyle::Total,
    });
    Table {
        title: ui(M::FundBySectorYear).to_string(),
        columns: year_columns(summary),
        years: summary.years.len(),
        rows,
        notes: Vec::new(),
        currency: summary.currency.clone(),
    }
}

/// Marks the years a scheme goes over its ceiling (only the whole roadmap's table: a ceiling
/// caps the scheme, not one sector's share) and names them under the table.
fn with_ceilings(mut table: Table, roadmap: &Roadmap, summary: &FundingSummary) -> Table {
    for (row, scheme_row) in summary.schemes.iter().enumerate() {
        let scheme = roadmap
            .funding_schemes
            .iter()
            .find(|s| scheme_row.known && s.id == scheme_row.id);
        let Some(scheme) = scheme.filter(|s| !s.ceilings.is_empty()) else {
            continue;
        };
        for (col, year) in summary.years.iter().enumerate() {
            let (Some(&ceiling), Some(&booked)) =
                (scheme.ceilings.get(year), scheme_row.per_year.get(col))
            else {
                continue;
            };
            if booked > u128::from(ceiling) {
                table.rows[row].cells[col] = Cell::Over(booked);
                table.notes.push(tr!(
                    current(),
                    FundOverCeiling,
                    scheme = scheme_row.name,
                    year = year,
                    over = money(booked - u128::from(ceiling), &summary.currency),
                    ceiling = money(u128::from(ceiling), &summary.currency)
                ));
            }
        }
    }
    table
}

pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, state: &mut FundingState) {
    let area = area.intersection(buf.area);
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = ctx.theme;
    let sector = state.sector(ctx);
    let name = sector.as_deref().map(|id| sector_name(ctx, id));
    let (whole, scoped, need) = state.summaries(ctx);
    let currency = if whole.currency.is_empty() {
        ui(M::FundMoney).to_string()
    } else {
        whole.currency.clone()
    };
    let scope = name
        .clone()
        .unwrap_or_else(|| ui(M::FundWholeRoadmap).to_string());
    let mut head = vec![
        Span::styled(
            tr!(current(), FundHead, currency = currency),
            Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
        ),
        Span::styled(ui(M::FundSectorLabel), Style::new().fg(theme.muted)),
        Span::styled(
            format!("◀ {scope} ▶"),
            Style::new().fg(theme.selection_fg).bg(theme.selection_bg),
        ),
        Span::styled(ui(M::FundSectorKeys), Style::new().fg(theme.muted)),
    ];
    if whole.skipped_lines > 0 {
        head.push(Span::styled(
            tr!(current(), FundSkipped, n = whole.skipped_lines),
            Style::new().fg(theme.warning),
        ));
    }

    let mut tables = vec![cost_table(whole, sector.as_deref())];
    let whole_schemes = with_ceilings(
        scheme_table(whole, ui(M::FundWholeRoadmap)),
        &ctx.doc.roadmap,
        whole,
    );
    let sector_schemes = scoped.map(|s| scheme_table(s, &scope));
    let sectors = sector_table(whole, sector.as_deref());
    let year_count = whole.years.len();

    // Two columns when both halves fit side by side with every year showing.
    const VALUE: usize = 10;
    const LABEL: usize = 18;
    let width = usize::from(area.width).saturating_sub(1);
    let needed = LABEL + (year_count + 1) * VALUE;
    let two_columns = 2 * needed + 2 <= width;
    let column_width = if two_columns { (width - 2) / 2 } else { width };
    let shown = (column_width.saturating_sub(LABEL) / VALUE)
        .saturating_sub(1)
        .clamp(1, year_count.max(1));
    let w = Widths {
        label: column_width
            .saturating_sub((shown + 1) * VALUE)
            .clamp(LABEL, 34),
        value: VALUE,
    };
    let chart = chart::lines(&ctx.doc.roadmap, whole, need, column_width, theme);
    state.year_offset = state.year_offset.min(year_count.saturating_sub(shown));
    let offset = state.year_offset;

    let mut left: Vec<Line> = Vec::new();
    let mut right: Vec<Line> = Vec::new();
    if two_columns {
        for table in tables.iter().chain([&sectors]) {
            left.extend(table.lines(w, offset, shown, theme));
        }
        for table in [Some(&whole_schemes), sector_schemes.as_ref()]
            .into_iter()
            .flatten()
        {
            right.extend(table.lines(w, offset, shown, theme));
        }
    } else {
        tables.push(whole_schemes);
        tables.extend(sector_schemes);
        tables.push(sectors);
        for table in &tables {
            left.extend(table.lines(w, offset, shown, theme));
        }
    }
    if two_columns {
        right.extend(chart);
    } else {
        left.extend(chart);
    }

    crate::tui::widgets::set_line_fit(buf, area.x, area.y, &Line::from(head), area.width);
    let body = super::body_below_header(area);
    let rows = usize::from(body.height);
    let total = left.len().max(right.len());
    state.lines = total;
    state.page = rows.max(1);
    state.scroll = state.scroll.min(total.saturating_sub(rows));
    let columns = if two_columns {
        let width = u16::try_from(column_width).unwrap_or(body.width);
        vec![
            (Rect { width, ..body }, &left),
            (
                Rect {
                    x: body.x + width + 2,
                    width,
                    ..body
                },
                &right,
            ),
        ]
    } else {
        vec![(body, &left)]
    };
    for (rect, lines) in columns {
        for (n, line) in lines.iter().skip(state.scroll).take(rows).enumerate() {
            let y = rect.y + u16::try_from(n).unwrap_or(0);
            crate::tui::widgets::set_line_fit(buf, rect.x, y, line, rect.width);
        }
    }
    if total > rows && area.height > 1 {
        let more = tr!(
            current(),
            FundLines,
            from = state.scroll + 1,
            to = (state.scroll + rows).min(total),
            total = total
        );
        let x = area
            .right()
            .saturating_sub(u16::try_from(more.width()).unwrap_or(0));
        // The count covers the end of the heading: mark the cut with `…`.
        let covered = buf.cell((x, area.y)).is_some_and(|c| c.symbol() != " ");
        buf.set_string(x, area.y, &more, Style::new().fg(theme.muted));
        if covered && x > area.x {
            if let Some(cell) = buf.cell_mut((x - 1, area.y)) {
                cell.set_symbol("…");
            }
        }
    }
}

pub fn handle(state: &mut FundingState, action: &Action, ctx: &Context) -> ViewOutcome {
    let max_scroll = state.lines.saturating_sub(state.page);
    match action {
        Action::Left | Action::Right => {
            let mut options: Vec<Option<String>> = vec![None];
            options.extend(ctx.doc.roadmap.sectors.iter().map(|s| Some(s.id.clone())));
            let current = state.sector(ctx);
            let at = options.iter().position(|o| *o == current);
            let len = options.len();
            let next = match (at, action) {
                (Some(at), Action::Left) => (at + len - 1) % len,
                (Some(at), _) => (at + 1) % len,
                (None, _) => 0,
            };
            state.pinned = Some(options[next].clone());
        }
        Action::Shift(step) => {
            state.year_offset = if *step < 0 {
                state.year_offset.saturating_sub(1)
            } else {
                state.year_offset + 1
            };
        }
        Action::Up => state.scroll = state.scroll.saturating_sub(1),
        Action::Down => state.scroll = (state.scroll + 1).min(max_scroll),
        Action::PageUp => state.scroll = state.scroll.saturating_sub(state.page),
        Action::PageDown => state.scroll = (state.scroll + state.page).min(max_scroll),
        Action::Home => state.scroll = 0,
        Action::End => state.scroll = max_scroll,
        _ => return ViewOutcome::Ignored,
    }
    ViewOutcome::Handled
}
