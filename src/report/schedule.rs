//! The schedule as printed by `peta schedule`: a readable table, or JSON for other tools.

use crate::i18n::Lang;
use crate::model::{format_date, Date, LinkType, Roadmap};
use crate::schedule::Schedule;
use crate::tr;
use serde_json::{json, Value};
use std::fmt::Write;

/// How far the forecast finish lies from the target, in words.
pub fn slip_phrase(slip_days: i64) -> String {
    slip_phrase_in(slip_days, crate::i18n::Lang::En)
}

/// [`slip_phrase`] in a language.
pub fn slip_phrase_in(slip_days: i64, lang: crate::i18n::Lang) -> String {
    match slip_days {
        0 => crate::tr!(lang, SlipOnTarget).to_string(),
        d if d > 0 => crate::tr!(lang, SlipLate, days = d),
        d => crate::tr!(lang, SlipEarly, days = -d),
    }
}

/// The critical path as chains ending at the forecast finish, walked back along the driving
/// links: `a -> b (SS +30) -> c`. Parallel critical paths that end at the finish give one chain
/// each, longest first; critical items off those chains (tied to them by links without slack) are listed
/// apart by the caller.
pub fn critical_chains(schedule: &Schedule) -> Vec<Vec<usize>> {
    let Some(finish) = schedule.finish else {
        return Vec::new();
    };
    let mut chains = schedule
        .critical_path
        .iter()
        .filter(|&&i| schedule.items[i].early_finish == finish)
        .map(|&end| {
            let mut chain: Vec<usize> = schedule
                .driving_chain(end)
                .into_iter()
                .take_while(|&i| schedule.items[i].critical)
                .collect();
            chain.reverse();
            chain
        })
        .collect::<Vec<_>>();
    // The longest chain first: it explains the most.
    chains.sort_by_key(|chain| std::cmp::Reverse(chain.len()));
    chains
}

/// The critical items on none of `chains` (those of [`critical_chains`]), in the order of
/// `schedule.critical_path`: tied to the path by links without slack, listed apart.
pub fn critical_off_chains(schedule: &Schedule, chains: &[Vec<usize>]) -> Vec<usize> {
    let on_chains: rustc_hash::FxHashSet<usize> = chains.iter().flatten().copied().collect();
    schedule
        .critical_path
        .iter()
        .copied()
        .filter(|i| !on_chains.contains(i))
        .collect()
}

/// A chain in words, with each link's type and lag where it is not a plain finish-to-start.
pub fn chain_text(roadmap: &Roadmap, schedule: &Schedule, chain: &[usize]) -> String {
    let mut text = String::new();
    for (position, &index) in chain.iter().enumerate() {
        let item = &roadmap.items[index];
        if position > 0 {
            text.push_str(" -> ");
        }
        text.push_str(&item.label(index));
        let link = schedule.items[index]
            .driving
            .and_then(|d| item.depends_on.get(d));
        if let Some(dep) =
            link.filter(|dep| position > 0 && (dep.link != LinkType::FS || dep.lag_days != 0))
        {
            let _ = write!(text, " ({} {:+})", dep.link, dep.lag_days);
        }
    }
    text
}

fn driving_id<'a>(roadmap: &'a Roadmap, schedule: &Schedule, index: usize) -> Option<&'a str> {
    let link = schedule.items[index].driving?;
    roadmap.items[index]
        .depends_on
        .get(link)
        .map(|dep| dep.id.as_str())
}

/// `peta schedule --json`: the documented shape, one object.
pub fn schedule_json(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> Value {
    let date = |d: Option<Date>| d.map(format_date);
    let items: Vec<Value> = schedule
        .items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": roadmap.items[i].id,
                "early_start": format_date(s.early_start),
                "early_finish": format_date(s.early_finish),
                "late_start": format_date(s.late_start),
                "late_finish": format_date(s.late_finish),
                "total_float_days": s.total_float,
                "free_float_days": s.free_float,
                "critical": s.critical,
                "near_critical": s.near_critical,
                "driving_predecessor": driving_id(roadmap, schedule, i),
                "status": s.status.as_str(),
                "reason": s.reason.as_ref().map(|r| r.describe(roadmap)),
            })
        })
        .collect();
    json!({
        "finish": date(schedule.finish),
        "target_end": date(schedule.target_end),
        "slip_days": schedule.slip_days,
        "today": format_date(today),
        "critical_path": schedule.critical_path.iter().map(|&i| roadmap.items[i].id.as_str()).collect::<Vec<_>>(),
        "has_cycle": schedule.has_cycle,
        "items": items,
    })
}

/// `peta schedule`: the forecast against the target, the critical path, and a table of items.
pub fn schedule_text(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> String {
    schedule_text_in(roadmap, schedule, today, Lang::En)
}

/// [`schedule_text`] in a language. The table keeps `YYYY-MM-DD` dates in both, so its
/// columns line up and sort; the headings and sentences are translated.
pub fn schedule_text_in(roadmap: &Roadmap, schedule: &Schedule, today: Date, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            SchedAsOf,
            title = roadmap.title,
            date = lang.date(today)
        )
    );
    match (schedule.finish, schedule.target_end) {
        (Some(finish), Some(target)) => {
            let slip = slip_phrase_in(schedule.slip_days, lang);
            let (finish, target) = (lang.date(finish), lang.date(target));
            let _ = writeln!(
                out,
                "{}",
                tr!(
                    lang,
                    SchedForecast,
                    finish = finish,
                    target = target,
                    slip = slip
                )
            );
        }
        (Some(finish), None) => {
            let _ = writeln!(
                out,
                "{}",
                tr!(lang, SchedForecastOnly, finish = lang.date(finish))
            );
        }
        _ => {
            let _ = writeln!(out, "{}", tr!(lang, SchedNothing));
        }
    }
    let chains = critical_chains(schedule);
    for chain in &chains {
        let chain = chain_text(roadmap, schedule, chain);
        let _ = writeln!(out, "{}", tr!(lang, SchedCriticalPath, chain = chain));
    }
    let others: Vec<String> = critical_off_chains(schedule, &chains)
        .into_iter()
        .map(|i| roadmap.items[i].label(i))
        .collect();
    if !others.is_empty() {
        let items = others.join(", ");
        let _ = writeln!(out, "{}", tr!(lang, SchedAlsoCritical, items = items));
    }
    if schedule.has_cycle {
        let _ = writeln!(out, "{}", tr!(lang, SchedCycles));
    }
    out.push('\n');
    let headers = [
        "ID",
        tr!(lang, SchedColEarlyStart),
        tr!(lang, SchedColEarlyFinish),
        tr!(lang, SchedColLateStart),
        tr!(lang, SchedColLateFinish),
        "FLOAT",
        tr!(lang, SchedColFree),
        tr!(lang, SchedColCrit),
        "STATUS",
        tr!(lang, SchedColDrivenBy),
    ];
    let rows: Vec<[String; 10]> = schedule
        .items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let crit = if s.critical {
                "*"
            } else if s.near_critical {
                "~"
            } else {
                ""
            };
            [
                roadmap.items[i].label(i),
                format_date(s.early_start),
                format_date(s.early_finish),
                format_date(s.late_start),
                format_date(s.late_finish),
                s.total_float.to_string(),
                s.free_float.to_string(),
                crit.to_string(),
                s.status.label(lang).to_string(),
                driving_id(roadmap, schedule, i).unwrap_or("-").to_string(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let numeric = [
        false, false, false, false, false, true, true, false, false, false,
    ];
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (col, cell) in cells.enumerate() {
            if col > 0 {
                text.push_str("  ");
            }
            super::push_aligned(&mut text, cell, widths[col], numeric[col]);
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    for row in &rows {
        line(&mut row.iter().map(String::as_str));
    }
    let counts = tr!(
        lang,
        SchedCounts,
        n = schedule.items.len(),
        critical = schedule.critical_count(),
        near = schedule.items.iter().filter(|s| s.near_critical).count(),
        late = schedule.count(crate::schedule::Status::Late),
        blocked = schedule.count(crate::schedule::Status::Blocked),
        risk = schedule.count(crate::schedule::Status::AtRisk)
    );
    let _ = write!(out, "\n{counts}\n");
    let reasons: Vec<String> = schedule
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.reason.as_ref().map(|r| {
                format!(
                    "  {} {}: {}",
                    s.status.label(lang),
                    roadmap.items[i].label(i),
                    r.describe_in(roadmap, lang)
                )
            })
        })
        .collect();
    if !reasons.is_empty() {
        let _ = writeln!(out, "\n{}", tr!(lang, SchedAttention));
        for reason in reasons {
            out.push_str(&reason);
            out.push('\n');
        }
    }
    out
}
