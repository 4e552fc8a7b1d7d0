//! The payload values a summary value was built from, for `--format json`:
//! a value that shows one payload scalar carries it typed (`raw`); one
//! built from several (a status from five flags, `PipeBot (2)` from an id
//! and a name) names them by arena id while the summary is built, and
//! they are resolved here, once per payload and only for JSON output, to
//! their JSON Pointers and typed values.

use std::collections::HashMap;

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
/// `root`: one walk of the payload that enters only the containers holding
/// a wanted value (the arena stores a container after its members, so a
/// subtree's ids are one range).
pub fn with_parts(mut summary: Summary, root: Val<'_, '_>) -> Summary {
    let mut wanted: Vec<u32> = Vec::new();
    for section in &summary.sections {
        match &section.body {
            Body::Fields(fields) => {
                wanted.extend(fields.iter().flat_map(|f| f.value.parts.iter().copied()));
            }
            Body::Table(table) => {
                wanted.extend(
                    table
                        .rows
                        .iter()
                        .flatten()
                        .flat_map(|v| v.parts.iter().copied()),
                );
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    if holds(root, &wanted) {
        let mut pointer = Pointer::root();
        walk(root, &mut pointer, &wanted, &mut summary.parts);
    }
    summary
}

/// Whether one of the sorted `wanted` ids is in `lo..=hi`.
fn any_in(wanted: &[u32], lo: u32, hi: u32) -> bool {
    let at = wanted.partition_point(|&id| id < lo);
    wanted.get(at).is_some_and(|&id| id <= hi)
}

/// The lowest id of the subtree at `v`: its first leaf's, or its own.
fn lowest(v: Val<'_, '_>) -> Option<u32> {
    let mut at = v;
    loop {
        let first = match at.kind() {
            Some(Kind::Object) => at.members().next().map(|(_, m)| m),
            Some(Kind::Array) => at.items().next(),
            _ => None,
        };
        match first {
            Some(child) => at = child,
            None => return at.id(),
        }
    }
}

/// Whether the subtree at `v` holds a wanted value.
fn holds(v: Val<'_, '_>, wanted: &[u32]) -> bool {
    match (lowest(v), v.id()) {
        (Some(lo), Some(id)) => any_in(wanted, lo, id),
        _ => false,
    }
}

/// Records the `wanted` values under `v` (which holds one), entering only
/// the members that hold one too.
fn walk(v: Val<'_, '_>, at: &mut Pointer, wanted: &[u32], found: &mut HashMap<u32, Part>) {
    if let Some(id) = v.id().filter(|id| wanted.binary_search(id).is_ok())
        && let Some(raw) = show::typed(v)
    {
        let pointer = at.as_str().to_string();
        found.insert(id, Part { pointer, raw });
    }
    match v.kind() {
        Some(Kind::Object) => {
            for (key, member) in v.members().filter(|(_, m)| holds(*m, wanted)) {
                at.push_key(key);
                walk(member, at, wanted, found);
                at.pop();
            }
        }
        Some(Kind::Array) => {
            for (i, item) in v.items().enumerate().filter(|(_, m)| holds(*m, wanted)) {
                at.push_index(i);
                walk(item, at, wanted, found);
                at.pop();
            }
        }
        _ => {}
    }
}
