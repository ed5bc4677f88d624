//! Lists matched by id: sectors, funding schemes, items, and an item's dependencies.

use super::{merge_object, merge_value, Conflict, EntryKind, Place};
use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

/// An element's id; the whole JSON text when it has none, so an element without an id only
/// matches an identical one.
fn entry_id(value: &Value) -> String {
    match value.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => format!("\u{0}{value}"),
    }
}

/// A dependency's predecessor id (short form `"x"` or `{"id": "x", ...}`).
fn dependency_id(value: &Value) -> String {
    match value {
        Value::String(id) => id.clone(),
        _ => entry_id(value),
    }
}

/// Keys that stay unique when an id is used twice: the second `a` is `a` + `\u{1}2`, so no
/// element is lost however ids repeat.
fn keyed(list: &[Value], id_of: fn(&Value) -> String) -> Vec<(String, &Value)> {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    list.iter()
        .map(|value| {
            let id = id_of(value);
            let count = seen.entry(id.clone()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                id
            } else {
                format!("{id}\u{1}{count}")
            };
            (key, value)
        })
        .collect()
}

/// The id part of a key, for conflict records.
fn shown_id(key: &str) -> String {
    let id = key.split('\u{1}').next().unwrap_or(key);
    if let Some(json) = id.strip_prefix('\u{0}') {
        json.to_string()
    } else {
        id.to_string()
    }
}

type ElementMerge<'m> = dyn Fn(&str, [Option<&Value>; 3], &mut Vec<Conflict>) -> Option<Value> + 'm;

/// The three-way merge of lists whose elements are matched by `id_of`. Order: OURS' elements
/// in OURS' order, each element THEIRS added placed after the element it follows in THEIRS
/// (the nearest one before it that OURS kept; at the start if none).
fn merge_keyed(
    sides: [&[Value]; 3],
    id_of: fn(&Value) -> String,
    element: &ElementMerge<'_>,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let [base, ours, theirs] = sides.map(|list| keyed(list, id_of));
    let map = |list: &[(String, &'_ Value)]| -> FxHashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), i))
            .collect()
    };
    let (base_at, ours_at, theirs_at) = (map(&base), map(&ours), map(&theirs));
    let mut kept: Vec<Option<Value>> = Vec::with_capacity(ours.len());
    for (key, value) in &ours {
        let b = base_at.get(key).map(|&i| base[i].1);
        let t = theirs_at.get(key).map(|&i| theirs[i].1);
        kept.push(element(key, [b, Some(value), t], conflicts));
    }
    // THEIRS' additions, grouped by the OURS element they follow (None: the start).
    let mut after: FxHashMap<Option<usize>, Vec<Value>> = FxHashMap::default();
    let mut anchor: Option<usize> = None;
    for (key, value) in &theirs {
        match ours_at.get(key) {
            Some(&i) => {
                if kept[i].is_some() {
                    anchor = Some(i);
                }
            }
            None => {
                let b = base_at.get(key).map(|&i| base[i].1);
                if let Some(merged) = element(key, [b, None, Some(value)], conflicts) {
                    after.entry(anchor).or_default().push(merged);
                }
            }
        }
    }
    let mut merged = Vec::with_capacity(kept.len());
    merged.extend(after.remove(&None).unwrap_or_default());
    for (i, value) in kept.into_iter().enumerate() {
        merged.extend(value);
        merged.extend(after.remove(&Some(i)).unwrap_or_default());
    }
    // Base elements both sides removed stay removed; nothing else is left in `base`.
    merged
}

fn as_list(value: Option<&Value>) -> Option<&[Value]> {
    match value {
        None => Some(&[]),
        Some(Value::Array(list)) => Some(list),
        Some(_) => None,
    }
}

/// Merges `sectors`, `funding_schemes` or `items` (the value of that key on each side).
pub(super) fn merge_entries(
    kind: EntryKind,
    sides: [Option<&Value>; 3],
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    let place = Place {
        entry: None,
        field: match kind {
            EntryKind::Sector => "sectors",
            EntryKind::FundingScheme => "funding_schemes",
            EntryKind::Item => "items",
        }
        .to_string(),
    };
    let (Some(base), Some(ours), Some(theirs)) =
        (as_list(sides[0]), as_list(sides[1]), as_list(sides[2]))
    else {
        // Not a list on some side (a bad value): the whole value follows the three-way rule.
        return merge_value(sides[0], sides[1], sides[2], &place, conflicts);
    };
    if sides[1].is_none() && sides[2].is_none() {
        return None;
    }
    let element = |key: &str, [b, o, t]: [Option<&Value>; 3], conflicts: &mut Vec<Conflict>| {
        let entry = Some((kind, shown_id(key)));
        if o.is_some() && t.is_some() && (o == t || b == o || b == t) {
            // Changed on at most one side (most entries): no field can conflict.
            let place = Place {
                entry,
                field: String::new(),
            };
            return merge_value(b, o, t, &place, conflicts);
        }
        match (o.and_then(Value::as_object), t.and_then(Value::as_object)) {
            (Some(o), Some(t)) => {
                let empty = Map::new();
                let b = b.and_then(Value::as_object).unwrap_or(&empty);
                let special = |field: &str, sides: [Option<&Value>; 3], c: &mut Vec<Conflict>| {
                    (kind == EntryKind::Item && field == "depends_on")
                        .then(|| merge_dependencies(shown_id(key), sides, c))
                };
                Some(Value::Object(merge_object(
                    b, o, t, entry, conflicts, &special,
                )))
            }
            _ => {
                let place = Place {
                    entry,
                    field: String::new(),
                };
                let before = conflicts.len();
                let merged = merge_value(b, o, t, &place, conflicts);
                if let Some(conflict) = conflicts.get_mut(before) {
                    conflict.reason = match o {
                        None => "deleted by ours, changed by theirs",
                        Some(_) => "changed by ours, deleted by theirs",
                    }
                    .to_string();
                }
                merged
            }
        }
    };
    Some(Value::Array(merge_keyed(
        [base, ours, theirs],
        entry_id,
        &element,
        conflicts,
    )))
}

/// An item's `depends_on`, link by link: adding different links on both sides merges.
fn merge_dependencies(
    item: String,
    sides: [Option<&Value>; 3],
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    let whole = Place {
        entry: Some((EntryKind::Item, item.clone())),
        field: "depends_on".to_string(),
    };
    let (Some(base), Some(ours), Some(theirs)) =
        (as_list(sides[0]), as_list(sides[1]), as_list(sides[2]))
    else {
        return merge_value(sides[0], sides[1], sides[2], &whole, conflicts);
    };
    if sides[1].is_none() && sides[2].is_none() {
        return None;
    }
    let element = |key: &str, [b, o, t]: [Option<&Value>; 3], conflicts: &mut Vec<Conflict>| {
        let place = Place {
            entry: Some((EntryKind::Item, item.clone())),
            field: format!("depends_on \"{}\"", shown_id(key)),
        };
        merge_value(b, o, t, &place, conflicts)
    };
    Some(Value::Array(merge_keyed(
        [base, ours, theirs],
        dependency_id,
        &element,
        conflicts,
    )))
}
