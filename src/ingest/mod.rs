//! Building a [`Dataset`] from the published CSV files.
//!
//! Everything here is pure (text in, dataset out) so it can be tested without files; reading
//! files is the CLI's job. Errors name the file, the line and the field.
//!
//! Inputs:
//! * `rec-crime-pfa.csv`: rolling 12-month counts by force and offence (see [`sources::parse_pfa`]).
//! * the ONS mid-year population estimates in long form ([`sources::parse_population`]).
//! * the ONS LAD -> CSP -> PFA lookup ([`sources::parse_lookup`]): force codes, and which local
//!   authorities make up each force and CSP.
//! * optionally, Home Office open-data tables ([`open_data`]): quarterly counts, summed here into
//!   rolling years; CSP-level tables add community safety partnerships as areas.

pub mod csv;
pub mod open_data;
pub mod sources;

use crate::model::{slug, Area, AreaId, AreaKind, BaseData, Dataset, Offence};
use crate::period::YearMonth;
use crate::search::normalise;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    pub file: String,
    /// 1-based; the header is line 1. 0 where no single line is to blame.
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl IngestError {
    pub fn new(file: &str, line: usize, field: &str, message: String) -> IngestError {
        IngestError { file: file.to_string(), line, field: field.to_string(), message }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, line {}, field '{}': {}", self.file, self.line, self.field, self.message)
    }
}

impl std::error::Error for IngestError {}

/// The offence hierarchy: (name, parent, derived). Names of source categories are exactly as in
/// `rec-crime-pfa.csv`; the group totals (derived = true) use the ONS group names and are summed
/// from their children by `Dataset::from_base`. Order here is the order in the dataset.
///
/// * Total recorded crime (excluding fraud) = Victim-based crime + Other crimes against society.
/// * Victim-based crime = Violence against the person + Sexual offences + Robbery + Theft
///   offences + Criminal damage and arson.
/// * Violence against the person = Homicide + Death or serious injury caused by illegal driving
///   + Violence with injury + Violence without injury + Stalking and harassment.
/// * Theft offences = Burglary + Vehicle offences + Theft from the person + Bicycle theft +
///   Shoplifting + All other theft offences.
/// * Burglary = Domestic + Non-domestic burglary (published to 2018; zero from the December 2014
///   reclassification on) + Residential + Non-residential burglary (published from December 2014).
/// * Other crimes against society = Drug offences + Possession of weapons offences + Public
///   order offences + Miscellaneous crimes against society.
///
/// Outside the total: Fraud offences (recorded by forces until December 2013, when Action Fraud
/// took over) and the national fraud bodies' own categories.
pub const OFFENCE_TREE: &[(&str, Option<&str>, bool)] = &[
    ("Total recorded crime (excluding fraud)", None, true),
    ("Victim-based crime", Some("Total recorded crime (excluding fraud)"), true),
    ("Violence against the person", Some("Victim-based crime"), true),
    ("Homicide", Some("Violence against the person"), false),
    ("Death or serious injury caused by illegal driving", Some("Violence against the person"), false),
    ("Violence with injury", Some("Violence against the person"), false),
    ("Violence without injury", Some("Violence against the person"), false),
    ("Stalking and harassment", Some("Violence against the person"), false),
    ("Sexual offences", Some("Victim-based crime"), false),
    ("Robbery", Some("Victim-based crime"), false),
    ("Theft offences", Some("Victim-based crime"), true),
    ("Burglary", Some("Theft offences"), true),
    ("Domestic burglary", Some("Burglary"), false),
    ("Non-domestic burglary", Some("Burglary"), false),
    ("Residential burglary", Some("Burglary"), false),
    ("Non-residential burglary", Some("Burglary"), false),
    ("Vehicle offences", Some("Theft offences"), false),
    ("Theft from the person", Some("Theft offences"), false),
    ("Bicycle theft", Some("Theft offences"), false),
    ("Shoplifting", Some("Theft offences"), false),
    ("All other theft offences", Some("Theft offences"), false),
    ("Criminal damage and arson", Some("Victim-based crime"), false),
    ("Other crimes against society", Some("Total recorded crime (excluding fraud)"), true),
    ("Drug offences", Some("Other crimes against society"), false),
    ("Possession of weapons offences", Some("Other crimes against society"), false),
    ("Public order offences", Some("Other crimes against society"), false),
    ("Miscellaneous crimes against society", Some("Other crimes against society"), false),
    ("Fraud offences", None, false),
    ("Action Fraud", None, false),
    ("CIFAS", None, false),
    ("UK Finance", None, false),
];

/// Project-local code for British Transport Police (no GSS code exists for it).
pub const BTP_CODE: &str = "CC-BTP";
/// Project-local codes for the fraud bodies are `CC-FRAUD-` plus the upper-case slug of the
/// name: `CC-FRAUD-ACTION-FRAUD`, `CC-FRAUD-CIFAS`, `CC-FRAUD-UK-FINANCE`.
pub const FRAUD_CODE_PREFIX: &str = "CC-FRAUD-";
/// Project-local codes for CSPs not found in the lookup: `CC-CSP-` plus the slug of the name.
pub const CSP_CODE_PREFIX: &str = "CC-CSP-";

/// One input file: a name for messages and its text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

#[derive(Clone, Debug)]
pub struct Sources<'a> {
    pub pfa: Source<'a>,
    pub population: Source<'a>,
    pub lookup: Source<'a>,
    pub open_data: Vec<Source<'a>>,
}

pub const SOURCE_NOTE: &str = "Police recorded crime, rolling 12-month totals by police force area \
(Home Office / ONS, as published in early 2019); population: ONS mid-year estimates, MYE23 (July 2024)";

fn err(file: &str, line: usize, field: &str, message: String) -> IngestError {
    IngestError::new(file, line, field, message)
}

/// Maps an open-data offence row to one of our leaf categories: the subgroup if it names one
/// (e.g. "Shoplifting", "Violence with injury"), else the group (e.g. group "Sexual offences"
/// for subgroup "Rape"). Group totals are never targets, so a row that only names a group we
/// derive (e.g. group "Theft offences" with an unknown subgroup) is an error, not a guess.
fn open_data_offence(offences: &[Offence], group: &str, subgroup: &str) -> Option<usize> {
    let leaf = |name: &str| {
        let n = normalise(name);
        offences.iter().position(|o| !o.derived && normalise(&o.name) == n)
    };
    leaf(subgroup).or_else(|| leaf(group))
}

pub fn build(src: &Sources) -> Result<Dataset, IngestError> {
    let lookup = sources::parse_lookup(src.lookup.name, src.lookup.text)?;
    let pop_rows = sources::parse_population(src.population.name, src.population.text)?;
    let pfa_rows = sources::parse_pfa(src.pfa.name, src.pfa.text)?;
    let mut open = Vec::new();
    for s in &src.open_data {
        open.push((s.name, open_data::parse_open_data(s.name, s.text)?));
    }

    // ---- codes for regions and countries, from the population file's own rows
    let pop_name = src.population.name;
    let geo_code = |geo: &str, name: &str| -> Option<String> {
        pop_rows
            .iter()
            .find(|r| r.geography.eq_ignore_ascii_case(geo) && normalise(&r.name) == normalise(name))
            .map(|r| r.code.clone())
    };
    let country = |name: &str| geo_code("Country", name).ok_or_else(|| err(pop_name, 0, "area_name", format!("no Country row for {name}")));
    let (ew_code, en_code, wa_code) = (country("England and Wales")?, country("England")?, country("Wales")?);

    // ---- classify the source's forces
    let pfa_name = src.pfa.name;
    struct SrcForce {
        name: String,
        region: String,
        line: usize,
    }
    let mut src_forces: Vec<SrcForce> = Vec::new();
    for r in &pfa_rows {
        match src_forces.iter().find(|f| f.name == r.force) {
            Some(f) if f.region != r.region => {
                return Err(err(pfa_name, r.line, "Region", format!("{} is in '{}' here but '{}' on line {}", r.force, r.region, f.region, f.line)));
            }
            Some(_) => {}
            None => src_forces.push(SrcForce { name: r.force.clone(), region: r.region.clone(), line: r.line }),
        }
    }
    let mut pfa_codes: BTreeMap<String, String> = BTreeMap::new(); // code -> lookup name
    for l in &lookup {
        pfa_codes.entry(l.pfa_code.clone()).or_insert_with(|| l.pfa_name.clone());
    }

    let mut areas: Vec<Area> = Vec::new();
    let mk = |code: &str, name: &str, kind: AreaKind| Area { code: code.into(), name: name.into(), name_cy: None, kind, parent: None };
    areas.push(mk(&ew_code, "England and Wales", AreaKind::National));
    areas.push(mk(&en_code, "England", AreaKind::Country));
    areas.push(mk(&wa_code, "Wales", AreaKind::Country));
    areas[1].parent = Some(0);
    areas[2].parent = Some(0);
    let (ew, en, wa) = (0usize, 1usize, 2usize);

    // Regions as named in the crime source, coded through the population file.
    let mut regions: BTreeMap<String, String> = BTreeMap::new(); // code -> source name
    let mut forces: Vec<(String, String, AreaKind, Option<String>)> = Vec::new(); // code, name, kind, region code
    for f in &src_forces {
        if let Some(body) = f.region.strip_prefix("Fraud:") {
            let _ = body;
            forces.push((format!("{FRAUD_CODE_PREFIX}{}", slug(&f.name).to_uppercase()), f.name.clone(), AreaKind::FraudBody, None));
        } else if f.region == "British Transport Police" || normalise(&f.name) == "british transport" {
            forces.push((BTP_CODE.to_string(), f.name.clone(), AreaKind::OtherForce, None));
        } else {
            let code = pfa_codes
                .iter()
                .find(|(_, n)| normalise(n) == normalise(&f.name))
                .map(|(c, _)| c.clone())
                .ok_or_else(|| err(pfa_name, f.line, "PFA", format!("unknown force '{}': not in the lookup", f.name)))?;
            let region = if normalise(&f.region) == "wales" {
                None
            } else {
                let rc = geo_code("Region", &f.region)
                    .ok_or_else(|| err(pfa_name, f.line, "Region", format!("unknown region '{}'", f.region)))?;
                regions.entry(rc.clone()).or_insert_with(|| f.region.clone());
                Some(rc)
            };
            forces.push((code, f.name.clone(), AreaKind::Force, region));
        }
    }
    let mut region_ids: HashMap<String, AreaId> = HashMap::new();
    for (code, name) in &regions {
        region_ids.insert(code.clone(), areas.len());
        let mut a = mk(code, name, AreaKind::Region);
        a.parent = Some(en);
        areas.push(a);
    }
    // Forces in code order (the codec predicts from the forces decoded before, and code order
    // puts the Metropolitan Police, E23000001, first), then BTP, then the fraud bodies.
    let rank = |k: AreaKind| match k {
        AreaKind::Force => 0,
        AreaKind::OtherForce => 1,
        _ => 2,
    };
    forces.sort_by(|a, b| (rank(a.2), &a.0).cmp(&(rank(b.2), &b.0)));
    let mut force_ids: HashMap<String, AreaId> = HashMap::new(); // source name -> id
    for (code, name, kind, region) in &forces {
        let mut a = mk(code, name, *kind);
        if *kind == AreaKind::Force {
            a.parent = Some(match region {
                Some(rc) => region_ids[rc],
                None => wa,
            });
        }
        force_ids.insert(name.clone(), areas.len());
        areas.push(a);
    }
    let _ = ew;

    // ---- offences
    let mut offences: Vec<Offence> = Vec::new();
    for (name, parent, derived) in OFFENCE_TREE {
        // OFFENCE_TREE lists parents before children (checked by a unit test).
        let p = parent.and_then(|p| offences.iter().position(|o| o.name == p));
        offences.push(Offence::new(name, p, *derived));
    }
    let offence_id = |name: &str| offences.iter().position(|o| !o.derived && normalise(&o.name) == normalise(name));

    // ---- cells: (area, offence, period) -> (value, file, line)
    let mut cells: HashMap<(AreaId, usize, YearMonth), (i64, String, usize)> = HashMap::new();
    let mut insert = |key: (AreaId, usize, YearMonth), v: i64, file: &str, line: usize, field: &str| -> Result<(), IngestError> {
        if let Some((_, f0, l0)) = cells.get(&key) {
            return Err(err(file, line, field, format!("a second figure for the same area, offence and period (first on {f0} line {l0})")));
        }
        cells.insert(key, (v, file.to_string(), line));
        Ok(())
    };
    for r in &pfa_rows {
        let o = offence_id(&r.offence).ok_or_else(|| err(pfa_name, r.line, "Offence", format!("unknown offence '{}'", r.offence)))?;
        insert((force_ids[&r.force], o, r.period), r.value, pfa_name, r.line, "Rolling year total number of offences")?;
    }

    // ---- open data: quarterly sums, then rolling years
    let force_by_norm: HashMap<String, AreaId> = areas
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(a.kind, AreaKind::Force | AreaKind::OtherForce))
        .map(|(i, a)| (normalise(&a.name), i))
        .collect();
    let mut csp_ids: HashMap<(AreaId, String), AreaId> = HashMap::new();
    let mut csp_lookup_code: HashMap<AreaId, String> = HashMap::new();
    for (file, rows) in &open {
        // (area, offence) -> quarter end -> (sum, first line)
        let mut quarters: BTreeMap<(AreaId, usize), BTreeMap<YearMonth, (i64, usize)>> = BTreeMap::new();
        for r in rows {
            let force = *force_by_norm
                .get(&normalise(&r.force))
                .ok_or_else(|| err(file, r.line, "Force Name", format!("unknown force '{}'", r.force)))?;
            let area = match &r.csp {
                None => force,
                Some(csp) => {
                    let key = (force, normalise(csp));
                    match csp_ids.get(&key) {
                        Some(&id) => id,
                        None => {
                            let fcode = areas[force].code.clone();
                            let hit = lookup.iter().find(|l| l.pfa_code == fcode && normalise(&l.csp_name) == key.1);
                            let code = hit.map(|l| l.csp_code.clone()).unwrap_or_else(|| format!("{CSP_CODE_PREFIX}{}", slug(csp).to_uppercase()));
                            if areas.iter().any(|a| a.code == code) {
                                return Err(err(file, r.line, "CSP Name", format!("'{csp}' gives code {code}, already used by another area")));
                            }
                            let id = areas.len();
                            let mut a = mk(&code, csp, AreaKind::Csp);
                            a.parent = Some(force);
                            areas.push(a);
                            if hit.is_some() {
                                csp_lookup_code.insert(id, code);
                            }
                            csp_ids.insert(key, id);
                            id
                        }
                    }
                }
            };
            let o = open_data_offence(&offences, &r.group, &r.subgroup).ok_or_else(|| {
                err(file, r.line, "Offence Subgroup", format!("'{}' (group '{}') maps to no published category", r.subgroup, r.group))
            })?;
            let q = quarters.entry((area, o)).or_default().entry(r.quarter_end).or_insert((0, r.line));
            q.0 = q.0.checked_add(r.value).ok_or_else(|| err(file, r.line, "Number of Offences", "sum overflows".into()))?;
        }
        // A rolling year needs all four of its quarters; otherwise there is no figure.
        for ((area, o), qs) in &quarters {
            for (&end, &(_, line)) in qs {
                let mut sum = 0i64;
                let mut complete = true;
                for back in 0..4 {
                    match end.minus_months(3 * back).and_then(|q| qs.get(&q)) {
                        Some((v, _)) => sum += v,
                        None => complete = false,
                    }
                }
                if complete {
                    insert((*area, *o, end), sum, file, line, "Number of Offences")?;
                }
            }
        }
    }

    // ---- periods and the dense value table
    let periods: Vec<YearMonth> = cells.keys().map(|k| k.2).collect::<BTreeSet<_>>().into_iter().collect();
    let (na, no, np) = (areas.len(), offences.len(), periods.len());
    if na.saturating_mul(no).saturating_mul(np) > crate::codec::MAX_CELLS {
        return Err(err(pfa_name, 0, "", format!("{na} areas x {no} offences x {np} periods is more than the format holds")));
    }
    let pidx: HashMap<YearMonth, usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut values = vec![None; na * no * np];
    for ((a, o, p), (v, _, _)) in &cells {
        values[(a * no + o) * np + pidx[p]] = Some(*v);
    }

    // ---- population: a force is the sum of its distinct local authorities
    let years: BTreeSet<u16> = pop_rows.iter().map(|r| r.mid_year).collect();
    let first_year = years.iter().next().copied().unwrap_or(0);
    let nyears = years.iter().next_back().map_or(0, |l| (l - first_year) as usize + 1);
    let pop: HashMap<(&str, u16), u64> = pop_rows.iter().map(|r| ((r.code.as_str(), r.mid_year), r.population)).collect();
    let sum_lads = |lads: &BTreeSet<&str>, year: u16| -> Option<u64> {
        if lads.is_empty() {
            return None;
        }
        lads.iter().map(|l| pop.get(&(*l, year)).copied()).sum()
    };
    let mut population = vec![None; na * nyears];
    for (a, area) in areas.iter().enumerate() {
        let lads: BTreeSet<&str> = match area.kind {
            AreaKind::Force => lookup.iter().filter(|l| l.pfa_code == area.code).map(|l| l.lad_code.as_str()).collect(),
            AreaKind::Csp => match csp_lookup_code.get(&a) {
                Some(code) => {
                    let lads: BTreeSet<&str> = lookup.iter().filter(|l| &l.csp_code == code).map(|l| l.lad_code.as_str()).collect();
                    // Only when the CSP is whole local authorities: none of its LADs is shared.
                    let whole = lads.iter().all(|lad| lookup.iter().filter(|l| l.lad_code == *lad).all(|l| &l.csp_code == code));
                    if whole {
                        lads
                    } else {
                        BTreeSet::new()
                    }
                }
                None => BTreeSet::new(),
            },
            _ => BTreeSet::new(),
        };
        for y in 0..nyears {
            population[a * nyears + y] = sum_lads(&lads, first_year + y as u16);
        }
    }

    let mut note = SOURCE_NOTE.to_string();
    if !open.is_empty() {
        note.push_str("; plus Home Office police recorded crime open data (quarterly counts summed to rolling years)");
    }
    let base = BaseData {
        areas,
        offences,
        periods,
        values,
        population_first_year: first_year,
        population_years: nyears,
        population,
        source_note: note,
    };
    Dataset::from_base(base).map_err(|e| err(pfa_name, 0, "", format!("the assembled dataset is inconsistent: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offence_tree_lists_parents_first_and_only_groups_are_parents() {
        for (i, (name, parent, _)) in OFFENCE_TREE.iter().enumerate() {
            if let Some(p) = parent {
                let pi = OFFENCE_TREE.iter().position(|o| o.0 == *p).unwrap();
                assert!(pi < i, "{name}");
                assert!(OFFENCE_TREE[pi].2, "{p} has children so must be derived");
            }
        }
    }
}
