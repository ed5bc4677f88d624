//! From a parsed `serde_json::Value` to the typed roadmap, keeping what cannot be typed.
//!
//! Each known field goes through a converter; a value it refuses is stored in the owner's
//! `invalid` map (validation explains it with [`describe_invalid`]); unknown fields go to
//! `extra`. Only shapes that leave nothing to hold the data (an item that is not an object, a
//! dependency that is a number) are structure errors, which stop the load.

use super::*;
use crate::i18n::{Lang, Text, M};
use std::fmt;

/// Shapes the typed model cannot hold, each with its JSON path (`items[3]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureError {
    pub messages: Vec<String>,
}

impl fmt::Display for StructureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages.join("\n"))
    }
}

impl std::error::Error for StructureError {}

/// A refused value and why, as a message `peta check` shows in the chosen language.
pub(crate) type Converted<T> = Result<T, (Value, Text)>;

fn kind_of(value: &Value) -> M {
    match value {
        Value::Null => M::ValNull,
        Value::Bool(_) => M::ValBoolean,
        Value::Number(_) => M::ValNumber,
        Value::String(_) => M::ValString,
        Value::Array(_) => M::ValArray,
        Value::Object(_) => M::ValObject,
    }
}

/// `key` with its `found` argument: what kind of JSON value was there.
fn found(key: M, value: &Value) -> Text {
    Text::Key(key, vec![("found", Text::key(kind_of(value)))])
}

/// The accepted words as a message argument: `"a", "b" or "c"` (`atau` in Indonesian).
fn choices_of<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> Text {
    let words: Vec<String> = all.iter().map(|&v| format!("\"{}\"", word(v))).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => Text::Key(
            M::ValChoices,
            vec![
                ("list", Text::Raw(rest.join(", "))),
                ("last", Text::Raw(last.clone())),
            ],
        ),
        _ => Text::Raw(words.concat()),
    }
}

/// The kinds an item may have, for messages.
pub(crate) fn kind_choices() -> Text {
    choices_of(Kind::ALL, Kind::as_str)
}

pub(crate) fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}...")
    } else {
        text
    }
}

pub(crate) fn string(value: Value) -> Converted<String> {
    match value {
        Value::String(s) => Ok(s),
        other => {
            let message = found(M::ValMustBeString, &other);
            Err((other, message))
        }
    }
}

pub(crate) fn date(value: Value) -> Converted<Date> {
    match value.as_str().map(parse_date) {
        Some(Some(date)) => Ok(date),
        Some(None) => {
            let message = crate::text!(ValNotRealDate, value = short(&value));
            Err((value, message))
        }
        None => {
            let message = found(M::ValMustBeDate, &value);
            Err((value, message))
        }
    }
}

/// An integer in `min..=max`, with a message that says which rule it broke.
fn integer(value: Value, min: i128, max: i128, what: Text) -> Converted<i128> {
    let with =
        |key: M, n: String| Text::Key(key, vec![("n", Text::Raw(n)), ("what", what.clone())]);
    let number = match &value {
        Value::Number(n) => n,
        other => {
            let message = Text::Key(
                M::ValMustBe,
                vec![("what", what.clone()), ("found", Text::key(kind_of(other)))],
            );
            return Err((value, message));
        }
    };
    let whole = number
        .as_i64()
        .map(i128::from)
        .or_else(|| number.as_u64().map(i128::from));
    match whole {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        Some(n) if n < 0 && min >= 0 => {
            let message = with(M::ValNegative, n.to_string());
            Err((value, message))
        }
        Some(n) => {
            let message = with(M::ValOutOfRange, n.to_string());
            Err((value, message))
        }
        None => {
            // Beyond i64/u64 serde_json keeps only a float: say "out of range", not "not a
            // whole number", for 99999999999999999999.
            let float = number
                .as_f64()
                .filter(|f| f.is_finite() && f.fract() == 0.0);
            let n = number.to_string();
            let message = match float {
                Some(f) if f < 0.0 && min >= 0 => with(M::ValNegative, n),
                // Saturating: 2^64 and beyond stay above u64::MAX.
                Some(f) if !(min..=max).contains(&(f as i128)) => with(M::ValOutOfRange, n),
                Some(_) => with(M::ValNotWhole, n),
                None => with(M::ValNotWhat, n),
            };
            Err((value, message))
        }
    }
}

pub(crate) fn progress(value: Value) -> Converted<u8> {
    integer(value, 0, 100, Text::key(M::ValWhatPercent)).map(|n| n as u8)
}

pub(crate) fn money(value: Value) -> Converted<u64> {
    integer(value, 0, u64::MAX as i128, Text::key(M::ValWhatNonNegative)).map(|n| n as u64)
}

pub(crate) fn count(value: Value) -> Converted<u32> {
    integer(value, 0, u32::MAX as i128, Text::key(M::ValWhatNonNegative)).map(|n| n as u32)
}

pub(crate) fn year(value: Value) -> Converted<i32> {
    integer(value, 1900, 2200, Text::key(M::ValWhatYear)).map(|n| n as i32)
}

pub(crate) fn lag(value: Value) -> Converted<i64> {
    // The common case without building the message: formatting it for every link was a
    // twentieth of loading 200,000 links.
    if let Some(days) = value
        .as_i64()
        .filter(|d| (-MAX_LAG_DAYS..=MAX_LAG_DAYS).contains(d))
    {
        return Ok(days);
    }
    let what = crate::text!(ValWhatLag, max = MAX_LAG_DAYS);
    integer(value, -(MAX_LAG_DAYS as i128), MAX_LAG_DAYS as i128, what).map(|n| n as i64)
}

fn keyword<T>(
    value: Value,
    noun: M,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> Text,
) -> Converted<T> {
    match value.as_str().map(parse) {
        Some(Some(word)) => Ok(word),
        Some(None) => {
            let message = Text::Key(
                M::ValNotKeyword,
                vec![
                    ("value", Text::Raw(short(&value))),
                    ("noun", Text::key(noun)),
                    ("choices", choices()),
                ],
            );
            Err((value, message))
        }
        None => {
            let message = Text::Key(
                M::ValMustBeOneOf,
                vec![
                    ("choices", choices()),
                    ("found", Text::key(kind_of(&value))),
                ],
            );
            Err((value, message))
        }
    }
}

pub(crate) fn kind(value: Value) -> Converted<Kind> {
    keyword(value, M::NounKind, Kind::parse, kind_choices)
}

pub(crate) fn link_type(value: Value) -> Converted<LinkType> {
    keyword(value, M::NounLinkType, LinkType::parse, || {
        choices_of(LinkType::ALL, LinkType::as_str)
    })
}

pub(crate) fn stage(value: Value) -> Converted<RegulationStage> {
    keyword(value, M::NounStage, RegulationStage::parse, || {
        choices_of(RegulationStage::ALL, RegulationStage::as_str)
    })
}

pub(crate) fn scheme_kind(value: Value) -> Converted<SchemeKind> {
    keyword(value, M::NounSchemeKind, SchemeKind::parse, || {
        choices_of(SchemeKind::ALL, SchemeKind::as_str)
    })
}

/// `{"2026": 500000000000}`: keys are years written plainly (so `"02026"` is refused and the
/// file round-trips), values are amounts. One bad entry keeps the whole object as it was.
pub(crate) fn ceilings(value: Value) -> Converted<std::collections::BTreeMap<i32, u64>> {
    let map = match value {
        Value::Object(map) => map,
        other => {
            let message = found(M::ValCeilingsObject, &other);
            return Err((other, message));
        }
    };
    let mut out = std::collections::BTreeMap::new();
    let mut problem = None;
    for (key, amount) in &map {
        let year = key
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y) && y.to_string() == *key);
        let Some(year) = year else {
            problem = Some(crate::text!(
                ValNotYear,
                value = short(&Value::String(key.clone()))
            ));
            break;
        };
        match money(amount.clone()) {
            Ok(amount) => {
                out.insert(year, amount);
            }
            Err((_, why)) => {
                problem = Some(Text::Key(
                    M::ValKeyWhy,
                    vec![("key", Text::Raw(key.clone())), ("why", why)],
                ));
                break;
            }
        }
    }
    match problem {
        None => Ok(out),
        Some(message) => Err((Value::Object(map), message)),
    }
}

pub(crate) fn status(value: Value) -> Converted<FundingStatus> {
    keyword(value, M::NounFundingStatus, FundingStatus::parse, || {
        choices_of(FundingStatus::ALL, FundingStatus::as_str)
    })
}

fn array(value: Value) -> Converted<Vec<Value>> {
    match value {
        Value::Array(values) => Ok(values),
        other => {
            let message = found(M::ValMustBeArray, &other);
            Err((other, message))
        }
    }
}

fn object(value: Value) -> Converted<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => {
            let message = found(M::ValMustBeObject, &other);
            Err((other, message))
        }
    }
}

/// `describe_invalid` for a funding scheme's fields, whose `kind` is not an item kind.
pub(crate) fn describe_scheme_invalid(field: &str, raw: &Value) -> Text {
    match field {
        "kind" => scheme_kind(raw.clone()).err().map(|(_, m)| m),
        "ceilings" => ceilings(raw.clone()).err().map(|(_, m)| m),
        _ => None,
    }
    .unwrap_or_else(|| describe_invalid(field, raw))
}

/// Why a value kept in an `invalid` map was refused, for the field it was found in.
pub(crate) fn describe_invalid(field: &str, raw: &Value) -> Text {
    fn why<T>(result: Converted<T>) -> Text {
        result
            .err()
            .map(|(_, message)| message)
            .unwrap_or_else(|| Text::key(M::ValUnusable))
    }
    let raw = raw.clone();
    match field {
        "start" | "end" => why(date(raw)),
        "progress" => why(progress(raw)),
        "cost" | "amount" => why(money(raw)),
        "count" => why(count(raw)),
        "year" => why(year(raw)),
        "lag_days" => why(lag(raw)),
        "kind" => why(kind(raw)),
        "type" => why(link_type(raw)),
        "stage" => why(stage(raw)),
        "status" => why(status(raw)),
        "regulation" => why(object(raw)),
        "sectors" | "funding_schemes" | "items" | "depends_on" | "funding" | "talent" => {
            why(array(raw))
        }
        _ => why(string(raw)),
    }
}

/// The fields of one JSON object on their way into a typed value.
struct Fields<'a> {
    map: Map<String, Value>,
    invalid: Invalid,
    path: &'a str,
}

impl<'a> Fields<'a> {
    fn new(map: Map<String, Value>, path: &'a str) -> Self {
        Fields {
            map,
            invalid: Invalid::new(),
            path,
        }
    }

    fn take<T>(&mut self, key: &str, convert: fn(Value) -> Converted<T>) -> Option<T> {
        let value = self.map.remove(key)?;
        match convert(value) {
            Ok(typed) => Some(typed),
            Err((raw, _)) => {
                self.invalid.insert(key.to_string(), raw);
                None
            }
        }
    }

    fn string(&mut self, key: &str) -> String {
        self.take(key, string).unwrap_or_default()
    }

    /// An array of sub-objects, each turned into a `T`; elements of the wrong shape are
    /// structure errors.
    fn list<T>(
        &mut self,
        key: &str,
        errors: &mut Vec<String>,
        mut element: impl FnMut(Value, &str, &mut Vec<String>) -> Option<T>,
    ) -> Vec<T> {
        let values = self.take(key, array).unwrap_or_default();
        let mut out = Vec::with_capacity(values.len());
        for (i, value) in values.into_iter().enumerate() {
            let path = if self.path.is_empty() {
                format!("{key}[{i}]")
            } else {
                format!("{}.{key}[{i}]", self.path)
            };
            if let Some(typed) = element(value, &path, errors) {
                out.push(typed);
            }
        }
        out
    }

    fn finish(self) -> (Invalid, Extra) {
        (self.invalid, self.map)
    }
}

fn expect_object(value: Value, path: &str, errors: &mut Vec<String>) -> Option<Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        other => {
            // Structure errors stop the load and are reported in English with the file.
            errors.push(format!("{path}: {}", found(M::ValMustBeObject, &other)));
            None
        }
    }
}

/// Converts a parsed roadmap file. Bad values are kept for validation; only unholdable shapes
/// are errors.
pub fn from_value(value: Value) -> Result<Roadmap, StructureError> {
    let mut errors = Vec::new();
    let map = match value {
        Value::Object(map) => map,
        other => {
            return Err(StructureError {
                messages: vec![format!(
                    "a roadmap must be a JSON object, found {}",
                    Lang::En.t(kind_of(&other))
                )],
            })
        }
    };
    let mut fields = Fields::new(map, "");
    let format = fields.string("format");
    let title = fields.string("title");
    let start = fields.take("start", date);
    let end = fields.take("end", date);
    let currency = fields.string("currency");
    let sectors = fields.list("sectors", &mut errors, |value, path, errors| {
        let mut f = Fields::new(expect_object(value, path, errors)?, path);
        let (id, name) = (f.string("id"), f.string("name"));
        let (invalid, extra) = f.finish();
        Some(Sector {
            id,
            name,
            invalid,
            extra,
        })
    });
    let funding_schemes = fields.list("funding_schemes", &mut errors, |value, path, errors| {
        let mut f = Fields::new(expect_object(value, path, errors)?, path);
        let (id, name) = (f.string("id"), f.string("name"));
        let kind = f.take("kind", scheme_kind);
        let ceilings = f.take("ceilings", ceilings).unwrap_or_default();
        let (invalid, extra) = f.finish();
        Some(FundingScheme {
            id,
            name,
            kind,
            ceilings,
            invalid,
            extra,
        })
    });
    let items = fields.list("items", &mut errors, |value, path, errors| {
        item(expect_object(value, path, errors)?, path, errors)
    });
    let (invalid, extra) = fields.finish();
    if !errors.is_empty() {
        return Err(StructureError { messages: errors });
    }
    Ok(Roadmap {
        format,
        title,
        start,
        end,
        currency,
        sectors,
        funding_schemes,
        items: items.into_iter().map(Box::new).collect(),
        invalid,
        extra,
    })
}

fn item(map: Map<String, Value>, path: &str, errors: &mut Vec<String>) -> Option<Item> {
    let mut f = Fields::new(map, path);
    let id = f.string("id");
    let title = f.string("title");
    let kind = f.take("kind", kind);
    let sector = f.string("sector");
    let owner = f.take("owner", string);
    let start = f.take("start", date);
    let end = f.take("end", date);
    let progress = f.take("progress", progress).unwrap_or(0);
    let depends_on = f.list("depends_on", errors, dependency);
    let regulation = f.take("regulation", object).map(|map| {
        let mut r = Fields::new(map, path);
        let instrument = r.string("instrument");
        let stage = r.take("stage", stage);
        let (invalid, extra) = r.finish();
        Regulation {
            instrument,
            stage,
            invalid,
            extra,
        }
    });
    let cost = f.take("cost", money);
    let funding = f.list("funding", errors, |value, path, errors| {
        let mut l = Fields::new(expect_object(value, path, errors)?, path);
        let scheme = l.string("scheme");
        let year = l.take("year", year).unwrap_or(0);
        let amount = l.take("amount", money).unwrap_or(0);
        let status = l.take("status", status);
        let (invalid, extra) = l.finish();
        Some(FundingLine {
            scheme,
            year,
            amount,
            status,
            invalid,
            extra,
        })
    });
    let talent = f.list("talent", errors, |value, path, errors| {
        let mut t = Fields::new(expect_object(value, path, errors)?, path);
        let role = t.string("role");
        let count = t.take("count", count).unwrap_or(0);
        let year = t.take("year", year);
        let (invalid, extra) = t.finish();
        Some(TalentNeed {
            role,
            count,
            year,
            invalid,
            extra,
        })
    });
    let notes = f.take("notes", string);
    let (invalid, extra) = f.finish();
    Some(Item {
        id,
        title,
        kind,
        sector,
        owner,
        start,
        end,
        progress,
        depends_on,
        regulation,
        cost,
        funding,
        talent,
        notes,
        invalid,
        extra,
    })
}

fn dependency(value: Value, path: &str, errors: &mut Vec<String>) -> Option<Dependency> {
    match value {
        Value::String(id) => Some(Dependency {
            id,
            ..Default::default()
        }),
        Value::Object(map) => {
            let mut f = Fields::new(map, path);
            let id = f.string("id");
            let link = f.take("type", link_type).unwrap_or_default();
            let lag_days = f.take("lag_days", lag).unwrap_or(0);
            let (invalid, extra) = f.finish();
            Some(Dependency {
                id,
                link,
                lag_days,
                invalid,
                extra,
            })
        }
        other => {
            errors.push(format!(
                "{path}: a dependency must be an item id or an object {{\"id\", \"type\", \"lag_days\"}}, found {}",
                Lang::En.t(kind_of(&other))
            ));
            None
        }
    }
}
