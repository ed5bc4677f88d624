//! The App driven by key events, without a terminal: navigation, editing, undo/redo, saving,
//! quitting, search and filter. Expected values are worked out by hand from the sample roadmap.

mod common;

use common::tui::{key as press, key_with as press_with, open_app, screen, top_popup, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use peta::model::{Date, Kind, Roadmap};
use peta::store;
use peta::tui::app::App;
use peta::tui::document::{Document, SAMPLE};
use peta::tui::state::View;
use peta::tui::theme::Theme;
use std::path::Path;

fn today() -> Date {
    Date::from_ymd_opt(2026, 12, 1).unwrap()
}

fn date(text: &str) -> Option<Date> {
    peta::model::parse_date(text)
}

fn sample_app() -> App {
    App::new(Document::sample(today()).unwrap(), Theme::default_theme())
}

/// The sample written to a temporary folder and opened from there.
fn file_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, SAMPLE).unwrap();
    (dir, open_app(&path, today()))
}

fn selected_id(app: &App) -> String {
    let index = app.selected.expect("a selection");
    app.doc.roadmap.items[index].id.clone()
}

fn select_id(app: &mut App, id: &str) {
    let index = app.doc.roadmap.index_of(id).unwrap();
    app.select(index);
}

#[test]
fn navigation_follows_the_display_order_of_each_view() {
    let mut app = sample_app();
    // Timeline: infra lane first, sorted by forecast start; ties in file order.
    assert_eq!(selected_id(&app), "pdn-phase-1");
    press(&mut app, KeyCode::Down);
    assert_eq!(selected_id(&app), "pdns-continuity");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(selected_id(&app), "jip-backbone");
    press(&mut app, KeyCode::Up);
    assert_eq!(selected_id(&app), "pdns-continuity");
    press(&mut app, KeyCode::Home);
    assert_eq!(selected_id(&app), "pdn-phase-1");
    press(&mut app, KeyCode::Up);
    assert_eq!(selected_id(&app), "pdn-phase-1", "stays at the top");

    press(&mut app, KeyCode::Char('2'));
    assert_eq!(app.view, View::Table);
    press(&mut app, KeyCode::End);
    let last = app.doc.roadmap.items.last().unwrap().id.clone();
    assert_eq!(selected_id(&app), last, "table starts in file order");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.view, View::Funding);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.view, View::Timeline);
}

#[test]
fn add_and_duplicate_select_the_new_item() {
    let mut app = sample_app();
    select_id(&mut app, "jip-backbone");
    let before = app.doc.roadmap.items.len();
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.doc.roadmap.items.len(), before + 1);
    let new = &app.doc.roadmap.items[app.selected.unwrap()];
    assert_eq!(new.id, "new-item");
    assert_eq!(new.sector, "infra");
    assert_eq!(
        new.start,
        date("2025-03-03"),
        "starts at the selected item's start"
    );
    assert!(app.doc.is_dirty());

    select_id(&mut app, "dtsen");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(selected_id(&app), "dtsen-copy");
    assert_eq!(app.doc.roadmap.items.len(), before + 2);
}

#[test]
fn delete_asks_first_and_names_the_dependents() {
    let mut app = sample_app();
    select_id(&mut app, "pdn-phase-1");
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(top_popup(&app), Some("confirm"));
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("2 item(s) depend on it"), "{text}");
    assert!(text.contains("ms-pdn-1-golive, pdn-phase-2"), "{text}");

    press(&mut app, KeyCode::Char('n'));
    assert!(app.popups.is_empty());
    assert!(app.doc.roadmap.index_of("pdn-phase-1").is_some(), "kept");

    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.doc.roadmap.index_of("pdn-phase-1").is_none());
    let golive = app.doc.roadmap.index_of("ms-pdn-1-golive").unwrap();
    assert!(app.doc.roadmap.items[golive].depends_on.is_empty());
    // The next row of the timeline is selected.
    assert_eq!(selected_id(&app), "pdns-continuity");

    press(&mut app, KeyCode::Char('u'));
    let golive = app.doc.roadmap.index_of("ms-pdn-1-golive").unwrap();
    assert_eq!(
        app.doc.roadmap.items[golive].depends_on[0].id,
        "pdn-phase-1"
    );
}

#[test]
fn shift_and_resize_by_one_zoom_unit() {
    let mut app = sample_app();
    select_id(&mut app, "pdn-phase-1"); // 2025-01-02 .. 2025-12-31, quarter zoom
    press_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    let item = &app.doc.roadmap.items[app.selected.unwrap()];
    // 2025-01-02 + 3 months = 2025-04-02, 90 days; the end moves the same 90 days.
    assert_eq!(
        (item.start, item.end),
        (date("2025-04-02"), date("2026-03-31"))
    );

    press_with(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    let item = &app.doc.roadmap.items[app.selected.unwrap()];
    assert_eq!(
        (item.start, item.end),
        (date("2025-04-02"), date("2026-06-30"))
    );

    press(&mut app, KeyCode::Char('-')); // year zoom
    press_with(&mut app, KeyCode::Left, KeyModifiers::SHIFT);
    let item = &app.doc.roadmap.items[app.selected.unwrap()];
    // One calendar year before 2025-04-02 is 365 days back (no 29 February in between),
    // so the end 2026-06-30 moves to 2025-06-30.
    assert_eq!(
        (item.start, item.end),
        (date("2024-04-02"), date("2025-06-30"))
    );

    press_with(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    let item = &app.doc.roadmap.items[app.selected.unwrap()];
    assert_eq!(item.end, date("2024-06-30"));
    // Shortening past the start stops at the start.
    press_with(&mut app, KeyCode::Left, KeyModifiers::CONTROL);
    let item = &app.doc.roadmap.items[app.selected.unwrap()];
    assert_eq!(item.end, date("2024-04-02"));
}

#[test]
fn every_edit_reschedules_at_once() {
    let mut app = sample_app();
    let finish = app.doc.schedule.finish;
    assert_eq!(finish, date("2029-12-14"));
    // dts-2027-2029 is on the critical path and ends on the forecast finish.
    select_id(&mut app, "dts-2027-2029");
    press_with(&mut app, KeyCode::Right, KeyModifiers::CONTROL);
    assert_eq!(app.doc.schedule.finish, date("2030-03-14"));
    assert!(app.doc.schedule.slip_days > 0);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.doc.schedule.finish, finish);
}

#[test]
fn undo_and_redo_any_number_of_steps() {
    let mut app = sample_app();
    let original: Roadmap = app.doc.roadmap.clone();
    select_id(&mut app, "srikandi");
    for _ in 0..5 {
        press_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    }
    press(&mut app, KeyCode::Char('y'));
    let changed = app.doc.roadmap.clone();
    assert_ne!(changed, original);
    for _ in 0..6 {
        press(&mut app, KeyCode::Char('u'));
    }
    assert_eq!(app.doc.roadmap, original);
    assert!(!app.doc.is_dirty());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.message.as_ref().unwrap().text, "nothing to undo");
    for _ in 0..6 {
        press_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    }
    assert_eq!(app.doc.roadmap, changed);
    press_with(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(app.message.as_ref().unwrap().text, "nothing to redo");
}

#[test]
fn save_writes_the_canonical_file_and_clears_the_marker() {
    let (dir, mut app) = file_app();
    let path = dir.path().join("plan.json");
    select_id(&mut app, "srikandi");
    press_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    assert!(app.doc.is_dirty());
    assert!(screen(&mut app, 120, 30).contains("plan.json [+]"));
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(!app.doc.is_dirty());
    assert!(!screen(&mut app, 120, 30).contains("[+]"));

    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, store::to_canonical_string(&app.doc.roadmap));
    let reloaded = store::load(&path).unwrap().roadmap;
    let item = &reloaded.items[reloaded.index_of("srikandi").unwrap()];
    assert_eq!(
        item.start,
        date("2025-10-01"),
        "moved one quarter from 2025-07-01"
    );
}

#[test]
fn save_refuses_a_file_changed_on_disk_until_told_to_overwrite() {
    let (dir, mut app) = file_app();
    let path = dir.path().join("plan.json");
    press(&mut app, KeyCode::Char('y'));
    std::fs::write(&path, "{\"someone\": \"else\"}").unwrap();
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(top_popup(&app), Some("confirm"));
    assert!(screen(&mut app, 120, 30).contains("changed by someone else"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"someone\": \"else\"}"
    );
    assert!(app.doc.is_dirty());

    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Char('o'));
    assert!(!app.doc.is_dirty());
    assert_eq!(store::load(&path).unwrap().roadmap, app.doc.roadmap);
}

#[test]
fn the_sample_asks_where_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine.json");
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('y'));
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(top_popup(&app), Some("prompt"));
    assert!(screen(&mut app, 100, 30).contains("./roadmap.json"));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, &target.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(app.popups.is_empty());
    assert_eq!(app.doc.path.as_deref(), Some(target.as_path()));
    assert!(!app.doc.is_dirty());
    assert_eq!(store::load(&target).unwrap().roadmap, app.doc.roadmap);

    // Saving the sample over an existing file asks first.
    let mut other = sample_app();
    other.update(peta::tui::action::Action::Save(
        peta::tui::action::SaveRequest {
            path: Some(target.clone()),
            ..Default::default()
        },
    ));
    assert_eq!(top_popup(&other), Some("confirm"));
    assert!(screen(&mut other, 100, 30).contains("exists"));
}

#[test]
fn quit_asks_only_with_unsaved_changes() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);

    let mut app = sample_app();
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit);
    assert_eq!(top_popup(&app), Some("confirm"));
    assert!(screen(&mut app, 100, 30).contains("unsaved changes"));
    press(&mut app, KeyCode::Esc);
    assert!(!app.quit && app.popups.is_empty());
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('d'));
    assert!(app.quit);
}

#[test]
fn save_and_quit_from_the_question() {
    let (dir, mut app) = file_app();
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    assert!(app.quit);
    let saved = store::load(&dir.path().join("plan.json")).unwrap().roadmap;
    assert_eq!(saved, app.doc.roadmap);
}

#[test]
fn search_jumps_and_n_finds_the_next_match() {
    let mut app = sample_app();
    select_id(&mut app, "dtsen");
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "PDP");
    press(&mut app, KeyCode::Enter);
    // After dtsen in the data lane: pdp-compliance (title "Personal data protection...").
    assert_eq!(selected_id(&app), "pdp-compliance");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        selected_id(&app),
        "pp-pdp",
        "the regulation lane comes later"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(selected_id(&app), "pdp-compliance", "wraps around");

    press(&mut app, KeyCode::Char('/'));
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    typed(&mut app, "no such thing");
    press(&mut app, KeyCode::Enter);
    assert!(app.message.as_ref().unwrap().error);
    assert_eq!(selected_id(&app), "pdp-compliance");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.search, None);
}

#[test]
fn filter_and_critical_only_limit_the_rows_until_esc() {
    let mut app = sample_app();
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(top_popup(&app), Some("chooser"));
    // Entries: everything, 8 sectors, then kinds initiative, milestone, regulation.
    for _ in 0..11 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.kind, Some(Kind::Regulation));
    let items: Vec<usize> = app.rows().iter().filter_map(|r| r.item()).collect();
    assert_eq!(items.len(), 11);
    assert!(items
        .iter()
        .all(|&i| app.doc.roadmap.items[i].kind == Some(Kind::Regulation)));
    assert_eq!(
        app.doc.roadmap.items[app.selected.unwrap()].kind,
        Some(Kind::Regulation),
        "the selection moves into the filtered rows"
    );

    press(&mut app, KeyCode::Char('c'));
    let critical: Vec<usize> = app.rows().iter().filter_map(|r| r.item()).collect();
    assert!(!critical.is_empty() && critical.len() < 11);
    assert!(critical.iter().all(|&i| app.doc.schedule.items[i].critical));

    press(&mut app, KeyCode::Esc);
    let all = app.rows().iter().filter_map(|r| r.item()).count();
    assert_eq!(all, app.doc.roadmap.items.len());
}

#[test]
fn tiny_terminals_show_a_message_and_never_panic() {
    let mut app = sample_app();
    let text = screen(&mut app, 60, 20);
    assert!(text.contains("Terminal too small: 60x20"), "{text}");
    for (w, h) in [(1, 1), (0, 0), (2, 1), (79, 24), (80, 23), (20, 5)] {
        screen(&mut app, w, h);
    }
    // Popups too.
    press(&mut app, KeyCode::Char('?'));
    for (w, h) in [(1, 1), (80, 24), (5, 3)] {
        screen(&mut app, w, h);
    }
    assert!(screen(&mut app, 80, 24).contains("Keys: Timeline"));
}

#[test]
fn clicks_select_rows_and_switch_views() {
    let mut app = sample_app();
    let text = screen(&mut app, 160, 48);
    let lines: Vec<&str> = text.lines().collect();
    let row = lines
        .iter()
        .position(|l| l.contains("Government intranet (JIP)"))
        .unwrap();
    app.handle_mouse(mouse(
        crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        50,
        row as u16,
    ));
    assert_eq!(selected_id(&app), "jip-backbone");
    app.handle_mouse(mouse(
        crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        16,
        0,
    ));
    assert_eq!(app.view, View::Table);
}

fn mouse(
    kind: crossterm::event::MouseEventKind,
    column: u16,
    row: u16,
) -> crossterm::event::MouseEvent {
    crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

#[test]
fn a_file_that_does_not_parse_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{ \"format\": ").unwrap();
    let err = peta::tui::open_document(Some(Path::new(&path)), today())
        .err()
        .unwrap();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:1:", path.display())),
        "{message}"
    );
    assert!(message.contains("invalid JSON"), "{message}");
}
