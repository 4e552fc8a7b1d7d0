//! PipeRun CXM: the talk (atendimento) webhook.

pub mod fields;
pub mod rows;
pub mod summary;
