//! The TUI on a national portfolio: it opens as one plan grouped by member then sector,
//! edits work, and saving writes only the member that changed.

mod common;

use common::tui::{ctrl, key, key_with, open_any_app, screen};
use crossterm::event::{KeyCode, KeyModifiers};
use peta::model::{parse_date, Date};
use peta::tui::app::App;
use peta::tui::theme::Theme;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const FILES: [&str; 5] = [
    "portfolio.json",
    "komdigi.json",
    "panrb.json",
    "kemendagri.json",
    "jabar.json",
];

fn today() -> Date {
    parse_date("2026-06-01").unwrap()
}

/// The sample portfolio copied to a temporary folder, every file dated 2020.
fn copy_sample(dir: &Path) -> (PathBuf, SystemTime) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    for name in FILES {
        let to = dir.join(name);
        fs::copy(Path::new("roadmaps/national").join(name), &to).unwrap();
        fs::File::options()
            .write(true)
            .open(&to)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    (dir.join("portfolio.json"), old)
}

#[test]
fn a_portfolio_opens_grouped_by_member_then_sector() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copy_sample(dir.path());
    let doc = peta::tui::open_document(Some(&path), today()).unwrap();
    assert!(doc.portfolio.is_some());
    assert_eq!(doc.roadmap.items.len(), 26);
    assert_eq!(doc.display_name(), "portfolio.json");
    // Validation of the combined plan finds nothing: cross-member links resolve.
    assert!(
        doc.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        doc.problems
    );
    let mut app = App::new(doc, Theme::default_theme());
    let text = screen(&mut app, 140, 80);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{text}"))
    };
    let lanes = [
        "▾ Komdigi · Infrastructure",
        "▾ Komdigi · Regulation",
        "▾ PANRB · Regulation",
        "▾ Kemendagri · Regulation",
        "▾ Jawa Barat · Regulation",
        "▾ Jawa Barat · Data (1)",
    ];
    let positions: Vec<usize> = lanes.iter().map(|l| at(l)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(text.contains("finish 2029-06-29 vs 2029-12-31 (185 d early)"));
}

#[test]
fn saving_writes_only_the_changed_member_and_never_the_portfolio_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old) = copy_sample(dir.path());
    let before: Vec<Vec<u8>> = FILES
        .iter()
        .map(|n| fs::read(dir.path().join(n)).unwrap())
        .collect();
    let mut app = open_any_app(&path, today());
    let index = app.doc.roadmap.index_of("panrb:ina-digital").unwrap();
    app.select(index);
    // One quarter later (the default zoom), keeping the duration.
    key_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    assert!(app.doc.is_dirty());
    assert_eq!(app.doc.roadmap.items[index].start, parse_date("2026-10-06"));
    ctrl(&mut app, 's');
    assert!(!app.doc.is_dirty());
    let panrb = dir.path().join("panrb.json");
    assert_eq!(app.doc.written, std::slice::from_ref(&panrb));
    let message = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert_eq!(message, format!("saved {}", panrb.display()));

    for (name, bytes) in FILES.iter().zip(&before) {
        let file = dir.path().join(name);
        let modified = fs::metadata(&file).unwrap().modified().unwrap();
        if *name == "panrb.json" {
            assert_ne!(&fs::read(&file).unwrap(), bytes);
            assert_ne!(modified, old);
        } else {
            assert_eq!(&fs::read(&file).unwrap(), bytes, "{name} rewritten");
            assert_eq!(modified, old, "{name} touched");
        }
    }
    // The member file holds the move, with its own ids and cross-member links as written.
    let saved = peta::store::load(&panrb).unwrap().roadmap;
    let item = &saved.items[saved.index_of("ina-digital").unwrap()];
    assert_eq!(item.start, parse_date("2026-10-06"));
    let deps: Vec<&str> = item.depends_on.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(deps, ["ms-interop-enacted", "komdigi:gov-cloud"]);
    assert_eq!(
        fs::read_to_string(&panrb).unwrap(),
        peta::store::to_canonical_string(&saved)
    );
    // Reopened, the portfolio is the edited plan.
    let again = peta::tui::open_document(Some(&path), today()).unwrap();
    assert_eq!(again.roadmap, app.doc.roadmap);
}

#[test]
fn a_member_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = copy_sample(dir.path());
    let mut app = open_any_app(&path, today());
    let index = app.doc.roadmap.index_of("jabar:dc-migration").unwrap();
    app.select(index);
    key_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    let jabar = dir.path().join("jabar.json");
    let theirs = fs::read_to_string(&jabar)
        .unwrap()
        .replace("Sapawarga", "SapaWarga");
    fs::write(&jabar, &theirs).unwrap();
    ctrl(&mut app, 's');
    assert!(app.doc.is_dirty());
    assert_eq!(fs::read_to_string(&jabar).unwrap(), theirs);
    let text = screen(&mut app, 140, 40);
    assert!(text.contains("a member of this portfolio"), "{text}");
    assert!(!text.contains("save as"), "{text}");
    // `o` overwrites.
    key(&mut app, KeyCode::Char('o'));
    assert!(!app.doc.is_dirty());
    assert!(!fs::read_to_string(&jabar).unwrap().contains("SapaWarga"));
}
