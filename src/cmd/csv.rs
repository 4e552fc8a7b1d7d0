//! `hookscope csv`: rows of one entity (not yet built).

use std::io::Write;

use anyhow::{Result, bail};

use crate::Status;
use crate::cli::CsvArgs;
use crate::settings::Settings;

pub fn run(_args: &CsvArgs, _settings: &Settings, _out: &mut dyn Write) -> Result<Status> {
    bail!("csv is not implemented yet")
}
