//! What happens between key presses: noticing that someone else changed the file on disk, and
//! journaling unsaved edits so a crash loses at most a second or two of work. The event loop
//! calls `App::tick` after every event and at least every few hundred milliseconds; tests
//! call it with made-up instants.

use super::journaling::Job;
use super::App;
use crate::store::journal::{JournalKey, Slot};
use crate::tui::action::Action;
use crate::tui::document::DiskChange;
use crate::tui::popups::confirm::{Choice, Confirm};
use std::time::{Duration, Instant, SystemTime};

/// How often the file's modification time and size are looked at.
pub const DISK_CHECK_EVERY: Duration = Duration::from_millis(1500);
/// A journal is written once edits pause this long...
pub const JOURNAL_QUIET: Duration = Duration::from_secs(1);
/// ...or, during a long burst of edits, this long after the first unjournaled one.
pub const JOURNAL_AT_MOST: Duration = Duration::from_secs(2);

/// Timing state for `tick`.
#[derive(Debug, Default)]
pub struct Watch {
    last_disk_check: Option<Instant>,
    /// The document revision the journal logic last saw.
    seen_revision: u64,
    /// The first change not yet journaled, and the latest change.
    pending_since: Option<Instant>,
    last_change: Option<Instant>,
    /// A journal write failed: said once, not on every tick.
    journal_error_shown: bool,
    /// A recovery offer is on screen: nothing may overwrite the journal it offers.
    offer_open: bool,
}

impl App {
    /// Does what is due at `now`; true when the screen may need a redraw.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut redraw = false;
        let due = self
            .watch
            .last_disk_check
            .is_none_or(|at| now.duration_since(at) >= DISK_CHECK_EVERY);
        // Questions wait while a popup is open: the planner is in the middle of something.
        if due && self.popups.is_empty() {
            self.watch.last_disk_check = Some(now);
            redraw |= self.check_disk();
        }
        redraw |= self.journal_if_due(now);
        if let Some(err) = self.journaler.take_error() {
            redraw |= self.journal_failed(Some(err));
        }
        redraw
    }

    /// The recovery journal's identity for the document as it is now (its path may change
    /// with "save as"); None when journaling is off.
    pub fn journal_key(&self) -> Option<JournalKey> {
        let dir = self.data_dir.as_ref()?;
        Some(JournalKey::new(dir, self.doc.path.as_deref()))
    }

    fn check_disk(&mut self) -> bool {
        match self.doc.check_disk() {
            DiskChange::Same => false,
            DiskChange::Missing => {
                self.error(format!(
                    "{} was deleted or moved away on disk; Ctrl-s writes it again",
                    self.doc.display_name()
                ));
                true
            }
            DiskChange::Changed => {
                self.offer_reload();
                true
            }
        }
    }

    /// The file changed under us: offer to reload, explaining what happens to unsaved edits.
    fn offer_reload(&mut self) {
        let name = self.doc.display_name();
        let popup = if self.doc.is_dirty() {
            Confirm::new(
                "File changed on disk",
                format!(
                    "{name} was changed by another program (a git pull, another editor), and you have unsaved changes here.\n\nReload takes the new file and discards your changes. Keep mine goes on editing yours: saving will then ask whether to overwrite the other version or save yours as another file."
                ),
                vec![
                    Choice {
                        key: 'r',
                        label: "reload (discard mine)",
                        action: Action::Reload,
                    },
                    Choice {
                        key: 'k',
                        label: "keep mine",
                        action: Action::Nothing,
                    },
                    Choice {
                        key: 'a',
                        label: "save mine as…",
                        action: Action::SaveAs { quit: false },
                    },
                ],
            )
        } else {
            Confirm::new(
                "File changed on disk",
                format!(
                    "{name} was changed by another program (a git pull, another editor). You have no unsaved changes: reload it to see the new version?"
                ),
                vec![
                    Choice {
                        key: 'r',
                        label: "reload",
                        action: Action::Reload,
                    },
                    Choice {
                        key: 'k',
                        label: "keep this view",
                        action: Action::Nothing,
                    },
                ],
            )
        };
        self.popups.push(Box::new(popup));
    }

    pub(super) fn reload(&mut self) {
        match self.doc.reload() {
            Ok(()) => {
                self.popups.clear();
                self.clamp_selection();
                self.remove_journal(Slot::Current);
                self.info(format!("reloaded {} from disk", self.doc.display_name()));
            }
            Err(err) => self.error(format!("cannot reload: {err}")),
        }
    }

    /// Writes or removes the journal when a change has settled.
    fn journal_if_due(&mut self, now: Instant) -> bool {
        if self.data_dir.is_none() || self.watch.offer_open {
            return false;
        }
        if self.doc.revision != self.watch.seen_revision {
            self.watch.seen_revision = self.doc.revision;
            self.watch.last_change = Some(now);
            self.watch.pending_since.get_or_insert(now);
        }
        let (Some(first), Some(last)) = (self.watch.pending_since, self.watch.last_change) else {
            return false;
        };
        if !self.doc.is_dirty() {
            // Saved, reloaded or undone back to the file: nothing to recover.
            self.watch.pending_since = None;
            self.remove_journal(Slot::Current);
            return false;
        }
        if now.duration_since(last) < JOURNAL_QUIET && now.duration_since(first) < JOURNAL_AT_MOST {
            return false;
        }
        self.watch.pending_since = None;
        self.write_journal(None)
    }

    /// Journals the roadmap now (then removes the `then_remove` journal if that worked); true
    /// when an error was shown.
    fn write_journal(&mut self, then_remove: Option<Slot>) -> bool {
        let Some(key) = self.journal_key() else {
            return false;
        };
        let job = Job::Write {
            key,
            base: self.doc.fingerprint,
            roadmap: Box::new(self.doc.roadmap.clone()),
            then_remove,
        };
        let result = self.journaler.submit(job);
        self.journal_failed(result.err())
    }

    /// Says once that journaling fails (until it works again); true when it said so.
    fn journal_failed(&mut self, error: Option<String>) -> bool {
        match error {
            None => {
                self.watch.journal_error_shown = false;
                false
            }
            Some(err) if !self.watch.journal_error_shown => {
                self.watch.journal_error_shown = true;
                self.error(err);
                true
            }
            Some(_) => false,
        }
    }

    /// Removes a journal (after any queued write).
    pub fn remove_journal(&mut self, slot: Slot) {
        if let Some(key) = self.journal_key() {
            let _ = self.journaler.submit(Job::Remove { key, slot });
        }
    }

    /// Journal writes run on a worker thread from now on (the running app).
    pub fn journal_in_background(&mut self) {
        self.journaler.start_background();
    }

    /// Waits until queued journal writes and removals are done.
    pub fn finish_journal(&mut self) {
        self.journaler.finish();
    }

    /// After a crash or kill, offers the unsaved work found for this roadmap: the session's
    /// own journal first, else one kept for later. Called once, when the app starts.
    pub fn offer_recovery(&mut self) {
        let Some(key) = self.journal_key() else {
            return;
        };
        for slot in [Slot::Current, Slot::Kept] {
            let journal = match key.read(slot) {
                Ok(Some(journal)) => journal,
                Ok(None) => continue,
                Err(err) => {
                    self.error(format!("{err} (left in place)"));
                    continue;
                }
            };
            if journal.roadmap == self.doc.roadmap {
                // Nothing that is not already in the file.
                let _ = key.remove(slot);
                continue;
            }
            let name = self.doc.display_name();
            let when = local_time(journal.written);
            let mut message = match slot {
                Slot::Current => format!(
                    "Unsaved changes to {name} from {when} were found: peta was closed without saving them (a crash, a kill or a closed terminal)."
                ),
                Slot::Kept => format!("Unsaved changes to {name} from {when} were kept for later."),
            };
            message.push_str(&format!(" {}", what_differs(&self.doc, &journal.roadmap)));
            if self.doc.path.is_some() && journal.base != self.doc.fingerprint {
                message.push_str(&format!(
                    "\n\n{name} has changed on disk since then. Restoring shows your recovered version instead; saving it replaces the file's new contents."
                ));
            }
            message.push_str("\n\nRestore them (the roadmap is then modified, not yet saved), discard them, or keep them for later?");
            let choices = vec![
                Choice {
                    key: 'r',
                    label: "restore",
                    action: Action::RestoreJournal(slot),
                },
                Choice {
                    key: 'd',
                    label: "discard",
                    action: Action::DiscardJournal(slot),
                },
                Choice {
                    key: 'k',
                    label: "keep for later",
                    action: Action::KeepJournal(slot),
                },
            ];
            let popup = Confirm::new("Recover unsaved changes", message, choices)
                .on_cancel("keep for later", Action::KeepJournal(slot));
            self.popups.push(Box::new(popup));
            self.watch.offer_open = true;
            return;
        }
    }

    /// Carries out the answer to the recovery offer.
    pub(super) fn answer_recovery(&mut self, action: Action) {
        self.watch.offer_open = false;
        let Some(key) = self.journal_key() else {
            return;
        };
        match action {
            Action::RestoreJournal(slot) => match key.read(slot) {
                Ok(Some(journal)) => {
                    self.doc.restore(journal.roadmap);
                    self.clamp_selection();
                    // Journaled again at once under this session's name, before the old one
                    // goes: a crash right now must not lose it.
                    self.watch.seen_revision = self.doc.revision;
                    self.info("recovered changes restored; not saved yet (Ctrl-s saves)");
                    let kept = (slot == Slot::Kept).then_some(Slot::Kept);
                    self.write_journal(kept);
                }
                Ok(None) => self.error("the recovery journal is gone"),
                Err(err) => self.error(err),
            },
            Action::DiscardJournal(slot) => {
                let _ = key.remove(slot);
                self.info("recovered changes discarded");
            }
            Action::KeepJournal(slot) => {
                let kept = match slot {
                    Slot::Current => key.keep(),
                    Slot::Kept => Ok(()),
                };
                match kept {
                    Ok(()) => self.info(format!(
                        "recovered changes kept in {}; offered again next time",
                        key.path(Slot::Kept).display()
                    )),
                    Err(err) => self.error(format!("cannot keep the recovery journal: {err}")),
                }
            }
            _ => {}
        }
    }
}

/// One sentence on how recovered work differs from the open roadmap: how many items were
/// changed, added and removed, naming a few.
fn what_differs(doc: &crate::tui::document::Document, recovered: &crate::model::Roadmap) -> String {
    use crate::diff::EntryStatus;
    let options = crate::schedule::Options::new(doc.today);
    let schedule = crate::schedule::schedule(recovered, &options);
    let diff = crate::diff::diff(&doc.roadmap, &doc.schedule, recovered, &schedule);
    let mut parts = Vec::new();
    for (status, word) in [
        (EntryStatus::Changed, "changed"),
        (EntryStatus::Added, "added"),
        (EntryStatus::Removed, "removed"),
    ] {
        let ids: Vec<&str> = diff
            .items
            .iter()
            .filter(|e| e.status == status)
            .map(|e| e.id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let mut named = ids.iter().take(3).copied().collect::<Vec<_>>().join(", ");
        if ids.len() > 3 {
            named.push_str(&format!(" and {} more", ids.len() - 3));
        }
        let noun = if ids.len() == 1 { "item" } else { "items" };
        parts.push(format!("{} {noun} {word} ({named})", ids.len()));
    }
    let others = diff.roadmap.len() + diff.sectors.len() + diff.funding_schemes.len();
    if others > 0 {
        parts.push("roadmap settings, sectors or funding schemes changed".to_string());
    }
    if parts.is_empty() {
        return "They differ from the file only in layout.".to_string();
    }
    format!("They hold: {}.", parts.join("; "))
}

/// `YYYY-MM-DD HH:MM` in the local time zone, for messages.
fn local_time(time: SystemTime) -> String {
    let local: chrono::DateTime<chrono::Local> = time.into();
    local.format("%Y-%m-%d %H:%M").to_string()
}
