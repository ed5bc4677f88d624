//! `peta merge`: three-way merge by item id and field, conflicts recorded and reported by
//! `peta check`, references the merge would break reported as conflicts.

mod common;

use common::{item_ids as ids, merge_files, roadmap_json as roadmap, three_sides};
use peta::merge::{merge, record_conflicts, reference_conflicts, EntryKind};
use peta::model::{from_value, validate};
use serde_json::{json, Value};

fn item(id: &str, deps: &[&str]) -> Value {
    common::item_json(id, "2025-01-01", "2025-01-31", deps)
}

/// The conflicts `peta check` would report for a merge, as text.
fn problems_after(value: &Value, conflicts: &[peta::merge::Conflict]) -> Vec<String> {
    let mut value = value.clone();
    record_conflicts(&mut value, conflicts);
    validate(&from_value(value).unwrap())
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// Reference conflicts of a merge of the three sides.
fn references([_, ours, theirs]: &[Value; 3], merged: &Value) -> Vec<peta::merge::Conflict> {
    let parse = |v: &Value| from_value(v.clone()).unwrap();
    reference_conflicts(&parse(merged), &parse(ours), &parse(theirs))
}

#[test]
fn different_fields_items_and_additions_merge_cleanly_in_a_sensible_order() {
    let [base, ours, theirs] = three_sides(
        roadmap(json!([item("a", &[]), item("b", &["a"]), item("c", &[])])),
        |o| {
            o["items"][0]["progress"] = json!(40); // a: progress
            o["items"][1]["x-note"] = json!({"k": 1}); // b: an unknown field
            o["items"].as_array_mut().unwrap().push(item("o1", &["c"]));
        },
        |t| {
            t["items"][0]["end"] = json!("2025-02-28"); // a: end
            t["items"][2]["title"] = json!("Gamma"); // c: title
            t["items"][1]["depends_on"] = json!(["a", "c"]); // b: one more link
                                                             // t1 after a, t2 at the very start.
            let list = t["items"].as_array_mut().unwrap();
            list.insert(1, item("t1", &[]));
            list.insert(0, item("t2", &[]));
        },
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let v = &merged.value;
    assert_eq!(ids(v), ["t2", "a", "t1", "b", "c", "o1"]);
    assert_eq!(v["items"][1]["progress"], 40);
    assert_eq!(v["items"][1]["end"], "2025-02-28");
    assert_eq!(v["items"][3]["x-note"], json!({"k": 1}));
    assert_eq!(v["items"][3]["depends_on"], json!(["a", "c"]));
    assert_eq!(v["items"][4]["title"], "Gamma");
}

#[test]
fn both_sides_adding_links_to_one_item_keep_both() {
    let [base, ours, theirs] = three_sides(
        roadmap(json!([item("a", &[]), item("b", &[]), item("c", &["a"])])),
        |o| o["items"][2]["depends_on"] = json!(["a", "b"]),
        |t| t["items"][2]["depends_on"] = json!([{"id": "a", "type": "SS", "lag_days": 0}]),
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.value["items"][2]["depends_on"],
        json!([{"id": "a", "type": "SS", "lag_days": 0}, "b"])
    );
}

#[test]
fn the_same_field_changed_differently_keeps_ours_and_is_an_error_in_check() {
    let [base, ours, theirs] = three_sides(
        roadmap(json!([item("a", &[])])),
        |o| o["items"][0]["start"] = json!("2025-01-05"),
        |t| t["items"][0]["start"] = json!("2025-01-10"),
    );
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.value["items"][0]["start"], "2025-01-05");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.entry, Some((EntryKind::Item, "a".to_string())));
    assert_eq!(conflict.field, "start");
    let mut value = merged.value.clone();
    record_conflicts(&mut value, &merged.conflicts);
    assert_eq!(
        value["conflicts"],
        json!([{"item": "a", "field": "start", "base": "2025-01-01", "ours": "2025-01-05",
                "theirs": "2025-01-10", "reason": "changed differently on both sides"}])
    );
    assert_eq!(
        problems_after(&merged.value, &merged.conflicts),
        [
            r#"item "a": start: merge conflict: changed differently on both sides (base "2025-01-01", ours "2025-01-05", theirs "2025-01-10"); settle it and remove the entry from "conflicts""#
        ]
    );
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let base = roadmap(json!([item("a", &[])]));
    let mut ours = base.clone();
    ours["items"][0]["progress"] = json!(50);
    let theirs = ours.clone();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.value["items"][0]["progress"], 50);
}

#[test]
fn deleted_on_one_side_changed_on_the_other_is_a_conflict() {
    let [base, ours, theirs] = three_sides(
        roadmap(json!([item("a", &[]), item("b", &[])])),
        |o| {
            o["items"].as_array_mut().unwrap().remove(1);
        },
        |t| t["items"][1]["progress"] = json!(30),
    );
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(ids(&merged.value), ["a"]); // OURS kept: deleted
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        merged.conflicts[0].reason,
        "deleted by ours, changed by theirs"
    );
    // `peta check` names the item although it is gone from the file.
    let problems = problems_after(&merged.value, &merged.conflicts);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with(
            r#"item "b": merge conflict: deleted by ours, changed by theirs (base {"depends_on":[],"#
        ),
        "{problems:?}"
    );
    assert!(
        problems[0].contains(", ours absent, theirs {"),
        "{problems:?}"
    );
    // A deletion of an unchanged item merges.
    let merged = merge(&base, &ours, &base);
    assert!(merged.conflicts.is_empty());
    assert_eq!(ids(&merged.value), ["a"]);
}

#[test]
fn a_link_to_an_item_the_other_side_removed_is_a_conflict() {
    let sides = three_sides(
        roadmap(json!([item("a", &[]), item("b", &[])])),
        |o| o["items"][1]["depends_on"] = json!(["a"]),
        |t| {
            t["items"].as_array_mut().unwrap().remove(0);
        },
    );
    let merged = merge(&sides[0], &sides[1], &sides[2]);
    assert!(merged.conflicts.is_empty());
    let found = references(&sides, &merged.value);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "depends_on \"a\"");
    assert_eq!(
        found[0].reason,
        "links to \"a\", which the other side removed"
    );
}

#[test]
fn a_cycle_closed_by_links_from_both_sides_is_a_conflict() {
    let sides = three_sides(
        roadmap(json!([item("a", &[]), item("b", &[])])),
        |o| o["items"][1]["depends_on"] = json!(["a"]),
        |t| t["items"][0]["depends_on"] = json!(["b"]),
    );
    let merged = merge(&sides[0], &sides[1], &sides[2]);
    let found = references(&sides, &merged.value);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, "depends_on");
    assert_eq!(
        found[0].reason,
        "the merge closes a dependency cycle: a -> b -> a"
    );
}

#[test]
fn roadmap_fields_and_unknown_top_level_fields_merge_per_key() {
    let [base, ours, theirs] = three_sides(
        roadmap(json!([])),
        |o| {
            o["title"] = json!("Ours");
            o["x-a"] = json!(1);
        },
        |t| {
            t["end"] = json!("2026-12-31");
            t["x-b"] = json!(2);
            t["sectors"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "t", "name": "T"}));
        },
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    let v = &merged.value;
    assert_eq!(
        (&v["title"], &v["end"], &v["x-a"], &v["x-b"]),
        (&json!("Ours"), &json!("2026-12-31"), &json!(1), &json!(2))
    );
    assert_eq!(
        v["sectors"],
        json!([{"id": "s", "name": "S"}, {"id": "t", "name": "T"}])
    );
}

#[test]
fn cli_writes_the_canonical_merge_and_exits_1_on_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut sides = three_sides(
        roadmap(json!([item("a", &[]), item("b", &[])])),
        |o| o["items"][0]["progress"] = json!(10),
        |t| t["items"][1]["progress"] = json!(20),
    );
    let (output, out) = merge_files(dir.path(), &sides, "out.json");
    assert_eq!(output.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.ends_with("}\n") && text.contains("\n  \"items\": ["),
        "not canonical: {text}"
    );
    let merged: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        (
            &merged["items"][0]["progress"],
            &merged["items"][1]["progress"]
        ),
        (&json!(10), &json!(20))
    );
    // The same field both ways: exit 1, ours kept, the conflict in the file and on stderr.
    sides[2]["items"][0]["progress"] = json!(90);
    let (output, out) = merge_files(dir.path(), &sides, "out.json");
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(err.contains("conflict: item \"a\": progress: changed differently on both sides (base 0, ours 10, theirs 90)"), "{err}");
    let merged = common::read_json(&out);
    assert_eq!(merged["items"][0]["progress"], 10);
    assert_eq!(merged["conflicts"][0]["theirs"], 90);
    common::peta()
        .arg("check")
        .arg(&out)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "item \"a\": progress: merge conflict",
        ));
}

/// The sample roadmap as JSON, and a copy changed in several places.
fn sample_and_edited() -> (Value, Value) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/roadmaps/spbe-2025-2029.json"
    ))
    .unwrap();
    let sample: Value = serde_json::from_str(&text).unwrap();
    let mut edited = sample.clone();
    let items = edited["items"].as_array_mut().unwrap();
    items[3]["progress"] = json!(99);
    items[7]["x-tag"] = json!("mine");
    items.remove(10);
    items.insert(20, item("inserted", &[]));
    items.push(item("appended", &["inserted"]));
    edited["title"] = json!("Edited");
    (sample, edited)
}

#[test]
fn a_change_on_one_side_only_comes_through_unchanged() {
    let (sample, edited) = sample_and_edited();
    for (ours, theirs) in [(&edited, &sample), (&sample, &edited)] {
        let merged = merge(&sample, ours, theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.value, edited);
    }
    let merged = merge(&sample, &sample, &sample);
    assert_eq!(merged.value, sample);
    // Both sides making the same edits is no conflict either.
    let merged = merge(&sample, &edited, &edited);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.value, edited);
}
