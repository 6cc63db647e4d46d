//! The narrative's claims, checked by an independent oracle (`tests/oracle/mod.rs`) that reads
//! each sentence and checks every claim in it against the dataset: the figure, the year
//! before, the percentage and its rounding, records against the whole series, the start of the
//! series, the rate and the notes. Over thousands of random embeds in both languages, and for
//! each false sentence reported in issue 13.

mod oracle;

use crime_compare::i18n::Lang;
use crime_compare::model::Dataset;
use crime_compare::view::{self, KindChoice, MeasureChoice, View, WidgetState};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::sync::OnceLock;

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| Dataset::bundled().unwrap())
}

fn state(pairs: &[(&str, &str)]) -> WidgetState {
    let mut s = WidgetState::default();
    for (k, v) in pairs {
        s.set(k, v).unwrap();
    }
    s
}

fn build(s: &WidgetState) -> View {
    view::build(data(), None, s, 640.0, 380.0, false)
}

/// Builds the embed, checks every sentence with the oracle, and returns them.
fn checked(pairs: &[(&str, &str)]) -> Vec<String> {
    let s = state(pairs);
    let v = build(&s);
    assert!(v.messages.is_empty(), "{:?}", v.messages);
    if let Err(e) = oracle::check_view(data(), &s, &v) {
        panic!("{pairs:?}: {e}");
    }
    v.narrative
}

#[derive(Debug, Clone)]
struct Embed {
    areas: Vec<usize>,
    offence: usize,
    kind: KindChoice,
    measure: MeasureChoice,
    from: Option<usize>,
    to: Option<usize>,
    cy: bool,
}

fn embed() -> impl Strategy<Value = Embed> {
    let ds = data();
    let (na, no, np) = (ds.areas().len(), ds.offences().len(), ds.periods().len());
    (
        proptest::collection::vec(0..na, 1..=3),
        0..no,
        prop_oneof![Just(KindChoice::Trend), Just(KindChoice::Ranking), Just(KindChoice::Change)],
        prop_oneof![Just(MeasureChoice::Count), Just(MeasureChoice::Rate), Just(MeasureChoice::Change)],
        proptest::option::weighted(0.6, 0..np),
        proptest::option::weighted(0.6, 0..np),
        any::<bool>(),
    )
        .prop_map(|(areas, offence, kind, measure, a, b, cy)| {
            // A range that is not empty, most of the time.
            let (from, to) = match (a, b) {
                (Some(x), Some(y)) if x > y => (Some(y), Some(x)),
                other => other,
            };
            Embed { areas, offence, kind, measure, from, to, cy }
        })
}

fn embed_state(e: &Embed) -> WidgetState {
    let ds = data();
    let lang = if e.cy { Lang::Cy } else { Lang::En };
    WidgetState {
        // By code: a name can be ambiguous ("West Midlands" is a force and a region).
        areas: e.areas.iter().map(|&a| ds.areas()[a].code.clone()).collect(),
        offence: ds.offences()[e.offence].key.clone(),
        measure: e.measure,
        kind: e.kind,
        from: e.from.map(|i| ds.periods()[i]),
        to: e.to.map(|i| ds.periods()[i]),
        lang,
        ..WidgetState::default()
    }
}

#[test]
fn every_claim_in_random_embeds_is_true_in_both_languages() {
    let config = Config { cases: 2000, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let checked = std::cell::Cell::new((0usize, 0usize));
    let result = runner.run(&embed(), |e| {
        let s = embed_state(&e);
        let v = build(&s);
        let n = oracle::check_resolved(data(), &s, &v, &e.areas, e.offence).map_err(|msg| TestCaseError::fail(format!("{e:?}\n{msg}")))?;
        let (en, cy) = checked.get();
        checked.set(if e.cy { (en, cy + n) } else { (en + n, cy) });
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Not vacuous: most embeds give sentences, in both languages.
    let (en, cy) = checked.get();
    assert!(en >= 600 && cy >= 600, "only {en} English and {cy} Welsh sentences checked");
    eprintln!("checked {en} English and {cy} Welsh sentences");
}


// Each false or misleading sentence reported in issue 13, as an embed whose every sentence the
// oracle checks, plus the property that was broken. Expected values are computed from the
// dataset, so the tests hold when newer figures replace these.

fn ids(area: &str, offence: &str) -> (usize, usize) {
    (data().find_area(area).unwrap(), data().find_offence(offence).unwrap())
}

fn period(p: &str) -> usize {
    data().period_index(crime_compare::period::YearMonth::parse(p).unwrap()).unwrap()
}

/// The first period with a figure in the whole series.
fn first_figure(area: usize, offence: usize) -> usize {
    data().counts(area, offence).iter().position(Option::is_some).unwrap()
}

#[test]
fn the_series_begins_where_the_data_does_not_where_the_chart_does() {
    let (a, o) = ids("England and Wales", "Violence against the person");
    let began = data().periods()[first_figure(a, o)].year;
    for from in ["2012-03", "2015-06", "2018-03"] {
        for lang in ["en", "cy"] {
            for s in checked(&[("area", "England and Wales"), ("offence", "Violence against the person"), ("from", from), ("lang", lang)]) {
                for marker in ["which began in ", "a ddechreuodd yn "] {
                    if let Some(i) = s.find(marker) {
                        assert_eq!(&s[i + marker.len()..i + marker.len() + 4], began.to_string(), "{s}");
                    }
                }
            }
        }
    }
}

#[test]
fn a_ranking_record_is_true_of_the_whole_series() {
    // Dyfed-Powys sexual offences, ranked at 2008-03 with the chart from 2004-03: a "lowest in
    // this series" claim must hold against the years before the chart begins too.
    let (a, o) = ids("Dyfed-Powys", "Sexual offences");
    let at = period("2008-03");
    let now = data().count(a, o, at).unwrap();
    let lower_before = (0..at).any(|i| data().count(a, o, i).is_some_and(|v| v < now));
    let s = checked(&[("area", "Dyfed-Powys"), ("offence", "Sexual offences"), ("kind", "ranking"), ("from", "2004-03"), ("to", "2008-03")]);
    assert_eq!(s.len(), 1);
    assert!(s[0].starts_with("Dyfed-Powys Police recorded"), "{}", s[0]);
    if lower_before {
        assert!(!s[0].contains("lowest figure in this series"), "{}", s[0]);
    }
}

#[test]
fn a_change_that_rounds_to_zero_is_less_than_half_a_percent() {
    let (a, o) = ids("Cheshire", "Drug offences");
    let (now, before) = (data().count(a, o, period("2014-06")).unwrap(), data().count(a, o, period("2013-06")).unwrap());
    for lang in ["en", "cy"] {
        let s = checked(&[("area", "Cheshire"), ("offence", "Drug offences"), ("to", "2014-06"), ("lang", lang)]);
        assert!(!s[0].contains("0.0%") && !s[0].contains(" 0%"), "{}", s[0]);
        let d = (now - before).abs();
        if d > 0 && 200 * d < before {
            assert!(s[0].contains(if lang == "en" { "less than 0.5%" } else { "lai na 0.5%" }), "{}", s[0]);
        }
    }
}

#[test]
fn a_fall_to_a_non_zero_figure_is_never_down_100_percent() {
    // England, domestic burglary: "4 … down 100% from 54,285" as forces moved to the new
    // categories. Every period's sentence.
    let (a, o) = ids("England", "Domestic burglary");
    for p in data().periods() {
        let s = checked(&[("area", "England"), ("offence", "Domestic burglary"), ("to", &p.to_string())]);
        let Some(s) = s.first() else { continue };
        let latest = (0..=data().period_index(*p).unwrap()).rev().find_map(|i| data().count(a, o, i)).unwrap();
        if latest > 0 {
            assert!(!s.contains("down 100%"), "{s}");
        }
    }
}

#[test]
fn small_bases_get_the_two_counts_and_halves_round_away_from_zero() {
    // Staffordshire homicide in 2018: "9 … up 12% from 8" was both a tiny base and 12.5%
    // rounded to even.
    let (a, o) = ids("Staffordshire", "Homicide");
    for p in ["2018-03", "2018-06", "2018-09", "2018-12"] {
        let before = crime_compare::period::YearMonth::parse(p).unwrap().minus_months(12).unwrap().to_string();
        let Some(b) = data().count(a, o, period(&before)) else { continue };
        let s = checked(&[("area", "Staffordshire"), ("offence", "Homicide"), ("to", p)]);
        if b < oracle::SMALL_BASE {
            assert!(!s[0].contains('%'), "{}", s[0]);
            assert!(s[0].contains(&format!("compared with {b} the year before")), "{}", s[0]);
        }
    }
}

#[test]
fn a_negative_published_figure_is_explained_not_compared() {
    // City of London fraud: "recorded −13 fraud offences …, down 110% from 125 … −1.72 offences
    // per 1,000 people". Every negative figure of a force in the data (the source's adjustments),
    // described as the figure of its period.
    let ds = data();
    let mut seen = 0;
    for a in (0..ds.areas().len()).filter(|&a| ds.areas()[a].kind == crime_compare::model::AreaKind::Force) {
        for o in 0..ds.offences().len() {
            for p in 0..ds.periods().len() {
                if !ds.count(a, o, p).is_some_and(|v| v < 0) || seen >= 12 {
                    continue;
                }
                seen += 1;
                let lang = if seen % 2 == 0 { "cy" } else { "en" };
                let s = checked(&[("area", &ds.areas()[a].code), ("offence", &ds.offences()[o].key), ("to", &ds.periods()[p].to_string()), ("measure", "rate"), ("lang", lang)]);
                assert!(s[0].contains(if lang == "en" { "adjustment" } else { "addasiad" }), "{}", s[0]);
                for word in ["%", "per 1,000", "fesul", " up ", " down ", "recorded −"] {
                    assert!(!s[0].contains(word), "{}", s[0]);
                }
            }
        }
    }
    assert!(seen > 0, "the source's negative figures");
}

#[test]
fn a_ranking_describes_the_area_not_the_compared_one() {
    for (area, compare) in [("Kent", "Surrey"), ("Surrey", "Kent")] {
        let s = checked(&[("area", area), ("compare", compare), ("kind", "ranking"), ("offence", "Robbery")]);
        assert_eq!(s.len(), 1, "{s:?}");
        assert!(s[0].starts_with(&format!("{area} Police recorded")), "{}", s[0]);
    }
}

#[test]
fn offences_and_places_read_as_english() {
    let s = checked(&[]);
    assert!(s[0].starts_with("Police in England and Wales recorded ") && s[0].contains(" crimes (excluding fraud) in the year ending"), "{}", s[0]);
    for (code, phrase) in [
        ("E12000001", "Police in the North East recorded "),
        ("E12000003", "Police in Yorkshire and the Humber recorded "),
        ("E12000005", "Police in the West Midlands recorded "),
        ("E12000006", "Police in the East of England recorded "),
        ("E12000007", "Police in London recorded "),
        ("E23000014", "West Midlands Police recorded "),
        ("W92000004", "Police in Wales recorded "),
    ] {
        let s = checked(&[("area", code), ("offence", "Robbery")]);
        assert!(s[0].starts_with(phrase), "{}", s[0]);
    }
}

#[test]
fn fraud_bodies_figures_are_described_as_what_they_are() {
    for (body, opening, what) in [("Action Fraud", "Action Fraud received ", " fraud reports in the year ending"), ("CIFAS", "CIFAS reported ", " cases of fraud in the year ending"), ("UK Finance", "UK Finance reported ", " cases of fraud in the year ending")] {
        let s = checked(&[("area", body), ("offence", body)]);
        assert!(s[0].starts_with(opening) && s[0].contains(what), "{}", s[0]);
        assert!(!s[0].contains("olice"), "not police recorded crime: {}", s[0]);
        let cy = checked(&[("area", body), ("offence", body), ("lang", "cy")]);
        assert!(cy[0].contains("o dwyll") && !cy[0].contains("heddlu"), "{}", cy[0]);
    }
}

#[test]
fn highest_since_holds_against_every_rolling_year_in_between() {
    // North Wales vehicle offences: "2,214 … highest since 2013" while the years ending March
    // and June 2014 were higher. Every period's sentence, in both languages, through the oracle.
    for p in data().periods() {
        for lang in ["en", "cy"] {
            checked(&[("area", "North Wales"), ("offence", "Vehicle offences"), ("to", &p.to_string()), ("lang", lang)]);
        }
    }
}

#[test]
fn breaks_stop_comparisons() {
    // Burglary's reclassification, fraud moving to Action Fraud: wherever the dataset has a break
    // between a figure and the year before, the sentence says they cannot be compared.
    let cases = [("England and Wales", "Domestic burglary"), ("England and Wales", "Residential burglary"), ("North Wales", "Fraud offences"), ("Cheshire", "Burglary")];
    for (area, offence) in cases {
        let (a, o) = ids(area, offence);
        for (p, when) in data().periods().iter().enumerate() {
            let s = checked(&[("area", area), ("offence", offence), ("to", &when.to_string())]);
            let Some(s) = s.first() else { continue };
            if !s.contains(&format!("year ending {} {}", crime_compare::i18n::month_name(when.month, Lang::En), when.year)) {
                continue;
            }
            let before = when.minus_months(12).and_then(|q| data().period_index(q));
            if let Some(b) = before.and_then(|b| oracle::break_between(data(), a, o, b, p)) {
                assert!(s.contains("cannot be compared"), "break at {}: {s}", data().periods()[b.period]);
                assert!(!s.contains('%') && !s.contains("highest") && !s.contains("lowest"), "{s}");
            }
        }
    }
}

#[test]
fn a_non_zero_count_never_has_a_zero_rate() {
    // Find real cells whose rate would print as 0.00.
    let ds = data();
    let mut found = 0;
    'outer: for a in 0..ds.areas().len() {
        for o in [3usize, 4] {
            for p in (0..ds.periods().len()).rev() {
                let (Some(c), Some(r)) = (ds.count(a, o, p), ds.rate_per_1000(a, o, p)) else { continue };
                if c > 0 && r < 0.005 {
                    let s = checked(&[("area", &ds.areas()[a].code), ("offence", &ds.offences()[o].name), ("to", &ds.periods()[p].to_string()), ("measure", "rate")]);
                    assert!(s[0].contains("That is fewer than 0.01 offences per 1,000 people."), "{}", s[0]);
                    found += 1;
                    if found >= 5 {
                        break 'outer;
                    }
                    break;
                }
            }
        }
    }
    assert!(found > 0, "no tiny rates found");
}

#[test]
fn city_of_london_rates_carry_a_note() {
    for lang in ["en", "cy"] {
        let s = checked(&[("area", "City of London"), ("offence", "Violence with injury"), ("measure", "rate"), ("lang", lang)]);
        assert!(s[0].contains(if lang == "en" { "Few people live in this area" } else { "Ychydig o bobl sy'n byw yn yr ardal hon" }), "{}", s[0]);
    }
    let s = checked(&[("area", "Kent"), ("offence", "Violence with injury"), ("measure", "rate")]);
    assert!(!s[0].contains("Few people"), "{}", s[0]);
}

/// A small deterministic generator for perturbing figures (splitmix64).
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The bundled figures with the awkward cases the real data has too few of: gaps, negative
/// adjustments, tiny counts, ties with the year before and with earlier peaks.
fn perturbed(seed: u64) -> Dataset {
    static BASE: OnceLock<crime_compare::model::BaseData> = OnceLock::new();
    let mut base = BASE.get_or_init(|| data().to_base()).clone();
    let (no, np) = (base.offences.len(), base.periods.len());
    let mut rng = Mix(seed);
    for i in 0..base.values.len() {
        let (p, o) = (i % np, i / np % no);
        let Some(v) = base.values[i] else { continue };
        base.values[i] = match rng.below(100) {
            0..=3 => None,
            4..=5 => Some(-(rng.below(50) as i64) - 1),
            6..=11 => Some(rng.below(26) as i64),
            12..=15 if p >= 4 => base.values[i - 1 - rng.below(4) as usize],
            16..=17 => Some(v + rng.below(3) as i64 - 1),
            _ => Some(v),
        };
        let _ = o;
    }
    // Extra breaks, for one area or for all, with every reason.
    use crime_compare::model::{BreakReason, StoredBreak};
    let reasons = [BreakReason::Reclassified, BreakReason::NewRelease, BreakReason::RecordingBody];
    for _ in 0..(no * 2) {
        let area = (rng.below(3) > 0).then(|| rng.below(base.areas.len() as u64) as usize);
        let b = StoredBreak { offence: rng.below(no as u64) as usize, area, period: 1 + rng.below(np as u64 - 1) as usize, reason: reasons[rng.below(3) as usize] };
        base.breaks.push(b);
    }
    base.breaks.sort_by_key(|b| (b.offence, b.period));
    Dataset::from_base(base).unwrap()
}

#[test]
fn every_claim_is_true_on_figures_with_gaps_negatives_ties_and_tiny_counts() {
    let mut en_cy = (0usize, 0usize);
    for seed in 1..=4u64 {
        let ds = perturbed(seed);
        let config = Config { cases: 150, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[seed as u8; 32]));
        let counted = std::cell::Cell::new(en_cy);
        let result = runner.run(&embed(), |e| {
            let s = embed_state(&e);
            let v = view::build(&ds, None, &s, 640.0, 380.0, false);
            let n = oracle::check_resolved(&ds, &s, &v, &e.areas, e.offence).map_err(|msg| TestCaseError::fail(format!("seed {seed}: {e:?}\n{msg}")))?;
            let (en, cy) = counted.get();
            counted.set(if e.cy { (en, cy + n) } else { (en + n, cy) });
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        en_cy = counted.get();
    }
    assert!(en_cy.0 >= 150 && en_cy.1 >= 150, "only {en_cy:?} sentences checked");
    eprintln!("checked {} English and {} Welsh sentences on perturbed figures", en_cy.0, en_cy.1);
}
