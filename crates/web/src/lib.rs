//! The web app: the café in the browser, with Leptos.
//! [`ui`] mounts the playground's markup, keeps it current with signals
//! and paints its drawings; the playground model
//! (`espresso_playground`) decides what is shown.

pub mod ui;
pub mod worker;

// The playground's modules, used by name across `ui`.
#[allow(
    unused_imports,
    reason = "natively only the first view's parts use them"
)]
use espresso_playground::{
    charts, content, engine, format, host_api, lessons, link, listing, play, setup, view,
};
