//! Dependencies of one item: the list with each link's type and lag, a fuzzy picker to add a
//! predecessor (by id and title, nucleo-matcher), and removal. Each change applies at once
//! (`ApplyAndStay`), so `u` undoes it after the popup closes. The picker is also embedded in
//! the item form, which adds to its draft instead.

use super::form::draw::{self, RowCursor};
use super::form::parse;
use crate::i18n::{current, ui, M};
use crate::model::{self, Dependency, EditError, LinkType, Roadmap};
use crate::tr;
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, wrap, Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::TextField;
use crossterm::event::{KeyCode, KeyEvent};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use std::collections::HashSet;

pub fn open(doc: &Document, index: usize) -> Box<dyn Popup> {
    Box::new(Dependencies::new(doc, index))
}

/// What a link type means, for the picker.
pub fn link_meaning(link: LinkType) -> &'static str {
    ui(match link {
        LinkType::FS => M::LinkFs,
        LinkType::SS => M::LinkSs,
        LinkType::FF => M::LinkFf,
        LinkType::SF => M::LinkSf,
    })
}

pub fn next_link(link: LinkType, step: isize) -> LinkType {
    let all = LinkType::ALL;
    let at = all.iter().position(|l| *l == link).unwrap_or(0);
    let len = all.len() as isize;
    all[(at as isize + step).rem_euclid(len) as usize]
}

/// `FS`, `SS +30`, `FS -60`.
pub fn link_text(dep: &Dependency) -> String {
    if dep.lag_days == 0 {
        dep.link.to_string()
    } else {
        format!("{} {:+}", dep.link, dep.lag_days)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PickerFocus {
    Query,
    Link,
    Lag,
}

/// What the picker did with a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerEvent {
    Consumed,
    Cancel,
    Pick {
        pred: usize,
        link: LinkType,
        lag: i64,
    },
}

/// Finds a predecessor by typing part of its id or title, and sets the link type and lag.
pub struct DepPicker {
    item: usize,
    query: TextField,
    link: LinkType,
    lag: TextField,
    focus: PickerFocus,
    /// Ids not offered: the item's own and those it already depends on.
    exclude: HashSet<String>,
    matches: Vec<usize>,
    selected: usize,
    offset: usize,
    message: Option<String>,
}

impl DepPicker {
    pub fn new(doc: &Document, item: usize, exclude: HashSet<String>) -> DepPicker {
        let mut picker = DepPicker {
            item,
            query: TextField::default(),
            link: LinkType::FS,
            lag: TextField::new("0"),
            focus: PickerFocus::Query,
            exclude,
            matches: Vec::new(),
            selected: 0,
            offset: 0,
            message: None,
        };
        picker.search(&doc.roadmap);
        picker
    }

    /// Shows why the last pick was refused; the picker stays open.
    pub fn refuse(&mut self, message: String) {
        self.message = Some(message);
    }

    pub fn matches(&self) -> &[usize] {
        &self.matches
    }

    fn search(&mut self, roadmap: &Roadmap) {
        let candidates = roadmap.items.iter().enumerate().filter(|&(i, item)| {
            i != self.item && !item.id.is_empty() && !self.exclude.contains(&item.id)
        });
        let query = self.query.text().trim();
        self.matches = if query.is_empty() {
            candidates.map(|(i, _)| i).collect()
        } else {
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut chars = Vec::new();
            let mut haystack = String::new();
            let mut scored: Vec<(u32, usize)> = candidates
                .filter_map(|(i, item)| {
                    haystack.clear();
                    haystack.push_str(&item.id);
                    haystack.push(' ');
                    haystack.push_str(&item.title);
                    pattern
                        .score(Utf32Str::new(&haystack, &mut chars), &mut matcher)
                        .map(|score| (score, i))
                })
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().map(|(_, i)| i).collect()
        };
        self.selected = 0;
        self.offset = 0;
    }

    pub fn handle_key(&mut self, key: KeyEvent, doc: &Document) -> PickerEvent {
        let last = self.matches.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return PickerEvent::Cancel,
            KeyCode::Enter => return self.pick(),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.selected = (self.selected + 1).min(last),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
            KeyCode::Tab => {
                self.focus = match self.focus {
                    PickerFocus::Query => PickerFocus::Link,
                    PickerFocus::Link => PickerFocus::Lag,
                    PickerFocus::Lag => PickerFocus::Query,
                }
            }
            KeyCode::BackTab => {
                self.focus = match self.focus {
                    PickerFocus::Query => PickerFocus::Lag,
                    PickerFocus::Link => PickerFocus::Query,
                    PickerFocus::Lag => PickerFocus::Link,
                }
            }
            _ => match self.focus {
                PickerFocus::Query => {
                    let before = self.query.text().to_string();
                    self.query.handle_key(key);
                    if self.query.text() != before {
                        self.message = None;
                        self.search(&doc.roadmap);
                    }
                }
                PickerFocus::Link => match key.code {
                    KeyCode::Left => self.link = next_link(self.link, -1),
                    KeyCode::Right | KeyCode::Char(' ') => self.link = next_link(self.link, 1),
                    KeyCode::Char(c) => {
                        if let Some(link) = LinkType::ALL
                            .iter()
                            .find(|l| l.as_str().starts_with(c.to_ascii_uppercase()))
                        {
                            // Two types share each letter; typing it again moves to the other.
                            let same: Vec<LinkType> = LinkType::ALL
                                .iter()
                                .copied()
                                .filter(|l| l.as_str().starts_with(c.to_ascii_uppercase()))
                                .collect();
                            self.link = if self.link == *link && same.len() > 1 {
                                same[1]
                            } else {
                                *link
                            };
                        }
                    }
                    _ => {}
                },
                PickerFocus::Lag => {
                    self.lag.handle_key(key);
                    self.message = None;
                }
            },
        }
        PickerEvent::Consumed
    }

    fn pick(&mut self) -> PickerEvent {
        let lag = match parse::lag(self.lag.text()) {
            Ok(lag) => lag,
            Err(message) => {
                self.focus = PickerFocus::Lag;
                self.message = Some(tr!(current(), DepLagError, message = message));
                return PickerEvent::Consumed;
            }
        };
        match self.matches.get(self.selected) {
            Some(&pred) => PickerEvent::Pick {
                pred,
                link: self.link,
                lag,
            },
            None => {
                self.message = Some(ui(M::DepNoMatchPick).to_string());
                PickerEvent::Consumed
            }
        }
    }

    /// Draws the picker into `area`, which the caller has cleared.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
        if area.height == 0 || area.width == 0 {
            return;
        }
        let text = draw::text_style(theme);
        let muted = draw::muted_style(theme);
        let row = |n: u16| Rect {
            y: area.y + n,
            height: 1,
            ..area
        };
        RowCursor::new(buf, row(0))
            .cell(ui(M::DepFind), 7, text)
            .field(&self.query, 0, self.focus == PickerFocus::Query, theme);
        if area.height < 2 {
            return;
        }
        RowCursor::new(buf, row(1))
            .cell(ui(M::DepLink), 7, text)
            .choice(self.link.as_str(), self.focus == PickerFocus::Link, theme)
            .gap(2)
            .cell(ui(M::DepLag), 5, text)
            .field(&self.lag, 7, self.focus == PickerFocus::Lag, theme)
            .text(ui(M::DepDays), text)
            .text(
                &tr!(current(), DepMeaning, meaning = link_meaning(self.link)),
                muted,
            );

        let message_lines: Vec<String> = self
            .message
            .as_deref()
            .map(|m| wrap(m, usize::from(area.width)))
            .unwrap_or_default();
        let list_top = 3u16;
        let bottom = area
            .height
            .saturating_sub(u16::try_from(message_lines.len()).unwrap_or(u16::MAX));
        let rows = usize::from(bottom.saturating_sub(list_top));
        if area.height > 2 {
            let count = self.matches.len();
            let heading = match count {
                0 => ui(M::DepNoMatching).to_string(),
                1 => ui(M::DepOneMatch).to_string(),
                n => tr!(current(), DepManyMatch, n = n),
            };
            RowCursor::new(buf, row(2)).text(&heading, muted);
        }
        self.offset = draw::follow(self.offset, self.selected, self.selected, rows);
        let items = &doc.roadmap.items;
        for (line, &index) in self.matches.iter().skip(self.offset).take(rows).enumerate() {
            let Some(item) = items.get(index) else {
                continue;
            };
            let y = list_top + u16::try_from(line).unwrap_or(0);
            let chosen = self.offset + line == self.selected;
            let style = if chosen {
                Style::new().fg(theme.selection_fg).bg(theme.selection_bg)
            } else {
                text
            };
            let mut cursor = RowCursor::new(buf, row(y));
            cursor
                .cell(if chosen { "▶ " } else { "  " }, 2, style)
                .text(&item.id, style.add_modifier(Modifier::BOLD))
                .text("  ", style)
                .text(&item.title, if chosen { style } else { muted });
        }
        for (n, message) in message_lines.iter().enumerate() {
            let y = bottom + u16::try_from(n).unwrap_or(0);
            RowCursor::new(buf, row(y)).text(message, draw::error_style(theme));
        }
    }

    pub fn hints() -> Vec<(&'static str, &'static str)> {
        vec![
            (ui(M::HintType), ui(M::HintSearch)),
            ("↑↓", ui(M::HintChoose)),
            ("Tab", ui(M::HintTypeLag)),
            ("Enter", ui(M::HintAdd)),
            ("Esc", ui(M::HintBack)),
        ]
    }
}

/// The popup behind `EditDependencies`.
pub struct Dependencies {
    index: usize,
    selected: usize,
    offset: usize,
    picker: Option<DepPicker>,
    message: Option<(String, bool)>,
}

impl Dependencies {
    pub fn new(doc: &Document, index: usize) -> Dependencies {
        let empty = doc
            .roadmap
            .items
            .get(index)
            .is_none_or(|item| item.depends_on.is_empty());
        let mut popup = Dependencies {
            index,
            selected: 0,
            offset: 0,
            picker: None,
            message: None,
        };
        if empty {
            popup.open_picker(doc);
        }
        popup
    }

    fn open_picker(&mut self, doc: &Document) {
        let exclude = doc
            .roadmap
            .items
            .get(self.index)
            .map(|item| {
                let mut ids: HashSet<String> =
                    item.depends_on.iter().map(|d| d.id.clone()).collect();
                ids.insert(item.id.clone());
                ids
            })
            .unwrap_or_default();
        self.picker = Some(DepPicker::new(doc, self.index, exclude));
    }

    fn count(&self, doc: &Document) -> usize {
        doc.roadmap
            .items
            .get(self.index)
            .map_or(0, |item| item.depends_on.len())
    }

    fn picked(&mut self, doc: &Document, pred: usize, link: LinkType, lag: i64) -> PopupOutcome {
        match model::add_dependency_in(&doc.roadmap, doc.network(), self.index, pred, link, lag) {
            Ok(edit) => {
                let pred_id = doc.roadmap.items[pred].id.clone();
                self.picker = None;
                self.selected = self.count(doc);
                let lag = format!("{lag:+}");
                self.message = Some((
                    tr!(current(), DepAdded, pred = pred_id, link = link, lag = lag),
                    false,
                ));
                PopupOutcome::ApplyAndStay(edit)
            }
            Err(err) => {
                if let Some(picker) = &mut self.picker {
                    picker.refuse(refusal(&err));
                }
                PopupOutcome::Consumed
            }
        }
    }

    /// Cycles the selected link's type through `update_item`, which checks it.
    fn cycle_type(&mut self, doc: &Document) -> PopupOutcome {
        let Some(item) = doc.roadmap.items.get(self.index) else {
            return PopupOutcome::Consumed;
        };
        let mut changed = crate::model::Item::clone(item);
        let Some(dep) = changed.depends_on.get_mut(self.selected) else {
            return PopupOutcome::Consumed;
        };
        dep.link = next_link(dep.link, 1);
        let text = tr!(current(), DepNowIs, id = dep.id, link = link_text(dep));
        match model::update_item_in(&doc.roadmap, doc.lookup(), self.index, changed) {
            Ok(edit) => {
                self.message = Some((text, false));
                PopupOutcome::ApplyAndStay(edit)
            }
            Err(errors) => {
                let text: Vec<String> =
                    errors.iter().map(|e| e.message.render(current())).collect();
                self.message = Some((text.join("; "), true));
                PopupOutcome::Consumed
            }
        }
    }
}

/// The refusal shown to the planner; a cycle names its items in order.
pub fn refusal(err: &EditError) -> String {
    tr!(current(), CatRefused, error = err.render(current()))
}

impl Popup for Dependencies {
    fn handle_key(&mut self, key: KeyEvent, doc: &Document) -> PopupOutcome {
        if let Some(picker) = &mut self.picker {
            return match picker.handle_key(key, doc) {
                PickerEvent::Consumed => PopupOutcome::Consumed,
                PickerEvent::Cancel if self.count(doc) == 0 => PopupOutcome::Close,
                PickerEvent::Cancel => {
                    self.picker = None;
                    PopupOutcome::Consumed
                }
                PickerEvent::Pick { pred, link, lag } => self.picked(doc, pred, link, lag),
            };
        }
        let count = self.count(doc);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return PopupOutcome::Close,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1))
            }
            KeyCode::Char('a') | KeyCode::Insert => {
                self.message = None;
                self.open_picker(doc);
            }
            KeyCode::Char('d') | KeyCode::Delete | KeyCode::Backspace if count > 0 => {
                let selected = self.selected.min(count - 1);
                let removed = doc.roadmap.items[self.index].depends_on[selected]
                    .id
                    .clone();
                let edit = model::remove_dependency(&doc.roadmap, self.index, selected);
                self.selected = selected.min(count.saturating_sub(2));
                self.message = Some((tr!(current(), DepRemoved, item = removed), false));
                return PopupOutcome::ApplyAndStay(edit);
            }
            KeyCode::Char('t') if count > 0 => return self.cycle_type(doc),
            _ => {}
        }
        PopupOutcome::Consumed
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
        let Some(item) = doc.roadmap.items.get(self.index) else {
            return;
        };
        let width = area.width.saturating_sub(2).min(100);
        // The picker needs room for its matches; the list only for its rows.
        let wanted = if self.picker.is_some() {
            30
        } else {
            u16::try_from(item.depends_on.len() + 5)
                .unwrap_or(u16::MAX)
                .max(8)
        };
        let height = area.height.saturating_sub(2).min(wanted);
        let title = tr!(current(), DepTitle, item = item.label(self.index));
        let inner = popup_frame(area, buf, theme, &title, width, height);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        if let Some(picker) = &mut self.picker {
            RowCursor::new(buf, inner).text(
                &tr!(current(), FormAddPredecessor, item = item.label(self.index)),
                draw::header_style(theme),
            );
            let rest = Rect {
                y: inner.y + 1,
                height: inner.height.saturating_sub(1),
                ..inner
            };
            picker.render(rest, buf, doc, theme);
            return;
        }
        let text = draw::text_style(theme);
        let muted = draw::muted_style(theme);
        let count = item.depends_on.len();
        self.selected = self.selected.min(count.saturating_sub(1));
        let heading = match count {
            0 => ui(M::DepNone).to_string(),
            1 => ui(M::DepOne).to_string(),
            n => tr!(current(), DepMany, n = n),
        };
        RowCursor::new(buf, inner).text(&heading, draw::header_style(theme));
        let message_rows = u16::from(self.message.is_some());
        let rows = usize::from(inner.height.saturating_sub(1 + message_rows));
        self.offset = draw::follow(self.offset, self.selected, self.selected, rows);
        let driving = doc.schedule.items.get(self.index).and_then(|s| s.driving);
        for (line, (k, dep)) in item
            .depends_on
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(rows)
            .enumerate()
        {
            let y = inner.y + 1 + u16::try_from(line).unwrap_or(0);
            let chosen = k == self.selected;
            let style = if chosen {
                Style::new().fg(theme.selection_fg).bg(theme.selection_bg)
            } else {
                text
            };
            let title = doc
                .roadmap
                .index_of(&dep.id)
                .and_then(|i| doc.roadmap.items.get(i))
                .map_or(ui(M::FormNoSuchItem), |p| p.title.as_str());
            let mut cursor = RowCursor::new(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            );
            cursor
                .cell(if chosen { "▶ " } else { "  " }, 2, style)
                .cell(&link_text(dep), 9, style)
                .text(&dep.id, style.add_modifier(Modifier::BOLD));
            if driving == Some(k) {
                cursor.text(
                    ui(M::DepDrives),
                    Style::new().fg(theme.critical).bg(theme.popup_bg),
                );
            }
            cursor.text("  ", text).text(title, muted);
        }
        if let Some((message, is_error)) = &self.message {
            let style = if *is_error {
                draw::error_style(theme)
            } else {
                muted
            };
            let y = inner.y + inner.height - 1;
            RowCursor::new(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
            )
            .text(message, style);
        }
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        if self.picker.is_some() {
            return DepPicker::hints();
        }
        vec![
            ("a", ui(M::HintAdd)),
            ("d", ui(M::HintRemove)),
            ("t", ui(M::HintLinkType)),
            ("↑↓", ui(M::HintChoose)),
            ("Esc", ui(M::HintClose)),
        ]
    }

    fn name(&self) -> &'static str {
        "dependencies"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_types_cycle_both_ways() {
        assert_eq!(next_link(LinkType::FS, 1), LinkType::SS);
        assert_eq!(next_link(LinkType::SF, 1), LinkType::FS);
        assert_eq!(next_link(LinkType::FS, -1), LinkType::SF);
    }

    #[test]
    fn link_text_shows_lag_only_when_set() {
        let mut dep = Dependency {
            id: "a".into(),
            ..Default::default()
        };
        assert_eq!(link_text(&dep), "FS");
        dep.link = LinkType::SS;
        dep.lag_days = -30;
        assert_eq!(link_text(&dep), "SS -30");
    }
}
