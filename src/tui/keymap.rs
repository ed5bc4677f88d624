//! Keys to actions, per view. The help overlay and the status-bar hints are generated from
//! this one table, so they cannot drift from what the keys do.

use super::action::{Action, SaveRequest};
use super::state::View;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with the modifiers that matter. Shift is ignored for characters, which arrive
/// already shifted (`?`, `+`) and with or without the flag depending on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::CONTROL,
        }
    }

    pub const fn shift(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::SHIFT,
        }
    }

    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let mut modifiers = event.modifiers & relevant;
        let mut code = event.code;
        if let KeyCode::Char(c) = code {
            modifiers.remove(KeyModifiers::SHIFT);
            // Ctrl+letter may arrive upper-case when Shift or Caps Lock is on.
            if modifiers.contains(KeyModifiers::CONTROL) {
                code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        // Some terminals send Shift-Tab as BackTab with the Shift flag.
        if code == KeyCode::BackTab {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        code == self.code && modifiers == self.modifiers
    }
}

/// Which views a binding applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Timeline and table: the views that show items as rows.
    Items,
    Only(View),
}

impl Scope {
    pub fn contains(self, view: View) -> bool {
        match self {
            Scope::All => true,
            Scope::Items => matches!(view, View::Timeline | View::Table),
            Scope::Only(only) => only == view,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    /// How the keys are written in help and hints: `Shift-←/→`.
    pub label: &'static str,
    pub help: &'static str,
    /// Short word for the status bar, when the binding is worth a hint there.
    pub hint: Option<&'static str>,
    pub scope: Scope,
    pub action: Action,
}

#[derive(Debug, Clone)]
pub struct KeyMap {
    pub bindings: Vec<Binding>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap::new()
    }
}

impl KeyMap {
    pub fn new() -> KeyMap {
        use KeyCode::*;
        let mut bindings = Vec::new();
        let mut bind = |keys: &[Key],
                        label: &'static str,
                        help: &'static str,
                        hint: Option<&'static str>,
                        scope: Scope,
                        action: Action| {
            bindings.push(Binding {
                keys: keys.to_vec(),
                label,
                help,
                hint,
                scope,
                action,
            })
        };
        let all = Scope::All;
        let items = Scope::Items;
        let timeline = Scope::Only(View::Timeline);
        let table = Scope::Only(View::Table);

        bind(
            &[Key::char('q')],
            "q",
            "quit (asks when there are unsaved changes)",
            Some("quit"),
            all,
            Action::Quit,
        );
        bind(
            &[Key::char('?')],
            "?",
            "help: the keys of this view",
            Some("help"),
            all,
            Action::ShowHelp,
        );
        bind(
            &[Key::char('1')],
            "1",
            "timeline view",
            None,
            all,
            Action::ShowView(View::Timeline),
        );
        bind(
            &[Key::char('2')],
            "2",
            "table view",
            None,
            all,
            Action::ShowView(View::Table),
        );
        bind(
            &[Key::char('3')],
            "3",
            "funding view",
            None,
            all,
            Action::ShowView(View::Funding),
        );
        bind(
            &[Key::char('4')],
            "4",
            "risks & critical path view",
            None,
            all,
            Action::ShowView(View::Risks),
        );
        bind(
            &[Key::char('5')],
            "5",
            "regulations view",
            None,
            all,
            Action::ShowView(View::Regulations),
        );
        bind(
            &[Key::char('6')],
            "6",
            "talent view",
            None,
            all,
            Action::ShowView(View::Talent),
        );
        bind(
            &[Key::char(']')],
            "]",
            "move the selected regulation to its next stage",
            Some("next stage"),
            Scope::Only(View::Regulations),
            Action::NextStage,
        );
        bind(
            &[Key::plain(Enter)],
            "Enter",
            "show the selected regulation in the timeline",
            Some("show item"),
            Scope::Only(View::Regulations),
            Action::Open,
        );
        bind(
            &[Key::plain(Tab)],
            "Tab/Shift-Tab",
            "next / previous view",
            Some("view"),
            all,
            Action::NextView,
        );
        bind(
            &[Key::plain(BackTab), Key::shift(BackTab)],
            "",
            "",
            None,
            all,
            Action::PreviousView,
        );
        bind(
            &[Key::plain(Up), Key::char('k')],
            "↑/k ↓/j",
            "select the previous / next row",
            None,
            all,
            Action::Up,
        );
        bind(
            &[Key::plain(Down), Key::char('j')],
            "",
            "",
            None,
            all,
            Action::Down,
        );
        bind(
            &[Key::plain(PageUp)],
            "PgUp/PgDn",
            "page up / down",
            None,
            all,
            Action::PageUp,
        );
        bind(&[Key::plain(PageDown)], "", "", None, all, Action::PageDown);
        bind(
            &[Key::plain(Home)],
            "Home/End",
            "first / last row",
            None,
            all,
            Action::Home,
        );
        bind(&[Key::plain(End)], "", "", None, all, Action::End);
        bind(
            &[Key::plain(Left), Key::char('h')],
            "←/h →/l",
            "scroll the timeline earlier / later",
            None,
            timeline,
            Action::Left,
        );
        bind(
            &[Key::plain(Right), Key::char('l')],
            "",
            "",
            None,
            timeline,
            Action::Right,
        );
        // The funding view reads these as "another sector" and "scroll the years".
        let funding = Scope::Only(View::Funding);
        bind(
            &[Key::plain(Left), Key::char('h')],
            "←/h →/l",
            "show the previous / next sector (or the whole roadmap)",
            Some("sector"),
            funding,
            Action::Left,
        );
        bind(
            &[Key::plain(Right), Key::char('l')],
            "",
            "",
            None,
            funding,
            Action::Right,
        );
        bind(
            &[Key::shift(Left)],
            "Shift-←/→",
            "scroll the year columns earlier / later",
            None,
            funding,
            Action::Shift(-1),
        );
        bind(
            &[Key::shift(Right)],
            "",
            "",
            None,
            funding,
            Action::Shift(1),
        );
        bind(
            &[Key::plain(Enter)],
            "Enter",
            "show the selected row's item in the timeline",
            Some("show item"),
            Scope::Only(View::Risks),
            Action::Open,
        );
        bind(
            &[Key::plain(Enter), Key::char('e')],
            "Enter/e",
            "edit the selected item",
            Some("edit"),
            items,
            Action::EditItem,
        );
        bind(
            &[Key::char('L')],
            "L",
            "edit the selected item's dependencies",
            None,
            items,
            Action::EditDependencies,
        );
        bind(
            &[Key::char('a')],
            "a",
            "add an item in the selected sector",
            Some("add"),
            items,
            Action::AddItem,
        );
        bind(
            &[Key::char('y')],
            "y",
            "duplicate the selected item",
            None,
            items,
            Action::DuplicateItem,
        );
        bind(
            &[Key::char('d'), Key::plain(Delete)],
            "d",
            "delete the selected item (asks first)",
            Some("del"),
            items,
            Action::DeleteItem,
        );
        bind(
            &[Key::shift(Left)],
            "Shift-←/→",
            "move the item one zoom unit earlier / later",
            Some("move"),
            items,
            Action::Shift(-1),
        );
        bind(&[Key::shift(Right)], "", "", None, items, Action::Shift(1));
        bind(
            &[Key::ctrl(Left)],
            "Ctrl-←/→",
            "shorten / lengthen the item by one zoom unit",
            None,
            items,
            Action::Stretch(-1),
        );
        bind(&[Key::ctrl(Right)], "", "", None, items, Action::Stretch(1));
        bind(
            &[Key::char('+'), Key::char('=')],
            "+/-",
            "zoom in / out (week, month, quarter, year)",
            Some("zoom"),
            items,
            Action::ZoomIn,
        );
        bind(&[Key::char('-')], "", "", None, items, Action::ZoomOut);
        bind(
            &[Key::char('g')],
            "g",
            "group rows by sector, owner or kind",
            Some("group"),
            timeline,
            Action::CycleGrouping,
        );
        bind(
            &[Key::char('s')],
            "s",
            "sort by the next column",
            Some("sort"),
            table,
            Action::CycleSort,
        );
        bind(
            &[Key::char('r')],
            "r",
            "reverse the sort",
            None,
            table,
            Action::ReverseSort,
        );
        bind(
            &[Key::char('/')],
            "/",
            "search titles and ids",
            Some("search"),
            items,
            Action::StartSearch,
        );
        bind(
            &[Key::char('n')],
            "n",
            "next search match",
            None,
            items,
            Action::NextMatch,
        );
        bind(
            &[Key::char('f')],
            "f",
            "filter by sector, kind or status",
            Some("filter"),
            items,
            Action::OpenFilter,
        );
        bind(
            &[Key::char('c')],
            "c",
            "show critical items only (toggle)",
            None,
            items,
            Action::ToggleCriticalOnly,
        );
        bind(
            &[Key::plain(Esc)],
            "Esc",
            "clear search, filter and message",
            None,
            all,
            Action::Clear,
        );
        bind(
            &[Key::char('m')],
            "m",
            "manage sectors and funding schemes",
            None,
            all,
            Action::ManageCatalogs,
        );
        bind(
            &[Key::char('C')],
            "C",
            "merge conflicts: settle each one (ours, theirs or edit)",
            None,
            all,
            Action::ShowConflicts,
        );
        bind(
            &[Key::char('u')],
            "u",
            "undo",
            Some("undo"),
            all,
            Action::Undo,
        );
        bind(
            &[Key::ctrl(Char('r'))],
            "Ctrl-r",
            "redo",
            None,
            all,
            Action::Redo,
        );
        bind(
            &[Key::ctrl(Char('s'))],
            "Ctrl-s",
            "save",
            Some("save"),
            all,
            Action::Save(SaveRequest::default()),
        );
        KeyMap { bindings }
    }

    pub fn lookup(&self, view: View, event: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.scope.contains(view) && b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action.clone())
    }

    /// Lines for the help overlay: (keys, description), bindings without a label are the
    /// second half of a pair described by the one before.
    pub fn help(&self, view: View) -> Vec<(&'static str, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.scope.contains(view) && !b.label.is_empty())
            .map(|b| (b.label, b.help))
            .collect()
    }

    /// Short hints for the status bar: (first key, word).
    pub fn hints(&self, view: View) -> Vec<(&'static str, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.scope.contains(view))
            .filter_map(|b| b.hint.map(|hint| (short_label(b.label), hint)))
            .collect()
    }
}

/// `Enter/e` -> `e`, `Shift-←/→` stays: hints show one key each, the shortest useful one.
fn short_label(label: &'static str) -> &'static str {
    match label.split_once('/') {
        Some((first, rest)) if !first.is_empty() && !first.contains('-') => {
            if rest.len() < first.len() {
                rest
            } else {
                first
            }
        }
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn shifted_characters_and_arrows_are_told_apart() {
        let map = KeyMap::new();
        let view = View::Timeline;
        assert_eq!(
            map.lookup(view, &press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::ShowHelp)
        );
        assert_eq!(
            map.lookup(view, &press(KeyCode::Left, KeyModifiers::SHIFT)),
            Some(Action::Shift(-1))
        );
        assert_eq!(
            map.lookup(view, &press(KeyCode::Left, KeyModifiers::CONTROL)),
            Some(Action::Stretch(-1))
        );
        assert_eq!(
            map.lookup(view, &press(KeyCode::Left, KeyModifiers::NONE)),
            Some(Action::Left)
        );
        assert_eq!(
            map.lookup(view, &press(KeyCode::Char('R'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
    }

    #[test]
    fn bindings_depend_on_the_view() {
        let map = KeyMap::new();
        let s = press(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(map.lookup(View::Table, &s), Some(Action::CycleSort));
        assert_eq!(map.lookup(View::Timeline, &s), None);
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(map.lookup(View::Risks, &enter), Some(Action::Open));
        assert_eq!(map.lookup(View::Table, &enter), Some(Action::EditItem));
    }

    #[test]
    fn help_and_hints_come_from_the_same_bindings() {
        let map = KeyMap::new();
        let help = map.help(View::Table);
        assert!(help.contains(&("s", "sort by the next column")));
        assert!(!map.help(View::Timeline).iter().any(|(k, _)| *k == "s"));
        let hints = map.hints(View::Timeline);
        assert!(hints.contains(&("e", "edit")));
        assert!(hints.contains(&("g", "group")));
        assert!(!hints.iter().any(|(_, h)| *h == "sort"));
        assert!(hints.contains(&("/", "search")));
        assert!(hints.contains(&("+", "zoom")));
    }
}
