//! One function per command. Results go to stdout, failures to stderr.

use crate::model::{validate, validate_with, Network, Problem, Roadmap};
use crate::report::funding_checks::funding_problems;
use crate::report::schedule::{schedule_json, schedule_text};
use crate::schedule::{schedule_with, Options};
use crate::store::{self, LoadError};
use std::path::{Path, PathBuf};

pub const OK: u8 = 0;
pub const PROBLEMS: u8 = 1;
pub const USAGE: u8 = 2;

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The validation errors (not warnings) of a roadmap, which reports print after their output.
pub(super) fn errors_of(roadmap: &Roadmap, network: &Network) -> Vec<Problem> {
    validate_with(roadmap, network)
        .into_iter()
        .filter(Problem::is_error)
        .collect()
}

pub fn check(files: &[PathBuf]) -> u8 {
    let (mut errors, mut warnings) = (0, 0);
    for file in files {
        match store::load(file) {
            Err(err) => {
                println!("{err}");
                errors += match &err {
                    LoadError::Structure { messages, .. } => messages.len(),
                    _ => 1,
                };
            }
            Ok(loaded) => {
                // Funding warnings come after validation's, keeping errors first.
                let problems = validate(&loaded.roadmap)
                    .into_iter()
                    .chain(funding_problems(&loaded.roadmap));
                for problem in problems {
                    println!("{}: {problem}", file.display());
                    if problem.is_error() {
                        errors += 1;
                    } else {
                        warnings += 1;
                    }
                }
            }
        }
    }
    let files_word = plural(files.len(), "file");
    if errors == 0 && warnings == 0 {
        println!("{files_word} checked: no problems");
    } else {
        println!(
            "{files_word} checked: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    }
    if errors > 0 {
        PROBLEMS
    } else {
        OK
    }
}

pub fn fmt(files: &[PathBuf], check_only: bool) -> u8 {
    let mut code = OK;
    for file in files {
        let bytes = match store::read_limited(file) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{err}");
                code = PROBLEMS;
                continue;
            }
        };
        let roadmap = match store::parse(file, &bytes) {
            Ok(roadmap) => roadmap,
            Err(err) => {
                eprintln!("{err}");
                code = PROBLEMS;
                continue;
            }
        };
        let canonical = store::to_canonical_string(&roadmap);
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if check_only {
            println!("{}: not in the canonical form", file.display());
            code = PROBLEMS;
        } else if let Err(err) = store::write_atomic(file, canonical.as_bytes()) {
            eprintln!("{}: cannot save: {err}", file.display());
            code = PROBLEMS;
        } else {
            println!("{}: formatted", file.display());
        }
    }
    code
}

pub fn schedule(file: &Path, json: bool, near_critical: i64, today: crate::model::Date) -> u8 {
    let roadmap = match store::load(file) {
        Ok(loaded) => loaded.roadmap,
        Err(err) => {
            eprintln!("{err}");
            return PROBLEMS;
        }
    };
    let network = Network::build(&roadmap);
    let errors = errors_of(&roadmap, &network);
    let options = Options {
        today,
        near_critical_days: near_critical.max(0),
    };
    let schedule = schedule_with(&roadmap, &network, &options);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&schedule_json(&roadmap, &schedule, today))
                .unwrap_or_default()
        );
    } else {
        print!("{}", schedule_text(&roadmap, &schedule, today));
    }
    if errors.is_empty() {
        OK
    } else {
        for problem in &errors {
            eprintln!("{}: {problem}", file.display());
        }
        eprintln!(
            "{}: {}; this schedule ignores the broken parts (see `peta check`)",
            file.display(),
            plural(errors.len(), "error")
        );
        PROBLEMS
    }
}

pub fn new(file: &Path, title: &str, from: i32, to: i32) -> u8 {
    if to < from {
        eprintln!("peta new: --to {to} is before --from {from}");
        return USAGE;
    }
    let Some(roadmap) = Roadmap::new(title, from, to) else {
        eprintln!("peta new: years {from}-{to} cannot be represented");
        return USAGE;
    };
    create(file, &roadmap, &format!("created \"{title}\" {from}-{to}"))
}

/// `peta generate`: a synthetic roadmap for benchmarks and trials.
pub fn generate(
    file: &Path,
    items: usize,
    seed: u64,
    links_per_item: usize,
    funding_lines: Option<usize>,
) -> u8 {
    let mut roadmap = crate::generate::roadmap(items, links_per_item, seed);
    if let Some(lines) = funding_lines {
        roadmap = crate::generate::with_funding_lines(roadmap, lines, seed);
    }
    let links: usize = roadmap.items.iter().map(|i| i.depends_on.len()).sum();
    create(
        file,
        &roadmap,
        &format!("generated {items} items with {links} dependencies (seed {seed})"),
    )
}

/// Writes a new roadmap file, never over an existing one, and says what it wrote.
fn create(file: &Path, roadmap: &Roadmap, done: &str) -> u8 {
    match store::create(file, roadmap) {
        Ok(_) => {
            println!("{}: {done}", file.display());
            OK
        }
        Err(store::SaveError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            eprintln!("{}: already exists; not overwriting it", file.display());
            PROBLEMS
        }
        Err(err) => {
            eprintln!("{err}");
            PROBLEMS
        }
    }
}

/// `peta [FILE]`: the terminal UI. A file that cannot be parsed is reported like `peta check`
/// reports it, and the UI does not start.
pub fn open(options: crate::tui::RunOptions) -> u8 {
    match crate::tui::run(options) {
        Ok(()) => OK,
        Err(err) => {
            eprintln!("{err}");
            PROBLEMS
        }
    }
}
