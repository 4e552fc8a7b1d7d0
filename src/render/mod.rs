//! Output formats: pure functions from reports to bytes.

pub mod check;
pub mod explain;
pub(crate) mod grid;
pub mod live;
pub mod redact;
pub mod rows;
pub mod snippet;
pub mod style;
pub mod summary;
