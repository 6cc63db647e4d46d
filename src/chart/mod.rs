//! The chart engine: one layout, drawn by the same code to a canvas (browser) or SVG (native).
//!
//! **Invariant:** the engine knows nothing about the data model or the DOM. It takes plain
//! data ([`ChartInput`]), computes a [`Layout`] in CSS px with its own text metrics, and draws
//! it through plotters' `DrawingBackend` trait. Everything is testable natively.
//!
//! Flow: `ChartInput` → [`layout::layout`] → [`draw::draw`] on any backend; [`svg::render_svg`]
//! does both into an SVG string; [`hit`] maps pointer and keyboard input back to data points.

pub mod draw;
pub mod hit;
pub mod layout;
pub mod map;
pub mod metrics;
pub mod palette;
pub mod scaled;
pub mod svg;
pub mod ticks;
pub mod transform;

pub use draw::{draw, draw_with, DrawOptions};
pub use hit::{crosshair_x, hit, jump, step, tooltip, Direction, Jump, Position, Tooltip};
pub use layout::{layout, Label, LabelRole, Layout, Rect};
pub use scaled::Scaled;
pub use svg::render_svg;

use crate::format;
use crate::i18n::{self, Key, Lang};
use crate::period::YearMonth;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ChartKind {
    #[default]
    Trend,
    Ranking,
    Change,
    /// A choropleth of force areas at one period (`ranking_period`), from [`ChartInput::map`].
    Map,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Measure {
    #[default]
    Count,
    /// Offences per 1,000 people.
    Rate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeMode {
    /// Each value as an index, the value at period index `base` = 100.
    IndexToBase { base: usize },
    /// % change on the period 12 months earlier, matched by `YearMonth`, not by index.
    YearOnYear,
    /// The values already are % changes on a year earlier. The view computes them before it
    /// cuts the periods to the reader's range, so the first period in range keeps its change.
    YearOnYearGiven,
}

impl ChangeMode {
    /// Year-on-year % change, computed here or given.
    pub fn is_year_on_year(self) -> bool {
        matches!(self, ChangeMode::YearOnYear | ChangeMode::YearOnYearGiven)
    }
}

impl Default for ChangeMode {
    fn default() -> Self {
        ChangeMode::YearOnYear
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Role {
    #[default]
    Selected,
    /// A parent force, region, Wales, England or England and Wales: dashed and muted.
    Benchmark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// A forced palette (Windows High Contrast and the like): the system's own colours, which
    /// the browser reports, so the chart matches the page around it.
    Forced(palette::ForcedColours),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Series {
    pub label: String,
    /// One per period; `None` is missing and drawn as a gap, never as zero.
    pub values: Vec<Option<f64>>,
    pub role: Role,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartInput {
    pub kind: ChartKind,
    pub measure: Measure,
    pub change: ChangeMode,
    pub periods: Vec<YearMonth>,
    pub series: Vec<Series>,
    /// Ranking only: the period index ranked. The series are the bars; `Role::Selected`
    /// bars are highlighted.
    pub ranking_period: usize,
    pub offence_label: String,
    pub lang: Lang,
    pub theme: Theme,
    /// CSS px.
    pub width: f64,
    pub height: f64,
    /// Draw the title, subtitle and source line inside the chart. True for downloads and
    /// stand-alone SVGs; a page that shows them in HTML can turn them off.
    pub titles: bool,
    /// Lines after the source line when titles are drawn: the releases the figures come from,
    /// a publisher's own sources.
    pub sources: Vec<String>,
    /// Per series, the period indices where its series breaks (a reclassification, a new
    /// release): the line is not drawn from the period before to that one.
    pub breaks: Vec<Vec<usize>>,
    /// A map's shapes, extent and counts (see [`map`]); `None` for every other kind. Shared,
    /// so a redraw does not copy the outlines.
    pub map: Option<std::rc::Rc<map::MapData>>,
}

impl Default for ChartInput {
    fn default() -> Self {
        ChartInput {
            kind: ChartKind::Trend,
            measure: Measure::Count,
            change: ChangeMode::YearOnYear,
            periods: Vec::new(),
            series: Vec::new(),
            ranking_period: 0,
            offence_label: String::new(),
            lang: Lang::En,
            theme: Theme::Light,
            width: 600.0,
            height: 400.0,
            titles: true,
            sources: Vec::new(),
            breaks: Vec::new(),
            map: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChartError {
    /// Too small to draw anything readable (or not a finite size).
    TooSmall { width: f64, height: f64 },
    /// The drawing backend failed.
    Draw(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::TooSmall { width, height } => {
                write!(f, "a {width}×{height} px chart is too small to draw: it needs at least {MIN_WIDTH}×{MIN_HEIGHT} px")
            }
            ChartError::Draw(e) => write!(f, "could not draw the chart: {e}"),
        }
    }
}

impl std::error::Error for ChartError {}

/// Below this the chart is not drawn; the widget's own minimum is 280 px wide.
pub const MIN_WIDTH: f64 = 120.0;
pub const MIN_HEIGHT: f64 = 100.0;
/// Above this a canvas would allocate too much memory; nobody needs a wider chart.
pub const MAX_SIZE: f64 = 8192.0;

impl ChartInput {
    /// The value of series `s` at period `p` as given, cleaned of NaN and infinities.
    pub fn raw(&self, s: usize, p: usize) -> Option<f64> {
        transform::clean(self.series.get(s)?.values.get(p).copied().flatten())
    }

    /// Exactly what is plotted, per series and per period: the values for Trend and Ranking,
    /// the index or year-on-year % for Change. Missing stays `None`; series shorter than
    /// `periods` are padded with `None` and longer ones cut.
    pub fn plotted(&self) -> Vec<Vec<Option<f64>>> {
        let n = self.periods.len();
        self.series
            .iter()
            .map(|s| {
                let values: Vec<Option<f64>> = (0..n).map(|p| transform::clean(s.values.get(p).copied().flatten())).collect();
                match (self.kind, self.change) {
                    (ChartKind::Change, ChangeMode::IndexToBase { base }) => transform::index_to_base(&values, base),
                    (ChartKind::Change, ChangeMode::YearOnYear) => transform::year_on_year(&values, &self.periods),
                    _ => values,
                }
            })
            .collect()
    }

    /// A plotted value as people read it: "3,016", "4.38", "153.4", "+53%".
    pub fn format_value(&self, value: f64) -> String {
        match (self.kind, self.change, self.measure) {
            (_, ChangeMode::YearOnYearGiven, _) | (ChartKind::Change, ChangeMode::YearOnYear, _) => format::percent_change(value, self.lang),
            (ChartKind::Change, ChangeMode::IndexToBase { .. }, _) => format::decimal(value, 1, self.lang),
            (_, _, Measure::Count) => format::integer(value, self.lang),
            (_, _, Measure::Rate) => format::rate(value, self.lang),
        }
    }

    /// The chart title: the offence.
    pub fn title(&self) -> String {
        i18n::capitalise(self.offence_label.trim())
    }

    /// What the numbers are.
    pub fn subtitle(&self) -> String {
        let lang = self.lang;
        match self.kind {
            ChartKind::Trend => match self.measure {
                Measure::Count => i18n::t(Key::SubtitleCount, lang).to_string(),
                Measure::Rate => i18n::t(Key::SubtitleRate, lang).to_string(),
            },
            ChartKind::Change => match self.change {
                ChangeMode::YearOnYear | ChangeMode::YearOnYearGiven => i18n::t(Key::SubtitleYearOnYear, lang).to_string(),
                ChangeMode::IndexToBase { base } => {
                    let period = self.periods.get(base).map(|p| i18n::period_label(*p, lang)).unwrap_or_default();
                    i18n::fill(i18n::t(Key::SubtitleIndex, lang), &[("period", &period)])
                }
            },
            ChartKind::Ranking | ChartKind::Map => {
                let period = self.periods.get(self.ranking_period).map(|p| i18n::period_label(*p, lang)).unwrap_or_default();
                if self.change == ChangeMode::YearOnYearGiven {
                    return format!("{}: {period}", i18n::t(Key::SubtitleYearOnYear, lang));
                }
                let key = match self.measure {
                    Measure::Count => Key::SubtitleRankingCount,
                    Measure::Rate => Key::SubtitleRankingRate,
                };
                i18n::fill(i18n::t(key, lang), &[("period", &period)])
            }
        }
    }

    /// Why a series shows nothing, if it has no value for this measure at all: for a rate,
    /// "rate unavailable" (no population estimate), never a zero.
    pub fn missing_note(&self, series: usize, plotted: &[Option<f64>]) -> Option<String> {
        if plotted.iter().any(Option::is_some) {
            return None;
        }
        let name = &self.series.get(series)?.label;
        let key = if self.measure == Measure::Rate && (0..self.periods.len()).all(|p| self.raw(series, p).is_none()) {
            Key::SeriesRateUnavailable
        } else {
            Key::SeriesNoData
        };
        Some(i18n::fill(i18n::t(key, self.lang), &[("name", name)]))
    }

    /// The text shown in place of a missing value.
    pub fn missing_text(&self) -> &'static str {
        if self.measure == Measure::Rate {
            i18n::t(Key::RateUnavailable, self.lang)
        } else {
            i18n::t(Key::NoData, self.lang)
        }
    }

    /// Ranking rows, top to bottom: series indices by value, highest first, missing last
    /// (in their given order).
    pub fn ranking_order(&self) -> Vec<(usize, Option<f64>)> {
        let mut rows: Vec<(usize, Option<f64>)> = (0..self.series.len()).map(|s| (s, self.raw(s, self.ranking_period))).collect();
        crate::util::sort_by(&mut rows, |a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        rows
    }
}

/// A table of exactly what is plotted, formatted as on the chart.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn value_header(input: &ChartInput) -> String {
    match input.kind {
        ChartKind::Change => input.subtitle(),
        ChartKind::Map if input.change == ChangeMode::YearOnYearGiven => i18n::t(Key::YearOnYear, input.lang).to_string(),
        _ => i18n::t(if input.measure == Measure::Rate { Key::RatePer1000 } else { Key::Count }, input.lang).to_string(),
    }
}

/// The accessible table behind the chart. Missing values read "–" (an en dash), which the
/// widget labels as "no data" for screen readers.
pub fn table(input: &ChartInput) -> Table {
    let lang = input.lang;
    let cell = |v: Option<f64>| v.map_or_else(|| format::MISSING.to_string(), |v| input.format_value(v));
    if input.kind == ChartKind::Map {
        // Every framed area by rank, with its figure, the count behind a rate, and its rank.
        let mut header = vec![i18n::t(Key::TableArea, lang).to_string(), value_header(input)];
        let rate = input.measure == Measure::Rate && input.change != ChangeMode::YearOnYearGiven;
        if rate {
            header.push(i18n::t(Key::Count, lang).to_string());
        }
        header.push(i18n::t(Key::Rank, lang).to_string());
        let counts = input.map.as_ref().map(|m| m.counts.clone()).unwrap_or_default();
        let rows = map::key_order(input)
            .into_iter()
            .map(|s| {
                let mut row = vec![input.series[s].label.clone(), cell(input.raw(s, input.ranking_period))];
                if rate {
                    row.push(counts.get(s).copied().flatten().map_or_else(|| format::MISSING.to_string(), |c| format::integer(c, lang)));
                }
                row.push(map::rank(input, s).map_or_else(|| format::MISSING.to_string(), |(r, of)| i18n::fill(i18n::t(Key::RankOf, lang), &[("r", &r.to_string()), ("n", &of.to_string())])));
                row
            })
            .collect();
        return Table { header, rows };
    }
    if input.kind == ChartKind::Ranking {
        return Table {
            header: vec![i18n::t(Key::TableArea, lang).to_string(), value_header(input)],
            rows: input
                .ranking_order()
                .into_iter()
                .map(|(s, v)| vec![input.series[s].label.clone(), cell(v)])
                .collect(),
        };
    }
    let plotted = input.plotted();
    let mut header = vec![i18n::t(Key::TablePeriod, lang).to_string()];
    header.extend(input.series.iter().map(|s| s.label.clone()));
    let rows = input
        .periods
        .iter()
        .enumerate()
        .map(|(p, period)| {
            let mut row = vec![i18n::capitalise(&i18n::period_label(*period, lang))];
            row.extend(plotted.iter().map(|values| cell(values[p])));
            row
        })
        .collect();
    Table { header, rows }
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Exactly what is plotted as CSV with raw numbers (no separators, full precision), periods
/// as `YYYY-MM`, missing values empty, and `source_line` as a trailing `#` comment row.
pub fn csv(input: &ChartInput, source_line: &str) -> String {
    let mut out = String::new();
    let number = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
    if input.kind == ChartKind::Map {
        let period = input.periods.get(input.ranking_period).map(|p| p.to_string()).unwrap_or_default();
        let rate = input.measure == Measure::Rate && input.change != ChangeMode::YearOnYearGiven;
        out.push_str(&format!("area,{}", csv_field(&format!("{} {}", value_header(input), period))));
        out.push_str(if rate { ",count,rank\n" } else { ",rank\n" });
        let counts = input.map.as_ref().map(|m| m.counts.clone()).unwrap_or_default();
        for s in map::key_order(input) {
            out.push_str(&format!("{},{}", csv_field(&input.series[s].label), number(input.raw(s, input.ranking_period))));
            if rate {
                out.push(',');
                out.push_str(&number(counts.get(s).copied().flatten()));
            }
            out.push(',');
            out.push_str(&map::rank(input, s).map_or(String::new(), |(r, _)| r.to_string()));
            out.push('\n');
        }
    } else if input.kind == ChartKind::Ranking {
        let period = input.periods.get(input.ranking_period).map(|p| p.to_string()).unwrap_or_default();
        out.push_str(&format!("area,{}\n", csv_field(&format!("{} {}", value_header(input), period))));
        for (s, v) in input.ranking_order() {
            out.push_str(&format!("{},{}\n", csv_field(&input.series[s].label), number(v)));
        }
    } else {
        out.push_str("period");
        for s in &input.series {
            out.push(',');
            out.push_str(&csv_field(&s.label));
        }
        out.push('\n');
        let plotted = input.plotted();
        for (p, period) in input.periods.iter().enumerate() {
            out.push_str(&period.to_string());
            for values in &plotted {
                out.push(',');
                out.push_str(&number(values[p]));
            }
            out.push('\n');
        }
    }
    out.push_str(&csv_field(&format!("# {source_line}")));
    out.push('\n');
    out
}
