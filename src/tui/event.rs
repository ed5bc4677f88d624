//! The event loop: key presses, mouse and resize become actions; the screen is redrawn only
//! after something happened. Between events the app's `tick` watches the file on disk and
//! journals unsaved edits.

use super::app::App;
use super::views;
use crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;
use std::time::{Duration, Instant};

/// How long to wait for an event before ticking anyway.
const IDLE: Duration = Duration::from_millis(250);

pub fn run_loop(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    let crash = debug_crash::armed();
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
        dirty = false;
        if event::poll(IDLE)? {
            let event = event::read()?;
            debug_crash::fire(crash, &event)?;
            dirty = handle(app, event);
        }
        dirty |= app.tick(Instant::now());
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

/// A deliberate crash for the terminal-hygiene test, only in debug builds: with
/// `PETA_DEBUG_CRASH=panic` (or `=error`), F12 panics (or ends the loop with an I/O error), so
/// a test can check that the terminal is restored before the report prints. Release builds
/// have no trigger at all.
mod debug_crash {
    use crossterm::event::Event;

    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Crash {
        None,
        #[cfg(debug_assertions)]
        Panic,
        #[cfg(debug_assertions)]
        Error,
    }

    pub fn armed() -> Crash {
        #[cfg(debug_assertions)]
        match std::env::var("PETA_DEBUG_CRASH").as_deref() {
            Ok("panic") => return Crash::Panic,
            Ok("error") => return Crash::Error,
            _ => {}
        }
        Crash::None
    }

    pub fn fire(crash: Crash, event: &Event) -> std::io::Result<()> {
        #[cfg(debug_assertions)]
        if matches!(event, Event::Key(key) if key.code == crossterm::event::KeyCode::F(12)) {
            match crash {
                Crash::Panic => panic!("PETA_DEBUG_CRASH: deliberate panic (F12)"),
                Crash::Error => {
                    return Err(std::io::Error::other(
                        "PETA_DEBUG_CRASH: deliberate error (F12)",
                    ))
                }
                Crash::None => {}
            }
        }
        let _ = (crash, event);
        Ok(())
    }
}
