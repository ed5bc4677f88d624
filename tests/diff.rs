//! `peta diff`: the semantic diff by item id, its consequence for the forecast, and the CLI
//! reading files and git revisions.

use assert_cmd::Command;
use peta::diff::{diff, diff_text, EntryStatus};
use peta::model::{parse_date, Network, Roadmap};
use peta::schedule::{schedule_with, Options, Schedule};
use peta::store;
use serde_json::{json, Value};
use std::path::Path;

const OLD: &str = r#"{
  "format": "peta-roadmap/1", "title": "Small", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "Sector"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}],
  "items": [
    {"id": "a", "title": "Alpha", "kind": "initiative", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-10", "progress": 10,
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 100, "status": "proposed"}]},
    {"id": "b", "title": "Beta", "kind": "initiative", "sector": "s", "start": "2025-01-11",
     "end": "2025-01-20", "depends_on": ["a"], "talent": [{"role": "Analyst", "count": 2}]},
    {"id": "c", "title": "Gamma", "kind": "initiative", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-05"},
    {"id": "law", "title": "Law", "kind": "regulation", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-02", "regulation": {"instrument": "PP", "stage": "drafting"}},
    {"id": "gone", "title": "Gone", "kind": "milestone", "sector": "s", "start": "2025-01-03",
     "end": "2025-01-03"}
  ]
}"#;

/// NEW: a renamed, c ends 26 days later (the new end of the plan), b links SS with a lag, more
/// money and people, the law enacted, `gone` removed and `d` added before c.
const NEW: &str = r#"{
  "format": "peta-roadmap/1", "title": "Small", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "Sector"}, {"id": "t", "name": "Talent"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}],
  "items": [
    {"id": "a", "title": "Alpha prime", "kind": "initiative", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-10", "progress": 50,
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 250, "status": "committed"}]},
    {"id": "b", "title": "Beta", "kind": "initiative", "sector": "t", "start": "2025-01-11",
     "end": "2025-01-20", "depends_on": [{"id": "a", "type": "SS", "lag_days": 3}],
     "talent": [{"role": "Analyst", "count": 3}]},
    {"id": "d", "title": "Delta", "kind": "milestone", "sector": "s", "start": "2025-01-02",
     "end": "2025-01-02"},
    {"id": "c", "title": "Gamma", "kind": "initiative", "sector": "s", "start": "2025-01-03",
     "end": "2025-01-31"},
    {"id": "law", "title": "Law", "kind": "regulation", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-02", "regulation": {"instrument": "PP", "stage": "enacted"}}
  ]
}"#;

fn parsed(text: &str) -> Roadmap {
    store::parse(Path::new("x.json"), text.as_bytes()).unwrap()
}

fn scheduled(roadmap: &Roadmap) -> Schedule {
    let today = parse_date("2025-01-01").unwrap();
    schedule_with(roadmap, &Network::build(roadmap), &Options::new(today))
}

fn changes_of(value: &Value, id: &str) -> Vec<Value> {
    let item = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap();
    item["changes"].as_array().unwrap().clone()
}

#[test]
fn items_are_matched_by_id_and_every_kind_of_change_is_named() {
    let (old, new) = (parsed(OLD), parsed(NEW));
    let d = diff(&old, &scheduled(&old), &new, &scheduled(&new));
    // NEW's order, then removed ones in OLD's order.
    let order: Vec<(&str, EntryStatus)> =
        d.items.iter().map(|e| (e.id.as_str(), e.status)).collect();
    assert_eq!(
        order,
        [
            ("a", EntryStatus::Changed),
            ("b", EntryStatus::Changed),
            ("d", EntryStatus::Added),
            ("c", EntryStatus::Changed),
            ("law", EntryStatus::Changed),
            ("gone", EntryStatus::Removed),
        ]
    );
    let value = serde_json::to_value(&d).unwrap();
    assert_eq!(
        changes_of(&value, "a"),
        [
            json!({"field": "title", "from": "Alpha", "to": "Alpha prime"}),
            json!({"field": "progress", "from": 10, "to": 50}),
            json!({"field": "funding apbn 2025", "from": 100, "to": 250}),
            json!({"field": "funding apbn 2025 status", "from": "proposed", "to": "committed"}),
        ]
    );
    assert_eq!(
        changes_of(&value, "b"),
        [
            json!({"field": "sector", "from": "s", "to": "t"}),
            json!({"field": "depends_on \"a\"", "from": "FS", "to": "SS +3"}),
            json!({"field": "talent \"Analyst\"", "from": 2, "to": 3}),
        ]
    );
    // 2025-01-01 -> 2025-01-03 is 2 days, 2025-01-05 -> 2025-01-31 is 26.
    assert_eq!(
        changes_of(&value, "c"),
        [
            json!({"field": "start", "from": "2025-01-01", "to": "2025-01-03", "days": 2}),
            json!({"field": "end", "from": "2025-01-05", "to": "2025-01-31", "days": 26}),
        ]
    );
    assert_eq!(
        changes_of(&value, "law"),
        [json!({"field": "regulation.stage", "from": "drafting", "to": "enacted"})]
    );
    assert_eq!(d.sectors.len(), 1);
    assert_eq!(
        (d.sectors[0].id.as_str(), d.sectors[0].status),
        ("t", EntryStatus::Added)
    );
    // Before, a -> b ends the plan on 2025-01-20; after, c ends it on 2025-01-31.
    let c = &value["consequence"];
    assert_eq!(c["finish_before"], "2025-01-20");
    assert_eq!(c["finish_after"], "2025-01-31");
    assert_eq!(c["slip_days"], 11);
    assert_eq!(c["became_critical"], json!(["c"]));
    assert_eq!(c["no_longer_critical"], json!(["a", "b"]));
}

#[test]
fn text_reads_as_a_change_list_with_the_consequence() {
    let (old, new) = (parsed(OLD), parsed(NEW));
    let text = diff_text(&diff(&old, &scheduled(&old), &new, &scheduled(&new)));
    for line in [
        "  ~ a \"Alpha prime\"",
        "      title: Alpha -> Alpha prime (renamed)",
        "      end: 2025-01-05 -> 2025-01-31 (26 days later)",
        "  + d \"Delta\" (added)",
        "  - gone \"Gone\" (removed)",
        "  forecast finish: 2025-01-20 -> 2025-01-31 (11 days later)",
        "  became critical: c",
        "  no longer critical: a, b",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    insta::assert_snapshot!(text);
}

#[test]
fn identical_roadmaps_have_no_differences() {
    let old = parsed(OLD);
    let d = diff(&old, &scheduled(&old), &old, &scheduled(&old));
    assert!(d.is_empty());
    assert_eq!(diff_text(&d), "No differences.\n");
}

fn peta() -> Command {
    Command::cargo_bin("peta").unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?} failed");
}

#[test]
fn cli_compares_files_and_git_revisions_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    git(root, &["config", "user.name", "Test"]);
    git(root, &["config", "user.email", "test@example.com"]);
    std::fs::write(root.join("plan.json"), OLD).unwrap();
    git(root, &["add", "plan.json"]);
    git(root, &["commit", "-q", "-m", "old"]);
    std::fs::write(root.join("plan.json"), NEW).unwrap();
    let out = peta()
        .current_dir(root)
        .args([
            "diff",
            "HEAD:plan.json",
            "plan.json",
            "--json",
            "--today",
            "2025-01-01",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["consequence"]["slip_days"], 11);
    assert_eq!(value["items"][2]["id"], "d");
    // A revision that does not have the path names it and fails.
    let out = peta()
        .current_dir(root)
        .args(["diff", "HEAD:other.json", "plan.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("HEAD:other.json: git show failed:"),
        "{err}"
    );
    // A missing file too.
    let out = peta()
        .current_dir(root)
        .args(["diff", "nope.json", "plan.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.json: cannot read"));
}

#[test]
fn recorded_merge_conflicts_are_counted_in_the_text() {
    let old = parsed(OLD);
    let mut new = old.clone();
    new.extra.insert(
        "conflicts".to_string(),
        json!([{"item": "a", "field": "start", "ours": "2025-01-02", "theirs": "2025-01-03"}]),
    );
    let d = diff(&old, &scheduled(&old), &new, &scheduled(&new));
    assert_eq!(d.roadmap.len(), 1);
    assert_eq!(
        diff_text(&d),
        "Roadmap\n  merge conflicts: 0 -> 1 (see `peta check`)\nConsequence\n  forecast finish: 2025-01-20 -> 2025-01-20 (unchanged)\n"
    );
}
