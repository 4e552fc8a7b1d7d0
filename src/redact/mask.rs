//! Masking text: every letter and digit replaced by another of its class,
//! punctuation, spacing, emoji, HTML tags and the UTF-8 length of every
//! character kept, so layout and encoding bugs stay reproducible. Also
//! the last-resort masking of text that is not JSON (a payload that does
//! not parse, the bytes between payloads).

use super::pseudonym::Stream;

/// Letters of two UTF-8 bytes, for the non-ASCII letters of that length.
const LOWER2: &[char] = &['á', 'é', 'í', 'ó', 'ú', 'ã', 'õ', 'ç', 'â', 'ê'];
const UPPER2: &[char] = &['Á', 'É', 'Í', 'Ó', 'Ú', 'Ã', 'Õ', 'Ç', 'Â', 'Ê'];

/// One character masked: a letter by another letter of the same case and
/// UTF-8 length, a digit by another digit; anything else kept.
pub fn mask_char(c: char, stream: &mut Stream) -> char {
    if c.is_ascii_lowercase() {
        return char::from(stream.other_in(b'a', 26, c as u8));
    }
    if c.is_ascii_uppercase() {
        return char::from(stream.other_in(b'A', 26, c as u8));
    }
    if c.is_ascii_digit() {
        return char::from(stream.other_in(b'0', 10, c as u8));
    }
    if c.is_ascii() || !c.is_alphanumeric() {
        return c;
    }
    match c.len_utf8() {
        2 => {
            let set = if c.is_uppercase() { UPPER2 } else { LOWER2 };
            let at = set.iter().position(|&x| x == c);
            let mut i = stream.below(set.len() as u64 - u64::from(at.is_some())) as usize;
            if at.is_some_and(|at| i >= at) {
                i += 1;
            }
            set[i]
        }
        3 => ['ẽ', 'ỹ', 'ḿ'][stream.below(3) as usize],
        _ => ['𝐱', '𝐲', '𝐳'][stream.below(3) as usize],
    }
}

/// Masks `text` into `out`, leaving HTML tags (`<p>`, `</b>`, `<br/>`)
/// and entities (`&amp;`) as they are.
pub fn mask_into(text: &str, stream: &mut Stream, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        let keep = markup_len(rest);
        if keep > 0 {
            out.push_str(&rest[..keep]);
            rest = &rest[keep..];
            continue;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(mask_char(c, stream));
        }
        rest = chars.as_str();
    }
}

/// The length of an HTML tag or entity at the start of `s`, or 0.
fn markup_len(s: &str) -> usize {
    let b = s.as_bytes();
    match b.first() {
        Some(b'<')
            if b.get(1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') =>
        {
            let end = b.iter().take(64).position(|&c| c == b'>');
            match end {
                Some(end) if !b[1..end].contains(&b'<') => end + 1,
                _ => 0,
            }
        }
        Some(b'&') => {
            let end = b.iter().take(10).position(|&c| c == b';');
            match end {
                Some(end) if end > 1 && b[1..end].iter().all(u8::is_ascii_alphanumeric) => end + 1,
                _ => 0,
            }
        }
        _ => 0,
    }
}

/// Masks text that is not JSON (or not usable JSON) so that nothing
/// personal survives while its syntax stays as broken as it was: string
/// values are masked (keys, escapes and quotes kept); outside strings,
/// `true`, `false`, `null` and numbers up to 9 digits are kept and every
/// other word is masked. Byte lengths are kept, so line and column of a
/// syntax error stay where they were.
pub fn mask_loose(text: &str, stream: &mut Stream) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let end = string_end(b, i);
            let is_key = b[end..]
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|&c| c == b':');
            if is_key {
                out.push_str(&text[i..end]);
            } else {
                mask_raw_string(&text[i..end], stream, &mut out);
            }
            i = end;
        } else if let Some(len) = datetime_at(b, i) {
            // A log line's timestamp is not personal (README: timestamps
            // aside); masked piecewise it became an impossible date.
            out.push_str(&text[i..i + len]);
            i += len;
        } else if b[i].is_ascii_alphanumeric() || b[i] >= 0x80 {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] >= 0x80 || b[i] == b'.') {
                i += 1;
            }
            let word = &text[start..i];
            let keep = matches!(word, "true" | "false" | "null")
                || (word.len() < 10 && word.bytes().all(|c| c.is_ascii_digit() || c == b'.'));
            if keep {
                out.push_str(word);
            } else {
                out.extend(word.chars().map(|c| mask_char(c, stream)));
            }
        } else {
            let start = i;
            while i < b.len() && !(b[i] == b'"' || b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
                i += 1;
            }
            out.push_str(&text[start..i]);
        }
    }
    out
}

/// The length of the datetime starting at `b[at]` after a word boundary,
/// if one does: `YYYY-MM-DD`, `T`, `t` or a space, `HH:MM:SS`, an optional
/// fraction and an optional `Z` or `+HH:MM` offset, not followed by a
/// letter or digit.
fn datetime_at(b: &[u8], at: usize) -> Option<usize> {
    if at > 0 && b[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    let s = &b[at..];
    let digit = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    let is = |i: usize, c: &[u8]| s.get(i).is_some_and(|x| c.contains(x));
    let shape = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        .into_iter()
        .all(digit)
        && is(4, b"-")
        && is(7, b"-")
        && is(10, b"Tt ")
        && is(13, b":")
        && is(16, b":");
    if !shape {
        return None;
    }
    let mut end = 19;
    if is(end, b".") && digit(end + 1) {
        end += 1;
        while digit(end) {
            end += 1;
        }
    }
    if is(end, b"Zz") {
        end += 1;
    } else if is(end, b"+-") && digit(end + 1) && digit(end + 2) {
        end += 3;
        if is(end, b":") && digit(end + 1) && digit(end + 2) {
            end += 3;
        } else if digit(end) && digit(end + 1) {
            end += 2;
        }
    }
    let word_after = s.get(end).is_some_and(|c| c.is_ascii_alphanumeric());
    (!word_after).then_some(end)
}

/// The end (past the closing quote, or the end of the line) of the string
/// starting at the quote `b[start]`.
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// A raw string token masked with its escapes (`\n`, `\u00e9`) kept.
fn mask_raw_string(raw: &str, stream: &mut Stream, out: &mut String) {
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\\' {
            let len = if raw[at..].starts_with("\\u") { 6 } else { 2 };
            let end = (at + len).min(raw.len());
            out.push_str(raw.get(at..end).unwrap_or("\\"));
            while chars.peek().is_some_and(|(i, _)| *i < end) {
                chars.next();
            }
        } else {
            out.push(mask_char(c, stream));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redact::pseudonym::Pseudonyms;

    #[test]
    fn datetimes_outside_strings_are_kept() {
        let mut s = Pseudonyms::new(b"k").stream("t", "x");
        for stamp in [
            "2025-09-08T14:01:17Z",
            "2025-09-08T14:01:17.123456-03:00",
            "2025-09-08 14:01:17",
            "2025-09-08t14:01:17+0000",
        ] {
            let text = format!("[{stamp}] INFO Maria: {{\"a\":1}}");
            let out = mask_loose(&text, &mut s);
            assert!(out.starts_with(&format!("[{stamp}] ")), "{out}");
            assert!(!out.contains("INFO") && !out.contains("Maria"), "{out}");
        }
        let glued = mask_loose("x2025-09-08T14:01:17Z 2025-09-08T14:01:17Zed", &mut s);
        assert!(!glued.contains("2025-09-08T14:01:17Z"), "{glued}");
    }

    #[test]
    fn masking_keeps_lengths_case_punctuation_and_markup() {
        let mut s = Pseudonyms::new(b"k").stream("t", "x");
        let mut out = String::new();
        let text = "<p>Olá, João! Tel 123 &amp; 📣 É</p>";
        mask_into(text, &mut s, &mut out);
        assert_eq!(out.len(), text.len());
        assert!(out.starts_with("<p>") && out.ends_with("</p>"));
        assert!(out.contains("&amp; 📣 "));
        assert_ne!(out, text);
        for (a, b) in out.chars().zip(text.chars()) {
            assert_eq!(a.is_alphabetic(), b.is_alphabetic());
            assert_eq!(a.is_uppercase(), b.is_uppercase());
            assert_eq!(a.len_utf8(), b.len_utf8());
        }
    }

    #[test]
    fn loose_masking_keeps_keys_literals_and_syntax() {
        let mut s = Pseudonyms::new(b"k").stream("t", "x");
        let text = "{\"name\": \"Jo\\u00e3o Silva\", \"n\": 12, \"ok\": true,}\njunk joao@x.com";
        let out = mask_loose(text, &mut s);
        assert_eq!(out.len(), text.len());
        assert!(out.starts_with("{\"name\": \"") && out.contains("\\u00e3"));
        assert!(out.contains("\"n\": 12, \"ok\": true,}\n"));
        assert!(!out.contains("Silva") && !out.contains("joao"));
    }
}
