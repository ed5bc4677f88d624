//! The one application state and the only way to change it: `App::update(Action)`.
//! Domain state lives in `doc`; everything else here is view state.

use super::action::{Action, SaveRequest};
use super::document::{Document, DEFAULT_SAVE_PATH};
use super::keymap::KeyMap;
use super::popup::{Popup, PopupOutcome};
use super::popups::{catalogs, chooser::Chooser, confirm::Choice, confirm::Confirm};
use super::popups::{dependencies, form, help::Help, prompt::Prompt};
use super::rows::{self, Row};
use super::state::{Filter, Grouping, SortKey, View};
use super::theme::Theme;
use super::views::funding::FundingState;
use super::views::risks::RisksState;
use super::views::table::TableState;
use super::views::timeline::TimelineState;
use super::views::{Context, ViewOutcome};
use crate::model::{self, Edit, Kind};
use crate::schedule::Status;
use crate::store::SaveError;
use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};
use std::path::PathBuf;

/// A line for the status bar until the next key press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Where things were drawn in the last frame, for mouse clicks. Cleared on resize.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    pub tabs: Vec<(Rect, View)>,
    pub rows: Vec<(Rect, usize)>,
}

/// A derived value and the inputs it was computed from.
struct Cache<K, V> {
    key: Option<K>,
    value: V,
}

impl<K: PartialEq, V: Default> Cache<K, V> {
    fn new() -> Self {
        Cache {
            key: None,
            value: V::default(),
        }
    }

    fn ensure(&mut self, key: K, compute: impl FnOnce() -> V) {
        if self.key.as_ref() != Some(&key) {
            self.value = compute();
            self.key = Some(key);
        }
    }
}

pub struct App {
    pub doc: Document,
    pub theme: Theme,
    pub keymap: KeyMap,
    pub view: View,
    pub selected: Option<usize>,
    pub timeline: TimelineState,
    pub table: TableState,
    pub funding: FundingState,
    pub risks: RisksState,
    pub filter: Filter,
    pub search: Option<String>,
    pub popups: Vec<Box<dyn Popup>>,
    pub message: Option<Message>,
    pub hits: Hits,
    pub quit: bool,
    /// Record opened and saved files in the data folder's recent list (off in tests).
    pub remember_recent: bool,
    rows: Cache<(u64, Grouping, Filter), Vec<Row>>,
    order: Cache<(u64, Filter, SortKey, bool), Vec<usize>>,
}

impl App {
    pub fn new(doc: Document, theme: Theme) -> App {
        let selected = (!doc.roadmap.items.is_empty()).then_some(0);
        let mut app = App {
            doc,
            theme,
            keymap: KeyMap::new(),
            view: View::Timeline,
            selected,
            timeline: TimelineState::default(),
            table: TableState::default(),
            funding: FundingState::default(),
            risks: RisksState::default(),
            filter: Filter::default(),
            search: None,
            popups: Vec::new(),
            message: None,
            hits: Hits::default(),
            quit: false,
            remember_recent: false,
            rows: Cache::new(),
            order: Cache::new(),
        };
        // Start on the first item in display order, not the first in the file.
        if let Some(first) = app.view_items().first().copied() {
            app.selected = Some(first);
        }
        app
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Timeline rows for the current roadmap, grouping and filter.
    pub fn rows(&mut self) -> &[Row] {
        let (doc, grouping, filter) = (&self.doc, self.timeline.grouping, &self.filter);
        self.rows
            .ensure((doc.revision, grouping, filter.clone()), || {
                rows::timeline_rows(doc, grouping, filter)
            });
        &self.rows.value
    }

    /// Table rows (item indices) for the current roadmap, filter and sort.
    pub fn order(&mut self) -> &[usize] {
        let (doc, filter) = (&self.doc, &self.filter);
        let (sort, descending) = (self.table.sort, self.table.descending);
        self.order
            .ensure((doc.revision, filter.clone(), sort, descending), || {
                rows::table_order(doc, filter, sort, descending)
            });
        &self.order.value
    }

    /// What the timeline draws from, borrowed side by side.
    pub fn timeline_parts(&mut self) -> (Context<'_>, &[Row], &mut TimelineState) {
        self.rows();
        let ctx = Context {
            doc: &self.doc,
            theme: &self.theme,
            selected: self.selected,
        };
        (ctx, &self.rows.value, &mut self.timeline)
    }

    pub fn table_parts(&mut self) -> (Context<'_>, &[usize], &mut TableState) {
        self.order();
        let ctx = Context {
            doc: &self.doc,
            theme: &self.theme,
            selected: self.selected,
        };
        (ctx, &self.order.value, &mut self.table)
    }

    pub fn funding_parts(&mut self) -> (Context<'_>, &mut FundingState) {
        let ctx = Context {
            doc: &self.doc,
            theme: &self.theme,
            selected: self.selected,
        };
        (ctx, &mut self.funding)
    }

    pub fn risks_parts(&mut self) -> (Context<'_>, &mut RisksState) {
        let ctx = Context {
            doc: &self.doc,
            theme: &self.theme,
            selected: self.selected,
        };
        (ctx, &mut self.risks)
    }

    /// The items of the active list view in display order.
    fn view_items(&mut self) -> Vec<usize> {
        match self.view {
            View::Table => self.order().to_vec(),
            _ => self.rows().iter().filter_map(Row::item).collect(),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        self.message = None;
        if let Some(popup) = self.popups.last_mut() {
            let outcome = popup.handle_key(key, &self.doc);
            self.on_outcome(outcome);
            return;
        }
        if let Some(action) = self.keymap.lookup(self.view, &key) {
            self.update(action);
        }
    }

    /// Returns whether anything may have changed (so the screen needs a redraw).
    pub fn handle_mouse(&mut self, mouse: MouseEvent) -> bool {
        if !self.popups.is_empty() {
            return false;
        }
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => self.update(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollDown => self.update(Action::Scroll(1)),
            MouseEventKind::ScrollUp => self.update(Action::Scroll(-1)),
            _ => return false,
        }
        true
    }

    fn on_outcome(&mut self, outcome: PopupOutcome) {
        match outcome {
            PopupOutcome::Consumed => {}
            PopupOutcome::Close => {
                self.popups.pop();
            }
            PopupOutcome::Apply(edit) => {
                self.popups.pop();
                self.update(Action::Apply(Box::new(edit)));
            }
            PopupOutcome::ApplyAndStay(edit) => self.update(Action::Apply(Box::new(edit))),
            PopupOutcome::Then(action) => {
                self.popups.pop();
                self.update(action);
            }
            PopupOutcome::Run(action) => self.update(action),
            PopupOutcome::Push(popup) => self.popups.push(popup),
            PopupOutcome::Replace(popup) => {
                self.popups.pop();
                self.popups.push(popup);
            }
        }
    }

    pub fn update(&mut self, action: Action) {
        if matches!(self.view, View::Funding | View::Risks) && self.view_handles(&action) {
            return;
        }
        match action {
            Action::Quit => self.ask_quit(),
            Action::ForceQuit => self.quit = true,
            Action::ShowView(view) => self.show(view),
            Action::NextView => self.show(self.view.next()),
            Action::PreviousView => self.show(self.view.previous()),
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-self.page()),
            Action::PageDown => self.move_selection(self.page()),
            Action::Home => self.move_selection(isize::MIN / 2),
            Action::End => self.move_selection(isize::MAX / 2),
            Action::Left => self.timeline.scroll_columns(-1),
            Action::Right => self.timeline.scroll_columns(1),
            Action::Open | Action::EditItem => self.with_selected(|app, i| {
                let popup = form::open(&app.doc, i);
                app.popups.push(popup);
            }),
            Action::EditDependencies => self.with_selected(|app, i| {
                let popup = dependencies::open(&app.doc, i);
                app.popups.push(popup);
            }),
            Action::ManageCatalogs => {
                let popup = catalogs::open(&self.doc);
                self.popups.push(popup);
            }
            Action::Select(index) => self.select(index),
            Action::Click { column, row } => self.click(column, row),
            Action::Scroll(steps) => match self.view {
                View::Table => self.table.scroll(steps),
                _ => self.timeline.scroll(steps),
            },
            Action::Resize => self.hits = Hits::default(),
            Action::ZoomIn => self.timeline.set_zoom(self.timeline.zoom.zoom_in()),
            Action::ZoomOut => self.timeline.set_zoom(self.timeline.zoom.zoom_out()),
            Action::CycleGrouping => {
                self.timeline.grouping = self.timeline.grouping.next();
                self.timeline.follow = true;
                self.info(format!("grouped by {}", self.timeline.grouping.as_str()));
            }
            Action::CycleSort => {
                self.table.sort = self.table.sort.next();
                self.table.follow = true;
                self.info(format!("sorted by {}", self.table.sort.as_str()));
            }
            Action::ReverseSort => {
                self.table.descending = !self.table.descending;
                self.table.follow = true;
            }
            Action::StartSearch => {
                let current = self.search.clone().unwrap_or_default();
                self.popups.push(Box::new(Prompt::new(
                    "Search",
                    "Title or id contains:",
                    &current,
                    Action::Search,
                )));
            }
            Action::Search(query) => self.search_for(query),
            Action::NextMatch => self.next_match(false),
            Action::OpenFilter => self.open_filter(),
            Action::SetFilter(filter) => self.set_filter(filter),
            Action::ToggleCriticalOnly => {
                let mut filter = self.filter.clone();
                filter.critical_only = !filter.critical_only;
                self.set_filter(filter);
            }
            Action::Clear => {
                self.search = None;
                self.set_filter(Filter::default());
                self.message = None;
            }
            Action::AddItem => self.add_item(),
            Action::DuplicateItem => self.with_selected(|app, i| {
                let (edit, index) = model::duplicate_item(&app.doc.roadmap, i);
                app.apply_and_select(edit, index, "duplicated");
            }),
            Action::DeleteItem => self.with_selected(|app, i| app.ask_delete(i)),
            Action::ConfirmDelete(index) => self.delete(index),
            Action::Shift(steps) => self.with_selected(|app, i| app.shift(i, steps)),
            Action::Stretch(steps) => self.with_selected(|app, i| app.stretch(i, steps)),
            Action::Apply(edit) => {
                if !edit.is_empty() {
                    self.doc.apply(*edit);
                    self.clamp_selection();
                }
            }
            Action::Undo => {
                if self.doc.undo() {
                    self.clamp_selection();
                    self.info("undone");
                } else {
                    self.info("nothing to undo");
                }
            }
            Action::Redo => {
                if self.doc.redo() {
                    self.clamp_selection();
                    self.info("redone");
                } else {
                    self.info("nothing to redo");
                }
            }
            Action::Save(request) => self.save(request),
            Action::SaveAs { quit } => self.ask_save_path(quit),
            Action::ShowHelp => {
                let popup = Help::new(&self.keymap, self.view);
                self.popups.push(Box::new(popup));
            }
            Action::Message(text) => self.info(text),
            Action::Nothing => {}
        }
    }

    /// Offers a navigation action to the funding or risks view; true when it used it.
    fn view_handles(&mut self, action: &Action) -> bool {
        let outcome = match self.view {
            View::Funding => {
                let (ctx, state) = self.funding_parts();
                super::views::funding::handle(state, action, &ctx)
            }
            View::Risks => {
                let (ctx, state) = self.risks_parts();
                super::views::risks::handle(state, action, &ctx)
            }
            _ => ViewOutcome::Ignored,
        };
        match outcome {
            ViewOutcome::Ignored => return false,
            ViewOutcome::Handled => {}
            ViewOutcome::Select(index) => self.select(index),
            ViewOutcome::Jump(index) => {
                self.select(index);
                self.show(View::Timeline);
            }
            ViewOutcome::Run(action) => self.update(*action),
        }
        true
    }

    fn show(&mut self, view: View) {
        self.view = view;
        self.timeline.follow = true;
        self.table.follow = true;
    }

    fn page(&self) -> isize {
        let rows = match self.view {
            View::Table => self.table.page,
            _ => self.timeline.page,
        };
        isize::try_from(rows.max(2) - 1).unwrap_or(10)
    }

    fn with_selected(&mut self, act: impl FnOnce(&mut App, usize)) {
        match self.selected {
            Some(i) if i < self.doc.roadmap.items.len() => act(self, i),
            _ => self.error("select an item first"),
        }
    }

    pub fn select(&mut self, index: usize) {
        if index < self.doc.roadmap.items.len() {
            self.selected = Some(index);
            self.timeline.follow = true;
            self.table.follow = true;
        }
    }

    fn clamp_selection(&mut self) {
        let count = self.doc.roadmap.items.len();
        self.selected = match self.selected {
            _ if count == 0 => None,
            Some(i) => Some(i.min(count - 1)),
            None => Some(0),
        };
        self.timeline.follow = true;
        self.table.follow = true;
    }

    fn move_selection(&mut self, delta: isize) {
        let items = self.view_items();
        if items.is_empty() {
            return;
        }
        let at = self
            .selected
            .and_then(|s| items.iter().position(|&i| i == s));
        let target = match at {
            Some(at) => at.saturating_add_signed(delta).min(items.len() - 1),
            None if delta < 0 => items.len() - 1,
            None => 0,
        };
        self.select(items[target]);
    }

    fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        if let Some(&(_, view)) = self.hits.tabs.iter().find(|(r, _)| r.contains(at)) {
            self.show(view);
        } else if let Some(&(_, item)) = self.hits.rows.iter().find(|(r, _)| r.contains(at)) {
            self.select(item);
        }
    }

    fn ask_quit(&mut self) {
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

    fn search_for(&mut self, query: String) {
        let query = query.trim().to_string();
        if query.is_empty() {
            self.search = None;
            return;
        }
        self.search = Some(query);
        self.next_match(true);
    }

    /// Selects the next item (in display order, after the selection) that matches the search.
    fn next_match(&mut self, include_current: bool) {
        let Some(query) = self.search.clone() else {
            self.info("no search: press / to search");
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
                self.info(format!("\"{query}\": {} matches", matches.len()));
            }
            None if !matches.is_empty() => {
                self.error(format!("\"{query}\": matches are hidden by the filter"))
            }
            None => self.error(format!("\"{query}\": no match")),
        }
    }

    fn open_filter(&mut self) {
        let mut entries = vec![(
            "Show everything".to_string(),
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
                format!("sector: {}", sector.name),
                with(&|f: &mut Filter| f.sector = Some(id.clone())),
            ));
        }
        for kind in Kind::ALL {
            entries.push((
                format!("kind: {kind}"),
                with(&|f: &mut Filter| f.kind = Some(*kind)),
            ));
        }
        for status in Status::ALL {
            entries.push((
                format!("status: {status}"),
                with(&|f: &mut Filter| f.status = Some(*status)),
            ));
        }
        self.popups.push(Box::new(Chooser::new("Filter", entries)));
    }

    fn set_filter(&mut self, filter: Filter) {
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
            self.info("no item matches the filter (Esc clears it)");
        }
    }

    fn apply_and_select(&mut self, edit: Edit, index: usize, what: &str) {
        if edit.is_empty() {
            return;
        }
        self.doc.apply(edit);
        self.select(index);
        let label = self.doc.roadmap.items.get(index).map(|i| i.label(index));
        self.info(format!("{what} {}", label.unwrap_or_default()));
    }

    fn add_item(&mut self) {
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

    fn ask_delete(&mut self, index: usize) {
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

    fn delete(&mut self, index: usize) {
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

    fn shift(&mut self, index: usize, steps: i32) {
        let item = &self.doc.roadmap.items[index];
        let Some(from) = item.start.or(item.end) else {
            self.error("the item has no dates to move");
            return;
        };
        let days = self.timeline.zoom.unit_days(from, steps);
        let edit = model::shift_item(&self.doc.roadmap, index, days);
        self.apply_dates(edit, index, "cannot move the item further");
    }

    fn stretch(&mut self, index: usize, steps: i32) {
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

    fn apply_dates(&mut self, edit: Edit, index: usize, refused: &str) {
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

    fn ask_save_path(&mut self, quit: bool) {
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

    fn save(&mut self, request: SaveRequest) {
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
                self.info(format!("saved {}", path.display()));
                if quit {
                    self.quit = true;
                }
            }
            Err(SaveError::ChangedOnDisk { path }) => {
                let again = |force, path| Action::Save(SaveRequest { path, force, quit });
                self.popups.push(Box::new(Confirm::new(
                    "File changed on disk",
                    format!(
                        "{} was changed by someone else since it was opened. Overwrite their changes, or save this roadmap as another file?",
                        path.display()
                    ),
                    vec![
                        Choice {
                            key: 'o',
                            label: "overwrite",
                            action: again(true, None),
                        },
                        Choice {
                            key: 'a',
                            label: "save as…",
                            action: Action::SaveAs { quit },
                        },
                    ],
                )));
            }
            Err(err) => self.error(err.to_string()),
        }
    }
}
