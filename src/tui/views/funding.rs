//! View 3, Funding (owner: TUI-2). Placeholder until it is built.
//!
//! Contract: a pure function of the document and this view's own state. Totals by funding
//! scheme x year and by sector x year, cost vs committed funding and the gap, for the whole
//! roadmap and the selected sector (see `report::funding`). `handle` gets the navigation
//! actions (Up/Down/Left/Right/PageUp/PageDown/Home/End/Open) while this view is active.

use super::{Context, ViewOutcome};
use crate::tui::action::Action;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};

#[derive(Debug, Clone, Default)]
pub struct FundingState {
    pub scroll: usize,
}

pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, _state: &mut FundingState) {
    Paragraph::new("The funding view is not built yet.")
        .style(Style::new().fg(ctx.theme.muted))
        .render(area, buf);
}

pub fn handle(_state: &mut FundingState, _action: &Action, _ctx: &Context) -> ViewOutcome {
    ViewOutcome::Ignored
}
