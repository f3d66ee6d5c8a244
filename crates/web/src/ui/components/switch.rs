//! The strategy switch: how the barista's code is written, five radios,
//! first on the stage.

use super::{derived, on_event};
use crate::engine::Strategy;
use crate::ui::state::Play;
use leptos::prelude::*;

/// Five radios (the four strategies and the learner's own code) bound to the shown strategy; a pick switches from the same
/// instant ([`Play::switch_strategy`]).
#[component]
pub fn StrategySwitch(play: Play) -> impl IntoView {
    let choices = Strategy::WITH_YOURS
        .into_iter()
        .map(|s| {
            let id = format!("strategy-{}", s.key());
            let label_for = id.clone();
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
                        on:change=on_event(move |_| play.switch_strategy(s))
                    />
                    <span>{s.label()}</span>
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
