//! The police force area boundaries: the ONS shapefile (`.shp`, `.shx`, `.dbf`) read with the
//! `shapefile` crate into a full-resolution [`Geometry`] (native only: the wasm never links a
//! shapefile reader; it only decodes the stored geometry).
//!
//! Pure over bytes, like the other parsers; the CLI reads the files. Every error names the file,
//! the record (1-based, in file order) and the field. Coordinates are British National Grid
//! metres, rounded to the metre (the published points are on a finer grid than any map needs;
//! shared borders have identical points in the source, and stay identical after rounding).

use super::IngestError;
use crate::geo::simplify::{simplify, Options, Report};
use crate::geo::{ring_contains, Geometry, Polygon, Shape};
use crate::model::{AreaKind, Dataset};
use shapefile::dbase::{self, FieldValue};
use std::io::Cursor;

/// The fields read from the `.dbf`.
pub const CODE_FIELD: &str = "PFA22CD";
pub const NAME_FIELD: &str = "PFA22NM";
pub const EAST_FIELD: &str = "BNG_E";
pub const NORTH_FIELD: &str = "BNG_N";

fn err(file: &str, record: usize, field: &str, message: String) -> IngestError {
    IngestError::new(file, record, field, message)
}

/// Reads the shapes and their records. `file` names the `.shp` in messages (the `.dbf` is named
/// as such where it is to blame); `record` numbers count from 1.
pub fn read(file: &str, shp: &[u8], shx: Option<&[u8]>, dbf: &[u8]) -> Result<Geometry, IngestError> {
    let dbf_name = sibling(file, "dbf");
    let shapes = match shx {
        Some(shx) => shapefile::ShapeReader::with_shx(Cursor::new(shp), Cursor::new(shx)),
        None => shapefile::ShapeReader::new(Cursor::new(shp)),
    }
    .map_err(|e| err(file, 0, "header", format!("not a readable shapefile: {e}")))?;
    let records = dbase::Reader::new(Cursor::new(dbf)).map_err(|e| err(&dbf_name, 0, "header", format!("not a readable dBase table: {e}")))?;
    let mut reader = shapefile::Reader::new(shapes, records);
    let mut out = Vec::new();
    for (i, item) in reader.iter_shapes_and_records_as::<shapefile::Polygon, dbase::Record>().enumerate() {
        let n = i + 1;
        let (poly, rec) = item.map_err(|e| match e {
            shapefile::Error::DbaseError(e) => err(&dbf_name, n, "record", format!("cannot read the record: {e}")),
            shapefile::Error::MismatchShapeType { actual, .. } => err(file, n, "shape type", format!("a {actual} where a polygon was expected")),
            e => err(file, n, "shape", format!("cannot read the shape: {e}")),
        })?;
        let text = |field: &str| -> Result<String, IngestError> {
            match rec.get(field) {
                Some(FieldValue::Character(Some(s))) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                Some(FieldValue::Character(_)) => Err(err(&dbf_name, n, field, "empty".into())),
                Some(v) => Err(err(&dbf_name, n, field, format!("expected text, found {}", v.field_type()))),
                None => Err(err(&dbf_name, n, field, "no such field in the table".into())),
            }
        };
        let number = |field: &str| -> Result<i32, IngestError> {
            let v = match rec.get(field) {
                Some(FieldValue::Numeric(Some(v))) | Some(FieldValue::Double(v)) | Some(FieldValue::Currency(v)) => *v,
                Some(FieldValue::Float(Some(v))) => *v as f64,
                Some(FieldValue::Integer(v)) => *v as f64,
                Some(FieldValue::Numeric(None)) | Some(FieldValue::Float(None)) => return Err(err(&dbf_name, n, field, "empty".into())),
                Some(v) => return Err(err(&dbf_name, n, field, format!("expected a number, found {}", v.field_type()))),
                None => return Err(err(&dbf_name, n, field, "no such field in the table".into())),
            };
            metres(v).ok_or_else(|| err(&dbf_name, n, field, format!("{v} is not a grid coordinate in metres")))
        };
        let code = text(CODE_FIELD)?;
        let name = text(NAME_FIELD)?;
        let label = (number(EAST_FIELD)?, number(NORTH_FIELD)?);
        let polygons = polygons(&poly).map_err(|m| err(file, n, "shape", format!("{code}: {m}")))?;
        if out.iter().any(|s: &Shape| s.code == code) {
            return Err(err(&dbf_name, n, CODE_FIELD, format!("{code} appears twice")));
        }
        out.push(Shape { code, name, label, polygons });
    }
    if out.is_empty() {
        return Err(err(file, 0, "shape", "no shapes".into()));
    }
    Ok(Geometry::new(out))
}

/// `a/b/x.shp` -> `a/b/x.dbf`.
pub fn sibling(file: &str, ext: &str) -> String {
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with(['/', '\\']) => format!("{stem}.{ext}"),
        _ => format!("{file}.{ext}"),
    }
}

/// A coordinate rounded to the metre; `None` when not finite or outside ±10,000 km.
fn metres(v: f64) -> Option<i32> {
    (v.is_finite() && v.abs() < 1e7).then(|| v.round() as i32)
}

/// The shapefile's rings as polygons: each outer ring with the holes inside it. Rings are
/// rounded to the metre, repeats dropped (including the closing point).
fn polygons(p: &shapefile::Polygon) -> Result<Vec<Polygon>, String> {
    let mut outers: Vec<Polygon> = Vec::new();
    let mut holes: Vec<Vec<(i32, i32)>> = Vec::new();
    for (k, ring) in p.rings().iter().enumerate() {
        let mut pts: Vec<(i32, i32)> = Vec::with_capacity(ring.points().len());
        for q in ring.points() {
            let pt = match (metres(q.x), metres(q.y)) {
                (Some(x), Some(y)) => (x, y),
                _ => return Err(format!("ring {}: point ({}, {}) is not a grid coordinate in metres", k + 1, q.x, q.y)),
            };
            if pts.last() != Some(&pt) {
                pts.push(pt);
            }
        }
        while pts.len() > 1 && pts.first() == pts.last() {
            pts.pop();
        }
        if pts.len() < 3 {
            return Err(format!("ring {} has fewer than three distinct points", k + 1));
        }
        match ring {
            shapefile::PolygonRing::Outer(_) => outers.push(Polygon { outer: pts, holes: Vec::new() }),
            shapefile::PolygonRing::Inner(_) => holes.push(pts),
        }
    }
    for (k, h) in holes.into_iter().enumerate() {
        // A hole belongs to the smallest outer ring around its first point.
        let (x, y) = (h[0].0 as f64, h[0].1 as f64);
        let owner = (0..outers.len())
            .filter(|&o| ring_contains(&outers[o].outer, x, y))
            .min_by_key(|&o| crate::geo::ring_area2(&outers[o].outer).unsigned_abs());
        match owner {
            Some(o) => outers[o].holes.push(h),
            None => return Err(format!("hole {} is inside no outer ring", k + 1)),
        }
    }
    if outers.is_empty() {
        return Err("no outer ring".into());
    }
    Ok(outers)
}

/// How the force area boundaries are simplified for the dataset (see `geo::simplify` and
/// `data/PROVENANCE.md`): Douglas–Peucker at 250 m (half a pixel of a 1,200 px map of England
/// and Wales; the published ultra-generalised boundaries are already close to that, so this
/// removes about a sixth of their points), a 10 m grid (the City of London, about 3 km², is two
/// hundred grid steps across in a London inset; on a 20 m grid the rounding alone made borders
/// cross in narrow inlets of Lincolnshire, Dorset and Dyfed-Powys), the City of London's arcs
/// unsimplified, and polygons under 5,000 m² (half a hectare: slivers and rocks, a hundredth of
/// a pixel) left out.
pub fn options() -> Options {
    Options { tolerance: 250.0, grid: 10, exact: vec![CITY_OF_LONDON.to_string()], min_area: 5_000.0 }
}

/// The City of London police force area.
pub const CITY_OF_LONDON: &str = "E23000034";

/// The stored geometry from the shapefile's bytes: read, checked against the dataset's
/// territorial forces (every force has one shape, every shape is a force), simplified.
pub fn build(file: &str, shp: &[u8], shx: Option<&[u8]>, dbf: &[u8], ds: &Dataset) -> Result<(Geometry, Report), IngestError> {
    let full = read(file, shp, shx, dbf)?;
    let dbf_name = sibling(file, "dbf");
    for (i, s) in full.shapes.iter().enumerate() {
        if !ds.areas().iter().any(|a| a.kind == AreaKind::Force && a.code == s.code) {
            return Err(err(&dbf_name, i + 1, CODE_FIELD, format!("{} ({}) is not a territorial police force area of the dataset", s.code, s.name)));
        }
    }
    for a in ds.areas().iter().filter(|a| a.kind == AreaKind::Force) {
        if full.shape(&a.code).is_none() {
            return Err(err(&dbf_name, 0, CODE_FIELD, format!("no shape for {} ({})", a.code, a.name)));
        }
    }
    let (g, report) = simplify(&full, &options());
    if let Some(code) = report.collapsed.first() {
        return Err(err(file, 0, "shape", format!("{code}: a ring collapses on the {} m grid", options().grid)));
    }
    if report.crossings > 0 {
        return Err(err(file, 0, "shape", format!("{} pairs of borders cross on the {} m grid", report.crossings, options().grid)));
    }
    Ok((g, report))
}
