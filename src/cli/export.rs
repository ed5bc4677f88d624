//! `peta export` and `peta import`: the roadmap in other tools' formats.

use crate::model::Date;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub file: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of stdout
    #[arg(short = 'o', long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// ics: one event per item, not only milestones and regulation deadlines
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Mermaid,
    Csv,
    Ics,
    Mspdi,
    Tjp,
    Html,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(long = "from", value_enum)]
    pub from: ImportFormat,
    pub input: PathBuf,
    /// The roadmap file to write (never overwrites an existing file)
    #[arg(short = 'o', long, value_name = "OUT.json")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Csv,
    Mspdi,
}

/// Loads, schedules and writes the chosen format to `-o OUT` (atomically) or stdout.
pub fn run_export(args: &ExportArgs, today: Date) -> u8 {
    let roadmap = match crate::store::load(&args.file) {
        Ok(loaded) => loaded.roadmap,
        Err(err) => {
            eprintln!("{err}");
            return super::commands::PROBLEMS;
        }
    };
    let schedule = crate::schedule::schedule(&roadmap, &crate::schedule::Options::new(today));
    // Each arm renders the whole output in memory: exports are written atomically or not at all.
    let rendered: Result<String, String> = match args.format {
        ExportFormat::Mermaid => Err("mermaid export is not available yet".to_string()),
        ExportFormat::Csv => Err("csv export is not available yet".to_string()),
        ExportFormat::Ics => Err("ics export is not available yet".to_string()),
        ExportFormat::Mspdi => Err("mspdi export is not available yet".to_string()),
        ExportFormat::Tjp => Ok(crate::report::export::tjp::to_tjp(
            &roadmap, &schedule, today,
        )),
        ExportFormat::Html => Ok(crate::report::export::html::to_html(
            &roadmap, &schedule, today,
        )),
    };
    let _ = (&schedule, args.all);
    match rendered {
        Ok(text) => write_output(args.output.as_deref(), &text),
        Err(message) => {
            eprintln!("{}: {message}", args.file.display());
            super::commands::PROBLEMS
        }
    }
}

/// To the file (atomic save) or to stdout.
fn write_output(output: Option<&std::path::Path>, text: &str) -> u8 {
    match output {
        Some(path) => match crate::store::write_atomic(path, text.as_bytes()) {
            Ok(()) => super::commands::OK,
            Err(err) => {
                eprintln!("{}: cannot write: {err}", path.display());
                super::commands::PROBLEMS
            }
        },
        None => {
            print!("{text}");
            super::commands::OK
        }
    }
}

/// Reads the input, builds a roadmap, and writes it as a new file (never over an existing one).
pub fn run_import(args: &ImportArgs) -> u8 {
    let imported: Result<crate::model::Roadmap, Vec<String>> = match args.from {
        ImportFormat::Csv => Err(vec!["csv import is not available yet".to_string()]),
        ImportFormat::Mspdi => Err(vec!["mspdi import is not available yet".to_string()]),
    };
    match imported {
        Ok(roadmap) => match crate::store::create(&args.output, &roadmap) {
            Ok(_) => {
                println!(
                    "{}: imported {} items",
                    args.output.display(),
                    roadmap.items.len()
                );
                super::commands::OK
            }
            Err(err) => {
                eprintln!("{err}");
                super::commands::PROBLEMS
            }
        },
        Err(errors) => {
            for error in errors {
                eprintln!("{}: {error}", args.input.display());
            }
            super::commands::PROBLEMS
        }
    }
}
