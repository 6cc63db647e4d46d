//! The chart's accessibility beyond colour and the mouse (issue 14): series told apart by dash
//! patterns, a forced (high-contrast) palette from the reader's system colours, and the longer
//! keyboard moves (Home, End, Page Up, Page Down).

use crime_compare::chart::palette::{colours, series_dash, ForcedColours, Rgb, SERIES_DASHES};
use crime_compare::chart::{jump, layout, ChartInput, ChartKind, Jump, Position, Role, Series, Theme};
use crime_compare::period::YearMonth;

fn quarterly(n: usize) -> Vec<YearMonth> {
    (0..n).map(|i| YearMonth::from_ordinal(2010 * 12 + 2 + 3 * i as i32).unwrap()).collect()
}

fn input(series: Vec<Series>, n: usize) -> ChartInput {
    ChartInput { kind: ChartKind::Trend, periods: quarterly(n), series, offence_label: "Robbery".into(), width: 640.0, height: 400.0, ..ChartInput::default() }
}

fn line(label: &str, values: Vec<Option<f64>>, role: Role) -> Series {
    Series { label: label.into(), values, role }
}

#[test]
fn every_selected_series_has_its_own_dash_pattern_and_the_first_is_solid() {
    assert_eq!(series_dash(0), None);
    for i in 0..SERIES_DASHES.len() {
        for j in i + 1..SERIES_DASHES.len() {
            assert_ne!(SERIES_DASHES[i], SERIES_DASHES[j], "series {i} and {j} share a pattern");
        }
    }
    let n = 8;
    let series = (0..5).map(|i| line(&format!("Area {i}"), (0..n).map(|p| Some(100.0 + (i * 10 + p) as f64)).collect(), Role::Selected)).collect();
    let l = layout(&input(series, n)).unwrap();
    let mut dashes: Vec<Option<Vec<f64>>> = l.lines.iter().map(|pl| pl.dash.map(|d| d.to_vec())).collect();
    dashes.dedup();
    assert_eq!(dashes.len(), 5, "five selected lines, five patterns: {dashes:?}");
}

#[test]
fn a_forced_palette_draws_with_the_system_colours() {
    let forced = ForcedColours { canvas: Rgb(0, 0, 0), canvas_text: Rgb(255, 255, 255), highlight: Rgb(26, 235, 255), gray_text: Rgb(63, 242, 63) };
    let c = colours(Theme::Forced(forced));
    assert_eq!(c.background, Rgb(0, 0, 0));
    assert_eq!(c.text, Rgb(255, 255, 255));
    assert_eq!(c.series[0], Rgb(26, 235, 255));
    let chart = ChartInput { theme: Theme::Forced(forced), ..input(vec![line("A", vec![Some(1.0), Some(2.0)], Role::Selected)], 2) };
    let l = layout(&chart).unwrap();
    assert_eq!(l.background, Rgb(0, 0, 0));
    assert!(l.labels.iter().all(|label| [Rgb(255, 255, 255), Rgb(26, 235, 255), Rgb(63, 242, 63)].contains(&label.colour)));
}

#[test]
fn home_end_and_page_keys_move_along_the_time_axis() {
    // Quarterly periods; the series has a gap at index 5.
    let values: Vec<Option<f64>> = (0..12).map(|i| if i == 5 { None } else { Some(10.0 + i as f64) }).collect();
    let chart = input(vec![line("A", values, Role::Selected)], 12);
    let at = |p| Position { series: 0, period: p };
    assert_eq!(jump(&chart, at(6), Jump::First), at(0));
    assert_eq!(jump(&chart, at(6), Jump::Last), at(11));
    // A year is four quarters.
    assert_eq!(jump(&chart, at(6), Jump::YearEarlier), at(2));
    assert_eq!(jump(&chart, at(6), Jump::YearLater), at(10));
    // A year before index 9 is index 5, a gap: the latest earlier period with a value.
    assert_eq!(jump(&chart, at(9), Jump::YearEarlier), at(4));
    // Nowhere to go: stays.
    assert_eq!(jump(&chart, at(2), Jump::YearEarlier), at(2));
    assert_eq!(jump(&chart, at(9), Jump::YearLater), at(9));
}
