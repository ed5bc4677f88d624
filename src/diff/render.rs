//! The diff as text for people (and `git diff`) and as JSON for machines.

use super::{Change, Diff, EntryDiff, EntryStatus};
use crate::i18n::{Lang, M};
use crate::model::{format_date, Date};
use crate::tr;
use serde_json::Value;
use std::fmt::Write;

pub(super) fn date_or_null<S: serde::Serializer>(
    date: &Option<Date>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&format_date(*d)),
        None => serializer.serialize_none(),
    }
}

/// The diff as a JSON value (see README, "peta diff").
pub fn diff_json(diff: &Diff) -> Value {
    serde_json::to_value(diff).unwrap_or(Value::Null)
}

fn shown(value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => lang.t(M::DiffNone).to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// How many merge conflicts a `conflicts` value records.
fn conflict_count(value: &Value) -> Option<usize> {
    match value {
        Value::Null => Some(0),
        Value::Array(list) => Some(list.len()),
        _ => None,
    }
}

fn change_line(out: &mut String, indent: &str, change: &Change, lang: Lang) {
    if change.field == crate::model::CONFLICTS_KEY {
        // The records are long and `peta check` words them; the count is what a reader needs.
        if let (Some(from), Some(to)) = (conflict_count(&change.from), conflict_count(&change.to)) {
            let _ = writeln!(
                out,
                "{indent}{}",
                tr!(lang, DiffConflicts, from = from, to = to)
            );
            return;
        }
    }
    let _ = write!(
        out,
        "{indent}{}: {} -> {}",
        change.field,
        shown(&change.from, lang),
        shown(&change.to, lang)
    );
    if let Some(days) = change.days {
        let _ = write!(out, " ({})", days_phrase(days, lang));
    }
    if change.field == "title" && !change.from.is_null() && !change.to.is_null() {
        out.push_str(tr!(lang, DiffRenamed));
    }
    out.push('\n');
}

fn days_phrase(days: i64, lang: Lang) -> String {
    match days {
        0 => tr!(lang, DiffSameDay).to_string(),
        1 => tr!(lang, DiffDayLater).to_string(),
        -1 => tr!(lang, DiffDayEarlier).to_string(),
        d if d > 0 => tr!(lang, DiffDaysLater, n = d),
        d => tr!(lang, DiffDaysEarlier, n = -d),
    }
}

fn entries(out: &mut String, heading: M, list: &[EntryDiff], lang: Lang) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "{}", lang.t(heading));
    for entry in list {
        let (mark, word) = match entry.status {
            EntryStatus::Added => ('+', lang.t(M::DiffAdded)),
            EntryStatus::Removed => ('-', lang.t(M::DiffRemoved)),
            EntryStatus::Changed => ('~', ""),
        };
        let _ = writeln!(out, "  {mark} {} \"{}\"{word}", entry.id, entry.title);
        for change in &entry.changes {
            change_line(out, "      ", change, lang);
        }
    }
}

/// The diff in words, one section per kind of entry, then the consequence for the schedule.
pub fn diff_text(diff: &Diff) -> String {
    diff_text_in(diff, Lang::En)
}

/// [`diff_text`] in a language (field names and values stay as the files write them).
pub fn diff_text_in(diff: &Diff, lang: Lang) -> String {
    let mut out = String::new();
    if !diff.roadmap.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, DiffRoadmap));
        for change in &diff.roadmap {
            change_line(&mut out, "  ", change, lang);
        }
    }
    entries(&mut out, M::DiffSectors, &diff.sectors, lang);
    entries(&mut out, M::DiffSchemes, &diff.funding_schemes, lang);
    entries(&mut out, M::DiffItems, &diff.items, lang);
    let c = &diff.consequence;
    if diff.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, DiffNoDifferences));
        return out;
    }
    let _ = writeln!(out, "{}", tr!(lang, DiffConsequence));
    let date = |d: Option<Date>| d.map_or(lang.t(M::DiffNone).to_string(), format_date);
    let _ = write!(
        out,
        "{}",
        tr!(
            lang,
            DiffForecast,
            from = date(c.finish_before),
            to = date(c.finish_after)
        )
    );
    match c.slip_days {
        Some(0) => {
            let _ = writeln!(out, "{}", tr!(lang, DiffUnchanged));
        }
        Some(days) => {
            let _ = writeln!(out, " ({})", days_phrase(days, lang));
        }
        None => out.push('\n'),
    }
    for (label, ids) in [
        (tr!(lang, DiffBecameCritical), &c.became_critical),
        (tr!(lang, DiffNoLongerCritical), &c.no_longer_critical),
    ] {
        if !ids.is_empty() {
            let _ = writeln!(out, "  {label}: {}", ids.join(", "));
        }
    }
    out
}
