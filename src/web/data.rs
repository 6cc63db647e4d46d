//! Where the widget's figures come from: the bundled dataset (decoded once per page, shared by
//! every widget) and a publisher's inline data.
//!
//! [`dataset`] is the only way the web layer reaches the bundled [`Dataset`]: keep it that
//! way, so that loading it some other way (fetched files, asynchronously) changes one place.

use crate::model::Dataset;
use crate::publisher::{PublisherData, RowError, MAX_ROWS};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The bundled dataset, decoded once per page and shared by every widget.
    static DATASET: RefCell<Option<Rc<Dataset>>> = const { RefCell::new(None) };
}

/// The bundled dataset, decoded on first use.
pub fn dataset() -> Result<Rc<Dataset>, String> {
    DATASET.with(|cell| {
        if let Some(d) = cell.borrow().as_ref() {
            return Ok(d.clone());
        }
        let decoded = Rc::new(Dataset::bundled().map_err(|e| format!("the bundled dataset could not be read: {e}"))?);
        *cell.borrow_mut() = Some(decoded.clone());
        Ok(decoded)
    })
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
