//! Talking to the host page: the `crime-compare:ready` and `crime-compare:change` events, whose
//! detail is the state as the attributes that would recreate it.

use crate::view::WidgetState;
use web_sys::HtmlElement;

/// The state as a plain object of attribute values.
pub fn state_object(state: &WidgetState) -> js_sys::Object {
    let o = js_sys::Object::new();
    for (k, v) in state.to_attributes() {
        let _ = js_sys::Reflect::set(&o, &k.into(), &v.into());
    }
    o
}

/// Dispatches `name` on the host element; it bubbles and crosses the shadow boundary.
pub fn emit(host: &HtmlElement, name: &str, state: &WidgetState) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&state_object(state));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
