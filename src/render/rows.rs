//! Writers of entity rows: CSV with the `csv` crate (RFC 4180 quoting, so
//! any text survives a round trip byte for byte), TSV one record per line
//! (backslash escapes, the convention of jq's `@tsv` and PostgreSQL's text
//! `COPY`), JSON Lines
//! with serde_json's string escaping (one object per row, the header's
//! keys, values typed as in the payload). Also the `--list` text.

use std::io::Write;

use anyhow::Result;
use chrono::FixedOffset;

use crate::json::{Node, Number, Val};
use crate::rows::{RowSink, Table, Times, Value, format_datetime};

/// How rows are written, resolved once per run.
#[derive(Debug, Clone)]
pub struct RowFormat {
    layout: Layout,
    /// Prefix text cells starting with `= + - @`, tab or CR with `'`.
    formula_guard: bool,
}

#[derive(Debug, Clone)]
enum Layout {
    Delimited(u8),
    /// TSV: escapes instead of quotes, with this field delimiter.
    Tsv(u8),
    /// The pre-escaped `"key":` of every column, `source` first.
    JsonLines(Vec<Box<[u8]>>),
}

/// Bytes that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: &[u8] = b"=+-@\t\r";

impl RowFormat {
    /// CSV or TSV with this field delimiter.
    pub fn delimited(delimiter: u8, formula_guard: bool) -> Self {
        RowFormat {
            layout: Layout::Delimited(delimiter),
            formula_guard,
        }
    }

    /// TSV with this field delimiter (a tab unless asked otherwise): no
    /// quoting; inside a cell `\\`, `\t`, `\n` and `\r` stand for a
    /// backslash, tab, newline and CR, and `\` before another delimiter
    /// for that delimiter, so every record is one line.
    pub fn tsv(delimiter: u8, formula_guard: bool) -> Self {
        RowFormat {
            layout: Layout::Tsv(delimiter),
            formula_guard,
        }
    }

    /// JSON Lines with the columns of `table` as keys.
    pub fn json_lines(table: &Table, formula_guard: bool) -> Self {
        let keys = table
            .header()
            .map(|name| {
                let mut key = serde_json::to_vec(name).unwrap_or_default();
                key.push(b':');
                key.into_boxed_slice()
            })
            .collect();
        RowFormat {
            layout: Layout::JsonLines(keys),
            formula_guard,
        }
    }

    /// A writer appending rows to `out`; call [`RowWriter::finish`].
    pub fn writer<'o>(&'o self, out: &'o mut Vec<u8>) -> RowWriter<'o> {
        let inner = match &self.layout {
            Layout::Delimited(delimiter) => Inner::Delimited(
                csv::WriterBuilder::new()
                    .delimiter(*delimiter)
                    .buffer_capacity(4096)
                    .from_writer(out),
            ),
            Layout::Tsv(delimiter) => Inner::Tsv {
                out,
                delimiter: *delimiter,
                column: 0,
            },
            Layout::JsonLines(keys) => Inner::JsonLines {
                out,
                keys,
                column: 0,
            },
        };
        RowWriter {
            inner,
            guard: self.formula_guard,
            scratch: String::new(),
            times: String::new(),
        }
    }

    /// The header row (nothing for JSON Lines, whose rows carry the keys).
    pub fn header(&self, table: &Table, out: &mut Vec<u8>) -> Result<()> {
        if let Layout::Delimited(_) | Layout::Tsv(_) = self.layout {
            let mut writer = self.writer(out);
            for name in table.header() {
                writer.text(name, false);
            }
            writer.end_row();
            writer.finish()?;
        }
        Ok(())
    }
}

/// Writes rows into one payload's output buffer.
pub struct RowWriter<'o> {
    inner: Inner<'o>,
    guard: bool,
    /// A guarded cell, `'` + its text.
    scratch: String,
    /// A datetime cell's text.
    times: String,
}

#[allow(
    clippy::large_enum_variant,
    reason = "one short-lived writer per payload; boxing would add an allocation each"
)]
enum Inner<'o> {
    Delimited(csv::Writer<&'o mut Vec<u8>>),
    Tsv {
        out: &'o mut Vec<u8>,
        delimiter: u8,
        column: usize,
    },
    JsonLines {
        out: &'o mut Vec<u8>,
        keys: &'o [Box<[u8]>],
        column: usize,
    },
}

impl std::fmt::Debug for RowWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RowWriter")
    }
}

impl RowWriter<'_> {
    /// Flushes what the CSV writer still buffers.
    pub fn finish(self) -> Result<()> {
        if let Inner::Delimited(mut csv) = self.inner {
            csv.flush()?;
        }
        Ok(())
    }

    /// A text cell; `guard` says whether the formula guard may apply.
    fn text(&mut self, text: &str, guard: bool) {
        let starts_formula = text
            .as_bytes()
            .first()
            .is_some_and(|b| FORMULA_STARTS.contains(b));
        let text = if guard && self.guard && starts_formula {
            self.scratch.clear();
            self.scratch.push('\'');
            self.scratch.push_str(text);
            &self.scratch[..]
        } else {
            text
        };
        match &mut self.inner {
            // The writer's target is a Vec: writing cannot fail.
            Inner::Delimited(csv) => {
                let _ = csv.write_field(text);
            }
            Inner::Tsv {
                out,
                delimiter,
                column,
            } => {
                open_tsv_cell(out, *delimiter, column);
                tsv_escape(out, text.as_bytes(), *delimiter);
            }
            Inner::JsonLines { out, keys, column } => {
                open_cell(out, keys, column);
                json_string(out, text);
            }
        }
    }

    /// A cell that is JSON as it stands (a number, boolean, null, or a
    /// compact container); `cell` is its CSV text.
    fn raw(&mut self, json: &[u8], cell: &[u8]) {
        match &mut self.inner {
            Inner::Delimited(csv) => {
                let _ = csv.write_field(cell);
            }
            Inner::Tsv {
                out,
                delimiter,
                column,
            } => {
                open_tsv_cell(out, *delimiter, column);
                tsv_escape(out, cell, *delimiter);
            }
            Inner::JsonLines { out, keys, column } => {
                open_cell(out, keys, column);
                out.extend_from_slice(json);
            }
        }
    }

    fn number(&mut self, number: &Number<'_>) {
        let mut buf = [0u8; 24];
        let text: &[u8] = match number {
            Number::Text(t) => t.as_bytes(),
            Number::Unsigned(u) => format_into(&mut buf, *u),
            Number::Signed(i) => format_into(&mut buf, *i),
        };
        self.raw(text, text);
    }

    fn payload_value(&mut self, value: Val<'_, '_>) {
        match value.node().as_ref() {
            None | Some(Node::Null | Node::Skipped(_)) => self.raw(b"null", b""),
            Some(Node::Bool(b)) => self.bool(*b),
            Some(Node::Number(n)) => self.number(n),
            Some(Node::String(s)) => self.text(s, true),
            Some(Node::Array { .. } | Node::Object { .. }) => {
                let json = value.to_json();
                self.raw(json.as_bytes(), json.as_bytes());
            }
        }
    }

    /// A datetime in RFC 3339; as the payload holds it when it does not
    /// parse.
    fn datetime(&mut self, value: Val<'_, '_>, times: Times, local: FixedOffset) {
        let Some(text) = value.as_str() else {
            return self.payload_value(value);
        };
        let mut formatted = std::mem::take(&mut self.times);
        formatted.clear();
        if format_datetime(text, times, local, &mut formatted) {
            self.text(&formatted, false);
        } else {
            self.text(text, true);
        }
        self.times = formatted;
    }

    fn bool(&mut self, b: bool) {
        let text: &[u8] = if b { b"true" } else { b"false" };
        self.raw(text, text);
    }
}

impl RowSink for RowWriter<'_> {
    fn cell(&mut self, value: &Value<'_, '_>) {
        match value {
            Value::Json(v) => self.payload_value(*v),
            Value::Text(t) => self.text(t, true),
            Value::Label(t) => self.text(t, false),
            Value::Number(n) => self.raw(n.as_bytes(), n.as_bytes()),
            Value::Count(n) => {
                let mut buf = [0u8; 24];
                let text = format_into(&mut buf, *n);
                self.raw(text, text);
            }
            Value::Bool(b) => self.bool(*b),
            Value::Datetime(v, times, local) => self.datetime(*v, *times, *local),
            Value::Empty => self.raw(b"null", b""),
        }
    }

    fn end_row(&mut self) {
        match &mut self.inner {
            Inner::Delimited(csv) => {
                let _ = csv.write_record(None::<&[u8]>);
            }
            Inner::Tsv { out, column, .. } => {
                out.push(b'\n');
                *column = 0;
            }
            Inner::JsonLines { out, column, .. } => {
                out.extend_from_slice(if *column == 0 { b"{}\n" } else { b"}\n" });
                *column = 0;
            }
        }
    }
}

/// The delimiter before every TSV cell but the first.
fn open_tsv_cell(out: &mut Vec<u8>, delimiter: u8, column: &mut usize) {
    if *column > 0 {
        out.push(delimiter);
    }
    *column += 1;
}

/// `text` with backslash, tab, newline, CR and the delimiter escaped; the
/// unescaped runs are copied whole.
fn tsv_escape(out: &mut Vec<u8>, text: &[u8], delimiter: u8) {
    let mut start = 0;
    for (i, &b) in text.iter().enumerate() {
        let escaped = match b {
            b'\\' => b'\\',
            b'\t' => b't',
            b'\n' => b'n',
            b'\r' => b'r',
            _ if b == delimiter => b,
            _ => continue,
        };
        out.extend_from_slice(&text[start..i]);
        out.extend_from_slice(&[b'\\', escaped]);
        start = i + 1;
    }
    out.extend_from_slice(&text[start..]);
}

/// `{` or `,`, then the column's `"key":`.
fn open_cell(out: &mut Vec<u8>, keys: &[Box<[u8]>], column: &mut usize) {
    out.push(if *column == 0 { b'{' } else { b',' });
    if let Some(key) = keys.get(*column) {
        out.extend_from_slice(key);
    }
    *column += 1;
}

/// A JSON string literal for `text`, escaped by serde_json.
fn json_string(out: &mut Vec<u8>, text: &str) {
    // Serializing a str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

fn format_into(buf: &mut [u8; 24], n: impl std::fmt::Display) -> &[u8] {
    let mut cursor = std::io::Cursor::new(&mut buf[..]);
    let _ = write!(cursor, "{n}");
    let len = cursor.position() as usize;
    &buf[..len]
}

/// `--list`: every entity with what it is and its columns, wrapped to
/// `width`.
pub fn list(entries: &[(&Table, String)], width: usize, out: &mut dyn Write) -> Result<()> {
    const INDENT: &str = "    ";
    const NAME_WIDTH: usize = 16;
    for (i, (table, about)) in entries.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{:<NAME_WIDTH$}{about}", table.name)?;
        let mut line = String::from(INDENT);
        let names: Vec<&str> = table.header().collect();
        for (j, name) in names.iter().enumerate() {
            let piece = if j + 1 < names.len() {
                format!("{name},")
            } else {
                (*name).to_string()
            };
            if line.len() > INDENT.len() && line.len() + 1 + piece.len() > width {
                writeln!(out, "{}", line.trim_end())?;
                line = String::from(INDENT);
            }
            if line.len() > INDENT.len() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
