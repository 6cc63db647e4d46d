//! What the embed builder asks the module for: every area and every offence, with their names
//! in a language. Small arrays of plain objects; the data itself stays in wasm memory.

use super::data::{dataset, offence_group};
use crate::i18n::{self, Lang};
use crate::model::AreaKind;
use wasm_bindgen::prelude::*;

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
fn kind_name(kind: AreaKind) -> &'static str {
    match kind {
        AreaKind::National => "national",
        AreaKind::Country => "country",
        AreaKind::Region => "region",
        AreaKind::Force => "force",
        AreaKind::OtherForce => "otherforce",
        AreaKind::FraudBody => "fraudbody",
        AreaKind::Csp => "csp",
    }
}

/// The measure an embed naming no `measure` gets for these areas (comma-separated), as the
/// widget decides it: `"rate"` when their populations differ more than tenfold, else `"count"`.
#[wasm_bindgen]
pub fn default_measure(areas: &str) -> Result<String, JsValue> {
    let data = dataset().map_err(|e| JsValue::from_str(&e))?;
    let names: Vec<String> = areas.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    Ok(match crate::view::default_measure(&data, &names) {
        crate::view::MeasureChoice::Rate => "rate",
        crate::view::MeasureChoice::Change => "change",
        crate::view::MeasureChoice::Count => "count",
    }
    .to_string())
}

/// The embed builder's check of a pasted area name: the dataset's own search (English or Welsh
/// names, codes; forgiving of case, accents, "&" and "Police"). Its English name if found,
/// else an error that says so with the nearest names.
#[wasm_bindgen]
pub fn find_area(name: &str) -> Result<String, JsValue> {
    let data = dataset().map_err(|e| JsValue::from_str(&e))?;
    match data.find_area(name) {
        Ok(id) => data.areas().get(id).map(|a| a.name.clone()).ok_or_else(|| JsValue::from_str("no such area")),
        Err(not_found) => Err(JsValue::from_str(&not_found.to_string())),
    }
}
