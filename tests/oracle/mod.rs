//! An independent check of the narrative's claims: it reads each sentence as a reader would,
//! pulls out every claim (the figure, the year before, the percentage and its rounding, record
//! claims, the start of the series, the rate, the notes) and checks each against the dataset
//! directly. It shares no code with `src/narrative.rs`: the parsing and the arithmetic here are
//! written afresh from the wording, so a mistake in the narrative cannot hide behind itself.

#![allow(dead_code)]

use crime_compare::model::{AreaKind, Dataset};
use crime_compare::period::YearMonth;
use crime_compare::view::{KindChoice, View, WidgetState};

/// The dataset's own answer: is there a break in (`earlier`, `later`]?
pub fn break_between(ds: &Dataset, area: usize, offence: usize, earlier: usize, later: usize) -> Option<crime_compare::model::SeriesBreak> {
    ds.break_between(area, offence, earlier, later)
}

const MONTHS_EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const MONTHS_CY: [&str; 12] = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"];

/// A year before with fewer offences than this must get no percentage (the documented rule).
pub const SMALL_BASE: i64 = 20;

/// What a sentence says the change on the year before is.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeClaim {
    Unchanged,
    /// "compared with 6 the year before": the two counts, no percentage.
    Compared(i64),
    /// "up 53% from 1,966": `size` is the percentage as written.
    Percent { up: bool, size: PercentSize, before: i64 },
}

#[derive(Debug, Clone, PartialEq)]
pub enum PercentSize {
    Whole(i64),
    LessThanHalf,
    MoreThan99Half,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RecordClaim {
    InSeries { highest: bool, began: u16 },
    Since { highest: bool, since: YearMonth },
    FewerThan { value: i64, period: YearMonth },
}

#[derive(Debug, Clone, PartialEq)]
pub enum RateClaim {
    Value(f64),
    FewerThanOneHundredth,
}

/// Who the sentence says recorded the figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// "North Wales Police", "gan Heddlu Gogledd Cymru", "gan Metropolitan Police".
    Force(String),
    /// "Police in the North East", "yng Nghymru", "yn ardal Gogledd Ddwyrain Lloegr".
    Aggregate(String),
    /// "Police recorded … in Cardiff".
    Local(String),
    /// "Action Fraud received …", "CIFAS reported …".
    Body(String),
    /// Welsh "gan X" (a force whose name has "Police", or a body) or "yn ardal X".
    Named(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    pub subject: Subject,
    pub figure: i64,
    pub period: YearMonth,
    pub negative_frame: bool,
    pub change: Option<ChangeClaim>,
    pub records: Vec<RecordClaim>,
    pub rate: Option<RateClaim>,
    pub break_from: Option<YearMonth>,
    /// The last year of a run of breaks ("the years ending … to …"), when the note names one.
    pub break_to: Option<YearMonth>,
    pub few_residents_note: bool,
}

fn month_number(name: &str, cy: bool) -> Option<u8> {
    let table = if cy { &MONTHS_CY } else { &MONTHS_EN };
    table.iter().position(|m| *m == name).map(|i| i as u8 + 1)
}

/// A whole number as printed: "3,016", "−13" (real minus sign). Returns it and the rest.
fn number(text: &str) -> Result<(i64, &str), String> {
    let (neg, body) = match text.strip_prefix('\u{2212}') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let end = body.find(|c: char| !(c.is_ascii_digit() || c == ',')).unwrap_or(body.len());
    let digits = body[..end].trim_end_matches(',');
    let rest = &body[digits.len()..];
    // Thousands groups of three only.
    let groups: Vec<&str> = digits.split(',').collect();
    if digits.is_empty() || groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) || (groups.len() > 1 && groups[0].starts_with('0')) {
        return Err(format!("not a number at '{text}'"));
    }
    let v: i64 = digits.replace(',', "").parse().map_err(|e| format!("{e} at '{text}'"))?;
    Ok((if neg { -v } else { v }, rest))
}

/// A decimal as printed in a rate: "4.38", "1,234.50".
fn decimal(text: &str) -> Result<(f64, &str), String> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(text.len());
    let t = text[..end].trim_end_matches(['.', ',']);
    let v: f64 = t.replace(',', "").parse().map_err(|e| format!("{e} at '{text}'"))?;
    Ok((v, &text[t.len()..]))
}

/// "March 2018" (or "Mawrth 2018") at the start of `text`.
fn month_year(text: &str, cy: bool) -> Result<(YearMonth, &str), String> {
    let (m, rest) = text.split_once(' ').ok_or_else(|| format!("no month at '{text}'"))?;
    let month = month_number(m, cy).ok_or_else(|| format!("'{m}' is not a month"))?;
    let year: u16 = rest.get(..4).and_then(|y| y.parse().ok()).ok_or_else(|| format!("no year at '{rest}'"))?;
    Ok((YearMonth::new(year, month).ok_or("bad period")?, &rest[4..]))
}

/// The period named after the first occurrence of `marker` ("year ending " / "y flwyddyn yn
/// gorffen ") in `text`.
fn period_after<'a>(text: &'a str, marker: &str, cy: bool) -> Result<(YearMonth, &'a str), String> {
    let i = text.find(marker).ok_or_else(|| format!("no '{marker}' in '{text}'"))?;
    month_year(&text[i + marker.len()..], cy)
}

fn count(text: &str, pat: &str) -> usize {
    text.matches(pat).count()
}

/// Reads every claim out of one sentence.
pub fn parse(sentence: &str, cy: bool) -> Result<Claims, String> {
    let s = sentence;
    let mut c = Claims {
        subject: Subject::Named(String::new()),
        figure: 0,
        period: YearMonth::new(2000, 1).unwrap(),
        negative_frame: false,
        change: None,
        records: Vec::new(),
        rate: None,
        break_from: None,
        break_to: None,
        few_residents_note: false,
    };
    let mark = if cy { "y flwyddyn yn gorffen " } else { "year ending " };
    // The opening: who, the figure, the period. `rest` is what follows the main period.
    let rest: &str;
    if !cy {
        if let Some(body) = s.strip_prefix("The published figure for ") {
            c.negative_frame = true;
            let by = body.find(" recorded by ").ok_or("negative frame without 'recorded by'")?;
            let after = &body[by + " recorded by ".len()..];
            let at = after.find(" in the year ending ").ok_or("negative frame without a period")?;
            let who = &after[..at];
            c.subject = match who.strip_prefix("police in ") {
                Some(x) => Subject::Aggregate(x.to_string()),
                None => Subject::Force(who.to_string()),
            };
            let (p, r) = month_year(&after[at + " in the year ending ".len()..], false)?;
            c.period = p;
            let r = r.strip_prefix(" is ").ok_or("negative frame without 'is'")?;
            let (n, r) = number(r)?;
            c.figure = n;
            rest = r;
        } else {
            let (who, verb_at, verb) = ["recorded ", "received ", "reported "]
                .iter()
                .filter_map(|v| s.find(&format!(" {v}")).map(|i| (&s[..i], i + 1 + v.len(), *v)))
                .min_by_key(|x| x.1)
                .ok_or("no verb")?;
            let (n, _) = number(&s[verb_at..])?;
            c.figure = n;
            let (p, r) = period_after(s, mark, false)?;
            c.period = p;
            rest = r;
            c.subject = if verb != "recorded " {
                Subject::Body(who.to_string())
            } else if let Some(x) = who.strip_prefix("Police in ") {
                Subject::Aggregate(x.to_string())
            } else if who == "Police" {
                let head = &s[..s.find(" in the year ending ").ok_or("no period")?];
                let i = head.rfind(" in ").ok_or("local subject without 'in'")?;
                Subject::Local(head[i + 4..].to_string())
            } else {
                Subject::Force(who.to_string())
            };
        }
    } else if let Some(body) = s.strip_prefix("Y ffigur a gyhoeddwyd ar gyfer ") {
        c.negative_frame = true;
        let (p, r) = period_after(body, mark, true)?;
        c.period = p;
        let head = &body[..body.find(mark).unwrap()];
        c.subject = welsh_subject(head)?;
        let r = r.strip_prefix(" yw ").ok_or("negative frame without 'yw'")?;
        let (n, r) = number(r)?;
        c.figure = n;
        rest = r;
    } else {
        let body = s.strip_prefix("Nifer y").ok_or("no 'Nifer y' opening")?;
        let (p, r) = period_after(body, mark, true)?;
        c.period = p;
        let head = &body[..body.find(mark).unwrap()];
        c.subject = if let Some(i) = head.find(" i Action Fraud yn ") {
            let _ = i;
            Subject::Body("Action Fraud".into())
        } else if head.starts_with("r achosion o dwyll a adroddwyd gan ") {
            let b = head.trim_start_matches("r achosion o dwyll a adroddwyd gan ").trim_end_matches(" yn ");
            Subject::Body(b.to_string())
        } else {
            welsh_subject(head)?
        };
        let r = r.strip_prefix(" oedd ").ok_or("no 'oedd' before the figure")?;
        let (n, r) = number(r)?;
        c.figure = n;
        rest = r;
    }

    // The clauses after the figure, up to the first full stop.
    let stop = rest.find(". ").map(|i| i + 1).unwrap_or(rest.len());
    let (clauses, notes) = rest.split_at(stop);
    let clauses = clauses.strip_suffix('.').unwrap_or(clauses);
    if !c.negative_frame {
        // "…, which began in 2003" belongs to the clause before it.
        let joined = clauses.replace(", which began in ", " which began in ").replace(", a ddechreuodd yn ", " a ddechreuodd yn ");
        for clause in joined.split(", ").skip(1) {
            let clause = clause.replace(" which began in ", ", which began in ").replace(" a ddechreuodd yn ", ", a ddechreuodd yn ");
            parse_clause(&clause, cy, &mut c)?;
        }
        if !clauses.is_empty() && !clauses.starts_with(", ") {
            return Err(format!("unexpected text after the figure: '{clauses}'"));
        }
    }
    // The notes: the break, the rate, the City of London.
    let brk = if cy { "Ni ellir cymharu ffigurau o'r flwyddyn yn gorffen " } else { "Figures from the year ending " };
    if let Some(i) = notes.find(brk) {
        let (p, r) = month_year(&notes[i + brk.len()..], cy)?;
        let tail = if cy { " ymlaen â rhai cynharach: " } else { " onwards cannot be compared with earlier ones: " };
        if !r.starts_with(tail) {
            return Err(format!("break note reads '{r}'"));
        }
        c.break_from = Some(p);
    }
    let run = if cy { "Ni ellir cymharu ffigurau'r blynyddoedd yn gorffen " } else { "Figures for the years ending " };
    if let Some(i) = notes.find(run) {
        if c.break_from.is_some() {
            return Err("two break notes".into());
        }
        let (p, r) = month_year(&notes[i + run.len()..], cy)?;
        let r = r.strip_prefix(if cy { " i " } else { " to " }).ok_or_else(|| format!("break run reads '{r}'"))?;
        let (q, r) = month_year(r, cy)?;
        let tail = if cy { " â'i gilydd nac â rhai cynharach: " } else { " cannot be compared with each other or with earlier ones: " };
        if !r.starts_with(tail) {
            return Err(format!("break run note reads '{r}'"));
        }
        c.break_from = Some(p);
        c.break_to = Some(q);
    }
    let rate = if cy { " Mae hynny'n " } else { " That is " };
    if let Some(i) = notes.find(rate) {
        let r = &notes[i + rate.len()..];
        let less = if cy { "llai na 0.01 " } else { "fewer than 0.01 " };
        let (claim, r) = match r.strip_prefix(less) {
            Some(r) => (RateClaim::FewerThanOneHundredth, r),
            None => {
                let (v, r) = decimal(r)?;
                (RateClaim::Value(v), r.strip_prefix(' ').ok_or("rate without a space")?)
            }
        };
        let unit = if cy { "trosedd fesul 1,000 o bobl." } else { "offences per 1,000 people." };
        if !r.starts_with(unit) {
            return Err(format!("rate unit reads '{r}'"));
        }
        c.rate = Some(claim);
    }
    c.few_residents_note = notes.contains(if cy { "Ychydig o bobl sy'n byw yn yr ardal hon" } else { "Few people live in this area" });

    // Every claim in the text must have been read: nothing slips past unparsed.
    let pct = count(s, "%");
    let parsed_pct = matches!(c.change, Some(ChangeClaim::Percent { .. })) as usize;
    if pct != parsed_pct {
        return Err(format!("{pct} percentages in the text, {parsed_pct} read"));
    }
    let recs = if cy { count(s, "uchaf") + count(s, "isaf") + count(s, "llai na'r") } else { count(s, "highest") + count(s, "lowest") + count(s, "fewer than the") };
    if recs != c.records.len() {
        return Err(format!("{recs} record claims in the text, {} read", c.records.len()));
    }
    let rates = count(s, if cy { "fesul 1,000" } else { "per 1,000" });
    if rates != c.rate.is_some() as usize {
        return Err(format!("{rates} rates in the text, {} read", c.rate.is_some() as usize));
    }
    if count(s, if cy { "Ni ellir cymharu" } else { "cannot be compared" }) != c.break_from.is_some() as usize {
        return Err("a break note that was not read".into());
    }
    Ok(c)
}

/// The Welsh recorder phrase ("… a gofnodwyd gan Heddlu Gogledd Cymru yn ").
fn welsh_subject(head: &str) -> Result<Subject, String> {
    let i = head.rfind(" a gofnodwyd gan ").ok_or_else(|| format!("no 'a gofnodwyd gan' in '{head}'"))?;
    let who = head[i + " a gofnodwyd gan ".len()..].trim_end_matches(" yn ").trim_end();
    let who = who.strip_suffix(" yn").unwrap_or(who);
    Ok(if let Some(x) = who.strip_prefix("Heddlu ") {
        Subject::Force(x.to_string())
    } else if let Some(x) = who.strip_prefix("yr heddlu yn ardal ") {
        Subject::Named(x.to_string())
    } else if let Some(x) = who.strip_prefix("yr heddlu ") {
        let x = match x {
            "yng Nghymru" => "Cymru",
            "yng Nghymru a Lloegr" => "Cymru a Lloegr",
            "yn Lloegr" => "Lloegr",
            other => return Err(format!("unknown Welsh place phrase '{other}'")),
        };
        Subject::Aggregate(x.to_string())
    } else {
        Subject::Named(who.to_string())
    })
}

fn percent_size(text: &str, cy: bool) -> Result<(PercentSize, &str), String> {
    let (less, more) = if cy { ("lai na 0.5%", "fwy na 99.5%") } else { ("less than 0.5%", "more than 99.5%") };
    if let Some(r) = text.strip_prefix(less) {
        return Ok((PercentSize::LessThanHalf, r));
    }
    if let Some(r) = text.strip_prefix(more) {
        return Ok((PercentSize::MoreThan99Half, r));
    }
    let (n, r) = number(text)?;
    if n < 0 {
        return Err(format!("a signed percentage after up/down: '{text}'"));
    }
    Ok((PercentSize::Whole(n), r.strip_prefix('%').ok_or_else(|| format!("no % at '{r}'"))?))
}

fn parse_clause(clause: &str, cy: bool, c: &mut Claims) -> Result<(), String> {
    let bad = || Err(format!("unreadable clause '{clause}'"));
    if !cy {
        if clause == "unchanged from the year before" {
            c.change = Some(ChangeClaim::Unchanged);
        } else if let Some(r) = clause.strip_prefix("compared with ") {
            let (n, r) = number(r)?;
            if r != " the year before" {
                return bad();
            }
            c.change = Some(ChangeClaim::Compared(n));
        } else if let Some((up, r)) = clause.strip_prefix("up ").map(|r| (true, r)).or(clause.strip_prefix("down ").map(|r| (false, r))) {
            let (size, r) = percent_size(r, false)?;
            let r = r.strip_prefix(" from ").ok_or("no 'from'")?;
            let (before, r) = number(r)?;
            if r != " the year before" {
                return bad();
            }
            c.change = Some(ChangeClaim::Percent { up, size, before });
        } else if let Some(r) = clause.strip_prefix("the highest figure in this series, which began in ").map(|r| (true, r)).or(clause.strip_prefix("the lowest figure in this series, which began in ").map(|r| (false, r))) {
            let began: u16 = r.1.parse().map_err(|_| format!("no year in '{clause}'"))?;
            c.records.push(RecordClaim::InSeries { highest: r.0, began });
        } else if let Some((highest, r)) = clause.strip_prefix("the highest since the year ending ").map(|r| (true, r)).or(clause.strip_prefix("the lowest since the year ending ").map(|r| (false, r))) {
            let (since, r) = month_year(r, false)?;
            if !r.is_empty() {
                return bad();
            }
            c.records.push(RecordClaim::Since { highest, since });
        } else if let Some(r) = clause.strip_prefix("fewer than the ") {
            let (value, r) = number(r)?;
            let r = r.strip_prefix(" recorded in the year ending ").ok_or("no period in 'fewer than'")?;
            let (period, r) = month_year(r, false)?;
            if !r.is_empty() {
                return bad();
            }
            c.records.push(RecordClaim::FewerThan { value, period });
        } else {
            return bad();
        }
    } else if clause == "yr un faint â'r flwyddyn flaenorol" {
        c.change = Some(ChangeClaim::Unchanged);
    } else if let Some(r) = clause.strip_prefix("o'i gymharu â ") {
        let (n, r) = number(r)?;
        if r != " y flwyddyn flaenorol" {
            return bad();
        }
        c.change = Some(ChangeClaim::Compared(n));
    } else if let Some((up, r)) = clause.strip_prefix("cynnydd o ").map(|r| (true, r)).or(clause.strip_prefix("gostyngiad o ").map(|r| (false, r))) {
        let (size, r) = percent_size(r, true)?;
        let r = r.strip_prefix(" ers y flwyddyn flaenorol (").ok_or("no year before")?;
        let (before, r) = number(r)?;
        if r != ")" {
            return bad();
        }
        c.change = Some(ChangeClaim::Percent { up, size, before });
    } else if let Some((highest, r)) = clause.strip_prefix("y ffigur uchaf yn y gyfres hon, a ddechreuodd yn ").map(|r| (true, r)).or(clause.strip_prefix("y ffigur isaf yn y gyfres hon, a ddechreuodd yn ").map(|r| (false, r))) {
        let began: u16 = r.parse().map_err(|_| format!("no year in '{clause}'"))?;
        c.records.push(RecordClaim::InSeries { highest, began });
    } else if let Some((highest, r)) = clause.strip_prefix("y ffigur uchaf ers y flwyddyn yn gorffen ").map(|r| (true, r)).or(clause.strip_prefix("y ffigur isaf ers y flwyddyn yn gorffen ").map(|r| (false, r))) {
        let (since, r) = month_year(r, true)?;
        if !r.is_empty() {
            return bad();
        }
        c.records.push(RecordClaim::Since { highest, since });
    } else if let Some(r) = clause.strip_prefix("llai na'r ") {
        let (value, r) = number(r)?;
        let r = r.strip_prefix(" a gofnodwyd yn y flwyddyn yn gorffen ").ok_or("no period in 'llai na'r'")?;
        let (period, r) = month_year(r, true)?;
        if !r.is_empty() {
            return bad();
        }
        c.records.push(RecordClaim::FewerThan { value, period });
    } else {
        return bad();
    }
    Ok(())
}

/// "the North East" → "north east"; "North Wales Police" → "north wales"; "the East of
/// England" → "east". For comparing a sentence's subject with an area's name.
fn norm(name: &str) -> String {
    let n = name.trim().to_lowercase();
    let n = n.strip_prefix("the ").unwrap_or(&n).to_string();
    let n = n.strip_suffix(" police").unwrap_or(&n).to_string();
    if n == "east of england" {
        "east".into()
    } else {
        n
    }
}

/// Whether the sentence's subject is `area` (by its name in the sentence's language and the
/// way its kind is introduced).
pub fn subject_is(ds: &Dataset, subject: &Subject, area: usize, cy: bool) -> bool {
    let a = &ds.areas()[area];
    let name = if cy { a.name_cy.as_deref().unwrap_or(&a.name) } else { &a.name };
    let kind_ok = |want: &[AreaKind]| want.contains(&a.kind);
    match subject {
        Subject::Force(x) => kind_ok(&[AreaKind::Force, AreaKind::OtherForce]) && norm(x) == norm(name),
        Subject::Aggregate(x) => a.kind.is_aggregate() && norm(x) == norm(name),
        Subject::Local(x) => kind_ok(&[AreaKind::Csp]) && norm(x) == norm(name),
        Subject::Body(x) => kind_ok(&[AreaKind::FraudBody]) && x == name,
        Subject::Named(x) => x == name,
    }
}

/// Round half away from zero of 100·d/b for whole numbers, exactly.
fn rounded_percent(d: i64, b: i64) -> i64 {
    (200 * d + b) / (2 * b)
}

/// Checks one sentence's claims against the dataset, for `area` and `offence`.
pub fn check_claims(ds: &Dataset, c: &Claims, area: usize, offence: usize) -> Result<(), String> {
    let periods = ds.periods();
    let p = ds.period_index(c.period).ok_or("the period is not in the dataset")?;
    let counts = ds.counts(area, offence);
    let at = |i: usize| counts.get(i).copied().flatten();
    let now = at(p).ok_or("the dataset has no figure for the period described")?;
    if c.figure != now {
        return Err(format!("figure {} but the dataset has {now}", c.figure));
    }
    let break_between = |earlier: usize, later: usize| ds.break_between(area, offence, earlier, later);
    if now < 0 {
        if !c.negative_frame || c.change.is_some() || !c.records.is_empty() || c.rate.is_some() {
            return Err("a negative figure is compared or given a rate".into());
        }
        return Ok(());
    }
    if c.negative_frame {
        return Err("a non-negative figure described as an adjustment".into());
    }
    // The year before.
    let ib = c.period.minus_months(12).and_then(|q| ds.period_index(q));
    let b = ib.and_then(at);
    let brk = ib.and_then(|ib| break_between(ib, p));
    match (&c.change, b, brk) {
        (Some(_), _, Some(br)) => return Err(format!("compared across a break at {}", periods[br.period])),
        (Some(_), None, _) => return Err("a change on a year before that has no figure".into()),
        (Some(_), Some(b), _) if b < 0 => return Err("a change on a negative year before".into()),
        (Some(ChangeClaim::Unchanged), Some(b), None) if b != now => return Err(format!("'unchanged' but {b} then and {now} now")),
        (Some(ChangeClaim::Compared(n)), Some(b), None) => {
            if *n != b {
                return Err(format!("year before {n} but the dataset has {b}"));
            }
            if b >= SMALL_BASE {
                return Err(format!("no percentage on a base of {b}"));
            }
        }
        (Some(ChangeClaim::Percent { up, size, before }), Some(b), None) => {
            if *before != b {
                return Err(format!("year before {before} but the dataset has {b}"));
            }
            if b < SMALL_BASE {
                return Err(format!("a percentage on a base of {b}"));
            }
            if *up != (now > b) || now == b {
                return Err(format!("direction wrong: {b} to {now}"));
            }
            let d = (now - b).abs();
            let ok = match size {
                PercentSize::LessThanHalf => d > 0 && 200 * d < b,
                PercentSize::MoreThan99Half => !up && now > 0 && 200 * d >= 199 * b,
                PercentSize::Whole(k) => *k == rounded_percent(d, b) && *k > 0 && (*up || (*k <= 100 && (*k < 100 || now == 0))),
            };
            if !ok {
                return Err(format!("{size:?} is not the change from {b} to {now} (exactly {:.4}%)", d as f64 * 100.0 / b as f64));
            }
        }
        (None, Some(b), None) if b >= 0 => return Err(format!("no comparison with a comparable year before ({b})")),
        (None, _, Some(br)) if c.break_to.is_none() && c.break_from != Some(periods[br.period]) => return Err(format!("a break at {} without its note", periods[br.period])),
        (None, _, None) if c.break_from.is_some() => return Err("a break note with no break between the two years".into()),
        _ => {}
    }
    if let (Some(from), Some(to)) = (c.break_from, c.break_to) {
        // A run: a break at every period from `from` to `to`, none just before or just after,
        // and the break between the two years is one of them.
        let fi = ds.period_index(from).ok_or("break run starts at a period not in the data")?;
        let ti = ds.period_index(to).ok_or("break run ends at a period not in the data")?;
        let all = ds.breaks(area, offence);
        let has = |i: usize| all.iter().any(|b| b.period == i);
        if fi >= ti || !(fi..=ti).all(has) || (fi > 0 && has(fi - 1)) || has(ti + 1) {
            return Err(format!("the data's breaks are not a run from {from} to {to}"));
        }
        match brk {
            Some(br) if (fi..=ti).contains(&br.period) => {}
            _ => return Err(format!("a break run note ({from} to {to}) that does not hold the break between the two years")),
        }
    } else if let Some(bp) = c.break_from {
        let bi = ds.period_index(bp).ok_or("break note names a period not in the data")?;
        match (ib, brk) {
            (Some(_), Some(br)) if br.period == bi => {}
            _ => return Err(format!("a break note for {bp} that the data does not have between the two years")),
        }
    }
    // Records, against the whole series.
    let first = (0..counts.len()).find(|&i| at(i).is_some()).ok_or("no first figure")?;
    for r in &c.records {
        let run_beaten = |from: usize, highest: bool| -> Result<(), String> {
            for i in from..p {
                match at(i) {
                    Some(v) if v >= 0 && (if highest { v < now } else { v > now }) => {}
                    other => return Err(format!("{r:?}: {} was {other:?}, now {now}", periods[i])),
                }
            }
            Ok(())
        };
        match r {
            RecordClaim::InSeries { highest, began } => {
                if *began != periods[first].year {
                    return Err(format!("series began in {} (first figure {}), not {began}", periods[first].year, periods[first]));
                }
                if let Some(br) = break_between(first, p) {
                    return Err(format!("a series record across a break at {}", periods[br.period]));
                }
                run_beaten(first, *highest)?;
            }
            RecordClaim::Since { highest, since } => {
                let k = ds.period_index(*since).ok_or("record names a period not in the data")?;
                let v = at(k).ok_or("record names a period with no figure")?;
                if v < 0 || (if *highest { v <= now } else { v >= now }) || k >= p {
                    return Err(format!("{r:?}: {since} was {v}, now {now}"));
                }
                if let Some(br) = break_between(k, p) {
                    return Err(format!("a record across a break at {}", periods[br.period]));
                }
                run_beaten(k + 1, *highest)?;
            }
            RecordClaim::FewerThan { value, period } => {
                let k = ds.period_index(*period).ok_or("names a period not in the data")?;
                if at(k) != Some(*value) || *value <= now || k >= p {
                    return Err(format!("{r:?}: the dataset has {:?} then and {now} now", at(k)));
                }
                if let Some(br) = break_between(k, p) {
                    return Err(format!("compared across a break at {}", periods[br.period]));
                }
            }
        }
    }
    // The rate.
    let rate = ds.rate_per_1000(area, offence, p);
    match (&c.rate, rate) {
        (Some(_), None) => return Err("a rate where the dataset has none".into()),
        (Some(RateClaim::FewerThanOneHundredth), Some(r)) if !(r < 0.01 && now > 0) => return Err(format!("'fewer than 0.01' but the rate is {r}")),
        (Some(RateClaim::Value(v)), Some(r)) => {
            if (v - r).abs() > 0.005 + 1e-9 {
                return Err(format!("rate {v} but the dataset gives {r}"));
            }
            if *v == 0.0 && now > 0 {
                return Err("a zero rate for a non-zero count".into());
            }
        }
        (None, Some(_)) if now > 0 => return Err("no rate where the dataset has one".into()),
        _ => {}
    }
    let tiny = ["E23000034", "E09000001", "E22000180"].contains(&ds.areas()[area].code.as_str());
    if c.few_residents_note != (tiny && c.rate.is_some()) {
        return Err(format!("few-residents note {} for {}", c.few_residents_note, ds.areas()[area].name));
    }
    Ok(())
}

/// Checks every sentence of a view built from `state`: the right areas, the right period,
/// every claim. Returns how many sentences were checked.
pub fn check_view(ds: &Dataset, state: &WidgetState, view: &View) -> Result<usize, String> {
    let Ok(offence) = ds.find_offence(&state.offence) else { return Ok(0) };
    let asked: Vec<usize> = state.areas.iter().filter_map(|a| ds.find_area(a).ok()).collect();
    check_resolved(ds, state, view, &asked, offence)
}

/// As [`check_view`], with the state's areas and offence already resolved (name search is
/// slow in a debug build, and a property test knows what it asked for).
pub fn check_resolved(ds: &Dataset, state: &WidgetState, view: &View, asked: &[usize], offence: usize) -> Result<usize, String> {
    let cy = state.lang == crime_compare::i18n::Lang::Cy;
    let mut asked = asked.to_vec();
    asked.dedup();
    for s in &view.narrative {
        if s.contains("0.0%") || s.contains("..") || s.contains("offences of total recorded crime") || s.contains("Yorkshire and The Humber") || s.contains("in Action Fraud") {
            return Err(format!("known bad wording in '{s}'"));
        }
        if !cy && (s.contains("Police in North ") || s.contains("Police in South ") || s.contains("Police in East") || s.contains("Police in West ")) {
            return Err(format!("a region without 'the' in '{s}'"));
        }
        let claims = parse(s, cy).map_err(|e| format!("{e}\n  in: {s}"))?;
        let candidates: Vec<usize> = asked.iter().copied().filter(|&a| subject_is(ds, &claims.subject, a, cy)).collect();
        let Some(&area) = candidates.first() else {
            return Err(format!("subject {:?} is none of the areas asked for\n  in: {s}", claims.subject));
        };
        if state.kind == KindChoice::Ranking && Some(&area) != asked.first() {
            return Err(format!("a ranking sentence not about its first area\n  in: {s}"));
        }
        // The period: in range; for a trend the latest in range with a figure, for a ranking the
        // period ranked.
        let in_range = |q: YearMonth| state.from.is_none_or(|f| q >= f) && state.to.is_none_or(|t| q <= t);
        if !in_range(claims.period) {
            return Err(format!("period {} outside the range shown\n  in: {s}", claims.period));
        }
        if state.kind == KindChoice::Ranking {
            if view.input.periods.get(view.input.ranking_period) != Some(&claims.period) {
                return Err(format!("describes {} but ranks another period\n  in: {s}", claims.period));
            }
        } else {
            let latest = (0..ds.periods().len()).filter(|&i| in_range(ds.periods()[i]) && ds.count(area, offence, i).is_some()).max();
            if latest.map(|i| ds.periods()[i]) != Some(claims.period) {
                return Err(format!("describes {} but the latest figure in range is {:?}\n  in: {s}", claims.period, latest.map(|i| ds.periods()[i])));
            }
        }
        check_claims(ds, &claims, area, offence).map_err(|e| format!("{e}\n  in: {s}"))?;
    }
    Ok(view.narrative.len())
}
