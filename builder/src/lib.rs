//! The embed builder's own module: Home Office open data tables in (ODS, XLSX or CSV, as GOV.UK
//! publishes them), a crime-compare dataset out, in the browser.
//!
//! It compiles exactly what `crime-data build --pfa data/rec-crime-pfa.csv --population
//! data/population.csv --lookup data/lookup.csv --open-data FILE…` compiles, through the same
//! function (`ingest::build_with_open_data`) and the same codec: the three committed sources are
//! embedded (deflated, see build.rs), the tables come from the publisher. The result is the split
//! layout the widget reads through `src` (an index and one content-addressed file per offence),
//! as files for the builder's preview and as one zip to download.
//!
//! This module is the builder's alone: it carries a spreadsheet reader (calamine) and a zip
//! writer, several times the widget's size, and no reader's page ever fetches it. It runs in a
//! Web Worker (www/builder-upload-worker.js), so a large workbook never freezes the page.

use crime_compare::codec::DataFile;
use crime_compare::ingest::open_data::ReadProgress;
use crime_compare::ingest::{self, BuildProgress, IngestError, OpenDataFile, Source};
use crime_compare::model::Dataset;
use std::io::{Read, Write};

/// The folder the zip holds the files in: unzipped, it is the folder the snippet's `src` names.
pub const ZIP_FOLDER: &str = "crime-compare-data";

const PFA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rec-crime-pfa.csv.deflate"));
const POPULATION: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/population.csv.deflate"));
const LOOKUP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lookup.csv.deflate"));
/// The ONS police force area boundaries (`data/boundaries/`), as `crime-data build --boundaries`
/// reads them, so a compiled dataset carries the same map geometry as the package's own.
const SHP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/PFA_DEC_2022_EW_BUC_V2.shp.deflate"));
const SHX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/PFA_DEC_2022_EW_BUC_V2.shx.deflate"));
const DBF: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/PFA_DEC_2022_EW_BUC_V2.dbf.deflate"));
const SHP_NAME: &str = "PFA_DEC_2022_EW_BUC_V2.shp";

fn inflate_bytes(name: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut out).map_err(|e| format!("the builder's copy of {name} is damaged: {e}"))?;
    Ok(out)
}

/// The committed sources, inflated: (name, text) for the rolling-year file, populations, lookup.
pub fn base_sources() -> Result<[(&'static str, String); 3], String> {
    let inflate = |name: &'static str, bytes: &[u8]| -> Result<(&'static str, String), String> {
        let mut text = String::new();
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| format!("the builder's copy of {name} is damaged: {e}"))?;
        Ok((name, text))
    };
    Ok([inflate("rec-crime-pfa.csv", PFA)?, inflate("population.csv", POPULATION)?, inflate("lookup.csv", LOOKUP)?])
}

/// Why a build failed: a bad table (named by file, sheet, row and column) or something else.
#[derive(Debug)]
pub enum BuildError {
    Input(IngestError),
    Other(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Input(e) => e.fmt(f),
            BuildError::Other(m) => f.write_str(m),
        }
    }
}

/// A compiled dataset: its files (the index first), the zip of them, and the dataset itself.
pub struct Built {
    pub dataset: Dataset,
    pub files: Vec<DataFile>,
    pub zip: Vec<u8>,
    pub summary: Summary,
}

/// Compiles the tables into a dataset, telling `progress` how far it has got in words.
pub fn build(tables: &[OpenDataFile], progress: &mut dyn FnMut(&str)) -> Result<Built, BuildError> {
    if tables.is_empty() {
        return Err(BuildError::Other("no table was given".into()));
    }
    progress("Unpacking the builder's copy of the published sources");
    let [pfa, population, lookup] = base_sources().map_err(BuildError::Other)?;
    let mut seen = Seen::default();
    let dataset = ingest::build_with_open_data(
        Source { name: pfa.0, text: &pfa.1 },
        Source { name: population.0, text: &population.1 },
        Source { name: lookup.0, text: &lookup.1 },
        tables,
        &mut |step| {
            if let BuildProgress::Read { table, .. } = step {
                seen.table(table);
            }
            progress(&describe(step))
        },
    )
    .map_err(BuildError::Input)?;
    progress("Adding the police force area boundaries");
    let (shp, shx, dbf) = (inflate_bytes(SHP_NAME, SHP), inflate_bytes("PFA_DEC_2022_EW_BUC_V2.shx", SHX), inflate_bytes("PFA_DEC_2022_EW_BUC_V2.dbf", DBF));
    let (shp, shx, dbf) = (shp.map_err(BuildError::Other)?, shx.map_err(BuildError::Other)?, dbf.map_err(BuildError::Other)?);
    let (geometry, _) = ingest::boundaries::build(SHP_NAME, &shp, Some(&shx), &dbf, &dataset).map_err(BuildError::Input)?;
    let dataset = dataset.with_geometry(geometry);
    let summary = seen.summary(&dataset);
    progress("Writing the dataset files");
    let files = dataset.encode_split();
    let zip = zip_files(&files).map_err(|e| BuildError::Other(format!("the zip could not be written: {e}")))?;
    Ok(Built { dataset, files, zip, summary })
}

/// A progress step in the words the builder's status line shows.
fn describe(step: BuildProgress) -> String {
    match step {
        BuildProgress::Reading { file, index, count, step } => {
            let which = if count > 1 { format!("{file} ({index} of {count})") } else { file.to_string() };
            match step {
                ReadProgress::Opening => format!("Reading {which}: unpacking the workbook (the longest step for a large file)"),
                ReadProgress::Sheet { name, index, count } => format!("Reading {which}: sheet {name} ({index} of {count})"),
                ReadProgress::SheetRead { name, rows } => format!("Reading {which}: sheet {name} read, {} rows so far", thousands(rows)),
            }
        }
        BuildProgress::Read { file, rows, sheets, .. } => {
            let from = match sheets {
                0 => String::new(),
                1 => " from 1 year sheet".to_string(),
                n => format!(" from {n} year sheets"),
            };
            format!("Read {file}: {} rows{from}", thousands(rows))
        }
        BuildProgress::Assembling => "Assembling the dataset: rolling the quarters into years".to_string(),
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One zip of the files, in a folder of their own, stored (the figures are range-coded already),
/// with the zip format's earliest timestamp, so the same tables give the same zip.
pub fn zip_files(files: &[DataFile]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for f in files {
        w.start_file(format!("{ZIP_FOLDER}/{}", f.name), options)?;
        w.write_all(&f.bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

/// What the builder's status and pickers show about a dataset: the areas and offences the
/// tables gave figures for (as the dataset names them, in dataset order), and the rolling years
/// the tables' quarters make.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    /// Each table's name and level: "police force area" or "community safety partnership"
    /// (a table with a CSP Name column).
    pub tables: Vec<(String, &'static str)>,
    pub areas: Vec<String>,
    pub offences: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Gathers, while the tables are read, which forces, partnerships and codes they hold.
#[derive(Default)]
struct Seen {
    tables: Vec<(String, &'static str)>,
    areas: std::collections::BTreeSet<String>,
    codes: std::collections::BTreeSet<String>,
    quarters: std::collections::BTreeSet<crime_compare::period::YearMonth>,
}

impl Seen {
    fn table(&mut self, t: &crime_compare::ingest::open_data::OpenTable) {
        let csp = t.rows.iter().any(|r| r.csp.is_some());
        self.tables.push((t.name.clone(), if csp { "community safety partnership" } else { "police force area" }));
        for r in &t.rows {
            self.areas.insert(r.csp.clone().unwrap_or_else(|| r.force.clone()));
            self.codes.insert(r.code.clone());
            self.quarters.insert(r.quarter_end);
        }
    }

    fn summary(&self, ds: &Dataset) -> Summary {
        let mut areas: Vec<usize> = self.areas.iter().filter_map(|n| ds.find_area(n).ok()).collect();
        let mut offences: Vec<usize> = self.codes.iter().filter_map(|c| ds.find_offence(c).ok()).collect();
        areas.sort_unstable();
        areas.dedup();
        offences.sort_unstable();
        offences.dedup();
        // A rolling year needs four quarters: the first ends with the fourth quarter read.
        let first = self.quarters.iter().nth(3).filter(|p| ds.period_index(**p).is_some());
        let last = self.quarters.iter().next_back().filter(|p| ds.period_index(**p).is_some());
        Summary {
            tables: self.tables.clone(),
            areas: areas.iter().map(|&a| ds.areas()[a].name.clone()).collect(),
            offences: offences.iter().map(|&o| ds.offences()[o].name.clone()).collect(),
            first: first.map(|p| p.to_string()),
            last: last.map(|p| p.to_string()),
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    //! The worker's entry point: `compile(tables, onProgress)`.

    use super::*;
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;

    fn set(o: &Object, key: &str, value: &JsValue) {
        let _ = Reflect::set(o, &JsValue::from_str(key), value);
    }

    fn strings(items: &[String]) -> Array {
        items.iter().map(|s| JsValue::from_str(s)).collect()
    }

    /// Compiles `tables` (an array of `{name, bytes}`, bytes a Uint8Array) into a dataset.
    /// `on_progress(text)` is called at each step. Returns `{files: [{name, bytes}], zip,
    /// folder, tables: [{name, level}], areas, offences, first, last}`; throws `{message, file, sheet, row, column}`.
    #[wasm_bindgen]
    pub fn compile(tables: Array, on_progress: &js_sys::Function) -> Result<JsValue, JsValue> {
        let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
        for t in tables.iter() {
            let name = Reflect::get(&t, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| "table".into());
            let bytes = Reflect::get(&t, &"bytes".into()).ok().and_then(|b| b.dyn_into::<Uint8Array>().ok());
            let Some(bytes) = bytes else {
                return Err(error_object(&format!("{name}: no bytes were given"), None));
            };
            inputs.push((name, bytes.to_vec()));
        }
        let files: Vec<OpenDataFile> = inputs.iter().map(|(name, bytes)| OpenDataFile { name, bytes }).collect();
        let built = build(&files, &mut |text| {
            let _ = on_progress.call1(&JsValue::NULL, &JsValue::from_str(text));
        })
        .map_err(|e| match e {
            BuildError::Input(ie) => error_object(&ie.to_string(), Some(&ie)),
            BuildError::Other(m) => error_object(&m, None),
        })?;
        let out = Object::new();
        let list = Array::new();
        for f in &built.files {
            let o = Object::new();
            set(&o, "name", &JsValue::from_str(&f.name));
            set(&o, "bytes", &Uint8Array::from(f.bytes.as_slice()));
            list.push(&o);
        }
        set(&out, "files", &list);
        set(&out, "zip", &Uint8Array::from(built.zip.as_slice()));
        set(&out, "folder", &JsValue::from_str(ZIP_FOLDER));
        let s = &built.summary;
        let tables: Array = s
            .tables
            .iter()
            .map(|(name, level)| {
                let o = Object::new();
                set(&o, "name", &JsValue::from_str(name));
                set(&o, "level", &JsValue::from_str(level));
                JsValue::from(o)
            })
            .collect();
        set(&out, "tables", &tables);
        set(&out, "areas", &strings(&s.areas));
        set(&out, "offences", &strings(&s.offences));
        set(&out, "first", &s.first.as_deref().map_or(JsValue::NULL, JsValue::from_str));
        set(&out, "last", &s.last.as_deref().map_or(JsValue::NULL, JsValue::from_str));
        Ok(out.into())
    }

    /// The error the worker reports: the whole sentence, and where, field by field.
    fn error_object(message: &str, at: Option<&IngestError>) -> JsValue {
        let o = Object::new();
        set(&o, "message", &JsValue::from_str(message));
        if let Some(e) = at {
            set(&o, "file", &JsValue::from_str(&e.file));
            set(&o, "sheet", &e.sheet.as_deref().map_or(JsValue::NULL, JsValue::from_str));
            set(&o, "row", &JsValue::from_f64(e.line as f64));
            set(&o, "column", &JsValue::from_str(&e.field));
            set(&o, "reason", &JsValue::from_str(&e.message));
        }
        o.into()
    }
}
