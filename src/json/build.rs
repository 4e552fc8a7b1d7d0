//! Builds a [`Doc`] from payload text in one serde_json pass, without a
//! `Value` tree: strings and keys borrow from the text, containers are laid
//! out flat in the arena.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::guide::Guide;
use super::projection::ListProjection;
use super::{Doc, Kind, Node, Number};
use crate::detect::Provider;
use crate::schema::Cursor;

/// serde_json hands numbers it cannot store as `i64`/`u64` (with the
/// `arbitrary_precision` feature) as a one-entry map under this key.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// How much of a payload to materialize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// Every value.
    Full,
    /// What provider detection looks at: the top-level members, `content`
    /// and its children's members. Deeper containers are validated but
    /// skipped ([`Node::Skipped`]).
    Detect,
    /// Everything the provider descriptions type, but not free-form (`Any`)
    /// values nor unknown members below the second level (see
    /// [`super::guide`]).
    Lean,
    /// Like [`Extent::Lean`] for one provider's payloads; the other
    /// provider's are still recognised but not built.
    LeanFor(Provider),
    /// The top level's scalars (for detection), the listed top-level
    /// members, and of each element of one array only the projected
    /// members (see [`super::projection`]).
    Project(&'static ListProjection),
}

impl Extent {
    fn keeps(self, depth: u32, key: Option<&str>, guide: Guide) -> bool {
        match self {
            Extent::Full => true,
            Extent::Detect => match depth {
                0 | 2 => true,
                1 => key == Some("content"),
                _ => false,
            },
            Extent::Lean | Extent::LeanFor(_) | Extent::Project(_) => guide.keeps(),
        }
    }
}

/// A syntax error, with its position inside the payload text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

impl From<serde_json::Error> for ParseError {
    fn from(err: serde_json::Error) -> Self {
        let full = err.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => &full[..cut],
            None => &full,
        };
        let message = if message == "recursion limit exceeded" {
            "nested deeper than 128 levels (recursion limit exceeded)".to_string()
        } else {
            message.to_string()
        };
        ParseError {
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}

/// Parses one payload. The text must be exactly one JSON value (surrounding
/// whitespace allowed).
pub fn parse(text: &str, extent: Extent) -> Result<Doc<'_>, ParseError> {
    let mut builder = Builder {
        // Sized from typical payloads (a value every ~12 bytes) so that the
        // arena rarely grows; it is released with the payload.
        doc: Doc {
            nodes: Vec::with_capacity(text.len() / 12 + 4),
            items: Vec::with_capacity(text.len() / 64 + 4),
            members: Vec::with_capacity(text.len() / 14 + 4),
            root: 0,
        },
        scratch_items: Vec::with_capacity(64),
        scratch_members: Vec::with_capacity(128),
        extent,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = NodeSeed {
        builder: &mut builder,
        depth: 0,
        keep: true,
        guide: match extent {
            Extent::LeanFor(provider) => Guide::Root(Some(provider)),
            Extent::Project(projection) => Guide::ProjectRoot(projection),
            _ => Guide::Root(None),
        },
    };
    let root = seed.deserialize(&mut de)?;
    de.end()?;
    builder.doc.root = root;
    Ok(builder.doc)
}

struct Builder<'a> {
    doc: Doc<'a>,
    scratch_items: Vec<u32>,
    scratch_members: Vec<(Cow<'a, str>, u32)>,
    extent: Extent,
}

impl<'a> Builder<'a> {
    fn push(&mut self, node: Node<'a>) -> u32 {
        let id = self.doc.nodes.len() as u32;
        self.doc.nodes.push(node);
        id
    }
}

struct NodeSeed<'b, 'a> {
    builder: &'b mut Builder<'a>,
    depth: u32,
    keep: bool,
    guide: Guide,
}

impl<'a> DeserializeSeed<'a> for NodeSeed<'_, 'a> {
    type Value = u32;

    fn deserialize<D: de::Deserializer<'a>>(self, deserializer: D) -> Result<u32, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'a> NodeSeed<'_, 'a> {
    fn child(&mut self, key: Option<&str>, cursor: &mut Cursor) -> NodeSeed<'_, 'a> {
        let depth = self.depth + 1;
        let guide = match self.builder.extent {
            Extent::Lean | Extent::LeanFor(_) | Extent::Project(_) => {
                self.guide.child(key, depth, cursor)
            }
            _ => Guide::Keep,
        };
        NodeSeed {
            keep: self.builder.extent.keeps(depth, key, guide),
            builder: self.builder,
            depth,
            guide,
        }
    }
}

impl<'a> Visitor<'a> for NodeSeed<'_, 'a> {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<u32, E> {
        Ok(self.builder.push(Node::Null))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<u32, E> {
        Ok(self.builder.push(Node::Bool(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        Ok(self.builder.push(Node::Number(Number::Unsigned(v))))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        Ok(self.builder.push(Node::Number(Number::Signed(v))))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        let text = Cow::Owned(v.to_string());
        Ok(self.builder.push(Node::Number(Number::Text(text))))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'a str) -> Result<u32, E> {
        Ok(self.builder.push(Node::String(Cow::Borrowed(v))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        Ok(self.builder.push(Node::String(Cow::Owned(v.to_owned()))))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<u32, E> {
        Ok(self.builder.push(Node::String(Cow::Owned(v))))
    }

    fn visit_seq<A: SeqAccess<'a>>(mut self, mut seq: A) -> Result<u32, A::Error> {
        if !self.keep {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(self.builder.push(Node::Skipped(Kind::Array)));
        }
        let mark = self.builder.scratch_items.len();
        let mut cursor = Cursor::default();
        while let Some(id) = seq.next_element_seed(self.child(None, &mut cursor))? {
            self.builder.scratch_items.push(id);
        }
        let b = &mut *self.builder;
        let first = b.doc.items.len() as u32;
        b.doc.items.extend(b.scratch_items.drain(mark..));
        let len = b.doc.items.len() as u32 - first;
        Ok(b.push(Node::Array { first, len }))
    }

    fn visit_map<A: MapAccess<'a>>(mut self, mut map: A) -> Result<u32, A::Error> {
        let Some(first_key) = map.next_key_seed(KeySeed)? else {
            let first = self.builder.doc.members.len() as u32;
            return Ok(self.builder.push(Node::Object { first, len: 0 }));
        };
        if first_key == NUMBER_TOKEN {
            let text: String = map.next_value()?;
            return Ok(self
                .builder
                .push(Node::Number(Number::Text(Cow::Owned(text)))));
        }
        if !self.keep {
            map.next_value::<IgnoredAny>()?;
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(self.builder.push(Node::Skipped(Kind::Object)));
        }
        let mark = self.builder.scratch_members.len();
        let mut cursor = Cursor::default();
        let mut key = Some(first_key);
        while let Some(k) = key {
            let child = self.child(Some(&k), &mut cursor);
            if child.guide.drops() {
                map.next_value::<IgnoredAny>()?;
            } else {
                let id = map.next_value_seed(child)?;
                self.builder.scratch_members.push((k, id));
            }
            key = map.next_key_seed(KeySeed)?;
        }
        let b = &mut *self.builder;
        let first = b.doc.members.len() as u32;
        b.doc.members.extend(b.scratch_members.drain(mark..));
        let len = b.doc.members.len() as u32 - first;
        Ok(b.push(Node::Object { first, len }))
    }
}

struct KeySeed;

impl<'a> DeserializeSeed<'a> for KeySeed {
    type Value = Cow<'a, str>;

    fn deserialize<D: de::Deserializer<'a>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'a> Visitor<'a> for KeySeed {
    type Value = Cow<'a, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'a str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detect_extent_skips_deep_containers() {
        let text = r#"{"a":{"b":1},"content":{"x":{"id":"1","deep":{"z":1}}}}"#;
        let doc = parse(text, Extent::Detect).expect("parses");
        let root = doc.root();
        assert_eq!(root.get("a").node(), Some(&Node::Skipped(Kind::Object)));
        let x = root.path(&["content", "x"]);
        assert_eq!(x.get("id").as_str(), Some("1"));
        assert_eq!(x.get("deep").kind(), Some(Kind::Object));
        assert!(x.get("deep").get("z").is_missing());
    }

    #[test]
    fn errors_carry_position_and_plain_message() {
        let err = parse("{\n  \"a\": tru}", Extent::Full).expect_err("broken");
        assert_eq!((err.line, err.column), (2, 11));
        assert_eq!(err.message, "expected ident");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let err = parse(&text, Extent::Full).expect_err("too deep");
        assert!(err.message.contains("recursion limit"), "{err}");
    }
}
