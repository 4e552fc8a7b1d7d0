//! The payload reader every command uses: files or stdin, gzip detected by
//! its magic bytes, a UTF-8 BOM skipped, NDJSON / concatenated / array
//! streams split into payloads labelled `PATH:LINE`, handed out in batches
//! so that they can be processed in parallel and written in input order.

mod frame;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::ops::Range;
use std::sync::Arc;

use anyhow::{Context, Result};
use flate2::bufread::MultiGzDecoder;

pub use frame::{Frame, Framer};

use crate::json::{self, Doc, Extent};
use crate::text::Escaped;

/// The name used for standard input in source labels.
pub const STDIN: &str = "-";

/// Payload bytes gathered before a batch is handed on.
const BATCH_BYTES: usize = 1 << 20;

/// Where a payload comes from: the input as named on the command line and
/// the line (and column) where the payload starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    pub input: &'a str,
    pub line: u64,
    pub column: u64,
}

impl Source<'_> {
    /// `PATH:LINE` exactly as named, for the data formats (JSON, CSV, JUnit);
    /// [`Display`](fmt::Display) shows it escaped, for text and diagnostics.
    pub fn label(&self) -> String {
        format!("{}:{}", self.input, self.line)
    }
}

/// `PATH:LINE` with the path escaped ([`crate::text::escape_control`]): a
/// file name cannot act on a terminal or split a TSV row.
impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", Escaped(self.input), self.line)
    }
}

/// A payload that could not be parsed, with its absolute position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// One payload as read, not yet parsed.
#[derive(Debug, Clone, Copy)]
pub struct Payload<'a> {
    pub source: Source<'a>,
    body: Body<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Body<'a> {
    Bytes(&'a [u8]),
    Broken(&'a str),
}

impl<'a> Payload<'a> {
    /// A payload over `bytes` (for tests and fuzzing).
    pub fn from_bytes(input: &'a str, bytes: &'a [u8]) -> Self {
        Payload {
            source: Source {
                input,
                line: 1,
                column: 1,
            },
            body: Body::Bytes(bytes),
        }
    }

    /// The payload bytes as read (empty for a framing error).
    pub fn bytes(&self) -> &'a [u8] {
        match self.body {
            Body::Bytes(bytes) => bytes,
            Body::Broken(_) => &[],
        }
    }

    /// Validates UTF-8 (everywhere, skipped strings included) and parses.
    pub fn parse(&self, extent: Extent) -> Result<Doc<'a>, PayloadError> {
        let bytes = match self.body {
            Body::Bytes(bytes) => bytes,
            Body::Broken(message) => {
                return Err(PayloadError {
                    line: self.source.line,
                    column: self.source.column,
                    message: message.to_string(),
                });
            }
        };
        let text = std::str::from_utf8(bytes).map_err(|e| self.utf8_error(bytes, e))?;
        json::parse(text, extent)
            .map_err(|e| self.absolute(e.line as u64, e.column as u64, e.message))
    }

    fn utf8_error(&self, bytes: &[u8], err: std::str::Utf8Error) -> PayloadError {
        let at = err.valid_up_to();
        let before = &bytes[..at];
        let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let column = (at - line_start) as u64 + 1;
        let message = format!("invalid UTF-8 (byte 0x{:02X})", bytes[at]);
        self.absolute(line, column, message)
    }

    /// Turns a position inside the payload into one inside the input.
    fn absolute(&self, line: u64, column: u64, message: String) -> PayloadError {
        let line = line.max(1);
        // serde_json reports column 0 for an error right after a newline.
        let column = column.max(1);
        let column = if line == 1 {
            self.source.column + column - 1
        } else {
            column
        };
        PayloadError {
            line: self.source.line + line - 1,
            column,
            message,
        }
    }
}

/// Payloads of one input, stored back to back.
#[derive(Debug)]
pub struct Batch {
    pub input: Arc<str>,
    data: Vec<u8>,
    items: Vec<Item>,
    messages: Vec<String>,
}

#[derive(Debug)]
struct Item {
    line: u64,
    column: u64,
    body: ItemBody,
}

#[derive(Debug)]
enum ItemBody {
    Bytes(Range<usize>),
    Broken(usize),
}

impl Batch {
    fn new(input: Arc<str>) -> Self {
        Batch {
            input,
            data: Vec::new(),
            items: Vec::new(),
            messages: Vec::new(),
        }
    }

    /// Number of payloads.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the batch holds no payload.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The payloads in input order.
    pub fn payloads(&self) -> impl Iterator<Item = Payload<'_>> {
        self.items.iter().map(|item| Payload {
            source: Source {
                input: &self.input,
                line: item.line,
                column: item.column,
            },
            body: match &item.body {
                ItemBody::Bytes(range) => Body::Bytes(&self.data[range.clone()]),
                ItemBody::Broken(i) => Body::Broken(&self.messages[*i]),
            },
        })
    }

    fn push(&mut self, frame: Frame, bytes: &[u8]) {
        let item = match frame {
            Frame::Payload { line, column, .. } => {
                let start = self.data.len();
                self.data.extend_from_slice(bytes);
                Item {
                    line,
                    column,
                    body: ItemBody::Bytes(start..self.data.len()),
                }
            }
            Frame::Broken {
                line,
                column,
                message,
            } => {
                self.messages.push(message);
                Item {
                    line,
                    column,
                    body: ItemBody::Broken(self.messages.len() - 1),
                }
            }
        };
        self.items.push(item);
    }
}

/// What reading the inputs yields, in order.
#[derive(Debug)]
pub enum Event {
    Batch(Batch),
    /// An input could not be opened or read to its end; the payloads read
    /// before the failure came in earlier batches.
    Trouble(anyhow::Error),
}

/// Reads every input in turn and hands out batches of payloads.
pub fn read_all(inputs: &[String], mut sink: impl FnMut(Event) -> Result<()>) -> Result<()> {
    let default = [STDIN.to_string()];
    let inputs = if inputs.is_empty() {
        &default[..]
    } else {
        inputs
    };
    for name in inputs {
        let name: Arc<str> = Arc::from(name.as_str());
        match open(&name) {
            Ok((reader, gzip)) => read_one(name, reader, gzip, &mut sink)?,
            Err(err) => sink(Event::Trouble(err))?,
        }
    }
    Ok(())
}

fn read_one(
    name: Arc<str>,
    reader: Box<dyn Read + Send>,
    gzip: bool,
    sink: &mut impl FnMut(Event) -> Result<()>,
) -> Result<()> {
    let mut framer = Framer::new(reader);
    let mut batch = Batch::new(name.clone());
    while let Some(frame) = framer.next_frame() {
        let bytes = match &frame {
            Frame::Payload { range, .. } => framer.bytes(range.clone()),
            Frame::Broken { .. } => &[],
        };
        batch.push(frame, bytes);
        if batch.data.len() >= BATCH_BYTES || batch.items.len() >= 4096 {
            sink(Event::Batch(std::mem::replace(
                &mut batch,
                Batch::new(name.clone()),
            )))?;
        }
    }
    if !batch.is_empty() {
        sink(Event::Batch(batch))?;
    }
    if let Some(err) = framer.take_error() {
        let what = if gzip {
            format!(
                "{}: gzip data is truncated or corrupt; payloads before it were read",
                Escaped(&name)
            )
        } else {
            format!(
                "{}: read failed; payloads before the failure were read",
                Escaped(&name)
            )
        };
        let err = anyhow::Error::new(err).context(what);
        sink(Event::Trouble(err))?;
    }
    Ok(())
}

/// What hookscope says when it reads a payload from a terminal.
pub const TERMINAL_HINT: &str =
    "hookscope: reading a payload from the terminal; paste it and press Ctrl-D, or pass a file";

/// Opens a file or stdin, decompressing gzip when the magic bytes say so;
/// also tells whether the input is gzip.
fn open(name: &str) -> Result<(Box<dyn Read + Send>, bool)> {
    let raw: Box<dyn Read + Send> = if name == STDIN {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            crate::diagnostics::line(TERMINAL_HINT);
        }
        Box::new(stdin)
    } else {
        Box::new(File::open(name).with_context(|| format!("{}: cannot open", Escaped(name)))?)
    };
    let mut buffered = BufReader::with_capacity(64 * 1024, raw);
    let head = buffered
        .fill_buf()
        .with_context(|| format!("{}: cannot read", Escaped(name)))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok((Box::new(MultiGzDecoder::new(buffered)), true))
    } else {
        Ok((Box::new(buffered), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_absolute() {
        let mut batch = Batch::new(Arc::from("x"));
        batch.push(
            Frame::Payload {
                line: 3,
                column: 5,
                range: 0..0,
            },
            b"{\"a\": tru}",
        );
        let payload = batch.payloads().next().expect("one payload");
        let err = payload.parse(Extent::Full).expect_err("broken");
        assert_eq!((err.line, err.column), (3, 5 + 9));
        assert_eq!(payload.source.to_string(), "x:3");
    }

    #[test]
    fn invalid_utf8_in_a_skipped_string_is_found() {
        let payload = Payload::from_bytes("x", b"{\"a\":\n \"\xff\"}");
        let err = payload.parse(Extent::Detect).expect_err("bad utf-8");
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("invalid UTF-8"));
    }
}
