//! A question with a few one-key answers: delete with dependents, quit with unsaved changes,
//! overwrite a file. Esc always cancels.

use crate::i18n::{ui, M};
use crate::tui::action::Action;
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, wrap, Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub struct Choice {
    pub key: char,
    pub label: &'static str,
    pub action: Action,
}

pub struct Confirm {
    title: String,
    message: String,
    choices: Vec<Choice>,
    /// What Esc does besides closing; nothing unless set with `on_cancel`.
    cancel: Option<(&'static str, Action)>,
}

impl Confirm {
    pub fn new(title: impl Into<String>, message: impl Into<String>, choices: Vec<Choice>) -> Self {
        Confirm {
            title: title.into(),
            message: message.into(),
            choices,
            cancel: None,
        }
    }

    /// Makes Esc run `action` (named `label` in the answers) instead of only closing: for a
    /// question where walking away must still leave things in a known state.
    pub fn on_cancel(mut self, label: &'static str, action: Action) -> Self {
        self.cancel = Some((label, action));
        self
    }

    pub fn yes_no(title: impl Into<String>, message: impl Into<String>, yes: Action) -> Self {
        Confirm::new(
            title,
            message,
            vec![
                Choice {
                    key: 'y',
                    label: ui(M::ConfirmYes),
                    action: yes,
                },
                Choice {
                    key: 'n',
                    label: ui(M::ConfirmNo),
                    action: Action::Nothing,
                },
            ],
        )
    }
}

impl Popup for Confirm {
    fn handle_key(&mut self, key: KeyEvent, _doc: &Document) -> PopupOutcome {
        match key.code {
            KeyCode::Esc => match &self.cancel {
                Some((_, action)) => PopupOutcome::Then(action.clone()),
                None => PopupOutcome::Close,
            },
            KeyCode::Char(c) => match self
                .choices
                .iter()
                .find(|choice| choice.key == c.to_ascii_lowercase())
            {
                Some(choice) => PopupOutcome::Then(choice.action.clone()),
                None => PopupOutcome::Consumed,
            },
            _ => PopupOutcome::Consumed,
        }
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, _doc: &Document, theme: &Theme) {
        // Wide enough for the answers on one line, when the screen allows.
        let answers_width: usize = self
            .choices
            .iter()
            .map(|c| c.label.chars().count() + 5)
            .sum::<usize>()
            + self.cancel_label().chars().count()
            + 5 // " Esc "
            + 4; // borders and a margin
        let wanted = u16::try_from(answers_width).unwrap_or(u16::MAX).max(60);
        let width = wanted.min(area.width.saturating_sub(2)).max(20);
        let text_width = usize::from(width.saturating_sub(4));
        let mut lines: Vec<Line> = wrap(&self.message, text_width)
            .into_iter()
            .map(Line::from)
            .collect();
        lines.push(Line::default());
        // Each answer is `key label`; they share a line while they fit and wrap between
        // answers (never inside one) on a narrow screen or in a wordier language.
        let key_style = Style::new().fg(theme.key_hint).add_modifier(Modifier::BOLD);
        let mut answers: Vec<(Span, Span)> = self
            .choices
            .iter()
            .map(|choice| {
                (
                    Span::styled(format!(" {} ", choice.key), key_style),
                    Span::raw(format!("{}  ", choice.label)),
                )
            })
            .collect();
        answers.push((
            Span::styled(" Esc ", Style::new().fg(theme.key_hint)),
            Span::raw(self.cancel_label()),
        ));
        let mut line: Vec<Span> = Vec::new();
        let mut used = 0;
        for (key, label) in answers {
            let wide = key.width() + label.width();
            if used > 0 && used + wide > text_width {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            used += wide;
            line.extend([key, label]);
        }
        lines.push(Line::from(line));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let inner = popup_frame(area, buf, theme, &self.title, width, height);
        Paragraph::new(lines).render(inner, buf);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        let mut hints: Vec<(&'static str, &'static str)> = self
            .choices
            .iter()
            .map(|c| (key_name(c.key), c.label))
            .collect();
        hints.push(("Esc", self.cancel_label()));
        hints
    }

    fn name(&self) -> &'static str {
        "confirm"
    }
}

impl Confirm {
    fn cancel_label(&self) -> &'static str {
        self.cancel
            .as_ref()
            .map_or(ui(M::HintCancel), |(label, _)| label)
    }
}

fn key_name(c: char) -> &'static str {
    const KEYS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    let index = (c as usize).wrapping_sub('a' as usize);
    KEYS.get(index).copied().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::popup::Popup;

    fn screen_text(buf: &Buffer) -> String {
        let area = buf.area;
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn answers_wrap_between_answers_on_a_narrow_screen() {
        let labels = [
            "muat ulang (buang milik saya)",
            "tetap milik saya",
            "simpan milik saya sebagai…",
        ];
        let choices = labels
            .iter()
            .zip(['r', 'k', 'a'])
            .map(|(label, key)| Choice {
                key,
                label,
                action: Action::Quit,
            })
            .collect();
        let mut popup = Confirm::new("Berkas berubah", "Pesan.", choices);
        let doc = Document::sample(crate::model::parse_date("2026-06-01").unwrap()).unwrap();
        let area = Rect::new(0, 0, 50, 20);
        let mut buf = Buffer::empty(area);
        popup.render(
            area,
            &mut buf,
            &doc,
            &crate::tui::theme::Theme::default_theme(),
        );
        let text = screen_text(&buf);
        // Too wide for one line of a 50-column screen: every answer is still whole.
        for label in labels {
            assert!(text.contains(label), "{label} is cut:\n{text}");
        }
        assert!(text.contains("Esc"), "{text}");
    }
}
