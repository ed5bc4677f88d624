//! Views 3 (Funding) and 4 (Risks & critical path) and the item detail panel: snapshots at
//! 80x24 and 160x48 of the bundled SPBE sample as of 2026-12-01, plus numbers worked out
//! independently from the JSON and key cells' colours (snapshots do not record colour).

mod common;

use common::tui::draw;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use peta::model::{Date, Roadmap};
use peta::report::money::format_figure;
use peta::tui::action::Action;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::state::View;
use peta::tui::theme::Theme;
use ratatui::buffer::Buffer;
use serde_json::Value;
use std::path::Path;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/roadmaps/spbe-2025-2029.json");

fn today() -> Date {
    Date::from_ymd_opt(2026, 12, 1).unwrap()
}

fn open(path: &str) -> App {
    let doc = Document::open(Path::new(path), today()).unwrap();
    App::new(doc, Theme::default_theme())
}

fn in_view(view: View) -> App {
    let mut app = open(SAMPLE);
    app.update(Action::ShowView(view));
    app
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let line: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not on screen:\n{screen}"))
}

/// The cell where `needle` starts on the first row that holds it.
fn cell_of(buf: &Buffer, needle: &str) -> (u16, u16) {
    let screen = text(buf);
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..byte]);
            return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{needle} not on screen:\n{screen}");
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent::new(code, modifiers));
}

/// Sums over the sample's JSON, independent of the model and the report code.
fn json_sum(keep: impl Fn(&Value, &Value) -> bool) -> u128 {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let mut sum = 0u128;
    for item in json["items"].as_array().unwrap() {
        for line in item["funding"].as_array().into_iter().flatten() {
            if keep(item, line) {
                sum += u128::from(line["amount"].as_u64().unwrap());
            }
        }
    }
    sum
}

fn json_cost() -> u128 {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| item["cost"].as_u64())
        .map(u128::from)
        .sum()
}

#[test]
fn funding_snapshots() {
    let mut app = in_view(View::Funding);
    insta::assert_snapshot!("funding_80x24", text(&draw(&mut app, 80, 24)));
    insta::assert_snapshot!("funding_160x48", text(&draw(&mut app, 160, 48)));
}

#[test]
fn funding_totals_match_the_file() {
    let mut app = in_view(View::Funding);
    let screen = text(&draw(&mut app, 160, 48));
    let cost = json_cost();
    let committed =
        json_sum(|_, line| matches!(line["status"].as_str(), Some("committed" | "disbursed")));
    let funded = json_sum(|_, _| true);
    assert_eq!(cost, 34_940_000_000_000);
    let whole = line_with(&screen, "Whole roadmap");
    for amount in [cost, funded, committed, cost - committed] {
        assert!(whole.contains(&format_figure(amount, "IDR")), "{whole}");
    }
    assert!(
        whole.contains(&format!("{}%", committed * 100 / cost)),
        "{whole}"
    );
    // The selected item (pdn-phase-1) is in infra: its scheme table is on the right.
    let infra_apbn_2026 = json_sum(|item, line| {
        item["sector"] == "infra" && line["scheme"] == "apbn" && line["year"] == 2026
    });
    assert_eq!(format_figure(infra_apbn_2026, "IDR"), "2,3 T");
    let loan_2025 = json_sum(|_, line| line["scheme"] == "loan" && line["year"] == 2025);
    let right_tables: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("State budget") && !l.contains("ceiling"))
        .collect();
    assert_eq!(right_tables.len(), 2, "{screen}");
    assert!(right_tables[1].contains("2,3 T"), "{}", right_tables[1]);
    assert!(line_with(&screen, "Foreign loan").contains(&format_figure(loan_2025, "IDR")));
}

#[test]
fn funding_highlights_a_scheme_over_its_ceiling() {
    let mut app = in_view(View::Funding);
    let buf = draw(&mut app, 160, 48);
    let screen = text(&buf);
    // APBN 2027: 5,175,000,000,000 booked against a ceiling of 5,000,000,000,000.
    assert!(
        screen.contains("! State budget (APBN) 2027: 175 M over its ceiling of 5 T"),
        "{screen}"
    );
    let (x, y) = cell_of(&buf, "5,2 T");
    assert_eq!(buf[(x, y)].fg, app.theme.error);
    // Years within the ceiling keep the plain colour.
    let (x, y) = cell_of(&buf, "4,9 T");
    assert_eq!(buf[(x, y)].fg, app.theme.foreground);
}

#[test]
fn funding_chart_compares_need_and_committed_per_year() {
    let mut app = in_view(View::Funding);
    let buf = draw(&mut app, 160, 48);
    let screen = text(&buf);
    let need = peta::report::funding_need::need_per_year(&app.doc.roadmap);
    // Everything the sample needs falls in its five years, and adds up to its cost.
    assert_eq!(need.values().sum::<u128>(), json_cost());
    let committed_2026 = json_sum(|_, line| {
        line["year"] == 2026 && matches!(line["status"].as_str(), Some("committed" | "disbursed"))
    });
    let row = line_with(&screen, "2026  █");
    assert!(
        row.contains(&format!("need {:>8}", format_figure(need[&2026], "IDR"))),
        "{row}"
    );
    assert!(
        row.contains(&format!(
            "committed {:>8}",
            format_figure(committed_2026, "IDR")
        )),
        "{row}"
    );
    assert!(!row.contains("ceiling"), "{row}");
    // Nothing is committed for 2027 yet, and APBN is over its 2027 ceiling.
    let row = line_with(&screen, "2027  ░");
    assert!(row.contains("committed        -  ! ceiling"), "{row}");
    let (x, y) = cell_of(&buf, "! ceiling");
    assert_eq!(buf[(x, y)].fg, app.theme.error);
}

#[test]
fn funding_follows_the_sector_and_colours_the_chosen_row() {
    let mut app = in_view(View::Funding);
    let buf = draw(&mut app, 160, 48);
    assert!(text(&buf).contains("◀ Infrastructure ▶"));
    let (x, y) = cell_of(&buf, "Infrastructure  ");
    assert_eq!(buf[(x, y)].bg, app.theme.selection_bg);
    // The gap column is in the warning colour where money is missing.
    let (gap_x, _) = cell_of(&buf, "Gap");
    let (_, whole_y) = cell_of(&buf, "Whole roadmap");
    assert_eq!(buf[(gap_x + 2, whole_y)].fg, app.theme.warning);

    // → moves to the next sector; ← twice to the whole roadmap, which drops the sector table.
    key(&mut app, KeyCode::Right, KeyModifiers::NONE);
    let screen = text(&draw(&mut app, 160, 48));
    assert!(
        screen.contains("◀ Data (Satu Data Indonesia) ▶"),
        "{screen}"
    );
    assert!(screen.contains("Funding by scheme and year: Data (Satu Data Indonesia)"));
    key(&mut app, KeyCode::Left, KeyModifiers::NONE);
    key(&mut app, KeyCode::Left, KeyModifiers::NONE);
    let screen = text(&draw(&mut app, 160, 48));
    assert!(screen.contains("◀ whole roadmap ▶"), "{screen}");
    assert_eq!(screen.matches("Funding by scheme and year").count(), 1);
}

#[test]
fn ten_years_scroll_at_80_columns_and_fit_at_160() {
    let roadmap = Roadmap::new("Ten years", 2025, 2034).unwrap();
    let doc = Document::new(roadmap, None, None, today());
    let mut app = App::new(doc, Theme::default_theme());
    app.update(Action::ShowView(View::Funding));
    let screen = text(&draw(&mut app, 80, 24));
    let header = line_with(&screen, "2025");
    assert!(
        header.contains("2029 ▶") && !header.contains("2030"),
        "{header}"
    );
    assert!(header.contains("Total"));
    assert!(screen.lines().all(|l| l.chars().count() <= 80));
    for _ in 0..9 {
        key(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    }
    let screen = text(&draw(&mut app, 80, 24));
    let header = line_with(&screen, "2034");
    assert!(
        header.contains("◀ 2030") && !header.contains("2029"),
        "{header}"
    );
    let screen = text(&draw(&mut app, 160, 48));
    let header = line_with(&screen, "2025");
    assert!(header.contains("2034") && !header.contains('▶'), "{header}");
}

#[test]
fn risks_snapshots() {
    let mut app = in_view(View::Risks);
    insta::assert_snapshot!("risks_80x24", text(&draw(&mut app, 80, 24)));
    insta::assert_snapshot!("risks_160x48", text(&draw(&mut app, 160, 48)));
}

#[test]
fn risks_list_unfunded_budget_years() {
    let mut app = in_view(View::Risks);
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    let buf = draw(&mut app, 160, 48);
    let screen = text(&buf);
    // The sample's budget-cycle gate (as `peta check` reports it).
    assert!(screen.contains("Unfunded budget years (23)"), "{screen}");
    assert!(line_with(&screen, "unfunded soc-sectoral").contains("2026, 2027, 2028: no committed"));
    assert!(line_with(&screen, "unfunded gov-cloud-platform").contains("2027: no committed"));
    let (x, y) = cell_of(&buf, "unfunded jip-regional");
    assert_eq!(buf[(x, y)].fg, app.theme.warning);
}

#[test]
fn risks_show_the_slip_the_chain_and_the_reasons() {
    let mut app = in_view(View::Risks);
    let buf = draw(&mut app, 160, 48);
    let screen = text(&buf);
    assert!(
        screen.contains("Forecast finish 2029-12-14 against target end 2029-12-31: 17 days early.")
    );
    // The chain, link by link: services-wave-3 -> ms-spbe-2029-target is FS with 14 days lag.
    let chain = [
        "start ms-pdn-1-golive",
        "FS → gov-cloud-platform",
        "FS → priority-services-wave-2",
        "FS → services-wave-3",
        "FS +14 → ms-spbe-2029-target",
    ];
    let rows: Vec<usize> = chain
        .iter()
        .map(|needle| screen.lines().position(|l| l.contains(needle)).unwrap())
        .collect();
    assert!(rows.windows(2).all(|w| w[1] == w[0] + 1), "{screen}");
    assert!(line_with(&screen, "blocked soc-sectoral")
        .contains("blocked by regulation ruu-kks (deliberation)"));
    assert!(line_with(&screen, "late sipd-ri")
        .contains("planned end 2026-06-30 has passed at 92% done"));
    assert!(line_with(&screen, "float 1d pdn-phase-1").contains("free float 1 d"));
    let (x, y) = cell_of(&buf, "FS +14 →");
    assert_eq!(buf[(x, y)].fg, app.theme.critical);
    let (x, y) = cell_of(&buf, "blocked soc-sectoral");
    assert_eq!(buf[(x, y)].fg, app.theme.blocked);
}

#[test]
fn enter_on_a_row_shows_its_item_in_the_timeline() {
    let mut app = in_view(View::Risks);
    // The last rows are the unfunded items; digital-classroom is the last in the file.
    key(&mut app, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(app.selected, app.doc.roadmap.index_of("digital-classroom"));
    // Rows: the five-item chain, dts-2027-2029, five more critical items, then sipd-ri.
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    for _ in 0..11 {
        key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let sipd = app.doc.roadmap.index_of("sipd-ri").unwrap();
    assert_eq!(
        app.selected,
        Some(sipd),
        "moving through rows selects their items"
    );
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.view, View::Timeline);
    assert_eq!(app.selected, Some(sipd));
}

#[test]
fn problems_are_listed_and_enter_jumps_to_their_item() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid/several-problems.json"
    );
    let mut app = open(path);
    app.update(Action::ShowView(View::Risks));
    let screen = text(&draw(&mut app, 160, 48));
    assert!(
        screen.contains("Problems in the file (8 errors, 1 warnings)"),
        "{screen}"
    );
    assert!(line_with(&screen, "error d").contains("end: a milestone is one day"));
    // The first row is a's first problem; b's are rows 4 to 6.
    for _ in 0..3 {
        key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.view, View::Timeline);
    assert_eq!(app.selected, app.doc.roadmap.index_of("b"));
}

#[test]
fn the_detail_explains_why_an_item_moved() {
    let mut app = open(SAMPLE);
    // pdn-phase-1 finishes 58 days later (2026-02-27): its go-live milestone follows FS +14
    // (end of 2026-03-13) and gov-cloud-platform starts on 2026-03-14, 57 days after its
    // planned 2026-01-16.
    let phase1 = app.doc.roadmap.index_of("pdn-phase-1").unwrap();
    app.update(Action::Select(phase1));
    key(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in "2026-02-27".chars() {
        key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let cloud = app.doc.roadmap.index_of("gov-cloud-platform").unwrap();
    app.update(Action::Select(cloud));
    app.update(Action::ShowView(View::Risks));
    let screen = text(&draw(&mut app, 160, 48));
    assert!(
        screen.contains("Forecast  2026-03-14 – 2027-08-26  finish 57 days late"),
        "{screen}"
    );
    // The detail panel is the right side of the screen; its sentences wrap.
    let panel: Vec<String> = screen
        .lines()
        .map(|l| l.chars().skip(88).collect::<String>().trim().to_string())
        .collect();
    assert!(
        panel.join(" ").contains(
            "Moved: starts 57 days after its planned start, held by ms-pdn-1-golive (FS)."
        ),
        "{screen}"
    );
    let chain: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Driving chain"))
        .skip(1)
        .take(3)
        .collect();
    assert!(
        chain[0].contains("gov-cloud-platform  2026-03-14 – 2027-08-26"),
        "{screen}"
    );
    assert!(
        chain[1].contains("← FS ms-pdn-1-golive  2026-03-13 – 2026-03-13"),
        "{screen}"
    );
    assert!(
        chain[2].contains("← FS +14 pdn-phase-1  2025-01-02 – 2026-02-27  (starts as planned)"),
        "{screen}"
    );
    insta::assert_snapshot!("risks_detail_moved_160x48", screen);
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    for view in [View::Funding, View::Risks] {
        let mut app = in_view(view);
        for (w, h) in [(1, 1), (80, 24), (81, 25), (200, 60), (80, 24)] {
            draw(&mut app, w, h);
        }
        for action in [Action::End, Action::PageDown, Action::Right, Action::Home] {
            app.update(action);
            draw(&mut app, 80, 24);
        }
    }
}

#[test]
fn regulations_snapshots() {
    let mut app = in_view(View::Regulations);
    insta::assert_snapshot!("regulations_80x24", text(&draw(&mut app, 80, 24)));
    insta::assert_snapshot!("regulations_160x48", text(&draw(&mut app, 160, 48)));
}

#[test]
fn regulations_board_by_stage_with_gates_and_float() {
    let mut app = open(SAMPLE);
    key(&mut app, KeyCode::Char('5'), KeyModifiers::NONE);
    assert_eq!(app.view, View::Regulations);
    let screen = text(&draw(&mut app, 160, 48));
    let planned = screen
        .lines()
        .position(|l| l.contains("PLANNED (1)"))
        .unwrap();
    let enacted = screen
        .lines()
        .position(|l| l.contains("ENACTED (7)"))
        .unwrap();
    assert!(planned < enacted, "{screen}");
    assert!(
        line_with(&screen, "pp-cloud-first").contains("PP       Kominfo      target 2027-12-31")
    );
    // The gated items and their float, as the schedule gives them.
    let gates = line_with(&screen, "gates data-interoperability-bus");
    let bus = app
        .doc
        .roadmap
        .index_of("data-interoperability-bus")
        .unwrap();
    let float = app.doc.schedule.items[bus].total_float;
    assert!(
        gates.contains(&format!("({float} days float, critical, blocked)")),
        "{gates}"
    );
}

#[test]
fn one_key_moves_a_regulation_to_the_next_stage_and_undo_moves_it_back() {
    let mut app = open(SAMPLE);
    let index = app.doc.roadmap.index_of("permen-interoperability").unwrap();
    app.update(Action::Select(index));
    key(&mut app, KeyCode::Char('5'), KeyModifiers::NONE);
    let stage = |app: &App| {
        app.doc.roadmap.items[index]
            .regulation
            .as_ref()
            .and_then(|r| r.stage)
    };
    assert_eq!(stage(&app), Some(peta::model::RegulationStage::Drafting));
    key(&mut app, KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(
        stage(&app),
        Some(peta::model::RegulationStage::Harmonization)
    );
    // The selection stays on the regulation, now in its new stage.
    key(&mut app, KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(
        stage(&app),
        Some(peta::model::RegulationStage::Deliberation)
    );
    let screen = text(&draw(&mut app, 160, 48));
    assert!(
        line_with(&screen, "permen-interoperability").contains("▶"),
        "{screen}"
    );
    key(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    key(&mut app, KeyCode::Char('u'), KeyModifiers::NONE);
    assert_eq!(stage(&app), Some(peta::model::RegulationStage::Drafting));
    // Enacted is the last stage.
    key(&mut app, KeyCode::Home, KeyModifiers::NONE);
    for _ in 0..4 {
        key(&mut app, KeyCode::Char(']'), KeyModifiers::NONE);
    }
    let first = app.selected.unwrap();
    assert_eq!(
        app.doc.roadmap.items[first]
            .regulation
            .as_ref()
            .and_then(|r| r.stage),
        Some(peta::model::RegulationStage::Enacted)
    );
    // Enter shows the regulation in the timeline.
    key(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(app.view, View::Timeline);
    assert_eq!(app.selected, Some(first));
}

#[test]
fn talent_snapshots() {
    let mut app = in_view(View::Talent);
    insta::assert_snapshot!("talent_80x24", text(&draw(&mut app, 80, 24)));
    insta::assert_snapshot!("talent_160x48", text(&draw(&mut app, 160, 48)));
}

#[test]
fn talent_shows_roles_per_year_peaks_and_drivers() {
    let mut app = open(SAMPLE);
    key(&mut app, KeyCode::Char('6'), KeyModifiers::NONE);
    assert_eq!(app.view, View::Talent);
    let buf = draw(&mut app, 160, 48);
    let screen = text(&buf);
    // As `peta talent` prints it for the sample: 1,556 people in 2026 is the peak.
    assert!(
        screen.contains("28 roles, peak 1556 people in 2026"),
        "{screen}"
    );
    // Cybersecurity analysts: soc-national 25 (2025-2026), soc-sectoral 60 (2026-2028),
    // cyber-talent 300 (2026-2028), pdns-continuity 10 (2025-2026).
    assert!(
        line_with(&screen, "Cybersecurity analyst ")
            .contains("35    395    360    360      -   395 in 2026"),
        "{screen}"
    );
    let (x, y) = cell_of(&buf, "395    360");
    assert_eq!(
        buf[(x, y)].fg,
        app.theme.warning,
        "the peak year stands out"
    );
    // The single-year line: 60 digital trainers in 2028 only, on top of 40 from 2025-2027.
    assert!(line_with(&screen, "Digital trainer ").contains("40     40     40     60      -"));
    // Scrolling reaches the drivers of the last role.
    for _ in 0..40 {
        key(&mut app, KeyCode::Down, KeyModifiers::NONE);
    }
    let screen = text(&draw(&mut app, 80, 24));
    assert!(screen.contains("UX designer"), "{screen}");
}
