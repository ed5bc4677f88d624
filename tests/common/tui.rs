//! Driving the TUI's `App` by key events and reading what it draws, without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use peta::model::Date;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::Path;

/// The roadmap file opened as `Document::open` reads it on `today`, in an App with the
/// default theme.
pub fn open_app(path: &Path, today: Date) -> App {
    let doc = Document::open(path, today).unwrap();
    App::new(doc, Theme::default_theme())
}

/// A roadmap or a portfolio opened as the `peta` command opens its argument.
pub fn open_any_app(path: &Path, today: Date) -> App {
    let doc = peta::tui::open_document(Some(path), today).unwrap();
    App::new(doc, Theme::default_theme())
}

/// A key without modifiers.
pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn key_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, modifiers));
}

/// Control and a letter, such as `Ctrl-s`.
pub fn ctrl(app: &mut App, c: char) {
    key_with(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Each character of `text` as a key.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen of `width` x `height` cells, rows joined by `\n`, each row as drawn (padded to
/// the full width).
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    rows(app, width, height).join("\n")
}

/// [`screen`] with the spaces at the end of each row taken off.
pub fn trimmed_screen(app: &mut App, width: u16, height: u16) -> String {
    rows(app, width, height)
        .iter()
        .map(|row| row.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One frame of the app drawn into a `width` x `height` buffer.
pub fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    peta::tui::views::render(area, &mut buf, app);
    buf
}

fn rows(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let buf = draw(app, width, height);
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

/// The name of the popup on top, if any.
pub fn top_popup(app: &App) -> Option<&'static str> {
    app.popups.last().map(|p| p.name())
}
