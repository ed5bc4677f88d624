//! The roadmap in other tools' formats, one module per format.
pub mod html;
pub mod tjp;
