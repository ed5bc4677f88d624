//! peta: digital-transformation roadmaps with regulations, funding and a live critical path.
//!
//! The library knows nothing of the terminal: `model` (types and validation), `schedule`
//! (critical path and status), `store` (files), `report` (printed summaries). The `cli` and
//! `tui` modules are thin faces over it. `portfolio` reads many member roadmaps as one.

// Reliability (README, "Reliability"): no unsafe code, and no unwrap/expect outside tests,
// where a bad file or a full disk would become a panic instead of a message.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod config;
pub mod diff;
pub mod generate;
pub mod i18n;
pub mod merge;
pub mod model;
pub mod portfolio;
pub mod report;
pub mod schedule;
pub mod store;
pub mod tui;
