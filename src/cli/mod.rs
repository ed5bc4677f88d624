//! The command line: `peta [FILE]` opens the terminal UI; subcommands check, format, schedule
//! and create roadmaps. Every command returns its exit code: 0 clean, 1 problems, 2 usage.

/// `print!` for a command's output, quiet when stdout is closed early (`peta schedule F |
/// head`): the reader has what it wanted, which is no reason for a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// `println!` for a command's output; see `out!`.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod commands;
mod export;
mod git;
mod input;
mod merge;
mod merge_portfolio;
mod reports;
mod summary;

use crate::model::{parse_date, Date};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "peta",
    version,
    about = "Plan digital-transformation roadmaps: timelines, regulations, funding and a live critical path",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Roadmap or portfolio to open (default: ./roadmap.json, else the bundled sample)
    pub file: Option<PathBuf>,
    /// Colour theme: default, light, high-contrast, or a theme in the config folder
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// The day statuses are computed for (default: the system date)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg, global = true)]
    pub today: Option<Date>,
    /// Language of the interface and reports: en or id (default: config.json "lang", else
    /// LC_ALL / LC_MESSAGES / LANG; id_ID.* is Indonesian)
    #[arg(long, value_name = "en|id", global = true)]
    pub lang: Option<String>,
    /// Compare with the plan at a git revision (`HEAD~5:roadmap.json`) or in another file:
    /// baseline bars under the timeline's bars, slip per item in the detail pane
    #[arg(long, value_name = "REV:PATH|FILE")]
    pub baseline: Option<String>,
    /// Refuse roadmap files larger than this (e.g. 800M, 2G; default 512M)
    #[arg(long, value_name = "SIZE", env = crate::store::MAX_FILE_SIZE_ENV, value_parser = size_arg, global = true)]
    pub max_size: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate roadmaps; report every problem with file, item and field
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Rewrite roadmaps in the canonical form, keeping every field
    Fmt {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 when a file is not in the canonical form
        #[arg(long)]
        check: bool,
    },
    /// Print the critical-path schedule: forecast finish, float, status
    Schedule {
        file: PathBuf,
        /// Machine-readable output
        #[arg(long)]
        json: bool,
        /// Also flag items whose float is at most this many days
        #[arg(long, value_name = "DAYS", default_value_t = 10)]
        near_critical: i64,
    },
    /// Print money totals: by scheme, sector or year, ceilings, gaps, unfunded critical items
    Funding {
        file: PathBuf,
        /// Which table to print
        #[arg(long, value_enum, default_value_t = reports::ByArg::Scheme)]
        by: reports::ByArg,
        /// Machine-readable output with exact amounts
        #[arg(long)]
        json: bool,
    },
    /// Print the regulation pipeline: stages, overdue regulations, what each gates
    Regulations {
        file: PathBuf,
        /// Machine-readable output
        #[arg(long)]
        json: bool,
    },
    /// Print the digital talent needed per role and year, with peaks and their drivers
    Talent {
        file: PathBuf,
        /// Machine-readable output
        #[arg(long)]
        json: bool,
    },
    /// Print a timeline summary: text Gantt, critical path, risks, funding, regulations
    Summary(summary::SummaryArgs),
    /// Write the roadmap for other tools: mermaid, csv, ics, mspdi, tjp, html
    Export(export::ExportArgs),
    /// Read a roadmap from a CSV spreadsheet or a Microsoft Project XML file
    Import(export::ImportArgs),
    /// Compare two roadmaps item by item, and what that does to the forecast finish
    Diff(git::DiffArgs),
    /// Make `git diff` and `git merge` use peta for roadmaps (prints, or with --install writes, the setup)
    GitSetup(git::GitSetupArgs),
    /// Three-way merge by item id and field (git's merge driver); conflicts are recorded in the file
    Merge(merge::MergeArgs),
    /// Write a synthetic roadmap (deterministic for a seed) for benchmarks and trials
    Generate {
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        items: u64,
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Dependencies per item (fewer for the first items, which have no predecessors yet)
        #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u64).range(0..=20))]
        links_per_item: u64,
        /// Top up to this many funding lines in all, and give every scheme yearly ceilings
        #[arg(long, value_name = "N")]
        funding_lines: Option<usize>,
        /// The file to write (never overwritten)
        #[arg(short = 'o', long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Create a roadmap with the default sectors and funding schemes
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// First year
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=2200))]
        from: i32,
        /// Last year
        #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1900..=2200))]
        to: i32,
    },
}

fn date_arg(text: &str) -> Result<Date, String> {
    parse_date(text).ok_or_else(|| format!("{text:?} is not a real date in the form YYYY-MM-DD"))
}

fn size_arg(text: &str) -> Result<u64, String> {
    crate::store::parse_size(text)
}

/// The system date, unless `--today` says otherwise.
pub fn today_or_system(today: Option<Date>) -> Date {
    today.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let today = today_or_system(cli.today);
    if let Some(limit) = cli.max_size {
        crate::store::set_max_file_size(limit);
    }
    // A broken config.json is reported by the TUI; here it only means no language setting.
    let setting = crate::config::Config::load().ok().and_then(|c| c.lang);
    let choice = crate::i18n::choose_from_env(cli.lang.as_deref(), setting.as_deref());
    if let Some(note) = &choice.note {
        eprintln!("{note}");
    }
    let lang = choice.lang;
    // The TUI reads the language per thread; commands get it as an argument.
    crate::i18n::set_current(lang);
    let code = match cli.command {
        Some(Command::Check { files }) => commands::check(&files, lang),
        Some(Command::Fmt { files, check }) => commands::fmt(&files, check, lang),
        Some(Command::Schedule {
            file,
            json,
            near_critical,
        }) => commands::schedule(&file, json, near_critical, today, lang),
        Some(Command::Funding { file, by, json }) => reports::funding(&file, by, json, today, lang),
        Some(Command::Regulations { file, json }) => reports::regulations(&file, json, today, lang),
        Some(Command::Talent { file, json }) => reports::talent(&file, json, today, lang),
        Some(Command::Summary(args)) => summary::run(&args, today, lang),
        Some(Command::Export(args)) => export::run_export(&args, today, lang),
        Some(Command::Import(args)) => export::run_import(&args, lang),
        Some(Command::Diff(args)) => git::run_diff(&args, today, lang),
        Some(Command::GitSetup(args)) => git::run_git_setup(&args, lang),
        Some(Command::Merge(args)) => merge::run(&args, lang),
        Some(Command::Generate {
            items,
            seed,
            links_per_item,
            funding_lines,
            output,
        }) => commands::generate(
            &output,
            items as usize,
            seed,
            links_per_item as usize,
            funding_lines,
            lang,
        ),
        Some(Command::New {
            file,
            title,
            from,
            to,
        }) => commands::new(&file, &title, from, to, lang),
        None => commands::open(crate::tui::RunOptions {
            file: cli.file,
            theme: cli.theme,
            today: cli.today,
            baseline: cli.baseline,
            lang: Some(lang),
        }),
    };
    ExitCode::from(code)
}
