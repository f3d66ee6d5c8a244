//! The web app (WebAssembly only): renders the engine's results with Leptos.

mod app;

pub use app::App;
