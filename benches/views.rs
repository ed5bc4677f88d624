//! One frame of each TUI view, drawn into ratatui's `TestBackend` at 160x48, for generated
//! roadmaps of 1,000, 10,000 and 100,000 items (issue 7).
//!
//! The views share a per-revision cache of what they compute from the roadmap (rows, funding
//! and talent aggregates, the regulation board), so the first frame of a view after the
//! roadmap changes costs more than a redraw. Each view's first frame is printed once (the
//! cache emptied by a no-op edit: apply a shift and undo it); criterion then measures redraws,
//! the cost of every key press that only moves the selection or scrolls.

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use peta::generate;
use peta::model::{shift_item, Date};
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::state::View;
use peta::tui::theme::Theme;
use peta::tui::views;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const DEPS_PER_ITEM: usize = 2;
const SEED: u64 = 2025;

fn today() -> Date {
    Date::from_ymd_opt(2026, 7, 1).unwrap_or_default()
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(160, 48)).unwrap_or_else(|e| match e {})
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    let _ = terminal.draw(|frame| views::draw(frame, app));
}

/// A new revision of the same roadmap: every view must compute again.
fn touch(app: &mut App) {
    let index = app.selected.unwrap_or(0);
    app.doc.apply(shift_item(&app.doc.roadmap, index, 7));
    app.doc.apply(shift_item(&app.doc.roadmap, index, -7));
}

fn bench(c: &mut Criterion) {
    for items in SIZES {
        let roadmap = generate::roadmap(items, DEPS_PER_ITEM, SEED);
        let mut app = App::new(
            Document::new(roadmap, None, None, today()),
            Theme::default_theme(),
        );
        app.doc.defer_validation = true;
        let mut term = terminal();
        let mut first = Vec::new();
        for view in View::ALL {
            app.view = view;
            touch(&mut app);
            let start = Instant::now();
            draw(&mut term, &mut app);
            first.push(format!(
                "{} {:.1} ms",
                view.title(),
                start.elapsed().as_secs_f64() * 1e3
            ));
        }
        eprintln!(
            "\n{items} items, first frame of each view: {}",
            first.join(", ")
        );

        let mut group = c.benchmark_group(format!("views {items} items"));
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(if items >= 100_000 {
                1500
            } else {
                500
            }));
        for view in View::ALL {
            app.view = view;
            draw(&mut term, &mut app);
            group.bench_function(view.title(), |b| b.iter(|| draw(&mut term, &mut app)));
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
