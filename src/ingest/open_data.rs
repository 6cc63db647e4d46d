//! The Home Office "police recorded crime open data" tables (force or CSP level, quarterly).
//!
//! Columns: `Financial Year, Financial Quarter, Force Name, [CSP Name,] Offence Description,
//! Offence Group, Offence Subgroup, Offence Code, Number of Offences`. Financial Year is written
//! `2021/22`; quarter 1 is April to June, so quarter q of 2021/22 ends in June, September,
//! December 2021 or March 2022.
//!
//! Counts are kept as published, including negative ones: the rolling-year series built from the
//! same recording system has negative adjustments, so a negative quarterly count is taken to be
//! a real adjustment too (not verified against a real open-data file, which is not held here).

use super::csv;
use super::sources::parse_int;
use super::IngestError;
use crate::period::YearMonth;

#[derive(Debug, Clone)]
pub struct OpenRow {
    pub line: usize,
    /// The month the quarter ends.
    pub quarter_end: YearMonth,
    pub force: String,
    /// Present in the CSP-level tables only.
    pub csp: Option<String>,
    pub description: String,
    pub group: String,
    pub subgroup: String,
    pub code: String,
    pub value: i64,
}

fn parse_financial_year(file: &str, line: usize, text: &str) -> Result<u16, IngestError> {
    let err = || IngestError::new(file, line, "Financial Year", format!("'{text}' is not a financial year written like 2021/22"));
    let (a, b) = text.trim().split_once('/').ok_or_else(err)?;
    let start: u16 = a.parse().map_err(|_| err())?;
    if a.len() != 4 || !(1900..2200).contains(&start) {
        return Err(err());
    }
    let end: u16 = b.parse().map_err(|_| err())?;
    let ok = match b.len() {
        2 => end == (start + 1) % 100,
        4 => end == start + 1,
        _ => false,
    };
    if !ok {
        return Err(err());
    }
    Ok(start)
}

pub fn parse_open_data(file: &str, text: &str) -> Result<Vec<OpenRow>, IngestError> {
    let t = csv::parse(file, text)?;
    let c_fy = t.column("Financial Year")?;
    let c_q = t.column("Financial Quarter")?;
    let c_force = t.column("Force Name")?;
    let c_csp = t.optional_column("CSP Name");
    let c_desc = t.column("Offence Description")?;
    let c_group = t.column("Offence Group")?;
    let c_sub = t.column("Offence Subgroup")?;
    let c_code = t.column("Offence Code")?;
    let c_n = t.column("Number of Offences")?;
    let mut out = Vec::with_capacity(t.rows.len());
    let mut seen = std::collections::HashSet::new();
    for r in &t.rows {
        let f = &r.fields;
        let start = parse_financial_year(file, r.line, &f[c_fy])?;
        let q = parse_int(&t, r.line, "Financial Quarter", &f[c_q])?;
        let quarter_end = match q {
            1 => YearMonth::new(start, 6),
            2 => YearMonth::new(start, 9),
            3 => YearMonth::new(start, 12),
            4 => YearMonth::new(start + 1, 3),
            _ => None,
        }
        .ok_or_else(|| IngestError::new(file, r.line, "Financial Quarter", format!("'{}' is not a quarter 1 to 4", f[c_q])))?;
        let force = f[c_force].trim().to_string();
        if force.is_empty() {
            return Err(IngestError::new(file, r.line, "Force Name", "is empty".into()));
        }
        let csp = c_csp.map(|c| f[c].trim().to_string());
        if csp.as_deref() == Some("") {
            return Err(IngestError::new(file, r.line, "CSP Name", "is empty".into()));
        }
        let code = f[c_code].trim().to_string();
        let key = (quarter_end, force.to_lowercase(), csp.clone().map(|c| c.to_lowercase()), code.clone());
        if !seen.insert(key) {
            return Err(IngestError::new(
                file,
                r.line,
                "Offence Code",
                format!("a second row for offence code {code} in {force}{} for the quarter ending {quarter_end}", csp.as_ref().map(|c| format!(" / {c}")).unwrap_or_default()),
            ));
        }
        out.push(OpenRow {
            line: r.line,
            quarter_end,
            force,
            csp,
            description: f[c_desc].trim().to_string(),
            group: f[c_group].trim().to_string(),
            subgroup: f[c_sub].trim().to_string(),
            code,
            value: parse_int(&t, r.line, "Number of Offences", &f[c_n])?,
        });
    }
    Ok(out)
}
