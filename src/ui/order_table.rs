//! The selected strategy's orders: when each customer came and was served.

use crate::engine::Strategy;
use crate::format::duration_ms;
use crate::report::Report;
use leptos::prelude::*;
use std::sync::Arc;

/// Most orders listed (a page of 20,000 rows helps nobody).
const MAX_ROWS: usize = 200;

/// A table of the selected strategy's orders, with a bar per order showing
/// its time in the café against the slowest order of any strategy.
#[component]
pub fn OrderTable(
    /// Every strategy's results.
    results: Arc<Report>,
    /// The selected strategy.
    selected: ReadSignal<Strategy>,
) -> impl IntoView {
    let longest = results
        .strategies
        .iter()
        .flat_map(|s| s.orders.iter())
        .filter_map(|o| o.served_ms.map(|s| s - o.arrived_ms))
        .fold(1.0_f64, f64::max);
    let label = move || selected.get().label();
    let total = results.strategies.first().map_or(0, |s| s.orders.len());
    let rows = move || {
        let run = results
            .strategies
            .iter()
            .find(|s| s.strategy == selected.get().key())
            .cloned();
        run.map(|run| {
            run.orders
                .into_iter()
                .take(MAX_ROWS)
                .map(|o| {
                    let latency = o.served_ms.map(|s| s - o.arrived_ms);
                    let width = latency.map_or(100.0, |l| 100.0 * l / longest);
                    let (outcome, class) = match o.outcome {
                        "served" => ("☕ served", "served"),
                        "cookie" => ("◆ cookie (error handled)", "cookie"),
                        _ => ("✖ lost: still waiting", "lost"),
                    };
                    let drink = if o.drink == "pourover" { "pour-over (hand-poured)" } else { "latte" };
                    view! {
                        <tr class=class class:karen=o.drink == "pourover">
                            <th scope="row">{o.name.clone()}</th>
                            <td data-col="latency" class="latency">
                                <span class="track" aria-hidden="true">
                                    <span class="bar" style:width=format!("{width:.1}%")></span>
                                </span>
                                <span class="value">{latency.map_or("∞".to_string(), duration_ms)}</span>
                            </td>
                            <td data-col="outcome">{outcome}</td>
                            <td data-col="arrived">{duration_ms(o.arrived_ms)}</td>
                            <td data-col="served">{o.served_ms.map_or("never".to_string(), duration_ms)}</td>
                            <td data-col="drink">{drink}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="orders" aria-labelledby="orders-title">
            <h2 id="orders-title">{move || format!("{}: every order", label())}</h2>
            <p class="swipe-hint" aria-hidden="true">"Swipe the table sideways for more →"</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="orders-title">
                <table data-testid="orders-table">
                    <thead>
                        <tr>
                            <th scope="col">"Customer"</th>
                            <th scope="col">"Time in café"</th>
                            <th scope="col">"Outcome"</th>
                            <th scope="col">"Arrived"</th>
                            <th scope="col">"Served"</th>
                            <th scope="col">"Drink"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Show when=move || { total > MAX_ROWS }>
                <p class="hint">
                    {format!("The first {MAX_ROWS} of {total} orders; the comparison above counts them all.")}
                </p>
            </Show>
        </section>
    }
}
