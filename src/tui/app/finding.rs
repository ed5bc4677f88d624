//! Finding items: search with `/` and `n`, the filter chooser and critical-only.

use super::App;
use crate::i18n::{current, ui, M};
use crate::model::Kind;
use crate::schedule::Status;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::popups::chooser::Chooser;
use crate::tui::rows;
use crate::tui::state::Filter;

impl App {
    pub(super) fn search_for(&mut self, query: String) {
        let query = query.trim().to_string();
        if query.is_empty() {
            self.search = None;
            return;
        }
        self.search = Some(query);
        self.next_match(true);
    }

    /// Selects the next item (in display order, after the selection) that matches the search.
    pub(super) fn next_match(&mut self, include_current: bool) {
        let Some(query) = self.search.clone() else {
            self.info(ui(M::MsgNoSearch));
            return;
        };
        let matches: std::collections::HashSet<usize> =
            rows::search(&self.doc, &query).into_iter().collect();
        let items = self.view_items();
        let start = self
            .selected
            .and_then(|s| items.iter().position(|&i| i == s))
            .map_or(0, |at| if include_current { at } else { at + 1 });
        let found = (0..items.len())
            .map(|k| items[(start + k) % items.len()])
            .find(|i| matches.contains(i));
        match found {
            Some(index) => {
                self.select(index);
                self.info(tr!(current(), MsgMatches, query = query, n = matches.len()));
            }
            None if !matches.is_empty() => {
                self.error(tr!(current(), MsgMatchesHidden, query = query))
            }
            None => self.error(tr!(current(), MsgNoMatch, query = query)),
        }
    }

    pub(super) fn open_filter(&mut self) {
        let mut entries = vec![(
            ui(M::FilterEverything).to_string(),
            Action::SetFilter(Filter::default()),
        )];
        let with = |change: &dyn Fn(&mut Filter)| {
            let mut filter = self.filter.clone();
            change(&mut filter);
            Action::SetFilter(filter)
        };
        for sector in &self.doc.roadmap.sectors {
            let id = sector.id.clone();
            entries.push((
                tr!(current(), FilterBySector, name = sector.name),
                with(&|f: &mut Filter| f.sector = Some(id.clone())),
            ));
        }
        for kind in Kind::ALL {
            entries.push((
                tr!(current(), FilterByKind, kind = kind.label(current())),
                with(&|f: &mut Filter| f.kind = Some(*kind)),
            ));
        }
        for status in Status::ALL {
            entries.push((
                tr!(current(), FilterByStatus, status = status.label(current())),
                with(&|f: &mut Filter| f.status = Some(*status)),
            ));
        }
        self.popups
            .push(Box::new(Chooser::new(ui(M::FilterTitle), entries)));
    }

    pub(super) fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.timeline.follow = true;
        self.table.follow = true;
        // Keep a selection that is still shown; otherwise take the first row shown.
        let items = self.view_items();
        if !self.selected.is_some_and(|s| items.contains(&s)) {
            if let Some(&first) = items.first() {
                self.select(first);
            }
        }
        if self.filter.is_active() && items.is_empty() {
            self.info(ui(M::MsgNoItemMatches));
        }
    }
}
