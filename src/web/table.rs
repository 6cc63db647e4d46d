//! The table of exactly what is plotted, behind a show/hide toggle.
//!
//! Owns the toggle, the table and whether it is open.

use super::dom::{el, set_text, Listeners};
use super::{with, Inner};
use crate::chart;
use crate::i18n::{self, Key, Lang};
use crate::view::View;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event};

pub struct Table {
    pub toggle: Element,
    pub wrap: Element,
    open: bool,
}

impl Table {
    pub fn build(doc: &Document) -> Result<Table, JsValue> {
        let toggle = el(doc, "button", "table-toggle")?;
        toggle.set_attribute("type", "button")?;
        toggle.set_attribute("aria-expanded", "false")?;
        toggle.set_attribute("aria-controls", "cc-table")?;
        // Collapsed means hidden from everyone, screen readers too, as the toggle says.
        let wrap = el(doc, "div", "table-wrap")?;
        wrap.set_attribute("hidden", "")?;
        wrap.set_id("cc-table");
        wrap.set_attribute("part", "table")?;
        Ok(Table { toggle, wrap, open: false })
    }

    pub fn relabel(&self, lang: Lang) {
        set_text(&self.toggle, i18n::t(if self.open { Key::HideTable } else { Key::ShowTable }, lang));
    }

    fn set_open(&mut self, open: bool, lang: Lang) {
        self.open = open;
        let _ = self.toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        let _ = if open { self.wrap.remove_attribute("hidden") } else { self.wrap.set_attribute("hidden", "") };
        self.relabel(lang);
    }

    /// Rebuilds the table from what the chart plots. `subtitle` completes its caption.
    /// `english` says which header names are English inside a Welsh widget.
    pub fn show(&self, doc: &Document, view: &View, subtitle: &str, english: &dyn Fn(&str) -> bool) {
        let wrap = &self.wrap;
        wrap.set_text_content(None);
        let table = chart::table(&view.input);
        let Ok(t) = el(doc, "table", "") else { return };
        if let Ok(caption) = el(doc, "caption", "visually-hidden") {
            set_text(&caption, &format!("{}: {}", view.title, subtitle));
            let _ = t.append_child(&caption);
        }
        if let (Ok(thead), Ok(tr)) = (el(doc, "thead", ""), el(doc, "tr", "")) {
            for h in &table.header {
                if let Ok(th) = el(doc, "th", "") {
                    let _ = th.set_attribute("scope", "col");
                    set_text(&th, h);
                    if english(h) {
                        let _ = th.set_attribute("lang", "en");
                    }
                    let _ = tr.append_child(&th);
                }
            }
            let _ = thead.append_child(&tr);
            let _ = t.append_child(&thead);
        }
        if let Ok(tbody) = el(doc, "tbody", "") {
            for row in &table.rows {
                let Ok(tr) = el(doc, "tr", "") else { continue };
                for (i, cell) in row.iter().enumerate() {
                    if let Ok(td) = el(doc, if i == 0 { "th" } else { "td" }, "") {
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
}

pub fn listen(weak: &Weak<RefCell<Inner>>, listeners: &mut Listeners, table: &Table) {
    listeners.add(&table.toggle, "click", with(weak, |w, _ev: Event| {
        let open = !w.table.open;
        w.table.set_open(open, w.state.lang);
    }));
}
