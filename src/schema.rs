//! The language of the provider descriptions: fields with their JSON path,
//! type, presence, allowed values and documentation, plus cross-field rules.
//!
//! Each provider declares one description in this language (in its
//! `fields.rs` under `src/provider/`); validation, summaries, rows and
//! field help all read it, so a rule lives in one place. This module knows
//! no provider: the registry hands it the root lists to index
//! ([`prepare_index`]).

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
    /// Null or absent is fine (PipeRun's `Nullable: SIM`).
    Optional,
    /// Required even where a description's presence is relaxed below the
    /// root (an id every hook carries).
    Always,
}

impl Presence {
    /// Whether the field must be present and not null, `depth` levels
    /// below the root of a description whose presence is `relaxed` there.
    pub fn enforced(self, relaxed: bool, depth: usize) -> bool {
        match self {
            Presence::Always => true,
            Presence::Required => !(relaxed && depth > 0),
            Presence::Optional => false,
        }
    }
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
    Bool,
    String,
    /// A non-empty string.
    NonEmptyString,
    Datetime(DateStyle),
    /// A string out of a fixed set; a value outside it is a `bad-enum`
    /// finding of `severity`.
    Enum {
        values: &'static [Choice],
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
    /// An id the vendor's own example gives both as a string and as an
    /// integer: either passes the type check, the form other than
    /// `preferred` with an `id-form` warning.
    IdEither {
        preferred: IdForm,
    },
    /// Anything.
    Any,
}

/// One allowed value of a [`Ty::Enum`] and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    /// What it means, in English: `comment`.
    pub meaning: &'static str,
    /// The vendor's own words for it (Portuguese), empty when there are none.
    pub doc_pt: &'static str,
}

/// An allowed value and its meaning, without vendor text.
pub const fn choice(value: &'static str, meaning: &'static str) -> Choice {
    Choice {
        value,
        meaning,
        doc_pt: "",
    }
}

impl Choice {
    /// The same value with the vendor's words for it.
    pub const fn pt(self, doc_pt: &'static str) -> Choice {
        Choice { doc_pt, ..self }
    }
}

/// Whether `value` is one of `choices`.
pub fn is_choice(choices: &[Choice], value: &str) -> bool {
    choices.iter().any(|c| c.value == value)
}

/// The documented form of a [`Ty::IdEither`] id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdForm {
    String,
    Int,
}

impl Ty {
    /// A short name for messages and help.
    pub fn describe(&self) -> String {
        match self {
            Ty::Int => "an integer".into(),
            Ty::Bool => "a boolean".into(),
            Ty::String => "a string".into(),
            Ty::NonEmptyString => "a non-empty string".into(),
            Ty::Datetime(DateStyle::Rfc3339) => "an RFC 3339 datetime".into(),
            Ty::Datetime(DateStyle::Rfc3339OrLocal) => {
                "a datetime (YYYY-MM-DD HH:MM:SS or RFC 3339)".into()
            }
            Ty::Enum { values, .. } => {
                let values: Vec<&str> = values.iter().map(|c| c.value).collect();
                format!("one of {}", values.join(", "))
            }
            Ty::Url => "a URL".into(),
            Ty::Email => "an e-mail address".into(),
            Ty::ObjectId => "a 24-hex-digit object id".into(),
            Ty::Uuid => "a UUID".into(),
            Ty::Color => "a #rrggbb color".into(),
            Ty::Object(_) => "an object".into(),
            Ty::List(item) => format!("an array of {}", item.describe_plural()),
            Ty::Map(_) => "an object".into(),
            Ty::IdEither {
                preferred: IdForm::String,
            } => "a string (or an integer)".into(),
            Ty::IdEither {
                preferred: IdForm::Int,
            } => "an integer (or a string)".into(),
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
    /// Personal data (LGPD) that `redact` replaces; `None` for the rest.
    pub personal: Option<Pii>,
}

/// What kind of personal data a field holds, for `hookscope redact`: it
/// picks the format-preserving replacement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pii {
    /// A person's name, login or handle.
    Name,
    Email,
    /// A telephone number (or a sender address that may be an e-mail).
    Phone,
    /// A CPF or CNPJ.
    Document,
    Ip,
    UserAgent,
    /// A secret or a value that leads to the person (invite tokens, channel
    /// message ids).
    Token,
    /// A link to a recording, a document, a picture or the customer's page.
    Url,
    /// An uploaded file, usually a `data:` URI.
    File,
    /// Free text: messages, notes, descriptions written by people.
    Text,
    /// Where the person is (coordinates, addresses).
    Location,
    /// Personal when the boolean member of the same object named here is
    /// `true` (its kind told by the value).
    WhenFlag(&'static str),
    /// A form's answer: personal when the boolean member `flag` is `true`,
    /// or when the string member `label` names personal data as a key
    /// would (`CPF`, `Telefone`, `Nome completo`); its kind told by the
    /// value.
    Labelled {
        flag: &'static str,
        label: &'static str,
    },
    /// Personal as `pii`, except the documented sentinel `value` (written
    /// by the platform, not a person) when the string member `when` of the
    /// same object is `value` too: both must say so, so a person who is
    /// called that is still replaced when `when` says otherwise.
    Except {
        pii: &'static Pii,
        value: &'static str,
        when: &'static str,
    },
}

impl Field {
    /// The same field, marked as personal data of this kind.
    pub const fn personal(self, pii: Pii) -> Field {
        Field {
            personal: Some(pii),
            ..self
        }
    }
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
    /// A provider's own rule, named `name`, over every value at `path`:
    /// evaluated by the provider's rule hook (NuVidio's tag lists and
    /// `data:` URIs), so that this language names no provider.
    Custom {
        name: &'static str,
        path: Path,
        /// What it checks and the codes it reports, for `explain` and the
        /// schema's description.
        about: &'static str,
    },
}

/// A provider's description of one payload shape.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// What this shape is, e.g. `PipeRun talk`.
    pub name: &'static str,
    pub fields: &'static [Field],
    pub rules: &'static [Rule],
    /// An empty array where an object is expected is a warning
    /// (`empty-array-object`), not a type error: PHP encodes an empty map
    /// as `[]`.
    pub empty_array_is_object: bool,
}

/// A hook type a provider's documentation lists (for providers whose
/// payloads name one).
#[derive(Debug, Clone, Copy)]
pub struct HookType {
    pub name: &'static str,
    /// The Portuguese name the documentation lists it under.
    pub name_pt: &'static str,
    /// What the payload's main id refers to for this hook.
    pub content_id: &'static str,
}

/// Whether two names are equal, in a `const` context (description tables
/// derived at compile time compare field names with it).
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
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
        personal: None,
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
        personal: None,
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
        personal: None,
    }
}

/// Finds fields of one declared list by name, in O(1) for the two orders
/// payloads come in: the description's (the vendor's own) and alphabetical
/// (what re-serializing tools such as `jq -S` or serde_json write); any
/// other order falls back to a binary search over a sorted index of the
/// list, built once ([`prepare_index`]) for every list the registered
/// providers declare; a list outside the index is scanned.
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

    /// Whether the list has a sorted index (else lookups out of order scan).
    pub fn is_indexed(&self) -> bool {
        self.sorted.is_some()
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

/// Builds the sorted lookup index of every field list reachable from
/// `roots` that is not indexed yet (the registry calls it once; a few
/// later calls, such as a test's own provider, add their lists; beyond
/// that, lists fall back to a scan).
pub fn prepare_index(roots: &[&'static [Field]]) {
    index::prepare(roots);
}

mod index {
    //! Sorted name indexes of the declared field lists, keyed by address.
    //! A few write-once slots let a later registry (a test's own provider)
    //! add its lists while lookups stay lock-free.

    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    use super::{Field, Ty};

    type Sorted = Vec<(&'static str, u16)>;
    type Index = HashMap<usize, Sorted>;

    static SLOTS: [OnceLock<Index>; 8] = [const { OnceLock::new() }; 8];
    static WRITER: Mutex<()> = Mutex::new(());

    pub fn prepare(roots: &[&'static [Field]]) {
        let _writer = WRITER.lock().unwrap_or_else(|e| e.into_inner());
        let mut fresh = Index::new();
        for fields in roots {
            add(fields, &mut fresh);
        }
        if fresh.is_empty() {
            return;
        }
        if let Some(slot) = SLOTS.iter().find(|s| s.get().is_none()) {
            let _ = slot.set(fresh);
        }
    }

    pub fn sorted(fields: &'static [Field]) -> Option<&'static [(&'static str, u16)]> {
        let key = fields.as_ptr() as usize;
        for slot in &SLOTS {
            if let Some(sorted) = slot.get()?.get(&key) {
                return Some(sorted.as_slice());
            }
        }
        None
    }

    fn add(fields: &'static [Field], index: &mut Index) {
        let key = fields.as_ptr() as usize;
        if index.contains_key(&key) || sorted(fields).is_some() {
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

    fn add_type(ty: &'static Ty, index: &mut Index) {
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

    static INNER: &[Field] = &[
        inferred("zeta", Ty::Int, "z"),
        inferred("alpha", Ty::String, "a"),
        inferred("mid", Ty::Bool, "m"),
        inferred("beta", Ty::Any, "b"),
    ];
    static OUTER: &[Field] = &[
        inferred("list", Ty::List(&Ty::Object(INNER)), "l"),
        inferred("id", Ty::Int, "i"),
    ];
    /// Never handed to the index: looked up by a scan.
    static LOOSE: &[Field] = &[inferred("b", Ty::Int, "b"), inferred("a", Ty::Int, "a")];

    #[test]
    fn lookups_in_declared_alphabetical_and_random_order() {
        prepare_index(&[OUTER]);
        assert!(index::sorted(INNER).is_some(), "nested lists are indexed");
        assert!(index::sorted(LOOSE).is_none());
        for fields in [INNER, LOOSE] {
            let lookup = FieldLookup::new(fields);
            let mut names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            for order in 0..3 {
                match order {
                    1 => names.sort_unstable(),
                    2 => names.reverse(),
                    _ => {}
                }
                let mut cursor = Cursor::default();
                for name in &names {
                    let i = lookup.find(name, &mut cursor).expect("found");
                    assert_eq!(fields[i].name, *name);
                }
                assert_eq!(lookup.find("nope", &mut cursor), None);
            }
        }
    }
}
