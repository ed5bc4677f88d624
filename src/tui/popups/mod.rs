//! The popups. `confirm`, `prompt`, `chooser` and `help` are general; `form`,
//! `dependencies`, `catalogs` and `conflicts` edit the roadmap.

pub mod catalogs;
pub mod chooser;
pub mod confirm;
pub mod conflicts;
pub mod dependencies;
pub mod form;
pub mod help;
pub mod prompt;
