//! `csv`'s computed columns agree with `summary` (issue 13): a talk's
//! `duration_s` is the duration `summary` shows, in any `--timezone`.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn first_json_line(args: &[&str]) -> Value {
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    serde_json::from_str(text.lines().next().expect("a line")).expect("json")
}

/// The `duration` field of the summary's overview.
fn summary_duration(input: &str, timezone: &str) -> Value {
    let summary = first_json_line(&["summary", "--format", "json", "--timezone", timezone, input]);
    let fields = summary["sections"][0]["fields"].as_array().expect("fields");
    let field = fields
        .iter()
        .find(|f| f["key"] == "duration")
        .expect("duration");
    field["value"].clone()
}

fn duration_s(input: &str, timezone: &str) -> Value {
    let args = [
        "csv",
        "--rows",
        "talks",
        "--format",
        "jsonl",
        "--timezone",
        timezone,
        input,
    ];
    first_json_line(&args)["duration_s"].clone()
}

#[test]
fn talk_duration_is_the_one_summary_shows() {
    let cases = [
        ("samples/piperun/talk.json", "-03:00", "2s", 2),
        (
            "tests/inputs/csv/long-talk.json",
            "-03:00",
            "1h 44m 10s",
            6250,
        ),
        (
            "tests/inputs/csv/long-talk.json",
            "+00:00",
            "-1h 15m 50s",
            -4550,
        ),
    ];
    for (input, timezone, shown, seconds) in cases {
        assert_eq!(
            summary_duration(input, timezone),
            shown,
            "{input} {timezone}"
        );
        assert_eq!(duration_s(input, timezone), seconds, "{input} {timezone}");
    }
}

#[test]
fn an_open_talk_has_no_duration() {
    let input = "tests/inputs/csv/open-talk.json";
    assert_eq!(summary_duration(input, "-03:00"), "open");
    assert_eq!(duration_s(input, "-03:00"), Value::Null);
}
