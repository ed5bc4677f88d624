//! Printed summaries of a roadmap: the schedule table, money totals, exports.
pub mod export;
pub mod funding;
pub mod money;
pub mod schedule;
