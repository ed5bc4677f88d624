//! What the load budget of issue 7 measures, as one process to profile: read a file, parse it
//! into the typed roadmap, build the dependency network once, validate and schedule. Run it
//! under `valgrind --tool=callgrind` for instruction counts that other load on the machine
//! does not disturb (see bench/RESULTS.md). Exits 1 when the file cannot be loaded.

use peta::model::{validate_with, Date, Network};
use peta::schedule::{schedule_with, Options};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: load_schedule FILE");
        return ExitCode::from(2);
    };
    let loaded = match peta::store::load(std::path::Path::new(&path)) {
        Ok(loaded) => loaded,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(1);
        }
    };
    let roadmap = loaded.roadmap;
    let network = Network::build(&roadmap);
    let problems = validate_with(&roadmap, &network);
    let today = Date::from_ymd_opt(2026, 7, 1).unwrap_or_default();
    let schedule = schedule_with(&roadmap, &network, &Options::new(today));
    println!(
        "{} items, {} problems, finish {:?}",
        roadmap.items.len(),
        problems.len(),
        schedule.finish
    );
    ExitCode::SUCCESS
}
