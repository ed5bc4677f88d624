//! The roadmap in other tools' formats. Each export is a pure function from the roadmap, its
//! schedule and options to the whole output text, so the CLI can write it atomically.

pub mod csv;
pub mod html;
pub mod ics;
pub mod mermaid;
pub mod mspdi;
pub mod tjp;
