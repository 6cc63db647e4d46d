//! Inline publisher data (CSV, long or wide) must never panic, whatever a page puts in it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = crime_compare::publisher::PublisherData::from_csv(text);
        assert!(parsed.rows.len() <= crime_compare::publisher::MAX_ROWS);
        // A wide table (the offence from the element's attribute), and its rows written back.
        let wide = crime_compare::publisher::PublisherData::from_text(text, "Sexual offences");
        assert!(wide.rows.len() <= crime_compare::publisher::MAX_ROWS);
        let back = crime_compare::publisher::PublisherData::from_csv(&wide.to_csv());
        assert_eq!(back.rows, wide.rows);
    }
});
