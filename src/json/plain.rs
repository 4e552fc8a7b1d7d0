//! serde_json's syntax messages in plain words ("expected ident" becomes
//! "expected true, false or null"), and, for a payload that ends inside an
//! object, array or string, where that was opened: every command reports a
//! broken payload through [`super::ParseError`], so they all say the same.

/// The plain wording of serde_json's `message` for an error at byte
/// `at` of `text`, and the byte offset of the unclosed opener for an
/// unexpected end.
pub fn plain(message: &str, text: &[u8], at: Option<usize>) -> (String, Option<usize>) {
    let closer = at.and_then(|i| text.get(i)).copied();
    let opened = || innermost_open(text);
    let words = match message {
        "EOF while parsing an object" => return ends_inside("an object", opened()),
        "EOF while parsing a list" => return ends_inside("an array", opened()),
        "EOF while parsing a string" => return ends_inside("a string", opened()),
        "EOF while parsing a value" => "the payload ends where a value should be",
        "trailing comma" => match closer {
            Some(b'}') => "a comma before `}`",
            Some(b']') => "a comma before `]`",
            _ => "a comma before a closing bracket",
        },
        "key must be a string" => "an object key must be a string in double quotes",
        "expected ident" => "expected true, false or null",
        "expected value" => "expected a JSON value",
        "expected `:`" => "expected `:` after an object key",
        "expected `,` or `}`" => "expected `,` or `}` after an object member",
        "expected `,` or `]`" => "expected `,` or `]` after an array element",
        "trailing characters" => "text after the end of the JSON value",
        "invalid escape" => "an invalid escape in a string",
        "invalid number" => "an invalid number",
        "number out of range" => "a number out of range",
        "invalid unicode code point"
        | "lone leading surrogate in hex escape"
        | "unexpected end of hex escape" => "an invalid \\u escape in a string",
        m if m.starts_with("control character") => {
            "a control character inside a string (write it escaped, as \\n or \\u0000)"
        }
        other => other,
    };
    (words.to_string(), None)
}

/// With an opener, the message is what was opened (`an array`), to be
/// worded by [`unclosed`] with the opener's place.
fn ends_inside(what: &str, opened: Option<usize>) -> (String, Option<usize>) {
    match opened {
        Some(at) => (what.to_string(), Some(at)),
        None => (format!("the payload ends inside {what}"), None),
    }
}

/// `an array opened at line 3 column 7 is not closed; the payload ends`
/// (followed by where it ends).
pub fn unclosed(
    what: &str,
    line: impl std::fmt::Display,
    column: impl std::fmt::Display,
) -> String {
    format!("{what} opened at line {line} column {column} is not closed; the payload ends")
}

/// The offset of the innermost object, array or string left open at the
/// end of `text`.
fn innermost_open(text: &[u8]) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut string: Option<usize> = None;
    let mut escaped = false;
    for (i, &b) in text.iter().enumerate() {
        if string.is_some() {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => string = None,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => string = Some(i),
            b'{' | b'[' => open.push(i),
            b'}' | b']' => {
                open.pop();
            }
            _ => {}
        }
    }
    string.or_else(|| open.last().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unexpected_end_names_the_opener() {
        let text = b"{\n  \"a\": [1,\n  {\"b\": 2}\n";
        assert_eq!(
            plain("EOF while parsing a list", text, None),
            ("an array".to_string(), Some(9))
        );
        let text = b"{\"a\": \"x\\\"";
        assert_eq!(innermost_open(text), Some(6));
    }

    #[test]
    fn serde_words_become_plain() {
        let text = b"{\"a\":1,}";
        assert_eq!(
            plain("trailing comma", text, Some(7)).0,
            "a comma before `}`"
        );
        assert_eq!(
            plain("expected ident", text, None).0,
            "expected true, false or null"
        );
        assert_eq!(plain("something new", text, None).0, "something new");
    }
}
