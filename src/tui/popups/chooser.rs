//! Pick one entry from a list (the filter chooser); each entry carries the action it runs.

use crate::i18n::{ui, M};
use crate::tui::action::Action;
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

pub struct Chooser {
    title: String,
    entries: Vec<(String, Action)>,
    selected: usize,
    offset: usize,
}

impl Chooser {
    pub fn new(title: impl Into<String>, entries: Vec<(String, Action)>) -> Chooser {
        Chooser {
            title: title.into(),
            entries,
            selected: 0,
            offset: 0,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }
}

impl Popup for Chooser {
    fn handle_key(&mut self, key: KeyEvent, _doc: &Document) -> PopupOutcome {
        let last = self.entries.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => return PopupOutcome::Close,
            KeyCode::Enter => {
                return match self.entries.get(self.selected) {
                    Some((_, action)) => PopupOutcome::Then(action.clone()),
                    None => PopupOutcome::Close,
                }
            }
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = last,
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
            _ => {}
        }
        PopupOutcome::Consumed
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, _doc: &Document, theme: &Theme) {
        let widest = self
            .entries
            .iter()
            .map(|(label, _)| label.width())
            .max()
            .unwrap_or(0);
        let width = u16::try_from(widest + 6).unwrap_or(u16::MAX).max(30);
        let height = u16::try_from(self.entries.len() + 2).unwrap_or(u16::MAX);
        let inner = popup_frame(area, buf, theme, &self.title, width, height);
        let rows = usize::from(inner.height).max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let lines: Vec<Line> = self
            .entries
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(rows)
            .map(|(i, (label, _))| {
                if i == self.selected {
                    Line::styled(
                        format!("▶ {label}"),
                        Style::new().fg(theme.selection_fg).bg(theme.selection_bg),
                    )
                } else {
                    Line::raw(format!("  {label}"))
                }
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", ui(M::HintChoose)),
            ("Enter", ui(M::HintOk)),
            ("Esc", ui(M::HintCancel)),
        ]
    }

    fn name(&self) -> &'static str {
        "chooser"
    }
}
