//! The summary as a small document (sections of facts, bullets, tables and a chart) and its
//! two renderings: plain text fitted to a width, and Markdown. Building the content once and
//! rendering it twice keeps the text and Markdown summaries saying the same things.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A piece of running text; `Code` is an identifier (shown as a code span in Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Frag {
    Text(String),
    Code(String),
}

pub(super) fn text(s: impl Into<String>) -> Frag {
    Frag::Text(s.into())
}

pub(super) fn code(s: impl Into<String>) -> Frag {
    Frag::Code(s.into())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Right-aligned (numeric) columns.
    pub right: Vec<bool>,
    /// Columns holding identifiers (code spans in Markdown).
    pub code: Vec<bool>,
    /// The column that wraps when the text table is wider than the page.
    pub flex: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    /// `Key: value` lines.
    Facts(Vec<(String, Vec<Frag>)>),
    Bullets(Vec<Vec<Frag>>),
    Table(Table),
    /// Preformatted lines (already fitted to the width, possibly with ANSI colour).
    Chart(Vec<String>),
    /// A sentence on its own.
    Note(Vec<Frag>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Section {
    /// 1 for the document title, 2 for the sections under it.
    pub level: u8,
    pub heading: String,
    pub blocks: Vec<Block>,
}

pub(super) const BOLD: &str = "\x1b[1m";
pub(super) const RESET: &str = "\x1b[0m";

/// Cuts `s` to at most `width` columns, ending it with `ellipsis` when something was cut.
pub(super) fn truncate(s: &str, width: usize, ellipsis: &str) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if ellipsis.width() <= width {
        out.push_str(ellipsis);
    }
    out
}

/// `s` cut or padded with spaces to exactly `width` columns.
pub(super) fn fit(s: &str, width: usize, ellipsis: &str) -> String {
    let mut out = truncate(s, width, ellipsis);
    let pad = width.saturating_sub(out.width());
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// Word wrap to `width` columns; the first line starts with `first`, the others with `rest`
/// (a hanging indent). Words longer than a line are cut between characters.
pub(super) fn wrap(s: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in s.split_whitespace() {
        let sep = usize::from(!empty);
        if !empty && line.width() + sep + word.width() > width {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        // A word longer than the room left on an empty line is cut into pieces.
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if line.width() + w > width && !line.trim().is_empty() && line.width() > rest.width() {
                lines.push(std::mem::replace(&mut line, rest.to_string()));
            }
            line.push(c);
        }
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn plain(frags: &[Frag]) -> String {
    frags
        .iter()
        .map(|f| match f {
            Frag::Text(s) | Frag::Code(s) => s.as_str(),
        })
        .collect()
}

/// The document as plain text at most `width` columns wide (charts are fitted by their
/// builder); ANSI bold headings when `color`.
pub(super) fn render_text(sections: &[Section], width: usize, color: bool, ascii: bool) -> String {
    let mut out = String::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let heading = truncate(&section.heading, width, if ascii { "..." } else { "…" });
        let rule_char = match (section.level, ascii) {
            (1, false) => "═",
            (1, true) => "=",
            (_, false) => "─",
            (_, true) => "-",
        };
        if color {
            out.push_str(&format!("{BOLD}{heading}{RESET}\n"));
        } else {
            out.push_str(&heading);
            out.push('\n');
        }
        out.push_str(&rule_char.repeat(heading.width().max(1)));
        out.push('\n');
        for (b, block) in section.blocks.iter().enumerate() {
            if b > 0 {
                out.push('\n');
            }
            text_block(&mut out, block, width);
        }
    }
    out
}

fn push_lines(out: &mut String, lines: Vec<String>) {
    for line in lines {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn text_block(out: &mut String, block: &Block, width: usize) {
    match block {
        Block::Facts(facts) => {
            for (key, value) in facts {
                let line = format!("{key}: {}", plain(value));
                push_lines(out, wrap(&line, width, "", "    "));
            }
        }
        Block::Bullets(items) => {
            for item in items {
                push_lines(out, wrap(&plain(item), width, "- ", "  "));
            }
        }
        Block::Note(frags) => push_lines(out, wrap(&plain(frags), width, "", "")),
        Block::Chart(lines) => {
            for line in lines {
                out.push_str(line);
                out.push('\n');
            }
        }
        Block::Table(table) => text_table(out, table, width),
    }
}

const GAP: usize = 2;

fn text_table(out: &mut String, table: &Table, width: usize) {
    let columns = table.headers.len();
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.width()).collect();
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let total = widths.iter().sum::<usize>() + GAP * columns.saturating_sub(1);
    // The flexible column gives up what the page lacks, down to a readable minimum; a
    // table that still does not fit prints the flexible column under each row instead.
    let mut below = None;
    let mut fixed = total;
    if let Some(flex) = table.flex.filter(|&f| f < columns && total > width) {
        let others = total - widths[flex];
        if width > others && width - others >= 12 {
            widths[flex] = width - others;
            fixed = width;
        } else {
            below = Some(flex);
            fixed = others.saturating_sub(GAP);
        }
    }
    if fixed > width {
        records(out, table, width);
        return;
    }
    let render_row = |out: &mut String, cells: &[String], header: bool| {
        // Each cell becomes one or more lines (only the flexible column wraps).
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if Some(c) == below {
                    vec![String::new()]
                } else if Some(c) == table.flex && cell.width() > widths[c] {
                    wrap(cell, widths[c], "", "")
                } else {
                    vec![cell.clone()]
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line_no in 0..height {
            let mut line = String::new();
            for (c, lines) in wrapped.iter().enumerate() {
                if Some(c) == below {
                    continue;
                }
                let cell = lines.get(line_no).map(String::as_str).unwrap_or("");
                if !line.is_empty() || c > 0 {
                    line.push_str(&" ".repeat(GAP));
                }
                let right = table.right.get(c).copied().unwrap_or(false);
                crate::report::push_aligned(&mut line, cell, widths[c], right);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        if let Some(flex) = below.filter(|_| !header) {
            if let Some(cell) = cells.get(flex).filter(|c| !c.is_empty()) {
                push_lines(out, wrap(cell, width, "    ", "    "));
            }
        }
    };
    render_row(out, &table.headers, true);
    for row in &table.rows {
        render_row(out, row, false);
    }
}

/// A table too wide for the page even without its flexible column: one wrapped record per
/// row, `first cell  Header: value, Header: value`.
fn records(out: &mut String, table: &Table, width: usize) {
    for row in &table.rows {
        let mut record = row.first().cloned().unwrap_or_default();
        let fields: Vec<String> = table
            .headers
            .iter()
            .zip(row)
            .skip(1)
            .filter(|(_, value)| !value.is_empty())
            .map(|(header, value)| format!("{header}: {value}"))
            .collect();
        if !fields.is_empty() {
            record.push_str(" - ");
            record.push_str(&fields.join(", "));
        }
        push_lines(out, wrap(&record, width, "", "    "));
    }
}

/// Escapes the characters that Markdown would read as formatting.
pub(super) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A code span that survives backticks inside it and pipes in tables.
fn md_code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ").replace('|', "\\|");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn md_frags(frags: &[Frag]) -> String {
    frags
        .iter()
        .map(|f| match f {
            Frag::Text(s) => md_escape(s),
            Frag::Code(s) => md_code(s),
        })
        .collect()
}

pub(super) fn render_markdown(sections: &[Section]) -> String {
    let mut out = String::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let hashes = "#".repeat(usize::from(section.level.clamp(1, 6)));
        out.push_str(&format!("{hashes} {}\n", md_escape(&section.heading)));
        for block in &section.blocks {
            out.push('\n');
            md_block(&mut out, block);
        }
    }
    out
}

fn md_block(out: &mut String, block: &Block) {
    match block {
        Block::Facts(facts) => {
            for (key, value) in facts {
                out.push_str(&format!("- **{}:** {}\n", md_escape(key), md_frags(value)));
            }
        }
        Block::Bullets(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", md_frags(item)));
            }
        }
        Block::Note(frags) => {
            out.push_str(&md_frags(frags));
            out.push('\n');
        }
        Block::Chart(lines) => {
            out.push_str("```text\n");
            for line in lines {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str("```\n");
        }
        Block::Table(table) => {
            let cell = |c: usize, s: &str| {
                if table.code.get(c).copied().unwrap_or(false) && !s.is_empty() {
                    md_code(s)
                } else {
                    md_escape(s)
                }
            };
            let headers: Vec<String> = table.headers.iter().map(|h| md_escape(h)).collect();
            out.push_str(&format!("| {} |\n", headers.join(" | ")));
            let rule: Vec<&str> = (0..table.headers.len())
                .map(|c| {
                    if table.right.get(c).copied().unwrap_or(false) {
                        "---:"
                    } else {
                        "---"
                    }
                })
                .collect();
            out.push_str(&format!("| {} |\n", rule.join(" | ")));
            for row in &table.rows {
                let cells: Vec<String> = row.iter().enumerate().map(|(c, s)| cell(c, s)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_and_fit_count_columns() {
        assert_eq!(truncate("National data centre", 10, "…"), "National …");
        assert_eq!(truncate("National data centre", 10, "..."), "Nationa...");
        assert_eq!(truncate("short", 10, "…"), "short");
        assert_eq!(fit("ab", 4, "…"), "ab  ");
        assert_eq!(truncate("abc", 0, "…"), "");
        // A wide character is never split.
        assert_eq!(truncate("日本語です", 5, "…"), "日本…");
    }

    #[test]
    fn wrap_uses_a_hanging_indent() {
        assert_eq!(
            wrap("one two three four", 9, "- ", "  "),
            vec!["- one two", "  three", "  four"]
        );
        assert_eq!(wrap("abcdefghij", 6, "", ""), vec!["abcdef", "ghij"]);
        assert_eq!(wrap("", 6, "", ""), vec![""]);
    }

    #[test]
    fn markdown_escapes_formatting() {
        assert_eq!(md_escape("a_b*c|d#e"), "a\\_b\\*c\\|d\\#e");
        assert_eq!(md_code("a|b"), "`a\\|b`");
        assert_eq!(md_code("a`b"), "`` a`b ``");
    }

    #[test]
    fn text_table_wraps_the_flexible_column() {
        let table = Table {
            headers: vec!["Id".into(), "N".into(), "Reason".into()],
            rows: vec![vec![
                "a".into(),
                "12".into(),
                "one two three four five".into(),
            ]],
            right: vec![false, true, false],
            code: vec![true, false, false],
            flex: Some(2),
        };
        let mut out = String::new();
        text_table(&mut out, &table, 22);
        assert_eq!(
            out,
            "Id   N  Reason\na   12  one two three\n        four five\n"
        );
    }
}
