//! Renderers of `explain`: field tables laid out as `summary`'s are (the
//! same `grid` width rules, records when narrow), finding codes, and
//! payload values beside their documentation; `--format json` writes the
//! same data as one JSON document (or one object per payload per line).

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::grid::{self, ColumnKind, Grid, Piece};
use super::style::{Role, paint};
use crate::explain::payload::PayloadExplain;
use crate::explain::{CodeExplain, FieldDoc, HookDoc, KindFields, ProviderDoc};
use crate::schema::Severity;
use crate::text::{escape_control, escape_control_keep_newlines};

/// Left margin of tables.
const INDENT: &str = "  ";

/// How text output looks.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub color: bool,
    /// Terminal width in columns.
    pub width: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ink {
    Plain,
    Muted,
    Strong,
    Bad,
    Warn,
}

fn draw(text: &str, ink: Ink, color: bool) -> String {
    let role = match ink {
        Ink::Plain => return text.to_string(),
        _ if !color || text.trim().is_empty() => return text.to_string(),
        Ink::Muted => Role::Muted,
        Ink::Strong => Role::Source,
        Ink::Bad => Role::Error,
        Ink::Warn => Role::Warning,
    };
    paint(text, role, true)
}

fn piece(text: impl Into<String>, style: Ink, unbroken: bool) -> Piece<'static, Ink> {
    Piece {
        text: Cow::Owned(text.into()),
        style,
        unbroken,
        slashes: false,
    }
}

/// A JSON Pointer: what users copy into `explain PROVIDER POINTER` and
/// policy patterns, so when too wide it breaks only before a `/` (whole
/// segments a line) rather than being shortened.
fn pointer_piece(pointer: &str) -> Piece<'static, Ink> {
    Piece {
        slashes: true,
        ..piece(escape_control(pointer), Ink::Plain, true)
    }
}

/// A cell of explain's tables: owned text.
type Cell = grid::Cell<'static, Ink>;
/// A laid-out line, owned.
type Line = grid::Line<'static, Ink>;

/// Lays a grid out at the view's width, keeping the lines.
fn lay(grid: &Grid<'static, Ink>, view: &View) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut keep = |line: &[(Cow<'_, str>, Ink)]| {
        let owned = line
            .iter()
            .map(|(t, ink)| (Cow::Owned(t.to_string()), *ink));
        lines.push(owned.collect());
    };
    grid::layout(
        grid,
        grid::width(view.width, INDENT.len()),
        Ink::Plain,
        &mut keep,
    );
    lines
}

fn write_lines(lines: &[Line], view: &View, out: &mut Vec<u8>) -> Result<()> {
    for line in lines {
        let painted: String = line
            .iter()
            .map(|(t, ink)| draw(t, *ink, view.color))
            .collect();
        match painted.is_empty() {
            true => writeln!(out)?,
            false => writeln!(out, "{INDENT}{painted}")?,
        }
    }
    Ok(())
}

fn heading(text: &str, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let cell = vec![piece(escape_control(text), Ink::Plain, false)];
    titled(cell, Role::Header, view, out)
}

/// An unindented title in one role, wrapped to the terminal's width.
fn titled(cell: Cell, role: Role, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let grid = Grid {
        columns: vec![ColumnKind::PLAIN],
        header: None,
        rows: vec![(vec![cell], None)],
        full: false,
    };
    let mut lines: Vec<String> = Vec::new();
    grid::layout(&grid, grid::width(view.width, 0), Ink::Plain, &mut |line| {
        lines.push(line.iter().map(|(t, _)| t.as_ref()).collect());
    });
    for line in lines {
        writeln!(out, "{}", paint(&line, role, view.color))?;
    }
    Ok(())
}

/// Every field of a provider, kind by kind, grouped by the object that
/// holds them.
pub fn provider_text(doc: &ProviderDoc, view: &View, out: &mut Vec<u8>) -> Result<()> {
    if !doc.hook_types.is_empty() {
        hooks_text(doc, view, out)?;
        writeln!(out)?;
    }
    for (i, kind) in doc.kinds.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        kind_text(doc, kind, view, out)?;
    }
    Ok(())
}

/// A hook type's name, the kinds documenting its fields (one a line), and
/// its Portuguese name with what its id is.
fn hook_row(h: &HookDoc) -> Vec<Cell> {
    let kinds: Vec<String> = h
        .kinds
        .iter()
        .map(|k| escape_control(k).into_owned())
        .collect();
    vec![
        vec![piece(escape_control(h.name), Ink::Plain, true)],
        vec![piece(kinds.join("\n"), Ink::Plain, false)],
        vec![
            piece(escape_control(h.name_pt), Ink::Plain, false),
            piece(
                format!("\nid: {}", escape_control(h.id_refers_to)),
                Ink::Muted,
                false,
            ),
        ],
    ]
}

/// The documented hook types: their Portuguese name, what their id is,
/// and the kinds that document their fields.
fn hooks_text(doc: &ProviderDoc, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let title = format!("{} hook types ({})", doc.title, doc.hook_types.len());
    heading(&title, view, out)?;
    let header = ["HOOK TYPE", "FIELDS", "DESCRIPTION"]
        .iter()
        .map(|h| vec![piece(*h, Ink::Strong, true)])
        .collect();
    let rows = doc.hook_types.iter().map(|h| (hook_row(h), None)).collect();
    let grid = Grid {
        columns: vec![ColumnKind::WHOLE, ColumnKind::PLAIN, ColumnKind::PROSE],
        header: Some(header),
        rows,
        full: false,
    };
    let lines = lay(&grid, view);
    write_lines(&lines, view, out)
}

fn kind_text(doc: &ProviderDoc, kind: &KindFields, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let title = format!("{} {}", doc.title, kind.kind);
    let cell = vec![piece(escape_control(&title), Ink::Plain, false)];
    titled(cell, Role::Source, view, out)?;
    let mut about = kind.about.to_string();
    if kind.relaxed {
        about.push_str("; presence is relaxed below the top level: nothing there is required");
    }
    write_lines(&prose(&about, view), view, out)?;
    for (parent, fields) in groups(&kind.fields) {
        writeln!(out)?;
        let count = format!(" ({})", fields.len());
        let cell = match parent {
            "" => vec![piece(format!("Top-level fields{count}"), Ink::Plain, false)],
            parent => vec![
                piece("Fields of ", Ink::Plain, false),
                pointer_piece(parent),
                piece(count, Ink::Plain, false),
            ],
        };
        titled(cell, Role::Header, view, out)?;
        write_lines(&field_table(&fields, view), view, out)?;
    }
    if !kind.rules.is_empty() {
        writeln!(out)?;
        heading(
            &format!("Cross-field rules ({})", kind.rules.len()),
            view,
            out,
        )?;
        for rule in &kind.rules {
            write_lines(&prose(rule, view), view, out)?;
        }
    }
    Ok(())
}

/// Fields grouped by the pointer of the object holding them, in order of
/// first appearance.
fn groups(fields: &[FieldDoc]) -> Vec<(&str, Vec<&FieldDoc>)> {
    let mut groups: Vec<(&str, Vec<&FieldDoc>)> = Vec::new();
    for field in fields {
        let parent = parent(&field.pointer);
        match groups.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, list)) => list.push(field),
            None => groups.push((parent, vec![field])),
        }
    }
    groups
}

fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// One row per field: its whole pointer (what `explain PROVIDER POINTER`
/// and policy patterns take), its type over its presence, and its
/// description.
fn field_table(fields: &[&FieldDoc], view: &View) -> Vec<Line> {
    let header = ["POINTER", "TYPE", "DESCRIPTION"]
        .iter()
        .map(|h| vec![piece(*h, Ink::Strong, true)])
        .collect();
    let rows = fields.iter().map(|f| (field_row(f), None)).collect();
    let grid = Grid {
        columns: vec![ColumnKind::WHOLE, ColumnKind::PLAIN, ColumnKind::PROSE],
        header: Some(header),
        rows,
        full: false,
    };
    lay(&grid, view)
}

fn field_row(f: &FieldDoc) -> Vec<Cell> {
    let presence = match f.required {
        true => piece("\nrequired", Ink::Plain, false),
        false => piece("\nnullable", Ink::Muted, false),
    };
    vec![
        vec![pointer_piece(&f.pointer)],
        vec![piece(escape_control(&f.ty), Ink::Plain, false), presence],
        description(f),
    ]
}

/// The vendor's text, the gloss, the allowed values, the format and where
/// the rule comes from, one per line.
fn description(f: &FieldDoc) -> Cell {
    let mut lines: Vec<(String, Ink)> = Vec::new();
    if !f.doc_pt.is_empty() {
        lines.push((f.doc_pt.to_string(), Ink::Plain));
    }
    lines.push((format!("{} ({})", f.doc_en, f.origin), Ink::Muted));
    for v in &f.values {
        let mut line = format!("{}: {}", v.value, v.meaning);
        if !v.doc_pt.is_empty() {
            line.push_str(&format!(" ({})", v.doc_pt));
        }
        lines.push((line, Ink::Plain));
    }
    if let Some(format) = f.format {
        lines.push((format!("format: {format}"), Ink::Muted));
    }
    let mut cell = Vec::new();
    for (i, (text, ink)) in lines.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { "\n" };
        let text = escape_control_keep_newlines(&text).into_owned();
        cell.push(piece(format!("{sep}{text}"), ink, false));
    }
    cell
}

/// A provider's fields as one JSON document.
pub fn provider_json(doc: &ProviderDoc, out: &mut Vec<u8>) -> Result<()> {
    json_line(doc, out)
}

/// A finding code for people.
pub fn code_text(code: &CodeExplain, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let ink = match code.severity {
        "error" => Role::Error,
        _ => Role::Warning,
    };
    let title = format!("{} ({})", code.code, code.severity);
    writeln!(out, "{}", paint(&title, ink, view.color))?;
    write_lines(&prose(code.meaning, view), view, out)?;
    writeln!(out)?;
    heading("Example", view, out)?;
    write_lines(&prose(code.example, view), view, out)?;
    writeln!(out)?;
    heading("Accept it", view, out)?;
    let (everywhere, specific) = match code.accept.as_slice() {
        [everywhere, specific, ..] => (everywhere.as_str(), Some(specific.as_str())),
        [everywhere] => (everywhere.as_str(), None),
        [] => ("", None),
    };
    let intro = match specific {
        Some(_) => "Only at the example's pointer, in hookscope.toml:",
        None => "In hookscope.toml:",
    };
    write_lines(&prose(intro, view), view, out)?;
    writeln!(out)?;
    let room = grid::width(view.width, 2 * INDENT.len());
    for line in toml_lines(specific.unwrap_or(everywhere), room) {
        writeln!(out, "{INDENT}{INDENT}{line}")?;
    }
    writeln!(out)?;
    let mut rest = Vec::new();
    if specific.is_some() {
        rest.push(piece("Everywhere: ", Ink::Plain, false));
        rest.push(piece(everywhere, Ink::Plain, true));
        rest.push(piece(". ", Ink::Plain, false));
    }
    rest.push(piece("On the command line: ", Ink::Plain, false));
    rest.push(piece(format!("{}.", code.accept_flag), Ink::Plain, true));
    rest.push(piece(" ", Ink::Plain, false));
    rest.push(piece("warn = [...]", Ink::Plain, true));
    rest.push(piece(" and ", Ink::Plain, false));
    rest.push(piece("deny = [...]", Ink::Plain, true));
    rest.push(piece(
        " (--warn, --deny) change its severity instead.",
        Ink::Plain,
        false,
    ));
    write_lines(&cell_lines(rest, view), view, out)?;
    Ok(())
}

/// The `[check]` table accepting a code, `line` (`KEY = [ITEM]`) within
/// `width` columns: as it is when it fits, else its array one item a line
/// (still TOML, still copyable), a line still too wide shortened in the
/// middle.
fn toml_lines(line: &str, width: usize) -> Vec<String> {
    let lines = match line.split_once(" = [") {
        Some((key, rest)) if line.width() > width && rest.ends_with(']') => vec![
            format!("{key} = ["),
            format!("{INDENT}{},", &rest[..rest.len() - 1]),
            "]".to_string(),
        ],
        _ => vec![line.to_string()],
    };
    let mut all = vec!["[check]".to_string()];
    all.extend(lines.iter().map(|l| grid::shorten(l, width)));
    all
}

fn prose(text: &str, view: &View) -> Vec<Line> {
    let text = escape_control_keep_newlines(text);
    cell_lines(vec![piece(text, Ink::Plain, false)], view)
}

/// One cell wrapped to the width.
fn cell_lines(cell: Cell, view: &View) -> Vec<Line> {
    let grid = Grid {
        columns: vec![ColumnKind::PLAIN],
        header: None,
        rows: vec![(vec![cell], None)],
        full: false,
    };
    lay(&grid, view)
}

/// A finding code as one JSON object.
pub fn code_json(code: &CodeExplain, out: &mut Vec<u8>) -> Result<()> {
    json_line(code, out)
}

/// One payload's value at the pointer, documented and checked.
pub fn payload_text(p: &PayloadExplain, view: &View, out: &mut Vec<u8>) -> Result<()> {
    payload_title(p, view, out)?;
    let mut rows: Vec<(&str, Cell)> = Vec::new();
    let pointer = match p.pointer.is_empty() {
        true => piece("(the whole payload)", Ink::Plain, false),
        false => pointer_piece(&p.pointer),
    };
    rows.push(("pointer", vec![pointer]));
    let value = match &p.value {
        Some(json) => piece(escape_control(json), Ink::Plain, true),
        None => piece("absent", Ink::Muted, false),
    };
    rows.push(("value", vec![value]));
    match &p.field {
        Some(field) => {
            let what = format!(
                "{}, {} ({})",
                field.expected,
                if field.required {
                    "required"
                } else {
                    "nullable"
                },
                field.pointer
            );
            rows.push((
                "field",
                vec![piece(escape_control(&what), Ink::Plain, false)],
            ));
            rows.push(("about", description(field)));
        }
        None => rows.push(("field", vec![piece("not described", Ink::Muted, false)])),
    }
    let check = match p.findings.is_empty() {
        true => vec![piece("no findings here", Ink::Muted, false)],
        false => findings_cell(p),
    };
    rows.push(("check", check));
    let grid = Grid {
        columns: vec![ColumnKind::PLAIN, ColumnKind::PROSE],
        header: None,
        rows: rows
            .into_iter()
            .map(|(label, cell)| (vec![vec![piece(label, Ink::Muted, true)], cell], None))
            .collect(),
        full: false,
    };
    let lines = lay(&grid, view);
    write_lines(&lines, view, out)?;
    writeln!(out)?;
    Ok(())
}

/// The payload's source (`FILE:LINE`) and kind, unindented: on one line
/// when they fit, else one a line, each shortened in the middle when
/// wider than the terminal.
fn payload_title(p: &PayloadExplain, view: &View, out: &mut Vec<u8>) -> Result<()> {
    let source = escape_control(&p.source);
    let kind = format!("{} {}", p.provider, escape_control(&p.kind));
    let width = grid::width(view.width, 0);
    let (source_line, kind_line) = (
        paint(&grid::shorten(&source, width), Role::Source, view.color),
        paint(&grid::shorten(&kind, width), Role::Muted, view.color),
    );
    match source.width() + 2 + kind.width() <= width {
        true => writeln!(out, "{source_line}  {kind_line}")?,
        false => writeln!(out, "{source_line}\n{kind_line}")?,
    }
    Ok(())
}

fn findings_cell(p: &PayloadExplain) -> Cell {
    let mut cell = Vec::new();
    for (i, f) in p.findings.iter().enumerate() {
        let ink = match f.severity {
            Severity::Error => Ink::Bad,
            Severity::Warning => Ink::Warn,
        };
        let sep = if i == 0 { "" } else { "\n" };
        let label = format!("{sep}{}[{}]", f.severity.as_str(), f.code.as_str());
        cell.push(piece(label, ink, false));
        let mut text = String::new();
        if f.pointer != p.pointer {
            text.push_str(&format!(" {}:", f.pointer));
        }
        text.push(' ');
        text.push_str(&f.message);
        cell.push(piece(escape_control(&text), Ink::Plain, false));
    }
    cell
}

/// One payload's explanation as one JSON line.
pub fn payload_json(p: &PayloadExplain, out: &mut Vec<u8>) -> Result<()> {
    json_line(p, out)
}

fn json_line(value: &impl Serialize, out: &mut Vec<u8>) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.push(b'\n');
    Ok(())
}
