//! Text helpers for untrusted payload strings: escaping control characters
//! before they reach a terminal, shortening long values for messages.

use std::borrow::Cow;

/// Escapes control characters so that a payload string cannot move the
/// cursor, recolor or retitle a terminal: ESC becomes `\e`, the usual
/// `\n`, `\r`, `\t`, and other C0/C1 controls and DEL `\u{..}`.
pub fn escape_control(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`escape_control`] but keeps newlines (for wrapped message text).
pub fn escape_control_keep_newlines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && needs_escape(c)) {
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

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
