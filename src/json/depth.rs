//! The nesting limit, [`MAX_DEPTH`]: the builder's visitors enforce it on
//! every container, built or skipped, so that every parse
//! [`super::Extent`] rejects the same payloads with the same message. An
//! error raised inside a visitor has no position of its own; the scan here
//! finds where it is, once a payload has failed.

use memchr::memchr2;

/// The deepest nesting a payload may have: the root container is level 1,
/// so 128 nested arrays pass and 129 do not.
pub const MAX_DEPTH: usize = 128;

/// The message of a payload nested too deeply.
pub const TOO_DEEP: &str = "nested deeper than 128 levels (recursion limit exceeded)";

/// The offset of the first `[` or `{` (outside strings) that opens a
/// container at a level deeper than `limit`.
///
/// For valid JSON the level is the nesting depth. For invalid JSON it is
/// the depth serde_json reaches up to its first error: the container the
/// builder stopped at is the first one this scan finds.
pub fn first_too_deep(text: &[u8], limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&byte) = text.get(i) {
        match byte {
            b'"' => {
                i = string_end(text, i + 1);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset just past the `"` that closes the string whose text starts at
/// `i` (the end of `text` when it is unterminated).
fn string_end(text: &[u8], mut i: usize) -> usize {
    while let Some(rest) = text.get(i..) {
        match memchr2(b'"', b'\\', rest) {
            // An escape: skip the backslash and the byte it escapes.
            Some(k) if rest[k] == b'\\' => i += k + 2,
            Some(k) => return i + k + 1,
            None => break,
        }
    }
    text.len()
}

/// Where serde_json reports an error at the opener at `at` (as its own
/// recursion limit did): 1-based line and column.
pub fn position_of(text: &[u8], at: usize) -> (usize, usize) {
    let i = text.len().min(at + 1);
    let line_start = memchr::memrchr(b'\n', &text[..i]).map_or(0, |p| p + 1);
    let line = 1 + memchr::memchr_iter(b'\n', &text[..line_start]).count();
    (line, i - line_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    // issue 9 point 18: depth exactly 128 passes, 129 does not.
    #[test]
    fn the_limit_is_inclusive() {
        assert_eq!(first_too_deep(nested(127).as_bytes(), MAX_DEPTH), None);
        assert_eq!(first_too_deep(nested(128).as_bytes(), MAX_DEPTH), None);
        assert_eq!(first_too_deep(nested(129).as_bytes(), MAX_DEPTH), Some(128));
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!(r#"{{"a":"{}\"[","b":[]}}"#, "[".repeat(300));
        assert_eq!(first_too_deep(text.as_bytes(), 2), None);
        let text = r#"{"a\\":[[{"b":"]]]\\\"]"}]]}"#;
        assert_eq!(first_too_deep(text.as_bytes(), 3), Some(9));
        assert_eq!(first_too_deep(text.as_bytes(), 4), None);
    }

    #[test]
    fn unterminated_strings_and_escapes_end_the_scan() {
        assert_eq!(first_too_deep(b"[\"abc\\", 0), Some(0));
        assert_eq!(first_too_deep(b"\"abc\\", 0), None);
        assert_eq!(first_too_deep(b"\"[[[", 0), None);
    }

    /// serde_json, with its own limit (which stops at the 128th container),
    /// reports the error where [`position_of`] says, newlines included.
    #[test]
    fn positions_follow_serde_json() {
        for text in [
            nested(128),
            format!("\n  {}", nested(128)),
            format!("{{\"a\":\n[{}\n ]}}", "[\n".repeat(130)),
            format!("{}\"x\"", "[ ".repeat(200)),
        ] {
            let err = serde_json::from_str::<serde_json::Value>(&text).expect_err("too deep");
            let at = first_too_deep(text.as_bytes(), MAX_DEPTH - 1).expect("deep");
            assert_eq!(
                position_of(text.as_bytes(), at),
                (err.line(), err.column()),
                "{text}"
            );
        }
    }
}
