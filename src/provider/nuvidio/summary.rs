//! The summary of a NuVidio hook. The complete form (any hook type) gets an
//! overview of what `content` holds, its issues and their data, a timeline
//! of the call and queue logs, the questionnaire and text chat; the
//! incomplete form gets the references it carries. Fields the description
//! does not know are listed as they are.

mod issues;
mod timeline;

use super::fields::{self, CLOSED_ISSUE, CONTENT, ENVELOPE, INCOMPLETE_CONTENT, QUEUE};
use crate::detect::Kind as PayloadKind;
use crate::json::{Kind, Val};
use crate::summary::show::{self, Time};
use crate::summary::{Fields, Name, Options, Section, Value, section as def, unknown_fields};
use crate::values::parse_rfc3339;

/// Hook types whose `initialDate`/`expirationDate` are a schedule.
const SCHEDULING: &[&str] = &["customer_scheduled_call", "customer_rescheduled_call"];

/// NuVidio's summary sections, as `--section` takes them.
pub mod section {
    use super::{Name, def};

    pub const OVERVIEW: Name = crate::summary::OVERVIEW;
    pub const ISSUES: Name = &def("issues", "Issues", "one row per issue");
    pub const DATA: Name = &def(
        "data",
        "Issue data",
        "data items of the issues and of the customer",
    );
    pub const TIMELINE: Name = &def("timeline", "Timeline", "call and queue logs, in time order");
    pub const QUESTIONNAIRE: Name = &def("questionnaire", "Questionnaire", "questionnaire answers");
    pub const CHAT: Name = &def("chat", "Text chat", "text chat messages");
    pub const OTHER: Name = crate::summary::OTHER;
}

/// Every section, in its usual order.
pub const SECTIONS: &[Name] = &[
    section::OVERVIEW,
    section::ISSUES,
    section::DATA,
    section::TIMELINE,
    section::QUESTIONNAIRE,
    section::CHAT,
    section::OTHER,
];

/// Every section a NuVidio hook can have, empty ones included.
pub fn sections(root: Val<'_, '_>, kind: &PayloadKind, options: &Options) -> Vec<Section> {
    let content = root.get("content");
    if kind.complete == Some(false) {
        return vec![
            incomplete_overview(root, options),
            other(root, &[INCOMPLETE_CONTENT]),
        ];
    }
    let mut content_fields = vec![CONTENT];
    if is_queue_hook(root) {
        content_fields.push(QUEUE);
    }
    vec![
        overview(root, options),
        issues::issues(content),
        issues::data(content),
        timeline::timeline(content, &logs(root), options),
        timeline::questionnaire(content),
        timeline::chat(content, options),
        other(root, &content_fields),
    ]
}

/// Whether `content.id` is a queue entry for this hook, which suggests that
/// `content` holds the entry's fields (`origin`, `enqueuedAt`, ...).
fn is_queue_hook(root: Val<'_, '_>) -> bool {
    let hook = root.get("hookType").as_str().unwrap_or_default();
    fields::hook_type(hook).is_some_and(|h| h.content_id == "queue entry")
}

/// Whether `content` itself is the queue entry: a queue hook without a
/// `content.queue`.
fn content_is_queue(root: Val<'_, '_>) -> bool {
    root.path(&["content", "queue"]).is_missing() && is_queue_hook(root)
}

/// The queue entry: `content.queue`, or `content` itself.
fn queue_entry<'d, 'a>(root: Val<'d, 'a>) -> Val<'d, 'a> {
    let content = root.get("content");
    if content_is_queue(root) {
        content
    } else {
        content.get("queue")
    }
}

/// The queue entry's logs and the call's, with their JSON Pointers.
fn logs<'d, 'a>(root: Val<'d, 'a>) -> Vec<(Val<'d, 'a>, &'static str)> {
    let queue_logs = queue_entry(root).get("logs");
    if content_is_queue(root) {
        vec![(queue_logs, "/content/logs")]
    } else {
        vec![
            (queue_logs, "/content/queue/logs"),
            (root.path(&["content", "logs"]), "/content/logs"),
        ]
    }
}

/// `queue entry` becomes `Queue entry`.
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// NuVidio datetimes are RFC 3339.
fn parse_time(s: &str) -> Option<Time> {
    parse_rfc3339(s)
}

fn datetime(v: Val<'_, '_>, options: &Options) -> Option<Value> {
    show::datetime(v, &parse_time, options.offset)
}

/// Hook type, its Portuguese name, description, when it was sent.
fn envelope(fields: &mut Fields, root: Val<'_, '_>, options: &Options) {
    fields.add("hook_type", "Hook", hook(root.get("hookType")));
    // The description repeats the hook's name more often than not.
    let named = root.get("hookType").as_str().and_then(fields::hook_type);
    let description = root.get("hookDescription");
    let repeated = matches!(
        (named, description.as_str()),
        (Some(hook), Some(text)) if text.trim().eq_ignore_ascii_case(hook.name_pt)
    );
    if !repeated {
        fields.add("description", "Description", show::scalar(description));
    }
    fields.add(
        "timestamp",
        "Sent",
        datetime(root.get("timestamp"), options),
    );
}

fn hook(v: Val<'_, '_>) -> Option<Value> {
    let Some(name) = v.as_str() else {
        // Absent or null (a payload forced with --provider), or not a string.
        return show::odd(v);
    };
    let known = match fields::hook_type(name) {
        Some(hook) => hook.name_pt,
        None if name.starts_with(fields::AUTONOMOUS_PREFIX) => "vídeo autônomo, V2 API",
        None => "unknown hook type",
    };
    Some(show::traced(Value::text(format!("{name} ({known})")), v))
}

/// What `content.id` is for this hook, as a label.
fn id_label(root: Val<'_, '_>, complete: bool) -> String {
    let hook = root.get("hookType").as_str();
    match (hook, fields::hook_type(hook.unwrap_or_default())) {
        (Some(CLOSED_ISSUE), _) if complete => "Call id".into(),
        (Some(CLOSED_ISSUE), _) => "Issue id".into(),
        (_, Some(known)) => format!("{} id", capitalized(known.content_id)),
        _ => "Content id".into(),
    }
}

fn overview(root: Val<'_, '_>, options: &Options) -> Section {
    let content = root.get("content");
    let mut f = Fields::new();
    envelope(&mut f, root, options);
    f.add("id", &id_label(root, true), show::scalar(content.get("id")));
    f.add("call", "Call", show::scalar(content.path(&["call", "id"])));
    f.add("ticket", "Ticket", show::scalar(content.get("ticket")));
    call_times(&mut f, root, options);
    f.add("recording", "Recording", recording(content));
    f.add("tags", "Tags", issues::tag_chain(content.get("tags")));
    f.add(
        "department",
        "Department",
        department(content.get("department")),
    );
    f.add("attendant", "Attendant", person(content.get("attendant")));
    f.add("customer", "Customer", person(content.get("customer")));
    queue(&mut f, root);
    f.add("status", "Status", status(content.get("status")));
    f.add("invite", "Invite", invite(content.get("invite")));
    f.add("token", "Token", show::scalar(content.get("token")));
    f.add("rating", "Rating", rating(content.get("rating")));
    Section::fields(section::OVERVIEW, f.into_vec())
}

/// Start, end and duration; a schedule for the scheduling hooks.
fn call_times(f: &mut Fields, root: Val<'_, '_>, options: &Options) {
    let content = root.get("content");
    let hook = root.get("hookType").as_str().unwrap_or_default();
    let (start, end) = if SCHEDULING.contains(&hook) {
        ("Scheduled from", "Scheduled until")
    } else {
        ("Start", "End")
    };
    f.add(
        "start",
        start,
        datetime(content.get("initialDate"), options),
    );
    f.add("end", end, datetime(content.get("expirationDate"), options));
    f.add(
        "duration",
        "Duration",
        show::seconds(content.get("duration")),
    );
}

/// `recorded, recording-pending` (and `deleted`), from three fields.
fn recording(content: Val<'_, '_>) -> Option<Value> {
    let parts = [
        (content.get("recorded"), "recorded", "not recorded"),
        (content.get("recordingStatus"), "", ""),
        (content.get("recordingDeleted"), "deleted", ""),
    ];
    if parts.iter().all(|(v, _, _)| v.is_missing()) {
        return None;
    }
    let mut words = Vec::new();
    let mut malformed = false;
    for (v, yes, no) in parts {
        let word = match (v.kind(), v.as_bool()) {
            (None | Some(Kind::Null), _) => None,
            (_, Some(true)) => Some(yes.to_string()),
            (_, Some(false)) => Some(no.to_string()),
            (Some(Kind::String), None) if yes.is_empty() => {
                show::text_of(v).map(|t| t.into_owned())
            }
            _ => {
                malformed = true;
                show::scalar(v).and_then(|value| value.text)
            }
        };
        words.extend(word.filter(|w| !w.is_empty()));
    }
    let value = Value {
        malformed,
        ..Value::text(words.join(", "))
    };
    Some(show::built_from(value, parts.map(|(v, _, _)| v)))
}

fn department(v: Val<'_, '_>) -> Option<Value> {
    let read = ["name", "identifier", "id"].map(|k| v.get(k));
    object_value(v, read, |d| {
        show::with_detail(
            show::text_of(d.get("name")).as_deref(),
            show::text_of(d.get("identifier")).as_deref(),
        )
        .or_else(|| show::text_of(d.get("id")).map(|id| format!("id {id}")))
    })
}

/// `Name <e-mail>, phone, CPF ... (id ...)`, with whichever parts there
/// are (empty ones left out).
fn person(v: Val<'_, '_>) -> Option<Value> {
    let read = ["name", "email", "tel", "phone", "cpf", "id"].map(|k| v.get(k));
    object_value(v, read, |p| {
        let mut parts = Vec::new();
        parts.extend(show::first_text(p, &["name"]).map(|n| n.into_owned()));
        parts.extend(show::first_text(p, &["email"]).map(|e| format!("<{e}>")));
        parts.extend(show::first_text(p, &["tel", "phone"]).map(|t| format!("tel {t}")));
        parts.extend(show::first_text(p, &["cpf"]).map(|c| format!("CPF {c}")));
        parts.extend(show::first_text(p, &["id"]).map(|id| format!("(id {id})")));
        (!parts.is_empty()).then(|| parts.join(" "))
    })
}

fn invite(v: Val<'_, '_>) -> Option<Value> {
    let read = ["shortLink", "link", "id"].map(|k| v.get(k));
    object_value(v, read, |i| {
        show::first_text(i, &["shortLink", "link"])
            .or_else(|| show::first_text(i, &["id"]))
            .map(|t| t.into_owned())
    })
}

/// Queue wait (from `enqueuedAt` to `unqueuedAt`), status and origin link.
fn queue(f: &mut Fields, root: Val<'_, '_>) {
    let queue = queue_entry(root);
    f.add("queue_wait", "Queue wait", queue_wait(queue));
    if !content_is_queue(root) {
        // Else it is the hook's own status, shown next.
        f.add("queue_status", "Queue status", status(queue.get("status")));
    }
    f.add("origin", "Origin", show::scalar(queue.get("origin")));
}

fn queue_wait(queue: Val<'_, '_>) -> Option<Value> {
    let (from, to) = (queue.get("enqueuedAt"), queue.get("unqueuedAt"));
    if from.is_nothing() {
        return None;
    }
    let value = match (
        show::time_of(from, &parse_time),
        show::time_of(to, &parse_time),
    ) {
        (Some(a), Some(b)) => Value::text(show::elapsed(a, b)),
        (Some(_), None) if to.is_nothing() => show::muted("still queued"),
        _ => Value::malformed(format!(
            "{} to {}",
            show::text_of(from).unwrap_or_default(),
            show::text_of(to).unwrap_or_default()
        )),
    };
    Some(show::built_from(value, [from, to]))
}

/// A `{name, detail: {code, message}}` status as `name (code)`.
fn status(v: Val<'_, '_>) -> Option<Value> {
    match v.kind()? {
        Kind::Object => {
            let name = show::text_of(v.get("name"));
            let code = show::text_of(v.path(&["detail", "code"]));
            let value = match show::with_detail(name.as_deref(), code.as_deref()) {
                Some(text) => Value::text(text),
                None => Value::text(v.to_json()),
            };
            Some(show::built_from(
                value,
                [v.get("name"), v.path(&["detail", "code"])],
            ))
        }
        _ => show::any(v),
    }
}

/// The members of a rating, `key: value` each; lists by their length.
fn rating(v: Val<'_, '_>) -> Option<Value> {
    if v.kind() != Some(Kind::Object) {
        return show::any(v);
    }
    let parts: Vec<String> = v
        .members()
        .map(|(key, member)| match member.kind() {
            Some(Kind::Array) => format!("{key}: {} items", member.len()),
            Some(Kind::Object) => format!("{key}: {}", member.to_json()),
            _ => format!(
                "{key}: {}",
                member.scalar_text().as_deref().unwrap_or("null")
            ),
        })
        .collect();
    let value = Value::text(parts.join(", "));
    Some(show::built_from(value, v.members().map(|(_, m)| m)))
}

/// A value built from an object (from its members `read`); null shows as nothing, anything but an
/// object is shown as written, marked.
fn object_value<'d, 'a: 'd>(
    v: Val<'d, 'a>,
    read: impl IntoIterator<Item = Val<'d, 'a>>,
    build: impl FnOnce(Val<'d, 'a>) -> Option<String>,
) -> Option<Value> {
    match v.kind()? {
        Kind::Null => Some(show::traced(Value::none(), v)),
        Kind::Object => Some(show::built_from(
            build(v).map_or_else(Value::none, Value::text),
            read,
        )),
        _ => show::odd(v),
    }
}

/// The incomplete form: the envelope and the ids `content` carries.
fn incomplete_overview(root: Val<'_, '_>, options: &Options) -> Section {
    let content = root.get("content");
    let mut f = Fields::new();
    envelope(&mut f, root, options);
    f.add(
        "id",
        &id_label(root, false),
        show::scalar(content.get("id")),
    );
    for (key, member) in content.members().filter(|(k, _)| *k != "id") {
        f.add(key, &reference_label(key), reference(member));
    }
    Section::fields(section::OVERVIEW, f.into_vec()).with_note(
        "Incomplete form: the payload carries references (ids) only. A hook registered \
         with \"Enviar dados completos\" sends the full event data.",
    )
}

/// `the queue entry` in the description becomes `Queue entry`.
fn reference_label(key: &str) -> String {
    let doc = INCOMPLETE_CONTENT
        .iter()
        .find(|f| f.name == key)
        .map(|f| f.doc_en.trim_start_matches("the "));
    capitalized(doc.unwrap_or(key))
}

/// `68090922…, token 3d3d65e4-…`: an object of ids as one value.
fn reference(v: Val<'_, '_>) -> Option<Value> {
    if v.kind() != Some(Kind::Object) {
        return show::scalar(v);
    }
    let parts: Vec<String> = v
        .members()
        .map(|(key, member)| {
            let text = member
                .scalar_text()
                .map_or_else(|| member.to_json(), |t| t.into_owned());
            if key == "id" {
                text
            } else {
                format!("{key} {text}")
            }
        })
        .collect();
    let value = Value::text(parts.join(", "));
    Some(show::built_from(value, v.members().map(|(_, m)| m)))
}

/// Fields neither the envelope's nor `content`'s description knows.
fn other(root: Val<'_, '_>, content: &[&'static [crate::schema::Field]]) -> Section {
    let mut rows = unknown_fields(root, &[], &[ENVELOPE]);
    rows.extend(unknown_fields(root, &["content"], content));
    Section::fields(section::OTHER, rows)
}
