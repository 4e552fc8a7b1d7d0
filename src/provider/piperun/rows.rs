//! PipeRun's row entities for `hookscope csv`: talks, messages, events
//! (tabulations), bot variables and contacts, declared in the language of
//! [`crate::rows`].
//!
//! The `talks` columns are derived from the talk field table
//! ([`super::fields::TALK`]) at compile time: every scalar field in table
//! order (the talk's `id` as `talk_id`), then a few values from the nested
//! objects.

use super::fields::TALK;
use super::sender::{self, sender_name};
use crate::rows::{Cell, Column, List, Row, Rows, Table, Value, seconds_between};
use crate::schema::{Field, Ty};

use Cell::{Count, FirstOf, Item, Label, OfPayload, OfRowReading, Root};

const fn col(name: &'static str, cell: Cell) -> Column {
    Column { name, cell }
}

/// The talk's keys, right after `source` on every child row, so that a
/// child entity can be filtered or joined to `talks` on its own.
const TALK_KEYS: [Column; 3] = [
    col("talk_id", Root(&["id"])),
    col("tracking_number", Root(&["tracking_number"])),
    col("customer_id", Root(&["customer_id"])),
];
const TALK_ID: Column = TALK_KEYS[0];
const TRACKING_NUMBER: Column = TALK_KEYS[1];
const CUSTOMER_ID: Column = TALK_KEYS[2];

/// Columns after the talk table's scalar fields.
const TALK_EXTRAS: [Column; 6] = [
    col("customer_name", Root(&["customer", "name"])),
    col("bot_description", Root(&["bot", "description"])),
    col(
        "service_catalog_description",
        Root(&["service_catalog", "description"]),
    ),
    col("message_count", Count(&["talk_histories"])),
    col("event_count", Count(&["talk_events"])),
    col("duration_s", OfPayload(talk_seconds)),
];

const TALK_SCALARS: usize = scalar_count(TALK);

const TALK_COLUMNS: [Column; TALK_SCALARS + TALK_EXTRAS.len()] = talk_columns();

/// Whether a field holds one value (not an object or a list).
const fn is_scalar(field: &Field) -> bool {
    !matches!(field.ty, Ty::Object(_) | Ty::List(_) | Ty::Map(_) | Ty::Any)
}

const fn scalar_count(fields: &[Field]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < fields.len() {
        if is_scalar(&fields[i]) {
            n += 1;
        }
        i += 1;
    }
    n
}

const fn talk_columns() -> [Column; TALK_SCALARS + TALK_EXTRAS.len()] {
    let mut columns = [TALK_EXTRAS[0]; TALK_SCALARS + TALK_EXTRAS.len()];
    let (mut i, mut n) = (0, 0);
    while i < TALK.len() {
        let field: &'static Field = &TALK[i];
        if is_scalar(field) {
            let name = if crate::schema::same_name(field.name, "id") {
                "talk_id"
            } else {
                field.name
            };
            columns[n] = col(name, Root(std::slice::from_ref(&field.name)));
            n += 1;
        }
        i += 1;
    }
    let mut j = 0;
    while j < TALK_EXTRAS.len() {
        columns[n + j] = TALK_EXTRAS[j];
        j += 1;
    }
    columns
}

/// Every entity, in `--list` order.
pub const TABLES: &[Table] = &[TALKS, MESSAGES, EVENTS, BOT_VARIABLES, CONTACTS];

/// One row per payload.
pub const TALKS: Table = Table {
    name: "talks",
    help: "one row per talk",
    rows: Rows::Payload,
    columns: &TALK_COLUMNS,
};

/// One row per element of `talk_histories`.
pub const MESSAGES: Table = Table {
    name: "messages",
    help: "one row per message",
    rows: Rows::Lists(&[List {
        path: &["talk_histories"],
        label: "",
    }]),
    columns: &[
        TALK_ID,
        TRACKING_NUMBER,
        CUSTOMER_ID,
        col("message_id", Item(&["id"])),
        col("sent_at", Item(&["sent_at"])),
        col("type", Item(&["type"])),
        col("from", Item(&["from"])),
        col("to", Item(&["to"])),
        col("sender", OfRowReading(sender::READS, sender)),
        col("sender_kind", OfRowReading(sender::READS, sender_kind)),
        col("user_name", Item(&["user", "name"])),
        col("user_is_bot", Item(&["user", "is_bot"])),
        col("channel", Item(&["channel", "description"])),
        col("message", Item(&["message"])),
        col("has_attachment", Item(&["has_attachment"])),
        col("attachment_url", Item(&["attachment_url"])),
        col("file_name", Item(&["file_name"])),
        col("was_read", Item(&["was_read"])),
        col("read_at", Item(&["read_at"])),
        col("has_error", Item(&["has_error"])),
        col("error_reason", Item(&["error_reason"])),
    ],
};

/// One row per element of `talk_events` (tabulations).
pub const EVENTS: Table = Table {
    name: "events",
    help: "one row per tabulation",
    rows: Rows::Lists(&[List {
        path: &["talk_events"],
        label: "",
    }]),
    columns: &[
        TALK_ID,
        TRACKING_NUMBER,
        CUSTOMER_ID,
        col("talk_event_id", Item(&["id"])),
        col("event_id", Item(&["event_id"])),
        col("description", Item(&["event", "description"])),
        col("external_id", Item(&["event", "external_id"])),
        col("is_success", Item(&["is_success"])),
        col("reaction_type", Item(&["reaction_type"])),
        col(
            "reaction_type_description",
            Item(&["reaction_type_description"]),
        ),
        col("agent_id", Item(&["agent_id"])),
        col("queue_id", Item(&["queue_id"])),
        col("created_at", Item(&["created_at"])),
    ],
};

/// One row per element of `bot_variables`.
pub const BOT_VARIABLES: Table = Table {
    name: "bot-variables",
    help: "one row per bot variable",
    rows: Rows::Lists(&[List {
        path: &["bot_variables"],
        label: "",
    }]),
    columns: &[
        TALK_ID,
        TRACKING_NUMBER,
        CUSTOMER_ID,
        col("var_name", Item(&["var_name"])),
        col("value", Item(&["value"])),
    ],
};

/// One row per customer telephone, then per customer e-mail address.
pub const CONTACTS: Table = Table {
    name: "contacts",
    help: "one row per customer phone or e-mail",
    rows: Rows::Lists(&[
        List {
            path: &["customer", "telephones"],
            label: "phone",
        },
        List {
            path: &["customer", "emails"],
            label: "email",
        },
    ]),
    columns: &[
        TALK_ID,
        TRACKING_NUMBER,
        CUSTOMER_ID,
        col("kind", Label),
        // Telephones carry full_number_cc / full_number, e-mails email.
        col(
            "value",
            FirstOf(&[
                Item(&["full_number_cc"]),
                Item(&["full_number"]),
                Item(&["number"]),
                Item(&["email"]),
            ]),
        ),
        col("level", Item(&["level_id"])),
        col("origin", Item(&["insert_origin"])),
    ],
};

/// `finished_at - created_at` in seconds; empty while the talk is open.
fn talk_seconds<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    seconds_between(row.root.get("created_at"), row.root.get("finished_at"), row)
}

/// Who sent the message, by the rule `summary` shows.
fn sender<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    sender_name(row.item).map_or(Value::Empty, Value::Text)
}

/// `customer`, `user`, `bot` or `system`.
fn sender_kind<'d, 'a>(row: &Row<'d, 'a>) -> Value<'d, 'a> {
    sender::sender_kind(row.item).map_or(Value::Empty, |kind| Value::Label(kind.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The talks columns follow the field table: a field added there is a
    /// column here without touching this file.
    #[test]
    fn talk_columns_follow_the_field_table() {
        let scalars: Vec<&str> = TALK
            .iter()
            .filter(|f| is_scalar(f))
            .map(|f| if f.name == "id" { "talk_id" } else { f.name })
            .collect();
        let names: Vec<&str> = TALKS.columns.iter().map(|c| c.name).collect();
        assert_eq!(&names[..scalars.len()], &scalars[..]);
        assert_eq!(names.len(), scalars.len() + TALK_EXTRAS.len());
        assert_eq!(names[0], "talk_id");
        assert!(!names.contains(&"talk_histories") && !names.contains(&"customer"));
    }

    /// issue 13: every child row carries the talk's keys right after
    /// `source`.
    #[test]
    fn child_rows_start_with_the_talk_keys() {
        for table in [MESSAGES, EVENTS, BOT_VARIABLES, CONTACTS] {
            let names: Vec<&str> = table.header().take(4).collect();
            assert_eq!(
                names,
                ["source", "talk_id", "tracking_number", "customer_id"],
                "{}",
                table.name
            );
        }
    }
}
