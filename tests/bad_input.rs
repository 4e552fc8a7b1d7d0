//! Bad input, end to end: each case feeds the binary something broken and
//! asserts the message, the exit status, and that neighbours still work.

use std::io::Write;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use flate2::Compression;
use flate2::write::GzEncoder;

const TALK: &str = include_str!("../samples/piperun/talk.json");
const BATCH: &str = include_str!("../samples/batch.ndjson");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn hookscope(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn detect(stdin: &[u8]) -> Run {
    hookscope(&["detect", "-"], stdin)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

fn compact(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).expect("sample");
    value.to_string()
}

#[test]
fn empty_input() {
    let run = detect(b"");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "-:1\tunknown\tjson-syntax\n");
    assert_eq!(
        run.stderr,
        "hookscope: -:1: error[json-syntax]: no payload: the input is empty or holds only whitespace at line 1 column 1\n"
    );
}

#[test]
fn whitespace_only() {
    let run = detect(b" \n\t\r\n ");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("no payload: the input is empty or holds only whitespace"),
        "{}",
        run.stderr
    );
}

#[test]
fn truncated_json() {
    let run = detect(&TALK.as_bytes()[..200]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "-:1\tunknown\tjson-syntax\n");
    assert!(
        // Issue 11 point 13: plain words, not serde's "EOF while parsing".
        run.stderr
            .starts_with("hookscope: -:1: error[json-syntax]: ")
            && run.stderr.contains("the payload ends"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_inside_a_string_is_reported_with_position() {
    let mut input = b"{\"a\": 1}\n".to_vec();
    input.extend_from_slice(
        b"{\"hookType\": \"x\", \"content\": {\"deep\": {\"er\": {\"s\": \"\xff\"}}}}\n",
    );
    input.extend_from_slice(compact(TALK).as_bytes());
    let run = detect(&input);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "-:1\tunknown\tunknown-provider\n-:2\tunknown\tjson-syntax\n-:3\tpiperun\ttalk\n"
    );
    assert!(
        run.stderr.contains(
            "hookscope: -:2: error[json-syntax]: invalid UTF-8 (byte 0xFF) at line 2 column 53"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn json_scalar() {
    let run = detect(b"42\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "hookscope: -:1: error[unknown-provider]: not a NuVidio or PipeRun payload: the payload is a number, not an object (NuVidio has hookType and content; PipeRun talks have tracking_number, talk_histories, customer_id, channel_id, ...)\n"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let input = "[".repeat(100_000);
    for command in ["detect", "check"] {
        let run = hookscope(&[command], input.as_bytes());
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stdout.contains("json-syntax") || run.stderr.contains("json-syntax"),
            "{command}"
        );
    }
    let nested_object = format!("{{\"a\":{}", "[".repeat(100_000));
    let run = hookscope(&["check"], nested_object.as_bytes());
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("nested deeper than 128 levels"),
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_object() {
    let run = detect(br#"{"event": "x", "data": {}, "id": 3}"#);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("not a NuVidio or PipeRun payload: top-level keys are event, data, id (NuVidio has hookType and content; PipeRun talks have tracking_number, talk_histories"),
        "{}",
        run.stderr
    );
}

#[test]
fn gzip_input_is_detected_by_magic_bytes() {
    let run = detect(&gzip(BATCH.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 3);
    assert!(
        run.stdout
            .starts_with("-:1\tnuvidio\tattendant_closed_issue/complete\n")
    );
}

#[test]
fn byte_order_mark_is_skipped() {
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend_from_slice(TALK.as_bytes());
    let run = detect(&input);
    assert_eq!((run.code, run.stdout.as_str()), (0, "-:1\tpiperun\ttalk\n"));
}

#[test]
fn top_level_array_elements_are_payloads() {
    let input = format!(
        "[\n{},\n{}\n]\n",
        compact(TALK),
        BATCH.lines().nth(1).expect("line 2")
    );
    let run = detect(input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "-:2\tpiperun\ttalk\n-:3\tnuvidio\tattendant_closed_issue/incomplete\n"
    );
}

#[test]
fn broken_ndjson_middle_line_keeps_the_others() {
    let lines: Vec<&str> = BATCH.lines().collect();
    let input = format!("{}\n{}\n{}\n", lines[0], &lines[1][..80], lines[2]);
    let run = detect(input.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "-:1\tnuvidio\tattendant_closed_issue/complete\n-:2\tunknown\tjson-syntax\n-:3\tpiperun\ttalk\n"
    );
    assert!(
        // Issue 11 point 13: plain words, naming where the string opened.
        run.stderr.starts_with(
            "hookscope: -:2: error[json-syntax]: a string opened at line 2 column 60 is not closed; the payload ends"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_file_is_trouble_and_other_inputs_still_run() {
    let talk = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/piperun/talk.json");
    let run = hookscope(&["detect", "/no/such/file.json", talk], b"");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "hookscope: /no/such/file.json: cannot open: No such file or directory (os error 2)\n"
    );
    assert!(
        run.stdout
            .ends_with("samples/piperun/talk.json:1\tpiperun\ttalk\n")
    );
}

#[test]
fn usage_error_is_exit_2() {
    let run = hookscope(&["check", "--format", "xml"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("invalid value 'xml' for '--format <FORMAT>'"),
        "{}",
        run.stderr
    );
    let run = hookscope(&["check", "--timezone", "3"], TALK.as_bytes());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("invalid value '3' for '--timezone <OFFSET>': invalid time zone offset '3': expected +HH:MM, -HH:MM or Z"),
        "{}",
        run.stderr
    );
}

#[test]
fn closed_pipe_ends_quietly() {
    let line = compact(TALK) + "\n";
    let input = line.repeat(3000);
    for jobs in ["1", "2"] {
        let mut child = Command::cargo_bin("hookscope")
            .expect("binary")
            .args(["--jobs", jobs, "detect", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        let data = input.clone();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(data.as_bytes());
        });
        // Read one line, then close our end of the pipe.
        let mut stdout = child.stdout.take().expect("stdout");
        let mut first = [0u8; 16];
        let _ = std::io::Read::read(&mut stdout, &mut first);
        drop(stdout);
        let out = child.wait_with_output().expect("wait");
        let _ = writer.join();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "jobs {jobs}: {stderr}");
        assert!(stderr.is_empty(), "jobs {jobs}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "jobs {jobs}");
    }
}

fn ndjson_talks(n: usize) -> String {
    (compact(TALK) + "\n").repeat(n)
}

#[test]
fn nul_bytes_in_the_middle_of_a_stream() {
    let line = compact(TALK);
    let input = format!("{line}\n{{\"a\":\u{0}1}}\n{line}\n");
    let run = detect(input.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "-:1\tpiperun\ttalk\n-:2\tunknown\tjson-syntax\n-:3\tpiperun\ttalk\n"
    );
    assert_eq!(
        run.stderr,
        concat!(
            "hookscope: -:2: error[json-syntax]: expected a JSON value at line 2 column 6\n",
            "  |\n",
            "2 | {\"a\":\\u{0}1}\n",
            "  |      ^^^^^\n",
        )
    );
}

#[test]
fn crlf_line_endings_change_nothing() {
    let lf = ndjson_talks(3);
    let crlf = lf.replace('\n', "\r\n");
    let a = hookscope(&["check", "--format", "json"], lf.as_bytes());
    let b = hookscope(&["check", "--format", "json"], crlf.as_bytes());
    assert_eq!((a.code, a.stdout.lines().count()), (1, 3));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.code, b.code);
}

#[test]
fn a_fifty_megabyte_single_line() {
    let mut talk: serde_json::Value = serde_json::from_str(TALK).expect("sample");
    talk["talk_histories"][0]["message"] =
        serde_json::json!("ção, 😀 \"quoted\"\n".repeat(2_500_000));
    let big = talk.to_string();
    assert!(big.len() > 50_000_000);
    let input = format!("{}\n{big}\n{}\n", compact(TALK), compact(TALK));
    let run = hookscope(&["check", "--format", "json"], input.as_bytes());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sources: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| &l[..l.find(",\"provider\"").unwrap_or(0)])
        .collect();
    assert_eq!(
        sources,
        [
            "{\"source\":\"-:1\"",
            "{\"source\":\"-:2\"",
            "{\"source\":\"-:3\""
        ]
    );
}

#[test]
fn truncated_gzip_stream() {
    let data = gzip(ndjson_talks(50).as_bytes());
    let run = detect(&data[..data.len() * 2 / 3]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("-:1\tpiperun\ttalk\n-:2\tpiperun\ttalk\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.ends_with("hookscope: -: gzip data is truncated or corrupt; payloads before it were read: incomplete deflate stream\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn gzip_member_followed_by_garbage() {
    let mut data = gzip(BATCH.as_bytes());
    data.extend_from_slice(b"this is not gzip\n");
    let run = detect(&data);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("hookscope: -: gzip data is truncated or corrupt"),
        "{}",
        run.stderr
    );
    // Two members are one stream.
    let mut two = gzip(BATCH.as_bytes());
    two.extend_from_slice(&gzip(BATCH.as_bytes()));
    let run = detect(&two);
    assert_eq!(
        (run.code, run.stdout.lines().count()),
        (0, 6),
        "{}",
        run.stderr
    );
}

#[test]
fn a_million_levels_deep() {
    let deep = format!(
        "{}\n{{\"a\":{}\n{}\n",
        compact(TALK),
        "[".repeat(1_000_000),
        compact(TALK)
    );
    for command in ["detect", "check"] {
        let run = hookscope(&[command, "--format", "json"], deep.as_bytes());
        assert_eq!(run.code, 1, "{command}");
        assert_eq!(run.stdout.lines().count(), 3, "{command}");
    }
    let run = hookscope(&["check"], deep.as_bytes());
    assert!(
        // Findings are labelled PATH:LINE:COLUMN, where the fault is.
        run.stdout.lines().any(|l| l.starts_with("-:2:")
            && l.contains(": error[json-syntax]: nested deeper than 128 levels (recursion limit exceeded) at line 2 column")),
        "{}",
        run.stdout
    );
}

#[test]
fn numbers_out_of_range_where_an_int_is_documented() {
    for (number, shown) in [
        ("99999999999999999999", "99999999999999999999"),
        ("1e400", "1e+400"),
        ("-1e400", "-1e+400"),
    ] {
        let payload =
            compact(TALK).replacen("\"channel_id\":1,", &format!("\"channel_id\":{number},"), 1);
        let run = hookscope(&["check"], payload.as_bytes());
        assert_eq!(run.code, 1);
        let expected = format!(
            ": error[out-of-range] /channel_id: expected an integer that fits 64 bits, found {shown}"
        );
        assert!(run.stdout.contains(&expected), "{number}: {}", run.stdout);
    }
}

#[test]
fn duplicate_keys_say_which_value_won() {
    // A first `customer_id` at the top, overridden by the talk's own later on.
    let payload = compact(TALK).replacen('{', "{\"customer_id\":1,", 1);
    let run = hookscope(&["check"], payload.as_bytes());
    assert!(
        run.stdout.contains(": warning[duplicate-key] /customer_id: key \"customer_id\" appears 2 times; the last value wins"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("mismatch"),
        "the last value (144527) is the one checked: {}",
        run.stdout
    );
}

#[test]
fn a_terminal_on_stdin_gets_a_hint_and_is_read() {
    // `script` gives the binary a pseudo-terminal as stdin.
    let Ok(status) = Command::new("script").arg("--version").output() else {
        eprintln!("script(1) is not installed; skipping the terminal test");
        return;
    };
    assert!(status.status.success());
    let bin = env!("CARGO_BIN_EXE_hookscope");
    // A terminal's line discipline caps a line at 4095 bytes, so paste a
    // pretty-printed payload, as people do; `timeout` guards against a hang.
    let line = include_str!("../samples/nuvidio/attendant_closed_issue.incomplete.json");
    let out = Command::new("timeout")
        .args([
            "20",
            "script",
            "-qec",
            &format!("{bin} detect"),
            "/dev/null",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdin = child.stdin.take().expect("stdin");
            stdin.write_all(line.as_bytes())?;
            stdin.write_all(b"\x04")?;
            drop(stdin);
            child.wait_with_output()
        })
        .expect("script runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(hookscope::input::TERMINAL_HINT), "{text}");
    assert!(
        text.contains("-:1\tnuvidio\tattendant_closed_issue/incomplete"),
        "{text}"
    );
}
