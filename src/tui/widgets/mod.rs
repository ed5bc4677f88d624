//! Small reusable widgets.

pub mod text_field;
