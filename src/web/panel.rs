//! Where the controls sit: after the chart, and on narrow widths behind one "Change chart"
//! button (a disclosure), as the embed's `controls` attribute asks.
//!
//! - `full`: every control visible, at every width.
//! - `compact` (the default): on narrow widths the controls wait behind the disclosure; on wide
//!   ones they are a bar under the chart.
//! - `none`: a fixed chart: no pickers and no area search. The tooltip, keyboard, table and
//!   downloads stay.
//!
//! Owns the disclosure button, the panel and whether it is open.

use super::dom::{el, set_text, Listeners};
use super::{with, Inner};
use crate::i18n::{self, Key, Lang};
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, KeyboardEvent};

/// Below this widget width (CSS px) a compact widget puts its controls behind the disclosure.
pub const NARROW: f64 = 600.0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Full,
    Compact,
    None,
}

impl Mode {
    /// Parses the `controls` attribute; an unknown value is an error and changes nothing.
    pub fn parse(value: &str) -> Result<Mode, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(Mode::Full),
            "compact" | "" => Ok(Mode::Compact),
            "none" => Ok(Mode::None),
            _ => Err(format!("controls=\"{}\" is not one of full, compact, none", value.trim())),
        }
    }
}

pub struct Panel {
    /// The disclosure button and the panel, in a wrapper that is hidden for `controls="none"`.
    pub root: Element,
    toggle: Element,
    /// The controls themselves (areas and pickers go in here).
    pub body: Element,
    mode: Mode,
    narrow: bool,
    open: bool,
}

impl Panel {
    pub fn build(doc: &Document) -> Result<Panel, JsValue> {
        let root = el(doc, "div", "panel")?;
        // Shown once the controls are built (in the task after the first chart).
        root.set_attribute("hidden", "")?;
        let toggle = el(doc, "button", "change-chart")?;
        toggle.set_attribute("type", "button")?;
        toggle.set_attribute("aria-expanded", "false")?;
        toggle.set_attribute("aria-controls", "cc-controls")?;
        toggle.set_attribute("hidden", "")?;
        let body = el(doc, "div", "controls")?;
        body.set_id("cc-controls");
        body.set_attribute("part", "controls")?;
        root.append_child(&toggle)?;
        root.append_child(&body)?;
        Ok(Panel { root, toggle, body, mode: Mode::Compact, narrow: false, open: false })
    }

    pub fn relabel(&self, lang: Lang) {
        set_text(&self.toggle, i18n::t(Key::ChangeChart, lang));
    }

    /// Applies the mode and the widget's width to what is shown.
    pub fn arrange(&mut self, mode: Mode, width: f64) {
        self.mode = mode;
        self.narrow = width < NARROW;
        self.apply();
    }

    fn apply(&self) {
        let mode = self.mode;
        let disclosure = mode == Mode::Compact && self.narrow;
        let _ = set_hidden(&self.root, mode == Mode::None);
        let _ = set_hidden(&self.toggle, !disclosure);
        let _ = set_hidden(&self.body, disclosure && !self.open);
        let _ = self.toggle.set_attribute("aria-expanded", if self.open { "true" } else { "false" });
        let _ = self.root.class_list().toggle_with_force("disclosure", disclosure);
    }

    fn set_open(&mut self, open: bool) {
        self.open = open;
        self.apply();
    }
}

fn set_hidden(e: &Element, hidden: bool) -> Result<(), JsValue> {
    if hidden {
        e.set_attribute("hidden", "")
    } else {
        e.remove_attribute("hidden")
    }
}

pub fn listen(weak: &Weak<RefCell<Inner>>, listeners: &mut Listeners, panel: &Panel) {
    listeners.add(&panel.toggle, "click", with(weak, |w, _ev: Event| {
        let open = !w.panel.open;
        w.panel.set_open(open);
    }));
    // Escape inside the open panel closes it and puts focus back on its button. A list or a
    // tooltip that Escape closes first stops the key before it gets here.
    listeners.add(&panel.body, "keydown", with(weak, |w, ev: Event| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else { return };
        if k.key() == "Escape" && w.panel.open && !ev.default_prevented() {
            w.panel.set_open(false);
            if let Ok(b) = w.panel.toggle.clone().dyn_into::<HtmlElement>() {
                let _ = b.focus();
            }
            ev.prevent_default();
        }
    }));
}
