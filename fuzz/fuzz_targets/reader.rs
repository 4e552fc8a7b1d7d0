#![no_main]
//! The payload reader and parser on arbitrary bytes, at every extent.

use hookscope::json::Extent;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::each_payload(data, |payload| {
        let registry = hookscope::provider::Registry::builtin();
        let lean = Extent::Lean(registry.lean_roots());
        let detect = Extent::Detect(registry.detect_keys());
        for extent in [Extent::Full, detect, lean] {
            if let Ok(doc) = payload.parse(extent) {
                let _ = doc.root().to_json();
            }
        }
    });
});
