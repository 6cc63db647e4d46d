//! Browser tests: run with wasm-bindgen-test in headless Chromium (`make test-wasm`).
//!
//! They prove the web layer on a real canvas: the same chart the native SVG tests check is
//! drawn to a canvas and is not blank; a widget mounts into a shadow root, names its area in
//! the canvas's accessible label, and shows an unknown area as a message instead of breaking.
#![cfg(target_arch = "wasm32")]

use crime_compare::chart;
use crime_compare::model::Dataset;
use crime_compare::view::{self, WidgetState};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn inked_pixels(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data();
    data.chunks(4).filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200)).count()
}

/// The dataset as one self-contained file (the widget fetches the same figures split).
fn bundled() -> Dataset {
    Dataset::from_index(include_bytes!("../data/crime-compare.bin")).unwrap()
}

/// Loads the same dataset as the page's own, as the shim would, for `mount`.
fn load_page_dataset() -> Option<String> {
    crime_compare::web::data::load_dataset("test:/data/".into(), include_bytes!("../data/crime-compare.bin"), true).unwrap();
    Some("test:/data/".into())
}

fn north_wales_state() -> WidgetState {
    let mut state = WidgetState::default();
    state.set("area", "North Wales").unwrap();
    state.set("compare", "Wales,England and Wales").unwrap();
    state.set("offence", "Sexual offences").unwrap();
    state
}

#[wasm_bindgen_test]
fn the_same_chart_draws_on_a_canvas_at_any_pixel_ratio() {
    let data = bundled();
    let v = view::build(&data, None, &north_wales_state(), 600.0, 340.0, false);
    let layout = chart::layout(&v.input).unwrap();
    let svg = chart::render_svg(&v.input).unwrap();
    for dpr in [1.0, 2.0, 3.0, 1.75] {
        let canvas: HtmlCanvasElement = document().create_element("canvas").unwrap().dyn_into().unwrap();
        canvas.set_width((600.0 * dpr) as u32);
        canvas.set_height((340.0 * dpr) as u32);
        let mut backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()).unwrap();
        chart::draw_with(&layout, &v.input, &mut backend, chart::DrawOptions::canvas(dpr)).unwrap();
        let inked = inked_pixels(&canvas);
        // Lines, axes and labels cover a few percent of the area, whatever the ratio.
        let share = inked as f64 / (canvas.width() * canvas.height()) as f64;
        assert!(share > 0.01 && share < 0.5, "dpr {dpr}: {share} of the canvas inked");
    }
    // The layout the canvas got is the one the SVG was drawn from: same labels.
    for label in &layout.labels {
        assert!(svg.contains(&label.text.replace('&', "&amp;")), "SVG lacks the canvas label {:?}", label.text);
    }
}

fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data().to_vec()
}

#[wasm_bindgen_test]
fn the_batched_canvas_backend_draws_what_plotters_canvas_draws() {
    let data = bundled();
    for (kind, dark) in [("trend", false), ("ranking", false), ("change", true)] {
        let mut state = north_wales_state();
        state.set("kind", kind).unwrap();
        let v = view::build(&data, None, &state, 640.0, 360.0, dark);
        let layout = chart::layout(&v.input).unwrap();
        let make = || -> HtmlCanvasElement {
            let c: HtmlCanvasElement = document().create_element("canvas").unwrap().dyn_into().unwrap();
            c.set_width(1280);
            c.set_height(720);
            c
        };
        let (ours, reference) = (make(), make());
        let mut backend = crime_compare::web::canvas::Canvas::new(&ours).unwrap();
        chart::draw_with(&layout, &v.input, &mut backend, chart::DrawOptions::canvas(2.0)).unwrap();
        let mut backend = plotters_canvas::CanvasBackend::with_canvas_object(reference.clone()).unwrap();
        chart::draw_with(&layout, &v.input, &mut backend, chart::DrawOptions::canvas(2.0)).unwrap();
        let (a, b) = (pixels(&ours), pixels(&reference));
        // One stroke for many dashes composites overlapping antialiased ends once, not twice:
        // edge pixels may differ a little; nothing else may.
        let differing = a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 48)).count();
        assert!(differing * 1000 < a.len() / 4, "{kind}: {differing} pixels differ from plotters-canvas");
    }
}

#[wasm_bindgen_test]
async fn a_widget_mounts_and_names_its_area() {
    let host: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    host.style().set_property("width", "640px").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let attrs = js_sys::Object::new();
    js_sys::Reflect::set(&attrs, &"area".into(), &"North Wales".into()).unwrap();
    js_sys::Reflect::set(&attrs, &"offence".into(), &"Sexual offences".into()).unwrap();
    js_sys::Reflect::set(&attrs, &"to".into(), &"2018-03".into()).unwrap();
    let widget = crime_compare::web::mount(host.clone(), root.clone(), attrs.into(), None, None, 2.0, load_page_dataset()).unwrap();
    let canvas: HtmlCanvasElement = root.query_selector("canvas").unwrap().unwrap().dyn_into().unwrap();
    let label = canvas.get_attribute("aria-label").unwrap();
    assert!(label.contains("North Wales"), "{label}");
    assert!(inked_pixels(&canvas) > 1000);
    let caption = root.query_selector(".caption#cc-caption").unwrap().unwrap().text_content().unwrap();
    assert!(caption.contains("2,995"), "the narrative names the year ending March 2018 figure: {caption}");
    widget.destroy();
    assert!(root.query_selector("canvas").unwrap().is_none());
}

#[wasm_bindgen_test]
fn an_unknown_area_is_a_message_not_a_blank_widget() {
    let host: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let root = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let attrs = js_sys::Object::new();
    js_sys::Reflect::set(&attrs, &"area".into(), &"Nrth Wales".into()).unwrap();
    let _widget = crime_compare::web::mount(host, root.clone(), attrs.into(), None, None, 1.0, load_page_dataset()).unwrap();
    let message = root.query_selector(".message").unwrap().unwrap().text_content().unwrap();
    assert!(message.contains("Did you mean North Wales?"), "{message}");
}
