//! `peta schedule --json` written straight from the schedule: the same document as
//! [`super::schedule::schedule_json`] (a `serde_json::Value`), without building that tree of
//! maps first. At 10,000 items building and dropping the tree took longer than loading,
//! validating and scheduling the file together; this writes the text in one pass.

use super::schedule::schedule_json;
use crate::model::{Date, Roadmap};
use crate::schedule::Schedule;
use serde::{Serialize, Serializer};
use std::fmt;

/// A date written as `YYYY-MM-DD`, as [`crate::model::format_date`] writes it.
struct Day(Date);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Datelike;
        let date = self.0;
        if (0..=9999).contains(&date.year()) {
            write!(
                f,
                "{:04}-{:02}-{:02}",
                date.year(),
                date.month(),
                date.day()
            )
        } else {
            f.write_str(&crate::model::format_date(date))
        }
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One item. Fields in alphabetical order, the order `serde_json::Value` objects print in.
#[derive(Serialize)]
struct ItemJson<'a> {
    critical: bool,
    driving_predecessor: Option<&'a str>,
    early_finish: Day,
    early_start: Day,
    free_float_days: i64,
    id: &'a str,
    late_finish: Day,
    late_start: Day,
    near_critical: bool,
    reason: Option<String>,
    status: &'static str,
    total_float_days: i64,
}

/// The items, serialized one by one as they are written.
struct Items<'a> {
    roadmap: &'a Roadmap,
    schedule: &'a Schedule,
}

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (roadmap, schedule) = (self.roadmap, self.schedule);
        serializer.collect_seq(schedule.items.iter().enumerate().map(|(i, s)| {
            let item = &roadmap.items[i];
            ItemJson {
                critical: s.critical,
                driving_predecessor: s
                    .driving
                    .and_then(|link| item.depends_on.get(link))
                    .map(|dep| dep.id.as_str()),
                early_finish: Day(s.early_finish),
                early_start: Day(s.early_start),
                free_float_days: s.free_float,
                id: &item.id,
                late_finish: Day(s.late_finish),
                late_start: Day(s.late_start),
                near_critical: s.near_critical,
                reason: s.reason.as_ref().map(|r| r.describe(roadmap)),
                status: s.status.as_str(),
                total_float_days: s.total_float,
            }
        }))
    }
}

#[derive(Serialize)]
struct ScheduleJson<'a> {
    critical_path: Vec<&'a str>,
    finish: Option<Day>,
    has_cycle: bool,
    items: Items<'a>,
    slip_days: i64,
    target_end: Option<Day>,
    today: Day,
}

/// `peta schedule --json`: the text of [`schedule_json`] pretty-printed, byte for byte.
pub fn schedule_json_text(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> String {
    let document = ScheduleJson {
        critical_path: schedule
            .critical_path
            .iter()
            .map(|&i| roadmap.items[i].id.as_str())
            .collect(),
        finish: schedule.finish.map(Day),
        has_cycle: schedule.has_cycle,
        items: Items { roadmap, schedule },
        slip_days: schedule.slip_days,
        target_end: schedule.target_end.map(Day),
        today: Day(today),
    };
    // Serializing plain structs and strings cannot fail; the tree is the fallback all the same.
    serde_json::to_string_pretty(&document).unwrap_or_else(|_| {
        serde_json::to_string_pretty(&schedule_json(roadmap, schedule, today)).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{schedule, Options};

    #[test]
    fn the_same_text_as_the_value_tree() {
        let today = Date::from_ymd_opt(2026, 7, 1).unwrap();
        for items in [0, 1, 300] {
            let roadmap = crate::generate::roadmap(items, 2, 11);
            let plan = schedule(&roadmap, &Options::new(today));
            let tree = serde_json::to_string_pretty(&schedule_json(&roadmap, &plan, today));
            assert_eq!(schedule_json_text(&roadmap, &plan, today), tree.unwrap());
        }
    }

    #[test]
    fn days_are_written_as_in_files() {
        let day = |y, m, d| Day(Date::from_ymd_opt(y, m, d).unwrap()).to_string();
        assert_eq!(day(2026, 7, 1), "2026-07-01");
        assert_eq!(day(987, 12, 31), "0987-12-31");
        assert_eq!(
            day(12345, 1, 2),
            crate::model::format_date(Date::from_ymd_opt(12345, 1, 2).unwrap())
        );
    }
}
