//! Output formats: pure functions from reports to bytes.

pub mod check;
pub mod redact;
pub(crate) mod grid;
pub mod rows;
pub mod snippet;
pub mod style;
pub mod summary;
