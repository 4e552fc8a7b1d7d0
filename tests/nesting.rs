//! The nesting limit, end to end: every command accepts a payload nested
//! 128 levels deep and rejects one nested 129 levels with the same message,
//! wherever the deep value sits (issue 9 point 18: 128 was rejected, and
//! `detect` accepted any depth below `content`).

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const COMMANDS: &[&[&str]] = &[
    &["detect"],
    &["check"],
    &["check", "--strict"],
    &["summary"],
    &["summary", "--format", "json"],
    &["csv", "--rows", "tags"],
    &["csv", "--rows", "messages"],
];

/// A payload whose deepest array is at `levels`, the deep value sitting
/// where `place` says (each place is skipped by some parses and built by
/// others).
fn payload(place: &str, levels: usize) -> String {
    let nested = |outer: usize| {
        let n = levels - outer;
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    };
    match place {
        "content" => format!(r#"{{"hookType":"x","content":{{"a":{}}}}}"#, nested(2)),
        "free-form" => format!(
            r#"{{"hookType":"x","content":{{"id":"1","status":{{"s":{}}}}}}}"#,
            nested(3)
        ),
        "talk" => format!(
            r#"{{"tracking_number":"1","customer_id":1,"channel_id":1,"was_success":true,"talk_histories":[{{"id":1,"x":{}}}]}}"#,
            nested(3)
        ),
        _ => unreachable!("{place}"),
    }
}

fn run(args: &[&str], path: &std::path::Path) -> (Option<i32>, String) {
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(args)
        .arg(path)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("run");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn depth_128_passes_and_129_is_one_error_for_every_command() {
    let dir = std::env::temp_dir().join(format!("hookscope-nesting-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for place in ["content", "free-form", "talk"] {
        for levels in [127, 128, 129] {
            let path = dir.join(format!("{place}-{levels}.json"));
            std::fs::write(&path, payload(place, levels)).expect("write");
            for args in COMMANDS {
                let (code, text) = run(args, &path);
                let too_deep = text.contains("nested deeper than 128 levels");
                let what = format!("{args:?} {place} {levels}: {text}");
                assert_eq!(too_deep, levels > 128, "{what}");
                assert_eq!(text.contains("json-syntax"), levels > 128, "{what}");
                if levels > 128 {
                    assert_eq!(code, Some(1), "{what}");
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
