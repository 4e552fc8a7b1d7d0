//! The language of the row entities `hookscope csv` writes: which payload
//! elements become rows ([`Rows`]) and how each cell is obtained from a row
//! ([`Cell`]). Each provider declares its entities in this language
//! (`provider::nuvidio::rows`, `provider::piperun::rows`); this module holds
//! the engine that walks a payload with a [`Table`] and hands the cells to a
//! [`RowSink`] (a renderer), plus the provider-independent `findings` entity.

use std::borrow::Cow;

use crate::check::{Finding, Report};
use crate::cli::Entity;
use crate::detect::{Detection, Provider};
use std::sync::OnceLock;

use crate::json::Extent;
use crate::json::projection::{ListProjection, Projection};
use crate::json::{Kind, Val};
use crate::provider::{nuvidio, piperun};
use crate::values::parse_rfc3339;

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
    /// The provider whose payloads have these rows; `None` for both.
    pub provider: Option<Provider>,
    /// How much of a payload the rows need: [`Extent::Lean`] unless a
    /// column reads a free-form (`Any`) value.
    pub extent: Extent,
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
    /// An empty cell (`null` in JSON Lines).
    Empty,
}

impl Value<'_, '_> {
    /// Whether the value is null or absent (an empty string is not).
    pub fn is_nothing(&self) -> bool {
        match self {
            Value::Json(v) => v.is_nothing(),
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
}

/// Receives rows cell by cell; the renderers implement it.
pub trait RowSink {
    fn cell(&mut self, value: &Value<'_, '_>);
    fn end_row(&mut self);
}

/// Every entity, in `--list` order.
pub const ENTITIES: &[Entity] = &[
    Entity::Calls,
    Entity::Issues,
    Entity::Tags,
    Entity::Data,
    Entity::Logs,
    Entity::Talks,
    Entity::Messages,
    Entity::Events,
    Entity::BotVariables,
    Entity::Contacts,
    Entity::Findings,
];

/// Every entity's name, as `--rows` takes it.
pub fn entity_names() -> impl Iterator<Item = &'static str> {
    ENTITIES.iter().map(|e| table(*e).name)
}

/// The description of an entity.
pub fn table(entity: Entity) -> &'static Table {
    match entity {
        Entity::Calls => &nuvidio::rows::CALLS,
        Entity::Issues => &nuvidio::rows::ISSUES,
        Entity::Tags => &nuvidio::rows::TAGS,
        Entity::Data => &nuvidio::rows::DATA,
        Entity::Logs => &nuvidio::rows::LOGS,
        Entity::Talks => &piperun::rows::TALKS,
        Entity::Messages => &piperun::rows::MESSAGES,
        Entity::Events => &piperun::rows::EVENTS,
        Entity::BotVariables => &piperun::rows::BOT_VARIABLES,
        Entity::Contacts => &piperun::rows::CONTACTS,
        Entity::Findings => &FINDINGS,
    }
}

/// The projection of an entity whose cells all read plain paths (the
/// top level, or the items of one top-level array), so that the parse
/// builds only what they read; `None` for the others.
pub fn projection(entity: Entity) -> Option<&'static ListProjection> {
    static PROJECTIONS: OnceLock<Vec<(Entity, Option<ListProjection>)>> = OnceLock::new();
    let all = PROJECTIONS.get_or_init(|| {
        ENTITIES
            .iter()
            .map(|e| (*e, derive_projection(table(*e))))
            .collect()
    });
    all.iter().find(|(e, _)| *e == entity)?.1.as_ref()
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

    /// Whether payloads of this provider have rows of this entity.
    pub fn applies_to(&self, provider: Provider) -> bool {
        self.provider.is_none_or(|p| p == provider)
    }
}

/// The `check` findings as rows; unusable payloads give their
/// `json-syntax` or `unknown-provider` finding.
pub const FINDINGS: Table = Table {
    name: "findings",
    extent: Extent::Full,
    provider: None,
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

/// Writes the rows of `table` for one recognised payload (none when the
/// entity belongs to the other provider). `source` is the first cell.
pub fn write_rows(
    table: &Table,
    source: &str,
    root: Val<'_, '_>,
    detection: &Detection,
    sink: &mut dyn RowSink,
) {
    if !table.applies_to(detection.provider()) {
        return;
    }
    let whole = Row {
        root,
        detection,
        item: root,
        parent: None,
        label: "",
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
    let provider = report.detection.as_ref().map(|d| d.provider().as_str());
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
    for (i, column) in table.columns.iter().enumerate() {
        match fixed.get(i) {
            Some(Some(value)) => sink.cell(value),
            _ => sink.cell(&column.cell.eval(row)),
        }
    }
    sink.end_row();
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
            Cell::OfPayload(f) | Cell::OfRow(f) => f(row),
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
    use clap::ValueEnum;

    #[test]
    fn every_entity_has_its_table() {
        assert_eq!(ENTITIES.len(), Entity::value_variants().len());
        for entity in Entity::value_variants() {
            let name = entity.to_possible_value().expect("visible");
            assert_eq!(table(*entity).name, name.get_name());
        }
    }

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
        for entity in ENTITIES {
            let table = table(*entity);
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

    #[test]
    fn column_names_are_unique_snake_case() {
        for entity in ENTITIES {
            let header: Vec<_> = table(*entity).header().collect();
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
}

#[cfg(test)]
mod projection_tests {
    use super::*;

    /// Entities whose cells all read plain paths get a projection; the
    /// golden files pin that their rows are the same as with a full parse.
    #[test]
    fn plain_path_entities_are_projected() {
        let messages = projection(Entity::Messages).expect("messages reads plain paths");
        assert_eq!(messages.list, "talk_histories");
        assert_eq!(messages.root, ["id", "tracking_number"]);
        assert!(
            messages
                .item
                .member("user")
                .flatten()
                .is_some_and(|u| u.member("name").is_some())
        );
        assert!(messages.item.member("subject").is_none());
        assert!(projection(Entity::Findings).is_none());
        assert!(projection(Entity::Talks).is_none());
    }
}
