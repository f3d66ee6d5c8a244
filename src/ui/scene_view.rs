//! The animated café: a canvas redrawn from the playhead, with the same
//! scene in words for screen readers.

use super::canvas::{Palette, Surface};
use super::state::Play;
use crate::engine::SimTime;
use crate::play::frame::Frame;
use crate::play::scene::{Orientation, Style, customer_at, describe, scene};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Below this width (CSS px) the café is drawn upright, for phones.
const PORTRAIT_BELOW: i32 = 600;

/// The café scene.
#[component]
pub fn SceneView(
    /// Re-read theme colours when this changes (dark mode, large type).
    palette: Memo<Palette>,
    /// Bumped when the window is resized.
    resized: ReadSignal<u32>,
) -> impl IntoView {
    let play = expect_context::<Play>();
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        resized.track();
        let (t, strategy, selected) = (play.t.get(), play.strategy.get(), play.selected.get());
        let motion = play.motion.get();
        let text_scale = if play.large.get() { 1.25 } else { 1.0 };
        let Some(el) = canvas.get() else { return };
        let orientation = if el.client_width() < PORTRAIT_BELOW {
            Orientation::Portrait
        } else {
            Orientation::Landscape
        };
        let (w, h) = orientation.size();
        let Some(surface) = Surface::fit(&el, w, h) else {
            return;
        };
        let style = Style {
            orientation,
            motion,
            selected: Some(selected),
            text_scale,
        };
        palette.with(|pal| {
            play.runs.with(|r| {
                let frame = Frame::at(&r.0, strategy, t);
                surface.paint(&scene(&r.0.instance, &frame, style), pal);
            })
        });
    });
    // While playing, the words change at most ten times a second of
    // simulated time; paused (stepped, scrubbed, or at the end), they tell
    // the very instant the clock shows.
    let words = Memo::new(move |_| {
        let t = play.t.get();
        let t = if play.playing.get() {
            SimTime(t.0 / 100_000 * 100_000)
        } else {
            t
        };
        let strategy = play.strategy.get();
        play.runs
            .with(|r| describe(&r.0.instance, &Frame::at(&r.0, strategy, t)))
    });
    // Clicking a customer follows them (the "Follow" menu does the same by keyboard).
    let pick = move |e: web_sys::MouseEvent| {
        let Some(el) = canvas.get_untracked() else {
            return;
        };
        let orientation = if el.client_width() < PORTRAIT_BELOW {
            Orientation::Portrait
        } else {
            Orientation::Landscape
        };
        let (w, _) = orientation.size();
        let k = w / el.client_width().max(1) as f32;
        let (x, y) = (e.offset_x() as f32 * k, e.offset_y() as f32 * k);
        let style = Style {
            orientation,
            motion: play.motion.get_untracked(),
            selected: None,
            text_scale: 1.0,
        };
        let (t, strategy) = (play.t.get_untracked(), play.strategy.get_untracked());
        let hit = play.runs.with_untracked(|r| {
            customer_at(&r.0.instance, &Frame::at(&r.0, strategy, t), style, x, y)
        });
        if let Some(order) = hit {
            play.selected.set(order);
        }
    };
    view! {
        <figure class="scene" data-motion=move || if play.motion.get() { "full" } else { "reduced" }>
            <canvas
                on:click=pick
                node_ref=canvas
                role="img"
                aria-label="The café: line, barista, machines, pickup"
                aria-describedby="scene-words"
            ></canvas>
            <figcaption id="scene-words" class="visually-hidden">{words}</figcaption>
        </figure>
    }
}
