//! The strategy switch: a labelled radio group and what the chosen one means.

use crate::content::strategy_text;
use crate::engine::Strategy;
use leptos::prelude::*;

/// Four radios (one per strategy) and the selected strategy's explanation.
#[component]
pub fn StrategyPicker(
    /// The selected strategy.
    selected: ReadSignal<Strategy>,
    /// Called with the strategy the user picks.
    on_pick: WriteSignal<Strategy>,
) -> impl IntoView {
    let text = move || strategy_text(selected.get());
    view! {
        <section class="picker" aria-labelledby="picker-title">
            <h2 id="picker-title">"How is the barista's code written?"</h2>
            <fieldset>
                <legend class="visually-hidden">"Strategy"</legend>
                <div class="choices">
                    {Strategy::ALL
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
                                        prop:checked=move || selected.get() == s
                                        on:change=move |_| on_pick.set(s)
                                    />
                                    <span>{s.label()}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <div class="explain" aria-live="polite">
                <pre><code>{move || text().code}</code></pre>
                <p data-testid="strategy-explain">{move || text().explain}</p>
            </div>
        </section>
    }
}
