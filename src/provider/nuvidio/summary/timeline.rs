//! What happened when: the call and queue logs merged into one timeline,
//! the text chat, and the questionnaire (whose shapes no example shows, so
//! their fields are found by the usual names, else shown as JSON).

use super::{Options, parse_time};
use crate::json::{Kind, Val};
use crate::summary::show::{self, Time, muted};
use crate::summary::{Column, Fit, Section, Value, column};

const TIMELINE_COLUMNS: &[Column] = &[
    column("offset", "Offset", Fit::Short),
    column("time", "Time", Fit::Short),
    column("who", "Who", Fit::Wrap),
    column("event", "Event", Fit::Wrap),
    column("detail", "Detail", Fit::Wrap),
];

const CHAT_COLUMNS: &[Column] = &[
    column("time", "Time", Fit::Short),
    column("who", "Who", Fit::Wrap),
    column("message", "Message", Fit::Prose),
];

const QUESTIONNAIRE_COLUMNS: &[Column] = &[
    column("question", "Question", Fit::Wrap),
    column("answer", "Answer", Fit::Prose),
];

/// One timeline entry before it is placed in time.
struct Entry<'d, 'a> {
    at: Val<'d, 'a>,
    who: Value,
    event: Value,
    detail: Value,
}

/// Call logs and queue logs, oldest first, with the offset from the call
/// start (`initialDate`, else the earliest entry).
pub(super) fn timeline(
    content: Val<'_, '_>,
    logs: &[(Val<'_, '_>, &str)],
    options: &Options,
) -> Section {
    let mut entries: Vec<Entry<'_, '_>> = Vec::new();
    let mut notes = Vec::new();
    for (list, pointer) in logs {
        let mut items = show::list(*list, pointer, &mut notes);
        // The payload lists logs newest first.
        items.reverse();
        entries.extend(items.into_iter().map(entry));
    }
    let entries = show::in_time_order(entries, |e| show::time_of(e.at, &parse_time));
    let start = show::time_of(content.get("initialDate"), &parse_time).or_else(|| {
        entries
            .iter()
            .filter_map(|e| show::time_of(e.at, &parse_time))
            .min()
    });
    let rows = entries
        .into_iter()
        .map(|e| {
            let (offset, time) = when(e.at, start, options);
            let offset = show::built_from(offset, [content.get("initialDate"), e.at]);
            vec![offset, time, e.who, e.event, e.detail]
        })
        .collect();
    Section::table(super::section::TIMELINE, TIMELINE_COLUMNS, rows).with_notes(notes)
}

/// The offset from `start` and the time of day (with the date when it is
/// not the start's).
fn when(at: Val<'_, '_>, start: Option<Time>, options: &Options) -> (Value, Value) {
    let Some(t) = show::time_of(at, &parse_time) else {
        let shown = show::datetime(at, &parse_time, options.offset).unwrap_or_default();
        return (Value::none(), shown);
    };
    let offset = start.map_or_else(Value::none, |s| Value::text(show::offset_from(s, t)));
    let time = Value::text(show::clock_near(t, start, options.offset));
    (offset, show::traced(time, at))
}

/// A log entry: a queue log has a `detail` object (`code`, `message`), a
/// call log a `client`, its role and a `detail` string.
fn entry<'d, 'a>(log: Val<'d, 'a>) -> Entry<'d, 'a> {
    if log.kind() != Some(Kind::Object) {
        return Entry {
            at: log.get("timestamp"),
            who: Value::none(),
            event: show::traced(Value::malformed(log.to_json()), log),
            detail: Value::none(),
        };
    }
    let detail = log.get("detail");
    if detail.kind() == Some(Kind::Object) && log.get("client").is_missing() {
        let event = show::with_detail(
            show::text_of(log.get("name")).as_deref(),
            show::text_of(detail.get("code")).as_deref(),
        );
        let event = event.map_or_else(Value::none, Value::text);
        return Entry {
            at: log.get("timestamp"),
            who: muted("queue"),
            event: show::built_from(event, [log.get("name"), detail.get("code")]),
            detail: show::scalar(detail.get("message")).unwrap_or_default(),
        };
    }
    let who = show::with_detail(
        show::text_of(log.get("client")).as_deref(),
        show::text_of(log.get("clientRole")).as_deref(),
    );
    let metadata = show::text_of(log.get("metadata"));
    let detail = match show::scalar(detail) {
        Some(value) if value.malformed => value,
        _ => show::built_from(
            show::with_detail(show::text_of(detail).as_deref(), metadata.as_deref())
                .map_or_else(Value::none, Value::text),
            [detail, log.get("metadata")],
        ),
    };
    let who = who.map_or_else(Value::none, Value::text);
    Entry {
        at: log.get("timestamp"),
        who: show::built_from(who, [log.get("client"), log.get("clientRole")]),
        event: show::scalar(log.get("name")).unwrap_or_default(),
        detail,
    }
}

/// Text chat messages, in time order.
pub(super) fn chat(content: Val<'_, '_>, options: &Options) -> Section {
    const TIME: &[&str] = &["timestamp", "createdAt", "sentAt", "date", "time"];
    let start = show::time_of(content.get("initialDate"), &parse_time);
    let mut notes = Vec::new();
    let items = show::list(content.get("textChat"), "/content/textChat", &mut notes);
    let items = show::in_time_order(items, |m| {
        TIME.iter()
            .find_map(|k| show::time_of(m.get(k), &parse_time))
    });
    let rows = items
        .into_iter()
        .map(|m| {
            let at = TIME.iter().map(|k| m.get(k)).find(|v| !v.is_nothing());
            let time = at.map_or_else(Value::none, |at| when(at, start, options).1);
            vec![
                time,
                chat_sender(m),
                record_text(m, &["message", "text", "content", "body"]),
            ]
        })
        .collect();
    Section::table(super::section::CHAT, CHAT_COLUMNS, rows).with_notes(notes)
}

fn chat_sender(m: Val<'_, '_>) -> Value {
    let name = show::first_text(m, &["client", "sender", "from", "author", "name"])
        .or_else(|| show::text_of(m.path(&["user", "name"])));
    let role = show::first_text(m, &["clientRole", "role"]);
    let value =
        show::with_detail(name.as_deref(), role.as_deref()).map_or_else(Value::none, Value::text);
    let read = [
        "client",
        "sender",
        "from",
        "author",
        "name",
        "clientRole",
        "role",
    ];
    show::built_from(
        value,
        read.iter()
            .map(|k| m.get(k))
            .chain([m.path(&["user", "name"])]),
    )
}

/// The text of a record found under one of `keys`; a bare scalar as is;
/// else the whole record as JSON.
fn record_text(record: Val<'_, '_>, keys: &[&str]) -> Value {
    if record.kind() != Some(Kind::Object) {
        return show::scalar(record).unwrap_or_default();
    }
    match keys.iter().map(|k| record.get(k)).find(|v| !v.is_nothing()) {
        Some(v) if v.kind() == Some(Kind::Array) => show::built_from(
            Value::text(
                v.items()
                    .map(|i| {
                        i.scalar_text()
                            .map_or_else(|| i.to_json(), |t| t.into_owned())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            v.items(),
        ),
        Some(v) => show::any(v).unwrap_or_default(),
        None => show::traced(Value::text(record.to_json()), record),
    }
}

/// Questions and answers (of the call, or of its rating).
pub(super) fn questionnaire(content: Val<'_, '_>) -> Section {
    let own = content.get("questionnaire");
    let (list, pointer) = if own.is_nothing() || own.kind() == Some(Kind::Array) && own.is_empty() {
        (
            content.path(&["rating", "questionnaire"]),
            "/content/rating/questionnaire",
        )
    } else {
        (own, "/content/questionnaire")
    };
    let mut notes = Vec::new();
    let rows = show::list(list, pointer, &mut notes)
        .into_iter()
        .map(|q| {
            if q.kind() != Some(Kind::Object) {
                return vec![Value::none(), show::any(q).unwrap_or_default()];
            }
            let keys = ["question", "label", "title", "name", "text"];
            let question = keys
                .iter()
                .map(|k| q.get(k))
                .find(|v| show::text_of(*v).is_some_and(|t| !t.is_empty()));
            let answer = record_text(q, &["answer", "value", "response", "answers"]);
            match question {
                Some(question) => vec![show::scalar(question).unwrap_or_default(), answer],
                None => vec![Value::none(), show::traced(Value::text(q.to_json()), q)],
            }
        })
        .collect();
    Section::table(super::section::QUESTIONNAIRE, QUESTIONNAIRE_COLUMNS, rows).with_notes(notes)
}
