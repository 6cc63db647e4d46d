//! The bundled dataset against its sources, the derivation rules, and the codec's robustness.

use crime_compare::i18n::Lang;
use crime_compare::ingest::{self, Source, Sources};
use crime_compare::model::{Area, AreaKind, BaseData, Dataset, Offence};
use crime_compare::period::YearMonth;
use proptest::prelude::*;
use std::sync::OnceLock;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn ds() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| Dataset::bundled().expect("bundled dataset decodes"))
}

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

fn count(area: &str, offence: &str, period: &str) -> Option<i64> {
    let d = ds();
    let a = d.find_area(area).unwrap();
    let o = d.find_offence(offence).unwrap();
    d.count(a, o, d.period_index(ym(period)).unwrap())
}

fn build_from_data() -> Dataset {
    let (pfa, pop, lookup) = (read("data/rec-crime-pfa.csv"), read("data/population.csv"), read("data/lookup.csv"));
    ingest::build(&Sources {
        pfa: Source { name: "data/rec-crime-pfa.csv", text: &pfa },
        population: Source { name: "data/population.csv", text: &pop },
        lookup: Source { name: "data/lookup.csv", text: &lookup },
        open_data: vec![],
    })
    .unwrap()
}

/// Every one of the 46,469 source rows, parsed here independently of the ingest code (the file
/// has no quoted fields), must come back exactly from the bundled binary.
#[test]
fn bundled_dataset_reproduces_every_source_row() {
    let d = ds();
    let text = read("data/rec-crime-pfa.csv");
    let mut n = 0;
    let mut negatives = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        assert_eq!(f.len(), 5, "{line}");
        let date: Vec<&str> = f[0].split('-').collect();
        let period = YearMonth::new(date[2].parse().unwrap(), date[1].parse().unwrap()).unwrap();
        let a = d.find_area(f[1]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.areas()[a].name, f[1]);
        assert!(!d.areas()[a].kind.is_aggregate(), "{line}: matched a region, not the force");
        let o = d.find_offence(f[3]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.offences()[o].name, f[3]);
        let p = d.period_index(period).unwrap();
        let v: i64 = f[4].parse().unwrap();
        assert_eq!(d.count(a, o, p), Some(v), "{line}");
        negatives += (v < 0) as usize;
        n += 1;
    }
    assert_eq!(n, 46_469);
    assert_eq!(negatives, 25, "the source's negative adjustments are kept");
    // Nothing else is stored: every base figure came from a row.
    let stored = d.to_base().values.iter().filter(|v| v.is_some()).count();
    assert_eq!(stored, 46_469);
}

#[test]
fn committed_binary_is_what_the_build_produces() {
    let committed = std::fs::read(format!("{}/data/crime-compare.bin", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let built = build_from_data().encode();
    assert!(built == committed, "data/crime-compare.bin is stale: run `crime-data build` (see data/PROVENANCE.md)");
}

#[test]
fn shape_of_the_bundled_dataset() {
    let d = ds();
    assert_eq!(d.periods().len(), 52);
    assert_eq!(d.periods()[0], ym("2003-03"));
    assert_eq!(d.periods()[51], ym("2018-12"));
    // The source's 30-12-2017 is the December 2017 quarter.
    assert!(d.period_index(ym("2017-12")).is_some());
    let kinds = |k: AreaKind| d.areas().iter().filter(|a| a.kind == k).count();
    assert_eq!(kinds(AreaKind::Force), 43);
    assert_eq!(kinds(AreaKind::Region), 9);
    assert_eq!(kinds(AreaKind::Country), 2);
    assert_eq!(kinds(AreaKind::National), 1);
    assert_eq!(kinds(AreaKind::OtherForce), 1);
    assert_eq!(kinds(AreaKind::FraudBody), 3);
    assert_eq!(d.offences().iter().filter(|o| !o.derived).count(), 25);
    let yh = d.find_area("E12000003").unwrap();
    assert_eq!(d.areas()[yh].name, "Yorkshire and The Humber");
    let nw = d.find_area("W15000001").unwrap();
    assert_eq!(d.areas()[nw].name, "North Wales");
    assert_eq!(d.areas()[nw].display_name(Lang::Cy), "Gogledd Cymru");
    assert!(d.source_note().contains("early 2019"));
}

#[test]
fn population_of_a_force_is_the_sum_of_its_local_authorities() {
    let d = ds();
    let nw = d.find_area("North Wales").unwrap();
    assert_eq!(d.population(nw, 2022), Some(688_695));
    assert_eq!(d.population(nw, 2010), None);
    let p = d.period_index(ym("2018-03")).unwrap();
    assert_eq!(d.population_for_period(nw, p), d.population(nw, 2017));
    // Before mid-2011 there is no estimate in the file, so no rate.
    let sex = d.find_offence("Sexual offences").unwrap();
    assert_eq!(d.rate_per_1000(nw, sex, d.period_index(ym("2010-03")).unwrap()), None);
    for code in ["CC-BTP", "CC-FRAUD-ACTION-FRAUD"] {
        let a = d.find_area(code).unwrap();
        assert_eq!(d.population(a, 2017), None, "{code} has no resident population");
    }
}

/// Regions, countries and England and Wales are sums of forces; ONS publishes their totals
/// directly, and the two must agree (forces nest exactly in regions).
#[test]
fn aggregate_populations_equal_the_ons_totals() {
    let d = ds();
    let text = read("data/population.csv");
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let geo = f[f.len() - 3];
        if geo != "Region" && geo != "Country" {
            continue;
        }
        let a = d.find_area(f[0]).unwrap();
        let year: u16 = f[f.len() - 2].parse().unwrap();
        let ons: u64 = f[f.len() - 1].trim().parse().unwrap();
        assert_eq!(d.population(a, year), Some(ons), "{}", line);
        checked += 1;
    }
    assert_eq!(checked, 12 * 13);
}

#[test]
fn national_totals_are_the_43_territorial_forces_only() {
    // All 44 force rows (with British Transport Police) sum to 150,798, the figure in the
    // source's PROVENANCE; the 43 territorial forces give 148,976.
    assert_eq!(count("England and Wales", "Sexual offences", "2018-03"), Some(148_976));
    assert_eq!(count("British Transport Police", "Sexual offences", "2018-03"), Some(150_798 - 148_976));
    let wales: i64 = ["North Wales", "Gwent", "South Wales", "Dyfed-Powys"]
        .iter()
        .map(|f| count(f, "Sexual offences", "2018-03").unwrap())
        .sum();
    assert_eq!(count("Wales", "Sexual offences", "2018-03"), Some(wales));
    let e = count("England", "Sexual offences", "2018-03").unwrap();
    assert_eq!(e + wales, 148_976);
}

#[test]
fn derived_offence_totals() {
    // Before December 2014 only domestic and non-domestic burglary are published.
    let kent = |o: &str, p: &str| count("Kent", o, p).unwrap();
    assert_eq!(count("Kent", "Residential burglary", "2014-09"), None);
    assert_eq!(kent("Burglary", "2014-09"), kent("Domestic burglary", "2014-09") + kent("Non-domestic burglary", "2014-09"));
    // From December 2014 all four are published; the old two run on as zeros.
    let four = ["Domestic burglary", "Non-domestic burglary", "Residential burglary", "Non-residential burglary"];
    for p in ["2014-12", "2018-03"] {
        assert_eq!(kent("Burglary", p), four.iter().map(|o| kent(o, p)).sum::<i64>());
    }
    // Total = victim-based + other crimes against society, excluding fraud.
    let nw = |o: &str| count("North Wales", o, "2013-03").unwrap();
    assert_eq!(nw("Total recorded crime (excluding fraud)"), nw("Victim-based crime") + nw("Other crimes against society"));
    let parts = ["Violence against the person", "Sexual offences", "Robbery", "Theft offences", "Criminal damage and arson"];
    assert_eq!(nw("Victim-based crime"), parts.iter().map(|o| nw(o)).sum::<i64>());
    // The fraud bodies publish none of the parts, so they have no total, and fraud is outside it.
    assert_eq!(count("Action Fraud", "Total recorded crime (excluding fraud)", "2018-03"), None);
    assert_eq!(count("Action Fraud", "Action Fraud", "2018-03").map(|v| v > 0), Some(true));
    // Force-level fraud stops after December 2013; negatives are kept and summed.
    assert_eq!(count("North Wales", "Fraud offences", "2013-12"), Some(-120));
    assert_eq!(count("England and Wales", "Fraud offences", "2014-03"), None);
    assert!(count("England and Wales", "Fraud offences", "2013-12").is_some());
}

fn tiny(values: Vec<Option<i64>>, pop: Vec<Option<u64>>) -> BaseData {
    // Two forces in one region; offences: Group > [A, B].
    let area = |code: &str, kind, parent| Area { code: code.into(), name: code.into(), name_cy: None, kind, parent };
    BaseData {
        areas: vec![area("R", AreaKind::Region, None), area("F1", AreaKind::Force, Some(0)), area("F2", AreaKind::Force, Some(0))],
        offences: vec![Offence::new("Group", None, true), Offence::new("A", Some(0), false), Offence::new("B", Some(0), false)],
        periods: vec![ym("2020-03"), ym("2020-06")],
        values,
        population_first_year: 2019,
        population_years: 1,
        population: pop,
    source_note: "test".into(),
    }
}

#[test]
fn a_part_missing_for_one_area_makes_its_total_and_the_area_sum_missing() {
    let n = None;
    // [area][offence][period]; region cells are ignored (derived).
    #[rustfmt::skip]
    let values = vec![
        n, n, n, n, n, n,
        n, n, Some(1), Some(2), n, Some(5),          // F1: A both periods, B only in 2020-06
        n, n, Some(10), n, n, Some(7),               // F2: A missing in 2020-06
    ];
    let d = Dataset::from_base(tiny(values, vec![None, Some(100), None])).unwrap();
    // 2020-03: B is published by nobody, so the group is A alone.
    assert_eq!(d.count(1, 0, 0), Some(1));
    assert_eq!(d.count(2, 0, 0), Some(10));
    assert_eq!(d.count(0, 0, 0), Some(11));
    // 2020-06: A is published (by F1) but missing for F2: F2's group total is missing.
    assert_eq!(d.count(1, 0, 1), Some(7));
    assert_eq!(d.count(2, 0, 1), None);
    assert_eq!(d.count(0, 0, 1), None, "a region with a missing force has no sum");
    assert_eq!(d.count(0, 2, 1), Some(12));
    assert_eq!(d.population(1, 2019), Some(100));
    assert_eq!(d.population(0, 2019), None, "a region with a missing force population has none");
}

#[test]
fn finding_areas_as_people_write_them() {
    let d = ds();
    let code = |q: &str| d.areas()[d.find_area(q).unwrap_or_else(|e| panic!("{e}"))].code.clone();
    assert_eq!(code("London, City of"), code("City of London"));
    assert_eq!(code("city of london police"), "E23000034");
    assert_eq!(code("Devon & Cornwall"), "E23000035");
    assert_eq!(code("North Wales Police"), "W15000001");
    assert_eq!(code("gogledd cymru"), "W15000001");
    assert_eq!(code("w15000001"), "W15000001");
    assert_eq!(code("Swydd Efrog a’r Humber"), "E12000003");
    assert_eq!(code("Essex Constabulary"), code("Essex"));
    // "West Midlands" is a force and a region: the plain name is the force.
    assert_eq!(code("West Midlands"), "E23000014");
    assert_eq!(code("West Midlands Police"), "E23000014");
    assert_eq!(code("West Midlands region"), "E12000005");
    assert_eq!(code("E12000005"), "E12000005");
    let e = d.find_area("Nrth Wales").unwrap_err();
    assert_eq!(e.suggestions.first().map(String::as_str), Some("North Wales"));
    assert!(e.suggestions.len() <= 3);
    assert!(e.to_string().starts_with("No area called 'Nrth Wales'. Did you mean North Wales"), "{e}");
    assert!(d.find_area("zzzzzzzzzzzz").unwrap_err().suggestions.is_empty());
    assert_eq!(d.offences()[d.find_offence("sexual-offences").unwrap()].name, "Sexual offences");
    assert_eq!(d.offences()[d.find_offence("VIOLENCE AGAINST THE PERSON").unwrap()].key, "violence-against-the-person");
    assert!(d.find_offence("Sexual ofences").unwrap_err().suggestions.contains(&"Sexual offences".to_string()));
}

#[test]
fn typeahead_ranks_exact_then_prefix_then_word_then_substring_then_fuzzy() {
    let d = ds();
    let names = |q: &str, lang| d.search_areas(q, lang, 5).iter().map(|&a| d.areas()[a].name.clone()).collect::<Vec<_>>();
    assert_eq!(names("wales", Lang::En)[0], "Wales");
    let w = names("wales", Lang::En);
    assert!(w.contains(&"North Wales".to_string()) && w.contains(&"England and Wales".to_string()), "{w:?}");
    assert_eq!(names("north w", Lang::En)[0], "North Wales");
    assert_eq!(names("gogledd", Lang::Cy)[0], "North Wales");
    assert_eq!(names("yorks", Lang::En)[0], "Yorkshire and The Humber");
    assert_eq!(names("mancheste", Lang::En)[0], "Greater Manchester");
    assert_eq!(names("nottinghamshre", Lang::En)[0], "Nottinghamshire");
    assert!(names("", Lang::En).is_empty());
    assert_eq!(d.search_areas("a", Lang::En, 3).len(), 3);
}

#[test]
fn benchmarks_and_children() {
    let d = ds();
    let name = |v: Vec<usize>| v.into_iter().map(|a| d.areas()[a].name.clone()).collect::<Vec<_>>();
    assert_eq!(name(d.benchmarks(d.find_area("North Wales").unwrap())), ["Wales", "England and Wales"]);
    assert_eq!(name(d.benchmarks(d.find_area("Kent").unwrap())), ["South East", "England", "England and Wales"]);
    assert!(d.benchmarks(d.find_area("British Transport Police").unwrap()).is_empty());
    assert_eq!(d.children(d.find_area("Wales").unwrap()).len(), 4);
    assert_eq!(d.children(d.find_area("England").unwrap()).len(), 9);
}

#[test]
fn decoding_is_fast() {
    let bytes = ds().encode();
    let start = std::time::Instant::now();
    let runs = 5;
    for _ in 0..runs {
        Dataset::decode(&bytes).unwrap();
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("decode + derive: {ms:.2} ms per run ({} bytes)", bytes.len());
    // Generous for unoptimised test builds on a loaded machine; release builds take a few ms.
    assert!(ms < 500.0, "{ms} ms");
}

fn bundled_bytes() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| std::fs::read(format!("{}/data/crime-compare.bin", env!("CARGO_MANIFEST_DIR"))).unwrap())
}

/// Small random datasets: random hierarchy shape, holes, negatives, populations.
fn arb_base() -> impl Strategy<Value = BaseData> {
    (1usize..6, 1usize..5, 1usize..7).prop_flat_map(|(nf, no, np)| {
        let na = nf + 2; // national, one region, nf forces
        (
            prop::collection::vec(prop::option::weighted(0.8, -1000i64..5_000_000), na * no * np),
            prop::collection::vec(prop::option::weighted(0.8, 0u64..10_000_000), na * 3),
            prop::collection::vec(1i32..13, np),
            Just((nf, no, np)),
            "[ -~]{0,20}",
        )
            .prop_map(|(values, population, gaps, (nf, no, np), note)| {
                let mut areas = vec![
                    Area { code: "N".into(), name: "Nation".into(), name_cy: None, kind: AreaKind::National, parent: None },
                    Area { code: "R".into(), name: "Région".into(), name_cy: None, kind: AreaKind::Region, parent: Some(0) },
                ];
                for f in 0..nf {
                    let kind = if f == nf - 1 && nf > 1 { AreaKind::OtherForce } else { AreaKind::Force };
                    let parent = (kind == AreaKind::Force).then_some(1);
                    areas.push(Area { code: format!("F{f}"), name: format!("Force {f}"), name_cy: None, kind, parent });
                }
                let mut offences = vec![Offence::new("Group", None, no > 1)];
                for o in 1..no {
                    offences.push(Offence::new(&format!("Offence {o}"), Some(0), false));
                }
                let mut ord = YearMonth::new(2003, 3).unwrap().ordinal();
                let periods = gaps
                    .iter()
                    .map(|g| {
                        ord += g;
                        YearMonth::from_ordinal(ord).unwrap()
                    })
                    .collect::<Vec<_>>();
                let _ = np;
                BaseData {
                    areas,
                    offences,
                    periods,
                    values,
                    population_first_year: 2011,
                    population_years: 3,
                    population,
                    source_note: note,
                }
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_are_rejected_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        prop_assert!(Dataset::decode(&bytes).is_err());
    }

    #[test]
    fn arbitrary_payload_behind_a_valid_header_is_rejected(body in prop::collection::vec(any::<u8>(), 0..3000)) {
        // A correct header and checksum reach the section parsers with garbage.
        let mut bytes = b"CCDS".to_vec();
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&crime_compare::codec::crc32(&body).to_le_bytes());
        bytes.extend_from_slice(&body);
        let _ = Dataset::decode(&bytes); // must return, Ok or Err, without panicking
    }

    #[test]
    fn truncated_bundle_is_rejected(cut in 0usize..60_000) {
        let b = bundled_bytes();
        let cut = cut % b.len();
        prop_assert!(Dataset::decode(&b[..cut]).is_err());
    }

    #[test]
    fn bit_flipped_bundle_is_rejected(pos in 0usize..(8 * 60_000)) {
        let mut b = bundled_bytes().to_vec();
        let pos = pos % (8 * b.len());
        b[pos / 8] ^= 1 << (pos % 8);
        prop_assert!(Dataset::decode(&b).is_err());
    }

    #[test]
    fn valid_datasets_round_trip(base in arb_base()) {
        let d = Dataset::from_base(base).unwrap();
        let bytes = d.encode();
        let back = Dataset::decode(&bytes).unwrap();
        prop_assert_eq!(back.to_base(), d.to_base());
        prop_assert_eq!(back.encode(), bytes);
        for a in 0..d.areas().len() {
            for o in 0..d.offences().len() {
                prop_assert_eq!(back.counts(a, o), d.counts(a, o));
            }
            prop_assert_eq!(back.population(a, 2012), d.population(a, 2012));
        }
    }
}

#[test]
fn corrupt_headers_are_named() {
    let b = bundled_bytes();
    assert!(Dataset::decode(b"").unwrap_err().to_string().contains("magic"));
    let mut v = b.to_vec();
    v[4] = 9;
    assert!(Dataset::decode(&v).unwrap_err().to_string().contains("version 9"));
    let e = Dataset::decode(&b[..b.len() - 1]).unwrap_err().to_string();
    assert!(e.contains("truncated"), "{e}");
    let mut v = b.to_vec();
    let last = v.len() - 1;
    v[last] ^= 0x40;
    assert!(Dataset::decode(&v).unwrap_err().to_string().contains("checksum"));
}
