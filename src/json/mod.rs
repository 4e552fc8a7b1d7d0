//! A compact, borrowing JSON document: one flat arena per payload instead of a
//! heap-allocated `serde_json::Value` tree.
//!
//! Strings, keys and number texts are `u32` spans into the payload text
//! whenever they hold no escapes (into one buffer of unescaped copies
//! otherwise), so a value costs 12 bytes of arena and a member 12 more
//! (issue 9 point 13). Numbers keep the exact text they were written with,
//! and objects keep every member in order (duplicates included, the last
//! one wins on lookup, as in `serde_json`). Every command reads payloads
//! through [`Val`] handles.

mod build;
mod depth;
mod guide;
mod plain;
mod pointer;
pub mod projection;

use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "differential")]
pub use build::differential::compare as compare_builders;
pub use build::{Extent, ParseError, parse};
pub use plain::unclosed;
pub use pointer::Pointer;

/// One JSON value, as read from the arena: strings and number texts borrow
/// from the payload text, or from the document's unescaped copies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node<'d> {
    Null,
    Bool(bool),
    Number(Number<'d>),
    String(&'d str),
    /// `items[first..first + len]` are the element ids.
    Array {
        first: u32,
        len: u32,
    },
    /// `members[first..first + len]` are the `(key, id)` pairs, in order.
    Object {
        first: u32,
        len: u32,
    },
    /// A container that the parse [`Extent`] did not materialize.
    Skipped(Kind),
}

/// A JSON number, exactly as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number<'d> {
    Unsigned(u64),
    Signed(i64),
    /// Anything that is not an `i64`/`u64`: fractions, exponents, huge integers.
    Text(&'d str),
}

impl Number<'_> {
    /// The value as an integer, when it is one that fits `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Number::Unsigned(u) => i64::try_from(*u).ok(),
            Number::Signed(i) => Some(*i),
            Number::Text(_) => None,
        }
    }

    /// The value as a float (lossy for huge integers).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Number::Unsigned(u) => Some(*u as f64),
            Number::Signed(i) => Some(*i as f64),
            Number::Text(t) => t.parse().ok(),
        }
    }

    /// Whether the number is integral as written (no fraction, no exponent).
    pub fn is_integer(&self) -> bool {
        match self {
            Number::Unsigned(_) | Number::Signed(_) => true,
            Number::Text(t) => !t.contains(['.', 'e', 'E']),
        }
    }
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Unsigned(u) => write!(f, "{u}"),
            Number::Signed(i) => write!(f, "{i}"),
            Number::Text(t) => f.write_str(t),
        }
    }
}

/// The JSON type of a value, for messages and type checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// The name used in messages: "a string", "an object", ...
    pub fn article_name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Where a string (or a number's text, or a key) is: bytes
/// `start..start + len` of the payload text when it held no escape, or,
/// from the payload's length on, of the document's buffer of unescaped
/// copies (`Doc::copies`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    len: u32,
}

/// A 64-bit integer as two halves, so that a slot stays 4-byte aligned
/// (12 bytes, not 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide([u32; 2]);

impl Wide {
    fn new(value: u64) -> Self {
        Wide([value as u32, (value >> 32) as u32])
    }

    #[inline]
    fn get(self) -> u64 {
        u64::from(self.0[0]) | (u64::from(self.0[1]) << 32)
    }
}

/// One value as the arena stores it: 12 bytes, read out as a [`Node`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Null,
    Bool(bool),
    Unsigned(Wide),
    Signed(Wide),
    NumberText(Span),
    String(Span),
    Array { first: u32, len: u32 },
    Object { first: u32, len: u32 },
    Skipped(Kind),
}

/// One object member as the arena stores it: 12 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Member {
    key: Span,
    id: u32,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 12);
const _: () = assert!(std::mem::size_of::<Member>() == 12);

/// A parsed payload: the arena plus the id of its root.
#[derive(Debug, Default)]
pub struct Doc<'a> {
    /// The payload text that spans point into.
    text: &'a str,
    /// Unescaped copies of the strings and keys that held escapes, and the
    /// texts of numbers that serde_json hands over owned.
    copies: String,
    nodes: Vec<Slot>,
    items: Vec<u32>,
    members: Vec<Member>,
    root: u32,
}

impl<'a> Doc<'a> {
    /// A handle on the root value.
    pub fn root(&self) -> Val<'_, 'a> {
        Val {
            doc: self,
            id: Some(self.root),
        }
    }

    /// How many values the arena holds (for capacity hints).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the arena is empty (never, once parsed).
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The text of a span.
    #[inline(always)]
    fn str(&self, span: Span) -> &str {
        let start = span.start as usize;
        let len = span.len as usize;
        match start.checked_sub(self.text.len()) {
            None => &self.text[start..start + len],
            Some(at) => &self.copies[at..at + len],
        }
    }

    /// The first byte of a span's text.
    #[inline(always)]
    fn first_byte(&self, span: Span) -> Option<u8> {
        let start = span.start as usize;
        if span.len == 0 {
            return None;
        }
        match start.checked_sub(self.text.len()) {
            None => self.text.as_bytes().get(start).copied(),
            Some(at) => self.copies.as_bytes().get(at).copied(),
        }
    }

    /// [`Doc::str`] that cannot panic (spans are valid by construction), so
    /// that a value's text decoded and left unused costs nothing.
    #[inline(always)]
    fn str_or_empty(&self, span: Span) -> &str {
        let start = span.start as usize;
        let end = start + span.len as usize;
        let text = match start.checked_sub(self.text.len()) {
            None => self.text.get(start..end),
            Some(at) => self.copies.get(at..end - self.text.len()),
        };
        text.unwrap_or_default()
    }

    /// The members of the object stored at `first..first + len`.
    #[inline]
    fn members(&self, first: u32, len: u32) -> &[Member] {
        &self.members[first as usize..first as usize + len as usize]
    }
}

/// A cheap, copyable handle on a value of a [`Doc`], or on a missing one.
///
/// Lookups on a missing value stay missing, so paths chain without checks:
/// `root.get("content").get("call").get("id").as_str()`.
#[derive(Clone, Copy)]
pub struct Val<'d, 'a> {
    doc: &'d Doc<'a>,
    id: Option<u32>,
}

impl fmt::Debug for Val<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.node() {
            Some(node) => write!(f, "Val({node:?})"),
            None => f.write_str("Val(missing)"),
        }
    }
}

impl<'d, 'a> Val<'d, 'a> {
    fn at(self, id: u32) -> Self {
        Val {
            doc: self.doc,
            id: Some(id),
        }
    }

    fn missing(self) -> Self {
        Val {
            doc: self.doc,
            id: None,
        }
    }

    #[inline(always)]
    fn slot(self) -> Option<Slot> {
        self.id.map(|id| self.doc.nodes[id as usize])
    }

    /// The node, unless the value is missing.
    #[inline(always)]
    pub fn node(self) -> Option<Node<'d>> {
        let doc = self.doc;
        Some(match self.slot()? {
            Slot::Null => Node::Null,
            Slot::Bool(b) => Node::Bool(b),
            Slot::Unsigned(u) => Node::Number(Number::Unsigned(u.get())),
            Slot::Signed(i) => Node::Number(Number::Signed(i.get() as i64)),
            Slot::NumberText(span) => Node::Number(Number::Text(doc.str_or_empty(span))),
            Slot::String(span) => Node::String(doc.str_or_empty(span)),
            Slot::Array { first, len } => Node::Array { first, len },
            Slot::Object { first, len } => Node::Object { first, len },
            Slot::Skipped(kind) => Node::Skipped(kind),
        })
    }

    /// The value's id in its document's arena (stable for the document's
    /// life), unless the value is missing: what a summary value records to
    /// name the payload values it was built from.
    pub fn id(self) -> Option<u32> {
        self.id
    }

    /// Whether the value is absent from the payload.
    pub fn is_missing(self) -> bool {
        self.id.is_none()
    }

    /// Whether the value is present and JSON `null`.
    pub fn is_null(self) -> bool {
        matches!(self.slot(), Some(Slot::Null))
    }

    /// Whether the value is absent or `null`.
    pub fn is_nothing(self) -> bool {
        matches!(self.slot(), None | Some(Slot::Null))
    }

    /// The JSON type, unless the value is missing.
    #[inline]
    pub fn kind(self) -> Option<Kind> {
        Some(match self.slot()? {
            Slot::Null => Kind::Null,
            Slot::Bool(_) => Kind::Bool,
            Slot::Unsigned(_) | Slot::Signed(_) | Slot::NumberText(_) => Kind::Number,
            Slot::String(_) => Kind::String,
            Slot::Array { .. } => Kind::Array,
            Slot::Object { .. } => Kind::Object,
            Slot::Skipped(kind) => kind,
        })
    }

    /// The member `key` of an object (the last one if the key repeats).
    pub fn get(self, key: &str) -> Self {
        let Some(Slot::Object { first, len }) = self.slot() else {
            return self.missing();
        };
        let doc = self.doc;
        // Length and first byte first: they tell most keys apart at once.
        let first_byte = key.as_bytes().first().copied();
        let found = doc.members(first, len).iter().rev().find(|m| {
            m.key.len as usize == key.len()
                && doc.first_byte(m.key) == first_byte
                && doc.str(m.key) == key
        });
        match found {
            Some(m) => self.at(m.id),
            None => self.missing(),
        }
    }

    /// Follows a path of object keys.
    pub fn path(self, keys: &[&str]) -> Self {
        keys.iter().fold(self, |v, k| v.get(k))
    }

    /// The element `index` of an array.
    pub fn index(self, index: usize) -> Self {
        match self.slot() {
            Some(Slot::Array { first, len }) if index < len as usize => {
                self.at(self.doc.items[first as usize + index])
            }
            _ => self.missing(),
        }
    }

    /// The elements of an array (none for anything else).
    pub fn items(self) -> impl ExactSizeIterator<Item = Val<'d, 'a>> + 'd {
        let ids: &'d [u32] = match self.slot() {
            Some(Slot::Array { first, len }) => {
                &self.doc.items[first as usize..first as usize + len as usize]
            }
            _ => &[],
        };
        let doc = self.doc;
        ids.iter().map(move |id| Val { doc, id: Some(*id) })
    }

    /// The members of an object in payload order (none for anything else).
    pub fn members(self) -> impl ExactSizeIterator<Item = (&'d str, Val<'d, 'a>)> + 'd {
        let doc = self.doc;
        let members: &'d [Member] = match self.slot() {
            Some(Slot::Object { first, len }) => doc.members(first, len),
            _ => &[],
        };
        members.iter().map(move |m| {
            (
                doc.str(m.key),
                Val {
                    doc,
                    id: Some(m.id),
                },
            )
        })
    }

    /// Number of elements or members; 0 for scalars and missing values.
    pub fn len(self) -> usize {
        match self.slot() {
            Some(Slot::Array { len, .. } | Slot::Object { len, .. }) => len as usize,
            _ => 0,
        }
    }

    /// Whether [`Val::len`] is zero.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The string, if the value is one.
    #[inline]
    pub fn as_str(self) -> Option<&'d str> {
        match self.slot()? {
            Slot::String(span) => Some(self.doc.str(span)),
            _ => None,
        }
    }

    /// The boolean, if the value is one.
    pub fn as_bool(self) -> Option<bool> {
        match self.slot()? {
            Slot::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The number, if the value is one.
    pub fn as_number(self) -> Option<Number<'d>> {
        match self.node()? {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The value as an `i64`, if it is an integer that fits.
    pub fn as_i64(self) -> Option<i64> {
        self.as_number()?.as_i64()
    }

    /// A scalar as text, as written: strings unquoted, numbers exact,
    /// booleans `true`/`false`. `None` for null, missing and containers.
    pub fn scalar_text(self) -> Option<Cow<'d, str>> {
        match self.node()? {
            Node::String(s) | Node::Number(Number::Text(s)) => Some(Cow::Borrowed(s)),
            Node::Number(n) => Some(Cow::Owned(n.to_string())),
            Node::Bool(true) => Some(Cow::Borrowed("true")),
            Node::Bool(false) => Some(Cow::Borrowed("false")),
            _ => None,
        }
    }

    /// Compact JSON text of the value (for containers shown in one cell).
    pub fn to_json(self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(self, out: &mut String) {
        match self.node() {
            None | Some(Node::Null) => out.push_str("null"),
            Some(Node::Bool(b)) => out.push_str(if b { "true" } else { "false" }),
            Some(Node::Number(n)) => out.push_str(&n.to_string()),
            Some(Node::String(s)) => push_json_string(out, s),
            Some(Node::Skipped(_)) => out.push_str("\"…\""),
            Some(Node::Array { .. }) => {
                out.push('[');
                for (i, item) in self.items().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Some(Node::Object { .. }) => {
                out.push('{');
                for (i, (key, value)) in self.members().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_json_string(out, key);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// Appends `s` as a JSON string literal.
pub fn push_json_string(out: &mut String, s: &str) {
    // serde_json's escaping is the reference; a String never fails to serialize.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

/// Keys that repeat inside one object, each once with how many times it
/// appears, in key order. One sort per object, so the cost is
/// O(n log n) however many keys repeat (issue 9 point 10).
pub fn duplicate_keys<'d>(object: Val<'d, '_>) -> Vec<(&'d str, usize)> {
    if object.len() < 2 {
        return Vec::new();
    }
    let mut keys: Vec<&str> = object.members().map(|(k, _)| k).collect();
    keys.sort_unstable();
    keys.chunk_by(|a, b| a == b)
        .filter(|run| run.len() > 1)
        .map(|run| (run[0], run.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_chain_and_last_duplicate_wins() {
        let text = r#"{"a":{"b":[1,"x",true,null]},"k":1,"k":2.50}"#;
        let doc = parse(text, Extent::Full).expect("parses");
        let root = doc.root();
        assert_eq!(root.path(&["a", "b"]).len(), 4);
        assert_eq!(root.path(&["a", "b"]).index(1).as_str(), Some("x"));
        assert!(root.path(&["a", "c", "d"]).is_missing());
        assert_eq!(root.get("k").scalar_text().as_deref(), Some("2.50"));
        assert_eq!(duplicate_keys(root), vec![("k", 2)]);
    }

    // issue 9 point 10: each repeated key once, with its count, in key
    // order (the counts come from the sort, not from a scan per key).
    #[test]
    fn duplicate_keys_come_with_their_counts() {
        let text = r#"{"b":1,"a":1,"b":2,"c":0,"a":3,"b":4,"d":{"x":1,"x":2}}"#;
        let doc = parse(text, Extent::Full).expect("parses");
        assert_eq!(duplicate_keys(doc.root()), vec![("a", 2), ("b", 3)]);
        assert!(duplicate_keys(doc.root().get("c")).is_empty());
    }

    /// Integers and fractions keep their text; serde_json spells an
    /// exponent with its sign (`1e5` becomes `1e+5`), the one normalization.
    #[test]
    fn numbers_keep_their_text() {
        let text = r#"[18446744073709551616, -0, 1e+5, 12, -3, 2.50]"#;
        let doc = parse(text, Extent::Full).expect("parses");
        let texts: Vec<_> = doc
            .root()
            .items()
            .map(|v| v.scalar_text().expect("scalar").into_owned())
            .collect();
        assert_eq!(
            texts,
            ["18446744073709551616", "-0", "1e+5", "12", "-3", "2.50"]
        );
    }

    #[test]
    fn to_json_round_trips() {
        let text = r#"{"a":[1,{"b":"q\"\n"}],"c":null}"#;
        let doc = parse(text, Extent::Full).expect("parses");
        assert_eq!(doc.root().to_json(), text);
    }
}
