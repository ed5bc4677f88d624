//! The dependency graph by index, in one topological order.

use crate::model::{LinkType, Roadmap};
use std::collections::VecDeque;

/// One usable link, seen from its successor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Link {
    pub pred: usize,
    pub link: LinkType,
    pub lag: i64,
    /// Position of the link in the successor's `depends_on`.
    pub dep_index: usize,
}

/// Incoming links in one flat array (compressed rows): 200,000 links in a few allocations.
pub(crate) struct Graph {
    offsets: Vec<usize>,
    links: Vec<Link>,
    /// Every item once, predecessors before successors where there is no cycle.
    pub order: Vec<usize>,
    /// Where each item stands in `order`; only filled when there is a cycle.
    positions: Vec<usize>,
    /// Some links close loops; those links are ignored.
    pub has_cycle: bool,
}

impl Graph {
    pub fn build(roadmap: &Roadmap) -> Graph {
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
        let mut graph = Graph {
            offsets,
            links,
            order: Vec::new(),
            positions: Vec::new(),
            has_cycle: false,
        };
        graph.sort(n);
        graph
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
        if order.len() < n {
            // Items in or behind a cycle go last, in file order; links against that order are
            // dropped, which breaks every cycle.
            self.has_cycle = true;
            order.extend((0..n).filter(|&i| indegree[i] > 0));
            let mut positions = vec![0usize; n];
            for (position, &node) in order.iter().enumerate() {
                positions[node] = position;
            }
            self.positions = positions;
        }
        self.order = order;
    }

    /// The links into `node` that the schedule uses.
    pub fn incoming(&self, node: usize) -> impl Iterator<Item = &Link> + '_ {
        self.links[self.offsets[node]..self.offsets[node + 1]]
            .iter()
            .filter(move |link| !self.has_cycle || self.positions[link.pred] < self.positions[node])
    }
}
