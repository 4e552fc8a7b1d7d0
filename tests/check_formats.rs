//! Output formats of `check` beyond the golden files: the JUnit report is
//! well-formed XML, and control characters from payloads never reach the
//! output raw in any format.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

const ESCAPES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/inputs/check/escapes.json"
);
const BATCH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/batch.ndjson");

fn check(format: &str, inputs: &[&str]) -> String {
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(["check", "--strict", "--format", format])
        .args(inputs)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn junit_is_well_formed_xml() {
    let xml = check("junit", &[BATCH, ESCAPES]);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures) = (0, 0);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                match e.name().as_ref() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            Ok(_) => {}
            Err(e) => panic!("invalid XML at {}: {e}\n{xml}", reader.buffer_position()),
        }
    }
    assert_eq!((cases, failures), (4, 3), "{xml}");
    assert!(xml.contains("/\\u001b]0;title\\u0007"), "{xml}");
}

#[test]
fn no_raw_control_characters_in_any_format() {
    for format in ["text", "json", "github", "junit"] {
        let out = check(format, &[ESCAPES]);
        assert!(!out.contains('\u{1b}'), "{format}: raw ESC in {out}");
        assert!(!out.contains('\u{7}'), "{format}: raw BEL in {out}");
    }
    let text = check("text", &[ESCAPES]);
    assert!(text.contains(r#"found "\e[31mred\e[0m""#), "{text}");
    assert!(
        text.contains(r"/\e]0;title\u{7}: field not in the PipeRun talk description"),
        "{text}"
    );
}

/// An input that cannot be read is a JUnit test case with an `<error>`,
/// counted in the document's `errors` (the dashboard must not go green).
#[test]
fn junit_counts_unreadable_inputs_as_errors() {
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args([
            "check",
            "--format",
            "junit",
            BATCH,
            "/nonexistent/hooks.json",
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let xml = String::from_utf8(out.stdout).expect("UTF-8 output");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut errors, mut declared, mut cases) = (0, Vec::new(), 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    "error" => errors += 1,
                    "testcase" => cases += 1,
                    "testsuite" | "testsuites" => {
                        let attr = e
                            .try_get_attribute("errors")
                            .expect("attributes")
                            .expect("an errors count");
                        declared.push(attr.value.to_string());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(errors, 1);
    assert_eq!(cases, 4);
    assert_eq!(declared, ["1", "1"]);
}

/// A finding carries the line and column of its value in the file as read:
/// inside gzip, in the decompressed text; the same as in the plain file.
#[test]
fn findings_are_placed_in_the_decompressed_text() {
    use std::io::Write as _;
    let talk = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/piperun/talk.json");
    let plain = std::fs::read(talk).expect("sample");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).expect("compressed");
    let path =
        std::env::temp_dir().join(format!("hookscope-placed-{}.json.gz", std::process::id()));
    std::fs::write(&path, gz.finish().expect("compressed")).expect("written");
    let run = |input: &str| {
        let out = Command::cargo_bin("hookscope")
            .expect("binary")
            .args(["check", "--format", "json", input])
            .output()
            .expect("runs");
        let line = String::from_utf8(out.stdout).expect("UTF-8");
        let report: serde_json::Value = serde_json::from_str(&line).expect("one JSON line");
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["path"].to_string(),
                    f["line"].as_u64(),
                    f["column"].as_u64(),
                )
            })
            .collect::<Vec<_>>()
    };
    let placed = run(path.to_str().expect("utf-8"));
    let _ = std::fs::remove_file(&path);
    assert_eq!(placed, run(talk));
    assert!(placed.contains(&(
        "\"/talk_histories/2/sent_at\"".to_string(),
        Some(318),
        Some(24)
    )));
}
