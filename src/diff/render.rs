//! The diff as text for people (and `git diff`) and as JSON for machines.

use super::{Change, Diff, EntryDiff, EntryStatus};
use crate::model::{format_date, Date};
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

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_string(),
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

fn change_line(out: &mut String, indent: &str, change: &Change) {
    if change.field == crate::model::CONFLICTS_KEY {
        // The records are long and `peta check` words them; the count is what a reader needs.
        if let (Some(from), Some(to)) = (conflict_count(&change.from), conflict_count(&change.to)) {
            let _ = writeln!(
                out,
                "{indent}merge conflicts: {from} -> {to} (see `peta check`)"
            );
            return;
        }
    }
    let _ = write!(
        out,
        "{indent}{}: {} -> {}",
        change.field,
        shown(&change.from),
        shown(&change.to)
    );
    if let Some(days) = change.days {
        let _ = write!(out, " ({})", days_phrase(days));
    }
    if change.field == "title" && !change.from.is_null() && !change.to.is_null() {
        out.push_str(" (renamed)");
    }
    out.push('\n');
}

fn days_phrase(days: i64) -> String {
    match days {
        0 => "same day".to_string(),
        1 => "1 day later".to_string(),
        -1 => "1 day earlier".to_string(),
        d if d > 0 => format!("{d} days later"),
        d => format!("{} days earlier", -d),
    }
}

fn entries(out: &mut String, heading: &str, list: &[EntryDiff]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "{heading}");
    for entry in list {
        let (mark, word) = match entry.status {
            EntryStatus::Added => ('+', " (added)"),
            EntryStatus::Removed => ('-', " (removed)"),
            EntryStatus::Changed => ('~', ""),
        };
        let _ = writeln!(out, "  {mark} {} \"{}\"{word}", entry.id, entry.title);
        for change in &entry.changes {
            change_line(out, "      ", change);
        }
    }
}

/// The diff in words, one section per kind of entry, then the consequence for the schedule.
pub fn diff_text(diff: &Diff) -> String {
    let mut out = String::new();
    if !diff.roadmap.is_empty() {
        out.push_str("Roadmap\n");
        for change in &diff.roadmap {
            change_line(&mut out, "  ", change);
        }
    }
    entries(&mut out, "Sectors", &diff.sectors);
    entries(&mut out, "Funding schemes", &diff.funding_schemes);
    entries(&mut out, "Items", &diff.items);
    let c = &diff.consequence;
    if diff.is_empty() {
        out.push_str("No differences.\n");
        return out;
    }
    out.push_str("Consequence\n");
    let date = |d: Option<Date>| d.map_or("(none)".to_string(), format_date);
    let _ = write!(
        out,
        "  forecast finish: {} -> {}",
        date(c.finish_before),
        date(c.finish_after)
    );
    match c.slip_days {
        Some(0) => out.push_str(" (unchanged)\n"),
        Some(days) => {
            let _ = writeln!(out, " ({})", days_phrase(days));
        }
        None => out.push('\n'),
    }
    for (label, ids) in [
        ("became critical", &c.became_critical),
        ("no longer critical", &c.no_longer_critical),
    ] {
        if !ids.is_empty() {
            let _ = writeln!(out, "  {label}: {}", ids.join(", "));
        }
    }
    out
}
