//! The critical path method on calendar days, and each item's status on a given day.
//!
//! Semantics (see `docs/scheduling.md`): time is counted in day-boundary points. An item with
//! inclusive dates [s, e] lasts d = e - s + 1 days and occupies [ES, ES + d); a milestone on m
//! lasts 0 days and sits at point m + 1, the end of its day. Planned starts are "start no
//! earlier than" constraints. Both passes run over one topological order, so the whole
//! schedule is linear in items + dependencies and never recurses.

mod incremental;
mod status;

pub use incremental::{Changes, Incremental};
pub use status::{Reason, Status};

use crate::model::{Date, Kind, LinkType, Network, RegulationStage, Roadmap};

/// What the schedule needs besides the roadmap.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day statuses are computed for.
    pub today: Date,
    /// Items with total float at most this many days are near-critical.
    pub near_critical_days: i64,
}

impl Options {
    pub fn new(today: Date) -> Options {
        Options {
            today,
            near_critical_days: 10,
        }
    }
}

/// The computed dates of one item, as inclusive calendar dates, and its float and status.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSchedule {
    pub early_start: Date,
    pub early_finish: Date,
    pub late_start: Date,
    pub late_finish: Date,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
    pub near_critical: bool,
    /// Index into the item's `depends_on` of the link that set its early start (the first
    /// such link; on a tie with the planned start, the link); `None` when only its own
    /// planned start did.
    pub driving: Option<usize>,
    /// The item that driving link comes from.
    pub driving_predecessor: Option<usize>,
    pub status: Status,
    /// Why the status is late, blocked or at risk.
    pub reason: Option<Reason>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Forecast finish: the latest early finish of all items.
    pub finish: Option<Date>,
    /// The roadmap's `end`.
    pub target_end: Option<Date>,
    /// Days the forecast finish lies after the target end (negative: ahead).
    pub slip_days: i64,
    /// Per item, in the roadmap's item order.
    pub items: Vec<ItemSchedule>,
    /// Critical items in order of early start, ties in file order.
    pub critical_path: Vec<usize>,
    /// Some links were ignored because they form cycles (validation reports them).
    pub has_cycle: bool,
}

impl Schedule {
    /// The links that set this item's early start, walked back to an item that its own
    /// planned start drives: "why did this move?". Item indices, the item itself first.
    pub fn driving_chain(&self, item: usize) -> Vec<usize> {
        let mut chain = vec![item];
        let mut at = item;
        while let Some(pred) = self.items.get(at).and_then(|s| s.driving_predecessor) {
            // Driving links follow the topological order, so the walk ends; the length check
            // only guards against a schedule that was built for another roadmap.
            if chain.len() > self.items.len() {
                break;
            }
            chain.push(pred);
            at = pred;
        }
        chain
    }

    pub fn count(&self, status: Status) -> usize {
        self.items.iter().filter(|s| s.status == status).count()
    }

    pub fn critical_count(&self) -> usize {
        self.items.iter().filter(|s| s.critical).count()
    }
}

/// Day number of a date, the unit of all arithmetic here.
pub(crate) fn day(date: Date) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

pub(crate) fn date_of(day: i64) -> Date {
    i32::try_from(day)
        .ok()
        .and_then(Date::from_num_days_from_ce_opt)
        .unwrap_or(Date::MIN)
}

/// What scheduling and status read of an item, copied into a small array in one pass: the
/// items themselves are large, and reading them twice cost more than the passes themselves.
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct Input {
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub progress: u8,
    pub kind: Option<Kind>,
    /// The stage of a regulation item; `None` otherwise or when unknown.
    pub stage: Option<RegulationStage>,
}

impl Input {
    fn of(item: &crate::model::Item) -> Input {
        Input {
            start: item.start,
            end: item.end,
            progress: item.progress,
            kind: item.kind,
            stage: item.regulation.as_ref().and_then(|r| r.stage),
        }
    }

    pub fn is_milestone(&self) -> bool {
        self.kind == Some(Kind::Milestone)
    }

    /// Planned position in points: (planned start point, duration in days). Missing or
    /// contradictory dates fall back to something drawable; validation reports them.
    fn planned(&self, fallback: Date) -> (i64, i64) {
        let start = self.start.or(self.end).unwrap_or(fallback);
        if self.is_milestone() {
            return (day(start) + 1, 0);
        }
        let end = self.end.unwrap_or(start).max(start);
        (day(start), day(end) - day(start) + 1)
    }
}

/// Planned position of an item in points: (planned start point, duration in days), falling
/// back to the roadmap's start, then `fallback`, when the item has no dates.
pub(crate) fn planned(roadmap: &Roadmap, index: usize, fallback: Date) -> (i64, i64) {
    Input::of(&roadmap.items[index]).planned(roadmap.start.unwrap_or(fallback))
}

/// Constraint on the successor's early start from one link: ES >= this.
fn forward_bound(link: LinkType, lag: i64, pred_es: i64, pred_ef: i64, duration: i64) -> i64 {
    match link {
        LinkType::FS => pred_ef + lag,
        LinkType::SS => pred_es + lag,
        LinkType::FF => pred_ef + lag - duration,
        LinkType::SF => pred_es + lag - duration,
    }
}

/// Constraint on the predecessor's late finish from one link: LF <= this.
fn backward_bound(link: LinkType, lag: i64, succ_ls: i64, succ_lf: i64, pred_duration: i64) -> i64 {
    match link {
        LinkType::FS => succ_ls - lag,
        LinkType::SS => succ_ls - lag + pred_duration,
        LinkType::FF => succ_lf - lag,
        LinkType::SF => succ_lf - lag + pred_duration,
    }
}

/// Slack of one link in the early schedule.
fn link_slack(link: LinkType, lag: i64, pred: (i64, i64), succ: (i64, i64)) -> i64 {
    let ((pred_es, pred_ef), (succ_es, succ_ef)) = (pred, succ);
    match link {
        LinkType::FS => succ_es - (pred_ef + lag),
        LinkType::SS => succ_es - (pred_es + lag),
        LinkType::FF => succ_ef - (pred_ef + lag),
        LinkType::SF => succ_ef - (pred_es + lag),
    }
}

pub fn schedule(roadmap: &Roadmap, options: &Options) -> Schedule {
    schedule_with(roadmap, &Network::build(roadmap), options)
}

/// One item after both passes, in day points (a finish point is the day after the last day);
/// turned into dates by the full schedule and by `Incremental` alike.
struct Points {
    early_start: i64,
    early_finish: i64,
    late_finish: i64,
    duration: i64,
    /// Least slack over outgoing links; `i64::MAX` for an item without successors.
    free: i64,
    /// The latest early finish point.
    horizon: i64,
}

impl Points {
    /// The item's dates, float and drivers; status on track until `status::assign` runs.
    fn item(
        &self,
        calendar: &Calendar,
        driving: Option<(usize, usize)>,
        near_critical_days: i64,
    ) -> ItemSchedule {
        // Inclusive dates; a milestone (no duration) sits on the day before its point.
        let inclusive = |start: i64, finish: i64| {
            if self.duration == 0 {
                let day = calendar.date(start - 1);
                (day, day)
            } else {
                (calendar.date(start), calendar.date(finish - 1))
            }
        };
        let (early_start, early_finish) = inclusive(self.early_start, self.early_finish);
        let (late_start, late_finish) =
            inclusive(self.late_finish - self.duration, self.late_finish);
        let total_float = self.late_finish - self.early_finish;
        let free_float = if self.free == i64::MAX {
            self.horizon - self.early_finish
        } else {
            self.free
        };
        ItemSchedule {
            early_start,
            early_finish,
            late_start,
            late_finish,
            total_float,
            free_float,
            critical: total_float == 0,
            near_critical: total_float != 0 && total_float <= near_critical_days,
            driving: driving.map(|(link, _)| link),
            driving_predecessor: driving.map(|(_, pred)| pred),
            status: Status::OnTrack,
            reason: None,
        }
    }
}

/// `schedule` with the dependency network already built. A network built for another number
/// of items is rebuilt rather than trusted.
pub fn schedule_with(roadmap: &Roadmap, network: &Network, options: &Options) -> Schedule {
    if network.len() != roadmap.items.len() {
        return schedule(roadmap, options);
    }
    let graph = network;
    let n = roadmap.items.len();
    let fallback = roadmap.start.unwrap_or(options.today);
    let inputs: Vec<Input> = roadmap.items.iter().map(|item| Input::of(item)).collect();
    let plan: Vec<(i64, i64)> = inputs.iter().map(|input| input.planned(fallback)).collect();

    // Forward pass: early start is the planned start or the tightest link, whichever is later.
    let mut es = vec![0i64; n];
    let mut driving: Vec<Option<(usize, usize)>> = vec![None; n];
    for &v in &graph.order {
        let (mut start, duration) = plan[v];
        let mut driver = None;
        for link in graph.incoming(v) {
            let bound = forward_bound(
                link.link,
                link.lag,
                es[link.pred],
                es[link.pred] + plan[link.pred].1,
                duration,
            );
            // On a tie with the planned start the link is reported as driving: it is tight,
            // and it is the answer to "why does this start here?".
            if bound > start || (bound == start && driver.is_none()) {
                start = bound;
                driver = Some((link.dep_index, link.pred));
            }
        }
        es[v] = start;
        driving[v] = driver;
    }
    let ef: Vec<i64> = (0..n).map(|i| es[i] + plan[i].1).collect();
    let finish_point = ef.iter().copied().max();

    // Backward pass: late finish is the forecast finish or the tightest link, whichever is earlier.
    let horizon = finish_point.unwrap_or(0);
    let mut lf = vec![horizon; n];
    for &v in graph.order.iter().rev() {
        let ls_v = lf[v] - plan[v].1;
        for link in graph.incoming(v) {
            let bound = backward_bound(link.link, link.lag, ls_v, lf[v], plan[link.pred].1);
            if bound < lf[link.pred] {
                lf[link.pred] = bound;
            }
        }
    }

    // Free float: the least slack over outgoing links, or up to the finish with none.
    let mut free = vec![i64::MAX; n];
    for &v in &graph.order {
        for link in graph.incoming(v) {
            let slack = link_slack(
                link.link,
                link.lag,
                (es[link.pred], ef[link.pred]),
                (es[v], ef[v]),
            );
            free[link.pred] = free[link.pred].min(slack);
        }
    }

    let calendar = Calendar::spanning(es.iter().chain(lf.iter()).copied(), n);
    let items: Vec<ItemSchedule> = (0..n)
        .map(|i| {
            let points = Points {
                early_start: es[i],
                early_finish: ef[i],
                late_finish: lf[i],
                duration: plan[i].1,
                free: free[i],
                horizon,
            };
            points.item(&calendar, driving[i], options.near_critical_days)
        })
        .collect();

    let mut critical_path: Vec<usize> = (0..n).filter(|&i| items[i].critical).collect();
    critical_path.sort_by_key(|&i| (es[i], i));

    let finish = finish_point.map(|p| date_of(p - 1));
    let target_end = roadmap.end;
    let slip_days = match (finish, target_end) {
        (Some(f), Some(t)) => day(f) - day(t),
        _ => 0,
    };
    let mut schedule = Schedule {
        finish,
        target_end,
        slip_days,
        items,
        critical_path,
        has_cycle: graph.has_cycle(),
    };
    status::assign(&inputs, graph, &mut schedule, options);
    schedule
}

/// Day numbers to dates through a table over the days the schedule spans: converting each of
/// four dates per item with chrono's calendar arithmetic was a tenth of re-scheduling 50,000
/// items after an edit, and a roadmap spans only a few thousand days.
struct Calendar {
    first: i64,
    dates: Vec<Date>,
}

impl Calendar {
    fn spanning(points: impl Iterator<Item = i64> + Clone, items: usize) -> Calendar {
        let first = points.clone().min().unwrap_or(0) - 2;
        let last = points.max().unwrap_or(0) + 1;
        let span = usize::try_from(last - first).unwrap_or(usize::MAX);
        // A table bigger than the conversions it saves is not worth building.
        let start = date_of(first);
        let dates = if span <= items.saturating_mul(4).max(4096) && day(start) == first {
            // Day after day from the first: cheaper than a calendar conversion per day.
            std::iter::successors(Some(start), |date| date.succ_opt())
                .take(span)
                .collect()
        } else {
            Vec::new()
        };
        Calendar { first, dates }
    }

    fn date(&self, day: i64) -> Date {
        usize::try_from(day - self.first)
            .ok()
            .and_then(|at| self.dates.get(at).copied())
            .unwrap_or_else(|| date_of(day))
    }
}
