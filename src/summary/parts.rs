//! The payload values a summary value was built from, for `--format json`:
//! a value that shows one payload scalar carries it typed (`raw`); one
//! built from several (a status from five flags, `PipeBot (2)` from an id
//! and a name) names them by arena id while the summary is built, and
//! they are resolved here, once per payload and only for JSON output, to
//! their JSON Pointers and typed values.

use super::{Body, Summary};
use crate::json::{Kind, Node, Number, Pointer, Val};

/// The payload values the summary's values were built from: each one's
/// JSON Pointer and typed value, by arena id. Texts live in one buffer and
/// an entry takes 24 bytes, so that a talk of 40,000 messages (a dozen
/// parts each) does not hold half a million strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    text: String,
    /// Sorted by id.
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    id: u32,
    pointer: (u32, u32),
    value: Stored,
}

/// A scalar as stored: texts as ranges of [`Parts::text`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stored {
    Null,
    Bool(bool),
    Number(u32, u32),
    String(u32, u32),
}

/// A payload scalar, typed as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written.
    Number(&'a str),
    String(&'a str),
}

impl Parts {
    /// The JSON Pointer and value of the payload value `id`, if resolved.
    pub fn get(&self, id: u32) -> Option<(&str, Scalar<'_>)> {
        let at = self.entries.binary_search_by_key(&id, |e| e.id).ok()?;
        let entry = self.entries[at];
        let text = |(from, to): (u32, u32)| &self.text[from as usize..to as usize];
        let value = match entry.value {
            Stored::Null => Scalar::Null,
            Stored::Bool(b) => Scalar::Bool(b),
            Stored::Number(from, to) => Scalar::Number(text((from, to))),
            Stored::String(from, to) => Scalar::String(text((from, to))),
        };
        Some((text(entry.pointer), value))
    }

    /// Stores `s`, returning its range.
    fn keep(&mut self, s: &str) -> (u32, u32) {
        let from = self.text.len();
        self.text.push_str(s);
        (from as u32, self.text.len() as u32)
    }

    /// Records the scalar `v` at `pointer`; containers are not parts.
    fn add(&mut self, id: u32, pointer: &str, v: Val<'_, '_>) {
        let value = match v.node() {
            Some(Node::Null) => Stored::Null,
            Some(Node::Bool(b)) => Stored::Bool(b),
            Some(Node::Number(n)) => {
                let from = self.text.len() as u32;
                match n {
                    Number::Unsigned(u) => self.text.push_str(&u.to_string()),
                    Number::Signed(i) => self.text.push_str(&i.to_string()),
                    Number::Text(t) => self.text.push_str(t),
                }
                Stored::Number(from, self.text.len() as u32)
            }
            Some(Node::String(s)) => {
                let (from, to) = self.keep(s);
                Stored::String(from, to)
            }
            _ => return,
        };
        let pointer = self.keep(pointer);
        self.entries.push(Entry { id, pointer, value });
    }
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
        summary.parts.entries.sort_unstable_by_key(|e| e.id);
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
fn walk(v: Val<'_, '_>, at: &mut Pointer, wanted: &[u32], found: &mut Parts) {
    if let Some(id) = v.id().filter(|id| wanted.binary_search(id).is_ok()) {
        found.add(id, at.as_str(), v);
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
