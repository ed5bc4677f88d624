//! `peta merge BASE OURS THEIRS [-o OUT]`: git's merge driver. Loads the three files, merges
//! them (`crate::merge`), writes the result in the canonical form and reports conflicts.

use super::commands::{OK, PROBLEMS};
use crate::merge::{merge, record_conflicts, reference_conflicts, Conflict};
use crate::model::{from_value, Roadmap};
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

/// A side's JSON value and typed roadmap; an unreadable side stops the merge. An empty BASE
/// is what git passes when both branches added the file: it counts as a roadmap with nothing
/// in it, so both sides' items merge as additions.
fn read(path: &Path, is_base: bool) -> Result<(Value, Roadmap), LoadError> {
    let bytes = store::read_limited(path)?;
    if is_base && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok((Value::Object(serde_json::Map::new()), Roadmap::default()));
    }
    let roadmap = store::parse(path, &bytes)?;
    Ok((store::parse_json(path, &bytes)?, roadmap))
}

fn side(value: &Option<Value>) -> String {
    value
        .as_ref()
        .map_or("absent".to_string(), |v| v.to_string())
}

fn describe(conflict: &Conflict) -> String {
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
    let sides = (
        read(&args.base, true),
        read(&args.ours, false),
        read(&args.theirs, false),
    );
    let ((base, _), (ours, ours_roadmap), (theirs, theirs_roadmap)) = match sides {
        (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
        (base, ours, theirs) => {
            for err in [base.err(), ours.err(), theirs.err()].into_iter().flatten() {
                eprintln!("peta merge: {err}");
            }
            return PROBLEMS;
        }
    };
    let merged = merge(&base, &ours, &theirs);
    let mut conflicts = merged.conflicts;
    let mut roadmap = match from_value(merged.value) {
        Ok(roadmap) => roadmap,
        Err(err) => {
            eprintln!("peta merge: the merged roadmap does not load: {err}");
            return PROBLEMS;
        }
    };
    conflicts.extend(reference_conflicts(
        &roadmap,
        &ours_roadmap,
        &theirs_roadmap,
    ));
    // The conflicts list is an unknown field of the roadmap: it lives in `extra`.
    let mut top = Value::Object(std::mem::take(&mut roadmap.extra));
    record_conflicts(&mut top, &conflicts);
    if let Value::Object(extra) = top {
        roadmap.extra = extra;
    }
    let text = store::to_canonical_string(&roadmap);
    let written = match &args.output {
        Some(out) => {
            if let Err(err) = store::write_atomic(out, text.as_bytes()) {
                eprintln!("{}: cannot save: {err}", out.display());
                return PROBLEMS;
            }
            out.display().to_string()
        }
        None => {
            print!("{text}");
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
