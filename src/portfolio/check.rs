//! Validation of a portfolio: each member as `peta check` validates a roadmap, plus the
//! references between members and the cycles that run through several members. Every problem
//! names the member file it is in, with the item and field as that file spells them.

use super::{Combined, Portfolio};
use crate::model::{self, Location, Problem};
use rustc_hash::FxHashSet;
use std::fmt;
use std::path::PathBuf;

/// A problem and the member file it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioProblem {
    pub file: PathBuf,
    pub problem: Problem,
}

impl PortfolioProblem {
    /// The problem in `lang`, after the file it is in.
    pub fn render(&self, lang: crate::i18n::Lang) -> String {
        format!("{}: {}", self.file.display(), self.problem.render(lang))
    }
}

impl fmt::Display for PortfolioProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.problem)
    }
}

/// Every problem of the portfolio: errors first (member by member, then cross-member cycles),
/// then warnings. `combined` is `portfolio.combine()`.
pub fn validate(portfolio: &Portfolio, combined: &Combined) -> Vec<PortfolioProblem> {
    let members: FxHashSet<&str> = portfolio
        .members
        .iter()
        .map(|m| m.entry.id.as_str())
        .collect();
    let positions = combined.roadmap.id_index();
    let mut problems = Vec::new();
    for member in &portfolio.members {
        let roadmap = &member.roadmap;
        let at = |problem: Problem| PortfolioProblem {
            file: member.path.clone(),
            problem,
        };
        // Alone, a member cannot see the items its cross-member references name: those
        // "no such item" findings are replaced by the check against the whole portfolio.
        let cross_field = |problem: &Problem| -> bool {
            let Some(index) = problem.item_index() else {
                return false;
            };
            matches!(
                problem.message,
                crate::i18n::Text::Key(crate::i18n::M::CheckDepNoSuchItem, _)
            ) && roadmap.items.get(index).is_some_and(|item| {
                item.depends_on.iter().any(|dep| {
                    Portfolio::cross_member(&members, &dep.id).is_some()
                        && problem.field == format!("depends_on \"{}\"", dep.id)
                })
            })
        };
        problems.extend(
            model::validate(roadmap)
                .into_iter()
                .filter(|p| !cross_field(p))
                .map(at),
        );
        for (index, item) in roadmap.items.iter().enumerate() {
            let own = positions
                .get(super::combine::qualified(&member.entry.id, &item.id).as_str())
                .copied();
            for dep in &item.depends_on {
                let Some((target, target_item)) = Portfolio::cross_member(&members, &dep.id) else {
                    continue;
                };
                let message = match positions.get(dep.id.as_str()) {
                    None => {
                        let file = portfolio
                            .member(target)
                            .map(|t| portfolio.members[t].path.display().to_string())
                            .unwrap_or_default();
                        Some(crate::text!(
                            PortNoSuchMemberItem,
                            member = target,
                            file = file,
                            item = target_item
                        ))
                    }
                    Some(&pred) if Some(pred) == own => Some(crate::text!(CheckDepSelf)),
                    Some(_) => None,
                };
                if let Some(message) = message {
                    problems.push(at(Problem::error(
                        Location::Item {
                            index,
                            id: item.id.clone(),
                        },
                        format!("depends_on \"{}\"", dep.id),
                        message,
                    )));
                }
            }
        }
    }
    // Cycles within one member are reported with that member; here only those that cross.
    for cycle in model::find_cycles(&combined.roadmap) {
        let first = combined.origin[cycle[0]];
        if cycle
            .iter()
            .all(|&i| combined.origin[i].member == first.member)
        {
            continue;
        }
        let names: Vec<&str> = cycle
            .iter()
            .chain(std::iter::once(&cycle[0]))
            .map(|&i| combined.roadmap.items[i].id.as_str())
            .collect();
        let member = &portfolio.members[first.member];
        problems.push(PortfolioProblem {
            file: member.path.clone(),
            problem: Problem::error(
                Location::Item {
                    index: first.local,
                    id: member.roadmap.items[first.local].id.clone(),
                },
                "depends_on",
                crate::text!(PortCycle, cycle = names.join(" -> ")),
            ),
        });
    }
    // Stable: errors first, each kind in member and file order.
    problems.sort_by_key(|p| p.problem.severity);
    problems
}
