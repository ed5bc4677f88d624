//! Helpers shared by the integration tests (`mod common;` in each test file).
//!
//! Each test file is its own crate and uses only some of these, so unused ones are allowed.
#![allow(dead_code)]

pub mod tui;

use assert_cmd::Command;
use peta::model::{Date, Roadmap};
use peta::schedule::{schedule, Options, Schedule};
use std::fs;
use std::path::{Path, PathBuf};

/// The sample roadmap shipped with peta (59 items, 8 sectors).
pub const SAMPLE: &str = "roadmaps/spbe-2025-2029.json";

/// The `--today` the sample is exported and scheduled on in the tests.
pub const TODAY: &str = "2026-06-01";

pub fn today() -> Date {
    Date::from_ymd_opt(2026, 6, 1).unwrap()
}

/// The `peta` binary, kept away from the user's own settings, data and locale (English
/// unless a test asks for another language).
pub fn peta() -> Command {
    let mut cmd = Command::cargo_bin("peta").unwrap();
    cmd.env("PETA_CONFIG_DIR", "/nonexistent/peta-test-config")
        .env("PETA_DATA_DIR", "/nonexistent/peta-test-data")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

pub fn load(path: &Path) -> Roadmap {
    peta::store::load(path).unwrap().roadmap
}

/// Runs a command that must succeed (its stderr shown if not) and returns its stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that an import rebuilt every field an import can rebuild, item by item; funding
/// and talent lines only `with_funding` (MSPDI has no place for them).
pub fn same_items(
    original: &[Box<peta::model::Item>],
    imported: &[Box<peta::model::Item>],
    with_funding: bool,
) {
    assert_eq!(original.len(), imported.len());
    for (a, b) in original.iter().zip(imported) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title, "{}", a.id);
        assert_eq!(a.sector, b.sector, "{}", a.id);
        assert_eq!(a.kind, b.kind, "{}", a.id);
        assert_eq!((a.start, a.end), (b.start, b.end), "{}", a.id);
        assert_eq!(a.depends_on, b.depends_on, "{}", a.id);
        assert_eq!(a.progress, b.progress, "{}", a.id);
        assert_eq!(a.cost, b.cost, "{}", a.id);
        assert_eq!(a.owner, b.owner, "{}", a.id);
        assert_eq!(a.regulation, b.regulation, "{}", a.id);
        assert_eq!(a.notes, b.notes, "{}", a.id);
        if with_funding {
            assert_eq!(a.funding, b.funding, "{}", a.id);
            assert_eq!(a.talent, b.talent, "{}", a.id);
        }
    }
}

/// The sample and its schedule on [`today`].
pub fn sample() -> (Roadmap, Schedule) {
    let roadmap = load(Path::new(SAMPLE));
    let plan = schedule(&roadmap, &Options::new(today()));
    (roadmap, plan)
}

/// Whether `program --version` runs.
pub fn runs(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Decides what a test does when a real consumer is missing: with PETA_REQUIRE_CONSUMERS=1
/// (CI) it fails, naming the `.ci/consumers.d` script that installs it; otherwise it prints
/// "skipped: <what> not installed" and the test returns. Returns `found`.
pub fn consumer(found: bool, what: &str, script: &str) -> bool {
    if !found {
        assert!(
            std::env::var("PETA_REQUIRE_CONSUMERS").as_deref() != Ok("1"),
            "{what} is required (PETA_REQUIRE_CONSUMERS=1) but not installed: run .ci/consumers.d/{script}"
        );
        eprintln!("skipped: {what} not installed (run .ci/consumers.d/{script})");
    }
    found
}

/// A small roadmap as JSON: 2025, one sector `s`, no funding schemes, the given items.
pub fn roadmap_json(items: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "format": "peta-roadmap/1", "title": "T", "start": "2025-01-01", "end": "2025-12-31",
        "currency": "IDR", "sectors": [{"id": "s", "name": "S"}], "funding_schemes": [],
        "items": items
    })
}

/// An initiative in sector `s` titled with its id in capitals, depending (FS) on `deps`.
pub fn item_json(id: &str, start: &str, end: &str, deps: &[&str]) -> serde_json::Value {
    serde_json::json!({"id": id, "title": id.to_uppercase(), "kind": "initiative", "sector": "s",
           "start": start, "end": end, "progress": 0, "depends_on": deps})
}

/// The ids of a roadmap value's items, in file order.
pub fn item_ids(value: &serde_json::Value) -> Vec<String> {
    value["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

/// Writes a JSON value as a pretty file with a final newline; returns the path.
pub fn write_json(dir: &Path, name: &str, value: &serde_json::Value) -> PathBuf {
    write(
        dir,
        name,
        &(serde_json::to_string_pretty(value).unwrap() + "\n"),
    )
}

pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `base`, and OURS and THEIRS made from it by `ours` and `theirs`.
pub fn three_sides(
    base: serde_json::Value,
    ours: impl FnOnce(&mut serde_json::Value),
    theirs: impl FnOnce(&mut serde_json::Value),
) -> [serde_json::Value; 3] {
    let (mut o, mut t) = (base.clone(), base.clone());
    ours(&mut o);
    theirs(&mut t);
    [base, o, t]
}

/// Writes the three sides to `dir` and runs `peta merge BASE OURS THEIRS -o OUT`; returns the
/// command's output and OUT.
pub fn merge_files(
    dir: &Path,
    [base, ours, theirs]: &[serde_json::Value; 3],
    out: &str,
) -> (std::process::Output, PathBuf) {
    let (b, o, t) = (
        write_json(dir, "base.json", base),
        write_json(dir, "ours.json", ours),
        write_json(dir, "theirs.json", theirs),
    );
    let out = dir.join(out);
    let output = peta()
        .arg("merge")
        .args([&b, &o, &t])
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    (output, out)
}

/// Runs `program` in `dir`.
pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PETA_CONFIG_DIR", "/nonexistent/peta-test-config")
        .env("PETA_DATA_DIR", "/nonexistent/peta-test-data")
        .output()
        .unwrap()
}

/// A temporary git repository with a committer configured, on branch `main`.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git, asserting it succeeds.
    pub fn git(&self, args: &[&str]) -> std::process::Output {
        let out = run_in(self.path(), "git", args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs a program (the built peta, git that may fail) in the repository.
    pub fn run(&self, program: &str, args: &[&str]) -> std::process::Output {
        run_in(self.path(), program, args)
    }

    pub fn save(&self, name: &str, value: &serde_json::Value) {
        write_json(self.path(), name, value);
    }

    pub fn read(&self, name: &str) -> serde_json::Value {
        read_json(&self.path().join(name))
    }

    /// Saves `value` as `name` and commits everything with `message`.
    pub fn commit(&self, name: &str, value: &serde_json::Value, message: &str) {
        self.save(name, value);
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }
}
