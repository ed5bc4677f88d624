//! View 4, Risks & critical path (owner: TUI-2). Placeholder until it is built.
//!
//! Contract: validation problems (Enter on one jumps to its item: `ViewOutcome::Jump`), the
//! critical path chain with link types and lags, near-critical, late / blocked / at-risk items
//! with their reasons, forecast finish vs target and slip; the detail panel of the selected
//! item (float, free float, driving chain: `Schedule::driving_chain`).

use super::{Context, ViewOutcome};
use crate::tui::action::Action;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};

#[derive(Debug, Clone, Default)]
pub struct RisksState {
    pub selected: usize,
    pub scroll: usize,
}

pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, _state: &mut RisksState) {
    Paragraph::new("The risks view is not built yet.")
        .style(Style::new().fg(ctx.theme.muted))
        .render(area, buf);
}

pub fn handle(_state: &mut RisksState, _action: &Action, _ctx: &Context) -> ViewOutcome {
    ViewOutcome::Ignored
}
