//! Property tests over the real binary: arbitrary JSON (and samples with
//! arbitrary edits) never make any command panic, and checking an NDJSON
//! stream in parts gives the same findings as checking it whole.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use assert_cmd::cargo::CommandCargoExt;
use proptest::prelude::*;
use serde_json::{Value, json};

const SAMPLES: [&str; 3] = [
    include_str!("../samples/piperun/talk.json"),
    include_str!("../samples/nuvidio/attendant_closed_issue.complete.json"),
    include_str!("../samples/nuvidio/attendant_closed_issue.incomplete.json"),
];

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "\\PC{0,12}".prop_map(Value::String),
        "[\\x00-\\x1f\\x7f\"\\\\]{0,4}".prop_map(Value::String),
        Just(json!("2025-09-08 11: 01: 18")),
        Just(json!("data:image/png;base64,@@")),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                "[a-z_]{1,8}|id|_id|type|hookType|content|talk_histories",
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every path to a value of `v`, as object keys and array indices.
fn paths(v: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(json!(k));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(json!(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn replace_at(v: &mut Value, path: &[Value], with: Value) {
    let mut at = v;
    for step in path {
        at = match step {
            Value::String(k) => &mut at[k.as_str()],
            Value::Number(i) => &mut at[i.as_u64().unwrap_or(0) as usize],
            _ => return,
        };
    }
    *at = with;
}

/// A sample with one value somewhere replaced by arbitrary JSON.
fn edited_sample() -> impl Strategy<Value = Value> {
    (
        0..SAMPLES.len(),
        any::<prop::sample::Index>(),
        arbitrary_json(),
    )
        .prop_map(|(s, index, with)| {
            let mut v: Value = serde_json::from_str(SAMPLES[s]).expect("sample");
            let mut all = Vec::new();
            paths(&v, &mut Vec::new(), &mut all);
            let path = all[index.index(all.len())].clone();
            replace_at(&mut v, &path, with);
            v
        })
}

fn payload() -> impl Strategy<Value = Value> {
    prop_oneof![arbitrary_json(), edited_sample()]
}

fn temp_file(contents: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "hookscope-prop-{}-{}.ndjson",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, contents).expect("temp file");
    path
}

fn ndjson(values: &[Value]) -> String {
    values.iter().map(|v| v.to_string() + "\n").collect()
}

fn run(args: &[&str], file: &PathBuf) -> (i32, String, String) {
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(args)
        .arg(file)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn no_command_panics_on_any_json(values in prop::collection::vec(payload(), 1..6)) {
        let file = temp_file(&ndjson(&values));
        let mut commands: Vec<Vec<&str>> = vec![
            vec!["detect"],
            vec!["detect", "--format", "json"],
            vec!["check"],
            vec!["check", "--strict", "--format", "junit"],
            vec!["summary"],
            vec!["summary", "--full", "--format", "json"],
        ];
        for entity in hookscope::provider::Registry::builtin().entities() {
            commands.push(vec!["csv", "--format", "jsonl", "--rows", entity.table.name]);
        }
        for args in &commands {
            let (code, _, stderr) = run(args, &file);
            prop_assert!(code == 0 || code == 1, "{args:?} exit {code}: {stderr}");
            prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
        let _ = std::fs::remove_file(file);
    }

    #[test]
    fn checking_in_parts_equals_checking_whole(
        values in prop::collection::vec(edited_sample(), 2..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let cut = 1 + cut.index(values.len() - 1);
        let whole = temp_file(&ndjson(&values));
        let first = temp_file(&ndjson(&values[..cut]));
        let second = temp_file(&ndjson(&values[cut..]));
        let findings = |out: &str| -> Vec<Value> {
            out.lines()
                .map(|l| {
                    let mut v: Value = serde_json::from_str(l).expect("json line");
                    v.as_object_mut().map(|o| o.remove("source"));
                    // Lines are the input's: they differ between the parts.
                    if let Some(findings) = v.get_mut("findings").and_then(|f| f.as_array_mut()) {
                        for f in findings {
                            f.as_object_mut().map(|o| o.remove("line"));
                        }
                    }
                    v
                })
                .collect()
        };
        let (code_whole, out_whole, _) = run(&["check", "--format", "json"], &whole);
        let (code_a, out_a, _) = run(&["check", "--format", "json"], &first);
        let (code_b, out_b, _) = run(&["check", "--format", "json"], &second);
        let mut parts = findings(&out_a);
        parts.extend(findings(&out_b));
        prop_assert_eq!(findings(&out_whole), parts);
        prop_assert_eq!(code_whole, code_a.max(code_b));
        for f in [whole, first, second] {
            let _ = std::fs::remove_file(f);
        }
    }
}
