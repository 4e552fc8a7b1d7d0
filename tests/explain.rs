//! issue 17: `explain` shows the vendor's field table as the vendor wrote
//! it, explains every finding code, and `schema --out-dir` writes one
//! valid schema per provider and kind.
//!
//! `tests/inputs/vendor/piperun-talk-table.txt` is the field table of
//! PipeRun's talk webhook documentation (the seed document, up to its
//! example payload), copied as the vendor published it.

mod common;

use common::hookscope;
use serde_json::Value;

const TABLE: &str = include_str!("inputs/vendor/piperun-talk-table.txt");

/// One row of the vendor's table.
#[derive(Debug)]
struct VendorField {
    name: String,
    nullable: bool,
    /// The description's lines joined by a space, list bullets dropped.
    doc: String,
}

fn is_type(line: &str) -> bool {
    ["int", "bool", "string", "datetime"].contains(&line)
        || line.starts_with("enum {")
        || line.starts_with("list <")
        || line.starts_with("<Object")
}

/// The rows: a name line, a type line, then `NÃO` or `SIM` glued to the
/// description, which may go on over more lines.
fn vendor_table() -> Vec<VendorField> {
    let lines: Vec<&str> = TABLE.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| *l == "CampoNullableDescrição")
        .expect("the table header")
        + 1;
    let mut fields: Vec<VendorField> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let (line, next) = (lines[i], lines.get(i + 1).copied().unwrap_or(""));
        if is_type(next) && !line.is_empty() && !line.contains(' ') {
            let flagged = lines.get(i + 2).copied().unwrap_or("");
            let (nullable, doc) = match flagged.strip_prefix("SIM") {
                Some(doc) => (true, doc),
                None => (false, flagged.strip_prefix("NÃO").expect("SIM or NÃO")),
            };
            fields.push(VendorField {
                name: line.to_string(),
                nullable,
                doc: doc.to_string(),
            });
            i += 3;
            continue;
        }
        if !line.is_empty() {
            let field = fields.last_mut().expect("a row before its continuation");
            field.doc.push(' ');
            field.doc.push_str(line.strip_prefix("* ").unwrap_or(line));
        }
        i += 1;
    }
    fields
}

#[test]
fn every_vendor_field_is_explained_with_its_portuguese_text() {
    let table = vendor_table();
    assert_eq!(table.len(), 43, "{table:#?}");
    let run = hookscope(&["explain", "piperun", "--format", "json"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).expect("one JSON document");
    let fields = doc["kinds"][0]["fields"].as_array().expect("fields");
    let text = hookscope(&["explain", "piperun"], b"").stdout;
    for vendor in &table {
        let pointer = format!("/{}", vendor.name);
        let field = fields
            .iter()
            .find(|f| f["pointer"] == pointer.as_str())
            .unwrap_or_else(|| panic!("{pointer} is not explained"));
        assert_eq!(field["doc_pt"], vendor.doc.as_str(), "{pointer}");
        assert_eq!(field["nullable"], vendor.nullable, "{pointer}");
        assert_eq!(field["origin"], "documented", "{pointer}");
        let row = format!("\n  {pointer} ");
        assert!(
            text.contains(&row),
            "{pointer} has no row in the text table"
        );
    }
}

#[test]
fn every_code_is_explained_with_a_policy_line() {
    let codes = hookscope(&["explain", "nope"], b"");
    assert_eq!(codes.code, 2);
    let listed = codes
        .stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("codes: "))
        .expect("the codes are listed");
    for code in listed.split(", ") {
        let run = hookscope(&["explain", code, "--format", "json"], b"");
        assert_eq!(run.code, 0, "{code}: {}", run.stderr);
        let doc: Value = serde_json::from_str(&run.stdout).expect("json");
        assert_eq!(doc["code"], code);
        let accept = doc["accept"][0].as_str().expect("a policy line");
        assert_eq!(accept, format!("allow = [\"{code}\"]"));
        assert!(!doc["example"].as_str().unwrap_or("").is_empty(), "{code}");
    }
}

#[test]
fn a_file_of_payloads_is_explained_payload_by_payload() {
    let run = hookscope(
        &["explain", "-", "/customer/external_id", "--format", "json"],
        include_bytes!("../samples/piperun/talk.json"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(doc["value"], "\"95238935\"");
    assert_eq!(doc["field"]["pointer"], "/customer/external_id");
    // An array index in the pointer finds the `*` field and its findings.
    let run = hookscope(
        &[
            "--provider",
            "piperun",
            "explain",
            "-",
            "/talk_histories/2/sent_at",
            "--format",
            "json",
        ],
        br#"{"id":1,"talk_histories":[{},{},{"sent_at":"2025-09-08 11: 01: 18"}]}"#,
    );
    let doc: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(doc["field"]["pointer"], "/talk_histories/*/sent_at");
    assert_eq!(doc["findings"][0]["code"], "bad-datetime", "{doc:#}");
    // A payload that does not parse is reported, and makes the status 1.
    let run = hookscope(&["explain", "-", "/id"], b"{");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("json-syntax"), "{}", run.stderr);
}

#[test]
fn bad_pointers_are_usage_errors() {
    let run = hookscope(&["explain", "piperun", "talk_histories"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a JSON Pointer"),
        "{}",
        run.stderr
    );
    let run = hookscope(&["explain", "piperun", "/nope"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no field at \"/nope\""),
        "{}",
        run.stderr
    );
}

#[test]
fn out_dir_writes_a_schema_per_provider_and_kind() {
    let dir = std::env::temp_dir().join(format!("issue-17-schemas-{}", std::process::id()));
    let arg = dir.display().to_string();
    let run = hookscope(&["schema", "--out-dir", &arg], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "nuvidio.attendant_closed_issue-complete.schema.json",
            "nuvidio.attendant_closed_issue-incomplete.schema.json",
            "nuvidio.other.schema.json",
            "nuvidio.queue.schema.json",
            "piperun.talk.schema.json",
        ]
    );
    assert_eq!(run.stdout.lines().count(), names.len());
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).expect("written");
        let schema: Value = serde_json::from_str(&text).expect("json");
        assert!(
            jsonschema::meta::is_valid(&schema),
            "{name} is not a valid schema"
        );
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    std::fs::remove_dir_all(&dir).expect("cleaned up");
}

#[test]
fn explain_tables_keep_to_the_terminal_width() {
    for width in ["80", "100", "120"] {
        for name in ["piperun", "nuvidio", "numeric-string"] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_hookscope"))
                .args(["explain", name])
                .env("NO_COLOR", "1")
                .env("COLUMNS", width)
                .output()
                .expect("runs");
            let text = String::from_utf8(out.stdout).expect("utf-8");
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            let limit: usize = width.parse().expect("number");
            assert!(widest <= limit, "{name} at {width}: a line of {widest}");
        }
    }
}
