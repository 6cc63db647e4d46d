//! From what an embed asks for to what the chart shows.
//!
//! [`WidgetState`] is the embed's configuration (its attributes, then whatever the reader
//! changes); [`build`] resolves it against the bundled [`Dataset`] and any publisher data into a
//! [`View`]: the chart input, the narrative, the messages to show. It is pure, so the whole
//! widget's behaviour short of the DOM is tested natively.

use crate::chart::{ChangeMode, ChartInput, ChartKind, Measure, Role, Series, Theme};
use crate::i18n::{self, Key, Lang};
use crate::model::{AreaId, AreaKind, Dataset};
use crate::narrative::{self, NarrativeInput, SubjectKind};
use crate::period::YearMonth;
use crate::publisher::{same_name, PublisherData};

/// At most this many areas on one chart: more lines than this cannot be told apart.
pub const MAX_AREAS: usize = 6;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MeasureChoice {
    Count,
    Rate,
    Change,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KindChoice {
    Trend,
    Ranking,
    Change,
    /// Every police force area on a map (see `map_view`).
    Map,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ThemeChoice {
    Light,
    Dark,
    Auto,
}

/// What an embed asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetState {
    /// The areas as the publisher or reader named them; the first is the `area` attribute,
    /// the rest `compare`.
    pub areas: Vec<String>,
    pub offence: String,
    pub measure: MeasureChoice,
    pub kind: KindChoice,
    pub from: Option<YearMonth>,
    pub to: Option<YearMonth>,
    pub lang: Lang,
    pub theme: ThemeChoice,
    /// A map's frame: `england-wales` (the default), `wales`, `england` or an English region.
    pub extent: Option<String>,
}

impl Default for WidgetState {
    fn default() -> Self {
        WidgetState {
            areas: vec!["England and Wales".to_string()],
            offence: "Total recorded crime (excluding fraud)".to_string(),
            measure: MeasureChoice::Count,
            kind: KindChoice::Trend,
            from: None,
            to: None,
            lang: Lang::En,
            theme: ThemeChoice::Auto,
            extent: None,
        }
    }
}

impl WidgetState {
    /// Applies one attribute. An unknown value is reported and leaves the state as it was, so a
    /// typo in one attribute does not blank the widget.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let v = value.trim();
        let lower = v.to_ascii_lowercase();
        match name {
            "area" => {
                let rest: Vec<String> = self.areas.iter().skip(1).cloned().collect();
                self.areas = split_list(v).into_iter().take(1).chain(rest).collect();
            }
            "compare" => {
                let first: Vec<String> = self.areas.iter().take(1).cloned().collect();
                self.areas = first.into_iter().chain(split_list(v)).collect();
            }
            "offence" if !v.is_empty() => self.offence = v.to_string(),
            "measure" => {
                self.measure = match lower.as_str() {
                    "count" | "" => MeasureChoice::Count,
                    "rate" => MeasureChoice::Rate,
                    "change" => MeasureChoice::Change,
                    _ => return Err(format!("measure=\"{v}\" is not one of count, rate, change")),
                }
            }
            "kind" => {
                self.kind = match lower.as_str() {
                    "trend" | "" => KindChoice::Trend,
                    "ranking" => KindChoice::Ranking,
                    "change" => KindChoice::Change,
                    "map" => KindChoice::Map,
                    _ => return Err(format!("kind=\"{v}\" is not one of trend, ranking, change, map")),
                }
            }
            "from" | "to" => {
                let parsed = if v.is_empty() {
                    None
                } else {
                    Some(YearMonth::parse(v).map_err(|e| format!("{name}: {e}"))?)
                };
                if name == "from" {
                    self.from = parsed
                } else {
                    self.to = parsed
                }
            }
            "lang" => self.lang = Lang::from_tag(v),
            "extent" => self.extent = (!v.is_empty()).then(|| v.to_string()),
            "theme" => {
                self.theme = match lower.as_str() {
                    "light" => ThemeChoice::Light,
                    "dark" => ThemeChoice::Dark,
                    "auto" | "" => ThemeChoice::Auto,
                    _ => return Err(format!("theme=\"{v}\" is not one of light, dark, auto")),
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The state as attribute pairs, for `crime-compare:change` events and `sync-url`.
    pub fn to_attributes(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![
            ("area", self.areas.first().cloned().unwrap_or_default()),
            ("compare", self.areas.iter().skip(1).cloned().collect::<Vec<_>>().join(",")),
            ("offence", self.offence.clone()),
            (
                "measure",
                match self.measure {
                    MeasureChoice::Count => "count",
                    MeasureChoice::Rate => "rate",
                    MeasureChoice::Change => "change",
                }
                .into(),
            ),
            (
                "kind",
                match self.kind {
                    KindChoice::Trend => "trend",
                    KindChoice::Ranking => "ranking",
                    KindChoice::Change => "change",
                    KindChoice::Map => "map",
                }
                .into(),
            ),
            ("from", self.from.map(|p| p.to_string()).unwrap_or_default()),
            ("to", self.to.map(|p| p.to_string()).unwrap_or_default()),
            ("lang", self.lang.tag().into()),
            (
                "theme",
                match self.theme {
                    ThemeChoice::Light => "light",
                    ThemeChoice::Dark => "dark",
                    ThemeChoice::Auto => "auto",
                }
                .into(),
            ),
        ];
        // Only a map has an extent: other embeds keep the attributes they always had.
        if let Some(e) = &self.extent {
            out.push(("extent", e.clone()));
        }
        out
    }

    /// Adds an area (if there is room and it is not there already).
    pub fn add_area(&mut self, name: &str) -> bool {
        if self.areas.len() >= MAX_AREAS || self.areas.iter().any(|a| same_name(a, name)) {
            return false;
        }
        self.areas.push(name.to_string());
        true
    }

    pub fn remove_area(&mut self, index: usize) {
        if index < self.areas.len() {
            self.areas.remove(index);
        }
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(MAX_AREAS)
        .map(str::to_string)
        .collect()
}

/// How many times larger one charted area's population must be than another's before an embed
/// that names no measure is charted as a rate.
pub const RATE_WHEN_POPULATIONS_DIFFER: f64 = 10.0;

/// The measure for an embed that names none. When the charted areas' populations differ more
/// than tenfold (a force against Wales, or against England and Wales), counts would draw the
/// smaller area as a flat line along the foot of a chart scaled to the larger, so the rate per
/// 1,000 people is charted. With one area, areas of similar size, or populations unknown (a
/// publisher's own area, a fraud body), counts. Populations are each area's latest mid-year
/// estimate.
pub fn default_measure(dataset: &Dataset, areas: &[String]) -> MeasureChoice {
    // Each area's latest estimate: the newest mid-year may not be published for every area.
    let latest = |id: AreaId| -> Option<u64> {
        let (first, last) = dataset.population_years()?;
        (first..=last).rev().find_map(|year| dataset.population(id, year).filter(|&p| p > 0))
    };
    let populations: Vec<f64> = areas
        .iter()
        .take(MAX_AREAS)
        .filter_map(|name| dataset.find_area(name).ok())
        .filter_map(latest)
        .map(|p| p as f64)
        .collect();
    let (smallest, largest) = populations.iter().fold((f64::INFINITY, 0.0_f64), |(lo, hi), &p| (lo.min(p), hi.max(p)));
    if populations.len() >= 2 && largest > smallest * RATE_WHEN_POPULATIONS_DIFFER {
        MeasureChoice::Rate
    } else {
        MeasureChoice::Count
    }
}

/// Where one charted area's figures come from.
#[derive(Clone, Debug, PartialEq)]
pub enum AreaSource {
    Bundled(AreaId),
    /// Figures given inline by the publisher, under this name.
    Publisher(String),
}

/// A resolved area on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartedArea {
    pub label: String,
    pub source: AreaSource,
    pub role: Role,
    pub subject_kind: SubjectKind,
}

/// Everything the widget shows, short of the DOM.
#[derive(Clone, Debug)]
pub struct View {
    pub input: ChartInput,
    pub areas: Vec<ChartedArea>,
    /// Localised offence name.
    pub offence_label: String,
    pub title: String,
    /// One sentence (or two, with a rate) per selected area.
    pub narrative: Vec<String>,
    /// A short description for the canvas's aria-label.
    pub aria_label: String,
    /// Problems the reader should see (unknown names, bad rows), already worded.
    pub messages: Vec<String>,
    /// The source line and the notes the data needs.
    pub source_lines: Vec<String>,
}

/// Resolves `state` into a view. Never fails: problems become messages, and whatever can be
/// charted is.
pub fn build(dataset: &Dataset, publisher: Option<&PublisherData>, state: &WidgetState, width: f64, height: f64, dark: bool) -> View {
    if state.kind == KindChoice::Map {
        return crate::map_view::build_map(dataset, state, width, height, dark);
    }
    let lang = state.lang;
    let mut messages: Vec<String> = Vec::new();
    if let Some(p) = publisher {
        messages.extend(p.errors.iter().map(|e| e.to_string()));
    }
    let publisher_rows = publisher.map(|p| p.rows.as_slice()).unwrap_or(&[]);

    // The offence: bundled if it is one of ours; publisher data may name its own.
    let bundled_offence = dataset.find_offence(&state.offence);
    let publisher_has_offence = publisher_rows.iter().any(|r| same_name(&r.offence, &state.offence));
    let offence_label = match &bundled_offence {
        Ok(id) => {
            let o = &dataset.offences()[*id];
            i18n::offence_name(&o.key, &o.name, lang)
        }
        Err(_) => state.offence.clone(),
    };
    if let (Err(not_found), false) = (&bundled_offence, publisher_has_offence) {
        messages.push(did_you_mean(lang, Key::NoOffenceDidYouMean, Key::NoOffence, &state.offence, &not_found.suggestions));
    }

    // The areas, in the order given.
    let mut areas: Vec<ChartedArea> = Vec::new();
    for name in state.areas.iter().take(MAX_AREAS) {
        let from_publisher = publisher_rows.iter().any(|r| same_name(&r.area, name) && same_name(&r.offence, &state.offence));
        if from_publisher {
            areas.push(ChartedArea {
                label: name.clone(),
                source: AreaSource::Publisher(name.clone()),
                role: Role::Selected,
                subject_kind: SubjectKind::Local,
            });
            continue;
        }
        match dataset.find_area(name) {
            Ok(id) if bundled_offence.is_ok() => {
                if areas.iter().any(|a| a.source == AreaSource::Bundled(id)) {
                    continue;
                }
                let area = &dataset.areas()[id];
                areas.push(ChartedArea {
                    label: area.display_name(lang).to_string(),
                    source: AreaSource::Bundled(id),
                    role: Role::Selected,
                    subject_kind: subject_kind(area.kind),
                });
            }
            Ok(_) => {}
            Err(not_found) => {
                let mut suggestions = not_found.suggestions.clone();
                for r in publisher_rows {
                    if suggestions.len() < 3 && !suggestions.iter().any(|s| same_name(s, &r.area)) && close(&r.area, name) {
                        suggestions.push(r.area.clone());
                    }
                }
                messages.push(did_you_mean(lang, Key::NoAreaDidYouMean, Key::NoArea, name, &suggestions));
            }
        }
    }
    // An area that is a parent of another charted area is its benchmark: dashed and muted.
    let bundled_ids: Vec<AreaId> = areas
        .iter()
        .filter_map(|a| match a.source {
            AreaSource::Bundled(id) => Some(id),
            _ => None,
        })
        .collect();
    for a in areas.iter_mut() {
        if let AreaSource::Bundled(id) = a.source {
            if bundled_ids.iter().any(|&other| other != id && dataset.benchmarks(other).contains(&id)) {
                a.role = Role::Benchmark;
            }
        }
    }

    // The period axis: the bundled periods if any bundled area is charted, plus the publisher's.
    let mut periods: Vec<YearMonth> = Vec::new();
    if areas.iter().any(|a| matches!(a.source, AreaSource::Bundled(_))) || (state.kind == KindChoice::Ranking && bundled_offence.is_ok()) {
        periods.extend_from_slice(dataset.periods());
    }
    for a in &areas {
        if let AreaSource::Publisher(name) = &a.source {
            for r in publisher_rows.iter().filter(|r| same_name(&r.area, name) && same_name(&r.offence, &state.offence)) {
                periods.push(r.period);
            }
        }
    }
    crate::util::sort(&mut periods);
    periods.dedup();
    // Without a `from`, the axis starts where the first charted area's figures do: an offence
    // code first published in 2013 is not drawn against ten empty years.
    if state.from.is_none() {
        let first_bundled = |a: &AreaId| -> Option<YearMonth> {
            let o = *bundled_offence.as_ref().ok()?;
            (0..dataset.periods().len()).find(|&p| dataset.count(*a, o, p).is_some()).map(|p| dataset.periods()[p])
        };
        let start = areas
            .iter()
            .filter_map(|a| match &a.source {
                AreaSource::Bundled(id) => first_bundled(id),
                AreaSource::Publisher(name) => publisher_rows.iter().filter(|r| same_name(&r.area, name) && same_name(&r.offence, &state.offence)).map(|r| r.period).min(),
            })
            .min();
        if let Some(start) = start {
            periods.retain(|p| *p >= start);
        }
    }
    // Values are read over every period, then cut to the reader's range, so that a change on
    // a year earlier is known from the first period in range.
    let all_periods = periods;
    let in_range: Vec<usize> = (0..all_periods.len())
        .filter(|&i| state.from.map_or(true, |f| all_periods[i] >= f) && state.to.map_or(true, |t| all_periods[i] <= t))
        .collect();
    let periods: Vec<YearMonth> = in_range.iter().map(|&i| all_periods[i]).collect();
    let in_view = |p: YearMonth| state.from.map_or(true, |f| p >= f) && state.to.map_or(true, |t| p <= t);
    let year_on_year = state.measure == MeasureChoice::Change;
    let cut = |values: Vec<Option<f64>>| -> Vec<Option<f64>> {
        let values = if year_on_year { crate::chart::transform::year_on_year(&values, &all_periods) } else { values };
        in_range.iter().map(|&i| values.get(i).copied().flatten()).collect()
    };

    let rate = state.measure == MeasureChoice::Rate;
    let figures = Figures { dataset, offence: &bundled_offence, rows: publisher_rows, offence_name: &state.offence };
    let values_for = |source: &AreaSource| figures.series(source, &all_periods, rate);

    // A ranking shows the selected area among its peers: the forces of its region (or of
    // Wales), or every force when the selected area is a country or the national total.
    let mut charted = areas.clone();
    if state.kind == KindChoice::Ranking {
        if let Some(AreaSource::Bundled(first)) = areas.first().map(|a| a.source.clone()) {
            let area = &dataset.areas()[first];
            let group = match area.kind {
                AreaKind::Force | AreaKind::Csp => area.parent,
                AreaKind::Region => Some(first),
                _ => None,
            };
            let peers: Vec<AreaId> = match group {
                Some(g) => dataset.children(g),
                None => (0..dataset.areas().len()).filter(|&i| dataset.areas()[i].kind == AreaKind::Force).collect(),
            };
            charted = peers
                .into_iter()
                .map(|id| {
                    let a = &dataset.areas()[id];
                    let selected = bundled_ids.contains(&id);
                    ChartedArea {
                        label: a.display_name(lang).to_string(),
                        source: AreaSource::Bundled(id),
                        role: if selected { Role::Selected } else { Role::Benchmark },
                        subject_kind: subject_kind(a.kind),
                    }
                })
                .collect();
        }
    }

    // Series breaks (a reclassification, the join of two releases): the line is not drawn
    // across one, and a change on a year earlier that spans one is no figure at all.
    let breaks_of = |source: &AreaSource| -> Vec<usize> {
        let (AreaSource::Bundled(id), Ok(o)) = (source, &bundled_offence) else { return Vec::new() };
        dataset.breaks(*id, *o).iter().map(|b| b.period).collect()
    };
    let ds_index = |p: YearMonth| dataset.period_index(p);
    let series: Vec<Series> = charted
        .iter()
        .map(|a| {
            let mut values = cut(values_for(&a.source));
            let breaks = breaks_of(&a.source);
            if year_on_year && !breaks.is_empty() {
                for (k, p) in periods.iter().enumerate() {
                    let (Some(now), Some(before)) = (ds_index(*p), p.minus_months(12).and_then(ds_index)) else { continue };
                    if breaks.iter().any(|&b| b > before && b <= now) {
                        values[k] = None;
                    }
                }
            }
            Series { label: a.label.clone(), values, role: a.role }
        })
        .collect();
    let series_breaks: Vec<Vec<usize>> = charted
        .iter()
        .map(|a| {
            let b = breaks_of(&a.source);
            (1..periods.len()).filter(|&k| ds_index(periods[k]).is_some_and(|i| b.contains(&i))).collect()
        })
        .collect();

    let (kind, measure, change) = match (state.kind, state.measure) {
        (KindChoice::Ranking, MeasureChoice::Change) => (ChartKind::Ranking, Measure::Count, ChangeMode::YearOnYearGiven),
        (KindChoice::Ranking, m) => (ChartKind::Ranking, chart_measure(m), ChangeMode::YearOnYear),
        (_, MeasureChoice::Change) => (ChartKind::Change, Measure::Count, ChangeMode::YearOnYearGiven),
        (KindChoice::Change, m) => (ChartKind::Change, chart_measure(m), ChangeMode::IndexToBase { base: common_base(&series) }),
        (KindChoice::Trend | KindChoice::Map, m) => (ChartKind::Trend, chart_measure(m), ChangeMode::YearOnYear),
    };
    // The ranking shows the last period in range that has a value for the selected area.
    let ranking_period = series
        .iter()
        .filter(|s| s.role == Role::Selected)
        .chain(series.iter())
        .find_map(|s| s.values.iter().rposition(Option::is_some))
        .unwrap_or(periods.len().saturating_sub(1));

    let input = ChartInput {
        kind,
        measure,
        change,
        periods: periods.clone(),
        series,
        ranking_period,
        offence_label: offence_label.clone(),
        lang,
        theme: if dark { Theme::Dark } else { Theme::Light },
        width,
        height,
        // The page shows the title, subtitle and source line as text; downloads draw them.
        titles: false,
        sources: Vec::new(),
        breaks: series_breaks,
        map: None,
    };

    // The narrative: one sentence per selected area, about the last period in range it has a
    // figure for (or the ranked period), in the way the source stories write. Its claims
    // (records, the start of the series) are about the whole series, not the range shown.
    let offence_english = match &bundled_offence {
        Ok(id) => dataset.offences()[*id].name.clone(),
        Err(_) => state.offence.clone(),
    };
    // A ranking is about its first area among that area's peers; a trend describes each
    // selected area, not the benchmarks.
    let described: Vec<&ChartedArea> = if kind == ChartKind::Ranking {
        areas.iter().take(1).collect()
    } else {
        areas.iter().filter(|a| a.role == Role::Selected).collect()
    };
    let ranked = periods.get(ranking_period).copied();
    let narrative: Vec<String> = described
        .into_iter()
        .filter_map(|a| {
            let whole = figures.whole_series(&a.source);
            let counts = &whole.counts;
            let at = if kind == ChartKind::Ranking {
                ranked.and_then(|p| whole.periods.iter().position(|q| *q == p))
            } else {
                (0..whole.periods.len()).filter(|&i| counts[i].is_some() && in_view(whole.periods[i])).max_by_key(|&i| whole.periods[i])
            }?;
            narrative::sentence(&NarrativeInput {
                subject: &a.label,
                subject_kind: a.subject_kind,
                offence: &offence_english,
                periods: &whole.periods,
                values: counts,
                period: Some(at),
                rate_per_1000: whole.rates.get(at).copied().flatten(),
                breaks: &whole.breaks,
                few_residents: whole.few_residents,
                lang,
            })
        })
        .collect();
    let aria_label = narrative::chart_summary(&input);

    let mut source_lines = vec![i18n::t(Key::SourceLine, lang).to_string()];
    if input.kind != ChartKind::Ranking && input.breaks.iter().any(|b| !b.is_empty()) {
        source_lines.push(i18n::t(Key::BreaksNote, lang).to_string());
    }
    if areas.iter().any(|a| matches!(a.source, AreaSource::Bundled(_))) || state.kind == KindChoice::Ranking {
        // The releases the charted periods come from, then the note on populations.
        let plotted = input.plotted();
        let shown: Vec<usize> = (0..input.periods.len())
            .filter(|&i| plotted.iter().any(|s| s.get(i).copied().flatten().is_some()))
            .filter_map(|i| dataset.period_index(input.periods[i]))
            .collect();
        if let (Some(&first), Some(&last)) = (shown.first(), shown.last()) {
            let releases: Vec<String> = dataset.releases_between(first, last).into_iter().map(|r| i18n::release_name(r, lang)).collect();
            if !releases.is_empty() {
                source_lines.push(format!("{}: {}.", i18n::t(Key::Figures, lang), releases.join("; ")));
            }
        }
        source_lines.push(i18n::source_note(dataset.source_note(), lang));
    }
    if let Some(p) = publisher {
        let sources = p.sources();
        if !sources.is_empty() {
            source_lines.push(sources.join("; "));
        }
    }
    let title = input.title();
    let mut input = input;
    input.sources = source_lines[1..].to_vec();
    View { input, areas, offence_label, title, narrative, aria_label, messages, source_lines }
}

/// The sentences the widget would show for `state`, one per described area, for
/// `crime-data narrate` (journalists copy them; tests check them). Names that match nothing
/// are an error, worded as the widget words them.
pub fn narrate(dataset: &Dataset, state: &WidgetState) -> Result<Vec<String>, String> {
    let v = build(dataset, None, state, 640.0, 400.0, false);
    if !v.messages.is_empty() {
        return Err(v.messages.join("\n"));
    }
    Ok(v.narrative)
}

/// One area's whole series as `period,value` lines, every period of the dataset in order, the
/// value empty where there is no figure: counts, or rates per 1,000 people with two decimals.
/// For `crime-data query` without a period.
pub fn series_lines(dataset: &Dataset, area: AreaId, offence: crate::model::OffenceId, rate: bool) -> Vec<String> {
    (0..dataset.periods().len())
        .map(|p| {
            let value = if rate {
                dataset.rate_per_1000(area, offence, p).map(|r| format!("{r:.2}"))
            } else {
                dataset.count(area, offence, p).map(|c| c.to_string())
            };
            format!("{},{}", dataset.periods()[p], value.unwrap_or_default())
        })
        .collect()
}

/// Where a charted area's figures are read from: the bundled dataset or the publisher's rows.
struct Figures<'a> {
    dataset: &'a Dataset,
    offence: &'a Result<usize, crate::model::NotFound>,
    rows: &'a [crate::publisher::PublisherRow],
    offence_name: &'a str,
}

/// One area's whole series, for the narrative: every period it could have a figure for.
struct WholeSeries {
    periods: Vec<YearMonth>,
    counts: Vec<Option<f64>>,
    rates: Vec<Option<f64>>,
    breaks: Vec<narrative::SeriesBreak>,
    few_residents: bool,
}

/// Areas where few people live but many work or visit, so a rate per resident misleads: the
/// City of London (its police force area, local authority and community safety partnership).
const FEW_RESIDENTS: [&str; 3] = ["E23000034", "E09000001", "E22000180"];

impl Figures<'_> {
    /// The bundled dataset's periods for a bundled area; for publisher figures, every period
    /// the publisher gives this offence for (any area), so a year one area lacks is a gap.
    fn whole_series(&self, source: &AreaSource) -> WholeSeries {
        match source {
            AreaSource::Bundled(id) => {
                let periods = self.dataset.periods().to_vec();
                let Ok(o) = self.offence else {
                    return WholeSeries { counts: vec![None; periods.len()], rates: vec![None; periods.len()], periods, breaks: Vec::new(), few_residents: false };
                };
                WholeSeries {
                    counts: self.dataset.counts(*id, *o).into_iter().map(|c| c.map(|c| c as f64)).collect(),
                    rates: (0..periods.len()).map(|p| self.dataset.rate_per_1000(*id, *o, p)).collect(),
                    periods,
                    breaks: self.dataset.breaks(*id, *o),
                    few_residents: self.dataset.areas().get(*id).is_some_and(|a| FEW_RESIDENTS.contains(&a.code.as_str())),
                }
            }
            AreaSource::Publisher(_) => {
                let mut periods: Vec<YearMonth> = self.rows.iter().filter(|r| same_name(&r.offence, self.offence_name)).map(|r| r.period).collect();
                crate::util::sort(&mut periods);
                periods.dedup();
                let counts = self.series(source, &periods, false);
                let rates = self.series(source, &periods, true);
                WholeSeries { periods, counts, rates, breaks: Vec::new(), few_residents: false }
            }
        }
    }

    /// Counts (or rates per 1,000 people) for `source`, one per period; `None` where there is
    /// no figure, or no population for a rate.
    fn series(&self, source: &AreaSource, periods: &[YearMonth], rate: bool) -> Vec<Option<f64>> {
        periods
            .iter()
            .map(|p| match source {
                AreaSource::Bundled(id) => {
                    let (Ok(o), Some(i)) = (self.offence, self.dataset.period_index(*p)) else { return None };
                    if rate {
                        self.dataset.rate_per_1000(*id, *o, i)
                    } else {
                        self.dataset.count(*id, *o, i).map(|c| c as f64)
                    }
                }
                AreaSource::Publisher(name) => {
                    let row = self.rows.iter().find(|r| r.period == *p && same_name(&r.area, name) && same_name(&r.offence, self.offence_name))?;
                    let count = row.count? as f64;
                    if rate {
                        Some(count / row.population? as f64 * 1000.0)
                    } else {
                        Some(count)
                    }
                }
            })
            .collect()
    }
}

fn chart_measure(m: MeasureChoice) -> Measure {
    match m {
        MeasureChoice::Rate => Measure::Rate,
        _ => Measure::Count,
    }
}

/// The first period at which every series has a value, so every line starts at 100.
fn common_base(series: &[Series]) -> usize {
    let len = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    (0..len)
        .find(|&i| series.iter().all(|s| matches!(s.values.get(i), Some(Some(v)) if *v != 0.0)))
        .or_else(|| (0..len).find(|&i| series.iter().any(|s| matches!(s.values.get(i), Some(Some(_))))))
        .unwrap_or(0)
}

fn subject_kind(kind: AreaKind) -> SubjectKind {
    match kind {
        AreaKind::Force | AreaKind::OtherForce => SubjectKind::Force,
        AreaKind::Csp => SubjectKind::Local,
        AreaKind::FraudBody => SubjectKind::FraudBody,
        _ => SubjectKind::Aggregate,
    }
}

fn did_you_mean(lang: Lang, with_suggestion: Key, without: Key, query: &str, suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        return i18n::fill(i18n::t(without, lang), &[("q", query)]);
    }
    // The nearest name only: a list of guesses reads as noise.
    i18n::fill(i18n::t(with_suggestion, lang), &[("q", query), ("x", &suggestions[0])])
}

/// A loose match for suggesting publisher names: shares a prefix of three letters.
fn close(a: &str, b: &str) -> bool {
    let a = crate::case::lowercase(a.trim());
    let b = crate::case::lowercase(b.trim());
    a.chars().take(3).eq(b.chars().take(3))
}
