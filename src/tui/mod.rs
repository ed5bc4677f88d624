//! The planner's terminal: timeline, table, funding and risk views over one roadmap.
//!
//! Architecture: `App` (app.rs) holds the `Document` (the roadmap, its schedule, problems and
//! undo history) and the view state; `Action`s (action.rs) are the only way to change it;
//! keys map to actions in keymap.rs, which also feeds the help overlay and the hints; views
//! (views/) are functions of the state drawn each frame; popups (popups/) sit on a stack and
//! get keys first.

pub mod action;
pub mod app;
pub mod document;
pub mod event;
pub mod keymap;
pub mod popup;
pub mod popups;
pub mod rows;
pub mod state;
pub mod theme;
pub mod views;
pub mod widgets;

use crate::config::{self, Config};
use crate::model::Date;
use app::App;
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use document::Document;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use state::Zoom;
use std::io::stdout;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use theme::Theme;

/// What `peta [FILE] [--theme NAME] [--today DATE]` passes in.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub file: Option<PathBuf>,
    pub theme: Option<String>,
    /// The day statuses are computed for; the system date when None.
    pub today: Option<Date>,
    /// The plan to compare with: `REV:PATH` (read with `git show`) or a file.
    pub baseline: Option<String>,
    /// The language chosen by the command line; when None, `config.json` and the
    /// environment decide.
    pub lang: Option<crate::i18n::Lang>,
}

/// Opened when `peta` is started without a file and it exists.
pub const DEFAULT_FILE: &str = "roadmap.json";

/// Opens the roadmap and runs the terminal UI until the planner quits. A file that cannot
/// be parsed is an error (its message is the `store::LoadError`), raised before the screen
/// is touched; validation problems do not stop opening.
pub fn run(options: RunOptions) -> color_eyre::Result<()> {
    let mut app = prepare(&options)?;
    app.remember_recent = true;
    app.doc.defer_validation = true;
    app.data_dir = crate::store::paths::data_dir();
    app.offer_recovery();
    app.journal_in_background();
    if let Some(path) = &app.doc.path {
        let _ = config::remember_recent(path);
    }
    // Already installed by the binary is fine: the hooks below chain to whatever is there.
    let _ = color_eyre::install();
    install_panic_hook();
    let mut terminal = start_terminal()?;
    let result = event::run_loop(&mut terminal, &mut app);
    stop_terminal();
    // Quitting normally leaves nothing unsaved (the quit question saw to that).
    if result.is_ok() && !app.doc.is_dirty() {
        app.remove_journal(crate::store::journal::Slot::Current);
    }
    app.finish_journal();
    result?;
    Ok(())
}

/// Everything `run` does before touching the terminal: open the document, pick the theme,
/// apply the settings. Separate so tests can build the same `App`.
pub fn prepare(options: &RunOptions) -> color_eyre::Result<App> {
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let doc = open_document(options.file.as_deref(), today)?;
    let mut notes = Vec::new();
    // A broken config.json is noted in the language chosen below (it cannot be the file's own).
    let (config, config_error) = match Config::load() {
        Ok(config) => (config, None),
        Err(err) => (Config::default(), Some(err)),
    };
    let lang = match options.lang {
        Some(lang) => lang,
        None => {
            let choice = crate::i18n::choose_from_env(None, config.lang.as_deref());
            notes.extend(choice.note);
            choice.lang
        }
    };
    crate::i18n::set_current(lang);
    if let Some(err) = config_error {
        notes.insert(0, err.render(lang));
    }
    let name = options.theme.clone().or(config.theme.clone());
    let theme = match name {
        Some(name) => Theme::find(&name, config::themes_dir().as_deref()).unwrap_or_else(|err| {
            notes.push(crate::tr!(lang, NoteTheme, error = err.render(lang)));
            Theme::default_theme()
        }),
        None => Theme::default_theme(),
    };
    let baseline = match &options.baseline {
        Some(source) => {
            let roadmap = crate::store::load_source(source, lang).map_err(|err| {
                color_eyre::eyre::eyre!(crate::tr!(lang, BaselineError, error = err))
            })?;
            let schedule =
                crate::schedule::schedule(&roadmap, &crate::schedule::Options::new(today));
            Some(crate::diff::Baseline::new(source, &roadmap, &schedule))
        }
        None => None,
    };
    let problems = doc.problems.iter().filter(|p| p.is_error()).count();
    let mut app = App::new(doc, theme);
    app.baseline = baseline;
    if let Some(word) = &config.default_zoom {
        match Zoom::parse(word) {
            Some(zoom) => app.timeline.zoom = zoom,
            None => notes.push(crate::tr!(lang, NoteZoom, word = word)),
        }
    }
    if notes.is_empty() {
        if problems > 0 {
            app.error(crate::tr!(lang, NoteProblems, n = problems));
        } else if app.doc.path.is_none() {
            app.info(lang.t(crate::i18n::M::NoteSample));
        }
    } else {
        app.error(notes.join("; "));
    }
    Ok(app)
}

/// FILE when given; else ./roadmap.json when it exists; else the bundled sample (no path).
pub fn open_document(file: Option<&Path>, today: Date) -> color_eyre::Result<Document> {
    let default = Path::new(DEFAULT_FILE);
    let path = match file {
        Some(file) => Some(file),
        None if default.exists() => Some(default),
        None => None,
    };
    // Shown on the command line before the UI starts, in the language already chosen.
    let lang = crate::i18n::current();
    let fail = |message: String| color_eyre::eyre::eyre!(message);
    match path {
        Some(path) => Document::open_any(path, today).map_err(|err| fail(err.render(lang))),
        None => Document::sample(today).map_err(|err| fail(err.render(lang))),
    }
}

/// True while the terminal is in raw mode for us, so the panic hook restores only then.
static ACTIVE: AtomicBool = AtomicBool::new(false);

fn start_terminal() -> std::io::Result<Terminal<CrosstermBackend<std::io::Stdout>>> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Undoes everything `start_terminal` did; safe to call twice.
fn stop_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen
        );
        let _ = disable_raw_mode();
        let _ = execute!(stdout(), crossterm::cursor::Show);
    }
}

/// Restores the screen before the previous hook (color-eyre's) prints the report.
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        stop_terminal();
        previous(info);
    }));
}
