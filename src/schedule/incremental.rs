//! Re-scheduling after an edit without redoing the whole roadmap: what the TUI does on every key
//! press that moves, stretches or re-states an item.
//!
//! [`Incremental`] keeps what the two passes of `schedule_with` throw away: the topological
//! position of every item, the outgoing links, early starts, and late dates as a *gap* before
//! the forecast finish. After items change it recomputes only what those changes reach:
//!
//! - early dates forward from the changed items through their successors, in topological
//!   order, stopping wherever an item's dates come out unchanged;
//! - late gaps backward from items whose duration changed through their predecessors, while
//!   the gaps change. A late finish is `forecast finish - gap`, and the gap depends only on
//!   durations and links, never on early dates: every backward bound is the successor's late
//!   date minus a constant. So when the forecast finish moves, no pass is needed at all, just
//!   one cheap sweep that shifts every item's late dates;
//! - free float of the moved items and of their predecessors; statuses of the items whose
//!   dates, criticality or own fields changed and of the successors of changed items (a
//!   predecessor's progress or regulation stage can block them).
//!
//! Changes to ids or links (adding, removing or re-linking items) need a new
//! [`Network`]: build a new `Incremental` then, which schedules in full.

use super::{
    backward_bound, date_of, day, forward_bound, link_slack, status, Calendar, Input, ItemSchedule,
    Options, Points, Schedule,
};
use crate::model::{LinkType, Network, Roadmap};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One link the schedule uses, seen from its predecessor.
#[derive(Debug, Clone, Copy)]
struct Out {
    succ: usize,
    link: LinkType,
    lag: i64,
}

/// A schedule that can be brought up to date after some items changed. See the module notes.
pub struct Incremental {
    network: Network,
    options: Options,
    /// Where items without dates go: the roadmap's start, else "today".
    fallback: crate::model::Date,
    inputs: Vec<Input>,
    /// (planned start point, duration) per item.
    plan: Vec<(i64, i64)>,
    es: Vec<i64>,
    ef: Vec<i64>,
    driving: Vec<Option<(usize, usize)>>,
    /// Forecast finish minus late finish.
    gap: Vec<i64>,
    /// Least slack over outgoing links; `i64::MAX` for an item without successors.
    free: Vec<i64>,
    /// Place of each item in the network's order.
    position: Vec<usize>,
    /// The links of `Network::incoming`, by predecessor (compressed rows).
    out_offsets: Vec<usize>,
    out: Vec<Out>,
    /// The latest early finish point; `None` without items.
    horizon: Option<i64>,
    calendar: Calendar,
    /// Per item: waiting in a queue of the current pass.
    queued: Vec<bool>,
}

/// What an update changed, for callers that keep things derived from the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Only these items' early dates may have moved (ascending, no repeats; an item whose
    /// start and finish points moved while its dates did not, such as a milestone that became
    /// a one-day task, is listed too). Other fields (late dates, float, status) may have
    /// changed for other items.
    Moved(Vec<usize>),
    /// The roadmap was scheduled in full: anything may have changed.
    All,
}

impl Incremental {
    /// Schedules `roadmap` in full on `network` (rebuilt when it was built for another number
    /// of items) and keeps what later updates need. The schedule equals `schedule_with`'s.
    pub fn new(roadmap: &Roadmap, network: Network, options: Options) -> (Incremental, Schedule) {
        let network = if network.len() == roadmap.items.len() {
            network
        } else {
            Network::build(roadmap)
        };
        let n = roadmap.items.len();
        let fallback = roadmap.start.unwrap_or(options.today);
        let inputs: Vec<Input> = roadmap.items.iter().map(Input::of).collect();
        let plan: Vec<(i64, i64)> = inputs.iter().map(|i| i.planned(fallback)).collect();
        let mut position = vec![0usize; n];
        for (at, &node) in network.order.iter().enumerate() {
            position[node] = at;
        }
        let mut out_offsets = vec![0usize; n + 1];
        for v in 0..n {
            for link in network.incoming(v) {
                out_offsets[link.pred + 1] += 1;
            }
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
            out_offsets[n]
        ];
        for v in 0..n {
            for link in network.incoming(v) {
                out[fill[link.pred]] = Out {
                    succ: v,
                    link: link.link,
                    lag: link.lag,
                };
                fill[link.pred] += 1;
            }
        }
        let mut state = Incremental {
            network,
            options,
            fallback,
            inputs,
            plan,
            es: vec![0; n],
            ef: vec![0; n],
            driving: vec![None; n],
            gap: vec![0; n],
            free: vec![i64::MAX; n],
            position,
            out_offsets,
            out,
            horizon: None,
            calendar: Calendar {
                first: 0,
                dates: Vec::new(),
            },
            queued: vec![false; n],
        };
        for at in 0..n {
            let v = state.network.order[at];
            (state.es[v], state.driving[v]) = state.early(v);
            state.ef[v] = state.es[v] + state.plan[v].1;
        }
        for at in (0..n).rev() {
            let v = state.network.order[at];
            state.gap[v] = state.late_gap(v);
        }
        for v in 0..n {
            state.free[v] = state.free_slack(v);
        }
        state.horizon = state.ef.iter().copied().max();
        state.calendar = state.span_calendar();
        let items = (0..n).map(|i| state.item(i, None)).collect();
        let mut schedule = Schedule {
            finish: None,
            target_end: roadmap.end,
            slip_days: 0,
            items,
            critical_path: Vec::new(),
            has_cycle: state.network.has_cycle(),
        };
        state.finish_and_slip(&mut schedule);
        state.critical_path(&mut schedule);
        status::assign(&state.inputs, &state.network, &mut schedule, &options);
        (state, schedule)
    }

    /// The dependency network the schedule runs on (for validation, which shares it).
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Brings `schedule` (the one this tracker made or last updated) up to date after the
    /// items at `changed` were edited, their ids and links left as they were. A roadmap with
    /// another number of items or another start, or a schedule of another size, is scheduled
    /// in full instead (with a new network) and `Changes::All` returned.
    pub fn update(
        &mut self,
        roadmap: &Roadmap,
        changed: &[usize],
        schedule: &mut Schedule,
    ) -> Changes {
        let n = self.es.len();
        let fallback = roadmap.start.unwrap_or(self.options.today);
        if roadmap.items.len() != n
            || schedule.items.len() != n
            || fallback != self.fallback
            || changed.iter().any(|&i| i >= n)
        {
            let network = Network::build(roadmap);
            (*self, *schedule) = Incremental::new(roadmap, network, self.options);
            return Changes::All;
        }
        schedule.target_end = roadmap.end;

        // Items whose own fields changed: their statuses, and their successors' (a
        // predecessor's progress, kind or stage can block), need a new look.
        let mut statuses: Vec<usize> = Vec::new();
        let mut forward: Vec<usize> = Vec::new();
        let mut backward: Vec<usize> = Vec::new();
        for &c in changed {
            let input = Input::of(&roadmap.items[c]);
            if input == self.inputs[c] {
                continue;
            }
            self.inputs[c] = input;
            statuses.push(c);
            statuses.extend(self.successors(c).iter().map(|o| o.succ));
            let plan = input.planned(fallback);
            let old = std::mem::replace(&mut self.plan[c], plan);
            if plan != old {
                forward.push(c);
            }
            if plan.1 != old.1 {
                // Its own gap (SS and SF bounds use its duration) and its predecessors' (their
                // bounds use the successor's late start).
                backward.push(c);
                backward.extend(self.network.incoming(c).map(|link| link.pred));
            }
        }

        // Items whose fields in the schedule must be filled in again.
        let mut refill: Vec<usize> = Vec::new();
        let moved = self.forward_pass(&forward, &mut refill);
        self.backward_pass(&backward, &mut refill);
        for &v in &moved {
            refill.push(v);
            self.refresh_free(v, &mut refill);
            for p in self
                .network
                .incoming(v)
                .map(|link| link.pred)
                .collect::<Vec<_>>()
            {
                self.refresh_free(p, &mut refill);
            }
        }

        let horizon = self.ef.iter().copied().max();
        let mut critical_changed = false;
        let mut refill_one = |state: &Incremental, schedule: &mut Schedule, i: usize| {
            let old = &schedule.items[i];
            let item = state.item(i, Some(old));
            if item.critical != old.critical {
                critical_changed = true;
                statuses.push(i);
            }
            schedule.items[i] = item;
        };
        if horizon != self.horizon {
            // Every late date and the float of items without successors are relative to the
            // forecast finish: one sweep over all items, no pass over links.
            self.horizon = horizon;
            self.calendar = self.span_calendar();
            for i in 0..n {
                refill_one(self, schedule, i);
            }
        } else {
            refill.sort_unstable();
            refill.dedup();
            for &i in &refill {
                refill_one(self, schedule, i);
            }
        }
        statuses.extend_from_slice(&moved);
        statuses.sort_unstable();
        statuses.dedup();
        let today = day(self.options.today);
        for &i in &statuses {
            let (status, reason) =
                status::status_of(&self.inputs, &self.network, i, &schedule.items[i], today);
            schedule.items[i].status = status;
            schedule.items[i].reason = reason;
        }
        if critical_changed || moved.iter().any(|&v| schedule.items[v].critical) {
            self.critical_path(schedule);
        }
        self.finish_and_slip(schedule);
        Changes::Moved(moved)
    }

    fn successors(&self, v: usize) -> &[Out] {
        &self.out[self.out_offsets[v]..self.out_offsets[v + 1]]
    }

    /// Early start and driving link of `v` from its planned start and its predecessors.
    fn early(&self, v: usize) -> (i64, Option<(usize, usize)>) {
        let (mut start, duration) = self.plan[v];
        let mut driver = None;
        for link in self.network.incoming(v) {
            let (es, ef) = (self.es[link.pred], self.ef[link.pred]);
            let bound = forward_bound(link.link, link.lag, es, ef, duration);
            // The same tie rule as the full pass: a link equal to the planned start drives.
            if bound > start || (bound == start && driver.is_none()) {
                start = bound;
                driver = Some((link.dep_index, link.pred));
            }
        }
        (start, driver)
    }

    /// How far before the forecast finish `v` must finish at the latest. Every backward bound
    /// is the successor's late date less a constant, so with the finish at 0 it gives the gap.
    fn late_gap(&self, v: usize) -> i64 {
        let duration = self.plan[v].1;
        self.successors(v)
            .iter()
            .map(|o| {
                let (gap, d) = (self.gap[o.succ], self.plan[o.succ].1);
                -backward_bound(o.link, o.lag, -gap - d, -gap, duration)
            })
            .fold(0, i64::max)
    }

    fn free_slack(&self, v: usize) -> i64 {
        self.successors(v)
            .iter()
            .map(|o| {
                let succ = (self.es[o.succ], self.ef[o.succ]);
                link_slack(o.link, o.lag, (self.es[v], self.ef[v]), succ)
            })
            .min()
            .unwrap_or(i64::MAX)
    }

    fn refresh_free(&mut self, v: usize, refill: &mut Vec<usize>) {
        let free = self.free_slack(v);
        if free != self.free[v] {
            self.free[v] = free;
            refill.push(v);
        }
    }

    /// Early dates from `seeds` onwards in topological order, while they change. Returns the
    /// items whose early start or finish moved, ascending.
    fn forward_pass(&mut self, seeds: &[usize], refill: &mut Vec<usize>) -> Vec<usize> {
        let mut queue = BinaryHeap::new();
        for &v in seeds {
            self.enqueue(&mut queue, Reverse((self.position[v], v)), v);
        }
        let mut moved = Vec::new();
        // Successors always sit later in the order, so each item is taken once, after every
        // predecessor that could still change it.
        while let Some(Reverse((_, v))) = queue.pop() {
            self.queued[v] = false;
            let (es, driving) = self.early(v);
            let ef = es + self.plan[v].1;
            if driving != self.driving[v] {
                self.driving[v] = driving;
                refill.push(v);
            }
            if (es, ef) != (self.es[v], self.ef[v]) {
                (self.es[v], self.ef[v]) = (es, ef);
                moved.push(v);
                for at in self.out_offsets[v]..self.out_offsets[v + 1] {
                    let succ = self.out[at].succ;
                    self.enqueue(&mut queue, Reverse((self.position[succ], succ)), succ);
                }
            }
        }
        moved.sort_unstable();
        moved
    }

    /// Late gaps from `seeds` backwards in reverse topological order, while they change.
    fn backward_pass(&mut self, seeds: &[usize], refill: &mut Vec<usize>) {
        let mut queue = BinaryHeap::new();
        for &v in seeds {
            self.enqueue(&mut queue, (self.position[v], v), v);
        }
        while let Some((_, v)) = queue.pop() {
            self.queued[v] = false;
            let gap = self.late_gap(v);
            if gap != self.gap[v] {
                self.gap[v] = gap;
                refill.push(v);
                let preds: Vec<usize> = self.network.incoming(v).map(|l| l.pred).collect();
                for p in preds {
                    self.enqueue(&mut queue, (self.position[p], p), p);
                }
            }
        }
    }

    fn enqueue<K: Ord>(&mut self, queue: &mut BinaryHeap<K>, key: K, v: usize) {
        if !self.queued[v] {
            self.queued[v] = true;
            queue.push(key);
        }
    }

    /// The day table over every early and late point, as the full schedule builds it.
    fn span_calendar(&self) -> Calendar {
        let horizon = self.horizon.unwrap_or(0);
        let late = self.gap.iter().map(move |g| horizon - g);
        Calendar::spanning(self.es.iter().copied().chain(late), self.es.len())
    }

    /// Item `i`'s dates and float; status and reason copied from `old` (or defaults).
    fn item(&self, i: usize, old: Option<&ItemSchedule>) -> ItemSchedule {
        let horizon = self.horizon.unwrap_or(0);
        let points = Points {
            early_start: self.es[i],
            early_finish: self.ef[i],
            late_finish: horizon - self.gap[i],
            duration: self.plan[i].1,
            free: self.free[i],
            horizon,
        };
        let mut item = points.item(
            &self.calendar,
            self.driving[i],
            self.options.near_critical_days,
        );
        if let Some(old) = old {
            item.status = old.status;
            item.reason = old.reason.clone();
        }
        item
    }

    fn critical_path(&self, schedule: &mut Schedule) {
        let mut path: Vec<usize> = (0..self.es.len())
            .filter(|&i| schedule.items[i].critical)
            .collect();
        path.sort_by_key(|&i| (self.es[i], i));
        schedule.critical_path = path;
    }

    fn finish_and_slip(&self, schedule: &mut Schedule) {
        schedule.finish = self.horizon.map(|p| date_of(p - 1));
        schedule.slip_days = match (schedule.finish, schedule.target_end) {
            (Some(f), Some(t)) => day(f) - day(t),
            _ => 0,
        };
    }
}
