//! Bringing a network up to date after an edit inserted, removed or re-linked items, in time
//! proportional to the network's size in plain array work plus what the edit touches: no id is
//! resolved again but those of the rows the edit changed, and the topological order is
//! repaired locally (Pearce and Kelly's dynamic topological sort) instead of sorted anew.
//! Building a network from scratch hashes every id and every link; at 100,000 items that is
//! most of a frame.

use super::{Link, Network};
use crate::model::Roadmap;
use rustc_hash::{FxHashMap, FxHashSet};

/// One change to the item list, as `Roadmap::apply` makes it: an item inserted at or removed
/// from an index of the list as it stands then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexOp {
    Insert(usize),
    Remove(usize),
}

/// Where the items went after some `IndexOp`s: old index to new and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reindex {
    ops: Vec<IndexOp>,
    old_len: usize,
    /// Per new index, the old one (`None` for an inserted item); empty when nothing moved.
    new_to_old: Vec<Option<usize>>,
    /// Per old index, the new one (`None` for a removed item); empty when nothing moved.
    old_to_new: Vec<Option<usize>>,
}

impl Reindex {
    /// The ops applied in order to a list of `old_len` items; `None` when one is out of range
    /// (an insert past the end or a removal of a missing item).
    pub fn new(old_len: usize, ops: Vec<IndexOp>) -> Option<Reindex> {
        let mut reindex = Reindex {
            ops,
            old_len,
            new_to_old: Vec::new(),
            old_to_new: Vec::new(),
        };
        if reindex.ops.is_empty() {
            return Some(reindex);
        }
        let mut slots: Vec<Option<usize>> = (0..old_len).map(Some).collect();
        for &op in &reindex.ops {
            match op {
                IndexOp::Insert(at) if at <= slots.len() => slots.insert(at, None),
                IndexOp::Remove(at) if at < slots.len() => {
                    slots.remove(at);
                }
                _ => return None,
            }
        }
        let mut old_to_new = vec![None; old_len];
        for (new, old) in slots.iter().enumerate() {
            if let Some(old) = *old {
                old_to_new[old] = Some(new);
            }
        }
        reindex.new_to_old = slots;
        reindex.old_to_new = old_to_new;
        Some(reindex)
    }

    /// No item was inserted or removed.
    pub fn is_identity(&self) -> bool {
        self.ops.is_empty()
    }

    pub fn old_len(&self) -> usize {
        self.old_len
    }

    pub fn new_len(&self) -> usize {
        if self.is_identity() {
            self.old_len
        } else {
            self.new_to_old.len()
        }
    }

    pub fn new_index(&self, old: usize) -> Option<usize> {
        if self.is_identity() {
            (old < self.old_len).then_some(old)
        } else {
            self.old_to_new.get(old).copied().flatten()
        }
    }

    pub fn old_index(&self, new: usize) -> Option<usize> {
        if self.is_identity() {
            (new < self.old_len).then_some(new)
        } else {
            self.new_to_old.get(new).copied().flatten()
        }
    }

    /// New indices of the inserted items, ascending.
    pub fn inserted(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.new_to_old.len()).filter(|&new| self.new_to_old[new].is_none())
    }

    /// Old indices of the removed items, ascending.
    pub fn removed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.old_to_new.len()).filter(|&old| self.old_to_new[old].is_none())
    }

    /// Moves the entries of a per-item list the way the items moved, `fill` giving the entry
    /// of an inserted item.
    pub fn apply<T>(&self, list: &mut Vec<T>, mut fill: impl FnMut() -> T) {
        for &op in &self.ops {
            match op {
                IndexOp::Insert(at) => list.insert(at.min(list.len()), fill()),
                IndexOp::Remove(at) if at < list.len() => {
                    list.remove(at);
                }
                IndexOp::Remove(_) => {}
            }
        }
    }
}

/// What `Network::relink` changed, by new index (ascending, no repeats).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relinked {
    /// Items whose incoming links changed (inserted items included).
    pub into: Vec<usize>,
    /// Items whose outgoing links changed.
    pub from: Vec<usize>,
}

impl Network {
    /// Brings the network up to date with `roadmap` after its items moved as `reindex` says
    /// and the items at `edited` (new indices) had their fields replaced, when every other
    /// item's links are as they were: the caller lists among `edited` every item whose
    /// `depends_on` changed and every item naming an id that now leads elsewhere.
    ///
    /// Returns `None`, leaving the network unusable until rebuilt, when it had a cycle or the
    /// patched one would (`Network::build` then orders the cycle as validation expects), or when
    /// `reindex` does not fit the network or the roadmap.
    pub fn relink(
        &mut self,
        roadmap: &Roadmap,
        reindex: &Reindex,
        edited: &[usize],
    ) -> Option<Relinked> {
        let n = roadmap.items.len();
        if self.has_cycle() || reindex.old_len() != self.len() || reindex.new_len() != n {
            return None;
        }
        let mut dirty = vec![false; n];
        for &v in edited {
            *dirty.get_mut(v)? = true;
        }
        for v in reindex.inserted() {
            dirty[v] = true;
        }
        // A row that still links to a removed item must be resolved again (the removed item's
        // id may now name another item, or none).
        for v in (0..n).filter(|_| !reindex.is_identity()) {
            if !dirty[v] {
                let old = reindex.old_index(v)?;
                dirty[v] = self
                    .links_into(old)
                    .iter()
                    .any(|link| reindex.new_index(link.pred).is_none());
            }
        }
        let ids = id_index_of(roadmap, &dirty);

        let mut changed = Relinked::default();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut links = Vec::with_capacity(self.links.len() + 8);
        offsets.push(0);
        let mut old_row: Vec<Link> = Vec::new();
        for (v, &dirty) in dirty.iter().enumerate() {
            let old = reindex.old_index(v);
            match old {
                // The same links, their predecessors moved (none removed: see above).
                Some(old) if !dirty && reindex.is_identity() => {
                    links.extend_from_slice(self.links_into(old))
                }
                Some(old) if !dirty => {
                    links.extend(self.links_into(old).iter().filter_map(|link| {
                        let pred = reindex.new_index(link.pred)?;
                        Some(Link { pred, ..*link })
                    }))
                }
                _ => {
                    old_row.clear();
                    // A link to a removed item is a changed link, though it leaves no trace in
                    // the row.
                    let mut lost = false;
                    if let Some(old) = old {
                        old_row.extend(self.links_into(old).iter().filter_map(|link| {
                            let pred = reindex.new_index(link.pred);
                            lost |= pred.is_none();
                            Some(Link {
                                pred: pred?,
                                ..*link
                            })
                        }));
                    }
                    let begin = links.len();
                    for (dep_index, dep) in roadmap.items[v].depends_on.iter().enumerate() {
                        match ids.get(dep.id.as_str()) {
                            Some(&pred) if pred != v => links.push(Link {
                                pred,
                                link: dep.link,
                                lag: dep.lag_days,
                                dep_index,
                            }),
                            _ => {}
                        }
                    }
                    if lost || old.is_none() || links[begin..] != old_row[..] {
                        changed.into.push(v);
                        changed.from.extend(old_row.iter().map(|link| link.pred));
                        changed
                            .from
                            .extend(links[begin..].iter().map(|link| link.pred));
                    }
                }
            }
            offsets.push(links.len());
        }
        // Whatever linked into a removed item lost a successor.
        for old in reindex.removed() {
            let preds = self.links_into(old).iter();
            changed
                .from
                .extend(preds.filter_map(|link| reindex.new_index(link.pred)));
        }
        changed.from.sort_unstable();
        changed.from.dedup();

        let mut order: Vec<usize> = self
            .order
            .iter()
            .filter_map(|&old| reindex.new_index(old))
            .collect();
        order.extend(reindex.inserted());
        self.offsets = offsets;
        self.links = links;
        self.order = order;
        self.sorted = n;
        self.index_outgoing();
        self.index_positions();
        let mut repair = Repair::new(n);
        for &succ in &changed.into {
            for at in self.offsets[succ]..self.offsets[succ + 1] {
                let pred = self.links[at].pred;
                if self.positions[pred] > self.positions[succ] && !repair.run(self, pred, succ) {
                    return None;
                }
            }
        }
        Some(changed)
    }
}

/// Index of the first item with each id that the rows marked `dirty` name.
fn id_index_of<'a>(roadmap: &'a Roadmap, dirty: &[bool]) -> FxHashMap<&'a str, usize> {
    let wanted: FxHashSet<&str> = dirty
        .iter()
        .enumerate()
        .filter(|&(_, &dirty)| dirty)
        .flat_map(|(v, _)| roadmap.items[v].depends_on.iter())
        .map(|dep| dep.id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    let mut found = FxHashMap::default();
    if wanted.is_empty() {
        return found;
    }
    for (i, item) in roadmap.items.iter().enumerate() {
        if let Some(&id) = wanted.get(item.id.as_str()) {
            found.entry(id).or_insert(i);
            if found.len() == wanted.len() {
                break;
            }
        }
    }
    found
}

/// Pearce and Kelly's repair of a topological order after a link `pred -> succ` that points
/// backwards: the items reachable from `succ` and not placed after `pred`, and the items
/// reaching `pred` and not placed before `succ`, swap into the places they held together,
/// the latter first. Links that still point backwards are ones not repaired yet and are not
/// followed.
struct Repair {
    seen: Vec<bool>,
    stack: Vec<usize>,
    ahead: Vec<usize>,
    behind: Vec<usize>,
}

impl Repair {
    fn new(n: usize) -> Repair {
        Repair {
            seen: vec![false; n],
            stack: Vec::new(),
            ahead: Vec::new(),
            behind: Vec::new(),
        }
    }

    /// False when `succ` reaches `pred`: the link closes a cycle.
    fn run(&mut self, network: &mut Network, pred: usize, succ: usize) -> bool {
        let (low, high) = (network.positions[succ], network.positions[pred]);
        let position = |v: usize| network.positions[v];
        self.ahead.clear();
        self.behind.clear();
        // Forward from the successor, within the window.
        self.stack.push(succ);
        self.seen[succ] = true;
        let mut cycle = false;
        while let Some(v) = self.stack.pop() {
            self.ahead.push(v);
            for out in &network.out[network.out_offsets[v]..network.out_offsets[v + 1]] {
                let w = out.succ;
                if w == pred {
                    cycle = true;
                }
                if !self.seen[w] && position(w) > position(v) && position(w) < high {
                    self.seen[w] = true;
                    self.stack.push(w);
                }
            }
        }
        // Backward from the predecessor, within the window.
        if !cycle {
            self.stack.push(pred);
            self.seen[pred] = true;
            while let Some(v) = self.stack.pop() {
                self.behind.push(v);
                for link in network.links_into(v) {
                    let u = link.pred;
                    if !self.seen[u] && position(u) < position(v) && position(u) > low {
                        self.seen[u] = true;
                        self.stack.push(u);
                    }
                }
            }
        }
        for &v in self.ahead.iter().chain(&self.behind) {
            self.seen[v] = false;
        }
        if cycle {
            return false;
        }
        self.ahead.sort_unstable_by_key(|&v| position(v));
        self.behind.sort_unstable_by_key(|&v| position(v));
        let mut places: Vec<usize> = self
            .ahead
            .iter()
            .chain(&self.behind)
            .map(|&v| position(v))
            .collect();
        places.sort_unstable();
        for (&place, &v) in places.iter().zip(self.behind.iter().chain(&self.ahead)) {
            network.order[place] = v;
            network.positions[v] = place;
        }
        true
    }
}
