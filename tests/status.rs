//! Item status on a chosen day: each rule, the precedence between them, and the reason text.
//!
//! Precedence: done, late, blocked, at-risk, not-started, on-track. Day arithmetic in the
//! comments uses day-boundary points named by January days (docs/scheduling.md): a task on
//! [6 Jan, 10 Jan] occupies points [6, 11).

use peta::model::{Date, LinkType, RegulationStage, Roadmap};
use peta::schedule::{schedule, Options, Reason, Schedule, Status};
use std::path::Path;

fn roadmap(items: &str) -> Roadmap {
    let text = format!(
        r#"{{"format":"peta-roadmap/1","title":"t","start":"2025-01-01","end":"2025-12-31","items":[{items}]}}"#
    );
    peta::store::parse(Path::new("t.json"), text.as_bytes()).unwrap()
}

fn jan(day: u32) -> Date {
    Date::from_ymd_opt(2025, 1, day).unwrap()
}

fn on(roadmap: &Roadmap, today: Date) -> Schedule {
    schedule(roadmap, &Options::new(today))
}

/// Status and reason text of every item.
fn statuses(roadmap: &Roadmap, schedule: &Schedule) -> Vec<(Status, Option<String>)> {
    schedule
        .items
        .iter()
        .map(|s| (s.status, s.reason.as_ref().map(|r| r.describe(roadmap))))
        .collect()
}

/// A [6, 10 Jan] not started; B planned [8, 10 Jan] after it by FS, so B's forecast is
/// [11, 13 Jan]: three days after its planned end.
fn pushed(b_progress: u8) -> Roadmap {
    roadmap(&format!(
        r#"{{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"}},
           {{"id":"b","kind":"initiative","start":"2025-01-08","end":"2025-01-10",
             "progress":{b_progress},"depends_on":["a"]}}"#
    ))
}

#[test]
fn done_beats_late() {
    // B is done although its forecast finish (13 Jan) is after its planned end and today is
    // past it. A (0%) is past its end: late.
    let r = pushed(100);
    let s = on(&r, jan(20));
    assert_eq!(s.items[1].status, Status::Done);
    assert_eq!(s.items[1].reason, None);
    assert_eq!(
        statuses(&r, &s)[0],
        (
            Status::Late,
            Some("planned end 2025-01-10 has passed at 0% done".into())
        )
    );
}

#[test]
fn late_when_the_forecast_finish_is_after_the_planned_end() {
    // On 1 Jan nothing has begun; B is late already because of its forecast. A finishes on its
    // planned end and has not reached its start: not started.
    let r = pushed(30);
    let s = on(&r, jan(1));
    assert_eq!(
        s.items[1].reason,
        Some(Reason::FinishesLate {
            forecast: jan(13),
            planned: jan(10)
        })
    );
    assert_eq!(
        statuses(&r, &s),
        vec![
            (Status::NotStarted, None),
            (
                Status::Late,
                Some(
                    "forecast finish 2025-01-13 is 3 days after its planned end 2025-01-10".into()
                )
            ),
        ]
    );
}

#[test]
fn late_when_today_is_past_the_planned_end() {
    // A lone task [1, 10 Jan] at 95%. On its last day it is on track (elapsed 9/10 = 90%,
    // 95 >= 90); the day after, it is late.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-10","progress":95}"#,
    );
    assert_eq!(on(&r, jan(10)).items[0].status, Status::OnTrack);
    let s = on(&r, jan(11));
    assert_eq!(
        statuses(&r, &s)[0],
        (
            Status::Late,
            Some("planned end 2025-01-10 has passed at 95% done".into())
        )
    );
}

#[test]
fn a_milestone_is_late_by_its_own_day() {
    // A [6, 11) -> M planned 8 Jan: M lands on 10 Jan, two days after its date.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-06","end":"2025-01-10"},
           {"id":"m","kind":"milestone","start":"2025-01-08","end":"2025-01-08","depends_on":["a"]}"#,
    );
    let s = on(&r, jan(1));
    assert_eq!(
        statuses(&r, &s)[1],
        (
            Status::Late,
            Some("forecast finish 2025-01-10 is 2 days after its planned end 2025-01-08".into())
        )
    );
}

/// A [1, 10 Jan] at 50%; B planned [5, 12 Jan] after A by FS with a 6-day lead: the link
/// allows 11 - 6 = point 5, so B keeps its dates, F = 13, and B is critical.
fn overlapped(link: &str, lag: i64, a_progress: u8, b_progress: u8) -> Roadmap {
    roadmap(&format!(
        r#"{{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-10","progress":{a_progress}}},
           {{"id":"b","kind":"initiative","start":"2025-01-05","end":"2025-01-12","progress":{b_progress},
             "depends_on":[{{"id":"a","type":"{link}","lag_days":{lag}}}]}}"#
    ))
}

#[test]
fn blocked_after_the_planned_start_while_a_predecessor_is_not_done() {
    let r = overlapped("FS", -6, 50, 0);
    let s = on(&r, jan(6));
    assert_eq!(s.items[1].early_start, jan(5));
    assert!(s.items[1].critical);
    assert_eq!(
        s.items[1].reason,
        Some(Reason::WaitingFor {
            pred: 0,
            link: LinkType::FS,
            progress: 50
        })
    );
    assert_eq!(
        statuses(&r, &s)[1],
        (
            Status::Blocked,
            Some("blocked by a (50% done, FS link needs it finished)".into())
        )
    );
    assert_eq!(s.count(Status::Blocked), 1);
    // On the planned start day itself nothing is blocked yet: B is simply not started.
    assert_eq!(on(&r, jan(5)).items[1].status, Status::NotStarted);
    // Once A is done, B is free: critical, 20% done with (6 - 5) / 8 = 12% gone.
    let r = overlapped("FS", -6, 100, 20);
    assert_eq!(on(&r, jan(6)).items[1].status, Status::OnTrack);
}

#[test]
fn blocked_beats_at_risk() {
    // On 6 Jan B is critical, 0% done with (6 - 5) / 8 = 12% of its time gone: it would be at
    // risk, but it is blocked by A first.
    let s = on(&overlapped("FS", -6, 50, 0), jan(6));
    assert_eq!(s.items[1].status, Status::Blocked);
    assert!(matches!(s.items[1].reason, Some(Reason::WaitingFor { .. })));
}

#[test]
fn late_beats_blocked() {
    // On 13 Jan B is past its planned end (12 Jan) and A is still not done: late wins.
    let r = overlapped("FS", -6, 50, 0);
    let s = on(&r, jan(13));
    assert_eq!(
        statuses(&r, &s)[1],
        (
            Status::Late,
            Some("planned end 2025-01-12 has passed at 0% done".into())
        )
    );
}

#[test]
fn start_links_block_only_until_the_predecessor_has_started() {
    // A [1, 31 Jan]; B planned [5, 31 Jan] at 20% after A by SS 0 or SF 0 (neither moves B).
    // On 6 Jan B waits for A while A is at 0%, and is free once A has any progress.
    // B is critical (EF 32 = F) but 20% >= (6 - 5) / 27 = 3%: on track.
    for (link, word) in [("SS", "SS"), ("SF", "SF")] {
        let blocked = |a_progress: u8| {
            roadmap(&format!(
                r#"{{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-31","progress":{a_progress}}},
                   {{"id":"b","kind":"initiative","start":"2025-01-05","end":"2025-01-31","progress":20,
                     "depends_on":[{{"id":"a","type":"{link}"}}]}}"#
            ))
        };
        let r = blocked(0);
        let s = on(&r, jan(6));
        assert_eq!(
            statuses(&r, &s)[1],
            (
                Status::Blocked,
                Some(format!(
                    "blocked by a (0% done, {word} link needs it started)"
                ))
            ),
            "{link}"
        );
        let s = on(&blocked(1), jan(6));
        assert!(s.items[1].critical, "{link}");
        assert_eq!(s.items[1].status, Status::OnTrack, "{link}");
    }
}

#[test]
fn finish_links_block_until_the_predecessor_is_done() {
    // The same shape by FF: started is not enough, A must be finished.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-31","progress":99},
           {"id":"b","kind":"initiative","start":"2025-01-05","end":"2025-01-31","progress":20,
            "depends_on":[{"id":"a","type":"FF"}]}"#,
    );
    let s = on(&r, jan(6));
    assert_eq!(
        statuses(&r, &s)[1],
        (
            Status::Blocked,
            Some("blocked by a (99% done, FF link needs it finished)".into())
        )
    );
}

/// Regulation pp-pdp [1, 10 Jan], 100% done, at the given stage block (raw JSON); X planned
/// [11, 31 Jan] at 30% after it. R [1, 11) and X [11, 32): both critical.
fn regulated(regulation: &str) -> Roadmap {
    roadmap(&format!(
        r#"{{"id":"pp-pdp","kind":"regulation","start":"2025-01-01","end":"2025-01-10",
             "progress":100{regulation}}},
           {{"id":"x","kind":"initiative","start":"2025-01-11","end":"2025-01-31","progress":30,
             "depends_on":["pp-pdp"]}}"#
    ))
}

#[test]
fn blocked_by_a_regulation_that_is_not_enacted() {
    // The drafting team may call the regulation done; until it is enacted, X cannot use it.
    let r = regulated(r#","regulation":{"instrument":"PP","stage":"drafting"}"#);
    let s = on(&r, jan(15));
    assert_eq!(
        s.items[1].reason,
        Some(Reason::RegulationNotEnacted {
            pred: 0,
            stage: Some(RegulationStage::Drafting)
        })
    );
    assert_eq!(
        statuses(&r, &s)[1],
        (
            Status::Blocked,
            Some("blocked by regulation pp-pdp (drafting)".into())
        )
    );
    assert_eq!(s.items[0].status, Status::Done);
    // Not before X's planned start: on 11 Jan X is on track (30% with 0% of its time gone).
    assert_eq!(on(&r, jan(11)).items[1].status, Status::OnTrack);

    let r = regulated(r#","regulation":{"instrument":"PP"}"#);
    assert_eq!(
        statuses(&r, &on(&r, jan(15)))[1].1.as_deref(),
        Some("blocked by regulation pp-pdp (stage unknown)")
    );
    let r = regulated("");
    assert_eq!(on(&r, jan(15)).items[1].status, Status::Blocked);
    // Enacted: free. X is critical, 30% done with (15 - 11) / 21 = 19% gone: on track.
    let r = regulated(r#","regulation":{"instrument":"PP","stage":"enacted"}"#);
    let s = on(&r, jan(15));
    assert!(s.items[1].critical);
    assert_eq!(s.items[1].status, Status::OnTrack);
}

#[test]
fn the_first_failing_link_is_the_reason() {
    // B lists a (done), c (not done), then a regulation in deliberation: the reason names c.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-02","progress":100},
           {"id":"c","kind":"initiative","start":"2025-01-01","end":"2025-01-02","progress":40},
           {"id":"reg","kind":"regulation","start":"2025-01-01","end":"2025-01-02",
            "regulation":{"instrument":"Perpres","stage":"deliberation"}},
           {"id":"b","kind":"initiative","start":"2025-01-03","end":"2025-01-20",
            "depends_on":["a","c","reg"]}"#,
    );
    let s = on(&r, jan(4));
    assert_eq!(
        statuses(&r, &s)[3].1.as_deref(),
        Some("blocked by c (40% done, FS link needs it finished)")
    );
}

#[test]
fn at_risk_needs_a_critical_item_behind_its_elapsed_share() {
    // P [1, 10 Jan] sets F = 11 and is critical; Q [1, 5 Jan] has 5 days of float. Both at
    // 10% on 4 Jan: P has 3/10 = 30% of its time gone -> at risk; Q (60% gone) is on track
    // because it is not critical.
    let r = roadmap(
        r#"{"id":"p","kind":"initiative","start":"2025-01-01","end":"2025-01-10","progress":10},
           {"id":"q","kind":"initiative","start":"2025-01-01","end":"2025-01-05","progress":10}"#,
    );
    let s = on(&r, jan(4));
    assert_eq!(s.items[1].total_float, 5);
    assert_eq!(
        s.items[0].reason,
        Some(Reason::Behind {
            progress: 10,
            elapsed_percent: 30
        })
    );
    assert_eq!(
        statuses(&r, &s),
        vec![
            (
                Status::AtRisk,
                Some("critical and behind: 10% done with 30% of its time gone".into())
            ),
            (Status::OnTrack, None),
        ]
    );
}

#[test]
fn at_risk_boundary_and_not_started_items() {
    // P alone, [1, 10 Jan]. On 4 Jan 30% of its time is gone.
    let with = |progress: u8| {
        roadmap(&format!(
            r#"{{"id":"p","kind":"initiative","start":"2025-01-01","end":"2025-01-10","progress":{progress}}}"#
        ))
    };
    // Exactly on the share: not behind.
    assert_eq!(on(&with(30), jan(4)).items[0].status, Status::OnTrack);
    // Its start has passed with nothing done: at risk rather than not started ("started" is
    // read as "its early start date has come", not "progress above 0").
    let s = on(&with(0), jan(4));
    assert_eq!(s.items[0].status, Status::AtRisk);
    assert_eq!(
        s.items[0].reason,
        Some(Reason::Behind {
            progress: 0,
            elapsed_percent: 30
        })
    );
    // On its first day nothing has elapsed yet.
    assert_eq!(on(&with(0), jan(1)).items[0].status, Status::NotStarted);
    // Before the start: not started at 0%, on track with any progress.
    let s = on(&with(0), Date::from_ymd_opt(2024, 12, 20).unwrap());
    assert_eq!(s.items[0].status, Status::NotStarted);
    let s = on(&with(5), Date::from_ymd_opt(2024, 12, 20).unwrap());
    assert_eq!(s.items[0].status, Status::OnTrack);
}

#[test]
fn milestones_are_never_at_risk() {
    // A critical milestone on 10 Jan, 0% done, on its own day: not late yet, never at risk.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-09","progress":100},
           {"id":"m","kind":"milestone","start":"2025-01-10","end":"2025-01-10","depends_on":["a"]}"#,
    );
    let s = on(&r, jan(10));
    assert!(s.items[1].critical);
    assert_eq!(s.items[1].status, Status::NotStarted);
    assert_eq!(on(&r, jan(11)).items[1].status, Status::Late);
}

#[test]
fn counts_by_status() {
    // a done, b late (past its end), c blocked by b, d at risk, e not started, f on track.
    // Today 10 Jan. The longest item d [1, 31 Jan] sets F = 32.
    let r = roadmap(
        r#"{"id":"a","kind":"initiative","start":"2025-01-01","end":"2025-01-05","progress":100},
           {"id":"b","kind":"initiative","start":"2025-01-01","end":"2025-01-05","progress":50},
           {"id":"c","kind":"initiative","start":"2025-01-02","end":"2025-01-20",
            "depends_on":[{"id":"b","type":"SS"}]},
           {"id":"d","kind":"initiative","start":"2025-01-01","end":"2025-01-31","progress":10},
           {"id":"e","kind":"initiative","start":"2025-01-15","end":"2025-01-20"},
           {"id":"f","kind":"initiative","start":"2025-01-15","end":"2025-01-20","progress":5}"#,
    );
    let s = on(&r, jan(10));
    let got: Vec<Status> = s.items.iter().map(|i| i.status).collect();
    // c is not blocked: SS needs b started, and b is at 50%. c (0%, float 11) is not started
    // by progress but not critical either, so it is "not started".
    assert_eq!(
        got,
        vec![
            Status::Done,
            Status::Late,
            Status::NotStarted,
            Status::AtRisk,
            Status::NotStarted,
            Status::OnTrack
        ]
    );
    for (status, count) in [
        (Status::Done, 1),
        (Status::Late, 1),
        (Status::Blocked, 0),
        (Status::AtRisk, 1),
        (Status::NotStarted, 2),
        (Status::OnTrack, 1),
    ] {
        assert_eq!(s.count(status), count, "{status}");
    }
}
