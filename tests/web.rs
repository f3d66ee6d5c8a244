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

// ------------------------------------------------------------ code panel --

/// The page's style sheet, added once to the shared test page, so that
/// layout (indentation, gutter, tab sizes) is what people see.
fn with_page_style() {
    if document().get_element_by_id("page-style").is_some() {
        return;
    }
    let style = document().create_element("style").unwrap();
    style.set_id("page-style");
    style.set_text_content(Some(include_str!("../style/main.css")));
    document().head().unwrap().append_child(&style).unwrap();
}

/// Sends a `keydown` of `key` to `element`, as a keyboard would.
fn key_down(element: &web_sys::Element, key: &str) {
    let send = js_sys::Function::new_with_args(
        "el, key",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))",
    );
    send.call2(&wasm_bindgen::JsValue::NULL, element, &key.into())
        .unwrap();
}

/// The latte's plan in the default scenario.
fn latte_plan() -> Vec<async_espresso::engine::scenario::PlanStep> {
    use async_espresso::engine::{Instance, Scenario};
    Instance::new(&Scenario::default()).plan(0).to_vec()
}

/// Signals for a code panel, and the panel mounted with them.
struct Panel {
    wrapper: HtmlElement,
    _mounted: UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    strategy: RwSignal<async_espresso::engine::Strategy>,
    point: RwSignal<Option<async_espresso::engine::snapshot::CodePoint>>,
}

fn code_panel(strategy: async_espresso::engine::Strategy) -> Panel {
    use async_espresso::listing::ErrorHandling;
    use async_espresso::ui::CodePanel;
    with_page_style();
    let strategy = RwSignal::new(strategy);
    let point = RwSignal::new(None);
    let plan = RwSignal::new(latte_plan());
    let errors = RwSignal::new(ErrorHandling::default());
    let customer = RwSignal::new("Ada".to_string());
    let (wrapper, mounted) = mount_in_wrapper(move || {
        view! {
            <CodePanel strategy=strategy plan=plan errors=errors point=point customer=customer/>
        }
        .into_any()
    });
    Panel {
        wrapper,
        _mounted: mounted,
        strategy,
        point,
    }
}

/// The text of every line marked as the current one.
fn marked_lines(root: &HtmlElement) -> Vec<String> {
    all(root, ".code-line[aria-current=step]")
        .iter()
        .map(|l| l.text_content().unwrap().trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_code_panel_marks_the_line_of_the_code_point() {
    use async_espresso::engine::Strategy;
    use async_espresso::engine::snapshot::CodePoint;
    let panel = code_panel(Strategy::Await);
    leptos::task::tick().await;
    let w = &panel.wrapper;
    assert!(marked_lines(w).is_empty(), "nobody followed yet");
    assert!(text_of(w, "[data-testid=code-caption]").contains("Pick a customer"));
    let lines_before = all(w, ".code-line");
    assert_eq!(lines_before.len(), 12);

    panel.point.set(Some(CodePoint::TakeOrder));
    leptos::task::tick().await;
    assert_eq!(marked_lines(w), ["takeOrder(order);"]);
    let marked = w.query_selector(".code-line.current").unwrap().unwrap();
    assert_eq!(marked.get_attribute("data-line").as_deref(), Some("3"));
    assert_eq!(
        text_of(w, "[data-testid=code-caption]"),
        "▶ Line 3: Ada's order is here."
    );
    let gutter =
        js_sys::Function::new_with_args("el", "return getComputedStyle(el, '::before').content")
            .call1(&wasm_bindgen::JsValue::NULL, &marked)
            .unwrap()
            .as_string()
            .unwrap();
    assert!(
        gutter.contains('▶'),
        "a marker that is not a colour: {gutter}"
    );

    panel.point.set(Some(CodePoint::Await(1)));
    leptos::task::tick().await;
    assert_eq!(marked_lines(w), ["await grind(order);"]);
    panel.point.set(Some(CodePoint::Done));
    leptos::task::tick().await;
    assert_eq!(marked_lines(w), ["serve(order);"]);
    // Only the mark moved: the very same line elements are still there.
    let lines_after = all(w, ".code-line");
    assert!(
        lines_before
            .iter()
            .zip(&lines_after)
            .all(|(a, b)| a.is_same_node(Some(b)))
    );

    panel.strategy.set(Strategy::Join);
    panel.point.set(Some(CodePoint::AwaitAll));
    leptos::task::tick().await;
    assert_eq!(
        marked_lines(w),
        ["await Promise.all([pay(order), grind(order), steam(order)]);"]
    );
    assert_eq!(text_of(w, "h2"), "The code: Parallel join");
    panel.point.set(None);
    leptos::task::tick().await;
    assert!(marked_lines(w).is_empty());
}

#[wasm_bindgen_test]
async fn the_code_panel_tabs_switch_language_by_click_and_keyboard() {
    use async_espresso::engine::Strategy;
    use async_espresso::engine::snapshot::CodePoint;
    let panel = code_panel(Strategy::Join);
    panel.point.set(Some(CodePoint::AwaitAll));
    leptos::task::tick().await;
    let w = &panel.wrapper;
    let tabs = all(w, "[role=tablist] button[role=tab]");
    assert_eq!(tabs.len(), 3);
    let selected = || {
        all(w, "[role=tab][aria-selected=true]")
            .iter()
            .map(|t| t.text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(selected(), ["JavaScript"]);
    for tab in &tabs {
        let tab: &HtmlElement = tab.dyn_ref().unwrap();
        assert!(tab.offset_height() >= 44, "a big enough target");
    }
    let code = || text_of(w, "pre code");
    assert!(code().contains("await Promise.all(["));

    // A click picks Rust.
    tabs[1].dyn_ref::<HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    assert_eq!(selected(), ["Rust"]);
    assert!(code().contains("futures::try_join!(pay(order), grind(order), steam(order))?;"));
    assert!(code().contains("async fn make_drink(order: &Order)"));
    assert_eq!(
        marked_lines(w),
        ["futures::try_join!(pay(order), grind(order), steam(order))?;"]
    );
    let panel_el = w.query_selector("[role=tabpanel]").unwrap().unwrap();
    assert_eq!(
        panel_el.get_attribute("aria-labelledby"),
        tabs[1].get_attribute("id")
    );
    assert_eq!(
        tabs[1].get_attribute("aria-controls"),
        panel_el.get_attribute("id")
    );
    assert_eq!(tabs[1].get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(tabs[0].get_attribute("tabindex").as_deref(), Some("-1"));

    // Arrows move the focus (wrapping around), Enter and Space pick.
    tabs[1].dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    key_down(&tabs[1], "ArrowRight");
    leptos::task::tick().await;
    let focused = || document().active_element().unwrap();
    assert!(focused().is_same_node(Some(&tabs[2])));
    assert_eq!(selected(), ["Rust"], "moving the focus does not pick");
    key_down(&tabs[2], "Enter");
    leptos::task::tick().await;
    assert_eq!(selected(), ["Python"]);
    assert!(code().contains("await asyncio.gather(pay(order), grind(order), steam(order))"));
    key_down(&tabs[2], "ArrowRight");
    leptos::task::tick().await;
    assert!(focused().is_same_node(Some(&tabs[0])));
    key_down(&tabs[0], "ArrowLeft");
    leptos::task::tick().await;
    assert!(focused().is_same_node(Some(&tabs[2])));
    key_down(&tabs[2], "Home");
    leptos::task::tick().await;
    assert!(focused().is_same_node(Some(&tabs[0])));
    key_down(&tabs[0], " ");
    leptos::task::tick().await;
    assert_eq!(selected(), ["JavaScript"]);
    key_down(&tabs[0], "End");
    leptos::task::tick().await;
    assert!(focused().is_same_node(Some(&tabs[2])));
}

#[wasm_bindgen_test]
async fn the_callback_code_is_visibly_a_pyramid() {
    use async_espresso::engine::Strategy;
    let panel = code_panel(Strategy::Callbacks);
    leptos::task::tick().await;
    let w = &panel.wrapper;
    // Where each line's code starts, left to right, for the lines that match.
    let starts = |needle: &str| -> Vec<i32> {
        all(w, ".code-line")
            .iter()
            .filter(|l| l.text_content().unwrap().contains(needle))
            .map(|l| {
                l.query_selector(".ind + span")
                    .unwrap()
                    .unwrap()
                    .dyn_into::<HtmlElement>()
                    .unwrap()
                    .offset_left()
            })
            .collect()
    };
    let callbacks = starts("(err) => {");
    assert_eq!(callbacks.len(), 3, "pay, grind, steam");
    assert!(
        callbacks.windows(2).all(|p| p[1] > p[0]),
        "each callback sits further right: {callbacks:?}"
    );
    let served = starts("serve(order)");
    assert!(served[0] > callbacks[2], "served at the top of the pyramid");
    let closings = starts("});");
    assert!(
        closings.windows(2).all(|p| p[1] < p[0]),
        "and back down: {closings:?}"
    );

    // The same in Python: nested callback functions.
    let python = w
        .query_selector("[role=tab][data-lang=python]")
        .unwrap()
        .unwrap();
    python.dyn_ref::<HtmlElement>().unwrap().click();
    leptos::task::tick().await;
    let defs = starts("def on_");
    assert_eq!(defs.len(), 3);
    assert!(defs.windows(2).all(|p| p[1] > p[0]), "{defs:?}");
}

// ---------------------------------------------------------------- charts --

/// The default scenario's blocking run: its trace and time series.
fn blocking_run() -> (
    async_espresso::engine::Trace,
    async_espresso::engine::Series,
) {
    use async_espresso::engine::{Instance, Scenario, Strategy, metrics::series, simulate};
    let trace = simulate(&Instance::new(&Scenario::default()), Strategy::Blocking);
    let series = series(&trace);
    (trace, series)
}

/// The `transform` of the chart's playhead group.
fn playhead_transform(root: &HtmlElement) -> String {
    root.query_selector(".playhead")
        .unwrap()
        .unwrap()
        .get_attribute("transform")
        .unwrap()
}

#[wasm_bindgen_test]
async fn the_latency_histogram_has_a_bar_per_non_empty_bin_with_its_count() {
    use async_espresso::charts::{Frame, Histogram, latencies};
    use async_espresso::ui::LatencyHistogram;
    let (trace, _) = blocking_run();
    let values = latencies(&trace);
    let expected = Histogram::new(
        &values,
        Frame {
            width: 300,
            height: 140,
        },
    );
    let shown = RwSignal::new(values.clone());
    let (wrapper, _mounted) = mount_in_wrapper(move || {
        view! { <LatencyHistogram title="Time in café" latencies=shown/> }
    });
    leptos::task::tick().await;

    let bars = all(&wrapper, "svg .bar");
    let counts: Vec<u32> = bars
        .iter()
        .map(|b| b.get_attribute("data-count").unwrap().parse().unwrap())
        .collect();
    assert_eq!(
        counts,
        expected.bars.iter().map(|b| b.count).collect::<Vec<_>>()
    );
    assert!(counts.iter().all(|&c| c > 0));
    assert_eq!(counts.iter().sum::<u32>() as usize, values.len());
    assert_eq!(all(&wrapper, "svg .bar rect").len(), bars.len());
    assert_eq!(text_of(&wrapper, "figcaption"), "Time in café");
    let svg = wrapper.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let label = svg.get_attribute("aria-label").unwrap();
    assert!(
        label.starts_with(&format!("Time in café: {} orders", values.len())),
        "{label}"
    );

    // New data: the bars follow.
    shown.set(values[..3].to_vec());
    leptos::task::tick().await;
    let total: u32 = all(&wrapper, "svg .bar")
        .iter()
        .map(|b| {
            b.get_attribute("data-count")
                .unwrap()
                .parse::<u32>()
                .unwrap()
        })
        .sum();
    assert_eq!(total, 3);
}

#[wasm_bindgen_test]
async fn the_time_chart_moves_only_its_playhead_and_says_its_maximum() {
    use async_espresso::charts::TimeData;
    use async_espresso::engine::SimTime;
    use async_espresso::ui::TimeChart;
    let (trace, series) = blocking_run();
    let longest = series.line.iter().map(|p| p.1).max().unwrap();
    let data = TimeData::steps(&series.line, trace.end, "customers");
    let playhead = RwSignal::new(SimTime::ZERO);
    let (wrapper, _mounted) = mount_in_wrapper(move || {
        view! { <TimeChart title="Line length over time" data=data playhead=playhead/> }
    });
    leptos::task::tick().await;

    let path = wrapper.query_selector("path.series").unwrap().unwrap();
    assert_eq!(
        path.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg"),
        "drawn as SVG"
    );
    let d = path.get_attribute("d").unwrap();
    assert!(d.starts_with("M0 "), "{d}");
    let label = wrapper
        .query_selector("svg[role=img]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert!(
        label.starts_with(&format!(
            "Line length over time: at most {longest} customers, at "
        )),
        "{label}"
    );
    assert!(
        all(&wrapper, ".plot text").len() >= 4,
        "tick labels on both axes"
    );
    assert_eq!(playhead_transform(&wrapper), "translate(0 0)");

    playhead.set(trace.end);
    leptos::task::tick().await;
    assert_eq!(playhead_transform(&wrapper), "translate(300 0)");
    assert!(text_of(&wrapper, ".playhead text").ends_with(" s"));
    let same = wrapper.query_selector("path.series").unwrap().unwrap();
    assert!(
        same.is_same_node(Some(&path)),
        "the path was not re-created"
    );
    assert_eq!(same.get_attribute("d").unwrap(), d);
}

#[wasm_bindgen_test]
async fn the_lag_chart_draws_spikes_and_an_empty_chart_says_so() {
    use async_espresso::charts::TimeData;
    use async_espresso::engine::SimTime;
    use async_espresso::format::duration_ms;
    use async_espresso::ui::TimeChart;
    let (trace, series) = blocking_run();
    let worst = series.lag.iter().map(|p| p.1).max().unwrap();
    let data = RwSignal::new(TimeData::spikes(&series.lag, trace.end));
    let (wrapper, _mounted) = mount_in_wrapper(move || {
        view! { <TimeChart title="Event-loop lag" data=data playhead=Signal::stored(SimTime::ZERO)/> }
    });
    leptos::task::tick().await;
    let svg = wrapper.query_selector("svg").unwrap().unwrap();
    let label = svg.get_attribute("aria-label").unwrap();
    assert!(
        label.contains(&format!("at most {}", duration_ms(worst.as_ms()))),
        "{label}"
    );
    assert!(wrapper.query_selector("path.spikes").unwrap().is_some());

    data.set(TimeData::spikes(&[], SimTime::ZERO));
    leptos::task::tick().await;
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Event-loop lag: no data")
    );
    let d = wrapper
        .query_selector("path.series")
        .unwrap()
        .unwrap()
        .get_attribute("d")
        .unwrap_or_default();
    assert!(!d.contains("NaN"));
}

/// Mounts `view` with a playground state for the default scenario shown in
/// `strategy`, and returns the wrapper and that state.
fn with_play<F, N>(
    strategy: async_espresso::engine::Strategy,
    view: F,
) -> (
    HtmlElement,
    async_espresso::ui::Play,
    UnmountHandle<N::State>,
)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    use async_espresso::engine::Scenario;
    use async_espresso::ui::Play;
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let (wrapper, handle) = mount_in_wrapper(move || {
        let play = Play::new(Scenario::default(), strategy, Signal::derive(|| true));
        provide_context(play);
        out.set(Some(play));
        view()
    });
    (wrapper, slot.take().unwrap(), handle)
}

#[wasm_bindgen_test]
async fn the_event_loop_panel_shows_the_tie_at_620_ms() {
    use async_espresso::engine::{SimTime, Strategy};
    use async_espresso::ui::LoopPanel;
    // Callbacks, 620 ms: Karen's arrival task runs (taking her order); Ada's
    // grinder finished at 600 and its completion waits in the task queue.
    let (wrapper, play, _m) = with_play(Strategy::Callbacks, || view! { <LoopPanel/> });
    play.t.set(SimTime::from_ms(620.0));
    leptos::task::tick().await;
    assert_eq!(
        text_of(&wrapper, "[data-testid=call-stack]"),
        "handleOrder(Karen)"
    );
    assert_eq!(
        text_of(&wrapper, "[data-testid=task-queue] li"),
        "callback: Ada's grinder is done"
    );
    assert_eq!(
        text_of(&wrapper, "[data-testid=microtask-queue] li"),
        "empty"
    );
    // Await at the same instant: the same task, and no callback wording.
    play.strategy.set(Strategy::Await);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&wrapper, "[data-testid=task-queue] li"),
        "Ada's grinder is done"
    );
}

#[wasm_bindgen_test]
async fn the_transport_plays_pauses_and_steps_between_events() {
    use async_espresso::engine::{SimTime, Strategy};
    use async_espresso::ui::Transport;
    let (wrapper, play, _m) = with_play(Strategy::Callbacks, || view! { <Transport/> });
    leptos::task::tick().await;
    let button = |label: &str| -> HtmlElement {
        all(&wrapper, "button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().contains(label))
            .unwrap_or_else(|| panic!("a {label} button"))
            .dyn_into()
            .unwrap()
    };
    button("Play").click();
    leptos::task::tick().await;
    assert!(play.playing.get_untracked());
    assert!(
        button("Pause").class_list().contains("playing"),
        "the button now offers Pause"
    );
    button("Pause").click();
    leptos::task::tick().await;
    assert!(!play.playing.get_untracked());
    // Stepping lands exactly on the next moments something happens: the
    // first arrival's order-taking ends at 40 ms, then Ada's pay starts at 45.
    play.t.set(SimTime::from_ms(1.0));
    button("Step ▸").click();
    leptos::task::tick().await;
    assert_eq!(play.t.get_untracked(), SimTime::from_ms(40.0));
    button("Step ▸").click();
    leptos::task::tick().await;
    assert_eq!(play.t.get_untracked(), SimTime::from_ms(45.0));
    button("◂ Step").click();
    leptos::task::tick().await;
    assert_eq!(play.t.get_untracked(), SimTime::from_ms(40.0));
    assert!(text_of(&wrapper, ".clock").starts_with("40 ms / "));
    button("End").click();
    leptos::task::tick().await;
    assert_eq!(play.t.get_untracked(), play.end_untracked());
}
