//! Any bytes through everything a roadmap file goes through in `peta check` and `peta schedule`:
//! loading, validation, funding checks, scheduling, and a canonical save that must load back
//! unchanged. A panic anywhere (including an overflow, as debug assertions are on) is a crash.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peta::model::{validate, Date};
use peta::report::funding_checks::funding_problems;
use peta::schedule::{schedule, Options};
use peta::store;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(roadmap) = store::parse(Path::new("fuzz.json"), data) else {
        return;
    };
    for problem in validate(&roadmap).iter().chain(&funding_problems(&roadmap)) {
        assert!(!problem.to_string().is_empty());
    }
    // Both ends of the calendar, and a day inside most plans.
    for today in [(1, 1, 1), (2026, 6, 1), (9999, 12, 31)] {
        let Some(today) = Date::from_ymd_opt(today.0, today.1, today.2) else {
            continue;
        };
        let plan = schedule(&roadmap, &Options::new(today));
        assert_eq!(plan.items.len(), roadmap.items.len());
        for index in 0..plan.items.len().min(8) {
            let _ = plan.driving_chain(index);
        }
    }
    let saved = store::to_canonical_string(&roadmap);
    match store::parse(Path::new("saved.json"), saved.as_bytes()) {
        Ok(again) => {
            assert!(
                again == roadmap,
                "save + load changed the roadmap:\n{saved}"
            );
            assert_eq!(store::to_canonical_string(&again), saved);
        }
        Err(err) => panic!("the saved form does not load: {err}\n{saved}"),
    }
});
