//! `peta export --format csv`: one row per item with its planned and forecast dates, float,
//! status, cost and committed funding (RFC 4180: comma separated, CRLF, fields quoted when
//! needed). The columns that describe the item itself round-trip through `peta import --from
//! csv`; the computed ones (forecast, float, critical, status, committed) are for reading.
//!
//! Lists inside one cell (dependencies, funding lines, talent lines) use a compact text form:
//! elements separated by `;`, fields by `:`, and `\` escaping either character (and itself) in
//! ids and names: `a; b:SS+30; c:FF-5`.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
//! a formula ("CSV injection"), so a text cell (see [`TEXT_COLUMNS`]) starting with one of
//! them, or with `'`, gets a `'` in front; import takes it off again ([`unguard`]). Numbers and
//! dates are written as they are: a float of `-3` stays `-3`.

use crate::model::{format_date, Dependency, FundingLine, Item, LinkType, Roadmap, TalentNeed};
use crate::report::funding::item_totals;
use crate::schedule::Schedule;

/// The header, in order. Import reads the same names.
pub const COLUMNS: &[&str] = &[
    "id",
    "title",
    "sector",
    "sector_name",
    "kind",
    "start",
    "end",
    "forecast_start",
    "forecast_finish",
    "total_float_days",
    "free_float_days",
    "critical",
    "status",
    "progress",
    "owner",
    "cost",
    "committed_funding",
    "depends_on",
    "instrument",
    "stage",
    "funding",
    "talent",
    "notes",
];

/// Columns that are computed from the schedule or the funding lines: import ignores them.
pub const COMPUTED_COLUMNS: &[&str] = &[
    "forecast_start",
    "forecast_finish",
    "total_float_days",
    "free_float_days",
    "critical",
    "status",
    "committed_funding",
];

/// The columns that hold text a user typed (ids, names, lists of them, notes): the ones that
/// are guarded against formulas. The others hold dates, numbers and fixed words.
pub const TEXT_COLUMNS: &[&str] = &[
    "id",
    "title",
    "sector",
    "sector_name",
    "owner",
    "depends_on",
    "instrument",
    "funding",
    "talent",
    "notes",
];

/// The characters that make a spreadsheet read a cell as a formula when it starts with one
/// (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// True when a text cell starting with `c` gets the guard: a formula start, or the quote itself,
/// so that a text really starting with `'` keeps it through import.
fn needs_guard(c: char) -> bool {
    c == '\'' || FORMULA_STARTS.contains(&c)
}

/// A text cell as written: with a `'` in front when it starts with a formula character or `'`.
/// `=SUM(A1)` becomes `'=SUM(A1)`, `'quoted` becomes `''quoted`; anything else is unchanged.
pub fn guard(text: String) -> String {
    match text.chars().next() {
        Some(c) if needs_guard(c) => format!("'{text}"),
        _ => text,
    }
}

/// Undoes [`guard`]: a cell of `'` followed by a formula character or another `'` loses its
/// first `'`. A `'` followed by anything else was not put there by the export and stays, so a
/// hand-typed `'Smart' city` is read as written.
pub fn unguard(cell: &str) -> &str {
    let mut chars = cell.chars();
    match (chars.next(), chars.next()) {
        (Some('\''), Some(second)) if needs_guard(second) => &cell[1..],
        _ => cell,
    }
}

/// The whole CSV file: a header and one row per item, in file order.
pub fn render(roadmap: &Roadmap, schedule: &Schedule) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failed row would only be missing.
    let _ = writer.write_record(COLUMNS);
    let sector_names: rustc_hash::FxHashMap<&str, &str> = roadmap
        .sectors
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    for (index, item) in roadmap.items.iter().enumerate() {
        let row = row(item, schedule.items.get(index), &sector_names);
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn row(
    item: &Item,
    computed: Option<&crate::schedule::ItemSchedule>,
    sector_names: &rustc_hash::FxHashMap<&str, &str>,
) -> Vec<String> {
    let date = |d: Option<crate::model::Date>| d.map(format_date).unwrap_or_default();
    let (forecast_start, forecast_finish, total, free, critical, status) = match computed {
        Some(s) => (
            format_date(s.early_start),
            format_date(s.early_finish),
            s.total_float.to_string(),
            s.free_float.to_string(),
            s.critical.to_string(),
            s.status.as_str().to_string(),
        ),
        None => Default::default(),
    };
    let regulation = item.regulation.as_ref();
    // Only the text cells pass through `guard`; see TEXT_COLUMNS (a test keeps the two in step).
    vec![
        guard(item.id.clone()),
        guard(item.title.clone()),
        guard(item.sector.clone()),
        guard(
            sector_names
                .get(item.sector.as_str())
                .map(|name| name.to_string())
                .unwrap_or_default(),
        ),
        item.kind
            .map(|k| k.as_str().to_string())
            .unwrap_or_default(),
        date(item.start),
        date(item.end),
        forecast_start,
        forecast_finish,
        total,
        free,
        critical,
        status,
        item.progress.to_string(),
        guard(item.owner.clone().unwrap_or_default()),
        item.cost.map(|c| c.to_string()).unwrap_or_default(),
        item_totals(item).committed.to_string(),
        guard(dependencies_text(&item.depends_on)),
        guard(regulation.map(|r| r.instrument.clone()).unwrap_or_default()),
        regulation
            .and_then(|r| r.stage)
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        guard(funding_text(&item.funding)),
        guard(talent_text(&item.talent)),
        guard(item.notes.clone().unwrap_or_default()),
    ]
}

/// `a; b:SS+30; c:FF-5`: a plain finish-to-start link without lag is just the id.
pub fn dependencies_text(deps: &[Dependency]) -> String {
    let parts: Vec<String> = deps
        .iter()
        .map(|dep| {
            let id = escape(&dep.id);
            match (dep.link, dep.lag_days) {
                (LinkType::FS, 0) => id,
                (link, 0) => format!("{id}:{link}"),
                (link, lag) => format!("{id}:{link}{lag:+}"),
            }
        })
        .collect();
    parts.join("; ")
}

/// `apbn:2025:500000000000:committed; loan:2026:100`: scheme, year, amount, optional status.
pub fn funding_text(lines: &[FundingLine]) -> String {
    let parts: Vec<String> = lines
        .iter()
        .map(|line| {
            let mut text = format!("{}:{}:{}", escape(&line.scheme), line.year, line.amount);
            if let Some(status) = line.status {
                text.push(':');
                text.push_str(status.as_str());
            }
            text
        })
        .collect();
    parts.join("; ")
}

/// `Cloud engineer:40; Data steward:3:2026`: role, head count and, for a one-year need, the year.
pub fn talent_text(lines: &[TalentNeed]) -> String {
    let parts: Vec<String> = lines
        .iter()
        .map(|t| match t.year {
            Some(year) => format!("{}:{}:{year}", escape(&t.role), t.count),
            None => format!("{}:{}", escape(&t.role), t.count),
        })
        .collect();
    parts.join("; ")
}

/// Backslash before `\`, `;` and `:`, the separators of the compact lists.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | ';' | ':') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Splits a compact list cell into its elements, each split into its fields, with escapes
/// undone and spaces around elements and fields trimmed. Empty elements are dropped.
pub fn split_list(cell: &str) -> Vec<Vec<String>> {
    let mut elements = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = cell.chars();
    let finish_field = |field: &mut String, fields: &mut Vec<String>| {
        fields.push(field.trim().to_string());
        field.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => field.push(next),
                None => field.push('\\'),
            },
            ':' => finish_field(&mut field, &mut fields),
            ';' => {
                finish_field(&mut field, &mut fields);
                let element = std::mem::take(&mut fields);
                if element.iter().any(|f| !f.is_empty()) {
                    elements.push(element);
                }
            }
            c => field.push(c),
        }
    }
    finish_field(&mut field, &mut fields);
    if fields.iter().any(|f| !f.is_empty()) {
        elements.push(fields);
    }
    elements
}

/// Reads one element of the `depends_on` cell (already split): `id`, `id:SS`, `id:SS+30`,
/// `id:FS-5`, `id:+7` (finish-to-start with a lag).
pub fn parse_dependency(fields: &[String]) -> Result<Dependency, String> {
    let id = fields.first().cloned().unwrap_or_default();
    if id.is_empty() {
        return Err("a dependency has no id".to_string());
    }
    let mut dep = Dependency {
        id,
        ..Default::default()
    };
    match fields {
        [_] => {}
        [_, spec] => {
            let split = spec.find(['+', '-']).unwrap_or(spec.len());
            let (word, lag) = spec.split_at(split);
            let word = word.trim();
            if !word.is_empty() {
                dep.link = LinkType::parse(&word.to_ascii_uppercase()).ok_or_else(|| {
                    format!(
                        "dependency \"{}\": link type \"{word}\" is not {}",
                        dep.id,
                        LinkType::choices()
                    )
                })?;
            }
            if !lag.is_empty() {
                // "+ 30" reads like "+30".
                let compact: String = lag.chars().filter(|c| !c.is_whitespace()).collect();
                dep.lag_days = compact
                    .parse::<i64>()
                    .ok()
                    .filter(|l| l.abs() <= crate::model::MAX_LAG_DAYS)
                    .ok_or_else(|| {
                        format!(
                            "dependency \"{}\": lag \"{lag}\" is not a whole number of days from -{max} to +{max}",
                            dep.id,
                            max = crate::model::MAX_LAG_DAYS
                        )
                    })?;
            }
        }
        _ => {
            return Err(format!(
                "dependency \"{}\" has too many \":\" parts; write id, id:SS or id:SS+30",
                dep.id
            ))
        }
    }
    Ok(dep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dep(id: &str, link: LinkType, lag_days: i64) -> Dependency {
        Dependency {
            id: id.to_string(),
            link,
            lag_days,
            ..Default::default()
        }
    }

    #[test]
    fn dependencies_in_compact_form_and_back() {
        let deps = vec![
            dep("a", LinkType::FS, 0),
            dep("b", LinkType::SS, 30),
            dep("c", LinkType::FF, -5),
            dep("d", LinkType::SF, 0),
            dep("odd;id:x\\", LinkType::FS, 7),
        ];
        let text = dependencies_text(&deps);
        assert_eq!(text, r"a; b:SS+30; c:FF-5; d:SF; odd\;id\:x\\:FS+7");
        let back: Vec<Dependency> = split_list(&text)
            .iter()
            .map(|fields| parse_dependency(fields).unwrap())
            .collect();
        assert_eq!(back, deps);
    }

    #[test]
    fn guard_prefixes_formula_starts_and_quotes_only() {
        let guarded = |text: &str| guard(text.to_string());
        assert_eq!(guarded("=1+2"), "'=1+2");
        assert_eq!(guarded("+62 21 555"), "'+62 21 555");
        assert_eq!(guarded("-draft"), "'-draft");
        assert_eq!(guarded("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guarded("\tindented"), "'\tindented");
        assert_eq!(guarded("\rreturn"), "'\rreturn");
        assert_eq!(guarded("'quoted"), "''quoted");
        assert_eq!(guarded("'=x"), "''=x");
        assert_eq!(guarded("Plain = text"), "Plain = text");
        assert_eq!(guarded(" =space first"), " =space first");
        assert_eq!(guarded(""), "");
    }

    #[test]
    fn unguard_undoes_guard_and_leaves_other_quotes() {
        for text in [
            "=1+2", "+62", "-x", "@a", "\tt", "\rr", "'", "'q", "'=x", "''", "=", "plain", "", "é=",
        ] {
            assert_eq!(unguard(&guard(text.to_string())), text, "{text:?}");
        }
        // A quote the export did not write stays.
        assert_eq!(unguard("'Smart' city"), "'Smart' city");
        assert_eq!(unguard("'"), "'");
        assert_eq!(unguard("'é"), "'é");
        // A cell a spreadsheet saved without the guard is read as it is.
        assert_eq!(
            unguard("=HYPERLINK(\"http://x\",\"y\")"),
            "=HYPERLINK(\"http://x\",\"y\")"
        );
    }

    /// Every text field starts with `=`: exactly the TEXT_COLUMNS cells are guarded, and a
    /// negative float or a negative lag inside the dependencies stays as it is.
    #[test]
    fn row_guards_exactly_the_text_columns() {
        let item = Item {
            id: "=id".to_string(),
            title: "=title".to_string(),
            sector: "=s".to_string(),
            kind: Some(crate::model::Kind::Regulation),
            owner: Some("=owner".to_string()),
            start: crate::model::parse_date("2025-01-01"),
            end: crate::model::parse_date("2025-01-31"),
            depends_on: vec![dep("=a", LinkType::SS, -10)],
            regulation: Some(crate::model::Regulation {
                instrument: "=PP".to_string(),
                ..Default::default()
            }),
            cost: Some(5),
            funding: vec![FundingLine {
                scheme: "=apbn".to_string(),
                year: 2025,
                amount: 5,
                ..Default::default()
            }],
            talent: vec![TalentNeed {
                role: "=role".to_string(),
                count: 1,
                ..Default::default()
            }],
            notes: Some("=notes".to_string()),
            ..Default::default()
        };
        let names = rustc_hash::FxHashMap::from_iter([("=s", "=Sector")]);
        let day = crate::model::parse_date("2025-01-01").unwrap();
        let computed = crate::schedule::ItemSchedule {
            early_start: day,
            early_finish: day,
            late_start: day,
            late_finish: day,
            total_float: -3,
            free_float: -3,
            critical: true,
            near_critical: false,
            driving: None,
            driving_predecessor: None,
            status: crate::schedule::Status::Late,
            reason: None,
        };
        let cells = row(&item, Some(&computed), &names);
        assert_eq!(cells.len(), COLUMNS.len());
        for (name, cell) in COLUMNS.iter().zip(&cells) {
            assert_eq!(
                cell.starts_with("'="),
                TEXT_COLUMNS.contains(name),
                "{name}: {cell}"
            );
        }
        let cell = |name: &str| &cells[COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(cell("total_float_days"), "-3");
        assert_eq!(cell("free_float_days"), "-3");
        assert_eq!(cell("depends_on"), "'=a:SS-10");
        assert_eq!(cell("funding"), "'=apbn:2025:5");
        assert_eq!(cell("talent"), "'=role:1");
    }

    #[test]
    fn loose_dependency_spellings() {
        let parse = |cell: &str| -> Vec<Result<Dependency, String>> {
            split_list(cell)
                .iter()
                .map(|f| parse_dependency(f))
                .collect()
        };
        assert_eq!(
            parse(" a ;; b : ss + 3 ;"),
            vec![Ok(dep("a", LinkType::FS, 0)), Ok(dep("b", LinkType::SS, 3))]
        );
        assert_eq!(parse("a:+7"), vec![Ok(dep("a", LinkType::FS, 7))]);
        assert!(parse("a:XX")[0]
            .as_ref()
            .unwrap_err()
            .contains("link type \"XX\""));
        assert!(parse("a:SS+99999")[0].as_ref().unwrap_err().contains("lag"));
        assert!(parse("a:SS:3")[0].is_err());
        assert!(parse(":SS")[0].is_err());
    }
}
