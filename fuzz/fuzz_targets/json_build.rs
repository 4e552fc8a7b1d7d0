#![no_main]
//! The hand-written JSON builder against serde_json's on arbitrary text:
//! on every extent the commands use, what the fast builder takes must be
//! what serde_json takes, built into the same arena (it panics otherwise).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        hookscope::json::compare_builders(text);
    }
});
