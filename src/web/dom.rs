//! Small DOM helpers: element creation, text (never markup), and listeners that can all be
//! removed again.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, EventTarget};

/// Creates `<tag class="…">`.
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// Sets an element's text. Publisher-supplied text only ever reaches the page through here or
/// attribute values: never as markup.
pub fn set_text(e: &Element, text: &str) {
    e.set_text_content(Some(text));
}

/// Every listener a widget added, so `destroy` can remove them all and free the closures.
///
/// Handlers are `Fn`, not `FnMut`: an event dispatched from inside a handler (a focus change,
/// a synthetic click) may re-enter the same listener, and wasm-bindgen throws on re-entry into
/// an `FnMut` closure. The widget's state is reached through `try_borrow_mut` instead.
#[derive(Default)]
pub struct Listeners {
    entries: Vec<(EventTarget, &'static str, Closure<dyn Fn(Event)>)>,
}

impl Listeners {
    pub fn add(&mut self, target: &Element, event: &'static str, handler: Box<dyn Fn(Event)>) {
        self.add_target(target.clone().unchecked_into(), event, handler);
    }

    /// A listener on any target (the document, for a key that concerns the widget wherever
    /// focus is).
    pub fn add_target(&mut self, target: EventTarget, event: &'static str, handler: Box<dyn Fn(Event)>) {
        let closure = Closure::wrap(handler);
        if target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref()).is_ok() {
            self.entries.push((target, event, closure));
        }
    }

    pub fn remove_all(&mut self) {
        for (target, event, closure) in self.entries.drain(..) {
            let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
    }
}

impl Drop for Listeners {
    fn drop(&mut self) {
        self.remove_all();
    }
}
