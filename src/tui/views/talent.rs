//! View 6, Talent: the people the roadmap needs per role and year, each role's peak and the
//! items that drive it (`report::talent`). ↑↓ and PageUp/PageDown scroll.

use super::{Context, PerRevision, ViewOutcome};
use crate::i18n::{current, ui, M};
use crate::report::talent::{talent_summary, TalentSummary};
use crate::tr;
use crate::tui::action::Action;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default)]
pub struct TalentState {
    scroll: usize,
    /// Lines drawn last time and the page height, to bound scrolling.
    lines: usize,
    page: usize,
    cache: PerRevision<TalentSummary>,
}

impl TalentState {
    fn summary(&mut self, ctx: &Context) -> &TalentSummary {
        self.cache
            .get(ctx.doc.revision, || talent_summary(&ctx.doc.roadmap))
    }
}

/// Drivers named per role; the rest are counted.
const DRIVERS_SHOWN: usize = 4;

pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, state: &mut TalentState) {
    let area = area.intersection(buf.area);
    if area.height == 0 || area.width == 0 {
        return;
    }
    let theme = ctx.theme;
    let roadmap = &ctx.doc.roadmap;
    let summary = state.summary(ctx).clone();
    let header = Style::new().fg(theme.header).add_modifier(Modifier::BOLD);
    let plain = Style::new().fg(theme.foreground);
    let muted = Style::new().fg(theme.muted);
    let peak = summary.peak();
    let head = Line::from(vec![
        Span::styled(
            ui(M::TalentHead),
            Style::new().fg(theme.title).add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            match peak {
                Some((year, people)) => tr!(
                    current(),
                    TalentPeak,
                    roles = summary.roles.len(),
                    people = people,
                    year = year
                ),
                None => ui(M::TalentNone).to_string(),
            },
            plain,
        ),
        Span::styled(ui(M::TalentScroll), muted),
    ]);
    crate::tui::widgets::set_line_fit(buf, area.x, area.y, &head, area.width);

    let label = summary
        .roles
        .iter()
        .map(|r| r.role.width())
        .max()
        .unwrap_or(0)
        .clamp(8, 32);
    let cell = |text: String| format!("{text:>7}");
    let mut lines: Vec<Line> = Vec::new();
    if !summary.roles.is_empty() {
        let mut heading = format!("{:<label$}", ui(M::TalentRole));
        for year in &summary.years {
            heading.push_str(&cell(year.to_string()));
        }
        heading.push_str(&format!("{:>9}", ui(M::TalentPeakCol)));
        lines.push(Line::styled(heading, header));
        for role in &summary.roles {
            let mut spans = vec![Span::styled(format!("{:<label$}", role.role), plain)];
            for (year, count) in summary.years.iter().zip(&role.per_year) {
                let at_peak = role.peak_year == Some(*year);
                let style = if at_peak {
                    Style::new().fg(theme.warning).add_modifier(Modifier::BOLD)
                } else {
                    plain
                };
                let text = if *count == 0 {
                    "-".to_string()
                } else {
                    count.to_string()
                };
                spans.push(Span::styled(cell(text), style));
            }
            spans.push(Span::styled(
                format!(
                    "  {}",
                    tr!(
                        current(),
                        TalentPeakCell,
                        n = format!("{:>4}", role.peak),
                        year = role.peak_year.map_or("-".to_string(), |y| y.to_string())
                    )
                ),
                plain,
            ));
            lines.push(Line::from(spans));
        }
        let mut total = format!("{:<label$}", ui(M::TalentTotal));
        for count in &summary.year_totals {
            total.push_str(&cell(count.to_string()));
        }
        lines.push(Line::styled(total, plain.add_modifier(Modifier::BOLD)));
        lines.push(Line::default());
        lines.push(Line::styled(ui(M::TalentDrivers).to_string(), header));
        for role in summary.roles.iter().filter(|r| r.peak_year.is_some()) {
            let named: Vec<String> = role
                .drivers
                .iter()
                .take(DRIVERS_SHOWN)
                .map(|d| format!("{} {}", roadmap.items[d.item].id, d.count))
                .collect();
            let more = role.drivers.len().saturating_sub(DRIVERS_SHOWN);
            let more = if more > 0 {
                tr!(current(), TalentMore, n = more)
            } else {
                String::new()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:<label$}", role.role), plain),
                Span::styled(
                    format!(
                        " {}: {}{more}",
                        tr!(
                            current(),
                            TalentPeakIn,
                            n = role.peak,
                            year = role.peak_year.unwrap_or_default()
                        ),
                        named.join(", ")
                    ),
                    muted,
                ),
            ]));
        }
    }
    let body = super::body_below_header(area);
    let rows = usize::from(body.height).max(1);
    state.lines = lines.len();
    state.page = rows;
    state.scroll = state.scroll.min(lines.len().saturating_sub(rows));
    for (n, line) in lines.iter().skip(state.scroll).take(rows).enumerate() {
        let y = body.y + u16::try_from(n).unwrap_or(0);
        crate::tui::widgets::set_line_fit(buf, body.x, y, line, body.width);
    }
}

pub fn handle(state: &mut TalentState, action: &Action, _ctx: &Context) -> ViewOutcome {
    let max = state.lines.saturating_sub(state.page);
    let page = state.page.max(2) - 1;
    state.scroll = match action {
        Action::Up => state.scroll.saturating_sub(1),
        Action::Down => (state.scroll + 1).min(max),
        Action::PageUp => state.scroll.saturating_sub(page),
        Action::PageDown => (state.scroll + page).min(max),
        Action::Home => 0,
        Action::End => max,
        _ => return ViewOutcome::Ignored,
    };
    ViewOutcome::Handled
}
