//! The real `peta` binary: exit codes, messages and files written.

mod common;

use common::{peta, write, SAMPLE};
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const SMALL: &str = r#"{
  "format": "peta-roadmap/1", "title": "Small", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "Sector"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}],
  "items": [
    {"id": "law", "title": "Law", "kind": "regulation", "sector": "s", "start": "2025-01-01",
     "end": "2025-03-31", "progress": 0, "regulation": {"instrument": "PP", "stage": "drafting"}},
    {"id": "build", "title": "Build", "kind": "initiative", "sector": "s", "start": "2025-04-01",
     "end": "2025-06-30", "depends_on": ["law"], "progress": 0, "x-future": {"keep": true}},
    {"id": "live", "title": "Live", "kind": "milestone", "sector": "s", "start": "2025-07-10",
     "end": "2025-07-10", "depends_on": [{"id": "build", "type": "FS", "lag_days": 9}]}
  ]
}"#;

#[test]
fn check_passes_the_sample_roadmap() {
    peta()
        .args(["check", SAMPLE])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 file checked: 0 errors"));
}

#[test]
fn check_reports_every_problem_with_file_item_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = SMALL
        .replace(r#""depends_on": ["law"]"#, r#""depends_on": ["law", "x"]"#)
        .replace(r#""start": "2025-07-10""#, r#""start": "2025-02-30""#)
        .replace(
            r#""progress": 0, "regulation""#,
            r#""progress": 140, "regulation""#,
        );
    let file = write(dir.path(), "roadmap.json", &text);
    let shown = file.display().to_string();
    let out = peta()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(&format!(
            "{shown}: item \"build\": depends_on \"x\": no such item"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{shown}: item \"live\": start: \"2025-02-30\" is not a real date"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{shown}: item \"law\": progress: 140 is out of range"
        )),
        "{out}"
    );
    assert!(
        out.contains("1 file checked: 3 errors, 0 warnings"),
        "{out}"
    );
}

#[test]
fn check_prints_cycles_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = SMALL.replace(
        r#""depends_on": ["law"]"#,
        r#""depends_on": ["law", "live"]"#,
    );
    let file = write(dir.path(), "cycle.json", &text);
    peta().arg("check").arg(&file).assert().code(1).stdout(
        predicate::str::contains("dependency cycle")
            .and(predicate::str::contains("build -> live -> build")),
    );
}

#[test]
fn check_reports_syntax_errors_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "broken.json",
        "{\n  \"format\": \"peta-roadmap/1\",\n  \"title\": oops\n}\n",
    );
    let shown = file.display().to_string();
    peta()
        .arg("check")
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{shown}:3:12: invalid JSON"
        )));
}

#[test]
fn check_survives_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 5] = [
        ("empty.json", b""),
        ("array.json", b"[1, 2]"),
        ("binary.json", &[0xff, 0xfe, 0x00, 0x7b]),
        (
            "huge.json",
            b"{\"format\": \"peta-roadmap/1\", \"items\": [{\"id\": \"a\", \"cost\": 1e400}]}",
        ),
        ("deep.json", &[b'['; 100_000]),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let assert = peta().arg("check").arg(&path).assert().code(1);
        let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
        assert!(out.contains(&path.display().to_string()), "{name}: {out}");
        assert!(
            !String::from_utf8_lossy(&assert.get_output().stderr).contains("panicked"),
            "{name}"
        );
    }
}

#[test]
fn check_on_a_missing_file_names_it() {
    peta()
        .args(["check", "no/such/file.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no/such/file.json: cannot read"));
}

#[test]
fn usage_errors_exit_2() {
    peta().arg("check").assert().code(2);
    peta()
        .args(["schedule", SAMPLE, "--today", "2025-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a real date"));
    peta().args(["frobnicate", "--bogus"]).assert().code(2);
}

#[test]
fn schedule_json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "small.json", SMALL);
    let out = peta()
        .args(["schedule", "--json", "--today", "2025-05-01"])
        .arg(&file)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    // law 2025-01-01..03-31, build 04-01..06-30 after it, live 9 days after build: 07-09 end of day
    // puts the milestone at the end of 2025-07-09, but its planned date 07-10 is later and wins.
    assert_eq!(value["finish"], "2025-07-10");
    assert_eq!(value["target_end"], "2025-12-31");
    assert_eq!(value["slip_days"], -174);
    assert_eq!(value["critical_path"], serde_json::json!(["live"]));
    let build = &value["items"][1];
    assert_eq!(build["id"], "build");
    assert_eq!(build["early_start"], "2025-04-01");
    assert_eq!(build["early_finish"], "2025-06-30");
    assert_eq!(build["late_finish"], "2025-07-01");
    assert_eq!(build["total_float_days"], 1);
    assert_eq!(build["free_float_days"], 1);
    assert_eq!(build["critical"], false);
    assert_eq!(build["driving_predecessor"], "law");
    assert_eq!(build["status"], "blocked");
    assert_eq!(build["reason"], "blocked by regulation law (drafting)");
    assert_eq!(value["items"][0]["status"], "late");
}

#[test]
fn schedule_prints_a_readable_table() {
    peta()
        .args(["schedule", SAMPLE, "--today", "2026-12-01"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(
                "Forecast finish 2029-12-14, target end 2029-12-31: 17 days early",
            )
            .and(predicate::str::contains("Critical path: "))
            .and(predicate::str::contains("ms-spbe-2029-target"))
            .and(predicate::str::contains("blocked by regulation")),
        );
}

#[test]
fn schedule_of_a_roadmap_with_errors_still_prints_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "x.json",
        &SMALL.replace(
            r#""sector": "s", "start": "2025-04-01""#,
            r#""sector": "nope", "start": "2025-04-01""#,
        ),
    );
    peta()
        .args(["schedule", "--today", "2025-05-01"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Forecast finish"))
        .stderr(predicate::str::contains(
            "item \"build\": sector: \"nope\" is not a sector",
        ));
}

#[test]
fn fmt_rewrites_canonically_and_keeps_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "small.json", SMALL);
    peta()
        .args(["fmt", "--check"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not in the canonical form"));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        SMALL,
        "--check must not write"
    );
    peta()
        .arg("fmt")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("formatted"));
    let formatted = fs::read_to_string(&file).unwrap();
    assert!(
        formatted.contains("\"x-future\": {\n        \"keep\": true\n      }"),
        "{formatted}"
    );
    assert!(formatted.ends_with("}\n"));
    peta().args(["fmt", "--check"]).arg(&file).assert().code(0);
    let before = fs::metadata(&file).unwrap().modified().unwrap();
    peta()
        .arg("fmt")
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    assert_eq!(
        fs::metadata(&file).unwrap().modified().unwrap(),
        before,
        "a canonical file is left alone"
    );
}

#[test]
fn fmt_leaves_unparseable_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bad.json", "{ not json");
    peta()
        .arg("fmt")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid JSON"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "{ not json");
}

#[test]
fn new_creates_a_valid_roadmap_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.json");
    peta()
        .arg("new")
        .arg(&file)
        .args(["--title", "Rencana", "--from", "2025", "--to", "2029"])
        .assert()
        .code(0);
    peta().arg("check").arg(&file).assert().code(0);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"start\": \"2025-01-01\"") && text.contains("\"end\": \"2029-12-31\""),
        "{text}"
    );
    assert!(text.contains("\"id\": \"apbn\""));
    fs::write(&file, "mine").unwrap();
    peta()
        .arg("new")
        .arg(&file)
        .args(["--title", "X", "--from", "2025", "--to", "2026"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    peta()
        .arg("new")
        .arg(dir.path().join("b.json"))
        .args(["--title", "X", "--from", "2029", "--to", "2025"])
        .assert()
        .code(2);
}

#[test]
fn every_invalid_fixture_fails_check_cleanly() {
    let folder = Path::new("tests/fixtures/invalid");
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let assert = peta().arg("check").arg(&path).assert();
        let output = assert.get_output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(&path.display().to_string()),
            "{} not named: {stdout}",
            path.display()
        );
    }
}

#[test]
fn export_refuses_all_outside_ics_as_a_usage_error() {
    peta()
        .args(["export", SAMPLE, "--format", "csv", "--all"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--all applies to --format ics only",
        ));
}

/// `peta export --format csv -o out` of SMALL with a dependency on a missing item (an error).
fn export_broken_csv(dir: &Path, out: &Path, extra: &[&str]) -> assert_cmd::Command {
    let broken = SMALL.replace(r#""depends_on": ["law"]"#, r#""depends_on": ["nowhere"]"#);
    let file = write(dir, "broken.json", &broken);
    let mut cmd = peta();
    cmd.arg("export")
        .arg(&file)
        .args(["--format", "csv"])
        .args(extra)
        .arg("-o")
        .arg(out);
    cmd
}

#[test]
fn export_refuses_a_roadmap_with_errors_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    export_broken_csv(dir.path(), &out, &[])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "depends_on \"nowhere\": no such item",
        ))
        .stderr(predicate::str::contains("not exported"));
    assert!(!out.exists());
}

#[test]
fn export_force_writes_a_broken_roadmap_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    export_broken_csv(dir.path(), &out, &["--force"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "exported with the broken parts left out",
        ));
    let csv = fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
}

#[test]
fn generate_is_deterministic_valid_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let out = dir.path().join(name);
        peta()
            .args(["generate", "--items", "300", "--seed", seed, "-o"])
            .arg(&out)
            .assert()
            .success()
            .stdout(predicate::str::contains("generated 300 items"));
        out
    };
    let (a, b, c) = (run("a.json", "7"), run("b.json", "7"), run("c.json", "8"));
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
    assert_ne!(fs::read(&a).unwrap(), fs::read(&c).unwrap());
    let roadmap = peta::store::load(&a).unwrap().roadmap;
    assert_eq!(roadmap.items.len(), 300);
    assert_eq!(roadmap, peta::generate::roadmap(300, 2, 7));
    peta()
        .arg("check")
        .arg(&a)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 errors"));
    let before = fs::read(&a).unwrap();
    peta()
        .args(["generate", "--items", "10", "-o"])
        .arg(&a)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already exists; not overwriting it",
        ));
    assert_eq!(fs::read(&a).unwrap(), before);
}
