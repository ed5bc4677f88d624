//! Reference problems a merge can create although neither side has them: a link to an item
//! the other side removed, and a dependency cycle closed by links from both sides.

use super::{Conflict, EntryKind};
use crate::model::{find_cycles, Network, Roadmap};
use rustc_hash::FxHashSet;
use serde_json::json;

/// Ids of items that sit on a dependency cycle.
fn tangled_ids(roadmap: &Roadmap) -> FxHashSet<&str> {
    let network = Network::build(roadmap);
    (0..network.len().min(roadmap.items.len()))
        .filter(|&i| network.is_tangled(i))
        .map(|i| roadmap.items[i].id.as_str())
        .collect()
}

/// Whether `side` has item `item` linking to `pred`, an item it does not have.
fn dangles_in(side: &Roadmap, item: &str, pred: &str) -> bool {
    let index = side.id_index();
    index.get(item).is_some_and(|&i| {
        side.items[i].depends_on.iter().any(|d| d.id == pred) && !index.contains_key(pred)
    })
}

fn has_link(side: &Roadmap, item: &str, pred: &str) -> Option<serde_json::Value> {
    let index = side.id_index();
    let i = *index.get(item)?;
    side.items[i]
        .depends_on
        .iter()
        .any(|d| d.id == pred)
        .then(|| json!(pred))
}

/// Conflicts for dangling links and cycles in `merged` that neither `ours` nor `theirs` has.
pub fn reference_conflicts(merged: &Roadmap, ours: &Roadmap, theirs: &Roadmap) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    let ids = merged.id_index();
    for item in &merged.items {
        for dep in &item.depends_on {
            if dep.id.is_empty() || dep.id == item.id || ids.contains_key(dep.id.as_str()) {
                continue;
            }
            if dangles_in(ours, &item.id, &dep.id) || dangles_in(theirs, &item.id, &dep.id) {
                continue;
            }
            conflicts.push(Conflict {
                entry: Some((EntryKind::Item, item.id.clone())),
                field: format!("depends_on \"{}\"", dep.id),
                base: None,
                ours: has_link(ours, &item.id, &dep.id),
                theirs: has_link(theirs, &item.id, &dep.id),
                reason: format!("links to \"{}\", which the other side removed", dep.id),
            });
        }
    }
    let cycles = find_cycles(merged);
    if cycles.is_empty() {
        return conflicts;
    }
    let (ours_tangled, theirs_tangled) = (tangled_ids(ours), tangled_ids(theirs));
    for cycle in cycles {
        let names: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .map(|&i| merged.items[i].id.as_str())
            .collect();
        let old = |tangled: &FxHashSet<&str>| names.iter().all(|id| tangled.contains(id));
        if old(&ours_tangled) || old(&theirs_tangled) {
            continue;
        }
        conflicts.push(Conflict {
            entry: Some((EntryKind::Item, names[0].to_string())),
            field: "depends_on".to_string(),
            base: None,
            ours: None,
            theirs: None,
            reason: format!(
                "the merge closes a dependency cycle: {}",
                names.join(" -> ")
            ),
        });
    }
    conflicts
}
