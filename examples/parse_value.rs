//! The baseline of `bench/compare.sh`: read a file and parse it into a `serde_json::Value`,
//! nothing more. Exits 1 when the file cannot be read or parsed.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_value FILE");
        return ExitCode::from(2);
    };
    let parsed = std::fs::read(&path)
        .map_err(|err| err.to_string())
        .and_then(|bytes| {
            serde_json::from_slice::<serde_json::Value>(&bytes).map_err(|err| err.to_string())
        });
    match parsed {
        Ok(value) => {
            // Use the value so the parse cannot be optimised away.
            println!("{}", value.as_object().map_or(0, |o| o.len()));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}: {err}", path.to_string_lossy());
            ExitCode::from(1)
        }
    }
}
