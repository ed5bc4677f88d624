//! "Against the baseline": how the shown items' forecast finishes moved since the baseline
//! (`peta summary --baseline REV`), and the roadmap's finish then and now.

use super::blocks::{code, text, Block, Frag, Section, Table};
use super::View;
use crate::diff::Baseline;
use crate::i18n::{Lang, M};
use crate::tr;
use rustc_hash::FxHashSet;

/// `10 days later`, `1 day earlier`, `unchanged`.
fn moved(days: i64, lang: Lang) -> String {
    let n = usize::try_from(days.unsigned_abs()).unwrap_or(usize::MAX);
    match days {
        0 => tr!(lang, AgUnchanged).to_string(),
        d if d > 0 => lang.plural(n, M::DiffDayLater, M::DiffDaysLater),
        _ => lang.plural(n, M::DiffDayEarlier, M::DiffDaysEarlier),
    }
}

/// At most this many removed ids are named; the rest are counted.
const REMOVED_NAMED: usize = 20;

pub(super) fn section(view: &View, baseline: &Baseline) -> Section {
    let (roadmap, schedule) = (view.roadmap, view.schedule);
    let lang = view.options.lang;
    // Running text takes the long date, table columns the short one (both YYYY-MM-DD in English).
    let date = |d| lang.date(d);
    let column_date = |d| lang.date_short(d);
    let mut facts: Vec<(String, Vec<Frag>)> = Vec::new();
    let finish = match (baseline.finish, schedule.finish) {
        (Some(then), Some(now)) => tr!(
            lang,
            AgFinishBoth,
            now = date(now),
            then = date(then),
            moved = moved((now - then).num_days(), lang)
        ),
        (None, Some(now)) => tr!(lang, AgFinishNoBaseline, now = date(now)),
        (Some(then), None) => tr!(lang, AgFinishNoNow, then = date(then)),
        (None, None) => tr!(lang, AgFinishNeither).to_string(),
    };
    facts.push((tr!(lang, SumForecastFinish).into(), vec![text(finish)]));

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
        tr!(lang, AgItemsShown).into(),
        vec![text(tr!(
            lang,
            AgItemsShownValue,
            later = later,
            earlier = earlier,
            unchanged = unchanged,
            new = new.len()
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
                let more = removed.len() - REMOVED_NAMED;
                frags.push(text(tr!(lang, AgAndMore, n = more)));
            }
            facts.push((tr!(lang, AgRemovedSince).into(), frags));
        }
    }

    let mut rows: Vec<Vec<String>> = slips
        .iter()
        .map(|&(days, i)| {
            let item = &roadmap.items[i];
            let then = baseline
                .dates(&item.id)
                .map_or_else(String::new, |(_, f)| column_date(f));
            // Signed like `slip_days_text`: `+10`, `-3`.
            let signed = if days > 0 {
                format!("+{days}")
            } else {
                days.to_string()
            };
            vec![
                item.label(i),
                then,
                column_date(schedule.items[i].early_finish),
                tr!(lang, AgSlipDays, days = signed),
            ]
        })
        .collect();
    rows.extend(new.iter().map(|&i| {
        vec![
            roadmap.items[i].label(i),
            tr!(lang, AgNew).to_string(),
            column_date(schedule.items[i].early_finish),
            String::new(),
        ]
    }));
    let mut blocks = vec![Block::Facts(facts)];
    if rows.is_empty() {
        blocks.push(Block::Note(vec![text(tr!(lang, AgAllAsBaseline))]));
    } else {
        blocks.push(Block::Table(Table {
            headers: vec![
                tr!(lang, SumItem).into(),
                tr!(lang, AgBaselineFinish).into(),
                tr!(lang, SumForecastFinish).into(),
                tr!(lang, AgSlip).into(),
            ],
            rows,
            right: vec![false, false, false, true],
            code: vec![true, false, false, false],
            flex: Some(0),
        }));
    }
    Section {
        level: 2,
        heading: tr!(lang, AgHeading).to_string(),
        blocks,
    }
}
