//! The web app (WebAssembly only): the café in the browser, with Leptos.
//! [`ui`] mounts the playground's markup, keeps it current with signals
//! and paints its drawings; the playground model
//! (`espresso_playground`) decides what is shown.

#[cfg(target_arch = "wasm32")]
pub mod ui;

// The playground's modules, used by name across `ui`.
#[cfg(target_arch = "wasm32")]
use espresso_playground::{
    charts, content, engine, format, host_api, lessons, link, listing, play, setup, view,
};
