//! The terminal UI in Bahasa Indonesia (and English): every view renders in the chosen
//! language, and at 80x24 nothing is cut mid-word without an ellipsis.

use peta::i18n::{self, Lang, M};
use peta::model::Date;
use peta::tui::action::Action;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::state::{View, Zoom};
use peta::tui::theme::Theme;
use peta::tui::views;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::collections::HashSet;
use std::path::Path;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/roadmaps/spbe-2025-2029.json");

fn app_in(lang: Lang, view: View) -> App {
    // The UI language is per thread; each test sets its own.
    i18n::set_current(lang);
    let today = Date::from_ymd_opt(2026, 12, 1).unwrap();
    let doc = Document::open(Path::new(SAMPLE), today).unwrap();
    let mut app = App::new(doc, Theme::default_theme());
    app.update(Action::ShowView(view));
    app
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    views::render(area, &mut buf, app);
    buf
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// Every whole word the screen may show: the catalogue in both languages, month names and
/// every word in the roadmap file.
fn vocabulary() -> HashSet<String> {
    let mut known = HashSet::new();
    let mut add = |text: &str| {
        for word in words(text) {
            known.insert(word.to_lowercase());
        }
    };
    for &key in M::ALL {
        add(Lang::En.t(key));
        add(Lang::Id.t(key));
    }
    for lang in Lang::ALL {
        for month in 0..12 {
            add(lang.month_long(month));
            add(lang.month_short(month));
        }
    }
    add(&std::fs::read_to_string(SAMPLE).unwrap());
    // Key names in hints and the file's extension.
    add("Tab Shift Ctrl Enter Esc PgUp PgDn Home End json");
    known
}

/// Words on screen that are not whole words and are not followed by `…`: labels or values cut
/// mid-word without showing it. Returns `row: word` for each.
fn cut_words(buf: &Buffer, known: &HashSet<String>) -> Vec<String> {
    let mut bad = Vec::new();
    for (y, row) in rows(buf).iter().enumerate() {
        let chars: Vec<char> = row.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let ellipsis = chars.get(i) == Some(&'…');
            if word.chars().count() >= 3 && !ellipsis && !known.contains(&word.to_lowercase()) {
                bad.push(format!("row {y}: {word:?} in {:?}", row.trim_end()));
            }
        }
    }
    bad
}

fn screen(buf: &Buffer) -> String {
    rows(buf)
        .iter()
        .map(|r| r.trim_end().to_string() + "\n")
        .collect()
}

const VIEWS: [(View, &[&str]); 6] = [
    (
        View::Timeline,
        &["1 Linimasa", "zoom triwulan", "per sektor", "T1"],
    ),
    (View::Table, &["judul", "sektor", "selesai", "lancar"]),
    (
        View::Funding,
        &[
            "Pendanaan (IDR)",
            "Biaya dibanding dana terkomitmen",
            "Seluruh peta",
            "Jumlah",
        ],
    ),
    (
        View::Risks,
        &[
            "Prakiraan selesai",
            "Terlambat, terhambat, atau berisiko",
            "terlambat",
        ],
    ),
    (
        View::Regulations,
        &["Alur regulasi", "ditetapkan", "DITETAPKAN", "menghambat"],
    ),
    (
        View::Talent,
        &["Talenta digital", "Peran", "Puncak", "Jumlah"],
    ),
];

#[test]
fn every_view_speaks_indonesian() {
    for (view, expected) in VIEWS {
        let mut app = app_in(Lang::Id, view);
        let text = screen(&draw(&mut app, 160, 48));
        for words in expected {
            assert!(
                text.contains(words),
                "{view:?}: {words:?} missing in\n{text}"
            );
        }
        for english in [
            "Timeline",
            "Funding (",
            "Critical path",
            "Regulation pipeline",
            " finish ",
            "Peak",
        ] {
            assert!(
                !text.contains(english),
                "{view:?}: {english:?} left in\n{text}"
            );
        }
    }
}

#[test]
fn every_view_speaks_english_by_default() {
    for (view, expected) in [
        (View::Timeline, "zoom quarter"),
        (View::Table, "title"),
        (View::Funding, "Cost vs committed funding"),
        (View::Risks, "Forecast finish"),
        (View::Regulations, "Regulation pipeline"),
        (View::Talent, "Digital talent"),
    ] {
        let mut app = app_in(Lang::En, view);
        let text = screen(&draw(&mut app, 160, 48));
        assert!(
            text.contains(expected),
            "{view:?}: {expected:?} missing in\n{text}"
        );
    }
}

#[test]
fn nothing_is_cut_mid_word_at_80x24() {
    let known = vocabulary();
    for lang in Lang::ALL {
        for (view, _) in VIEWS {
            let mut app = app_in(lang, view);
            let bad = cut_words(&draw(&mut app, 80, 24), &known);
            assert!(
                bad.is_empty(),
                "{lang:?} {view:?} at 80x24:\n{}",
                bad.join("\n")
            );
        }
    }
}

#[test]
fn the_checker_catches_a_cut_word() {
    let known = vocabulary();
    let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
    buf.set_string(0, 0, "Pendanaan Pendan", ratatui::style::Style::new());
    assert_eq!(cut_words(&buf, &known).len(), 1);
    buf.set_string(0, 0, "Pendanaan Pendan…", ratatui::style::Style::new());
    assert!(cut_words(&buf, &known).is_empty());
}

#[test]
fn timeline_months_in_indonesian() {
    let mut app = app_in(Lang::Id, View::Timeline);
    app.timeline.zoom = Zoom::Month;
    let text = screen(&draw(&mut app, 160, 48));
    assert!(text.contains("Agu") && text.contains("Des"), "{text}");
    app.timeline.zoom = Zoom::Week;
    let text = screen(&draw(&mut app, 160, 48));
    assert!(
        ["Jan 20", "Mei 20", "Agu 20", "Okt 20", "Des 20"]
            .iter()
            .any(|m| text.contains(m)),
        "{text}"
    );
}

#[test]
fn help_and_hints_in_indonesian() {
    let mut app = app_in(Lang::Id, View::Timeline);
    let text = screen(&draw(&mut app, 160, 48));
    assert!(
        text.contains("bantuan") && text.contains("keluar"),
        "{text}"
    );
    app.update(Action::ShowHelp);
    let text = screen(&draw(&mut app, 160, 48));
    assert!(
        text.contains("urutkan") || text.contains("kelompokkan baris"),
        "{text}"
    );
}

#[test]
fn the_item_form_and_delete_confirmation_in_indonesian() {
    let known = vocabulary();
    let mut app = app_in(Lang::Id, View::Table);
    app.update(Action::EditItem);
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    for words in [
        "Ubah pdn-phase-1",
        "Judul",
        "Sektor",
        "Kemajuan %",
        "Ketergantungan (0)",
        "Enter menyimpan",
    ] {
        assert!(text.contains(words), "{words:?} missing in\n{text}");
    }
    let bad = cut_words(&buf, &known);
    assert!(bad.is_empty(), "form at 80x24:\n{}", bad.join("\n"));

    let mut app = app_in(Lang::Id, View::Table);
    app.update(Action::DeleteItem);
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("Hapus butir") && text.contains("Hapus pdn-phase-1?"),
        "{text}"
    );
    assert!(
        text.contains(" y ya") && text.contains(" n tidak") && text.contains("batal"),
        "{text}"
    );
}

#[test]
fn catalogues_and_dependencies_in_indonesian() {
    let known = vocabulary();
    let mut app = app_in(Lang::Id, View::Table);
    app.update(Action::ManageCatalogs);
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    for words in [
        "Sektor dan skema pendanaan",
        "Sektor (8)",
        "Skema pendanaan",
        "butir",
        "a tambah",
    ] {
        assert!(text.contains(words), "{words:?} missing in\n{text}");
    }
    let bad = cut_words(&buf, &known);
    assert!(bad.is_empty(), "catalogues at 80x24:\n{}", bad.join("\n"));

    let mut app = app_in(Lang::Id, View::Table);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::EditDependencies);
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    assert!(
        text.contains("Ketergantungan") || text.contains("Tambah pendahulu"),
        "{text}"
    );
    let bad = cut_words(&buf, &known);
    assert!(bad.is_empty(), "dependencies at 80x24:\n{}", bad.join("\n"));
}

#[test]
fn b_switches_the_language_while_running() {
    let mut app = app_in(Lang::En, View::Risks);
    assert!(screen(&draw(&mut app, 120, 30)).contains("Forecast finish"));
    app.update(Action::SwitchLanguage);
    assert_eq!(i18n::current(), Lang::Id);
    let text = screen(&draw(&mut app, 120, 30));
    assert!(
        text.contains("Prakiraan selesai") && text.contains("bahasa: Bahasa Indonesia"),
        "{text}"
    );
    app.update(Action::SwitchLanguage);
    assert_eq!(i18n::current(), Lang::En);
    let text = screen(&draw(&mut app, 120, 30));
    assert!(
        text.contains("Forecast finish") && text.contains("language: English"),
        "{text}"
    );
    // The key is in the help of every view.
    assert!(app.keymap.help(View::Talent).iter().any(|(k, _)| *k == "b"));
}

#[test]
fn help_overlay_fits_at_80x24_in_both_languages() {
    let known = vocabulary();
    for lang in Lang::ALL {
        for (view, _) in VIEWS {
            let mut app = app_in(lang, view);
            app.update(Action::ShowHelp);
            let buf = draw(&mut app, 80, 24);
            let bad = cut_words(&buf, &known);
            assert!(
                bad.is_empty(),
                "{lang:?} {view:?} help at 80x24:\n{}",
                bad.join("\n")
            );
        }
    }
}
