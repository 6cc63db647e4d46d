//! The geometry decoder (the boundaries file a map fetches, `g-<crc>.ccd`) on any bytes: a
//! geometry or an error, never a panic, and quickly. Seeded with the real file (see `make fuzz`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(g) = crime_compare::codec::decode_geometry(data) {
        let _ = g.shape_at(400_000.0, 300_000.0);
        let _ = g.arcs();
    }
});
