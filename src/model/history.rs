//! Undo and redo: two stacks of inverse edits, and where the last save sits between them.

use super::{Edit, Roadmap};

/// Unlimited undo/redo for one roadmap. Every change goes through [`History::apply`], so the
/// stacks always hold the exact inverses of what was done.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// Undo depth at the last save or load; `None` once that state cannot be reached any more
    /// (an edit made after undoing past it threw its redo away).
    saved: Option<usize>,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// An empty history whose current state counts as saved (just loaded).
    pub fn new() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            saved: Some(0),
        }
    }

    /// An empty history whose current state is not saved anywhere (recovered work).
    pub fn unsaved() -> Self {
        History {
            saved: None,
            ..History::new()
        }
    }

    /// Applies `edit` and records its inverse; clears redo. An empty edit is not recorded,
    /// so a form closed without changes does not make the roadmap dirty.
    pub fn apply(&mut self, roadmap: &mut Roadmap, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let inverse = roadmap.apply(edit);
        if self.saved.is_some_and(|depth| depth > self.undo.len()) {
            self.saved = None;
        }
        self.redo.clear();
        self.undo.push(inverse);
    }

    /// Undoes the last edit; false when there is nothing to undo.
    pub fn undo(&mut self, roadmap: &mut Roadmap) -> bool {
        match self.undo.pop() {
            Some(inverse) => {
                self.redo.push(roadmap.apply(inverse));
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit; false when there is nothing to redo.
    pub fn redo(&mut self, roadmap: &mut Roadmap) -> bool {
        match self.redo.pop() {
            Some(edit) => {
                self.undo.push(roadmap.apply(edit));
                true
            }
            None => false,
        }
    }

    /// The edit `undo` would apply (the inverse of the last edit), without applying it.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.last()
    }

    /// The edit `redo` would apply, without applying it.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Whether the roadmap differs from the last saved or loaded state. Undoing back to that
    /// state makes it clean again.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.undo.len())
    }

    /// The current state is what is on disk now.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.undo.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Roadmap {
        Roadmap {
            title: title.to_string(),
            ..Default::default()
        }
    }

    #[test]
    fn dirty_follows_the_save_point() {
        let mut roadmap = titled("a");
        let mut history = History::new();
        assert!(!history.is_dirty());
        history.apply(&mut roadmap, Edit::SetTitle("b".into()));
        history.apply(&mut roadmap, Edit::SetTitle("c".into()));
        assert!(history.is_dirty());
        history.mark_saved();
        assert!(!history.is_dirty());
        assert!(history.undo(&mut roadmap));
        assert_eq!(roadmap.title, "b");
        assert!(history.is_dirty());
        assert!(history.redo(&mut roadmap));
        assert!(!history.is_dirty());
        // Undo below the save point, then branch: the saved state is gone for good.
        history.undo(&mut roadmap);
        history.apply(&mut roadmap, Edit::SetTitle("d".into()));
        assert!(history.is_dirty());
        assert!(!history.can_redo());
        history.undo(&mut roadmap);
        assert_eq!(roadmap.title, "b");
        assert!(history.is_dirty());
    }

    #[test]
    fn empty_edits_are_not_recorded() {
        let mut roadmap = titled("a");
        let mut history = History::new();
        history.apply(&mut roadmap, Edit::Batch(vec![Edit::empty()]));
        assert!(!history.can_undo());
        assert!(!history.is_dirty());
        assert!(!history.undo(&mut roadmap));
        assert!(!history.redo(&mut roadmap));
    }
}
