//! issue 17 (with issue 14's width rules): no line of `explain`'s text
//! output is wider than the terminal, whatever it explains: every
//! provider, every provider pointer subset a golden shows, every finding
//! code, and the longest pointers of every sample, at 40 to 120 columns.
//! A value wider than the width is shortened with `…` and a JSON Pointer
//! breaks at `/`, so there is no exception.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const WIDTHS: [usize; 5] = [40, 50, 60, 80, 120];

/// `hookscope ARGS` at `columns`, no color: its stdout.
fn explain(args: &[&str], columns: usize) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_hookscope"))
        .arg("explain")
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns.to_string())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("hookscope runs");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "explain {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The lines of `explain ARGS` wider than `columns`, at each width.
fn too_wide(args: &[&str]) -> Vec<String> {
    let mut wide = Vec::new();
    for columns in WIDTHS {
        let out = explain(args, columns);
        assert!(!out.trim().is_empty(), "explain {args:?} printed nothing");
        for line in out.lines().filter(|l| l.width() > columns) {
            wide.push(format!(
                "{args:?} at {columns}: {line:?} ({})",
                line.width()
            ));
        }
    }
    wide
}

/// The comma-separated list after `label: ` in the usage of `explain nope`.
fn listed(label: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_hookscope"))
        .args(["explain", "nope"])
        .output()
        .expect("hookscope runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let list = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{label}: ")))
        .unwrap_or_else(|| panic!("{label} are listed: {stderr}"));
    list.split(", ").map(str::to_string).collect()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The `explain PROVIDER POINTER` runs of the goldens under tests/cmd
/// (those that do not fail).
fn golden_subsets(providers: &[String]) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut tomls = Vec::new();
    files(&root.join("tests/cmd"), "toml", &mut tomls);
    let mut subsets = Vec::new();
    for path in tomls {
        let text = std::fs::read_to_string(&path).expect("a readable case");
        let case: toml::Table = toml::from_str(&text).expect("a TOML case");
        let Some(args) = case.get("args").and_then(|a| a.as_array()) else {
            continue;
        };
        let status = case.get("status").and_then(|s| s.get("code"));
        if status.and_then(|c| c.as_integer()).is_some_and(|c| c > 1) {
            continue;
        }
        let args: Vec<&str> = args.iter().filter_map(|a| a.as_str()).collect();
        if let ["explain", provider, pointer] = args.as_slice()
            && providers.iter().any(|p| p == provider)
        {
            subsets.push((provider.to_string(), pointer.to_string()));
        }
    }
    subsets
}

fn leaves(value: &Value, at: String, out: &mut Vec<String>) {
    let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{}", escape(k)), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// The whole payload and the three longest leaf pointers of a sample's
/// first payload.
fn sample_pointers(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("a readable sample");
    let first = match path.extension().is_some_and(|e| e == "ndjson") {
        true => text.lines().next().expect("a payload").to_string(),
        false => text,
    };
    let json: Value = serde_json::from_str(&first).expect("a JSON sample");
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    all.sort_by_key(|p| std::cmp::Reverse(p.width()));
    let mut picked = vec![String::new()];
    picked.extend(all.into_iter().take(3));
    picked
}

#[test]
fn every_provider_fits_the_width() {
    let providers = listed("providers");
    assert!(providers.len() >= 2, "{providers:?}");
    let mut wide = Vec::new();
    for provider in &providers {
        wide.extend(too_wide(&[provider]));
    }
    let subsets = golden_subsets(&providers);
    assert!(subsets.len() >= 2, "the goldens show subsets: {subsets:?}");
    for (provider, pointer) in &subsets {
        wide.extend(too_wide(&[provider, pointer]));
    }
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}

#[test]
fn every_code_fits_the_width() {
    let codes = listed("codes");
    assert!(codes.len() >= 20, "{codes:?}");
    let wide: Vec<String> = codes.iter().flat_map(|c| too_wide(&[c])).collect();
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}

#[test]
fn every_sample_fits_the_width() {
    let mut samples = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
        "json",
        &mut samples,
    );
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
        "ndjson",
        &mut samples,
    );
    assert!(samples.len() >= 3, "{samples:?}");
    let mut wide = Vec::new();
    for sample in &samples {
        let file = sample.to_str().expect("a UTF-8 path");
        for pointer in sample_pointers(sample) {
            wide.extend(too_wide(&[file, &pointer]));
        }
    }
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}
