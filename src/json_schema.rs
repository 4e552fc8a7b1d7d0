//! `hookscope schema`: a JSON Schema (draft 2020-12) generated from the
//! description a kind of payload is checked against, so that other
//! languages' validators and editors see the same fields.
//!
//! What the schema accepts: a value it rejects is one `check` reports with
//! a field-level code (missing-field, null-field, wrong-type,
//! numeric-string, out-of-range, bad-enum, bad-datetime and the format
//! codes bad-url, bad-email, bad-id, bad-uuid, bad-color), whatever that
//! code's severity: the schema describes the documented form, so an
//! integer sent as a string of digits (a `numeric-string` warning) fails
//! it. The two tolerances the vendor's own examples show are accepted,
//! as `check` accepts them with a warning: an id in either form
//! (`id-form`) and `[]` for an empty object (`empty-array-object`).
//! Empty strings pass for URLs, e-mails and colors, as in `check`.

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::{Value, json};

use crate::explain::rule_text;
use crate::provider::Provider;
use crate::schema::{DateStyle, Field, Origin, Shape, Ty};

/// The meta-schema every generated schema names.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A local `YYYY-MM-DD HH:MM:SS` (PipeRun's), by its shape: whether the
/// day exists (February 30) is not checked.
const LOCAL_DATETIME: &str = concat!(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ",
    r"([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)$"
);
/// RFC 3339 with a space for `T`, which `check` (as RFC 3339 section 5.6
/// allows) accepts and the `date-time` format does not; by its shape.
const SPACED_DATETIME: &str = concat!(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ",
    r"([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?",
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
);
const OBJECT_ID: &str = "^[0-9a-fA-F]{24}$";
const UUID: &str = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const COLOR: &str = "^(#[0-9a-fA-F]{6})?$";
const WEB_URL: &str = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*$";

/// Whether a note applies to a description.
type Applies = fn(&Shape) -> bool;

/// What a JSON Schema cannot say, listed in the top-level `description`
/// (besides the description's own rules) of the shapes it applies to.
const BEYOND: &[(Applies, &str)] = &[
    (
        |shape| {
            has(shape.fields, &|ty| {
                matches!(ty, Ty::Datetime(DateStyle::Rfc3339OrLocal))
            })
        },
        "local datetimes (YYYY-MM-DD HH:MM:SS, in the account's time zone) are checked for their shape only: a day that does not exist (February 30), or a time skipped by a change of offset, passes",
    ),
    (
        |shape| has(shape.fields, &|ty| matches!(ty, Ty::Datetime(_))),
        "RFC 3339 datetimes written with a space instead of T, which check accepts, are checked for their shape only (a day that does not exist, such as February 30, passes)",
    ),
    (
        |shape| has(shape.fields, &|ty| matches!(ty, Ty::IdEither { .. })),
        "the documented form of ids the vendor's example gives both as a string and as an integer: either is accepted here, check warns about the other one (id-form)",
    ),
    (
        |shape| has(shape.fields, &|ty| matches!(ty, Ty::Int)),
        "integers written with a fraction (1.0): an integer to JSON Schema, a wrong-type error to check",
    ),
    (
        |shape| shape.empty_array_is_object,
        "[] where an object is expected (PHP's encoding of an empty map) is accepted here, check warns about it (empty-array-object)",
    ),
    (
        |_| true,
        "duplicate keys (duplicate-key), and what check --strict adds: fields no description knows (unknown-field)",
    ),
    (
        |_| true,
        "severities: this schema rejects every value check reports with a field-level code, also where check only warns (numeric-string, bad-url, bad-email, bad-color, and bad-enum of some fields)",
    ),
];

/// Whether a type anywhere in `fields` satisfies `test`.
fn has(fields: &[Field], test: &dyn Fn(&Ty) -> bool) -> bool {
    fn within(ty: &Ty, test: &dyn Fn(&Ty) -> bool) -> bool {
        test(ty)
            || match ty {
                Ty::Object(fields) => has(fields, test),
                Ty::List(item) | Ty::Map(item) => within(item, test),
                _ => false,
            }
    }
    fields.iter().any(|f| within(&f.ty, test))
}

/// A schema under construction: objects keep their keys in the order
/// they were added (the description's order for `properties`).
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    Object(Vec<(String, Schema)>),
    Array(Vec<Schema>),
    /// A leaf, or an object whose key order does not matter.
    Value(Value),
}

impl Serialize for Schema {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Schema::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            Schema::Array(items) => items.serialize(s),
            Schema::Value(value) => value.serialize(s),
        }
    }
}

impl Schema {
    /// As an ordered object (a leaf object's keys in its own order).
    fn into_members(self) -> Vec<(String, Schema)> {
        match self {
            Schema::Object(members) => members,
            Schema::Value(Value::Object(map)) => map
                .into_iter()
                .map(|(k, v)| (k, Schema::Value(v)))
                .collect(),
            other => vec![("allOf".into(), Schema::Array(vec![other]))],
        }
    }
}

/// The schema of payloads of `kind` (a name for the title) checked against
/// `shape`, with presence below the root relaxed when `relaxed`.
pub fn schema(provider: &Provider, kind: &str, shape: &Shape, relaxed: bool) -> Schema {
    let generator = Gen {
        relaxed,
        empty_array_is_object: shape.empty_array_is_object,
    };
    let mut members = vec![
        ("$schema".to_string(), leaf(json!(DRAFT))),
        ("$id".into(), leaf(json!(id(provider.name, kind)))),
        (
            "title".into(),
            leaf(json!(format!("{} ({kind})", shape.name))),
        ),
        (
            "description".into(),
            leaf(json!(top_description(shape, relaxed))),
        ),
    ];
    members.extend(generator.object(shape.fields, 0).into_members());
    Schema::Object(members)
}

/// `urn:hookscope:PROVIDER:KIND`, the kind percent-encoded beyond
/// letters, digits, `-`, `_` and `.` (a hook type comes from the command
/// line or a payload).
fn id(provider: &str, kind: &str) -> String {
    let mut id = format!("urn:hookscope:{provider}:");
    for byte in kind.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => id.push(byte as char),
            _ => id.push_str(&format!("%{byte:02X}")),
        }
    }
    id
}

fn leaf(value: Value) -> Schema {
    Schema::Value(value)
}

fn top_description(shape: &Shape, relaxed: bool) -> String {
    let mut text = format!(
        "Generated by hookscope {} from its {} description. Not expressed by this schema (run hookscope check for them):",
        env!("CARGO_PKG_VERSION"),
        shape.name
    );
    let rules = shape.rules.iter().map(rule_text);
    let beyond = BEYOND
        .iter()
        .filter(|(applies, _)| applies(shape))
        .map(|(_, text)| text.to_string());
    for line in rules.chain(beyond) {
        text.push_str("\n- ");
        text.push_str(&line);
    }
    if relaxed {
        text.push_str("\nPresence below the top level is relaxed for this kind: nothing there is required, anything may be null.");
    }
    text
}

struct Gen {
    relaxed: bool,
    empty_array_is_object: bool,
}

impl Gen {
    fn object(&self, fields: &[Field], depth: usize) -> Schema {
        let mut properties = Vec::new();
        let mut required = Vec::new();
        for field in fields {
            let enforced = field.presence.enforced(self.relaxed, depth);
            let mut schema = self.ty(&field.ty, depth + 1);
            if enforced {
                required.push(json!(field.name));
            } else {
                schema = nullable(schema);
            }
            properties.push((field.name.to_string(), annotate(schema, field)));
        }
        let mut object = vec![
            ("type".to_string(), leaf(json!("object"))),
            ("properties".into(), Schema::Object(properties)),
        ];
        if !required.is_empty() {
            object.push(("required".into(), leaf(Value::Array(required))));
        }
        Schema::Object(object)
    }

    /// The schema of a present, non-null value of type `ty`.
    fn ty(&self, ty: &Ty, depth: usize) -> Schema {
        leaf(match ty {
            Ty::Int => json!({
                "type": "integer",
                "minimum": i64::MIN,
                "maximum": i64::MAX,
            }),
            Ty::Bool => json!({ "type": "boolean" }),
            Ty::String => json!({ "type": "string" }),
            Ty::NonEmptyString => json!({ "type": "string", "minLength": 1 }),
            Ty::Datetime(DateStyle::Rfc3339) => json!({
                "type": "string",
                "anyOf": [{ "format": "date-time" }, { "pattern": SPACED_DATETIME }],
            }),
            Ty::Datetime(DateStyle::Rfc3339OrLocal) => json!({
                "type": "string",
                "anyOf": [
                    { "format": "date-time" },
                    { "pattern": SPACED_DATETIME },
                    { "pattern": LOCAL_DATETIME },
                ],
            }),
            Ty::Enum { values, .. } => {
                let values: Vec<&str> = values.iter().map(|c| c.value).collect();
                json!({ "type": "string", "enum": values })
            }
            Ty::Url => json!({
                "type": "string",
                "anyOf": [{ "const": "" }, { "format": "uri", "pattern": WEB_URL }],
            }),
            Ty::Email => json!({
                "type": "string",
                "anyOf": [{ "const": "" }, { "format": "email" }],
            }),
            Ty::ObjectId => json!({ "type": "string", "pattern": OBJECT_ID }),
            Ty::Uuid => json!({ "type": "string", "format": "uuid", "pattern": UUID }),
            Ty::Color => json!({ "type": "string", "pattern": COLOR }),
            Ty::Object(fields) => return self.or_empty_array(self.object(fields, depth)),
            Ty::List(item) => {
                return Schema::Object(vec![
                    ("type".into(), leaf(json!("array"))),
                    ("items".into(), nullable(self.ty(item, depth))),
                ]);
            }
            Ty::Map(item) => {
                return self.or_empty_array(Schema::Object(vec![
                    ("type".into(), leaf(json!("object"))),
                    (
                        "additionalProperties".into(),
                        nullable(self.ty(item, depth)),
                    ),
                ]));
            }
            Ty::IdEither { .. } => json!({ "type": ["string", "number"] }),
            Ty::Any => json!({}),
        })
    }

    /// An object schema that also takes `[]` where the description says
    /// PHP may send one for an empty map.
    fn or_empty_array(&self, object: Schema) -> Schema {
        match self.empty_array_is_object {
            true => Schema::Object(vec![(
                "anyOf".into(),
                Schema::Array(vec![
                    object,
                    leaf(json!({ "type": "array", "maxItems": 0 })),
                ]),
            )]),
            false => object,
        }
    }
}

/// `schema`, or null: `null` joins the type (and the enum) when there is
/// one, else the schema becomes one of the two.
fn nullable(schema: Schema) -> Schema {
    let mut members = match schema {
        Schema::Value(Value::Object(map)) if map.is_empty() => return leaf(json!({})),
        other => other.into_members(),
    };
    let has_type = members
        .iter()
        .any(|(k, v)| k == "type" && !matches!(v, Schema::Value(Value::Null)));
    if let [(key, Schema::Array(choices))] = members.as_mut_slice()
        && key == "anyOf"
    {
        choices.push(leaf(json!({ "type": "null" })));
        return Schema::Object(members);
    }
    if !has_type {
        let schema = Schema::Object(members);
        return Schema::Object(vec![(
            "anyOf".into(),
            Schema::Array(vec![schema, leaf(json!({ "type": "null" }))]),
        )]);
    }
    for (key, value) in &mut members {
        match (key.as_str(), &mut *value) {
            ("type", Schema::Value(Value::String(t))) => {
                let t = std::mem::take(t);
                *value = leaf(json!([t, "null"]));
            }
            ("type", Schema::Value(Value::Array(types))) => types.push(json!("null")),
            ("enum", Schema::Value(Value::Array(values))) => values.push(Value::Null),
            _ => {}
        }
    }
    Schema::Object(members)
}

/// `title` and `description` from the field's documentation, first.
fn annotate(schema: Schema, field: &Field) -> Schema {
    let mut description = String::new();
    if !field.doc_pt.is_empty() {
        description.push_str(field.doc_pt);
        description.push_str("\n\n");
    }
    description.push_str(field.doc_en);
    if let Ty::Enum { values, .. } = &field.ty {
        for c in values.iter() {
            description.push_str(&format!("\n- {}: {}", c.value, c.meaning));
        }
    }
    description.push_str(match field.origin {
        Origin::Documented => "\n(documented by the vendor)",
        Origin::Inferred => "\n(inferred from the vendor's examples)",
    });
    let mut members = vec![
        ("title".to_string(), leaf(json!(field.name))),
        ("description".into(), leaf(json!(description))),
    ];
    members.extend(schema.into_members());
    Schema::Object(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(schema: &Schema) -> Value {
        serde_json::to_value(schema).expect("serializes")
    }

    #[test]
    fn nullable_keeps_enums_and_types_usable() {
        let e = nullable(leaf(json!({ "type": "string", "enum": ["a"] })));
        assert_eq!(
            value(&e),
            json!({ "type": ["string", "null"], "enum": ["a", null] })
        );
        assert_eq!(value(&nullable(leaf(json!({})))), json!({}));
        let either = nullable(Schema::Object(vec![(
            "anyOf".into(),
            Schema::Array(vec![leaf(json!({ "type": "object" }))]),
        )]));
        assert_eq!(value(&either)["anyOf"][1], json!({ "type": "null" }));
    }

    #[test]
    fn ids_percent_encode_what_a_hook_type_may_hold() {
        assert_eq!(
            id("p", "call_finished-complete"),
            "urn:hookscope:p:call_finished-complete"
        );
        assert_eq!(id("p", "a/b \u{1b}]"), "urn:hookscope:p:a%2Fb%20%1B%5D");
    }

    #[test]
    fn properties_keep_the_description_order() {
        let provider = crate::provider::PROVIDERS[0];
        let shape = (provider.shape)(&provider.kinds[0].kind()).0;
        let text = serde_json::to_string(&schema(provider, "x", shape, false)).expect("json");
        let names: Vec<usize> = shape
            .fields
            .iter()
            .map(|f| {
                text.find(&format!("\"{}\":{{\"title\"", f.name))
                    .expect(f.name)
            })
            .collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        assert!(text.starts_with("{\"$schema\""));
    }
}
