#![no_main]
//! `hookscope explain FILE POINTER` on arbitrary bytes as the file, with
//! pointers to the root, to a field, into arrays (an index, a `*`, past
//! the end) and with escapes, as text (colored or not) and JSON.

use std::sync::LazyLock;

use hookscope::check::policy::Policy;
use hookscope::cli::{Command, ExplainArgs};
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

/// Each pointer's command line, parsed once (clap's parse costs more than
/// a small input), in turn as text and JSON.
static RUNS: LazyLock<Vec<ExplainArgs>> = LazyLock::new(|| {
    let parse = |(i, pointer): (usize, &str)| {
        let format = if i % 2 == 0 { "text" } else { "json" };
        match common::command(&["explain", "fuzz.json", pointer, "--format", format]) {
            Command::Explain(args) => args,
            _ => panic!("not an explain command line"),
        }
    };
    POINTERS.into_iter().enumerate().map(parse).collect()
});

fuzz_target!(|data: &[u8]| {
    for (i, args) in RUNS.iter().enumerate() {
        let settings = common::settings(i % 3 == 0, 40 + 30 * i);
        let view = View {
            color: settings.color,
            width: settings.width,
        };
        let process =
            match hookscope::cmd::explain::processor(args, &settings, &view, Policy::default()) {
                Ok(process) => process,
                Err(err) => panic!("explain refused the target's own arguments: {err:#}"),
            };
        common::run(data, &process);
    }
});
