//! The `?` overlay: every key of the current view, straight from the keymap.

use crate::i18n::{ui, M};
use crate::tui::document::Document;
use crate::tui::keymap::KeyMap;
use crate::tui::popup::{popup_frame, Popup, PopupOutcome};
use crate::tui::state::View;
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub struct Help {
    view: View,
    entries: Vec<(&'static str, &'static str)>,
    offset: usize,
}

impl Help {
    pub fn new(keymap: &KeyMap, view: View) -> Help {
        Help {
            view,
            entries: keymap.help(view),
            offset: 0,
        }
    }
}

impl Popup for Help {
    fn handle_key(&mut self, key: KeyEvent, _doc: &Document) -> PopupOutcome {
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.offset = self.offset.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.offset = (self.offset + 1).min(self.entries.len().saturating_sub(1))
            }
            KeyCode::PageUp => self.offset = self.offset.saturating_sub(10),
            KeyCode::PageDown => {
                self.offset = (self.offset + 10).min(self.entries.len().saturating_sub(1))
            }
            _ => return PopupOutcome::Close,
        }
        PopupOutcome::Consumed
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, _doc: &Document, theme: &Theme) {
        let key_width = self
            .entries
            .iter()
            .map(|(k, _)| k.width())
            .max()
            .unwrap_or(0);
        let text_width = self
            .entries
            .iter()
            .map(|(_, h)| h.width())
            .max()
            .unwrap_or(0);
        let width = u16::try_from(key_width + text_width + 6).unwrap_or(u16::MAX);
        let height = u16::try_from(self.entries.len() + 2).unwrap_or(u16::MAX);
        let title = crate::tr!(crate::i18n::current(), HelpTitle, view = self.view.title());
        let inner = popup_frame(area, buf, theme, &title, width, height);
        let rows = usize::from(inner.height);
        self.offset = self.offset.min(self.entries.len().saturating_sub(rows));
        // A help text wider than the screen ends in `…` rather than a word cut short.
        for (row, (keys, help)) in self.entries.iter().skip(self.offset).take(rows).enumerate() {
            let line = Line::from(vec![
                Span::styled(
                    format!(" {keys:<key_width$}  "),
                    Style::new().fg(theme.key_hint).add_modifier(Modifier::BOLD),
                ),
                Span::raw(*help),
            ]);
            let y = inner.y + u16::try_from(row).unwrap_or(u16::MAX);
            crate::tui::widgets::set_line_fit(buf, inner.x, y, &line, inner.width);
        }
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", ui(M::HintScroll)),
            (ui(M::HintAnyKey), ui(M::HintClose)),
        ]
    }

    fn name(&self) -> &'static str {
        "help"
    }
}
