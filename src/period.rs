//! Rolling 12-month periods, named by the month they end.
//!
//! The source series are rolling 12-month totals: "year ending March 2018" covers April 2017
//! to March 2018. A period is therefore identified by its end month alone, written `YYYY-MM`.
//! Financial years are the periods that end in March.

use std::fmt;

/// The month a rolling 12-month period ends in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct YearMonth {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodParseError(pub String);

impl fmt::Display for PeriodParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a period: write the month the 12 months end in as YYYY-MM, for example 2018-03", self.0)
    }
}

impl std::error::Error for PeriodParseError {}

impl YearMonth {
    pub fn new(year: u16, month: u8) -> Option<YearMonth> {
        if (1..=12).contains(&month) && (1900..=2200).contains(&year) {
            Some(YearMonth { year, month })
        } else {
            None
        }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(text: &str) -> Result<YearMonth, PeriodParseError> {
        let err = || PeriodParseError(text.to_string());
        let t = text.trim();
        let (y, m) = t.split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return Err(err());
        }
        let year: u16 = y.parse().map_err(|_| err())?;
        let month: u8 = m.parse().map_err(|_| err())?;
        YearMonth::new(year, month).ok_or_else(err)
    }

    /// Months since year 0, for arithmetic.
    pub fn ordinal(self) -> i32 {
        self.year as i32 * 12 + (self.month as i32 - 1)
    }

    pub fn from_ordinal(ordinal: i32) -> Option<YearMonth> {
        if ordinal < 0 {
            return None;
        }
        YearMonth::new((ordinal / 12) as u16, (ordinal % 12 + 1) as u8)
    }

    /// The period that ended `months` earlier.
    pub fn minus_months(self, months: i32) -> Option<YearMonth> {
        YearMonth::from_ordinal(self.ordinal() - months)
    }

    /// True for the year ending March: the financial year.
    pub fn is_financial_year(self) -> bool {
        self.month == 3
    }

    /// The ONS mid-year population estimate (30 June) used as the denominator for this period:
    /// the 30 June that falls inside the 12 months. A period ending in June to December of year
    /// Y contains 30 June Y; a period ending in January to May contains 30 June Y-1. So the year
    /// ending March 2018 uses mid-2017 and the year ending December 2018 uses mid-2018.
    pub fn population_mid_year(self) -> u16 {
        if self.month >= 6 {
            self.year
        } else {
            self.year - 1
        }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let p = YearMonth::parse("2018-03").unwrap();
        assert_eq!(p, YearMonth { year: 2018, month: 3 });
        assert_eq!(p.to_string(), "2018-03");
        assert!(YearMonth::parse("2018-13").is_err());
        assert!(YearMonth::parse("18-03").is_err());
        assert!(YearMonth::parse("March 2018").is_err());
    }

    #[test]
    fn population_year_is_the_30_june_inside_the_period() {
        assert_eq!(YearMonth::parse("2018-03").unwrap().population_mid_year(), 2017);
        assert_eq!(YearMonth::parse("2018-06").unwrap().population_mid_year(), 2018);
        assert_eq!(YearMonth::parse("2018-12").unwrap().population_mid_year(), 2018);
    }

    #[test]
    fn year_before() {
        let p = YearMonth::parse("2018-03").unwrap();
        assert_eq!(p.minus_months(12).unwrap().to_string(), "2017-03");
        assert_eq!(YearMonth::parse("2018-01").unwrap().minus_months(1).unwrap().to_string(), "2017-12");
    }
}
