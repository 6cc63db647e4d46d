//! Axis ticks: "nice" value ticks and a time axis placed by month.

use crate::i18n::Lang;
use crate::period::YearMonth;

/// Value ticks covering a domain.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueTicks {
    /// The axis runs from `min` to `max`; both are ticks.
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub values: Vec<f64>,
}

/// Nice ticks (1, 2, 2.5 or 5 × 10ⁿ) covering `[lo, hi]` with at most `max_count` ticks
/// (at least 2). Degenerate input (lo == hi, NaN, infinite) gives a sensible small axis.
pub fn nice_ticks(lo: f64, hi: f64, max_count: usize) -> ValueTicks {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() { (lo.min(hi), lo.max(hi)) } else { (0.0, 1.0) };
    if hi - lo < 1e-9 * hi.abs().max(1.0) {
        // A flat series: open the axis around the value so the line is not on an edge.
        if lo == 0.0 {
            hi = 1.0;
        } else if lo > 0.0 {
            lo = 0.0;
        } else {
            hi = 0.0;
        }
    }
    let max_count = max_count.max(2);
    let span = hi - lo;
    let raw = span / (max_count - 1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut step = magnitude * 10.0;
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let s = m * magnitude;
        let n = ((hi / s).ceil() - (lo / s).floor()) as usize + 1;
        if n <= max_count {
            step = s;
            break;
        }
    }
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    // Bounded: at most max_count + a few, since step was chosen for that.
    let count = ((last - first) as usize).min(1000);
    let values: Vec<f64> = (0..=count).map(|i| (first + i as f64) * step).map(|v| if v == 0.0 { 0.0 } else { v }).collect();
    ValueTicks { min: first * step, max: last * step, step, values }
}

/// A labelled point on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeTick {
    /// Months since year 0 (see [`YearMonth::ordinal`]).
    pub ordinal: i32,
    pub label: String,
}

/// Ticks for a time axis from `first` to `last` (month ordinals), `width` px wide.
///
/// Over more than two years the ticks sit at 1 January of round years ("2005", "2010"), the
/// convention for a time axis, every 1, 2, 5, 10 or 20 years: the smallest interval whose
/// labels stay `gap` px apart. Over shorter spans each period gets a "Mar 2018" label, thinned
/// the same way. `measure` gives a label's width in px.
pub fn time_ticks(
    periods: &[YearMonth],
    width: f64,
    lang: Lang,
    measure: &dyn Fn(&str) -> f64,
    gap: f64,
) -> Vec<TimeTick> {
    let (first, last) = match (periods.iter().min(), periods.iter().max()) {
        (Some(a), Some(b)) => (a.ordinal(), b.ordinal()),
        _ => return Vec::new(),
    };
    let span = (last - first) as f64;
    if span <= 0.0 {
        return vec![TimeTick { ordinal: first, label: crate::i18n::period_short(periods[0], lang) }];
    }
    let px_per_month = width / span;
    if span > 24.0 {
        let label_w = measure("2000") + gap;
        let every = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|&k| k as f64 * 12.0 * px_per_month >= label_w)
            .unwrap_or(100);
        let first_year = (first + 11) / 12; // the first 1 January inside the axis
        let last_year = last / 12;
        let mut ticks: Vec<TimeTick> = (first_year..=last_year)
            .filter(|y| y % every == 0)
            .map(|y| TimeTick { ordinal: y * 12, label: y.to_string() })
            .collect();
        if ticks.is_empty() {
            ticks.push(TimeTick { ordinal: first_year * 12, label: first_year.to_string() });
        }
        ticks
    } else {
        let mut sorted: Vec<YearMonth> = periods.to_vec();
        crate::util::sort(&mut sorted);
        sorted.dedup();
        let labels: Vec<TimeTick> = sorted
            .iter()
            .map(|p| TimeTick { ordinal: p.ordinal(), label: crate::i18n::period_short(*p, lang) })
            .collect();
        let widest = labels.iter().map(|t| measure(&t.label)).fold(0.0, f64::max) + gap;
        // Keep a label only when it is far enough from the last one kept.
        let mut kept: Vec<TimeTick> = Vec::new();
        for t in labels {
            let far = kept.last().map_or(true, |k| (t.ordinal - k.ordinal) as f64 * px_per_month >= widest);
            if far {
                kept.push(t);
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        let t = nice_ticks(0.0, 3016.0, 6);
        assert_eq!(t.step, 1000.0);
        assert_eq!(t.values, vec![0.0, 1000.0, 2000.0, 3000.0, 4000.0]);
        let t = nice_ticks(0.0, 4.38, 6);
        assert_eq!(t.step, 1.0);
        let t = nice_ticks(-12.0, 53.0, 5);
        assert_eq!(t.step, 20.0);
        assert!(t.min <= -12.0 && t.max >= 53.0);
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.min <= 5.0 && t.max > 5.0);
        let t = nice_ticks(f64::NAN, 1.0, 5);
        assert!(t.values.len() >= 2);
    }

    #[test]
    fn year_ticks_thin_on_narrow_axes() {
        let periods: Vec<YearMonth> = (2003..=2018).map(|y| YearMonth::new(y, 3).unwrap()).collect();
        let m = |s: &str| crate::chart::metrics::text_width(s, 12.0, false);
        let wide = time_ticks(&periods, 900.0, Lang::En, &m, 12.0);
        let narrow = time_ticks(&periods, 200.0, Lang::En, &m, 12.0);
        assert!(wide.len() > narrow.len());
        assert!(narrow.iter().all(|t| t.ordinal % 12 == 0));
        assert_eq!(narrow.first().unwrap().label, "2005");
    }
}
