//! The measure an embed gets when it names none: rates when the charted areas' populations
//! differ more than tenfold, otherwise counts (issue 11).

use crime_compare::model::Dataset;
use crime_compare::view::{default_measure, MeasureChoice};

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_force_against_england_and_wales_is_charted_as_a_rate() {
    let data = Dataset::bundled().unwrap();
    assert_eq!(default_measure(&data, &names(&["Cumbria", "England and Wales"])), MeasureChoice::Rate);
    assert_eq!(default_measure(&data, &names(&["North Wales", "Wales", "England and Wales"])), MeasureChoice::Rate);
}

#[test]
fn one_area_or_areas_of_similar_size_are_counts() {
    let data = Dataset::bundled().unwrap();
    assert_eq!(default_measure(&data, &names(&["Gwent"])), MeasureChoice::Count);
    assert_eq!(default_measure(&data, &names(&["Gwent", "South Wales", "Dyfed-Powys"])), MeasureChoice::Count);
    // North Wales (about 0.7 million) against Wales (about 3.1 million): under tenfold.
    assert_eq!(default_measure(&data, &names(&["North Wales", "Wales"])), MeasureChoice::Count);
}

#[test]
fn the_threshold_is_tenfold_of_the_latest_populations() {
    let data = Dataset::bundled().unwrap();
    let (_, last) = data.population_years().unwrap();
    let pop = |name: &str| data.population(data.find_area(name).unwrap(), last).unwrap() as f64;
    // Cumbria is far more than ten times smaller than England and Wales, Gwent less than ten
    // times smaller than Wales: the rule follows the figures, not the kinds of area.
    assert!(pop("England and Wales") > 10.0 * pop("Cumbria"));
    assert!(pop("Wales") < 10.0 * pop("Gwent"));
    assert_eq!(default_measure(&data, &names(&["Gwent", "Wales"])), MeasureChoice::Count);
}

#[test]
fn unknown_areas_do_not_count_towards_the_rule() {
    let data = Dataset::bundled().unwrap();
    assert_eq!(default_measure(&data, &names(&["Nowhere at all", "England and Wales"])), MeasureChoice::Count);
    assert_eq!(default_measure(&data, &[]), MeasureChoice::Count);
}
