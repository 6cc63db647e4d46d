//! The decoder past its checksum: the input is wrapped in a valid header and CRC, so the
//! fuzzer reaches the section, string, population, range-coded value and geometry decoders. Seeded with
//! the bundled dataset's payload (see `make fuzz`). Every input must give a dataset or an
//! error, never a panic, and must finish quickly.
#![no_main]
use crime_compare::codec::{crc32, MAGIC, VERSION};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &[u8]| {
    let mut bytes = Vec::with_capacity(14 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&crc32(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    if let Ok(dataset) = crime_compare::model::Dataset::decode(&bytes) {
        // A dataset that decodes must answer queries without panicking.
        let _ = dataset.find_area("North Wales");
        // And a geometry that decodes must answer point-in-polygon without panicking.
        if let Some(g) = dataset.geometry() {
            let _ = g.shape_at(400_000.0, 300_000.0);
            let _ = g.shapes.first().map(|s| s.bounds());
        }
        for area in 0..dataset.areas().len().min(8) {
            for offence in 0..dataset.offences().len().min(8) {
                let _ = dataset.counts(area, offence);
                let _ = dataset.rate_per_1000(area, offence, 0);
            }
        }
    }
});
