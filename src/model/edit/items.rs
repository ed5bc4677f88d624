//! Builders for items: create, copy, delete, link, move and resize.

use super::*;

/// A new 30-day initiative starting on `start`, placed after the last item of `sector` (or
/// at the end), and its index. Its end is pulled back to the roadmap's end when the start
/// lies inside the roadmap, so a fresh item never sticks out of the plan.
pub fn new_item(roadmap: &Roadmap, sector: &str, start: Date) -> (Edit, usize) {
    new_item_with(roadmap, sector, start, &id_set(roadmap))
}

/// [`new_item`] with the roadmap's ids at hand (the TUI keeps them), so that finding a free
/// id reads no item.
pub fn new_item_in(roadmap: &Roadmap, ids: &IdIndex, sector: &str, start: Date) -> (Edit, usize) {
    new_item_with(roadmap, sector, start, &|id| ids.holder(id).is_some())
}

fn new_item_with(
    roadmap: &Roadmap,
    sector: &str,
    start: Date,
    used: &dyn Fn(&str) -> bool,
) -> (Edit, usize) {
    let mut end = add_days(start, 29).unwrap_or(start);
    if let Some(last) = roadmap.end {
        if start <= last && end > last {
            end = last;
        }
    }
    let item = Item {
        id: unique_id(used, "new-item"),
        title: "New item".to_string(),
        kind: Some(Kind::Initiative),
        sector: sector.to_string(),
        start: Some(start),
        end: Some(end),
        ..Default::default()
    };
    let index = roadmap
        .items
        .iter()
        .rposition(|i| i.sector == sector)
        .map_or(roadmap.items.len(), |last| last + 1);
    (Edit::InsertItem { index, item }, index)
}

/// A copy of the item right after it, with id `<id>-copy` (or `-copy-2`, ...), title
/// `<title> (copy)` and the same dependencies. Nothing depends on the copy. An index out of
/// range gives an empty edit.
pub fn duplicate_item(roadmap: &Roadmap, index: usize) -> (Edit, usize) {
    duplicate_item_with(roadmap, index, &id_set(roadmap))
}

/// [`duplicate_item`] with the roadmap's ids at hand (see [`new_item_in`]).
pub fn duplicate_item_in(roadmap: &Roadmap, ids: &IdIndex, index: usize) -> (Edit, usize) {
    duplicate_item_with(roadmap, index, &|id| ids.holder(id).is_some())
}

fn duplicate_item_with(
    roadmap: &Roadmap,
    index: usize,
    used: &dyn Fn(&str) -> bool,
) -> (Edit, usize) {
    let Some(original) = roadmap.items.get(index) else {
        return (Edit::empty(), index);
    };
    let base = if original.id.is_empty() {
        "item-copy".to_string()
    } else {
        format!("{}-copy", original.id)
    };
    let mut item = Item::clone(original);
    item.id = unique_id(used, &base);
    item.title = format!("{} (copy)", original.title);
    item.invalid.remove("id");
    item.invalid.remove("title");
    (
        Edit::InsertItem {
            index: index + 1,
            item,
        },
        index + 1,
    )
}

/// Indices of the items that list this item among their dependencies.
pub fn dependents(roadmap: &Roadmap, index: usize) -> Vec<usize> {
    let Some(id) = roadmap.items.get(index).map(|i| i.id.as_str()) else {
        return Vec::new();
    };
    if id.is_empty() {
        return Vec::new();
    }
    roadmap
        .items
        .iter()
        .enumerate()
        .filter(|&(j, item)| j != index && item.depends_on.iter().any(|d| d.id == id))
        .map(|(j, _)| j)
        .collect()
}

/// Removes the item and every link to it, in one batch. When another item has the same id
/// (a file with duplicate ids) the links stay: they still lead somewhere.
pub fn delete_item(roadmap: &Roadmap, index: usize) -> Edit {
    let Some(item) = roadmap.items.get(index) else {
        return Edit::empty();
    };
    let linked = !item.id.is_empty() && id_used_elsewhere(roadmap, &item.id, index).is_none();
    let dependents = if linked {
        dependents(roadmap, index)
    } else {
        Vec::new()
    };
    delete_item_relinking(roadmap, index, &dependents)
}

/// [`delete_item`] for a caller that knows which items depend on this one through its id
/// (from the dependency network, say), so nothing is searched: each of `dependents` drops its
/// links to the item's id, then the item goes.
pub fn delete_item_relinking(roadmap: &Roadmap, index: usize, dependents: &[usize]) -> Edit {
    let Some(item) = roadmap.items.get(index) else {
        return Edit::empty();
    };
    let mut dependents = dependents.to_vec();
    dependents.sort_unstable();
    dependents.dedup();
    let mut edits: Vec<Edit> = dependents
        .into_iter()
        .filter(|&j| j != index)
        .filter_map(|j| {
            let mut changed = Item::clone(roadmap.items.get(j)?);
            changed.depends_on.retain(|d| d.id != item.id);
            Some(Edit::SetItem {
                index: j,
                item: changed,
            })
        })
        .collect();
    edits.push(Edit::RemoveItem { index });
    Edit::Batch(edits)
}

/// Makes `item` depend on `pred`, refusing self-links, duplicates, out-of-range lags and
/// cycles.
pub fn add_dependency(
    roadmap: &Roadmap,
    item: usize,
    pred: usize,
    link: LinkType,
    lag_days: i64,
) -> Result<Edit, EditError> {
    add_dependency_in(
        roadmap,
        &Network::build(roadmap),
        item,
        pred,
        link,
        lag_days,
    )
}

/// [`add_dependency`] with the roadmap's dependency network at hand (the TUI keeps one), so
/// that looking for a loop does not build one.
pub fn add_dependency_in(
    roadmap: &Roadmap,
    network: &Network,
    item: usize,
    pred: usize,
    link: LinkType,
    lag_days: i64,
) -> Result<Edit, EditError> {
    let successor = roadmap.items.get(item).ok_or(EditError::NoSuch {
        what: "item",
        index: item,
    })?;
    let deps = successor.depends_on.iter().map(|d| d.id.as_str());
    check_new_link(roadmap, network, item, deps, pred, lag_days)?;
    let mut changed = Item::clone(successor);
    changed.depends_on.push(Dependency {
        id: roadmap.items[pred].id.clone(),
        link,
        lag_days,
        ..Default::default()
    });
    Ok(Edit::SetItem {
        index: item,
        item: changed,
    })
}

/// Whether `item`, depending on the ids `deps` (its own or a draft's), may depend on `pred`
/// too: refuses self-links, duplicates, out-of-range lags and loops. `network` holds the
/// roadmap's links; the item's own do not matter, as a loop through the new link comes back
/// to the item through other items' links.
pub fn check_new_link<'a>(
    roadmap: &Roadmap,
    network: &Network,
    item: usize,
    mut deps: impl Iterator<Item = &'a str>,
    pred: usize,
    lag_days: i64,
) -> Result<(), EditError> {
    let no_item = |index| EditError::NoSuch {
        what: "item",
        index,
    };
    let successor = roadmap.items.get(item).ok_or(no_item(item))?;
    let predecessor = roadmap.items.get(pred).ok_or(no_item(pred))?;
    if predecessor.id.is_empty() {
        return Err(EditError::NoId(pred));
    }
    if item == pred || successor.id == predecessor.id {
        return Err(EditError::Cycle {
            items: vec![item],
            ids: vec![successor.label(item)],
        });
    }
    if deps.any(|id| id == predecessor.id) {
        return Err(EditError::AlreadyLinked {
            item: successor.label(item),
            pred: predecessor.id.clone(),
        });
    }
    if lag_days.abs() > MAX_LAG_DAYS {
        return Err(EditError::LagOutOfRange(lag_days));
    }
    if let Some(items) = find_cycle_in(network, item, pred) {
        let ids = items.iter().map(|&i| roadmap.items[i].label(i)).collect();
        return Err(EditError::Cycle { items, ids });
    }
    Ok(())
}

/// Drops the item's `dep_index`-th dependency (nothing when out of range).
pub fn remove_dependency(roadmap: &Roadmap, item: usize, dep_index: usize) -> Edit {
    match roadmap.items.get(item) {
        Some(current) if dep_index < current.depends_on.len() => {
            let mut changed = Item::clone(current);
            changed.depends_on.remove(dep_index);
            Edit::SetItem {
                index: item,
                item: changed,
            }
        }
        _ => Edit::empty(),
    }
}

/// Moves both dates by `days`, keeping the duration. Missing dates stay missing; a move past
/// the calendar's range changes nothing.
pub fn shift_item(roadmap: &Roadmap, index: usize, days: i64) -> Edit {
    let Some(current) = roadmap.items.get(index) else {
        return Edit::empty();
    };
    if days == 0 || (current.start.is_none() && current.end.is_none()) {
        return Edit::empty();
    }
    let shift = |date: Option<Date>| match date {
        Some(d) => add_days(d, days).map(Some),
        None => Some(None),
    };
    match (shift(current.start), shift(current.end)) {
        (Some(start), Some(end)) => {
            let mut item = Item::clone(current);
            item.start = start;
            item.end = end;
            Edit::SetItem { index, item }
        }
        _ => Edit::empty(),
    }
}

/// Moves the end by `days`, never before the start. Milestones have no length to change.
pub fn resize_item(roadmap: &Roadmap, index: usize, days: i64) -> Edit {
    let Some(current) = roadmap.items.get(index) else {
        return Edit::empty();
    };
    let Some(end) = current.end.or(current.start) else {
        return Edit::empty();
    };
    if current.is_milestone() {
        return Edit::empty();
    }
    let Some(mut new_end) = add_days(end, days) else {
        return Edit::empty();
    };
    if let Some(start) = current.start {
        new_end = new_end.max(start);
    }
    if current.end == Some(new_end) {
        return Edit::empty();
    }
    let mut item = Item::clone(current);
    item.end = Some(new_end);
    Edit::SetItem { index, item }
}
