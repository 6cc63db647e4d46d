//! The builder's module compiles what `crime-data build` compiles: its embedded sources are the
//! committed ones, its dataset is the library build's (which tests/cli.rs proves is the CLI's),
//! and its zip holds exactly the split files. Run natively; the same code runs in the worker.

use crime_compare::ingest::{build_with_open_data, OpenDataFile, Source};
use crime_compare_builder::{base_sources, build, BuildError, ZIP_FOLDER};
use std::io::Read;
use std::path::PathBuf;

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(p)
}

#[test]
fn embedded_sources_are_the_committed_files() {
    for (name, text) in base_sources().unwrap() {
        assert_eq!(text, std::fs::read_to_string(repo(&format!("data/{name}"))).unwrap(), "{name}");
    }
}

#[test]
fn workbooks_compile_to_the_library_build_and_the_zip_holds_its_files() {
    let read = |p: &str| std::fs::read_to_string(repo(p)).unwrap();
    let (pfa, population, lookup) = (read("data/rec-crime-pfa.csv"), read("data/population.csv"), read("data/lookup.csv"));
    for fixture in ["ho-open-data-sample.ods", "ho-open-data-sample.xlsx"] {
        let bytes = std::fs::read(repo(&format!("tests/data/{fixture}"))).unwrap();
        let table = [OpenDataFile { name: fixture, bytes: &bytes }];
        let mut said = Vec::new();
        let built = build(&table, &mut |text| said.push(text.to_string())).unwrap();
        let library = build_with_open_data(
            Source { name: "data/rec-crime-pfa.csv", text: &pfa },
            Source { name: "data/population.csv", text: &population },
            Source { name: "data/lookup.csv", text: &lookup },
            &table,
            &mut |_| {},
        )
        .unwrap();
        // With the boundaries, as `crime-data build --boundaries` adds them.
        let shp = |ext: &str| std::fs::read(repo(&format!("data/boundaries/PFA_DEC_2022_EW_BUC_V2.{ext}"))).unwrap();
        let (geometry, _) = crime_compare::ingest::boundaries::build("PFA_DEC_2022_EW_BUC_V2.shp", &shp("shp"), Some(&shp("shx")), &shp("dbf"), &library).unwrap();
        let library = library.with_geometry(geometry);
        assert!(library.geometry().is_some());
        let expected = library.encode_split();
        assert_eq!(built.files.len(), expected.len());
        for (a, b) in built.files.iter().zip(&expected) {
            assert_eq!((&a.name, &a.bytes), (&b.name, &b.bytes), "{fixture}");
        }
        // The zip: every file, stored under the folder, nothing else.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(built.zip.clone())).unwrap();
        assert_eq!(zip.len(), expected.len());
        for f in &expected {
            let mut entry = zip.by_name(&format!("{ZIP_FOLDER}/{}", f.name)).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            assert_eq!(content, f.bytes, "{fixture}: {}", f.name);
        }
        // The same tables give the same zip, byte for byte (no timestamps).
        assert_eq!(build(&table, &mut |_| {}).unwrap().zip, built.zip);
        // Progress in words: each year sheet, the rows, then the assembly.
        for step in [
            format!("Reading {fixture}: unpacking the workbook"),
            format!("Reading {fixture}: sheet 2012-13 (1 of 2)"),
            format!("Reading {fixture}: sheet 2012-13 read, 72 rows so far"),
            format!("Reading {fixture}: sheet 2013_14 (2 of 2)"),
            format!("Read {fixture}: 114 rows from 2 year sheets"),
            "Assembling the dataset: rolling the quarters into years".to_string(),
        ] {
            assert!(said.iter().any(|s| s.starts_with(&step)), "{fixture}: no '{step}' in {said:?}");
        }
        // What the tables hold, as the dataset names it.
        let s = &built.summary;
        // ("London, City of" and "Devon and Cornwall" in the tables.)
        assert_eq!(s.areas, ["City of London", "Devon and Cornwall", "North Wales"]);
        assert_eq!(s.tables, [(fixture.to_string(), "police force area")]);
        assert_eq!(s.offences.len(), 8, "{:?}", s.offences);
        assert_eq!((s.first.as_deref(), s.last.as_deref()), (Some("2013-03"), Some("2013-09")));
    }
}

/// A partnership-level table (the synthetic CSP fixture) is told apart, and its partnerships,
/// named through the lookup, are areas of the dataset.
#[test]
fn a_partnership_table_is_detected_and_its_partnerships_become_areas() {
    let bytes = std::fs::read(repo("tests/data/synthetic-open-data-csp.csv")).unwrap();
    let built = build(&[OpenDataFile { name: "synthetic-open-data-csp.csv", bytes: &bytes }], &mut |_| {}).unwrap();
    assert_eq!(built.summary.tables, [("synthetic-open-data-csp.csv".to_string(), "community safety partnership")]);
    let mut areas = built.summary.areas.clone();
    areas.sort();
    assert_eq!(areas, ["Flintshire", "Wrexham"]);
    let wx = built.dataset.find_area("Wrexham").unwrap();
    assert_eq!(built.dataset.areas()[wx].code, "W14000006");
}

#[test]
fn a_bad_workbook_is_named_by_file_sheet_row_and_column() {
    let bytes = std::fs::read(repo("tests/data/ho-open-data-bad-text-count.ods")).unwrap();
    let name = "ho-open-data-bad-text-count.ods";
    match build(&[OpenDataFile { name, bytes: &bytes }], &mut |_| {}) {
        Err(BuildError::Input(e)) => {
            assert_eq!((e.file.as_str(), e.sheet.as_deref(), e.line, e.field.as_str()), (name, Some("2013_14"), 7, "Number of Offences"));
        }
        Err(e) => panic!("not an input error: {e}"),
        Ok(_) => panic!("a bad workbook compiled"),
    }
    // Not a table at all: an error, not a panic.
    for junk in [&b"PK\x03\x04 not really a zip"[..], b"\xff\xfe\x00binary", b""] {
        assert!(build(&[OpenDataFile { name: "junk.ods", bytes: junk }], &mut |_| {}).is_err());
    }
    assert!(build(&[], &mut |_| {}).is_err());
}

/// The Home Office table the package's own dataset is built from (`make data`), given to the
/// builder as a publisher would give it, compiles to exactly the committed `pkg/data/`.
#[test]
fn the_committed_quarterly_table_compiles_to_exactly_pkg_data() {
    let gz = std::fs::read(repo("data/prc-pfa-mar2013-onwards-191023.csv.gz")).unwrap();
    let mut csv = Vec::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut csv).unwrap();
    let built = build(&[OpenDataFile { name: "prc-pfa-mar2013-onwards-191023.csv", bytes: &csv }], &mut |_| {}).unwrap();
    let mut committed: Vec<String> = std::fs::read_dir(repo("pkg/data")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    committed.sort();
    let mut names: Vec<String> = built.files.iter().map(|f| f.name.clone()).collect();
    names.sort();
    assert_eq!(names, committed);
    for f in &built.files {
        assert!(std::fs::read(repo(&format!("pkg/data/{}", f.name))).unwrap() == f.bytes, "{} differs from pkg/data", f.name);
    }
}
