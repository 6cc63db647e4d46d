//! The one place numbers are formatted for people to read.
//!
//! English and Welsh use the same conventions (comma thousands separator, full stop decimal
//! point), so `Lang` is accepted for future languages but does not change the digits today.
//! Negative numbers use the real minus sign (U+2212), which screen readers announce as
//! "minus" and which lines up with the plus sign in a column.

use crate::i18n::Lang;

/// The real minus sign.
pub const MINUS: char = '\u{2212}';

/// Shown where a value is missing: an en dash, never a zero.
pub const MISSING: &str = "\u{2013}";

/// Groups the digits of a non-negative integer string in threes: "3016" → "3,016".
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` fixed decimal places and a thousands separator: 4.38, 12,345.6.
/// Non-finite input gives the missing-value dash rather than "NaN".
pub fn decimal(value: f64, decimals: usize, _lang: Lang) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    let decimals = decimals.min(6);
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    // "-0" and "-0.00" read as noise: only signal a minus when the rounded value is non-zero.
    let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::new();
    if negative {
        out.push(MINUS);
    }
    out.push_str(&group(int_part));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A whole number with thousands separators: "3,016".
pub fn integer(value: f64, lang: Lang) -> String {
    decimal(value, 0, lang)
}

/// A rate per 1,000 people, always with two decimals so a column of rates lines up: "4.38".
pub fn rate(value: f64, lang: Lang) -> String {
    decimal(value, 2, lang)
}

/// A percentage's magnitude rounded the way a news story quotes it: whole numbers, half away
/// from zero (12.5% is "13%", as ONS and the news write it, not the "12%" of round-half-to-even).
fn percent_whole(value: f64, lang: Lang) -> String {
    integer(value.abs().round(), lang)
}

/// A signed percentage change for tables and tooltips: "+53%", "−12%", "0%". A change that
/// would round to 0 but is not zero keeps one decimal ("+0.3%"), and one too small even for
/// that is "+<0.1%", so "0%" never hides a real change.
pub fn percent_change(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    let magnitude = value.abs();
    let digits = if magnitude == 0.0 {
        "0".to_string()
    } else if magnitude < 0.05 {
        "<0.1".to_string()
    } else if magnitude < 0.5 {
        decimal((magnitude * 10.0).round() / 10.0, 1, lang)
    } else {
        percent_whole(magnitude, lang)
    };
    let sign = if magnitude == 0.0 {
        ""
    } else if value > 0.0 {
        "+"
    } else {
        "\u{2212}"
    };
    format!("{sign}{digits}%")
}

/// An unsigned percentage, for prose that already says "up" or "down": "53%". A non-zero
/// change that rounds to 0 is "less than 0.5%"; in Welsh "lai na 0.5%", the soft-mutated form
/// that follows "cynnydd o" / "gostyngiad o", the only place the widget puts it.
pub fn percent(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && magnitude.round() == 0.0 {
        return match lang {
            Lang::En => "less than 0.5%".to_string(),
            Lang::Cy => "lai na 0.5%".to_string(),
        };
    }
    format!("{}%", percent_whole(magnitude, lang))
}

/// Decimal places needed to tell ticks `step` apart: 0 for 1, 2, 5 and up; 1 for 0.5 and 2.5;
/// 2 for 0.25 and 0.05.
pub fn decimals_for_step(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 {
        return 0;
    }
    (0..4)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(3)
}

/// An axis tick label. Full numbers with separators ("150,000") rather than "150k": the
/// chart's readers are the public, and crime counts are quoted in full in the news.
pub fn tick(value: f64, step: f64, lang: Lang) -> String {
    decimal(value, decimals_for_step(step), lang)
}

/// An axis tick label for a percentage-change axis: "+20%", "0%", "−10%".
pub fn tick_percent(value: f64, step: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    let body = decimal(value.abs(), decimals_for_step(step), lang);
    let sign = if value.abs() < step.abs() * 1e-6 {
        ""
    } else if value > 0.0 {
        "+"
    } else {
        "\u{2212}"
    };
    format!("{sign}{body}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    const EN: Lang = Lang::En;

    #[test]
    fn integers_have_separators_and_a_real_minus() {
        assert_eq!(integer(3016.0, EN), "3,016");
        assert_eq!(integer(1234567.0, EN), "1,234,567");
        assert_eq!(integer(999.4, EN), "999");
        assert_eq!(integer(-1200.0, EN), "\u{2212}1,200");
        assert_eq!(integer(-0.2, EN), "0");
        assert_eq!(integer(f64::NAN, EN), MISSING);
        assert_eq!(integer(3016.0, Lang::Cy), "3,016");
    }

    #[test]
    fn rates_and_percentages() {
        assert_eq!(rate(4.3765, EN), "4.38");
        assert_eq!(rate(1234.5, EN), "1,234.50");
        assert_eq!(percent_change(53.4, EN), "+53%");
        assert_eq!(percent_change(-12.0, EN), "\u{2212}12%");
        assert_eq!(percent_change(0.0, EN), "0%");
        assert_eq!(percent_change(0.3, EN), "+0.3%");
        assert_eq!(percent(-12.0, EN), "12%");
        // Half away from zero, never to even.
        assert_eq!(percent(12.5, EN), "13%");
        assert_eq!(percent(-2.5, EN), "3%");
        assert_eq!(percent_change(12.5, EN), "+13%");
        assert_eq!(percent_change(-0.5, EN), "\u{2212}1%");
        // A real change never shows as zero.
        assert_eq!(percent(0.035, EN), "less than 0.5%");
        assert_eq!(percent(0.035, Lang::Cy), "lai na 0.5%");
        assert_eq!(percent(0.0, EN), "0%");
        assert_eq!(percent_change(0.035, EN), "+<0.1%");
        assert_eq!(percent_change(-0.25, EN), "\u{2212}0.3%");
    }

    #[test]
    fn ticks() {
        assert_eq!(tick(150000.0, 50000.0, EN), "150,000");
        assert_eq!(tick(2.5, 2.5, EN), "2.5");
        assert_eq!(tick(0.0, 0.25, EN), "0.00");
        assert_eq!(tick_percent(-10.0, 10.0, EN), "\u{2212}10%");
        assert_eq!(tick_percent(0.0, 10.0, EN), "0%");
        assert_eq!(tick_percent(20.0, 10.0, EN), "+20%");
    }
}
