//! Splits one byte stream into payload texts without parsing them: NDJSON,
//! whitespace-separated (also pretty-printed) documents, and top-level arrays
//! whose elements are payloads. Memory holds the largest payload, not the
//! stream.
//!
//! The layout is decided by the first document: when it sits on one line
//! (or when its first line is broken and the next line starts a new
//! document) the stream is NDJSON and every line is a payload, so one broken
//! line never swallows its neighbours. Otherwise documents are delimited by
//! bracket depth.

use std::io::{self, Read};
use std::ops::Range;

use memchr::{memchr, memchr2, memchr3};

const INITIAL_BUFFER: usize = 1024 * 1024;

/// One framed piece of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// The bytes of a payload, `range` indexing [`Framer::bytes`].
    Payload {
        line: u64,
        column: u64,
        range: Range<usize>,
    },
    /// Something between payloads that is not one (a missing `,` in an
    /// array, an empty input, ...).
    Broken {
        line: u64,
        column: u64,
        message: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Unknown,
    Lines,
    Documents,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArrayState {
    Element,
    Separator,
}

#[derive(Debug, Clone, Copy)]
struct OpenArray {
    state: ArrayState,
    line: u64,
    column: u64,
    spans_lines: bool,
}

/// The framer over any reader (already decompressed).
pub struct Framer<R> {
    src: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    error: Option<io::Error>,
    /// Line number and offset of that line's first byte, at `counted`.
    line: u64,
    line_start: u64,
    counted: u64,
    /// Absolute offset of `buf[0]`.
    base: u64,
    layout: Layout,
    array: Option<OpenArray>,
    frames: u64,
    bom_checked: bool,
}

impl<R: Read> Framer<R> {
    pub fn new(src: R) -> Self {
        Framer {
            src,
            buf: vec![0; INITIAL_BUFFER],
            start: 0,
            end: 0,
            eof: false,
            error: None,
            line: 1,
            line_start: 0,
            counted: 0,
            base: 0,
            layout: Layout::Unknown,
            array: None,
            frames: 0,
            bom_checked: false,
        }
    }

    /// The bytes of a [`Frame::Payload`] just returned.
    pub fn bytes(&self, range: Range<usize>) -> &[u8] {
        &self.buf[range]
    }

    /// The read error that ended the stream early, if any.
    pub fn take_error(&mut self) -> Option<io::Error> {
        self.error.take()
    }

    /// The next frame, or `None` at the end of the stream.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            if !self.skip_whitespace() {
                return self.finish();
            }
            let byte = self.buf[self.start];
            if let Some(array) = self.array {
                if let Some(frame) = self.array_step(array, byte) {
                    return Some(frame);
                }
                continue;
            }
            if byte == b'[' {
                self.open_array();
                continue;
            }
            return Some(self.frame_document());
        }
    }

    fn finish(&mut self) -> Option<Frame> {
        if let Some(array) = self.array.take() {
            self.frames += 1;
            return Some(Frame::Broken {
                line: array.line,
                column: array.column,
                message: "unterminated array: the input ends before its closing `]`".into(),
            });
        }
        if self.frames == 0 && self.error.is_none() {
            self.frames += 1;
            return Some(Frame::Broken {
                line: 1,
                column: 1,
                message: "no payload: the input is empty or holds only whitespace".into(),
            });
        }
        None
    }

    fn open_array(&mut self) {
        let (line, column) = self.position(self.start);
        self.array = Some(OpenArray {
            state: ArrayState::Element,
            line,
            column,
            spans_lines: false,
        });
        self.start += 1;
    }

    /// One step inside a top-level array: a frame, or `None` to go on.
    fn array_step(&mut self, mut array: OpenArray, byte: u8) -> Option<Frame> {
        match (array.state, byte) {
            (_, b']') => {
                let (line, _) = self.position(self.start);
                self.start += 1;
                self.array = None;
                self.frames += 1;
                self.settle_layout(array.spans_lines || line != array.line);
                None
            }
            (ArrayState::Separator, b',') => {
                self.start += 1;
                array.state = ArrayState::Element;
                self.array = Some(array);
                None
            }
            (ArrayState::Separator, _) => {
                let (line, column) = self.position(self.start);
                array.state = ArrayState::Element;
                self.array = Some(array);
                Some(Frame::Broken {
                    line,
                    column,
                    message: format!(
                        "expected `,` or `]` after an array element, found {}",
                        describe_byte(byte)
                    ),
                })
            }
            (ArrayState::Element, _) => {
                array.state = ArrayState::Separator;
                self.array = Some(array);
                Some(self.frame_value(true))
            }
        }
    }

    fn settle_layout(&mut self, spans_lines: bool) {
        if self.layout == Layout::Unknown {
            self.layout = if spans_lines {
                Layout::Documents
            } else {
                Layout::Lines
            };
        }
    }

    /// Frames a top-level document (not an array element).
    fn frame_document(&mut self) -> Frame {
        if self.layout == Layout::Lines {
            return self.frame_line();
        }
        let frame = self.frame_value(false);
        self.frames += 1;
        frame
    }

    /// NDJSON: the payload is the rest of the line.
    fn frame_line(&mut self) -> Frame {
        self.frames += 1;
        let mut scanned = 0;
        loop {
            if let Some(k) = memchr(b'\n', &self.buf[self.start + scanned..self.end]) {
                return self.emit(self.start + scanned + k, self.start + scanned + k + 1);
            }
            scanned = self.end - self.start;
            if !self.fill() {
                return self.emit(self.end, self.end);
            }
        }
    }

    /// Frames one JSON value by bracket depth. Inside arrays the value also
    /// ends at a `,` or `]` at depth zero.
    fn frame_value(&mut self, in_array: bool) -> Frame {
        let mut scan = Scan::default();
        let first = self.buf[self.start];
        if !matches!(first, b'{' | b'[' | b'"') {
            return self.frame_scalar(in_array);
        }
        loop {
            let from = self.start + scan.offset;
            let layout = if in_array {
                Layout::Documents
            } else {
                self.layout
            };
            match scan.run(&self.buf[from..self.end], layout) {
                Step::Done(k) => {
                    let stop = from + k;
                    self.note_spans(scan.crossed_newline);
                    return self.emit(stop, stop);
                }
                Step::CutAtNewline(k) => {
                    let stop = from + k;
                    if self.layout == Layout::Unknown && !self.next_line_starts_document(stop) {
                        scan.offset += k + 1;
                        scan.crossed_newline = true;
                        scan.decided = true;
                        continue;
                    }
                    self.layout = Layout::Lines;
                    return self.emit(stop, stop + 1);
                }
                Step::NeedMore => {
                    scan.offset = self.end - self.start;
                    if !self.fill() {
                        return self.emit(self.end, self.end);
                    }
                }
            }
        }
    }

    fn note_spans(&mut self, crossed_newline: bool) {
        if let Some(array) = &mut self.array {
            array.spans_lines |= crossed_newline;
        } else {
            self.settle_layout(crossed_newline);
        }
    }

    /// A bare scalar (or garbage): up to whitespace or a structural byte.
    fn frame_scalar(&mut self, in_array: bool) -> Frame {
        let mut len = 1;
        loop {
            while self.start + len < self.end {
                let b = self.buf[self.start + len];
                let stops = matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'{' | b'[' | b'"')
                    || (in_array && matches!(b, b',' | b']'));
                if stops {
                    let stop = self.start + len;
                    if self.array.is_none() {
                        self.settle_layout(false);
                    }
                    return self.emit(stop, stop);
                }
                len += 1;
            }
            if !self.fill() {
                return self.emit(self.end, self.end);
            }
        }
    }

    /// In the undecided layout, after the first line of a document ends
    /// inside it: does the next line start a new document (NDJSON with a
    /// broken line) rather than continue this one (pretty-printed JSON)?
    fn next_line_starts_document(&mut self, newline: usize) -> bool {
        let offset = newline - self.start;
        while self.start + offset + 1 >= self.end {
            if !self.fill() {
                return false;
            }
        }
        matches!(self.buf[self.start + offset + 1], b'{' | b'[')
    }

    /// Returns the payload `start..stop` and moves past `resume`.
    fn emit(&mut self, stop: usize, resume: usize) -> Frame {
        let (line, column) = self.position(self.start);
        let range = self.start..stop;
        self.start = resume.min(self.end);
        Frame::Payload {
            line,
            column,
            range,
        }
    }

    /// Skips whitespace (and a leading BOM); false at the end of input.
    fn skip_whitespace(&mut self) -> bool {
        loop {
            if !self.bom_checked && (self.end - self.start >= 3 || self.eof) {
                self.bom_checked = true;
                if self.buf[self.start..self.end].starts_with(b"\xEF\xBB\xBF") {
                    self.start += 3;
                }
            }
            while self.start < self.end {
                match self.buf[self.start] {
                    b' ' | b'\t' | b'\r' | b'\n' => self.start += 1,
                    _ if self.bom_checked => return true,
                    _ => break,
                }
            }
            if (self.start < self.end && self.bom_checked) || !self.fill() {
                return self.start < self.end;
            }
        }
    }

    /// Line and column (1-based, columns in bytes) of buffer index `at`.
    fn position(&mut self, at: usize) -> (u64, u64) {
        let abs = self.base + at as u64;
        let from = (self.counted - self.base) as usize;
        let span = &self.buf[from..at];
        let newlines = memchr::memchr_iter(b'\n', span).count() as u64;
        if newlines > 0 {
            self.line += newlines;
            let last = memchr::memrchr(b'\n', span).unwrap_or(0);
            self.line_start = self.base + (from + last + 1) as u64;
        }
        self.counted = abs;
        (self.line, abs - self.line_start + 1)
    }

    /// Reads more input; false when nothing more will come.
    fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        if self.start > 0 {
            self.settle_count();
            self.buf.copy_within(self.start..self.end, 0);
            self.base += self.start as u64;
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return false;
                }
                Ok(n) => {
                    self.end += n;
                    return true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.error = Some(e);
                    self.eof = true;
                    return false;
                }
            }
        }
    }

    /// Brings the line count up to `start` before the bytes before it go.
    fn settle_count(&mut self) {
        let start = self.start;
        self.position(start);
    }
}

/// Resumable bracket-depth scanner.
#[derive(Debug, Default)]
struct Scan {
    offset: usize,
    depth: u32,
    in_string: bool,
    escaped: bool,
    crossed_newline: bool,
    /// The layout question has been answered for this document.
    decided: bool,
}

enum Step {
    /// The value ends before index `k`.
    Done(usize),
    /// A newline at index `k` ends the line inside the value.
    CutAtNewline(usize),
    NeedMore,
}

impl Scan {
    fn run(&mut self, bytes: &[u8], layout: Layout) -> Step {
        let watch_newlines = match layout {
            Layout::Lines => true,
            Layout::Unknown => !self.decided,
            Layout::Documents => false,
        };
        let mut i = 0;
        while i < bytes.len() {
            if self.escaped {
                self.escaped = false;
                i += 1;
                continue;
            }
            if self.in_string {
                let rest = &bytes[i..];
                let hit = if watch_newlines {
                    memchr3(b'"', b'\\', b'\n', rest)
                } else {
                    memchr2(b'"', b'\\', rest)
                };
                let Some(k) = hit else {
                    break;
                };
                i += k;
                match bytes[i] {
                    b'\\' => self.escaped = true,
                    b'\n' => return self.newline(i),
                    _ => {
                        self.in_string = false;
                        if self.depth == 0 {
                            self.offset += i + 1;
                            return Step::Done(i + 1);
                        }
                    }
                }
                i += 1;
                continue;
            }
            match bytes[i] {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Step::Done(i + 1);
                    }
                }
                b'\n' if watch_newlines => return self.newline(i),
                b'\n' => self.crossed_newline = true,
                _ => {}
            }
            i += 1;
        }
        Step::NeedMore
    }

    fn newline(&mut self, i: usize) -> Step {
        Step::CutAtNewline(i)
    }
}

fn describe_byte(byte: u8) -> String {
    match byte {
        0x20..=0x7e => format!("`{}`", byte as char),
        _ => format!("byte 0x{byte:02X}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<(u64, u64, String)> {
        let mut framer = Framer::new(input.as_bytes());
        let mut out = Vec::new();
        while let Some(frame) = framer.next_frame() {
            out.push(match frame {
                Frame::Payload {
                    line,
                    column,
                    range,
                } => (
                    line,
                    column,
                    String::from_utf8_lossy(framer.bytes(range)).into_owned(),
                ),
                Frame::Broken {
                    line,
                    column,
                    message,
                } => (line, column, format!("BROKEN {message}")),
            });
        }
        out
    }

    fn texts(input: &str) -> Vec<String> {
        frames(input).into_iter().map(|f| f.2).collect()
    }

    #[test]
    fn ndjson_lines() {
        let got = frames("{\"a\":1}\n{\"b\":2}\r\n\n{\"c\":3}");
        assert_eq!(
            got,
            vec![
                (1, 1, "{\"a\":1}".into()),
                (2, 1, "{\"b\":2}\r".into()),
                (4, 1, "{\"c\":3}".into())
            ]
        );
    }

    #[test]
    fn broken_ndjson_line_does_not_swallow_neighbours() {
        let got = texts("{\"a\":1}\n{\"b\":\n{\"c\":3}\n");
        assert_eq!(got, vec!["{\"a\":1}", "{\"b\":", "{\"c\":3}"]);
        let got = texts("{\"a\":\"x\n{\"c\":3}\n");
        assert_eq!(got, vec!["{\"a\":\"x", "{\"c\":3}"]);
    }

    #[test]
    fn pretty_documents() {
        let got = frames("{\n  \"a\": \"}\"\n}\n\n{\n\"b\": [1,\n2]\n}");
        assert_eq!(got[0], (1, 1, "{\n  \"a\": \"}\"\n}".into()));
        assert_eq!(got[1], (5, 1, "{\n\"b\": [1,\n2]\n}".into()));
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn arrays_are_unrolled() {
        let got = frames("[\n {\"a\":1},\n {\"b\":[1,2]} , 3\n]\n{\"c\":1}");
        assert_eq!(
            got,
            vec![
                (2, 2, "{\"a\":1}".into()),
                (3, 2, "{\"b\":[1,2]}".into()),
                (3, 16, "3".into()),
                (5, 1, "{\"c\":1}".into()),
            ]
        );
    }

    #[test]
    fn array_errors_are_reported_and_reading_goes_on() {
        let got = texts("[{\"a\":1} {\"b\":2}]");
        assert_eq!(got.len(), 3);
        assert!(got[1].starts_with("BROKEN expected `,`"), "{got:?}");
        let got = texts("[{\"a\":1},");
        assert!(got[1].starts_with("BROKEN unterminated array"), "{got:?}");
    }

    #[test]
    fn empty_and_bom() {
        assert!(texts("  \n ")[0].starts_with("BROKEN no payload"));
        assert!(texts("")[0].starts_with("BROKEN no payload"));
        assert_eq!(texts("\u{feff}{\"a\":1}"), vec!["{\"a\":1}"]);
    }

    #[test]
    fn escapes_and_strings_across_refills() {
        let long = "x".repeat(INITIAL_BUFFER * 3);
        let input = format!("{{\"a\":\"{long}\\\"\"}}\n{{\"b\":1}}");
        let got = texts(&input);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], "{\"b\":1}");
    }

    #[test]
    fn stray_closers_make_progress() {
        let got = texts("}\n]");
        assert_eq!(got, vec!["}", "]"]);
    }
}
