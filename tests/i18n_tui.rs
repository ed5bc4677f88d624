//! The terminal UI in Bahasa Indonesia (and English): every view renders in the chosen
//! language, and at 80x24 nothing is cut mid-word without an ellipsis.

mod common;

use common::tui::draw;
use peta::i18n::{self, Lang, M};
use peta::model::Date;
use peta::tui::action::Action;
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::state::{View, Zoom};
use peta::tui::theme::Theme;
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

// ---- merge conflicts, reload and recovery questions ------------------------------------

fn key(app: &mut App, code: crossterm::event::KeyCode) {
    app.handle_key(crossterm::event::KeyEvent::new(
        code,
        crossterm::event::KeyModifiers::NONE,
    ));
}

/// The sample with a `conflicts` list as `peta merge` writes it: one conflict of each kind.
fn with_conflicts() -> serde_json::Value {
    let mut roadmap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    roadmap["conflicts"] = serde_json::json!([
        {"item": "srikandi", "field": "end", "base": "2025-12-31", "ours": "2026-03-31",
         "theirs": "2026-06-30", "reason": "changed differently on both sides"},
        {"item": "pdn-phase-2", "field": "", "base": {}, "theirs": {"id": "pdn-phase-2"},
         "reason": "deleted by ours, changed by theirs"},
        {"item": "gov-cloud-platform", "field": "depends_on \"pdn-phase-9\"", "ours": "pdn-phase-9",
         "reason": "links to \"pdn-phase-9\", which the other side removed"},
        {"item": "srikandi", "field": "depends_on",
         "reason": "the merge closes a dependency cycle: srikandi -> pdn-phase-1 -> srikandi"},
        {"field": "title", "base": "SPBE", "ours": "SPBE roadmap", "theirs": "SPBE plan",
         "reason": "changed differently on both sides"}
    ]);
    roadmap
}

#[test]
fn the_conflicts_popup_in_indonesian_fits_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merged.json");
    let roadmap = with_conflicts();
    std::fs::write(&path, serde_json::to_string_pretty(&roadmap).unwrap()).unwrap();
    let mut known = vocabulary();
    for word in words(&roadmap["conflicts"].to_string()).chain(["merged"]) {
        known.insert(word.to_lowercase());
    }
    i18n::set_current(Lang::Id);
    let today = Date::from_ymd_opt(2026, 12, 1).unwrap();
    let mut app = App::new(
        Document::open(&path, today).unwrap(),
        Theme::default_theme(),
    );

    // The status bar and the risks view point to them.
    app.update(Action::ShowView(View::Risks));
    let text = screen(&draw(&mut app, 160, 48));
    assert!(text.contains("5 konflik penggabungan (C)"), "{text}");
    assert!(
        text.contains("5 konflik penggabungan dari `peta merge` perlu dituntaskan"),
        "{text}"
    );

    key(&mut app, crossterm::event::KeyCode::Char('C'));
    // Each conflict selected in turn: its row, reason and explanation, all translated.
    let expected: [&[&str]; 5] = [
        &[
            "Konflik penggabungan: tersisa 5 dari 5",
            "butir \"srikandi\"  end  kita \"2026-03-31\"  mereka",
            "Sebab: diubah berbeda di kedua sisi",
            "Kedua cabang mengubah end pada butir \"srikandi\"",
            " o kita ",
            " t mereka ",
            " e ubah ",
        ],
        &[
            "dihapus milik kita, diubah milik mereka",
            "Milik kita menghapus butir \"pdn-phase-2\"",
        ],
        &["tautan tanpa tujuan", "yang dihapus sisi lain"],
        &[
            "siklus ketergantungan",
            "Penggabungan menutup siklus ketergantungan: srikandi -> pdn-phase-1",
        ],
        &[
            "peta jalan  title  kita \"SPBE roadmap\"",
            "milik mereka \"SPBE plan\"",
        ],
    ];
    for (n, words) in expected.iter().enumerate() {
        let buf = draw(&mut app, 80, 24);
        let text = screen(&buf);
        for w in *words {
            assert!(text.contains(w), "conflict {n}: {w:?} missing in\n{text}");
        }
        for english in [
            "ours",
            "theirs",
            "Reason",
            "Merge conflicts",
            "Both branches",
        ] {
            assert!(!text.contains(english), "{english:?} left in\n{text}");
        }
        let bad = cut_words(&buf, &known);
        assert!(bad.is_empty(), "conflicts at 80x24:\n{}", bad.join("\n"));
        key(&mut app, crossterm::event::KeyCode::Down);
    }

    // A refusal (ours would keep the dangling link) and a settled one, translated.
    key(&mut app, crossterm::event::KeyCode::Home);
    key(&mut app, crossterm::event::KeyCode::Down);
    key(&mut app, crossterm::event::KeyCode::Down);
    key(&mut app, crossterm::event::KeyCode::Char('o'));
    let text = screen(&draw(&mut app, 80, 24));
    assert!(
        text.contains("milik kita akan mempertahankan tautan ke butir yang sudah"),
        "{text}"
    );
    key(&mut app, crossterm::event::KeyCode::Home);
    key(&mut app, crossterm::event::KeyCode::Char('o'));
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    assert!(
        text.contains("butir \"srikandi\" end dituntaskan dengan milik kita (u membatalkan)"),
        "{text}"
    );
    assert!(text.contains("tersisa 4 dari 5"), "{text}");
    let bad = cut_words(&buf, &known);
    assert!(bad.is_empty(), "conflicts at 80x24:\n{}", bad.join("\n"));
}

/// The buffer with everything outside the top popup's frame blanked: the view behind a popup
/// is covered by it, not cut, so only the popup's own text is checked.
fn popup_only(buf: &Buffer) -> Buffer {
    let cells: Vec<(u16, u16, String)> = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .map(|(x, y)| (x, y, buf[(x, y)].symbol().to_string()))
        .collect();
    let corner = |symbol: &str| {
        cells
            .iter()
            .find(|(_, _, s)| s == symbol)
            .map(|c| (c.0, c.1))
    };
    let ((left, top), (right, bottom)) = (corner("╭").unwrap(), corner("╯").unwrap());
    let mut out = Buffer::empty(buf.area);
    for (x, y, symbol) in cells {
        if (left..=right).contains(&x) && (top..=bottom).contains(&y) {
            out[(x, y)].set_symbol(&symbol);
        }
    }
    out
}

/// Sets the file's modification time a little later, as another program's write would.
fn rewrite_later(path: &Path, text: &str) {
    let before = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, text).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(before + std::time::Duration::from_secs(5))
        .unwrap();
}

#[test]
fn reload_and_recovery_questions_in_indonesian_fit_at_80x24() {
    use peta::tui::app::{DISK_CHECK_EVERY, JOURNAL_QUIET};
    use std::time::Instant;
    let known = vocabulary();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = dir.path().join("plan.json");
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    std::fs::write(&path, &sample).unwrap();
    let today = Date::from_ymd_opt(2026, 12, 1).unwrap();
    let open = || {
        let mut app = App::new(
            Document::open(&path, today).unwrap(),
            Theme::default_theme(),
        );
        app.data_dir = Some(data.clone());
        app
    };
    i18n::set_current(Lang::Id);

    // Edited, then the file changes on disk: the reload question with unsaved changes.
    let mut app = open();
    let t0 = Instant::now();
    app.tick(t0);
    app.select(app.doc.roadmap.index_of("srikandi").unwrap());
    app.handle_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Right,
        crossterm::event::KeyModifiers::SHIFT,
    ));
    app.tick(t0);
    app.tick(t0 + JOURNAL_QUIET);
    rewrite_later(
        &path,
        &sample.replace("SPBE roadmap 2025-2029", "SPBE revised"),
    );
    app.tick(t0 + DISK_CHECK_EVERY * 2);
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    for w in [
        "Berkas berubah di disk",
        "plan.json diubah oleh program lain",
        "r muat ulang (buang milik saya)",
        "k tetap milik saya",
        "a simpan sebagai…",
    ] {
        assert!(text.contains(w), "{w:?} missing in\n{text}");
    }
    let bad = cut_words(&popup_only(&buf), &known);
    assert!(bad.is_empty(), "reload at 80x24:\n{}", bad.join("\n"));
    // Kept, then the session "crashes" with its journal left behind.
    key(&mut app, crossterm::event::KeyCode::Char('k'));
    drop(app);

    let mut app = open();
    app.offer_recovery();
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    for w in [
        "Pulihkan perubahan yang belum disimpan",
        "Ditemukan perubahan yang belum disimpan pada plan.json",
        // The title changed on disk too: the recovered roadmap differs in it as well.
        "Isinya: 1 butir diubah (srikandi);",
        "pengaturan peta jalan, sektor, atau skema pendanaan diubah.",
        "sudah berubah di disk sejak itu",
        "r pulihkan",
        "d buang",
        "k simpan untuk nanti",
    ] {
        assert!(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(w),
            "{w:?} missing in\n{text}"
        );
    }
    for english in [
        "Unsaved",
        "restore",
        "discard",
        "keep for later",
        "They hold",
    ] {
        assert!(!text.contains(english), "{english:?} left in\n{text}");
    }
    let bad = cut_words(&popup_only(&buf), &known);
    assert!(bad.is_empty(), "recovery at 80x24:\n{}", bad.join("\n"));
    key(&mut app, crossterm::event::KeyCode::Char('r'));
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "perubahan pulihan dipulihkan; belum disimpan (Ctrl-s menyimpan)"
    );

    // The reload question without unsaved changes.
    let mut app = open();
    let t0 = Instant::now();
    app.tick(t0);
    rewrite_later(&path, &sample);
    app.tick(t0 + DISK_CHECK_EVERY);
    let buf = draw(&mut app, 80, 24);
    let text = screen(&buf);
    assert!(
        text.contains("r muat ulang") && text.contains("k tetap tampilan ini"),
        "{text}"
    );
    let bad = cut_words(&popup_only(&buf), &known);
    assert!(bad.is_empty(), "reload at 80x24:\n{}", bad.join("\n"));
    key(&mut app, crossterm::event::KeyCode::Char('r'));
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "plan.json dimuat ulang dari disk"
    );
}
