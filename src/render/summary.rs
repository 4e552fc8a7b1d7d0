//! Renderers of summaries: text tables for people (comfy-table), one JSON
//! object per payload for scripts.
//!
//! Text layout: a heading line per payload, then each section's title and
//! its table indented by two spaces, a blank line between sections and
//! after the payload. Tables have no borders; list tables have an
//! upper-case header row. The layout depends only on the width, so piped
//! output (width 100 unless `COLUMNS` says otherwise) is stable.
//!
//! Color: comfy-table is built without its `custom_styling` feature, so it
//! would count ANSI codes as visible text and misalign columns. Styles are
//! therefore carried through its layout as invisible markers (zero-width
//! Unicode tag characters, see `ink`) around each word, and turned into
//! ANSI codes once the lines are laid out. Without color no marker is
//! written and the text is comfy-table's own.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde::ser::SerializeMap;

use super::grid::{self, Grid};
use super::style::{Role, paint, paint_hex};
use crate::summary::{self, Body, Column, Field, Fit, Section, Summary, Tone, Value};
use crate::text::{escape_control, escape_control_keep_newlines};

/// Left margin of section bodies.
const INDENT: &str = "  ";
/// Fields a section lists without `--full` (the fields a payload has that
/// no description knows can number millions); a note says how many more.
const MAX_FIELDS: usize = 200;
/// Lines a `Fit::Prose` cell keeps without `--full`.
const PROSE_LINES: usize = 3;
/// Widest a `Fit::Short` column gets: a date and time, `2025-09-09 08:00:00`,
/// and the padding.
const SHORT_WIDTH: u16 = 19 + 2;

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
    let lines = match &section.body {
        _ if section.has_no_rows() => paint("none", Role::Muted, view.color),
        Body::Fields(fields) if fields.len() > MAX_FIELDS && !view.full => {
            hidden = fields.len() - MAX_FIELDS;
            fields_table(&fields[..MAX_FIELDS], view)
        }
        Body::Fields(fields) => fields_table(fields, view),
        Body::Table(table) => list_table(table.columns, &table.rows, view),
    };
    for line in lines.lines() {
        match line {
            "" => writeln!(out)?,
            line => writeln!(out, "{INDENT}{line}")?,
        }
    }
    if hidden > 0 {
        let note = format!("… and {hidden} more (--full shows them all)");
        writeln!(out, "{INDENT}{}", paint(&note, Role::Muted, view.color))?;
    }
    for note in &section.notes {
        for line in wrapped(note, view).lines() {
            writeln!(out, "{INDENT}{}", paint(line, Role::Muted, view.color))?;
        }
    }
    Ok(())
}

/// Text wrapped to the width (by a one-cell table, which measures what a
/// terminal shows).
fn wrapped(text: &str, view: &View) -> String {
    let grid = Grid {
        rows: vec![(vec![clean(text, Fit::Wrap)], None)],
        ..Grid::default()
    };
    finish(grid, view)
}

/// Label and value, one row per field.
fn fields_table(fields: &[Field], view: &View) -> String {
    let rows = fields
        .iter()
        .map(|field| {
            let label = ink::mark(&clean(field.label(), Fit::Wrap), Ink::Muted, view.color);
            (vec![label, cell(&field.value, Fit::Wrap, view, None)], None)
        })
        .collect();
    finish(
        Grid {
            rows,
            ..Grid::default()
        },
        view,
    )
}

/// An upper-case header, then one row per item; rows are cut to one line
/// (`Fit::Line`) or a few (`Fit::Prose`) unless `--full`, and their cells
/// to what those lines can show.
fn list_table(columns: &[Column], rows: &[Vec<Value>], view: &View) -> String {
    let (columns, rows) = without_empty_columns(columns, rows);
    let header: Vec<String> = columns
        .iter()
        .map(|c| ink::mark(&c.label.to_uppercase(), Ink::Strong, view.color))
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
    let width = grid::width(view.width, INDENT.len());
    let rows = rows
        .iter()
        .map(|values| {
            // A value that does not parse is shown whole, marker included.
            let lines = limit.filter(|_| !values.iter().any(|v| v.malformed));
            let max = lines.map(|lines| grid::shown_chars(lines, width));
            let cells = columns
                .iter()
                .zip(values)
                .map(|(c, v)| cell(v, c.fit, view, max))
                .collect();
            (cells, lines)
        })
        .collect();
    let narrow = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.fit == Fit::Short)
        .map(|(i, _)| (i, SHORT_WIDTH))
        .collect();
    let grid = Grid {
        header: Some(header),
        rows,
        narrow,
    };
    finish(grid, view)
}

/// Columns with nothing in any row are left out.
fn without_empty_columns(
    columns: &[Column],
    rows: &[Vec<Value>],
) -> (Vec<Column>, Vec<Vec<Value>>) {
    let has_value = |i: usize| {
        rows.iter()
            .any(|r| r.get(i).is_some_and(|v| v.text.is_some()))
    };
    let shown: Vec<usize> = (0..columns.len()).filter(|&i| has_value(i)).collect();
    let rows = rows
        .iter()
        .map(|r| {
            shown
                .iter()
                .map(|&i| r.get(i).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    (shown.iter().map(|&i| columns[i]).collect(), rows)
}

/// Laid out with two spaces between columns, none at the edges; trailing
/// blanks trimmed.
fn finish(grid: Grid, view: &View) -> String {
    grid::layout(grid, grid::width(view.width, INDENT.len()), ink::to_ansi)
}

/// A value as cell text: escaped, styled, `—` for nothing, `(malformed)`
/// after a value that does not parse; cut after `max` characters.
fn cell(value: &Value, fit: Fit, view: &View, max: Option<usize>) -> String {
    let Some(text) = &value.text else {
        return ink::mark("—", Ink::Muted, view.color);
    };
    let mut left = max.unwrap_or(usize::MAX);
    let mut piece = |text: &str, ink: Ink<'_>| {
        if left == 0 {
            return String::new();
        }
        let text = clean(text, fit);
        let text = match grid::cut(&text, left) {
            Some(cut) => {
                left = 0;
                cut
            }
            None => {
                left -= text.chars().count();
                text
            }
        };
        ink::mark(&text, ink, view.color)
    };
    let mut shown = if value.spans.is_empty() {
        piece(text, tone_ink(value.tone))
    } else {
        value
            .spans
            .iter()
            .map(|span| {
                piece(
                    &span.text,
                    span.color.as_deref().map_or(Ink::Plain, Ink::Hex),
                )
            })
            .collect()
    };
    if value.malformed {
        shown.push(' ');
        shown.push_str(&ink::mark("(malformed)", Ink::Warn, view.color));
    }
    shown
}

/// Payload text made safe for a terminal: control characters escaped
/// (line breaks kept in prose, where CRLF becomes LF), and the marker
/// character colors use escaped too.
fn clean(text: &str, fit: Fit) -> String {
    let escaped: Cow<'_, str> = match fit {
        Fit::Prose => {
            let text = text.replace("\r\n", "\n");
            Cow::Owned(escape_control_keep_newlines(&text).into_owned())
        }
        _ => escape_control(text),
    };
    ink::escape_markers(&escaped).into_owned()
}

/// How a styled word is drawn.
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

/// Styles carried through comfy-table's layout as zero-width markers.
///
/// A styled word is `OPEN spec END word OPEN END`: `OPEN` is U+E0001
/// (LANGUAGE TAG, deprecated, width 0), the spec is ASCII spelled in tag
/// characters (U+E0020..U+E007E, width 0), `END` is U+E007F (CANCEL TAG).
/// comfy-table never breaks a line inside a word that fits its column, so
/// a marker pair normally stays on one line; a pair it splits (a word cut
/// because it is too long, or a cell cut with `…`) is dropped, leaving the
/// text plain. Payload text cannot forge a marker: U+E0001 in it is shown
/// escaped.
mod ink {
    use std::borrow::Cow;
    use std::iter::Peekable;
    use std::str::Chars;

    use super::{Ink, Role, paint, paint_hex};

    const OPEN: char = '\u{E0001}';
    const END: char = '\u{E007F}';
    const TAG_BASE: u32 = 0xE0000;

    /// `text` with every word marked in `ink`; unchanged without color.
    pub fn mark(text: &str, ink: Ink<'_>, color: bool) -> String {
        if !color || ink == Ink::Plain {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 16);
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for (j, part) in word.split('\n').enumerate() {
                if j > 0 {
                    out.push('\n');
                }
                if !part.is_empty() {
                    open(&mut out, ink);
                    out.push_str(part);
                    out.push(OPEN);
                    out.push(END);
                }
            }
        }
        out
    }

    fn open(out: &mut String, ink: Ink<'_>) {
        let spec = match ink {
            Ink::Plain => "",
            Ink::Muted => "m",
            Ink::Strong => "s",
            Ink::Good => "g",
            Ink::Bad => "b",
            Ink::Warn => "w",
            Ink::Hex(hex) => hex,
        };
        out.push(OPEN);
        out.extend(
            spec.bytes()
                .filter(|b| (0x20..0x7f).contains(b))
                .filter_map(|b| char::from_u32(TAG_BASE + u32::from(b))),
        );
        out.push(END);
    }

    /// Payload text with U+E0001 escaped, so that it cannot open a marker.
    pub fn escape_markers(text: &str) -> Cow<'_, str> {
        if text.contains(OPEN) {
            Cow::Owned(text.replace(OPEN, "\\u{e0001}"))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// A laid-out line with its markers turned into ANSI codes.
    pub fn to_ansi(line: &str) -> String {
        if !line.contains(OPEN) {
            return line.to_string();
        }
        let mut out = String::with_capacity(line.len() + 32);
        let mut styled: Option<(String, String)> = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c != OPEN {
                match &mut styled {
                    Some((_, text)) => text.push(c),
                    None => out.push(c),
                }
                continue;
            }
            let spec = read_spec(&mut chars);
            let complete = chars.next_if_eq(&END).is_some();
            // Whatever was open ends here: drawn if this closes it, else plain.
            if let Some((open_spec, text)) = styled.take() {
                if complete && spec.is_empty() {
                    out.push_str(&draw(&open_spec, &text));
                } else {
                    out.push_str(&text);
                }
            }
            if complete && !spec.is_empty() {
                styled = Some((spec, String::new()));
            }
        }
        if let Some((_, text)) = styled {
            out.push_str(&text);
        }
        out
    }

    /// The ASCII spelled in tag characters after `OPEN`.
    fn read_spec(chars: &mut Peekable<Chars<'_>>) -> String {
        let mut spec = String::new();
        while let Some(b) = chars
            .peek()
            .and_then(|&t| (t as u32).checked_sub(TAG_BASE))
            .filter(|b| (0x20..=0x7e).contains(b))
        {
            spec.push(char::from(b as u8));
            chars.next();
        }
        spec
    }

    fn draw(spec: &str, text: &str) -> String {
        let role = match spec {
            "m" => Role::Muted,
            "s" => Role::Source,
            "g" => Role::Good,
            "b" => Role::Error,
            "w" => Role::Warning,
            hex => return paint_hex(text, Some(hex), true),
        };
        paint(text, role, true)
    }
}

/// The summary for scripts: one object per line.
pub fn json(summary: &Summary, out: &mut Vec<u8>) -> Result<()> {
    let doc = JsonSummary {
        source: &summary.source,
        provider: summary.provider.name,
        kind: &summary.kind,
        sections: summary.sections.iter().map(json_section).collect(),
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
}

#[derive(Serialize)]
struct JsonColumn {
    key: &'static str,
    label: &'static str,
}

/// Fields serialized one by one, not gathered first (there can be
/// millions).
struct JsonFields<'a>(&'a [Field]);

impl Serialize for JsonFields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(json_field))
    }
}

/// Rows serialized one by one.
struct JsonRows<'a>(&'a summary::Table);

impl Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let columns = self.0.columns;
        serializer.collect_seq(self.0.rows.iter().map(|values| JsonRow { columns, values }))
    }
}

/// A row as an object keyed by column, plus `malformed`: the columns whose
/// value does not parse, when there are any.
struct JsonRow<'a> {
    columns: &'static [Column],
    values: &'a [Value],
}

impl Serialize for JsonRow<'_> {
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
        map.end()
    }
}

fn json_section(section: &Section) -> JsonSection<'_> {
    let mut json = JsonSection {
        section: section.name.name,
        fields: None,
        columns: None,
        rows: None,
        notes: &section.notes,
    };
    match &section.body {
        Body::Fields(fields) => json.fields = Some(JsonFields(fields)),
        Body::Table(table) => {
            let columns = table.columns.iter().map(|c| JsonColumn {
                key: c.key,
                label: c.label,
            });
            json.columns = Some(columns.collect());
            json.rows = Some(JsonRows(table));
        }
    }
    json
}

fn json_field(field: &Field) -> JsonField<'_> {
    JsonField {
        key: &field.key,
        label: field.label(),
        value: field.value.text.as_deref(),
        malformed: field.value.malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_ansi_and_broken_ones_vanish() {
        let marked = ink::mark("Aprovado x", Ink::Hex("#85cb3c"), true);
        let ansi = ink::to_ansi(&marked);
        assert_eq!(
            ansi,
            format!(
                "{} {}",
                paint_hex("Aprovado", Some("#85cb3c"), true),
                paint_hex("x", Some("#85cb3c"), true)
            )
        );
        // A pair split over two lines (a word cut) leaves both halves plain.
        let (first, second) = marked.split_at(marked.find("vado").expect("word"));
        assert_eq!(ink::to_ansi(first), "Apro");
        assert_eq!(
            ink::to_ansi(second),
            format!("vado {}", paint_hex("x", Some("#85cb3c"), true))
        );
        assert_eq!(ink::mark("plain", Ink::Muted, false), "plain");
    }

    #[test]
    fn payload_text_cannot_forge_a_marker() {
        let forged = "\u{E0001}\u{E0062}\u{E007F}red\u{E0001}\u{E007F}";
        let cleaned = clean(forged, Fit::Wrap);
        assert!(!cleaned.contains('\u{E0001}'), "{cleaned:?}");
        assert!(!ink::to_ansi(&cleaned).contains('\u{1b}'));
        assert_eq!(clean("a\u{1b}[31mb", Fit::Wrap), "a\\e[31mb");
        assert_eq!(clean("a\r\nb\u{1b}", Fit::Prose), "a\nb\\e");
    }

    // issue 9 point 7: a cell of a cut row reaches the layout cut to what
    // its lines can show, whatever its length.
    #[test]
    fn cells_of_cut_rows_are_cut_before_layout() {
        let view = View {
            color: true,
            width: 100,
            full: false,
        };
        let visible = |cell: &str| {
            cell.chars()
                .filter(|c| !('\u{E0000}'..='\u{E007F}').contains(c))
                .count()
        };
        let long = Value::text("x".repeat(1_000_000));
        assert_eq!(visible(&cell(&long, Fit::Prose, &view, Some(300))), 301);
        assert_eq!(visible(&cell(&long, Fit::Wrap, &view, None)), 1_000_000);
        let spans = Value::spans(
            (0..1000)
                .map(|_| crate::summary::Span {
                    text: "tag ".repeat(10),
                    color: Some("#85cb3c".into()),
                })
                .collect(),
        );
        assert_eq!(visible(&cell(&spans, Fit::Line, &view, Some(50))), 51);
        let rows = vec![vec![long.clone(), long]];
        let table = list_table(&COLUMNS, &rows, &view);
        assert_eq!(table.lines().count(), 1 + PROSE_LINES, "{table}");
    }

    const COLUMNS: [Column; 2] = [
        crate::summary::column("a", "A", Fit::Wrap),
        crate::summary::column("b", "B", Fit::Prose),
    ];
}
