//! Money totals on a small roadmap whose sums are worked out by hand in the comments.

use peta::model::Roadmap;
use peta::report::funding::{item_gap, item_totals, summarize, Totals, UNKNOWN_SCHEME};
use peta::report::money::format_money;
use std::path::Path;

// a (infra): cost 1000; apbn 2025 300 committed, loan 2026 200 disbursed, apbn 2026 100 proposed
// b (infra): cost 50; grant 2025 80 without a status (counts as proposed)
// c (data): cost 400; "bank" 2028 40 committed (unknown scheme); an invalid amount and an
//           invalid year (both lines skipped)
// d (space, an unknown sector): invalid cost (0); apbn 2025 10 committed
// e (data): a milestone with no money
const ROADMAP: &str = r#"{
  "format": "peta-roadmap/1", "title": "Money", "start": "2025-01-01", "end": "2026-12-31",
  "currency": "IDR",
  "sectors": [{"id": "infra", "name": "Infrastructure"}, {"id": "data", "name": "Data"}],
  "funding_schemes": [{"id": "apbn", "name": "APBN"}, {"id": "loan", "name": "Loan"},
                      {"id": "grant", "name": "Grant"}],
  "items": [
    {"id": "a", "title": "A", "kind": "initiative", "sector": "infra",
     "start": "2025-01-01", "end": "2025-12-31", "cost": 1000,
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 300, "status": "committed"},
                 {"scheme": "loan", "year": 2026, "amount": 200, "status": "disbursed"},
                 {"scheme": "apbn", "year": 2026, "amount": 100, "status": "proposed"}]},
    {"id": "b", "title": "B", "kind": "initiative", "sector": "infra",
     "start": "2025-01-01", "end": "2025-12-31", "cost": 50,
     "funding": [{"scheme": "grant", "year": 2025, "amount": 80}]},
    {"id": "c", "title": "C", "kind": "initiative", "sector": "data",
     "start": "2025-01-01", "end": "2025-12-31", "cost": 400,
     "funding": [{"scheme": "bank", "year": 2028, "amount": 40, "status": "committed"},
                 {"scheme": "apbn", "year": 2025, "amount": "lots", "status": "committed"},
                 {"scheme": "loan", "year": "2025", "amount": 999, "status": "committed"}]},
    {"id": "d", "title": "D", "kind": "initiative", "sector": "space",
     "start": "2025-01-01", "end": "2025-12-31", "cost": "expensive",
     "funding": [{"scheme": "apbn", "year": 2025, "amount": 10, "status": "committed"}]},
    {"id": "e", "title": "E", "kind": "milestone", "sector": "data",
     "start": "2026-06-30", "end": "2026-06-30"}
  ]
}"#;

fn roadmap() -> Roadmap {
    peta::store::parse(Path::new("money.json"), ROADMAP.as_bytes()).unwrap()
}

fn totals(cost: u128, funded: u128, committed: u128, disbursed: u128, proposed: u128) -> Totals {
    Totals {
        cost,
        funded,
        committed,
        disbursed,
        proposed,
        gap: cost.saturating_sub(committed),
        unfunded: cost.saturating_sub(funded),
    }
}

#[test]
fn whole_roadmap() {
    let s = summarize(&roadmap(), None);
    assert_eq!(s.currency, "IDR");
    assert_eq!(
        s.years,
        [2025, 2026, 2028],
        "roadmap years plus the line in 2028"
    );
    // cost 1000+50+400+0; funded 600+80+40+10; committed 500+0+40+10; proposed 100+80
    assert_eq!(s.totals, totals(1450, 730, 550, 200, 180));
    assert_eq!((s.totals.gap, s.totals.unfunded), (900, 720));
    assert_eq!(s.skipped_lines, 2);

    let rows: Vec<(&str, bool, &[u128], u128)> = s
        .schemes
        .iter()
        .map(|r| (r.name.as_str(), r.known, r.per_year.as_slice(), r.total))
        .collect();
    assert_eq!(
        rows,
        [
            ("APBN", true, &[310, 100, 0][..], 410),
            ("Loan", true, &[0, 200, 0][..], 200),
            ("Grant", true, &[80, 0, 0][..], 80),
            (UNKNOWN_SCHEME, false, &[0, 0, 40][..], 40),
        ]
    );
    assert_eq!(s.year_totals, [390, 300, 40]);

    let sectors: Vec<(&str, &[u128], Totals)> = s
        .sectors
        .iter()
        .map(|r| (r.name.as_str(), r.per_year.as_slice(), r.totals))
        .collect();
    assert_eq!(
        sectors,
        [
            (
                "Infrastructure",
                &[380, 300, 0][..],
                totals(1050, 680, 500, 200, 180)
            ),
            ("Data", &[0, 0, 40][..], totals(400, 40, 40, 0, 0)),
            ("(unknown sector)", &[10, 0, 0][..], totals(0, 10, 10, 0, 0)),
        ]
    );
    assert_eq!(format_money(s.totals.cost, &s.currency), "Rp 1.450");
}

#[test]
fn one_sector() {
    let r = roadmap();
    let s = summarize(&r, Some("infra"));
    assert_eq!(s.sector.as_deref(), Some("infra"));
    assert_eq!(s.years, [2025, 2026]);
    let per_scheme: Vec<&[u128]> = s.schemes.iter().map(|r| r.per_year.as_slice()).collect();
    assert_eq!(per_scheme, [&[300, 100][..], &[0, 200][..], &[80, 0][..]]);
    assert_eq!(s.sectors.len(), 1);
    assert_eq!(s.sectors[0].id, "infra");
    assert_eq!(s.totals, totals(1050, 680, 500, 200, 180));
    assert_eq!(s.skipped_lines, 0);

    let s = summarize(&r, Some("data"));
    assert_eq!(s.years, [2025, 2026, 2028]);
    assert_eq!(s.totals, totals(400, 40, 40, 0, 0));
    assert_eq!(s.skipped_lines, 2);
    assert_eq!(s.schemes.last().unwrap().per_year, [0, 0, 40]);

    // Items of a sector the roadmap does not list are still counted, in the unknown row.
    let s = summarize(&r, Some("space"));
    assert_eq!(s.totals, totals(0, 10, 10, 0, 0));
    assert_eq!(s.sectors.len(), 1);
    assert!(!s.sectors[0].known);
}

#[test]
fn per_item_gap() {
    let r = roadmap();
    assert_eq!(item_gap(&r.items[0]), 500);
    assert_eq!(
        item_gap(&r.items[1]),
        50,
        "proposed money does not close the gap"
    );
    assert_eq!(item_gap(&r.items[2]), 360);
    assert_eq!(item_gap(&r.items[3]), 0, "no valid cost");
    assert_eq!(
        item_totals(&r.items[1]).unfunded,
        0,
        "overfunded saturates at 0"
    );
}

#[test]
fn sums_beyond_u64_do_not_overflow() {
    let max = u64::MAX;
    let text = format!(
        r#"{{"start": "2025-01-01", "end": "2025-12-31", "funding_schemes": [{{"id": "apbn"}}],
        "items": [{{"id": "x", "sector": "s", "cost": {max}, "funding": [
          {{"scheme": "apbn", "year": 2025, "amount": {max}, "status": "committed"}},
          {{"scheme": "apbn", "year": 2025, "amount": {max}, "status": "committed"}}]}}]}}"#
    );
    let r = peta::store::parse(Path::new("big.json"), text.as_bytes()).unwrap();
    let s = summarize(&r, None);
    let twice = 2 * u128::from(max);
    assert_eq!(s.totals.funded, twice);
    assert_eq!(s.schemes[0].per_year, [twice]);
    assert_eq!(s.totals.gap, 0);
    assert_eq!(s.years, [2025]);
}

#[test]
fn empty_roadmap_without_dates() {
    let r = peta::store::parse(Path::new("e.json"), b"{}").unwrap();
    let s = summarize(&r, None);
    assert!(s.years.is_empty());
    assert!(s.schemes.is_empty());
    assert!(s.sectors.is_empty());
    assert_eq!(s.totals, Totals::default());
}
