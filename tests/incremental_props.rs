//! The incremental schedule must be the full schedule, exactly, after every edit: random
//! roadmaps (all link types, leads and lags, milestones, regulations, missing and contradictory
//! dates, duplicate, self and dangling links, cycles) take random sequences of edits to items'
//! dates, kinds, progress and regulation stages, and after each one every field of
//! `Incremental::update`'s schedule is compared with `schedule_with` on the edited roadmap.
//! Edits that add, remove, re-link, rename, copy and delete items, and undo them, go through
//! `Incremental::relink` the way the TUI sends them, and are checked the same way.

use peta::model::{
    Date, Dependency, Edit, Item, Kind, LinkType, Network, Reach, Regulation, RegulationStage,
    Reindex, Roadmap,
};
use peta::schedule::{schedule_with, Changes, Incremental, Options, Schedule};
use peta::tui::app::App;
use peta::tui::document::Document;
use peta::tui::rows::timeline_rows;
use peta::tui::theme::Theme;
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
    roadmap.items = items
        .iter()
        .enumerate()
        .map(|(i, &d)| Box::new(item(i, d)))
        .collect();
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

/// A structural edit: (what, item, other item, amount). What: 0 add a link, 1 remove a link,
/// 2 change a link's type and lag, 3 rename (to a new id, a taken one or one only links name),
/// 4 insert a new linked item, 5 delete (relinking its dependents), 6 remove without relinking,
/// 7 duplicate, 8 shift (an item edit in the same batch).
type DrawnChange = (usize, usize, usize, i64);

fn change(roadmap: &Roadmap, (what, a, b, amount): DrawnChange, serial: usize) -> Edit {
    let n = roadmap.items.len();
    if n == 0 {
        return Edit::InsertItem {
            index: 0,
            item: item(serial, (0, 5, true, true, 1, 0, 0)),
        };
    }
    let (a, b) = (a % n, b % n);
    let mut item_a = roadmap.items[a].clone();
    let set = |item: Item| Edit::SetItem { index: a, item };
    let unsigned = amount.unsigned_abs() as usize;
    match what {
        0 => {
            item_a.depends_on.push(Dependency {
                id: roadmap.items[b].id.clone(),
                link: LINKS[unsigned % 4],
                lag_days: amount % 9,
                ..Default::default()
            });
            set(*item_a)
        }
        1 if !item_a.depends_on.is_empty() => {
            item_a.depends_on.remove(unsigned % item_a.depends_on.len());
            set(*item_a)
        }
        2 if !item_a.depends_on.is_empty() => {
            let at = unsigned % item_a.depends_on.len();
            item_a.depends_on[at].link = LINKS[(unsigned / 3) % 4];
            item_a.depends_on[at].lag_days = amount % 7;
            set(*item_a)
        }
        3 => {
            item_a.id = match unsigned % 3 {
                0 => format!("renamed{serial}"),
                1 => roadmap.items[b].id.clone(),
                // Links to "i<n>" and past name no item until an item takes the id.
                _ => format!("i{}", n + unsigned % 3),
            };
            set(*item_a)
        }
        4 => {
            let mut new = item(serial, (amount.rem_euclid(50), 7, true, true, 1, 0, 0));
            new.id = if unsigned.is_multiple_of(2) {
                format!("new{serial}")
            } else {
                format!("i{}", n + unsigned % 3)
            };
            new.depends_on.push(Dependency {
                id: roadmap.items[b].id.clone(),
                ..Default::default()
            });
            Edit::InsertItem {
                index: a,
                item: new,
            }
        }
        5 => peta::model::delete_item(roadmap, a),
        6 => Edit::RemoveItem { index: a },
        7 => peta::model::duplicate_item(roadmap, a).0,
        _ => peta::model::shift_item(roadmap, a, amount),
    }
}

fn changes() -> impl Strategy<Value = Vec<(Vec<DrawnChange>, bool)>> {
    // Each step is a batch of one to three changes, sometimes undone right after.
    prop::collection::vec(
        (
            prop::collection::vec((0usize..9, 0usize..64, 0usize..64, -30i64..30), 1..4),
            prop::bool::weighted(0.25),
        ),
        1..10,
    )
}

/// Applies `edit` as the TUI does and brings the tracker up to date through `relink`; checks
/// the schedule and network against ones built from scratch. Returns the edit that undoes it.
fn relink_and_check(
    roadmap: &mut Roadmap,
    tracker: &mut Incremental,
    schedule: &mut Schedule,
    options: &Options,
    edit: Edit,
) -> Result<Edit, TestCaseError> {
    let old_len = roadmap.items.len();
    let before = schedule.clone();
    let was_acyclic = !tracker.network().has_cycle();
    let reach = Reach::of(roadmap, &edit);
    let inverse = roadmap.apply(edit);
    let reach = reach.settle(&inverse);
    let reindex = Reindex::new(old_len, reach.ops.clone())
        .ok_or_else(|| TestCaseError::fail("the reach does not fit the roadmap"))?;
    let changes = tracker.relink(roadmap, &reindex, &reach, schedule);
    let fresh = Network::build(roadmap);
    let full = schedule_with(roadmap, &fresh, options);
    prop_assert_eq!(schedule.items.len(), full.items.len());
    for i in 0..full.items.len() {
        prop_assert_eq!(&schedule.items[i], &full.items[i], "item {}", i);
    }
    prop_assert_eq!(&*schedule, &full);
    prop_assert_eq!(tracker.network(), &fresh);
    let network = tracker.network();
    if fresh.has_cycle() {
        prop_assert_eq!(&changes, &Changes::All);
        return Ok(inverse);
    }
    // The patched order is a topological order, and the patch did not fall back.
    for succ in 0..network.len() {
        for link in network.links_into(succ) {
            prop_assert!(network.position(link.pred) < network.position(succ));
        }
    }
    let moved = match changes {
        Changes::Moved(moved) | Changes::Reindexed(moved) => moved,
        Changes::All => {
            // Only a cycle, or an empty roadmap, is scheduled anew.
            prop_assert!(
                !was_acyclic || old_len == 0,
                "an acyclic network was built anew"
            );
            return Ok(inverse);
        }
    };
    // Every item that stayed and whose early dates moved is reported, by its new index.
    for old in 0..before.items.len() {
        let Some(new) = reindex.new_index(old) else {
            continue;
        };
        let (was, is) = (&before.items[old], &schedule.items[new]);
        if (was.early_start, was.early_finish) != (is.early_start, is.early_finish) {
            prop_assert!(
                moved.contains(&new),
                "{} (was {}) moved, not reported",
                new,
                old
            );
        }
    }
    Ok(inverse)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn relinking_equals_full_after_every_structural_edit(
        (items, links, duplicate) in case(),
        steps in changes(),
        today in 0i64..120,
        near in 0i64..15,
    ) {
        let mut roadmap = roadmap(&items, &links, duplicate);
        let options = Options { today: on(today), near_critical_days: near };
        let (mut tracker, mut schedule) =
            Incremental::new(&roadmap, Network::build(&roadmap), options);
        for (serial, (step, undo)) in steps.into_iter().enumerate() {
            let mut edits = Vec::new();
            let mut scratch = roadmap.clone();
            for (k, &drawn) in step.iter().enumerate() {
                let edit = change(&scratch, drawn, serial * 4 + k);
                edits.push(edit.clone());
                scratch.apply(edit);
            }
            let inverse = relink_and_check(
                &mut roadmap, &mut tracker, &mut schedule, &options, Edit::Batch(edits),
            )?;
            if undo {
                relink_and_check(&mut roadmap, &mut tracker, &mut schedule, &options, inverse)?;
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
    roadmap.items.push(Box::new(item(2, drawn)));
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

    let (mut app, options) = app_over(600, 7);
    let check = |app: &mut App, what: &str| assert_exact(app, &options, what);
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
                peta::model::update_item(&app.doc.roadmap, index, *item).unwrap()
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
        |row| matches!(row, peta::tui::rows::Row::Group(heading) if heading.label == "Renamed lane")
    ));
    // The incremental paths were really taken.
    assert!(resorted > 50, "{resorted}");
}

/// The TUI path for edits that add, remove or re-link items: a document over a generated
/// roadmap takes new items, copies, deletions, new and dropped links, undo and redo; after each,
/// its schedule and network are the ones built from scratch, the timeline's rows are the rows
/// built from scratch, and the schedule was followed incrementally.
#[test]
fn structural_edits_keep_the_document_and_its_rows_exact() {
    use peta::model::{add_dependency, delete_item, duplicate_item, new_item, remove_dependency};

    let (mut app, options) = app_over(800, 11);
    let mut incremental = 0;
    let mut check = |app: &mut App, what: &str| {
        incremental += usize::from(app.doc.last_change.is_some());
        assert_exact(app, &options, what);
        assert_eq!(
            app.doc.network(),
            &Network::build(&app.doc.roadmap),
            "{what}"
        );
    };
    app.rows();
    let mut steps = 0;
    for step in 0..48usize {
        let n = app.doc.roadmap.items.len();
        let (a, b) = ((step * 131 + 7) % n, (step * 71 + 3) % n);
        let (lo, hi) = (a.min(b), a.max(b));
        let edit = match step % 6 {
            0 => match add_dependency(&app.doc.roadmap, hi, lo, LINKS[step % 4], step as i64 % 5) {
                Ok(edit) => edit,
                Err(_) => continue,
            },
            1 => remove_dependency(&app.doc.roadmap, a, 0),
            2 => {
                let sector = app.doc.roadmap.items[a].sector.clone();
                new_item(
                    &app.doc.roadmap,
                    &sector,
                    Date::from_ymd_opt(2026, 5, 4).unwrap(),
                )
                .0
            }
            3 => duplicate_item(&app.doc.roadmap, a).0,
            4 => delete_item(&app.doc.roadmap, a),
            _ => {
                app.doc.undo();
                check(&mut app, &format!("undo at {step}"));
                app.doc.undo();
                check(&mut app, &format!("second undo at {step}"));
                app.doc.redo();
                check(&mut app, &format!("redo at {step}"));
                steps += 3;
                continue;
            }
        };
        app.doc.apply(edit);
        check(&mut app, &format!("step {step}"));
        steps += 1;
    }
    // Every edit was followed incrementally: the generated roadmap has no cycle.
    assert_eq!(incremental, steps);
}

/// An app over a generated roadmap of `items` items, and the options it schedules with.
fn app_over(items: usize, seed: u64) -> (App, Options) {
    let roadmap = peta::generate::roadmap(items, 2, seed);
    let options = Options::new(Date::from_ymd_opt(2027, 3, 1).unwrap());
    let document = Document::new(roadmap, None, None, options.today);
    (App::new(document, Theme::default_theme()), options)
}

/// The app's schedule is the full schedule and its timeline rows the rows built from scratch.
fn assert_exact(app: &mut App, options: &Options, what: &str) {
    let full = peta::schedule::schedule(&app.doc.roadmap, options);
    assert_eq!(app.doc.schedule, full, "{what}");
    let fresh = timeline_rows(&app.doc, app.timeline.grouping, &app.filter);
    assert_eq!(app.rows(), fresh.as_slice(), "{what}");
}
