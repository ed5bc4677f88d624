//! Which items the timeline and the table show, and in which order. Computed once per change
//! of the roadmap or of the view settings (see `App`'s caches), not per frame.

use super::document::Document;
use super::state::{Filter, Grouping, SortKey};
use crate::model::{Date, Item, Kind, Reindex};
use chrono::Datelike;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A swimlane heading. `sector` is the sector id when grouping by sector, so "add" can
    /// put a new item in the lane under the cursor.
    Group {
        label: String,
        count: usize,
        sector: Option<String>,
    },
    Item(usize),
}

impl Row {
    pub fn item(&self) -> Option<usize> {
        match self {
            Row::Item(index) => Some(*index),
            Row::Group { .. } => None,
        }
    }
}

pub fn passes(doc: &Document, index: usize, filter: &Filter) -> bool {
    let Some(item) = doc.roadmap.items.get(index) else {
        return false;
    };
    let computed = doc.schedule.items.get(index);
    if let Some(sector) = &filter.sector {
        if &item.sector != sector {
            return false;
        }
    }
    if filter.kind.is_some() && item.kind != filter.kind {
        return false;
    }
    if let Some(status) = filter.status {
        if computed.map(|c| c.status) != Some(status) {
            return false;
        }
    }
    if filter.critical_only && !computed.is_some_and(|c| c.critical) {
        return false;
    }
    true
}

/// Swimlanes in a stable order (sectors as listed in the roadmap, owners alphabetically,
/// kinds as declared), each sorted by forecast start. Empty lanes are left out.
pub fn timeline_rows(doc: &Document, grouping: Grouping, filter: &Filter) -> Vec<Row> {
    let roadmap = &doc.roadmap;
    // (sort key, label, sector id) per lane, and the lane of each key.
    let mut lanes: Vec<(String, String, Option<String>)> = Vec::new();
    let mut lane_of: HashMap<&str, usize> = HashMap::default();
    if grouping == Grouping::Sector {
        for (i, sector) in roadmap.sectors.iter().enumerate() {
            lane_of.entry(sector.id.as_str()).or_insert(lanes.len());
            let label = if sector.name.is_empty() {
                sector.id.clone()
            } else {
                sector.name.clone()
            };
            lanes.push((format!("{i:08}"), label, Some(sector.id.clone())));
        }
    }
    // Each member with its forecast start, copied out so sorting does not chase the schedule.
    let schedule = &doc.schedule.items;
    let mut members: Vec<Vec<(Option<Date>, usize)>> = vec![Vec::new(); lanes.len()];
    let unfiltered = !filter.is_active();
    for (index, item) in roadmap.items.iter().enumerate() {
        if !unfiltered && !passes(doc, index, filter) {
            continue;
        }
        let key = lane_key(item, grouping);
        let lane = match lane_of.get(key) {
            Some(&lane) => lane,
            None => {
                lanes.push(new_lane(grouping, key));
                members.push(Vec::new());
                lane_of.insert(key, lanes.len() - 1);
                lanes.len() - 1
            }
        };
        members[lane].push((schedule.get(index).map(|s| s.early_start), index));
    }
    sort_by_start(&mut members);
    let mut order: Vec<usize> = (0..lanes.len()).collect();
    order.sort_by(|&a, &b| lanes[a].0.cmp(&lanes[b].0));

    let mut rows = Vec::with_capacity(roadmap.items.len() + lanes.len());
    for lane in order {
        let items = &members[lane];
        if items.is_empty() {
            continue;
        }
        rows.push(Row::Group {
            label: lanes[lane].1.clone(),
            count: items.len(),
            sector: lanes[lane].2.clone(),
        });
        rows.extend(items.iter().map(|&(_, i)| Row::Item(i)));
    }
    rows
}

/// The lane an item belongs in.
fn lane_key(item: &Item, grouping: Grouping) -> &str {
    match grouping {
        Grouping::Sector => &item.sector,
        Grouping::Owner => item.owner.as_deref().unwrap_or(""),
        Grouping::Kind => item.kind.map(Kind::as_str).unwrap_or(""),
    }
}

/// Brings timeline rows (built before the change) up to date after items were inserted or
/// removed as `reindex` says and the forecast starts of `items` (new indices, ascending)
/// moved, when no other item changed lanes and no filter is active. An inserted item joins
/// the lane of the nearest item with the same lane; false, leaving the rows as they were, when
/// there is none (a new lane: build the rows anew).
pub fn reindex(
    doc: &Document,
    grouping: Grouping,
    rows: &mut Vec<Row>,
    reindex: &Reindex,
    items: &[usize],
) -> bool {
    let list = &doc.roadmap.items;
    // (old index of a neighbour in the same lane, inserted item), sorted by the former.
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for new in reindex.inserted() {
        let key = lane_key(&list[new], grouping);
        let near = (1..list.len())
            .flat_map(|d| [new.checked_sub(d), new.checked_add(d)])
            .flatten()
            .filter(|&j| j < list.len())
            .find(|&j| reindex.old_index(j).is_some() && lane_key(&list[j], grouping) == key);
        match near.and_then(|j| reindex.old_index(j)) {
            Some(old) => joins.push((old, new)),
            None => return false,
        }
    }
    joins.sort_unstable();
    let mut kept: Vec<Row> = Vec::with_capacity(rows.len() + joins.len());
    let mut group: Option<usize> = None;
    for row in rows.drain(..) {
        match row {
            Row::Group { .. } => {
                group = Some(kept.len());
                kept.push(row);
            }
            Row::Item(old) => {
                let joining = joins.partition_point(|&(o, _)| o < old);
                let joining = joins[joining..].iter().take_while(|&&(o, _)| o == old);
                let mut count_change = 0isize;
                match reindex.new_index(old) {
                    Some(new) => kept.push(Row::Item(new)),
                    None => count_change -= 1,
                }
                for &(_, new) in joining {
                    kept.push(Row::Item(new));
                    count_change += 1;
                }
                if let Some(Row::Group { count, .. }) = group.and_then(|g| kept.get_mut(g)) {
                    *count = count.saturating_add_signed(count_change);
                }
            }
        }
    }
    // Lanes whose last item went leave with it.
    kept.retain(|row| !matches!(row, Row::Group { count: 0, .. }));
    *rows = kept;
    let mut moved: Vec<usize> = items.iter().copied().chain(reindex.inserted()).collect();
    moved.sort_unstable();
    moved.dedup();
    resort(doc, rows, &moved);
    true
}

/// Brings timeline rows up to date after the forecast starts of `items` (ascending) moved,
/// when no item changed lanes and no filter is active (so every lane keeps its members): takes
/// those items out and puts each back at its place in its lane by (forecast start, file order),
/// one pass over the rows instead of grouping and sorting every item again.
pub fn resort(doc: &Document, rows: &mut Vec<Row>, items: &[usize]) {
    let start = |i: usize| doc.schedule.items.get(i).map(|s| s.early_start);
    let mut kept = Vec::with_capacity(rows.len());
    // (position in `kept` where the item's lane begins, item) of each moved item.
    let mut moved: Vec<(usize, usize)> = Vec::with_capacity(items.len());
    let mut groups: Vec<usize> = Vec::new();
    for row in rows.drain(..) {
        match row {
            Row::Item(i) if items.binary_search(&i).is_ok() => {
                moved.push((groups.last().map_or(0, |g| g + 1), i));
            }
            Row::Group { .. } => {
                groups.push(kept.len());
                kept.push(row);
            }
            Row::Item(_) => kept.push(row),
        }
    }
    // Where each moved item goes back: its place among the lane's other members.
    let mut inserts: Vec<(usize, Option<Date>, usize)> = moved
        .into_iter()
        .map(|(first, i)| {
            let next = groups.partition_point(|&g| g < first);
            let end = groups.get(next).copied().unwrap_or(kept.len());
            let lane = &kept[first..end];
            let key = (start(i), i);
            let at = lane.partition_point(|row| match row {
                Row::Item(j) => (start(*j), *j) < key,
                Row::Group { .. } => false,
            });
            (first + at, key.0, i)
        })
        .collect();
    inserts.sort_unstable();
    let mut inserts = inserts.into_iter().peekable();
    rows.reserve(kept.len() + inserts.len());
    for (at, row) in kept.into_iter().enumerate() {
        while let Some((_, _, i)) = inserts.next_if(|&(place, _, _)| place == at) {
            rows.push(Row::Item(i));
        }
        rows.push(row);
    }
    rows.extend(inserts.map(|(_, _, i)| Row::Item(i)));
}

/// Orders each lane by forecast start (no date first), ties in file order; each lane arrives in
/// file order. A counting sort over the days the lanes span (slots per day of the year), in one pass for all lanes: a
/// comparison sort of 50,000 rows after every edit was a fifth of the frame.
fn sort_by_start(lanes: &mut [Vec<(Option<Date>, usize)>]) {
    let total: usize = lanes.iter().map(Vec::len).sum();
    // A slot per day of the year, in date order with small gaps: no calendar arithmetic.
    let slot = |date: Date| i64::from(date.year()) * 366 + i64::from(date.ordinal0());
    let days = || {
        lanes
            .iter()
            .flatten()
            .filter_map(|&(date, _)| date.map(slot))
    };
    let (first, last) = (days().min().unwrap_or(0), days().max().unwrap_or(0));
    let span = usize::try_from(last - first + 2).unwrap_or(usize::MAX);
    if span > total.saturating_mul(4).max(4096) {
        for lane in lanes.iter_mut() {
            // Keys are unique (the index breaks ties), so an unstable sort gives a stable order.
            lane.sort_unstable();
        }
        return;
    }
    // Bucket 0 holds items without a date.
    let bucket = |date: Option<Date>| date.map_or(0, |d| (slot(d) - first + 1) as usize);
    let mut next = vec![0usize; span + 1];
    for &(date, _) in lanes.iter().flatten() {
        next[bucket(date) + 1] += 1;
    }
    for b in 1..next.len() {
        next[b] += next[b - 1];
    }
    let mut sorted = vec![(0usize, None, 0usize); total];
    for (lane, members) in lanes.iter().enumerate() {
        for &(date, index) in members {
            let at = &mut next[bucket(date)];
            sorted[*at] = (lane, date, index);
            *at += 1;
        }
    }
    lanes.iter_mut().for_each(Vec::clear);
    for (lane, date, index) in sorted {
        lanes[lane].push((date, index));
    }
}

/// Sort key, label and sector of a lane not declared in the roadmap.
fn new_lane(grouping: Grouping, key: &str) -> (String, String, Option<String>) {
    match grouping {
        // Items in undeclared sectors come after the declared ones; validation flags them.
        Grouping::Sector => (
            format!("~{key}"),
            if key.is_empty() {
                "(no sector)".to_string()
            } else {
                format!("{key} (unknown sector)")
            },
            Some(key.to_string()),
        ),
        Grouping::Owner if key.is_empty() => ("~".to_string(), "(no owner)".to_string(), None),
        Grouping::Owner => (format!("a{}", key.to_lowercase()), key.to_string(), None),
        Grouping::Kind => {
            let rank = Kind::ALL
                .iter()
                .position(|k| k.as_str() == key)
                .unwrap_or(Kind::ALL.len());
            let label = if key.is_empty() { "(no kind)" } else { key };
            (format!("{rank}"), label.to_string(), None)
        }
    }
}

/// Table rows: filtered items sorted by the key, ties in file order.
pub fn table_order(doc: &Document, filter: &Filter, sort: SortKey, descending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..doc.roadmap.items.len())
        .filter(|&i| passes(doc, i, filter))
        .collect();
    if sort != SortKey::File {
        order.sort_by(|&a, &b| compare(doc, sort, a, b).then(a.cmp(&b)));
    }
    if descending {
        order.reverse();
    }
    order
}

fn compare(doc: &Document, sort: SortKey, a: usize, b: usize) -> Ordering {
    let items = &doc.roadmap.items;
    let (x, y) = (&items[a], &items[b]);
    let sched = |i: usize| doc.schedule.items.get(i);
    match sort {
        SortKey::File => Ordering::Equal,
        SortKey::Id => x.id.cmp(&y.id),
        SortKey::Title => x.title.to_lowercase().cmp(&y.title.to_lowercase()),
        SortKey::Sector => x.sector.cmp(&y.sector),
        SortKey::Kind => x.kind.cmp(&y.kind),
        SortKey::Start => x.start.cmp(&y.start),
        SortKey::End => x.end.cmp(&y.end),
        SortKey::ForecastStart => sched(a)
            .map(|s| s.early_start)
            .cmp(&sched(b).map(|s| s.early_start)),
        SortKey::ForecastFinish => sched(a)
            .map(|s| s.early_finish)
            .cmp(&sched(b).map(|s| s.early_finish)),
        SortKey::Float => sched(a)
            .map(|s| s.total_float)
            .cmp(&sched(b).map(|s| s.total_float)),
        SortKey::Status => sched(a).map(|s| s.status).cmp(&sched(b).map(|s| s.status)),
        SortKey::Progress => x.progress.cmp(&y.progress),
        SortKey::Cost => x.cost.cmp(&y.cost),
    }
}

/// Items whose id or title contains the query, ignoring case, in file order.
pub fn search(doc: &Document, query: &str) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    doc.roadmap
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            item.id.to_lowercase().contains(&query) || item.title.to_lowercase().contains(&query)
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::from_ymd_opt(y, m, d)
    }

    /// What the counting sort must give: each lane by (start, index).
    fn expected(lanes: &[Vec<(Option<Date>, usize)>]) -> Vec<Vec<(Option<Date>, usize)>> {
        let mut lanes = lanes.to_vec();
        lanes.iter_mut().for_each(|lane| lane.sort());
        lanes
    }

    #[test]
    fn lanes_sort_by_start_then_file_order_across_years() {
        let mut lanes = vec![
            vec![
                (date(2026, 1, 1), 0),
                (date(2025, 12, 31), 2),
                (None, 4),
                (date(2025, 12, 31), 5),
            ],
            vec![(date(2024, 12, 31), 1), (date(2024, 2, 29), 3), (None, 6)],
        ];
        let want = expected(&lanes);
        sort_by_start(&mut lanes);
        assert_eq!(lanes, want);
        assert_eq!(lanes[0][0], (None, 4));
        assert_eq!(lanes[0][1], (date(2025, 12, 31), 2));
    }

    #[test]
    fn dates_centuries_apart_fall_back_to_a_comparison_sort() {
        let mut lanes = vec![vec![(date(9000, 1, 1), 0), (date(1, 1, 1), 1), (None, 2)]];
        let want = expected(&lanes);
        sort_by_start(&mut lanes);
        assert_eq!(lanes, want);
    }
}
