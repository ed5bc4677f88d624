//! The chooser fields (sector, kind, stage, link type, funding scheme and status): ←/→ or
//! Space cycle the options, a typed letter jumps to the next option starting with it.

use super::super::dependencies::next_link;
use super::{Form, Stop};
use crate::model::{FundingStatus, Kind, RegulationStage};
use crate::tui::document::Document;

/// The option after (or before) `current` in `options`, wrapping; from outside the list the
/// first (or last).
fn cycle<T: Clone + PartialEq>(options: &[T], current: Option<&T>, step: isize) -> Option<T> {
    if options.is_empty() {
        return None;
    }
    let len = options.len() as isize;
    let at = current.and_then(|c| options.iter().position(|o| o == c));
    let next = match at {
        Some(at) => (at as isize + step).rem_euclid(len),
        None if step >= 0 => 0,
        None => len - 1,
    };
    options.get(next as usize).cloned()
}

/// The next option after `current` whose label starts with `letter`, wrapping.
fn jump<T: Clone + PartialEq>(
    options: &[T],
    labels: &[String],
    current: Option<&T>,
    letter: char,
) -> Option<T> {
    let letter = letter.to_lowercase().to_string();
    let at = current
        .and_then(|c| options.iter().position(|o| o == c))
        .map_or(0, |at| at + 1);
    (0..options.len())
        .map(|k| (at + k) % options.len())
        .find(|&k| {
            labels
                .get(k)
                .is_some_and(|l| l.to_lowercase().starts_with(&letter))
        })
        .and_then(|k| options.get(k).cloned())
}

fn choose_enum<T: Copy + PartialEq + std::fmt::Display>(
    all: &[T],
    current: Option<T>,
    step: isize,
    letter: Option<char>,
) -> Option<T> {
    let next = match letter {
        Some(c) => {
            let labels: Vec<String> = all.iter().map(|v| v.to_string()).collect();
            jump(all, &labels, current.as_ref(), c)
        }
        None => cycle(all, current.as_ref(), step),
    };
    next.or(current)
}

impl Form {
    /// Left/Right (`step`) or a typed letter on a chooser field.
    pub(super) fn choose(&mut self, doc: &Document, step: isize, letter: Option<char>) {
        let pick = |options: &[String], labels: &[String], current: &String| match letter {
            Some(c) => jump(options, labels, Some(current), c),
            None => cycle(options, Some(current), step),
        };
        match self.focus {
            Stop::Sector => {
                let ids: Vec<String> = doc.roadmap.sectors.iter().map(|s| s.id.clone()).collect();
                let names: Vec<String> =
                    doc.roadmap.sectors.iter().map(|s| s.name.clone()).collect();
                if let Some(id) = pick(&ids, &names, &self.sector) {
                    self.sector = id;
                }
            }
            Stop::FundScheme(i) => {
                let ids: Vec<String> = doc
                    .roadmap
                    .funding_schemes
                    .iter()
                    .map(|s| s.id.clone())
                    .collect();
                if let Some(row) = self.funding.get_mut(i) {
                    if let Some(id) = pick(&ids, &ids, &row.scheme) {
                        row.scheme = id;
                    }
                }
            }
            Stop::Kind => self.kind = choose_enum(Kind::ALL, self.kind, step, letter),
            Stop::Stage => self.stage = choose_enum(RegulationStage::ALL, self.stage, step, letter),
            Stop::FundStatus(i) => {
                if let Some(row) = self.funding.get_mut(i) {
                    row.status = choose_enum(FundingStatus::ALL, row.status, step, letter);
                }
            }
            Stop::DepLink(i) => {
                if let Some(row) = self.deps.get_mut(i) {
                    row.link = next_link(row.link, if step < 0 { -1 } else { 1 });
                }
            }
            _ => {}
        }
    }
}
