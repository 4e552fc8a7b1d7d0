//! `hookscope explain FILE POINTER`: for one payload, the value at a
//! pointer beside its field's documentation and what `check` says there
//! (the findings of the same check run, settled by the same policy, at the
//! pointer or below it).

use serde::Serialize;

use super::{FieldDoc, covers, fields};
use crate::check::policy::Policy;
use crate::check::{CheckOptions, Finding, check_doc, shape_for};
use crate::detect::Detection;
use crate::json::{Doc, Kind, Val};

/// One payload's value at the pointer, documented and checked.
#[derive(Debug, Clone, Serialize)]
pub struct PayloadExplain {
    pub source: String,
    pub provider: &'static str,
    pub kind: String,
    pub pointer: String,
    /// The value as JSON text; `None` when the payload has nothing there.
    pub value: Option<String>,
    /// The documentation of the field there; `None` when no description
    /// has one (a free-form or unknown field).
    pub field: Option<FieldDoc>,
    /// What `check` reports at the pointer or below it.
    pub findings: Vec<Finding>,
}

/// Explains the value at `pointer` of a recognised payload; `check`'s
/// findings are settled by `policy` as `check` (without `--strict`)
/// settles them.
pub fn explain(
    source: String,
    doc: &Doc<'_>,
    detection: &Detection,
    pointer: &str,
    options: &CheckOptions,
    policy: &Policy,
) -> PayloadExplain {
    let (shape, relaxed) = shape_for(detection);
    let field = fields(shape, relaxed)
        .into_iter()
        .find(|f| covers(&f.pointer, pointer, false));
    let below = format!("{pointer}/");
    let mut findings = check_doc(doc, options).findings;
    policy.settle(&mut findings, false);
    let findings = findings
        .into_iter()
        .filter(|f| pointer.is_empty() || f.pointer == pointer || f.pointer.starts_with(&below))
        .collect();
    let value = at(doc.root(), pointer);
    PayloadExplain {
        source,
        provider: detection.provider.name,
        kind: detection.kind.label.clone(),
        pointer: pointer.to_string(),
        value: (!value.is_missing()).then(|| value.to_json()),
        field,
        findings,
    }
}

/// The value at an RFC 6901 pointer (missing when there is none).
pub fn at<'d, 'a>(root: Val<'d, 'a>, pointer: &str) -> Val<'d, 'a> {
    let mut value = root;
    for segment in pointer.split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        value = match value.kind() {
            Some(Kind::Array) => match key.parse::<usize>() {
                Ok(i) => value.index(i),
                // A key is never an array member: missing.
                Err(_) => value.index(usize::MAX),
            },
            _ => value.get(&key),
        };
    }
    value
}

/// Whether `pointer` is a JSON Pointer (empty, or starting with `/`).
pub fn is_pointer(pointer: &str) -> bool {
    pointer.is_empty() || pointer.starts_with('/')
}
