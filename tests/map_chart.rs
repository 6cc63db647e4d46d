//! The map drawn from the bundled dataset and its geometry: SVG snapshots (national, Wales,
//! Welsh and dark), the layout rules at 280, 400 and 1,200 px, hit testing at every force's
//! label point, contrast of the map's colours. Snapshots: tests/snapshots/ (UPDATE_SNAPSHOTS=1).

use crime_compare::chart::map::{self, no_figure, outline, sequential};
use crime_compare::chart::palette::{colours, contrast};
use crime_compare::chart::{self, hit, layout, render_svg, ChartInput, Theme};
use crime_compare::model::Dataset;
use crime_compare::view::{self, WidgetState};

fn input(pairs: &[(&str, &str)], width: f64, dark: bool) -> ChartInput {
    let data = Dataset::bundled().unwrap();
    assert!(data.geometry().is_some(), "the bundled dataset carries the boundaries");
    let mut s = WidgetState::default();
    for (k, v) in pairs {
        s.set(k, v).unwrap();
    }
    let v = view::build(&data, None, &s, width, 100.0, dark);
    assert!(v.messages.is_empty(), "{:?}", v.messages);
    let mut input = v.input;
    input.titles = true;
    input.height = chart::layout::preferred_height(&input);
    input
}

const NATIONAL: [(&str, &str); 6] = [("area", "North Wales"), ("compare", "Gwent"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "rate"), ("to", "2023-06")];

fn check_snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.svg", env!("CARGO_MANIFEST_DIR"));
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no snapshot {path}: run with UPDATE_SNAPSHOTS=1 to create it"));
    assert!(expected == actual, "{name}.svg differs from its snapshot (UPDATE_SNAPSHOTS=1 after a deliberate change)");
}

/// Every force area drawn is one `<path>` named by its `<title>` (name and figure); the London
/// inset draws its two again.
fn check_paths(svg: &str, framed: &[&str], drawn: usize) {
    assert_eq!(svg.matches("<path ").count(), drawn, "one path per force area drawn");
    assert!(!svg.contains("<polygon"));
    for name in framed {
        assert!(svg.contains(&format!("<title>{name}: ")), "no titled path for {name}");
    }
}

/// The source lines as drawn, joined (a long line wraps).
fn sources(i: &ChartInput) -> String {
    let mut lines: Vec<_> = layout(i).unwrap().labels.into_iter().filter(|l| l.role == crime_compare::chart::LabelRole::Source).collect();
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ")
}

#[test]
fn national_map_snapshot() {
    let i = input(&NATIONAL, 640.0, false);
    assert!(sources(&i).contains("Contains OS data © Crown copyright and database right 2022."), "{}", sources(&i));
    let svg = render_svg(&i).unwrap();
    check_paths(&svg, &["North Wales", "Metropolitan Police", "City of London"], 43 + 2);
    assert!(svg.contains("<title>North Wales: 3.62</title>"));
    assert!(svg.contains("<title>City of London: 11.37</title>"));
    assert!(svg.contains("City of London (11.37) is off the scale"));
    check_snapshot("map-national", &svg);
}

#[test]
fn wales_map_snapshot() {
    let i = input(&[("area", "Gwent"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "rate"), ("to", "2023-06"), ("extent", "wales")], 400.0, false);
    let l = layout(&i).unwrap();
    // Every Welsh force labelled at 400 px.
    for name in ["North Wales", "Dyfed-Powys", "South Wales", "Gwent"] {
        assert!(l.labels.iter().any(|lb| lb.text.starts_with(&format!("{name}: "))), "no label for {name}");
    }
    let svg = render_svg(&i).unwrap();
    // The four, and the English neighbours that reach into the frame, muted.
    check_paths(&svg, &["North Wales", "Dyfed-Powys", "South Wales", "Gwent"], l.map.as_ref().unwrap().areas.len());
    assert!(l.map.as_ref().unwrap().areas.iter().filter(|a| a.framed).count() == 4);
    check_snapshot("map-wales", &svg);
}

#[test]
fn welsh_dark_map_snapshot() {
    let mut pairs = NATIONAL.to_vec();
    pairs.push(("lang", "cy"));
    let i = input(&pairs, 640.0, true);
    assert!(sources(&i).contains("Arolwg Ordnans © Hawlfraint y Goron"), "{}", sources(&i));
    let svg = render_svg(&i).unwrap();
    check_paths(&svg, &["Gogledd Cymru", "De Cymru"], 43 + 2);
    assert!(svg.contains("xml:lang=\"cy\""));
    assert!(svg.contains("Llundain"));
    check_snapshot("map-cy-dark", &svg);
}

#[test]
fn labels_stay_inside_and_apart_at_every_width() {
    for width in [280.0, 400.0, 1200.0] {
        for dark in [false, true] {
            for extra in [vec![], vec![("extent", "wales")], vec![("extent", "North West")], vec![("measure", "change")], vec![("lang", "cy")], vec![("area", "City of London")]] {
                let mut pairs = NATIONAL.to_vec();
                pairs.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
                pairs.extend(extra.iter().copied());
                let i = input(&pairs, width, dark);
                let l = layout(&i).unwrap_or_else(|e| panic!("{width} {extra:?}: {e}"));
                assert!(l.overlapping_labels().is_empty(), "{width} {extra:?}: {:?}", l.overlapping_labels().iter().map(|(a, b)| (&l.labels[*a].text, &l.labels[*b].text)).collect::<Vec<_>>());
                for lb in &l.labels {
                    assert!(lb.rect.inside(&l.bounds()), "{width} {extra:?}: '{}' leaves the chart", lb.text);
                    assert!(lb.size >= 11.0);
                }
                let m = l.map.as_ref().unwrap();
                // Label boxes clear of each other and of the inset, inside the map.
                for (a, b) in m.label_boxes.iter().enumerate() {
                    assert!(b.inside(&l.plot), "{width}: a label box leaves the map");
                    for c in &m.label_boxes[a + 1..] {
                        assert!(!b.overlaps(c));
                    }
                }
                // The main area is labelled (in the inset for the City of London).
                let main = i.map.as_ref().unwrap().main.unwrap();
                let framed = i.map.as_ref().unwrap().framed[main];
                assert!(!framed || l.labels.iter().any(|lb| lb.text.starts_with(&format!("{}: ", i.series[main].label))), "{width} {extra:?}: the main area is not labelled");
            }
        }
    }
}

#[test]
fn every_force_is_hit_at_its_label_point() {
    for width in [280.0, 640.0, 1200.0] {
        let i = input(&NATIONAL, width, false);
        let l = layout(&i).unwrap();
        let m = l.map.as_ref().unwrap();
        let mut reached = std::collections::HashSet::new();
        for a in m.areas.iter().filter(|a| a.framed) {
            // The main map's copy of a London area sits under the inset only if the inset covers it.
            let p = hit(&l, &i, a.anchor.0, a.anchor.1).map(|p| p.series);
            if a.in_inset || !m.inset.is_some_and(|r| r.contains(a.anchor.0, a.anchor.1)) {
                assert_eq!(p, Some(a.series), "{width}: {} at its label point", i.series[a.series].label);
                reached.insert(a.series);
            }
        }
        assert_eq!(reached.len(), 43, "{width}: every force is reachable by pointer");
        // The inset makes both London areas reachable.
        let inset: Vec<usize> = m.areas.iter().filter(|a| a.in_inset).map(|a| a.series).collect();
        assert_eq!(inset.len(), 2, "{width}");
        // Off the map, nothing.
        assert_eq!(hit(&l, &i, 1.0, l.height - 1.0), None);
        assert_eq!(hit(&l, &i, f64::NAN, 10.0), None);
    }
}

#[test]
fn map_colours_meet_contrast() {
    for theme in [Theme::Light, Theme::Dark] {
        let c = colours(theme);
        assert!(contrast(outline(theme), c.background) >= 3.0, "{theme:?} outline");
        assert!(contrast(c.text, c.background) >= 4.5);
        let classes = sequential(theme, 7);
        // The no-figure grey is not a class colour, and is far from the lowest.
        assert!(!classes.contains(&no_figure(theme)));
        assert!(contrast(no_figure(theme), classes[0]) > 1.3, "{theme:?}: no figure too close to the lowest class");
        // Classes step monotonically in lightness.
        let lum: Vec<f64> = classes.iter().map(|c| c.luminance()).collect();
        assert!(lum.windows(2).all(|w| if theme == Theme::Light { w[0] > w[1] } else { w[0] < w[1] }), "{theme:?}: {lum:?}");
    }
    assert_eq!(map::rank_text(crime_compare::i18n::Lang::En, 12, 43), "12th highest of 43");
    assert_eq!(map::ordinal_en(22), "22nd");
    assert_eq!(map::ordinal_en(13), "13th");
}

