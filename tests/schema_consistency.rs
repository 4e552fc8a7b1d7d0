//! issue 17: the exported JSON Schema, run through an independent
//! validator (the `jsonschema` crate), gives the same verdict as `check`
//! restricted to the field-level codes, for every sample, every fixture
//! under tests/ (tests/inputs, tests/cmd stdin files) and the crafted
//! payloads below. A pair that disagrees is printed with both verdicts.
//!
//! The schema rejects every value `check` reports with a field-level code,
//! warnings included (numeric-string, bad-url, bad-email, bad-color, the
//! message type's bad-enum): it describes the documented form. It accepts
//! what `check` accepts with a non-field-level warning: ids in either form
//! (id-form) and `[]` for an empty object (empty-array-object). A property
//! test (`edits`) then replaces one value of a sample with values of other
//! types and formats and compares again.

use std::path::{Path, PathBuf};

use hookscope::check::{CheckOptions, Report, check_payload};
use hookscope::cmd::schema::generate;
use hookscope::input::{self, Event, Payload, ReadOptions};
use hookscope::provider::Registry;
use serde_json::{Value, json};

/// Payloads where the verdicts differ by design, each documented in the
/// schema's top-level description: `check` rejects them, a JSON Schema
/// cannot.
const DIFFERENCES: &[(&str, &str)] = &[
    (
        "crafted: int as 1.0",
        "1.0 is an integer to JSON Schema (a value, not a spelling); check wants no fraction",
    ),
    (
        "crafted: current tag without type",
        "NuVidio's tag-list rule (a provider's own rule) tells the current tag shape from the older one",
    ),
];

/// The codes a JSON Schema can express: presence, type and format.
const FIELD_LEVEL: &[&str] = &[
    "missing-field",
    "null-field",
    "wrong-type",
    "numeric-string",
    "out-of-range",
    "bad-datetime",
    "bad-enum",
    "bad-url",
    "bad-email",
    "bad-id",
    "bad-uuid",
    "bad-color",
];

fn options() -> CheckOptions {
    CheckOptions {
        registry: Registry::builtin(),
        provider: None,
        strict: false,
        timezone: hookscope::values::parse_offset("-03:00").expect("offset"),
    }
}

/// Both verdicts of one payload, or `None` when it is not comparable (it
/// does not parse, is not recognised, or is double-encoded).
fn verdicts(label: &str, bytes: &[u8]) -> Option<(Vec<String>, Vec<String>)> {
    let payload = Payload::from_bytes(label, bytes);
    let report: Report = check_payload(&payload, &options());
    let detection = report.detection.as_ref()?;
    if report
        .findings
        .iter()
        .any(|f| f.code.as_str() == "double-encoded")
    {
        return None;
    }
    let check: Vec<String> = report
        .findings
        .iter()
        .filter(|f| FIELD_LEVEL.contains(&f.code.as_str()))
        .map(|f| {
            format!(
                "{}[{}] {}: {}",
                f.severity.as_str(),
                f.code.as_str(),
                f.pointer,
                f.message
            )
        })
        .collect();
    let schema = generate(detection.provider, &detection.kind.label, &detection.kind);
    let schema = serde_json::to_value(&schema).expect("schema serializes");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema");
    let instance: Value = serde_json::from_slice(bytes).ok()?;
    let errors = validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    Some((check, errors))
}

/// Every payload of every file: (label, bytes).
fn payloads(files: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let mut out = Vec::new();
    input::read_all(&names, ReadOptions::default(), |event| {
        if let Event::Batch(batch) = event {
            for payload in batch.payloads() {
                out.push((payload.source.label(), payload.bytes().to_vec()));
            }
        }
        Ok(())
    })
    .expect("inputs read");
    out
}

fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, keep, out);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

/// The samples, the fixtures under tests/inputs and the stdin files of the
/// golden tests.
fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let json = |p: &Path| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("json" | "ndjson" | "jsonl" | "gz")
        )
    };
    files_under(&root.join("samples"), &json, &mut files);
    files_under(&root.join("tests/inputs"), &json, &mut files);
    let stdin = |p: &Path| p.extension().is_some_and(|e| e == "stdin");
    files_under(&root.join("tests/cmd"), &stdin, &mut files);
    files
}

const TALK: &str = include_str!("../samples/piperun/talk.json");
const COMPLETE: &str = include_str!("../samples/nuvidio/attendant_closed_issue.complete.json");
const INCOMPLETE: &str = include_str!("../samples/nuvidio/attendant_closed_issue.incomplete.json");

fn edited(text: &str, edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(text).expect("sample parses");
    if text == TALK {
        mend_talk(&mut value);
    }
    if text == COMPLETE {
        value["content"]["customer"]["email"] = json!("cliente@example.com");
        value["content"]["attendant"]["email"] = json!("atendente@example.com");
    }
    edit(&mut value);
    value.to_string().into_bytes()
}

/// The documentation's talk with its malformed values mended (as
/// tests/check_codes.rs starts from it), and its numeric-string channel
/// broken picture URL and mangled e-mail too: a talk both verdicts accept.
fn mend_talk(v: &mut Value) {
    v["talk_histories"][2]["sent_at"] = json!("2025-09-08 11:01:18");
    v["talk_histories"][2]["read_at"] = json!("2025-09-08 11:01:20");
    v["talk_histories"][2]["created_at"] = json!("2025-09-08T14:01:18.000000Z");
    v["talk_histories"][2]["left_at"] = json!("2025-09-08 11:01:18");
    v["talk_histories"][2]["user"]["email_verified_at"] = json!("2023-08-09T13:40:14.000000Z");
    v["customer"]["created_at"] = json!("2023-09-21T12:28:45.000000Z");
    v["initial_sender_channel"] = json!(1);
    v["customer"]["profile_info"]["profile_pic"] = json!("https://example.com/p.jpg");
    v["customer"]["emails"][0]["email"] = json!("jonas@example.com");
}

/// Crafted payloads: one per field-level code, and the corner cases where
/// the schema and check could part (warnings, empty strings, ids in either
/// form, `[]` for objects, null items, relaxed presence).
fn crafted() -> Vec<(String, Vec<u8>)> {
    type Edit = Box<dyn FnOnce(&mut Value)>;
    let talk: Vec<(&str, Edit)> = vec![
        ("talk as is", Box::new(|_| {})),
        (
            "missing required",
            Box::new(|v| drop(v.as_object_mut().map(|o| o.remove("tracking_number")))),
        ),
        (
            "null required",
            Box::new(|v| v["customer_id"] = Value::Null),
        ),
        ("null optional", Box::new(|v| v["agent_id"] = Value::Null)),
        (
            "absent optional",
            Box::new(|v| drop(v.as_object_mut().map(|o| o.remove("bot")))),
        ),
        (
            "bool as string",
            Box::new(|v| v["was_success"] = json!("true")),
        ),
        ("int as word", Box::new(|v| v["channel_id"] = json!("one"))),
        ("int as float", Box::new(|v| v["priority_id"] = json!(1.5))),
        ("int as 1.0", Box::new(|v| v["priority_id"] = json!(1.0))),
        (
            "numeric string",
            Box::new(|v| v["initial_sender_channel"] = json!("1")),
        ),
        (
            "negative numeric string",
            Box::new(|v| v["channel_id"] = json!("-7")),
        ),
        (
            "huge int",
            Box::new(|v| v["id"] = serde_json::from_str("99999999999999999999").expect("n")),
        ),
        (
            "object for list",
            Box::new(|v| v["talk_histories"] = json!({})),
        ),
        (
            "empty list for object",
            Box::new(|v| v["customer"]["custom_fields"] = json!([])),
        ),
        ("full list for object", Box::new(|v| v["bot"] = json!([1]))),
        ("empty list for bot", Box::new(|v| v["bot"] = json!([]))),
        (
            "null list item",
            Box::new(|v| v["talk_histories"][0] = Value::Null),
        ),
        (
            "bad local datetime",
            Box::new(|v| v["created_at"] = json!("2025-09-08 11: 01: 18")),
        ),
        (
            "local datetime",
            Box::new(|v| v["finished_at"] = json!("2025-09-08 12:00:00")),
        ),
        (
            "rfc datetime",
            Box::new(|v| v["finished_at"] = json!("2025-09-08T15:00:00Z")),
        ),
        (
            "rfc datetime offset",
            Box::new(|v| v["finished_at"] = json!("2025-09-08T12:00:00.123-03:00")),
        ),
        (
            "datetime with no zone",
            Box::new(|v| v["finished_at"] = json!("2025-09-08T12:00:00")),
        ),
        ("bad enum", Box::new(|v| v["initiation_type"] = json!("x"))),
        (
            "message type warning",
            Box::new(|v| v["talk_histories"][0]["type"] = json!("note")),
        ),
        (
            "bad url",
            Box::new(|v| v["url_viewer"] = json!("https: //x")),
        ),
        (
            "ftp url",
            Box::new(|v| v["url_viewer"] = json!("ftp://example.com/x")),
        ),
        ("empty url", Box::new(|v| v["url_viewer"] = json!(""))),
        (
            "bad email",
            Box::new(|v| v["customer"]["emails"][0]["email"] = json!("no at sign")),
        ),
        (
            "empty email",
            Box::new(|v| v["customer"]["emails"][0]["email"] = json!("")),
        ),
        (
            "bad color",
            Box::new(|v| v["talk_histories"][0]["channel"]["primary_color"] = json!("green")),
        ),
        (
            "empty color",
            Box::new(|v| v["talk_histories"][0]["channel"]["primary_color"] = json!("")),
        ),
        (
            "id as int",
            Box::new(|v| v["customer"]["external_id"] = json!(95238935)),
        ),
        (
            "id as string",
            Box::new(|v| v["customer"]["external_id"] = json!("95238935")),
        ),
        (
            "id as float",
            Box::new(|v| v["customer"]["external_id"] = json!(1.5)),
        ),
        (
            "id as bool",
            Box::new(|v| v["customer"]["external_id"] = json!(true)),
        ),
        (
            "map of anything",
            Box::new(|v| v["customer"]["custom_fields"] = json!({"a": [1, null]})),
        ),
        ("unknown field", Box::new(|v| v["nobody_knows"] = json!(1))),
    ];
    let complete: Vec<(&str, Edit)> = vec![
        ("complete as is", Box::new(|_| {})),
        (
            "bad object id",
            Box::new(|v| v["content"]["id"] = json!("123")),
        ),
        (
            "bad uuid",
            Box::new(|v| v["content"]["invite"]["token"] = json!("abc")),
        ),
        (
            "upper-case uuid",
            Box::new(|v| {
                v["content"]["invite"]["token"] = json!("3D3D65E4-7249-42AD-A710-7A291853B841")
            }),
        ),
        (
            "tag color",
            Box::new(|v| v["content"]["tags"][0]["color"] = json!("green")),
        ),
        (
            "tag type",
            Box::new(|v| v["content"]["tags"][1]["type"] = json!("child")),
        ),
        (
            "local timestamp",
            Box::new(|v| v["timestamp"] = json!("2025-04-23 15:41:46")),
        ),
        ("empty hookType", Box::new(|v| v["hookType"] = json!(""))),
        (
            "missing nested required",
            Box::new(|v| {
                drop(
                    v["content"]["department"]
                        .as_object_mut()
                        .map(|o| o.remove("id")),
                )
            }),
        ),
        (
            "null nested required",
            Box::new(|v| v["content"]["customer"]["id"] = Value::Null),
        ),
        (
            "other hook, nested null",
            Box::new(|v| {
                v["hookType"] = json!("call_finished");
                v["content"]["customer"]["id"] = Value::Null;
            }),
        ),
        (
            "other hook, nested missing",
            Box::new(|v| {
                v["hookType"] = json!("call_finished");
                drop(
                    v["content"]["department"]
                        .as_object_mut()
                        .map(|o| o.remove("id")),
                );
            }),
        ),
        (
            "other hook, bad type",
            Box::new(|v| {
                v["hookType"] = json!("call_rated");
                v["content"]["duration"] = json!("long");
            }),
        ),
        (
            "unknown hook",
            Box::new(|v| v["hookType"] = json!("tags_changed")),
        ),
        (
            "current tag without type",
            Box::new(|v| {
                drop(
                    v["content"]["tags"][0]
                        .as_object_mut()
                        .map(|o| o.remove("type")),
                )
            }),
        ),
    ];
    let incomplete: Vec<(&str, Edit)> = vec![
        ("incomplete as is", Box::new(|_| {})),
        (
            "incomplete bad id",
            Box::new(|v| v["content"]["queue"]["id"] = json!("xyz")),
        ),
        (
            "incomplete null ref",
            Box::new(|v| v["content"]["call"] = Value::Null),
        ),
    ];
    let mut out = Vec::new();
    for (sample, edits) in [(TALK, talk), (COMPLETE, complete), (INCOMPLETE, incomplete)] {
        for (name, edit) in edits {
            out.push((format!("crafted: {name}"), edited(sample, edit)));
        }
    }
    out
}

/// The corner cases named in the module docs land where documented.
#[test]
fn warnings_are_rejected_and_vendor_tolerances_accepted() {
    let verdict = |name: &str| {
        let (label, bytes) = crafted()
            .into_iter()
            .find(|(label, _)| label == &format!("crafted: {name}"))
            .expect("a crafted payload");
        let (check, schema) = verdicts(&label, &bytes).expect("comparable");
        (check.is_empty(), schema.is_empty())
    };
    for accepted in ["talk as is", "complete as is", "incomplete as is"] {
        assert_eq!(verdict(accepted), (true, true), "{accepted}");
    }
    for rejected in [
        "numeric string",
        "message type warning",
        "bad url",
        "bad color",
    ] {
        assert_eq!(verdict(rejected), (false, false), "{rejected}");
    }
    for accepted in [
        "empty url",
        "empty email",
        "empty color",
        "id as int",
        "id as string",
    ] {
        assert_eq!(verdict(accepted), (true, true), "{accepted}");
    }
    assert_eq!(verdict("empty list for object"), (true, true));
    assert_eq!(verdict("other hook, nested null"), (true, true));
}

#[test]
fn schema_and_check_agree_on_every_payload() {
    let mut all = payloads(&fixture_files());
    let fixtures = all.len();
    all.extend(crafted());
    for (label, _) in DIFFERENCES {
        assert!(
            all.iter().any(|(l, _)| l == label),
            "{label} is not crafted"
        );
    }
    let (mut compared, mut rejected, mut disagreements) = (0, 0, Vec::new());
    for (label, bytes) in &all {
        let Some((check, schema)) = verdicts(label, bytes) else {
            continue;
        };
        compared += 1;
        rejected += usize::from(!schema.is_empty());
        if DIFFERENCES.iter().any(|(l, _)| l == label) {
            assert!(
                !check.is_empty() && schema.is_empty(),
                "{label}: the documented difference is gone: check {check:?}, schema {schema:?}"
            );
            continue;
        }
        if check.is_empty() != schema.is_empty() {
            disagreements.push(format!(
                "{label}\n  check ({} field-level findings):\n    {}\n  schema ({} errors):\n    {}",
                check.len(),
                check.join("\n    "),
                schema.len(),
                schema.join("\n    ")
            ));
        }
    }
    assert!(fixtures > 50, "only {fixtures} fixture payloads found");
    assert!(compared > 80, "only {compared} payloads compared");
    // Both verdicts are exercised: many payloads are rejected, many pass.
    assert!(
        rejected > 30 && compared - rejected > 30,
        "{rejected} of {compared} rejected"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {compared} payloads disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

mod edits {
    //! Property: a mended sample with one value replaced by a value of
    //! another type or format gets the same verdict from both.

    use super::*;
    use proptest::prelude::*;

    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            (-1e6f64..1e6).prop_filter("a fraction", |f| f.fract() != 0.0).prop_map(|f| json!(f)),
            "[0-9]{1,5}".prop_map(Value::String),
            "\\PC{0,12}".prop_map(Value::String),
            "[a-z]{1,6}@[a-z]{1,6}(\\.[a-z]{2,3})?".prop_map(Value::String),
            "https?://[a-z]{1,8}(\\.[a-z]{2,3})?(/[a-z]{0,4})?".prop_map(Value::String),
            "#[0-9a-fA-F]{5,7}".prop_map(Value::String),
            "[0-9a-f]{23,25}".prop_map(Value::String),
            "20[0-9]{2}-[01][0-9]-[0-2][0-9][ T][0-2][0-9]:[0-5][0-9]:[0-5][0-9](Z|\\.[0-9]{3}Z|[+-]0[0-9]:00)?".prop_map(Value::String),
            Just(json!("")),
            Just(json!([])),
            Just(json!({})),
            Just(json!([1])),
        ]
    }

    fn one_edit() -> impl Strategy<Value = (usize, Vec<u8>)> {
        (0..3usize, any::<prop::sample::Index>(), leaf()).prop_map(|(s, index, with)| {
            let sample = [TALK, COMPLETE, INCOMPLETE][s];
            let bytes = super::edited(sample, |v| {
                let mut all = Vec::new();
                pointers(v, String::new(), &mut all);
                let at = all[index.index(all.len())].clone();
                if let Some(slot) = v.pointer_mut(&at) {
                    *slot = with;
                }
            });
            (s, bytes)
        })
    }

    fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| {
                pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                )
            }),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
            _ => {}
        }
        out.push(at);
    }

    /// A finding of NuVidio's tag-list rule about the current tag shape
    /// (see [`DIFFERENCES`]): `_id` or `type` of a tag missing or null.
    fn is_tag_shape(finding: &str) -> bool {
        let Some((_, rest)) = finding.split_once("] ") else {
            return false;
        };
        let pointer = rest.split(':').next().unwrap_or("");
        let segments: Vec<&str> = pointer.split('/').collect();
        let n = segments.len();
        (finding.contains("[missing-field]") || finding.contains("[null-field]"))
            && n >= 3
            && segments[n - 3] == "tags"
            && matches!(segments[n - 1], "_id" | "type")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        #[test]
        fn one_edit_gets_the_same_verdict((_, bytes) in one_edit()) {
            if let Some((check, schema)) = verdicts("edited", &bytes)
                && !(schema.is_empty() && check.iter().all(|f| is_tag_shape(f)))
            {
                prop_assert_eq!(check.is_empty(), schema.is_empty(), "check {:?}\nschema {:?}", check, schema);
            }
        }
    }
}
