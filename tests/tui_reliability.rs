//! Reliability of the terminal UI, driven through `App` without a terminal: saves that fail
//! keep the edits, a file changed by someone else is noticed and never silently overwritten,
//! and unsaved edits are journaled and offered back after a crash.

mod common;

use common::tui::{ctrl, key as press, key_with, open_app, top_popup, typed};
use crossterm::event::{KeyCode, KeyModifiers};
use peta::model::Date;
use peta::store::journal::{JournalKey, Slot};
use peta::tui::app::{App, DISK_CHECK_EVERY, JOURNAL_AT_MOST, JOURNAL_QUIET};
use peta::tui::document::SAMPLE;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn today() -> Date {
    Date::from_ymd_opt(2026, 12, 1).unwrap()
}

fn open(path: &Path, data: Option<&Path>) -> App {
    let mut app = open_app(path, today());
    app.data_dir = data.map(Path::to_path_buf);
    app
}

/// The sample in `dir/plan.json`.
fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("plan.json");
    fs::write(&path, SAMPLE).unwrap();
    path
}

fn ctrl_s(app: &mut App) {
    ctrl(app, 's');
}

/// Moves srikandi one quarter later (2025-07-01 → 2025-10-01).
fn move_srikandi(app: &mut App) {
    let index = app.doc.roadmap.index_of("srikandi").unwrap();
    app.select(index);
    key_with(app, KeyCode::Right, KeyModifiers::SHIFT);
}

fn srikandi_start(roadmap: &peta::model::Roadmap) -> String {
    let item = &roadmap.items[roadmap.index_of("srikandi").unwrap()];
    peta::model::format_date(item.start.unwrap())
}

fn screen(app: &mut App) -> String {
    common::tui::screen(app, 140, 40)
}

/// The popup's text, unwrapped: lines inside the box joined with spaces.
fn popup_text(app: &mut App) -> String {
    let screen = screen(app);
    let mut words = Vec::new();
    for line in screen.lines() {
        let inside: Vec<&str> = line.split('│').collect();
        if inside.len() >= 4 {
            words.push(inside[inside.len() - 2].trim().to_string());
        }
    }
    words.join(" ")
}

/// Writes `path` so that its modification time surely differs from before (file systems
/// with coarse timestamps would otherwise hide a quick rewrite of the same size).
fn rewrite(path: &Path, text: &str) {
    let before = fs::metadata(path).ok().and_then(|m| m.modified().ok());
    fs::write(path, text).unwrap();
    let file = fs::File::options().write(true).open(path).unwrap();
    if let Some(before) = before {
        file.set_modified(before + Duration::from_secs(5)).unwrap();
    }
}

// ---- failing saves ----------------------------------------------------------------------

/// A save that fails leaves the file alone and the edits in memory, and says why.
fn assert_failed_save_kept_the_edits(app: &mut App, path: &Path, reason: &str) {
    assert!(app.doc.is_dirty());
    assert_eq!(srikandi_start(&app.doc.roadmap), "2025-10-01");
    assert_eq!(fs::read_to_string(path).unwrap(), SAMPLE, "file untouched");
    assert_eq!(top_popup(app), Some("confirm"));
    let text = popup_text(app);
    assert!(text.contains(reason), "{text}");
    assert!(
        text.contains("Your changes are kept here, not saved"),
        "{text}"
    );
    let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".peta-save"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_full_disk_reports_the_error_and_keeps_the_edits() {
    // Simulated: the document's writer fails the way a full disk does (ENOSPC); everything
    // else (the App, the popup, the document) is the real code path.
    fn full_disk(_: &Path, _: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::from_raw_os_error(28))
    }
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut app = open(&path, None);
    app.doc.writer = full_disk;
    move_srikandi(&mut app);
    ctrl_s(&mut app);
    assert_failed_save_kept_the_edits(&mut app, &path, "No space left on device");

    // Space freed: "try again" saves the very same edits.
    app.doc.writer = peta::store::write_atomic;
    press(&mut app, KeyCode::Char('t'));
    assert!(!app.doc.is_dirty());
    assert!(app.popups.is_empty());
    let saved = peta::store::load(&path).unwrap().roadmap;
    assert_eq!(srikandi_start(&saved), "2025-10-01");
}

/// A real full disk: a 256 KiB tmpfs mounted in a private mount namespace (`unshare`), filled
/// up after the roadmap was written. The test runs itself again inside the namespace; where
/// mounting is not allowed (no root, no user namespaces) it says so and skips.
#[cfg(target_os = "linux")]
#[test]
fn a_really_full_disk_reports_the_error_and_keeps_the_edits() {
    if let Some(dir) = std::env::var_os("PETA_TEST_FULL_DISK") {
        full_disk_inside(Path::new(&dir));
        return;
    }
    let outer = tempfile::tempdir().unwrap();
    let mount = outer.path().join("disk");
    fs::create_dir(&mount).unwrap();
    let exe = std::env::current_exe().unwrap();
    let script = format!(
        "mount -t tmpfs -o size=256k tmpfs '{m}' && exec '{exe}' --exact a_really_full_disk_reports_the_error_and_keeps_the_edits --nocapture",
        m = mount.display(),
        exe = exe.display()
    );
    let mut result = None;
    // As root a private mount namespace is enough; otherwise try a user namespace too.
    for flags in [&["-m"][..], &["-U", "-r", "-m"][..]] {
        let out = std::process::Command::new("unshare")
            .args(flags)
            .args(["sh", "-c", &script])
            .env("PETA_TEST_FULL_DISK", &mount)
            .output();
        if let Ok(out) = out {
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            if text.contains("running 1 test") {
                result = Some((out.status.success(), text));
                break;
            }
        }
    }
    match result {
        Some((passed, text)) => assert!(passed && text.contains("1 passed"), "{text}"),
        None => eprintln!("skipped: cannot mount a small tmpfs here (unshare not permitted)"),
    }
}

#[cfg(target_os = "linux")]
fn full_disk_inside(dir: &Path) {
    use std::io::Write;
    let path = sample_file(dir);
    let mut app = open(&path, None);
    // Fill the rest of the disk.
    let mut filler = fs::File::create(dir.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while filler.write_all(&block).is_ok() {}
    drop(filler);
    move_srikandi(&mut app);
    ctrl_s(&mut app);
    assert_failed_save_kept_the_edits(&mut app, &path, "No space left on device");
    fs::remove_file(dir.join("filler")).unwrap();
    press(&mut app, KeyCode::Char('t'));
    assert!(!app.doc.is_dirty());
    let saved = peta::store::load(&path).unwrap().roadmap;
    assert_eq!(srikandi_start(&saved), "2025-10-01");
}

/// Run as-is by a normal user; as root (which writes into read-only folders anyway) the
/// test runs itself again as `nobody` through `setpriv`, so the folder really is read-only.
#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_reports_the_error_and_keeps_the_edits() {
    use std::os::unix::fs::PermissionsExt;
    let is_child = std::env::var_os("PETA_TEST_AS_NOBODY").is_some();
    let root = !is_child
        && fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m))
            .ok()
            == Some(0);
    if root {
        let exe = std::env::current_exe().unwrap();
        let found = std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            eprintln!("skipped: running as root without setpriv to drop privileges");
            return;
        }
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args([
                "--exact",
                "saving_into_a_read_only_folder_reports_the_error_and_keeps_the_edits",
                "--nocapture",
            ])
            .env("PETA_TEST_AS_NOBODY", "1")
            .env("TMPDIR", "/tmp")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "as nobody:\n{text}");
        assert!(text.contains("1 passed"), "{text}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    let path = sample_file(&locked);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    assert!(
        fs::write(locked.join("probe"), "").is_err(),
        "the folder must be read-only for this user"
    );
    let mut app = open(&path, None);
    move_srikandi(&mut app);
    ctrl_s(&mut app);
    assert_failed_save_kept_the_edits(&mut app, &path, "Permission denied");
    assert!(app.message.as_ref().unwrap().error);

    // "save as…" to a writable place keeps the work.
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(top_popup(&app), Some("prompt"));
    ctrl(&mut app, 'u');
    let elsewhere = dir.path().join("elsewhere.json");
    typed(&mut app, &elsewhere.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(!app.doc.is_dirty());
    assert_eq!(app.doc.path.as_deref(), Some(elsewhere.as_path()));
    let saved = peta::store::load(&elsewhere).unwrap().roadmap;
    assert_eq!(srikandi_start(&saved), "2025-10-01");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_save_from_the_app_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let mut app = open(&path, None);
    move_srikandi(&mut app);
    ctrl_s(&mut app);
    assert!(!app.doc.is_dirty());
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

// ---- changed on disk --------------------------------------------------------------------

/// The sample with another title: what a colleague's `git pull` brings in.
fn theirs() -> String {
    SAMPLE.replace(
        "\"title\": \"SPBE roadmap 2025-2029\"",
        "\"title\": \"SPBE roadmap, revised by a colleague\"",
    )
}

#[test]
fn a_change_on_disk_is_noticed_and_reloading_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    assert_ne!(theirs(), SAMPLE);
    let mut app = open(&path, None);
    let t0 = Instant::now();
    assert!(!app.tick(t0));
    assert!(app.popups.is_empty());

    // Touched (same contents, new time): nothing to say.
    rewrite(&path, SAMPLE);
    app.tick(t0 + DISK_CHECK_EVERY);
    assert!(app.popups.is_empty());

    rewrite(&path, &theirs());
    // Not looked at again before the interval is up.
    app.tick(t0 + DISK_CHECK_EVERY + Duration::from_millis(100));
    assert!(app.popups.is_empty());
    assert!(app.tick(t0 + DISK_CHECK_EVERY * 2));
    assert_eq!(top_popup(&app), Some("confirm"));
    let text = popup_text(&mut app);
    assert!(
        text.contains("plan.json was changed by another program"),
        "{text}"
    );
    assert!(text.contains("You have no unsaved changes"), "{text}");
    // Asked once, not on every tick.
    press(&mut app, KeyCode::Char('k'));
    app.tick(t0 + DISK_CHECK_EVERY * 3);
    assert!(app.popups.is_empty());
    assert_eq!(app.doc.roadmap.title, "SPBE roadmap 2025-2029");

    // Another change, then reload.
    rewrite(&path, &theirs().replace("colleague", "second colleague"));
    app.tick(t0 + DISK_CHECK_EVERY * 4);
    press(&mut app, KeyCode::Char('r'));
    assert!(app.popups.is_empty());
    assert_eq!(
        app.doc.roadmap.title,
        "SPBE roadmap, revised by a second colleague"
    );
    assert!(!app.doc.is_dirty());
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "reloaded plan.json from disk"
    );
}

#[test]
fn with_unsaved_edits_the_choice_is_explained_and_saving_still_asks() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut app = open(&path, None);
    let t0 = Instant::now();
    app.tick(t0);
    move_srikandi(&mut app);
    rewrite(&path, &theirs());

    // While a popup is open (the item form), the question waits.
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(top_popup(&app), Some("form"));
    app.tick(t0 + DISK_CHECK_EVERY);
    assert_eq!(top_popup(&app), Some("form"));
    press(&mut app, KeyCode::Esc);
    app.tick(t0 + DISK_CHECK_EVERY * 2);
    let text = popup_text(&mut app);
    assert!(text.contains("you have unsaved changes here"), "{text}");
    assert!(
        text.contains("Reload takes the new file and discards your changes"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('k'));
    assert!(app.doc.is_dirty());

    // Saving later never overwrites silently: it asks reload / overwrite / save as.
    ctrl_s(&mut app);
    let text = popup_text(&mut app);
    assert!(text.contains("was changed by someone else"), "{text}");
    let screen = screen(&mut app);
    assert!(screen.contains("r reload (discard mine)"), "{screen}");
    assert!(screen.contains("o overwrite"), "{screen}");
    assert!(screen.contains("a save as…"), "{screen}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs());

    // Reload: their version, my edit gone.
    press(&mut app, KeyCode::Char('r'));
    assert!(!app.doc.is_dirty());
    assert_eq!(
        app.doc.roadmap.title,
        "SPBE roadmap, revised by a colleague"
    );
    assert_eq!(srikandi_start(&app.doc.roadmap), "2025-07-01");

    // Overwrite: my version replaces theirs, on purpose.
    move_srikandi(&mut app);
    rewrite(&path, SAMPLE);
    ctrl_s(&mut app);
    press(&mut app, KeyCode::Char('o'));
    assert!(!app.doc.is_dirty());
    let saved = peta::store::load(&path).unwrap().roadmap;
    assert_eq!(saved.title, "SPBE roadmap, revised by a colleague");
    assert_eq!(srikandi_start(&saved), "2025-10-01");
    // Our own save is not reported as someone else's change.
    app.tick(t0 + DISK_CHECK_EVERY * 10);
    assert!(app.popups.is_empty());
}

#[test]
fn a_deleted_file_is_reported_once_and_saving_offers_no_reload() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(dir.path());
    let mut app = open(&path, None);
    let t0 = Instant::now();
    app.tick(t0);
    fs::remove_file(&path).unwrap();
    app.tick(t0 + DISK_CHECK_EVERY);
    let message = app.message.clone().unwrap();
    assert!(message.error);
    assert_eq!(
        message.text,
        "plan.json was deleted or moved away on disk; Ctrl-s writes it again"
    );
    app.message = None;
    app.tick(t0 + DISK_CHECK_EVERY * 2);
    assert_eq!(app.message, None, "said once");
    move_srikandi(&mut app);
    ctrl_s(&mut app);
    let screen = screen(&mut app);
    assert!(!screen.contains("reload"), "{screen}");
    press(&mut app, KeyCode::Char('o'));
    assert!(path.exists());
}

// ---- recovery journal -------------------------------------------------------------------

fn journal(data: &Path, file: &Path, slot: Slot) -> Option<peta::store::journal::Journal> {
    JournalKey::new(data, Some(file)).read(slot).unwrap()
}

#[test]
fn edits_are_journaled_after_a_pause_and_the_journal_goes_with_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = sample_file(dir.path());
    let mut app = open(&path, Some(&data));
    let t0 = Instant::now();
    app.tick(t0);
    move_srikandi(&mut app);
    app.tick(t0 + Duration::from_millis(100));
    assert!(
        journal(&data, &path, Slot::Current).is_none(),
        "not at once"
    );
    app.tick(t0 + Duration::from_millis(100) + JOURNAL_QUIET);
    let written = journal(&data, &path, Slot::Current).expect("journaled");
    assert!(written.roadmap == app.doc.roadmap);
    assert_eq!(written.base, app.doc.fingerprint);

    // A long burst of edits, one every 300 ms (never a quiet second), is still journaled
    // JOURNAL_AT_MOST after its first edit.
    ctrl_s(&mut app);
    assert!(
        journal(&data, &path, Slot::Current).is_none(),
        "saved: gone"
    );
    let t1 = t0 + Duration::from_secs(10);
    app.tick(t1);
    let mut now = t1;
    let first_seen = loop {
        move_srikandi(&mut app);
        app.tick(now);
        if let Some(written) = journal(&data, &path, Slot::Current) {
            assert!(written.roadmap == app.doc.roadmap, "the state just written");
            break now;
        }
        now += Duration::from_millis(300);
        assert!(now < t1 + Duration::from_secs(10), "never journaled");
    };
    // At the first tick once JOURNAL_AT_MOST has passed (ticks here come every 300 ms).
    assert!(first_seen - t1 >= JOURNAL_AT_MOST, "{:?}", first_seen - t1);
    assert!(first_seen - t1 < JOURNAL_AT_MOST + Duration::from_millis(300));
    ctrl_s(&mut app);
    assert!(
        journal(&data, &path, Slot::Current).is_none(),
        "saved: gone"
    );
    let now = first_seen + Duration::from_secs(5);

    // Undoing back to the saved state removes it too.
    move_srikandi(&mut app);
    app.tick(now);
    app.tick(now + Duration::from_secs(5));
    assert!(journal(&data, &path, Slot::Current).is_some());
    press(&mut app, KeyCode::Char('u'));
    app.tick(now + Duration::from_secs(6));
    assert!(
        journal(&data, &path, Slot::Current).is_none(),
        "clean again"
    );

    // Quitting and discarding removes it.
    move_srikandi(&mut app);
    app.tick(now + Duration::from_secs(7));
    app.tick(now + Duration::from_secs(15));
    assert!(journal(&data, &path, Slot::Current).is_some());
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('d'));
    assert!(app.quit);
    assert!(journal(&data, &path, Slot::Current).is_none(), "discarded");
}

/// A session that was edited and then "crashed": the journal is left behind.
fn crashed_session(path: &Path, data: &Path) -> peta::model::Roadmap {
    let mut app = open(path, Some(data));
    let t0 = Instant::now();
    app.tick(t0);
    move_srikandi(&mut app);
    // The loop ticks right after every event; the journal follows a quiet moment later.
    app.tick(t0);
    app.tick(t0 + JOURNAL_QUIET);
    assert!(journal(data, path, Slot::Current).is_some());
    app.doc.roadmap.clone()
}

/// The sample in `dir/plan.json` after a crashed session: the data folder holding the
/// journal, the file, and the edited roadmap the journal holds.
fn crashed_sample(dir: &Path) -> (PathBuf, PathBuf, peta::model::Roadmap) {
    let data = dir.join("data");
    let path = sample_file(dir);
    let edited = crashed_session(&path, &data);
    (data, path, edited)
}

/// The file opened again with the journals in `data`, the recovery offer made.
fn reopen(path: &Path, data: &Path) -> App {
    let mut app = open(path, Some(data));
    app.offer_recovery();
    app
}

#[test]
fn reopening_after_a_crash_offers_restore_discard_or_keep() {
    let dir = tempfile::tempdir().unwrap();
    let (data, path, edited) = crashed_sample(dir.path());

    // Restore: the edits come back, unsaved.
    let mut app = reopen(&path, &data);
    let text = popup_text(&mut app);
    assert!(text.contains("Unsaved changes to plan.json from"), "{text}");
    assert!(
        text.contains("They hold: 1 item changed (srikandi)."),
        "{text}"
    );
    assert!(!text.contains("changed on disk"), "{text}");
    press(&mut app, KeyCode::Char('r'));
    assert!(app.doc.roadmap == edited);
    assert!(app.doc.is_dirty());
    assert!(screen(&mut app).contains("plan.json [+]"));
    // Still journaled (a second crash must not lose it); saving ends it.
    assert!(journal(&data, &path, Slot::Current).is_some());
    ctrl_s(&mut app);
    assert_eq!(
        srikandi_start(&peta::store::load(&path).unwrap().roadmap),
        "2025-10-01"
    );
    assert!(journal(&data, &path, Slot::Current).is_none());

    // Discard: gone for good.
    fs::write(&path, SAMPLE).unwrap();
    crashed_session(&path, &data);
    let mut app = reopen(&path, &data);
    press(&mut app, KeyCode::Char('d'));
    assert!(!app.doc.is_dirty());
    assert!(journal(&data, &path, Slot::Current).is_none());
    let again = reopen(&path, &data);
    assert!(again.popups.is_empty());
}

#[test]
fn kept_changes_survive_the_next_session_and_a_changed_file_is_mentioned() {
    let dir = tempfile::tempdir().unwrap();
    let (data, path, edited) = crashed_sample(dir.path());

    // Esc (like "k") keeps them for later; this session's own journal does not replace them.
    let mut app = reopen(&path, &data);
    press(&mut app, KeyCode::Esc);
    assert!(app.popups.is_empty());
    assert!(journal(&data, &path, Slot::Current).is_none());
    assert!(journal(&data, &path, Slot::Kept).unwrap().roadmap == edited);
    let t0 = Instant::now();
    app.tick(t0);
    app.update(peta::tui::action::Action::DeleteItem);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.doc.is_dirty());
    app.tick(t0);
    app.tick(t0 + JOURNAL_AT_MOST);
    assert!(journal(&data, &path, Slot::Current).is_some());
    assert!(journal(&data, &path, Slot::Kept).unwrap().roadmap == edited);
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('d'));

    // Meanwhile a colleague changed the file: the offer says so.
    rewrite(&path, &theirs());
    let mut app = reopen(&path, &data);
    let text = popup_text(&mut app);
    assert!(text.contains("were kept for later"), "{text}");
    assert!(
        text.contains("plan.json has changed on disk since then"),
        "{text}"
    );
    press(&mut app, KeyCode::Char('r'));
    assert!(app.doc.roadmap == edited);
    assert!(app.doc.is_dirty());
    assert!(journal(&data, &path, Slot::Kept).is_none());
    assert!(journal(&data, &path, Slot::Current).unwrap().roadmap == edited);
}
