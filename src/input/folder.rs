//! Folders given as inputs: with `--recursive` they stand for the payload
//! files inside them (`*.json`, `*.ndjson`, `*.jsonl`, `*.gz`, at any
//! depth, in sorted order); without it a folder is named as one, with that
//! hint.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::text::Escaped;

/// The file names read from a folder.
const EXTENSIONS: &[&str] = &["json", "ndjson", "jsonl", "gz"];

/// The files `name` stands for: itself, or (a folder, with `recursive`)
/// the payload files inside it, sorted by path.
pub fn expand(name: &str, recursive: bool) -> Result<Vec<String>> {
    let path = Path::new(name);
    if name == super::STDIN || !path.is_dir() {
        return Ok(vec![name.to_string()]);
    }
    if !recursive {
        bail!(
            "{}: is a folder (--recursive reads the *.json, *.ndjson, *.jsonl and *.gz files in it)",
            Escaped(name)
        );
    }
    let mut files = Vec::new();
    walk(path, &mut files)?;
    files.sort();
    Ok(files
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect())
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list", Escaped(&dir.display().to_string())))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("{}: cannot list", Escaped(&dir.display().to_string())))?
            .path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e))
        {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_sorted_payload_files() {
        let root = std::env::temp_dir().join(format!("hookscope-folder-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("b")).expect("made");
        for file in ["b/2.json", "a.ndjson", "c.gz", "notes.txt", "b/1.jsonl"] {
            std::fs::write(root.join(file), "{}").expect("written");
        }
        let name = root.to_str().expect("utf-8");
        let files = expand(name, true).expect("listed");
        let rel: Vec<String> = files
            .iter()
            .map(|f| f[name.len() + 1..].to_string())
            .collect();
        assert_eq!(rel, ["a.ndjson", "b/1.jsonl", "b/2.json", "c.gz"]);
        let err = expand(name, false).expect_err("a folder").to_string();
        assert!(
            err.ends_with(
                "is a folder (--recursive reads the *.json, *.ndjson, *.jsonl and *.gz files in it)"
            ),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
