#![no_main]
//! `listen`'s capture minifier on arbitrary bytes: minifying twice
//! changes nothing more; and when the body is JSON, the minified body
//! parses to an equal value (numbers compared as their text) with no
//! whitespace left outside strings.

use hookscope::live::minify::minify;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let once = minify(data);
    assert!(minify(&once) == once, "minify is idempotent");
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let again: Value = match serde_json::from_slice(&once) {
        Ok(again) => again,
        Err(err) => panic!("minified JSON does not parse: {err}"),
    };
    assert_eq!(value, again, "minifying changed the value");
    assert!(
        !whitespace_outside_strings(&once),
        "whitespace left outside strings"
    );
});

/// Whether JSON text `bytes` has a space, tab, CR or LF between tokens.
fn whitespace_outside_strings(bytes: &[u8]) -> bool {
    let (mut in_string, mut escaped) = (false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            return true;
        } else {
            in_string = b == b'"';
        }
    }
    false
}
