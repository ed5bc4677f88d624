//! The item edit form: every field of one item, its dependencies, funding lines and talent
//! lines. Nothing changes until Enter; then the draft is parsed (dates, numbers) and checked by
//! `model::update_item`, and either applied as one edit or refused with a message next to each
//! bad field, leaving the item as it was.
//!
//! A field the planner did not touch keeps its original value, even one that was invalid in
//! the file, so an old problem elsewhere in the item never blocks fixing another field.

mod build;
mod choice;
pub mod draw;
mod layout;
pub mod parse;

use super::dependencies::{refusal, DepPicker, PickerEvent};
use crate::i18n::{ui, M};
use crate::merge::resolve::Recorded;
use crate::model::{
    self, format_date, Dependency, FundingLine, FundingStatus, Invalid, Item, Kind, LinkType,
    RegulationStage, TalentNeed,
};
use crate::tui::document::Document;
use crate::tui::popup::{Popup, PopupOutcome};
use crate::tui::theme::Theme;
use crate::tui::widgets::text_field::TextField;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::Value;
use std::collections::HashSet;

pub fn open(doc: &Document, index: usize) -> Box<dyn Popup> {
    Box::new(Form::new(doc, index))
}

/// The form on the item a merge conflict is about; saving it settles the conflict (a cycle
/// conflict only once the cycle is broken).
pub fn open_resolving(doc: &Document, index: usize, conflict: Recorded) -> Box<dyn Popup> {
    let mut form = Form::new(doc, index);
    form.resolving = Some(conflict);
    Box::new(form)
}

/// A place in the form: the fields and list cells focus moves through, and the anchors that
/// errors about a whole list (or the whole item) attach to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    Title,
    Id,
    Sector,
    Kind,
    Start,
    End,
    Progress,
    Owner,
    Cost,
    Notes,
    Instrument,
    Stage,
    DepLink(usize),
    DepLag(usize),
    AddDep,
    FundScheme(usize),
    FundYear(usize),
    FundAmount(usize),
    FundStatus(usize),
    AddFunding,
    TalentRole(usize),
    TalentCount(usize),
    TalentYear(usize),
    AddTalent,
    /// Error anchors only.
    Dependencies,
    Funding,
    Talent,
    Whole,
}

/// A text field and the text it started with, to tell whether the planner changed it.
#[derive(Debug, Clone)]
pub struct Input {
    pub field: TextField,
    initial: String,
}

impl Input {
    fn new(text: &str) -> Input {
        Input {
            field: TextField::new(text),
            initial: text.to_string(),
        }
    }

    pub fn text(&self) -> &str {
        self.field.text()
    }

    fn changed(&self) -> bool {
        self.field.text() != self.initial
    }
}

pub struct DepRow {
    original: Option<Dependency>,
    pub id: String,
    pub link: LinkType,
    pub lag: Input,
}

pub struct FundRow {
    original: Option<FundingLine>,
    pub scheme: String,
    pub year: Input,
    pub amount: Input,
    pub status: Option<FundingStatus>,
}

pub struct TalentRow {
    original: Option<TalentNeed>,
    pub role: Input,
    pub count: Input,
    /// Empty: every year the item is active.
    pub year: Input,
}

pub struct Form {
    index: usize,
    original: Item,
    pub title: Input,
    pub id: Input,
    pub sector: String,
    pub kind: Option<Kind>,
    pub start: Input,
    pub end: Input,
    pub progress: Input,
    pub owner: Input,
    pub cost: Input,
    pub notes: Input,
    pub instrument: Input,
    pub stage: Option<RegulationStage>,
    pub deps: Vec<DepRow>,
    pub funding: Vec<FundRow>,
    pub talent: Vec<TalentRow>,
    pub focus: Stop,
    pub errors: Vec<(Stop, String)>,
    picker: Option<DepPicker>,
    scroll: usize,
    /// The roadmap\'s currency, for money shown next to amounts.
    currency: String,
    /// The merge conflict that saving settles.
    resolving: Option<Recorded>,
}

/// A kept invalid value as the planner wrote it, to show in its field.
fn raw(invalid: &Invalid, key: &str) -> Option<String> {
    invalid.get(key).map(|value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    })
}

fn text_or_raw(value: &str, invalid: &Invalid, key: &str) -> String {
    if value.is_empty() {
        raw(invalid, key).unwrap_or_default()
    } else {
        value.to_string()
    }
}

fn number_or_raw(value: impl ToString, invalid: &Invalid, key: &str) -> String {
    raw(invalid, key).unwrap_or_else(|| value.to_string())
}

fn option_or_raw(value: Option<String>, invalid: &Invalid, key: &str) -> String {
    value.or_else(|| raw(invalid, key)).unwrap_or_default()
}

impl Form {
    pub fn new(doc: &Document, index: usize) -> Form {
        let item = doc
            .roadmap
            .items
            .get(index)
            .map(|item| Item::clone(item))
            .unwrap_or_default();
        let inv = &item.invalid;
        let regulation = item.regulation.clone().unwrap_or_default();
        Form {
            index,
            title: Input::new(&text_or_raw(&item.title, inv, "title")),
            id: Input::new(&text_or_raw(&item.id, inv, "id")),
            sector: item.sector.clone(),
            kind: item.kind,
            start: Input::new(&option_or_raw(item.start.map(format_date), inv, "start")),
            end: Input::new(&option_or_raw(item.end.map(format_date), inv, "end")),
            progress: Input::new(&number_or_raw(item.progress, inv, "progress")),
            owner: Input::new(&option_or_raw(item.owner.clone(), inv, "owner")),
            cost: Input::new(&option_or_raw(
                item.cost.map(|c| c.to_string()),
                inv,
                "cost",
            )),
            notes: Input::new(&option_or_raw(item.notes.clone(), inv, "notes")),
            instrument: Input::new(&text_or_raw(
                &regulation.instrument,
                &regulation.invalid,
                "instrument",
            )),
            stage: regulation.stage,
            deps: item
                .depends_on
                .iter()
                .map(|dep| DepRow {
                    original: Some(dep.clone()),
                    id: text_or_raw(&dep.id, &dep.invalid, "id"),
                    link: dep.link,
                    lag: Input::new(&number_or_raw(dep.lag_days, &dep.invalid, "lag_days")),
                })
                .collect(),
            funding: item
                .funding
                .iter()
                .map(|line| FundRow {
                    original: Some(line.clone()),
                    scheme: text_or_raw(&line.scheme, &line.invalid, "scheme"),
                    year: Input::new(&number_or_raw(line.year, &line.invalid, "year")),
                    amount: Input::new(&number_or_raw(line.amount, &line.invalid, "amount")),
                    status: line.status,
                })
                .collect(),
            talent: item
                .talent
                .iter()
                .map(|need| TalentRow {
                    original: Some(need.clone()),
                    role: Input::new(&text_or_raw(&need.role, &need.invalid, "role")),
                    count: Input::new(&number_or_raw(need.count, &need.invalid, "count")),
                    year: Input::new(&option_or_raw(
                        need.year.map(|y| y.to_string()),
                        &need.invalid,
                        "year",
                    )),
                })
                .collect(),
            original: item,
            focus: Stop::Title,
            errors: Vec::new(),
            picker: None,
            scroll: 0,
            currency: doc.roadmap.currency.clone(),
            resolving: None,
        }
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn is_regulation(&self) -> bool {
        self.kind == Some(Kind::Regulation)
    }

    /// Every focusable place, in Tab order.
    pub fn stops(&self) -> Vec<Stop> {
        use Stop::*;
        let mut stops = vec![
            Title, Id, Sector, Kind, Start, End, Progress, Owner, Cost, Notes,
        ];
        if self.is_regulation() {
            stops.extend([Instrument, Stage]);
        }
        for i in 0..self.deps.len() {
            stops.extend([DepLink(i), DepLag(i)]);
        }
        stops.push(AddDep);
        for i in 0..self.funding.len() {
            stops.extend([FundScheme(i), FundYear(i), FundAmount(i), FundStatus(i)]);
        }
        stops.push(AddFunding);
        for i in 0..self.talent.len() {
            stops.extend([TalentRole(i), TalentCount(i), TalentYear(i)]);
        }
        stops.push(AddTalent);
        stops
    }

    fn move_focus(&mut self, step: isize) {
        let stops = self.stops();
        let at = stops.iter().position(|s| *s == self.focus).unwrap_or(0) as isize;
        let len = stops.len() as isize;
        self.focus = stops[(at + step).rem_euclid(len) as usize];
    }

    pub fn input(&self, stop: Stop) -> Option<&Input> {
        match stop {
            Stop::Title => Some(&self.title),
            Stop::Id => Some(&self.id),
            Stop::Start => Some(&self.start),
            Stop::End => Some(&self.end),
            Stop::Progress => Some(&self.progress),
            Stop::Owner => Some(&self.owner),
            Stop::Cost => Some(&self.cost),
            Stop::Notes => Some(&self.notes),
            Stop::Instrument => Some(&self.instrument),
            Stop::DepLag(i) => self.deps.get(i).map(|r| &r.lag),
            Stop::FundYear(i) => self.funding.get(i).map(|r| &r.year),
            Stop::FundAmount(i) => self.funding.get(i).map(|r| &r.amount),
            Stop::TalentRole(i) => self.talent.get(i).map(|r| &r.role),
            Stop::TalentCount(i) => self.talent.get(i).map(|r| &r.count),
            Stop::TalentYear(i) => self.talent.get(i).map(|r| &r.year),
            _ => None,
        }
    }

    fn input_mut(&mut self, stop: Stop) -> Option<&mut Input> {
        match stop {
            Stop::Title => Some(&mut self.title),
            Stop::Id => Some(&mut self.id),
            Stop::Start => Some(&mut self.start),
            Stop::End => Some(&mut self.end),
            Stop::Progress => Some(&mut self.progress),
            Stop::Owner => Some(&mut self.owner),
            Stop::Cost => Some(&mut self.cost),
            Stop::Notes => Some(&mut self.notes),
            Stop::Instrument => Some(&mut self.instrument),
            Stop::DepLag(i) => self.deps.get_mut(i).map(|r| &mut r.lag),
            Stop::FundYear(i) => self.funding.get_mut(i).map(|r| &mut r.year),
            Stop::FundAmount(i) => self.funding.get_mut(i).map(|r| &mut r.amount),
            Stop::TalentRole(i) => self.talent.get_mut(i).map(|r| &mut r.role),
            Stop::TalentCount(i) => self.talent.get_mut(i).map(|r| &mut r.count),
            Stop::TalentYear(i) => self.talent.get_mut(i).map(|r| &mut r.year),
            _ => None,
        }
    }

    fn is_choice(stop: Stop) -> bool {
        matches!(
            stop,
            Stop::Sector
                | Stop::Kind
                | Stop::Stage
                | Stop::DepLink(_)
                | Stop::FundScheme(_)
                | Stop::FundStatus(_)
        )
    }

    fn add_row(&mut self, doc: &Document) {
        match self.focus {
            Stop::AddDep => {
                let mut exclude: HashSet<String> = self.deps.iter().map(|d| d.id.clone()).collect();
                exclude.insert(self.original.id.clone());
                self.picker = Some(DepPicker::new(doc, self.index, exclude));
            }
            Stop::AddFunding => {
                let scheme = doc
                    .roadmap
                    .funding_schemes
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default();
                let year = parse::date(self.start.text())
                    .ok()
                    .or(self.original.start)
                    .or(doc.roadmap.start)
                    .map(|d| chrono::Datelike::year(&d).to_string())
                    .unwrap_or_default();
                self.funding.push(FundRow {
                    original: None,
                    scheme,
                    year: Input::new(&year),
                    amount: Input::new(""),
                    status: Some(FundingStatus::Proposed),
                });
                self.focus = Stop::FundAmount(self.funding.len() - 1);
            }
            Stop::AddTalent => {
                self.talent.push(TalentRow {
                    original: None,
                    role: Input::new(""),
                    count: Input::new("1"),
                    year: Input::new(""),
                });
                self.focus = Stop::TalentRole(self.talent.len() - 1);
            }
            _ => {}
        }
    }

    /// Drops the list line under the focus (Ctrl-d).
    fn remove_row(&mut self) {
        fn after(len: usize, i: usize, row: fn(usize) -> Stop, add: Stop) -> Stop {
            if i < len {
                row(i)
            } else {
                add
            }
        }
        match self.focus {
            Stop::DepLink(i) | Stop::DepLag(i) if i < self.deps.len() => {
                self.deps.remove(i);
                self.focus = after(self.deps.len(), i, Stop::DepLink, Stop::AddDep);
            }
            Stop::FundScheme(i) | Stop::FundYear(i) | Stop::FundAmount(i) | Stop::FundStatus(i)
                if i < self.funding.len() =>
            {
                self.funding.remove(i);
                self.focus = after(self.funding.len(), i, Stop::FundScheme, Stop::AddFunding);
            }
            Stop::TalentRole(i) | Stop::TalentCount(i) | Stop::TalentYear(i)
                if i < self.talent.len() =>
            {
                self.talent.remove(i);
                self.focus = after(self.talent.len(), i, Stop::TalentRole, Stop::AddTalent);
            }
            _ => return,
        }
        // Row numbers moved; errors about rows would point at the wrong ones.
        self.errors.clear();
    }

    /// The picker chose a predecessor: checked against the draft's links (duplicates,
    /// cycles) before it joins the list.
    fn picked(&mut self, doc: &Document, pred: usize, link: LinkType, lag: i64) {
        let draft = self.deps.iter().map(|row| row.id.as_str());
        match model::check_new_link(&doc.roadmap, doc.network(), self.index, draft, pred, lag) {
            Ok(_) => {
                let id = doc.roadmap.items[pred].id.clone();
                self.deps.push(DepRow {
                    original: None,
                    id,
                    link,
                    lag: Input::new(&lag.to_string()),
                });
                self.picker = None;
                self.focus = Stop::DepLink(self.deps.len() - 1);
            }
            Err(err) => {
                if let Some(picker) = &mut self.picker {
                    picker.refuse(refusal(&err));
                }
            }
        }
    }

    pub fn errors_for(&self, stop: Stop) -> impl Iterator<Item = &str> {
        self.errors
            .iter()
            .filter(move |(s, _)| *s == stop)
            .map(|(_, m)| m.as_str())
    }

    pub fn picker_open(&self) -> bool {
        self.picker.is_some()
    }
}

impl Popup for Form {
    fn handle_key(&mut self, key: KeyEvent, doc: &Document) -> PopupOutcome {
        if let Some(picker) = &mut self.picker {
            match picker.handle_key(key, doc) {
                PickerEvent::Consumed => {}
                PickerEvent::Cancel => self.picker = None,
                PickerEvent::Pick { pred, link, lag } => self.picked(doc, pred, link, lag),
            }
            return PopupOutcome::Consumed;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return PopupOutcome::Close,
            KeyCode::Enter => {
                if matches!(
                    self.focus,
                    Stop::AddDep | Stop::AddFunding | Stop::AddTalent
                ) {
                    self.add_row(doc);
                } else {
                    return self.submit(doc);
                }
            }
            KeyCode::Tab | KeyCode::Down => self.move_focus(1),
            KeyCode::BackTab | KeyCode::Up => self.move_focus(-1),
            KeyCode::PageDown => self.move_focus(5),
            KeyCode::PageUp => self.move_focus(-5),
            KeyCode::Char('d') if ctrl => self.remove_row(),
            KeyCode::Char(' ')
                if matches!(
                    self.focus,
                    Stop::AddDep | Stop::AddFunding | Stop::AddTalent
                ) =>
            {
                self.add_row(doc)
            }
            _ if Form::is_choice(self.focus) => match key.code {
                KeyCode::Left => self.choose(doc, -1, None),
                KeyCode::Right | KeyCode::Char(' ') => self.choose(doc, 1, None),
                KeyCode::Char(c) if !ctrl && c.is_alphanumeric() => self.choose(doc, 1, Some(c)),
                _ => {}
            },
            _ => {
                let focus = self.focus;
                if let Some(input) = self.input_mut(focus) {
                    let before = input.text().to_string();
                    input.field.handle_key(key);
                    if input.text() != before {
                        self.errors.retain(|(s, _)| *s != focus);
                    }
                }
            }
        }
        PopupOutcome::Consumed
    }

    fn render(&mut self, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
        layout::render(self, area, buf, doc, theme);
    }

    fn hints(&self) -> Vec<(&'static str, &'static str)> {
        if self.picker.is_some() {
            return DepPicker::hints();
        }
        let mut hints = vec![
            ("Tab", ui(M::HintNext)),
            ("Enter", ui(M::HintSave)),
            ("Esc", ui(M::HintCancel)),
        ];
        match self.focus {
            Stop::AddDep | Stop::AddFunding | Stop::AddTalent => {
                hints[1] = ("Enter", ui(M::HintAddLine))
            }
            stop if Form::is_choice(stop) => hints.insert(1, ("←→", ui(M::HintChoose))),
            _ => {}
        }
        if matches!(
            self.focus,
            Stop::DepLink(_)
                | Stop::DepLag(_)
                | Stop::FundScheme(_)
                | Stop::FundYear(_)
                | Stop::FundAmount(_)
                | Stop::FundStatus(_)
                | Stop::TalentRole(_)
                | Stop::TalentCount(_)
                | Stop::TalentYear(_)
        ) {
            hints.push(("Ctrl-d", ui(M::HintRemoveLine)));
        }
        hints
    }

    fn name(&self) -> &'static str {
        "form"
    }
}

/// The layout module reads the form's private state through these.
impl Form {
    fn picker_mut(&mut self) -> Option<&mut DepPicker> {
        self.picker.as_mut()
    }

    fn scroll_mut(&mut self) -> &mut usize {
        &mut self.scroll
    }

    fn original(&self) -> &Item {
        &self.original
    }

    fn resolving(&self) -> Option<&Recorded> {
        self.resolving.as_ref()
    }
}
