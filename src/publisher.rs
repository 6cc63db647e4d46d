//! Publisher data: a newsroom's own figures, given inline in the embed.
//!
//! ```html
//! <crime-compare offence="Sexual offences" area="Flintshire" compare="Wrexham">
//!   <script type="text/csv">area,period,offence,count
//!   Flintshire,2019-03,Sexual offences,517</script>
//! </crime-compare>
//! ```
//!
//! Columns `area`, `period` (the month the 12 months end, `YYYY-MM`), `offence` and `count` are
//! required; `population` and `source` are optional. JSON (an array of objects with the same
//! keys) is turned into the same records by the web layer and validated here.
//!
//! The figures are shown exactly as given. A row that cannot be read is reported with its row
//! number (the first row after the header is row 1) and the reason, and the rows that are good
//! still chart. An empty count is an explicit gap, not a zero.

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
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.row == 0 {
            write!(f, "Header: {}", self.reason)
        } else {
            write!(f, "Row {}: {}", self.row, self.reason)
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublisherData {
    pub rows: Vec<PublisherRow>,
    pub errors: Vec<RowError>,
}

/// The most rows and columns read: inline data is a handful of figures, and a page must not be
/// able to make the widget do unbounded work.
pub const MAX_ROWS: usize = 5_000;
const MAX_FIELD_CHARS: usize = 200;

impl PublisherData {
    /// Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF).
    pub fn from_csv(text: &str) -> PublisherData {
        let mut records = parse_csv_records(text.trim_start_matches('\u{feff}'));
        // Inline scripts are usually indented: ignore blank lines wherever they are.
        records.retain(|r| !(r.len() == 1 && r[0].trim().is_empty()));
        if records.is_empty() {
            return PublisherData {
                rows: Vec::new(),
                errors: vec![RowError { row: 0, reason: "no header row: expected area,period,offence,count".into() }],
            };
        }
        let header = records.remove(0);
        PublisherData::from_records(&header, records)
    }

    /// Validates records given as a header and rows of text fields.
    pub fn from_records(header: &[String], rows: Vec<Vec<String>>) -> PublisherData {
        let mut out = PublisherData::default();
        let names: Vec<String> = header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        let col = |name: &str| names.iter().position(|n| n == name);
        let (area, period, offence, count) = match (col("area"), col("period"), col("offence"), col("count")) {
            (Some(a), Some(p), Some(o), Some(c)) => (a, p, o, c),
            _ => {
                let missing: Vec<&str> = ["area", "period", "offence", "count"]
                    .into_iter()
                    .filter(|n| col(n).is_none())
                    .collect();
                out.errors.push(RowError {
                    row: 0,
                    reason: format!("missing column {}: expected area,period,offence,count", missing.join(", ")),
                });
                return out;
            }
        };
        let population = col("population");
        let source = col("source");
        for (i, fields) in rows.into_iter().enumerate() {
            let row = i + 1;
            if row > MAX_ROWS {
                out.errors.push(RowError { row, reason: format!("only the first {MAX_ROWS} rows are read") });
                break;
            }
            match parse_row(&fields, area, period, offence, count, population, source) {
                Ok(parsed) => {
                    let duplicate = out.rows.iter().any(|r| {
                        r.period == parsed.period
                            && same_name(&r.area, &parsed.area)
                            && same_name(&r.offence, &parsed.offence)
                    });
                    if duplicate {
                        out.errors.push(RowError {
                            row,
                            reason: format!(
                                "{}, {}, {} is given twice; the first figure is kept",
                                parsed.area, parsed.offence, parsed.period
                            ),
                        });
                    } else {
                        out.rows.push(parsed);
                    }
                }
                Err(reason) => out.errors.push(RowError { row, reason }),
            }
        }
        out
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
}

/// Compares names the way a reader would: case and surrounding spaces do not matter.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim()) || crate::case::lowercase(a.trim()) == crate::case::lowercase(b.trim())
}

fn parse_row(
    fields: &[String],
    area: usize,
    period: usize,
    offence: usize,
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
    let offence = text(offence, "offence")?;
    let period_text = field(period);
    let period = YearMonth::parse(period_text).map_err(|_| {
        format!("period '{}' is not a month: write the month the 12 months end in, for example 2022-03", clip(period_text))
    })?;
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

/// Splits CSV text into records. Never fails: a stray quote is read as text, as spreadsheets do.
pub fn parse_csv_records(text: &str) -> Vec<Vec<String>> {
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
            ',' => {
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
        let text = "  area,period,offence,count\n  Flintshire,2019-03,Sexual offences,517\n  Wrexham,2020-03,Sexual offences,abc\n  Wrexham,March 2021,Sexual offences,424\n\n  Wrexham,2022-03,Sexual offences,-5\n  ,2022-03,Sexual offences,5\n";
        let data = PublisherData::from_csv(text);
        assert_eq!(data.rows.len(), 1);
        let reported: Vec<String> = data.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            reported,
            vec![
                "Row 2: count 'abc' is not a whole number",
                "Row 3: period 'March 2021' is not a month: write the month the 12 months end in, for example 2022-03",
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
