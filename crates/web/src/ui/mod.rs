//! The web app: puts the markup of `crate::view` on the page with the
//! interactive parts as Leptos components in it (`components`), keeps the
//! rest current with Leptos signals and effects, paints the canvases, and
//! turns what the user does into changes of [`Play`]. It never computes
//! café behaviour itself.
//!
//! Natively only the state and the stage's controls compile: the build
//! renders them into the first view (`first_view`); everything that
//! touches the browser is WebAssembly only.

#[cfg(target_arch = "wasm32")]
mod address;
#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod canvas;
#[cfg(target_arch = "wasm32")]
mod code_panel;
mod components;
mod dom;
#[cfg(target_arch = "wasm32")]
mod events;
#[cfg(not(target_arch = "wasm32"))]
pub mod first_view;
mod helper;
#[cfg(target_arch = "wasm32")]
mod host;
#[cfg(target_arch = "wasm32")]
mod lesson;
#[cfg(target_arch = "wasm32")]
mod paint;
#[cfg(target_arch = "wasm32")]
mod real;
#[cfg(target_arch = "wasm32")]
mod results;
mod share;
mod state;

#[cfg(target_arch = "wasm32")]
pub use app::{Mounted, mount, start};
pub use state::Play;
