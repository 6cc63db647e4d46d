//! Inline publisher data (CSV) must never panic, whatever a page puts in it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = crime_compare::publisher::PublisherData::from_csv(text);
        assert!(parsed.rows.len() <= crime_compare::publisher::MAX_ROWS);
    }
});
