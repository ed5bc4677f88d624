#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::process::ExitCode;

fn main() -> ExitCode {
    // Hooks first: a panic inside the terminal UI restores the screen before the report.
    if let Err(err) = color_eyre::install() {
        eprintln!("peta: cannot install error reporting: {err}");
    }
    peta::cli::main()
}
