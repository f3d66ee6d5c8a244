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

/// Every element matching `selector` inside `root`.
fn all(root: &HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// The engine's report for the default scenario, computed here, in wasm.
fn default_report() -> async_espresso::report::Report {
    use async_espresso::engine::{Instance, Scenario, Strategy};
    let instance = Instance::new(&Scenario::default());
    async_espresso::report::report(
        &instance,
        &Strategy::ALL,
        Some("morning-line"),
        Default::default(),
    )
}

#[wasm_bindgen_test]
fn traces_are_byte_identical_to_the_native_ones() {
    // The same pinned digests the native suite checks (tests/engine/determinism.rs).
    let pinned = async_espresso::golden::parse_digests(async_espresso::golden::DIGESTS_FILE);
    let computed = async_espresso::golden::compute_digests();
    assert!(pinned.len() >= 20);
    assert_eq!(computed, pinned);
}

#[wasm_bindgen_test]
async fn the_comparison_table_shows_every_strategy_with_the_engines_numbers() {
    use async_espresso::format::duration_ms;
    let (wrapper, _mounted) = mount_in_wrapper(async_espresso::ui::App);
    leptos::task::tick().await;
    let report = default_report();
    let rows = all(&wrapper, "[data-testid=results-table] tbody tr");
    assert_eq!(rows.len(), 4);
    for (row, run) in rows.iter().zip(&report.strategies) {
        assert_eq!(
            row.get_attribute("data-strategy").as_deref(),
            Some(run.strategy)
        );
        let cell = |metric: &str| {
            row.query_selector(&format!("[data-metric={metric}]"))
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        };
        assert_eq!(cell("p95"), duration_ms(run.metrics.latency.p95_ms));
        assert_eq!(cell("served"), run.metrics.served.to_string());
    }
    // Blocking is selected at first, and marked in words as well as colour.
    assert_eq!(
        rows[0].get_attribute("aria-current").as_deref(),
        Some("true")
    );
    assert!(rows[0].text_content().unwrap().contains("selected"));
    assert_eq!(rows[1].get_attribute("aria-current"), None);
}

#[wasm_bindgen_test]
async fn picking_a_strategy_updates_the_explanation_the_mark_and_the_orders() {
    let (wrapper, _mounted) = mount_in_wrapper(async_espresso::ui::App);
    leptos::task::tick().await;
    let report = default_report();
    let join: web_sys::HtmlInputElement = wrapper
        .query_selector("#strategy-join")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    join.click();
    leptos::task::tick().await;
    assert!(join.checked());
    assert!(text_of(&wrapper, "[data-testid=strategy-explain]").contains("waits for all three"));
    assert!(text_of(&wrapper, ".explain code").contains("Promise.all"));
    assert_eq!(
        text_of(&wrapper, "#orders-title"),
        "Parallel join: every order"
    );
    let marked = all(
        &wrapper,
        "[data-testid=results-table] tr[aria-current=true]",
    );
    assert_eq!(marked.len(), 1);
    assert_eq!(
        marked[0].get_attribute("data-strategy").as_deref(),
        Some("join")
    );
    let join_run = report
        .strategies
        .iter()
        .find(|s| s.strategy == "join")
        .unwrap();
    let served: Vec<String> = all(&wrapper, "[data-testid=orders-table] [data-col=served]")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    let expected: Vec<String> = join_run
        .orders
        .iter()
        .map(|o| async_espresso::format::duration_ms(o.served_ms.unwrap()))
        .collect();
    assert_eq!(served, expected);
}

#[wasm_bindgen_test]
async fn notices_show_markup_as_text_and_can_be_dismissed() {
    use async_espresso::ui::Notices;
    let notices = vec![
        "<b>bold</b> = \"<script>alert(1)</script>\": unknown parameter; ignored.".to_string(),
    ];
    let (wrapper, _mounted) = mount_in_wrapper(move || view! { <Notices notices=notices/> });
    leptos::task::tick().await;
    assert!(
        wrapper.query_selector("b, script").unwrap().is_none(),
        "markup stayed text"
    );
    assert!(text_of(&wrapper, "li").contains("<script>alert(1)</script>"));
    let button: HtmlElement = wrapper
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    leptos::task::tick().await;
    assert!(wrapper.query_selector("[role=status]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn no_notices_means_no_notice_box() {
    use async_espresso::ui::Notices;
    let (wrapper, _mounted) = mount_in_wrapper(|| view! { <Notices notices=Vec::new()/> });
    leptos::task::tick().await;
    assert!(wrapper.query_selector("[role=status]").unwrap().is_none());
}
