//! Merge conflicts recorded by `peta merge` in the roadmap's top-level `conflicts` list (kept
//! as an unknown field, so it round-trips unchanged): each one is an error until a planner
//! picks a value and removes the entry.

use super::convert::short;
use super::{Location, Problem, Roadmap};
use serde_json::Value;

/// The key `peta merge` records conflicts under.
pub const CONFLICTS_KEY: &str = "conflicts";

/// One error per entry of the top-level `conflicts` list.
pub(crate) fn check_conflicts(roadmap: &Roadmap, problems: &mut Vec<Problem>) {
    let Some(Value::Array(records)) = roadmap.extra.get(CONFLICTS_KEY) else {
        return;
    };
    if records.is_empty() {
        return;
    }
    let items = roadmap.id_index();
    let id_in =
        |record: &Value, key: &str| record.get(key).and_then(Value::as_str).map(str::to_string);
    for (n, record) in records.iter().enumerate() {
        let location = if let Some(id) = id_in(record, "item") {
            match items.get(id.as_str()) {
                Some(&index) => Location::Item { index, id },
                // The item is gone (deleted on one side): name it in the field instead.
                None => Location::Roadmap,
            }
        } else if let Some(id) = id_in(record, "sector") {
            let index = roadmap.sectors.iter().position(|s| s.id == id).unwrap_or(0);
            Location::Sector { index, id }
        } else if let Some(id) = id_in(record, "funding_scheme") {
            let index = roadmap
                .funding_schemes
                .iter()
                .position(|s| s.id == id)
                .unwrap_or(0);
            Location::FundingScheme { index, id }
        } else {
            Location::Roadmap
        };
        let mut field = id_in(record, "field").unwrap_or_default();
        if location == Location::Roadmap {
            if let Some(id) = id_in(record, "item") {
                field = format!(
                    "item \"{id}\"{}{field}",
                    if field.is_empty() { "" } else { " " }
                );
            }
        }
        if field.is_empty() {
            field = format!("{CONFLICTS_KEY}[{n}]");
        }
        let reason = id_in(record, "reason").unwrap_or_else(|| "unresolved".to_string());
        let sides: Vec<String> = ["base", "ours", "theirs"]
            .iter()
            .map(|side| match record.get(side) {
                Some(value) => format!("{side} {}", short(value)),
                None => format!("{side} absent"),
            })
            .collect();
        problems.push(Problem::error(
            location,
            field,
            format!(
                "merge conflict: {reason} ({}); settle it and remove the entry from \"{CONFLICTS_KEY}\"",
                sides.join(", ")
            ),
        ));
    }
}
