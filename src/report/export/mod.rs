//! The roadmap in other tools' formats. Each export is a pure function from the roadmap, its
//! schedule and options to the whole output text, so the CLI can write it atomically.

pub mod csv;
pub mod html;
pub mod ics;
pub mod mermaid;
pub mod mspdi;
pub mod tjp;

use crate::model::Roadmap;
use rustc_hash::{FxHashMap, FxHashSet};

/// A sector's items, for the exports that group items by sector.
pub(crate) struct SectorGroup {
    /// Index in `roadmap.sectors`; `None` for the items whose sector the roadmap does not list.
    pub sector: Option<usize>,
    /// Item indices in file order.
    pub items: Vec<usize>,
}

/// Items by sector: the roadmap's sectors in order (the first of a repeated id), then one group
/// of the items whose sector is not listed. Groups without items are left out.
pub(crate) fn sector_groups(roadmap: &Roadmap) -> Vec<SectorGroup> {
    let mut groups: Vec<SectorGroup> = Vec::with_capacity(roadmap.sectors.len() + 1);
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for (s, sector) in roadmap.sectors.iter().enumerate() {
        if index.contains_key(sector.id.as_str()) {
            continue;
        }
        index.insert(sector.id.as_str(), groups.len());
        groups.push(SectorGroup {
            sector: Some(s),
            items: Vec::new(),
        });
    }
    let mut unknown: Vec<usize> = Vec::new();
    for (i, item) in roadmap.items.iter().enumerate() {
        match index.get(item.sector.as_str()) {
            Some(&g) => groups[g].items.push(i),
            None => unknown.push(i),
        }
    }
    groups.push(SectorGroup {
        sector: None,
        items: unknown,
    });
    groups.retain(|g| !g.items.is_empty());
    groups
}

/// The id itself, or with `_2`, `_3`, ... until it is not in `used`; the result is added to
/// `used`. Exports whose tools need unique ids (tj3, Mermaid) number repeats this way.
pub(crate) fn unique_id(used: &mut FxHashSet<String>, id: String) -> String {
    if used.insert(id.clone()) {
        return id;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{id}_{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// The markup an export escapes text for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    Html,
    Xml,
}

/// Escapes text for HTML or XML content and attribute values, appending to `out`. HTML spells
/// the apostrophe `&#39;` (HTML 4 has no `&apos;`) and keeps every character; XML leaves out
/// the control characters XML 1.0 cannot hold at all (MSPDI readers reject the file otherwise).
pub(crate) fn escape_markup(out: &mut String, text: &str, markup: Markup) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if markup == Markup::Html => out.push_str("&#39;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if markup == Markup::Xml
                && ((c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_sectors_then_the_unknown_sector() {
        let text = r#"{"format": "peta-roadmap/1", "title": "T", "start": "2025-01-01",
          "end": "2025-12-31", "currency": "IDR", "funding_schemes": [],
          "sectors": [{"id": "a", "name": "A"}, {"id": "empty", "name": "E"},
                      {"id": "b", "name": "B"}, {"id": "a", "name": "A again"}],
          "items": [
            {"id": "1", "title": "1", "kind": "initiative", "sector": "b"},
            {"id": "2", "title": "2", "kind": "initiative", "sector": "nowhere"},
            {"id": "3", "title": "3", "kind": "initiative", "sector": "a"},
            {"id": "4", "title": "4", "kind": "initiative", "sector": "b"}]}"#;
        let roadmap = crate::store::parse(std::path::Path::new("t.json"), text.as_bytes()).unwrap();
        let groups: Vec<(Option<usize>, Vec<usize>)> = sector_groups(&roadmap)
            .into_iter()
            .map(|g| (g.sector, g.items))
            .collect();
        assert_eq!(
            groups,
            [(Some(0), vec![2]), (Some(2), vec![0, 3]), (None, vec![1])]
        );
    }

    #[test]
    fn repeated_ids_are_numbered_from_2() {
        let mut used = FxHashSet::default();
        assert_eq!(unique_id(&mut used, "a_b".into()), "a_b");
        assert_eq!(unique_id(&mut used, "a_b".into()), "a_b_2");
        assert_eq!(unique_id(&mut used, "a_b".into()), "a_b_3");
        assert_eq!(unique_id(&mut used, "a_b_2_2".into()), "a_b_2_2");
        assert_eq!(unique_id(&mut used, "a_b_2".into()), "a_b_2_3");
    }

    #[test]
    fn html_and_xml_differ_only_in_apostrophes_and_control_characters() {
        let text = "a<b & \"c\" 'd'>\u{1}\te\u{FFFF}";
        let (mut html, mut xml) = (String::new(), String::new());
        escape_markup(&mut html, text, Markup::Html);
        escape_markup(&mut xml, text, Markup::Xml);
        assert_eq!(
            html,
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;\u{1}\te\u{FFFF}"
        );
        assert_eq!(xml, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\te");
    }
}
