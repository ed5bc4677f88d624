//! English and Bahasa Indonesia: the languages peta speaks, and the message catalogue.
//!
//! Every user-facing sentence has a typed key in [`M`]. The English text of each key is in
//! `en.rs` (which also declares the key, so adding a message is one line there) and the
//! Indonesian text in `id.rs`, an exhaustive `match`: a key without an Indonesian text does not
//! compile, and the tests below check that both texts use the same `{placeholders}` and that
//! every key is used somewhere in the sources.
//!
//! How the language reaches the code:
//! - Library reports take it as an option ([`crate::report::summary::SummaryOptions::lang`],
//!   the HTML export options, [`crate::model::Problem::render`]), so they stay pure functions.
//! - The terminal UI reads a per-thread setting ([`current`] / [`set_current`]) chosen once at
//!   startup and changed from the settings. Threading a language through every draw function of
//!   every view would touch each signature for no gain: the UI draws on one thread. Being
//!   per-thread (not process-wide) keeps parallel tests that render in both languages apart.

mod en;
mod id;
mod labels;

use crate::model::Date;
use chrono::Datelike;
use std::cell::Cell;
use std::fmt::{self, Write as _};

pub use en::M;

/// A language peta speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Id,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_ID_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Id];

    /// The code used on the command line and in `config.json`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// The language's own name, for the settings.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Id => "Bahasa Indonesia",
        }
    }

    /// `en`, `id` (and `in`, the old code for Indonesian), any case, optionally with a region
    /// and encoding as in a locale: `id_ID.UTF-8`, `en-GB`.
    pub fn parse(text: &str) -> Option<Lang> {
        let language = text
            .trim()
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "en" | "english" => Some(Lang::En),
            "id" | "in" | "indonesian" | "indonesia" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The message for `key` without arguments.
    pub fn t(self, key: M) -> &'static str {
        match self {
            Lang::En => en::text(key),
            Lang::Id => id::text(key),
        }
    }

    /// The message for `key` with its `{name}` placeholders filled in.
    pub fn f(self, key: M, args: &[(&str, &dyn fmt::Display)]) -> String {
        fill(self.t(key), args)
    }

    /// `one` when `n` is 1, else `many`, with `{n}` filled in (English needs the plural;
    /// Indonesian writes both the same).
    pub fn plural(self, n: usize, one: M, many: M) -> String {
        self.f(if n == 1 { one } else { many }, &[("n", &n)])
    }

    /// A date in running text: `2025-08-17` in English (as roadmap files write it),
    /// `17 Agustus 2025` in Indonesian.
    pub fn date(self, date: Date) -> String {
        match self {
            Lang::En => crate::model::format_date(date),
            Lang::Id => format!(
                "{} {} {}",
                date.day(),
                MONTHS_ID[date.month0() as usize],
                date.year()
            ),
        }
    }

    /// A date in a table column: `2025-08-17` in English, `17 Agu 2025` in Indonesian.
    pub fn date_short(self, date: Date) -> String {
        match self {
            Lang::En => crate::model::format_date(date),
            Lang::Id => format!(
                "{} {} {}",
                date.day(),
                MONTHS_ID_SHORT[date.month0() as usize],
                date.year()
            ),
        }
    }

    /// Month and year for narrow columns and axes: `Aug 2025`, `Agu 2025`.
    pub fn month_year(self, date: Date) -> String {
        format!(
            "{} {}",
            self.month_short(date.month0() as usize),
            date.year()
        )
    }

    /// Three-letter month name, `month0` counting from 0 for January.
    pub fn month_short(self, month0: usize) -> &'static str {
        match self {
            Lang::En => &MONTHS_EN[month0 % 12][..3],
            Lang::Id => MONTHS_ID_SHORT[month0 % 12],
        }
    }

    /// Full month name, `month0` counting from 0 for January.
    pub fn month_long(self, month0: usize) -> &'static str {
        match self {
            Lang::En => MONTHS_EN[month0 % 12],
            Lang::Id => MONTHS_ID[month0 % 12],
        }
    }

    /// A compact amount as tables show it: see [`crate::report::money::format_money_lang`].
    pub fn money(self, amount: u128, currency: &str) -> String {
        crate::report::money::format_money_lang(amount, currency, self)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Replaces each `{name}` in `template` by its argument; unknown names stay as written.
pub fn fill(template: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => {
                        let _ = write!(out, "{value}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message that can be shown in either language later: a catalogue key with its
/// arguments, or text that has no translation (names from the file, messages from other
/// libraries, messages not yet in the catalogue). Displays in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Raw(String),
    /// A key with its arguments, which may themselves be translated (`found {found}` with
    /// `found` = "a number" / "angka").
    Key(M, Vec<(&'static str, Text)>),
}

impl Text {
    pub fn key(key: M) -> Text {
        Text::Key(key, Vec::new())
    }

    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Raw(text) => text.clone(),
            Text::Key(key, args) => {
                let rendered: Vec<(&str, String)> = args
                    .iter()
                    .map(|(name, value)| (*name, value.render(lang)))
                    .collect();
                let args: Vec<(&str, &dyn fmt::Display)> = rendered
                    .iter()
                    .map(|(name, value)| (*name, value as &dyn fmt::Display))
                    .collect();
                lang.f(*key, &args)
            }
        }
    }

    /// Whether the English text contains `needle` (for tests and filters).
    pub fn contains(&self, needle: &str) -> bool {
        self.render(Lang::En).contains(needle)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Raw(text.to_string())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::Raw(text)
    }
}

impl From<M> for Text {
    fn from(key: M) -> Text {
        Text::key(key)
    }
}

/// A [`Text`] from a key and named arguments: `text!(CheckIdUsedTwice, id = id)`.
#[macro_export]
macro_rules! text {
    ($key:ident) => {
        $crate::i18n::Text::key($crate::i18n::M::$key)
    };
    ($key:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::Text::Key(
            $crate::i18n::M::$key,
            vec![$((stringify!($name), $crate::i18n::Text::from(($value).to_string()))),+],
        )
    };
}

/// A translated string: `tr!(lang, Key)` or `tr!(lang, Key, name = value, ...)`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:ident) => {
        $lang.t($crate::i18n::M::$key)
    };
    ($lang:expr, $key:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $lang.f(
            $crate::i18n::M::$key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The terminal UI's language on this thread (see the module comment for why per thread).
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// Sets the terminal UI's language on this thread.
pub fn set_current(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The translated text of `key` in the UI's language.
pub fn ui(key: M) -> &'static str {
    current().t(key)
}

/// Where the language came from, for the note about an unknown one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    /// Set when a language was asked for by `--lang` or `config.json` but is not one peta
    /// speaks: the sentence to print on stderr.
    pub note: Option<String>,
}

/// The language to use: `--lang`, else the `lang` setting of `config.json`, else the
/// environment (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as POSIX orders them), else
/// English. An unknown `--lang` or setting falls back to the next source with a note; an
/// environment locale peta has no translation for (`fr_FR.UTF-8`) is English without a note,
/// since the user did not ask peta for it.
pub fn choose(
    flag: Option<&str>,
    setting: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Choice {
    let mut note = None;
    for (given, source) in [(flag, "--lang"), (setting, "config.json \"lang\"")] {
        let Some(given) = given else { continue };
        match Lang::parse(given) {
            Some(lang) => return Choice { lang, note },
            None => {
                if note.is_none() {
                    let given = format!("{given:?}");
                    note = Some(tr!(Lang::En, LangNote, source = source, given = given));
                }
                // An unknown --lang falls back to English, not to the setting: the user
                // asked for one language on purpose.
                return Choice {
                    lang: Lang::En,
                    note,
                };
            }
        }
    }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(value) = env(name).filter(|v| !v.is_empty()) {
            return Choice {
                lang: Lang::parse(&value).unwrap_or(Lang::En),
                note,
            };
        }
    }
    Choice {
        lang: Lang::En,
        note,
    }
}

/// [`choose`] with the process environment.
pub fn choose_from_env(flag: Option<&str>, setting: Option<&str>) -> Choice {
    choose(flag, setting, &|name| std::env::var(name).ok())
}

#[cfg(test)]
mod tests;
