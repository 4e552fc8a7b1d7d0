//! NuVidio's row entities for `hookscope csv`: calls, issues, tags, data
//! items and logs, declared in the language of [`crate::rows`].
//!
//! Every entity's `call_id` is `content.call.id` where the payload has it
//! (the incomplete form, whose `content.id` is an issue id), else
//! `content.id`. `content.issue` is a copy of one of `content.issues`: it
//! adds no row, it only says which issue is `closed`.

use std::borrow::Cow;

use super::fields::CLOSED_ISSUE;
use crate::json::Val;
use crate::rows::{Cell, Column, List, Row, Rows, Table, Value, seconds_between};
use crate::values::{DataUri, parse_data_uri};

use Cell::{Count, FirstOf, Item, Label, OfPayload, OfRow, OfRowReading, Parent, Root};

const fn col(name: &'static str, cell: Cell) -> Column {
    Column { name, cell }
}

const CALL_ID: Cell = FirstOf(&[Root(&["content", "call", "id"]), Root(&["content", "id"])]);
const HOOK_TYPE: Cell = Root(&["hookType"]);
const TICKET: Cell = Root(&["content", "ticket"]);
/// `id`, or `_id` when an element has only that.
const ITEM_ID: Cell = FirstOf(&[Item(&["id"]), Item(&["_id"])]);
const ISSUE_ID: Cell = FirstOf(&[Parent(&["id"]), Parent(&["_id"])]);

const ISSUES_LIST: &[List] = &[List {
    path: &["content", "issues"],
    label: "",
}];

/// Every entity, in `--list` order.
pub const TABLES: &[Table] = &[CALLS, ISSUES, TAGS, DATA, LOGS];

/// One row per payload.
pub const CALLS: Table = Table {
    name: "calls",
    help: "one row per payload",
    rows: Rows::Payload,
    columns: &[
        col("hook_type", Root(&["hookType"])),
        col("timestamp", Root(&["timestamp"])),
        col("complete", OfPayload(complete)),
        col("call_id", CALL_ID),
        col("ticket", TICKET),
        col("initial_date", Root(&["content", "initialDate"])),
        col("expiration_date", Root(&["content", "expirationDate"])),
        col("duration", Root(&["content", "duration"])),
        col("duration_s", OfPayload(call_seconds)),
        col("recorded", Root(&["content", "recorded"])),
        col("recording_status", Root(&["content", "recordingStatus"])),
        col("department_id", Root(&["content", "department", "id"])),
        col("department_name", Root(&["content", "department", "name"])),
        col("queue_id", Root(&["content", "queue", "id"])),
        col("enqueued_at", Root(&["content", "queue", "enqueuedAt"])),
        col("unqueued_at", Root(&["content", "queue", "unqueuedAt"])),
        col("queue_wait_seconds", OfPayload(queue_wait_seconds)),
        col("attendant_id", Root(&["content", "attendant", "id"])),
        col("attendant_name", Root(&["content", "attendant", "name"])),
        col("attendant_email", Root(&["content", "attendant", "email"])),
        col("customer_id", Root(&["content", "customer", "id"])),
        col("customer_name", Root(&["content", "customer", "name"])),
        col("customer_email", Root(&["content", "customer", "email"])),
        col(
            "closed_issue_id",
            FirstOf(&[
                Root(&["content", "issue", "id"]),
                OfPayload(incomplete_closed_issue),
            ]),
        ),
        col("issue_count", Count(&["content", "issues"])),
    ],
};

/// One row per element of `content.issues`.
pub const ISSUES: Table = Table {
    name: "issues",
    help: "one row per issue",
    rows: Rows::Lists(ISSUES_LIST),
    columns: &[
        col("call_id", CALL_ID),
        col("hook_type", HOOK_TYPE),
        col("ticket", TICKET),
        col("issue_id", ITEM_ID),
        col("key", Item(&["key"])),
        col("name", Item(&["name"])),
        col("closed", OfRow(closed)),
        col("tags", OfRow(tag_labels)),
        col("notes", OfRow(notes)),
        col("data_count", Count(&["data"])),
    ],
};

/// One row per tag: the call's own, then each issue's.
pub const TAGS: Table = Table {
    name: "tags",
    help: "one row per tag (call-level and issue-level)",
    rows: Rows::Lists(&[
        List {
            path: &["content", "tags"],
            label: "call",
        },
        List {
            path: &["content", "issues", "*", "tags"],
            label: "issue",
        },
    ]),
    columns: &[
        col("call_id", CALL_ID),
        col("hook_type", HOOK_TYPE),
        col("level", Label),
        col("issue_id", ISSUE_ID),
        col("issue_name", Parent(&["name"])),
        col("issue_closed", OfRow(parent_closed)),
        col("ticket", TICKET),
        col("tag_id", ITEM_ID),
        col("label", Item(&["label"])),
        col("type", Item(&["type"])),
        col("parent_tag_id", Item(&["parentTag"])),
        col("color", Item(&["color"])),
        col("description", Item(&["description"])),
    ],
};

/// One row per data item of each issue.
pub const DATA: Table = Table {
    name: "data",
    help: "one row per issue data item",
    rows: Rows::Lists(&[List {
        path: &["content", "issues", "*", "data"],
        label: "",
    }]),
    columns: &[
        col("call_id", CALL_ID),
        col("hook_type", HOOK_TYPE),
        col("issue_id", ISSUE_ID),
        col("issue_name", Parent(&["name"])),
        col("issue_closed", OfRow(parent_closed)),
        col("label", Item(&["label"])),
        col("type", Item(&["type"])),
        col("private", Item(&["private"])),
        col("value", OfRowReading(&[&["value"]], data_value)),
    ],
};

/// Call and queue logs merged in time order.
pub const LOGS: Table = Table {
    name: "logs",
    help: "one row per call or queue log entry",
    rows: Rows::Timeline(
        &[
            List {
                path: &["content", "logs"],
                label: "call",
            },
            List {
                path: &["content", "queue", "logs"],
                label: "queue",
            },
        ],
        &["timestamp"],
    ),
    columns: &[
        col("call_id", CALL_ID),
        col("hook_type", HOOK_TYPE),
        col("timestamp", Item(&["timestamp"])),
        col("origin", Label),
        col("name", Item(&["name"])),
        col("client", Item(&["client"])),
        col("client_role", Item(&["clientRole"])),
        // A call log's detail is text; a queue log's an object with a message.
        col(
            "detail",
            FirstOf(&[Item(&["detail", "message"]), Item(&["detail"])]),
        ),
    ],
};

fn complete<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    row.detection.complete().map_or(Value::Empty, Value::Bool)
}

/// In the incomplete form of `attendant_closed_issue`, `content.id` is the
/// issue that was closed.
fn incomplete_closed_issue<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    let content = row.root.get("content");
    let incomplete = row.detection.complete() == Some(false)
        && row.detection.hook_type() == Some(CLOSED_ISSUE)
        && !content.path(&["call", "id"]).is_nothing();
    if incomplete {
        Value::Json(content.get("id"))
    } else {
        Value::Empty
    }
}

/// `unqueuedAt - enqueuedAt` in seconds, exact (`3.801`); empty when either
/// does not parse.
fn queue_wait_seconds<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    let queue = row.root.path(&["content", "queue"]);
    seconds_between(queue.get("enqueuedAt"), queue.get("unqueuedAt"), row)
}

/// `expirationDate - initialDate` (the call's start and end) in seconds.
fn call_seconds<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    let content = row.root.get("content");
    seconds_between(
        content.get("initialDate"),
        content.get("expirationDate"),
        row,
    )
}

/// Whether this issue is the one `content.issue` names.
fn closed<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    Value::Bool(is_closed(row.root, row.item))
}

/// Whether the issue a tag or data item belongs to is the closed one;
/// empty for a call-level tag.
fn parent_closed<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    row.parent.map_or(Value::Empty, |issue| {
        Value::Bool(is_closed(row.root, issue))
    })
}

fn is_closed(root: Val<'_, '_>, issue: Val<'_, '_>) -> bool {
    let closed = id_of(root.path(&["content", "issue"]));
    closed.is_some() && closed == id_of(issue)
}

/// An element's `id`, or its `_id`.
fn id_of<'d>(element: Val<'d, '_>) -> Option<&'d str> {
    (element.get("id").as_str()).or_else(|| element.get("_id").as_str())
}

/// The issue's tag labels joined with ` › `.
fn tag_labels<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    let tags = row.item.get("tags");
    if tags.is_nothing() {
        return Value::Empty;
    }
    let mut joined = String::new();
    for label in tags.items().filter_map(|t| t.get("label").scalar_text()) {
        if !joined.is_empty() {
            joined.push_str(" › ");
        }
        joined.push_str(&label);
    }
    Value::Text(Cow::Owned(joined))
}

/// The issue's notes (HTML) as plain text.
fn notes<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    let notes = row.item.get("notes");
    match notes.as_str() {
        Some(html) => Value::Text(crate::html::to_text(html)),
        None => Value::Json(notes),
    }
}

/// The item's value; a `data:` URI is summarised, never copied.
fn data_value<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    let value = row.item.get("value");
    match value.as_str().and_then(|s| Some((s, parse_data_uri(s)?))) {
        Some((text, uri)) => Value::Text(Cow::Owned(describe_data_uri(text, uri))),
        None => Value::Json(value),
    }
}

/// `data:<media type>;<N> bytes`; a URI whose data does not decode says so
/// with its length in characters.
fn describe_data_uri(text: &str, uri: Result<DataUri<'_>, String>) -> String {
    match uri {
        Ok(uri) => match uri.decoded_len() {
            Some(n) => format!("data:{};{n} bytes", uri.media_type),
            None => format!(
                "data:{};undecodable, {} characters",
                uri.media_type,
                uri.data.chars().count()
            ),
        },
        Err(_) => format!("data:;malformed, {} characters", text.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// issue 13: every child row carries the call's keys right after
    /// `source`, and tags and data items their issue's.
    #[test]
    fn child_rows_start_with_the_parent_keys() {
        let issue = ["issue_id", "issue_name", "issue_closed"];
        for table in [ISSUES, TAGS, DATA, LOGS] {
            let names: Vec<&str> = table.header().collect();
            assert_eq!(
                names[..3],
                ["source", "call_id", "hook_type"],
                "{}",
                table.name
            );
            let rest = match table.name {
                "tags" => &names[3..7],
                "data" => &names[3..6],
                _ => continue,
            };
            let expected: Vec<&str> = match table.name {
                "tags" => std::iter::once("level").chain(issue).collect(),
                _ => issue.to_vec(),
            };
            assert_eq!(rest, expected, "{}", table.name);
        }
    }

    #[test]
    fn data_uris_are_summarised() {
        let text =
            r#"["data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,@@", "data:xyz"]"#;
        let doc = crate::json::parse(text, crate::json::Extent::Full).expect("parses");
        let describe = |i| {
            let text = doc.root().index(i).as_str().expect("string");
            describe_data_uri(text, parse_data_uri(text).expect("data uri"))
        };
        assert_eq!(describe(0), "data:image/png;8 bytes");
        assert_eq!(describe(1), "data:image/png;undecodable, 2 characters");
        assert_eq!(describe(2), "data:;malformed, 8 characters");
    }
}
