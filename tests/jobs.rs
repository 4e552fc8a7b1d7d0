//! Parallel runs write exactly what a single job writes, in input order, for
//! every command, on an input large enough to span many batches.

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn stream() -> std::path::PathBuf {
    let batch = include_str!("../samples/batch.ndjson");
    let mut text = String::new();
    for i in 0..400 {
        text.push_str(batch);
        if i % 97 == 0 {
            text.push_str("{\"broken\": \n");
        }
    }
    let path = std::env::temp_dir().join(format!("hookscope-jobs-{}.ndjson", std::process::id()));
    std::fs::write(&path, text).expect("temp file");
    path
}

fn run(jobs: &str, args: &[&str], input: &std::path::Path) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let out = Command::cargo_bin("hookscope")
        .expect("binary")
        .args(["--jobs", jobs])
        .args(args)
        .arg(input)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    (out.status.code(), out.stdout, out.stderr)
}

#[test]
fn any_number_of_jobs_gives_the_same_bytes() {
    let input = stream();
    assert!(
        std::fs::metadata(&input).expect("size").len() > 4 << 20,
        "spans several batches"
    );
    let commands: [&[&str]; 6] = [
        &["detect"],
        &["check", "--format", "json"],
        &["check"],
        &["summary"],
        &["csv", "--rows", "messages"],
        &["csv", "--rows", "findings"],
    ];
    for args in commands {
        let one = run("1", args, &input);
        assert_eq!(one.0, Some(1), "{args:?}: the broken lines make it 1");
        for jobs in ["2", "3"] {
            let many = run(jobs, args, &input);
            assert!(one == many, "{args:?}: --jobs {jobs} differs from --jobs 1");
        }
    }
    let _ = std::fs::remove_file(input);
}
