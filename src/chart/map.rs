//! The map: a choropleth of police force areas, laid out, drawn and hit-tested by the same
//! engine as the other charts.
//!
//! The engine knows nothing of the data model: the view gives it, per series (one per force
//! area), the area's outline in grid metres ([`MapShape`], British National Grid, y north),
//! whether it is inside the extent being framed, and the count behind its figure; the figures
//! themselves are the series' values at `ranking_period`, as for a ranking.
//!
//! * **Classes.** The figures are cut into 5 to 7 classes ([`class_breaks`]) at quantiles
//!   rounded to a round figure, so each colour holds a fair share of areas and every break reads
//!   as a number a person would write. Areas flagged `off_scale` (the City of London, whose rate
//!   per resident is several times any other's because few people live there) are coloured but
//!   left out when the breaks are chosen, so one area cannot wash out the other 42; the top
//!   class is open ("5.0 or more") and the map's note says why that area is off the scale.
//! * **Colours.** A sequential colour-blind-safe palette per theme ([`sequential`]); an area with
//!   no figure is grey ([`no_figure`]), never the lowest class, and the legend says "No figure".
//!   Every area and swatch is outlined in a colour of at least 3:1 against the background, so
//!   the palest class is still seen; labels sit on boxes of background colour (text 4.5:1).
//! * **London.** The Metropolitan Police and City of London areas are a few pixels across at
//!   national scale: when they are framed and small, they are drawn again in an inset, in the
//!   corner of the map that covers the fewest other areas, where both can be seen and pointed at.
//! * **Hit testing.** A uniform grid over the chart lists the areas whose bounding boxes touch
//!   each cell; a pointer tests only those, topmost first (inset before the main map), with an
//!   even-odd point-in-polygon test. 43 areas and ~9,000 points cost microseconds per move.

use super::layout::{furniture, scale_for, Align, Label, LabelRole, Layout, Rect, LINE};
use super::metrics::{text_width, truncate};
use super::palette::{colours, Rgb};
use super::{ChartError, ChartInput, Role, Theme};
use crate::format;
use crate::i18n::{self, Key, Lang};

/// One area's outline in grid metres (x east, y north).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MapShape {
    /// Outer rings, each closed implicitly.
    pub polygons: Vec<Vec<(f64, f64)>>,
    /// Holes, outlined but not cut from the fill (the police force areas have none at this
    /// generalisation; an enclave would be drawn on top by its own area).
    pub holes: Vec<Vec<(f64, f64)>>,
    /// Where its label goes: a point inside the area.
    pub label: (f64, f64),
}

fn bounds_of<'a>(points: impl Iterator<Item = &'a (f64, f64)>) -> Option<(f64, f64, f64, f64)> {
    let mut b: Option<(f64, f64, f64, f64)> = None;
    for &(x, y) in points {
        if !x.is_finite() || !y.is_finite() {
            continue;
        }
        b = Some(match b {
            None => (x, y, x, y),
            Some((a, c, d, e)) => (a.min(x), c.min(y), d.max(x), e.max(y)),
        });
    }
    b
}

/// What a map needs beyond the series: per series (same order), its shape, whether it is
/// framed, off the scale, and its count.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MapData {
    pub shapes: Vec<Option<MapShape>>,
    /// The count behind each figure (a rate's numerator), at `ranking_period`.
    pub counts: Vec<Option<f64>>,
    /// Inside the extent: coloured, labelled, reachable. Others are drawn muted for context.
    pub framed: Vec<bool>,
    /// Coloured by its figure but left out when the class breaks are chosen.
    pub off_scale: Vec<bool>,
    /// Series drawn again in the London inset (when framed and too small to see).
    pub inset: Vec<usize>,
    /// The inset's caption ("London").
    pub inset_label: String,
    /// Notes drawn under the map: why an area is off the scale, why counts are shown as rates.
    pub notes: Vec<String>,
    /// The series labelled with its name and figure (the `area`); other selected series are
    /// outlined.
    pub main: Option<usize>,
    /// Label every framed area that fits, not only the main one (a small extent, like Wales).
    pub label_all: bool,
}

/// One area as drawn: in chart px, once in the main map and again if it is in the inset.
#[derive(Clone, Debug, PartialEq)]
pub struct MapArea {
    pub series: usize,
    pub fill: Rgb,
    /// Outer rings in chart px, clipped to the map.
    pub rings: Vec<Vec<(f64, f64)>>,
    pub holes: Vec<Vec<(f64, f64)>>,
    pub bbox: Rect,
    pub in_inset: bool,
    pub framed: bool,
    /// Where its label or keyboard focus marker goes.
    pub anchor: (f64, f64),
}

/// A legend key: a swatch and its meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct Swatch {
    pub rect: Rect,
    pub fill: Rgb,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    /// In drawing order: muted areas, framed areas, then the inset's.
    pub areas: Vec<MapArea>,
    pub swatches: Vec<Swatch>,
    /// Internal class breaks, ascending: class `i` holds values in `[breaks[i-1], breaks[i])`.
    pub breaks: Vec<f64>,
    pub class_colours: Vec<Rgb>,
    pub inset: Option<Rect>,
    /// Boxes of background colour behind map labels.
    pub label_boxes: Vec<Rect>,
    pub outline: Rgb,
    pub muted: Rgb,
    /// Grid index for hit testing: `cols × rows` cells over the chart, each listing indices
    /// into `areas`, topmost first.
    pub grid: Vec<Vec<usize>>,
    pub cols: usize,
    pub rows: usize,
    pub cell: (f64, f64),
    /// Height over width of the framed areas' bounds.
    pub aspect: f64,
}

/// Light theme: ColorBrewer YlGnBu, 7 classes (Brewer & Harrower; marked colour-blind safe).
const YLGNBU: [Rgb; 7] = [
    Rgb(0xFF, 0xFF, 0xCC),
    Rgb(0xC7, 0xE9, 0xB4),
    Rgb(0x7F, 0xCD, 0xBB),
    Rgb(0x41, 0xB6, 0xC4),
    Rgb(0x1D, 0x91, 0xC0),
    Rgb(0x22, 0x5E, 0xA8),
    Rgb(0x0C, 0x2C, 0x84),
];
/// Dark theme: viridis, 7 steps (van der Walt & Smith; perceptually uniform, colour-blind
/// safe), dark for low figures on the dark background, bright for high.
const VIRIDIS: [Rgb; 7] = [
    Rgb(0x44, 0x01, 0x54),
    Rgb(0x44, 0x39, 0x83),
    Rgb(0x31, 0x68, 0x8E),
    Rgb(0x21, 0x91, 0x8C),
    Rgb(0x35, 0xB7, 0x79),
    Rgb(0x90, 0xD7, 0x43),
    Rgb(0xFD, 0xE7, 0x25),
];

/// `n` (1 to 7) class colours, low to high, spread over the theme's scale.
pub fn sequential(theme: Theme, n: usize) -> Vec<Rgb> {
    let n = n.clamp(1, 7);
    let scale = match theme {
        Theme::Dark => VIRIDIS,
        _ => YLGNBU,
    };
    if let Theme::Forced(f) = theme {
        // A forced palette has no ramp: the reader's own text colour on every class would hide
        // the figures, so the classes stay, and the legend and table carry them.
        let _ = f;
    }
    if n == 1 {
        return vec![scale[3]];
    }
    (0..n).map(|i| scale[(i * 6 + (n - 1) / 2) / (n - 1)]).collect()
}

/// The fill of an area with no figure: a neutral grey, never a class colour.
pub fn no_figure(theme: Theme) -> Rgb {
    match theme {
        Theme::Dark => Rgb(0x8B, 0x92, 0x9C),
        Theme::Forced(f) => f.gray_text,
        Theme::Light => Rgb(0xBD, 0xBD, 0xBD),
    }
}

/// Areas outside the extent: faint, for context only.
pub fn muted(theme: Theme) -> Rgb {
    match theme {
        Theme::Dark => Rgb(0x23, 0x26, 0x2D),
        Theme::Forced(f) => f.canvas,
        Theme::Light => Rgb(0xEE, 0xF0, 0xF2),
    }
}

/// Area and swatch outlines: at least 3:1 against the background.
pub fn outline(theme: Theme) -> Rgb {
    match theme {
        Theme::Dark => Rgb(0x8B, 0x92, 0x9C),
        Theme::Forced(f) => f.canvas_text,
        Theme::Light => Rgb(0x6E, 0x76, 0x81),
    }
}

/// A round unit for figures spanning `span`: 1, 2 or 5 × 10ⁿ, about a twentieth of it.
fn round_unit(span: f64) -> f64 {
    let raw = (span / 20.0).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|u| *u >= raw).unwrap_or(magnitude * 10.0)
}

/// Internal class breaks for `values`: the sextiles rounded to a round unit, deduplicated and
/// strictly inside the range, giving 5 to 7 classes whenever the figures allow (fewer distinct
/// figures than that give fewer classes). A % change range that spans zero has zero as a break,
/// so rises and falls are never one colour.
pub fn class_breaks(values: &[f64], zero_break: bool) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    crate::util::sort_by(&mut v, |a, b| a.total_cmp(b));
    let (Some(&lo), Some(&hi)) = (v.first(), v.last()) else { return Vec::new() };
    if hi - lo <= 0.0 {
        return Vec::new();
    }
    let mut best: Vec<f64> = Vec::new();
    let mut unit = round_unit(hi - lo);
    for _ in 0..4 {
        let mut breaks: Vec<f64> = Vec::new();
        for k in 1..6 {
            // The k-th sextile by nearest rank.
            let idx = ((k * v.len()) as f64 / 6.0).round() as usize;
            let q = v[idx.min(v.len() - 1)];
            let r = (q / unit).round() * unit;
            let r = if r == 0.0 { 0.0 } else { r };
            if r > lo && r <= hi && !breaks.iter().any(|b| (b - r).abs() < unit * 1e-6) {
                breaks.push(r);
            }
        }
        if zero_break && lo < 0.0 && hi > 0.0 && !breaks.contains(&0.0) {
            // Replace the break nearest zero, so the count stays within 7 classes.
            let nearest = (0..breaks.len()).min_by(|&a, &b| breaks[a].abs().total_cmp(&breaks[b].abs()));
            match nearest {
                Some(i) if breaks.len() >= 6 => breaks[i] = 0.0,
                _ => breaks.push(0.0),
            }
            crate::util::sort_by(&mut breaks, |a, b| a.total_cmp(b));
            breaks.dedup();
        }
        if breaks.len() > best.len() {
            best = breaks;
        }
        if best.len() >= 4 {
            break;
        }
        unit /= if unit.log10().fract().abs() < 1e-9 { 2.0 } else { 2.5 };
    }
    best
}

/// The class of `value` given internal `breaks`: the number of breaks at or below it.
pub fn class_of(breaks: &[f64], value: f64) -> usize {
    breaks.iter().filter(|b| value >= **b).count()
}

/// Decimals for a break: enough to show the unit the breaks are rounded to.
fn break_decimals(breaks: &[f64]) -> usize {
    (0..4).find(|&d| breaks.iter().all(|b| ((b * 10f64.powi(d as i32)).round() - b * 10f64.powi(d as i32)).abs() < 1e-6)).unwrap_or(3)
}

fn break_text(input: &ChartInput, b: f64, decimals: usize) -> String {
    if input.change == super::ChangeMode::YearOnYearGiven {
        let t = format::decimal(b, decimals, input.lang);
        return if b > 0.0 { format!("+{t}%") } else if b < 0.0 { format!("{}%", t.replacen('-', "\u{2212}", 1)) } else { "0%".into() };
    }
    format::decimal(b, decimals, input.lang)
}

/// The legend's words for each class, low to high: "under 2.0", "2.0 to 2.5", "5.0 or more".
pub fn class_labels(input: &ChartInput, breaks: &[f64]) -> Vec<String> {
    let d = break_decimals(breaks);
    let t = |b: f64| break_text(input, b, d);
    let (under, to, more) = match input.lang {
        Lang::En => ("under {a}", "{a} to {b}", "{a} or more"),
        // [plain] "llai na" (less than), "i" (to), "neu fwy" (or more).
        Lang::Cy => ("llai na {a}", "{a} i {b}", "{a} neu fwy"),
    };
    if breaks.is_empty() {
        return vec![String::new()];
    }
    let mut out = vec![i18n::fill(under, &[("a", &t(breaks[0]))])];
    for w in breaks.windows(2) {
        out.push(i18n::fill(to, &[("a", &t(w[0])), ("b", &t(w[1]))]));
    }
    if let Some(last) = breaks.last() {
        out.push(i18n::fill(more, &[("a", &t(*last))]));
    }
    out
}

/// Rank of series `s` among every series with a figure, highest first (1 = highest); ties
/// share a rank. With the number ranked.
pub fn rank(input: &ChartInput, s: usize) -> Option<(usize, usize)> {
    let p = input.ranking_period;
    let v = input.raw(s, p)?;
    let all: Vec<f64> = (0..input.series.len()).filter_map(|i| input.raw(i, p)).collect();
    Some((1 + all.iter().filter(|x| **x > v).count(), all.len()))
}

/// "7th highest of 43" / "safle 7 o 43 (1 = uchaf)"; "highest of 43", "lowest of 43".
pub fn rank_text(lang: Lang, rank: usize, of: usize) -> String {
    match lang {
        Lang::En if rank == 1 => format!("highest of {of}"),
        Lang::En if rank == of => format!("lowest of {of}"),
        Lang::En => format!("{} highest of {of}", ordinal_en(rank)),
        // [plain]: Welsh ordinals change form with the number and mutate what follows, so the
        // rank is given as a position: "safle 7 o 43" (position 7 of 43), 1 the highest.
        Lang::Cy if rank == 1 => format!("uchaf o {of}"),
        Lang::Cy if rank == of => format!("isaf o {of}"),
        Lang::Cy => format!("safle {rank} o {of} (1 = uchaf)"),
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd.
pub fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The keyboard order: framed areas by rank, highest figure first, areas with no figure last
/// (in their given order). The table lists them in the same order.
pub fn key_order(input: &ChartInput) -> Vec<usize> {
    let Some(map) = &input.map else { return Vec::new() };
    input
        .ranking_order()
        .into_iter()
        .map(|(s, _)| s)
        .filter(|&s| map.framed.get(s).copied().unwrap_or(false))
        .collect()
}

/// The height that gives the map its width: the legend, notes and source lines as laid out,
/// plus the framed areas at the full width (England and Wales is taller than it is wide),
/// the map at most 820 px tall.
pub fn preferred_height(input: &ChartInput) -> f64 {
    const PROBE: f64 = 4000.0;
    let probe = ChartInput { height: PROBE, ..input.clone() };
    let Ok(l) = layout_map(&probe) else { return (input.width * 1.1).clamp(300.0, 1000.0) };
    let aspect = l.map.as_ref().map_or(1.2, |m| m.aspect);
    let furniture = PROBE - l.plot.h;
    (furniture + (l.plot.w * aspect).min(820.0)).clamp(300.0, 1600.0)
}

/// Sutherland–Hodgman clipping of a ring to a rectangle (for muted areas at the frame's edge).
fn clip(ring: &[(f64, f64)], r: &Rect) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = ring.to_vec();
    let edges: [(fn(&(f64, f64), &Rect) -> bool, u8); 4] = [
        (|p, r| p.0 >= r.x, 0),
        (|p, r| p.0 <= r.right(), 1),
        (|p, r| p.1 >= r.y, 2),
        (|p, r| p.1 <= r.bottom(), 3),
    ];
    for (inside, edge) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let cross = |a: (f64, f64), b: (f64, f64)| -> (f64, f64) {
            let t = match edge {
                0 => (r.x - a.0) / (b.0 - a.0),
                1 => (r.right() - a.0) / (b.0 - a.0),
                2 => (r.y - a.1) / (b.1 - a.1),
                _ => (r.bottom() - a.1) / (b.1 - a.1),
            };
            let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        };
        for i in 0..input.len() {
            let cur = input[i];
            let prev = input[(i + input.len() - 1) % input.len()];
            match (inside(&cur, r), inside(&prev, r)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, true) => out.push(cross(prev, cur)),
                (false, false) => {}
            }
        }
    }
    if out.len() < 3 {
        Vec::new()
    } else {
        out
    }
}

/// Even-odd point in polygon.
pub fn in_ring(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

impl MapArea {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        self.bbox.contains(x, y) && self.rings.iter().filter(|r| in_ring(r, x, y)).count() % 2 == 1 && !self.holes.iter().any(|h| in_ring(h, x, y))
    }
}

/// A projection from grid metres into a rectangle, keeping the aspect ratio, north up.
#[derive(Clone, Copy)]
struct Projection {
    min_x: f64,
    max_y: f64,
    k: f64,
    ox: f64,
    oy: f64,
}

impl Projection {
    fn fit(b: (f64, f64, f64, f64), r: &Rect) -> Projection {
        let (w, h) = ((b.2 - b.0).max(1.0), (b.3 - b.1).max(1.0));
        let k = (r.w / w).min(r.h / h);
        Projection { min_x: b.0, max_y: b.3, k, ox: r.x + (r.w - w * k) / 2.0, oy: r.y + (r.h - h * k) / 2.0 }
    }
    fn at(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.ox + (x - self.min_x) * self.k, self.oy + (self.max_y - y) * self.k)
    }
}

fn project_area(series: usize, shape: &MapShape, p: &Projection, fill: Rgb, framed: bool, in_inset: bool, frame: &Rect) -> Option<MapArea> {
    let mut rings: Vec<Vec<(f64, f64)>> = Vec::new();
    for ring in &shape.polygons {
        let mut pts: Vec<(f64, f64)> = ring.iter().filter(|(x, y)| x.is_finite() && y.is_finite()).map(|pt| p.at(*pt)).collect();
        if !framed {
            pts = clip(&pts, frame);
        }
        if pts.len() >= 3 {
            rings.push(pts);
        }
    }
    if rings.is_empty() {
        return None;
    }
    let holes: Vec<Vec<(f64, f64)>> = if framed { shape.holes.iter().map(|h| h.iter().map(|pt| p.at(*pt)).collect()).collect() } else { Vec::new() };
    let (x0, y0, x1, y1) = bounds_of(rings.iter().flatten())?;
    Some(MapArea { series, fill, rings, holes, bbox: Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, in_inset, framed, anchor: p.at(shape.label) })
}

/// Lays out a map (`input.kind == ChartKind::Map`).
pub fn layout_map(input: &ChartInput) -> Result<Layout, ChartError> {
    let sc = scale_for(input.width);
    let c = colours(input.theme);
    let (w, h) = (input.width, input.height);
    let empty = MapData::default();
    let data = input.map.as_deref().unwrap_or(&empty);
    let period = input.ranking_period;
    let framed = |s: usize| data.framed.get(s).copied().unwrap_or(false);
    let has_shape = |s: usize| data.shapes.get(s).is_some_and(Option::is_some);

    // Classes from the framed areas with a figure, less those off the scale.
    let on_scale: Vec<f64> = (0..input.series.len())
        .filter(|&s| framed(s) && !data.off_scale.get(s).copied().unwrap_or(false))
        .filter_map(|s| input.raw(s, period))
        .collect();
    let breaks = class_breaks(&on_scale, input.change == super::ChangeMode::YearOnYearGiven);
    let class_colours = sequential(input.theme, breaks.len() + 1);
    let grey = no_figure(input.theme);
    let fill_of = |s: usize| -> Rgb {
        match input.raw(s, period) {
            Some(v) => class_colours[class_of(&breaks, v).min(class_colours.len() - 1)],
            None => grey,
        }
    };

    let f = furniture(input, &sc, &data.notes);
    let mut labels = f.labels;
    let mut top = f.top;

    // Legend: wrapping rows of [swatch] label, the classes low to high, then "No figure".
    let size = sc.small.max(11.0);
    let row_h = size * LINE + 6.0;
    let sw = (14.0, 10.0);
    let inner_right = w - sc.pad;
    let mut swatches = Vec::new();
    let mut items: Vec<(String, Rgb)> = if on_scale.is_empty() { Vec::new() } else { class_labels(input, &breaks).into_iter().zip(class_colours.iter().copied()).collect() };
    if breaks.is_empty() && !on_scale.is_empty() {
        items = vec![(input.format_value(on_scale[0]), class_colours[0])];
    }
    let any_missing = (0..input.series.len()).any(|s| framed(s) && has_shape(s) && input.raw(s, period).is_none());
    if any_missing {
        items.push((i18n::t(Key::NoFigure, input.lang).to_string(), grey));
    }
    let (mut x, mut row) = (sc.pad, 0usize);
    for (text, fill) in &items {
        let text = truncate(text, size, false, w - 2.0 * sc.pad - sw.0 - 5.0);
        let item_w = sw.0 + 5.0 + text_width(&text, size, false);
        if x > sc.pad && x + item_w > inner_right {
            row += 1;
            x = sc.pad;
        }
        let cy = top + row as f64 * row_h + row_h / 2.0;
        swatches.push(Swatch { rect: Rect { x, y: cy - sw.1 / 2.0, w: sw.0, h: sw.1 }, fill: *fill });
        labels.push(Label::new(text, x + sw.0 + 5.0, cy, Align::Start, size, false, c.text, LabelRole::Legend));
        x += item_w + 14.0;
    }
    if !items.is_empty() {
        top += (row + 1) as f64 * row_h + 6.0;
    }

    let frame = Rect { x: sc.pad, y: top, w: w - 2.0 * sc.pad, h: f.bottom - top };
    if frame.h < 60.0 || frame.w < 60.0 {
        return Err(ChartError::TooSmall { width: w, height: h });
    }

    // Frame the extent: the bounds of every framed area.
    let framed_bounds = bounds_of((0..input.series.len()).filter(|&s| framed(s)).filter_map(|s| data.shapes.get(s)?.as_ref()).flat_map(|sh| sh.polygons.iter().flatten()));
    let mut areas: Vec<MapArea> = Vec::new();
    let mut inset_rect = None;
    if let Some(b) = framed_bounds {
        let p = Projection::fit(b, &frame);
        // Muted context first, then the framed areas on top.
        for pass_framed in [false, true] {
            for s in 0..input.series.len() {
                let Some(Some(shape)) = data.shapes.get(s) else { continue };
                if framed(s) != pass_framed {
                    continue;
                }
                let fill = if pass_framed { fill_of(s) } else { muted(input.theme) };
                if let Some(a) = project_area(s, shape, &p, fill, pass_framed, false, &frame) {
                    areas.push(a);
                }
            }
        }
        // The inset: the London areas again, larger, when they are framed and small here.
        let inset: Vec<usize> = data.inset.iter().copied().filter(|&s| framed(s) && has_shape(s)).collect();
        let inset_bounds = bounds_of(inset.iter().filter_map(|&s| data.shapes.get(s)?.as_ref()).flat_map(|sh| sh.polygons.iter().flatten()));
        if let Some(ib) = inset_bounds {
            // Needed while the smallest of them (the City, 3 km across) is too small to point at.
            let smallest = inset
                .iter()
                .filter_map(|&s| data.shapes.get(s)?.as_ref().and_then(|sh| bounds_of(sh.polygons.iter().flatten())))
                .map(|b| (b.2 - b.0).max(b.3 - b.1) * p.k)
                .fold(f64::INFINITY, f64::min);
            let small = smallest < 16.0;
            if small {
                let iw = (frame.w * 0.32).clamp(80.0, 280.0);
                let aspect = (ib.3 - ib.1).max(1.0) / (ib.2 - ib.0).max(1.0);
                let caption_h = size * LINE + 4.0;
                let ih = (iw * aspect + caption_h).min(frame.h * 0.4);
                // The corner covering the fewest points of other framed areas.
                let corners = [
                    Rect { x: frame.right() - iw, y: frame.y, w: iw, h: ih },
                    Rect { x: frame.x, y: frame.y, w: iw, h: ih },
                    Rect { x: frame.right() - iw, y: frame.bottom() - ih, w: iw, h: ih },
                    Rect { x: frame.x, y: frame.bottom() - ih, w: iw, h: ih },
                ];
                let covered = |r: &Rect| -> usize { areas.iter().filter(|a| a.framed).flat_map(|a| a.rings.iter().flatten()).filter(|(x, y)| r.contains(*x, *y)).count() };
                let best = corners.iter().min_by_key(|r| covered(r)).copied().unwrap_or(corners[0]);
                let map_box = Rect { x: best.x + 4.0, y: best.y + caption_h, w: best.w - 8.0, h: best.h - caption_h - 4.0 };
                let ip = Projection::fit(ib, &map_box);
                for &s in &inset {
                    let Some(Some(shape)) = data.shapes.get(s) else { continue };
                    if let Some(a) = project_area(s, shape, &ip, fill_of(s), true, true, &map_box) {
                        areas.push(a);
                    }
                }
                let caption = truncate(&data.inset_label, size, false, best.w - 8.0);
                labels.push(Label::new(caption, best.x + 4.0, best.y + caption_h / 2.0 + 1.0, Align::Start, size, false, c.text_subtle, LabelRole::MapLabel));
                inset_rect = Some(best);
            }
        }
    }

    // Labels: the main area's name and figure, and with `label_all` every framed area that
    // fits; each on a box, inside the map, clear of other labels and of the inset.
    let mut label_boxes = Vec::new();
    let mut wanted: Vec<usize> = data.main.into_iter().collect();
    if data.label_all {
        for s in key_order(input) {
            if !wanted.contains(&s) {
                wanted.push(s);
            }
        }
    }
    let lsize = sc.text.min(12.5);
    for s in wanted {
        // The inset copy if there is one: the main map's is too small to point at.
        let Some(area) = areas.iter().rev().find(|a| a.series == s && a.framed) else { continue };
        let Some(series) = input.series.get(s) else { continue };
        let value = input.raw(s, period).map_or_else(|| i18n::t(Key::NoFigure, input.lang).to_string(), |v| input.format_value(v));
        let bold = data.main == Some(s);
        let text = truncate(&format!("{}: {value}", series.label), lsize, bold, frame.w - 8.0);
        let tw = text_width(&text, lsize, bold);
        let bh = lsize * LINE + 2.0;
        let (ax, ay) = area.anchor;
        let mut candidates = vec![(ax, ay), (ax, ay - bh - 4.0), (ax, ay + bh + 4.0), (ax + tw / 2.0 + 8.0, ay), (ax - tw / 2.0 - 8.0, ay)];
        for k in 2..=4 {
            let d = k as f64 * (bh + 2.0);
            candidates.extend([(ax, ay + d), (ax, ay - d)]);
        }
        // An inset area's label may also sit just outside the inset, under or over it.
        let beside_inset = match (area.in_inset, inset_rect) {
            (true, Some(r)) => vec![(r.x + r.w / 2.0, r.bottom() + bh / 2.0 + 3.0), (r.x + r.w / 2.0, r.y - bh / 2.0 - 3.0)],
            _ => Vec::new(),
        };
        let n_inside = if area.in_inset { candidates.len() } else { 0 };
        candidates.extend(beside_inset);
        for (k, (cx, cy)) in candidates.into_iter().enumerate() {
            // Slide inside the frame rather than drop.
            let cx = cx.clamp(frame.x + tw / 2.0 + 3.0, (frame.right() - tw / 2.0 - 3.0).max(frame.x + tw / 2.0 + 3.0));
            let cy = cy.clamp(frame.y + bh / 2.0, (frame.bottom() - bh / 2.0).max(frame.y + bh / 2.0));
            let label = Label::new(text.clone(), cx, cy, Align::Middle, lsize, bold, c.text, LabelRole::MapLabel);
            let bx = Rect { x: label.rect.x - 3.0, y: cy - bh / 2.0, w: label.rect.w + 6.0, h: bh };
            let inside_inset = k < n_inside;
            let clear_of_inset = inside_inset || inset_rect.map_or(true, |r| !bx.overlaps(&r));
            let within_inset = !inside_inset || inset_rect.map_or(true, |r| bx.inside(&r));
            if bx.inside(&frame) && clear_of_inset && within_inset && !labels.iter().any(|l| l.rect.overlaps(&bx)) && !label_boxes.iter().any(|b: &Rect| b.overlaps(&bx)) {
                label_boxes.push(bx);
                labels.push(label);
                break;
            }
        }
    }

    // The hit-test grid: each cell lists the areas whose boxes touch it, topmost first.
    let (cols, rows) = (16usize, 16usize);
    let cell = (w / cols as f64, h / rows as f64);
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); cols * rows];
    for (i, a) in areas.iter().enumerate().rev() {
        if !a.framed {
            continue;
        }
        let c0 = ((a.bbox.x / cell.0).floor().max(0.0) as usize).min(cols - 1);
        let c1 = ((a.bbox.right() / cell.0).floor().max(0.0) as usize).min(cols - 1);
        let r0 = ((a.bbox.y / cell.1).floor().max(0.0) as usize).min(rows - 1);
        let r1 = ((a.bbox.bottom() / cell.1).floor().max(0.0) as usize).min(rows - 1);
        for r in r0..=r1 {
            for cc in c0..=c1 {
                grid[r * cols + cc].push(i);
            }
        }
    }

    let values = input.plotted();
    let mut layout = super::layout::empty_layout(input, frame, labels);
    layout.values = values;
    layout.map = Some(MapLayout {
        areas,
        swatches,
        breaks,
        class_colours,
        inset: inset_rect,
        label_boxes,
        outline: outline(input.theme),
        muted: muted(input.theme),
        grid,
        cols,
        rows,
        cell,
        aspect: framed_bounds.map_or(1.2, |b| (b.3 - b.1).max(1.0) / (b.2 - b.0).max(1.0)),
    });
    Ok(layout)
}

/// The series under (`x`, `y`), through the grid index: the inset before the main map.
pub fn hit(layout: &Layout, x: f64, y: f64) -> Option<usize> {
    let m = layout.map.as_ref()?;
    if !x.is_finite() || !y.is_finite() || x < 0.0 || y < 0.0 {
        return None;
    }
    let (c, r) = ((x / m.cell.0) as usize, (y / m.cell.1) as usize);
    if c >= m.cols || r >= m.rows {
        return None;
    }
    let cell = m.grid.get(r * m.cols + c)?;
    // Inside the inset frame, only the inset's areas count.
    let in_inset = m.inset.is_some_and(|i| i.contains(x, y));
    cell.iter().filter_map(|&i| m.areas.get(i)).filter(|a| a.in_inset == in_inset).find(|a| a.contains(x, y)).map(|a| a.series)
}

/// Where the focus marker for series `s` goes: its label point (in the inset if it is there).
pub fn anchor(layout: &Layout, s: usize) -> Option<(f64, f64)> {
    layout.map.as_ref()?.areas.iter().rev().find(|a| a.series == s && a.framed).map(|a| a.anchor)
}

/// Selected series are outlined: the main area solid and thick, the others dashed.
pub fn outline_style(input: &ChartInput, s: usize) -> Option<(f64, Option<&'static [f64]>)> {
    let series = input.series.get(s)?;
    if series.role != Role::Selected {
        return None;
    }
    let main = input.map.as_ref().and_then(|m| m.main) == Some(s);
    Some(if main { (2.5, None) } else { (2.0, Some(&[5.0, 3.0][..])) })
}
