//! `peta merge BASE OURS THEIRS [-o OUT]`: git's merge driver. Loads the three files, merges
//! them (`crate::merge`), writes the result in the canonical form and reports conflicts.

use super::commands::{OK, PROBLEMS};
use crate::merge::{merge_roadmaps, read_side, Conflict};
use crate::model::Roadmap;
use crate::store::{self, LoadError};
use clap::Args;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O)
    pub base: PathBuf,
    /// Our version (git's %A)
    pub ours: PathBuf,
    /// Their version (git's %B)
    pub theirs: PathBuf,
    /// Write the merged roadmap here (default: stdout); git's driver writes over OURS (-o %A)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The file's name in messages (git's %P; git's driver works on temporary files)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// A side read from its file (see `crate::merge::read_side`).
fn read(path: &Path, is_base: bool) -> Result<(Value, Roadmap), LoadError> {
    let bytes = store::read_limited(path)?;
    read_side(path, &bytes, is_base)
}

fn side(value: &Option<Value>) -> String {
    value
        .as_ref()
        .map_or("absent".to_string(), |v| v.to_string())
}

pub(super) fn describe(conflict: &Conflict) -> String {
    let mut text = String::new();
    if let Some((kind, id)) = &conflict.entry {
        text.push_str(&format!("{} \"{id}\": ", kind.key().replace('_', " ")));
    }
    if !conflict.field.is_empty() {
        text.push_str(&format!("{}: ", conflict.field));
    }
    text.push_str(&conflict.reason);
    if conflict.ours.is_some() || conflict.theirs.is_some() {
        text.push_str(&format!(
            " (base {}, ours {}, theirs {})",
            side(&conflict.base),
            side(&conflict.ours),
            side(&conflict.theirs)
        ));
    }
    text
}

pub fn run(args: &MergeArgs) -> u8 {
    if let Some(code) = super::merge_portfolio::run_if_portfolio(args) {
        return code;
    }
    let sides = (
        read(&args.base, true),
        read(&args.ours, false),
        read(&args.theirs, false),
    );
    let ((base, base_roadmap), (ours, ours_roadmap), (theirs, theirs_roadmap)) = match sides {
        (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
        (base, ours, theirs) => {
            for err in [base.err(), ours.err(), theirs.err()].into_iter().flatten() {
                eprintln!("peta merge: {err}");
            }
            return PROBLEMS;
        }
    };
    let (roadmap, conflicts) =
        match merge_roadmaps(&base, (&ours, &ours_roadmap), (&theirs, &theirs_roadmap)) {
            Ok(merged) => merged,
            Err(err) => {
                eprintln!("peta merge: the merged roadmap does not load: {err}");
                return PROBLEMS;
            }
        };
    let text = store::to_canonical_string(&roadmap);
    // The process ends soon: freeing the three sides and the merge, millions of small
    // allocations one by one, took about a sixth of a 100,000-item merge (perf). The OS takes
    // the memory back at exit instead.
    std::mem::forget((
        base,
        base_roadmap,
        ours,
        ours_roadmap,
        theirs,
        theirs_roadmap,
        roadmap,
    ));
    let written = match &args.output {
        Some(out) => {
            if let Err(err) = store::write_atomic(out, text.as_bytes()) {
                eprintln!("{}: cannot save: {err}", out.display());
                return PROBLEMS;
            }
            out.display().to_string()
        }
        None => {
            out!("{text}");
            args.ours.display().to_string()
        }
    };
    let shown = args.name.clone().unwrap_or(written);
    for conflict in &conflicts {
        eprintln!("{shown}: conflict: {}", describe(conflict));
    }
    if conflicts.is_empty() {
        OK
    } else {
        eprintln!(
            "{shown}: {} merge conflict{} recorded in \"conflicts\"; `peta check` lists them",
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" }
        );
        PROBLEMS
    }
}
