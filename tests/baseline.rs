//! `check --write-baseline` and `check --baseline`: findings are matched
//! by payload identity, code and pointer, so a capture that gains a
//! payload and has its payloads reordered reports only the new payload's
//! findings.

mod common;

use common::hookscope;

fn compact(path: &str) -> String {
    let text = std::fs::read_to_string(path).expect("sample");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    value.to_string()
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("hookscope-baseline-{}-{name}", std::process::id()))
}

#[test]
fn only_new_findings_are_reported_whatever_the_order() {
    let talk = compact("samples/piperun/talk.json");
    let hook = compact("samples/nuvidio/attendant_closed_issue.complete.json");
    let new_talk = talk.replacen("\"id\":114603", "\"id\":999", 1).replacen(
        "\"was_success\":false",
        "\"was_success\":\"no\"",
        1,
    );
    assert_ne!(new_talk, talk, "the new talk differs");
    let before = temp("before.ndjson");
    let after = temp("after.ndjson");
    let file = temp("baseline.json");
    std::fs::write(&before, format!("{talk}\n{hook}\n")).expect("written");
    std::fs::write(&after, format!("{hook}\n{new_talk}\n{talk}\n")).expect("written");
    let (file_s, before_s, after_s) = (
        file.to_str().expect("utf-8"),
        before.to_str().expect("utf-8"),
        after.to_str().expect("utf-8"),
    );

    let wrote = hookscope(&["check", "--write-baseline", file_s, before_s], b"");
    assert_eq!(wrote.code, 0, "{}", wrote.stderr);
    assert!(
        wrote.stderr.contains("wrote 13 findings of 2 payloads"),
        "{}",
        wrote.stderr
    );
    let text = std::fs::read_to_string(&file).expect("baseline");
    assert!(text.starts_with("{\n  \"hookscope_baseline\": 1,\n  \"findings\": [\n"));
    assert!(text.contains(r#"{"payload":"id=114603 tracking_number=\"20250908114603\"","code":"bad-datetime","path":"/talk_histories/2/sent_at"}"#), "{text}");

    let same = hookscope(&["check", "--baseline", file_s, before_s], b"");
    assert_eq!(same.code, 0, "{}", same.stdout);
    assert!(same.stdout.ends_with("2 payloads: 2 valid, 0 invalid (0 errors, 0 warnings); 13 findings matched the baseline\n"), "{}", same.stdout);

    let run = hookscope(&["check", "--baseline", file_s, after_s], b"");
    assert_eq!(run.code, 1, "{}", run.stdout);
    let reported: Vec<&str> = run.stdout.lines().filter(|l| l.contains('[')).collect();
    assert!(!reported.is_empty());
    for line in &reported {
        assert!(
            line.split(':').nth(1) == Some("2"),
            "only the new talk (line 2) is reported: {line}"
        );
    }
    assert!(
        reported
            .iter()
            .any(|l| l.contains("wrong-type] /was_success")),
        "{reported:?}"
    );
    assert!(
        run.stdout.contains("; 13 findings matched the baseline"),
        "{}",
        run.stdout
    );
    for path in [&before, &after, &file] {
        let _ = std::fs::remove_file(path);
    }
}

#[test]
fn a_broken_baseline_is_trouble() {
    let file = temp("broken.json");
    std::fs::write(&file, "{\"findings\": 3}").expect("written");
    let run = hookscope(
        &[
            "check",
            "--baseline",
            file.to_str().expect("utf-8"),
            "samples/piperun/talk.json",
        ],
        b"",
    );
    let _ = std::fs::remove_file(&file);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a hookscope baseline"),
        "{}",
        run.stderr
    );
}
