//! `peta merge` of a 100,000-item roadmap, as git's merge driver runs it: the three file texts
//! read (each as JSON and as a roadmap), merged by id and field, checked for cycles and
//! dangling links, and written in the canonical form. Only the file reads and writes are left
//! out. Both sides edit the generated roadmap the way two planners would: OURS moves and
//! re-progresses items, adds a link to some and appends items; THEIRS renames and re-costs other
//! items, changes an unknown field, inserts items and deletes a few; two fields conflict.
//! Besides the criterion group, the run prints once the best of a few timings.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use peta::generate;
use peta::merge::{merge_roadmaps, read_side};
use peta::model::{Dependency, Item, Roadmap};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const ITEMS: usize = 100_000;
const DEPS_PER_ITEM: usize = 2;
const SEED: u64 = 2025;

fn added(roadmap: &Roadmap, id: String, after: usize) -> Item {
    let mut item = roadmap.items[after].clone();
    item.id = id;
    item.depends_on = vec![Dependency {
        id: roadmap.items[after].id.clone(),
        ..Default::default()
    }];
    *item
}

/// BASE, OURS and THEIRS as canonical file texts.
fn sides() -> [String; 3] {
    let base = generate::roadmap(ITEMS, DEPS_PER_ITEM, SEED);
    let mut ours = base.clone();
    for (n, item) in ours.items.iter_mut().enumerate() {
        if n % 10 == 0 {
            item.progress = (item.progress + 5).min(100);
        }
        if n % 25 == 0 {
            item.end = item.end.and_then(|end| end.succ_opt());
        }
    }
    for k in 0..1_000 {
        let after = (k * 97) % ITEMS;
        let item = added(&base, format!("ours-{k}"), after);
        ours.items.push(Box::new(item));
    }
    let mut theirs = base.clone();
    for (n, item) in theirs.items.iter_mut().enumerate() {
        if n % 10 == 5 {
            item.title.push_str(" (revised)");
        }
        if n % 40 == 3 {
            item.cost = item.cost.map(|cost| cost + 1_000_000);
        }
        if n % 50 == 7 {
            item.extra
                .insert("x-reviewed".into(), serde_json::json!("2026-02"));
        }
    }
    // Two real conflicts: both sides set item 0's progress and item 25's end differently.
    theirs.items[0].progress = 1;
    theirs.items[25].end = theirs.items[25].end.and_then(|end| end.pred_opt());
    for k in 0..1_000 {
        let at = (k * 89 + 11) % ITEMS;
        let item = added(&base, format!("theirs-{k}"), at);
        theirs.items.insert(at + 1, Box::new(item));
    }
    // Delete items nobody links to and OURS did not touch.
    let linked: rustc_hash::FxHashSet<String> = theirs
        .items
        .iter()
        .flat_map(|i| i.depends_on.iter().map(|d| d.id.clone()))
        .collect();
    let index = base.id_index();
    let mut deleted = 0;
    theirs.items.retain(|item| {
        let n = index.get(item.id.as_str()).copied();
        let untouched = n.is_some_and(|n| n % 10 != 0 && n % 25 != 0 && n % 97 != 0);
        let delete = deleted < 100 && untouched && !linked.contains(&item.id);
        deleted += usize::from(delete);
        !delete
    });
    [&base, &ours, &theirs].map(peta::store::to_canonical_string)
}

/// What `peta merge` does between reading and writing the files; returns the output text and
/// the number of conflicts.
fn merge_texts([base, ours, theirs]: &[String; 3]) -> (String, usize) {
    let side = |name: &str, text: &String, is_base| {
        read_side(Path::new(name), text.as_bytes(), is_base).unwrap_or_default()
    };
    let (base, _) = side("base.json", base, true);
    let (ours, ours_roadmap) = side("ours.json", ours, false);
    let (theirs, theirs_roadmap) = side("theirs.json", theirs, false);
    let (merged, conflicts) =
        merge_roadmaps(&base, (&ours, &ours_roadmap), (&theirs, &theirs_roadmap))
            .unwrap_or_default();
    (peta::store::to_canonical_string(&merged), conflicts.len())
}

fn bench(c: &mut Criterion) {
    let texts = sides();
    let (merged, conflicts) = merge_texts(&texts);
    assert_eq!(conflicts, 2, "the two planted conflicts, nothing else");
    let roadmap =
        peta::store::parse(Path::new("merged.json"), merged.as_bytes()).unwrap_or_default();
    assert_eq!(roadmap.items.len(), ITEMS + 2_000 - 100);
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(merge_texts(black_box(&texts)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    eprintln!(
        "\npeta merge of {ITEMS} items ({megabytes:.0} MB in three files, {} items merged, \
         {conflicts} conflicts): {:.2} s (best of 3)",
        roadmap.items.len(),
        best.as_secs_f64()
    );
    let mut group = c.benchmark_group(format!("merge {ITEMS} items"));
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time((best * 12).max(Duration::from_secs(1)));
    group.bench_function("read, merge, check references, write", |b| {
        b.iter(|| merge_texts(black_box(&texts)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
