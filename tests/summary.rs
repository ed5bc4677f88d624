//! `render_summary`: hand-checked Gantt lines on a small roadmap, section facts, widths,
//! ASCII and colour, snapshots of the sample, and the 100,000-item budget.

use peta::generate;

use peta::model::{Date, Roadmap};
use peta::report::summary::{render_summary, Format, SummaryOptions};
use peta::schedule::{schedule, Options, Schedule};
use std::path::Path;
use unicode_width::UnicodeWidthStr;

const SAMPLE: &str = "roadmaps/spbe-2025-2029.json";

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn parse(text: &str) -> Roadmap {
    peta::store::parse(Path::new("t.json"), text.as_bytes()).unwrap()
}

fn sample() -> Roadmap {
    peta::store::load(Path::new(SAMPLE)).unwrap().roadmap
}

fn scheduled(roadmap: &Roadmap, today: Date) -> Schedule {
    schedule(roadmap, &Options::new(today))
}

/// One year, three items, all critical: law (regulation, drafting) -> build -> live.
/// At 81 columns the ids take 5 and the bars 73: 5 days a column.
const SMALL: &str = r#"{
  "format": "peta-roadmap/1", "title": "Small", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{"id": "s", "name": "Sector"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}, {"id": "loan", "name": "Loan"}],
  "items": [
    {"id": "law", "title": "Law", "kind": "regulation", "sector": "s", "start": "2025-01-01",
     "end": "LAW_END", "progress": 0, "regulation": {"instrument": "PP", "stage": "drafting"}},
    {"id": "build", "title": "Build", "kind": "initiative", "sector": "s", "start": "2025-04-01",
     "end": "2025-06-30", "depends_on": ["law"], "progress": 0, "cost": 3000000000,
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 1000000000, "status": "committed"},
                 {"scheme": "loan", "year": 2025, "amount": 500000000}]},
    {"id": "live", "title": "Live", "kind": "milestone", "sector": "s", "start": "2025-07-09",
     "end": "2025-07-09", "depends_on": [{"id": "build", "type": "FS", "lag_days": 9}]}
  ]
}"#;

fn small(law_end: &str) -> Roadmap {
    parse(&SMALL.replace("LAW_END", law_end))
}

fn text_at(roadmap: &Roadmap, today: Date, width: usize) -> String {
    let options = SummaryOptions {
        width,
        ..SummaryOptions::new(today)
    };
    render_summary(roadmap, &scheduled(roadmap, today), &options)
}

fn line_starting<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start:?} in\n{out}"))
}

#[test]
fn gantt_bars_land_on_the_hand_computed_columns() {
    let roadmap = small("2025-03-31");
    let out = text_at(&roadmap, date(2025, 5, 1), 81);
    // law: Jan 1 (col 0) to Mar 31 (day 89, col 17); today May 1 is day 120, col 24.
    assert_eq!(
        line_starting(&out, "! law"),
        format!("! law   {}{}│", "█".repeat(18), " ".repeat(6))
    );
    // build: Apr 1 (day 90, col 18) to Jun 30 (day 180, col 36) over the today line; the
    // year line of 2025 in column 0.
    assert_eq!(
        line_starting(&out, "! build"),
        format!("! build ┊{}{}", " ".repeat(17), "█".repeat(19))
    );
    // live: Jul 9 is day 189, col 37.
    assert_eq!(
        line_starting(&out, "! live"),
        format!("! live  ┊{}│{}◆", " ".repeat(23), " ".repeat(12))
    );
    assert!(
        out.contains("2025-01-01 to 2025-12-31, one column ≈ 5 days\n"),
        "{out}"
    );
    assert!(out.contains("\nSector (3)\n"), "{out}");
    assert!(
        out.contains("Forecast finish: 2025-07-09 vs target 2025-12-31: 175 days early"),
        "{out}"
    );
}

#[test]
fn a_window_shorter_than_the_page_widens_the_days() {
    let roadmap = small("2025-03-31");
    let today = date(2025, 5, 1);
    let options = SummaryOptions {
        width: 81,
        from: Some(date(2025, 4, 1)),
        to: Some(date(2025, 4, 3)),
        ..SummaryOptions::new(today)
    };
    let out = render_summary(&roadmap, &scheduled(&roadmap, today), &options);
    assert!(
        out.contains("2025-04-01 to 2025-04-03, one day ≈ 24 columns\n"),
        "{out}"
    );
    // Only build overlaps the window, and it covers every column of all three days.
    assert_eq!(
        line_starting(&out, "! build"),
        format!("! build {}", "█".repeat(73))
    );
    assert!(!out.contains("! law"));
    assert!(
        out.contains("Showing: 2025-04-01 to 2025-04-03 (1 of 3 items)"),
        "{out}"
    );
}

#[test]
fn forecast_beyond_the_plan_is_shaded() {
    // law now ends Apr 30: build moves to May 1 - Jul 30, a month past its planned end.
    let roadmap = small("2025-04-30");
    let out = text_at(&roadmap, date(2025, 5, 1), 81);
    // May 1 = col 24 .. Jun 30 = col 36 is shared with Jul 1, the first day beyond the plan;
    // Jul 30 = day 210, col 42.
    assert_eq!(
        line_starting(&out, "! build"),
        format!(
            "! build ┊{}{}{}",
            " ".repeat(23),
            "█".repeat(12),
            "▒".repeat(7)
        )
    );
    let wide = text_at(&roadmap, date(2025, 5, 1), 120);
    assert!(wide.contains(
        "late    build  forecast finish 2025-07-30 is 30 days after its planned end 2025-06-30\n"
    ));
}

#[test]
fn sections_state_counts_reasons_funding_and_regulations() {
    let roadmap = small("2025-03-31");
    let out = text_at(&roadmap, date(2025, 5, 1), 100);
    // law's end has passed at 0 %: late; build waits for the regulation: blocked.
    assert!(
        out.contains("late     law    planned end 2025-03-31 has passed at 0% done\n"),
        "{out}"
    );
    assert!(
        out.contains("blocked  build  blocked by regulation law (drafting)\n"),
        "{out}"
    );
    assert!(out.contains("- law -> build -> live (FS +9)\n"), "{out}");
    for (status, n) in [("done", 0), ("late", 1), ("blocked", 1), ("not-started", 1)] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(status) && l.ends_with(&format!(" {n}"))),
            "{status} {n} in\n{out}"
        );
    }
    assert!(out.contains("3 critical, 0 near-critical."), "{out}");
    assert!(out.contains("State budget     Rp 1 M\n"), "{out}");
    assert!(out.contains("Loan          Rp 500 jt\n"), "{out}");
    assert!(out.contains("Cost: Rp 3 M\n"), "{out}");
    assert!(
        out.contains("Funded: Rp 1,5 M (Rp 1 M committed, Rp 500 jt proposed)\n"),
        "{out}"
    );
    assert!(
        out.contains("Funding gap: Rp 2 M of cost not covered by committed money\n"),
        "{out}"
    );
    // law gates one item (build).
    assert!(
        out.contains("law   PP          drafting  2025-03-31      1  Law\n"),
        "{out}"
    );
}

#[test]
fn every_width_fits_and_nothing_panics() {
    let roadmap = sample();
    let today = date(2026, 6, 1);
    let schedule = scheduled(&roadmap, today);
    for width in (20..=200).step_by(7).chain([40, 60, 100, 160]) {
        for ascii in [false, true] {
            let options = SummaryOptions {
                width,
                ascii,
                ..SummaryOptions::new(today)
            };
            let out = render_summary(&roadmap, &schedule, &options);
            for line in out.lines() {
                assert!(
                    line.width() <= width,
                    "{width} columns, line of {}: {line:?}",
                    line.width()
                );
            }
            // One marked line per critical item (the legend may wrap onto its own line).
            let marked = out
                .lines()
                .filter(|l| l.starts_with("! ") && *l != "! critical")
                .count();
            assert_eq!(marked, schedule.critical_count(), "{width}\n{out}");
        }
    }
    // Below the minimum the layout is that of 20 columns.
    let tiny = SummaryOptions {
        width: 3,
        ..SummaryOptions::new(today)
    };
    assert!(render_summary(&roadmap, &schedule, &tiny)
        .lines()
        .all(|l| l.width() <= 20));
}

#[test]
fn long_titles_are_cut_with_an_ellipsis_on_wide_pages() {
    let long = "A very long title that goes on and on about digital transformation plans";
    let roadmap = small("2025-03-31");
    let mut roadmap = roadmap;
    roadmap.items[1].title = long.to_string();
    let out = text_at(&roadmap, date(2025, 5, 1), 160);
    let line = line_starting(&out, "! build");
    // Title column: a third of what the ids leave, 50 of 152 columns.
    assert!(line.contains("A very long title that goes on and on about digit… "));
    assert!(!line.contains("plans"));
}

#[test]
fn ascii_mode_uses_no_block_characters() {
    let roadmap = small("2025-04-30");
    let today = date(2025, 5, 1);
    let options = SummaryOptions {
        width: 81,
        ascii: true,
        ..SummaryOptions::new(today)
    };
    let out = render_summary(&roadmap, &scheduled(&roadmap, today), &options);
    assert!(out.is_ascii(), "{out}");
    assert_eq!(
        line_starting(&out, "! build"),
        format!(
            "! build :{}{}{}",
            " ".repeat(23),
            "#".repeat(12),
            "=".repeat(7)
        )
    );
    assert!(line_starting(&out, "! live").ends_with('*'));
    assert!(
        out.contains("# forecast  = beyond plan  * milestone  | today 2025-05-01  ! critical"),
        "{out}"
    );
}

#[test]
fn colour_only_when_asked_and_never_in_markdown() {
    let roadmap = small("2025-03-31");
    let today = date(2025, 5, 1);
    let schedule = scheduled(&roadmap, today);
    let mut options = SummaryOptions::new(today);
    assert!(!render_summary(&roadmap, &schedule, &options).contains('\x1b'));
    options.color = true;
    let coloured = render_summary(&roadmap, &schedule, &options);
    // Critical bars red, headings bold.
    assert!(coloured.contains("\x1b[31m█"));
    assert!(coloured.contains("\x1b[1mSmall\x1b[0m"));
    options.format = Format::Markdown;
    assert!(!render_summary(&roadmap, &schedule, &options).contains('\x1b'));
}

/// Two critical items in a chain, `paid` (cost committed in full) then `unpaid` (Rp 2 M
/// cost, Rp 500 jt committed, Rp 1 M proposed: a Rp 1,5 M gap), and `side`, which has months
/// of float and no funding at all, so it is not on the funded critical path.
const FUNDED_PATH: &str = r#"{
  "format": "peta-roadmap/1", "title": "Funded path", "start": "2025-01-01",
  "end": "2025-12-31", "currency": "IDR",
  "sectors": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
  "funding_schemes": [{"id": "apbn", "name": "State budget"}],
  "items": [
    {"id": "paid", "title": "Paid", "sector": "a", "start": "2025-01-01", "end": "2025-06-30",
     "cost": 1000000000,
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 1000000000, "status": "committed"}]},
    {"id": "unpaid", "title": "Unpaid", "sector": "b", "start": "2025-07-01",
     "end": "2025-12-31", "depends_on": ["paid"], "cost": 2000000000,
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 500000000, "status": "committed"},
                 {"scheme": "apbn", "year": 2025, "amount": 1000000000, "status": "proposed"}]},
    {"id": "side", "title": "Side", "sector": "a", "start": "2025-02-01", "end": "2025-03-31",
     "cost": 1000000000}
  ]
}"#;

#[test]
fn the_funding_section_names_critical_items_lacking_committed_money() {
    let roadmap = parse(FUNDED_PATH);
    let today = date(2025, 1, 15);
    let schedule = scheduled(&roadmap, today);
    let critical: Vec<bool> = schedule.items.iter().map(|s| s.critical).collect();
    assert_eq!(critical, [true, true, false]);
    let run = |f: &dyn Fn(&mut SummaryOptions)| {
        let mut options = SummaryOptions {
            width: 100,
            ..SummaryOptions::new(today)
        };
        f(&mut options);
        render_summary(&roadmap, &schedule, &options)
    };
    let out = run(&|_| {});
    let funding = &out[out.find("Funding\n").unwrap()..];
    assert!(
        funding
            .contains("\nCritical items lacking committed funding:\n\n- unpaid (gap Rp 1,5 M)\n\n"),
        "{out}"
    );
    assert!(!funding.contains("side (gap"), "{out}");
    let markdown = run(&|o| o.format = Format::Markdown);
    assert!(
        markdown
            .contains("Critical items lacking committed funding:\n\n- `unpaid` (gap Rp 1,5 M)\n"),
        "{markdown}"
    );
    // --sector: only the chosen sectors' critical items count.
    let a = run(&|o| o.sectors = vec!["a".into()]);
    assert!(
        a.contains("\nAll critical items have committed funding.\n"),
        "{a}"
    );
    assert!(!a.contains("lacking committed funding"), "{a}");
    let b = run(&|o| o.sectors = vec!["b".into()]);
    assert!(
        b.contains("lacking committed funding:\n\n- unpaid (gap Rp 1,5 M)\n"),
        "{b}"
    );
}

#[test]
fn filters_pick_the_items_shown() {
    let roadmap = sample();
    let today = date(2026, 6, 1);
    let schedule = scheduled(&roadmap, today);
    let run = |f: &dyn Fn(&mut SummaryOptions)| {
        let mut options = SummaryOptions::new(today);
        f(&mut options);
        render_summary(&roadmap, &schedule, &options)
    };
    let critical = run(&|o| o.critical_only = true);
    // Every item line has a bar or a milestone; so has the legend.
    let bar_lines = |out: &str| {
        out.lines()
            .filter(|l| l.contains('█') || l.contains('◆'))
            .count()
            - 1
    };
    assert_eq!(bar_lines(&critical), schedule.critical_count());
    assert!(critical.contains("Showing: critical items only (11 of 59 items)"));

    let data = run(&|o| o.sectors = vec!["data".into()]);
    assert!(data.contains("Data (Satu Data Indonesia) (7)"));
    assert!(!data.contains("Infrastructure ("));
    assert!(data.contains("Sectors data only."));
    // Regulations of the regulation sector that hold up data items are listed; others not.
    let regulations = &data[data.find("Regulations not yet enacted").unwrap()..];
    assert!(regulations.contains("\npp-pdp "));
    assert!(regulations.contains("\npermen-interoperability "));
    assert!(!regulations.contains("ruu-kks"));

    // 2028 onwards: items forecast to finish before 2028 are gone.
    let window = run(&|o| o.from = Some(date(2028, 1, 1)));
    assert!(window.contains("2028-01-01 to 2029-12-31, one column"));
    assert!(!window.contains(" pdn-phase-1 "));
    assert!(window.contains(" pdn-phase-3 "));
    assert!(window.contains("  today 2026-06-01 is outside the window  ! critical\n"));
    // Markdown: headings, the chart fenced, tables.
    let markdown = run(&|o| o.format = Format::Markdown);
    assert!(markdown.starts_with("# SPBE roadmap 2025-2029\n"));
    assert!(markdown.contains("\n## Timeline\n\n```text\n"));
    assert!(markdown.contains("| Status | Items |\n| --- | ---: |\n| done | 21 |\n"));
    assert!(markdown.contains("| blocked | `data-interoperability-bus` | blocked by regulation"));
}

fn snapshot_options(today: Date, f: impl FnOnce(&mut SummaryOptions)) -> SummaryOptions {
    let mut options = SummaryOptions::new(today);
    f(&mut options);
    options
}

#[test]
fn sample_snapshots() {
    let roadmap = sample();
    let today = date(2026, 6, 1);
    let schedule = scheduled(&roadmap, today);
    let cases: Vec<(&str, SummaryOptions)> = vec![
        ("text_60", snapshot_options(today, |o| o.width = 60)),
        ("text_100", snapshot_options(today, |o| o.width = 100)),
        ("text_160", snapshot_options(today, |o| o.width = 160)),
        ("text_40", snapshot_options(today, |o| o.width = 40)),
        (
            "markdown_100",
            snapshot_options(today, |o| o.format = Format::Markdown),
        ),
        (
            "ascii_80",
            snapshot_options(today, |o| {
                o.width = 80;
                o.ascii = true;
            }),
        ),
        (
            "window_2026_2027_100",
            snapshot_options(today, |o| {
                o.from = Some(date(2026, 1, 1));
                o.to = Some(date(2027, 12, 31));
            }),
        ),
        (
            "sectors_infra_health_100",
            snapshot_options(today, |o| o.sectors = vec!["infra".into(), "health".into()]),
        ),
        (
            "critical_markdown_120",
            snapshot_options(today, |o| {
                o.width = 120;
                o.critical_only = true;
                o.format = Format::Markdown;
            }),
        ),
    ];
    for (name, options) in cases {
        insta::assert_snapshot!(name, render_summary(&roadmap, &schedule, &options));
    }
}

#[test]
fn a_hundred_thousand_items_render_every_item() {
    let roadmap = generate::roadmap(100_000, 2, 7);
    let today = date(2026, 7, 1);
    let schedule = scheduled(&roadmap, today);
    let out = render_summary(&roadmap, &schedule, &SummaryOptions::new(today));
    // One chart line per item, plus headings and the other sections. (Speed is measured by
    // benchmarks, not by a timed test.)
    assert!(out.lines().count() > 100_000);
}
