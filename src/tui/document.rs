//! The open roadmap and everything computed from it. Every change goes through `apply`, `undo`
//! or `redo`, which re-schedule and re-validate at once so nothing on screen is ever stale.

use crate::model::{validate, Date, Edit, History, Problem, Roadmap};
use crate::schedule::{self, Options, Schedule};
use crate::store::{self, Fingerprint, LoadError, SaveError};
use std::path::{Path, PathBuf};

/// The sample roadmap, compiled in so `peta` works from any folder.
pub const SAMPLE: &str = include_str!("../../roadmaps/spbe-2025-2029.json");
/// Where the first save of the sample goes unless the planner types another path.
pub const DEFAULT_SAVE_PATH: &str = "./roadmap.json";

pub struct Document {
    /// None for the bundled sample: the first save asks for a path.
    pub path: Option<PathBuf>,
    pub roadmap: Roadmap,
    pub schedule: Schedule,
    pub problems: Vec<Problem>,
    pub history: History,
    /// Of the file as loaded or last saved; a save refuses when the file no longer matches.
    pub fingerprint: Option<Fingerprint>,
    pub today: Date,
    /// Bumped on every change, so views can cache what they derive from the roadmap.
    pub revision: u64,
    /// Validation waits for an idle moment instead of running on every edit (the event loop
    /// turns this on: validating 50,000 items takes far longer than a frame). Off, `apply`
    /// validates at once, which is what tests expect.
    pub defer_validation: bool,
    /// `problems` are from before the last change; `revalidate` brings them up to date.
    /// Their item indices may then be out of range: look items up with `get`.
    pub problems_stale: bool,
}

impl Document {
    pub fn new(
        roadmap: Roadmap,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
        today: Date,
    ) -> Document {
        let schedule = schedule::schedule(&roadmap, &Options::new(today));
        let problems = validate(&roadmap);
        Document {
            path,
            roadmap,
            schedule,
            problems,
            history: History::new(),
            fingerprint,
            today,
            revision: 0,
            defer_validation: false,
            problems_stale: false,
        }
    }

    pub fn open(path: &Path, today: Date) -> Result<Document, LoadError> {
        let loaded = store::load(path)?;
        Ok(Document::new(
            loaded.roadmap,
            Some(path.to_path_buf()),
            Some(loaded.fingerprint),
            today,
        ))
    }

    /// The bundled sample, with no path.
    pub fn sample(today: Date) -> Result<Document, LoadError> {
        let roadmap = store::parse(Path::new("spbe-2025-2029.json"), SAMPLE.as_bytes())?;
        Ok(Document::new(roadmap, None, None, today))
    }

    fn refresh(&mut self) {
        self.schedule = schedule::schedule(&self.roadmap, &Options::new(self.today));
        if self.defer_validation {
            self.problems_stale = true;
        } else {
            self.problems = validate(&self.roadmap);
            self.problems_stale = false;
        }
        self.revision += 1;
    }

    /// Validates when the problems are stale; true when it did.
    pub fn revalidate(&mut self) -> bool {
        if !self.problems_stale {
            return false;
        }
        self.problems = validate(&self.roadmap);
        self.problems_stale = false;
        true
    }

    pub fn apply(&mut self, edit: Edit) {
        self.history.apply(&mut self.roadmap, edit);
        self.refresh();
    }

    /// False when there was nothing to undo.
    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.roadmap);
        if done {
            self.refresh();
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.roadmap);
        if done {
            self.refresh();
        }
        done
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The name shown in the status bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            None => "(sample, not saved)".to_string(),
        }
    }

    /// Saves to the document's own file, refusing when it changed on disk since it was read.
    /// `force` overwrites anyway (the planner confirmed). Without a path there is nothing to
    /// save to: the caller asks for one and uses `save_as`.
    pub fn save(&mut self, force: bool) -> Result<PathBuf, SaveError> {
        let Some(path) = self.path.clone() else {
            return Err(SaveError::Io {
                path: PathBuf::from(DEFAULT_SAVE_PATH),
                source: std::io::Error::other("no file name yet; save with a path"),
            });
        };
        let expected = if force { None } else { self.fingerprint };
        self.write(&path, expected)
    }

    /// Saves to a new path, which becomes the document's file. The caller checks for an
    /// existing file first (and asks before overwriting it).
    pub fn save_as(&mut self, path: &Path) -> Result<PathBuf, SaveError> {
        self.write(path, None)
    }

    fn write(&mut self, path: &Path, expected: Option<Fingerprint>) -> Result<PathBuf, SaveError> {
        let fingerprint = store::save(path, &self.roadmap, expected)?;
        self.fingerprint = Some(fingerprint);
        self.path = Some(path.to_path_buf());
        self.history.mark_saved();
        self.revision += 1;
        Ok(path.to_path_buf())
    }
}
