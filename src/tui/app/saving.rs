//! Saving (with the changed-on-disk and overwrite questions) and quitting.

use super::App;
use crate::store::SaveError;
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
            "Unsaved changes",
            format!("{} has unsaved changes.", self.doc.display_name()),
            vec![
                Choice {
                    key: 's',
                    label: "save and quit",
                    action: Action::Save(save),
                },
                Choice {
                    key: 'd',
                    label: "discard and quit",
                    action: Action::ForceQuit,
                },
            ],
        )));
    }

    pub(super) fn ask_save_path(&mut self, quit: bool) {
        self.popups.push(Box::new(Prompt::new(
            "Save as",
            "File to save the roadmap to:",
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
            self.error("no file name given; nothing saved");
            return;
        }
        let own = self.doc.path.as_ref() == Some(&target);
        if !own && !request.force && target.exists() {
            self.popups.push(Box::new(Confirm::yes_no(
                "Overwrite?",
                format!("{} exists. Replace it with this roadmap?", target.display()),
                Action::Save(SaveRequest {
                    path: Some(target),
                    force: true,
                    quit,
                }),
            )));
            return;
        }
        let result = if own {
            self.doc.save(request.force)
        } else {
            self.doc.save_as(&target)
        };
        match result {
            Ok(path) => {
                // The recent list is a convenience; failing to update it must not fail a save.
                if self.remember_recent {
                    let _ = crate::config::remember_recent(&path);
                }
                let message = if self.doc.portfolio.is_none() {
                    format!("saved {}", path.display())
                } else if self.doc.written.is_empty() {
                    "no member changed; no file written".to_string()
                } else {
                    let names: Vec<String> = self
                        .doc
                        .written
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect();
                    format!("saved {}", names.join(", "))
                };
                self.info(message);
                if quit {
                    self.quit = true;
                }
            }
            Err(SaveError::ChangedOnDisk { path }) => {
                let again = |force, path| Action::Save(SaveRequest { path, force, quit });
                let mut choices = vec![Choice {
                    key: 'o',
                    label: "overwrite",
                    action: again(true, None),
                }];
                // A portfolio's members can only go back to their own files.
                if self.doc.portfolio.is_none() {
                    choices.push(Choice {
                        key: 'a',
                        label: "save as…",
                        action: Action::SaveAs { quit },
                    });
                }
                self.popups.push(Box::new(Confirm::new(
                    "File changed on disk",
                    if self.doc.portfolio.is_none() {
                        format!(
                            "{} was changed by someone else since it was opened. Overwrite their changes, or save this roadmap as another file?",
                            path.display()
                        )
                    } else {
                        format!(
                            "{}, a member of this portfolio, was changed by someone else since it was opened. Overwrite their changes?",
                            path.display()
                        )
                    },
                    choices,
                )));
            }
            Err(err) => self.error(err.to_string()),
        }
    }
}
