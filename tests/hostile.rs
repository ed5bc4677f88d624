//! Hostile input: every file in `tests/fixtures/bad/` makes `peta check` print exactly the
//! text in its `.expected` sidecar and exit 1, without a panic or a hang; `peta schedule` on it
//! does not panic either. Inputs too big to commit (deep nesting, 10 MB strings, a
//! 100,000-item cycle, a 1 GB file) are generated into a temporary folder.
//!
//! After changing a message on purpose, `PETA_BLESS=1 cargo test --test hostile` rewrites the
//! sidecars; review the diff before committing.

mod common;

use common::peta;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

const CORPUS: &str = "tests/fixtures/bad";

/// Far above what any of these takes; a hang fails instead of stalling the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&std::ffi::OsStr], envs: &[(&str, &str)]) -> Run {
    let mut cmd = peta();
    cmd.args(args).timeout(TIMEOUT);
    for (key, value) in envs {
        cmd.env(key, value);
    }
    let output = cmd.output().unwrap();
    let run = Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    // A timeout kills the child: no exit code.
    assert!(run.code.is_some(), "{args:?} hung or was killed");
    assert!(
        !run.stderr.contains("panicked") && run.code != Some(101),
        "{args:?} panicked: {}",
        run.stderr
    );
    run
}

fn check(file: &Path) -> Run {
    run(&["check".as_ref(), file.as_os_str()], &[])
}

/// `peta schedule` reads, validates and schedules: it may refuse the file, never crash.
fn schedule_survives(file: &Path) {
    let run = run(
        &[
            "schedule".as_ref(),
            file.as_os_str(),
            "--today".as_ref(),
            "2026-06-01".as_ref(),
        ],
        &[],
    );
    assert!(
        matches!(run.code, Some(0 | 1)),
        "{}: {:?}",
        file.display(),
        run.code
    );
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(CORPUS)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bad_file_gets_its_expected_error_and_exit_1() {
    let files = corpus_files();
    assert!(files.len() >= 30, "only {} files in {CORPUS}", files.len());
    let bless = std::env::var("PETA_BLESS").as_deref() == Ok("1");
    let mut failures = String::new();
    for file in &files {
        let run = check(file);
        let sidecar = file.with_extension("expected");
        if bless {
            fs::write(&sidecar, &run.stdout).unwrap();
        }
        let expected = fs::read_to_string(&sidecar)
            .unwrap_or_else(|_| panic!("{} has no {}", file.display(), sidecar.display()));
        if run.stdout != expected {
            let _ = writeln!(
                failures,
                "--- {}\nexpected:\n{expected}got:\n{}",
                file.display(),
                run.stdout
            );
        }
        if run.code != Some(1) {
            let _ = writeln!(failures, "--- {}: exit {:?}", file.display(), run.code);
        }
        // Every line names the file (the summary line excepted).
        let shown = file.display().to_string();
        for line in run.stdout.lines() {
            if !line.contains(" checked: ") && !line.starts_with(&shown) {
                let _ = writeln!(failures, "--- {}: unnamed line {line}", file.display());
            }
        }
        schedule_survives(file);
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn every_sidecar_has_its_file() {
    for entry in fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {}
            Some("expected") => assert!(
                path.with_extension("json").exists(),
                "{} has no file",
                path.display()
            ),
            _ => panic!("{}: neither .json nor .expected", path.display()),
        }
    }
}

/// The first line of `peta check`'s output and its exit code.
fn first_line(run: &Run) -> &str {
    run.stdout.lines().next().unwrap_or("")
}

/// A roadmap around `items` (JSON text of an items array), with one sector and scheme.
fn roadmap_text(title: &str, items: &str) -> String {
    format!(
        r#"{{"format": "peta-roadmap/1", "title": "{title}", "start": "2025-01-01",
  "end": "2026-12-31", "currency": "IDR",
  "sectors": [{{"id": "infra", "name": "Infrastructure"}}],
  "funding_schemes": [{{"id": "apbn", "name": "APBN"}}],
  "items": {items}}}
"#
    )
}

#[test]
fn nesting_100000_deep_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let bare = dir.path().join("nested-arrays.json");
    fs::write(&bare, "[".repeat(depth) + &"]".repeat(depth)).unwrap();
    let run = check(&bare);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        first_line(&run),
        format!(
            "{}:1:128: invalid JSON: recursion limit exceeded",
            bare.display()
        )
    );
    // Deep inside a field peta keeps but does not read.
    let inner = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let field = dir.path().join("nested-in-a-field.json");
    let text = roadmap_text("T", "[]").replacen('{', &format!("{{\"x-notes\": {inner},"), 1);
    fs::write(&field, text).unwrap();
    let run = check(&field);
    assert_eq!(run.code, Some(1));
    assert!(
        first_line(&run).ends_with("invalid JSON: recursion limit exceeded"),
        "{}",
        run.stdout
    );
    schedule_survives(&field);
}

#[test]
fn ten_megabyte_strings_give_short_messages() {
    let dir = tempfile::tempdir().unwrap();
    let huge = "x".repeat(10 << 20);
    // As a date: the message quotes a short piece.
    let date = dir.path().join("huge-date.json");
    let item = format!(
        r#"[{{"id": "a", "title": "T", "kind": "initiative", "sector": "infra",
        "start": "{huge}", "end": "2025-02-01", "progress": 0, "depends_on": []}}]"#
    );
    fs::write(&date, roadmap_text("T", &item)).unwrap();
    let run = check(&date);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stdout,
        format!(
            "{0}: item \"a\": start: \"{1}... is not a real date in the form YYYY-MM-DD\n\
             1 file checked: 1 error, 0 warnings\n",
            date.display(),
            "x".repeat(36)
        )
    );
    schedule_survives(&date);

    // As an id and a dependency on it that does not exist: ids are cut short in messages.
    let ids = dir.path().join("huge-ids.json");
    let items = format!(
        r#"[{{"id": "{huge}", "kind": "initiative", "sector": "infra",
        "start": "2025-01-01", "end": "2025-02-01", "progress": 0, "depends_on": ["{huge}y"]}}]"#
    );
    fs::write(&ids, roadmap_text("T", &items)).unwrap();
    let run = check(&ids);
    assert_eq!(run.code, Some(1));
    let cut = format!("{}...", "x".repeat(57));
    assert_eq!(
        run.stdout,
        format!(
            "{0}: item \"{cut}\": title: missing\n\
             {0}: item \"{cut}\": depends_on \"{cut}\": no such item\n\
             1 file checked: 2 errors, 0 warnings\n",
            ids.display(),
        )
    );
    schedule_survives(&ids);

    // As a title, valid: loads, and the file checks clean.
    let title = dir.path().join("huge-title.json");
    fs::write(&title, roadmap_text(&huge, "[]")).unwrap();
    let run = check(&title);
    assert_eq!(run.code, Some(0), "{}", run.stdout);

    // Never closed: a syntax error at the end of the file.
    let open = dir.path().join("unterminated.json");
    fs::write(&open, format!("{{\"title\": \"{huge}")).unwrap();
    let run = check(&open);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        first_line(&run),
        format!(
            "{}:1:{}: invalid JSON: EOF while parsing a string",
            open.display(),
            huge.len() + 11
        )
    );
}

/// Items `i000000`.. each depending on the one before, the first on the last.
fn cycle_items(n: usize) -> String {
    let mut items = String::from("[");
    for i in 0..n {
        let pred = (i + n - 1) % n;
        if i > 0 {
            items.push(',');
        }
        let _ = write!(
            items,
            r#"{{"id": "i{i:06}", "title": "Step {i}", "kind": "initiative", "sector": "infra",
            "start": "2025-01-01", "end": "2025-01-31", "progress": 0,
            "depends_on": ["i{pred:06}"]}}"#
        );
    }
    items.push(']');
    items
}

#[test]
fn a_cycle_through_100000_items_is_reported_in_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cycle-100000.json");
    fs::write(&file, roadmap_text("Cycle", &cycle_items(100_000))).unwrap();
    let run = check(&file);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stdout,
        format!(
            "{}: item \"i000000\": depends_on: dependency cycle (each item depends on the one \
             before it): i000000 -> i000001 -> i000002 -> i000003 -> i000004 -> ... 99990 more \
             ... -> i099995 -> i099996 -> i099997 -> i099998 -> i099999 -> i000000\n\
             1 file checked: 1 error, 0 warnings\n",
            file.display()
        )
    );
    schedule_survives(&file);
}

#[test]
fn a_1_gb_file_is_refused_by_size_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.json");
    // Sparse: no gigabyte is written, but the file says it is that big.
    fs::File::create(&file).unwrap().set_len(1 << 30).unwrap();
    let expected = format!(
        "{}: too large to open: 1 GiB, over the limit of 512 MiB; raise the limit with \
         --max-size or PETA_MAX_FILE_SIZE (e.g. PETA_MAX_FILE_SIZE=2G)\n\
         1 file checked: 1 error, 0 warnings\n",
        file.display()
    );
    let run = check(&file);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout, expected);
    // The other commands refuse it the same way.
    let run = run_args(&["schedule", path_str(&file)], &[]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("over the limit of 512 MiB"),
        "{}",
        run.stderr
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn run_args(args: &[&str], envs: &[(&str, &str)]) -> Run {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run(&args, envs)
}

#[test]
fn the_size_limit_is_overridable_by_option_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("small.json");
    fs::write(&file, roadmap_text("Small", "[]")).unwrap();
    let size = fs::metadata(&file).unwrap().len();
    assert!(size > 200 && size < 1024, "{size}");
    let f = path_str(&file);

    let refused = |run: &Run, limit: &str| {
        assert_eq!(run.code, Some(1));
        assert_eq!(
            first_line(run),
            format!(
                "{f}: too large to open: {size} bytes, over the limit of {limit}; raise the \
                 limit with --max-size or PETA_MAX_FILE_SIZE (e.g. PETA_MAX_FILE_SIZE=2G)"
            )
        );
    };
    refused(
        &run_args(&["check", f, "--max-size", "200"], &[]),
        "200 bytes",
    );
    refused(
        &run_args(&["check", f], &[("PETA_MAX_FILE_SIZE", "200")]),
        "200 bytes",
    );
    // The option wins over the environment.
    let run = run_args(
        &["check", "--max-size", "1K", f],
        &[("PETA_MAX_FILE_SIZE", "200")],
    );
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let run = run_args(&["check", f], &[("PETA_MAX_FILE_SIZE", "1k")]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    // A file exactly at the limit is read.
    let run = run_args(&["check", f, "--max-size", &size.to_string()], &[]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);

    // Every command that reads a roadmap or an import keeps to the limit.
    for args in [
        vec!["fmt", f],
        vec!["schedule", f],
        vec!["summary", f],
        vec!["export", f, "--format", "csv"],
        vec!["merge", f, f, f],
        vec!["import", "--from", "csv", f, "-o", "out.json"],
    ] {
        let mut args = args.clone();
        args.extend(["--max-size", "200"]);
        let run = run_args(&args, &[]);
        assert_eq!(run.code, Some(1), "{args:?}");
        assert!(
            run.stderr.contains(&format!(
                "{f}: too large to open: {size} bytes, over the limit of 200 bytes"
            )),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(!Path::new("out.json").exists());

    // A size that is not one is a usage error.
    let run = run_args(&["check", f, "--max-size", "lots"], &[]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("\"lots\" is not a size (e.g. 800M, 2G, 1048576)"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_cut_off_at_the_limit() {
    let run = run_args(&["check", "/dev/zero", "--max-size", "64K"], &[]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        first_line(&run),
        "/dev/zero: too large to open: over the limit of 64 KiB; raise the limit with \
         --max-size or PETA_MAX_FILE_SIZE (e.g. PETA_MAX_FILE_SIZE=2G)"
    );
}
