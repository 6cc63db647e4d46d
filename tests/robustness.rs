//! Whatever an embed's attributes and inline data say, the core answers with a chart or a
//! message: never a panic (in the wasm, one panic would break every widget on the page).
//! Random attribute values and publisher rows go through the whole path the widget takes:
//! view, layout, SVG, table, CSV, hit testing, keyboard steps and tooltips.

use crime_compare::chart::{self, Direction, Position};
use crime_compare::model::Dataset;
use crime_compare::publisher::PublisherData;
use crime_compare::view::{self, WidgetState};
use proptest::prelude::*;
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::bundled().unwrap())
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("North Wales".to_string()),
        Just("Gogledd Cymru".to_string()),
        Just("England and Wales".to_string()),
        Just("Wales".to_string()),
        Just("West Midlands".to_string()),
        Just("British Transport Police".to_string()),
        Just("Flintshire".to_string()),
        "\\PC{0,24}",
    ]
}

fn offence() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Sexual offences".to_string()),
        Just("Residential burglary".to_string()),
        Just("Fraud offences".to_string()),
        Just("Total recorded crime (excluding fraud)".to_string()),
        Just("CIFAS".to_string()),
        "\\PC{0,24}",
    ]
}

fn period() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), (2000u16..2025, 1u8..13).prop_map(|(y, m)| format!("{y}-{m:02}")), "\\PC{0,8}"]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_embed_gives_a_chart_or_a_message(
        area in name(),
        compare in proptest::collection::vec(name(), 0..4),
        offence in offence(),
        measure in prop_oneof![Just("count"), Just("rate"), Just("change"), Just("pie")],
        kind in prop_oneof![Just("trend"), Just("ranking"), Just("change")],
        from in period(),
        to in period(),
        lang in prop_oneof![Just("en"), Just("cy")],
        width in 120.0f64..1400.0,
        dark in any::<bool>(),
        rows in proptest::collection::vec((name(), period(), offence(), "[0-9,]{0,7}|\\PC{0,4}"), 0..6),
        pointer in (0.0f64..1400.0, 0.0f64..900.0),
        keys in proptest::collection::vec(0u8..4, 0..12),
    ) {
        let mut state = WidgetState::default();
        for (k, v) in [("lang", lang.to_string()), ("area", area), ("compare", compare.join(",")), ("offence", offence), ("measure", measure.to_string()), ("kind", kind.to_string()), ("from", from), ("to", to)] {
            let _ = state.set(k, &v);
        }
        let mut csv = String::from("area,period,offence,count\n");
        for (a, p, o, c) in &rows {
            csv.push_str(&format!("\"{}\",{},\"{}\",{}\n", a.replace('"', "\"\""), p, o.replace('"', "\"\""), c));
        }
        let publisher = PublisherData::from_csv(&csv);
        let v = view::build(data(), Some(&publisher), &state, width, 360.0, dark);
        let _ = chart::table(&v.input);
        let _ = chart::csv(&v.input, "source");
        let _ = chart::render_svg(&v.input);
        if let Ok(layout) = chart::layout(&v.input) {
            let mut at = chart::hit(&layout, &v.input, pointer.0, pointer.1).unwrap_or(Position { series: 0, period: 0 });
            for k in keys {
                let direction = [Direction::Left, Direction::Right, Direction::Up, Direction::Down][k as usize];
                at = chart::step(&v.input, at, direction);
                let _ = chart::tooltip(&v.input, at.series, at.period);
            }
        }
        // Something is always said: a chart, or why there is none.
        prop_assert!(!v.input.series.is_empty() || !v.messages.is_empty() || !v.aria_label.is_empty());
    }
}
