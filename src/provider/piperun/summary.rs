//! The summary of a PipeRun talk: overview, customer, messages in time
//! order, tabulations, bot variables, and the fields the description does
//! not know.

mod messages;

use super::fields::{INITIATION_TYPES, TALK_SHAPE};
use crate::json::{Kind, Val};
use crate::summary::show::{self, Time};
use crate::summary::{Column, Fields, Fit, Name, Options, Section, Value, unknown_fields};
use crate::values::parse_datetime;

const TABULATION_COLUMNS: &[Column] = &[
    Column {
        key: "event",
        label: "Event",
        fit: Fit::Wrap,
    },
    Column {
        key: "success",
        label: "Success",
        fit: Fit::Short,
    },
    Column {
        key: "reaction",
        label: "Reaction",
        fit: Fit::Wrap,
    },
    Column {
        key: "time",
        label: "Time",
        fit: Fit::Short,
    },
];

const VARIABLE_COLUMNS: &[Column] = &[
    Column {
        key: "name",
        label: "Name",
        fit: Fit::Wrap,
    },
    Column {
        key: "value",
        label: "Value",
        fit: Fit::Prose,
    },
];

/// Every section a talk can have, empty ones included.
pub fn sections(root: Val<'_, '_>, options: &Options) -> Vec<Section> {
    vec![
        overview(root, options),
        customer(root.get("customer"), options),
        messages::messages(root, options),
        tabulations(root, options),
        variables(root.get("bot_variables")),
        Section::fields(Name::Other, unknown_fields(root, &[], &[TALK_SHAPE.fields])),
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
        Some(t) => Value::text(show::clock_near(t, day, options.offset)),
        None => datetime(v, options).unwrap_or_default(),
    }
}

fn overview(root: Val<'_, '_>, options: &Options) -> Section {
    let mut f = Fields::new();
    f.add("id", "Talk", show::scalar(root.get("id")));
    f.add(
        "tracking_number",
        "Tracking number",
        show::scalar(root.get("tracking_number")),
    );
    f.add(
        "external_protocol",
        "External protocol",
        set(root.get("external_protocol")),
    );
    f.add("status", "Status", status(root));
    f.add("channel", "Channel", channel(root));
    f.add(
        "created_at",
        "Created",
        datetime(root.get("created_at"), options),
    );
    f.add(
        "started_at",
        "Started",
        datetime(root.get("started_at"), options),
    );
    f.add(
        "delivered_at",
        "Delivered",
        datetime(root.get("delivered_at"), options),
    );
    f.add(
        "finished_at",
        "Finished",
        datetime(root.get("finished_at"), options),
    );
    f.add("duration", "Duration", duration(root, options));
    f.add("agent", "Agent", user(root, root.get("agent_id")));
    f.add(
        "delivered_to",
        "Delivered to",
        set(root.get("delivered_to")).and(user(root, root.get("delivered_to"))),
    );
    f.add(
        "scaled_to",
        "Escalated to",
        set(root.get("scaled_to")).and(user(root, root.get("scaled_to"))),
    );
    f.add("queue", "Queue", show::scalar(root.get("queue_id")));
    f.add(
        "initiation_type",
        "Initiation",
        initiation(root.get("initiation_type")),
    );
    f.add("bot", "Bot", described(root.get("bot")));
    f.add(
        "service_catalog",
        "Service catalog",
        described(root.get("service_catalog")),
    );
    f.add(
        "score",
        "Satisfaction score",
        show::scalar(root.get("score")),
    );
    f.add("url_viewer", "Viewer", show::scalar(root.get("url_viewer")));
    Section::fields(Name::Overview, f.into_vec())
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
    Some(flags_value(words, odd))
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
        (show::text_of(channel.get("id")).as_deref() == Some(text.as_ref()))
            .then(|| show::text_of(channel.get("description")))
            .flatten()
    });
    Some(Value::text(match name {
        Some(name) => format!("{name} ({text})"),
        None => text.into_owned(),
    }))
}

/// `PipeBot (2)`: a user id, named by the messages' user objects.
fn user(root: Val<'_, '_>, id: Val<'_, '_>) -> Option<Value> {
    let Some(text) = show::text_of(id) else {
        return show::scalar(id);
    };
    let name = root.get("talk_histories").items().find_map(|m| {
        let user = m.get("user");
        (show::text_of(user.get("id")).as_deref() == Some(text.as_ref()))
            .then(|| show::text_of(user.get("name")))
            .flatten()
    });
    Some(Value::text(match name {
        Some(name) => format!("{name} ({text})"),
        None => text.into_owned(),
    }))
}

/// From `created_at` to `finished_at`; `open` while not finished.
fn duration(root: Val<'_, '_>, options: &Options) -> Option<Value> {
    let parse = parse_time(options);
    let start = show::time_of(root.get("created_at"), &parse)?;
    let end = root.get("finished_at");
    if end.is_null() {
        return Some(show::muted("open"));
    }
    let end = show::time_of(end, &parse)?;
    Some(Value::text(show::elapsed(start, end)))
}

/// `normal (n)`, from the documented codes.
fn initiation(v: Val<'_, '_>) -> Option<Value> {
    let code = v.as_str();
    match INITIATION_TYPES.iter().find(|(c, _)| Some(*c) == code) {
        Some((code, word)) => Some(Value::text(format!("{word} ({code})"))),
        None if v.is_nothing() => show::scalar(v),
        None => show::scalar(v).map(|value| Value {
            malformed: true,
            ..value
        }),
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
    Some(text.map_or_else(Value::none, Value::text))
}

fn customer(c: Val<'_, '_>, options: &Options) -> Section {
    let mut f = Fields::new();
    if c.kind() == Some(Kind::Object) {
        f.add("name", "Name", show::scalar(c.get("name")));
        f.add("id", "Id", show::scalar(c.get("id")));
        f.add(
            "external_id",
            "External id",
            show::scalar(c.get("external_id")),
        );
        f.add(
            "document_number",
            "Document",
            show::scalar(c.get("document_number")),
        );
        f.add(
            "created_at",
            "Created",
            datetime(c.get("created_at"), options),
        );
        f.add("profile", "Profile", profile(c.get("profile_info")));
        contacts(&mut f, c);
        custom(&mut f, c);
    } else {
        f.add("customer", "Customer", show::scalar(c));
    }
    Section::fields(Name::Customer, f.into_vec())
}

/// `Jonas Schen (@j.schen)`, a social network profile.
fn profile(v: Val<'_, '_>) -> Option<Value> {
    if v.kind() != Some(Kind::Object) {
        return set(v);
    }
    let user = show::text_of(v.get("username")).map(|u| format!("@{u}"));
    show::with_detail(show::text_of(v.get("name")).as_deref(), user.as_deref()).map(Value::text)
}

/// Phones (with country code) and e-mail addresses, one row each.
fn contacts(f: &mut Fields, c: Val<'_, '_>) {
    for phone in c.get("telephones").items() {
        f.push("telephone", "Phone", telephone(phone));
    }
    for email in c.get("emails").items() {
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
    show::with_detail(number.as_deref(), notes.as_deref()).map_or_else(Value::none, Value::text)
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
        _ => f.add(
            "custom_fields",
            "Custom fields",
            show::any(fields).map(|v| Value {
                malformed: true,
                ..v
            }),
        ),
    }
}

/// Tabulations (talk events), in time order.
fn tabulations(root: Val<'_, '_>, options: &Options) -> Section {
    let parse = parse_time(options);
    let day = created(root, options);
    let events: Vec<Val<'_, '_>> = root.get("talk_events").items().collect();
    let events = show::in_time_order(events, |e| show::time_of(e.get("created_at"), &parse));
    let rows = events
        .into_iter()
        .map(|e| {
            if e.kind() != Some(Kind::Object) {
                let shown = show::scalar(e).unwrap_or_default();
                return vec![
                    Value {
                        malformed: true,
                        ..shown
                    },
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
            vec![
                event.unwrap_or_default(),
                show::yes_no(e.get("is_success"), "yes", "no").unwrap_or_default(),
                reaction.map_or_else(Value::none, Value::text),
                clock(e.get("created_at"), day, options),
            ]
        })
        .collect();
    Section::table(Name::Tabulations, TABULATION_COLUMNS, rows)
}

/// Variables the pre-service bot captured.
fn variables(list: Val<'_, '_>) -> Section {
    let rows = list
        .items()
        .map(|v| match v.kind() {
            Some(Kind::Object) => vec![
                show::scalar(v.get("var_name")).unwrap_or_default(),
                show::any(v.get("value")).unwrap_or_default(),
            ],
            _ => vec![
                Value::none(),
                show::scalar(v)
                    .map(|x| Value {
                        malformed: true,
                        ..x
                    })
                    .unwrap_or_default(),
            ],
        })
        .collect();
    Section::table(Name::Variables, VARIABLE_COLUMNS, rows)
}
