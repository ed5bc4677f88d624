//! The planner's terminal: timeline, table, funding and risk views over one roadmap.

pub mod theme;
