//! Printed summaries of a roadmap: the schedule table, money totals, exports.
pub mod schedule;
