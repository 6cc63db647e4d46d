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

#[cfg(not(target_arch = "wasm32"))]
pub mod boundaries;
pub mod csv;
pub mod open_data;
pub mod quarterly;
pub mod sources;
#[cfg(not(target_arch = "wasm32"))]
pub mod workbook;

use crate::model::{slug, Area, AreaId, AreaKind, BaseData, BreakReason, Dataset, Offence, StoredBreak};
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
    /// The workbook sheet, for a spreadsheet; then `line` is the sheet's row number and `field`
    /// its column's header.
    pub sheet: Option<String>,
}

impl IngestError {
    pub fn new(file: &str, line: usize, field: &str, message: String) -> IngestError {
        IngestError { file: file.to_string(), line, field: field.to_string(), message, sheet: None }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "{}, sheet '{sheet}', row {}, column '{}': {}", self.file, self.line, self.field, self.message),
            None => write!(f, "{}, line {}, field '{}': {}", self.file, self.line, self.field, self.message),
        }
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
    ("Sexual offences", Some("Victim-based crime"), true),
    ("Robbery", Some("Victim-based crime"), true),
    ("Theft offences", Some("Victim-based crime"), true),
    ("Burglary", Some("Theft offences"), true),
    ("Domestic burglary", Some("Burglary"), false),
    ("Non-domestic burglary", Some("Burglary"), false),
    ("Residential burglary", Some("Burglary"), false),
    ("Non-residential burglary", Some("Burglary"), false),
    ("Vehicle offences", Some("Theft offences"), true),
    ("Theft from the person", Some("Theft offences"), false),
    ("Bicycle theft", Some("Theft offences"), false),
    ("Shoplifting", Some("Theft offences"), false),
    ("All other theft offences", Some("Theft offences"), false),
    ("Criminal damage and arson", Some("Victim-based crime"), true),
    ("Other crimes against society", Some("Total recorded crime (excluding fraud)"), true),
    ("Drug offences", Some("Other crimes against society"), true),
    ("Possession of weapons offences", Some("Other crimes against society"), false),
    ("Public order offences", Some("Other crimes against society"), false),
    ("Miscellaneous crimes against society", Some("Other crimes against society"), false),
    ("Fraud offences", None, false),
    ("Action Fraud", None, false),
    ("CIFAS", None, false),
    ("UK Finance", None, false),
    // Home Office subgroups finer than the categories above (from the year ending March 2013).
    ("Rape offences", Some("Sexual offences"), true),
    ("Other sexual offences", Some("Sexual offences"), true),
    ("Robbery of business property", Some("Robbery"), true),
    ("Robbery of personal property", Some("Robbery"), true),
    ("Theft from a vehicle", Some("Vehicle offences"), true),
    ("Theft of a motor vehicle", Some("Vehicle offences"), true),
    ("Vehicle interference", Some("Vehicle offences"), true),
    ("Arson", Some("Criminal damage and arson"), true),
    ("Criminal damage", Some("Criminal damage and arson"), true),
    ("Possession of drugs", Some("Drug offences"), true),
    ("Trafficking of drugs", Some("Drug offences"), true),
];

pub use crate::provenance::{open_data_release, PFA_RELEASE};

/// Offence codes with the float artefacts of some copies undone (`37.200000000000003` is 37.2).
pub use open_data::normalise_offence_code as normalise_code;

/// The order codes are listed in: by their leading number, then as text (1, 4.1, 4.10, 8L, 8M, 10A …).
fn code_order(code: &str) -> (u32, String) {
    let digits: String = code.chars().take_while(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(u32::MAX), code.to_string())
}

/// The category of the hierarchy a code belongs to, from its (latest) group and subgroup.
/// Burglary's subgroups hold both the old and the 2017 classification's codes: a "residential"
/// code is residential burglary, a "business and community" code non-residential burglary.
fn category_of(tree: &[Offence], group: &str, subgroup: &str, description: &str) -> Option<usize> {
    let find = |name: &str| tree.iter().position(|o| normalise(&o.name) == normalise(name));
    let sub = normalise(subgroup);
    let desc = description.to_lowercase();
    let name = match sub.as_str() {
        "death or serious injury unlawful driving" => "Death or serious injury caused by illegal driving",
        "domestic burglary" if desc.contains("residential") => "Residential burglary",
        "non domestic burglary" if desc.contains("business and community") => "Non-residential burglary",
        "other theft offences" => "All other theft offences",
        "fraud offences to 2012 13" => "Fraud offences",
        "fraud action fraud" => "Action Fraud",
        "fraud cifas" => "CIFAS",
        "fraud financial fraud action uk" | "fraud uk finance" => "UK Finance",
        // A subgroup the hierarchy does not have (an older or finer name) goes to its group.
        _ => return find(subgroup).or_else(|| find(group)),
    };
    find(name)
}

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
    /// Home Office open data tables, already read (see [`open_data::read_open_data`]).
    pub open_data: Vec<open_data::OpenTable>,
}

pub use crate::provenance::SOURCE_NOTE;

fn err(file: &str, line: usize, field: &str, message: String) -> IngestError {
    IngestError::new(file, line, field, message)
}

pub fn build(src: &Sources) -> Result<Dataset, IngestError> {
    let lookup = sources::parse_lookup(src.lookup.name, src.lookup.text)?;
    let pop_rows = sources::parse_population(src.population.name, src.population.text)?;
    let pfa_rows = sources::parse_pfa(src.pfa.name, src.pfa.text)?;
    let open: Vec<(&str, &[open_data::OpenRow])> = src.open_data.iter().map(|t| (t.name.as_str(), t.rows.as_slice())).collect();

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

    // ---- offences: the hierarchy, then the open data's codes under it
    let mut offences: Vec<Offence> = Vec::new();
    for (name, parent, derived) in OFFENCE_TREE {
        // OFFENCE_TREE lists parents before children (checked by a unit test).
        let p = parent.and_then(|p| offences.iter().position(|o| o.name == p));
        offences.push(Offence::new(name, p, *derived));
    }
    let tree_len = offences.len();
    let tree_norm: Vec<String> = offences.iter().map(|o| normalise(&o.name)).collect();
    let offence_id = |_: &[Offence], name: &str| {
        let n = normalise(name);
        tree_norm.iter().position(|t| *t == n)
    };

    // ---- the rolling file's cells: (area, offence, period) -> (value, line)
    let mut ons: HashMap<(AreaId, usize, YearMonth), (i64, usize)> = HashMap::new();
    let mut by_name: HashMap<&str, Option<usize>> = HashMap::new();
    for r in &pfa_rows {
        let o = *by_name.entry(r.offence.as_str()).or_insert_with(|| offence_id(&offences, &r.offence));
        let o = o
            .ok_or_else(|| err(pfa_name, r.line, "Offence", format!("unknown offence '{}'", r.offence)))?;
        if let Some((_, l0)) = ons.insert((force_ids[&r.force], o, r.period), (r.value, r.line)) {
            return Err(err(pfa_name, r.line, "Rolling year total number of offences", format!("a second figure for the same area, offence and period (first on line {l0})")));
        }
    }

    // ---- open data: areas (forces, CSPs) and codes
    let force_by_norm: HashMap<String, AreaId> = areas
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(a.kind, AreaKind::Force | AreaKind::OtherForce | AreaKind::FraudBody))
        .map(|(i, a)| (normalise(&a.name), i))
        .collect();
    let mut csp_ids: HashMap<(AreaId, String), AreaId> = HashMap::new();
    let mut csp_lookup_code: HashMap<AreaId, String> = HashMap::new();
    // Files in release order: the one reaching the latest quarter last, so it supersedes.
    let mut order: Vec<usize> = (0..open.len()).collect();
    order.sort_by_key(|&i| (open[i].1.iter().map(|r| r.quarter_end).max(), i));
    struct CodeRow {
        area: AreaId,
        code: usize,
        quarter: YearMonth,
        value: i64,
    }
    struct CodeInfo {
        code: String,
        description: String,
        node: usize,
        latest: YearMonth,
    }
    let mut codes: Vec<CodeInfo> = Vec::new();
    let mut code_index: HashMap<String, usize> = HashMap::new();
    let mut code_rows: Vec<(usize, CodeRow)> = Vec::new(); // (release, row)
    let mut seen_quarters: BTreeSet<YearMonth> = BTreeSet::new();
    let mut areas_with_open: BTreeSet<AreaId> = BTreeSet::new();
    let mut categories: HashMap<(String, String, String), usize> = HashMap::new();
    let mut force_cache: HashMap<String, AreaId> = HashMap::new();
    for (release, &fi) in order.iter().enumerate() {
        let (file, rows) = (&open[fi].0, open[fi].1);
        for r in rows {
            let force = match force_cache.get(&r.force) {
                Some(&f) => f,
                None => {
                    let f = open_data::lookup_force_name(&r.force, force_by_norm.keys().map(String::as_str))
                        .and_then(|n| force_by_norm.get(n).copied())
                        .ok_or_else(|| err(file, r.line, "Force Name", format!("unknown force '{}'", r.force)))?;
                    force_cache.insert(r.force.clone(), f);
                    f
                }
            };
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
            let code_key = normalise_code(&r.code);
            if code_key.is_empty() {
                return Err(err(file, r.line, "Offence Code", "is empty".into()));
            }
            seen_quarters.insert(r.quarter_end);
            areas_with_open.insert(area);
            let cat_key = (r.group.clone(), r.subgroup.clone(), r.description.clone());
            let node = match categories.get(&cat_key) {
                Some(&n) => n,
                None => {
                    let n = category_of(&offences[..tree_len], &r.group, &r.subgroup, &r.description).ok_or_else(|| {
                        err(file, r.line, "Offence Subgroup", format!("'{}' (group '{}') is no category of the offence hierarchy", r.subgroup, r.group))
                    })?;
                    categories.insert(cat_key, n);
                    n
                }
            };
            let ci = match code_index.get(&code_key) {
                Some(&ci) => ci,
                None => {
                    codes.push(CodeInfo { code: code_key.clone(), description: r.description.clone(), node, latest: r.quarter_end });
                    code_index.insert(code_key, codes.len() - 1);
                    codes.len() - 1
                }
            };
            // The latest sheet names and places the code.
            if r.quarter_end > codes[ci].latest || (r.quarter_end == codes[ci].latest && codes[ci].node != node) {
                codes[ci].description = r.description.clone();
                codes[ci].node = node;
                codes[ci].latest = r.quarter_end;
            }
            code_rows.push((release, CodeRow { area, code: ci, quarter: r.quarter_end, value: r.value }));
        }
    }
    // Codes as offences, under their categories; a category of one code is that code.
    let mut code_offence = vec![0usize; codes.len()];
    for node in 0..tree_len {
        let mine: Vec<usize> = (0..codes.len()).filter(|&c| codes[c].node == node).collect();
        if mine.len() == 1 {
            offences[node].code = Some(codes[mine[0]].code.clone());
            code_offence[mine[0]] = node;
            continue;
        }
        let mut sorted = mine;
        sorted.sort_by(|&a, &b| code_order(&codes[a].code).cmp(&code_order(&codes[b].code)));
        for c in sorted {
            code_offence[c] = offences.len();
            // A code named like a category or another code ("Homicide", the 2012/13 code for
            // all four homicide offences) is told apart by its code.
            let mut name = codes[c].description.clone();
            let clash = |n: &str| offences.iter().any(|o| normalise(&o.name) == normalise(n)) || codes.iter().enumerate().any(|(k, x)| k != c && normalise(&x.description) == normalise(n));
            if clash(&name) {
                name = format!("{name} (code {})", codes[c].code);
            }
            offences.push(Offence::new(&name, Some(node), false).with_code(Some(codes[c].code.clone())));
        }
    }
    let no = offences.len();
    let quarters = quarterly::Quarters::new(&seen_quarters);
    let nq = quarters.ends.len();
    let na = areas.len();
    let mut series: Vec<quarterly::CodeSeries> = (0..codes.len()).map(|c| quarterly::CodeSeries { offence: code_offence[c], values: vec![None; na * nq] }).collect();
    // Later releases overwrite earlier ones; within one release, a second row for the same
    // area, code and quarter is an error (CSP rows of one force are summed: that is the force).
    let mut written: HashMap<(AreaId, usize, YearMonth), usize> = HashMap::new();
    for (release, r) in &code_rows {
        let q = quarters.index(r.quarter).unwrap_or(0);
        let cell = &mut series[r.code].values[r.area * nq + q];
        match written.insert((r.area, r.code, r.quarter), *release) {
            Some(prev) if prev == *release => {
                let f = &open[order[*release]].0;
                return Err(err(f, 0, "Offence Code", format!("two rows for code {} in {} for the quarter ending {}", codes[r.code].code, areas[r.area].name, r.quarter)));
            }
            _ => *cell = Some(r.value),
        }
    }
    let base_areas: Vec<usize> = (0..na).filter(|&a| !areas[a].kind.is_aggregate()).collect();
    let fraud_bodies: Vec<usize> = ["Action Fraud", "CIFAS", "UK Finance"].iter().filter_map(|n| offence_id(&offences, n)).collect();
    let rolled = quarterly::roll(&offences, &series, &quarters, na, &base_areas, |o| fraud_bodies.contains(&o));

    // ---- periods: the rolling file's before the join, the open data's from it
    let join = rolled.periods.first().copied();
    let mut period_set: BTreeSet<YearMonth> = rolled.periods.iter().copied().collect();
    for &(a, _, p) in ons.keys() {
        if join.map_or(true, |j| p < j) || !areas_with_open.contains(&a) {
            period_set.insert(p);
        }
    }
    let periods: Vec<YearMonth> = period_set.into_iter().collect();
    let np = periods.len();
    if na.saturating_mul(no).saturating_mul(np) > crate::codec::MAX_CELLS {
        return Err(err(pfa_name, 0, "", format!("{na} areas x {no} offences x {np} periods is more than the format holds")));
    }
    let pidx: HashMap<YearMonth, usize> = periods.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let superseded = |a: AreaId, p: YearMonth| join.is_some_and(|j| p >= j) && areas_with_open.contains(&a);

    // The rolling file's figures, then its categories' totals from their parts (bottom up).
    let mut values: Vec<Option<i64>> = vec![None; na * no * np];
    for (&(a, o, p), &(v, _)) in &ons {
        if !superseded(a, p) {
            values[(a * no + o) * np + pidx[&p]] = Some(v);
        }
    }
    let depth = |mut o: usize| {
        let mut d = 0;
        while let Some(p) = offences[o].parent {
            d += 1;
            o = p;
        }
        d
    };
    let mut by_depth: Vec<usize> = (0..tree_len).collect();
    by_depth.sort_by_key(|&o| std::cmp::Reverse(depth(o)));
    for &o in &by_depth {
        let parts: Vec<usize> = (0..tree_len).filter(|&k| offences[k].parent == Some(o)).collect();
        if parts.is_empty() {
            continue;
        }
        for p in 0..np {
            // Parts the rolling file has for some area in this period: a part not published at
            // all (a category that did not exist yet) contributes nothing.
            let published: Vec<usize> = parts.iter().copied().filter(|&k| base_areas.iter().any(|&a| values[(a * no + k) * np + p].is_some())).collect();
            if published.is_empty() {
                continue; // the category's own figure, if the file has one
            }
            for &a in &base_areas {
                if superseded(a, periods[p]) {
                    continue;
                }
                let sum = published.iter().try_fold(0i64, |s, &k| values[(a * no + k) * np + p].and_then(|v| s.checked_add(v)));
                values[(a * no + o) * np + p] = sum;
            }
        }
    }
    // The open data's figures from the join on.
    let rnp = rolled.periods.len();
    for &a in areas_with_open.iter() {
        for o in 0..no {
            for (rp, period) in rolled.periods.iter().enumerate() {
                values[(a * no + o) * np + pidx[period]] = rolled.values[(a * no + o) * rnp + rp];
            }
        }
    }

    // ---- breaks: the open data's, and the join wherever the two releases disagree
    let mut breaks: Vec<StoredBreak> = rolled
        .breaks
        .iter()
        .map(|b| StoredBreak { period: pidx[&rolled.periods[b.period]], ..*b })
        .collect();
    if let Some(j) = join {
        let jp = pidx[&j];
        for &a in areas_with_open.iter() {
            for o in 0..tree_len {
                let old = ons.get(&(a, o, j)).map(|x| x.0).or_else(|| {
                    // A category the rolling file only has as a sum of its parts.
                    let parts: Vec<usize> = (0..tree_len).filter(|&k| offences[k].parent == Some(o)).collect();
                    (!parts.is_empty() && parts.iter().any(|k| ons.contains_key(&(a, *k, j)))).then(|| parts.iter().filter_map(|k| ons.get(&(a, *k, j)).map(|x| x.0)).sum())
                });
                let had_before = (0..jp).any(|p| values[(a * no + o) * np + p].is_some());
                let new = values[(a * no + o) * np + jp];
                if had_before && old != new {
                    breaks.push(StoredBreak { offence: o, area: Some(a), period: jp, reason: BreakReason::NewRelease });
                }
            }
        }
    }
    breaks.sort_by_key(|b| (b.offence, b.period, b.area.map_or(0, |a| a + 1)));

    // ---- releases: the rolling file, then each open data file in release order
    let mut releases: Vec<String> = vec![PFA_RELEASE.to_string()];
    for &fi in &order {
        releases.push(open_data_release(&open[fi].0));
    }
    // Which releases each quarter's figures come from (after superseding).
    let mut quarter_releases: HashMap<YearMonth, u32> = HashMap::new();
    for ((_, _, q), release) in &written {
        *quarter_releases.entry(*q).or_default() |= 1 << release;
    }
    let mut period_releases = vec![0u32; np];
    for (p, period) in periods.iter().enumerate() {
        let mut mask = 0u32;
        if base_areas.iter().any(|&a| !superseded(a, *period) && (0..no).any(|o| values[(a * no + o) * np + p].is_some())) {
            mask |= 1;
        }
        if rolled.periods.contains(period) {
            for k in 0..4 {
                if let Some(q) = period.minus_months(3 * k) {
                    mask |= quarter_releases.get(&q).copied().unwrap_or(0) << 1;
                }
            }
        }
        period_releases[p] = mask;
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

    let note = SOURCE_NOTE.to_string();
    let base = BaseData {
        areas,
        offences,
        periods,
        values,
        population_first_year: first_year,
        population_years: nyears,
        population,
        source_note: note,
        releases,
        period_releases,
        breaks,
        geometry: None,
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
