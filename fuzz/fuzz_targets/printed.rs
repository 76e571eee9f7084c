//! The reader of printed figures ("1.928.311 tỷ đồng", "11,27%") on
//! arbitrary text: no panic, and only finite, non-negative numbers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::internals::validate::provenance::{matches, parse_printed};

fuzz_target!(|text: &str| {
    let numbers = parse_printed(text);
    for &n in &numbers {
        assert!(n.is_finite() && n >= 0.0, "{n} from {text:?}");
        assert!(matches(n, &numbers));
    }
});
