//! The view of a map (`kind="map"`): every territorial police force area at one period, for
//! [`crate::view::build`].
//!
//! * **The period** is `to` (or the latest the offence has figures for), the latest period at
//!   or before it that the dataset has.
//! * **The measure.** A rate per 1,000 people, or `measure="change"`: the % change in the count
//!   on the same 12 months a year earlier, withheld (no figure) where a series break falls
//!   between the two (`Dataset::break_between`). A map is never shaded by raw counts: with
//!   `measure="count"` it shows rates and says so under the map. Proportional symbols were the
//!   other choice; they were not taken because 43 circles sized by count pile up over London
//!   and the small northern forces (hiding the areas a reader looks for), need their own hit
//!   testing and legend, and still answer "where is most crime" rather than the question a
//!   reader brings to a map, "how does my area compare", which a rate answers fairly.
//! * **The extent** (`england-wales`, `wales`, or an English region) frames the forces inside
//!   it; the rest are drawn muted for context and are not reachable.
//! * **Ranks** are among every force with a figure (of 43), whatever the extent.

use crate::chart::map::{MapData, MapShape};
use crate::chart::{ChangeMode, ChartInput, ChartKind, Measure, Role, Series, Theme};
use crate::i18n::{self, Key, Lang};
use crate::model::{AreaId, AreaKind, Dataset, OffenceId};
use crate::view::{MeasureChoice, View, WidgetState};

/// The City of London police force area: few residents, many workers and visitors.
pub const CITY_OF_LONDON: &str = "E23000034";
/// The Metropolitan Police area, drawn with the City in the London inset.
pub const METROPOLITAN: &str = "E23000001";

/// Figures for one force at the map's period.
struct Figure {
    value: Option<f64>,
    count: Option<f64>,
}

/// The forces inside `extent` (every force for `None`, "england-wales" or England and Wales),
/// or an error worded for the reader.
fn framed_forces(dataset: &Dataset, extent: Option<&str>, lang: Lang) -> Result<Option<AreaId>, String> {
    let Some(e) = extent.map(str::trim).filter(|e| !e.is_empty()) else { return Ok(None) };
    let lower = crate::case::lowercase(e);
    if matches!(lower.as_str(), "england-wales" | "england and wales" | "england & wales") {
        return Ok(None);
    }
    let query = lower.replace('-', " ");
    match dataset.find_area(&query) {
        Ok(id) if matches!(dataset.areas()[id].kind, AreaKind::Region | AreaKind::Country) => Ok(Some(id)),
        Ok(id) if dataset.areas()[id].kind == AreaKind::National => Ok(None),
        _ => Err(match lang {
            Lang::En => format!("extent=\"{e}\" is not england-wales, wales, england or an English region"),
            Lang::Cy => format!("Nid yw extent=\"{e}\" yn england-wales, wales, england nac yn rhanbarth yn Lloegr"), // [plain]
        }),
    }
}

fn figure(dataset: &Dataset, area: AreaId, o: OffenceId, p: usize, change: bool) -> Figure {
    let count = dataset.count(area, o, p).map(|c| c as f64);
    if !change {
        return Figure { value: dataset.rate_per_1000(area, o, p), count };
    }
    let now = dataset.periods()[p];
    let before = now.minus_months(12).and_then(|b| dataset.period_index(b));
    let value = match (count, before) {
        (Some(n), Some(b)) if dataset.break_between(area, o, b, p).is_none() => match dataset.count(area, o, b) {
            Some(before) if before > 0 && n >= 0.0 => Some((n - before as f64) / before as f64 * 100.0),
            _ => None,
        },
        _ => None,
    };
    Figure { value, count }
}

/// The map's shapes from the dataset's geometry, by force code; `None` where the dataset has no
/// geometry (yet: the web layer fetches its file before it builds a map).
fn shapes(dataset: &Dataset, forces: &[AreaId]) -> Vec<Option<MapShape>> {
    let Some(g) = dataset.geometry() else { return forces.iter().map(|_| None).collect() };
    let pt = |&(x, y): &(i32, i32)| (x as f64, y as f64);
    forces
        .iter()
        .map(|&a| {
            let shape = g.shape(&dataset.areas()[a].code)?;
            Some(MapShape {
                polygons: shape.polygons.iter().map(|p| p.outer.iter().map(pt).collect()).collect(),
                holes: shape.polygons.iter().flat_map(|p| p.holes.iter().map(|h| h.iter().map(pt).collect())).collect(),
                label: pt(&shape.label),
            })
        })
        .collect()
}

/// Builds the view of a map. Never fails: problems become messages.
pub fn build_map(dataset: &Dataset, state: &WidgetState, width: f64, height: f64, dark: bool) -> View {
    let lang = state.lang;
    let mut messages: Vec<String> = Vec::new();
    let offence = dataset.find_offence(&state.offence);
    let offence_label = match &offence {
        Ok(id) => {
            let o = &dataset.offences()[*id];
            i18n::offence_name(&o.key, &o.name, lang)
        }
        Err(nf) => {
            messages.push(match nf.suggestions.first() {
                Some(x) => i18n::fill(i18n::t(Key::NoOffenceDidYouMean, lang), &[("q", &state.offence), ("x", x)]),
                None => i18n::fill(i18n::t(Key::NoOffence, lang), &[("q", &state.offence)]),
            });
            state.offence.clone()
        }
    };
    let extent = match framed_forces(dataset, state.extent.as_deref(), lang) {
        Ok(e) => e,
        Err(m) => {
            messages.push(m);
            None
        }
    };
    // The named areas: the first is labelled (if it is a force), the rest outlined.
    let mut selected: Vec<AreaId> = Vec::new();
    for name in &state.areas {
        match dataset.find_area(name) {
            Ok(id) => selected.push(id),
            Err(nf) => messages.push(match nf.suggestions.first() {
                Some(x) => i18n::fill(i18n::t(Key::NoAreaDidYouMean, lang), &[("q", name), ("x", x)]),
                None => i18n::fill(i18n::t(Key::NoArea, lang), &[("q", name)]),
            }),
        }
    }
    let forces: Vec<AreaId> = (0..dataset.areas().len()).filter(|&i| dataset.areas()[i].kind == AreaKind::Force).collect();
    let change = state.measure == MeasureChoice::Change;
    let national = (0..dataset.areas().len()).find(|&i| dataset.areas()[i].kind == AreaKind::National);

    // The period: `to`, or the latest with a national figure; the latest the dataset has at or
    // before it.
    let period: Option<usize> = offence.as_ref().ok().and_then(|&o| {
        (0..dataset.periods().len())
            .filter(|&p| state.to.map_or(true, |limit| dataset.periods()[p] <= limit))
            .filter(|&p| national.map_or(true, |n| dataset.count(n, o, p).is_some()))
            .max_by_key(|&p| dataset.periods()[p])
    });

    let figures: Vec<Figure> = forces
        .iter()
        .map(|&a| match (&offence, period) {
            (Ok(o), Some(p)) => figure(dataset, a, *o, p, change),
            _ => Figure { value: None, count: None },
        })
        .collect();
    let is_framed = |a: AreaId| extent.map_or(true, |e| dataset.benchmarks(a).contains(&e));
    let main = selected.first().and_then(|a| forces.iter().position(|f| f == a));
    let series: Vec<Series> = forces
        .iter()
        .zip(&figures)
        .map(|(&a, f)| Series {
            label: dataset.areas()[a].display_name(lang).to_string(),
            values: vec![f.value],
            role: if selected.contains(&a) { Role::Selected } else { Role::Benchmark },
        })
        .collect();
    let code = |s: usize| dataset.areas()[forces[s]].code.as_str();
    let framed: Vec<bool> = forces.iter().map(|&a| is_framed(a)).collect();
    let off_scale: Vec<bool> = (0..forces.len()).map(|s| !change && code(s) == CITY_OF_LONDON).collect();

    let chart_period = period.map(|p| dataset.periods()[p]);
    let mut input = ChartInput {
        kind: ChartKind::Map,
        measure: if change { Measure::Count } else { Measure::Rate },
        change: if change { ChangeMode::YearOnYearGiven } else { ChangeMode::YearOnYear },
        periods: chart_period.into_iter().collect(),
        series,
        ranking_period: 0,
        offence_label: offence_label.clone(),
        lang,
        theme: if dark { Theme::Dark } else { Theme::Light },
        width,
        height,
        titles: false,
        ..ChartInput::default()
    };

    let mut notes = Vec::new();
    if state.measure == MeasureChoice::Count {
        notes.push(i18n::t(Key::MapCountsAsRates, lang).to_string());
    }
    for s in (0..forces.len()).filter(|&s| off_scale[s] && framed[s]) {
        if let Some(v) = input.raw(s, 0) {
            notes.push(i18n::fill(i18n::t(Key::OffScaleNote, lang), &[("name", &input.series[s].label), ("value", &input.format_value(v))]));
        }
    }
    let inset: Vec<usize> = (0..forces.len()).filter(|&s| code(s) == METROPOLITAN || code(s) == CITY_OF_LONDON).collect();
    let n_framed = framed.iter().filter(|f| **f).count();
    input.map = Some(std::rc::Rc::new(MapData {
        shapes: shapes(dataset, &forces),
        counts: figures.iter().map(|f| f.count).collect(),
        framed,
        off_scale,
        inset,
        inset_label: i18n::t(Key::London, lang).to_string(),
        notes,
        main,
        label_all: n_framed <= 12,
    }));

    // The sentence: where the main area stands, against England and Wales.
    let overall = match (&offence, period, national) {
        (Ok(o), Some(p), Some(n)) => figure(dataset, n, *o, p, change).value,
        _ => None,
    };
    let offence_english = match &offence {
        Ok(id) => dataset.offences()[*id].name.clone(),
        Err(_) => state.offence.clone(),
    };
    let narrative: Vec<String> = main
        .and_then(|s| {
            let (rank, of) = crate::chart::map::rank(&input, s)?;
            Some(crate::narrative::map_sentence(&crate::narrative::MapNarrative {
                subject: &input.series[s].label,
                offence: &offence_english,
                period: chart_period?,
                value: input.raw(s, 0)?,
                rank,
                of,
                overall,
                change,
                few_residents: code(s) == CITY_OF_LONDON,
                lang,
            }))
        })
        .into_iter()
        .collect();
    let aria_label = crate::narrative::chart_summary(&input);

    let mut source_lines = vec![i18n::t(Key::SourceLine, lang).to_string()];
    if let Some(p) = period {
        let releases: Vec<String> = dataset.releases_between(p, p).into_iter().map(|r| i18n::release_name(r, lang)).collect();
        if !releases.is_empty() {
            source_lines.push(format!("{}: {}.", i18n::t(Key::Figures, lang), releases.join("; ")));
        }
    }
    if !change {
        source_lines.push(i18n::source_note(dataset.source_note(), lang));
    }
    source_lines.push(i18n::t(Key::BoundaryAttribution, lang).to_string());
    input.sources = source_lines[1..].to_vec();
    let title = input.title();
    let areas = selected
        .iter()
        .map(|&a| crate::view::ChartedArea {
            label: dataset.areas()[a].display_name(lang).to_string(),
            source: crate::view::AreaSource::Bundled(a),
            role: Role::Selected,
            subject_kind: if dataset.areas()[a].kind == AreaKind::Force { crate::narrative::SubjectKind::Force } else { crate::narrative::SubjectKind::Aggregate },
        })
        .collect();
    View { input, areas, offence_label, title, narrative, aria_label, messages, source_lines }
}
