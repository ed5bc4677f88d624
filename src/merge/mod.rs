//! Three-way merge of roadmaps by item id and field, for git's merge driver (`peta merge`).
//!
//! Works on the JSON values, not the typed roadmap, so unknown fields and kept bad values merge
//! like any other field (key by key). Sectors, funding schemes, items and an item's
//! dependencies are matched by id; everything else is compared as a whole value per key. The
//! same field changed differently on both sides is a conflict: OURS' value is kept and the
//! conflict recorded. `references` then reports dependency cycles and dangling links the merge
//! created, which neither side had.

mod lists;
pub mod portfolio;
mod references;
pub mod resolve;

pub use references::reference_conflicts;

use crate::model::{from_value, Roadmap, StructureError};
use crate::store::{self, LoadError};
use serde_json::{json, Map, Value};
use std::path::Path;

pub use crate::model::CONFLICTS_KEY;

/// Which kind of entry a conflict is about (none: the roadmap's own fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Sector,
    FundingScheme,
    Item,
}

impl EntryKind {
    /// The key naming the entry in a conflict record.
    pub fn key(self) -> &'static str {
        match self {
            EntryKind::Sector => "sector",
            EntryKind::FundingScheme => "funding_scheme",
            EntryKind::Item => "item",
        }
    }
}

/// One field both sides changed differently (or a reference problem the merge created).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The entry and its id; `None` for the roadmap's own fields.
    pub entry: Option<(EntryKind, String)>,
    /// The field: `start`, `depends_on "x"`; empty for a whole entry (changed on one side,
    /// deleted on the other).
    pub field: String,
    /// Each side's value; `None` where the field (or entry) is absent.
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
    pub reason: String,
}

impl Conflict {
    /// The record written to the file's `conflicts` list.
    pub fn to_value(&self) -> Value {
        let mut record = Map::new();
        if let Some((kind, id)) = &self.entry {
            record.insert(kind.key().to_string(), json!(id));
        }
        record.insert("field".to_string(), json!(self.field));
        for (key, value) in [
            ("base", &self.base),
            ("ours", &self.ours),
            ("theirs", &self.theirs),
        ] {
            if let Some(value) = value {
                record.insert(key.to_string(), value.clone());
            }
        }
        record.insert("reason".to_string(), json!(self.reason));
        Value::Object(record)
    }
}

/// The merged roadmap (as JSON) and the conflicts found; conflicts are not yet in the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub conflicts: Vec<Conflict>,
}

/// Where in the roadmap a value sits, for conflict records.
#[derive(Clone)]
pub(crate) struct Place {
    pub entry: Option<(EntryKind, String)>,
    pub field: String,
}

/// The three-way rule for one value: whichever side changed it wins; both changing it the
/// same way is no conflict; both changing it differently keeps OURS and records a conflict.
pub(crate) fn merge_value(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    place: &Place,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    conflicts.push(Conflict {
        entry: place.entry.clone(),
        field: place.field.clone(),
        base: base.cloned(),
        ours: ours.cloned(),
        theirs: theirs.cloned(),
        reason: "changed differently on both sides".to_string(),
    });
    ours.cloned()
}

/// A merge for particular keys: `Some(result)` for a key it handles, `None` for the others.
pub(crate) type KeyMerge<'m> =
    dyn Fn(&str, [Option<&Value>; 3], &mut Vec<Conflict>) -> Option<Option<Value>> + 'm;

/// Merges two objects key by key. `special` merges the keys it knows (lists matched by id) and
/// returns `None` for the others, which take the three-way rule as whole values.
pub(crate) fn merge_object(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    entry: Option<(EntryKind, String)>,
    conflicts: &mut Vec<Conflict>,
    special: &KeyMerge<'_>,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    keys.sort();
    keys.dedup();
    let mut merged = Map::new();
    for key in keys {
        let sides = [base.get(key), ours.get(key), theirs.get(key)];
        let value = match special(key, sides, conflicts) {
            Some(value) => value,
            None => {
                let place = Place {
                    entry: entry.clone(),
                    field: key.clone(),
                };
                merge_value(sides[0], sides[1], sides[2], &place, conflicts)
            }
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

/// Merges three roadmap files' JSON values. Each should be an object (a loadable roadmap).
pub fn merge(base: &Value, ours: &Value, theirs: &Value) -> Merged {
    let special = |key: &str, sides: [Option<&Value>; 3], conflicts: &mut Vec<Conflict>| {
        let kind = match key {
            "sectors" => EntryKind::Sector,
            "funding_schemes" => EntryKind::FundingScheme,
            "items" => EntryKind::Item,
            _ => return None,
        };
        Some(lists::merge_entries(kind, sides, conflicts))
    };
    merge_files(base, ours, theirs, &special)
}

/// Merges three files' top-level objects (anything else counts as empty), with `special` for
/// the lists the file kind matches by id.
pub(crate) fn merge_files(
    base: &Value,
    ours: &Value,
    theirs: &Value,
    special: &KeyMerge<'_>,
) -> Merged {
    let mut conflicts = Vec::new();
    let empty = Map::new();
    let merged = merge_object(
        base.as_object().unwrap_or(&empty),
        ours.as_object().unwrap_or(&empty),
        theirs.as_object().unwrap_or(&empty),
        None,
        &mut conflicts,
        special,
    );
    Merged {
        value: Value::Object(merged),
        conflicts,
    }
}

/// Appends the conflicts to the value's `conflicts` list (creating it), as written to the file.
pub fn record_conflicts(value: &mut Value, conflicts: &[Conflict]) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    if conflicts.is_empty() {
        return;
    }
    let list = object
        .entry(CONFLICTS_KEY.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !list.is_array() {
        // Someone's own `conflicts` field: keep it inside the list rather than lose it.
        *list = Value::Array(vec![list.take()]);
    }
    if let Value::Array(list) = list {
        list.extend(conflicts.iter().map(Conflict::to_value));
    }
}

/// One side of a merge as `peta merge` reads it: the JSON value (merged key by key) and the
/// typed roadmap (for the reference checks). An empty BASE is what git passes when both
/// branches added the file: it counts as a roadmap with nothing in it, so both sides' items
/// merge as additions. `path` names the file in errors.
pub fn read_side(path: &Path, bytes: &[u8], is_base: bool) -> Result<(Value, Roadmap), LoadError> {
    if is_base && bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok((Value::Object(Map::new()), Roadmap::default()));
    }
    let roadmap = store::parse(path, bytes)?;
    Ok((store::parse_json(path, bytes)?, roadmap))
}

/// The whole three-way merge of `peta merge`: fields merged, the result read as a roadmap,
/// the cycles and dangling links it would create added as conflicts, and every conflict
/// recorded in its `conflicts` list. Fails only when the merged value is not a roadmap.
pub fn merge_roadmaps(
    base: &Value,
    (ours, ours_roadmap): (&Value, &Roadmap),
    (theirs, theirs_roadmap): (&Value, &Roadmap),
) -> Result<(Roadmap, Vec<Conflict>), StructureError> {
    let merged = merge(base, ours, theirs);
    let mut conflicts = merged.conflicts;
    let mut roadmap = from_value(merged.value)?;
    conflicts.extend(reference_conflicts(&roadmap, ours_roadmap, theirs_roadmap));
    // The conflicts list is an unknown field of the roadmap: it lives in `extra`.
    let mut top = Value::Object(std::mem::take(&mut roadmap.extra));
    record_conflicts(&mut top, &conflicts);
    if let Value::Object(extra) = top {
        roadmap.extra = extra;
    }
    Ok((roadmap, conflicts))
}
