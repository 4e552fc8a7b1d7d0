//! The walk of a parsed payload against its provider's description: each
//! scalar is met in document order, paired with its byte range in the
//! payload text, and replaced there when it is personal.

use std::net::IpAddr;
use std::ops::Range;

use chrono::{Days, NaiveDate};

use super::detect::{self, Found};
use super::mask;
use super::{Against, Counts, Redactor, Replaced, TextMode};
use crate::json::{Kind, Node, Val, push_json_string};
use crate::schema::{Cursor, Field, FieldLookup, Pii, Ty};
use crate::values;

/// How a value is to be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Treat {
    Pii(Pii),
    /// Personal, kind told by the value (a `private: true` item).
    Classify,
    /// Everything masked (a payload no provider recognises).
    Opaque,
}

/// What the walk knows of a value from where it is.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    ty: Option<Ty>,
    treat: Option<Treat>,
    /// An id that only links records (`--ids`).
    id: bool,
}

pub(super) struct Walk<'r, 't> {
    r: &'r Redactor,
    text: &'t str,
    tokens: &'t [Range<usize>],
    next: usize,
    edits: Vec<(Range<usize>, String)>,
    counts: Counts,
}

impl<'r, 't> Walk<'r, 't> {
    pub fn new(r: &'r Redactor, text: &'t str, tokens: &'t [Range<usize>]) -> Self {
        Walk {
            r,
            text,
            tokens,
            next: 0,
            edits: Vec::new(),
            counts: Counts::default(),
        }
    }

    /// The edits, the counts and how many scalars the walk met.
    pub fn finish(self) -> (Vec<(Range<usize>, String)>, Counts, usize) {
        (self.edits, self.counts, self.next)
    }

    pub fn root(&mut self, root: Val<'_, '_>, against: Against) {
        let ctx = match against {
            Against::Description(fields) => Ctx {
                ty: Some(Ty::Object(fields)),
                ..Ctx::default()
            },
            Against::Nothing => Ctx {
                treat: Some(Treat::Opaque),
                ..Ctx::default()
            },
        };
        self.value(root, ctx);
    }

    fn value(&mut self, v: Val<'_, '_>, ctx: Ctx) {
        match v.kind() {
            Some(Kind::Object) => self.object(v, ctx),
            Some(Kind::Array) => {
                let ty = match ctx.ty {
                    Some(Ty::List(item)) => Some(*item),
                    _ => None,
                };
                for item in v.items() {
                    self.value(item, Ctx { ty, ..ctx });
                }
            }
            Some(_) => self.scalar(v, ctx),
            None => {}
        }
    }

    fn object(&mut self, v: Val<'_, '_>, ctx: Ctx) {
        let (fields, map_item): (&'static [Field], Option<Ty>) = match ctx.ty {
            Some(Ty::Object(fields)) => (fields, None),
            Some(Ty::Map(item)) => (&[], Some(*item)),
            _ => (&[], None),
        };
        let lookup = FieldLookup::new(fields);
        let mut cursor = Cursor::default();
        for (key, child) in v.members() {
            let field = lookup.find(key, &mut cursor).map(|i| &fields[i]);
            let child_ctx = match field {
                Some(f) => Ctx {
                    ty: Some(f.ty),
                    treat: ctx.treat.or_else(|| resolve(f.personal?, v, child)),
                    id: is_id(f.name, &f.ty),
                },
                // An unknown key that names personal data says more than
                // where it is.
                None => Ctx {
                    ty: map_item,
                    treat: detect::key_kind(key).map(Treat::Pii).or(ctx.treat),
                    id: is_id(key, &Ty::String),
                },
            };
            self.value(child, child_ctx);
        }
    }

    fn scalar(&mut self, v: Val<'_, '_>, ctx: Ctx) {
        let Some(range) = self.tokens.get(self.next).cloned() else {
            self.next += 1;
            return;
        };
        self.next += 1;
        let new = match v.node() {
            Some(Node::String(s)) => self.string(s, ctx).map(|new| {
                let mut quoted = String::with_capacity(new.len() + 2);
                push_json_string(&mut quoted, &new);
                quoted
            }),
            Some(Node::Number(_)) => {
                let text = self.text.get(range.clone()).unwrap_or_default();
                self.number(text, ctx)
            }
            _ => None,
        };
        if let Some(new) = new {
            self.edits.push((range, new));
        }
    }

    fn number(&mut self, text: &str, ctx: Ctx) -> Option<String> {
        let kind = match ctx.treat {
            Some(Treat::Pii(Pii::Text)) if self.r.options.text == TextMode::Keep => return None,
            Some(Treat::Pii(pii)) => Replaced::of(pii),
            Some(Treat::Classify) => Replaced::Private,
            // Numbers of a payload no provider knows are kept, as its keys
            // are, unless their key names personal data.
            Some(Treat::Opaque) => return None,
            None if self.r.options.ids && ctx.id => Replaced::Id,
            None => return None,
        };
        self.counts.add(kind);
        Some(self.r.pseudonyms.digits(text))
    }

    fn string(&mut self, s: &str, ctx: Ctx) -> Option<String> {
        if s.is_empty() {
            return None;
        }
        // A datetime inside free text or a payload no provider knows (a
        // chat message's `createdAt`) is a timestamp, not text.
        let text_like = matches!(ctx.treat, Some(Treat::Pii(Pii::Text) | Treat::Opaque));
        if let Some(treat) = ctx.treat
            && !(text_like && is_datetime(s))
        {
            return self.treat(treat, s);
        }
        if let Some(days) = self.r.options.shift_days
            && let Some(shifted) = shift_date(s, days)
        {
            self.counts.add(Replaced::Datetime);
            return Some(shifted);
        }
        if self.r.options.ids && ctx.id {
            self.counts.add(Replaced::Id);
            return Some(self.id(s));
        }
        match ctx.ty {
            Some(Ty::Datetime(_) | Ty::Enum { .. } | Ty::Color | Ty::ObjectId | Ty::Uuid) => None,
            _ => self.scan(s),
        }
    }

    fn id(&self, s: &str) -> String {
        let p = &self.r.pseudonyms;
        if s.bytes().all(|b| b.is_ascii_digit()) {
            p.digits(s)
        } else if values::is_uuid(s) {
            p.uuid(s)
        } else if s.bytes().all(|b| b.is_ascii_hexdigit()) {
            p.hex(s)
        } else {
            p.mask_alnum("id", s)
        }
    }

    /// A string no description marks: only what the detectors find in it
    /// is replaced.
    fn scan(&mut self, s: &str) -> Option<String> {
        let mut found = detect::find(s);
        if self.r.options.ids {
            detect::add_object_ids(s, &mut found);
        }
        if found.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for (range, kind) in found {
            out.push_str(&s[at..range.start]);
            out.push_str(&self.found(kind, &s[range.clone()]));
            at = range.end;
        }
        out.push_str(&s[at..]);
        Some(out)
    }

    /// The replacement of a detected value (counted).
    fn found(&mut self, kind: Found, s: &str) -> String {
        let p = &self.r.pseudonyms;
        let (new, counted) = match kind {
            Found::Email => (p.email(s), Replaced::Email),
            Found::Url => (self.url(s), Replaced::Url),
            Found::DataUri => (
                p.data_uri(s).unwrap_or_else(|| p.mask_alnum("mask", s)),
                Replaced::File,
            ),
            Found::Phone => (p.phone(s), Replaced::Phone),
            Found::Document => (
                p.document(s).unwrap_or_else(|| p.mask_alnum("mask", s)),
                Replaced::Document,
            ),
            Found::ObjectId => (p.hex(s), Replaced::Id),
            Found::Ip => match s.parse::<IpAddr>() {
                Ok(ip) => (p.ip(ip), Replaced::Ip),
                Err(_) => (p.mask_alnum("mask", s), Replaced::Ip),
            },
        };
        self.counts.add(counted);
        new
    }

    fn treat(&mut self, treat: Treat, s: &str) -> Option<String> {
        let p = &self.r.pseudonyms;
        let pii = match treat {
            Treat::Pii(Pii::WhenFlag(_) | Pii::Labelled { .. }) | Treat::Classify => {
                return Some(self.classify(s));
            }
            Treat::Opaque => {
                self.counts.add(Replaced::Text);
                return Some(self.mask_text(s));
            }
            Treat::Pii(pii) => pii,
        };
        let new = match pii {
            Pii::Email if values::is_email(s) => p.email(s),
            Pii::Phone if values::is_email(s) => p.email(s),
            Pii::Phone if s.bytes().filter(u8::is_ascii_digit).count() >= 6 => p.phone(s),
            // A handle (an Instagram user as a sender) is masked; a few
            // digits alone (`"to": "1"`, a channel) are not a telephone.
            Pii::Phone if s.chars().any(char::is_alphabetic) => p.mask_alnum("mask", s),
            Pii::Phone => return None,
            Pii::Document => p.document(s).unwrap_or_else(|| p.mask_alnum("mask", s)),
            Pii::Ip => match s.trim().parse::<IpAddr>() {
                Ok(ip) => p.ip(ip),
                Err(_) => p.mask_alnum("mask", s),
            },
            Pii::Token => token(p, s),
            Pii::Url => self.url(s),
            Pii::File if s.starts_with("data:") => {
                p.data_uri(s).unwrap_or_else(|| p.mask_alnum("mask", s))
            }
            Pii::File => self.url(s),
            Pii::Text => match self.r.options.text {
                TextMode::Keep => return None,
                TextMode::Drop => String::new(),
                TextMode::Mask => self.mask_text(s),
            },
            _ => p.mask_alnum("mask", s),
        };
        self.counts.add(Replaced::of(pii));
        Some(new)
    }

    /// A value known to be personal whose kind only the value tells.
    fn classify(&mut self, s: &str) -> String {
        let whole = detect::find(s);
        if let [(range, kind)] = whole.as_slice()
            && range.len() == s.len()
        {
            return self.found(*kind, s);
        }
        self.counts.add(Replaced::Private);
        let p = &self.r.pseudonyms;
        if values::is_uuid(s) {
            p.uuid(s)
        } else {
            p.mask_alnum("mask", s)
        }
    }

    /// Free text: detected values replaced, every other letter and digit
    /// masked.
    fn mask_text(&mut self, s: &str) -> String {
        let mut stream = self.r.pseudonyms.stream("text", s);
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for (range, kind) in detect::find(s) {
            mask::mask_into(&s[at..range.start], &mut stream, &mut out);
            let new = self.found(kind, &s[range.clone()]);
            out.push_str(&new);
            at = range.end;
        }
        mask::mask_into(&s[at..], &mut stream, &mut out);
        out
    }

    /// A URL keeps its scheme and host; each path segment, query value and
    /// the fragment are replaced by pseudonyms of their shape (a token in
    /// a link becomes the token's own pseudonym, so the link still carries
    /// it). Text that is not such a URL keeps its scheme only.
    fn url(&self, s: &str) -> String {
        let p = &self.r.pseudonyms;
        if s.starts_with("data:")
            && let Some(d) = p.data_uri(s)
        {
            return d;
        }
        let Some(scheme_end) = s.find("://") else {
            let keep = s
                .find(':')
                .filter(|&i| i > 0 && s[..i].bytes().all(|b| b.is_ascii_alphabetic()))
                .map_or(0, |i| i + 1);
            let keep = if s.starts_with("www.") {
                s.find(['/', '?', '#']).unwrap_or(s.len())
            } else {
                keep
            };
            return format!("{}{}", &s[..keep], self.url_rest(&s[keep..]));
        };
        let start = scheme_end + 3;
        let end = s[start..]
            .find(['/', '?', '#'])
            .map_or(s.len(), |i| start + i);
        let mut out = s[..start].to_string();
        let authority = &s[start..end];
        match authority.rsplit_once('@') {
            Some((user, host)) => {
                out.push_str(&p.mask_alnum("mask", user));
                out.push('@');
                out.push_str(host);
            }
            None => out.push_str(authority),
        }
        out.push_str(&self.url_rest(&s[end..]));
        out
    }

    /// Path, query and fragment of a URL, replaced piece by piece.
    fn url_rest(&self, rest: &str) -> String {
        let (before_fragment, fragment) = match rest.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (rest, None),
        };
        let (path, query) = match before_fragment.split_once('?') {
            Some((path, q)) => (path, Some(q)),
            None => (before_fragment, None),
        };
        let mut out = String::with_capacity(rest.len());
        for (i, segment) in path.split('/').enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(&self.segment(segment));
        }
        if let Some(query) = query {
            out.push('?');
            for (i, pair) in query.split('&').enumerate() {
                if i > 0 {
                    out.push('&');
                }
                match pair.split_once('=') {
                    Some((key, value)) => {
                        out.push_str(key);
                        out.push('=');
                        out.push_str(&self.segment(value));
                    }
                    None => out.push_str(&self.segment(pair)),
                }
            }
        }
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(&self.r.pseudonyms.mask_alnum("mask", fragment));
        }
        out
    }

    /// One piece of a URL, by its shape: a UUID, hex, digits, an e-mail,
    /// a file name (its extension kept), a boolean, anything else masked.
    fn segment(&self, s: &str) -> String {
        let p = &self.r.pseudonyms;
        if s.is_empty() || s == "true" || s == "false" {
            return s.to_string();
        }
        if values::is_uuid(s) {
            return p.uuid(s);
        }
        if values::is_email(s) {
            return p.email(s);
        }
        if s.len() >= 8 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return p.hex(s);
        }
        if let Some((stem, ext)) = s.rsplit_once('.')
            && !stem.is_empty()
            && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        {
            return format!("{}.{ext}", self.segment(stem));
        }
        p.mask_alnum("mask", s)
    }
}

/// Extensions a URL's file name keeps (anything else after a dot, such as
/// a name in `acme.maria`, is masked).
const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "mp3", "mp4", "ogg", "oga", "opus", "wav",
    "webm", "m4a", "aac", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "html", "htm",
    "json", "xml", "zip",
];

/// `Pii::WhenFlag`, `Pii::Labelled` and `Pii::Except` resolved against
/// the object that holds the field and the field's value: `None` when the
/// value is not personal.
fn resolve(pii: Pii, object: Val<'_, '_>, value: Val<'_, '_>) -> Option<Treat> {
    let flagged = |flag| object.get(flag).as_bool() == Some(true);
    match pii {
        Pii::WhenFlag(flag) => flagged(flag).then_some(Treat::Classify),
        Pii::Labelled { flag, label } => {
            let named = || {
                object
                    .get(label)
                    .as_str()
                    .and_then(detect::key_kind)
                    .is_some()
            };
            (flagged(flag) || named()).then_some(Treat::Classify)
        }
        Pii::Except {
            pii,
            value: sentinel,
            when,
        } => {
            let exempt =
                value.as_str() == Some(sentinel) && object.get(when).as_str() == Some(sentinel);
            if exempt {
                None
            } else {
                resolve(*pii, object, value)
            }
        }
        other => Some(Treat::Pii(other)),
    }
}

/// A secret: a UUID stays a UUID, hex stays hex, the rest is masked.
fn token(p: &super::Pseudonyms, s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        p.digits(s)
    } else if values::is_uuid(s) {
        p.uuid(s)
    } else if s.len() >= 8 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        p.hex(s)
    } else {
        p.mask_alnum("mask", s)
    }
}

/// Whether a field only links records: an ObjectId, an either-form id, or
/// an integer or string named `id`, `_id`, `*_id` or `*Id`.
fn is_id(name: &str, ty: &Ty) -> bool {
    match ty {
        Ty::ObjectId | Ty::IdEither { .. } => true,
        Ty::List(Ty::ObjectId) => true,
        Ty::Int | Ty::String | Ty::NonEmptyString => {
            name == "id" || name == "_id" || name.ends_with("_id") || name.ends_with("Id")
        }
        _ => false,
    }
}

/// Whether `s` is a whole datetime (RFC 3339, or `YYYY-MM-DD HH:MM:SS`).
fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let local = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        });
    local || (b.len() >= 20 && values::parse_rfc3339(s).is_some())
}

/// A datetime moved by `days`, its text otherwise as written (RFC 3339
/// with its offset and fraction digits, or `YYYY-MM-DD HH:MM:SS`); `None`
/// when `s` does not start with a date and a time. Only the date changes,
/// so a malformed time stays as malformed as it was.
pub(super) fn shift_date(s: &str, days: i64) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").ok()?;
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))?
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))?
    };
    let text = moved.format("%Y-%m-%d").to_string();
    (text.len() == 10).then(|| format!("{text}{}", &s[10..]))
}
