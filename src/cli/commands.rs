//! One function per command. Results go to stdout, failures to stderr.

use crate::i18n::{Lang, M};
use crate::model::{validate, validate_with, Network, Problem, Roadmap};
use crate::report::funding_checks::funding_problems;
use crate::report::schedule::schedule_text_in;
use crate::report::schedule_json::schedule_json_text;
use crate::schedule::{schedule_with, Options};
use crate::store;
use crate::tr;
use std::path::{Path, PathBuf};

pub const OK: u8 = 0;
pub const PROBLEMS: u8 = 1;
pub const USAGE: u8 = 2;

/// The validation errors (not warnings) of a roadmap, which reports print after their output.
pub(super) fn errors_of(roadmap: &Roadmap, network: &Network) -> Vec<Problem> {
    validate_with(roadmap, network)
        .into_iter()
        .filter(Problem::is_error)
        .collect()
}

pub fn check(files: &[PathBuf], lang: Lang) -> u8 {
    let (mut errors, mut warnings) = (0, 0);
    for file in files {
        match crate::portfolio::open(file) {
            Err(err) => {
                outln!("{}", err.render(lang));
                errors += err.count();
            }
            Ok(crate::portfolio::Opened::Portfolio(portfolio)) => {
                let (e, w) = super::input::check_portfolio(&portfolio, lang);
                errors += e;
                warnings += w;
            }
            Ok(crate::portfolio::Opened::Roadmap(loaded)) => {
                // Funding warnings come after validation's, keeping errors first.
                let problems = validate(&loaded.roadmap)
                    .into_iter()
                    .chain(funding_problems(&loaded.roadmap));
                for problem in problems {
                    outln!("{}: {}", file.display(), problem.render(lang));
                    if problem.is_error() {
                        errors += 1;
                    } else {
                        warnings += 1;
                    }
                }
            }
        }
    }
    let files_word = lang.plural(files.len(), M::CheckFileOne, M::CheckFileMany);
    if errors == 0 && warnings == 0 {
        outln!("{}", tr!(lang, CheckClean, files = files_word));
    } else {
        let errors = lang.plural(errors, M::CheckErrorOne, M::CheckErrorMany);
        let warnings = lang.plural(warnings, M::CheckWarningOne, M::CheckWarningMany);
        outln!(
            "{}",
            tr!(
                lang,
                CheckCounts,
                files = files_word,
                errors = errors,
                warnings = warnings
            )
        );
    }
    if errors > 0 {
        PROBLEMS
    } else {
        OK
    }
}

pub fn fmt(files: &[PathBuf], check_only: bool, lang: Lang) -> u8 {
    let mut code = OK;
    for file in files {
        let bytes = match store::read_limited(file) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{}", err.render(lang));
                code = PROBLEMS;
                continue;
            }
        };
        let canonical = if crate::portfolio::is_portfolio(&bytes) {
            match canonical_portfolio(file, &bytes) {
                Ok(text) => text,
                Err(err) => {
                    eprintln!("{}", err.render(lang));
                    code = PROBLEMS;
                    continue;
                }
            }
        } else {
            match store::parse(file, &bytes) {
                Ok(roadmap) => store::to_canonical_string(&roadmap),
                Err(err) => {
                    eprintln!("{}", err.render(lang));
                    code = PROBLEMS;
                    continue;
                }
            }
        };
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if check_only {
            outln!("{}", tr!(lang, CliFmtNotCanonical, file = file.display()));
            code = PROBLEMS;
        } else if let Err(err) = store::write_atomic(file, canonical.as_bytes()) {
            let file = file.display();
            eprintln!("{}", tr!(lang, CliCannotSave, file = file, error = err));
            code = PROBLEMS;
        } else {
            outln!("{}", tr!(lang, CliFmtFormatted, file = file.display()));
        }
    }
    code
}

/// A portfolio file in its canonical form (members are not read: they are roadmaps of their
/// own, formatted by naming them).
fn canonical_portfolio(
    file: &Path,
    bytes: &[u8],
) -> Result<String, crate::portfolio::PortfolioError> {
    let value = store::parse_json(file, bytes)?;
    let portfolio = crate::portfolio::from_value(value).map_err(|messages| {
        crate::portfolio::PortfolioError::Invalid {
            path: file.to_path_buf(),
            messages,
        }
    })?;
    Ok(crate::portfolio::to_canonical_string(&portfolio))
}

pub fn schedule(
    file: &Path,
    json: bool,
    near_critical: i64,
    today: crate::model::Date,
    lang: Lang,
) -> u8 {
    let input = match super::input::Input::load(file, lang) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let roadmap = input.roadmap();
    let network = Network::build(roadmap);
    let errors = input.error_lines(file, &network, lang);
    let options = Options {
        today,
        near_critical_days: near_critical.max(0),
    };
    let schedule = schedule_with(roadmap, &network, &options);
    let portfolio = input.portfolio.as_deref();
    if json {
        match portfolio {
            Some(p) => {
                let value = crate::portfolio::schedule_json(p, &input.combined, &schedule, today);
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&value).unwrap_or_default()
                );
            }
            None => outln!("{}", schedule_json_text(roadmap, &schedule, today)),
        }
    } else {
        out!("{}", schedule_text_in(roadmap, &schedule, today, lang));
        if let Some(p) = portfolio {
            out!(
                "{}",
                crate::portfolio::members_text_in(p, &input.combined, &schedule, lang)
            );
        }
    }
    if errors.is_empty() {
        OK
    } else {
        for line in &errors {
            eprintln!("{line}");
        }
        let count = lang.plural(errors.len(), M::CheckErrorOne, M::CheckErrorMany);
        eprintln!(
            "{}",
            tr!(
                lang,
                SchedIgnoresBroken,
                file = file.display(),
                errors = count
            )
        );
        PROBLEMS
    }
}

pub fn new(file: &Path, title: &str, from: i32, to: i32, lang: Lang) -> u8 {
    if to < from {
        eprintln!("{}", tr!(lang, CliNewToBeforeFrom, to = to, from = from));
        return USAGE;
    }
    let Some(roadmap) = Roadmap::new(title, from, to) else {
        eprintln!("{}", tr!(lang, CliNewBadYears, from = from, to = to));
        return USAGE;
    };
    let done = tr!(lang, CliNewCreated, title = title, from = from, to = to);
    create(file, &roadmap, &done, lang)
}

/// `peta generate`: a synthetic roadmap for benchmarks and trials.
pub fn generate(
    file: &Path,
    items: usize,
    seed: u64,
    links_per_item: usize,
    funding_lines: Option<usize>,
    lang: Lang,
) -> u8 {
    let mut roadmap = crate::generate::roadmap(items, links_per_item, seed);
    if let Some(lines) = funding_lines {
        roadmap = crate::generate::with_funding_lines(roadmap, lines, seed);
    }
    let links: usize = roadmap.items.iter().map(|i| i.depends_on.len()).sum();
    let done = tr!(
        lang,
        CliGenerated,
        items = items,
        links = links,
        seed = seed
    );
    create(file, &roadmap, &done, lang)
}

/// Writes a new roadmap file, never over an existing one, and says what it wrote.
fn create(file: &Path, roadmap: &Roadmap, done: &str, lang: Lang) -> u8 {
    match store::create(file, roadmap) {
        Ok(_) => {
            outln!("{}: {done}", file.display());
            OK
        }
        Err(store::SaveError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            eprintln!("{}", tr!(lang, CliAlreadyExists, file = file.display()));
            PROBLEMS
        }
        Err(store::SaveError::Io { path, source }) => {
            let file = path.display();
            eprintln!("{}", tr!(lang, CliCannotSave, file = file, error = source));
            PROBLEMS
        }
        Err(err) => {
            eprintln!("{err}");
            PROBLEMS
        }
    }
}

/// `peta [FILE]`: the terminal UI. A file that cannot be parsed is reported like `peta check`
/// reports it, and the UI does not start.
pub fn open(options: crate::tui::RunOptions) -> u8 {
    match crate::tui::run(options) {
        Ok(()) => OK,
        Err(err) => {
            eprintln!("{err}");
            PROBLEMS
        }
    }
}
