//! Roadmaps from other tools' files: a CSV spreadsheet (the columns of `peta export --format
//! csv`) or Microsoft Project XML (MSPDI). An import either yields a roadmap that passes
//! validation, with any warnings, or every problem found, each naming where it is (a CSV line,
//! an XML line and task); callers then write nothing.

pub mod csv;
pub mod mspdi;

use crate::model::{validate, Date, Roadmap};
use chrono::Datelike;

/// A roadmap built from another format, and what the caller should tell the user about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub roadmap: Roadmap,
    /// Validation warnings and things the format could hold that peta cannot (a link to a
    /// summary task, a percent lag), each with its place.
    pub warnings: Vec<String>,
}

/// Every problem, each a full sentence with its place (`line 7: column "start": ...`).
pub type ImportErrors = Vec<String>;

/// The finishing steps both importers share: the roadmap's start and end are the first and
/// last whole years of its items' dates; it must pass validation. `places[i]` names where item
/// `i` came from (`line 7`), so problems point back into the source file.
pub(crate) fn finish(
    mut roadmap: Roadmap,
    places: &[String],
    mut warnings: Vec<String>,
) -> Result<Imported, ImportErrors> {
    let dates = roadmap
        .items
        .iter()
        .flat_map(|item| item.start.into_iter().chain(item.end));
    let first = dates.clone().min();
    let last = dates.max();
    roadmap.start = first.and_then(|d| Date::from_ymd_opt(d.year(), 1, 1));
    roadmap.end = last.and_then(|d| Date::from_ymd_opt(d.year(), 12, 31));
    if roadmap.items.is_empty() {
        return Err(vec!["no items found: nothing to import".to_string()]);
    }
    let mut errors = Vec::new();
    for problem in validate(&roadmap) {
        let text = match problem.item_index().and_then(|i| places.get(i)) {
            Some(place) => format!("{place}: {problem}"),
            None => problem.to_string(),
        };
        if problem.is_error() {
            errors.push(text);
        } else {
            warnings.push(text);
        }
    }
    if errors.is_empty() {
        Ok(Imported { roadmap, warnings })
    } else {
        Err(errors)
    }
}

/// A name turned into an id: lower-case letters and digits (any script), other runs as one
/// `-`; `fallback` when nothing is left.
pub(crate) fn slug(name: &str, fallback: &str) -> String {
    crate::model::slug(name, fallback, char::is_alphanumeric)
}
