//! `peta summary` as a user runs it: options, colour when piped, exit codes and messages.

mod common;

use assert_cmd::Command;
use common::{write, SAMPLE};
use predicates::prelude::*;
use std::path::Path;

/// `peta`, with colour decided by the options alone.
fn peta() -> Command {
    let mut cmd = common::peta();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn stdout(args: &[&str]) -> String {
    let out = peta().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn piped_output_is_100_columns_without_colour_and_deterministic() {
    let args = ["summary", SAMPLE, "--today", "2026-06-01"];
    let first = stdout(&args);
    assert_eq!(first, stdout(&args));
    assert!(!first.contains('\x1b'));
    let widest = first
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max();
    assert_eq!(widest, Some(100));
    assert!(first.starts_with("SPBE roadmap 2025-2029\n"));
    assert!(first.contains("Forecast finish: 2029-12-14 vs target 2029-12-31: 17 days early"));
    // The library renders the same for the same options.
    let roadmap = peta::store::load(Path::new(SAMPLE)).unwrap().roadmap;
    let today = peta::model::parse_date("2026-06-01").unwrap();
    let schedule = peta::schedule::schedule(&roadmap, &peta::schedule::Options::new(today));
    let options = peta::report::summary::SummaryOptions::new(today);
    assert_eq!(
        first,
        peta::report::summary::render_summary(&roadmap, &schedule, &options)
    );
}

#[test]
fn colour_follows_the_option() {
    let base = ["summary", SAMPLE, "--today", "2026-06-01"];
    let always = stdout(&[&base[..], &["--color", "always"]].concat());
    assert!(always.contains("\x1b[31m"));
    let never = stdout(&[&base[..], &["--color", "never"]].concat());
    assert!(!never.contains('\x1b'));
}

#[test]
fn options_reach_the_output() {
    let out = stdout(&[
        "summary",
        SAMPLE,
        "--today",
        "2026-06-01",
        "--width",
        "60",
        "--from",
        "2027",
        "--to",
        "2028-06-30",
        "--sector",
        "infra",
        "--sector",
        "talent",
        "--critical",
        "--ascii",
        "--format",
        "markdown",
    ]);
    assert!(out.contains(
        "- **Showing:** sectors infra, talent; critical items only; 2027-01-01 to 2028-06-30 (2 of 59 items)"
    ));
    assert!(out.contains("```text\n2027-01-01 to 2028-06-30, one column ~ "));
    assert!(out.contains("! gov-cloud-platform"));
    assert!(out.contains("! dts-2027-2029"));
    assert!(!out.contains('█'));
}

#[test]
fn usage_errors_exit_2_with_a_clear_message() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--sector", "nope"],
            "--sector nope: no such sector in roadmaps/spbe-2025-2029.json; its sectors are infra, data,",
        ),
        (
            &["--from", "2028", "--to", "2027"],
            "--from 2028-01-01 is after --to 2027-12-31",
        ),
        (
            &["--from", "2026-02-30"],
            "--from: \"2026-02-30\" is neither a real date in the form YYYY-MM-DD nor a year YYYY",
        ),
        (&["--to", "soon"], "--to: \"soon\" is neither a real date"),
        (&["--width", "5"], "5 is not in 20.."),
    ];
    for (extra, message) in cases {
        peta()
            .args(["summary", SAMPLE])
            .args(extra)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn a_file_that_does_not_load_exits_1_with_the_loader_message() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "bad.json",
        "{\"format\": \"peta-roadmap/1\",\n  \"items\": [}",
    );
    peta()
        .arg("summary")
        .arg(&file)
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "{}:2:13: invalid JSON: expected value\n",
            file.display()
        ));
    peta()
        .args(["summary", "/nonexistent/roadmap.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/roadmap.json"));
}

#[test]
fn validation_errors_go_to_stderr_and_exit_1_like_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
  "format": "peta-roadmap/1", "title": "Loop", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "Sector"}], "funding_schemes": [],
  "items": [
    {"id": "a", "title": "A", "kind": "initiative", "sector": "s", "start": "2025-01-01",
     "end": "2025-01-31", "depends_on": ["b"]},
    {"id": "b", "title": "B", "kind": "initiative", "sector": "s", "start": "2025-02-01",
     "end": "2025-02-28", "depends_on": ["a"]}
  ]
}"#;
    let file = write(dir.path(), "loop.json", text);
    let shown = file.display().to_string();
    peta()
        .arg("summary")
        .arg(&file)
        .args(["--today", "2025-01-15"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Links that form cycles were ignored",
        ))
        .stderr(
            predicate::str::contains(format!("{shown}: item \"a\": depends_on: dependency cycle"))
                .and(predicate::str::contains(format!(
                    "{shown}: 1 error; this summary ignores the broken parts (see `peta check`)"
                ))),
        );
}
