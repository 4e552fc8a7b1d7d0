//! Shared by the fuzz targets: frame arbitrary bytes as the reader does
//! (gzip when the magic bytes say so) and run a command's per-payload
//! processor over every payload, as `hookscope` would.

#![allow(dead_code, reason = "each target uses part of it")]

use std::io::Read;

use hookscope::cli::Command;
use hookscope::input::{Frame, Framer, Payload};
use hookscope::pipeline::{Output, Process, Tally};
use hookscope::provider::Registry;
use hookscope::settings::Settings;

/// At most this many payloads per input, to keep runs fast.
const MAX_PAYLOADS: usize = 64;

/// Calls `f` on every payload framed from `data`.
pub fn each_payload(data: &[u8], mut f: impl FnMut(&Payload<'_>)) {
    let reader: Box<dyn Read> = if data.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(data).take(1 << 20))
    } else {
        Box::new(data)
    };
    let mut framer = Framer::new(reader);
    let mut n = 0;
    while let Some(frame) = framer.next_frame() {
        if let Frame::Payload { range, .. } = frame {
            let bytes = framer.bytes(range).to_vec();
            f(&Payload::from_bytes("fuzz", &bytes));
        }
        n += 1;
        if n >= MAX_PAYLOADS {
            break;
        }
    }
    let _ = framer.take_error();
}

/// The command line `args` (after `hookscope`).
pub fn command(args: &[&str]) -> Command {
    let argv = std::iter::once("hookscope").chain(args.iter().copied());
    match hookscope::cli::parse_from(&Registry::builtin(), argv) {
        Ok(cli) => cli.command,
        Err(e) => panic!("fuzz target's own arguments are wrong: {e}"),
    }
}

pub fn settings(color: bool, width: usize) -> Settings {
    Settings {
        color,
        width,
        jobs: 1,
        registry: Registry::builtin(),
        provider: None,
        max_payload: hookscope::input::DEFAULT_MAX_PAYLOAD,
        recursive: false,
        extract: false,
    }
}

/// Runs `process` over every payload of `data`.
pub fn run(data: &[u8], process: &dyn Process) {
    let mut out = Output::default();
    let mut tally = Tally::default();
    each_payload(data, |payload| {
        process.process(payload, &mut out, &mut tally)
    });
}
