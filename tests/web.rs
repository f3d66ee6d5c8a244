//! Component tests in a real browser (wasm32 only): mount a component, let
//! Leptos update the DOM, look at what it rendered.
//!
//! Run with `cargo test --target wasm32-unknown-unknown` (the runner,
//! wasm-bindgen-test-runner with headless Chromium, is set in
//! `.cargo/config.toml`). All tests share one page, so each mounts into a
//! wrapper element of its own and queries only inside it.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a panic in a test helper is a failed test; clippy.toml allows unwrap only inside the test functions themselves"
)]

use leptos::mount::{UnmountHandle, mount_to};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a new `<div>` appended to the page's body.
///
/// Returns the wrapper (query inside it) and the handle that keeps the view
/// mounted: the view is unmounted when the handle is dropped.
fn mount_in_wrapper<F, N>(view: F) -> (HtmlElement, UnmountHandle<N::State>)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let wrapper: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let handle = mount_to(wrapper.clone(), view);
    (wrapper, handle)
}

/// The text of the first element matching `selector` inside `root`.
fn text_of(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector:?}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_shows_its_title() {
    let (wrapper, _mounted) = mount_in_wrapper(async_espresso::ui::App);
    leptos::task::tick().await;

    assert_eq!(text_of(&wrapper, "h1"), "Async Espresso");
}
