//! `peta export --format tjp`: a TaskJuggler 3 project that `tj3` schedules to the same dates
//! as peta, so the two schedulers can be compared on one plan.
//!
//! How peta's rules (docs/scheduling.md) map onto tj3:
//! - Time is counted in day-boundary moments in both: a task from `s` to `e` is
//!   `[s 00:00, e+1 00:00)` and lasts `duration (e - s + 1)d` (tj3's `duration` is calendar
//!   time); a milestone on day `m` sits at `m+1 00:00`, the end of its day.
//! - tj3's `start` fixes a task's start (a dependency that needs it later is an error), while
//!   a planned start in peta is "start no earlier than". So a task with dependencies does not
//!   get `start`: it depends on the milestone `peta_plan_start` (the project start) with a
//!   `gapduration` that reaches its planned start, and tj3 starts an ASAP task at the latest
//!   of its dependencies, which is exactly peta's early start.
//! - Every link type with any lag is a bound "successor start >= predecessor start + k" once
//!   durations are fixed (FS: k = pd + L; SS: L; FF: pd + L - sd; SF: L - sd, with pd and sd the
//!   predecessor's and successor's durations). k >= pd becomes `depends p { gapduration }`
//!   after p's end; 0 <= k < pd becomes `{ onstart gapduration }`.
//! - tj3 gaps cannot be negative. A bound with k < 0 is replaced by the bounds that set the
//!   predecessor's start (its planned start and its own links), each less the same days: the
//!   predecessor starts at the latest of those, so the successor's bound is their latest less
//!   the lead, exactly. That expansion is capped per item; past the cap a bound is clamped to
//!   the predecessor's start, which can only delay the successor, and the file says so in a
//!   comment (`APPROXIMATE`).
//! - tj3 refuses two dependencies on one task; several links to one predecessor keep the
//!   tightest bound, which is what peta's schedule does with them.

mod names;

use crate::model::{format_date, Date, Kind, Network, Roadmap};
use crate::schedule::{date_of, day, planned, Schedule};
pub use names::tjp_string;
use names::{comment_text, TaskIds};
use rustc_hash::FxHashMap;
use std::fmt::Write;

/// The milestone every planned start is measured from.
pub const PLAN_START_ID: &str = "peta_plan_start";

/// How many predecessors one item's negative bounds may be expanded through, and how many
/// bounds it may collect, before the rest are clamped: keeps the export linear (and the file
/// readable) on any roadmap. Real roadmaps need a few steps at most.
pub const EXPANSION_LIMIT: usize = 32;
const BOUNDS_LIMIT: usize = 64;

/// tj3 3.7 refuses dates after this year.
const TJ3_LAST_YEAR: i32 = 2035;

/// The exported project and what a reader (or a test) needs to match tj3's output to items.
#[derive(Debug, Clone, PartialEq)]
pub struct TjpExport {
    pub text: String,
    /// Each item's full tj3 task id (`sector.item`), aligned with the roadmap's items.
    pub task_ids: Vec<String>,
    /// Items with a dependency clamped to a stronger bound (see the module notes); empty when
    /// tj3 must schedule every item exactly as peta does.
    pub approximated: Vec<usize>,
}

/// The tjp text alone.
pub fn to_tjp(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> String {
    export(roadmap, schedule, today).text
}

/// A bound target: the project start milestone or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    PlanStart,
    Item(usize),
}

pub fn export(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> TjpExport {
    let n = roadmap.items.len();
    let network = Network::build(roadmap);
    let fallback = roadmap.start.unwrap_or(today);
    let plan: Vec<(i64, i64)> = (0..n).map(|i| planned(roadmap, i, fallback)).collect();

    // Bounds of every item, in points relative to the predecessor's start.
    let mut bounds: Vec<Bounds> = Vec::with_capacity(n);
    let mut approximated = Vec::new();
    let mut clamped_days: i64 = 0;
    let first_point = plan
        .iter()
        .map(|p| p.0)
        .chain(roadmap.start.map(day))
        .chain(std::iter::once(day(today)))
        .min()
        .unwrap_or_else(|| day(today));
    let project_start = year_start(first_point);
    for v in 0..n {
        let item = item_bounds(v, &network, &plan, project_start);
        if item.clamped_days > 0 {
            approximated.push(v);
            clamped_days = clamped_days.saturating_add(item.clamped_days);
        }
        bounds.push(item);
    }

    let last_point = schedule
        .items
        .iter()
        .map(|s| day(s.early_finish) + 1)
        .chain(roadmap.end.map(|d| day(d) + 1))
        .chain(std::iter::once(day(today) + 1))
        .max()
        .unwrap_or_else(|| day(today));
    // A year of room after the forecast, plus some for what clamped bounds may add in tj3;
    // but tj3 only knows the years up to 2035, so within that when the plan fits.
    let mut project_end = year_start(
        last_point
            .saturating_add(366)
            .saturating_add(clamped_days.min(3 * 366)),
    );
    if let Some(limit) = Date::from_ymd_opt(TJ3_LAST_YEAR, 12, 31).map(day) {
        if project_end > limit && limit > last_point.saturating_add(31) {
            project_end = limit;
        }
    }

    let ids = TaskIds::new(roadmap);
    let mut out = String::new();
    header(&mut out, roadmap, today, project_start, project_end);

    let _ = writeln!(
        out,
        "# Planned starts are measured from this milestone (see the note above).\n\
         task {PLAN_START_ID} \"Roadmap plan start\" {{\n  start {}\n  milestone\n}}\n",
        point_text(project_start)
    );

    for group in &ids.groups {
        let _ = writeln!(out, "task {} \"{}\" {{", group.id, tjp_string(&group.name));
        for &i in &group.items {
            item_task(&mut out, roadmap, i, &ids, &plan, &bounds[i], &network);
        }
        out.push_str("}\n\n");
    }

    let _ = write!(
        out,
        "# tj3's dates per task, to compare with `peta schedule` (tj3 -o DIR writes\n\
         # DIR/peta-dates.csv). End dates are moments: a task ending on 17 January ends at\n\
         # 2025-01-18-00:00, a milestone on 31 January sits at 2025-02-01-00:00.\n\
         taskreport peta_dates \"peta-dates\" {{\n  formats csv\n  columns id, start, end\n  \
         timeformat \"%Y-%m-%d-%H:%M\"\n  hideresource 1\n}}\n"
    );

    TjpExport {
        text: out,
        task_ids: ids.full,
        approximated,
    }
}

fn header(out: &mut String, roadmap: &Roadmap, today: Date, start: i64, end: i64) {
    let _ = writeln!(
        out,
        "# TaskJuggler 3 project exported by peta from \"{}\" (as of {}).\n\
         # Schedule it with: tj3 FILE.tjp\n\
         #\n\
         # peta's rules in tj3 terms: calendar days (`duration`, `gapduration`); a task from s to e\n\
         # runs from s 00:00 to e+1 00:00; a milestone on day m sits at m+1 00:00 (the end of its\n\
         # day). tj3's `start` would fix a task's start, but a planned start in peta is only \"no\n\
         # earlier than\": tasks with dependencies therefore depend on {PLAN_START_ID} with a gap\n\
         # that reaches their planned start, and start at the latest of their dependencies.\n\
         # Every link becomes \"start >= predecessor's start or end + gap\"; FF and SF links and\n\
         # leads are converted using the fixed durations, and a lead longer than its\n\
         # predecessor is expressed through the bounds that set the predecessor's start.\n",
        comment_text(&roadmap.title),
        format_date(today)
    );
    let _ = writeln!(
        out,
        "project peta \"{}\" {} - {} {{\n  timezone \"UTC\"\n  timingresolution 60min\n  \
         now {}\n}}\n",
        tjp_string(if roadmap.title.is_empty() {
            "Roadmap"
        } else {
            &roadmap.title
        }),
        point_text(start),
        point_text(end),
        format_date(today)
    );
}

fn item_task(
    out: &mut String,
    roadmap: &Roadmap,
    i: usize,
    ids: &TaskIds,
    plan: &[(i64, i64)],
    bounds: &Bounds,
    network: &Network,
) {
    let item = &roadmap.items[i];
    let (start, duration) = plan[i];
    let milestone = item.kind == Some(Kind::Milestone);
    let title = if item.title.is_empty() {
        item.label(i)
    } else {
        item.title.clone()
    };
    let _ = writeln!(out, "  task {} \"{}\" {{", ids.local[i], tjp_string(&title));
    let planned_text = if milestone {
        format!("milestone on {}", format_date(date_of(start - 1)))
    } else {
        format!(
            "planned {} to {}",
            format_date(date_of(start)),
            format_date(date_of(start + duration - 1))
        )
    };
    let _ = writeln!(
        out,
        "    # peta item \"{}\" ({}), {}",
        comment_text(&item.label(i)),
        item.kind.unwrap_or(Kind::Initiative),
        planned_text
    );
    for (position, dep) in item.depends_on.iter().enumerate() {
        let used = network.incoming(i).any(|link| link.dep_index == position);
        let _ = write!(
            out,
            "    # link: {} {} {:+}",
            comment_text(&dep.id),
            dep.link,
            dep.lag_days
        );
        if !used {
            // The same links peta's schedule leaves out (validation reports them).
            let why = if network
                .links_into(i)
                .iter()
                .any(|l| l.dep_index == position)
            {
                "it closes a cycle"
            } else if !dep.id.is_empty() && dep.id == item.id {
                "it names the item itself"
            } else {
                "no such item"
            };
            let _ = write!(out, " (left out, as by peta's schedule: {why})");
        }
        out.push('\n');
    }
    if network.incoming(i).next().is_none() {
        let _ = writeln!(out, "    start {}", point_text(start));
    } else {
        let mut parts = Vec::with_capacity(bounds.list.len());
        let mut clamped = Vec::new();
        if !bounds.expanded.is_empty() {
            let _ = writeln!(
                out,
                "    # leads reach before the start of {}:\n    # tj3 gaps cannot be negative, \
                 so the bounds that set those starts stand in, less the same days",
                name_list(&bounds.expanded, ids)
            );
        }
        for &(target, k) in &bounds.list {
            match target {
                Target::PlanStart => parts.push(with_gap(PLAN_START_ID, false, k)),
                Target::Item(p) => {
                    let pd = plan[p].1;
                    if k < 0 {
                        clamped.push(p);
                        parts.push(with_gap(&ids.full[p], true, 0));
                    } else if k >= pd {
                        parts.push(with_gap(&ids.full[p], false, k - pd));
                    } else {
                        parts.push(with_gap(&ids.full[p], true, k));
                    }
                }
            }
        }
        if !clamped.is_empty() {
            let _ = writeln!(
                out,
                "    # APPROXIMATE: may start before {} start(s), which is more than tj3 can \
                 express here;\n    # it waits for those starts instead",
                name_list(&clamped, ids)
            );
        }
        let _ = writeln!(out, "    depends {}", parts.join(", "));
    }
    if milestone {
        out.push_str("    milestone\n");
    } else {
        let _ = writeln!(out, "    duration {duration}d");
        if item.progress > 0 {
            let _ = writeln!(out, "    complete {}", item.progress.min(100));
        }
    }
    out.push_str("  }\n");
}

/// Task ids for a comment: the first few, then how many more.
fn name_list(items: &[usize], ids: &TaskIds) -> String {
    const SHOWN: usize = 5;
    let mut text: Vec<&str> = items
        .iter()
        .take(SHOWN)
        .map(|&p| ids.full[p].as_str())
        .collect();
    let more;
    if items.len() > SHOWN {
        more = format!("and {} more", items.len() - SHOWN);
        text.push(&more);
    }
    text.join(", ")
}

/// `id`, `id { gapduration 14d }`, `id { onstart }` or `id { onstart gapduration 3d }`.
fn with_gap(id: &str, onstart: bool, gap: i64) -> String {
    match (onstart, gap > 0) {
        (false, false) => id.to_string(),
        (false, true) => format!("{id} {{ gapduration {gap}d }}"),
        (true, false) => format!("{id} {{ onstart }}"),
        (true, true) => format!("{id} {{ onstart gapduration {gap}d }}"),
    }
}

/// k of the bound "successor start >= predecessor start + k" for one link, from the two
/// durations (pd, sd).
fn link_offset(link: crate::model::LinkType, lag: i64, pd: i64, sd: i64) -> i64 {
    use crate::model::LinkType;
    match link {
        LinkType::FS => pd.saturating_add(lag),
        LinkType::SS => lag,
        LinkType::FF => pd.saturating_add(lag).saturating_sub(sd),
        LinkType::SF => lag.saturating_sub(sd),
    }
}

/// An item's start bounds as (target, k): start >= target's start + k days. Negative bounds
/// on items are expanded through that item's own bounds (see the module notes). Returns the
/// bounds with the days clamped when the expansion limit was reached (0 when exact).
fn item_bounds(v: usize, network: &Network, plan: &[(i64, i64)], project_start: i64) -> Bounds {
    let mut set = BoundSet::default();
    let mut expanded = Vec::new();
    if network.incoming(v).next().is_none() {
        return Bounds {
            list: Vec::new(),
            clamped_days: 0,
            expanded,
        };
    }
    set.add(Target::PlanStart, plan[v].0 - project_start);
    for link in network.incoming(v) {
        let k = link_offset(link.link, link.lag, plan[link.pred].1, plan[v].1);
        set.add(Target::Item(link.pred), k);
    }
    let mut steps = 0;
    while let Some(position) = set.pending.pop() {
        let (Target::Item(p), Some(k)) = set.list[position] else {
            continue;
        };
        if k >= 0 {
            continue;
        }
        if steps >= EXPANSION_LIMIT || set.list.len() >= BOUNDS_LIMIT {
            // Clamp what is still negative; report how many days that may add in tj3.
            let clamped = set
                .list
                .iter()
                .filter_map(|entry| match entry {
                    (Target::Item(_), Some(k)) if *k < 0 => Some(k.saturating_neg()),
                    _ => None,
                })
                .fold(0i64, i64::saturating_add);
            return Bounds {
                list: finish_bounds(set.list),
                clamped_days: clamped,
                expanded,
            };
        }
        steps += 1;
        expanded.push(p);
        // p starts at the latest of its own bounds, so "p's start + k" is the latest of
        // those bounds + k.
        set.list[position].1 = None;
        set.add(Target::PlanStart, plan[p].0 - project_start + k);
        for link in network.incoming(p) {
            let kq = link_offset(link.link, link.lag, plan[link.pred].1, plan[p].1);
            set.add(Target::Item(link.pred), kq.saturating_add(k));
        }
    }
    Bounds {
        list: finish_bounds(set.list),
        clamped_days: 0,
        expanded,
    }
}

/// Bounds by target, keeping the tightest per target (tj3 refuses two dependencies on one
/// task). `None` marks a bound replaced by its expansion; a later bound revives it.
#[derive(Default)]
struct BoundSet {
    list: Vec<(Target, Option<i64>)>,
    at: FxHashMap<Target, usize>,
    /// Positions of item bounds that went negative and wait to be expanded.
    pending: Vec<usize>,
}

impl BoundSet {
    fn add(&mut self, target: Target, k: i64) {
        let position = match self.at.get(&target) {
            Some(&position) => {
                let entry = &mut self.list[position].1;
                *entry = Some(entry.map_or(k, |old| old.max(k)));
                position
            }
            None => {
                self.at.insert(target, self.list.len());
                self.list.push((target, Some(k)));
                self.list.len() - 1
            }
        };
        if matches!(self.list[position], (Target::Item(_), Some(k)) if k < 0) {
            self.pending.push(position);
        }
    }
}

/// One item's start bounds for tj3.
struct Bounds {
    /// (target, k): start >= the target's start + k days.
    list: Vec<(Target, i64)>,
    /// Days of leads clamped away (0 when exact).
    clamped_days: i64,
    /// Predecessors whose bound was replaced by their own bounds, in expansion order.
    expanded: Vec<usize>,
}

/// Drops expanded bounds and those below the plan start milestone: every task starts at or
/// after the project start, so they are always met.
fn finish_bounds(list: Vec<(Target, Option<i64>)>) -> Vec<(Target, i64)> {
    list.into_iter()
        .filter_map(|(target, k)| k.map(|k| (target, k)))
        .filter(|&(target, k)| !(target == Target::PlanStart && k < 0))
        .collect()
}

/// First day of the year a point falls in, as a point.
fn year_start(point: i64) -> i64 {
    let date = date_of(point);
    Date::from_ymd_opt(chrono::Datelike::year(&date), 1, 1).map_or(point, day)
}

/// A point (the start of a day) as a tj3 date.
fn point_text(point: i64) -> String {
    format_date(date_of(point))
}
