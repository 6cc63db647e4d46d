//! What a newsroom pastes from a spreadsheet: wide tables in either orientation, comma- or
//! tab-separated, periods as newsrooms write them, thousands separators, gaps, and errors by
//! row and column while the good cells are kept. The figures are the Flintshire and Wrexham
//! story's (www/examples/flintshire-wrexham.html): Home Office police recorded crime by CSP.

use crime_compare::publisher::{parse_period, Layout, PublisherData, PublisherRow};

const OFFENCE: &str = "Sexual offences";

/// (area, period, count) of every row, in order.
fn triples(data: &PublisherData) -> Vec<(String, String, Option<i64>)> {
    data.rows.iter().map(|r| (r.area.clone(), r.period.to_string(), r.count)).collect()
}

fn errors(data: &PublisherData) -> Vec<String> {
    data.errors.iter().map(|e| e.to_string()).collect()
}

/// The story's figures, with the years it does not give as gaps.
fn story() -> Vec<(String, String, Option<i64>)> {
    [
        ("Flintshire", "2019-03", Some(517)),
        ("Wrexham", "2019-03", None),
        ("Flintshire", "2020-03", None),
        ("Wrexham", "2020-03", Some(509)),
        ("Flintshire", "2021-03", Some(433)),
        ("Wrexham", "2021-03", Some(424)),
        ("Flintshire", "2022-03", Some(469)),
        ("Wrexham", "2022-03", Some(507)),
    ]
    .into_iter()
    .map(|(a, p, c)| (a.to_string(), p.to_string(), c))
    .collect()
}

fn sorted(mut v: Vec<(String, String, Option<i64>)>) -> Vec<(String, String, Option<i64>)> {
    v.sort();
    v
}

#[test]
fn a_tab_separated_paste_with_periods_down_and_a_gap() {
    let text = "Year\tFlintshire\tWrexham\n2019-03\t517\t\n2020-03\t\t509\n2021-03\t433\t424\n2022-03\t469\t507\n";
    let data = PublisherData::from_text(text, OFFENCE);
    assert!(data.errors.is_empty(), "{:?}", data.errors);
    assert_eq!(data.layout, Layout::PeriodsDown);
    assert_eq!(triples(&data), story());
    assert!(data.rows.iter().all(|r| r.offence == OFFENCE));
    // An empty cell is a gap, not a zero.
    assert!(data.rows.iter().all(|r| r.count != Some(0)));
}

#[test]
fn the_transpose_with_areas_down_and_newsroom_periods_across() {
    let text = "Area,Year ending March 2019,Year ending March 2020,Year ending March 2021,Year ending March 2022\n\
                Flintshire,517,,433,469\n\
                Wrexham,,509,424,507\n";
    let data = PublisherData::from_text(text, OFFENCE);
    assert!(data.errors.is_empty(), "{:?}", data.errors);
    assert_eq!(data.layout, Layout::AreasDown);
    assert_eq!(sorted(triples(&data)), sorted(story()));
}

#[test]
fn financial_years_and_month_names_down_the_first_column() {
    for (a, b, c, d) in [
        ("2018/19", "2019/20", "2020/21", "2021/22"),
        ("2018-19", "2019-20", "2020-21", "2021-22"),
        ("2018/2019", "2019/2020", "2020/2021", "2021/2022"),
        ("Mar 2019", "Mar 2020", "Mar 2021", "Mar 2022"),
        ("March 2019", "March 2020", "March 2021", "March 2022"),
        ("Year to March 2019", "Year to March 2020", "Year to March 2021", "Year to March 2022"),
        ("Mar-19", "Mar-20", "Mar-21", "Mar-22"),
    ] {
        let text = format!("Period\tFlintshire\tWrexham\n{a}\t517\t\n{b}\t\t509\n{c}\t433\t424\n{d}\t469\t507\n");
        let data = PublisherData::from_text(&text, OFFENCE);
        assert!(data.errors.is_empty(), "{a}: {:?}", data.errors);
        assert_eq!(triples(&data), story(), "periods written as {a}");
    }
}

#[test]
fn every_period_form() {
    let march_2022 = [
        "2022-03", "2022-3", " 2022-03 ", "Mar 2022", "mar 2022", "MAR 2022", "Mar. 2022", "March 2022", "Mar-22",
        "Year ending March 2022", "year ending Mar 2022", "Year to March 2022", "12 months to March 2022",
        "12 months ending March 2022", "YE Mar 2022", "The year ending March 2022", "2021/22", "2021-22", "2021–22",
        "2021/2022", "2021-2022", "Mawrth 2022", "Blwyddyn yn gorffen Mawrth 2022",
    ];
    for text in march_2022 {
        assert_eq!(parse_period(text).map(|p| p.to_string()), Ok("2022-03".to_string()), "{text}");
    }
    for (text, month) in [("Sept 2021", "2021-09"), ("September 2021", "2021-09"), ("Dec 2012", "2012-12"), ("2022-12", "2022-12"), ("Year ending June 2023", "2023-06"), ("May 2020", "2020-05"), ("Mai 2020", "2020-05")] {
        assert_eq!(parse_period(text).map(|p| p.to_string()), Ok(month.to_string()), "{text}");
    }
}

#[test]
fn ambiguous_and_unreadable_periods_are_reported_not_guessed() {
    // 2011-12: December 2011, or the financial year 2011/12? Both are possible, so neither is taken.
    let e = parse_period("2011-12").unwrap_err();
    assert_eq!(e, "'2011-12' could be December 2011 or the financial year 2011/12: write 2011-12 or 2011/12");
    assert!(parse_period("2010-11").unwrap_err().contains("could be November 2010"));
    // "2022-03" is a month (03 is not the year after 2022), "2022-23" a financial year (23 is no month).
    assert_eq!(parse_period("2022-23").unwrap().to_string(), "2023-03");
    assert_eq!(parse_period("2022-03").unwrap().to_string(), "2022-03");
    assert_eq!(parse_period("2021/23").unwrap_err(), "'2021/23' is not a financial year: the second year must follow the first, as in 2021/22");
    for text in ["2022-13", "Spring 2022", "Mar 22", "22 Mar", "2022", "", "Marchy 2022", "2022-03-31", "Ma 2022", "Year ending 2022"] {
        assert!(parse_period(text).is_err(), "{text} should not be read as a period");
    }
}

#[test]
fn thousands_separators_quoted_in_csv_and_plain_in_tsv() {
    let csv = "Year,England and Wales\n2022-03,\"194,683\"\n";
    let tsv = "Year\tEngland and Wales\n2022-03\t194,683\n";
    for text in [csv, tsv] {
        let data = PublisherData::from_text(text, OFFENCE);
        assert!(data.errors.is_empty(), "{:?}", data.errors);
        assert_eq!(data.rows[0].count, Some(194_683));
    }
    // Unquoted in CSV, the comma splits the cell: the stray "683" has no area above it.
    let data = PublisherData::from_text("Year,England and Wales\n2022-03,194,683\n", OFFENCE);
    assert_eq!(errors(&data), vec!["Row 1, column C: a figure with no area above it"]);
    assert_eq!(data.rows[0].count, Some(194));
}

#[test]
fn bad_cells_are_reported_by_row_and_column_and_good_cells_kept() {
    let text = "Year\tFlintshire\tWrexham\n2019-03\t517\tn/a\nSpring 2020\t\t509\n2021-03\t433\t-4\n2022-03\t4 69\t507\n";
    let data = PublisherData::from_text(text, OFFENCE);
    assert_eq!(
        errors(&data),
        vec![
            "Row 1, column C (Wrexham): 'n/a' is not a whole number",
            "Row 2, column A (Year): 'Spring 2020' is not a period: write the month the 12 months end in, such as 2022-03, March 2022 or Year ending March 2022, or a financial year such as 2021/22",
            "Row 3, column C (Wrexham): -4 is negative",
            "Row 4, column B (Flintshire): '4 69' is not a whole number",
        ]
    );
    assert_eq!(
        triples(&data),
        vec![
            ("Flintshire".into(), "2019-03".into(), Some(517)),
            ("Flintshire".into(), "2021-03".into(), Some(433)),
            ("Wrexham".into(), "2022-03".into(), Some(507)),
        ]
    );
}

#[test]
fn a_header_is_required_and_named_columns_too() {
    let data = PublisherData::from_text("2019-03\t517\t\n2020-03\t\t509\n", OFFENCE);
    assert!(data.rows.is_empty());
    assert_eq!(errors(&data), vec!["Header: the first row must be a header: the areas' names above their figures (or the periods across, with the areas down the first column)"]);
    let data = PublisherData::from_text("Year\tFlintshire\t\n2019-03\t517\t12\n", OFFENCE);
    assert_eq!(errors(&data), vec!["Header, column C: no area name above these figures"]);
    assert_eq!(triples(&data), vec![("Flintshire".into(), "2019-03".into(), Some(517))]);
    let data = PublisherData::from_text("Year\tFlintshire\tflintshire\n2019-03\t517\t12\n", OFFENCE);
    assert_eq!(errors(&data), vec!["Header, column C (flintshire): flintshire has a column already; the first is kept"]);
    let data = PublisherData::from_text("Area\t2019-03\tSpring\nFlintshire\t517\t1\n", OFFENCE);
    assert_eq!(data.layout, Layout::PeriodsDown, "not every header cell is a period, so the periods run down");
}

#[test]
fn a_wide_table_needs_the_offence() {
    let data = PublisherData::from_csv("Year,Flintshire\n2019-03,517\n");
    assert!(data.rows.is_empty());
    assert_eq!(errors(&data), vec!["Header: a table of areas and periods needs the offence it counts: give it in the offence attribute"]);
}

#[test]
fn a_duplicate_period_is_reported_with_its_cell() {
    let data = PublisherData::from_text("Year\tWrexham\n2021-03\t424\n2020/21\t999\n", OFFENCE);
    assert_eq!(errors(&data), vec!["Row 2, column B (Wrexham): Wrexham, Sexual offences, 2021-03 is given twice; the first figure is kept"]);
    assert_eq!(data.rows.len(), 1);
    assert_eq!(data.rows[0].count, Some(424));
}

#[test]
fn the_long_format_still_reads_and_takes_newsroom_periods_and_tabs() {
    let long = "area\tperiod\toffence\tcount\nFlintshire\tYear ending March 2019\tSexual offences\t517\nWrexham\t2019/20\tSexual offences\t509\n";
    let data = PublisherData::from_text(long, "");
    assert!(data.errors.is_empty(), "{:?}", data.errors);
    assert_eq!(data.layout, Layout::Long);
    assert_eq!(triples(&data), vec![("Flintshire".into(), "2019-03".into(), Some(517)), ("Wrexham".into(), "2020-03".into(), Some(509))]);
    // Without an offence column, the caller's offence; without either, the header is reported.
    let data = PublisherData::from_text("area,period,count\nWrexham,2022-03,507\n", OFFENCE);
    assert!(data.errors.is_empty(), "{:?}", data.errors);
    assert_eq!(data.rows[0].offence, OFFENCE);
    let data = PublisherData::from_text("area,period,count\nWrexham,2022-03,507\n", "");
    assert_eq!(errors(&data), vec!["Header: missing column offence: expected area,period,offence,count"]);
}

#[test]
fn blank_lines_and_indentation_are_ignored() {
    let text = "\n    Year\tFlintshire\tWrexham\n\n    2019-03\t517\t\n\t\t\n    2020-03\t\t509\n";
    let data = PublisherData::from_text(text, OFFENCE);
    assert!(data.errors.is_empty(), "{:?}", data.errors);
    assert_eq!(data.rows.len(), 4);
}

#[test]
fn the_normalised_csv_reads_back_to_the_same_rows() {
    let text = "Year\tFlintshire\t\"Wrexham, \"\"county\"\"\"\n2018/19\t517\t\n2019/20\t\t509\n2020/21\t433\t424\n2021/22\t469\t507\n";
    let mut data = PublisherData::from_text(text, "Sexual offences, \"all\"");
    assert!(data.errors.is_empty(), "{:?}", data.errors);
    for r in &mut data.rows {
        r.source = Some("Home Office police recorded crime by CSP".into());
    }
    let csv = data.to_csv();
    assert!(csv.starts_with("area,period,offence,count,source\n"));
    assert!(csv.contains("Flintshire,2019-03,\"Sexual offences, \"\"all\"\"\",517,Home Office police recorded crime by CSP\n"), "{csv}");
    assert!(csv.contains("Wrexham, \"\"county\"\"\",2019-03,\"Sexual offences, \"\"all\"\"\",,"), "a gap is an empty count: {csv}");
    let back = PublisherData::from_csv(&csv);
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    assert_eq!(back.rows, data.rows);
    let with_population: Vec<PublisherRow> = data.rows.iter().cloned().map(|mut r| {
        r.population = Some(155_000);
        r
    }).collect();
    let data = PublisherData { rows: with_population, ..PublisherData::default() };
    assert_eq!(PublisherData::from_csv(&data.to_csv()).rows, data.rows);
}

#[test]
fn many_columns_and_rows_are_bounded() {
    let mut text = String::from("Year");
    for i in 0..100 {
        text.push_str(&format!("\tArea {i}"));
    }
    text.push('\n');
    for y in 0..60 {
        text.push_str(&format!("{}-03", 1950 + y));
        for _ in 0..100 {
            text.push_str("\t1");
        }
        text.push('\n');
    }
    let data = PublisherData::from_text(&text, OFFENCE);
    assert_eq!(data.rows.len(), crime_compare::publisher::MAX_ROWS);
    assert_eq!(errors(&data).last().map(String::as_str), Some("Row 51: only the first 5000 figures are read"));
}

proptest::proptest! {
    /// Whatever is pasted, what the builder writes back reads to the same rows.
    #[test]
    fn whatever_is_read_is_written_back_the_same(cells in proptest::collection::vec("[A-Za-z0-9 ,\"\t/\\-–é]{0,12}", 0..40)) {
        let mut text = String::from("Period\tFlint, \"shire\"\tWrexham\n");
        for (i, c) in cells.iter().enumerate() {
            text.push_str(c);
            text.push(if i % 3 == 2 { '\n' } else { '\t' });
        }
        let data = PublisherData::from_text(&text, OFFENCE);
        let back = PublisherData::from_csv(&data.to_csv());
        proptest::prop_assert!(back.errors.is_empty(), "{:?}", back.errors);
        proptest::prop_assert_eq!(back.rows, data.rows);
    }

    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,300}") {
        let data = PublisherData::from_text(&text, OFFENCE);
        let back = PublisherData::from_csv(&data.to_csv());
        proptest::prop_assert_eq!(back.rows, data.rows);
    }
}
