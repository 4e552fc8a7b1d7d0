//! The one way hookscope writes to stderr. Best effort: a diagnostic that
//! cannot be written (stderr closed or full) is dropped and the run goes on,
//! its exit status unchanged. Escaped: every line goes through
//! [`escape_control`], so a file name or payload value quoted in a message
//! cannot act on the terminal or add a line.

use std::io::Write;

use crate::text::escape_control_keep_newlines;

/// Writes `text` (whole lines, each ending in a newline) to stderr.
pub fn write(text: &str) {
    let text = escape_control_keep_newlines(text);
    // Best effort by design: nowhere is left to report a failure to.
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes diagnostics gathered in a buffer (see [`crate::pipeline::Output`]).
pub fn write_bytes(bytes: &[u8]) {
    if !bytes.is_empty() {
        write(&String::from_utf8_lossy(bytes));
    }
}

/// Writes `hookscope: <error and its causes>`.
pub fn error(err: &anyhow::Error) {
    write(&format!("hookscope: {err:#}\n"));
}

/// Writes one line (`text` without its newline).
pub fn line(text: &str) {
    write(&format!("{text}\n"));
}
