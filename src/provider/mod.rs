//! The two webhook families: one folder each, holding the provider's
//! declarative description and what is built from it.

pub mod nuvidio;
pub mod piperun;
