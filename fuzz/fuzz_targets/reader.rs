#![no_main]
//! The payload reader and parser on arbitrary bytes, at every extent.

use hookscope::json::Extent;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::each_payload(data, |payload| {
        let lean = Extent::Lean(hookscope::provider::Registry::builtin().lean_roots());
        for extent in [Extent::Full, Extent::Detect, lean] {
            if let Ok(doc) = payload.parse(extent) {
                let _ = doc.root().to_json();
            }
        }
    });
});
