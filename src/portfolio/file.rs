//! The portfolio file itself (`peta-portfolio/1`): reading it with messages that name the
//! member and field, and writing it back in a canonical form that keeps unknown fields.

use crate::i18n::{Text, M};
use crate::model::{format_date, parse_date, Date, Extra};
use crate::text;
use serde_json::{Map, Value};
use std::path::Path;

/// The `format` string of portfolio files.
pub const FORMAT: &str = "peta-portfolio/1";

/// What a portfolio file says, before its members are read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PortfolioFile {
    pub format: String,
    pub title: String,
    /// The national target end; without it, the latest end of the members.
    pub end: Option<Date>,
    pub members: Vec<MemberEntry>,
    pub extra: Extra,
}

/// One line of `members`: an agency's or region's roadmap.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberEntry {
    /// Prefixes the member's item ids in cross-member references: `member-id:item-id`.
    pub id: String,
    /// The roadmap file, relative to the portfolio file's folder, as written.
    pub path: String,
    /// A short display name (`Komdigi`); the id when absent.
    pub name: Option<String>,
    pub extra: Extra,
}

impl MemberEntry {
    /// How the member is shown: its name, else its id.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }

    /// How the member is named in messages.
    pub fn label(&self, index: usize) -> Text {
        if self.id.is_empty() {
            text!(PortMemberAt, index = index)
        } else {
            member_named(&self.id)
        }
    }
}

/// Whether a file's bytes are a portfolio rather than a roadmap: the top-level `format`
/// names `peta-portfolio/...`. Roadmap files are only scanned for the word, never parsed twice.
pub fn is_portfolio(bytes: &[u8]) -> bool {
    if memchr::memmem::find(bytes, b"peta-portfolio/").is_none() {
        return false;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<Value>(bytes).is_ok_and(|value| {
        value
            .get("format")
            .and_then(Value::as_str)
            .is_some_and(|format| format.starts_with("peta-portfolio/"))
    })
}

/// `member "id"` in messages.
pub(super) fn member_named(id: &str) -> Text {
    text!(PortMemberNamed, id = id)
}

/// A message whose `who` (the member) is itself translated, with plain arguments after it.
pub(super) fn about(key: M, who: &Text, args: &[(&'static str, &dyn std::fmt::Display)]) -> Text {
    let mut all = vec![("who", who.clone())];
    all.extend(
        args.iter()
            .map(|(name, value)| (*name, Text::from(value.to_string()))),
    );
    Text::Key(key, all)
}

/// Reads the portfolio object; every problem is one message (without the file name).
pub fn from_value(value: Value) -> Result<PortfolioFile, Vec<Text>> {
    let Value::Object(mut map) = value else {
        return Err(vec![text!(PortNotObject)]);
    };
    let mut errors = Vec::new();
    let mut file = PortfolioFile::default();
    match map.remove("format") {
        Some(Value::String(format)) if format == FORMAT => file.format = format,
        Some(Value::String(format)) => errors.push(text!(
            PortFormatUnsupported,
            given = format,
            format = FORMAT
        )),
        Some(other) => errors.push(text!(PortFormatNotString, value = other)),
        None => errors.push(text!(PortFormatMissing, format = FORMAT)),
    }
    match map.remove("title") {
        Some(Value::String(title)) if !title.trim().is_empty() => file.title = title,
        Some(Value::String(_)) | None => errors.push(text!(PortTitleMissing)),
        Some(other) => errors.push(text!(PortTitleNotString, value = other)),
    }
    match map.remove("end") {
        None => {}
        Some(Value::String(text)) => match parse_date(&text) {
            Some(date) => file.end = Some(date),
            None => errors.push(text!(PortEndNotDate, text = text)),
        },
        Some(other) => errors.push(text!(PortEndNotString, value = other)),
    }
    match map.remove("members") {
        Some(Value::Array(members)) if !members.is_empty() => {
            let mut read = Vec::new();
            for (index, member) in members.into_iter().enumerate() {
                match member_from_value(index, member) {
                    Ok(entry) => read.push((index, entry)),
                    Err(mut messages) => errors.append(&mut messages),
                }
            }
            check_members(&read, &mut errors);
            file.members = read.into_iter().map(|(_, entry)| entry).collect();
        }
        Some(Value::Array(_)) => errors.push(text!(PortMembersEmpty)),
        Some(other) => errors.push(text!(PortMembersNotList, value = other)),
        None => errors.push(text!(PortMembersMissing)),
    }
    file.extra = map;
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(errors)
    }
}

fn member_from_value(index: usize, value: Value) -> Result<MemberEntry, Vec<Text>> {
    let here = text!(PortMemberAt, index = index);
    let Value::Object(mut map) = value else {
        return Err(vec![about(
            M::PortMemberNotObject,
            &here,
            &[("value", &value)],
        )]);
    };
    let mut errors = Vec::new();
    let mut entry = MemberEntry::default();
    let mut text = |map: &mut Map<String, Value>, field: &str| match map.remove(field) {
        Some(Value::String(text)) => Some(text),
        None => None,
        Some(other) => {
            errors.push(about(
                M::PortFieldNotString,
                &here,
                &[("field", &field), ("value", &other)],
            ));
            Some(String::new())
        }
    };
    entry.id = text(&mut map, "id").unwrap_or_default();
    entry.path = text(&mut map, "path").unwrap_or_default();
    entry.name = text(&mut map, "name").filter(|name| !name.is_empty());
    entry.extra = map;
    if !errors.is_empty() {
        return Err(errors);
    }
    let who = entry.label(index);
    if entry.id.is_empty() {
        errors.push(about(M::PortIdMissing, &here, &[]));
    } else if entry.id.contains(':') || entry.id.chars().any(char::is_whitespace) {
        let example = entry.id.replace(':', "-");
        errors.push(about(M::PortIdBadChars, &who, &[("example", &example)]));
    }
    if entry.path.trim().is_empty() {
        errors.push(about(M::PortPathMissing, &who, &[]));
    } else if Path::new(&entry.path).is_absolute() {
        errors.push(about(M::PortPathAbsolute, &who, &[("path", &entry.path)]));
    }
    if errors.is_empty() {
        Ok(entry)
    } else {
        Err(errors)
    }
}

/// Member ids and paths must be unique: ids prefix item ids, and two members saving to one
/// file would overwrite each other.
/// `members` are the entries that could be read, each with its position in the file.
fn check_members(members: &[(usize, MemberEntry)], errors: &mut Vec<Text>) {
    use std::path::{Component, PathBuf};
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut paths: std::collections::HashMap<PathBuf, &str> = std::collections::HashMap::new();
    for (index, member) in members {
        let index = *index;
        if let Some(first) = ids.insert(member.id.as_str(), index) {
            ids.insert(member.id.as_str(), first);
            errors.push(about(
                M::PortIdTwice,
                &member_named(&member.id),
                &[("first", &first), ("index", &index)],
            ));
        }
        // `a.json` and `./a.json` are one file.
        let normal: PathBuf = Path::new(&member.path)
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect();
        if let Some(first) = paths.insert(normal.clone(), member.id.as_str()) {
            paths.insert(normal, first);
            errors.push(about(
                M::PortPathTwice,
                &member_named(&member.id),
                &[("path", &member.path), ("first", &first)],
            ));
        }
    }
}

/// The canonical text: `format`, `title`, `end`, `members` (each `id`, `name`, `path`, then
/// unknown fields), then the portfolio's unknown fields, alphabetically; 2-space indent.
pub fn to_canonical_string(file: &PortfolioFile) -> String {
    // serde_json's Map keeps keys sorted (no `preserve_order`), so the fixed order is
    // written field by field.
    let mut fields: Vec<(String, Value)> = vec![
        ("format".into(), Value::String(file.format.clone())),
        ("title".into(), Value::String(file.title.clone())),
    ];
    if let Some(end) = file.end {
        fields.push(("end".into(), Value::String(format_date(end))));
    }
    let members: Vec<String> = file.members.iter().map(member_text).collect();
    let mut text = String::from("{\n");
    for (key, value) in fields {
        push_field(&mut text, &key, &pretty(&value, 1));
    }
    push_field(
        &mut text,
        "members",
        &format!("[\n{}\n  ]", members.join(",\n")),
    );
    for (key, value) in &file.extra {
        push_field(&mut text, key, &pretty(value, 1));
    }
    // Drop the trailing ",\n" of the last field.
    text.truncate(text.len() - 2);
    text.push_str("\n}\n");
    text
}

fn member_text(member: &MemberEntry) -> String {
    let mut text = String::from("    {\n");
    let mut field = |key: &str, value: &Value| {
        text.push_str(&format!(
            "      {}: {},\n",
            Value::String(key.to_string()),
            pretty(value, 3)
        ));
    };
    field("id", &Value::String(member.id.clone()));
    if let Some(name) = &member.name {
        field("name", &Value::String(name.clone()));
    }
    field("path", &Value::String(member.path.clone()));
    for (key, value) in &member.extra {
        field(key, value);
    }
    text.truncate(text.len() - 2);
    text.push_str("\n    }");
    text
}

fn push_field(text: &mut String, key: &str, value: &str) {
    text.push_str(&format!("  {}: {value},\n", Value::String(key.to_string())));
}

/// A value pretty-printed with 2-space indent, nested `depth` levels deep.
fn pretty(value: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    let indent = "  ".repeat(depth);
    text.replace('\n', &format!("\n{indent}"))
}
