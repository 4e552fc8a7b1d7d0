//! The summary of a PipeRun talk: overview, customer, messages in time
//! order, tabulations, bot variables, and the fields the description does
//! not know.

mod messages;

use super::fields::{INITIATION_TYPES, TALK_SHAPE};
use crate::detect::Kind as PayloadKind;
use crate::json::{Kind, Val};
use crate::summary::show::{self, Time};
use crate::summary::{
    Column, Fields, Fit, Name, Options, Section, Value, column, section as def, unknown_fields,
};
use crate::values::parse_datetime;

const TABULATION_COLUMNS: &[Column] = &[
    column("event", "Event", Fit::Wrap),
    column("success", "Success", Fit::Short),
    column("reaction", "Reaction", Fit::Wrap),
    column("time", "Time", Fit::Short),
];

const VARIABLE_COLUMNS: &[Column] = &[
    column("name", "Name", Fit::Wrap),
    column("value", "Value", Fit::Prose),
];

/// PipeRun's summary sections, as `--section` takes them.
pub mod section {
    use super::{Name, def};

    pub const OVERVIEW: Name = crate::summary::OVERVIEW;
    pub const CUSTOMER: Name = &def("customer", "Customer", "the customer");
    pub const MESSAGES: Name = &def("messages", "Messages", "the talk's messages");
    pub const TABULATIONS: Name = &def("tabulations", "Tabulations", "tabulations (talk events)");
    pub const VARIABLES: Name = &def("variables", "Bot variables", "bot variables");
    pub const OTHER: Name = crate::summary::OTHER;
}

/// Every section, in its usual order.
pub const SECTIONS: &[Name] = &[
    section::OVERVIEW,
    section::CUSTOMER,
    section::MESSAGES,
    section::TABULATIONS,
    section::VARIABLES,
    section::OTHER,
];

/// Every section a talk can have, empty ones included.
pub fn sections(root: Val<'_, '_>, _: &PayloadKind, options: &Options) -> Vec<Section> {
    vec![
        overview(root, options),
        customer(root.get("customer"), options),
        messages::messages(root, options),
        tabulations(root, options),
        variables(root.get("bot_variables")),
        Section::fields(
            section::OTHER,
            unknown_fields(root, &[], &[TALK_SHAPE.fields]),
        ),
    ]
}

/// PipeRun datetimes are RFC 3339, or local time in the account's zone.
fn parse_time(options: &Options) -> impl Fn(&str) -> Option<Time> + use<> {
    let offset = options.offset;
    move |s| parse_datetime(s, offset)
}

fn datetime(v: Val<'_, '_>, options: &Options) -> Option<Value> {
    show::datetime(v, &parse_time(options), options.offset)
}

/// When the talk was created, the day message times are shown against.
fn created(root: Val<'_, '_>, options: &Options) -> Option<Time> {
    show::time_of(root.get("created_at"), &parse_time(options))
}

/// The time of day of `v` (with the date when it is not the talk's day).
fn clock(v: Val<'_, '_>, day: Option<Time>, options: &Options) -> Value {
    match show::time_of(v, &parse_time(options)) {
        Some(t) => show::traced(Value::text(show::clock_near(t, day, options.offset)), v),
        None => datetime(v, options).unwrap_or_default(),
    }
}

fn overview(root: Val<'_, '_>, options: &Options) -> Section {
    let at = |key: &str| root.get(key);
    let when = |key: &str| datetime(root.get(key), options);
    let someone = |key: &str| set(at(key)).and(user(root, at(key)));
    let rows = [
        ("id", "Talk", show::scalar(at("id"))),
        (
            "tracking_number",
            "Tracking number",
            show::scalar(at("tracking_number")),
        ),
        (
            "external_protocol",
            "External protocol",
            set(at("external_protocol")),
        ),
        ("status", "Status", status(root)),
        ("channel", "Channel", channel(root)),
        ("created_at", "Created", when("created_at")),
        ("started_at", "Started", when("started_at")),
        ("delivered_at", "Delivered", when("delivered_at")),
        ("finished_at", "Finished", when("finished_at")),
        ("duration", "Duration", duration(root, options)),
        ("agent", "Agent", user(root, at("agent_id"))),
        ("delivered_to", "Delivered to", someone("delivered_to")),
        ("scaled_to", "Escalated to", someone("scaled_to")),
        ("queue", "Queue", show::scalar(at("queue_id"))),
        (
            "initiation_type",
            "Initiation",
            initiation(at("initiation_type")),
        ),
        ("bot", "Bot", described(at("bot"))),
        (
            "service_catalog",
            "Service catalog",
            described(at("service_catalog")),
        ),
        ("score", "Satisfaction score", show::scalar(at("score"))),
        ("url_viewer", "Viewer", show::scalar(at("url_viewer"))),
    ];
    let mut f = Fields::new();
    for (key, label, value) in rows {
        f.add(key, label, value);
    }
    Section::fields(section::OVERVIEW, f.into_vec())
}

/// A value only when it is set (not absent, not null).
fn set(v: Val<'_, '_>) -> Option<Value> {
    if v.is_nothing() {
        None
    } else {
        show::scalar(v)
    }
}

/// The talk's state in words, from its flags: `finished, not successful`.
fn status(root: Val<'_, '_>) -> Option<Value> {
    const FLAGS: &[(&str, &str)] = &[
        ("is_waiting", "waiting"),
        ("has_schedule", "scheduled"),
        ("was_expired", "expired"),
        ("is_critical", "critical"),
    ];
    let finished = root.get("finished_at");
    let success = root.get("was_success");
    let mut keys = ["finished_at", "was_success"].into_iter();
    if keys.all(|k| root.get(k).is_missing()) && FLAGS.iter().all(|f| root.get(f.0).is_missing()) {
        return None;
    }
    // `finished_at` is nullable: absent or null, the talk is not finished.
    let state = if finished.is_nothing() {
        "open"
    } else {
        "finished"
    };
    let mut words = vec![state.to_string()];
    let mut odd = Vec::new();
    match success.as_bool() {
        Some(ok) if !finished.is_nothing() => {
            words.push(if ok { "successful" } else { "not successful" }.into());
        }
        None if !success.is_nothing() => odd.push(("was_success", success)),
        _ => {}
    }
    for (key, word) in FLAGS {
        let flag = root.get(key);
        match flag.as_bool() {
            Some(true) => words.push(word.to_string()),
            None if !flag.is_nothing() => odd.push((key, flag)),
            _ => {}
        }
    }
    let read = ["finished_at", "was_success"]
        .into_iter()
        .chain(FLAGS.iter().map(|f| f.0))
        .map(|key| root.get(key));
    Some(show::built_from(flags_value(words, odd), read))
}

/// Words, then any flag that is not a boolean as `key = value`, marked.
fn flags_value(mut words: Vec<String>, odd: Vec<(&str, Val<'_, '_>)>) -> Value {
    let malformed = !odd.is_empty();
    for (key, v) in odd {
        let text = v
            .scalar_text()
            .map_or_else(|| v.to_json(), |t| t.into_owned());
        words.push(format!("{key} = {text}"));
    }
    Value {
        malformed,
        ..Value::text(words.join(", "))
    }
}

/// `WhatsApp (1)`: the channel id, named by the messages' channel objects.
fn channel(root: Val<'_, '_>) -> Option<Value> {
    let id = root.get("channel_id");
    let text = show::text_of(id)?;
    let name = root.get("talk_histories").items().find_map(|m| {
        let channel = m.get("channel");
        let description = channel.get("description");
        (show::text_of(channel.get("id")).as_deref() == Some(text.as_ref()))
            .then(|| Some((show::text_of(description)?, description)))
            .flatten()
    });
    Some(named(id, text, name))
}

/// `PipeBot (2)`: a user id, named by the messages' user objects.
fn user(root: Val<'_, '_>, id: Val<'_, '_>) -> Option<Value> {
    let Some(text) = show::text_of(id) else {
        return show::scalar(id);
    };
    let name = root.get("talk_histories").items().find_map(|m| {
        let user = m.get("user");
        let name = user.get("name");
        (show::text_of(user.get("id")).as_deref() == Some(text.as_ref()))
            .then(|| Some((show::text_of(name)?, name)))
            .flatten()
    });
    Some(named(id, text, name))
}

/// `Name (id)`: an id and the name found for it elsewhere in the payload,
/// or the id alone (then it shows one payload value).
fn named<'d, 'a: 'd>(
    id: Val<'d, 'a>,
    text: std::borrow::Cow<'_, str>,
    name: Option<(std::borrow::Cow<'_, str>, Val<'d, 'a>)>,
) -> Value {
    match name {
        Some((name, at)) => show::built_from(Value::text(format!("{name} ({text})")), [id, at]),
        None => show::traced(Value::text(text.into_owned()), id),
    }
}

/// From `created_at` to `finished_at`; `open` while not finished.
fn duration(root: Val<'_, '_>, options: &Options) -> Option<Value> {
    let parse = parse_time(options);
    let start = show::time_of(root.get("created_at"), &parse)?;
    let read = [root.get("created_at"), root.get("finished_at")];
    let end = root.get("finished_at");
    if end.is_null() {
        return Some(show::built_from(show::muted("open"), read));
    }
    let end = show::time_of(end, &parse)?;
    Some(show::built_from(
        Value::text(show::elapsed(start, end)),
        read,
    ))
}

/// `normal (n)`, from the documented codes.
fn initiation(v: Val<'_, '_>) -> Option<Value> {
    let code = v.as_str();
    match INITIATION_TYPES.iter().find(|c| Some(c.value) == code) {
        Some(c) => Some(show::traced(
            Value::text(format!("{} ({})", c.meaning, c.value)),
            v,
        )),
        None => show::odd(v),
    }
}

/// `Description (id, external id)` of a bot or a service.
fn described(v: Val<'_, '_>) -> Option<Value> {
    if v.kind() != Some(Kind::Object) {
        return show::scalar(v);
    }
    let mut ids = Vec::new();
    ids.extend(show::text_of(v.get("id")).map(|id| id.into_owned()));
    ids.extend(show::text_of(v.get("external_id")).map(|id| format!("external {id}")));
    let ids = (!ids.is_empty()).then(|| ids.join(", "));
    let text = show::with_detail(
        show::text_of(v.get("description")).as_deref(),
        ids.as_deref(),
    );
    let read = ["description", "id", "external_id"].map(|k| v.get(k));
    Some(show::built_from(
        text.map_or_else(Value::none, Value::text),
        read,
    ))
}

fn customer(c: Val<'_, '_>, options: &Options) -> Section {
    let mut f = Fields::new();
    let mut notes = Vec::new();
    if c.kind() != Some(Kind::Object) {
        f.add("customer", "Customer", show::odd(c));
        return Section::fields(section::CUSTOMER, f.into_vec());
    }
    let at = |key: &str| c.get(key);
    f.add("name", "Name", show::scalar(at("name")));
    f.add("id", "Id", show::scalar(at("id")));
    f.add(
        "external_id",
        "External id",
        show::scalar(at("external_id")),
    );
    f.add(
        "document_number",
        "Document",
        show::scalar(at("document_number")),
    );
    f.add("created_at", "Created", datetime(at("created_at"), options));
    f.add("profile", "Profile", profile(at("profile_info")));
    contacts(&mut f, c, &mut notes);
    custom(&mut f, c);
    Section::fields(section::CUSTOMER, f.into_vec()).with_notes(notes)
}

/// `Jonas Schen (@j.schen)`, a social network profile.
fn profile(v: Val<'_, '_>) -> Option<Value> {
    if v.kind() != Some(Kind::Object) {
        return set(v);
    }
    let user = show::text_of(v.get("username")).map(|u| format!("@{u}"));
    show::with_detail(show::text_of(v.get("name")).as_deref(), user.as_deref())
        .map(|text| show::built_from(Value::text(text), [v.get("name"), v.get("username")]))
}

/// Phones (with country code) and e-mail addresses, one row each.
fn contacts(f: &mut Fields, c: Val<'_, '_>, notes: &mut Vec<String>) {
    for phone in show::list(c.get("telephones"), "/customer/telephones", notes) {
        f.push("telephone", "Phone", telephone(phone));
    }
    for email in show::list(c.get("emails"), "/customer/emails", notes) {
        let value = match email.kind() {
            Some(Kind::Object) => show::scalar(email.get("email")),
            _ => show::scalar(email),
        };
        f.push("email", "E-mail", value.unwrap_or_default());
    }
}

/// `+55 51999887766 (mobile, WhatsApp)`.
fn telephone(p: Val<'_, '_>) -> Value {
    if p.kind() != Some(Kind::Object) {
        return show::scalar(p).unwrap_or_default();
    }
    let number = show::first_text(p, &["full_number_cc"])
        .map(|n| n.into_owned())
        .or_else(|| {
            let cc = show::first_text(p, &["country_code"]);
            let full = show::first_text(p, &["full_number"])
                .map(|n| n.into_owned())
                .or_else(|| {
                    let area = show::first_text(p, &["area_code"]).unwrap_or_default();
                    show::first_text(p, &["number"]).map(|n| format!("{area}{n}"))
                })?;
            Some(cc.map_or_else(|| full.clone(), |cc| format!("+{cc} {full}")))
        });
    let mut notes = Vec::new();
    match show::text_of(p.get("type")).as_deref() {
        Some("m") => notes.push("mobile".to_string()),
        Some("") | None => {}
        Some(other) => notes.push(format!("type {other}")),
    }
    if p.get("has_whatsapp").as_bool() == Some(true) {
        notes.push("WhatsApp".into());
    }
    let notes = (!notes.is_empty()).then(|| notes.join(", "));
    const READ: [&str; 7] = [
        "full_number_cc",
        "country_code",
        "full_number",
        "area_code",
        "number",
        "type",
        "has_whatsapp",
    ];
    let value = show::with_detail(number.as_deref(), notes.as_deref())
        .map_or_else(Value::none, Value::text);
    show::built_from(value, READ.map(|k| p.get(k)))
}

/// The account's custom fields and the free fields that are filled in.
fn custom(f: &mut Fields, c: Val<'_, '_>) {
    for (key, value) in c.members() {
        if let Some(n) = key.strip_prefix("wildcard_")
            && show::text_of(value).is_some_and(|t| !t.is_empty())
        {
            f.add(key, &format!("Wildcard {n}"), show::scalar(value));
        }
    }
    let fields = c.get("custom_fields");
    match fields.kind() {
        Some(Kind::Object) => {
            for (key, value) in fields.members() {
                let label = format!("{key} (custom)");
                f.add(&format!("custom_fields/{key}"), &label, show::any(value));
            }
        }
        Some(Kind::Null) | None => {}
        _ => f.add("custom_fields", "Custom fields", show::odd(fields)),
    }
}

/// Tabulations (talk events), in time order.
fn tabulations(root: Val<'_, '_>, options: &Options) -> Section {
    let parse = parse_time(options);
    let day = created(root, options);
    let mut notes = Vec::new();
    let events = show::list(root.get("talk_events"), "/talk_events", &mut notes);
    let events = show::in_time_order(events, |e| show::time_of(e.get("created_at"), &parse));
    let rows = events
        .into_iter()
        .map(|e| {
            if e.kind() != Some(Kind::Object) {
                return vec![
                    show::odd(e).unwrap_or_default(),
                    Value::none(),
                    Value::none(),
                    Value::none(),
                ];
            }
            let event = e.get("event");
            let event = match event.kind() {
                Some(Kind::Object) => show::scalar(event.get("description")),
                _ => show::scalar(event),
            };
            let reaction = show::with_detail(
                show::text_of(e.get("reaction_type_description")).as_deref(),
                show::text_of(e.get("reaction_type")).as_deref(),
            );
            let reaction = show::built_from(
                reaction.map_or_else(Value::none, Value::text),
                [e.get("reaction_type_description"), e.get("reaction_type")],
            );
            vec![
                event.unwrap_or_default(),
                show::yes_no(e.get("is_success"), "yes", "no").unwrap_or_default(),
                reaction,
                clock(e.get("created_at"), day, options),
            ]
        })
        .collect();
    Section::table(section::TABULATIONS, TABULATION_COLUMNS, rows).with_notes(notes)
}

/// Variables the pre-service bot captured.
fn variables(list: Val<'_, '_>) -> Section {
    let mut notes = Vec::new();
    let rows = show::list(list, "/bot_variables", &mut notes)
        .into_iter()
        .map(|v| match v.kind() {
            Some(Kind::Object) => vec![
                show::scalar(v.get("var_name")).unwrap_or_default(),
                show::any(v.get("value")).unwrap_or_default(),
            ],
            _ => vec![Value::none(), show::odd(v).unwrap_or_default()],
        })
        .collect();
    Section::table(section::VARIABLES, VARIABLE_COLUMNS, rows).with_notes(notes)
}
