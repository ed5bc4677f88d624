//! The incremental schedule must be the full schedule, exactly, after every edit: random
//! roadmaps (all link types, leads and lags, milestones, regulations, missing and contradictory
//! dates, duplicate, self and dangling links, cycles) take random sequences of edits to items'
//! dates, kinds, progress and regulation stages, and after each one every field of
//! `Incremental::update`'s schedule is compared with `schedule_with` on the edited roadmap.

use peta::model::{
    Date, Dependency, Item, Kind, LinkType, Network, Regulation, RegulationStage, Roadmap,
};
use peta::schedule::{schedule_with, Changes, Incremental, Options};
use proptest::prelude::*;

const KINDS: [Option<Kind>; 4] = [
    None,
    Some(Kind::Initiative),
    Some(Kind::Milestone),
    Some(Kind::Regulation),
];
const LINKS: [LinkType; 4] = [LinkType::FS, LinkType::SS, LinkType::FF, LinkType::SF];
const STAGES: [Option<RegulationStage>; 3] = [
    None,
    Some(RegulationStage::Drafting),
    Some(RegulationStage::Enacted),
];

fn base() -> Date {
    Date::from_ymd_opt(2025, 1, 1).unwrap()
}

fn on(offset: i64) -> Date {
    base() + chrono::Days::new(offset as u64)
}

/// One item as drawn: (start offset, length, start given, end given, kind, progress, stage).
type Drawn = (i64, i64, bool, bool, usize, u8, usize);
/// One link as drawn: (successor, predecessor, type, lag); a predecessor index past the items
/// names no item.
type DrawnLink = (usize, usize, usize, i64);

fn item(index: usize, drawn: Drawn) -> Item {
    let (start, length, has_start, has_end, kind, progress, stage) = drawn;
    let kind = KINDS[kind];
    Item {
        id: format!("i{index}"),
        title: format!("Item {index}"),
        kind,
        sector: "data".into(),
        // A negative length gives an end before the start, which the schedule must survive.
        start: has_start.then(|| on(start)),
        end: has_end.then(|| on((start + length).max(0))),
        progress,
        regulation: (kind == Some(Kind::Regulation)).then(|| Regulation {
            instrument: "PP".into(),
            stage: STAGES[stage],
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn roadmap(items: &[Drawn], links: &[DrawnLink], duplicate_id: bool) -> Roadmap {
    let mut roadmap = Roadmap::new("Props", 2025, 2026).unwrap();
    roadmap.items = items.iter().enumerate().map(|(i, &d)| item(i, d)).collect();
    let n = roadmap.items.len();
    for &(succ, pred, link, lag) in links {
        let succ = succ % n;
        roadmap.items[succ].depends_on.push(Dependency {
            id: format!("i{pred}"),
            link: LINKS[link],
            lag_days: lag,
            ..Default::default()
        });
    }
    if duplicate_id && n > 2 {
        roadmap.items[n - 1].id = "i0".into();
    }
    roadmap
}

/// An edit: (item, what, amount). What: 0 shift, 1 stretch, 2 drop or restore the start,
/// 3 drop or restore the end, 4 progress, 5 kind, 6 regulation stage.
type DrawnEdit = (usize, usize, i64);

fn edit(roadmap: &mut Roadmap, (index, what, amount): DrawnEdit) -> usize {
    let index = index % roadmap.items.len();
    let item = &mut roadmap.items[index];
    let days = |date: Date| {
        if amount >= 0 {
            date + chrono::Days::new(amount as u64)
        } else {
            date - chrono::Days::new(amount.unsigned_abs())
        }
    };
    match what {
        0 => {
            item.start = item.start.map(days);
            item.end = item.end.map(days);
        }
        1 => item.end = item.end.or(item.start).map(days),
        2 => item.start = item.start.xor(Some(on(amount.abs()))),
        3 => item.end = item.end.xor(Some(on(amount.abs() + 5))),
        4 => item.progress = [0, 40, 100][amount.unsigned_abs() as usize % 3],
        5 => {
            item.kind = KINDS[amount.unsigned_abs() as usize % 4];
            if item.kind == Some(Kind::Regulation) && item.regulation.is_none() {
                item.regulation = Some(Regulation::default());
            }
        }
        _ => {
            if let Some(regulation) = &mut item.regulation {
                regulation.stage = STAGES[amount.unsigned_abs() as usize % 3];
            }
        }
    }
    index
}

fn drawn_item() -> impl Strategy<Value = Drawn> {
    (
        0i64..60,
        -3i64..25,
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.9),
        0usize..4,
        prop::sample::select(vec![0u8, 50, 100]),
        0usize..3,
    )
}

fn case() -> impl Strategy<Value = (Vec<Drawn>, Vec<DrawnLink>, bool)> {
    (1usize..25).prop_flat_map(|n| {
        (
            prop::collection::vec(drawn_item(), n),
            // Mostly links to earlier items (deep chains), some to any item (cycles, self
            // links) and some to no item at all.
            prop::collection::vec(
                (0..n, 0..n + 1, 0usize..4, -6i64..12).prop_map(move |(s, p, t, lag)| {
                    let pred = if p == n || s == 0 || p % 5 == 4 {
                        p
                    } else {
                        p % s
                    };
                    (s, pred, t, lag)
                }),
                0..3 * n,
            ),
            prop::bool::weighted(0.1),
        )
    })
}

fn edits() -> impl Strategy<Value = Vec<Vec<DrawnEdit>>> {
    // Each step edits one to three items at once (a batch).
    prop::collection::vec(
        prop::collection::vec((0usize..64, 0usize..7, -40i64..40), 1..4),
        1..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn incremental_equals_full_after_every_edit(
        (items, links, duplicate) in case(),
        steps in edits(),
        today in 0i64..120,
        near in 0i64..15,
    ) {
        let mut roadmap = roadmap(&items, &links, duplicate);
        let options = Options { today: on(today), near_critical_days: near };
        let network = Network::build(&roadmap);
        let (mut tracker, mut schedule) = Incremental::new(&roadmap, network.clone(), options);
        prop_assert_eq!(&schedule, &schedule_with(&roadmap, &network, &options));
        for step in steps {
            let changed: Vec<usize> = step.iter().map(|&e| edit(&mut roadmap, e)).collect();
            let before = schedule.clone();
            let changes = tracker.update(&roadmap, &changed, &mut schedule);
            let full = schedule_with(&roadmap, &network, &options);
            prop_assert_eq!(&schedule, &full, "after editing {:?}", step);
            // Every item whose early dates moved is reported (callers re-sort only those).
            let Changes::Moved(reported) = changes else {
                return Err(TestCaseError::fail("an update of items fell back to a full schedule"));
            };
            prop_assert!(reported.windows(2).all(|w| w[0] < w[1]), "{:?}", reported);
            for i in 0..full.items.len() {
                let (old, new) = (&before.items[i], &full.items[i]);
                if (old.early_start, old.early_finish) != (new.early_start, new.early_finish) {
                    prop_assert!(reported.contains(&i), "{} moved, not reported", i);
                }
            }
        }
    }
}

#[test]
fn a_changed_item_count_schedules_in_full() {
    let drawn = (0, 10, true, true, 1, 0, 0);
    let mut roadmap = roadmap(&[drawn, drawn], &[(1, 0, 0, 0)], false);
    let options = Options::new(on(3));
    let (mut tracker, mut schedule) = Incremental::new(&roadmap, Network::build(&roadmap), options);
    roadmap.items.push(item(2, drawn));
    roadmap.items[2].depends_on.push(Dependency {
        id: "i1".into(),
        ..Default::default()
    });
    assert_eq!(tracker.update(&roadmap, &[2], &mut schedule), Changes::All);
    assert_eq!(schedule, peta::schedule::schedule(&roadmap, &options));
    // i2 follows i1 (days 11-21) finish-to-start: 22 January to 1 February.
    assert_eq!(schedule.items[2].early_start, on(22));
    assert_eq!(tracker.network(), &Network::build(&roadmap));
}

#[test]
fn moving_the_last_item_shifts_every_late_date() {
    // a (10 days) -> b (10 days) FS, and c alone: the finish is b's; pushing b out by 30 days
    // moves the forecast finish, so c's late dates and float move too though c did not.
    let drawn = |start: i64| (start, 9, true, true, 1, 0, 0);
    let mut roadmap = roadmap(&[drawn(0), drawn(10), drawn(0)], &[(1, 0, 0, 0)], false);
    let options = Options::new(on(0));
    let (mut tracker, mut schedule) = Incremental::new(&roadmap, Network::build(&roadmap), options);
    assert_eq!(schedule.items[2].total_float, 10);
    edit(&mut roadmap, (1, 0, 30));
    let changes = tracker.update(&roadmap, &[1], &mut schedule);
    assert_eq!(changes, Changes::Moved(vec![1]));
    assert_eq!(schedule.finish, Some(on(49)));
    assert_eq!(schedule.items[2].total_float, 40);
    assert_eq!(schedule.items[2].late_finish, on(49));
    // a now has 30 days of float before b.
    assert_eq!(schedule.items[0].free_float, 30);
    assert_eq!(schedule.critical_path, vec![1]);
    assert_eq!(schedule, peta::schedule::schedule(&roadmap, &options));
}

/// The TUI path: a document over a generated roadmap takes shifts, stretches, progress
/// changes, undo and redo; after each, its schedule is the full one and the timeline's rows
/// (re-placed, not rebuilt, when only dates moved) are the rows built from scratch.
#[test]
fn the_document_and_its_rows_stay_exact_across_edits() {
    use peta::model::{resize_item, shift_item};
    use peta::tui::app::App;
    use peta::tui::document::Document;
    use peta::tui::rows::timeline_rows;
    use peta::tui::theme::Theme;

    let roadmap = peta::generate::roadmap(600, 2, 7);
    let options = Options::new(Date::from_ymd_opt(2027, 3, 1).unwrap());
    let mut app = App::new(
        Document::new(roadmap, None, None, options.today),
        Theme::default_theme(),
    );
    let check = |app: &mut App, what: &str| {
        let full = peta::schedule::schedule(&app.doc.roadmap, &options);
        assert_eq!(app.doc.schedule, full, "{what}");
        let fresh = timeline_rows(&app.doc, app.timeline.grouping, &app.filter);
        assert_eq!(app.rows(), fresh.as_slice(), "{what}");
    };
    check(&mut app, "open");
    let mut resorted = 0;
    for step in 0..60usize {
        let index = (step * 37) % 600;
        let edit = match step % 4 {
            0 => shift_item(&app.doc.roadmap, index, 45 - (step as i64 % 90)),
            1 => resize_item(&app.doc.roadmap, index, 20),
            2 => {
                let mut item = app.doc.roadmap.items[index].clone();
                item.progress = (step % 3 * 50) as u8;
                peta::model::update_item(&app.doc.roadmap, index, item).unwrap()
            }
            _ => {
                app.doc.undo();
                check(&mut app, "undo");
                app.doc.redo();
                check(&mut app, "redo");
                shift_item(&app.doc.roadmap, index, -30)
            }
        };
        app.doc.apply(edit);
        resorted += usize::from(app.doc.last_change.is_some());
        check(&mut app, &format!("step {step}"));
    }
    // Renaming a sector is no item edit, but it relabels a lane.
    let mut sectors = app.doc.roadmap.sectors.clone();
    sectors[0].name = "Renamed lane".into();
    app.doc.apply(peta::model::Edit::SetSectors(sectors));
    check(&mut app, "rename a sector");
    assert!(app.rows().iter().any(
        |row| matches!(row, peta::tui::rows::Row::Group { label, .. } if label == "Renamed lane")
    ));
    // The incremental paths were really taken.
    assert!(resorted > 50, "{resorted}");
}
