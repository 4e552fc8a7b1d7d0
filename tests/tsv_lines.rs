//! `csv --format tsv` writes one record per line (issue 13): a generated
//! corpus whose messages hold tabs, newlines, CRs and backslashes gives
//! exactly one line per message, each with the header's number of fields,
//! and unescaping a cell gives the message back.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

const TALK: &str = include_str!("../samples/piperun/talk.json");
const PIECES: &[&str] = &[
    "Olá",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\\",
    "\\t",
    "\\n",
    "\"",
    ",",
    ";",
    " ",
    "ação 😀",
    "=1+1",
];

/// Talks (the sample's, with new ids) holding `messages` random messages in
/// all; returns the NDJSON and the messages in order.
fn corpus(seed: u64, talks: usize) -> (String, Vec<String>) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let sample: Value = serde_json::from_str(TALK).expect("sample talk");
    let mut text = String::new();
    let mut messages = Vec::new();
    for t in 0..talks {
        let mut talk = sample.clone();
        talk["id"] = json!(200_000 + t);
        let histories: Vec<Value> = (0..rng.usize(0..40))
            .map(|i| {
                let message: String = (0..rng.usize(0..12))
                    .map(|_| PIECES[rng.usize(..PIECES.len())])
                    .collect();
                messages.push(message.clone());
                json!({"id": i, "type": "in", "message": message})
            })
            .collect();
        talk["talk_histories"] = Value::Array(histories);
        text.push_str(&serde_json::to_string(&talk).expect("serializes"));
        text.push('\n');
    }
    (text, messages)
}

/// The TSV convention's escapes undone.
fn unescape(cell: &str) -> String {
    let mut out = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => panic!("a cell ends in a lone backslash: {cell:?}"),
        }
    }
    out
}

#[test]
fn tsv_is_one_record_per_line() {
    let (text, messages) = corpus(3, 300);
    assert!(messages.iter().filter(|m| m.contains('\n')).count() > 100);
    let path = std::env::temp_dir().join(format!("hookscope-tsv-{}.ndjson", std::process::id()));
    std::fs::write(&path, text).expect("temp file");
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(["csv", "--rows", "messages", "--format", "tsv"])
        .arg(&path)
        .output()
        .expect("runs");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = stdout.split('\n');
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let column = header
        .iter()
        .position(|h| *h == "message")
        .expect("message");
    let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), messages.len());
    for (row, message) in rows.iter().zip(&messages) {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(cells.len(), header.len(), "{row:?}");
        assert!(!row.contains('\r'), "{row:?}");
        assert_eq!(&unescape(cells[column]), message);
    }
}
