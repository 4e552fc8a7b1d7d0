//! `listen --save FILE`: the NDJSON capture and its metadata file
//! (`FILE.meta.ndjson`), line for line. One hook is one `write` to each
//! file, under one lock, before the response is sent: lines never
//! interleave, and a hook answered 2xx is in the file even if the process
//! is killed right after (`--fsync` also syncs each write to the disk).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::text::Escaped;

/// The two append-only files of a capture.
#[derive(Debug)]
pub struct Capture {
    hooks: File,
    meta: File,
    fsync: bool,
    path: PathBuf,
}

/// The metadata file beside a capture: `FILE.meta.ndjson`.
pub fn meta_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".meta.ndjson");
    PathBuf::from(name)
}

impl Capture {
    /// Opens (creating) both files for appending. A file whose last line
    /// was cut short (a process killed mid-write) gets its line ended, so
    /// that the next hook starts a line of its own.
    pub fn open(path: &Path, fsync: bool) -> Result<Self> {
        let meta_path = meta_path(path);
        Ok(Capture {
            hooks: open_append(path)?,
            meta: open_append(&meta_path)?,
            fsync,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one hook: `body` (already on one line) and its metadata.
    pub fn append(&mut self, body: &[u8], meta: &[u8]) -> Result<()> {
        self.write_line(body, false)?;
        self.write_line(meta, true)
    }

    fn write_line(&mut self, line: &[u8], meta: bool) -> Result<()> {
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.extend_from_slice(line);
        buf.push(b'\n');
        let (file, path) = match meta {
            false => (&mut self.hooks, self.path.clone()),
            true => (&mut self.meta, meta_path(&self.path)),
        };
        let what = || format!("{}: cannot write", Escaped(&path.display().to_string()));
        file.write_all(&buf).with_context(what)?;
        if self.fsync {
            file.sync_data().with_context(what)?;
        }
        Ok(())
    }
}

fn open_append(path: &Path) -> Result<File> {
    let shown = || Escaped(&path.display().to_string()).to_string();
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)
        .with_context(|| format!("{}: cannot open for appending", shown()))?;
    end_last_line(&mut file).with_context(|| format!("{}: cannot read", shown()))?;
    Ok(file)
}

/// Ends a last line left without its newline.
fn end_last_line(file: &mut File) -> std::io::Result<()> {
    let len = file.seek(SeekFrom::End(0))?;
    if len == 0 {
        return Ok(());
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    if last[0] != b'\n' {
        file.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hooks_and_metadata_go_line_for_line_and_a_cut_line_is_ended() {
        let dir = std::env::temp_dir().join(format!("hookscope-capture-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("c.ndjson");
        std::fs::write(&path, b"{\"cut\":").expect("seed");
        let mut capture = Capture::open(&path, true).expect("opens");
        capture.append(b"{\"a\":1}", b"{\"m\":1}").expect("writes");
        capture.append(b"{\"b\":2}", b"{\"m\":2}").expect("writes");
        let hooks = std::fs::read_to_string(&path).expect("read");
        let meta = std::fs::read_to_string(meta_path(&path)).expect("read");
        assert_eq!(hooks, "{\"cut\":\n{\"a\":1}\n{\"b\":2}\n");
        assert_eq!(meta, "{\"m\":1}\n{\"m\":2}\n");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
