//! crime-compare: police recorded crime comparison charts.
//!
//! The pure core (everything outside `web`) has no web types and is tested natively with
//! `cargo test`. Only `web` is compiled for `wasm32`. See ARCHITECTURE.md for the code map.

pub mod period;
pub mod provenance;
pub mod i18n;
pub mod publisher;
pub mod model;
pub mod codec;
pub mod search;
pub mod ingest;
pub mod view;
pub mod map_view;
pub mod util;
pub mod case;
pub mod geo;

// The widget's web layer: wasm only, and not in the builder's module (feature `widget`).
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod web;
pub mod format;
pub mod chart;
pub mod narrative;
