//! `peta export --format mermaid`: the forecast as a Mermaid `gantt` diagram in a fenced
//! ```` ```mermaid ```` block, which GitHub and GitLab render in Markdown.
//!
//! - One `section` per sector that has items (roadmap order; items of an unknown sector
//!   last), items by forecast start.
//! - Each task is `Title :tags, id, START, Nd`: the forecast (early) start and the duration in
//!   days. A duration, not an end date, because Mermaid reads an end date as the start of
//!   that day, which would cut a day off every bar. Milestones are `:milestone, id, DAY, 0d`.
//! - Tags: `crit` on critical items, `done` at 100 % progress, `active` when started.
//! - `after ID` replaces the start date only where Mermaid gives the same date: the item's
//!   driving link is finish-to-start with no lag, neither end is a milestone (peta places a
//!   milestone at the end of its day, Mermaid at its start), and the predecessor comes
//!   earlier in the diagram (Mermaid resolves later references only a few levels deep).
//!   Every other link type, lag or lead is already in the explicit forecast date.
//! - Titles and section names lose what Mermaid's grammar reserves (`:` `;` `#` `%`, line
//!   breaks), and a title that starts like a Mermaid keyword or a date gets a leading `- `.
//!   Ids keep letters, digits, `_` and `-`; anything else becomes `_`, reserved tag words
//!   and empty ids get a prefix, and clashes get `_2`, `_3`, ...

use crate::model::{format_date, LinkType, Roadmap};
use crate::report::export::{sector_groups, unique_id};
use crate::report::funding::UNKNOWN_SECTOR;
use crate::schedule::Schedule;
use rustc_hash::FxHashSet;
use std::fmt::Write;

/// Words Mermaid's gantt lexer reads as statements when a line starts with them.
const KEYWORDS: &[&str] = &[
    "gantt",
    "dateformat",
    "inclusiveenddates",
    "topaxis",
    "axisformat",
    "tickinterval",
    "includes",
    "excludes",
    "todaymarker",
    "weekday",
    "weekend",
    "title",
    "accdescription",
    "acctitle",
    "accdescr",
    "section",
    "click",
    "call",
    "href",
];

/// Tag words Mermaid would take an id for.
const TAGS: &[&str] = &[
    "active",
    "done",
    "crit",
    "milestone",
    "vert",
    "after",
    "until",
];

/// Text safe as a Mermaid task title, section name or diagram title.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ':' => out.push_str(" - "),
            ';' => out.push(','),
            '#' => out.push_str("No."),
            '%' => out.push_str(" percent"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    words.join(" ")
}

/// A cleaned task title that the lexer cannot mistake for a statement.
fn task_title(text: &str, fallback: &str) -> String {
    let mut title = clean_text(text);
    if title.is_empty() {
        title = clean_text(fallback);
    }
    let lower = title.to_ascii_lowercase();
    let starts_like_date = lower.len() >= 10
        && lower.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if title.is_empty()
        || starts_like_date
        || KEYWORDS.iter().any(|k| lower.starts_with(k))
        || title.starts_with(['-', '}', '{'])
    {
        title.insert_str(0, "- ");
    }
    title
}

/// A Mermaid-safe id for each item, unique, in file order.
pub fn mermaid_ids(roadmap: &Roadmap) -> Vec<String> {
    let mut used: FxHashSet<String> = FxHashSet::default();
    roadmap
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut id: String = item
                .id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            if id.is_empty() {
                id = format!("item_{}", i + 1);
            } else if TAGS.contains(&id.to_ascii_lowercase().as_str()) {
                id.insert_str(0, "id_");
            }
            unique_id(&mut used, id)
        })
        .collect()
}

/// The whole export: a fenced Mermaid block ending with a newline.
pub fn mermaid_gantt(roadmap: &Roadmap, schedule: &Schedule, today: crate::model::Date) -> String {
    let n = roadmap.items.len().min(schedule.items.len());
    let ids = mermaid_ids(roadmap);

    // Sections: the roadmap's sectors in order, then items of unknown sectors.
    let mut sections = sector_groups(roadmap);
    for section in &mut sections {
        section.items.retain(|&i| i < n);
        section
            .items
            .sort_by_key(|&i| (schedule.items[i].early_start, i));
    }

    let mut out = String::from("```mermaid\ngantt\n");
    let title = clean_text(&roadmap.title);
    if !title.is_empty() {
        let _ = writeln!(out, "    title {title}");
    }
    out.push_str("    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m\n");
    let _ = writeln!(
        out,
        "    %% peta: forecast dates as of {}; crit = critical path",
        format_date(today)
    );
    let mut emitted = vec![false; n];
    for section in &sections {
        let items = &section.items;
        if items.is_empty() {
            continue;
        }
        let s = section.sector.unwrap_or(roadmap.sectors.len());
        let name = match roadmap.sectors.get(s) {
            Some(sector) if !clean_text(&sector.name).is_empty() => clean_text(&sector.name),
            Some(sector) => clean_text(&sector.id),
            None => UNKNOWN_SECTOR.to_string(),
        };
        let name = if name.is_empty() {
            format!("Sector {}", s + 1)
        } else {
            name
        };
        let _ = writeln!(out, "    section {name}");
        for &i in items {
            let item = &roadmap.items[i];
            let computed = &schedule.items[i];
            let mut tags = Vec::new();
            if computed.critical {
                tags.push("crit");
            }
            if item.progress >= 100 {
                tags.push("done");
            } else if item.progress > 0 {
                tags.push("active");
            }
            let milestone = item.is_milestone();
            if milestone {
                tags.push("milestone");
            }
            let start = after(roadmap, schedule, i, &emitted, &ids)
                .unwrap_or_else(|| format_date(computed.early_start));
            let days = if milestone {
                0
            } else {
                (computed.early_finish - computed.early_start).num_days() + 1
            };
            let mut data = tags.join(", ");
            if !data.is_empty() {
                data.push_str(", ");
            }
            let _ = writeln!(
                out,
                "    {} :{data}{}, {start}, {days}d",
                task_title(&item.title, &item.label(i)),
                ids[i]
            );
            emitted[i] = true;
        }
    }
    out.push_str("```\n");
    out
}

/// `after ID` when Mermaid would compute the same start (see the module notes).
fn after(
    roadmap: &Roadmap,
    schedule: &Schedule,
    index: usize,
    emitted: &[bool],
    ids: &[String],
) -> Option<String> {
    let item = &roadmap.items[index];
    let computed = &schedule.items[index];
    let dep = item.depends_on.get(computed.driving?)?;
    let pred = computed.driving_predecessor?;
    let plain_fs = dep.link == LinkType::FS && dep.lag_days == 0 && dep.invalid.is_empty();
    let ok = plain_fs
        && !item.is_milestone()
        && !roadmap.items.get(pred)?.is_milestone()
        && *emitted.get(pred)?
        && schedule.items.get(pred)?.early_finish.succ_opt() == Some(computed.early_start);
    ok.then(|| format!("after {}", ids[pred]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_loses_what_mermaid_reserves() {
        assert_eq!(
            clean_text("PP 71/2019: PSTE; #2 (100% done)\nnext"),
            "PP 71/2019 - PSTE, No.2 (100 percent done) next"
        );
        assert_eq!(task_title("Section 5 rollout", "x"), "- Section 5 rollout");
        assert_eq!(
            task_title("2025-01-01 kickoff", "x"),
            "- 2025-01-01 kickoff"
        );
        assert_eq!(task_title("   ", "my-id"), "my-id");
        assert_eq!(
            task_title("National data centre", "x"),
            "National data centre"
        );
    }
}
