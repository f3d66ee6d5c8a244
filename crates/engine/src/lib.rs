//! The café engine: scenario → simulate → trace → snapshot / metrics (or,
//! for the numbers alone, scenario → simulate_numbers → metrics).
//!
//! Pure and deterministic: no clock, no I/O, no browser. The same scenario
//! and seed give the same trace on every platform.

pub mod breaker;
pub mod cache;
pub mod decimal;
pub mod flow;
pub mod golden;
pub mod handler;
pub mod index;
pub mod ini;
pub mod metrics;
pub mod order;
pub mod param_table;
pub mod params;
pub mod pool;
pub mod presets;
pub mod resilience;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod snapshot;
pub mod strategy;
pub mod time;
pub mod trace;
pub mod wire;

pub use index::TraceIndex;
pub use metrics::{Metrics, Numbers, Series, Summary};
pub use scenario::{Drink, Instance, MachineKind, Scenario, StepId};
pub use sim::{simulate, simulate_numbers};
pub use snapshot::{Snapshot, snapshot_at};
pub use strategy::Strategy;
pub use time::SimTime;
pub use trace::{Outcome, Trace};

/// Simulates every strategy on the same instance.
pub fn simulate_all(instance: &Instance) -> [Trace; 4] {
    Strategy::ALL.map(|s| simulate(instance, s))
}
