//! The regulation pipeline: every regulation item by stage, which are overdue, and the items
//! each one gates (items that depend on it directly) with their float.
//!
//! A regulation is overdue when it is not enacted and its planned end is before `today`.
//! A gated item is blocked when the schedule says it waits for this regulation.

use crate::i18n::Lang;
use crate::model::{format_date, Date, Kind, RegulationStage, Roadmap};
use crate::schedule::{Reason, Schedule, Status};
use crate::tr;
use serde_json::{json, Value};
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gated {
    pub item: usize,
    /// Total float in days; negative when the item is already behind its plan.
    pub float_days: i64,
    pub critical: bool,
    /// The schedule blocks the item on this regulation.
    pub blocked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegulationRow {
    pub item: usize,
    pub stage: Option<RegulationStage>,
    pub overdue: bool,
    /// Items depending on the regulation, in file order.
    pub gates: Vec<Gated>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pipeline {
    /// Regulation items in pipeline order: no stage first, then planned to enacted; file
    /// order within a stage.
    pub rows: Vec<RegulationRow>,
}

impl Pipeline {
    pub fn overdue(&self) -> impl Iterator<Item = &RegulationRow> {
        self.rows.iter().filter(|r| r.overdue)
    }

    /// Rows of one stage (`None`: regulations without a usable stage).
    pub fn in_stage(&self, stage: Option<RegulationStage>) -> impl Iterator<Item = &RegulationRow> {
        self.rows.iter().filter(move |r| r.stage == stage)
    }
}

pub fn pipeline(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> Pipeline {
    let ids = roadmap.id_index();
    // Regulation index -> items depending on it, built in one pass over the links.
    let mut gated: Vec<Vec<usize>> = vec![Vec::new(); roadmap.items.len()];
    for (index, item) in roadmap.items.iter().enumerate() {
        for dep in &item.depends_on {
            if let Some(&pred) = ids.get(dep.id.as_str()) {
                let list = &mut gated[pred];
                if roadmap.items[pred].kind == Some(Kind::Regulation) && list.last() != Some(&index)
                {
                    list.push(index);
                }
            }
        }
    }
    let mut rows: Vec<RegulationRow> = roadmap
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind == Some(Kind::Regulation))
        .map(|(index, item)| {
            let stage = item.regulation.as_ref().and_then(|r| r.stage);
            let overdue =
                stage != Some(RegulationStage::Enacted) && item.end.is_some_and(|end| end < today);
            let gates = gated[index]
                .iter()
                .map(|&succ| {
                    let s = schedule.items.get(succ);
                    Gated {
                        item: succ,
                        float_days: s.map_or(0, |s| s.total_float),
                        critical: s.is_some_and(|s| s.critical),
                        blocked: s.is_some_and(|s| {
                            s.status == Status::Blocked
                                && matches!(s.reason, Some(Reason::RegulationNotEnacted { pred, .. }) if pred == index)
                        }),
                    }
                })
                .collect();
            RegulationRow {
                item: index,
                stage,
                overdue,
                gates,
            }
        })
        .collect();
    rows.sort_by_key(|row| (row.stage, row.item));
    Pipeline { rows }
}

/// The stage as the JSON output names it: the file's keyword.
fn stage_key(stage: Option<RegulationStage>) -> &'static str {
    stage.map_or("no stage", RegulationStage::as_str)
}

/// The stage as people read it, in a language.
fn stage_name(stage: Option<RegulationStage>, lang: Lang) -> &'static str {
    stage.map_or(lang.t(crate::i18n::M::RepRegNoStage), |s| s.label(lang))
}

fn stages() -> impl Iterator<Item = Option<RegulationStage>> {
    std::iter::once(None).chain(RegulationStage::ALL.iter().copied().map(Some))
}

/// One gated item for people: `a (549 days float, critical, blocked)`.
pub fn gate_text(roadmap: &Roadmap, gate: &Gated) -> String {
    gate_text_in(roadmap, gate, crate::i18n::Lang::En)
}

/// [`gate_text`] in a language.
pub fn gate_text_in(roadmap: &Roadmap, gate: &Gated, lang: crate::i18n::Lang) -> String {
    let mut text = format!(
        "{} ({}",
        roadmap.items[gate.item].id,
        crate::tr!(lang, GateFloat, n = gate.float_days)
    );
    if gate.critical {
        text.push_str(", ");
        text.push_str(crate::tr!(lang, GateCritical));
    }
    if gate.blocked {
        text.push_str(", ");
        text.push_str(crate::schedule::Status::Blocked.label(lang));
    }
    text.push(')');
    text
}

/// The pipeline printed by `peta regulations`.
pub fn regulations_text(roadmap: &Roadmap, pipeline: &Pipeline, today: Date) -> String {
    regulations_text_in(roadmap, pipeline, today, Lang::En)
}

/// [`regulations_text`] in a language (the table keeps `YYYY-MM-DD` dates).
pub fn regulations_text_in(
    roadmap: &Roadmap,
    pipeline: &Pipeline,
    today: Date,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tr!(
            lang,
            RepRegTitle,
            title = roadmap.title,
            date = lang.date(today)
        )
    );
    if pipeline.rows.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, RepRegNone));
        return out;
    }
    let id_width = pipeline
        .rows
        .iter()
        .map(|r| roadmap.items[r.item].id.chars().count())
        .max()
        .unwrap_or(0);
    let instrument_width = pipeline
        .rows
        .iter()
        .filter_map(|r| roadmap.items[r.item].regulation.as_ref())
        .map(|r| r.instrument.chars().count())
        .max()
        .unwrap_or(0)
        .max(1);
    let owner_width = pipeline
        .rows
        .iter()
        .map(|r| {
            roadmap.items[r.item]
                .owner
                .as_deref()
                .map_or(1, |o| o.chars().count())
        })
        .max()
        .unwrap_or(0);
    for stage in stages() {
        let rows: Vec<&RegulationRow> = pipeline.in_stage(stage).collect();
        if rows.is_empty() && stage.is_none() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{} ({})",
            stage_name(stage, lang).to_uppercase(),
            rows.len()
        );
        for row in rows {
            let item = &roadmap.items[row.item];
            let instrument = item.instrument().unwrap_or("-");
            let target = item.end.map_or("-".to_string(), format_date);
            let owner = item.owner.as_deref().unwrap_or("-");
            let overdue = if row.overdue {
                tr!(lang, RepRegOverdue)
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {:<id_width$}  {:<instrument_width$}  {:<owner_width$}  {}{overdue}",
                item.id,
                instrument,
                owner,
                tr!(lang, RepRegRow, target = target)
            );
            if !row.gates.is_empty() {
                let gates: Vec<String> = row
                    .gates
                    .iter()
                    .map(|g| gate_text_in(roadmap, g, lang))
                    .collect();
                let _ = writeln!(out, "{}", tr!(lang, RepRegGates, items = gates.join(", ")));
            }
        }
    }
    let overdue: Vec<&RegulationRow> = pipeline.overdue().collect();
    let _ = writeln!(
        out,
        "\n{}",
        tr!(
            lang,
            RepRegCounts,
            n = pipeline.rows.len(),
            enacted = pipeline.in_stage(Some(RegulationStage::Enacted)).count(),
            overdue = overdue.len()
        )
    );
    for row in overdue {
        let item = &roadmap.items[row.item];
        let gated: Vec<&str> = row
            .gates
            .iter()
            .map(|g| roadmap.items[g.item].id.as_str())
            .collect();
        let items = if gated.is_empty() {
            tr!(lang, RepRegNothing).to_string()
        } else {
            gated.join(", ")
        };
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                RepRegOverdueLine,
                id = item.id,
                stage = stage_name(row.stage, lang),
                target = item.end.map_or("-".to_string(), format_date),
                items = items
            )
        );
    }
    out
}

/// The pipeline for other tools.
pub fn regulations_json(roadmap: &Roadmap, pipeline: &Pipeline, today: Date) -> Value {
    let rows: Vec<Value> = pipeline
        .rows
        .iter()
        .map(|row| {
            let item = &roadmap.items[row.item];
            json!({
                "id": item.id,
                "title": item.title,
                "instrument": item.instrument(),
                "stage": row.stage.map(RegulationStage::as_str),
                "owner": item.owner,
                "target": item.end.map(format_date),
                "overdue": row.overdue,
                "gates": row.gates.iter().map(|g| json!({
                    "id": roadmap.items[g.item].id,
                    "total_float_days": g.float_days,
                    "critical": g.critical,
                    "blocked": g.blocked,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let by_stage: serde_json::Map<String, Value> = stages()
        .filter_map(|stage| {
            let count = pipeline.in_stage(stage).count();
            (stage.is_some() || count > 0).then(|| (stage_key(stage).to_string(), json!(count)))
        })
        .collect();
    json!({
        "today": format_date(today),
        "regulations": rows,
        "by_stage": by_stage,
        "overdue": pipeline.overdue().map(|r| roadmap.items[r.item].id.as_str()).collect::<Vec<_>>(),
    })
}
