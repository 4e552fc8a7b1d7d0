#![no_main]
//! `hookscope summary` as text (colored or not, narrow and wide, cut or
//! full) and as JSON, on arbitrary bytes.

use hookscope::cli::Command;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let runs: [(&[&str], bool, usize); 4] = [
        (&["summary"], false, 100),
        (&["summary", "--full"], true, 30),
        (&["summary", "--format", "json"], false, 80),
        (
            &["summary", "--section", "overview,messages,issues,timeline"],
            true,
            200,
        ),
    ];
    for (args, color, width) in runs {
        let Command::Summary(args) = common::command(args) else {
            return;
        };
        let process = hookscope::cmd::summary::processor(&args, &common::settings(color, width));
        common::run(data, &process);
    }
});
