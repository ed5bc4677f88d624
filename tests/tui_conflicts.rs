//! Settling the conflicts `peta merge` recorded, in the TUI: a real merged file made by the
//! `peta merge` binary, opened in `App` and driven by keys (`C`, then `o`, `t`, `e`, `u`).

mod common;

use common::tui::{ctrl, key, open_app, top_popup, trimmed_screen as screen, typed};
use common::{item_json as item, merge_files, roadmap_json, three_sides};
use crossterm::event::KeyCode;
use peta::merge::resolve::{self, Nature};
use peta::model::Date;
use peta::tui::app::App;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

/// a; b after a; c; d; e. OURS moves b's end to 03-10, retitles c, deletes d and makes e
/// depend on c; THEIRS moves b's end to 03-20, retitles c, changes d's progress and makes c
/// depend on e: four conflicts (end, title, deleted/changed, the cycle c -> e -> c).
fn merged(dir: &Path) -> PathBuf {
    let sides = three_sides(
        roadmap_json(json!([
            item("a", "2025-01-01", "2025-01-31", &[]),
            item("b", "2025-02-01", "2025-02-28", &["a"]),
            item("c", "2025-03-01", "2025-03-31", &[]),
            item("d", "2025-04-01", "2025-04-30", &[]),
            item("e", "2025-05-01", "2025-05-31", &[]),
        ])),
        |o| {
            o["items"][1]["end"] = json!("2025-03-10");
            o["items"][2]["title"] = json!("C ours");
            o["items"][4]["depends_on"] = json!(["c"]);
            o["items"].as_array_mut().unwrap().remove(3);
        },
        |t| {
            t["items"][1]["end"] = json!("2025-03-20");
            t["items"][2]["title"] = json!("C theirs");
            t["items"][2]["depends_on"] = json!(["e"]);
            t["items"][3]["progress"] = json!(40);
        },
    );
    let (output, out) = merge_files(dir, &sides, "plan.roadmap.json");
    assert_eq!(output.status.code(), Some(1), "the merge has conflicts");
    out
}

fn open(path: &Path) -> App {
    open_app(path, date(2025, 1, 1))
}

fn char(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn conflicts(app: &App) -> Vec<String> {
    resolve::recorded(&app.doc.roadmap)
        .iter()
        .map(|c| format!("{} {}", c.subject_text(), c.field))
        .collect()
}

fn item_of<'a>(app: &'a App, id: &str) -> &'a peta::model::Item {
    &app.doc.roadmap.items[app.doc.roadmap.index_of(id).unwrap()]
}

/// Opens the conflicts popup and moves to the `n`th conflict.
fn choose(app: &mut App, n: usize) {
    if top_popup(app) != Some("conflicts") {
        char(app, 'C');
    }
    assert_eq!(top_popup(app), Some("conflicts"));
    key(app, KeyCode::Home);
    for _ in 0..n {
        key(app, KeyCode::Down);
    }
}

#[test]
fn the_conflicts_are_counted_listed_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&merged(dir.path()));
    assert_eq!(
        conflicts(&app),
        [
            "item \"b\" end",
            "item \"c\" title",
            "item \"d\" ",
            "item \"c\" depends_on"
        ]
    );
    let natures: Vec<Nature> = resolve::recorded(&app.doc.roadmap)
        .iter()
        .map(|c| c.nature)
        .collect();
    assert_eq!(
        natures,
        [
            Nature::Changed,
            Nature::Changed,
            Nature::Deleted,
            Nature::Cycle
        ]
    );
    let text = screen(&mut app, 140, 40);
    assert!(text.contains("│ 4 merge conflicts (C) │"), "{text}");
    char(&mut app, '4');
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("4 merge conflicts from `peta merge` to settle: press C"),
        "{text}"
    );
    // The help overlay names the key.
    char(&mut app, '?');
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("merge conflicts: settle each one (ours, theirs or edit)"),
        "{text}"
    );
    key(&mut app, KeyCode::Esc);
    choose(&mut app, 0);
    let text = screen(&mut app, 140, 40);
    assert!(text.contains("Merge conflicts: 4 of 4 left"), "{text}");
    assert!(
        text.contains(r#"▶ item "b"  end  ours "2025-03-10"  theirs "2025-03-20""#),
        "{text}"
    );
    assert!(
        text.contains("Both branches changed end of item \"b\"; the file keeps ours."),
        "{text}"
    );
    key(&mut app, KeyCode::End);
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("Reason: the merge closes a dependency cycle: c -> e -> c"),
        "{text}"
    );
}

#[test]
fn theirs_is_applied_through_the_edit_path_rescheduled_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&merged(dir.path()));
    let before = app.doc.roadmap.clone();
    let b = app.doc.roadmap.index_of("b").unwrap();
    assert_eq!(app.doc.schedule.items[b].early_finish, date(2025, 3, 10));
    choose(&mut app, 0);
    char(&mut app, 't');
    assert_eq!(item_of(&app, "b").end, Some(date(2025, 3, 20)));
    assert_eq!(app.doc.schedule.items[b].early_finish, date(2025, 3, 20));
    assert_eq!(conflicts(&app).len(), 3);
    assert!(app.doc.is_dirty());
    // `u` in the popup undoes the value and brings the record back where it was.
    char(&mut app, 'u');
    assert_eq!(app.doc.roadmap, before);
    assert_eq!(app.doc.schedule.items[b].early_finish, date(2025, 3, 10));
    assert!(!app.doc.is_dirty());
    // Ours keeps the file's value and only removes the record.
    choose(&mut app, 1);
    char(&mut app, 'o');
    assert_eq!(item_of(&app, "c").title, "C ours");
    assert_eq!(
        conflicts(&app),
        ["item \"b\" end", "item \"d\" ", "item \"c\" depends_on"]
    );
    key(&mut app, KeyCode::Esc);
    char(&mut app, 'u');
    assert_eq!(app.doc.roadmap, before);
}

#[test]
fn a_deleted_item_is_kept_deleted_or_brought_back_in_theirs_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&merged(dir.path()));
    assert_eq!(app.doc.roadmap.index_of("d"), None);
    choose(&mut app, 2);
    // There is no item to edit: say what to do instead.
    char(&mut app, 'e');
    assert_eq!(top_popup(&app), Some("conflicts"));
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("item \"d\" is not in the file: t brings back theirs' version"),
        "{text}"
    );
    char(&mut app, 't');
    assert_eq!(item_of(&app, "d").progress, 40);
    assert_eq!(conflicts(&app).len(), 3);
    char(&mut app, 'u');
    assert_eq!(app.doc.roadmap.index_of("d"), None);
    choose(&mut app, 2);
    char(&mut app, 'o');
    assert_eq!(app.doc.roadmap.index_of("d"), None);
    assert_eq!(conflicts(&app).len(), 3);
}

#[test]
fn a_cycle_is_settled_by_editing_a_link_away_in_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&merged(dir.path()));
    choose(&mut app, 3);
    char(&mut app, 'o');
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("a dependency cycle has no side to pick: press e to edit item \"c\""),
        "{text}"
    );
    assert_eq!(conflicts(&app).len(), 4);
    char(&mut app, 'e');
    assert_eq!(top_popup(&app), Some("form"));
    assert_eq!(app.selected, app.doc.roadmap.index_of("c"));
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("Edit c · saving settles the merge conflict on depends_on"),
        "{text}"
    );
    // Saving with the cycle still there is refused and settles nothing.
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"));
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("the item is still on a dependency cycle"),
        "{text}"
    );
    assert_eq!(conflicts(&app).len(), 4);
    // The first dependency line (c's link to e): title, id, sector, kind, start, end,
    // progress, owner, cost, notes, then the link.
    for _ in 0..10 {
        key(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'd');
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::BackTab);
    // Back on a text field: Enter saves.
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("conflicts"));
    assert!(item_of(&app, "c").depends_on.is_empty());
    assert!(!app.doc.schedule.has_cycle);
    assert_eq!(conflicts(&app).len(), 3);
    // One undo brings back the link and the conflict.
    char(&mut app, 'u');
    assert_eq!(item_of(&app, "c").depends_on.len(), 1);
    assert_eq!(conflicts(&app).len(), 4);
}

#[test]
fn editing_settles_a_changed_field_when_the_form_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&merged(dir.path()));
    choose(&mut app, 0);
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("form"));
    // Esc leaves the conflict as it was.
    key(&mut app, KeyCode::Esc);
    assert_eq!(top_popup(&app), Some("conflicts"));
    assert_eq!(conflicts(&app).len(), 4);
    char(&mut app, 'e');
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    typed(&mut app, "2025-03-15");
    key(&mut app, KeyCode::Enter);
    assert_eq!(top_popup(&app), Some("conflicts"));
    assert_eq!(item_of(&app, "b").end, Some(date(2025, 3, 15)));
    assert_eq!(conflicts(&app)[0], "item \"c\" title");
}

#[test]
fn when_all_are_settled_and_saved_the_file_has_no_conflicts_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = merged(dir.path());
    let mut app = open(&path);
    choose(&mut app, 0);
    char(&mut app, 't'); // b's end: theirs
    char(&mut app, 't'); // c's title: theirs
    char(&mut app, 'o'); // d stays deleted
    char(&mut app, 'e'); // the cycle: drop c's link to e
    for _ in 0..10 {
        key(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'd');
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::Enter);
    assert!(conflicts(&app).is_empty());
    let text = screen(&mut app, 140, 40);
    assert!(text.contains("Merge conflicts: all settled"), "{text}");
    assert!(!text.contains("merge conflict (C)"), "{text}");
    ctrl(&mut app, 's');
    assert!(!app.doc.is_dirty(), "saved");
    let saved = common::read_json(&path);
    assert!(saved.get("conflicts").is_none(), "{saved}");
    assert_eq!(saved["items"][1]["end"], "2025-03-20");
    assert_eq!(saved["items"][2]["title"], "C theirs");
    assert_eq!(saved["items"][2]["depends_on"], json!([]));
    assert_eq!(common::item_ids(&saved), ["a", "b", "c", "e"]);
    common::peta()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stdout("1 file checked: no problems\n");
}

#[test]
fn a_dangling_link_is_dropped_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    // OURS links b to a; THEIRS removes a.
    let sides = three_sides(
        roadmap_json(json!([
            item("a", "2025-01-01", "2025-01-31", &[]),
            item("b", "2025-02-01", "2025-02-28", &[]),
        ])),
        |o| o["items"][1]["depends_on"] = json!(["a"]),
        |t| {
            t["items"].as_array_mut().unwrap().remove(0);
        },
    );
    let (output, path) = merge_files(dir.path(), &sides, "plan.roadmap.json");
    assert_eq!(output.status.code(), Some(1));
    let mut app = open(&path);
    assert_eq!(conflicts(&app), ["item \"b\" depends_on \"a\""]);
    let recorded = resolve::recorded(&app.doc.roadmap);
    assert_eq!(recorded[0].nature, Nature::Dangling);
    assert_eq!(recorded[0].ours, Some(Value::from("a")));
    choose(&mut app, 0);
    // Ours has the link: keeping it is refused.
    char(&mut app, 'o');
    assert_eq!(conflicts(&app).len(), 1);
    let text = screen(&mut app, 140, 40);
    assert!(
        text.contains("ours would keep a link to an item that no longer exists"),
        "{text}"
    );
    char(&mut app, 't');
    assert!(conflicts(&app).is_empty());
    assert!(item_of(&app, "b").depends_on.is_empty());
    assert!(app.doc.problems.is_empty(), "{:?}", app.doc.problems);
}
