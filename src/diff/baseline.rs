//! A baseline: the plan as it was at a git revision (or in another file), scheduled, so the
//! current plan can be compared item by item with it ("how far has this slipped since?").

use crate::model::{Date, Roadmap};
use crate::schedule::Schedule;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// Where it came from, as the user named it (`HEAD~5:roadmap.json`).
    pub label: String,
    /// The baseline's forecast finish.
    pub finish: Option<Date>,
    /// Per item id: the baseline's forecast (early) start and finish.
    dates: FxHashMap<String, (Date, Date)>,
}

impl Baseline {
    /// `schedule` must be the baseline roadmap's own.
    pub fn new(label: &str, roadmap: &Roadmap, schedule: &Schedule) -> Baseline {
        let mut dates = FxHashMap::default();
        for (item, computed) in roadmap.items.iter().zip(&schedule.items) {
            if !item.id.is_empty() {
                dates
                    .entry(item.id.clone())
                    .or_insert((computed.early_start, computed.early_finish));
            }
        }
        Baseline {
            label: label.to_string(),
            finish: schedule.finish,
            dates,
        }
    }

    /// The item's forecast start and finish in the baseline; `None` when it is new since.
    pub fn dates(&self, id: &str) -> Option<(Date, Date)> {
        self.dates.get(id).copied()
    }

    /// The baseline's item ids, sorted (for "removed since the baseline").
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.dates.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }

    /// Days the item's forecast finish lies after its baseline finish (negative: earlier).
    pub fn slip_days(&self, id: &str, finish: Date) -> Option<i64> {
        self.dates(id).map(|(_, base)| (finish - base).num_days())
    }
}
