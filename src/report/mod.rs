//! Printed summaries of a roadmap: the schedule table, money totals, exports.
pub mod funding;
pub mod money;
pub mod schedule;
pub mod export;
