//! Bringing a network up to date after an edit inserted, removed or re-linked items without
//! building it again: ids are resolved only for the items the edit reached, the link arrays are
//! rebuilt in one sequential pass each (copying untouched stretches whole, into buffers kept
//! from the last time), and the topological order is repaired locally (Pearce and Kelly's
//! dynamic topological sort) instead of sorted anew. Building a network hashes every id and
//! every link: at 100,000 items that alone is more than a frame.

use super::{resolve_row, Link, Network, Out};
use crate::model::Roadmap;

/// One change to the item list, as `Roadmap::apply` makes it: an item inserted at or removed
/// from an index of the list as it stands then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexOp {
    Insert(usize),
    Remove(usize),
}

/// No index: a removed item's new one, an inserted item's old one.
const NONE: usize = usize::MAX;

/// Where the items went after some `IndexOp`s: old index to new and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reindex {
    ops: Vec<IndexOp>,
    old_len: usize,
    /// Per new index, the old one (`NONE` for an inserted item); empty when nothing moved.
    new_to_old: Vec<usize>,
    /// Per old index, the new one (`NONE` for a removed item); empty when nothing moved.
    old_to_new: Vec<usize>,
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
        let mut slots: Vec<usize> = (0..old_len).collect();
        for &op in &reindex.ops {
            match op {
                IndexOp::Insert(at) if at <= slots.len() => slots.insert(at, NONE),
                IndexOp::Remove(at) if at < slots.len() => {
                    slots.remove(at);
                }
                _ => return None,
            }
        }
        let mut old_to_new = vec![NONE; old_len];
        for (new, &old) in slots.iter().enumerate() {
            if old != NONE {
                old_to_new[old] = new;
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
            self.old_to_new.get(old).copied().filter(|&new| new != NONE)
        }
    }

    pub fn old_index(&self, new: usize) -> Option<usize> {
        if self.is_identity() {
            (new < self.old_len).then_some(new)
        } else {
            self.new_to_old.get(new).copied().filter(|&old| old != NONE)
        }
    }

    /// New indices of the inserted items, ascending.
    pub fn inserted(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.new_to_old.len()).filter(|&new| self.new_to_old[new] == NONE)
    }

    /// Old indices of the removed items, ascending.
    pub fn removed(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.old_to_new.len()).filter(|&old| self.old_to_new[old] == NONE)
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
    /// (item, place in its `depends_on`) of each dependency of a re-resolved item that names
    /// no other item (an unknown id, or the item's own).
    pub unlinked: Vec<(usize, usize)>,
}

impl Network {
    /// Brings the network up to date with `roadmap` after its items moved as `reindex` says
    /// and the items at `rows` (new indices) may have new dependencies or may name ids that
    /// now lead elsewhere: every other item's links must be as they were. `resolve` gives the
    /// first item with an id, as in the roadmap now.
    ///
    /// Returns `None`, leaving the network unusable until rebuilt, when it had a cycle or the
    /// patched one would (`Network::build` then orders the cycle as validation expects), or when
    /// `reindex` or `rows` do not fit the network or the roadmap.
    pub fn relink(
        &mut self,
        roadmap: &Roadmap,
        reindex: &Reindex,
        rows: &[usize],
        resolve: impl Fn(&str) -> Option<usize>,
    ) -> Option<Relinked> {
        let n = roadmap.items.len();
        if self.has_cycle()
            || reindex.old_len() != self.len()
            || reindex.new_len() != n
            || rows.iter().any(|&v| v >= n)
        {
            return None;
        }
        let mut changed = Relinked::default();
        let mut dirty = rows.to_vec();
        // Items that lost a link to a removed item: their rows changed even if they resolve
        // the same now.
        let mut lost: Vec<usize> = Vec::new();
        for old in reindex.removed() {
            let preds = self.links_into(old).iter();
            changed
                .from
                .extend(preds.filter_map(|link| reindex.new_index(link.pred)));
            let succs = self.out_row(old).iter();
            lost.extend(succs.filter_map(|out| reindex.new_index(out.succ)));
        }
        dirty.extend(reindex.inserted());
        dirty.extend_from_slice(&lost);
        dirty.sort_unstable();
        dirty.dedup();
        lost.sort_unstable();

        // The new links of each item reached, and the old ones (renumbered) they replace.
        let mut incoming: Vec<(usize, Vec<Link>)> = Vec::new();
        let mut dropped: Vec<(usize, usize)> = Vec::new();
        let mut added: Vec<(usize, Out)> = Vec::new();
        for &v in &dirty {
            let mut row = Vec::new();
            let unlinked = &mut changed.unlinked;
            resolve_row(&roadmap.items[v], v, &resolve, &mut row, |dep| {
                unlinked.push((v, dep))
            });
            let old: Vec<Link> = match reindex.old_index(v) {
                Some(old) => renumbered(self.links_into(old), reindex),
                None => Vec::new(),
            };
            let fresh = reindex.old_index(v).is_none() || lost.binary_search(&v).is_ok();
            if fresh || row != old {
                changed.into.push(v);
                changed.from.extend(old.iter().map(|link| link.pred));
                changed.from.extend(row.iter().map(|link| link.pred));
                dropped.extend(old.iter().map(|link| (link.pred, v)));
                added.extend(row.iter().map(|link| (link.pred, link.out(v))));
                incoming.push((v, row));
            }
        }
        changed.from.sort_unstable();
        changed.from.dedup();
        dropped.sort_unstable();
        dropped.dedup();
        added.sort_by_key(|&(pred, out)| (pred, out.succ));

        // The outgoing rows that change: renumbered, less the links dropped, plus those added.
        let outgoing: Vec<(usize, Vec<Out>)> = changed
            .from
            .iter()
            .map(|&pred| {
                let gone = |succ: usize| dropped.binary_search(&(pred, succ)).is_ok();
                let mut row: Vec<Out> = match reindex.old_index(pred) {
                    Some(old) => renumbered(self.out_row(old), reindex),
                    None => Vec::new(),
                };
                row.retain(|o| !gone(o.succ));
                let first = added.partition_point(|a| a.0 < pred);
                row.extend(
                    added[first..]
                        .iter()
                        .take_while(|a| a.0 == pred)
                        .map(|a| a.1),
                );
                row.sort_by_key(|o| o.succ);
                (pred, row)
            })
            .collect();

        let spare = std::mem::take(&mut self.spare);
        let (offsets, links) = rebuild_rows(
            &self.offsets,
            &self.links,
            reindex,
            incoming,
            (spare.offsets, spare.links),
        );
        let (out_offsets, out) = rebuild_rows(
            &self.out_offsets,
            &self.out,
            reindex,
            outgoing,
            (spare.out_offsets, spare.out),
        );
        self.spare = Spare {
            offsets: std::mem::replace(&mut self.offsets, offsets),
            links: std::mem::replace(&mut self.links, links),
            out_offsets: std::mem::replace(&mut self.out_offsets, out_offsets),
            out: std::mem::replace(&mut self.out, out),
        };
        if !reindex.is_identity() {
            // Removing items breaks no link of the order; inserted ones go last, and the repair
            // below moves them where their links ask.
            self.order.retain_mut(|v| match reindex.new_index(*v) {
                Some(new) => {
                    *v = new;
                    true
                }
                None => false,
            });
            self.order.extend(reindex.inserted());
            self.sorted = n;
            self.index_positions();
        }

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

/// Buffers of the last link arrays, reused by the next `relink`: a fresh 6 MB array costs a
/// page fault per 4 KB before the first byte is written.
#[derive(Debug, Clone, Default)]
pub(super) struct Spare {
    offsets: Vec<usize>,
    links: Vec<Link>,
    out_offsets: Vec<usize>,
    out: Vec<Out>,
}

/// Something that names an item by index.
trait Renumber: Copy {
    fn item(&self) -> usize;
    fn with_item(self, item: usize) -> Self;
}

impl Renumber for Link {
    fn item(&self) -> usize {
        self.pred
    }
    fn with_item(self, pred: usize) -> Self {
        Link { pred, ..self }
    }
}

impl Renumber for Out {
    fn item(&self) -> usize {
        self.succ
    }
    fn with_item(self, succ: usize) -> Self {
        Out { succ, ..self }
    }
}

fn renumbered<T: Renumber>(values: &[T], reindex: &Reindex) -> Vec<T> {
    values
        .iter()
        .filter_map(|value| Some(value.with_item(reindex.new_index(value.item())?)))
        .collect()
}

/// The compressed rows after the items moved as `reindex` says and the rows at `replaced`
/// (new indices, ascending) were replaced, written into `buffers`. Every other row is its old
/// row renumbered: stretches of rows that stayed together are copied whole and renumbered in
/// place (none of their values names a removed item: the rows that did are replaced).
fn rebuild_rows<T: Renumber>(
    offsets: &[usize],
    values: &[T],
    reindex: &Reindex,
    replaced: Vec<(usize, Vec<T>)>,
    buffers: (Vec<usize>, Vec<T>),
) -> (Vec<usize>, Vec<T>) {
    let (mut new_offsets, mut new_values) = buffers;
    new_offsets.clear();
    new_values.clear();
    new_offsets.reserve(reindex.new_len() + 1);
    new_values.reserve(values.len() + replaced.iter().map(|r| r.1.len()).sum::<usize>());
    new_offsets.push(0);
    let mut replaced = replaced.into_iter().peekable();
    // The old rows [first, end) waiting to be copied as a stretch.
    let mut stretch: Option<(usize, usize)> = None;
    let copy = |stretch: (usize, usize), new_offsets: &mut Vec<usize>, new_values: &mut Vec<T>| {
        let (first, end) = stretch;
        let start = new_values.len();
        new_values.extend_from_slice(&values[offsets[first]..offsets[end]]);
        let mut whole = true;
        if !reindex.is_identity() {
            for value in &mut new_values[start..] {
                match reindex.new_index(value.item()) {
                    Some(item) => *value = value.with_item(item),
                    None => whole = false,
                }
            }
        }
        if whole {
            let shift = start.wrapping_sub(offsets[first]);
            new_offsets.extend(
                offsets[first + 1..=end]
                    .iter()
                    .map(|&o| o.wrapping_add(shift)),
            );
            return;
        }
        // Only a guard: a value naming a removed item belongs to a row that was replaced.
        new_values.truncate(start);
        for old in first..end {
            new_values.extend(renumbered(&values[offsets[old]..offsets[old + 1]], reindex));
            new_offsets.push(new_values.len());
        }
    };
    for v in 0..reindex.new_len() {
        let row = replaced.next_if(|(at, _)| *at == v);
        let old = reindex.old_index(v);
        match (row, old) {
            (None, Some(old)) => match stretch {
                Some((first, end)) if end == old => stretch = Some((first, end + 1)),
                _ => {
                    if let Some(pending) = stretch.take() {
                        copy(pending, &mut new_offsets, &mut new_values);
                    }
                    stretch = Some((old, old + 1));
                }
            },
            (row, _) => {
                if let Some(pending) = stretch.take() {
                    copy(pending, &mut new_offsets, &mut new_values);
                }
                new_values.extend(row.map(|r| r.1).unwrap_or_default());
                new_offsets.push(new_values.len());
            }
        }
    }
    if let Some(pending) = stretch.take() {
        copy(pending, &mut new_offsets, &mut new_values);
    }
    (new_offsets, new_values)
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
