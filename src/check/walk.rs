//! Walks a payload against a description's fields: presence, JSON type,
//! value format, allowed values, unknown and duplicate keys.

use std::borrow::Cow;

use super::{CheckOptions, Code, Finding, lookalike};
use crate::json::{self, Kind, Node, Pointer, Val};

/// One step of the path to the value being checked; the pointer text is
/// only built when a finding needs it.
#[derive(Debug, Clone, Copy)]
enum Step<'d> {
    Key(&'d str),
    Index(usize),
}
use crate::schema::{Cursor, DateStyle, Field, FieldLookup, IdForm, Severity, Shape, Ty};
use crate::text::quote;
use crate::values;

/// Validates `root` against `shape`. With `relaxed`, presence is not
/// enforced below the top level.
pub fn walk(
    root: Val<'_, '_>,
    shape: &Shape,
    relaxed: bool,
    options: &CheckOptions,
    findings: &mut Vec<Finding>,
) {
    let mut walker = Walker {
        options,
        findings,
        path: Vec::new(),
        relaxed,
        depth: 0,
        shape_name: shape.name,
        empty_array_is_object: shape.empty_array_is_object,
    };
    walker.object(root, shape.fields);
}

struct Walker<'o, 'd> {
    options: &'o CheckOptions,
    findings: &'o mut Vec<Finding>,
    path: Vec<Step<'d>>,
    relaxed: bool,
    depth: usize,
    shape_name: &'static str,
    empty_array_is_object: bool,
}

impl<'d> Walker<'_, 'd> {
    fn pointer(&self) -> Pointer {
        let mut pointer = Pointer::root();
        for step in &self.path {
            match step {
                Step::Key(key) => pointer.push_key(key),
                Step::Index(i) => pointer.push_index(*i),
            }
        }
        pointer
    }

    fn report(&mut self, severity: Severity, code: Code, message: String) {
        let pointer = self.pointer().into_string();
        self.findings.push(Finding {
            severity,
            code,
            pointer,
            message,
        });
    }

    fn object(&mut self, object: Val<'d, '_>, fields: &'static [Field]) {
        let (mut small, mut large) = ([0u8; 64], Vec::new());
        let seen: &mut [u8] = if fields.len() <= small.len() {
            &mut small[..fields.len()]
        } else {
            large.resize(fields.len(), 0);
            &mut large
        };
        let (lookup, mut cursor) = (FieldLookup::new(fields), Cursor::default());
        let mut unknown_keys: Vec<&'d str> = Vec::new();
        for (key, value) in object.members() {
            let index = lookup.find(key, &mut cursor);
            self.path.push(Step::Key(key));
            match index {
                Some(i) => {
                    seen[i] = seen[i].saturating_add(1);
                    if seen[i] == 2 {
                        self.duplicate(object, key);
                    }
                    self.field(value, &fields[i]);
                }
                None => {
                    if unknown_keys.len() < lookalike::MAX_CANDIDATES {
                        unknown_keys.push(key);
                    }
                    self.unknown(value);
                }
            }
            self.path.pop();
        }
        let candidates = lookalike::Candidates::new(&unknown_keys);
        for (field, seen) in fields.iter().zip(seen.iter()) {
            if *seen == 0 {
                let required = field.presence.enforced(self.relaxed, self.depth);
                self.absent(field, required, &candidates);
            }
        }
    }

    /// A described field the object lacks: a `missing-field` error when it
    /// is required, naming an unknown key beside it that looks like it; a
    /// `lookalike-key` warning when it is optional and such a key is there.
    fn absent(&mut self, field: &Field, required: bool, candidates: &lookalike::Candidates<'_>) {
        let lookalike = candidates.find(field.name);
        let (severity, code, mut message) = match (required, lookalike) {
            (true, _) => (
                Severity::Error,
                Code::MissingField,
                format!(
                    "required field is missing (expected {})",
                    field.ty.describe()
                ),
            ),
            (false, Some(_)) => (
                Severity::Warning,
                Code::LookalikeKey,
                "field is absent".to_string(),
            ),
            (false, None) => return,
        };
        if let Some(key) = lookalike {
            message.push_str(&format!(
                ", but the unknown key {} looks like it",
                quote(key)
            ));
        }
        self.findings.push(Finding {
            severity,
            code,
            pointer: self.pointer().with_key(field.name),
            message,
        });
    }

    /// A described key seen twice: counted once, when first repeated (a
    /// described object has a bounded number of fields, so this stays
    /// linear).
    fn duplicate(&mut self, object: Val<'d, '_>, key: &str) {
        let count = object.members().filter(|(k, _)| *k == key).count();
        self.report_duplicate(key, count);
    }

    fn report_duplicate(&mut self, key: &str, count: usize) {
        self.report(
            Severity::Warning,
            Code::DuplicateKey,
            format!(
                "key {} appears {count} times; the last value wins",
                quote(key)
            ),
        );
    }

    fn unknown(&mut self, value: Val<'d, '_>) {
        if self.options.strict {
            let message = format!("field not in the {} description", self.shape_name);
            self.report(Severity::Warning, Code::UnknownField, message);
            self.any(value);
        }
    }

    fn field(&mut self, value: Val<'d, '_>, field: &Field) {
        if value.is_null() {
            if field.presence.enforced(self.relaxed, self.depth) {
                let message = format!("must not be null (expected {})", field.ty.describe());
                self.report(Severity::Error, Code::NullField, message);
            }
            return;
        }
        self.value(value, &field.ty);
    }

    fn value(&mut self, value: Val<'d, '_>, ty: &Ty) {
        let Some(node) = value.node() else { return };
        match (ty, &node) {
            (Ty::Any, _) => self.any(value),
            (_, Node::Null) => {}
            (Ty::Object(fields), Node::Object { .. }) => self.nested(|w| w.object(value, fields)),
            (Ty::List(item), Node::Array { .. }) => self.nested(|w| w.list(value, item)),
            (Ty::Map(item), Node::Object { .. }) => self.nested(|w| w.map(value, item)),
            (Ty::Int, Node::Number(n)) => self.int(n),
            (Ty::Int, Node::String(s)) if is_digits(s) => self.report(
                Severity::Warning,
                Code::NumericString,
                format!("expected an integer, found the numeric string {}", quote(s)),
            ),
            (Ty::Object(_) | Ty::Map(_), Node::Array { .. })
                if self.empty_array_is_object && value.items().next().is_none() =>
            {
                self.report(
                    Severity::Warning,
                    Code::EmptyArrayObject,
                    "expected an object, found an empty array (PHP's encoding of an empty map)"
                        .to_string(),
                );
            }
            (Ty::IdEither { preferred }, _) => self.id_either(value, *preferred),
            (Ty::Bool, Node::Bool(_)) => {}
            (Ty::String, Node::String(_)) => {}
            (_, Node::String(s)) => self.string(s, ty),
            _ => self.wrong_type(value, ty),
        }
    }

    /// An id typed both ways by the vendor's example: the documented form
    /// passes, the other is an `id-form` warning, anything else an error.
    fn id_either(&mut self, value: Val<'d, '_>, preferred: IdForm) {
        let found = match value.kind() {
            Some(Kind::String) => IdForm::String,
            Some(Kind::Number) => IdForm::Int,
            _ => return self.wrong_type(value, &Ty::IdEither { preferred }),
        };
        if found != preferred {
            let expected = match preferred {
                IdForm::String => "a string",
                IdForm::Int => "an integer",
            };
            let message = format!(
                "expected {expected}, found {} (accepted: the vendor's example has both forms)",
                describe_found(value)
            );
            self.report(Severity::Warning, Code::IdForm, message);
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    fn list(&mut self, list: Val<'d, '_>, item: &Ty) {
        for (i, value) in list.items().enumerate() {
            self.path.push(Step::Index(i));
            self.value(value, item);
            self.path.pop();
        }
    }

    fn map(&mut self, map: Val<'d, '_>, item: &Ty) {
        self.check_duplicates(map);
        for (key, value) in map.members() {
            self.path.push(Step::Key(key));
            self.value(value, item);
            self.path.pop();
        }
    }

    /// Free-form values: only duplicate keys are looked for, and only with
    /// `--strict` (the walk costs time on large undocumented subtrees).
    fn any(&mut self, value: Val<'d, '_>) {
        if !self.options.strict {
            return;
        }
        match value.kind() {
            Some(Kind::Object) => {
                self.check_duplicates(value);
                for (key, member) in value.members() {
                    self.path.push(Step::Key(key));
                    self.any(member);
                    self.path.pop();
                }
            }
            Some(Kind::Array) => {
                for (i, item) in value.items().enumerate() {
                    self.path.push(Step::Index(i));
                    self.any(item);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    fn check_duplicates(&mut self, object: Val<'d, '_>) {
        for (key, count) in json::duplicate_keys(object) {
            self.path.push(Step::Key(key));
            self.report_duplicate(key, count);
            self.path.pop();
        }
    }

    fn int(&mut self, n: &json::Number<'_>) {
        if n.as_i64().is_some() {
            return;
        }
        let finite = n.as_f64().is_some_and(f64::is_finite);
        if n.is_integer() || !finite {
            self.out_of_range("an integer that fits 64 bits", n);
        } else {
            let message = format!(
                "expected an integer, found the number {}",
                crate::text::number(n)
            );
            self.report(Severity::Error, Code::WrongType, message);
        }
    }

    fn out_of_range(&mut self, expected: &str, n: &json::Number<'_>) {
        let message = format!("expected {expected}, found {}", crate::text::number(n));
        self.report(Severity::Error, Code::OutOfRange, message);
    }

    fn string(&mut self, s: &str, ty: &Ty) {
        let verdict = match ty {
            Ty::NonEmptyString if s.is_empty() => Some((
                Severity::Error,
                Code::WrongType,
                Cow::Borrowed("found an empty string"),
            )),
            Ty::NonEmptyString => None,
            Ty::Datetime(style) => (!is_datetime(s, *style, self.options))
                .then(|| (Severity::Error, Code::BadDatetime, found(s))),
            Ty::Enum { values, severity } => {
                (!crate::schema::is_choice(values, s)).then(|| (*severity, Code::BadEnum, found(s)))
            }
            Ty::Url => (!s.is_empty() && !values::is_web_url(s))
                .then(|| (Severity::Warning, Code::BadUrl, found(s))),
            Ty::Email => (!s.is_empty() && !values::is_email(s))
                .then(|| (Severity::Warning, Code::BadEmail, found(s))),
            Ty::ObjectId => {
                (!values::is_object_id(s)).then(|| (Severity::Error, Code::BadId, found(s)))
            }
            Ty::Uuid => (!values::is_uuid(s)).then(|| (Severity::Error, Code::BadUuid, found(s))),
            Ty::Color => (!s.is_empty() && !values::is_color(s))
                .then(|| (Severity::Warning, Code::BadColor, found(s))),
            _ => Some((
                Severity::Error,
                Code::WrongType,
                Cow::Owned(format!("found the string {}", quote(s))),
            )),
        };
        if let Some((severity, code, what)) = verdict {
            self.report(
                severity,
                code,
                format!("expected {}, {what}", ty.describe()),
            );
        }
    }

    fn wrong_type(&mut self, value: Val<'d, '_>, ty: &Ty) {
        let message = format!(
            "expected {}, found {}",
            ty.describe(),
            describe_found(value)
        );
        self.report(Severity::Error, Code::WrongType, message);
    }
}

fn found(s: &str) -> Cow<'static, str> {
    Cow::Owned(format!("found {}", quote(s)))
}

fn is_digits(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.len() <= 19 && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_datetime(s: &str, style: DateStyle, options: &CheckOptions) -> bool {
    match style {
        DateStyle::Rfc3339 => values::parse_rfc3339(s).is_some(),
        DateStyle::Rfc3339OrLocal => values::parse_datetime(s, options.timezone).is_some(),
    }
}

/// "the string \"x\"", "the number 1.5", "an object", ...
pub fn describe_found(value: Val<'_, '_>) -> String {
    match value.node().as_ref() {
        None => "nothing".into(),
        Some(Node::String(s)) => format!("the string {}", quote(s)),
        Some(Node::Number(n)) => format!("the number {}", crate::text::number(n)),
        Some(Node::Bool(b)) => format!("{b}"),
        Some(Node::Null) => "null".into(),
        Some(_) => value.kind().map_or("nothing", Kind::article_name).into(),
    }
}
