//! A one-line question: the search text, the path to save to.

use crate::i18n::{ui, M};
use crate::tui::action::Action;
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::TextField;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Widget};

pub struct Prompt {
    title: String,
    label: String,
    pub field: TextField,
    on_submit: Box<dyn Fn(String) -> Action>,
}

impl Prompt {
    pub fn new(
        title: impl Into<String>,
        label: impl Into<String>,
        initial: &str,
        on_submit: impl Fn(String) -> Action + 'static,
    ) -> Prompt {
        Prompt {
            title: title.into(),
            label: label.into(),
            field: TextField::new(initial),
            on_submit: Box::new(on_submit),
        }
    }
}

impl Popup for Prompt {
    fn handle_key(&mut self, key: KeyEvent, _doc: &Document) -> PopupOutcome {
        match key.code {
            KeyCode::Esc => PopupOutcome::Close,
            KeyCode::Enter => PopupOutcome::Then((self.on_submit)(self.field.text().to_string())),
            _ => {
                self.field.handle_key(key);
                PopupOutcome::Consumed
            }
        }
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, _doc: &Document, theme: &Theme) {
        let width = 60u16.min(area.width.saturating_sub(2)).max(20);
        let inner = popup_frame(area, buf, theme, &self.title, width, 4);
        if inner.height == 0 {
            return;
        }
        Paragraph::new(self.label.as_str())
            .style(Style::new().fg(theme.muted))
            .render(Rect { height: 1, ..inner }, buf);
        if inner.height >= 2 {
            let field_area = Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            };
            self.field
                .widget(
                    Style::new().fg(theme.foreground).bg(theme.selection_bg),
                    true,
                )
                .render(field_area, buf);
        }
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![("Enter", ui(M::HintOk)), ("Esc", ui(M::HintCancel))]
    }

    fn name(&self) -> &'static str {
        "prompt"
    }
}
