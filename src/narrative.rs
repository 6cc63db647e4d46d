//! Sentences about the figures, written the way local news reports them:
//! "North Wales Police recorded 3,016 sexual offences in the year ending March 2018, up 53%
//! from 1,966 the year before, the highest figure in this series, which began in 2003."
//!
//! Every claim is proved from the data or left out:
//!
//! * **The whole series.** Records, "since the series began" and "fewer than the … recorded in"
//!   look at every period the series has, whatever part of it the chart shows.
//! * **Every rolling year in between.** "The highest since the year ending June 2014" means the
//!   year ending June 2014 was higher and *every* published rolling year after it (not only the
//!   years ending in the same month) was lower; so the claim always names the period it goes
//!   back to. A missing or negative figure in between stops the claim: we cannot know it was
//!   lower.
//! * **Series breaks.** Where the figures stop being comparable (a reclassification, a new
//!   release, a different recording body; see [`SeriesBreak`]), nothing is compared across the
//!   break: the sentence gives the figure and says it cannot be compared.
//! * **Honest numbers.** Percentages are rounded half away from zero; a change that rounds to 0
//!   is "less than 0.5%", a fall to a non-zero figure that rounds to 100 is "more than 99.5%";
//!   a year before of fewer than [`SMALL_BASE`] offences gets no percentage, only the two
//!   counts; a negative published figure (an adjustment) is stated as such and compared with
//!   nothing; a rate that would show as 0.00 for a non-zero count is "fewer than 0.01".
//!
//! The Welsh avoids constructions that would need a numeral to mutate the following noun:
//! "Nifer y troseddau rhywiol a gofnodwyd gan Heddlu Gogledd Cymru yn y flwyddyn yn gorffen
//! Mawrth 2018 oedd 3,016, …" puts the number last. Welsh wording marked [plain] in comments is
//! written for this widget from dictionary words and is to be reviewed by a Welsh speaker.

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
    /// A fraud reporting body (Action Fraud, CIFAS, UK Finance): its figures are reports and
    /// cases, not police recorded crime.
    FraudBody,
}

/// Where figures stop being comparable, and why: the dataset's breaks (`Dataset::breaks`),
/// with `period` an index into [`NarrativeInput::periods`].
pub use crate::model::{BreakReason, SeriesBreak};

#[derive(Clone, Debug, PartialEq)]
pub struct NarrativeInput<'a> {
    /// The area's name in the sentence's language ("North Wales" / "Gogledd Cymru").
    pub subject: &'a str,
    pub subject_kind: SubjectKind,
    /// The English offence name ("Sexual offences"); its slug finds the Welsh name.
    pub offence: &'a str,
    /// Every period of the series, not only those the chart shows: records and the start of
    /// the series are claims about the whole series.
    pub periods: &'a [YearMonth],
    /// Counts, one per period.
    pub values: &'a [Option<f64>],
    /// The period to describe (an index into `periods`); `None` for the latest with a value.
    pub period: Option<usize>,
    /// Offences per 1,000 people at that period, only where a population estimate exists.
    pub rate_per_1000: Option<f64>,
    /// Where the series stops being comparable, in any order.
    pub breaks: &'a [SeriesBreak],
    /// True for an area where few people live but many work or visit (the City of London): its
    /// rate per resident carries a note.
    pub few_residents: bool,
    pub lang: Lang,
}

/// A year before with fewer offences than this gets no percentage change, only the two counts:
/// "up 217% from 6" says more about the small number than about crime.
pub const SMALL_BASE: f64 = 20.0;

/// A series must reach back this many months before the figure described for "the highest
/// figure in this series" to be news (four years).
pub const MIN_SERIES_MONTHS: i32 = 48;

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

/// The fraud body whose figures an offence is, if it is one: they are described as what they
/// are (reports to Action Fraud, cases reported by CIFAS or UK Finance), not as crimes the
/// police recorded.
fn fraud_body(offence: &str) -> Option<&'static str> {
    match crate::model::slug(offence).as_str() {
        "action-fraud" => Some("Action Fraud"),
        "cifas" => Some("CIFAS"),
        "uk-finance" => Some("UK Finance"),
        _ => None,
    }
}

/// The offence as a noun phrase, singular and plural: ("sexual offence", "sexual offences"),
/// ("crime (excluding fraud)", "crimes (excluding fraud)").
fn offence_nouns_en(offence: &str) -> (String, String) {
    let lower = lower_first(offence);
    let fixed = |s: &str, p: &str| (s.to_string(), p.to_string());
    match crate::model::slug(offence).as_str() {
        "total-recorded-crime-excluding-fraud" => fixed("crime (excluding fraud)", "crimes (excluding fraud)"),
        "victim-based-crime" => fixed("victim-based crime", "victim-based crimes"),
        "homicide" => fixed("homicide", "homicides"),
        "robbery" => fixed("robbery", "robberies"),
        "burglary" => fixed("burglary", "burglaries"),
        "domestic-burglary" => fixed("domestic burglary", "domestic burglaries"),
        "non-domestic-burglary" => fixed("non-domestic burglary", "non-domestic burglaries"),
        "residential-burglary" => fixed("residential burglary", "residential burglaries"),
        "non-residential-burglary" => fixed("non-residential burglary", "non-residential burglaries"),
        "bicycle-theft" => fixed("bicycle theft", "bicycle thefts"),
        "all-other-theft-offences" => fixed("other theft offence", "other theft offences"),
        "action-fraud" => fixed("fraud report", "fraud reports"),
        "cifas" | "uk-finance" => fixed("case of fraud", "cases of fraud"),
        _ if lower.ends_with("offences") || lower.ends_with("crimes against society") => {
            let s = lower.strip_suffix("offences").map(|b| format!("{b}offence")).unwrap_or_else(|| lower.replacen("crimes", "crime", 1));
            (s, lower.clone())
        }
        _ => (format!("offence of {lower}"), format!("offences of {lower}")),
    }
}

/// "3,016 sexual offences", "1 crime (excluding fraud)".
fn offence_phrase_en(offence: &str, count: f64) -> String {
    let n = format::integer(count, Lang::En);
    let (singular, plural) = offence_nouns_en(offence);
    format!("{n} {}", if n == "1" { singular } else { plural })
}

/// An aggregate's name mid-sentence: "the North East", "Yorkshire and the Humber", "the East of
/// England", "Wales".
fn aggregate_en(name: &str) -> String {
    let name = name.trim().replace(" The ", " the ");
    if name == "East" {
        return "the East of England".into();
    }
    let compass = ["North ", "South ", "East ", "West "];
    if compass.iter().any(|c| name.starts_with(c)) {
        format!("the {name}")
    } else {
        name
    }
}

/// "troseddau rhywiol" from "Troseddau rhywiol"; "troseddau stelcian ac aflonyddu" from
/// "Stelcian ac aflonyddu"; an offence without a Welsh name is quoted in English inside a
/// Welsh frame: "troseddau yn y categori 'Homicide'".
fn offences_cy(offence: &str) -> String {
    let slug = crate::model::slug(offence);
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
        SubjectKind::FraudBody => format!("gan {subject}"),
    }
}

/// A record claim, proved from every published period of the comparable stretch.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Record {
    /// Higher (or lower) than every earlier figure of an unbroken series that began in `began`.
    InSeries { highest: bool, began: u16 },
    /// Higher (or lower) than every figure after `since`, which was itself higher (lower).
    Since { highest: bool, since: YearMonth },
    /// Below an earlier peak (not the year before): "fewer than the N recorded in …".
    FewerThan { value: f64, period: YearMonth },
}

/// The first break in (`earlier`, `later`]: figures at those two periods are not comparable.
fn break_between(breaks: &[SeriesBreak], earlier: usize, later: usize) -> Option<SeriesBreak> {
    breaks.iter().filter(|b| b.period > earlier && b.period <= later).min_by_key(|b| b.period).copied()
}

fn record(periods: &[YearMonth], values: &[Option<f64>], breaks: &[SeriesBreak], at: usize) -> Option<Record> {
    let now = value_at(values, at).filter(|v| *v >= 0.0)?;
    let when = *periods.get(at)?;
    let year_before = when.minus_months(12)?;
    // The series begins at its first figure; a break after that starts a new comparable stretch.
    let first = (0..at).find(|&i| value_at(values, i).is_some())?;
    let start = breaks.iter().filter(|b| b.period > first && b.period <= at).map(|b| b.period).max().unwrap_or(first);
    for highest in [true, false] {
        let beaten = |v: f64| if highest { v < now } else { v > now };
        // Back from the period before, while every figure is beaten.
        let stop = (start..at).rev().find(|&k| !matches!(value_at(values, k), Some(v) if v >= 0.0 && beaten(v)));
        match stop {
            None if start == first && periods[first] <= when.minus_months(MIN_SERIES_MONTHS)? => {
                return Some(Record::InSeries { highest, began: periods[first].year });
            }
            Some(k) => match value_at(values, k) {
                // Strictly beyond the figure (equal is not "the highest since"), and before the
                // year before (otherwise it is just "up/down on last year").
                Some(v) if v >= 0.0 && v != now && periods[k] < year_before => return Some(Record::Since { highest, since: periods[k] }),
                _ => {}
            },
            None => {}
        }
    }
    // Not a record: compare with the peak of the comparable stretch, a plain fact that needs no
    // unbroken run.
    let (k, peak) = (start..at).filter_map(|i| value_at(values, i).filter(|v| *v >= 0.0).map(|v| (i, v))).max_by(|a, b| a.1.total_cmp(&b.1))?;
    (peak > now && periods[k] < year_before).then_some(Record::FewerThan { value: peak, period: periods[k] })
}

/// The size of a change as prose, after "up"/"down" ("53%", "less than 0.5%", "more than
/// 99.5%"), or after "cynnydd o"/"gostyngiad o" in Welsh, where "llai" and "mwy" take the soft
/// mutation ("lai", "fwy").
fn change_size(now: f64, before: f64, lang: Lang) -> String {
    // Multiplying before dividing keeps exact halves exact (12.5, not 12.4999…), so rounding
    // half away from zero is what a reader computing it by hand would get.
    let pct = (now - before).abs() * 100.0 / before;
    if now < before && now > 0.0 && pct.round() >= 100.0 {
        return match lang {
            Lang::En => "more than 99.5%".into(),
            Lang::Cy => "fwy na 99.5%".into(), // [plain]
        };
    }
    format::percent(pct, lang)
}

/// The break's reason as a clause: "the way these offences are classified changed".
fn break_reason(reason: BreakReason, lang: Lang) -> &'static str {
    match (reason, lang) {
        (BreakReason::Reclassified, Lang::En) => "the way these offences are classified changed",
        (BreakReason::Reclassified, Lang::Cy) => "newidiodd y ffordd y caiff y troseddau hyn eu dosbarthu", // [plain]
        (BreakReason::NewRelease, Lang::En) => "they come from a different release of the figures",
        (BreakReason::NewRelease, Lang::Cy) => "maen nhw'n dod o gyhoeddiad gwahanol o'r ffigurau", // [plain]
        (BreakReason::RecordingBody, Lang::En) => "a different body recorded them",
        (BreakReason::RecordingBody, Lang::Cy) => "corff gwahanol a'u cofnododd", // [plain]
    }
}

/// "Figures from the year ending December 2014 onwards cannot be compared with earlier ones: …".
/// A break that is one of a run, one at every period (a change made force by force over a
/// couple of years, such as fraud recording moving to Action Fraud), names the whole run: no
/// figure in it is comparable with another in it or with one before it.
fn break_note(periods: &[YearMonth], breaks: &[SeriesBreak], b: SeriesBreak, lang: Lang) -> String {
    let in_run = |p: usize| breaks.iter().any(|x| x.period == p && x.reason == b.reason);
    let mut first = b.period;
    while first > 0 && in_run(first - 1) {
        first -= 1;
    }
    let mut last = b.period;
    while in_run(last + 1) {
        last += 1;
    }
    let (Some(p), Some(q)) = (periods.get(first), periods.get(last)) else { return String::new() };
    let (m1, m2) = (i18n::month_name(p.month, lang), i18n::month_name(q.month, lang));
    let reason = break_reason(b.reason, lang);
    match (lang, first == last) {
        (Lang::En, true) => format!(" Figures from the year ending {m1} {} onwards cannot be compared with earlier ones: {reason}.", p.year),
        (Lang::En, false) => format!(
            " Figures for the years ending {m1} {} to {m2} {} cannot be compared with each other or with earlier ones: {reason}.",
            p.year, q.year
        ),
        // [plain]: "o'r flwyddyn … ymlaen" (from … onwards), "ni ellir cymharu" (cannot compare).
        (Lang::Cy, true) => format!(" Ni ellir cymharu ffigurau o'r flwyddyn yn gorffen {m1} {} ymlaen â rhai cynharach: {reason}.", p.year),
        // [plain]: "â'i gilydd" (with each other), "nac â rhai cynharach" (nor with earlier ones).
        (Lang::Cy, false) => format!(
            " Ni ellir cymharu ffigurau'r blynyddoedd yn gorffen {m1} {} i {m2} {} â'i gilydd nac â rhai cynharach: {reason}.",
            p.year, q.year
        ),
    }
}

/// The opening of the sentence, up to and including the figure.
fn main_clause(input: &NarrativeInput, now: f64, when: YearMonth) -> String {
    let lang = input.lang;
    let period = i18n::period_label(when, lang);
    let num = format::integer(now, lang);
    match lang {
        Lang::En => {
            let what = offence_phrase_en(input.offence, now);
            if let Some(body) = fraud_body(input.offence) {
                let verb = if body == "Action Fraud" { "received" } else { "reported" };
                return format!("{body} {verb} {what} in the {period}");
            }
            match input.subject_kind {
                SubjectKind::Force if input.subject.contains("Police") => format!("{} recorded {what} in the {period}", input.subject),
                SubjectKind::Force => format!("{} Police recorded {what} in the {period}", input.subject),
                SubjectKind::Aggregate => format!("Police in {} recorded {what} in the {period}", aggregate_en(input.subject)),
                SubjectKind::Local => format!("Police recorded {what} in {} in the {period}", input.subject),
                SubjectKind::FraudBody => format!("{} recorded {what} in the {period}", input.subject),
            }
        }
        Lang::Cy => match fraud_body(input.offence) {
            // [plain] GPC: adroddiad (report), achos (case), twyll (fraud).
            Some("Action Fraud") => format!("Nifer yr adroddiadau o dwyll i Action Fraud yn {period} oedd {num}"),
            Some(body) => format!("Nifer yr achosion o dwyll a adroddwyd gan {body} yn {period} oedd {num}"),
            None => format!("Nifer y {} a gofnodwyd {} yn {period} oedd {num}", offences_cy(input.offence), recorder_cy(input.subject, input.subject_kind)),
        },
    }
}

/// A negative published figure is an adjustment to offences recorded earlier: said as such,
/// compared with nothing, and given no rate.
fn negative_sentence(input: &NarrativeInput, now: f64, when: YearMonth) -> String {
    let lang = input.lang;
    let period = i18n::period_label(when, lang);
    let num = format::integer(now, lang);
    match lang {
        Lang::En => {
            let (_, plural) = offence_nouns_en(input.offence);
            let who = match input.subject_kind {
                SubjectKind::Force if input.subject.contains("Police") => input.subject.to_string(),
                SubjectKind::Force => format!("{} Police", input.subject),
                SubjectKind::Aggregate => format!("police in {}", aggregate_en(input.subject)),
                SubjectKind::Local => format!("police in {}", input.subject),
                SubjectKind::FraudBody => input.subject.to_string(),
            };
            format!("The published figure for {plural} recorded by {who} in the {period} is {num}: a negative figure is an adjustment to offences recorded earlier, not a count, so it is not compared with other years.")
        }
        // [plain]: "addasiad" (adjustment), "ffigur negyddol" (negative figure).
        Lang::Cy => format!(
            "Y ffigur a gyhoeddwyd ar gyfer {} a gofnodwyd {} yn {period} yw {num}: addasiad i droseddau a gofnodwyd yn gynharach yw ffigur negyddol, nid nifer, felly nid yw'n cael ei gymharu â blynyddoedd eraill.",
            offences_cy(input.offence),
            recorder_cy(input.subject, input.subject_kind)
        ),
    }
}

/// One sentence (more with a rate, a note or a break) about the subject's figure; `None` if
/// there is no value to describe.
pub fn sentence(input: &NarrativeInput) -> Option<String> {
    let n = input.periods.len().min(input.values.len());
    let at = match input.period {
        Some(p) => p,
        None => (0..n).filter(|&i| value_at(input.values, i).is_some()).max_by_key(|&i| input.periods[i])?,
    };
    let now = value_at(input.values, at)?;
    let when = *input.periods.get(at)?;
    let lang = input.lang;
    if now < 0.0 {
        return Some(negative_sentence(input, now, when));
    }
    let num = |v: f64| format::integer(v, lang);
    let before_at = when.minus_months(12).and_then(|p| input.periods[..n].iter().position(|q| *q == p));
    let broken = before_at.and_then(|b| break_between(input.breaks, b, at));
    let before = before_at.and_then(|i| value_at(input.values, i)).filter(|b| *b >= 0.0 && broken.is_none());
    let mut clauses: Vec<String> = Vec::new();
    if let Some(b) = before {
        let up = now > b;
        clauses.push(match lang {
            Lang::En if b == now => "unchanged from the year before".to_string(),
            Lang::En if b < SMALL_BASE => format!("compared with {} the year before", num(b)),
            Lang::En => format!("{} {} from {} the year before", if up { "up" } else { "down" }, change_size(now, b, lang), num(b)),
            Lang::Cy if b == now => "yr un faint â'r flwyddyn flaenorol".to_string(),
            // [plain] "o'i gymharu â" (compared with).
            Lang::Cy if b < SMALL_BASE => format!("o'i gymharu â {} y flwyddyn flaenorol", num(b)),
            Lang::Cy => format!("{} o {} ers y flwyddyn flaenorol ({})", if up { "cynnydd" } else { "gostyngiad" }, change_size(now, b, lang), num(b)),
        });
    }
    match (record(&input.periods[..n], &input.values[..n], input.breaks, at), lang) {
        (Some(Record::InSeries { highest, began }), Lang::En) => {
            clauses.push(format!("the {} figure in this series, which began in {began}", if highest { "highest" } else { "lowest" }))
        }
        (Some(Record::InSeries { highest, began }), Lang::Cy) => {
            clauses.push(format!("y ffigur {} yn y gyfres hon, a ddechreuodd yn {began}", if highest { "uchaf" } else { "isaf" }))
        }
        (Some(Record::Since { highest, since }), Lang::En) => {
            clauses.push(format!("the {} since the {}", if highest { "highest" } else { "lowest" }, i18n::period_label(since, lang)))
        }
        (Some(Record::Since { highest, since }), Lang::Cy) => {
            clauses.push(format!("y ffigur {} ers {}", if highest { "uchaf" } else { "isaf" }, i18n::period_label(since, lang)))
        }
        (Some(Record::FewerThan { value, period }), Lang::En) => clauses.push(format!("fewer than the {} recorded in the {}", num(value), i18n::period_label(period, lang))),
        (Some(Record::FewerThan { value, period }), Lang::Cy) => clauses.push(format!("llai na'r {} a gofnodwyd yn {}", num(value), i18n::period_label(period, lang))),
        (None, _) => {}
    }
    let mut text = main_clause(input, now, when);
    for c in clauses {
        text.push_str(", ");
        text.push_str(&c);
    }
    text.push('.');
    if let Some(b) = broken {
        text.push_str(&break_note(input.periods, input.breaks, b, lang));
    }
    if let Some(rate) = input.rate_per_1000.filter(|r| r.is_finite() && *r >= 0.0 && now > 0.0) {
        // A non-zero count never reads as "0.00 per 1,000".
        let shown = if rate < 0.005 {
            match lang {
                Lang::En => "fewer than 0.01".to_string(),
                Lang::Cy => "llai na 0.01".to_string(), // [plain]
            }
        } else {
            format::rate(rate, lang)
        };
        // Welsh numerals take a singular noun: "4.38 trosedd".
        match lang {
            Lang::En => text.push_str(&format!(" That is {shown} offences per 1,000 people.")),
            Lang::Cy => text.push_str(&format!(" Mae hynny'n {shown} trosedd fesul 1,000 o bobl.")),
        }
        if input.few_residents {
            text.push_str(match lang {
                Lang::En => " Few people live in this area but many work in or visit it, so a rate per resident is not comparable with other areas.",
                // [plain]
                Lang::Cy => " Ychydig o bobl sy'n byw yn yr ardal hon ond mae llawer yn gweithio ynddi neu'n ymweld â hi, felly nid oes modd cymharu cyfradd fesul preswylydd ag ardaloedd eraill.",
            });
        }
    }
    Some(text)
}

/// What a map's sentence is about: the main area's figure and rank at one period.
#[derive(Clone, Debug, PartialEq)]
pub struct MapNarrative<'a> {
    /// The area's name in the sentence's language.
    pub subject: &'a str,
    /// The English offence name.
    pub offence: &'a str,
    pub period: YearMonth,
    /// A rate per 1,000 people, or with `change` a % change on a year earlier.
    pub value: f64,
    /// 1 = highest, of `of` areas with a figure.
    pub rank: usize,
    pub of: usize,
    /// England and Wales's figure, on the same measure.
    pub overall: Option<f64>,
    pub change: bool,
    pub few_residents: bool,
    pub lang: Lang,
}

/// "North Wales had the 7th highest rate of sexual offences of the 43 police force areas in the
/// year ending June 2023: 3.62 per 1,000 people, against 3.14 across England and Wales."
/// Every figure is at the same period, so nothing is compared across time (a change is on the
/// same 12 months a year earlier, and the view withholds one that spans a series break).
pub fn map_sentence(m: &MapNarrative) -> String {
    let lang = m.lang;
    let period = i18n::period_label(m.period, lang);
    let rate_text = |v: f64| if v > 0.0 && v < 0.005 { match lang { Lang::En => "fewer than 0.01".to_string(), Lang::Cy => "llai na 0.01".to_string() } } else { format::rate(v, lang) };
    let change_text = |v: f64| -> String {
        let size = format::percent(v, lang);
        match lang {
            Lang::En if v == 0.0 => "unchanged".into(),
            Lang::En => format!("{} {size}", if v > 0.0 { "up" } else { "down" }),
            Lang::Cy if v == 0.0 => "dim newid".into(),
            Lang::Cy => format!("{} o {size}", if v > 0.0 { "cynnydd" } else { "gostyngiad" }),
        }
    };
    let mut text = match lang {
        Lang::En => {
            let (_, plural) = offence_nouns_en(m.offence);
            let position = if m.rank == 1 {
                "the highest".to_string()
            } else if m.rank == m.of {
                "the lowest".to_string()
            } else {
                format!("the {} highest", crate::chart::map::ordinal_en(m.rank))
            };
            let areas = if m.of == 43 { "the 43 police force areas".to_string() } else { format!("the {} police force areas with a figure", m.of) };
            if m.change {
                let year_before = m.period.minus_months(12).map(|p| i18n::period_label(p, lang)).unwrap_or_default();
                // A rise is ranked from the top, a fall from the bottom: "the 4th largest fall".
                let position = if m.value < 0.0 {
                    let from_bottom = m.of + 1 - m.rank;
                    if from_bottom == 1 { "the largest fall".to_string() } else { format!("the {} largest fall", crate::chart::map::ordinal_en(from_bottom)) }
                } else if m.value > 0.0 {
                    if m.rank == 1 { "the largest rise".to_string() } else { format!("the {} largest rise", crate::chart::map::ordinal_en(m.rank)) }
                } else {
                    format!("{position} % change (none)")
                };
                let mut t = if m.value == 0.0 {
                    format!("{} recorded as many {plural} in the {period} as in the {year_before}", m.subject)
                } else {
                    format!("{} had {position} in {plural} of {areas}, from the {year_before} to the {period}: {}", m.subject, change_text(m.value))
                };
                if let Some(o) = m.overall {
                    t.push_str(&format!(", against {} across England and Wales", change_text(o)));
                }
                t
            } else {
                let mut t = format!("{} had {position} rate of {plural} of {areas} in the {period}: {} per 1,000 people", m.subject, rate_text(m.value));
                if let Some(o) = m.overall {
                    t.push_str(&format!(", against {} across England and Wales", rate_text(o)));
                }
                t
            }
        }
        // [plain]: "safle" (position) with the number last avoids the mutations an ordinal
        // would need; "yn ôl" (by) needs no mutation; "â" takes the aspirate ("â chynnydd").
        Lang::Cy => {
            let position = format!("{} o {}", m.rank, m.of);
            let against = |t: String| if t.starts_with('c') { format!("â ch{}", &t[1..]) } else { format!("â {t}") };
            if m.change {
                let year_before = m.period.minus_months(12).map(|p| i18n::period_label(p, lang)).unwrap_or_default();
                let mut t = format!(
                    "Safle {} ymhlith yr ardaloedd heddlu yn ôl y newid % yn nifer y {} rhwng {year_before} a'r {} oedd {position} (1 = uchaf): {}",
                    m.subject,
                    offences_cy(m.offence),
                    period.strip_prefix("y ").unwrap_or(&period),
                    change_text(m.value)
                );
                if let Some(o) = m.overall {
                    t.push_str(&format!(", o'i gymharu {} ar draws Cymru a Lloegr", against(change_text(o))));
                }
                t
            } else {
                let mut t = format!(
                    "Safle {} ymhlith yr ardaloedd heddlu yn ôl cyfradd y {} yn {period} oedd {position} (1 = uchaf): {} trosedd fesul 1,000 o bobl",
                    m.subject,
                    offences_cy(m.offence),
                    rate_text(m.value)
                );
                if let Some(o) = m.overall {
                    t.push_str(&format!(", o'i gymharu â {} ar draws Cymru a Lloegr", rate_text(o)));
                }
                t
            }
        }
    };
    text.push('.');
    if m.few_residents && !m.change {
        text.push_str(match lang {
            Lang::En => " Few people live in this area but many work in or visit it, so a rate per resident is not comparable with other areas.",
            // [plain]
            Lang::Cy => " Ychydig o bobl sy'n byw yn yr ardal hon ond mae llawer yn gweithio ynddi neu'n ymweld â hi, felly nid oes modd cymharu cyfradd fesul preswylydd ag ardaloedd eraill.",
        });
    }
    text
}

/// A one-sentence description of a chart for `aria-label` and the SVG `<title>`.
pub fn chart_summary(input: &ChartInput) -> String {
    let lang = input.lang;
    let offence = lower_first(&input.offence_label);
    if input.kind == ChartKind::Map {
        let period = input.periods.get(input.ranking_period).map(|p| i18n::period_label(*p, lang)).unwrap_or_default();
        let n = crate::chart::map::key_order(input).len();
        let measure = if input.change == crate::chart::ChangeMode::YearOnYearGiven { i18n::t(Key::YearOnYear, lang) } else { i18n::t(Key::PerThousandPeople, lang) };
        return i18n::fill(i18n::t(Key::AriaMap, lang), &[("n", &n.to_string()), ("offence", &offence), ("measure", measure), ("period", &period)]);
    }
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
