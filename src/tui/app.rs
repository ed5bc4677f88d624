//! The one application state and the only way to change it: `App::update(Action)`.
//! Domain state lives in `doc`; everything else here is view state.

use super::action::Action;
use super::document::Document;
use super::keymap::KeyMap;
use super::popup::{Popup, PopupOutcome};
use super::popups::catalogs;
use super::popups::{conflicts, dependencies, form, help::Help, prompt::Prompt};
use super::rows::{self, Row};
use super::state::{Filter, Grouping, SortKey, View};
use super::theme::Theme;
use super::views::funding::FundingState;
use super::views::regulations::RegulationsState;
use super::views::risks::RisksState;
use super::views::table::TableState;
use super::views::talent::TalentState;
use super::views::timeline::TimelineState;
use super::views::{Context, ViewOutcome};
use crate::i18n::{ui, M};
use crate::model;
use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

mod editing;
mod finding;
mod journaling;
mod saving;
mod watching;

pub use watching::{Watch, DISK_CHECK_EVERY, JOURNAL_AT_MOST, JOURNAL_QUIET};

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
    pub regulations: RegulationsState,
    pub talent: TalentState,
    pub filter: Filter,
    pub search: Option<String>,
    pub popups: Vec<Box<dyn Popup>>,
    pub message: Option<Message>,
    pub hits: Hits,
    pub quit: bool,
    /// Record opened and saved files in the data folder's recent list (off in tests).
    pub remember_recent: bool,
    /// The plan to compare with: baseline bars in the timeline, slip in the detail pane.
    pub baseline: Option<crate::diff::Baseline>,
    /// The data folder: unsaved edits are journaled to `recovery/` in it. None (tests, or no
    /// home folder) turns journaling off.
    pub data_dir: Option<std::path::PathBuf>,
    watch: Watch,
    journaler: journaling::Journaler,
    rows: Cache<(u64, Grouping, Filter), Vec<Row>>,
    order: Cache<(u64, Filter, SortKey, bool), Vec<usize>>,
}

/// What every view reads, borrowed from the app beside the view's own mutable state.
macro_rules! context {
    ($app:expr) => {
        Context {
            doc: &$app.doc,
            theme: &$app.theme,
            selected: $app.selected,
            baseline: $app.baseline.as_ref(),
        }
    };
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
            regulations: RegulationsState::default(),
            talent: TalentState::default(),
            filter: Filter::default(),
            search: None,
            popups: Vec::new(),
            message: None,
            hits: Hits::default(),
            quit: false,
            remember_recent: false,
            baseline: None,
            data_dir: None,
            watch: Watch::default(),
            journaler: journaling::Journaler::default(),
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
        // After an edit that only moved items within their lanes (or inserted or removed some),
        // re-place those items rather than group and sort the whole roadmap again (a frame's
        // worth at 100,000 items).
        if let (Some(change), Some((revision, cached_grouping, cached_filter))) =
            (&doc.last_change, &self.rows.key)
        {
            if doc.revision == change.from_revision + 1
                && *revision == change.from_revision
                && *cached_grouping == grouping
                && cached_filter == filter
                && !filter.is_active()
                && change.lanes_kept
                && change.items.len() <= doc.roadmap.items.len() / 8
            {
                let placed = match &change.reindex {
                    Some(reindex) => {
                        rows::reindex(doc, grouping, &mut self.rows.value, reindex, &change.items)
                    }
                    None => {
                        rows::resort(doc, &mut self.rows.value, &change.items);
                        true
                    }
                };
                if placed {
                    self.rows.key = Some((doc.revision, grouping, filter.clone()));
                }
            }
        }
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
        let ctx = context!(self);
        (ctx, &self.rows.value, &mut self.timeline)
    }

    pub fn table_parts(&mut self) -> (Context<'_>, &[usize], &mut TableState) {
        self.order();
        let ctx = context!(self);
        (ctx, &self.order.value, &mut self.table)
    }

    pub fn funding_parts(&mut self) -> (Context<'_>, &mut FundingState) {
        let ctx = context!(self);
        (ctx, &mut self.funding)
    }

    pub fn regulations_parts(&mut self) -> (Context<'_>, &mut RegulationsState) {
        let ctx = context!(self);
        (ctx, &mut self.regulations)
    }

    pub fn talent_parts(&mut self) -> (Context<'_>, &mut TalentState) {
        let ctx = context!(self);
        (ctx, &mut self.talent)
    }

    pub fn risks_parts(&mut self) -> (Context<'_>, &mut RisksState) {
        let ctx = context!(self);
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
        if matches!(
            self.view,
            View::Funding | View::Risks | View::Regulations | View::Talent
        ) && self.view_handles(&action)
        {
            return;
        }
        match action {
            Action::Quit => self.ask_quit(),
            Action::ForceQuit => {
                // The planner chose to drop the changes: nothing to recover next time.
                self.remove_journal(crate::store::journal::Slot::Current);
                self.quit = true;
            }
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
                let group = self.timeline.grouping.label();
                self.info(crate::tr!(
                    crate::i18n::current(),
                    MsgGroupedBy,
                    group = group
                ));
            }
            Action::CycleSort => {
                self.table.sort = self.table.sort.next();
                self.table.follow = true;
                let sort = self.table.sort.label();
                self.info(crate::tr!(crate::i18n::current(), MsgSortedBy, sort = sort));
            }
            Action::ReverseSort => {
                self.table.descending = !self.table.descending;
                self.table.follow = true;
            }
            Action::StartSearch => {
                let current = self.search.clone().unwrap_or_default();
                self.popups.push(Box::new(Prompt::new(
                    ui(M::PromptSearch),
                    ui(M::PromptSearchLabel),
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
                let doc = &app.doc;
                let (edit, index) = model::duplicate_item_in(&doc.roadmap, doc.lookup().ids, i);
                app.apply_and_select(edit, index, M::MsgDuplicated);
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
                    self.info(ui(M::MsgUndone));
                } else {
                    self.info(ui(M::MsgNothingToUndo));
                }
            }
            Action::Redo => {
                if self.doc.redo() {
                    self.clamp_selection();
                    self.info(ui(M::MsgRedone));
                } else {
                    self.info(ui(M::MsgNothingToRedo));
                }
            }
            Action::Save(request) => self.save(request),
            Action::SaveAs { quit } => self.ask_save_path(quit),
            Action::SwitchLanguage => self.switch_language(),
            Action::Reload => self.reload(),
            Action::RestoreJournal(_) | Action::DiscardJournal(_) | Action::KeepJournal(_) => {
                self.answer_recovery(action)
            }
            Action::ShowHelp => {
                let popup = Help::new(&self.keymap, self.view);
                self.popups.push(Box::new(popup));
            }
            Action::Message(text) => self.info(text),
            // Only the regulations view binds it, and handles it there.
            Action::NextStage => {}
            Action::ShowConflicts => {
                let popup = conflicts::open(&self.doc);
                self.popups.push(popup);
            }
            Action::EditToResolve { index, conflict } => {
                self.select(index);
                let popup = form::open_resolving(&self.doc, index, *conflict);
                self.popups.push(popup);
            }
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
            View::Regulations => {
                let (ctx, state) = self.regulations_parts();
                super::views::regulations::handle(state, action, &ctx)
            }
            View::Talent => {
                let (ctx, state) = self.talent_parts();
                super::views::talent::handle(state, action, &ctx)
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
            _ => self.error(ui(M::MsgSelectFirst)),
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
}
