//! The browser layer: turns a placeholder's shadow root into the interactive widget.
//!
//! This is the only module with web types. It owns the DOM (built through web-sys, text always
//! through `textContent`), the event listeners, and the canvas; everything it shows comes from
//! the pure core: [`view::build`] for what to chart, [`chart`] for layout, drawing and hit
//! testing, [`i18n`] for words.
//!
//! One file per concern, each owning its DOM, its state and its listeners:
//! [`combobox`] the areas (chips and search), [`pickers`] offence, measure, kind and period,
//! [`plot`] the canvas with its pointer, keyboard, tooltip and crosshair, [`table`],
//! [`downloads`], [`host`] the events to the page, [`data`] where the figures come from.
//! This file puts them together: [`mount`], the [`Widget`] the shim holds, and the one path
//! every change takes (state → view → layout → draw).
//!
//! **Invariant:** nothing here panics on a production path. Every web-sys call that can fail
//! is handled or ignored, state is reached through `try_borrow_mut` (an event that arrives
//! while the widget is busy is dropped rather than aborting every widget on the page), and
//! listeners hold only weak references, so a removed widget is freed whole.

pub mod canvas;
mod combobox;
pub mod data;
mod dom;
mod downloads;
mod host;
mod lists;
mod panel;
mod pickers;
mod plot;
mod table;

pub use lists::{default_measure, list_areas, list_offences};

use crate::chart::{self, palette, ChartKind, Theme};
use crate::i18n::Lang;
use crate::model::Dataset;
use crate::publisher::PublisherData;
use crate::view::{self, ThemeChoice, View, WidgetState};
use dom::{el, set_text, Listeners};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, ShadowRoot};

fn warn(text: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("crime-compare: {text}")));
}

pub(crate) struct Inner {
    /// The folder of the dataset this widget charts.
    data_url: String,
    /// The figures file being fetched, so a render does not ask twice.
    fetching: Option<String>,
    host: HtmlElement,
    doc: Document,
    data: Rc<Dataset>,
    state: WidgetState,
    publisher: Option<PublisherData>,
    width: f64,
    dpr: f64,
    /// The widget's computed font size in CSS px: the reader's default text size unless the
    /// page sets `--cc-font-size`. Spacing and the chart's text follow it.
    font_px: f64,
    wrap: Element,
    title: Element,
    subtitle: Element,
    messages: Element,
    caption: Element,
    source: Element,
    /// The polite live region: what the reader deliberately moved to or changed, set once the
    /// moves settle ([`ANNOUNCE_DELAY_MS`]); never a mouse hover.
    live: Element,
    /// Counts announcements, so a later one cancels an earlier one still waiting.
    live_generation: u32,
    /// The widget itself, for work scheduled later (announcements).
    me: Weak<RefCell<Inner>>,
    /// What the `controls` attribute asks for.
    controls: panel::Mode,
    /// Whether the embed or the reader chose a measure; until then it follows
    /// [`view::default_measure`].
    measure_named: bool,
    /// The controls, the table and the chips are built in a task after the first chart, so
    /// the first mount is no long task; until then only the chart is kept up to date.
    complete: bool,
    destroyed: bool,
    panel: panel::Panel,
    areas: combobox::Areas,
    pickers: pickers::Pickers,
    plot: plot::Plot,
    table: table::Table,
    downloads: downloads::Downloads,
    view: Option<View>,
    listeners: Listeners,
}

/// One widget on the page. Created by [`mount`]; the shim calls `destroy` and `free` when its
/// element leaves the page.
#[wasm_bindgen]
pub struct Widget {
    inner: Rc<RefCell<Inner>>,
}

/// Turns `host`'s shadow root into a widget. `attrs` is a plain object of the embed's
/// attributes; `data_text`/`data_type` carry inline publisher data, if any. Never throws: a
/// problem is shown inside the widget.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: ShadowRoot, attrs: JsValue, data_text: Option<String>, data_type: Option<String>, dpr: f64, data_url: Option<String>) -> Result<Widget, JsValue> {
    let doc = host.owner_document().ok_or_else(|| JsValue::from_str("crime-compare: the element has no document"))?;
    // The dataset the shim loaded for this widget's `src`, else the package's own.
    let data_url = data_url.or_else(data::default_url).unwrap_or_default();
    let data = match data::get(&data_url).ok_or_else(|| format!("no dataset is loaded from {data_url}")) {
        Ok(d) => d,
        Err(e) => {
            web_sys::console::error_1(&JsValue::from_str(&format!("crime-compare: {e}")));
            return Err(JsValue::from_str(&e));
        }
    };
    let mut state = WidgetState::default();
    let mut warnings = Vec::new();
    let mut controls = panel::Mode::Compact;
    let mut measure_named = false;
    if let Ok(entries) = js_sys::Object::entries(&attrs.unchecked_into()).dyn_into::<js_sys::Array>() {
        // `lang` first, so that messages about the other attributes are in the right language.
        let mut pairs: Vec<(String, String)> = entries
            .iter()
            .filter_map(|e| {
                let pair: js_sys::Array = e.dyn_into().ok()?;
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect();
        crate::util::sort_by_key(&mut pairs, |(k, _)| k != "lang");
        for (k, v) in pairs {
            if k == "controls" {
                match panel::Mode::parse(&v) {
                    Ok(mode) => controls = mode,
                    Err(e) => warnings.push(e),
                }
                continue;
            }
            if k == "measure" && !v.trim().is_empty() {
                measure_named = true;
            }
            if let Err(e) = state.set(&k, &v) {
                warnings.push(e);
            }
        }
    }
    let publisher = data_text.map(|text| data::parse_publisher(&text, data_type.as_deref().unwrap_or("text/csv")));
    // Read the width before the widget's DOM goes in: afterwards the read would force a layout
    // of everything just inserted.
    let width = host.get_bounding_client_rect().width();
    let mut inner = build(host, doc, &root, data, state, publisher, width, dpr).map_err(|_| JsValue::from_str("crime-compare: could not build the widget"))?;
    inner.controls = controls;
    inner.data_url = data_url;
    inner.read_font_size();
    inner.measure_named = measure_named;
    let inner = Rc::new(RefCell::new(inner));
    if let Ok(mut w) = inner.try_borrow_mut() {
        w.me = Rc::downgrade(&inner);
    }
    listen(&inner);
    if let Ok(mut w) = inner.try_borrow_mut() {
        for warning in warnings {
            warn(&warning);
        }
        // The first task draws the chart and its words; the rest waits for the next one.
        w.follow_default_measure();
        w.render();
        w.announce_problems();
    }
    let weak = Rc::downgrade(&inner);
    later(move || {
        if let Some(rc) = weak.upgrade() {
            if let Ok(mut w) = rc.try_borrow_mut() {
                if !w.destroyed {
                    w.complete = true;
                    w.fill_controls();
                    w.render_controls();
                    w.emit("crime-compare:ready");
                }
            }
        }
    });
    Ok(Widget { inner })
}

/// Runs `f` in a later task (a zero-delay timeout), or now if there is no window.
fn later(f: impl FnOnce() + 'static) {
    later_ms(0, Box::new(f));
}

/// Runs `f` after `ms` milliseconds, or now if there is no window.
/// Boxed, so one closure shim serves every caller.
fn later_ms(ms: i32, f: Box<dyn FnOnce()>) {
    let Some(window) = web_sys::window() else {
        f();
        return;
    };
    let callback = Closure::once_into_js(move || f());
    if window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms).is_err() {
        warn("could not schedule work for later");
    }
}

/// How long the live region waits for moves to settle before it speaks: a run of key presses
/// or a finger's drag is announced once, where it stops.
const ANNOUNCE_DELAY_MS: i32 = 350;

#[allow(clippy::too_many_arguments)]
fn build(host: HtmlElement, doc: Document, root: &ShadowRoot, data: Rc<Dataset>, state: WidgetState, publisher: Option<PublisherData>, width: f64, dpr: f64) -> Result<Inner, JsValue> {
    let d = &doc;
    let wrap = el(d, "div", "cc")?;
    wrap.set_attribute("part", "widget")?;
    // A heading, so the chart can be found by heading; its level suits an article's sections.
    let title = el(d, "h2", "title")?;
    title.set_attribute("part", "title")?;
    let subtitle = el(d, "p", "subtitle")?;
    let messages = el(d, "div", "message")?;
    messages.set_attribute("role", "alert")?;
    messages.set_attribute("hidden", "")?;
    messages.set_attribute("part", "message")?;

    let panel = panel::Panel::build(d)?;
    let areas = combobox::Areas::build(d)?;
    let pickers = pickers::Pickers::build(d)?;
    panel.body.append_child(&areas.root)?;
    for part in &pickers.parts {
        panel.body.append_child(part)?;
    }

    let caption = el(d, "p", "caption")?;
    caption.set_id("cc-caption");
    caption.set_attribute("part", "caption")?;
    let plot = plot::Plot::build(d)?;
    let live = el(d, "div", "live visually-hidden")?;
    live.set_attribute("aria-live", "polite")?;
    live.set_attribute("aria-atomic", "true")?;

    let table = table::Table::build(d)?;
    let downloads = downloads::Downloads::build(d)?;
    let actions = el(d, "div", "actions")?;
    actions.append_child(&table.toggle)?;
    for b in downloads.buttons() {
        actions.append_child(b)?;
    }
    let source = el(d, "p", "source")?;
    source.set_attribute("part", "source")?;

    // The chart first: a reader sees the answer before any control.
    for child in [&title, &subtitle, &messages, &plot.root, &live, &caption, &source, &panel.root, &actions, &table.wrap] {
        wrap.append_child(child)?;
    }
    wrap.set_attribute("lang", state.lang.tag())?;
    // The chart replaces the placeholder content (the slot) only now that it is ready. A
    // <style data-cc-style> the shim put there (a browser without constructable stylesheets)
    // stays, so the widget is styled from its first layout.
    match root.query_selector("style[data-cc-style]").ok().flatten() {
        Some(style) => root.replace_children_with_node_2(&style, &wrap),
        None => root.replace_children_with_node_1(&wrap),
    }
    Ok(Inner {
        data_url: String::new(),
        fetching: None,
        host,
        doc,
        data,
        state,
        publisher,
        width: if width > 0.0 { width } else { 600.0 },
        dpr: if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 },
        font_px: DESIGN_FONT_PX,
        wrap,
        title,
        subtitle,
        messages,
        caption,
        source,
        live,
        live_generation: 0,
        me: Weak::new(),
        controls: panel::Mode::Compact,
        measure_named: false,
        complete: false,
        destroyed: false,
        panel,
        areas,
        pickers,
        plot,
        table,
        downloads,
        view: None,
        listeners: Listeners::default(),
    })
}

fn listen(inner: &Rc<RefCell<Inner>>) {
    let weak = Rc::downgrade(inner);
    let Ok(mut guard) = inner.try_borrow_mut() else { return };
    let w = &mut *guard;
    let listeners = &mut w.listeners;
    plot::listen(&weak, listeners, &w.plot, &w.doc);
    panel::listen(&weak, listeners, &w.panel);
    combobox::listen(&weak, listeners, &w.areas);
    pickers::listen(&weak, listeners, &w.pickers);
    table::listen(&weak, listeners, &w.table);
    downloads::listen(&weak, listeners, &w.downloads);
}

#[wasm_bindgen]
impl Widget {
    /// The host's content width changed, or the device pixel ratio did (zoom, another screen).
    pub fn resize(&self, width: f64, dpr: f64) {
        if let Ok(mut w) = self.inner.try_borrow_mut() {
            let dpr = if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 };
            if (w.width - width).abs() < 0.5 && (w.dpr - dpr).abs() < 1e-6 {
                return;
            }
            w.width = width.max(1.0);
            w.dpr = dpr;
            w.read_font_size();
            w.render();
        }
    }

    /// An attribute of the host element changed.
    pub fn set_attribute(&self, name: &str, value: &str) {
        if let Ok(mut w) = self.inner.try_borrow_mut() {
            if name == "controls" {
                match panel::Mode::parse(value) {
                    Ok(mode) => {
                        w.controls = mode;
                        w.render();
                    }
                    Err(e) => warn(&e),
                }
                return;
            }
            if name == "measure" {
                w.measure_named = !value.trim().is_empty();
            }
            match w.state.set(name, value) {
                Ok(()) => {
                    // fill_controls relabels too, so a new `lang` takes effect here.
                    w.follow_default_measure();
                    w.fill_controls();
                    w.render();
                    w.announce_problems();
                    w.emit("crime-compare:change");
                }
                Err(e) => warn(&e),
            }
        }
    }

    /// The current state, as the attributes that would recreate it.
    pub fn state(&self) -> JsValue {
        self.inner.try_borrow().map(|w| host::state_object(&w.state).into()).unwrap_or(JsValue::NULL)
    }

    /// The chart as a picture, for the builder's fallback image: `{png, width, height, alt}`,
    /// the PNG (a data URL) drawn at twice the chart's size by the same renderer as the PNG
    /// download, the chart's size in CSS pixels, and its sentences for the alt text. Null
    /// before the first render.
    pub fn snapshot(&self) -> JsValue {
        let Ok(w) = self.inner.try_borrow() else { return JsValue::NULL };
        let Some(view) = &w.view else { return JsValue::NULL };
        let Some((png, width, height)) = downloads::png_data_url(&w.doc, view) else { return JsValue::NULL };
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"png".into(), &png.into());
        let _ = js_sys::Reflect::set(&o, &"width".into(), &width.into());
        let _ = js_sys::Reflect::set(&o, &"height".into(), &height.into());
        let _ = js_sys::Reflect::set(&o, &"alt".into(), &view.narrative.join(" ").into());
        o.into()
    }

    /// Removes every listener and the widget's DOM; the shim then calls `free`.
    pub fn destroy(&self) {
        if let Ok(mut w) = self.inner.try_borrow_mut() {
            w.destroyed = true;
            w.listeners.remove_all();
            w.wrap.remove();
            w.view = None;
            w.plot.layout = None;
        }
    }
}

impl Inner {
    fn dark(&self) -> bool {
        match self.state.theme {
            ThemeChoice::Dark => true,
            ThemeChoice::Light => false,
            ThemeChoice::Auto => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .map(|m| m.matches())
                .unwrap_or(false),
        }
    }

    /// Sets every fixed label in the widget's language, fills the pickers from the data and
    /// reflects the state in them.
    fn fill_controls(&mut self) {
        let lang = self.state.lang;
        let _ = self.wrap.set_attribute("lang", lang.tag());
        let _ = if self.dark() { self.wrap.class_list().add_1("dark") } else { self.wrap.class_list().remove_1("dark") };
        if !self.complete {
            return;
        }
        self.panel.relabel(lang);
        self.plot.relabel(lang);
        self.areas.relabel(lang);
        self.pickers.relabel(lang);
        self.table.relabel(lang);
        self.downloads.relabel(lang);
        self.pickers.fill(&self.doc, &self.data, &self.state);
    }

    /// Until a measure is named, the charted areas decide it (see [`view::default_measure`]).
    fn follow_default_measure(&mut self) {
        if !self.measure_named {
            self.state.measure = view::default_measure(&self.data, &self.state.areas);
        }
    }

    /// Reads the widget's font size (a style read, no layout).
    fn read_font_size(&mut self) {
        let px = web_sys::window()
            .and_then(|w| w.get_computed_style(&self.wrap).ok().flatten())
            .and_then(|style| style.get_property_value("font-size").ok())
            // JavaScript's parseFloat: Rust's float parser would add about 15 KB of wasm.
            .map(|v| js_sys::parse_float(&v))
            .filter(|v| v.is_finite() && *v > 0.0);
        if let Some(px) = px {
            self.font_px = px;
        }
    }

    /// The chart's text scale: the widget's font size over the size the chart is designed for.
    fn scale(&self) -> f64 {
        (self.font_px / DESIGN_FONT_PX).clamp(0.75, 3.0)
    }

    /// Fetches one dataset file (`what` names it in the console warning) unless it is already
    /// on its way, says the figures are loading, and renders again when the file comes.
    fn fetch_then_render(&mut self, name: String, what: &'static str) {
        if self.fetching.as_deref() != Some(name.as_str()) {
            self.fetching = Some(name.clone());
            let me = self.me.clone();
            data::request(&self.data_url, &name, move |outcome| {
                let Some(inner) = me.upgrade() else { return };
                let Ok(mut w) = inner.try_borrow_mut() else { return };
                w.fetching = None;
                match outcome {
                    Ok(()) => w.render(),
                    Err(e) => {
                        warn(&format!("the {what} could not be loaded: {e}"));
                        let text = crate::i18n::t(crate::i18n::Key::FiguresUnavailable, w.state.lang);
                        w.show_messages(&[text.to_string()]);
                    }
                }
            });
        }
        let text = crate::i18n::t(crate::i18n::Key::LoadingFigures, self.state.lang);
        self.show_messages(&[text.to_string()]);
    }

    /// Rebuilds the view and redraws everything that depends on it.
    fn render(&mut self) {
        // The chosen offence's figures are fetched on first use, and a map's boundaries only by
        // a map; the chart redraws when they come, and keeps what it showed until then.
        let missing = data::missing(&self.data, &self.state.offence).map(|name| (name, "figures")).or_else(|| {
            (self.state.kind == crate::view::KindChoice::Map).then(|| data::missing_geometry(&self.data)).flatten().map(|name| (name, "boundaries"))
        });
        if let Some((name, what)) = missing {
            self.fetch_then_render(name, what);
            return;
        }
        let dark = self.dark();
        let scale = self.scale();
        // Less the padding (0.75em) and the 1px border each side, in layout px.
        let inside = self.width - 2.0 * (0.75 * self.font_px + 1.0);
        let width = (inside / scale).clamp(200.0, 4000.0);
        let mut view = view::build(&self.data, self.publisher.as_ref(), &self.state, width, chart_height(width), dark);
        if let Some(forced) = self.forced_colours() {
            view.input.theme = Theme::Forced(forced);
        }
        self.plot.english = view.input.series.iter().map(|s| self.english_area(&s.label)).collect();
        if matches!(view.input.kind, ChartKind::Ranking | ChartKind::Map) {
            view.input.height = chart::layout::preferred_height(&view.input).clamp(200.0, 1200.0);
        }
        let layout = match chart::layout(&view.input) {
            Ok(layout) => Some(layout),
            Err(e) => {
                warn(&e.to_string());
                None
            }
        };
        set_text(&self.title, &view.title);
        let subtitle = view.input.subtitle();
        set_text(&self.subtitle, &subtitle);
        set_text(&self.caption, &view.narrative.join(" "));
        self.plot.draw(&view, layout, self.dpr, scale);
        set_text(&self.source, &view.source_lines.join(" "));
        self.show_messages(&view.messages);
        self.view = Some(view);
        // The tooltip stays on its point through a redraw; nothing new is said.
        let _ = self.plot.keep_point(self.view.as_ref(), self.dpr);
        if self.complete {
            self.render_controls();
        }
    }

    fn show_messages(&self, messages: &[String]) {
        self.messages.set_text_content(None);
        if messages.is_empty() {
            let _ = self.messages.set_attribute("hidden", "");
            return;
        }
        let _ = self.messages.remove_attribute("hidden");
        for m in messages {
            if let Ok(p) = el(&self.doc, "p", "") {
                set_text(&p, m);
                let _ = self.messages.append_child(&p);
            }
        }
    }

    /// The parts that follow the chart: the controls' arrangement, chips, period pickers, table.
    fn render_controls(&mut self) {
        self.panel.arrange(self.controls, self.width);
        let Some(view) = &self.view else { return };
        let subtitle = view.input.subtitle();
        let (data, lang) = (&self.data, self.state.lang);
        self.table.show(&self.doc, view, &subtitle, &|name: &str| english_area(data, lang, name));
        self.areas.show_chips(&self.doc, data, &self.state, view, &|name: &str| english_area(data, lang, name));
        self.pickers.periods(&self.doc, &self.data, self.publisher.as_ref(), &self.state, view);
    }

    fn announce_problems(&self) {
        if let Some(v) = &self.view {
            for m in &v.messages {
                warn(m);
            }
        }
    }

    /// Says `text`, if any, in the live region once moves settle: a later announcement
    /// replaces one still waiting.
    fn announce(&mut self, text: Option<String>) {
        let Some(text) = text else { return };
        self.live_generation = self.live_generation.wrapping_add(1);
        let generation = self.live_generation;
        let me = self.me.clone();
        later_ms(ANNOUNCE_DELAY_MS, Box::new(move || {
            if let Some(rc) = me.upgrade() {
                if let Ok(w) = rc.try_borrow() {
                    if w.live_generation == generation && !w.destroyed {
                        set_text(&w.live, &text);
                    }
                }
            }
        }));
    }

    /// Empties the live region (and cancels what is waiting), so a hidden tooltip's words do
    /// not stay in the reading order.
    fn clear_live(&mut self) {
        self.live_generation = self.live_generation.wrapping_add(1);
        self.live.set_text_content(None);
    }

    /// Hides the tooltip and crosshair, and forgets the point.
    fn dismiss_point(&mut self) {
        self.plot.focus = None;
        self.plot.hide_point();
        self.clear_live();
    }

    /// Whether an area's name is English inside a Welsh widget: an area with no Welsh name
    /// keeps its English one, which screen readers should read with an English voice.
    fn english_area(&self, name: &str) -> bool {
        english_area(&self.data, self.state.lang, name)
    }

    /// The reader's forced palette (Windows High Contrast and the like), read from the system
    /// colours, or `None` when colours are not forced.
    fn forced_colours(&self) -> Option<palette::ForcedColours> {
        let window = web_sys::window()?;
        if !window.match_media("(forced-colors: active)").ok().flatten()?.matches() {
            return None;
        }
        let probe = self.doc.create_element("span").ok()?.dyn_into::<HtmlElement>().ok()?;
        let _ = probe.set_attribute("aria-hidden", "true");
        let _ = probe.style().set_property("position", "absolute");
        let _ = probe.style().set_property("forced-color-adjust", "none");
        let _ = self.wrap.append_child(&probe);
        let read = |keyword: &str| -> Option<palette::Rgb> {
            let _ = probe.style().set_property("color", keyword);
            let style = window.get_computed_style(&probe).ok().flatten()?;
            parse_rgb(&style.get_property_value("color").ok()?)
        };
        let forced = (|| {
            Some(palette::ForcedColours { canvas: read("Canvas")?, canvas_text: read("CanvasText")?, highlight: read("Highlight")?, gray_text: read("GrayText")? })
        })();
        probe.remove();
        forced
    }

    fn emit(&self, name: &str) {
        host::emit(&self.host, name, &self.state);
    }

    /// The reader changed something: redraw and tell the host page.
    fn changed(&mut self) {
        self.plot.focus = None;
        self.plot.hide_point();
        self.follow_default_measure();
        self.fill_controls();
        self.render();
        self.announce_problems();
        self.emit("crime-compare:change");
    }
}

/// Whether an area's name is English inside a widget in `lang`: in Welsh, an area with no
/// Welsh name keeps its English one.
fn english_area(data: &Dataset, lang: Lang, name: &str) -> bool {
    lang == Lang::Cy && data.find_area(name).ok().is_some_and(|id| crate::i18n::area_name_cy(&data.areas()[id].code).is_none())
}

/// "rgb(12, 34, 56)" or "rgba(12, 34, 56, 1)" → the colour; integers only, parsed by hand
/// (Rust's float parser would add about 15 KB of wasm).
fn parse_rgb(text: &str) -> Option<palette::Rgb> {
    let inner = text.trim().strip_prefix("rgb")?.trim_start_matches('a').strip_prefix('(')?.strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).map(str::trim).filter(|p| !p.is_empty());
    let mut channel = || -> Option<u8> {
        let p = parts.next()?;
        let whole = p.split('.').next()?;
        whole.parse::<u8>().ok()
    };
    Some(palette::Rgb(channel()?, channel()?, channel()?))
}

/// The font size (CSS px) the chart's text sizes are designed for: the usual browser default.
const DESIGN_FONT_PX: f64 = 16.0;

/// The chart's height for a width: wide charts are shallower. A ranking grows with its bars,
/// so it takes the height the layout asks for once its bars are known.
fn chart_height(width: f64) -> f64 {
    (width * 0.58).clamp(240.0, 460.0)
}

/// Wraps a handler so it reaches the widget through a weak reference, and skips the event if
/// the widget is gone or busy (a re-entrant event) instead of panicking.
fn with<F>(weak: &Weak<RefCell<Inner>>, f: F) -> Box<dyn Fn(Event)>
where
    F: Fn(&mut Inner, Event) + 'static,
{
    let weak = weak.clone();
    Box::new(move |ev: Event| {
        if let Some(rc) = weak.upgrade() {
            if let Ok(mut w) = rc.try_borrow_mut() {
                f(&mut w, ev);
            }
        }
    })
}
