//! Settling the conflicts `peta merge` recorded in a roadmap's `conflicts` list (the TUI's
//! conflicts popup): each record read back, explained, and the edit that picks a side. Every
//! edit also removes the record, so one undo brings back both the value and the conflict.
//!
//! Values are changed through JSON, the way the merge saw them: the entry is written in the
//! canonical form, the field set to the chosen side's value and read back, and the result goes
//! through the normal edit builders (`update_item`, ...), which check it.

use super::CONFLICTS_KEY;
use crate::i18n::{Text, M};
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
    /// As written in the file (by `peta merge`, in English); [`Recorded::reason_text`]
    /// translates the ones peta writes.
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

/// How `peta merge` starts the reason of a cycle conflict.
const CYCLE_REASON: &str = "the merge closes a dependency cycle";

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
    let nature = if reason.starts_with(CYCLE_REASON) {
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

/// A message whose arguments may themselves be translated.
fn key(key: M, args: Vec<(&'static str, Text)>) -> Text {
    Text::Key(key, args)
}

fn side_text(value: &Option<Value>) -> Text {
    value
        .as_ref()
        .map_or_else(|| Text::key(M::ConfAbsent), |v| Text::Raw(short(v)))
}

/// `item "b"`, `sector "data"`, `the roadmap`.
fn subject_of(subject: &Subject) -> Text {
    match subject {
        Subject::Roadmap => Text::key(M::ConfSubjectRoadmap),
        Subject::Item(id) => crate::text!(ConfSubjectItem, id = id),
        Subject::Sector(id) => crate::text!(ConfSubjectSector, id = id),
        Subject::FundingScheme(id) => crate::text!(ConfSubjectScheme, id = id),
    }
}

impl Recorded {
    /// `item "b"`, `sector "data"`, `the roadmap`.
    pub fn subject_text(&self) -> Text {
        subject_of(&self.subject)
    }

    /// The reason as recorded, translated when it is one `peta merge` writes.
    pub fn reason_text(&self) -> Text {
        let reason = self.reason.as_str();
        let fixed = [
            ("changed differently on both sides", M::ConfReasonChanged),
            (
                "deleted by ours, changed by theirs",
                M::ConfReasonDeletedByOurs,
            ),
            (
                "changed by ours, deleted by theirs",
                M::ConfReasonDeletedByTheirs,
            ),
            ("unresolved", M::ConfReasonUnresolved),
        ];
        if let Some((_, m)) = fixed.iter().find(|(english, _)| *english == reason) {
            return Text::key(*m);
        }
        if let Some(chain) = reason.strip_prefix("the merge closes a dependency cycle: ") {
            return crate::text!(ConfReasonCycle, chain = chain);
        }
        let dangling = reason
            .strip_prefix("links to \"")
            .and_then(|rest| rest.strip_suffix("\", which the other side removed"));
        if let Some(id) = dangling {
            return crate::text!(ConfReasonDangling, id = id);
        }
        Text::Raw(self.reason.clone())
    }

    /// The item the conflict is about, when it is in the roadmap.
    pub fn item_index(&self, roadmap: &Roadmap) -> Option<usize> {
        match &self.subject {
            Subject::Item(id) => roadmap.index_of(id),
            _ => None,
        }
    }

    /// One line for a list: `item "b"  end  ours "2025-03-10"  theirs "2025-03-20"`.
    pub fn summary(&self) -> Text {
        let field = if self.field.is_empty() {
            Text::key(M::ConfWholeEntry)
        } else {
            Text::Raw(self.field.clone())
        };
        let what = ("what", self.subject_text());
        match self.nature {
            Nature::Cycle => key(M::ConfRowCycle, vec![what, ("field", field)]),
            Nature::Dangling => key(M::ConfRowDangling, vec![what, ("field", field)]),
            Nature::Deleted if self.ours.is_none() => key(M::ConfRowDeletedByOurs, vec![what]),
            Nature::Deleted => key(M::ConfRowDeletedByTheirs, vec![what]),
            _ => key(
                M::ConfRowChanged,
                vec![
                    what,
                    ("field", field),
                    ("ours", side_text(&self.ours)),
                    ("theirs", side_text(&self.theirs)),
                ],
            ),
        }
    }

    /// What happened and what each choice does, for the planner.
    pub fn explain(&self) -> Text {
        let what = ("what", self.subject_text());
        match self.nature {
            Nature::Changed => {
                let sides = key(
                    M::ConfSides,
                    vec![
                        ("base", side_text(&self.base)),
                        ("ours", side_text(&self.ours)),
                        ("theirs", side_text(&self.theirs)),
                    ],
                );
                let field = if self.field.is_empty() {
                    Text::key(M::ConfTheValue)
                } else {
                    Text::Raw(self.field.clone())
                };
                key(
                    M::ConfExplainChanged,
                    vec![("field", field), what, ("sides", sides)],
                )
            }
            Nature::Deleted if self.ours.is_none() => key(M::ConfExplainDeletedByOurs, vec![what]),
            Nature::Deleted => key(M::ConfExplainDeletedByTheirs, vec![what]),
            Nature::Dangling => {
                let target = linked_id(&self.field).unwrap_or("?");
                let dropping = if self.ours.is_none() { "o" } else { "t" };
                key(
                    M::ConfExplainDangling,
                    vec![
                        what,
                        ("target", Text::from(target)),
                        ("key", Text::from(dropping)),
                    ],
                )
            }
            Nature::Cycle => {
                // The recorded reason starts the sentence: "The merge closes a dependency
                // cycle: a -> b -> a."
                let chain = self
                    .reason
                    .strip_prefix(CYCLE_REASON)
                    .unwrap_or("")
                    .trim_start_matches(':')
                    .trim_start();
                key(
                    M::ConfExplainCycle,
                    vec![("chain", Text::from(chain)), what],
                )
            }
        }
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
pub fn pick(roadmap: &Roadmap, conflict: &Recorded, side: Side) -> Result<Edit, Text> {
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
            return Err(key(
                M::ConfCycleNoSide,
                vec![("what", conflict.subject_text())],
            ));
        }
        Nature::Dangling if value.is_some() => {
            return Err(Text::key(if side == Side::Ours {
                M::ConfDanglingOurs
            } else {
                M::ConfDanglingTheirs
            }))
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
fn canonical_value(holder: &Roadmap) -> Result<Value, Text> {
    serde_json::from_str(&crate::store::to_canonical_string(holder))
        .map_err(|err| crate::text!(ConfCannotWriteJson, error = err))
}

fn read_back(value: Value) -> Result<Roadmap, Text> {
    from_value(value).map_err(|err| crate::text!(ConfDoesNotFit, error = err))
}

/// The edit builders' refusals (in English: the model's edit messages are not translated).
fn refusals(errors: &[crate::model::FieldError]) -> Text {
    Text::Raw(
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    )
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

fn set_header_field(header: &mut Header, field: &str, value: Option<&Value>) -> Result<(), Text> {
    if matches!(field, "sectors" | "funding_schemes" | "items" | "") {
        // The list is named by its key in the file; a whole roadmap by the word.
        let list = if field.is_empty() {
            Text::key(M::ConfSubjectRoadmap)
        } else {
            Text::from(field)
        };
        return Err(key(M::ConfWholeList, vec![("list", list)]));
    }
    let mut holder = Roadmap::default();
    holder.set_header(header.clone());
    let mut value_of = canonical_value(&holder)?;
    if let Some(object) = value_of.as_object_mut() {
        set_key(object, field, value);
    }
    let changed = read_back(value_of)?.header();
    // Keep the conflicts list as it was: only `field` changes.
    let conflicts = header.extra.remove(CONFLICTS_KEY);
    *header = changed;
    if let Some(conflicts) = conflicts {
        header.extra.insert(CONFLICTS_KEY.to_string(), conflicts);
    }
    Ok(())
}

/// The index of the sector or scheme with this id.
fn position<T>(list: &[T], id: &str, id_of: fn(&T) -> &str) -> Option<usize> {
    list.iter().position(|entry| id_of(entry) == id)
}

fn no_such(subject: &Subject) -> Text {
    let what = match subject {
        Subject::Roadmap => Text::key(M::ConfTheEntry),
        other => subject_of(other),
    };
    key(M::ConfNoLongerInRoadmap, vec![("what", what)])
}

/// One field of an item, sector or funding scheme set to `value`.
fn set_field(
    roadmap: &Roadmap,
    subject: &Subject,
    field: &str,
    value: Option<&Value>,
) -> Result<Edit, Text> {
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
            update_item(roadmap, index, *item).map_err(|errors| refusals(&errors))
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
fn whole_entry(roadmap: &Roadmap, subject: &Subject, value: Option<&Value>) -> Result<Edit, Text> {
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
                Some(index) => {
                    remove_sector(roadmap, index).map_err(|err| Text::Raw(err.to_string()))
                }
                None => Ok(Edit::empty()),
            },
            Subject::FundingScheme(id) => match position(&roadmap.funding_schemes, id, |s| &s.id) {
                Some(index) => {
                    remove_funding_scheme(roadmap, index).map_err(|err| Text::Raw(err.to_string()))
                }
                None => Ok(Edit::empty()),
            },
            Subject::Roadmap => Err(no_such(subject)),
        };
    };
    let back = read_back(json!({ list_key: [value] }))?;
    match subject {
        Subject::Item(id) => {
            let item: Item = *back
                .items
                .into_iter()
                .next()
                .ok_or_else(|| no_such(subject))?;
            match roadmap.index_of(id) {
                // Someone brought it back already: take theirs' version of it.
                Some(index) => {
                    update_item(roadmap, index, item).map_err(|errors| refusals(&errors))
                }
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

    /// The English texts are exactly what they were before the catalogue (tests and users
    /// rely on them); the Indonesian ones are translated, reasons included.
    #[test]
    fn texts_in_english_and_indonesian() {
        use crate::i18n::Lang;
        let r = roadmap(json!({"items": [], "conflicts": [
            {"item": "a", "field": "end", "base": 1, "ours": 2, "theirs": 3, "reason": "changed differently on both sides"},
            {"item": "b", "field": "", "base": {}, "theirs": {}, "reason": "deleted by ours, changed by theirs"},
            {"item": "c", "field": "depends_on \"x\"", "ours": "x", "reason": "links to \"x\", which the other side removed"},
            {"item": "d", "field": "depends_on", "reason": "the merge closes a dependency cycle: d -> e -> d"},
            {"field": "title", "base": "T", "ours": "O", "theirs": "U", "reason": "changed differently on both sides"}
        ]}));
        let all = recorded(&r);
        let en = |t: Text| t.render(Lang::En);
        let id = |t: Text| t.render(Lang::Id);
        assert_eq!(en(all[0].summary()), "item \"a\"  end  ours 2  theirs 3");
        assert_eq!(
            en(all[0].explain()),
            "Both branches changed end of item \"a\"; the file keeps ours. Base 1, ours 2, \
             theirs 3. o keeps ours, t applies theirs, e edits it yourself."
        );
        assert_eq!(
            en(all[1].summary()),
            "item \"b\"  deleted by ours, changed by theirs"
        );
        assert_eq!(
            en(all[1].explain()),
            "Ours deleted item \"b\" while theirs changed it. o keeps it deleted, t brings back \
             theirs' version."
        );
        assert_eq!(
            en(all[2].summary()),
            "item \"c\"  depends_on \"x\"  dangling link"
        );
        assert_eq!(
            en(all[2].explain()),
            "item \"c\" links to \"x\", which the other side removed, so the link points \
             nowhere. t drops the link; e edits the item's dependencies (for example to link to \
             what replaced \"x\")."
        );
        assert_eq!(
            en(all[3].explain()),
            "The merge closes a dependency cycle: d -> e -> d. Each side added a link that is \
             fine alone; together they go round in a circle, which cannot be scheduled. e opens \
             item \"d\" to remove one of the links; the conflict is settled once it is saved \
             with the cycle broken."
        );
        assert_eq!(
            en(all[4].summary()),
            "the roadmap  title  ours \"O\"  theirs \"U\""
        );
        for conflict in &all {
            assert_eq!(en(conflict.reason_text()), conflict.reason);
        }
        assert_eq!(
            id(all[4].summary()),
            "peta jalan  title  kita \"O\"  mereka \"U\""
        );
        assert_eq!(id(all[0].reason_text()), "diubah berbeda di kedua sisi");
        assert_eq!(
            id(all[2].reason_text()),
            "bertaut ke \"x\", yang dihapus sisi lain"
        );
        assert_eq!(
            id(all[3].reason_text()),
            "penggabungan menutup siklus ketergantungan: d -> e -> d"
        );
        let refused = pick(&r, &all[2], Side::Ours).unwrap_err();
        assert_eq!(
            en(refused.clone()),
            "ours would keep a link to an item that no longer exists; pick the other side to \
             drop it, or press e"
        );
        assert!(id(refused).starts_with("milik kita akan mempertahankan tautan"));
    }
}
