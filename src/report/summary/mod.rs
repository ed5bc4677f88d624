//! `peta summary`: a printable timeline summary of a scheduled roadmap, as text fitted to a
//! width or as Markdown.
//!
//! Sections: title and forecast against the target, a text Gantt grouped by sector, the
//! critical path, counts by status, late / blocked / at-risk items with their reasons, funding
//! by scheme and the gap, regulations not yet enacted.
//!
//! What the options select:
//! - `sectors`, `critical_only` and the window pick the items shown in the Gantt, the status
//!   counts and the attention list. An item is in the window when its forecast (early start
//!   to early finish) overlaps it. The regulations listed are the pending ones shown or
//!   gating a shown item directly, whatever their own sector.
//! - The critical path is the roadmap's, whatever is selected.
//! - Funding is summed over the chosen sectors (all of them by default); the window and
//!   `critical_only` do not change it, since funding lines are per year, not per day.
//!
//! The output depends only on the roadmap, the schedule and the options (including `today`),
//! so it can be committed and diffed.

mod against;
mod blocks;
mod gantt;
mod sections;

use crate::diff::Baseline;
use crate::i18n::{Lang, M};
use crate::model::{parse_date, Date, Roadmap};
use crate::schedule::Schedule;
use std::collections::HashMap;

/// The narrowest page the summary lays out; narrower widths are treated as this.
pub const MIN_WIDTH: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Columns of the text output (the Gantt fills them; Markdown uses it for the Gantt).
    pub width: usize,
    /// First day of the timeline window (default: the roadmap's start or earliest item).
    pub from: Option<Date>,
    /// Last day of the timeline window (default: the roadmap's end or latest forecast).
    pub to: Option<Date>,
    /// Only items of these sectors (all when empty).
    pub sectors: Vec<String>,
    pub critical_only: bool,
    pub format: Format,
    /// `#`, `=`, `*`, `|` instead of block characters.
    pub ascii: bool,
    /// Emit ANSI colour codes (text format only).
    pub color: bool,
    /// The day of the today line; should be the day the schedule was computed for.
    pub today: Date,
    /// Language of the words, dates and figures (the roadmap's own names stay as written).
    pub lang: Lang,
}

impl SummaryOptions {
    /// Text, 100 columns, no filters, Unicode, no colour.
    pub fn new(today: Date) -> SummaryOptions {
        SummaryOptions {
            width: 100,
            from: None,
            to: None,
            sectors: Vec::new(),
            critical_only: false,
            format: Format::Text,
            ascii: false,
            color: false,
            today,
            lang: Lang::En,
        }
    }
}

/// A window bound as given on the command line: `YYYY-MM-DD`, or a year `YYYY` meaning its
/// first day (`end = false`) or its last day (`end = true`).
/// The error is shown later in the chosen language.
pub fn parse_bound(input: &str, end: bool) -> Result<Date, crate::i18n::Text> {
    use crate::text;
    let input = input.trim();
    let quoted = format!("{input:?}");
    if input.len() == 4 && input.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = input
            .parse()
            .map_err(|_| text!(CliBoundNotYear, input = quoted))?;
        let date = if end {
            Date::from_ymd_opt(year, 12, 31)
        } else {
            Date::from_ymd_opt(year, 1, 1)
        };
        return date.ok_or_else(|| text!(CliBoundUnusableYear, input = quoted));
    }
    parse_date(input).ok_or_else(|| text!(CliBoundNeither, input = quoted))
}

/// The roadmap and schedule with the options applied: the window and the shown items.
pub(super) struct View<'a> {
    pub roadmap: &'a Roadmap,
    pub schedule: &'a Schedule,
    pub options: &'a SummaryOptions,
    /// Inclusive first and last day of the timeline.
    pub window: (Date, Date),
    /// Items that have a schedule, the roadmap's item count when the schedule fits it.
    pub total: usize,
    /// Selected items in file order.
    pub shown: Vec<usize>,
    /// The plan to compare with: baseline bars in the chart and the slip per item.
    pub baseline: Option<&'a Baseline>,
}

impl<'a> View<'a> {
    fn new(
        roadmap: &'a Roadmap,
        schedule: &'a Schedule,
        options: &'a SummaryOptions,
        baseline: Option<&'a Baseline>,
    ) -> Self {
        // A schedule made for another roadmap is only used as far as both go.
        let total = roadmap.items.len().min(schedule.items.len());
        let computed = &schedule.items[..total];
        let first = roadmap
            .start
            .into_iter()
            .chain(computed.iter().map(|s| s.early_start))
            .min()
            .unwrap_or(options.today);
        let last = roadmap
            .end
            .into_iter()
            .chain(computed.iter().map(|s| s.early_finish))
            .max()
            .unwrap_or(options.today);
        let (mut from, mut to) = (options.from.unwrap_or(first), options.to.unwrap_or(last));
        if from > to {
            // One bound given, beyond the other's default: the window is that one day.
            match (options.from, options.to) {
                (Some(_), None) => to = from,
                (None, Some(_)) => from = to,
                _ => std::mem::swap(&mut from, &mut to),
            }
        }
        let shown = (0..total)
            .filter(|&i| {
                let (item, computed) = (&roadmap.items[i], &schedule.items[i]);
                (options.sectors.is_empty() || options.sectors.contains(&item.sector))
                    && (!options.critical_only || computed.critical)
                    && computed.early_start <= to
                    && computed.early_finish >= from
            })
            .collect();
        View {
            roadmap,
            schedule,
            options,
            window: (from, to),
            total,
            shown,
            baseline,
        }
    }

    /// The shown items under their sectors (roadmap order, then items of unknown sectors),
    /// each sector's items by forecast start.
    fn groups(&self) -> Vec<gantt::Group> {
        let sectors = &self.roadmap.sectors;
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (i, sector) in sectors.iter().enumerate() {
            position.entry(sector.id.as_str()).or_insert(i);
        }
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); sectors.len() + 1];
        for &i in &self.shown {
            let slot = position
                .get(self.roadmap.items[i].sector.as_str())
                .copied()
                .unwrap_or(sectors.len());
            buckets[slot].push(i);
        }
        buckets
            .into_iter()
            .enumerate()
            .map(|(slot, mut items)| {
                items.sort_by_key(|&i| (self.schedule.items[i].early_start, i));
                let heading = match sectors.get(slot) {
                    Some(sector) if !sector.name.trim().is_empty() => sector.name.clone(),
                    Some(sector) => sector.id.clone(),
                    None => self.options.lang.t(M::UnknownSector).to_string(),
                };
                gantt::Group { heading, items }
            })
            .collect()
    }
}

/// The whole summary as one string (ends with a newline).
pub fn render_summary(roadmap: &Roadmap, schedule: &Schedule, options: &SummaryOptions) -> String {
    render_summary_against(roadmap, schedule, options, None)
}

/// The summary compared with a baseline (the plan at a git revision or in another file,
/// scheduled as of the same day): the chart draws each item's baseline bar under its bar with
/// the slip in days, and a section lists the items whose finish moved.
pub fn render_summary_against(
    roadmap: &Roadmap,
    schedule: &Schedule,
    options: &SummaryOptions,
    baseline: Option<&Baseline>,
) -> String {
    let view = View::new(roadmap, schedule, options, baseline);
    let width = options.width.max(MIN_WIDTH);
    let text = options.format == Format::Text;
    let chart = gantt::Chart {
        roadmap,
        schedule,
        window: view.window,
        today: options.today,
        width,
        glyphs: if options.ascii {
            gantt::ASCII
        } else {
            gantt::UNICODE
        },
        color: options.color && text,
        baseline,
        lang: options.lang,
    };
    let timeline = blocks::Section {
        level: 2,
        heading: options.lang.t(M::SumTimeline).to_string(),
        blocks: vec![blocks::Block::Chart(chart.lines(&view.groups()))],
    };
    let mut document = vec![sections::header(&view), timeline];
    if let Some(baseline) = baseline {
        document.push(against::section(&view, baseline));
    }
    document.extend([
        sections::critical_path(&view),
        sections::status_counts(&view),
        sections::attention(&view),
        sections::funding(&view),
        sections::regulations(&view),
    ]);
    if text {
        blocks::render_text(&document, width, options.color, options.ascii)
    } else {
        blocks::render_markdown(&document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_dates_or_years() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_bound("2026", false), Ok(d(2026, 1, 1)));
        assert_eq!(parse_bound("2026", true), Ok(d(2026, 12, 31)));
        assert_eq!(parse_bound("2026-03-15", true), Ok(d(2026, 3, 15)));
        assert!(parse_bound("2026-02-30", false)
            .unwrap_err()
            .contains("\"2026-02-30\" is neither a real date"));
        assert!(parse_bound("26", false).is_err());
        assert!(parse_bound("next year", false).is_err());
    }
}
