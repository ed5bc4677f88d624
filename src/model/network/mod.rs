//! The dependency network by item index: links resolved once, in one topological order.
//! Validation (cycles) and scheduling share it, and the TUI keeps it across edits, patching it
//! (`relink`) when an edit adds, removes or re-links items.

mod ids;
mod relink;

pub use ids::IdIndex;
pub use relink::{IndexOp, Reindex, Relinked};

use relink::Spare;

use super::{LinkType, Roadmap};
use std::collections::VecDeque;

/// One resolved link, seen from its successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub pred: usize,
    pub link: LinkType,
    pub lag: i64,
    /// Position of the link in the successor's `depends_on`.
    pub dep_index: usize,
}

impl Link {
    /// The same link seen from its predecessor, `succ` being the item it leads into.
    pub fn out(&self, succ: usize) -> Out {
        Out {
            succ,
            link: self.link,
            lag: self.lag,
        }
    }
}

/// One resolved link, seen from its predecessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Out {
    pub succ: usize,
    pub link: LinkType,
    pub lag: i64,
}

/// Incoming links in one flat array (compressed rows): 200,000 links in a few allocations;
/// the same links by predecessor beside them. Self-links and links to unknown ids are left
/// out (validation reports them).
#[derive(Debug, Clone)]
pub struct Network {
    offsets: Vec<usize>,
    links: Vec<Link>,
    out_offsets: Vec<usize>,
    /// Each predecessor's links in ascending successor order.
    out: Vec<Out>,
    /// Every item once, predecessors before successors; items in or behind a cycle come last.
    /// A network built from a file lists them in a stable order (Kahn's, file order first);
    /// one patched by `relink` in any order that respects the links.
    pub order: Vec<usize>,
    /// How many items at the front of `order` are properly sorted (all when acyclic).
    sorted: usize,
    /// Where each item stands in `order`.
    positions: Vec<usize>,
    /// Buffers for the next `relink`.
    spare: Spare,
}

/// Networks are equal when they hold the same links: the order is one of many valid ones.
impl PartialEq for Network {
    fn eq(&self, other: &Network) -> bool {
        self.offsets == other.offsets
            && self.links == other.links
            && self.has_cycle() == other.has_cycle()
            && (!self.has_cycle() || self.order == other.order)
    }
}

impl Eq for Network {}

impl Network {
    pub fn build(roadmap: &Roadmap) -> Network {
        let n = roadmap.items.len();
        let ids = roadmap.id_index();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut links = Vec::with_capacity(n * 2);
        offsets.push(0);
        for (succ, item) in roadmap.items.iter().enumerate() {
            resolve_row(item, succ, |id| ids.get(id).copied(), &mut links, |_| {});
            offsets.push(links.len());
        }
        let mut network = Network {
            offsets,
            links,
            out_offsets: Vec::new(),
            out: Vec::new(),
            order: Vec::new(),
            sorted: 0,
            positions: Vec::new(),
            spare: Spare::default(),
        };
        network.index_outgoing();
        network.sort();
        network
    }

    /// Fills the links by predecessor from the links by successor.
    fn index_outgoing(&mut self) {
        let n = self.len();
        let mut out_offsets = vec![0usize; n + 1];
        for link in &self.links {
            out_offsets[link.pred + 1] += 1;
        }
        for i in 0..n {
            out_offsets[i + 1] += out_offsets[i];
        }
        let mut fill = out_offsets.clone();
        let mut out = vec![
            Out {
                succ: 0,
                link: LinkType::FS,
                lag: 0
            };
            self.links.len()
        ];
        for succ in 0..n {
            for link in &self.links[self.offsets[succ]..self.offsets[succ + 1]] {
                out[fill[link.pred]] = Out {
                    succ,
                    link: link.link,
                    lag: link.lag,
                };
                fill[link.pred] += 1;
            }
        }
        self.out_offsets = out_offsets;
        self.out = out;
    }

    /// The number of items the network was built for.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Some links close loops; the schedule ignores the links against `order`.
    pub fn has_cycle(&self) -> bool {
        self.sorted < self.len()
    }

    /// Kahn's algorithm with a FIFO queue seeded in file order, so the order is stable.
    fn sort(&mut self) {
        let n = self.len();
        let mut indegree: Vec<usize> = (0..n)
            .map(|succ| self.offsets[succ + 1] - self.offsets[succ])
            .collect();
        let mut queue: VecDeque<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(node) = queue.pop_front() {
            order.push(node);
            for out in &self.out[self.out_offsets[node]..self.out_offsets[node + 1]] {
                indegree[out.succ] -= 1;
                if indegree[out.succ] == 0 {
                    queue.push_back(out.succ);
                }
            }
        }
        self.sorted = order.len();
        if order.len() < n {
            order.extend((0..n).filter(|&i| indegree[i] > 0));
        }
        self.order = order;
        self.index_positions();
    }

    fn index_positions(&mut self) {
        self.positions.resize(self.order.len(), 0);
        for (position, &node) in self.order.iter().enumerate() {
            self.positions[node] = position;
        }
    }

    /// Where `node` stands in `order`.
    pub fn position(&self, node: usize) -> usize {
        self.positions[node]
    }

    /// Every link out of `node`, including those that close a cycle.
    pub fn links_out(&self, node: usize) -> &[Out] {
        self.out_row(node)
    }

    fn out_row(&self, node: usize) -> &[Out] {
        &self.out[self.out_offsets[node]..self.out_offsets[node + 1]]
    }

    /// Every resolved link into `node`, including those that close a cycle.
    pub fn links_into(&self, node: usize) -> &[Link] {
        &self.links[self.offsets[node]..self.offsets[node + 1]]
    }

    /// The links into `node` that the schedule uses: all of them unless there is a cycle, then
    /// only those that agree with `order`, which breaks every loop.
    pub fn incoming(&self, node: usize) -> impl Iterator<Item = &Link> + '_ {
        let cyclic = self.has_cycle();
        self.links_into(node)
            .iter()
            .filter(move |link| !cyclic || self.positions[link.pred] < self.positions[node])
    }

    /// The links out of `node` that the schedule uses (see `incoming`).
    pub fn outgoing(&self, node: usize) -> impl Iterator<Item = &Out> + '_ {
        let cyclic = self.has_cycle();
        self.out[self.out_offsets[node]..self.out_offsets[node + 1]]
            .iter()
            .filter(move |out| !cyclic || self.positions[node] < self.positions[out.succ])
    }

    /// Whether the item is in a cycle or depends on one (Kahn's algorithm could not place it).
    pub fn is_tangled(&self, node: usize) -> bool {
        self.has_cycle() && self.positions[node] >= self.sorted
    }
}

/// Appends the links of `item` (at index `succ`) to `links`, its dependencies' ids resolved by
/// `resolve`; `unlinked` hears the place in `depends_on` of each one naming no other item.
fn resolve_row(
    item: &super::Item,
    succ: usize,
    resolve: impl Fn(&str) -> Option<usize>,
    links: &mut Vec<Link>,
    mut unlinked: impl FnMut(usize),
) {
    for (dep_index, dep) in item.depends_on.iter().enumerate() {
        match resolve(dep.id.as_str()) {
            Some(pred) if pred != succ => links.push(Link {
                pred,
                link: dep.link,
                lag: dep.lag_days,
                dep_index,
            }),
            _ => unlinked(dep_index),
        }
    }
}
