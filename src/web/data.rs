//! Where the widget's figures come from: the datasets the page's widgets chart, fetched as
//! files (not built into the wasm), and a publisher's inline data.
//!
//! A dataset is a folder: `index.ccd` (areas, offences, periods, populations, releases, breaks,
//! and the names of the figures files) and one content-addressed file of figures per offence
//! (see `codec`). The shim fetches the package's own index in parallel with the wasm, and a
//! widget's `src` folder's index before it mounts; it gives each to [`load_dataset`]. Figures
//! files are fetched only for the offence a chart shows: before the first render by the shim
//! ([`figures_needed`], [`supply_figures`]), and afterwards, when a reader picks another offence,
//! through the fetcher the shim registers ([`set_fetcher`]), so the fetching itself stays in JS
//! (one `fetch`, the browser's cache) and the figures stay in wasm memory.
//!
//! Every dataset is decoded once per page and shared by every widget that charts it.
//! [`dataset`] and [`get`] are the only ways the web layer reaches a [`Dataset`].

use crate::model::Dataset;
use crate::publisher::{PublisherData, RowError, MAX_ROWS};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The package's own dataset, once the shim has loaded its index.
pub fn dataset() -> Result<Rc<Dataset>, String> {
    default_url().and_then(|u| get(&u)).ok_or_else(|| "the dataset is not loaded".to_string())
}

thread_local! {
    static DATASETS: RefCell<HashMap<String, Rc<Dataset>>> = RefCell::new(HashMap::new());
    /// The URL of the package's own dataset (the first one loaded without a `src`).
    static DEFAULT_URL: RefCell<Option<String>> = const { RefCell::new(None) };
    static FETCHER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Decodes a dataset's index (checked: magic, version, CRC-32, every length) and keeps it for
/// the widgets that chart `url`. `is_default` marks the package's own dataset.
#[wasm_bindgen]
pub fn load_dataset(url: String, index: &[u8], is_default: bool) -> Result<(), JsValue> {
    if DATASETS.with(|d| d.borrow().contains_key(&url)) {
        return Ok(());
    }
    let ds = Dataset::from_index(index).map_err(|e| JsValue::from_str(&format!("{url}index.ccd is not a crime-compare dataset: {e}")))?;
    DATASETS.with(|d| d.borrow_mut().insert(url.clone(), Rc::new(ds)));
    if is_default {
        DEFAULT_URL.with(|d| *d.borrow_mut() = Some(url));
    }
    Ok(())
}

/// The figures files a chart of `offence` (a name or code; empty for the default) needs from
/// the dataset at `url` before it can draw: none if they are loaded or the offence is not in
/// the dataset (publisher figures, or a name the widget will report).
/// A map (`kind` "map") also needs the boundaries file.
#[wasm_bindgen]
pub fn figures_needed(url: &str, offence: Option<String>, kind: Option<String>) -> Vec<JsValue> {
    let Some(ds) = get(url) else { return Vec::new() };
    let query = offence.filter(|o| !o.trim().is_empty()).unwrap_or_else(|| crate::view::WidgetState::default().offence);
    let mut out: Vec<JsValue> = missing(&ds, &query).map(|n| vec![JsValue::from_str(&n)]).unwrap_or_default();
    if kind.is_some_and(|k| k.trim().eq_ignore_ascii_case("map")) {
        out.extend(missing_geometry(&ds).map(|n| JsValue::from_str(&n)));
    }
    out
}

/// Gives the dataset at `url` the bytes of its figures file `name`, checked against its index.
#[wasm_bindgen]
pub fn supply_figures(url: &str, name: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let ds = get(url).ok_or_else(|| JsValue::from_str(&format!("no dataset is loaded from {url}")))?;
    let o = (0..ds.offences().len()).find(|&o| ds.figures_file(o) == Some(name));
    if ds.geometry().is_none() && ds.geometry_file() == Some(name) {
        return ds.supply_geometry(bytes).map_err(|e| JsValue::from_str(&format!("{url}{name}: {e}")));
    }
    match o {
        Some(o) => ds.supply(o, bytes).map_err(|e| JsValue::from_str(&format!("{url}{name}: {e}"))),
        None => Ok(()), // already supplied (two widgets asked at once)
    }
}

/// The shim's `(url, name) => Promise` that fetches a figures file and supplies it.
#[wasm_bindgen]
pub fn set_fetcher(f: js_sys::Function) {
    FETCHER.with(|c| *c.borrow_mut() = Some(f));
}

pub(crate) fn get(url: &str) -> Option<Rc<Dataset>> {
    DATASETS.with(|d| d.borrow().get(url).cloned())
}

pub(crate) fn default_url() -> Option<String> {
    DEFAULT_URL.with(|d| d.borrow().clone())
}

/// The figures file `query`'s offence still needs, if any.
pub(crate) fn missing(ds: &Dataset, query: &str) -> Option<String> {
    let o = ds.find_offence(query).ok()?;
    ds.figures_file(o).map(str::to_string)
}

/// The boundaries file a map still needs, if any (fetched only by a map).
pub(crate) fn missing_geometry(ds: &Dataset) -> Option<String> {
    if ds.geometry().is_some() {
        return None;
    }
    ds.geometry_file().map(str::to_string)
}

/// Fetches a figures file through the shim's fetcher, then calls `done` with the outcome.
pub(crate) fn request(url: &str, name: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    let Some(f) = FETCHER.with(|c| c.borrow().clone()) else {
        done(Err("no fetcher is registered".into()));
        return;
    };
    let promise = match f.call2(&JsValue::NULL, &JsValue::from_str(url), &JsValue::from_str(name)) {
        Ok(p) => p.dyn_into::<js_sys::Promise>().ok(),
        Err(_) => None,
    };
    let Some(promise) = promise else {
        done(Err(format!("{name} could not be requested")));
        return;
    };
    let done = Rc::new(RefCell::new(Some(done)));
    let ok = {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(d) = done.borrow_mut().take() {
                d(Ok(()));
            }
        })
    };
    let fail = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let text = e.as_string().or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_else(|| "unknown error".into());
        if let Some(d) = done.borrow_mut().take() {
            d(Err(text));
        }
    });
    let _ = promise.then2(&ok, &fail);
    // One of the two runs, once; both are kept alive until then and freed with the page (a
    // few small closures per offence a reader picks).
    ok.forget();
    fail.forget();
}

/// Publisher data from an inline `<script type="text/csv">` or `application/json`.
pub fn parse_publisher(text: &str, kind: &str) -> PublisherData {
    if kind.contains("json") {
        match js_sys::JSON::parse(text) {
            Ok(value) => json_records(&value),
            Err(_) => PublisherData { rows: Vec::new(), errors: vec![RowError { row: 0, reason: "the JSON could not be read".into() }] },
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
            errors: vec![RowError { row: 0, reason: "expected an array of {area, period, offence, count} objects".into() }],
        };
    };
    let header: Vec<String> = ["area", "period", "offence", "count", "population", "source"].iter().map(|s| s.to_string()).collect();
    let rows = array
        .iter()
        .take(MAX_ROWS + 1)
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

/// The offence's group for the picker: its ancestor just below the root (or itself).
pub fn offence_group(data: &Dataset, id: usize) -> usize {
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
