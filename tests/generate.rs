//! `peta generate`'s roadmaps are realistic and bounded: one programme of 2025-2032 whatever
//! the size, phased links mostly within a sector, every link type with lags and leads, about
//! 5% milestones and 5% regulations, and a forecast finish that stays within mid-2033 (inside
//! TaskJuggler's 1970-2035) even at 100,000 items.

use chrono::Datelike;
use peta::generate::{self, latest_forecast_finish, FIRST_YEAR, LAST_YEAR, PHASES};
use peta::model::{validate, Date, Kind, LinkType, Roadmap};
use peta::schedule::{schedule, Options};
use std::collections::HashMap;

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

fn forecast_finish(roadmap: &Roadmap) -> Date {
    let plan = schedule(roadmap, &Options::new(date(2026, 7, 1)));
    assert!(!plan.has_cycle);
    plan.finish.unwrap()
}

/// Items in the longest dependency chain. Ids end in the generation index and links only point
/// to earlier generated items, so one pass in that order sees every predecessor first.
fn longest_chain(roadmap: &Roadmap) -> usize {
    let number = |id: &str| id.rsplit('-').next().unwrap().parse::<usize>().unwrap();
    let mut by_number: Vec<_> = roadmap.items.iter().collect();
    by_number.sort_by_key(|item| number(&item.id));
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for item in by_number {
        let deepest = item
            .depends_on
            .iter()
            .map(|dep| {
                assert!(
                    number(&dep.id) < number(&item.id),
                    "{} links forward",
                    item.id
                );
                depth[dep.id.as_str()]
            })
            .max()
            .unwrap_or(0);
        depth.insert(&item.id, deepest + 1);
    }
    depth.values().copied().max().unwrap_or(0)
}

#[test]
fn a_hundred_thousand_items_stay_one_bounded_programme() {
    let roadmap = generate::roadmap(100_000, 2, 2025);
    assert_eq!(roadmap.items.len(), 100_000);
    let (first, last) = (date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31));
    assert_eq!((roadmap.start, roadmap.end), (Some(first), Some(last)));
    assert!((5..=10).contains(&(LAST_YEAR - FIRST_YEAR + 1)));
    let errors: Vec<_> = validate(&roadmap)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert_eq!(errors, vec![]);

    // Every planned date in the programme; the forecast within a decade of its start (and in
    // TaskJuggler's range), and no later than the bound the generator promises.
    for item in &roadmap.items {
        assert!(
            item.start.unwrap() >= first && item.end.unwrap() <= last,
            "{}",
            item.id
        );
    }
    let finish = forecast_finish(&roadmap);
    assert!(finish <= latest_forecast_finish(), "forecast {finish}");
    assert!(latest_forecast_finish() <= date(2034, 12, 31));
    assert!(
        finish.year() >= LAST_YEAR - 1,
        "forecast {finish} uses the programme"
    );
    assert!(longest_chain(&roadmap) <= PHASES);

    // About two links per item, mostly within a sector (links to regulations gate across
    // sectors by design), every type, with lags, leads and plain links.
    let sector: HashMap<&str, (&str, Option<Kind>)> = roadmap
        .items
        .iter()
        .map(|i| (i.id.as_str(), (i.sector.as_str(), i.kind)))
        .collect();
    let links: Vec<_> = roadmap
        .items
        .iter()
        .flat_map(|i| i.depends_on.iter().map(move |d| (i, d)))
        .collect();
    assert!(
        (199_000..=200_000).contains(&links.len()),
        "{}",
        links.len()
    );
    let to_work: Vec<_> = links
        .iter()
        .filter(|(_, d)| sector[d.id.as_str()].1 != Some(Kind::Regulation))
        .collect();
    let same = to_work
        .iter()
        .filter(|(i, d)| sector[d.id.as_str()].0 == i.sector)
        .count();
    assert!(
        same * 100 >= to_work.len() * 80,
        "{same} of {}",
        to_work.len()
    );
    assert!(same < to_work.len(), "some links cross sectors");
    for link in LinkType::ALL {
        let of_type: Vec<_> = links.iter().filter(|(_, d)| d.link == *link).collect();
        assert!(of_type.len() > 5_000, "{link}: {}", of_type.len());
        assert!(of_type.iter().any(|(_, d)| d.lag_days > 0), "{link} lag");
        assert!(
            of_type.iter().any(|(_, d)| d.lag_days == 0),
            "{link} no lag"
        );
    }
    assert!(links.iter().any(|(_, d)| d.lag_days < 0), "leads");

    // About 5% milestones and 5% regulations; funding and talent lines.
    let share = |kind: Kind| {
        roadmap
            .items
            .iter()
            .filter(|i| i.kind == Some(kind))
            .count()
    };
    assert!((4_000..=6_000).contains(&share(Kind::Milestone)));
    assert!((4_000..=6_000).contains(&share(Kind::Regulation)));
    assert!(roadmap
        .items
        .iter()
        .all(|i| i.is_milestone() == i.funding.is_empty()));
    for item in &roadmap.items {
        let years = item.start.unwrap().year()..=item.end.unwrap().year();
        assert!(item.funding.iter().all(|line| years.contains(&line.year)));
    }
    let with_talent = roadmap
        .items
        .iter()
        .filter(|i| !i.talent.is_empty())
        .count();
    assert!(with_talent > 20_000, "{with_talent}");
}

#[test]
fn every_size_and_seed_is_valid_deterministic_and_bounded() {
    for items in [1, 2, 7, 8, 50, 333, 2_000] {
        for seed in 0..4 {
            let roadmap = generate::roadmap(items, 2, seed);
            assert_eq!(roadmap.items.len(), items);
            assert_eq!(
                validate(&roadmap).iter().filter(|p| p.is_error()).count(),
                0
            );
            assert_eq!(roadmap, generate::roadmap(items, 2, seed));
            assert!(forecast_finish(&roadmap) <= latest_forecast_finish());
            assert!(longest_chain(&roadmap) <= PHASES);
            // The first phase has no links; the others make up for them.
            let links: usize = roadmap.items.iter().map(|i| i.depends_on.len()).sum();
            if items >= 50 {
                assert!(
                    links * 100 >= items * 2 * 95,
                    "{items}/{seed}: {links} links"
                );
            }
        }
    }
    assert_ne!(generate::roadmap(50, 2, 1), generate::roadmap(50, 2, 2));
}
