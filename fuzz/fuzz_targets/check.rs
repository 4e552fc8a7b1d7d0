#![no_main]
//! `hookscope check` in every format, strict or not, on arbitrary bytes.

use hookscope::cli::Command;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    for format in ["text", "json", "github", "junit"] {
        for strict in [false, true] {
            let mut args = vec!["check", "--format", format];
            if strict {
                args.push("--strict");
            }
            let Command::Check(args) = common::command(&args) else {
                return;
            };
            let settings = common::settings(true, 80);
            let process = hookscope::cmd::check::processor(
                &args,
                &settings,
                hookscope::cmd::check::Verdicts::default(),
            );
            common::run(data, &process);
        }
    }
});
