//! The TUI with generated 50,000- and 100,000-item roadmaps, drawn into ratatui's `TestBackend`
//! at 160x48.
//!
//! Budget (issues 3 and 7): opening to the first frame (parse the JSON text, validate, schedule,
//! draw) under 1 s; one frame after an edit (apply a shift through the history, re-schedule
//! incrementally, re-place the moved rows, draw) under 16 ms, at both sizes. Re-validation is not in the frame: the event loop
//! runs it when no key is waiting (`Document::defer_validation`); its time is printed too. Besides the criterion groups, the time of
//! each stage of the edit frame is printed once (best of a few runs, `Instant`), and so is the
//! frame after each kind of edit that changes links or the item list (`relink_frame_*` in
//! criterion: a link added, then undone).

use peta::generate;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use peta::model::{
    add_dependency_in, duplicate_item_in, new_item_in, shift_item, validate, Date, Edit, LinkType,
    Network,
};
use peta::schedule::{schedule_with, Options};
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::theme::Theme;
use peta::tui::views;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const SIZES: [usize; 2] = [50_000, 100_000];
const DEPS_PER_ITEM: usize = 2;
const SEED: u64 = 2025;

fn today() -> Date {
    Date::from_ymd_opt(2026, 7, 1).unwrap_or_default()
}

/// As `peta FILE` opens it: validated at once; later edits defer validation to idle time.
fn open(text: &str) -> App {
    let roadmap = peta::store::parse(Path::new("bench.json"), text.as_bytes()).unwrap_or_default();
    let mut app = App::new(
        Document::new(roadmap, None, None, today()),
        Theme::default_theme(),
    );
    app.doc.defer_validation = true;
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| match e {})
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    let _ = terminal.draw(|frame| views::draw(frame, app));
}

/// Shifts the selected item a week later, or back, so the roadmap does not drift far.
fn edit_frame(terminal: &mut Terminal<TestBackend>, app: &mut App, step: &mut i64) {
    let index = app.selected.unwrap_or(0);
    *step = -*step;
    let edit = shift_item(&app.doc.roadmap, index, 7 * *step);
    app.doc.apply(edit);
    draw(terminal, app);
}

/// A new link into the selected item from an item that does not depend on it.
fn new_link(app: &App) -> Edit {
    let succ = app.selected.unwrap_or(0);
    let n = app.doc.roadmap.items.len();
    (1..n)
        .map(|step| (succ + step * 7919) % n)
        .find_map(|pred| {
            let doc = &app.doc;
            add_dependency_in(&doc.roadmap, doc.network(), succ, pred, LinkType::FS, 3).ok()
        })
        .unwrap_or_else(Edit::empty)
}

/// Adds a link into the selected item and draws, or undoes that and draws.
fn relink_frame(terminal: &mut Terminal<TestBackend>, app: &mut App, linked: &mut bool) {
    if *linked {
        app.doc.undo();
    } else {
        let edit = new_link(app);
        app.doc.apply(edit);
    }
    *linked = !*linked;
    draw(terminal, app);
}

/// The frame after each kind of edit that changes links or the item list (making the edit,
/// applying it, drawing), and after its undo, best of 5 each.
fn print_structural(items: usize, app: &mut App, term: &mut Terminal<TestBackend>) {
    type Make = fn(&App) -> Edit;
    let kinds: [(&str, Make); 4] = [
        ("add a link", new_link),
        ("new item", |app| {
            let index = app.selected.unwrap_or(0);
            let sector = app.doc.roadmap.items[index].sector.clone();
            new_item_in(&app.doc.roadmap, app.doc.lookup().ids, &sector, today()).0
        }),
        ("duplicate", |app| {
            let doc = &app.doc;
            duplicate_item_in(&doc.roadmap, doc.lookup().ids, app.selected.unwrap_or(0)).0
        }),
        ("delete", |app| {
            app.doc.delete_item(app.selected.unwrap_or(0))
        }),
    ];
    let mut line = format!("render/{items}: frames after structural edits (budget 16 ms):");
    for (name, make) in kinds {
        let (mut apply, mut undo) = (Duration::MAX, Duration::MAX);
        let mut incremental = true;
        for _ in 0..5 {
            apply = apply.min(best_of(1, || {
                let edit = make(app);
                app.doc.apply(edit);
                draw(term, app);
            }));
            incremental &= app.doc.last_change.is_some();
            undo = undo.min(best_of(1, || {
                app.doc.undo();
                draw(term, app);
            }));
            incremental &= app.doc.last_change.is_some();
        }
        line += &format!(" {name} {apply:?} (undo {undo:?}, incremental: {incremental});");
    }
    println!("{line}");
}

fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(work());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn print_stages(items: usize, text: &str) {
    let open_time = best_of(3, || {
        let mut app = open(text);
        draw(&mut terminal(), &mut app);
        app.doc.roadmap.items.len()
    });
    let mut app = open(text);
    let mut term = terminal();
    draw(&mut term, &mut app);
    let roadmap = app.doc.roadmap.clone();
    let options = Options::new(today());
    // A shift keeps every link, so the document re-schedules on the network it already has.
    let network = Network::build(&roadmap);
    // What the frame would spend re-scheduling in full, for comparison: it re-schedules only
    // what the edit reaches.
    let schedule_time = best_of(5, || schedule_with(&roadmap, &network, &options));
    let validate_time = best_of(5, || validate(&roadmap));
    let index = app.selected.unwrap_or(0);
    let mut step = 1;
    let apply_time = best_of(5, || {
        step = -step;
        app.doc
            .history
            .apply(&mut app.doc.roadmap, shift_item(&roadmap, index, 7 * step))
    });
    let rows_time = best_of(5, || {
        peta::tui::rows::timeline_rows(&app.doc, Default::default(), &Default::default())
    });
    let draw_time = best_of(5, || draw(&mut term, &mut app));
    let frame_time = best_of(5, || edit_frame(&mut term, &mut app, &mut step));
    print_structural(items, &mut app, &mut term);
    println!(
        "render/{items}: open to first frame {open_time:?} (budget 1 s); edit frame {frame_time:?} \
         (budget 16 ms; it re-schedules incrementally). For comparison: apply {apply_time:?}, full \
         schedule {schedule_time:?}, rows from scratch {rows_time:?}, draw {draw_time:?}; validation, at idle time, {validate_time:?}"
    );
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for items in SIZES {
        let text = generate::roadmap_json(items, DEPS_PER_ITEM, SEED);
        print_stages(items, &text);
        let size = format!("{}k", items / 1000);
        group.bench_function(format!("open_to_first_frame_{size}"), |b| {
            b.iter(|| {
                let mut app = open(&text);
                draw(&mut terminal(), &mut app);
                app.doc.roadmap.items.len()
            })
        });
        let mut app = open(&text);
        let mut term = terminal();
        draw(&mut term, &mut app);
        let mut step = 1;
        group.bench_function(format!("edit_frame_{size}"), |b| {
            b.iter(|| edit_frame(&mut term, &mut app, &mut step))
        });
        let mut linked = false;
        group.bench_function(format!("relink_frame_{size}"), |b| {
            b.iter(|| relink_frame(&mut term, &mut app, &mut linked))
        });
    }
    group.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
