//! The web app (WebAssembly only): renders the playground with Leptos.
//! Components render plain data from `play`, `page` and `report`; they never
//! compute café behaviour themselves.

mod app;
mod canvas;
mod charts;
mod code_panel;
mod headline;
mod loop_panel;
mod notices;
mod order_table;
mod params_panel;
mod race;
mod results_table;
mod scene_view;
mod state;
mod strategy_picker;
mod timeline_view;
mod transport;

pub use app::App;
pub use charts::{LatencyHistogram, TimeChart};
pub use code_panel::CodePanel;
pub use loop_panel::LoopPanel;
pub use notices::Notices;
pub use state::Play;
pub use transport::Transport;
