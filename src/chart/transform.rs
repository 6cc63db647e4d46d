//! Derived series for the Change chart. Both return `None` wherever the answer is not known:
//! a missing input, a missing or zero base. A gap is honest; a zero would be a claim.

use crate::period::YearMonth;

/// A finite value or nothing: NaN and infinities from upstream become gaps.
pub fn clean(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

/// Each value as an index with the value at `base` = 100.
pub fn index_to_base(values: &[Option<f64>], base: usize) -> Vec<Option<f64>> {
    let base_value = values.get(base).copied().and_then(clean).filter(|b| *b != 0.0);
    values
        .iter()
        .map(|v| match (clean(*v), base_value) {
            (Some(v), Some(b)) => Some(v / b * 100.0),
            _ => None,
        })
        .collect()
}

/// Percentage change on the period that ended 12 months earlier, found by its month (the
/// series switches from annual to quarterly points, so "4 points back" would be wrong).
/// A base that is zero or negative gives `None`: a percentage of it means nothing.
pub fn year_on_year(values: &[Option<f64>], periods: &[YearMonth]) -> Vec<Option<f64>> {
    (0..values.len())
        .map(|i| {
            let now = clean(values[i])?;
            let earlier = periods.get(i)?.minus_months(12)?;
            let j = periods.iter().position(|p| *p == earlier)?;
            let before = clean(*values.get(j)?)?;
            (before > 0.0).then(|| (now - before) / before * 100.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: u16, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn index_handles_missing_and_zero_bases() {
        let v = [Some(50.0), Some(100.0), None, Some(0.0)];
        assert_eq!(index_to_base(&v, 0), vec![Some(100.0), Some(200.0), None, Some(0.0)]);
        assert_eq!(index_to_base(&v, 2), vec![None; 4]);
        assert_eq!(index_to_base(&v, 3), vec![None; 4]);
        assert_eq!(index_to_base(&v, 99), vec![None; 4]);
    }

    #[test]
    fn year_on_year_matches_by_month_not_position() {
        // Annual points to 2007, then quarterly: 2007-06 has no point 12 months before it.
        let periods = [ym(2006, 3), ym(2007, 3), ym(2007, 6), ym(2007, 9), ym(2007, 12), ym(2008, 3), ym(2008, 6)];
        let values = [Some(100.0), Some(150.0), Some(1.0), Some(1.0), Some(1.0), Some(75.0), Some(2.0)];
        let yoy = year_on_year(&values, &periods);
        assert_eq!(yoy[1], Some(50.0));
        assert_eq!(yoy[2], None);
        assert_eq!(yoy[5], Some(-50.0));
        assert_eq!(yoy[6], Some(100.0));
        assert_eq!(yoy[0], None);
    }
}
