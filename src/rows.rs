//! The language of the row entities `hookscope csv` writes: which payload
//! elements become rows ([`Rows`]) and how each cell is obtained from a row
//! ([`Cell`]). Each provider declares its entities in this language (its
//! `rows.rs`, listed in its registry entry); this module holds
//! the engine that walks a payload with a [`Table`] and hands the cells to a
//! [`RowSink`] (a renderer), plus the provider-independent `findings` entity.

use std::borrow::Cow;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Timelike};

use crate::check::{Finding, Report};
use crate::detect::Detection;
use crate::json::projection::{ListProjection, Projection};
use crate::json::{Kind, Val};
use crate::schema::{Field, Ty};
use crate::values::{parse_datetime, parse_rfc3339};

/// A path of object keys; `*` (in a [`List`] path) steps into every element
/// of an array, which becomes the rows' [`Row::parent`].
pub type Path = &'static [&'static str];

/// Computes a cell from a row.
pub type Compute = for<'r, 'd, 'a> fn(&'r Row<'d, 'a>) -> Value<'d, 'a>;

/// One entity: the rows it has and its columns (after `source`, which every
/// entity starts with).
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The name `--rows` takes.
    pub name: &'static str,
    /// What a row is, for `--list` and `--help`: `one row per issue`.
    pub help: &'static str,
    pub rows: Rows,
    pub columns: &'static [Column],
}

/// Where an entity's rows come from.
#[derive(Debug, Clone, Copy)]
pub enum Rows {
    /// One row per payload (the item is the payload root).
    Payload,
    /// One row per element of each list, the lists one after the other.
    Lists(&'static [List]),
    /// The rows of the lists merged in time order by the datetime at an
    /// item path (stable; rows whose datetime does not parse come last, in
    /// payload order).
    Timeline(&'static [List], Path),
    /// One row per `check` finding.
    Findings,
}

/// An array of a payload whose elements are rows.
#[derive(Debug, Clone, Copy)]
pub struct List {
    pub path: Path,
    /// What [`Cell::Label`] gives for rows of this list (e.g. `call`).
    pub label: &'static str,
}

/// A column and how its cells are obtained.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub cell: Cell,
}

/// How a cell is obtained.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    /// The value at a path from the payload root.
    Root(Path),
    /// The value at a path from the row's item.
    Item(Path),
    /// The value at a path from the element the item's list sits in (the
    /// issue of an issue tag); empty for rows of a list outside any element.
    Parent(Path),
    /// The label of the item's list.
    Label,
    /// The length of the array at a path from the item; empty when it is
    /// not an array.
    Count(Path),
    /// The first of these cells that is not null or absent.
    FirstOf(&'static [Cell]),
    /// Computed from the payload alone (evaluated once per payload).
    OfPayload(Compute),
    /// Computed from the row.
    OfRow(Compute),
    /// Computed from the row, reading the values at these paths from the
    /// item (declared, so that the parse extent follows them: a free-form
    /// value needs the full parse, and a projection builds them).
    OfRowReading(&'static [Path], Compute),
    /// A field of a `check` finding (the `findings` entity only).
    Finding(FindingField),
}

/// The fields of a finding row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingField {
    Provider,
    Severity,
    Code,
    Path,
    Message,
}

/// A cell's value, keeping the JSON type it had in the payload so that
/// JSON Lines can write numbers as numbers and null as null.
#[derive(Debug, Clone)]
pub enum Value<'d, 'a> {
    /// A payload value as written: strings, numbers (exact text), booleans;
    /// null and absent values are empty cells; containers compact JSON.
    Json(Val<'d, 'a>),
    /// Text computed here (from payload strings: the formula guard applies).
    Text(Cow<'d, str>),
    /// hookscope's own text: source labels, origins (never guarded).
    Label(&'d str),
    /// A number computed here, as JSON number text.
    Number(String),
    Count(u64),
    Bool(bool),
    /// A payload datetime to write in RFC 3339 (as in the payload when it
    /// does not parse); local ones are read in the offset.
    Datetime(Val<'d, 'a>, Times, FixedOffset),
    /// An empty cell (`null` in JSON Lines).
    Empty,
}

impl Value<'_, '_> {
    /// Whether the value is null or absent (an empty string is not).
    pub fn is_nothing(&self) -> bool {
        match self {
            Value::Json(v) | Value::Datetime(v, ..) => v.is_nothing(),
            Value::Empty => true,
            _ => false,
        }
    }
}

/// The context a cell is evaluated in.
#[derive(Debug, Clone, Copy)]
pub struct Row<'d, 'a> {
    pub root: Val<'d, 'a>,
    pub detection: &'d Detection,
    /// The row's element (the root for one-row-per-payload entities).
    pub item: Val<'d, 'a>,
    /// The element the item's list sits in, if any.
    pub parent: Option<Val<'d, 'a>>,
    pub label: &'static str,
    pub options: RowOptions,
}

/// What the command line says about cells.
#[derive(Debug, Clone, Copy)]
pub struct RowOptions {
    /// The offset PipeRun's local `YYYY-MM-DD HH:MM:SS` datetimes are in.
    pub timezone: FixedOffset,
    /// How datetime cells are written.
    pub times: Times,
    /// Which columns hold datetimes ([`datetime_columns`]).
    pub datetimes: &'static [bool],
}

/// How datetime cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Times {
    /// RFC 3339 in UTC, `Z`.
    Utc,
    /// RFC 3339 in this offset.
    Offset(FixedOffset),
    /// As the payload holds them.
    Raw,
}

/// Receives rows cell by cell; the renderers implement it.
pub trait RowSink {
    fn cell(&mut self, value: &Value<'_, '_>);
    fn end_row(&mut self);
}

/// The projection of an entity whose cells all read plain paths (the
/// top level, or the items of one top-level array), so that the parse
/// builds only what they read; `None` for the others.
pub fn projection(table: &Table) -> Option<ListProjection> {
    derive_projection(table)
}

/// Whether the entity's rows need the full parse: a cell reads a value the
/// lean parse guided by the provider's root description (`root`) would not
/// build — one typed free-form (`Any`), or one inside a member the
/// description does not declare (below the second level, where the guide
/// skips such members). An undeclared member read as a whole is taken for a
/// scalar, which every parse builds.
pub fn needs_full_parse(table: &Table, root: &'static [Field]) -> bool {
    let root_ty = Ty::Object(root);
    let root = Lean::Typed(&root_ty);
    let items: Vec<ItemLean<'_>> = match table.rows {
        Rows::Payload => vec![ItemLean {
            item: (root, 0),
            parent: None,
        }],
        Rows::Lists(lists) | Rows::Timeline(lists, _) => {
            lists.iter().map(|l| list_item(root, l.path)).collect()
        }
        Rows::Findings => return true,
    };
    let free = |cell: &Cell| items.iter().any(|item| reads_free(cell, root, item));
    table.columns.iter().any(|c| free(&c.cell))
        || match table.rows {
            Rows::Timeline(_, time) => items.iter().any(|i| is_free(i.item, time)),
            _ => false,
        }
}

/// What the lean parse makes of a value, as far as the description says.
#[derive(Debug, Clone, Copy)]
enum Lean<'t> {
    /// Built, and typed so.
    Typed(&'t Ty),
    /// Built whole, with everything below.
    Built,
    /// An undeclared member the guide skips if it is a container.
    Undeclared,
    /// Not built.
    Skipped,
}

/// A value's [`Lean`] state and depth.
type At<'t> = (Lean<'t>, u32);

/// The row item of a list, and the element the list sits in (`None` for a
/// list outside any element).
#[derive(Debug, Clone, Copy)]
struct ItemLean<'t> {
    item: At<'t>,
    parent: Option<At<'t>>,
}

/// One step of the guide ([`crate::json`]'s lean guide): into member `key`,
/// or into the elements for `*`.
fn step<'t>((at, depth): At<'t>, key: &str) -> At<'t> {
    let depth = depth + 1;
    let next = match at {
        Lean::Built => Lean::Built,
        Lean::Skipped | Lean::Undeclared => Lean::Skipped,
        Lean::Typed(ty) => {
            let child = match (ty, key) {
                (Ty::List(item), "*") => Some(&**item),
                (Ty::Object(fields), _) => fields.iter().find(|f| f.name == key).map(|f| &f.ty),
                _ => return (Lean::Built, depth),
            };
            match child {
                Some(Ty::Any) => Lean::Skipped,
                Some(ty @ (Ty::Object(_) | Ty::List(_))) => Lean::Typed(ty),
                Some(_) => Lean::Built,
                // The guide keeps unknown members of the first levels
                // below the root, and skips the root's own.
                None if depth == 2 => Lean::Built,
                None => Lean::Undeclared,
            }
        }
    };
    (next, depth)
}

fn list_item<'t>(root: Lean<'t>, path: Path) -> ItemLean<'t> {
    let (mut at, mut parent) = ((root, 0), None);
    for key in path {
        at = step(at, key);
        if *key == "*" {
            parent = Some(at);
        }
    }
    ItemLean {
        item: step(at, "*"),
        parent,
    }
}

fn reads_free(cell: &Cell, root: Lean<'_>, item: &ItemLean<'_>) -> bool {
    match cell {
        Cell::Root(path) => is_free((root, 0), path),
        Cell::Item(path) | Cell::Count(path) => is_free(item.item, path),
        Cell::OfRowReading(paths, _) => paths.iter().any(|path| is_free(item.item, path)),
        Cell::Parent(path) => item.parent.is_some_and(|p| is_free(p, path)),
        Cell::FirstOf(cells) => cells.iter().any(|c| reads_free(c, root, item)),
        Cell::Label | Cell::OfPayload(_) | Cell::OfRow(_) | Cell::Finding(_) => false,
    }
}

/// Whether the lean parse may leave out the value at `path` from `at`.
fn is_free(at: At<'_>, path: Path) -> bool {
    let at = path.iter().fold(at, |at, key| step(at, key));
    matches!(at.0, Lean::Skipped)
}

fn derive_projection(table: &Table) -> Option<ListProjection> {
    let Rows::Lists([list]) = table.rows else {
        return None;
    };
    let [name] = list.path else {
        return None;
    };
    let mut projection = ListProjection {
        list: name,
        root: Vec::new(),
        item: Projection::default(),
    };
    for column in table.columns {
        project_cell(&column.cell, &mut projection)?;
    }
    Some(projection)
}

fn project_cell(cell: &Cell, projection: &mut ListProjection) -> Option<()> {
    match cell {
        Cell::Root(path) => projection.root.push(path.first()?),
        Cell::Item(path) | Cell::Count(path) => projection.item.add(path),
        Cell::OfRowReading(paths, _) => paths.iter().for_each(|path| projection.item.add(path)),
        Cell::FirstOf(cells) => {
            for cell in *cells {
                project_cell(cell, projection)?;
            }
        }
        Cell::Label => {}
        _ => return None,
    }
    Some(())
}

impl Table {
    /// The header: `source`, then the columns.
    pub fn header(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once("source").chain(self.columns.iter().map(|c| c.name))
    }
}

/// The `check` findings as rows; unusable payloads give their
/// `json-syntax` or `unknown-provider` finding.
pub const FINDINGS: Table = Table {
    name: "findings",
    help: "one row per check finding",
    rows: Rows::Findings,
    columns: &[
        finding("provider", FindingField::Provider),
        finding("severity", FindingField::Severity),
        finding("code", FindingField::Code),
        finding("path", FindingField::Path),
        finding("message", FindingField::Message),
    ],
};

const fn finding(name: &'static str, field: FindingField) -> Column {
    Column {
        name,
        cell: Cell::Finding(field),
    }
}

/// Writes the rows of `table` for one recognised payload (the caller
/// checks that the entity applies to its provider). `source` is the first
/// cell.
pub fn write_rows(
    table: &Table,
    source: &str,
    root: Val<'_, '_>,
    detection: &Detection,
    options: RowOptions,
    sink: &mut dyn RowSink,
) {
    let whole = Row {
        root,
        detection,
        item: root,
        parent: None,
        label: "",
        options,
    };
    match table.rows {
        Rows::Payload => write_row(table, source, &whole, &[], sink),
        Rows::Lists(lists) => {
            let fixed = per_payload(table, &whole);
            each_item(lists, &whole, &mut |row| {
                write_row(table, source, &row, &fixed, sink)
            });
        }
        Rows::Timeline(lists, time) => {
            let fixed = per_payload(table, &whole);
            let mut rows = Vec::new();
            each_item(lists, &whole, &mut |row| rows.push(row));
            sort_by_time(&mut rows, time);
            for row in &rows {
                write_row(table, source, row, &fixed, sink);
            }
        }
        Rows::Findings => {}
    }
}

/// Writes one row per finding of a `check` report.
pub fn write_findings(table: &Table, source: &str, report: &Report, sink: &mut dyn RowSink) {
    let provider = report.detection.as_ref().map(|d| d.provider.name);
    for finding in &report.findings {
        sink.cell(&Value::Label(source));
        for column in table.columns {
            let value = match column.cell {
                Cell::Finding(field) => finding_value(field, finding, provider),
                _ => Value::Empty,
            };
            sink.cell(&value);
        }
        sink.end_row();
    }
}

fn finding_value<'f>(
    field: FindingField,
    finding: &'f Finding,
    provider: Option<&'static str>,
) -> Value<'f, 'f> {
    let text = match field {
        FindingField::Provider => provider,
        FindingField::Severity => Some(finding.severity.as_str()),
        FindingField::Code => Some(finding.code.as_str()),
        FindingField::Path => Some(finding.pointer.as_str()),
        FindingField::Message => Some(finding.message.as_str()),
    };
    text.map_or(Value::Empty, |t| Value::Text(Cow::Borrowed(t)))
}

/// The cells that depend on the payload only, evaluated once; `None` for
/// the others.
fn per_payload<'d, 'a>(table: &Table, whole: &Row<'d, 'a>) -> Vec<Option<Value<'d, 'a>>> {
    table
        .columns
        .iter()
        .map(|c| c.cell.is_per_payload().then(|| c.cell.eval(whole)))
        .collect()
}

fn write_row(
    table: &Table,
    source: &str,
    row: &Row<'_, '_>,
    fixed: &[Option<Value<'_, '_>>],
    sink: &mut dyn RowSink,
) {
    sink.cell(&Value::Label(source));
    let datetimes = row.options.datetimes;
    for (i, column) in table.columns.iter().enumerate() {
        let datetime = datetimes.get(i).copied().unwrap_or(false);
        match fixed.get(i) {
            Some(Some(value)) => emit(sink, value, datetime, row.options),
            _ => emit(sink, &column.cell.eval(row), datetime, row.options),
        }
    }
    sink.end_row();
}

/// Hands a cell to the sink, a datetime column's payload string as a
/// [`Value::Datetime`] unless `--times raw`.
fn emit(sink: &mut dyn RowSink, value: &Value<'_, '_>, datetime: bool, options: RowOptions) {
    match value {
        Value::Json(v) if datetime && options.times != Times::Raw && v.as_str().is_some() => {
            sink.cell(&Value::Datetime(*v, options.times, options.timezone))
        }
        _ => sink.cell(value),
    }
}

/// Writes `text`, a payload datetime, into `out` as RFC 3339 in UTC or in
/// the offset `times` says, with as many fraction digits as `text` has (up
/// to nanoseconds); PipeRun's local `YYYY-MM-DD HH:MM:SS` is read in
/// `local`. `false` (and `out` untouched) when it does not parse.
pub fn format_datetime(text: &str, times: Times, local: FixedOffset, out: &mut String) -> bool {
    use std::fmt::Write as _;
    let Some(at) = parse_local(text, local).or_else(|| parse_datetime(text, local)) else {
        return false;
    };
    let offset = match times {
        Times::Utc | Times::Raw => None,
        Times::Offset(offset) => Some(offset),
    };
    let at = at.with_timezone(&offset.unwrap_or(UTC));
    let (date, time) = (at.date_naive(), at.time());
    if (0..=9999).contains(&date.year()) {
        // The common case without the formatting machinery (this runs for
        // every datetime cell of a large export).
        let year = date.year() as u32;
        push_digits(out, year / 100);
        push_digits(out, year % 100);
        for (sep, n) in [
            ('-', date.month()),
            ('-', date.day()),
            ('T', time.hour()),
            (':', time.minute()),
            (':', time.second()),
        ] {
            out.push(sep);
            push_digits(out, n);
        }
    } else {
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            date.year(),
            date.month(),
            date.day(),
            time.hour(),
            time.minute(),
            time.second(),
        );
    }
    let digits = fraction_digits(text);
    if digits > 0 {
        // A leap second's nanoseconds run past 10^9.
        let nanos = time.nanosecond() % 1_000_000_000;
        let kept = nanos / 10u32.pow((9 - digits) as u32);
        let _ = write!(out, ".{kept:0digits$}");
    }
    match offset {
        None => out.push('Z'),
        Some(offset) => {
            let secs = offset.local_minus_utc();
            let sign = if secs < 0 { '-' } else { '+' };
            let secs = secs.unsigned_abs();
            let _ = write!(out, "{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60);
        }
    }
    true
}

/// Two decimal digits of `n` (below 100).
fn push_digits(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `YYYY-MM-DD HH:MM:SS` in `local`, without a format string (the common
/// case, on the hot path); anything else is left to [`parse_datetime`].
fn parse_local(text: &str, local: FixedOffset) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
    let time = date.and_hms_opt(num(11..13)?, num(14..16)?, num(17..19)?)?;
    local.from_local_datetime(&time).single()
}

const UTC: FixedOffset = match FixedOffset::east_opt(0) {
    Some(utc) => utc,
    None => panic!("zero is an offset"),
};

/// How many fraction digits the seconds of a datetime have (at most 9).
fn fraction_digits(text: &str) -> usize {
    let b = text.as_bytes();
    match b.get(19) {
        Some(b'.' | b',') => b[20..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count()
            .min(9),
        _ => 0,
    }
}

/// Which columns of `table` hold datetimes, as the provider's description
/// (`root`) types the values they read; a [`Cell::FirstOf`] does when one
/// of its cells does.
pub fn datetime_columns(table: &Table, root: &'static [Field]) -> Vec<bool> {
    let root_ty = Ty::Object(root);
    let items: Vec<(Option<&Ty>, Option<&Ty>)> = match table.rows {
        Rows::Payload => vec![(Some(&root_ty), None)],
        Rows::Lists(lists) | Rows::Timeline(lists, _) => lists
            .iter()
            .map(|l| {
                let list = ty_at(&root_ty, l.path);
                let parent = l.path.iter().rposition(|k| *k == "*");
                let parent = parent.and_then(|i| ty_at(&root_ty, &l.path[..=i]));
                (list.and_then(|t| ty_at(t, &["*"])), parent)
            })
            .collect(),
        Rows::Findings => Vec::new(),
    };
    let is_datetime = |ty: Option<&Ty>| matches!(ty, Some(Ty::Datetime(_)));
    table
        .columns
        .iter()
        .map(|c| {
            items.iter().any(|&(item, parent)| {
                cell_types(&c.cell, &root_ty, item, parent)
                    .into_iter()
                    .any(is_datetime)
            })
        })
        .collect()
}

/// The described types of the values a cell writes as they are.
fn cell_types<'t>(
    cell: &Cell,
    root: &'t Ty,
    item: Option<&'t Ty>,
    parent: Option<&'t Ty>,
) -> Vec<Option<&'t Ty>> {
    match cell {
        Cell::Root(path) => vec![ty_at(root, path)],
        Cell::Item(path) => vec![item.and_then(|t| ty_at(t, path))],
        Cell::Parent(path) => vec![parent.and_then(|t| ty_at(t, path))],
        Cell::FirstOf(cells) => cells
            .iter()
            .flat_map(|c| cell_types(c, root, item, parent))
            .collect(),
        _ => Vec::new(),
    }
}

/// The type the description gives the value at `path` (`*` an element).
fn ty_at<'t>(ty: &'t Ty, path: &[&str]) -> Option<&'t Ty> {
    path.iter().try_fold(ty, |ty, key| match (ty, *key) {
        (Ty::List(item), "*") => Some(*item),
        (Ty::Object(fields), key) => fields.iter().find(|f| f.name == key).map(|f| &f.ty),
        (Ty::Map(value), _) => Some(*value),
        _ => None,
    })
}

/// Calls `f` with a row for every element of every list, in order.
fn each_item<'d, 'a>(lists: &[List], whole: &Row<'d, 'a>, f: &mut dyn FnMut(Row<'d, 'a>)) {
    for list in lists {
        expand(whole.root, list.path, None, &mut |item, parent| {
            f(Row {
                item,
                parent,
                label: list.label,
                ..*whole
            })
        });
    }
}

type ItemFn<'f, 'd, 'a> = dyn FnMut(Val<'d, 'a>, Option<Val<'d, 'a>>) + 'f;

fn expand<'d, 'a>(
    at: Val<'d, 'a>,
    path: &[&str],
    parent: Option<Val<'d, 'a>>,
    f: &mut ItemFn<'_, 'd, 'a>,
) {
    match path.split_first() {
        None => at.items().for_each(|item| f(item, parent)),
        Some((&"*", rest)) => at
            .items()
            .for_each(|item| expand(item, rest, Some(item), f)),
        Some((key, rest)) => expand(at.get(key), rest, parent, f),
    }
}

/// Seconds from `start` to `end` (datetimes, PipeRun's local ones read in
/// the `--timezone` offset), exact to the digit; empty when either does not
/// parse.
pub fn seconds_between<'d, 'a>(
    start: Val<'d, 'a>,
    end: Val<'d, 'a>,
    row: &Row<'d, 'a>,
) -> Value<'d, 'a> {
    let at = |v: Val<'_, '_>| {
        v.as_str()
            .and_then(|s| parse_datetime(s, row.options.timezone))
    };
    match (at(start), at(end)) {
        (Some(start), Some(end)) => (end - start)
            .num_nanoseconds()
            .map_or(Value::Empty, |n| Value::Number(decimal_seconds(n))),
        _ => Value::Empty,
    }
}

/// Nanoseconds as decimal seconds without trailing zeros: `3.801`, `-2`.
pub fn decimal_seconds(nanos: i64) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let n = nanos.unsigned_abs();
    let (whole, frac) = (n / 1_000_000_000, n % 1_000_000_000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:09}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Stable sort by the datetime at `time`; rows without one come last.
fn sort_by_time(rows: &mut [Row<'_, '_>], time: Path) {
    rows.sort_by_cached_key(|row| {
        let at = row.item.path(time).as_str().and_then(parse_rfc3339);
        (at.is_none(), at)
    });
}

impl Cell {
    /// Whether the cell depends on the payload only, not on the row.
    pub fn is_per_payload(&self) -> bool {
        match self {
            Cell::Root(_) | Cell::OfPayload(_) => true,
            Cell::FirstOf(cells) => cells.iter().all(Cell::is_per_payload),
            _ => false,
        }
    }

    /// The cell's value in a row.
    pub fn eval<'d, 'a>(&self, row: &Row<'d, 'a>) -> Value<'d, 'a> {
        match self {
            Cell::Root(path) => Value::Json(row.root.path(path)),
            Cell::Item(path) => Value::Json(row.item.path(path)),
            Cell::Parent(path) => row
                .parent
                .map_or(Value::Empty, |p| Value::Json(p.path(path))),
            Cell::Label => Value::Label(row.label),
            Cell::Count(path) => count(row.item.path(path)),
            Cell::FirstOf(cells) => cells
                .iter()
                .map(|c| c.eval(row))
                .find(|v| !v.is_nothing())
                .unwrap_or(Value::Empty),
            Cell::OfPayload(f) | Cell::OfRow(f) | Cell::OfRowReading(_, f) => f(row),
            Cell::Finding(_) => Value::Empty,
        }
    }
}

fn count<'d, 'a>(value: Val<'d, 'a>) -> Value<'d, 'a> {
    match value.kind() {
        Some(Kind::Array) => Value::Count(value.len() as u64),
        _ => Value::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::Registry;

    /// README's entity table is written from these tables.
    #[test]
    fn readme_lists_every_entity_with_its_columns() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        // Only the csv section's table counts (summary has an `issues` too).
        let start = readme.find("### csv").expect("README has a csv section");
        let end = readme[start + 1..]
            .find("\n## ")
            .map_or(readme.len(), |i| start + 1 + i);
        let readme = &readme[start..end];
        for entity in Registry::builtin().entities() {
            let table = entity.table;
            let columns: Vec<String> = table.header().map(|c| format!("`{c}`")).collect();
            let row_start = format!("| `{}` |", table.name);
            let row = readme
                .lines()
                .find(|l| l.starts_with(&row_start))
                .unwrap_or_else(|| panic!("README has no row for {}", table.name));
            assert!(
                row.ends_with(&format!("| {} |", columns.join(", "))),
                "README's columns of {} differ from the table:\n{row}",
                table.name
            );
        }
    }

    fn format(text: &str, times: Times) -> Option<String> {
        let local = FixedOffset::west_opt(3 * 3600).expect("offset");
        let mut out = String::new();
        format_datetime(text, times, local, &mut out).then_some(out)
    }

    #[test]
    fn datetimes_are_rfc3339_with_the_payloads_fraction_digits() {
        let plus2 = Times::Offset(FixedOffset::east_opt(2 * 3600).expect("offset"));
        let cases = [
            ("2025-09-08 11:01:17", Times::Utc, "2025-09-08T14:01:17Z"),
            ("2025-09-08 11:01:17", plus2, "2025-09-08T16:01:17+02:00"),
            (
                "2025-04-23T15:41:08.510Z",
                Times::Utc,
                "2025-04-23T15:41:08.510Z",
            ),
            (
                "2025-04-23T15:41:08.5Z",
                Times::Utc,
                "2025-04-23T15:41:08.5Z",
            ),
            (
                "2025-04-23T15:41:08.000000Z",
                plus2,
                "2025-04-23T17:41:08.000000+02:00",
            ),
            (
                "2025-04-23T15:41:08.123456789-01:00",
                Times::Utc,
                "2025-04-23T16:41:08.123456789Z",
            ),
            (
                "2025-12-31T23:59:59+00:00",
                plus2,
                "2026-01-01T01:59:59+02:00",
            ),
        ];
        for (text, times, expected) in cases {
            assert_eq!(format(text, times).as_deref(), Some(expected), "{text}");
        }
        for bad in [
            "2025-09-08 11: 01: 18",
            "2025-02-30 10:00:00",
            "yesterday",
            "",
        ] {
            assert_eq!(format(bad, Times::Utc), None, "{bad}");
        }
    }

    /// The datetime columns come from the descriptions, not a list.
    #[test]
    fn datetime_columns_follow_the_descriptions() {
        let registry = Registry::builtin();
        let names = |entity: &str| -> Vec<&str> {
            let entity = registry.entity(entity).expect("entity");
            let provider = entity.provider.expect("provider");
            let flags = datetime_columns(entity.table, provider.root);
            entity
                .table
                .columns
                .iter()
                .zip(flags)
                .filter(|(_, f)| *f)
                .map(|(c, _)| c.name)
                .collect()
        };
        assert_eq!(names("messages"), ["sent_at", "read_at"]);
        assert!(names("talks").contains(&"finished_at") && names("talks").contains(&"created_at"));
        assert!(!names("talks").contains(&"duration_s"));
        assert_eq!(names("logs"), ["timestamp"]);
        assert!(names("calls").contains(&"enqueued_at"));
    }

    #[test]
    fn decimal_seconds_are_exact() {
        assert_eq!(decimal_seconds(3_801_000_000), "3.801");
        assert_eq!(decimal_seconds(4_000_000_000), "4");
        assert_eq!(decimal_seconds(-500_000_000), "-0.5");
        assert_eq!(decimal_seconds(1), "0.000000001");
    }

    #[test]
    fn column_names_are_unique_snake_case() {
        for entity in Registry::builtin().entities() {
            let header: Vec<_> = entity.table.header().collect();
            let mut sorted = header.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), header.len(), "{header:?}");
            for name in header {
                assert!(
                    name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{name}"
                );
            }
        }
    }

    /// issue 10: the parse extent is derived from the columns and the
    /// descriptions; before, it was set by hand (`data` and `bot-variables`
    /// full, the rest lean).
    #[test]
    fn parse_extent_follows_the_columns() {
        let mut full = Vec::new();
        for entity in Registry::builtin().entities() {
            let Some(provider) = entity.provider else {
                continue;
            };
            if needs_full_parse(entity.table, provider.root) {
                full.push(entity.table.name);
            }
        }
        assert_eq!(full, ["data", "bot-variables"]);
    }
}

#[cfg(test)]
mod projection_tests {
    use super::*;
    use crate::provider::Registry;

    fn table(name: &str) -> &'static Table {
        Registry::builtin().entity(name).expect("entity").table
    }

    /// Entities whose cells all read plain paths get a projection; the
    /// golden files pin that their rows are the same as with a full parse.
    #[test]
    fn plain_path_entities_are_projected() {
        let messages = projection(table("messages")).expect("messages reads plain paths");
        assert_eq!(messages.list, "talk_histories");
        assert_eq!(messages.root, ["id", "tracking_number", "customer_id"]);
        assert!(
            messages
                .item
                .member("user")
                .flatten()
                .is_some_and(|u| u.member("name").is_some())
        );
        assert!(messages.item.member("subject").is_none());
        assert!(projection(table("findings")).is_none());
        assert!(projection(table("talks")).is_none());
    }
}
