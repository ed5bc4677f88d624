//! End to end, the real `peta` binary in tmux: a file changed under the running program is
//! noticed and reloaded; unsaved edits survive a SIGKILL through the recovery journal; and a
//! panic or an error restores the terminal before the report prints.

mod common;
mod tmux;

use std::fs;
use std::path::{Path, PathBuf};
use tmux::{eventually, Session};

fn ready() -> bool {
    common::consumer(tmux::have_tmux(), "tmux", "tmux.sh")
}

/// A copy of the sample in a fresh folder, with `config` and `data` folders beside it.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.json");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/spbe-2025-2029.json"),
        &file,
    )
    .unwrap();
    (dir, file)
}

/// The shell command that runs peta on `file` with the folders of `dir`, then reports how it
/// ended and keeps the pane open.
fn peta_command(dir: &Path, file: &Path, env: &str) -> String {
    format!(
        "cd '{dir}'; echo $$ > '{dir}/pid'; exec env {env} PETA_CONFIG_DIR='{dir}/config' PETA_DATA_DIR='{dir}/data' '{bin}' '{file}' --today 2026-12-01",
        dir = dir.display(),
        bin = env!("CARGO_BIN_EXE_peta"),
        file = file.display(),
    )
}

fn start(name: &str, dir: &Path, file: &Path) -> Session {
    // A script, so `$$` is the pid of the shell that then becomes peta (exec).
    let script = dir.join("run.sh");
    fs::write(&script, peta_command(dir, file, "")).unwrap();
    let command = format!("sh '{}'; echo \"exit=$?\"; sleep 60", script.display());
    Session::start(name, &command)
}

/// Journals in the data folder (not a temporary file of a journal being written).
fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    match fs::read_dir(dir.join("data/recovery")) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                !name.starts_with('.') && name.ends_with(".json")
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Selects srikandi and moves it one quarter later (2025-07-01 → 2025-10-01).
fn move_srikandi(session: &Session) {
    session.keys(&["/"]);
    session.wait_for("Title or id contains");
    session.keys(&["s", "r", "i", "k", "a", "n", "d", "i", "Enter"]);
    session.wait_for("matches");
    session.keys(&["S-Right"]);
    session.wait_for("srikandi: 2025-10-01 – 2027-09-30");
}

fn srikandi_start(file: &Path) -> String {
    let roadmap = peta::store::load(file).unwrap().roadmap;
    let item = &roadmap.items[roadmap.index_of("srikandi").unwrap()];
    peta::model::format_date(item.start.unwrap())
}

#[test]
fn a_file_changed_under_the_running_program_is_offered_for_reloading() {
    if !ready() {
        return;
    }
    let (dir, file) = setup();
    let session = start("peta-reload", dir.path(), &file);
    session.wait_for("plan.json │ finish 2029-12-14");
    session.wait_for("SPBE roadmap 2025-2029");

    // A colleague's version arrives (as a git pull would write it).
    let text = fs::read_to_string(&file).unwrap().replace(
        "\"title\": \"SPBE roadmap 2025-2029\"",
        "\"title\": \"Revised by a colleague\"",
    );
    fs::write(&file, text).unwrap();
    let screen = session.wait_for("File changed on disk");
    assert!(screen.contains("You have no unsaved changes"), "{screen}");
    session.keys(&["r"]);
    let screen = session.wait_for("reloaded plan.json from disk");
    assert!(screen.contains("Revised by a colleague"), "{screen}");

    // With unsaved edits the question explains what reloading would throw away; keep mine,
    // then saving still refuses to overwrite silently.
    move_srikandi(&session);
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("Revised by a colleague", "Revised again");
    fs::write(&file, &text).unwrap();
    let screen = session.wait_for("you have unsaved changes here");
    assert!(screen.contains("r reload (discard mine)"), "{screen}");
    session.keys(&["k"]);
    session.keys(&["C-s"]);
    session.wait_for("was changed by someone else");
    session.keys(&["Escape"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), text, "not overwritten");
    session.keys(&["q", "d"]);
    session.wait_for("exit=0");
}

#[cfg(unix)]
#[test]
fn unsaved_edits_survive_a_kill_and_are_offered_back() {
    if !ready() {
        return;
    }
    let (dir, file) = setup();
    let original = fs::read_to_string(&file).unwrap();
    {
        let session = start("peta-kill", dir.path(), &file);
        session.wait_for("plan.json │ finish");
        move_srikandi(&session);
        session.wait_for("plan.json [+]");
        // Journaled within a couple of seconds of the change.
        eventually("a recovery journal", || {
            !recovery_files(dir.path()).is_empty()
        });
        let pid = fs::read_to_string(dir.path().join("pid")).unwrap();
        let killed = std::process::Command::new("kill")
            .args(["-KILL", pid.trim()])
            .status()
            .unwrap();
        assert!(killed.success());
        session.wait_for("exit=137");
    }
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        original,
        "nothing saved"
    );

    let session = start("peta-reopen", dir.path(), &file);
    let screen = session.wait_for("Recover unsaved changes");
    assert!(
        screen.contains("Unsaved changes to plan.json from"),
        "{screen}"
    );
    assert!(screen.contains("They hold: 1 item changed"), "{screen}");
    session.keys(&["r"]);
    let screen = session.wait_for("recovered changes restored");
    assert!(screen.contains("plan.json [+]"), "{screen}");
    session.save_and_quit();
    assert_eq!(srikandi_start(&file), "2025-10-01");
    assert!(recovery_files(dir.path()).is_empty(), "journal removed");
}

/// Runs peta from an interactive shell with the debug crash trigger armed, fires it with
/// F12, and checks the terminal the shell gets back.
fn crash_in_a_shell(kind: &str, report: &str, code: &str) {
    let (dir, file) = setup();
    let session = Session::start(
        &format!("peta-crash-{kind}"),
        "env -i PATH=/usr/bin:/bin TERM=xterm-256color HOME=/tmp PS1='$ ' bash --norc --noprofile",
    );
    session.wait_for("$");
    session.line(&format!(
        "PETA_DEBUG_CRASH={kind} PETA_CONFIG_DIR='{d}/config' PETA_DATA_DIR='{d}/data' '{bin}' '{f}' --today 2026-12-01",
        d = dir.path().display(),
        bin = env!("CARGO_BIN_EXE_peta"),
        f = file.display(),
    ));
    session.wait_for("plan.json │ finish");
    assert_eq!(
        session.pane("alternate_on"),
        "1",
        "the UI is on the alternate screen"
    );
    session.keys(&["F12"]);
    let screen = session.wait_for(report);
    // Back on the normal screen, cursor shown, mouse reporting off, and the report is there
    // under the command line that started peta.
    assert_eq!(session.pane("alternate_on"), "0", "{screen}");
    assert_eq!(session.pane("cursor_flag"), "1", "{screen}");
    assert_eq!(session.pane("mouse_any_flag"), "0", "{screen}");
    assert!(screen.contains("PETA_DEBUG_CRASH="), "{screen}");
    // Raw mode is off: the shell echoes and reads whole lines again.
    session.line("echo status=$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo; echo shell-ok-$((40+2))");
    let screen = session.wait_for("shell-ok-42");
    assert!(screen.contains(&format!("status={code}")), "{screen}");
    // grep prints "-icanon" / "-echo" for a terminal left raw.
    assert!(
        screen.lines().any(|l| l.trim() == "icanon echo"),
        "{screen}"
    );
}

#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal_before_the_report() {
    if ready() {
        crash_in_a_shell("panic", "PETA_DEBUG_CRASH: deliberate panic (F12)", "101");
    }
}

#[cfg(debug_assertions)]
#[test]
fn an_error_restores_the_terminal_before_the_message() {
    if ready() {
        crash_in_a_shell("error", "PETA_DEBUG_CRASH: deliberate error (F12)", "1");
    }
}
