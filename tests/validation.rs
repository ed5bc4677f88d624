//! Every validation rule of `peta-roadmap/1`, checked against the exact text a planner sees.
//!
//! Most cases load a file from `tests/fixtures/invalid/` (one small file per rule, shared with
//! the CLI tests), so a fixture that drifts from its rule fails here first.

use peta::model::{self, validate, Problem, Roadmap, Severity};
use peta::report::funding_checks::funding_problems;
use peta::store;
use std::path::{Path, PathBuf};

use Severity::{Error, Warning};

fn fixture_path(folder: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(name)
}

fn load_fixture(folder: &str, name: &str) -> Roadmap {
    let path = fixture_path(folder, name);
    match store::load(&path) {
        Ok(loaded) => loaded.roadmap,
        Err(err) => panic!("{} does not load: {err}", path.display()),
    }
}

fn shown(problems: &[Problem]) -> Vec<(Severity, String)> {
    problems
        .iter()
        .map(|p| (p.severity, p.to_string()))
        .collect()
}

fn expect(roadmap: &Roadmap, expected: &[&str]) {
    let problems = shown(&validate(roadmap));
    let texts: Vec<&str> = problems.iter().map(|(_, text)| text.as_str()).collect();
    assert_eq!(texts, expected);
    // Display marks warnings, and only warnings, with "warning: ".
    for (severity, text) in &problems {
        let warning = text.starts_with("warning: ");
        assert_eq!(*severity, if warning { Warning } else { Error }, "{text}");
    }
}

fn expect_fixture(name: &str, expected: &[&str]) {
    expect(&load_fixture("invalid", name), expected);
}

/// A roadmap over 2025-2026 with sector `infra` and scheme `apbn`, around the given items.
fn roadmap_with_items(items: &str) -> Roadmap {
    let text = format!(
        r#"{{"format": "peta-roadmap/1", "title": "T", "start": "2025-01-01",
            "end": "2026-12-31", "currency": "IDR",
            "sectors": [{{"id": "infra", "name": "Infrastructure"}}],
            "funding_schemes": [{{"id": "apbn", "name": "APBN"}}],
            "items": [{items}]}}"#
    );
    match store::parse(Path::new("inline.json"), text.as_bytes()) {
        Ok(roadmap) => roadmap,
        Err(err) => panic!("inline roadmap does not load: {err}"),
    }
}

/// An item with every required field, the given fields replacing or adding to them.
fn item(fields: &str) -> String {
    let mut object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        r#"{"title": "T", "kind": "initiative", "sector": "infra", "start": "2025-01-01",
            "end": "2025-01-31", "progress": 0, "depends_on": []}"#,
    )
    .unwrap();
    let more: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&format!("{{{fields}}}")).unwrap();
    object.extend(more);
    serde_json::Value::Object(object).to_string()
}

/// A rule whose fixture gives exactly these problems, as a planner sees them.
macro_rules! rule {
    ($test:ident, $fixture:literal, [$($problem:expr),+ $(,)?]) => {
        #[test]
        fn $test() {
            expect_fixture($fixture, &[$($problem),+]);
        }
    };
}

#[test]
fn clean_roadmaps_have_no_problems() {
    for name in ["minimal.json", "full.json", "unknown-fields.json"] {
        let problems = validate(&load_fixture("valid", name));
        assert!(problems.is_empty(), "{name}: {:?}", shown(&problems));
    }
    let fresh = Roadmap::new("New roadmap", 2025, 2029).unwrap();
    assert_eq!(shown(&validate(&fresh)), vec![]);
}

rule!(
    duplicate_item_ids,
    "duplicate-id.json",
    [r#"item "a": id: "a" is already used by item #1"#]
);

rule!(
    duplicate_sector_ids,
    "duplicate-sector-id.json",
    [r#"sector "infra": id: "infra" is used twice"#]
);

rule!(
    duplicate_funding_scheme_ids,
    "duplicate-funding-scheme-id.json",
    [r#"funding scheme "apbn": id: "apbn" is used twice"#]
);

rule!(
    unknown_sector,
    "unknown-sector.json",
    [r#"item "a": sector: "health" is not a sector of this roadmap"#]
);

rule!(
    unknown_funding_scheme,
    "unknown-funding-scheme.json",
    [r#"item "a": funding[0].scheme: "kpbu" is not a funding scheme of this roadmap"#]
);

// The example of the spec, word for word.
rule!(
    unknown_dependency_id,
    "unknown-dependency.json",
    [r#"item "data-centre": depends_on "x": no such item"#]
);

rule!(
    self_dependency,
    "self-dependency.json",
    [r#"item "a": depends_on "a": an item cannot depend on itself"#]
);

rule!(
    dangling_and_self_dependency_in_one_item,
    "dangling-and-self-dependency.json",
    [
        r#"item "a": depends_on "ghost": no such item"#,
        r#"item "a": depends_on "a": an item cannot depend on itself"#
    ]
);

#[test]
fn duplicate_dependency_is_a_warning() {
    expect_fixture(
        "warning-duplicate-dependency.json",
        &[r#"warning: item "b": depends_on "a": listed more than once; every link is scheduled"#],
    );
}

/// Each name in a printed cycle must depend on the one before it, and the first on the last.
fn assert_real_cycle(roadmap: &Roadmap, printed: &str) {
    let chain = printed.rsplit(": ").next().unwrap();
    let names: Vec<&str> = chain.split(" -> ").collect();
    assert!(names.len() >= 3, "{printed}");
    assert_eq!(names.first(), names.last(), "{printed}");
    for pair in names.windows(2) {
        let successor = &roadmap.items[roadmap.index_of(pair[1]).unwrap()];
        assert!(
            successor.depends_on.iter().any(|d| d.id == pair[0]),
            "{} does not depend on {} in {printed}",
            pair[1],
            pair[0]
        );
    }
}

#[test]
fn cycle_is_printed_in_dependency_order() {
    // b depends on a, c on b, a on c. The arrow reads "comes before" (each name depends on the
    // one before it) and the chain starts at the cycle's first item in file order.
    let roadmap = load_fixture("invalid", "cycle.json");
    let text =
        "item \"a\": depends_on: dependency cycle (each item depends on the one before it): \
                a -> b -> c -> a";
    expect(&roadmap, &[text]);
    assert_real_cycle(&roadmap, text);
    assert_eq!(validate(&roadmap)[0].item_index(), Some(0));
}

#[test]
fn cycle_starts_at_its_first_item_whatever_the_dependency_direction() {
    // Same file order, links the other way round: a depends on b, b on c, c on a.
    let roadmap = roadmap_with_items(
        &[
            item(r#""id": "a", "depends_on": ["b"]"#),
            item(r#""id": "b", "depends_on": ["c"]"#),
            item(r#""id": "c", "depends_on": ["a"]"#),
        ]
        .join(","),
    );
    let text =
        "item \"a\": depends_on: dependency cycle (each item depends on the one before it): \
                a -> c -> b -> a";
    expect(&roadmap, &[text]);
    assert_real_cycle(&roadmap, text);
}

#[test]
fn two_disjoint_cycles_are_both_reported() {
    // "free" depends on the first cycle without being in it: it must not be named.
    let roadmap = load_fixture("invalid", "two-cycles.json");
    let first = "item \"a\": depends_on: dependency cycle (each item depends on the one before \
                 it): a -> b -> a";
    let second = "item \"c\": depends_on: dependency cycle (each item depends on the one before \
                  it): c -> d -> e -> c";
    expect(&roadmap, &[first, second]);
    assert_real_cycle(&roadmap, first);
    assert_real_cycle(&roadmap, second);
}

#[test]
fn loops_sharing_an_item_are_reported_once() {
    // a <-> b and b <-> c form one tangle: one loop through it is reported (docs/format.md).
    let roadmap = roadmap_with_items(
        &[
            item(r#""id": "a", "depends_on": ["b"]"#),
            item(r#""id": "b", "depends_on": ["a", "c"]"#),
            item(r#""id": "c", "depends_on": ["b"]"#),
        ]
        .join(","),
    );
    let text =
        "item \"a\": depends_on: dependency cycle (each item depends on the one before it): \
                a -> b -> a";
    expect(&roadmap, &[text]);
    assert_real_cycle(&roadmap, text);
}

#[test]
fn find_cycle_names_the_loop_a_new_link_would_close() {
    // In cycle.json, before any edit: would making a (0) depend on b (1) close a loop?
    let mut roadmap = load_fixture("invalid", "cycle.json");
    roadmap.items[0].depends_on.clear();
    // Now: b depends on a, c on b. Making a depend on c closes a -> b -> c -> a.
    assert_eq!(model::find_cycle(&roadmap, 0, 2), Some(vec![0, 1, 2]));
    // c depending on a is already implied, not a loop.
    assert_eq!(model::find_cycle(&roadmap, 2, 0), None);
    assert_eq!(model::find_cycle(&roadmap, 1, 1), Some(vec![1]));
}

rule!(
    end_before_start,
    "end-before-start.json",
    [r#"item "a": end: 2025-01-31 is before start 2025-03-01"#]
);

rule!(
    roadmap_end_before_start,
    "roadmap-end-before-start.json",
    ["end: 2025-12-31 is before start 2026-01-01"]
);

#[test]
fn milestone_must_be_one_day() {
    expect_fixture(
        "milestone-not-one-day.json",
        &[
            r#"item "m": end: a milestone is one day: start 2025-06-01 and end 2025-06-30 must be equal"#,
        ],
    );
    let one_day = roadmap_with_items(&item(
        r#""id": "m", "kind": "milestone", "start": "2025-06-30", "end": "2025-06-30""#,
    ));
    expect(&one_day, &[]);
}

#[test]
fn impossible_dates() {
    expect_fixture(
        "impossible-date.json",
        &[r#"item "a": start: "2025-02-30" is not a real date in the form YYYY-MM-DD"#],
    );
    // The spec's example, a leap day in a common year, and a date with a one-digit month.
    let roadmap = roadmap_with_items(
        &[
            item(r#""id": "a", "start": "2023-02-30""#),
            item(r#""id": "b", "end": "2025-02-29""#),
            item(r#""id": "c", "end": "2025-1-31""#),
        ]
        .join(","),
    );
    expect(
        &roadmap,
        &[
            r#"item "a": start: "2023-02-30" is not a real date in the form YYYY-MM-DD"#,
            r#"item "b": end: "2025-02-29" is not a real date in the form YYYY-MM-DD"#,
            r#"item "c": end: "2025-1-31" is not a real date in the form YYYY-MM-DD"#,
        ],
    );
}

#[test]
fn progress_outside_0_to_100() {
    expect_fixture(
        "progress-out-of-range.json",
        &[r#"item "a": progress: 150 is out of range; must be an integer from 0 to 100"#],
    );
    let roadmap = roadmap_with_items(
        &[
            item(r#""id": "neg", "progress": -1"#),
            item(r#""id": "frac", "progress": 50.5"#),
            item(r#""id": "full", "progress": 100"#),
        ]
        .join(","),
    );
    expect(
        &roadmap,
        &[
            r#"item "neg": progress: -1 is negative; must be an integer from 0 to 100"#,
            r#"item "frac": progress: 50.5 is not an integer from 0 to 100"#,
        ],
    );
}

#[test]
fn negative_amounts() {
    expect_fixture(
        "negative-amount.json",
        &[r#"item "a": funding[0].amount: -500 is negative; must be a non-negative integer"#],
    );
    expect_fixture(
        "negative-cost.json",
        &[r#"item "a": cost: -1 is negative; must be a non-negative integer"#],
    );
}

rule!(
    unknown_dependency_type,
    "unknown-dependency-type.json",
    [
        r#"item "b": depends_on "a": type: "XS" is not a dependency type; expected "FS", "SS", "FF" or "SF""#
    ]
);

#[test]
fn bad_lags() {
    expect_fixture(
        "bad-lag.json",
        &[
            r#"item "b": depends_on "a": lag_days: must be a whole number of days from -36500 to 36500, found a string"#,
        ],
    );
    // Negative lags are leads and fine; a century and a day is not.
    let roadmap = roadmap_with_items(
        &[
            item(r#""id": "a""#),
            item(r#""id": "b", "depends_on": [{"id": "a", "type": "SS", "lag_days": -30}]"#),
            item(r#""id": "c", "depends_on": [{"id": "a", "type": "FF", "lag_days": 36501}]"#),
        ]
        .join(","),
    );
    expect(
        &roadmap,
        &[
            r#"item "c": depends_on "a": lag_days: 36501 is out of range; must be a whole number of days from -36500 to 36500"#,
        ],
    );
}

rule!(
    unknown_kind,
    "unknown-kind.json",
    [r#"item "a": kind: "epic" is not a kind; expected "initiative", "milestone" or "regulation""#]
);

rule!(
    unknown_regulation_stage,
    "unknown-stage.json",
    [
        r#"item "r": regulation.stage: "passed" is not a regulation stage; expected "planned", "drafting", "harmonization", "deliberation" or "enacted""#
    ]
);

rule!(
    unknown_funding_status,
    "unknown-status.json",
    [
        r#"item "a": funding[0].status: "paid" is not a funding status; expected "proposed", "committed" or "disbursed""#
    ]
);

#[test]
fn regulation_block_on_a_non_regulation_item() {
    let problems = shown(&validate(&load_fixture(
        "invalid",
        "regulation-on-initiative.json",
    )));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, Error);
    // The article is checked by the ignored test below.
    assert!(
        problems[0].1.starts_with(
            r#"item "a": regulation: only regulation items have a regulation block; this item is a"#
        ),
        "{}",
        problems[0].1
    );
}

#[test]
fn regulation_block_message_uses_the_right_article() {
    expect_fixture(
        "regulation-on-initiative.json",
        &[
            r#"item "a": regulation: only regulation items have a regulation block; this item is an initiative"#,
        ],
    );
}

rule!(
    items_outside_the_roadmap_are_warnings,
    "warning-outside-roadmap.json",
    [
        r#"warning: item "a": start: 2024-12-01 is before the roadmap's start 2025-01-01"#,
        r#"warning: item "a": end: 2027-01-31 is after the roadmap's end 2026-12-31"#
    ]
);

#[test]
fn funding_year_outside_the_roadmap_is_a_warning() {
    expect_fixture(
        "warning-funding-year-outside.json",
        &[r#"warning: item "a": funding[0].year: 2027 is outside the roadmap's years 2025-2026"#],
    );
    let roadmap = roadmap_with_items(&item(
        r#""id": "a", "funding": [{"scheme": "apbn", "year": 1899, "amount": 1, "status": "proposed"}]"#,
    ));
    expect(
        &roadmap,
        &[r#"item "a": funding[0].year: 1899 is out of range; must be a year from 1900 to 2200"#],
    );
}

rule!(
    unsupported_format,
    "wrong-format.json",
    [
        r#"format: "peta-roadmap/2" is not supported (written by another version of peta); this version reads "peta-roadmap/1""#
    ]
);

rule!(
    known_field_with_the_wrong_json_type,
    "wrong-type.json",
    [r#"item "a": start: must be a date string YYYY-MM-DD, found a number"#]
);

rule!(
    missing_required_fields,
    "missing-fields.json",
    [
        "title: missing",
        r#"sector "infra": name: missing"#,
        "funding scheme #1: id: missing",
        "item #2: id: missing",
        r#"item "a": title: missing"#,
        r#"item "a": kind: missing; expected "initiative", "milestone" or "regulation""#,
        r#"item "a": sector: missing"#,
        r#"item "a": start: missing"#,
        r#"item "a": end: missing"#,
        r#"item "a": depends_on[0]: id missing"#,
        r#"item "a": funding[0].scheme: missing"#,
        r#"item "a": funding[0].year: missing"#,
        r#"item "a": talent[0].role: missing"#
    ]
);

#[test]
fn empty_object_reports_every_missing_roadmap_field() {
    let roadmap = store::parse(Path::new("x.json"), b"{}").unwrap();
    expect(
        &roadmap,
        &[
            r#"format: missing; expected "peta-roadmap/1""#,
            "title: missing",
            "start: missing",
            "end: missing",
            "warning: currency: missing; amounts are shown without a currency",
        ],
    );
}

/// Decided behaviour (see docs/format.md): `progress` defaults to 0 and a funding line's
/// `status` to proposed, so their absence is no problem; a regulation item without its
/// instrument or stage gets warnings, because the stage decides what it blocks.
#[test]
fn missing_regulation_details_are_warnings_and_defaults_are_silent() {
    let roadmap = roadmap_with_items(
        &[
            r#"{"id": "a", "title": "T", "kind": "regulation", "sector": "infra",
            "start": "2025-01-01", "end": "2025-01-31", "depends_on": [],
            "regulation": {}, "funding": [{"scheme": "apbn", "year": 2025, "amount": 5}],
            "talent": [{"role": "Analyst", "count": 1}]}"#,
            r#"{"id": "b", "title": "T", "kind": "regulation", "sector": "infra",
            "start": "2025-01-01", "end": "2025-01-31"}"#,
        ]
        .join(","),
    );
    let problems = shown(&validate(&roadmap));
    assert_eq!(
        problems,
        vec![
            (Warning, r#"warning: item "a": regulation.instrument: missing (e.g. "UU", "PP", "Perpres")"#.to_string()),
            (Warning, r#"warning: item "a": regulation.stage: missing; counts as not enacted"#.to_string()),
            (
                Warning,
                r#"warning: item "b": regulation: missing; add {"instrument", "stage"} (without a stage it counts as not enacted)"#
                    .to_string()
            ),
        ]
    );
}

rule!(
    several_problems_are_all_reported_errors_first,
    "several-problems.json",
    [
        r#"item "a": kind: "epic" is not a kind; expected "initiative", "milestone" or "regulation""#,
        r#"item "a": progress: 150 is out of range; must be an integer from 0 to 100"#,
        r#"item "a": start: "2025-02-30" is not a real date in the form YYYY-MM-DD"#,
        r#"item "b": sector: "health" is not a sector of this roadmap"#,
        r#"item "b": depends_on "ghost": no such item"#,
        r#"item "b": funding[0].amount: -1 is negative; must be a non-negative integer"#,
        r#"item "d": end: a milestone is one day: start 2025-05-01 and end 2025-05-02 must be equal"#,
        r#"item "d": depends_on "d": an item cannot depend on itself"#,
        r#"warning: item "c": start: 2024-06-01 is before the roadmap's start 2025-01-01"#
    ]
);

#[test]
fn problems_point_at_the_item_index() {
    let problems = validate(&load_fixture("invalid", "several-problems.json"));
    let indices: Vec<Option<usize>> = problems.iter().map(Problem::item_index).collect();
    assert_eq!(
        indices,
        [0, 0, 0, 1, 1, 1, 3, 3, 2].map(Some).to_vec(),
        "{:?}",
        shown(&problems)
    );
}

#[test]
fn roadmap_level_wrong_types_are_reported_not_fatal() {
    let text = br#"{"format": 5, "title": "T", "start": "2025-1-1", "end": null,
                     "currency": "IDR", "sectors": "x", "funding_schemes": {}, "items": []}"#;
    let roadmap = store::parse(Path::new("x.json"), text).unwrap();
    expect(
        &roadmap,
        &[
            "end: must be a date string YYYY-MM-DD, found null",
            "format: must be a string, found a number",
            "funding_schemes: must be an array, found an object",
            "sectors: must be an array, found a string",
            r#"start: "2025-1-1" is not a real date in the form YYYY-MM-DD"#,
        ],
    );
}

#[test]
fn empty_dependency_id_is_not_a_link() {
    // Item #1 has no id and depends on b; b lists an empty dependency id.
    let roadmap = roadmap_with_items(
        &[
            item(r#""depends_on": ["b"]"#),
            item(r#""id": "b", "depends_on": [""]"#),
        ]
        .join(","),
    );
    expect(
        &roadmap,
        &[
            "item #1: id: missing",
            r#"item "b": depends_on[0]: id missing"#,
        ],
    );
}

#[test]
fn every_rule_example_in_the_docs_is_what_peta_prints() {
    // What all invalid fixtures and an empty object produce, against the rules table.
    let mut produced: Vec<(Severity, String)> = shown(&validate(
        &store::parse(Path::new("x.json"), b"{}").unwrap(),
    ));
    for entry in std::fs::read_dir(fixture_path("invalid", "")).unwrap() {
        if let Ok(loaded) = store::load(&entry.unwrap().path()) {
            produced.extend(shown(&validate(&loaded.roadmap)));
            produced.extend(shown(&funding_problems(&loaded.roadmap)));
        }
    }
    let money = load_fixture("valid", "funding-talent-regulations.json");
    produced.extend(shown(&funding_problems(&money)));
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
            .unwrap();
    let table = docs.split("### Rules and their messages").nth(1).unwrap();
    let table = table.split("\n\n").nth(1).unwrap();
    let mut checked = 0;
    for row in table.lines().skip(2) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let (severity, example) = (cells[1], cells[2].trim_end_matches(" |"));
        if !example.starts_with('`') {
            continue; // "see the next table"
        }
        let example = example.trim_matches('`');
        let severity = if severity == "warning" {
            Warning
        } else {
            Error
        };
        assert!(
            produced.contains(&(severity, example.to_string())),
            "docs/format.md shows {example:?}, which no fixture produces"
        );
        checked += 1;
    }
    assert_eq!(checked, 28);
}

#[test]
fn bad_scheme_kinds_ceilings_and_talent_years() {
    expect_fixture(
        "bad-scheme-fields.json",
        &[
            r#"funding scheme "apbn": kind: "bank" is not a funding scheme kind; expected "state-budget", "regional-budget", "ppp", "loan", "grant", "private" or "other""#,
            r#"funding scheme "loan": ceilings: "20x6" is not a year from 1900 to 2200"#,
            r#"funding scheme "grant": ceilings: "2026": -5 is negative; must be a non-negative integer"#,
            r#"funding scheme "ppp": ceilings: must be an object of years to amounts, found an array"#,
            r#"item "a": talent[0].year: 1899 is out of range; must be a year from 1900 to 2200"#,
        ],
    );
    // The bad values are kept as they were and written back in their place.
    let roadmap = load_fixture("invalid", "bad-scheme-fields.json");
    let saved = store::to_canonical_string(&roadmap);
    let original =
        std::fs::read_to_string(fixture_path("invalid", "bad-scheme-fields.json")).unwrap();
    assert_eq!(saved, original);
}

#[test]
fn good_scheme_kinds_ceilings_and_talent_years_are_typed() {
    let roadmap = roadmap_with_items(
        r#"{"id": "a", "title": "A", "kind": "initiative", "sector": "infra",
            "start": "2025-01-01", "end": "2025-12-31",
            "talent": [{"role": "Analyst", "count": 2, "year": 2025}, {"role": "PM", "count": 1}]}"#,
    );
    assert_eq!(roadmap.items[0].talent[0].year, Some(2025));
    assert_eq!(roadmap.items[0].talent[1].year, None);
    let text = r#"{"funding_schemes": [{"id": "k", "name": "K", "kind": "ppp",
        "ceilings": {"2027": 7, "2026": 18446744073709551615}}]}"#;
    let roadmap = store::parse(Path::new("x.json"), text.as_bytes()).unwrap();
    let scheme = &roadmap.funding_schemes[0];
    assert_eq!(scheme.kind, Some(peta::model::SchemeKind::Ppp));
    assert_eq!(
        scheme
            .ceilings
            .iter()
            .map(|(y, a)| (*y, *a))
            .collect::<Vec<_>>(),
        vec![(2026, u64::MAX), (2027, 7)]
    );
    assert!(scheme.invalid.is_empty());
}
