//! The talk's messages (`talk_histories`) as a conversation: time order,
//! direction arrows, who sent them, text, attachment, read or error state.

use super::{Options, clock, created, parse_time};
use crate::json::{Kind, Val};
use crate::provider::piperun::fields::MESSAGE_TYPES;
use crate::provider::piperun::sender::sender_name;
use crate::summary::show;
use crate::summary::{Column, Fit, Section, Tone, Value, column};

const COLUMNS: &[Column] = &[
    column("time", "Time", Fit::Short),
    column("direction", "Dir", Fit::Short),
    column("sender", "Sender", Fit::Wrap),
    column("message", "Message", Fit::Prose),
    column("attachment", "Attachment", Fit::Wrap),
    column("state", "State", Fit::Wrap),
];

/// The arrow of each of [`MESSAGE_TYPES`] (in, out, system), and its tone.
const ARROWS: [(&str, Tone); 3] = [("→", Tone::Good), ("←", Tone::Strong), ("•", Tone::Muted)];

/// One row per message, oldest first (by `sent_at`, else `created_at`).
pub(super) fn messages(root: Val<'_, '_>, options: &Options) -> Section {
    let parse = parse_time(options);
    let day = created(root, options);
    let mut notes = Vec::new();
    let list = show::list(root.get("talk_histories"), "/talk_histories", &mut notes);
    let list = show::in_time_order(list, |m| show::time_of(sent(*m), &parse));
    let day = day.or_else(|| list.iter().find_map(|m| show::time_of(sent(*m), &parse)));
    let rows = list
        .into_iter()
        .map(|m| {
            if m.kind() != Some(Kind::Object) {
                let mut row = vec![Value::none(); COLUMNS.len()];
                row[3] = show::odd(m).unwrap_or_default();
                return row;
            }
            vec![
                clock(sent(m), day, options),
                direction(m.get("type")),
                sender(m),
                show::any(m.get("message")).unwrap_or_default(),
                attachment(m),
                state(m),
            ]
        })
        .collect();
    Section::table(super::section::MESSAGES, COLUMNS, rows).with_notes(notes)
}

/// When the message was sent: `sent_at`, else `created_at`.
fn sent<'d, 'a>(m: Val<'d, 'a>) -> Val<'d, 'a> {
    match m.get("sent_at") {
        v if v.is_nothing() => m.get("created_at"),
        v => v,
    }
}

fn direction(v: Val<'_, '_>) -> Value {
    let kind = v.as_str();
    match MESSAGE_TYPES
        .iter()
        .zip(ARROWS)
        .find(|(t, _)| Some(t.value) == kind)
    {
        Some((_, (arrow, tone))) => show::traced(Value::text(arrow).with_tone(tone), v),
        None => show::odd(v).unwrap_or_default(),
    }
}

/// Who sent the message, by the rule `csv` writes too.
fn sender(m: Val<'_, '_>) -> Value {
    let value = sender_name(m).map_or_else(Value::none, |n| Value::text(n.into_owned()));
    let read = [
        m.get("type"),
        m.get("from"),
        m.path(&["user", "name"]),
        m.get("user_id"),
    ];
    show::built_from(value, read)
}

/// `photo.jpg (image)`: the file name (else the URL's last segment) and type.
fn attachment(m: Val<'_, '_>) -> Value {
    let url = show::first_text(m, &["attachment_url"]);
    let name = show::first_text(m, &["file_name"]).or_else(|| {
        let url = url.as_deref()?;
        let last = url.split(['?', '#']).next()?.rsplit('/').next()?;
        (!last.is_empty()).then(|| last.to_string().into())
    });
    let has = m.get("has_attachment").as_bool() == Some(true) || name.is_some() || url.is_some();
    if !has {
        return Value::none();
    }
    let kind = attachment_type(m);
    let text = show::with_detail(
        Some(name.as_deref().unwrap_or("attachment")),
        kind.as_deref(),
    );
    let t = m.get("attachment_type");
    let read = [
        m.get("has_attachment"),
        m.get("file_name"),
        m.get("attachment_url"),
        t,
        t.get("description"),
        t.get("name"),
        t.get("type"),
        m.get("attachment_type_id"),
    ];
    show::built_from(text.map_or_else(Value::none, Value::text), read)
}

fn attachment_type(m: Val<'_, '_>) -> Option<String> {
    let t = m.get("attachment_type");
    let described = match t.kind() {
        Some(Kind::String) => show::text_of(t).map(|s| s.into_owned()),
        Some(Kind::Object) => {
            show::first_text(t, &["description", "name", "type"]).map(|s| s.into_owned())
        }
        _ => None,
    };
    described
        .filter(|s| !s.is_empty())
        .or_else(|| show::text_of(m.get("attachment_type_id")).map(|id| format!("type {id}")))
}

/// `error: reason`, `blocked`, `read`, `delivered`, or `sent`.
fn state(m: Val<'_, '_>) -> Value {
    const READ: [&str; 8] = [
        "has_error",
        "error_reason",
        "was_blocked",
        "was_read",
        "read_at",
        "delivered_at",
        "type",
        "sent_at",
    ];
    show::built_from(state_word(m), READ.map(|k| m.get(k)))
}

fn state_word(m: Val<'_, '_>) -> Value {
    let flag = |key: &str| m.get(key).as_bool() == Some(true);
    let set = |key: &str| !m.get(key).is_nothing();
    if flag("has_error") {
        let text = match show::first_text(m, &["error_reason"]) {
            Some(reason) => format!("error: {reason}"),
            None => "error".into(),
        };
        return Value::text(text).with_tone(Tone::Bad);
    }
    if flag("was_blocked") {
        return Value::text("blocked").with_tone(Tone::Bad);
    }
    let word = if flag("was_read") || set("read_at") {
        "read"
    } else if set("delivered_at") {
        "delivered"
    } else if m.get("type").as_str() == Some("out") && set("sent_at") {
        "sent"
    } else {
        return Value::none();
    };
    Value::text(word)
}
