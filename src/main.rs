//! The `hookscope` binary: parse arguments, run, map the result to an exit
//! status. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = hookscope::cli::Cli::parse();
    match hookscope::run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) if hookscope::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hookscope: {err:#}");
            ExitCode::from(hookscope::Status::Trouble.code())
        }
    }
}
