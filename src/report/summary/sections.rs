//! The sections of the summary after the timeline: critical path, status counts, items that
//! need attention, funding, and regulations not yet enacted. Each builds format-neutral
//! blocks from the existing report functions.

use super::blocks::{code, text, Block, Frag, Section, Table};
use super::View;
use crate::i18n::{Lang, M};
use crate::model::{Kind, RegulationStage};
use crate::report::funding::{summarize, Totals};
use crate::report::funding_checks::unfunded_critical;
use crate::report::schedule::{chain_text, critical_chains, critical_off_chains, slip_phrase_in};
use crate::schedule::Status;
use crate::tr;
use chrono::Datelike;
use std::collections::HashSet;

fn section(heading: M, lang: Lang, blocks: Vec<Block>) -> Section {
    Section {
        level: 2,
        heading: lang.t(heading).to_string(),
        blocks,
    }
}

fn note(s: &str) -> Block {
    Block::Note(vec![text(s)])
}

/// Title, horizon, forecast against the target, and what the selection shows.
pub(super) fn header(view: &View) -> Section {
    let (roadmap, schedule) = (view.roadmap, view.schedule);
    let lang = view.options.lang;
    let date = |d| lang.date(d);
    let mut facts: Vec<(String, Vec<Frag>)> = Vec::new();
    let horizon = match (roadmap.start, roadmap.end) {
        (Some(start), Some(end)) => {
            let years = (end.year() - start.year() + 1).max(0) as usize;
            let years = lang.plural(years, M::SumYearOne, M::SumYearMany);
            tr!(
                lang,
                SumHorizonBoth,
                start = date(start),
                end = date(end),
                years = years
            )
        }
        (Some(start), None) => tr!(lang, SumHorizonFrom, start = date(start)),
        (None, Some(end)) => tr!(lang, SumHorizonUntil, end = date(end)),
        (None, None) => tr!(lang, SumNotSet).to_string(),
    };
    facts.push((tr!(lang, SumHorizon).into(), vec![text(horizon)]));
    facts.push((
        tr!(lang, SumAsOf).into(),
        vec![text(date(view.options.today))],
    ));
    let forecast = match (schedule.finish, schedule.target_end) {
        (Some(finish), Some(target)) => tr!(
            lang,
            SumForecastVsTarget,
            finish = date(finish),
            target = date(target),
            slip = slip_phrase_in(schedule.slip_days, lang)
        ),
        (Some(finish), None) => tr!(lang, SumForecastNoTarget, finish = date(finish)),
        _ => tr!(lang, SumNothingToSchedule).to_string(),
    };
    facts.push((tr!(lang, SumForecastFinish).into(), vec![text(forecast)]));
    if let Some(baseline) = view.baseline {
        facts.push((
            tr!(lang, SumBaseline).into(),
            vec![code(baseline.label.clone())],
        ));
    }
    facts.push((
        tr!(lang, SumItems).into(),
        vec![text(tr!(
            lang,
            SumItemsCritical,
            n = view.total,
            critical = schedule.critical_count()
        ))],
    ));
    let mut scope = Vec::new();
    if !view.options.sectors.is_empty() {
        scope.push(tr!(
            lang,
            SumScopeSectors,
            sectors = view.options.sectors.join(", ")
        ));
    }
    if view.options.critical_only {
        scope.push(tr!(lang, SumScopeCritical).to_string());
    }
    if view.options.from.is_some() || view.options.to.is_some() {
        scope.push(tr!(
            lang,
            SumScopeWindow,
            from = date(view.window.0),
            to = date(view.window.1)
        ));
    }
    if !scope.is_empty() {
        facts.push((
            tr!(lang, SumShowing).into(),
            vec![text(tr!(
                lang,
                SumShowingValue,
                scope = scope.join("; "),
                shown = view.shown.len(),
                total = view.total
            ))],
        ));
    }
    let mut blocks = vec![Block::Facts(facts)];
    if schedule.has_cycle {
        blocks.push(note(tr!(lang, SumCycles)));
    }
    let title = if roadmap.title.trim().is_empty() {
        tr!(lang, SumUntitled)
    } else {
        roadmap.title.as_str()
    };
    Section {
        level: 1,
        heading: title.to_string(),
        blocks,
    }
}

/// The chains that end at the forecast finish, and the other critical items.
pub(super) fn critical_path(view: &View) -> Section {
    let (roadmap, schedule) = (view.roadmap, view.schedule);
    let lang = view.options.lang;
    let chains = critical_chains(schedule);
    let mut bullets: Vec<Vec<Frag>> = chains
        .iter()
        .map(|chain| vec![code(chain_text(roadmap, schedule, chain))])
        .collect();
    let others: Vec<String> = critical_off_chains(schedule, &chains)
        .into_iter()
        .map(|i| roadmap.items[i].label(i))
        .collect();
    if !others.is_empty() {
        let mut item = vec![text(tr!(lang, SumAlsoCritical))];
        for (n, id) in others.into_iter().enumerate() {
            if n > 0 {
                item.push(text(", "));
            }
            item.push(code(id));
        }
        bullets.push(item);
    }
    let blocks = if bullets.is_empty() {
        vec![note(tr!(lang, SumNoCritical))]
    } else {
        vec![Block::Bullets(bullets)]
    };
    section(M::SumCriticalPath, lang, blocks)
}

/// How many of the shown items are in each status.
pub(super) fn status_counts(view: &View) -> Section {
    let lang = view.options.lang;
    let mut counts = [0usize; Status::ALL.len()];
    let (mut critical, mut near) = (0, 0);
    for &i in &view.shown {
        let computed = &view.schedule.items[i];
        if let Some(slot) = Status::ALL.iter().position(|&s| s == computed.status) {
            counts[slot] += 1;
        }
        critical += usize::from(computed.critical);
        near += usize::from(computed.near_critical);
    }
    let mut rows: Vec<Vec<String>> = Status::ALL
        .iter()
        .zip(counts)
        .map(|(status, n)| vec![status.label(lang).to_string(), n.to_string()])
        .collect();
    rows.push(vec![
        tr!(lang, SumTotal).to_string(),
        view.shown.len().to_string(),
    ]);
    let table = Table {
        headers: vec![tr!(lang, SumStatus).into(), tr!(lang, SumItems).into()],
        rows,
        right: vec![false, true],
        code: vec![false, false],
        flex: None,
    };
    section(
        M::SumStatus,
        lang,
        vec![
            Block::Table(table),
            note(&tr!(
                lang,
                SumCriticalNear,
                critical = critical,
                near = near
            )),
        ],
    )
}

/// Late, blocked and at-risk items with the schedule's reasons, worst first.
pub(super) fn attention(view: &View) -> Section {
    let lang = view.options.lang;
    let mut rows = Vec::new();
    for status in [Status::Late, Status::Blocked, Status::AtRisk] {
        for &i in &view.shown {
            let computed = &view.schedule.items[i];
            if computed.status != status {
                continue;
            }
            let reason = computed
                .reason
                .as_ref()
                .map(|r| r.describe_in(view.roadmap, lang))
                .unwrap_or_default();
            rows.push(vec![
                status.label(lang).to_string(),
                view.roadmap.items[i].label(i),
                reason,
            ]);
        }
    }
    let blocks = if rows.is_empty() {
        vec![note(tr!(lang, SumNothingLate))]
    } else {
        vec![Block::Table(Table {
            headers: vec![
                tr!(lang, SumStatus).into(),
                tr!(lang, SumItem).into(),
                tr!(lang, SumReason).into(),
            ],
            rows,
            right: vec![false, false, false],
            code: vec![false, true, false],
            flex: Some(2),
        })]
    };
    section(M::SumAttention, lang, blocks)
}

/// Funding per scheme and the gap, for the chosen sectors (or the whole roadmap).
pub(super) fn funding(view: &View) -> Section {
    let roadmap = view.roadmap;
    let lang = view.options.lang;
    let currency = roadmap.currency.as_str();
    let format_money = |amount: u128, currency: &str| lang.money(amount, currency);
    let mut schemes: Vec<(bool, String, String, u128)> = Vec::new();
    let mut totals = Totals::default();
    let mut skipped = 0;
    let mut seen = HashSet::new();
    let summaries: Vec<_> = if view.options.sectors.is_empty() {
        vec![summarize(roadmap, None)]
    } else {
        view.options
            .sectors
            .iter()
            .filter(|s| seen.insert(s.as_str()))
            .map(|s| summarize(roadmap, Some(s)))
            .collect()
    };
    for summary in &summaries {
        for row in &summary.schemes {
            match schemes
                .iter_mut()
                .find(|(known, id, _, _)| *known == row.known && *id == row.id)
            {
                Some(slot) => slot.3 += row.total,
                None => schemes.push((row.known, row.id.clone(), row.name.clone(), row.total)),
            }
        }
        let t = &summary.totals;
        totals.cost += t.cost;
        totals.funded += t.funded;
        totals.committed += t.committed;
        totals.disbursed += t.disbursed;
        totals.proposed += t.proposed;
        skipped += summary.skipped_lines;
    }
    totals.gap = totals.cost.saturating_sub(totals.committed);
    totals.unfunded = totals.cost.saturating_sub(totals.funded);

    let mut blocks = Vec::new();
    if schemes.iter().any(|s| s.3 > 0) {
        let mut rows: Vec<Vec<String>> = schemes
            .iter()
            .map(|(_, _, name, total)| vec![name.clone(), format_money(*total, currency)])
            .collect();
        rows.push(vec![
            tr!(lang, SumTotal).to_string(),
            format_money(totals.funded, currency),
        ]);
        blocks.push(Block::Table(Table {
            headers: vec![tr!(lang, SumScheme).into(), tr!(lang, SumFunded).into()],
            rows,
            right: vec![false, true],
            code: vec![false, false],
            flex: Some(0),
        }));
    } else {
        blocks.push(note(tr!(lang, SumNoFunding)));
    }
    blocks.push(Block::Facts(vec![
        (
            tr!(lang, SumCost).into(),
            vec![text(format_money(totals.cost, currency))],
        ),
        (
            tr!(lang, SumFunded).into(),
            vec![text(tr!(
                lang,
                SumFundedValue,
                funded = format_money(totals.funded, currency),
                committed = format_money(totals.committed, currency),
                proposed = format_money(totals.proposed, currency)
            ))],
        ),
        (
            tr!(lang, SumGap).into(),
            vec![text(tr!(
                lang,
                SumGapValue,
                gap = format_money(totals.gap, currency)
            ))],
        ),
    ]));
    blocks.extend(funded_critical_path(view));
    if !view.options.sectors.is_empty() {
        blocks.push(note(&tr!(
            lang,
            SumSectorsOnly,
            sectors = view.options.sectors.join(", ")
        )));
    }
    if skipped > 0 {
        let lines = lang.plural(skipped, M::SumLineOne, M::SumLineMany);
        blocks.push(note(&tr!(lang, SumSkipped, lines = lines)));
    }
    section(M::SumFunding, lang, blocks)
}

/// The "funded critical path": critical items of the chosen sectors whose cost is not
/// covered by committed money, in file order, each with its gap.
fn funded_critical_path(view: &View) -> Vec<Block> {
    let roadmap = view.roadmap;
    let lang = view.options.lang;
    let sectors = &view.options.sectors;
    let lacking: Vec<Vec<Frag>> = unfunded_critical(roadmap, view.schedule)
        .into_iter()
        .filter(|u| sectors.is_empty() || sectors.contains(&roadmap.items[u.item].sector))
        .map(|u| {
            // One bullet per item keeps an amount from being split across wrapped lines.
            vec![
                code(roadmap.items[u.item].id.clone()),
                text(tr!(
                    lang,
                    SumGapOf,
                    gap = lang.money(u.totals.gap, &roadmap.currency)
                )),
            ]
        })
        .collect();
    if lacking.is_empty() {
        return vec![note(tr!(lang, SumAllCriticalFunded))];
    }
    vec![note(tr!(lang, SumCriticalLacking)), Block::Bullets(lacking)]
}

/// Regulation items that are not enacted, among the shown items or gating one of them
/// directly (a regulation of another sector that holds up a shown item), with how many items
/// wait on each directly.
pub(super) fn regulations(view: &View) -> Section {
    let roadmap = view.roadmap;
    let lang = view.options.lang;
    let pending = |i: usize| {
        let item = &roadmap.items[i];
        item.kind == Some(Kind::Regulation)
            && item.regulation.as_ref().and_then(|r| r.stage) != Some(RegulationStage::Enacted)
    };
    // Direct dependents of every pending regulation, in one pass over the links.
    let index = roadmap.id_index();
    let mut gates = vec![0usize; roadmap.items.len()];
    for item in &roadmap.items {
        for dep in &item.depends_on {
            if let Some(&pred) = index.get(dep.id.as_str()) {
                gates[pred] += 1;
            }
        }
    }
    let mut listed = vec![false; roadmap.items.len()];
    for &i in &view.shown {
        listed[i] |= pending(i);
        for dep in &roadmap.items[i].depends_on {
            if let Some(&pred) = index.get(dep.id.as_str()) {
                listed[pred] |= pending(pred);
            }
        }
    }
    let mut shown: Vec<usize> = (0..view.total).filter(|&i| listed[i]).collect();
    shown.sort_by_key(|&i| (view.schedule.items[i].early_finish, i));
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|&i| {
            let item = &roadmap.items[i];
            let regulation = item.regulation.as_ref();
            vec![
                item.label(i),
                regulation
                    .map(|r| r.instrument.clone())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "-".into()),
                regulation
                    .and_then(|r| r.stage)
                    .map(|s| s.label(lang).to_string())
                    .unwrap_or_else(|| tr!(lang, SumUnknown).into()),
                lang.date_short(view.schedule.items[i].early_finish),
                gates[i].to_string(),
                item.title.clone(),
            ]
        })
        .collect();
    let blocks = if rows.is_empty() {
        vec![note(tr!(lang, SumNoPending))]
    } else {
        vec![Block::Table(Table {
            headers: vec![
                tr!(lang, SumItem).into(),
                tr!(lang, SumInstrument).into(),
                tr!(lang, SumStage).into(),
                tr!(lang, SumForecast).into(),
                tr!(lang, SumGates).into(),
                tr!(lang, SumTitle).into(),
            ],
            rows,
            right: vec![false, false, false, false, true, false],
            code: vec![true, false, false, false, false, false],
            flex: Some(5),
        })]
    };
    section(M::SumRegulations, lang, blocks)
}
