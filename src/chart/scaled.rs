//! `Scaled<DB>`: a `DrawingBackend` that multiplies every coordinate and size by a factor, so
//! code written in CSS px draws crisply on a backing store `dpr` times larger (1x, 2x, 3x,
//! 175% zoom). The chart's own [`super::draw_with`] scales before rounding and is sharper for
//! fractional sizes; this wrapper serves any other drawing code and tests the same contract.

use plotters_backend::text_anchor::Pos;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle, FontTransform};

pub struct Scaled<DB> {
    pub inner: DB,
    scale: f64,
}

impl<DB: DrawingBackend> Scaled<DB> {
    /// A non-finite or non-positive factor is taken as 1.
    pub fn new(inner: DB, scale: f64) -> Scaled<DB> {
        let scale = if scale.is_finite() && scale > 0.0 { scale.min(8.0) } else { 1.0 };
        Scaled { inner, scale }
    }
    pub fn scale(&self) -> f64 {
        self.scale
    }
    pub fn into_inner(self) -> DB {
        self.inner
    }
    fn at(&self, (x, y): BackendCoord) -> BackendCoord {
        ((x as f64 * self.scale).round() as i32, (y as f64 * self.scale).round() as i32)
    }
}

struct ScaledStyle<'a, S> {
    inner: &'a S,
    scale: f64,
}

impl<S: BackendStyle> BackendStyle for ScaledStyle<'_, S> {
    fn color(&self) -> BackendColor {
        self.inner.color()
    }
    fn stroke_width(&self) -> u32 {
        ((self.inner.stroke_width() as f64 * self.scale).round() as u32).max(1)
    }
}

struct ScaledText<'a, T> {
    inner: &'a T,
    scale: f64,
}

impl<T: BackendTextStyle> BackendTextStyle for ScaledText<'_, T> {
    type FontError = T::FontError;
    fn color(&self) -> BackendColor {
        self.inner.color()
    }
    fn size(&self) -> f64 {
        self.inner.size() * self.scale
    }
    fn transform(&self) -> FontTransform {
        self.inner.transform()
    }
    fn style(&self) -> FontStyle {
        self.inner.style()
    }
    fn anchor(&self) -> Pos {
        self.inner.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.inner.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let ((x0, y0), (x1, y1)) = self.inner.layout_box(text)?;
        let s = |v: i32| (v as f64 * self.scale).round() as i32;
        Ok(((s(x0), s(y0)), (s(x1), s(y1))))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, text: &str, pos: BackendCoord, draw: F) -> Result<Result<(), E>, Self::FontError> {
        self.inner.draw(text, pos, draw)
    }
}

impl<DB: DrawingBackend> DrawingBackend for Scaled<DB> {
    type ErrorType = DB::ErrorType;

    /// The size in CSS px.
    fn get_size(&self) -> (u32, u32) {
        let (w, h) = self.inner.get_size();
        ((w as f64 / self.scale).round() as u32, (h as f64 / self.scale).round() as u32)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // A CSS pixel is scale × scale device pixels.
        let (a, b) = (self.at(point), self.at((point.0 + 1, point.1 + 1)));
        self.inner.draw_rect(a, b, &color, true)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (a, b) = (self.at(from), self.at(to));
        self.inner.draw_line(a, b, &ScaledStyle { inner: style, scale: self.scale })
    }
    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let (a, b) = (self.at(upper_left), self.at(bottom_right));
        self.inner.draw_rect(a, b, &ScaledStyle { inner: style, scale: self.scale }, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points: Vec<BackendCoord> = path.into_iter().map(|p| self.at(p)).collect();
        self.inner.draw_path(points, &ScaledStyle { inner: style, scale: self.scale })
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let c = self.at(center);
        let r = ((radius as f64 * self.scale).round() as u32).max(1);
        self.inner.draw_circle(c, r, &ScaledStyle { inner: style, scale: self.scale }, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points: Vec<BackendCoord> = vert.into_iter().map(|p| self.at(p)).collect();
        self.inner.fill_polygon(points, &ScaledStyle { inner: style, scale: self.scale })
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let p = self.at(pos);
        self.inner.draw_text(text, &ScaledText { inner: style, scale: self.scale }, p)
    }
}
