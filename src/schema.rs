//! The language of the provider descriptions: fields with their JSON path,
//! type, presence, allowed values and documentation, plus cross-field rules.
//!
//! Each provider declares one description in this language
//! (`provider::piperun::fields`, `provider::nuvidio::fields`); validation,
//! summaries, rows and field help all read it, so a rule lives in one place.

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a field must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Present and not null (PipeRun's `Nullable: NÃO`).
    Required,
    /// Present, but `null` is fine.
    NotAbsent,
    /// Null or absent is fine (PipeRun's `Nullable: SIM`).
    Optional,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The vendor's field table.
    Documented,
    /// Inferred from the vendor's example payloads and public consumers.
    Inferred,
}

/// Accepted datetime spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// RFC 3339 only (NuVidio).
    Rfc3339,
    /// RFC 3339, or `YYYY-MM-DD HH:MM:SS` in the account's local time (PipeRun).
    Rfc3339OrLocal,
}

/// The expected shape of a value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A JSON integer; a string of digits is a `numeric-string` warning.
    Int,
    /// Any JSON number.
    Number,
    Bool,
    String,
    /// A non-empty string.
    NonEmptyString,
    Datetime(DateStyle),
    /// A string out of a fixed set.
    Enum {
        values: &'static [&'static str],
        severity: Severity,
    },
    /// An absolute URL; empty strings pass.
    Url,
    /// An e-mail address; empty strings pass.
    Email,
    /// A 24-hex-digit MongoDB ObjectId.
    ObjectId,
    /// A UUID.
    Uuid,
    /// A `#rrggbb` color; empty strings pass.
    Color,
    Object(&'static [Field]),
    List(&'static Ty),
    /// An object with free-form keys whose values all have one type.
    Map(&'static Ty),
    /// Anything.
    Any,
}

impl Ty {
    /// A short name for messages and help.
    pub fn describe(&self) -> String {
        match self {
            Ty::Int => "an integer".into(),
            Ty::Number => "a number".into(),
            Ty::Bool => "a boolean".into(),
            Ty::String => "a string".into(),
            Ty::NonEmptyString => "a non-empty string".into(),
            Ty::Datetime(DateStyle::Rfc3339) => "an RFC 3339 datetime".into(),
            Ty::Datetime(DateStyle::Rfc3339OrLocal) => {
                "a datetime (YYYY-MM-DD HH:MM:SS or RFC 3339)".into()
            }
            Ty::Enum { values, .. } => format!("one of {}", values.join(", ")),
            Ty::Url => "a URL".into(),
            Ty::Email => "an e-mail address".into(),
            Ty::ObjectId => "a 24-hex-digit object id".into(),
            Ty::Uuid => "a UUID".into(),
            Ty::Color => "a #rrggbb color".into(),
            Ty::Object(_) => "an object".into(),
            Ty::List(item) => format!("an array of {}", item.describe_plural()),
            Ty::Map(_) => "an object".into(),
            Ty::Any => "any value".into(),
        }
    }

    fn describe_plural(&self) -> String {
        match self {
            Ty::Object(_) => "objects".into(),
            other => other.describe(),
        }
    }
}

/// One documented (or inferred) field of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub presence: Presence,
    pub origin: Origin,
    /// The vendor's own description (Portuguese), empty when there is none.
    pub doc_pt: &'static str,
    /// A short English gloss.
    pub doc_en: &'static str,
}

/// A path into a payload: object keys, with `*` for every array element.
pub type Path = &'static [&'static str];

/// Checks that involve more than one field.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Every value at `path` equals the value at `target`: `mismatch`.
    Equal {
        path: Path,
        target: Path,
        severity: Severity,
    },
    /// The datetime at `later` is not before the one at `earlier`: `order`.
    NotBefore { earlier: Path, later: Path },
    /// `duration` (seconds) matches `end - start` within one second:
    /// `duration-mismatch`.
    Duration {
        duration: Path,
        start: Path,
        end: Path,
    },
    /// The string at `path` contains the string at `needle`: `mismatch`
    /// warning.
    Contains { path: Path, needle: Path },
    /// The object at `path` is one of the list at `list`, by `id`:
    /// `dangling-ref`.
    MemberOf { path: Path, list: Path },
    /// A NuVidio tag list: `id` = `_id`, sub-tags point at a primary tag of
    /// the same list, sub-tag counts within the primary's settings.
    TagList { path: Path },
    /// Every `value` of the data items at `path` that is a base64 `data:` URI
    /// decodes: `bad-data-uri`, `data-uri-padding`.
    DataUris { path: Path },
}

/// A provider's description of one payload shape.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// What this shape is, e.g. `PipeRun talk`.
    pub name: &'static str,
    pub fields: &'static [Field],
    pub rules: &'static [Rule],
}

/// Shorthand constructors keep the description tables readable.
pub const fn field(
    name: &'static str,
    ty: Ty,
    presence: Presence,
    doc_pt: &'static str,
    doc_en: &'static str,
) -> Field {
    Field {
        name,
        ty,
        presence,
        origin: Origin::Documented,
        doc_pt,
        doc_en,
    }
}

/// An inferred field: optional, no vendor description.
pub const fn inferred(name: &'static str, ty: Ty, doc_en: &'static str) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Optional,
        origin: Origin::Inferred,
        doc_pt: "",
        doc_en,
    }
}

/// An inferred field that must be present and not null.
pub const fn inferred_required(name: &'static str, ty: Ty, doc_en: &'static str) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Required,
        origin: Origin::Inferred,
        doc_pt: "",
        doc_en,
    }
}

/// Finds fields of one declared list by name, in O(1) for the two orders
/// payloads come in: the description's (the vendor's own) and alphabetical
/// (what re-serializing tools such as `jq -S` or serde_json write); any
/// other order falls back to a binary search over a sorted index of the
/// list, built once for every list the providers declare.
#[derive(Debug, Clone, Copy)]
pub struct FieldLookup {
    pub fields: &'static [Field],
    sorted: Option<&'static [(&'static str, u16)]>,
}

/// Where the next key of an object is expected, in both orders.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cursor {
    declared: usize,
    sorted: usize,
}

impl FieldLookup {
    pub fn new(fields: &'static [Field]) -> Self {
        FieldLookup {
            fields,
            sorted: index::sorted(fields),
        }
    }

    /// The index of the field named `key`; moves the cursor past it.
    pub fn find(&self, key: &str, cursor: &mut Cursor) -> Option<usize> {
        if self
            .fields
            .get(cursor.declared)
            .is_some_and(|f| f.name == key)
        {
            cursor.declared += 1;
            return Some(cursor.declared - 1);
        }
        let Some(sorted) = self.sorted else {
            let found = self.fields.iter().position(|f| f.name == key)?;
            cursor.declared = found + 1;
            return Some(found);
        };
        let at = match sorted.get(cursor.sorted) {
            Some((name, _)) if *name == key => cursor.sorted,
            _ => sorted.binary_search_by(|(name, _)| (*name).cmp(key)).ok()?,
        };
        let found = usize::from(sorted[at].1);
        *cursor = Cursor {
            declared: found + 1,
            sorted: at + 1,
        };
        Some(found)
    }
}

mod index {
    //! Sorted name indexes of the declared field lists, keyed by address.

    use std::collections::HashMap;
    use std::sync::OnceLock;

    use super::{Field, Ty};
    use crate::provider::nuvidio::fields as nuvidio;
    use crate::provider::piperun::fields as piperun;

    type Sorted = Vec<(&'static str, u16)>;

    pub fn sorted(fields: &'static [Field]) -> Option<&'static [(&'static str, u16)]> {
        static INDEX: OnceLock<HashMap<usize, Sorted>> = OnceLock::new();
        let index = INDEX.get_or_init(build).get(&(fields.as_ptr() as usize))?;
        Some(index.as_slice())
    }

    fn build() -> HashMap<usize, Sorted> {
        let mut index = HashMap::new();
        let roots = [
            piperun::TALK_SHAPE.fields,
            nuvidio::COMPLETE_SHAPE.fields,
            nuvidio::INCOMPLETE_SHAPE.fields,
            nuvidio::ENVELOPE,
        ];
        for fields in roots {
            add(fields, &mut index);
        }
        index
    }

    fn add(fields: &'static [Field], index: &mut HashMap<usize, Sorted>) {
        let key = fields.as_ptr() as usize;
        if index.contains_key(&key) {
            return;
        }
        let mut sorted: Sorted = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name, i as u16))
            .collect();
        sorted.sort_unstable();
        index.insert(key, sorted);
        for field in fields {
            add_type(&field.ty, index);
        }
    }

    fn add_type(ty: &'static Ty, index: &mut HashMap<usize, Sorted>) {
        match ty {
            Ty::Object(fields) => add(fields, index),
            Ty::List(item) | Ty::Map(item) => add_type(item, index),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::nuvidio::fields as nuvidio;
    use crate::provider::piperun::fields as piperun;

    #[test]
    fn every_declared_list_has_a_sorted_index() {
        for fields in [
            piperun::TALK,
            piperun::TALK_HISTORY,
            piperun::USER,
            nuvidio::TAG,
            nuvidio::CONTENT,
            nuvidio::ISSUE,
        ] {
            assert!(index::sorted(fields).is_some(), "{}", fields[0].name);
        }
    }

    #[test]
    fn lookups_in_declared_alphabetical_and_random_order() {
        let lookup = FieldLookup::new(piperun::TALK_HISTORY);
        let mut names: Vec<&str> = piperun::TALK_HISTORY.iter().map(|f| f.name).collect();
        for order in 0..3 {
            match order {
                1 => names.sort_unstable(),
                2 => names.reverse(),
                _ => {}
            }
            let mut cursor = Cursor::default();
            for name in &names {
                let i = lookup.find(name, &mut cursor).expect("found");
                assert_eq!(piperun::TALK_HISTORY[i].name, *name);
            }
            assert_eq!(lookup.find("nope", &mut cursor), None);
        }
    }
}
