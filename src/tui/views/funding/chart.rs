//! The need-versus-committed chart of the Funding view: one bar per year, the part of the
//! year's need (cost spread over the items' days, `report::funding_need`) that committed or
//! disbursed money covers, the uncovered part, and a mark for years where some scheme goes
//! over its ceiling.

use super::money;
use crate::i18n::{ui, M};
use crate::model::Roadmap;
use crate::report::funding::FundingSummary;
use crate::tui::theme::Theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::collections::BTreeMap;

/// Years in which at least one scheme's lines add up to more than its ceiling.
fn breached_years(roadmap: &Roadmap, summary: &FundingSummary) -> Vec<i32> {
    let mut years = Vec::new();
    for row in summary.schemes.iter().filter(|r| r.known) {
        let Some(scheme) = roadmap.funding_schemes.iter().find(|s| s.id == row.id) else {
            continue;
        };
        for (col, year) in summary.years.iter().enumerate() {
            let over = scheme
                .ceilings
                .get(year)
                .zip(row.per_year.get(col))
                .is_some_and(|(&ceiling, &booked)| booked > u128::from(ceiling));
            if over && !years.contains(year) {
                years.push(*year);
            }
        }
    }
    years
}

/// Cells of `width` for `amount` against `scale`, rounded down.
fn cells(amount: u128, scale: u128, width: usize) -> usize {
    amount
        .saturating_mul(width as u128)
        .checked_div(scale)
        .map_or(0, |n| usize::try_from(n).unwrap_or(width))
}

/// The chart's lines for a column `width` wide.
pub(super) fn lines(
    roadmap: &Roadmap,
    summary: &FundingSummary,
    need: &BTreeMap<i32, u128>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let header = Style::new().fg(theme.header).add_modifier(Modifier::BOLD);
    let mut out = vec![
        Line::styled(ui(M::ChartTitle), header),
        Line::styled(ui(M::ChartLegend), Style::new().fg(theme.muted)),
    ];
    let breached = breached_years(roadmap, summary);
    let rows: Vec<(i32, u128, u128)> = summary
        .years
        .iter()
        .zip(&summary.status_per_year)
        .map(|(&year, status)| {
            let needed = need.get(&year).copied().unwrap_or(0);
            (year, needed, status.committed + status.disbursed)
        })
        .collect();
    let scale = rows.iter().map(|&(_, n, c)| n.max(c)).max().unwrap_or(0);
    // The year (6 columns), the bar, the figures (37) and the ceiling mark (11).
    let bar = width.saturating_sub(6 + 37 + 11).clamp(8, 40);
    for (year, needed, committed) in rows {
        let (need_cells, committed_cells) =
            (cells(needed, scale, bar), cells(committed, scale, bar));
        let covered = need_cells.min(committed_cells);
        let mut spans = vec![
            Span::styled(format!("{year}  "), Style::new().fg(theme.foreground)),
            Span::styled("█".repeat(covered), Style::new().fg(theme.done)),
            Span::styled(
                "░".repeat(need_cells - covered),
                Style::new().fg(theme.warning),
            ),
            Span::styled(
                "█".repeat(committed_cells - covered),
                Style::new().fg(theme.foreground),
            ),
            Span::raw(" ".repeat(bar - need_cells.max(committed_cells).min(bar))),
            Span::styled(
                crate::tr!(
                    crate::i18n::current(),
                    ChartFigures,
                    need = format!("{:>8}", money(needed, &summary.currency)),
                    committed = format!("{:>8}", money(committed, &summary.currency))
                ),
                Style::new().fg(theme.foreground),
            ),
        ];
        if breached.contains(&year) {
            spans.push(Span::styled(
                ui(M::ChartCeiling),
                Style::new().fg(theme.error).add_modifier(Modifier::BOLD),
            ));
        }
        out.push(Line::from(spans));
    }
    out.push(Line::default());
    out
}
