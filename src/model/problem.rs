//! Validation findings, each naming where it is (item, field) so a planner can find and fix it.

use crate::i18n::{Lang, Text, M};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// What a problem is about. Items carry their index so the TUI can jump to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Roadmap,
    Sector { index: usize, id: String },
    FundingScheme { index: usize, id: String },
    Item { index: usize, id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    /// The field, with a qualifier where useful: `start`, `depends_on "x"`, `funding[2].amount`.
    pub field: String,
    /// Kept as a catalogue key with its arguments so each front end shows it in its language;
    /// displays in English.
    pub message: Text,
}

impl Problem {
    pub fn error(location: Location, field: impl Into<String>, message: impl Into<Text>) -> Self {
        Problem {
            severity: Severity::Error,
            location,
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn warning(location: Location, field: impl Into<String>, message: impl Into<Text>) -> Self {
        Problem {
            severity: Severity::Warning,
            location,
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn item_index(&self) -> Option<usize> {
        match self.location {
            Location::Item { index, .. } => Some(index),
            _ => None,
        }
    }
}

/// A name from the file as a message quotes it: a 10 MB id (a corrupted or hostile file)
/// would bury the message, so anything over 60 characters is cut to 57 and "...".
pub fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        None => std::borrow::Cow::Borrowed(text),
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(MAX - 3)
                .map_or(text.len(), |(at, _)| at);
            std::borrow::Cow::Owned(format!("{}...", &text[..cut]))
        }
    }
}

impl Location {
    /// `item "a"`, `sektor #2`; empty for the roadmap itself.
    pub fn render(&self, lang: Lang) -> String {
        let (what, index, id) = match self {
            Location::Roadmap => return String::new(),
            Location::Sector { index, id } => (M::WhereSector, index, id),
            Location::FundingScheme { index, id } => (M::WhereScheme, index, id),
            Location::Item { index, id } => (M::WhereItem, index, id),
        };
        let what = lang.t(what);
        if id.is_empty() {
            format!("{what} #{}", index + 1)
        } else {
            format!("{what} \"{}\"", clip(id))
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl Problem {
    /// `item "a": start: message`, or `start: message` for the roadmap itself. Field names
    /// are the file's own keys and stay as written.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        if self.severity == Severity::Warning {
            out.push_str(lang.t(M::ProblemWarning));
        }
        if self.location != Location::Roadmap {
            out.push_str(&self.location.render(lang));
            out.push_str(": ");
        }
        if !self.field.is_empty() {
            out.push_str(&self.field);
            out.push_str(": ");
        }
        out.push_str(&self.message.render(lang));
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}
