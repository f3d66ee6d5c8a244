//! The shown strategy's orders: when each customer came and was served.

use super::state::Play;
use crate::engine::scenario::Drink;
use crate::engine::trace::Outcome;
use crate::format::duration_ms;
use leptos::prelude::*;

/// Most orders listed (a page of 20,000 rows helps nobody).
const MAX_ROWS: usize = 200;

/// A table of the shown strategy's orders, with a bar per order showing its
/// time in the café against the slowest order of any strategy. Clicking a
/// name follows that customer.
#[component]
pub fn OrderTable() -> impl IntoView {
    let play = expect_context::<Play>();
    let rows = move || {
        play.with_run(|runs, run| {
            let longest = runs
                .runs
                .iter()
                .map(|r| r.metrics.latency.max_ms)
                .fold(1.0_f64, f64::max);
            run.trace
                .orders
                .iter()
                .enumerate()
                .take(MAX_ROWS)
                .map(|(i, r)| {
                    let latency = r.latency().map(|l| l.as_ms());
                    let width = latency.map_or(100.0, |l| 100.0 * l / longest);
                    let (outcome, class) = match r.outcome {
                        Outcome::Served => ("☕ served", "served"),
                        Outcome::Cookie => ("◆ cookie (error handled)", "cookie"),
                        Outcome::Lost => ("✖ lost: still waiting", "lost"),
                    };
                    let karen = runs.instance.orders[i].drink == Drink::PourOver;
                    let drink = if karen { "pour-over (hand-poured)" } else { "latte" };
                    let name = runs.instance.name(i).into_owned();
                    let served = (r.outcome != Outcome::Lost).then(|| r.ended.as_ms());
                    view! {
                        <tr class=class class:karen=karen>
                            <th scope="row">
                                <button type="button" class="link" on:click=move |_| play.selected.set(i as u32)>{name}</button>
                            </th>
                            <td data-col="latency" class="latency">
                                <span class="track" aria-hidden="true">
                                    <span class="bar" style:width=format!("{}%", width.round() as u32)></span>
                                </span>
                                <span class="value">{latency.map_or("∞".to_string(), duration_ms)}</span>
                            </td>
                            <td data-col="outcome">{outcome}</td>
                            <td data-col="arrived">{duration_ms(r.arrived.as_ms())}</td>
                            <td data-col="served">{served.map_or("never".to_string(), duration_ms)}</td>
                            <td data-col="drink">{drink}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let total = move || play.runs.with(|r| r.0.instance.orders.len());
    view! {
        <details class="orders">
            <summary id="orders-title">{move || format!("{}: every order", play.strategy.get().label())}</summary>
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
            <Show when=move || { total() > MAX_ROWS }>
                <p class="hint">
                    {move || format!("The first {MAX_ROWS} of {} orders; the comparison counts them all.", total())}
                </p>
            </Show>
        </details>
    }
}
