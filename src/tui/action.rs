//! Every change to the application state is one of these, handled by `App::update`.

use super::state::{Filter, View};
use crate::model::Edit;
use crate::store::journal::Slot;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Quit, asking first when there are unsaved changes.
    Quit,
    /// Quit now, dropping unsaved changes (the answer to the question above).
    ForceQuit,
    ShowView(View),
    NextView,
    PreviousView,

    // Navigation; views 3 and 4 interpret these for their own lists.
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    /// Enter: open the selection (the item form; in the risks view, jump to the item).
    Open,
    /// Select an item by index and make it visible.
    Select(usize),
    /// Mouse: a click at a screen cell, a wheel step (negative: up).
    Click {
        column: u16,
        row: u16,
    },
    Scroll(i32),
    Resize,

    ZoomIn,
    ZoomOut,
    CycleGrouping,
    CycleSort,
    ReverseSort,

    StartSearch,
    Search(String),
    NextMatch,
    OpenFilter,
    SetFilter(Filter),
    ToggleCriticalOnly,
    /// Esc: clear search, filter and status message.
    Clear,

    // Editing the selected item.
    EditItem,
    EditDependencies,
    ManageCatalogs,
    AddItem,
    DuplicateItem,
    /// Ask to delete the selected item, naming its dependents.
    DeleteItem,
    /// Delete this item now (after confirmation).
    ConfirmDelete(usize),
    /// Move by one zoom unit (-1 earlier, 1 later), keeping the duration.
    Shift(i32),
    /// Shorten (-1) or lengthen (1) by one zoom unit.
    Stretch(i32),
    /// Apply an edit built elsewhere (a popup); it goes through the history.
    Apply(Box<Edit>),
    Undo,
    Redo,

    Save(SaveRequest),
    /// Ask for a path, then save there.
    SaveAs {
        quit: bool,
    },
    /// Read the file again, discarding the roadmap in memory (the planner chose to).
    Reload,
    /// Answers to the offer of recovered unsaved work.
    RestoreJournal(Slot),
    DiscardJournal(Slot),
    KeepJournal(Slot),
    ShowHelp,
    /// Switch between English and Bahasa Indonesia (and remember it in `config.json`).
    SwitchLanguage,
    /// Show a message in the status bar.
    Message(String),
    /// Regulations view: move the selected regulation to its next stage.
    NextStage,
    /// The merge conflicts recorded in the file, to settle one by one.
    ShowConflicts,
    /// Open the item form on `index`; saving it settles `conflict`.
    EditToResolve {
        index: usize,
        conflict: Box<crate::merge::resolve::Recorded>,
    },
    Nothing,
}

/// How to save: `path` None is the document's own file; `force` skips the changed-on-disk and
/// overwrite checks (the planner said yes); `quit` quits after a successful save.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SaveRequest {
    pub path: Option<PathBuf>,
    pub force: bool,
    pub quit: bool,
}
