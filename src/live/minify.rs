//! The capture form of a hook body: whitespace outside strings removed and
//! nothing else changed (key order, duplicate keys, number text, escapes
//! and non-ASCII bytes stay as received), so that a capture line is the
//! body the sender posted, on one line.

/// UTF-8's byte order mark, which is not part of a JSON text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `body` without the whitespace between its tokens (space, tab, CR, LF:
/// JSON's four) and without the byte order marks between documents (before
/// the first, wherever the reader skips them too, whitespace or not before
/// them). Bytes inside strings are copied as they are, escapes included;
/// the body is expected to be JSON already (an unterminated string keeps
/// the rest as it is, a byte order mark inside a document stays, as the
/// reader refuses it there). Minifying twice changes nothing more.
pub fn minify(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    // Open objects and arrays: 0 is between documents.
    let mut depth = 0usize;
    for &byte in body {
        if in_string {
            out.push(byte);
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if !matches!(byte, b' ' | b'\t' | b'\r' | b'\n') {
            match byte {
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            in_string = byte == b'"';
            out.push(byte);
            // Checked on what is written, not on what was read: bytes
            // that whitespace kept apart can meet and make one.
            if depth == 0 && out.ends_with(BOM) {
                out.truncate(out.len() - BOM.len());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(s: &str) -> String {
        String::from_utf8(minify(s.as_bytes())).expect("utf-8 in, utf-8 out")
    }

    #[test]
    fn whitespace_between_tokens_goes() {
        let pretty = "{\n  \"a\" : [ 1 ,\t2 ],\r\n  \"b\": { }\n}\n";
        assert_eq!(min(pretty), r#"{"a":[1,2],"b":{}}"#);
    }

    #[test]
    fn strings_keep_their_spaces_and_escapes() {
        let body = r#"{ "a b" : "x  y\t\" z \\", "c": "\\\" q" }"#;
        assert_eq!(min(body), r#"{"a b":"x  y\t\" z \\","c":"\\\" q"}"#);
        // An escaped backslash before the closing quote ends the string.
        assert_eq!(min(r#"[ "\\" , "x" ]"#), r#"["\\","x"]"#);
        assert_eq!(min(r#"[ "\u0041 \n" , 1 ]"#), r#"["\u0041 \n",1]"#);
    }

    #[test]
    fn numbers_keys_and_duplicates_stay_as_received() {
        let body = "{ \"n\": 1.50e+03 , \"n\": -0.0, \"big\": 123456789012345678901234567890 }";
        assert_eq!(
            min(body),
            "{\"n\":1.50e+03,\"n\":-0.0,\"big\":123456789012345678901234567890}"
        );
    }

    #[test]
    fn unicode_is_copied_byte_for_byte() {
        let body = "{ \"nome\" : \"Jo\u{e3}o \u{1F600}\u{a0}\" ,\"\u{2028}\": true }";
        assert_eq!(
            min(body),
            "{\"nome\":\"Jo\u{e3}o \u{1F600}\u{a0}\",\"\u{2028}\":true}"
        );
        // A non-breaking space outside a string is not JSON whitespace:
        // it stays (the parser would have refused the body anyway).
        assert_eq!(min("[1,\u{a0}2]"), "[1,\u{a0}2]");
    }

    #[test]
    fn a_leading_byte_order_mark_goes() {
        assert_eq!(minify(b"\xEF\xBB\xBF { }"), b"{}");
    }

    /// Found by the `minify` fuzz target: a byte order mark after leading
    /// whitespace was kept, and went only when the line was minified again.
    #[test]
    fn a_byte_order_mark_after_whitespace_goes_too() {
        assert_eq!(minify(b"\n\xEF\xBB\xBF\n{ }"), b"{}");
        assert_eq!(minify(b"\xEF\xBB\xBF\xEF\xBB\xBF{}"), b"{}");
        assert_eq!(minify(b"{}\n\xEF\xBB\xBF{}"), b"{}{}");
        // Whitespace that kept a mark's bytes apart does not let one stay.
        assert_eq!(minify(b"\xEF \xBB\n\xBF{}"), b"{}");
        // Inside a document or a string the mark is the sender's.
        assert_eq!(minify(b"[1, \xEF\xBB\xBF2]"), b"[1,\xEF\xBB\xBF2]");
        assert_eq!(minify(b"\"\xEF\xBB\xBF\""), b"\"\xEF\xBB\xBF\"");
        for body in [
            &b"\n\xEF\xBB\xBF{}"[..],
            b"\xEF \xBB\xBF",
            b" \xEF\xBB\xEF\xBB\xBF\xBF",
        ] {
            let once = minify(body);
            assert_eq!(minify(&once), once, "{body:?}");
        }
    }

    #[test]
    fn minifying_twice_changes_nothing_more() {
        let once = minify(include_bytes!(
            "../../samples/nuvidio/attendant_closed_issue.complete.json"
        ));
        assert_eq!(minify(&once), once);
        assert!(!once.contains(&b'\n'));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::minify;

    /// Any JSON value (strings with escapes, control characters and
    /// non-ASCII text, numbers of every form serde_json writes).
    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            "(\\PC|[\"\\\\/\n\t ])*".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::vec(("[ a-z\"\\\\é]{0,6}", inner), 0..6)
                    .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

        // serde_json's pretty form differs from its compact form only in
        // whitespace between tokens: minifying one gives the other.
        // Any bytes, JSON or not: the second pass finds nothing to remove.
        #[test]
        fn minifying_twice_changes_nothing_more(
            body in prop::collection::vec(
                prop_oneof![Just(0xEFu8), Just(0xBB), Just(0xBF), Just(b' '), Just(b'\n'),
                    Just(b'"'), Just(b'\\'), Just(b'{'), Just(b'}'), Just(b'['), Just(b']'), any::<u8>()],
                0..40,
            )
        ) {
            let once = minify(&body);
            prop_assert_eq!(minify(&once), once);
        }

        #[test]
        fn minifying_the_pretty_form_gives_the_compact_form(value in value()) {
            let pretty = serde_json::to_vec_pretty(&value).expect("serializes");
            let compact = serde_json::to_vec(&value).expect("serializes");
            prop_assert_eq!(minify(&pretty), compact);
        }
    }
}
