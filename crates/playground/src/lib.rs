//! The playground model: everything the page shows of a café run, as pure
//! Rust with native tests — the drawings of each frame ([`play`]), the
//! page's markup ([`view`]), links, lessons, the code listings, charts and
//! the report. The web app (`crates/web`) puts it on the screen; the
//! engine ([`engine`], re-exported) computes what it shows.

pub use espresso_engine as engine;

pub mod charts;
pub mod content;
pub mod format;
pub mod host_api;
pub mod lessons;
pub mod link;
pub mod listing;
pub mod play;
pub mod report;
pub mod setup;
#[cfg(test)]
mod test_rng;
pub mod view;
