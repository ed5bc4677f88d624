//! `peta import --from mspdi`: a roadmap from Microsoft Project XML (MSPDI), as written by MS
//! Project, ProjectLibre, GanttProject, MPXJ or `peta export --format mspdi`.
//!
//! - Each summary task at outline level 1 becomes a sector; every task below it, at any depth,
//!   is an item of that sector. Deeper summary tasks only group (a warning names them); tasks
//!   at level 1 outside any summary go to the sector `ungrouped`.
//! - The planned start is the task's "start no earlier than" or "must start on" constraint
//!   date when it has one, otherwise its Start; the item keeps the task's length in calendar
//!   days (Start day to Finish day). Milestones are one day.
//! - Links keep their type; lags become whole calendar days (working-time lags by the file's
//!   minutes per day, elapsed lags by 24 h). Links to or from summary tasks, to other
//!   projects or with a percent lag cannot be expressed and are left out with a warning.
//! - Text fields whose alias is `peta id`, `owner`, `kind`, `instrument` or `stage` (as the
//!   export writes them) give the item's id and those fields; without them ids come from the
//!   task names.

use super::{finish, slug, ImportErrors, Imported};
use crate::model::{
    parse_date, Date, Dependency, Item, Kind, LinkType, Regulation, RegulationStage, Roadmap,
    Sector,
};
use roxmltree::Node;
use rustc_hash::{FxHashMap, FxHashSet};

/// Builds a roadmap from MSPDI bytes. The title is `title` when given, else the project's
/// Title or Name, else `fallback_title` (the file name).
pub fn import(
    bytes: &[u8],
    title: Option<&str>,
    fallback_title: &str,
) -> Result<Imported, ImportErrors> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|err| vec![format!("not UTF-8 text (byte {})", err.valid_up_to())])?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|err| vec![format!("not well-formed XML: {err}")])?;
    let lines = Lines::of(text);
    let project = doc.root_element();
    if project.tag_name().name() != "Project" {
        return Err(vec![format!(
            "line {}: the root element is <{}>, not <Project>: not an MSPDI file",
            lines.of_node(project),
            project.tag_name().name()
        )]);
    }
    let title = title
        .map(str::to_string)
        .or_else(|| text_of(project, "Title").map(str::to_string))
        .or_else(|| text_of(project, "Name").map(str::to_string))
        .unwrap_or_else(|| fallback_title.to_string());
    let minutes_per_day = text_of(project, "MinutesPerDay")
        .and_then(|m| m.parse::<i64>().ok())
        .filter(|m| *m > 0)
        .unwrap_or(480);
    let fields = peta_fields(project);
    let tasks: Vec<Node> = child(project, "Tasks")
        .map(|tasks| children(tasks, "Task").collect())
        .unwrap_or_default();

    let mut reader = Reader {
        lines: &lines,
        fields: &fields,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let parsed: Vec<Task> = tasks.iter().filter_map(|t| reader.task(*t)).collect();
    let built = build(&parsed, &mut reader);
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    let mut built = built.finish_links(&parsed, minutes_per_day, &mut reader);
    built.roadmap.title = title;
    finish(built.roadmap, &built.places, reader.warnings)
}

/// What one `<Task>` says, before ids and sectors are settled.
struct Task {
    uid: i64,
    line: u32,
    name: String,
    level: u32,
    summary: bool,
    milestone: bool,
    start: Option<Date>,
    end: Option<Date>,
    progress: u8,
    cost: Option<u64>,
    notes: Option<String>,
    /// (predecessor UID, type code, lag in tenths of a minute, lag format, cross-project, line)
    links: Vec<(i64, u8, i64, u8, bool, u32)>,
    /// Custom field values by meaning: id, owner, kind, instrument, stage.
    text: [Option<String>; 5],
}

struct Reader<'a> {
    lines: &'a Lines,
    fields: &'a [Option<String>; 5],
    errors: Vec<String>,
    warnings: Vec<String>,
}

impl Reader<'_> {
    fn task(&mut self, node: Node) -> Option<Task> {
        let line = self.lines.of_node(node);
        if flag(node, "IsNull") {
            return None;
        }
        let name = text_of(node, "Name").unwrap_or("").to_string();
        let Some(uid) = text_of(node, "UID").and_then(|u| u.parse::<i64>().ok()) else {
            self.errors
                .push(format!("line {line}: task \"{name}\": no UID"));
            return None;
        };
        let level = text_of(node, "OutlineLevel")
            .and_then(|l| l.parse::<u32>().ok())
            .unwrap_or(1);
        // Outline level 0 is the project summary task MS Project adds: the project itself.
        if level == 0 || uid == 0 && flag(node, "Summary") {
            return None;
        }
        let place = format!("line {line}: task UID {uid} \"{name}\"");
        let datetime = |element: &str| text_of(node, element).map(|t| (t, parse_datetime(t)));
        let mut bad = |element: &str, value: &str| {
            self.errors.push(format!(
                "{place}: {element}: \"{value}\" is not a date and time like 2025-01-31T08:00:00"
            ));
        };
        let mut moment = |element: &str| match datetime(element) {
            Some((_, Some(moment))) => Some(moment),
            Some((value, None)) => {
                bad(element, value);
                None
            }
            None => None,
        };
        let start = moment("Start");
        let finish = moment("Finish");
        let constraint = moment("ConstraintDate");
        let summary = flag(node, "Summary");
        let milestone = flag(node, "Milestone");
        let constraint_type = text_of(node, "ConstraintType").unwrap_or("0");
        // Must start on (2) and start no earlier than (4) say when the planner wants it to start.
        let planned = match (constraint_type, constraint) {
            ("2" | "4", Some((date, _))) => Some(date),
            _ => start.map(|(date, _)| date),
        };
        let (start_date, end_date) = match (planned, start, finish) {
            (Some(planned), _, _) if milestone => (Some(planned), Some(planned)),
            (Some(planned), Some((s, _)), Some((f, minutes))) => {
                // A finish at midnight is the end of the day before (24-hour calendars).
                let last = if minutes == 0 && f > s {
                    f.pred_opt().unwrap_or(f)
                } else {
                    f
                };
                let span = (last - s).num_days().max(0);
                (Some(planned), Some(planned + chrono::Duration::days(span)))
            }
            _ => {
                if !summary {
                    self.errors
                        .push(format!("{place}: no Start and Finish dates"));
                }
                (None, None)
            }
        };
        let progress = text_of(node, "PercentComplete")
            .and_then(|p| p.parse::<f64>().ok())
            .map_or(0, |p| p.round().clamp(0.0, 100.0) as u8);
        let cost = text_of(node, "FixedCost").and_then(hundredths).or_else(|| {
            text_of(node, "Cost")
                .and_then(hundredths)
                .filter(|c| *c > 0)
        });
        let mut links = Vec::new();
        for link in children(node, "PredecessorLink") {
            let Some(pred) = text_of(link, "PredecessorUID").and_then(|u| u.parse::<i64>().ok())
            else {
                continue;
            };
            let number = |element: &str, default: i64| {
                text_of(link, element)
                    .and_then(|v| v.parse::<f64>().ok())
                    .map_or(default, |v| v.round() as i64)
            };
            let kind = u8::try_from(number("Type", 1)).unwrap_or(1);
            let format = u8::try_from(number("LagFormat", 7)).unwrap_or(7);
            links.push((
                pred,
                kind,
                number("LinkLag", 0),
                format,
                flag(link, "CrossProject"),
                self.lines.of_node(link),
            ));
        }
        let mut text: [Option<String>; 5] = Default::default();
        for attribute in children(node, "ExtendedAttribute") {
            let id = text_of(attribute, "FieldID").map(str::to_string);
            if let Some(slot) = self.fields.iter().position(|f| f.is_some() && *f == id) {
                text[slot] = text_of(attribute, "Value").map(str::to_string);
            }
        }
        Some(Task {
            uid,
            line,
            name,
            level,
            summary,
            milestone,
            start: start_date,
            end: end_date,
            progress,
            cost,
            notes: child(node, "Notes")
                .and_then(|n| n.text())
                .filter(|n| !n.trim().is_empty())
                .map(str::to_string),
            links,
            text,
        })
    }
}

/// Items and sectors before links are resolved.
struct Built {
    roadmap: Roadmap,
    places: Vec<String>,
    /// Task position in `parsed` for each item.
    task_of_item: Vec<usize>,
    /// UID to item index; summary UIDs map to `None`.
    by_uid: FxHashMap<i64, Option<usize>>,
}

fn build(parsed: &[Task], reader: &mut Reader) -> Built {
    let mut roadmap = Roadmap::new("", 2000, 2000).unwrap_or_default();
    roadmap.sectors.clear();
    let mut built = Built {
        roadmap,
        places: Vec::new(),
        task_of_item: Vec::new(),
        by_uid: FxHashMap::default(),
    };
    let mut sector_ids = FxHashSet::default();
    let mut item_ids = FxHashSet::default();
    let mut current: Option<String> = None;
    for (position, task) in parsed.iter().enumerate() {
        if built.by_uid.contains_key(&task.uid) {
            reader.errors.push(format!(
                "line {}: task \"{}\": UID {} is used by another task too",
                task.line, task.name, task.uid
            ));
            continue;
        }
        if task.summary {
            built.by_uid.insert(task.uid, None);
            if task.level == 1 {
                let wanted = task.text[0]
                    .clone()
                    .unwrap_or_else(|| slug(&task.name, "sector"));
                let id = unique(&wanted, &mut sector_ids);
                built.roadmap.sectors.push(Sector {
                    id: id.clone(),
                    name: if task.name.is_empty() {
                        id.clone()
                    } else {
                        task.name.clone()
                    },
                    ..Default::default()
                });
                current = Some(id);
            } else {
                reader.warnings.push(format!(
                    "line {}: summary task UID {} \"{}\" at outline level {} is not a sector; its tasks stay in their level-1 sector",
                    task.line, task.uid, task.name, task.level
                ));
            }
            continue;
        }
        if task.level == 1 {
            current = None;
        }
        let sector = match &current {
            Some(id) => id.clone(),
            None => {
                if sector_ids.insert("ungrouped".to_string()) {
                    built.roadmap.sectors.push(Sector {
                        id: "ungrouped".to_string(),
                        name: "Ungrouped tasks".to_string(),
                        ..Default::default()
                    });
                }
                "ungrouped".to_string()
            }
        };
        let wanted = task.text[0]
            .clone()
            .unwrap_or_else(|| slug(&task.name, "task"));
        let id = unique(&wanted, &mut item_ids);
        let kind = task.text[2]
            .as_deref()
            .and_then(|k| Kind::parse(&k.to_ascii_lowercase()))
            .unwrap_or(if task.milestone {
                Kind::Milestone
            } else {
                Kind::Initiative
            });
        let end = if kind == Kind::Milestone {
            task.start
        } else {
            task.end
        };
        let regulation = (kind == Kind::Regulation).then(|| Regulation {
            instrument: task.text[3].clone().unwrap_or_default(),
            stage: task.text[4]
                .as_deref()
                .and_then(|s| RegulationStage::parse(&s.to_ascii_lowercase())),
            ..Default::default()
        });
        built
            .by_uid
            .insert(task.uid, Some(built.roadmap.items.len()));
        built
            .places
            .push(format!("line {}: task UID {}", task.line, task.uid));
        built.task_of_item.push(position);
        built.roadmap.items.push(Box::new(Item {
            id,
            title: if task.name.is_empty() {
                format!("Task {}", task.uid)
            } else {
                task.name.clone()
            },
            kind: Some(kind),
            sector,
            owner: task.text[1].clone().filter(|o| !o.is_empty()),
            start: task.start,
            end,
            progress: task.progress,
            regulation,
            cost: task.cost,
            notes: task.notes.clone(),
            ..Default::default()
        }));
    }
    built
}

impl Built {
    /// Turns each task's predecessor links into dependencies of its item.
    fn finish_links(mut self, parsed: &[Task], minutes_per_day: i64, reader: &mut Reader) -> Built {
        for index in 0..self.roadmap.items.len() {
            let task = &parsed[self.task_of_item[index]];
            let mut deps = Vec::new();
            for &(pred_uid, code, lag, format, cross, line) in &task.links {
                let place = format!(
                    "line {line}: task UID {} link from UID {pred_uid}",
                    task.uid
                );
                if cross {
                    reader
                        .warnings
                        .push(format!("{place}: a link to another project is left out"));
                    continue;
                }
                let pred = match self.by_uid.get(&pred_uid) {
                    Some(Some(pred)) => *pred,
                    Some(None) => {
                        reader.warnings.push(format!(
                            "{place}: a link to a summary task is left out (peta links items, not sectors)"
                        ));
                        continue;
                    }
                    None => {
                        reader
                            .warnings
                            .push(format!("{place}: no task has that UID; left out"));
                        continue;
                    }
                };
                let link = match code {
                    0 => LinkType::FF,
                    2 => LinkType::SF,
                    3 => LinkType::SS,
                    _ => LinkType::FS,
                };
                let lag_days = match format {
                    // Percent lags have no fixed length.
                    19 | 20 | 51 | 52 => {
                        reader
                            .warnings
                            .push(format!("{place}: a percent lag is read as 0 days"));
                        0
                    }
                    // Elapsed units: 24-hour days.
                    4 | 6 | 8 | 10 | 12 | 36 | 38 | 40 | 42 | 44 => div_round(lag, 14_400),
                    _ => div_round(lag, minutes_per_day * 10),
                };
                deps.push(Dependency {
                    id: self.roadmap.items[pred].id.clone(),
                    link,
                    lag_days,
                    ..Default::default()
                });
            }
            self.roadmap.items[index].depends_on = deps;
        }
        self
    }
}

fn div_round(value: i64, by: i64) -> i64 {
    let half = by / 2;
    if value >= 0 {
        (value + half) / by
    } else {
        -((-value + half) / by)
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`... if it is taken.
fn unique(wanted: &str, taken: &mut FxHashSet<String>) -> String {
    let mut id = wanted.to_string();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    id
}

/// The FieldIDs of the custom fields peta reads, by the alias the header gives them.
fn peta_fields(project: Node) -> [Option<String>; 5] {
    let mut fields: [Option<String>; 5] = Default::default();
    let Some(attributes) = child(project, "ExtendedAttributes") else {
        return fields;
    };
    for attribute in children(attributes, "ExtendedAttribute") {
        let alias = text_of(attribute, "Alias")
            .unwrap_or("")
            .to_ascii_lowercase();
        let slot = crate::report::export::mspdi::TEXT_FIELDS
            .iter()
            .position(|(_, _, wanted)| *wanted == alias);
        if let (Some(slot), Some(id)) = (slot, text_of(attribute, "FieldID")) {
            fields[slot] = Some(id.to_string());
        }
    }
    fields
}

/// An MSPDI money value (hundredths of the currency unit, maybe with decimals) in whole units,
/// rounded.
fn hundredths(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents: u128 = whole.parse().ok()?;
    let round_up = fraction.bytes().next().is_some_and(|b| b >= b'5');
    u64::try_from((cents + 50 + u128::from(round_up)) / 100).ok()
}

/// `2025-01-31T08:00:00` as its date and minutes after midnight.
fn parse_datetime(text: &str) -> Option<(Date, u32)> {
    let date = parse_date(text.get(..10)?)?;
    let time = text.get(11..16).unwrap_or("00:00");
    let (h, m) = time.split_once(':')?;
    Some((date, h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?))
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

fn text_of<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name)
        .and_then(|c| c.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

fn flag(node: Node, name: &str) -> bool {
    matches!(text_of(node, name), Some("1" | "true"))
}

/// Line numbers of byte offsets, found by binary search: asking roxmltree for each node's
/// position would scan the text from its start every time.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines { starts }
    }

    fn of_node(&self, node: Node) -> u32 {
        let offset = node.range().start;
        let line = self.starts.partition_point(|&start| start <= offset);
        u32::try_from(line).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_hundredths_rounds_to_whole_units() {
        assert_eq!(hundredths("150000"), Some(1500));
        assert_eq!(hundredths("149"), Some(1));
        assert_eq!(hundredths("150"), Some(2));
        assert_eq!(hundredths("149.5"), Some(2));
        assert_eq!(hundredths("0"), Some(0));
        assert_eq!(hundredths("-5"), None);
        assert_eq!(hundredths("1e5"), None);
    }

    #[test]
    fn lags_round_to_the_nearest_day_both_ways() {
        assert_eq!(div_round(24_000, 4_800), 5);
        assert_eq!(div_round(26_400, 4_800), 6);
        assert_eq!(div_round(-9_600, 4_800), -2);
        assert_eq!(div_round(-2_000, 4_800), 0);
        assert_eq!(div_round(-2_400, 4_800), -1);
    }

    #[test]
    fn date_times_and_ids() {
        let day = parse_date("2025-01-31").unwrap();
        assert_eq!(parse_datetime("2025-01-31T08:00:00"), Some((day, 480)));
        assert_eq!(parse_datetime("2025-01-31"), Some((day, 0)));
        assert_eq!(parse_datetime("2025-02-30T08:00:00"), None);
        let mut taken = FxHashSet::default();
        assert_eq!(unique("a", &mut taken), "a");
        assert_eq!(unique("a", &mut taken), "a-2");
        assert_eq!(unique("a", &mut taken), "a-3");
        assert_eq!(
            slug("Pembangunan  Pusat Data (PDN)", "task"),
            "pembangunan-pusat-data-pdn"
        );
        assert_eq!(slug("—", "task"), "task");
    }
}
