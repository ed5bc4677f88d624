//! From the draft to an item: parse what the planner typed, keep what they did not touch,
//! and let `model::update_item` check the rest.

use super::{parse, Form, Stop};
use crate::i18n::{current, ui, M};
use crate::merge::resolve::{self, Nature};
use crate::model::{self, Edit, Item, Kind, Regulation};
use crate::tui::document::Document;
use crate::tui::popup::PopupOutcome;

impl Form {
    /// The item the draft describes, and what could not be parsed.
    pub fn build(&self) -> (Item, Vec<(Stop, String)>) {
        let old = &self.original;
        let mut item = old.clone();
        let mut errors = Vec::new();
        let mut check = |stop: Stop, result: Result<(), String>| {
            if let Err(message) = result {
                errors.push((stop, message));
            }
        };
        if self.title.changed() {
            let title = self.title.text().trim();
            check(
                Stop::Title,
                (!title.is_empty())
                    .then_some(())
                    .ok_or(ui(M::ParseNotEmpty).to_string()),
            );
            item.title = title.to_string();
        }
        if self.id.changed() {
            let id = self.id.text().trim();
            check(
                Stop::Id,
                (!id.contains(char::is_whitespace))
                    .then_some(())
                    .ok_or(ui(M::ParseIdSpaces).to_string()),
            );
            item.id = id.to_string();
        }
        item.sector = self.sector.clone();
        item.kind = self.kind;
        for (stop, input, slot) in [
            (Stop::Start, &self.start, &mut item.start),
            (Stop::End, &self.end, &mut item.end),
        ] {
            if input.changed() {
                check(stop, parse::date(input.text()).map(|d| *slot = Some(d)));
            }
        }
        // A milestone is one day: unless the planner set the end too, it follows the start.
        let milestone = self.kind == Some(Kind::Milestone);
        if milestone && !self.end.changed() && (self.start.changed() || self.kind != old.kind) {
            item.end = item.start;
        }
        if self.progress.changed() {
            check(
                Stop::Progress,
                parse::progress(self.progress.text()).map(|p| item.progress = p),
            );
        }
        if self.owner.changed() {
            let owner = self.owner.text().trim();
            item.owner = (!owner.is_empty()).then(|| owner.to_string());
        }
        if self.cost.changed() {
            check(
                Stop::Cost,
                parse::amount(self.cost.text()).map(|c| item.cost = c),
            );
        }
        if self.notes.changed() {
            let notes = self.notes.text().trim_end();
            item.notes = (!notes.is_empty()).then(|| notes.to_string());
        }
        item.regulation = self.build_regulation();
        item.depends_on = self
            .deps
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut dep = row.original.clone().unwrap_or_default();
                dep.id = row.id.clone();
                dep.link = row.link;
                if row.lag.changed() || row.original.is_none() {
                    check(
                        Stop::DepLag(i),
                        parse::lag(row.lag.text()).map(|l| dep.lag_days = l),
                    );
                }
                dep
            })
            .collect();
        item.funding = self
            .funding
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut line = row.original.clone().unwrap_or_default();
                line.scheme = row.scheme.clone();
                line.status = row.status;
                let new = row.original.is_none();
                if row.year.changed() || new {
                    check(
                        Stop::FundYear(i),
                        parse::year(row.year.text()).map(|y| line.year = y),
                    );
                }
                if row.amount.changed() || new {
                    let amount = parse::amount(row.amount.text())
                        .and_then(|a| a.ok_or_else(|| ui(M::ParseNeedsAmount).to_string()));
                    check(Stop::FundAmount(i), amount.map(|a| line.amount = a));
                }
                line
            })
            .collect();
        item.talent = self
            .talent
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut need = row.original.clone().unwrap_or_default();
                let new = row.original.is_none();
                if row.role.changed() || new {
                    let role = row.role.text().trim();
                    check(
                        Stop::TalentRole(i),
                        (!role.is_empty())
                            .then_some(())
                            .ok_or(ui(M::ParseNeedsRole).to_string()),
                    );
                    need.role = role.to_string();
                }
                if row.count.changed() || new {
                    check(
                        Stop::TalentCount(i),
                        parse::count(row.count.text()).map(|c| need.count = c),
                    );
                }
                if row.year.changed() || new {
                    check(
                        Stop::TalentYear(i),
                        parse::optional_year(row.year.text()).map(|y| need.year = y),
                    );
                }
                need
            })
            .collect();
        (item, errors)
    }

    fn build_regulation(&self) -> Option<Regulation> {
        let old = &self.original;
        if !self.is_regulation() {
            // Switching away drops the block; an item that already had one keeps it untouched.
            return if self.kind == old.kind {
                old.regulation.clone()
            } else {
                None
            };
        }
        let untouched = !self.instrument.changed()
            && self.stage == old.regulation.as_ref().and_then(|r| r.stage);
        if old.regulation.is_none() && untouched && self.instrument.text().is_empty() {
            return None;
        }
        let mut regulation = old.regulation.clone().unwrap_or_default();
        if self.instrument.changed() {
            regulation.instrument = self.instrument.text().trim().to_string();
        }
        regulation.stage = self.stage;
        Some(regulation)
    }

    /// The edit, and the removal of the merge conflict the form was opened to settle. A cycle
    /// conflict is settled only by an edit that takes the item off the cycle.
    fn settling(&self, doc: &Document, edit: Edit) -> Result<Edit, String> {
        let Some(conflict) = &self.resolving else {
            return Ok(edit);
        };
        if conflict.nature == Nature::Cycle {
            let mut after = doc.roadmap.clone();
            after.apply(edit.clone());
            if resolve::on_cycle(&after, self.index) {
                return Err(crate::i18n::ui(crate::i18n::M::ConfStillOnCycle).to_string());
            }
        }
        Ok(resolve::settling(&doc.roadmap, conflict, edit))
    }

    /// Enter: apply the draft, or show why not.
    pub(super) fn submit(&mut self, doc: &Document) -> PopupOutcome {
        let (item, errors) = self.build();
        self.errors = errors;
        if self.errors.is_empty() {
            match model::update_item_in(&doc.roadmap, doc.lookup(), self.index, item) {
                Ok(edit) => match self.settling(doc, edit) {
                    Ok(edit) => return PopupOutcome::Apply(edit),
                    Err(message) => self.errors.push((Stop::Dependencies, message)),
                },
                Err(refused) => {
                    for error in refused {
                        let stop = match error.field {
                            "id" => Stop::Id,
                            "title" => Stop::Title,
                            "sector" => Stop::Sector,
                            "start" => Stop::Start,
                            "end" => Stop::End,
                            "progress" => Stop::Progress,
                            "depends_on" => Stop::Dependencies,
                            "funding" => Stop::Funding,
                            "talent" => Stop::Talent,
                            _ => Stop::Whole,
                        };
                        self.errors.push((stop, error.message.render(current())));
                    }
                }
            }
        }
        let stops = self.stops();
        if let Some(first) = stops
            .iter()
            .find(|s| self.errors.iter().any(|(e, _)| e == *s))
        {
            self.focus = *first;
        }
        PopupOutcome::Consumed
    }
}
