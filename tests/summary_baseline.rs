//! `peta summary FILE --baseline REV`: the plan compared with the plan at a git revision (or
//! in another file), in a real git repository. Values are hand-checked:
//!
//! Baseline (committed): a 01-01..01-10; b 01-11..01-20 after a; c 02-01..02-10; e.
//! Now: a lasts to 01-20, so b is pushed to 01-21..01-30 (+10 d, all of it past its planned
//! end); c was moved to 01-25..02-03 (-7 d); d is new (02-15..02-20, the finish); e is gone.
//! The window is the roadmap's 2025-01-01..2025-02-28: 59 days over 59 columns at width 69
//! (3 marker and space columns, 7 for the widest label `└ +10 d`), so day N of the year is
//! column N-1.

mod common;

use common::{item_json as item, Repo};
use serde_json::{json, Value};

const PETA: &str = env!("CARGO_BIN_EXE_peta");
const FILE: &str = "plan.roadmap.json";

fn plan(items: Value) -> Value {
    let mut value = common::roadmap_json(items);
    value["end"] = json!("2025-02-28");
    value
}

fn baseline() -> Value {
    plan(json!([
        item("a", "2025-01-01", "2025-01-10", &[]),
        item("b", "2025-01-11", "2025-01-20", &["a"]),
        item("c", "2025-02-01", "2025-02-10", &[]),
        item("e", "2025-01-05", "2025-01-06", &[]),
    ]))
}

fn current() -> Value {
    plan(json!([
        item("a", "2025-01-01", "2025-01-20", &[]),
        item("b", "2025-01-11", "2025-01-20", &["a"]),
        item("c", "2025-01-25", "2025-02-03", &[]),
        item("d", "2025-02-15", "2025-02-20", &[]),
    ]))
}

/// The baseline committed, the current plan in the working tree.
fn repository() -> Repo {
    let repo = Repo::new();
    repo.commit(FILE, &baseline(), "approved plan");
    repo.save(FILE, &current());
    repo
}

fn summary(repo: &Repo, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "summary",
        FILE,
        "--today",
        "2025-01-01",
        "--width",
        "69",
        "--color",
        "never",
    ];
    args.extend_from_slice(extra);
    let out = repo.run(PETA, &args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn lines_between<'a>(text: &'a str, from: &str, to: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|line| !line.starts_with(from))
        .take_while(|line| !line.starts_with(to))
        .collect()
}

#[test]
fn the_gantt_draws_baseline_bars_under_the_bars_with_the_slip() {
    let repo = repository();
    let (code, out, err) = summary(&repo, &["--baseline", "HEAD:plan.roadmap.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\nBaseline: HEAD:plan.roadmap.json\n"),
        "{out}"
    );
    let bar =
        |from: usize, n: usize, c: char| format!("{}{}", " ".repeat(from), c.to_string().repeat(n));
    let chart = lines_between(&out, "S (4)", "█ forecast");
    let expected = [
        "S (4)".to_string(),
        // a: days 1-20 now, 1-10 in the baseline.
        format!("  a       {}", "█".repeat(20)),
        format!("  └ +10 d {}", "░".repeat(10)),
        // b: 21-30, all past its planned end (▒); 11-20 in the baseline. Today is column 0.
        format!("  b       │{}", bar(19, 10, '▒')),
        format!("  └ +10 d │{}", bar(9, 10, '░')),
        // c: 25-34 now (Jan 25 to Feb 3), 32-41 in the baseline (Feb 1 to Feb 10).
        format!("  c       │{}", bar(23, 10, '█')),
        format!("  └ -7 d  │{}", bar(30, 10, '░')),
        // d: Feb 15 to Feb 20 is days 46-51; it sets the finish, so it is critical.
        format!("! d       │{}", bar(44, 6, '█')),
        "  └ new   │".to_string(),
    ];
    assert_eq!(chart, expected, "{out}");
    assert!(
        out.contains("░ baseline (└ finish vs baseline, days)"),
        "{out}"
    );
    let section = lines_between(&out, "Against the baseline", "Critical path");
    assert_eq!(
        section,
        [
            "Against the baseline",
            "────────────────────",
            // Wrapped at the page width, with a hanging indent.
            "Forecast finish: 2025-02-20 now, 2025-02-10 in the baseline: 10 days",
            "    later",
            "Items shown: 2 finish later, 1 earlier, 0 as in the baseline, 1 new",
            "Removed since: e",
            "",
            "Item  Baseline finish  Forecast finish   Slip",
            "a     2025-01-10       2025-01-20       +10 d",
            "b     2025-01-20       2025-01-30       +10 d",
            "c     2025-02-10       2025-02-03        -7 d",
            "d     new              2025-02-20",
            "",
        ],
        "{out}"
    );
}

#[test]
fn markdown_lists_the_slip_per_item_and_ascii_marks_the_baseline() {
    let repo = repository();
    let (code, out, err) = summary(
        &repo,
        &[
            "--baseline",
            "HEAD:plan.roadmap.json",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("## Against the baseline\n"), "{out}");
    for row in [
        "| `a` | 2025-01-10 | 2025-01-20 | +10 d |",
        "| `c` | 2025-02-10 | 2025-02-03 | -7 d |",
        "| `d` | new | 2025-02-20 |  |",
    ] {
        assert!(out.contains(row), "{row} in {out}");
    }
    let (_, out, _) = summary(&repo, &["--baseline", "HEAD:plan.roadmap.json", "--ascii"]);
    assert!(
        out.contains(&format!("  ^ +10 d {}\n", "-".repeat(10))),
        "{out}"
    );
}

#[test]
fn a_file_baseline_and_filters_work_and_a_bad_revision_stops_with_the_reason() {
    let repo = repository();
    repo.save("approved.json", &baseline());
    let (code, out, _) = summary(&repo, &["--baseline", "approved.json", "--critical"]);
    assert_eq!(code, 0);
    // Only d is shown; e's removal is not named under a filter.
    assert!(
        out.contains("Items shown: 0 finish later, 0 earlier, 0 as in the baseline, 1 new\n"),
        "{out}"
    );
    assert!(!out.contains("Removed since"), "{out}");
    // The same plan as its own baseline: nothing moved.
    let (_, out, _) = summary(&repo, &["--baseline", FILE]);
    assert!(
        out.contains("Every shown item finishes as in the baseline."),
        "{out}"
    );
    assert!(out.contains("  └ 0 d "), "{out}");
    let (code, out, err) = summary(&repo, &["--baseline", "HEAD~5:plan.roadmap.json"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("peta summary: baseline HEAD~5:plan.roadmap.json: git show failed:"),
        "{err}"
    );
}

/// The "Against the baseline" section in Bahasa Indonesia: translated words, Indonesian dates
/// in the facts (short ones in the table) and `h` (hari) for the slip, the values as above.
#[test]
fn the_baseline_section_in_indonesian() {
    let repo = repository();
    let (code, out, err) = summary(
        &repo,
        &["--baseline", "HEAD:plan.roadmap.json", "--lang", "id"],
    );
    assert_eq!(code, 0, "{err}");
    let section = lines_between(&out, "Terhadap pembanding", "Jalur kritis");
    // The facts wrap at width 69: compare with the line breaks and indents taken out.
    let text = section
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Prakiraan selesai: 20 Februari 2025 sekarang, 10 Februari 2025 pada pembanding: 10 hari lebih lambat",
        "Butir ditampilkan: 2 selesai lebih lambat, 1 lebih awal, 0 sama dengan pembanding, 1 baru",
        "Dihapus sejak itu: e",
        "Selesai pembanding",
        "Selisih",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    let row = |id: &str| {
        section
            .iter()
            .find(|line| line.starts_with(&format!("{id} ")))
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    assert_eq!(row("b").as_deref(), Some("b 20 Jan 2025 30 Jan 2025 +10 h"));
    assert_eq!(row("c").as_deref(), Some("c 10 Feb 2025 3 Feb 2025 -7 h"));
    assert_eq!(row("d").as_deref(), Some("d baru 20 Feb 2025"));
    assert!(!text.contains("baseline"), "{text}");
}
