#![no_main]
//! `hookscope csv` for every entity, as CSV and JSON Lines, on arbitrary
//! bytes.

use hookscope::cli::Command;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    for entity in hookscope::provider::Registry::builtin().entities() {
        let entity = entity.table.name;
        for format in ["csv", "jsonl"] {
            let args = [
                "csv",
                "--formula-guard",
                "--format",
                format,
                "--rows",
                entity,
            ];
            let Command::Csv(args) = common::command(&args) else {
                return;
            };
            if let Ok((_, _, process)) =
                hookscope::cmd::csv::processor(&args, &common::settings(false, 80))
            {
                common::run(data, &process);
            }
        }
    }
});
