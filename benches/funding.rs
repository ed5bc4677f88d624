//! Funding aggregates of a large roadmap.
//!
//! Budget (issue 4): for a 100,000-item roadmap with 300,000 funding lines, the funding
//! aggregates (totals by scheme x year, sector x year and status, the per-year status split,
//! gaps, ceiling breaches, the budget-cycle gate, funding outside item years and the unfunded
//! critical items: everything `peta funding` computes) take under 100 ms. Besides the
//! criterion group, the run prints once the best of a few timings and the verdict.

use peta::generate;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use peta::model::Date;
use peta::report::funding_report::funding_report;
use peta::schedule::{schedule, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Items and funding lines: three lines per item, at 1,000, 10,000 and 100,000 items.
const SIZES: [(usize, usize); 3] = [(1_000, 3_000), (10_000, 30_000), (100_000, 300_000)];
const DEPS_PER_ITEM: usize = 2;
const SEED: u64 = 2025;
const BUDGET: Duration = Duration::from_millis(100);

fn bench(c: &mut Criterion) {
    for (items, lines) in SIZES {
        bench_size(c, items, lines);
    }
}

fn bench_size(c: &mut Criterion, items: usize, lines: usize) {
    // Through the file, as `peta funding` and the TUI get it: loading lays the lines out in
    // file order, where the generator's own roadmap has them shuffled by its sort by sector.
    let generated =
        generate::with_funding_lines(generate::roadmap(items, DEPS_PER_ITEM, SEED), lines, SEED);
    let text = peta::store::to_canonical_string(&generated);
    drop(generated);
    let roadmap =
        peta::store::parse(std::path::Path::new("bench.json"), text.as_bytes()).unwrap_or_default();
    let total: usize = roadmap.items.iter().map(|i| i.funding.len()).sum();
    assert_eq!(total, lines, "the generator must reach the line count");
    let options = Options::new(Date::from_ymd_opt(2026, 7, 1).unwrap_or_default());
    // The schedule is not part of the aggregates: `peta funding` and the TUI have it already.
    let schedule = schedule(&roadmap, &options);

    let best = (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(funding_report(&roadmap, &schedule));
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    let report = funding_report(&roadmap, &schedule);
    // The budget is set for the largest roadmap only.
    let verdict = if items < 100_000 {
        "no budget at this size"
    } else if best <= BUDGET {
        "within budget"
    } else {
        "OVER BUDGET"
    };
    eprintln!(
        "\n{items} items, {lines} funding lines: funding aggregates {:.1} ms (best of 5); \
         budget {} ms: {verdict}\n  {} ceiling breaches, {} items with a gap, {} items at the \
         budget-cycle gate, {} lines outside their item's years",
        best.as_secs_f64() * 1e3,
        BUDGET.as_millis(),
        report.checks.breaches.len(),
        report.gaps.len(),
        report.checks.unfunded.len(),
        report.checks.outside.len(),
    );

    let mut group = c.benchmark_group(format!("{items} items, {lines} funding lines"));
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time((best * 12).max(Duration::from_secs(1)));
    group.bench_function("funding aggregates", |b| {
        b.iter(|| funding_report(black_box(&roadmap), &schedule))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
