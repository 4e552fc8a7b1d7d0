#![no_main]
//! The payload reader and parser on arbitrary bytes, at every extent.

use hookscope::json::Extent;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::each_payload(data, |payload| {
        for extent in [Extent::Full, Extent::Detect, Extent::Lean] {
            if let Ok(doc) = payload.parse(extent) {
                let _ = doc.root().to_json();
            }
        }
    });
});
