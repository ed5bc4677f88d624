//! Drawing the item form: one screen row per field or list line, each error on the rows
//! right below its field, scrolled so the focused field and its errors stay visible.

use super::draw::{self, RowCursor};
use super::{parse, Form, Stop};
use crate::i18n::{current, ui, M};
use crate::model::format_date;
use crate::report::money::format_money;
use crate::tr;
use crate::tui::document::Document;
use crate::tui::popup::{popup_frame, wrap};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

/// Columns taken by field labels.
const LABEL: u16 = 12;

enum Row {
    Field(Stop),
    Header(String),
    Dep(usize),
    Fund(usize),
    Talent(usize),
    Add(Stop, &'static str),
    Error(String),
    Blank,
}

fn label(stop: Stop) -> &'static str {
    let key = match stop {
        Stop::Title => M::FormTitle,
        Stop::Id => M::FormId,
        Stop::Sector => M::FormSector,
        Stop::Kind => M::FormKind,
        Stop::Start => M::FormStart,
        Stop::End => M::FormEnd,
        Stop::Progress => M::FormProgress,
        Stop::Owner => M::FormOwner,
        Stop::Cost => M::FormCost,
        Stop::Notes => M::FormNotes,
        Stop::Instrument => M::FormInstrument,
        Stop::Stage => M::FormStage,
        _ => return "",
    };
    ui(key)
}

/// The stops a row holds, to find the focused row.
fn holds(row: &Row, stop: Stop) -> bool {
    match (row, stop) {
        (Row::Field(s), _) | (Row::Add(s, _), _) => *s == stop,
        (Row::Dep(i), Stop::DepLink(j) | Stop::DepLag(j)) => *i == j,
        (
            Row::Fund(i),
            Stop::FundScheme(j) | Stop::FundYear(j) | Stop::FundAmount(j) | Stop::FundStatus(j),
        ) => *i == j,
        (Row::Talent(i), Stop::TalentRole(j) | Stop::TalentCount(j) | Stop::TalentYear(j)) => {
            *i == j
        }
        _ => false,
    }
}

fn rows(form: &Form, width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let errors = |rows: &mut Vec<Row>, stops: &[Stop]| {
        for stop in stops {
            for message in form.errors_for(*stop) {
                for line in wrap(
                    &format!("✗ {message}"),
                    width.saturating_sub(usize::from(LABEL)),
                ) {
                    rows.push(Row::Error(line));
                }
            }
        }
    };
    let mut fields = vec![
        Stop::Title,
        Stop::Id,
        Stop::Sector,
        Stop::Kind,
        Stop::Start,
        Stop::End,
        Stop::Progress,
        Stop::Owner,
        Stop::Cost,
        Stop::Notes,
    ];
    if form.is_regulation() {
        fields.extend([Stop::Instrument, Stop::Stage]);
    }
    for stop in fields {
        rows.push(Row::Field(stop));
        errors(&mut rows, &[stop]);
    }
    rows.push(Row::Blank);
    rows.push(Row::Header(tr!(
        current(),
        FormDependencies,
        n = form.deps.len()
    )));
    errors(&mut rows, &[Stop::Dependencies]);
    for i in 0..form.deps.len() {
        rows.push(Row::Dep(i));
        errors(&mut rows, &[Stop::DepLink(i), Stop::DepLag(i)]);
    }
    rows.push(Row::Add(Stop::AddDep, ui(M::FormAddDep)));
    let planned: u128 = form
        .funding
        .iter()
        .filter_map(|row| parse::amount(row.amount.text()).ok().flatten())
        .map(u128::from)
        .sum();
    let cost = parse::amount(form.cost.text())
        .ok()
        .flatten()
        .map_or(0, u128::from);
    let currency = &form.currency;
    rows.push(Row::Header(tr!(
        current(),
        FormFundingHeader,
        n = form.funding.len(),
        planned = format_money(planned, currency),
        cost = format_money(cost, currency)
    )));
    errors(&mut rows, &[Stop::Funding]);
    for i in 0..form.funding.len() {
        rows.push(Row::Fund(i));
        errors(
            &mut rows,
            &[
                Stop::FundScheme(i),
                Stop::FundYear(i),
                Stop::FundAmount(i),
                Stop::FundStatus(i),
            ],
        );
    }
    rows.push(Row::Add(Stop::AddFunding, ui(M::FormAddFunding)));
    rows.push(Row::Header(tr!(
        current(),
        FormTalent,
        n = form.talent.len()
    )));
    errors(&mut rows, &[Stop::Talent]);
    for i in 0..form.talent.len() {
        rows.push(Row::Talent(i));
        errors(
            &mut rows,
            &[
                Stop::TalentRole(i),
                Stop::TalentCount(i),
                Stop::TalentYear(i),
            ],
        );
    }
    rows.push(Row::Add(Stop::AddTalent, ui(M::FormAddTalent)));
    errors(&mut rows, &[Stop::Whole]);
    rows
}

pub(super) fn render(form: &mut Form, area: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
    let label_text = form.original().label(form.index());
    let width = area.width.saturating_sub(2).min(100);
    let inner_width = usize::from(width.saturating_sub(2));
    let rows = rows(form, inner_width);
    let wanted = u16::try_from(rows.len() + 3).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(wanted.max(16));
    let lang = current();
    let title = match form.resolving() {
        Some(conflict) if conflict.field.is_empty() => {
            tr!(lang, FormEditSettlesConflict, item = label_text)
        }
        Some(conflict) => tr!(
            lang,
            FormEditSettlesConflictOn,
            item = label_text,
            field = conflict.field
        ),
        None => tr!(lang, FormEdit, item = label_text),
    };
    let inner = popup_frame(area, buf, theme, &title, width, height);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if let Some(picker) = form.picker_mut() {
        RowCursor::new(buf, inner).text(
            &tr!(current(), FormAddPredecessor, item = label_text),
            draw::header_style(theme),
        );
        let rest = Rect {
            y: inner.y + 1,
            height: inner.height.saturating_sub(1),
            ..inner
        };
        picker.render(rest, buf, doc, theme);
        return;
    }
    // The last row is the footer.
    let body = usize::from(inner.height.saturating_sub(1));
    let focus = form.focus;
    let first = rows.iter().position(|r| holds(r, focus)).unwrap_or(0);
    let mut last = first;
    while matches!(rows.get(last + 1), Some(Row::Error(_))) {
        last += 1;
    }
    let offset = draw::follow(*form.scroll_mut(), first, last, body);
    *form.scroll_mut() = offset;
    for (n, row) in rows.iter().skip(offset).take(body).enumerate() {
        let line = Rect {
            y: inner.y + u16::try_from(n).unwrap_or(0),
            height: 1,
            ..inner
        };
        draw_row(form, row, line, buf, doc, theme);
    }
    let footer = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    if form.errors.is_empty() {
        let more = if rows.len() > body {
            tr!(
                current(),
                FormRows,
                from = offset + 1,
                to = (offset + body).min(rows.len()),
                total = rows.len()
            )
        } else {
            String::new()
        };
        RowCursor::new(buf, footer).text(
            &format!("{more}{}", ui(M::FormFooter)),
            draw::muted_style(theme),
        );
    } else {
        let n = form.errors.len();
        RowCursor::new(buf, footer).text(
            &current().plural(n, M::FormNotSavedOne, M::FormNotSavedMany),
            draw::error_style(theme).add_modifier(Modifier::BOLD),
        );
    }
}

fn draw_row(form: &Form, row: &Row, line: Rect, buf: &mut Buffer, doc: &Document, theme: &Theme) {
    let text = draw::text_style(theme);
    let muted = draw::muted_style(theme);
    let focus = form.focus;
    let left = line.x;
    let mut cursor = RowCursor::new(buf, line);
    match row {
        Row::Blank => {}
        Row::Header(title) => {
            cursor.text(title, draw::header_style(theme));
        }
        Row::Error(message) => {
            cursor.gap(LABEL).text(message, draw::error_style(theme));
        }
        Row::Add(stop, words) => {
            let style = if focus == *stop {
                draw::field_style(theme, true)
            } else {
                Style::new().fg(theme.key_hint).bg(theme.popup_bg)
            };
            cursor.gap(2).text(words, style);
        }
        Row::Field(stop) => {
            cursor.cell(label(*stop), LABEL, text);
            field(form, *stop, &mut cursor, doc, theme);
        }
        Row::Dep(i) => {
            let Some(dep) = form.deps.get(*i) else {
                return;
            };
            let title = doc
                .roadmap
                .index_of(&dep.id)
                .and_then(|p| doc.roadmap.items.get(p))
                .map_or(ui(M::FormNoSuchItem), |p| p.title.as_str());
            cursor
                .gap(2)
                .choice(dep.link.as_str(), focus == Stop::DepLink(*i), theme)
                .text(ui(M::FormLag), text)
                .field(&dep.lag.field, 6, focus == Stop::DepLag(*i), theme)
                .text(ui(M::FormDays), text)
                .text(&dep.id, text.add_modifier(Modifier::BOLD))
                .text("  ", text)
                .text(title, muted);
        }
        Row::Fund(i) => {
            let Some(row) = form.funding.get(*i) else {
                return;
            };
            let status = row.status.map_or(ui(M::FormNone), |s| s.label(current()));
            cursor
                .gap(2)
                .choice(&row.scheme, focus == Stop::FundScheme(*i), theme)
                .at(left, 13)
                .text(ui(M::FormYear), text)
                .field(&row.year.field, 5, focus == Stop::FundYear(*i), theme)
                .text(ui(M::FormAmount), text)
                .field(&row.amount.field, 18, focus == Stop::FundAmount(*i), theme)
                .text("  ", text)
                .choice(status, focus == Stop::FundStatus(*i), theme);
        }
        Row::Talent(i) => {
            let Some(row) = form.talent.get(*i) else {
                return;
            };
            cursor
                .gap(2)
                .text(ui(M::FormRole), text)
                .field(&row.role.field, 30, focus == Stop::TalentRole(*i), theme)
                .text(ui(M::FormCount), text)
                .field(&row.count.field, 6, focus == Stop::TalentCount(*i), theme)
                .text(ui(M::FormYear2), text)
                .field(&row.year.field, 5, focus == Stop::TalentYear(*i), theme);
        }
    }
}

/// One of the single fields, after its label.
fn field(form: &Form, stop: Stop, cursor: &mut RowCursor, doc: &Document, theme: &Theme) {
    let focused = form.focus == stop;
    let muted = draw::muted_style(theme);
    let computed = doc.schedule.items.get(form.index());
    match stop {
        Stop::Sector => {
            let name = doc
                .roadmap
                .sectors
                .iter()
                .find(|s| s.id == form.sector)
                .map(|s| format!("{} ({})", s.name, s.id));
            let shown = match (&name, form.sector.is_empty()) {
                (Some(name), _) => name.clone(),
                (None, true) => ui(M::FormNone).to_string(),
                (None, false) => tr!(current(), FormUnknownSector, sector = form.sector),
            };
            cursor.choice(&shown, focused, theme);
        }
        Stop::Kind => {
            let shown = match (form.kind, form.original().invalid.get("kind")) {
                (Some(kind), _) => kind.label(current()).to_string(),
                (None, Some(raw)) => tr!(current(), FormInvalid, raw = raw),
                (None, None) => ui(M::FormNone).to_string(),
            };
            cursor.choice(&shown, focused, theme);
        }
        Stop::Stage => {
            let stage = form.stage.map_or(ui(M::FormNone), |s| s.label(current()));
            cursor.choice(stage, focused, theme);
        }
        Stop::Start | Stop::End => {
            if let Some(input) = form.input(stop) {
                cursor.field(&input.field, 12, focused, theme);
            }
            if let Some(computed) = computed {
                let forecast = if stop == Stop::Start {
                    computed.early_start
                } else {
                    computed.early_finish
                };
                cursor.text(
                    &tr!(current(), FormForecast, date = format_date(forecast)),
                    muted,
                );
            }
        }
        Stop::Progress => {
            if let Some(input) = form.input(stop) {
                cursor.field(&input.field, 5, focused, theme);
            }
        }
        Stop::Cost => {
            if let Some(input) = form.input(stop) {
                cursor.field(&input.field, 20, focused, theme);
            }
            let shown = match form.input(stop).map(|i| parse::amount(i.text())) {
                Some(Ok(Some(amount))) => {
                    format!(
                        "  {}",
                        format_money(u128::from(amount), &doc.roadmap.currency)
                    )
                }
                _ => tr!(current(), FormWholeUnits, currency = doc.roadmap.currency),
            };
            cursor.text(&shown, muted);
        }
        _ => {
            if let Some(input) = form.input(stop) {
                cursor.field(&input.field, 0, focused, theme);
            }
        }
    }
}
