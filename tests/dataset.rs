//! The bundled dataset against its sources, the derivation rules, and the codec's robustness.

use crime_compare::i18n::Lang;
use crime_compare::ingest::{self, Source, Sources};
use crime_compare::model::{Area, AreaKind, BaseData, BreakReason, Dataset, Offence};
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

/// The committed Home Office quarterly table, decompressed.
fn quarterly_text() -> &'static str {
    static T: OnceLock<String> = OnceLock::new();
    T.get_or_init(|| {
        use std::io::Read;
        let gz = std::fs::read(format!("{}/data/{QUARTERLY}.gz", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
        text
    })
}

const QUARTERLY: &str = "prc-pfa-mar2013-onwards-191023.csv";
/// The police force area boundaries, as `make data` passes them (`--boundaries`).
const BOUNDARIES: &str = "data/boundaries/PFA_DEC_2022_EW_BUC_V2";

/// The dataset built from the committed sources, as `make data` builds it.
fn built() -> &'static Dataset {
    static B: OnceLock<Dataset> = OnceLock::new();
    B.get_or_init(|| {
        let (pfa, pop, lookup) = (read("data/rec-crime-pfa.csv"), read("data/population.csv"), read("data/lookup.csv"));
        let open = format!("target/data/{QUARTERLY}");
        let ds = ingest::build(&Sources {
            pfa: Source { name: "data/rec-crime-pfa.csv", text: &pfa },
            population: Source { name: "data/population.csv", text: &pop },
            lookup: Source { name: "data/lookup.csv", text: &lookup },
            open_data: vec![ingest::open_data::OpenTable::from_csv(&open, quarterly_text()).unwrap()],
        })
        .unwrap();
        let bytes = |ext: &str| std::fs::read(format!("{}/{BOUNDARIES}.{ext}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let shp = format!("{BOUNDARIES}.shp");
        let (g, _) = ingest::boundaries::build(&shp, &bytes("shp"), Some(&bytes("shx")), &bytes("dbf"), &ds).unwrap();
        ds.with_geometry(g)
    })
}

fn join() -> YearMonth {
    ym("2013-03")
}

/// Every one of the 46,469 rows of the rolling file before the join (the year ending March
/// 2013), parsed here independently of the ingest code (the file has no quoted fields), must
/// come back exactly from the bundled dataset; later rows are superseded by the quarterly table.
#[test]
fn bundled_dataset_reproduces_every_source_row_before_the_join() {
    let d = ds();
    let text = read("data/rec-crime-pfa.csv");
    let (mut n, mut kept) = (0, 0);
    let (mut areas, mut offences) = (std::collections::HashMap::new(), std::collections::HashMap::new());
    let mut negatives = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.trim_end_matches('\r').split(',').collect();
        assert_eq!(f.len(), 5, "{line}");
        let date: Vec<&str> = f[0].split('-').collect();
        let period = YearMonth::new(date[2].parse().unwrap(), date[1].parse().unwrap()).unwrap();
        n += 1;
        if period >= join() {
            continue;
        }
        let a = *areas.entry(f[1].to_string()).or_insert_with(|| d.find_area(f[1]).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(d.areas()[a].name, f[1]);
        assert!(!d.areas()[a].kind.is_aggregate(), "{line}: matched a region, not the force");
        let o = *offences.entry(f[3].to_string()).or_insert_with(|| d.find_offence(f[3]).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(d.offences()[o].name, f[3]);
        let p = d.period_index(period).unwrap();
        let v: i64 = f[4].parse().unwrap();
        assert_eq!(d.count(a, o, p), Some(v), "{line}");
        assert_eq!(d.period_releases(p), vec![ingest::PFA_RELEASE], "{line}");
        negatives += (v < 0) as usize;
        kept += 1;
    }
    assert_eq!(n, 46_469);
    assert!(kept > 20_000, "{kept}");
    assert!(negatives > 0, "the source's negative adjustments are kept");
}

/// Walks the whole quarterly table, parsed here independently: every row's force, code and
/// quarter is found, and every rolling year of every force and code is the exact sum of its
/// four quarters (no figure only where the code is out of use: before its first or after its
/// last non-zero quarter nationally).
#[test]
fn every_rolling_year_is_the_exact_sum_of_four_quarters_of_the_quarterly_table() {
    use std::collections::{BTreeSet, HashMap};
    let d = ds();
    let mut q: HashMap<(usize, usize, YearMonth), i64> = HashMap::new();
    let mut national_nonzero: HashMap<usize, (YearMonth, YearMonth)> = HashMap::new();
    let mut rows = 0;
    let mut area_cache: HashMap<String, usize> = HashMap::new();
    let mut code_cache: HashMap<String, usize> = HashMap::new();
    for line in quarterly_text().lines().skip(1) {
        // Force names hold commas ("London, City of") and are then quoted.
        let f: Vec<String> = split_csv(line);
        assert_eq!(f.len(), 8, "{line}");
        let start: u16 = f[0][..4].parse().unwrap();
        let quarter = match f[1].as_str() {
            "1" => ym(&format!("{start}-06")),
            "2" => ym(&format!("{start}-09")),
            "3" => ym(&format!("{start}-12")),
            "4" => ym(&format!("{}-03", start + 1)),
            other => panic!("quarter {other}"),
        };
        let a = *area_cache.entry(f[2].clone()).or_insert_with(|| d.find_area(&f[2]).unwrap_or_else(|e| panic!("{line}: {e}")));
        assert!(!d.areas()[a].kind.is_aggregate(), "{line}");
        let code = ingest::normalise_code(&f[6]);
        let o = *code_cache.entry(code.clone()).or_insert_with(|| {
            let mut hits = (0..d.offences().len()).filter(|&o| d.offences()[o].code.as_deref() == Some(code.as_str()));
            let o = hits.next().unwrap_or_else(|| panic!("{line}: no offence has code {code}"));
            assert!(hits.next().is_none(), "{line}: two offences have code {code}");
            o
        });
        let v: i64 = f[7].parse().unwrap();
        assert!(q.insert((a, o, quarter), v).is_none(), "{line}: twice");
        if v != 0 {
            let e = national_nonzero.entry(o).or_insert((quarter, quarter));
            e.0 = e.0.min(quarter);
            e.1 = e.1.max(quarter);
        }
        rows += 1;
    }
    assert_eq!(rows, 258_905);
    let first = d.period_index(join()).unwrap();
    let mut checked = 0;
    let series: BTreeSet<(usize, usize)> = q.keys().map(|&(a, o, _)| (a, o)).collect();
    for &(a, o) in &series {
        for p in first..d.periods().len() {
            let end = d.periods()[p];
            let quarters: Vec<YearMonth> = (0..4).map(|k| end.minus_months(3 * k).unwrap()).collect();
            let in_use = national_nonzero.get(&o).is_some_and(|&(lo, hi)| quarters.iter().all(|x| *x >= lo && *x <= hi));
            let sum: Option<i64> = quarters.iter().map(|x| q.get(&(a, o, *x)).copied()).sum();
            let expected = if in_use { sum } else { None };
            assert_eq!(d.count(a, o, p), expected, "{} {} {end}", d.areas()[a].name, d.offences()[o].name);
            checked += 1;
        }
    }
    assert!(checked > 300_000, "{checked}");
}

fn split_csv(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn committed_dataset_files_are_what_the_build_produces() {
    let committed = std::fs::read(format!("{}/data/crime-compare.bin", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let built = built();
    assert!(built.encode() == committed, "data/crime-compare.bin is stale: run `make data` (see data/PROVENANCE.md)");
    let dir = format!("{}/pkg/data", env!("CARGO_MANIFEST_DIR"));
    let files = built.encode_split();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    let mut names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    names.sort();
    assert_eq!(on_disk, names, "pkg/data/ is stale: run `make data`");
    for f in &files {
        assert!(std::fs::read(format!("{dir}/{}", f.name)).unwrap() == f.bytes, "pkg/data/{} is stale: run `make data`", f.name);
    }
    // The split files decode to exactly the same dataset.
    let split = Dataset::decode_with(&files[0].bytes, |name| Ok(files.iter().find(|f| f.name == name).unwrap().bytes.clone())).unwrap();
    assert!(split.to_base() == built.to_base());
    assert!(split.geometry().is_some() && split.geometry() == built.geometry() && ds().geometry() == built.geometry());
}

#[test]
fn a_split_dataset_has_no_figures_until_they_are_supplied() {
    let files = built().encode_split();
    let d = Dataset::from_index(&files[0].bytes).unwrap();
    let (nw, sex) = (d.find_area("North Wales").unwrap(), d.find_offence("Sexual offences").unwrap());
    let p = d.period_index(ym("2022-03")).unwrap();
    assert_eq!(d.count(nw, sex, p), None);
    assert!(!d.has_figures(sex));
    let name = d.figures_file(sex).unwrap().to_string();
    let bytes = &files.iter().find(|f| f.name == name).unwrap().bytes;
    // A damaged file is refused and changes nothing.
    let mut bad = bytes.clone();
    bad[0] ^= 1;
    assert!(d.supply(sex, &bad).unwrap_err().to_string().contains("checksum"));
    assert!(d.supply(sex, &bytes[1..]).is_err());
    assert_eq!(d.count(nw, sex, p), None);
    d.supply(sex, bytes).unwrap();
    assert_eq!(d.count(nw, sex, p), Some(2_672));
    assert_eq!(d.figures_file(sex), None);
    assert_eq!(d.count(d.find_area("England and Wales").unwrap(), sex, p), Some(191_889));
}

#[test]
fn shape_of_the_bundled_dataset() {
    let d = ds();
    assert_eq!(d.periods()[0], ym("2003-03"));
    assert_eq!(*d.periods().last().unwrap(), ym("2023-06"));
    // Quarterly from the year ending March 2013 to June 2023: 42 rolling years.
    assert_eq!(d.periods().iter().filter(|p| **p >= join()).count(), 42);
    assert!(d.period_index(ym("2017-12")).is_some());
    let kinds = |k: AreaKind| d.areas().iter().filter(|a| a.kind == k).count();
    assert_eq!(kinds(AreaKind::Force), 43);
    assert_eq!(kinds(AreaKind::Region), 9);
    assert_eq!(kinds(AreaKind::Country), 2);
    assert_eq!(kinds(AreaKind::National), 1);
    assert_eq!(kinds(AreaKind::OtherForce), 1);
    assert_eq!(kinds(AreaKind::FraudBody), 3);
    // Every Home Office offence code is an offence (a few categories are one code each).
    assert!(d.offences().iter().filter(|o| o.code.is_some()).count() >= 190);
    assert_eq!(d.releases().len(), 2);
    assert!(d.releases()[1].contains("19 October 2023"), "{}", d.releases()[1]);
    let yh = d.find_area("E12000003").unwrap();
    assert_eq!(d.areas()[yh].name, "Yorkshire and The Humber");
    let nw = d.find_area("W15000001").unwrap();
    assert_eq!(d.areas()[nw].name, "North Wales");
    assert_eq!(d.areas()[nw].display_name(Lang::Cy), "Gogledd Cymru");
    assert!(d.source_note().contains("MYE23"));
    assert!(d.releases()[0].contains("early 2019"));
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
    // Sexual offences, year ending March 2022 (the quarterly table's PROVENANCE): every row sums
    // to 193,514; the 43 territorial forces give 191,889, the England and Wales figure here;
    // British Transport Police is the rest.
    assert_eq!(count("England and Wales", "Sexual offences", "2022-03"), Some(191_889));
    assert_eq!(count("British Transport Police", "Sexual offences", "2022-03"), Some(193_514 - 191_889));
    // Before the join, from the rolling file: 148,976 of 150,798 in the year ending March 2012.
    let wales: i64 = ["North Wales", "Gwent", "South Wales", "Dyfed-Powys"]
        .iter()
        .map(|f| count(f, "Sexual offences", "2012-03").unwrap())
        .sum();
    assert_eq!(count("Wales", "Sexual offences", "2012-03"), Some(wales));
    let e = count("England", "Sexual offences", "2012-03").unwrap();
    assert_eq!(Some(e + wales), count("England and Wales", "Sexual offences", "2012-03"));
}

#[test]
fn derived_offence_totals() {
    let kent = |o: &str, p: &str| count("Kent", o, p);
    // Before the join: the rolling file's categories and their sums.
    let nw = |o: &str| count("North Wales", o, "2012-12").unwrap();
    assert_eq!(nw("Total recorded crime (excluding fraud)"), nw("Victim-based crime") + nw("Other crimes against society"));
    let parts = ["Violence against the person", "Sexual offences", "Robbery", "Theft offences", "Criminal damage and arson"];
    assert_eq!(nw("Victim-based crime"), parts.iter().map(|o| nw(o)).sum::<i64>());
    assert_eq!(count("North Wales", "Rape offences", "2012-12"), None, "no subgroup before the quarterly table");
    // From the join: categories are sums of their codes.
    for p in ["2013-03", "2016-09", "2023-06"] {
        let parts = ["Harassment", "Stalking", "Racially or religiously aggravated harassment", "Malicious Communications", "Controlling and coercive behaviour"];
        let sum: i64 = parts.iter().filter_map(|o| count("North Wales", o, p)).sum();
        assert_eq!(count("North Wales", "Stalking and harassment", p), Some(sum), "{p}");
        assert_eq!(count("North Wales", "Sexual offences", p), Some(count("North Wales", "Rape offences", p).unwrap() + count("North Wales", "Other sexual offences", p).unwrap()));
    }
    // Burglary: the old classification's codes end in March 2017, the new start in April 2017;
    // a year that spans the change has no figure for either part, but burglary as a whole has one.
    assert!(kent("Domestic burglary", "2017-03").is_some());
    assert_eq!(kent("Domestic burglary", "2017-06"), None);
    assert_eq!(kent("Residential burglary", "2017-12"), None);
    assert!(kent("Residential burglary", "2018-03").is_some());
    assert!(kent("Burglary", "2017-09").is_some());
    let four = ["Domestic burglary", "Non-domestic burglary", "Residential burglary", "Non-residential burglary"];
    for p in ["2016-03", "2019-03"] {
        assert_eq!(kent("Burglary", p).unwrap(), four.iter().filter_map(|o| kent(o, p)).sum::<i64>(), "{p}");
    }
    // The fraud bodies publish none of the parts, so they have no total, and fraud is outside it.
    assert_eq!(count("Action Fraud", "Total recorded crime (excluding fraud)", "2018-03"), None);
    assert_eq!(count("Action Fraud", "Action Fraud", "2018-03").map(|v| v > 0), Some(true));
    // Force-level fraud: the quarterly table has it for 2012/13 only.
    assert!(count("North Wales", "Fraud offences", "2013-03").is_some());
    assert_eq!(count("England and Wales", "Fraud offences", "2013-06"), None);
}

#[test]
fn breaks_are_data() {
    let d = ds();
    let (kent, nw) = (d.find_area("Kent").unwrap(), d.find_area("North Wales").unwrap());
    let pi = |p: &str| d.period_index(ym(p)).unwrap();
    let burglary = d.find_offence("Burglary").unwrap();
    // The 2017 reclassification moved codes within burglary: years ending June 2017 to March
    // 2018 mix the two classifications.
    let b = d.break_between(kent, burglary, pi("2017-03"), pi("2018-03")).expect("burglary breaks in 2017");
    assert_eq!(b.reason, BreakReason::Reclassified);
    assert_eq!(b.period, pi("2017-06"));
    assert_eq!(d.break_between(kent, burglary, pi("2019-03"), pi("2020-03")), None);
    // A category whose codes did not change has no break between two later years.
    let robbery = d.find_offence("Robbery").unwrap();
    assert_eq!(d.break_between(nw, robbery, pi("2019-06"), pi("2023-06")), None);
    // The fraud bodies: Financial Fraud Action UK's code gave way to UK Finance's in 2017.
    let (ukf_area, ukf) = (d.find_area("UK Finance").unwrap(), d.find_offence("UK Finance").unwrap());
    let b = d.break_between(ukf_area, ukf, pi("2017-03"), pi("2018-06"));
    assert_eq!(b.map(|b| b.reason), Some(BreakReason::RecordingBody));
    // The join of the two releases is a break wherever they disagree in the year ending March
    // 2013, and an aggregate has the breaks of the forces it sums.
    let sex = d.find_offence("Sexual offences").unwrap();
    let text = read("data/rec-crime-pfa.csv");
    let ons = |a: &str| -> i64 {
        let row = text.lines().find(|l| l.starts_with("31-03-2013,") && l.contains(&format!(",{a},")) && l.contains(",Sexual offences,")).unwrap();
        row.trim_end().rsplit(',').next().unwrap().parse().unwrap()
    };
    for force in ["North Wales", "Kent", "Gwent", "Essex", "Surrey"] {
        let a = d.find_area(force).unwrap();
        let differs = ons(force) != d.count(a, sex, pi("2013-03")).unwrap();
        let at_join = d.breaks(a, sex).iter().any(|b| b.period == pi("2013-03") && b.reason == BreakReason::NewRelease);
        assert_eq!(differs, at_join, "{force}");
        if at_join {
            let wales_or_region = d.areas()[a].parent.unwrap();
            assert!(d.breaks(wales_or_region, sex).iter().any(|b| b.period == pi("2013-03")));
        }
    }
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
        releases: vec!["test release".into()],
        period_releases: vec![1, 1],
        breaks: vec![],
        geometry: None,
    }
}

#[test]
fn an_area_missing_for_one_force_makes_the_area_sum_missing() {
    let n = None;
    // [area][offence][period]; region cells are ignored (derived).
    #[rustfmt::skip]
    let values = vec![
        Some(99), n, n, n, n, n,
        Some(8), n, Some(1), Some(2), n, Some(5),
        Some(11), n, Some(10), n, n, Some(7),
    ];
    let d = Dataset::from_base(tiny(values, vec![None, Some(100), None])).unwrap();
    // Offence totals are stored as built; the region is the sum of its forces.
    assert_eq!(d.count(0, 0, 0), Some(19), "the region's own cell is ignored and derived");
    assert_eq!(d.count(0, 1, 1), None, "a region with a missing force has no sum");
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
    // Codes and the names of codes: "Stalking" is code 8Q, not the subgroup.
    assert_eq!(d.offences()[d.find_offence("8l").unwrap()].name, "Harassment");
    assert_eq!(d.offences()[d.find_offence("Stalking").unwrap()].code.as_deref(), Some("8Q"));
    assert_eq!(d.offences()[d.find_offence("Stalking and harassment").unwrap()].code, None);
    assert_eq!(d.find_offence("Aflonyddu").unwrap(), d.find_offence("8L").unwrap());
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
                BaseData {
                    areas,
                    offences,
                    periods,
                    values,
                    population_first_year: 2011,
                    population_years: 3,
                    population,
                    source_note: note,
                    releases: vec!["r".into()],
                    period_releases: vec![1; np],
                    breaks: vec![],
                    geometry: None,
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
