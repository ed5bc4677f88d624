//! Settling the conflicts `peta merge` recorded in a roadmap's `conflicts` list (the TUI's
//! conflicts popup): each record read back, explained, and the edit that picks a side. Every
//! edit also removes the record, so one undo brings back both the value and the conflict.
//!
//! Values are changed through JSON, the way the merge saw them: the entry is written in the
//! canonical form, the field set to the chosen side's value and read back, and the result goes
//! through the normal edit builders (`update_item`, ...), which check it.

use super::CONFLICTS_KEY;
use crate::model::convert::short;
use crate::model::{
    delete_item, from_value, remove_funding_scheme, remove_sector, update_item, Edit, Header, Item,
    Roadmap,
};
use serde_json::{json, Map, Value};

/// What a conflict is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The roadmap's own fields (title, dates, unknown top-level fields).
    Roadmap,
    Item(String),
    Sector(String),
    FundingScheme(String),
}

/// The kinds of conflict `peta merge` records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nature {
    /// The same field changed differently on both sides; the file has OURS' value.
    Changed,
    /// A whole entry deleted on one side and changed on the other; the file follows OURS.
    Deleted,
    /// A link to an item the other side removed.
    Dangling,
    /// A dependency cycle closed by links from both sides.
    Cycle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// One record of the `conflicts` list, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The record as it is in the file: how it is found again to remove it.
    pub record: Value,
    pub subject: Subject,
    /// `start`, `depends_on "x"`; empty for a whole entry.
    pub field: String,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
    pub reason: String,
    pub nature: Nature,
}

/// The records of the roadmap's `conflicts` list, in file order.
pub fn recorded(roadmap: &Roadmap) -> Vec<Recorded> {
    let Some(Value::Array(records)) = roadmap.extra.get(CONFLICTS_KEY) else {
        return Vec::new();
    };
    records.iter().map(read_record).collect()
}

/// How many conflicts the roadmap records.
pub fn count(roadmap: &Roadmap) -> usize {
    match roadmap.extra.get(CONFLICTS_KEY) {
        Some(Value::Array(records)) => records.len(),
        _ => 0,
    }
}

fn read_record(record: &Value) -> Recorded {
    let text = |key: &str| record.get(key).and_then(Value::as_str).map(str::to_string);
    let subject = if let Some(id) = text("item") {
        Subject::Item(id)
    } else if let Some(id) = text("sector") {
        Subject::Sector(id)
    } else if let Some(id) = text("funding_scheme") {
        Subject::FundingScheme(id)
    } else {
        Subject::Roadmap
    };
    let field = text("field").unwrap_or_default();
    let reason = text("reason").unwrap_or_else(|| "unresolved".to_string());
    let nature = if reason.starts_with("the merge closes a dependency cycle") {
        Nature::Cycle
    } else if reason.starts_with("links to ") {
        Nature::Dangling
    } else if field.is_empty() && subject != Subject::Roadmap {
        Nature::Deleted
    } else {
        Nature::Changed
    };
    Recorded {
        record: record.clone(),
        subject,
        field,
        base: record.get("base").cloned(),
        ours: record.get("ours").cloned(),
        theirs: record.get("theirs").cloned(),
        reason,
        nature,
    }
}

/// `a` from `depends_on "a"`.
fn linked_id(field: &str) -> Option<&str> {
    field.strip_prefix("depends_on \"")?.strip_suffix('"')
}

fn side_text(value: &Option<Value>) -> String {
    value.as_ref().map_or_else(|| "absent".to_string(), short)
}

impl Recorded {
    /// `item "b"`, `sector "data"`, `the roadmap`.
    pub fn subject_text(&self) -> String {
        match &self.subject {
            Subject::Roadmap => "the roadmap".to_string(),
            Subject::Item(id) => format!("item \"{id}\""),
            Subject::Sector(id) => format!("sector \"{id}\""),
            Subject::FundingScheme(id) => format!("funding scheme \"{id}\""),
        }
    }

    /// The item the conflict is about, when it is in the roadmap.
    pub fn item_index(&self, roadmap: &Roadmap) -> Option<usize> {
        match &self.subject {
            Subject::Item(id) => roadmap.index_of(id),
            _ => None,
        }
    }

    /// One line for a list: `item "b"  end  ours "2025-03-10"  theirs "2025-03-20"`.
    pub fn summary(&self) -> String {
        let field = if self.field.is_empty() {
            "(whole entry)"
        } else {
            &self.field
        };
        match self.nature {
            Nature::Cycle => format!("{}  {field}  dependency cycle", self.subject_text()),
            Nature::Dangling => format!("{}  {field}  dangling link", self.subject_text()),
            Nature::Deleted if self.ours.is_none() => {
                format!(
                    "{}  deleted by ours, changed by theirs",
                    self.subject_text()
                )
            }
            Nature::Deleted => {
                format!(
                    "{}  changed by ours, deleted by theirs",
                    self.subject_text()
                )
            }
            _ => format!(
                "{}  {field}  ours {}  theirs {}",
                self.subject_text(),
                side_text(&self.ours),
                side_text(&self.theirs)
            ),
        }
    }

    /// What happened and what each choice does, for the planner.
    pub fn explain(&self) -> String {
        let what = self.subject_text();
        let sides = format!(
            "Base {}, ours {}, theirs {}.",
            side_text(&self.base),
            side_text(&self.ours),
            side_text(&self.theirs)
        );
        match self.nature {
            Nature::Changed => format!(
                "Both branches changed {} of {what}; the file keeps ours. {sides} \
                 o keeps ours, t applies theirs, e edits it yourself.",
                if self.field.is_empty() {
                    "the value"
                } else {
                    &self.field
                }
            ),
            Nature::Deleted => {
                let (gone, kept) = if self.ours.is_none() {
                    ("Ours deleted", "theirs changed it")
                } else {
                    ("Theirs deleted", "ours changed it")
                };
                let keys = if self.ours.is_none() {
                    "o keeps it deleted, t brings back theirs' version."
                } else {
                    "o keeps ours' version, t deletes it, e edits it."
                };
                format!("{gone} {what} while {kept}. {keys}")
            }
            Nature::Dangling => {
                let target = linked_id(&self.field).unwrap_or("?");
                let dropping = if self.ours.is_none() { "o" } else { "t" };
                format!(
                    "{what} links to \"{target}\", which the other side removed, so the link \
                     points nowhere. {dropping} drops the link; e edits the item's dependencies \
                     (for example to link to what replaced \"{target}\")."
                )
            }
            Nature::Cycle => format!(
                "{}. Each side added a link that is fine alone; together they go round in a \
                 circle, which cannot be scheduled. e opens {what} to remove one of the links; \
                 the conflict is settled once it is saved with the cycle broken.",
                capitalized(&self.reason)
            ),
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The header without `record` in its `conflicts` list (the list removed once empty).
fn remove_record(header: &mut Header, record: &Value) {
    let Some(Value::Array(list)) = header.extra.get_mut(CONFLICTS_KEY) else {
        return;
    };
    if let Some(at) = list.iter().position(|r| r == record) {
        list.remove(at);
    }
    if list.is_empty() {
        header.extra.remove(CONFLICTS_KEY);
    }
}

/// Removes the record from the `conflicts` list and changes nothing else: the planner has
/// settled the value (or keeps the file's).
pub fn settle(roadmap: &Roadmap, conflict: &Recorded) -> Edit {
    let mut header = roadmap.header();
    remove_record(&mut header, &conflict.record);
    if header == roadmap.header() {
        return Edit::empty();
    }
    Edit::SetHeader(Box::new(header))
}

/// `edit`, then the record's removal, as one undoable step.
pub fn settling(roadmap: &Roadmap, conflict: &Recorded, edit: Edit) -> Edit {
    Edit::Batch(vec![edit, settle(roadmap, conflict)])
}

/// Picks a side: the field (or entry) takes that side's value and the record is removed.
/// OURS of a changed field is the value the file already has. Refused, with the reason, when
/// the value cannot be used (a cycle has no side to pick; a dangling link cannot be kept; the
/// edit builders refuse the value).
pub fn pick(roadmap: &Roadmap, conflict: &Recorded, side: Side) -> Result<Edit, String> {
    let value = match side {
        Side::Ours => &conflict.ours,
        Side::Theirs => &conflict.theirs,
    };
    match conflict.nature {
        Nature::Cycle => {
            // Broken since (by editing any of its links): nothing left to choose.
            if let Some(index) = conflict.item_index(roadmap) {
                if !on_cycle(roadmap, index) {
                    return Ok(settle(roadmap, conflict));
                }
            }
            return Err(format!(
                "a dependency cycle has no side to pick: press e to edit {} and remove one of the links",
                conflict.subject_text()
            ))
        }
        Nature::Dangling if value.is_some() => {
            return Err(format!(
                "{} would keep a link to an item that no longer exists; pick the other side to drop it, or press e",
                if side == Side::Ours { "ours" } else { "theirs" }
            ))
        }
        Nature::Changed if side == Side::Ours => return Ok(settle(roadmap, conflict)),
        Nature::Deleted if side == Side::Ours => return Ok(settle(roadmap, conflict)),
        _ => {}
    }
    if let Subject::Roadmap = conflict.subject {
        let mut header = roadmap.header();
        set_header_field(&mut header, &conflict.field, value.as_ref())?;
        remove_record(&mut header, &conflict.record);
        return Ok(Edit::SetHeader(Box::new(header)));
    }
    let edit = match conflict.nature {
        Nature::Deleted => whole_entry(roadmap, &conflict.subject, value.as_ref())?,
        _ => set_field(roadmap, &conflict.subject, &conflict.field, value.as_ref())?,
    };
    Ok(settling(roadmap, conflict, edit))
}

/// A roadmap holding only what is to be changed, as canonical JSON.
fn canonical_value(holder: &Roadmap) -> Result<Value, String> {
    serde_json::from_str(&crate::store::to_canonical_string(holder))
        .map_err(|err| format!("cannot write the entry as JSON: {err}"))
}

fn read_back(value: Value) -> Result<Roadmap, String> {
    from_value(value).map_err(|err| format!("the chosen value does not fit: {err}"))
}

fn set_key(object: &mut Map<String, Value>, key: &str, value: Option<&Value>) {
    match value {
        Some(value) => {
            object.insert(key.to_string(), value.clone());
        }
        None => {
            object.remove(key);
        }
    }
}

/// Sets one field of an object (an item, sector or scheme); `depends_on "x"` sets the link to
/// `x` alone, in its place.
fn set_in_object(object: &mut Map<String, Value>, field: &str, value: Option<&Value>) {
    let Some(pred) = linked_id(field) else {
        set_key(object, field, value);
        return;
    };
    let links = object
        .entry("depends_on")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !links.is_array() {
        *links = Value::Array(Vec::new());
    }
    let Value::Array(links) = links else {
        return;
    };
    let is_pred = |link: &Value| match link {
        Value::String(id) => id == pred,
        other => other.get("id").and_then(Value::as_str) == Some(pred),
    };
    let at = links.iter().position(is_pred);
    links.retain(|link| !is_pred(link));
    if let Some(value) = value {
        links.insert(at.unwrap_or(links.len()).min(links.len()), value.clone());
    }
}

fn set_header_field(header: &mut Header, field: &str, value: Option<&Value>) -> Result<(), String> {
    if matches!(field, "sectors" | "funding_schemes" | "items" | "") {
        return Err(format!(
            "the whole {} list cannot be swapped here; edit it in the file",
            if field.is_empty() { "roadmap" } else { field }
        ));
    }
    let holder = Roadmap {
        format: header.format.clone(),
        title: header.title.clone(),
        start: header.start,
        end: header.end,
        currency: header.currency.clone(),
        invalid: header.invalid.clone(),
        extra: header.extra.clone(),
        ..Default::default()
    };
    let mut value_of = canonical_value(&holder)?;
    if let Some(object) = value_of.as_object_mut() {
        set_key(object, field, value);
    }
    let changed = read_back(value_of)?.header();
    header.format = changed.format;
    header.title = changed.title;
    header.start = changed.start;
    header.end = changed.end;
    header.currency = changed.currency;
    header.invalid = changed.invalid;
    // Keep the conflicts list as it was: only `field` changes.
    let conflicts = header.extra.remove(CONFLICTS_KEY);
    header.extra = changed.extra;
    if let Some(conflicts) = conflicts {
        header.extra.insert(CONFLICTS_KEY.to_string(), conflicts);
    }
    Ok(())
}

/// The index of the sector or scheme with this id.
fn position<T>(list: &[T], id: &str, id_of: fn(&T) -> &str) -> Option<usize> {
    list.iter().position(|entry| id_of(entry) == id)
}

fn no_such(subject: &Subject) -> String {
    let what = match subject {
        Subject::Item(id) => format!("item \"{id}\""),
        Subject::Sector(id) => format!("sector \"{id}\""),
        Subject::FundingScheme(id) => format!("funding scheme \"{id}\""),
        Subject::Roadmap => "the entry".to_string(),
    };
    format!("{what} is no longer in the roadmap")
}

/// One field of an item, sector or funding scheme set to `value`.
fn set_field(
    roadmap: &Roadmap,
    subject: &Subject,
    field: &str,
    value: Option<&Value>,
) -> Result<Edit, String> {
    match subject {
        Subject::Item(id) => {
            let index = roadmap.index_of(id).ok_or_else(|| no_such(subject))?;
            let holder = Roadmap {
                items: vec![roadmap.items[index].clone()],
                ..Default::default()
            };
            let mut whole = canonical_value(&holder)?;
            if let Some(object) = whole["items"][0].as_object_mut() {
                set_in_object(object, field, value);
            }
            let item = read_back(whole)?
                .items
                .pop()
                .ok_or_else(|| no_such(subject))?;
            update_item(roadmap, index, item).map_err(|errors| {
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        }
        Subject::Sector(id) => {
            let index =
                position(&roadmap.sectors, id, |s| &s.id).ok_or_else(|| no_such(subject))?;
            let holder = Roadmap {
                sectors: vec![roadmap.sectors[index].clone()],
                ..Default::default()
            };
            let mut whole = canonical_value(&holder)?;
            if let Some(object) = whole["sectors"][0].as_object_mut() {
                set_in_object(object, field, value);
            }
            let sector = read_back(whole)?
                .sectors
                .pop()
                .ok_or_else(|| no_such(subject))?;
            let mut sectors = roadmap.sectors.clone();
            sectors[index] = sector;
            Ok(Edit::SetSectors(sectors))
        }
        Subject::FundingScheme(id) => {
            let index = position(&roadmap.funding_schemes, id, |s| &s.id)
                .ok_or_else(|| no_such(subject))?;
            let holder = Roadmap {
                funding_schemes: vec![roadmap.funding_schemes[index].clone()],
                ..Default::default()
            };
            let mut whole = canonical_value(&holder)?;
            if let Some(object) = whole["funding_schemes"][0].as_object_mut() {
                set_in_object(object, field, value);
            }
            let scheme = read_back(whole)?
                .funding_schemes
                .pop()
                .ok_or_else(|| no_such(subject))?;
            let mut schemes = roadmap.funding_schemes.clone();
            schemes[index] = scheme;
            Ok(Edit::SetFundingSchemes(schemes))
        }
        Subject::Roadmap => Err(no_such(subject)),
    }
}

/// A whole entry brought back (`value` is that side's version) or deleted (`None`).
fn whole_entry(
    roadmap: &Roadmap,
    subject: &Subject,
    value: Option<&Value>,
) -> Result<Edit, String> {
    let list_key = match subject {
        Subject::Item(_) => "items",
        Subject::Sector(_) => "sectors",
        Subject::FundingScheme(_) => "funding_schemes",
        Subject::Roadmap => return Err(no_such(subject)),
    };
    let Some(value) = value else {
        // Deleted on that side: delete it here (refused while a sector or scheme is in use).
        return match subject {
            Subject::Item(id) => match roadmap.index_of(id) {
                Some(index) => Ok(delete_item(roadmap, index)),
                None => Ok(Edit::empty()),
            },
            Subject::Sector(id) => match position(&roadmap.sectors, id, |s| &s.id) {
                Some(index) => remove_sector(roadmap, index).map_err(|err| err.to_string()),
                None => Ok(Edit::empty()),
            },
            Subject::FundingScheme(id) => match position(&roadmap.funding_schemes, id, |s| &s.id) {
                Some(index) => remove_funding_scheme(roadmap, index).map_err(|err| err.to_string()),
                None => Ok(Edit::empty()),
            },
            Subject::Roadmap => Err(no_such(subject)),
        };
    };
    let back = read_back(json!({ list_key: [value] }))?;
    match subject {
        Subject::Item(id) => {
            let item: Item = back
                .items
                .into_iter()
                .next()
                .ok_or_else(|| no_such(subject))?;
            match roadmap.index_of(id) {
                // Someone brought it back already: take theirs' version of it.
                Some(index) => update_item(roadmap, index, item).map_err(|errors| {
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                None => Ok(Edit::InsertItem {
                    index: roadmap.items.len(),
                    item,
                }),
            }
        }
        Subject::Sector(id) => {
            let mut sectors = roadmap.sectors.clone();
            let sector = back
                .sectors
                .into_iter()
                .next()
                .ok_or_else(|| no_such(subject))?;
            match position(&sectors, id, |s| &s.id) {
                Some(index) => sectors[index] = sector,
                None => sectors.push(sector),
            }
            Ok(Edit::SetSectors(sectors))
        }
        Subject::FundingScheme(id) => {
            let mut schemes = roadmap.funding_schemes.clone();
            let scheme = back
                .funding_schemes
                .into_iter()
                .next()
                .ok_or_else(|| no_such(subject))?;
            match position(&schemes, id, |s| &s.id) {
                Some(index) => schemes[index] = scheme,
                None => schemes.push(scheme),
            }
            Ok(Edit::SetFundingSchemes(schemes))
        }
        Subject::Roadmap => Err(no_such(subject)),
    }
}

/// Whether the item at `index` still sits on a dependency cycle (a cycle conflict is settled
/// by an edit that breaks it).
pub fn on_cycle(roadmap: &Roadmap, index: usize) -> bool {
    crate::model::find_cycles(roadmap)
        .iter()
        .any(|cycle| cycle.contains(&index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roadmap(value: Value) -> Roadmap {
        from_value(value).unwrap()
    }

    #[test]
    fn a_link_is_set_alone_in_its_place() {
        let mut object =
            json!({"depends_on": ["a", {"id": "b", "type": "SS", "lag_days": 2}, "c"]});
        let map = object.as_object_mut().unwrap();
        set_in_object(map, "depends_on \"b\"", Some(&json!("b")));
        assert_eq!(map["depends_on"], json!(["a", "b", "c"]));
        set_in_object(map, "depends_on \"a\"", None);
        assert_eq!(map["depends_on"], json!(["b", "c"]));
        set_in_object(map, "depends_on \"z\"", Some(&json!("z")));
        assert_eq!(map["depends_on"], json!(["b", "c", "z"]));
    }

    #[test]
    fn records_are_read_with_their_nature() {
        let r = roadmap(json!({"items": [], "conflicts": [
            {"item": "a", "field": "end", "base": 1, "ours": 2, "theirs": 3, "reason": "changed differently on both sides"},
            {"item": "b", "field": "", "base": {}, "theirs": {}, "reason": "deleted by ours, changed by theirs"},
            {"item": "c", "field": "depends_on \"x\"", "ours": "x", "reason": "links to \"x\", which the other side removed"},
            {"item": "d", "field": "depends_on", "reason": "the merge closes a dependency cycle: d -> e -> d"},
            {"field": "title", "base": "T", "ours": "O", "theirs": "U", "reason": "changed differently on both sides"},
            "odd"
        ]}));
        let natures: Vec<Nature> = recorded(&r).iter().map(|c| c.nature).collect();
        assert_eq!(
            natures,
            [
                Nature::Changed,
                Nature::Deleted,
                Nature::Dangling,
                Nature::Cycle,
                Nature::Changed,
                Nature::Changed
            ]
        );
        assert_eq!(count(&r), 6);
        assert_eq!(recorded(&r)[4].subject, Subject::Roadmap);
    }
}
