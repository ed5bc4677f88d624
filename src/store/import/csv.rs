//! `peta import --from csv`: items from a spreadsheet with the columns of the CSV export.
//!
//! The header names the columns (any order, case and surrounding spaces ignored). `id`,
//! `title`, `sector`, `kind` and `start` are required; `end` too, except on milestones. The
//! computed columns of the export (forecast, float, critical, status, committed funding) are
//! read past; any other unknown column is an error, so a misspelt column is not silently lost.
//! Every bad row is reported with its line number, and nothing is imported when any is bad.
//! A text cell starting with `'` and then `=`, `+`, `-`, `@`, a tab, a carriage return or
//! another `'` loses that first `'`: the export's guard against spreadsheet formulas.

use super::{finish, ImportErrors, Imported};
use crate::model::{
    parse_date, Dependency, FundingLine, FundingScheme, FundingStatus, Item, Kind, Regulation,
    RegulationStage, Roadmap, Sector, TalentNeed,
};
use crate::report::export::csv::{parse_dependency, split_list, unguard, COLUMNS, TEXT_COLUMNS};
use rustc_hash::FxHashMap;

const REQUIRED: &[&str] = &["id", "title", "sector", "kind", "start", "end"];

/// Builds a roadmap titled `title` from CSV bytes (UTF-8, an optional byte-order mark).
pub fn import(bytes: &[u8], title: &str) -> Result<Imported, ImportErrors> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let lines = Lines::of(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(vec![csv_error(&err, &lines)]),
        None => return Err(vec!["the file is empty; expected a header row".to_string()]),
    };
    let columns = header_columns(&header)?;

    let mut errors = Vec::new();
    let mut rows: Vec<(u64, Item, Option<String>)> = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(csv_error(&err, &lines));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record
            .iter()
            .all(|field| field.iter().all(u8::is_ascii_whitespace))
        {
            continue;
        }
        if record.len() != columns.width {
            errors.push(format!(
                "line {line}: the row has {} fields, the header has {}",
                record.len(),
                columns.width
            ));
            continue;
        }
        let mut fields = Vec::with_capacity(record.len());
        let mut utf8 = true;
        for (index, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                // The export guards text cells against formulas with a leading `'`: undone
                // after trimming, so a guarded leading tab survives.
                Ok(text) if columns.text.get(index) == Some(&true) => {
                    fields.push(unguard(text.trim()))
                }
                Ok(text) => fields.push(text.trim()),
                Err(_) => {
                    errors.push(format!(
                        "line {line}: column \"{}\": not valid UTF-8 text",
                        columns.names[index]
                    ));
                    utf8 = false;
                }
            }
        }
        if !utf8 {
            continue;
        }
        let row = Row {
            line,
            fields: &fields,
            columns: &columns,
        };
        match row.item() {
            Ok(item) => {
                let sector_name =
                    Some(row.get("sector_name").to_string()).filter(|n| !n.is_empty());
                rows.push((line, item, sector_name));
            }
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    check_links(&rows, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let places: Vec<String> = rows
        .iter()
        .map(|(line, _, _)| format!("line {line}"))
        .collect();
    let roadmap = assemble(title, rows);
    finish(roadmap, &places, Vec::new())
}

fn csv_error(err: &::csv::Error, lines: &Lines) -> String {
    match err.position() {
        Some(position) => format!("line {}: {err}", lines.line_at(position.byte())),
        None => err.to_string(),
    }
}

/// Line numbers from byte offsets. The csv crate's own line count goes wrong after a blank
/// line, so lines are counted here: the record starts at the first byte after its offset that
/// is not a line break.
struct Lines<'a> {
    bytes: &'a [u8],
    /// Offsets just after each `\n`.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn of(bytes: &'a [u8]) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(
                bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'\n')
                    .map(|(at, _)| at + 1),
            )
            .collect();
        Lines { bytes, starts }
    }

    fn line_at(&self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX);
        while matches!(self.bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.starts.partition_point(|&start| start <= at) as u64
    }
}

struct Columns {
    /// Column name to position in the row.
    index: FxHashMap<&'static str, usize>,
    names: Vec<String>,
    /// Per position: a text column, whose cells may carry the export's formula guard.
    text: Vec<bool>,
    width: usize,
}

fn header_columns(header: &::csv::ByteRecord) -> Result<Columns, ImportErrors> {
    let mut errors = Vec::new();
    let mut index = FxHashMap::default();
    let mut names = Vec::new();
    for (position, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_ascii_lowercase();
        match COLUMNS.iter().find(|&&known| known == name) {
            Some(&known) => {
                if index.insert(known, position).is_some() {
                    errors.push(format!("line 1: column \"{name}\" appears twice"));
                }
            }
            None => errors.push(format!(
                "line 1: unknown column \"{name}\"; the columns are {}",
                COLUMNS.join(", ")
            )),
        }
        names.push(name);
    }
    for required in REQUIRED {
        if !index.contains_key(required) {
            errors.push(format!(
                "line 1: the required column \"{required}\" is missing"
            ));
        }
    }
    if errors.is_empty() {
        Ok(Columns {
            width: names.len(),
            text: names
                .iter()
                .map(|name| TEXT_COLUMNS.contains(&name.as_str()))
                .collect(),
            index,
            names,
        })
    } else {
        Err(errors)
    }
}

struct Row<'a> {
    line: u64,
    fields: &'a [&'a str],
    columns: &'a Columns,
}

impl Row<'_> {
    /// The trimmed cell, or "" when the column is absent.
    fn get(&self, column: &str) -> &str {
        self.columns
            .index
            .get(column)
            .and_then(|&i| self.fields.get(i))
            .copied()
            .unwrap_or("")
    }

    fn error(&self, column: &str, message: impl std::fmt::Display) -> String {
        format!("line {}: column \"{column}\": {message}", self.line)
    }

    /// The item of this row, or every problem in it.
    fn item(&self) -> Result<Item, ImportErrors> {
        let mut errors = Vec::new();
        let mut required = |column: &str| {
            let value = self.get(column);
            if value.is_empty() {
                errors.push(self.error(column, "missing"));
            }
            value.to_string()
        };
        let id = required("id");
        let title = required("title");
        let sector = required("sector");
        let kind_text = required("kind");
        let start_text = required("start");
        let kind = if kind_text.is_empty() {
            None
        } else {
            Kind::parse(&kind_text.to_ascii_lowercase()).or_else(|| {
                errors.push(self.error(
                    "kind",
                    format!("\"{kind_text}\" is not {}", Kind::choices()),
                ));
                None
            })
        };
        let start = self.date("start", &mut errors);
        let end = match self.date("end", &mut errors) {
            None if self.get("end").is_empty() && kind == Some(Kind::Milestone) => start,
            None if self.get("end").is_empty() && !start_text.is_empty() => {
                errors.push(self.error("end", "missing (only a milestone may leave it empty)"));
                None
            }
            end => end,
        };
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                errors.push(self.error("end", format!("{e} is before the start {s}")));
            }
        }
        let progress = self.progress(&mut errors);
        let cost = self.number::<u64>("cost", &mut errors);
        let depends_on = self.dependencies(&mut errors);
        let regulation = self.regulation(kind, &mut errors);
        let funding = self.funding(&mut errors);
        let talent = self.talent(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let text = |column: &str| Some(self.get(column).to_string()).filter(|t| !t.is_empty());
        Ok(Item {
            id,
            title,
            kind,
            sector,
            owner: text("owner"),
            start,
            end,
            progress,
            depends_on,
            regulation,
            cost,
            funding,
            talent,
            notes: text("notes"),
            ..Default::default()
        })
    }

    fn date(&self, column: &str, errors: &mut Vec<String>) -> Option<crate::model::Date> {
        let value = self.get(column);
        if value.is_empty() {
            return None;
        }
        let date = parse_date(value);
        if date.is_none() {
            errors.push(self.error(
                column,
                format!("\"{value}\" is not a real date in the form YYYY-MM-DD"),
            ));
        }
        date
    }

    fn progress(&self, errors: &mut Vec<String>) -> u8 {
        let value = self.get("progress");
        let digits = value.strip_suffix('%').unwrap_or(value).trim();
        if digits.is_empty() {
            return 0;
        }
        match digits.parse::<u8>().ok().filter(|p| *p <= 100) {
            Some(p) => p,
            None => {
                errors.push(self.error(
                    "progress",
                    format!("\"{value}\" is not a whole percentage from 0 to 100"),
                ));
                0
            }
        }
    }

    fn number<T: std::str::FromStr>(&self, column: &str, errors: &mut Vec<String>) -> Option<T> {
        let value = self.get(column);
        if value.is_empty() {
            return None;
        }
        let number = value.parse::<T>().ok();
        if number.is_none() {
            errors.push(self.error(
                column,
                format!("\"{value}\" is not a whole number of 0 or more (digits only)"),
            ));
        }
        number
    }

    fn dependencies(&self, errors: &mut Vec<String>) -> Vec<Dependency> {
        split_list(self.get("depends_on"))
            .iter()
            .filter_map(|fields| {
                parse_dependency(fields)
                    .map_err(|message| errors.push(self.error("depends_on", message)))
                    .ok()
            })
            .collect()
    }

    fn regulation(&self, kind: Option<Kind>, errors: &mut Vec<String>) -> Option<Regulation> {
        let (instrument, stage_text) = (self.get("instrument"), self.get("stage"));
        if instrument.is_empty() && stage_text.is_empty() {
            return None;
        }
        if kind.is_some() && kind != Some(Kind::Regulation) {
            let column = if instrument.is_empty() {
                "stage"
            } else {
                "instrument"
            };
            errors.push(self.error(column, "only regulation items have an instrument and stage"));
            return None;
        }
        let stage = if stage_text.is_empty() {
            None
        } else {
            let stage = RegulationStage::parse(&stage_text.to_ascii_lowercase());
            if stage.is_none() {
                errors.push(self.error(
                    "stage",
                    format!("\"{stage_text}\" is not {}", RegulationStage::choices()),
                ));
            }
            stage
        };
        Some(Regulation {
            instrument: instrument.to_string(),
            stage,
            ..Default::default()
        })
    }

    /// `scheme:year:amount[:status]; ...`
    fn funding(&self, errors: &mut Vec<String>) -> Vec<FundingLine> {
        let mut lines = Vec::new();
        for fields in split_list(self.get("funding")) {
            let text = fields.join(":");
            let parsed = match fields.as_slice() {
                [scheme, year, amount, rest @ ..] if rest.len() <= 1 && !scheme.is_empty() => {
                    let status = match rest.first().map(|s| s.to_ascii_lowercase()) {
                        None => Ok(None),
                        Some(word) => FundingStatus::parse(&word).map(Some).ok_or(format!(
                            "\"{text}\": status \"{word}\" is not {}",
                            FundingStatus::choices()
                        )),
                    };
                    match (year.parse::<i32>(), amount.parse::<u64>(), status) {
                        (Ok(year), Ok(amount), Ok(status)) if (1900..=2200).contains(&year) => {
                            Ok(FundingLine {
                                scheme: scheme.clone(),
                                year,
                                amount,
                                status,
                                ..Default::default()
                            })
                        }
                        (_, _, Err(message)) => Err(message),
                        (Ok(_), Ok(_), _) | (Err(_), _, _) => Err(format!(
                            "\"{text}\": year \"{year}\" is not a year from 1900 to 2200"
                        )),
                        (_, Err(_), _) => Err(format!(
                            "\"{text}\": amount \"{amount}\" is not a whole number of 0 or more"
                        )),
                    }
                }
                _ => Err(format!(
                    "\"{text}\" is not scheme:year:amount or scheme:year:amount:status"
                )),
            };
            match parsed {
                Ok(line) => lines.push(line),
                Err(message) => errors.push(self.error("funding", message)),
            }
        }
        lines
    }

    /// `role:count; role:count:year; ...`
    fn talent(&self, errors: &mut Vec<String>) -> Vec<TalentNeed> {
        let mut lines = Vec::new();
        for fields in split_list(self.get("talent")) {
            let (role, count, year) = match fields.as_slice() {
                [role, count] if !role.is_empty() => (role, count, None),
                [role, count, year] if !role.is_empty() => (role, count, Some(year)),
                _ => {
                    errors.push(self.error(
                        "talent",
                        format!(
                            "\"{}\" is not role:count or role:count:year",
                            fields.join(":")
                        ),
                    ));
                    continue;
                }
            };
            let Ok(count) = count.parse::<u32>() else {
                errors.push(self.error(
                    "talent",
                    format!(
                        "\"{role}:{count}\": count \"{count}\" is not a whole number of 0 or more"
                    ),
                ));
                continue;
            };
            let year = match year.map(|y| y.parse::<i32>()) {
                None => None,
                Some(Ok(year)) if (1900..=2200).contains(&year) => Some(year),
                Some(_) => {
                    errors.push(self.error(
                        "talent",
                        format!(
                            "\"{}\": year is not a year from 1900 to 2200",
                            fields.join(":")
                        ),
                    ));
                    continue;
                }
            };
            lines.push(TalentNeed {
                role: role.clone(),
                count,
                year,
                ..Default::default()
            });
        }
        lines
    }
}

/// Duplicate ids and dependencies on ids that no row has, reported on the row that uses them.
fn check_links(rows: &[(u64, Item, Option<String>)], errors: &mut Vec<String>) {
    let mut first_line: FxHashMap<&str, u64> = FxHashMap::default();
    for (line, item, _) in rows {
        if let Some(first) = first_line.get(item.id.as_str()) {
            errors.push(format!(
                "line {line}: column \"id\": \"{}\" is already used on line {first}",
                item.id
            ));
        } else {
            first_line.insert(&item.id, *line);
        }
    }
    for (line, item, _) in rows {
        for dep in &item.depends_on {
            if !first_line.contains_key(dep.id.as_str()) {
                errors.push(format!(
                    "line {line}: column \"depends_on\": no row has the id \"{}\"",
                    dep.id
                ));
            }
        }
    }
}

/// The roadmap: the usual sectors and funding schemes of `peta new`, then every other sector
/// and scheme the rows use, in order of first use. A sector is named by the first
/// `sector_name` given for it, else by its usual name, else by its id.
fn assemble(title: &str, rows: Vec<(u64, Item, Option<String>)>) -> Roadmap {
    let mut roadmap = Roadmap::new(title, 2000, 2000).unwrap_or_default();
    let mut sector_at: FxHashMap<String, (usize, bool)> = roadmap
        .sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), (i, false)))
        .collect();
    let mut scheme_known: rustc_hash::FxHashSet<String> = roadmap
        .funding_schemes
        .iter()
        .map(|s| s.id.clone())
        .collect();
    for (_, item, sector_name) in rows {
        let (at, named) = *sector_at.entry(item.sector.clone()).or_insert_with(|| {
            roadmap.sectors.push(Sector {
                id: item.sector.clone(),
                name: item.sector.clone(),
                ..Default::default()
            });
            (roadmap.sectors.len() - 1, false)
        });
        if let (Some(name), false) = (sector_name, named) {
            roadmap.sectors[at].name = name;
            sector_at.insert(item.sector.clone(), (at, true));
        }
        for line in &item.funding {
            if scheme_known.insert(line.scheme.clone()) {
                roadmap.funding_schemes.push(FundingScheme {
                    id: line.scheme.clone(),
                    name: line.scheme.clone(),
                    ..Default::default()
                });
            }
        }
        roadmap.items.push(Box::new(item));
    }
    roadmap
}
