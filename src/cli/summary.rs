//! `peta summary FILE`: a printable timeline summary on stdout.

use crate::diff::Baseline;
use crate::i18n::M;
use crate::model::{Date, Network};
use crate::report::summary::{parse_bound, render_summary_against, Format, SummaryOptions};
use crate::schedule::{schedule_with, Options};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SummaryArgs {
    pub file: PathBuf,
    /// Width of the output in columns, at least 20 (default: the terminal's, else 100)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// First day (YYYY-MM-DD) or year of the timeline window
    #[arg(long, value_name = "DATE|YEAR")]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD) or year of the timeline window
    #[arg(long, value_name = "DATE|YEAR")]
    pub to: Option<String>,
    /// Only this sector (repeatable)
    #[arg(long = "sector", value_name = "ID")]
    pub sectors: Vec<String>,
    /// Only critical items
    #[arg(long)]
    pub critical: bool,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// Plain ASCII instead of Unicode block characters
    #[arg(long)]
    pub ascii: bool,
    /// Colour: auto (only on a terminal), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Compare with the plan at a git revision (`REV:PATH`) or in another file
    #[arg(long, value_name = "REV:PATH|FILE")]
    pub baseline: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Text,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Loads, schedules and prints the summary. Usage errors (bad window, unknown sector) exit 2;
/// a file that does not load exits 1; a roadmap with validation errors is summarised like
/// `peta schedule` prints it (ignoring the broken parts), its errors go to stderr, and it
/// exits 1.
pub fn run(args: &SummaryArgs, today: Date, lang: crate::i18n::Lang) -> u8 {
    use super::commands::{OK, PROBLEMS, USAGE};
    let bound = |value: &Option<String>, flag: &str, end: bool| -> Result<Option<Date>, String> {
        value
            .as_deref()
            .map(|text| {
                parse_bound(text, end)
                    .map_err(|e| format!("peta summary: {flag}: {}", e.render(lang)))
            })
            .transpose()
    };
    let (from, to) = match (
        bound(&args.from, "--from", false),
        bound(&args.to, "--to", true),
    ) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("{message}");
            return USAGE;
        }
    };
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            eprintln!(
                "{}",
                crate::tr!(lang, CliSummaryFromAfterTo, from = from, to = to)
            );
            return USAGE;
        }
    }
    let input = match super::input::Input::load(&args.file, lang) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let roadmap = input.roadmap();
    let unknown: Vec<&str> = args
        .sectors
        .iter()
        .filter(|id| !roadmap.sectors.iter().any(|s| &s.id == *id))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = roadmap.sectors.iter().map(|s| s.id.as_str()).collect();
        eprintln!(
            "peta summary: --sector {}: no such sector in {}; its sectors are {}",
            unknown.join(", "),
            args.file.display(),
            known.join(", ")
        );
        return USAGE;
    }
    // Scheduled as of the same day as the plan, so only the plans' differences show.
    let baseline = match &args.baseline {
        Some(source) => match crate::store::load_source(source, lang) {
            Ok(old) => {
                let schedule = schedule_with(&old, &Network::build(&old), &Options::new(today));
                Some(Baseline::new(source, &old, &schedule))
            }
            Err(err) => {
                eprintln!("{}", crate::tr!(lang, CliSummaryBaseline, error = err));
                return PROBLEMS;
            }
        },
        None => None,
    };
    let network = Network::build(roadmap);
    let errors = input.error_lines(&args.file, &network, lang);
    let schedule = schedule_with(roadmap, &network, &Options::new(today));
    let stdout = std::io::stdout();
    let on_terminal = stdout.is_terminal();
    let width = match args.width {
        Some(width) => usize::from(width),
        None if on_terminal => crossterm::terminal::size()
            .map(|(columns, _)| usize::from(columns))
            .unwrap_or(100),
        None => 100,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            on_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let options = SummaryOptions {
        width,
        from,
        to,
        sectors: args.sectors.clone(),
        critical_only: args.critical,
        format: match args.format {
            SummaryFormat::Text => Format::Text,
            SummaryFormat::Markdown => Format::Markdown,
        },
        ascii: args.ascii,
        color,
        today,
        lang,
    };
    let text = render_summary_against(roadmap, &schedule, &options, baseline.as_ref());
    // A closed pipe (`peta summary F | head`) is not an error worth a panic.
    let _ = stdout.lock().write_all(text.as_bytes());
    if errors.is_empty() {
        return OK;
    }
    for line in &errors {
        eprintln!("{line}");
    }
    let count = lang.plural(errors.len(), M::CheckErrorOne, M::CheckErrorMany);
    eprintln!(
        "{}",
        crate::tr!(
            lang,
            ReportIgnoresBroken,
            file = args.file.display(),
            errors = count
        )
    );
    PROBLEMS
}
