//! The areas: a chip per charted area (with its remove button) and the search combobox
//! (WAI-ARIA combobox with a listbox popup) that adds one.
//!
//! Owns its DOM, the options currently listed and the highlighted one, and its listeners.
//! The combobox follows the ARIA Authoring Practices' list-autocomplete pattern: typing lists
//! suggestions (the listbox is named), arrows move the highlight (`aria-activedescendant`),
//! Enter adds only the highlighted option, Escape closes the list or clears the field, and a
//! status says how many areas match, or that none do. At the six-area limit the field stays
//! focusable (read-only, never disabled, so focus is not lost) and says why.

use super::dom::{el, set_text, Listeners};
use super::{with, Inner};
use crate::chart::{self, Role};
use crate::i18n::{self, Key, Lang};
use crate::model::Dataset;
use crate::publisher::{same_name, PublisherData};
use crate::view::{self, View, WidgetState, MAX_AREAS};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlInputElement, KeyboardEvent};

pub struct Areas {
    /// The group holding the chips and the search field.
    pub root: Element,
    chips: Element,
    pub search: HtmlInputElement,
    listbox: Element,
    /// "No areas match", shown under the field.
    status: Element,
    /// Why nothing more can be added, shown at the limit.
    limit: Element,
    /// Typeahead options currently listed, and the highlighted one.
    options: Vec<String>,
    active: Option<usize>,
}

impl Areas {
    pub fn build(doc: &Document) -> Result<Areas, JsValue> {
        let root = el(doc, "div", "areas")?;
        root.set_attribute("role", "group")?;
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
        let status = el(doc, "p", "combo-status")?;
        status.set_id("cc-status");
        status.set_attribute("hidden", "")?;
        let limit = el(doc, "p", "limit")?;
        limit.set_id("cc-limit");
        limit.set_attribute("hidden", "")?;
        search.set_attribute("aria-describedby", "cc-status")?;
        label.append_child(&search)?;
        combo.append_child(&label)?;
        combo.append_child(&listbox)?;
        combo.append_child(&status)?;
        root.append_child(&chips)?;
        root.append_child(&combo)?;
        root.append_child(&limit)?;
        Ok(Areas { root, chips, search, listbox, status, limit, options: Vec::new(), active: None })
    }

    pub fn relabel(&self, lang: Lang) {
        if let Some(label) = self.search.parent_element() {
            if let Some(text) = label.first_child().filter(|n| n.node_type() == 3) {
                text.set_text_content(Some(i18n::t(Key::SearchAreas, lang)));
            } else {
                let _ = label.prepend_with_str_1(i18n::t(Key::SearchAreas, lang));
            }
        }
        let _ = self.root.set_attribute("aria-label", i18n::t(Key::AreasCharted, lang));
        let _ = self.listbox.set_attribute("aria-label", i18n::t(Key::SuggestedAreas, lang));
        set_text(&self.limit, &limit_text(lang));
    }

    /// One chip per area asked for, with its line's colour and dash pattern. `english` says
    /// which names are English inside a Welsh widget.
    pub fn show_chips(&self, doc: &Document, data: &Dataset, state: &WidgetState, view: &View, english: &dyn Fn(&str) -> bool) {
        let lang = state.lang;
        let chips = &self.chips;
        chips.set_text_content(None);
        let colours = chart::palette::colours(view.input.theme);
        let (mut selected_index, mut benchmark_index) = (0, 0);
        for (i, name) in state.areas.iter().enumerate() {
            let Ok(li) = el(doc, "li", "chip") else { continue };
            let _ = li.set_attribute("part", "chip");
            // Selected areas are coloured in order; benchmarks are muted, as on the chart.
            let charted = view.areas.iter().find(|a| same_name(&a.label, name) || data.find_area(name).ok().is_some_and(|id| a.source == view::AreaSource::Bundled(id)));
            // The same colour and dash pattern as the line, so the chip is its legend.
            let style = match charted.map(|a| a.role) {
                Some(Role::Selected) => {
                    let style = (colours.series_colour(selected_index), 2.5, chart::palette::series_dash(selected_index));
                    selected_index += 1;
                    Some(style)
                }
                Some(Role::Benchmark) => {
                    let dashes = chart::palette::DASHES;
                    let style = (colours.benchmark, 1.5, Some(dashes[benchmark_index % dashes.len()]));
                    benchmark_index += 1;
                    Some(style)
                }
                None => None,
            };
            if let Some((colour, width, dash)) = style {
                if let Ok(swatch) = line_sample(doc, &colour.hex(), width, dash) {
                    let _ = li.append_child(&swatch);
                }
            }
            let label = charted.map(|a| a.label.clone()).unwrap_or_else(|| name.clone());
            if let Ok(span) = el(doc, "span", "") {
                set_text(&span, &label);
                if english(&label) {
                    let _ = span.set_attribute("lang", "en");
                }
                let _ = li.append_child(&span);
            }
            if let Ok(b) = el(doc, "button", "remove") {
                let _ = b.set_attribute("type", "button");
                let _ = b.set_attribute("data-index", &i.to_string());
                let _ = b.set_attribute("aria-label", &format!("{} {}", i18n::t(Key::Remove, lang), label));
                set_text(&b, "×");
                let _ = li.append_child(&b);
            }
            let _ = chips.append_child(&li);
        }
        // At the limit the field stays focusable, read-only, and says why (never disabled:
        // a disabled field would drop the focus of a reader who just added the sixth area).
        let full = state.areas.len() >= MAX_AREAS;
        self.search.set_read_only(full);
        let _ = if full { self.limit.remove_attribute("hidden") } else { self.limit.set_attribute("hidden", "") };
        let _ = self.search.set_attribute("aria-describedby", if full { "cc-limit cc-status" } else { "cc-status" });
    }

    /// Whether the field is at the area limit.
    fn full(&self) -> bool {
        self.search.read_only()
    }

    /// Lists the areas matching what is typed: the publisher's own first, then ours.
    /// Returns what the status says.
    fn update_options(&mut self, doc: &Document, data: &Dataset, publisher: Option<&PublisherData>, state: &WidgetState, english: &dyn Fn(&str) -> bool) -> Option<String> {
        let query = self.search.value();
        let lang = state.lang;
        let mut names: Vec<String> = Vec::new();
        if !query.trim().is_empty() && !self.full() {
            if let Some(p) = publisher {
                for r in &p.rows {
                    let lower = crate::case::lowercase(&r.area);
                    if lower.contains(&crate::case::lowercase(query.trim())) && !names.iter().any(|n| same_name(n, &r.area)) {
                        names.push(r.area.clone());
                    }
                }
            }
            for id in data.search_areas(&query, lang, 8) {
                names.push(data.areas()[id].display_name(lang).to_string());
            }
        }
        names.retain(|n| !state.areas.iter().any(|a| same_name(a, n)));
        names.truncate(8);
        let listbox = &self.listbox;
        listbox.set_text_content(None);
        for (i, name) in names.iter().enumerate() {
            let Ok(li) = el(doc, "li", "") else { continue };
            li.set_id(&format!("cc-opt-{i}"));
            let _ = li.set_attribute("role", "option");
            let _ = li.set_attribute("aria-selected", "false");
            let _ = li.set_attribute("data-index", &i.to_string());
            set_text(&li, name);
            if english(name) {
                let _ = li.set_attribute("lang", "en");
            }
            let _ = listbox.append_child(&li);
        }
        self.options = names;
        self.active = None;
        let open = !self.options.is_empty();
        let _ = self.search.set_attribute("aria-expanded", if open { "true" } else { "false" });
        let _ = self.search.remove_attribute("aria-activedescendant");
        let _ = if open { listbox.remove_attribute("hidden") } else { listbox.set_attribute("hidden", "") };
        // The status: nothing while the field is empty, "No areas match" (shown) or a count.
        let said = if query.trim().is_empty() {
            None
        } else if self.full() {
            Some(limit_text(lang))
        } else if self.options.is_empty() {
            Some(i18n::t(Key::NoAreasMatch, lang).to_string())
        } else {
            Some(i18n::fill(i18n::t(Key::AreasMatch, lang), &[("n", &self.options.len().to_string())]))
        };
        let none_match = said.is_some() && self.options.is_empty() && !self.full();
        set_text(&self.status, if none_match { i18n::t(Key::NoAreasMatch, lang) } else { "" });
        let _ = if none_match { self.status.remove_attribute("hidden") } else { self.status.set_attribute("hidden", "") };
        said
    }

    fn set_active(&mut self, index: Option<usize>) {
        self.active = index;
        if let Ok(items) = self.listbox.query_selector_all("[role=option]") {
            for i in 0..items.length() {
                if let Some(item) = items.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let on = Some(i as usize) == index;
                    let _ = item.set_attribute("aria-selected", if on { "true" } else { "false" });
                    if on {
                        let _ = self.search.set_attribute("aria-activedescendant", &item.id());
                        item.scroll_into_view_with_bool(false);
                    }
                }
            }
        }
        if index.is_none() {
            let _ = self.search.remove_attribute("aria-activedescendant");
        }
    }

    fn close_options(&mut self) {
        let _ = self.status.set_attribute("hidden", "");
        self.options.clear();
        self.active = None;
        self.listbox.set_text_content(None);
        let _ = self.listbox.set_attribute("hidden", "");
        let _ = self.search.set_attribute("aria-expanded", "false");
        let _ = self.search.remove_attribute("aria-activedescendant");
    }

    /// Takes the listed option `index` out of the list (closing it) for the caller to add.
    fn take(&mut self, index: usize) -> Option<String> {
        let name = self.options.get(index).cloned()?;
        self.search.set_value("");
        self.close_options();
        Some(name)
    }
}

/// "A chart compares up to 6 areas: remove one to add another."
fn limit_text(lang: Lang) -> String {
    i18n::fill(i18n::t(Key::AreaLimit, lang), &[("n", &MAX_AREAS.to_string())])
}

/// A short sample of a line (colour, width, dash pattern) as an inline SVG, for a chip.
fn line_sample(doc: &Document, colour: &str, width: f64, dash: Option<&[f64]>) -> Result<Element, JsValue> {
    const SVG: Option<&str> = Some("http://www.w3.org/2000/svg");
    let svg = doc.create_element_ns(SVG, "svg")?;
    svg.set_attribute("class", "swatch")?;
    svg.set_attribute("viewBox", "0 0 40 12")?;
    svg.set_attribute("aria-hidden", "true")?;
    svg.set_attribute("focusable", "false")?;
    let line = doc.create_element_ns(SVG, "line")?;
    for (k, v) in [("x1", "1"), ("y1", "6"), ("x2", "39"), ("y2", "6")] {
        line.set_attribute(k, v)?;
    }
    line.set_attribute("stroke", colour)?;
    line.set_attribute("stroke-width", &format!("{}", (width * 1.4).round() as i32))?;
    if let Some(dash) = dash {
        // Tenths, written from integers: formatting an f64 would add Rust's float printing.
        let pattern: Vec<String> = dash
            .iter()
            .map(|d| {
                let tenths = (d * 10.0).round() as i32;
                format!("{}.{}", tenths / 10, tenths % 10)
            })
            .collect();
        line.set_attribute("stroke-dasharray", &pattern.join(" "))?;
    }
    svg.append_child(&line)?;
    Ok(svg)
}

impl Inner {
    fn refresh_options(&mut self) {
        let said = {
            let Inner { areas, doc, data, publisher, state, .. } = &mut *self;
            let lang = state.lang;
            areas.update_options(doc, data, publisher.as_ref(), state, &|name: &str| super::english_area(data, lang, name))
        };
        self.announce(said);
    }

    fn choose_area(&mut self, index: usize) {
        if let Some(name) = self.areas.take(index) {
            self.state.add_area(&name);
            self.changed();
            let lang = self.state.lang;
            let mut said = format!("{} {}", i18n::t(Key::Added, lang), name);
            if self.state.areas.len() >= MAX_AREAS {
                said = format!("{said}. {}", limit_text(lang));
            }
            self.announce(Some(said));
        }
    }
}

pub fn listen(weak: &Weak<RefCell<Inner>>, listeners: &mut Listeners, areas: &Areas) {
    let search: Element = areas.search.clone().unchecked_into();
    listeners.add(&search, "input", with(weak, |w, _ev: Event| w.refresh_options()));
    listeners.add(&search, "keydown", with(weak, |w, ev: Event| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else { return };
        let n = w.areas.options.len();
        match k.key().as_str() {
            "ArrowDown" => {
                if n == 0 {
                    w.refresh_options();
                }
                let n = w.areas.options.len();
                if n > 0 {
                    let next = w.areas.active.map_or(0, |a| (a + 1) % n);
                    w.areas.set_active(Some(next));
                }
                ev.prevent_default();
            }
            "ArrowUp" if n > 0 => {
                let next = w.areas.active.map_or(n - 1, |a| (a + n - 1) % n);
                w.areas.set_active(Some(next));
                ev.prevent_default();
            }
            // Only an option the reader has highlighted is added.
            "Enter" => {
                if let Some(a) = w.areas.active {
                    w.choose_area(a);
                    ev.prevent_default();
                }
            }
            "Escape" => {
                if n > 0 {
                    w.areas.close_options();
                } else {
                    w.areas.search.set_value("");
                }
                ev.prevent_default();
            }
            _ => {}
        }
    }));
    listeners.add(&search, "blur", with(weak, |w, _ev: Event| w.areas.close_options()));
    // pointerdown, not click: choosing must happen before the input's blur closes the list.
    listeners.add(&areas.listbox, "pointerdown", with(weak, |w, ev: Event| {
        ev.prevent_default();
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[role=option]").ok().flatten())
            .and_then(|o| o.get_attribute("data-index"))
            .and_then(|i| i.parse::<usize>().ok());
        if let Some(i) = index {
            w.choose_area(i);
        }
    }));
    listeners.add(&areas.chips, "click", with(weak, |w, ev: Event| {
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
            let _ = w.areas.search.focus();
            let lang = w.state.lang;
            w.announce(Some(format!("{} {}", i18n::t(Key::Removed, lang), removed)));
        }
    }));
}
