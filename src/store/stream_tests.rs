//! The fast reader against the two-step path on random roadmap-shaped JSON: wrong types,
//! unknown fields, duplicate and escaped keys, odd shapes. Both must agree on every input.

use super::read;
use crate::model::{from_value, Roadmap};
use crate::store::json::parse_value;
use proptest::prelude::*;

/// JSON with keys in order and possibly repeated, which `serde_json::Value` cannot hold.
#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Big(u64),
    Str(String),
    Arr(Vec<J>),
    /// Fields, and whether keys are written with a `\u0074` escape for each `t`.
    Obj(Vec<(String, J)>, bool),
}

fn text(json: &J, out: &mut String) {
    match json {
        J::Null => out.push_str("null"),
        J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        J::Int(n) => out.push_str(&n.to_string()),
        J::Big(n) => out.push_str(&n.to_string()),
        J::Float(x) => out.push_str(&serde_json::to_string(x).unwrap_or_else(|_| "0".into())),
        J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
        J::Arr(values) => {
            out.push('[');
            for (i, value) in values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                text(value, out);
            }
            out.push(']');
        }
        J::Obj(fields, escaped) => {
            out.push('{');
            for (i, (key, value)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let key = serde_json::to_string(key).unwrap_or_default();
                out.push_str(&if *escaped {
                    key.replace('t', "\\u0074")
                } else {
                    key
                });
                out.push(':');
                text(value, out);
            }
            out.push('}');
        }
    }
}

fn junk() -> BoxedStrategy<J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::Int),
        any::<u64>().prop_map(J::Big),
        (-1e6f64..1e6).prop_map(J::Float),
        "[a-z\u{e9}\"\\\\ ]{0,6}".prop_map(J::Str),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(J::Arr),
            (
                prop::collection::vec(("[a-z]{1,3}", inner), 0..3),
                any::<bool>()
            )
                .prop_map(|(fields, escaped)| J::Obj(fields, escaped)),
        ]
    })
    .boxed()
}

fn words(choices: &'static [&'static str]) -> BoxedStrategy<J> {
    prop::sample::select(choices)
        .prop_map(|word| J::Str(word.to_string()))
        .boxed()
}

fn int(range: std::ops::Range<i64>) -> BoxedStrategy<J> {
    range.prop_map(J::Int).boxed()
}

/// A value for a known field: usually of the right kind, sometimes anything.
fn value_for(key: &str) -> BoxedStrategy<J> {
    let good = match key {
        "start" | "end" => words(&["2025-01-31", "2026-12-01", "2023-02-30", "soon", ""]),
        "kind" => words(&[
            "initiative",
            "milestone",
            "regulation",
            "epic",
            "loan",
            "ppp",
        ]),
        "ceilings" => ceilings(),
        "type" => words(&["FS", "SS", "FF", "SF", "fs"]),
        "stage" => words(&["planned", "drafting", "enacted", "repealed"]),
        "status" => words(&["proposed", "committed", "disbursed", "hoped"]),
        "progress" => int(-5..120),
        "cost" | "amount" => {
            prop_oneof![int(-5..10_000_000), any::<u64>().prop_map(J::Big)].boxed()
        }
        "count" => int(-3..50),
        "year" => int(1890..2210),
        "lag_days" => int(-40_000..40_000),
        "depends_on" => list(prop_oneof![words(&["a", "b", "c", ""]), object(DEPENDENCY)].boxed()),
        "regulation" => object(REGULATION),
        "funding" => list(object(FUNDING)),
        "talent" => list(object(TALENT)),
        "sectors" => list(object(NAMED)),
        "funding_schemes" => list(object(SCHEME)),
        "items" => list(prop_oneof![8 => object(ITEM), 1 => junk()].boxed()),
        _ => words(&["a", "b", "c", "Data \"centre\"", "\u{e9}\u{e9}", ""]),
    };
    prop_oneof![6 => good, 1 => junk()].boxed()
}

fn list(element: BoxedStrategy<J>) -> BoxedStrategy<J> {
    prop::collection::vec(element, 0..4)
        .prop_map(J::Arr)
        .boxed()
}

const ROADMAP: &[&str] = &[
    "format",
    "title",
    "start",
    "end",
    "currency",
    "sectors",
    "funding_schemes",
    "items",
];
const NAMED: &[&str] = &["id", "name"];
const SCHEME: &[&str] = &["id", "name", "kind", "ceilings"];
const ITEM: &[&str] = &[
    "id",
    "title",
    "kind",
    "sector",
    "owner",
    "start",
    "end",
    "progress",
    "depends_on",
    "regulation",
    "cost",
    "funding",
    "talent",
    "notes",
];
const DEPENDENCY: &[&str] = &["id", "type", "lag_days"];
const REGULATION: &[&str] = &["instrument", "stage"];
const FUNDING: &[&str] = &["scheme", "year", "amount", "status"];
const TALENT: &[&str] = &["role", "count", "year"];

/// Year keys, good and bad, to amounts, good and bad; sometimes a key twice.
fn ceilings() -> BoxedStrategy<J> {
    let key = prop::sample::select(&["2025", "2026", "2030", "20x6", "1899", "02026", ""][..]);
    let amount = prop_oneof![
        4 => int(-5..1_000_000_000_000),
        1 => any::<u64>().prop_map(J::Big),
        1 => junk(),
    ];
    (
        prop::collection::vec((key.prop_map(str::to_string), amount), 0..4),
        any::<bool>(),
    )
        .prop_map(|(fields, escaped)| J::Obj(fields, escaped))
        .boxed()
}

/// An object with some of the known keys in random order, unknown keys, and now and then a
/// key given twice.
fn object(keys: &'static [&'static str]) -> BoxedStrategy<J> {
    let known = prop::sample::subsequence(keys.to_vec(), 0..=keys.len()).prop_shuffle();
    (
        known,
        prop::collection::vec("x[a-z]{0,2}", 0..2),
        0..200usize,
        any::<bool>(),
    )
        .prop_flat_map(|(known, unknown, repeat, escaped)| {
            let mut names: Vec<String> = known.iter().map(|k| k.to_string()).collect();
            names.extend(unknown);
            if let Some(again) = names.get(repeat).cloned() {
                names.push(again);
            }
            let values: Vec<BoxedStrategy<(String, J)>> = names
                .into_iter()
                .map(|name| {
                    value_for(&name)
                        .prop_map(move |v| (name.clone(), v))
                        .boxed()
                })
                .collect();
            values.prop_map(move |fields| J::Obj(fields, escaped))
        })
        .boxed()
}

fn two_step(bytes: &[u8]) -> Option<Roadmap> {
    from_value(parse_value(bytes).ok()?).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_fast_reader_agrees_with_the_two_step_path(roadmap in object(ROADMAP)) {
        let mut json = String::new();
        text(&roadmap, &mut json);
        let fast = read(json.as_bytes());
        let slow = two_step(json.as_bytes());
        prop_assert_eq!(fast.is_some(), slow.is_some(), "{}", json);
        prop_assert_eq!(fast, slow, "{}", json);
    }

    #[test]
    fn any_top_level_value_is_read_the_same(value in junk()) {
        let mut json = String::new();
        text(&value, &mut json);
        prop_assert_eq!(read(json.as_bytes()), two_step(json.as_bytes()), "{}", json);
    }
}

#[test]
fn the_sample_roadmap_reads_the_same_both_ways() {
    let bytes = include_bytes!("../../roadmaps/spbe-2025-2029.json");
    let fast = read(bytes);
    assert!(fast.is_some());
    assert_eq!(fast, two_step(bytes));
}

#[test]
fn gives_up_on_duplicate_keys_and_trailing_text() {
    assert!(read(br#"{"title": "a", "title": "b"}"#).is_none());
    assert!(read(br#"{"x": 1, "x": 2}"#).is_none());
    assert!(read(br#"{"items": [{"id": "a", "id": "b"}]}"#).is_none());
    assert!(read(br#"{} {}"#).is_none());
    assert!(read(br#"{"items": [3]}"#).is_none());
    assert!(read(br#"{"items": [{"depends_on": [7]}]}"#).is_none());
    assert!(read(br#"{"title": "a"}"#).is_some());
}
