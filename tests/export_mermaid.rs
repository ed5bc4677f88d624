//! `peta export --format mermaid`: structure of the sample's diagram, escaping, and Mermaid
//! itself parsing the output and computing the same dates as peta's schedule.

mod common;

use common::{peta, sample, today, SAMPLE, TODAY};
use peta::model::Roadmap;
use peta::report::export::mermaid::{mermaid_gantt, mermaid_ids};
use peta::schedule::{schedule, Options, Schedule};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Task lines: `    Title :data`, without the statements.
fn tasks(out: &str) -> Vec<(&str, Vec<&str>)> {
    out.lines()
        .filter(|l| l.starts_with("    "))
        .map(str::trim)
        .filter(|l| {
            !["title ", "dateFormat ", "axisFormat ", "%%", "section "]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .map(|l| {
            let (title, data) = l.split_once(" :").unwrap();
            (title, data.split(", ").collect())
        })
        .collect()
}

#[test]
fn the_sample_has_one_section_per_sector_and_every_item_once() {
    let (roadmap, schedule) = sample();
    let out = mermaid_gantt(&roadmap, &schedule, today());
    assert!(out.starts_with(
        "```mermaid\ngantt\n    title SPBE roadmap 2025-2029\n    dateFormat YYYY-MM-DD\n"
    ));
    assert!(out.ends_with("```\n"));
    let sections: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("    section "))
        .collect();
    assert_eq!(sections.len(), 8);
    assert_eq!(sections[0], "Infrastructure");
    assert_eq!(sections[7], "Education");

    let tasks = tasks(&out);
    assert_eq!(tasks.len(), roadmap.items.len());
    let ids: HashSet<String> = roadmap.items.iter().map(|i| i.id.clone()).collect();
    let mut seen = HashSet::new();
    for (_, data) in &tasks {
        let id = data
            .iter()
            .find(|d| ids.contains(**d))
            .expect("every task names its item");
        assert!(seen.insert(id.to_string()), "{id} twice");
    }
    let crit = tasks.iter().filter(|(_, d)| d[0] == "crit").count();
    assert_eq!(crit, schedule.critical_count());
    let milestones = tasks
        .iter()
        .filter(|(_, d)| d.contains(&"milestone"))
        .count();
    assert_eq!(
        milestones,
        roadmap.items.iter().filter(|i| i.is_milestone()).count()
    );
    assert_eq!(milestones, 7);
    // Hand-checked: 2025-07-01 to 2026-03-31 is 274 days, right after its FS predecessor.
    assert!(out.contains(
        "\n    INApas national single sign-on :crit, done, inapas, after ina-digital-setup, 274d\n"
    ));
    assert!(out.contains(
        "\n    PDN phase 1 go-live :crit, done, milestone, ms-pdn-1-golive, 2026-01-15, 0d\n"
    ));
    // FS +14 to the final milestone: an explicit date, not `after`.
    assert!(out.contains(":crit, milestone, ms-spbe-2029-target, 2029-12-14, 0d\n"));
}

const TRICKY: &str = r#"{
  "format": "peta-roadmap/1", "title": "Tricky; #1: roadmap", "start": "2025-01-01",
  "end": "2025-12-31", "currency": "IDR",
  "sectors": [{"id": "ops", "name": "Ops: phase #1; 50%"}, {"id": "empty", "name": "Empty"}],
  "funding_schemes": [],
  "items": [
    {"id": "a b.c", "title": "Law: PP 71; #2 (100% done)", "kind": "initiative", "sector": "ops",
     "start": "2025-01-01", "end": "2025-01-10"},
    {"id": "a_b_c", "title": "Section 5 rollout", "kind": "initiative", "sector": "ops",
     "start": "2025-01-11", "end": "2025-01-20", "depends_on": ["a b.c"]},
    {"id": "done", "title": "2025-02-01 kickoff", "kind": "initiative", "sector": "ops",
     "start": "2025-02-01", "end": "2025-02-01", "depends_on": [{"id": "a_b_c", "type": "SS", "lag_days": 3}]},
    {"id": "m", "title": "%% not a comment", "kind": "milestone", "sector": "elsewhere",
     "start": "2025-03-01", "end": "2025-03-01"}
  ]
}"#;

fn tricky() -> (Roadmap, Schedule) {
    let roadmap = peta::store::parse(Path::new("t.json"), TRICKY.as_bytes()).unwrap();
    let schedule = schedule(&roadmap, &Options::new(today()));
    (roadmap, schedule)
}

#[test]
fn titles_sections_and_ids_are_escaped() {
    let (roadmap, schedule) = tricky();
    assert_eq!(mermaid_ids(&roadmap), ["a_b_c", "a_b_c_2", "id_done", "m"]);
    let out = mermaid_gantt(&roadmap, &schedule, today());
    let expected = "```mermaid
gantt
    title Tricky, No.1 - roadmap
    dateFormat YYYY-MM-DD
    axisFormat %Y-%m
    %% peta: forecast dates as of 2026-06-01; crit = critical path
    section Ops - phase No.1, 50 percent
    Law - PP 71, No.2 (100 percent done) :a_b_c, 2025-01-01, 10d
    - Section 5 rollout :a_b_c_2, after a_b_c, 10d
    - 2025-02-01 kickoff :id_done, 2025-02-01, 1d
    section (unknown sector)
    percent percent not a comment :crit, milestone, m, 2025-03-01, 0d
```
";
    assert_eq!(out, expected);
}

fn mermaid_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(
        std::env::var("PETA_MERMAID_DIR").unwrap_or_else(|_| "/opt/peta-consumers/mermaid".into()),
    );
    let found = common::runs("node")
        && dir
            .join("node_modules/mermaid/dist/mermaid.core.mjs")
            .exists();
    let what = format!("mermaid in {}", dir.display());
    common::consumer(found, &what, "mermaid.sh").then_some(dir)
}

/// Mermaid's own reading of the export: id -> (start, end, section, crit, milestone).
fn mermaid_reads(dir: &Path, text: &str) -> HashMap<String, (String, String, String, bool, bool)> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), text).unwrap();
    let out = std::process::Command::new("node")
        .arg("tests/consumers/mermaid_check.mjs")
        .arg(file.path())
        .env("PETA_MERMAID_DIR", dir)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mermaid refused the export: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            (
                f[0].to_string(),
                (
                    f[1].to_string(),
                    f[2].to_string(),
                    f[3].to_string(),
                    f[4] == "true",
                    f[5] == "true",
                ),
            )
        })
        .collect()
}

/// Mermaid must put every bar where peta's schedule does: start on the early start, end at
/// the start of the day after the early finish; milestones on their day.
fn assert_mermaid_agrees(roadmap: &Roadmap, schedule: &Schedule, dir: &Path) {
    let read = mermaid_reads(dir, &mermaid_gantt(roadmap, schedule, today()));
    let ids = mermaid_ids(roadmap);
    assert_eq!(read.len(), roadmap.items.len());
    for (i, item) in roadmap.items.iter().enumerate() {
        let computed = &schedule.items[i];
        let (start, end, _, crit, milestone) = &read[&ids[i]];
        let expected_end = if item.is_milestone() {
            computed.early_start
        } else {
            computed.early_finish.succ_opt().unwrap()
        };
        assert_eq!(
            start,
            &computed.early_start.to_string(),
            "{} start",
            item.id
        );
        assert_eq!(end, &expected_end.to_string(), "{} end", item.id);
        assert_eq!(*crit, computed.critical, "{} crit", item.id);
        assert_eq!(*milestone, item.is_milestone(), "{} milestone", item.id);
    }
}

#[test]
fn mermaid_parses_the_sample_with_peta_s_dates() {
    let Some(dir) = mermaid_dir() else { return };
    let (roadmap, schedule) = sample();
    assert_mermaid_agrees(&roadmap, &schedule, &dir);
    let read = mermaid_reads(&dir, &mermaid_gantt(&roadmap, &schedule, today()));
    assert_eq!(read["pdn-phase-1"].2, "Infrastructure");
}

#[test]
fn mermaid_parses_the_escaped_titles_and_ids() {
    let Some(dir) = mermaid_dir() else { return };
    let (roadmap, schedule) = tricky();
    assert_mermaid_agrees(&roadmap, &schedule, &dir);
    let read = mermaid_reads(&dir, &mermaid_gantt(&roadmap, &schedule, today()));
    assert_eq!(read["a_b_c"].2, "Ops - phase No.1, 50 percent");
}

#[test]
fn the_cli_writes_the_same_diagram_to_a_file_or_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("roadmap.md");
    let run = |args: &[&str]| {
        peta()
            .args(["export", SAMPLE, "--format", "mermaid", "--today", TODAY])
            .args(args)
            .output()
            .unwrap()
    };
    let printed = run(&[]);
    assert_eq!(printed.status.code(), Some(0));
    let written = run(&["-o", out_file.to_str().unwrap()]);
    assert_eq!(written.status.code(), Some(0));
    assert!(written.stdout.is_empty());
    assert_eq!(std::fs::read(&out_file).unwrap(), printed.stdout);
    let (roadmap, schedule) = sample();
    assert_eq!(
        String::from_utf8(printed.stdout).unwrap(),
        mermaid_gantt(&roadmap, &schedule, today())
    );
}

#[test]
fn mermaid_parses_a_roadmap_without_items() {
    let Some(dir) = mermaid_dir() else { return };
    let roadmap = Roadmap::new("Empty: new", 2025, 2026).unwrap();
    let schedule = schedule(&roadmap, &Options::new(today()));
    let out = mermaid_gantt(&roadmap, &schedule, today());
    assert!(!out.contains("section"));
    assert!(mermaid_reads(&dir, &out).is_empty());
}
