//! The race: four small cafés, one per strategy, on the same customers and
//! the same playhead.

use super::canvas::{Palette, Surface};
use super::state::Play;
use crate::engine::Strategy;
use crate::play::frame::Frame;
use crate::play::scene::{MINI, mini};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Four cafés in lock-step.
#[component]
pub fn Race(
    /// Theme colours.
    palette: Memo<Palette>,
    /// Bumped when the window is resized.
    resized: ReadSignal<u32>,
) -> impl IntoView {
    let play = expect_context::<Play>();
    let cafes = Strategy::ALL
        .into_iter()
        .map(|s| {
            let canvas = NodeRef::<Canvas>::new();
            Effect::new(move |_| {
                resized.track();
                let t = play.t.get();
                let scale = if play.large.get() { 1.2 } else { 1.0 };
                let Some(el) = canvas.get() else { return };
                let Some(surface) = Surface::fit(&el, MINI.0, MINI.1) else {
                    return;
                };
                play.runs.with(|r| {
                    let f = Frame::at(&r.0, s, t);
                    palette.with(|p| surface.paint(&mini(&r.0.instance, &f, s.label(), scale), p));
                });
            });
            let words = move || {
                let t = play.t.get();
                play.runs.with(|r| {
                    let [served, cookies, lost] = r.0.run(s).outcomes_by(t);
                    format!(
                        "{}: {served} served, {cookies} cookies, {lost} lost so far",
                        s.label()
                    )
                })
            };
            view! {
                <li>
                    <button
                        type="button"
                        class="race-cafe"
                        aria-pressed=move || (play.strategy.get() == s).to_string()
                        on:click=move |_| play.strategy.set(s)
                    >
                        <canvas node_ref=canvas aria-hidden="true"></canvas>
                        <span class="visually-hidden">{words}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="race" aria-labelledby="race-title">
            <h2 id="race-title">"The race: all four at the same moment"</h2>
            <ul>{cafes}</ul>
        </section>
    }
}
