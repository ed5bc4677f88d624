//! Semantic diff of two roadmaps by item id: what changed in the plan, and what that does to
//! the forecast. Pure: two roadmaps and their schedules in, a `Diff` out; `render` turns it into
//! text or JSON. Nothing here reads files or runs git (the CLI does).

mod baseline;
mod compare;
mod render;

pub use baseline::Baseline;
pub use render::{diff_json, diff_text, diff_text_in};

use crate::model::{Date, Roadmap};
use crate::schedule::Schedule;
use serde::Serialize;
use serde_json::Value;

/// Everything that differs between OLD and NEW.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Roadmap-level fields (title, start, end, currency, unknown fields).
    pub roadmap: Vec<Change>,
    pub sectors: Vec<EntryDiff>,
    pub funding_schemes: Vec<EntryDiff>,
    /// Items in NEW's file order, then removed items in OLD's order.
    pub items: Vec<EntryDiff>,
    pub consequence: Consequence,
}

/// One sector, funding scheme or item that was added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryDiff {
    pub id: String,
    /// NEW's title or name (OLD's for a removed entry).
    pub title: String,
    pub status: EntryStatus,
    /// Field by field, for changed entries; empty for added and removed ones.
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    Added,
    Removed,
    Changed,
}

/// One field's change. `from`/`to` are `null` when the field (or dependency, funding line,
/// talent role) is absent on that side. `days` is set for dates: NEW minus OLD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub from: Value,
    pub to: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// What the changes do to the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consequence {
    /// Forecast finish before and after.
    #[serde(serialize_with = "render::date_or_null")]
    pub finish_before: Option<Date>,
    #[serde(serialize_with = "render::date_or_null")]
    pub finish_after: Option<Date>,
    /// Days the forecast finish moved (positive: later); `None` when either is unknown.
    pub slip_days: Option<i64>,
    /// Ids of items critical in NEW that were not critical in OLD (or did not exist), in NEW's order.
    pub became_critical: Vec<String>,
    /// Ids of items in both that were critical in OLD and are not in NEW, in NEW's order.
    pub no_longer_critical: Vec<String>,
}

impl Diff {
    /// Nothing changed that the diff reports.
    pub fn is_empty(&self) -> bool {
        self.roadmap.is_empty()
            && self.sectors.is_empty()
            && self.funding_schemes.is_empty()
            && self.items.is_empty()
            && self.consequence.became_critical.is_empty()
            && self.consequence.no_longer_critical.is_empty()
            && self.consequence.finish_before == self.consequence.finish_after
    }
}

/// Compares OLD and NEW; each schedule must be the one computed for its roadmap.
pub fn diff(
    old: &Roadmap,
    old_schedule: &Schedule,
    new: &Roadmap,
    new_schedule: &Schedule,
) -> Diff {
    Diff {
        roadmap: compare::roadmap_fields(old, new),
        sectors: compare::named_lists(
            old.sectors.iter().map(|s| (&s.id, &s.name, &s.extra)),
            new.sectors.iter().map(|s| (&s.id, &s.name, &s.extra)),
        ),
        funding_schemes: compare::named_lists(
            old.funding_schemes
                .iter()
                .map(|s| (&s.id, &s.name, &s.extra)),
            new.funding_schemes
                .iter()
                .map(|s| (&s.id, &s.name, &s.extra)),
        ),
        items: compare::items(old, new),
        consequence: consequence(old, old_schedule, new, new_schedule),
    }
}

fn consequence(old: &Roadmap, old_s: &Schedule, new: &Roadmap, new_s: &Schedule) -> Consequence {
    let old_index = old.id_index();
    let mut became_critical = Vec::new();
    let mut no_longer_critical = Vec::new();
    for (i, item) in new.items.iter().enumerate() {
        if item.id.is_empty() {
            continue;
        }
        let now = new_s.items.get(i).is_some_and(|s| s.critical);
        let before = old_index
            .get(item.id.as_str())
            .map(|&j| old_s.items.get(j).is_some_and(|s| s.critical));
        match before {
            Some(true) if !now => no_longer_critical.push(item.id.clone()),
            Some(false) | None if now => became_critical.push(item.id.clone()),
            _ => {}
        }
    }
    let slip_days = match (old_s.finish, new_s.finish) {
        (Some(a), Some(b)) => Some((b - a).num_days()),
        _ => None,
    };
    Consequence {
        finish_before: old_s.finish,
        finish_after: new_s.finish,
        slip_days,
        became_critical,
        no_longer_critical,
    }
}
