//! One crafted payload per finding code: each case edits a bundled sample,
//! runs `hookscope check --format json` and asserts the code, the JSON
//! Pointer, the severity and the exit status.

use std::io::Write;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

const TALK: &str = include_str!("../samples/piperun/talk.json");
const COMPLETE: &str = include_str!("../samples/nuvidio/attendant_closed_issue.complete.json");
const INCOMPLETE: &str = include_str!("../samples/nuvidio/attendant_closed_issue.incomplete.json");

fn sample(text: &str) -> Value {
    serde_json::from_str(text).expect("sample parses")
}

/// Runs check on one payload; returns (exit code, findings).
fn check(payload: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut child = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(["check", "--format", "json"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(payload.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON report");
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), findings)
}

/// Asserts that `payload` yields `code` at `pointer` with `severity`, and
/// that the run exits with `exit`.
fn expect(payload: &Value, code: &str, pointer: &str, severity: &str, exit: i32) {
    expect_with(payload, &[], code, pointer, severity, exit);
}

fn expect_with(
    payload: &Value,
    extra: &[&str],
    code: &str,
    pointer: &str,
    severity: &str,
    exit: i32,
) {
    let (status, findings) = check(&payload.to_string(), extra);
    let hit = findings
        .iter()
        .any(|f| f["code"] == code && f["path"] == pointer && f["severity"] == severity);
    assert!(hit, "no {severity} {code} at {pointer:?} in {findings:#?}");
    assert_eq!(status, exit, "exit status for {code}");
}

fn nuvidio(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = sample(COMPLETE);
    edit(&mut v);
    v
}

fn talk(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = sample(TALK);
    // Start from a valid talk: mend the documentation's malformed values.
    v["talk_histories"][2]["sent_at"] = json!("2025-09-08 11:01:18");
    v["talk_histories"][2]["read_at"] = json!("2025-09-08 11:01:20");
    v["talk_histories"][2]["created_at"] = json!("2025-09-08T14:01:18.000000Z");
    v["talk_histories"][2]["left_at"] = json!("2025-09-08 11:01:18");
    v["talk_histories"][2]["user"]["email_verified_at"] = json!("2023-08-09T13:40:14.000000Z");
    v["customer"]["created_at"] = json!("2023-09-21T12:28:45.000000Z");
    edit(&mut v);
    v
}

#[test]
fn mended_samples_are_valid() {
    let (status, findings) = check(&talk(|_| {}).to_string(), &[]);
    assert_eq!(status, 0, "{findings:#?}");
    let (status, _) = check(COMPLETE, &[]);
    assert_eq!(status, 0);
    let (status, findings) = check(INCOMPLETE, &["--strict"]);
    assert_eq!((status, findings.len()), (0, 0), "{findings:#?}");
}

#[test]
fn json_syntax_and_unknown_provider() {
    let (status, findings) = check("{\"id\": 1,", &[]);
    assert_eq!(status, 1);
    assert_eq!(findings[0]["code"], "json-syntax");
    assert_eq!(findings[0]["path"], "");
    let (status, findings) = check("{\"a\": 1}", &[]);
    assert_eq!(
        (status, findings[0]["code"].as_str()),
        (1, Some("unknown-provider"))
    );
}

#[test]
fn missing_and_null_fields() {
    expect(
        &talk(|v| drop(v.as_object_mut().map(|o| o.remove("tracking_number")))),
        "missing-field",
        "/tracking_number",
        "error",
        1,
    );
    expect(
        &talk(|v| v["customer_id"] = Value::Null),
        "null-field",
        "/customer_id",
        "error",
        1,
    );
    let incomplete = {
        let mut v = sample(INCOMPLETE);
        v["content"]["invite"]
            .as_object_mut()
            .map(|o| o.remove("token"));
        v
    };
    expect(
        &incomplete,
        "missing-field",
        "/content/invite/token",
        "error",
        1,
    );
    expect(
        &nuvidio(|v| drop(v["content"].as_object_mut().map(|o| o.remove("duration")))),
        "missing-field",
        "/content/duration",
        "error",
        1,
    );
}

#[test]
fn types() {
    expect(
        &talk(|v| v["was_success"] = json!("true")),
        "wrong-type",
        "/was_success",
        "error",
        1,
    );
    expect(
        &talk(|v| v["channel_id"] = json!("one")),
        "wrong-type",
        "/channel_id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["talk_histories"] = json!({})),
        "wrong-type",
        "/talk_histories",
        "error",
        1,
    );
    expect(
        &talk(|v| v["priority_id"] = json!(1.5)),
        "wrong-type",
        "/priority_id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["initial_sender_channel"] = json!("1")),
        "numeric-string",
        "/initial_sender_channel",
        "warning",
        0,
    );
    let huge =
        talk(|_| {})
            .to_string()
            .replacen("\"id\":114603", "\"id\":99999999999999999999999", 1);
    let (status, findings) = check(&huge, &[]);
    assert_eq!(status, 1);
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "out-of-range" && f["path"] == "/id"),
        "{findings:#?}"
    );
}

#[test]
fn datetimes_enums_and_formats() {
    expect(
        &talk(|v| v["created_at"] = json!("2025-09-08 11: 01: 18")),
        "bad-datetime",
        "/created_at",
        "error",
        1,
    );
    expect(
        &nuvidio(|v| v["timestamp"] = json!("2025-04-23 15:41:46")),
        "bad-datetime",
        "/timestamp",
        "error",
        1,
    );
    expect(
        &talk(|v| v["initiation_type"] = json!("x")),
        "bad-enum",
        "/initiation_type",
        "error",
        1,
    );
    expect(
        &talk(|v| v["talk_histories"][0]["type"] = json!("note")),
        "bad-enum",
        "/talk_histories/0/type",
        "warning",
        0,
    );
    expect(
        &talk(|v| v["url_viewer"] = json!("https: //x")),
        "bad-url",
        "/url_viewer",
        "warning",
        0,
    );
    expect(
        &talk(|v| v["customer"]["emails"][0]["email"] = json!("no at sign")),
        "bad-email",
        "/customer/emails/0/email",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["id"] = json!("123")),
        "bad-id",
        "/content/id",
        "error",
        1,
    );
    expect(
        &nuvidio(|v| v["content"]["invite"]["token"] = json!("abc")),
        "bad-uuid",
        "/content/invite/token",
        "error",
        1,
    );
    expect(
        &nuvidio(|v| v["content"]["tags"][0]["color"] = json!("green")),
        "bad-color",
        "/content/tags/0/color",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["tags"][1]["type"] = json!("child")),
        "bad-enum",
        "/content/tags/1/type",
        "error",
        1,
    );
}

#[test]
fn cross_field_rules() {
    expect(
        &talk(|v| v["talk_histories"][1]["talk_id"] = json!(1)),
        "mismatch",
        "/talk_histories/1/talk_id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["talk_events"][0]["talk_id"] = json!(1)),
        "mismatch",
        "/talk_events/0/talk_id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["customer"]["id"] = json!(7)),
        "mismatch",
        "/customer/id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["customer"]["telephones"][0]["customer_id"] = json!(7)),
        "mismatch",
        "/customer/telephones/0/customer_id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["customer"]["emails"][0]["customer_id"] = json!(7)),
        "mismatch",
        "/customer/emails/0/customer_id",
        "error",
        1,
    );
    expect(
        &talk(|v| v["finished_at"] = json!("2025-09-08 11:01:16")),
        "order",
        "/finished_at",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["expirationDate"] = json!("2025-04-23T15:41:00.000Z")),
        "order",
        "/content/expirationDate",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["queue"]["unqueuedAt"] = json!("2025-04-23T15:41:00.000Z")),
        "order",
        "/content/queue/unqueuedAt",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["duration"] = json!(99)),
        "duration-mismatch",
        "/content/duration",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["invite"]["link"] = json!("https://nuvidio.com/x?token=other")),
        "mismatch",
        "/content/invite/link",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| v["content"]["issue"]["id"] = json!("68090921d87bdc8ce9bc6800")),
        "dangling-ref",
        "/content/issue",
        "error",
        1,
    );
}

#[test]
fn the_example_raises_no_ordering_warning_thanks_to_the_timezone() {
    let payload = talk(|_| {}).to_string();
    let (_, findings) = check(&payload, &[]);
    assert!(!findings.iter().any(|f| f["code"] == "order"));
    // Read as UTC, finished_at 11:01:19 falls before created_at 14:01:17Z.
    let (_, findings) = check(&payload, &["--timezone", "+00:00"]);
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "order" && f["path"] == "/finished_at"),
        "{findings:#?}"
    );
}

#[test]
fn tag_rules() {
    expect(
        &nuvidio(|v| v["content"]["tags"][0]["id"] = json!("67ed7ffadb47e1a27b0d3599")),
        "mismatch",
        "/content/tags/0/id",
        "error",
        1,
    );
    expect(
        &nuvidio(|v| {
            v["content"]["issues"][0]["tags"][1]["parentTag"] = json!("67ed7ffadb47e1a27b0d3599")
        }),
        "dangling-ref",
        "/content/issues/0/tags/1/parentTag",
        "error",
        1,
    );
    let two_subtags = nuvidio(|v| {
        let sub = v["content"]["tags"][1].clone();
        if let Some(tags) = v["content"]["tags"].as_array_mut() {
            tags.push(sub);
        }
    });
    expect(
        &two_subtags,
        "subtag-count",
        "/content/tags/0",
        "warning",
        0,
    );
    expect(
        &nuvidio(|v| {
            v["content"]["tags"]
                .as_array_mut()
                .map(|a| a.truncate(1))
                .unwrap_or(())
        }),
        "subtag-count",
        "/content/tags/0",
        "warning",
        0,
    );
}

#[test]
fn data_uris() {
    let bad = "data:image/png;base64,@@not base64@@";
    expect(
        &nuvidio(|v| v["content"]["issues"][0]["data"][1]["value"] = json!(bad)),
        "bad-data-uri",
        "/content/issues/0/data/1/value",
        "error",
        1,
    );
    expect(
        &nuvidio(|_| {}),
        "data-uri-padding",
        "/content/issues/0/data/1/value",
        "warning",
        0,
    );
    expect_with(
        &nuvidio(|_| {}),
        &["--strict"],
        "data-uri-padding",
        "/content/issues/0/data/1/value",
        "warning",
        1,
    );
}

#[test]
fn unknown_hook_types_are_checked_generically() {
    let hook = json!({
        "hookType": "tags_changed",
        "hookDescription": "Tags da chamada alteradas",
        "timestamp": "2025-04-23T15:41:46.625Z",
        "content": {"id": "not-an-id", "tags": []}
    });
    expect(&hook, "unknown-hook-type", "/hookType", "warning", 1);
    expect(&hook, "bad-id", "/content/id", "error", 1);
    let known = json!({
        "hookType": "call_finished",
        "hookDescription": "Chamada finalizada",
        "timestamp": "2025-04-23T15:41:46.625Z",
        "content": {"id": "68090a14c44d41ed6a30baeb"}
    });
    let (status, findings) = check(&known.to_string(), &[]);
    assert_eq!((status, findings.len()), (0, 0), "{findings:#?}");
}

#[test]
fn strict_reports_unknown_fields_and_duplicate_keys() {
    expect_with(
        &talk(|v| v["foo"] = json!(1)),
        &["--strict"],
        "unknown-field",
        "/foo",
        "warning",
        1,
    );
    let (status, findings) = check(&talk(|v| v["foo"] = json!(1)).to_string(), &[]);
    assert_eq!(status, 0);
    assert!(
        !findings.iter().any(|f| f["code"] == "unknown-field"),
        "{findings:#?}"
    );
    // The first `id` loses to the talk's own, later in the object.
    let dup = talk(|_| {}).to_string().replacen('{', "{\"id\":1,", 1);
    let (status, findings) = check(&dup, &[]);
    assert_eq!(status, 0);
    let hit = findings
        .iter()
        .find(|f| f["code"] == "duplicate-key")
        .expect("duplicate reported");
    assert_eq!(hit["path"], "/id");
    assert!(
        hit["message"]
            .as_str()
            .unwrap_or_default()
            .contains("the last value wins")
    );
}
