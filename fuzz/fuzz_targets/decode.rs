//! The dataset decoder must return an error, never panic, on any bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = crime_compare::model::Dataset::decode(data);
});
