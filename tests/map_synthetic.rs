//! The map engine on a synthetic 7×7 grid of square "areas" (no geometry needed): classes,
//! the no-figure swatch, hit testing at every label point, the SVG's one path per area.

use crime_compare::chart::map::{class_breaks, class_of, sequential, MapData, MapShape};
use crime_compare::chart::{hit, layout, render_svg, ChangeMode, ChartInput, ChartKind, Measure, Role, Series, Theme};
use crime_compare::period::YearMonth;
use std::rc::Rc;

fn grid(n: usize, missing: Option<usize>) -> ChartInput {
    let mut series = Vec::new();
    let mut shapes = Vec::new();
    for i in 0..n * n {
        let (x, y) = ((i % n) as f64 * 10_000.0, (i / n) as f64 * 10_000.0);
        let value = if Some(i) == missing { None } else { Some(1.0 + i as f64 * 0.1) };
        series.push(Series { label: format!("Area {i}"), values: vec![value], role: if i == 3 { Role::Selected } else { Role::Benchmark } });
        shapes.push(Some(MapShape { polygons: vec![vec![(x, y), (x + 10_000.0, y), (x + 10_000.0, y + 10_000.0), (x, y + 10_000.0)]], holes: vec![], label: (x + 5_000.0, y + 5_000.0) }));
    }
    let count = series.len();
    ChartInput {
        kind: ChartKind::Map,
        measure: Measure::Rate,
        change: ChangeMode::YearOnYear,
        periods: vec![YearMonth::new(2023, 6).unwrap()],
        series,
        offence_label: "Sexual offences".into(),
        width: 400.0,
        height: 500.0,
        map: Some(Rc::new(MapData { shapes, counts: vec![Some(10.0); count], framed: vec![true; count], off_scale: vec![false; count], main: Some(3), ..MapData::default() })),
        ..ChartInput::default()
    }
}

#[test]
fn breaks_are_round_and_give_five_to_seven_classes() {
    let values: Vec<f64> = (0..42).map(|i| 1.4 + (i as f64).powf(1.3) * 0.05).collect();
    let b = class_breaks(&values, false);
    assert!((4..=6).contains(&b.len()), "{b:?}");
    for x in &b {
        assert!(((x * 10.0).round() - x * 10.0).abs() < 1e-9, "{x} is not a round figure");
    }
    assert_eq!(class_of(&b, f64::MIN), 0);
    assert_eq!(class_of(&b, f64::MAX), b.len());
    // A % change range across zero has zero as a break.
    let change: Vec<f64> = (0..43).map(|i| -20.0 + i as f64).collect();
    assert!(class_breaks(&change, true).contains(&0.0));
    assert_eq!(sequential(Theme::Light, 6).len(), 6);
}

#[test]
fn every_area_is_hit_at_its_label_point_and_is_one_path() {
    let input = grid(7, Some(10));
    let l = layout(&input).unwrap();
    let m = l.map.as_ref().unwrap();
    for a in &m.areas {
        let p = hit(&l, &input, a.anchor.0, a.anchor.1).unwrap();
        assert_eq!(p.series, a.series);
    }
    assert!(l.overlapping_labels().is_empty());
    let svg = render_svg(&input).unwrap();
    assert_eq!(svg.matches("<path ").count(), 49);
    assert!(!svg.contains("<polygon"));
    assert!(svg.contains("<title>Area 10: No figure</title>"));
}
