//! The text Gantt chart: one line per item under its sector, bars scaled to the window and
//! the width, a year (and quarter) ruler, the today line and a legend.
//!
//! Bars show the forecast (early start to early finish); the cells after the item's planned
//! end are drawn in the "beyond plan" glyph so slips stand out. A column stands for
//! `days / columns` days; day `d` falls in column `(d - first) * columns / days`, so every
//! item inside the window gets at least one cell and the last day lands in the last column.

use super::blocks::{fit, truncate, wrap, BOLD, RESET};
use crate::i18n::Lang;
use crate::model::{Date, Roadmap};
use crate::schedule::Schedule;
use crate::tr;
use chrono::Datelike;
use unicode_width::UnicodeWidthStr;

/// The characters of one drawing style.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyphs {
    pub bar: char,
    pub beyond: char,
    pub milestone: char,
    pub today: char,
    pub grid: char,
    pub today_ruler: char,
    pub ellipsis: &'static str,
    /// The baseline's bar and milestone, on the line under the item's.
    pub baseline: char,
    pub baseline_milestone: char,
    /// Starts the label of a baseline line.
    pub baseline_mark: &'static str,
}

pub(super) const UNICODE: Glyphs = Glyphs {
    bar: '█',
    beyond: '▒',
    milestone: '◆',
    today: '│',
    grid: '┊',
    today_ruler: '▼',
    ellipsis: "…",
    baseline: '░',
    baseline_milestone: '◇',
    baseline_mark: "└",
};

pub(super) const ASCII: Glyphs = Glyphs {
    bar: '#',
    beyond: '=',
    milestone: '*',
    today: '|',
    grid: ':',
    today_ruler: 'v',
    ellipsis: "...",
    baseline: '-',
    baseline_milestone: 'o',
    baseline_mark: "^",
};

/// What colour a cell gets when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    Critical,
    Done,
    Beyond,
    Milestone,
    Today,
    Grid,
}

impl Class {
    fn ansi(self) -> &'static str {
        match self {
            Class::Plain => "",
            Class::Critical => "\x1b[31m",
            Class::Done => "\x1b[32m",
            Class::Beyond => "\x1b[33m",
            Class::Milestone => "\x1b[35m",
            Class::Today => "\x1b[36m",
            Class::Grid => "\x1b[90m",
        }
    }
}

/// Days to columns over the window `[first, last]`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    first: i64,
    days: i64,
    columns: usize,
}

fn day(date: Date) -> i64 {
    i64::from(date.num_days_from_ce())
}

impl Scale {
    pub fn new(first: Date, last: Date, columns: usize) -> Scale {
        Scale {
            first: day(first),
            days: (day(last) - day(first) + 1).max(1),
            columns: columns.max(1),
        }
    }

    /// The column of a day inside the window, `None` outside it.
    fn column(&self, date: Date) -> Option<usize> {
        let offset = day(date) - self.first;
        (0..self.days).contains(&offset).then(|| {
            // i128: offsets times columns cannot overflow.
            let col = i128::from(offset) * self.columns as i128 / i128::from(self.days);
            col as usize
        })
    }

    /// The column of a day, clamped into the window.
    fn clamped(&self, date: Date) -> usize {
        let offset = (day(date) - self.first).clamp(0, self.days - 1);
        (i128::from(offset) * self.columns as i128 / i128::from(self.days)) as usize
    }

    pub fn days_per_column(&self) -> f64 {
        self.days as f64 / self.columns as f64
    }
}

/// A sector's heading and its items, in the order they are drawn.
pub(super) struct Group {
    pub heading: String,
    pub items: Vec<usize>,
}

pub(super) struct Chart<'a> {
    pub roadmap: &'a Roadmap,
    pub schedule: &'a Schedule,
    pub window: (Date, Date),
    pub today: Date,
    pub width: usize,
    pub glyphs: Glyphs,
    pub color: bool,
    pub baseline: Option<&'a crate::diff::Baseline>,
    pub lang: Lang,
}

/// Columns of the label area: `id` and, on wide pages, a title column.
struct Layout {
    id: usize,
    title: usize,
    bars: usize,
}

/// Marker column, space, id, space, (title, space,) bars.
fn layout(width: usize, max_id: usize, max_title: usize) -> Layout {
    let avail = width.saturating_sub(3).max(2);
    let mut id = max_id.clamp(1, (avail * 2 / 5).max(4));
    // Bars keep at least 10 columns (or half of a very narrow page).
    let min_bars = 10.min(avail / 2);
    id = id.min(avail.saturating_sub(min_bars)).max(1);
    let rest = avail - id;
    let title = max_title.min(rest / 3);
    // Titles only when they get a useful width and the bars keep 60 columns.
    if title >= 16 && rest >= title + 1 + 60 {
        Layout {
            id,
            title,
            bars: rest - title - 1,
        }
    } else {
        Layout {
            id,
            title: 0,
            bars: rest,
        }
    }
}

impl Chart<'_> {
    fn paint(&self, line: &mut String, cells: &[(char, Class)]) {
        let mut current = Class::Plain;
        for &(c, class) in cells {
            if self.color && class != current {
                if current != Class::Plain {
                    line.push_str(RESET);
                }
                line.push_str(class.ansi());
                current = class;
            }
            line.push(c);
        }
        if self.color && current != Class::Plain {
            line.push_str(RESET);
        }
    }

    /// Empty bar cells: the year grid and the today line.
    fn background(&self, scale: &Scale) -> Vec<(char, Class)> {
        let mut cells = vec![(' ', Class::Plain); scale.columns];
        let (first, last) = self.window;
        for year in first.year()..=last.year() {
            if let Some(col) = Date::from_ymd_opt(year, 1, 1).and_then(|d| scale.column(d)) {
                cells[col] = (self.glyphs.grid, Class::Grid);
            }
        }
        if let Some(col) = scale.column(self.today) {
            cells[col] = (self.glyphs.today, Class::Today);
        }
        cells
    }

    fn ruler(&self, scale: &Scale, indent: usize) -> Vec<String> {
        let (first, last) = self.window;
        let mut years = vec![' '; scale.columns];
        let mut quarters = vec![' '; scale.columns];
        // A label goes where its period starts, or one column later when the previous label
        // (rounded the other way) ends there; otherwise it is left out.
        let place = |row: &mut Vec<char>, col: usize, label: &str, free_from: &mut usize| {
            let col = if col + 1 == *free_from { col + 1 } else { col };
            if col < *free_from || col + label.len() > row.len() {
                return;
            }
            for (i, c) in label.chars().enumerate() {
                row[col + i] = c;
            }
            *free_from = col + label.len() + 1;
        };
        let mut free = 0;
        let mut free_q = 0;
        let show_quarters = scale.days_per_column() * 3.0 <= 92.0;
        for year in first.year()..=last.year() {
            let start = Date::from_ymd_opt(year, 1, 1).unwrap_or(first).max(first);
            if start <= last {
                place(
                    &mut years,
                    scale.clamped(start),
                    &year.to_string(),
                    &mut free,
                );
            }
            if show_quarters {
                for (q, month) in [1, 4, 7, 10].into_iter().enumerate() {
                    let Some(qstart) = Date::from_ymd_opt(year, month, 1) else {
                        continue;
                    };
                    if let Some(col) = scale.column(qstart) {
                        let label = tr!(self.lang, GanttQuarter, n = q + 1);
                        place(&mut quarters, col, &label, &mut free_q);
                    }
                }
            }
        }
        let mut rows = vec![years];
        if show_quarters {
            rows.push(quarters);
        }
        if let (Some(col), Some(row)) = (scale.column(self.today), rows.last_mut()) {
            if row[col] == ' ' {
                row[col] = self.glyphs.today_ruler;
            }
        }
        rows.into_iter()
            .map(|row| {
                let text: String = row.into_iter().collect();
                format!("{}{}", " ".repeat(indent), text)
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    /// The chart's lines: ruler, one heading per group, one line per item, legend.
    pub fn lines(&self, groups: &[Group]) -> Vec<String> {
        let (roadmap, schedule) = (self.roadmap, self.schedule);
        let shown = groups.iter().flat_map(|g| g.items.iter().copied());
        let (mut max_id, mut max_title) = (1, 0);
        for i in shown {
            max_id = max_id.max(roadmap.items[i].label(i).width());
            max_title = max_title.max(roadmap.items[i].title.width());
            if let Some(baseline) = self.baseline {
                // The slip under the id shares its column.
                max_id = max_id.max(self.baseline_label(baseline, i).width());
            }
        }
        let layout = layout(self.width, max_id, max_title);
        let scale = Scale::new(self.window.0, self.window.1, layout.bars);
        let indent = self.width.saturating_sub(layout.bars);
        let ellipsis = self.glyphs.ellipsis;

        let mut out = Vec::new();
        let about = if self.glyphs.bar == ASCII.bar {
            "~"
        } else {
            "≈"
        };
        let per_column = scale.days_per_column();
        let lang = self.lang;
        let unit = if per_column >= 1.5 {
            let n = format!("{per_column:.0}");
            tr!(lang, GanttColumnDays, about = about, n = n)
        } else if per_column >= 1.0 {
            tr!(lang, GanttColumnDay).to_string()
        } else {
            let n = format!("{:.0}", 1.0 / per_column);
            tr!(lang, GanttDayColumns, about = about, n = n)
        };
        let (from, to) = (lang.date(self.window.0), lang.date(self.window.1));
        out.extend(wrap(
            &tr!(lang, GanttWindow, from = from, to = to, unit = unit),
            self.width,
            "",
            "",
        ));
        out.extend(self.ruler(&scale, indent));
        let background = self.background(&scale);
        if groups.iter().all(|g| g.items.is_empty()) {
            out.push(tr!(lang, GanttNoItems).to_string());
        }
        for group in groups.iter().filter(|g| !g.items.is_empty()) {
            let heading = truncate(
                &format!("{} ({})", group.heading, group.items.len()),
                self.width,
                ellipsis,
            );
            out.push(if self.color {
                format!("{BOLD}{heading}{RESET}")
            } else {
                heading
            });
            for &i in &group.items {
                let item = &roadmap.items[i];
                let computed = &schedule.items[i];
                let mut line = String::with_capacity(self.width + 16);
                if computed.critical {
                    if self.color {
                        line.push_str(Class::Critical.ansi());
                        line.push('!');
                        line.push_str(RESET);
                    } else {
                        line.push('!');
                    }
                } else {
                    line.push(' ');
                }
                line.push(' ');
                line.push_str(&fit(&item.label(i), layout.id, ellipsis));
                line.push(' ');
                if layout.title > 0 {
                    line.push_str(&fit(&item.title, layout.title, ellipsis));
                    line.push(' ');
                }
                let mut cells = background.clone();
                self.draw_item(&mut cells, &scale, i);
                self.paint(&mut line, &cells);
                out.push(line.trim_end().to_string());
                if let Some(baseline) = self.baseline {
                    out.push(self.baseline_line(baseline, &layout, &background, &scale, i));
                }
            }
        }
        out.extend(self.legend());
        out
    }

    fn draw_item(&self, cells: &mut [(char, Class)], scale: &Scale, index: usize) {
        let item = &self.roadmap.items[index];
        let computed = &self.schedule.items[index];
        let class = if computed.critical {
            Class::Critical
        } else if item.progress >= 100 {
            Class::Done
        } else {
            Class::Plain
        };
        if item.is_milestone() {
            if let Some(col) = scale.column(computed.early_start) {
                let class = if computed.critical {
                    Class::Critical
                } else {
                    Class::Milestone
                };
                cells[col] = (self.glyphs.milestone, class);
            }
            return;
        }
        let (first, last) = self.window;
        if computed.early_finish < first || computed.early_start > last {
            return;
        }
        let from = scale.clamped(computed.early_start);
        // To the last column of the finish day: when columns are shorter than days, a day
        // spans several of them.
        let to = computed
            .early_finish
            .succ_opt()
            .and_then(|next| scale.column(next))
            .map_or(scale.columns - 1, |next| next.saturating_sub(1))
            .max(scale.clamped(computed.early_finish));
        // Cells from the one holding the day after the planned end are beyond the plan.
        let beyond_from = item
            .end
            .filter(|&end| end < computed.early_finish)
            .and_then(|end| end.succ_opt())
            .map(|day| scale.clamped(day.max(first)));
        for (col, cell) in cells.iter_mut().enumerate().take(to + 1).skip(from) {
            *cell = if beyond_from.is_some_and(|b| col >= b) {
                (self.glyphs.beyond, Class::Beyond)
            } else {
                (self.glyphs.bar, class)
            };
        }
    }

    /// `└ +10 d`: the item's finish against its baseline finish; `└ new` when it has none.
    fn baseline_label(&self, baseline: &crate::diff::Baseline, index: usize) -> String {
        let finish = self.schedule.items[index].early_finish;
        match baseline.slip_days(&self.roadmap.items[index].id, finish) {
            Some(days) => format!("{} {}", self.glyphs.baseline_mark, slip_days_text(days)),
            None => tr!(
                self.lang,
                GanttBaselineNew,
                mark = self.glyphs.baseline_mark
            ),
        }
    }

    /// The line under an item: its slip against the baseline in the label column, and its
    /// baseline bar (early start to early finish in the baseline) in the chart.
    fn baseline_line(
        &self,
        baseline: &crate::diff::Baseline,
        layout: &Layout,
        background: &[(char, Class)],
        scale: &Scale,
        index: usize,
    ) -> String {
        let item = &self.roadmap.items[index];
        let dates = baseline.dates(&item.id);
        let label = self.baseline_label(baseline, index);
        let mut line = String::from("  ");
        line.push_str(&fit(&label, layout.id, self.glyphs.ellipsis));
        line.push(' ');
        if layout.title > 0 {
            line.push_str(&fit("", layout.title, self.glyphs.ellipsis));
            line.push(' ');
        }
        let mut cells = background.to_vec();
        let (first, last) = self.window;
        if let Some((start, finish)) = dates.filter(|&(s, f)| f >= first && s <= last) {
            if item.is_milestone() {
                if let Some(col) = scale.column(start) {
                    cells[col] = (self.glyphs.baseline_milestone, Class::Grid);
                }
            } else {
                let from = scale.clamped(start);
                let to = finish
                    .succ_opt()
                    .and_then(|next| scale.column(next))
                    .map_or(scale.columns - 1, |next| next.saturating_sub(1))
                    .max(scale.clamped(finish));
                for cell in cells.iter_mut().take(to + 1).skip(from) {
                    *cell = (self.glyphs.baseline, Class::Grid);
                }
            }
        }
        self.paint(&mut line, &cells);
        line.trim_end().to_string()
    }

    fn legend(&self) -> Vec<String> {
        let g = &self.glyphs;
        let lang = self.lang;
        let today = lang.date(self.today);
        let mut entries = vec![
            tr!(lang, GanttForecast, glyph = g.bar),
            tr!(lang, GanttBeyond, glyph = g.beyond),
            tr!(lang, GanttMilestone, glyph = g.milestone),
            if (self.window.0..=self.window.1).contains(&self.today) {
                tr!(lang, GanttToday, glyph = g.today, date = today)
            } else {
                tr!(lang, GanttTodayOutside, date = today)
            },
            tr!(lang, GanttCritical).to_string(),
        ];
        if self.baseline.is_some() {
            entries.push(tr!(
                lang,
                GanttBaseline,
                glyph = g.baseline,
                mark = g.baseline_mark
            ));
        }
        let mut lines = Vec::new();
        let mut line = String::new();
        for entry in entries {
            if !line.is_empty() && line.width() + 2 + entry.width() > self.width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push_str("  ");
            }
            line.push_str(&entry);
        }
        lines.push(line);
        lines
    }
}

/// `+10 d` (later than the baseline), `-3 d` (earlier), `0 d`.
pub(super) fn slip_days_text(days: i64) -> String {
    if days > 0 {
        format!("+{days} d")
    } else {
        format!("{days} d")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn scale_maps_the_first_and_last_day_to_the_edges() {
        // 2025 has 365 days over 73 columns: 5 days a column.
        let scale = Scale::new(date(2025, 1, 1), date(2025, 12, 31), 73);
        assert_eq!(scale.column(date(2025, 1, 1)), Some(0));
        assert_eq!(scale.column(date(2025, 1, 5)), Some(0));
        assert_eq!(scale.column(date(2025, 1, 6)), Some(1));
        assert_eq!(scale.column(date(2025, 12, 31)), Some(72));
        assert_eq!(scale.column(date(2026, 1, 1)), None);
        assert_eq!(scale.column(date(2024, 12, 31)), None);
        assert_eq!(scale.clamped(date(2030, 1, 1)), 72);
        assert_eq!(scale.clamped(date(2020, 1, 1)), 0);
    }

    #[test]
    fn layout_shares_the_width() {
        let l = layout(100, 27, 75);
        assert_eq!((l.id, l.title, l.bars), (27, 0, 70));
        let l = layout(160, 27, 75);
        assert_eq!((l.id, l.title, l.bars), (27, 43, 86));
        // Narrow pages cut the ids and keep 10 columns of bars.
        let l = layout(40, 27, 75);
        assert_eq!((l.id, l.title, l.bars), (14, 0, 23));
        let l = layout(20, 27, 75);
        assert_eq!((l.id, l.title, l.bars), (6, 0, 11));
    }
}
