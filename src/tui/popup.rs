//! Modal popups on a stack. The top popup gets every key first; what it returns tells the app
//! what to do next. Popups render themselves centred over the screen with `popup_frame`.

use super::action::Action;
use super::document::Document;
use super::theme::Theme;
use crate::model::Edit;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// What a popup did with a key.
pub enum PopupOutcome {
    /// The key was used (or deliberately swallowed); stay open.
    Consumed,
    /// Close this popup.
    Close,
    /// Close, then apply the edit through the history.
    Apply(Edit),
    /// Apply the edit and stay open (managers that make several changes).
    ApplyAndStay(Edit),
    /// Close, then run the action (which may open another popup).
    Then(Action),
    /// Stay open and run the action (e.g. select an item while a picker stays up).
    Run(Action),
    /// Open another popup on top of this one.
    Push(Box<dyn Popup>),
    /// Replace this popup with another.
    Replace(Box<dyn Popup>),
}

pub trait Popup {
    /// Handles a key press. Popups are modal: keys they do not use are dropped, not passed down.
    fn handle_key(&mut self, key: KeyEvent, doc: &Document) -> PopupOutcome;

    /// Draws over `area` (the whole screen); use `popup_frame` to get a centred, cleared box.
    fn render(&mut self, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme);

    /// Key hints for the status bar while this popup is on top: (key, word).
    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![("Esc", "close")]
    }

    /// Names the popup in tests and logs.
    fn name(&self) -> &'static str;
}

/// Clears a centred box of at most `width` x `height` (clamped to the screen), draws its
/// border and title, and returns the inner area.
pub fn popup_frame(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    title: &str,
    width: u16,
    height: u16,
) -> Rect {
    let area = area.intersection(buf.area);
    let outer = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    Clear.render(outer, buf);
    let style = Style::new().bg(theme.popup_bg).fg(theme.foreground);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(theme.popup_border).bg(theme.popup_bg))
        .style(style)
        .title(Line::styled(
            format!(" {title} "),
            Style::new().fg(theme.title).bg(theme.popup_bg),
        ));
    let inner = block.inner(outer);
    block.render(outer, buf);
    inner
}

/// Breaks text into lines of at most `width` columns at spaces (long words are cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let needed = if line.is_empty() {
                word.width()
            } else {
                line.width() + 1 + word.width()
            };
            if needed > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            while line.width() > width {
                let cut: String = line.chars().take(width).collect();
                let rest: String = line.chars().skip(cut.chars().count()).collect();
                lines.push(cut);
                line = rest;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("delete item a?", 8), vec!["delete", "item a?"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }

    #[test]
    fn frame_fits_in_a_tiny_screen() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 2));
        let inner = popup_frame(
            Rect::new(0, 0, 3, 2),
            &mut buf,
            &Theme::default_theme(),
            "t",
            40,
            10,
        );
        assert_eq!(inner.width, 1);
        assert_eq!(inner.height, 0);
    }
}
