//! The map's view, table and narrative against the bundled dataset, with the figures
//! recomputed here from `Dataset` counts and populations (not from the view's code).

use crime_compare::chart::{self, map, ChartKind, Measure};
use crime_compare::model::{AreaKind, Dataset};
use crime_compare::view::{self, View, WidgetState};

fn state(pairs: &[(&str, &str)]) -> WidgetState {
    let mut s = WidgetState::default();
    for (k, v) in pairs {
        s.set(k, v).unwrap();
    }
    s
}

fn build(data: &Dataset, pairs: &[(&str, &str)]) -> View {
    view::build(data, None, &state(pairs), 640.0, 700.0, false)
}

/// Every force's rate at `period`, computed here: count / population of its mid-year × 1,000.
fn rates(data: &Dataset, offence: &str, period: &str) -> Vec<(String, Option<f64>)> {
    let o = data.find_offence(offence).unwrap();
    let p = data.periods().iter().position(|q| q.to_string() == period).unwrap();
    let year = data.periods()[p].population_mid_year();
    data.areas()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.kind == AreaKind::Force)
        .map(|(i, a)| {
            let rate = match (data.count(i, o, p), data.population(i, year)) {
                (Some(c), Some(pop)) if pop > 0 => Some(c as f64 / pop as f64 * 1000.0),
                _ => None,
            };
            (a.name.clone(), rate)
        })
        .collect()
}

#[test]
fn the_sentence_gives_the_rank_and_rate_the_dataset_gives() {
    let data = Dataset::bundled().unwrap();
    let v = build(&data, &[("area", "North Wales"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "rate"), ("to", "2023-06")]);
    assert!(v.messages.is_empty(), "{:?}", v.messages);
    assert_eq!(v.input.kind, ChartKind::Map);
    assert_eq!(v.input.series.len(), 43);
    // The rank, recomputed: how many forces have a higher rate than North Wales, plus one.
    let all = rates(&data, "Sexual offences", "2023-06");
    let nw = all.iter().find(|(n, _)| n == "North Wales").unwrap().1.unwrap();
    let rank = 1 + all.iter().filter(|(_, r)| r.is_some_and(|r| r > nw)).count();
    assert_eq!(rank, 7);
    assert_eq!(format!("{nw:.2}"), "3.62");
    // The England and Wales rate from `crime-data query --area "England and Wales" --measure rate`.
    assert_eq!(
        v.narrative,
        vec!["North Wales had the 7th highest rate of sexual offences of the 43 police force areas in the year ending June 2023: 3.62 per 1,000 people, against 3.14 across England and Wales.".to_string()]
    );
    let cy = build(&data, &[("area", "North Wales"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "rate"), ("to", "2023-06"), ("lang", "cy")]);
    assert_eq!(cy.narrative.len(), 1);
    assert!(cy.narrative[0].starts_with("Safle Gogledd Cymru ymhlith yr ardaloedd heddlu"), "{}", cy.narrative[0]);
    assert!(cy.narrative[0].contains("oedd 7 o 43 (1 = uchaf): 3.62 trosedd fesul 1,000 o bobl, o'i gymharu â 3.14 ar draws Cymru a Lloegr."), "{}", cy.narrative[0]);
}

#[test]
fn the_table_lists_every_force_by_rank_with_the_computed_rates() {
    let data = Dataset::bundled().unwrap();
    let v = build(&data, &[("area", "North Wales"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "rate"), ("to", "2023-06")]);
    let t = chart::table(&v.input);
    assert_eq!(t.rows.len(), 43);
    assert_eq!(t.header.len(), 4);
    let mut expected = rates(&data, "Sexual offences", "2023-06");
    expected.sort_by(|a, b| b.1.unwrap_or(f64::MIN).total_cmp(&a.1.unwrap_or(f64::MIN)));
    for (row, (name, rate)) in t.rows.iter().zip(&expected) {
        assert_eq!(&row[0], name);
        assert_eq!(row[1], rate.map_or("–".to_string(), |r| format!("{r:.2}")));
    }
    // The City of London first: 11.37 per 1,000, as the issue quotes.
    assert_eq!(t.rows[0][0], "City of London");
    assert_eq!(t.rows[0][1], "11.37");
    assert_eq!(t.rows[0][3], "1 of 43");
    let nw = t.rows.iter().find(|r| r[0] == "North Wales").unwrap();
    assert_eq!(nw[3], "7 of 43");
}

#[test]
fn the_city_of_london_is_off_the_scale_and_the_map_says_why() {
    let data = Dataset::bundled().unwrap();
    let v = build(&data, &[("area", "Gwent"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "rate"), ("to", "2023-06")]);
    let m = v.input.map.as_ref().unwrap();
    let city = v.input.series.iter().position(|s| s.label == "City of London").unwrap();
    assert!(m.off_scale[city]);
    assert_eq!(m.off_scale.iter().filter(|x| **x).count(), 1);
    assert!(m.notes.iter().any(|n| n.contains("City of London (11.37) is off the scale")), "{:?}", m.notes);
    // The classes come from the other 42: the top break is below the second-highest rate,
    // so the 42 spread over every class instead of crowding the lowest two.
    let others: Vec<f64> = (0..43).filter(|&s| s != city).filter_map(|s| v.input.raw(s, 0)).collect();
    let breaks = map::class_breaks(&others, false);
    assert!((4..=6).contains(&breaks.len()), "{breaks:?}");
    let with_city: Vec<f64> = (0..43).filter_map(|s| v.input.raw(s, 0)).collect();
    let top = others.iter().cloned().fold(f64::MIN, f64::max);
    assert!(*breaks.last().unwrap() <= top);
    for class in 0..=breaks.len() {
        assert!(others.iter().any(|x| map::class_of(&breaks, *x) == class), "class {class} of {breaks:?} is empty");
    }
    assert!(with_city.len() == 43);
}

#[test]
fn counts_are_shown_as_rates_and_say_so() {
    let data = Dataset::bundled().unwrap();
    let v = build(&data, &[("area", "North Wales"), ("offence", "Sexual offences"), ("kind", "map"), ("measure", "count"), ("to", "2023-06")]);
    assert_eq!(v.input.measure, Measure::Rate);
    assert!(v.input.map.as_ref().unwrap().notes.iter().any(|n| n.starts_with("Shaded by rate per 1,000 people")));
    let nw = v.input.series.iter().position(|s| s.label == "North Wales").unwrap();
    assert_eq!(v.input.map.as_ref().unwrap().counts[nw], Some(2502.0));
    let tip = chart::tooltip(&v.input, nw, 0).unwrap();
    assert_eq!(tip.value_text, "3.62 per 1,000 people (2,502 offences)");
    assert_eq!(tip.change_text.as_deref(), Some("7th highest of 43"));
}

#[test]
fn a_change_is_withheld_across_a_series_break() {
    let data = Dataset::bundled().unwrap();
    // Find every force and offence with a break inside the year to June 2023.
    let p = data.periods().iter().position(|q| q.to_string() == "2023-06").unwrap();
    let b = data.periods().iter().position(|q| q.to_string() == "2022-06").unwrap();
    let mut checked = 0;
    for o in 0..data.offences().len() {
        let name = data.offences()[o].name.clone();
        let v = build(&data, &[("area", "Wales"), ("offence", &name), ("kind", "map"), ("measure", "change"), ("to", "2023-06")]);
        for (s, f) in (0..data.areas().len()).filter(|&i| data.areas()[i].kind == AreaKind::Force).enumerate() {
            let got = v.input.raw(s, 0);
            if data.break_between(f, o, b, p).is_some() {
                assert_eq!(got, None, "{name}, {}: a change across a break", data.areas()[f].name);
                checked += 1;
            } else if let (Some(n), Some(before)) = (data.count(f, o, p), data.count(f, o, b)) {
                if before > 0 && n >= 0 {
                    let want = (n - before) as f64 / before as f64 * 100.0;
                    assert!((got.unwrap() - want).abs() < 1e-9);
                }
            }
        }
    }
    eprintln!("{checked} changes withheld across a break");
}

#[test]
fn an_extent_frames_its_forces() {
    let data = Dataset::bundled().unwrap();
    let v = build(&data, &[("area", "Gwent"), ("offence", "Sexual offences"), ("kind", "map"), ("extent", "wales")]);
    let m = v.input.map.as_ref().unwrap();
    let framed: Vec<&str> = (0..43).filter(|&s| m.framed[s]).map(|s| v.input.series[s].label.as_str()).collect();
    assert_eq!(framed.len(), 4, "{framed:?}");
    for f in ["North Wales", "Dyfed-Powys", "South Wales", "Gwent"] {
        assert!(framed.contains(&f));
    }
    let nw = build(&data, &[("area", "Cumbria"), ("offence", "Sexual offences"), ("kind", "map"), ("extent", "North West")]);
    assert_eq!(nw.input.map.as_ref().unwrap().framed.iter().filter(|x| **x).count(), 5);
    let bad = build(&data, &[("area", "Gwent"), ("offence", "Sexual offences"), ("kind", "map"), ("extent", "Narnia")]);
    assert_eq!(bad.messages.len(), 1, "{:?}", bad.messages);
    // The keyboard reaches every framed force, in the table's order.
    assert_eq!(map::key_order(&v.input).len(), 4);
    assert_eq!(chart::table(&v.input).rows.len(), 4);
}
