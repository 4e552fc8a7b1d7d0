//! Text helpers for untrusted strings (payload values and file names):
//! escaping the characters that could act on a terminal or forge a TSV
//! row, shortening long values for messages.
//!
//! [`escape_control`] is the one escaping every terminal- or TSV-facing
//! output goes through (detect and check text, summary tables, GitHub
//! commands, every diagnostic). Data formats (JSON, CSV, JUnit XML) carry
//! values exact, under their own quoting.

use std::borrow::Cow;
use std::fmt;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Escapes every character that can act on a terminal or split a TSV
/// field: ESC becomes `\e`, the usual `\n`, `\r`, `\t`, and the rest of the
/// Unicode categories Cc (C0/C1 controls, DEL), Cf (format characters:
/// bidi controls, zero-width characters, BOM, tag characters), Zl and Zp
/// become `\u{..}`. The result holds none of them, so escaping it again
/// changes nothing. Backslashes are kept as they are: the escaping makes
/// text safe to show, the data formats keep it exact.
pub fn escape_control(s: &str) -> Cow<'_, str> {
    if is_plain(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(Escaped(s).to_string())
}

/// Like [`escape_control`] but keeps newlines (for wrapped message text).
pub fn escape_control_keep_newlines(s: &str) -> Cow<'_, str> {
    if s.split('\n').all(is_plain) {
        return Cow::Borrowed(s);
    }
    let mut exact = String::with_capacity(s.len() + 8);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            exact.push('\n');
        }
        exact.push_str(&escape_control(line));
    }
    Cow::Owned(exact)
}

/// Shows a string through [`escape_control`] without building it first.
#[derive(Debug, Clone, Copy)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            f.write_str(&rest[..at])?;
            match c {
                '\u{1b}' => f.write_str("\\e")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// The fast path: printable ASCII (the usual case) needs no character
/// table; anything else is looked at character by character.
fn is_plain(s: &str) -> bool {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return true;
    }
    !s.chars().any(needs_escape)
}

/// Whether `c` is escaped: categories Cc, Cf, Zl, Zp (the bidi controls,
/// U+061C, U+200E-F, U+202A-E, U+2066-9, are all Cf), and the whole Tags
/// block, whose unassigned code points may become tags later.
fn needs_escape(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control()
        || ('\u{e0000}'..='\u{e007f}').contains(&c)
        || matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
}

/// Cuts `s` to at most `max` characters, ending with `…` when cut.
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some(_) => {
            let keep = max.saturating_sub(1);
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &s[..end]))
        }
    }
}

/// Characters of a payload string kept in a message.
const SHOWN_CHARS: usize = 60;
/// Characters of a number kept in a message.
const SHOWN_DIGITS: usize = 40;

/// A value quoted for a message: escaped, shortened, in double quotes.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", shown(s))
}

/// A payload string as a message shows it unquoted: escaped, shortened.
pub fn shown(s: &str) -> Cow<'_, str> {
    match escape_control(s) {
        Cow::Borrowed(s) => shorten(s, SHOWN_CHARS),
        Cow::Owned(s) => Cow::Owned(shorten(&s, SHOWN_CHARS).into_owned()),
    }
}

/// A number as a message shows it: shortened (a number can have a
/// million digits).
pub fn number(n: &impl std::fmt::Display) -> String {
    let text = n.to_string();
    match shorten(&text, SHOWN_DIGITS) {
        Cow::Borrowed(_) => text,
        Cow::Owned(short) => short,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape_control("a\u{1b}[31mred"), "a\\e[31mred");
        assert_eq!(escape_control("x\ty\u{7}"), "x\\ty\\u{7}");
        assert_eq!(escape_control("plain é 😀"), "plain é 😀");
        assert_eq!(escape_control_keep_newlines("a\nb\u{1b}"), "a\nb\\e");
    }

    // issue 9 point 4: OSC 52, BEL, C1, CR and NUL reached the terminal.
    #[test]
    fn escapes_c0_c1_and_osc_sequences() {
        assert_eq!(
            escape_control("\u{1b}]52;c;cHduZWQ=\u{7}"),
            "\\e]52;c;cHduZWQ=\\u{7}"
        );
        assert_eq!(
            escape_control("a\u{0}b\rc\u{85}d\u{9b}e\u{7f}"),
            "a\\u{0}b\\rc\\u{85}d\\u{9b}e\\u{7f}"
        );
        assert_eq!(
            escape_control("x\nforged.json:9\tpiperun\ttalk"),
            "x\\nforged.json:9\\tpiperun\\ttalk"
        );
    }

    // issue 9 point 6: invisible and bidi characters passed in check and
    // summary text.
    #[test]
    fn escapes_format_and_separator_characters() {
        let escaped = [
            '\u{61c}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{ad}',
            '\u{e0000}',
            '\u{e0001}',
            '\u{e0002}',
            '\u{e0020}',
            '\u{e007f}',
            '\u{2028}',
            '\u{2029}',
            '\u{fff9}',
        ];
        for c in escaped {
            let s = format!("a{c}b");
            assert_eq!(
                escape_control(&s),
                format!("a\\u{{{:x}}}b", u32::from(c)),
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(escape_control_keep_newlines(&s), escape_control(&s));
        }
        // Combining marks, spaces, emoji, CJK and private use stay.
        let kept = "e\u{301} \u{a0}\u{3000} 😀 中文 \u{e000} \u{fe0f}";
        assert_eq!(escape_control(kept), kept);
    }

    #[test]
    fn escaping_twice_changes_nothing() {
        let once = escape_control("\u{1b}[2J\u{202e}\t\u{feff}x\\e").into_owned();
        assert_eq!(escape_control(&once), once);
        assert_eq!(Escaped("a\u{7}").to_string(), "a\\u{7}");
    }

    #[test]
    fn shortens_by_characters() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("ação", 4), "ação");
        assert_eq!(shorten("ççççç", 3), "çç…");
    }

    #[test]
    fn messages_show_values_shortened() {
        let digits = "1".repeat(1_000_000);
        assert_eq!(number(&digits).chars().count(), SHOWN_DIGITS);
        assert_eq!(number(&"12.5"), "12.5");
        assert_eq!(shown(&"\u{1b}".repeat(100)).chars().count(), SHOWN_CHARS);
        assert_eq!(quote("a\tb"), "\"a\\tb\"");
    }
}
