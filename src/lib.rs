//! Async Espresso: a coffee shop that teaches the event loop.
//!
//! [`engine`] is the pure, deterministic café simulation (no browser, no
//! clock); `ui` (WebAssembly only) renders its results with Leptos.

pub mod charts;
pub mod content;
pub mod decimal;
pub mod engine;
pub mod format;
pub mod golden;
pub mod host_api;
pub mod lessons;
pub mod link;
pub mod listing;
pub mod page;
pub mod play;
pub mod report;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod ui;
