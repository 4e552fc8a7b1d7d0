//! The fast builder against serde_json's: on every extent, a payload it
//! takes is one serde_json's builder takes, built into the same arena.

use proptest::prelude::*;

use super::super::differential::compare;

fn samples() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut texts = Vec::new();
    for path in [
        "nuvidio/attendant_closed_issue.complete.json",
        "nuvidio/attendant_closed_issue.incomplete.json",
        "piperun/talk.json",
    ] {
        texts.push(std::fs::read_to_string(format!("{root}/{path}")).expect("sample"));
    }
    let batch = std::fs::read_to_string(format!("{root}/batch.ndjson")).expect("batch");
    texts.extend(batch.lines().map(str::to_string));
    texts
}

#[test]
fn samples_are_built_fast_and_alike() {
    for text in samples() {
        assert!(compare(&text).iter().all(|&took| took), "{text}");
    }
}

/// Forms the fast builder reads itself: compared on every extent, placed
/// where each extent builds, skips or drops them.
const TAKEN: &[&str] = &[
    r#""plain""#,
    r#""tab\tnew\nline\r\\ \"q\" \/ \b\f""#,
    r#""\u00e9\u0041\u20ac\ud83d\ude00 é""#,
    r#""\u0000""#,
    "0",
    "-0",
    "-0.0",
    "12",
    "-3",
    "2.50",
    "1e5",
    "1E5",
    "1e+5",
    "1.5E-7",
    "-1.0e0",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    " [ 1 , { } , [ ] , \"x\" ] ",
    r#"{"a":1,"a":2,"k\"e\u0079":{"x":[1,2,{"y":null}]}}"#,
    "{\n  \"a\" : [\n    1,\r\n\t2\n  ]\n}",
];

/// Forms left to serde_json (errors, lone surrogates, the number token).
const LEFT: &[&str] = &[
    r#""\ud83d""#,
    r#""\ud83dx""#,
    r#""\ud83d\u0041""#,
    r#""\ude00""#,
    r#""a\x""#,
    r#""a\u12g4""#,
    "\"tab\tinside\"",
    "\"unterminated",
    "01",
    "1.",
    "1e",
    "-",
    "+1",
    ".5",
    "tru",
    "nul",
    "[1,]",
    "[1 2]",
    "{\"a\" 1}",
    "{\"a\":1,}",
    "{1:2}",
    "[1]]",
    "[1] x",
    r#"{"$serde_json::private::Number":"12"}"#,
];

/// Places for a value: built whole, inside NuVidio's `content`, below a
/// message (projected, dropped, skipped), deep in a free-form part.
const PLACES: &[(&str, &str)] = &[
    ("", ""),
    (r#"{"hookType":"x","content":{"call":{"id":"#, "}}}"),
    (r#"{"hookType":"x","z":{"deep":["#, "]}}"),
    (r#"{"id":1,"talk_histories":[{"id":"#, "}]}"),
    (r#"{"id":1,"talk_histories":[{"zz":"#, "}]}"),
    (
        r#"{"id":1,"talk_histories":[{"user":{"preferences":{"p":"#,
        "}}}]}",
    ),
    (r#"{"id":1,"talk_histories":[{"user":{"name":"#, "}}]}"),
    (r#"{"unknown":[{"a":{"b":"#, "}}]}"),
];

#[test]
fn no_value_is_left_to_serde_json() {
    for text in ["", "   ", "\n"] {
        assert!(compare(text).iter().all(|&t| !t), "{text:?}");
    }
}

#[test]
fn every_form_in_every_place_matches_serde_json() {
    for &(before, after) in PLACES {
        for value in TAKEN {
            let text = format!("{before}{value}{after}");
            let took = compare(&text);
            assert!(took.iter().all(|&t| t), "{text}: {took:?}");
        }
        for value in LEFT {
            let text = format!("{before}{value}{after}");
            let took = compare(&text);
            assert!(took.iter().all(|&t| !t), "{text}: {took:?}");
        }
    }
}

/// `levels` nested arrays around `inner`.
fn nested(levels: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels))
}

// The nesting limit holds in built and skipped parts alike: 128 levels
// are built fast, 129 are left to serde_json (which reports them).
#[test]
fn the_nesting_limit_is_left_to_serde_json() {
    for &(before, after) in PLACES {
        let outer = before.matches(['[', '{']).count();
        for inner in ["", "1", "{}", "{\"a\":1}"] {
            let extra = usize::from(inner.starts_with('{'));
            let text = |levels: usize| {
                let arrays = levels - outer - extra;
                format!("{before}{}{after}", nested(arrays, inner))
            };
            assert!(compare(&text(128)).iter().all(|&t| t), "{}", text(128));
            assert!(compare(&text(129)).iter().all(|&t| !t), "{}", text(129));
        }
    }
}

/// Arbitrary JSON text: scalars of every form, nested containers, with
/// keys the descriptions know (so that every extent builds, skips and
/// drops parts of it).
fn json_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "content",
        "call",
        "talk_histories",
        "user",
        "name",
        "preferences",
        "message",
        "hookType",
        "tags",
        "k\\u0065y",
        "zz",
    ]);
    let scalar = prop_oneof![
        prop::sample::select(TAKEN.to_vec()).prop_map(str::to_string),
        "[a-z\\\\\"\\n]{0,6}".prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| serde_json::to_string(&n).unwrap_or_default()),
    ];
    scalar.prop_recursive(5, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(|members| {
                let members: Vec<String> = members
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", members.join(", "))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_payloads_match_serde_json(text in json_text()) {
        let took = compare(&text);
        prop_assert!(took.iter().all(|&t| t), "{}", text);
    }

    // Broken payloads: a byte cut, changed or inserted anywhere is never
    // taken unless serde_json takes it too (compare panics otherwise).
    #[test]
    fn mutated_payloads_never_pass_where_serde_json_fails(
        text in json_text(),
        at in any::<prop::sample::Index>(),
        byte in prop::sample::select(b"{}[]\":,\\ -+.eE0aun\t".to_vec()),
        how in 0..3u8,
    ) {
        let mut bytes = text.into_bytes();
        let i = at.index(bytes.len() + 1);
        match how {
            0 => bytes.truncate(i),
            1 if i < bytes.len() => bytes[i] = byte,
            _ => bytes.insert(i, byte),
        }
        if let Ok(text) = String::from_utf8(bytes) {
            compare(&text);
        }
    }
}
