//! `peta merge` on portfolio files: git's driver is configured for the roadmaps folder, where
//! a portfolio lives beside its members, so the driver must merge portfolios as portfolios.

use super::commands::{OK, PROBLEMS};
use super::merge::{print_conflicts, write_merged, MergeArgs};
use crate::i18n::{Lang, M};
use crate::merge::portfolio::merge_portfolios;
use crate::portfolio::{from_value, is_portfolio, to_canonical_string};
use crate::store;
use serde_json::{Map, Value};

/// The exit code when OURS or THEIRS is a portfolio; `None` for roadmaps (or unreadable
/// files, which the roadmap merge reports).
pub(super) fn run_if_portfolio(args: &MergeArgs, lang: Lang) -> Option<u8> {
    let ours = store::read_limited(&args.ours).ok()?;
    let theirs = store::read_limited(&args.theirs).ok()?;
    if !is_portfolio(&ours) && !is_portfolio(&theirs) {
        return None;
    }
    Some(merge(args, &ours, &theirs, lang))
}

fn merge(args: &MergeArgs, ours: &[u8], theirs: &[u8], lang: Lang) -> u8 {
    let base = match store::read_limited(&args.base) {
        // Git passes an empty BASE when both branches added the file.
        Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(Value::Object(Map::new())),
        Ok(bytes) => store::parse_json(&args.base, &bytes),
        Err(err) => Err(err),
    };
    let sides = (
        base,
        store::parse_json(&args.ours, ours),
        store::parse_json(&args.theirs, theirs),
    );
    let (base, ours, theirs) = match sides {
        (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
        (base, ours, theirs) => {
            for err in [base.err(), ours.err(), theirs.err()].into_iter().flatten() {
                eprintln!("peta merge: {}", err.render(lang));
            }
            return PROBLEMS;
        }
    };
    let merged = merge_portfolios(&base, &ours, &theirs);
    let file = match from_value(merged.value) {
        Ok(file) => file,
        Err(messages) => {
            for message in messages {
                let error = message.render(lang);
                eprintln!(
                    "{}",
                    crate::tr!(lang, CliMergePortfolioDoesNotLoad, error = error)
                );
            }
            return PROBLEMS;
        }
    };
    let text = to_canonical_string(&file);
    let shown = match write_merged(args, &text, lang) {
        Ok(shown) => shown,
        Err(code) => return code,
    };
    print_conflicts(&shown, &merged.conflicts, lang);
    if merged.conflicts.is_empty() {
        return OK;
    }
    let summary = lang.plural(
        merged.conflicts.len(),
        M::CliMergePortfolioConflictsOne,
        M::CliMergePortfolioConflictsMany,
    );
    eprintln!("{}", crate::i18n::fill(&summary, &[("file", &shown)]));
    PROBLEMS
}
