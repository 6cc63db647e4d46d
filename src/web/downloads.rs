//! The downloads: the chart as PNG (drawn afresh at twice its size) and SVG, its figures as CSV.
//!
//! Owns the three buttons and their listeners.

use super::canvas;
use super::dom::{el, set_text, Listeners};
use super::{with, Inner};
use crate::chart::{self, DrawOptions};
use crate::i18n::{self, Key, Lang};
use crate::view::View;
use std::cell::RefCell;
use std::rc::Weak;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlCanvasElement, HtmlElement};

#[derive(Clone, Copy)]
enum Format {
    Png,
    Svg,
    Csv,
}

pub struct Downloads {
    buttons: Vec<(Format, Element)>,
}

impl Downloads {
    pub fn build(doc: &Document) -> Result<Downloads, JsValue> {
        let mut buttons = Vec::new();
        for (format, class) in [(Format::Png, "download-png"), (Format::Svg, "download-svg"), (Format::Csv, "download-csv")] {
            let b = el(doc, "button", class)?;
            b.set_attribute("type", "button")?;
            buttons.push((format, b));
        }
        Ok(Downloads { buttons })
    }

    pub fn buttons(&self) -> impl Iterator<Item = &Element> {
        self.buttons.iter().map(|(_, b)| b)
    }

    pub fn relabel(&self, lang: Lang) {
        for (format, b) in &self.buttons {
            let key = match format {
                Format::Png => Key::DownloadPng,
                Format::Svg => Key::DownloadSvg,
                Format::Csv => Key::DownloadCsv,
            };
            set_text(b, i18n::t(key, lang));
        }
    }
}

fn download(doc: &Document, view: &View, what: Format) {
    let offence_slug = i18n::offence_slug(&view.offence_label);
    let name = format!("crime-compare-{offence_slug}");
    let source = view.source_lines.join(" ");
    let mut input = view.input.clone();
    input.titles = true;
    let (href, file) = match what {
        Format::Png => match png_data_url(doc, view) {
            Some((url, _, _)) => (url, format!("{name}.png")),
            None => return,
        },
        Format::Svg => match chart::render_svg(&input) {
            Ok(svg) => (blob_url(&svg, "image/svg+xml"), format!("{name}.svg")),
            Err(_) => return,
        },
        Format::Csv => (blob_url(&chart::csv(&view.input, &source), "text/csv;charset=utf-8"), format!("{name}.csv")),
    };
    if href.is_empty() {
        return;
    }
    // A detached link: its click starts the download and reaches none of our listeners.
    if let Ok(a) = doc.create_element("a") {
        let _ = a.set_attribute("href", &href);
        let _ = a.set_attribute("download", &file);
        if let Ok(a) = a.dyn_into::<HtmlElement>() {
            a.click();
        }
    }
    if href.starts_with("blob:") {
        let _ = web_sys::Url::revoke_object_url(&href);
    }
}

/// The chart as a PNG data URL, titles drawn in, on a fresh canvas at twice the CSS size
/// whatever the screen, and that size (whole CSS pixels, so an `<img width height>` shows it
/// at exactly half its pixels): the PNG download, and the builder's fallback picture.
pub fn png_data_url(doc: &Document, view: &View) -> Option<(String, f64, f64)> {
    let mut input = view.input.clone();
    input.titles = true;
    input.width = input.width.round().max(1.0);
    input.height = input.height.round().max(1.0);
    let canvas = doc.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()?;
    canvas.set_width((input.width * 2.0) as u32);
    canvas.set_height((input.height * 2.0) as u32);
    let layout = chart::layout(&input).ok()?;
    let mut backend = canvas::Canvas::new(&canvas)?;
    chart::draw_with(&layout, &input, &mut backend, DrawOptions::canvas(2.0)).ok()?;
    Some((canvas.to_data_url().ok()?, input.width, input.height))
}

fn blob_url(text: &str, mime: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        .unwrap_or_default()
}

pub fn listen(weak: &Weak<RefCell<Inner>>, listeners: &mut Listeners, downloads: &Downloads) {
    for (format, b) in &downloads.buttons {
        let format = *format;
        listeners.add(b, "click", with(weak, move |w, _ev: Event| {
            if let Some(view) = &w.view {
                download(&w.doc, view, format);
            }
        }));
    }
}
