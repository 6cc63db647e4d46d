//! The Home Office "police recorded crime open data" tables (force or CSP level, quarterly), read
//! as GOV.UK publishes them: an ODS or XLSX workbook (read by [`super::workbook`], native only)
//! or a CSV export.
//!
//! Columns, found by their header names (any order, any case, extra columns ignored):
//! `Financial Year, Financial Quarter, Force Name, [CSP Name,] Offence Description,
//! Offence Group, Offence Subgroup, Offence Code, Number of Offences`. A CSP Name column makes it
//! a CSP-level table. Financial Year is written `2021/22`; quarter 1 is April to June, so quarter
//! q of 2021/22 ends in June, September, December 2021 or March 2022.
//!
//! In a workbook, only the year sheets are read: those named like `2022-23` or `2022_23` (one
//! per financial year). Cover, contents and notes sheets are ignored. The header row is the
//! first of a sheet's first [`HEADER_SEARCH_ROWS`] rows that holds every required column name,
//! so title lines above it do no harm. Every row of a year sheet must be of that sheet's year.
//!
//! Offence Code is the key. It is kept as published (a string: `4.10` is not `4.1`), with one
//! repair: binary floating-point artefacts such as `37.200000000000003` (the 2012/13 sheet held
//! some codes as numbers) are written in their shortest decimal form, `37.2`. A code held in a
//! spreadsheet as a number is written the same shortest way (4.1 gives `4.1`).
//!
//! Counts are kept as published, including negative ones: the published table has 426 negative
//! quarterly counts (adjustments; see the quarterly table's PROVENANCE.md). A count held as a
//! number must be a whole number.
//!
//! Force names are kept as published in [`OpenRow::force`]; [`lookup_force_name`] matches a
//! published spelling ("Devon and Cornwall", "London, City of") to the lookup's name.

use super::csv;
use super::IngestError;
use crate::model::MAX_ABS_COUNT;
use crate::period::YearMonth;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct OpenRow {
    /// The CSV line, or the spreadsheet row number (1-based, as a spreadsheet shows it).
    pub line: usize,
    /// The month the quarter ends.
    pub quarter_end: YearMonth,
    /// As published (e.g. "Devon and Cornwall"): see [`lookup_force_name`].
    pub force: String,
    /// Present in the CSP-level tables only.
    pub csp: Option<String>,
    pub description: String,
    pub group: String,
    pub subgroup: String,
    pub code: String,
    pub value: i64,
    /// The workbook sheet the row is on; None in a CSV.
    pub sheet: Option<String>,
}

impl OpenRow {
    /// An error about this row found after reading (an unknown force, a code that maps to
    /// nothing): it names the sheet and row, or the CSV line, the row came from.
    pub fn error(&self, file: &str, field: &str, message: String) -> IngestError {
        let mut e = IngestError::new(file, self.line, field, message);
        e.sheet = self.sheet.clone();
        e
    }
}

/// One open-data input, read: its name (for messages) and its rows in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTable {
    pub name: String,
    pub rows: Vec<OpenRow>,
}

impl OpenTable {
    /// A table exported as CSV, read from its text.
    pub fn from_csv(name: &str, text: &str) -> Result<OpenTable, IngestError> {
        Ok(OpenTable { name: name.to_string(), rows: parse_open_data(name, text)? })
    }
}

/// How far reading a workbook has got, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadProgress<'a> {
    /// Unpacking the workbook (for an ODS this is most of the time: every sheet is parsed).
    Opening,
    /// Reading year sheet `index` (1-based) of `count`.
    Sheet { name: &'a str, index: usize, count: usize },
    /// Year sheet `name` is read: `rows` rows so far in the file, this sheet's included.
    SheetRead { name: &'a str, rows: usize },
}

/// How many rows at the top of a sheet are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 20;

const FY: &str = "Financial Year";
const QUARTER: &str = "Financial Quarter";
const FORCE: &str = "Force Name";
const CSP: &str = "CSP Name";
const DESCRIPTION: &str = "Offence Description";
const GROUP: &str = "Offence Group";
const SUBGROUP: &str = "Offence Subgroup";
const CODE: &str = "Offence Code";
const COUNT: &str = "Number of Offences";
const REQUIRED: [&str; 8] = [FY, QUARTER, FORCE, DESCRIPTION, GROUP, SUBGROUP, CODE, COUNT];

/// One cell as the parser sees it, whatever the file format.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// A cell of another kind (a date, a boolean, an error such as `#N/A`), described.
    Other(&'static str),
}

/// A table of cells: a CSV file or one workbook sheet.
pub trait Grid {
    /// Rows, including the header and anything above it.
    fn height(&self) -> usize;
    /// Columns in row `row`.
    fn width(&self, row: usize) -> usize;
    fn cell(&self, row: usize, col: usize) -> Cell<'_>;
    /// The number a person sees for grid row `row`: the CSV line, or the spreadsheet row.
    fn row_number(&self, row: usize) -> usize;
    /// The spreadsheet's name of a cell ("H12"); None in a CSV.
    fn cell_name(&self, row: usize, col: usize) -> Option<String>;
}

/// A spreadsheet column's letters: 0 is A, 25 is Z, 26 is AA.
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

struct CsvGrid<'a>(&'a csv::Table);

impl Grid for CsvGrid<'_> {
    fn height(&self) -> usize {
        self.0.rows.len() + 1
    }
    fn width(&self, row: usize) -> usize {
        if row == 0 {
            self.0.header.len()
        } else {
            self.0.rows[row - 1].fields.len()
        }
    }
    fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        let text = if row == 0 { self.0.header.get(col) } else { self.0.rows[row - 1].fields.get(col) };
        match text {
            Some(t) => Cell::Text(t),
            None => Cell::Empty,
        }
    }
    fn row_number(&self, row: usize) -> usize {
        if row == 0 {
            1
        } else {
            self.0.rows[row - 1].line
        }
    }
    fn cell_name(&self, _: usize, _: usize) -> Option<String> {
        None
    }
}

/// The financial year a year sheet holds: `2022-23`, `2022_23` (also `2022-2023`) give 2022.
/// Any other name (cover, contents, notes, a pivot) is not a year sheet.
pub fn year_sheet(name: &str) -> Option<u16> {
    let t = name.trim();
    let (a, b) = t.split_once(['-', '_'])?;
    financial_year(a, b)
}

fn financial_year(a: &str, b: &str) -> Option<u16> {
    if a.len() != 4 || !a.bytes().all(|c| c.is_ascii_digit()) || !b.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start: u16 = a.parse().ok()?;
    let end: u16 = b.parse().ok()?;
    let ok = (1900..2200).contains(&start)
        && match b.len() {
            2 => end == (start + 1) % 100,
            4 => end == start + 1,
            _ => false,
        };
    ok.then_some(start)
}

/// An Offence Code as published, with floating-point artefacts repaired: `37.200000000000003`
/// gives `37.2`, `4.5999999999999996` gives `4.6`. Anything else is kept as it is, trimmed:
/// `4.10`, `1/4.1/4.10/4.2`, `8L`, `AF`.
///
/// An artefact is a plain decimal with ten or more digits after the point whose shortest
/// round-trip form has at most three: no real code has that many digits, and a value written
/// from a binary float always has a shortest form that reads back as the same float.
pub fn normalise_offence_code(text: &str) -> String {
    let t = text.trim();
    if let Some((int, frac)) = t.split_once('.') {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && digits(frac) && frac.len() >= 10 {
            if let Ok(f) = t.parse::<f64>() {
                let short = format!("{f}");
                if short.split_once('.').is_none_or(|(_, fr)| fr.len() <= 3) {
                    return short;
                }
            }
        }
    }
    t.to_string()
}

/// An Offence Code held in a spreadsheet as a number: written in its shortest decimal form
/// (8 gives `8`, 4.1 gives `4.1`). A code written `4.10` is only ever text: as a number it is
/// 4.1, and a sheet holding both would show a duplicate row, which is an error.
pub fn code_from_number(f: f64) -> Option<String> {
    if !f.is_finite() || f < 0.0 {
        return None;
    }
    if f.fract() == 0.0 && f < 1e15 {
        Some(format!("{}", f as u64))
    } else {
        Some(format!("{f}"))
    }
}

/// The lookup's name for a force as the open data tables spell it, from `names` (the lookup's
/// force names, and the other bodies' names in the rolling-year file): "Devon and Cornwall" and
/// "Devon & Cornwall" are one force, "London, City of" is "City of London (Police)", case,
/// accents, "&" and a trailing "Police" or "Constabulary" do not matter. Two renamed bodies
/// are matched by their later names: "Cifas" is CIFAS, and "Financial Fraud Action UK" (also
/// "FFA UK") became part of UK Finance in 2017/18, the name the rolling-year file uses.
/// None when nothing matches.
pub fn lookup_force_name<'a>(published: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = force_key(published);
    names.into_iter().find(|n| force_key(n) == key)
}

fn force_key(name: &str) -> String {
    let n = crate::search::normalise(name);
    match n.as_str() {
        "financial fraud action uk" | "ffa uk" => "uk finance".to_string(),
        _ => n,
    }
}

/// Where the rows being read are, for messages.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
}

impl Place<'_> {
    fn err(&self, grid: &dyn Grid, row: usize, col: Option<usize>, field: &str, message: String) -> IngestError {
        let message = match col.and_then(|c| grid.cell_name(row, c)) {
            Some(cell) => format!("{message} (cell {cell})"),
            None => message,
        };
        let mut e = IngestError::new(self.file, grid.row_number(row), field, message);
        e.sheet = self.sheet.map(str::to_string);
        e
    }
}

fn shown(c: Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.to_string(),
        Cell::Number(f) => format!("{f}"),
        Cell::Other(what) => format!("<{what}>"),
    }
}

fn is_empty(c: Cell) -> bool {
    match c {
        Cell::Empty => true,
        Cell::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

/// The rows seen so far in one input (across its sheets), to reject a second row for the same
/// quarter, force, CSP and code. Names are interned (force and CSP names without regard to
/// case), so a row costs no allocation here.
#[derive(Default)]
struct Seen {
    /// (quarter, force, CSP or u32::MAX, code) -> (sheet index, row number).
    rows: HashMap<(YearMonth, u32, u32, u32), (u32, usize)>,
    exact: HashMap<String, u32>,
    folded: HashMap<String, u32>,
    codes: HashMap<String, u32>,
    sheets: Vec<Option<String>>,
}

impl Seen {
    fn with_capacity(n: usize) -> Seen {
        Seen { rows: HashMap::with_capacity(n), ..Seen::default() }
    }

    fn name(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.exact.get(s) {
            return i;
        }
        let n = self.folded.len() as u32;
        let i = *self.folded.entry(s.to_lowercase()).or_insert(n);
        self.exact.insert(s.to_string(), i);
        i
    }

    fn code(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.codes.get(s) {
            return i;
        }
        let n = self.codes.len() as u32;
        self.codes.insert(s.to_string(), n);
        n
    }

    fn sheet(&mut self, sheet: Option<&str>) -> u32 {
        match self.sheets.iter().position(|s| s.as_deref() == sheet) {
            Some(i) => i as u32,
            None => {
                self.sheets.push(sheet.map(str::to_string));
                self.sheets.len() as u32 - 1
            }
        }
    }

    /// Records a row; or, if one was seen before, says where: (sheet, row).
    fn insert(&mut self, quarter: YearMonth, force: &str, csp: Option<&str>, code: &str, sheet: Option<&str>, row: usize) -> Result<(), (Option<String>, usize)> {
        let key = (quarter, self.name(force), csp.map_or(u32::MAX, |c| self.name(c)), self.code(code));
        let here = (self.sheet(sheet), row);
        match self.rows.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let (s, r) = *e.get();
                Err((self.sheets[s as usize].clone(), r))
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(here);
                Ok(())
            }
        }
    }
}

struct Columns {
    fy: usize,
    quarter: usize,
    force: usize,
    csp: Option<usize>,
    description: usize,
    group: usize,
    subgroup: usize,
    code: usize,
    count: usize,
}

/// Finds the header row in the first [`HEADER_SEARCH_ROWS`] rows: the first that holds every
/// required name. Returns its grid row and the columns.
fn find_header(place: Place, grid: &dyn Grid) -> Result<(usize, Columns), IngestError> {
    // The row with the most required names, to blame when none has them all.
    let mut best: Option<(usize, usize)> = None;
    for r in 0..grid.height().min(HEADER_SEARCH_ROWS) {
        let names: Vec<String> = (0..grid.width(r))
            .map(|c| match grid.cell(r, c) {
                Cell::Text(t) => t.trim().to_lowercase(),
                _ => String::new(),
            })
            .collect();
        let find = |name: &str| names.iter().position(|h| *h == name.to_lowercase());
        let found = REQUIRED.iter().filter(|n| find(n).is_some()).count();
        if found == REQUIRED.len() {
            let col = |name: &str| find(name).unwrap_or(0);
            let cols = Columns {
                fy: col(FY),
                quarter: col(QUARTER),
                force: col(FORCE),
                csp: find(CSP),
                description: col(DESCRIPTION),
                group: col(GROUP),
                subgroup: col(SUBGROUP),
                code: col(CODE),
                count: col(COUNT),
            };
            return Ok((r, cols));
        }
        if found >= 2 && best.is_none_or(|(_, n)| found > n) {
            best = Some((r, found));
        }
    }
    match best {
        Some((r, _)) => {
            let names: Vec<String> = (0..grid.width(r)).map(|c| shown(grid.cell(r, c)).trim().to_lowercase()).collect();
            let missing = REQUIRED.iter().find(|n| !names.contains(&n.to_lowercase())).copied().unwrap_or(COUNT);
            Err(place.err(grid, r, None, missing, format!("missing column '{missing}' in the header")))
        }
        None => Err(place.err(
            grid,
            0,
            None,
            "header",
            format!("no header row (with the columns {}) in the first {HEADER_SEARCH_ROWS} rows", REQUIRED.join(", ")),
        )),
    }
}

/// Reads one grid's data rows into `out`. `sheet_year`: the financial year the sheet's name
/// gives, which every row must be of.
fn read_grid(place: Place, grid: &dyn Grid, sheet_year: Option<u16>, seen: &mut Seen, out: &mut Vec<OpenRow>) -> Result<(), IngestError> {
    let (header, c) = find_header(place, grid)?;
    let mut required = vec![c.fy, c.quarter, c.force, c.description, c.group, c.subgroup, c.code, c.count];
    required.extend(c.csp);
    for r in header + 1..grid.height() {
        let cell = |col: usize| grid.cell(r, col);
        if required.iter().all(|&col| is_empty(cell(col))) {
            continue; // a blank row
        }
        let err = |col: usize, field: &str, message: String| place.err(grid, r, Some(col), field, message);
        let text = |col: usize, field: &str| -> Result<String, IngestError> {
            match cell(col) {
                Cell::Text(t) if !t.trim().is_empty() => Ok(t.trim().to_string()),
                Cell::Number(f) => Ok(format!("{f}")),
                Cell::Other(what) => Err(err(col, field, format!("holds {what}, not text"))),
                _ => Err(err(col, field, "is empty".into())),
            }
        };
        let optional_text = |col: usize, field: &str| -> Result<String, IngestError> {
            if is_empty(cell(col)) {
                Ok(String::new())
            } else {
                text(col, field)
            }
        };

        let start = match cell(c.fy) {
            Cell::Text(t) => t.trim().split_once('/').and_then(|(a, b)| financial_year(a, b)),
            _ => None,
        }
        .ok_or_else(|| err(c.fy, FY, format!("'{}' is not a financial year written like 2021/22", shown(cell(c.fy)))))?;
        if let Some(y) = sheet_year {
            if y != start {
                return Err(err(c.fy, FY, format!("{} is not the financial year of this sheet ({y}/{:02})", shown(cell(c.fy)).trim(), (y + 1) % 100)));
            }
        }
        let q = match cell(c.quarter) {
            Cell::Text(t) => t.trim().parse::<u8>().ok(),
            Cell::Number(f) if f.fract() == 0.0 && (1.0..=4.0).contains(&f) => Some(f as u8),
            _ => None,
        };
        let quarter_end = match q {
            Some(1) => YearMonth::new(start, 6),
            Some(2) => YearMonth::new(start, 9),
            Some(3) => YearMonth::new(start, 12),
            Some(4) => YearMonth::new(start + 1, 3),
            _ => None,
        }
        .ok_or_else(|| err(c.quarter, QUARTER, format!("'{}' is not a quarter 1 to 4", shown(cell(c.quarter)))))?;
        let force = text(c.force, FORCE)?;
        let csp = match c.csp {
            Some(col) => Some(text(col, CSP)?),
            None => None,
        };
        let (code, code_was_number) = match cell(c.code) {
            Cell::Text(t) if !t.trim().is_empty() => (normalise_offence_code(t), false),
            Cell::Number(f) => (code_from_number(f).ok_or_else(|| err(c.code, CODE, format!("{f} is not an offence code")))?, true),
            Cell::Other(what) => return Err(err(c.code, CODE, format!("holds {what}, not an offence code"))),
            _ => return Err(err(c.code, CODE, "is empty".into())),
        };
        let value = match cell(c.count) {
            Cell::Number(f) if f.fract() == 0.0 && f.abs() <= MAX_ABS_COUNT as f64 => f as i64,
            Cell::Number(f) if f.fract() == 0.0 => return Err(err(c.count, COUNT, format!("{f} is out of range"))),
            Cell::Number(f) => return Err(err(c.count, COUNT, format!("{f} is not a whole number"))),
            Cell::Text(t) => parse_count(t).map_err(|m| err(c.count, COUNT, m))?,
            other => return Err(err(c.count, COUNT, format!("'{}' is not a whole number", shown(other)))),
        };
        if let Err((sheet0, row0)) = seen.insert(quarter_end, &force, csp.as_deref(), &code, place.sheet, grid.row_number(r)) {
            let first = match sheet0 {
                Some(s) => format!("sheet '{s}' row {row0}"),
                None => format!("line {row0}"),
            };
            let hint = if code_was_number {
                " (this code is held as a number, so a code written like 4.10 reads as 4.1: codes must be text)"
            } else {
                ""
            };
            return Err(err(
                c.code,
                CODE,
                format!(
                    "a second row for offence code {code} in {force}{} for the quarter ending {quarter_end} (first on {first}){hint}",
                    csp.as_ref().map(|c| format!(" / {c}")).unwrap_or_default()
                ),
            ));
        }
        out.push(OpenRow {
            line: grid.row_number(r),
            quarter_end,
            force,
            csp,
            description: optional_text(c.description, DESCRIPTION)?,
            group: optional_text(c.group, GROUP)?,
            subgroup: optional_text(c.subgroup, SUBGROUP)?,
            code,
            value,
            sheet: place.sheet.map(str::to_string),
        });
    }
    Ok(())
}

fn parse_count(text: &str) -> Result<i64, String> {
    let s = text.trim();
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("'{text}' is not a whole number"));
    }
    s.parse::<i64>().ok().filter(|v| v.unsigned_abs() <= MAX_ABS_COUNT as u64).ok_or_else(|| format!("'{text}' is out of range"))
}

/// Reads an open data table exported as CSV.
pub fn parse_open_data(file: &str, text: &str) -> Result<Vec<OpenRow>, IngestError> {
    let t = csv::parse(file, text)?;
    let mut out = Vec::with_capacity(t.rows.len());
    let mut seen = Seen::with_capacity(t.rows.len());
    read_grid(Place { file, sheet: None }, &CsvGrid(&t), None, &mut seen, &mut out)?;
    Ok(out)
}

/// The year sheets among a workbook's sheet names, in workbook order, with their financial
/// years; an error naming the sheets when there is none.
pub fn year_sheets(file: &str, names: &[String]) -> Result<Vec<(String, u16)>, IngestError> {
    let years: Vec<(String, u16)> = names.iter().filter_map(|n| year_sheet(n).map(|y| (n.clone(), y))).collect();
    if years.is_empty() {
        return Err(IngestError::new(
            file,
            0,
            "sheet",
            format!("no year sheet (named like 2022-23 or 2022_23) among the sheets: {}", names.join(", ")),
        ));
    }
    Ok(years)
}

/// Reads a workbook's year sheets one at a time, so the reader can load each sheet only when
/// its turn comes. A row may not repeat one of an earlier sheet either.
pub struct SheetRows<'f> {
    file: &'f str,
    seen: Seen,
    rows: Vec<OpenRow>,
}

impl<'f> SheetRows<'f> {
    pub fn new(file: &'f str) -> SheetRows<'f> {
        SheetRows { file, seen: Seen::default(), rows: Vec::new() }
    }

    /// Reads the year sheet `name` (of financial year `year`, from [`year_sheets`]).
    pub fn read(&mut self, name: &str, year: u16, grid: &dyn Grid) -> Result<(), IngestError> {
        read_grid(Place { file: self.file, sheet: Some(name) }, grid, Some(year), &mut self.seen, &mut self.rows)
    }

    /// Rows read so far, across the sheets.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn finish(self) -> Vec<OpenRow> {
        self.rows
    }
}

/// Is this a workbook (a ZIP container: ODS, XLSX; or an OLE one: XLS) rather than text?
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads one open data table as published: a workbook (ODS, XLSX) or a CSV export, told apart by
/// their contents. `file` names it in messages.
pub fn read_open_data(file: &str, bytes: &[u8], progress: &mut dyn FnMut(ReadProgress)) -> Result<OpenTable, IngestError> {
    let rows = if is_workbook(bytes) {
        read_workbook(file, bytes, progress)?
    } else {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            IngestError::new(file, 0, "file", format!("is neither a workbook (ODS, XLSX) nor UTF-8 CSV text: {e}"))
        })?;
        parse_open_data(file, text)?
    };
    Ok(OpenTable { name: file.to_string(), rows })
}

#[cfg(any(not(target_arch = "wasm32"), feature = "workbook"))]
fn read_workbook(file: &str, bytes: &[u8], progress: &mut dyn FnMut(ReadProgress)) -> Result<Vec<OpenRow>, IngestError> {
    super::workbook::read(file, bytes, progress)
}

#[cfg(all(target_arch = "wasm32", not(feature = "workbook")))]
fn read_workbook(file: &str, _: &[u8], _: &mut dyn FnMut(ReadProgress)) -> Result<Vec<OpenRow>, IngestError> {
    Err(IngestError::new(file, 0, "file", "workbooks are read by the crime-data tool only: export the table as CSV".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_artefacts_in_codes_are_repaired_and_real_codes_kept() {
        // The artefacts in the 2012/13 sheet of the October 2023 release.
        for (published, code) in [
            ("37.200000000000003", "37.2"),
            ("4.4000000000000004", "4.4"),
            ("4.5999999999999996", "4.6"),
            ("4.9000000000000004", "4.9"),
            ("4.2999999999999998", "4.3"),
        ] {
            assert_eq!(normalise_offence_code(published), code);
        }
        // Already the shortest form of its float: not an artefact of a short code.
        for kept in ["4.10", "4.1", "37.2", "1/4.1/4.10/4.2", "8L", "AF", "FFA UK", "105A", "3.14159265358979", "0.30000000000000004"] {
            assert_eq!(normalise_offence_code(kept), kept);
        }
        assert_eq!(normalise_offence_code(" 8Q "), "8Q");
        assert_eq!(code_from_number(4.1).as_deref(), Some("4.1"));
        assert_eq!(code_from_number(37.2).as_deref(), Some("37.2"));
        assert_eq!(code_from_number(8.0).as_deref(), Some("8"));
        assert_eq!(code_from_number(802.0).as_deref(), Some("802"));
        assert_eq!(code_from_number(f64::NAN), None);
        assert_eq!(code_from_number(-1.0), None);
    }

    #[test]
    fn year_sheets_in_both_styles_and_nothing_else() {
        assert_eq!(year_sheet("2012-13"), Some(2012));
        assert_eq!(year_sheet("2013_14"), Some(2013));
        assert_eq!(year_sheet("2099-2100"), Some(2099));
        assert_eq!(year_sheet(" 2022_23 "), Some(2022));
        for not in ["Cover", "Contents", "Notes", "2012-14", "2012", "12-13", "2012-13 (revised)", "Table_1", "1999_00x"] {
            assert_eq!(year_sheet(not), None, "{not}");
        }
        assert_eq!(year_sheet("1999_00"), Some(1999));
    }

    #[test]
    fn column_letters_as_a_spreadsheet_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(7), "H");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn published_force_spellings_match_the_lookup() {
        // The force names of data/lookup.csv and the other bodies of data/rec-crime-pfa.csv.
        let lookup = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/lookup.csv")).unwrap();
        let t = csv::parse("lookup.csv", &lookup).unwrap();
        let col = t.column("PFA23NM").unwrap();
        let mut names: Vec<String> = t.rows.iter().map(|r| r.fields[col].clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 43);
        names.extend(["British Transport Police", "Action Fraud", "CIFAS", "UK Finance"].map(String::from));
        let m = |p: &str| lookup_force_name(p, names.iter().map(String::as_str));
        assert_eq!(m("Devon and Cornwall"), Some("Devon & Cornwall"));
        assert_eq!(m("Devon & Cornwall"), Some("Devon & Cornwall"));
        assert_eq!(m("London, City of"), Some("London, City of"));
        assert_eq!(m("City of London"), Some("London, City of"));
        assert_eq!(m("City of London Police"), Some("London, City of"));
        assert_eq!(m("Metropolitan Police"), Some("Metropolitan Police"));
        assert_eq!(m("Metropolitan"), Some("Metropolitan Police"));
        assert_eq!(m("Avon & Somerset"), Some("Avon and Somerset"));
        assert_eq!(m("Dyfed-Powys"), Some("Dyfed-Powys"));
        assert_eq!(m("dyfed powys"), Some("Dyfed-Powys"));
        assert_eq!(m("Cifas"), Some("CIFAS"));
        assert_eq!(m("Financial Fraud Action UK"), Some("UK Finance"));
        assert_eq!(m("British Transport Police"), Some("British Transport Police"));
        assert_eq!(m("North Wales Police"), Some("North Wales"));
        assert_eq!(m("Wales"), None);
        assert_eq!(m("Devon"), None);
        // Every force of the October 2023 release, as published (with the two spellings the
        // copy here changed restored), is matched.
        let published = [
            "Action Fraud", "Avon and Somerset", "Bedfordshire", "British Transport Police", "Cifas", "Cambridgeshire",
            "Cheshire", "Cleveland", "Cumbria", "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys",
            "Essex", "Gloucestershire", "Greater Manchester", "Gwent", "Hampshire", "Hertfordshire", "Humberside",
            "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "London, City of", "Merseyside",
            "Metropolitan Police", "Norfolk", "North Wales", "North Yorkshire", "Northamptonshire", "Northumbria",
            "Nottinghamshire", "South Wales", "South Yorkshire", "Staffordshire", "Suffolk", "Surrey", "Sussex",
            "Thames Valley", "Financial Fraud Action UK", "Warwickshire", "West Mercia", "West Midlands",
            "West Yorkshire", "Wiltshire",
        ];
        let mut matched: Vec<&str> = published.iter().map(|p| m(p).unwrap_or_else(|| panic!("{p}"))).collect();
        matched.sort();
        matched.dedup();
        assert_eq!(matched.len(), published.len(), "two published names matched one force");
    }

    #[test]
    fn csv_rows_are_read_by_header_name() {
        let text = "Offence Code,Number of Offences,Force Name,Financial Quarter,Financial Year,Offence Description,Offence Group,Offence Subgroup,Extra\n\
                    37.200000000000003,-3,Devon and Cornwall,4,2012/13,Other,G,S,x\n";
        let rows = parse_open_data("t.csv", text).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!((r.line, r.code.as_str(), r.value, r.force.as_str()), (2, "37.2", -3, "Devon and Cornwall"));
        assert_eq!(r.quarter_end, YearMonth::new(2013, 3).unwrap());
        assert_eq!((r.csp.as_deref(), r.sheet.as_deref()), (None, None));
        assert_eq!(r.error("t.csv", "Force Name", "unknown force".into()).to_string(), "t.csv, line 2, field 'Force Name': unknown force");
        let in_sheet = OpenRow { sheet: Some("2012-13".into()), line: 7, ..r.clone() };
        assert_eq!(
            in_sheet.error("t.ods", "Force Name", "unknown force".into()).to_string(),
            "t.ods, sheet '2012-13', row 7, column 'Force Name': unknown force"
        );
    }
}
