//! The web app (WebAssembly only): puts the markup of `crate::view` on the
//! page, keeps it current with Leptos signals and effects, paints the
//! canvases, and turns what the user does into changes of [`Play`]. It
//! never computes café behaviour itself.

mod app;
mod canvas;
mod components;
mod dom;
mod events;
mod host;
mod lesson;
mod paint;
mod real;
mod share;
mod state;

pub use app::{Mounted, mount, start};
pub use state::Play;
