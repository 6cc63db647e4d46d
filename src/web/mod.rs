//! The browser layer: turns a placeholder's shadow root into the interactive widget.
//!
//! This is the only module with web types. It owns the DOM (built through web-sys, text always
//! through `textContent`), the event listeners, and the canvas; everything it shows comes from
//! the pure core: [`view::build`] for what to chart, [`chart`] for layout, drawing and hit
//! testing, [`i18n`] for words.
//!
//! **Invariant:** nothing here panics on a production path. Every web-sys call that can fail
//! is handled or ignored, state is reached through `try_borrow_mut` (an event that arrives
//! while the widget is busy is dropped rather than aborting every widget on the page), and
//! listeners hold only weak references, so a removed widget is freed whole.

pub mod canvas;
pub mod data;
mod dom;

use crate::chart::{self, ChartKind, DrawOptions, Layout, Position, Role};
use crate::i18n::{self, Key, Lang};
use crate::model::Dataset;
use crate::publisher::PublisherData;
use crate::view::{self, KindChoice, MeasureChoice, ThemeChoice, View, WidgetState, MAX_AREAS};
use dom::{el, set_text, Listeners};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent, PointerEvent, ShadowRoot};

/// The package's own dataset, once the shim has loaded its index (see `data`).
fn dataset() -> Result<Rc<Dataset>, String> {
    data::default_url().and_then(|u| data::get(&u)).ok_or_else(|| "the dataset is not loaded".to_string())
}

fn warn(text: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("crime-compare: {text}")));
}

/// The handles of the widget's DOM.
struct Elements {
    wrap: Element,
    title: Element,
    subtitle: Element,
    messages: Element,
    chips: Element,
    search: HtmlInputElement,
    listbox: Element,
    offence: HtmlSelectElement,
    measure: Vec<(MeasureChoice, Element)>,
    kind: Vec<(KindChoice, Element)>,
    from: HtmlSelectElement,
    to: HtmlSelectElement,
    caption: Element,
    canvas: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    /// The overlay's 2D context, fetched once: the crosshair is drawn on every pointer move.
    overlay_ctx: Option<web_sys::CanvasRenderingContext2d>,
    tooltip: Element,
    /// Title, period, value and change: created once, their text replaced.
    tip_lines: Vec<Element>,
    live: Element,
    table_toggle: Element,
    table_wrap: Element,
    source: Element,
}

struct Inner {
    /// This widget, for callbacks that outlive a borrow (a figures file arriving).
    me: Weak<RefCell<Inner>>,
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
    el: Elements,
    view: Option<View>,
    layout: Option<Layout>,
    /// The point the tooltip is on.
    focus: Option<Position>,
    /// Typeahead options currently listed, and the highlighted one.
    options: Vec<String>,
    active: Option<usize>,
    table_open: bool,
    ready_sent: bool,
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
            if let Err(e) = state.set(&k, &v) {
                warnings.push(e);
            }
        }
    }
    let publisher = data_text.map(|text| parse_publisher(&text, data_type.as_deref().unwrap_or("text/csv")));
    // Read the width before the widget's DOM goes in: afterwards the read would force a layout
    // of everything just inserted.
    let width = host.get_bounding_client_rect().width();
    let el = build_dom(&doc, &root, state.lang).map_err(|_| JsValue::from_str("crime-compare: could not build the widget"))?;
    let inner = Rc::new_cyclic(|me| RefCell::new(Inner {
        me: me.clone(),
        data_url,
        host,
        doc,
        data,
        state,
        publisher,
        width: if width > 0.0 { width } else { 600.0 },
        dpr: if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 },
        el,
        view: None,
        layout: None,
        focus: None,
        options: Vec::new(),
        active: None,
        table_open: false,
        ready_sent: false,
        listeners: Listeners::default(),
        fetching: None,
    }));
    attach_listeners(&inner);
    if let Ok(mut w) = inner.try_borrow_mut() {
        for warning in warnings {
            warn(&warning);
        }
        w.fill_controls();
        w.render();
        w.announce_problems();
        w.emit("crime-compare:ready");
        w.ready_sent = true;
    }
    Ok(Widget { inner })
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
            w.render();
        }
    }

    /// An attribute of the host element changed.
    pub fn set_attribute(&self, name: &str, value: &str) {
        if let Ok(mut w) = self.inner.try_borrow_mut() {
            match w.state.set(name, value) {
                Ok(()) => {
                    // fill_controls relabels too, so a new `lang` takes effect here.
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
        self.inner.try_borrow().map(|w| w.state_object().into()).unwrap_or(JsValue::NULL)
    }

    /// Removes every listener and the widget's DOM; the shim then calls `free`.
    pub fn destroy(&self) {
        if let Ok(mut w) = self.inner.try_borrow_mut() {
            w.listeners.remove_all();
            w.el.wrap.remove();
            w.view = None;
            w.layout = None;
        }
    }
}

/// Every area the builder can offer: `[{code, name, kind}]`.
#[wasm_bindgen]
pub fn list_areas(lang: &str) -> Result<JsValue, JsValue> {
    let data = dataset().map_err(|e| JsValue::from_str(&e))?;
    let lang = Lang::from_tag(lang);
    let out = js_sys::Array::new();
    for a in data.areas() {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"code".into(), &a.code.as_str().into());
        let _ = js_sys::Reflect::set(&o, &"name".into(), &a.display_name(lang).into());
        let _ = js_sys::Reflect::set(&o, &"kind".into(), &kind_name(a.kind).into());
        out.push(&o);
    }
    Ok(out.into())
}

/// Every offence: `[{key, name, group}]`, `group` being the top-level group it belongs to.
#[wasm_bindgen]
pub fn list_offences(lang: &str) -> Result<JsValue, JsValue> {
    let data = dataset().map_err(|e| JsValue::from_str(&e))?;
    let lang = Lang::from_tag(lang);
    let out = js_sys::Array::new();
    for (id, o) in data.offences().iter().enumerate() {
        let obj = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&obj, &"key".into(), &o.key.as_str().into());
        let _ = js_sys::Reflect::set(&obj, &"name".into(), &i18n::offence_name(&o.key, &o.name, lang).into());
        let group = offence_group(&data, id);
        let _ = js_sys::Reflect::set(&obj, &"group".into(), &i18n::offence_name(&data.offences()[group].key, &data.offences()[group].name, lang).into());
        out.push(&obj);
    }
    Ok(out.into())
}

/// The `kind` of an area in `listAreas`: the variant's name in lower case. Spelt out rather
/// than `format!("{:?}")` + `to_lowercase`, which kept Debug and Unicode case tables in the wasm.
fn kind_name(kind: crate::model::AreaKind) -> &'static str {
    match kind {
        crate::model::AreaKind::National => "national",
        crate::model::AreaKind::Country => "country",
        crate::model::AreaKind::Region => "region",
        crate::model::AreaKind::Force => "force",
        crate::model::AreaKind::OtherForce => "otherforce",
        crate::model::AreaKind::FraudBody => "fraudbody",
        crate::model::AreaKind::Csp => "csp",
    }
}

/// The offence's group for the picker: its ancestor just below the root (or itself).
fn offence_group(data: &Dataset, id: usize) -> usize {
    let offences = data.offences();
    let mut current = id;
    let mut guard = 0;
    while let Some(parent) = offences[current].parent {
        if offences[parent].parent.is_none() || guard > 16 {
            return current;
        }
        current = parent;
        guard += 1;
    }
    current
}

fn parse_publisher(text: &str, kind: &str) -> PublisherData {
    if kind.contains("json") {
        match js_sys::JSON::parse(text) {
            Ok(value) => json_records(&value),
            Err(_) => PublisherData {
                rows: Vec::new(),
                errors: vec![crate::publisher::RowError { row: 0, reason: "the JSON could not be read".into() }],
            },
        }
    } else {
        PublisherData::from_csv(text)
    }
}

/// An array of objects → the same records as a CSV, so both are validated in one place.
fn json_records(value: &JsValue) -> PublisherData {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return PublisherData {
            rows: Vec::new(),
            errors: vec![crate::publisher::RowError { row: 0, reason: "expected an array of {area, period, offence, count} objects".into() }],
        };
    };
    let header: Vec<String> = ["area", "period", "offence", "count", "population", "source"].iter().map(|s| s.to_string()).collect();
    let rows = array
        .iter()
        .take(crate::publisher::MAX_ROWS + 1)
        .map(|item| {
            header
                .iter()
                .map(|key| {
                    let v = js_sys::Reflect::get(&item, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
                    if let Some(s) = v.as_string() {
                        s
                    } else if let Some(n) = v.as_f64() {
                        if n.fract() == 0.0 && n.abs() < 1e15 {
                            format!("{}", n as i64)
                        } else {
                            format!("{n}")
                        }
                    } else {
                        String::new()
                    }
                })
                .collect()
        })
        .collect();
    PublisherData::from_records(&header, rows)
}

fn build_dom(doc: &Document, root: &ShadowRoot, lang: Lang) -> Result<Elements, JsValue> {
    let wrap = el(doc, "div", "cc")?;
    wrap.set_attribute("part", "widget")?;
    let title = el(doc, "p", "title")?;
    title.set_attribute("part", "title")?;
    let subtitle = el(doc, "p", "subtitle")?;
    let messages = el(doc, "div", "message")?;
    messages.set_attribute("role", "alert")?;
    messages.set_attribute("hidden", "")?;
    messages.set_attribute("part", "message")?;

    let controls = el(doc, "div", "controls")?;
    controls.set_attribute("part", "controls")?;
    let areas = el(doc, "div", "areas")?;
    areas.set_attribute("role", "group")?;
    let chips = el(doc, "ul", "chips")?;
    let combo = el(doc, "div", "combo")?;
    let label = el(doc, "label", "field-label")?;
    label.set_attribute("for", "cc-search")?;
    let search: HtmlInputElement = el(doc, "input", "search")?.unchecked_into();
    search.set_id("cc-search");
    search.set_type("text");
    search.set_autocomplete("off");
    search.set_attribute("role", "combobox")?;
    search.set_attribute("aria-autocomplete", "list")?;
    search.set_attribute("aria-expanded", "false")?;
    search.set_attribute("aria-controls", "cc-listbox")?;
    search.set_attribute("spellcheck", "false")?;
    let listbox = el(doc, "ul", "listbox")?;
    listbox.set_id("cc-listbox");
    listbox.set_attribute("role", "listbox")?;
    listbox.set_attribute("hidden", "")?;
    label.append_child(&search)?;
    combo.append_child(&label)?;
    combo.append_child(&listbox)?;
    areas.append_child(&chips)?;
    areas.append_child(&combo)?;
    controls.append_child(&areas)?;

    let offence_label = el(doc, "label", "")?;
    let offence: HtmlSelectElement = el(doc, "select", "offence")?.unchecked_into();
    offence_label.append_child(&offence)?;
    controls.append_child(&offence_label)?;

    let mut measure = Vec::new();
    let measure_group = el(doc, "div", "seg measure")?;
    measure_group.set_attribute("role", "group")?;
    for choice in [MeasureChoice::Count, MeasureChoice::Rate, MeasureChoice::Change] {
        let b = el(doc, "button", "")?;
        b.set_attribute("type", "button")?;
        measure_group.append_child(&b)?;
        measure.push((choice, b));
    }
    controls.append_child(&measure_group)?;
    let mut kind = Vec::new();
    let kind_group = el(doc, "div", "seg kind")?;
    kind_group.set_attribute("role", "group")?;
    for choice in [KindChoice::Trend, KindChoice::Ranking, KindChoice::Change] {
        let b = el(doc, "button", "")?;
        b.set_attribute("type", "button")?;
        kind_group.append_child(&b)?;
        kind.push((choice, b));
    }
    controls.append_child(&kind_group)?;
    let from_label = el(doc, "label", "")?;
    let from: HtmlSelectElement = el(doc, "select", "from")?.unchecked_into();
    from_label.append_child(&from)?;
    let to_label = el(doc, "label", "")?;
    let to: HtmlSelectElement = el(doc, "select", "to")?.unchecked_into();
    to_label.append_child(&to)?;
    controls.append_child(&from_label)?;
    controls.append_child(&to_label)?;

    let caption = el(doc, "p", "caption")?;
    caption.set_id("cc-caption");
    caption.set_attribute("part", "caption")?;
    let plot = el(doc, "div", "plot")?;
    plot.set_attribute("part", "plot")?;
    let canvas: HtmlCanvasElement = el(doc, "canvas", "chart")?.unchecked_into();
    canvas.set_attribute("role", "img")?;
    canvas.set_attribute("tabindex", "0")?;
    canvas.set_attribute("part", "canvas")?;
    canvas.set_attribute("aria-describedby", "cc-caption")?;
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
    plot.append_child(&canvas)?;
    plot.append_child(&overlay)?;
    plot.append_child(&tooltip)?;
    let live = el(doc, "div", "live visually-hidden")?;
    live.set_attribute("aria-live", "polite")?;
    live.set_attribute("aria-atomic", "true")?;

    let actions = el(doc, "div", "actions")?;
    let table_toggle = el(doc, "button", "table-toggle")?;
    table_toggle.set_attribute("type", "button")?;
    table_toggle.set_attribute("aria-expanded", "false")?;
    table_toggle.set_attribute("aria-controls", "cc-table")?;
    actions.append_child(&table_toggle)?;
    for class in ["download-png", "download-svg", "download-csv"] {
        let b = el(doc, "button", class)?;
        b.set_attribute("type", "button")?;
        actions.append_child(&b)?;
    }
    let table_wrap = el(doc, "div", "table-wrap collapsed")?;
    table_wrap.set_id("cc-table");
    table_wrap.set_attribute("part", "table")?;
    let source = el(doc, "p", "source")?;
    source.set_attribute("part", "source")?;

    for child in [&title, &subtitle, &messages, &controls, &caption, &plot, &live, &actions, &table_wrap, &source] {
        wrap.append_child(child)?;
    }
    wrap.set_attribute("lang", lang.tag())?;
    // The chart replaces the placeholder content (the slot) only now that it is ready.
    root.replace_children_with_node_1(&wrap);
    let elements = Elements {
        wrap,
        title,
        subtitle,
        messages,
        chips,
        search,
        listbox,
        offence,
        measure,
        kind,
        from,
        to,
        caption,
        overlay_ctx: context(&overlay),
        canvas,
        overlay,
        tooltip,
        tip_lines,
        live,
        table_toggle,
        table_wrap,
        source,
    };
    Ok(elements)
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

    /// Sets every fixed label in the widget's language.
    fn relabel(&self) {
        let lang = self.state.lang;
        let e = &self.el;
        let _ = e.wrap.set_attribute("lang", lang.tag());
        if let Some(label) = e.search.parent_element() {
            if let Some(text) = label.first_child().filter(|n| n.node_type() == 3) {
                text.set_text_content(Some(i18n::t(Key::SearchAreas, lang)));
            } else {
                let _ = label.prepend_with_str_1(i18n::t(Key::SearchAreas, lang));
            }
        }
        let _ = e.search.parent_element().and_then(|l| l.parent_element()).and_then(|c| c.parent_element()).map(|a| a.set_attribute("aria-label", i18n::t(Key::SearchAreas, lang)));
        label_before(&e.offence, i18n::t(Key::Offence, lang));
        label_before(&e.from, i18n::t(Key::From, lang));
        label_before(&e.to, i18n::t(Key::To, lang));
        for (choice, b) in &e.measure {
            set_text(b, i18n::t(match choice {
                MeasureChoice::Count => Key::Count,
                MeasureChoice::Rate => Key::RatePer1000,
                MeasureChoice::Change => Key::YearOnYear,
            }, lang));
        }
        if let Some(g) = e.measure.first().and_then(|(_, b)| b.parent_element()) {
            let _ = g.set_attribute("aria-label", i18n::t(Key::Measure, lang));
        }
        for (choice, b) in &e.kind {
            set_text(b, i18n::t(match choice {
                KindChoice::Trend => Key::Trend,
                KindChoice::Ranking => Key::Ranking,
                KindChoice::Change => Key::IndexToBase,
            }, lang));
        }
        if let Some(g) = e.kind.first().and_then(|(_, b)| b.parent_element()) {
            let _ = g.set_attribute("aria-label", i18n::t(Key::Chart, lang));
        }
        set_text(&e.table_toggle, i18n::t(if self.table_open { Key::HideTable } else { Key::ShowTable }, lang));
        for (class, key) in [("download-png", Key::DownloadPng), ("download-svg", Key::DownloadSvg), ("download-csv", Key::DownloadCsv)] {
            if let Ok(Some(b)) = e.wrap.query_selector(&format!(".{class}")) {
                set_text(&b, i18n::t(key, lang));
            }
        }
    }

    /// Fills the pickers from the data and reflects the state in them.
    fn fill_controls(&mut self) {
        let lang = self.state.lang;
        let doc = &self.doc;
        self.relabel();
        // Offences, grouped.
        let offence_now = self.data.find_offence(&self.state.offence).ok();
        let select = &self.el.offence;
        select.set_text_content(None);
        let offences = self.data.offences();
        let mut groups: Vec<(usize, Element)> = Vec::new();
        for (id, o) in offences.iter().enumerate() {
            let group = offence_group(&self.data, id);
            let parent: Element = if o.parent.is_none() {
                select.clone().unchecked_into()
            } else if let Some((_, g)) = groups.iter().find(|(g, _)| *g == group) {
                g.clone()
            } else {
                let Ok(g) = doc.create_element("optgroup") else { continue };
                let _ = g.set_attribute("label", &i18n::offence_name(&offences[group].key, &offences[group].name, lang));
                let _ = select.append_child(&g);
                groups.push((group, g.clone()));
                g
            };
            if let Ok(opt) = doc.create_element("option") {
                let _ = opt.set_attribute("value", &o.key);
                set_text(&opt, &i18n::offence_name(&o.key, &o.name, lang));
                if Some(id) == offence_now {
                    let _ = opt.set_attribute("selected", "");
                }
                let _ = parent.append_child(&opt);
            }
        }
        // A publisher's own offence, if it is not one of ours.
        if offence_now.is_none() {
            if let Ok(opt) = doc.create_element("option") {
                let _ = opt.set_attribute("value", &self.state.offence);
                set_text(&opt, &self.state.offence);
                let _ = opt.set_attribute("selected", "");
                let _ = select.prepend_with_node_1(&opt);
            }
        }
        for (choice, b) in &self.el.measure {
            let _ = b.set_attribute("aria-pressed", if *choice == self.state.measure { "true" } else { "false" });
        }
        for (choice, b) in &self.el.kind {
            let _ = b.set_attribute("aria-pressed", if *choice == self.state.kind { "true" } else { "false" });
        }
        let _ = if self.dark() { self.el.wrap.class_list().add_1("dark") } else { self.el.wrap.class_list().remove_1("dark") };
    }

    fn chips(&self, view: &View) {
        let lang = self.state.lang;
        let chips = &self.el.chips;
        chips.set_text_content(None);
        let colours = chart::palette::colours(view.input.theme);
        let mut selected_index = 0;
        for (i, name) in self.state.areas.iter().enumerate() {
            let Ok(li) = el(&self.doc, "li", "chip") else { continue };
            let _ = li.set_attribute("part", "chip");
            // Selected areas are coloured in order; benchmarks are muted, as on the chart.
            let charted = view.areas.iter().find(|a| crate::publisher::same_name(&a.label, name) || self.data.find_area(name).ok().is_some_and(|id| a.source == view::AreaSource::Bundled(id)));
            if let Ok(swatch) = el(&self.doc, "span", "swatch") {
                let _ = swatch.set_attribute("aria-hidden", "true");
                let colour = match charted.map(|a| a.role) {
                    Some(Role::Selected) => {
                        let c = colours.series_colour(selected_index);
                        selected_index += 1;
                        c.hex()
                    }
                    Some(Role::Benchmark) => colours.benchmark.hex(),
                    None => "transparent".to_string(),
                };
                if let Ok(s) = swatch.clone().dyn_into::<HtmlElement>() {
                    let _ = s.style().set_property("background", &colour);
                }
                let _ = li.append_child(&swatch);
            }
            let label = charted.map(|a| a.label.clone()).unwrap_or_else(|| name.clone());
            if let Ok(span) = el(&self.doc, "span", "") {
                set_text(&span, &label);
                let _ = li.append_child(&span);
            }
            if let Ok(b) = el(&self.doc, "button", "remove") {
                let _ = b.set_attribute("type", "button");
                let _ = b.set_attribute("data-index", &i.to_string());
                let _ = b.set_attribute("aria-label", &format!("{} {}", i18n::t(Key::Remove, lang), label));
                set_text(&b, "×");
                let _ = li.append_child(&b);
            }
            let _ = chips.append_child(&li);
        }
        let full = self.state.areas.len() >= MAX_AREAS;
        self.el.search.set_disabled(full);
    }

    fn period_selects(&self, view: &View) {
        let lang = self.state.lang;
        // The range pickers offer every period the chart could show, not only those in range.
        let mut all = self.data.periods().to_vec();
        if let Some(p) = &self.publisher {
            all.extend(p.rows.iter().map(|r| r.period));
        }
        crate::util::sort(&mut all);
        all.dedup();
        for (select, chosen, fallback) in [
            (&self.el.from, self.state.from, view.input.periods.first().copied()),
            (&self.el.to, self.state.to, view.input.periods.last().copied()),
        ] {
            select.set_text_content(None);
            let want = chosen.or(fallback);
            for p in &all {
                if let Ok(opt) = self.doc.create_element("option") {
                    let _ = opt.set_attribute("value", &p.to_string());
                    set_text(&opt, &i18n::period_short(*p, lang));
                    if Some(*p) == want {
                        let _ = opt.set_attribute("selected", "");
                    }
                    let _ = select.append_child(&opt);
                }
            }
        }
    }

    /// Rebuilds the view and redraws everything that depends on it.
    fn render(&mut self) {
        // The chosen offence's figures are fetched on first use; the chart redraws when they come.
        if let Some(name) = data::missing(&self.data, &self.state.offence) {
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
                            warn(&format!("the figures could not be loaded: {e}"));
                            let text = i18n::t(Key::FiguresUnavailable, w.state.lang);
                            w.show_messages(&[text.to_string()]);
                        }
                    }
                });
            }
            let text = i18n::t(Key::LoadingFigures, self.state.lang);
            self.show_messages(&[text.to_string()]);
            return;
        }
        let dark = self.dark();
        let width = (self.width - 2.0 * 13.0).clamp(200.0, 4000.0);
        let mut view = view::build(&self.data, self.publisher.as_ref(), &self.state, width, chart_height(width), dark);
        if view.input.kind == ChartKind::Ranking {
            view.input.height = chart::layout::preferred_height(&view.input).clamp(200.0, 1200.0);
        }
        let layout = match chart::layout(&view.input) {
            Ok(layout) => Some(layout),
            Err(e) => {
                warn(&e.to_string());
                None
            }
        };
        set_text(&self.el.title, &view.title);
        set_text(&self.el.subtitle, &view.input.subtitle());
        set_text(&self.el.caption, &view.narrative.join(" "));
        let _ = self.el.canvas.set_attribute("aria-label", &view.aria_label);
        if let Some(layout) = &layout {
            self.draw(&view, layout);
        }
        self.table(&view);
        set_text(&self.el.source, &view.source_lines.join(" "));
        self.chips(&view);
        self.period_selects(&view);
        self.show_messages(&view.messages);
        self.view = Some(view);
        self.layout = layout;
        // Keep the tooltip on the same point if it still exists.
        if let Some(f) = self.focus {
            if self.view.as_ref().map_or(true, |v| f.series >= v.input.series.len() || f.period >= v.input.periods.len()) {
                self.focus = None;
            }
            self.show_point();
        }
    }

    fn show_messages(&self, messages: &[String]) {
        self.el.messages.set_text_content(None);
        if messages.is_empty() {
            let _ = self.el.messages.set_attribute("hidden", "");
            return;
        }
        let _ = self.el.messages.remove_attribute("hidden");
        for m in messages {
            if let Ok(p) = el(&self.doc, "p", "") {
                set_text(&p, m);
                let _ = self.el.messages.append_child(&p);
            }
        }
    }

    fn announce_problems(&self) {
        if let Some(v) = &self.view {
            for m in &v.messages {
                warn(m);
            }
        }
    }

    fn draw(&self, view: &View, layout: &Layout) {
        let (w, h) = (view.input.width, view.input.height);
        let (device_w, device_h) = ((w * self.dpr).round().max(1.0) as u32, (h * self.dpr).round().max(1.0) as u32);
        for canvas in [&self.el.canvas, &self.el.overlay] {
            // Resizing a canvas reallocates its backing store: only when the size changed.
            // The chart paints its whole background, so an unchanged canvas needs no clearing.
            if canvas.width() != device_w || canvas.height() != device_h {
                canvas.set_width(device_w);
                canvas.set_height(device_h);
                let _ = canvas.style().set_property("aspect-ratio", &format!("{} / {}", w.round(), h.round()));
            }
        }
        let _ = self.el.canvas.set_attribute(
            "data-plot",
            &format!("{:.1},{:.1},{:.1},{:.1}", layout.plot.x, layout.plot.y, layout.plot.right(), layout.plot.bottom()),
        );
        if let Some(mut backend) = canvas::Canvas::new(&self.el.canvas) {
            if let Err(e) = chart::draw_with(layout, &view.input, &mut backend, DrawOptions::canvas(self.dpr)) {
                warn(&format!("drawing failed: {e:?}"));
            }
        }
        self.clear_overlay();
    }

    fn table(&self, view: &View) {
        let wrap = &self.el.table_wrap;
        wrap.set_text_content(None);
        let table = chart::table(&view.input);
        let Ok(t) = el(&self.doc, "table", "") else { return };
        if let Ok(caption) = el(&self.doc, "caption", "visually-hidden") {
            set_text(&caption, &format!("{}: {}", view.title, self.el.subtitle.text_content().unwrap_or_default()));
            let _ = t.append_child(&caption);
        }
        if let (Ok(thead), Ok(tr)) = (el(&self.doc, "thead", ""), el(&self.doc, "tr", "")) {
            for h in &table.header {
                if let Ok(th) = el(&self.doc, "th", "") {
                    let _ = th.set_attribute("scope", "col");
                    set_text(&th, h);
                    let _ = tr.append_child(&th);
                }
            }
            let _ = thead.append_child(&tr);
            let _ = t.append_child(&thead);
        }
        if let Ok(tbody) = el(&self.doc, "tbody", "") {
            for row in &table.rows {
                let Ok(tr) = el(&self.doc, "tr", "") else { continue };
                for (i, cell) in row.iter().enumerate() {
                    if let Ok(td) = el(&self.doc, if i == 0 { "th" } else { "td" }, "") {
                        if i == 0 {
                            let _ = td.set_attribute("scope", "row");
                        }
                        set_text(&td, cell);
                        let _ = tr.append_child(&td);
                    }
                }
                let _ = tbody.append_child(&tr);
            }
            let _ = t.append_child(&tbody);
        }
        let _ = wrap.append_child(&t);
    }

    fn clear_overlay(&self) {
        if let Some(ctx) = &self.el.overlay_ctx {
            ctx.clear_rect(0.0, 0.0, self.el.overlay.width() as f64, self.el.overlay.height() as f64);
        }
    }

    /// Shows the tooltip, crosshair and announcement for `self.focus`.
    fn show_point(&self) {
        let (Some(view), Some(layout), Some(focus)) = (&self.view, &self.layout, self.focus) else {
            self.hide_point();
            return;
        };
        let Some(tip) = chart::tooltip(&view.input, focus.series, focus.period) else {
            self.hide_point();
            return;
        };
        let Some((x, y)) = point_position(layout, focus) else {
            self.hide_point();
            return;
        };
        // Crosshair and marker on the overlay, so the chart itself is not redrawn.
        if let Some(ctx) = &self.el.overlay_ctx {
            let d = self.dpr;
            ctx.clear_rect(0.0, 0.0, self.el.overlay.width() as f64, self.el.overlay.height() as f64);
            let colours = chart::palette::colours(view.input.theme);
            ctx.set_stroke_style_str(&colours.text.hex());
            ctx.set_line_width(d);
            ctx.begin_path();
            if view.input.kind == ChartKind::Ranking {
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
        let lines = [Some(tip.title), Some(tip.period_label), Some(tip.value_text), tip.change_text];
        let mut spoken = Vec::with_capacity(4);
        for (node, line) in self.el.tip_lines.iter().zip(lines) {
            match line {
                Some(text) => {
                    set_text(node, &text);
                    let _ = node.remove_attribute("hidden");
                    spoken.push(text);
                }
                None => {
                    let _ = node.set_attribute("hidden", "");
                }
            }
        }
        let tooltip = &self.el.tooltip;
        let classes = tooltip.class_list();
        let flip_left = x > view.input.width * 0.55;
        let below = y < 90.0;
        let _ = classes.toggle_with_force("left", flip_left);
        let _ = classes.toggle_with_force("below", below);
        if let Ok(t) = tooltip.clone().dyn_into::<HtmlElement>() {
            let style = t.style();
            let _ = style.set_property("left", &format!("{:.0}px", if flip_left { x - 12.0 } else { x + 12.0 }));
            let _ = style.set_property("top", &format!("{:.0}px", if below { y + 12.0 } else { y - 12.0 }));
        }
        let _ = tooltip.remove_attribute("hidden");
        set_text(&self.el.live, &spoken.join(", "));
    }

    fn hide_point(&self) {
        let _ = self.el.tooltip.set_attribute("hidden", "");
        self.clear_overlay();
    }

    fn pointer(&mut self, x: f64, y: f64) {
        let (Some(view), Some(layout)) = (&self.view, &self.layout) else { return };
        let found = chart::hit(layout, &view.input, x, y);
        if found != self.focus {
            self.focus = found;
            self.show_point();
        }
    }

    fn key(&mut self, key: &str) -> bool {
        let (Some(view), Some(layout)) = (&self.view, &self.layout) else { return false };
        let direction = match key {
            "ArrowLeft" => chart::Direction::Left,
            "ArrowRight" => chart::Direction::Right,
            "ArrowUp" => chart::Direction::Up,
            "ArrowDown" => chart::Direction::Down,
            "Escape" => {
                if self.focus.is_some() {
                    self.focus = None;
                    self.hide_point();
                    return true;
                }
                return false;
            }
            _ => return false,
        };
        // The first key press lands on the latest figure of the first area, where the
        // narrative starts; later presses move from there.
        self.focus = match self.focus {
            Some(current) => Some(chart::step(&view.input, current, direction)),
            None => first_point(layout, &view.input),
        };
        self.show_point();
        true
    }

    fn state_object(&self) -> js_sys::Object {
        let o = js_sys::Object::new();
        for (k, v) in self.state.to_attributes() {
            let _ = js_sys::Reflect::set(&o, &k.into(), &v.into());
        }
        o
    }

    fn emit(&self, name: &str) {
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&self.state_object());
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    /// The reader changed something: redraw and tell the host page.
    fn changed(&mut self) {
        self.focus = None;
        self.hide_point();
        self.fill_controls();
        self.render();
        self.announce_problems();
        self.emit("crime-compare:change");
    }

    fn update_options(&mut self) {
        let query = self.el.search.value();
        let lang = self.state.lang;
        let mut names: Vec<String> = Vec::new();
        if !query.trim().is_empty() {
            if let Some(p) = &self.publisher {
                for r in &p.rows {
                    let lower = crate::case::lowercase(&r.area);
                    if lower.contains(&crate::case::lowercase(query.trim())) && !names.iter().any(|n| crate::publisher::same_name(n, &r.area)) {
                        names.push(r.area.clone());
                    }
                }
            }
            for id in self.data.search_areas(&query, lang, 8) {
                names.push(self.data.areas()[id].display_name(lang).to_string());
            }
        }
        names.retain(|n| !self.state.areas.iter().any(|a| crate::publisher::same_name(a, n)));
        names.truncate(8);
        let listbox = &self.el.listbox;
        listbox.set_text_content(None);
        for (i, name) in names.iter().enumerate() {
            let Ok(li) = el(&self.doc, "li", "") else { continue };
            li.set_id(&format!("cc-opt-{i}"));
            let _ = li.set_attribute("role", "option");
            let _ = li.set_attribute("aria-selected", "false");
            let _ = li.set_attribute("data-index", &i.to_string());
            set_text(&li, name);
            let _ = listbox.append_child(&li);
        }
        self.options = names;
        self.active = None;
        let open = !self.options.is_empty();
        let _ = self.el.search.set_attribute("aria-expanded", if open { "true" } else { "false" });
        let _ = self.el.search.remove_attribute("aria-activedescendant");
        let _ = if open { listbox.remove_attribute("hidden") } else { listbox.set_attribute("hidden", "") };
    }

    fn set_active(&mut self, index: Option<usize>) {
        self.active = index;
        if let Ok(items) = self.el.listbox.query_selector_all("[role=option]") {
            for i in 0..items.length() {
                if let Some(item) = items.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let on = Some(i as usize) == index;
                    let _ = item.set_attribute("aria-selected", if on { "true" } else { "false" });
                    if on {
                        let _ = self.el.search.set_attribute("aria-activedescendant", &item.id());
                        item.scroll_into_view_with_bool(false);
                    }
                }
            }
        }
        if index.is_none() {
            let _ = self.el.search.remove_attribute("aria-activedescendant");
        }
    }

    fn close_options(&mut self) {
        self.options.clear();
        self.active = None;
        self.el.listbox.set_text_content(None);
        let _ = self.el.listbox.set_attribute("hidden", "");
        let _ = self.el.search.set_attribute("aria-expanded", "false");
        let _ = self.el.search.remove_attribute("aria-activedescendant");
    }

    fn choose(&mut self, index: usize) {
        if let Some(name) = self.options.get(index).cloned() {
            self.state.add_area(&name);
            self.el.search.set_value("");
            self.close_options();
            self.changed();
            set_text(&self.el.live, &name);
        }
    }

    fn download(&self, what: &str) {
        let Some(view) = &self.view else { return };
        let offence_slug = i18n::offence_slug(&view.offence_label);
        let name = format!("crime-compare-{offence_slug}");
        let source = view.source_lines.join(" ");
        let mut input = view.input.clone();
        input.titles = true;
        let (href, file) = match what {
            "png" => {
                // A fresh canvas at twice the CSS size, whatever the screen.
                let Ok(canvas) = self.doc.create_element("canvas") else { return };
                let Ok(canvas) = canvas.dyn_into::<HtmlCanvasElement>() else { return };
                canvas.set_width((input.width * 2.0) as u32);
                canvas.set_height((input.height * 2.0) as u32);
                let Ok(layout) = chart::layout(&input) else { return };
                let Some(mut backend) = canvas::Canvas::new(&canvas) else { return };
                if chart::draw_with(&layout, &input, &mut backend, DrawOptions::canvas(2.0)).is_err() {
                    return;
                }
                let Ok(url) = canvas.to_data_url() else { return };
                (url, format!("{name}.png"))
            }
            "svg" => match chart::render_svg(&input) {
                Ok(svg) => (blob_url(&svg, "image/svg+xml"), format!("{name}.svg")),
                Err(_) => return,
            },
            _ => (blob_url(&chart::csv(&view.input, &source), "text/csv;charset=utf-8"), format!("{name}.csv")),
        };
        if href.is_empty() {
            return;
        }
        // A detached link: its click starts the download and reaches none of our listeners.
        if let Ok(a) = self.doc.create_element("a") {
            let _ = a.set_attribute("href", &href);
            let _ = a.set_attribute("download", &file);
            if let Ok(a) = a.dyn_into::<HtmlElement>() {
                a.click();
            }
        }
        if href.starts_with("blob:") {
            let _ = web_sys::Url::revoke_object_url(&href);
        }
    }
}

/// Where a point is drawn, in CSS px: a line's marker, or the end of a ranking bar.
fn point_position(layout: &Layout, focus: Position) -> Option<(f64, f64)> {
    if let Some(bar) = layout.bars.iter().find(|b| b.series == focus.series) {
        return Some((bar.rect.right(), bar.rect.y + bar.rect.h / 2.0));
    }
    layout.points.get(focus.series)?.get(focus.period).copied().flatten()
}

/// Where keyboard navigation starts: the latest figure of the first series that has one (the
/// top bar of a ranking).
fn first_point(layout: &Layout, input: &chart::ChartInput) -> Option<Position> {
    if input.kind == ChartKind::Ranking {
        return input.ranking_order().into_iter().find(|r| r.1.is_some()).map(|r| Position { series: r.0, period: input.ranking_period });
    }
    layout.points.iter().enumerate().find_map(|(s, pts)| pts.iter().rposition(Option::is_some).map(|p| Position { series: s, period: p }))
}

fn blob_url(text: &str, mime: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        .unwrap_or_default()
}

fn context(canvas: &HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Puts `text` as the label's own text before the control it wraps.
fn label_before(control: &Element, text: &str) {
    if let Some(label) = control.parent_element() {
        match label.first_child().filter(|n| n.node_type() == 3) {
            Some(node) => node.set_text_content(Some(text)),
            None => {
                let _ = label.prepend_with_str_1(text);
            }
        }
    }
}

/// The chart's height for a width: wide charts are shallower. A ranking grows with its bars,
/// so it takes the height the layout asks for once its bars are known.
fn chart_height(width: f64) -> f64 {
    (width * 0.58).clamp(240.0, 460.0)
}

fn attach_listeners(inner: &Rc<RefCell<Inner>>) {
    let weak = Rc::downgrade(inner);
    let Ok(mut w) = inner.try_borrow_mut() else { return };
    let e = &w.el;
    let canvas: Element = e.canvas.clone().unchecked_into();
    let search: Element = e.search.clone().unchecked_into();
    let listbox = e.listbox.clone();
    let chips = e.chips.clone();
    let offence: Element = e.offence.clone().unchecked_into();
    let from: Element = e.from.clone().unchecked_into();
    let to: Element = e.to.clone().unchecked_into();
    let wrap = e.wrap.clone();
    let measure: Vec<(MeasureChoice, Element)> = e.measure.clone();
    let kind: Vec<(KindChoice, Element)> = e.kind.clone();
    let listeners = &mut w.listeners;

    // Pointer: mouse hover, pen, and a finger dragged along the line.
    listeners.add(&canvas, "pointermove", with(&weak, |w, ev: Event| {
        if let Some(p) = ev.dyn_ref::<PointerEvent>() {
            w.pointer(p.offset_x() as f64, p.offset_y() as f64);
        }
    }));
    listeners.add(&canvas, "pointerdown", with(&weak, |w, ev: Event| {
        if let Some(p) = ev.dyn_ref::<PointerEvent>() {
            if p.pointer_type() != "mouse" {
                // Keep receiving the drag even when the finger leaves the canvas.
                let _ = w.el.canvas.set_pointer_capture(p.pointer_id());
            }
            w.pointer(p.offset_x() as f64, p.offset_y() as f64);
        }
    }));
    listeners.add(&canvas, "pointerleave", with(&weak, |w, ev: Event| {
        let mouse = ev.dyn_ref::<PointerEvent>().is_some_and(|p| p.pointer_type() == "mouse");
        if mouse && w.doc.active_element().map_or(true, |a| a != w.host.clone().unchecked_into::<Element>()) {
            w.focus = None;
            w.hide_point();
        }
    }));
    listeners.add(&canvas, "keydown", with(&weak, |w, ev: Event| {
        if let Some(k) = ev.dyn_ref::<KeyboardEvent>() {
            if w.key(&k.key()) {
                ev.prevent_default();
            }
        }
    }));
    listeners.add(&canvas, "blur", with(&weak, |w, _ev: Event| {
        w.focus = None;
        w.hide_point();
    }));

    // The area combobox (WAI-ARIA combobox with a listbox popup).
    listeners.add(&search, "input", with(&weak, |w, _ev: Event| w.update_options()));
    listeners.add(&search, "keydown", with(&weak, |w, ev: Event| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else { return };
        let n = w.options.len();
        match k.key().as_str() {
            "ArrowDown" => {
                if n == 0 {
                    w.update_options();
                }
                let n = w.options.len();
                if n > 0 {
                    w.set_active(Some(w.active.map_or(0, |a| (a + 1) % n)));
                }
                ev.prevent_default();
            }
            "ArrowUp" if n > 0 => {
                w.set_active(Some(w.active.map_or(n - 1, |a| (a + n - 1) % n)));
                ev.prevent_default();
            }
            "Enter" => {
                if let Some(a) = w.active.or(if n > 0 { Some(0) } else { None }) {
                    w.choose(a);
                    ev.prevent_default();
                }
            }
            "Escape" => {
                if n > 0 {
                    w.close_options();
                } else {
                    w.el.search.set_value("");
                }
                ev.prevent_default();
            }
            _ => {}
        }
    }));
    listeners.add(&search, "blur", with(&weak, |w, _ev: Event| w.close_options()));
    // pointerdown, not click: choosing must happen before the input's blur closes the list.
    listeners.add(&listbox, "pointerdown", with(&weak, |w, ev: Event| {
        ev.prevent_default();
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[role=option]").ok().flatten())
            .and_then(|o| o.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(i) = index {
            w.choose(i);
        }
    }));
    listeners.add(&chips, "click", with(&weak, |w, ev: Event| {
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button.remove").ok().flatten())
            .and_then(|b| b.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(i) = index {
            let removed = w.state.areas.get(i).cloned().unwrap_or_default();
            w.state.remove_area(i);
            w.changed();
            // Focus stays in the area controls rather than falling to the page.
            let _ = w.el.search.focus();
            let lang = w.state.lang;
            set_text(&w.el.live, &format!("{} {}", i18n::t(Key::Removed, lang), removed));
        }
    }));
    listeners.add(&offence, "change", with(&weak, |w, _ev: Event| {
        let v = w.el.offence.value();
        w.state.offence = v;
        w.changed();
    }));
    for (select, name) in [(from, "from"), (to, "to")] {
        listeners.add(&select, "change", with(&weak, move |w, _ev: Event| {
            let v = if name == "from" { w.el.from.value() } else { w.el.to.value() };
            if w.state.set(name, &v).is_ok() {
                // A range the wrong way round is swapped rather than left empty.
                if let (Some(f), Some(t)) = (w.state.from, w.state.to) {
                    if f > t {
                        w.state.from = Some(t);
                        w.state.to = Some(f);
                    }
                }
                w.changed();
            }
        }));
    }
    for (choice, b) in measure {
        listeners.add(&b, "click", with(&weak, move |w, _ev: Event| {
            w.state.measure = choice;
            w.changed();
        }));
    }
    for (choice, b) in kind {
        listeners.add(&b, "click", with(&weak, move |w, _ev: Event| {
            w.state.kind = choice;
            w.changed();
        }));
    }
    listeners.add(&wrap, "click", with(&weak, |w, ev: Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Ok(Some(button)) = target.closest("button") else { return };
        let list = button.class_list();
        if list.contains("table-toggle") {
            w.table_open = !w.table_open;
            let open = w.table_open;
            let _ = w.el.table_toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
            let _ = if open { w.el.table_wrap.class_list().remove_1("collapsed") } else { w.el.table_wrap.class_list().add_1("collapsed") };
            let lang = w.state.lang;
            set_text(&w.el.table_toggle, i18n::t(if open { Key::HideTable } else { Key::ShowTable }, lang));
        } else if list.contains("download-png") {
            w.download("png");
        } else if list.contains("download-svg") {
            w.download("svg");
        } else if list.contains("download-csv") {
            w.download("csv");
        }
    }));
    drop(w);
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
