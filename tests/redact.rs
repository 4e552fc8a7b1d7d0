//! `hookscope redact` (issue 16), end to end on the bundled samples and on
//! a generated corpus: no personal value of the input survives; the output
//! gives the same `detect` kinds, the same `check` codes at the same
//! pointers and the same `csv` row counts; it keeps the input's form; the
//! salt alone decides the pseudonyms.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::{Run, hookscope};
use serde_json::{Map, Value, json};

const SAMPLES: &[&str] = &[
    "samples/piperun/talk.json",
    "samples/nuvidio/attendant_closed_issue.complete.json",
    "samples/nuvidio/attendant_closed_issue.incomplete.json",
    "samples/batch.ndjson",
];

/// Keys whose string values are personal data, wherever they are (the
/// descriptions' marks, and the unknown keys the corpus adds).
const PERSONAL_KEYS: &[&str] = &[
    "message",
    "original_message",
    "subject",
    "file_name",
    "from",
    "to",
    "name",
    "login",
    "email",
    "whatsapp_number",
    "document_number",
    "client_ip",
    "client_user_agent",
    "latitude",
    "longitude",
    "url_viewer",
    "attachment_url",
    "number",
    "full_number",
    "full_number_cc",
    "wa_contact_name",
    "wa_pushname",
    "wa_verified_name",
    "wa_profile_picture",
    "username",
    "profile_pic",
    "profile_picture_url",
    "tel",
    "cpf",
    "token",
    "link",
    "shortLink",
    "origin",
    "device",
    "notes",
    "client",
    "wildcard_01",
    "wildcard_02",
    "cliente_email",
    "telefone_contato",
    "nome_completo",
    "observacao",
    "ip_address",
];

/// Findings of the input that the output may lose or gain because they are
/// about the replaced values themselves. None so far: malformed e-mails,
/// URLs and data URIs stay malformed, links keep carrying their token.
const CHANGED_FINDINGS: &[(&str, &str)] = &[];

fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("redact-{name}"))
}

fn run(args: &[&str]) -> Run {
    hookscope(args, b"")
}

fn redact_to(input: &str, salt: &str, name: &str) -> (PathBuf, Run) {
    let out = run(&["redact", "--salt", salt, input]);
    assert!(out.code <= 1, "{}", out.stderr);
    let path = tmp(name);
    std::fs::write(&path, &out.stdout).expect("written");
    (path, out)
}

/// Every JSON value of a file (a document, an array's elements, NDJSON).
fn payloads(text: &str) -> Vec<Value> {
    let values: Vec<Value> = serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map(|v| v.expect("valid JSON"))
        .collect();
    match values.as_slice() {
        [Value::Array(items)] => items.clone(),
        _ => values,
    }
}

/// Whether the string at `key` inside `parent` is personal.
fn is_personal(parent: Option<&str>, key: &str) -> bool {
    match key {
        // `name` is also an issue's title, a log event, a department.
        "name" => matches!(
            parent,
            Some("customer" | "attendant" | "user" | "profile_info")
        ),
        // A queue log's detail is the platform's own text.
        "message" => parent != Some("detail"),
        _ => PERSONAL_KEYS.contains(&key),
    }
}

/// The personal strings of a payload, and all the other strings.
fn strings(
    value: &Value,
    at: (Option<&str>, Option<&str>),
    personal: &mut BTreeSet<String>,
    other: &mut BTreeSet<String>,
) {
    let (parent, key) = at;
    match value {
        Value::String(s) => {
            // A channel's message id carries the sender's number.
            let is_personal =
                key.is_some_and(|k| is_personal(parent, k)) || s.starts_with("wamid.");
            let set = if is_personal { personal } else { other };
            set.insert(s.clone());
        }
        Value::Array(items) => items.iter().for_each(|v| strings(v, at, personal, other)),
        Value::Object(map) => {
            let private = map.get("private") == Some(&Value::Bool(true));
            for (k, v) in map {
                let k = if private && k == "value" {
                    "message"
                } else {
                    k.as_str()
                };
                // A free-form object under a personal key (custom fields,
                // text chat) is personal as a whole.
                let k = match key {
                    Some("custom_fields" | "textChat") => "message",
                    _ => k,
                };
                strings(v, (key, Some(k)), personal, other);
            }
        }
        _ => {}
    }
}

/// Personal values worth looking for: long enough to be told apart, not
/// also a non-personal value of the input (`system` is a client and a
/// role), not too few digits for a telephone (`"to": "1"`).
fn personal_values(input: &str) -> Vec<String> {
    let (mut personal, mut other) = (BTreeSet::new(), BTreeSet::new());
    for payload in payloads(input) {
        strings(&payload, (None, None), &mut personal, &mut other);
    }
    personal
        .into_iter()
        .filter(|v| v.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
        .filter(|v| !other.contains(v))
        .filter(|v| !(v.bytes().all(|b| b.is_ascii_digit()) && v.len() < 6))
        .collect()
}

fn assert_no_personal_value_left(input: &str, output: &str, at_least: usize) {
    let values = personal_values(input);
    assert!(
        values.len() >= at_least,
        "the test looks for something: {values:?}"
    );
    let (mut left, mut keys) = (BTreeSet::new(), BTreeSet::new());
    for payload in payloads(output) {
        strings(&payload, (None, None), &mut keys, &mut left);
    }
    left.extend(keys);
    for value in values {
        let quoted = serde_json::to_string(&value).expect("string");
        // Long values anywhere in the text; short ones as a whole value.
        let found = if value.chars().count() >= 6 {
            output.contains(&value) || output.contains(&quoted[1..quoted.len() - 1])
        } else {
            left.contains(&value)
        };
        assert!(!found, "{value:?} is still in the output");
    }
}

/// `(payload index, code, pointer)` of `check --format json`.
fn findings(path: &str) -> BTreeSet<(usize, String, String)> {
    let out = run(&["check", "--format", "json", path]);
    let mut all = BTreeSet::new();
    for (i, line) in out.stdout.lines().enumerate() {
        let report: Value = serde_json::from_str(line).expect("json line");
        for f in report["findings"].as_array().expect("findings") {
            let code = f["code"].as_str().expect("code").to_string();
            if CHANGED_FINDINGS.iter().any(|(c, _)| *c == code) {
                continue;
            }
            all.insert((i, code, f["path"].as_str().expect("path").to_string()));
        }
    }
    all
}

fn kinds(path: &str) -> Vec<String> {
    run(&["detect", path])
        .stdout
        .lines()
        .map(|l| l.split('\t').skip(1).collect::<Vec<_>>().join("\t"))
        .collect()
}

fn entities() -> Vec<String> {
    let list = run(&["csv", "--list"]).stdout;
    list.lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
        })
        .map(str::to_string)
        .collect()
}

fn row_counts(path: &str, entities: &[String]) -> BTreeMap<String, usize> {
    entities
        .iter()
        .map(|e| {
            let out = run(&["csv", "--rows", e, "--format", "jsonl", path]);
            (e.clone(), out.stdout.lines().count())
        })
        .collect()
}

/// The text outside string literals (structure, numbers, spacing).
fn skeleton(text: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                out.push('"');
            }
        } else {
            if c == '"' {
                in_string = true;
            }
            out.push(c);
        }
    }
    out
}

fn same_behaviour(input: &str, output: &str) {
    assert_eq!(kinds(input), kinds(output), "detect of {input}");
    let found = findings(input);
    assert!(
        !found.is_empty() || input.contains("incomplete"),
        "check finds something in {input}"
    );
    assert_eq!(found, findings(output), "check of {input}");
    let entities = entities();
    assert!(entities.len() >= 3, "{entities:?}");
    assert_eq!(
        row_counts(input, &entities),
        row_counts(output, &entities),
        "csv of {input}"
    );
}

#[test]
fn samples_lose_their_personal_data_and_keep_their_findings() {
    for (i, sample) in SAMPLES.iter().enumerate() {
        let (out, _) = redact_to(sample, "s1", &format!("sample-{i}"));
        let input = std::fs::read_to_string(sample).expect("sample");
        let output = std::fs::read_to_string(&out).expect("output");
        assert_no_personal_value_left(&input, &output, 1);
        assert_eq!(skeleton(&input), skeleton(&output), "the form of {sample}");
        same_behaviour(sample, out.to_str().expect("path"));
    }
}

#[test]
fn every_option_keeps_the_findings() {
    for (i, sample) in SAMPLES.iter().enumerate() {
        let args = [
            "redact",
            "--salt",
            "o",
            "--ids",
            "--shift-dates",
            "-30",
            "--text",
            "drop",
            sample,
        ];
        let out = run(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let path = tmp(&format!("options-{i}"));
        std::fs::write(&path, &out.stdout).expect("written");
        same_behaviour(sample, path.to_str().expect("path"));
    }
}

#[test]
fn a_generated_corpus_loses_its_personal_data_and_keeps_its_findings() {
    let corpus = corpus(7, 40);
    for (form, text) in [("ndjson", ndjson(&corpus)), ("array", array(&corpus))] {
        let input = tmp(&format!("corpus.{form}"));
        std::fs::write(&input, &text).expect("written");
        let input = input.to_str().expect("path");
        let (out, _) = redact_to(input, "s2", &format!("corpus-out.{form}"));
        let output = std::fs::read_to_string(&out).expect("output");
        assert_no_personal_value_left(&text, &output, 200);
        assert_eq!(
            skeleton(&text),
            skeleton(&output),
            "the {form} form is kept"
        );
        same_behaviour(input, out.to_str().expect("path"));
    }
}

#[test]
fn the_salt_alone_decides_the_pseudonyms() {
    let input = tmp("salt.ndjson");
    std::fs::write(&input, ndjson(&corpus(3, 12))).expect("written");
    let input = input.to_str().expect("path");
    let a = run(&["redact", "--salt", "one", input]).stdout;
    let again = run(&["redact", "--salt", "one", input]).stdout;
    let b = run(&["redact", "--salt", "two", input]).stdout;
    assert_eq!(a, again, "the same salt gives the same bytes");
    let original = std::fs::read_to_string(input).expect("input");
    let (mut replaced, mut differ) = (0, 0);
    for ((o, a), b) in payloads(&original)
        .iter()
        .zip(payloads(&a))
        .zip(payloads(&b))
    {
        compare(o, &a, &b, &mut replaced, &mut differ);
    }
    assert!(replaced > 100, "{replaced} values replaced");
    assert_eq!(
        replaced, differ,
        "every replaced value differs between salts"
    );
    let random1 = run(&["redact", input]).stdout;
    let random2 = run(&["redact", input]).stdout;
    assert_ne!(random1, random2, "a random salt per run");
}

/// Counts the strings (of 4 letters or digits or more) that the redaction
/// replaced, and those whose replacement differs between the two salts.
fn compare(o: &Value, a: &Value, b: &Value, replaced: &mut usize, differ: &mut usize) {
    match (o, a, b) {
        (Value::String(o), Value::String(a), Value::String(b))
            if o != a && o.chars().filter(|c| c.is_alphanumeric()).count() >= 4 =>
        {
            *replaced += 1;
            *differ += usize::from(a != b);
            assert_ne!(a, b, "{o:?} got the same pseudonym from two salts");
        }
        (Value::Array(o), Value::Array(a), Value::Array(b)) => {
            for ((o, a), b) in o.iter().zip(a).zip(b) {
                compare(o, a, b, replaced, differ);
            }
        }
        (Value::Object(o), Value::Object(a), Value::Object(b)) => {
            for (key, o) in o {
                compare(o, &a[key], &b[key], replaced, differ);
            }
        }
        _ => {}
    }
}

#[test]
fn show_salt_report_and_broken_payloads() {
    let input = "{\"nome\": \"Maria\",\"x\":1}\n{\"a\": \"Maria da Silva\",}\n";
    let out = hookscope(
        &["redact", "--show-salt", "--report", "-"],
        input.as_bytes(),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("hookscope: redact salt: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("-:1: error[unknown-provider]"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("-:2:"), "{}", out.stderr);
    assert!(out.stderr.contains("2 payloads: "), "{}", out.stderr);
    assert!(
        !out.stdout.contains("Maria") && !out.stdout.contains("Silva"),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.lines().count(), 2);
    assert!(
        out.stdout.lines().nth(1).expect("line").ends_with("\",}"),
        "{}",
        out.stdout
    );
}

#[test]
fn gzip_input_is_written_plain() {
    use std::io::Write;
    let talk = std::fs::read("samples/piperun/talk.json").expect("sample");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&talk).expect("gzip");
    let path = tmp("talk.json.gz");
    std::fs::write(&path, gz.finish().expect("gzip")).expect("written");
    let gzipped = run(&["redact", "--salt", "z", path.to_str().expect("path")]);
    let plain = run(&["redact", "--salt", "z", "samples/piperun/talk.json"]);
    assert_eq!(gzipped.code, 0, "{}", gzipped.stderr);
    assert_eq!(gzipped.stdout, plain.stdout);
}

// ---- the generated corpus ----

/// `n` payloads made from the samples with fresh personal values, unknown
/// personal fields and private issue data (seeded, so reproducible).
fn corpus(seed: u64, n: usize) -> Vec<Value> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let talk: Value =
        serde_json::from_str(include_str!("../samples/piperun/talk.json")).expect("talk");
    let complete: Value = serde_json::from_str(include_str!(
        "../samples/nuvidio/attendant_closed_issue.complete.json"
    ))
    .expect("complete");
    (0..n)
        .map(|i| {
            let person = Person::new(&mut rng);
            if i % 2 == 0 {
                piperun(talk.clone(), &person, &mut rng)
            } else {
                nuvidio(complete.clone(), &person, &mut rng)
            }
        })
        .collect()
}

struct Person {
    name: String,
    email: String,
    phone: String,
    cpf: String,
    ip: String,
    agent: String,
    text: String,
}

impl Person {
    fn new(rng: &mut fastrand::Rng) -> Self {
        const FIRST: &[&str] = &[
            "Mariana", "Joaquim", "Letícia", "Otávio", "Raimunda", "Severino",
        ];
        const LAST: &[&str] = &[
            "Albuquerque",
            "Nogueira",
            "Figueiredo",
            "Cavalcanti",
            "Magalhães",
        ];
        let first = FIRST[rng.usize(..FIRST.len())];
        let last = LAST[rng.usize(..LAST.len())];
        let tag = rng.u32(1000..9999);
        let phone = format!("5{}9{}", rng.u8(1..10), rng.u32(10_000_000..99_999_999));
        let cpf = cpf(rng);
        Person {
            name: format!("{first} {last} {tag}"),
            email: format!("{}.{}{tag}@exemplo.com.br", first.to_lowercase(), tag),
            text: format!("Oi, aqui é {first} {last} {tag}, meu CPF é {cpf}, ligue {phone}"),
            phone,
            cpf,
            ip: format!("177.{}.{}.{}", rng.u8(..), rng.u8(..), rng.u8(1..255)),
            agent: format!("Mozilla/5.0 (Linux; Android {tag}) Chrome/{tag}.0"),
        }
    }
}

fn cpf(rng: &mut fastrand::Rng) -> String {
    let mut d: Vec<u32> = (0..9).map(|_| rng.u32(0..10)).collect();
    for n in [10u32, 11] {
        let sum: u32 = d.iter().enumerate().map(|(i, x)| x * (n - i as u32)).sum();
        d.push((sum * 10 % 11) % 10);
    }
    let s: String = d
        .iter()
        .map(|x| char::from_digit(*x, 10).expect("digit"))
        .collect();
    format!("{}.{}.{}-{}", &s[..3], &s[3..6], &s[6..9], &s[9..])
}

fn piperun(mut talk: Value, p: &Person, rng: &mut fastrand::Rng) -> Value {
    talk["client_ip"] = json!(p.ip);
    talk["client_user_agent"] = json!(p.agent);
    talk["customer"]["name"] = json!(p.name);
    talk["customer"]["document_number"] = json!(p.cpf);
    talk["customer"]["emails"][0]["email"] = json!(p.email);
    talk["customer"]["telephones"][0]["full_number"] = json!(p.phone);
    talk["customer"]["profile_info"]["username"] =
        json!(format!("user{}", rng.u32(10_000..99_999)));
    talk["talk_histories"][0]["message"] = json!(p.text);
    talk["talk_histories"][0]["from"] = json!(p.phone);
    let extra: &mut Map<String, Value> = talk.as_object_mut().expect("object");
    extra.insert("cliente_email".into(), json!(p.email));
    extra.insert("observacao".into(), json!(format!("falar com {}", p.name)));
    talk
}

fn nuvidio(mut hook: Value, p: &Person, rng: &mut fastrand::Rng) -> Value {
    let content = &mut hook["content"];
    content["customer"]["name"] = json!(p.name);
    content["customer"]["email"] = json!(p.email);
    content["customer"]["tel"] = json!(format!("+{}", p.phone));
    content["queue"]["device"] = json!(p.agent);
    content["issues"][0]["notes"] = json!(format!("<p>{}</p>", p.text));
    content["issues"][0]["data"][2]["value"] = json!(format!("{} {}", p.name, rng.u32(..)));
    content["customerData"]["telefone_contato"] = json!(p.phone);
    content["customerData"]["nome_completo"] = json!(p.name);
    content["customerData"]["ip_address"] = json!(p.ip);
    hook
}

fn ndjson(corpus: &[Value]) -> String {
    corpus.iter().map(|v| format!("{v}\n")).collect()
}

fn array(corpus: &[Value]) -> String {
    serde_json::to_string_pretty(corpus).expect("json")
}

#[test]
fn many_windows_of_payloads_keep_their_order_and_separators() {
    // More payloads than one window holds (2,048), in an array spread
    // over lines with odd spacing, and a last element after a blank line.
    let hook: Value = serde_json::from_str(include_str!(
        "../samples/nuvidio/attendant_closed_issue.incomplete.json"
    ))
    .expect("hook");
    let mut text = String::from("[\n");
    for i in 0..5000 {
        let mut hook = hook.clone();
        hook["content"]["note"] = json!(format!("payload {i}, Maria Souza {i}"));
        let sep = if i == 0 {
            "  "
        } else if i % 7 == 0 {
            " ,\n\n  "
        } else {
            ",\n  "
        };
        text.push_str(sep);
        text.push_str(&hook.to_string());
    }
    text.push_str("\n]\n");
    let input = tmp("many.json");
    std::fs::write(&input, &text).expect("written");
    let out = run(&[
        "--jobs",
        "1",
        "redact",
        "--salt",
        "w",
        input.to_str().expect("path"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let threads = run(&[
        "--jobs",
        "3",
        "redact",
        "--salt",
        "w",
        input.to_str().expect("path"),
    ]);
    assert_eq!(out.stdout, threads.stdout, "the same output for any --jobs");
    assert_eq!(skeleton(&text), skeleton(&out.stdout));
    assert!(!out.stdout.contains("Maria") && !out.stdout.contains("Souza"));
    let notes: Vec<String> = payloads(&out.stdout)
        .iter()
        .map(|p| p["content"]["note"].as_str().expect("note").to_string())
        .collect();
    assert_eq!(notes.len(), 5000);
    // Payload i keeps its own (masked) note: the same length as its input's.
    for (i, note) in notes.iter().enumerate() {
        assert_eq!(
            note.chars().count(),
            format!("payload {i}, Maria Souza {i}").chars().count()
        );
    }
}

#[test]
fn log_lines_with_extract_and_folders_with_recursive() {
    let line = r#"2025-01-02 10:00:00 INFO maria@x.com.br sent: {"hookType":"call_finished","content":{"id":"68090a14c44d41ed6a30baeb","customer":{"name":"Ana Maria"}},"timestamp":"2025-04-23T15:41:46.625Z","hookDescription":"x"}"#;
    let input = format!("{line}\nno JSON here, Jose Silva\n");
    let out = hookscope(
        &["redact", "--salt", "x", "--extract", "-"],
        input.as_bytes(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.lines().count(), 2);
    assert!(
        out.stdout.starts_with("2025-01-02 10:00:00 "),
        "{}",
        out.stdout
    );
    for gone in ["maria@", "Ana Maria", "Jose", "Silva"] {
        assert!(!out.stdout.contains(gone), "{gone}: {}", out.stdout);
    }
    let folder = run(&["redact", "--salt", "x", "samples"]);
    assert_eq!(folder.code, 2);
    assert!(folder.stderr.contains("is a folder"), "{}", folder.stderr);
    let folder = run(&["redact", "--salt", "x", "--recursive", "samples"]);
    assert_eq!(folder.code, 0, "{}", folder.stderr);
    assert_eq!(
        payloads(&folder.stdout).len(),
        6,
        "batch (3), talk and the two hooks"
    );
}

/// The input line every diagnostic and `--report` line of `stderr` names
/// (`NAME:LINE:` or `hookscope: NAME:LINE:`), in the order written.
fn lines_named(stderr: &str, name: &str) -> Vec<usize> {
    let prefix = format!("{name}:");
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("hookscope: ").unwrap_or(line);
            let rest = rest.strip_prefix(&prefix)?;
            rest.split(':').next()?.parse().ok()
        })
        .collect()
}

#[test]
fn problems_and_report_lines_come_in_input_order() {
    let input = "tests/inputs/check/real/p11-log-lines.txt";
    for extract in [false, true] {
        let mut args = vec!["redact", "--salt", "x", "--report"];
        if extract {
            args.push("--extract");
        }
        args.push(input);
        let out = run(&args);
        assert_eq!(out.code, 1, "{}", out.stderr);
        let named = lines_named(&out.stderr, input);
        let mut sorted = named.clone();
        sorted.sort_unstable();
        assert_eq!(named, sorted, "extract {extract}: {}", out.stderr);
        let expected: &[usize] = if extract {
            &[1, 3, 3, 6, 6]
        } else {
            &[1, 2, 3, 3, 4, 5, 6, 6]
        };
        assert_eq!(named, expected, "extract {extract}: {}", out.stderr);
    }
}

#[test]
fn the_platforms_own_log_entries_keep_their_sentinel_client() {
    let sample = "samples/nuvidio/attendant_closed_issue.complete.json";
    let out = run(&["redact", "--salt", "x", sample]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let logs = &payloads(&out.stdout)[0]["content"]["logs"];
    let logs = logs.as_array().expect("logs");
    let system: Vec<&Value> = logs
        .iter()
        .filter(|log| log["clientRole"] == "system")
        .collect();
    assert!(!system.is_empty(), "the sample has a system entry");
    for log in system {
        assert_eq!(log["client"], "system", "{log}");
    }
    for log in logs.iter().filter(|log| log["clientRole"] != "system") {
        assert_ne!(log["client"], "Duda", "a person is still replaced: {log}");
    }
}
