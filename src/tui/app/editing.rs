//! Editing the selected item from the timeline and table: add, duplicate, delete (after a
//! question naming its dependents), move and resize by one zoom unit.

use super::App;
use crate::i18n::{current, ui, M};
use crate::model::{self, Edit};
use crate::tr;
use crate::tui::action::Action;
use crate::tui::popups::confirm::Confirm;

impl App {
    /// Applies `edit`, selects `index` and says `what` was done (`{item}` is its label).
    pub(super) fn apply_and_select(&mut self, edit: Edit, index: usize, what: M) {
        if edit.is_empty() {
            return;
        }
        self.doc.apply(edit);
        self.select(index);
        let label = self.doc.roadmap.items.get(index).map(|i| i.label(index));
        let item = label.unwrap_or_default();
        self.info(current().f(what, &[("item", &item)]));
    }

    pub(super) fn add_item(&mut self) {
        let roadmap = &self.doc.roadmap;
        let selected = self.selected.and_then(|i| roadmap.items.get(i));
        let sector = match (selected, self.filter.sector.as_ref()) {
            (Some(item), _) => item.sector.clone(),
            (None, Some(sector)) => sector.clone(),
            (None, None) => roadmap
                .sectors
                .first()
                .map(|s| s.id.clone())
                .unwrap_or_default(),
        };
        let start = selected
            .and_then(|item| item.start.or(item.end))
            .or(roadmap.start)
            .unwrap_or(self.doc.today);
        let (edit, index) = model::new_item_in(roadmap, self.doc.lookup().ids, &sector, start);
        self.apply_and_select(edit, index, M::MsgAdded);
    }

    pub(super) fn ask_delete(&mut self, index: usize) {
        let roadmap = &self.doc.roadmap;
        let label = roadmap.items[index].label(index);
        let dependents: Vec<String> = (self.doc.dependents(index).into_iter())
            .map(|j| roadmap.items[j].label(j))
            .collect();
        let message = if dependents.is_empty() {
            tr!(current(), DeleteNoDependents, item = label)
        } else {
            tr!(
                current(),
                DeleteDependents,
                item = label,
                n = dependents.len(),
                items = dependents.join(", ")
            )
        };
        self.popups.push(Box::new(Confirm::yes_no(
            ui(M::DeleteTitle),
            message,
            Action::ConfirmDelete(index),
        )));
    }

    pub(super) fn delete(&mut self, index: usize) {
        if index >= self.doc.roadmap.items.len() {
            return;
        }
        // Select the row below (or above) the deleted one; indices after it shift down by one.
        let items = self.view_items();
        let at = items.iter().position(|&i| i == index);
        let neighbour = at.and_then(|at| {
            items
                .get(at + 1)
                .or(at.checked_sub(1).and_then(|p| items.get(p)))
        });
        let label = self.doc.roadmap.items[index].label(index);
        self.doc.apply(self.doc.delete_item(index));
        self.selected = neighbour.map(|&n| if n > index { n - 1 } else { n });
        self.clamp_selection();
        self.info(tr!(current(), MsgDeleted, item = label));
    }

    pub(super) fn shift(&mut self, index: usize, steps: i32) {
        let item = &self.doc.roadmap.items[index];
        let Some(from) = item.start.or(item.end) else {
            self.error(ui(M::MsgNoDatesToMove));
            return;
        };
        let days = self.timeline.zoom.unit_days(from, steps);
        let edit = model::shift_item(&self.doc.roadmap, index, days);
        self.apply_dates(edit, index, ui(M::MsgCannotMove));
    }

    pub(super) fn stretch(&mut self, index: usize, steps: i32) {
        let item = &self.doc.roadmap.items[index];
        if item.is_milestone() {
            self.error(ui(M::MsgMilestoneNoLength));
            return;
        }
        let Some(from) = item.end.or(item.start) else {
            self.error(ui(M::MsgNoDatesToChange));
            return;
        };
        let days = self.timeline.zoom.unit_days(from, steps);
        let edit = model::resize_item(&self.doc.roadmap, index, days);
        self.apply_dates(edit, index, ui(M::MsgEndBeforeStart));
    }

    pub(super) fn apply_dates(&mut self, edit: Edit, index: usize, refused: &str) {
        if edit.is_empty() {
            self.error(refused);
            return;
        }
        self.doc.apply(edit);
        self.timeline.follow = true;
        let item = &self.doc.roadmap.items[index];
        let date = |d: Option<model::Date>| d.map(model::format_date).unwrap_or_default();
        let text = format!(
            "{}: {} – {}",
            item.label(index),
            date(item.start),
            date(item.end)
        );
        self.info(text);
    }

    /// The other language from now on; in a real session (not tests) it is also written to
    /// `config.json`, keeping the other settings, so the next start uses it.
    pub(super) fn switch_language(&mut self) {
        let lang = match current() {
            crate::i18n::Lang::En => crate::i18n::Lang::Id,
            crate::i18n::Lang::Id => crate::i18n::Lang::En,
        };
        crate::i18n::set_current(lang);
        let saved = if self.remember_recent {
            crate::config::Config::load()
                .map_err(|e| e.to_string())
                .and_then(|mut config| {
                    config.lang = Some(lang.code().to_string());
                    config.save().map_err(|e| e.to_string())
                })
        } else {
            Ok(())
        };
        match saved {
            Ok(()) => self.info(tr!(lang, MsgLanguage, name = lang.name())),
            Err(error) => self.error(tr!(
                lang,
                MsgLanguageNotSaved,
                name = lang.name(),
                error = error
            )),
        }
    }
}
