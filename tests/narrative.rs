//! Narrative sentences checked against real figures: police recorded offences for North
//! Wales, years ending March 2003–2018 (ONS rec-crime-pfa.csv).

use crime_compare::chart::{ChartInput, ChartKind, Role, Series};
use crime_compare::i18n::Lang;
use crime_compare::narrative::{chart_summary, sentence, NarrativeInput, SubjectKind};
use crime_compare::period::YearMonth;

fn march(from: u16, to: u16) -> Vec<YearMonth> {
    (from..=to).map(|y| YearMonth::new(y, 3).unwrap()).collect()
}

/// North Wales, Sexual offences, years ending March 2003–2018.
const SEXUAL: [f64; 16] = [689.0, 677.0, 669.0, 647.0, 597.0, 583.0, 572.0, 593.0, 652.0, 639.0, 836.0, 906.0, 1199.0, 1422.0, 1966.0, 3016.0];
/// North Wales, Stalking and harassment, years ending March 2003–2018.
const STALKING: [f64; 16] = [160.0, 166.0, 230.0, 301.0, 497.0, 390.0, 428.0, 624.0, 559.0, 677.0, 791.0, 888.0, 918.0, 1250.0, 1674.0, 3729.0];

fn values(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().map(|x| Some(*x)).collect()
}

fn input<'a>(subject: &'a str, kind: SubjectKind, offence: &'a str, periods: &'a [YearMonth], values: &'a [Option<f64>], lang: Lang) -> NarrativeInput<'a> {
    NarrativeInput { subject, subject_kind: kind, offence, periods, values, period: None, rate_per_1000: None, breaks: &[], few_residents: false, lang }
}

#[test]
fn record_high_in_english() {
    let p = march(2003, 2018);
    let v = values(&SEXUAL);
    let s = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert_eq!(s, "North Wales Police recorded 3,016 sexual offences in the year ending March 2018, up 53% from 1,966 the year before, the highest figure in this series, which began in 2003.");
}

#[test]
fn record_high_in_welsh() {
    let p = march(2003, 2018);
    let v = values(&SEXUAL);
    let s = sentence(&input("Gogledd Cymru", SubjectKind::Force, "Sexual offences", &p, &v, Lang::Cy)).unwrap();
    assert_eq!(s, "Nifer y troseddau rhywiol a gofnodwyd gan Heddlu Gogledd Cymru yn y flwyddyn yn gorffen Mawrth 2018 oedd 3,016, cynnydd o 53% ers y flwyddyn flaenorol (1,966), y ffigur uchaf yn y gyfres hon, a ddechreuodd yn 2003.");
}

#[test]
fn a_missing_year_stops_the_record_claim() {
    // Without 2009 we cannot say 2018 beat every year; and "highest since" needs a higher
    // year before the gap, which there is not. Only the change on last year is proved.
    let p = march(2003, 2018);
    let mut v = values(&SEXUAL);
    v[6] = None;
    let s = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert_eq!(s, "North Wales Police recorded 3,016 sexual offences in the year ending March 2018, up 53% from 1,966 the year before.");
}

#[test]
fn highest_since_in_both_languages() {
    // Stalking and harassment, year ending March 2008: 390, down from 497 (2007), and lower
    // than every year back to 2006 (301): the lowest since the year ending March 2006.
    let p = march(2003, 2008);
    let v = values(&STALKING[..6]);
    let s = sentence(&input("North Wales", SubjectKind::Force, "Stalking and harassment", &p, &v, Lang::En)).unwrap();
    assert_eq!(s, "North Wales Police recorded 390 offences of stalking and harassment in the year ending March 2008, down 22% from 497 the year before, the lowest since the year ending March 2006.");

    // Sexual offences, year ending March 2011: 652, up from 593; 2006–2010 were all lower and
    // 2005 was 669: the highest since the year ending March 2005.
    let p = march(2003, 2011);
    let v = values(&SEXUAL[..9]);
    let en = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert_eq!(en, "North Wales Police recorded 652 sexual offences in the year ending March 2011, up 10% from 593 the year before, the highest since the year ending March 2005.");
    let cy = sentence(&input("Gogledd Cymru", SubjectKind::Force, "Sexual offences", &p, &v, Lang::Cy)).unwrap();
    assert_eq!(cy, "Nifer y troseddau rhywiol a gofnodwyd gan Heddlu Gogledd Cymru yn y flwyddyn yn gorffen Mawrth 2011 oedd 652, cynnydd o 10% ers y flwyddyn flaenorol (593), y ffigur uchaf ers y flwyddyn yn gorffen Mawrth 2005.");
}

#[test]
fn lowest_since_in_welsh_and_series_low() {
    let p = march(2003, 2008);
    let v = values(&STALKING[..6]);
    let cy = sentence(&input("Gogledd Cymru", SubjectKind::Force, "Stalking and harassment", &p, &v, Lang::Cy)).unwrap();
    assert_eq!(cy, "Nifer y troseddau stelcian ac aflonyddu a gofnodwyd gan Heddlu Gogledd Cymru yn y flwyddyn yn gorffen Mawrth 2008 oedd 390, gostyngiad o 22% ers y flwyddyn flaenorol (497), y ffigur isaf ers y flwyddyn yn gorffen Mawrth 2006.");
    // Sexual offences, year ending March 2009: 572 is the lowest of 2003–2009.
    let p = march(2003, 2009);
    let v = values(&SEXUAL[..7]);
    let en = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert_eq!(en, "North Wales Police recorded 572 sexual offences in the year ending March 2009, down 2% from 583 the year before, the lowest figure in this series, which began in 2003.");
}

#[test]
fn fewer_than_an_earlier_peak() {
    // Year ending March 2006: 647, down from 669. Three earlier years are too few for a
    // "lowest in the series" claim, but the 689 of 2003 is a plain fact.
    let p = march(2003, 2006);
    let v = values(&SEXUAL[..4]);
    let s = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert_eq!(s, "North Wales Police recorded 647 sexual offences in the year ending March 2006, down 3% from 669 the year before, fewer than the 689 recorded in the year ending March 2003.");
    // Year ending March 2012: 639, down from 652 (2011); the last lower year is 2010 (593).
    let p = march(2003, 2012);
    let v = values(&SEXUAL[..10]);
    let s = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert_eq!(s, "North Wales Police recorded 639 sexual offences in the year ending March 2012, down 2% from 652 the year before, the lowest since the year ending March 2010.");
}

#[test]
fn subjects_and_rates() {
    let p = march(2016, 2018);
    let v = values(&SEXUAL[13..]);
    let mut i = input("Wales", SubjectKind::Aggregate, "Sexual offences", &p, &v, Lang::En);
    i.rate_per_1000 = Some(3016.0 / 687.156);
    let s = sentence(&i).unwrap();
    assert!(s.starts_with("Police in Wales recorded 3,016 sexual offences in the year ending March 2018"), "{s}");
    assert!(s.ends_with(" That is 4.39 offences per 1,000 people."), "{s}");
    let local = sentence(&input("Conwy", SubjectKind::Local, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert!(local.starts_with("Police recorded 3,016 sexual offences in Conwy in the year ending March 2018"), "{local}");
    let cy = sentence(&NarrativeInput { rate_per_1000: Some(4.389), ..input("Cymru", SubjectKind::Aggregate, "Sexual offences", &p, &v, Lang::Cy) }).unwrap();
    assert!(cy.contains("a gofnodwyd gan yr heddlu yng Nghymru yn y flwyddyn"), "{cy}");
    assert!(cy.ends_with(" Mae hynny'n 4.39 trosedd fesul 1,000 o bobl."), "{cy}");
    // Proper names keep their capitals; offences without a verified Welsh name are quoted.
    // The fraud bodies' figures are theirs, not police recorded crime.
    let f = sentence(&input("CIFAS", SubjectKind::FraudBody, "CIFAS", &p, &v, Lang::En)).unwrap();
    assert!(f.starts_with("CIFAS reported 3,016 cases of fraud in the year ending March 2018"), "{f}");
    let a = sentence(&input("Action Fraud", SubjectKind::FraudBody, "Action Fraud", &p, &v, Lang::En)).unwrap();
    assert!(a.starts_with("Action Fraud received 3,016 fraud reports in the year ending March 2018"), "{a}");
    let a = sentence(&input("Action Fraud", SubjectKind::FraudBody, "Action Fraud", &p, &v, Lang::Cy)).unwrap();
    assert!(a.starts_with("Nifer yr adroddiadau o dwyll i Action Fraud yn y flwyddyn yn gorffen Mawrth 2018 oedd 3,016"), "{a}");
    let h = sentence(&input("Gwent", SubjectKind::Force, "Homicide", &p, &v, Lang::Cy)).unwrap();
    assert!(h.starts_with("Nifer y troseddau yn y categori 'Homicide' a gofnodwyd gan Heddlu Gwent"), "{h}");
}

#[test]
fn no_value_no_sentence_and_latest_by_default() {
    let p = march(2016, 2018);
    let v = vec![Some(1422.0), Some(1966.0), None];
    let s = sentence(&input("North Wales", SubjectKind::Force, "Sexual offences", &p, &v, Lang::En)).unwrap();
    assert!(s.contains("1,966 sexual offences in the year ending March 2017, up 38% from 1,422"), "{s}");
    assert_eq!(sentence(&input("X", SubjectKind::Force, "Burglary", &p, &[None, None, None], Lang::En)), None);
    assert_eq!(sentence(&input("X", SubjectKind::Force, "Burglary", &[], &[], Lang::En)), None);
}

#[test]
fn chart_summary_names_areas_and_latest_values() {
    let p = march(2016, 2018);
    let chart = ChartInput {
        kind: ChartKind::Trend,
        periods: p,
        series: vec![Series { label: "North Wales".into(), values: values(&SEXUAL[13..]), role: Role::Selected }],
        offence_label: "Sexual offences".into(),
        ..ChartInput::default()
    };
    assert_eq!(chart_summary(&chart), "Line chart of sexual offences, year ending March 2016 to year ending March 2018: North Wales 3,016 (year ending March 2018).");
}
