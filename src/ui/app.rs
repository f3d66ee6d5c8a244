//! The app root: reads the link, runs the scenario under every strategy once,
//! and lays out the page.

use super::notices::Notices;
use super::order_table::OrderTable;
use super::results_table::ResultsTable;
use super::strategy_picker::StrategyPicker;
use crate::engine::Instance;
use crate::engine::Strategy;
use crate::page::setup_from_query;
use crate::report::{ReportOptions, report_timed};
use leptos::prelude::*;
use std::sync::Arc;

/// Milliseconds from the browser's monotonic clock (UI timing only).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let setup = setup_from_query(&search);
    let started = now_ms();
    let instance = Instance::new(&setup.scenario);
    let drawn_ms = now_ms() - started;
    let (results, timings) = report_timed(
        &instance,
        &Strategy::ALL,
        Some(&setup.preset.id),
        ReportOptions::default(),
        &now_ms,
    );
    let results = Arc::new(results);
    let simulate_ms = drawn_ms + timings.simulate_ms;
    let total_ms = drawn_ms + timings.total_ms;
    let customers = instance.orders.len();
    let (strategy, set_strategy) = signal(setup.strategy);
    let title = if setup.customised {
        format!("{} (changed)", setup.preset.title)
    } else {
        setup.preset.title.clone()
    };

    view! {
        <header class="masthead">
            <p class="logo" aria-hidden="true">"☕"</p>
            <div>
                <h1>"Async Espresso"</h1>
                <p class="tagline">"A coffee shop that teaches the event loop"</p>
            </div>
        </header>
        <main>
            <Notices notices=setup.notices.clone()/>
            <section class="scenario" aria-labelledby="scenario-title">
                <h2 id="scenario-title">{title}</h2>
                <p>{setup.preset.caption.clone()}</p>
                <p class="hint">
                    "One barista is the main thread. The card reader, grinder, steamer and kettle "
                    "are I/O: they work on their own once started. Pick how the barista's code is "
                    "written and compare what happens to the same customers."
                </p>
            </section>
            <StrategyPicker selected=strategy on_pick=set_strategy/>
            <ResultsTable results=results.clone() selected=strategy/>
            <OrderTable results=results selected=strategy/>
        </main>
        <footer>
            <p
                data-testid="sim-time"
                data-simulate-ms=format!("{simulate_ms:.3}")
                data-total-ms=format!("{total_ms:.3}")
            >
                {format!(
                    "Simulated {customers} customers under all four strategies in {simulate_ms:.1} ms \
                     ({total_ms:.1} ms with every result), in your browser (WebAssembly)."
                )}
            </p>
        </footer>
    }
}
