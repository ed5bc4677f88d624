//! The fast way in: JSON text straight to the typed roadmap, without building a
//! `serde_json::Value` tree first (which cost more than half of opening a 100,000-item file).
//!
//! It keeps the same rules as the two-step path (`json::parse_value` then `model::from_value`):
//! known fields go through the same converters, a refused value is kept in `invalid`, unknown
//! fields in `extra`. It gives up on anything unusual (a syntax error, a key given twice, an
//! item that is not an object, a top level that is not an object): the caller then takes the
//! two-step path, which words the error exactly. Both paths give equal roadmaps (checked by a
//! property test in tests/loader_equivalence.rs).

use super::json::{Strict, StrictVisitor};
use crate::model::convert::{self, Converted};
use crate::model::{
    parse_date, Dependency, Extra, FundingLine, FundingScheme, FundingStatus, Invalid, Item, Kind,
    LinkType, Regulation, RegulationStage, Roadmap, SchemeKind, Sector, TalentNeed,
};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// The roadmap, or `None` when the two-step path must decide (and explain).
pub(super) fn read(bytes: &[u8]) -> Option<Roadmap> {
    // Checking the whole text is UTF-8 once is far cheaper than serde_json checking each
    // string as it reads it from bytes (a tenth of the load at 100,000 items). Text that is
    // not UTF-8 goes the two-step way, which reports where.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let roadmap = Typed::<Roadmap>::deserialize(&mut deserializer).ok()?.0;
    deserializer.end().ok()?;
    Some(roadmap)
}

/// An object key, borrowed from the text when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(text) => text,
            Key::Owned(text) => text,
        }
    }

    fn into_string(self) -> String {
        match self {
            Key::Borrowed(text) => text.to_owned(),
            Key::Owned(text) => text,
        }
    }
}

/// A value that is usually a short keyword or date: a string is kept borrowed from the text
/// (no allocation for the 300,000 dates and link types of a large roadmap), anything else is
/// read as a `Value` for the converter to refuse.
enum Scalar<'de> {
    Text(Key<'de>),
    Other(Value),
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        macro_rules! other {
            ($($method:ident($($v:ident: $ty:ty)?)),+) => {
                $(fn $method<E: de::Error>(self $(, $v: $ty)?) -> Result<Scalar<'de>, E> {
                    StrictVisitor.$method($($v)?).map(Scalar::Other)
                })+
            };
        }
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Text(Key::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Text(Key::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar<'de>, E> {
                Ok(Scalar::Text(Key::Owned(v)))
            }
            other!(visit_bool(v: bool), visit_i64(v: i64), visit_u64(v: u64), visit_f64(v: f64));
            other!(visit_unit(), visit_none());
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                StrictVisitor.visit_seq(seq).map(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                StrictVisitor.visit_map(map).map(Scalar::Other)
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// One JSON object on its way into a typed value: which known keys were seen, and what could
/// not be typed.
#[derive(Default)]
struct Fields {
    seen: u32,
    invalid: Invalid,
    extra: Extra,
}

impl Fields {
    /// Refuses a known key given twice (the two-step path explains it).
    fn first<E: de::Error>(&mut self, bit: u32) -> Result<(), E> {
        let mask = 1 << bit;
        if self.seen & mask != 0 {
            return Err(E::custom("duplicate key"));
        }
        self.seen |= mask;
        Ok(())
    }

    /// The next value through a converter; a refused value is kept under `key`.
    fn value<'de, A: MapAccess<'de>, T>(
        &mut self,
        key: &str,
        map: &mut A,
        converter: fn(Value) -> Converted<T>,
    ) -> Result<Option<T>, A::Error> {
        let Strict(value) = map.next_value()?;
        Ok(match converter(value) {
            Ok(typed) => Some(typed),
            Err((raw, _)) => {
                self.invalid.insert(key.to_owned(), raw);
                None
            }
        })
    }

    /// The next value when it is a string `parse` accepts, without building a `Value`; else
    /// through `converter` (which must accept exactly the strings `parse` accepts, giving the
    /// same value), a refused value kept under `key`.
    fn word<'de, A: MapAccess<'de>, T>(
        &mut self,
        key: &str,
        map: &mut A,
        parse: fn(&str) -> Option<T>,
        converter: fn(Value) -> Converted<T>,
    ) -> Result<Option<T>, A::Error> {
        let value = match map.next_value::<Scalar>()? {
            Scalar::Text(text) => match parse(text.as_str()) {
                Some(typed) => return Ok(Some(typed)),
                None => Value::String(text.into_string()),
            },
            Scalar::Other(value) => value,
        };
        Ok(match converter(value) {
            Ok(typed) => Some(typed),
            Err((raw, _)) => {
                self.invalid.insert(key.to_owned(), raw);
                None
            }
        })
    }

    /// The next value as a list of `T`; anything but an array is kept under `key`.
    fn list<'de, A: MapAccess<'de>, T>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<Vec<T>, A::Error>
    where
        Typed<T>: Deserialize<'de>,
    {
        Ok(match map.next_value::<Shaped<Vec<Typed<T>>>>()? {
            Shaped::Typed(list) => list.into_iter().map(|typed| typed.0).collect(),
            Shaped::Raw(raw) => {
                self.invalid.insert(key.to_owned(), raw);
                Vec::new()
            }
        })
    }

    fn unknown<'de, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        let Strict(value) = map.next_value()?;
        let key = match key {
            Key::Borrowed(text) => text.to_owned(),
            Key::Owned(text) => text,
        };
        if self.extra.contains_key(&key) {
            return Err(de::Error::custom("duplicate key"));
        }
        self.extra.insert(key, value);
        Ok(())
    }
}

/// A model type read from a JSON object.
struct Typed<T>(T);

/// Items are boxed in the roadmap (inserting or removing one moves pointers, not items).
impl<'de> Deserialize<'de> for Typed<Box<Item>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Typed::<Item>::deserialize(deserializer).map(|typed| Typed(Box::new(typed.0)))
    }
}

/// A typed value where the file has the expected shape, else the raw value (kept as invalid).
enum Shaped<T> {
    Typed(T),
    Raw(Value),
}

/// Scalars are never the expected shape of a list or an object: keep them raw.
macro_rules! raw_scalars {
    ($($method:ident($($v:ident: $ty:ty)?)),+) => {
        $(fn $method<E: de::Error>(self $(, $v: $ty)?) -> Result<Self::Value, E> {
            StrictVisitor.$method($($v)?).map(Shaped::Raw)
        })+
    };
}

impl<'de, T> Deserialize<'de> for Shaped<Vec<Typed<T>>>
where
    Typed<T>: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T> Visitor<'de> for ListVisitor<T>
        where
            Typed<T>: Deserialize<'de>,
        {
            type Value = Shaped<Vec<Typed<T>>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            raw_scalars!(visit_bool(v: bool), visit_i64(v: i64), visit_u64(v: u64), visit_f64(v: f64));
            raw_scalars!(visit_str(v: &str), visit_string(v: String), visit_unit(), visit_none());
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(element) = seq.next_element()? {
                    list.push(element);
                }
                Ok(Shaped::Typed(list))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                StrictVisitor.visit_map(map).map(Shaped::Raw)
            }
        }
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for Shaped<Regulation> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RegulationVisitor;
        impl<'de> Visitor<'de> for RegulationVisitor {
            type Value = Shaped<Regulation>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a regulation object")
            }
            raw_scalars!(visit_bool(v: bool), visit_i64(v: i64), visit_u64(v: u64), visit_f64(v: f64));
            raw_scalars!(visit_str(v: &str), visit_string(v: String), visit_unit(), visit_none());
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                StrictVisitor.visit_seq(seq).map(Shaped::Raw)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                object::<Regulation, A>(map).map(|typed| Shaped::Typed(typed.0))
            }
        }
        deserializer.deserialize_any(RegulationVisitor)
    }
}

/// How one model type reads its fields; unknown keys go to `extra`.
trait FromFields: Default {
    /// Reads the value of a known key into `self`; `false` when the key is not known.
    fn field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        fields: &mut Fields,
        map: &mut A,
    ) -> Result<bool, A::Error>;
    fn keep(&mut self, fields: Fields);
}

fn object<'de, T: FromFields, A: MapAccess<'de>>(mut map: A) -> Result<Typed<T>, A::Error> {
    let mut typed = T::default();
    let mut fields = Fields::default();
    while let Some(key) = map.next_key::<Key>()? {
        if !typed.field(key.as_str(), &mut fields, &mut map)? {
            fields.unknown(key, &mut map)?;
        }
    }
    typed.keep(fields);
    Ok(Typed(typed))
}

/// `Deserialize` for `Typed<T>` from a JSON object; any other shape gives up.
macro_rules! from_object {
    ($($ty:ty),+) => {$(
        impl<'de> Deserialize<'de> for Typed<$ty> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = Typed<$ty>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                        object(map)
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    )+};
}

from_object!(
    Roadmap,
    Sector,
    FundingScheme,
    Item,
    FundingLine,
    TalentNeed
);

/// Known keys: each one a bit in `Fields::seen`, read by the given expression.
macro_rules! known_fields {
    ($ty:ty, |$this:ident, $fields:ident, $map:ident| { $($key:literal => $read:expr),+ $(,)? }) => {
        impl FromFields for $ty {
            fn field<'de, A: MapAccess<'de>>(
                &mut self,
                key: &str,
                $fields: &mut Fields,
                $map: &mut A,
            ) -> Result<bool, A::Error> {
                let $this = self;
                let mut bit = 0;
                $(
                    if key == $key {
                        $fields.first(bit)?;
                        $read;
                        return Ok(true);
                    }
                    bit += 1;
                )+
                let _ = bit;
                Ok(false)
            }
            fn keep(&mut self, fields: Fields) {
                self.invalid = fields.invalid;
                self.extra = fields.extra;
            }
        }
    };
}

known_fields!(Roadmap, |r, f, m| {
    "format" => r.format = f.value("format", m, convert::string)?.unwrap_or_default(),
    "title" => r.title = f.value("title", m, convert::string)?.unwrap_or_default(),
    "start" => r.start = f.word("start", m, parse_date, convert::date)?,
    "end" => r.end = f.word("end", m, parse_date, convert::date)?,
    "currency" => r.currency = f.value("currency", m, convert::string)?.unwrap_or_default(),
    "sectors" => r.sectors = f.list("sectors", m)?,
    "funding_schemes" => r.funding_schemes = f.list("funding_schemes", m)?,
    "items" => r.items = f.list("items", m)?,
});

known_fields!(Sector, |s, f, m| {
    "id" => s.id = f.value("id", m, convert::string)?.unwrap_or_default(),
    "name" => s.name = f.value("name", m, convert::string)?.unwrap_or_default(),
});

known_fields!(FundingScheme, |s, f, m| {
    "id" => s.id = f.value("id", m, convert::string)?.unwrap_or_default(),
    "name" => s.name = f.value("name", m, convert::string)?.unwrap_or_default(),
    "kind" => s.kind = f.word("kind", m, SchemeKind::parse, convert::scheme_kind)?,
    "ceilings" => s.ceilings = f.value("ceilings", m, convert::ceilings)?.unwrap_or_default(),
});

known_fields!(Item, |i, f, m| {
    "id" => i.id = f.value("id", m, convert::string)?.unwrap_or_default(),
    "title" => i.title = f.value("title", m, convert::string)?.unwrap_or_default(),
    "kind" => i.kind = f.word("kind", m, Kind::parse, convert::kind)?,
    "sector" => i.sector = f.value("sector", m, convert::string)?.unwrap_or_default(),
    "owner" => i.owner = f.value("owner", m, convert::string)?,
    "start" => i.start = f.word("start", m, parse_date, convert::date)?,
    "end" => i.end = f.word("end", m, parse_date, convert::date)?,
    "progress" => i.progress = f.value("progress", m, convert::progress)?.unwrap_or(0),
    "depends_on" => i.depends_on = f.list("depends_on", m)?,
    "regulation" => i.regulation = match m.next_value::<Shaped<Regulation>>()? {
        Shaped::Typed(regulation) => Some(regulation),
        Shaped::Raw(raw) => {
            f.invalid.insert("regulation".to_owned(), raw);
            None
        }
    },
    "cost" => i.cost = f.value("cost", m, convert::money)?,
    "funding" => i.funding = f.list("funding", m)?,
    "talent" => i.talent = f.list("talent", m)?,
    "notes" => i.notes = f.value("notes", m, convert::string)?,
});

known_fields!(Regulation, |r, f, m| {
    "instrument" => r.instrument = f.value("instrument", m, convert::string)?.unwrap_or_default(),
    "stage" => r.stage = f.word("stage", m, RegulationStage::parse, convert::stage)?,
});

known_fields!(FundingLine, |l, f, m| {
    "scheme" => l.scheme = f.value("scheme", m, convert::string)?.unwrap_or_default(),
    "year" => l.year = f.value("year", m, convert::year)?.unwrap_or(0),
    "amount" => l.amount = f.value("amount", m, convert::money)?.unwrap_or(0),
    "status" => l.status = f.word("status", m, FundingStatus::parse, convert::status)?,
});

known_fields!(TalentNeed, |t, f, m| {
    "role" => t.role = f.value("role", m, convert::string)?.unwrap_or_default(),
    "count" => t.count = f.value("count", m, convert::count)?.unwrap_or(0),
    "year" => t.year = f.value("year", m, convert::year)?,
});

known_fields!(Dependency, |d, f, m| {
    "id" => d.id = f.value("id", m, convert::string)?.unwrap_or_default(),
    "type" => d.link = f.word("type", m, LinkType::parse, convert::link_type)?.unwrap_or_default(),
    "lag_days" => d.lag_days = f.value("lag_days", m, convert::lag)?.unwrap_or(0),
});

/// A dependency is an id string or an object; anything else gives up.
impl<'de> Deserialize<'de> for Typed<Dependency> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DependencyVisitor;
        impl<'de> Visitor<'de> for DependencyVisitor {
            type Value = Typed<Dependency>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an item id or a dependency object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                self.visit_string(v.to_owned())
            }
            fn visit_string<E: de::Error>(self, id: String) -> Result<Self::Value, E> {
                Ok(Typed(Dependency {
                    id,
                    ..Default::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                object(map)
            }
        }
        deserializer.deserialize_any(DependencyVisitor)
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
