#![no_main]
//! The framer's property on arbitrary interleavings of valid and broken
//! NDJSON lines (read in arbitrary chunk sizes, with and without a payload
//! limit): every valid payload is reported exactly once, at its own label,
//! and no two rows share a label. A crash oracle would miss a lost or
//! mislabelled payload; this target asserts it.

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/ndjson_model.rs"]
mod ndjson_model;

fuzz_target!(|data: &[u8]| {
    ndjson_model::check(&ndjson_model::build(data));
});
