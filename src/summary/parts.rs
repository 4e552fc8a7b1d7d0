//! The payload values a summary value was built from, for `--format json`:
//! a value that shows one payload scalar carries it typed (`raw`); one
//! built from several (a status from five flags, `PipeBot (2)` from an id
//! and a name) names them by arena id while the summary is built, and
//! they are resolved here, once per payload and only for JSON output, to
//! their JSON Pointers and typed values.

use std::collections::{HashMap, HashSet};

use super::{Body, Raw, Summary, show};
use crate::json::{Kind, Pointer, Val};

/// A payload value a summary value was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its RFC 6901 JSON Pointer.
    pub pointer: String,
    /// The value, typed as the payload has it.
    pub raw: Raw,
}

/// `summary` with the parts its values name resolved against the payload
/// `root` (one walk of the payload, which stops once all are found).
pub fn with_parts(mut summary: Summary, root: Val<'_, '_>) -> Summary {
    let mut wanted: HashSet<u32> = HashSet::new();
    for section in &summary.sections {
        match &section.body {
            Body::Fields(fields) => {
                wanted.extend(fields.iter().flat_map(|f| f.value.parts.iter().copied()));
            }
            Body::Table(table) => {
                wanted.extend(table.rows.iter().flatten().flat_map(|v| v.parts.iter().copied()));
            }
        }
    }
    if !wanted.is_empty() {
        let mut pointer = Pointer::root();
        walk(root, &mut pointer, &mut wanted, &mut summary.parts);
    }
    summary
}

/// Records the values of `wanted` under `v`, removing them from `wanted`.
fn walk(v: Val<'_, '_>, at: &mut Pointer, wanted: &mut HashSet<u32>, found: &mut HashMap<u32, Part>) {
    if wanted.is_empty() {
        return;
    }
    if let Some(id) = v.id().filter(|id| wanted.remove(id))
        && let Some(raw) = show::typed(v)
    {
        let pointer = at.as_str().to_string();
        found.insert(id, Part { pointer, raw });
    }
    match v.kind() {
        Some(Kind::Object) => {
            for (key, member) in v.members() {
                at.push_key(key);
                walk(member, at, wanted, found);
                at.pop();
            }
        }
        Some(Kind::Array) => {
            for (i, item) in v.items().enumerate() {
                at.push_index(i);
                walk(item, at, wanted, found);
                at.pop();
            }
        }
        _ => {}
    }
}
