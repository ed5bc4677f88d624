//! The roadmap in other tools' formats, one module per format.

pub mod tjp;
