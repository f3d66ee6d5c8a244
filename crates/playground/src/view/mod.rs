//! The page as markup: pure functions from the engine's results to HTML
//! text, every piece of data escaped. Tested natively; `ui` (WebAssembly
//! only) puts the text on the page, keeps it current and wires the events.
//! Markup is written through one escaping builder, [`html`]; the `id`s
//! that `ui` looks for are the constants of [`ids`].
//!
//! Why text and not a tree of components: the page's views are few and
//! large, and generated markup costs a fraction of the WebAssembly that one
//! generic view per element does (see ARCHITECTURE.md, "Size").

pub mod code;
pub mod export;
pub mod html;
pub mod ids;
pub mod lesson;
pub mod loop_panel;
pub mod mechanisms;
pub mod monitor;
pub mod page;
pub mod params;
pub mod picture;
pub mod real;
pub mod results;
pub mod share;

pub use html::Html;
use html::{HOLE, Hole, markup};

/// Appends `<div><dt>term</dt><dd>value</dd></div>` per item (the inside of
/// a `<dl>`).
pub fn definitions(h: &mut Html, items: &[(&str, String)]) {
    for (term, value) in items {
        h.fill(
            markup! { div { dt { (HOLE) } dd { (HOLE) } } },
            &[Hole::Text(term), Hole::Text(value)],
        );
    }
}
