//! The git-facing commands: `peta diff` (also git's external diff), `peta git-setup` and
//! `peta merge` (git's merge driver). They load and write; the work is in `crate::diff` and
//! `crate::merge`.

use super::commands::{OK, PROBLEMS, USAGE};
use crate::i18n::Lang;
use crate::model::{Date, Network, Roadmap};
use crate::schedule::{schedule_with, Options, Schedule};
use crate::store::{self, load_source};
use crate::tr;
use clap::Args;
use std::path::Path;
use std::process::Command;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD and NEW: files or git revisions of a path (`HEAD~3:roadmap.json`). Given the seven
    /// (or, for a rename, nine) arguments git passes an external diff command, compares its
    /// old and new files.
    #[arg(required = true, num_args = 2..=9, value_names = ["OLD", "NEW"])]
    pub sources: Vec<String>,
    /// Machine-readable output
    #[arg(long)]
    pub json: bool,
}

fn scheduled(roadmap: &Roadmap, today: Date) -> Schedule {
    schedule_with(roadmap, &Network::build(roadmap), &Options::new(today))
}

pub fn run_diff(args: &DiffArgs, today: Date, lang: Lang) -> u8 {
    // git calls an external diff as: path old-file old-hex old-mode new-file new-hex new-mode,
    // and adds new-path and a message for a rename.
    let (old_source, new_source, header) = match args.sources.as_slice() {
        [old, new] => (old, new, None),
        [path, old, _, _, new, _, _] => (old, new, Some(path.clone())),
        [path, old, _, _, new, _, _, new_path, _] => {
            (old, new, Some(format!("{path} -> {new_path}")))
        }
        _ => {
            eprintln!("{}", tr!(lang, CliDiffUsage));
            return USAGE;
        }
    };
    let (old, new) = match (load_source(old_source, lang), load_source(new_source, lang)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let errors = [old.err(), new.err()].into_iter().flatten();
            if let Some(path) = &header {
                // Under git, failing would stop the whole `git diff`: say why here and go on.
                outln!("{}", tr!(lang, CliDiffCannotCompare, path = path));
                for err in errors {
                    outln!("  {err}");
                }
                return OK;
            }
            for err in errors {
                eprintln!("{err}");
            }
            return PROBLEMS;
        }
    };
    let diff = crate::diff::diff(&old, &scheduled(&old, today), &new, &scheduled(&new, today));
    if args.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&crate::diff::diff_json(&diff)).unwrap_or_default()
        );
    } else {
        if let Some(path) = header {
            outln!("peta diff {path}");
        }
        out!("{}", crate::diff::diff_text_in(&diff, lang));
    }
    OK
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// Write the lines into the repository's .gitattributes and git config instead of printing them
    #[arg(long)]
    pub install: bool,
    /// Files that are roadmaps (repeatable; given, it replaces all three defaults)
    #[arg(
        long = "pattern",
        value_name = "GLOB",
        default_values = DEFAULT_PATTERNS
    )]
    pub patterns: Vec<String>,
    /// How git should run peta: a program on the PATH or a path to it
    #[arg(long, value_name = "PATH", default_value = "peta")]
    pub command: String,
}

/// Where peta users keep roadmaps: the TUI's default `roadmap.json` (in any folder), files
/// named `*.roadmap.json`, and every JSON file under a `roadmaps/` folder at the repository's
/// root, as the sample `roadmaps/spbe-2025-2029.json`.
pub const DEFAULT_PATTERNS: [&str; 3] = ["roadmap.json", "*.roadmap.json", "roadmaps/**/*.json"];

/// A word as the shell reads it: git runs diff commands and merge drivers through `sh -c`.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+=:,@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The `.gitattributes` lines (one per pattern) and the git config entries that hand roadmaps
/// to peta.
pub fn setup_entries(
    patterns: &[String],
    command: &str,
) -> (Vec<String>, Vec<(&'static str, String)>) {
    let peta = shell_word(command);
    (
        patterns
            .iter()
            .map(|pattern| format!("{pattern} diff=peta merge=peta"))
            .collect(),
        vec![
            ("diff.peta.command", format!("{peta} diff")),
            (
                "merge.peta.name",
                "peta: merge roadmaps by item id and field".to_string(),
            ),
            (
                "merge.peta.driver",
                format!("{peta} merge %O %A %B -o %A --name %P"),
            ),
        ],
    )
}

fn git_output(args: &[&str], lang: Lang) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|err| tr!(lang, CliGitCannotRun, error = err))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_string())
    } else {
        let error = String::from_utf8_lossy(&output.stderr);
        Err(tr!(
            lang,
            CliGitFailed,
            args = args.join(" "),
            error = error.trim()
        ))
    }
}

pub fn run_git_setup(args: &GitSetupArgs, lang: Lang) -> u8 {
    if let Some(bad) = args
        .patterns
        .iter()
        .find(|pattern| pattern.is_empty() || pattern.contains(char::is_whitespace))
    {
        let pattern = format!("{bad:?}");
        eprintln!("{}", tr!(lang, CliGitBadPattern, pattern = pattern));
        return USAGE;
    }
    let (attributes, config) = setup_entries(&args.patterns, &args.command);
    if !args.install {
        outln!(
            "# .gitattributes\n{}\n\n{}",
            attributes.join("\n"),
            tr!(lang, CliGitConfigHeading)
        );
        for (key, value) in &config {
            outln!("git config {key} {}", shell_word(value));
        }
        return OK;
    }
    match install(&attributes, &config, lang) {
        Ok(()) => OK,
        Err(err) => {
            eprintln!("peta git-setup: {err}");
            PROBLEMS
        }
    }
}

/// Appends each attribute line to the repository's `.gitattributes` unless it is there, and
/// sets each config key (replacing, never adding a second value).
fn install(
    attributes: &[String],
    config: &[(&'static str, String)],
    lang: Lang,
) -> Result<(), String> {
    let root = git_output(&["rev-parse", "--show-toplevel"], lang)?;
    let path = Path::new(&root).join(".gitattributes");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => {
            return Err(tr!(
                lang,
                LoadCannotRead,
                file = path.display(),
                error = err
            ))
        }
    };
    let mut new_text = text.clone();
    let mut report = Vec::new();
    for attribute in attributes {
        if new_text.lines().any(|line| line.trim() == attribute) {
            let file = path.display();
            report.push(tr!(
                lang,
                CliGitAlreadyHas,
                file = file,
                attribute = attribute
            ));
            continue;
        }
        if !new_text.is_empty() && !new_text.ends_with('\n') {
            new_text.push('\n');
        }
        new_text.push_str(attribute);
        new_text.push('\n');
        report.push(tr!(
            lang,
            CliGitAdded,
            file = path.display(),
            attribute = attribute
        ));
    }
    if new_text != text {
        store::write_atomic(&path, new_text.as_bytes())
            .map_err(|err| tr!(lang, CliCannotSave, file = path.display(), error = err))?;
    }
    for line in report {
        outln!("{line}");
    }
    for (key, value) in config {
        git_output(&["config", "--local", key, value], lang)?;
        outln!("git config {key} {}", shell_word(value));
    }
    Ok(())
}
