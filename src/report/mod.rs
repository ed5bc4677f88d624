//! Printed summaries of a roadmap: the schedule table, money totals, exports.
pub mod funding;
pub mod funding_checks;
pub mod funding_need;
pub mod funding_report;
pub mod money;
pub mod regulations;
pub mod schedule;
pub mod talent;
