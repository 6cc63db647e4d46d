//! The pickers: the offence (grouped), the measure and chart-kind toggles, and the period range.
//!
//! Owns their DOM and listeners; each change goes to the widget's state and redraws.

use super::data::offence_group;
use super::dom::{el, set_text, Listeners};
use super::{with, Inner};
use crate::i18n::{self, Key, Lang};
use crate::model::Dataset;
use crate::publisher::PublisherData;
use crate::view::{KindChoice, MeasureChoice, View, WidgetState};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlSelectElement};

pub struct Pickers {
    /// The labelled offence picker, the two toggle groups and the two period pickers, in order.
    pub parts: Vec<Element>,
    offence: HtmlSelectElement,
    measure: Vec<(MeasureChoice, Element)>,
    kind: Vec<(KindChoice, Element)>,
    from: HtmlSelectElement,
    to: HtmlSelectElement,
}

impl Pickers {
    pub fn build(doc: &Document) -> Result<Pickers, JsValue> {
        let mut parts = Vec::new();
        let offence_label = el(doc, "label", "")?;
        let offence: HtmlSelectElement = el(doc, "select", "offence")?.unchecked_into();
        offence_label.append_child(&offence)?;
        parts.push(offence_label);

        let mut measure = Vec::new();
        let measure_group = el(doc, "div", "seg measure")?;
        measure_group.set_attribute("role", "group")?;
        for choice in [MeasureChoice::Count, MeasureChoice::Rate, MeasureChoice::Change] {
            let b = el(doc, "button", "")?;
            b.set_attribute("type", "button")?;
            measure_group.append_child(&b)?;
            measure.push((choice, b));
        }
        parts.push(measure_group);
        let mut kind = Vec::new();
        let kind_group = el(doc, "div", "seg kind")?;
        kind_group.set_attribute("role", "group")?;
        for choice in [KindChoice::Trend, KindChoice::Ranking, KindChoice::Change, KindChoice::Map] {
            let b = el(doc, "button", "")?;
            b.set_attribute("type", "button")?;
            kind_group.append_child(&b)?;
            kind.push((choice, b));
        }
        parts.push(kind_group);
        let from_label = el(doc, "label", "")?;
        let from: HtmlSelectElement = el(doc, "select", "from")?.unchecked_into();
        from_label.append_child(&from)?;
        let to_label = el(doc, "label", "")?;
        let to: HtmlSelectElement = el(doc, "select", "to")?.unchecked_into();
        to_label.append_child(&to)?;
        parts.push(from_label);
        parts.push(to_label);
        Ok(Pickers { parts, offence, measure, kind, from, to })
    }

    /// Sets every fixed label in `lang`.
    pub fn relabel(&self, lang: Lang) {
        label_before(&self.offence, i18n::t(Key::Offence, lang));
        label_before(&self.from, i18n::t(Key::From, lang));
        label_before(&self.to, i18n::t(Key::To, lang));
        for (choice, b) in &self.measure {
            set_text(b, i18n::t(measure_key(*choice), lang));
        }
        if let Some(g) = self.measure.first().and_then(|(_, b)| b.parent_element()) {
            let _ = g.set_attribute("aria-label", i18n::t(Key::Measure, lang));
        }
        for (choice, b) in &self.kind {
            set_text(b, i18n::t(kind_key(*choice), lang));
        }
        if let Some(g) = self.kind.first().and_then(|(_, b)| b.parent_element()) {
            let _ = g.set_attribute("aria-label", i18n::t(Key::Chart, lang));
        }
    }

    /// Fills the offence picker from the data and reflects the state in the toggles.
    pub fn fill(&self, doc: &Document, data: &Dataset, state: &WidgetState) {
        let lang = state.lang;
        let offence_now = data.find_offence(&state.offence).ok();
        let select = &self.offence;
        select.set_text_content(None);
        let offences = data.offences();
        let mut groups: Vec<(usize, Element)> = Vec::new();
        for (id, o) in offences.iter().enumerate() {
            let group = offence_group(data, id);
            let parent: Element = if o.parent.is_none() {
                select.clone().unchecked_into()
            } else if let Some((_, g)) = groups.iter().find(|(g, _)| *g == group) {
                g.clone()
            } else {
                let Ok(g) = doc.create_element("optgroup") else { continue };
                let name = i18n::offence_name(&offences[group].key, &offences[group].name, lang);
                mark_english(&g, lang, &name, &offences[group].name);
                let _ = g.set_attribute("label", &name);
                let _ = select.append_child(&g);
                groups.push((group, g.clone()));
                g
            };
            if let Ok(opt) = doc.create_element("option") {
                let _ = opt.set_attribute("value", &o.key);
                let name = i18n::offence_name(&o.key, &o.name, lang);
                mark_english(&opt, lang, &name, &o.name);
                set_text(&opt, &name);
                if Some(id) == offence_now {
                    let _ = opt.set_attribute("selected", "");
                }
                let _ = parent.append_child(&opt);
            }
        }
        // A publisher's own offence, if it is not one of ours.
        if offence_now.is_none() {
            if let Ok(opt) = doc.create_element("option") {
                let _ = opt.set_attribute("value", &state.offence);
                set_text(&opt, &state.offence);
                let _ = opt.set_attribute("selected", "");
                let _ = select.prepend_with_node_1(&opt);
            }
        }
        for (choice, b) in &self.measure {
            let _ = b.set_attribute("aria-pressed", if *choice == state.measure { "true" } else { "false" });
        }
        for (choice, b) in &self.kind {
            let _ = b.set_attribute("aria-pressed", if *choice == state.kind { "true" } else { "false" });
        }
    }

    /// The range pickers offer every period the chart could show, not only those in range.
    pub fn periods(&self, doc: &Document, data: &Dataset, publisher: Option<&PublisherData>, state: &WidgetState, view: &View) {
        let lang = state.lang;
        let mut all = data.periods().to_vec();
        if let Some(p) = publisher {
            all.extend(p.rows.iter().map(|r| r.period));
        }
        crate::util::sort(&mut all);
        all.dedup();
        for (select, chosen, fallback) in [
            (&self.from, state.from, view.input.periods.first().copied()),
            (&self.to, state.to, view.input.periods.last().copied()),
        ] {
            select.set_text_content(None);
            let want = chosen.or(fallback);
            for p in &all {
                if let Ok(opt) = doc.create_element("option") {
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
}

/// In a Welsh widget, an offence with no Welsh name keeps its English one: marked
/// `lang="en"` so screen readers read it with an English voice (WCAG 3.1.2).
fn mark_english(e: &Element, lang: Lang, shown: &str, english: &str) {
    if lang == Lang::Cy && shown == english {
        let _ = e.set_attribute("lang", "en");
    }
}

fn measure_key(choice: MeasureChoice) -> Key {
    match choice {
        MeasureChoice::Count => Key::Count,
        MeasureChoice::Rate => Key::RatePer1000,
        MeasureChoice::Change => Key::YearOnYear,
    }
}

fn kind_key(choice: KindChoice) -> Key {
    match choice {
        KindChoice::Trend => Key::Trend,
        KindChoice::Ranking => Key::Ranking,
        KindChoice::Change => Key::IndexToBase,
        KindChoice::Map => Key::Map,
    }
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

pub fn listen(weak: &Weak<RefCell<Inner>>, listeners: &mut Listeners, pickers: &Pickers) {
    let offence: Element = pickers.offence.clone().unchecked_into();
    listeners.add(&offence, "change", with(weak, |w, _ev: Event| {
        w.state.offence = w.pickers.offence.value();
        w.changed();
    }));
    let from: Element = pickers.from.clone().unchecked_into();
    let to: Element = pickers.to.clone().unchecked_into();
    for (select, name) in [(from, "from"), (to, "to")] {
        listeners.add(&select, "change", with(weak, move |w, _ev: Event| {
            let v = if name == "from" { w.pickers.from.value() } else { w.pickers.to.value() };
            if w.state.set(name, &v).is_ok() {
                // A range the wrong way round is swapped rather than left empty, and the reader
                // is told.
                let mut swapped = false;
                if let (Some(f), Some(t)) = (w.state.from, w.state.to) {
                    if f > t {
                        w.state.from = Some(t);
                        w.state.to = Some(f);
                        swapped = true;
                    }
                }
                w.changed();
                if swapped {
                    let lang = w.state.lang;
                    w.announce(Some(i18n::t(Key::RangeSwapped, lang).to_string()));
                }
            }
        }));
    }
    for (choice, b) in &pickers.measure {
        let choice = *choice;
        listeners.add(b, "click", with(weak, move |w, _ev: Event| {
            w.state.measure = choice;
            w.measure_named = true;
            w.changed();
        }));
    }
    for (choice, b) in &pickers.kind {
        let choice = *choice;
        listeners.add(b, "click", with(weak, move |w, _ev: Event| {
            w.state.kind = choice;
            w.changed();
        }));
    }
}
