//! Field-by-field comparison of entries matched by id.

use super::{Change, EntryDiff, EntryStatus};
use crate::model::{format_date, Date, Dependency, Extra, Invalid, Item, Roadmap};
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Value};

fn date_value(date: Option<Date>) -> Value {
    date.map_or(Value::Null, |d| Value::String(format_date(d)))
}

fn text_value(text: &str) -> Value {
    if text.is_empty() {
        Value::Null
    } else {
        Value::String(text.to_string())
    }
}

/// Records a change when the two values differ.
fn push(changes: &mut Vec<Change>, field: impl Into<String>, from: Value, to: Value) {
    if from != to {
        changes.push(Change {
            field: field.into(),
            from,
            to,
            days: None,
        });
    }
}

/// A date change, with the days it moved when both sides have a date.
fn push_date(changes: &mut Vec<Change>, field: &str, from: Option<Date>, to: Option<Date>) {
    if from != to {
        changes.push(Change {
            field: field.to_string(),
            from: date_value(from),
            to: date_value(to),
            days: from.zip(to).map(|(a, b)| (b - a).num_days()),
        });
    }
}

/// Keys of NEW in its order, then keys only in OLD in OLD's order, each once.
fn union_keys<K: Clone + Eq + std::hash::Hash>(old: &[K], new: &[K]) -> Vec<K> {
    let mut seen = FxHashSet::default();
    new.iter()
        .chain(old)
        .filter(|k| seen.insert((*k).clone()))
        .cloned()
        .collect()
}

/// Unknown fields and kept bad values, key by key (sorted, as they are written).
fn push_maps(changes: &mut Vec<Change>, prefix: &str, suffix: &str, old: &Extra, new: &Extra) {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let from = old.get(key).cloned().unwrap_or(Value::Null);
        let to = new.get(key).cloned().unwrap_or(Value::Null);
        push(changes, format!("{prefix}{key}{suffix}"), from, to);
    }
}

fn push_invalid(changes: &mut Vec<Change>, prefix: &str, old: &Invalid, new: &Invalid) {
    push_maps(changes, prefix, " (bad value)", old, new);
}

pub(super) fn roadmap_fields(old: &Roadmap, new: &Roadmap) -> Vec<Change> {
    let mut changes = Vec::new();
    push(
        &mut changes,
        "format",
        text_value(&old.format),
        text_value(&new.format),
    );
    push(
        &mut changes,
        "title",
        text_value(&old.title),
        text_value(&new.title),
    );
    push_date(&mut changes, "start", old.start, new.start);
    push_date(&mut changes, "end", old.end, new.end);
    push(
        &mut changes,
        "currency",
        text_value(&old.currency),
        text_value(&new.currency),
    );
    push_invalid(&mut changes, "", &old.invalid, &new.invalid);
    push_maps(&mut changes, "", "", &old.extra, &new.extra);
    changes
}

/// Sectors or funding schemes: (id, name, unknown fields) on each side.
pub(super) fn named_lists<'a>(
    old: impl Iterator<Item = (&'a String, &'a String, &'a Extra)>,
    new: impl Iterator<Item = (&'a String, &'a String, &'a Extra)>,
) -> Vec<EntryDiff> {
    let old: Vec<_> = old.collect();
    let new: Vec<_> = new.collect();
    let old_by_id: FxHashMap<&str, usize> = old
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e.0.as_str(), i))
        .collect();
    let new_ids: FxHashSet<&str> = new.iter().map(|e| e.0.as_str()).collect();
    let mut entries = Vec::new();
    for (id, name, extra) in &new {
        match old_by_id.get(id.as_str()) {
            None => entries.push(entry(id, name, EntryStatus::Added, Vec::new())),
            Some(&j) => {
                let (_, old_name, old_extra) = old[j];
                let mut changes = Vec::new();
                push(&mut changes, "name", text_value(old_name), text_value(name));
                push_maps(&mut changes, "", "", old_extra, extra);
                if !changes.is_empty() {
                    entries.push(entry(id, name, EntryStatus::Changed, changes));
                }
            }
        }
    }
    for (id, name, _) in old.iter().filter(|e| !new_ids.contains(e.0.as_str())) {
        entries.push(entry(id, name, EntryStatus::Removed, Vec::new()));
    }
    entries
}

fn entry(id: &str, title: &str, status: EntryStatus, changes: Vec<Change>) -> EntryDiff {
    EntryDiff {
        id: id.to_string(),
        title: title.to_string(),
        status,
        changes,
    }
}

pub(super) fn items(old: &Roadmap, new: &Roadmap) -> Vec<EntryDiff> {
    let old_index = old.id_index();
    let new_index = new.id_index();
    let mut entries = Vec::new();
    for item in &new.items {
        match old_index.get(item.id.as_str()) {
            None => entries.push(entry(&item.id, &item.title, EntryStatus::Added, Vec::new())),
            Some(&j) => {
                let changes = item_changes(&old.items[j], item);
                if !changes.is_empty() {
                    entries.push(entry(&item.id, &item.title, EntryStatus::Changed, changes));
                }
            }
        }
    }
    for item in &old.items {
        if !new_index.contains_key(item.id.as_str()) {
            entries.push(entry(
                &item.id,
                &item.title,
                EntryStatus::Removed,
                Vec::new(),
            ));
        }
    }
    entries
}

/// `"FS"` for a plain link, `"SS +10"` with a lag.
fn link_text(dep: &Dependency) -> String {
    if dep.lag_days == 0 {
        dep.link.to_string()
    } else {
        format!("{} {:+}", dep.link, dep.lag_days)
    }
}

fn item_changes(old: &Item, new: &Item) -> Vec<Change> {
    let mut changes = Vec::new();
    push(
        &mut changes,
        "title",
        text_value(&old.title),
        text_value(&new.title),
    );
    let kind = |item: &Item| item.kind.map_or(Value::Null, |k| json!(k.as_str()));
    push(&mut changes, "kind", kind(old), kind(new));
    push(
        &mut changes,
        "sector",
        text_value(&old.sector),
        text_value(&new.sector),
    );
    let owner = |item: &Item| item.owner.as_deref().map_or(Value::Null, text_value);
    push(&mut changes, "owner", owner(old), owner(new));
    push_date(&mut changes, "start", old.start, new.start);
    push_date(&mut changes, "end", old.end, new.end);
    push(
        &mut changes,
        "progress",
        json!(old.progress),
        json!(new.progress),
    );
    dependency_changes(&mut changes, old, new);
    let regulation = |item: &Item, field: &str| match (&item.regulation, field) {
        (None, _) => Value::Null,
        (Some(r), "instrument") => text_value(&r.instrument),
        (Some(r), _) => r.stage.map_or(Value::Null, |s| json!(s.as_str())),
    };
    for field in ["instrument", "stage"] {
        push(
            &mut changes,
            format!("regulation.{field}"),
            regulation(old, field),
            regulation(new, field),
        );
    }
    let cost = |item: &Item| item.cost.map_or(Value::Null, |c| json!(c));
    push(&mut changes, "cost", cost(old), cost(new));
    funding_changes(&mut changes, old, new);
    talent_changes(&mut changes, old, new);
    let notes = |item: &Item| item.notes.as_deref().map_or(Value::Null, text_value);
    push(&mut changes, "notes", notes(old), notes(new));
    push_invalid(&mut changes, "", &old.invalid, &new.invalid);
    push_maps(&mut changes, "", "", &old.extra, &new.extra);
    changes
}

/// Per predecessor id: added, removed, or a different type or lag.
fn dependency_changes(changes: &mut Vec<Change>, old: &Item, new: &Item) {
    let links = |item: &Item| -> FxHashMap<String, String> {
        let mut map = FxHashMap::default();
        for dep in &item.depends_on {
            map.entry(dep.id.clone()).or_insert_with(|| link_text(dep));
        }
        map
    };
    let (old_links, new_links) = (links(old), links(new));
    let ids =
        |item: &Item| -> Vec<String> { item.depends_on.iter().map(|d| d.id.clone()).collect() };
    for id in union_keys(&ids(old), &ids(new)) {
        let side = |map: &FxHashMap<String, String>| map.get(&id).map_or(Value::Null, |t| json!(t));
        push(
            changes,
            format!("depends_on \"{id}\""),
            side(&old_links),
            side(&new_links),
        );
    }
}

/// Per (scheme, year): the amount (summed over lines) and the status (of the first line).
fn funding_changes(changes: &mut Vec<Change>, old: &Item, new: &Item) {
    type Line = (u128, Option<&'static str>);
    type Key = (String, i32);
    let lines = |item: &Item| -> (Vec<Key>, FxHashMap<Key, Line>) {
        let mut order = Vec::new();
        let mut map: FxHashMap<Key, Line> = FxHashMap::default();
        for line in &item.funding {
            let key = (line.scheme.clone(), line.year);
            let status = line.status.map(|s| s.as_str());
            map.entry(key.clone())
                .and_modify(|e| e.0 += u128::from(line.amount))
                .or_insert_with(|| {
                    order.push(key);
                    (u128::from(line.amount), status)
                });
        }
        (order, map)
    };
    let (old_order, old_map) = lines(old);
    let (new_order, new_map) = lines(new);
    for key in union_keys(&old_order, &new_order) {
        let (a, b) = (old_map.get(&key), new_map.get(&key));
        let amount = |line: Option<&Line>| line.map_or(Value::Null, |l| json!(l.0));
        let status = |line: Option<&Line>| {
            line.and_then(|l| l.1)
                .map_or(Value::Null, |s| Value::String(s.to_string()))
        };
        let name = format!("funding {} {}", key.0, key.1);
        push(changes, name.clone(), amount(a), amount(b));
        if a.is_some() && b.is_some() {
            push(changes, format!("{name} status"), status(a), status(b));
        }
    }
}

/// Per role: the number of people (summed over lines).
fn talent_changes(changes: &mut Vec<Change>, old: &Item, new: &Item) {
    let roles = |item: &Item| -> (Vec<String>, FxHashMap<String, u64>) {
        let mut order = Vec::new();
        let mut map: FxHashMap<String, u64> = FxHashMap::default();
        for need in &item.talent {
            map.entry(need.role.clone())
                .and_modify(|c| *c += u64::from(need.count))
                .or_insert_with(|| {
                    order.push(need.role.clone());
                    u64::from(need.count)
                });
        }
        (order, map)
    };
    let (old_order, old_map) = roles(old);
    let (new_order, new_map) = roles(new);
    for role in union_keys(&old_order, &new_order) {
        let count = |map: &FxHashMap<String, u64>| map.get(&role).map_or(Value::Null, |c| json!(c));
        push(
            changes,
            format!("talent \"{role}\""),
            count(&old_map),
            count(&new_map),
        );
    }
}
