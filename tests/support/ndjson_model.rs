//! An NDJSON stream of valid and broken lines built from arbitrary bytes, and
//! the property the reader must keep on it: every valid payload is reported
//! exactly once, at its own label, and no two rows share a label. Shared by
//! the `framer` fuzz target and the property test in `tests/framing.rs`.

use std::collections::BTreeMap;
use std::io::{self, Read};

use hookscope::input::{self, Event, ReadOptions};
use hookscope::json::Extent;

/// A generated stream and what reading it must report.
#[derive(Debug)]
pub struct Stream {
    pub bytes: Vec<u8>,
    /// Valid payload `(line, index on the line)` to its label.
    pub expected: BTreeMap<(u64, u64), String>,
    /// Bytes handed out per read.
    pub chunk: usize,
    pub max_payload: u64,
}

/// Builds a stream from `data`: line 1 is valid (so the stream is NDJSON),
/// each further byte picks the kind of the next line.
pub fn build(data: &[u8]) -> Stream {
    let mut data = data.iter().copied();
    let mut next = move || data.next();
    let chunk = match next().unwrap_or(0) {
        0..=63 => 1 + usize::from(next().unwrap_or(0) % 16),
        _ => 1 << 20,
    };
    let max_payload = if next().unwrap_or(0) % 4 == 0 { 160 } else { 0 };
    let mut stream = Stream {
        bytes: Vec::new(),
        expected: BTreeMap::new(),
        chunk,
        max_payload,
    };
    let mut line = 1;
    stream.valid_line(line, "", 1, "\n");
    while let Some(op) = next() {
        line += 1;
        stream.line(line, op, &mut next);
    }
    stream
}

fn payload(line: u64, index: u64) -> String {
    format!(r#"{{"n":{line},"i":{index}}}"#)
}

impl Stream {
    fn line(&mut self, line: u64, op: u8, next: &mut impl FnMut() -> Option<u8>) {
        let arg = next().unwrap_or(0);
        match op % 12 {
            0 => self.valid_line(line, "", 1, ""),
            1 => self.valid_line(line, "\u{feff}", 1, ""),
            2 => self.valid_line(line, " \t", 1, " \r"),
            3 => self.array_line(line, 1 + u64::from(arg % 3), "]"),
            4 => self.array_line(line, 1 + u64::from(arg % 2), ","),
            5 => self.valid_line(line, "", 2 + u64::from(arg % 2), ""),
            6 => self.garbage(usize::from(arg), next),
            7 => {
                let whole = payload(line, 0);
                let cut = usize::from(arg) % whole.len();
                self.push(&whole[..cut]);
            }
            8 => {
                let whole = payload(line, 0);
                let cut = usize::from(arg) % whole.len();
                self.push("[");
                self.push(&whole[..cut]);
            }
            9 => self.push(
                ["[[[[", "[", "]", "}", "[1,", "\"\\", "{\"a\":[", "\u{feff}"]
                    [usize::from(arg % 8)],
            ),
            10 => self.push(["", "   ", "\r"][usize::from(arg % 3)]),
            _ => self.valid_line(line, "", 1, "\r"),
        }
        self.push("\n");
    }

    fn push(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// `count` valid payloads one after another, between `before` and
    /// `after`.
    fn valid_line(&mut self, line: u64, before: &str, count: u64, after: &str) {
        let line_start = self.line_start();
        self.push(before);
        for index in 0..count {
            self.expect(line, index, line_start);
            self.push(&payload(line, index));
        }
        self.push(after);
    }

    /// An array of `count` valid payloads, then `end` (`]`, or `,` to leave
    /// it open).
    fn array_line(&mut self, line: u64, count: u64, end: &str) {
        let line_start = self.line_start();
        self.push("[");
        for index in 0..count {
            if index > 0 {
                self.push(",");
            }
            self.expect(line, index, line_start);
            self.push(&payload(line, index));
        }
        self.push(end);
    }

    /// Arbitrary bytes without a newline or a `:` (so that no broken line
    /// holds a payload that parses as a valid one's object).
    fn garbage(&mut self, len: usize, next: &mut impl FnMut() -> Option<u8>) {
        for _ in 0..len {
            match next() {
                Some(b'\n' | b':') => self.bytes.push(b' '),
                Some(byte) => self.bytes.push(byte),
                None => break,
            }
        }
    }

    fn line_start(&self) -> usize {
        self.bytes.len()
    }

    /// The payload about to be pushed is `(line, index)`: the first on its
    /// line is labelled `fuzz:LINE`, a later one `fuzz:LINE:COLUMN`.
    fn expect(&mut self, line: u64, index: u64, line_start: usize) {
        let label = if index == 0 {
            format!("fuzz:{line}")
        } else {
            format!("fuzz:{line}:{}", self.bytes.len() - line_start + 1)
        };
        self.expected.insert((line, index), label);
    }
}

/// Hands out at most `chunk` bytes per read.
struct Trickle {
    bytes: Vec<u8>,
    at: usize,
    chunk: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.chunk.min(buf.len()).min(self.bytes.len() - self.at);
        buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Reads `stream` as hookscope does and panics where the property fails.
pub fn check(stream: &Stream) {
    let reader = Trickle {
        bytes: stream.bytes.clone(),
        at: 0,
        chunk: stream.chunk,
    };
    let options = ReadOptions {
        max_payload: stream.max_payload,
        ..ReadOptions::default()
    };
    let mut labels = BTreeMap::new();
    let mut found = BTreeMap::new();
    let mut last_line = 0;
    let result = input::read_reader("fuzz", Box::new(reader), options, |event| {
        let Event::Batch(batch) = event else {
            panic!("reading from memory cannot fail");
        };
        for payload in batch.payloads() {
            let label = payload.source.to_string();
            assert!(payload.source.line >= last_line, "{label} out of order");
            last_line = payload.source.line;
            let seen = labels.insert(label.clone(), ());
            assert!(seen.is_none(), "two rows labelled {label}");
            let Ok(doc) = payload.parse(Extent::Full) else {
                continue;
            };
            let root = doc.root();
            let (Some(n), Some(i)) = (root.get("n").as_i64(), root.get("i").as_i64()) else {
                continue;
            };
            let key = (n as u64, i as u64);
            let again = found.insert(key, label.clone());
            assert!(again.is_none(), "payload {key:?} reported twice");
        }
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
    for (key, label) in &stream.expected {
        assert_eq!(found.get(key), Some(label), "payload {key:?}");
    }
    assert_eq!(found.len(), stream.expected.len(), "unexpected payloads");
    check_lines(stream, &labels);
}

/// Read as `replay` reads (`lines`): the same payloads in the same order,
/// and every line sent whole holds its payloads, in order, on one line.
fn check_lines(stream: &Stream, labels: &BTreeMap<String, ()>) {
    let reader = Trickle {
        bytes: stream.bytes.clone(),
        at: 0,
        chunk: stream.chunk,
    };
    let options = ReadOptions {
        max_payload: stream.max_payload,
        lines: true,
        ..ReadOptions::default()
    };
    let mut seen = Vec::new();
    let result = input::read_reader("fuzz", Box::new(reader), options, |event| {
        let Event::Batch(batch) = event else {
            panic!("reading from memory cannot fail");
        };
        for unit in batch.units() {
            seen.extend(unit.payloads.iter().map(|p| p.source.to_string()));
            let Some(line) = unit.line else {
                assert_eq!(unit.payloads.len(), 1, "several payloads without a line");
                continue;
            };
            assert!(unit.payloads.len() > 1, "a line of one payload");
            assert!(!line.contains(&b'\n'), "a line with a newline");
            let mut rest = line;
            for payload in &unit.payloads {
                assert_eq!(payload.source.line, unit.payloads[0].source.line);
                // A value cut by the line's end holds the `\r` of a `\r\n`
                // the line is given without.
                let bytes = payload.bytes();
                let bytes = match std::ptr::eq(payload, unit.payloads.last().expect("payloads")) {
                    true => bytes.strip_suffix(b"\r").unwrap_or(bytes),
                    false => bytes,
                };
                let at = rest
                    .windows(bytes.len().max(1))
                    .position(|w| w == bytes)
                    .unwrap_or_else(|| {
                        panic!(
                            "{} is not on its line: {:?} in {:?} (chunk {})",
                            payload.source,
                            String::from_utf8_lossy(bytes),
                            String::from_utf8_lossy(line),
                            stream.chunk
                        )
                    });
                rest = &rest[at + bytes.len()..];
            }
        }
        Ok(())
    });
    assert!(result.is_ok(), "{result:?}");
    let all: Vec<&String> = labels.keys().collect();
    let mut sorted: Vec<&String> = seen.iter().collect();
    sorted.sort();
    assert_eq!(sorted, all, "grouping lines changed the payloads");
}
