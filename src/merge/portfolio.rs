//! Three-way merge of portfolio files (`peta-portfolio/1`): the portfolio's own fields key by
//! key, and its `members` matched by id, field by field. Git's merge driver is set up for the
//! roadmaps folder, where portfolios live beside their members; merged as roadmaps they would
//! gain empty roadmap lists. A portfolio has no `conflicts` list: a conflict keeps OURS and is
//! reported, and git leaves the file for the planner to settle.

use super::{merge_files, merge_object, merge_value, Conflict, Merged, Place};
use rustc_hash::FxHashMap;
use serde_json::{Map, Value};

/// Merges three portfolio files' JSON values (each should be an object).
pub fn merge_portfolios(base: &Value, ours: &Value, theirs: &Value) -> Merged {
    let special = |key: &str, sides: [Option<&Value>; 3], conflicts: &mut Vec<Conflict>| {
        (key == "members").then(|| merge_members(sides, conflicts))
    };
    merge_files(base, ours, theirs, &special)
}

fn member_id(value: &Value) -> Option<&str> {
    value.get("id").and_then(Value::as_str)
}

/// The member entries by id, when the list is a list of objects with distinct ids.
fn by_id(list: &[Value]) -> Option<Vec<(&str, &Map<String, Value>)>> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut entries: Vec<(&str, &Map<String, Value>)> = Vec::with_capacity(list.len());
    for value in list {
        let id = member_id(value)?;
        if !seen.insert(id) {
            return None;
        }
        entries.push((id, value.as_object()?));
    }
    Some(entries)
}

fn keyed(list: Option<&Vec<Value>>) -> Option<Vec<(&str, &Map<String, Value>)>> {
    match list {
        None => Some(Vec::new()),
        Some(list) => by_id(list),
    }
}

/// Members in OURS' order, then those only THEIRS added, in their order. A list peta cannot
/// match by id (not objects, ids missing or repeated) merges as one value.
fn merge_members<'m>(
    sides: [Option<&'m Value>; 3],
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    let lists = sides.map(|side| side.and_then(Value::as_array));
    let (Some(base), Some(ours), Some(theirs)) =
        (keyed(lists[0]), keyed(lists[1]), keyed(lists[2]))
    else {
        let place = Place {
            entry: None,
            field: "members".to_string(),
        };
        return merge_value(sides[0], sides[1], sides[2], &place, conflicts);
    };
    let index =
        |list: &[(&'m str, &'m Map<String, Value>)]| -> FxHashMap<&'m str, &'m Map<String, Value>> {
            list.iter().copied().collect()
        };
    let (base_of, ours_of, theirs_of) = (index(&base), index(&ours), index(&theirs));
    let find = |map: &FxHashMap<&str, &'m Map<String, Value>>, id: &str| map.get(id).copied();
    let mut order: Vec<&str> = ours.iter().map(|(id, _)| *id).collect();
    order.extend(
        theirs
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| !ours_of.contains_key(id)),
    );
    let mut merged = Vec::new();
    for id in order {
        let [b, o, t] = [find(&base_of, id), find(&ours_of, id), find(&theirs_of, id)];
        let field = format!("members \"{id}\"");
        let value = match (o, t) {
            (Some(o), Some(t)) => {
                let before = conflicts.len();
                let empty = Map::new();
                let object =
                    merge_object(b.unwrap_or(&empty), o, t, None, conflicts, &|_, _, _| None);
                for conflict in &mut conflicts[before..] {
                    conflict.field = format!("{field} {}", conflict.field);
                }
                Some(Value::Object(object))
            }
            // Present on one side only: added there, or deleted on the other side (a conflict
            // when the side that kept it also changed it).
            _ => {
                let whole = |m: Option<&Map<String, Value>>| m.cloned().map(Value::Object);
                let place = Place { entry: None, field };
                merge_value(
                    whole(b).as_ref(),
                    whole(o).as_ref(),
                    whole(t).as_ref(),
                    &place,
                    conflicts,
                )
            }
        };
        merged.extend(value);
    }
    Some(Value::Array(merged))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn portfolio(members: Value) -> Value {
        json!({"format": "peta-portfolio/1", "title": "P", "members": members})
    }

    #[test]
    fn members_added_on_both_sides_and_fields_changed_apart_merge_cleanly() {
        let base = portfolio(json!([{"id": "a", "path": "a.json"}]));
        let ours = portfolio(json!([
            {"id": "a", "path": "a.json", "name": "Agency A"},
            {"id": "b", "path": "b.json"}
        ]));
        let mut theirs = portfolio(json!([
            {"id": "a", "path": "agencies/a.json"},
            {"id": "c", "path": "c.json"}
        ]));
        theirs["title"] = json!("National");
        let merged = merge_portfolios(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(merged.value["title"], json!("National"));
        assert_eq!(
            merged.value["members"],
            json!([
                {"id": "a", "path": "agencies/a.json", "name": "Agency A"},
                {"id": "b", "path": "b.json"},
                {"id": "c", "path": "c.json"}
            ])
        );
    }

    #[test]
    fn a_path_changed_differently_keeps_ours_and_names_the_member() {
        let base = portfolio(json!([{"id": "a", "path": "a.json"}]));
        let ours = portfolio(json!([{"id": "a", "path": "x.json"}]));
        let theirs = portfolio(json!([{"id": "a", "path": "y.json"}]));
        let merged = merge_portfolios(&base, &ours, &theirs);
        assert_eq!(merged.value["members"][0]["path"], json!("x.json"));
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "members \"a\" path");
        assert_eq!(merged.conflicts[0].theirs, Some(json!("y.json")));
    }

    #[test]
    fn a_member_removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
        let base = portfolio(json!([{"id": "a", "path": "a.json"}, {"id": "b", "path": "b.json"}]));
        let ours = portfolio(json!([{"id": "a", "path": "a.json"}]));
        let theirs =
            portfolio(json!([{"id": "a", "path": "a.json"}, {"id": "b", "path": "b2.json"}]));
        let merged = merge_portfolios(&base, &ours, &theirs);
        assert_eq!(
            merged.value["members"],
            json!([{"id": "a", "path": "a.json"}])
        );
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "members \"b\"");

        // Removed on one side, untouched on the other: removed, no conflict.
        let theirs = base.clone();
        let merged = merge_portfolios(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.value["members"],
            json!([{"id": "a", "path": "a.json"}])
        );
    }
}
