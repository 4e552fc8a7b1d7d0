//! Hostile output paths (issue 9, points 4-6 and 14-17): payload text and
//! file names cannot reach a terminal or a TSV row raw, diagnostics that
//! cannot be written change nothing, a full stdout is trouble, a closed
//! pipe keeps the status, and `--jobs` is bounded.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const TALK: &str = include_str!("../samples/piperun/talk.json");
const BIN: &str = env!("CARGO_BIN_EXE_hookscope");

/// A file name that tries everything: a title change (OSC 0 with BEL), a
/// forged TSV row (tabs) and a second line.
const HOSTILE: &str = "a\u{1b}]0;T\u{7}\tpiperun\ttalk\nb.json";
const HOSTILE_SHOWN: &str = r"a\e]0;T\u{7}\tpiperun\ttalk\nb.json";

/// Characters that must never reach text output raw: C0, C1, bidi
/// controls, zero-width and other format characters, separators, tags.
const INVISIBLE: &[char] = &[
    '\u{0}',
    '\u{7}',
    '\u{1b}',
    '\r',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{61c}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{202e}',
    '\u{2028}',
    '\u{2029}',
    '\u{2060}',
    '\u{2067}',
    '\u{feff}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e007f}',
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "100");
    cmd
}

fn run(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = command(args)
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
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn compact(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).expect("sample");
    value.to_string()
}

/// A fresh folder for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hookscope-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

fn assert_no_raw_controls(what: &str, text: &str) {
    for line in text.lines() {
        for c in INVISIBLE {
            assert!(
                !line.contains(*c),
                "{what}: raw U+{:04X} in {line:?}",
                u32::from(*c)
            );
        }
        assert!(
            !line.contains('\t') || what.starts_with("tsv"),
            "{what}: raw tab in {line:?}"
        );
    }
}

// issue 9 point 4: `hookType` reached detect's text output raw, and a
// tab and newline in it forged a second TSV row.
#[test]
fn detect_text_escapes_the_hook_type_and_every_row_has_three_fields() {
    let hooks = [
        "\u{1b}]52;c;cHduZWQ=\u{7}",
        "x\nforged.json:9\tpiperun\ttalk",
        "a\u{85}b\u{9b}c\u{202e}d\re\u{0}",
        "\u{200b}\u{2060}\u{feff}\u{61c}\u{e0001}\u{e0062}\u{e007f}",
    ];
    let input: String = hooks
        .iter()
        .map(|h| serde_json::json!({"hookType": h, "content": {"a": 1}}).to_string() + "\n")
        .collect();
    let run = run(&["detect", "-"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(rows.len(), hooks.len(), "{}", run.stdout);
    for (i, row) in rows.iter().enumerate() {
        let fields: Vec<&str> = row.split('\t').collect();
        assert_eq!(fields.len(), 3, "{row:?}");
        assert_eq!(fields[0], format!("-:{}", i + 1));
        assert_no_raw_controls("tsv detect", &fields[2..].join(""));
    }
    assert_eq!(
        rows[1],
        "-:2\tnuvidio\tx\\nforged.json:9\\tpiperun\\ttalk/complete"
    );
}

// issue 9 point 5: file names were printed raw in detect and check text,
// summary headings and diagnostics.
#[test]
fn a_hostile_file_name_is_escaped_in_every_text_output() {
    let dir = scratch("names");
    let path = dir.join(HOSTILE);
    std::fs::write(&path, TALK).expect("write");
    let shown = format!("{}/{HOSTILE_SHOWN}:1", dir.display());

    let detect = run(&["detect", arg(&path)], b"");
    assert_eq!(detect.stdout, format!("{shown}\tpiperun\ttalk\n"));

    let check = run(&["check", arg(&path)], b"");
    assert_eq!(check.code, 1);
    let lines: Vec<&str> = check.stdout.lines().collect();
    for line in &lines[..lines.len() - 1] {
        // PATH:LINE:COLUMN of the finding, the path escaped.
        let path = format!("{}/{HOSTILE_SHOWN}:", dir.display());
        assert!(line.starts_with(&path), "{line:?}");
    }
    assert_no_raw_controls("check text", &check.stdout);

    let summary = run(&["summary", arg(&path)], b"");
    assert!(
        summary
            .stdout
            .starts_with(&format!("{shown}  piperun talk\n")),
        "{}",
        summary.stdout
    );
    assert_no_raw_controls("summary text", &summary.stdout);

    let github = run(&["check", "--format", "github", arg(&path)], b"");
    assert_no_raw_controls("github", &github.stdout);
    let junit = run(&["check", "--format", "junit", arg(&path)], b"");
    assert!(
        !junit.stdout.contains(['\u{1b}', '\u{7}']),
        "{}",
        junit.stdout
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

// issue 9 point 5: the data formats keep the name exact, under their own
// quoting (JSON strings, RFC 4180 CSV cells).
#[test]
fn data_formats_keep_a_hostile_file_name_exact() {
    let dir = scratch("exact");
    let path = dir.join(HOSTILE);
    std::fs::write(&path, TALK).expect("write");
    let label = format!("{}:1", arg(&path));

    let detect = run(&["detect", "--format", "json", arg(&path)], b"");
    let row: serde_json::Value = serde_json::from_str(&detect.stdout).expect("one JSON line");
    assert_eq!(row["source"], label.as_str());

    let check = run(&["check", "--format", "json", arg(&path)], b"");
    let row: serde_json::Value = serde_json::from_str(&check.stdout).expect("one JSON line");
    assert_eq!(row["source"], label.as_str());

    let csv = run(&["csv", "--rows", "talks", arg(&path)], b"");
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let record = reader.records().next().expect("a row").expect("valid CSV");
    assert_eq!(&record[0], label.as_str());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

// issue 9 point 5: `cannot open`, `cannot read` and payload diagnostics
// printed the name raw on stderr.
#[test]
fn diagnostics_escape_file_names() {
    let dir = scratch("diagnostics");
    let missing = dir.join(HOSTILE);
    let unreadable = dir.join("d\u{1b}[2J\n.json");
    std::fs::create_dir(&unreadable).expect("a folder is unreadable as a file");
    let broken = dir.join("x\u{202e}\u{7}.json");
    std::fs::write(&broken, "{\"a\":").expect("write");
    let run = run(
        &["detect", arg(&missing), arg(&unreadable), arg(&broken)],
        b"",
    );
    assert_eq!(run.code, 2);
    let d = dir.display();
    // One line per problem, each naming its file escaped (the wording after
    // the name belongs to the reader, so only its start is pinned); the
    // source line drawn under the syntax error is not one.
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("hookscope: "))
        .collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert_eq!(
        lines[0],
        format!(
            "hookscope: {d}/{HOSTILE_SHOWN}: cannot open: No such file or directory (os error 2)"
        )
    );
    assert!(
        lines[1].starts_with(&format!("hookscope: {d}/d\\e[2J\\n.json: ")),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!(
            "hookscope: {d}/x\\u{{202e}}\\u{{7}}.json:1: error[json-syntax]: "
        )),
        "{}",
        lines[2]
    );
    assert_no_raw_controls("stderr", &run.stderr);
    assert_eq!(
        run.stdout,
        format!("{d}/x\\u{{202e}}\\u{{7}}.json:1\tunknown\tjson-syntax\n")
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

// issue 9 point 6: invisible and bidi characters passed in check and
// summary text.
#[test]
fn check_and_summary_text_escape_invisible_characters() {
    let mut talk: serde_json::Value = serde_json::from_str(TALK).expect("sample");
    let hidden: String = INVISIBLE.iter().collect();
    talk["initiation_type"] = format!("x{hidden}").into();
    talk["talk_histories"][0]["message"] = format!("m{hidden}").into();
    talk[format!("k{hidden}")] = 1.into();
    let input = talk.to_string();
    let check = run(&["check", "--strict", "-"], input.as_bytes());
    assert!(
        check.stdout.contains("/initiation_type"),
        "{}",
        check.stdout
    );
    assert_no_raw_controls("check text", &check.stdout);
    let summary = run(&["summary", "--full", "-"], input.as_bytes());
    assert!(
        summary.stdout.contains(r"m\u{0}\u{7}\e"),
        "{}",
        summary.stdout
    );
    assert_no_raw_controls("summary text", &summary.stdout);
}

fn dev_full() -> Option<File> {
    OpenOptions::new().write(true).open("/dev/full").ok()
}

/// Runs with stdout or stderr on /dev/full; the other is captured.
fn run_full(args: &[&str], stdin: &[u8], full_stdout: bool) -> Option<Run> {
    let full = dev_full()?;
    let mut cmd = command(args);
    cmd.stdin(Stdio::piped());
    if full_stdout {
        cmd.stdout(full).stderr(Stdio::piped());
    } else {
        cmd.stdout(Stdio::piped()).stderr(full);
    }
    let mut child = cmd.spawn().expect("spawn");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin).expect("stdin");
    drop(pipe);
    let out = child.wait_with_output().expect("wait");
    Some(Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

// issue 9 point 15: `detect /nonexistent 2>/dev/full` panicked (exit 101).
#[test]
fn diagnostics_that_cannot_be_written_change_nothing() {
    let Some(run) = run_full(&["detect", "/nonexistent"], b"", false) else {
        eprintln!("no /dev/full; skipping");
        return;
    };
    assert_eq!(run.code, 2);
    let input = format!("{}\n{{\"a\":\n{}\n", compact(TALK), compact(TALK));
    for jobs in ["1", "2"] {
        let run = run_full(&["--jobs", jobs, "detect"], input.as_bytes(), false).expect("full");
        assert_eq!(run.code, 1, "jobs {jobs}");
        assert_eq!(
            run.stdout,
            "-:1\tpiperun\ttalk\n-:2\tunknown\tjson-syntax\n-:3\tpiperun\ttalk\n"
        );
    }
    // Nothing can be written at all: still trouble, still no panic.
    let full = dev_full().expect("/dev/full");
    let status = command(&["detect", "/nonexistent"])
        .stdout(full.try_clone().expect("clone"))
        .stderr(full)
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(2));
}

// issue 9 point 16: help and version to a full disk exited 0.
#[test]
fn help_and_version_to_a_full_disk_are_trouble() {
    for (args, what) in [
        (&["--help"][..], "help"),
        (&["-h"][..], "help"),
        (&["help"][..], "help"),
        (&["check", "--help"][..], "help"),
        (&["--version"][..], "version"),
    ] {
        let Some(run) = run_full(args, b"", true) else {
            return;
        };
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            format!("hookscope: cannot write the {what}: No space left on device (os error 28)\n"),
            "{args:?}"
        );
    }
    let ok = run(&["--version"], b"");
    assert_eq!((ok.code, ok.stdout.starts_with("hookscope ")), (0, true));
}

// issue 9 point 16: a data command whose stdout is full says so, exit 2.
#[test]
fn a_data_command_to_a_full_disk_is_trouble() {
    let talk = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/piperun/talk.json");
    for args in [
        &["detect", talk][..],
        &["check", talk],
        &["summary", talk],
        &["csv", "--rows", "talks", talk],
        &["man"],
    ] {
        let Some(run) = run_full(args, b"", true) else {
            return;
        };
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("No space left on device"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

/// Runs with stdout a pipe that the test closes after the first line.
fn run_cut(args: &[&str], input: String) -> (i32, String, String) {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).expect("read") == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    let code = out.status.code().unwrap_or(-1);
    let first = String::from_utf8(first).expect("UTF-8");
    (
        code,
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// issue 9 point 17: `... | head -1` exited 0 even when a payload before the
// cut was bad.
#[test]
fn a_closed_pipe_keeps_the_status_of_what_was_seen() {
    let good = "{\"hookType\":\"x\",\"content\":{\"a\":1}}\n";
    let bad = "{\"hookType\":\n";
    // About 1 MB of output: far more than the buffer and the pipe hold.
    let input = format!("{good}{bad}{}", good.repeat(40_000));
    let quiet = format!("{}{}", good, good.repeat(40_000));
    for jobs in ["1", "2"] {
        let (code, first, stderr) = run_cut(&["--jobs", jobs, "detect"], input.clone());
        assert_eq!(first, "-:1\tnuvidio\tx/complete");
        assert_eq!(code, 1, "jobs {jobs}: a bad payload was seen; {stderr}");
        // The bad payload's diagnostic, and nothing about the pipe.
        assert!(
            stderr.starts_with("hookscope: -:2: error[json-syntax]: ")
                && stderr
                    .lines()
                    .filter(|l| l.starts_with("hookscope: "))
                    .count()
                    == 1,
            "jobs {jobs}: {stderr}"
        );
        let (code, _, stderr) = run_cut(&["--jobs", jobs, "detect"], quiet.clone());
        assert_eq!((code, stderr.as_str()), (0, ""), "jobs {jobs}");
    }
}

// issue 9 point 17: the same for check, whose totals line is not written
// once the reader has gone. (Issue 11 point 3: `content.id` is required of
// every hook, so the valid payload carries one.)
#[test]
fn a_closed_pipe_keeps_the_status_in_check() {
    let valid = "{\"hookType\":\"x\",\"hookDescription\":\"d\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"content\":{\"id\":\"0123456789abcdef01234567\"}}\n";
    let input = format!("{valid}{{\"a\":\n{}", valid.repeat(20_000));
    for jobs in ["1", "2"] {
        let (code, first, stderr) = run_cut(&["--jobs", jobs, "check"], input.clone());
        assert!(
            first.starts_with("-:1:") && first.contains(": warning[unknown-hook-type]"),
            "{first}"
        );
        assert_eq!(code, 1, "jobs {jobs}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{stderr}");
        let (code, _, stderr) = run_cut(&["--jobs", jobs, "check"], valid.repeat(20_000));
        assert_eq!((code, stderr.as_str()), (0, ""), "jobs {jobs}");
    }
}

// issue 9 point 14: --jobs 40000 panicked ("failed to spawn thread"); a
// thread that cannot start is now an error. A process limit of 4 makes the
// fourth worker fail every time (root ignores the limit, so as root the
// binary runs as nobody).
#[test]
fn threads_that_cannot_start_are_an_error_not_a_panic() {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if root {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "prlimit",
        ]);
        cmd
    } else {
        Command::new("prlimit")
    };
    let out = cmd
        .args(["--nproc=4", BIN, "--jobs", "8", "detect", "-"])
        .stdin(Stdio::null())
        .output();
    let Ok(out) = out else {
        eprintln!("prlimit or setpriv is missing; skipping");
        return;
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        "hookscope: cannot start a worker thread (try a smaller --jobs): \
         Resource temporarily unavailable (os error 11)\n"
    );
}

// issue 9 point 14: no upper bound on --jobs (4294967296 aborted
// allocating), and 0 gave "number would be zero for non-zero type".
#[test]
fn jobs_out_of_range_are_usage_errors() {
    for (n, why) in [
        ("0", "--jobs must be 1 or more"),
        ("257", "--jobs must be at most 256"),
        ("40000", "--jobs must be at most 256"),
        ("4294967296", "--jobs must be at most 256"),
        ("99999999999999999999999", "--jobs must be at most 256"),
    ] {
        let run = run(&["--jobs", n, "detect", "-"], b"");
        assert_eq!(run.code, 2, "{n}");
        assert!(
            run.stderr.starts_with(&format!(
                "error: invalid value '{n}' for '--jobs <N>': {why}\n"
            )),
            "{n}: {}",
            run.stderr
        );
    }
}
