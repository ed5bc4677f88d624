//! `peta export` and `peta import`: the roadmap in other tools' formats.

use crate::i18n::{Lang, M};
use crate::model::Date;
use crate::tr;
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
    /// ics: the part of every event's UID after the @, e.g. spbe.jabar.go.id (default: from the
    /// file name, spbe-2025-2029.peta for spbe-2025-2029.json)
    #[arg(long, value_name = "DOMAIN", value_parser = crate::report::export::ics::parse_uid_domain)]
    pub uid_domain: Option<String>,
    /// Export even when the roadmap has validation errors (they are printed as warnings)
    #[arg(long)]
    pub force: bool,
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
    /// The roadmap's title (default: the project title for mspdi, the file name for csv)
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Csv,
    Mspdi,
}

/// Loads, schedules and writes the chosen format to `-o OUT` (atomically) or stdout.
pub fn run_export(args: &ExportArgs, today: Date, lang: Lang) -> u8 {
    if args.all && args.format != ExportFormat::Ics {
        eprintln!("{}", tr!(lang, CliExportAllIcsOnly));
        return super::commands::USAGE;
    }
    if args.uid_domain.is_some() && args.format != ExportFormat::Ics {
        eprintln!("{}", tr!(lang, CliExportUidDomainIcsOnly));
        return super::commands::USAGE;
    }
    let roadmap = match crate::store::load(&args.file) {
        Ok(loaded) => loaded.roadmap,
        Err(err) => {
            eprintln!("{}", err.render(lang));
            return super::commands::PROBLEMS;
        }
    };
    // Other tools would show a broken plan as if it were sound: fix it first.
    let network = crate::model::Network::build(&roadmap);
    let errors = super::commands::errors_of(&roadmap, &network);
    for problem in &errors {
        eprintln!("{}: {}", args.file.display(), problem.render(lang));
    }
    if !errors.is_empty() {
        if !args.force {
            let file = args.file.display();
            eprintln!("{}", tr!(lang, CliNotExported, file = file));
            return super::commands::PROBLEMS;
        }
        let file = args.file.display();
        eprintln!("{}", tr!(lang, CliExportedForced, file = file));
    }
    let options = crate::schedule::Options::new(today);
    let schedule = crate::schedule::schedule_with(&roadmap, &network, &options);
    // Each arm renders the whole output in memory: exports are written atomically or not at all.
    let text = match args.format {
        ExportFormat::Mermaid => {
            crate::report::export::mermaid::mermaid_gantt(&roadmap, &schedule, today)
        }
        ExportFormat::Csv => crate::report::export::csv::render(&roadmap, &schedule),
        ExportFormat::Ics => crate::report::export::ics::render(
            &roadmap,
            &schedule,
            &crate::report::export::ics::IcsOptions {
                all: args.all,
                today,
                uid_domain: &args
                    .uid_domain
                    .clone()
                    .unwrap_or_else(|| crate::report::export::ics::uid_domain_for_file(&args.file)),
            },
        ),
        ExportFormat::Mspdi => crate::report::export::mspdi::render(&roadmap, &schedule, today),
        ExportFormat::Tjp => crate::report::export::tjp::to_tjp(&roadmap, &schedule, today),
        ExportFormat::Html => {
            crate::report::export::html::to_html_in(&roadmap, &schedule, today, lang)
        }
    };
    write_output(args.output.as_deref(), &text, lang)
}

/// To the file (atomic save) or to stdout.
fn write_output(output: Option<&std::path::Path>, text: &str, lang: Lang) -> u8 {
    match output {
        Some(path) => match crate::store::write_atomic(path, text.as_bytes()) {
            Ok(()) => super::commands::OK,
            Err(err) => {
                let file = path.display();
                eprintln!("{}", tr!(lang, CliCannotWrite, file = file, error = err));
                super::commands::PROBLEMS
            }
        },
        None => {
            out!("{text}");
            super::commands::OK
        }
    }
}

/// Reads the input, builds a roadmap, and writes it as a new file (never over an existing one).
/// Any problem in the input is reported, each with its line, and nothing is written.
pub fn run_import(args: &ImportArgs, lang: Lang) -> u8 {
    let input = args.input.display();
    let bytes = match crate::store::read_limited(&args.input) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{}", err.render(lang));
            return super::commands::PROBLEMS;
        }
    };
    let stem = args
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported roadmap".to_string());
    let imported = match args.from {
        ImportFormat::Csv => {
            crate::store::import::csv::import(&bytes, args.title.as_deref().unwrap_or(&stem))
        }
        ImportFormat::Mspdi => {
            crate::store::import::mspdi::import(&bytes, args.title.as_deref(), &stem)
        }
    };
    match imported {
        Ok(imported) => {
            for warning in &imported.warnings {
                eprintln!("{input}: {warning}");
            }
            let roadmap = imported.roadmap;
            match crate::store::create(&args.output, &roadmap) {
                Ok(_) => {
                    outln!(
                        "{}",
                        tr!(
                            lang,
                            CliImported,
                            file = args.output.display(),
                            items = roadmap.items.len(),
                            sectors = roadmap.sectors.len(),
                            input = input
                        )
                    );
                    super::commands::OK
                }
                Err(crate::store::SaveError::Io { path, source }) => {
                    let file = path.display();
                    eprintln!("{}", tr!(lang, CliCannotSave, file = file, error = source));
                    super::commands::PROBLEMS
                }
                Err(err) => {
                    eprintln!("{err}");
                    super::commands::PROBLEMS
                }
            }
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("{input}: {error}");
            }
            let nothing = lang.plural(
                errors.len(),
                M::CliNothingImportedOne,
                M::CliNothingImportedMany,
            );
            eprintln!("{}", crate::i18n::fill(&nothing, &[("input", &input)]));
            super::commands::PROBLEMS
        }
    }
}
