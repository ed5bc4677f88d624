//! Edits, their inverses, the builders' checks and undo/redo history.

use peta::model::*;
use proptest::prelude::*;
use std::path::Path;

const SAMPLE: &str = r#"{
  "format": "peta-roadmap/1",
  "title": "Test roadmap",
  "start": "2025-01-01",
  "end": "2026-12-31",
  "currency": "IDR",
  "sectors": [
    {"id": "infra", "name": "Infrastructure"},
    {"id": "data", "name": "Data"},
    {"id": "empty", "name": "Nobody uses this"}
  ],
  "funding_schemes": [
    {"id": "apbn", "name": "State budget"},
    {"id": "loan", "name": "Loan"},
    {"id": "grant", "name": "Grant"}
  ],
  "items": [
    {"id": "a", "title": "A", "kind": "initiative", "sector": "infra",
     "start": "2025-01-01", "end": "2025-03-31",
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 100, "status": "committed"},
                 {"scheme": "loan", "year": 2026, "amount": 50}]},
    {"id": "b", "title": "B", "kind": "initiative", "sector": "infra",
     "start": "2025-04-01", "end": "2025-06-30", "depends_on": ["a"]},
    {"id": "c", "title": "C", "kind": "milestone", "sector": "data",
     "start": "2025-07-01", "end": "2025-07-01",
     "depends_on": [{"id": "b", "type": "FS", "lag_days": 2}]},
    {"id": "d", "title": "D", "kind": "initiative", "sector": "data",
     "start": "2025-02-01", "end": "2025-02-28", "depends_on": ["a"],
     "progress": "half", "funding": [{"scheme": "loan", "year": 2025, "amount": 7}]}
  ]
}"#;

fn sample() -> Roadmap {
    peta::store::parse(Path::new("sample.json"), SAMPLE.as_bytes()).unwrap()
}

fn date(text: &str) -> Date {
    parse_date(text).unwrap()
}

fn ids(roadmap: &Roadmap) -> Vec<&str> {
    roadmap.items.iter().map(|i| i.id.as_str()).collect()
}

fn dep_ids(item: &Item) -> Vec<&str> {
    item.depends_on.iter().map(|d| d.id.as_str()).collect()
}

/// Applies the edit, checks the inverse restores the original exactly and that the inverse's
/// own inverse redoes the change. Returns the changed roadmap.
fn apply_and_undo(original: &Roadmap, edit: Edit) -> Roadmap {
    let mut roadmap = original.clone();
    let inverse = roadmap.apply(edit);
    let changed = roadmap.clone();
    assert_ne!(&changed, original, "the edit should change something");
    let redo = roadmap.apply(inverse);
    assert_eq!(
        &roadmap, original,
        "the inverse should restore the original"
    );
    roadmap.apply(redo);
    assert_eq!(
        roadmap, changed,
        "redo should give the changed roadmap again"
    );
    changed
}

#[test]
fn raw_edits_out_of_range_change_nothing() {
    let original = sample();
    let mut roadmap = original.clone();
    let inverse = roadmap.apply(Edit::RemoveItem { index: 99 });
    assert!(inverse.is_empty());
    let inverse = roadmap.apply(Edit::SetItem {
        index: 4,
        item: Item::default(),
    });
    assert!(inverse.is_empty());
    assert_eq!(roadmap, original);
    // Inserting past the end appends, and the inverse removes the right one.
    let inverse = roadmap.apply(Edit::InsertItem {
        index: 50,
        item: Item::default(),
    });
    assert_eq!(inverse, Edit::RemoveItem { index: 4 });
}

#[test]
fn set_title_drops_and_undo_restores_an_invalid_title() {
    let original =
        peta::store::parse(Path::new("x.json"), br#"{"title": 42, "sectors": []}"#).unwrap();
    assert!(original.invalid.contains_key("title"));
    let changed = apply_and_undo(&original, Edit::SetTitle("Real title".into()));
    assert_eq!(changed.title, "Real title");
    assert!(!changed.invalid.contains_key("title"));
    let text = peta::store::to_canonical_string(&changed);
    assert!(text.contains("\"title\": \"Real title\""), "{text}");
}

#[test]
fn new_item_gets_fresh_ids_after_its_sector() {
    let original = sample();
    let (edit, index) = new_item(&original, "infra", date("2025-05-01"));
    assert_eq!(index, 2, "after b, the last infrastructure item");
    let changed = apply_and_undo(&original, edit);
    let item = &changed.items[2];
    assert_eq!(item.id, "new-item");
    assert_eq!(item.title, "New item");
    assert_eq!(item.kind, Some(Kind::Initiative));
    assert_eq!(item.sector, "infra");
    assert_eq!(item.start, Some(date("2025-05-01")));
    assert_eq!(
        item.end,
        Some(date("2025-05-30")),
        "30 days, both ends counted"
    );

    let (edit, index) = new_item(&changed, "nowhere", date("2026-12-20"));
    assert_eq!(index, 5, "an unused sector goes to the end");
    let again = apply_and_undo(&changed, edit);
    assert_eq!(again.items[5].id, "new-item-2");
    assert_eq!(
        again.items[5].end,
        Some(date("2026-12-31")),
        "clamped to the roadmap's end"
    );
}

#[test]
fn duplicate_copies_with_unique_ids() {
    let original = sample();
    let (edit, index) = duplicate_item(&original, 1);
    assert_eq!(index, 2);
    let changed = apply_and_undo(&original, edit);
    assert_eq!(ids(&changed), ["a", "b", "b-copy", "c", "d"]);
    assert_eq!(changed.items[2].title, "B (copy)");
    assert_eq!(dep_ids(&changed.items[2]), ["a"]);
    assert_eq!(dependents(&changed, 2), Vec::<usize>::new());

    let (edit, _) = duplicate_item(&changed, 1);
    let again = apply_and_undo(&changed, edit);
    assert_eq!(ids(&again), ["a", "b", "b-copy-2", "b-copy", "c", "d"]);
    assert!(duplicate_item(&again, 17).0.is_empty());
}

#[test]
fn delete_removes_links_and_undo_restores_them() {
    let original = sample();
    assert_eq!(dependents(&original, 0), [1, 3]);
    let changed = apply_and_undo(&original, delete_item(&original, 0));
    assert_eq!(ids(&changed), ["b", "c", "d"]);
    assert!(changed.items[0].depends_on.is_empty());
    assert!(changed.items[2].depends_on.is_empty());
    assert!(validate(&changed)
        .iter()
        .all(|p| !p.field.contains("depends_on")));

    let mut history = History::new();
    let mut roadmap = original.clone();
    history.apply(&mut roadmap, delete_item(&original, 0));
    assert!(history.undo(&mut roadmap));
    assert_eq!(
        roadmap, original,
        "one undo restores the item and both links"
    );
}

#[test]
fn update_renames_references_and_settles_invalid_values() {
    let original = sample();
    let mut a = original.items[0].clone();
    a.id = "alpha".into();
    a.title = "Alpha".into();
    let changed = apply_and_undo(&original, update_item(&original, 0, *a).unwrap());
    assert_eq!(ids(&changed), ["alpha", "b", "c", "d"]);
    assert_eq!(dep_ids(&changed.items[1]), ["alpha"]);
    assert_eq!(dep_ids(&changed.items[3]), ["alpha"]);
    assert_eq!(changed.items[2].depends_on[0].lag_days, 2);

    // d's progress "half" is kept until progress is actually set.
    assert!(original.items[3].invalid.contains_key("progress"));
    let mut d = original.items[3].clone();
    d.title = "Renamed D".into();
    let changed = apply_and_undo(&original, update_item(&original, 3, *d.clone()).unwrap());
    assert!(changed.items[3].invalid.contains_key("progress"));
    d.progress = 50;
    let changed = apply_and_undo(&original, update_item(&original, 3, *d).unwrap());
    assert!(changed.items[3].invalid.is_empty());
    assert_eq!(changed.items[3].progress, 50);

    // Nothing changed: nothing to record.
    let same = update_item(&original, 1, *original.items[1].clone()).unwrap();
    assert!(same.is_empty());
}

fn field_errors(roadmap: &Roadmap, index: usize, change: impl FnOnce(&mut Item)) -> Vec<String> {
    let mut item = roadmap.items[index].clone();
    change(&mut item);
    update_item(roadmap, index, *item)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn update_refuses_bad_fields_naming_them() {
    let r = sample();
    assert_eq!(
        field_errors(&r, 1, |i| i.id = "a".into()),
        ["id: \"a\" is already used by item #1 (A)"]
    );
    assert_eq!(
        field_errors(&r, 1, |i| i.id = " ".into()),
        ["id: must not be empty"]
    );
    assert_eq!(
        field_errors(&r, 1, |i| i.end = Some(date("2025-03-01"))),
        ["end: 2025-03-01 is before start 2025-04-01"]
    );
    assert_eq!(
        field_errors(&r, 2, |i| i.end = Some(date("2025-07-02"))),
        ["end: a milestone is one day: start 2025-07-01 and end 2025-07-02 must be equal"]
    );
    assert_eq!(
        field_errors(&r, 1, |i| i.progress = 101),
        ["progress: 101 is more than 100"]
    );
    assert_eq!(
        field_errors(&r, 1, |i| i.sector = "space".into()),
        ["sector: \"space\" is not a sector of this roadmap"]
    );
    let link = |id: &str| Dependency {
        id: id.into(),
        ..Default::default()
    };
    assert_eq!(
        field_errors(&r, 1, |i| i.depends_on.push(link("zzz"))),
        ["depends_on: no item has the id \"zzz\""]
    );
    assert_eq!(
        field_errors(&r, 1, |i| i.depends_on.push(link("b"))),
        ["depends_on: an item cannot depend on itself (\"b\")"]
    );
    assert_eq!(
        field_errors(&r, 0, |i| i.depends_on.push(link("c"))),
        ["depends_on: \"c\" would create a dependency cycle (each item depends on the one before it): a -> b -> c -> a"]
    );
    assert_eq!(
        field_errors(&r, 0, |i| i.funding[0].scheme = "bank".into()),
        ["funding: line 1 names \"bank\", not a funding scheme of this roadmap"]
    );
    // Several problems at once are all reported.
    let errors = update_item(&r, 1, {
        let mut b = r.items[1].clone();
        b.id = String::new();
        b.progress = 200;
        *b
    })
    .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["id", "progress"]);
}

#[test]
fn dependencies_add_remove_and_refuse_cycles() {
    let original = sample();
    let changed = apply_and_undo(
        &original,
        add_dependency(&original, 3, 1, LinkType::SS, -5).unwrap(),
    );
    let added = changed.items[3].depends_on.last().unwrap();
    assert_eq!(
        (added.id.as_str(), added.link, added.lag_days),
        ("b", LinkType::SS, -5)
    );

    let cycle = add_dependency(&original, 0, 2, LinkType::FS, 0).unwrap_err();
    assert_eq!(
        cycle,
        EditError::Cycle {
            items: vec![0, 1, 2],
            ids: vec!["a".into(), "b".into(), "c".into()]
        }
    );
    assert!(cycle.to_string().ends_with(": a -> b -> c -> a"), "{cycle}");
    let itself = add_dependency(&original, 1, 1, LinkType::FS, 0).unwrap_err();
    assert_eq!(itself.to_string(), "an item cannot depend on itself: \"b\"");
    assert_eq!(
        add_dependency(&original, 1, 0, LinkType::FF, 0)
            .unwrap_err()
            .to_string(),
        "\"b\" already depends on \"a\""
    );
    assert_eq!(
        add_dependency(&original, 3, 1, LinkType::FS, 40_000),
        Err(EditError::LagOutOfRange(40_000))
    );
    assert_eq!(
        add_dependency(&original, 3, 9, LinkType::FS, 0),
        Err(EditError::NoSuch {
            what: "item",
            index: 9
        })
    );

    let changed = apply_and_undo(&original, remove_dependency(&original, 2, 0));
    assert!(changed.items[2].depends_on.is_empty());
    assert!(remove_dependency(&original, 2, 1).is_empty());
}

#[test]
fn shift_and_resize() {
    let original = sample();
    let changed = apply_and_undo(&original, shift_item(&original, 1, 10));
    assert_eq!(changed.items[1].start, Some(date("2025-04-11")));
    assert_eq!(changed.items[1].end, Some(date("2025-07-10")));
    let changed = apply_and_undo(&original, shift_item(&original, 2, -1));
    assert_eq!(changed.items[2].start, Some(date("2025-06-30")));
    assert_eq!(changed.items[2].end, Some(date("2025-06-30")));

    let changed = apply_and_undo(&original, resize_item(&original, 1, -20));
    assert_eq!(changed.items[1].end, Some(date("2025-06-10")));
    let changed = apply_and_undo(&original, resize_item(&original, 1, -1000));
    assert_eq!(
        changed.items[1].end,
        Some(date("2025-04-01")),
        "never before start"
    );
    assert!(resize_item(&original, 2, 5).is_empty(), "milestone");
    assert!(shift_item(&original, 1, 0).is_empty());
}

#[test]
fn sectors_add_rename_remove() {
    let original = sample();
    let changed = apply_and_undo(
        &original,
        add_sector(&original, "health", "Health").unwrap(),
    );
    assert_eq!(changed.sectors[3].id, "health");
    assert_eq!(
        add_sector(&original, "data", "Again")
            .unwrap_err()
            .to_string(),
        "another sector already has the id \"data\""
    );
    assert_eq!(
        add_sector(&original, "", "Nameless").unwrap_err(),
        EditError::EmptyId { what: "sector" }
    );

    let changed = apply_and_undo(
        &original,
        rename_sector(&original, 0, "infrastructure", "Infra").unwrap(),
    );
    assert_eq!(changed.sectors[0].id, "infrastructure");
    assert_eq!(changed.sectors[0].name, "Infra");
    let sectors: Vec<&str> = changed.items.iter().map(|i| i.sector.as_str()).collect();
    assert_eq!(
        sectors,
        ["infrastructure", "infrastructure", "data", "data"]
    );
    assert!(rename_sector(&original, 0, "data", "X").is_err());
    assert!(rename_sector(&original, 0, "infra", "Infrastructure")
        .unwrap()
        .is_empty());

    assert_eq!(
        remove_sector(&original, 0).unwrap_err().to_string(),
        "sector \"infra\" is still used by 2 items: a, b"
    );
    let changed = apply_and_undo(&original, remove_sector(&original, 2).unwrap());
    assert_eq!(changed.sectors.len(), 2);
}

#[test]
fn remove_in_use_names_the_first_ten_users() {
    let mut roadmap = sample();
    for n in 0..12 {
        let (edit, _) = new_item(&roadmap, "empty", date("2025-01-01"));
        roadmap.apply(edit);
        assert_eq!(roadmap.items.last().unwrap().sector, "empty", "item {n}");
    }
    let err = remove_sector(&roadmap, 2).unwrap_err();
    let EditError::InUse { users, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(users.len(), 12);
    assert_eq!(
        err.to_string(),
        "sector \"empty\" is still used by 12 items: new-item, new-item-2, new-item-3, \
         new-item-4, new-item-5, new-item-6, new-item-7, new-item-8, new-item-9, new-item-10 \
         and 2 more"
    );
}

#[test]
fn funding_schemes_add_rename_remove() {
    let original = sample();
    let changed = apply_and_undo(
        &original,
        add_funding_scheme(&original, "kpbu", "").unwrap(),
    );
    assert_eq!(
        changed.funding_schemes[3].name, "kpbu",
        "empty name falls back to id"
    );

    let changed = apply_and_undo(
        &original,
        rename_funding_scheme(&original, 1, "foreign-loan", "Foreign loan").unwrap(),
    );
    assert_eq!(changed.items[0].funding[1].scheme, "foreign-loan");
    assert_eq!(changed.items[0].funding[0].scheme, "apbn");
    assert_eq!(changed.items[3].funding[0].scheme, "foreign-loan");

    assert_eq!(
        remove_funding_scheme(&original, 1).unwrap_err().to_string(),
        "funding scheme \"loan\" is still used by 2 items: a, d"
    );
    let changed = apply_and_undo(&original, remove_funding_scheme(&original, 2).unwrap());
    assert_eq!(changed.funding_schemes.len(), 2);
}

#[test]
fn history_undoes_and_redoes_any_number_of_steps() {
    let original = sample();
    let mut roadmap = original.clone();
    let mut history = History::new();
    let mut states = vec![roadmap.clone()];
    for step in 0..8 {
        let edit = if step % 2 == 0 {
            shift_item(&roadmap, step % 4, 3)
        } else {
            new_item(&roadmap, "data", date("2025-03-01")).0
        };
        history.apply(&mut roadmap, edit);
        states.push(roadmap.clone());
    }
    history.mark_saved();
    for expected in states.iter().rev().skip(1) {
        assert!(history.undo(&mut roadmap));
        assert_eq!(&roadmap, expected);
        assert!(history.is_dirty());
    }
    assert!(!history.undo(&mut roadmap));
    assert!(!history.can_undo());
    for expected in states.iter().skip(1) {
        assert!(history.redo(&mut roadmap));
        assert_eq!(&roadmap, expected);
    }
    assert!(!history.can_redo());
    assert!(!history.is_dirty(), "back at the save point");
}

/// A change a user could make, with raw numbers the test maps onto the roadmap's size.
#[derive(Debug, Clone)]
enum Op {
    New(usize, i64),
    Duplicate(usize),
    Delete(usize),
    Rename(usize, u8),
    Link(usize, usize, i64),
    Unlink(usize, usize),
    Shift(usize, i64),
    Resize(usize, i64),
    AddSector(u8),
    RenameSector(usize, u8),
    RemoveSector(usize),
    RenameScheme(usize, u8),
    RemoveScheme(usize),
    Title(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), -400i64..400).prop_map(|(s, d)| Op::New(s, d)),
        any::<usize>().prop_map(Op::Duplicate),
        any::<usize>().prop_map(Op::Delete),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::Rename(i, n)),
        (any::<usize>(), any::<usize>(), -30i64..30).prop_map(|(a, b, l)| Op::Link(a, b, l)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Unlink(a, b)),
        (any::<usize>(), -100i64..100).prop_map(|(i, d)| Op::Shift(i, d)),
        (any::<usize>(), -100i64..100).prop_map(|(i, d)| Op::Resize(i, d)),
        any::<u8>().prop_map(Op::AddSector),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::RenameSector(i, n)),
        any::<usize>().prop_map(Op::RemoveSector),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Op::RenameScheme(i, n)),
        any::<usize>().prop_map(Op::RemoveScheme),
        any::<u8>().prop_map(Op::Title),
    ]
}

fn edit_for(roadmap: &Roadmap, op: &Op) -> Option<Edit> {
    let items = roadmap.items.len().max(1);
    let sectors = roadmap.sectors.len().max(1);
    let schemes = roadmap.funding_schemes.len().max(1);
    Some(match *op {
        Op::New(s, days) => {
            let sector = roadmap.sectors.get(s % sectors).map_or("x", |s| &s.id);
            new_item(
                roadmap,
                sector,
                date("2025-06-01") + chrono::Days::new(days.unsigned_abs()),
            )
            .0
        }
        Op::Duplicate(i) => duplicate_item(roadmap, i % items).0,
        Op::Delete(i) => delete_item(roadmap, i % items),
        Op::Rename(i, n) => {
            let mut item = roadmap.items.get(i % items)?.clone();
            item.id = format!("id{}", n % 16);
            item.title = format!("title {n}");
            update_item(roadmap, i % items, *item).ok()?
        }
        Op::Link(a, b, lag) => {
            add_dependency(roadmap, a % items, b % items, LinkType::ALL[a % 4], lag).ok()?
        }
        Op::Unlink(i, d) => remove_dependency(roadmap, i % items, d % 3),
        Op::Shift(i, d) => shift_item(roadmap, i % items, d),
        Op::Resize(i, d) => resize_item(roadmap, i % items, d),
        Op::AddSector(n) => add_sector(roadmap, &format!("s{}", n % 8), "S").ok()?,
        Op::RenameSector(i, n) => {
            rename_sector(roadmap, i % sectors, &format!("s{}", n % 8), "Renamed").ok()?
        }
        Op::RemoveSector(i) => remove_sector(roadmap, i % sectors).ok()?,
        Op::RenameScheme(i, n) => {
            rename_funding_scheme(roadmap, i % schemes, &format!("f{}", n % 8), "F").ok()?
        }
        Op::RemoveScheme(i) => remove_funding_scheme(roadmap, i % schemes).ok()?,
        Op::Title(n) => Edit::SetTitle(format!("Roadmap {n}")),
    })
}

proptest! {
    #[test]
    fn any_edit_sequence_undoes_to_the_original(ops in prop::collection::vec(op(), 1..40)) {
        let original = sample();
        let mut roadmap = original.clone();
        let mut history = History::new();
        for op in &ops {
            if let Some(edit) = edit_for(&roadmap, op) {
                history.apply(&mut roadmap, edit);
            }
        }
        let last = roadmap.clone();
        // Builders only make changes the checks allow: no new dependency cycles.
        prop_assert!(validate(&roadmap).iter().all(|p| !p.message.contains("cycle")));
        while history.undo(&mut roadmap) {}
        prop_assert_eq!(&roadmap, &original);
        prop_assert!(!history.is_dirty());
        while history.redo(&mut roadmap) {}
        prop_assert_eq!(&roadmap, &last);
    }
}

/// The TUI checks new dependencies against the network it keeps instead of a copy of the
/// roadmap: refusals (loops named item by item) and edits must be the same either way.
#[test]
fn checking_new_links_against_the_kept_network_is_the_same() {
    use peta::model::{update_item_in, IdIndex, Lookup, Network};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/spbe-2025-2029.json");
    let roadmap = peta::store::load(&path).unwrap().roadmap;
    let network = Network::build(&roadmap);
    let ids = IdIndex::build(&roadmap, &network);
    let lookup = Lookup {
        network: &network,
        ids: &ids,
    };
    let (mut refused, mut accepted) = (0, 0);
    for a in 0..roadmap.items.len() {
        for b in (0..roadmap.items.len()).step_by(3) {
            let mut item = roadmap.items[a].clone();
            item.depends_on.push(peta::model::Dependency {
                id: roadmap.items[b].id.clone(),
                ..Default::default()
            });
            let kept = update_item_in(&roadmap, lookup, a, *item.clone());
            let copied = update_item(&roadmap, a, *item);
            assert_eq!(kept, copied, "{a} after {b}");
            match copied {
                Ok(_) => accepted += 1,
                Err(_) => refused += 1,
            }
        }
    }
    assert!(
        refused > 20 && accepted > 100,
        "{refused} refused, {accepted} accepted"
    );
}
