//! The views, each a pure function of the document and its own small state, and the
//! frame around them: the view tabs on top, the status bar below, popups over everything.

pub mod detail;
pub mod funding;
pub mod regulations;
pub mod risks;
pub mod status_bar;
pub mod table;
pub mod talent;
pub mod timeline;

use super::action::Action;
use super::app::App;
use super::document::Document;
use super::state::View;
use super::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// A value a view derives from the roadmap, kept until the document's revision changes.
#[derive(Debug, Clone)]
pub struct PerRevision<T>(Option<(u64, T)>);

impl<T> Default for PerRevision<T> {
    fn default() -> Self {
        PerRevision(None)
    }
}

impl<T> PerRevision<T> {
    /// The value for `revision`, computed again only when the revision moved on.
    pub fn get(&mut self, revision: u64, compute: impl FnOnce() -> T) -> &T {
        if self.0.as_ref().is_some_and(|(r, _)| *r != revision) {
            self.0 = None;
        }
        &self.0.get_or_insert_with(|| (revision, compute())).1
    }
}

/// Below this the layout cannot show a useful timeline; a message is shown instead.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What every view may read.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub theme: &'a Theme,
    /// The selected item, shared by all views.
    pub selected: Option<usize>,
    /// The plan to compare with (`peta --baseline REV`).
    pub baseline: Option<&'a crate::diff::Baseline>,
}

/// What a view did with a navigation action.
#[derive(Debug, Clone, PartialEq)]
pub enum ViewOutcome {
    /// Not used: the app's default handling applies.
    Ignored,
    Handled,
    /// Select this item and stay in the view.
    Select(usize),
    /// Select this item and show it in the timeline.
    Jump(usize),
    Run(Box<Action>),
}

/// The list area of a view with a heading line and a column header above it, indented one
/// column for the selection marker.
fn body_below_header(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        y: area.y + 2,
        width: area.width.saturating_sub(1),
        height: area.height.saturating_sub(2),
    }
}

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    render(area, frame.buffer_mut(), app);
}

/// Draws the whole screen into a buffer (used by `draw`, tests and benchmarks).
pub fn render(area: Rect, buf: &mut Buffer, app: &mut App) {
    app.hits = Default::default();
    let area = area.intersection(buf.area);
    buf.set_style(
        area,
        Style::new()
            .bg(app.theme.background)
            .fg(app.theme.foreground),
    );
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf, &app.theme);
        return;
    }
    let [tabs, body, status] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ]));
    draw_tabs(tabs, buf, app);
    let search = app.search.clone();
    let mut hits = Vec::new();
    match app.view {
        View::Timeline => {
            let (ctx, rows, state) = app.timeline_parts();
            timeline::render(body, buf, &ctx, rows, state, search.as_deref(), &mut hits);
        }
        View::Table => {
            let (ctx, order, state) = app.table_parts();
            table::render(body, buf, &ctx, order, state, search.as_deref(), &mut hits);
        }
        View::Funding => {
            let (ctx, state) = app.funding_parts();
            funding::render(body, buf, &ctx, state);
        }
        View::Risks => {
            let (ctx, state) = app.risks_parts();
            risks::render(body, buf, &ctx, state);
        }
        View::Regulations => {
            let (ctx, state) = app.regulations_parts();
            regulations::render(body, buf, &ctx, state);
        }
        View::Talent => {
            let (ctx, state) = app.talent_parts();
            talent::render(body, buf, &ctx, state);
        }
    }
    app.hits.rows = hits;
    status_bar::render(status, buf, app);
    let App {
        popups, doc, theme, ..
    } = app;
    for popup in popups.iter_mut() {
        popup.render(area, buf, doc, theme);
    }
}

fn draw_tabs(area: Rect, buf: &mut Buffer, app: &mut App) {
    let theme = &app.theme;
    buf.set_style(
        area,
        Style::new().bg(theme.status_bar_bg).fg(theme.status_bar_fg),
    );
    let mut x = area.x;
    for view in View::ALL {
        let text = format!(" {} {} ", view.number(), view.title());
        let width = u16::try_from(text.width()).unwrap_or(u16::MAX);
        if x + width > area.right() {
            break;
        }
        let style = if view == app.view {
            Style::new()
                .fg(theme.selection_fg)
                .bg(theme.selection_bg)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(theme.muted)
        };
        buf.set_string(x, area.y, &text, style);
        app.hits.tabs.push((Rect::new(x, area.y, width, 1), view));
        x += width + 1;
    }
    let title = &app.doc.roadmap.title;
    let room = area.right().saturating_sub(x + 1);
    // A title that does not fit ends in `…` rather than a cut word.
    let title = crate::tui::widgets::fit(title, usize::from(room));
    let shown = usize::from(room).min(title.width());
    if shown > 0 {
        let start = area.right() - u16::try_from(shown).unwrap_or(0) - 1;
        buf.set_stringn(start, area.y, &title, shown, Style::new().fg(theme.title));
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let text = crate::tr!(
        crate::i18n::current(),
        TooSmall,
        w = area.width,
        h = area.height,
        min_w = MIN_WIDTH,
        min_h = MIN_HEIGHT
    );
    Paragraph::new(Line::styled(text, Style::new().fg(theme.warning)))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
