//! Above the code: "Edit this code" for a built-in strategy (the shown
//! strategy's text becomes "Your code", in the editor; once the learner has
//! a text, "Back to your code" keeps it), and for "Your code" a fresh start
//! from any of the four. Rendered into the first view too, so the code
//! panel does not move when the app starts.

use super::{derived, on_click};
use crate::engine::Strategy;
use crate::listing::Language;
use crate::ui::state::Play;
use leptos::prelude::*;

/// The editor's text box (`CodeEditor` makes it; "Edit this code" puts
/// the caret in it).
#[cfg_attr(
    not(target_arch = "wasm32"),
    allow(dead_code, reason = "natively only the first view is rendered")
)]
pub const CODE_INPUT: &str = "code-input";

/// Above the code: "Edit this code" (or "Back to your code") for a
/// built-in strategy; for "Your code", a fresh start from any of the four.
#[component]
pub fn CodeActions(play: Play) -> impl IntoView {
    let yours = derived(move || play.strategy.get() == Strategy::Yours);
    let written = derived(move || play.code.with(Option::is_some));
    let edit = on_click(move |_| {
        // The learner's own text is never replaced without asking for it
        // ("Start over from").
        if play.code.with_untracked(Option::is_some) {
            play.switch_strategy(Strategy::Yours);
        } else {
            play.start_code_from(play.strategy.get_untracked());
        }
        focus_editor(play);
    });
    let face = derived(move || {
        if written.get() {
            "✎ Back to your code"
        } else {
            "✎ Edit this code"
        }
        .to_string()
    });
    let starts = Strategy::ALL
        .into_iter()
        .map(|s| {
            let start = on_click(move |_| play.start_code_from(s));
            view! { <button type="button" class="link" on:click=start>{s.label()}</button> }
        })
        .collect_view();
    view! {
        <div class="code-actions">
            <button type="button" class="edit-code" hidden=move || yours.get() on:click=edit>
                {face}
            </button>
            <p class="start-over" hidden=move || !yours.get()>"Start over from: " {starts}</p>
        </div>
    }
}

/// Shows the editor (in JavaScript) and puts the caret in it.
fn focus_editor(play: Play) {
    play.language.set(Language::JavaScript);
    #[cfg(target_arch = "wasm32")]
    request_animation_frame(|| {
        if let Some(area) = document().get_element_by_id(CODE_INPUT)
            && let Ok(area) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(area)
        {
            let _ = area.focus();
        }
    });
}
