#![no_main]
//! `hookscope redact` on arbitrary bytes (gzip and UTF-16 decoded as a file
//! is), with a fixed salt and several `--text`, `--ids` and
//! `--shift-dates` combinations. Asserts properties, not only the absence
//! of a crash: the same salt gives the same bytes twice; and when every
//! payload parsed and was recognised (exit status 0), the output frames
//! into as many payloads, each parsing (where serde_json parses the input
//! payload) to the same shape: same keys in the same objects, same array
//! lengths, same scalar types.

use std::io::{Cursor, Read};
use std::sync::LazyLock;

use hookscope::Status;
use hookscope::cli::{Command, RedactArgs};
use hookscope::input::{Frame, Framer};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

mod common;

const FLAGS: [&[&str]; 4] = [
    &["redact", "--salt", "fuzz"],
    &["redact", "--salt", "fuzz", "--text", "mask", "--ids"],
    &[
        "redact",
        "--salt",
        "fuzz",
        "--text",
        "drop",
        "--shift-dates",
        "-30",
    ],
    &[
        "redact",
        "--salt",
        "fuzz",
        "--text",
        "keep",
        "--ids",
        "--shift-dates",
        "400",
    ],
];

/// [`FLAGS`] parsed once (clap's parse costs more than a small input).
static RUNS: LazyLock<Vec<RedactArgs>> = LazyLock::new(|| {
    FLAGS
        .iter()
        .map(|flags| match common::command(flags) {
            Command::Redact(args) => args,
            _ => panic!("not a redact command line: {flags:?}"),
        })
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let settings = common::settings(false, 80);
    for args in RUNS.iter() {
        let (status, first) = redact(args, &settings, data);
        let (again, second) = redact(args, &settings, data);
        assert_eq!(status, again, "same input, same salt: same status");
        assert!(first == second, "same input, same salt: same bytes");
        if status == Status::Ok {
            same_structure(&payloads(&decoded(data)), &payloads(&first));
        }
    }
});

fn redact(
    args: &RedactArgs,
    settings: &hookscope::settings::Settings,
    data: &[u8],
) -> (Status, Vec<u8>) {
    // A gzip header that does not decode fails the opening, as it fails
    // `open_input`: `redact` says so and exits with status 2.
    let Ok(input) = hookscope::input::decode(Box::new(Cursor::new(data.to_vec()))) else {
        return (Status::Trouble, Vec::new());
    };
    let mut out = Vec::new();
    let status = hookscope::cmd::redact::redact_reader(args, settings, "fuzz", input, &mut out)
        .expect("writing to a Vec does not fail");
    (status, out)
}

/// The input as `redact` reads it (gzip and UTF-16 decoded).
fn decoded(data: &[u8]) -> Vec<u8> {
    let (mut reader, _) = hookscope::input::decode(Box::new(Cursor::new(data.to_vec())))
        .expect("redact opened it (its status was 0)");
    let mut bytes = Vec::new();
    // A corrupt gzip stream ends what was read; redact reports it as
    // trouble (status 2), so the property is not checked then.
    let _ = reader.read_to_end(&mut bytes);
    bytes
}

/// The payloads framed from `bytes`; a broken frame has no place in an
/// input redact accepted whole, nor in its output.
fn payloads(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut framer = Framer::new(bytes);
    let mut out = Vec::new();
    while let Some(frame) = framer.next_frame() {
        match frame {
            Frame::Payload { range, .. } => out.push(framer.bytes(range).to_vec()),
            other => panic!("a broken frame in an accepted input or its output: {other:?}"),
        }
    }
    assert!(
        framer.take_error().is_none(),
        "reading a slice does not fail"
    );
    out
}

fn same_structure(input: &[Vec<u8>], output: &[Vec<u8>]) {
    assert_eq!(input.len(), output.len(), "as many payloads out as in");
    for (before, after) in input.iter().zip(output) {
        let Ok(before) = serde_json::from_slice::<Value>(before) else {
            continue;
        };
        let after: Value = match serde_json::from_slice(after) {
            Ok(after) => after,
            Err(err) => panic!(
                "a redacted payload is not JSON ({err}): {}",
                String::from_utf8_lossy(after)
            ),
        };
        assert!(
            same_shape(&before, &after),
            "shape changed:\n{before}\n{after}"
        );
    }
}

/// The same keys in the same objects, the same array lengths and the same
/// scalar types (the values themselves are what redact replaces).
fn same_shape(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same_shape(va, vb))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_shape(a, b))
        }
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}
