//! tj3 names: task ids that are TaskJuggler identifiers, unique, grouped by sector; and text
//! that is safe inside tj3 strings and comments.

use super::PLAN_START_ID;
use crate::model::Roadmap;
use crate::report::export::unique_id;
use rustc_hash::{FxHashMap, FxHashSet};

/// tj3 ids per item and the sector containers that group them.
pub(super) struct TaskIds {
    /// Item id inside its sector container.
    pub local: Vec<String>,
    /// `sector.item`.
    pub full: Vec<String>,
    pub groups: Vec<Group>,
}

pub(super) struct Group {
    pub id: String,
    pub name: String,
    pub items: Vec<usize>,
}

impl TaskIds {
    pub fn new(roadmap: &Roadmap) -> TaskIds {
        let mut used: FxHashSet<String> = FxHashSet::default();
        used.insert(PLAN_START_ID.to_string());
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of: FxHashMap<&str, usize> = FxHashMap::default();
        for sector in &roadmap.sectors {
            if group_of.contains_key(sector.id.as_str()) {
                continue;
            }
            group_of.insert(sector.id.as_str(), groups.len());
            let name = if sector.name.is_empty() {
                sector.id.clone()
            } else {
                sector.name.clone()
            };
            groups.push(Group {
                id: unique_id(&mut used, identifier(&sector.id, "sector")),
                name,
                items: Vec::new(),
            });
        }
        let mut unknown: Option<usize> = None;
        for (i, item) in roadmap.items.iter().enumerate() {
            let group = match group_of.get(item.sector.as_str()) {
                Some(&g) => g,
                None => *unknown.get_or_insert_with(|| {
                    groups.push(Group {
                        id: unique_id(&mut used, "unknown_sector".to_string()),
                        name: crate::report::funding::UNKNOWN_SECTOR.to_string(),
                        items: Vec::new(),
                    });
                    groups.len() - 1
                }),
            };
            groups[group].items.push(i);
        }
        // A container without tasks would be a task without a duration to tj3.
        groups.retain(|g| !g.items.is_empty());
        let mut local = vec![String::new(); roadmap.items.len()];
        let mut full = vec![String::new(); roadmap.items.len()];
        for group in &groups {
            for &i in &group.items {
                let fallback = format!("item_{}", i + 1);
                let id = unique_id(&mut used, identifier(&roadmap.items[i].id, &fallback));
                full[i] = format!("{}.{id}", group.id);
                local[i] = id;
            }
        }
        TaskIds {
            local,
            full,
            groups,
        }
    }
}

/// A tj3 identifier (`[A-Za-z_][A-Za-z0-9_]*`) from any text: other characters become `_`.
fn identifier(text: &str, fallback: &str) -> String {
    let mut id: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if id.is_empty() {
        id = fallback.to_string();
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, '_');
    }
    id
}

/// Text inside a tj3 double-quoted string: quotes escaped, line breaks flattened, and `${` /
/// `$(` broken up, since tj3 expands macros and environment variables inside strings.
pub fn tjp_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\n' | '\r' | '\t' => out.push(' '),
            '$' if matches!(chars.peek(), Some('{') | Some('(')) => out.push_str("$ "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // A final backslash would escape the closing quote.
    if out.ends_with('\\') {
        out.push(' ');
    }
    out
}

/// Text on one comment line.
pub(super) fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_tj3_ids() {
        assert_eq!(identifier("pdn-phase-1", "x"), "pdn_phase_1");
        assert_eq!(identifier("2025-law", "x"), "_2025_law");
        assert_eq!(identifier("", "item_3"), "item_3");
        assert_eq!(identifier("données", "x"), "donn_es");
    }

    #[test]
    fn strings_cannot_break_out_or_expand_macros() {
        assert_eq!(tjp_string(r#"Say "hi""#), r#"Say \"hi\""#);
        assert_eq!(tjp_string("${x} $(HOME) $5"), "$ {x} $ (HOME) $5");
        assert_eq!(tjp_string("a\nb\\"), "a b\\ ");
    }
}
