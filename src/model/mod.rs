//! The roadmap: typed data that mirrors the `peta-roadmap/1` JSON format.
//!
//! Loading is lenient on purpose: a value that has the wrong type or an impossible value (say
//! `"start": "2023-02-30"`) is kept verbatim in the owner's `invalid` map and the typed field
//! falls back to a default. Validation reports it, saving writes it back unchanged, and editing
//! the field in the TUI replaces it. Unknown fields live in `extra`. Nothing the user wrote is
//! ever dropped.

mod conflicts;
pub(crate) mod convert;
mod date;
mod edit;
mod history;

mod network;
mod problem;
mod slug;
mod validate;

pub use conflicts::CONFLICTS_KEY;
pub use convert::{from_value, StructureError};
pub use date::{format_date, parse_date, Date};
pub use edit::*;
pub use history::*;
pub use network::{IdIndex, IndexOp, Link, Network, Out, Reindex, Relinked};
pub(crate) use problem::clip;
pub use problem::{Location, Problem, Severity};
pub use slug::slug;
pub use validate::{find_cycle, find_cycle_in, find_cycles, validate, validate_with};

use serde_json::{Map, Value};
use std::fmt;

/// The `format` string this version reads and writes.
pub const FORMAT: &str = "peta-roadmap/1";

/// Lags beyond a century are almost certainly typos and would risk overflow in day arithmetic.
pub const MAX_LAG_DAYS: i64 = 36_500;

/// Raw JSON values of known fields whose value could not be used, keyed by field name.
pub type Invalid = Map<String, Value>;
/// Unknown fields, kept for the round trip.
pub type Extra = Map<String, Value>;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Roadmap {
    pub format: String,
    pub title: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub currency: String,
    pub sectors: Vec<Sector>,
    pub funding_schemes: Vec<FundingScheme>,
    pub items: Vec<Box<Item>>,
    pub invalid: Invalid,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sector {
    pub id: String,
    pub name: String,
    pub invalid: Invalid,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FundingScheme {
    pub id: String,
    pub name: String,
    pub kind: Option<SchemeKind>,
    /// Most money the scheme can give per budget year, ascending by year.
    pub ceilings: std::collections::BTreeMap<i32, u64>,
    pub invalid: Invalid,
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Initiative,
    Milestone,
    Regulation,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub kind: Option<Kind>,
    pub sector: String,
    pub owner: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub progress: u8,
    pub depends_on: Vec<Dependency>,
    pub regulation: Option<Regulation>,
    pub cost: Option<u64>,
    pub funding: Vec<FundingLine>,
    pub talent: Vec<TalentNeed>,
    pub notes: Option<String>,
    pub invalid: Invalid,
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LinkType {
    /// Finish-to-start: the successor starts after the predecessor finishes.
    #[default]
    FS,
    SS,
    FF,
    SF,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dependency {
    pub id: String,
    pub link: LinkType,
    pub lag_days: i64,
    pub invalid: Invalid,
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegulationStage {
    Planned,
    Drafting,
    Harmonization,
    Deliberation,
    Enacted,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Regulation {
    pub instrument: String,
    pub stage: Option<RegulationStage>,
    pub invalid: Invalid,
    pub extra: Extra,
}

/// What kind of money a funding scheme is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchemeKind {
    /// APBN.
    StateBudget,
    /// APBD.
    RegionalBudget,
    /// KPBU, public-private partnership.
    Ppp,
    Loan,
    Grant,
    Private,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FundingStatus {
    Proposed,
    Committed,
    Disbursed,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FundingLine {
    pub scheme: String,
    pub year: i32,
    pub amount: u64,
    pub status: Option<FundingStatus>,
    pub invalid: Invalid,
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TalentNeed {
    pub role: String,
    pub count: u32,
    /// Only this year; without it the need lasts every year the item is active.
    pub year: Option<i32>,
    pub invalid: Invalid,
    pub extra: Extra,
}

/// Words used in the file for the enums, in one place for parsing, printing and pickers.
macro_rules! keyword_enum {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $word),+ }
            }
            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($ty::$variant),)+ _ => None }
            }
            /// The accepted words, for error messages: `"a", "b" or "c"`.
            pub fn choices() -> String {
                let words: Vec<String> = Self::ALL.iter().map(|v| format!("\"{}\"", v.as_str())).collect();
                match words.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} or {}", rest.join(", "), last),
                    _ => words.join(""),
                }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum!(Kind { Initiative => "initiative", Milestone => "milestone", Regulation => "regulation" });
keyword_enum!(LinkType { FS => "FS", SS => "SS", FF => "FF", SF => "SF" });
keyword_enum!(RegulationStage {
    Planned => "planned", Drafting => "drafting", Harmonization => "harmonization",
    Deliberation => "deliberation", Enacted => "enacted",
});
keyword_enum!(SchemeKind {
    StateBudget => "state-budget", RegionalBudget => "regional-budget", Ppp => "ppp",
    Loan => "loan", Grant => "grant", Private => "private", Other => "other",
});
keyword_enum!(FundingStatus { Proposed => "proposed", Committed => "committed", Disbursed => "disbursed" });

impl Item {
    /// How the item is named in messages: its id, or its position when it has none.
    pub fn label(&self, index: usize) -> String {
        if self.id.is_empty() {
            format!("#{}", index + 1)
        } else {
            self.id.clone()
        }
    }

    /// The regulation's instrument (UU, PP, Perpres, ...) when one is named.
    pub fn instrument(&self) -> Option<&str> {
        self.regulation
            .as_ref()
            .map(|r| r.instrument.as_str())
            .filter(|i| !i.is_empty())
    }

    pub fn is_milestone(&self) -> bool {
        self.kind == Some(Kind::Milestone)
    }

    /// Total funding planned for the item, all schemes and years.
    pub fn funded(&self) -> u128 {
        self.funding.iter().map(|f| u128::from(f.amount)).sum()
    }
}

impl Roadmap {
    /// An empty roadmap over the given years with the usual SPBE sectors and funding schemes.
    pub fn new(title: &str, from_year: i32, to_year: i32) -> Option<Roadmap> {
        let start = Date::from_ymd_opt(from_year, 1, 1)?;
        let end = Date::from_ymd_opt(to_year, 12, 31)?;
        let sectors = [
            ("infrastructure", "Infrastructure"),
            ("data", "Data"),
            ("public-services", "Public services"),
            ("gov-admin", "Government administration"),
            ("talent", "Digital talent"),
            ("regulation", "Regulation & policy"),
        ];
        let schemes = [
            ("apbn", "State budget (APBN)"),
            ("apbd", "Regional budget (APBD)"),
            ("kpbu", "Public-private partnership (KPBU)"),
            ("loan", "Loan"),
            ("grant", "Grant"),
        ];
        Some(Roadmap {
            format: FORMAT.to_string(),
            title: title.to_string(),
            start: Some(start),
            end: Some(end),
            currency: "IDR".to_string(),
            sectors: sectors
                .iter()
                .map(|(id, name)| Sector {
                    id: id.to_string(),
                    name: name.to_string(),
                    ..Default::default()
                })
                .collect(),
            funding_schemes: schemes
                .iter()
                .map(|(id, name)| FundingScheme {
                    id: id.to_string(),
                    name: name.to_string(),
                    ..Default::default()
                })
                .collect(),
            items: Vec::new(),
            invalid: Invalid::new(),
            extra: Extra::new(),
        })
    }

    /// Index of the item with this id (first one when ids are duplicated).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|item| item.id == id)
    }

    /// A map from id to index, built once for callers that look up many ids. (FxHash: ids are
    /// the user's own, and SipHash dominated loading large roadmaps.)
    pub fn id_index(&self) -> rustc_hash::FxHashMap<&str, usize> {
        let mut map = rustc_hash::FxHashMap::default();
        map.reserve(self.items.len());
        // An item without an id cannot be linked to: "" names no item.
        for (i, item) in self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !item.id.is_empty())
        {
            map.entry(item.id.as_str()).or_insert(i);
        }
        map
    }
}
