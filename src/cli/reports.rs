//! `peta funding`, `peta regulations` and `peta talent`: the money, the law and the people.
//! Like `peta schedule`, a roadmap with errors is still reported (the broken parts left out),
//! with the errors on stderr and exit code 1.

use super::commands::{OK, PROBLEMS};
use crate::i18n::Lang;
use crate::model::{Date, Network, Problem, Roadmap};
use crate::report::funding_report::{funding_json, funding_report, funding_text_in, By};
use crate::report::regulations::{pipeline, regulations_json, regulations_text_in};
use crate::report::talent::{talent_json, talent_summary, talent_text_in};
use crate::schedule::{schedule_with, Options, Schedule};
use crate::store;
use clap::ValueEnum;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ByArg {
    #[default]
    Scheme,
    Sector,
    Year,
}

/// The roadmap and its schedule, or the exit code after reporting why there is none.
fn load(file: &Path, today: Date, lang: Lang) -> Result<(Roadmap, Schedule, Vec<Problem>), u8> {
    let roadmap = match store::load(file) {
        Ok(loaded) => loaded.roadmap,
        Err(err) => {
            eprintln!("{}", err.render(lang));
            return Err(PROBLEMS);
        }
    };
    let network = Network::build(&roadmap);
    let errors = super::commands::errors_of(&roadmap, &network);
    let schedule = schedule_with(&roadmap, &network, &Options::new(today));
    Ok((roadmap, schedule, errors))
}

fn finish(file: &Path, command: &str, errors: &[Problem], lang: Lang) -> u8 {
    if errors.is_empty() {
        return OK;
    }
    for problem in errors {
        eprintln!("{}: {}", file.display(), problem.render(lang));
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
    println!(
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
        print!("{}", funding_text_in(&roadmap, &report, by, lang));
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
        print!("{}", regulations_text_in(&roadmap, &pipeline, today, lang));
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
        print!("{}", talent_text_in(&roadmap, &summary, lang));
    }
    finish(file, "talent", &errors, lang)
}
