//! The source-table parsers must reject bad input with an error, never panic.
#![no_main]
use crime_compare::ingest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ingest::csv::parse("fuzz.csv", text);
        let _ = ingest::sources::parse_pfa("fuzz.csv", text);
        let _ = ingest::sources::parse_population("fuzz.csv", text);
        let _ = ingest::sources::parse_lookup("fuzz.csv", text);
        let _ = ingest::open_data::parse_open_data("fuzz.csv", text);
    }
});
