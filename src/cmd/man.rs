//! `hookscope man`: the roff man page, from the clap model.

use std::io::Write;

use crate::Status;
use crate::cli::command;
use crate::provider::Registry;
use anyhow::Result;

pub fn run(registry: &Registry, out: &mut dyn Write) -> Result<Status> {
    clap_mangen::Man::new(command(registry)).render(out)?;
    Ok(Status::Ok)
}
