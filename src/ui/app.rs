//! The app root: reads the link, sets up the shared state and the animation
//! loop, and lays out the playground.

use super::canvas::Palette;
use super::charts::{LatencyHistogram, TimeChart};
use super::code_panel::CodePanel;
use super::headline::Headline;
use super::loop_panel::LoopPanel;
use super::notices::Notices;
use super::order_table::OrderTable;
use super::params_panel::ParamsPanel;
use super::race::Race;
use super::results_table::ResultsTable;
use super::scene_view::SceneView;
use super::state::Play;
use super::strategy_picker::StrategyPicker;
use super::timeline_view::TimelineView;
use super::transport::Transport;
use crate::charts::{TimeData, latencies};
use crate::engine::SimTime;
use crate::engine::scenario::Drink;
use crate::listing::ErrorHandling;
use crate::page::setup_from_query;
use crate::play::narrate::narrate;
use leptos::ev;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use leptos_use_preferences::{use_preferred_dark, use_prefers_reduced_motion};
use leptos_use_raf_fn::use_raf_fn;

/// Real milliseconds between two spoken narrations.
const NARRATION_GAP_MS: f64 = 2500.0;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let setup = setup_from_query(&search);
    let reduced = use_prefers_reduced_motion();
    let play = Play::new(
        setup.scenario.clone(),
        setup.strategy,
        Signal::derive(move || !reduced.get()),
    );
    provide_context(play);
    // Follow Karen if she comes, else the first customer.
    play.selected.set(play.runs.with_untracked(|r| {
        r.0.instance
            .orders
            .iter()
            .position(|o| o.drink == Drink::PourOver)
            .unwrap_or(0) as u32
    }));

    // The animation loop: the only place time moves on its own.
    let narration = RwSignal::new(String::new());
    let spoken = StoredValue::new((0.0_f64, SimTime::ZERO));
    let _ = use_raf_fn(move |frame| {
        let before = play.t.get_untracked();
        play.advance(frame.delta);
        let (last_real, last_t) = spoken.get_value();
        if play.playing.get_untracked() && frame.timestamp - last_real >= NARRATION_GAP_MS {
            let now = play.t.get_untracked();
            let said = play.runs.with_untracked(|r| {
                narrate(
                    &r.0.instance,
                    r.0.run(play.strategy.get_untracked()),
                    last_t.min(before),
                    now,
                )
            });
            spoken.set_value((frame.timestamp, now));
            if let Some(text) = said {
                narration.set(text);
            }
        }
    });

    let dark = use_preferred_dark();
    let palette = Memo::new(move |_| {
        dark.track();
        Palette::read()
    });
    let (resized, set_resized) = signal(0u32);
    let _ = use_event_listener(window(), ev::resize, move |_| {
        set_resized.update(|n| *n += 1)
    });

    let selected = Memo::new(move |_| {
        let n = play.runs.with(|r| r.0.instance.orders.len());
        (play.selected.get() as usize).min(n.saturating_sub(1))
    });
    let plan = Memo::new(move |_| {
        play.runs
            .with(|r| r.0.instance.plan(selected.get()).to_vec())
    });
    let errors = Memo::new(move |_| {
        play.scenario.with(|s| ErrorHandling {
            check_err: s.check_err,
            try_catch: s.try_catch,
        })
    });
    let point = Memo::new(move |_| {
        let (t, o) = (play.t.get(), selected.get());
        Some(play.with_run(|runs, run| run.index.code_point(&runs.instance, &run.trace, o, t)))
    });
    let customer = Memo::new(move |_| {
        play.runs
            .with(|r| r.0.instance.name(selected.get()).into_owned())
    });
    let customers = Memo::new(move |_| {
        play.runs.with(|r| {
            (0..r.0.instance.orders.len().min(200))
                .map(|i| r.0.instance.name(i).into_owned())
                .collect::<Vec<_>>()
        })
    });

    let line_data = Memo::new(move |_| {
        play.with_run(|_, run| TimeData::steps(&run.series.line, run.trace.end, "customers"))
    });
    let lag_data = Memo::new(move |_| {
        play.with_run(|_, run| TimeData::spikes(&run.series.lag, run.trace.end))
    });
    let latency_data = Memo::new(move |_| play.with_run(|_, run| latencies(&run.trace)));

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
            <button
                type="button"
                class="large-toggle"
                aria-pressed=move || play.large.get().to_string()
                on:click=move |_| play.large.update(|l| *l = !*l)
            >"Large type"</button>
        </header>
        <main class="playground" class:large=move || play.large.get()>
            <Notices notices=setup.notices.clone()/>
            <section class="intro" aria-labelledby="scenario-title">
                <h2 id="scenario-title">{title}</h2>
                <p>{setup.preset.caption.clone()}</p>
                <p class="hint">
                    "One barista is the main thread. The card reader, grinder, steamer and kettle are I/O: "
                    "they work on their own once started. Pick how the barista's code is written, press play, "
                    "and compare what happens to the same customers."
                </p>
            </section>
            <StrategyPicker selected=play.strategy.read_only() on_pick=play.strategy.write_only()/>
            <section class="stage" aria-label="The café">
                <Transport/>
                <SceneView palette resized/>
            </section>
            <div class="side">
                <LoopPanel/>
                <section class="code" aria-label="The code">
                    <label class="follow">
                        "Follow "
                        <select on:change=move |e| {
                            if let Ok(i) = event_target_value(&e).parse::<u32>() {
                                play.selected.set(i);
                            }
                        }>
                            {move || customers.get().into_iter().enumerate().map(|(i, n)| {
                                view! { <option value=i.to_string() selected=move || selected.get() == i>{n}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <CodePanel
                        strategy=play.strategy
                        plan=plan
                        errors=errors
                        point=point
                        customer=customer
                    />
                </section>
            </div>
            <TimelineView palette resized/>
            <section class="results" aria-labelledby="headline-title">
                <h2 id="headline-title">{move || format!("Results: {}", play.strategy.get().label())}</h2>
                <Headline/>
                <div class="charts">
                    <TimeChart title="Line length over time" data=line_data playhead=play.t/>
                    <TimeChart title="Event-loop lag of each task" data=lag_data playhead=play.t/>
                    <LatencyHistogram title="Time in the café (arrival to hand-over)" latencies=latency_data/>
                </div>
                <Race palette resized/>
                <ResultsTable/>
                <OrderTable/>
            </section>
            <ParamsPanel preset=setup.preset.id.clone()/>
        </main>
        <p class="visually-hidden" aria-live="polite" data-testid="narration">{move || narration.get()}</p>
        <footer>
            <p>"Press "<kbd>"?"</kbd>" for keyboard shortcuts. Everything runs in your browser (WebAssembly)."</p>
            <p
                data-testid="sim-time"
                data-simulate-ms=move || play.runs.with(|r| format!("{:.3}", r.1.simulate_ms))
                data-total-ms=move || play.runs.with(|r| format!("{:.3}", r.1.total_ms))
            >
                {move || play.runs.with(|r| format!(
                    "{} customers under all four strategies: simulated in {} ms, ready to show in {} ms.",
                    r.0.instance.orders.len(),
                    r.1.simulate_ms.round() as u64,
                    r.1.total_ms.round() as u64
                ))}
            </p>
        </footer>
    }
}
