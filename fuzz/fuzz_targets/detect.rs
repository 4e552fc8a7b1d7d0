#![no_main]
//! `hookscope detect` (text and JSON) on arbitrary bytes.

use hookscope::cli::Command;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    for format in ["text", "json"] {
        let Command::Detect(args) = common::command(&["detect", "--format", format]) else {
            return;
        };
        let process = hookscope::cmd::detect::processor(&args, &common::settings(false, 80));
        common::run(data, &process);
    }
});
