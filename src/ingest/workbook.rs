//! Spreadsheet workbooks (ODS, XLSX, XLS) read through `calamine`, as grids of cells for
//! [`super::open_data`]. Native, and in the builder's wasm module (feature `workbook`); the
//! widget's wasm never reads a workbook.

use super::open_data::{column_letters, year_sheets, Cell, Grid, OpenRow, ReadProgress, SheetRows};
use super::IngestError;
use calamine::{Data, Range, Reader};
use std::io::Cursor;

/// One sheet's used range. Row and column numbers in messages are the spreadsheet's own
/// (1-based rows, lettered columns), counted from the sheet's top-left corner, not the range's.
struct SheetGrid<'a> {
    range: &'a Range<Data>,
    first_row: usize,
    first_col: usize,
    width: usize,
}

impl<'a> SheetGrid<'a> {
    fn new(range: &'a Range<Data>) -> SheetGrid<'a> {
        let (first_row, first_col) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        SheetGrid { range, first_row, first_col, width: range.width() }
    }
}

impl Grid for SheetGrid<'_> {
    fn height(&self) -> usize {
        self.range.height()
    }
    fn width(&self, _: usize) -> usize {
        self.width
    }
    fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        match self.range.get((row, col)) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::String(s)) => Cell::Text(s),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::Int(i)) => Cell::Number(*i as f64),
            Some(Data::Bool(_)) => Cell::Other("a true/false value"),
            Some(Data::DateTime(_)) | Some(Data::DateTimeIso(_)) => Cell::Other("a date"),
            Some(Data::DurationIso(_)) => Cell::Other("a duration"),
            Some(Data::Error(_)) => Cell::Other("an error value"),
        }
    }
    fn row_number(&self, row: usize) -> usize {
        self.first_row + row + 1
    }
    fn cell_name(&self, row: usize, col: usize) -> Option<String> {
        Some(format!("{}{}", column_letters(self.first_col + col), self.row_number(row)))
    }
}

fn open_error(file: &str, e: impl std::fmt::Display) -> IngestError {
    IngestError::new(file, 0, "file", format!("cannot read the workbook: {e}"))
}

/// Reads the year sheets of a workbook given as bytes. The format is told by the file name's
/// extension (.ods, .xlsx, .xlsm, .xls), else by trying each.
pub fn read(file: &str, bytes: &[u8], progress: &mut dyn FnMut(ReadProgress)) -> Result<Vec<OpenRow>, IngestError> {
    progress(ReadProgress::Opening);
    let cursor = Cursor::new(bytes);
    let ext = std::path::Path::new(file).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let mut wb: calamine::Sheets<Cursor<&[u8]>> = match ext.as_str() {
        "ods" => calamine::Sheets::Ods(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(file, e))?),
        "xlsx" | "xlsm" => calamine::Sheets::Xlsx(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(file, e))?),
        "xls" => calamine::Sheets::Xls(calamine::open_workbook_from_rs(cursor).map_err(|e| open_error(file, e))?),
        _ => calamine::open_workbook_auto_from_rs(cursor).map_err(|e| open_error(file, e))?,
    };
    let years = year_sheets(file, &wb.sheet_names())?;
    let mut rows = SheetRows::new(file);
    for (i, (name, year)) in years.iter().enumerate() {
        progress(ReadProgress::Sheet { name, index: i + 1, count: years.len() });
        let range = wb.worksheet_range(name).map_err(|e| {
            let mut err = open_error(file, e);
            err.sheet = Some(name.clone());
            err
        })?;
        rows.read(name, *year, &SheetGrid::new(&range))?;
        progress(ReadProgress::SheetRead { name, rows: rows.len() });
    }
    Ok(rows.finish())
}
