//! What the schedule means for each member: its items, critical items and forecast finish
//! against its own target, as a table for `peta schedule` and fields in its JSON.

use super::{Combined, Portfolio};
use crate::i18n::{Lang, M};
use crate::model::{format_date, Date};
use crate::report::schedule::{schedule_json as roadmap_json, slip_phrase_in};
use crate::schedule::Schedule;
use serde_json::{json, Value};
use std::fmt::Write;

/// One member's share of the combined schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberSummary {
    pub id: String,
    pub name: String,
    pub file: String,
    pub items: usize,
    pub critical: usize,
    /// The latest early finish of its items.
    pub finish: Option<Date>,
    /// The member roadmap's own end.
    pub target_end: Option<Date>,
}

impl MemberSummary {
    pub fn slip_days(&self) -> Option<i64> {
        Some((self.finish? - self.target_end?).num_days())
    }
}

/// Per member, in portfolio order. Linear in the items.
pub fn summaries(
    portfolio: &Portfolio,
    combined: &Combined,
    schedule: &Schedule,
) -> Vec<MemberSummary> {
    let mut out: Vec<MemberSummary> = portfolio
        .members
        .iter()
        .map(|m| MemberSummary {
            id: m.entry.id.clone(),
            name: m.entry.display_name().to_string(),
            file: m.entry.path.clone(),
            items: 0,
            critical: 0,
            finish: None,
            target_end: m.roadmap.end,
        })
        .collect();
    for (origin, item) in combined.origin.iter().zip(&schedule.items) {
        let summary = &mut out[origin.member];
        summary.items += 1;
        summary.critical += usize::from(item.critical);
        summary.finish = summary.finish.max(Some(item.early_finish));
    }
    out
}

/// The members table printed after `peta schedule`'s item table, in English.
pub fn members_text(portfolio: &Portfolio, combined: &Combined, schedule: &Schedule) -> String {
    members_text_in(portfolio, combined, schedule, Lang::En)
}

/// The members table in `lang` (dates as the schedule table writes them).
pub fn members_text_in(
    portfolio: &Portfolio,
    combined: &Combined,
    schedule: &Schedule,
    lang: Lang,
) -> String {
    let rows: Vec<[String; 7]> = summaries(portfolio, combined, schedule)
        .into_iter()
        .map(|s| {
            let slip = s
                .slip_days()
                .map(|days| slip_phrase_in(days, lang))
                .unwrap_or_default();
            [
                s.id,
                s.name,
                s.items.to_string(),
                s.critical.to_string(),
                s.finish
                    .map(|d| lang.date_short(d))
                    .unwrap_or_else(|| "-".into()),
                s.target_end
                    .map(|d| lang.date_short(d))
                    .unwrap_or_else(|| "-".into()),
                slip,
            ]
        })
        .collect();
    let headers = [
        lang.t(M::PortColMember),
        lang.t(M::PortColName),
        lang.t(M::PortColItems),
        lang.t(M::PortColCritical),
        lang.t(M::PortColFinish),
        lang.t(M::PortColTarget),
        "",
    ];
    let numeric = [false, false, true, true, false, false, false];
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|h| unicode_width::UnicodeWidthStr::width(*h))
        .collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let mut out = format!(
        "\n{}\n",
        crate::tr!(lang, PortMembersOf, title = portfolio.file.title)
    );
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (col, cell) in cells.into_iter().enumerate() {
            if col > 0 {
                text.push_str("  ");
            }
            crate::report::push_aligned(&mut text, cell, widths[col], numeric[col]);
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(headers.to_vec());
    for row in &rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// `peta schedule --json` for a portfolio: the roadmap shape (ids are `member:item`), each
/// item with its `member` and `local_id`, and a `members` list with each member's finish.
pub fn schedule_json(
    portfolio: &Portfolio,
    combined: &Combined,
    schedule: &Schedule,
    today: Date,
) -> Value {
    let mut value = roadmap_json(&combined.roadmap, schedule, today);
    if let Some(items) = value.get_mut("items").and_then(Value::as_array_mut) {
        for (item, origin) in items.iter_mut().zip(&combined.origin) {
            let member = &portfolio.members[origin.member];
            if let Value::Object(map) = item {
                map.insert("member".into(), json!(member.entry.id));
                map.insert(
                    "local_id".into(),
                    json!(member.roadmap.items[origin.local].id),
                );
            }
        }
    }
    let members: Vec<Value> = summaries(portfolio, combined, schedule)
        .into_iter()
        .map(|s| {
            json!({
                "id": s.id,
                "name": s.name,
                "path": s.file,
                "items": s.items,
                "critical": s.critical,
                "finish": s.finish.map(format_date),
                "target_end": s.target_end.map(format_date),
                "slip_days": s.slip_days(),
            })
        })
        .collect();
    if let Value::Object(map) = &mut value {
        map.insert("portfolio".into(), json!(portfolio.file.title));
        map.insert("members".into(), Value::Array(members));
    }
    value
}
