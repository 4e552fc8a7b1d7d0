//! The man pages: one per subcommand, every page the main page names
//! exists, hookscope-check(1) lists every finding code, and groff renders
//! each page without a warning (the issue "CI verdicts": `hookscope man`
//! named hookscope-check(1) pages that did not exist, and reflowed its exit
//! status under EXTRA).

mod common;

use std::process::Command;

use common::hookscope;

const PAGES: &[&str] = &["detect", "check", "summary", "csv", "completions", "man"];

/// A folder of this test's own (the tests run in parallel).
fn out_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hookscope-man-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_page_is_written_and_every_named_page_exists() {
    let dir = out_dir("named");
    let run = hookscope(&["man", "--out-dir", dir.to_str().expect("utf-8")], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let main = std::fs::read_to_string(dir.join("hookscope.1")).expect("hookscope.1");
    for page in PAGES {
        let file = dir.join(format!("hookscope-{page}.1"));
        assert!(file.exists(), "{} is missing", file.display());
        assert!(main.contains(&format!("hookscope\\-{page}")), "{page}");
    }
    assert!(
        !main.contains(".SH EXTRA"),
        "the exit status has its own section"
    );
    assert!(main.contains(".SH \"EXIT STATUS\"\n.nf\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_check_page_lists_every_finding_code() {
    let run = hookscope(&["man", "check"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    for doc in hookscope::check::CODES {
        let name = doc.code.as_str().replace('-', "\\-");
        assert!(run.stdout.contains(&format!("\\fB{name}\\fR")), "{name}");
    }
    assert!(run.stdout.contains(".SH EXAMPLES") || run.stdout.contains(".SH \"EXAMPLES\""));
}

#[test]
fn an_unknown_page_is_a_usage_error() {
    let run = hookscope(&["man", "nope"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("possible values: detect, check"),
        "{}",
        run.stderr
    );
}

#[test]
fn groff_renders_every_page_without_warnings() {
    if Command::new("groff").arg("--version").output().is_err() {
        eprintln!("groff is not installed: rendering not checked");
        return;
    }
    let dir = out_dir("groff");
    let run = hookscope(&["man", "--out-dir", dir.to_str().expect("utf-8")], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in std::iter::once("hookscope".to_string())
        .chain(PAGES.iter().map(|p| format!("hookscope-{p}")))
    {
        let out = Command::new("groff")
            .args(["-ww", "-z", "-man"])
            .arg(dir.join(format!("{page}.1")))
            .output()
            .expect("groff runs");
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && warnings.is_empty(),
            "{page}: {warnings}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
