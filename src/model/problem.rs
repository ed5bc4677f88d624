//! Validation findings, each naming where it is (item, field) so a planner can find and fix it.

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
    pub message: String,
}

impl Problem {
    pub fn error(location: Location, field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            location,
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn warning(
        location: Location,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
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

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, index, id) = match self {
            Location::Roadmap => return Ok(()),
            Location::Sector { index, id } => ("sector", index, id),
            Location::FundingScheme { index, id } => ("funding scheme", index, id),
            Location::Item { index, id } => ("item", index, id),
        };
        if id.is_empty() {
            write!(f, "{what} #{}", index + 1)
        } else {
            write!(f, "{what} \"{}\"", clip(id))
        }
    }
}

/// `item "a": start: message`, or `start: message` for the roadmap itself.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if self.location != Location::Roadmap {
            write!(f, "{}: ", self.location)?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}
