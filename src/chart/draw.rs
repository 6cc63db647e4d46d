//! Draws a [`Layout`] with plotters' `DrawingBackend` primitives only, so the same code paints
//! a browser canvas and an SVG string.

use super::layout::{Align, Layout, Rule};
use super::metrics::{text_width, FONT_FAMILY};
use super::palette::Rgb;
use super::ChartInput;
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle};

/// How layout px map to backend units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawOptions {
    /// Device pixels per CSS px: draw at `dpr` into a backing store `dpr` times the CSS size,
    /// rounding only at the end so 2.5 px lines stay 5 device px at 2x.
    pub scale: f64,
    /// plotters' SVG backend writes `font-size = size / 1.24` while its canvas backend uses
    /// the size as given; this factor makes text the same size on both.
    pub text_size_factor: f64,
}

impl DrawOptions {
    pub fn canvas(device_pixel_ratio: f64) -> DrawOptions {
        let scale = if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 { device_pixel_ratio.min(8.0) } else { 1.0 };
        DrawOptions { scale, text_size_factor: 1.0 }
    }
    pub fn svg() -> DrawOptions {
        DrawOptions { scale: 1.0, text_size_factor: 1.24 }
    }
}

struct Stroke {
    colour: BackendColor,
    width: u32,
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.colour
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn colour(c: Rgb) -> BackendColor {
    BackendColor { alpha: 1.0, rgb: (c.0, c.1, c.2) }
}

/// Our text style: the backend draws the glyphs (canvas `fillText`, SVG `<text>`), so no
/// rasteriser is needed; `layout_box` answers from our own metrics.
struct Font {
    colour: BackendColor,
    size: f64,
    bold: bool,
    anchor: Pos,
}

/// Never produced: text is measured from tables, not a font file.
#[derive(Debug)]
pub struct NoFontError;

impl std::fmt::Display for NoFontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("this backend needs a font rasteriser")
    }
}

impl std::error::Error for NoFontError {}

impl BackendTextStyle for Font {
    type FontError = NoFontError;
    fn color(&self) -> BackendColor {
        self.colour
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(FONT_FAMILY)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), NoFontError> {
        let w = text_width(text, self.size, self.bold).round() as i32;
        Ok(((0, 0), (w, (self.size * 1.2).round() as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, _: &str, _: BackendCoord, _: F) -> Result<Result<(), E>, NoFontError> {
        // Pixel backends (bitmaps) would land here; the chart targets canvas and SVG only.
        Err(NoFontError)
    }
}

/// The "on" pieces of a dashed polyline. The pattern continues across vertices, so a dashed
/// line through many close points still shows dashes rather than a solid run.
pub fn dash_segments(points: &[(f64, f64)], pattern: &[f64]) -> Vec<((f64, f64), (f64, f64))> {
    let pattern: Vec<f64> = pattern.iter().copied().filter(|d| d.is_finite() && *d > 0.0).collect();
    if pattern.is_empty() {
        return points.windows(2).map(|w| (w[0], w[1])).collect();
    }
    let mut out = Vec::new();
    let (mut i, mut left) = (0usize, pattern[0]);
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if !len.is_finite() {
            continue;
        }
        let mut t = 0.0;
        while t < len {
            let step = left.min(len - t);
            if i % 2 == 0 {
                let p = |d: f64| (a.0 + (b.0 - a.0) * d / len, a.1 + (b.1 - a.1) * d / len);
                out.push((p(t), p(t + step)));
            }
            t += step;
            left -= step;
            if left <= 1e-9 {
                i = (i + 1) % pattern.len().max(2);
                left = pattern[i % pattern.len()];
            }
        }
    }
    out
}

/// Draws `layout` at 1 device px per CSS px with canvas text sizing.
pub fn draw<DB: DrawingBackend>(layout: &Layout, input: &ChartInput, backend: &mut DB) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    draw_with(layout, input, backend, DrawOptions::canvas(1.0))
}

/// Draws `layout` with explicit scale and text sizing (see [`DrawOptions`]).
pub fn draw_with<DB: DrawingBackend>(layout: &Layout, _input: &ChartInput, backend: &mut DB, options: DrawOptions) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    let k = options.scale;
    // `as i32` saturates and maps NaN to 0, so no coordinate can panic here.
    let at = |(x, y): (f64, f64)| -> BackendCoord { ((x * k).round() as i32, (y * k).round() as i32) };
    let width = |w: f64| -> u32 { ((w * k).round() as u32).max(1) };
    backend.ensure_prepared()?;
    backend.draw_rect((0, 0), at((layout.width, layout.height)), &Stroke { colour: colour(layout.background), width: 1 }, true)?;

    let rule = |backend: &mut DB, r: &Rule| -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let style = Stroke { colour: colour(r.colour), width: width(r.width) };
        match r.dash {
            None => backend.draw_line(at(r.from), at(r.to), &style),
            Some(dash) => {
                for (a, b) in dash_segments(&[r.from, r.to], dash) {
                    backend.draw_line(at(a), at(b), &style)?;
                }
                Ok(())
            }
        }
    };
    for r in layout.rules.iter().chain(&layout.keys) {
        rule(backend, r)?;
    }
    for bar in &layout.bars {
        let r = bar.rect;
        backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(bar.colour), width: 1 }, true)?;
    }
    for line in &layout.lines {
        let style = Stroke { colour: colour(line.colour), width: width(line.width) };
        for seg in &line.segments {
            if seg.len() < 2 {
                continue;
            }
            match line.dash {
                None => backend.draw_path(seg.iter().map(|p| at(*p)), &style)?,
                Some(dash) => {
                    for (a, b) in dash_segments(seg, dash) {
                        backend.draw_line(at(a), at(b), &style)?;
                    }
                }
            }
        }
        // A ring of background colour lifts each marker off lines it crosses.
        let radius = |r: f64| -> u32 { ((r * k).round() as u32).max(1) };
        for m in &line.markers {
            backend.draw_circle(at(*m), radius(line.marker_radius + 1.5), &Stroke { colour: colour(layout.background), width: 1 }, true)?;
            backend.draw_circle(at(*m), radius(line.marker_radius), &Stroke { colour: colour(line.colour), width: 1 }, true)?;
        }
    }
    if let Some(map) = &layout.map {
        draw_map(layout, map, _input, backend, &at, &width)?;
    }
    for label in &layout.labels {
        if label.text.is_empty() {
            continue;
        }
        let h = match label.align {
            Align::Start => HPos::Left,
            Align::Middle => HPos::Center,
            Align::End => HPos::Right,
        };
        let font = Font { colour: colour(label.colour), size: label.size * k * options.text_size_factor, bold: label.bold, anchor: Pos::new(h, VPos::Center) };
        backend.draw_text(&label.text, &font, at((label.x, label.y)))?;
    }
    backend.present()
}

/// The map: muted context, then the framed areas, then their boundaries, the inset, the
/// selected areas' outlines, the legend swatches and the label boxes. Each area's fill is one
/// `fill_polygon` per ring, in order, so the SVG can name each area's path (see `svg.rs`).
fn draw_map<DB: DrawingBackend>(
    layout: &Layout,
    map: &super::map::MapLayout,
    input: &ChartInput,
    backend: &mut DB,
    at: &dyn Fn((f64, f64)) -> BackendCoord,
    width: &dyn Fn(f64) -> u32,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    let ring = |r: &[(f64, f64)]| -> Vec<BackendCoord> {
        let mut pts: Vec<BackendCoord> = r.iter().map(|p| at(*p)).collect();
        pts.dedup();
        pts
    };
    let thin = Stroke { colour: colour(map.outline), width: width(0.6) };
    let mut inset_started = false;
    for area in &map.areas {
        if area.in_inset && !inset_started {
            inset_started = true;
            // The boundaries of the main map first, then the inset on a clean box.
            for a in map.areas.iter().filter(|a| !a.in_inset) {
                outline_area(backend, a, &ring, &thin)?;
            }
            if let Some(r) = map.inset {
                backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(layout.background), width: 1 }, true)?;
                backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(map.outline), width: width(1.0) }, false)?;
            }
        }
        for r in &area.rings {
            let pts = ring(r);
            if pts.len() >= 3 {
                backend.fill_polygon(pts, &Stroke { colour: colour(area.fill), width: 1 })?;
            }
        }
    }
    for a in map.areas.iter().filter(|a| a.in_inset || !inset_started) {
        outline_area(backend, a, &ring, &thin)?;
    }
    // Selected areas on top: the main area thick and solid, compared areas dashed.
    let text = super::palette::colours(layout.theme).text;
    for a in map.areas.iter().filter(|a| a.framed) {
        let Some((w, dash)) = super::map::outline_style(input, a.series) else { continue };
        let style = Stroke { colour: colour(text), width: width(w) };
        for r in &a.rings {
            let mut closed = r.clone();
            if let Some(first) = r.first() {
                closed.push(*first);
            }
            match dash {
                None => backend.draw_path(ring(&closed), &style)?,
                Some(d) => {
                    for (p, q) in dash_segments(&closed, d) {
                        backend.draw_line(at(p), at(q), &style)?;
                    }
                }
            }
        }
    }
    for s in &map.swatches {
        let r = s.rect;
        backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(s.fill), width: 1 }, true)?;
        backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(map.outline), width: width(1.0) }, false)?;
    }
    for r in &map.label_boxes {
        backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(layout.background), width: 1 }, true)?;
        backend.draw_rect(at((r.x, r.y)), at((r.right(), r.bottom())), &Stroke { colour: colour(map.outline), width: width(1.0) }, false)?;
    }
    Ok(())
}

fn outline_area<DB: DrawingBackend>(
    backend: &mut DB,
    a: &super::map::MapArea,
    ring: &dyn Fn(&[(f64, f64)]) -> Vec<BackendCoord>,
    style: &Stroke,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    for r in a.rings.iter().chain(&a.holes) {
        let mut pts = ring(r);
        if let Some(first) = pts.first().copied() {
            pts.push(first);
        }
        if pts.len() >= 3 {
            backend.draw_path(pts, style)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate_and_continue_across_vertices() {
        let on = dash_segments(&[(0.0, 0.0), (10.0, 0.0), (20.0, 0.0)], &[6.0, 4.0]);
        // 0–6 on, 6–10 off, 10–16 on, 16–20 off.
        assert_eq!(on.len(), 2);
        assert_eq!(on[0], ((0.0, 0.0), (6.0, 0.0)));
        assert_eq!(on[1], ((10.0, 0.0), (16.0, 0.0)));
        assert!(dash_segments(&[(0.0, 0.0)], &[6.0, 4.0]).is_empty());
        assert_eq!(dash_segments(&[(0.0, 0.0), (5.0, 0.0)], &[]).len(), 1);
    }
}
