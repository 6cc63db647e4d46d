//! Reading the Home Office open data tables as published: ODS and XLSX workbooks and CSV exports
//! of the same real rows (tests/data/ho-open-data-*, made by tests/data/make-open-data-fixtures.py).

use crime_compare::ingest::open_data::{self, Cell, Grid, OpenRow, OpenTable, ReadProgress, SheetRows};
use crime_compare::period::YearMonth;

fn path(name: &str) -> String {
    format!("tests/data/{name}")
}

fn read_with(name: &str, progress: &mut dyn FnMut(ReadProgress)) -> Result<OpenTable, String> {
    let p = path(name);
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + &p).unwrap();
    open_data::read_open_data(&p, &bytes, progress).map_err(|e| e.to_string())
}

fn read(name: &str) -> Result<OpenTable, String> {
    read_with(name, &mut |_| {})
}

/// The rows without where they were (line, sheet), which differ between a CSV and a workbook.
fn figures(t: &OpenTable) -> Vec<OpenRow> {
    t.rows.iter().cloned().map(|r| OpenRow { line: 0, sheet: None, ..r }).collect()
}

fn ym(y: u16, m: u8) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

#[test]
fn ods_xlsx_and_csv_of_the_same_rows_read_the_same() {
    let ods = read("ho-open-data-sample.ods").unwrap();
    let xlsx = read("ho-open-data-sample.xlsx").unwrap();
    let csv = read("ho-open-data-sample.csv").unwrap();
    assert_eq!(ods.rows.len(), 114);
    // The two workbooks have the same layout: the same rows on the same sheets and rows.
    assert_eq!(ods.rows, xlsx.rows);
    assert_eq!(figures(&ods), figures(&csv));
    assert!(csv.rows.iter().all(|r| r.sheet.is_none()));
    // Only the year sheets are read, each with its own header row.
    let on = |sheet: &str| ods.rows.iter().filter(|r| r.sheet.as_deref() == Some(sheet)).count();
    assert_eq!((on("2012-13"), on("2013_14")), (72, 42));
    let first = |sheet: &str| ods.rows.iter().find(|r| r.sheet.as_deref() == Some(sheet)).unwrap().line;
    assert_eq!(first("2012-13"), 2, "header on row 1");
    assert_eq!(first("2013_14"), 4, "a title and a blank row above the header");
    assert_eq!(csv.rows[0].line, 2);
    assert_eq!(ods.name, "tests/data/ho-open-data-sample.ods");
}

#[test]
fn real_figures_codes_and_names_come_through_as_published() {
    for file in ["ho-open-data-sample.ods", "ho-open-data-sample.xlsx", "ho-open-data-sample.csv"] {
        let t = read(file).unwrap();
        let get = |force: &str, code: &str, end: YearMonth| -> &OpenRow {
            let hits: Vec<&OpenRow> = t.rows.iter().filter(|r| r.force == force && r.code == code && r.quarter_end == end).collect();
            assert_eq!(hits.len(), 1, "{file}: {force} {code} {end}");
            hits[0]
        };
        // North Wales harassment (8L), April-June 2012: 441, in "Violence without injury" in
        // the 2012/13 sheet and "Stalking and harassment" from 2013/14.
        let r = get("North Wales", "8L", ym(2012, 6));
        assert_eq!((r.value, r.description.as_str(), r.group.as_str()), (441, "Harassment", "Violence against the person"));
        assert_eq!(r.subgroup, "Violence without injury");
        assert_eq!(r.csp, None);
        assert_eq!(get("North Wales", "8L", ym(2013, 9)).subgroup, "Stalking and harassment");
        assert_eq!(get("North Wales", "8L", ym(2013, 3)).value, 176);
        // Codes the 2012/13 sheet held as numbers (the CSV copy's 37.200000000000003) read 37.2.
        assert_eq!(get("North Wales", "37.2", ym(2012, 6)).value, 17);
        assert_eq!(get("North Wales", "4.4", ym(2013, 3)).value, 2);
        // 4.1 (manslaughter) and 4.10 (corporate manslaughter) are two codes.
        assert_eq!(get("North Wales", "4.1", ym(2013, 6)).description, "Manslaughter");
        assert_eq!(get("North Wales", "4.10", ym(2013, 6)).description, "Corporate manslaughter");
        assert_eq!(get("Devon and Cornwall", "1/4.1/4.10/4.2", ym(2012, 6)).value, 4);
        // Published force spellings are kept; matching them to the lookup is a separate step.
        assert!(t.rows.iter().any(|r| r.force == "London, City of"));
        let codes: std::collections::BTreeSet<&str> = t.rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["1/4.1/4.10/4.2", "19C", "37.2", "4.1", "4.10", "4.4", "8L", "8M"], "{file}");
    }
}

#[test]
fn progress_names_each_year_sheet() {
    let mut steps = Vec::new();
    read_with("ho-open-data-sample.ods", &mut |p| {
        steps.push(match p {
            ReadProgress::Opening => "opening".to_string(),
            ReadProgress::Sheet { name, index, count } => format!("{name} ({index}/{count})"),
            ReadProgress::SheetRead { name, rows } => format!("{name}: {rows} rows"),
        })
    })
    .unwrap();
    assert_eq!(steps, ["opening", "2012-13 (1/2)", "2012-13: 72 rows", "2013_14 (2/2)", "2013_14: 114 rows"]);
    let mut csv_steps = 0;
    read_with("ho-open-data-sample.csv", &mut |_| csv_steps += 1).unwrap();
    assert_eq!(csv_steps, 0);
}

/// A bad file is rejected naming the file, the sheet, the row and the column.
#[test]
fn bad_workbooks_are_rejected_naming_file_sheet_row_and_column() {
    let cases = [
        (
            "ho-open-data-bad-missing-column.ods",
            "tests/data/ho-open-data-bad-missing-column.ods, sheet '2013_14', row 3, column 'Offence Subgroup': missing column 'Offence Subgroup' in the header",
        ),
        (
            "ho-open-data-bad-quarter.xlsx",
            "tests/data/ho-open-data-bad-quarter.xlsx, sheet '2012-13', row 6, column 'Financial Quarter': '5' is not a quarter 1 to 4 (cell B6)",
        ),
        (
            "ho-open-data-bad-text-count.ods",
            "tests/data/ho-open-data-bad-text-count.ods, sheet '2013_14', row 7, column 'Number of Offences': '12a' is not a whole number (cell H7)",
        ),
        (
            "ho-open-data-bad-duplicate.xlsx",
            "tests/data/ho-open-data-bad-duplicate.xlsx, sheet '2012-13', row 74, column 'Offence Code': a second row for offence code 8L in Devon and Cornwall for the quarter ending 2012-06 (first on sheet '2012-13' row 4) (cell G74)",
        ),
    ];
    for (file, want) in cases {
        assert_eq!(read(file).unwrap_err(), want);
    }
}

#[test]
fn bad_csv_rows_name_file_line_and_column() {
    let good = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ho-open-data-sample.csv")).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let with = |i: usize, from: &str, to: &str| {
        let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        assert!(l[i].contains(from), "{}", l[i]);
        l[i] = l[i].replacen(from, to, 1);
        l.join("\n")
    };
    let err = |text: &str| open_data::parse_open_data("t.csv", text).unwrap_err().to_string();
    // Line 4 is "2012/13,1,Devon and Cornwall,Harassment,...,8L,232".
    assert_eq!(err(&with(3, ",232", ",2x2")), "t.csv, line 4, field 'Number of Offences': '2x2' is not a whole number");
    assert_eq!(err(&with(3, "2012/13,1,", "2012/13,0,")), "t.csv, line 4, field 'Financial Quarter': '0' is not a quarter 1 to 4");
    assert_eq!(err(&with(3, "2012/13,", "2012-13,")), "t.csv, line 4, field 'Financial Year': '2012-13' is not a financial year written like 2021/22");
    assert_eq!(err(&with(0, "Offence Code", "Code")), "t.csv, line 1, field 'Offence Code': missing column 'Offence Code' in the header");
    let dup = format!("{good}{}\n", lines[3]);
    assert_eq!(
        err(&dup),
        format!("t.csv, line {}, field 'Offence Code': a second row for offence code 8L in Devon and Cornwall for the quarter ending 2012-06 (first on line 4)", lines.len() + 1)
    );
    // Not a table at all.
    assert!(open_data::read_open_data("x.ods", b"PK\x03\x04 not really a zip", &mut |_| {}).unwrap_err().to_string().starts_with("x.ods, line 0, field 'file': cannot read the workbook"));
    assert!(open_data::read_open_data("x.csv", &[0xff, 0xfe, 0x00], &mut |_| {}).unwrap_err().to_string().contains("neither a workbook"));
}

/// A sheet given cell by cell (SYNTHETIC values: the layout of a CSP-level table and cell kinds
/// the fixtures do not have).
struct Cells(Vec<Vec<Cell<'static>>>);

impl Grid for Cells {
    fn height(&self) -> usize {
        self.0.len()
    }
    fn width(&self, row: usize) -> usize {
        self.0[row].len()
    }
    fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        self.0[row].get(col).copied().unwrap_or(Cell::Empty)
    }
    fn row_number(&self, row: usize) -> usize {
        row + 1
    }
    fn cell_name(&self, row: usize, col: usize) -> Option<String> {
        Some(format!("{}{}", open_data::column_letters(col), row + 1))
    }
}

fn csp_sheet(count: Cell<'static>, code: Cell<'static>, year: &'static str) -> Cells {
    use Cell::*;
    let header = ["Financial Year", "Financial Quarter", "Force Name", "CSP Name", "Offence Description", "Offence Group", "Offence Subgroup", "Offence Code", "Number of Offences"];
    Cells(vec![
        vec![Text("Community safety partnership open data table")],
        header.iter().map(|h| Text(h)).collect(),
        vec![Text(year), Number(2.0), Text("North Wales"), Text("Wrexham"), Text("Stalking"), Text("Violence against the person"), Text("Stalking and harassment"), code, count],
        vec![Empty; 9],
    ])
}

#[test]
fn csp_level_sheets_and_cell_kinds() {
    let read = |g: &Cells| {
        let mut s = SheetRows::new("csp.ods");
        s.read("2021-22", 2021, g).map(|()| s.finish()).map_err(|e| e.to_string())
    };
    let rows = read(&csp_sheet(Cell::Number(12.0), Cell::Text("8Q"), "2021/22")).unwrap();
    assert_eq!(rows.len(), 1, "the blank row is skipped");
    let r = &rows[0];
    assert_eq!((r.csp.as_deref(), r.code.as_str(), r.value, r.line), (Some("Wrexham"), "8Q", 12, 3));
    assert_eq!((r.quarter_end, r.sheet.as_deref()), (ym(2021, 9), Some("2021-22")));
    // A code held as a number: 8 reads "8", 4.1 reads "4.1".
    assert_eq!(read(&csp_sheet(Cell::Number(1.0), Cell::Number(4.1), "2021/22")).unwrap()[0].code, "4.1");
    assert_eq!(
        read(&csp_sheet(Cell::Number(12.5), Cell::Text("8Q"), "2021/22")).unwrap_err(),
        "csp.ods, sheet '2021-22', row 3, column 'Number of Offences': 12.5 is not a whole number (cell I3)"
    );
    assert_eq!(
        read(&csp_sheet(Cell::Other("a date"), Cell::Text("8Q"), "2021/22")).unwrap_err(),
        "csp.ods, sheet '2021-22', row 3, column 'Number of Offences': '<a date>' is not a whole number (cell I3)"
    );
    assert_eq!(
        read(&csp_sheet(Cell::Number(12.0), Cell::Text("8Q"), "2022/23")).unwrap_err(),
        "csp.ods, sheet '2021-22', row 3, column 'Financial Year': 2022/23 is not the financial year of this sheet (2021/22) (cell A3)"
    );
    assert_eq!(
        read(&csp_sheet(Cell::Number(12.0), Cell::Empty, "2021/22")).unwrap_err(),
        "csp.ods, sheet '2021-22', row 3, column 'Offence Code': is empty (cell H3)"
    );
    // Two sheets of one workbook may not both hold a row.
    let mut s = SheetRows::new("csp.ods");
    let g = csp_sheet(Cell::Number(12.0), Cell::Text("8Q"), "2021/22");
    s.read("2021-22", 2021, &g).unwrap();
    let e = s.read("2021_22", 2021, &g).unwrap_err().to_string();
    assert!(e.contains("sheet '2021_22', row 3, column 'Offence Code': a second row for offence code 8Q in North Wales / Wrexham") && e.contains("first on sheet '2021-22' row 3"), "{e}");
    // A 4.10 held as a number collides with 4.1, and the message says why.
    let mut s = SheetRows::new("csp.ods");
    s.read("2021-22", 2021, &csp_sheet(Cell::Number(1.0), Cell::Text("4.1"), "2021/22")).unwrap();
    let e = s.read("2021_22", 2021, &csp_sheet(Cell::Number(1.0), Cell::Number(4.10), "2021/22")).unwrap_err().to_string();
    assert!(e.contains("codes must be text"), "{e}");
    // No header in the first 20 rows.
    let e = read(&Cells(vec![vec![Cell::Text("Notes")]; 30])).unwrap_err();
    assert!(e.starts_with("csp.ods, sheet '2021-22', row 1, column 'header': no header row"), "{e}");
}

#[test]
fn a_workbook_without_year_sheets_is_rejected_naming_its_sheets() {
    let e = open_data::year_sheets("w.xlsx", &["Cover".into(), "Notes".into()]).unwrap_err();
    assert_eq!(e.to_string(), "w.xlsx, line 0, field 'sheet': no year sheet (named like 2022-23 or 2022_23) among the sheets: Cover, Notes");
}

/// The whole published table (the CSV copy in ../shared, outside the repository, so not run by
/// default: `cargo test --release --test open_data -- --ignored`). Every row reads; the float
/// artefacts of the 2012/13 sheet fold into the codes they stand for; no row repeats. The copy
/// has 194 distinct code strings, 4 of them artefacts, so 190 codes (PROVENANCE.md counts 194).
#[test]
#[ignore = "reads ../shared/data/ho-prc-pfa-quarterly-2012-2023, outside the repository"]
fn the_whole_quarterly_table_reads() {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/ho-prc-pfa-quarterly-2012-2023/prc-pfa-mar2013-onwards-191023.csv");
    let text = std::fs::read_to_string(p).expect("the quarterly table's CSV copy");
    let rows = open_data::parse_open_data(p, &text).unwrap();
    assert_eq!(rows.len(), 258_905);
    let codes: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), 190, "{codes:?}");
    for artefact in ["37.200000000000003", "4.4000000000000004", "4.5999999999999996", "4.9000000000000004"] {
        assert!(!codes.contains(artefact));
    }
    let forces: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.force.as_str()).collect();
    assert_eq!(forces.len(), 47);
    assert_eq!(rows.iter().filter(|r| r.value < 0).count(), 426);
    assert_eq!(rows.iter().map(|r| r.quarter_end).min(), YearMonth::new(2012, 6));
    assert_eq!(rows.iter().map(|r| r.quarter_end).max(), YearMonth::new(2023, 6));
    // North Wales harassment (8L), year ending September 2022: 5,400 (PROVENANCE.md).
    let sum: i64 = rows
        .iter()
        .filter(|r| r.force == "North Wales" && r.code == "8L" && r.quarter_end > ym(2021, 9) && r.quarter_end <= ym(2022, 9))
        .map(|r| r.value)
        .sum();
    assert_eq!(sum, 5_400);
}
