//! `hookscope summary` properties the golden files cannot pin: the layout
//! follows `COLUMNS` (the golden harness fixes it at 100), color adds only
//! escape codes around the plain layout, and payload escapes stay escaped
//! byte for byte (trycmd normalizes `\` in text comparisons).

use std::process::Command;

const INPUTS: &[&str] = &[
    "samples/batch.ndjson",
    "tests/inputs/summary/nuvidio-malformed.json",
    "tests/inputs/summary/piperun-malformed.json",
    "tests/inputs/summary/piperun-escapes.json",
    "tests/inputs/summary/piperun-long.json",
    "tests/inputs/summary/nuvidio-hooks.ndjson",
    "tests/inputs/summary/not-lists.ndjson",
];

fn summary(columns: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hookscope"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Display width, roughly (the layout measures with unicode-width).
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            // Emoji of the samples (📣 📲) take two columns.
            0x1F300..=0x1FAFF => 2,
            _ => 1,
        })
        .sum()
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn layout_follows_the_width() {
    for columns in ["60", "80", "140"] {
        let mut args = vec!["summary"];
        args.extend(INPUTS);
        let text = summary(columns, &args);
        let limit: usize = columns.parse().expect("number");
        // Section bodies are indented; a payload's heading line is not
        // wrapped, so that it can be searched for.
        for line in text.lines().filter(|l| l.starts_with("  ")) {
            assert!(width(line) <= limit, "wider than {limit}: {line:?}");
        }
    }
}

/// Regression guard for the zero-width style markers: the colored output is
/// the plain output with escape codes added, nothing moved.
#[test]
fn color_only_adds_escape_codes() {
    for columns in ["60", "100"] {
        let mut plain_args = vec!["summary"];
        plain_args.extend(INPUTS);
        let mut color_args = vec!["--color", "always", "summary"];
        color_args.extend(INPUTS);
        let plain = summary(columns, &plain_args);
        let color = summary(columns, &color_args);
        assert!(color.contains("\u{1b}[38;2;133;203;60mAprovado"));
        assert!(!color.contains('\u{E0001}'), "a style marker leaked");
        assert_eq!(strip_ansi(&color), plain);
    }
}

#[test]
fn payload_escapes_stay_escaped() {
    let text = summary(
        "100",
        &["summary", "tests/inputs/summary/piperun-escapes.json"],
    );
    assert!(!text.contains('\u{1b}'), "raw ESC in the output");
    assert!(!text.contains('\u{7}'), "raw BEL in the output");
    assert!(
        !text.contains('\u{202e}'),
        "raw bidi override in the output"
    );
    for shown in [
        r"T\e]0;pwned\u{7}",
        r"hello \e[31mred\e[0m",
        r"bell\u{7}",
        r"second line\tafter tab",
        r"\u{e0001}\u{e00",
        r"\u{202e}evil",
        r"Zé \e[7mreverse",
        r"@x\u{0}",
    ] {
        assert!(text.contains(shown), "missing {shown:?} in\n{text}");
    }
}

/// A talk whose first message is `message` and whose id has `digits`
/// digits, written under the test's temporary directory.
fn long_talk(name: &str, message: &str, digits: usize) -> String {
    let talk = std::fs::read_to_string("samples/piperun/talk.json").expect("sample");
    let talk = talk
        .replacen("\"Teste Jonas\"", &format!("\"{message}\""), 1)
        .replacen(
            "\"id\": 114603,",
            &format!("\"id\": {},", "7".repeat(digits)),
            1,
        );
    let path = format!("{}/{name}.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, talk).expect("written");
    path
}

/// The lines of section `title`'s table, up to the blank line after it.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

// issue 9 point 7: a long unbroken word made `summary` quadratic. Whatever
// the path, a cut row shows at most its three lines, nothing is wider than
// the terminal, and `--full` shows every character. issue 14: an unbroken
// word is never split: it is shortened in the middle, and whole on one
// line under `--full`.
#[test]
fn long_words_fit_the_table() {
    let word = "x".repeat(30_000);
    let path = long_talk("long-talk", &format!("ab {word} cd"), 20_000);
    let plain = long_talk("plain-talk", "ab cd", 6);
    for columns in ["20", "100"] {
        // Tables are never narrower than 20 columns, plus the indent.
        let limit = columns.parse::<usize>().expect("number").max(22);
        let cut = summary(columns, &["summary", "--no-findings", &path]);
        let full = summary(columns, &["summary", "--no-findings", "--full", &path]);
        for line in cut.lines().filter(|l| l.starts_with("  ")) {
            assert!(width(line) <= limit, "wider than {limit}: {line:?}");
        }
        let x_lines = |text: &str| {
            let rows = section(text, "Messages");
            rows.iter().filter(|l| l.contains("xxx")).count()
        };
        assert_eq!(x_lines(&cut), 1, "{:?}", section(&cut, "Messages"));
        assert_eq!(x_lines(&full), 1, "{:?}", section(&full, "Messages"));
        let count = |text: &str, c: char| text.chars().filter(|&x| x == c).count();
        let others = count(
            &summary(columns, &["summary", "--no-findings", "--full", &plain]),
            'x',
        );
        assert_eq!(
            count(&full, 'x') - others,
            word.len(),
            "--full shows it whole"
        );
        let id = "7".repeat(20_000);
        let overview = section(&cut, "Overview").concat();
        assert!(!overview.contains(&id) && overview.contains("77…77"));
        assert!(
            section(&full, "Overview").concat().contains(&id),
            "--full shows the id whole"
        );
    }
}

// issue 9 point 13: a payload with a million fields no description knows
// took a gigabyte to summarize as text. Text lists the first 200 and says
// how many more; --full and JSON list them all.
#[test]
fn unknown_fields_beyond_200_are_counted_in_text() {
    let talk = std::fs::read_to_string("samples/piperun/talk.json").expect("sample");
    let extra: Vec<String> = (0..300).map(|i| format!("\"k{i:03}\":{i}")).collect();
    let talk = format!(
        "{},{}}}",
        talk.trim_end().trim_end_matches('}'),
        extra.join(",")
    );
    let path = format!("{}/many-unknown.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, talk).expect("written");
    let text = summary("100", &["summary", "--section", "other", &path]);
    let other = section(&text, "Other fields");
    assert_eq!(other.len(), 201, "{other:?}");
    assert_eq!(other[200], "  … and 100 more (--full shows them all)");
    let full = summary("100", &["summary", "--full", "--section", "other", &path]);
    assert!(full.contains("/k299  299"), "{full}");
    let json = summary("100", &["summary", "--format", "json", &path]);
    assert!(json.contains(r#""key":"/k299","label":"/k299","value":"299""#));
}

/// Every string and number of the JSON documents of `path` (one or more
/// per file).
fn payload_values(path: &str) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Number(n) => out.push(n.to_string()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(path).expect("input");
    let mut out = Vec::new();
    let docs = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    for doc in docs.map_while(Result::ok) {
        walk(&doc, &mut out);
    }
    out
}

/// Whether `value` starts with `YYYY-MM-DD`.
fn starts_with_date(value: &str) -> bool {
    value.len() >= 10
        && value.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Whether `value` is one that must never be split: a URL, an e-mail, an
/// id, a token, a datetime.
fn unbroken_kind(value: &str) -> bool {
    let date = starts_with_date(value);
    let token = !value.contains(' ')
        && value.len() >= 8
        && (value.contains("://")
            || value.contains('@') && value.contains('.')
            || value.bytes().filter(u8::is_ascii_digit).count() >= 4);
    date || token
}

// issue 14: at every width from 60 columns up, no line is wider than the
// terminal, and no URL, e-mail, id or datetime of the payload is split
// across two lines: each shows whole or shortened with `…`.
#[test]
fn unbroken_values_are_never_split() {
    const FILES: &[&str] = &[
        "samples/piperun/talk.json",
        "samples/nuvidio/attendant_closed_issue.complete.json",
        "samples/nuvidio/attendant_closed_issue.incomplete.json",
        "samples/batch.ndjson",
        "tests/inputs/summary/piperun-long.json",
        "tests/inputs/summary/piperun-urls.json",
        "tests/inputs/summary/piperun-malformed.json",
        "tests/inputs/summary/nuvidio-malformed.json",
        "tests/inputs/summary/nuvidio-hooks.ndjson",
    ];
    let all: std::collections::HashSet<String> =
        FILES.iter().flat_map(|f| payload_values(f)).collect();
    let values: Vec<&String> = all.iter().filter(|v| unbroken_kind(v)).collect();
    assert!(values.iter().any(|v| v.contains("://")));
    for columns in ["60", "80", "120", "200"] {
        let limit: usize = columns.parse().expect("number");
        let mut args = vec!["summary"];
        args.extend(FILES);
        let text = summary(columns, &args);
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  ")).collect();
        for line in &lines {
            let shown = unicode_width::UnicodeWidthStr::width(*line);
            assert!(shown <= limit, "wider than {limit}: {line:?}");
        }
        let words = |line: &str| -> Vec<String> {
            line.split_whitespace()
                .map(|w| w.trim_matches(|c| "()<>,".contains(c)).to_string())
                .filter(|w| !w.is_empty() && !w.contains('…'))
                .collect()
        };
        let words: Vec<Vec<String>> = lines.iter().map(|l| words(l)).collect();
        let is_date = |w: &str| w.len() == 10 && starts_with_date(w);
        for line in &lines {
            let last = line.split_whitespace().last().unwrap_or_default();
            assert!(
                !is_date(last),
                "a datetime split after {last:?} at {columns}"
            );
        }
        for value in &values {
            if value.contains(' ') {
                // A datetime's words other than its last never end a line.
                let parts: Vec<&str> = value.split(' ').collect();
                for part in &parts[..parts.len() - 1] {
                    let ends = lines
                        .iter()
                        .any(|l| l.trim_end().ends_with(&format!(" {part}")));
                    assert!(!ends, "{value:?} split after {part:?} at {columns}");
                }
                continue;
            }
            // Split: a line shows its head, the next line the rest.
            for pair in words.windows(2) {
                for head in pair[0].iter().filter(|w| value.starts_with(w.as_str())) {
                    let rest = &value[head.len()..];
                    let split = !rest.is_empty() && pair[1].iter().any(|w| w == rest);
                    assert!(
                        !split,
                        "{value:?} split after {head:?} at {columns}:\n{text}"
                    );
                }
            }
        }
    }
}

/// The payload that starts at line `line` of `path` (as a summary's
/// `source` names it).
fn payload_at(path: &str, line: usize) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("input");
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let mut docs = serde_json::Deserializer::from_str(&text[start..]).into_iter();
    docs.next().expect("a payload").expect("json")
}

/// Labels the summary writes itself, read from no payload value.
fn own_label(section: &str, column: &str, text: &str) -> bool {
    matches!(
        (section, column, text),
        ("timeline", "who", "queue") | ("data", "issue", "customer data")
    )
}

/// Checks that a shown value carries `raw` or `parts`, and that every part
/// is the payload's value at its pointer, typed as the payload has it.
fn check_typed(
    payload: &serde_json::Value,
    raw: Option<&serde_json::Value>,
    parts: Option<&serde_json::Value>,
    what: &str,
) {
    assert!(raw.is_some() || parts.is_some(), "{what}: no raw, no parts");
    for (pointer, value) in parts.and_then(|p| p.as_object()).into_iter().flatten() {
        assert_eq!(
            payload.pointer(pointer),
            Some(value),
            "{what}: part {pointer}"
        );
        assert!(!value.is_object() && !value.is_array(), "{what}: {pointer}");
    }
}

// issue 14: in `summary --format json`, every value shown carries what the
// payload has, typed: `raw` for one payload value, `parts` (JSON Pointer to
// value) for a value built from several.
#[test]
fn every_json_value_carries_its_typed_payload_values() {
    const FILES: &[&str] = &[
        "samples/piperun/talk.json",
        "samples/nuvidio/attendant_closed_issue.complete.json",
        "samples/nuvidio/attendant_closed_issue.incomplete.json",
        "samples/batch.ndjson",
        "tests/inputs/summary/piperun-long.json",
        "tests/inputs/summary/piperun-urls.json",
        "tests/inputs/summary/nuvidio-hooks.ndjson",
        "tests/inputs/summary/piperun-malformed.json",
        "tests/inputs/summary/nuvidio-malformed.json",
        "tests/inputs/summary/not-lists.ndjson",
        "tests/inputs/summary/piperun-escapes.json",
    ];
    let mut composite = 0;
    for file in FILES {
        let out = summary("100", &["summary", "--format", "json", file]);
        for line in out.lines() {
            let doc: serde_json::Value = serde_json::from_str(line).expect("json line");
            let source = doc["source"].as_str().expect("source");
            let (path, n) = source.rsplit_once(':').expect("PATH:LINE");
            let payload = payload_at(path, n.parse().expect("line"));
            for section in doc["sections"].as_array().expect("sections") {
                let name = section["section"].as_str().expect("name");
                for field in section["fields"].as_array().into_iter().flatten() {
                    if field["value"].is_null() {
                        continue;
                    }
                    let what = format!("{source} {name} {}", field["key"]);
                    composite += usize::from(field.get("parts").is_some());
                    check_typed(&payload, field.get("raw"), field.get("parts"), &what);
                }
                for row in section["rows"].as_array().into_iter().flatten() {
                    for column in section["columns"].as_array().expect("columns") {
                        let key = column["key"].as_str().expect("key");
                        let Some(text) = row[key].as_str() else {
                            continue;
                        };
                        if own_label(name, key, text) {
                            continue;
                        }
                        let what = format!("{source} {name} {key} {text:?}");
                        let raw = row.get("raw").and_then(|r| r.get(key));
                        let parts = row.get("parts").and_then(|p| p.get(key));
                        check_typed(&payload, raw, parts, &what);
                    }
                }
            }
        }
    }
    assert!(composite > 10, "{composite} composite fields");
}
