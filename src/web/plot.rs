//! The plot: the chart canvas, the overlay (crosshair and marker), the tooltip, and what
//! moves them: pointer (mouse, pen, a finger dragged along the line) and keyboard.
//!
//! "Where does a pointer move go?" Here: `pointermove` → [`Plot::pointer`] → the core's
//! hit test → [`Plot::show_point`].
//!
//! The canvas is an interactive element (`role="application"`, so screen readers in browse
//! mode hand it the arrow keys), named by the chart's summary and described by a short key
//! instruction (shown while it has focus) and the narrative. What a reader deliberately moves
//! to (a key, a tap or a finger's drag) is announced; a mouse hover only shows the tooltip.
//! The tooltip can be hovered without changing (WCAG 1.4.13), and Escape dismisses it wherever
//! the focus is.

use super::canvas;
use super::dom::{el, set_text, Listeners};
use super::{warn, with, Inner};
use crate::chart::{self, ChartKind, DrawOptions, Jump, Layout, Measure, Position};
use crate::i18n::{self, Key, Lang};
use crate::view::View;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, Element, Event, EventTarget, HtmlCanvasElement, HtmlElement, KeyboardEvent, PointerEvent};

pub struct Plot {
    pub root: Element,
    pub canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    /// The overlay's 2D context, fetched once: the crosshair is drawn on every pointer move.
    overlay_ctx: Option<CanvasRenderingContext2d>,
    tooltip: Element,
    /// Title, period, value and change: created once, their text replaced.
    tip_lines: Vec<Element>,
    /// How to use the chart from the keyboard: read on focus, shown from the first focus on.
    keys: Element,
    /// Per series: an English name inside a Welsh widget (marked `lang="en"` in the tooltip).
    pub english: Vec<bool>,
    pub layout: Option<Layout>,
    /// CSS px per layout px: the reader's text size over the size the chart is designed for, so
    /// the canvas text grows with the widget's text. The layout is computed at the CSS width
    /// divided by this and drawn multiplied by it.
    scale: f64,
    /// The point the tooltip is on.
    pub focus: Option<Position>,
    /// On a map, the overlay's drawn box (device px): only it is cleared on the next move, so a
    /// tall map's overlay is not wiped whole on every pointer move.
    dirty: std::cell::Cell<Option<(f64, f64, f64, f64)>>,
}

impl Plot {
    pub fn build(doc: &Document) -> Result<Plot, JsValue> {
        let root = el(doc, "div", "plot")?;
        root.set_attribute("part", "plot")?;
        let canvas: HtmlCanvasElement = el(doc, "canvas", "chart")?.unchecked_into();
        canvas.set_attribute("role", "application")?;
        canvas.set_attribute("tabindex", "0")?;
        canvas.set_attribute("part", "canvas")?;
        canvas.set_attribute("aria-describedby", "cc-keys cc-caption")?;
        let overlay: HtmlCanvasElement = el(doc, "canvas", "overlay")?.unchecked_into();
        overlay.set_attribute("aria-hidden", "true")?;
        let tooltip = el(doc, "div", "tooltip")?;
        tooltip.set_attribute("part", "tooltip")?;
        tooltip.set_attribute("hidden", "")?;
        tooltip.set_attribute("aria-hidden", "true")?;
        let mut tip_lines = Vec::with_capacity(4);
        for tag in ["strong", "div", "div", "div"] {
            let line = el(doc, tag, "")?;
            tooltip.append_child(&line)?;
            tip_lines.push(line);
        }
        let keys = el(doc, "p", "keys")?;
        keys.set_id("cc-keys");
        keys.set_attribute("hidden", "")?;
        root.append_child(&canvas)?;
        root.append_child(&overlay)?;
        root.append_child(&tooltip)?;
        root.append_child(&keys)?;
        Ok(Plot { root, canvas, overlay_ctx: context(&overlay), overlay, tooltip, tip_lines, keys, english: Vec::new(), layout: None, scale: 1.0, focus: None, dirty: std::cell::Cell::new(None) })
    }

    pub fn relabel(&self, lang: Lang) {
        set_text(&self.keys, i18n::t(Key::ChartKeys, lang));
    }

    /// Whether the tooltip is showing.
    pub fn showing(&self) -> bool {
        !self.tooltip.has_attribute("hidden")
    }

    /// Draws the chart at the device pixel ratio `dpr`, and keeps `layout` for hit testing.
    pub fn draw(&mut self, view: &View, layout: Option<Layout>, dpr: f64, scale: f64) {
        let _ = self.canvas.set_attribute("aria-label", &view.aria_label);
        // A map's keys move between areas, not periods.
        let keys = if view.input.kind == ChartKind::Map { Key::MapKeys } else { Key::ChartKeys };
        set_text(&self.keys, i18n::t(keys, view.input.lang));
        self.layout = layout;
        self.scale = scale;
        let Some(layout) = &self.layout else { return };
        let (w, h) = (view.input.width, view.input.height);
        let d = dpr * scale;
        let (device_w, device_h) = ((w * d).round().max(1.0) as u32, (h * d).round().max(1.0) as u32);
        for canvas in [&self.canvas, &self.overlay] {
            // Resizing a canvas reallocates its backing store: only when the size changed.
            // The chart paints its whole background, so an unchanged canvas needs no clearing.
            if canvas.width() != device_w || canvas.height() != device_h {
                canvas.set_width(device_w);
                canvas.set_height(device_h);
                let _ = canvas.style().set_property("aspect-ratio", &format!("{} / {}", w.round(), h.round()));
            }
        }
        // The plot area in CSS px, for tests and hosts.
        let _ = self.canvas.set_attribute(
            "data-plot",
            &format!("{:.1},{:.1},{:.1},{:.1}", layout.plot.x * scale, layout.plot.y * scale, layout.plot.right() * scale, layout.plot.bottom() * scale),
        );
        if let Some(mut backend) = canvas::Canvas::new(&self.canvas) {
            if let Err(e) = chart::draw_with(layout, &view.input, &mut backend, DrawOptions::canvas(d)) {
                warn(&format!("drawing failed: {e:?}"));
            }
        }
        self.clear_overlay();
    }

    fn clear_overlay(&self) {
        if let Some(ctx) = &self.overlay_ctx {
            ctx.clear_rect(0.0, 0.0, self.overlay.width() as f64, self.overlay.height() as f64);
        }
        self.dirty.set(None);
    }

    /// Shows the tooltip, crosshair and marker for `self.focus`; returns what to announce.
    pub fn show_point(&self, view: Option<&View>, dpr: f64) -> Option<String> {
        let (Some(view), Some(layout), Some(focus)) = (view, &self.layout, self.focus) else {
            self.hide_point();
            return None;
        };
        let Some(tip) = chart::tooltip(&view.input, focus.series, focus.period) else {
            self.hide_point();
            return None;
        };
        let Some((x, y)) = point_position(layout, focus) else {
            self.hide_point();
            return None;
        };
        // Crosshair and marker on the overlay, so the chart itself is not redrawn.
        if let Some(ctx) = &self.overlay_ctx {
            let d = dpr * self.scale;
            match (self.dirty.take(), layout.map.is_some()) {
                (Some((x0, y0, w0, h0)), true) => ctx.clear_rect(x0, y0, w0, h0),
                _ => ctx.clear_rect(0.0, 0.0, self.overlay.width() as f64, self.overlay.height() as f64),
            }
            let colours = chart::palette::colours(view.input.theme);
            ctx.set_stroke_style_str(&colours.text.hex());
            ctx.set_line_width(d);
            ctx.begin_path();
            if let Some(map) = &layout.map {
                // The focused area outlined, in the inset too.
                ctx.set_line_width(3.0 * d);
                let mut bounds: Option<(f64, f64, f64, f64)> = None;
                for area in map.areas.iter().filter(|a| a.series == focus.series && a.framed) {
                    let b = area.bbox;
                    bounds = Some(match bounds {
                        None => (b.x, b.y, b.right(), b.bottom()),
                        Some((x0, y0, x1, y1)) => (x0.min(b.x), y0.min(b.y), x1.max(b.right()), y1.max(b.bottom())),
                    });
                    for ring in &area.rings {
                        for (i, (px, py)) in ring.iter().enumerate() {
                            if i == 0 {
                                ctx.move_to(px * d, py * d);
                            } else {
                                ctx.line_to(px * d, py * d);
                            }
                        }
                        ctx.close_path();
                    }
                }
                ctx.stroke();
                // The stroke reaches half its width (and antialiasing) beyond the areas' boxes.
                if let Some((x0, y0, x1, y1)) = bounds {
                    let m = 4.0 * d;
                    self.dirty.set(Some(((x0 * d - m).floor(), (y0 * d - m).floor(), ((x1 - x0) * d + 2.0 * m).ceil() + 1.0, ((y1 - y0) * d + 2.0 * m).ceil() + 1.0)));
                }
            } else if view.input.kind == ChartKind::Ranking {
                if let Some(bar) = layout.bars.iter().find(|b| b.series == focus.series) {
                    ctx.stroke_rect((bar.rect.x - 3.0) * d, (bar.rect.y - 3.0) * d, (bar.rect.w + 6.0) * d, (bar.rect.h + 6.0) * d);
                }
            } else {
                ctx.move_to((x * d).round() + 0.5, layout.plot.y * d);
                ctx.line_to((x * d).round() + 0.5, layout.plot.bottom() * d);
                ctx.stroke();
                ctx.begin_path();
                let _ = ctx.arc(x * d, y * d, 5.0 * d, 0.0, std::f64::consts::TAU);
                ctx.set_fill_style_str(&colours.background.hex());
                ctx.fill();
                ctx.set_line_width(2.5 * d);
                ctx.stroke();
            }
        }
        // The tooltip's four lines are fixed nodes whose text changes, and its side is chosen
        // by arithmetic, not by measuring it: no layout is forced on a pointer move.
        let _ = if self.english.get(focus.series).copied().unwrap_or(false) {
            self.tip_lines[0].set_attribute("lang", "en")
        } else {
            self.tip_lines[0].remove_attribute("lang")
        };
        // A rate is said with its unit; the tooltip's axis context makes it plain to the eye.
        let spoken_value = if view.input.measure == Measure::Rate && !matches!(view.input.kind, ChartKind::Change | ChartKind::Map) && !matches!(view.input.change, chart::ChangeMode::YearOnYearGiven) && tip.value_text.chars().any(|c| c.is_ascii_digit()) {
            format!("{} {}", tip.value_text, i18n::t(Key::PerThousandPeople, view.input.lang))
        } else {
            tip.value_text.clone()
        };
        let lines = [Some(tip.title), Some(tip.period_label), Some(tip.value_text), tip.change_text];
        let mut spoken = Vec::with_capacity(4);
        for (i, (node, line)) in self.tip_lines.iter().zip(lines).enumerate() {
            match line {
                Some(text) => {
                    set_text(node, &text);
                    let _ = node.remove_attribute("hidden");
                    spoken.push(if i == 2 { spoken_value.clone() } else { text });
                }
                None => {
                    let _ = node.set_attribute("hidden", "");
                }
            }
        }
        let tooltip = &self.tooltip;
        let classes = tooltip.class_list();
        let flip_left = x > view.input.width * 0.55;
        let below = y < 90.0;
        let (x, y) = (x * self.scale, y * self.scale);
        let _ = classes.toggle_with_force("left", flip_left);
        let _ = classes.toggle_with_force("below", below);
        if let Ok(t) = tooltip.clone().dyn_into::<HtmlElement>() {
            let style = t.style();
            let _ = style.set_property("left", &format!("{:.0}px", if flip_left { x - 12.0 } else { x + 12.0 }));
            let _ = style.set_property("top", &format!("{:.0}px", if below { y + 12.0 } else { y - 12.0 }));
        }
        let _ = tooltip.remove_attribute("hidden");
        Some(spoken.join(", "))
    }

    pub fn hide_point(&self) {
        let _ = self.tooltip.set_attribute("hidden", "");
        self.clear_overlay();
    }

    /// After a redraw: the tooltip stays on the same point if it still exists.
    pub fn keep_point(&mut self, view: Option<&View>, dpr: f64) -> Option<String> {
        let f = self.focus?;
        if view.map_or(true, |v| f.series >= v.input.series.len() || f.period >= v.input.periods.len()) {
            self.focus = None;
        }
        self.show_point(view, dpr)
    }

    /// The pointer is at (x, y) CSS px over the canvas. Returns what to announce if the point changed.
    fn pointer(&mut self, view: Option<&View>, dpr: f64, x: f64, y: f64) -> Option<String> {
        let (Some(v), Some(layout)) = (view, &self.layout) else { return None };
        let found = chart::hit(layout, &v.input, x / self.scale, y / self.scale);
        if found == self.focus {
            return None;
        }
        self.focus = found;
        self.show_point(view, dpr)
    }

    /// A key on the focused chart. `Some(announcement)` when the key was used.
    fn key(&mut self, view: Option<&View>, dpr: f64, key: &str) -> Option<Option<String>> {
        let (Some(v), Some(layout)) = (view, &self.layout) else { return None };
        enum Move {
            Step(chart::Direction),
            Jump(Jump),
        }
        let how = match key {
            "ArrowLeft" => Move::Step(chart::Direction::Left),
            "ArrowRight" => Move::Step(chart::Direction::Right),
            "ArrowUp" => Move::Step(chart::Direction::Up),
            "ArrowDown" => Move::Step(chart::Direction::Down),
            "Home" => Move::Jump(Jump::First),
            "End" => Move::Jump(Jump::Last),
            "PageUp" => Move::Jump(Jump::YearEarlier),
            "PageDown" => Move::Jump(Jump::YearLater),
            "Escape" => {
                if self.focus.is_some() {
                    self.focus = None;
                    self.hide_point();
                    return Some(None);
                }
                return None;
            }
            _ => return None,
        };
        // The first key press lands on the latest figure of the first area, where the
        // narrative starts; later presses move from there.
        let Some(current) = self.focus else {
            self.focus = first_point(layout, &v.input);
            return Some(self.show_point(view, dpr));
        };
        let next = match how {
            Move::Step(d) => chart::step(&v.input, current, d),
            Move::Jump(j) => chart::jump(&v.input, current, j),
        };
        if next == current && v.input.kind != ChartKind::Ranking {
            // Nowhere further: say so rather than staying silent.
            let edge = match how {
                Move::Step(chart::Direction::Left) | Move::Jump(Jump::First) | Move::Jump(Jump::YearEarlier) => Some(Key::StartOfChart),
                Move::Step(chart::Direction::Right) | Move::Jump(Jump::Last) | Move::Jump(Jump::YearLater) => Some(Key::EndOfChart),
                _ => None,
            };
            if let Some(edge) = edge {
                let said = self.show_point(view, dpr);
                return Some(Some(format!("{}. {}", i18n::t(edge, v.input.lang), said.unwrap_or_default())));
            }
        }
        self.focus = Some(next);
        Some(self.show_point(view, dpr))
    }
}

/// Where a point is drawn, in CSS px: a line's marker, or the end of a ranking bar.
fn point_position(layout: &Layout, focus: Position) -> Option<(f64, f64)> {
    if layout.map.is_some() {
        return chart::map::anchor(layout, focus.series);
    }
    if let Some(bar) = layout.bars.iter().find(|b| b.series == focus.series) {
        return Some((bar.rect.right(), bar.rect.y + bar.rect.h / 2.0));
    }
    layout.points.get(focus.series)?.get(focus.period).copied().flatten()
}

/// Where keyboard navigation starts: the latest figure of the first series that has one (the
/// top bar of a ranking).
fn first_point(layout: &Layout, input: &chart::ChartInput) -> Option<Position> {
    if input.kind == ChartKind::Map {
        // The main area first, where the narrative starts; else the top of the order.
        let order = chart::map::key_order(input);
        let main = input.map.as_ref().and_then(|m| m.main).filter(|s| order.contains(s));
        return main.or(order.first().copied()).map(|s| Position { series: s, period: input.ranking_period });
    }
    if input.kind == ChartKind::Ranking {
        return input.ranking_order().into_iter().find(|r| r.1.is_some()).map(|r| Position { series: r.0, period: input.ranking_period });
    }
    layout.points.iter().enumerate().find_map(|(s, pts)| pts.iter().rposition(Option::is_some).map(|p| Position { series: s, period: p }))
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

pub fn listen(weak: &Weak<RefCell<Inner>>, listeners: &mut Listeners, plot: &Plot, doc: &Document) {
    let canvas: Element = plot.canvas.clone().unchecked_into();
    // A mouse hover shows the tooltip and says nothing; a finger or a pen is a deliberate
    // move, announced once it settles.
    listeners.add(&canvas, "pointermove", with(weak, |w, ev: Event| {
        if let Some(p) = ev.dyn_ref::<PointerEvent>() {
            let said = w.plot.pointer(w.view.as_ref(), w.dpr, p.offset_x() as f64, p.offset_y() as f64);
            if p.pointer_type() != "mouse" {
                w.announce(said);
            }
        }
    }));
    listeners.add(&canvas, "pointerdown", with(weak, |w, ev: Event| {
        if let Some(p) = ev.dyn_ref::<PointerEvent>() {
            if p.pointer_type() != "mouse" {
                // Keep receiving the drag even when the finger leaves the canvas.
                let _ = w.plot.canvas.set_pointer_capture(p.pointer_id());
            }
            w.plot.focus = None;
            let said = w.plot.pointer(w.view.as_ref(), w.dpr, p.offset_x() as f64, p.offset_y() as f64);
            if p.pointer_type() != "mouse" {
                w.announce(said);
            }
        }
    }));
    listeners.add(&canvas, "pointerleave", with(weak, |w, ev: Event| {
        let Some(p) = ev.dyn_ref::<PointerEvent>() else { return };
        // Onto the tooltip: it stays as it is, so it can be hovered and read.
        if onto(p, &w.plot.tooltip) {
            return;
        }
        if p.pointer_type() == "mouse" && w.doc.active_element().map_or(true, |a| a != w.host.clone().unchecked_into::<Element>()) {
            w.dismiss_point();
        }
    }));
    listeners.add(&plot.tooltip, "pointerleave", with(weak, |w, ev: Event| {
        let Some(p) = ev.dyn_ref::<PointerEvent>() else { return };
        let canvas: Element = w.plot.canvas.clone().unchecked_into();
        if !onto(p, &canvas) && p.pointer_type() == "mouse" && w.doc.active_element().map_or(true, |a| a != w.host.clone().unchecked_into::<Element>()) {
            w.dismiss_point();
        }
    }));
    listeners.add(&canvas, "keydown", with(weak, |w, ev: Event| {
        if let Some(k) = ev.dyn_ref::<KeyboardEvent>() {
            // Enter on a map makes the focused area the main one.
            if k.key() == "Enter" {
                let Some(view) = &w.view else { return };
                let (Some(focus), ChartKind::Map) = (w.plot.focus, view.input.kind) else { return };
                let Some(name) = view.input.series.get(focus.series).map(|s| s.label.clone()) else { return };
                if w.state.set("area", &name).is_ok() {
                    w.changed();
                    w.plot.focus = Some(focus);
                    let said = w.plot.show_point(w.view.as_ref(), w.dpr);
                    w.announce(said);
                }
                ev.prevent_default();
                return;
            }
            if let Some(said) = w.plot.key(w.view.as_ref(), w.dpr, &k.key()) {
                if said.is_none() {
                    w.clear_live();
                }
                w.announce(said);
                ev.prevent_default();
                ev.stop_propagation();
            }
        }
    }));
    // The key instructions appear on the first focus and stay: hiding them again on blur
    // would move everything below the chart under a pointer that is pressing a button there.
    listeners.add(&canvas, "focus", with(weak, |w, _ev: Event| {
        let _ = w.plot.keys.remove_attribute("hidden");
    }));
    listeners.add(&canvas, "blur", with(weak, |w, _ev: Event| {
        w.dismiss_point();
    }));
    // Escape dismisses a hover tooltip wherever the focus is (WCAG 1.4.13).
    listeners.add_target(doc.clone().unchecked_into::<EventTarget>(), "keydown", with(weak, |w, ev: Event| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else { return };
        if k.key() == "Escape" && w.plot.showing() && !ev.default_prevented() {
            w.dismiss_point();
        }
    }));
    // A tap (or a click) anywhere outside the widget puts the tooltip away. On a phone a
    // tapped tooltip stays when the finger lifts (there is no hover to leave), and would
    // otherwise cover the chart until the next tap on it. The event's composed path, not its
    // target, says whether it was inside: at the document a target inside a shadow root is
    // the outermost host, which is not this widget when the widget sits in another's shadow.
    listeners.add_target(doc.clone().unchecked_into::<EventTarget>(), "pointerdown", with(weak, |w, ev: Event| {
        if !w.plot.showing() {
            return;
        }
        let me: &JsValue = w.host.as_ref();
        if !ev.composed_path().iter().any(|node| &node == me) {
            w.dismiss_point();
        }
    }));
}

/// Whether a pointer leaving one element went onto `target` (or inside it).
fn onto(p: &PointerEvent, target: &Element) -> bool {
    p.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).is_some_and(|n| target.contains(Some(&n)))
}
