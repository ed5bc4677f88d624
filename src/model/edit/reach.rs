//! What an edit does to the item list, for whoever keeps things indexed by item (the
//! dependency network, the schedule, the timeline's rows) and wants to bring them up to date
//! without starting over.

use super::Edit;
use crate::model::{IndexOp, Item, Roadmap};

/// The reach of one edit on the items: read from the edit before it is applied
/// ([`Reach::of`]), completed from the edit that undoes it ([`Reach::settle`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// Insertions and removals, in the order applied.
    pub ops: Vec<IndexOp>,
    /// Items whose fields were replaced or that were inserted, by index after the edit
    /// (ascending, no repeats).
    pub items: Vec<usize>,
    /// Ids that items took or gave up: a link naming one of them may now lead to another item,
    /// or to none (sorted, no repeats).
    pub ids: Vec<String>,
    /// The edit also replaced the roadmap's own fields (its start dates undated items).
    pub header: bool,
    /// An item that was there before changed its sector, owner or kind, or the sectors
    /// changed: lanes other than those items' may differ (inserted and removed items aside).
    pub lanes: bool,
    /// (index when set or inserted, id) of each item the edit put in; `settle` compares them
    /// with the items taken out.
    taken: Vec<(usize, String)>,
}

impl Reach {
    /// Reads `edit` as `Roadmap::apply` will apply it to `roadmap`.
    pub fn of(roadmap: &Roadmap, edit: &Edit) -> Reach {
        let mut reach = Reach::default();
        let mut len = roadmap.items.len();
        let mut visit = vec![edit];
        let mut flat: Vec<&Edit> = Vec::new();
        // Depth first, in application order.
        while let Some(edit) = visit.pop() {
            match edit {
                Edit::Batch(edits) => visit.extend(edits.iter().rev()),
                edit => flat.push(edit),
            }
        }
        for edit in flat {
            match edit {
                Edit::SetItem { index, item } if *index < len => {
                    if let Some(old) = reach.original(*index) {
                        reach.lanes |= roadmap
                            .items
                            .get(old)
                            .is_none_or(|old| !same_lane(old, item));
                    }
                    reach.items.push(*index);
                    reach.taken.push((*index, item.id.clone()));
                }
                Edit::InsertItem { index, item } => {
                    let at = (*index).min(len);
                    reach.shift(IndexOp::Insert(at));
                    reach.items.push(at);
                    reach.taken.push((at, item.id.clone()));
                    len += 1;
                }
                Edit::RemoveItem { index } if *index < len => {
                    reach.shift(IndexOp::Remove(*index));
                    len -= 1;
                }
                Edit::SetHeader(_) => reach.header = true,
                Edit::SetSectors(_) => reach.lanes = true,
                _ => {}
            }
        }
        reach.items.sort_unstable();
        reach.items.dedup();
        reach
    }

    /// Completes the reach from `inverse`, the edit that undoes the one read by `of` (as
    /// `Roadmap::apply` returned it): the ids of the items taken out.
    pub fn settle(mut self, inverse: &Edit) -> Reach {
        let mut given: Vec<(usize, String)> = Vec::new();
        let mut visit = vec![inverse];
        while let Some(edit) = visit.pop() {
            match edit {
                Edit::Batch(edits) => visit.extend(edits),
                Edit::SetItem { index, item } | Edit::InsertItem { index, item } => {
                    given.push((*index, item.id.clone()))
                }
                _ => {}
            }
        }
        let mut taken = std::mem::take(&mut self.taken);
        taken.sort_unstable();
        given.sort_unstable();
        let mut ids: Vec<String> = if self.ops.is_empty()
            && taken.windows(2).all(|w| w[0].0 != w[1].0)
            && taken.iter().map(|t| t.0).eq(given.iter().map(|g| g.0))
        {
            // Items replaced in place, each once: an id leads elsewhere only where an item
            // took or gave it up.
            taken
                .into_iter()
                .zip(given)
                .filter(|(new, old)| new.1 != old.1)
                .flat_map(|(new, old)| [new.1, old.1])
                .collect()
        } else {
            // Items moved: which item holds an id first may have changed for any of them.
            taken.into_iter().chain(given).map(|(_, id)| id).collect()
        };
        ids.retain(|id| !id.is_empty());
        ids.sort_unstable();
        ids.dedup();
        self.ids = ids;
        self
    }

    /// The index before the edit of the item at `index` now (so far into the edit); `None`
    /// for an item the edit inserted.
    fn original(&self, mut index: usize) -> Option<usize> {
        for op in self.ops.iter().rev() {
            match *op {
                IndexOp::Insert(at) if index == at => return None,
                IndexOp::Insert(at) if index > at => index -= 1,
                IndexOp::Remove(at) if index >= at => index += 1,
                _ => {}
            }
        }
        Some(index)
    }

    /// Moves the indices of the items already listed as `op` moves the list.
    fn shift(&mut self, op: IndexOp) {
        match op {
            IndexOp::Insert(at) => {
                for i in &mut self.items {
                    if *i >= at {
                        *i += 1;
                    }
                }
            }
            IndexOp::Remove(at) => {
                self.items.retain(|&i| i != at);
                for i in &mut self.items {
                    if *i > at {
                        *i -= 1;
                    }
                }
            }
        }
        self.ops.push(op);
    }
}

fn same_lane(old: &Item, new: &Item) -> bool {
    (&old.sector, &old.owner, old.kind) == (&new.sector, &new.owner, new.kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{delete_item, duplicate_item, Dependency};

    fn item(id: &str, deps: &[&str]) -> Item {
        Item {
            id: id.into(),
            depends_on: deps
                .iter()
                .map(|d| Dependency {
                    id: (*d).into(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn roadmap() -> Roadmap {
        Roadmap {
            items: vec![
                Box::new(item("a", &[])),
                Box::new(item("b", &["a"])),
                Box::new(item("c", &["b", "a"])),
            ],
            ..Default::default()
        }
    }

    fn reach_of(roadmap: &mut Roadmap, edit: Edit) -> Reach {
        let reach = Reach::of(roadmap, &edit);
        let inverse = roadmap.apply(edit);
        reach.settle(&inverse)
    }

    #[test]
    fn deleting_an_item_removes_it_and_relinks_its_dependents() {
        let mut roadmap = roadmap();
        let edit = delete_item(&roadmap, 0);
        let reach = reach_of(&mut roadmap, edit);
        assert_eq!(reach.ops, vec![IndexOp::Remove(0)]);
        // b and c lost their link to a, and now sit at 0 and 1.
        assert_eq!(reach.items, vec![0, 1]);
        assert_eq!(reach.ids, ["a", "b", "c"].map(String::from));
        assert!(!reach.lanes);
    }

    #[test]
    fn undoing_a_delete_inserts_the_item_back() {
        let mut roadmap = roadmap();
        let inverse = roadmap.apply(delete_item(&roadmap, 1));
        let reach = reach_of(&mut roadmap, inverse);
        assert_eq!(reach.ops, vec![IndexOp::Insert(1)]);
        assert_eq!(reach.items, vec![1, 2]);
        assert_eq!(reach.ids, ["b", "c"].map(String::from));
    }

    #[test]
    fn a_copy_brings_a_new_id_and_an_edit_in_place_none() {
        let mut roadmap = roadmap();
        let (edit, at) = duplicate_item(&roadmap, 0);
        let reach = reach_of(&mut roadmap, edit);
        assert_eq!(
            (reach.ops, reach.items),
            (vec![IndexOp::Insert(at)], vec![at])
        );
        assert_eq!(reach.ids, ["a-copy"].map(String::from));

        let mut moved = roadmap.items[2].clone();
        moved.depends_on.clear();
        let reach = reach_of(
            &mut roadmap,
            Edit::SetItem {
                index: 2,
                item: *moved,
            },
        );
        assert!(reach.ops.is_empty() && reach.ids.is_empty() && !reach.lanes);
        assert_eq!(reach.items, vec![2]);
    }

    #[test]
    fn ids_swapped_between_duplicates_reach_the_id_that_moved() {
        // "a" is held by items 0 and 2; item 0 gives it up, so links naming "a" now lead to 2,
        // though as many items hold "a" as before the edit.
        let mut roadmap = roadmap();
        roadmap.items[2].id = "a".into();
        let mut first = roadmap.items[0].clone();
        first.id = "x".into();
        let mut third = roadmap.items[2].clone();
        third.id = "a".into();
        third.title = "still a".into();
        let edit = Edit::Batch(vec![
            Edit::SetItem {
                index: 0,
                item: *first,
            },
            Edit::SetItem {
                index: 2,
                item: *third,
            },
        ]);
        let reach = reach_of(&mut roadmap, edit);
        assert_eq!(reach.ids, ["a", "x"].map(String::from));
    }

    #[test]
    fn a_rename_reaches_both_ids() {
        let mut roadmap = roadmap();
        let mut renamed = roadmap.items[1].clone();
        renamed.id = "z".into();
        let reach = reach_of(
            &mut roadmap,
            Edit::SetItem {
                index: 1,
                item: *renamed,
            },
        );
        assert_eq!(reach.ids, vec!["b".to_string(), "z".to_string()]);
    }

    #[test]
    fn an_item_moved_to_another_sector_changes_lanes_even_after_an_insert() {
        let mut roadmap = roadmap();
        let mut moved = roadmap.items[2].clone();
        moved.sector = "elsewhere".into();
        let edit = Edit::Batch(vec![
            Edit::InsertItem {
                index: 0,
                item: item("new", &[]),
            },
            // Index 3 after the insert is the old item 2.
            Edit::SetItem {
                index: 3,
                item: *moved,
            },
        ]);
        let reach = reach_of(&mut roadmap, edit);
        assert!(reach.lanes);
        assert_eq!(reach.items, vec![0, 3]);
    }
}
