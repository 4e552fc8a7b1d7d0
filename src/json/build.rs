//! Builds a [`Doc`] from payload text in one pass, without a `Value` tree:
//! strings and keys are spans of the text (or of the document's unescaped
//! copies), containers are laid out flat in the arena. The pass is the
//! hand-written [`fast`] parser's; serde_json's, here, is the reference it
//! is tested against, and builds what it does not take (reporting the
//! errors).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

#[cfg(any(test, feature = "differential"))]
pub mod differential;
mod fast;

use super::depth::{self, MAX_DEPTH, TOO_DEEP};
use super::guide::Guide;
use super::plain;
use super::projection::ListProjection;
use super::{Doc, Kind, Member, Slot, Span, Wide};
use crate::schema::{Cursor, Field};

/// serde_json hands numbers it cannot store as `i64`/`u64` (with the
/// `arbitrary_precision` feature) as a one-entry map under this key.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// How much of a payload to materialize.
#[derive(Debug, Clone, Copy)]
pub enum Extent {
    /// Every value.
    Full,
    /// What provider detection looks at: the top-level members, the
    /// members of these top-level keys (NuVidio's `content`, as the
    /// registry gathers them) and their children's members. Deeper
    /// containers are validated but skipped ([`Node::Skipped`]).
    Detect(&'static [&'static str]),
    /// Everything these root descriptions type, but not free-form (`Any`)
    /// values nor unknown members below the second level (see
    /// [`super::guide`]): every provider's roots before detection, or one
    /// provider's, whose payloads alone are then built (the others' are
    /// still recognised, from their top-level keys).
    Lean(&'static [&'static [Field]]),
    /// The top level's scalars (for detection), the listed top-level
    /// members, and of each element of one array only the projected
    /// members (see [`super::projection`]).
    Project(&'static ListProjection),
}

impl Extent {
    #[inline]
    fn keeps(self, depth: u32, key: Option<&str>, guide: Guide) -> bool {
        match self {
            Extent::Full => true,
            Extent::Detect(keys) => match depth {
                0 | 2 => true,
                1 => key.is_some_and(|key| keys.contains(&key)),
                _ => false,
            },
            Extent::Lean(_) | Extent::Project(_) => guide.keeps(),
        }
    }
}

/// A syntax error, with its position inside the payload text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// For a payload that ends inside an object, array or string: the line
    /// and column where that was opened (the message ends with `opened`,
    /// to be followed by that place).
    pub opened: Option<(usize, usize)>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.opened {
            Some((line, column)) => write!(
                f,
                "{} at line {} column {}",
                plain::unclosed(&self.message, line, column),
                self.line,
                self.column
            ),
            None => write!(
                f,
                "{} at line {} column {}",
                self.message, self.line, self.column
            ),
        }
    }
}

impl From<serde_json::Error> for ParseError {
    fn from(err: serde_json::Error) -> Self {
        let full = err.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => &full[..cut],
            None => &full,
        };
        ParseError {
            line: err.line(),
            column: err.column(),
            message: message.to_string(),
            opened: None,
        }
    }
}

/// Parses one payload. The text must be exactly one JSON value (surrounding
/// whitespace allowed) nested at most [`MAX_DEPTH`] levels deep, whatever
/// the extent (skipped containers included).
pub fn parse(text: &str, extent: Extent) -> Result<Doc<'_>, ParseError> {
    parse_within(text, extent, MAX_TEXT)
}

/// The most bytes a document addresses, payload text and unescaped copies
/// together: spans are `u32` offsets. `--max-payload 0` lets larger
/// payloads through; they are refused here, never mis-read.
const MAX_TEXT: usize = u32::MAX as usize;

/// The error for a payload beyond [`MAX_TEXT`].
const TOO_LARGE: &str = "payload too large to parse: over 4 GiB with its unescaped strings";

/// [`parse`] with the addressable size as a parameter (so that tests can
/// reach it).
///
/// The payload is built by the hand-written [`fast`] parser first; what it
/// does not take (any error, and the rare forms it leaves out) is built
/// again by serde_json, whose errors are the ones reported.
fn parse_within(text: &str, extent: Extent, limit: usize) -> Result<Doc<'_>, ParseError> {
    if text.len() > limit {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: TOO_LARGE.to_string(),
            opened: None,
        });
    }
    if let Some(doc) = fast::build(text, extent, limit) {
        return Ok(doc);
    }
    build(text, extent, limit).map_err(|err| {
        let mut err = ParseError::from(err);
        if err.message == TOO_DEEP {
            // Raised from inside a visitor, without a position of its own:
            // the first container too deep in the text is where it stopped.
            if let Some(at) = depth::first_too_deep(text.as_bytes(), MAX_DEPTH) {
                (err.line, err.column) = depth::position_of(text.as_bytes(), at);
            }
        }
        let at = offset_of(text.as_bytes(), err.line, err.column);
        let (message, opened) = plain::plain(&err.message, text.as_bytes(), at);
        err.message = message;
        err.opened = opened.map(|at| depth::position_of(text.as_bytes(), at));
        err
    })
}

/// The byte offset of a 1-based line and column (serde_json's columns
/// count bytes; column 0 is just after a newline).
fn offset_of(text: &[u8], line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text).nth(line - 2)? + 1
    };
    (start + column).checked_sub(1)
}

/// The document of `text` built by serde_json: the reference for
/// [`fast`], and the one that reports errors.
fn build(text: &str, extent: Extent, limit: usize) -> Result<Doc<'_>, serde_json::Error> {
    let mut builder = Builder::new(text, extent, limit);
    let mut de = serde_json::Deserializer::from_str(text);
    // The visitors below stop at MAX_DEPTH, built or skipped containers
    // alike; serde_json's own limit stops one level short, and not at all
    // in the containers it skips.
    de.disable_recursion_limit();
    let guide = builder.root_guide();
    let seed = NodeSeed {
        builder: &mut builder,
        depth: 0,
        keep: true,
        guide,
    };
    let root = seed.deserialize(&mut de)?;
    de.end()?;
    builder.doc.root = root;
    Ok(builder.doc)
}

/// The most arena slots reserved before parsing: a payload's length says
/// how many values it may hold, not how many it does (a gigabyte of `[`
/// holds none that fit), so larger arenas grow as values arrive
/// (issue 9 point 12).
const MAX_RESERVATION: usize = 64 * 1024;

/// An arena reservation for an estimate read off the payload's length:
/// the estimate (values every ~12 bytes in typical payloads, so that small
/// arenas rarely grow), capped at [`MAX_RESERVATION`].
fn reservation(estimate: usize) -> usize {
    estimate.saturating_add(4).min(MAX_RESERVATION)
}

struct Builder<'a> {
    doc: Doc<'a>,
    scratch_items: Vec<u32>,
    scratch_members: Vec<Member>,
    extent: Extent,
    /// [`MAX_TEXT`], but for tests.
    limit: usize,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, extent: Extent, limit: usize) -> Self {
        Builder {
            doc: Doc {
                text,
                copies: String::new(),
                nodes: Vec::with_capacity(reservation(text.len() / 12)),
                items: Vec::with_capacity(reservation(text.len() / 64)),
                members: Vec::with_capacity(reservation(text.len() / 14)),
                root: 0,
            },
            scratch_items: Vec::with_capacity(64),
            scratch_members: Vec::with_capacity(128),
            extent,
            limit,
        }
    }

    /// The guide of the root value.
    fn root_guide(&self) -> Guide {
        match self.extent {
            Extent::Lean(roots) => Guide::Roots(roots),
            Extent::Project(projection) => Guide::ProjectRoot(projection),
            _ => Guide::Keep,
        }
    }

    /// The guide of a member (`key`) or element (`None`) at `depth`, below
    /// a value guided by `guide`, and whether a container there is built.
    #[inline]
    fn child(
        &self,
        guide: Guide,
        key: Option<&str>,
        depth: u32,
        cursor: &mut Cursor,
    ) -> (Guide, bool) {
        let guide = match self.extent {
            Extent::Lean(_) | Extent::Project(_) => guide.child(key, depth, cursor),
            _ => Guide::Keep,
        };
        (guide, self.extent.keeps(depth, key, guide))
    }

    /// Moves the ids pushed on the scratch list since `mark` into the
    /// arena, as the array they form.
    fn close_array(&mut self, mark: usize) -> u32 {
        let first = self.doc.items.len() as u32;
        self.doc.items.extend(self.scratch_items.drain(mark..));
        let len = self.doc.items.len() as u32 - first;
        self.push(Slot::Array { first, len })
    }

    /// Moves the members pushed on the scratch list since `mark` into the
    /// arena, as the object they form.
    fn close_object(&mut self, mark: usize) -> u32 {
        let first = self.doc.members.len() as u32;
        self.doc.members.extend(self.scratch_members.drain(mark..));
        let len = self.doc.members.len() as u32 - first;
        self.push(Slot::Object { first, len })
    }
}

impl Builder<'_> {
    /// Stores a value. Ids fit `u32`: every value takes at least one byte
    /// of a text that fits.
    fn push(&mut self, slot: Slot) -> u32 {
        let id = self.doc.nodes.len() as u32;
        self.doc.nodes.push(slot);
        id
    }

    /// The span of `s`: where it sits in the payload text when it was
    /// borrowed from it, else where it is copied to.
    fn span<E: de::Error>(&mut self, s: &str) -> Result<Span, E> {
        let text = self.doc.text;
        let offset = (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        if offset <= text.len() && s.len() <= text.len() - offset {
            // Inside a text of at most `limit` (<= u32::MAX) bytes.
            return Ok(Span {
                start: offset as u32,
                len: s.len() as u32,
            });
        }
        self.copy(s)
    }

    /// Copies `s` (unescaped, or owned by serde_json) after the text.
    fn copy<E: de::Error>(&mut self, s: &str) -> Result<Span, E> {
        let start = self.doc.text.len() + self.doc.copies.len();
        if s.len() > self.limit - start {
            return Err(E::custom(TOO_LARGE));
        }
        self.doc.copies.push_str(s);
        Ok(Span {
            start: start as u32,
            len: s.len() as u32,
        })
    }

    fn push_string<E: de::Error>(&mut self, s: &str) -> Result<u32, E> {
        let span = self.span(s)?;
        Ok(self.push(Slot::String(span)))
    }

    fn push_number_text<E: de::Error>(&mut self, s: &str) -> Result<u32, E> {
        let span = self.copy(s)?;
        Ok(self.push(Slot::NumberText(span)))
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
        let (guide, keep) = self.builder.child(self.guide, key, depth, cursor);
        NodeSeed {
            keep,
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
        Ok(self.builder.push(Slot::Null))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<u32, E> {
        Ok(self.builder.push(Slot::Bool(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u32, E> {
        Ok(self.builder.push(Slot::Unsigned(Wide::new(v))))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u32, E> {
        Ok(self.builder.push(Slot::Signed(Wide::new(v as u64))))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u32, E> {
        self.builder.push_number_text(&v.to_string())
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'a str) -> Result<u32, E> {
        self.builder.push_string(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u32, E> {
        self.builder.push_string(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<u32, E> {
        self.builder.push_string(&v)
    }

    fn visit_seq<A: SeqAccess<'a>>(mut self, mut seq: A) -> Result<u32, A::Error> {
        if self.depth as usize >= MAX_DEPTH {
            return Err(de::Error::custom(TOO_DEEP));
        }
        if !self.keep {
            Skip::items(self.depth, seq)?;
            return Ok(self.builder.push(Slot::Skipped(Kind::Array)));
        }
        let mark = self.builder.scratch_items.len();
        let mut cursor = Cursor::default();
        while let Some(id) = seq.next_element_seed(self.child(None, &mut cursor))? {
            self.builder.scratch_items.push(id);
        }
        Ok(self.builder.close_array(mark))
    }

    fn visit_map<A: MapAccess<'a>>(mut self, mut map: A) -> Result<u32, A::Error> {
        let Some(first_key) = first_key(self.depth, &mut map)? else {
            let first = self.builder.doc.members.len() as u32;
            return Ok(self.builder.push(Slot::Object { first, len: 0 }));
        };
        if first_key == NUMBER_TOKEN {
            let text: String = map.next_value()?;
            return self.builder.push_number_text(&text);
        }
        if !self.keep {
            Skip::members(self.depth, map)?;
            return Ok(self.builder.push(Slot::Skipped(Kind::Object)));
        }
        let mark = self.builder.scratch_members.len();
        let mut cursor = Cursor::default();
        let mut key = Some(first_key);
        while let Some(k) = key {
            let child = self.child(Some(&k), &mut cursor);
            if child.guide.drops() {
                map.next_value_seed(Skip { depth: child.depth })?;
            } else {
                let id = map.next_value_seed(child)?;
                let key = self.builder.span(&k)?;
                self.builder.scratch_members.push(Member { key, id });
            }
            key = map.next_key_seed(KeySeed)?;
        }
        Ok(self.builder.close_object(mark))
    }
}

/// The first key of an object at `depth` (of the object's parent), after
/// checking the nesting limit: only a number that serde_json hands over as
/// a map may sit below it.
fn first_key<'a, A: MapAccess<'a>>(
    depth: u32,
    map: &mut A,
) -> Result<Option<Cow<'a, str>>, A::Error> {
    let key = map.next_key_seed(KeySeed);
    match key {
        Ok(Some(ref k)) if k == NUMBER_TOKEN => key,
        _ if depth as usize >= MAX_DEPTH => Err(de::Error::custom(TOO_DEEP)),
        _ => key,
    }
}

/// A value that is validated, not built: like serde's `IgnoredAny`, but
/// it keeps the nesting limit.
#[derive(Clone, Copy)]
struct Skip {
    depth: u32,
}

impl Skip {
    fn items<'a, A: SeqAccess<'a>>(depth: u32, mut seq: A) -> Result<(), A::Error> {
        let child = Skip { depth: depth + 1 };
        while seq.next_element_seed(child)?.is_some() {}
        Ok(())
    }

    /// The rest of an object whose first key has been read.
    fn members<'a, A: MapAccess<'a>>(depth: u32, mut map: A) -> Result<(), A::Error> {
        let child = Skip { depth: depth + 1 };
        map.next_value_seed(child)?;
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(child)?;
        }
        Ok(())
    }
}

impl<'a> DeserializeSeed<'a> for Skip {
    type Value = ();

    fn deserialize<D: de::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'a> Visitor<'a> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'a>>(self, seq: A) -> Result<(), A::Error> {
        if self.depth as usize >= MAX_DEPTH {
            return Err(de::Error::custom(TOO_DEEP));
        }
        Skip::items(self.depth, seq)
    }

    fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<(), A::Error> {
        // Below the limit the first key needs no look (a number handed over
        // as a map is skipped like an object).
        let first = if (self.depth as usize) < MAX_DEPTH {
            map.next_key::<IgnoredAny>()?.is_some()
        } else {
            first_key(self.depth, &mut map)?.is_some()
        };
        if first {
            Skip::members(self.depth, map)?;
        }
        Ok(())
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
    use super::super::{Node, Number};
    use super::*;

    #[test]
    fn detect_extent_skips_deep_containers() {
        let text = r#"{"a":{"b":1},"content":{"x":{"id":"1","deep":{"z":1}}}}"#;
        let doc = parse(text, Extent::Detect(&["content"])).expect("parses");
        let root = doc.root();
        assert_eq!(root.get("a").node(), Some(Node::Skipped(Kind::Object)));
        let x = root.path(&["content", "x"]);
        assert_eq!(x.get("id").as_str(), Some("1"));
        assert_eq!(x.get("deep").kind(), Some(Kind::Object));
        assert!(x.get("deep").get("z").is_missing());
    }

    #[test]
    fn errors_carry_position_and_plain_message() {
        let err = parse("{\n  \"a\": tru}", Extent::Full).expect_err("broken");
        assert_eq!((err.line, err.column), (2, 11));
        assert_eq!(err.message, "expected true, false or null");
    }

    /// `levels` nested containers, arrays or objects, with a number
    /// serde_json hands over as a map (`1e400`) or nothing innermost.
    fn nested(levels: usize, objects: bool, innermost: &str) -> String {
        let (open, close) = if objects {
            ("{\"a\":", "}")
        } else {
            ("[", "]")
        };
        let inner = match (objects, innermost) {
            (true, "") => "{}".to_string(),
            (true, value) => format!("{{\"a\":{value}}}"),
            (false, value) => format!("[{value}]"),
        };
        format!(
            "{}{inner}{}",
            open.repeat(levels - 1),
            close.repeat(levels - 1)
        )
    }

    static TYPED: &[crate::schema::Field] =
        &[crate::schema::inferred("k", crate::schema::Ty::Int, "k")];
    static ONE: &[crate::schema::Field] = &[
        crate::schema::inferred("id", crate::schema::Ty::Int, "id"),
        crate::schema::inferred(
            "list",
            crate::schema::Ty::List(&crate::schema::Ty::Object(TYPED)),
            "list",
        ),
    ];
    static TWO: &[crate::schema::Field] = &[
        crate::schema::inferred("content", crate::schema::Ty::Object(TYPED), "content"),
        crate::schema::inferred("any", crate::schema::Ty::Any, "any"),
    ];
    static BOTH: &[&[crate::schema::Field]] = &[ONE, TWO];

    fn extents() -> Vec<Extent> {
        let mut item = super::super::projection::Projection::default();
        item.add(&["id"]);
        let projection = Box::leak(Box::new(ListProjection {
            list: "talk_histories",
            root: vec!["id"],
            item,
        }));
        vec![
            Extent::Full,
            Extent::Detect(&["content"]),
            Extent::Lean(BOTH),
            Extent::Lean(&BOTH[..1]),
            Extent::Lean(&BOTH[1..]),
            Extent::Project(projection),
        ]
    }

    /// Where the deep value sits: text before and after it, and how many
    /// containers enclose it. Each is built by some extents and skipped
    /// (or dropped) by others.
    const PLACES: &[(&str, &str, usize)] = &[
        ("", "", 0),
        (r#"{"hookType":"x","content":{"a":"#, "}}", 2),
        (r#"{"hookType":"x","content":{"status":"#, "}}", 2),
        (r#"{"hookType":"x","content":{"queue":{"zz":"#, "}}}", 3),
        (r#"{"hookType":"x","z":"#, "}", 1),
        (r#"{"talk_histories":[{"id":1,"zz":"#, "}]}", 3),
        (r#"{"talk_histories":[{"id":"#, "}]}", 3),
    ];

    // issue 9 point 18: one limit for every extent, containers skipped or
    // dropped included: 128 levels pass, 129 are the same error at the
    // same place.
    #[test]
    fn nesting_limit_is_128_for_every_extent() {
        for &(before, after, outer) in PLACES {
            for objects in [false, true] {
                for innermost in ["", "1e400", "\"s\""] {
                    let text = |levels: usize| {
                        format!(
                            "{before}{}{after}",
                            nested(levels - outer, objects, innermost)
                        )
                    };
                    for extent in extents() {
                        for levels in [127, 128] {
                            let text = text(levels);
                            assert!(parse(&text, extent).is_ok(), "{extent:?} {text}");
                        }
                        let text = text(129);
                        let err = parse(&text, extent).expect_err("too deep");
                        let at = depth::first_too_deep(text.as_bytes(), MAX_DEPTH).expect("deep");
                        let (line, column) = depth::position_of(text.as_bytes(), at);
                        assert_eq!(
                            err,
                            ParseError {
                                line,
                                column,
                                message: TOO_DEEP.into(),
                                opened: None,
                            },
                            "{extent:?} {text}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_error_in_the_text_wins() {
        let deep = "[".repeat(300);
        for extent in extents() {
            let err = parse(&format!(r#"{{"a":tru,"b":{deep}"#), extent).expect_err("bad");
            assert_eq!(err.message, "expected true, false or null", "{extent:?}");
            let err = parse(&format!(r#"{{"a":{deep}tru"#), extent).expect_err("bad");
            assert_eq!(err.message, TOO_DEEP, "{extent:?}");
        }
    }

    // issue 9 point 12: the arena is not sized from the payload's length
    // (a gigabyte of `[` reserved gigabytes before failing at byte 129).
    #[test]
    fn arena_reservations_are_bounded() {
        assert_eq!(reservation(0), 4);
        assert_eq!(reservation(usize::MAX), MAX_RESERVATION);
        let text = format!("\"{}\"", "x".repeat(16 * 1024 * 1024));
        let doc = parse(&text, Extent::Full).expect("one string");
        assert!(doc.nodes.capacity() <= MAX_RESERVATION);
        assert!(doc.items.capacity() <= MAX_RESERVATION);
        assert!(doc.members.capacity() <= MAX_RESERVATION);
        // Arenas still grow past the reservation as values arrive.
        let many = format!("[{}0]", "0,".repeat(2 * MAX_RESERVATION));
        assert_eq!(
            parse(&many, Extent::Full).expect("array").root().len(),
            2 * MAX_RESERVATION + 1
        );
    }

    // issue 9 point 13: spans are u32 offsets, so a text (with its
    // unescaped copies) beyond the addressable size is one clean error,
    // never a wrapped offset. Shown with a small limit in place of 4 GiB.
    #[test]
    fn text_beyond_the_addressable_size_is_refused() {
        let too_large = |text: &str, limit| {
            let err = parse_within(text, Extent::Full, limit).expect_err("too large");
            assert_eq!(err.message, TOO_LARGE, "{text} within {limit}");
        };
        let plain = r#"["ab","cd"]"#;
        assert!(parse_within(plain, Extent::Full, plain.len()).is_ok());
        too_large(plain, plain.len() - 1);
        // Two escaped strings, unescaped into 3 + 3 bytes of copies.
        let escaped = r#"["a\nb",{"c\td":1}]"#;
        let doc = parse_within(escaped, Extent::Full, escaped.len() + 6).expect("fits");
        assert_eq!(doc.root().index(0).as_str(), Some("a\nb"));
        assert_eq!(doc.root().index(1).get("c\td").as_i64(), Some(1));
        too_large(escaped, escaped.len() + 5);
        // Number texts are copies too.
        let number = "[1.50]";
        assert!(parse_within(number, Extent::Full, number.len() + 4).is_ok());
        too_large(number, number.len() + 3);
    }

    // issue 9 point 13: the compact arena reads back what was written:
    // borrowed and unescaped strings and keys, 64-bit extremes, exact
    // number texts, duplicate keys in order with the last one winning.
    #[test]
    fn compact_arena_reads_back_every_value() {
        let text = r#"{"a":"x","\u0061":"y\u00e9","k\"":[18446744073709551615,-9223372036854775808,-0.0,1e400,true,null,""],"a":"z"}"#;
        let doc = parse(text, Extent::Full).expect("parses");
        let root = doc.root();
        let keys: Vec<_> = root.members().map(|(k, v)| (k, v.as_str())).collect();
        assert_eq!(
            keys,
            [
                ("a", Some("x")),
                ("a", Some("yé")),
                ("k\"", None),
                ("a", Some("z"))
            ]
        );
        assert_eq!(root.get("a").as_str(), Some("z"));
        let list = root.get("k\"");
        assert_eq!(
            list.index(0).node(),
            Some(Node::Number(Number::Unsigned(u64::MAX)))
        );
        assert_eq!(list.index(1).as_i64(), Some(i64::MIN));
        assert_eq!(list.index(2).scalar_text().as_deref(), Some("-0.0"));
        assert_eq!(list.index(3).scalar_text().as_deref(), Some("1e+400"));
        assert_eq!(list.index(4).as_bool(), Some(true));
        assert!(list.index(5).is_null());
        assert_eq!(list.index(6).as_str(), Some(""));
        let round_trip = r#"{"a":"x","a":"yé","k\"":[18446744073709551615,-9223372036854775808,-0.0,1e+400,true,null,""],"a":"z"}"#;
        assert_eq!(root.to_json(), round_trip);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let err = parse(&text, Extent::Full).expect_err("too deep");
        assert!(err.message.contains("recursion limit"), "{err}");
    }
}
