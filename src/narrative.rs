//! Sentences about the figures, written the way local news reports them:
//! "North Wales Police recorded 3,016 sexual offences in the year ending March 2018, up 53%
//! from 1,966 the year before, the highest figure in this series, which began in 2003."
//!
//! Every claim is proved from the data or left out. Comparisons are with the same month in
//! earlier years (a year ending March with earlier years ending March), and a missing year
//! stops a "highest since" claim: if 2009 is missing we cannot know 2009 was lower.
//!
//! The Welsh avoids constructions that would need a numeral to mutate the following noun:
//! "Nifer y troseddau rhywiol a gofnodwyd gan Heddlu Gogledd Cymru yn y flwyddyn yn gorffen
//! Mawrth 2018 oedd 3,016, …" puts the number last.

use crate::chart::{ChartInput, ChartKind};
use crate::format;
use crate::i18n::{self, Key, Lang};
use crate::period::YearMonth;

/// What kind of area the sentence is about: it decides who "recorded" the figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectKind {
    /// A police force: "North Wales Police recorded …" / "… gan Heddlu Gogledd Cymru".
    Force,
    /// Wales, England, England and Wales, a region: "Police in Wales recorded …".
    Aggregate,
    /// A community safety partnership or other local area: "Police recorded … in Cardiff".
    Local,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NarrativeInput<'a> {
    /// The area's name in the sentence's language ("North Wales" / "Gogledd Cymru").
    pub subject: &'a str,
    pub subject_kind: SubjectKind,
    /// The English offence name ("Sexual offences"); its slug finds the Welsh name.
    pub offence: &'a str,
    pub periods: &'a [YearMonth],
    /// Counts, one per period.
    pub values: &'a [Option<f64>],
    /// The period to describe; `None` for the latest with a value.
    pub period: Option<usize>,
    /// Offences per 1,000 people at that period, only where a population estimate exists.
    pub rate_per_1000: Option<f64>,
    pub lang: Lang,
}

fn value_at(values: &[Option<f64>], i: usize) -> Option<f64> {
    values.get(i).copied().flatten().filter(|v| v.is_finite())
}

/// Organisations keep their capitals mid-sentence.
const PROPER: [&str; 3] = ["Action Fraud", "CIFAS", "UK Finance"];

/// Lower-cases the first letter for use mid-sentence, except for proper names and acronyms.
pub fn lower_first(name: &str) -> String {
    let name = name.trim();
    if PROPER.iter().any(|p| name.starts_with(p)) || name.split_whitespace().next().is_some_and(|w| w.len() > 1 && w.chars().all(|c| c.is_uppercase())) {
        return name.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => crate::case::lower(c).chain(chars).collect(),
        None => String::new(),
    }
}

/// "3,016 sexual offences", "3,729 offences of stalking and harassment".
fn offence_phrase_en(offence: &str, count: f64) -> String {
    let n = format::integer(count, Lang::En);
    let one = n == "1";
    let lower = lower_first(offence);
    let slug = i18n::offence_slug(offence);
    let (singular, plural) = match slug.as_str() {
        "total-recorded-crime-excluding-fraud" => ("crime (excluding fraud)".to_string(), "crimes (excluding fraud)".to_string()),
        "victim-based-crime" => ("victim-based crime".into(), "victim-based crimes".into()),
        "action-fraud" | "cifas" | "uk-finance" => {
            let verb = if slug == "action-fraud" { "reported to" } else { "reported by" };
            (format!("fraud offence {verb} {offence}"), format!("fraud offences {verb} {offence}"))
        }
        _ if lower.ends_with("offences") || lower.ends_with("crimes against society") => {
            let s = lower.strip_suffix("offences").map(|b| format!("{b}offence")).unwrap_or_else(|| lower.replacen("crimes", "crime", 1));
            (s, lower.clone())
        }
        _ => (format!("offence of {lower}"), format!("offences of {lower}")),
    };
    format!("{n} {}", if one { singular } else { plural })
}

/// "troseddau rhywiol" from "Troseddau rhywiol"; "troseddau stelcian ac aflonyddu" from
/// "Stelcian ac aflonyddu"; an offence without a Welsh name is quoted in English inside a
/// Welsh frame: "troseddau yn y categori 'Homicide'".
fn offences_cy(offence: &str) -> String {
    let slug = i18n::offence_slug(offence);
    let welsh = i18n::offence_name(&slug, "", Lang::Cy);
    if welsh.is_empty() {
        return format!("troseddau yn y categori '{}'", offence.trim());
    }
    let lower = lower_first(&welsh);
    if lower.starts_with("troseddau ") {
        lower
    } else {
        format!("troseddau {lower}")
    }
}

/// Who recorded the figures, in Welsh, after "a gofnodwyd". Welsh place names after "yn"
/// take a nasal mutation, so the common aggregates are listed in their mutated form and
/// anything else is framed as "yn ardal {name}", where no mutation is needed.
fn recorder_cy(subject: &str, kind: SubjectKind) -> String {
    match kind {
        SubjectKind::Force if subject.contains("Heddlu") || subject.contains("Police") => format!("gan {subject}"),
        SubjectKind::Force => format!("gan Heddlu {subject}"),
        SubjectKind::Aggregate => match subject {
            "Cymru" => "gan yr heddlu yng Nghymru".into(),
            "Cymru a Lloegr" => "gan yr heddlu yng Nghymru a Lloegr".into(),
            "Lloegr" => "gan yr heddlu yn Lloegr".into(),
            _ => format!("gan yr heddlu yn ardal {subject}"),
        },
        SubjectKind::Local => format!("gan yr heddlu yn ardal {subject}"),
    }
}

/// A record claim, proved from the same-month values of earlier years.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Record {
    HighestInSeries { began: u16 },
    LowestInSeries { began: u16 },
    HighestSince(u16),
    LowestSince(u16),
    /// Below an earlier peak (not the year before): "fewer than the N recorded in …".
    FewerThan { value: f64, period: YearMonth },
}

/// Minimum number of earlier years before "highest in this series" is news.
const MIN_SERIES_YEARS: usize = 4;

fn record(periods: &[YearMonth], values: &[Option<f64>], at: usize) -> Option<Record> {
    let now_p = *periods.get(at)?;
    let now = value_at(values, at)?;
    // Earlier years' same-month periods, newest first, with their values (None = missing or
    // not in the data at all).
    let earliest = periods.iter().filter(|p| p.month == now_p.month && **p < now_p).min()?.year;
    let earlier: Vec<(YearMonth, Option<f64>)> = (earliest..now_p.year)
        .rev()
        .filter_map(|y| YearMonth::new(y, now_p.month))
        .map(|p| (p, periods.iter().position(|q| *q == p).and_then(|i| value_at(values, i))))
        .collect();
    for higher in [true, false] {
        let beaten = |v: f64| if higher { v < now } else { v > now };
        let mut all_beaten = true;
        for (k, (p, v)) in earlier.iter().enumerate() {
            match v {
                Some(v) if beaten(*v) => continue,
                Some(v) if *v == now => {
                    all_beaten = false;
                    break;
                }
                Some(_) => {
                    all_beaten = false;
                    // At least one lower year in between, or it is just "up/down on last year".
                    if k >= 1 {
                        return Some(if higher { Record::HighestSince(p.year) } else { Record::LowestSince(p.year) });
                    }
                    break;
                }
                None => {
                    all_beaten = false;
                    break;
                }
            }
        }
        if all_beaten && earlier.len() >= MIN_SERIES_YEARS {
            return Some(if higher { Record::HighestInSeries { began: earliest } } else { Record::LowestInSeries { began: earliest } });
        }
    }
    // Not a record: compare with the peak, a plain fact that needs no unbroken run.
    let (peak_p, peak) = earlier.iter().filter_map(|(p, v)| v.map(|v| (*p, v))).max_by(|a, b| a.1.total_cmp(&b.1))?;
    (peak > now && peak_p.year + 1 < now_p.year).then_some(Record::FewerThan { value: peak, period: peak_p })
}

/// One sentence (two with a rate) about the subject's figure; `None` if there is no value to
/// describe.
pub fn sentence(input: &NarrativeInput) -> Option<String> {
    let n = input.periods.len().min(input.values.len());
    let at = match input.period {
        Some(p) => p,
        None => (0..n).filter(|&i| value_at(input.values, i).is_some()).max_by_key(|&i| input.periods[i])?,
    };
    let now = value_at(input.values, at)?;
    let when = *input.periods.get(at)?;
    let lang = input.lang;
    let before = when.minus_months(12).and_then(|p| input.periods.iter().position(|q| *q == p)).and_then(|i| value_at(input.values, i));
    let rec = record(input.periods, input.values, at);
    let num = |v: f64| format::integer(v, lang);
    let mut clauses: Vec<String> = Vec::new();
    let mut text = match lang {
        Lang::En => {
            if let Some(b) = before {
                clauses.push(if b == now {
                    "unchanged from the year before".to_string()
                } else if b > 0.0 {
                    let pct = (now - b) / b * 100.0;
                    format!("{} {} from {} the year before", if now > b { "up" } else { "down" }, format::percent(pct, lang), num(b))
                } else {
                    format!("up from {} the year before", num(b))
                });
            }
            let month = i18n::month_name(when.month, lang);
            match rec {
                Some(Record::HighestInSeries { began }) if when.month == 3 => clauses.push(format!("the highest figure in this series, which began in {began}")),
                Some(Record::LowestInSeries { began }) if when.month == 3 => clauses.push(format!("the lowest figure in this series, which began in {began}")),
                Some(Record::HighestInSeries { began }) => clauses.push(format!("the highest for a year ending {month} since the series began in {began}")),
                Some(Record::LowestInSeries { began }) => clauses.push(format!("the lowest for a year ending {month} since the series began in {began}")),
                Some(Record::HighestSince(y)) => clauses.push(format!("the highest since {y}")),
                Some(Record::LowestSince(y)) => clauses.push(format!("the lowest since {y}")),
                Some(Record::FewerThan { value, period }) => {
                    clauses.push(format!("fewer than the {} recorded in the {}", num(value), i18n::period_label(period, lang)))
                }
                None => {}
            }
            let what = offence_phrase_en(input.offence, now);
            let period = i18n::period_label(when, lang);
            match input.subject_kind {
                SubjectKind::Force if input.subject.contains("Police") => format!("{} recorded {what} in the {period}", input.subject),
                SubjectKind::Force => format!("{} Police recorded {what} in the {period}", input.subject),
                SubjectKind::Aggregate => format!("Police in {} recorded {what} in the {period}", input.subject),
                SubjectKind::Local => format!("Police recorded {what} in {} in the {period}", input.subject),
            }
        }
        Lang::Cy => {
            if let Some(b) = before {
                clauses.push(if b == now {
                    "yr un faint â'r flwyddyn flaenorol".to_string()
                } else if b > 0.0 {
                    let pct = (now - b) / b * 100.0;
                    format!("{} o {} ers y flwyddyn flaenorol ({})", if now > b { "cynnydd" } else { "gostyngiad" }, format::percent(pct, lang), num(b))
                } else {
                    format!("cynnydd ers y flwyddyn flaenorol ({})", num(b))
                });
            }
            let month = i18n::month_name(when.month, lang);
            match rec {
                Some(Record::HighestInSeries { began }) if when.month == 3 => clauses.push(format!("y ffigur uchaf yn y gyfres hon, a ddechreuodd yn {began}")),
                Some(Record::LowestInSeries { began }) if when.month == 3 => clauses.push(format!("y ffigur isaf yn y gyfres hon, a ddechreuodd yn {began}")),
                Some(Record::HighestInSeries { began }) => clauses.push(format!("y ffigur uchaf ar gyfer blwyddyn yn gorffen {month} ers i'r gyfres ddechrau yn {began}")),
                Some(Record::LowestInSeries { began }) => clauses.push(format!("y ffigur isaf ar gyfer blwyddyn yn gorffen {month} ers i'r gyfres ddechrau yn {began}")),
                Some(Record::HighestSince(y)) => clauses.push(format!("y ffigur uchaf ers {y}")),
                Some(Record::LowestSince(y)) => clauses.push(format!("y ffigur isaf ers {y}")),
                Some(Record::FewerThan { value, period }) => {
                    clauses.push(format!("llai na'r {} a gofnodwyd yn {}", num(value), i18n::period_label(period, lang)))
                }
                None => {}
            }
            format!(
                "Nifer y {} a gofnodwyd {} yn {} oedd {}",
                offences_cy(input.offence),
                recorder_cy(input.subject, input.subject_kind),
                i18n::period_label(when, lang),
                num(now)
            )
        }
    };
    for c in clauses {
        text.push_str(", ");
        text.push_str(&c);
    }
    text.push('.');
    if let Some(rate) = input.rate_per_1000.filter(|r| r.is_finite()) {
        // Welsh numerals take a singular noun: "4.38 trosedd".
        match lang {
            Lang::En => text.push_str(&format!(" That is {} offences per 1,000 people.", format::rate(rate, lang))),
            Lang::Cy => text.push_str(&format!(" Mae hynny'n {} trosedd fesul 1,000 o bobl.", format::rate(rate, lang))),
        }
    }
    Some(text)
}

/// A one-sentence description of a chart for `aria-label` and the SVG `<title>`.
pub fn chart_summary(input: &ChartInput) -> String {
    let lang = input.lang;
    let offence = lower_first(&input.offence_label);
    if input.kind == ChartKind::Ranking {
        let period = input.periods.get(input.ranking_period).map(|p| i18n::period_label(*p, lang)).unwrap_or_default();
        let n = input.ranking_order().iter().filter(|r| r.1.is_some()).count();
        return i18n::fill(i18n::t(Key::AriaRanking, lang), &[("n", &n.to_string()), ("offence", &offence), ("period", &period)]);
    }
    let (from, to) = match (input.periods.iter().min(), input.periods.iter().max()) {
        (Some(a), Some(b)) if !input.series.is_empty() => (i18n::period_label(*a, lang), i18n::period_label(*b, lang)),
        // Nothing to chart (an unknown area or offence): say so plainly.
        _ => return format!("{}: {}.", i18n::capitalise(&offence), lower_first(i18n::t(Key::NoData, lang))),
    };
    let plotted = input.plotted();
    let areas: Vec<String> = input
        .series
        .iter()
        .enumerate()
        .map(|(s, series)| {
            let latest = (0..input.periods.len()).filter(|&p| plotted[s][p].is_some()).max_by_key(|&p| input.periods[p]);
            match latest {
                Some(p) => format!("{} {} ({})", series.label, input.format_value(plotted[s][p].unwrap_or(0.0)), i18n::period_label(input.periods[p], lang)),
                None => format!("{} {}", series.label, lower_first(input.missing_text())),
            }
        })
        .collect();
    let areas = if areas.is_empty() { lower_first(i18n::t(Key::NoData, lang)) } else { areas.join("; ") };
    i18n::fill(i18n::t(Key::AriaTrend, lang), &[("offence", &offence), ("from", &from), ("to", &to), ("areas", &areas)])
}
