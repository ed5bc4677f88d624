//! The roadmap in other tools' formats.
pub mod mermaid;
