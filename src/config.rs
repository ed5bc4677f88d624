//! peta's own settings (`config.json` in the config folder) and the list of recently opened
//! roadmaps (`recent.json` in the data folder). See [`crate::store::paths`] for where those
//! folders are and how tests redirect them.
//!
//! Settings are optional: a missing file means defaults, and a malformed one is an error that
//! names the file and the line and column, so the caller can show it and carry on with
//! defaults. The recent list is a convenience: when it cannot be read it is simply empty.

use crate::store::{paths, write_atomic};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "config.json";
pub const RECENT_FILE: &str = "recent.json";
/// How many recent files are remembered.
pub const MAX_RECENT: usize = 20;

/// The settings in `config.json`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Name of the colour theme.
    pub theme: Option<String>,
    /// Timeline zoom to open with.
    pub default_zoom: Option<String>,
    /// Language of the interface and reports: `en` or `id` (see [`crate::i18n::choose`]).
    pub lang: Option<String>,
    /// Fields this version does not know, written back unchanged on save.
    pub extra: Map<String, Value>,
}

/// Why `config.json` could not be used.
#[derive(Debug)]
pub enum ConfigError {
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// Not JSON, not an object, or a known field with the wrong type.
    Malformed {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl ConfigError {
    pub fn path(&self) -> &Path {
        match self {
            ConfigError::Io { path, .. } | ConfigError::Malformed { path, .. } => path,
        }
    }
}

impl ConfigError {
    /// The error in `lang` (the system's and the JSON parser's own words stay English).
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        let file = self.path().display();
        match self {
            ConfigError::Io { source, .. } => {
                crate::tr!(lang, LoadCannotRead, file = file, error = source)
            }
            ConfigError::Malformed {
                line,
                column,
                message,
                ..
            } => format!("{file}:{line}:{column}: {message}"),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::i18n::Lang::En))
    }
}

impl std::error::Error for ConfigError {}

/// The known fields, typed; serde reports a wrong type with its position.
#[derive(Deserialize)]
struct Known {
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    default_zoom: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

const KNOWN_FIELDS: [&str; 3] = ["theme", "default_zoom", "lang"];

/// `config.json` in the config folder, if there is one.
pub fn config_path() -> Option<PathBuf> {
    paths::config_dir().map(|dir| dir.join(CONFIG_FILE))
}

/// Where user themes live: `themes` in the config folder.
pub fn themes_dir() -> Option<PathBuf> {
    paths::config_dir().map(|dir| dir.join("themes"))
}

fn malformed(path: &Path, err: &serde_json::Error) -> ConfigError {
    // serde_json appends " at line L column C"; the position goes in front instead.
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    };
    ConfigError::Malformed {
        path: path.to_path_buf(),
        line: err.line(),
        column: err.column(),
        message,
    }
}

impl Config {
    /// Loads `config.json` from the config folder; defaults when there is no folder or file.
    pub fn load() -> Result<Config, ConfigError> {
        match config_path() {
            Some(path) => Config::load_from(&path),
            None => Ok(Config::default()),
        }
    }

    /// Loads one settings file; defaults when it does not exist.
    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        match fs::read(path) {
            Ok(bytes) => Config::parse(path, &bytes),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses settings; `path` only names the file in errors. An empty file means defaults.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Config, ConfigError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Config::default());
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| malformed(path, &e))?;
        let Value::Object(mut extra) = value else {
            let (line, column) = first_token(bytes);
            return Err(ConfigError::Malformed {
                path: path.to_path_buf(),
                line,
                column,
                message: "the settings must be a JSON object".to_string(),
            });
        };
        let known: Known = serde_json::from_slice(bytes).map_err(|e| malformed(path, &e))?;
        for key in KNOWN_FIELDS {
            extra.remove(key);
        }
        Ok(Config {
            theme: known.theme,
            default_zoom: known.default_zoom,
            lang: known.lang,
            extra,
        })
    }

    /// The file contents: an object of the set fields and the kept unknown ones, 2-space
    /// indented, with a final newline.
    pub fn to_json_string(&self) -> String {
        let mut map = self.extra.clone();
        if let Some(theme) = &self.theme {
            map.insert("theme".into(), Value::String(theme.clone()));
        }
        if let Some(zoom) = &self.default_zoom {
            map.insert("default_zoom".into(), Value::String(zoom.clone()));
        }
        if let Some(lang) = &self.lang {
            map.insert("lang".into(), Value::String(lang.clone()));
        }
        let mut text = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Saves to `config.json` in the config folder, creating the folder.
    pub fn save(&self) -> io::Result<()> {
        let path = config_path().ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, "no configuration folder is known")
        })?;
        self.save_to(&path)
    }

    /// Saves atomically to `path`, creating its folder.
    pub fn save_to(&self, path: &Path) -> io::Result<()> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        write_atomic(path, self.to_json_string().as_bytes())
    }
}

/// 1-based line and column of the first non-blank byte.
fn first_token(bytes: &[u8]) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for &byte in bytes {
        match byte {
            b'\n' => {
                line += 1;
                column = 1;
            }
            b' ' | b'\t' | b'\r' => column += 1,
            _ => break,
        }
    }
    (line, column)
}

/// Recently opened roadmaps, most recent first. Empty when none were remembered or the list
/// cannot be read. Files that no longer exist are still listed; the caller decides.
pub fn recent_files() -> Vec<PathBuf> {
    paths::data_dir()
        .map(|dir| recent_files_in(&dir))
        .unwrap_or_default()
}

/// Puts `path` first in the recent list (dropping an older entry for the same file) and
/// keeps at most [`MAX_RECENT`]. Without a data folder there is nothing to do. A path that is
/// not valid Unicode cannot be stored in JSON and is not remembered.
pub fn remember_recent(path: &Path) -> io::Result<()> {
    match paths::data_dir() {
        Some(dir) => remember_recent_in(&dir, path),
        None => Ok(()),
    }
}

/// The recent list stored in `dir`.
pub fn recent_files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(bytes) = fs::read(dir.join(RECENT_FILE)) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return Vec::new();
    };
    value
        .get("files")
        .and_then(Value::as_array)
        .map(|files| {
            files
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default()
}

/// The form two paths are compared in: the real path when the file exists, else absolute.
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// [`remember_recent`] with the list stored in `dir`.
pub fn remember_recent_in(dir: &Path, path: &Path) -> io::Result<()> {
    let newest = identity(path);
    let Some(text) = newest.to_str() else {
        return Ok(());
    };
    let mut seen = vec![newest.clone()];
    let mut files = vec![Value::String(text.to_string())];
    for old in recent_files_in(dir) {
        if files.len() >= MAX_RECENT {
            break;
        }
        let key = identity(&old);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        if let Some(text) = old.to_str() {
            files.push(Value::String(text.to_string()));
        }
    }
    let mut map = Map::new();
    map.insert("files".into(), Value::Array(files));
    let mut text = serde_json::to_string_pretty(&Value::Object(map)).unwrap_or_default();
    text.push('\n');
    fs::create_dir_all(dir)?;
    write_atomic(&dir.join(RECENT_FILE), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/cfg/config.json"), text.as_bytes())
    }

    #[test]
    fn parses_known_fields_and_keeps_unknown_ones() {
        let config = parse(r#"{"theme": "light", "lang": "id", "future": {"x": [1, 2]}}"#).unwrap();
        assert_eq!(config.lang.as_deref(), Some("id"));
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.default_zoom, None);
        assert_eq!(config.extra.len(), 1);
        let again = parse(&config.to_json_string()).unwrap();
        assert_eq!(again, config);
        assert!(config.to_json_string().contains("\"future\": {"));
        assert_eq!(parse("  \n").unwrap(), Config::default());
    }

    #[test]
    fn malformed_files_name_file_line_and_column() {
        let err = parse("{\n  \"theme\": \"dark\",\n  oops\n}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/cfg/config.json:3:3: key must be a string"
        );
        let err = parse("{\n  \"theme\": 5\n}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/cfg/config.json:2:12: invalid type: integer `5`, expected a string"
        );
        let err = parse("\n  [1]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/cfg/config.json:2:3: the settings must be a JSON object"
        );
    }

    #[test]
    fn recent_list_in_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        assert!(recent_files_in(&data).is_empty());
        let files: Vec<PathBuf> = (0..25)
            .map(|n| {
                let path = dir.path().join(format!("r{n}.json"));
                fs::write(&path, "{}").unwrap();
                path
            })
            .collect();
        for file in &files {
            remember_recent_in(&data, file).unwrap();
        }
        let recent = recent_files_in(&data);
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent[0], fs::canonicalize(&files[24]).unwrap());
        assert_eq!(recent[19], fs::canonicalize(&files[5]).unwrap());
        // The same file by another spelling moves to the front, not in twice.
        let other_spelling = dir.path().join(".").join("r10.json");
        remember_recent_in(&data, &other_spelling).unwrap();
        let recent = recent_files_in(&data);
        assert_eq!(recent.len(), MAX_RECENT);
        assert_eq!(recent[0], fs::canonicalize(&files[10]).unwrap());
        assert_eq!(recent.iter().filter(|p| p.ends_with("r10.json")).count(), 1);
        // A corrupt list reads as empty and is replaced on the next remember.
        fs::write(data.join(RECENT_FILE), "{\"files\": [").unwrap();
        assert!(recent_files_in(&data).is_empty());
        remember_recent_in(&data, &files[0]).unwrap();
        assert_eq!(recent_files_in(&data).len(), 1);
    }

    /// The only test that touches the process-wide folder variables.
    #[test]
    fn folders_come_from_the_environment() {
        let dir = tempfile::tempdir().unwrap();
        let config_dir = dir.path().join("config");
        let data_dir = dir.path().join("data");
        let before = (
            std::env::var_os("PETA_CONFIG_DIR"),
            std::env::var_os("PETA_DATA_DIR"),
        );
        std::env::set_var("PETA_CONFIG_DIR", &config_dir);
        std::env::set_var("PETA_DATA_DIR", &data_dir);

        assert_eq!(Config::load().unwrap(), Config::default(), "no file yet");
        assert_eq!(themes_dir(), Some(config_dir.join("themes")));
        let mut config = Config {
            theme: Some("high-contrast".into()),
            ..Default::default()
        };
        config.extra.insert("keep".into(), Value::Bool(true));
        config.save().unwrap();
        assert!(config_dir.join(CONFIG_FILE).is_file());
        assert_eq!(Config::load().unwrap(), config);

        let roadmap = dir.path().join("plan.json");
        fs::write(&roadmap, "{}").unwrap();
        remember_recent(&roadmap).unwrap();
        assert!(data_dir.join(RECENT_FILE).is_file());
        assert_eq!(recent_files(), [fs::canonicalize(&roadmap).unwrap()]);

        for (name, value) in [("PETA_CONFIG_DIR", before.0), ("PETA_DATA_DIR", before.1)] {
            match value {
                Some(value) => std::env::set_var(name, value),
                None => std::env::remove_var(name),
            }
        }
    }
}
