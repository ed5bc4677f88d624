//! View 5, Regulations: the regulation pipeline as a board by stage (planned, drafting,
//! harmonization, deliberation, enacted). Each regulation shows its instrument, owner and
//! target date (overdue when not enacted and the date has passed), and under it the items it
//! gates with their float. ↑↓ select, Enter shows the item in the timeline, `]` moves the
//! selected regulation to the next stage (an edit like any other: `u` undoes it).
//! The pipeline comes from `report::regulations::pipeline`.

use super::{Context, PerRevision, ViewOutcome};
use crate::i18n::{current, ui, M};
use crate::model::{format_date, Edit, RegulationStage};
use crate::report::regulations::{gate_text_in, pipeline, Pipeline};
use crate::tr;
use crate::tui::action::Action;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default)]
pub struct RegulationsState {
    /// The selected regulation (an item index): it keeps its place when its stage changes.
    item: Option<usize>,
    /// The app's selection last seen, to follow a regulation selected in another view.
    synced: Option<usize>,
    scroll: usize,
    page: usize,
    cache: PerRevision<Pipeline>,
}

impl RegulationsState {
    fn refresh(&mut self, ctx: &Context) -> &Pipeline {
        let doc = ctx.doc;
        self.cache.get(doc.revision, || {
            pipeline(&doc.roadmap, &doc.schedule, doc.today)
        })
    }

    /// The selected row: the one of the regulation selected in any view, else the kept one,
    /// else the first.
    fn position(&mut self, ctx: &Context) -> Option<usize> {
        let selected = ctx.selected;
        let synced = self.synced;
        let kept = self.item;
        let rows = &self.refresh(ctx).rows;
        let find = |item: Option<usize>| item.and_then(|i| rows.iter().position(|r| r.item == i));
        let at = if synced != selected {
            find(selected).or(find(kept))
        } else {
            find(kept)
        };
        let at = at.or((!rows.is_empty()).then_some(0));
        let item = at.map(|at| rows[at].item);
        self.synced = selected;
        self.item = item.or(kept);
        at
    }
}

fn stages() -> impl Iterator<Item = Option<RegulationStage>> {
    std::iter::once(None).chain(RegulationStage::ALL.iter().copied().map(Some))
}

/// One line of the board, laid out before any text is made: a national portfolio holds
/// thousands of regulations, and only the lines on screen are worth formatting.
#[derive(Clone, Copy)]
enum Entry {
    Heading(Option<RegulationStage>, usize),
    /// A regulation: its row in the pipeline.
    Row(usize),
    /// The items the regulation in that row gates.
    Gates(usize),
    Blank,
}

/// The board's lines, and the line of the regulation in row `at`.
fn layout(pipeline: &Pipeline, at: Option<usize>) -> (Vec<Entry>, usize) {
    let mut entries = Vec::new();
    let mut selected_line = 0;
    if pipeline.rows.is_empty() {
        return (entries, 0);
    }
    // Rows are in pipeline order (no stage first, then planned to enacted), so a row's
    // number is its index.
    let mut number = 0;
    for stage in stages() {
        let count = pipeline.in_stage(stage).count();
        if stage.is_none() && count == 0 {
            continue;
        }
        entries.push(Entry::Heading(stage, count));
        for row in pipeline.in_stage(stage) {
            if at == Some(number) {
                selected_line = entries.len();
            }
            entries.push(Entry::Row(number));
            if !row.gates.is_empty() {
                entries.push(Entry::Gates(number));
            }
            number += 1;
        }
        entries.push(Entry::Blank);
    }
    (entries, selected_line)
}

pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, state: &mut RegulationsState) {
    let area = area.intersection(buf.area);
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = ctx.theme;
    let roadmap = &ctx.doc.roadmap;
    let at = state.position(ctx);
    let mut scroll = state.scroll;
    let body = super::body_below_header(area);
    let rows = usize::from(body.height).max(1);
    let pipeline = state.refresh(ctx);
    let header = Style::new().fg(theme.header).add_modifier(Modifier::BOLD);
    let muted = Style::new().fg(theme.muted);
    let enacted = pipeline.in_stage(Some(RegulationStage::Enacted)).count();
    let overdue = pipeline.overdue().count();
    let head = Line::from(vec![
        Span::styled(
            ui(M::RegHead),
            Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            tr!(
                current(),
                RegCounts,
                n = pipeline.rows.len(),
                enacted = enacted,
                overdue = overdue
            ),
            Style::new().fg(if overdue > 0 {
                theme.warning
            } else {
                theme.foreground
            }),
        ),
        Span::styled(ui(M::RegKeys), muted),
    ]);
    crate::tui::widgets::set_line_fit(buf, area.x, area.y, &head, area.width);

    let id_width = pipeline
        .rows
        .iter()
        .map(|r| roadmap.items[r.item].id.width())
        .max()
        .unwrap_or(0);
    let (entries, selected_line) = layout(pipeline, at);
    // Keep the selected regulation (and its gates line) in sight.
    if selected_line < scroll {
        scroll = selected_line;
    } else if selected_line + 2 > scroll + rows {
        scroll = (selected_line + 2).saturating_sub(rows);
    }
    scroll = scroll.min(entries.len().saturating_sub(rows));
    let line_of = |entry: Entry| -> Line {
        match entry {
            Entry::Heading(stage, count) => {
                let name = stage.map_or(ui(M::RegNoStage), |s| s.label(current()));
                Line::styled(format!("{} ({count})", name.to_uppercase()), header)
            }
            Entry::Row(number) => {
                let row = &pipeline.rows[number];
                let item = &roadmap.items[row.item];
                let chosen = at == Some(number);
                let base = if chosen {
                    Style::new().fg(theme.selection_fg).bg(theme.selection_bg)
                } else {
                    Style::new().fg(theme.foreground)
                };
                let instrument = item.instrument().unwrap_or("-");
                let mut spans = vec![Span::styled(
                    format!(
                        "{} {:<id_width$}  {instrument:<8} {:<12} {}",
                        if chosen { "▶" } else { " " },
                        item.id,
                        item.owner.as_deref().unwrap_or("-"),
                        tr!(
                            current(),
                            RegTarget,
                            date = item.end.map_or("-".to_string(), format_date)
                        ),
                    ),
                    base,
                )];
                if row.overdue {
                    spans.push(Span::styled(
                        ui(M::RegOverdue),
                        Style::new().fg(theme.error).add_modifier(Modifier::BOLD),
                    ));
                }
                Line::from(spans)
            }
            Entry::Gates(number) => {
                let gates: Vec<String> = pipeline.rows[number]
                    .gates
                    .iter()
                    .map(|g| gate_text_in(roadmap, g, current()))
                    .collect();
                Line::styled(tr!(current(), RegGates, items = gates.join(", ")), muted)
            }
            Entry::Blank => Line::default(),
        }
    };
    if pipeline.rows.is_empty() {
        let none = Line::styled(ui(M::RegNone), muted);
        crate::tui::widgets::set_line_fit(buf, body.x, body.y, &none, body.width);
    }
    for (n, entry) in entries.iter().skip(scroll).take(rows).enumerate() {
        let y = body.y + u16::try_from(n).unwrap_or(0);
        crate::tui::widgets::set_line_fit(buf, body.x, y, &line_of(*entry), body.width);
    }
    state.page = rows;
    state.scroll = scroll;
}

pub fn handle(state: &mut RegulationsState, action: &Action, ctx: &Context) -> ViewOutcome {
    let at = state.position(ctx);
    let rows: Vec<usize> = state.refresh(ctx).rows.iter().map(|r| r.item).collect();
    let (Some(at), Some(last)) = (at, rows.len().checked_sub(1)) else {
        return ViewOutcome::Ignored;
    };
    let page = state.page.max(4) / 2;
    let to = match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(page),
        Action::PageDown => (at + page).min(last),
        Action::Home => 0,
        Action::End => last,
        Action::Open => return ViewOutcome::Jump(rows[at]),
        Action::NextStage => return next_stage(ctx, rows[at]),
        _ => return ViewOutcome::Ignored,
    };
    state.item = Some(rows[to]);
    state.synced = Some(rows[to]);
    ViewOutcome::Select(rows[to])
}

/// The edit that moves the regulation one stage on (a regulation without a stage, or without
/// its block, starts at "planned").
fn next_stage(ctx: &Context, index: usize) -> ViewOutcome {
    let Some(item) = ctx.doc.roadmap.items.get(index) else {
        return ViewOutcome::Handled;
    };
    let mut regulation = item.regulation.clone().unwrap_or_default();
    let next = match regulation.stage {
        None => RegulationStage::Planned,
        Some(RegulationStage::Enacted) => {
            return ViewOutcome::Run(Box::new(Action::Message(tr!(
                current(),
                RegAlreadyEnacted,
                id = item.id
            ))))
        }
        Some(stage) => {
            let at = RegulationStage::ALL
                .iter()
                .position(|&s| s == stage)
                .unwrap_or(0);
            RegulationStage::ALL[(at + 1).min(RegulationStage::ALL.len() - 1)]
        }
    };
    regulation.stage = Some(next);
    // A bad stage value kept from the file would be written instead of the new one.
    regulation.invalid.remove("stage");
    let mut changed = crate::model::Item::clone(item);
    changed.regulation = Some(regulation);
    ViewOutcome::Run(Box::new(Action::Apply(Box::new(Edit::SetItem {
        index,
        item: changed,
    }))))
}
