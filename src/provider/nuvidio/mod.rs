//! NuVidio: video attendance hooks (`hookType` + `content`).
//!
//! Recognised by a string `hookType` and an object `content`. Its kind is
//! the hook type plus `incomplete` when every member of `content` is a
//! reference (an id, or an object holding only ids and tokens, the
//! basic-data mode), else `complete`.

pub mod fields;
pub mod rows;
pub mod rules;
pub mod summary;

use crate::check::{Code, Finding};
use crate::detect::Kind;
use crate::json::{Kind as JsonKind, Val};
use crate::provider::{Provider, Recognition};
use crate::schema::{Severity, Shape};

/// The NuVidio provider.
pub static NUVIDIO: Provider = Provider {
    name: "nuvidio",
    title: "NuVidio",
    hint: "NuVidio has hookType and content",
    recognise,
    force: kind,
    detect_keys: &["content"],
    identity: |root| crate::provider::identity_of(root, &[&["hookType"], &["content", "id"]]),
    // `content` typed by the complete description (`ENVELOPE` leaves it
    // free-form): the incomplete form's references are among its fields,
    // and the queue entry's, `status` built whole.
    root: &fields::GUIDE_ROOT,
    shapes: &[
        &fields::COMPLETE_SHAPE,
        &fields::RELAXED_SHAPE,
        &fields::QUEUE_SHAPE,
        &fields::INCOMPLETE_SHAPE,
    ],
    shape,
    precheck,
    rule: rules::apply,
    sections: summary::SECTIONS,
    summary: summary::sections,
    tables: rows::TABLES,
    kinds: fields::KINDS,
    hook_types: fields::HOOK_TYPES,
};

fn recognise(root: Val<'_, '_>) -> Recognition {
    let hook_type = root.get("hookType");
    let content = root.get("content");
    if hook_type.as_str().is_some() && content.kind() == Some(JsonKind::Object) {
        return Recognition::Yes(kind(root));
    }
    if hook_type.is_missing() {
        return near_without_hook_type(root);
    }
    let problem = match (hook_type.as_str(), content.kind()) {
        (None, _) => format!(
            "hookType is {}, not a string",
            hook_type.kind().map_or("missing", JsonKind::article_name)
        ),
        (Some(_), None) => "content is missing".to_string(),
        (Some(_), Some(kind)) => format!("content is {}, not an object", kind.article_name()),
    };
    Recognition::Near(format!(
        "it has hookType, but {problem} (NuVidio has a string hookType and an object content)"
    ))
}

/// Without `hookType`: a misspelt `hookType` beside an object `content`,
/// or a hook's `content` logged without its envelope, is named; anything
/// else is not NuVidio's.
fn near_without_hook_type(root: Val<'_, '_>) -> Recognition {
    let misspelt = root
        .members()
        .map(|(key, _)| key)
        .find(|key| normalised(key) == "hooktype");
    if let Some(key) = misspelt {
        return Recognition::Near(format!(
            "it has {}, which looks like hookType (NuVidio has a string hookType and an object content)",
            crate::text::quote(key)
        ));
    }
    let markers = fields::CONTENT_MARKERS
        .iter()
        .filter(|key| !root.get(key).is_missing())
        .count();
    if markers >= fields::CONTENT_MARKER_THRESHOLD && root.get("content").is_missing() {
        return Recognition::Near(
            "it looks like a NuVidio hook's content logged without its envelope (hookType, hookDescription, timestamp, content); wrap it as {\"hookType\": ..., \"content\": ...} to check it".to_string(),
        );
    }
    Recognition::No
}

fn normalised(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The kind of a NuVidio payload (also of one `--provider` forces: its
/// hook type is then `None` when it has none).
fn kind(root: Val<'_, '_>) -> Kind {
    let hook_type = root.get("hookType").as_str().map(str::to_string);
    let complete = !is_reference_only(root.get("content"));
    Kind {
        label: format!(
            "{}/{}",
            hook_type.as_deref().unwrap_or("unknown"),
            if complete { "complete" } else { "incomplete" }
        ),
        hook_type,
        complete: Some(complete),
    }
}

/// The basic-data mode: every member of `content` is an id, an object
/// holding only ids and tokens, or null (a reference the sender left
/// empty: the walk reports it as `null-field`).
fn is_reference_only(content: Val<'_, '_>) -> bool {
    content.kind() == Some(JsonKind::Object)
        && content.members().all(|(key, value)| {
            if value.is_null() {
                true
            } else if value.kind() == Some(JsonKind::Object) {
                value
                    .members()
                    .all(|(k, v)| is_reference_key(k) && is_scalar(v))
            } else {
                is_reference_key(key) && is_scalar(value)
            }
        })
}

fn is_reference_key(key: &str) -> bool {
    fields::REFERENCE_KEYS.contains(&key) || key.ends_with("Id") || key.ends_with("_id")
}

fn is_scalar(value: Val<'_, '_>) -> bool {
    matches!(value.kind(), Some(JsonKind::String | JsonKind::Number))
}

/// The closed-issue hook is checked against its complete or incomplete
/// description, the queue hooks against the queue entry's; every other
/// hook against the complete one, relaxed.
fn shape(kind: &Kind) -> (&'static Shape, bool) {
    match (kind.hook_type.as_deref(), kind.complete) {
        (Some(fields::CLOSED_ISSUE), Some(false)) => (&fields::INCOMPLETE_SHAPE, false),
        (Some(fields::CLOSED_ISSUE), _) => (&fields::COMPLETE_SHAPE, false),
        (Some(hook), _) if fields::QUEUE_HOOKS.contains(&hook) => (&fields::QUEUE_SHAPE, false),
        _ => (&fields::RELAXED_SHAPE, true),
    }
}

/// A hook type outside the known list is checked generically, with a
/// warning (`content.id`, which every hook carries, is required by the
/// description even where presence is relaxed).
fn precheck(_root: Val<'_, '_>, kind: &Kind, out: &mut Vec<Finding>) {
    hook_type_known(kind, out);
}

fn hook_type_known(kind: &Kind, out: &mut Vec<Finding>) {
    if let Some(hook) = kind.hook_type.as_deref()
        && !fields::is_known_hook_type(hook)
    {
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::UnknownHookType,
            pointer: "/hookType".into(),
            message: format!(
                "unknown hook type {}; the payload is checked against the fields hooks share",
                crate::text::quote(hook)
            ),
        });
    }
}
