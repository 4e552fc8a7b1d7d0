//! NuVidio hooks, described field by field.
//!
//! NuVidio publishes no field table: every field here is `Inferred` from the
//! vendor's two `attendant_closed_issue` examples (the incomplete, ids-only
//! form and the complete form) and from what `PROVIDERS.md` records of the
//! public documentation and public consumers.

use crate::provider::KindDoc;
use crate::schema::{
    Choice, DateStyle, Field, HookType, Pii, Presence, Rule, Severity, Shape, Ty, choice, inferred,
    inferred_required,
};

const DT: Ty = Ty::Datetime(DateStyle::Rfc3339);
const ID: Ty = Ty::ObjectId;

/// Hook types known from the documentation and public consumers (their
/// `content_id`: what `content.id` refers to).
pub const HOOK_TYPES: &[HookType] = &[
    HookType {
        name: "new_client_waiting",
        name_pt: "Novo cliente esperando",
        content_id: "queue entry",
    },
    HookType {
        name: "client_left_queue",
        name_pt: "Cliente saiu da fila",
        content_id: "queue entry",
    },
    HookType {
        name: "new_call_started",
        name_pt: "Nova chamada iniciada",
        content_id: "call",
    },
    HookType {
        name: "call_finished",
        name_pt: "Chamada finalizada",
        content_id: "call",
    },
    HookType {
        name: "call_rated",
        name_pt: "Chamada avaliada",
        content_id: "call",
    },
    HookType {
        name: "attendant_closed_call",
        name_pt: "Atendente fechou a chamada",
        content_id: "call",
    },
    HookType {
        name: "attendant_closed_issue",
        name_pt: "Atendente fechou a solicitação",
        content_id: "call (complete form); an issue (incomplete form)",
    },
    HookType {
        name: "customer_scheduled_call",
        name_pt: "Cliente agendou uma chamada",
        content_id: "invite",
    },
    HookType {
        name: "customer_rescheduled_call",
        name_pt: "Cliente reagendou a chamada",
        content_id: "invite",
    },
];

/// Prefix of the hooks of the separate V2 "vídeo autônomo" API.
pub const AUTONOMOUS_PREFIX: &str = "video_autonomous_";

/// The hook type the full rules are written for.
pub const CLOSED_ISSUE: &str = "attendant_closed_issue";

/// Looks a hook type up.
pub fn hook_type(name: &str) -> Option<&'static HookType> {
    HOOK_TYPES.iter().find(|h| h.name == name)
}

/// Whether a hook type is known (listed, or of the V2 autonomous family).
pub fn is_known_hook_type(name: &str) -> bool {
    hook_type(name).is_some() || name.starts_with(AUTONOMOUS_PREFIX)
}

/// The envelope every hook shares.
pub static ENVELOPE: &[Field] = &[
    Field {
        presence: Presence::Required,
        ..inferred(
            "hookType",
            Ty::NonEmptyString,
            "which hook fired; the key to the payload's shape",
        )
    },
    Field {
        presence: Presence::Required,
        ..inferred(
            "hookDescription",
            Ty::String,
            "free text; its wording changed between documentation versions",
        )
    },
    Field {
        presence: Presence::Required,
        ..inferred("timestamp", DT, "when the hook was sent (UTC)")
    },
    Field {
        presence: Presence::Required,
        ..inferred(
            "content",
            Ty::Any,
            "the event data; its shape depends on hookType and on the registration's data mode",
        )
    },
];

const fn id_ref(name: &'static str, fields: &'static [Field], doc: &'static str) -> Field {
    inferred_required(name, Ty::Object(fields), doc)
}

static ONLY_ID: &[Field] = &[inferred_required("id", ID, "object id")];
static INVITE_REF: &[Field] = &[
    inferred_required("id", ID, "invite id"),
    inferred_required("token", Ty::Uuid, "invite token").personal(Pii::Token),
];

/// `content` of the incomplete (basic data) `attendant_closed_issue`.
pub static INCOMPLETE_CONTENT: &[Field] = &[
    inferred_required("id", ID, "an issue id in the vendor's example"),
    id_ref("invite", INVITE_REF, "the invite"),
    id_ref("queue", ONLY_ID, "the queue entry"),
    id_ref("department", ONLY_ID, "the department"),
    id_ref("customer", ONLY_ID, "the customer"),
    id_ref("attendant", ONLY_ID, "the attendant"),
    id_ref("call", ONLY_ID, "the call"),
];

/// Tag `type` values.
pub const TAG_TYPES: &[Choice] = &[
    choice("primary", "a primary tag, which may have sub-tags"),
    choice(
        "sub-tag",
        "a sub-tag of the primary tag its parentTag names",
    ),
];

/// A tag, at call or issue level. `_id` and `type` are required of the
/// current shape, absent from the older one (`id`, `label`, `description`,
/// `color`): the tag-list rule tells the two apart and reports them
/// ([`super::rules`]).
pub static TAG: &[Field] = &[
    inferred("_id", ID, "tag id (current shape: required)"),
    inferred_required("id", ID, "tag id, equal to _id"),
    inferred("label", Ty::String, "label"),
    inferred("color", Ty::Color, "#rrggbb color"),
    inferred("description", Ty::String, "description"),
    inferred("icon", Ty::String, "icon name"),
    inferred(
        "type",
        Ty::Enum {
            values: TAG_TYPES,
            severity: Severity::Error,
        },
        "primary or sub-tag (current shape: required)",
    ),
    inferred(
        "subTags",
        Ty::List(&ID),
        "ids of the sub-tags of a primary tag",
    ),
    inferred("parentTag", ID, "the primary tag of a sub-tag"),
    inferred("settings", Ty::Object(TAG_SETTINGS), "sub-tag limits"),
];

static TAG_SETTINGS: &[Field] = &[
    inferred("minSubTags", Ty::Int, "fewest sub-tags to pick"),
    inferred("maxSubTags", Ty::Int, "most sub-tags to pick"),
    inferred("_id", ID, "settings id"),
];

static DEPARTMENT: &[Field] = &[
    inferred_required("id", ID, "department id"),
    inferred("name", Ty::String, "name"),
    inferred("identifier", Ty::String, "identifier (the URL slug)"),
];

static QUEUE_DETAIL: &[Field] = &[
    inferred("message", Ty::String, "what happened"),
    inferred("code", Ty::String, "event code, e.g. push, shift, quit"),
    inferred("_id", ID, "detail id"),
];

static QUEUE_LOG: &[Field] = &[
    inferred(
        "name",
        Ty::String,
        "event, e.g. enqueued, routed-to-attendant, done",
    ),
    inferred("timestamp", DT, "when"),
    inferred("detail", Ty::Object(QUEUE_DETAIL), "detail"),
];

static QUEUE_STATUS: &[Field] = &[
    inferred("name", Ty::String, "status"),
    inferred("detail", Ty::Object(QUEUE_DETAIL), "detail"),
    inferred("timestamp", DT, "when"),
    inferred("_id", ID, "status id"),
];

/// A queue entry: `content.queue`, or `content` itself for the hooks whose
/// `content.id` is a queue entry.
pub static QUEUE: &[Field] = &[
    inferred_required("id", ID, "queue entry id"),
    inferred(
        "logs",
        Ty::List(&Ty::Object(QUEUE_LOG)),
        "queue events, newest first",
    ),
    inferred("origin", Ty::Url, "link the customer came through").personal(Pii::Url),
    inferred("device", Ty::String, "customer's browser user agent").personal(Pii::UserAgent),
    inferred("status", Ty::Object(QUEUE_STATUS), "current status"),
    inferred("enqueuedAt", DT, "when the customer entered the queue"),
    inferred("unqueuedAt", DT, "when the customer left the queue"),
    inferred("transference", Ty::Any, "transfer target"),
    inferred("createdAt", DT, "when the entry was created"),
];

static QUEUE_CUSTOMER: &[Field] = &[
    inferred("name", Ty::String, "name").personal(Pii::Name),
    inferred("cpf", Ty::String, "CPF").personal(Pii::Document),
];

/// `content` of the queue hooks (`new_client_waiting`,
/// `client_left_queue`): a queue entry, whose logs carry an object
/// `detail` (a call log's is a string).
pub static QUEUE_CONTENT: &[Field] = &[
    inferred_required("id", ID, "queue entry id"),
    inferred(
        "origin",
        Ty::Url,
        "link the customer came through, with ?token=",
    )
    .personal(Pii::Url),
    inferred("ticket", Ty::String, "14-digit ticket number"),
    inferred("device", Ty::String, "customer's browser user agent").personal(Pii::UserAgent),
    inferred(
        "customer",
        Ty::Object(QUEUE_CUSTOMER),
        "the customer; may be null",
    ),
    inferred(
        "status",
        Ty::Object(QUEUE_STATUS),
        "current status; detail.code = quit when the client left",
    ),
    inferred(
        "logs",
        Ty::List(&Ty::Object(QUEUE_LOG)),
        "queue events, newest first",
    ),
    inferred("enqueuedAt", DT, "when the customer entered the queue"),
    inferred("unqueuedAt", DT, "when the customer left the queue"),
    inferred("createdAt", DT, "when the entry was created"),
];

static CUSTOMER: &[Field] = &[
    inferred("name", Ty::String, "name").personal(Pii::Name),
    inferred("tel", Ty::String, "telephone").personal(Pii::Phone),
    inferred("email", Ty::Email, "e-mail").personal(Pii::Email),
    inferred_required("id", ID, "customer id"),
    inferred("connectedAt", DT, "when the customer joined the call"),
    inferred("status", Ty::Any, "status"),
];

static INVITE: &[Field] = &[
    inferred_required("id", ID, "invite id"),
    inferred("token", Ty::Uuid, "invite token").personal(Pii::Token),
    inferred("link", Ty::Url, "invite link, carrying the token").personal(Pii::Url),
    inferred("shortLink", Ty::Url, "short invite link").personal(Pii::Url),
];

static ATTENDANT: &[Field] = &[
    inferred("name", Ty::String, "name").personal(Pii::Name),
    inferred_required("id", ID, "attendant id"),
    inferred("email", Ty::Email, "e-mail").personal(Pii::Email),
    inferred("connectedAt", DT, "when the attendant joined the call"),
];

/// An issue data item.
pub static DATA_ITEM: &[Field] = &[
    inferred("label", Ty::String, "label"),
    inferred("value", Ty::Any, "value; images come as data: URIs").personal(Pii::Labelled {
        flag: "private",
        label: "label",
    }),
    inferred("type", Ty::String, "type, e.g. image, pdf"),
    inferred("private", Ty::Bool, "hidden from the customer"),
];

/// An issue (solicitação).
pub static ISSUE: &[Field] = &[
    inferred_required("_id", ID, "issue id"),
    inferred_required("id", ID, "issue id, equal to _id"),
    inferred("key", Ty::String, "issue key"),
    inferred("name", Ty::String, "name"),
    inferred("tags", Ty::List(&Ty::Object(TAG)), "tabulation tags"),
    inferred("notes", Ty::String, "notes (HTML)").personal(Pii::Text),
    inferred("data", Ty::List(&Ty::Object(DATA_ITEM)), "data items"),
];

static CALL_LOG: &[Field] = &[
    inferred("name", Ty::String, "event, e.g. connected, enabled_mic"),
    // `"client": "system"` with `"clientRole": "system"` is the platform's
    // own entry (`started_record`), not a person.
    inferred("client", Ty::String, "who").personal(Pii::Except {
        pii: &Pii::Name,
        value: "system",
        when: "clientRole",
    }),
    inferred("clientRole", Ty::String, "customer, attendant or system"),
    inferred("timestamp", DT, "when"),
    inferred("detail", Ty::String, "what happened"),
    inferred("metadata", Ty::Any, "extra detail"),
];

static CALL_REF: &[Field] = &[inferred("id", ID, "call id")];

/// `content` of the complete form of `attendant_closed_issue`; the other
/// hook types are checked against the same fields with presence relaxed.
pub static CONTENT: &[Field] = &[
    // Every hook carries content.id: required even where presence is
    // relaxed.
    Field {
        presence: Presence::Always,
        ..inferred_required("id", ID, "call id (see the hook type table)")
    },
    inferred_required("initialDate", DT, "call start"),
    inferred_required("expirationDate", DT, "call end"),
    inferred_required("duration", Ty::Int, "call length in whole seconds"),
    inferred_required("ticket", Ty::String, "14-digit ticket number"),
    inferred_required("recorded", Ty::Bool, "the call was recorded"),
    inferred("recordingDeleted", Ty::Bool, "the recording was deleted"),
    inferred(
        "recordingStatus",
        Ty::String,
        "recording status, e.g. recording-pending",
    ),
    inferred_required("tags", Ty::List(&Ty::Object(TAG)), "the call's tags"),
    inferred("textChat", Ty::List(&Ty::Any), "text chat messages").personal(Pii::Text),
    inferred_required("department", Ty::Object(DEPARTMENT), "the department"),
    inferred_required("queue", Ty::Object(QUEUE), "the queue entry"),
    inferred_required("customer", Ty::Object(CUSTOMER), "the customer"),
    inferred(
        "customerData",
        Ty::Map(&Ty::Any),
        "data collected from the customer",
    ),
    inferred_required("invite", Ty::Object(INVITE), "the invite"),
    inferred_required("attendant", Ty::Object(ATTENDANT), "the attendant"),
    inferred_required("issues", Ty::List(&Ty::Object(ISSUE)), "the call's issues"),
    inferred_required(
        "logs",
        Ty::List(&Ty::Object(CALL_LOG)),
        "call events, newest first",
    ),
    inferred("questionnaire", Ty::List(&Ty::Any), "questionnaire answers").personal(Pii::Text),
    inferred_required(
        "issue",
        Ty::Object(ISSUE),
        "the issue just closed, a copy of one of issues",
    ),
    inferred("call", Ty::Object(CALL_REF), "the call (other hooks)"),
    inferred("token", Ty::Uuid, "invite token (scheduling hooks)").personal(Pii::Token),
    inferred(
        "status",
        Ty::Any,
        "status, e.g. detail.code = quit (client_left_queue)",
    ),
    inferred("rating", Ty::Any, "rating (call_rated)"),
];

/// What [`super::rules::TICKET`] checks.
const TICKET_RULE: &str = "a ticket number of 14 digits (bad-ticket)";
/// What [`super::rules::TAG_LIST`] checks (relaxed: where `_id` and
/// `type` may be absent).
const TAG_LIST_RULE: &str = "the tag hierarchy: id equals _id (mismatch), a sub-tag's parentTag is a primary tag of the same list (dangling-ref), a primary tag has as many sub-tags as its settings allow (subtag-count), a current-shape tag has _id and type (missing-field, null-field), the older shape is reported (older-tag-shape)";
/// What [`super::rules::DATA_URIS`] checks.
const DATA_URIS_RULE: &str =
    "base64 data: URIs decode (bad-data-uri), with their = padding (data-uri-padding)";

/// Cross-field rules of the complete form (and of the other hooks, where
/// the fields are there).
pub const RULES: &[Rule] = &content_rules(super::rules::TAG_LIST);

/// [`RULES`] for the hooks other than the closed issue, whose tags are
/// checked with presence relaxed, as their other fields are.
pub const RELAXED_RULES: &[Rule] = &content_rules(super::rules::TAG_LIST_RELAXED);

/// The cross-field rules of a hook's content, its tag lists checked by the
/// rule named `tag_list`: the two lists above differ in that alone.
const fn content_rules(tag_list: &'static str) -> [Rule; 11] {
    [
        Rule::NotBefore {
            earlier: &["content", "initialDate"],
            later: &["content", "expirationDate"],
        },
        Rule::NotBefore {
            earlier: &["content", "queue", "enqueuedAt"],
            later: &["content", "queue", "unqueuedAt"],
        },
        Rule::Duration {
            duration: &["content", "duration"],
            start: &["content", "initialDate"],
            end: &["content", "expirationDate"],
        },
        Rule::Contains {
            path: &["content", "invite", "link"],
            needle: &["content", "invite", "token"],
        },
        Rule::MemberOf {
            path: &["content", "issue"],
            list: &["content", "issues"],
        },
        Rule::Custom {
            name: super::rules::TICKET,
            path: &["content", "ticket"],
            about: TICKET_RULE,
        },
        Rule::Custom {
            name: tag_list,
            path: &["content", "tags"],
            about: TAG_LIST_RULE,
        },
        Rule::Custom {
            name: tag_list,
            path: &["content", "issues", "*", "tags"],
            about: TAG_LIST_RULE,
        },
        Rule::Custom {
            name: tag_list,
            path: &["content", "issue", "tags"],
            about: TAG_LIST_RULE,
        },
        Rule::Custom {
            name: super::rules::DATA_URIS,
            path: &["content", "issues", "*", "data"],
            about: DATA_URIS_RULE,
        },
        Rule::Custom {
            name: super::rules::DATA_URIS,
            path: &["content", "issue", "data"],
            about: DATA_URIS_RULE,
        },
    ]
}

/// Rules of the queue hooks.
pub const QUEUE_RULES: &[Rule] = &[
    Rule::NotBefore {
        earlier: &["content", "enqueuedAt"],
        later: &["content", "unqueuedAt"],
    },
    Rule::Custom {
        name: super::rules::TICKET,
        path: &["content", "ticket"],
        about: TICKET_RULE,
    },
];

const fn envelope_with(content: &'static [Field]) -> [Field; 4] {
    [
        ENVELOPE[0],
        ENVELOPE[1],
        ENVELOPE[2],
        Field {
            ty: Ty::Object(content),
            ..ENVELOPE[3]
        },
    ]
}

pub static COMPLETE_ROOT: &[Field] = &envelope_with(CONTENT);

/// [`CONTENT`] as the lean parse reads it: `status`, free-form for most
/// hooks, is built whole, so that the queue hooks' status (typed by
/// [`QUEUE_CONTENT`]) is there to check.
static GUIDE_CONTENT: &[Field] = &keep_status::<{ CONTENT.len() }>(CONTENT);

/// The root the lean parse is guided by: [`COMPLETE_ROOT`] with
/// [`GUIDE_CONTENT`].
pub static GUIDE_ROOT: &[Field] = &envelope_with(GUIDE_CONTENT);

const fn keep_status<const N: usize>(fields: &[Field]) -> [Field; N] {
    let mut out = [fields[0]; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i];
        if crate::schema::same_name(fields[i].name, "status") {
            out[i].ty = Ty::Map(&Ty::Any);
        }
        i += 1;
    }
    out
}

pub static QUEUE_ROOT: &[Field] = &envelope_with(QUEUE_CONTENT);
pub static INCOMPLETE_ROOT: &[Field] = &envelope_with(INCOMPLETE_CONTENT);

/// Complete `attendant_closed_issue` (and, relaxed, every other hook).
pub static COMPLETE_SHAPE: Shape = Shape {
    name: "NuVidio hook",
    fields: COMPLETE_ROOT,
    rules: RULES,
    empty_array_is_object: false,
};

/// Every hook but the closed issue and the queue hooks, presence relaxed
/// below the root.
pub static RELAXED_SHAPE: Shape = Shape {
    name: "NuVidio hook",
    fields: COMPLETE_ROOT,
    rules: RELAXED_RULES,
    empty_array_is_object: false,
};

/// The queue hooks: `content` is a queue entry.
pub static QUEUE_SHAPE: Shape = Shape {
    name: "NuVidio queue hook",
    fields: QUEUE_ROOT,
    rules: QUEUE_RULES,
    empty_array_is_object: false,
};

/// Hook types whose `content` is a queue entry.
pub const QUEUE_HOOKS: &[&str] = &["new_client_waiting", "client_left_queue"];

/// Incomplete (ids only) `attendant_closed_issue`.
pub static INCOMPLETE_SHAPE: Shape = Shape {
    name: "NuVidio hook (incomplete form)",
    fields: INCOMPLETE_ROOT,
    rules: &[],
    empty_array_is_object: false,
};

/// The kinds `explain` and `schema` document: one per description.
pub const KINDS: &[KindDoc] = &[
    KindDoc {
        name: "attendant_closed_issue-complete",
        hook_type: Some(CLOSED_ISSUE),
        complete: Some(true),
        about: "attendant_closed_issue, complete data mode",
    },
    KindDoc {
        name: "attendant_closed_issue-incomplete",
        hook_type: Some(CLOSED_ISSUE),
        complete: Some(false),
        about: "attendant_closed_issue, basic data mode (ids only)",
    },
    KindDoc {
        name: "queue",
        hook_type: Some(QUEUE_HOOKS[0]),
        complete: None,
        about: "new_client_waiting and client_left_queue: content is a queue entry",
    },
    KindDoc {
        name: "other",
        hook_type: None,
        complete: None,
        about: "every other hook type, with the complete form's fields",
    },
];

/// Keys distinctive of a hook's `content` (a call or a queue entry): an
/// object without `hookType` that has [`CONTENT_MARKER_THRESHOLD`] of them
/// is named as a `content` logged without its envelope.
pub const CONTENT_MARKERS: &[&str] = &[
    "initialDate",
    "expirationDate",
    "ticket",
    "recorded",
    "recordingStatus",
    "invite",
    "attendant",
    "issues",
    "textChat",
    "customerData",
    "enqueuedAt",
    "unqueuedAt",
    "origin",
    "device",
];

/// See [`CONTENT_MARKERS`].
pub const CONTENT_MARKER_THRESHOLD: usize = 3;

/// Keys of `content` members that hold references only (the basic-data mode).
pub const REFERENCE_KEYS: &[&str] = &["id", "_id", "token"];
