//! Random acyclic roadmaps scheduled two ways: by the production code (one topological pass
//! each way) and by a deliberately naive reference written here (relax every link until
//! nothing changes, Bellman-Ford style). Every date and float must agree, and the invariants
//! of a critical-path schedule must hold.

use peta::generate;

use chrono::Datelike;
use peta::model::{Date, Roadmap};
use peta::schedule::{schedule, ItemSchedule, Options, Schedule};
use proptest::prelude::*;
use std::path::Path;

const TYPES: [&str; 4] = ["FS", "SS", "FF", "SF"];

fn day(date: Date) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// The scheduling problem in points: per item (planned start point, duration), and per link
/// (pred, succ, type index into TYPES, lag), links listed in each successor's file order.
#[derive(Debug, Clone)]
struct Net {
    items: Vec<(i64, i64)>,
    links: Vec<(usize, usize, usize, i64)>,
}

#[derive(Debug, PartialEq)]
struct Answer {
    es: Vec<i64>,
    lf: Vec<i64>,
    total: Vec<i64>,
    free: Vec<i64>,
    driving: Vec<Option<usize>>,
    finish: i64,
}

/// ES_succ >= this, straight from the spec's constraint (EF = ES + d).
fn lower_bound(kind: usize, lag: i64, pred_es: i64, pred_d: i64, succ_d: i64) -> i64 {
    match TYPES[kind] {
        "FS" => pred_es + pred_d + lag,
        "SS" => pred_es + lag,
        "FF" => pred_es + pred_d + lag - succ_d,
        _ => pred_es + lag - succ_d,
    }
}

/// LF_pred <= this, from the mirrored constraint (LS = LF - d).
fn upper_bound(kind: usize, lag: i64, succ_lf: i64, succ_d: i64, pred_d: i64) -> i64 {
    match TYPES[kind] {
        "FS" => succ_lf - succ_d - lag,
        "SS" => succ_lf - succ_d - lag + pred_d,
        "FF" => succ_lf - lag,
        _ => succ_lf - lag + pred_d,
    }
}

fn slack(kind: usize, lag: i64, pred: (i64, i64), succ: (i64, i64)) -> i64 {
    let ((pes, ped), (ses, sed)) = (pred, succ);
    match TYPES[kind] {
        "FS" => ses - (pes + ped + lag),
        "SS" => ses - (pes + lag),
        "FF" => ses + sed - (pes + ped + lag),
        _ => ses + sed - (pes + lag),
    }
}

fn reference(net: &Net) -> Answer {
    let n = net.items.len();
    let d = |i: usize| net.items[i].1;
    let mut es: Vec<i64> = net.items.iter().map(|&(p, _)| p).collect();
    loop {
        let mut changed = false;
        for &(p, s, kind, lag) in &net.links {
            let bound = lower_bound(kind, lag, es[p], d(p), d(s));
            if bound > es[s] {
                es[s] = bound;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let finish = (0..n).map(|i| es[i] + d(i)).max().unwrap_or(0);
    let mut lf = vec![finish; n];
    loop {
        let mut changed = false;
        for &(p, s, kind, lag) in &net.links {
            let bound = upper_bound(kind, lag, lf[s], d(s), d(p));
            if bound < lf[p] {
                lf[p] = bound;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let total = (0..n).map(|i| lf[i] - es[i] - d(i)).collect();
    let free = (0..n)
        .map(|i| {
            net.links
                .iter()
                .filter(|l| l.0 == i)
                .map(|&(p, s, kind, lag)| slack(kind, lag, (es[p], d(p)), (es[s], d(s))))
                .min()
                .unwrap_or(finish - es[i] - d(i))
        })
        .collect();
    // The first listed link whose bound is exactly the early start drives (ties with the
    // planned start go to the link), else the planned start did.
    let driving = (0..n)
        .map(|s| {
            net.links
                .iter()
                .filter(|l| l.1 == s)
                .position(|&(p, _, kind, lag)| lower_bound(kind, lag, es[p], d(p), d(s)) == es[s])
        })
        .collect();
    Answer {
        es,
        lf,
        total,
        free,
        driving,
        finish,
    }
}

/// The production schedule read back into points.
fn production(net: &Net, s: &Schedule) -> Answer {
    let point = |i: usize, item: &ItemSchedule| {
        let d = net.items[i].1;
        if d == 0 {
            (day(item.early_start) + 1, day(item.late_start) + 1)
        } else {
            (day(item.early_start), day(item.late_finish) + 1)
        }
    };
    let mut answer = Answer {
        es: vec![],
        lf: vec![],
        total: vec![],
        free: vec![],
        driving: vec![],
        finish: s.finish.map(|f| day(f) + 1).unwrap_or(0),
    };
    for (i, item) in s.items.iter().enumerate() {
        let (es, lf) = point(i, item);
        answer.es.push(es);
        answer.lf.push(lf);
        answer.total.push(item.total_float);
        answer.free.push(item.free_float);
        answer.driving.push(item.driving);
    }
    answer
}

fn date_of(point: i64) -> Date {
    Date::from_num_days_from_ce_opt(point as i32).unwrap()
}

fn to_json(net: &Net) -> String {
    let items: Vec<String> = net
        .items
        .iter()
        .enumerate()
        .map(|(i, &(p, d))| {
            let deps: Vec<String> = net
                .links
                .iter()
                .filter(|l| l.1 == i)
                .map(|&(pred, _, kind, lag)| {
                    format!(
                        r#"{{"id":"i{pred}","type":"{}","lag_days":{lag}}}"#,
                        TYPES[kind]
                    )
                })
                .collect();
            let (kind, start, end) = if d == 0 {
                ("milestone", date_of(p - 1), date_of(p - 1))
            } else {
                ("initiative", date_of(p), date_of(p + d - 1))
            };
            format!(
                r#"{{"id":"i{i}","kind":"{kind}","start":"{start}","end":"{end}","depends_on":[{}]}}"#,
                deps.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"format":"peta-roadmap/1","title":"t","start":"2025-01-01","end":"2025-06-30","items":[{}]}}"#,
        items.join(",")
    )
}

fn check(net: &Net, roadmap: &Roadmap) -> Result<(), TestCaseError> {
    let options = Options::new(Date::from_ymd_opt(2025, 2, 1).unwrap());
    let s = schedule(roadmap, &options);
    let want = reference(net);
    let got = production(net, &s);
    prop_assert_eq!(&got, &want);

    let n = net.items.len();
    let d = |i: usize| net.items[i].1;
    // Inclusive dates: a task [ES, EF) shows ES .. EF - 1; a milestone at point P shows P - 1.
    for (i, item) in s.items.iter().enumerate() {
        let (es, lf) = (want.es[i], want.lf[i]);
        let shown = |start: i64, finish: i64| {
            if d(i) == 0 {
                (date_of(start - 1), date_of(start - 1))
            } else {
                (date_of(start), date_of(finish - 1))
            }
        };
        prop_assert_eq!((item.early_start, item.early_finish), shown(es, es + d(i)));
        prop_assert_eq!((item.late_start, item.late_finish), shown(lf - d(i), lf));
    }
    for (i, item) in s.items.iter().enumerate() {
        let preds: Vec<usize> = net.links.iter().filter(|l| l.1 == i).map(|l| l.0).collect();
        prop_assert_eq!(item.driving_predecessor, item.driving.map(|k| preds[k]));
    }
    for i in 0..n {
        prop_assert!(got.total[i] >= 0, "negative float at {}", i);
        // Free float is link slack only, so it is not bounded by total float (see the test
        // free_float_is_link_slack_and_may_exceed_total_float in tests/schedule.rs).
        prop_assert!(got.free[i] >= 0, "negative free float at {}", i);
        prop_assert_eq!(s.items[i].critical, got.total[i] == 0);
        prop_assert!(
            got.es[i] >= net.items[i].0,
            "starts before its planned start: {}",
            i
        );
    }
    for &(p, succ, kind, lag) in &net.links {
        let slack = slack(kind, lag, (got.es[p], d(p)), (got.es[succ], d(succ)));
        prop_assert!(slack >= 0, "link {} -> {} violated", p, succ);
    }
    let path = &s.critical_path;
    prop_assert!(path
        .windows(2)
        .all(|w| (got.es[w[0]], w[0]) < (got.es[w[1]], w[1])));
    prop_assert_eq!(path.len(), s.critical_count());
    let last = (0..n).filter(|&i| got.es[i] + d(i) == want.finish);
    prop_assert!(last.clone().count() > 0);
    prop_assert!(last.clone().any(|i| s.items[i].critical));
    prop_assert_eq!(s.finish.map(day), Some(want.finish - 1));
    Ok(())
}

/// n items (duration 0..=15, 0 being a milestone, planned within 60 days of 1 Jan 2025),
/// a random topological rank per item, and links oriented from lower to higher rank.
fn nets() -> impl Strategy<Value = Net> {
    (1usize..40).prop_flat_map(|n| {
        (
            proptest::collection::vec((0i64..=15, 0i64..=60), n),
            proptest::collection::vec(any::<u32>(), n),
            proptest::collection::vec((0..n, 0..n, 0usize..4, -20i64..40), 0..=3 * n),
        )
            .prop_map(|(items, ranks, raw)| {
                let base = day(Date::from_ymd_opt(2025, 1, 1).unwrap());
                let items = items
                    .into_iter()
                    .map(|(d, offset)| (base + offset + i64::from(d == 0), d))
                    .collect();
                let rank = |i: usize| (ranks[i], i);
                let mut links: Vec<(usize, usize, usize, i64)> = raw
                    .into_iter()
                    .filter(|l| l.0 != l.1)
                    .map(|(a, b, kind, lag)| {
                        let (p, s) = if rank(a) < rank(b) { (a, b) } else { (b, a) };
                        (p, s, kind, lag)
                    })
                    .collect();
                // Successor-major, keeping draw order within one successor: the order in
                // which the JSON lists each item's links.
                links.sort_by_key(|l| l.1);
                Net { items, links }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn matches_naive_relaxation(net in nets()) {
        let text = to_json(&net);
        let roadmap = peta::store::parse(Path::new("t.json"), text.as_bytes()).unwrap();
        check(&net, &roadmap)?;
    }

    #[test]
    fn generated_roadmaps_match_naive_relaxation(seed in any::<u64>(), size in 1usize..300) {
        let roadmap = generate::roadmap(size, 2, seed);
        let index = roadmap.id_index();
        let mut links = Vec::new();
        let items = roadmap
            .items
            .iter()
            .enumerate()
            .map(|(succ, item)| {
                for dep in &item.depends_on {
                    let kind = TYPES.iter().position(|t| *t == dep.link.as_str()).unwrap();
                    links.push((index[dep.id.as_str()], succ, kind, dep.lag_days));
                }
                let (start, end) = (day(item.start.unwrap()), day(item.end.unwrap()));
                if item.is_milestone() {
                    (start + 1, 0)
                } else {
                    (start, end - start + 1)
                }
            })
            .collect();
        check(&Net { items, links }, &roadmap)?;
    }
}
