//! Critical-path answers worked out by hand, against the semantics of docs/scheduling.md.
//!
//! Arithmetic in the comments uses day-boundary points named by January days: point 6 is the
//! start of 6 January (= the end of 5 January), point 32 the start of 1 February. A task on
//! [6 Jan, 10 Jan] occupies points [6, 11); a milestone on 10 Jan sits at point 11.

use peta::generate;

use peta::model::{parse_date, validate, Date, LinkType, Roadmap};
use peta::schedule::{schedule, ItemSchedule, Options, Schedule};
use std::path::Path;

fn parse(text: &str) -> Roadmap {
    peta::store::parse(Path::new("t.json"), text.as_bytes()).unwrap()
}

/// A roadmap over 2025 with the given items (a JSON array body).
fn roadmap(items: &str) -> Roadmap {
    roadmap_ending("2025-12-31", items)
}

fn roadmap_ending(end: &str, items: &str) -> Roadmap {
    parse(&format!(
        r#"{{"format":"peta-roadmap/1","title":"t","start":"2025-01-01","end":"{end}","items":[{items}]}}"#
    ))
}

fn date(text: &str) -> Date {
    parse_date(text).unwrap()
}

fn jan(day: u32) -> Date {
    Date::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(day) - 1)
}

fn run(roadmap: &Roadmap) -> Schedule {
    schedule(roadmap, &Options::new(date("2024-12-01")))
}

/// (early start, early finish, late start, late finish) as dates.
fn dates(s: &ItemSchedule) -> (Date, Date, Date, Date) {
    (s.early_start, s.early_finish, s.late_start, s.late_finish)
}

/// A on [6, 10 Jan] (points 6..11), B planned on [1, 3 Jan] (3 days) after A by the given
/// link, and C on [1, 31 Jan] alone, which sets the forecast finish F = point 32.
fn link_case(link: &str, lag: i64) -> Roadmap {
    roadmap(&format!(
        r#"{{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"}},
           {{"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-03",
             "depends_on":[{{"id":"a","type":"{link}","lag_days":{lag}}}]}},
           {{"id":"c","kind":"initiative","start":"2025-01-01","end":"2025-01-31"}}"#
    ))
}

#[test]
fn each_link_type_with_zero_positive_and_negative_lag() {
    // ES_A = 6, EF_A = 11, d_B = 3, F = 32, so LF_B = 32 and LS_B = 29 in every case.
    // Columns: link, lag, ES_B, TF_A, TF_B, free float of A, does the link drive B.
    let cases: [(&str, i64, u32, i64, i64, i64, bool); 13] = [
        // FS: ES_B >= 11 + L. Backward: LF_A <= LS_B - L = 29 - L.
        ("FS", 0, 11, 18, 18, 0, true), // LF_A 29, TF_A 29-11; TF_B 32-14
        ("FS", 2, 13, 16, 16, 0, true), // LF_A 27; EF_B 16
        ("FS", -2, 9, 20, 20, 0, true), // LF_A 31; EF_B 12
        // SS: ES_B >= 6 + L. Backward: LS_A <= 29 - L, so LF_A <= 34 - L, capped at F = 32.
        ("SS", 0, 6, 21, 23, 0, true),  // LF_A min(34, 32) = 32; EF_B 9
        ("SS", 3, 9, 20, 20, 0, true),  // LF_A 31; EF_B 12
        ("SS", -2, 4, 21, 25, 0, true), // ES_B max(1, 4); LF_A 32; EF_B 7
        ("SS", -10, 1, 21, 28, 5, false), // bound -4 < planned 1; free A = 1 - (6 - 10)
        // FF: EF_B >= 11 + L, ES_B = EF_B - 3. Backward: LF_A <= LF_B - L = 32 - L.
        ("FF", 0, 8, 21, 21, 0, true),  // EF_B 11; LF_A 32
        ("FF", 4, 12, 17, 17, 0, true), // EF_B 15; LF_A 28
        ("FF", -3, 5, 21, 24, 0, true), // EF_B 8; LF_A min(35, 32)
        // SF: EF_B >= 6 + L. Backward: LS_A <= LF_B - L = 32 - L, so LF_A <= 37 - L.
        ("SF", 0, 3, 21, 26, 0, true),  // EF_B 6; LF_A min(37, 32)
        ("SF", 8, 11, 18, 18, 0, true), // EF_B 14; LF_A 29
        ("SF", -1, 2, 21, 27, 0, true), // EF_B 5; LF_A min(38, 32)
    ];
    for (link, lag, es_b, tf_a, tf_b, free_a, drives) in cases {
        let what = format!("{link} {lag}");
        let r = link_case(link, lag);
        let s = run(&r);
        let (a, b, c) = (&s.items[0], &s.items[1], &s.items[2]);
        assert_eq!(s.finish, Some(jan(31)), "{what}");
        assert_eq!(
            dates(b),
            (
                jan(es_b),
                jan(es_b + 2),
                jan(es_b + tf_b as u32),
                jan(es_b + 2 + tf_b as u32)
            ),
            "{what}: B"
        );
        assert_eq!(
            dates(a),
            (jan(6), jan(10), jan(6 + tf_a as u32), jan(10 + tf_a as u32)),
            "{what}: A"
        );
        assert_eq!((a.total_float, b.total_float), (tf_a, tf_b), "{what}");
        // B has no successor: its free float runs to the forecast finish, like its total float.
        assert_eq!((a.free_float, b.free_float), (free_a, tf_b), "{what}");
        assert_eq!(b.driving, drives.then_some(0), "{what}");
        assert_eq!(a.driving, None, "{what}");
        assert!(c.critical && c.total_float == 0 && !a.critical && !b.critical);
        assert_eq!(s.critical_path, vec![2], "{what}");
    }
}

#[test]
fn link_types_without_a_longer_item_decide_criticality() {
    // Without C, F = max(EF_A = 11, EF_B).
    // FS 0: B [11, 14), F 14; LF_A <= LS_B = 11: both critical.
    // SS 0: B [6, 9), F 11; TF_B = 2; LS_A <= LS_B = 8 + 0 => LF_A <= 13, capped at 11: A critical.
    // FF 4: B [12, 15), F 15; LF_A <= 15 - 4 = 11: both critical.
    // SF 8: B [11, 14), F 14; LS_A <= 14 - 8 = 6: both critical.
    // SF 0: B [3, 6), F 11; TF_B = 5; A critical.
    for (link, lag, finish, tf_b) in [
        ("FS", 0, 13, 0),
        ("SS", 0, 10, 2),
        ("FF", 4, 14, 0),
        ("SF", 8, 13, 0),
        ("SF", 0, 10, 5),
    ] {
        let r = roadmap(&format!(
            r#"{{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"}},
               {{"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-03",
                 "depends_on":[{{"id":"a","type":"{link}","lag_days":{lag}}}]}}"#
        ));
        let s = run(&r);
        assert_eq!(s.finish, Some(jan(finish)), "{link} {lag}");
        assert_eq!(s.items[0].total_float, 0, "{link} {lag}");
        assert!(s.items[0].critical, "{link} {lag}");
        assert_eq!(s.items[1].total_float, tf_b, "{link} {lag}");
        assert_eq!(s.items[1].critical, tf_b == 0, "{link} {lag}");
    }
}

#[test]
fn milestone_as_predecessor_releases_the_next_day() {
    // M on 10 Jan sits at point 11; T (3 days) after it by FS 0 or SS 0 starts at point 11.
    // F = 14 (13 Jan). LF_M <= LS_T = 11 = ES_M: M is critical.
    for link in ["FS", "SS"] {
        let r = roadmap(&format!(
            r#"{{"id":"m","kind":"milestone","start":"2025-01-10","end":"2025-01-10"}},
               {{"id":"t","kind":"initiative","start":"2025-01-01","end":"2025-01-03",
                 "depends_on":[{{"id":"m","type":"{link}"}}]}}"#
        ));
        let s = run(&r);
        assert_eq!(
            dates(&s.items[0]),
            (jan(10), jan(10), jan(10), jan(10)),
            "{link}"
        );
        assert_eq!(
            dates(&s.items[1]),
            (jan(11), jan(13), jan(11), jan(13)),
            "{link}"
        );
        assert_eq!(s.finish, Some(jan(13)));
        assert_eq!(s.critical_path, vec![0, 1], "{link}");
    }
}

#[test]
fn milestone_as_successor_of_a_task() {
    // A on points [6, 11). M planned 1 Jan (point 2).
    // FS 0 / FF 0: ES_M >= 11 -> date 10 Jan, the task's last day. F = 11, TF_M = 0.
    // SS 0 / SF 0: ES_M >= 6 -> point 6, reported as 5 Jan (the moment A begins).
    //   LF_M = F = 11, LS_M = 11 -> late date 10 Jan, TF_M = 5, free float 11 - 6 = 5.
    for (link, early, tf) in [("FS", 10, 0), ("FF", 10, 0), ("SS", 5, 5), ("SF", 5, 5)] {
        let r = roadmap(&format!(
            r#"{{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"}},
               {{"id":"m","kind":"milestone","start":"2025-01-01","end":"2025-01-01",
                 "depends_on":[{{"id":"a","type":"{link}"}}]}}"#
        ));
        let s = run(&r);
        let m = &s.items[1];
        assert_eq!(
            dates(m),
            (jan(early), jan(early), jan(10), jan(10)),
            "{link}"
        );
        assert_eq!((m.total_float, m.free_float), (tf, tf), "{link}");
        assert_eq!(m.driving, Some(0), "{link}");
        assert_eq!(s.finish, Some(jan(10)), "{link}");
        assert!(s.items[0].critical, "{link}");
    }
}

#[test]
fn milestone_to_milestone() {
    // M1 on 10 Jan (point 11); M2 planned 2 Jan (point 3), FS with lag L: ES_M2 = 11 + L.
    // L = 0 -> 10 Jan, L = 3 -> 13 Jan (F = 14: M1 has LF <= 14 - 3 = 11, critical).
    // L = -3 -> point 8, 7 Jan; F = 11; TF_M2 = 11 - 8 = 3 (late 10 Jan); M1 LF <= 11 + 3, TF 0.
    for (lag, m2, tf2, finish) in [(0, 10, 0, 10), (3, 13, 0, 13), (-3, 7, 3, 10)] {
        let r = roadmap(&format!(
            r#"{{"id":"m1","kind":"milestone","start":"2025-01-10","end":"2025-01-10"}},
               {{"id":"m2","kind":"milestone","start":"2025-01-02","end":"2025-01-02",
                 "depends_on":[{{"id":"m1","type":"FS","lag_days":{lag}}}]}}"#
        ));
        let s = run(&r);
        assert_eq!(s.items[1].early_start, jan(m2), "lag {lag}");
        assert_eq!(s.items[1].early_finish, jan(m2), "lag {lag}");
        assert_eq!(s.items[1].total_float, tf2, "lag {lag}");
        assert_eq!(s.items[1].late_finish, jan(m2 + tf2 as u32), "lag {lag}");
        assert_eq!(s.items[0].total_float, 0, "lag {lag}");
        assert_eq!(s.finish, Some(jan(finish)), "lag {lag}");
    }
}

#[test]
fn milestone_with_float_reports_its_late_day() {
    // A [6, 11) -> M (FS): M at point 11 (10 Jan). C [1, 32) sets F = 32.
    // LF_M = LS_M = 32 -> late date 31 Jan, TF 21. A: LF <= LS_M = 32, TF 21.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"},
           {"id":"m","kind":"milestone","start":"2025-01-01","end":"2025-01-01","depends_on":["a"]},
           {"id":"c","kind":"initiative","start":"2025-01-01","end":"2025-01-31"}"#,
    );
    let s = run(&r);
    assert_eq!(dates(&s.items[1]), (jan(10), jan(10), jan(31), jan(31)));
    assert_eq!(s.items[1].total_float, 21);
    assert_eq!(s.items[0].total_float, 21);
    assert!(!s.items[1].near_critical && !s.items[0].near_critical);
}

#[test]
fn diamond() {
    // S [1, 3). X (5 d) and Y (3 d) after S: X [3, 8), Y [3, 6). E (1 d) after Y and X:
    // ES_E = max(6, 8) = 8, set by X (depends_on index 1). F = 9 -> finish 8 Jan.
    // Backward: LF_E 9, LS_E 8; LF_X 8 (TF 0); LF_Y 8, LS_Y 5 (TF 2); LF_S = min(3, 5) = 3.
    let r = roadmap(
        r#"{"id":"s","kind":"initiative","start":"2025-01-01","end":"2025-01-02"},
           {"id":"x","kind":"initiative","start":"2025-01-01","end":"2025-01-05","depends_on":["s"]},
           {"id":"y","kind":"initiative","start":"2025-01-01","end":"2025-01-03","depends_on":["s"]},
           {"id":"e","kind":"initiative","start":"2025-01-01","end":"2025-01-01","depends_on":["y","x"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.finish, Some(jan(8)));
    assert_eq!(dates(&s.items[0]), (jan(1), jan(2), jan(1), jan(2)));
    assert_eq!(dates(&s.items[1]), (jan(3), jan(7), jan(3), jan(7)));
    assert_eq!(dates(&s.items[2]), (jan(3), jan(5), jan(5), jan(7)));
    assert_eq!(dates(&s.items[3]), (jan(8), jan(8), jan(8), jan(8)));
    let floats: Vec<(i64, i64)> = s
        .items
        .iter()
        .map(|i| (i.total_float, i.free_float))
        .collect();
    assert_eq!(floats, vec![(0, 0), (0, 0), (2, 2), (0, 0)]);
    assert_eq!(s.critical_path, vec![0, 1, 3]);
    assert!(s.items[2].near_critical);
    assert_eq!(
        s.items.iter().map(|i| i.driving).collect::<Vec<_>>(),
        vec![None, Some(0), Some(0), Some(1)]
    );
    assert_eq!(s.driving_chain(3), vec![3, 1, 0]);
}

#[test]
fn two_parallel_critical_paths_of_equal_length() {
    // a1 (4 d) -> a2 (3 d): [1, 5) [5, 8). b1 (3 d) -> b2 (4 d): [1, 4) [4, 8). F = 8.
    // Everything is critical; by early start: a1 (1, file 0), b1 (1, file 2), b2 (4), a2 (5).
    let r = roadmap(
        r#"{"id":"a1","kind":"initiative","start":"2025-01-01","end":"2025-01-04"},
           {"id":"a2","kind":"initiative","start":"2025-01-01","end":"2025-01-03","depends_on":["a1"]},
           {"id":"b1","kind":"initiative","start":"2025-01-01","end":"2025-01-03"},
           {"id":"b2","kind":"initiative","start":"2025-01-01","end":"2025-01-04","depends_on":["b1"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.finish, Some(jan(7)));
    assert!(s.items.iter().all(|i| i.critical && i.total_float == 0));
    assert_eq!(s.critical_path, vec![0, 2, 3, 1]);
    assert_eq!(s.critical_count(), 4);
    assert_eq!(s.items[1].early_start, jan(5));
    assert_eq!(s.items[3].early_start, jan(4));
}

#[test]
fn critical_path_ties_follow_file_order() {
    // Three one-day items on 1 Jan, unlinked, all finishing at F = 2: all critical, all ES 1.
    // Then z (file 0) after y (file 2) starts at 2 but sets F = 3, so only y and z are critical.
    let r = roadmap(
        r#"{"id":"p","kind":"initiative","start":"2025-01-01","end":"2025-01-01"},
           {"id":"q","kind":"initiative","start":"2025-01-01","end":"2025-01-01"},
           {"id":"r","kind":"initiative","start":"2025-01-01","end":"2025-01-01"}"#,
    );
    assert_eq!(run(&r).critical_path, vec![0, 1, 2]);
    let r = roadmap(
        r#"{"id":"z","kind":"initiative","start":"2025-01-01","end":"2025-01-01","depends_on":["y"]},
           {"id":"x","kind":"initiative","start":"2025-01-01","end":"2025-01-01"},
           {"id":"y","kind":"initiative","start":"2025-01-01","end":"2025-01-01"}"#,
    );
    let s = run(&r);
    assert_eq!(s.critical_path, vec![2, 0]);
    assert_eq!(s.items[1].total_float, 1);
}

#[test]
fn disconnected_parts_the_shorter_one_floats() {
    // P [1, 11) alone sets F = 11. Q [1, 5) -> R (3 d) [5, 8).
    // LF_R 11 (TF 3, free 11 - 8 = 3); LF_Q <= LS_R = 8 (TF 3, free 5 - 5 = 0).
    let r = roadmap(
        r#"{"id":"p","kind":"initiative","start":"2025-01-01","end":"2025-01-10"},
           {"id":"q","kind":"initiative","start":"2025-01-01","end":"2025-01-04"},
           {"id":"r","kind":"initiative","start":"2025-01-01","end":"2025-01-03","depends_on":["q"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.finish, Some(jan(10)));
    assert_eq!(s.critical_path, vec![0]);
    assert_eq!((s.items[1].total_float, s.items[1].free_float), (3, 0));
    assert_eq!((s.items[2].total_float, s.items[2].free_float), (3, 3));
    assert_eq!(dates(&s.items[1]), (jan(1), jan(4), jan(4), jan(7)));
    assert_eq!(dates(&s.items[2]), (jan(5), jan(7), jan(8), jan(10)));
    assert!(s.items[1].near_critical && s.items[2].near_critical);
}

#[test]
fn planned_start_later_than_the_link_allows() {
    // A [6, 11) -> B planned [15, 18) by FS: the link allows 11, B keeps 15; nothing drives it.
    // F = 18. B critical. LF_A <= LS_B = 15: TF_A 4 and free float 15 - 11 = 4, so A is not
    // critical although its successor is.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"},
           {"id":"b","kind":"initiative","start":"2025-01-15","end":"2025-01-17","depends_on":["a"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.items[1].driving, None);
    assert_eq!(dates(&s.items[1]), (jan(15), jan(17), jan(15), jan(17)));
    assert_eq!((s.items[0].total_float, s.items[0].free_float), (4, 4));
    assert_eq!(dates(&s.items[0]), (jan(6), jan(10), jan(10), jan(14)));
    assert_eq!(s.critical_path, vec![1]);
    assert_eq!(s.driving_chain(1), vec![1]);
}

#[test]
fn a_link_that_ties_with_the_planned_start_is_driving() {
    // B planned on 11 Jan, exactly where FS from A puts it (point 11). The link is tight, so it
    // is reported as driving: it answers "why does B start here?" (the code's tie rule).
    // Of two tied links, the first listed drives: C after A by FS 0 and SS +5 (both 11).
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"},
           {"id":"b","kind":"initiative","start":"2025-01-11","end":"2025-01-13","depends_on":["a"]},
           {"id":"c","kind":"initiative","start":"2025-01-01","end":"2025-01-03",
            "depends_on":[{"id":"a","type":"SS","lag_days":4},{"id":"a","type":"FS"},
                          {"id":"a","type":"SS","lag_days":5}]}"#,
    );
    let s = run(&r);
    assert_eq!(s.items[1].driving, Some(0));
    assert_eq!(s.items[2].driving, Some(1));
    assert_eq!(s.items[2].early_start, jan(11));
    assert_eq!(s.items[0].total_float, 0);
    assert_eq!(s.critical_path, vec![0, 1, 2]);
    assert_eq!(s.driving_chain(1), vec![1, 0]);
}

#[test]
fn free_float_differs_from_total_float_on_a_side_branch() {
    // Chain a [1, 6) -> b [6, 11) -> c [11, 16); side branch a -> s1 (2 d) [6, 8) -> s2 (1 d)
    // [8, 9) -> c. F = 16.
    // s2: LF <= LS_c = 11, TF 2, free 11 - 9 = 2. s1: LF <= LS_s2 = 10, TF 2, free 8 - 8 = 0.
    // a: LF = min(LS_b 6, LS_s1 8) = 6, TF 0.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-05"},
           {"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-05","depends_on":["a"]},
           {"id":"c","kind":"initiative","start":"2025-01-01","end":"2025-01-05","depends_on":["b","s2"]},
           {"id":"s1","kind":"initiative","start":"2025-01-01","end":"2025-01-02","depends_on":["a"]},
           {"id":"s2","kind":"initiative","start":"2025-01-01","end":"2025-01-01","depends_on":["s1"]}"#,
    );
    let s = run(&r);
    let floats: Vec<(i64, i64)> = s
        .items
        .iter()
        .map(|i| (i.total_float, i.free_float))
        .collect();
    assert_eq!(floats, vec![(0, 0), (0, 0), (0, 0), (2, 0), (2, 2)]);
    assert_eq!(s.finish, Some(jan(15)));
    assert_eq!(dates(&s.items[3]), (jan(6), jan(7), jan(8), jan(9)));
    assert_eq!(dates(&s.items[4]), (jan(8), jan(8), jan(10), jan(10)));
    assert_eq!(s.critical_path, vec![0, 1, 2]);
    assert_eq!(s.driving_chain(2), vec![2, 1, 0]);
    assert_eq!(s.driving_chain(4), vec![4, 3, 0]);
    assert_eq!(s.driving_chain(0), vec![0]);
}

#[test]
fn free_float_is_link_slack_and_may_exceed_total_float() {
    // P [1, 11) sets F = 11. S planned on 9 Jan (1 d) after P by SS 0: bound 1, so S keeps
    // [9, 10). Free float of P = ES_S - (ES_P + 0) = 8: P could start 8 days later without
    // moving S. Total float of P = LF_P - EF_P = min(F = 11, LS_S + d_P = 10 + 10) - 11 = 0:
    // those 8 days would move the forecast finish. The spec defines free float by link slack
    // alone (the finish only bounds items without successors), so here free > total.
    // S: TF = 11 - 10 = 1, free = F - EF_S = 1.
    let r = roadmap(
        r#"{"id":"p","kind":"initiative","start":"2025-01-01","end":"2025-01-10"},
           {"id":"s","kind":"initiative","start":"2025-01-09","end":"2025-01-09",
            "depends_on":[{"id":"p","type":"SS"}]}"#,
    );
    let s = run(&r);
    assert_eq!((s.items[0].total_float, s.items[0].free_float), (0, 8));
    assert_eq!((s.items[1].total_float, s.items[1].free_float), (1, 1));
    assert_eq!(s.items[1].driving, None);
    // The same with a lead: T (1 d) at point 10 after P by FS -5: bound 6, T keeps [10, 11).
    // Free float of P = 10 - (11 - 5) = 4, total float 0.
    let r = roadmap(
        r#"{"id":"p","kind":"initiative","start":"2025-01-01","end":"2025-01-10"},
           {"id":"t","kind":"initiative","start":"2025-01-10","end":"2025-01-10",
            "depends_on":[{"id":"p","type":"FS","lag_days":-5}]}"#,
    );
    let s = run(&r);
    assert_eq!((s.items[0].total_float, s.items[0].free_float), (0, 4));
    assert_eq!((s.items[1].total_float, s.items[1].free_float), (0, 0));
}

#[test]
fn driving_chain_stops_where_a_planned_start_took_over() {
    // a [1, 3) -> b (2 d) [3, 5) -> c planned 20 Jan (2 d) -> d (1 d) [22, 23).
    // d is driven by c, c by its own date: the chain is d, c.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-02"},
           {"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-02","depends_on":["a"]},
           {"id":"c","kind":"initiative","start":"2025-01-20","end":"2025-01-21","depends_on":["b"]},
           {"id":"d","kind":"initiative","start":"2025-01-01","end":"2025-01-01","depends_on":["c"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.driving_chain(3), vec![3, 2]);
    assert_eq!(s.driving_chain(1), vec![1, 0]);
    assert_eq!(s.items[3].early_start, jan(22));
    // b could slip from LF 5 to LS_c = 20: TF 15, beyond the near-critical limit of 10.
    assert_eq!(s.items[1].total_float, 15);
    assert!(!s.items[1].near_critical);
}

#[test]
fn forecast_finish_and_slip_against_the_roadmap_end() {
    let items = r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-13"}"#;
    let s = run(&roadmap_ending("2025-01-10", items));
    assert_eq!((s.finish, s.target_end), (Some(jan(13)), Some(jan(10))));
    assert_eq!(s.slip_days, 3);
    let s = run(&roadmap_ending("2025-01-31", items));
    assert_eq!(s.slip_days, -18);
    // A link can push the finish past the end: a [1, 14) -> b (2 d) FS +5: [19, 21), F = 21.
    let r = roadmap_ending(
        "2025-01-13",
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-13"},
           {"id":"b","kind":"initiative","start":"2025-01-02","end":"2025-01-03",
            "depends_on":[{"id":"a","type":"FS","lag_days":5}]}"#,
    );
    let s = run(&r);
    assert_eq!(s.finish, Some(jan(20)));
    assert_eq!(s.slip_days, 7);
}

#[test]
fn empty_roadmap_has_no_finish() {
    let s = run(&roadmap(""));
    assert_eq!(s.finish, None);
    assert_eq!(s.slip_days, 0);
    assert!(s.critical_path.is_empty());
}

#[test]
fn dangling_and_self_links_are_ignored() {
    // Validation reports both; the schedule uses neither.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10",
            "depends_on":["nowhere","a"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.items[0].early_start, jan(6));
    assert_eq!(s.items[0].driving, None);
    assert!(!s.has_cycle);
    // The driving index counts positions in depends_on, ignored links included.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"},
           {"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-01",
            "depends_on":["nowhere","b","a"]}"#,
    );
    let s = run(&r);
    assert_eq!(s.items[1].early_start, jan(11));
    assert_eq!(s.items[1].driving, Some(2));
    assert_eq!(s.driving_chain(1), vec![1, 0]);
}

#[test]
fn a_cycle_is_broken_and_still_scheduled() {
    // a <-> b: neither can go first, so both go last in file order and b's link to a (which
    // points backwards in that order) is kept while a's link to b is dropped.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-02","depends_on":["b"]},
           {"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-02","depends_on":["a"]}"#,
    );
    let s = run(&r);
    assert!(s.has_cycle);
    assert_eq!(s.items[0].early_start, jan(1));
    assert_eq!(s.items[1].early_start, jan(3));
    assert_eq!(s.finish, Some(jan(4)));
}

#[test]
fn long_chain_runs_without_recursion() {
    // 100,000 one-day tasks, each FS after the previous one, written in reverse file order so
    // the topological order is the reverse of the file. Task k (0-based) runs on day 1 + k, so
    // the last finishes 99,999 days after 1 Jan 2025.
    const N: usize = 100_000;
    let mut items = Vec::with_capacity(N);
    for k in (0..N).rev() {
        let deps = if k == 0 {
            String::new()
        } else {
            format!(r#","depends_on":["t{}"]"#, k - 1)
        };
        items.push(format!(
            r#"{{"id":"t{k}","kind":"initiative","start":"2025-01-01","end":"2025-01-01"{deps}}}"#
        ));
    }
    let r = roadmap(&items.join(","));
    let s = run(&r);
    let last = jan(1) + chrono::Days::new(99_999);
    assert_eq!(s.finish, Some(last));
    assert_eq!(s.items[0].early_finish, last);
    assert_eq!(s.items[N - 1].early_start, jan(1));
    assert_eq!(s.critical_count(), N);
    assert_eq!(s.critical_path.first(), Some(&(N - 1)));
    assert_eq!(s.critical_path.last(), Some(&0));
    // The chain of driving links back from the last task is the whole chain, walked in
    // linear time.
    let chain = s.driving_chain(0);
    assert_eq!(chain.len(), N);
    assert_eq!((chain[1], chain[N - 1]), (1, N - 1));
    assert_eq!(s.items[0].driving_predecessor, Some(1));
}

#[test]
fn generated_roadmaps_are_valid_and_varied() {
    let r = generate::roadmap(600, 2, 7);
    assert_eq!(r.items.len(), 600);
    assert_eq!(validate(&r), vec![]);
    assert_eq!(r, generate::roadmap(600, 2, 7));
    assert_ne!(r, generate::roadmap(600, 2, 8));
    let links: Vec<_> = r.items.iter().flat_map(|i| &i.depends_on).collect();
    for link in LinkType::ALL {
        assert!(links.iter().any(|d| d.link == *link), "no {link} link");
    }
    assert!(links.iter().any(|d| d.lag_days < 0));
    assert!(links.len() > 1000);
    assert!(r.items.iter().any(|i| i.is_milestone()));
    assert!(r.items.iter().any(|i| i.regulation.is_some()));
    assert!(r.items.iter().any(|i| !i.funding.is_empty()));
    let text = generate::roadmap_json(600, 2, 7);
    assert_eq!(parse(&text), r);
    let s = run(&r);
    assert!(!s.has_cycle);
    assert!(!s.critical_path.is_empty());
}

#[test]
fn worked_example_of_the_scheduling_docs() {
    // docs/scheduling.md, "Worked example"; the arithmetic is written out there.
    let r = roadmap_ending(
        "2025-01-31",
        r#"{"id":"perpres","kind":"regulation","start":"2025-01-06","end":"2025-01-17",
            "progress":100,"regulation":{"instrument":"Perpres","stage":"harmonization"}},
           {"id":"dc","kind":"initiative","start":"2025-01-01","end":"2025-01-24","progress":50},
           {"id":"migrate","kind":"initiative","start":"2025-01-13","end":"2025-01-31",
            "depends_on":[{"id":"perpres","type":"FS","lag_days":3},
                          {"id":"dc","type":"SS","lag_days":10}]},
           {"id":"golive","kind":"milestone","start":"2025-01-31","end":"2025-01-31",
            "depends_on":["migrate"]}"#,
    );
    let s = schedule(&r, &Options::new(jan(20)));
    let feb = |day: u32| date(&format!("2025-02-{day:02}"));
    assert_eq!(s.finish, Some(feb(8)));
    assert_eq!(s.slip_days, 8);
    assert_eq!(dates(&s.items[0]), (jan(6), jan(17), jan(6), jan(17)));
    assert_eq!(dates(&s.items[1]), (jan(1), jan(24), jan(11), feb(3)));
    assert_eq!(dates(&s.items[2]), (jan(21), feb(8), jan(21), feb(8)));
    assert_eq!(dates(&s.items[3]), (feb(8), feb(8), feb(8), feb(8)));
    assert_eq!((s.items[1].total_float, s.items[1].free_float), (10, 10));
    assert!(s.items[1].near_critical);
    assert_eq!(s.items[2].driving, Some(0));
    assert_eq!(s.critical_path, vec![0, 2, 3]);
    assert_eq!(s.driving_chain(3), vec![3, 2, 0]);
    let statuses: Vec<String> = s.items.iter().map(|i| i.status.to_string()).collect();
    assert_eq!(statuses, ["done", "on-track", "late", "late"]);
    assert_eq!(
        s.items[2]
            .reason
            .as_ref()
            .map(|x| x.describe(&r))
            .as_deref(),
        Some("forecast finish 2025-02-08 is 8 days after its planned end 2025-01-31")
    );
}

#[test]
fn a_dependency_without_an_id_is_ignored() {
    // Both are validation errors, but the schedule of a broken file is still shown. Item #1
    // has no id; b's dependency has no id either. "" names no item, so the link is ignored
    // and b keeps its planned [1, 3 Jan] (it used to attach to item #1: [11, 13 Jan]).
    let r = roadmap(
        r#"{"kind":"initiative","start":"2025-01-06","end":"2025-01-10"},
           {"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-03",
            "depends_on":[{"type":"FS"}]}"#,
    );
    let s = run(&r);
    assert_eq!(s.items[1].early_start, jan(1));
    assert_eq!(s.items[1].driving, None);
}
