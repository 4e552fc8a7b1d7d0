//! The parse ceiling: a syntax-only serde_json pass over every payload of an
//! NDJSON corpus (deserializing into `IgnoredAny`), streamed line by line.
//! `benches/run.sh` runs it beside hookscope's commands.
//!
//! `cargo bench --bench syntax -- corpus.ndjson` prints `BYTES SECONDS`.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::time::Instant;

use serde::de::IgnoredAny;

fn main() {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        // Plain `cargo bench`: nothing to measure without a corpus.
        eprintln!(
            "syntax: no corpus given; run `bash benches/run.sh` for the whole benchmark, \
             or `cargo bench --bench syntax -- CORPUS.ndjson`"
        );
        return;
    };
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("syntax: {path}: {e}");
            std::process::exit(2);
        }
    };
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::new();
    let (mut bytes, mut bad) = (0u64, 0u64);
    let start = Instant::now();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(n) => bytes += n as u64,
            Err(e) => {
                eprintln!("syntax: {path}: {e}");
                std::process::exit(2);
            }
        }
        if serde_json::from_slice::<IgnoredAny>(&line).is_err() {
            bad += 1;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{bytes} {seconds:.6} {bad}");
}
