//! Which item holds each id, and which items name ids that lead to no other item: what
//! re-linking needs to find the items an edit reaches without reading every item's strings
//! (at 100,000 items, one pass over every dependency's id costs more than a frame, most of it
//! waiting on memory).

use super::Network;
use crate::model::{Reindex, Roadmap};
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    /// The first item with each id: the one links naming it lead to.
    first: FxHashMap<String, usize>,
    /// Every item with an id that several items share, ascending.
    shared: FxHashMap<String, Vec<usize>>,
    /// Items naming each id that leads to no other item (no item has it, or only they do).
    /// May still list items that no longer name it: that costs a look, never a wrong answer.
    unlinked: FxHashMap<String, Vec<usize>>,
}

impl IdIndex {
    /// The ids of `roadmap`, whose links `network` holds.
    pub fn build(roadmap: &Roadmap, network: &Network) -> IdIndex {
        let mut index = IdIndex::default();
        index.first.reserve(roadmap.items.len());
        for (i, item) in roadmap.items.iter().enumerate() {
            if item.id.is_empty() {
                continue;
            }
            match index.first.get(&item.id) {
                Some(&first) => index
                    .shared
                    .entry(item.id.clone())
                    .or_insert_with(|| vec![first])
                    .push(i),
                None => {
                    index.first.insert(item.id.clone(), i);
                }
            }
        }
        // Only items with fewer links than dependencies name an id that leads nowhere.
        for (v, item) in roadmap.items.iter().enumerate() {
            if network.links_into(v).len() == item.depends_on.len() {
                continue;
            }
            for dep in &item.depends_on {
                if index.holder(&dep.id).is_none_or(|holder| holder == v) {
                    index.note_unlinked(&dep.id, v);
                }
            }
        }
        index
    }

    /// The item links naming `id` lead to.
    pub fn holder(&self, id: &str) -> Option<usize> {
        self.first.get(id).copied()
    }

    /// Whether several items have `id`.
    pub fn is_shared(&self, id: &str) -> bool {
        self.shared.contains_key(id)
    }

    /// Items that name `id` among their dependencies (and perhaps a few that no longer do),
    /// by index in `network`, which must be the network these ids were last brought up to date
    /// with.
    pub fn naming(&self, id: &str, network: &Network) -> Vec<usize> {
        let mut items: Vec<usize> = match self.holder(id) {
            Some(holder) => network.out_row(holder).iter().map(|o| o.succ).collect(),
            None => Vec::new(),
        };
        items.extend(self.unlinked.get(id).into_iter().flatten().copied());
        items
    }

    /// Brings the index up to date after the items moved as `reindex` says and the items at
    /// `items` (new indices) were replaced or inserted; `ids` must hold every id those items
    /// took or gave up.
    pub fn update(
        &mut self,
        roadmap: &Roadmap,
        reindex: &Reindex,
        items: &[usize],
        ids: &[String],
    ) {
        if !reindex.is_identity() {
            let mut orphaned: Vec<String> = Vec::new();
            self.first
                .retain(|id, holder| match reindex.new_index(*holder) {
                    Some(new) => {
                        *holder = new;
                        true
                    }
                    None => {
                        orphaned.push(id.clone());
                        false
                    }
                });
            let moved = |list: &mut Vec<usize>| {
                list.retain_mut(|v| match reindex.new_index(*v) {
                    Some(new) => {
                        *v = new;
                        true
                    }
                    None => false,
                });
                !list.is_empty()
            };
            self.shared.retain(|_, list| moved(list));
            self.unlinked.retain(|_, list| moved(list));
            // An id whose first holder went passes to the next one, if any.
            for id in orphaned {
                if let Some(&next) = self.shared.get(&id).and_then(|list| list.first()) {
                    self.first.insert(id, next);
                }
            }
        }
        for id in ids.iter().filter(|id| !id.is_empty()) {
            let mut holders: Vec<usize> = match (self.shared.get(id), self.holder(id)) {
                (Some(list), _) => list.clone(),
                (None, Some(holder)) => vec![holder],
                (None, None) => Vec::new(),
            };
            holders.retain(|v| items.binary_search(v).is_err());
            holders.extend(
                items
                    .iter()
                    .copied()
                    .filter(|&v| roadmap.items.get(v).is_some_and(|item| &item.id == id)),
            );
            holders.sort_unstable();
            match holders.first() {
                Some(&first) => {
                    self.first.insert(id.clone(), first);
                }
                None => {
                    self.first.remove(id);
                }
            }
            if holders.len() > 1 {
                self.shared.insert(id.clone(), holders);
            } else {
                self.shared.remove(id);
            }
        }
    }

    /// Remembers that item `v` names `id`, which leads to no other item.
    pub fn note_unlinked(&mut self, id: &str, v: usize) {
        if id.is_empty() {
            return;
        }
        let list = match self.unlinked.get_mut(id) {
            Some(list) => list,
            None => self.unlinked.entry(id.to_string()).or_default(),
        };
        if !list.contains(&v) {
            list.push(v);
        }
    }
}
