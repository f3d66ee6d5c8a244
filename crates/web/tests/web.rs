//! The web app in a real browser (wasm32 only): mount the whole app, drive
//! it through the DOM as a user does (clicks, form controls, keys), and look
//! at what it shows. The pure markup functions behind it (`crate::view`) are
//! unit-tested natively; these tests prove the wiring.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (the
//! runner, wasm-bindgen-test-runner with headless Chromium, is set in
//! `.cargo/config.toml`). All tests share one page, so each mounts into a
//! wrapper element of its own and queries only inside it; the app finds its
//! elements by id inside its root. Its keyboard shortcuts listen on the
//! window, so every test stops its app before it ends (dropping [`App`]).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "a panic in a test helper is a failed test; clippy.toml allows unwrap only inside the test functions themselves"
)]

use espresso_playground::engine::{Instance, Scenario, Strategy};
use espresso_playground::format::duration_ms;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

// --------------------------------------------------------------- helpers --

/// Titles of the three charts, in page order.
const LINE_CHART: &str = "Line length over time";
const LAG_CHART: &str = "Event-loop lag of each task";
const HISTOGRAM: &str = "Time in the café (arrival to hand-over)";

/// A mounted app in a wrapper `<div>` of its own. Dropping it stops the app
/// (its effects and its listeners, the window's too) and removes the wrapper.
struct App {
    wrapper: HtmlElement,
    mounted: Option<espresso_web::ui::Mounted>,
}

impl Drop for App {
    fn drop(&mut self) {
        drop(self.mounted.take());
        self.wrapper.remove();
    }
}

/// Lets the app's effects run (they are asynchronous, and some feed
/// others; the panels below the stage start in tasks of their own).
async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}

/// Mounts the whole app, set up from the query string `search`, into a new
/// `<div>` appended to the page's body, and lets it render.
async fn mount(search: &str) -> App {
    with_page_style();
    let wrapper: HtmlElement = document()
        .create_element("div")
        .unwrap()
        .dyn_into()
        .unwrap();
    document().body().unwrap().append_child(&wrapper).unwrap();
    let mounted = espresso_web::ui::mount(wrapper.clone(), search.to_string());
    settle().await;
    App {
        wrapper,
        mounted: Some(mounted),
    }
}

/// The page's style sheet, added once to the shared test page, so that
/// layout (indentation, gutter, tab sizes) is what people see.
fn with_page_style() {
    if document().get_element_by_id("page-style").is_some() {
        return;
    }
    let style = document().create_element("style").unwrap();
    style.set_id("page-style");
    style.set_text_content(Some(include_str!("../../../style/main.css")));
    document().head().unwrap().append_child(&style).unwrap();
}

/// Dispatches `new ctor(kind, { key, bubbles: true, cancelable: true })` on
/// `el` (the crate's web-sys has no `EventInit` feature).
fn dispatch(el: &Element, ctor: &str, kind: &str, key: &str) {
    let send = js_sys::Function::new_with_args(
        "el, ctor, kind, key",
        "el.dispatchEvent(new window[ctor](kind, { key, bubbles: true, cancelable: true }))",
    );
    let args = js_sys::Array::of4(el, &ctor.into(), &kind.into(), &key.into());
    send.apply(&JsValue::NULL, &args).unwrap();
}

impl App {
    /// The first element matching `selector` inside the app.
    fn get(&self, selector: &str) -> Element {
        self.wrapper
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector:?}"))
    }

    /// The first element matching `selector`, as a `T`.
    fn get_as<T: JsCast>(&self, selector: &str) -> T {
        self.get(selector).dyn_into().unwrap()
    }

    /// Whether anything matches `selector` inside the app.
    fn has(&self, selector: &str) -> bool {
        self.wrapper.query_selector(selector).unwrap().is_some()
    }

    /// The text of the first element matching `selector`.
    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// Every element matching `selector` inside the app.
    fn all(&self, selector: &str) -> Vec<Element> {
        all_in(&self.wrapper, selector)
    }

    /// Clicks the first element matching `selector`, as a user does.
    async fn click(&self, selector: &str) {
        self.get_as::<HtmlElement>(selector).click();
        settle().await;
    }

    /// Gives form control `selector` the value `value` and sends the event
    /// `kind` (`input` while a slider moves, `change` when a control is set).
    async fn set(&self, selector: &str, value: &str, kind: &str) {
        let el = self.get(selector);
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            input.set_value(value);
        } else {
            el.dyn_ref::<HtmlSelectElement>().unwrap().set_value(value);
        }
        dispatch(&el, "Event", kind, "");
        settle().await;
    }

    /// Drags the playhead (the scrubber) to `ms`.
    async fn seek(&self, ms: u32) {
        self.set("#scrub", &ms.to_string(), "input").await;
    }

    /// Follows customer `i` with the code panel's "Follow" menu.
    async fn follow(&self, i: usize) {
        self.set("#follow", &i.to_string(), "change").await;
    }

    /// Sets parameter `key` of the café through its form control.
    async fn param(&self, key: &str, value: &str) {
        self.set(&format!("#param-{key}"), value, "change").await;
    }

    /// Presses `key` with the focus on (or the pointer over) the first
    /// element matching `selector`: a `keydown` that bubbles to the window.
    async fn key(&self, selector: &str, key: &str) {
        dispatch(&self.get(selector), "KeyboardEvent", "keydown", key);
        settle().await;
    }

    /// The text of every code line marked as the current one.
    fn marked_lines(&self) -> Vec<String> {
        self.all(".code-line[aria-current=step]")
            .iter()
            .map(|l| l.text_content().unwrap().trim().to_string())
            .collect()
    }

    /// The chart figure captioned `title`.
    fn figure(&self, title: &str) -> Element {
        self.all(".charts figure")
            .into_iter()
            .find(|f| {
                f.query_selector("figcaption")
                    .unwrap()
                    .and_then(|c| c.text_content())
                    .as_deref()
                    == Some(title)
            })
            .unwrap_or_else(|| panic!("a chart captioned {title:?}"))
    }

    /// The `aria-label` of the chart captioned `title`.
    fn chart_label(&self, title: &str) -> String {
        self.figure(title)
            .query_selector("svg")
            .unwrap()
            .unwrap()
            .get_attribute("aria-label")
            .unwrap()
    }

    /// The counts of the latency histogram's bars.
    fn bar_counts(&self) -> Vec<u32> {
        all_in(&self.figure(HISTOGRAM), "svg .bar")
            .iter()
            .map(|b| b.get_attribute("data-count").unwrap().parse().unwrap())
            .collect()
    }

    /// The clock's text ("40 ms / 4930 ms").
    fn clock(&self) -> String {
        self.text("#clock")
    }

    /// The playhead's position, in ms, as the scrubber shows it.
    fn scrub(&self) -> String {
        self.get_as::<HtmlInputElement>("#scrub").value()
    }

    /// The keys of the strategies whose radio buttons are ticked (one).
    fn ticked_strategy(&self) -> Vec<String> {
        self.all("input[name=strategy]")
            .into_iter()
            .map(|i| i.dyn_into::<HtmlInputElement>().unwrap())
            .filter(HtmlInputElement::checked)
            .map(|i| i.value())
            .collect()
    }
}

/// Every element matching `selector` inside `root`.
fn all_in(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// The engine's report for the default scenario, computed here, in wasm.
fn default_report() -> espresso_playground::report::Report {
    let instance = Instance::new(&Scenario::default());
    espresso_playground::report::report(
        &instance,
        &Strategy::ALL,
        None,
        Some("morning-line"),
        Default::default(),
    )
}

/// The default scenario's run in `strategy`: its trace and time series,
/// straight from the engine.
fn engine_run(
    strategy: Strategy,
) -> (
    espresso_playground::engine::Trace,
    espresso_playground::engine::Series,
) {
    use espresso_playground::engine::{metrics::series, simulate};
    let trace = simulate(&Instance::new(&Scenario::default()), strategy);
    let series = series(&trace);
    (trace, series)
}

// ------------------------------------------------------------ the page --

#[wasm_bindgen_test]
async fn app_shows_its_title_and_fills_its_places() {
    let app = mount("").await;
    assert_eq!(app.text("h1"), "Async Espresso");
    assert_eq!(app.text("#scenario-title"), "The morning line");
    assert_eq!(app.text("#code-title"), "The code: Blocking");
    assert_eq!(app.all("#headline dt").len(), 9);
    assert_eq!(app.all("#charts figure").len(), 3);
    assert_eq!(app.all("#monitor figure").len(), 2);
    // The orders are listed once their panel is opened.
    assert_eq!(app.all("#order-rows tr").len(), 0);
    app.click("details.orders summary").await;
    assert_eq!(app.all("#order-rows tr").len(), 8);
    assert_eq!(app.all("#follow option").len(), 8);
    assert!(
        app.text("[data-testid=sim-time]")
            .starts_with("8 customers under all four strategies: simulated in "),
        "{}",
        app.text("[data-testid=sim-time]")
    );
    assert!(app.clock().starts_with("0 ms / "), "{}", app.clock());
    assert_eq!(app.ticked_strategy(), ["blocking"]);
    // Large type, for projectors: pressed, and the playground grows.
    assert_eq!(
        app.get("#large").get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    app.click("#large").await;
    assert_eq!(
        app.get("#large").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert!(app.get("#playground").class_list().contains("large"));
}

#[wasm_bindgen_test]
fn traces_are_byte_identical_to_the_native_ones() {
    // The same pinned digests the native suite checks (crates/engine/tests/engine/determinism.rs).
    let pinned = espresso_playground::engine::golden::parse_digests(
        espresso_playground::engine::golden::DIGESTS_FILE,
    );
    let computed = espresso_playground::engine::golden::compute_digests();
    assert!(pinned.len() >= 20);
    assert_eq!(computed, pinned);
}

// ------------------------------------------------------------- results --

#[wasm_bindgen_test]
async fn the_comparison_table_shows_every_strategy_with_the_engines_numbers() {
    let app = mount("").await;
    let report = default_report();
    let rows = app.all("[data-testid=results-table] tbody tr");
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
        assert_eq!(cell("p50"), duration_ms(run.metrics.latency.p50_ms));
        assert_eq!(cell("p95"), duration_ms(run.metrics.latency.p95_ms));
        assert_eq!(cell("max"), duration_ms(run.metrics.latency.max_ms));
        assert_eq!(cell("served"), run.metrics.served.to_string());
        assert_eq!(cell("lost"), run.metrics.lost.to_string());
    }
    // Blocking is selected at first, and marked in words as well as colour.
    assert_eq!(
        rows[0].get_attribute("aria-current").as_deref(),
        Some("true")
    );
    assert!(rows[0].text_content().unwrap().contains("selected"));
    assert_eq!(rows[1].get_attribute("aria-current"), None);
    // The headline shows the same run's numbers.
    let blocking = &report.strategies[0];
    assert!(
        app.text("#headline")
            .contains(&format!("Served{}", blocking.metrics.served))
    );
}

#[wasm_bindgen_test]
async fn picking_a_strategy_updates_the_explanation_the_mark_and_the_orders() {
    let app = mount("?orders=1").await;
    let report = default_report();
    app.click("#strategy-join").await;
    let join: HtmlInputElement = app.get_as("#strategy-join");
    assert!(join.checked());
    assert!(
        app.text("[data-testid=strategy-explain]")
            .contains("waits for all three")
    );
    assert!(app.text(".explain code").contains("Promise.all"));
    assert_eq!(app.text("#orders-title"), "Parallel join: every order");
    assert_eq!(app.text("#headline-title"), "Results: Parallel join");
    assert_eq!(app.text("#code-title"), "The code: Parallel join");
    let marked = app.all("[data-testid=results-table] tr[aria-current=true]");
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
    let served: Vec<String> = app
        .all("[data-testid=orders-table] [data-col=served]")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    let expected: Vec<String> = join_run
        .orders
        .iter()
        .map(|o| duration_ms(o.served_ms.unwrap()))
        .collect();
    assert_eq!(served, expected);
    let served_count = join_run.metrics.served.to_string();
    assert!(
        app.text("#headline")
            .contains(&format!("Served{served_count}"))
    );
    // The race's café of the shown strategy is pressed; a press on another
    // café shows that one.
    let pressed: Vec<String> = app
        .all(".race-cafe[aria-pressed=true]")
        .iter()
        .map(|b| b.get_attribute("data-strategy").unwrap())
        .collect();
    assert_eq!(pressed, ["join"]);
    app.click(".race-cafe[data-strategy=callbacks]").await;
    assert_eq!(app.ticked_strategy(), ["callbacks"]);
    assert_eq!(app.text("#orders-title"), "Callbacks: every order");
}

#[wasm_bindgen_test]
async fn the_strategy_in_the_link_is_shown_first() {
    let app = mount("?preset=karen&strategy=join&customers=5&orders=1").await;
    assert_eq!(app.ticked_strategy(), ["join"]);
    assert_eq!(app.text("#scenario-title"), "Karen's pour-over (changed)");
    assert_eq!(app.all("#order-rows tr").len(), 5);
    assert_eq!(
        app.all("[data-testid=results-table] tr[aria-current=true]")[0]
            .get_attribute("data-strategy")
            .as_deref(),
        Some("join")
    );
    assert!(!app.has(".notices"), "a good link has no notices");
}

// ------------------------------------------------------------- notices --

#[wasm_bindgen_test]
async fn notices_show_markup_as_text_and_can_be_dismissed() {
    // `<b>bold</b>=<script>alert(1)</script>`, as a link carries it.
    let app = mount("?%3Cb%3Ebold%3C%2Fb%3E=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(
        app.get(".notices").get_attribute("role").as_deref(),
        Some("status")
    );
    assert!(
        !app.has(".notices b, .notices script"),
        "markup stayed text"
    );
    assert_eq!(
        app.text(".notices li"),
        "<b>bold</b> = \"<script>alert(1)</script>\": unknown parameter; ignored."
    );
    app.click(".notices button[data-act=dismiss]").await;
    assert!(!app.has(".notices, section[role=status]"));
}

#[wasm_bindgen_test]
async fn no_notices_means_no_notice_box() {
    let app = mount("?preset=karen&strategy=await").await;
    assert!(!app.has(".notices, section[role=status]"));
}

// ---------------------------------------------------------- event loop --

#[wasm_bindgen_test]
async fn the_event_loop_panel_shows_the_tie_at_620_ms() {
    // Callbacks, 620 ms: Karen's arrival task runs (taking her order); Ada's
    // grinder finished at 600 and its completion waits in the task queue.
    let app = mount("?strategy=callbacks").await;
    app.seek(620).await;
    assert!(app.clock().starts_with("620 ms / "), "{}", app.clock());
    assert_eq!(app.text("[data-testid=call-stack]"), "handleOrder(Karen)");
    assert_eq!(
        app.text("[data-testid=task-queue] li"),
        "callback: Ada's grinder is done"
    );
    assert_eq!(app.text("[data-testid=microtask-queue] li"), "empty");
    // Await at the same instant (key 3): the same task, and no callback
    // wording.
    app.key("#loop", "3").await;
    assert_eq!(app.ticked_strategy(), ["await"]);
    assert!(app.clock().starts_with("620 ms / "), "{}", app.clock());
    assert_eq!(
        app.text("[data-testid=task-queue] li"),
        "Ada's grinder is done"
    );
    assert_eq!(app.text("[data-testid=call-stack]"), "handleOrder(Karen)");
}

// ----------------------------------------------------------- transport --

#[wasm_bindgen_test]
async fn the_transport_plays_pauses_and_steps_between_events() {
    let app = mount("?strategy=callbacks").await;
    let end = duration_ms(engine_run(Strategy::Callbacks).0.end.as_ms());
    assert_eq!(app.text("#play"), "▶ Play");
    app.click("#play").await;
    assert_eq!(app.text("#play"), "❚❚ Pause", "the button now offers Pause");
    assert!(app.get("#play").class_list().contains("playing"));
    app.click("#play").await;
    assert_eq!(app.text("#play"), "▶ Play");
    assert!(!app.get("#play").class_list().contains("playing"));
    // Stepping lands exactly on the next moments something happens: the
    // first arrival's order-taking ends at 40 ms, then Ada's pay starts at 45.
    app.seek(1).await;
    app.click("[aria-label='Step on to the next event']").await;
    assert_eq!(app.scrub(), "40");
    app.click("[aria-label='Step on to the next event']").await;
    assert_eq!(app.scrub(), "45");
    app.click("[aria-label='Step back to the previous event']")
        .await;
    assert_eq!(app.scrub(), "40");
    assert_eq!(app.clock(), format!("40 ms / {end}"));
    assert_eq!(
        app.get("#scrub").get_attribute("aria-valuetext").as_deref(),
        Some("40 ms")
    );
    app.click(".transport .end").await;
    assert_eq!(app.clock(), format!("{end} / {end}"));
    app.click(".transport .restart").await;
    assert_eq!(app.scrub(), "0");
    assert_eq!(app.clock(), format!("0 ms / {end}"));
}

#[wasm_bindgen_test]
async fn keyboard_shortcuts_drive_the_playhead_and_the_strategy() {
    let app = mount("?strategy=callbacks").await;
    let end = engine_run(Strategy::Callbacks).0.end;
    let end_ms = (end.0 / 1000).to_string();
    app.key("h1", "ArrowRight").await;
    assert_eq!(app.scrub(), "40");
    app.key("h1", "ArrowRight").await;
    assert_eq!(app.scrub(), "45");
    app.key("h1", "ArrowLeft").await;
    assert_eq!(app.scrub(), "40");
    app.key("h1", "End").await;
    assert_eq!(app.scrub(), end_ms);
    app.key("h1", "Home").await;
    assert_eq!(app.scrub(), "0");
    app.key("h1", " ").await;
    assert_eq!(app.text("#play"), "❚❚ Pause");
    app.key("h1", " ").await;
    assert_eq!(app.text("#play"), "▶ Play");
    for (key, strategy) in [("1", "blocking"), ("4", "join"), ("2", "callbacks")] {
        app.key("h1", key).await;
        assert_eq!(app.ticked_strategy(), [strategy]);
    }
    // Keys typed into a control are the control's, not shortcuts.
    app.key("h1", "Home").await;
    app.key("#param-customers", "4").await;
    assert_eq!(app.ticked_strategy(), ["callbacks"]);
    app.key("#param-customers", "End").await;
    app.key("#speed", " ").await;
    assert_eq!(app.scrub(), "0");
    assert_eq!(app.text("#play"), "▶ Play");
    // ? lists the shortcuts.
    let dialog: web_sys::HtmlDialogElement = app.get_as("#shortcuts");
    assert!(!dialog.open());
    app.key("h1", "?").await;
    assert!(dialog.open());
    dialog.close();
}

#[wasm_bindgen_test]
async fn switching_strategy_keeps_the_instant_or_says_the_new_run_ended_sooner() {
    use espresso_playground::engine::SimTime;
    use espresso_playground::view::page::ended_sooner;
    let app = mount("?strategy=blocking").await;
    let join_end = engine_run(Strategy::Join).0.end;
    let blocking_end = engine_run(Strategy::Blocking).0.end;
    assert!(join_end < blocking_end);
    let ms = |t: SimTime| (t.0 / 1000).to_string();
    // Paused mid-run, before the new run's end: paused at the same instant.
    let early = u32::try_from(join_end.0 / 1000 / 2).unwrap();
    app.seek(early).await;
    app.click("#strategy-join").await;
    assert_eq!(app.ticked_strategy(), ["join"]);
    assert_eq!(app.scrub(), early.to_string());
    assert_eq!(app.text("#play"), "▶ Play");
    assert_eq!(app.text("#switch-note"), "");
    // Playing: goes on playing, from about the same instant.
    app.click("#play").await;
    app.click("#strategy-blocking").await;
    assert_eq!(app.ticked_strategy(), ["blocking"]);
    assert_eq!(app.text("#play"), "❚❚ Pause", "still playing");
    let now: u64 = app.scrub().parse().unwrap();
    assert!(now >= u64::from(early) && now < join_end.0 / 1000, "{now}");
    app.click("#play").await;
    // Past the new run's end: its end, paused, and the page says why.
    let late = u32::try_from(join_end.0 / 1000 + 500).unwrap();
    app.seek(late).await;
    app.click("#play").await;
    app.click("#strategy-join").await;
    assert_eq!(app.scrub(), ms(join_end));
    assert_eq!(app.text("#play"), "▶ Play");
    let note = app.text("#switch-note");
    assert!(
        note.starts_with("Parallel join was done by ")
            && note.contains(": its run ended sooner than the "),
        "{note}"
    );
    assert_eq!(
        app.get("#switch-note").get_attribute("role").as_deref(),
        Some("status")
    );
    // Paused past the end, by a key: the same, with the very instant named.
    app.key("h1", "1").await;
    app.seek(late).await;
    assert_eq!(
        app.text("#switch-note"),
        "",
        "moving the playhead forgets it"
    );
    app.key("h1", "4").await;
    assert_eq!(
        app.text("#switch-note"),
        ended_sooner(Strategy::Join, join_end, SimTime(u64::from(late) * 1000))
    );
    // Moving the playhead (or the strategy) forgets it.
    app.seek(100).await;
    assert_eq!(app.text("#switch-note"), "");
}

#[wasm_bindgen_test]
async fn the_intro_describes_the_cafe_the_form_changed() {
    let app = mount("").await;
    assert!(app.text("#scenario-caption").starts_with("Eight customers"));
    app.param("customers", "15").await;
    assert_eq!(app.text("#scenario-title"), "The morning line (changed)");
    assert_eq!(
        app.text("#scenario-caption"),
        "The morning line, changed: 15 customers, one every 300 ms."
    );
    app.param("steamers", "2").await;
    assert_eq!(
        app.text("#scenario-caption"),
        "The morning line, changed: 15 customers, one every 300 ms; 2 steamers (the preset has 1)."
    );
    // Loading a preset tells its own story again.
    app.set("#param-preset", "karen", "change").await;
    assert_eq!(app.text("#scenario-title"), "Karen's pour-over");
    assert!(
        app.text("#scenario-caption")
            .starts_with("Twelve customers")
    );
}

#[wasm_bindgen_test]
async fn a_dropped_app_stops_listening() {
    let mut app = mount("?strategy=callbacks").await;
    app.key("h1", "4").await;
    assert_eq!(app.ticked_strategy(), ["join"]);
    drop(app.mounted.take());
    settle().await;
    // Neither the window's shortcuts nor the root's clicks reach it now.
    app.key("h1", "1").await;
    app.key("h1", "ArrowRight").await;
    app.click("#play").await;
    assert_eq!(app.ticked_strategy(), ["join"]);
    assert_eq!(app.scrub(), "0");
    assert_eq!(app.text("#play"), "▶ Play");
}

// ------------------------------------------------------------ code panel --

#[wasm_bindgen_test]
async fn the_code_panel_marks_the_line_of_the_code_point() {
    let app = mount("?strategy=await&orders=1").await;
    // Karen (third in line) is followed at first; before she arrives her
    // order is at the handler's first line.
    assert_eq!(app.get_as::<HtmlSelectElement>("#follow").value(), "2");
    assert_eq!(app.marked_lines(), ["async function handleOrder(order) {"]);
    assert_eq!(
        app.text("#code-caption"),
        "▶ Line 1: Karen's order is here."
    );
    assert_eq!(app.all(".code-line").len(), 13, "her pour-over's code");

    // Ada: her latte's code, and her order is being taken at 0 ms.
    app.follow(0).await;
    assert_eq!(app.all(".code-line").len(), 12);
    assert_eq!(app.marked_lines(), ["takeOrder(order);"]);
    let marked = app.get(".code-line.current");
    assert_eq!(marked.get_attribute("data-line").as_deref(), Some("3"));
    assert_eq!(app.text("#code-caption"), "▶ Line 3: Ada's order is here.");
    let gutter =
        js_sys::Function::new_with_args("el", "return getComputedStyle(el, '::before').content")
            .call1(&JsValue::NULL, &marked)
            .unwrap()
            .as_string()
            .unwrap();
    assert!(
        gutter.contains('▶'),
        "a marker that is not a colour: {gutter}"
    );

    app.seek(350).await;
    assert_eq!(app.marked_lines(), ["await grind(order);"]);
    // While the order stays on its line, the listing is left alone.
    let lines_before = app.all(".code-line");
    app.seek(500).await;
    assert_eq!(app.marked_lines(), ["await grind(order);"]);
    let lines_after = app.all(".code-line");
    assert!(
        lines_before
            .iter()
            .zip(&lines_after)
            .all(|(a, b)| a.is_same_node(Some(b)))
    );
    app.seek(1130).await;
    assert_eq!(app.marked_lines(), ["serve(order);"]);
    assert_eq!(app.text("#code-caption"), "▶ Line 8: Ada's order is here.");

    app.click("#strategy-join").await;
    app.seek(100).await;
    assert_eq!(
        app.marked_lines(),
        ["await Promise.all([pay(order), grind(order), steam(order)]);"]
    );
    assert_eq!(
        app.text("[data-testid=code-panel] h2"),
        "The code: Parallel join"
    );

    // A click on a name in the order table follows that customer.
    app.click("[data-follow='1']").await;
    assert_eq!(app.get_as::<HtmlSelectElement>("#follow").value(), "1");
    assert!(app.text("#code-caption").contains("Ben's order"));
}

#[wasm_bindgen_test]
async fn the_code_panel_tabs_switch_language_by_click_and_keyboard() {
    let app = mount("?strategy=join").await;
    app.follow(0).await;
    app.seek(100).await;
    let tabs = app.all("[role=tablist] button[role=tab]");
    assert_eq!(tabs.len(), 3);
    let selected = || {
        app.all("[role=tab][aria-selected=true]")
            .iter()
            .map(|t| t.text_content().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(selected(), ["JavaScript"]);
    for tab in &tabs {
        let tab: &HtmlElement = tab.dyn_ref().unwrap();
        assert!(tab.offset_height() >= 44, "a big enough target");
    }
    let code = || app.text("#code-lines");
    assert!(code().contains("await Promise.all(["));

    // A click picks Rust.
    tabs[1].dyn_ref::<HtmlElement>().unwrap().click();
    settle().await;
    assert_eq!(selected(), ["Rust"]);
    assert!(code().contains("futures::try_join!(pay(order), grind(order), steam(order))?;"));
    assert!(code().contains("async fn make_drink(order: &Order)"));
    assert_eq!(
        app.marked_lines(),
        ["futures::try_join!(pay(order), grind(order), steam(order))?;"]
    );
    assert_eq!(
        app.get("pre.code").get_attribute("data-lang").as_deref(),
        Some("rust")
    );
    let panel = app.get("[role=tabpanel]");
    assert_eq!(
        panel.get_attribute("aria-labelledby"),
        tabs[1].get_attribute("id")
    );
    assert_eq!(
        tabs[1].get_attribute("aria-controls"),
        panel.get_attribute("id")
    );
    assert_eq!(tabs[1].get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(tabs[0].get_attribute("tabindex").as_deref(), Some("-1"));

    // Arrows move the focus (wrapping around), Enter and Space pick.
    let focused = || document().active_element().unwrap();
    let press = |i: usize, key: &'static str| {
        dispatch(&tabs[i], "KeyboardEvent", "keydown", key);
        settle()
    };
    tabs[1].dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    press(1, "ArrowRight").await;
    assert!(focused().is_same_node(Some(&tabs[2])));
    assert_eq!(selected(), ["Rust"], "moving the focus does not pick");
    press(2, "Enter").await;
    assert_eq!(selected(), ["Python"]);
    assert!(code().contains("await asyncio.gather(pay(order), grind(order), steam(order))"));
    press(2, "ArrowRight").await;
    assert!(focused().is_same_node(Some(&tabs[0])));
    press(0, "ArrowLeft").await;
    assert!(focused().is_same_node(Some(&tabs[2])));
    press(2, "Home").await;
    assert!(focused().is_same_node(Some(&tabs[0])));
    press(0, " ").await;
    assert_eq!(selected(), ["JavaScript"]);
    assert_eq!(app.scrub(), "100", "Space on a tab is not play/pause");
    assert_eq!(app.text("#play"), "▶ Play");
    press(0, "End").await;
    assert!(focused().is_same_node(Some(&tabs[2])));
    assert_eq!(
        app.scrub(),
        "100",
        "End on a tab does not move the playhead"
    );
}

#[wasm_bindgen_test]
async fn the_callback_code_is_visibly_a_pyramid() {
    let app = mount("?strategy=callbacks").await;
    app.follow(0).await;
    // Where each line's code starts, left to right, for the lines that match.
    let starts = |needle: &str| -> Vec<i32> {
        app.all(".code-line")
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
    app.click("[role=tab][data-lang=python]").await;
    let defs = starts("def on_");
    assert_eq!(defs.len(), 3);
    assert!(defs.windows(2).all(|p| p[1] > p[0]), "{defs:?}");
}

// ---------------------------------------------------------------- charts --

#[wasm_bindgen_test]
async fn the_latency_histogram_has_a_bar_per_non_empty_bin_with_its_count() {
    use espresso_playground::charts::{Histogram, PlotBox, latencies};
    let app = mount("").await;
    let (trace, _) = engine_run(Strategy::Blocking);
    let values = latencies(&trace);
    let expected = Histogram::new(
        &values,
        PlotBox {
            width: 300,
            height: 140,
        },
    );

    let counts = app.bar_counts();
    assert_eq!(
        counts,
        expected.bars.iter().map(|b| b.count).collect::<Vec<_>>()
    );
    assert!(counts.iter().all(|&c| c > 0));
    assert_eq!(counts.iter().sum::<u32>() as usize, values.len());
    let figure = app.figure(HISTOGRAM);
    assert_eq!(all_in(&figure, "svg .bar rect").len(), counts.len());
    let svg = figure.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    let label = app.chart_label(HISTOGRAM);
    assert!(
        label.starts_with(&format!("{HISTOGRAM}: {} orders", values.len())),
        "{label}"
    );
    assert!(
        figure.query_selector(".playhead").unwrap().is_none(),
        "not a time chart"
    );

    // New data (three customers): the bars follow.
    app.param("customers", "3").await;
    assert_eq!(app.bar_counts().iter().sum::<u32>(), 3);
    assert!(
        app.chart_label(HISTOGRAM)
            .starts_with(&format!("{HISTOGRAM}: 3 orders"))
    );
}

#[wasm_bindgen_test]
async fn an_empty_histogram_says_so() {
    // Unchecked callbacks and a card reader that always fails: every order
    // is lost, so no order has a time in the café.
    let app = mount("?strategy=callbacks&pay_fail=1&check_err=false").await;
    assert!(app.bar_counts().is_empty());
    assert_eq!(
        app.chart_label(HISTOGRAM),
        format!("{HISTOGRAM}: no answered orders yet")
    );
    // Back to a strategy that answers them: the bars come back.
    app.click("#strategy-await").await;
    assert_eq!(app.bar_counts().iter().sum::<u32>(), 8);
}

#[wasm_bindgen_test]
async fn the_time_chart_moves_only_its_playhead_and_says_its_maximum() {
    let app = mount("").await;
    let (_, series) = engine_run(Strategy::Blocking);
    let longest = series.line.iter().map(|p| p.1).max().unwrap();
    let figure = app.figure(LINE_CHART);
    let path = figure.query_selector("path.series").unwrap().unwrap();
    assert_eq!(
        path.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg"),
        "drawn as SVG"
    );
    let d = path.get_attribute("d").unwrap();
    assert!(d.starts_with("M0 "), "{d}");
    let label = app.chart_label(LINE_CHART);
    assert!(
        label.starts_with(&format!("{LINE_CHART}: at most {longest} customers, at ")),
        "{label}"
    );
    assert!(
        all_in(&figure, ".plot text").len() >= 4,
        "tick labels on both axes"
    );
    let playhead = || figure.query_selector(".playhead").unwrap().unwrap();
    assert_eq!(
        playhead().get_attribute("transform").as_deref(),
        Some("translate(0 0)")
    );

    app.click(".transport .end").await;
    assert_eq!(
        playhead().get_attribute("transform").as_deref(),
        Some("translate(300 0)")
    );
    let text = all_in(&playhead(), "text")[0].text_content().unwrap();
    assert!(text.ends_with(" s"), "{text}");
    let same = app.figure(LINE_CHART);
    assert!(
        same.is_same_node(Some(&figure)),
        "the chart was not re-drawn"
    );
    let same = same.query_selector("path.series").unwrap().unwrap();
    assert!(
        same.is_same_node(Some(&path)),
        "the path was not re-created"
    );
    assert_eq!(same.get_attribute("d").unwrap(), d);
    // Half way (the blocking run ends at 10980 ms).
    app.seek(5490).await;
    assert_eq!(
        playhead().get_attribute("transform").as_deref(),
        Some("translate(150 0)")
    );
    assert_eq!(
        all_in(&playhead(), "text")[0].text_content().unwrap(),
        "5.5 s"
    );
}

#[wasm_bindgen_test]
async fn the_lag_chart_draws_spikes_and_a_chart_without_lag_says_so() {
    let app = mount("").await;
    let (_, series) = engine_run(Strategy::Blocking);
    let worst = series.lag.iter().map(|p| p.1).max().unwrap();
    let label = app.chart_label(LAG_CHART);
    assert!(
        label.contains(&format!("at most {}", duration_ms(worst.as_ms()))),
        "{label}"
    );
    let spikes = app
        .figure(LAG_CHART)
        .query_selector("path.spikes")
        .unwrap()
        .unwrap();
    assert!(spikes.get_attribute("d").unwrap().starts_with('M'));

    // One customer: no task ever waits, nothing to draw.
    app.param("customers", "1").await;
    assert_eq!(
        app.chart_label(LAG_CHART),
        format!("{LAG_CHART}: 0 ms throughout")
    );
    let d = app
        .figure(LAG_CHART)
        .query_selector("path.series")
        .unwrap()
        .unwrap()
        .get_attribute("d")
        .unwrap_or_default();
    assert_eq!(d, "", "no spikes");
    assert!(!app.text(".charts").contains("NaN"));
}

// ----------------------------------------------------------- the form --

#[wasm_bindgen_test]
async fn the_form_changes_the_cafe_and_names_a_bad_value() {
    let app = mount("?orders=1").await;
    app.param("customers", "5").await;
    assert_eq!(app.all("#order-rows tr").len(), 5);
    assert_eq!(app.all("#follow option").len(), 5);
    assert_eq!(app.text("#param-customers-error"), "");
    assert_eq!(
        app.get("#param-customers")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );

    app.param("customers", "20001").await;
    assert_eq!(
        app.text("#param-customers-error"),
        "customers = \"20001\": out of range (the page simulates 1 to 20000); kept 5."
    );
    assert_eq!(
        app.get("#param-customers")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(app.all("#order-rows tr").len(), 5, "the café kept 5");

    // A slider (a share: its 0 to 100 % is the whole accepted range)
    // applies while it moves, and says its value.
    app.set("#param-pay_fail", "25", "input").await;
    assert_eq!(app.text("#param-pay_fail-out"), "25%");
    // A duration is a number box over the whole accepted range.
    app.param("steam_ms", "5000").await;
    assert_eq!(app.text("#param-steam_ms-out"), "5000 ms");

    // A preset starts over with its own café and a fresh form.
    app.seek(300).await;
    app.set("#param-preset", "karen", "change").await;
    assert_eq!(app.all("#order-rows tr").len(), 12);
    assert_eq!(
        app.get_as::<HtmlInputElement>("#param-customers").value(),
        "12"
    );
    assert_eq!(app.scrub(), "0");
}

// ------------------------------------------------------ run it for real --

/// Waits (polling every 50 ms, at most `seconds`) until `selector` matches
/// inside the app.
async fn wait_for(app: &App, selector: &str, seconds: u32) -> bool {
    for _ in 0..seconds * 20 {
        if app.has(selector) {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    app.has(selector)
}

#[wasm_bindgen_test]
async fn a_real_run_gives_every_order_a_real_time_close_to_the_model() {
    let app = mount("?customers=3&strategy=await").await;
    assert!(app.has("#real-cancel[disabled]"));
    app.click("#real-run").await;
    assert!(app.has("#real-run[disabled]"), "one run at a time");
    assert!(
        app.text("#real-status")
            .starts_with("Running Sequential await")
    );
    assert!(wait_for(&app, "[data-testid=real-table]", 15).await);
    let rows = app.all("[data-testid=real-table] tbody tr");
    assert_eq!(rows.len(), 3);
    for row in &rows {
        let ms = |name: &str| -> f64 { row.get_attribute(name).unwrap().parse().unwrap() };
        let (real, model) = (ms("data-real-ms"), ms("data-model-ms"));
        assert!(
            (real - model).abs() <= 30.0 + 0.1 * model,
            "real {real} ms, model {model} ms"
        );
    }
    assert!(
        app.text("#real-status")
            .starts_with("Done: Sequential await ran for real in")
    );
    assert!(app.has("#real-cancel[disabled]") && !app.has("#real-run[disabled]"));
    assert!(!app.text("[data-testid=real-freeze]").is_empty());
}

#[wasm_bindgen_test]
async fn cancel_stops_a_real_run() {
    let app = mount("?strategy=await").await;
    app.click("#real-run").await;
    gloo_timers::future::TimeoutFuture::new(400).await;
    app.click("#real-cancel").await;
    let status = app.text("#real-status");
    assert!(
        status.starts_with("Cancelled: 0 of 8 orders had ended"),
        "{status}"
    );
    // The model's last order ends at 4.6 s: nothing of the run may go on.
    gloo_timers::future::TimeoutFuture::new(2000).await;
    assert_eq!(app.text("#real-status"), status);
    assert!(!app.has("[data-testid=real-table]"));
    assert!(app.has("#real-cancel[disabled]") && !app.has("#real-run[disabled]"));
}

#[wasm_bindgen_test]
async fn a_real_run_longer_than_a_minute_is_refused() {
    let app = mount("?customers=60&strategy=blocking").await;
    app.set("#real-scale", "4", "change").await;
    app.click("#real-run").await;
    assert!(app.text("#real-status").starts_with("Not run:"));
    assert!(!app.has("#real-run[disabled]"));
}
