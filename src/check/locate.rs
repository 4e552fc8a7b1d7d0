//! Where findings are: the line and column, in the input as read, of the
//! value each finding's pointer names. Read off the parsed document while
//! it is alive, without another scan of the text: strings and keys point
//! into the payload text, so a string value is found at its quote, any
//! other member at its key, a container at its first member, and a missing
//! field at the object that lacks it.

use std::borrow::Cow;
use std::collections::HashMap;

use super::Finding;
use crate::input::Payload;
use crate::json::{Kind, Node, Number, Val};

/// Line and column (1-based; the column in bytes) of each finding, in the
/// findings' order.
pub fn places(root: Val<'_, '_>, payload: &Payload<'_>, findings: &[Finding]) -> Vec<(u64, u64)> {
    let text = payload.bytes();
    let mut index = Index::default();
    let offsets: Vec<usize> = findings
        .iter()
        .map(|f| {
            offset_of(root, &f.pointer, text, &mut index)
                .unwrap_or(0)
                .min(text.len())
        })
        .collect();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let start = (payload.source.line, payload.source.column);
    let (mut line, mut line_start, mut counted) = (start.0, None::<usize>, 0usize);
    let mut places = vec![start; offsets.len()];
    for i in order {
        let at = offsets[i];
        let span = &text[counted..at];
        let newlines = memchr::memchr_iter(b'\n', span).count() as u64;
        if newlines > 0 {
            line += newlines;
            line_start = memchr::memrchr(b'\n', span).map(|k| counted + k + 1);
        }
        counted = at;
        let column = match line_start {
            Some(s) => (at - s) as u64 + 1,
            None => start.1 + at as u64,
        };
        places[i] = (line, column);
    }
    places
}

/// Objects of more than this many members are looked up through an index
/// built once per payload, so that many findings in one large object (a
/// payload of 80,000 duplicate keys) cost linear time, not quadratic.
/// Smaller ones (a message, a customer) are scanned: an index for each of
/// a talk's 40,000 messages would hold 60 MB.
const INDEXED: usize = 256;

/// The last member of each key (the one that wins), by object, for the
/// large objects findings have walked through.
#[derive(Default)]
struct Index<'d, 'a> {
    objects: HashMap<u32, HashMap<&'d str, (&'d str, Val<'d, 'a>)>>,
}

impl<'d, 'a> Index<'d, 'a> {
    /// The member `key` of `object` that wins, with the key as it stands in
    /// the text; `None` when there is none.
    fn member(&mut self, object: Val<'d, 'a>, key: &str) -> Option<(&'d str, Val<'d, 'a>)> {
        match object.id() {
            Some(id) if object.len() > INDEXED => self
                .objects
                .entry(id)
                .or_insert_with(|| object.members().map(|(k, v)| (k, (k, v))).collect())
                .get(key)
                .copied(),
            _ => object.members().filter(|(k, _)| *k == key).last(),
        }
    }
}

/// The byte offset in `text` of the value at `pointer`, or of the deepest
/// value on its way that is there.
fn offset_of<'d, 'a>(
    root: Val<'d, 'a>,
    pointer: &str,
    text: &[u8],
    index: &mut Index<'d, 'a>,
) -> Option<usize> {
    let mut value = root;
    let mut best = start_of(root, text, 0);
    for segment in pointer.split('/').skip(1) {
        let segment: Cow<'_, str> = if segment.contains('~') {
            Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(segment)
        };
        let (child, key) = match value.kind() {
            Some(Kind::Object) => match index.member(value, &segment) {
                Some((key, child)) => (child, Some(key)),
                None => break,
            },
            Some(Kind::Array) => match segment.parse::<usize>() {
                Ok(i) if i < value.len() => (value.index(i), None),
                _ => break,
            },
            _ => break,
        };
        if child.is_missing() {
            break;
        }
        // A value with no text of its own (a number, a boolean, null) is
        // found at its key.
        let here = start_of(child, text, 0).or_else(|| key.and_then(|k| within(k, text)));
        value = child;
        best = here.or(best);
    }
    best
}

/// Where a value starts in `text`, when that can be told: a string at its
/// quote, a container at its first member (or element).
fn start_of(value: Val<'_, '_>, text: &[u8], depth: u32) -> Option<usize> {
    if depth > 8 {
        return None;
    }
    match value.node()? {
        Node::String(s) => within(s, text),
        Node::Number(Number::Text(s)) => within(s, text).map(|at| at + 1),
        _ => match value.kind()? {
            Kind::Object => value
                .members()
                .next()
                .and_then(|(key, _)| within(key, text)),
            Kind::Array => value
                .items()
                .next()
                .and_then(|item| start_of(item, text, depth + 1)),
            _ => None,
        },
    }
}

/// The offset of the quote before `s`, when `s` is a slice of `text` (an
/// unescaped string or key).
fn within(s: &str, text: &[u8]) -> Option<usize> {
    let (at, base) = (s.as_ptr() as usize, text.as_ptr() as usize);
    (at > base && at + s.len() <= base + text.len()).then(|| at - base - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Code;
    use crate::json::{Extent, parse};
    use crate::schema::Severity;

    fn at(text: &str, pointer: &str) -> (u64, u64) {
        let doc = parse(text, Extent::Full).expect("valid");
        let payload = Payload::from_bytes("x", text.as_bytes());
        let finding = Finding {
            severity: Severity::Error,
            code: Code::WrongType,
            pointer: pointer.into(),
            message: String::new(),
        };
        places(doc.root(), &payload, &[finding])[0]
    }

    #[test]
    fn values_keys_and_missing_fields_have_places() {
        let text =
            "{\n  \"a\": {\n    \"b\": \"x\",\n    \"n\": 12\n  },\n  \"l\": [{\"c\": 1}]\n}";
        assert_eq!(at(text, "/a/b"), (3, 10), "a string at its quote");
        assert_eq!(at(text, "/a/n"), (4, 5), "a number at its key");
        assert_eq!(
            at(text, "/a/missing"),
            (3, 5),
            "a missing field at its object"
        );
        assert_eq!(at(text, "/l/0/c"), (6, 10));
        assert_eq!(at(text, ""), (2, 3));
    }

    #[test]
    fn a_large_object_is_looked_up_through_its_index_with_the_last_key_winning() {
        let members: Vec<String> = (0..400).map(|i| format!("\"k{}\": {i}", i % 300)).collect();
        let text = format!("{{{}}}", members.join(","));
        assert!(members.len() > INDEXED);
        for key in ["k3", "k299"] {
            let needle = format!("\"{key}\":");
            let last = text.rfind(&needle).expect("key") as u64 + 1;
            assert_eq!(at(&text, &format!("/{key}")), (1, last), "{key}");
        }
        assert_eq!(
            at(&text, "/k0/deeper"),
            (1, text.rfind("\"k0\":").expect("k0") as u64 + 1)
        );
        assert_eq!(
            at(&text, "/nope"),
            (1, 2),
            "a missing key: the object's first member"
        );
    }
}
