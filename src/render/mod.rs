//! Output formats: pure functions from reports to bytes.

pub mod check;
pub(crate) mod grid;
pub mod redact;
pub mod rows;
pub mod snippet;
pub mod style;
pub mod summary;
