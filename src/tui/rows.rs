//! Which items the timeline and the table show, and in which order. Computed once per change
//! of the roadmap or of the view settings (see `App`'s caches), not per frame.

use super::document::Document;
use super::state::{Filter, Grouping, SortKey};
use crate::model::{Date, Kind};
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
        let key: &str = match grouping {
            Grouping::Sector => &item.sector,
            Grouping::Owner => item.owner.as_deref().unwrap_or(""),
            Grouping::Kind => item.kind.map(Kind::as_str).unwrap_or(""),
        };
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
    let mut order: Vec<usize> = (0..lanes.len()).collect();
    order.sort_by(|&a, &b| lanes[a].0.cmp(&lanes[b].0));

    let mut rows = Vec::with_capacity(roadmap.items.len() + lanes.len());
    for lane in order {
        let items = &mut members[lane];
        if items.is_empty() {
            continue;
        }
        // Keys are unique (the index breaks ties), so an unstable sort gives a stable order.
        items.sort_unstable();
        rows.push(Row::Group {
            label: lanes[lane].1.clone(),
            count: items.len(),
            sector: lanes[lane].2.clone(),
        });
        rows.extend(items.iter().map(|&(_, i)| Row::Item(i)));
    }
    rows
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
