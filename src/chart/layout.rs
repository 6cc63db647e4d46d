//! Where everything goes, in CSS px, computed from the input alone (no DOM, own metrics).
//!
//! The rules that make a chart publishable at 280 px: text is never smaller than 11 px, no two
//! labels overlap, every label lies inside the chart, and labels are dropped or moved to a
//! legend rather than squeezed. Every label's rectangle is kept in [`Layout::labels`] so tests
//! can prove those rules.

use super::metrics::{text_width, truncate, wrap};
use super::palette::{colours, Rgb, DASHES};
use super::ticks::{nice_ticks, time_ticks};
use super::{ChangeMode, ChartError, ChartInput, ChartKind, Role, Theme, MAX_SIZE, MIN_HEIGHT, MIN_WIDTH};
use crate::i18n::{self, Key};

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// True if the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        const E: f64 = 0.01;
        self.x + E < other.right() && other.x + E < self.right() && self.y + E < other.bottom() && other.y + E < self.bottom()
    }
    pub fn inside(&self, outer: &Rect) -> bool {
        const E: f64 = 0.01;
        self.x >= outer.x - E && self.y >= outer.y - E && self.right() <= outer.right() + E && self.bottom() <= outer.bottom() + E
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelRole {
    Title,
    Subtitle,
    Legend,
    YTick,
    XTick,
    /// A series name at the end of its line.
    EndLabel,
    /// A ranking row's area name.
    Category,
    /// A ranking bar's value.
    Value,
    Note,
    Source,
    /// A map area's name and figure, on a box of background colour.
    MapLabel,
}

/// A piece of text: drawn with its vertical centre at `y`, horizontally anchored at `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub align: Align,
    pub size: f64,
    pub bold: bool,
    pub colour: Rgb,
    /// The measured box: used to prove labels neither overlap nor leave the chart.
    pub rect: Rect,
    pub role: LabelRole,
}

/// Line height relative to font size: the box a label occupies.
pub(super) const LINE: f64 = 1.25;

impl Label {
    pub(super) fn new(text: String, x: f64, y: f64, align: Align, size: f64, bold: bool, colour: Rgb, role: LabelRole) -> Label {
        let w = text_width(&text, size, bold);
        let left = match align {
            Align::Start => x,
            Align::Middle => x - w / 2.0,
            Align::End => x - w,
        };
        let h = size * LINE;
        Label { text, x, y, align, size, bold, colour, rect: Rect { x: left, y: y - h / 2.0, w, h }, role }
    }
}

/// A straight line: gridlines, axis, reference line, tick marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub colour: Rgb,
    pub width: f64,
    pub dash: Option<&'static [f64]>,
}

/// One series' line, already split at gaps.
#[derive(Clone, Debug, PartialEq)]
pub struct Polyline {
    pub series: usize,
    pub colour: Rgb,
    pub width: f64,
    /// `None` is solid; benchmarks are dashed.
    pub dash: Option<&'static [f64]>,
    /// Runs of consecutive periods with values; a missing value ends a run.
    pub segments: Vec<Vec<(f64, f64)>>,
    pub markers: Vec<(f64, f64)>,
    pub marker_radius: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub series: usize,
    pub rect: Rect,
    pub colour: Rgb,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub theme: Theme,
    pub background: Rgb,
    pub plot: Rect,
    /// Drawn first: gridlines, then axes and the reference line.
    pub rules: Vec<Rule>,
    /// Legend keys (short line samples), when there is a legend.
    pub keys: Vec<Rule>,
    /// Benchmarks first, so selected series are drawn on top.
    pub lines: Vec<Polyline>,
    pub bars: Vec<Bar>,
    pub labels: Vec<Label>,
    /// Trend and Change: each period's x, by month ordinal.
    pub period_x: Vec<f64>,
    /// Trend and Change: each point's position, `[series][period]`, `None` where missing.
    pub points: Vec<Vec<Option<(f64, f64)>>>,
    /// The values plotted, `[series][period]`.
    pub values: Vec<Vec<Option<f64>>>,
    pub y_min: f64,
    pub y_max: f64,
    /// True if series are named by a legend row instead of end-of-line labels.
    pub legend: bool,
    /// A map: its areas, legend swatches, inset and hit-test index.
    pub map: Option<super::map::MapLayout>,
}

impl Layout {
    /// The whole chart, for checks that every label lies inside it.
    pub fn bounds(&self) -> Rect {
        Rect { x: 0.0, y: 0.0, w: self.width, h: self.height }
    }

    /// Pairs of labels whose boxes overlap: empty in every valid layout.
    pub fn overlapping_labels(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..self.labels.len() {
            for j in i + 1..self.labels.len() {
                if self.labels[i].rect.overlaps(&self.labels[j].rect) {
                    out.push((i, j));
                }
            }
        }
        out
    }
}

/// Sizes that change with the chart's width.
pub(super) struct Scale {
    pub(super) pad: f64,
    pub(super) title: f64,
    pub(super) subtitle: f64,
    pub(super) text: f64,
    pub(super) small: f64,
}

pub(super) fn scale_for(width: f64) -> Scale {
    if width < 420.0 {
        Scale { pad: 10.0, title: 16.0, subtitle: 12.5, text: 12.0, small: 11.0 }
    } else {
        Scale { pad: 16.0, title: 19.0, subtitle: 14.0, text: 13.0, small: 11.5 }
    }
}

/// Text stacked from the top (title, subtitle) or from the bottom (notes, source).
pub(super) struct Furniture {
    pub(super) labels: Vec<Label>,
    pub(super) top: f64,
    pub(super) bottom: f64,
}

pub(super) fn furniture(input: &ChartInput, sc: &Scale, notes: &[String]) -> Furniture {
    let c = colours(input.theme);
    let (w, h) = (input.width, input.height);
    let inner = w - 2.0 * sc.pad;
    let mut labels = Vec::new();
    let mut top = sc.pad;
    if input.titles {
        for line in wrap(&input.title(), sc.title, true, inner) {
            top += sc.title * LINE / 2.0;
            labels.push(Label::new(line, sc.pad, top, Align::Start, sc.title, true, c.text, LabelRole::Title));
            top += sc.title * LINE / 2.0;
        }
        top += 2.0;
        for line in wrap(&input.subtitle(), sc.subtitle, false, inner) {
            top += sc.subtitle * LINE / 2.0;
            labels.push(Label::new(line, sc.pad, top, Align::Start, sc.subtitle, false, c.text_subtle, LabelRole::Subtitle));
            top += sc.subtitle * LINE / 2.0;
        }
        top += 10.0;
    }
    // Bottom-up: the source line last, notes above it.
    let mut lines: Vec<(String, f64, LabelRole)> = Vec::new();
    for note in notes {
        for line in wrap(note, sc.small, false, inner) {
            lines.push((line, sc.small, LabelRole::Note));
        }
    }
    if input.titles {
        for text in std::iter::once(i18n::t(Key::SourceLine, input.lang)).chain(input.sources.iter().map(String::as_str)) {
            for line in wrap(text, sc.small, false, inner) {
                lines.push((line, sc.small, LabelRole::Source));
            }
        }
    }
    let mut bottom = h - sc.pad;
    for (text, size, role) in lines.into_iter().rev() {
        bottom -= size * LINE / 2.0;
        labels.push(Label::new(text, sc.pad, bottom, Align::Start, size, false, c.text_subtle, role));
        bottom -= size * LINE / 2.0;
    }
    if bottom < h - sc.pad {
        bottom -= 8.0;
    }
    Furniture { labels, top, bottom }
}

pub(super) fn check_size(input: &ChartInput) -> Result<(), ChartError> {
    let (w, h) = (input.width, input.height);
    let ok = |v: f64, min: f64| v.is_finite() && v >= min && v <= MAX_SIZE;
    if ok(w, MIN_WIDTH) && ok(h, MIN_HEIGHT) {
        Ok(())
    } else {
        Err(ChartError::TooSmall { width: w, height: h })
    }
}

/// Lays out the chart. Fails only on a size too small (or too large) to draw.
pub fn layout(input: &ChartInput) -> Result<Layout, ChartError> {
    check_size(input)?;
    match input.kind {
        ChartKind::Ranking => layout_ranking(input),
        ChartKind::Map => super::map::layout_map(input),
        _ => layout_lines(input, false).or_else(|_| layout_lines(input, true)),
    }
}

/// Vertically spreads labels wanting centres `want` (sorted ascending) so that centres are at
/// least `gap` apart, all within `[lo, hi]`, moving each as little as this simple two-pass
/// nudge allows. `None` if they cannot fit.
fn spread(want: &[f64], gap: f64, lo: f64, hi: f64) -> Option<Vec<f64>> {
    if want.is_empty() {
        return Some(Vec::new());
    }
    if (want.len() - 1) as f64 * gap > hi - lo + 1e-9 {
        return None;
    }
    let mut y: Vec<f64> = want.iter().map(|v| v.clamp(lo, hi)).collect();
    for i in 1..y.len() {
        y[i] = y[i].max(y[i - 1] + gap);
    }
    let n = y.len();
    y[n - 1] = y[n - 1].min(hi);
    for i in (0..n - 1).rev() {
        y[i] = y[i].min(y[i + 1] - gap);
    }
    (y[0] >= lo - 1e-9).then_some(y)
}

/// Trend and Change. `legend` chooses a legend row over end-of-line labels; `Err(())` asks
/// the caller to retry with a legend because the end labels did not fit.
fn layout_lines(input: &ChartInput, legend: bool) -> Result<Layout, ChartError> {
    let sc = scale_for(input.width);
    let c = colours(input.theme);
    let (w, h) = (input.width, input.height);
    let values = input.plotted();
    let n_periods = input.periods.len();

    // Style per series: selected series take palette colours in order, benchmarks grey dashes.
    let mut styles = Vec::new();
    let (mut n_selected, mut n_bench) = (0, 0);
    for s in &input.series {
        match s.role {
            Role::Selected => {
                styles.push((c.series_colour(n_selected), 2.5, super::palette::series_dash(n_selected)));
                n_selected += 1;
            }
            Role::Benchmark => {
                styles.push((c.benchmark, 1.5, Some(DASHES[n_bench % DASHES.len()])));
                n_bench += 1;
            }
        }
    }

    let mut notes: Vec<String> = (0..input.series.len()).filter_map(|s| input.missing_note(s, &values[s])).collect();
    let any_value = values.iter().flatten().any(Option::is_some);
    if n_periods == 0 || input.series.is_empty() {
        notes.clear();
    }
    let f = furniture(input, &sc, &notes);
    let mut labels = f.labels;
    let mut keys = Vec::new();
    let inner = w - 2.0 * sc.pad;
    let mut top = f.top;

    // Series named on the chart: those with at least one value.
    let named: Vec<usize> = (0..input.series.len()).filter(|&s| values[s].iter().any(Option::is_some)).collect();
    let label_size = sc.text;
    let end_width = named
        .iter()
        .map(|&s| text_width(&input.series[s].label, label_size, input.series[s].role == Role::Selected))
        .fold(0.0, f64::max);
    // End labels only where the plot keeps most of the width; otherwise a legend reads better.
    let end_room = (w * 0.22).min(190.0);
    let use_legend = legend || (!named.is_empty() && end_width + 8.0 > end_room);
    if use_legend && legend {
        // Legend rows: [line sample][label], wrapping.
        let key_w = 18.0;
        let row_h = label_size * LINE + 4.0;
        let (mut x, mut row) = (sc.pad, 0usize);
        for &s in &named {
            let bold = input.series[s].role == Role::Selected;
            let text = truncate(&input.series[s].label, label_size, bold, inner - key_w - 5.0);
            let item_w = key_w + 5.0 + text_width(&text, label_size, bold);
            if x > sc.pad && x + item_w > w - sc.pad {
                row += 1;
                x = sc.pad;
            }
            let cy = top + row as f64 * row_h + row_h / 2.0;
            let (colour, width, dash) = styles[s];
            keys.push(Rule { from: (x, cy), to: (x + key_w, cy), colour, width, dash });
            let text_colour = if input.series[s].role == Role::Selected { colour } else { c.text_subtle };
            labels.push(Label::new(text, x + key_w + 5.0, cy, Align::Start, label_size, bold, text_colour, LabelRole::Legend));
            x += item_w + 14.0;
        }
        if !named.is_empty() {
            top += (row + 1) as f64 * row_h + 6.0;
        }
    } else if use_legend {
        return Err(ChartError::Draw("end labels do not fit".into()));
    }

    let tick_size = sc.small.max(11.0);
    let plot_top = top + tick_size;
    let plot_bottom = f.bottom - (tick_size * LINE + 8.0);
    let plot_h = plot_bottom - plot_top;
    if plot_h < 40.0 {
        return Err(ChartError::TooSmall { width: w, height: h });
    }

    // Value axis: include the baseline that makes the chart honest.
    let (mut lo, mut hi) = values.iter().flatten().flatten().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let reference = match (input.kind, input.change) {
        (ChartKind::Change, ChangeMode::IndexToBase { .. }) => 100.0,
        _ => 0.0,
    };
    if !lo.is_finite() {
        lo = reference;
        hi = reference;
    }
    lo = lo.min(reference);
    hi = hi.max(reference);
    if input.kind == ChartKind::Change && hi - lo < 1e-9 {
        lo = reference - 10.0;
        hi = reference + 10.0;
    }
    let max_ticks = ((plot_h / 42.0).floor() as usize + 1).clamp(2, 8);
    let yt = nice_ticks(lo, hi, max_ticks);
    let percent_axis = input.kind == ChartKind::Change && input.change.is_year_on_year();
    let tick_text = |v: f64| {
        if percent_axis {
            crate::format::tick_percent(v, yt.step, input.lang)
        } else {
            crate::format::tick(v, yt.step, input.lang)
        }
    };
    let tick_w = yt.values.iter().map(|v| text_width(&tick_text(*v), tick_size, false)).fold(0.0, f64::max);
    let plot_left = sc.pad + tick_w + 8.0;
    let plot_right = if use_legend || named.is_empty() { w - sc.pad } else { w - sc.pad - end_width - 8.0 };
    // Leave the markers room inside the plot at both ends.
    let inset = 4.0;
    let plot = Rect { x: plot_left, y: plot_top, w: (plot_right - plot_left).max(1.0), h: plot_h };
    if plot.w < 60.0 {
        return Err(ChartError::TooSmall { width: w, height: h });
    }
    let y_of = |v: f64| plot.bottom() - (v - yt.min) / (yt.max - yt.min) * plot.h;

    let mut rules = Vec::new();
    for v in &yt.values {
        let y = y_of(*v);
        let is_ref = (*v - reference).abs() < yt.step * 1e-6;
        rules.push(Rule {
            from: (plot.x, y),
            to: (plot.right(), y),
            colour: if is_ref { c.axis } else { c.grid },
            width: if is_ref { 1.5 } else { 1.0 },
            dash: None,
        });
        labels.push(Label::new(tick_text(*v), plot.x - 8.0, y, Align::End, tick_size, false, c.text_subtle, LabelRole::YTick));
    }
    // Gridlines first, reference line on top of them.
    crate::util::sort_by_key(&mut rules, |r| r.width > 1.0);

    // Time axis, positioned by month so annual and quarterly points are spaced honestly.
    let ords: Vec<i32> = input.periods.iter().map(|p| p.ordinal()).collect();
    let (first, last) = (ords.iter().copied().min().unwrap_or(0), ords.iter().copied().max().unwrap_or(0));
    let x_span = (plot.w - 2.0 * inset).max(1.0);
    let x_of = |o: i32| {
        if last > first {
            plot.x + inset + (o - first) as f64 / (last - first) as f64 * x_span
        } else {
            plot.x + plot.w / 2.0
        }
    };
    let period_x: Vec<f64> = ords.iter().map(|o| x_of(*o)).collect();
    let measure = |s: &str| text_width(s, tick_size, false);
    let tick_y = plot.bottom() + 8.0 + tick_size * LINE / 2.0;
    let mut last_right = f64::NEG_INFINITY;
    for t in time_ticks(&input.periods, x_span, input.lang, &measure, 14.0) {
        let x = x_of(t.ordinal);
        let mut label = Label::new(t.label, x, tick_y, Align::Middle, tick_size, false, c.text_subtle, LabelRole::XTick);
        // Keep the label inside the chart by sliding it, not by dropping it.
        let shift = (sc.pad - label.rect.x).max(0.0) + (w - sc.pad - label.rect.right()).min(0.0);
        label.x += shift;
        label.rect.x += shift;
        if label.rect.x < last_right + 6.0 {
            continue;
        }
        last_right = label.rect.right();
        rules.push(Rule { from: (x, plot.bottom()), to: (x, plot.bottom() + 4.0), colour: c.axis, width: 1.0, dash: None });
        labels.push(label);
    }

    // Lines, split at gaps, in time order even if the periods were given out of order.
    let mut order: Vec<usize> = (0..n_periods).collect();
    crate::util::sort_by_key(&mut order, |&p| ords[p]);
    let min_dx = order.windows(2).map(|p| period_x[p[1]] - period_x[p[0]]).fold(f64::INFINITY, f64::min);
    // Markers on every point only for short series: on 52 quarterly points they turn a line
    // into a string of beads. Otherwise only the latest point (and isolated points) get one.
    let all_markers = n_periods <= 16 && min_dx >= 12.0;
    let mut points: Vec<Vec<Option<(f64, f64)>>> = Vec::new();
    let mut lines = Vec::new();
    for (s, series) in input.series.iter().enumerate() {
        let pts: Vec<Option<(f64, f64)>> = (0..n_periods).map(|p| values[s][p].map(|v| (period_x[p], y_of(v)))).collect();
        let mut segments: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut run: Vec<(f64, f64)> = Vec::new();
        let breaks = input.breaks.get(s).map(Vec::as_slice).unwrap_or(&[]);
        for &p in &order {
            // A series break ends the line as a gap does: figures either side are not comparable.
            if breaks.contains(&p) && !run.is_empty() {
                segments.push(std::mem::take(&mut run));
            }
            match pts[p] {
                Some(pt) => run.push(pt),
                None if !run.is_empty() => segments.push(std::mem::take(&mut run)),
                None => {}
            }
        }
        if !run.is_empty() {
            segments.push(run);
        }
        let selected = series.role == Role::Selected;
        let mut markers: Vec<(f64, f64)> = Vec::new();
        for seg in &segments {
            // A lone point between gaps would be invisible without a marker.
            if seg.len() == 1 || (selected && all_markers) {
                markers.extend(seg.iter().copied());
            }
        }
        if selected {
            if let Some(end) = segments.last().and_then(|seg| seg.last()) {
                if !markers.contains(end) {
                    markers.push(*end);
                }
            }
        }
        let (colour, width, dash) = styles[s];
        lines.push(Polyline { series: s, colour, width, dash, segments, markers, marker_radius: if selected { 3.5 } else { 2.5 } });
        points.push(pts);
    }
    crate::util::sort_by_key(&mut lines, |l| input.series[l.series].role == Role::Selected);

    // End-of-line labels at the height of each series' last value, nudged apart.
    if !use_legend && !named.is_empty() {
        let gap = label_size * LINE;
        let mut wants: Vec<(f64, usize)> = named
            .iter()
            .filter_map(|&s| order.iter().rev().find_map(|&p| points[s][p]).map(|(_, y)| (y, s)))
            .collect();
        crate::util::sort_by(&mut wants, |a, b| a.0.total_cmp(&b.0));
        let want_y: Vec<f64> = wants.iter().map(|w| w.0).collect();
        let lo_y = plot.y - 2.0;
        let hi_y = plot.bottom();
        let placed = spread(&want_y, gap, lo_y, hi_y).ok_or_else(|| ChartError::Draw("end labels do not fit".into()))?;
        for ((_, s), y) in wants.iter().zip(placed) {
            let selected = input.series[*s].role == Role::Selected;
            let colour = if selected { styles[*s].0 } else { c.benchmark };
            labels.push(Label::new(input.series[*s].label.clone(), plot.right() + 8.0, y, Align::Start, label_size, selected, colour, LabelRole::EndLabel));
        }
    }

    if !any_value {
        let text = if n_periods == 0 || input.series.is_empty() { i18n::t(Key::NoData, input.lang) } else { input.missing_text() };
        let text = truncate(text, sc.text, false, plot.w - 8.0);
        let cy = plot.y + plot.h / 2.0;
        labels.push(Label::new(text, plot.x + plot.w / 2.0, cy, Align::Middle, sc.text, false, c.text_subtle, LabelRole::Note));
    }
    let _ = inner;

    Ok(Layout {
        width: w,
        height: h,
        theme: input.theme,
        background: c.background,
        plot,
        rules,
        keys,
        lines,
        bars: Vec::new(),
        labels,
        period_x,
        points,
        values,
        y_min: yt.min,
        y_max: yt.max,
        legend: use_legend,
        map: None,
    })
}

/// The height a ranking needs to show every bar at a comfortable size, for a widget that can
/// choose its own height.
pub fn preferred_height(input: &ChartInput) -> f64 {
    let sc = scale_for(input.width);
    let furniture = if input.titles { 120.0 } else { 30.0 };
    match input.kind {
        ChartKind::Ranking => furniture + input.series.len() as f64 * (sc.text * LINE + 8.0),
        ChartKind::Map => super::map::preferred_height(input),
        _ => (input.width * 0.62).clamp(300.0, 520.0),
    }
}

fn layout_ranking(input: &ChartInput) -> Result<Layout, ChartError> {
    let sc = scale_for(input.width);
    let c = colours(input.theme);
    let (w, h) = (input.width, input.height);
    let size = sc.text;
    let min_row = size * LINE + 3.0;
    let all_rows = input.ranking_order();

    // How many rows fit? If not all, keep the top ones plus every selected area, and say so.
    let probe = furniture(input, &sc, &[]);
    let capacity = (((probe.bottom - probe.top) / min_row).floor() as usize).max(1);
    let mut rows = all_rows.clone();
    let mut notes = Vec::new();
    if rows.len() > capacity {
        let note_lines = 2.0 * sc.small * LINE;
        let capacity = ((((probe.bottom - probe.top - note_lines) / min_row).floor()) as usize).max(1);
        let selected: Vec<usize> = all_rows.iter().filter(|r| input.series[r.0].role == Role::Selected).map(|r| r.0).collect();
        let mut keep: Vec<usize> = selected.iter().copied().take(capacity).collect();
        for r in &all_rows {
            if keep.len() >= capacity {
                break;
            }
            if !keep.contains(&r.0) {
                keep.push(r.0);
            }
        }
        rows.retain(|r| keep.contains(&r.0));
        let hidden = all_rows.len() - rows.len();
        notes.push(i18n::fill(i18n::t(Key::MoreAreasNotShown, input.lang), &[("n", &hidden.to_string())]));
    }
    let f = furniture(input, &sc, &notes);
    let mut labels = f.labels;
    let top = f.top;
    let avail = f.bottom - top;
    if rows.is_empty() {
        labels.push(Label::new(i18n::t(Key::NoData, input.lang).into(), w / 2.0, top + avail / 2.0, Align::Middle, size, false, c.text_subtle, LabelRole::Note));
        let plot = Rect { x: sc.pad, y: top, w: w - 2.0 * sc.pad, h: avail.max(0.0) };
        return Ok(empty_layout(input, plot, labels));
    }
    let row_h = (avail / rows.len() as f64).clamp(min_row, 34.0);
    if avail < row_h {
        return Err(ChartError::TooSmall { width: w, height: h });
    }
    let bar_h = (row_h * 0.62).max(8.0).min(row_h - 3.0);

    let value_texts: Vec<String> = rows.iter().map(|(_, v)| v.map_or_else(|| input.missing_text().to_string(), |v| input.format_value(v))).collect();
    let value_w = rows
        .iter()
        .zip(&value_texts)
        .filter(|(r, _)| r.1.is_some())
        .map(|(_, t)| text_width(t, size, false))
        .fold(0.0, f64::max);
    let name_w = rows.iter().map(|(s, _)| text_width(&input.series[*s].label, size, true)).fold(0.0, f64::max);
    let name_col = name_w.min((w * 0.4).max(60.0));
    let bar_left = sc.pad + name_col + 8.0;
    let bar_right = w - sc.pad - value_w - 6.0;
    if bar_right - bar_left < 30.0 {
        return Err(ChartError::TooSmall { width: w, height: h });
    }
    let (lo, hi) = rows.iter().filter_map(|r| r.1).fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let x_of = |v: f64| bar_left + (v - lo) / span * (bar_right - bar_left);
    let zero_x = x_of(0.0);
    let plot = Rect { x: bar_left, y: top, w: bar_right - bar_left, h: row_h * rows.len() as f64 };

    let mut bars = Vec::new();
    let mut n_selected = 0;
    // Colour selected bars as their lines are coloured on the trend chart.
    let selected_rank: Vec<Option<usize>> = input
        .series
        .iter()
        .map(|s| {
            (s.role == Role::Selected).then(|| {
                n_selected += 1;
                n_selected - 1
            })
        })
        .collect();
    for (i, ((s, v), text)) in rows.iter().zip(value_texts).enumerate() {
        let cy = top + row_h * (i as f64 + 0.5);
        let selected = selected_rank[*s].is_some();
        let name = truncate(&input.series[*s].label, size, selected, name_col);
        labels.push(Label::new(name, sc.pad + name_col, cy, Align::End, size, selected, c.text, LabelRole::Category));
        match v {
            Some(v) => {
                let (x0, x1) = (zero_x.min(x_of(*v)), zero_x.max(x_of(*v)));
                let colour = selected_rank[*s].map_or(c.bar_muted, |k| c.series_colour(k));
                bars.push(Bar { series: *s, rect: Rect { x: x0, y: cy - bar_h / 2.0, w: (x1 - x0).max(1.0), h: bar_h }, colour, selected });
                // Values sit just beyond the bar's end; negative bars keep theirs right of zero.
                let vx = if *v >= 0.0 { x1 + 5.0 } else { zero_x + 5.0 };
                labels.push(Label::new(text, vx, cy, Align::Start, size, selected, if selected { c.text } else { c.text_subtle }, LabelRole::Value));
            }
            None => {
                let text = truncate(&text, size, false, w - sc.pad - (zero_x + 5.0));
                labels.push(Label::new(text, zero_x + 5.0, cy, Align::Start, size, false, c.text_subtle, LabelRole::Value));
            }
        }
    }
    let rules = vec![Rule { from: (zero_x, top), to: (zero_x, plot.bottom()), colour: c.axis, width: 1.0, dash: None }];
    let mut layout = empty_layout(input, plot, labels);
    layout.rules = rules;
    layout.bars = bars;
    layout.y_min = lo;
    layout.y_max = hi;
    Ok(layout)
}

pub(super) fn empty_layout(input: &ChartInput, plot: Rect, labels: Vec<Label>) -> Layout {
    Layout {
        width: input.width,
        height: input.height,
        theme: input.theme,
        background: colours(input.theme).background,
        plot,
        rules: Vec::new(),
        keys: Vec::new(),
        lines: Vec::new(),
        bars: Vec::new(),
        labels,
        period_x: Vec::new(),
        points: Vec::new(),
        values: input.plotted(),
        y_min: 0.0,
        y_max: 1.0,
        legend: false,
        map: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_separates_and_fails_when_full() {
        let y = spread(&[10.0, 11.0, 12.0], 10.0, 0.0, 100.0).unwrap();
        assert!(y[1] - y[0] >= 10.0 && y[2] - y[1] >= 10.0);
        assert!(spread(&[0.0, 0.0, 0.0], 10.0, 0.0, 15.0).is_none());
        let y = spread(&[100.0, 100.0], 10.0, 0.0, 100.0).unwrap();
        assert_eq!(y, vec![90.0, 100.0]);
    }
}
