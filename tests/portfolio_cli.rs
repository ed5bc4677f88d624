//! `peta check`, `peta schedule` and `peta summary` on the sample national portfolio and on
//! broken ones: exit codes, the cross-agency critical path, and messages naming member files.

mod common;

use common::{peta, stdout_of};
use predicates::prelude::*;
use std::fs;

const PORTFOLIO: &str = "roadmaps/national/portfolio.json";

/// `peta ARGS` succeeds (exit 0) and prints `text` somewhere on stdout.
fn prints(args: &[&str], text: &str) {
    peta()
        .args(args)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(text));
}

#[test]
fn check_passes_the_sample_portfolio() {
    prints(
        &["check", PORTFOLIO],
        "roadmaps/national/portfolio.json: portfolio \"National SPBE portfolio 2025-2029\": 4 members, 26 items\n1 file checked: 0 errors",
    );
}

#[test]
fn check_names_the_member_file_of_a_dangling_reference() {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir("roadmaps/national").unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let jabar = dir.path().join("jabar.json");
    let text = fs::read_to_string(&jabar)
        .unwrap()
        .replace("komdigi:jip-regional", "komdigi:jip-regionl");
    fs::write(&jabar, text).unwrap();
    let portfolio = dir.path().join("portfolio.json");
    peta()
        .args(["check", portfolio.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "{}: item \"regional-integration\": depends_on \"komdigi:jip-regionl\": no such item: member \"komdigi\" ({}) has no item \"jip-regionl\"",
            jabar.display(),
            dir.path().join("komdigi.json").display()
        )));
    // schedule still prints, with the error on stderr and exit 1.
    peta()
        .args([
            "schedule",
            portfolio.to_str().unwrap(),
            "--today",
            "2026-06-01",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("jabar:regional-integration"))
        .stderr(predicate::str::contains(format!(
            "{}: item \"regional-integration\": depends_on \"komdigi:jip-regionl\"",
            jabar.display()
        )));
    fs::remove_file(dir.path().join("kemendagri.json")).unwrap();
    peta()
        .args(["summary", portfolio.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "portfolio.json: member \"kemendagri\": path: \"kemendagri.json\": no such file",
        ));
}

#[test]
fn schedule_runs_the_critical_path_across_agencies() {
    let text = stdout_of(peta().args(["schedule", PORTFOLIO, "--today", "2026-06-01"]));
    assert!(text.starts_with(
        "National SPBE portfolio 2025-2029 (as of 2026-06-01)\nForecast finish 2029-06-29, target end 2029-12-31: 185 days early\nCritical path: komdigi:ms-pdn-golive -> komdigi:gov-cloud -> komdigi:ms-pdn-regional-ready -> jabar:dc-migration -> jabar:regional-integration -> jabar:ms-jabar-target\n"
    ), "{text}");
    assert!(text.contains(
        "jabar:pergub-spbe                     2026-10-01   2027-04-30    2026-12-01  2027-06-30      61    61        not-started  kemendagri:permendagri-regional-spbe"
    ), "{text}");
    assert!(text.ends_with(
        "Members of National SPBE portfolio 2025-2029:\nMEMBER      NAME        ITEMS  CRITICAL  FINISH      TARGET\nkomdigi     Komdigi         9         3  2027-12-31  2029-12-31  731 days early\npanrb       PANRB           7         0  2028-12-29  2029-12-31  367 days early\nkemendagri  Kemendagri      4         0  2027-06-30  2029-12-31  915 days early\njabar       Jawa Barat      6         3  2029-06-29  2029-12-31  185 days early\n"
    ), "{text}");
}

#[test]
fn schedule_json_gives_each_item_its_member() {
    let out = stdout_of(peta().args(["schedule", PORTFOLIO, "--json", "--today", "2026-06-01"]));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["portfolio"], "National SPBE portfolio 2025-2029");
    assert_eq!(value["finish"], "2029-06-29");
    let members: Vec<&str> = value["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["komdigi", "panrb", "kemendagri", "jabar"]);
    let item = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "jabar:dc-migration")
        .unwrap();
    assert_eq!(item["member"], "jabar");
    assert_eq!(item["local_id"], "dc-migration");
    assert_eq!(item["driving_predecessor"], "komdigi:ms-pdn-regional-ready");
    assert_eq!(item["critical"], true);
    assert_eq!(item["early_start"], "2027-07-01");
}

#[test]
fn summary_groups_by_member_then_sector() {
    let text = stdout_of(peta().args([
        "summary",
        PORTFOLIO,
        "--today",
        "2026-06-01",
        "--width",
        "120",
        "--color",
        "never",
    ]));
    let headings = [
        "Komdigi · Infrastructure (7)\n  komdigi:pdn-cikarang",
        "Komdigi · Regulation & policy (1)",
        "PANRB · Regulation & policy (3)",
        "Kemendagri · Population data (Dukcapil) (2)",
        "Jawa Barat · Infrastructure (1)\n! jabar:dc-migration",
    ];
    let at: Vec<usize> = headings
        .iter()
        .map(|h| {
            text.find(h)
                .unwrap_or_else(|| panic!("{h} missing:\n{text}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(text.contains("Items: 26, 6 critical"));
    // A sector of one member, by its qualified id.
    prints(
        &[
            "summary",
            PORTFOLIO,
            "--sector",
            "jabar:services",
            "--width",
            "100",
        ],
        "Showing: sectors jabar:services (3 of 26 items)",
    );
}

#[test]
fn fmt_writes_a_portfolio_in_its_canonical_form_keeping_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    fs::write(
        &path,
        r#"{"members": [{"path": "a.json", "agency": "Kominfo", "id": "a"}], "zz": 1, "title": "T", "format": "peta-portfolio/1"}"#,
    )
    .unwrap();
    let p = path.to_str().unwrap();
    peta().args(["fmt", "--check", p]).assert().code(1);
    peta().args(["fmt", p]).assert().code(0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{\n  \"format\": \"peta-portfolio/1\",\n  \"title\": \"T\",\n  \"members\": [\n    {\n      \"id\": \"a\",\n      \"path\": \"a.json\",\n      \"agency\": \"Kominfo\"\n    }\n  ],\n  \"zz\": 1\n}\n"
    );
    peta().args(["fmt", "--check", p]).assert().code(0);
    peta().args(["fmt", "--check", PORTFOLIO]).assert().code(0);
}

#[test]
fn funding_and_regulations_read_a_portfolio_per_member_scheme() {
    prints(
        &["funding", PORTFOLIO],
        "jabar:apbd       regional-budget  Rp 12,5 M  Rp 12,5 M   Rp 40 M  Rp 97,5 M  Rp 37,5 M  Rp 200 M",
    );
    prints(
        &["regulations", PORTFOLIO, "--today", "2026-06-01"],
        "  jabar:pergub-spbe                     Pergub       Diskominfo Jabar  target 2027-04-30\n      gates: jabar:dc-migration (0 days float, critical)",
    );
}
