//! The payload reader every command uses: files or stdin, gzip detected by
//! its magic bytes, a UTF-8 BOM skipped, UTF-16 (with or without a BOM)
//! transcoded to UTF-8, NDJSON / concatenated / array
//! streams split into payloads labelled `PATH:LINE` (`PATH:LINE:COLUMN` for
//! a later payload on the same line), handed out in batches so that they can
//! be processed in parallel and written in input order.

mod folder;
mod frame;
mod utf16;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Read};
use std::ops::Range;
use std::sync::Arc;

use anyhow::{Context, Result};
use flate2::bufread::MultiGzDecoder;

pub use folder::expand;
pub use frame::{DEFAULT_MAX_PAYLOAD, Frame, Framer, Place};

use crate::json::{self, Doc, Extent};
use crate::text::Escaped;

/// The name used for standard input in source labels.
pub const STDIN: &str = "-";

/// Payload bytes gathered before a batch is handed on; a payload this large
/// is handed on in a batch of its own, moved out of the framer uncopied.
const BATCH_BYTES: usize = 1 << 20;
/// Payloads gathered before a batch is handed on.
const BATCH_ITEMS: usize = 4096;

/// Where a payload comes from: the input as named on the command line and
/// the line (and column) where the payload starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source<'a> {
    pub input: &'a str,
    pub line: u64,
    pub column: u64,
    /// An earlier payload starts on the same line: the label needs the
    /// column to be its own.
    pub shares_line: bool,
}

impl Source<'_> {
    /// `PATH:LINE` exactly as named, for the data formats (JSON, CSV, JUnit);
    /// [`Display`](fmt::Display) shows it escaped, for text and diagnostics.
    pub fn label(&self) -> String {
        if self.shares_line {
            format!("{}:{}:{}", self.input, self.line, self.column)
        } else {
            format!("{}:{}", self.input, self.line)
        }
    }
}

/// `PATH:LINE` with the path escaped ([`crate::text::escape_control`]): a
/// file name cannot act on a terminal or split a TSV row.
impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", Escaped(self.input), self.line)?;
        if self.shares_line {
            write!(f, ":{}", self.column)?;
        }
        Ok(())
    }
}

/// Why a payload could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not valid JSON (or not UTF-8), or not framed as a value.
    Syntax,
    /// Longer than `--max-payload`; skipped unread.
    TooLarge,
}

/// A payload that could not be parsed, with its absolute position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    pub kind: ErrorKind,
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
    Broken(ErrorKind, &'a str),
}

impl<'a> Payload<'a> {
    /// A payload over `bytes` (for tests and fuzzing).
    pub fn from_bytes(input: &'a str, bytes: &'a [u8]) -> Self {
        Payload {
            source: Source {
                input,
                line: 1,
                column: 1,
                shares_line: false,
            },
            body: Body::Bytes(bytes),
        }
    }

    /// The payload bytes as read (empty for a framing error).
    pub fn bytes(&self) -> &'a [u8] {
        match self.body {
            Body::Bytes(bytes) => bytes,
            Body::Broken(..) => &[],
        }
    }

    /// Validates UTF-8 (everywhere, skipped strings included) and parses.
    pub fn parse(&self, extent: Extent) -> Result<Doc<'a>, PayloadError> {
        let bytes = match self.body {
            Body::Bytes(bytes) => bytes,
            Body::Broken(kind, message) => {
                return Err(PayloadError {
                    kind,
                    line: self.source.line,
                    column: self.source.column,
                    message: message.to_string(),
                });
            }
        };
        let text = std::str::from_utf8(bytes).map_err(|e| self.utf8_error(bytes, e))?;
        json::parse(text, extent).map_err(|e| {
            let message = match e.opened {
                Some((line, column)) => {
                    let (line, column) = self.absolute_place(line as u64, column as u64);
                    json::unclosed(&e.message, line, column)
                }
                None => e.message,
            };
            self.absolute(e.line as u64, e.column as u64, message)
        })
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
        let (line, column) = self.absolute_place(line, column);
        PayloadError {
            kind: ErrorKind::Syntax,
            line,
            column,
            message,
        }
    }

    /// A line and column inside the payload as line and column in the input.
    fn absolute_place(&self, line: u64, column: u64) -> (u64, u64) {
        let line = line.max(1);
        // serde_json reports column 0 for an error right after a newline.
        let column = column.max(1);
        let column = if line == 1 {
            self.source.column + column - 1
        } else {
            column
        };
        (self.source.line + line - 1, column)
    }
}

/// Payloads of one input, stored back to back.
#[derive(Debug)]
pub struct Batch {
    pub input: Arc<str>,
    data: Vec<u8>,
    items: Vec<Item>,
    messages: Vec<String>,
    /// With [`ReadOptions::lines`]: NDJSON lines of several payloads.
    lines: Vec<LineItems>,
}

/// An NDJSON line holding several payloads: `items[items]`, and the
/// line's bytes as read at `data[bytes]`.
#[derive(Debug)]
struct LineItems {
    items: Range<usize>,
    bytes: Range<usize>,
}

/// What `replay` sends as one request: a payload, or an NDJSON line of
/// several payloads (several values, or an array) with its bytes as read.
#[derive(Debug)]
pub struct Unit<'a> {
    /// The payloads in it, in input order (at least one).
    pub payloads: Vec<Payload<'a>>,
    /// The whole line's bytes (without its terminator) when it holds
    /// several payloads; `None` for a payload on its own.
    pub line: Option<&'a [u8]>,
}

#[derive(Debug)]
struct Item {
    place: Place,
    body: ItemBody,
}

#[derive(Debug)]
enum ItemBody {
    Bytes(Range<usize>),
    Broken(ErrorKind, usize),
}

impl Batch {
    fn new(input: Arc<str>) -> Self {
        Batch {
            input,
            data: Vec::new(),
            items: Vec::new(),
            messages: Vec::new(),
            lines: Vec::new(),
        }
    }

    /// The payloads grouped as `replay` sends them ([`Unit`]): a line of
    /// several payloads is one unit when the input was read with
    /// [`ReadOptions::lines`]; every other payload is a unit of its own.
    pub fn units(&self) -> impl Iterator<Item = Unit<'_>> {
        let mut payloads = self.payloads();
        let mut lines = self.lines.iter().peekable();
        let mut at = 0;
        std::iter::from_fn(move || {
            let line = lines.next_if(|line| line.items.start == at);
            let count = line.map_or(1, |line| line.items.len());
            let unit: Vec<_> = payloads.by_ref().take(count).collect();
            at += unit.len();
            (!unit.is_empty()).then(|| Unit {
                payloads: unit,
                line: line.map(|line| &self.data[line.bytes.clone()]),
            })
        })
    }

    /// Records that the payloads from item `first` on are one NDJSON line
    /// whose bytes are `bytes`.
    fn push_line(&mut self, first: usize, bytes: &[u8]) {
        let start = self.data.len();
        self.data.extend_from_slice(bytes);
        self.lines.push(LineItems {
            items: first..self.items.len(),
            bytes: start..self.data.len(),
        });
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
                line: item.place.line,
                column: item.place.column,
                shares_line: item.place.shares_line,
            },
            body: match &item.body {
                ItemBody::Bytes(range) => Body::Bytes(&self.data[range.clone()]),
                ItemBody::Broken(kind, i) => Body::Broken(*kind, &self.messages[*i]),
            },
        })
    }

    /// A batch of one payload, `data[range]`, moved in without a copy.
    fn single(input: Arc<str>, place: Place, data: Vec<u8>, range: Range<usize>) -> Self {
        Batch {
            input,
            data,
            items: vec![Item {
                place,
                body: ItemBody::Bytes(range),
            }],
            messages: Vec::new(),
            lines: Vec::new(),
        }
    }

    fn push(&mut self, frame: Frame, bytes: &[u8]) {
        let place = frame.place();
        let body = match frame {
            Frame::Payload { .. } => {
                let start = self.data.len();
                self.data.extend_from_slice(bytes);
                ItemBody::Bytes(start..self.data.len())
            }
            Frame::Broken { message, .. } => self.message(ErrorKind::Syntax, message),
            Frame::TooLarge { limit, .. } => {
                let message = format!(
                    "payload larger than --max-payload {}; skipped",
                    show_size(limit)
                );
                self.message(ErrorKind::TooLarge, message)
            }
        };
        self.items.push(Item { place, body });
    }

    fn message(&mut self, kind: ErrorKind, message: String) -> ItemBody {
        self.messages.push(message);
        ItemBody::Broken(kind, self.messages.len() - 1)
    }

    fn is_full(&self) -> bool {
        self.data.len() >= BATCH_BYTES || self.items.len() >= BATCH_ITEMS
    }
}

/// `256 MiB`, `1 GiB`, `1000 bytes`: a size as `--max-payload` takes it.
fn show_size(bytes: u64) -> String {
    let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    match units.iter().find(|(unit, _)| bytes % unit == 0) {
        Some((unit, name)) => format!("{} {name}", bytes / unit),
        None => format!("{bytes} bytes"),
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Payloads longer than this many bytes are reported and skipped (`0`:
    /// no limit).
    pub max_payload: u64,
    /// Folders stand for the payload files inside them.
    pub recursive: bool,
    /// `--extract`: read the JSON on lines of text (log lines).
    pub extract: bool,
    /// Group the payloads of an NDJSON line that holds several into one
    /// [`Unit`] with the line's bytes ([`Batch::units`]), as `replay` sends
    /// them: `listen --save` writes one hook per line.
    pub lines: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_payload: DEFAULT_MAX_PAYLOAD,
            recursive: false,
            extract: false,
            lines: false,
        }
    }
}

/// What reading the inputs yields, in order.
#[derive(Debug)]
pub enum Event {
    Batch(Batch),
    /// An input could not be opened or read to its end; the payloads read
    /// before the failure came in earlier batches.
    Trouble {
        input: Arc<str>,
        error: anyhow::Error,
    },
}

/// Reads every input in turn and hands out batches of payloads.
pub fn read_all(
    inputs: &[String],
    options: ReadOptions,
    mut sink: impl FnMut(Event) -> Result<()>,
) -> Result<()> {
    let default = [STDIN.to_string()];
    let inputs = if inputs.is_empty() {
        &default[..]
    } else {
        inputs
    };
    for given in inputs {
        let files = match folder::expand(given, options.recursive) {
            Ok(files) => files,
            Err(error) => {
                let input = Arc::from(given.as_str());
                sink(Event::Trouble { input, error })?;
                continue;
            }
        };
        for name in files {
            let name: Arc<str> = Arc::from(name.as_str());
            match open(&name) {
                Ok((reader, gzip)) => read_one(name, reader, gzip, options, &mut sink)?,
                Err(error) => sink(Event::Trouble { input: name, error })?,
            }
        }
    }
    Ok(())
}

/// Reads one open input named `name` (not decompressed), as [`read_all`]
/// reads each input: for tests and fuzzing.
pub fn read_reader(
    name: &str,
    reader: Box<dyn Read + Send>,
    options: ReadOptions,
    mut sink: impl FnMut(Event) -> Result<()>,
) -> Result<()> {
    read_one(Arc::from(name), reader, false, options, &mut sink)
}

fn read_one(
    name: Arc<str>,
    reader: Box<dyn Read + Send>,
    gzip: bool,
    options: ReadOptions,
    sink: &mut impl FnMut(Event) -> Result<()>,
) -> Result<()> {
    let mut framer = Framer::with_max_payload(reader, options.max_payload)
        .extracting(options.extract)
        .keeping_lines(options.lines);
    let mut batch = Batch::new(name.clone());
    let mut open: Option<OpenLine> = None;
    while let Some(frame) = framer.next_frame() {
        if options.lines {
            open = group_line(open, &frame, &framer, &mut batch);
            // A line's payloads stay in one batch: handed on between lines.
            if batch.is_full() && open.is_some_and(|line| line.first == batch.items.len()) {
                hand_on(&mut batch, sink)?;
                if let Some(line) = &mut open {
                    line.first = 0;
                }
            }
        }
        match frame {
            Frame::Payload { place, range } if range.len() >= BATCH_BYTES && !options.lines => {
                hand_on(&mut batch, sink)?;
                let data = framer.take_bytes(range.clone());
                sink(Event::Batch(Batch::single(
                    name.clone(),
                    place,
                    data,
                    range,
                )))?;
            }
            Frame::Payload { ref range, .. } => {
                let bytes = framer.bytes(range.clone());
                batch.push(frame.clone(), bytes);
            }
            // Reported at once: the rest of it may take long to skip.
            Frame::TooLarge { .. } => {
                batch.push(frame, &[]);
                hand_on(&mut batch, sink)?;
            }
            Frame::Broken { .. } => batch.push(frame, &[]),
        }
        if batch.is_full() && !options.lines {
            hand_on(&mut batch, sink)?;
        }
    }
    if let Some(line) = open {
        close_line(line, &framer, &mut batch);
    }
    hand_on(&mut batch, sink)?;
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
        let error = anyhow::Error::new(err).context(what);
        sink(Event::Trouble { input: name, error })?;
    }
    Ok(())
}

/// The frames of the line being read ([`ReadOptions::lines`]): the
/// line's offset, the batch index of its first frame, its payloads, and
/// whether something on it is broken.
#[derive(Debug, Clone, Copy)]
struct OpenLine {
    offset: u64,
    first: usize,
    count: usize,
    broken: bool,
}

/// Before `frame` is pushed: adds it to the open line when it starts on
/// that line, or closes that line and opens the frame's own. A line with
/// something broken on it (an unterminated array, a missing `,`) is not
/// grouped: its payloads go on their own, as they always have.
fn group_line<R: Read>(
    open: Option<OpenLine>,
    frame: &Frame,
    framer: &Framer<R>,
    batch: &mut Batch,
) -> Option<OpenLine> {
    let offset = framer.line_offset();
    let payload = matches!(frame, Frame::Payload { .. });
    if let Some(mut line) = open.filter(|line| line.offset == offset) {
        line.count += usize::from(payload);
        line.broken |= !payload;
        return Some(line);
    }
    if let Some(line) = open {
        close_line(line, framer, batch);
    }
    Some(OpenLine {
        offset,
        first: batch.items.len(),
        count: usize::from(payload),
        broken: !payload,
    })
}

/// Records a line of several payloads of an NDJSON stream as one unit.
fn close_line<R: Read>(line: OpenLine, framer: &Framer<R>, batch: &mut Batch) {
    if line.count < 2 || line.broken || !framer.is_ndjson() {
        return;
    }
    if let Some(bytes) = framer.line_bytes(line.offset) {
        batch.push_line(line.first, bytes);
    }
}

/// Hands on the batch gathered so far, if it holds anything.
fn hand_on(batch: &mut Batch, sink: &mut impl FnMut(Event) -> Result<()>) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let full = std::mem::replace(batch, Batch::new(batch.input.clone()));
    sink(Event::Batch(full))
}

/// What hookscope says when it reads a payload from a terminal.
pub const TERMINAL_HINT: &str =
    "hookscope: reading a payload from the terminal; paste it and press Ctrl-D, or pass a file";

/// Opens an input as the other commands read it (stdin for `-`, gzip
/// decompressed, UTF-16 transcoded to UTF-8); also tells whether it is
/// gzip. For `redact`, which frames it itself to keep the bytes between
/// payloads.
pub fn open_input(name: &str) -> Result<(Box<dyn Read + Send>, bool)> {
    open(name)
}

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
    decode(raw).with_context(|| format!("{}: cannot read", Escaped(name)))
}

/// `raw` as the commands read an input: gzip decompressed, UTF-16
/// transcoded to UTF-8; also tells whether it is gzip. [`open_input`]'s
/// decoding, for a reader that is not a file (the fuzz targets' bytes).
pub fn decode(raw: Box<dyn Read + Send>) -> io::Result<(Box<dyn Read + Send>, bool)> {
    let (reader, gzip) = sniff_gzip(raw)?;
    Ok((sniff_utf16(reader)?, gzip))
}

/// Transcodes `raw` to UTF-8 when its first two bytes show UTF-16 (a BOM,
/// or an ASCII character beside a zero byte); a BOM is dropped.
fn sniff_utf16(mut raw: Box<dyn Read + Send>) -> io::Result<Box<dyn Read + Send>> {
    let mut head = Vec::with_capacity(2);
    (&mut raw).take(2).read_to_end(&mut head)?;
    match utf16::sniff(&head) {
        Some((order, true)) => Ok(Box::new(utf16::Utf16Reader::new(raw, order))),
        Some((order, false)) => Ok(Box::new(utf16::Utf16Reader::new(
            io::Cursor::new(head).chain(raw),
            order,
        ))),
        None => Ok(Box::new(io::Cursor::new(head).chain(raw))),
    }
}

/// Decompresses `raw` when it starts with gzip's magic bytes. Waits for
/// both bytes (or the end of input): a pipe may deliver them one at a time.
fn sniff_gzip(mut raw: Box<dyn Read + Send>) -> io::Result<(Box<dyn Read + Send>, bool)> {
    let mut head = Vec::with_capacity(2);
    (&mut raw).take(2).read_to_end(&mut head)?;
    let gzip = head == [0x1f, 0x8b];
    let whole = io::Cursor::new(head).chain(raw);
    if gzip {
        let buffered = BufReader::with_capacity(64 * 1024, whole);
        Ok((Box::new(MultiGzDecoder::new(buffered)), true))
    } else {
        Ok((Box::new(whole), false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `chunk` bytes at a time, so that the framer
    /// compacts its buffer between the payloads of a line.
    struct Chunks {
        bytes: Vec<u8>,
        at: usize,
        chunk: usize,
    }

    impl Read for Chunks {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// Every unit read with `lines`: its first payload's label, its
    /// payload count and its line's bytes.
    fn units(text: &[u8], chunk: usize, lines: bool) -> Vec<(String, usize, Option<String>)> {
        let reader = Chunks {
            bytes: text.to_vec(),
            at: 0,
            chunk,
        };
        let options = ReadOptions {
            lines,
            ..ReadOptions::default()
        };
        let mut found = Vec::new();
        read_reader("x", Box::new(reader), options, |event| {
            let Event::Batch(batch) = event else {
                panic!("reading from memory cannot fail")
            };
            for unit in batch.units() {
                let line = unit.line.map(|b| String::from_utf8_lossy(b).into_owned());
                found.push((unit.payloads[0].source.label(), unit.payloads.len(), line));
            }
            Ok(())
        })
        .expect("reads");
        found
    }

    fn one(label: &str) -> (String, usize, Option<String>) {
        (label.to_string(), 1, None)
    }

    #[test]
    fn a_line_of_several_payloads_is_one_unit_with_its_bytes() {
        let text = b"{\"a\":1}{\"b\":2} {\"c\":3}\r\n{\"d\":4}\n\n[{\"e\":5}, {\"f\":6}] \n[{\"g\":7}]\n{\"h\":8}{\"i\":9}";
        let want = vec![
            (
                "x:1".to_string(),
                3,
                Some("{\"a\":1}{\"b\":2} {\"c\":3}".to_string()),
            ),
            one("x:2"),
            (
                "x:4".to_string(),
                2,
                Some("[{\"e\":5}, {\"f\":6}] ".to_string()),
            ),
            // A one-value line is a payload as before.
            one("x:5"),
            ("x:6".to_string(), 2, Some("{\"h\":8}{\"i\":9}".to_string())),
        ];
        for chunk in [1, 2, 3, 7, 1 << 20] {
            assert_eq!(units(text, chunk, true), want, "chunk {chunk}");
        }
        // Without `lines`, every payload is a unit of its own.
        assert_eq!(units(text, 1 << 20, false).len(), 9);
    }

    #[test]
    fn a_document_over_several_lines_keeps_one_unit_per_payload() {
        let pretty = b"[\n  {\"a\": 1}, {\"b\": 2},\n  {\"c\": 3}\n]\n";
        let want = vec![one("x:2"), one("x:2:13"), one("x:3")];
        assert_eq!(units(pretty, 1 << 20, true), want);
        assert_eq!(units(pretty, 2, true), want);
        let objects = b"{\n \"a\": 1\n} {\"b\": 2} {\"c\": 3}\n";
        assert_eq!(
            units(objects, 1 << 20, true),
            vec![one("x:1"), one("x:3"), one("x:3:12")]
        );
    }

    #[test]
    fn a_broken_line_is_not_sent_whole() {
        // The array on line 1 is never closed: its payloads go alone, and
        // the error is a unit of its own.
        let text = b"[{\"a\":1},{\"b\":2}\n{\"c\":3}{\"d\":4}\n";
        let found = units(text, 1 << 20, true);
        assert_eq!(found[0], one("x:1"));
        assert_eq!(found[1], one("x:1:10"));
        assert_eq!(found[2].0, "x:1:17");
        assert_eq!(
            found[3],
            ("x:2".to_string(), 2, Some("{\"c\":3}{\"d\":4}".to_string()))
        );
        assert_eq!(found.len(), 4);
        // A missing `,` is reported where the array ends; the value after
        // it on the line goes alone too.
        let text = b"[{\"a\":1} {\"b\":2}]{\"c\":3}\n{\"d\":4}{\"e\":5}\n";
        let found = units(text, 1 << 20, true);
        assert_eq!(found.len(), 5, "{found:?}");
        assert!(
            found[..4]
                .iter()
                .all(|unit| unit.1 == 1 && unit.2.is_none())
        );
        assert_eq!(found[4].1, 2);
    }

    #[test]
    fn a_line_is_never_split_across_batches() {
        let line = "{\"a\":1}{\"b\":2}{\"c\":3}\n";
        let text = line.repeat(BATCH_ITEMS);
        let found = units(text.as_bytes(), 4096, true);
        assert_eq!(found.len(), BATCH_ITEMS);
        for (i, unit) in found.iter().enumerate() {
            let want = (format!("x:{}", i + 1), 3, Some(line.trim_end().to_string()));
            assert_eq!(*unit, want);
        }
    }

    #[test]
    fn positions_are_absolute() {
        let mut batch = Batch::new(Arc::from("x"));
        let place = Place {
            line: 3,
            column: 5,
            shares_line: false,
        };
        batch.push(Frame::Payload { place, range: 0..0 }, b"{\"a\": tru}");
        let payload = batch.payloads().next().expect("one payload");
        let err = payload.parse(Extent::Full).expect_err("broken");
        assert_eq!((err.line, err.column), (3, 5 + 9));
        assert_eq!(payload.source.to_string(), "x:3");
    }

    #[test]
    fn invalid_utf8_in_a_skipped_string_is_found() {
        let payload = Payload::from_bytes("x", b"{\"a\":\n \"\xff\"}");
        let err = payload
            .parse(Extent::Detect(&["content"]))
            .expect_err("bad utf-8");
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("invalid UTF-8"));
    }

    /// A reader that hands out one byte per read, as a slow pipe may.
    struct Trickle(Vec<u8>, usize);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.get(self.1), buf.first_mut()) {
                (Some(&byte), Some(slot)) => {
                    *slot = byte;
                    self.1 += 1;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    // issue 9 point 3: gzip was missed when the first read gave one byte.
    #[test]
    fn gzip_is_found_when_its_magic_bytes_come_one_at_a_time() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"a\":1}\n").expect("gzip");
        let gz = enc.finish().expect("gzip");
        let (mut reader, gzip) = sniff_gzip(Box::new(Trickle(gz, 0))).expect("sniff");
        let mut text = String::new();
        reader.read_to_string(&mut text).expect("gunzip");
        assert!(gzip);
        assert_eq!(text, "{\"a\":1}\n");
        let (mut reader, gzip) = sniff_gzip(Box::new(Trickle(b"{}".to_vec(), 0))).expect("sniff");
        text.clear();
        reader.read_to_string(&mut text).expect("read");
        assert!(!gzip);
        assert_eq!(text, "{}");
        let (_, gzip) = sniff_gzip(Box::new(Trickle(vec![0x1f], 0))).expect("sniff");
        assert!(!gzip);
    }

    #[test]
    fn a_later_payload_on_a_line_is_labelled_with_its_column() {
        let source = |shares_line| Source {
            input: "x.ndjson",
            line: 4,
            column: 9,
            shares_line,
        };
        assert_eq!(source(false).to_string(), "x.ndjson:4");
        assert_eq!(source(true).to_string(), "x.ndjson:4:9");
    }

    #[test]
    fn sizes_are_shown_in_their_largest_whole_unit() {
        assert_eq!(show_size(256 << 20), "256 MiB");
        assert_eq!(show_size(1 << 30), "1 GiB");
        assert_eq!(show_size(1536), "1536 bytes");
        assert_eq!(show_size(1000), "1000 bytes");
    }
}
