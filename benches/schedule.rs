//! Loading, validating and scheduling large roadmaps, against serde_json parsing the same text,
//! and saving them in the canonical form, at 1,000, 10,000 and 100,000 items.
//!
//! Budget (issue 7, tighter than issue 2's 1 s): 100,000 items with 200,000 dependencies
//! load, validate and schedule in under 500 ms on one core, and in at most 3x the time serde_json takes to parse the same file
//! into a `serde_json::Value`. Besides the criterion groups, each size prints once the ratio
//! and the time of each stage, measured with `Instant` (best of a few runs).

use peta::generate;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use peta::model::{validate, validate_with, Date, Network, Roadmap};
use peta::schedule::{schedule, schedule_with, Options};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const DEPS_PER_ITEM: usize = 2;
const SEED: u64 = 2025;
const BUDGET: Duration = Duration::from_millis(500);
const BUDGET_RATIO: f64 = 3.0;

fn options() -> Options {
    Options::new(Date::from_ymd_opt(2026, 7, 1).unwrap_or_default())
}

fn parse(text: &str) -> Roadmap {
    peta::store::parse(Path::new("bench.json"), text.as_bytes()).unwrap_or_default()
}

/// What a planner waits for when opening a file: parse, validate, schedule.
fn load_validate_schedule(text: &str, options: &Options) -> (usize, Option<Date>) {
    let roadmap = parse(text);
    // As `peta schedule` and the TUI do: the dependency network is resolved once for both.
    let network = Network::build(&roadmap);
    let problems = validate_with(&roadmap, &network);
    let schedule = schedule_with(&roadmap, &network, options);
    (problems.len(), schedule.finish)
}

/// Wall-clock and CPU time of one run. The CPU time (from /proc, 10 ms steps, Linux only)
/// shows the work itself when other programs share the cores and stretch the wall clock.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

/// CPU time this process has used so far, user + system.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name in parentheses; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split(' ').collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // /proc reports in USER_HZ, 100 per second on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// How long `work` takes, dropping its result included (a real load drops it too).
fn timed<T>(work: impl FnOnce() -> T) -> Timing {
    let (cpu, start) = (cpu_time(), Instant::now());
    black_box(work());
    let wall = start.elapsed();
    let cpu = cpu
        .zip(cpu_time())
        .map(|(before, after)| after.saturating_sub(before));
    Timing { wall, cpu }
}

/// Best of `runs` timings, the least disturbed by other work, wall and CPU separately.
fn best(runs: usize, mut run: impl FnMut() -> Timing) -> Timing {
    let timings: Vec<Timing> = (0..runs).map(|_| run()).collect();
    Timing {
        wall: timings.iter().map(|t| t.wall).min().unwrap_or_default(),
        cpu: timings.iter().filter_map(|t| t.cpu).min(),
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.0} ms", duration.as_secs_f64() * 1e3)
}

fn show(timing: Timing) -> String {
    match timing.cpu {
        Some(cpu) => format!("{} (CPU {})", ms(timing.wall), ms(cpu)),
        None => ms(timing.wall),
    }
}

/// Prints the budget check; returns the wall times of (baseline, load+validate+schedule,
/// schedule) so the criterion groups can size their measurement time.
fn report(items: usize, text: &str, options: &Options) -> [Duration; 3] {
    let runs = if items >= 100_000 { 3 } else { 5 };
    let baseline = best(runs, || {
        timed(|| serde_json::from_str::<serde_json::Value>(text))
    });
    let total = best(runs, || timed(|| load_validate_schedule(text, options)));
    // The stages one by one, to show where the time goes.
    let reading = best(runs, || timed(|| parse(text)));
    let roadmap = parse(text);
    let validating = best(runs, || timed(|| validate(&roadmap)));
    let scheduling = best(runs, || timed(|| schedule(&roadmap, options)));
    let ratio = total.wall.as_secs_f64() / baseline.wall.as_secs_f64();
    let cpu_ratio = match (total.cpu, baseline.cpu) {
        (Some(t), Some(b)) if !b.is_zero() => {
            format!(" (CPU: {:.2}x)", t.as_secs_f64() / b.as_secs_f64())
        }
        _ => String::new(),
    };
    let verdict = if total.wall <= BUDGET && ratio <= BUDGET_RATIO {
        "within budget"
    } else {
        "OVER BUDGET"
    };
    let links: usize = roadmap.items.iter().map(|i| i.depends_on.len()).sum();
    eprintln!(
        "\n{items} items, {links} links, {:.1} MB: load+validate+schedule {} = {ratio:.2}x \
         serde_json Value{cpu_ratio}, which takes {}; budget {} and {BUDGET_RATIO}x: {verdict}\n  \
         stages: JSON text -> Roadmap {}, validate {}, schedule {}",
        text.len() as f64 / 1e6,
        show(total),
        show(baseline),
        ms(BUDGET),
        show(reading),
        show(validating),
        show(scheduling),
    );
    [baseline.wall, total.wall, scheduling.wall]
}

fn bench(c: &mut Criterion) {
    let options = options();
    for items in SIZES {
        let text = generate::roadmap_json(items, DEPS_PER_ITEM, SEED);
        let [baseline, total, scheduling] = report(items, &text, &options);
        let roadmap = parse(&text);
        assert_eq!(roadmap.items.len(), items, "the generated text must load");

        // Ten runs of each, flat: long iterations, and the whole run stays near a minute.
        let ten_runs = |one: Duration| (one * 12).max(Duration::from_secs(1));
        let mut group = c.benchmark_group(format!("{items} items"));
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .throughput(Throughput::Bytes(text.len() as u64));
        group.measurement_time(ten_runs(baseline));
        group.bench_function("serde_json Value (baseline)", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)))
        });
        group.measurement_time(ten_runs(total));
        group.bench_function("load+validate+schedule", |b| {
            b.iter(|| load_validate_schedule(black_box(&text), &options))
        });
        group.measurement_time(ten_runs(scheduling));
        group.bench_function("schedule", |b| {
            b.iter(|| schedule(black_box(&roadmap), &options))
        });
        group.measurement_time(ten_runs(total));
        group.bench_function("parse+validate", |b| {
            b.iter(|| validate(&parse(black_box(&text))).len())
        });
        // What `s` in the TUI does: the canonical text, written atomically and flushed to disk.
        let folder = tempfile::tempdir().ok();
        if let Some(folder) = &folder {
            let path = folder.path().join("roadmap.json");
            group.measurement_time(ten_runs(baseline));
            group.bench_function("canonical save", |b| {
                b.iter(|| peta::store::save(&path, black_box(&roadmap), None).is_ok())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
