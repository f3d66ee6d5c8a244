//! Notices about what the link asked for that the app ignored, and why.

use leptos::prelude::*;

/// A dismissible list of plain-text notices (never rendered as markup).
#[component]
pub fn Notices(
    /// The messages; nothing is shown when empty.
    notices: Vec<String>,
) -> impl IntoView {
    let (open, set_open) = signal(!notices.is_empty());
    view! {
        <Show when=move || open.get()>
            <section class="notices" role="status" aria-labelledby="notices-title">
                <h2 id="notices-title">"Some of the link was not used"</h2>
                <ul>
                    {notices.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                </ul>
                <button type="button" on:click=move |_| set_open.set(false)>
                    "Dismiss"
                </button>
            </section>
        </Show>
    }
}
