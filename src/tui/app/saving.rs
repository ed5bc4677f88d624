//! Saving (with the changed-on-disk and overwrite questions) and quitting.

use super::journaling::Job;
use super::App;
use crate::i18n::{current, ui, M};
use crate::store::journal::Slot;
use crate::store::SaveError;
use crate::tr;
use crate::tui::action::{Action, SaveRequest};
use crate::tui::document::DEFAULT_SAVE_PATH;
use crate::tui::popups::confirm::{Choice, Confirm};
use crate::tui::popups::prompt::Prompt;
use std::path::PathBuf;

impl App {
    pub(super) fn ask_quit(&mut self) {
        if !self.doc.is_dirty() {
            self.quit = true;
            return;
        }
        let save = SaveRequest {
            quit: true,
            ..SaveRequest::default()
        };
        self.popups.push(Box::new(Confirm::new(
            ui(M::SaveUnsavedTitle),
            tr!(current(), SaveUnsaved, file = self.doc.display_name()),
            vec![
                Choice {
                    key: 's',
                    label: ui(M::SaveAndQuit),
                    action: Action::Save(save),
                },
                Choice {
                    key: 'd',
                    label: ui(M::DiscardAndQuit),
                    action: Action::ForceQuit,
                },
            ],
        )));
    }

    pub(super) fn ask_save_path(&mut self, quit: bool) {
        self.popups.push(Box::new(Prompt::new(
            ui(M::SaveAsTitle),
            ui(M::SaveAsLabel),
            DEFAULT_SAVE_PATH,
            move |text| {
                Action::Save(SaveRequest {
                    path: Some(PathBuf::from(text)),
                    force: false,
                    quit,
                })
            },
        )));
    }

    pub(super) fn save(&mut self, request: SaveRequest) {
        let quit = request.quit;
        let Some(target) = request.path.clone().or_else(|| self.doc.path.clone()) else {
            self.ask_save_path(quit);
            return;
        };
        if target.as_os_str().is_empty() {
            self.error(ui(M::MsgNoFileName));
            return;
        }
        let own = self.doc.path.as_ref() == Some(&target);
        if !own && !request.force && target.exists() {
            self.popups.push(Box::new(Confirm::yes_no(
                ui(M::OverwriteTitle),
                tr!(current(), OverwriteQuestion, file = target.display()),
                Action::Save(SaveRequest {
                    path: Some(target),
                    force: true,
                    quit,
                }),
            )));
            return;
        }
        // Journals of the document as it was named before the save (the sample, or the old
        // file of a "save as") are obsolete once it is saved.
        let old_key = self.journal_key();
        let result = if own {
            self.doc.save(request.force)
        } else {
            self.doc.save_as(&target)
        };
        match result {
            Ok(path) => {
                if let Some(key) = old_key {
                    let _ = self.journaler.submit(Job::Remove {
                        key,
                        slot: Slot::Current,
                    });
                }
                self.remove_journal(Slot::Current);
                // The recent list is a convenience; failing to update it must not fail a save.
                if self.remember_recent {
                    let _ = crate::config::remember_recent(&path);
                }
                let message = if self.doc.portfolio.is_none() {
                    tr!(current(), MsgSaved, file = path.display())
                } else if self.doc.written.is_empty() {
                    ui(M::MsgNoMemberChanged).to_string()
                } else {
                    let names: Vec<String> = self
                        .doc
                        .written
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect();
                    tr!(current(), MsgSaved, file = names.join(", "))
                };
                self.info(message);
                if quit {
                    self.quit = true;
                }
            }
            Err(SaveError::ChangedOnDisk { path }) => {
                let again = |force, path| Action::Save(SaveRequest { path, force, quit });
                let mut choices = Vec::new();
                // A deleted file cannot be reloaded; the other answers still make sense.
                if path.exists() {
                    choices.push(Choice {
                        key: 'r',
                        label: ui(M::ChoiceReloadDiscardMine),
                        action: Action::Reload,
                    });
                }
                choices.push(Choice {
                    key: 'o',
                    label: ui(M::ChoiceOverwrite),
                    action: again(true, None),
                });
                // A portfolio's members can only go back to their own files.
                if self.doc.portfolio.is_none() {
                    choices.push(Choice {
                        key: 'a',
                        label: ui(M::ChoiceSaveAs),
                        action: Action::SaveAs { quit },
                    });
                }
                let message = if self.doc.portfolio.is_none() {
                    tr!(current(), ChangedOnDisk, file = path.display())
                } else {
                    tr!(current(), MemberChangedOnDisk, file = path.display())
                };
                self.popups.push(Box::new(Confirm::new(
                    ui(M::ChangedOnDiskTitle),
                    message,
                    choices,
                )));
            }
            // The edits stay in memory (and in the recovery journal); the planner can free
            // space, fix permissions or save elsewhere, and try again.
            Err(err) => {
                let err = save_error_text(&err);
                self.error(tr!(current(), MsgKeptNotSaved, error = err));
                let mut choices = vec![Choice {
                    key: 't',
                    label: ui(M::ChoiceTryAgain),
                    action: Action::Save(request),
                }];
                if self.doc.portfolio.is_none() {
                    choices.push(Choice {
                        key: 'a',
                        label: ui(M::ChoiceSaveAs),
                        action: Action::SaveAs { quit },
                    });
                }
                self.popups.push(Box::new(Confirm::new(
                    ui(M::CannotSaveTitle),
                    tr!(current(), CannotSave, error = err),
                    choices,
                )));
            }
        }
    }
}

/// A save error in the UI's language (the operating system's own words stay as they are).
fn save_error_text(err: &SaveError) -> String {
    match err {
        SaveError::Io { path, source } => tr!(
            current(),
            SaveCannotSaveFile,
            file = path.display(),
            error = source
        ),
        other => other.to_string(),
    }
}
