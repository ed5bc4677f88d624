//! A national portfolio of 500 members with 100,000 items in all, linked across members:
//! loading every member file, combining and scheduling (and, apart, validating).
//!
//! Budget (issue 6): load and schedule in under 2 s. Besides the criterion group, the time of
//! each stage is printed once, measured with `Instant` (best of a few runs).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use peta::generate;
use peta::model::{Date, Dependency, LinkType};
use peta::portfolio::{self, Portfolio};
use peta::schedule::{schedule, Options};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MEMBERS: usize = 500;
const ITEMS_PER_MEMBER: usize = 200;
/// Links from each member to items of earlier members (acyclic by construction).
const CROSS_LINKS_PER_MEMBER: usize = 8;
const BUDGET: Duration = Duration::from_secs(2);

fn options() -> Options {
    Options::new(Date::from_ymd_opt(2026, 7, 1).unwrap_or_default())
}

/// Writes the members and the portfolio file into `dir`; returns the portfolio's path.
fn write_portfolio(dir: &Path) -> PathBuf {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        // xorshift: deterministic and dependency-free.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    let mut ids_of: Vec<Vec<String>> = Vec::with_capacity(MEMBERS);
    let mut members = Vec::with_capacity(MEMBERS);
    for m in 0..MEMBERS {
        let mut roadmap = generate::roadmap(ITEMS_PER_MEMBER, 2, m as u64 + 1);
        if m > 0 {
            for _ in 0..CROSS_LINKS_PER_MEMBER {
                let earlier = next(m);
                let target = &ids_of[earlier][next(ITEMS_PER_MEMBER)];
                let at = next(ITEMS_PER_MEMBER);
                roadmap.items[at].depends_on.push(Dependency {
                    id: format!("m{earlier:03}:{target}"),
                    link: LinkType::FS,
                    lag_days: next(30) as i64,
                    ..Default::default()
                });
            }
        }
        ids_of.push(roadmap.items.iter().map(|i| i.id.clone()).collect());
        let name = format!("m{m:03}.json");
        std::fs::write(dir.join(&name), peta::store::to_canonical_string(&roadmap))
            .expect("write a member");
        members.push(portfolio::MemberEntry {
            id: format!("m{m:03}"),
            path: name,
            name: Some(format!("Agency {m}")),
            extra: Default::default(),
        });
    }
    let file = portfolio::PortfolioFile {
        format: portfolio::FORMAT.to_string(),
        title: "Synthetic national portfolio".to_string(),
        end: None,
        members,
        extra: Default::default(),
    };
    let path = dir.join("portfolio.json");
    std::fs::write(&path, portfolio::to_canonical_string(&file)).expect("write the portfolio");
    path
}

/// What `peta schedule PORTFOLIO` and the TUI wait for: read every member, combine, schedule.
fn load_and_schedule(path: &Path, options: &Options) -> Option<Date> {
    let portfolio = Portfolio::load(path).expect("the generated portfolio loads");
    let combined = portfolio.combine();
    schedule(&combined.roadmap, options).finish
}

/// CPU time of this process so far (all threads, user + system; from /proc, Linux only).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

fn best_of(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write_portfolio(dir.path());
    let options = options();
    let portfolio = Portfolio::load(&path).expect("loads");
    let combined = portfolio.combine();
    let items = combined.roadmap.items.len();
    let links: usize = combined
        .roadmap
        .items
        .iter()
        .map(|i| i.depends_on.len())
        .sum();
    let errors = portfolio::validate(&portfolio, &combined)
        .iter()
        .filter(|p| p.problem.is_error())
        .count();
    assert_eq!(items, MEMBERS * ITEMS_PER_MEMBER);
    assert_eq!(errors, 0, "the generated portfolio is valid");

    let load = best_of(3, || drop(black_box(Portfolio::load(&path))));
    let combine = best_of(3, || drop(black_box(portfolio.combine())));
    let plan = best_of(3, || drop(black_box(schedule(&combined.roadmap, &options))));
    let validate = best_of(3, || {
        drop(black_box(portfolio::validate(&portfolio, &combined)))
    });
    let cpu_before = cpu_time();
    let total = best_of(3, || {
        black_box(load_and_schedule(&path, &options));
    });
    // All threads' CPU time over the three runs: the work itself, whatever else shares the
    // cores and stretches the wall clock.
    let cpu = cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| format!("{:.2?}", (after - before) / 3))
        .unwrap_or_else(|| "unknown".to_string());
    println!(
        "portfolio: {MEMBERS} members, {items} items, {links} links: load {load:.2?}, combine {combine:.2?}, schedule {plan:.2?} (validate {validate:.2?}); load + schedule {total:.2?} (CPU {cpu} per run), budget {BUDGET:?}: {}",
        if total < BUDGET { "within" } else { "OVER" }
    );

    let mut group = c.benchmark_group("portfolio");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("load_and_schedule_500x200", |b| {
        b.iter(|| load_and_schedule(black_box(&path), &options))
    });
    group.bench_function("validate_500x200", |b| {
        b.iter(|| portfolio::validate(black_box(&portfolio), black_box(&combined)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
