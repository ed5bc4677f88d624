//! Exports checked by real consumers: the ICS by Python's `icalendar` (an RFC 5545 parser),
//! the MSPDI by MPXJ (the Java library behind many project tools, through JPype), which also
//! re-schedules it with its MS Project-style scheduler. The Python scripts in
//! tests/consumers/ print JSON facts that are compared with peta's own schedule here.
//!
//! `.ci/consumers.d/python.sh` installs the packages. With PETA_REQUIRE_CONSUMERS=1 (set by
//! CI) a missing consumer fails the test; otherwise the test says it skipped.

mod common;

use common::{peta, sample, SAMPLE, TODAY};
use peta::model::{format_date, Kind};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// True when python3 can import every module; see [`common::consumer`].
fn consumer_available(modules: &str) -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|out| out.status.success());
    common::consumer(found, &format!("python3 with {modules}"), "python.sh")
}

/// Runs a consumer script on a file and parses the JSON it prints.
fn facts(script: &str, file: &Path) -> Value {
    let out = std::process::Command::new("python3")
        .arg(Path::new("tests/consumers").join(script))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script} failed on {}:\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn export(dir: &Path, format: &str, name: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(name);
    peta()
        .args(["export", SAMPLE, "--format", format, "--today", TODAY, "-o"])
        .arg(&path)
        .args(extra)
        .assert()
        .success();
    path
}

fn day_after(date: peta::model::Date) -> String {
    format_date(date.succ_opt().unwrap())
}

#[test]
fn icalendar_parses_the_ics_with_one_event_per_milestone_and_regulation() {
    if !consumer_available("icalendar") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "ics", "roadmap.ics", &[]);
    let bytes = std::fs::read(&path).unwrap();
    // Every content line ends in CRLF and holds at most 75 octets.
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }

    let facts = facts("ics_facts.py", &path);
    assert_eq!(facts["version"], "2.0");
    assert_eq!(facts["calscale"], "GREGORIAN");
    let (roadmap, _) = sample();
    let expected: Vec<(String, String, String)> = roadmap
        .items
        .iter()
        .filter_map(|item| {
            let day = match item.kind {
                Some(Kind::Milestone) => item.start?,
                Some(Kind::Regulation) => item.end?,
                _ => return None,
            };
            Some((
                format!("{}@spbe-2025-2029.peta", item.id),
                format_date(day),
                day_after(day),
            ))
        })
        .collect();
    // 7 milestones and 11 regulation items in the sample.
    assert_eq!(expected.len(), 18);
    let events = facts["events"].as_array().unwrap();
    let got: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e["uid"].as_str().unwrap().to_string(),
                e["start"].as_str().unwrap().to_string(),
                e["end"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(events
        .iter()
        .all(|e| e["dtstamp"] == "2026-06-01T00:00:00+00:00"));
    // Escaped commas and newlines come back as written.
    let pp_pdp = events
        .iter()
        .find(|e| e["uid"].as_str().unwrap().starts_with("pp-pdp@"))
        .unwrap();
    assert!(pp_pdp["summary"]
        .as_str()
        .unwrap()
        .starts_with("Deadline: "));
    assert!(pp_pdp["description"]
        .as_str()
        .unwrap()
        .contains("\nRegulation: PP (harmonization)\n"));
}

#[test]
fn icalendar_reads_one_event_per_item_with_all() {
    if !consumer_available("icalendar") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "ics", "all.ics", &["--all"]);
    let facts = facts("ics_facts.py", &path);
    let (roadmap, _) = sample();
    let events = facts["events"].as_array().unwrap();
    assert_eq!(events.len(), roadmap.items.len());
    for (event, item) in events.iter().zip(&roadmap.items) {
        assert_eq!(event["uid"], format!("{}@spbe-2025-2029.peta", item.id));
        assert_eq!(event["start"], format_date(item.start.unwrap()));
        assert_eq!(event["end"], day_after(item.end.unwrap()));
        assert_eq!(event["summary"], item.title.as_str());
    }
    // The same UIDs as without --all: a calendar updates the events rather than adding more.
    let milestones = roadmap.items.iter().filter(|i| i.is_milestone()).count();
    assert_eq!(milestones, 7);
}

/// A calendar that subscribed to the export must see the same events after the planners
/// rename the roadmap: the UIDs come from the file name, not the title.
#[test]
fn icalendar_sees_the_same_uids_after_the_title_changes() {
    if !consumer_available("icalendar") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let before = export(dir.path(), "ics", "before.ics", &["--all"]);
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    value["title"] = "Peta Jalan SPBE Nasional 2025-2029 (revisi)".into();
    // The renamed copy keeps the file name, in a directory of its own.
    let renamed_dir = dir.path().join("renamed");
    std::fs::create_dir(&renamed_dir).unwrap();
    let renamed = common::write_json(&renamed_dir, "spbe-2025-2029.json", &value);
    let after = dir.path().join("after.ics");
    peta()
        .args(["export", "--format", "ics", "--all", "--today", TODAY, "-o"])
        .arg(&after)
        .arg(&renamed)
        .assert()
        .success();
    let (before, after) = (
        facts("ics_facts.py", &before),
        facts("ics_facts.py", &after),
    );
    assert_eq!(before["calname"], "SPBE roadmap 2025-2029");
    assert_eq!(
        after["calname"],
        "Peta Jalan SPBE Nasional 2025-2029 (revisi)"
    );
    let uids = |facts: &Value| -> Vec<String> {
        facts["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    let (a, b) = (uids(&before), uids(&after));
    assert_eq!(a.len(), 59);
    assert_eq!(a, b);
    assert_eq!(a[0], "pdn-phase-1@spbe-2025-2029.peta");
    let unique: std::collections::BTreeSet<&String> = a.iter().collect();
    assert_eq!(unique.len(), a.len());
}

#[test]
fn mpxj_reads_the_mspdi_with_peta_dates_links_and_ids_and_reschedules_it_the_same() {
    if !consumer_available("mpxj, jpype") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "mspdi", "roadmap.xml", &[]);
    let facts = facts("mspdi_facts.py", &path);
    assert_eq!(facts["file_type"], "MSPDI");
    let (roadmap, schedule) = sample();
    let tasks = facts["tasks"].as_array().unwrap();
    // One summary task per sector (all 8 are used) and one task per item.
    assert_eq!(tasks.len(), roadmap.items.len() + roadmap.sectors.len());
    assert_eq!(tasks.len(), 67);
    let summaries: Vec<&Value> = tasks.iter().filter(|t| t["summary"] == true).collect();
    assert_eq!(summaries.len(), 8);
    for (summary, sector) in summaries.iter().zip(&roadmap.sectors) {
        assert_eq!(summary["outline_level"], 1);
        assert_eq!(summary["name"], sector.name.as_str());
        assert_eq!(summary["text1"], sector.id.as_str());
    }

    let ids = roadmap.id_index();
    let mut uid_to_item = std::collections::HashMap::new();
    for task in tasks.iter().filter(|t| t["summary"] == false) {
        let id = task["text1"].as_str().unwrap();
        uid_to_item.insert(task["uid"].as_u64().unwrap(), ids[id]);
    }
    assert_eq!(uid_to_item.len(), roadmap.items.len());
    let mut links = 0;
    for task in tasks.iter().filter(|t| t["summary"] == false) {
        let index = uid_to_item[&task["uid"].as_u64().unwrap()];
        let (item, s) = (&roadmap.items[index], &schedule.items[index]);
        assert_eq!(task["outline_level"], 2);
        assert_eq!(task["name"], item.title.as_str());
        assert_eq!(task["milestone"], item.is_milestone());
        assert_eq!(task["percent_complete"], f64::from(item.progress));
        let start_time = if item.is_milestone() {
            "17:00"
        } else {
            "08:00"
        };
        assert_eq!(
            task["start"],
            format!("{}T{start_time}", format_date(s.early_start)),
            "{}",
            item.id
        );
        assert_eq!(
            task["finish"],
            format!("{}T17:00", format_date(s.early_finish)),
            "{}",
            item.id
        );
        let got: Vec<(String, String, f64)> = task["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let pred = uid_to_item[&l["predecessor"].as_u64().unwrap()];
                (
                    roadmap.items[pred].id.clone(),
                    l["type"].as_str().unwrap().to_string(),
                    l["lag_days"].as_f64().unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, String, f64)> = item
            .depends_on
            .iter()
            .map(|d| (d.id.clone(), d.link.to_string(), d.lag_days as f64))
            .collect();
        assert_eq!(got, want, "links of {}", item.id);
        links += got.len();
    }
    assert!(links > 60, "only {links} links");

    // MPXJ's scheduler, working like MS Project on the exported calendar and constraints,
    // lands every task on peta's dates.
    let rescheduled = facts["rescheduled"].as_object().unwrap();
    assert_eq!(rescheduled.len(), tasks.len());
    for task in tasks {
        let again = &rescheduled[&task["uid"].to_string()];
        assert_eq!(again[0], task["start"], "start of {}", task["name"]);
        assert_eq!(again[1], task["finish"], "finish of {}", task["name"]);
    }
}
