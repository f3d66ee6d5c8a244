//! The time controls: the transport on the stage (restart, step, play,
//! speed, the clock, the keyboard help) and the playhead's slider under
//! the café.

use super::{derived, on_click, on_event};
use crate::engine::SimTime;
use crate::format::duration_ms;
use crate::ui::state::Play;
use crate::view::page::{BACK, END, FORWARD, RESTART, SHORTCUTS, SPEEDS, ended_sooner};
use leptos::html::Dialog;
use leptos::prelude::*;

/// Opens the keyboard shortcuts (the dialog [`Transport`] holds).
pub fn open_help(dialog: NodeRef<Dialog>) {
    if let Some(d) = dialog.get_untracked() {
        let _ = d.show_modal();
    }
}

/// Restart, step back, play / pause, step on, end, the speed, the clock
/// and the keyboard shortcuts.
#[component]
pub fn Transport(play: Play, help: NodeRef<Dialog>) -> impl IntoView {
    let speeds = SPEEDS
        .into_iter()
        .map(|(speed, label)| {
            // The select is the only thing that changes the speed: it starts
            // at the link's and keeps its own state after that.
            let chosen = speed == play.speed.get_untracked();
            view! { <option value=label selected=chosen>{label}</option> }
        })
        .collect_view();
    let clock = derived(move || {
        let (t, end) = (play.t.get(), play.end());
        format!("{} / {}", duration_ms(t.as_ms()), duration_ms(end.as_ms()))
    });
    let restart = on_click(move |_| {
        play.playing.set(false);
        play.t.set(SimTime::ZERO);
    });
    let speed = on_event(move |e| {
        let label = event_target_value(&e);
        if let Some(&(s, _)) = SPEEDS.iter().find(|(_, l)| *l == label) {
            play.speed.set(s);
        }
    });
    let playing = derived(move || play.playing.get());
    let face = derived(move || {
        if play.playing.get() {
            "❚❚ Pause"
        } else {
            "▶ Play"
        }
        .to_string()
    });
    view! {
        <div class="transport" role="group" aria-label="Time controls">
            <button type="button" class="restart" on:click=restart inner_html=RESTART />
            <button type="button" aria-label="Step back to the previous event" on:click=on_click(move |_| play.step(false)) inner_html=BACK />
            <button type="button" class="play" id="play" class:playing=playing on:click=on_click(move |_| play.toggle())>
                {face}
            </button>
            <button type="button" aria-label="Step on to the next event" on:click=on_click(move |_| play.step(true)) inner_html=FORWARD />
            <button type="button" class="end" on:click=on_click(move |_| play.seek(play.end_untracked())) inner_html=END />
            <label class="speed">
                <span class="word">"Speed"</span> " " <select id="speed" on:change=speed>{speeds}</select>
            </label>
            <output class="clock" id="clock" aria-live="off">{clock}</output>
            <button type="button" class="help" aria-label="Keyboard shortcuts" on:click=on_click(move |_| open_help(help))>
                "?"
            </button>
            <dialog node_ref=help id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title" inner_html=SHORTCUTS />
        </div>
    }
}

/// The playhead's slider (whole milliseconds) and, beside the time
/// controls, what a switch of strategy did when the new run had ended
/// sooner than the instant shown.
#[component]
pub fn Scrubber(play: Play) -> impl IntoView {
    let seek = on_event(move |e| {
        play.playing.set(false);
        if let Ok(ms) = event_target_value(&e).parse::<u64>() {
            play.seek(SimTime(ms.saturating_mul(1000)));
        }
    });
    // Forgets the note once the playhead or the strategy moves.
    let note = derived(move || {
        let (t, shown) = (play.t.get(), play.strategy.get());
        match play.ended_sooner.get() {
            Some((s, end, at)) if s == shown && t == end => ended_sooner(s, end, at),
            Some(_) => {
                play.ended_sooner.set(None);
                String::new()
            }
            None => String::new(),
        }
    });
    let silent = derived(move || note.with(String::is_empty));
    view! {
        <input
            type="range"
            class="scrub"
            id="scrub"
            aria-label="Playhead"
            min="0"
            step="1"
            // The attributes for the HTML (the first view), the properties
            // for the live page.
            max=(play.end_untracked().0 / 1000).to_string()
            value=(play.t.get_untracked().0 / 1000).to_string()
            prop:max=derived(move || (play.end().0 / 1000).to_string())
            prop:value=derived(move || (play.t.get().0 / 1000).to_string())
            aria-valuetext=derived(move || duration_ms(play.t.get().as_ms()))
            on:input=seek
        />
        <p class="switch-note" data-testid="switch-note" id="switch-note" role="status" hidden=silent>{note}</p>
    }
}
