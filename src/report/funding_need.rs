//! What the roadmap needs per budget year: each item's cost spread over its active days.
//!
//! An item costing C from `start` to `end` (inclusive) needs C x d / D in a year where d of its
//! D days fall; the last year takes what integer division leaves, so the years add up to the
//! cost exactly. Items without a cost or usable dates need nothing.

use crate::model::{Date, Roadmap};
use chrono::Datelike;
use std::collections::BTreeMap;

/// Cost per year, for the years some item is active in.
pub fn need_per_year(roadmap: &Roadmap) -> BTreeMap<i32, u128> {
    let mut need: BTreeMap<i32, u128> = BTreeMap::new();
    for item in &roadmap.items {
        let (Some(cost), Some(start), Some(end)) = (item.cost, item.start, item.end) else {
            continue;
        };
        if end < start || cost == 0 {
            continue;
        }
        let cost = u128::from(cost);
        let days = |from: Date, to: Date| u128::try_from((to - from).num_days() + 1).unwrap_or(0);
        let total = days(start, end);
        let mut given = 0;
        for year in start.year()..=end.year() {
            let share = if year == end.year() {
                cost - given
            } else {
                let first = Date::from_ymd_opt(year, 1, 1).map_or(start, |d| d.max(start));
                let last = Date::from_ymd_opt(year, 12, 31).map_or(end, |d| d.min(end));
                cost * days(first, last) / total
            };
            given += share;
            *need.entry(year).or_default() += share;
        }
    }
    need
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_date, Item};

    fn item(cost: u64, start: &str, end: &str) -> Item {
        Item {
            cost: Some(cost),
            start: parse_date(start),
            end: parse_date(end),
            ..Default::default()
        }
    }

    #[test]
    fn cost_is_spread_by_days_and_adds_up() {
        let roadmap = Roadmap {
            items: vec![
                // 183 days in 2025 (Jul 2 - Dec 31), 181 in 2026 (Jan 1 - Jun 30).
                Box::new(item(364, "2025-07-02", "2026-06-30")),
                // 1 day in 2025, 2 in 2026: 100 x 1/3 = 33, the rest 67.
                Box::new(item(100, "2025-12-31", "2026-01-02")),
                // One year only, and items without cost or dates need nothing.
                Box::new(item(50, "2027-03-01", "2027-03-31")),
                Box::new(Item {
                    cost: Some(9),
                    ..Default::default()
                }),
                Box::new(item(0, "2025-01-01", "2025-12-31")),
            ],
            ..Default::default()
        };
        let need = need_per_year(&roadmap);
        assert_eq!(
            need.into_iter().collect::<Vec<_>>(),
            vec![(2025, 183 + 33), (2026, 181 + 67), (2027, 50)]
        );
    }

    #[test]
    fn the_largest_costs_stay_exact() {
        let roadmap = Roadmap {
            items: vec![
                Box::new(item(u64::MAX, "2025-01-01", "2026-12-31")),
                Box::new(item(u64::MAX, "2025-01-01", "2025-12-31")),
            ],
            ..Default::default()
        };
        let need = need_per_year(&roadmap);
        assert_eq!(need.values().sum::<u128>(), 2 * u128::from(u64::MAX));
        // 365 of 730 days in 2025.
        assert_eq!(need[&2025], u128::from(u64::MAX) / 2 + u128::from(u64::MAX));
    }
}
