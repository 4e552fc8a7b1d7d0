//! Renderers of summaries: text tables for people, one JSON object per
//! payload for scripts.
//!
//! Text layout: a heading line per payload, then each section's title and
//! its table indented by two spaces, a blank line between sections and
//! after the payload. Tables have no borders; list tables have an
//! upper-case header row, and turn into records when too narrow (see
//! `grid` for the rules). The layout depends only on the width, so piped
//! output (width 100 unless `COLUMNS` says otherwise) is stable. Styles
//! travel with the text through the layout and are painted last, so color
//! only adds escape codes.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde::ser::SerializeMap;

use super::grid::{self, ColumnKind, Grid, Piece};
use super::style::{Role, paint, paint_hex};
use crate::check::Finding;
use crate::schema::Severity;
use crate::summary::{
    self, Body, Column, Field, Fit, Parts, Raw, Scalar, Section, Summary, Tone, Value,
};
use crate::text::{escape_control, escape_control_keep_newlines};

/// Left margin of section bodies.
const INDENT: &str = "  ";
/// Fields a section lists without `--full` (the fields a payload has that
/// no description knows can number millions); a note says how many more.
const MAX_FIELDS: usize = 200;
/// Lines a `Fit::Prose` cell keeps without `--full`.
const PROSE_LINES: usize = 3;
/// Widest a `Fit::Short` column gets: a date and time,
/// `2025-09-09 08:00:00`, and two more.
const SHORT_WIDTH: usize = 21;

/// How text output looks.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub color: bool,
    /// Terminal width in columns.
    pub width: usize,
    /// Whole values instead of cut ones.
    pub full: bool,
}

/// The summary for people.
pub fn text(summary: &Summary, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let source = paint(&escape_control(&summary.source), Role::Source, view.color);
    let kind = format!("{} {}", summary.provider, escape_control(&summary.kind));
    writeln!(out, "{source}  {}", paint(&kind, Role::Muted, view.color))?;
    if summary.sections.is_empty() {
        let names: Vec<&str> = summary.unpicked.iter().map(|n| n.name).collect();
        let line = match names.as_slice() {
            [] => "nothing to show".to_string(),
            names => format!(
                "no picked section applies; this payload has {}",
                names.join(", ")
            ),
        };
        writeln!(out, "{INDENT}{}", paint(&line, Role::Muted, view.color))?;
    }
    if !summary.findings.is_empty() {
        writeln!(out)?;
        findings_text(&summary.findings, view, out)?;
    }
    for section in &summary.sections {
        writeln!(out)?;
        section_text(section, view, out)?;
    }
    writeln!(out)?;
    Ok(())
}

fn section_text(section: &Section, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let mut title = section.name.title.to_string();
    if let Body::Table(table) = &section.body {
        title.push_str(&format!(" ({})", table.rows.len()));
    }
    writeln!(out, "{}", paint(&title, Role::Header, view.color))?;
    let mut hidden = 0;
    match &section.body {
        _ if section.has_no_rows() => {
            write_line(&[(Cow::Borrowed("none"), Ink::Muted)], view, out);
        }
        Body::Fields(fields) if fields.len() > MAX_FIELDS && !view.full => {
            hidden = fields.len() - MAX_FIELDS;
            fields_table(&fields[..MAX_FIELDS], view, out);
        }
        Body::Fields(fields) => fields_table(fields, view, out),
        Body::Table(table) => list_table(table.columns, &table.rows, view, out),
    }
    if hidden > 0 {
        let note = format!("… and {hidden} more (--full shows them all)");
        writeln!(out, "{INDENT}{}", paint(&note, Role::Muted, view.color))?;
    }
    for note in &section.notes {
        wrapped(note, Ink::Muted, view, out);
    }
    Ok(())
}

/// What `check` reports, errors first: `error[code]`, then the pointer and
/// the message.
fn findings_text(findings: &[Finding], view: &View, out: &mut Vec<u8>) -> Result<()> {
    let title = format!("Findings ({})", findings_count(findings));
    writeln!(out, "{}", paint(&title, Role::Header, view.color))?;
    let rows = findings
        .iter()
        .map(|f| {
            let label = format!("{}[{}]", f.severity.as_str(), f.code.as_str());
            let mut detail = Vec::new();
            if !f.pointer.is_empty() {
                detail.push(piece(clean(&f.pointer, Fit::Wrap), Ink::Muted, true));
                detail.push(piece(Cow::Borrowed(": "), Ink::Muted, false));
            }
            // The payload's value a message quotes is one unbroken piece.
            let (said, quoted) = split_quote(clean(&f.message, Fit::Wrap));
            detail.push(piece(said, Ink::Plain, false));
            if let Some(quoted) = quoted {
                detail.push(piece(quoted, Ink::Plain, true));
            }
            (
                vec![
                    vec![piece(label.into(), severity_ink(f.severity), true)],
                    detail,
                ],
                None,
            )
        })
        .collect();
    label_and_prose(rows, ["FINDING", "WHERE AND WHAT"], true, view, out);
    Ok(())
}

/// A message split before the payload's value it quotes (from ` "` on),
/// borrowing what it can.
fn split_quote(message: Cow<'_, str>) -> (Cow<'_, str>, Option<Cow<'_, str>>) {
    let Some(at) = message.find(" \"").map(|i| i + 1) else {
        return (message, None);
    };
    match message {
        Cow::Borrowed(m) => (Cow::Borrowed(&m[..at]), Some(Cow::Borrowed(&m[at..]))),
        Cow::Owned(m) => (
            Cow::Owned(m[..at].to_string()),
            Some(Cow::Owned(m[at..].to_string())),
        ),
    }
}

/// `6 errors, 3 warnings`, leaving out a severity with none.
fn findings_count(findings: &[Finding]) -> String {
    let count = |severity: Severity, one: &str, many: &str| {
        let n = findings.iter().filter(|f| f.severity == severity).count();
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    };
    [
        count(Severity::Error, "error", "errors"),
        count(Severity::Warning, "warning", "warnings"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

fn severity_ink(severity: Severity) -> Ink<'static> {
    match severity {
        Severity::Error => Ink::Bad,
        Severity::Warning => Ink::Warn,
    }
}

/// A laid-out line, indented and painted (a blank line when empty).
fn write_line(line: &[(Cow<'_, str>, Ink<'_>)], view: &View, out: &mut Vec<u8>) {
    if !line.is_empty() {
        out.extend_from_slice(INDENT.as_bytes());
        for (text, ink) in line {
            draw(text, *ink, view.color, out);
        }
    }
    out.push(b'\n');
}

/// Prose wrapped to the width.
fn wrapped(text: &str, ink: Ink<'_>, view: &View, out: &mut Vec<u8>) {
    let grid = Grid {
        columns: vec![ColumnKind::PLAIN],
        header: None,
        rows: vec![(vec![vec![piece(clean(text, Fit::Prose), ink, false)]], None)],
        full: view.full,
    };
    finish(&grid, view, out, None);
}

/// Label and value, one row per field; the value column is prose.
fn fields_table(fields: &[Field], view: &View, out: &mut Vec<u8>) {
    let rows = fields
        .iter()
        .map(|field| {
            let label = vec![piece(clean(field.label(), Fit::Wrap), Ink::Muted, false)];
            (vec![label, cell(&field.value, Fit::Wrap)], None)
        })
        .collect();
    label_and_prose(rows, ["NAME", "VALUE"], false, view, out);
}

/// A label column and a prose column. The header (its names unbroken when
/// `unbroken`) only names the fields of the record layout: when the table
/// fits, its header line is dropped.
fn label_and_prose<'a>(
    rows: Vec<(Vec<grid::Cell<'a, Ink<'a>>>, Option<usize>)>,
    header: [&'static str; 2],
    unbroken: bool,
    view: &View,
    out: &mut Vec<u8>,
) {
    let grid = Grid {
        columns: vec![ColumnKind::PLAIN, ColumnKind::PROSE],
        header: Some(
            header
                .iter()
                .map(|name| vec![piece(Cow::Borrowed(*name), Ink::Strong, unbroken)])
                .collect(),
        ),
        rows,
        full: view.full,
    };
    finish(&grid, view, out, Some(header[0]));
}

/// An upper-case header, then one row per item; rows are cut to one line
/// (`Fit::Line`) or a few (`Fit::Prose`) unless `--full`.
fn list_table(columns: &[Column], rows: &[Vec<Value>], view: &View, out: &mut Vec<u8>) {
    let (columns, rows) = without_empty_columns(columns, rows);
    let header = columns
        .iter()
        .map(|c| vec![piece(c.label.to_uppercase().into(), Ink::Strong, true)])
        .collect();
    let limit = columns
        .iter()
        .filter_map(|c| match c.fit {
            Fit::Wrap | Fit::Short => None,
            Fit::Line => Some(1),
            Fit::Prose => Some(PROSE_LINES),
        })
        .min()
        .filter(|_| !view.full);
    let kinds: Vec<ColumnKind> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| ColumnKind {
            prose: c.fit == Fit::Prose || c.fit == Fit::Wrap && holds_sentences(&rows, i),
            max: (c.fit == Fit::Short).then_some(SHORT_WIDTH),
            whole: false,
        })
        .collect();
    let rows = rows
        .iter()
        .map(|values| {
            // A value that does not parse is shown whole, marker included.
            let lines = limit.filter(|_| !values.iter().any(|v| v.malformed));
            let cells = columns
                .iter()
                .zip(values)
                .map(|(c, v)| cell(v, c.fit))
                .collect();
            (cells, lines)
        })
        .collect();
    let grid = Grid {
        columns: kinds,
        header: Some(header),
        rows,
        full: view.full,
    };
    finish(&grid, view, out, None);
}

/// Whether a cell of column `i` reads as a sentence (four words or more):
/// such a column is prose.
fn holds_sentences(rows: &[Vec<&Value>], i: usize) -> bool {
    rows.iter().any(|r| {
        r.get(i)
            .and_then(|v| v.text.as_deref())
            .is_some_and(|t| t.split(' ').filter(|w| !w.is_empty()).nth(3).is_some())
    })
}

/// Columns with nothing in any row are left out.
fn without_empty_columns<'a>(
    columns: &[Column],
    rows: &'a [Vec<Value>],
) -> (Vec<Column>, Vec<Vec<&'a Value>>) {
    let has_value = |i: usize| {
        rows.iter()
            .any(|r| r.get(i).is_some_and(|v| v.text.is_some()))
    };
    let shown: Vec<usize> = (0..columns.len()).filter(|&i| has_value(i)).collect();
    static NONE: std::sync::LazyLock<Value> = std::sync::LazyLock::new(Value::default);
    let rows = rows
        .iter()
        .map(|r| shown.iter().map(|&i| r.get(i).unwrap_or(&*NONE)).collect())
        .collect();
    (shown.iter().map(|&i| columns[i]).collect(), rows)
}

/// Lays `grid` out to the view's width and writes it; a first line that
/// starts with `drop_header` (a header only the record layout needs) is
/// left out.
fn finish(grid: &Grid<'_, Ink<'_>>, view: &View, out: &mut Vec<u8>, drop_header: Option<&str>) {
    let mut first = true;
    let mut emit = |line: &[(Cow<'_, str>, Ink<'_>)]| {
        let is_first = std::mem::take(&mut first);
        let header =
            is_first && drop_header.is_some_and(|h| line.first().is_some_and(|(t, _)| t == h));
        if !header {
            write_line(line, view, out);
        }
    };
    grid::layout(
        grid,
        grid::width(view.width, INDENT.len()),
        Ink::Plain,
        &mut emit,
    );
}

fn piece<'a>(text: Cow<'a, str>, ink: Ink<'a>, unbroken: bool) -> Piece<'a, Ink<'a>> {
    Piece {
        text,
        style: ink,
        unbroken,
        slashes: false,
    }
}

/// A value as cell pieces: escaped, styled, `—` for nothing, `(malformed)`
/// after a value that does not parse. A value that is not prose and whose
/// every word holds a digit (a datetime, a phone number, a duration), and
/// a value that does not parse, are one unbroken piece.
fn cell(value: &Value, fit: Fit) -> grid::Cell<'_, Ink<'_>> {
    let Some(text) = &value.text else {
        return vec![piece(Cow::Borrowed("—"), Ink::Muted, false)];
    };
    if text.is_empty() {
        return vec![piece(Cow::Borrowed("—"), Ink::Muted, false)];
    }
    let unbroken = fit != Fit::Prose && (value.malformed || all_words_have_digits(text));
    let mut pieces: grid::Cell<'_, Ink<'_>> = if value.spans.is_empty() {
        vec![piece(clean(text, fit), tone_ink(value.tone), unbroken)]
    } else {
        value
            .spans
            .iter()
            .map(|span| {
                let ink = span.color.as_deref().map_or(Ink::Plain, Ink::Hex);
                piece(clean(&span.text, fit), ink, false)
            })
            .collect()
    };
    if value.malformed {
        pieces.push(piece(Cow::Borrowed(" (malformed)"), Ink::Warn, false));
    }
    if let Some(severity) = value.finding {
        let mark = match severity {
            Severity::Error => " [error]",
            Severity::Warning => " [warning]",
        };
        pieces.push(piece(Cow::Borrowed(mark), severity_ink(severity), false));
    }
    pieces
}

/// Whether every space-separated word of `text` holds an ASCII digit.
fn all_words_have_digits(text: &str) -> bool {
    text.split(' ')
        .all(|w| w.bytes().any(|b| b.is_ascii_digit()))
}

/// Payload text made safe for a terminal: control characters escaped
/// (line breaks kept in prose, where CRLF becomes LF); borrowed when there
/// is nothing to change.
fn clean(text: &str, fit: Fit) -> Cow<'_, str> {
    let escaped: Cow<'_, str> = match fit {
        Fit::Prose if text.contains("\r\n") => {
            let text = text.replace("\r\n", "\n");
            Cow::Owned(escape_control_keep_newlines(&text).into_owned())
        }
        Fit::Prose => escape_control_keep_newlines(text),
        _ => escape_control(text),
    };
    // The deprecated LANGUAGE TAG, once this renderer's style marker, stays
    // visible as an escape.
    if escaped.contains('\u{E0001}') {
        Cow::Owned(escaped.replace('\u{E0001}', "\\u{e0001}"))
    } else {
        escaped
    }
}

/// How a piece of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink<'a> {
    Plain,
    Muted,
    Strong,
    Good,
    Bad,
    Warn,
    /// A tag's own `#rrggbb` color.
    Hex(&'a str),
}

fn tone_ink(tone: Tone) -> Ink<'static> {
    match tone {
        Tone::Plain => Ink::Plain,
        Tone::Muted => Ink::Muted,
        Tone::Strong => Ink::Strong,
        Tone::Good => Ink::Good,
        Tone::Bad => Ink::Bad,
    }
}

/// `text` painted in `ink` when `color` (spaces stay plain), written to
/// `out`.
fn draw(text: &str, ink: Ink<'_>, color: bool, out: &mut Vec<u8>) {
    if !color || text.trim().is_empty() {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    let role = match ink {
        Ink::Plain => {
            out.extend_from_slice(text.as_bytes());
            return;
        }
        Ink::Muted => Role::Muted,
        Ink::Strong => Role::Source,
        Ink::Good => Role::Good,
        Ink::Bad => Role::Error,
        Ink::Warn => Role::Warning,
        Ink::Hex(hex) => {
            out.extend_from_slice(paint_hex(text, Some(hex), true).as_bytes());
            return;
        }
    };
    out.extend_from_slice(paint(text, role, true).as_bytes());
}

/// The summary for scripts: one object per line.
pub fn json(summary: &Summary, out: &mut Vec<u8>) -> Result<()> {
    let doc = JsonSummary {
        source: &summary.source,
        provider: summary.provider.name,
        kind: &summary.kind,
        findings: &summary.findings,
        sections: summary
            .sections
            .iter()
            .map(|s| json_section(s, &summary.parts))
            .collect(),
    };
    serde_json::to_writer(&mut *out, &doc)?;
    out.push(b'\n');
    Ok(())
}

/// The line of a payload that could not be summarized.
pub fn json_error(source: &str, code: &str, message: &str, out: &mut Vec<u8>) -> Result<()> {
    #[derive(Serialize)]
    struct Error<'a> {
        source: &'a str,
        provider: Option<&'a str>,
        kind: Option<&'a str>,
        error: Problem<'a>,
    }
    #[derive(Serialize)]
    struct Problem<'a> {
        code: &'a str,
        message: &'a str,
    }
    let line = Error {
        source,
        provider: None,
        kind: None,
        error: Problem { code, message },
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.push(b'\n');
    Ok(())
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    source: &'a str,
    provider: &'static str,
    kind: &'a str,
    findings: &'a [Finding],
    sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    section: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<JsonFields<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    columns: Option<Vec<JsonColumn>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<JsonRows<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonField<'a> {
    key: &'a str,
    label: &'a str,
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    malformed: bool,
    /// The worst finding `check` reports for the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    finding: Option<&'static str>,
    /// The payload's scalar, typed.
    #[serde(skip_serializing_if = "Option::is_none")]
    raw: Option<JsonRaw<'a>>,
    /// The payload's scalars a value built from several was built from,
    /// by JSON Pointer.
    #[serde(skip_serializing_if = "JsonParts::is_empty")]
    parts: JsonParts<'a>,
}

/// A value's parts as an object of JSON Pointer to typed value, in the
/// order they were read.
struct JsonParts<'a> {
    ids: &'a [u32],
    parts: &'a Parts,
}

impl JsonParts<'_> {
    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl Serialize for JsonParts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.ids.len()))?;
        for (pointer, value) in self.ids.iter().filter_map(|id| self.parts.get(*id)) {
            map.serialize_entry(pointer, &JsonScalar(value))?;
        }
        map.end()
    }
}

/// A part's value as JSON: its own type, a number exactly as written.
struct JsonScalar<'a>(Scalar<'a>);

impl Serialize for JsonScalar<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Scalar::Null => serializer.serialize_none(),
            Scalar::Bool(b) => serializer.serialize_bool(b),
            Scalar::Number(n) => number(n, serializer),
            Scalar::String(s) => serializer.serialize_str(s),
        }
    }
}

/// A number as written (arbitrary precision), else as a string.
fn number<S: serde::Serializer>(n: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match serde_json::from_str::<serde_json::Number>(n) {
        Ok(number) => number.serialize(serializer),
        Err(_) => serializer.serialize_str(n),
    }
}

/// A payload scalar as JSON: its own type, a number exactly as written.
struct JsonRaw<'a> {
    raw: &'a Raw,
    text: Option<&'a str>,
}

impl Serialize for JsonRaw<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.raw {
            Raw::Null => serializer.serialize_none(),
            Raw::Bool(b) => serializer.serialize_bool(*b),
            Raw::Number(n) => number(n, serializer),
            Raw::Text => serializer.serialize_str(self.text.unwrap_or_default()),
            // Nested at most `json::MAX_DEPTH` deep, as the payload was.
            Raw::Json => {
                match serde_json::from_str::<serde_json::Value>(self.text.unwrap_or_default()) {
                    Ok(json) => json.serialize(serializer),
                    Err(_) => serializer.serialize_str(self.text.unwrap_or_default()),
                }
            }
            Raw::String(s) => serializer.serialize_str(s),
        }
    }
}

fn json_raw(value: &Value) -> Option<JsonRaw<'_>> {
    value.raw.as_ref().map(|raw| JsonRaw {
        raw,
        text: value.text.as_deref(),
    })
}

#[derive(Serialize)]
struct JsonColumn {
    key: &'static str,
    label: &'static str,
}

/// Fields serialized one by one, not gathered first (there can be
/// millions).
struct JsonFields<'a>(&'a [Field], &'a Parts);

impl Serialize for JsonFields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| json_field(f, self.1)))
    }
}

/// Rows serialized one by one.
struct JsonRows<'a>(&'a summary::Table, &'a Parts);

impl Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let columns = self.0.columns;
        let parts = self.1;
        serializer.collect_seq(self.0.rows.iter().map(|values| JsonRow {
            columns,
            values,
            parts,
        }))
    }
}

/// A row as an object keyed by column, plus `malformed`: the columns whose
/// value does not parse, when there are any.
struct JsonRow<'a> {
    columns: &'static [Column],
    values: &'a [Value],
    parts: &'a Parts,
}

/// The row's columns that have something to say, as an object keyed by
/// column: written as it is read, nothing gathered first.
struct ByColumn<'a, T: Serialize, F: Fn(&'a Value) -> Option<T>> {
    columns: &'static [Column],
    values: &'a [Value],
    pick: F,
}

impl<'a, T: Serialize, F: Fn(&'a Value) -> Option<T>> ByColumn<'a, T, F> {
    fn is_empty(&self) -> bool {
        !self.values.iter().any(|v| (self.pick)(v).is_some())
    }
}

impl<'a, T: Serialize, F: Fn(&'a Value) -> Option<T>> Serialize for ByColumn<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (column, value) in self.columns.iter().zip(self.values) {
            if let Some(item) = (self.pick)(value) {
                map.serialize_entry(column.key, &item)?;
            }
        }
        map.end()
    }
}

impl<'a> Serialize for JsonRow<'a> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let mut malformed = Vec::new();
        for (column, value) in self.columns.iter().zip(self.values) {
            map.serialize_entry(column.key, &value.text)?;
            if value.malformed {
                malformed.push(column.key);
            }
        }
        if !malformed.is_empty() {
            map.serialize_entry("malformed", &malformed)?;
        }
        let (columns, values) = (self.columns, self.values);
        let raw = ByColumn {
            columns,
            values,
            pick: json_raw,
        };
        if !raw.is_empty() {
            map.serialize_entry("raw", &raw)?;
        }
        let parts = ByColumn {
            columns,
            values,
            pick: |v: &'a Value| {
                (!v.parts.is_empty()).then_some(JsonParts {
                    ids: &v.parts,
                    parts: self.parts,
                })
            },
        };
        if !parts.is_empty() {
            map.serialize_entry("parts", &parts)?;
        }
        let findings = ByColumn {
            columns,
            values,
            pick: |v: &Value| v.finding.map(Severity::as_str),
        };
        if !findings.is_empty() {
            map.serialize_entry("findings", &findings)?;
        }
        map.end()
    }
}

fn json_section<'a>(section: &'a Section, parts: &'a Parts) -> JsonSection<'a> {
    let mut json = JsonSection {
        section: section.name.name,
        fields: None,
        columns: None,
        rows: None,
        notes: &section.notes,
    };
    match &section.body {
        Body::Fields(fields) => json.fields = Some(JsonFields(fields, parts)),
        Body::Table(table) => {
            let columns = table.columns.iter().map(|c| JsonColumn {
                key: c.key,
                label: c.label,
            });
            json.columns = Some(columns.collect());
            json.rows = Some(JsonRows(table, parts));
        }
    }
    json
}

fn json_field<'a>(field: &'a Field, parts: &'a Parts) -> JsonField<'a> {
    JsonField {
        key: &field.key,
        label: field.label(),
        value: field.value.text.as_deref(),
        malformed: field.value.malformed,
        finding: field.value.finding.map(Severity::as_str),
        raw: json_raw(&field.value),
        parts: JsonParts {
            ids: &field.value.parts,
            parts,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_text_stays_escaped() {
        assert_eq!(clean("a\u{1b}[31mb", Fit::Wrap), "a\\e[31mb");
        assert_eq!(clean("a\r\nb\u{1b}", Fit::Prose), "a\nb\\e");
    }

    #[test]
    fn datetimes_and_numbers_are_unbroken() {
        assert!(all_words_have_digits("2025-09-08 11:01:17 -03:00"));
        assert!(all_words_have_digits("12m 30s"));
        assert!(!all_words_have_digits("+55 51999887766 (mobile)"));
    }
}
