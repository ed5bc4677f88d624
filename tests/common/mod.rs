//! Helpers shared by the integration tests (`mod common;` in each test file).
//!
//! Each test file is its own crate and uses only some of these, so unused ones are allowed.
#![allow(dead_code)]

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
