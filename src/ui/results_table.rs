//! The comparison: one row per strategy, the headline numbers as columns.

use super::state::Play;
use crate::format::{duration_ms, per_minute, percent};
use leptos::prelude::*;

/// A real table comparing every strategy on the same customers; the shown
/// strategy's row is marked (in words too, not only by colour).
#[component]
pub fn ResultsTable() -> impl IntoView {
    let play = expect_context::<Play>();
    let rows = move || {
        play.runs.with(|r| {
            r.0.runs
                .iter()
                .map(|run| {
                    let m = run.metrics.clone();
                    let strategy = run.strategy;
                    let is_selected = move || play.strategy.get() == strategy;
                    let split = format!(
                        "{} / {} / {}",
                        percent(m.working_ms, m.makespan_ms),
                        percent(m.blocked_ms, m.makespan_ms),
                        percent(m.idle_ms, m.makespan_ms)
                    );
                    view! {
                        <tr
                            data-strategy=strategy.key()
                            class:selected=is_selected
                            aria-current=move || is_selected().then_some("true")
                        >
                            <th scope="row">
                                {strategy.label()}
                                <Show when=is_selected>
                                    <span class="marker" aria-hidden="true">" ◀"</span>
                                    <span class="visually-hidden">" (selected, shown above)"</span>
                                </Show>
                            </th>
                            <td data-metric="p50">{duration_ms(m.latency.p50_ms)}</td>
                            <td data-metric="p95">{duration_ms(m.latency.p95_ms)}</td>
                            <td data-metric="max">{duration_ms(m.latency.max_ms)}</td>
                            <td data-metric="wait">{duration_ms(m.wait_in_line.mean_ms)}</td>
                            <td data-metric="throughput">{per_minute(m.throughput_per_min)}</td>
                            <td data-metric="lag-p95">{duration_ms(m.lag.p95_ms)}</td>
                            <td data-metric="barista">{split}</td>
                            <td data-metric="served">{m.served}</td>
                            <td data-metric="cookies">{m.cookies}</td>
                            <td data-metric="lost">{m.lost}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="compare">
            <h3 id="results-title">"All four strategies, same customers"</h3>
            <p class="swipe-hint" aria-hidden="true">"Swipe the table sideways for more →"</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="results-title">
                <table data-testid="results-table">
                    <thead>
                        <tr>
                            <th scope="col">"Strategy"</th>
                            <th scope="col"><abbr title="median time from arrival to hand-over">"p50"</abbr></th>
                            <th scope="col"><abbr title="95th percentile time from arrival to hand-over">"p95"</abbr></th>
                            <th scope="col">"Slowest"</th>
                            <th scope="col">"Mean wait in line"</th>
                            <th scope="col">"Orders / min"</th>
                            <th scope="col"><abbr title="95th percentile of how long ready tasks waited for the barista">"Loop lag p95"</abbr></th>
                            <th scope="col">"Barista working / blocked / idle"</th>
                            <th scope="col">"Served"</th>
                            <th scope="col">"Cookies"</th>
                            <th scope="col">"Lost"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">
                "Times run from a customer's arrival to the hand-over of a drink (or a cookie). "
                "Percentiles are nearest-rank. Loop lag is how long a ready task waited for the barista."
            </p>
        </div>
    }
}
