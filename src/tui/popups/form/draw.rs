//! Drawing helpers shared by the editing popups: a cursor that lays out labels, text fields
//! and "◀ value ▶" choosers left to right on one screen row, clipped at the right edge.

use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::TextField;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub fn field_style(theme: &Theme, focused: bool) -> Style {
    if focused {
        Style::new().fg(theme.selection_fg).bg(theme.selection_bg)
    } else {
        Style::new().fg(theme.foreground).bg(theme.weekend_or_grid)
    }
}

pub fn text_style(theme: &Theme) -> Style {
    Style::new().fg(theme.foreground).bg(theme.popup_bg)
}

pub fn muted_style(theme: &Theme) -> Style {
    Style::new().fg(theme.muted).bg(theme.popup_bg)
}

pub fn error_style(theme: &Theme) -> Style {
    Style::new().fg(theme.error).bg(theme.popup_bg)
}

pub fn header_style(theme: &Theme) -> Style {
    Style::new()
        .fg(theme.header)
        .bg(theme.popup_bg)
        .add_modifier(Modifier::BOLD)
}

/// Writes pieces on one row from `x`, never past `right`.
pub struct RowCursor<'a> {
    buf: &'a mut Buffer,
    x: u16,
    y: u16,
    right: u16,
}

impl<'a> RowCursor<'a> {
    /// A cursor over the first row of `area` (nothing is drawn when it has no height).
    pub fn new(buf: &'a mut Buffer, area: Rect) -> RowCursor<'a> {
        let area = area.intersection(buf.area);
        let right = if area.height == 0 {
            area.x
        } else {
            area.x + area.width
        };
        RowCursor {
            buf,
            x: area.x,
            y: area.y,
            right,
        }
    }

    fn room(&self) -> u16 {
        self.right.saturating_sub(self.x)
    }

    pub fn text(&mut self, text: &str, style: Style) -> &mut Self {
        let room = self.room();
        if room > 0 {
            let (x, _) = self
                .buf
                .set_stringn(self.x, self.y, text, usize::from(room), style);
            self.x = x.min(self.right);
        }
        self
    }

    /// Text padded with spaces to `width` columns (cut when longer).
    pub fn cell(&mut self, text: &str, width: u16, style: Style) -> &mut Self {
        let width = width.min(self.room());
        if width == 0 {
            return self;
        }
        let area = Rect::new(self.x, self.y, width, 1);
        self.buf.set_style(area, style);
        self.buf
            .set_stringn(self.x, self.y, text, usize::from(width), style);
        self.x += width;
        self
    }

    /// A text field `width` columns wide (or up to the edge when `width` is 0).
    pub fn field(
        &mut self,
        field: &TextField,
        width: u16,
        focused: bool,
        theme: &Theme,
    ) -> &mut Self {
        let room = self.room();
        let width = if width == 0 { room } else { width.min(room) };
        if width == 0 {
            return self;
        }
        let area = Rect::new(self.x, self.y, width, 1);
        if focused {
            field
                .widget(field_style(theme, true), true)
                .render(area, self.buf);
        } else {
            // Out of focus a long text shows its beginning, not the end where the cursor sits.
            let mut start = field.clone();
            start.home();
            start
                .widget(field_style(theme, false), false)
                .render(area, self.buf);
        }
        self.x += width;
        self
    }

    /// `◀ value ▶`, highlighted when focused.
    pub fn choice(&mut self, value: &str, focused: bool, theme: &Theme) -> &mut Self {
        let text = format!("◀ {value} ▶");
        let width = u16::try_from(text.width()).unwrap_or(u16::MAX);
        self.cell(&text, width, field_style(theme, focused))
    }

    pub fn gap(&mut self, columns: u16) -> &mut Self {
        self.x = (self.x + columns).min(self.right);
        self
    }

    /// Moves to `column` columns from the row's start, when not already past it.
    pub fn at(&mut self, left: u16, column: u16) -> &mut Self {
        self.x = self.x.max(left + column).min(self.right);
        self
    }
}

/// Keeps `first..=last` (rows of a list) visible in a window of `height` rows.
pub fn follow(offset: usize, first: usize, last: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset;
    if last >= offset + height {
        offset = last + 1 - height;
    }
    if first < offset {
        offset = first;
    }
    offset
}
