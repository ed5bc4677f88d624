//! `peta --baseline REV`: the plan at another revision (or in another file) under the current
//! one, in the timeline (baseline bars) and the detail pane (slip per item).

use peta::diff::Baseline;
use peta::model::{Date, Roadmap};
use peta::schedule::{schedule, Options};
use peta::store;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::theme::Theme;
use peta::tui::views::{self, detail, Context};
use peta::tui::RunOptions;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use std::path::Path;

/// a lasts 10 days, b follows it; c stands alone. In `current`, a lasts 20 days, so b is
/// pushed 10 days: from 2025-01-11 – 2025-01-20 to 2025-01-21 – 2025-01-30.
fn roadmap(a_end: &str) -> String {
    format!(
        r#"{{"format": "peta-roadmap/1", "title": "T", "start": "2025-01-01", "end": "2025-12-31",
  "currency": "IDR", "sectors": [{{"id": "s", "name": "S"}}], "funding_schemes": [],
  "items": [
    {{"id": "a", "title": "Alpha", "kind": "initiative", "sector": "s", "start": "2025-01-01", "end": "{a_end}"}},
    {{"id": "b", "title": "Beta", "kind": "initiative", "sector": "s", "start": "2025-01-11", "end": "2025-01-20", "depends_on": ["a"]}},
    {{"id": "c", "title": "Gamma", "kind": "initiative", "sector": "s", "start": "2025-02-01", "end": "2025-02-10"}}
  ]}}"#
    )
}

fn today() -> Date {
    Date::from_ymd_opt(2025, 1, 1).unwrap()
}

fn baseline() -> Baseline {
    let old: Roadmap =
        store::parse(Path::new("base.json"), roadmap("2025-01-10").as_bytes()).unwrap();
    Baseline::new("base.json", &old, &schedule(&old, &Options::new(today())))
}

fn app(with_baseline: bool) -> App {
    let current = store::parse(Path::new("plan.json"), roadmap("2025-01-20").as_bytes()).unwrap();
    let mut app = App::new(
        Document::new(current, None, None, today()),
        Theme::default_theme(),
    );
    if with_baseline {
        app.baseline = Some(baseline());
    }
    app
}

#[test]
fn slip_is_counted_against_the_baseline_forecast() {
    let base = baseline();
    let day = |d: u32| Date::from_ymd_opt(2025, 1, d).unwrap();
    assert_eq!(base.dates("b"), Some((day(11), day(20))));
    assert_eq!(base.slip_days("b", day(30)), Some(10));
    assert_eq!(base.slip_days("new", day(30)), None);
    assert_eq!(base.finish, Some(Date::from_ymd_opt(2025, 2, 10).unwrap()));
}

fn detail_text(app: &App, index: usize) -> Vec<String> {
    let ctx = Context {
        doc: &app.doc,
        theme: &app.theme,
        selected: Some(index),
        baseline: app.baseline.as_ref(),
    };
    detail::lines(&ctx, index, 100)
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

#[test]
fn the_detail_pane_shows_the_baseline_dates_and_the_slip() {
    let with = app(true);
    let b = detail_text(&with, 1);
    assert!(
        b.contains(
            &"Baseline  2025-01-11 – 2025-01-20  finish 10 days late (base.json)".to_string()
        ),
        "{b:#?}"
    );
    let c = detail_text(&with, 2);
    assert!(
        c.contains(&"Baseline  2025-02-01 – 2025-02-10  finish unchanged (base.json)".to_string())
    );
    assert!(!detail_text(&app(false), 1)
        .iter()
        .any(|l| l.starts_with("Baseline")));
}

fn draw(app: &mut App) -> Buffer {
    let area = Rect::new(0, 0, 120, 24);
    let mut buf = Buffer::empty(area);
    views::render(area, &mut buf, app);
    buf
}

/// Cells of the row labelled `title`: (underlined bar cells, baseline-only cells).
fn baseline_cells(buf: &Buffer, title: &str) -> (usize, usize) {
    let area = buf.area;
    let y = (0..area.height)
        .find(|&y| {
            let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
            line.contains(title)
        })
        .unwrap_or_else(|| panic!("{title} not on screen"));
    let label_end = (0..area.width)
        .find(|&x| buf[(x, y)].symbol() == "│")
        .unwrap_or(0);
    let cells = (label_end + 1..area.width).map(|x| &buf[(x, y)]);
    let underlined = cells
        .clone()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .count();
    let lines = cells.filter(|c| c.symbol() == "▁").count();
    (underlined, lines)
}

#[test]
fn the_timeline_draws_the_baseline_under_the_bars() {
    let mut with = app(true);
    with.timeline.set_zoom(peta::tui::state::Zoom::Week);
    let buf = draw(&mut with);
    // c did not move: its whole bar is underlined, nothing sticks out.
    let (c_under, c_lines) = baseline_cells(&buf, "Gamma");
    assert!(c_under > 0);
    assert_eq!(c_lines, 0);
    // b moved 10 days later: the baseline sticks out before the bar.
    let (_, b_lines) = baseline_cells(&buf, "Beta");
    assert!(b_lines > 0);
    let mut without = app(false);
    without.timeline.set_zoom(peta::tui::state::Zoom::Week);
    let buf = draw(&mut without);
    assert_eq!(baseline_cells(&buf, "Gamma"), (0, 0));
    assert_eq!(baseline_cells(&buf, "Beta"), (0, 0));
}

#[test]
fn a_baseline_that_cannot_be_read_stops_the_ui_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::write(&plan, roadmap("2025-01-20")).unwrap();
    let base = dir.path().join("base.json");
    std::fs::write(&base, roadmap("2025-01-10")).unwrap();
    let options = |baseline: &Path| RunOptions {
        file: Some(plan.clone()),
        theme: None,
        today: Some(today()),
        baseline: Some(baseline.display().to_string()),
        lang: None,
    };
    let app = peta::tui::prepare(&options(&base)).unwrap();
    assert_eq!(
        app.baseline
            .as_ref()
            .and_then(|b| b.dates("b"))
            .map(|d| d.1),
        Some(Date::from_ymd_opt(2025, 1, 20).unwrap())
    );
    let err = peta::tui::prepare(&options(&dir.path().join("nope.json")))
        .err()
        .unwrap();
    assert!(err.to_string().contains("nope.json: cannot read"), "{err}");
}
