//! Colour themes: every colour the UI uses, by name, loaded from JSON.
//!
//! The three themes in `themes/` are compiled in; users add their own as
//! `<config dir>/themes/<name>.json`. A theme file must name every colour (so a theme never
//! half-applies); a broken one is reported and the default is used instead.

use crate::i18n::{Lang, Text};
use crate::text;
use ratatui::style::Color;
use serde_json::Value;
use std::fmt;
use std::path::{Path, PathBuf};

macro_rules! theme_colors {
    ($($field:ident),+ $(,)?) => {
        /// The palette. Field names are the JSON keys of a theme file's `colors` object.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            pub name: String,
            $(pub $field: Color,)+
        }

        impl Theme {
            /// Every colour key a theme file must define.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),+];

            fn from_colors(name: String, colors: &serde_json::Map<String, Value>) -> Result<Theme, Vec<Text>> {
                let mut problems = Vec::new();
                let mut get = |key: &str| match colors.get(key) {
                    None => { problems.push(text!(ThemeColorMissing, key = key)); Color::Reset }
                    Some(value) => match value.as_str().and_then(parse_color) {
                        Some(color) => color,
                        None => {
                            problems.push(text!(ThemeColorBad, key = key, value = value));
                            Color::Reset
                        }
                    },
                };
                let theme = Theme { name, $($field: get(stringify!($field)),)+ };
                if problems.is_empty() { Ok(theme) } else { Err(problems) }
            }
        }
    };
}

theme_colors!(
    background,
    foreground,
    muted,
    border,
    border_focused,
    title,
    header,
    selection_bg,
    selection_fg,
    ruler,
    today,
    weekend_or_grid,
    bar,
    bar_progress,
    milestone,
    regulation,
    critical,
    near_critical,
    late,
    at_risk,
    blocked,
    done,
    not_started,
    on_track,
    predecessor,
    successor,
    error,
    warning,
    search_match,
    status_bar_bg,
    status_bar_fg,
    key_hint,
    popup_bg,
    popup_border,
);

/// The themes shipped with peta, compiled into the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.json")),
    ("light", include_str!("../../themes/light.json")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.json"),
    ),
];

/// Why a theme could not be used; names the file and every bad key.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeError {
    pub source: String,
    pub problems: Vec<Text>,
}

impl ThemeError {
    /// The error in `lang`: the theme and its problems, `; ` between them.
    pub fn render(&self, lang: Lang) -> String {
        let problems: Vec<String> = self.problems.iter().map(|p| p.render(lang)).collect();
        crate::tr!(
            lang,
            ThemeErr,
            source = self.source,
            problems = problems.join("; ")
        )
    }
}

impl fmt::Display for ThemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ThemeError {}

/// `"#rrggbb"`, or a colour name as ratatui spells it (`red`, `dark_gray`, `light_blue`, `reset`).
pub fn parse_color(text: &str) -> Option<Color> {
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    let normalized = text.replace(['_', '-', ' '], "").to_ascii_lowercase();
    normalized.parse::<Color>().ok()
}

impl Theme {
    /// Parses a theme file's text; `source` names it in errors.
    pub fn parse(source: &str, text: &str) -> Result<Theme, ThemeError> {
        let fail = |problems: Vec<Text>| ThemeError {
            source: source.to_string(),
            problems,
        };
        let value: Value = serde_json::from_str(text).map_err(|err| {
            fail(vec![text!(
                ThemeSyntax,
                line = err.line(),
                column = err.column(),
                error = err
            )])
        })?;
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(source)
            .to_string();
        let colors = value
            .get("colors")
            .and_then(Value::as_object)
            .ok_or_else(|| fail(vec![text!(ThemeColorsMissing)]))?;
        Theme::from_colors(name, colors).map_err(fail)
    }

    /// The dark default theme. The built-in files are tested, so this cannot fail in practice;
    /// should it ever, a plain terminal-colour palette keeps the UI usable.
    pub fn default_theme() -> Theme {
        Theme::parse("default", BUILT_IN[0].1).unwrap_or_else(|_| Theme::plain())
    }

    /// Terminal defaults only: no RGB, readable anywhere.
    pub fn plain() -> Theme {
        let mut colors = serde_json::Map::new();
        for key in Theme::KEYS {
            colors.insert((*key).to_string(), Value::String("reset".into()));
        }
        Theme::from_colors("plain".into(), &colors)
            .unwrap_or_else(|_| unreachable!("reset is a colour"))
    }

    /// Finds a theme by name: a user file in `user_dir` first, then the built-in ones.
    pub fn find(name: &str, user_dir: Option<&Path>) -> Result<Theme, ThemeError> {
        if let Some(dir) = user_dir {
            let path: PathBuf = dir.join(format!("{name}.json"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Theme::parse(&path.display().to_string(), &text);
            }
        }
        match BUILT_IN.iter().find(|(built_in, _)| *built_in == name) {
            Some((_, text)) => Theme::parse(name, text),
            None => Err(ThemeError {
                source: name.to_string(),
                problems: vec![Text::Key(
                    crate::i18n::M::ThemeNoSuch,
                    vec![
                        (
                            "names",
                            BUILT_IN
                                .iter()
                                .map(|(n, _)| *n)
                                .collect::<Vec<_>>()
                                .join(", ")
                                .into(),
                        ),
                        (
                            "dir",
                            user_dir
                                .map(|d| text!(ThemeUserDir, dir = d.display()))
                                .unwrap_or_else(|| Text::from("")),
                        ),
                    ],
                )],
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_themes_define_every_colour() {
        for (name, text) in BUILT_IN {
            let theme = Theme::parse(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&theme.name, name);
        }
    }

    #[test]
    fn missing_and_bad_colours_are_named() {
        let err = Theme::parse(
            "mine.json",
            r##"{"name":"mine","colors":{"background":"#12345"}}"##,
        )
        .unwrap_err();
        assert!(err.problems.iter().any(|p| p
            .render(Lang::En)
            .starts_with("colors.background: \"#12345\" is not a colour")));
        assert!(err
            .problems
            .iter()
            .any(|p| p.render(Lang::En) == "colors.critical: missing"));
        assert!(err.render(Lang::Id).contains("colors.critical: tidak ada"));
        assert!(err.to_string().starts_with("theme mine.json: "));
    }

    #[test]
    fn colours_parse_from_hex_and_names() {
        assert_eq!(parse_color("#ff8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("dark_gray"), Some(Color::DarkGray));
        assert_eq!(parse_color("Light-Blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("reset"), Some(Color::Reset));
        assert_eq!(parse_color("#gg0000"), None);
        assert_eq!(parse_color("chartreuse-ish"), None);
    }

    #[test]
    fn unknown_theme_lists_the_built_in_ones() {
        let err = Theme::find("nope", None).unwrap_err();
        assert!(err.to_string().contains("default, light, high-contrast"));
    }
}
