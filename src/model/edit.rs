//! Every change to a roadmap is an [`Edit`] value. Applying one returns its exact inverse, so
//! undo is just applying what an edit gave back (see [`History`](super::History)).
//!
//! The builders below are pure functions of the roadmap: they check a change before anything
//! happens, refuse it with an error that names the items involved, and otherwise return one
//! edit (a `Batch` when several places change, so one undo restores all of them). A builder
//! that finds nothing to change returns an empty batch, which history ignores.

use super::*;
use std::collections::HashSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replaces one item.
    SetItem {
        index: usize,
        item: Item,
    },
    /// Inserts before `index` (at the end when `index` is past it).
    InsertItem {
        index: usize,
        item: Item,
    },
    RemoveItem {
        index: usize,
    },
    SetSectors(Vec<Sector>),
    SetFundingSchemes(Vec<FundingScheme>),
    /// Sets the title and drops a kept invalid `title` value, which would otherwise be saved
    /// in its place.
    SetTitle(String),
    /// Replaces the roadmap's own `invalid` map: how undoing a `SetTitle` brings back the
    /// invalid value it dropped.
    SetRoadmapInvalid(Invalid),
    /// Applied in order; its inverse undoes them in reverse order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// An edit that changes nothing.
    pub fn empty() -> Edit {
        Edit::Batch(Vec::new())
    }

    /// True for batches that contain nothing but (nested) empty batches.
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(edits) if edits.iter().all(Edit::is_empty))
    }
}

impl Roadmap {
    /// Applies `edit` and returns the edit that undoes it. An index out of range changes
    /// nothing and returns an empty batch, rather than panicking.
    pub fn apply(&mut self, edit: Edit) -> Edit {
        use std::mem::replace;
        match edit {
            Edit::SetItem { index, item } => match self.items.get_mut(index) {
                Some(slot) => Edit::SetItem {
                    index,
                    item: replace(slot, item),
                },
                None => Edit::empty(),
            },
            Edit::InsertItem { index, item } => {
                let index = index.min(self.items.len());
                self.items.insert(index, item);
                Edit::RemoveItem { index }
            }
            Edit::RemoveItem { index } => {
                if index < self.items.len() {
                    let item = self.items.remove(index);
                    Edit::InsertItem { index, item }
                } else {
                    Edit::empty()
                }
            }
            Edit::SetSectors(sectors) => Edit::SetSectors(replace(&mut self.sectors, sectors)),
            Edit::SetFundingSchemes(schemes) => {
                Edit::SetFundingSchemes(replace(&mut self.funding_schemes, schemes))
            }
            Edit::SetTitle(title) => {
                let before = self.invalid.clone();
                let old = replace(&mut self.title, title);
                if self.invalid.remove("title").is_some() {
                    Edit::Batch(vec![Edit::SetTitle(old), Edit::SetRoadmapInvalid(before)])
                } else {
                    Edit::SetTitle(old)
                }
            }
            Edit::SetRoadmapInvalid(invalid) => {
                Edit::SetRoadmapInvalid(replace(&mut self.invalid, invalid))
            }
            Edit::Batch(edits) => {
                let mut inverses: Vec<Edit> = edits.into_iter().map(|e| self.apply(e)).collect();
                inverses.reverse();
                Edit::Batch(inverses)
            }
        }
    }
}

/// Why a builder refused a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// `what` is "item", "sector" or "funding scheme".
    NoSuch {
        what: &'static str,
        index: usize,
    },
    /// Nothing can depend on an item without an id (item index).
    NoId(usize),
    EmptyId {
        what: &'static str,
    },
    DuplicateId {
        what: &'static str,
        id: String,
    },
    AlreadyLinked {
        item: String,
        pred: String,
    },
    LagOutOfRange(i64),
    /// The loop the change would close, each item depending on the one before it and the
    /// first on the last; `ids` are the items' labels in the same order.
    Cycle {
        items: Vec<usize>,
        ids: Vec<String>,
    },
    /// `what` is e.g. `sector "data"`; `users` are the labels of every item using it.
    InUse {
        what: String,
        users: Vec<String>,
    },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuch { what, index } => write!(f, "there is no {what} #{}", index + 1),
            EditError::NoId(index) => write!(
                f,
                "item #{} has no id; give it one before linking to it",
                index + 1
            ),
            EditError::EmptyId { what } => write!(f, "a {what} needs an id"),
            EditError::DuplicateId { what, id } => {
                write!(f, "another {what} already has the id \"{id}\"")
            }
            EditError::AlreadyLinked { item, pred } => {
                write!(f, "\"{item}\" already depends on \"{pred}\"")
            }
            EditError::LagOutOfRange(lag) => write!(
                f,
                "a lag of {lag} days is out of range; it must be from -{MAX_LAG_DAYS} to {MAX_LAG_DAYS}"
            ),
            EditError::Cycle { ids, .. } if ids.len() == 1 => {
                write!(f, "an item cannot depend on itself: \"{}\"", ids[0])
            }
            EditError::Cycle { ids, .. } => write!(
                f,
                "that link would create a dependency cycle (each item depends on the one before it): {}",
                cycle_text(ids)
            ),
            EditError::InUse { what, users } => {
                let noun = if users.len() == 1 { "item" } else { "items" };
                write!(f, "{what} is still used by {} {noun}: ", users.len())?;
                f.write_str(&list_some(users, 10))
            }
        }
    }
}

impl std::error::Error for EditError {}

/// `a -> b -> c -> a`.
fn cycle_text(ids: &[String]) -> String {
    let mut parts: Vec<&str> = ids.iter().map(String::as_str).collect();
    if let Some(first) = ids.first() {
        parts.push(first);
    }
    parts.join(" -> ")
}

/// The first `shown` names, then "and N more".
fn list_some(names: &[String], shown: usize) -> String {
    let mut text = names
        .iter()
        .take(shown)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > shown {
        text.push_str(&format!(" and {} more", names.len() - shown));
    }
    text
}

/// A field of an item that `update_item` refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// "id", "title", "sector", "start", "end", "progress", "depends_on", "funding", "item".
    pub field: &'static str,
    pub message: String,
}

impl FieldError {
    fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

fn add_days(date: Date, days: i64) -> Option<Date> {
    chrono::TimeDelta::try_days(days).and_then(|delta| date.checked_add_signed(delta))
}

/// `base`, or `base-2`, `base-3`, ... whichever no item uses yet.
fn unique_id(roadmap: &Roadmap, base: &str) -> String {
    let used: HashSet<&str> = roadmap.items.iter().map(|i| i.id.as_str()).collect();
    if !used.contains(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_else(|| base.to_string())
}

fn id_used_elsewhere(roadmap: &Roadmap, id: &str, index: usize) -> Option<usize> {
    roadmap
        .items
        .iter()
        .enumerate()
        .position(|(j, item)| j != index && item.id == id)
}

/// A new 30-day initiative starting on `start`, placed after the last item of `sector` (or
/// at the end), and its index. Its end is pulled back to the roadmap's end when the start
/// lies inside the roadmap, so a fresh item never sticks out of the plan.
pub fn new_item(roadmap: &Roadmap, sector: &str, start: Date) -> (Edit, usize) {
    let mut end = add_days(start, 29).unwrap_or(start);
    if let Some(last) = roadmap.end {
        if start <= last && end > last {
            end = last;
        }
    }
    let item = Item {
        id: unique_id(roadmap, "new-item"),
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
    let Some(original) = roadmap.items.get(index) else {
        return (Edit::empty(), index);
    };
    let base = if original.id.is_empty() {
        "item-copy".to_string()
    } else {
        format!("{}-copy", original.id)
    };
    let mut item = original.clone();
    item.id = unique_id(roadmap, &base);
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

/// Sets each item that lists `old` among its dependencies to list `new` instead (`None`:
/// drops the link), skipping `except`.
fn relink(roadmap: &Roadmap, old: &str, new: Option<&str>, except: usize) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (j, item) in roadmap.items.iter().enumerate() {
        if j == except || !item.depends_on.iter().any(|d| d.id == old) {
            continue;
        }
        let mut changed = item.clone();
        match new {
            Some(new) => changed
                .depends_on
                .iter_mut()
                .filter(|d| d.id == old)
                .for_each(|d| d.id = new.to_string()),
            None => changed.depends_on.retain(|d| d.id != old),
        }
        edits.push(Edit::SetItem {
            index: j,
            item: changed,
        });
    }
    edits
}

/// Removes the item and every link to it, in one batch. When another item has the same id
/// (a file with duplicate ids) the links stay: they still lead somewhere.
pub fn delete_item(roadmap: &Roadmap, index: usize) -> Edit {
    let Some(item) = roadmap.items.get(index) else {
        return Edit::empty();
    };
    let mut edits = Vec::new();
    if !item.id.is_empty() && id_used_elsewhere(roadmap, &item.id, index).is_none() {
        edits = relink(roadmap, &item.id, None, index);
    }
    edits.push(Edit::RemoveItem { index });
    Edit::Batch(edits)
}

/// Replaces the item with `new` after checking what changed, and renames references to its
/// id in other items when the id changes.
///
/// Only what differs from the current item is checked, so a problem already in the file
/// (shown by validation) does not block editing other fields. A kept invalid value is dropped
/// once its field holds a typed value: when the field is present (`Some`, non-empty) or was
/// changed. A caller that wants to drop one anyway removes the key from `new.invalid`.
pub fn update_item(roadmap: &Roadmap, index: usize, new: Item) -> Result<Edit, Vec<FieldError>> {
    let Some(old) = roadmap.items.get(index) else {
        return Err(vec![FieldError::new(
            "item",
            format!("there is no item #{}", index + 1),
        )]);
    };
    let mut errors = check_item_fields(roadmap, index, old, &new);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut item = new;
    settle_invalid(old, &mut item);
    if item == *old {
        return Ok(Edit::empty());
    }
    let renamed = item.id != old.id
        && !old.id.is_empty()
        && id_used_elsewhere(roadmap, &old.id, index).is_none();
    let mut edits = Vec::new();
    if renamed {
        edits = relink(roadmap, &old.id, Some(&item.id), index);
    }
    let added: Vec<String> = item
        .depends_on
        .iter()
        .filter(|d| !old.depends_on.iter().any(|o| o.id == d.id))
        .map(|d| d.id.clone())
        .collect();
    edits.insert(0, Edit::SetItem { index, item });
    let edit = Edit::Batch(edits);
    if !added.is_empty() {
        let mut after = roadmap.clone();
        after.apply(edit.clone());
        for id in added {
            let Some(pred) = after.index_of(&id) else {
                continue;
            };
            if let Some(cycle) = find_cycle(&after, index, pred) {
                let ids: Vec<String> = cycle.iter().map(|&i| after.items[i].label(i)).collect();
                errors.push(FieldError::new(
                    "depends_on",
                    format!(
                        "\"{id}\" would create a dependency cycle (each item depends on the one before it): {}",
                        cycle_text(&ids)
                    ),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(edit)
    } else {
        Err(errors)
    }
}

fn check_item_fields(roadmap: &Roadmap, index: usize, old: &Item, new: &Item) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if new.id != old.id {
        if new.id.trim().is_empty() {
            errors.push(FieldError::new("id", "must not be empty"));
        } else if let Some(j) = id_used_elsewhere(roadmap, &new.id, index) {
            errors.push(FieldError::new(
                "id",
                format!(
                    "\"{}\" is already used by item #{} ({})",
                    new.id,
                    j + 1,
                    roadmap.items[j].title
                ),
            ));
        }
    }
    if (new.start, new.end, new.kind) != (old.start, old.end, old.kind) {
        if let (Some(start), Some(end)) = (new.start, new.end) {
            if end < start {
                errors.push(FieldError::new(
                    "end",
                    format!("{end} is before start {start}"),
                ));
            } else if new.is_milestone() && start != end {
                errors.push(FieldError::new(
                    "end",
                    format!("a milestone is one day: start {start} and end {end} must be equal"),
                ));
            }
        }
    }
    if new.progress > 100 {
        errors.push(FieldError::new(
            "progress",
            format!("{} is more than 100", new.progress),
        ));
    }
    if new.sector != old.sector && !roadmap.sectors.iter().any(|s| s.id == new.sector) {
        let message = if new.sector.is_empty() {
            "choose a sector".to_string()
        } else {
            format!("\"{}\" is not a sector of this roadmap", new.sector)
        };
        errors.push(FieldError::new("sector", message));
    }
    for dep in &new.depends_on {
        if old.depends_on.contains(dep) {
            continue;
        }
        if dep.lag_days.abs() > MAX_LAG_DAYS {
            errors.push(FieldError::new(
                "depends_on",
                format!(
                    "lag of {} days on \"{}\" is out of range; it must be from -{MAX_LAG_DAYS} to {MAX_LAG_DAYS}",
                    dep.lag_days, dep.id
                ),
            ));
        }
        if old.depends_on.iter().any(|o| o.id == dep.id) {
            continue; // an existing link with a new type or lag
        }
        let message = if dep.id.is_empty() {
            "a dependency needs an item id".to_string()
        } else if dep.id == new.id || dep.id == old.id {
            format!("an item cannot depend on itself (\"{}\")", dep.id)
        } else if id_used_elsewhere(roadmap, &dep.id, index).is_none() {
            format!("no item has the id \"{}\"", dep.id)
        } else {
            continue;
        };
        errors.push(FieldError::new("depends_on", message));
    }
    for (i, line) in new.funding.iter().enumerate() {
        if old.funding.get(i) == Some(line) {
            continue;
        }
        if !roadmap.funding_schemes.iter().any(|s| s.id == line.scheme) {
            let scheme = if line.scheme.is_empty() {
                "no funding scheme".to_string()
            } else {
                format!("\"{}\", not a funding scheme of this roadmap", line.scheme)
            };
            errors.push(FieldError::new(
                "funding",
                format!("line {} names {scheme}", i + 1),
            ));
        }
        if !(1900..=2200).contains(&line.year) {
            errors.push(FieldError::new(
                "funding",
                format!(
                    "line {}: year {} is not from 1900 to 2200",
                    i + 1,
                    line.year
                ),
            ));
        }
    }
    errors
}

/// Drops kept invalid values whose field now holds a typed value (see `update_item`).
fn settle_invalid(old: &Item, new: &mut Item) {
    fn drop_if(invalid: &mut Invalid, key: &str, settled: bool) {
        if settled {
            invalid.remove(key);
        }
    }
    let inv = &mut new.invalid;
    drop_if(inv, "id", !new.id.is_empty() || new.id != old.id);
    drop_if(
        inv,
        "title",
        !new.title.is_empty() || new.title != old.title,
    );
    drop_if(inv, "kind", new.kind.is_some());
    drop_if(
        inv,
        "sector",
        !new.sector.is_empty() || new.sector != old.sector,
    );
    drop_if(inv, "owner", new.owner.is_some());
    drop_if(inv, "start", new.start.is_some());
    drop_if(inv, "end", new.end.is_some());
    drop_if(inv, "progress", new.progress != old.progress);
    drop_if(inv, "cost", new.cost.is_some());
    drop_if(inv, "notes", new.notes.is_some());
    drop_if(inv, "regulation", new.regulation.is_some());
    for (key, changed, present) in [
        (
            "depends_on",
            new.depends_on != old.depends_on,
            !new.depends_on.is_empty(),
        ),
        (
            "funding",
            new.funding != old.funding,
            !new.funding.is_empty(),
        ),
        ("talent", new.talent != old.talent, !new.talent.is_empty()),
    ] {
        drop_if(inv, key, changed || present);
    }
    if let Some(reg) = &mut new.regulation {
        let old_reg = old.regulation.as_ref();
        let instrument_changed = old_reg.map(|r| &r.instrument) != Some(&reg.instrument);
        drop_if(
            &mut reg.invalid,
            "instrument",
            !reg.instrument.is_empty() || instrument_changed,
        );
        drop_if(&mut reg.invalid, "stage", reg.stage.is_some());
    }
    for (i, dep) in new.depends_on.iter_mut().enumerate() {
        let before = old.depends_on.get(i);
        drop_if(&mut dep.invalid, "id", !dep.id.is_empty());
        drop_if(
            &mut dep.invalid,
            "type",
            before.map(|b| b.link) != Some(dep.link),
        );
        drop_if(
            &mut dep.invalid,
            "lag_days",
            before.map(|b| b.lag_days) != Some(dep.lag_days),
        );
    }
    for (i, line) in new.funding.iter_mut().enumerate() {
        let before = old.funding.get(i);
        drop_if(&mut line.invalid, "scheme", !line.scheme.is_empty());
        drop_if(&mut line.invalid, "year", line.year != 0);
        drop_if(
            &mut line.invalid,
            "amount",
            before.map(|b| b.amount) != Some(line.amount),
        );
        drop_if(&mut line.invalid, "status", line.status.is_some());
    }
    for (i, need) in new.talent.iter_mut().enumerate() {
        let before = old.talent.get(i);
        drop_if(&mut need.invalid, "role", !need.role.is_empty());
        drop_if(
            &mut need.invalid,
            "count",
            before.map(|b| b.count) != Some(need.count),
        );
    }
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
    if successor.depends_on.iter().any(|d| d.id == predecessor.id) {
        return Err(EditError::AlreadyLinked {
            item: successor.label(item),
            pred: predecessor.id.clone(),
        });
    }
    if lag_days.abs() > MAX_LAG_DAYS {
        return Err(EditError::LagOutOfRange(lag_days));
    }
    if let Some(items) = find_cycle(roadmap, item, pred) {
        let ids = items.iter().map(|&i| roadmap.items[i].label(i)).collect();
        return Err(EditError::Cycle { items, ids });
    }
    let mut changed = successor.clone();
    changed.depends_on.push(Dependency {
        id: predecessor.id.clone(),
        link,
        lag_days,
        ..Default::default()
    });
    Ok(Edit::SetItem {
        index: item,
        item: changed,
    })
}

/// Drops the item's `dep_index`-th dependency (nothing when out of range).
pub fn remove_dependency(roadmap: &Roadmap, item: usize, dep_index: usize) -> Edit {
    match roadmap.items.get(item) {
        Some(current) if dep_index < current.depends_on.len() => {
            let mut changed = current.clone();
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
            let mut item = current.clone();
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
    let mut item = current.clone();
    item.end = Some(new_end);
    Edit::SetItem { index, item }
}

/// Sectors and funding schemes have the same shape; these builders serve both.
trait Named: Clone + Default {
    const WHAT: &'static str;
    fn id(&self) -> &str;
    fn set(&mut self, id: &str, name: &str);
    fn invalid(&mut self) -> &mut Invalid;
}

macro_rules! named {
    ($ty:ty, $what:literal) => {
        impl Named for $ty {
            const WHAT: &'static str = $what;
            fn id(&self) -> &str {
                &self.id
            }
            fn set(&mut self, id: &str, name: &str) {
                self.id = id.to_string();
                self.name = name.to_string();
            }
            fn invalid(&mut self) -> &mut Invalid {
                &mut self.invalid
            }
        }
    };
}

named!(Sector, "sector");
named!(FundingScheme, "funding scheme");

fn check_new_id<T: Named>(list: &[T], id: &str, except: Option<usize>) -> Result<(), EditError> {
    if id.trim().is_empty() {
        return Err(EditError::EmptyId { what: T::WHAT });
    }
    let taken = list
        .iter()
        .enumerate()
        .any(|(i, entry)| Some(i) != except && entry.id() == id);
    if taken {
        return Err(EditError::DuplicateId {
            what: T::WHAT,
            id: id.to_string(),
        });
    }
    Ok(())
}

/// An empty name falls back to the id, since validation requires a name.
fn add_named<T: Named>(list: &[T], id: &str, name: &str) -> Result<Vec<T>, EditError> {
    check_new_id(list, id, None)?;
    let mut entry = T::default();
    entry.set(id, if name.is_empty() { id } else { name });
    let mut new = list.to_vec();
    new.push(entry);
    Ok(new)
}

/// The renamed list, and the old id when references to it must follow. An empty name falls
/// back to the id.
fn rename_named<T: Named>(
    list: &[T],
    index: usize,
    id: &str,
    name: &str,
) -> Result<(Vec<T>, Option<String>), EditError> {
    let current = list.get(index).ok_or(EditError::NoSuch {
        what: T::WHAT,
        index,
    })?;
    if current.id() != id {
        check_new_id(list, id, Some(index))?;
    }
    let old = current.id().to_string();
    let shared = list
        .iter()
        .enumerate()
        .any(|(i, entry)| i != index && entry.id() == old);
    let mut new = list.to_vec();
    new[index].set(id, if name.is_empty() { id } else { name });
    new[index].invalid().remove("id");
    new[index].invalid().remove("name");
    let follow = (old != id && !old.is_empty() && !shared).then_some(old);
    Ok((new, follow))
}

/// Labels of the items `uses` picks, for an `InUse` refusal.
fn users(roadmap: &Roadmap, uses: impl Fn(&Item) -> bool) -> Vec<String> {
    roadmap
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| uses(item))
        .map(|(i, item)| item.label(i))
        .collect()
}

fn check_unused<T: Named>(
    roadmap: &Roadmap,
    list: &[T],
    index: usize,
    uses: impl Fn(&Item, &str) -> bool,
) -> Result<(), EditError> {
    let entry = list.get(index).ok_or(EditError::NoSuch {
        what: T::WHAT,
        index,
    })?;
    let id = entry.id();
    let shared = list
        .iter()
        .enumerate()
        .any(|(i, other)| i != index && other.id() == id);
    let users = if shared {
        Vec::new()
    } else {
        users(roadmap, |item| uses(item, id))
    };
    if users.is_empty() {
        Ok(())
    } else {
        Err(EditError::InUse {
            what: format!("{} \"{id}\"", T::WHAT),
            users,
        })
    }
}

/// Appends a sector; the id must be non-empty and unique.
pub fn add_sector(roadmap: &Roadmap, id: &str, name: &str) -> Result<Edit, EditError> {
    add_named(&roadmap.sectors, id, name).map(Edit::SetSectors)
}

/// Renames a sector; a new id moves every item of the sector along.
pub fn rename_sector(
    roadmap: &Roadmap,
    index: usize,
    new_id: &str,
    new_name: &str,
) -> Result<Edit, EditError> {
    let (sectors, follow) = rename_named(&roadmap.sectors, index, new_id, new_name)?;
    if sectors == roadmap.sectors {
        return Ok(Edit::empty());
    }
    let mut edits = vec![Edit::SetSectors(sectors)];
    if let Some(old) = follow {
        for (i, item) in roadmap.items.iter().enumerate() {
            if item.sector == old {
                let mut item = item.clone();
                item.sector = new_id.to_string();
                edits.push(Edit::SetItem { index: i, item });
            }
        }
    }
    Ok(Edit::Batch(edits))
}

/// Removes a sector no item uses; refused with the users' ids otherwise.
pub fn remove_sector(roadmap: &Roadmap, index: usize) -> Result<Edit, EditError> {
    check_unused(roadmap, &roadmap.sectors, index, |item, id| {
        item.sector == id
    })?;
    let mut sectors = roadmap.sectors.clone();
    sectors.remove(index);
    Ok(Edit::SetSectors(sectors))
}

/// Appends a funding scheme; the id must be non-empty and unique.
pub fn add_funding_scheme(roadmap: &Roadmap, id: &str, name: &str) -> Result<Edit, EditError> {
    add_named(&roadmap.funding_schemes, id, name).map(Edit::SetFundingSchemes)
}

/// Renames a funding scheme; a new id carries every funding line of the scheme along.
pub fn rename_funding_scheme(
    roadmap: &Roadmap,
    index: usize,
    new_id: &str,
    new_name: &str,
) -> Result<Edit, EditError> {
    let (schemes, follow) = rename_named(&roadmap.funding_schemes, index, new_id, new_name)?;
    if schemes == roadmap.funding_schemes {
        return Ok(Edit::empty());
    }
    let mut edits = vec![Edit::SetFundingSchemes(schemes)];
    if let Some(old) = follow {
        for (i, item) in roadmap.items.iter().enumerate() {
            if item.funding.iter().any(|line| line.scheme == old) {
                let mut item = item.clone();
                item.funding
                    .iter_mut()
                    .filter(|line| line.scheme == old)
                    .for_each(|line| line.scheme = new_id.to_string());
                edits.push(Edit::SetItem { index: i, item });
            }
        }
    }
    Ok(Edit::Batch(edits))
}

/// Removes a funding scheme no funding line uses; refused with the users' ids otherwise.
pub fn remove_funding_scheme(roadmap: &Roadmap, index: usize) -> Result<Edit, EditError> {
    check_unused(roadmap, &roadmap.funding_schemes, index, |item, id| {
        item.funding.iter().any(|line| line.scheme == id)
    })?;
    let mut schemes = roadmap.funding_schemes.clone();
    schemes.remove(index);
    Ok(Edit::SetFundingSchemes(schemes))
}
