//! The strategy switch: how the barista's code is written, five radios,
//! first on the stage.

use super::{derived, on_event};
use crate::engine::Strategy;
use crate::ui::state::Play;
use leptos::prelude::*;

/// Five radios (the four strategies and the learner's own code) bound to
/// the shown strategy; a pick switches from the same instant
/// ([`Play::switch_strategy`]). While a big café's runs come in, a strategy
/// still being simulated cannot be picked yet and says so.
#[component]
pub fn StrategySwitch(play: Play) -> impl IntoView {
    let choices = Strategy::WITH_YOURS
        .into_iter()
        .map(|s| {
            let id = format!("strategy-{}", s.key());
            let label_for = id.clone();
            let pending = derived(move || play.runs.with(|r| r.0.get(s).is_none()));
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name="strategy"
                        value=s.key()
                        // The attribute for the HTML (the first view), the
                        // property for the live page.
                        checked=s == play.strategy.get_untracked()
                        prop:checked=derived(move || play.strategy.get() == s)
                        prop:disabled=pending
                        on:change=on_event(move |_| play.switch_strategy(s))
                    />
                    <span>{s.label()}</span>
                    // A spinner (the stylesheet's) and words for a screen reader.
                    <span class="pending" hidden=derived(move || !pending.get())>
                        <span class="visually-hidden">" (being simulated)"</span>
                    </span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="switch">
            <legend>"How is the barista's code written?"</legend>
            <div class="choices">{choices}</div>
        </fieldset>
    }
}
