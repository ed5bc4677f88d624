//! The dependency network by item index: links resolved once, in one topological order.
//! Validation (cycles) and scheduling share it, and the TUI keeps it across edits that only
//! move dates.

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

/// Incoming links in one flat array (compressed rows): 200,000 links in a few allocations.
/// Self-links and links to unknown ids are left out (validation reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    offsets: Vec<usize>,
    links: Vec<Link>,
    /// Every item once, predecessors before successors; items in or behind a cycle come last,
    /// in file order.
    pub order: Vec<usize>,
    /// How many items at the front of `order` are properly sorted (all when acyclic).
    sorted: usize,
    /// Where each item stands in `order`; only filled when there is a cycle.
    positions: Vec<usize>,
}

impl Network {
    pub fn build(roadmap: &Roadmap) -> Network {
        let n = roadmap.items.len();
        let ids = roadmap.id_index();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut links = Vec::with_capacity(n * 2);
        offsets.push(0);
        for (succ, item) in roadmap.items.iter().enumerate() {
            for (dep_index, dep) in item.depends_on.iter().enumerate() {
                match ids.get(dep.id.as_str()) {
                    Some(&pred) if pred != succ => links.push(Link {
                        pred,
                        link: dep.link,
                        lag: dep.lag_days,
                        dep_index,
                    }),
                    _ => {}
                }
            }
            offsets.push(links.len());
        }
        let mut network = Network {
            offsets,
            links,
            order: Vec::new(),
            sorted: 0,
            positions: Vec::new(),
        };
        network.sort(n);
        network
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
    fn sort(&mut self, n: usize) {
        let mut out_offsets = vec![0usize; n + 1];
        for link in &self.links {
            out_offsets[link.pred + 1] += 1;
        }
        for i in 0..n {
            out_offsets[i + 1] += out_offsets[i];
        }
        let mut fill = out_offsets.clone();
        let mut successors = vec![0usize; self.links.len()];
        let mut indegree = vec![0usize; n];
        for (succ, links_in) in indegree.iter_mut().enumerate() {
            let links = &self.links[self.offsets[succ]..self.offsets[succ + 1]];
            for link in links {
                successors[fill[link.pred]] = succ;
                fill[link.pred] += 1;
            }
            *links_in = links.len();
        }
        let mut queue: VecDeque<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(node) = queue.pop_front() {
            order.push(node);
            for &succ in &successors[out_offsets[node]..out_offsets[node + 1]] {
                indegree[succ] -= 1;
                if indegree[succ] == 0 {
                    queue.push_back(succ);
                }
            }
        }
        self.sorted = order.len();
        if order.len() < n {
            order.extend((0..n).filter(|&i| indegree[i] > 0));
            let mut positions = vec![0usize; n];
            for (position, &node) in order.iter().enumerate() {
                positions[node] = position;
            }
            self.positions = positions;
        }
        self.order = order;
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

    /// Whether the item is in a cycle or depends on one (Kahn's algorithm could not place it).
    pub fn is_tangled(&self, node: usize) -> bool {
        self.has_cycle() && self.positions[node] >= self.sorted
    }
}
