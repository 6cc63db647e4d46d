//! What the embed builder asks the module for: every area and every offence, with their names
//! in a language. Small arrays of plain objects; the data itself stays in wasm memory.

use super::data::{dataset, offence_group};
use crate::i18n::{self, Lang};
use crate::model::AreaKind;
use crate::publisher::{same_name, Layout, PublisherData};
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

/// The builder's "Your figures" box: reads a pasted table (any layout [`PublisherData`]
/// reads) for `offence`, gives rows without a source `source`, and returns
/// `{csv, layout, rows, errors, notes}`: the figures as the long CSV a snippet carries
/// (periods as YYYY-MM, gaps as empty counts), the layout it was read as, the rows as
/// `{area, period, offence, count, source}` objects, and the problems worded with their row
/// and column (`errors`: cells left out; `notes`: area names the dataset's search does not
/// find, in English or Welsh, which still chart under the name given).
#[wasm_bindgen]
pub fn read_figures(text: &str, offence: &str, source: &str) -> JsValue {
    let mut data = PublisherData::from_text(text, offence);
    let source = source.trim();
    if !source.is_empty() {
        for r in data.rows.iter_mut().filter(|r| r.source.is_none()) {
            r.source = Some(source.to_string());
        }
    }
    let out = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(o, &k.into(), &v);
    };
    set(&out, "csv", data.to_csv().into());
    let layout = match data.layout {
        Layout::Long => "long",
        Layout::PeriodsDown => "periods-down",
        Layout::AreasDown => "areas-down",
    };
    set(&out, "layout", layout.into());
    let rows = js_sys::Array::new();
    for r in &data.rows {
        let o = js_sys::Object::new();
        set(&o, "area", r.area.as_str().into());
        set(&o, "period", r.period.to_string().into());
        set(&o, "offence", r.offence.as_str().into());
        set(&o, "count", r.count.map(|c| JsValue::from_f64(c as f64)).unwrap_or(JsValue::NULL));
        set(&o, "population", r.population.map(|p| JsValue::from_f64(p as f64)).unwrap_or(JsValue::NULL));
        set(&o, "source", r.source.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL));
        rows.push(&o);
    }
    set(&out, "rows", rows.into());
    let errors = js_sys::Array::new();
    for e in &data.errors {
        errors.push(&e.to_string().into());
    }
    set(&out, "errors", errors.into());
    let notes = js_sys::Array::new();
    if let Ok(ds) = dataset() {
        let mut names: Vec<(String, String)> = data.area_cells.clone();
        for r in &data.rows {
            if !names.iter().any(|(a, _)| same_name(a, &r.area)) {
                names.push((r.area.clone(), String::new()));
            }
        }
        for (name, place) in names {
            if let Err(not_found) = ds.find_area(&name) {
                let place = if place.is_empty() { String::new() } else { format!("{place}: ") };
                notes.push(&format!("{place}{not_found} It charts under the name given.").into());
            }
        }
    }
    set(&out, "notes", notes.into());
    out.into()
}
