#![no_main]
//! `hookscope explain FILE POINTER` on arbitrary bytes as the file, with
//! pointers to the root, to a field, into arrays (an index, a `*`, past
//! the end) and with escapes, as text (colored or not) and JSON.

use hookscope::check::policy::Policy;
use hookscope::cli::Command;
use hookscope::render::explain::View;
use libfuzzer_sys::fuzz_target;

mod common;

const POINTERS: [&str; 7] = [
    "",
    "/id",
    "/content/id",
    "/talk_histories/0/type",
    "/talk_histories/*/type",
    "/content/tags/99/settings",
    "/a~1b/~0c/-/0",
];

fuzz_target!(|data: &[u8]| {
    for (i, pointer) in POINTERS.into_iter().enumerate() {
        let format = if i % 2 == 0 { "text" } else { "json" };
        let argv = ["explain", "fuzz.json", pointer, "--format", format];
        let Command::Explain(args) = common::command(&argv) else {
            return;
        };
        let settings = common::settings(i % 3 == 0, 40 + 30 * i);
        let view = View {
            color: settings.color,
            width: settings.width,
        };
        let process =
            match hookscope::cmd::explain::processor(&args, &settings, &view, Policy::default()) {
                Ok(process) => process,
                Err(err) => panic!("explain refused the target's own arguments: {err:#}"),
            };
        common::run(data, &process);
    }
});
