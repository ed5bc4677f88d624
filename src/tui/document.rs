//! The open roadmap and everything computed from it. Every change goes through `apply`, `undo`
//! or `redo`, which re-schedule and re-validate at once so nothing on screen is ever stale.

use crate::model::{
    validate_with, Date, Edit, History, Lookup, Network, Problem, Reach, Reindex, Roadmap,
};
use crate::portfolio::{Opened, Portfolio, PortfolioError};
use crate::schedule::{Changes, Incremental, Options, Schedule};
use crate::store::{self, Fingerprint, LoadError, SaveError, Stamp};
use std::io;
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
    /// The resolved dependency links and what re-scheduling needs between edits: an edit that
    /// leaves ids and links alone (moving, stretching, re-stating an item) re-schedules only
    /// the items it reaches. Other edits build a new network and schedule in full.
    tracker: Incremental,
    /// What the last change did, for views that can update what they derived instead of
    /// deriving it again.
    pub last_change: Option<LastChange>,
    pub problems: Vec<Problem>,
    pub history: History,
    /// Of the file as loaded or last saved; a save refuses when the file no longer matches.
    pub fingerprint: Option<Fingerprint>,
    /// Modification time and size of the file as loaded, saved or last checked: when they
    /// change, `check_disk` reads the file to see whether its contents changed.
    pub stamp: Option<Stamp>,
    /// Does the final write of a save; `store::write_atomic` except in tests that simulate a
    /// failing disk.
    pub writer: fn(&Path, &[u8]) -> io::Result<()>,
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
    /// Set when `path` is a portfolio: `roadmap` is its members combined (`member:item`
    /// ids), and saving writes each changed member to its own file.
    pub portfolio: Option<Box<Portfolio>>,
    /// The files the last save wrote (a portfolio writes only its changed members).
    pub written: Vec<PathBuf>,
}

/// The last change to the document, when it only edited items in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    /// The revision before the change.
    pub from_revision: u64,
    /// Items whose early dates may have moved or whose fields were edited (ascending).
    pub items: Vec<usize>,
    /// Only items were edited, and none changed its sector, owner or kind (the timeline's
    /// lanes and their headings are as they were, but for inserted and removed items).
    pub lanes_kept: bool,
    /// Set when items were inserted or removed: where every item went.
    pub reindex: Option<Reindex>,
}

/// How an edit touches the schedule.
enum Refresh {
    /// Only these items changed, ids and links kept; whether their lanes are kept.
    Items(Vec<usize>, bool),
    /// Ids, links or the item list changed, as far as the edit reaches (settled once applied).
    Links(Reach),
    /// Anything may have changed: schedule in full.
    All,
}

impl Document {
    pub fn new(
        roadmap: Roadmap,
        path: Option<PathBuf>,
        fingerprint: Option<Fingerprint>,
        today: Date,
    ) -> Document {
        let network = Network::build(&roadmap);
        let (tracker, schedule) = Incremental::new(&roadmap, network, Options::new(today));
        let problems = validate_with(&roadmap, tracker.network());
        let stamp = path.as_deref().and_then(|p| Stamp::of(p).ok());
        Document {
            path,
            roadmap,
            schedule,
            tracker,
            last_change: None,
            problems,
            history: History::new(),
            stamp,
            fingerprint,
            writer: store::write_atomic,
            today,
            revision: 0,
            defer_validation: false,
            problems_stale: false,
            portfolio: None,
            written: Vec::new(),
        }
    }

    /// A roadmap or, when its `format` says so, a portfolio (its members combined into one
    /// roadmap to plan across agencies), from one read of the file.
    pub fn open_any(path: &Path, today: Date) -> Result<Document, PortfolioError> {
        // The stamp is taken before reading: should the file change in between, the next
        // check sees a new stamp and compares contents.
        let stamp = Stamp::of(path).ok();
        let owned = Some(path.to_path_buf());
        match crate::portfolio::open(path)? {
            Opened::Roadmap(loaded) => {
                let mut doc = Document::new(loaded.roadmap, owned, Some(loaded.fingerprint), today);
                doc.stamp = stamp;
                Ok(doc)
            }
            Opened::Portfolio(portfolio) => {
                let combined = portfolio.combine();
                let mut doc = Document::new(combined.roadmap, owned, None, today);
                doc.portfolio = Some(portfolio);
                Ok(doc)
            }
        }
    }

    /// A roadmap file (a portfolio is refused as a roadmap of the wrong format).
    pub fn open(path: &Path, today: Date) -> Result<Document, LoadError> {
        let stamp = Stamp::of(path).ok();
        let loaded = store::load(path)?;
        let mut doc = Document::new(
            loaded.roadmap,
            Some(path.to_path_buf()),
            Some(loaded.fingerprint),
            today,
        );
        doc.stamp = stamp;
        Ok(doc)
    }

    /// Reads the document's file again, dropping the roadmap in memory and its history
    /// (the planner chose to discard them). On error the document is unchanged.
    pub fn reload(&mut self) -> Result<(), PortfolioError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let mut fresh = Document::open_any(&path, self.today)?;
        fresh.defer_validation = self.defer_validation;
        fresh.writer = self.writer;
        fresh.revision = self.revision + 1;
        *self = fresh;
        Ok(())
    }

    /// Replaces the roadmap with recovered unsaved work: the file on disk is not touched and
    /// the document counts as modified until saved. The history starts afresh (the journal
    /// holds a state, not the edits that led to it).
    pub fn restore(&mut self, roadmap: Roadmap) {
        self.roadmap = roadmap;
        self.history = History::unsaved();
        self.refresh(Refresh::All);
    }

    /// Looks at the file on disk (cheaply: its modification time and size, reading it only
    /// when those moved) and says whether someone else changed it since it was loaded, saved
    /// or last checked.
    pub fn check_disk(&mut self) -> DiskChange {
        // A portfolio's members are checked when saving (a changed member is refused unless
        // the planner overwrites); the portfolio file itself is never written.
        let Some(path) = self.path.as_ref().filter(|_| self.portfolio.is_none()) else {
            return DiskChange::Same;
        };
        let stamp = match Stamp::of(path) {
            Ok(stamp) => stamp,
            Err(err) if err.kind() == io::ErrorKind::NotFound && self.fingerprint.is_some() => {
                if self.stamp.take().is_some() {
                    return DiskChange::Missing;
                }
                return DiskChange::Same;
            }
            Err(_) => return DiskChange::Same,
        };
        if self.stamp == Some(stamp) {
            return DiskChange::Same;
        }
        let Ok(bytes) = std::fs::read(path) else {
            return DiskChange::Same;
        };
        self.stamp = Some(stamp);
        if Some(Fingerprint::of(&bytes)) == self.fingerprint {
            // Touched, or written back with the same contents: nothing to tell.
            return DiskChange::Same;
        }
        DiskChange::Changed
    }

    /// The bundled sample, with no path.
    pub fn sample(today: Date) -> Result<Document, LoadError> {
        let roadmap = store::parse(Path::new("spbe-2025-2029.json"), SAMPLE.as_bytes())?;
        Ok(Document::new(roadmap, None, None, today))
    }

    fn refresh(&mut self, refresh: Refresh) {
        self.last_change = None;
        match refresh {
            Refresh::All => {
                let network = Network::build(&self.roadmap);
                let options = Options::new(self.today);
                (self.tracker, self.schedule) = Incremental::new(&self.roadmap, network, options);
            }
            Refresh::Items(edited, lanes_kept) => {
                let changes = self
                    .tracker
                    .update(&self.roadmap, &edited, &mut self.schedule);
                self.note_change(changes, edited, lanes_kept, None);
            }
            Refresh::Links(reach) => {
                let old_len = self.schedule.items.len();
                match Reindex::new(old_len, reach.ops.clone()) {
                    Some(reindex) if !reach.header => {
                        let changes = self.tracker.relink(
                            &self.roadmap,
                            &reindex,
                            &reach,
                            &mut self.schedule,
                        );
                        let reindex = (!reindex.is_identity()).then_some(reindex);
                        self.note_change(changes, reach.items, !reach.lanes, reindex);
                    }
                    _ => return self.refresh(Refresh::All),
                }
            }
        }
        if self.defer_validation {
            self.problems_stale = true;
        } else {
            self.problems = validate_with(&self.roadmap, self.tracker.network());
            self.problems_stale = false;
        }
        self.revision += 1;
    }

    /// The dependency network the schedule and validation run on.
    pub fn network(&self) -> &Network {
        self.tracker.network()
    }

    /// The network and ids, for checking edits without reading every item.
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup {
            network: self.tracker.network(),
            ids: self.tracker.ids(),
        }
    }

    /// The items that depend on item `index` (as `model::dependents`), found through the
    /// network rather than by reading every item when the item's id is its own.
    pub fn dependents(&self, index: usize) -> Vec<usize> {
        let Some(item) = self.roadmap.items.get(index) else {
            return Vec::new();
        };
        let ids = self.tracker.ids();
        if item.id.is_empty() || ids.is_shared(&item.id) || ids.holder(&item.id) != Some(index) {
            return crate::model::dependents(&self.roadmap, index);
        }
        let mut dependents: Vec<usize> = (self.tracker.network().links_out(index).iter())
            .map(|out| out.succ)
            .collect();
        dependents.sort_unstable();
        dependents.dedup();
        dependents
    }

    /// The edit that deletes item `index` and every link to it (as `model::delete_item`).
    pub fn delete_item(&self, index: usize) -> Edit {
        let Some(item) = self.roadmap.items.get(index) else {
            return Edit::empty();
        };
        if item.id.is_empty() || self.tracker.ids().is_shared(&item.id) {
            // Links to a shared id stay: they still lead somewhere.
            return crate::model::delete_item(&self.roadmap, index);
        }
        crate::model::delete_item_relinking(&self.roadmap, index, &self.dependents(index))
    }

    /// Remembers what the last change moved, so views can follow it instead of starting over.
    fn note_change(
        &mut self,
        changes: Changes,
        edited: Vec<usize>,
        lanes_kept: bool,
        reindex: Option<Reindex>,
    ) {
        let mut items = match changes {
            Changes::Moved(items) | Changes::Reindexed(items) => items,
            Changes::All => return,
        };
        items.extend(edited);
        items.sort_unstable();
        items.dedup();
        self.last_change = Some(LastChange {
            from_revision: self.revision,
            items,
            lanes_kept,
            reindex,
        });
    }

    /// Validates when the problems are stale; true when it did.
    pub fn revalidate(&mut self) -> bool {
        if !self.problems_stale {
            return false;
        }
        self.problems = validate_with(&self.roadmap, self.tracker.network());
        self.problems_stale = false;
        true
    }

    pub fn apply(&mut self, edit: Edit) {
        let refresh = refresh_for(&self.roadmap, &edit);
        self.history.apply(&mut self.roadmap, edit);
        let refresh = settle(refresh, self.history.next_undo());
        self.refresh(refresh);
    }

    /// False when there was nothing to undo.
    pub fn undo(&mut self) -> bool {
        let refresh = match self.history.next_undo() {
            Some(edit) => refresh_for(&self.roadmap, edit),
            None => return false,
        };
        let done = self.history.undo(&mut self.roadmap);
        if done {
            let refresh = settle(refresh, self.history.next_redo());
            self.refresh(refresh);
        }
        done
    }

    pub fn redo(&mut self) -> bool {
        let refresh = match self.history.next_redo() {
            Some(edit) => refresh_for(&self.roadmap, edit),
            None => return false,
        };
        let done = self.history.redo(&mut self.roadmap);
        if done {
            let refresh = settle(refresh, self.history.next_undo());
            self.refresh(refresh);
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
            None => crate::i18n::ui(crate::i18n::M::DocSample).to_string(),
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
        if let Some(portfolio) = &mut self.portfolio {
            self.written = portfolio.save(&self.roadmap, force)?;
            self.history.mark_saved();
            self.revision += 1;
            return Ok(path);
        }
        let expected = if force { None } else { self.fingerprint };
        self.write(&path, expected)
    }

    /// Saves to a new path, which becomes the document's file. The caller checks for an
    /// existing file first (and asks before overwriting it).
    pub fn save_as(&mut self, path: &Path) -> Result<PathBuf, SaveError> {
        if self.portfolio.is_some() {
            return Err(SaveError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other(
                    "a portfolio is saved into its member files (Ctrl-s), not as one roadmap",
                ),
            });
        }
        self.write(path, None)
    }

    fn write(&mut self, path: &Path, expected: Option<Fingerprint>) -> Result<PathBuf, SaveError> {
        let fingerprint = store::save_with(path, &self.roadmap, expected, self.writer)?;
        self.fingerprint = Some(fingerprint);
        self.stamp = Stamp::of(path).ok();
        self.written = vec![path.to_path_buf()];
        self.path = Some(path.to_path_buf());
        self.history.mark_saved();
        self.revision += 1;
        Ok(path.to_path_buf())
    }
}

/// What `Document::check_disk` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    Same,
    /// The file's contents are no longer the ones loaded or saved.
    Changed,
    /// The file was deleted or moved away (reported once).
    Missing,
}

/// What applying `edit` to `roadmap` asks of the schedule: the items it edits when it leaves
/// every id and link as they are (the network stays valid), else a new network. Errs on the
/// side of a new network: a wrong "items only" would schedule stale links.
fn refresh_for(roadmap: &Roadmap, edit: &Edit) -> Refresh {
    if !keeps_links(roadmap, edit) {
        return Refresh::Links(Reach::of(roadmap, edit));
    }
    let mut items = Vec::new();
    let mut lanes_kept = true;
    let mut visit = vec![edit];
    while let Some(edit) = visit.pop() {
        match edit {
            Edit::SetItem { index, item } => {
                items.push(*index);
                lanes_kept &= roadmap.items.get(*index).is_some_and(|old| {
                    (&old.sector, &old.owner, old.kind) == (&item.sector, &item.owner, item.kind)
                });
            }
            Edit::Batch(edits) => visit.extend(edits),
            // Sector names label the lanes; other roadmap-wide edits leave the schedule alone
            // but are not worth telling apart.
            _ => lanes_kept = false,
        }
    }
    items.sort_unstable();
    items.dedup();
    Refresh::Items(items, lanes_kept)
}

/// Completes a `Refresh::Links` from the edit that undoes the one applied (or schedules in full
/// without one).
fn settle(refresh: Refresh, inverse: Option<&Edit>) -> Refresh {
    match (refresh, inverse) {
        (Refresh::Links(reach), Some(inverse)) => Refresh::Links(reach.settle(inverse)),
        (Refresh::Links(_), None) => Refresh::All,
        (refresh, _) => refresh,
    }
}

/// Whether applying `edit` leaves every item's id and links as they are, so the dependency
/// network stays valid. Errs on the side of "no": a wrong "yes" would schedule stale links.
fn keeps_links(roadmap: &Roadmap, edit: &Edit) -> bool {
    fn same_links(roadmap: &Roadmap, index: usize, item: &crate::model::Item) -> bool {
        roadmap
            .items
            .get(index)
            .is_some_and(|old| old.id == item.id && old.depends_on == item.depends_on)
    }
    match edit {
        Edit::SetItem { index, item } => same_links(roadmap, *index, item),
        Edit::Batch(edits) => {
            // Each edit is judged against the roadmap before the batch, which is only sound
            // when no two edits touch the same item.
            let mut touched = std::collections::HashSet::new();
            edits.iter().all(|edit| match edit {
                Edit::SetItem { index, item } => {
                    touched.insert(*index) && same_links(roadmap, *index, item)
                }
                Edit::InsertItem { .. }
                | Edit::RemoveItem { .. }
                | Edit::SetHeader(_)
                | Edit::Batch(_) => false,
                _ => true,
            })
        }
        // The header holds the roadmap's start, which dates every undated item: schedule anew.
        Edit::InsertItem { .. } | Edit::RemoveItem { .. } | Edit::SetHeader(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{self, LinkType};

    fn sample() -> Document {
        let today = Date::from_ymd_opt(2026, 12, 1).unwrap();
        Document::sample(today).unwrap()
    }

    /// Whatever the edit, the kept network must give the schedule a fresh one gives.
    fn assert_current(doc: &Document, what: &str) {
        let fresh = crate::schedule::schedule(&doc.roadmap, &Options::new(doc.today));
        assert_eq!(doc.schedule.items.len(), fresh.items.len(), "{what}");
        for (i, (kept, fresh)) in doc.schedule.items.iter().zip(&fresh.items).enumerate() {
            assert_eq!(kept, fresh, "{what}: item {i} {}", doc.roadmap.items[i].id);
        }
        assert_eq!(doc.schedule, fresh, "{what}");
        assert_eq!(
            doc.tracker.network(),
            &Network::build(&doc.roadmap),
            "{what}"
        );
    }

    #[test]
    fn the_kept_network_is_rebuilt_whenever_links_change() {
        let mut doc = sample();
        let a = doc.roadmap.index_of("gov-cloud-platform").unwrap();
        let b = doc.roadmap.index_of("pdn-phase-3").unwrap();
        doc.apply(model::shift_item(&doc.roadmap, a, 45));
        assert_current(&doc, "shift");
        doc.apply(model::resize_item(&doc.roadmap, a, 30));
        assert_current(&doc, "resize");
        doc.apply(model::add_dependency(&doc.roadmap, b, a, LinkType::SS, -10).unwrap());
        assert_current(&doc, "add dependency");
        let mut renamed = doc.roadmap.items[a].clone();
        renamed.id = "cloud".into();
        doc.apply(model::update_item(&doc.roadmap, a, *renamed).unwrap());
        assert_current(&doc, "rename");
        doc.apply(model::delete_item(&doc.roadmap, a));
        assert_current(&doc, "delete");
        let (edit, _) = model::duplicate_item(&doc.roadmap, b);
        doc.apply(edit);
        assert_current(&doc, "duplicate");
        while doc.undo() {
            assert_current(&doc, "undo");
        }
        while doc.redo() {
            assert_current(&doc, "redo");
        }
    }

    #[test]
    fn deleting_through_the_network_is_the_model_delete() {
        let mut doc = sample();
        // A duplicate id and a dangling link too.
        let mut twin = doc.roadmap.items[3].clone();
        twin.title = "Twin".into();
        doc.apply(Edit::InsertItem {
            index: 10,
            item: *twin,
        });
        let mut dangling = doc.roadmap.items[5].clone();
        dangling.depends_on.push(crate::model::Dependency {
            id: "nowhere".into(),
            ..Default::default()
        });
        doc.apply(Edit::SetItem {
            index: 5,
            item: *dangling,
        });
        for index in 0..doc.roadmap.items.len() {
            assert_eq!(
                doc.delete_item(index),
                model::delete_item(&doc.roadmap, index),
                "{index}"
            );
            assert_eq!(
                doc.dependents(index),
                model::dependents(&doc.roadmap, index),
                "{index}"
            );
        }
    }

    #[test]
    fn moving_an_item_keeps_the_network() {
        let doc = sample();
        let a = doc.roadmap.index_of("gov-cloud-platform").unwrap();
        assert!(keeps_links(
            &doc.roadmap,
            &model::shift_item(&doc.roadmap, a, 7)
        ));
        let link = model::add_dependency(&doc.roadmap, a, 0, LinkType::FS, 0).unwrap();
        assert!(!keeps_links(&doc.roadmap, &link));
    }
}
