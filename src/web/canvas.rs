//! `Canvas`: a plotters `DrawingBackend` over a 2D canvas context that keeps the canvas's
//! state and batches lines.
//!
//! It draws exactly what plotters-canvas draws (the same colours, half-pixel alignment of
//! horizontal and vertical lines, text anchors and fonts), but plotters-canvas sets the stroke
//! style, width and font on every primitive and strokes every line on its own. A dashed
//! benchmark line is a few hundred separate segments, so one chart cost over a thousand calls
//! across the wasm/JS boundary and ~10 ms. Here a style is set only when it changes (as uPlot
//! does), and consecutive lines of one style go into one path with one `stroke()`.
//! `tests/web.rs` checks the pixels against plotters-canvas.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform};
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

fn js_error(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(e.as_string().unwrap_or_else(|| "canvas error".into())))
}

/// A colour as a comparable key (BackendColor has no PartialEq).
type ColourKey = (u8, u8, u8, u64);

fn key(c: BackendColor) -> ColourKey {
    (c.rgb.0, c.rgb.1, c.rgb.2, c.alpha.to_bits())
}

fn css_colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    format!("rgba({r},{g},{b},{})", c.alpha)
}

pub struct Canvas {
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
    stroke: Option<(ColourKey, u32)>,
    fill: Option<ColourKey>,
    font: String,
    align: (&'static str, &'static str),
    /// Lines added to the current path since the last `stroke()`.
    open_path: bool,
}

impl Canvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas> {
        use wasm_bindgen::JsCast;
        let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas { ctx, size: (canvas.width(), canvas.height()), stroke: None, fill: None, font: String::new(), align: ("", ""), open_path: false })
    }

    fn flush(&mut self) {
        if self.open_path {
            self.ctx.stroke();
            self.open_path = false;
        }
    }

    fn set_stroke(&mut self, colour: BackendColor, width: u32) {
        if self.stroke != Some((key(colour), width)) {
            self.flush();
            self.ctx.set_stroke_style_str(&css_colour(colour));
            self.ctx.set_line_width(width as f64);
            self.stroke = Some((key(colour), width));
        }
    }

    /// Starts a new path through `points`; false if there were none.
    fn trace<I: IntoIterator<Item = BackendCoord>>(&self, points: I) -> bool {
        let mut points = points.into_iter();
        let Some(start) = points.next() else { return false };
        self.ctx.begin_path();
        self.ctx.move_to(start.0 as f64, start.1 as f64);
        for p in points {
            self.ctx.line_to(p.0 as f64, p.1 as f64);
        }
        true
    }

    fn set_fill(&mut self, colour: BackendColor) {
        if self.fill != Some(key(colour)) {
            self.ctx.set_fill_style_str(&css_colour(colour));
            self.fill = Some(key(colour));
        }
    }
}

/// Horizontal and vertical lines sit on half pixels so a 1 px line is crisp (as plotters-canvas).
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = ((from.0 as f64, from.1 as f64), (to.0 as f64, to.1 as f64));
    if a.0 == b.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if a.1 == b.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.flush();
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, colour: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_fill(colour);
        self.ctx.fill_rect(point.0 as f64, point.1 as f64, 1.0, 1.0);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_stroke(style.color(), style.stroke_width());
        if !self.open_path {
            self.ctx.begin_path();
            self.open_path = true;
        }
        let (a, b) = crisp(from, to);
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let (x, y, w, h) = (ul.0 as f64, ul.1 as f64, (br.0 - ul.0) as f64, (br.1 - ul.1) as f64);
        if fill {
            self.set_fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.set_stroke(style.color(), style.stroke_width());
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_stroke(style.color(), style.stroke_width());
        if self.trace(path) {
            self.ctx.stroke();
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        self.set_fill(style.color());
        if self.trace(vert) {
            self.ctx.close_path();
            self.ctx.fill();
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        if fill {
            self.set_fill(style.color());
        } else {
            self.set_stroke(style.color(), style.stroke_width());
        }
        self.ctx.begin_path();
        self.ctx.arc(center.0 as f64, center.1 as f64, radius as f64, 0.0, std::f64::consts::TAU).map_err(js_error)?;
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<CanvasError>> {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        // The chart never rotates text; a rotated request is drawn as plotters-canvas would.
        let rotated = !matches!(style.transform(), FontTransform::None);
        let (mut x, mut y) = (pos.0 as f64, pos.1 as f64);
        if rotated {
            let degrees = match style.transform() {
                FontTransform::Rotate90 => 90.0,
                FontTransform::Rotate180 => 180.0,
                FontTransform::Rotate270 => 270.0,
                FontTransform::None => 0.0,
            };
            self.ctx.save();
            self.ctx.translate(x, y).map_err(js_error)?;
            self.ctx.rotate(degrees / 180.0 * std::f64::consts::PI).map_err(js_error)?;
            (x, y) = (0.0, 0.0);
        }
        let anchor = style.anchor();
        let align = (
            match anchor.h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "center",
            },
            match anchor.v_pos {
                VPos::Top => "top",
                VPos::Center => "middle",
                VPos::Bottom => "bottom",
            },
        );
        if self.align != align {
            self.ctx.set_text_align(align.0);
            self.ctx.set_text_baseline(align.1);
            self.align = align;
        }
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        if self.font != font {
            self.ctx.set_font(&font);
            self.font = font;
        }
        self.set_fill(colour);
        self.ctx.fill_text(text, x, y).map_err(js_error)?;
        if rotated {
            self.ctx.restore();
            // restore() brings back the state from before save(): forget what we cached since.
            self.stroke = None;
            self.fill = None;
            self.font.clear();
            self.align = ("", "");
        }
        Ok(())
    }
}
