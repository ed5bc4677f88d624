//! Editing the selected item from the timeline and table: add, duplicate, delete (after a
//! question naming its dependents), move and resize by one zoom unit.

use super::App;
use crate::model::{self, Edit};
use crate::tui::action::Action;
use crate::tui::popups::confirm::Confirm;

impl App {
    pub(super) fn apply_and_select(&mut self, edit: Edit, index: usize, what: &str) {
        if edit.is_empty() {
            return;
        }
        self.doc.apply(edit);
        self.select(index);
        let label = self.doc.roadmap.items.get(index).map(|i| i.label(index));
        self.info(format!("{what} {}", label.unwrap_or_default()));
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
        let (edit, index) = model::new_item(roadmap, &sector, start);
        self.apply_and_select(edit, index, "added");
    }

    pub(super) fn ask_delete(&mut self, index: usize) {
        let roadmap = &self.doc.roadmap;
        let label = roadmap.items[index].label(index);
        let dependents: Vec<String> = model::dependents(roadmap, index)
            .into_iter()
            .map(|j| roadmap.items[j].label(j))
            .collect();
        let message = if dependents.is_empty() {
            format!("Delete {label}? Nothing depends on it.")
        } else {
            format!(
                "Delete {label}? {} item(s) depend on it and lose that link: {}.",
                dependents.len(),
                dependents.join(", ")
            )
        };
        self.popups.push(Box::new(Confirm::yes_no(
            "Delete item",
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
        self.doc.apply(model::delete_item(&self.doc.roadmap, index));
        self.selected = neighbour.map(|&n| if n > index { n - 1 } else { n });
        self.clamp_selection();
        self.info(format!("deleted {label} (u undoes)"));
    }

    pub(super) fn shift(&mut self, index: usize, steps: i32) {
        let item = &self.doc.roadmap.items[index];
        let Some(from) = item.start.or(item.end) else {
            self.error("the item has no dates to move");
            return;
        };
        let days = self.timeline.zoom.unit_days(from, steps);
        let edit = model::shift_item(&self.doc.roadmap, index, days);
        self.apply_dates(edit, index, "cannot move the item further");
    }

    pub(super) fn stretch(&mut self, index: usize, steps: i32) {
        let item = &self.doc.roadmap.items[index];
        if item.is_milestone() {
            self.error("a milestone has no length; move it with Shift-←/→");
            return;
        }
        let Some(from) = item.end.or(item.start) else {
            self.error("the item has no dates to change");
            return;
        };
        let days = self.timeline.zoom.unit_days(from, steps);
        let edit = model::resize_item(&self.doc.roadmap, index, days);
        self.apply_dates(edit, index, "the item cannot end before it starts");
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
}
