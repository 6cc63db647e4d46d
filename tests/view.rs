//! The widget's behaviour short of the DOM: from an embed's attributes (and publisher data) to
//! what is charted, said and reported. Figures are checked against the source CSV rows.

use crime_compare::chart::{self, ChartKind, Role};
use crime_compare::model::Dataset;
use crime_compare::publisher::PublisherData;
use crime_compare::view::{self, View, WidgetState};

fn state(pairs: &[(&str, &str)]) -> WidgetState {
    let mut s = WidgetState::default();
    for (k, v) in pairs {
        s.set(k, v).unwrap();
    }
    s
}

fn build(pairs: &[(&str, &str)], publisher: Option<&PublisherData>) -> View {
    let data = Dataset::bundled().unwrap();
    view::build(&data, publisher, &state(pairs), 640.0, 380.0, false)
}

fn value(v: &View, series: &str, period: &str) -> Option<f64> {
    let s = v.input.series.iter().position(|s| s.label == series).unwrap_or_else(|| panic!("no series {series}"));
    let p = v.input.periods.iter().position(|p| p.to_string() == period).unwrap_or_else(|| panic!("no period {period}"));
    v.input.plotted()[s][p]
}

#[test]
fn parents_are_benchmarks_and_figures_are_the_source_rows() {
    let v = build(&[("area", "North Wales"), ("compare", "Wales,England and Wales"), ("offence", "Sexual offences")], None);
    assert!(v.messages.is_empty(), "{:?}", v.messages);
    let roles: Vec<(&str, Role)> = v.input.series.iter().map(|s| (s.label.as_str(), s.role)).collect();
    assert_eq!(roles, vec![("North Wales", Role::Selected), ("Wales", Role::Benchmark), ("England and Wales", Role::Benchmark)]);
    // rec-crime-pfa.csv: 31-03-2012,North Wales,Wales,Sexual offences,639 (and 652 a year before);
    // from the year ending March 2013 the Home Office quarterly table: 2,995 in the year ending
    // March 2018 (its four quarters), 2,502 in the year ending June 2023.
    assert_eq!(value(&v, "North Wales", "2012-03"), Some(639.0));
    assert_eq!(value(&v, "North Wales", "2011-03"), Some(652.0));
    assert_eq!(value(&v, "North Wales", "2018-03"), Some(2995.0));
    assert_eq!(v.input.periods.last().map(|p| p.to_string()), Some("2023-06".to_string()));
    assert!(v.narrative[0].starts_with("North Wales Police recorded 2,502 sexual offences in the year ending June 2023"), "{}", v.narrative[0]);
    assert_eq!(v.narrative.len(), 1, "benchmarks get no sentence of their own");
    assert!(v.aria_label.contains("North Wales"));
}

#[test]
fn an_unknown_area_is_reported_with_the_nearest_name_and_the_rest_still_charts() {
    let v = build(&[("area", "Nrth Wales"), ("compare", "Wales"), ("offence", "Sexual offences")], None);
    assert_eq!(v.messages, vec!["No area called 'Nrth Wales'. Did you mean North Wales?".to_string()]);
    assert_eq!(v.input.series.len(), 1);
    assert_eq!(v.input.series[0].label, "Wales");
    let cy = build(&[("lang", "cy"), ("area", "Gogledd Cymru"), ("offence", "Sexual offences")], None);
    assert!(cy.messages.is_empty());
    assert_eq!(cy.input.series[0].label, "Gogledd Cymru");
    let bad_offence = build(&[("area", "North Wales"), ("offence", "Sexual ofences")], None);
    assert_eq!(bad_offence.messages, vec!["No offence called 'Sexual ofences'. Did you mean Sexual offences?".to_string()]);
}

#[test]
fn change_on_a_year_earlier_is_known_from_the_first_period_in_range() {
    // The year ending March 2016 against March 2015 (no series break between them; across the
    // 2017 sexual offences reclassification the change is withheld).
    let v = build(&[("area", "North Wales"), ("offence", "Sexual offences"), ("measure", "change"), ("from", "2016-03"), ("to", "2016-03")], None);
    assert_eq!(v.input.kind, ChartKind::Change);
    assert_eq!(v.input.periods.len(), 1);
    let data = Dataset::bundled().unwrap();
    let (nw, o) = (data.find_area("North Wales").unwrap(), data.find_offence("Sexual offences").unwrap());
    let at = |p: &str| data.count(nw, o, data.period_index(crime_compare::period::YearMonth::parse(p).unwrap()).unwrap()).unwrap() as f64;
    assert!(data.break_between(nw, o, data.period_index(crime_compare::period::YearMonth::parse("2015-03").unwrap()).unwrap(), data.period_index(crime_compare::period::YearMonth::parse("2016-03").unwrap()).unwrap()).is_none());
    let change = value(&v, "North Wales", "2016-03").unwrap();
    assert!((change - (at("2016-03") / at("2015-03") - 1.0) * 100.0).abs() < 1e-9, "{change}");
}

#[test]
fn a_rate_is_unavailable_where_no_population_exists_never_zero() {
    let v = build(&[("area", "North Wales"), ("offence", "Sexual offences"), ("measure", "rate")], None);
    // The population estimates start at mid-2011, which the year ending March 2012 uses.
    assert_eq!(value(&v, "North Wales", "2011-03"), None);
    let rate = value(&v, "North Wales", "2018-03").unwrap();
    let data = Dataset::bundled().unwrap();
    let nw = data.find_area("North Wales").unwrap();
    let expected = 2995.0 / data.population(nw, 2017).unwrap() as f64 * 1000.0;
    assert!((rate - expected).abs() < 1e-9);
}

#[test]
fn a_ranking_shows_the_area_among_its_peers() {
    let v = build(&[("area", "North Wales"), ("offence", "Sexual offences"), ("kind", "ranking"), ("to", "2018-03")], None);
    let mut names: Vec<&str> = v.input.series.iter().map(|s| s.label.as_str()).collect();
    names.sort();
    assert_eq!(names, vec!["Dyfed-Powys", "Gwent", "North Wales", "South Wales"]);
    assert_eq!(v.input.periods[v.input.ranking_period].to_string(), "2018-03");
    let selected: Vec<&str> = v.input.series.iter().filter(|s| s.role == Role::Selected).map(|s| s.label.as_str()).collect();
    assert_eq!(selected, vec!["North Wales"]);
    assert_eq!(v.narrative.len(), 1);
}

#[test]
fn publisher_figures_chart_exactly_as_given_with_gaps_and_row_errors() {
    let csv = "area,period,offence,count,source\n\
        Flintshire,2019-03,Sexual offences,517,North Wales Police\n\
        Flintshire,2021-03,Sexual offences,433,\n\
        Flintshire,2022-03,Sexual offences,469,\n\
        Wrexham,2020-03,Sexual offences,509,\n\
        Wrexham,2021-03,Sexual offences,424,\n\
        Wrexham,2022-03,Sexual offences,lots,\n";
    let data = PublisherData::from_csv(csv);
    let v = build(&[("area", "Flintshire"), ("compare", "Wrexham"), ("offence", "Sexual offences")], Some(&data));
    assert_eq!(v.messages, vec!["Row 6: count 'lots' is not a whole number".to_string()]);
    let periods: Vec<String> = v.input.periods.iter().map(|p| p.to_string()).collect();
    assert_eq!(periods, vec!["2019-03", "2020-03", "2021-03", "2022-03"]);
    assert_eq!(value(&v, "Flintshire", "2020-03"), None, "a missing year stays a gap");
    assert_eq!(value(&v, "Flintshire", "2022-03"), Some(469.0));
    assert_eq!(value(&v, "Wrexham", "2019-03"), None);
    assert_eq!(value(&v, "Wrexham", "2022-03"), None, "the bad row is not charted");
    assert!(v.narrative[0].contains("469"), "{}", v.narrative[0]);
    assert!(v.source_lines.iter().any(|l| l.contains("North Wales Police")));
    let svg = chart::render_svg(&v.input).unwrap();
    assert!(svg.contains("Flintshire"));
}

#[test]
fn attributes_round_trip_and_bad_values_leave_the_state_alone() {
    let mut s = state(&[("area", "North Wales"), ("compare", "Wales"), ("kind", "ranking"), ("from", "2010-03")]);
    assert!(s.set("kind", "pie").is_err());
    assert!(s.set("from", "March 2010").is_err());
    let attrs = s.to_attributes();
    assert!(attrs.contains(&("kind", "ranking".to_string())));
    assert!(attrs.contains(&("from", "2010-03".to_string())));
    assert!(attrs.contains(&("compare", "Wales".to_string())));
    for extra in ["A", "B", "C", "D", "E"] {
        s.add_area(extra);
    }
    assert_eq!(s.areas.len(), view::MAX_AREAS);
}

#[test]
fn narrate_gives_the_widgets_sentences_and_refuses_unknown_names() {
    let data = Dataset::bundled().unwrap();
    let s = state(&[("area", "North Wales"), ("compare", "Gwent"), ("offence", "Sexual offences")]);
    let sentences = view::narrate(&data, &s).unwrap();
    assert_eq!(sentences, view::build(&data, None, &s, 300.0, 200.0, false).narrative);
    assert_eq!(sentences.len(), 2);
    assert!(sentences[1].starts_with("Gwent Police recorded"), "{}", sentences[1]);
    let err = view::narrate(&data, &state(&[("area", "Nrth Wales")])).unwrap_err();
    assert!(err.contains("Did you mean North Wales?"), "{err}");
}

#[test]
fn series_lines_list_every_period_with_gaps_empty() {
    let data = Dataset::bundled().unwrap();
    let nw = data.find_area("North Wales").unwrap();
    let sexual = data.find_offence("Sexual offences").unwrap();
    let lines = view::series_lines(&data, nw, sexual, false);
    assert_eq!(lines.len(), data.periods().len());
    assert_eq!(lines[0], "2003-03,689");
    assert!(lines.contains(&"2012-03,639".to_string()));
    // Rates only from the first population estimate: earlier periods are empty, never 0.
    let rates = view::series_lines(&data, nw, sexual, true);
    assert_eq!(rates[0], "2003-03,");
    let expected = 639.0 / data.population(nw, 2011).unwrap() as f64 * 1000.0;
    assert!(rates.contains(&format!("2012-03,{expected:.2}")), "{rates:?}");
}
