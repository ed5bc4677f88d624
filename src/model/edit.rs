//! Every change to a roadmap is an [`Edit`] value. Applying one returns its exact inverse, so
//! undo is just applying what an edit gave back (see [`History`](super::History)).
//!
//! The builders below are pure functions of the roadmap: they check a change before anything
//! happens, refuse it with an error that names the items involved, and otherwise return one
//! edit (a `Batch` when several places change, so one undo restores all of them). A builder
//! that finds nothing to change returns an empty batch, which history ignores.

mod catalog;
mod items;
mod reach;
mod update;

pub use catalog::*;
pub use items::*;
pub use reach::Reach;
pub use update::*;

use super::*;
use crate::i18n::{Lang, M};
use crate::tr;
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
    /// Replaces the roadmap's own fields (all but sectors, funding schemes and items), such as
    /// the `conflicts` list `peta merge` leaves among the unknown fields.
    SetHeader(Box<Header>),
    /// Applied in order; its inverse undoes them in reverse order.
    Batch(Vec<Edit>),
}

/// The links and ids of a roadmap as it stands, kept up to date by a caller that edits often
/// (the TUI), so that checking an edit need not read every item.
#[derive(Debug, Clone, Copy)]
pub struct Lookup<'a> {
    pub network: &'a Network,
    pub ids: &'a IdIndex,
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
                self.items.insert(index, Box::new(item));
                Edit::RemoveItem { index }
            }
            Edit::RemoveItem { index } => {
                if index < self.items.len() {
                    let item = *self.items.remove(index);
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
            Edit::SetHeader(header) => {
                let old = self.header();
                self.set_header(*header);
                Edit::SetHeader(Box::new(old))
            }
            Edit::Batch(edits) => {
                let mut inverses: Vec<Edit> = edits.into_iter().map(|e| self.apply(e)).collect();
                inverses.reverse();
                Edit::Batch(inverses)
            }
        }
    }
}

/// The roadmap's own fields: everything but its sectors, funding schemes and items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Header {
    pub format: String,
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub currency: String,
    pub invalid: Invalid,
    pub extra: Extra,
}

impl Roadmap {
    /// A copy of the roadmap's own fields.
    pub fn header(&self) -> Header {
        Header {
            format: self.format.clone(),
            title: self.title.clone(),
            start: self.start,
            end: self.end,
            currency: self.currency.clone(),
            invalid: self.invalid.clone(),
            extra: self.extra.clone(),
        }
    }

    /// Replaces the roadmap's own fields (see [`Header`]).
    pub fn set_header(&mut self, header: Header) {
        self.format = header.format;
        self.title = header.title;
        self.start = header.start;
        self.end = header.end;
        self.currency = header.currency;
        self.invalid = header.invalid;
        self.extra = header.extra;
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
    /// `what` is "sector" or "funding scheme", `id` its id; `users` are the labels of every
    /// item using it.
    InUse {
        what: &'static str,
        id: String,
        users: Vec<String>,
    },
}

impl EditError {
    /// The refusal in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            EditError::NoSuch { what, index } => {
                tr!(lang, EditNoSuch, what = noun(lang, what), n = index + 1)
            }
            EditError::NoId(index) => tr!(lang, EditNoId, n = index + 1),
            EditError::EmptyId { what } => tr!(lang, EditEmptyId, what = noun(lang, what)),
            EditError::DuplicateId { what, id } => {
                tr!(lang, EditDuplicateId, what = noun(lang, what), id = id)
            }
            EditError::AlreadyLinked { item, pred } => {
                tr!(lang, EditAlreadyLinked, item = item, pred = pred)
            }
            EditError::LagOutOfRange(lag) => {
                tr!(lang, EditLagOutOfRange, lag = lag, max = MAX_LAG_DAYS)
            }
            EditError::Cycle { ids, .. } if ids.len() == 1 => {
                tr!(lang, EditSelfLink, id = ids[0])
            }
            EditError::Cycle { ids, .. } => tr!(lang, EditCycle, cycle = cycle_text(ids)),
            EditError::InUse { what, id, users } => {
                let users_text = list_some(lang, users, 10);
                let what = noun(lang, what);
                if users.len() == 1 {
                    tr!(lang, EditInUseOne, what = what, id = id, users = users_text)
                } else {
                    tr!(
                        lang,
                        EditInUseMany,
                        what = what,
                        id = id,
                        n = users.len(),
                        users = users_text
                    )
                }
            }
        }
    }
}

/// "item", "sector" or "funding scheme" in `lang`.
fn noun(lang: Lang, what: &str) -> &'static str {
    match what {
        "sector" => lang.t(M::WhereSector),
        "funding scheme" => lang.t(M::WhereScheme),
        _ => lang.t(M::WhereItem),
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
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
fn list_some(lang: Lang, names: &[String], shown: usize) -> String {
    let mut text = names
        .iter()
        .take(shown)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > shown {
        text = tr!(lang, EditAndMore, list = text, n = names.len() - shown);
    }
    text
}

/// A field of an item that `update_item` refused, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// "id", "title", "sector", "start", "end", "progress", "depends_on", "funding", "item".
    pub field: &'static str,
    /// Shown next to the field, in the planner's language (`message.render(lang)`).
    pub message: crate::i18n::Text,
}

impl FieldError {
    fn new(field: &'static str, message: impl Into<crate::i18n::Text>) -> FieldError {
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
/// `base`, or `base-2`, `base-3`, ... : the first that `used` says no item has.
fn unique_id(used: &dyn Fn(&str) -> bool, base: &str) -> String {
    if !used(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !used(id))
        .unwrap_or_else(|| base.to_string())
}

/// Whether an item has the id, answered from a set built once.
fn id_set(roadmap: &Roadmap) -> impl Fn(&str) -> bool + '_ {
    let used: HashSet<&str> = roadmap.items.iter().map(|i| i.id.as_str()).collect();
    move |id| used.contains(id)
}

fn id_used_elsewhere(roadmap: &Roadmap, id: &str, index: usize) -> Option<usize> {
    roadmap
        .items
        .iter()
        .enumerate()
        .position(|(j, item)| j != index && item.id == id)
}

/// Sets each item that lists `old` among its dependencies to list `new` instead (`None`:
/// drops the link), skipping `except`.
fn relink(roadmap: &Roadmap, old: &str, new: Option<&str>, except: usize) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (j, item) in roadmap.items.iter().enumerate() {
        if j == except || !item.depends_on.iter().any(|d| d.id == old) {
            continue;
        }
        let mut changed = Item::clone(item);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_empty_batches_are_empty() {
        assert!(Edit::empty().is_empty());
        assert!(Edit::Batch(vec![Edit::empty(), Edit::Batch(vec![Edit::empty()])]).is_empty());
        assert!(!Edit::Batch(vec![Edit::SetTitle(String::new())]).is_empty());
    }

    #[test]
    fn batch_inverse_runs_backwards() {
        let mut roadmap = Roadmap::default();
        let item = |id: &str| Item {
            id: id.into(),
            ..Default::default()
        };
        let inverse = roadmap.apply(Edit::Batch(vec![
            Edit::InsertItem {
                index: 0,
                item: item("a"),
            },
            Edit::InsertItem {
                index: 1,
                item: item("b"),
            },
        ]));
        assert_eq!(
            inverse,
            Edit::Batch(vec![
                Edit::RemoveItem { index: 1 },
                Edit::RemoveItem { index: 0 }
            ])
        );
        roadmap.apply(inverse);
        assert!(roadmap.items.is_empty());
    }

    #[test]
    fn helpers_name_things_for_people() {
        let ids: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(cycle_text(&ids), "a -> b -> c -> a");
        assert_eq!(list_some(Lang::En, &ids, 2), "a, b and 1 more");
        assert_eq!(list_some(Lang::En, &ids, 3), "a, b, c");
        let mut roadmap = Roadmap::default();
        assert_eq!(unique_id(&id_set(&roadmap), "x"), "x");
        for id in ["x", "x-2"] {
            roadmap.items.push(Box::new(Item {
                id: id.into(),
                ..Default::default()
            }));
        }
        assert_eq!(unique_id(&id_set(&roadmap), "x"), "x-3");
    }

    #[test]
    fn refusals_read_in_the_planners_language() {
        let cycle = EditError::Cycle {
            items: vec![0, 1],
            ids: vec!["a".into(), "b".into()],
        };
        assert_eq!(
            cycle.to_string(),
            "that link would create a dependency cycle (each item depends on the one before it): a -> b -> a"
        );
        assert!(cycle
            .render(Lang::Id)
            .starts_with("tautan itu akan membuat siklus"));
        let in_use = EditError::InUse {
            what: "sector",
            id: "data".into(),
            users: (0..12).map(|i| format!("i{i}")).collect(),
        };
        assert_eq!(
            in_use.to_string(),
            "sector \"data\" is still used by 12 items: i0, i1, i2, i3, i4, i5, i6, i7, i8, i9 and 2 more"
        );
        assert!(in_use
            .render(Lang::Id)
            .starts_with("sektor \"data\" masih dipakai oleh 12 butir"));
        assert!(in_use.render(Lang::Id).ends_with("i9 dan 2 lainnya"));
        let field = FieldError::new("progress", crate::text!(FieldProgressOver, n = 120));
        assert_eq!(field.message.to_string(), "120 is more than 100");
        assert_eq!(field.message.render(Lang::Id), "120 lebih dari 100");
    }
}
