//! NuVidio's own rules, run through the generic rule hook
//! ([`crate::schema::Rule::Custom`]): tag lists (`id` = `_id`, sub-tags
//! point at a primary tag of the same list, sub-tag counts within the
//! primary's settings) and base64 `data:` URIs that must decode.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::check::{Code, Finding};
use crate::json::{Kind as JsonKind, Pointer, Val};
use crate::schema::Severity;
use crate::text::quote;
use crate::values::{self, Decoded};

/// A tag list: [`tag_list`].
pub const TAG_LIST: &str = "tag-list";
/// A tag list where a current-shape tag's `_id` and `type` may be absent
/// (hooks whose presence is relaxed below the root).
pub const TAG_LIST_RELAXED: &str = "tag-list-relaxed";
/// A ticket number: [`ticket`].
pub const TICKET: &str = "ticket";
/// The data items of an issue: [`data_uris`].
pub const DATA_URIS: &str = "data-uris";

/// NuVidio's rule hook.
pub fn apply(name: &'static str, pointer: &Pointer, value: Val<'_, '_>, out: &mut Vec<Finding>) {
    match name {
        TAG_LIST => tag_list(pointer, value, true, out),
        TAG_LIST_RELAXED => tag_list(pointer, value, false, out),
        TICKET => ticket(pointer, value, out),
        DATA_URIS => data_uris(pointer, value, out),
        _ => {}
    }
}

/// What the per-tag checks look up, built in one pass over a tag list so
/// that each check is O(1) (issue 9 point 8: a scan per tag was quadratic).
#[derive(Debug, Default)]
struct TagIndex<'d> {
    /// Ids of the primary tags.
    primaries: HashSet<Cow<'d, str>>,
    /// Sub-tags per `parentTag`, whether or not that primary is listed.
    sub_tags: HashMap<Cow<'d, str>, i64>,
}

impl<'d> TagIndex<'d> {
    fn new(tags: Val<'d, '_>) -> Self {
        let mut index = TagIndex::default();
        for tag in tags.items() {
            match tag.get("type").as_str() {
                Some("primary") => {
                    if let Some(id) = tag.get("id").scalar_text() {
                        index.primaries.insert(id);
                    }
                }
                Some("sub-tag") => {
                    if let Some(parent) = tag.get("parentTag").scalar_text() {
                        *index.sub_tags.entry(parent).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        index
    }

    fn sub_tags_of(&self, id: &str) -> i64 {
        self.sub_tags.get(id).copied().unwrap_or(0)
    }
}

/// A ticket is a 14-digit string.
fn ticket(pointer: &Pointer, value: Val<'_, '_>, out: &mut Vec<Finding>) {
    let Some(text) = value.as_str() else { return };
    if text.len() != 14 || !text.bytes().all(|b| b.is_ascii_digit()) {
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::BadTicket,
            pointer: pointer.to_string(),
            message: format!("expected a 14-digit ticket number, found {}", quote(text)),
        });
    }
}

/// Whether a tag has the older shape: `id` but neither `_id` nor `type`.
fn is_older_tag(tag: Val<'_, '_>) -> bool {
    tag.get("_id").is_missing() && tag.get("type").is_missing() && !tag.get("id").is_missing()
}

/// `_id` and `type`, required of a current-shape tag.
fn current_shape_fields(at: &Pointer, tag: Val<'_, '_>, out: &mut Vec<Finding>) {
    let expected = [
        ("_id", "a 24-hex-digit object id"),
        ("type", "one of primary, sub-tag"),
    ];
    for (key, ty) in expected {
        let value = tag.get(key);
        let (code, what) = if value.is_missing() {
            (Code::MissingField, "required field is missing")
        } else if value.is_null() {
            (Code::NullField, "must not be null")
        } else {
            continue;
        };
        out.push(Finding {
            severity: Severity::Error,
            code,
            pointer: at.with_key(key),
            message: format!("{what} (expected {ty})"),
        });
    }
}

fn tag_list(pointer: &Pointer, tags: Val<'_, '_>, strict: bool, out: &mut Vec<Finding>) {
    let index = TagIndex::new(tags);
    let mut older = 0;
    for (i, tag) in tags.items().enumerate() {
        if tag.kind() != Some(JsonKind::Object) {
            continue;
        }
        let mut at = pointer.clone();
        at.push_index(i);
        if is_older_tag(tag) {
            older += 1;
            continue;
        }
        if strict {
            current_shape_fields(&at, tag, out);
        }
        tag_ids_agree(&at, tag, out);
        match tag.get("type").as_str() {
            Some("sub-tag") => parent_is_primary(&at, tag, &index, out),
            Some("primary") => subtag_count(&at, tag, &index, out),
            _ => {}
        }
    }
    if older > 0 {
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::OlderTagShape,
            pointer: pointer.to_string(),
            message: format!(
                "{older} of {} tags have the older tag shape (id, label, description, color; no _id or type)",
                tags.items().count()
            ),
        });
    }
}

fn tag_ids_agree(at: &Pointer, tag: Val<'_, '_>, out: &mut Vec<Finding>) {
    if let (Some(id), Some(oid)) = (tag.get("id").scalar_text(), tag.get("_id").scalar_text())
        && id != oid
    {
        out.push(Finding {
            severity: Severity::Error,
            code: Code::Mismatch,
            pointer: at.with_key("id"),
            message: format!("{} does not match _id ({})", quote(&id), quote(&oid)),
        });
    }
}

fn parent_is_primary(at: &Pointer, tag: Val<'_, '_>, index: &TagIndex<'_>, out: &mut Vec<Finding>) {
    let parent = tag.get("parentTag");
    let message = match parent.scalar_text() {
        Some(p) if index.primaries.contains(&p) => return,
        Some(p) => format!("no primary tag with id {} in this list", quote(&p)),
        None if parent.is_nothing() => "a sub-tag without a parentTag".to_string(),
        None => return,
    };
    out.push(Finding {
        severity: Severity::Error,
        code: Code::DanglingRef,
        pointer: at.with_key("parentTag"),
        message,
    });
}

fn subtag_count(at: &Pointer, primary: Val<'_, '_>, index: &TagIndex<'_>, out: &mut Vec<Finding>) {
    let settings = primary.get("settings");
    let (min, max) = (
        settings.get("minSubTags").as_i64(),
        settings.get("maxSubTags").as_i64(),
    );
    if min.is_none() && max.is_none() {
        return;
    }
    let Some(id) = primary.get("id").scalar_text() else {
        return;
    };
    let present = index.sub_tags_of(&id);
    let (lo, hi) = (min.unwrap_or(0), max.unwrap_or(i64::MAX));
    if present < lo || present > hi {
        let allowed = match max {
            Some(hi) => format!("{lo} to {hi}"),
            None => format!("at least {lo}"),
        };
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::SubtagCount,
            pointer: at.to_string(),
            message: format!(
                "{present} sub-tags of {} present, settings allow {allowed}",
                quote(primary.get("label").as_str().unwrap_or(&id))
            ),
        });
    }
}

fn data_uris(pointer: &Pointer, items: Val<'_, '_>, out: &mut Vec<Finding>) {
    for (i, item) in items.items().enumerate() {
        let Some(value) = item.get("value").as_str() else {
            continue;
        };
        let Some(parsed) = values::parse_data_uri(value) else {
            continue;
        };
        let mut at = pointer.clone();
        at.push_index(i);
        at.push_key("value");
        let verdict = match parsed {
            Err(why) => Some((Severity::Error, Code::BadDataUri, why)),
            Ok(uri) => match uri.decode() {
                Decoded::Ok(_) => None,
                Decoded::Unpadded(n) => Some((
                    Severity::Warning,
                    Code::DataUriPadding,
                    format!("base64 is missing its = padding (decodes to {n} bytes)"),
                )),
                Decoded::Invalid => Some((
                    Severity::Error,
                    Code::BadDataUri,
                    format!("data:{} URI does not decode as base64", uri.media_type),
                )),
            },
        };
        if let Some((severity, code, message)) = verdict {
            out.push(Finding {
                severity,
                code,
                pointer: at.to_string(),
                message,
            });
        }
    }
}
