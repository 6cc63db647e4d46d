//! Publisher data: a newsroom's own figures, given inline in the embed.
//!
//! ```html
//! <crime-compare offence="Sexual offences" area="Flintshire" compare="Wrexham">
//!   <script type="text/csv">area,period,offence,count
//!   Flintshire,2019-03,Sexual offences,517</script>
//! </crime-compare>
//! ```
//!
//! Two layouts are read, comma- or tab-separated (tabs are what a spreadsheet puts on the
//! clipboard), and a header row is always required:
//!
//! - **long**: columns `area`, `period`, `offence` and `count` (`offence` may be left out when
//!   the caller gives the offence, as the widget does from its `offence` attribute);
//!   `population` and `source` are optional. JSON (an array of objects with the same keys) is
//!   turned into the same records by the web layer and validated here.
//! - **wide**, as a spreadsheet holds it: periods down the first column and one column per area
//!   (the header names the areas), or the transpose (areas down, the header gives the periods).
//!   The rule that tells them apart: if every non-empty header cell after the first is a
//!   period, the periods run across; otherwise, if the header has a `count` column, or both
//!   `area` and `period`, the table is long; otherwise the periods run down. The offence comes from the caller (the
//!   embed's `offence` attribute, the builder's Offence control).
//!
//! Periods are read in the forms newsrooms write ([`parse_period`]): `2022-03`, `Mar 2022`,
//! `March 2022`, `Mar-22` (as Excel shows a month), `Year ending March 2022`, `Year to March
//! 2022`, `12 months to March 2022`, and a financial year, `2021/22`, `2021-22`, `2021/2022`,
//! for the year ending March 2022. `YYYY-NN` is a financial year when NN is the next year's
//! last two digits and a month otherwise; where both readings are possible (`2011-12`) the
//! cell is reported, never guessed. Figures may have thousands separators ("1,234", quoted in
//! CSV or plain in a tab-separated paste).
//!
//! The figures are shown exactly as given. A row or cell that cannot be read is reported with
//! its row number (the first row after the header is row 1) and, in a wide table, its column
//! (letter and header), and the good ones still chart. An empty count or cell is an explicit
//! gap, never a zero.

use crate::period::YearMonth;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct PublisherRow {
    pub area: String,
    pub period: YearMonth,
    pub offence: String,
    pub count: Option<i64>,
    pub population: Option<u64>,
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 1-based, counting data rows (the header is not a row); 0 for a problem with the header.
    pub row: usize,
    /// The column, where one cell is at fault: its letter as a spreadsheet shows it, and its
    /// header ("C (Wrexham)"). Empty when the row as a whole is.
    pub column: String,
    pub reason: String,
}

impl RowError {
    pub fn new(row: usize, reason: impl Into<String>) -> RowError {
        RowError { row, column: String::new(), reason: reason.into() }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let col = if self.column.is_empty() { String::new() } else { format!(", column {}", self.column) };
        if self.row == 0 {
            write!(f, "Header{col}: {}", self.reason)
        } else {
            write!(f, "Row {}{col}: {}", self.row, self.reason)
        }
    }
}

/// How a table was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// One figure a row: area, period, offence, count.
    #[default]
    Long,
    /// Periods down the first column, one column per area.
    PeriodsDown,
    /// Areas down the first column, one column per period.
    AreasDown,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublisherData {
    pub rows: Vec<PublisherRow>,
    pub errors: Vec<RowError>,
    pub layout: Layout,
    /// Each area of a wide table and where its name is ("Header, column B"), for reporting a
    /// name the dataset does not know.
    pub area_cells: Vec<(String, String)>,
}

/// The most rows and columns read: inline data is a handful of figures, and a page must not be
/// able to make the widget do unbounded work.
pub const MAX_ROWS: usize = 5_000;
const MAX_FIELD_CHARS: usize = 200;

impl PublisherData {
    /// Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF), long or wide; a
    /// wide table needs [`PublisherData::from_text`] and an offence.
    pub fn from_csv(text: &str) -> PublisherData {
        PublisherData::from_text(text, "")
    }

    /// Parses a table in any of the layouts above, comma- or tab-separated. `offence` is what a
    /// wide table's figures (or a long one without an `offence` column) are for; empty if none.
    pub fn from_text(text: &str, offence: &str) -> PublisherData {
        let text = text.trim_start_matches('\u{feff}');
        let mut records = parse_records(text, delimiter(text));
        // Inline scripts are usually indented, and spreadsheets paste empty rows as tabs: ignore
        // blank lines wherever they are.
        records.retain(|r| !r.iter().all(|f| f.trim().is_empty()));
        if records.is_empty() {
            return PublisherData::header_error("no header row: expected area,period,offence,count, or a table with the periods down the first column and a column for each area");
        }
        let header = records.remove(0);
        let offence = offence.trim();
        let cells = header.get(1..).unwrap_or(&[]);
        let across = cells.iter().any(|h| !h.trim().is_empty())
            && cells.iter().all(|h| h.trim().is_empty() || parse_period(h).is_ok());
        let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        let has = |name: &str| names.iter().any(|n| n == name);
        // "Period" alone is a natural corner for a wide table; with "area", or with "count", the
        // header is the long format's (and a column it lacks is reported).
        let long = has("count") || (has("area") && has("period"));
        if !across && long {
            return PublisherData::from_records_with(&header, records, offence);
        }
        let layout = if across { Layout::AreasDown } else { Layout::PeriodsDown };
        let mut out = wide(&header, records, layout, offence);
        out.layout = layout;
        out
    }

    fn header_error(reason: &str) -> PublisherData {
        PublisherData { errors: vec![RowError::new(0, reason)], ..PublisherData::default() }
    }

    /// Validates records given as a header and rows of text fields.
    pub fn from_records(header: &[String], rows: Vec<Vec<String>>) -> PublisherData {
        PublisherData::from_records_with(header, rows, "")
    }

    fn from_records_with(header: &[String], rows: Vec<Vec<String>>, default_offence: &str) -> PublisherData {
        let mut out = PublisherData::default();
        let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        let col = |name: &str| names.iter().position(|n| n == name);
        let offence = col("offence");
        let offence_given = offence.is_some() || !default_offence.is_empty();
        let (area, period, count) = match (col("area"), col("period"), col("count")) {
            (Some(a), Some(p), Some(c)) if offence_given => (a, p, c),
            _ => {
                let missing: Vec<&str> = ["area", "period", "offence", "count"]
                    .into_iter()
                    .filter(|n| col(n).is_none() && (*n != "offence" || !offence_given))
                    .collect();
                out.errors.push(RowError::new(0, format!("missing column {}: expected area,period,offence,count", missing.join(", "))));
                return out;
            }
        };
        let population = col("population");
        let source = col("source");
        for (i, fields) in rows.into_iter().enumerate() {
            let row = i + 1;
            if row > MAX_ROWS {
                out.errors.push(RowError::new(row, format!("only the first {MAX_ROWS} rows are read")));
                break;
            }
            match parse_row(&fields, area, period, offence, default_offence, count, population, source) {
                Ok(parsed) => out.push(row, String::new(), parsed),
                Err(reason) => out.errors.push(RowError::new(row, reason)),
            }
        }
        out
    }

    /// Keeps `parsed` unless its area, offence and period are already given.
    fn push(&mut self, row: usize, column: String, parsed: PublisherRow) {
        let duplicate = self.rows.iter().any(|r| {
            r.period == parsed.period && same_name(&r.area, &parsed.area) && same_name(&r.offence, &parsed.offence)
        });
        if duplicate {
            let reason = format!("{}, {}, {} is given twice; the first figure is kept", parsed.area, parsed.offence, parsed.period);
            self.errors.push(RowError { row, column, reason });
        } else {
            self.rows.push(parsed);
        }
    }

    /// Distinct source notes given by the publisher, in order of first appearance.
    pub fn sources(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for s in self.rows.iter().filter_map(|r| r.source.as_deref()) {
            if !s.is_empty() && !seen.contains(&s) {
                seen.push(s);
            }
        }
        seen
    }

    /// The rows as long CSV (`area,period,offence,count[,population],source`), periods as
    /// `YYYY-MM` and gaps as empty counts: what the builder writes into a snippet, which this
    /// parser reads back to the same rows.
    pub fn to_csv(&self) -> String {
        let with_population = self.rows.iter().any(|r| r.population.is_some());
        let mut out = String::from(if with_population { "area,period,offence,count,population,source\n" } else { "area,period,offence,count,source\n" });
        for r in &self.rows {
            let count = r.count.map(|c| c.to_string()).unwrap_or_default();
            out.push_str(&csv_field(&r.area));
            out.push(',');
            out.push_str(&r.period.to_string());
            out.push(',');
            out.push_str(&csv_field(&r.offence));
            out.push(',');
            out.push_str(&count);
            if with_population {
                out.push(',');
                out.push_str(&r.population.map(|p| p.to_string()).unwrap_or_default());
            }
            out.push(',');
            out.push_str(&csv_field(r.source.as_deref().unwrap_or("")));
            out.push('\n');
        }
        out
    }
}

/// A CSV field, quoted when it must be (or when spaces at its ends would otherwise be lost).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r', '\t']) || text.trim() != text {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A wide table: the periods down the first column and the areas across (`PeriodsDown`), or
/// the areas down and the periods across (`AreasDown`).
fn wide(header: &[String], rows: Vec<Vec<String>>, layout: Layout, offence: &str) -> PublisherData {
    let mut out = PublisherData::default();
    let corner = header.first().map(|h| h.trim()).unwrap_or("");
    let cells = header.get(1..).unwrap_or(&[]);
    let down = layout == Layout::PeriodsDown;
    // Without a header, the first row would be read as area names: a period in the corner or
    // figures across are the sign of it.
    if down && (parse_period(corner).is_ok() || (cells.iter().any(|h| !h.trim().is_empty()) && cells.iter().all(|h| h.trim().is_empty() || parse_whole(h).is_some()))) {
        out.errors.push(RowError::new(0, "the first row must be a header: the areas' names above their figures (or the periods across, with the areas down the first column)"));
        return out;
    }
    if offence.is_empty() {
        out.errors.push(RowError::new(0, "a table of areas and periods needs the offence it counts: give it in the offence attribute"));
        return out;
    }
    // The header: area names (periods down) or periods (areas down), one per column.
    enum Head {
        Area(String),
        Period(YearMonth),
        Skip,
    }
    let mut heads = Vec::new();
    for (j, h) in cells.iter().enumerate() {
        let column = column_name(j + 1, h);
        let text = h.trim();
        let has_figures = rows.iter().any(|r| r.get(j + 1).is_some_and(|c| !c.trim().is_empty()));
        let head = if text.is_empty() {
            if has_figures {
                let what = if down { "no area name above these figures" } else { "no period above these figures" };
                out.errors.push(RowError { row: 0, column, reason: what.into() });
            }
            Head::Skip
        } else if down {
            if text.chars().count() > MAX_FIELD_CHARS {
                out.errors.push(RowError { row: 0, column, reason: format!("the area's name is longer than {MAX_FIELD_CHARS} characters") });
                Head::Skip
            } else if out.area_cells.iter().any(|(a, _)| same_name(a, text)) {
                out.errors.push(RowError { row: 0, column, reason: format!("{text} has a column already; the first is kept") });
                Head::Skip
            } else {
                out.area_cells.push((text.to_string(), format!("Header, column {}", column_letters(j + 1))));
                Head::Area(text.to_string())
            }
        } else {
            match parse_period(text) {
                Ok(p) => Head::Period(p),
                Err(reason) => {
                    out.errors.push(RowError { row: 0, column, reason });
                    Head::Skip
                }
            }
        };
        heads.push(head);
    }
    let mut read = 0usize;
    for (i, fields) in rows.into_iter().enumerate() {
        let row = i + 1;
        let first = fields.first().map(|f| f.trim()).unwrap_or("");
        let first_column = column_name(0, corner);
        // What the first column gives this row: its period, or its area.
        let (row_period, row_area) = if down {
            match parse_period(first) {
                Ok(p) => (Some(p), String::new()),
                Err(reason) => {
                    out.errors.push(RowError { row, column: first_column, reason });
                    continue;
                }
            }
        } else if first.is_empty() {
            out.errors.push(RowError { row, column: first_column, reason: "no area name before these figures".into() });
            continue;
        } else if first.chars().count() > MAX_FIELD_CHARS {
            out.errors.push(RowError { row, column: first_column, reason: format!("the area's name is longer than {MAX_FIELD_CHARS} characters") });
            continue;
        } else {
            if !out.area_cells.iter().any(|(a, _)| same_name(a, first)) {
                out.area_cells.push((first.to_string(), format!("Row {row}, column A")));
            }
            (None, first.to_string())
        };
        // Every cell under a header, and any past its end: an empty or absent cell is a gap.
        for j in 1..fields.len().max(heads.len() + 1) {
            let text = fields.get(j).map(|c| c.trim()).unwrap_or("");
            let column = column_name(j, header.get(j).map(String::as_str).unwrap_or(""));
            let (area, period) = match (heads.get(j - 1), row_period) {
                (Some(Head::Area(a)), Some(p)) => (a.clone(), p),
                (Some(Head::Period(p)), None) => (row_area.clone(), *p),
                (None, _) if !text.is_empty() => {
                    let what = if down { "a figure with no area above it" } else { "a figure with no period above it" };
                    out.errors.push(RowError { row, column, reason: what.into() });
                    continue;
                }
                _ => continue, // a column reported in the header, or an empty cell past its end
            };
            read += 1;
            if read > MAX_ROWS {
                out.errors.push(RowError::new(row, format!("only the first {MAX_ROWS} figures are read")));
                return out;
            }
            let count = if text.is_empty() {
                None
            } else {
                match parse_whole(text) {
                    Some(c) if c >= 0 => Some(c),
                    Some(c) => {
                        out.errors.push(RowError { row, column, reason: format!("{c} is negative") });
                        continue;
                    }
                    None => {
                        out.errors.push(RowError { row, column, reason: format!("'{}' is not a whole number", clip(text)) });
                        continue;
                    }
                }
            };
            let parsed = PublisherRow { area, period, offence: offence.to_string(), count, population: None, source: None };
            out.push(row, column, parsed);
        }
    }
    out
}

/// A column as a spreadsheet names it ("A", "B", …, "AA"), with its header if it has one.
fn column_name(index: usize, header: &str) -> String {
    let letters = column_letters(index);
    let h = header.trim();
    if h.is_empty() {
        letters
    } else {
        format!("{letters} ({})", clip(h))
    }
}

fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 && letters.len() < 8 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

const MONTHS: [(&str, &str); 12] = [
    ("january", "ionawr"),
    ("february", "chwefror"),
    ("march", "mawrth"),
    ("april", "ebrill"),
    ("may", "mai"),
    ("june", "mehefin"),
    ("july", "gorffennaf"),
    ("august", "awst"),
    ("september", "medi"),
    ("october", "hydref"),
    ("november", "tachwedd"),
    ("december", "rhagfyr"),
];

/// Words before the month that say the period is the 12 months ending then.
const PREFIXES: [&str; 8] = ["year ending", "year to", "12 months to", "12 months ending", "twelve months to", "ye", "blwyddyn yn gorffen", "blwyddyn hyd at"];

/// A month by its English or Welsh name, or the English name's first three letters ("Sept"
/// too).
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    let w = w.to_ascii_lowercase();
    MONTHS.iter().position(|(en, cy)| *en == w || *cy == w || (w.len() >= 3 && en.starts_with(w.as_str()))).map(|i| i as u8 + 1)
}

/// A period in one of the forms newsrooms write (see the module's notes), as the month the 12
/// months end in. The error says what was wrong, for the reader to fix.
pub fn parse_period(text: &str) -> Result<YearMonth, String> {
    let t = text.trim();
    let not = || format!("'{}' is not a period: write the month the 12 months end in, such as 2022-03, March 2022 or Year ending March 2022, or a financial year such as 2021/22", clip(t));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Financial years and YYYY-MM: two numbers around '/', '-' or an en dash.
    if let Some((a, b)) = t.split_once(['/', '-', '\u{2013}']) {
        let (a, b) = (a.trim(), b.trim());
        if a.len() == 4 && digits(a) && digits(b) && b.len() != 3 && b.len() <= 4 {
            let year: u16 = a.parse().map_err(|_| not())?;
            let next: u16 = b.parse().map_err(|_| not())?;
            let follows = match b.len() {
                2 => next == (year + 1) % 100,
                4 => next == year + 1,
                _ => false,
            };
            let month = if b.len() <= 2 && t.contains('-') && (1..=12).contains(&next) { YearMonth::new(year, next as u8) } else { None };
            return match (follows, month) {
                (true, Some(m)) => Err(format!(
                    "'{t}' could be {} {} or the financial year {}/{:02}: write {} or {}/{:02}",
                    MONTH_TITLES[m.month as usize - 1], m.year, year, next, m, year, next
                )),
                (true, None) => YearMonth::new(year + 1, 3).ok_or_else(not),
                (false, Some(m)) => Ok(m),
                (false, None) if b.len() == 4 || t.contains('/') => Err(format!("'{t}' is not a financial year: the second year must follow the first, as in {}/{:02}", year, (year + 1) % 100)),
                (false, None) => Err(not()),
            };
        }
    }
    // Month names, after any "Year ending" words: "Mar 2022", "Year to March 2022", "Mar-22".
    let lower = t.to_ascii_lowercase();
    let mut rest = lower.strip_prefix("the ").unwrap_or(&lower);
    for p in PREFIXES {
        if let Some(r) = rest.strip_prefix(p) {
            if r.starts_with(' ') {
                rest = r.trim_start();
                break;
            }
        }
    }
    let (month, year) = match rest.rsplit_once([' ', '-']) {
        Some((m, y)) => (month_number(m.trim()), y.trim()),
        None => return Err(not()),
    };
    let year: Option<u16> = match year.len() {
        4 if digits(year) => year.parse().ok(),
        // Excel shows a month as "Mar-22": a two-digit year only in that form.
        2 if digits(year) && rest.contains('-') && !rest.contains(' ') => year.parse::<u16>().ok().map(|y| 2000 + y),
        _ => None,
    };
    match (month, year) {
        (Some(m), Some(y)) => YearMonth::new(y, m).ok_or_else(not),
        _ => Err(not()),
    }
}

const MONTH_TITLES: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// Compares names the way a reader would: case and surrounding spaces do not matter.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim()) || crate::case::lowercase(a.trim()) == crate::case::lowercase(b.trim())
}

#[allow(clippy::too_many_arguments)]
fn parse_row(
    fields: &[String],
    area: usize,
    period: usize,
    offence: Option<usize>,
    default_offence: &str,
    count: usize,
    population: Option<usize>,
    source: Option<usize>,
) -> Result<PublisherRow, String> {
    let field = |i: usize| fields.get(i).map(|s| s.trim()).unwrap_or("");
    let text = |i: usize, name: &str| -> Result<String, String> {
        let v = field(i);
        if v.is_empty() {
            Err(format!("{name} is empty"))
        } else if v.chars().count() > MAX_FIELD_CHARS {
            Err(format!("{name} is longer than {MAX_FIELD_CHARS} characters"))
        } else {
            Ok(v.to_string())
        }
    };
    let area = text(area, "area")?;
    let offence = match offence {
        Some(o) => text(o, "offence")?,
        None => default_offence.to_string(),
    };
    let period = parse_period(field(period)).map_err(|e| format!("period {e}"))?;
    let count = match field(count) {
        "" => None,
        v => Some(parse_whole(v).ok_or_else(|| format!("count '{}' is not a whole number", clip(v)))?),
    };
    if let Some(c) = count {
        if c < 0 {
            return Err(format!("count {c} is negative"));
        }
    }
    let population = match population.map(field) {
        None | Some("") => None,
        Some(v) => match parse_whole(v) {
            Some(p) if p > 0 => Some(p as u64),
            _ => return Err(format!("population '{}' is not a positive whole number", clip(v))),
        },
    };
    let source = match source.map(field) {
        None | Some("") => None,
        Some(v) if v.chars().count() > MAX_FIELD_CHARS => return Err(format!("source is longer than {MAX_FIELD_CHARS} characters")),
        Some(v) => Some(v.to_string()),
    };
    Ok(PublisherRow { area, period, offence, count, population, source })
}

/// A whole number, allowing thousands separators as newsrooms write them ("194,683").
fn parse_whole(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if digits.is_empty() || digits.starts_with(',') || digits.ends_with(',') {
        return None;
    }
    let groups: Vec<&str> = digits.split(',').collect();
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let plain: String = groups.concat();
    if plain.len() > 15 || !plain.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = plain.parse().ok()?;
    Some(if negative { -value } else { value })
}

fn clip(text: &str) -> &str {
    match text.char_indices().nth(40) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// The separator of a table: a tab if the first line that is not blank has one (a paste from
/// a spreadsheet), else a comma.
fn delimiter(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains('\t') {
        '\t'
    } else {
        ','
    }
}

/// Splits CSV text into records. Never fails: a stray quote is read as text, as spreadsheets do.
pub fn parse_csv_records(text: &str) -> Vec<Vec<String>> {
    parse_records(text, ',')
}

/// Splits delimited text (comma or tab) into records, quotes as in RFC 4180.
fn parse_records(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start || field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
                if records.len() > MAX_ROWS + 1 {
                    return records;
                }
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "area,period,offence,count\n\
        Flintshire,2019-03,Sexual offences,517\n\
        Flintshire,2021-03,Sexual offences,433\n\
        Flintshire,2022-03,Sexual offences,469\n\
        Wrexham,2020-03,Sexual offences,509\n\
        Wrexham,2021-03,Sexual offences,424\n\
        Wrexham,2022-03,Sexual offences,507\n";

    #[test]
    fn reads_the_story_figures_exactly() {
        let data = PublisherData::from_csv(STORY);
        assert!(data.errors.is_empty(), "{:?}", data.errors);
        assert_eq!(data.rows.len(), 6);
        assert_eq!(data.rows[2].area, "Flintshire");
        assert_eq!(data.rows[2].period.to_string(), "2022-03");
        assert_eq!(data.rows[2].count, Some(469));
    }

    #[test]
    fn bad_rows_are_reported_by_number_and_good_rows_kept() {
        let text = "  area,period,offence,count\n  Flintshire,2019-03,Sexual offences,517\n  Wrexham,2020-03,Sexual offences,abc\n  Wrexham,Spring 2021,Sexual offences,424\n\n  Wrexham,2022-03,Sexual offences,-5\n  ,2022-03,Sexual offences,5\n";
        let data = PublisherData::from_csv(text);
        assert_eq!(data.rows.len(), 1);
        let reported: Vec<String> = data.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            reported,
            vec![
                "Row 2: count 'abc' is not a whole number",
                "Row 3: period 'Spring 2021' is not a period: write the month the 12 months end in, such as 2022-03, March 2022 or Year ending March 2022, or a financial year such as 2021/22",
                "Row 4: count -5 is negative",
                "Row 5: area is empty",
            ]
        );
    }

    #[test]
    fn empty_count_is_a_gap_and_separators_are_read() {
        let data = PublisherData::from_csv("area,period,offence,count,population,source\nEngland and Wales,2022-03,Sexual offences,\"194,683\",,ONS\nX,2021-03,Sexual offences,,100,\n");
        assert!(data.errors.is_empty(), "{:?}", data.errors);
        assert_eq!(data.rows[0].count, Some(194_683));
        assert_eq!(data.rows[0].source.as_deref(), Some("ONS"));
        assert_eq!(data.rows[1].count, None);
        assert_eq!(data.rows[1].population, Some(100));
        assert_eq!(data.sources(), vec!["ONS"]);
    }

    #[test]
    fn missing_columns_and_duplicates_are_named() {
        let data = PublisherData::from_csv("area,when,count\nA,2020-03,1\n");
        assert_eq!(data.errors[0].to_string(), "Header: missing column period, offence: expected area,period,offence,count");
        let dup = PublisherData::from_csv("area,period,offence,count\nA,2020-03,X,1\na,2020-03,x,2\n");
        assert_eq!(dup.rows.len(), 1);
        assert_eq!(dup.errors[0].row, 2);
    }

    #[test]
    fn markup_is_kept_as_text() {
        let data = PublisherData::from_csv("area,period,offence,count,source\n\"<img src=x onerror=alert(1)>\",2020-03,\"\"\"><script>x</script>\",3,<b>s</b>\n");
        assert!(data.errors.is_empty(), "{:?}", data.errors);
        assert_eq!(data.rows[0].area, "<img src=x onerror=alert(1)>");
        assert_eq!(data.rows[0].offence, "\"><script>x</script>");
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole("1,234"), Some(1234));
        assert_eq!(parse_whole("12,34"), None);
        assert_eq!(parse_whole("1.5"), None);
        assert_eq!(parse_whole("99999999999999999999"), None);
        assert_eq!(parse_whole("−3"), Some(-3));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,400}") {
            let data = PublisherData::from_csv(&text);
            proptest::prop_assert!(data.rows.len() <= MAX_ROWS);
        }
    }
}
