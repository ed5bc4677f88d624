//! Small reusable widgets.

pub mod text_field;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` columns, ending in `…` when it was cut, so a shortened word never
/// passes for a whole one (Indonesian labels are often longer than the English ones).
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Draws `line` at (`x`, `y`) in at most `width` columns; a line that does not fit ends in
/// `…` in its last column instead of a word cut short.
pub fn set_line_fit(
    buf: &mut ratatui::buffer::Buffer,
    x: u16,
    y: u16,
    line: &ratatui::text::Line,
    width: u16,
) {
    buf.set_line(x, y, line, width);
    if width > 0 && line.width() > usize::from(width) {
        let last = (x + width - 1, y);
        if let Some(cell) = buf.cell_mut(last) {
            cell.set_symbol("…");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fit_marks_what_it_cuts() {
        assert_eq!(super::fit("Pendanaan", 20), "Pendanaan");
        assert_eq!(super::fit("Pendanaan", 9), "Pendanaan");
        assert_eq!(super::fit("Pendanaan", 6), "Penda…");
        assert_eq!(super::fit("Pendanaan", 1), "…");
        assert_eq!(super::fit("Pendanaan", 0), "");
    }
}
