//! `peta export --format ics`: an iCalendar file (RFC 5545) with an all-day event per
//! milestone (on its day) and per regulation item (on its deadline, the planned end), or with
//! `--all` one per item spanning its planned dates.
//!
//! Calendar programs match events by UID, so each UID is `<item-id>@<roadmap-slug>.peta`: a
//! re-import of a later export updates the events instead of adding copies. DTSTAMP is
//! midnight UTC of `--today` (the day the statuses are for), so the output is reproducible and
//! a later export carries a later stamp.

use crate::model::{Date, Item, Kind, Roadmap};
use crate::schedule::Schedule;
use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
pub struct IcsOptions {
    /// One event per item, not only milestones and regulation deadlines.
    pub all: bool,
    /// The day of the export: DTSTAMP.
    pub today: Date,
}

/// The whole calendar, CRLF line endings, lines folded at 75 octets.
pub fn render(roadmap: &Roadmap, schedule: &Schedule, options: &IcsOptions) -> String {
    let slug = slug(&roadmap.title);
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
        push_line(
            &mut out,
            &format!("UID:{}", escape_text(&format!("{}@{slug}.peta", item.id))),
        );
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

/// A roadmap title as a UID host part: lower-case ASCII letters and digits, runs of anything
/// else as one `-`.
pub fn slug(title: &str) -> String {
    crate::model::slug(title, "roadmap", |c| c.is_ascii_alphanumeric())
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
    fn slugs() {
        assert_eq!(slug("SPBE roadmap 2025-2029"), "spbe-roadmap-2025-2029");
        assert_eq!(slug("  Peta Jalan: Jawa Barat! "), "peta-jalan-jawa-barat");
        assert_eq!(slug("§§"), "roadmap");
    }
}
