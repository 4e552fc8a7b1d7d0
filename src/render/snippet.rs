//! The source line of a syntax error with a caret under the fault, drawn
//! by `annotate-snippets` as rustc draws its own:
//!
//! ```text
//!   |
//! 3 |   "name": "x",}
//!   |               ^
//! ```
//!
//! The line is escaped with [`escape_control`] before it is drawn (the
//! caret column is counted in the escaped text); a line longer than
//! [`WIDTH`] characters is cut to [`CONTEXT`] characters either side of
//! the fault, with `...` where it was cut.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::text::escape_control;

/// The longest source line shown whole, in characters.
pub const WIDTH: usize = 100;

/// Characters of a longer line kept either side of the fault.
pub const CONTEXT: usize = 50;

/// Where a payload starts in its input and where its fault is, all
/// 1-based; the columns in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Fault {
    pub first_line: u64,
    pub first_column: u64,
    pub line: u64,
    pub column: u64,
}

/// The drawn snippet (lines ending in `\n`), or `None` when the fault is
/// outside `text` (the payload's bytes).
pub fn snippet(text: &[u8], fault: Fault, color: bool) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let index = usize::try_from(fault.line.checked_sub(fault.first_line)?).ok()?;
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .take(index.saturating_add(1))
        .map(|raw| raw.strip_suffix(b"\r").unwrap_or(raw))
        .collect();
    let raw = *lines.get(index)?;
    // The payload's first line starts at its first column in the input.
    let offset = if index == 0 { fault.first_column } else { 1 };
    let at = usize::try_from(fault.column.saturating_sub(offset)).unwrap_or(usize::MAX);
    let (index, raw, at) = match lines[..index].iter().rposition(|l| !is_blank(l)) {
        // The payload ends on a blank line: point just past the last text.
        Some(last) if is_blank(raw) => (last, lines[last], lines[last].len()),
        _ => (index, raw, at.min(raw.len())),
    };
    let (shown, span) = window(&raw[..at], &raw[at..]);
    let line = fault.first_line.saturating_add(index as u64);
    let snippet = Snippet::source(shown.as_str())
        .line_start(usize::try_from(line).unwrap_or(usize::MAX))
        .annotation(AnnotationKind::Primary.span(span));
    let report = [Group::with_level(Level::ERROR).element(snippet)];
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Wide enough that the line, already cut, is never cut again.
    let drawn = renderer.term_width(shown.len() + 40).render(&report);
    let mut drawn = drawn.trim_end_matches('\n').to_string();
    drawn.push('\n');
    Some(drawn)
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

/// The escaped text around the fault, and the byte span of the caret in it.
fn window(before: &[u8], after: &[u8]) -> (String, std::ops::Range<usize>) {
    let before = String::from_utf8_lossy(before);
    let after = String::from_utf8_lossy(after);
    let long = before.chars().count() + after.chars().take(WIDTH + 1).count() > WIDTH;
    let context = if long { CONTEXT } else { WIDTH };
    let skip = before.chars().count().saturating_sub(context);
    let head: String = before.chars().skip(skip).collect();
    let mut chars = after.chars();
    let fault: String = chars.next().map(String::from).unwrap_or_default();
    let tail: String = chars.by_ref().take(context).collect();
    let cut_tail = chars.next().is_some();
    let mut shown = String::new();
    if skip > 0 {
        shown.push_str("...");
    }
    shown.push_str(&escape_control(&head));
    let start = shown.len();
    shown.push_str(&escape_control(&fault));
    // An empty fault (the line ends there) still gets its caret.
    let end = (start + 1).max(shown.len());
    shown.push_str(&escape_control(&tail));
    if cut_tail {
        shown.push_str("...");
    }
    (shown, start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64, column: u64) -> Fault {
        Fault {
            first_line: 1,
            first_column: 1,
            line,
            column,
        }
    }

    #[test]
    fn caret_under_the_column() {
        let text = b"{\n  \"a\": 1,}\n";
        let drawn = snippet(text, at(2, 11), false).expect("drawn");
        assert_eq!(drawn, "  |\n2 |   \"a\": 1,}\n  |           ^\n");
    }

    #[test]
    fn escaped_controls_keep_the_caret_aligned() {
        let text = b"{\"a\":\"\x1b[31m\",}";
        let drawn = snippet(text, at(1, 15), false).expect("drawn");
        assert_eq!(
            drawn,
            "  |\n1 | {\"a\":\"\\e[31m\",}\n  |                ^\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_fault() {
        let mut text = vec![b'x'; 2000];
        text[1000] = b'!';
        let drawn = snippet(&text, at(1, 1001), false).expect("drawn");
        let line = drawn.lines().nth(1).expect("a source line");
        assert_eq!(line.len(), "1 | ".len() + 3 + CONTEXT + 1 + CONTEXT + 3);
        assert!(line.starts_with("1 | ...") && line.ends_with("..."));
        let caret = drawn.lines().nth(2).expect("a caret line");
        assert_eq!(caret.find('^'), line.find('!'));
    }

    #[test]
    fn lines_up_to_the_width_are_whole() {
        let mut text = vec![b'x'; WIDTH];
        text[WIDTH - 2] = b'!';
        let drawn = snippet(&text, at(1, WIDTH as u64 - 1), false).expect("drawn");
        assert!(!drawn.contains("..."), "{drawn}");
    }

    #[test]
    fn a_fault_past_the_text_has_no_snippet() {
        assert_eq!(snippet(b"{", at(3, 1), false), None);
        assert_eq!(snippet(b"", at(1, 1), false), None);
    }

    #[test]
    fn an_end_on_a_blank_line_points_past_the_last_text() {
        let drawn = snippet(b"{\n  \"a\": [1\n\n", at(4, 1), false).expect("drawn");
        assert_eq!(drawn, "  |\n2 |   \"a\": [1\n  |          ^\n");
    }

    #[test]
    fn the_first_line_starts_at_the_payload_column() {
        let fault = Fault {
            first_line: 4,
            first_column: 10,
            line: 4,
            column: 13,
        };
        let drawn = snippet(b"[1,]", fault, false).expect("drawn");
        assert_eq!(drawn, "  |\n4 | [1,]\n  |    ^\n");
    }
}
