//! `peta export --format ics`: an iCalendar file (RFC 5545) with an all-day event per
//! milestone (on its day) and per regulation item (on its deadline, the planned end), or with
//! `--all` one per item spanning its planned dates.
//!
//! Calendar programs match events by UID, so each UID is `<item-id>@<uid-domain>`: a
//! re-import of a later export updates the events instead of adding copies. The domain must
//! not change when a planner edits the roadmap, so it is not made from the title (which
//! planners rename) but from the file name (`spbe-2025-2029.json` gives `spbe-2025-2029.peta`,
//! [`uid_domain_for_file`]) or given with `--uid-domain`. DTSTAMP is midnight UTC of `--today`
//! (the day the statuses are for), so the output is reproducible and a later export carries a
//! later stamp.

use crate::model::{Date, Item, Kind, Roadmap};
use crate::schedule::Schedule;
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
pub struct IcsOptions<'a> {
    /// One event per item, not only milestones and regulation deadlines.
    pub all: bool,
    /// The day of the export: DTSTAMP.
    pub today: Date,
    /// The part of every UID after the `@`: [`uid_domain_for_file`] or a checked
    /// [`parse_uid_domain`].
    pub uid_domain: &'a str,
}

/// The default UID domain of a roadmap file: its file name without the extension, as a slug,
/// then `.peta`: `roadmaps/spbe-2025-2029.json` gives `spbe-2025-2029.peta`. Everyone who
/// exports the same file from the repository gets the same UIDs, whatever the title says.
pub fn uid_domain_for_file(file: &std::path::Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    format!("{}.peta", slug(&stem))
}

/// Checks a `--uid-domain` value: a host name such as `spbe.jabar.go.id`, that is labels of
/// ASCII letters, digits and `-` separated by dots, at most 253 characters.
pub fn parse_uid_domain(text: &str) -> Result<String, String> {
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if text.len() <= 253 && text.split('.').all(label_ok) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "\"{text}\" is not a domain: use letters, digits and \"-\" in parts separated by dots, \
             e.g. spbe.jabar.go.id"
        ))
    }
}

/// The UID of every item, in file order: `<id>@<domain>`. The ids of a roadmap that passed
/// validation are unique; one exported with `--force` may repeat an id, and the repeats are
/// numbered (`a_2@...`, skipping ids that items really have) so that every event keeps a UID
/// of its own and no real item's UID moves. Every item gets its UID, whether or not it has an
/// event, so `--all` does not change the others' UIDs.
fn uids(roadmap: &Roadmap, domain: &str) -> Vec<String> {
    let real: FxHashSet<&str> = roadmap.items.iter().map(|i| i.id.as_str()).collect();
    let mut taken: FxHashSet<String> = FxHashSet::default();
    // The next number to try per repeated id, so many repeats stay linear.
    let mut next: FxHashMap<&str, u64> = FxHashMap::default();
    roadmap
        .items
        .iter()
        .map(|item| {
            let mut id = item.id.clone();
            if !taken.insert(id.clone()) {
                let n = next.entry(item.id.as_str()).or_insert(2);
                loop {
                    id = format!("{}_{n}", item.id);
                    *n += 1;
                    if !real.contains(id.as_str()) && taken.insert(id.clone()) {
                        break;
                    }
                }
            }
            format!("{id}@{domain}")
        })
        .collect()
}

/// The whole calendar, CRLF line endings, lines folded at 75 octets.
pub fn render(roadmap: &Roadmap, schedule: &Schedule, options: &IcsOptions) -> String {
    let uids = uids(roadmap, options.uid_domain);
    let sector_names: rustc_hash::FxHashMap<&str, &str> = roadmap
        .sectors
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let stamp = format!("{}T000000Z", ics_date(options.today));
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//peta//peta roadmap export//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape_text(&roadmap.title)),
    );
    for (index, item) in roadmap.items.iter().enumerate() {
        let Some((first, last, summary)) = event_span(item, options.all) else {
            continue;
        };
        let sector = sector_names
            .get(item.sector.as_str())
            .copied()
            .unwrap_or(item.sector.as_str());
        let description = description(item, sector, schedule.items.get(index));
        push_line(&mut out, "BEGIN:VEVENT");
        let uid = uids.get(index).map_or("", String::as_str);
        push_line(&mut out, &format!("UID:{}", escape_text(uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(first)));
        // DTEND of an all-day event is exclusive: the day after the last one.
        let after = last.succ_opt().unwrap_or(last);
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(after)));
        push_line(&mut out, &format!("SUMMARY:{}", escape_text(&summary)));
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&description)),
        );
        let kind = item.kind.unwrap_or(Kind::Initiative).as_str();
        push_line(
            &mut out,
            &format!("CATEGORIES:{},{}", escape_text(kind), escape_text(sector)),
        );
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// The days an item's event covers and its summary, or `None` when it gets no event (not a
/// milestone or regulation without `--all`, or no usable dates).
fn event_span(item: &Item, all: bool) -> Option<(Date, Date, String)> {
    let start = item.start.or(item.end)?;
    let end = item.end.unwrap_or(start).max(start);
    match item.kind {
        Some(Kind::Milestone) => Some((start, start, item.title.clone())),
        _ if all => Some((start, end, item.title.clone())),
        Some(Kind::Regulation) => Some((end, end, format!("Deadline: {}", item.title))),
        _ => None,
    }
}

fn description(
    item: &Item,
    sector: &str,
    computed: Option<&crate::schedule::ItemSchedule>,
) -> String {
    let mut text = String::new();
    if let Some(s) = computed {
        let _ = writeln!(text, "Status: {}, progress {}%", s.status, item.progress);
        let _ = writeln!(
            text,
            "Forecast: {} to {}",
            crate::model::format_date(s.early_start),
            crate::model::format_date(s.early_finish)
        );
    }
    let _ = write!(text, "Sector: {sector}");
    if let Some(regulation) = &item.regulation {
        let stage = regulation.stage.map_or("stage unknown", |s| s.as_str());
        let _ = write!(text, "\nRegulation: {} ({stage})", regulation.instrument);
    }
    if let Some(owner) = &item.owner {
        let _ = write!(text, "\nOwner: {owner}");
    }
    let _ = write!(text, "\npeta id: {}", item.id);
    text
}

fn ics_date(date: Date) -> String {
    date.format("%Y%m%d").to_string()
}

/// A file name as a UID host part: lower-case ASCII letters and digits, runs of anything else
/// as one `-`.
pub fn slug(name: &str) -> String {
    crate::model::slug(name, "roadmap", |c| c.is_ascii_alphanumeric())
}

/// TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (RFC 5545 3.1): continuation lines start with a
/// space, and a fold never splits a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > budget {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        push_line(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // "SUMMARY:" is 8 octets, then 33 two-octet characters fit in 75 (8 + 66 = 74).
        assert_eq!(lines[0].len(), 74);
        assert!(lines[1].starts_with(' '));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn short_lines_stay_whole() {
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
        let mut out = String::new();
        push_line(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn uid_domain_from_the_file_name() {
        let domain = |path: &str| uid_domain_for_file(std::path::Path::new(path));
        assert_eq!(
            domain("roadmaps/spbe-2025-2029.json"),
            "spbe-2025-2029.peta"
        );
        assert_eq!(domain("Jawa Barat.roadmap.json"), "jawa-barat-roadmap.peta");
        assert_eq!(domain("/tmp/§.json"), "roadmap.peta");
    }

    #[test]
    fn uid_domains_are_host_names() {
        assert_eq!(
            parse_uid_domain("spbe.jabar.go.id"),
            Ok("spbe.jabar.go.id".to_string())
        );
        assert_eq!(parse_uid_domain("peta-2025"), Ok("peta-2025".to_string()));
        for bad in [
            "",
            "a..b",
            ".a",
            "a.",
            "a b",
            "a@b",
            "jalan.é.id",
            &"x".repeat(64),
        ] {
            let err = parse_uid_domain(bad).unwrap_err();
            assert!(
                err.starts_with(&format!("\"{bad}\" is not a domain")),
                "{err}"
            );
        }
    }

    /// Repeated ids (only possible with `--force`) get numbered UIDs; the domain is the same
    /// whatever the title.
    #[test]
    fn uids_are_unique_per_item() {
        let item = |id: &str| Item {
            id: id.to_string(),
            ..Default::default()
        };
        let mut roadmap = Roadmap {
            title: "Old title".to_string(),
            items: vec![
                Box::new(item("a")),
                Box::new(item("b")),
                Box::new(item("a")),
                Box::new(item("a_2")),
            ],
            ..Default::default()
        };
        // The real a_2 keeps its UID; the repeated a takes the next free number.
        let expected = ["a@x.peta", "b@x.peta", "a_3@x.peta", "a_2@x.peta"];
        assert_eq!(uids(&roadmap, "x.peta"), expected);
        roadmap.title = "New title".to_string();
        assert_eq!(uids(&roadmap, "x.peta"), expected);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("SPBE roadmap 2025-2029"), "spbe-roadmap-2025-2029");
        assert_eq!(slug("  Peta Jalan: Jawa Barat! "), "peta-jalan-jawa-barat");
        assert_eq!(slug("§§"), "roadmap");
    }
}
