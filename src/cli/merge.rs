//! `peta merge BASE OURS THEIRS [-o OUT]`: git's merge driver. Loads the three files, merges
//! them (`crate::merge`), writes the result in the canonical form and reports conflicts.

use super::commands::{OK, PROBLEMS};
use crate::i18n::{Lang, M};
use crate::merge::{merge_roadmaps, read_side, Conflict, EntryKind};
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

fn side(value: &Option<Value>, lang: Lang) -> String {
    value
        .as_ref()
        .map_or(lang.t(M::CliMergeAbsent).to_string(), |v| v.to_string())
}

/// The conflict in `lang`; its reason is recorded in the file's `conflicts` and stays as
/// recorded (English).
pub(super) fn describe(conflict: &Conflict, lang: Lang) -> String {
    let mut text = String::new();
    if let Some((kind, id)) = &conflict.entry {
        let kind = match kind {
            EntryKind::Sector => M::WhereSector,
            EntryKind::FundingScheme => M::WhereScheme,
            EntryKind::Item => M::WhereItem,
        };
        text.push_str(&format!("{} \"{id}\": ", lang.t(kind)));
    }
    if !conflict.field.is_empty() {
        text.push_str(&format!("{}: ", conflict.field));
    }
    text.push_str(&conflict.reason);
    if conflict.ours.is_some() || conflict.theirs.is_some() {
        text.push_str(&crate::tr!(
            lang,
            CliMergeSides,
            base = side(&conflict.base, lang),
            ours = side(&conflict.ours, lang),
            theirs = side(&conflict.theirs, lang)
        ));
    }
    text
}

pub fn run(args: &MergeArgs, lang: Lang) -> u8 {
    if let Some(code) = super::merge_portfolio::run_if_portfolio(args, lang) {
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
                eprintln!("peta merge: {}", err.render(lang));
            }
            return PROBLEMS;
        }
    };
    let (roadmap, conflicts) =
        match merge_roadmaps(&base, (&ours, &ours_roadmap), (&theirs, &theirs_roadmap)) {
            Ok(merged) => merged,
            Err(err) => {
                eprintln!("{}", crate::tr!(lang, CliMergeDoesNotLoad, error = err));
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
    let shown = match write_merged(args, &text, lang) {
        Ok(shown) => shown,
        Err(code) => return code,
    };
    print_conflicts(&shown, &conflicts, lang);
    if conflicts.is_empty() {
        OK
    } else {
        let summary = lang.plural(
            conflicts.len(),
            M::CliMergeConflictsOne,
            M::CliMergeConflictsMany,
        );
        eprintln!("{}", crate::i18n::fill(&summary, &[("file", &shown)]));
        PROBLEMS
    }
}

/// Writes the merged file to `-o OUT` (atomically) or stdout; gives the name to report
/// conflicts under (git's `--name`, else where it went), or the exit code.
pub(super) fn write_merged(args: &MergeArgs, text: &str, lang: Lang) -> Result<String, u8> {
    let written = match &args.output {
        Some(out) => {
            if let Err(err) = store::write_atomic(out, text.as_bytes()) {
                let file = out.display();
                eprintln!(
                    "{}",
                    crate::tr!(lang, CliCannotSave, file = file, error = err)
                );
                return Err(PROBLEMS);
            }
            out.display().to_string()
        }
        None => {
            out!("{text}");
            args.ours.display().to_string()
        }
    };
    Ok(args.name.clone().unwrap_or(written))
}

/// One line per conflict on stderr, as git shows a merge driver's output.
pub(super) fn print_conflicts(shown: &str, conflicts: &[Conflict], lang: Lang) {
    for conflict in conflicts {
        let conflict = describe(conflict, lang);
        eprintln!(
            "{}",
            crate::tr!(lang, CliMergeConflict, file = shown, conflict = conflict)
        );
    }
}
