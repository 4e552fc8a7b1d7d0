//! Cross-field rules ([`Rule`]): agreement between fields, date order,
//! durations, references, NuVidio tag lists and `data:` URIs.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::{CheckOptions, Code, Finding};
use crate::json::{Kind, Pointer, Val};
use crate::schema::{Path, Rule, Severity};
use crate::text::{quote, shown};
use crate::values::{self, Decoded};

/// Evaluates every rule; rules skip values that are missing or malformed
/// (the field walk reports those).
pub fn apply(root: Val<'_, '_>, rules: &[Rule], options: &CheckOptions, out: &mut Vec<Finding>) {
    for rule in rules {
        match *rule {
            Rule::Equal {
                path,
                target,
                severity,
            } => equal(root, path, target, severity, out),
            Rule::NotBefore { earlier, later } => not_before(root, earlier, later, options, out),
            Rule::Duration {
                duration,
                start,
                end,
            } => duration_matches(root, duration, start, end, options, out),
            Rule::Contains { path, needle } => contains(root, path, needle, out),
            Rule::MemberOf { path, list } => member_of(root, path, list, out),
            Rule::TagList { path } => {
                for (pointer, tags) in resolve(root, path) {
                    tag_list(&pointer, tags, out);
                }
            }
            Rule::DataUris { path } => {
                for (pointer, items) in resolve(root, path) {
                    data_uris(&pointer, items, out);
                }
            }
        }
    }
}

/// The values at `path` (`*` stands for every element), with their pointers.
pub fn resolve<'d, 'a>(root: Val<'d, 'a>, path: Path) -> Vec<(Pointer, Val<'d, 'a>)> {
    let mut found = vec![(Pointer::root(), root)];
    for segment in path {
        let mut next = Vec::with_capacity(found.len());
        for (pointer, value) in found {
            if *segment == "*" {
                for (i, item) in value.items().enumerate() {
                    let mut p = pointer.clone();
                    p.push_index(i);
                    next.push((p, item));
                }
            } else {
                let child = value.get(segment);
                if !child.is_missing() {
                    let mut p = pointer;
                    p.push_key(segment);
                    next.push((p, child));
                }
            }
        }
        found = next;
    }
    found
}

fn pointer_of(path: Path) -> String {
    let mut p = Pointer::root();
    for segment in path {
        p.push_key(segment);
    }
    p.to_string()
}

fn finding(severity: Severity, code: Code, pointer: &Pointer, message: String) -> Finding {
    Finding {
        severity,
        code,
        pointer: pointer.to_string(),
        message,
    }
}

fn equal(root: Val<'_, '_>, path: Path, target: Path, severity: Severity, out: &mut Vec<Finding>) {
    let Some(expected) = root.path(target).scalar_text() else {
        return;
    };
    for (pointer, value) in resolve(root, path) {
        if let Some(actual) = value.scalar_text()
            && actual != expected
        {
            let message = format!(
                "{} does not match {} ({})",
                quote(&actual),
                pointer_of(target),
                quote(&expected)
            );
            out.push(finding(severity, Code::Mismatch, &pointer, message));
        }
    }
}

fn datetime(value: Val<'_, '_>, options: &CheckOptions) -> Option<DateTime<FixedOffset>> {
    values::parse_datetime(value.as_str()?, options.timezone)
}

fn not_before(
    root: Val<'_, '_>,
    earlier: Path,
    later: Path,
    options: &CheckOptions,
    out: &mut Vec<Finding>,
) {
    let (start, end) = (root.path(earlier), root.path(later));
    let (Some(a), Some(b)) = (datetime(start, options), datetime(end, options)) else {
        return;
    };
    if b < a {
        let message = format!(
            "{} is before {} ({})",
            shown(end.as_str().unwrap_or_default()),
            pointer_of(earlier),
            shown(start.as_str().unwrap_or_default())
        );
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::Order,
            pointer: pointer_of(later),
            message,
        });
    }
}

fn duration_matches(
    root: Val<'_, '_>,
    duration: Path,
    start: Path,
    end: Path,
    options: &CheckOptions,
    out: &mut Vec<Finding>,
) {
    let Some(seconds) = root.path(duration).as_i64() else {
        return;
    };
    let (Some(a), Some(b)) = (
        datetime(root.path(start), options),
        datetime(root.path(end), options),
    ) else {
        return;
    };
    let millis = (b - a).num_milliseconds();
    let actual = (millis as f64 / 1000.0).round() as i64;
    if (seconds - actual).abs() > 1 {
        let message = format!(
            "{seconds} s, but {} to {} is {actual} s ({} ms)",
            start.last().unwrap_or(&""),
            end.last().unwrap_or(&""),
            millis
        );
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::DurationMismatch,
            pointer: pointer_of(duration),
            message,
        });
    }
}

fn contains(root: Val<'_, '_>, path: Path, needle: Path, out: &mut Vec<Finding>) {
    let (Some(haystack), Some(token)) = (root.path(path).as_str(), root.path(needle).as_str())
    else {
        return;
    };
    if !token.is_empty() && !haystack.contains(token) {
        out.push(Finding {
            severity: Severity::Warning,
            code: Code::Mismatch,
            pointer: pointer_of(path),
            message: format!(
                "{} does not contain {} ({})",
                quote(haystack),
                pointer_of(needle),
                quote(token)
            ),
        });
    }
}

fn member_of(root: Val<'_, '_>, path: Path, list: Path, out: &mut Vec<Finding>) {
    let Some(id) = root.path(path).get("id").scalar_text() else {
        return;
    };
    let items = root.path(list);
    if items.kind() != Some(Kind::Array) {
        return;
    }
    let listed = items
        .items()
        .any(|item| item.get("id").scalar_text().as_deref() == Some(&*id));
    if !listed {
        out.push(Finding {
            severity: Severity::Error,
            code: Code::DanglingRef,
            pointer: pointer_of(path),
            message: format!("id {} is not one of {}", quote(&id), pointer_of(list)),
        });
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

fn tag_list(pointer: &Pointer, tags: Val<'_, '_>, out: &mut Vec<Finding>) {
    let index = TagIndex::new(tags);
    for (i, tag) in tags.items().enumerate() {
        let mut at = pointer.clone();
        at.push_index(i);
        tag_ids_agree(&at, tag, out);
        match tag.get("type").as_str() {
            Some("sub-tag") => parent_is_primary(&at, tag, &index, out),
            Some("primary") => subtag_count(&at, tag, &index, out),
            _ => {}
        }
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
            out.push(finding(severity, code, &at, message));
        }
    }
}
