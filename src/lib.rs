//! peta: digital-transformation roadmaps with regulations, funding and a live critical path.
//!
//! The library knows nothing of the terminal: `model` (types and validation), `schedule`
//! (critical path and status), `store` (files), `report` (printed summaries). The `cli` and
//! `tui` modules are thin faces over it. `portfolio` reads many member roadmaps as one.

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
