//! NuVidio: video attendance hooks (`hookType` + `content`).

pub mod fields;
pub mod rows;
pub mod summary;
