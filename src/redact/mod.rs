//! `hookscope redact`'s domain: replaces the personal data of a payload
//! (what the provider descriptions mark with [`Pii`], what the detectors
//! find in the rest) with deterministic, format-preserving pseudonyms, at
//! the text level: only the bytes of the replaced values change, so key
//! order, duplicate keys, number text, whitespace and malformed values
//! that are not personal stay as they were, and the findings reproduce.

pub mod detect;
pub mod mask;
pub mod pseudonym;
mod walk;

use std::ops::Range;

use crate::json::Val;
use crate::schema::{Field, Pii};
pub use pseudonym::Pseudonyms;

/// What `--text` does with free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextMode {
    /// Left as it is.
    Keep,
    /// Personal values inside replaced, every other letter and digit
    /// masked.
    Mask,
    /// Replaced by an empty string.
    Drop,
}

/// What a run replaces besides the personal fields.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub text: TextMode,
    /// Ids that only link records (ObjectIds, `*_id`) are replaced too.
    pub ids: bool,
    /// Every datetime moved by this many days.
    pub shift_days: Option<i64>,
}

/// The kinds of value a run replaces, as `--report` counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replaced {
    Name,
    Email,
    Phone,
    Document,
    Ip,
    UserAgent,
    Token,
    Url,
    File,
    Text,
    Location,
    Private,
    Id,
    Datetime,
    /// Text that is not usable JSON, masked whole.
    Unparsed,
}

impl Replaced {
    pub const ALL: [Replaced; 15] = [
        Replaced::Name,
        Replaced::Email,
        Replaced::Phone,
        Replaced::Document,
        Replaced::Ip,
        Replaced::UserAgent,
        Replaced::Token,
        Replaced::Url,
        Replaced::File,
        Replaced::Text,
        Replaced::Location,
        Replaced::Private,
        Replaced::Id,
        Replaced::Datetime,
        Replaced::Unparsed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Replaced::Name => "name",
            Replaced::Email => "email",
            Replaced::Phone => "phone",
            Replaced::Document => "document",
            Replaced::Ip => "ip",
            Replaced::UserAgent => "user-agent",
            Replaced::Token => "token",
            Replaced::Url => "url",
            Replaced::File => "file",
            Replaced::Text => "text",
            Replaced::Location => "location",
            Replaced::Private => "private",
            Replaced::Id => "id",
            Replaced::Datetime => "datetime",
            Replaced::Unparsed => "unparsed",
        }
    }

    fn of(pii: Pii) -> Self {
        match pii {
            Pii::Name => Replaced::Name,
            Pii::Email => Replaced::Email,
            Pii::Phone => Replaced::Phone,
            Pii::Document => Replaced::Document,
            Pii::Ip => Replaced::Ip,
            Pii::UserAgent => Replaced::UserAgent,
            Pii::Token => Replaced::Token,
            Pii::Url => Replaced::Url,
            Pii::File => Replaced::File,
            Pii::Text => Replaced::Text,
            Pii::Location => Replaced::Location,
            Pii::WhenFlag(_) | Pii::Labelled { .. } => Replaced::Private,
            Pii::Except { pii, .. } => Replaced::of(*pii),
        }
    }
}

/// How many values of each kind a payload (or a run) had replaced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts([u64; Replaced::ALL.len()]);

impl Counts {
    pub fn add(&mut self, kind: Replaced) {
        self.0[kind as usize] += 1;
    }

    pub fn get(&self, kind: Replaced) -> u64 {
        self.0[kind as usize]
    }

    pub fn total(&self) -> u64 {
        self.0.iter().sum()
    }

    pub fn merge(&mut self, other: &Counts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// The kinds with a count, in [`Replaced::ALL`] order.
    pub fn nonzero(&self) -> impl Iterator<Item = (Replaced, u64)> + '_ {
        Replaced::ALL
            .into_iter()
            .map(|k| (k, self.get(k)))
            .filter(|(_, n)| *n > 0)
    }
}

/// A payload's text with its personal data replaced, and what was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub counts: Counts,
}

/// The redaction of one run: its keyed pseudonyms and options.
#[derive(Debug, Clone)]
pub struct Redactor {
    pseudonyms: Pseudonyms,
    options: Options,
}

/// What a payload is redacted against.
#[derive(Debug, Clone, Copy)]
pub enum Against {
    /// A recognised payload: its provider's root description.
    Description(&'static [Field]),
    /// A payload no provider recognises: every string value is masked.
    Nothing,
}

impl Redactor {
    pub fn new(salt: &[u8], options: Options) -> Self {
        Redactor {
            pseudonyms: Pseudonyms::new(salt),
            options,
        }
    }

    /// Redacts a parsed payload: `text` is the text `root` was parsed from
    /// (with [`crate::json::Extent::Full`]).
    pub fn payload(&self, text: &str, root: Val<'_, '_>, against: Against) -> Redacted {
        let tokens = scalar_tokens(text);
        let mut walk = walk::Walk::new(self, text, &tokens);
        walk.root(root, against);
        let (edits, counts, met) = walk.finish();
        if met != tokens.len() {
            // The walk and the text disagree on where the values are (it
            // cannot happen for text `root` was parsed from): masking all
            // is the safe way out.
            return self.loose(text);
        }
        Redacted {
            text: apply(text, &edits),
            counts,
        }
    }

    /// Masks text that is not usable JSON (see [`mask::mask_loose`]).
    pub fn loose(&self, text: &str) -> Redacted {
        let mut stream = self.pseudonyms.stream("loose", text);
        let masked = mask::mask_loose(text, &mut stream);
        let mut counts = Counts::default();
        if masked != text {
            counts.add(Replaced::Unparsed);
        }
        Redacted {
            text: masked,
            counts,
        }
    }
}

/// `text` with each range replaced (the edits in order, not overlapping).
fn apply(text: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at = 0;
    for (range, new) in edits {
        out.push_str(&text[at..range.start]);
        out.push_str(new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The byte ranges of the scalar values of valid JSON `text` (strings with
/// their quotes, numbers, literals; not keys), in document order: the
/// order in which a walk of the parsed document meets them.
fn scalar_tokens(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let mut end = i + 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', &b[end..]) {
                        Some(k) if b[end + k] == b'\\' => end += k + 2,
                        Some(k) => {
                            end += k + 1;
                            break;
                        }
                        None => {
                            end = b.len();
                            break;
                        }
                    }
                }
                let next = b[end..].iter().find(|c| !c.is_ascii_whitespace());
                if next != Some(&b':') {
                    out.push(i..end);
                }
                i = end;
            }
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                let start = i;
                while i < b.len() && !b",]} \t\r\n".contains(&b[i]) {
                    i += 1;
                }
                out.push(start..i);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests;
