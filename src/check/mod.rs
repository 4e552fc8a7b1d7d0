//! Validation: findings, their codes, and the engine that walks a payload
//! against its provider's description ([`crate::schema`]).

pub mod baseline;
pub mod locate;
mod lookalike;
pub mod policy;
mod rules;
mod walk;

use chrono::FixedOffset;
use serde::Serialize;

use crate::detect::{self, Detection};
use crate::input::{ErrorKind, Payload, PayloadError};
use crate::json::{Doc, Extent, Val};
use crate::provider::{Provider, Registry};
use crate::schema::{Severity, Shape};

/// Every finding code, with its severity, what it means and an example.
/// README's table is written from this list (and a test keeps them equal).
pub const CODES: &[CodeDoc] = &[
    CodeDoc::new(
        Code::JsonSyntax,
        Severity::Error,
        "the payload is not valid JSON (or not UTF-8); line and column given",
        "an object opened at line 1 column 1 is not closed; the payload ends at line 3 column 1",
    ),
    CodeDoc::new(
        Code::PayloadTooLarge,
        Severity::Error,
        "a payload longer than --max-payload (default 256 MiB); skipped unread",
        "payload larger than --max-payload 256 MiB; skipped at line 1 column 1",
    ),
    CodeDoc::new(
        Code::UnknownProvider,
        Severity::Error,
        "neither a NuVidio nor a PipeRun payload",
        "not a NuVidio or PipeRun payload: top-level keys are a, b",
    ),
    CodeDoc::new(
        Code::UnreadableInput,
        Severity::Error,
        "an input that cannot be opened or read (exit status 2); check's json, junit and github formats report it too",
        "missing.json: cannot open: No such file or directory (os error 2)",
    ),
    CodeDoc::new(
        Code::MissingField,
        Severity::Error,
        "a required field is absent",
        "/tracking_number: required field is missing (expected a string)",
    ),
    CodeDoc::new(
        Code::NullField,
        Severity::Error,
        "a field that may not be null is null",
        "/customer_id: must not be null (expected an integer)",
    ),
    CodeDoc::new(
        Code::WrongType,
        Severity::Error,
        "a value of the wrong JSON type",
        "/was_success: expected a boolean, found the string \"true\"",
    ),
    CodeDoc::new(
        Code::NumericString,
        Severity::Warning,
        "an integer sent as a string of digits",
        "/initial_sender_channel: expected an integer, found the numeric string \"1\"",
    ),
    CodeDoc::new(
        Code::OutOfRange,
        Severity::Error,
        "a number too large for its documented type",
        "/id: expected an integer that fits 64 bits, found 99999999999999999999",
    ),
    CodeDoc::new(
        Code::BadDatetime,
        Severity::Error,
        "a datetime in no accepted format",
        "/talk_histories/2/sent_at: expected a datetime (YYYY-MM-DD HH:MM:SS or RFC 3339), found \"2025-09-08 11: 01: 18\"",
    ),
    CodeDoc::new(
        Code::BadEnum,
        Severity::Error,
        "a value outside the documented set (a warning for message types)",
        "/initiation_type: expected one of c, m, n, r, found \"x\"",
    ),
    CodeDoc::new(
        Code::Mismatch,
        Severity::Error,
        "two fields that must agree do not (a warning for invite links)",
        "/customer/id: 7 does not match /customer_id (144527)",
    ),
    CodeDoc::new(
        Code::Order,
        Severity::Warning,
        "an end before its start",
        "/finished_at: 2025-09-08 10:00:00 is before /created_at (2025-09-08T14:01:17.000000Z)",
    ),
    CodeDoc::new(
        Code::DurationMismatch,
        Severity::Warning,
        "duration disagrees with the call's dates by more than a second",
        "/content/duration: 99 s, but initialDate to expirationDate is 27 s",
    ),
    CodeDoc::new(
        Code::BadUrl,
        Severity::Warning,
        "a URL that does not parse",
        "/customer/profile_info/profile_pic: expected a URL, found \"https: //scontent…\"",
    ),
    CodeDoc::new(
        Code::BadEmail,
        Severity::Warning,
        "a malformed e-mail address",
        "/customer/emails/0/email: expected an e-mail address, found \"[email protected]\"",
    ),
    CodeDoc::new(
        Code::UnknownHookType,
        Severity::Warning,
        "a NuVidio hookType not in the known list; checked generically",
        "/hookType: unknown hook type \"tags_changed\"",
    ),
    CodeDoc::new(
        Code::BadId,
        Severity::Error,
        "a NuVidio id that is not a 24-hex-digit object id",
        "/content/id: expected a 24-hex-digit object id, found \"123\"",
    ),
    CodeDoc::new(
        Code::BadUuid,
        Severity::Error,
        "an invite token that is not a UUID",
        "/content/invite/token: expected a UUID, found \"abc\"",
    ),
    CodeDoc::new(
        Code::DanglingRef,
        Severity::Error,
        "a reference to something the payload does not hold",
        "/content/issues/0/tags/1/parentTag: no primary tag with id 67ed7ffadb47e1a27b0d3501 in this list",
    ),
    CodeDoc::new(
        Code::SubtagCount,
        Severity::Warning,
        "a primary tag with fewer or more sub-tags than its settings allow",
        "/content/tags/0: 2 sub-tags present, settings allow 1 to 1",
    ),
    CodeDoc::new(
        Code::BadColor,
        Severity::Warning,
        "a color that is not #rrggbb",
        "/content/tags/0/color: expected a #rrggbb color, found \"green\"",
    ),
    CodeDoc::new(
        Code::BadDataUri,
        Severity::Error,
        "a data: URI whose base64 does not decode",
        "/content/issues/0/data/1/value: data:image/png URI does not decode as base64",
    ),
    CodeDoc::new(
        Code::DataUriPadding,
        Severity::Warning,
        "a base64 data: URI that decodes only without its = padding",
        "/content/issues/0/data/1/value: base64 is missing its = padding (decodes to 89 bytes)",
    ),
    CodeDoc::new(
        Code::DuplicateKey,
        Severity::Warning,
        "an object key that appears more than once; the last value wins",
        "/customer: key \"id\" appears 2 times; the last value wins",
    ),
    CodeDoc::new(
        Code::UnknownField,
        Severity::Warning,
        "with --strict: a field no description knows",
        "/foo: field not in the PipeRun talk description",
    ),
    CodeDoc::new(
        Code::LookalikeKey,
        Severity::Warning,
        "an optional field is absent and an unknown key beside it looks like it (a misspelling or a rename)",
        "/talk_histories: field is absent, but the unknown key \"talk_history\" looks like it",
    ),
    CodeDoc::new(
        Code::DoubleEncoded,
        Severity::Warning,
        "the payload is a JSON string holding a JSON payload; decoded and checked",
        "the payload is a JSON string holding JSON (double-encoded); checked decoded, pointers are into the decoded payload",
    ),
    CodeDoc::new(
        Code::EmptyArrayObject,
        Severity::Warning,
        "an empty array where a PipeRun object is expected (PHP encodes an empty map as [])",
        "/customer/custom_fields: expected an object, found an empty array (PHP's encoding of an empty map)",
    ),
    CodeDoc::new(
        Code::IdForm,
        Severity::Warning,
        "an id the vendor's example gives both as a string and as an integer, in its undocumented form",
        "/customer/external_id: expected a string, found the number 95238935 (accepted: the vendor's example has both forms)",
    ),
    CodeDoc::new(
        Code::OlderTagShape,
        Severity::Warning,
        "a NuVidio tag list in the older shape (id, label, description, color; no _id or type)",
        "/content/tags: 2 of 2 tags have the older tag shape (id, label, description, color; no _id or type)",
    ),
    CodeDoc::new(
        Code::BadTicket,
        Severity::Warning,
        "a NuVidio ticket that is not a 14-digit string",
        "/content/ticket: expected a 14-digit ticket number, found \"12\"",
    ),
];

/// A finding code: stable, kebab-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    JsonSyntax,
    PayloadTooLarge,
    UnknownProvider,
    UnreadableInput,
    MissingField,
    NullField,
    WrongType,
    NumericString,
    OutOfRange,
    BadDatetime,
    BadEnum,
    Mismatch,
    Order,
    DurationMismatch,
    BadUrl,
    BadEmail,
    UnknownHookType,
    BadId,
    BadUuid,
    DanglingRef,
    SubtagCount,
    BadColor,
    BadDataUri,
    DataUriPadding,
    DuplicateKey,
    UnknownField,
    LookalikeKey,
    DoubleEncoded,
    EmptyArrayObject,
    IdForm,
    OlderTagShape,
    BadTicket,
}

impl Code {
    /// The code of a payload that could not be parsed.
    pub fn of_payload_error(err: &PayloadError) -> Code {
        match err.kind {
            ErrorKind::Syntax => Code::JsonSyntax,
            ErrorKind::TooLarge => Code::PayloadTooLarge,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::JsonSyntax => "json-syntax",
            Code::PayloadTooLarge => "payload-too-large",
            Code::UnknownProvider => "unknown-provider",
            Code::UnreadableInput => "unreadable-input",
            Code::MissingField => "missing-field",
            Code::NullField => "null-field",
            Code::WrongType => "wrong-type",
            Code::NumericString => "numeric-string",
            Code::OutOfRange => "out-of-range",
            Code::BadDatetime => "bad-datetime",
            Code::BadEnum => "bad-enum",
            Code::Mismatch => "mismatch",
            Code::Order => "order",
            Code::DurationMismatch => "duration-mismatch",
            Code::BadUrl => "bad-url",
            Code::BadEmail => "bad-email",
            Code::UnknownHookType => "unknown-hook-type",
            Code::BadId => "bad-id",
            Code::BadUuid => "bad-uuid",
            Code::DanglingRef => "dangling-ref",
            Code::SubtagCount => "subtag-count",
            Code::BadColor => "bad-color",
            Code::BadDataUri => "bad-data-uri",
            Code::DataUriPadding => "data-uri-padding",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownField => "unknown-field",
            Code::LookalikeKey => "lookalike-key",
            Code::DoubleEncoded => "double-encoded",
            Code::EmptyArrayObject => "empty-array-object",
            Code::IdForm => "id-form",
            Code::OlderTagShape => "older-tag-shape",
            Code::BadTicket => "bad-ticket",
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Documentation of a code, for README and `--help`.
#[derive(Debug, Clone, Copy)]
pub struct CodeDoc {
    pub code: Code,
    pub severity: Severity,
    pub meaning: &'static str,
    pub example: &'static str,
}

impl CodeDoc {
    const fn new(
        code: Code,
        severity: Severity,
        meaning: &'static str,
        example: &'static str,
    ) -> Self {
        CodeDoc {
            code,
            severity,
            meaning,
            example,
        }
    }
}

/// One problem found in a payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    /// RFC 6901 pointer into the payload; empty for the whole payload.
    #[serde(rename = "path")]
    pub pointer: String,
    pub message: String,
}

/// Options that change what is checked.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// The providers payloads are recognised among.
    pub registry: Registry,
    /// Skip detection.
    pub provider: Option<&'static Provider>,
    /// Also report fields no description knows.
    pub strict: bool,
    /// The account's offset, for PipeRun's local `YYYY-MM-DD HH:MM:SS`.
    pub timezone: FixedOffset,
}

/// The outcome for one payload.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub detection: Option<Detection>,
    pub findings: Vec<Finding>,
    /// What identifies the payload across captures, as its provider says
    /// (a talk's id and tracking number; a hook's type and content id).
    pub identity: Option<String>,
    /// Where a syntax error is, as line and column (1-based, the column in
    /// bytes) in the input: text output shows the source line there.
    pub fault: Option<(u64, u64)>,
    /// Line and column in the input of each finding's pointer (see
    /// [`locate`]); empty for payloads not parsed from an input.
    /// Line and column in the input of each finding, in the same order
    /// (see [`locate`]); empty when the findings were not located.
    pub places: Vec<(u64, u64)>,
}

impl Report {
    /// Where finding `i` is, when known.
    pub fn place(&self, i: usize) -> Option<(u64, u64)> {
        self.places.get(i).copied()
    }

    /// Puts the located findings in document order (stable: findings at
    /// one place keep their order).
    fn in_document_order(&mut self) {
        let mut pairs: Vec<(Finding, (u64, u64))> = std::mem::take(&mut self.findings)
            .into_iter()
            .zip(std::mem::take(&mut self.places))
            .collect();
        pairs.sort_by_key(|(_, place)| *place);
        (self.findings, self.places) = pairs.into_iter().unzip();
    }
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether the payload passes: no error, and with `strict` no warning.
    pub fn passes(&self, strict: bool) -> bool {
        self.errors() == 0 && (!strict || self.warnings() == 0)
    }
}

/// Parses, detects and validates one payload.
pub fn check_payload(payload: &Payload<'_>, options: &CheckOptions) -> Report {
    check_payload_settled(payload, options, |_| {})
}

/// Like [`check_payload`], with `settle` run on the report before its
/// findings are located in the text and put in document order (a policy
/// or a baseline drops or changes some).
pub fn check_payload_settled(
    payload: &Payload<'_>,
    options: &CheckOptions,
    settle: impl FnOnce(&mut Report),
) -> Report {
    // Without --strict nothing reads free-form values: skip building them.
    let extent = if options.strict {
        Extent::Full
    } else {
        Extent::Lean(options.lean_roots())
    };
    match payload.parse(extent) {
        Ok(doc) => {
            let mut report = check_doc(&doc, options);
            settle(&mut report);
            report.places = locate::places(doc.root(), payload, &report.findings);
            report.in_document_order();
            report
        }
        Err(err) => {
            let mut report = unparsed(err);
            settle(&mut report);
            let place = report
                .fault
                .unwrap_or((payload.source.line, payload.source.column));
            report.places = vec![place; report.findings.len()];
            report
        }
    }
}

/// The report of a payload that does not parse.
fn unparsed(err: crate::input::PayloadError) -> Report {
    Report {
        detection: None,
        fault: (err.kind == ErrorKind::Syntax).then_some((err.line, err.column)),
        places: Vec::new(),
        findings: vec![Finding {
            severity: Severity::Error,
            code: Code::of_payload_error(&err),
            pointer: String::new(),
            message: err.to_string(),
        }],
        identity: None,
    }
}

/// Detects and validates a parsed payload. A payload that is a JSON string
/// holding a JSON object or array (double-encoded, as logs and queues
/// often carry it) is decoded and checked, with a `double-encoded`
/// warning; its pointers are into the decoded payload.
pub fn check_doc(doc: &Doc<'_>, options: &CheckOptions) -> Report {
    if let Some(inner) = double_encoded(doc.root())
        && let Ok(decoded) = crate::json::parse(inner, Extent::Full)
        && matches!(
            decoded.root().kind(),
            Some(crate::json::Kind::Object | crate::json::Kind::Array)
        )
    {
        let mut report = check_decoded(&decoded, options);
        report.findings.insert(
            0,
            Finding {
                severity: Severity::Warning,
                code: Code::DoubleEncoded,
                pointer: String::new(),
                message: "the payload is a JSON string holding JSON (double-encoded); checked decoded, pointers are into the decoded payload".to_string(),
            },
        );
        return report;
    }
    check_decoded(doc, options)
}

/// The text of a string payload that looks like JSON inside.
fn double_encoded<'d>(root: Val<'d, '_>) -> Option<&'d str> {
    let text = root.as_str()?;
    let trimmed = text.trim_start();
    (trimmed.starts_with('{') || trimmed.starts_with('[')).then_some(text)
}

fn check_decoded(doc: &Doc<'_>, options: &CheckOptions) -> Report {
    let root = doc.root();
    match detect::detect(root, &options.registry, options.provider) {
        Ok(detection) => {
            let findings = validate(root, &detection, options);
            let identity = (detection.provider.identity)(root);
            Report {
                detection: Some(detection),
                findings,
                identity,
                fault: None,
                places: Default::default(),
            }
        }
        Err(message) => Report {
            detection: None,
            findings: vec![Finding {
                severity: Severity::Error,
                code: Code::UnknownProvider,
                pointer: String::new(),
                message,
            }],
            identity: None,
            fault: None,
            places: Default::default(),
        },
    }
}

impl CheckOptions {
    /// What a lean parse is guided by: the forced provider's root, else
    /// every provider's.
    pub fn lean_roots(&self) -> &'static [&'static [crate::schema::Field]] {
        match self.provider {
            Some(provider) => std::slice::from_ref(provider.root),
            None => self.registry.lean_roots(),
        }
    }
}

/// The description a detected payload is checked against, and whether
/// presence below the root is relaxed (NuVidio hooks other than the closed
/// issue).
pub fn shape_for(detection: &Detection) -> (&'static Shape, bool) {
    (detection.provider.shape)(&detection.kind)
}

fn validate(root: Val<'_, '_>, detection: &Detection, options: &CheckOptions) -> Vec<Finding> {
    let (shape, relaxed) = shape_for(detection);
    let mut findings = Vec::new();
    (detection.provider.precheck)(root, &detection.kind, &mut findings);
    walk::walk(root, shape, relaxed, options, &mut findings);
    rules::apply(
        root,
        shape.rules,
        detection.provider.rule,
        options,
        &mut findings,
    );
    findings
}

#[cfg(test)]
mod tests;
