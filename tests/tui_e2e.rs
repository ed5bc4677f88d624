//! End to end: the real `peta` binary in a tmux pane. Moves an item by a quarter, saves,
//! quits, and checks the file on disk. Skipped (with a note) where tmux is not installed;
//! `.ci/run` installs it.

mod tmux;

use std::path::Path;
use tmux::{have_tmux, Session};

fn item_dates(path: &Path, id: &str) -> (String, String) {
    let roadmap = peta::store::load(path).unwrap().roadmap;
    let item = &roadmap.items[roadmap.index_of(id).unwrap()];
    let date = |d: Option<peta::model::Date>| d.map(peta::model::format_date).unwrap_or_default();
    (date(item.start), date(item.end))
}

#[test]
fn edit_a_date_save_and_quit_in_a_real_terminal() {
    if !have_tmux() {
        eprintln!("tmux is not installed: skipping the end-to-end test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/spbe-2025-2029.json"),
        &file,
    )
    .unwrap();
    assert_eq!(
        item_dates(&file, "srikandi"),
        ("2025-07-01".into(), "2027-06-30".into())
    );
    let command = format!(
        "PETA_CONFIG_DIR='{dir}/config' PETA_DATA_DIR='{dir}/data' '{bin}' '{file}' --today 2026-12-01; echo \"exit=$?\"; sleep 30",
        dir = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_peta"),
        file = file.display(),
    );
    let session = Session::start_sized("peta-e2e", 160, 48, &command);
    session.wait_for("plan.json │ finish 2029-12-14");

    session.keys(&["/"]);
    session.wait_for("Title or id contains");
    session.keys(&["s", "r", "i", "k", "a", "n", "d", "i", "Enter"]);
    session.wait_for("matches");
    session.keys(&["S-Right"]);
    let screen = session.wait_for("srikandi: 2025-10-01 – 2027-09-30");
    assert!(screen.contains("plan.json [+]"), "{screen}");
    session.save_and_quit();

    assert_eq!(
        item_dates(&file, "srikandi"),
        ("2025-10-01".into(), "2027-09-30".into())
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let roadmap = peta::store::load(&file).unwrap().roadmap;
    assert_eq!(
        text,
        peta::store::to_canonical_string(&roadmap),
        "canonical"
    );
}
