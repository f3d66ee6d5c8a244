//! The web app (WebAssembly only): renders the engine's results with Leptos.
//! Components render plain data from `page` and `report`; they never compute
//! café behaviour themselves.

mod app;
mod code_panel;
mod notices;
mod order_table;
mod results_table;
mod strategy_picker;

pub use app::App;
pub use code_panel::CodePanel;
pub use notices::Notices;
