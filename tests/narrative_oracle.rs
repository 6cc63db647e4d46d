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
        offence: ds.offences()[e.offence].name.clone(),
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
    let config = Config { cases: 2400, failure_persistence: None, ..Config::default() };
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
    assert!(en >= 800 && cy >= 800, "only {en} English and {cy} Welsh sentences checked");
    eprintln!("checked {en} English and {cy} Welsh sentences");
}

