//! The event loop: key presses, mouse and resize become actions; the screen is redrawn only
//! after something happened.

use super::app::App;
use super::views;
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;
use std::time::Duration;

pub fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| views::draw(frame, app))?;
        }
        // Validate only when no key is waiting, so a burst of edits stays fluid.
        if app.doc.problems_stale && !event::poll(Duration::ZERO)? {
            dirty = app.doc.revalidate();
            continue;
        }
        dirty = handle(app, event::read()?);
    }
    Ok(())
}

/// Applies one terminal event; true when the screen may have changed.
pub fn handle(app: &mut App, event: Event) -> bool {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            app.handle_key(key);
            true
        }
        Event::Mouse(mouse) => app.handle_mouse(mouse),
        Event::Resize(_, _) => {
            app.update(super::action::Action::Resize);
            true
        }
        _ => false,
    }
}
