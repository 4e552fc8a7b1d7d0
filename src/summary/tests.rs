//! Unit tests of section selection, and a property test that no payload,
//! however odd, makes the builders or the renderers panic.

use proptest::prelude::*;

use super::*;
use crate::detect::detect;
use crate::json::{Extent, parse};
use crate::provider::{PROVIDERS, Registry};
use crate::render::summary::{self as render, View};
use crate::values::parse_offset;

fn options() -> Options {
    Options {
        offset: parse_offset("-03:00").expect("offset"),
    }
}

fn summarize(text: &str, forced: Option<&'static Provider>, picked: &[&str]) -> Summary {
    let doc = parse(text, Extent::Full).expect("valid JSON");
    let detection = detect(doc.root(), &Registry::builtin(), forced).expect("recognised");
    let source = Source {
        input: "t",
        line: 1,
        column: 1,
        shares_line: false,
    };
    build(&source, doc.root(), &detection, &options(), picked)
}

fn names(summary: &Summary) -> Vec<&'static str> {
    summary.sections.iter().map(|s| s.name.name).collect()
}

const INCOMPLETE: &str = r#"{"hookType":"attendant_closed_issue","hookDescription":"x",
    "timestamp":"2025-04-23T15:38:58.346Z","content":{"id":"1","call":{"id":"2"}}}"#;

#[test]
fn sections_with_nothing_are_left_out_unless_picked() {
    let all = summarize(INCOMPLETE, None, &[]);
    assert_eq!(names(&all), ["overview"]);
    assert!(all.unpicked.is_empty());
    // Picked: kept in their usual order, empty ones too; ones that do not
    // apply to the provider are not there.
    let picked = summarize(INCOMPLETE, None, &["other", "messages", "overview"]);
    assert_eq!(names(&picked), ["overview", "other"]);
    assert!(picked.sections[1].is_empty());
    // Nothing picked applies: the ones that have something are named.
    let none = summarize(INCOMPLETE, None, &["messages"]);
    assert!(none.sections.is_empty());
    let unpicked: Vec<&str> = none.unpicked.iter().map(|n| n.name).collect();
    assert_eq!(unpicked, ["overview"]);
}

/// Keys the builders look for, so that random payloads reach deep code.
const KEYS: &[&str] = &[
    "hookType",
    "content",
    "id",
    "_id",
    "issues",
    "issue",
    "tags",
    "type",
    "label",
    "color",
    "subTags",
    "parentTag",
    "notes",
    "data",
    "value",
    "logs",
    "queue",
    "timestamp",
    "detail",
    "client",
    "initialDate",
    "duration",
    "textChat",
    "questionnaire",
    "rating",
    "status",
    "talk_histories",
    "sent_at",
    "message",
    "user",
    "name",
    "customer",
    "telephones",
    "custom_fields",
    "talk_events",
    "event",
    "bot_variables",
    "finished_at",
    "created_at",
];

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as J;
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(J::from),
        prop_oneof![
            Just("2025-04-23T15:41:08.510Z".to_string()),
            Just("2025-09-08 11:01:17".to_string()),
            Just("data:image/png;base64,iVBORw0KGgo=".to_string()),
            Just("<p>a &amp; b</p>".to_string()),
            Just("in".to_string()),
            Just("sub-tag".to_string()),
            "\\PC{0,12}",
            "[\u{0}-\u{1f}\u{1b}\u{e0001}\u{202e}a ]{0,6}",
        ]
        .prop_map(J::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(J::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|m| {
                J::Object(m.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn odd_payloads_never_panic(value in json_value(), width in 20usize..140, full: bool) {
        let text = value.to_string();
        for forced in PROVIDERS {
            let summary = summarize(&text, Some(*forced), &[]);
            let mut out = Vec::new();
            for color in [false, true] {
                render::text(&summary, &View { color, width, full }, &mut out).expect("renders");
            }
            render::json(&summary, &mut out).expect("renders");
        }
    }
}
