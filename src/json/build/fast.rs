//! A hand-written builder for well-formed payloads: the same [`Doc`] as the
//! serde_json builder (its parent module), value for value, in a fraction
//! of the instructions, above all in the parts a parse skips, which it
//! validates with byte searches instead of a visitor call per value.
//!
//! It gives up ([`Bail`]) on any syntax error, on a payload nested deeper
//! than [`MAX_DEPTH`] (skipped parts included), and on the rare forms whose
//! reading is left to serde_json alone (a `\u` escape of a surrogate that
//! is not part of a valid pair, an object whose first key is serde_json's
//! number token). The payload is then built by serde_json, whose error is
//! the one reported: messages and places stay serde_json's.
//!
//! What it accepts, serde_json's builder accepts too, with the same
//! result: a test compares both on every extent and many payloads.

use memchr::memchr2;

use super::super::depth::MAX_DEPTH;
use super::{Builder, Extent, Guide, NUMBER_TOKEN, Span};
use crate::json::{Doc, Kind, Member, Slot, Wide};
use crate::schema::Cursor;

/// The builder gave up: serde_json builds the payload instead.
#[derive(Debug)]
pub(super) struct Bail;

impl std::fmt::Display for Bail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for Bail {}

impl serde::de::Error for Bail {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// The document of `text`, unless the payload is left to serde_json.
pub(super) fn build(text: &str, extent: Extent, limit: usize) -> Option<Doc<'_>> {
    let mut builder = Builder::new(text, extent, limit);
    let guide = builder.root_guide();
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
        unescaped: String::new(),
        // A control character may only sit inside a string (where it is an
        // error) when the payload holds one at all.
        controls: has_control(text.as_bytes()),
        builder: &mut builder,
    };
    let root = parser.value(0, true, guide).ok()?;
    parser.whitespace();
    if parser.at != parser.bytes.len() {
        return None;
    }
    builder.doc.root = root;
    Some(builder.doc)
}

/// Whether `bytes` holds a byte below 0x20 (written so that it compiles to
/// vector instructions: no early exit).
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |seen, &b| seen | (b < 0x20))
}

/// The offset in `bytes` of the first `"`, `\\` or byte below 0x20 (the
/// last only looked for in the first 64 bytes unless `controls`). Strings
/// are mostly short keys and values: their first bytes are searched eight
/// at a time in a `u64`, the rest by `memchr`.
#[inline(always)]
fn stop(bytes: &[u8], controls: bool) -> Option<usize> {
    let word = |i: usize| {
        let chunk = bytes.get(i..i + 8).and_then(|c| c.try_into().ok());
        u64::from_le_bytes(chunk.unwrap_or([0; 8]))
    };
    let mut i = 0;
    // Two words a turn, up to 64 bytes: past that, `memchr` pays off.
    while i < 64 && i + 16 <= bytes.len() {
        let (a, b) = (specials(word(i)), specials(word(i + 8)));
        if a | b != 0 {
            let k = if a != 0 {
                a.trailing_zeros()
            } else {
                64 + b.trailing_zeros()
            };
            return Some(i + k as usize / 8);
        }
        i += 16;
    }
    if i < 64 && i + 8 <= bytes.len() {
        let a = specials(word(i));
        if a != 0 {
            return Some(i + a.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    let rest = &bytes[i..];
    let k = memchr2(b'"', b'\\', rest);
    let end = k.unwrap_or(rest.len());
    if controls {
        if let Some(control) = first_control(&rest[..end]) {
            return Some(i + control);
        }
    }
    k.map(|k| i + k)
}

/// The offset of the first control character in `bytes`, in a payload
/// that holds some (such as line breaks between members).
#[cold]
#[inline(never)]
fn first_control(bytes: &[u8]) -> Option<usize> {
    // A vector pass first: long strings (data URIs) hold none.
    if !has_control(bytes) {
        return None;
    }
    bytes.iter().position(|&b| b < 0x20)
}

/// The high bit of each byte of `w` (eight bytes of text, little-endian)
/// that is a quote, a backslash or a control character: exact for the
/// lowest such byte, the only one read.
#[inline(always)]
fn specials(w: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    const QUOTES: u64 = ONES * b'"' as u64;
    const BACKSLASHES: u64 = ONES * b'\\' as u64;
    const SPACES: u64 = ONES * 0x20;
    let q = w ^ QUOTES;
    let b = w ^ BACKSLASHES;
    (q.wrapping_sub(ONES) & !q | b.wrapping_sub(ONES) & !b | w.wrapping_sub(SPACES) & !w) & HIGH
}

/// A string just read: where it is in the text when it held no escape,
/// else in [`Parser::unescaped`].
#[derive(Clone, Copy)]
enum Str {
    Text(Span),
    Unescaped,
}

struct Parser<'b, 'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
    /// The unescaped text of the last string that held escapes.
    unescaped: String,
    /// Whether strings must be checked for control characters.
    controls: bool,
    builder: &'b mut Builder<'a>,
}

impl Parser<'_, '_> {
    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace (not consumed).
    #[inline]
    fn peek(&mut self) -> Result<u8> {
        match self.bytes.get(self.at) {
            Some(&b) if b > b' ' => Ok(b),
            _ => {
                self.whitespace();
                self.bytes.get(self.at).copied().ok_or(Bail)
            }
        }
    }

    /// Consumes `byte`, after whitespace.
    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek()? != byte {
            return Err(Bail);
        }
        self.at += 1;
        Ok(())
    }

    /// Builds a value whose parent containers number `depth`; `keep` and
    /// `guide` as in the serde_json builder's `NodeSeed`.
    fn value(&mut self, depth: u32, keep: bool, guide: Guide) -> Result<u32> {
        let slot = match self.peek()? {
            b'{' => return self.object(depth, keep, guide),
            b'[' => return self.array(depth, keep, guide),
            b'"' => {
                self.at += 1;
                let span = match self.string(true)? {
                    Str::Text(span) => span,
                    Str::Unescaped => self.builder.copy::<Bail>(&self.unescaped)?,
                };
                Slot::String(span)
            }
            b'-' | b'0'..=b'9' => self.number()?,
            b't' => self.literal(b"true", Slot::Bool(true))?,
            b'f' => self.literal(b"false", Slot::Bool(false))?,
            b'n' => self.literal(b"null", Slot::Null)?,
            _ => return Err(Bail),
        };
        Ok(self.builder.push(slot))
    }

    fn literal(&mut self, word: &[u8], slot: Slot) -> Result<Slot> {
        if !self.bytes[self.at..].starts_with(word) {
            return Err(Bail);
        }
        self.at += word.len();
        Ok(slot)
    }

    #[inline(never)]
    fn object(&mut self, depth: u32, keep: bool, guide: Guide) -> Result<u32> {
        self.at += 1;
        if depth as usize >= MAX_DEPTH {
            return Err(Bail);
        }
        if self.peek()? == b'}' {
            self.at += 1;
            let first = self.builder.doc.members.len() as u32;
            return Ok(self.builder.push(Slot::Object { first, len: 0 }));
        }
        if !keep {
            self.skip_members(depth + 1)?;
            return Ok(self.builder.push(Slot::Skipped(Kind::Object)));
        }
        let mark = self.builder.scratch_members.len();
        let mut cursor = Cursor::default();
        let mut first = true;
        loop {
            self.expect(b'"')?;
            let key = self.key(first)?;
            first = false;
            self.expect(b':')?;
            let (guide, keep) = self.child(guide, &key, depth + 1, &mut cursor);
            if guide.drops() {
                self.skip_value(depth + 1)?;
            } else {
                let id = self.value(depth + 1, keep, guide)?;
                // Copied after the value, as serde_json's builder does.
                let key = match key {
                    Key::Text(span) => span,
                    Key::Owned(key) => self.builder.copy::<Bail>(&key)?,
                };
                self.builder.scratch_members.push(Member { key, id });
            }
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Ok(self.builder.close_object(mark));
                }
                _ => return Err(Bail),
            }
        }
    }

    /// A key (its opening quote read); the first one of an object may not
    /// be serde_json's number token.
    fn key(&mut self, first: bool) -> Result<Key> {
        let key = match self.string(true)? {
            Str::Text(span) => Key::Text(span),
            Str::Unescaped => Key::Owned(std::mem::take(&mut self.unescaped)),
        };
        if first && self.key_text(&key) == NUMBER_TOKEN {
            return Err(Bail);
        }
        Ok(key)
    }

    fn key_text<'k>(&'k self, key: &'k Key) -> &'k str {
        match key {
            Key::Text(span) => {
                let start = span.start as usize;
                &self.text[start..start + span.len as usize]
            }
            Key::Owned(key) => key,
        }
    }

    fn child(&self, guide: Guide, key: &Key, depth: u32, cursor: &mut Cursor) -> (Guide, bool) {
        self.builder
            .child(guide, Some(self.key_text(key)), depth, cursor)
    }

    #[inline(never)]
    fn array(&mut self, depth: u32, keep: bool, guide: Guide) -> Result<u32> {
        self.at += 1;
        if depth as usize >= MAX_DEPTH {
            return Err(Bail);
        }
        if !keep {
            self.skip_items(depth + 1)?;
            return Ok(self.builder.push(Slot::Skipped(Kind::Array)));
        }
        let mark = self.builder.scratch_items.len();
        if self.peek()? == b']' {
            self.at += 1;
            return Ok(self.builder.close_array(mark));
        }
        let mut cursor = Cursor::default();
        loop {
            let (guide, keep) = self.builder.child(guide, None, depth + 1, &mut cursor);
            let id = self.value(depth + 1, keep, guide)?;
            self.builder.scratch_items.push(id);
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(self.builder.close_array(mark));
                }
                _ => return Err(Bail),
            }
        }
    }

    /// A number, as serde_json (with `arbitrary_precision`) hands it to the
    /// builder: an integer that fits `u64` (or, negative, `i64`, but for
    /// `-0`), else its text with the exponent spelled `e` and signed.
    fn number(&mut self) -> Result<Slot> {
        let start = self.at;
        let negative = self.bytes[start] == b'-';
        if negative {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                if self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                    return Err(Bail);
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Bail),
        }
        let mut integer = true;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.some_digits()?;
            integer = false;
        }
        let mantissa_end = self.at;
        let mut exponent = None;
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            let sign = match self.bytes.get(self.at) {
                Some(&sign @ (b'+' | b'-')) => {
                    self.at += 1;
                    sign
                }
                _ => b'+',
            };
            let digits = self.at;
            self.some_digits()?;
            exponent = Some((sign, digits));
            integer = false;
        }
        let text = &self.text[start..self.at];
        if integer {
            if !negative {
                if let Ok(n) = text.parse::<u64>() {
                    return Ok(Slot::Unsigned(Wide::new(n)));
                }
            } else if text != "-0" {
                if let Ok(n) = text.parse::<i64>() {
                    return Ok(Slot::Signed(Wide::new(n as u64)));
                }
            }
        }
        self.number_text(start, mantissa_end, exponent)
    }

    /// A number that is not an integer `u64`/`i64` holds: its text copied,
    /// the exponent (its sign and digits starting at the given offset)
    /// spelled `e` and signed, as serde_json spells it.
    #[cold]
    #[inline(never)]
    fn number_text(
        &mut self,
        start: usize,
        mantissa_end: usize,
        exponent: Option<(u8, usize)>,
    ) -> Result<Slot> {
        let span = match exponent {
            None => self.builder.copy::<Bail>(&self.text[start..self.at])?,
            Some((sign, digits)) => {
                let mut spelled = String::with_capacity(self.at - start + 1);
                spelled.push_str(&self.text[start..mantissa_end]);
                spelled.push('e');
                spelled.push(char::from(sign));
                spelled.push_str(&self.text[digits..self.at]);
                self.builder.copy::<Bail>(&spelled)?
            }
        };
        Ok(Slot::NumberText(span))
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<()> {
        let start = self.at;
        self.digits();
        if self.at == start {
            return Err(Bail);
        }
        Ok(())
    }

    /// A string whose opening quote has been read, up to its closing
    /// quote. With `unescape`, a string that holds escapes is written out
    /// to [`Parser::unescaped`]; without, it is only validated.
    #[inline(always)]
    fn string(&mut self, unescape: bool) -> Result<Str> {
        let start = self.at;
        let k = stop(&self.bytes[start..], self.controls).ok_or(Bail)?;
        let end = start + k;
        self.at = end + 1;
        match self.bytes[end] {
            b'"' => Ok(Str::Text(Span {
                start: start as u32,
                len: k as u32,
            })),
            b'\\' => self.escaped_string(start, end, unescape),
            // A control character.
            _ => Err(Bail),
        }
    }

    /// The rest of a string (from `start`) whose first escape's backslash
    /// is at `end` (and read).
    #[cold]
    #[inline(never)]
    fn escaped_string(&mut self, start: usize, mut end: usize, unescape: bool) -> Result<Str> {
        if unescape {
            self.unescaped.clear();
            self.unescaped.push_str(&self.text[start..end]);
        }
        loop {
            // At a backslash (read).
            let c = self.escape()?;
            if unescape {
                self.unescaped.push(c);
            }
            let from = self.at;
            let k = stop(&self.bytes[from..], self.controls).ok_or(Bail)?;
            end = from + k;
            if unescape {
                self.unescaped.push_str(&self.text[from..end]);
            }
            self.at = end + 1;
            match self.bytes[end] {
                b'"' => return Ok(Str::Unescaped),
                b'\\' => {}
                _ => return Err(Bail),
            }
        }
    }

    /// The character of an escape whose backslash has been read. Surrogates
    /// must come as a valid pair.
    fn escape(&mut self) -> Result<char> {
        let byte = *self.bytes.get(self.at).ok_or(Bail)?;
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\x08',
            b'f' => '\x0c',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if !self.bytes[self.at..].starts_with(b"\\u") {
                            return Err(Bail);
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(Bail);
                        }
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(Bail),
                    _ => u32::from(unit),
                };
                char::from_u32(code).ok_or(Bail)?
            }
            _ => return Err(Bail),
        })
    }

    fn hex4(&mut self) -> Result<u16> {
        let digits = self.bytes.get(self.at..self.at + 4).ok_or(Bail)?;
        let mut unit = 0u16;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or(Bail)?;
            unit = unit << 4 | v as u16;
        }
        self.at += 4;
        Ok(unit)
    }

    /// Validates a value whose parent containers number `depth`, without
    /// building it.
    #[inline(always)]
    fn skip_value(&mut self, depth: u32) -> Result<()> {
        match self.peek()? {
            b'{' => {
                self.at += 1;
                if depth as usize >= MAX_DEPTH {
                    return Err(Bail);
                }
                self.skip_members(depth + 1)
            }
            b'[' => {
                self.at += 1;
                if depth as usize >= MAX_DEPTH {
                    return Err(Bail);
                }
                self.skip_items(depth + 1)
            }
            b'"' => {
                self.at += 1;
                self.string(false).map(drop)
            }
            b'-' | b'0'..=b'9' => self.skip_number(),
            b't' => self.literal(b"true", Slot::Null).map(drop),
            b'f' => self.literal(b"false", Slot::Null).map(drop),
            b'n' => self.literal(b"null", Slot::Null).map(drop),
            _ => Err(Bail),
        }
    }

    /// The grammar of [`Parser::number`] without its bookkeeping; keep the
    /// two in step. One shared scanner cost `check` and `csv` 0.8–1% more
    /// instructions (callgrind, 2026-12-02): the builder's inlining changed.
    fn skip_number(&mut self) -> Result<()> {
        if self.bytes[self.at] == b'-' {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                if self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                    return Err(Bail);
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Bail),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(())
    }

    /// The members of an object whose `{` has been read, each value at
    /// `depth`.
    #[inline(never)]
    fn skip_members(&mut self, depth: u32) -> Result<()> {
        if self.peek()? == b'}' {
            self.at += 1;
            return Ok(());
        }
        let mut first = true;
        loop {
            self.expect(b'"')?;
            let start = self.at;
            self.string(false)?;
            if first && &self.bytes[start..self.at - 1] == NUMBER_TOKEN.as_bytes() {
                return Err(Bail);
            }
            first = false;
            self.expect(b':')?;
            self.skip_value(depth)?;
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Bail),
            }
        }
    }

    /// The elements of an array whose `[` has been read, each at `depth`.
    #[inline(never)]
    fn skip_items(&mut self, depth: u32) -> Result<()> {
        if self.peek()? == b']' {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.skip_value(depth)?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(Bail),
            }
        }
    }
}

/// A key just read: in the text, or unescaped (taken out of
/// [`Parser::unescaped`], which the member's value may reuse).
enum Key {
    Text(Span),
    Owned(String),
}

#[cfg(test)]
mod tests;
