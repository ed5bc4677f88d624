//! Property tests for reliability (README, "Reliability"): random bytes never panic the loader
//! and every error names the file; random structurally valid roadmaps validate without errors,
//! schedule, and survive save + load unchanged. 256 cases each; PROPTEST_CASES raises it.

use peta::model::{
    validate, Date, Dependency, FundingLine, FundingScheme, FundingStatus, Item, Kind, LinkType,
    Regulation, RegulationStage, Roadmap, Sector, TalentNeed,
};
use peta::schedule::{schedule, Options};
use peta::store;
use proptest::prelude::*;
use proptest::sample::select;
use std::path::Path;

const FILE: &str = "plans/rencana 2025.json";

proptest! {
    #[test]
    fn random_bytes_never_panic_and_errors_name_the_file(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        if let Err(err) = store::parse(Path::new(FILE), &bytes) {
            let text = err.to_string();
            prop_assert!(!text.is_empty());
            for line in text.lines() {
                prop_assert!(line.starts_with(&format!("{FILE}:")), "{}", line);
            }
        }
    }

    #[test]
    fn random_json_texts_never_panic(text in "[\\[\\]{}:,\"a-z0-9 .eE+\\-\\\\]{0,300}") {
        if let Err(err) = store::parse(Path::new(FILE), text.as_bytes()) {
            prop_assert!(err.to_string().starts_with(FILE));
        }
    }

    #[test]
    fn valid_roadmaps_validate_schedule_and_round_trip(
        roadmap in valid_roadmap(),
        today in (1i32..=3_652_059).prop_map(|n| Date::from_num_days_from_ce_opt(n).unwrap()),
    ) {
        let errors: Vec<String> = validate(&roadmap)
            .iter()
            .filter(|p| p.is_error())
            .map(ToString::to_string)
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let plan = schedule(&roadmap, &Options::new(today));
        prop_assert_eq!(plan.items.len(), roadmap.items.len());
        let saved = store::to_canonical_string(&roadmap);
        let again = store::parse(Path::new(FILE), saved.as_bytes());
        prop_assert!(again.is_ok(), "{:?}\n{}", again.err().map(|e| e.to_string()), saved);
        let again = again.unwrap();
        prop_assert_eq!(&again, &roadmap);
        prop_assert_eq!(store::to_canonical_string(&again), saved);
    }
}

fn date(days: i64) -> Date {
    Date::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(days)
}

/// Any text, Indonesian and emoji included; never empty where the format requires a value.
fn words() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9 ]{0,15}",
        "\\PC{1,12}",
        select(vec![
            "Pusat Data Nasional",
            "Satu Data Indonesia",
            "SPBE 🇮🇩",
            "\"quoted\"\n\t"
        ])
        .prop_map(String::from),
    ]
    .boxed()
}

fn link() -> impl Strategy<Value = LinkType> {
    select(LinkType::ALL.to_vec())
}

/// One item at position `index` of `count`, depending only on items before it (no cycles).
fn item(
    index: usize,
    span: i64,
    sectors: usize,
    schemes: usize,
    years: (i32, i32),
) -> BoxedStrategy<Item> {
    let dates = (0..=span, 0..=span).prop_map(|(a, b)| (date(a.min(b)), date(a.max(b))));
    let head = (
        words(),
        select(Kind::ALL.to_vec()),
        0..sectors,
        prop::option::of(words()),
        dates,
        0u8..=100,
    );
    let preds =
        prop::collection::btree_set(0..index.max(1), 0..=index.min(4)).prop_flat_map(move |set| {
            let set: Vec<usize> = set.into_iter().filter(|&p| p < index).collect();
            let n = set.len();
            (
                Just(set),
                prop::collection::vec((link(), -400i64..400), n..=n),
            )
        });
    let funding = prop::collection::vec(
        (
            0..schemes,
            years.0..=years.1,
            any::<u64>(),
            select(FundingStatus::ALL.to_vec()),
        ),
        0..3,
    );
    let talent = prop::collection::vec(
        (words(), any::<u32>(), prop::option::of(years.0..=years.1)),
        0..3,
    );
    let tail = (
        preds,
        prop::option::of(any::<u64>()),
        funding,
        talent,
        prop::option::of(words()),
        (
            select(vec!["UU", "PP", "Perpres", "Permen"]),
            select(RegulationStage::ALL.to_vec()),
        ),
    );
    (head, tail)
        .prop_map(
            move |(
                (title, kind, sector, owner, (start, end), progress),
                ((preds, links), cost, funding, talent, notes, (instrument, stage)),
            )| {
                let end = if kind == Kind::Milestone { start } else { end };
                Item {
                    id: format!("item-{index}"),
                    title,
                    kind: Some(kind),
                    sector: format!("s{sector}"),
                    owner,
                    start: Some(start),
                    end: Some(end),
                    progress,
                    depends_on: preds
                        .into_iter()
                        .zip(links)
                        .map(|(pred, (link, lag_days))| Dependency {
                            id: format!("item-{pred}"),
                            link,
                            lag_days,
                            ..Default::default()
                        })
                        .collect(),
                    regulation: (kind == Kind::Regulation).then(|| Regulation {
                        instrument: instrument.to_string(),
                        stage: Some(stage),
                        ..Default::default()
                    }),
                    cost,
                    funding: funding
                        .into_iter()
                        .map(|(scheme, year, amount, status)| FundingLine {
                            scheme: format!("f{scheme}"),
                            year,
                            amount,
                            status: Some(status),
                            ..Default::default()
                        })
                        .collect(),
                    talent: talent
                        .into_iter()
                        .map(|(role, count, year)| TalentNeed {
                            role,
                            count,
                            year,
                            ..Default::default()
                        })
                        .collect(),
                    notes,
                    ..Default::default()
                }
            },
        )
        .boxed()
}

fn valid_roadmap() -> impl Strategy<Value = Roadmap> {
    (
        0usize..20,
        1usize..4,
        1usize..4,
        30i64..2000,
        words(),
        "[A-Z]{3}",
    )
        .prop_flat_map(|(count, sectors, schemes, span, title, currency)| {
            use chrono::Datelike;
            let years = (date(0).year(), date(span).year());
            let items: Vec<BoxedStrategy<Item>> = (0..count)
                .map(|i| item(i, span, sectors, schemes, years))
                .collect();
            let names = prop::collection::vec(words(), sectors + schemes);
            (items, names).prop_map(move |(items, names)| Roadmap {
                format: "peta-roadmap/1".to_string(),
                title: title.clone(),
                start: Some(date(0)),
                end: Some(date(span)),
                currency: currency.clone(),
                sectors: (0..sectors)
                    .map(|i| Sector {
                        id: format!("s{i}"),
                        name: names[i].clone(),
                        ..Default::default()
                    })
                    .collect(),
                funding_schemes: (0..schemes)
                    .map(|i| FundingScheme {
                        id: format!("f{i}"),
                        name: names[sectors + i].clone(),
                        ..Default::default()
                    })
                    .collect(),
                items: items.into_iter().map(Box::new).collect(),
                ..Default::default()
            })
        })
}
