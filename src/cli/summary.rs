//! `peta summary FILE`: a printable timeline summary on stdout.

use crate::model::Date;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SummaryArgs {
    pub file: PathBuf,
    /// Width of the output in columns (default: the terminal's, else 100)
    #[arg(long, value_name = "N")]
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

pub fn run(args: &SummaryArgs, today: Date) -> u8 {
    let _ = (args, today);
    eprintln!("peta summary: not available yet");
    super::commands::PROBLEMS
}
