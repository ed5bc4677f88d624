//! View 4, Risks & critical path: what threatens the end date. The forecast finish against
//! the target, the validation problems, the critical path link by link, the items that are
//! late, blocked or at risk with their reasons, the near-critical items, and the items without
//! committed money in a year they are active (unfunded). ↑↓ select a row
//! (and its item); Enter shows the item in the timeline. The detail panel explains the
//! selected item's float and driving chain.

mod unfunded;

use super::detail;
use super::{Context, ViewOutcome};
use crate::i18n::{current, ui, M};
use crate::model::{format_date, Location, Roadmap, Severity};
use crate::report::schedule::slip_phrase_in;
use crate::schedule::{Schedule, Status};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::popup::wrap;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use std::borrow::Cow;
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Default)]
pub struct RisksState {
    /// Index into the selectable rows.
    pub selected: usize,
    /// First list line shown.
    pub scroll: usize,
    cache: Option<Cache>,
    page: usize,
    /// The app's selected item when this view last looked: a selection made elsewhere
    /// moves the row highlight to that item's row.
    synced: Option<usize>,
}

/// What the list is built from, kept until the roadmap changes (and the layout until the
/// width does), so a frame only draws the visible lines even with thousands of rows.
#[derive(Debug, Clone, Default)]
struct Cache {
    revision: u64,
    /// The language the entries are written in: switching it rebuilds them.
    lang: crate::i18n::Lang,
    entries: Vec<Entry>,
    /// Entry indices of the selectable rows.
    rows: Vec<usize>,
    /// Widest row id.
    id_width: usize,
    /// Screen lines for `width`: (entry, which of its lines).
    width: usize,
    lines: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Plain,
    Good,
    Critical,
    NearCritical,
    Status(Status),
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Heading(String),
    /// Wrapped to the width; not selectable.
    Prose(String, Tone),
    /// One selectable row: a short tag, an id, and text. Rows about items keep only the
    /// index and are worded when drawn: a large late plan has tens of thousands of them.
    Row {
        item: Option<usize>,
        tag: Cow<'static, str>,
        tone: Tone,
        /// None: the item's label.
        id: Option<String>,
        text: Text,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Text {
    Fixed(String),
    /// Forecast dates and title of the item.
    Dates(usize),
    /// Why the item is late, blocked or at risk.
    Reason(usize),
    /// Forecast finish and free float of a near-critical item.
    Near(usize),
}

impl Text {
    fn words(&self, ctx: &Context) -> String {
        let (roadmap, schedule) = (&ctx.doc.roadmap, &ctx.doc.schedule);
        let parts = |i: usize| roadmap.items.get(i).zip(schedule.items.get(i));
        match self {
            Text::Fixed(text) => text.clone(),
            Text::Dates(i) => parts(*i).map_or_else(String::new, |(item, s)| {
                format!(
                    "{} – {}  {}",
                    format_date(s.early_start),
                    format_date(s.early_finish),
                    item.title
                )
            }),
            Text::Reason(i) => parts(*i)
                .and_then(|(_, s)| s.reason.as_ref())
                .map(|r| r.describe_in(roadmap, current()))
                .unwrap_or_default(),
            Text::Near(i) => parts(*i).map_or_else(String::new, |(item, s)| {
                tr!(
                    current(),
                    RiskNear,
                    finish = format_date(s.early_finish),
                    n = s.free_float,
                    title = item.title
                )
            }),
        }
    }
}

fn tone_color(theme: &Theme, tone: Tone) -> Color {
    match tone {
        Tone::Plain => theme.foreground,
        Tone::Good => theme.done,
        Tone::Critical => theme.critical,
        Tone::NearCritical => theme.near_critical,
        Tone::Status(status) => detail::status_color(theme, status),
        Tone::Error => theme.error,
        Tone::Warning => theme.warning,
    }
}

fn headline(schedule: &Schedule) -> Entry {
    match (schedule.finish, schedule.target_end) {
        (Some(finish), Some(target)) => Entry::Prose(
            tr!(
                current(),
                RiskHeadline,
                finish = current().date_short(finish),
                target = current().date_short(target),
                slip = slip_phrase_in(schedule.slip_days, current())
            ),
            if schedule.slip_days > 0 {
                Tone::Status(Status::Late)
            } else {
                Tone::Good
            },
        ),
        (Some(finish), None) => Entry::Prose(
            tr!(
                current(),
                RiskHeadlineNoTarget,
                finish = current().date_short(finish)
            ),
            Tone::Plain,
        ),
        _ => Entry::Prose(ui(M::RiskNothingToSchedule).to_string(), Tone::Plain),
    }
}

fn problem_rows(roadmap: &Roadmap, problems: &[crate::model::Problem], out: &mut Vec<Entry>) {
    if problems.is_empty() {
        return;
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    out.push(Entry::Heading(tr!(
        current(),
        RiskProblems,
        errors = errors,
        warnings = problems.len() - errors
    )));
    for problem in problems {
        let id = match &problem.location {
            Location::Roadmap => ui(M::RiskRoadmap).to_string(),
            Location::Item { index, .. } => roadmap
                .items
                .get(*index)
                .map_or_else(|| format!("#{}", index + 1), |i| i.label(*index)),
            other => other.render(current()),
        };
        let (tag, tone) = match problem.severity {
            Severity::Error => (ui(M::RiskTagError), Tone::Error),
            Severity::Warning => (ui(M::RiskTagWarning), Tone::Warning),
        };
        let message = problem.message.render(crate::i18n::current());
        let text = if problem.field.is_empty() {
            message
        } else {
            format!("{}: {message}", problem.field)
        };
        out.push(Entry::Row {
            item: problem.item_index(),
            tag: Cow::Borrowed(tag),
            tone,
            id: Some(id),
            text: Text::Fixed(text),
        });
    }
}

fn critical_rows(roadmap: &Roadmap, schedule: &Schedule, out: &mut Vec<Entry>) {
    let count = schedule.critical_path.len();
    out.push(Entry::Heading(tr!(current(), RiskCriticalPath, n = count)));
    let chains = crate::report::schedule::critical_chains(schedule);
    let on_chains: HashSet<usize> = chains.iter().flatten().copied().collect();
    for (n, chain) in chains.iter().enumerate() {
        if n > 0 {
            out.push(Entry::Prose(ui(M::RiskInParallel).to_string(), Tone::Plain));
        }
        for (position, &index) in chain.iter().enumerate() {
            let item = &roadmap.items[index];
            let computed = &schedule.items[index];
            let tag: Cow<'static, str> = if position == 0 {
                Cow::Borrowed(ui(M::RiskTagStart))
            } else {
                computed
                    .driving
                    .and_then(|d| item.depends_on.get(d))
                    .map(|dep| {
                        Cow::Owned(if dep.lag_days == 0 {
                            format!("{} →", dep.link)
                        } else {
                            format!("{} {:+} →", dep.link, dep.lag_days)
                        })
                    })
                    .unwrap_or(Cow::Borrowed("→"))
            };
            out.push(Entry::Row {
                item: Some(index),
                tag,
                tone: Tone::Critical,
                id: None,
                text: Text::Dates(index),
            });
        }
    }
    let others: Vec<usize> = schedule
        .critical_path
        .iter()
        .copied()
        .filter(|i| !on_chains.contains(i))
        .collect();
    if !others.is_empty() {
        out.push(Entry::Prose(
            ui(M::RiskAlsoCritical).to_string(),
            Tone::Plain,
        ));
        for index in others {
            out.push(Entry::Row {
                item: Some(index),
                tag: Cow::Borrowed(ui(M::RiskTagCritical)),
                tone: Tone::Critical,
                id: None,
                text: Text::Dates(index),
            });
        }
    }
    if schedule.has_cycle {
        out.push(Entry::Prose(ui(M::RiskCycles).into(), Tone::Error));
    }
}

fn attention_rows(schedule: &Schedule, out: &mut Vec<Entry>) {
    let mut troubled: Vec<usize> = (0..schedule.items.len())
        .filter(|&i| {
            matches!(
                schedule.items[i].status,
                Status::Late | Status::Blocked | Status::AtRisk
            )
        })
        .collect();
    troubled.sort_by_key(|&i| (schedule.items[i].status, i));
    out.push(Entry::Heading(tr!(
        current(),
        RiskAttention,
        n = troubled.len()
    )));
    if troubled.is_empty() {
        out.push(Entry::Prose(ui(M::RiskNothingLate).into(), Tone::Good));
    }
    for index in troubled {
        let computed = &schedule.items[index];
        out.push(Entry::Row {
            item: Some(index),
            tag: Cow::Borrowed(computed.status.label(current())),
            tone: Tone::Status(computed.status),
            id: None,
            text: Text::Reason(index),
        });
    }
}

fn near_critical_rows(schedule: &Schedule, out: &mut Vec<Entry>) {
    let mut near: Vec<usize> = (0..schedule.items.len())
        .filter(|&i| schedule.items[i].near_critical)
        .collect();
    near.sort_by_key(|&i| (schedule.items[i].total_float, i));
    out.push(Entry::Heading(tr!(
        current(),
        RiskNearCritical,
        n = near.len()
    )));
    if near.is_empty() {
        out.push(Entry::Prose(ui(M::RiskNoNear).into(), Tone::Plain));
    }
    for index in near {
        let computed = &schedule.items[index];
        out.push(Entry::Row {
            item: Some(index),
            tag: Cow::Owned(tr!(current(), RiskTagFloat, n = computed.total_float)),
            tone: Tone::NearCritical,
            id: None,
            text: Text::Near(index),
        });
    }
}

fn entries(ctx: &Context) -> Vec<Entry> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    let conflicts = crate::merge::resolve::count(&doc.roadmap);
    if conflicts > 0 {
        out.push(Entry::Prose(
            current().plural(conflicts, M::RiskConflictOne, M::RiskConflictMany),
            Tone::Error,
        ));
    }
    problem_rows(&doc.roadmap, &doc.problems, &mut out);
    critical_rows(&doc.roadmap, &doc.schedule, &mut out);
    attention_rows(&doc.schedule, &mut out);
    near_critical_rows(&doc.schedule, &mut out);
    // Last, so the rows above keep their places.
    unfunded::unfunded_rows(&doc.roadmap, &mut out);
    out
}

impl RisksState {
    /// The cache for the current roadmap and list width.
    fn refresh(&mut self, ctx: &Context, width: usize) -> &Cache {
        let revision = ctx.doc.revision;
        let lang = current();
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != revision || c.lang != lang);
        if stale {
            let entries = entries(ctx);
            let rows = (0..entries.len())
                .filter(|&i| matches!(entries[i], Entry::Row { .. }))
                .collect();
            let id_width = entries
                .iter()
                .filter_map(|e| match e {
                    Entry::Row { id: Some(id), .. } => Some(id.width()),
                    Entry::Row { item: Some(i), .. } => {
                        ctx.doc.roadmap.items.get(*i).map(|item| item.id.width())
                    }
                    _ => None,
                })
                .max()
                .unwrap_or(8);
            self.cache = Some(Cache {
                revision,
                lang,
                entries,
                rows,
                id_width,
                width: usize::MAX,
                lines: Vec::new(),
            });
        }
        let cache = self.cache.get_or_insert_with(Cache::default);
        if cache.width != width {
            cache.lines = layout(&cache.entries, width);
            cache.width = width;
        }
        cache
    }

    /// Moves the highlight to the row of an item selected elsewhere (in another view).
    fn sync(&mut self, ctx: &Context) {
        if self.synced == ctx.selected {
            return;
        }
        self.synced = ctx.selected;
        let (Some(wanted), Some(cache)) = (ctx.selected, &self.cache) else {
            return;
        };
        let found = cache.rows.iter().position(|&e| {
            matches!(cache.entries.get(e), Some(Entry::Row { item: Some(i), .. }) if *i == wanted)
        });
        if let Some(at) = found {
            self.selected = at;
        }
    }

    /// The item of the selected row, if it has one.
    fn selected_item(&self) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        let at = *cache.rows.get(self.selected)?;
        match cache.entries.get(at) {
            Some(Entry::Row { item, .. }) => *item,
            _ => None,
        }
    }
}

/// The screen lines of the list: (entry, which of its lines). Headings get a blank line
/// before them (part 0) and their text (part 1).
fn layout(entries: &[Entry], width: usize) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match entry {
            Entry::Heading(_) => lines.extend([(i, 0), (i, 1)]),
            Entry::Prose(text, _) => lines.extend((0..wrap(text, width).len()).map(|p| (i, p))),
            Entry::Row { .. } => lines.push((i, 0)),
        }
    }
    lines
}

fn styled(
    ctx: &Context,
    entry: &Entry,
    part: usize,
    width: usize,
    id_width: usize,
    selected: bool,
    theme: &Theme,
) -> Line<'static> {
    match entry {
        Entry::Heading(text) if part == 1 => Line::styled(
            text.clone(),
            Style::new().fg(theme.header).add_modifier(Modifier::BOLD),
        ),
        Entry::Heading(_) => Line::default(),
        Entry::Prose(text, tone) => {
            let lines = wrap(text, width);
            Line::styled(
                lines.get(part).cloned().unwrap_or_default(),
                Style::new().fg(tone_color(theme, *tone)),
            )
        }
        Entry::Row {
            item,
            tag,
            tone,
            id,
            text,
        } => {
            let base = if selected {
                Style::new().fg(theme.selection_fg).bg(theme.selection_bg)
            } else {
                Style::new().fg(theme.foreground)
            };
            let tag_style = if selected {
                base.add_modifier(Modifier::BOLD)
            } else {
                Style::new().fg(tone_color(theme, *tone))
            };
            let id = match (id, item) {
                (Some(id), _) => id.clone(),
                (None, Some(i)) => ctx
                    .doc
                    .roadmap
                    .items
                    .get(*i)
                    .map(|it| it.label(*i))
                    .unwrap_or_default(),
                (None, None) => String::new(),
            };
            let id = if id.width() > id_width {
                let cut: String = id.chars().take(id_width.saturating_sub(1)).collect();
                format!("{cut}…")
            } else {
                id
            };
            Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, base),
                Span::styled(format!("{tag:>10} "), tag_style),
                Span::styled(
                    format!("{id:<id_width$} "),
                    base.add_modifier(Modifier::BOLD),
                ),
                Span::styled(text.words(ctx), base),
            ])
            .style(base)
        }
    }
}

pub fn render(area: Rect, buf: &mut Buffer, ctx: &Context, state: &mut RisksState) {
    let area = area.intersection(buf.area);
    if area.width < 10 || area.height < 4 {
        return;
    }
    let theme = ctx.theme;
    // Side by side when wide, else the detail below the list.
    let side = area.width >= 140;
    let (list_area, detail_area) = if side {
        let detail_width = (area.width * 9 / 20).min(80);
        (
            Rect {
                width: area.width - detail_width - 1,
                ..area
            },
            Rect {
                x: area.right() - detail_width,
                width: detail_width,
                ..area
            },
        )
    } else {
        let detail_height = (area.height / 2).clamp(4, 12);
        (
            Rect {
                height: area.height - detail_height,
                ..area
            },
            Rect {
                y: area.bottom() - detail_height,
                height: detail_height,
                ..area
            },
        )
    };
    // The forecast against the target stays on top; the list scrolls below it.
    if let Entry::Prose(text, tone) = headline(&ctx.doc.schedule) {
        let style = Style::new()
            .fg(tone_color(theme, tone))
            .add_modifier(Modifier::BOLD);
        let text = crate::tui::widgets::fit(&text, usize::from(list_area.width.saturating_sub(1)));
        buf.set_stringn(
            list_area.x + 1,
            list_area.y,
            &text,
            usize::from(list_area.width.saturating_sub(1)),
            style,
        );
    }
    let list_area = Rect {
        y: list_area.y + 1,
        height: list_area.height.saturating_sub(1),
        ..list_area
    };
    let width = usize::from(list_area.width).saturating_sub(1);
    state.refresh(ctx, width);
    state.sync(ctx);
    let height = usize::from(list_area.height);
    let RisksState {
        selected,
        scroll,
        cache,
        page,
        ..
    } = state;
    let Some(cache) = cache.as_ref() else {
        return;
    };
    *page = height.max(1);
    *selected = (*selected).min(cache.rows.len().saturating_sub(1));
    let selected_entry = cache.rows.get(*selected).copied();
    let id_width = cache.id_width.clamp(8, (width / 3).max(8));
    let lines = &cache.lines;
    // Keep the selected row in view, with its heading when it fits.
    if let Some(entry) = selected_entry {
        let at = lines.partition_point(|(i, _)| *i < entry);
        if at < *scroll {
            *scroll = at.saturating_sub(2);
        } else if at >= *scroll + height {
            *scroll = at + 1 - height;
        }
    }
    *scroll = (*scroll).min(lines.len().saturating_sub(height));
    for (n, (entry, part)) in lines.iter().enumerate().skip(*scroll).take(height) {
        let y = list_area.y + u16::try_from(n - *scroll).unwrap_or(0);
        let line = styled(
            ctx,
            &cache.entries[*entry],
            *part,
            width,
            id_width,
            Some(*entry) == selected_entry,
            theme,
        );
        crate::tui::widgets::set_line_fit(
            buf,
            list_area.x + 1,
            y,
            &line,
            list_area.width.saturating_sub(1),
        );
    }
    detail::render(detail_area, buf, ctx, ctx.selected.unwrap_or(usize::MAX));
}

pub fn handle(state: &mut RisksState, action: &Action, ctx: &Context) -> ViewOutcome {
    // Keys before the first frame still act on a current list.
    let width = state.cache.as_ref().map_or(usize::MAX, |c| c.width);
    let count = state.refresh(ctx, width).rows.len();
    state.sync(ctx);
    let last = count.saturating_sub(1);
    let page = state.page.max(2) - 1;
    state.selected = match action {
        Action::Up => state.selected.saturating_sub(1),
        Action::Down => (state.selected + 1).min(last),
        Action::PageUp => state.selected.saturating_sub(page),
        Action::PageDown => (state.selected + page).min(last),
        Action::Home => 0,
        Action::End => last,
        Action::Open => {
            // A row about the roadmap or a sector has no item to show.
            return match state.selected_item() {
                Some(index) => ViewOutcome::Jump(index),
                None => ViewOutcome::Handled,
            };
        }
        _ => return ViewOutcome::Ignored,
    };
    match state.selected_item() {
        Some(index) => {
            state.synced = Some(index);
            ViewOutcome::Select(index)
        }
        None => ViewOutcome::Handled,
    }
}
