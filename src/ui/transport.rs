//! Time control: play/pause, step to the previous or next event, restart,
//! jump to the end, speed, the scrubber, and the keyboard shortcuts (with a
//! dialog that lists them).

use super::state::Play;
use crate::engine::{SimTime, Strategy};
use crate::format::duration_ms;
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use wasm_bindgen::JsCast;

/// Speeds offered, in simulated ms per real ms.
const SPEEDS: [(f64, &str); 7] = [
    (0.25, "0.25×"),
    (0.5, "0.5×"),
    (1.0, "1×"),
    (2.0, "2×"),
    (4.0, "4×"),
    (8.0, "8×"),
    (16.0, "16×"),
];

/// Whether a key press belongs to the focused control rather than to us.
fn typing_into_control(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(
        el.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A" | "SUMMARY"
    ) || el.get_attribute("role").is_some_and(|r| r == "tab")
}

/// The transport bar and the page's keyboard shortcuts.
#[component]
pub fn Transport() -> impl IntoView {
    let play = expect_context::<Play>();
    let help = NodeRef::<Dialog>::new();
    let open_help = move || {
        if let Some(d) = help.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let _ = use_event_listener(window(), ev::keydown, move |e: web_sys::KeyboardEvent| {
        if e.ctrl_key() || e.meta_key() || e.alt_key() || typing_into_control(&e) {
            return;
        }
        match e.key().as_str() {
            " " => play.toggle(),
            "ArrowRight" => play.step(true),
            "ArrowLeft" => play.step(false),
            "Home" => play.seek(SimTime::ZERO),
            "End" => play.seek(play.end_untracked()),
            "?" => open_help(),
            k @ ("1" | "2" | "3" | "4") => {
                let i = usize::from(k.as_bytes()[0] - b'1');
                play.strategy.set(Strategy::ALL[i]);
            }
            _ => return,
        }
        e.prevent_default();
    });
    let now = move || duration_ms(play.t.get().as_ms());
    let end = move || duration_ms(play.end().as_ms());
    view! {
        <div class="transport" role="group" aria-label="Time controls">
            <button type="button" on:click=move |_| {
                play.playing.set(false);
                play.t.set(SimTime::ZERO);
            }>"⟲ Restart"</button>
            <button type="button" aria-label="Step back to the previous event" on:click=move |_| play.step(false)>"◂ Step"</button>
            <button type="button" class="play" class:playing=move || play.playing.get() on:click=move |_| play.toggle()>
                {move || if play.playing.get() { "❚❚ Pause" } else { "▶ Play" }}
            </button>
            <button type="button" aria-label="Step on to the next event" on:click=move |_| play.step(true)>"Step ▸"</button>
            <button type="button" on:click=move |_| play.seek(play.end_untracked())>"End"</button>
            <label class="speed">
                "Speed "
                <select on:change=move |e| {
                    let v = event_target_value(&e);
                    if let Some(&(s, _)) = SPEEDS.iter().find(|(_, l)| *l == v) {
                        play.speed.set(s);
                    }
                }>
                    {SPEEDS
                        .iter()
                        .map(|&(s, l)| view! { <option value=l selected=move || play.speed.get() == s>{l}</option> })
                        .collect_view()}
                </select>
            </label>
            <output class="clock" aria-live="off">{now}" / "{end}</output>
            <button type="button" class="help" aria-label="Keyboard shortcuts" on:click=move |_| open_help()>"?"</button>
        </div>
        <input
            type="range"
            class="scrub"
            aria-label="Playhead"
            min="0"
            max=move || (play.end().0 / 1000).to_string()
            step="1"
            prop:value=move || (play.t.get().0 / 1000).to_string()
            aria-valuetext=now
            on:input=move |e| {
                play.playing.set(false);
                if let Ok(ms) = event_target_value(&e).parse::<u64>() {
                    play.seek(SimTime(ms.saturating_mul(1000)));
                }
            }
        />
        <dialog node_ref=help class="shortcuts" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl>
                <dt><kbd>"Space"</kbd></dt><dd>"play / pause"</dd>
                <dt><kbd>"←"</kbd>" "<kbd>"→"</kbd></dt><dd>"previous / next event"</dd>
                <dt><kbd>"Home"</kbd>" "<kbd>"End"</kbd></dt><dd>"start / end"</dd>
                <dt><kbd>"1"</kbd>"–"<kbd>"4"</kbd></dt><dd>"blocking, callbacks, sequential await, parallel join"</dd>
                <dt><kbd>"?"</kbd></dt><dd>"this list"</dd>
            </dl>
            <form method="dialog"><button>"Close"</button></form>
        </dialog>
    }
}
