//! Rendering tests: whole screens drawn into a buffer, snapshotted, with key cells' colours
//! asserted (snapshots do not record colour). "Today" is fixed so the snapshots are stable.

mod common;

use common::tui::draw;
use peta::model::Date;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::state::View;
use peta::tui::theme::Theme;
use ratatui::buffer::Buffer;

fn today() -> Date {
    Date::from_ymd_opt(2026, 12, 1).unwrap()
}

fn sample_app() -> App {
    App::new(Document::sample(today()).unwrap(), Theme::default_theme())
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn row_of(buf: &Buffer, needle: &str) -> u16 {
    let text = text(buf);
    let at = text
        .lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not on screen:\n{text}"));
    u16::try_from(at).unwrap()
}

/// The first chart cell of a row that holds one of the glyphs.
fn first_cell(buf: &Buffer, y: u16, glyphs: &[&str]) -> (u16, u16) {
    let x = (40..buf.area.width)
        .find(|&x| glyphs.contains(&buf[(x, y)].symbol()))
        .unwrap_or_else(|| panic!("no {glyphs:?} on row {y}"));
    (x, y)
}

#[test]
fn timeline_snapshots() {
    let mut app = sample_app();
    insta::assert_snapshot!("timeline_160x48", text(&draw(&mut app, 160, 48)));
    insta::assert_snapshot!("timeline_80x24", text(&draw(&mut app, 80, 24)));
}

#[test]
fn timeline_at_year_zoom_fits_ten_years_in_160_columns() {
    let mut app = sample_app();
    app.update(peta::tui::action::Action::ZoomOut);
    let buf = draw(&mut app, 160, 48);
    let ruler = text(&buf).lines().nth(1).unwrap().to_string();
    for year in 2025..=2034 {
        assert!(ruler.contains(&year.to_string()), "{year} missing: {ruler}");
    }
    insta::assert_snapshot!("timeline_year_160x48", text(&buf));
}

#[test]
fn timeline_week_and_month_rulers() {
    let mut app = sample_app();
    app.update(peta::tui::action::Action::ZoomIn);
    insta::assert_snapshot!("timeline_month_120x30", text(&draw(&mut app, 120, 30)));
    app.update(peta::tui::action::Action::ZoomIn);
    insta::assert_snapshot!("timeline_week_120x30", text(&draw(&mut app, 120, 30)));
}

#[test]
fn table_snapshots() {
    let mut app = sample_app();
    app.update(peta::tui::action::Action::ShowView(View::Table));
    insta::assert_snapshot!("table_160x48", text(&draw(&mut app, 160, 48)));
    insta::assert_snapshot!("table_80x24", text(&draw(&mut app, 80, 24)));
}

#[test]
fn timeline_colours_come_from_the_theme() {
    let theme = Theme::default_theme();
    let mut app = sample_app();
    let buf = draw(&mut app, 160, 48);

    // gov-cloud-platform is critical (float 0) and not done: its bar is in the critical colour.
    let y = row_of(&buf, "Government cloud platform");
    let cell = first_cell(&buf, y, &["█", "▒"]);
    assert_eq!(buf[cell].fg, theme.critical);
    // pdn-phase-1 is done: the done colour, on the selection background (it is selected).
    let y = row_of(&buf, "National data centre (PDN)");
    let cell = first_cell(&buf, y, &["█"]);
    assert_eq!(buf[cell].fg, theme.done);
    assert_eq!(buf[cell].bg, theme.selection_bg);
    // Its successor ms-pdn-1-golive is marked and coloured as a successor.
    let y = row_of(&buf, "PDN phase 1 go-live");
    assert_eq!(buf[(0, y)].symbol(), "→");
    assert_eq!(buf[(3, y)].fg, theme.successor);
    // A plain initiative with progress: progress in bar_progress, the rest in bar.
    let y = row_of(&buf, "JIP phase 2");
    let done = first_cell(&buf, y, &["█"]);
    assert_eq!(buf[done].fg, theme.bar_progress);
    let rest = first_cell(&buf, y, &["▒"]);
    assert_eq!(buf[rest].fg, theme.bar);
    // The today marker on the ruler.
    let today = first_cell(&buf, 2, &["▼"]);
    assert_eq!(buf[today].fg, theme.today);
}

#[test]
fn regulation_items_are_marked_distinctly() {
    let theme = Theme::default_theme();
    let mut app = sample_app();
    app.update(peta::tui::action::Action::End);
    let buf = draw(&mut app, 160, 48);
    let y = row_of(&buf, "PP implementing the Persona");
    assert_eq!(buf[(1, y)].symbol(), "§");
    assert_eq!(buf[(1, y)].fg, theme.regulation);
    let cell = first_cell(&buf, y, &["█", "≡"]);
    assert!(text(&buf)
        .lines()
        .nth(usize::from(y))
        .unwrap()
        .contains('≡'));
    assert_eq!(buf[cell].fg, theme.late, "pp-pdp is late");
}

#[test]
fn tiny_screens_render_the_message_where_it_fits() {
    let mut app = sample_app();
    let buf = draw(&mut app, 20, 5);
    let shown = text(&buf);
    assert!(shown.starts_with("Terminal too small:"), "{shown}");
    let buf = draw(&mut app, 1, 1);
    assert_eq!(buf[(0, 0)].symbol(), "T");
}
