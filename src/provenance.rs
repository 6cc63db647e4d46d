//! The names of the published releases the figures come from, and the dataset's note. Kept
//! apart from the ingest so that the words for them (`i18n`) need nothing above them.

/// The dataset's note: what the populations behind the rates are.
pub const SOURCE_NOTE: &str = "Population: ONS mid-year estimates, MYE23 (July 2024)";

/// The attribution the police force area boundaries need wherever they are shown (map charts
/// and their downloads), as ONS asks for its boundary products. Welsh: `i18n::Key::BoundaryAttribution`.
pub const BOUNDARY_ATTRIBUTION: &str =
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2022.";

/// The release of the rolling file (`rec-crime-pfa.csv`).
pub const PFA_RELEASE: &str = "ONS / Home Office police recorded crime by police force area, rolling 12-month totals, as published in early 2019";

/// How a Home Office open data file is named as a release: its file name, with the release
/// date the Home Office writes at its end (`…-191023.ods` is 19 October 2023) spelled out.
pub fn open_data_release(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.split('.').next().unwrap_or(base);
    match release_date(stem) {
        Some(d) => format!("Home Office police recorded crime open data tables, published {d} ({base})"),
        None => format!("Home Office police recorded crime open data tables ({base})"),
    }
}

const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

fn release_date(stem: &str) -> Option<String> {
    let d = stem.rsplit(['-', '_']).next().filter(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()))?;
    let (dd, mm, yy) = (d[0..2].parse::<u8>().ok()?, d[2..4].parse::<usize>().ok()?, &d[4..6]);
    (1..=31).contains(&dd).then_some(())?;
    Some(format!("{dd} {} 20{yy}", MONTHS.get(mm.checked_sub(1)?)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names_spell_out_the_date_in_the_file_name() {
        assert_eq!(
            open_data_release("target/data/prc-pfa-mar2013-onwards-191023.csv"),
            "Home Office police recorded crime open data tables, published 19 October 2023 (prc-pfa-mar2013-onwards-191023.csv)"
        );
        assert_eq!(open_data_release("mine.ods"), "Home Office police recorded crime open data tables (mine.ods)");
        assert_eq!(open_data_release("x-991399.ods"), "Home Office police recorded crime open data tables (x-991399.ods)");
    }
}
