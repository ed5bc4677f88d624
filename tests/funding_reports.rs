//! Funding aggregates and warnings, the regulation pipeline and talent needs, against totals
//! computed by hand for tests/fixtures/valid/funding-talent-regulations.json:
//!
//! | line      | scheme | year | amount | status    |
//! |-----------|--------|------|--------|-----------|
//! | a[0]      | apbn   | 2025 | 100    | committed |
//! | a[1]      | apbn   | 2026 | 40     | disbursed |
//! | a[2]      | loan   | 2026 | 80     | proposed  |
//! | a[3]      | apbn   | 2027 | 20     | committed |  (a runs 2025-2026: outside)
//! | b[0]      | apbn   | 2026 | 30     | committed |
//! | b[1]      | loan   | 2027 | 50     | (none)    |  (b runs 2026-2027: 2027 not committed)
//!
//! Costs: a 300, b 200. apbn's ceilings: 2025 100 (met exactly), 2026 50 (70 booked).

use peta::model::Roadmap;
use peta::report::funding::summarize;
use peta::report::funding_checks::{
    funding_checks, funding_problems, unfunded_critical, CeilingBreach, UnfundedYears,
};
use peta::report::funding_report::{amount_json, funding_json, funding_report, funding_text, By};
use peta::report::regulations::{pipeline, regulations_json};
use peta::report::talent::{talent_json, talent_summary, Driver};
use peta::schedule::{schedule, Options};
use peta::store;
use std::path::Path;

fn sample() -> Roadmap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/valid/funding-talent-regulations.json");
    store::load(&path).unwrap().roadmap
}

fn today() -> peta::model::Date {
    peta::model::parse_date("2025-08-01").unwrap()
}

#[test]
fn totals_by_scheme_sector_year_and_status() {
    let roadmap = sample();
    let s = summarize(&roadmap, None);
    assert_eq!(s.years, vec![2025, 2026, 2027]);
    assert_eq!(s.schemes[0].per_year, vec![100, 70, 20]);
    assert_eq!(s.schemes[0].total, 190);
    assert_eq!(s.schemes[1].per_year, vec![0, 80, 50]);
    assert_eq!(s.year_totals, vec![100, 150, 70]);
    let t = s.totals;
    assert_eq!(
        (t.cost, t.funded, t.committed, t.disbursed, t.proposed),
        (500, 320, 190, 40, 130)
    );
    assert_eq!((t.gap, t.unfunded), (310, 180));
    let infra = &s.sectors[0];
    assert_eq!(infra.per_year, vec![100, 120, 20]);
    assert_eq!(
        (infra.totals.cost, infra.totals.committed, infra.totals.gap),
        (300, 160, 140)
    );
    let data = &s.sectors[1];
    assert_eq!(data.per_year, vec![0, 30, 50]);
    assert_eq!(
        (data.totals.cost, data.totals.committed, data.totals.gap),
        (200, 30, 170)
    );

    let sched = schedule(&roadmap, &Options::new(today()));
    let report = funding_report(&roadmap, &sched);
    let by_year: Vec<(u128, u128, u128)> = report
        .by_year
        .iter()
        .map(|c| (c.proposed, c.committed, c.disbursed))
        .collect();
    assert_eq!(by_year, vec![(0, 100, 0), (80, 30, 40), (50, 20, 0)]);
    // Items with a gap, largest first.
    let gaps: Vec<(&str, u128)> = report
        .gaps
        .iter()
        .map(|&(i, gap)| (roadmap.items[i].id.as_str(), gap))
        .collect();
    assert_eq!(gaps, vec![("b", 170), ("a", 140)]);
    // b and m are critical; only b costs money.
    let critical: Vec<&str> = report
        .unfunded_critical
        .iter()
        .map(|&i| roadmap.items[i].id.as_str())
        .collect();
    assert_eq!(critical, vec!["b"]);
    let unfunded = unfunded_critical(&roadmap, &sched);
    assert_eq!(unfunded.len(), 1);
    assert_eq!((unfunded[0].item, unfunded[0].totals.gap), (3, 170));
}

#[test]
fn ceilings_outside_years_and_the_budget_gate() {
    let roadmap = sample();
    let checks = funding_checks(&roadmap);
    assert_eq!(
        checks.breaches,
        vec![CeilingBreach {
            scheme: 0,
            year: 2026,
            ceiling: 50,
            total: 70
        }]
    );
    assert_eq!(checks.breaches[0].over(), 20);
    assert_eq!(checks.outside.len(), 1);
    assert_eq!(
        (
            checks.outside[0].item,
            checks.outside[0].line,
            checks.outside[0].year
        ),
        (2, 3, 2027)
    );
    assert_eq!(
        checks.unfunded,
        vec![UnfundedYears {
            item: 3,
            years: vec![2027]
        }]
    );
    let texts: Vec<String> = funding_problems(&roadmap)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        texts,
        vec![
            r#"warning: funding scheme "apbn": ceilings.2026: funding lines for 2026 add up to Rp 70, Rp 20 over the ceiling of Rp 50"#,
            r#"warning: item "a": funding[3].year: 2027 is outside the item's years 2025-2026 (from its start and end)"#,
            r#"warning: item "b": funding: no committed or disbursed funding for budget year 2027 while the item is active (budget-cycle gate)"#,
        ]
    );
}

#[test]
fn the_gate_skips_done_items_milestones_and_items_without_cost() {
    let mut roadmap = sample();
    roadmap.items[3].progress = 100;
    assert!(funding_checks(&roadmap).unfunded.is_empty());
    roadmap.items[3].progress = 0;
    roadmap.items[3].cost = None;
    assert!(funding_checks(&roadmap).unfunded.is_empty());
    // Committing b's 2027 line opens the gate.
    roadmap.items[3].cost = Some(200);
    roadmap.items[3].funding[1].status = Some(peta::model::FundingStatus::Committed);
    assert!(funding_checks(&roadmap).unfunded.is_empty());
}

#[test]
fn huge_sums_stay_exact() {
    let mut roadmap = sample();
    for line in roadmap.items.iter_mut().flat_map(|i| &mut i.funding) {
        line.amount = u64::MAX;
    }
    let s = summarize(&roadmap, None);
    assert_eq!(s.totals.funded, 6 * u128::from(u64::MAX));
    assert_eq!(
        amount_json(s.totals.funded),
        serde_json::json!((6 * u128::from(u64::MAX)).to_string())
    );
    assert_eq!(
        amount_json(u128::from(u64::MAX)),
        serde_json::json!(u64::MAX)
    );
    // apbn's 2026 ceiling of 50 is now exceeded by 2 * u64::MAX - 50.
    let breach = &funding_checks(&roadmap).breaches[1];
    assert_eq!(breach.over(), 2 * u128::from(u64::MAX) - 50);
}

#[test]
fn funding_text_and_json() {
    let roadmap = sample();
    let sched = schedule(&roadmap, &Options::new(today()));
    let report = funding_report(&roadmap, &sched);
    let text = funding_text(&roadmap, &report, By::Scheme);
    assert!(
        text.contains("apbn    state-budget  Rp 100  Rp 70 !  Rp 20  Rp 190"),
        "{text}"
    );
    assert!(
        text.contains("  apbn 2026: Rp 70 against a ceiling of Rp 50 (Rp 20 over)"),
        "{text}"
    );
    assert!(
        text.contains("critical items lacking committed money:\n  b: gap Rp 170 of Rp 200"),
        "{text}"
    );
    let by_year = funding_text(&roadmap, &report, By::Year);
    assert!(
        by_year.contains("2026      Rp 80      Rp 30      Rp 40  Rp 150"),
        "{by_year}"
    );
    let by_sector = funding_text(&roadmap, &report, By::Sector);
    assert!(
        by_sector.contains("data          Rp 0   Rp 30  Rp 50  Rp 200      Rp 30  Rp 170"),
        "{by_sector}"
    );
    let json = funding_json(&roadmap, &report);
    assert_eq!(json["totals"]["gap"], 310);
    assert_eq!(json["by_scheme"][0]["per_year"]["2026"], 70);
    assert_eq!(json["by_scheme"][0]["ceilings"]["2026"], 50);
    assert_eq!(json["ceiling_breaches"][0]["over"], 20);
    assert_eq!(json["budget_gate"][0]["years"][0], 2027);
    assert_eq!(json["unfunded_critical"][0], "b");
}

#[test]
fn talent_per_role_per_year_with_peaks_and_drivers() {
    let roadmap = sample();
    let t = talent_summary(&roadmap);
    assert_eq!(t.years, vec![2025, 2026, 2027]);
    let analyst = &t.roles[0];
    assert_eq!(analyst.role, "Analyst");
    // a: 2 in 2025 and 2026; b: 1 in 2026 and 2027.
    assert_eq!(analyst.per_year, vec![2, 3, 1]);
    assert_eq!((analyst.peak, analyst.peak_year), (3, Some(2026)));
    assert_eq!(
        analyst.drivers,
        vec![Driver { item: 2, count: 2 }, Driver { item: 3, count: 1 }]
    );
    let engineer = &t.roles[1];
    assert_eq!(engineer.per_year, vec![0, 3, 5]);
    assert_eq!((engineer.peak, engineer.peak_year), (5, Some(2027)));
    assert_eq!(engineer.drivers, vec![Driver { item: 3, count: 5 }]);
    assert_eq!(t.year_totals, vec![2, 6, 6]);
    assert_eq!(t.peak(), Some((2026, 6)));
    let json = talent_json(&roadmap, &t);
    assert_eq!(json["roles"][1]["drivers"][0]["id"], "b");
    assert_eq!(json["peak_year"], 2026);
}

#[test]
fn regulation_pipeline_overdue_and_gates() {
    let roadmap = sample();
    let sched = schedule(&roadmap, &Options::new(today()));
    let p = pipeline(&roadmap, &sched, today());
    let order: Vec<&str> = p
        .rows
        .iter()
        .map(|r| roadmap.items[r.item].id.as_str())
        .collect();
    assert_eq!(order, vec!["r1", "r2"]);
    let r1 = &p.rows[0];
    assert!(r1.overdue, "drafting and its end 2025-06-30 has passed");
    assert!(!p.rows[1].overdue, "enacted is never overdue");
    // a ends 2026-06-30 and may finish by 2027-12-31: 184 + 365 days of float.
    assert_eq!(r1.gates.len(), 1);
    assert_eq!((r1.gates[0].item, r1.gates[0].float_days), (2, 549));
    assert!(r1.gates[0].blocked);
    assert!(!p.rows[1].gates[0].blocked);
    assert!(p.rows[1].gates[0].critical);
    let json = regulations_json(&roadmap, &p, today());
    assert_eq!(json["overdue"], serde_json::json!(["r1"]));
    assert_eq!(json["by_stage"]["drafting"], 1);
    assert_eq!(json["regulations"][0]["gates"][0]["total_float_days"], 549);
}

#[test]
fn the_sample_roadmap_exercises_money_law_and_people() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("roadmaps/spbe-2025-2029.json");
    let roadmap = store::load(&path).unwrap().roadmap;
    assert!(peta::model::validate(&roadmap)
        .iter()
        .all(|p| !p.is_error()));
    assert!(roadmap.funding_schemes.len() >= 5);
    assert!(roadmap.funding_schemes.iter().all(|s| s.kind.is_some()));
    // APBN 2027: 5,175,000,000,000 booked against a ceiling of 5,000,000,000,000.
    let breaches = funding_checks(&roadmap).breaches;
    assert_eq!(breaches.len(), 1);
    assert_eq!(roadmap.funding_schemes[breaches[0].scheme].id, "apbn");
    assert_eq!(
        (breaches[0].year, breaches[0].total),
        (2027, 5_175_000_000_000)
    );
    assert!(summarize(&roadmap, None).totals.gap > 0);
    let sched = schedule(
        &roadmap,
        &Options::new(peta::model::parse_date("2026-06-01").unwrap()),
    );
    let p = pipeline(
        &roadmap,
        &sched,
        peta::model::parse_date("2026-06-01").unwrap(),
    );
    for stage in peta::model::RegulationStage::ALL {
        assert!(
            p.in_stage(Some(*stage)).any(|r| !r.gates.is_empty()),
            "no {stage} regulation gates an item"
        );
    }
    let talent = talent_summary(&roadmap);
    assert!(talent.roles.len() >= 10);
    assert!(roadmap
        .items
        .iter()
        .flat_map(|i| &i.talent)
        .any(|t| t.year.is_some()));
}
