//! Which items the timeline and the table show, and in which order. Computed once per change
//! of the roadmap or of the view settings (see `App`'s caches), not per frame.

use super::document::Document;
use super::state::{Filter, Grouping, SortKey};
use crate::model::{Date, Item, Kind, Reindex};
use chrono::Datelike;
use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;

/// One line of the timeline. Small (headings are boxed): re-placing rows after an edit moves
/// 100,000 of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Group(Box<Heading>),
    Item(usize),
}

/// A swimlane heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub label: String,
    /// How many items the lane shows.
    pub count: usize,
    /// The sector id when grouping by sector.
    pub sector: Option<String>,
}

impl Row {
    pub fn item(&self) -> Option<usize> {
        match self {
            Row::Item(index) => Some(*index),
            Row::Group(_) => None,
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
        rows.push(Row::Group(Box::new(Heading {
            label: lanes[lane].1.clone(),
            count: items.len(),
            sector: lanes[lane].2.clone(),
        })));
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
/// there is none (a new lane: build the rows anew). In place, in two passes over the rows.
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
    let mut out = TakeOut::default();
    let mut counts: Vec<isize> = Vec::new();
    for read in 0..rows.len() {
        let Row::Item(old) = rows[read] else {
            out.keep(rows, read, true);
            counts.push(0);
            continue;
        };
        let first = joins.partition_point(|&(o, _)| o < old);
        for &(_, new) in joins[first..].iter().take_while(|&&(o, _)| o == old) {
            out.take(new);
            *counts.last_mut().unwrap_or(&mut 0) += 1;
        }
        match reindex.new_index(old) {
            None => *counts.last_mut().unwrap_or(&mut 0) -= 1,
            Some(new) if items.binary_search(&new).is_ok() => out.take(new),
            Some(new) => {
                rows[read] = Row::Item(new);
                out.keep(rows, read, false);
            }
        }
    }
    out.put_back(doc, rows);
    // Lane headings count their items; lanes whose last item went leave with it.
    let mut lane = 0;
    rows.retain_mut(|row| match row {
        Row::Group(heading) => {
            let change = counts.get(lane).copied().unwrap_or(0);
            heading.count = heading.count.saturating_add_signed(change);
            lane += 1;
            heading.count > 0
        }
        Row::Item(_) => true,
    });
    true
}

/// Brings timeline rows up to date after the forecast starts of `items` (ascending) moved,
/// when no item changed lanes and no filter is active (so every lane keeps its members): takes
/// those items out and puts each back at its place in its lane by (forecast start, file order),
/// in place, in two passes over the rows instead of grouping and sorting every item again.
pub fn resort(doc: &Document, rows: &mut Vec<Row>, items: &[usize]) {
    let mut out = TakeOut::default();
    for read in 0..rows.len() {
        match rows[read] {
            Row::Item(i) if items.binary_search(&i).is_ok() => out.take(i),
            Row::Item(_) => out.keep(rows, read, false),
            Row::Group(_) => out.keep(rows, read, true),
        }
    }
    out.put_back(doc, rows);
}

/// Rows being re-placed: those kept are packed towards the front as the pass goes; the items
/// taken out remember the lane they belong to.
#[derive(Default)]
struct TakeOut {
    /// How many rows are kept so far (they sit at the front).
    kept: usize,
    /// Where each kept lane heading sits.
    groups: Vec<usize>,
    /// (where the item's lane begins among the kept rows, item).
    taken: Vec<(usize, usize)>,
}

impl TakeOut {
    fn keep(&mut self, rows: &mut [Row], read: usize, group: bool) {
        if group {
            self.groups.push(self.kept);
        }
        rows.swap(self.kept, read);
        self.kept += 1;
    }

    fn take(&mut self, item: usize) {
        let lane = self.groups.last().map_or(0, |g| g + 1);
        self.taken.push((lane, item));
    }

    /// Drops what was not kept, then puts each item taken out back at its place in its lane
    /// by (forecast start, file order), moving every kept row at most once.
    fn put_back(self, doc: &Document, rows: &mut Vec<Row>) {
        rows.truncate(self.kept);
        let start = |i: usize| doc.schedule.items.get(i).map(|s| s.early_start);
        let groups = &self.groups;
        let mut places: Vec<(usize, Option<Date>, usize)> = self
            .taken
            .into_iter()
            .map(|(first, i)| {
                let next = groups.partition_point(|&g| g < first);
                let end = groups.get(next).copied().unwrap_or(rows.len());
                let key = (start(i), i);
                let at = rows[first..end].partition_point(|row| match row {
                    Row::Item(j) => (start(*j), *j) < key,
                    Row::Group(_) => false,
                });
                (first + at, key.0, i)
            })
            .collect();
        places.sort_unstable();
        // From the back: each stretch of kept rows moves up by the number of items still to
        // be placed before it, and the item goes into the gap left in front of it.
        let old_len = rows.len();
        rows.resize(old_len + places.len(), Row::Item(0));
        let mut end = old_len;
        let mut gap = places.len();
        for &(at, _, item) in places.iter().rev() {
            for j in (at..end).rev() {
                rows.swap(j, j + gap);
            }
            end = at;
            gap -= 1;
            rows[at + gap] = Row::Item(item);
        }
    }
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

    /// Deleting the only item of a lane, copying an item, adding one to a lane and undoing
    /// each: the rows re-placed in place are the rows built from scratch, headings and counts
    /// included.
    #[test]
    fn reindexed_rows_follow_inserted_and_removed_items() {
        use crate::model::{duplicate_item, new_item, Edit, Item};
        use crate::tui::state::Filter;
        let today = Date::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let mut doc = Document::sample(today).unwrap_or_else(|e| panic!("{e}"));
        // A lane of one: an item alone in a sector of its own.
        let mut lone = doc.roadmap.items[0].clone();
        lone.id = "lone".into();
        lone.sector = doc.roadmap.sectors[1].id.clone();
        for (i, item) in doc.roadmap.items.clone().into_iter().enumerate() {
            if item.sector == lone.sector {
                let mut moved: Item = *item;
                moved.sector = doc.roadmap.sectors[0].id.clone();
                doc.apply(Edit::SetItem {
                    index: i,
                    item: moved,
                });
            }
        }
        doc.apply(Edit::InsertItem {
            index: 3,
            item: *lone,
        });
        let filter = Filter::default();
        let edits: Vec<fn(&Document) -> Edit> = vec![
            |doc| doc.delete_item(3),
            |doc| duplicate_item(&doc.roadmap, 10).0,
            |doc| {
                new_item(
                    &doc.roadmap,
                    &doc.roadmap.items[20].sector.clone(),
                    doc.today,
                )
                .0
            },
            |doc| doc.delete_item(0),
        ];
        for (step, make) in edits.into_iter().enumerate() {
            let mut rows = timeline_rows(&doc, Grouping::Sector, &filter);
            let edit = make(&doc);
            doc.apply(edit);
            let change = doc
                .last_change
                .clone()
                .unwrap_or_else(|| panic!("step {step}"));
            let Some(moved) = change.reindex.as_ref() else {
                panic!("step {step}: no reindex");
            };
            assert!(reindex(
                &doc,
                Grouping::Sector,
                &mut rows,
                moved,
                &change.items
            ));
            assert_eq!(
                rows,
                timeline_rows(&doc, Grouping::Sector, &filter),
                "step {step}"
            );
            let mut rows = timeline_rows(&doc, Grouping::Sector, &filter);
            doc.undo();
            let change = doc
                .last_change
                .clone()
                .unwrap_or_else(|| panic!("undo {step}"));
            let moved = change
                .reindex
                .as_ref()
                .unwrap_or_else(|| panic!("undo {step}"));
            let placed = reindex(&doc, Grouping::Sector, &mut rows, moved, &change.items);
            // Undoing the lone item's delete brings back a lane: built anew, not re-placed.
            if placed {
                assert_eq!(
                    rows,
                    timeline_rows(&doc, Grouping::Sector, &filter),
                    "undo {step}"
                );
            } else {
                assert_eq!(step, 0);
            }
        }
    }
}
