//! Random key storms (README, "Reliability"): the TUI `App`, without a terminal, takes thousands
//! of random key presses, mouse clicks and resizes (rendered at each new size) on random valid
//! roadmaps. Nothing panics; no event leaves the roadmap with a validation error it did not
//! have; saving and loading the result gives it back exactly; undoing back to the start gives
//! back the original exactly.
//!
//! 12 storms of about 1,000 to 5,000 events by default; `PROPTEST_CASES=200` for a longer run.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use peta::model::{validate, Date, Roadmap};
use peta::store;
use peta::tui::action::Action;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::theme::Theme;
use peta::tui::views;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestRunner};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Edits undone and storms that changed their roadmap, over the run: a storm that never
/// reached an edit would prove nothing.
static EDITS: AtomicUsize = AtomicUsize::new(0);
static CHANGED: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Clone)]
enum Event {
    Key(KeyCode, KeyModifiers),
    Click(u16, u16),
    Scroll(u16, u16, bool),
    Resize(u16, u16),
}

fn key_code() -> BoxedStrategy<KeyCode> {
    use KeyCode::*;
    prop_oneof![
        // Every bound letter and digit, and text for forms, search and prompts.
        10 => proptest::char::range(' ', '~').prop_map(Char),
        2 => "[\u{e0}-\u{ff}\u{1F600}\u{4E00}]".prop_map(|s| Char(s.chars().next().unwrap_or('x'))),
        6 => select(vec![
            Enter, Esc, Tab, BackTab, Up, Down, Left, Right, PageUp, PageDown, Home, End,
            Backspace, Delete, Insert, F(1),
        ]),
    ]
    .boxed()
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        12 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::SHIFT),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::CONTROL | KeyModifiers::SHIFT),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        40 => (key_code(), modifiers()).prop_map(|(code, m)| Event::Key(code, m)),
        // Undo and redo often, so the history gets walked both ways mid-storm.
        2 => Just(Event::Key(KeyCode::Char('u'), KeyModifiers::NONE)),
        1 => Just(Event::Key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
        2 => (0u16..200, 0u16..60).prop_map(|(x, y)| Event::Click(x, y)),
        1 => (0u16..200, 0u16..60, any::<bool>()).prop_map(|(x, y, up)| Event::Scroll(x, y, up)),
        // Down to nothing at all, and wider than any terminal.
        1 => (0u16..320, 0u16..90).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

fn plain(c: char) -> Event {
    Event::Key(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(code: KeyCode) -> Event {
    Event::Key(code, KeyModifiers::NONE)
}

/// Text typed into a field: dates, numbers, ids and words, well formed or not.
fn text() -> impl Strategy<Value = Vec<Event>> {
    prop_oneof![
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "-?[0-9]{1,6}",
        "[a-z-]{1,8}",
        "\\PC{0,10}",
    ]
    .prop_map(|text| text.chars().map(plain).collect())
}

/// What a planner does in a few keys: most of these reach an edit, random keys seldom do.
fn gesture() -> BoxedStrategy<Vec<Event>> {
    let shift = |m: KeyModifiers| {
        select(vec![KeyCode::Left, KeyCode::Right]).prop_map(move |c| vec![Event::Key(c, m)])
    };
    let walk = prop::collection::vec(
        select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Tab,
            KeyCode::BackTab,
        ])
        .prop_map(code),
        0..6,
    );
    prop_oneof![
        // Move or stretch the selected item.
        4 => shift(KeyModifiers::SHIFT),
        3 => shift(KeyModifiers::CONTROL),
        // Duplicate; delete (and confirm).
        1 => Just(vec![plain('y')]),
        1 => select(vec!['y', 'n', 'd']).prop_map(|c| vec![plain('d'), plain(c)]),
        // Add an item or edit a field of one: tab to it, clear it, type, submit.
        4 => (select(vec!['a', 'e']), 0usize..12, text(), select(vec![KeyCode::Enter, KeyCode::Esc]))
            .prop_map(|(open, tabs, typed, end)| {
                let mut keys = vec![plain(open)];
                keys.extend(std::iter::repeat_n(code(KeyCode::Tab), tabs));
                keys.push(Event::Key(KeyCode::Char('u'), KeyModifiers::CONTROL));
                keys.extend(typed);
                keys.push(code(end));
                keys
            }),
        // Dependencies and the catalogue manager: move about, toggle, confirm.
        2 => (select(vec!['L', 'm']), walk.clone(), text()).prop_map(|(open, walk, typed)| {
            let mut keys = vec![plain(open)];
            keys.extend(walk);
            keys.push(plain(' '));
            keys.extend(typed);
            keys.push(code(KeyCode::Enter));
            keys.push(code(KeyCode::Enter));
            keys
        }),
        // A regulation to its next stage.
        1 => walk.prop_map(|walk| {
            let mut keys = vec![plain('5')];
            keys.extend(walk);
            keys.push(plain(']'));
            keys
        }),
        10 => event().prop_map(|e| vec![e]),
    ]
    .boxed()
}

fn storm_events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(gesture(), 200..800)
        .prop_map(|gestures| gestures.into_iter().flatten().collect())
}

/// A valid roadmap: generated (any size, links and funding) or the bundled sample.
fn roadmap() -> impl Strategy<Value = Roadmap> {
    prop_oneof![
        4 => (1usize..40, 0usize..4, any::<u64>(), prop::option::of(0usize..60)).prop_map(
            |(items, links, seed, lines)| {
                let roadmap = peta::generate::roadmap(items, links, seed);
                match lines {
                    Some(lines) => peta::generate::with_funding_lines(roadmap, lines, seed),
                    None => roadmap,
                }
            }
        ),
        1 => Just(
            store::parse(Path::new("sample.json"), peta::tui::document::SAMPLE.as_bytes())
                .unwrap()
        ),
    ]
}

fn render(app: &mut App, width: u16, height: u16) {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    views::render(area, &mut buf, app);
}

fn errors(roadmap: &Roadmap) -> Vec<String> {
    validate(roadmap)
        .iter()
        .filter(|p| p.is_error())
        .map(ToString::to_string)
        .collect()
}

fn storm(roadmap: Roadmap, events: Vec<Event>, dir: &Path) -> Result<(), TestCaseError> {
    let before = errors(&roadmap);
    let path = dir.join("storm.json");
    store::save(&path, &roadmap, None).unwrap();
    let today = Date::from_ymd_opt(2027, 3, 1).unwrap();
    let doc = Document::open(&path, today).unwrap();
    let original = doc.roadmap.clone();
    prop_assert_eq!(&original, &roadmap);
    let mut app = App::new(doc, Theme::default_theme());
    let (mut width, mut height) = (120, 40);
    render(&mut app, width, height);
    for (n, event) in events.iter().enumerate() {
        match *event {
            Event::Key(code, modifiers) => app.handle_key(KeyEvent::new(code, modifiers)),
            Event::Click(column, row) => {
                app.handle_mouse(MouseEvent {
                    kind: MouseEventKind::Down(MouseButton::Left),
                    column,
                    row,
                    modifiers: KeyModifiers::NONE,
                });
            }
            Event::Scroll(column, row, up) => {
                let kind = if up {
                    MouseEventKind::ScrollUp
                } else {
                    MouseEventKind::ScrollDown
                };
                app.handle_mouse(MouseEvent {
                    kind,
                    column,
                    row,
                    modifiers: KeyModifiers::NONE,
                });
            }
            Event::Resize(w, h) => {
                (width, height) = (w, h);
                app.update(Action::Resize);
                render(&mut app, width, height);
            }
        }
        // The event loop validates deferred edits when idle; do the same.
        app.doc.revalidate();
        // Quitting ends a real session; here the storm goes on in a fresh one on the same
        // document, so the quit keys get pressed too.
        app.quit = false;
        let now = errors(&app.doc.roadmap);
        let new: Vec<&String> = now.iter().filter(|e| !before.contains(e)).collect();
        prop_assert!(
            new.is_empty(),
            "event {} ({:?}) introduced {:?}",
            n,
            event,
            new
        );
        if n % 64 == 0 {
            // Mouse clicks hit what was last drawn.
            render(&mut app, width, height);
        }
    }
    render(&mut app, width, height);

    // Save + load of the result is lossless.
    let result = app.doc.roadmap.clone();
    let copy = dir.join("result.json");
    store::save(&copy, &result, None).unwrap();
    let loaded = store::load(&copy).unwrap().roadmap;
    prop_assert!(loaded == result, "save + load changed the roadmap");

    // Undo all the way back: the original, exactly.
    let mut undone = 0;
    while app.doc.undo() {
        undone += 1;
    }
    EDITS.fetch_add(undone, Ordering::Relaxed);
    if result != original {
        CHANGED.fetch_add(1, Ordering::Relaxed);
    }
    prop_assert!(
        app.doc.roadmap == original,
        "undo did not restore the original"
    );
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

#[test]
fn random_key_storms_keep_the_roadmap_valid_and_undoable() {
    // Random keys can type a file name into "save as"; keep whatever gets written in a
    // temporary folder (this binary has this one test, so changing its folder is safe).
    let dir = tempfile::tempdir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (roadmap(), storm_events());
    let result = runner.run(&strategy, |(roadmap, events)| {
        storm(roadmap, events, dir.path())
    });
    if let Err(err) = result {
        panic!("{err}");
    }
    let (edits, changed) = (
        EDITS.load(Ordering::Relaxed),
        CHANGED.load(Ordering::Relaxed),
    );
    eprintln!(
        "{} storms: {edits} edits undone, {changed} roadmaps changed",
        cases()
    );
    assert!(edits >= 5 * cases() as usize, "only {edits} edits");
    assert!(
        changed * 2 >= cases() as usize,
        "only {changed} roadmaps changed"
    );
}
