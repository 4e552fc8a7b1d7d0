//! Splits one byte stream into payload texts without parsing them: NDJSON,
//! whitespace-separated (also pretty-printed) documents, and top-level arrays
//! whose elements are payloads. Memory holds the largest payload (at most the
//! payload limit), not the stream.
//!
//! One rule frames every line alike:
//!
//! - A value is framed by bracket depth (strings and escapes respected); a
//!   bare scalar, or garbage, runs to whitespace or a structural byte. Values
//!   that follow each other on one line (`{..}{..}`, `{..} {..}`) are
//!   separate payloads, on the first line as on any other.
//! - A top-level array is unrolled: every element is a payload.
//! - A UTF-8 byte order mark is skipped wherever whitespace may stand (the
//!   start of the input, of a line, of a concatenated document).
//! - The layout is decided by the first line. When the first document sits
//!   on it, the stream is NDJSON and a newline ends whatever is open: a line
//!   cut inside a value is that value's error, an array left open is one
//!   `unterminated array` error where its line ends, and the next line is
//!   read as usual. A broken first line followed by a line that starts with
//!   `{` or `[` also means NDJSON; so does a first line that leaves an array
//!   open after an element when the next line starts with `{` or `[` and
//!   holds whole values only (`[1,` then `{..}`; not `{..},`, which continues
//!   an array written one element per line). Otherwise documents and arrays
//!   span lines.
//! - Array syntax (a missing `,`, a missing `]`) is reported once per array,
//!   where the array ends, so that every report has a place of its own.
//! - On an NDJSON line that is one object (no `}` on it is followed by
//!   another value), the object is found by vector searches alone; a stray
//!   closer after it (`{..}}`) keeps the line one payload, which the parser
//!   reports whole.
//! - A payload longer than the limit is reported as soon as the limit is
//!   crossed and then skipped: its bytes are scanned for its end and dropped.
//!
//! Every frame carries the place where it starts and whether an earlier
//! frame started on the same line: labels are `PATH:LINE`, and
//! `PATH:LINE:COLUMN` for a later payload on a line, so no two payloads
//! share a label.

use std::io::{self, Read};
use std::ops::Range;

use memchr::{memchr, memchr2, memchr3};

/// Bytes asked of the reader at a time (and zeroed ahead of a read).
const READ_CHUNK: usize = 256 * 1024;
/// Capacity the buffer starts with and shrinks back to after a large payload.
const INITIAL_BUFFER: usize = 1024 * 1024;
/// The payload limit when none is given: 256 MiB.
pub const DEFAULT_MAX_PAYLOAD: u64 = 256 << 20;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where a frame starts: line and column (1-based, columns in bytes), and
/// whether an earlier frame started on the same line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: u64,
    pub column: u64,
    pub shares_line: bool,
}

/// One framed piece of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// The bytes of a payload, `range` indexing [`Framer::bytes`].
    Payload { place: Place, range: Range<usize> },
    /// Something between payloads that is not one (a missing `,` or `]` in
    /// an array, an empty input, ...).
    Broken { place: Place, message: String },
    /// A payload longer than `limit` bytes, skipped.
    TooLarge { place: Place, limit: u64 },
}

impl Frame {
    /// Where the frame starts.
    pub fn place(&self) -> Place {
        match self {
            Frame::Payload { place, .. }
            | Frame::Broken { place, .. }
            | Frame::TooLarge { place, .. } => *place,
        }
    }
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
    elements: u64,
    /// The last element was cut by the end of its line or of the input: its
    /// own error says what went wrong.
    cut: bool,
    /// Where the first missing `,` was noticed.
    missing_comma: Option<(u64, u64)>,
}

/// How an array ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closing {
    Bracket,
    LineEnd,
    InputEnd,
}

/// The framer over any reader (already decompressed).
pub struct Framer<R> {
    src: R,
    /// `buf[start..end]` is read and not yet framed; `buf[end..]` is zeroed
    /// room for the next read.
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
    /// A payload over the limit whose remaining bytes are being dropped.
    skip: Option<Scan>,
    frames: u64,
    /// Line of the last frame's start (0 before the first).
    last_line: u64,
    max_payload: u64,
    /// `--extract`: read the JSON on a line of text (a log line) instead
    /// of reporting the text.
    extract: bool,
    /// [`Framer::keeping_lines`]: the buffer keeps the line of the last
    /// frame returned from its first byte on.
    keep_lines: bool,
    /// Absolute offset of the first byte of the last frame's line.
    frame_line_start: u64,
    /// Absolute offset before which [`Framer::compact`] may drop bytes.
    keep_from: u64,
}

impl<R: Read> Framer<R> {
    /// With `extract`, the JSON object or array on a line of text is read
    /// and other text is skipped ([`Framer::text_line`]).
    pub fn extracting(mut self, extract: bool) -> Self {
        self.extract = extract;
        self
    }

    /// A framer with the default payload limit.
    pub fn new(src: R) -> Self {
        Self::with_max_payload(src, DEFAULT_MAX_PAYLOAD)
    }

    /// A framer that skips payloads longer than `max_payload` bytes (`0`:
    /// no limit).
    pub fn with_max_payload(src: R, max_payload: u64) -> Self {
        Framer {
            src,
            buf: Vec::with_capacity(INITIAL_BUFFER),
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
            skip: None,
            frames: 0,
            last_line: 0,
            max_payload: if max_payload == 0 {
                u64::MAX
            } else {
                max_payload
            },
            extract: false,
            keep_lines: false,
            frame_line_start: 0,
            keep_from: 0,
        }
    }

    /// With `keep`, the bytes of the last frame's line stay in the buffer
    /// while the next frame is read, so that [`Framer::line_bytes`] can
    /// hand out a whole line once its frames are all read (for `replay`,
    /// which sends an NDJSON line as one request).
    pub fn keeping_lines(mut self, keep: bool) -> Self {
        self.keep_lines = keep;
        self
    }

    /// Whether the stream is NDJSON (one document per line), as decided so
    /// far: a frame returned now lies within one line.
    pub fn is_ndjson(&self) -> bool {
        self.layout == Layout::Lines
    }

    /// Absolute offset of the first byte of the line where the last frame
    /// returned starts: equal for frames on one line.
    pub fn line_offset(&self) -> u64 {
        self.frame_line_start
    }

    /// With [`Framer::keeping_lines`], the line that starts at absolute
    /// `offset` (the [`Framer::line_offset`] of the frame before the last
    /// one, or of the last one at the end of the input), without its line
    /// terminator (`\n` or `\r\n`); `None` when its bytes are gone or
    /// its end is not read yet.
    pub fn line_bytes(&self, offset: u64) -> Option<&[u8]> {
        let from = usize::try_from(offset.checked_sub(self.base)?).ok()?;
        let rest = self.buf.get(from..self.end)?;
        let line = match memchr(b'\n', rest) {
            Some(k) => &rest[..k],
            None if self.eof => rest,
            None => return None,
        };
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }

    /// The bytes of a [`Frame::Payload`] just returned.
    pub fn bytes(&self, range: Range<usize>) -> &[u8] {
        &self.buf[range]
    }

    /// Hands over the buffer holding the [`Frame::Payload`] just returned,
    /// cut to its end, instead of copying the payload out: the framer goes
    /// on with a fresh buffer. For payloads too large to copy.
    pub fn take_bytes(&mut self, range: Range<usize>) -> Vec<u8> {
        self.settle_count();
        let mut fresh = Vec::with_capacity(INITIAL_BUFFER.max(self.end - self.start));
        fresh.extend_from_slice(&self.buf[self.start..self.end]);
        let mut taken = std::mem::replace(&mut self.buf, fresh);
        self.base += self.start as u64;
        self.end -= self.start;
        self.start = 0;
        taken.truncate(range.end);
        taken
    }

    /// The read error that ended the stream early, if any.
    pub fn take_error(&mut self) -> Option<io::Error> {
        self.error.take()
    }

    /// The next frame, or `None` at the end of the stream.
    pub fn next_frame(&mut self) -> Option<Frame> {
        // A payload over the limit being skipped is not kept.
        self.keep_from = match self.skip {
            Some(_) => u64::MAX,
            None => self.frame_line_start,
        };
        if let Some(scan) = self.skip.take() {
            self.finish_skip(scan);
        }
        loop {
            let stop_at_newline = self.array.is_some() && self.layout != Layout::Documents;
            let Some(byte) = self.skip_blank(stop_at_newline) else {
                return self.finish();
            };
            let frame = match self.array {
                Some(array) => self.array_step(array, byte),
                None if byte == b'[' => {
                    self.open_array();
                    None
                }
                None => match self.text_line(byte) {
                    Text::Json => Some(self.frame_value()),
                    Text::Frame(frame) => Some(frame),
                    Text::Skipped => None,
                },
            };
            if frame.is_some() {
                return frame;
            }
        }
    }

    fn finish(&mut self) -> Option<Frame> {
        if self.array.is_some() {
            if let Some(frame) = self.close_array(self.end, Closing::InputEnd) {
                return Some(frame);
            }
        }
        if self.frames == 0 && self.error.is_none() {
            self.frames += 1;
            return Some(Frame::Broken {
                place: Place {
                    line: 1,
                    column: 1,
                    shares_line: false,
                },
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
            elements: 0,
            cut: false,
            missing_comma: None,
        });
        self.start += 1;
    }

    /// One step inside a top-level array: a frame, or `None` to go on.
    fn array_step(&mut self, mut array: OpenArray, byte: u8) -> Option<Frame> {
        match (array.state, byte) {
            (_, b'\n') => self.line_ends_in_array(),
            (_, b']') => {
                let at = self.start;
                self.start += 1;
                self.close_array(at, Closing::Bracket)
            }
            (ArrayState::Separator, b',') => {
                self.start += 1;
                array.state = ArrayState::Element;
                self.array = Some(array);
                None
            }
            (ArrayState::Separator, _) => {
                if array.missing_comma.is_none() {
                    array.missing_comma = Some(self.position(self.start));
                }
                array.state = ArrayState::Element;
                self.array = Some(array);
                None
            }
            (ArrayState::Element, _) => {
                array.state = ArrayState::Separator;
                array.elements += 1;
                self.array = Some(array);
                Some(self.frame_value())
            }
        }
    }

    /// A newline between elements of an array, outside the documents layout.
    fn line_ends_in_array(&mut self) -> Option<Frame> {
        if self.layout == Layout::Unknown {
            if self.array_continues() {
                self.layout = Layout::Documents;
                self.start += 1;
                return None;
            }
            self.layout = Layout::Lines;
        }
        let at = self.start;
        self.close_array(at, Closing::LineEnd)
    }

    /// Ends the open array at buffer index `at`: the one report of its
    /// syntax, if it needs one.
    fn close_array(&mut self, at: usize, closing: Closing) -> Option<Frame> {
        let array = self.array.take()?;
        if closing == Closing::Bracket && self.layout == Layout::Unknown {
            self.layout = Layout::Lines;
        }
        if array.cut {
            return None;
        }
        let missing = array.missing_comma.map(|(line, column)| {
            format!("a `,` is missing between its elements (first at line {line} column {column})")
        });
        let ends = match closing {
            Closing::Bracket => {
                // An empty array (`[]`, an export of no hooks) is a whole
                // input without payloads, not an empty input.
                self.frames += 1;
                let missing = missing?;
                let place = self.place(at);
                let message = format!("the array that ends here is not valid: {missing}");
                return Some(Frame::Broken { place, message });
            }
            Closing::LineEnd => "the line ends",
            Closing::InputEnd => "the input ends",
        };
        let also = missing.map_or(String::new(), |m| format!("; also {m}"));
        let message = format!(
            "unterminated array (opened at line {} column {}): {ends} before its closing `]`{also}",
            array.line, array.column
        );
        let place = self.place(at);
        Some(Frame::Broken { place, message })
    }

    /// The NDJSON fast path: when the line at `start` is one object and
    /// nothing else, where the object ends. Found with two vector searches
    /// (the newline, then every `}`) instead of the byte-by-byte bracket
    /// scan: a second value on the line can only begin after a `}` that is
    /// followed by something other than `,`, `}` or `]`, so a line without
    /// such a `}` holds one value (or is broken, and then the parser says
    /// where). `None` sends the line to the bracket scan.
    fn lone_object_line(&mut self) -> Option<usize> {
        if self.buf[self.start] != b'{' {
            return None;
        }
        let line = self.peek_line(0)?;
        let bytes = &self.buf[line.clone()];
        let len = bytes
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))?
            + 1;
        let (last, body) = bytes[..len].split_last()?;
        let value_follows = |p: usize| {
            body[p + 1..]
                .iter()
                .chain([last])
                .find(|b| !matches!(b, b' ' | b'\t' | b'\r'))
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']'))
        };
        if *last != b'}' || memchr::memchr_iter(b'}', body).any(value_follows) {
            return None;
        }
        Some(line.start + len)
    }

    /// Text where a payload should start (a log line's prefix, a `#`
    /// comment, a line of prose): one [`Frame::Broken`] for the rest of the
    /// line, naming the column where JSON starts on it; with `extract`,
    /// the text is skipped and the JSON after it framed.
    fn text_line(&mut self, byte: u8) -> Text {
        if !starts_text(byte) {
            return Text::Json;
        }
        let Some(line) = self.peek_line(0) else {
            return Text::Json;
        };
        let bytes = &self.buf[line.clone()];
        let json_at = memchr::memchr2(b'{', b'[', bytes);
        let prefix = &bytes[..json_at.unwrap_or(bytes.len())];
        let comment = byte == b'#' || bytes.starts_with(b"//");
        if !comment && !is_text(prefix) {
            return Text::Json;
        }
        match (self.extract, json_at) {
            (true, Some(k)) if !comment => {
                self.start = line.start + k;
                return Text::Json;
            }
            (true, _) => {
                self.start = line.end;
                return Text::Skipped;
            }
            (false, _) => {}
        }
        let place = self.place(self.start);
        let message = match json_at {
            _ if comment => "a comment line: JSON has no comments".to_string(),
            Some(k) => format!(
                "text before the JSON: a JSON payload starts at column {}; pass --extract to read the JSON on each line",
                place.column + k as u64
            ),
            None => "not JSON: a line of text".to_string(),
        };
        self.start = line.end;
        Text::Frame(Frame::Broken { place, message })
    }

    /// Frames one value at `start` (a document or an array element).
    fn frame_value(&mut self) -> Frame {
        let in_array = self.array.is_some();
        if !in_array
            && self.layout == Layout::Lines
            && let Some(stop) = self.lone_object_line()
        {
            let place = self.place(self.start);
            if (stop - self.start) as u64 > self.max_payload {
                self.start = stop;
                return self.too_large(place);
            }
            let range = self.start..stop;
            self.start = stop;
            return Frame::Payload { place, range };
        }
        let place = self.place(self.start);
        let mut scan = Scan::new(self.buf[self.start], in_array);
        let stop = match self.scan(&mut scan, false) {
            End::Done(stop) => {
                if !in_array && self.layout == Layout::Unknown {
                    self.layout = Layout::Lines;
                }
                stop
            }
            End::Cut(newline) => {
                self.mark_cut();
                newline
            }
            End::Eof => {
                self.mark_cut();
                self.end
            }
            End::TooLarge => {
                self.drop_scanned();
                scan.offset = 0;
                self.skip = Some(scan);
                return self.too_large(place);
            }
        };
        if (stop - self.start) as u64 > self.max_payload {
            self.start = stop;
            return self.too_large(place);
        }
        let range = self.start..stop;
        self.start = stop;
        Frame::Payload { place, range }
    }

    fn too_large(&self, place: Place) -> Frame {
        Frame::TooLarge {
            place,
            limit: self.max_payload,
        }
    }

    fn mark_cut(&mut self) {
        if let Some(array) = &mut self.array {
            array.cut = true;
        }
    }

    /// Drops the rest of a payload over the limit.
    fn finish_skip(&mut self, mut scan: Scan) {
        self.start = match self.scan(&mut scan, true) {
            End::Done(stop) => stop,
            End::Cut(newline) => {
                self.mark_cut();
                newline
            }
            End::Eof | End::TooLarge => {
                self.mark_cut();
                self.end
            }
        };
    }

    /// Scans the value at `start` from `scan.offset` on, reading as needed.
    /// With `discard`, scanned bytes are dropped instead of kept.
    fn scan(&mut self, scan: &mut Scan, discard: bool) -> End {
        loop {
            let from = self.start + scan.offset;
            let cut = self.layout != Layout::Documents;
            match scan.run(&self.buf[from..self.end], cut) {
                Step::Done(k) => return End::Done(from + k),
                Step::Cut(k) => {
                    let newline = from + k - self.start;
                    if self.layout == Layout::Unknown && !self.next_line_starts_document(newline) {
                        // The first document spans lines: pretty-printed.
                        self.layout = Layout::Documents;
                        scan.offset = newline + 1;
                        continue;
                    }
                    self.layout = Layout::Lines;
                    return End::Cut(self.start + newline);
                }
                Step::NeedMore => {
                    scan.offset = self.end - self.start;
                    if discard {
                        self.drop_scanned();
                        scan.offset = 0;
                    } else if scan.offset as u64 > self.max_payload {
                        return End::TooLarge;
                    }
                    if !self.fill() {
                        return End::Eof;
                    }
                }
            }
        }
    }

    /// Forgets every byte read so far (their lines are counted first).
    fn drop_scanned(&mut self) {
        self.position(self.end);
        self.start = self.end;
    }

    /// In the undecided layout, after the first line ends inside a value
    /// (`newline` relative to `start`): does the next line start a new
    /// document (NDJSON with a broken line) rather than continue this one?
    fn next_line_starts_document(&mut self, newline: usize) -> bool {
        while self.end - self.start < newline + 1 + BOM.len() && self.fill() {}
        let next = &self.buf[(self.start + newline + 1).min(self.end)..self.end];
        let next = next.strip_prefix(BOM).unwrap_or(next);
        matches!(next.first(), Some(b'{' | b'['))
    }

    /// In the undecided layout, at a newline (at `start`) between elements
    /// of the array the first line opened: does the array go on (one
    /// element per line), or is it a broken NDJSON line?
    fn array_continues(&mut self) -> bool {
        if self.array.is_some_and(|a| a.elements == 0) {
            return true;
        }
        match self.peek_line(1) {
            Some(line) => !holds_whole_values(&self.buf[line]),
            None => !self.next_line_starts_document(0),
        }
    }

    /// The line that starts `from` bytes after `start`, without its newline;
    /// `None` when it is longer than the payload limit.
    fn peek_line(&mut self, from: usize) -> Option<Range<usize>> {
        let mut searched = from;
        loop {
            let at = (self.start + searched).min(self.end);
            if let Some(k) = memchr(b'\n', &self.buf[at..self.end]) {
                return Some(self.start + from..at + k);
            }
            searched = self.end - self.start;
            if searched as u64 > self.max_payload {
                return None;
            }
            if !self.fill() {
                return Some((self.start + from).min(self.end)..self.end);
            }
        }
    }

    /// Skips whitespace and byte order marks; the next byte (a newline when
    /// `stop_at_newline`), or `None` at the end of input.
    fn skip_blank(&mut self, stop_at_newline: bool) -> Option<u8> {
        loop {
            while self.start < self.end {
                let byte = self.buf[self.start];
                match byte {
                    b'\n' if stop_at_newline => return Some(byte),
                    b' ' | b'\t' | b'\r' | b'\n' => self.start += 1,
                    0xEF => {
                        let rest = &self.buf[self.start..self.end];
                        if rest.starts_with(BOM) {
                            self.start += BOM.len();
                        } else if rest.len() >= BOM.len() || !BOM.starts_with(rest) {
                            return Some(byte);
                        } else {
                            break;
                        }
                    }
                    _ => return Some(byte),
                }
            }
            if !self.fill() {
                return (self.start < self.end).then(|| self.buf[self.start]);
            }
        }
    }

    /// Place of buffer index `at` as the start of a new frame.
    fn place(&mut self, at: usize) -> Place {
        let (line, column) = self.position(at);
        let shares_line = line == self.last_line;
        self.last_line = line;
        self.frames += 1;
        self.frame_line_start = self.line_start;
        Place {
            line,
            column,
            shares_line,
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

    /// Reads more input; false when nothing more will come. Bytes before
    /// `start` are dropped first. The buffer grows a chunk at a time, so its
    /// resident size follows the largest payload, not a doubled capacity.
    fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        self.compact();
        if self.end == self.buf.len() {
            self.buf.resize(self.end + READ_CHUNK, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(n) => {
                    self.end += n;
                    self.eof = n == 0;
                    return n > 0;
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

    /// Drops the bytes before `start`, and gives back the memory of a large
    /// payload once it is gone.
    fn compact(&mut self) {
        if self.start == 0 {
            return;
        }
        self.settle_count();
        let keep = match self.keep_lines {
            true => usize::try_from(self.keep_from.saturating_sub(self.base))
                .map_or(self.start, |k| k.min(self.start)),
            false => self.start,
        };
        if keep == 0 {
            return;
        }
        self.buf.copy_within(keep..self.end, 0);
        self.base += keep as u64;
        self.end -= keep;
        self.start -= keep;
        if self.buf.len() > 4 * INITIAL_BUFFER && self.end < INITIAL_BUFFER {
            self.buf.truncate(INITIAL_BUFFER);
            self.buf.shrink_to_fit();
        }
    }

    /// Brings the line count up to `start` before the bytes before it go.
    fn settle_count(&mut self) {
        let start = self.start;
        self.position(start);
    }
}

/// Whether `line` (the next line, peeked) starts with `{` or `[` and holds
/// whole values and nothing else: an NDJSON line, not an array element.
/// What [`Framer::text_line`] made of a line.
enum Text {
    /// A JSON value starts here: frame it.
    Json,
    /// The line was text: this frame reports it.
    Frame(Frame),
    /// The line was text and is skipped (`--extract`).
    Skipped,
}

/// Whether a byte may begin text rather than a JSON value: ASCII but for
/// JSON's punctuation (a stray `}` or `,`, and bytes that may not be UTF-8,
/// are left to the parser).
fn starts_text(byte: u8) -> bool {
    byte.is_ascii_graphic() && !matches!(byte, b'{' | b'[' | b']' | b'}' | b',' | b':' | b'"')
}

/// Whether a line's start (before any `{` or `[`) is text: it begins with
/// something no JSON value begins with, or holds a word that is no JSON
/// scalar (`2025-09-08T14:01:17Z`, `INFO`).
fn is_text(prefix: &[u8]) -> bool {
    let Some(&first) = prefix.first() else {
        return false;
    };
    if !(first.is_ascii_digit() || matches!(first, b'-' | b't' | b'f' | b'n')) {
        return true;
    }
    prefix
        .split(|b| b.is_ascii_whitespace())
        .filter(|word| !word.is_empty())
        .any(|word| !is_scalar(word))
}

fn is_scalar(word: &[u8]) -> bool {
    matches!(word, b"true" | b"false" | b"null")
        || serde_json::from_slice::<serde_json::Number>(word).is_ok()
}

fn holds_whole_values(line: &[u8]) -> bool {
    let mut rest = line.strip_prefix(BOM).unwrap_or(line);
    if !matches!(rest.first(), Some(b'{' | b'[')) {
        return false;
    }
    loop {
        let blank = rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .unwrap_or(rest.len());
        rest = &rest[blank..];
        let Some(&first) = rest.first() else {
            return true;
        };
        if !matches!(first, b'{' | b'[') {
            return false;
        }
        let mut scan = Scan::new(first, false);
        match scan.run(rest, true) {
            Step::Done(k) => rest = &rest[k..],
            Step::Cut(_) | Step::NeedMore => return false,
        }
    }
}

/// How a scanned value ended, as a buffer index.
enum End {
    /// The value ends before this index.
    Done(usize),
    /// A newline at this index cut the value.
    Cut(usize),
    Eof,
    /// The value grew beyond the payload limit.
    TooLarge,
}

/// Resumable scanner for the end of one value.
#[derive(Debug)]
struct Scan {
    /// Bytes of the value already scanned.
    offset: usize,
    mode: Mode,
    depth: u32,
    in_string: bool,
    escaped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// An object, array or string: ends where its depth returns to zero.
    Bracket,
    /// A bare scalar or garbage: ends at whitespace or a structural byte
    /// (also `,` and `]` inside an array).
    Scalar { in_array: bool },
}

enum Step {
    /// The value ends before index `k`.
    Done(usize),
    /// A newline at index `k` ends the line inside the value.
    Cut(usize),
    NeedMore,
}

impl Scan {
    fn new(first: u8, in_array: bool) -> Self {
        let bracket = matches!(first, b'{' | b'[' | b'"');
        Scan {
            // A scalar holds at least its first byte, whatever it is.
            offset: usize::from(!bracket),
            mode: if bracket {
                Mode::Bracket
            } else {
                Mode::Scalar { in_array }
            },
            depth: 0,
            in_string: false,
            escaped: false,
        }
    }

    /// Scans `bytes`, the value's bytes after those already scanned; with
    /// `cut`, a newline inside the value ends it.
    fn run(&mut self, bytes: &[u8], cut: bool) -> Step {
        match self.mode {
            Mode::Scalar { in_array } => scalar_end(bytes, in_array),
            Mode::Bracket => self.run_bracket(bytes, cut),
        }
    }

    fn run_bracket(&mut self, bytes: &[u8], cut: bool) -> Step {
        let mut i = 0;
        while i < bytes.len() {
            if self.escaped {
                self.escaped = false;
                if cut && bytes[i] == b'\n' {
                    return Step::Cut(i);
                }
                i += 1;
                continue;
            }
            if self.in_string {
                let Some(k) = string_stop(&bytes[i..], cut) else {
                    break;
                };
                i += k;
                match bytes[i] {
                    b'\\' => self.escaped = true,
                    b'\n' => return Step::Cut(i),
                    _ => {
                        self.in_string = false;
                        if self.depth == 0 {
                            return Step::Done(i + 1);
                        }
                    }
                }
                i += 1;
                continue;
            }
            // Most bytes outside strings are plain: skip them in a tight loop.
            while i < bytes.len() && !STRUCTURAL[usize::from(bytes[i])] {
                i += 1;
            }
            let Some(&byte) = bytes.get(i) else {
                break;
            };
            match byte {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Step::Done(i + 1);
                    }
                }
                b'\n' if cut => return Step::Cut(i),
                _ => {}
            }
            i += 1;
        }
        Step::NeedMore
    }
}

/// The bytes that matter to the scanner outside strings.
static STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 6 {
        table[b"\"{}[]\n"[i] as usize] = true;
        i += 1;
    }
    table
};

/// Index of the first `"`, `\\` (or, with `cut`, newline) in a string's
/// bytes. Most strings (keys, short values) end within a few words, which
/// are searched eight bytes at a time; memchr pays off for long ones.
fn string_stop(bytes: &[u8], cut: bool) -> Option<usize> {
    let head = bytes.len().min(64);
    for (n, word) in bytes[..head].chunks_exact(8).enumerate() {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight);
        let mut found = zero_byte(x ^ splat(b'"')) | zero_byte(x ^ splat(b'\\'));
        if cut {
            found |= zero_byte(x ^ splat(b'\n'));
        }
        if found != 0 {
            return Some(n * 8 + (found.trailing_zeros() / 8) as usize);
        }
    }
    let from = head - head % 8;
    let stops = |b: &u8| *b == b'"' || *b == b'\\' || (cut && *b == b'\n');
    if let Some(k) = bytes[from..head].iter().position(stops) {
        return Some(from + k);
    }
    let rest = &bytes[head..];
    let hit = if cut {
        memchr3(b'"', b'\\', b'\n', rest)
    } else {
        memchr2(b'"', b'\\', rest)
    };
    hit.map(|k| head + k)
}

const fn splat(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of the lowest zero byte of `x` is set (higher bits may be
/// set spuriously, which `trailing_zeros` ignores).
const fn zero_byte(x: u64) -> u64 {
    x.wrapping_sub(splat(1)) & !x & splat(0x80)
}

fn scalar_end(bytes: &[u8], in_array: bool) -> Step {
    let stop = bytes.iter().position(|&b| {
        matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'{' | b'[' | b'"')
            || (in_array && matches!(b, b',' | b']'))
    });
    stop.map_or(Step::NeedMore, Step::Done)
}

#[cfg(test)]
mod tests;
