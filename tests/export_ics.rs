//! ICS UIDs: `<item-id>@<domain>`, the domain from the file name (not the title, which
//! planners rename) or `--uid-domain`, so calendars update events instead of duplicating them.

mod common;

use common::{item_json, peta, roadmap_json, stdout_of, write_json};
use std::path::Path;

/// The UID lines of `peta export --format ics --all FILE [extra]`, which must succeed.
fn uids(file: &Path, extra: &[&str]) -> Vec<String> {
    let ics = stdout_of(
        peta()
            .args([
                "export",
                "--format",
                "ics",
                "--all",
                "--today",
                "2025-05-01",
            ])
            .arg(file)
            .args(extra),
    );
    ics.replace("\r\n ", "")
        .lines()
        .filter_map(|line| line.strip_prefix("UID:"))
        .map(str::to_string)
        .collect()
}

fn two_items() -> serde_json::Value {
    roadmap_json(serde_json::json!([
        item_json("a", "2025-01-01", "2025-01-31", &[]),
        item_json("b", "2025-02-01", "2025-02-28", &["a"]),
    ]))
}

#[test]
fn renaming_the_title_keeps_every_uid() {
    let dir = tempfile::tempdir().unwrap();
    let mut value = two_items();
    value["title"] = "Rencana SPBE Kabupaten".into();
    let file = write_json(dir.path(), "Kab Bogor 2025.json", &value);
    let before = uids(&file, &[]);
    assert_eq!(before, ["a@kab-bogor-2025.peta", "b@kab-bogor-2025.peta"]);

    value["title"] = "Peta Jalan SPBE Kabupaten Bogor (revisi 2)".into();
    write_json(dir.path(), "Kab Bogor 2025.json", &value);
    assert_eq!(uids(&file, &[]), before);
}

#[test]
fn uid_domain_sets_the_part_after_the_at_sign() {
    let dir = tempfile::tempdir().unwrap();
    let mut value = two_items();
    value["title"] = "Small roadmap".into();
    let file = write_json(dir.path(), "renamed-copy.json", &value);
    assert_eq!(
        uids(&file, &["--uid-domain", "spbe.bogorkab.go.id"]),
        ["a@spbe.bogorkab.go.id", "b@spbe.bogorkab.go.id"]
    );
    // Subscribers of exports made when UIDs followed the title keep their events by passing
    // the title's old slug.
    assert_eq!(
        uids(&file, &["--uid-domain", "small-roadmap.peta"]),
        ["a@small-roadmap.peta", "b@small-roadmap.peta"]
    );
}

#[test]
fn a_bad_uid_domain_or_one_for_another_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_json(dir.path(), "plan.json", &two_items());
    let run = |args: &[&str]| peta().arg("export").arg(&file).args(args).output().unwrap();
    let out = run(&["--format", "ics", "--uid-domain", "bogor kab@go.id"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(
        "\"bogor kab@go.id\" is not a domain: use letters, digits and \"-\" in parts separated by dots"
    ));
    let out = run(&["--format", "csv", "--uid-domain", "x.go.id"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "peta export: --uid-domain applies to --format ics only\n"
    );
    assert!(out.stdout.is_empty());
}

/// With `--force` a roadmap may repeat an id; every event still gets its own UID, and the
/// real items keep theirs.
#[test]
fn repeated_ids_under_force_still_get_unique_uids() {
    let dir = tempfile::tempdir().unwrap();
    let value = roadmap_json(serde_json::json!([
        item_json("a", "2025-01-01", "2025-01-31", &[]),
        item_json("a", "2025-02-01", "2025-02-28", &[]),
        item_json("a_2", "2025-03-01", "2025-03-31", &[]),
    ]));
    let file = write_json(dir.path(), "dup.json", &value);
    assert_eq!(
        uids(&file, &["--force"]),
        ["a@dup.peta", "a_3@dup.peta", "a_2@dup.peta"]
    );
}
