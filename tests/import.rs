//! `peta export --format csv|mspdi` and `peta import --from csv|mspdi`: exact output on a small
//! roadmap, round trips of the sample, every bad row reported, nothing written on errors.

mod common;

use assert_cmd::Command;
use common::{load, peta, same_items, stdout_of, write, SAMPLE, TODAY};
use peta::model::{Item, Roadmap};
use peta::schedule::{schedule, Options};
use std::path::Path;

/// Exports the sample on [`TODAY`] to `out` in `format`.
fn export_sample(format: &str, out: &Path) {
    peta()
        .args(["export", SAMPLE, "--format", format, "--today", TODAY, "-o"])
        .arg(out)
        .assert()
        .success();
}

/// `peta import --from <from> <file> -o <out>`, to be run and checked by the caller.
fn import(from: &str, file: &Path, out: &Path) -> Command {
    let mut cmd = peta();
    cmd.args(["import", "--from", from])
        .arg(file)
        .arg("-o")
        .arg(out);
    cmd
}

/// What `peta export --format <format> --today 2025-05-01 <file>` prints; it must succeed.
fn export_on_may_1(file: &Path, format: &str) -> String {
    stdout_of(
        peta()
            .args(["export", "--format", format, "--today", "2025-05-01"])
            .arg(file),
    )
}

const SMALL: &str = r#"{
  "format": "peta-roadmap/1", "title": "Small", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "Sector"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}],
  "items": [
    {"id": "law", "title": "Law", "kind": "regulation", "sector": "s", "start": "2025-01-01",
     "end": "2025-03-31", "progress": 0, "regulation": {"instrument": "PP", "stage": "drafting"}},
    {"id": "build", "title": "Build \"core\", phase 1", "kind": "initiative", "sector": "s",
     "owner": "Diskominfo", "start": "2025-04-01", "end": "2025-06-30", "depends_on": ["law"],
     "progress": 0, "cost": 1000, "notes": "line one\nline two",
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 600, "status": "committed"},
                 {"scheme": "apbn", "year": 2025, "amount": 400}],
     "talent": [{"role": "Engineer; senior", "count": 2}]},
    {"id": "live", "title": "Live", "kind": "milestone", "sector": "s", "start": "2025-07-10",
     "end": "2025-07-10", "depends_on": [{"id": "build", "type": "FS", "lag_days": 9}]}
  ]
}"#;

/// Hand-checked: law runs Jan 1 - Mar 31, build (FS) Apr 1 - Jun 30, live is held by its own
/// date (Jul 10; the link allows Jul 9). Backwards from live (the finish): build may end one
/// day later (free float 1 too), law one day later but its free float is 0 (build starts right
/// after it). On May 1 law is late (its end has passed), build is blocked by the regulation,
/// live (critical, a milestone) has not started.
#[test]
fn csv_export_of_a_small_roadmap_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "small.json", SMALL);
    let text = export_on_may_1(&file, "csv");
    let expected = [
        "id,title,sector,sector_name,kind,start,end,forecast_start,forecast_finish,total_float_days,free_float_days,critical,status,progress,owner,cost,committed_funding,depends_on,instrument,stage,funding,talent,notes",
        "law,Law,s,Sector,regulation,2025-01-01,2025-03-31,2025-01-01,2025-03-31,1,0,false,late,0,,,0,,PP,drafting,,,",
        "build,\"Build \"\"core\"\", phase 1\",s,Sector,initiative,2025-04-01,2025-06-30,2025-04-01,2025-06-30,1,1,false,blocked,0,Diskominfo,1000,600,law,,,apbn:2025:600:committed; apbn:2025:400,Engineer\\; senior:2,\"line one\nline two\"",
        "live,Live,s,Sector,milestone,2025-07-10,2025-07-10,2025-07-10,2025-07-10,0,0,true,not-started,0,,,0,build:FS+9,,,,,",
        "",
    ]
    .join("\r\n");
    assert_eq!(text, expected);
}

#[test]
fn the_sample_round_trips_through_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("spbe.csv");
    let json = dir.path().join("spbe.json");
    export_sample("csv", &csv);
    import("csv", &csv, &json)
        .args(["--title", "SPBE again"])
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 59 items"));
    let (original, imported) = (load(Path::new(SAMPLE)), load(&json));
    same_items(&original.items, &imported.items, true);
    assert_eq!(imported.title, "SPBE again");
    assert_eq!(imported.start, original.start);
    assert_eq!(imported.end, original.end);
    // Sector names travel in sector_name; the usual sectors of `peta new` come first.
    let infra = imported.sectors.iter().find(|s| s.id == "infra").unwrap();
    assert_eq!(infra.name, "Infrastructure");
    assert!(imported.sectors.iter().any(|s| s.id == "public-services"));
    assert!(peta::model::validate(&imported)
        .iter()
        .all(|p| !p.is_error()));
    // The same schedule comes out.
    let today = common::today();
    let (a, b) = (
        schedule(&original, &Options::new(today)),
        schedule(&imported, &Options::new(today)),
    );
    assert_eq!(a.finish, b.finish);
    assert_eq!(a.items, b.items);
}

#[test]
fn the_sample_round_trips_through_mspdi_except_money_lines() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("spbe.xml");
    let json = dir.path().join("spbe.json");
    export_sample("mspdi", &xml);
    import("mspdi", &xml, &json).assert().success().stderr("");
    let (original, imported) = (load(Path::new(SAMPLE)), load(&json));
    same_items(&original.items, &imported.items, false);
    assert_eq!(imported.title, original.title);
    let names = |r: &Roadmap| -> Vec<(String, String)> {
        r.sectors
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect()
    };
    assert_eq!(names(&imported), names(&original));
}

#[test]
fn a_hand_written_mspdi_file_imports_with_every_link_type_and_lag() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("small.json");
    import(
        "mspdi",
        Path::new("tests/fixtures/import/small-mspdi.xml"),
        &json,
    )
    .assert()
    .success()
    .stderr(
        "tests/fixtures/import/small-mspdi.xml: line 56: task UID 6 link from UID 1: \
             a link to a summary task is left out (peta links items, not sectors)\n",
    );
    let roadmap = load(&json);
    assert_eq!(roadmap.title, "Small MSPDI");
    assert_eq!(
        (roadmap.start, roadmap.end),
        (
            peta::model::parse_date("2025-01-01"),
            peta::model::parse_date("2025-12-31")
        )
    );
    let sectors: Vec<(&str, &str)> = roadmap
        .sectors
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        sectors,
        [("phase-one", "Phase one"), ("ungrouped", "Ungrouped tasks")]
    );
    let row = |item: &Item| {
        let deps: Vec<String> = item
            .depends_on
            .iter()
            .map(|d| format!("{} {} {}", d.id, d.link, d.lag_days))
            .collect();
        format!(
            "{} {} {} {}..{} {}% {:?} [{}]",
            item.id,
            item.kind.unwrap(),
            item.sector,
            item.start.unwrap(),
            item.end.unwrap(),
            item.progress,
            item.cost,
            deps.join(", ")
        )
    };
    let rows: Vec<String> = roadmap.items.iter().map(|item| row(item)).collect();
    assert_eq!(
        rows,
        [
            "draft-regulation initiative phase-one 2025-01-06..2025-01-17 0% None []",
            // The "start no earlier than" date is the planned start; the length (35 days) stays.
            "build-platform initiative phase-one 2025-01-20..2025-02-23 0% None [draft-regulation FS 5]",
            // 3 elapsed days; fixed cost 150000 hundredths.
            "train-staff-operators initiative phase-one 2025-01-09..2025-02-07 25% Some(1500) [draft-regulation SS 3]",
            "go-live milestone phase-one 2025-03-03..2025-03-03 0% None [build-platform FF 0, train-staff-operators SF -2]",
            "handover initiative ungrouped 2025-03-04..2025-03-04 0% None []",
        ]
    );
    assert_eq!(roadmap.items[2].title, "Train staff & operators");
    assert_eq!(roadmap.items[2].notes.as_deref(), Some("Two cohorts."));
}

#[test]
fn csv_import_reports_every_bad_row_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "plan.csv",
        "id,title,sector,kind,start,end,progress,depends_on,stage,cost\n\
         a,Alpha,infra,initiative,2025-01-01,2025-03-31,10,,,\n\
         b,Beta,infra,epic,2025-02-30,2025-03-31,120,a:XY,,\n\
         ,Gamma,infra,initiative,2025-01-01,,,,drafting,12.5\n\
         \n\
         a,Again,infra,milestone,2025-05-01,,,zz; a:SS+3,,\n\
         c,\"Quoted, with\n\
         a newline\",infra,initiative,2025-04-01,2025-03-01,,,,\n",
    );
    let out = dir.path().join("plan.json");
    let result = import("csv", &csv, &out).output().unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8(result.stderr).unwrap();
    let file = csv.display().to_string();
    let expected: Vec<String> = [
        "line 3: column \"kind\": \"epic\" is not \"initiative\", \"milestone\" or \"regulation\"",
        "line 3: column \"start\": \"2025-02-30\" is not a real date in the form YYYY-MM-DD",
        "line 3: column \"progress\": \"120\" is not a whole percentage from 0 to 100",
        "line 3: column \"depends_on\": dependency \"a\": link type \"XY\" is not \"FS\", \"SS\", \"FF\" or \"SF\"",
        "line 4: column \"id\": missing",
        "line 4: column \"end\": missing (only a milestone may leave it empty)",
        "line 4: column \"cost\": \"12.5\" is not a whole number of 0 or more (digits only)",
        "line 4: column \"stage\": only regulation items have an instrument and stage",
        "line 7: column \"end\": 2025-03-01 is before the start 2025-04-01",
        "line 6: column \"id\": \"a\" is already used on line 2",
        "line 6: column \"depends_on\": no row has the id \"zz\"",
        "nothing imported: 11 problems",
    ]
    .iter()
    .map(|line| format!("{file}: {line}"))
    .collect();
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
    assert!(!out.exists());
}

#[test]
fn csv_import_makes_new_sectors_and_whole_years_and_checks_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "Provinsi plan.csv",
        "\u{feff}ID , Title,Sector,Kind,Start,End,Instrument,Stage,Funding,Status\r\n\
         perda,Regional regulation,regulation,regulation,2025-03-01,2025-09-30,Perda,drafting,,late\r\n\
         pilot,Pilot,Dinas Kesehatan,initiative,2025-10-01,2027-02-28,,,apbd:2026:5:committed; hibah:2026:7,\r\n\
         done,Pilot done,Dinas Kesehatan,milestone,2027-02-28,,,,,\r\n",
    );
    let out = dir.path().join("plan.json");
    import("csv", &csv, &out).assert().success().stderr("");
    let roadmap = load(&out);
    assert_eq!(roadmap.title, "Provinsi plan");
    assert_eq!(roadmap.start, peta::model::parse_date("2025-01-01"));
    assert_eq!(roadmap.end, peta::model::parse_date("2027-12-31"));
    let last = roadmap.sectors.last().unwrap();
    assert_eq!(
        (last.id.as_str(), last.name.as_str()),
        ("Dinas Kesehatan", "Dinas Kesehatan")
    );
    assert_eq!(roadmap.funding_schemes.last().unwrap().id, "hibah");
    assert_eq!(roadmap.items[2].end, peta::model::parse_date("2027-02-28"));
    assert!(peta::model::validate(&roadmap).is_empty());

    // An existing file is never replaced.
    import("csv", &csv, &out).assert().code(1);
    assert_eq!(load(&out), roadmap);

    // A cycle passes every row but not validation: reported with its line, nothing written.
    let cyclic = write(
        dir.path(),
        "cycle.csv",
        "id,title,sector,kind,start,end,depends_on\n\
         a,A,s,initiative,2025-01-01,2025-01-31,b\n\
         b,B,s,initiative,2025-02-01,2025-02-28,a\n",
    );
    let out = dir.path().join("cycle.json");
    import("csv", &cyclic, &out)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "cycle.csv: line 2: item \"a\": depends_on: dependency cycle",
        ));
    assert!(!out.exists());
}

#[test]
fn csv_import_refuses_unknown_and_missing_columns() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "x.csv", "id,title,sektor,kind,start,end\n");
    let result = import("csv", &csv, Path::new("/nonexistent/never.json"))
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("line 1: unknown column \"sektor\"; the columns are id, title,"));
    assert!(stderr.contains("line 1: the required column \"sector\" is missing"));
}

#[test]
fn mspdi_import_rejects_files_that_are_not_project_xml() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.xml", "<Project><Tasks><Task></Project>");
    let other = write(dir.path(), "other.xml", "<?xml version=\"1.0\"?>\n<html/>");
    let out = dir.path().join("out.json");
    for (file, message) in [
        (&broken, "not well-formed XML"),
        (&other, "line 2: the root element is <html>, not <Project>"),
    ] {
        import("mspdi", file, &out)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(message));
        assert!(!out.exists());
    }
}

/// Key lines of the ICS and MSPDI exports of the small roadmap, checked without consumers.
#[test]
fn ics_and_mspdi_of_a_small_roadmap_carry_the_hand_checked_values() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "small.json", SMALL);
    let run = |format: &str| export_on_may_1(&file, format);
    // Unfolded: long lines continue after CRLF and a space.
    let ics = run("ics").replace("\r\n ", "");
    let events: Vec<&str> = ics
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|e| e.split("END:VEVENT").next().unwrap())
        .collect();
    assert_eq!(events.len(), 2);
    assert!(events[0].starts_with(
        "UID:law@small.peta\r\nDTSTAMP:20250501T000000Z\r\nDTSTART;VALUE=DATE:20250331\r\n\
         DTEND;VALUE=DATE:20250401\r\nSUMMARY:Deadline: Law\r\n\
         DESCRIPTION:Status: late\\, progress 0%\\nForecast: 2025-01-01 to 2025-03-31\\nSector: Sector\\nRegulation: PP (drafting)\\npeta id: law\r\n"
    ), "{}", events[0]);
    assert!(events[1].starts_with(
        "UID:live@small.peta\r\nDTSTAMP:20250501T000000Z\r\nDTSTART;VALUE=DATE:20250710\r\n\
         DTEND;VALUE=DATE:20250711\r\nSUMMARY:Live\r\n"
    ));

    let xml = run("mspdi");
    let task = |uid: &str| {
        let start = xml.find(&format!("<UID>{uid}</UID>")).unwrap();
        let end = start + xml[start..].find("</Task>").unwrap();
        xml[start..end].to_string()
    };
    // UID 1 is the sector's summary task; the items follow as 2, 3, 4.
    let summary = task("1");
    assert!(summary.contains("<Name>Sector</Name>"));
    assert!(summary.contains("<Summary>1</Summary>"));
    assert!(summary.contains("<Start>2025-01-01T08:00:00</Start>"));
    assert!(summary.contains("<Finish>2025-07-10T17:00:00</Finish>"));
    let law = task("2");
    assert!(
        law.contains("<Duration>PT720H0M0S</Duration>"),
        "90 days of 8 h"
    );
    assert!(law.contains("<Deadline>2025-03-31T17:00:00</Deadline>"));
    let build = task("3");
    assert!(build.contains("<Name>Build &quot;core&quot;, phase 1</Name>"));
    assert!(build.contains("<FixedCost>100000</FixedCost>"));
    assert!(build.contains("<Notes>line one\nline two</Notes>"));
    assert!(build.contains(
        "<PredecessorUID>2</PredecessorUID>\n        <Type>1</Type>\n        \
         <CrossProject>0</CrossProject>\n        <LinkLag>0</LinkLag>"
    ));
    let live = task("4");
    assert!(live.contains("<Start>2025-07-10T17:00:00</Start>"));
    assert!(live.contains("<Milestone>1</Milestone>"));
    assert!(live.contains("<Critical>1</Critical>"));
    assert!(
        live.contains("<LinkLag>43200</LinkLag>"),
        "9 days of 4800 tenths of a minute"
    );
    assert!(live.contains("<ConstraintType>4</ConstraintType>"));
}

#[test]
fn csv_talent_lines_keep_their_year_and_refuse_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.csv",
        "id,title,sector,kind,start,end,talent\n\
         a,Alpha,infra,initiative,2025-01-01,2026-12-31,Analyst:2:2026; PM:1\n",
    );
    let out = dir.path().join("good.json");
    import("csv", &good, &out).assert().success();
    let roadmap = peta::store::load(&out).unwrap().roadmap;
    let talent = &roadmap.items[0].talent;
    assert_eq!(
        (talent[0].role.as_str(), talent[0].count, talent[0].year),
        ("Analyst", 2, Some(2026))
    );
    assert_eq!(
        (talent[1].role.as_str(), talent[1].count, talent[1].year),
        ("PM", 1, None)
    );

    let bad = write(
        dir.path(),
        "bad.csv",
        "id,title,sector,kind,start,end,talent\n\
         a,Alpha,infra,initiative,2025-01-01,2026-12-31,Analyst:2:26x\n",
    );
    let out = dir.path().join("bad.json");
    let result = import("csv", &bad, &out).output().unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.contains(
            "line 2: column \"talent\": \"Analyst:2:26x\": year is not a year from 1900 to 2200"
        ),
        "{stderr}"
    );
    assert!(!out.exists());
}
