//! The canonical file form: 2-space indented JSON, known fields in one fixed order (the order of
//! `docs/format.md`), unknown fields after them in alphabetical order, a final newline.
//!
//! A value that was invalid when loaded is written back exactly as it was, in its field's place,
//! until the field is edited.

use crate::model::*;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use std::io::{self, Write};

pub fn to_canonical_string(roadmap: &Roadmap) -> String {
    let mut out = Vec::with_capacity(256 + roadmap.items.len() * 320);
    // Writing into a Vec cannot fail, and every map key is a string.
    let _ = write_canonical(&mut out, roadmap);
    String::from_utf8(out).unwrap_or_default()
}

pub fn write_canonical<W: Write>(writer: W, roadmap: &Roadmap) -> io::Result<()> {
    let mut writer = writer;
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut writer,
        serde_json::ser::PrettyFormatter::with_indent(b"  "),
    );
    Canonical(roadmap)
        .serialize(&mut serializer)
        .map_err(io::Error::other)?;
    writer.write_all(b"\n")
}

struct Canonical<'a, T: ?Sized>(&'a T);

struct DateText(Date);

impl Serialize for DateText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

/// Writes one object: each known field, its kept invalid value taking precedence; then extras.
struct Fields<'a, M> {
    map: M,
    invalid: &'a Invalid,
}

impl<'a, M: SerializeMap> Fields<'a, M> {
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: Option<&T>,
    ) -> Result<(), M::Error> {
        if let Some(raw) = self.invalid.get(key) {
            self.map.serialize_entry(key, raw)
        } else if let Some(value) = value {
            self.map.serialize_entry(key, value)
        } else {
            Ok(())
        }
    }

    fn text(&mut self, key: &str, value: &str) -> Result<(), M::Error> {
        self.field(key, (!value.is_empty()).then_some(value))
    }

    fn end(mut self, extra: &Extra) -> Result<M::Ok, M::Error> {
        for (key, value) in extra {
            self.map.serialize_entry(key, value)?;
        }
        self.map.end()
    }
}

fn object<'a, S: Serializer>(
    s: S,
    invalid: &'a Invalid,
    extra: &Extra,
) -> Result<Fields<'a, S::SerializeMap>, S::Error> {
    let map = s.serialize_map(Some(invalid.len() + extra.len() + 8))?;
    Ok(Fields { map, invalid })
}

impl<T> Serialize for Canonical<'_, [T]>
where
    for<'b> Canonical<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for element in self.0 {
            seq.serialize_element(&Canonical(element))?;
        }
        seq.end()
    }
}

impl Serialize for Canonical<'_, Roadmap> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut f = object(s, &r.invalid, &r.extra)?;
        f.text("format", &r.format)?;
        f.text("title", &r.title)?;
        f.field("start", r.start.map(DateText).as_ref())?;
        f.field("end", r.end.map(DateText).as_ref())?;
        f.text("currency", &r.currency)?;
        f.field("sectors", Some(&Canonical(r.sectors.as_slice())))?;
        f.field(
            "funding_schemes",
            Some(&Canonical(r.funding_schemes.as_slice())),
        )?;
        f.field("items", Some(&Canonical(r.items.as_slice())))?;
        f.end(&r.extra)
    }
}

impl Serialize for Canonical<'_, Sector> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = object(s, &self.0.invalid, &self.0.extra)?;
        f.text("id", &self.0.id)?;
        f.text("name", &self.0.name)?;
        f.end(&self.0.extra)
    }
}

impl Serialize for Canonical<'_, FundingScheme> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = object(s, &self.0.invalid, &self.0.extra)?;
        f.text("id", &self.0.id)?;
        f.text("name", &self.0.name)?;
        f.field("kind", self.0.kind.map(SchemeKind::as_str))?;
        f.field(
            "ceilings",
            (!self.0.ceilings.is_empty())
                .then_some(Canonical(&self.0.ceilings))
                .as_ref(),
        )?;
        f.end(&self.0.extra)
    }
}

/// Ceilings by year, years as keys in ascending order.
impl Serialize for Canonical<'_, std::collections::BTreeMap<i32, u64>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (year, amount) in self.0 {
            map.serialize_entry(&year.to_string(), amount)?;
        }
        map.end()
    }
}

impl Serialize for Canonical<'_, Box<Item>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Canonical(&**self.0).serialize(s)
    }
}

impl Serialize for Canonical<'_, Item> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let item = self.0;
        let mut f = object(s, &item.invalid, &item.extra)?;
        f.text("id", &item.id)?;
        f.text("title", &item.title)?;
        f.field("kind", item.kind.map(Kind::as_str))?;
        f.text("sector", &item.sector)?;
        f.field("owner", item.owner.as_deref())?;
        f.field("start", item.start.map(DateText).as_ref())?;
        f.field("end", item.end.map(DateText).as_ref())?;
        f.field("progress", Some(&item.progress))?;
        f.field("depends_on", Some(&Canonical(item.depends_on.as_slice())))?;
        f.field(
            "regulation",
            item.regulation.as_ref().map(Canonical).as_ref(),
        )?;
        f.field("cost", item.cost.as_ref())?;
        f.field(
            "funding",
            (!item.funding.is_empty())
                .then_some(Canonical(item.funding.as_slice()))
                .as_ref(),
        )?;
        f.field(
            "talent",
            (!item.talent.is_empty())
                .then_some(Canonical(item.talent.as_slice()))
                .as_ref(),
        )?;
        f.field("notes", item.notes.as_deref())?;
        f.end(&item.extra)
    }
}

impl Serialize for Canonical<'_, Dependency> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let dep = self.0;
        // The short form says everything for a plain finish-to-start link.
        if dep.link == LinkType::FS
            && dep.lag_days == 0
            && dep.invalid.is_empty()
            && dep.extra.is_empty()
        {
            return s.serialize_str(&dep.id);
        }
        let mut f = object(s, &dep.invalid, &dep.extra)?;
        f.field("id", Some(dep.id.as_str()))?;
        f.field("type", Some(dep.link.as_str()))?;
        f.field("lag_days", Some(&dep.lag_days))?;
        f.end(&dep.extra)
    }
}

impl Serialize for Canonical<'_, Regulation> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = object(s, &self.0.invalid, &self.0.extra)?;
        f.text("instrument", &self.0.instrument)?;
        f.field("stage", self.0.stage.map(RegulationStage::as_str))?;
        f.end(&self.0.extra)
    }
}

impl Serialize for Canonical<'_, FundingLine> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let line = self.0;
        let mut f = object(s, &line.invalid, &line.extra)?;
        f.text("scheme", &line.scheme)?;
        f.field("year", (line.year != 0).then_some(&line.year))?;
        f.field("amount", Some(&line.amount))?;
        f.field("status", line.status.map(FundingStatus::as_str))?;
        f.end(&line.extra)
    }
}

impl Serialize for Canonical<'_, TalentNeed> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = object(s, &self.0.invalid, &self.0.extra)?;
        f.text("role", &self.0.role)?;
        f.field("count", Some(&self.0.count))?;
        f.field("year", self.0.year.as_ref())?;
        f.end(&self.0.extra)
    }
}
