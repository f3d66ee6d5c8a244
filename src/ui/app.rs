//! The app root: runs the scenario under every strategy and lays out the page.

use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main>
            <h1>"Async Espresso"</h1>
        </main>
    }
}
