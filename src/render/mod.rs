//! Output formats: pure functions from reports to bytes.

pub mod check;
pub mod rows;
pub mod style;
pub mod summary;
