//! "Against the baseline": how the shown items' forecast finishes moved since the baseline
//! (`peta summary --baseline REV`), and the roadmap's finish then and now.

use super::blocks::{code, text, Block, Frag, Section, Table};
use super::gantt::slip_days_text;
use super::View;
use crate::diff::Baseline;
use crate::model::format_date;
use rustc_hash::FxHashSet;

/// `10 days later`, `1 day earlier`, `unchanged`.
fn moved(days: i64) -> String {
    let n = days.unsigned_abs();
    let unit = if n == 1 { "day" } else { "days" };
    match days {
        0 => "unchanged".to_string(),
        d if d > 0 => format!("{n} {unit} later"),
        _ => format!("{n} {unit} earlier"),
    }
}

/// At most this many removed ids are named; the rest are counted.
const REMOVED_NAMED: usize = 20;

pub(super) fn section(view: &View, baseline: &Baseline) -> Section {
    let (roadmap, schedule) = (view.roadmap, view.schedule);
    let mut facts: Vec<(String, Vec<Frag>)> = Vec::new();
    let finish = match (baseline.finish, schedule.finish) {
        (Some(then), Some(now)) => format!(
            "{} now, {} in the baseline: {}",
            format_date(now),
            format_date(then),
            moved((now - then).num_days())
        ),
        (None, Some(now)) => format!("{} now; the baseline had no items", format_date(now)),
        (Some(then), None) => format!("no items now; {} in the baseline", format_date(then)),
        (None, None) => "no items in either".to_string(),
    };
    facts.push(("Forecast finish".into(), vec![text(finish)]));

    // Shown items: slipped (latest first), then earlier, then new, each in file order on ties.
    let mut slips: Vec<(i64, usize)> = Vec::new();
    let mut new = Vec::new();
    let mut unchanged = 0;
    for &i in &view.shown {
        let item = &roadmap.items[i];
        match baseline.slip_days(&item.id, schedule.items[i].early_finish) {
            Some(0) => unchanged += 1,
            Some(days) => slips.push((days, i)),
            None => new.push(i),
        }
    }
    slips.sort_by_key(|&(days, i)| (std::cmp::Reverse(days), i));
    let later = slips.iter().filter(|(d, _)| *d > 0).count();
    let earlier = slips.len() - later;
    facts.push((
        "Items shown".into(),
        vec![text(format!(
            "{later} finish later, {earlier} earlier, {unchanged} as in the baseline, {} new",
            new.len()
        ))],
    ));
    // Removed items have no sector here, so they are named only when nothing is filtered.
    let filtered = !view.options.sectors.is_empty()
        || view.options.critical_only
        || view.options.from.is_some()
        || view.options.to.is_some();
    if !filtered {
        let current: FxHashSet<&str> = roadmap.items.iter().map(|i| i.id.as_str()).collect();
        let removed: Vec<&str> = baseline
            .ids()
            .into_iter()
            .filter(|id| !current.contains(id))
            .collect();
        if !removed.is_empty() {
            let mut frags = Vec::new();
            for (n, id) in removed.iter().take(REMOVED_NAMED).enumerate() {
                if n > 0 {
                    frags.push(text(", "));
                }
                frags.push(code(*id));
            }
            if removed.len() > REMOVED_NAMED {
                frags.push(text(format!(" and {} more", removed.len() - REMOVED_NAMED)));
            }
            facts.push(("Removed since".into(), frags));
        }
    }

    let mut rows: Vec<Vec<String>> = slips
        .iter()
        .map(|&(days, i)| {
            let item = &roadmap.items[i];
            let then = baseline
                .dates(&item.id)
                .map_or_else(String::new, |(_, f)| format_date(f));
            vec![
                item.label(i),
                then,
                format_date(schedule.items[i].early_finish),
                slip_days_text(days),
            ]
        })
        .collect();
    rows.extend(new.iter().map(|&i| {
        vec![
            roadmap.items[i].label(i),
            "new".to_string(),
            format_date(schedule.items[i].early_finish),
            String::new(),
        ]
    }));
    let mut blocks = vec![Block::Facts(facts)];
    if rows.is_empty() {
        blocks.push(Block::Note(vec![text(
            "Every shown item finishes as in the baseline.",
        )]));
    } else {
        blocks.push(Block::Table(Table {
            headers: vec![
                "Item".into(),
                "Baseline finish".into(),
                "Forecast finish".into(),
                "Slip".into(),
            ],
            rows,
            right: vec![false, false, false, true],
            code: vec![true, false, false, false],
            flex: Some(0),
        }));
    }
    Section {
        level: 2,
        heading: "Against the baseline".to_string(),
        blocks,
    }
}
