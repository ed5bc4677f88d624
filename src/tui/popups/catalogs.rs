//! Sectors and funding schemes: add, rename (a new id carries every reference along) and
//! remove (refused while items use it, naming them). Each change applies at once through the
//! history (`ApplyAndStay`), so `u` undoes it after the popup closes.

use super::form::draw::{self, RowCursor};
use crate::i18n::{current, ui, M};
use crate::model::{self, Edit, EditError, Roadmap};
use crate::tr;
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, wrap, Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::TextField;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use std::collections::HashMap;

pub fn open(_doc: &Document) -> Box<dyn Popup> {
    Box::new(Catalogs::default())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Catalog {
    #[default]
    Sectors,
    Schemes,
}

impl Catalog {
    fn what(self) -> &'static str {
        match self {
            Catalog::Sectors => ui(M::CatSector),
            Catalog::Schemes => ui(M::CatScheme),
        }
    }

    /// (id, name) of each entry.
    fn entries(self, roadmap: &Roadmap) -> Vec<(&str, &str)> {
        match self {
            Catalog::Sectors => roadmap
                .sectors
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect(),
            Catalog::Schemes => roadmap
                .funding_schemes
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str()))
                .collect(),
        }
    }

    fn add(self, roadmap: &Roadmap, id: &str, name: &str) -> Result<Edit, EditError> {
        match self {
            Catalog::Sectors => model::add_sector(roadmap, id, name),
            Catalog::Schemes => model::add_funding_scheme(roadmap, id, name),
        }
    }

    fn rename(self, roadmap: &Roadmap, i: usize, id: &str, name: &str) -> Result<Edit, EditError> {
        match self {
            Catalog::Sectors => model::rename_sector(roadmap, i, id, name),
            Catalog::Schemes => model::rename_funding_scheme(roadmap, i, id, name),
        }
    }

    fn remove(self, roadmap: &Roadmap, i: usize) -> Result<Edit, EditError> {
        match self {
            Catalog::Sectors => model::remove_sector(roadmap, i),
            Catalog::Schemes => model::remove_funding_scheme(roadmap, i),
        }
    }

    /// How many items use each id.
    fn usage(self, roadmap: &Roadmap) -> HashMap<&str, usize> {
        let mut counts = HashMap::new();
        for item in &roadmap.items {
            match self {
                Catalog::Sectors => *counts.entry(item.sector.as_str()).or_insert(0) += 1,
                Catalog::Schemes => {
                    let mut seen: Vec<&str> =
                        item.funding.iter().map(|l| l.scheme.as_str()).collect();
                    seen.sort_unstable();
                    seen.dedup();
                    for id in seen {
                        *counts.entry(id).or_insert(0) += 1;
                    }
                }
            }
        }
        counts
    }
}

/// The id and name being typed, for a new entry (`index` None) or a rename.
struct Editor {
    index: Option<usize>,
    id: TextField,
    name: TextField,
    on_name: bool,
}

#[derive(Default)]
pub struct Catalogs {
    catalog: Catalog,
    selected: [usize; 2],
    editor: Option<Editor>,
    /// The last outcome: (text, is an error).
    message: Option<(String, bool)>,
}

impl Catalogs {
    pub fn catalog(&self) -> Catalog {
        self.catalog
    }

    fn slot(&self) -> usize {
        match self.catalog {
            Catalog::Sectors => 0,
            Catalog::Schemes => 1,
        }
    }

    fn selected(&self) -> usize {
        self.selected[self.slot()]
    }

    fn set_selected(&mut self, value: usize) {
        let slot = self.slot();
        self.selected[slot] = value;
    }

    fn done(&mut self, text: String, edit: Edit) -> PopupOutcome {
        self.message = Some((text, false));
        PopupOutcome::ApplyAndStay(edit)
    }

    fn refused(&mut self, err: &EditError) -> PopupOutcome {
        self.message = Some((
            tr!(current(), CatRefused, error = err.render(current())),
            true,
        ));
        PopupOutcome::Consumed
    }

    fn submit(&mut self, doc: &Document) -> PopupOutcome {
        let Some(editor) = &self.editor else {
            return PopupOutcome::Consumed;
        };
        let id = editor.id.text().trim().to_string();
        let name = editor.name.text().trim().to_string();
        let index = editor.index;
        let what = self.catalog.what();
        let result = match index {
            None => self
                .catalog
                .add(&doc.roadmap, &id, &name)
                .map(|edit| (edit, tr!(current(), CatAdded, what = what, id = id))),
            Some(i) => {
                let old = self
                    .catalog
                    .entries(&doc.roadmap)
                    .get(i)
                    .map(|(id, _)| id.to_string())
                    .unwrap_or_default();
                self.catalog
                    .rename(&doc.roadmap, i, &id, &name)
                    .map(|edit| {
                        let text = if old == id {
                            tr!(current(), CatRenamed, what = what, id = id)
                        } else {
                            tr!(current(), CatRenamedId, what = what, old = old, id = id)
                        };
                        (edit, text)
                    })
            }
        };
        match result {
            Ok((edit, text)) => {
                if index.is_none() {
                    let count = self.catalog.entries(&doc.roadmap).len();
                    self.set_selected(count);
                }
                self.editor = None;
                self.done(text, edit)
            }
            Err(err) => self.refused(&err),
        }
    }

    fn remove(&mut self, doc: &Document) -> PopupOutcome {
        let entries = self.catalog.entries(&doc.roadmap);
        let Some((id, _)) = entries.get(self.selected()) else {
            return PopupOutcome::Consumed;
        };
        let id = id.to_string();
        let count = entries.len();
        match self.catalog.remove(&doc.roadmap, self.selected()) {
            Ok(edit) => {
                let text = tr!(current(), CatRemoved, what = self.catalog.what(), id = id);
                self.set_selected(self.selected().min(count.saturating_sub(2)));
                self.done(text, edit)
            }
            Err(err) => self.refused(&err),
        }
    }

    fn edit_key(&mut self, key: KeyEvent, doc: &Document) -> PopupOutcome {
        let Some(editor) = &mut self.editor else {
            return PopupOutcome::Consumed;
        };
        match key.code {
            KeyCode::Esc => {
                self.editor = None;
                self.message = None;
            }
            KeyCode::Enter => return self.submit(doc),
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                editor.on_name = !editor.on_name
            }
            _ => {
                let field = if editor.on_name {
                    &mut editor.name
                } else {
                    &mut editor.id
                };
                field.handle_key(key);
            }
        }
        PopupOutcome::Consumed
    }
}

impl Popup for Catalogs {
    fn handle_key(&mut self, key: KeyEvent, doc: &Document) -> PopupOutcome {
        if self.editor.is_some() {
            return self.edit_key(key, doc);
        }
        let count = self.catalog.entries(&doc.roadmap).len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return PopupOutcome::Close,
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right => {
                self.catalog = match self.catalog {
                    Catalog::Sectors => Catalog::Schemes,
                    Catalog::Schemes => Catalog::Sectors,
                };
                self.message = None;
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.set_selected(self.selected().saturating_sub(1))
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.set_selected((self.selected() + 1).min(count.saturating_sub(1)))
            }
            KeyCode::Char('a') | KeyCode::Insert => {
                self.message = None;
                self.editor = Some(Editor {
                    index: None,
                    id: TextField::default(),
                    name: TextField::default(),
                    on_name: false,
                });
            }
            KeyCode::Char('r') | KeyCode::Char('e') | KeyCode::Enter => {
                let entries = self.catalog.entries(&doc.roadmap);
                if let Some((id, name)) = entries.get(self.selected()) {
                    self.editor = Some(Editor {
                        index: Some(self.selected()),
                        id: TextField::new(id),
                        name: TextField::new(name),
                        on_name: false,
                    });
                    self.message = None;
                }
            }
            KeyCode::Char('d') | KeyCode::Delete => return self.remove(doc),
            _ => {}
        }
        PopupOutcome::Consumed
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
        let width = area.width.saturating_sub(2).min(90);
        let longest = doc
            .roadmap
            .sectors
            .len()
            .max(doc.roadmap.funding_schemes.len());
        let wanted = u16::try_from(longest + 10).unwrap_or(u16::MAX);
        let height = area.height.saturating_sub(2).min(wanted);
        let inner = popup_frame(area, buf, theme, ui(M::CatTitle), width, height);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let row = |n: u16| Rect {
            y: inner.y + n,
            height: 1,
            ..inner
        };
        let text = draw::text_style(theme);
        let muted = draw::muted_style(theme);
        // Tabs for the two catalogs.
        let mut tabs = RowCursor::new(buf, row(0));
        for catalog in [Catalog::Sectors, Catalog::Schemes] {
            let count = catalog.entries(&doc.roadmap).len();
            let label = match catalog {
                Catalog::Sectors => tr!(current(), CatSectorsTab, n = count),
                Catalog::Schemes => tr!(current(), CatSchemesTab, n = count),
            };
            let style = if catalog == self.catalog {
                draw::field_style(theme, true).add_modifier(Modifier::BOLD)
            } else {
                muted
            };
            tabs.text(&label, style).gap(1);
        }

        let message_lines: Vec<String> = self
            .message
            .as_ref()
            .map(|(m, _)| wrap(m, usize::from(inner.width)))
            .unwrap_or_default();
        let editor_rows: u16 = if self.editor.is_some() { 3 } else { 0 };
        let reserved = 2 + editor_rows + u16::try_from(message_lines.len()).unwrap_or(0);
        let list_rows = usize::from(inner.height.saturating_sub(reserved));

        let entries = self.catalog.entries(&doc.roadmap);
        let usage = self.catalog.usage(&doc.roadmap);
        let selected = self.selected().min(entries.len().saturating_sub(1));
        self.set_selected(selected);
        let id_width = entries
            .iter()
            .map(|(id, _)| unicode_width::UnicodeWidthStr::width(*id))
            .max()
            .unwrap_or(2)
            .clamp(2, 24) as u16;
        let offset = draw::follow(0, selected, selected, list_rows);
        let (one, many) = match self.catalog {
            Catalog::Sectors => (M::CatItemsOne, M::CatItemsMany),
            Catalog::Schemes => (M::CatFundedOne, M::CatFundedMany),
        };
        for (n, (i, (id, name))) in entries
            .iter()
            .enumerate()
            .skip(offset)
            .take(list_rows)
            .enumerate()
        {
            let chosen = i == selected && self.editor.as_ref().is_none_or(|e| e.index.is_some());
            let style = if chosen {
                Style::new().fg(theme.selection_fg).bg(theme.selection_bg)
            } else {
                text
            };
            let used = usage.get(id).copied().unwrap_or(0);
            let uses = match used {
                0 => ui(M::CatUnused).to_string(),
                n => current().plural(n, one, many),
            };
            RowCursor::new(buf, row(1 + u16::try_from(n).unwrap_or(0)))
                .cell(if chosen { "▶ " } else { "  " }, 2, style)
                .cell(id, id_width + 2, style.add_modifier(Modifier::BOLD))
                .cell(name, 40, style)
                .text("  ", text)
                .text(&uses, muted);
        }
        let mut y = 1 + u16::try_from(list_rows).unwrap_or(0);
        if let Some(editor) = &self.editor {
            let title = match editor.index {
                None => tr!(current(), CatNew, what = self.catalog.what()),
                Some(_) => tr!(current(), CatRename, what = self.catalog.what()),
            };
            RowCursor::new(buf, row(y)).text(&title, draw::header_style(theme));
            RowCursor::new(buf, row(y + 1)).cell("  Id", 8, text).field(
                &editor.id,
                24,
                !editor.on_name,
                theme,
            );
            RowCursor::new(buf, row(y + 2))
                .cell(ui(M::CatName), 8, text)
                .field(&editor.name, 0, editor.on_name, theme);
            y += 3;
        }
        if let Some((_, is_error)) = &self.message {
            let style = if *is_error {
                draw::error_style(theme)
            } else {
                muted
            };
            for line in &message_lines {
                RowCursor::new(buf, row(y)).text(line, style);
                y += 1;
            }
        }
        let help = if self.editor.is_some() {
            ui(M::CatHelpEditor)
        } else {
            ui(M::CatHelp)
        };
        RowCursor::new(buf, row(inner.height - 1)).text(help, muted);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        if self.editor.is_some() {
            return vec![
                ("Tab", ui(M::HintIdName)),
                ("Enter", ui(M::HintOk)),
                ("Esc", ui(M::HintBack)),
            ];
        }
        vec![
            ("a", ui(M::HintAdd)),
            ("r", ui(M::HintRename)),
            ("d", ui(M::HintRemove)),
            ("Tab", ui(M::HintOtherList)),
            ("Esc", ui(M::HintClose)),
        ]
    }

    fn name(&self) -> &'static str {
        "catalogs"
    }
}
