//! Parsers for the three ONS/Home Office files the bundled dataset is built from. Each takes the
//! file name (for error messages) and its text, and returns typed rows.

use super::csv::{self, Table};
use super::IngestError;
use crate::period::YearMonth;

/// One row of `rec-crime-pfa.csv`.
#[derive(Debug, Clone)]
pub struct PfaRow {
    pub line: usize,
    pub period: YearMonth,
    pub force: String,
    pub region: String,
    pub offence: String,
    /// May be negative: the source has 25 negative adjustments, kept as published.
    pub value: i64,
}

pub(crate) fn parse_int(t: &Table, line: usize, field: &str, text: &str) -> Result<i64, IngestError> {
    let s = text.trim();
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IngestError::new(&t.file, line, field, format!("'{text}' is not a whole number")));
    }
    s.parse::<i64>()
        .ok()
        .filter(|v| v.unsigned_abs() <= crate::model::MAX_ABS_COUNT as u64)
        .ok_or_else(|| IngestError::new(&t.file, line, field, format!("'{text}' is out of range")))
}

/// The source writes period ends as `dd-mm-yyyy` (or `dd/mm/yyyy` in its twin file). Only the
/// month and year matter: the December 2017 quarter is written `30-12-2017`.
fn parse_period_end(t: &Table, line: usize, field: &str, text: &str) -> Result<YearMonth, IngestError> {
    let err = || IngestError::new(&t.file, line, field, format!("'{text}' is not a date written dd-mm-yyyy"));
    let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return Err(err());
    }
    let day: u8 = parts[0].parse().map_err(|_| err())?;
    let month: u8 = parts[1].parse().map_err(|_| err())?;
    let year: u16 = parts[2].parse().map_err(|_| err())?;
    if !(1..=31).contains(&day) {
        return Err(err());
    }
    YearMonth::new(year, month).ok_or_else(err)
}

pub fn parse_pfa(file: &str, text: &str) -> Result<Vec<PfaRow>, IngestError> {
    let t = csv::parse(file, text)?;
    let (c_end, c_pfa, c_reg, c_off, c_val) = (
        t.column("12 months ending")?,
        t.column("PFA")?,
        t.column("Region")?,
        t.column("Offence")?,
        t.column("Rolling year total number of offences")?,
    );
    let mut out = Vec::with_capacity(t.rows.len());
    for r in &t.rows {
        let f = &r.fields;
        for (c, name) in [(c_pfa, "PFA"), (c_reg, "Region"), (c_off, "Offence")] {
            if f[c].trim().is_empty() {
                return Err(IngestError::new(file, r.line, name, "is empty".into()));
            }
        }
        out.push(PfaRow {
            line: r.line,
            period: parse_period_end(&t, r.line, "12 months ending", &f[c_end])?,
            force: f[c_pfa].trim().to_string(),
            region: f[c_reg].trim().to_string(),
            offence: f[c_off].trim().to_string(),
            value: parse_int(&t, r.line, "Rolling year total number of offences", &f[c_val])?,
        });
    }
    Ok(out)
}

/// One row of the long population CSV.
#[derive(Debug, Clone)]
pub struct PopRow {
    pub line: usize,
    pub code: String,
    pub name: String,
    pub geography: String,
    pub mid_year: u16,
    pub population: u64,
}

pub fn parse_population(file: &str, text: &str) -> Result<Vec<PopRow>, IngestError> {
    let t = csv::parse(file, text)?;
    let (c_code, c_name, c_geo, c_year, c_pop) = (
        t.column("area_code")?,
        t.column("area_name")?,
        t.column("geography")?,
        t.column("mid_year")?,
        t.column("population")?,
    );
    let mut out = Vec::with_capacity(t.rows.len());
    let mut seen = std::collections::HashSet::new();
    for r in &t.rows {
        let f = &r.fields;
        let year = parse_int(&t, r.line, "mid_year", &f[c_year])?;
        if !(1900..=2200).contains(&year) {
            return Err(IngestError::new(file, r.line, "mid_year", format!("{year} is not a plausible year")));
        }
        let pop = parse_int(&t, r.line, "population", &f[c_pop])?;
        if pop < 0 {
            return Err(IngestError::new(file, r.line, "population", format!("{pop} is negative")));
        }
        let code = f[c_code].trim().to_string();
        if code.is_empty() {
            return Err(IngestError::new(file, r.line, "area_code", "is empty".into()));
        }
        if !seen.insert((code.clone(), year)) {
            return Err(IngestError::new(file, r.line, "area_code", format!("{code} mid-{year} appears twice")));
        }
        out.push(PopRow {
            line: r.line,
            code,
            name: f[c_name].trim().to_string(),
            geography: f[c_geo].trim().to_string(),
            mid_year: year as u16,
            population: pop as u64,
        });
    }
    Ok(out)
}

/// One row of the LAD -> CSP -> PFA lookup.
#[derive(Debug, Clone)]
pub struct LookupRow {
    pub line: usize,
    pub lad_code: String,
    pub lad_name: String,
    pub csp_code: String,
    pub csp_name: String,
    pub pfa_code: String,
    pub pfa_name: String,
}

pub fn parse_lookup(file: &str, text: &str) -> Result<Vec<LookupRow>, IngestError> {
    let t = csv::parse(file, text)?;
    let cols = ["LAD23CD", "LAD23NM", "CSP23CD", "CSP23NM", "PFA23CD", "PFA23NM"];
    let mut idx = [0usize; 6];
    for (i, c) in cols.iter().enumerate() {
        idx[i] = t.column(c)?;
    }
    let mut out = Vec::with_capacity(t.rows.len());
    let mut seen = std::collections::HashSet::new();
    for r in &t.rows {
        let get = |i: usize| r.fields[idx[i]].trim().to_string();
        for (i, c) in cols.iter().enumerate() {
            if get(i).is_empty() {
                return Err(IngestError::new(file, r.line, c, "is empty".into()));
            }
        }
        if !seen.insert((get(0), get(2))) {
            return Err(IngestError::new(file, r.line, "CSP23CD", format!("{} / {} appears twice", get(0), get(2))));
        }
        out.push(LookupRow {
            line: r.line,
            lad_code: get(0),
            lad_name: get(1),
            csp_code: get(2),
            csp_name: get(3),
            pfa_code: get(4),
            pfa_name: get(5),
        });
    }
    Ok(out)
}
