//! What happens between key presses: noticing that someone else changed the file on disk, and
//! journaling unsaved edits so a crash loses at most a second or two of work. The event loop
//! calls `App::tick` after every event and at least every few hundred milliseconds; tests
//! call it with made-up instants.

use super::journaling::Job;
use super::App;
use crate::i18n::{current, ui, Text, M};
use crate::store::journal::{JournalKey, Slot};
use crate::tr;
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
                self.error(tr!(current(), MsgFileGone, file = self.doc.display_name()));
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
                ui(M::ChangedOnDiskTitle),
                tr!(current(), ReloadDirty, file = name),
                vec![
                    Choice {
                        key: 'r',
                        label: ui(M::ChoiceReloadDiscardMine),
                        action: Action::Reload,
                    },
                    Choice {
                        key: 'k',
                        label: ui(M::ChoiceKeepMine),
                        action: Action::Nothing,
                    },
                    Choice {
                        key: 'a',
                        label: ui(M::ChoiceSaveMineAs),
                        action: Action::SaveAs { quit: false },
                    },
                ],
            )
        } else {
            Confirm::new(
                ui(M::ChangedOnDiskTitle),
                tr!(current(), ReloadClean, file = name),
                vec![
                    Choice {
                        key: 'r',
                        label: ui(M::ChoiceReload),
                        action: Action::Reload,
                    },
                    Choice {
                        key: 'k',
                        label: ui(M::ChoiceKeepView),
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
                self.info(tr!(current(), MsgReloaded, file = self.doc.display_name()));
            }
            Err(err) => self.error(tr!(
                current(),
                MsgCannotReload,
                error = err.render(current())
            )),
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
    fn journal_failed(&mut self, error: Option<Text>) -> bool {
        match error {
            None => {
                self.watch.journal_error_shown = false;
                false
            }
            Some(err) if !self.watch.journal_error_shown => {
                self.watch.journal_error_shown = true;
                self.error(err.render(current()));
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
                    let error = err.render(current());
                    self.error(tr!(current(), MsgJournalLeftInPlace, error = error));
                    continue;
                }
            };
            if journal.roadmap == self.doc.roadmap {
                // Nothing that is not already in the file.
                let _ = key.remove(slot);
                continue;
            }
            let lang = current();
            let name = self.doc.display_name();
            let when = local_time(journal.written);
            let mut message = match slot {
                Slot::Current => tr!(lang, RecoverCrashed, file = name, when = when),
                Slot::Kept => tr!(lang, RecoverKept, file = name, when = when),
            };
            message.push(' ');
            message.push_str(&what_differs(&self.doc, &journal.roadmap));
            if self.doc.path.is_some() && journal.base != self.doc.fingerprint {
                message.push_str("\n\n");
                message.push_str(&tr!(lang, RecoverFileChanged, file = name));
            }
            message.push_str("\n\n");
            message.push_str(tr!(lang, RecoverQuestion));
            let choices = vec![
                Choice {
                    key: 'r',
                    label: ui(M::ChoiceRestore),
                    action: Action::RestoreJournal(slot),
                },
                Choice {
                    key: 'd',
                    label: ui(M::ChoiceDiscard),
                    action: Action::DiscardJournal(slot),
                },
                Choice {
                    key: 'k',
                    label: ui(M::ChoiceKeepForLater),
                    action: Action::KeepJournal(slot),
                },
            ];
            let popup = Confirm::new(ui(M::RecoverTitle), message, choices)
                .on_cancel(ui(M::ChoiceKeepForLater), Action::KeepJournal(slot));
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
                    self.info(ui(M::MsgRecoveredRestored));
                    let kept = (slot == Slot::Kept).then_some(Slot::Kept);
                    self.write_journal(kept);
                }
                Ok(None) => self.error(ui(M::MsgJournalGone)),
                Err(err) => self.error(err.render(current())),
            },
            Action::DiscardJournal(slot) => {
                let _ = key.remove(slot);
                self.info(ui(M::MsgRecoveredDiscarded));
            }
            Action::KeepJournal(slot) => {
                let kept = match slot {
                    Slot::Current => key.keep(),
                    Slot::Kept => Ok(()),
                };
                match kept {
                    Ok(()) => self.info(tr!(
                        current(),
                        MsgRecoveredKept,
                        path = key.path(Slot::Kept).display()
                    )),
                    Err(err) => self.error(tr!(current(), MsgCannotKeepJournal, error = err)),
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
    let lang = current();
    let mut parts = Vec::new();
    for (status, one, many) in [
        (
            EntryStatus::Changed,
            M::RecoverItemChanged,
            M::RecoverItemsChanged,
        ),
        (
            EntryStatus::Added,
            M::RecoverItemAdded,
            M::RecoverItemsAdded,
        ),
        (
            EntryStatus::Removed,
            M::RecoverItemRemoved,
            M::RecoverItemsRemoved,
        ),
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
            named.push_str(&tr!(lang, AgAndMore, n = ids.len() - 3));
        }
        let key = if ids.len() == 1 { one } else { many };
        parts.push(lang.f(key, &[("n", &ids.len()), ("ids", &named)]));
    }
    let others = diff.roadmap.len() + diff.sectors.len() + diff.funding_schemes.len();
    if others > 0 {
        parts.push(tr!(lang, RecoverOthers).to_string());
    }
    if parts.is_empty() {
        return tr!(lang, RecoverLayoutOnly).to_string();
    }
    tr!(lang, RecoverHold, parts = parts.join("; "))
}

/// `YYYY-MM-DD HH:MM` in the local time zone, for messages.
fn local_time(time: SystemTime) -> String {
    let local: chrono::DateTime<chrono::Local> = time.into();
    local.format("%Y-%m-%d %H:%M").to_string()
}
