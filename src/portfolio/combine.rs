//! One roadmap from many: member ids prefix every item, sector and funding-scheme id, so the
//! combined roadmap is an ordinary roadmap (unique ids, resolved cross-member links) that the
//! scheduler, validation, reports and the TUI read unchanged. And back again, for saving.

use super::Portfolio;
use crate::i18n::{Text, M};
use crate::model::{self, Extra, FundingScheme, Invalid, Item, Roadmap, Sector};
use rustc_hash::{FxHashMap, FxHashSet};

/// The combined roadmap and, per combined item, where it came from.
#[derive(Debug, Clone)]
pub struct Combined {
    pub roadmap: Roadmap,
    pub origin: Vec<Origin>,
}

/// A combined item's member (index in `Portfolio::members`) and index in that member's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub member: usize,
    pub local: usize,
}

/// `member:id`, or nothing for an empty id (validation reports a missing id, and a prefix
/// would hide it).
pub(super) fn qualified(member: &str, id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        let mut text = String::with_capacity(member.len() + 1 + id.len());
        text.push_str(member);
        text.push(':');
        text.push_str(id);
        text
    }
}

/// The separator between a member's name and its own sector or scheme name.
const NAME_SEPARATOR: &str = " · ";

impl Portfolio {
    /// Member ids, for telling a cross-member reference (`member:item`) from a local id.
    fn member_ids(&self) -> FxHashSet<&str> {
        self.members.iter().map(|m| m.entry.id.as_str()).collect()
    }

    /// Whether `id` names another member's item: `member:item` with a known member.
    pub(super) fn cross_member<'a>(
        members: &FxHashSet<&str>,
        id: &'a str,
    ) -> Option<(&'a str, &'a str)> {
        id.split_once(':')
            .filter(|(member, _)| members.contains(member))
    }

    /// The members as one roadmap. Its title and target end are the portfolio's (the end
    /// defaults to the latest member end), its start the earliest member start; sectors and
    /// schemes come member by member, named `Member · Sector`, so grouping by sector groups by
    /// member, then sector.
    pub fn combine(&self) -> Combined {
        let members = self.member_ids();
        let total: usize = self.members.iter().map(|m| m.roadmap.items.len()).sum();
        let mut roadmap = Roadmap {
            format: model::FORMAT.to_string(),
            title: self.file.title.clone(),
            start: self.members.iter().filter_map(|m| m.roadmap.start).min(),
            end: self
                .file
                .end
                .or_else(|| self.members.iter().filter_map(|m| m.roadmap.end).max()),
            currency: self
                .members
                .iter()
                .map(|m| m.roadmap.currency.clone())
                .find(|c| !c.is_empty())
                .unwrap_or_default(),
            items: Vec::with_capacity(total),
            ..Default::default()
        };
        let mut origin = Vec::with_capacity(total);
        for (m, member) in self.members.iter().enumerate() {
            let id = member.entry.id.as_str();
            let name = member.entry.display_name();
            for sector in &member.roadmap.sectors {
                roadmap.sectors.push(Sector {
                    id: qualified(id, &sector.id),
                    name: format!("{name}{NAME_SEPARATOR}{}", sector.name),
                    ..sector.clone()
                });
            }
            for scheme in &member.roadmap.funding_schemes {
                roadmap.funding_schemes.push(FundingScheme {
                    id: qualified(id, &scheme.id),
                    name: format!("{name}{NAME_SEPARATOR}{}", scheme.name),
                    ..scheme.clone()
                });
            }
            for (local, item) in member.roadmap.items.iter().enumerate() {
                let mut item = item.clone();
                item.id = qualified(id, &item.id);
                item.sector = qualified(id, &item.sector);
                for dep in &mut item.depends_on {
                    if Portfolio::cross_member(&members, &dep.id).is_none() {
                        dep.id = qualified(id, &dep.id);
                    }
                }
                for line in &mut item.funding {
                    line.scheme = qualified(id, &line.scheme);
                }
                roadmap.items.push(item);
                origin.push(Origin { member: m, local });
            }
        }
        Combined { roadmap, origin }
    }

    /// The member roadmaps an (edited) combined roadmap stands for, in member order. Each
    /// keeps its own file's title, dates and other roadmap fields. A sector or scheme belongs
    /// to the member its id starts with; an item to the member of its sector (so moving an
    /// item to another member's sector moves it there), else of its id. References to the
    /// same member lose the prefix, others keep it. Fails, naming it, on a sector, scheme or
    /// item that belongs to no member.
    pub fn split(&self, combined: &Roadmap) -> Result<Vec<Roadmap>, Text> {
        let ids = self.member_ids();
        let index: FxHashMap<&str, usize> = self
            .members
            .iter()
            .enumerate()
            .map(|(m, member)| (member.entry.id.as_str(), m))
            .collect();
        let known: Vec<&str> = self.members.iter().map(|m| m.entry.id.as_str()).collect();
        let owner = |id: &str| -> Option<usize> {
            Portfolio::cross_member(&ids, id).and_then(|(member, _)| index.get(member).copied())
        };
        let strip = |id: &str, member: usize| -> String {
            let prefix = &self.members[member].entry.id;
            match id
                .strip_prefix(prefix.as_str())
                .and_then(|rest| rest.strip_prefix(':'))
            {
                Some(rest) => rest.to_string(),
                None => id.to_string(),
            }
        };
        let strip_name = |name: &str, member: usize| -> String {
            let prefix = format!(
                "{}{NAME_SEPARATOR}",
                self.members[member].entry.display_name()
            );
            name.strip_prefix(prefix.as_str())
                .unwrap_or(name)
                .to_string()
        };
        let no_member = |what: M, id: &str| {
            Text::Key(
                M::PortNoMember,
                vec![
                    ("what", Text::key(what)),
                    ("id", id.into()),
                    ("members", known.join(":..., ").into()),
                ],
            )
        };
        let mut members: Vec<Roadmap> = self.members.iter().map(|m| header(&m.roadmap)).collect();
        for sector in &combined.sectors {
            let m = owner(&sector.id).ok_or_else(|| no_member(M::WhereSector, &sector.id))?;
            members[m].sectors.push(Sector {
                id: strip(&sector.id, m),
                name: strip_name(&sector.name, m),
                ..sector.clone()
            });
        }
        for scheme in &combined.funding_schemes {
            let m = owner(&scheme.id).ok_or_else(|| no_member(M::WhereScheme, &scheme.id))?;
            members[m].funding_schemes.push(FundingScheme {
                id: strip(&scheme.id, m),
                name: strip_name(&scheme.name, m),
                ..scheme.clone()
            });
        }
        // Each item's member and local id first, so references resolve in one pass.
        let placed: Vec<(usize, String)> = combined
            .items
            .iter()
            .map(|item| {
                let m = owner(&item.sector)
                    .or_else(|| owner(&item.id))
                    .ok_or_else(|| {
                        Text::Key(
                            M::PortItemNoMember,
                            vec![
                                ("item", item.id.as_str().into()),
                                ("sector", item.sector.as_str().into()),
                                ("problem", no_member(M::WhereSector, &item.sector)),
                            ],
                        )
                    })?;
                Ok((m, strip(&item.id, owner(&item.id).unwrap_or(m))))
            })
            .collect::<Result<_, Text>>()?;
        let positions = combined.id_index();
        for (item, (m, local)) in combined.items.iter().zip(&placed) {
            let m = *m;
            let mut item: Item = Item::clone(item);
            item.id = local.clone();
            item.sector = strip(&item.sector, m);
            for dep in &mut item.depends_on {
                dep.id = match positions.get(dep.id.as_str()) {
                    Some(&at) => {
                        let (target, target_local) = &placed[at];
                        if *target == m {
                            target_local.clone()
                        } else {
                            format!("{}:{target_local}", self.members[*target].entry.id)
                        }
                    }
                    // A reference to nothing stays as written (validation reports it).
                    None => strip(&dep.id, m),
                };
            }
            for line in &mut item.funding {
                line.scheme = strip(&line.scheme, m);
            }
            members[m].items.push(Box::new(item));
        }
        Ok(members)
    }
}

/// The roadmap-level fields of a member, which the combined roadmap does not carry.
fn header(roadmap: &Roadmap) -> Roadmap {
    Roadmap {
        format: roadmap.format.clone(),
        title: roadmap.title.clone(),
        start: roadmap.start,
        end: roadmap.end,
        currency: roadmap.currency.clone(),
        sectors: Vec::new(),
        funding_schemes: Vec::new(),
        items: Vec::new(),
        invalid: Invalid::clone(&roadmap.invalid),
        extra: Extra::clone(&roadmap.extra),
    }
}
