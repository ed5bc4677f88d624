//! The item form, the dependency picker and the sector / funding-scheme manager, driven by key
//! events through `App` without a terminal, on the bundled SPBE sample as of 2026-12-01.

mod common;

use common::tui::{ctrl, key, open_app, top_popup, trimmed_screen as screen, typed};
use crossterm::event::KeyCode;
use peta::model::{Date, LinkType};
use peta::tui::app::App;
use std::path::Path;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/roadmaps/spbe-2025-2029.json");

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn app() -> App {
    open_app(Path::new(SAMPLE), date(2026, 12, 1))
}

fn tabs(app: &mut App, n: usize) {
    for _ in 0..n {
        key(app, KeyCode::Tab);
    }
}

/// Selects the item and returns its index.
fn select(app: &mut App, id: &str) -> usize {
    let index = app.doc.roadmap.index_of(id).unwrap();
    app.update(peta::tui::action::Action::Select(index));
    index
}

/// Opens the form on `id` and puts the cursor on the end date, its text cleared.
fn edit_end(app: &mut App, id: &str) -> usize {
    let index = select(app, id);
    key(app, KeyCode::Char('e'));
    assert_eq!(top_popup(app), Some("form"));
    tabs(app, 5); // title, id, sector, kind, start, end
    ctrl(app, 'u');
    index
}

#[test]
fn an_impossible_end_date_is_refused_next_to_the_field() {
    let mut app = app();
    let index = edit_end(&mut app, "services-wave-3");
    let before = app.doc.roadmap.items[index].clone();
    typed(&mut app, "2029-02-30");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"), "the form stays open");
    assert_eq!(app.doc.roadmap.items[index], before);
    assert!(!app.doc.is_dirty());
    let text = screen(&mut app, 100, 40);
    let end_row = text.lines().position(|l| l.contains("End ")).unwrap();
    let next = text.lines().nth(end_row + 1).unwrap();
    assert!(
        next.contains("✗ 2029-02-30 is not a real calendar date"),
        "{text}"
    );
    assert!(text.contains("Not saved: 1 problem"), "{text}");
    // Esc leaves the item as it was.
    key(&mut app, KeyCode::Esc);
    assert_eq!(top_popup(&app), None);
    assert_eq!(app.doc.roadmap.items[index], before);
}

#[test]
fn an_end_before_the_start_is_refused() {
    let mut app = app();
    let index = edit_end(&mut app, "services-wave-3");
    typed(&mut app, "2028-12-31");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"));
    assert_eq!(app.doc.roadmap.items[index].end, Some(date(2029, 11, 30)));
    let text = screen(&mut app, 100, 40);
    assert!(
        text.contains("✗ 2028-12-31 is before start 2029-01-01"),
        "{text}"
    );
}

#[test]
fn a_valid_end_date_reschedules_and_undo_restores() {
    let mut app = app();
    let target = app.doc.roadmap.index_of("ms-spbe-2029-target").unwrap();
    assert_eq!(app.doc.schedule.finish, Some(date(2029, 12, 14)));
    assert_eq!(app.doc.schedule.slip_days, -17);
    let index = edit_end(&mut app, "services-wave-3");
    typed(&mut app, "2029-12-20");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None, "the form closes");
    assert_eq!(app.doc.roadmap.items[index].end, Some(date(2029, 12, 20)));
    // services-wave-3 now finishes 2029-12-20; the target milestone waits FS +14 after the end
    // of that day: 2029-12-21 + 14 days = the end of 2030-01-03, three days past 2029-12-31.
    assert_eq!(
        app.doc.schedule.items[index].early_finish,
        date(2029, 12, 20)
    );
    assert_eq!(app.doc.schedule.items[target].early_start, date(2030, 1, 3));
    assert_eq!(app.doc.schedule.finish, Some(date(2030, 1, 3)));
    assert_eq!(app.doc.schedule.slip_days, 3);
    assert!(app.doc.is_dirty());
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.doc.roadmap.items[index].end, Some(date(2029, 11, 30)));
    assert_eq!(app.doc.schedule.finish, Some(date(2029, 12, 14)));
    assert!(!app.doc.is_dirty());
}

#[test]
fn a_duplicate_id_is_refused() {
    let mut app = app();
    let index = select(&mut app, "inapas");
    key(&mut app, KeyCode::Char('e'));
    tabs(&mut app, 1);
    ctrl(&mut app, 'u');
    typed(&mut app, "pdn-phase-1");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"));
    assert_eq!(app.doc.roadmap.items[index].id, "inapas");
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains("✗ \"pdn-phase-1\" is already used by item #1"),
        "{text}"
    );
}

#[test]
fn bad_numbers_are_refused_and_good_ones_applied() {
    let mut app = app();
    let index = select(&mut app, "inapas");
    key(&mut app, KeyCode::Char('e'));
    tabs(&mut app, 6); // progress
    ctrl(&mut app, 'u');
    typed(&mut app, "120");
    tabs(&mut app, 2); // cost
    ctrl(&mut app, 'u');
    typed(&mut app, "lots");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("✗ 120 is more than 100"), "{text}");
    assert!(text.contains("✗ \"lots\" is not an amount"), "{text}");
    assert!(text.contains("Not saved: 2 problems"), "{text}");
    // The focus went to the first bad field. Fix both; the cost accepts thousands separators.
    ctrl(&mut app, 'u');
    typed(&mut app, "95");
    tabs(&mut app, 2);
    ctrl(&mut app, 'u');
    typed(&mut app, "215.000.000.000");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None);
    let item = &app.doc.roadmap.items[index];
    assert_eq!((item.progress, item.cost), (95, Some(215_000_000_000)));
}

#[test]
fn the_sector_and_kind_are_chosen_not_typed() {
    let mut app = app();
    let index = select(&mut app, "inapas");
    key(&mut app, KeyCode::Char('e'));
    tabs(&mut app, 2);
    // Sectors in order: infra, data, services, gov-admin, ...; inapas is in services.
    key(&mut app, KeyCode::Right);
    tabs(&mut app, 1);
    key(&mut app, KeyCode::Char('m')); // kind: milestone
    key(&mut app, KeyCode::Enter);
    // A milestone is one day: the end follows the start unless it was typed.
    assert_eq!(top_popup(&app), None);
    let item = &app.doc.roadmap.items[index];
    assert_eq!(item.sector, "gov-admin");
    assert_eq!(item.kind, Some(peta::model::Kind::Milestone));
    assert_eq!(item.end, item.start);
}

#[test]
fn a_dependency_is_added_by_typing_part_of_a_title() {
    let mut app = app();
    let index = select(&mut app, "pdp-compliance");
    key(&mut app, KeyCode::Char('L'));
    assert_eq!(top_popup(&app), Some("dependencies"));
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "satu data portal");
    let text = screen(&mut app, 100, 30);
    let first = text.lines().find(|l| l.contains("│▶ ")).unwrap();
    assert!(first.contains("sdi-portal-v2"), "{text}");
    // Type SS with a lead of 30 days.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    typed(&mut app, "-30");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("dependencies"), "stays open for more");
    let deps = &app.doc.roadmap.items[index].depends_on;
    assert_eq!(deps.len(), 2);
    assert_eq!(
        (deps[1].id.as_str(), deps[1].link, deps[1].lag_days),
        ("sdi-portal-v2", LinkType::SS, -30)
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.doc.roadmap.items[index].depends_on.len(), 1);
}

#[test]
fn a_dependency_that_closes_a_cycle_is_refused_with_the_cycle() {
    let mut app = app();
    let index = select(&mut app, "priority-services-wave-2");
    let before = app.doc.roadmap.items[index].clone();
    key(&mut app, KeyCode::Char('L'));
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "ms-spbe-2029");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.roadmap.items[index], before);
    let text = screen(&mut app, 160, 40);
    assert!(
        text.contains(
            "priority-services-wave-2 -> services-wave-3 -> ms-spbe-2029-target -> priority-services-wave-2"
        ),
        "{text}"
    );
    assert!(text.contains("refused: that link would create a dependency cycle"));
}

#[test]
fn the_form_adds_and_removes_dependencies_in_its_draft() {
    let mut app = app();
    let index = select(&mut app, "pdp-compliance");
    key(&mut app, KeyCode::Char('e'));
    // Ten fields, then the one dependency (type, lag), then "add a dependency".
    tabs(&mut app, 12);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "dtsen");
    key(&mut app, KeyCode::Enter);
    // Nothing is applied before the form is saved.
    assert_eq!(app.doc.roadmap.items[index].depends_on.len(), 1);
    // The new row has the focus; remove the first one (pp-pdp) instead.
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'd');
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None);
    let ids: Vec<&str> = app.doc.roadmap.items[index]
        .depends_on
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["dtsen"]);
    // One edit: one undo restores the old list.
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.doc.roadmap.items[index].depends_on[0].id, "pp-pdp");
}

#[test]
fn the_form_refuses_a_cycle_from_its_picker() {
    let mut app = app();
    let index = select(&mut app, "priority-services-wave-2");
    key(&mut app, KeyCode::Char('e'));
    tabs(&mut app, 10 + 2 * 4);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "services-wave-3");
    key(&mut app, KeyCode::Enter);
    let text = screen(&mut app, 160, 40);
    assert!(
        text.contains("priority-services-wave-2 -> services-wave-3 -> priority-services-wave-2"),
        "{text}"
    );
    key(&mut app, KeyCode::Esc); // back to the form
    assert_eq!(top_popup(&app), Some("form"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.doc.roadmap.items[index].depends_on.len(), 4);
    assert!(!app.doc.is_dirty());
}

#[test]
fn a_dependency_is_removed_and_its_type_cycled() {
    let mut app = app();
    let index = select(&mut app, "data-interoperability-bus");
    key(&mut app, KeyCode::Char('L'));
    // perpres-arsitektur-spbe FS, ms-pdn-1-golive FS +30, permen-interoperability FF +60
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('t'));
    assert_eq!(
        app.doc.roadmap.items[index].depends_on[1].link,
        LinkType::SS
    );
    key(&mut app, KeyCode::Char('d'));
    let ids: Vec<&str> = app.doc.roadmap.items[index]
        .depends_on
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["perpres-arsitektur-spbe", "permen-interoperability"]);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('u'));
    let dep = &app.doc.roadmap.items[index].depends_on[1];
    assert_eq!(
        (dep.id.as_str(), dep.link),
        ("ms-pdn-1-golive", LinkType::FS)
    );
    assert!(!app.doc.is_dirty());
}

#[test]
fn sectors_are_added_renamed_and_removed() {
    let mut app = app();
    key(&mut app, KeyCode::Char('m'));
    assert_eq!(top_popup(&app), Some("catalogs"));
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "space");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Space programme");
    key(&mut app, KeyCode::Enter);
    let sectors = &app.doc.roadmap.sectors;
    assert_eq!(sectors.len(), 9);
    assert_eq!(
        (sectors[8].id.as_str(), sectors[8].name.as_str()),
        ("space", "Space programme")
    );
    // The new sector is selected: rename its id.
    key(&mut app, KeyCode::Char('r'));
    ctrl(&mut app, 'u');
    typed(&mut app, "orbit");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.roadmap.sectors[8].id, "orbit");
    // A duplicate id is refused.
    key(&mut app, KeyCode::Char('r'));
    ctrl(&mut app, 'u');
    typed(&mut app, "health");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&mut app, 100, 40).contains("another sector already has the id \"health\""));
    key(&mut app, KeyCode::Esc);
    // Unused: removed.
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.doc.roadmap.sectors.len(), 8);
    // health (index 6) is used by five items: renaming carries them along, removing is refused.
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char('r'));
    ctrl(&mut app, 'u');
    typed(&mut app, "kesehatan");
    key(&mut app, KeyCode::Enter);
    let moved = app
        .doc
        .roadmap
        .items
        .iter()
        .filter(|i| i.sector == "kesehatan")
        .count();
    assert_eq!(moved, 5);
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.doc.roadmap.sectors.len(), 8);
    let text = screen(&mut app, 120, 40);
    assert!(
        text.contains(
            "refused: sector \"kesehatan\" is still used by 5 items: satusehat-platform-2,"
        ),
        "{text}"
    );
    assert!(text.contains("ms-satusehat-all-facilities, health-analytics"));
    // Each change was its own edit: four undos go back to the file's sectors.
    key(&mut app, KeyCode::Esc);
    for _ in 0..4 {
        key(&mut app, KeyCode::Char('u'));
    }
    assert!(!app.doc.is_dirty());
    assert_eq!(app.doc.roadmap.sectors[6].id, "health");
}

#[test]
fn a_funding_scheme_in_use_cannot_be_removed() {
    let mut app = app();
    key(&mut app, KeyCode::Char('m'));
    key(&mut app, KeyCode::Tab);
    // grant, the last scheme
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(app.doc.roadmap.funding_schemes.len(), 5);
    let text = screen(&mut app, 160, 40);
    assert!(
        text.contains("refused: funding scheme \"grant\" is still used by 5 items:"),
        "{text}"
    );
}

#[test]
fn untouched_invalid_values_do_not_block_other_fields() {
    // Item "a" has an impossible start ("2025-02-30"), kind "epic" and progress 150, all
    // kept from the file. Changing only its title is allowed; the kept values stay.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/several-problems.json"
    );
    let mut app = open_app(Path::new(path), date(2026, 12, 1));
    let index = select(&mut app, "a");
    key(&mut app, KeyCode::Char('e'));
    let text = screen(&mut app, 100, 40);
    assert!(line_with(&text, "Start ").contains("2025-02-30"), "{text}");
    assert!(line_with(&text, "Progress").contains("150"), "{text}");
    assert!(
        line_with(&text, "Kind").contains("◀ \"epic\" (invalid) ▶"),
        "{text}"
    );
    typed(&mut app, " (renamed)");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None, "{}", screen(&mut app, 100, 40));
    let item = &app.doc.roadmap.items[index];
    assert!(item.title.ends_with(" (renamed)"));
    assert_eq!(
        item.invalid.get("start").and_then(|v| v.as_str()),
        Some("2025-02-30")
    );
    // Touching the bad start makes the form check it.
    key(&mut app, KeyCode::Char('e'));
    tabs(&mut app, 4);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    typed(&mut app, "28");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None, "{}", screen(&mut app, 100, 40));
    let item = &app.doc.roadmap.items[index];
    assert_eq!(item.start, Some(date(2025, 2, 28)));
    assert!(!item.invalid.contains_key("start"));
}

/// Opens the form on `jip-backbone` (one talent line, "Network engineer" x 25, no year) and
/// puts the cursor on that line's year: Shift-Tab from the title wraps to "+ add a talent
/// line", then back to the year, the last field of the last talent row.
fn edit_talent_year(app: &mut App) -> usize {
    let index = select(app, "jip-backbone");
    assert_eq!(app.doc.roadmap.items[index].talent.len(), 1);
    assert_eq!(app.doc.roadmap.items[index].talent[0].year, None);
    key(app, KeyCode::Char('e'));
    assert_eq!(top_popup(app), Some("form"));
    key(app, KeyCode::BackTab);
    key(app, KeyCode::BackTab);
    index
}

#[test]
fn a_talent_line_gets_a_year_and_undo_removes_it() {
    let mut app = app();
    let index = edit_talent_year(&mut app);
    let text = screen(&mut app, 120, 60);
    assert!(
        line_with(&text, "Network engineer").contains("count 25"),
        "{text}"
    );
    typed(&mut app, "2027");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None, "{}", screen(&mut app, 120, 60));
    let need = &app.doc.roadmap.items[index].talent[0];
    assert_eq!(
        (need.role.as_str(), need.count, need.year),
        ("Network engineer", 25, Some(2027))
    );
    // The form shows the saved year; clearing it makes the need last every active year.
    key(&mut app, KeyCode::Char('e'));
    let text = screen(&mut app, 120, 60);
    assert!(
        line_with(&text, "Network engineer").contains("year 2027"),
        "{text}"
    );
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'u');
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), None);
    assert_eq!(app.doc.roadmap.items[index].talent[0].year, None);
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.doc.roadmap.items[index].talent[0].year, Some(2027));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.doc.roadmap.items[index].talent[0].year, None);
    assert!(!app.doc.is_dirty());
}

#[test]
fn a_talent_year_out_of_range_is_refused_next_to_the_field() {
    let mut app = app();
    let index = edit_talent_year(&mut app);
    let before = app.doc.roadmap.items[index].clone();
    typed(&mut app, "27");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"), "the form stays open");
    assert_eq!(app.doc.roadmap.items[index], before);
    assert!(!app.doc.is_dirty());
    let text = screen(&mut app, 120, 60);
    let row = text
        .lines()
        .position(|l| l.contains("Network engineer"))
        .unwrap();
    let next = text.lines().nth(row + 1).unwrap();
    assert!(next.contains("✗ 27 is less than 1900"), "{text}");
    assert!(text.contains("Not saved: 1 problem"), "{text}");
    ctrl(&mut app, 'u');
    typed(&mut app, "soon");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"));
    assert_eq!(app.doc.roadmap.items[index], before);
    let text = screen(&mut app, 120, 60);
    assert!(text.contains("✗ \"soon\" is not a whole number"), "{text}");
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not on screen:\n{screen}"))
}
