//! The normalized summary of one payload, what `hookscope summary` prints.
//!
//! Each provider builds one (its `summary.rs`, through the registry) out of
//! sections of labelled fields or tables; `render::summary` formats it as
//! text or JSON. Values keep the
//! payload's own text: a value that does not parse is kept as written and
//! marked malformed, never dropped.

mod findings;
mod parts;
pub mod show;
mod unknown;

use chrono::FixedOffset;

use crate::detect::Detection;
use crate::input::Source;
use crate::json::Val;
use crate::provider::Provider;
pub use findings::with_findings;
pub use parts::{Parts, Scalar, with_parts};
pub use unknown::unknown_fields;

/// A kind of section a provider's summaries have: the name `--section`
/// takes, its heading and what `--help` says of it.
#[derive(Debug, PartialEq, Eq)]
pub struct SectionDef {
    pub name: &'static str,
    pub title: &'static str,
    pub help: &'static str,
}

/// A section's definition, compared by content.
pub type Name = &'static SectionDef;

/// Shorthand for a provider's section table.
pub const fn section(name: &'static str, title: &'static str, help: &'static str) -> SectionDef {
    SectionDef { name, title, help }
}

/// The sections every provider has: what the payload is about, and the
/// fields its description does not know.
pub const OVERVIEW: Name = &section("overview", "Overview", "the main facts of the call or talk");
pub const OTHER: Name = &section(
    "other",
    "Other fields",
    "fields the provider description does not know, by path",
);

/// What the builders need besides the payload.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The offset times are shown in, and the one PipeRun's local
    /// `YYYY-MM-DD HH:MM:SS` datetimes are read in.
    pub offset: FixedOffset,
}

/// One payload's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// `PATH:LINE`.
    pub source: String,
    pub provider: &'static Provider,
    /// As `detect` prints it: `talk`, `attendant_closed_issue/complete`, ...
    pub kind: String,
    pub sections: Vec<Section>,
    /// Sections with something to show that `--section` left out.
    pub unpicked: Vec<Name>,
    /// What `check` reports for the payload, errors first.
    pub findings: Vec<crate::check::Finding>,
    /// The JSON Pointer and typed value of every payload value named in a
    /// value's `parts`, by arena id (filled by [`with_parts`], for
    /// `--format json`; empty otherwise).
    pub parts: Parts,
}

/// A titled part of a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub name: Name,
    pub body: Body,
    /// Lines said under the section: what the payload is (the incomplete
    /// form), or a list that is not one.
    pub notes: Vec<String>,
}

/// Labelled fields, or a table with one row per item.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Fields(Vec<Field>),
    Table(Table),
}

/// A labelled value. `key` is stable, for scripts; the label is for
/// people.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    /// `None`: the key is the label (a field no description knows,
    /// labelled by its JSON Pointer; there can be millions).
    pub label: Option<String>,
    pub value: Value,
}

impl Field {
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.key)
    }
}

/// Rows of values under fixed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Value>>,
}

/// A table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Stable name, for scripts.
    pub key: &'static str,
    pub label: &'static str,
    pub fit: Fit,
}

/// Shorthand that keeps column tables readable.
pub const fn column(key: &'static str, label: &'static str, fit: Fit) -> Column {
    Column { key, label, fit }
}

/// How a long value is fitted into its column by the text renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Wrapped, whole.
    Wrap,
    /// A short value (a time, an arrow, a flag), wrapped when a long one
    /// (a time that does not parse) would take the row's width.
    Short,
    /// One line, cut with `…` (unless `--full`).
    Line,
    /// Text with line breaks: wrapped, cut with `…` after a few lines
    /// (unless `--full`).
    Prose,
}

/// A value as shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Value {
    /// The text; `None` when the payload has nothing there (null).
    pub text: Option<String>,
    /// The payload's value did not parse (or has the wrong JSON type) and
    /// is shown as written.
    pub malformed: bool,
    pub tone: Tone,
    /// When not empty, the text piece by piece, each in its own color.
    pub spans: Box<[Span]>,
    /// Where in the payload text the string shown starts (its address), to
    /// match `check`'s findings with the values that show them.
    pub origin: Option<std::num::NonZeroUsize>,
    /// The worst finding `check` reports for the value shown.
    pub finding: Option<crate::schema::Severity>,
    /// The payload's scalar this value shows, typed as the payload has it
    /// (for `--format json`); `None` when the value is built from several.
    pub raw: Option<Raw>,
    /// The payload values (arena ids, see [`crate::json::Val::id`]) a value
    /// built from several was built from, in the order read; resolved to
    /// JSON Pointers and typed values by [`with_parts`] for `--format json`.
    pub parts: Box<[u32]>,
}

// A talk of 40,000 messages holds a quarter of a million values, and a
// payload of unknown keys millions: keep a value small.
const _: () = assert!(std::mem::size_of::<Value>() <= 96);

/// A payload scalar, typed as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    Null,
    Bool(bool),
    /// The number exactly as written.
    Number(Box<str>),
    /// A string that is the value's text itself (not copied again).
    Text,
    /// An array or object whose compact JSON is the value's text.
    Json,
    String(Box<str>),
}

/// A piece of a value with its own `#rrggbb` color (a tag label).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub color: Option<String>,
}

/// What a value means, for the renderer's colors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tone {
    #[default]
    Plain,
    /// Secondary: codes, ids in parentheses, system messages.
    Muted,
    /// Stands out: the closed issue, outgoing messages.
    Strong,
    /// Good news: success, incoming messages.
    Good,
    /// Bad news: errors, failures.
    Bad,
}

impl Value {
    /// Text from the payload (or built from it).
    pub fn text(text: impl Into<String>) -> Self {
        Value {
            text: Some(text.into()),
            ..Value::default()
        }
    }

    /// Nothing: the payload has null there.
    pub fn none() -> Self {
        Value::default()
    }

    /// A value that does not parse, shown as written.
    pub fn malformed(text: impl Into<String>) -> Self {
        Value {
            text: Some(text.into()),
            malformed: true,
            ..Value::default()
        }
    }

    /// Colored pieces; the text is their concatenation.
    pub fn spans(spans: Vec<Span>) -> Self {
        Value {
            text: Some(spans.iter().map(|s| s.text.as_str()).collect()),
            spans: spans.into_boxed_slice(),
            ..Value::default()
        }
    }

    pub fn with_tone(mut self, tone: Tone) -> Self {
        self.tone = tone;
        self
    }
}

impl Section {
    pub fn fields(name: Name, fields: Vec<Field>) -> Self {
        Section {
            name,
            body: Body::Fields(fields),
            notes: Vec::new(),
        }
    }

    pub fn table(name: Name, columns: &'static [Column], rows: Vec<Vec<Value>>) -> Self {
        Section {
            name,
            body: Body::Table(Table { columns, rows }),
            notes: Vec::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_notes(mut self, notes: Vec<String>) -> Self {
        self.notes.extend(notes);
        self
    }

    /// Whether the body is empty (there may still be notes).
    pub fn has_no_rows(&self) -> bool {
        match &self.body {
            Body::Fields(fields) => fields.is_empty(),
            Body::Table(table) => table.rows.is_empty(),
        }
    }

    /// Whether there is nothing to show: no rows, no notes.
    pub fn is_empty(&self) -> bool {
        self.has_no_rows() && self.notes.is_empty()
    }
}

/// A list of fields under construction; rows whose source is absent from
/// the payload are left out.
#[derive(Debug, Default)]
pub struct Fields(Vec<Field>);

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    /// Adds a row.
    pub fn push(&mut self, key: &str, label: &str, value: Value) {
        self.0.push(Field {
            key: key.to_string(),
            label: Some(label.to_string()),
            value,
        });
    }

    /// Adds a row when there is a value.
    pub fn add(&mut self, key: &str, label: &str, value: Option<Value>) {
        if let Some(value) = value {
            self.push(key, label, value);
        }
    }

    pub fn into_vec(self) -> Vec<Field> {
        self.0
    }
}

/// Builds the summary of a recognised payload. `sections` picks sections
/// (all that have something to show when empty); a picked section that
/// applies to the payload but is empty is kept, so that it says "none".
pub fn build(
    source: &Source<'_>,
    root: Val<'_, '_>,
    detection: &Detection,
    options: &Options,
    sections: &[&str],
) -> Summary {
    let all = (detection.provider.summary)(root, &detection.kind, options);
    let (shown, unpicked): (Vec<Section>, Vec<Section>) =
        all.into_iter().partition(|s| match sections {
            [] => !s.is_empty(),
            picked => picked.contains(&s.name.name),
        });
    Summary {
        source: source.label(),
        provider: detection.provider,
        kind: detection.kind.label.clone(),
        sections: shown,
        unpicked: unpicked
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.name)
            .collect(),
        findings: Vec::new(),
        parts: Parts::default(),
    }
}

#[cfg(test)]
mod tests;
