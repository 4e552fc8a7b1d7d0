//! How the reader frames a stream, end to end: every valid payload is
//! reported exactly once at its own label, broken lines are one error at
//! theirs, and the neighbours of a broken line are read as usual (issue 9,
//! points 1, 2, 3 and 12).

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use flate2::Compression;
use flate2::write::GzEncoder;

const P: &str = r#"{"hookType":"x","content":{"n":1}}"#;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs hookscope with `args`, writing `chunks` to stdin with `pause`
/// between them.
fn run_chunked(args: &[&str], chunks: &[&[u8]], pause: Duration) -> Run {
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
    let chunks: Vec<Vec<u8>> = chunks.iter().map(|c| c.to_vec()).collect();
    let writer = std::thread::spawn(move || {
        for chunk in chunks {
            if pipe.write_all(&chunk).and_then(|()| pipe.flush()).is_err() {
                return;
            }
            std::thread::sleep(pause);
        }
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_chunked(args, &[stdin], Duration::ZERO)
}

fn detect(stdin: &str) -> Run {
    run(&["detect"], stdin.as_bytes())
}

// issue 9 point 1: the reproduction from the issue reported lines 1-2 and
// two errors at `-:2`; lines 3 and 4 were lost.
#[test]
fn an_array_line_with_a_truncated_element_keeps_the_lines_after_it() {
    let run = detect(&format!("{P}\n[{P},{{\"hookType\":\n{P}\n{P}\n"));
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "-:1\tnuvidio\tx/complete\n-:2\tnuvidio\tx/complete\n-:2:37\tunknown\tjson-syntax\n\
         -:3\tnuvidio\tx/complete\n-:4\tnuvidio\tx/complete\n"
    );
    assert_eq!(diagnostics(&run.stderr), 1, "{}", run.stderr);
}

// issue 9 point 1: `[[[[` on line 1 gave two rows labelled `-:1`, and
// 100,000 `[` a duplicated error.
#[test]
fn an_open_bracket_first_line_is_one_error_and_the_next_line_is_read() {
    for opening in ["[[[[".to_string(), "[".repeat(100_000)] {
        let run = detect(&format!("{opening}\n{P}\n"));
        assert_eq!(run.code, 1);
        assert_eq!(
            run.stdout,
            "-:1\tunknown\tjson-syntax\n-:2\tnuvidio\tx/complete\n"
        );
        assert_eq!(diagnostics(&run.stderr), 1, "{}", run.stderr);
    }
}

// issue 9 point 1: a first line `[1,` swallowed the rest, and its
// "unterminated array" row came last.
#[test]
fn a_first_line_that_opens_an_array_does_not_swallow_the_rest() {
    let run = detect(&format!("[1,\n{P}\n{P}\n"));
    assert_eq!(
        run.stdout,
        "-:1\tunknown\tunknown-provider\n-:1:4\tunknown\tjson-syntax\n\
         -:2\tnuvidio\tx/complete\n-:3\tnuvidio\tx/complete\n"
    );
    assert!(
        run.stderr.contains(
            "-:1:4: error[json-syntax]: unterminated array (opened at line 1 column 1): \
             the line ends before its closing `]` at line 1 column 4"
        ),
        "{}",
        run.stderr
    );
}

// issue 9 point 2: `{..}{..}` gave two payloads on line 1 but an error on a
// later line; a BOM on a later line was an error.
#[test]
fn every_line_is_framed_by_the_same_rule() {
    let run = detect(&format!("{P}{P}\n{P}{P}\n\u{feff}{P}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "-:1\tnuvidio\tx/complete\n-:1:35\tnuvidio\tx/complete\n\
         -:2\tnuvidio\tx/complete\n-:2:35\tnuvidio\tx/complete\n-:3\tnuvidio\tx/complete\n"
    );
}

// issue 9 point 2: concatenated pretty-printed files that each start with a
// BOM gave a spurious error.
#[test]
fn concatenated_files_with_byte_order_marks() {
    let pretty = "\u{feff}{\n  \"hookType\": \"x\",\n  \"content\": {\"n\": 1}\n}\n";
    let run = detect(&pretty.repeat(3));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "-:1\tnuvidio\tx/complete\n-:5\tnuvidio\tx/complete\n-:9\tnuvidio\tx/complete\n"
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

// issue 9 point 3: gzip was missed when the first read returned one byte.
#[test]
fn gzip_whose_first_byte_comes_alone() {
    let gz = gzip(format!("{P}\n{P}\n{P}\n").as_bytes());
    let (first, rest) = gz.split_at(1);
    let run = run_chunked(&["detect"], &[first, rest], Duration::from_millis(300));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "-:1\tnuvidio\tx/complete\n-:2\tnuvidio\tx/complete\n-:3\tnuvidio\tx/complete\n"
    );
}

// issue 9 point 12: payload size had no bound.
#[test]
fn a_payload_over_max_payload_is_one_error_and_reading_goes_on() {
    let big = format!(
        r#"{{"hookType":"x","content":{{"s":"{}"}}}}"#,
        "x".repeat(5000)
    );
    let input = format!("{P}\n{big}\n{P}\n");
    let run = run(&["--max-payload", "4K", "detect"], input.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "-:1\tnuvidio\tx/complete\n-:2\tunknown\tpayload-too-large\n-:3\tnuvidio\tx/complete\n"
    );
    assert_eq!(
        run.stderr,
        "hookscope: -:2: error[payload-too-large]: payload larger than --max-payload 4 KiB; \
         skipped at line 2 column 1\n"
    );
    let run = self::run(&["--max-payload", "0", "check"], input.as_bytes());
    assert!(!run.stdout.contains("payload-too-large"), "{}", run.stdout);
    let run = self::run(&["check", "--max-payload", "1000"], input.as_bytes());
    assert!(
        run.stdout.contains("error[payload-too-large]"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_endless_run_of_nul_bytes_is_one_error() {
    let zeros = vec![0u8; 32 << 20];
    let run = run(&["--max-payload", "1M", "detect"], &zeros);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "-:1\tunknown\tpayload-too-large\n");
}

#[test]
fn a_bad_max_payload_is_a_usage_error() {
    for bad in ["", "lots", "1.5G", "-1", "99999999999G"] {
        let run = run(&[&format!("--max-payload={bad}"), "detect"], b"{}");
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains("--max-payload"), "{}", run.stderr);
    }
}

/// What line `n` of the generated stream holds.
enum Line {
    /// One valid payload.
    Valid(String),
    /// Two valid payloads, the second at this column.
    Two(String, u64),
    /// Nothing valid: at least one error row.
    Broken(String),
    Blank,
}

fn payload(n: usize) -> String {
    format!(r#"{{"hookType":"h{n}","content":{{"n":{n}}}}}"#)
}

/// A 10,000-line NDJSON stream: a `[` line at 42, a truncated line at 47,
/// and other broken, array and two-payload lines scattered.
fn stream() -> Vec<Line> {
    (1..=10_000)
        .map(|n| {
            let p = payload(n);
            match (n, n % 89) {
                (42, _) => Line::Broken(format!("[{p}")),
                (47, _) => Line::Broken(p[..p.len() / 2].to_string()),
                (_, 3) => Line::Broken("[".into()),
                (_, 7) => Line::Broken("[[[[".into()),
                (_, 11) => Line::Broken(format!("[{p},{p}")),
                (_, 13) => Line::Broken(format!("{p}}}")),
                (_, 17) => Line::Broken("\"open string".into()),
                (_, 19) => Line::Valid(format!("[{p}]")),
                (_, 23) => Line::Valid(format!("\u{feff}{p}")),
                (_, 29) => Line::Valid(format!("{p}\r")),
                (_, 31) => Line::Two(format!("{p}{p}"), p.len() as u64 + 1),
                (_, 37) => Line::Blank,
                (_, 41) => Line::Broken("}".into()),
                _ => Line::Valid(p),
            }
        })
        .collect()
}

fn text(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        match line {
            Line::Valid(t) | Line::Two(t, _) | Line::Broken(t) => out.push_str(t),
            Line::Blank => {}
        }
        out.push('\n');
    }
    out
}

// issue 9 point 1: in a 10,000-payload stream one `[` line and one truncated
// line left 9,958 valid payloads unreported.
#[test]
fn every_valid_line_is_reported_once_at_its_own_label() {
    let lines = stream();
    let input = text(&lines);
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let run = run(&["--jobs", jobs, "detect"], input.as_bytes());
        assert_eq!(run.code, 1);
        let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for row in run.stdout.lines() {
            let (label, rest) = row.split_once('\t').expect("a TSV row");
            rows.entry(label.to_string()).or_default().push(rest.into());
        }
        assert_eq!(
            rows.values().map(Vec::len).max(),
            Some(1),
            "a label used twice"
        );
        for (i, line) in lines.iter().enumerate() {
            let n = i + 1;
            let at = |label: String| rows.get(&label).map(|r| r[0].as_str());
            let valid = format!("nuvidio\th{n}/complete");
            match line {
                Line::Valid(_) => {
                    assert_eq!(at(format!("-:{n}")), Some(valid.as_str()), "line {n}")
                }
                Line::Two(_, column) => {
                    assert_eq!(at(format!("-:{n}")), Some(valid.as_str()), "line {n}");
                    let second = at(format!("-:{n}:{column}"));
                    assert_eq!(second, Some(valid.as_str()), "line {n}");
                }
                Line::Broken(_) => {
                    let on_line = rows.iter().filter(|(label, _)| {
                        *label == &format!("-:{n}") || label.starts_with(&format!("-:{n}:"))
                    });
                    assert!(
                        on_line.clone().any(|(_, r)| r[0].starts_with("unknown\t")),
                        "line {n} has no error row"
                    );
                }
                Line::Blank => assert_eq!(at(format!("-:{n}")), None, "line {n}"),
            }
        }
        outputs.push(run.stdout);
    }
    assert_eq!(outputs[0], outputs[1], "--jobs 1 and 2 differ");
}

#[path = "support/ndjson_model.rs"]
mod ndjson_model;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    // The property the `framer` fuzz target checks, on a budget: every
    // valid line of an arbitrary NDJSON stream is reported once at its own
    // label.
    #[test]
    fn every_valid_payload_once_at_its_own_label(data in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        ndjson_model::check(&ndjson_model::build(&data));
    }
}

/// The diagnostics in stderr, without the source lines drawn under a
/// syntax error.
fn diagnostics(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("hookscope: "))
        .count()
}
