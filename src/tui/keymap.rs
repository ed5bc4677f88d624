//! Keys to actions, per view. The help overlay and the status-bar hints are generated from
//! this one table, so they cannot drift from what the keys do.

use super::action::{Action, SaveRequest};
use super::state::View;
use crate::i18n::{ui, M};
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
    pub help: Option<M>,
    /// Short word for the status bar, when the binding is worth a hint there.
    pub hint: Option<M>,
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
                        help: Option<M>,
                        hint: Option<M>,
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
            Some(M::KeyQuitAsksWhenThereAre),
            Some(M::HintQuit),
            all,
            Action::Quit,
        );
        bind(
            &[Key::char('?')],
            "?",
            Some(M::KeyHelpTheKeysOfThis),
            Some(M::HintHelp),
            all,
            Action::ShowHelp,
        );
        bind(
            &[Key::char('1')],
            "1",
            Some(M::KeyTimelineView),
            None,
            all,
            Action::ShowView(View::Timeline),
        );
        bind(
            &[Key::char('2')],
            "2",
            Some(M::KeyTableView),
            None,
            all,
            Action::ShowView(View::Table),
        );
        bind(
            &[Key::char('3')],
            "3",
            Some(M::KeyFundingView),
            None,
            all,
            Action::ShowView(View::Funding),
        );
        bind(
            &[Key::char('4')],
            "4",
            Some(M::KeyRisksCriticalPathView),
            None,
            all,
            Action::ShowView(View::Risks),
        );
        bind(
            &[Key::char('5')],
            "5",
            Some(M::KeyRegulationsView),
            None,
            all,
            Action::ShowView(View::Regulations),
        );
        bind(
            &[Key::char('6')],
            "6",
            Some(M::KeyTalentView),
            None,
            all,
            Action::ShowView(View::Talent),
        );
        bind(
            &[Key::char(']')],
            "]",
            Some(M::KeyNextStage),
            Some(M::HintNextStage),
            Scope::Only(View::Regulations),
            Action::NextStage,
        );
        bind(
            &[Key::plain(Enter)],
            "Enter",
            Some(M::KeyShowTheSelectedRegulationIn),
            Some(M::HintShowItem),
            Scope::Only(View::Regulations),
            Action::Open,
        );
        bind(
            &[Key::plain(Tab)],
            "Tab/Shift-Tab",
            Some(M::KeyNextPreviousView),
            Some(M::HintView),
            all,
            Action::NextView,
        );
        bind(
            &[Key::plain(BackTab), Key::shift(BackTab)],
            "",
            None,
            None,
            all,
            Action::PreviousView,
        );
        bind(
            &[Key::plain(Up), Key::char('k')],
            "↑/k ↓/j",
            Some(M::KeySelectThePreviousNextRow),
            None,
            all,
            Action::Up,
        );
        bind(
            &[Key::plain(Down), Key::char('j')],
            "",
            None,
            None,
            all,
            Action::Down,
        );
        bind(
            &[Key::plain(PageUp)],
            "PgUp/PgDn",
            Some(M::KeyPageUpDown),
            None,
            all,
            Action::PageUp,
        );
        bind(
            &[Key::plain(PageDown)],
            "",
            None,
            None,
            all,
            Action::PageDown,
        );
        bind(
            &[Key::plain(Home)],
            "Home/End",
            Some(M::KeyFirstLastRow),
            None,
            all,
            Action::Home,
        );
        bind(&[Key::plain(End)], "", None, None, all, Action::End);
        bind(
            &[Key::plain(Left), Key::char('h')],
            "←/h →/l",
            Some(M::KeyScrollTheTimelineEarlierLater),
            None,
            timeline,
            Action::Left,
        );
        bind(
            &[Key::plain(Right), Key::char('l')],
            "",
            None,
            None,
            timeline,
            Action::Right,
        );
        // The funding view reads these as "another sector" and "scroll the years".
        let funding = Scope::Only(View::Funding);
        bind(
            &[Key::plain(Left), Key::char('h')],
            "←/h →/l",
            Some(M::KeyShowThePreviousNextSector),
            Some(M::HintSector),
            funding,
            Action::Left,
        );
        bind(
            &[Key::plain(Right), Key::char('l')],
            "",
            None,
            None,
            funding,
            Action::Right,
        );
        bind(
            &[Key::shift(Left)],
            "Shift-←/→",
            Some(M::KeyScrollTheYearColumnsEarlier),
            None,
            funding,
            Action::Shift(-1),
        );
        bind(
            &[Key::shift(Right)],
            "",
            None,
            None,
            funding,
            Action::Shift(1),
        );
        bind(
            &[Key::plain(Enter)],
            "Enter",
            Some(M::KeyShowTheSelectedRowS),
            Some(M::HintShowItem),
            Scope::Only(View::Risks),
            Action::Open,
        );
        bind(
            &[Key::plain(Enter), Key::char('e')],
            "Enter/e",
            Some(M::KeyEditTheSelectedItem),
            Some(M::HintEdit),
            items,
            Action::EditItem,
        );
        bind(
            &[Key::char('L')],
            "L",
            Some(M::KeyEditTheSelectedItemS),
            None,
            items,
            Action::EditDependencies,
        );
        bind(
            &[Key::char('a')],
            "a",
            Some(M::KeyAddAnItemInThe),
            Some(M::HintAdd),
            items,
            Action::AddItem,
        );
        bind(
            &[Key::char('y')],
            "y",
            Some(M::KeyDuplicateTheSelectedItem),
            None,
            items,
            Action::DuplicateItem,
        );
        bind(
            &[Key::char('d'), Key::plain(Delete)],
            "d",
            Some(M::KeyDeleteTheSelectedItemAsks),
            Some(M::HintDel),
            items,
            Action::DeleteItem,
        );
        bind(
            &[Key::shift(Left)],
            "Shift-←/→",
            Some(M::KeyMoveTheItemOneZoom),
            Some(M::HintMove),
            items,
            Action::Shift(-1),
        );
        bind(
            &[Key::shift(Right)],
            "",
            None,
            None,
            items,
            Action::Shift(1),
        );
        bind(
            &[Key::ctrl(Left)],
            "Ctrl-←/→",
            Some(M::KeyShortenLengthenTheItemBy),
            None,
            items,
            Action::Stretch(-1),
        );
        bind(
            &[Key::ctrl(Right)],
            "",
            None,
            None,
            items,
            Action::Stretch(1),
        );
        bind(
            &[Key::char('+'), Key::char('=')],
            "+/-",
            Some(M::KeyZoomInOutWeekMonth),
            Some(M::HintZoom),
            items,
            Action::ZoomIn,
        );
        bind(&[Key::char('-')], "", None, None, items, Action::ZoomOut);
        bind(
            &[Key::char('g')],
            "g",
            Some(M::KeyGroupRowsBySectorOwner),
            Some(M::HintGroup),
            timeline,
            Action::CycleGrouping,
        );
        bind(
            &[Key::char('s')],
            "s",
            Some(M::KeySortByTheNextColumn),
            Some(M::HintSort),
            table,
            Action::CycleSort,
        );
        bind(
            &[Key::char('r')],
            "r",
            Some(M::KeyReverseTheSort),
            None,
            table,
            Action::ReverseSort,
        );
        bind(
            &[Key::char('/')],
            "/",
            Some(M::KeySearchTitlesAndIds),
            Some(M::HintSearch),
            items,
            Action::StartSearch,
        );
        bind(
            &[Key::char('n')],
            "n",
            Some(M::KeyNextSearchMatch),
            None,
            items,
            Action::NextMatch,
        );
        bind(
            &[Key::char('f')],
            "f",
            Some(M::KeyFilterBySectorKindOr),
            Some(M::HintFilter),
            items,
            Action::OpenFilter,
        );
        bind(
            &[Key::char('c')],
            "c",
            Some(M::KeyShowCriticalItemsOnlyToggle),
            None,
            items,
            Action::ToggleCriticalOnly,
        );
        bind(
            &[Key::plain(Esc)],
            "Esc",
            Some(M::KeyClearSearchFilterAndMessage),
            None,
            all,
            Action::Clear,
        );
        bind(
            &[Key::char('b')],
            "b",
            Some(M::KeySwitchLanguage),
            None,
            all,
            Action::SwitchLanguage,
        );
        bind(
            &[Key::char('m')],
            "m",
            Some(M::KeyManageSectorsAndFundingSchemes),
            None,
            all,
            Action::ManageCatalogs,
        );
        bind(
            &[Key::char('C')],
            "C",
            Some(M::KeyShowConflicts),
            None,
            all,
            Action::ShowConflicts,
        );
        bind(
            &[Key::char('u')],
            "u",
            Some(M::KeyUndo),
            Some(M::HintUndo),
            all,
            Action::Undo,
        );
        bind(
            &[Key::ctrl(Char('r'))],
            "Ctrl-r",
            Some(M::KeyRedo),
            None,
            all,
            Action::Redo,
        );
        bind(
            &[Key::ctrl(Char('s'))],
            "Ctrl-s",
            Some(M::KeySave),
            Some(M::HintSave),
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
            .map(|b| (b.label, b.help.map_or("", ui)))
            .collect()
    }

    /// Short hints for the status bar: (first key, word).
    pub fn hints(&self, view: View) -> Vec<(&'static str, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.scope.contains(view))
            .filter_map(|b| b.hint.map(|hint| (short_label(b.label), ui(hint))))
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
