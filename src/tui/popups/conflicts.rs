//! The merge conflicts `peta merge` recorded in the file, settled one by one: `o` keeps ours
//! (the value the file has), `t` applies theirs through the normal edit path, `e` opens the item
//! form (saving it settles the conflict). Each choice is one undoable edit that also removes the
//! record; `u` undoes it from here. The list is read from the roadmap on every key and frame, so
//! it always matches the file as it will be saved.

use crate::i18n::{current, ui, Text, M};
use crate::merge::resolve::{self, Nature, Recorded, Side, Subject};
use crate::tr;
use crate::tui::action::{Action, SaveRequest};
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, wrap, Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub fn open(doc: &Document) -> Box<dyn Popup> {
    Box::new(Conflicts {
        selected: 0,
        offset: 0,
        notice: None,
        total: resolve::count(&doc.roadmap),
    })
}

pub struct Conflicts {
    selected: usize,
    offset: usize,
    /// The outcome of the last choice: (text, is an error), shown in the current language.
    notice: Option<(Text, bool)>,
    /// How many there were when the popup opened, for "2 of 5 left".
    total: usize,
}

/// Most list rows shown at once; the explanation gets the rest.
const LIST_ROWS: usize = 8;

impl Conflicts {
    pub fn selected(&self) -> usize {
        self.selected
    }

    fn pick(&mut self, doc: &Document, conflict: &Recorded, side: Side) -> PopupOutcome {
        match resolve::pick(&doc.roadmap, conflict, side) {
            Ok(edit) => {
                let settled = match side {
                    Side::Ours => M::ConfSettledOurs,
                    Side::Theirs => M::ConfSettledTheirs,
                };
                let args = vec![
                    ("what", conflict.subject_text()),
                    ("field", Text::from(conflict.field.as_str())),
                ];
                self.notice = Some((Text::Key(settled, args), false));
                PopupOutcome::ApplyAndStay(edit)
            }
            Err(message) => {
                self.notice = Some((message, true));
                PopupOutcome::Consumed
            }
        }
    }

    fn edit(&mut self, doc: &Document, conflict: &Recorded) -> PopupOutcome {
        if let Some(index) = conflict.item_index(&doc.roadmap) {
            self.notice = None;
            return PopupOutcome::Run(Action::EditToResolve {
                index,
                conflict: Box::new(conflict.clone()),
            });
        }
        let what = vec![("what", conflict.subject_text())];
        let message = match (&conflict.subject, conflict.nature) {
            (Subject::Item(_), Nature::Deleted) => Text::Key(M::ConfNotInFile, what),
            (Subject::Item(_), _) => Text::Key(M::ConfNoLongerInFile, what),
            (Subject::Sector(_) | Subject::FundingScheme(_), _) => Text::key(M::ConfPickSectors),
            (Subject::Roadmap, _) => Text::key(M::ConfPickRoadmap),
        };
        self.notice = Some((message, true));
        PopupOutcome::Consumed
    }
}

impl Popup for Conflicts {
    fn handle_key(&mut self, key: KeyEvent, doc: &Document) -> PopupOutcome {
        let conflicts = resolve::recorded(&doc.roadmap);
        let last = conflicts.len().saturating_sub(1);
        self.selected = self.selected.min(last);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let current = conflicts.get(self.selected);
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return PopupOutcome::Close,
            KeyCode::Char('s') if ctrl => {
                return PopupOutcome::Run(Action::Save(SaveRequest::default()))
            }
            KeyCode::Char('r') if ctrl => return PopupOutcome::Run(Action::Redo),
            KeyCode::Char('u') => {
                self.notice = None;
                return PopupOutcome::Run(Action::Undo);
            }
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = last,
            KeyCode::Char('o') => {
                if let Some(conflict) = current {
                    return self.pick(doc, conflict, Side::Ours);
                }
            }
            KeyCode::Char('t') => {
                if let Some(conflict) = current {
                    return self.pick(doc, conflict, Side::Theirs);
                }
            }
            KeyCode::Char('e') | KeyCode::Enter => {
                if let Some(conflict) = current {
                    return self.edit(doc, conflict);
                }
            }
            _ => {}
        }
        PopupOutcome::Consumed
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
        let conflicts = resolve::recorded(&doc.roadmap);
        self.selected = self.selected.min(conflicts.len().saturating_sub(1));
        self.total = self.total.max(conflicts.len());
        let width = area.width.saturating_sub(2).min(100);
        let text_width = usize::from(width.saturating_sub(2)).max(1);
        let muted = Style::new().fg(theme.muted);
        let lang = current();
        let mut lines: Vec<Line> = Vec::new();
        if conflicts.is_empty() {
            lines.extend(
                wrap(ui(M::ConfNoneLeft), text_width)
                    .into_iter()
                    .map(|text| Line::styled(text, Style::new().fg(theme.done))),
            );
        } else {
            let rows = conflicts.len().min(LIST_ROWS);
            if self.selected < self.offset {
                self.offset = self.selected;
            } else if self.selected >= self.offset + rows {
                self.offset = self.selected + 1 - rows;
            }
            for (i, conflict) in conflicts.iter().enumerate().skip(self.offset).take(rows) {
                // Cut with an ellipsis so a shortened word never passes for a whole one.
                let text = fit(
                    &conflict.summary().render(lang),
                    text_width.saturating_sub(2),
                );
                lines.push(if i == self.selected {
                    Line::styled(
                        format!("▶ {text}"),
                        Style::new().fg(theme.selection_fg).bg(theme.selection_bg),
                    )
                } else {
                    Line::raw(format!("  {text}"))
                });
            }
            lines.push(Line::styled("─".repeat(text_width), muted));
            if let Some(conflict) = conflicts.get(self.selected) {
                let reason = tr!(
                    lang,
                    ConfReason,
                    reason = conflict.reason_text().render(lang)
                );
                lines.extend(
                    wrap(&reason, text_width)
                        .into_iter()
                        .map(|text| Line::styled(text, Style::new().fg(theme.error))),
                );
                lines.extend(
                    wrap(&conflict.explain().render(lang), text_width)
                        .into_iter()
                        .map(Line::raw),
                );
            }
        }
        if let Some((notice, error)) = &self.notice {
            let color = if *error { theme.error } else { theme.done };
            lines.extend(
                wrap(&notice.render(lang), text_width)
                    .into_iter()
                    .map(|text| Line::styled(text, Style::new().fg(color))),
            );
        }
        let mut keys = Vec::new();
        for (key, word) in [
            ("o", M::HintOurs),
            ("t", M::HintTheirs),
            ("e", M::HintEdit),
            ("u", M::HintUndo),
            ("Ctrl-s", M::HintSave),
            ("Esc", M::HintClose),
        ] {
            let word = lang.t(word);
            keys.push(Span::styled(
                format!(" {key} "),
                Style::new().fg(theme.key_hint).add_modifier(Modifier::BOLD),
            ));
            keys.push(Span::raw(format!("{word} ")));
        }
        lines.push(Line::from(keys));
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let title = if conflicts.is_empty() {
            ui(M::ConfTitleSettled).to_string()
        } else {
            tr!(lang, ConfTitleLeft, n = conflicts.len(), total = self.total)
        };
        let inner = popup_frame(area, buf, theme, &title, width, height);
        Paragraph::new(lines).render(inner, buf);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", ui(M::HintChoose)),
            ("o", ui(M::HintOurs)),
            ("t", ui(M::HintTheirs)),
            ("e", ui(M::HintEdit)),
            ("u", ui(M::HintUndo)),
            ("Esc", ui(M::HintClose)),
        ]
    }

    fn name(&self) -> &'static str {
        "conflicts"
    }
}
