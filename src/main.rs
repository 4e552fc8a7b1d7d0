//! The `hookscope` binary: parse arguments, run, map the result to an exit
//! status. Everything else lives in the library.

use std::process::ExitCode;

use hookscope::provider::Registry;
use hookscope::{Status, diagnostics};

fn main() -> ExitCode {
    let registry = Registry::builtin();
    let cli = match hookscope::cli::parse_from(&registry, std::env::args_os()) {
        Ok(cli) => cli,
        Err(err) => return ExitCode::from(hookscope::report_parse(&err).code()),
    };
    match hookscope::run(cli, registry) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) if hookscope::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            diagnostics::error(&err);
            ExitCode::from(Status::Trouble.code())
        }
    }
}
