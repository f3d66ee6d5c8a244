//! The headline numbers of the shown strategy, as a definition list.

use super::state::Play;
use crate::format::{duration_ms, per_minute, percent};
use leptos::prelude::*;

/// Served, cookies, lost, latency, waiting, throughput, lag and the
/// barista's day, for the shown strategy (whole run).
#[component]
pub fn Headline() -> impl IntoView {
    let play = expect_context::<Play>();
    let items = move || {
        play.with_run(|_, run| {
            let m = &run.metrics;
            let day = format!(
                "{} / {} / {}",
                percent(m.working_ms, m.makespan_ms),
                percent(m.blocked_ms, m.makespan_ms),
                percent(m.idle_ms, m.makespan_ms)
            );
            vec![
                ("Served", m.served.to_string()),
                ("Cookies", m.cookies.to_string()),
                ("Lost", m.lost.to_string()),
                ("Median time", duration_ms(m.latency.p50_ms)),
                ("p95 time", duration_ms(m.latency.p95_ms)),
                ("Mean wait in line", duration_ms(m.wait_in_line.mean_ms)),
                ("Orders / min", per_minute(m.throughput_per_min)),
                (
                    "Loop lag p95 / max",
                    format!(
                        "{} / {}",
                        duration_ms(m.lag.p95_ms),
                        duration_ms(m.lag.max_ms)
                    ),
                ),
                ("Barista work / blocked / idle", day),
            ]
        })
    };
    view! {
        <dl class="headline" data-testid="headline">
            {move || {
                items()
                    .into_iter()
                    .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
                    .collect_view()
            }}
        </dl>
    }
}
