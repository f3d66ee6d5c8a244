//! The web app (WebAssembly only): puts the markup of `crate::view` on the
//! page with the interactive parts as Leptos components in it
//! (`components`), keeps the rest current with Leptos signals and effects,
//! paints the canvases, and turns what the user does into changes of
//! [`Play`]. It never computes café behaviour itself.

mod address;
mod app;
mod canvas;
mod code_panel;
mod components;
mod dom;
mod events;
mod host;
mod lesson;
mod paint;
mod real;
mod results;
mod share;
mod state;

pub use app::{Mounted, mount, start};
pub use state::Play;
