//! hookscope: inspect, validate and flatten NuVidio and PipeRun CXM webhook
//! payloads.
//!
//! The layout follows the data: [`input`] reads and frames payloads, [`json`]
//! parses one into a flat borrowed document, [`detect`] recognises it,
//! [`schema`] is the language of the provider descriptions in [`provider`],
//! [`check`] validates against them; [`cmd`] holds one thin module per
//! subcommand and [`render`] the output formats.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod detect;
pub mod diagnostics;
pub mod explain;
pub mod html;
pub mod input;
pub mod json;
pub mod json_schema;
pub mod live;
pub mod pipeline;
pub mod provider;
pub mod redact;
pub mod render;
pub mod rows;
pub mod schema;
pub mod settings;
pub mod summary;
pub mod text;
pub mod values;

use std::io;

use anyhow::{Context, Result};

use cli::{Cli, Command};
use provider::Registry;
use settings::Settings;

/// The exit status, as grep does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every payload is fine.
    Ok,
    /// At least one payload is bad.
    Bad,
    /// Usage error, unreadable input.
    Trouble,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Bad => 1,
            Status::Trouble => 2,
        }
    }

    /// The status of a finished run.
    pub fn of(outcome: &pipeline::Outcome) -> Self {
        if outcome.trouble {
            Status::Trouble
        } else if outcome.tally.bad > 0 {
            Status::Bad
        } else {
            Status::Ok
        }
    }
}

/// Runs a command line parsed with [`cli::parse_from`] over `registry`,
/// writing to stdout. A reader that closes the output early ends the run
/// quietly with the status of what was seen until then.
pub fn run(cli: Cli, registry: Registry) -> Result<Status> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(128 * 1024, stdout.lock());
    let status = run_to(&cli, registry, &mut out)?;
    let flushed = io::Write::flush(&mut out).context("cannot write the output");
    keep_status(status, flushed)
}

/// Runs a parsed command line over `registry`, writing to `out` (the
/// library's entry point for another provider list, such as a test's).
pub fn run_to(cli: &Cli, registry: Registry, out: &mut dyn io::Write) -> Result<Status> {
    let settings = Settings::resolve(&cli.global, registry);
    Ok(match &cli.command {
        Command::Detect(args) => cmd::detect::run(args, &settings, out)?,
        Command::Check(args) => cmd::check::run(args, &settings, out)?,
        Command::Summary(args) => cmd::summary::run(args, &settings, out)?,
        Command::Csv(args) => cmd::csv::run(args, &settings, out)?,
        Command::Listen(args) => cmd::listen::run(args, &settings, out)?,
        Command::Replay(args) => cmd::replay::run(args, &settings, out)?,
        Command::Explain(args) => cmd::explain::run(args, &settings, out)?,
        Command::Schema(args) => cmd::schema::run(args, &registry, out)?,
        Command::Redact(args) => cmd::redact::run(args, &settings, out)?,
        Command::Completions(args) => cmd::completions::run(args, &registry, out)?,
        Command::Man(args) => cmd::man::run(args, &registry, out)?,
    })
}

/// The status a command earned, kept when the reader closes the pipe while
/// the last of the output is written (buffered data, totals, a closing
/// tag): a closed pipe ends the output, not the count.
pub(crate) fn keep_status(status: Status, written: Result<()>) -> Result<Status> {
    match written {
        Err(err) if is_broken_pipe(&err) => Ok(status),
        Err(err) => Err(err),
        Ok(()) => Ok(status),
    }
}

/// Prints what clap made of a command line it will not run: help and
/// version on stdout (checked: a full disk is trouble, a closed pipe a
/// quiet end), usage errors on stderr through the diagnostic writer (they
/// quote the arguments, which may be hostile file names); returns the
/// status.
pub fn report_parse(err: &clap::Error) -> Status {
    if err.use_stderr() {
        diagnostics::write(&err.render().to_string());
        return Status::Trouble;
    }
    let printed = err
        .print()
        .and_then(|()| io::Write::flush(&mut io::stdout()))
        .with_context(|| match err.kind() {
            clap::error::ErrorKind::DisplayVersion => "cannot write the version",
            _ => "cannot write the help",
        });
    match printed {
        Ok(()) => Status::Ok,
        Err(err) if is_broken_pipe(&err) => Status::Ok,
        Err(err) => {
            diagnostics::error(&err);
            Status::Trouble
        }
    }
}

/// Whether an error comes from writing to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
