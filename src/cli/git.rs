//! The git-facing commands: `peta diff` (also git's external diff), `peta git-setup` and
//! `peta merge` (git's merge driver). They load and write; the work is in `crate::diff` and
//! `crate::merge`.

use super::commands::{OK, PROBLEMS, USAGE};
use crate::model::{Date, Network, Roadmap};
use crate::schedule::{schedule_with, Options, Schedule};
use crate::store;
use clap::Args;
use std::path::Path;
use std::process::Command;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD and NEW: files or git revisions of a path (`HEAD~3:roadmap.json`). Given the seven
    /// arguments git passes an external diff command, compares its old and new files.
    #[arg(required = true, num_args = 2..=7, value_name = "OLD NEW")]
    pub sources: Vec<String>,
    /// Machine-readable output
    #[arg(long)]
    pub json: bool,
}

/// Reads a roadmap from a file, from `git show REV:PATH`, or (for git's external diff of an
/// added or deleted file) `/dev/null` as an empty roadmap.
pub fn load_source(source: &str) -> Result<Roadmap, String> {
    if source == "/dev/null" {
        return Ok(Roadmap::default());
    }
    let path = Path::new(source);
    if path.exists() || !source.contains(':') {
        return store::load(path)
            .map(|loaded| loaded.roadmap)
            .map_err(|err| err.to_string());
    }
    let output = Command::new("git")
        .arg("show")
        .arg(source)
        .output()
        .map_err(|err| format!("{source}: cannot run git: {err}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "{source}: git show failed: {}",
            message.trim().replace('\n', "; ")
        ));
    }
    store::parse(path, &output.stdout).map_err(|err| err.to_string())
}

fn scheduled(roadmap: &Roadmap, today: Date) -> Schedule {
    schedule_with(roadmap, &Network::build(roadmap), &Options::new(today))
}

pub fn run_diff(args: &DiffArgs, today: Date) -> u8 {
    // git calls an external diff as: path old-file old-hex old-mode new-file new-hex new-mode.
    let (old_source, new_source, header) = match args.sources.as_slice() {
        [old, new] => (old, new, None),
        [path, old, _, _, new, _, _] => (old, new, Some(path)),
        _ => {
            eprintln!(
                "peta diff: give OLD and NEW (or the seven arguments of git's external diff)"
            );
            return USAGE;
        }
    };
    let (old, new) = match (load_source(old_source), load_source(new_source)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for err in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("{err}");
            }
            return PROBLEMS;
        }
    };
    let diff = crate::diff::diff(&old, &scheduled(&old, today), &new, &scheduled(&new, today));
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&crate::diff::diff_json(&diff)).unwrap_or_default()
        );
    } else {
        if let Some(path) = header {
            println!("peta diff {path}");
        }
        print!("{}", crate::diff::diff_text(&diff));
    }
    OK
}
