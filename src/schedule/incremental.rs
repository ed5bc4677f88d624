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
//! Edits that add, remove or re-link items go through [`Incremental::relink`]: the network is
//! patched ([`Network::relink`]), every per-item array moves the way the items moved, and the
//! same passes start from the items whose links changed. Only a cycle, a new roadmap start or a
//! change of many items at once schedules in full.

use super::{
    backward_bound, date_of, day, forward_bound, link_slack, status, Calendar, Input, ItemSchedule,
    Options, Points, Reason, Schedule,
};
use crate::model::{IdIndex, Network, Reach, Reindex, Roadmap};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A schedule that can be brought up to date after some items changed. See the module notes.
pub struct Incremental {
    network: Network,
    /// Who holds and who names each id, to find the items a re-linking edit reaches.
    ids: IdIndex,
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
    /// Items were inserted or removed (as the `Reindex` given to `relink` says); these items,
    /// by new index, may have moved. Every index after the first insertion or removal shifted.
    Reindexed(Vec<usize>),
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
        let inputs: Vec<Input> = roadmap.items.iter().map(|item| Input::of(item)).collect();
        let plan: Vec<(i64, i64)> = inputs.iter().map(|i| i.planned(fallback)).collect();
        let mut state = Incremental {
            ids: IdIndex::build(roadmap, &network),
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

    /// Who holds and who names each id, as of the last update.
    pub fn ids(&self) -> &IdIndex {
        &self.ids
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
        if !self.fits(roadmap, schedule) || changed.iter().any(|&i| i >= n) {
            return self.schedule_anew(roadmap, schedule);
        }
        let mut seeds = Seeds::default();
        self.take_inputs(roadmap, changed, &mut seeds);
        Changes::Moved(self.propagate(seeds, schedule))
    }

    /// Brings `schedule` up to date after an edit that inserted or removed items (moving the
    /// others as `reindex` says, built from `reach.ops`) or changed ids or links, as `reach`
    /// (settled) describes it. Schedules in full, returning `Changes::All`, when the network
    /// has or would get a cycle, the roadmap's start moved, or `reindex` does not fit.
    pub fn relink(
        &mut self,
        roadmap: &Roadmap,
        reindex: &Reindex,
        reach: &Reach,
        schedule: &mut Schedule,
    ) -> Changes {
        let old = self.es.len();
        // An empty roadmap has nothing to keep (and no item to copy as a placeholder).
        if old == 0
            || reindex.old_len() != old
            || reindex.new_len() != roadmap.items.len()
            || schedule.items.len() != old
            || roadmap.start.unwrap_or(self.options.today) != self.fallback
            || reach.items.iter().any(|&i| i >= roadmap.items.len())
        {
            return self.schedule_anew(roadmap, schedule);
        }
        // The items whose links may change: those edited, and those naming an id that moved
        // (found before the ids and the network are brought up to date).
        let mut edited = reach.items.clone();
        for id in &reach.ids {
            let naming = self.ids.naming(id, &self.network);
            edited.extend(naming.into_iter().filter_map(|v| reindex.new_index(v)));
        }
        edited.sort_unstable();
        edited.dedup();
        self.ids.update(roadmap, reindex, &reach.items, &reach.ids);
        let ids = &self.ids;
        let relinked = self
            .network
            .relink(roadmap, reindex, &edited, |id| ids.holder(id));
        let Some(links) = relinked else {
            return self.schedule_anew(roadmap, schedule);
        };
        for &(v, dep) in &links.unlinked {
            if let Some(dep) = roadmap.items[v].depends_on.get(dep) {
                self.ids.note_unlinked(&dep.id, v);
            }
        }
        let mut seeds = Seeds {
            reindexed: !reindex.is_identity(),
            ..Seeds::default()
        };
        if seeds.reindexed {
            self.reindex(reindex, schedule);
            for v in reindex.inserted() {
                // Placeholders: the passes below compute them (they are seeds).
                self.inputs[v] = Input::of(&roadmap.items[v]);
                self.plan[v] = self.inputs[v].planned(self.fallback);
                (self.es[v], self.ef[v]) = (self.plan[v].0, self.plan[v].0 + self.plan[v].1);
                seeds.forward.push(v);
                seeds.backward.push(v);
                seeds.statuses.push(v);
                seeds.refill.push(v);
                seeds.free.push(v);
            }
        }
        self.take_inputs(roadmap, &edited, &mut seeds);
        // A changed link moves its successor's early dates and status, and its predecessor's
        // late dates and free float.
        seeds.forward.extend_from_slice(&links.into);
        seeds.statuses.extend_from_slice(&links.into);
        seeds.backward.extend_from_slice(&links.from);
        seeds.free.extend_from_slice(&links.from);
        let moved = self.propagate(seeds, schedule);
        if reindex.is_identity() {
            Changes::Moved(moved)
        } else {
            Changes::Reindexed(moved)
        }
    }

    /// The roadmap's size, start and schedule are the ones this tracker follows.
    fn fits(&self, roadmap: &Roadmap, schedule: &Schedule) -> bool {
        let n = self.es.len();
        roadmap.items.len() == n
            && schedule.items.len() == n
            && roadmap.start.unwrap_or(self.options.today) == self.fallback
    }

    fn schedule_anew(&mut self, roadmap: &Roadmap, schedule: &mut Schedule) -> Changes {
        let network = Network::build(roadmap);
        (*self, *schedule) = Incremental::new(roadmap, network, self.options);
        Changes::All
    }

    /// Moves every per-item array, and the schedule's items, the way the items moved (at least
    /// one item stays: `relink` schedules an empty roadmap in full).
    fn reindex(&mut self, reindex: &Reindex, schedule: &mut Schedule) {
        // Placeholders for inserted items, filled in by the passes (they are seeds).
        let placeholder = self.item(0, None);
        let fallback = self.fallback;
        let blank = Input::of(&crate::model::Item::default());
        reindex.apply(&mut self.inputs, || blank);
        reindex.apply(&mut self.plan, || blank.planned(fallback));
        reindex.apply(&mut self.es, || 0);
        reindex.apply(&mut self.ef, || 0);
        reindex.apply(&mut self.driving, || None);
        reindex.apply(&mut self.gap, || 0);
        reindex.apply(&mut self.free, || i64::MAX);
        reindex.apply(&mut self.queued, || false);
        reindex.apply(&mut schedule.items, || placeholder.clone());
        // A driving link names its predecessor by index. One to a removed item belongs to an
        // item whose links changed, which the forward pass seeds.
        for driving in &mut self.driving {
            *driving = driving.and_then(|(link, pred)| Some((link, reindex.new_index(pred)?)));
        }
        // So do the reasons for a status; one naming a removed item is about to be replaced
        // (its item's links changed).
        for item in &mut schedule.items {
            item.driving_predecessor = item
                .driving_predecessor
                .and_then(|pred| reindex.new_index(pred));
            if item.driving_predecessor.is_none() {
                item.driving = None;
            }
            if let Some(pred) = item.reason.as_mut().and_then(Reason::predecessor_mut) {
                *pred = reindex.new_index(*pred).unwrap_or(*pred);
            }
        }
    }

    /// Takes the new fields of the items at `changed`, seeding the passes for those that moved,
    /// stretched or changed in a way their statuses (or their successors') may show.
    fn take_inputs(&mut self, roadmap: &Roadmap, changed: &[usize], seeds: &mut Seeds) {
        for &c in changed {
            let input = Input::of(&roadmap.items[c]);
            if input == self.inputs[c] {
                continue;
            }
            self.inputs[c] = input;
            // A predecessor's progress, kind or stage can block its successors.
            seeds.statuses.push(c);
            seeds
                .statuses
                .extend(self.network.outgoing(c).map(|out| out.succ));
            let plan = input.planned(self.fallback);
            let old = std::mem::replace(&mut self.plan[c], plan);
            if plan != old {
                seeds.forward.push(c);
            }
            if plan.1 != old.1 {
                // Its own gap (SS and SF bounds use its duration) and its predecessors' (their
                // bounds use the successor's late start).
                seeds.backward.push(c);
                seeds
                    .backward
                    .extend(self.network.incoming(c).map(|link| link.pred));
            }
        }
    }

    /// Runs the passes from `seeds` and fills in every schedule field they changed. Returns the
    /// items whose early dates moved, ascending.
    fn propagate(&mut self, seeds: Seeds, schedule: &mut Schedule) -> Vec<usize> {
        let n = self.es.len();
        let Seeds {
            mut statuses,
            forward,
            backward,
            free,
            mut refill,
            reindexed,
        } = seeds;
        let moved = self.forward_pass(&forward, &mut refill);
        self.backward_pass(&backward, &mut refill);
        let mut slack: Vec<usize> = free;
        for &v in &moved {
            refill.push(v);
            slack.push(v);
            slack.extend(self.network.incoming(v).map(|link| link.pred));
        }
        for v in slack {
            self.refresh_free(v, &mut refill);
        }

        let horizon = self.ef.iter().copied().max();
        let mut critical_changed = reindexed;
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
        moved
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
        self.network
            .outgoing(v)
            .map(|o| {
                let (gap, d) = (self.gap[o.succ], self.plan[o.succ].1);
                -backward_bound(o.link, o.lag, -gap - d, -gap, duration)
            })
            .fold(0, i64::max)
    }

    fn free_slack(&self, v: usize) -> i64 {
        self.network
            .outgoing(v)
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
            enqueue(
                &mut self.queued,
                &mut queue,
                Reverse((self.network.position(v), v)),
                v,
            );
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
                for out in self.network.outgoing(v) {
                    let key = Reverse((self.network.position(out.succ), out.succ));
                    enqueue(&mut self.queued, &mut queue, key, out.succ);
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
            enqueue(
                &mut self.queued,
                &mut queue,
                (self.network.position(v), v),
                v,
            );
        }
        while let Some((_, v)) = queue.pop() {
            self.queued[v] = false;
            let gap = self.late_gap(v);
            if gap != self.gap[v] {
                self.gap[v] = gap;
                refill.push(v);
                for link in self.network.incoming(v) {
                    let key = (self.network.position(link.pred), link.pred);
                    enqueue(&mut self.queued, &mut queue, key, link.pred);
                }
            }
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

/// Where the passes of an update start.
#[derive(Default)]
struct Seeds {
    /// Items whose status needs a new look.
    statuses: Vec<usize>,
    /// Items whose early dates need computing again.
    forward: Vec<usize>,
    /// Items whose late gap needs computing again.
    backward: Vec<usize>,
    /// Items whose free float needs computing again.
    free: Vec<usize>,
    /// Items whose schedule fields must be filled in again whatever the passes find.
    refill: Vec<usize>,
    /// Items were inserted or removed: indices in the critical path shifted.
    reindexed: bool,
}

fn enqueue<K: Ord>(queued: &mut [bool], queue: &mut BinaryHeap<K>, key: K, v: usize) {
    if !queued[v] {
        queued[v] = true;
        queue.push(key);
    }
}
