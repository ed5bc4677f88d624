//! `peta funding`, `peta regulations` and `peta talent`: the money, the law and the people.
//! Like `peta schedule`, a roadmap with errors is still reported (the broken parts left out),
//! with the errors on stderr and exit code 1.

use super::commands::{OK, PROBLEMS};
use crate::i18n::Lang;
use crate::model::{Date, Network, Roadmap};
use crate::report::funding_report::{funding_json, funding_report, funding_text_in, By};
use crate::report::regulations::{pipeline, regulations_json, regulations_text_in};
use crate::report::talent::{talent_json, talent_summary, talent_text_in};
use crate::schedule::{schedule_with, Options, Schedule};
use clap::ValueEnum;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ByArg {
    #[default]
    Scheme,
    Sector,
    Year,
}

/// The roadmap (a portfolio's members combined) and its schedule, or the exit code after
/// reporting why there is none. Errors come as printed lines naming their file.
fn load(file: &Path, today: Date, lang: Lang) -> Result<(Roadmap, Schedule, Vec<String>), u8> {
    let input = super::input::Input::load(file, lang)?;
    let network = Network::build(input.roadmap());
    let errors = input.error_lines(file, &network, lang);
    let schedule = schedule_with(input.roadmap(), &network, &Options::new(today));
    Ok((input.combined.roadmap, schedule, errors))
}

fn finish(file: &Path, command: &str, errors: &[String], lang: Lang) -> u8 {
    if errors.is_empty() {
        return OK;
    }
    for line in errors {
        eprintln!("{line}");
    }
    eprintln!(
        "{}",
        crate::tr!(
            lang,
            RepLeavesOut,
            file = file.display(),
            n = errors.len(),
            command = command
        )
    );
    PROBLEMS
}

fn print_json(value: &serde_json::Value) {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

pub fn funding(file: &Path, by: ByArg, json: bool, today: Date, lang: Lang) -> u8 {
    let (roadmap, schedule, errors) = match load(file, today, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let report = funding_report(&roadmap, &schedule);
    if json {
        print_json(&funding_json(&roadmap, &report));
    } else {
        let by = match by {
            ByArg::Scheme => By::Scheme,
            ByArg::Sector => By::Sector,
            ByArg::Year => By::Year,
        };
        out!("{}", funding_text_in(&roadmap, &report, by, lang));
    }
    finish(file, "funding", &errors, lang)
}

pub fn regulations(file: &Path, json: bool, today: Date, lang: Lang) -> u8 {
    let (roadmap, schedule, errors) = match load(file, today, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let pipeline = pipeline(&roadmap, &schedule, today);
    if json {
        print_json(&regulations_json(&roadmap, &pipeline, today));
    } else {
        out!("{}", regulations_text_in(&roadmap, &pipeline, today, lang));
    }
    finish(file, "regulations", &errors, lang)
}

pub fn talent(file: &Path, json: bool, today: Date, lang: Lang) -> u8 {
    let (roadmap, _, errors) = match load(file, today, lang) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let summary = talent_summary(&roadmap);
    if json {
        print_json(&talent_json(&roadmap, &summary));
    } else {
        out!("{}", talent_text_in(&roadmap, &summary, lang));
    }
    finish(file, "talent", &errors, lang)
}
