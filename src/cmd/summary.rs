//! `hookscope summary`: readable overviews (not yet built).

use std::io::Write;

use anyhow::{Result, bail};

use crate::Status;
use crate::cli::SummaryArgs;
use crate::settings::Settings;

pub fn run(_args: &SummaryArgs, _settings: &Settings, _out: &mut dyn Write) -> Result<Status> {
    bail!("summary is not implemented yet")
}
