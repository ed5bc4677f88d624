//! Recovery journals: the unsaved state of an open roadmap, written beside peta's other data
//! (`recovery/` in the data folder) a moment after every change, so a crash, a kill or a closed
//! terminal loses at most the last second or two of work. A journal is the whole roadmap in
//! canonical form plus what it was based on; it is removed when the roadmap is saved or the
//! changes are deliberately discarded.
//!
//! Journals are keyed by the roadmap's canonical path (the bundled sample, which has no file,
//! has a key of its own). A journal the planner chose to keep for later is renamed aside
//! (`.kept.json`), so the next session's own journal does not overwrite it.

use super::{parse_json, to_canonical_string, write_atomic, Fingerprint, LoadError};
use crate::i18n::{Text, M};
use crate::model::{self, Roadmap};
use serde_json::Value;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Marks the file as a peta recovery journal and gives its layout version.
const FORMAT: &str = "peta-recovery/1";

/// Which of a roadmap's two journal files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Written by the running session; found after a crash.
    Current,
    /// Set aside by "keep for later".
    Kept,
}

/// The recovery journals of one roadmap, in `folder` (normally `DATA/recovery`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalKey {
    folder: PathBuf,
    /// The roadmap's canonical path; None for the bundled sample.
    file: Option<PathBuf>,
}

/// A journal read back.
#[derive(Debug, Clone)]
pub struct Journal {
    /// The roadmap file it belongs to (canonical); None for the sample.
    pub file: Option<PathBuf>,
    /// Fingerprint of the file the unsaved edits were made on; None when there was no file.
    pub base: Option<Fingerprint>,
    /// When it was written.
    pub written: SystemTime,
    /// The roadmap with the unsaved edits.
    pub roadmap: Roadmap,
}

impl JournalKey {
    /// The key for `roadmap` (None: the bundled sample) under the data folder `data_dir`.
    /// The path is made canonical, so `./plan.json` and `/home/me/plan.json` share a journal.
    pub fn new(data_dir: &Path, roadmap: Option<&Path>) -> JournalKey {
        let file = roadmap.map(|path| {
            fs::canonicalize(path).unwrap_or_else(|_| match std::env::current_dir() {
                Ok(dir) => dir.join(path),
                Err(_) => path.to_path_buf(),
            })
        });
        JournalKey {
            folder: data_dir.join("recovery"),
            file,
        }
    }

    /// The journal file for `slot`: a hash of the path names it (paths can be long and hold
    /// any character); the path itself is inside and checked on reading.
    pub fn path(&self, slot: Slot) -> PathBuf {
        let stem = match &self.file {
            Some(file) => {
                let name = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let safe: String = name
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .take(40)
                    .collect();
                let hash = Fingerprint::of(file.as_os_str().as_encoded_bytes()).to_hex();
                format!("{safe}-{hash}")
            }
            None => "sample".to_string(),
        };
        let suffix = match slot {
            Slot::Current => "json",
            Slot::Kept => "kept.json",
        };
        self.folder.join(format!("{stem}.{suffix}"))
    }

    /// Writes the current journal atomically: `base` is the fingerprint of the file the edits
    /// were made on.
    pub fn write(&self, base: Option<Fingerprint>, roadmap: &Roadmap) -> io::Result<()> {
        fs::create_dir_all(&self.folder)?;
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let file = match &self.file {
            Some(file) => Value::String(file.to_string_lossy().into_owned()),
            None => Value::Null,
        };
        let base = match base {
            Some(base) => Value::String(base.to_hex()),
            None => Value::Null,
        };
        // The roadmap goes in verbatim in its canonical form, so unknown and invalid fields
        // come back exactly as a save would have written them.
        let text = format!(
            "{{\"format\": \"{FORMAT}\", \"file\": {file}, \"base\": {base}, \"written\": {seconds},\n\"roadmap\": {}}}\n",
            to_canonical_string(roadmap).trim_end()
        );
        write_atomic(&self.path(Slot::Current), text.as_bytes())
    }

    /// The journal in `slot`, if there is one. A journal that cannot be read or belongs to
    /// another file (a hash collision) is an error naming the journal file.
    /// The error is shown later, in the interface's language.
    pub fn read(&self, slot: Slot) -> Result<Option<Journal>, Text> {
        let path = self.path(slot);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(crate::text!(
                    LoadCannotRead,
                    file = path.display(),
                    error = err
                ))
            }
        };
        let bad = |what: Text| {
            Text::Key(
                M::JournalUnusable,
                vec![
                    ("file", Text::Raw(path.display().to_string())),
                    ("what", what),
                ],
            )
        };
        let mut value = parse_json(&path, &bytes).map_err(|err| match err {
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => crate::text!(
                LoadSyntax,
                file = path.display(),
                line = line,
                column = column,
                error = message
            ),
            other => Text::Raw(other.to_string()),
        })?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(bad(M::JournalUnknownFormat.into()));
        }
        let file = value.get("file").and_then(Value::as_str).map(PathBuf::from);
        if file != self.file {
            return Err(bad(M::JournalOtherFile.into()));
        }
        let base = match value.get("base") {
            Some(Value::String(hex)) => {
                Some(Fingerprint::from_hex(hex).ok_or_else(|| bad(M::JournalBadBase.into()))?)
            }
            _ => None,
        };
        let seconds = value.get("written").and_then(Value::as_u64).unwrap_or(0);
        let roadmap = value
            .get_mut("roadmap")
            .map(Value::take)
            .ok_or_else(|| bad(M::JournalNoRoadmap.into()))?;
        let roadmap =
            model::from_value(roadmap).map_err(|err| bad(err.messages.join("; ").into()))?;
        Ok(Some(Journal {
            file,
            base,
            written: UNIX_EPOCH + Duration::from_secs(seconds),
            roadmap,
        }))
    }

    /// Removes the journal in `slot`; a missing one is fine.
    pub fn remove(&self, slot: Slot) -> io::Result<()> {
        match fs::remove_file(self.path(slot)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }

    /// Sets the current journal aside as the kept one (replacing an older kept one).
    pub fn keep(&self) -> io::Result<()> {
        fs::rename(self.path(Slot::Current), self.path(Slot::Kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Roadmap {
        let text = include_str!("../../roadmaps/spbe-2025-2029.json");
        crate::store::parse(Path::new("sample.json"), text.as_bytes()).unwrap()
    }

    #[test]
    fn a_journal_round_trips_and_is_keyed_by_the_canonical_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.json");
        fs::write(&file, "{}").unwrap();
        let mut roadmap = sample();
        roadmap.title = "Edited \"title\" ✓".into();
        let key = JournalKey::new(dir.path(), Some(&file));
        let base = Fingerprint::of(b"{}");
        key.write(Some(base), &roadmap).unwrap();

        // Another spelling of the same file finds the same journal.
        let other = JournalKey::new(dir.path(), Some(&dir.path().join(".").join("plan.json")));
        assert_eq!(other.path(Slot::Current), key.path(Slot::Current));
        let journal = other.read(Slot::Current).unwrap().unwrap();
        assert_eq!(journal.roadmap, roadmap);
        assert_eq!(journal.base, Some(base));
        assert_eq!(journal.file, Some(fs::canonicalize(&file).unwrap()));
        assert!(journal.written.elapsed().unwrap() < Duration::from_secs(60));
        let name = key.path(Slot::Current);
        assert!(name.starts_with(dir.path().join("recovery")), "{name:?}");
        assert!(name.to_string_lossy().contains("plan-"), "{name:?}");

        key.keep().unwrap();
        assert!(key.read(Slot::Current).unwrap().is_none());
        assert_eq!(key.read(Slot::Kept).unwrap().unwrap().roadmap, roadmap);
        key.remove(Slot::Kept).unwrap();
        key.remove(Slot::Kept).unwrap();
        assert!(key.read(Slot::Kept).unwrap().is_none());
    }

    #[test]
    fn a_damaged_journal_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let key = JournalKey::new(dir.path(), None);
        fs::create_dir_all(dir.path().join("recovery")).unwrap();
        fs::write(key.path(Slot::Current), "{\"format\": \"x\"}").unwrap();
        let err = key.read(Slot::Current).unwrap_err();
        assert!(err.contains("sample.json: not a usable recovery journal: unknown format"));
        let indonesian = err.render(crate::i18n::Lang::Id);
        assert!(
            indonesian.ends_with(
                "sample.json: bukan jurnal pemulihan yang dapat dipakai: format tidak dikenal"
            ),
            "{indonesian}"
        );
    }

    #[test]
    fn fingerprints_are_stable_across_versions() {
        // Worked out independently (a few lines of Python); journals keep these values, so
        // they must never change.
        assert_eq!(Fingerprint::of(b"").to_hex(), "af63bd4c8601b7df");
        assert_eq!(
            Fingerprint::of(b"peta roadmap").to_hex(),
            "d36500f3a2ccfb73"
        );
        let hex = Fingerprint::of(b"peta").to_hex();
        assert_eq!(Fingerprint::from_hex(&hex), Some(Fingerprint::of(b"peta")));
        assert_eq!(Fingerprint::from_hex("xyz"), None);
        assert_ne!(Fingerprint::of(b"ab"), Fingerprint::of(b"ba"));
    }
}
