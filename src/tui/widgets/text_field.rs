//! A single-line text field: cursor movement, insert and delete by whole characters, and a
//! window that follows the cursor when the text is wider than the field.
//!
//! The cursor is drawn as a reversed cell rather than the terminal cursor, so fields render
//! the same into a `TestBackend` and several fields can sit in one form.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthChar;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters (not bytes), 0..=char count.
    cursor: usize,
}

impl TextField {
    pub fn new(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn set_text(&mut self, text: &str) {
        self.text = text.to_string();
        self.cursor = text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map(|(byte, _)| byte)
            .unwrap_or(self.text.len())
    }

    fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let at = self.byte_at(self.cursor);
        self.text.remove(at);
    }

    pub fn delete(&mut self) {
        if self.cursor < self.char_count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.char_count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.char_count();
    }

    /// Applies an editing key; returns false for keys a field does not use (Enter, Tab,
    /// Esc, arrows up/down...), so the owner can act on them.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('a') if ctrl => self.home(),
            KeyCode::Char('e') if ctrl => self.end(),
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
            }
            KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return false,
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            _ => return false,
        }
        true
    }

    /// A widget view of the field; `focused` shows the cursor.
    pub fn widget(&self, style: Style, focused: bool) -> TextFieldWidget<'_> {
        TextFieldWidget {
            field: self,
            style,
            focused,
        }
    }
}

pub struct TextFieldWidget<'a> {
    field: &'a TextField,
    style: Style,
    focused: bool,
}

impl Widget for TextFieldWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return;
        }
        buf.set_style(Rect { height: 1, ..area }, self.style);
        let width = usize::from(area.width);
        let chars: Vec<(char, usize)> = self
            .field
            .text
            .chars()
            .map(|c| (c, c.width().unwrap_or(0)))
            .collect();
        // Scroll so that the cursor cell (one column past the text at the end) is visible.
        let cursor = self.field.cursor.min(chars.len());
        let mut first = 0;
        let width_between =
            |from: usize, to: usize| chars[from..to].iter().map(|(_, w)| w).sum::<usize>();
        while first < cursor && width_between(first, cursor) + 1 > width {
            first += 1;
        }
        let mut x = area.x;
        let right = area.x + area.width;
        for (i, (c, w)) in chars.iter().enumerate().skip(first) {
            let w = u16::try_from(*w).unwrap_or(1);
            if w == 0 {
                continue;
            }
            if x + w > right {
                break;
            }
            let mut style = self.style;
            if self.focused && i == cursor {
                style = style.add_modifier(Modifier::REVERSED);
            }
            buf[(x, area.y)].set_char(*c).set_style(style);
            if w == 2 && x + 1 < right {
                // The second half of a wide character must be an empty cell.
                buf[(x + 1, area.y)].set_symbol("");
            }
            x += w;
        }
        if self.focused && cursor == chars.len() && x < right {
            buf[(x, area.y)]
                .set_char(' ')
                .set_style(self.style.add_modifier(Modifier::REVERSED));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_by_characters_not_bytes() {
        let mut field = TextField::new("añb");
        assert_eq!(field.cursor(), 3);
        field.handle_key(key(KeyCode::Left));
        field.handle_key(key(KeyCode::Backspace));
        assert_eq!(field.text(), "ab");
        field.handle_key(key(KeyCode::Char('é')));
        assert_eq!(field.text(), "aéb");
        field.handle_key(key(KeyCode::Home));
        field.handle_key(key(KeyCode::Delete));
        assert_eq!(field.text(), "éb");
        field.handle_key(key(KeyCode::End));
        field.handle_key(key(KeyCode::Char('日')));
        assert_eq!(field.text(), "éb日");
        assert_eq!(field.cursor(), 3);
        assert!(!field.handle_key(key(KeyCode::Enter)));
    }

    #[test]
    fn ends_and_empty_text_are_safe() {
        let mut field = TextField::new("");
        field.handle_key(key(KeyCode::Backspace));
        field.handle_key(key(KeyCode::Delete));
        field.handle_key(key(KeyCode::Left));
        field.handle_key(key(KeyCode::Right));
        assert_eq!((field.text(), field.cursor()), ("", 0));
        field.set_text("abc");
        field.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        field.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!((field.text(), field.cursor()), ("c", 0));
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let field = TextField::new("0123456789");
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        field
            .widget(Style::default(), true)
            .render(Rect::new(0, 0, 5, 1), &mut buf);
        let shown: String = (0..5).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert_eq!(shown, "6789 ");
        assert!(buf[(4, 0)].modifier.contains(Modifier::REVERSED));
        // A zero-sized area draws nothing and does not panic.
        field
            .widget(Style::default(), true)
            .render(Rect::new(0, 0, 0, 0), &mut buf);
    }
}
