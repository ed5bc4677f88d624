//! `peta export --format tjp` scheduled by the real TaskJuggler (`tj3`): its task dates must be
//! peta's early dates. tj3 is required when PETA_REQUIRE_CONSUMERS=1 (CI), skipped otherwise.

mod common;

use common::{peta, today, SAMPLE, TODAY};
use peta::model::{format_date, Date, Kind, Roadmap};
use peta::report::export::tjp;
use peta::schedule::{schedule, Options, Schedule};
use std::collections::HashMap;
use std::path::Path;

/// Whether tj3 can run; see [`common::consumer`].
fn tj3_available() -> bool {
    common::consumer(common::runs("tj3"), "tj3", "tj3.sh")
}

/// Runs tj3 on the file and returns its peta-dates report: full task id -> (start, end), as
/// written (`YYYY-MM-DD-HH:MM`).
fn run_tj3(dir: &Path, file: &Path) -> HashMap<String, (String, String)> {
    let out = dir.join("reports");
    std::fs::create_dir_all(&out).unwrap();
    let result = std::process::Command::new("tj3")
        .args(["--silent", "--no-color", "-o"])
        .arg(&out)
        .arg(file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "tj3 failed on {}:\n{stderr}\n{}",
        file.display(),
        String::from_utf8_lossy(&result.stdout)
    );
    // Warnings would mean tj3 read the plan differently from peta.
    assert!(
        !stderr.contains("Warning") && !stderr.contains("Error"),
        "tj3 complained:\n{stderr}"
    );
    let csv = std::fs::read_to_string(out.join("peta-dates.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some(r#""Id";"Start";"End""#));
    lines
        .map(|line| {
            let cells: Vec<String> = line
                .split(';')
                .map(|c| c.trim_matches('"').to_string())
                .collect();
            assert_eq!(cells.len(), 3, "unexpected report line {line:?}");
            (cells[0].clone(), (cells[1].clone(), cells[2].clone()))
        })
        .collect()
}

/// The moments tj3 reports for an item with these inclusive peta dates: a task runs from its
/// first day 00:00 to the day after its last; a milestone sits at the end of its day.
fn moments(kind: Option<Kind>, start: Date, finish: Date) -> (String, String) {
    let next = |d: Date| format!("{}-00:00", format_date(d.succ_opt().unwrap()));
    if kind == Some(Kind::Milestone) {
        (next(start), next(finish))
    } else {
        (format!("{}-00:00", format_date(start)), next(finish))
    }
}

/// Exports with the library and with the binary (which must agree), runs tj3, and returns
/// its dates per item index.
fn schedule_with_tj3(
    roadmap_file: &Path,
    roadmap: &Roadmap,
    plan: &Schedule,
    dir: &Path,
) -> (tjp::TjpExport, Vec<(String, String)>) {
    let export = tjp::export(roadmap, plan, today());
    let file = dir.join("plan.tjp");
    peta()
        // Some of these roadmaps are broken on purpose.
        .args([
            "export", "--force", "--format", "tjp", "--today", TODAY, "-o",
        ])
        .arg(&file)
        .arg(roadmap_file)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), export.text);
    let report = run_tj3(dir, &file);
    let dates = export
        .task_ids
        .iter()
        .map(|id| {
            report
                .get(id)
                .unwrap_or_else(|| panic!("task {id} missing from tj3's report"))
                .clone()
        })
        .collect();
    (export, dates)
}

#[test]
fn tj3_schedules_the_sample_to_peta_dates() {
    if !tj3_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (roadmap, plan) = common::sample();
    let (export, dates) = schedule_with_tj3(Path::new(SAMPLE), &roadmap, &plan, dir.path());
    // Every link of the sample is exact in tj3 (FF, SF and leads included).
    assert!(export.approximated.is_empty(), "{:?}", export.approximated);
    assert!(!export.text.contains("APPROXIMATE"));
    let mut mismatches = Vec::new();
    for (i, item) in roadmap.items.iter().enumerate() {
        let s = &plan.items[i];
        let expected = moments(item.kind, s.early_start, s.early_finish);
        if dates[i] != expected {
            mismatches.push(format!(
                "{}: tj3 {:?}, peta {:?}",
                item.id, dates[i], expected
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(dates.len(), 59);
}

/// Every link type, lags, leads (one longer than its predecessor), a duplicated link, a
/// milestone after a start, ids that are not tj3 identifiers, and a hostile title.
const LINKS: &str = r#"{
  "format": "peta-roadmap/1", "title": "Links \"all\" ${HOME} $(PATH)", "start": "2025-01-01",
  "end": "2025-03-31", "currency": "IDR",
  "sectors": [{"id": "s-1", "name": "Sector one"}, {"id": "empty", "name": "Nothing here"}],
  "funding_schemes": [],
  "items": [
    {"id": "a", "title": "A", "kind": "initiative", "sector": "s-1", "start": "2025-01-06", "end": "2025-01-17"},
    {"id": "b", "title": "B", "kind": "initiative", "sector": "s-1", "start": "2025-01-01", "end": "2025-01-24", "progress": 50},
    {"id": "task", "title": "Migrate \"all\"\nnow\\", "kind": "initiative", "sector": "s-1", "start": "2025-01-13", "end": "2025-01-31",
     "depends_on": [{"id": "a", "type": "FS", "lag_days": 3}, {"id": "b", "type": "SS", "lag_days": 10}]},
    {"id": "go-live", "title": "Go live", "kind": "milestone", "sector": "s-1", "start": "2025-01-31", "end": "2025-01-31",
     "depends_on": ["task"]},
    {"id": "ff", "title": "FF", "kind": "initiative", "sector": "s-1", "start": "2025-01-01", "end": "2025-01-10",
     "depends_on": [{"id": "task", "type": "FF", "lag_days": 5}]},
    {"id": "sf", "title": "SF", "kind": "initiative", "sector": "s-1", "start": "2025-01-01", "end": "2025-01-05",
     "depends_on": [{"id": "b", "type": "SF", "lag_days": 30}]},
    {"id": "lead", "title": "Lead", "kind": "initiative", "sector": "nowhere", "start": "2025-01-02", "end": "2025-01-11",
     "depends_on": [{"id": "task", "type": "FS", "lag_days": -30}]},
    {"id": "1st.ms", "title": "Milestone at a start", "kind": "milestone", "sector": "s-1", "start": "2025-01-01", "end": "2025-01-01",
     "depends_on": [{"id": "a", "type": "SS", "lag_days": 0}]},
    {"id": "ss-lead", "title": "SS lead", "kind": "initiative", "sector": "s-1", "start": "2025-02-01", "end": "2025-02-05",
     "depends_on": [{"id": "go-live", "type": "SS", "lag_days": -3}]},
    {"id": "dup", "title": "Dup", "kind": "initiative", "sector": "s-1", "start": "2025-01-01", "end": "2025-01-03",
     "depends_on": ["a", {"id": "a", "type": "FS", "lag_days": 2}]}
  ]
}"#;

/// Hand-checked early dates (see docs/scheduling.md):
/// - task: FS+3 after a (ends 17 Jan) needs 21 Jan; SS+10 after b needs 11 Jan: 21 Jan-8 Feb.
/// - go-live: after task: 8 Feb. ff: finish >= 8 Feb + 5 = 13 Feb, 10 days: 4-13 Feb.
/// - sf: finish >= b's start + 30 = moment 31 Jan, 5 days: 26-30 Jan.
/// - lead: start >= 9 Feb - 30 = 10 Jan (planned 2 Jan): 10-19 Jan.
/// - 1st.ms: SS after a: the moment a starts (6 Jan 00:00), reported as 5 Jan.
/// - ss-lead: start >= go-live's moment (9 Feb 00:00) - 3 = 6 Feb: 6-10 Feb.
/// - dup: FS+2 after a wins over FS: 20-22 Jan.
const EXPECTED: [(&str, &str, &str); 10] = [
    ("a", "2025-01-06", "2025-01-17"),
    ("b", "2025-01-01", "2025-01-24"),
    ("task", "2025-01-21", "2025-02-08"),
    ("go-live", "2025-02-08", "2025-02-08"),
    ("ff", "2025-02-04", "2025-02-13"),
    ("sf", "2025-01-26", "2025-01-30"),
    ("lead", "2025-01-10", "2025-01-19"),
    ("1st.ms", "2025-01-05", "2025-01-05"),
    ("ss-lead", "2025-02-06", "2025-02-10"),
    ("dup", "2025-01-20", "2025-01-22"),
];

#[test]
fn every_link_type_is_exported_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("links.json");
    std::fs::write(&file, LINKS).unwrap();
    let roadmap = common::load(&file);
    let plan = schedule(&roadmap, &Options::new(today()));
    for (i, (id, start, finish)) in EXPECTED.iter().enumerate() {
        assert_eq!(roadmap.items[i].id, *id);
        let s = &plan.items[i];
        assert_eq!(
            (format_date(s.early_start), format_date(s.early_finish)),
            (start.to_string(), finish.to_string()),
            "peta's dates for {id}"
        );
    }

    let export = tjp::export(&roadmap, &plan, today());
    assert!(export.approximated.is_empty());
    let text = &export.text;
    // Ids become identifiers, grouped under sector tasks; the unknown sector gets a group and
    // the empty sector none.
    assert_eq!(
        export.task_ids,
        [
            "s_1.a",
            "s_1.b",
            "s_1.task",
            "s_1.go_live",
            "s_1.ff",
            "s_1.sf",
            "unknown_sector.lead",
            "s_1._1st_ms",
            "s_1.ss_lead",
            "s_1.dup"
        ]
    );
    assert!(!text.contains("task empty"));
    // Planned start as "no earlier than"; link forms hand-derived from the durations.
    assert!(text.contains("depends peta_plan_start { gapduration 12d }, s_1.a { gapduration 3d }, s_1.b { onstart gapduration 10d }"), "{text}");
    assert!(text.contains("depends peta_plan_start { gapduration 31d }, s_1.task\n"));
    assert!(
        text.contains("s_1.task { onstart gapduration 14d }"),
        "FF +5: 19 + 5 - 10"
    );
    assert!(
        text.contains("s_1.b { gapduration 1d }"),
        "SF +30: 30 - 5 after b's 24 days"
    );
    assert!(
        text.contains("s_1.a { gapduration 2d }\n"),
        "duplicates merge to the tightest"
    );
    // The lead of 30 days on a 19-day task stands in for task's own bounds less 30 days.
    assert!(text.contains("s_1.a { onstart gapduration 4d }"), "{text}");
    assert!(text.contains("leads reach before the start of s_1.task"));
    // Hostile text stays inside its string and expands no macro.
    assert!(text.contains(r#"project peta "Links \"all\" $ {HOME} $ (PATH)""#));
    assert!(text.contains(r#"task task "Migrate \"all\" now\ " {"#));

    // The whole file, reviewed by hand, so format changes show in review.
    insta::assert_snapshot!("links_tjp", text);

    if !tj3_available() {
        return;
    }
    let (_, dates) = schedule_with_tj3(&file, &roadmap, &plan, dir.path());
    for (i, (id, start, finish)) in EXPECTED.iter().enumerate() {
        let expected = moments(
            roadmap.items[i].kind,
            peta::model::parse_date(start).unwrap(),
            peta::model::parse_date(finish).unwrap(),
        );
        assert_eq!(dates[i], expected, "tj3's dates for {id}");
    }
}

/// Leads chained deeper than the expansion limit are clamped (a stronger bound, flagged in
/// the file) and tj3 still schedules the file.
#[test]
fn deep_chains_of_leads_are_clamped_and_flagged() {
    let mut items = Vec::new();
    for i in 0..60 {
        let deps = if i == 0 {
            String::new()
        } else {
            format!(
                r#", "depends_on": [{{"id": "i{}", "type": "SS", "lag_days": -1}}]"#,
                i - 1
            )
        };
        items.push(format!(
            r#"{{"id": "i{i}", "title": "Item {i}", "kind": "initiative", "sector": "s", "start": "2025-03-03", "end": "2025-03-09"{deps}}}"#
        ));
    }
    let json = format!(
        r#"{{"format": "peta-roadmap/1", "title": "Chain", "start": "2025-01-01", "end": "2025-12-31",
        "currency": "IDR", "sectors": [{{"id": "s", "name": "S"}}], "funding_schemes": [],
        "items": [{}]}}"#,
        items.join(",\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.json");
    std::fs::write(&file, json).unwrap();
    let roadmap = common::load(&file);
    let plan = schedule(&roadmap, &Options::new(today()));
    let export = tjp::export(&roadmap, &plan, today());
    // Item i needs i expansion steps (back to i0); past the limit the rest is clamped.
    let first = tjp::EXPANSION_LIMIT + 1;
    assert_eq!(export.approximated.first(), Some(&first));
    assert_eq!(export.approximated.len(), 60 - first);
    assert!(export.text.contains("# APPROXIMATE"));
    if !tj3_available() {
        return;
    }
    let (_, dates) = schedule_with_tj3(&file, &roadmap, &plan, dir.path());
    // Every item starts on its planned day in both schedulers: the clamp binds nowhere here.
    for (i, s) in plan.items.iter().enumerate() {
        assert_eq!(dates[i], moments(None, s.early_start, s.early_finish));
    }
}

/// 100,000 items with chains, leads and every link type export in linear time.
#[test]
fn a_hundred_thousand_items_export_quickly() {
    use peta::model::{Dependency, Item, LinkType};
    let mut roadmap = Roadmap::new("Big", 2025, 2030).unwrap();
    let sector = roadmap.sectors[0].id.clone();
    let n: u64 = 100_000;
    let types = [LinkType::FS, LinkType::SS, LinkType::FF, LinkType::SF];
    for i in 0..n {
        let start = Date::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(i % 1500);
        let depends_on = if i % 20 == 0 {
            Vec::new()
        } else {
            vec![Dependency {
                id: format!("i{}", i - 1),
                link: types[(i % 4) as usize],
                lag_days: if i % 7 == 0 { -40 } else { 2 },
                ..Default::default()
            }]
        };
        roadmap.items.push(Box::new(peta::model::Item {
            id: format!("i-{i}").replace('-', ""),
            title: format!("Item {i}"),
            kind: Some(Kind::Initiative),
            sector: sector.clone(),
            start: Some(start),
            end: Some(start + chrono::Days::new(10 + i % 30)),
            depends_on,
            ..Item::default()
        }));
    }
    let plan = schedule(&roadmap, &Options::new(today()));
    let export = tjp::export(&roadmap, &plan, today());
    assert_eq!(export.task_ids.len(), n as usize);
    assert_eq!(export.text.matches("\n  task ").count(), n as usize);
}

/// Links peta's schedule ignores (a cycle, an unknown id, a self-link) are left out and named
/// in comments, so tj3 schedules the rest as peta does.
#[test]
fn broken_links_are_left_out_as_peta_does() {
    let json = r#"{"format": "peta-roadmap/1", "title": "Cycle", "start": "2025-01-01",
      "end": "2025-12-31", "currency": "IDR", "sectors": [{"id": "s", "name": "S"}],
      "funding_schemes": [], "items": [
      {"id": "a", "title": "A", "kind": "initiative", "sector": "s", "start": "2025-01-06",
       "end": "2025-01-17", "depends_on": ["c", "ghost", "a"]},
      {"id": "b", "title": "B", "kind": "initiative", "sector": "s", "start": "2025-01-06",
       "end": "2025-01-17", "depends_on": ["a"]},
      {"id": "c", "title": "C", "kind": "initiative", "sector": "s", "start": "2025-01-06",
       "end": "2025-01-17", "depends_on": ["b"]},
      {"id": "", "title": "No id", "kind": "milestone", "sector": "s", "start": "2025-02-06",
       "end": "2025-02-06"}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cycle.json");
    std::fs::write(&file, json).unwrap();
    let roadmap = common::load(&file);
    let plan = schedule(&roadmap, &Options::new(today()));
    assert!(plan.has_cycle);
    let export = tjp::export(&roadmap, &plan, today());
    let text = &export.text;
    assert!(text.contains("# link: c FS +0 (left out, as by peta's schedule: it closes a cycle)"));
    assert!(text.contains("# link: ghost FS +0 (left out, as by peta's schedule: no such item)"));
    assert!(text
        .contains("# link: a FS +0 (left out, as by peta's schedule: it names the item itself)"));
    assert_eq!(export.task_ids[3], "s.item_4");
    if !tj3_available() {
        return;
    }
    let (_, dates) = schedule_with_tj3(&file, &roadmap, &plan, dir.path());
    for (i, item) in roadmap.items.iter().enumerate() {
        let s = &plan.items[i];
        assert_eq!(
            dates[i],
            moments(item.kind, s.early_start, s.early_finish),
            "{}",
            item.label(i)
        );
    }
    assert_eq!(dates[2].1, "2025-02-11-00:00", "c ends on 10 February");
}
