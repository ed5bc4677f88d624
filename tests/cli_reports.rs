//! `peta funding`, `peta regulations`, `peta talent` and the funding warnings of `peta check`,
//! run as the real binary on tests/fixtures/valid/funding-talent-regulations.json (whose
//! figures are worked out by hand in tests/funding_reports.rs).

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

const FILE: &str = "tests/fixtures/valid/funding-talent-regulations.json";

fn peta() -> Command {
    let mut cmd = Command::cargo_bin("peta").unwrap();
    cmd.env("PETA_CONFIG_DIR", "/nonexistent/peta-test-config")
        .env("PETA_DATA_DIR", "/nonexistent/peta-test-data");
    cmd
}

fn stdout(args: &[&str]) -> String {
    let output = peta().args(args).assert().code(0).get_output().clone();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn funding_by_scheme_marks_ceiling_breaches() {
    let out = stdout(&["funding", FILE, "--today", "2025-08-01"]);
    assert!(out.contains("Cost Rp 500; funded Rp 320: Rp 190 committed (of which Rp 40 disbursed), Rp 130 proposed"), "{out}");
    assert!(
        out.contains("apbn    state-budget  Rp 100  Rp 70 !  Rp 20  Rp 190"),
        "{out}"
    );
    assert!(out.contains("  b: gap Rp 170 of Rp 200"), "{out}");
}

#[test]
fn funding_by_year_and_by_sector() {
    let out = stdout(&["funding", FILE, "--by", "year", "--today", "2025-08-01"]);
    assert!(
        out.contains("YEAR   PROPOSED  COMMITTED  DISBURSED   TOTAL"),
        "{out}"
    );
    assert!(
        out.contains("TOTAL    Rp 130     Rp 150      Rp 40  Rp 320"),
        "{out}"
    );
    let out = stdout(&["funding", FILE, "--by", "sector", "--today", "2025-08-01"]);
    assert!(
        out.contains("infra       Rp 100  Rp 120  Rp 20  Rp 300     Rp 160  Rp 140"),
        "{out}"
    );
}

#[test]
fn funding_json_has_exact_figures() {
    let out = stdout(&["funding", FILE, "--json", "--today", "2025-08-01"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["totals"]["funded"], 320);
    assert_eq!(json["totals"]["disbursed"], 40);
    assert_eq!(json["by_sector"][1]["totals"]["gap"], 170);
    assert_eq!(json["by_year"][1]["proposed"], 80);
    assert_eq!(json["ceiling_breaches"][0]["scheme"], "apbn");
    assert_eq!(json["outside_item_years"][0]["id"], "a");
}

#[test]
fn big_amounts_print_compact_for_people_and_exact_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(FILE)
        .unwrap()
        .replace("\"amount\": 100,", "\"amount\": 2700000000000,");
    let path = dir.path().join("big.json");
    fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let out = stdout(&["funding", path]);
    assert!(out.contains("Rp 2,7 T"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["funding", path, "--json"])).unwrap();
    assert_eq!(
        json["by_scheme"][0]["per_year"]["2025"],
        2_700_000_000_000u64
    );
}

#[test]
fn regulations_pipeline_text_and_json() {
    let out = stdout(&["regulations", FILE, "--today", "2025-08-01"]);
    assert!(out.contains("DRAFTING (1)\n  r1  Permen   Kominfo  target 2025-06-30  OVERDUE\n      gates: a (549 days float, blocked)"), "{out}");
    assert!(out.contains("2 regulations, 1 enacted, 1 overdue"), "{out}");
    // Before r1's target it is not overdue.
    let out = stdout(&["regulations", FILE, "--today", "2025-06-30"]);
    assert!(out.contains("0 overdue"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "regulations",
        FILE,
        "--json",
        "--today",
        "2025-08-01",
    ]))
    .unwrap();
    assert_eq!(json["regulations"][0]["instrument"], "Permen");
    assert_eq!(json["regulations"][1]["gates"][0]["critical"], true);
}

#[test]
fn talent_text_and_json() {
    let out = stdout(&["talent", FILE]);
    assert!(
        out.contains("Analyst        2       3       1       3  2026"),
        "{out}"
    );
    assert!(out.contains("  Engineer: 5 in 2027: b (5)"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["talent", FILE, "--json"])).unwrap();
    assert_eq!(json["roles"][0]["per_year"]["2026"], 3);
    assert_eq!(json["year_totals"]["2027"], 6);
}

#[test]
fn check_reports_funding_warnings_and_exits_0() {
    peta()
        .args(["check", FILE])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "funding-talent-regulations.json: warning: funding scheme \"apbn\": ceilings.2026:",
        ))
        .stdout(predicate::str::contains("(budget-cycle gate)"))
        .stdout(predicate::str::contains(
            "1 file checked: 0 errors, 3 warnings",
        ));
}

#[test]
fn exit_codes_for_missing_files_errors_and_bad_usage() {
    for command in ["funding", "regulations", "talent"] {
        peta()
            .args([command, "/nonexistent/x.json"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("/nonexistent/x.json"));
    }
    peta()
        .args(["funding", FILE, "--by", "owner"])
        .assert()
        .code(2);
    // A roadmap with errors is still reported, and the errors go to stderr with exit 1.
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(FILE)
        .unwrap()
        .replace("\"scheme\": \"loan\"", "\"scheme\": \"kpbu\"");
    let path = dir.path().join("broken.json");
    fs::write(&path, text).unwrap();
    peta()
        .args(["funding", path.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("(unknown scheme)"))
        .stderr(predicate::str::contains(
            "\"kpbu\" is not a funding scheme of this roadmap",
        ));
}
