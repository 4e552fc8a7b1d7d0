//! `hookscope explain`: the field documentation and the finding codes, as
//! data. Everything comes from the provider descriptions
//! ([`crate::schema`], walked through the registry) and from the code
//! table ([`crate::check::CODES`]); renderers in `render::explain` format
//! it.

pub mod payload;

use serde::Serialize;

use crate::check::{CODES, CodeDoc};
use crate::provider::{KindDoc, Provider, Registry, kind_of};
use crate::schema::{DateStyle, Field, IdForm, Origin, Rule, Shape, Ty};

/// One described field, flattened out of its description.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDoc {
    /// `/talk_histories/*/sent_at`: `*` is any array index, or any key of
    /// a free-form object.
    pub pointer: String,
    /// The type in a word or two: `integer`, `array of objects`.
    #[serde(rename = "type")]
    pub ty: String,
    /// What the value must be, as `check` says it: `an integer`.
    pub expected: String,
    /// Must be present (and then not null).
    pub required: bool,
    /// May be null (or absent).
    pub nullable: bool,
    /// The allowed values and their meaning, for a closed set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueDoc>,
    /// The format a string must have, beyond its type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// The vendor's own description (Portuguese), empty when there is none.
    pub doc_pt: &'static str,
    /// The English gloss.
    pub doc_en: &'static str,
    /// `documented` (the vendor's table) or `inferred` (from examples).
    pub origin: &'static str,
    /// How deep below the root (0 for top-level fields).
    #[serde(skip)]
    pub depth: usize,
}

/// One allowed value of a field.
#[derive(Debug, Clone, Serialize)]
pub struct ValueDoc {
    pub value: &'static str,
    pub meaning: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub doc_pt: &'static str,
}

/// The fields of one kind of payload.
#[derive(Debug, Clone, Serialize)]
pub struct KindFields {
    pub kind: &'static str,
    /// Which payloads are of this kind.
    pub about: &'static str,
    /// The description's name: `PipeRun talk`.
    pub shape: &'static str,
    /// Presence is not enforced below the root.
    pub relaxed: bool,
    pub fields: Vec<FieldDoc>,
    /// The cross-field rules, in words.
    pub rules: Vec<String>,
}

/// Every described field of a provider, kind by kind.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderDoc {
    pub provider: &'static str,
    pub title: &'static str,
    /// The hook types the documentation lists (none when a pointer picks
    /// fields).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hook_types: Vec<HookDoc>,
    pub kinds: Vec<KindFields>,
}

/// A documented hook type, and the kinds whose fields its payloads have.
#[derive(Debug, Clone, Serialize)]
pub struct HookDoc {
    pub name: &'static str,
    pub name_pt: &'static str,
    /// What the payload's main id refers to.
    pub id_refers_to: &'static str,
    pub kinds: Vec<&'static str>,
}

/// A finding code explained: what it means, its severity, an example, and
/// how a team accepts it.
#[derive(Debug, Clone, Serialize)]
pub struct CodeExplain {
    pub code: &'static str,
    pub severity: &'static str,
    pub meaning: &'static str,
    pub example: &'static str,
    /// `hookscope.toml` lines that accept it everywhere, and only at one
    /// pointer.
    pub accept: Vec<String>,
    /// The same on the command line.
    pub accept_flag: String,
}

/// What `explain NAME` names.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Provider(&'static Provider),
    Code(&'static CodeDoc),
    /// A file (or `-`, stdin) to read payloads from.
    File,
}

/// The order names are resolved in: a provider name, then a finding code,
/// then a file. `exists` says whether a path names a file.
pub fn resolve(
    registry: &Registry,
    name: &str,
    exists: impl Fn(&str) -> bool,
) -> Result<Subject, String> {
    if let Some(provider) = registry.find(name) {
        return Ok(Subject::Provider(provider));
    }
    if let Some(doc) = CODES.iter().find(|d| d.code.as_str() == name) {
        return Ok(Subject::Code(doc));
    }
    if name == "-" || exists(name) {
        return Ok(Subject::File);
    }
    // No provider or code has a `/` or a `.`: such a name is a file that
    // is not there, and the lists of providers and codes would not help.
    if name.contains(['/', '.', std::path::MAIN_SEPARATOR]) {
        return Err(format!(
            "{}: no such file (explain FILE POINTER reads the payloads of a file)",
            crate::text::quote(name)
        ));
    }
    Err(unknown_name(registry, name))
}

fn unknown_name(registry: &Registry, name: &str) -> String {
    let providers: Vec<&str> = registry.providers().iter().map(|p| p.name).collect();
    let codes: Vec<&str> = CODES.iter().map(|d| d.code.as_str()).collect();
    format!(
        "{} is not a provider, a finding code or a file\n  providers: {}\n  codes: {}",
        crate::text::quote(name),
        providers.join(", "),
        codes.join(", ")
    )
}

/// The documentation of every field of every kind of `provider`.
pub fn provider_doc(provider: &'static Provider) -> ProviderDoc {
    ProviderDoc {
        provider: provider.name,
        title: provider.title,
        hook_types: provider
            .hook_types
            .iter()
            .map(|h| HookDoc {
                name: h.name,
                name_pt: h.name_pt,
                id_refers_to: h.content_id,
                kinds: kinds_of_hook(provider, h.name),
            })
            .collect(),
        kinds: provider
            .kinds
            .iter()
            .map(|k| kind_fields(provider, k))
            .collect(),
    }
}

/// The documented kinds of a hook type: those naming it, else the one
/// whose description its payloads are checked against.
fn kinds_of_hook(provider: &Provider, hook: &str) -> Vec<&'static str> {
    let named: Vec<&'static str> = provider
        .kinds
        .iter()
        .filter(|k| k.hook_type == Some(hook))
        .map(|k| k.name)
        .collect();
    if !named.is_empty() {
        return named;
    }
    let (shape, relaxed) = (provider.shape)(&kind_of(hook, Some(hook), None));
    provider
        .kinds
        .iter()
        .filter(|k| {
            let (other, other_relaxed) = (provider.shape)(&k.kind());
            std::ptr::eq(shape, other) && relaxed == other_relaxed
        })
        .map(|k| k.name)
        .take(1)
        .collect()
}

fn kind_fields(provider: &Provider, doc: &KindDoc) -> KindFields {
    let (shape, relaxed) = (provider.shape)(&doc.kind());
    KindFields {
        kind: doc.name,
        about: doc.about,
        shape: shape.name,
        relaxed,
        fields: fields(shape, relaxed),
        rules: shape.rules.iter().map(rule_text).collect(),
    }
}

/// Only the field at `pointer` and its children (array indices in
/// `pointer` may be given as numbers or as `*`); kinds without it are
/// left out. `None` when no kind has it.
pub fn select(doc: ProviderDoc, pointer: &str) -> Option<ProviderDoc> {
    let kinds: Vec<KindFields> = doc
        .kinds
        .into_iter()
        .filter_map(|mut k| {
            k.fields.retain(|f| covers(&f.pointer, pointer, true));
            k.rules.clear();
            (!k.fields.is_empty()).then_some(k)
        })
        .collect();
    (!kinds.is_empty()).then_some(ProviderDoc {
        kinds,
        hook_types: Vec::new(),
        ..doc
    })
}

/// Whether the documented pointer `doc` (where `*` stands for any
/// segment) is `pointer` (or, with `below`, under it); a number in
/// `pointer` matches `*` as an array index does.
pub fn covers(doc: &str, pointer: &str, below: bool) -> bool {
    let (mut doc, mut wanted) = (doc.split('/').skip(1), pointer.split('/').skip(1));
    loop {
        match (doc.next(), wanted.next()) {
            (_, None) if pointer.is_empty() => return below,
            (None, None) => return true,
            (Some(_), None) => return below,
            (None, Some(_)) => return false,
            (Some(d), Some(w)) if d == "*" || d == w => {}
            (Some(_), Some(_)) => return false,
        }
    }
}

/// A payload pointer as the documentation spells it: array indices as `*`.
pub fn generalize(pointer: &str) -> String {
    if pointer.is_empty() {
        return String::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(
            |s| match !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                true => "*",
                false => s,
            },
        )
        .fold(String::new(), |acc, s| acc + "/" + s)
}

/// Every field of `shape`, depth first in declared order.
pub fn fields(shape: &Shape, relaxed: bool) -> Vec<FieldDoc> {
    let mut out = Vec::new();
    object("", shape.fields, 0, relaxed, &mut out);
    out
}

fn object(parent: &str, fields: &[Field], depth: usize, relaxed: bool, out: &mut Vec<FieldDoc>) {
    for field in fields {
        let pointer = format!("{parent}/{}", escape(field.name));
        let required = field.presence.enforced(relaxed, depth);
        out.push(FieldDoc {
            pointer: pointer.clone(),
            ty: short(&field.ty),
            expected: field.ty.describe(),
            required,
            nullable: !required,
            values: values(&field.ty),
            format: format(&field.ty),
            doc_pt: field.doc_pt,
            doc_en: field.doc_en,
            origin: match field.origin {
                Origin::Documented => "documented",
                Origin::Inferred => "inferred",
            },
            depth,
        });
        children(&pointer, &field.ty, depth + 1, relaxed, out);
    }
}

fn children(pointer: &str, ty: &Ty, depth: usize, relaxed: bool, out: &mut Vec<FieldDoc>) {
    match ty {
        Ty::Object(fields) => object(pointer, fields, depth, relaxed, out),
        Ty::List(item) | Ty::Map(item) => {
            children(&format!("{pointer}/*"), item, depth, relaxed, out)
        }
        _ => {}
    }
}

/// A type in a word or two.
fn short(ty: &Ty) -> String {
    match ty {
        Ty::Int => "integer".into(),
        Ty::Bool => "boolean".into(),
        Ty::String | Ty::NonEmptyString => "string".into(),
        Ty::Datetime(_) => "datetime".into(),
        Ty::Enum { .. } => "enum".into(),
        Ty::Url => "url".into(),
        Ty::Email => "email".into(),
        Ty::ObjectId => "object id".into(),
        Ty::Uuid => "uuid".into(),
        Ty::Color => "color".into(),
        Ty::Object(_) => "object".into(),
        Ty::List(item) => match item {
            Ty::Object(_) => "array of objects".into(),
            item => format!("array of {}", short(item)),
        },
        Ty::Map(item) => format!("map of {}", short(item)),
        Ty::IdEither {
            preferred: IdForm::String,
        } => "string or integer".into(),
        Ty::IdEither {
            preferred: IdForm::Int,
        } => "integer or string".into(),
        Ty::Any => "any".into(),
    }
}

/// A field name as a pointer segment (RFC 6901).
fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// The innermost item type of lists and maps.
fn item(ty: &Ty) -> &Ty {
    match ty {
        Ty::List(item) | Ty::Map(item) => self::item(item),
        other => other,
    }
}

fn values(ty: &Ty) -> Vec<ValueDoc> {
    match item(ty) {
        Ty::Enum { values, .. } => values
            .iter()
            .map(|c| ValueDoc {
                value: c.value,
                meaning: c.meaning,
                doc_pt: c.doc_pt,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// What a string must look like, in words.
pub fn format(ty: &Ty) -> Option<&'static str> {
    Some(match item(ty) {
        Ty::NonEmptyString => "not empty",
        Ty::Datetime(DateStyle::Rfc3339) => "RFC 3339 date-time",
        Ty::Datetime(DateStyle::Rfc3339OrLocal) => {
            "RFC 3339 date-time, or YYYY-MM-DD HH:MM:SS in the account's time zone (--timezone)"
        }
        Ty::Url => "absolute http(s) URL, or empty",
        Ty::Email => "e-mail address, or empty",
        Ty::ObjectId => "24 hexadecimal digits (a MongoDB ObjectId)",
        Ty::Uuid => "UUID (8-4-4-4-12 hexadecimal digits)",
        Ty::Color => "#rrggbb, or empty",
        Ty::IdEither { .. } => "a string or an integer (the other form is an id-form warning)",
        _ => return None,
    })
}

/// A pointer to a described path.
fn path(path: &[&str]) -> String {
    path.iter().map(|s| format!("/{s}")).collect()
}

/// A cross-field rule in words, with the code it reports.
pub fn rule_text(rule: &Rule) -> String {
    match rule {
        Rule::Equal {
            path: p, target, ..
        } => format!("{} equals {} (mismatch)", path(p), path(target)),
        Rule::NotBefore { earlier, later } => {
            format!("{} is not before {} (order)", path(later), path(earlier))
        }
        Rule::Duration {
            duration,
            start,
            end,
        } => format!(
            "{} is {} minus {} in seconds, within one second (duration-mismatch)",
            path(duration),
            path(end),
            path(start)
        ),
        Rule::Contains { path: p, needle } => {
            format!("{} contains {} (mismatch)", path(p), path(needle))
        }
        Rule::MemberOf { path: p, list } => {
            format!("{} is one of {}, by id (dangling-ref)", path(p), path(list))
        }
        Rule::Custom { path: p, about, .. } => format!("{}: {about}", path(p)),
    }
}

/// A finding code explained, with the policy lines that accept it.
pub fn code(doc: &CodeDoc) -> CodeExplain {
    let code = doc.code.as_str();
    let pointer = example_pointer(doc.example);
    let mut accept = vec![format!("allow = [\"{code}\"]")];
    if let Some(pointer) = &pointer {
        accept.push(format!("allow = [\"{code}:{pointer}\"]"));
    }
    CodeExplain {
        code,
        severity: doc.severity.as_str(),
        meaning: doc.meaning,
        example: doc.example,
        accept,
        accept_flag: match &pointer {
            Some(pointer) => format!("--allow {code}:{pointer}"),
            None => format!("--allow {code}"),
        },
    }
}

/// The pointer an example finding starts with (`/initial_sender_channel:
/// expected ...`), with array indices as `*`.
fn example_pointer(example: &str) -> Option<String> {
    let (pointer, _) = example.split_once(": ")?;
    (pointer.starts_with('/') && !pointer.contains(' ')).then(|| generalize(pointer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_provider_then_code_then_file() {
        let registry = Registry::builtin();
        let yes = |_: &str| true;
        assert!(matches!(
            resolve(&registry, "piperun", yes),
            Ok(Subject::Provider(_))
        ));
        assert!(matches!(
            resolve(&registry, "numeric-string", yes),
            Ok(Subject::Code(_))
        ));
        assert!(matches!(
            resolve(&registry, "x.json", yes),
            Ok(Subject::File)
        ));
        let err = resolve(&registry, "nope", |_| false).expect_err("unknown");
        assert!(
            err.contains("piperun") && err.contains("numeric-string"),
            "{err}"
        );
        let err = resolve(&registry, "talk.jsn", |_| false).expect_err("no file");
        assert!(
            err.contains("no such file") && !err.contains("numeric-string"),
            "{err}"
        );
        let err = resolve(&registry, "dir/talk", |_| false).expect_err("no file");
        assert!(err.starts_with("\"dir/talk\": no such file"), "{err}");
    }

    #[test]
    fn documented_pointers_cover_payload_pointers() {
        assert!(covers("/a/*/b", "/a/3/b", false));
        assert!(covers("/a/*/b", "/a/*/b", false));
        assert!(covers("/a/*/b", "/a", true));
        assert!(!covers("/a/*/b", "/a", false));
        assert!(!covers("/a", "/a/1", true));
        assert!(!covers("/ab", "/a", true));
        assert!(covers("/a", "", true));
    }

    #[test]
    fn every_hook_type_has_a_documented_kind() {
        for provider in Registry::builtin().providers() {
            for hook in provider_doc(provider).hook_types {
                assert!(!hook.kinds.is_empty(), "{}", hook.name);
            }
        }
    }

    #[test]
    fn pointers_generalize_indices() {
        assert_eq!(
            generalize("/talk_histories/3/type"),
            "/talk_histories/*/type"
        );
        assert_eq!(
            generalize("/talk_histories/*/type"),
            "/talk_histories/*/type"
        );
        assert_eq!(generalize(""), "");
    }

    #[test]
    fn codes_explain_how_to_accept_them() {
        let doc = CODES
            .iter()
            .find(|d| d.code.as_str() == "bad-datetime")
            .expect("code");
        let explained = code(doc);
        assert_eq!(
            explained.accept,
            [
                "allow = [\"bad-datetime\"]",
                "allow = [\"bad-datetime:/talk_histories/*/sent_at\"]"
            ]
        );
    }
}
