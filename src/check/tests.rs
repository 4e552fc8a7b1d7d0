//! Unit tests of the engine on the bundled samples and crafted payloads.

use super::*;
use crate::json::parse;
use crate::values::parse_offset;

fn options() -> CheckOptions {
    CheckOptions {
        registry: Registry::builtin(),
        provider: None,
        strict: false,
        timezone: parse_offset("-03:00").expect("offset"),
    }
}

fn check_text(text: &str) -> Vec<(String, String, &'static str)> {
    let doc = parse(text, Extent::Full).expect("valid JSON");
    check_doc(&doc, &options())
        .findings
        .into_iter()
        .map(|f| (f.code.as_str().to_string(), f.pointer, f.severity.as_str()))
        .collect()
}

fn sample(path: &str) -> String {
    std::fs::read_to_string(format!("{}/samples/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("sample")
}

#[test]
fn nuvidio_samples_have_no_error() {
    for name in [
        "nuvidio/attendant_closed_issue.complete.json",
        "nuvidio/attendant_closed_issue.incomplete.json",
    ] {
        let findings = check_text(&sample(name));
        assert!(
            findings.iter().all(|f| f.2 == "warning"),
            "{name}: {findings:?}"
        );
    }
}

#[test]
fn piperun_sample_findings() {
    let findings = check_text(&sample("piperun/talk.json"));
    let has = |code: &str, ptr: &str| findings.iter().any(|f| f.0 == code && f.1 == ptr);
    for ptr in [
        "/talk_histories/2/sent_at",
        "/talk_histories/2/read_at",
        "/talk_histories/2/created_at",
        "/talk_histories/2/left_at",
        "/talk_histories/2/user/email_verified_at",
        "/customer/created_at",
    ] {
        assert!(has("bad-datetime", ptr), "{ptr}: {findings:?}");
    }
    assert!(has("numeric-string", "/initial_sender_channel"));
    assert!(has("bad-url", "/customer/profile_info/profile_pic"));
    assert!(has("bad-email", "/customer/emails/0/email"));
    assert!(!findings.iter().any(|f| f.0 == "order"), "{findings:?}");
}

#[test]
fn codes_are_unique_and_kebab_case() {
    let mut seen = std::collections::HashSet::new();
    for doc in CODES {
        let code = doc.code.as_str();
        assert!(seen.insert(code), "{code} twice");
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{code}"
        );
    }
}

/// README's code table, as `hookscope` documents it (kept in sync by
/// `readme_documents_every_code`).
pub fn code_table() -> String {
    let mut out = String::from("| code | severity | meaning | example |\n|---|---|---|---|\n");
    for doc in CODES {
        out.push_str(&format!(
            "| `{}` | {} | {} | `{}` |\n",
            doc.code.as_str(),
            doc.severity.as_str(),
            doc.meaning,
            doc.example.replace('|', "\\|")
        ));
    }
    out
}

#[test]
fn readme_documents_every_code() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let table = code_table();
    assert!(
        readme.contains(&table),
        "README's code table is out of date; replace it with:\n\n{table}"
    );
}

/// The lean parse (what check uses without --strict) finds exactly what the
/// full parse finds.
#[test]
fn lean_and_full_parses_give_the_same_findings() {
    let crafted =
        sample("piperun/talk.json").replace("\"initiation_type\": \"n\"", "\"initiation_type\": 5");
    for text in [
        sample("piperun/talk.json"),
        sample("nuvidio/attendant_closed_issue.complete.json"),
        sample("nuvidio/attendant_closed_issue.incomplete.json"),
        crafted,
    ] {
        let full = parse(&text, Extent::Full).expect("parses");
        let lean = parse(&text, Extent::Lean(options().lean_roots())).expect("parses");
        assert!(
            lean.len() < full.len() || text.contains("hookType"),
            "lean builds less"
        );
        assert_eq!(
            check_doc(&full, &options()).findings,
            check_doc(&lean, &options()).findings
        );
    }
}

// issue 11 point 2: a queue hook's status (free-form in the call
// description) is built by the lean parse too, so a malformed one is found
// without --strict as with it.
#[test]
fn lean_and_full_parses_agree_on_queue_hooks() {
    let text = r#"{"hookType":"client_left_queue","hookDescription":"d","timestamp":"2025-04-23T15:31:00.000Z","content":{"id":"6809094e576110f669e20329","status":{"name":1,"detail":"quit"},"logs":[{"name":"done","detail":"quit"}]}}"#;
    let full = parse(text, Extent::Full).expect("parses");
    let lean = parse(text, Extent::Lean(options().lean_roots())).expect("parses");
    let findings = check_doc(&lean, &options()).findings;
    assert_eq!(findings, check_doc(&full, &options()).findings);
    let pointers: Vec<&str> = findings.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/content/status/name",
            "/content/status/detail",
            "/content/logs/0/detail"
        ]
    );
}

// issue 9 point 11: a fraction of a million digits in an integer field gave
// a wrong-type message of a megabyte; every value in a message is shortened.
#[test]
fn wrong_type_message_shortens_a_long_number() {
    let talk = sample("piperun/talk.json");
    let fraction = format!("0.{}", "5".repeat(1_000_000));
    let text = talk.replacen("\"agent_id\": 2,", &format!("\"agent_id\": {fraction},"), 1);
    let doc = parse(&text, Extent::Full).expect("valid JSON");
    let findings = check_doc(&doc, &options()).findings;
    let wrong = findings
        .iter()
        .find(|f| f.pointer == "/agent_id")
        .expect("a finding at /agent_id");
    assert_eq!(wrong.code.as_str(), "wrong-type");
    assert!(wrong.message.len() < 200, "{} bytes", wrong.message.len());
    assert!(wrong.message.ends_with('…'), "{}", wrong.message);
}
