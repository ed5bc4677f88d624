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

/// One side of the merge with its id index, built once.
struct Side<'a> {
    roadmap: &'a Roadmap,
    index: rustc_hash::FxHashMap<&'a str, usize>,
}

impl<'a> Side<'a> {
    fn new(roadmap: &'a Roadmap) -> Self {
        Side {
            roadmap,
            index: roadmap.id_index(),
        }
    }

    /// Whether item `item` links to `pred` here.
    fn has_link(&self, item: &str, pred: &str) -> bool {
        self.index.get(item).is_some_and(|&i| {
            self.roadmap.items[i]
                .depends_on
                .iter()
                .any(|d| d.id == pred)
        })
    }

    /// Whether item `item` links to `pred` here and `pred` is not here either.
    fn dangles(&self, item: &str, pred: &str) -> bool {
        self.has_link(item, pred) && !self.index.contains_key(pred)
    }

    fn link_value(&self, item: &str, pred: &str) -> Option<serde_json::Value> {
        self.has_link(item, pred).then(|| json!(pred))
    }
}

/// Conflicts for dangling links and cycles in `merged` that neither `ours` nor `theirs` has.
pub fn reference_conflicts(merged: &Roadmap, ours: &Roadmap, theirs: &Roadmap) -> Vec<Conflict> {
    let mut conflicts = Vec::new();
    let ids = merged.id_index();
    let (ours_side, theirs_side) = (Side::new(ours), Side::new(theirs));
    for item in &merged.items {
        for dep in &item.depends_on {
            if dep.id.is_empty() || dep.id == item.id || ids.contains_key(dep.id.as_str()) {
                continue;
            }
            if ours_side.dangles(&item.id, &dep.id) || theirs_side.dangles(&item.id, &dep.id) {
                continue;
            }
            conflicts.push(Conflict {
                entry: Some((EntryKind::Item, item.id.clone())),
                field: format!("depends_on \"{}\"", dep.id),
                base: None,
                ours: ours_side.link_value(&item.id, &dep.id),
                theirs: theirs_side.link_value(&item.id, &dep.id),
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
