//! `hookscope man`: the roff man page, from the clap model.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;

use crate::Status;
use crate::cli::Cli;

pub fn run(out: &mut dyn Write) -> Result<Status> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Status::Ok)
}
