//! `peta export --format mspdi`: Microsoft Project XML (the MSPDI schema), for MS Project,
//! ProjectLibre, GanttProject and anything built on MPXJ.
//!
//! - One summary task per sector (outline level 1), the sector's items under it (level 2),
//!   sectors in the roadmap's order, items in file order.
//! - The project calendar works every day of the week, 08:00-12:00 and 13:00-17:00, so an
//!   item of d calendar days lasts d working days (8 h each) and lags in days are calendar
//!   days, as in peta. Tasks start at 08:00 and finish at 17:00; a milestone sits at 17:00 of
//!   its day (peta puts it at the end of its day).
//! - Start and Finish are peta's forecast (early) dates; the planned start is a "start no
//!   earlier than" constraint, which is exactly how peta treats it, so a tool that
//!   re-schedules arrives at the same dates. The planned dates are also baseline 0, and a
//!   regulation item's planned end is its deadline.
//! - Links carry their type (0 FF, 1 FS, 2 SF, 3 SS) and lag (tenths of a minute; shown in
//!   days).
//! - Text1 holds the peta id (alias "peta id"), Text2 the owner, Text3 the kind, Text4 and
//!   Text5 a regulation's instrument and stage, so `peta import --from mspdi` can rebuild the
//!   items. Fixed cost is the item's cost (MSPDI stores money in hundredths).

use crate::model::{format_date, Date, Item, Kind, LinkType, Roadmap};
use crate::report::export::{escape_markup, Markup};
use crate::schedule::Schedule;
use std::fmt::Write;

/// Field ids of the task custom fields Text1..Text5 in MSPDI.
pub const TEXT_FIELDS: [(u32, &str, &str); 5] = [
    (188_743_731, "Text1", "peta id"),
    (188_743_734, "Text2", "owner"),
    (188_743_737, "Text3", "kind"),
    (188_743_740, "Text4", "instrument"),
    (188_743_743, "Text5", "stage"),
];

/// Working minutes in a day of the exported calendar.
pub const MINUTES_PER_DAY: i64 = 480;
/// A lag of one day in MSPDI's unit, tenths of a minute.
pub const LAG_PER_DAY: i64 = MINUTES_PER_DAY * 10;
/// MSPDI duration format "days".
const FORMAT_DAYS: u8 = 7;

/// The whole XML document.
pub fn render(roadmap: &Roadmap, schedule: &Schedule, today: Date) -> String {
    let groups = sector_groups(roadmap);
    let mut out = String::with_capacity(2048 + roadmap.items.len() * 1500);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    tag(&mut out, 1, "SaveVersion", "14");
    tag(&mut out, 1, "Name", &roadmap.title);
    tag(&mut out, 1, "Title", &roadmap.title);
    tag(&mut out, 1, "ScheduleFromStart", "1");
    let first = schedule.items.iter().map(|s| s.early_start).min();
    let project_start = roadmap.start.or(first).unwrap_or(today);
    let project_finish = schedule.finish.or(roadmap.end).unwrap_or(project_start);
    tag(&mut out, 1, "StartDate", &at(project_start, 8));
    tag(&mut out, 1, "FinishDate", &at(project_finish, 17));
    tag(&mut out, 1, "CriticalSlackLimit", "0");
    let currency = roadmap.currency.trim();
    if currency.len() == 3 && currency.chars().all(|c| c.is_ascii_alphabetic()) {
        tag(&mut out, 1, "CurrencyCode", currency);
    }
    tag(&mut out, 1, "CalendarUID", "1");
    tag(&mut out, 1, "DefaultStartTime", "08:00:00");
    tag(&mut out, 1, "DefaultFinishTime", "17:00:00");
    tag(&mut out, 1, "MinutesPerDay", &MINUTES_PER_DAY.to_string());
    tag(
        &mut out,
        1,
        "MinutesPerWeek",
        &(MINUTES_PER_DAY * 7).to_string(),
    );
    tag(&mut out, 1, "DaysPerMonth", "30");
    tag(&mut out, 1, "DefaultTaskType", "1");
    tag(&mut out, 1, "DurationFormat", &FORMAT_DAYS.to_string());
    tag(&mut out, 1, "HonorConstraints", "1");
    tag(&mut out, 1, "CurrentDate", &at(today, 8));
    out.push_str("  <ExtendedAttributes>\n");
    for (id, name, alias) in TEXT_FIELDS {
        out.push_str("    <ExtendedAttribute>\n");
        tag(&mut out, 3, "FieldID", &id.to_string());
        tag(&mut out, 3, "FieldName", name);
        tag(&mut out, 3, "Alias", alias);
        out.push_str("    </ExtendedAttribute>\n");
    }
    out.push_str("  </ExtendedAttributes>\n");
    calendar(&mut out);
    out.push_str("  <Tasks>\n");
    let ids = roadmap.id_index();
    let item_uid = |index: usize| groups.len() + 1 + index;
    let mut row = 0;
    for (g, group) in groups.iter().enumerate() {
        row += 1;
        summary_task(&mut out, (g, row), group, roadmap, schedule);
        for (position, &index) in group.items.iter().enumerate() {
            row += 1;
            let outline = format!("{}.{}", g + 1, position + 1);
            let item = &roadmap.items[index];
            let links: Vec<(usize, LinkType, i64)> = item
                .depends_on
                .iter()
                .filter_map(|dep| {
                    let pred = *ids.get(dep.id.as_str())?;
                    (pred != index).then_some((item_uid(pred), dep.link, dep.lag_days))
                })
                .collect();
            item_task(
                &mut out,
                ItemRow {
                    uid: item_uid(index),
                    row,
                    outline: &outline,
                    item,
                    computed: schedule.items.get(index),
                    links: &links,
                },
            );
        }
    }
    out.push_str("  </Tasks>\n");
    out.push_str("</Project>\n");
    out
}

/// A sector's summary task and its items.
struct Group {
    id: String,
    name: String,
    items: Vec<usize>,
}

/// Items by sector: the roadmap's sectors in order, then sectors the roadmap does not list,
/// in order of first use (named by their id).
fn sector_groups(roadmap: &Roadmap) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::with_capacity(roadmap.sectors.len());
    let mut by_id: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for sector in &roadmap.sectors {
        if by_id.contains_key(sector.id.as_str()) {
            continue;
        }
        by_id.insert(&sector.id, groups.len());
        groups.push(Group {
            id: sector.id.clone(),
            name: sector.name.clone(),
            items: Vec::new(),
        });
    }
    for (index, item) in roadmap.items.iter().enumerate() {
        let g = *by_id.entry(item.sector.as_str()).or_insert_with(|| {
            groups.push(Group {
                id: item.sector.clone(),
                name: if item.sector.is_empty() {
                    "(no sector)".to_string()
                } else {
                    item.sector.clone()
                },
                items: Vec::new(),
            });
            groups.len() - 1
        });
        groups[g].items.push(index);
    }
    // A sector without items would be a summary task with nothing to summarize.
    groups.retain(|g| !g.items.is_empty());
    groups
}

/// Where a scheduled item sits: its first day, whether it starts at 17:00 rather than 08:00
/// (a milestone), and its last day (finishing at 17:00).
fn span(item: &Item, computed: &crate::schedule::ItemSchedule) -> (Date, bool, Date) {
    (
        computed.early_start,
        item.is_milestone(),
        computed.early_finish,
    )
}

/// Working hours between a start (08:00, or 17:00 for a milestone) and a 17:00 finish.
fn hours(start: Date, at_end_of_day: bool, finish: Date) -> i64 {
    let days = (finish - start).num_days() + 1;
    (days * 8 - if at_end_of_day { 8 } else { 0 }).max(0)
}

fn start_text(date: Date, at_end_of_day: bool) -> String {
    at(date, if at_end_of_day { 17 } else { 8 })
}

fn summary_task(
    out: &mut String,
    (g, row): (usize, usize),
    group: &Group,
    roadmap: &Roadmap,
    schedule: &Schedule,
) {
    // The earliest start (a task at 08:00 before a milestone at 17:00 on the same day) and
    // the latest finish of the sector's items.
    let spans = group.items.iter().filter_map(|&i| {
        let s = schedule.items.get(i)?;
        Some(span(&roadmap.items[i], s))
    });
    let start = spans.clone().map(|(d, late, _)| (d, late)).min();
    let finish = spans.map(|(_, _, f)| f).max();
    out.push_str("    <Task>\n");
    tag(out, 3, "UID", &(g + 1).to_string());
    tag(out, 3, "ID", &row.to_string());
    tag(out, 3, "Name", name(&group.name));
    tag(out, 3, "Type", "1");
    tag(out, 3, "IsNull", "0");
    let number = (g + 1).to_string();
    tag(out, 3, "WBS", &number);
    tag(out, 3, "OutlineNumber", &number);
    tag(out, 3, "OutlineLevel", "1");
    if let (Some((start, late)), Some(finish)) = (start, finish) {
        tag(out, 3, "Start", &start_text(start, late));
        tag(out, 3, "Finish", &at(finish, 17));
        tag(out, 3, "Duration", &duration(hours(start, late, finish)));
        tag(out, 3, "DurationFormat", &FORMAT_DAYS.to_string());
    }
    tag(out, 3, "Milestone", "0");
    tag(out, 3, "Summary", "1");
    let cost: u128 = group
        .items
        .iter()
        .filter_map(|&i| roadmap.items[i].cost)
        .map(u128::from)
        .sum();
    tag(out, 3, "Cost", &(cost * 100).to_string());
    extended(out, 0, &group.id);
    out.push_str("    </Task>\n");
}

struct ItemRow<'a> {
    uid: usize,
    row: usize,
    outline: &'a str,
    item: &'a Item,
    computed: Option<&'a crate::schedule::ItemSchedule>,
    /// (predecessor UID, type, lag in days)
    links: &'a [(usize, LinkType, i64)],
}

fn link_code(link: LinkType) -> u8 {
    match link {
        LinkType::FF => 0,
        LinkType::FS => 1,
        LinkType::SF => 2,
        LinkType::SS => 3,
    }
}

fn item_task(out: &mut String, r: ItemRow<'_>) {
    let item = r.item;
    let milestone = item.is_milestone();
    out.push_str("    <Task>\n");
    tag(out, 3, "UID", &r.uid.to_string());
    tag(out, 3, "ID", &r.row.to_string());
    tag(out, 3, "Name", name(&item.title));
    tag(out, 3, "Type", "1");
    tag(out, 3, "IsNull", "0");
    tag(out, 3, "WBS", r.outline);
    tag(out, 3, "OutlineNumber", r.outline);
    tag(out, 3, "OutlineLevel", "2");
    if let Some(s) = r.computed {
        let (start, late, finish) = span(item, s);
        tag(out, 3, "Start", &start_text(start, late));
        tag(out, 3, "Finish", &at(finish, 17));
        tag(out, 3, "Duration", &duration(hours(start, late, finish)));
        tag(out, 3, "DurationFormat", &FORMAT_DAYS.to_string());
    }
    tag(out, 3, "Milestone", if milestone { "1" } else { "0" });
    tag(out, 3, "Summary", "0");
    if let Some(s) = r.computed {
        tag(out, 3, "Critical", if s.critical { "1" } else { "0" });
        tag(
            out,
            3,
            "FreeSlack",
            &(s.free_float * LAG_PER_DAY).to_string(),
        );
        tag(
            out,
            3,
            "TotalSlack",
            &(s.total_float * LAG_PER_DAY).to_string(),
        );
    }
    if let Some(cost) = item.cost {
        tag(out, 3, "FixedCost", &(u128::from(cost) * 100).to_string());
        // 2 is prorated (1 start, 3 end): the money is spent as the work is done.
        tag(out, 3, "FixedCostAccrual", "2");
    }
    tag(out, 3, "PercentComplete", &item.progress.to_string());
    if let Some(cost) = item.cost {
        tag(out, 3, "Cost", &(u128::from(cost) * 100).to_string());
    }
    let planned_start = item.start.or(item.end);
    if let Some(planned) = planned_start {
        // Start no earlier than the planned start: peta's own rule.
        tag(out, 3, "ConstraintType", "4");
        tag(out, 3, "ConstraintDate", &start_text(planned, milestone));
    }
    if item.kind == Some(Kind::Regulation) {
        if let Some(end) = item.end {
            tag(out, 3, "Deadline", &at(end, 17));
        }
    }
    if let Some(notes) = &item.notes {
        tag(out, 3, "Notes", notes);
    }
    for &(pred, link, lag) in r.links {
        out.push_str("      <PredecessorLink>\n");
        tag(out, 4, "PredecessorUID", &pred.to_string());
        tag(out, 4, "Type", &link_code(link).to_string());
        tag(out, 4, "CrossProject", "0");
        tag(out, 4, "LinkLag", &(lag * LAG_PER_DAY).to_string());
        tag(out, 4, "LagFormat", &FORMAT_DAYS.to_string());
        out.push_str("      </PredecessorLink>\n");
    }
    extended(out, 0, &item.id);
    if let Some(owner) = &item.owner {
        extended(out, 1, owner);
    }
    if let Some(kind) = item.kind {
        extended(out, 2, kind.as_str());
    }
    if let Some(regulation) = &item.regulation {
        extended(out, 3, &regulation.instrument);
        if let Some(stage) = regulation.stage {
            extended(out, 4, stage.as_str());
        }
    }
    if let Some(start) = planned_start {
        let end = if milestone {
            start
        } else {
            item.end.unwrap_or(start).max(start)
        };
        out.push_str("      <Baseline>\n");
        tag(out, 4, "Number", "0");
        tag(out, 4, "Start", &start_text(start, milestone));
        tag(out, 4, "Finish", &at(end, 17));
        tag(out, 4, "Duration", &duration(hours(start, milestone, end)));
        tag(out, 4, "DurationFormat", &FORMAT_DAYS.to_string());
        out.push_str("      </Baseline>\n");
    }
    out.push_str("    </Task>\n");
}

/// One of the Text1..Text5 custom fields (index into [`TEXT_FIELDS`]); empty values are left out.
fn extended(out: &mut String, field: usize, value: &str) {
    if value.is_empty() {
        return;
    }
    out.push_str("      <ExtendedAttribute>\n");
    tag(out, 4, "FieldID", &TEXT_FIELDS[field].0.to_string());
    tag(out, 4, "Value", value);
    out.push_str("      </ExtendedAttribute>\n");
}

/// A task name as the schema allows it: at most 512 characters.
fn name(text: &str) -> &str {
    match text.char_indices().nth(512) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// `2025-01-02T08:00:00`
fn at(date: Date, hour: u32) -> String {
    format!("{}T{hour:02}:00:00", format_date(date))
}

/// `PT16H0M0S`
fn duration(hours: i64) -> String {
    format!("PT{hours}H0M0S")
}

/// One element with text content on its own line, indented two spaces per level.
fn tag(out: &mut String, level: usize, name: &str, text: &str) {
    for _ in 0..level {
        out.push_str("  ");
    }
    let _ = write!(out, "<{name}>");
    escape_markup(out, text, Markup::Xml);
    let _ = writeln!(out, "</{name}>");
}

/// The project calendar: every day a working day, 08:00-12:00 and 13:00-17:00.
fn calendar(out: &mut String) {
    out.push_str("  <Calendars>\n    <Calendar>\n");
    tag(out, 3, "UID", "1");
    tag(out, 3, "Name", "peta calendar days");
    tag(out, 3, "IsBaseCalendar", "1");
    tag(out, 3, "BaseCalendarUID", "-1");
    out.push_str("      <WeekDays>\n");
    // DayType 1 is Sunday, 7 Saturday.
    for day in 1..=7 {
        out.push_str("        <WeekDay>\n");
        tag(out, 5, "DayType", &day.to_string());
        tag(out, 5, "DayWorking", "1");
        out.push_str("          <WorkingTimes>\n");
        for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
            out.push_str("            <WorkingTime>\n");
            tag(out, 7, "FromTime", from);
            tag(out, 7, "ToTime", to);
            out.push_str("            </WorkingTime>\n");
        }
        out.push_str("          </WorkingTimes>\n");
        out.push_str("        </WeekDay>\n");
    }
    out.push_str("      </WeekDays>\n    </Calendar>\n  </Calendars>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_at_512_characters_not_bytes() {
        let long = "é".repeat(600);
        assert_eq!(name(&long).chars().count(), 512);
        assert_eq!(name("short"), "short");
    }

    #[test]
    fn text_is_escaped_and_impossible_characters_dropped() {
        let mut out = String::new();
        escape_markup(&mut out, "a<b & \"c\" 'd'>\u{1}\te", Markup::Xml);
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\te");
    }

    #[test]
    fn working_hours_of_tasks_and_milestones() {
        let day = |d: &str| crate::model::parse_date(d).unwrap();
        assert_eq!(hours(day("2025-01-01"), false, day("2025-01-01")), 8);
        assert_eq!(hours(day("2025-01-01"), false, day("2025-01-31")), 248);
        assert_eq!(hours(day("2025-01-01"), true, day("2025-01-01")), 0);
        assert_eq!(hours(day("2025-01-01"), true, day("2025-01-03")), 16);
    }
}
