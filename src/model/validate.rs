//! Every rule a roadmap must satisfy, checked in one pass that collects all problems.

use super::convert::{describe_invalid, describe_scheme_invalid};
use super::*;
use crate::i18n::{Text, M};
use crate::text;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// All problems of the roadmap: errors first in file order, then warnings.
pub fn validate(roadmap: &Roadmap) -> Vec<Problem> {
    validate_with(roadmap, &Network::build(roadmap))
}

/// `validate` with the roadmap's dependency network already built (callers that also
/// schedule build it once for both).
pub fn validate_with(roadmap: &Roadmap, network: &Network) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_roadmap(roadmap, &mut problems);
    let sector_ids = check_named_list(
        roadmap.sectors.iter().map(|s| (&s.id, &s.name, &s.invalid)),
        |index, id| Location::Sector { index, id },
        describe_invalid,
        &mut problems,
    );
    let scheme_ids = check_named_list(
        roadmap
            .funding_schemes
            .iter()
            .map(|s| (&s.id, &s.name, &s.invalid)),
        |index, id| Location::FundingScheme { index, id },
        describe_scheme_invalid,
        &mut problems,
    );
    let ids = check_ids(roadmap, &mut problems);
    for (index, item) in roadmap.items.iter().enumerate() {
        let here = Location::Item {
            index,
            id: item.id.clone(),
        };
        check_item(
            roadmap,
            item,
            &here,
            &sector_ids,
            &scheme_ids,
            &ids,
            &mut problems,
        );
    }
    for cycle in cycles_in(network) {
        let first = cycle[0];
        let names = cycle_names(roadmap, &cycle);
        problems.push(Problem::error(
            Location::Item {
                index: first,
                id: roadmap.items[first].id.clone(),
            },
            "depends_on",
            Text::Key(M::CheckCycle, vec![("cycle", names)]),
        ));
    }
    super::conflicts::check_conflicts(roadmap, &mut problems);
    problems.sort_by_key(|p| p.severity);
    problems
}

/// The ids around a cycle, back to the first; a long one (a generated or corrupted file can
/// tie 100,000 items in one loop) shows its ends and how many are left out (`... 99990 more
/// ...`, a translated phrase between the ids).
fn cycle_names(roadmap: &Roadmap, cycle: &[usize]) -> Text {
    const SHOWN: usize = 5;
    let id = |i: &usize| clip(&roadmap.items[*i].id).into_owned();
    let back: Vec<String> = cycle.first().map(id).into_iter().collect();
    if cycle.len() > 3 * SHOWN {
        let head: Vec<String> = cycle[..SHOWN].iter().map(id).collect();
        let tail: Vec<String> = cycle[cycle.len() - SHOWN..]
            .iter()
            .map(id)
            .chain(back)
            .collect();
        text!(
            CheckCycleLong,
            head = head.join(" -> "),
            n = cycle.len() - 2 * SHOWN,
            tail = tail.join(" -> ")
        )
    } else {
        let names: Vec<String> = cycle.iter().map(id).chain(back).collect();
        Text::from(names.join(" -> "))
    }
}

fn report_invalid(
    invalid: &Invalid,
    location: &Location,
    prefix: &str,
    problems: &mut Vec<Problem>,
) {
    report_invalid_with(invalid, location, prefix, describe_invalid, problems);
}

fn report_invalid_with(
    invalid: &Invalid,
    location: &Location,
    prefix: &str,
    describe: fn(&str, &serde_json::Value) -> Text,
    problems: &mut Vec<Problem>,
) {
    for (field, raw) in invalid {
        problems.push(Problem::error(
            location.clone(),
            format!("{prefix}{field}"),
            describe(field, raw),
        ));
    }
}

fn missing(value: &str, field: &str, invalid: &Invalid) -> bool {
    value.is_empty() && !invalid.contains_key(field)
}

fn check_roadmap(roadmap: &Roadmap, problems: &mut Vec<Problem>) {
    let here = Location::Roadmap;
    report_invalid(&roadmap.invalid, &here, "", problems);
    if missing(&roadmap.format, "format", &roadmap.invalid) {
        problems.push(Problem::error(
            here.clone(),
            "format",
            text!(CheckFormatMissing, format = FORMAT),
        ));
    } else if !roadmap.format.is_empty() && roadmap.format != FORMAT {
        let message = if roadmap.format.starts_with("peta-roadmap/") {
            text!(
                CheckFormatOtherVersion,
                given = clip(&roadmap.format),
                format = FORMAT
            )
        } else {
            text!(
                CheckFormatUnsupported,
                given = clip(&roadmap.format),
                format = FORMAT
            )
        };
        problems.push(Problem::error(here.clone(), "format", message));
    }
    if missing(&roadmap.title, "title", &roadmap.invalid) {
        problems.push(Problem::error(here.clone(), "title", text!(CheckMissing)));
    }
    if missing(&roadmap.currency, "currency", &roadmap.invalid) {
        problems.push(Problem::warning(
            here.clone(),
            "currency",
            text!(CheckCurrencyMissing),
        ));
    }
    for (field, value) in [("start", roadmap.start), ("end", roadmap.end)] {
        if value.is_none() && !roadmap.invalid.contains_key(field) {
            problems.push(Problem::error(here.clone(), field, text!(CheckMissing)));
        }
    }
    if let (Some(start), Some(end)) = (roadmap.start, roadmap.end) {
        if end < start {
            problems.push(Problem::error(
                here,
                "end",
                text!(CheckEndBeforeStart, end = end, start = start),
            ));
        }
    }
}

/// Sectors and funding schemes: ids present and unique, names present. Returns the id set.
fn check_named_list<'a>(
    entries: impl Iterator<Item = (&'a String, &'a String, &'a Invalid)>,
    location: impl Fn(usize, String) -> Location,
    describe: fn(&str, &serde_json::Value) -> Text,
    problems: &mut Vec<Problem>,
) -> HashSet<&'a str> {
    let mut ids = HashSet::default();
    for (index, (id, name, invalid)) in entries.enumerate() {
        let here = location(index, id.clone());
        report_invalid_with(invalid, &here, "", describe, problems);
        if missing(id, "id", invalid) {
            problems.push(Problem::error(here.clone(), "id", text!(CheckMissing)));
        } else if !id.is_empty() && !ids.insert(id.as_str()) {
            problems.push(Problem::error(
                here.clone(),
                "id",
                text!(CheckIdTwice, id = clip(id)),
            ));
        }
        if missing(name, "name", invalid) {
            problems.push(Problem::error(here, "name", text!(CheckMissing)));
        }
    }
    ids
}

/// Item ids: present and unique. Returns id -> index of its first use.
fn check_ids<'a>(roadmap: &'a Roadmap, problems: &mut Vec<Problem>) -> HashMap<&'a str, usize> {
    let mut ids: HashMap<&str, usize> = HashMap::default();
    ids.reserve(roadmap.items.len());
    for (index, item) in roadmap.items.iter().enumerate() {
        // Built only for a problem: cloning 100,000 ids to report none is not free.
        let here = || Location::Item {
            index,
            id: item.id.clone(),
        };
        if missing(&item.id, "id", &item.invalid) {
            problems.push(Problem::error(here(), "id", text!(CheckMissing)));
        } else if !item.id.is_empty() {
            if let Some(&first) = ids.get(item.id.as_str()) {
                problems.push(Problem::error(
                    here(),
                    "id",
                    text!(CheckIdUsedByItem, id = clip(&item.id), n = first + 1),
                ));
            } else {
                ids.insert(item.id.as_str(), index);
            }
        }
    }
    ids
}

fn check_item(
    roadmap: &Roadmap,
    item: &Item,
    here: &Location,
    sectors: &HashSet<&str>,
    schemes: &HashSet<&str>,
    ids: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) {
    let error = |field: &str, message: Text| Problem::error(here.clone(), field, message);
    let years = roadmap.start.zip(roadmap.end).map(|(s, e)| {
        use chrono::Datelike;
        (s.year(), e.year())
    });
    report_invalid(&item.invalid, here, "", problems);
    if missing(&item.title, "title", &item.invalid) {
        problems.push(error("title", text!(CheckMissing)));
    }
    if item.kind.is_none() && !item.invalid.contains_key("kind") {
        problems.push(error(
            "kind",
            Text::Key(
                M::CheckKindMissing,
                vec![("choices", super::convert::kind_choices())],
            ),
        ));
    }
    if missing(&item.sector, "sector", &item.invalid) {
        problems.push(error("sector", text!(CheckMissing)));
    } else if !item.sector.is_empty() && !sectors.contains(item.sector.as_str()) {
        problems.push(error(
            "sector",
            text!(CheckNoSuchSector, sector = clip(&item.sector)),
        ));
    }
    for (field, value) in [("start", item.start), ("end", item.end)] {
        if value.is_none() && !item.invalid.contains_key(field) {
            problems.push(error(field, text!(CheckMissing)));
        }
    }
    if let (Some(start), Some(end)) = (item.start, item.end) {
        if end < start {
            problems.push(error(
                "end",
                text!(CheckEndBeforeStart, end = end, start = start),
            ));
        } else if item.is_milestone() && start != end {
            problems.push(error(
                "end",
                text!(CheckMilestoneOneDay, start = start, end = end),
            ));
        }
        check_within_roadmap(roadmap, start, end, here, problems);
    }
    match (&item.regulation, item.kind) {
        (Some(_), Some(kind)) if kind != Kind::Regulation => {
            problems.push(error(
                "regulation",
                if kind == Kind::Initiative {
                    text!(CheckRegulationBlockOnInitiative)
                } else {
                    text!(CheckRegulationBlockOnMilestone)
                },
            ));
        }
        _ => {}
    }
    if let Some(regulation) = &item.regulation {
        report_invalid(&regulation.invalid, here, "regulation.", problems);
    }
    if item.kind == Some(Kind::Regulation) {
        check_regulation_block(item.regulation.as_ref(), here, problems);
    }
    check_dependencies(item, here, ids, problems);
    // Field names are built only for a problem: there are hundreds of thousands of lines.
    for (i, line) in item.funding.iter().enumerate() {
        let field = |name: &str| format!("funding[{i}].{name}");
        if !line.invalid.is_empty() {
            report_invalid(&line.invalid, here, &field(""), problems);
        }
        if missing(&line.scheme, "scheme", &line.invalid) {
            problems.push(error(&field("scheme"), text!(CheckMissing)));
        } else if !line.scheme.is_empty() && !schemes.contains(line.scheme.as_str()) {
            let message = text!(CheckNoSuchScheme, scheme = clip(&line.scheme));
            problems.push(error(&field("scheme"), message));
        }
        if line.year == 0 && !line.invalid.contains_key("year") {
            problems.push(error(&field("year"), text!(CheckMissing)));
        } else if let Some((first, last)) = years {
            if line.year != 0 && (line.year < first || line.year > last) {
                problems.push(Problem::warning(
                    here.clone(),
                    field("year"),
                    text!(
                        CheckYearOutsideRoadmap,
                        year = line.year,
                        first = first,
                        last = last
                    ),
                ));
            }
        }
    }
    for (i, need) in item.talent.iter().enumerate() {
        let field = |name: &str| format!("talent[{i}].{name}");
        if !need.invalid.is_empty() {
            report_invalid(&need.invalid, here, &field(""), problems);
        }
        if missing(&need.role, "role", &need.invalid) {
            problems.push(error(&field("role"), text!(CheckMissing)));
        }
    }
}

/// A regulation's stage decides whether the items after it are blocked, so say when it is
/// unknown; the item still schedules.
fn check_regulation_block(
    regulation: Option<&Regulation>,
    here: &Location,
    problems: &mut Vec<Problem>,
) {
    let warn = |field: &str, message: Text| Problem::warning(here.clone(), field, message);
    let Some(regulation) = regulation else {
        problems.push(warn("regulation", text!(CheckRegulationMissing)));
        return;
    };
    if missing(&regulation.instrument, "instrument", &regulation.invalid) {
        problems.push(warn("regulation.instrument", text!(CheckInstrumentMissing)));
    }
    if regulation.stage.is_none() && !regulation.invalid.contains_key("stage") {
        problems.push(warn("regulation.stage", text!(CheckStageMissing)));
    }
}

fn check_within_roadmap(
    roadmap: &Roadmap,
    start: Date,
    end: Date,
    here: &Location,
    problems: &mut Vec<Problem>,
) {
    if let Some(first) = roadmap.start {
        if start < first {
            problems.push(Problem::warning(
                here.clone(),
                "start",
                text!(CheckStartBeforeRoadmap, start = start, first = first),
            ));
        }
    }
    if let Some(last) = roadmap.end {
        if end > last {
            problems.push(Problem::warning(
                here.clone(),
                "end",
                text!(CheckEndAfterRoadmap, end = end, last = last),
            ));
        }
    }
}

fn check_dependencies(
    item: &Item,
    here: &Location,
    ids: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) {
    // Built only for a problem: most links have none, and there are hundreds of thousands.
    let field = |i: usize, dep: &Dependency| {
        if dep.id.is_empty() {
            format!("depends_on[{i}]")
        } else {
            format!("depends_on \"{}\"", clip(&dep.id))
        }
    };
    // Few links: scan the earlier ones; many (a milestone gathering a whole programme): a set.
    let mut seen: Option<HashSet<&str>> = (item.depends_on.len() > 16).then(HashSet::default);
    fn repeated<'a>(
        seen: &mut Option<HashSet<&'a str>>,
        earlier: &[Dependency],
        dep: &'a Dependency,
    ) -> bool {
        match seen {
            Some(set) => !set.insert(dep.id.as_str()),
            None => earlier.iter().any(|e| e.id == dep.id),
        }
    }
    for (i, dep) in item.depends_on.iter().enumerate() {
        for (key, raw) in &dep.invalid {
            let message = Text::Key(
                M::CheckDepValue,
                vec![
                    ("key", Text::Raw(key.clone())),
                    ("why", describe_invalid(key, raw)),
                ],
            );
            problems.push(Problem::error(here.clone(), field(i, dep), message));
        }
        let message = if dep.id.is_empty() {
            (!dep.invalid.contains_key("id")).then_some(M::CheckDepIdMissing)
        } else if dep.id == item.id {
            Some(M::CheckDepSelf)
        } else if !ids.contains_key(dep.id.as_str()) {
            Some(M::CheckDepNoSuchItem)
        } else {
            None
        };
        if let Some(message) = message {
            problems.push(Problem::error(here.clone(), field(i, dep), message));
        } else if repeated(&mut seen, &item.depends_on[..i], dep) {
            problems.push(Problem::warning(
                here.clone(),
                field(i, dep),
                text!(CheckDepTwice),
            ));
        }
    }
}

/// One cycle per tangle of mutually dependent items, each in dependency order: every item
/// depends on the one before it, and the first on the last.
pub fn find_cycles(roadmap: &Roadmap) -> Vec<Vec<usize>> {
    cycles_in(&Network::build(roadmap))
}

fn cycles_in(network: &Network) -> Vec<Vec<usize>> {
    if !network.has_cycle() {
        return Vec::new();
    }
    // Every tangled item has a tangled predecessor (else Kahn's algorithm would have placed
    // it), so walking predecessors from one must come back to an item already on the walk.
    const UNSEEN: usize = usize::MAX;
    let mut walk_of = vec![UNSEEN; network.len()];
    let mut cycles = Vec::new();
    for begin in (0..network.len()).filter(|&i| network.is_tangled(i)) {
        if walk_of[begin] != UNSEEN {
            continue;
        }
        let mut path = Vec::new();
        let mut node = begin;
        loop {
            if walk_of[node] == begin {
                let at = path.iter().position(|&p| p == node).unwrap_or(0);
                let mut cycle: Vec<usize> = path[at..].to_vec();
                // The walk went backwards (to predecessors): turn it into dependency order.
                cycle.reverse();
                // Start at the item that comes first in the file, so reports are stable.
                if let Some(first) = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|&(_, &node)| node)
                    .map(|(at, _)| at)
                {
                    cycle.rotate_left(first);
                }
                cycles.push(cycle);
                break;
            }
            if walk_of[node] != UNSEEN {
                break; // ran into a tangle already reported
            }
            walk_of[node] = begin;
            path.push(node);
            match network
                .links_into(node)
                .iter()
                .find(|link| network.is_tangled(link.pred))
            {
                Some(link) => node = link.pred,
                None => break,
            }
        }
    }
    cycles
}

/// Would making `item` depend on `new_pred` close a loop? Returns the loop when it would,
/// starting at `item`, each element depending on the one before it (the new link from
/// `new_pred`, the last, back to `item` closes it).
pub fn find_cycle(roadmap: &Roadmap, item: usize, new_pred: usize) -> Option<Vec<usize>> {
    find_cycle_in(&Network::build(roadmap), item, new_pred)
}

/// [`find_cycle`] on the roadmap's dependency network.
pub fn find_cycle_in(network: &Network, item: usize, new_pred: usize) -> Option<Vec<usize>> {
    if item == new_pred {
        return Some(vec![item]);
    }
    // A loop exists when `new_pred` already depends, through any chain, on `item`.
    if item >= network.len() || new_pred >= network.len() {
        return None;
    }
    let mut came_from = vec![usize::MAX; network.len()];
    let mut stack = vec![new_pred];
    came_from[new_pred] = new_pred;
    while let Some(node) = stack.pop() {
        if node == item {
            let mut chain = vec![item];
            let mut at = item;
            while at != new_pred {
                at = came_from[at];
                chain.push(at);
            }
            return Some(chain);
        }
        for link in network.links_into(node) {
            if came_from[link.pred] == usize::MAX {
                came_from[link.pred] = node;
                stack.push(link.pred);
            }
        }
    }
    None
}
