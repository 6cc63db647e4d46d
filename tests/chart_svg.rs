//! Chart engine tests: SVG snapshots, layout rules at every width, palette contrast, hit
//! testing, and drawing logic checked with a mock backend that counts primitives.
//!
//! Figures are real: police recorded sexual offences for the four Welsh forces, rolling
//! 12-month totals (ONS, rec-crime-pfa.csv), and mid-year populations for North Wales (ONS
//! mid-year estimates, summed over its local authorities). Snapshots live in
//! tests/snapshots/; run with UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change.

use crime_compare::chart::layout::{layout, LabelRole};
use crime_compare::chart::palette::{colours, contrast};
use crime_compare::chart::{self, draw, hit, render_svg, step, tooltip, ChangeMode, ChartInput, ChartKind, Direction, Measure, Position, Role, Scaled, Series, Theme};
use crime_compare::i18n::Lang;
use crime_compare::period::YearMonth;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

/// The 52 periods: years ending March 2003–2007, then quarterly to December 2018.
fn periods() -> Vec<YearMonth> {
    let mut p: Vec<YearMonth> = (2003..=2007).map(|y| YearMonth::new(y, 3).unwrap()).collect();
    let mut o = YearMonth::new(2007, 6).unwrap().ordinal();
    while o <= YearMonth::new(2018, 12).unwrap().ordinal() {
        p.push(YearMonth::from_ordinal(o).unwrap());
        o += 3;
    }
    p
}

const NORTH_WALES: [u32; 52] = [689, 677, 669, 647, 597, 618, 621, 585, 583, 543, 537, 536, 572, 586, 598, 631, 593, 599, 599, 609, 652, 672, 662, 643, 639, 645, 684, 756, 836, 858, 878, 882, 906, 948, 1077, 1170, 1199, 1211, 1222, 1301, 1422, 1689, 1770, 1863, 1966, 2080, 2327, 2459, 3016, 3048, 3093, 3091];
const GWENT: [u32; 52] = [593, 484, 559, 548, 533, 528, 565, 573, 607, 623, 555, 581, 553, 522, 563, 583, 600, 607, 595, 550, 555, 580, 589, 597, 556, 518, 479, 502, 513, 498, 522, 572, 615, 664, 716, 723, 781, 839, 885, 897, 887, 845, 840, 830, 867, 1008, 1099, 1228, 1317, 1314, 1387, 1457];
const SOUTH_WALES: [u32; 52] = [846, 832, 878, 1059, 910, 869, 921, 954, 1032, 1105, 1061, 1033, 985, 957, 881, 870, 859, 844, 872, 826, 829, 842, 852, 941, 946, 930, 934, 991, 1156, 1198, 1286, 1374, 1402, 1582, 1646, 1636, 1685, 1710, 1833, 1915, 1994, 2076, 2150, 2318, 2541, 2827, 3036, 3156, 3180, 3178, 3188, 3266];
const DYFED_POWYS: [u32; 52] = [298, 478, 507, 439, 403, 388, 343, 340, 338, 306, 317, 323, 321, 354, 354, 375, 406, 407, 415, 394, 405, 394, 379, 379, 368, 353, 363, 364, 368, 376, 407, 438, 443, 503, 555, 586, 726, 815, 861, 937, 955, 966, 1007, 1025, 1019, 1077, 1083, 1110, 1054, 974, 958, 925];
/// North Wales mid-year population, 2011–2018 (ONS mid-year estimates by local authority).
const NORTH_WALES_POP: [(u16, f64); 8] = [(2011, 688417.0), (2012, 689203.0), (2013, 688741.0), (2014, 689349.0), (2015, 688371.0), (2016, 687418.0), (2017, 687156.0), (2018, 686482.0)];

fn series(label: &str, values: &[u32], role: Role) -> Series {
    Series { label: label.into(), values: values.iter().map(|v| Some(*v as f64)).collect(), role }
}

/// Wales is the sum of its four forces.
fn wales() -> Vec<u32> {
    (0..52).map(|i| NORTH_WALES[i] + GWENT[i] + SOUTH_WALES[i] + DYFED_POWYS[i]).collect()
}

fn trend() -> ChartInput {
    ChartInput {
        kind: ChartKind::Trend,
        periods: periods(),
        series: vec![series("North Wales", &NORTH_WALES, Role::Selected), series("Gwent", &GWENT, Role::Selected), series("Wales", &wales(), Role::Benchmark)],
        offence_label: "Sexual offences".into(),
        width: 640.0,
        height: 400.0,
        ..ChartInput::default()
    }
}

fn period_index(year: u16, month: u8) -> usize {
    periods().iter().position(|p| *p == YearMonth::new(year, month).unwrap()).unwrap()
}

/// Rates where a population estimate exists (from mid-2011), `None` before: never zero.
fn north_wales_rates() -> Vec<Option<f64>> {
    periods()
        .iter()
        .zip(NORTH_WALES)
        .map(|(p, n)| NORTH_WALES_POP.iter().find(|(y, _)| *y == p.population_mid_year()).map(|(_, pop)| n as f64 / pop * 1000.0))
        .collect()
}

fn check_snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.svg", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no snapshot {path}: run with UPDATE_SNAPSHOTS=1 to create it"));
    if expected != actual {
        let (n, (e, a)) = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .find(|(_, (e, a))| e != a)
            .unwrap_or((expected.lines().count().min(actual.lines().count()), ("<end of file>", "<end of file>")));
        panic!("snapshot {name} differs at line {}:\n  expected: {e}\n  actual:   {a}\n(UPDATE_SNAPSHOTS=1 rewrites it)", n + 1);
    }
}

fn polylines_with_stroke(svg: &str, colour: &str) -> usize {
    svg.lines().filter(|l| l.starts_with("<polyline") && l.contains(&format!("stroke=\"{colour}\""))).count()
}

#[test]
fn trend_with_a_gap_draws_two_paths() {
    let mut input = trend();
    // Three missing quarters in the middle of North Wales.
    for i in 20..23 {
        input.series[0].values[i] = None;
    }
    let l = layout(&input).unwrap();
    let north_wales = l.lines.iter().find(|line| line.series == 0).unwrap();
    assert_eq!(north_wales.segments.len(), 2);
    assert_eq!(north_wales.segments[0].len() + north_wales.segments[1].len(), 49);
    let svg = render_svg(&input).unwrap();
    assert_eq!(polylines_with_stroke(&svg, "#0072B2"), 2, "North Wales is split at its gap");
    // Gwent, the second selected series, is dashed (told apart without colour): one run.
    assert_eq!(l.lines.iter().find(|line| line.series == 1).unwrap().segments.len(), 1, "Gwent has no gap");
    assert!(svg.contains("role=\"img\"") && svg.contains("<title>"));
    check_snapshot("trend_gap", &svg);
}

#[test]
fn svg_output_is_deterministic() {
    assert_eq!(render_svg(&trend()).unwrap(), render_svg(&trend()).unwrap());
}

#[test]
fn ranking_snapshot() {
    let input = ChartInput {
        kind: ChartKind::Ranking,
        ranking_period: period_index(2018, 3),
        series: vec![
            series("Dyfed-Powys", &DYFED_POWYS, Role::Benchmark),
            series("Gwent", &GWENT, Role::Benchmark),
            series("North Wales", &NORTH_WALES, Role::Selected),
            series("South Wales", &SOUTH_WALES, Role::Benchmark),
        ],
        height: 260.0,
        ..trend()
    };
    let l = layout(&input).unwrap();
    // Sorted descending: South Wales 3,180, North Wales 3,016, Gwent 1,317, Dyfed-Powys 1,054.
    let order: Vec<usize> = l.bars.iter().map(|b| b.series).collect();
    assert_eq!(order, vec![3, 2, 1, 0]);
    assert!(l.bars.iter().all(|b| b.selected == (b.series == 2)));
    let svg = render_svg(&input).unwrap();
    assert!(svg.contains("\n3,016\n"));
    check_snapshot("ranking", &svg);
}

#[test]
fn rate_chart_shows_unavailable_never_zero() {
    let input = ChartInput {
        measure: Measure::Rate,
        series: vec![
            Series { label: "North Wales".into(), values: north_wales_rates(), role: Role::Selected },
            Series { label: "Gwent".into(), values: vec![None; 52], role: Role::Selected },
        ],
        ..trend()
    };
    let l = layout(&input).unwrap();
    let north_wales = &l.lines[0];
    // Rates exist from the year ending June 2011, the first period containing 30 June 2011.
    assert_eq!(north_wales.segments.len(), 1);
    assert_eq!(north_wales.segments[0].len(), 52 - period_index(2011, 6));
    let notes: Vec<&str> = l.labels.iter().filter(|x| x.role == LabelRole::Note).map(|x| x.text.as_str()).collect();
    assert_eq!(notes, vec!["Gwent: rate unavailable (no population estimate)"]);
    let svg = render_svg(&input).unwrap();
    assert!(svg.contains("Offences per 1,000 people"));
    check_snapshot("rate", &svg);
}

#[test]
fn change_charts_index_and_year_on_year() {
    let index = ChartInput { kind: ChartKind::Change, change: ChangeMode::IndexToBase { base: 0 }, ..trend() };
    let l = layout(&index).unwrap();
    assert!((l.values[0][period_index(2018, 3)].unwrap() - 3016.0 / 689.0 * 100.0).abs() < 1e-9);
    let svg = render_svg(&index).unwrap();
    assert!(svg.contains("Index: year ending March 2003 = 100"));
    check_snapshot("change_index", &svg);

    let yoy = ChartInput { kind: ChartKind::Change, change: ChangeMode::YearOnYear, ..trend() };
    let l = layout(&yoy).unwrap();
    // Year ending March 2018 on March 2017: 3,016 on 1,966 is +53.4%.
    assert!((l.values[0][period_index(2018, 3)].unwrap() - 53.407).abs() < 0.01);
    // June 2007 has no June 2006 to compare with: a gap, not a zero.
    assert_eq!(l.values[0][period_index(2007, 6)], None);
    let svg = render_svg(&yoy).unwrap();
    assert!(svg.contains("\n0%\n"), "the zero reference is labelled");
    check_snapshot("change_yoy", &svg);
}

#[test]
fn welsh_chart() {
    let input = ChartInput {
        lang: Lang::Cy,
        offence_label: "Troseddau rhywiol".into(),
        series: vec![series("Gogledd Cymru", &NORTH_WALES, Role::Selected), series("Cymru", &wales(), Role::Benchmark)],
        ..trend()
    };
    let svg = render_svg(&input).unwrap();
    assert!(svg.contains("Ffynhonnell: Swyddfa Ystadegau Gwladol"));
    assert!(svg.contains("xml:lang=\"cy\""));
    assert!(svg.contains("\nGogledd Cymru\n"));
    check_snapshot("welsh", &svg);
}

#[test]
fn dark_chart() {
    let input = ChartInput { theme: Theme::Dark, ..trend() };
    let svg = render_svg(&input).unwrap();
    assert!(svg.contains("fill=\"#16181D\""), "dark background");
    assert!(svg.contains("stroke=\"#56B4E9\""), "dark palette");
    check_snapshot("dark", &svg);
}

/// Inputs that stress layout: long names, many series, every kind.
fn stress_inputs(width: f64, lang: Lang) -> Vec<ChartInput> {
    let long = vec![
        series("Devon and Cornwall", &NORTH_WALES, Role::Selected),
        series("Gwent", &GWENT, Role::Selected),
        series("South Wales", &SOUTH_WALES, Role::Selected),
        series("Dyfed-Powys", &DYFED_POWYS, Role::Selected),
        series("England and Wales", &wales(), Role::Benchmark),
    ];
    let short = vec![series("Gwent", &GWENT, Role::Selected), series("Wales", &wales(), Role::Benchmark)];
    let mut out = Vec::new();
    for height in [300.0, 420.0] {
        for s in [long.clone(), short.clone()] {
            for (kind, change) in [
                (ChartKind::Trend, ChangeMode::YearOnYear),
                (ChartKind::Change, ChangeMode::YearOnYear),
                (ChartKind::Change, ChangeMode::IndexToBase { base: 0 }),
                (ChartKind::Ranking, ChangeMode::YearOnYear),
            ] {
                out.push(ChartInput { kind, change, series: s.clone(), width, height, lang, ranking_period: 48, offence_label: "Violence against the person".into(), ..trend() });
            }
        }
    }
    out
}

#[test]
fn no_label_overlaps_or_leaves_the_chart_at_any_width() {
    for width in [280.0, 320.0, 400.0, 600.0, 1200.0] {
        for lang in [Lang::En, Lang::Cy] {
            for input in stress_inputs(width, lang) {
                let l = layout(&input).unwrap_or_else(|e| panic!("{width}px {:?}: {e}", input.kind));
                let what = format!("{width}px {:?} {:?} {} series h{}", input.kind, input.change, input.series.len(), input.height);
                assert!(l.overlapping_labels().is_empty(), "{what}: overlapping {:?}", l.overlapping_labels().iter().map(|(a, b)| (&l.labels[*a].text, &l.labels[*b].text)).collect::<Vec<_>>());
                for label in &l.labels {
                    assert!(label.rect.inside(&l.bounds()), "{what}: {:?} at {:?} is outside the chart", label.text, label.rect);
                    assert!(label.size >= 11.0, "{what}: {:?} is too small to read", label.text);
                }
                // Every series is named somewhere: an end label, a legend entry or a bar label.
                for s in &input.series {
                    assert!(l.labels.iter().any(|x| x.text == s.label || (x.text.ends_with('…') && s.label.starts_with(x.text.trim_end_matches('…')))), "{what}: {} is not named", s.label);
                }
            }
        }
    }
}

#[test]
fn narrow_charts_fall_back_to_a_legend() {
    let wide = layout(&ChartInput { width: 900.0, ..trend() }).unwrap();
    assert!(!wide.legend);
    assert!(wide.labels.iter().any(|l| l.role == LabelRole::EndLabel));
    let narrow = layout(&ChartInput { width: 280.0, ..trend() }).unwrap();
    assert!(narrow.legend);
    assert_eq!(narrow.labels.iter().filter(|l| l.role == LabelRole::Legend).count(), 3);
}

#[test]
fn palette_meets_contrast() {
    for theme in [Theme::Light, Theme::Dark] {
        let c = colours(theme);
        assert!(contrast(c.text, c.background) >= 4.5);
        assert!(contrast(c.text_subtle, c.background) >= 4.5);
        assert!(contrast(c.benchmark, c.background) >= 4.5, "benchmark labels are text");
        assert!(contrast(c.axis, c.background) >= 3.0);
        assert!(contrast(c.bar_muted, c.background) >= 3.0);
        for s in c.series {
            // 4.5:1 because end labels are drawn in the series colour.
            assert!(contrast(s, c.background) >= 4.5, "{theme:?} {} is {:.2}:1", s.hex(), contrast(s, c.background));
        }
        // Gridlines are meant to be faint.
        assert!(contrast(c.grid, c.background) < 1.6);
    }
    // Black on white is 21:1 and the same colour is 1:1.
    let (black, white) = (chart::palette::Rgb(0, 0, 0), chart::palette::Rgb(255, 255, 255));
    assert!((contrast(black, white) - 21.0).abs() < 1e-9);
    assert!((contrast(white, white) - 1.0).abs() < 1e-9);
}

#[test]
fn pointer_finds_the_nearest_point() {
    let input = trend();
    let l = layout(&input).unwrap();
    let at = period_index(2018, 3);
    let (x, y) = l.points[0][at].unwrap();
    assert_eq!(hit(&l, &input, x + 1.0, y - 2.0), Some(Position { series: 0, period: at }));
    // Same period, nearer Gwent's point in y.
    let (_, gy) = l.points[1][at].unwrap();
    assert_eq!(hit(&l, &input, x, gy + 3.0), Some(Position { series: 1, period: at }));
    assert_eq!(chart::crosshair_x(&l, at), Some(x));
    assert_eq!(hit(&l, &input, -50.0, y), None);
    assert_eq!(hit(&l, &input, f64::NAN, y), None);
}

#[test]
fn pointer_on_a_ranking_bar() {
    let input = ChartInput { kind: ChartKind::Ranking, ranking_period: 48, ..trend() };
    let l = layout(&input).unwrap();
    let bar = l.bars.iter().find(|b| b.series == 1).unwrap();
    let p = hit(&l, &input, bar.rect.x + 2.0, bar.rect.y + bar.rect.h / 2.0).unwrap();
    assert_eq!(p, Position { series: 1, period: 48 });
}

#[test]
fn keyboard_skips_gaps_and_moves_between_series() {
    let mut input = trend();
    input.series[0].values[10] = None;
    let here = Position { series: 0, period: 9 };
    assert_eq!(step(&input, here, Direction::Right), Position { series: 0, period: 11 });
    assert_eq!(step(&input, Position { series: 0, period: 11 }, Direction::Left), here);
    assert_eq!(step(&input, Position { series: 0, period: 0 }, Direction::Left), Position { series: 0, period: 0 });
    assert_eq!(step(&input, here, Direction::Down), Position { series: 1, period: 9 });
    assert_eq!(step(&input, Position { series: 2, period: 9 }, Direction::Down), Position { series: 2, period: 9 });
    // North Wales has no value at period 10: Up goes to its figure nearest in time, the earlier
    // of the two as near, so no series is out of the keyboard's reach.
    assert_eq!(step(&input, Position { series: 1, period: 10 }, Direction::Up), Position { series: 0, period: 9 });
    // A series whose only figure is where no other has one (a newsroom's newer figure).
    let mut lone = trend();
    let last = lone.periods.len() - 1;
    for v in &mut lone.series[2].values {
        *v = None;
    }
    lone.series[2].values[last] = Some(5.0);
    for s in 0..2 {
        lone.series[s].values[last] = None;
    }
    let from = Position { series: 1, period: last - 1 };
    assert_eq!(step(&lone, from, Direction::Down), Position { series: 2, period: last });
    assert_eq!(step(&lone, Position { series: 2, period: last }, Direction::Up), Position { series: 1, period: last - 1 });
}

#[test]
fn tooltips_say_what_changed() {
    let input = trend();
    let t = tooltip(&input, 0, period_index(2018, 3)).unwrap();
    assert_eq!(t.title, "North Wales");
    assert_eq!(t.period_label, "year ending March 2018");
    assert_eq!(t.value_text, "3,016");
    assert_eq!(t.change_text.as_deref(), Some("up 53% on the year before"));
    // The first June has no June before it.
    assert_eq!(tooltip(&input, 0, period_index(2007, 6)).unwrap().change_text, None);
    let cy = tooltip(&ChartInput { lang: Lang::Cy, ..trend() }, 0, period_index(2018, 3)).unwrap();
    assert_eq!(cy.period_label, "y flwyddyn yn gorffen Mawrth 2018");
    assert_eq!(cy.change_text.as_deref(), Some("cynnydd o 53% ers y flwyddyn flaenorol"));
    assert_eq!(tooltip(&input, 9, 0), None);
}

#[test]
fn table_and_csv_hold_exactly_what_is_plotted() {
    let mut input = trend();
    input.series[1].values[0] = None;
    let t = chart::table(&input);
    assert_eq!(t.header, vec!["Period", "North Wales", "Gwent", "Wales"]);
    assert_eq!(t.rows.len(), 52);
    assert_eq!(t.rows[period_index(2018, 3)][..2], ["Year ending March 2018".to_string(), "3,016".to_string()]);
    assert_eq!(t.rows[0][2], "\u{2013}");
    let csv = chart::csv(&input, "Source: ONS");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "period,North Wales,Gwent,Wales");
    assert_eq!(lines[1], "2003-03,689,,2426");
    assert_eq!(*lines.last().unwrap(), "# Source: ONS");
}

// ---- A mock backend that counts primitives, as plotters' own tests do. ----

#[derive(Default)]
struct Counter {
    lines: Vec<(BackendCoord, BackendCoord, (u8, u8, u8), u32)>,
    paths: Vec<(Vec<BackendCoord>, (u8, u8, u8), u32)>,
    rects: usize,
    circles: usize,
    texts: Vec<(String, f64)>,
    size: (u32, u32),
}

#[derive(Debug)]
struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}

impl DrawingBackend for Counter {
    type ErrorType = Never;
    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Result<(), DrawingErrorKind<Never>> {
        self.lines.push((a, b, s.color().rgb, s.stroke_width()));
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, _: BackendCoord, _: BackendCoord, _: &S, _: bool) -> Result<(), DrawingErrorKind<Never>> {
        self.rects += 1;
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, s: &S) -> Result<(), DrawingErrorKind<Never>> {
        self.paths.push((path.into_iter().collect(), s.color().rgb, s.stroke_width()));
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, _: BackendCoord, _: u32, _: &S, _: bool) -> Result<(), DrawingErrorKind<Never>> {
        self.circles += 1;
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, _: BackendCoord) -> Result<(), DrawingErrorKind<Never>> {
        self.texts.push((text.to_string(), style.size()));
        Ok(())
    }
}

#[test]
fn benchmarks_are_dashed_the_first_selected_line_solid_and_the_next_dashed() {
    let input = trend();
    let l = layout(&input).unwrap();
    let mut b = Counter::default();
    draw(&l, &input, &mut b).unwrap();
    let grey = colours(Theme::Light).benchmark;
    let grey = (grey.0, grey.1, grey.2);
    // The first selected series is one solid path; the second (Gwent) is dashed, so the two
    // differ without colour (WCAG 1.4.1); the benchmark is many short grey dashes.
    assert_eq!(b.paths.len(), 1);
    assert!(b.paths.iter().all(|p| p.2 == 3 && p.0.len() == 52), "2.5 px rounds to 3 at 1x");
    let second = colours(Theme::Light).series[1];
    assert!(b.lines.iter().filter(|l| l.2 == (second.0, second.1, second.2)).count() > 20, "Gwent is dashed");
    let dashes: Vec<_> = b.lines.iter().filter(|l| l.2 == grey).collect();
    assert!(dashes.len() > 40, "{} dashes", dashes.len());
    assert!(dashes.iter().all(|d| (d.0 .0 - d.1 .0).abs() <= 7), "no dash longer than its pattern");
    // One text call per label.
    assert_eq!(b.texts.len(), l.labels.len());
}

#[test]
fn scaled_backend_multiplies_coordinates_and_sizes() {
    let input = trend();
    let l = layout(&input).unwrap();
    let mut one = Counter { size: (640, 400), ..Counter::default() };
    draw(&l, &input, &mut one).unwrap();
    let mut two = Scaled::new(Counter { size: (1280, 800), ..Counter::default() }, 2.0);
    assert_eq!(two.get_size(), (640, 400));
    draw(&l, &input, &mut two).unwrap();
    let two = two.into_inner();
    assert_eq!(one.paths[0].0[5].0 * 2, two.paths[0].0[5].0);
    assert_eq!(one.paths[0].2 * 2, two.paths[0].2);
    assert_eq!(one.texts[0].1 * 2.0, two.texts[0].1);
    // draw_with scales before rounding: 2.5 px lines are exactly 5 device px at 2x.
    let mut exact = Counter::default();
    chart::draw_with(&l, &input, &mut exact, chart::DrawOptions::canvas(2.0)).unwrap();
    assert_eq!(exact.paths[0].2, 5);
}

#[test]
fn hostile_input_never_panics() {
    let p = periods();
    let cases: Vec<ChartInput> = vec![
        ChartInput { series: vec![], ..trend() },
        ChartInput { periods: vec![], ..trend() },
        ChartInput { series: vec![Series { label: "Empty".into(), values: vec![], role: Role::Selected }], ..trend() },
        ChartInput { series: vec![Series { label: "Gaps".into(), values: vec![None; 52], role: Role::Selected }], ..trend() },
        ChartInput { series: vec![Series { label: "NaN".into(), values: vec![Some(f64::NAN), Some(f64::INFINITY), Some(-5.0), Some(0.0)], role: Role::Selected }], ..trend() },
        ChartInput { series: vec![Series { label: "Zeros".into(), values: vec![Some(0.0); 52], role: Role::Selected }], ..trend() },
        ChartInput { periods: vec![p[0]], series: vec![series("One", &[689], Role::Selected)], ..trend() },
        ChartInput { kind: ChartKind::Change, change: ChangeMode::IndexToBase { base: 999 }, ..trend() },
        ChartInput { kind: ChartKind::Change, series: vec![Series { label: "Zero base".into(), values: vec![Some(0.0); 52], role: Role::Selected }], change: ChangeMode::IndexToBase { base: 0 }, ..trend() },
        ChartInput { kind: ChartKind::Ranking, ranking_period: 999, ..trend() },
        ChartInput { kind: ChartKind::Ranking, series: vec![], ..trend() },
        ChartInput { series: (0..40).map(|i| series(&format!("Area {i}"), &GWENT, Role::Selected)).collect(), ..trend() },
        ChartInput { kind: ChartKind::Ranking, series: (0..43).map(|i| series(&format!("Area number {i}"), &GWENT, Role::Selected)).collect(), height: 300.0, ..trend() },
        ChartInput { offence_label: "x".repeat(500), ..trend() },
        ChartInput { series: vec![series(&"Very long area name ".repeat(20), &GWENT, Role::Selected)], width: 280.0, ..trend() },
    ];
    for input in cases {
        match render_svg(&input) {
            Ok(svg) => assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>")),
            Err(e) => panic!("{:?} should draw: {e}", input.series.first().map(|s| &s.label)),
        }
        let l = layout(&input).unwrap();
        assert!(l.overlapping_labels().is_empty(), "{:?}", l.labels.iter().map(|x| &x.text).collect::<Vec<_>>());
    }
    for (w, h) in [(0.0, 0.0), (f64::NAN, 400.0), (600.0, -1.0), (1e9, 400.0), (100.0, 50.0)] {
        assert!(render_svg(&ChartInput { width: w, height: h, ..trend() }).is_err(), "{w}×{h}");
    }
}

#[test]
fn empty_charts_say_no_data() {
    let l = layout(&ChartInput { series: vec![], ..trend() }).unwrap();
    assert!(l.labels.iter().any(|x| x.text == "No data"));
    let l = layout(&ChartInput { measure: Measure::Rate, series: vec![Series { label: "Gwent".into(), values: vec![None; 52], role: Role::Selected }], ..trend() }).unwrap();
    assert!(l.labels.iter().any(|x| x.text.starts_with("Rate unavailable")));
}

/// Writes sample charts for eyeballing: `GALLERY=/tmp/gallery cargo test --test chart_svg
/// gallery -- --ignored`, then open or screenshot the SVGs.
#[test]
#[ignore]
fn gallery() {
    let dir = std::env::var("GALLERY").unwrap_or_else(|_| "/tmp/gallery".into());
    std::fs::create_dir_all(&dir).unwrap();
    let mut charts: Vec<(String, ChartInput)> = Vec::new();
    for width in [280.0, 400.0, 1200.0] {
        for (i, input) in stress_inputs(width, Lang::En).into_iter().enumerate() {
            charts.push((format!("stress_{width}_{i}"), input));
        }
    }
    charts.push(("welsh_280".into(), ChartInput { width: 280.0, height: 360.0, lang: Lang::Cy, offence_label: "Troseddau rhywiol".into(), series: vec![series("Gogledd Cymru", &NORTH_WALES, Role::Selected), series("Cymru", &wales(), Role::Benchmark)], ..trend() }));
    charts.push(("dark_400".into(), ChartInput { width: 400.0, theme: Theme::Dark, ..trend() }));
    for (name, input) in charts {
        std::fs::write(format!("{dir}/{name}.svg"), render_svg(&input).unwrap()).unwrap();
    }
}
