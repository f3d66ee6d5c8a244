//! The page's frame: every panel's fixed markup and the empty places
//! (`id`s) that `ui` fills and keeps current. Controls carry `data-act`,
//! `data-param` or an `id` so one delegated handler per event kind serves
//! the whole page.

use super::html::{CONTENT, Fixed, HOLE, Hole, Html, markup};
use super::ids;
use super::params::label_of;
use crate::charts::seconds;
use crate::engine::decimal::show;
use crate::engine::param_table::{Slot, param};
use crate::engine::params::to_pairs;
use crate::engine::presets::Preset;
use crate::engine::scenario::{Arrivals, MachineKind};
use crate::engine::{Scenario, SimTime, Strategy};
use crate::link::Panels;
use crate::listing::Language;
use crate::setup::PageSetup;

/// Speeds offered: (simulated ms per real ms, label).
pub const SPEEDS: [(f64, &str); 7] = [
    (0.25, "0.25×"),
    (0.5, "0.5×"),
    (1.0, "1×"),
    (2.0, "2×"),
    (4.0, "4×"),
    (8.0, "8×"),
    (16.0, "16×"),
];

// The transport's buttons' faces: a symbol, and a word that narrow screens
// hide.
/// Restart's face.
pub const RESTART: &str = markup! {
    span("aria-hidden" = "true") { "⟲" } " " span("class" = "word") { "Restart" }
}
.as_str();
/// Step back's face.
pub const BACK: &str = markup! { "◂ " span("class" = "word") { "Step" } }.as_str();
/// Step on's face.
pub const FORWARD: &str = markup! { span("class" = "word") { "Step" } " ▸" }.as_str();
/// End's face.
pub const END: &str = markup! {
    span("class" = "word") { "End" } span("aria-hidden" = "true") { " ⇥" }
}
.as_str();
/// The keyboard shortcuts' dialog, inside.
pub const SHORTCUTS: &str = markup! {
    h2("id" = "shortcuts-title") { "Keyboard shortcuts" }
    dl {
        dt { kbd { "Space" } } dd { "play / pause" }
        dt { kbd { "←" } " " kbd { "→" } } dd { "previous / next event" }
        dt { kbd { "Home" } " " kbd { "End" } } dd { "start / end" }
        dt { kbd { "1" } "–" kbd { "5" } } dd { "blocking, callbacks, sequential await, parallel join, your code" }
        dt { kbd { "?" } } dd { "this list" }
    }
    form("method" = "dialog") { button { "Close" } }
}
.as_str();

/// The notices about what the link asked for and the app ignored (plain
/// text, escaped); nothing when there are none.
pub fn notices(notices: &[String]) -> String {
    let mut h = Html::new();
    notices_in(&mut h, notices);
    h.into_string()
}

fn notices_in(h: &mut Html, notices: &[String]) {
    if notices.is_empty() {
        return;
    }
    const NOTICES: [Fixed; 2] = markup! {
        section("class" = "notices", "role" = "status", "aria-labelledby" = "notices-title") {
            h2("id" = "notices-title") { "Some of the link was not used" }
            ul { (CONTENT) }
            button("type" = "button", "data-act" = "dismiss") { "Dismiss" }
        }
    }
    .split();
    h.fill_head(NOTICES[0], &[]);
    for n in notices {
        h.fill(markup! { li { (HOLE) } }, &[Hole::Text(n)]);
    }
    h.fill_tail(NOTICES[1], &[]);
}

/// The intro's title: the preset's, marked when the café on screen is not
/// the preset's any more.
pub fn intro_title(preset: &Preset, customised: bool) -> String {
    if customised {
        format!("{} (changed)", preset.title)
    } else {
        preset.title.clone()
    }
}

/// What the intro says about the café on screen: the preset's caption while
/// it is the preset's; once changed (by a link or the form), a description
/// of what is there now, since the caption's story no longer holds.
pub fn intro_caption(preset: &Preset, scenario: &Scenario) -> String {
    let base = preset.scenario().unwrap_or_default();
    if *scenario == base {
        preset.caption.clone()
    } else {
        changed_caption(&preset.title, &base, scenario)
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn machine_count(kind: MachineKind, n: u32) -> String {
    let (one, many) = match kind {
        MachineKind::Reader => ("card reader", "card readers"),
        MachineKind::Grinder => ("grinder", "grinders"),
        MachineKind::Steamer => ("steamer", "steamers"),
        MachineKind::Kettle => ("kettle", "kettles"),
        MachineKind::Helper => ("helper (worker thread)", "helpers (worker threads)"),
        MachineKind::Menu => ("menu server", "menu servers"),
    };
    plural(n, one, many)
}

/// Whether the description below tells parameter `key` in words of its
/// own (by where it lives: no list of keys here).
fn told(key: &str) -> bool {
    param(key).is_some_and(|p| {
        matches!(
            p.slot,
            Slot::Customers
                | Slot::Arrivals
                | Slot::Interval
                | Slot::Karen
                | Slot::Capacity(_)
                | Slot::Offload
                | Slot::Breaker
                | Slot::Cache
        )
    })
}

/// "The morning line, changed: 15 customers, one every 300 ms; 2 steamers
/// (the preset has 1); a circuit breaker on; also changed: random seed."
fn changed_caption(title: &str, base: &Scenario, s: &Scenario) -> String {
    let mut parts = Vec::new();
    if s.listed.is_empty() {
        let every = format!("one every {} ms", show(s.interval_ms));
        parts.push(match s.arrivals {
            Arrivals::Fixed => format!("{}, {every}", plural(s.customers, "customer", "customers")),
            Arrivals::Poisson => format!(
                "{}, {every} on average",
                plural(s.customers, "customer", "customers")
            ),
        });
        if s.karen_at != base.karen_at {
            parts.push(match s.karen_at {
                0 => "no Karen".to_string(),
                k if k > s.customers => "Karen never comes".to_string(),
                k => format!("Karen is number {k} in line"),
            });
        }
    } else {
        let n = u32::try_from(s.listed.len()).unwrap_or(u32::MAX);
        parts.push(plural(n, "listed customer", "listed customers"));
    }
    for kind in MachineKind::ALL {
        let (now, was) = (s.capacity[kind.index()], base.capacity[kind.index()]);
        if now != was {
            parts.push(format!(
                "{} (the preset has {was})",
                machine_count(kind, now)
            ));
        }
    }
    for (on, words) in [
        (s.offload, "heavy steps handed to a helper"),
        (s.pool.on(), "pools that put idle units away"),
        (s.breaker.on, "a circuit breaker on"),
        (s.cache.on, "a price cache on"),
    ] {
        if on {
            parts.push(words.to_string());
        }
    }
    let before = to_pairs(base);
    let others: Vec<String> = to_pairs(s)
        .into_iter()
        .filter(|p| !told(&p.0) && !before.contains(p))
        .map(|(key, _)| {
            label_of(&key).map_or(key, |l| {
                let mut label = l.to_string();
                if let Some(first) = label.get(..1) {
                    label.replace_range(..1, &first.to_ascii_lowercase());
                }
                label
            })
        })
        .collect();
    if !others.is_empty() {
        parts.push(format!("also changed: {}", others.join(", ")));
    }
    format!("{title}, changed: {}.", parts.join("; "))
}

/// What the transport says when a switch of strategy finds the playhead
/// past the end of the new strategy's run: it shows that run's end.
pub fn ended_sooner(strategy: Strategy, end: SimTime, at: SimTime) -> String {
    format!(
        "{} was done by {}: its run ended sooner than the {} you were at, so this is its end.",
        strategy.label(),
        seconds(end),
        seconds(at)
    )
}

/// What the chosen strategy's code looks like and does, in brief.
fn explain(h: &mut Html) {
    h.fill(
        markup! {
            section("class" = "picker", "aria-labelledby" = "picker-title") {
                h2("id" = "picker-title") { "This strategy in brief" }
                div("class" = "explain", "aria-live" = "polite") {
                    pre { code("id" = ids::STRATEGY_CODE) {} }
                    p("data-testid" = "strategy-explain", "id" = ids::STRATEGY_EXPLAIN) {}
                }
            }
        },
        &[],
    );
}

/// Where the web app places an interactive part (a Leptos component that
/// replaces this empty element).
fn place(h: &mut Html, id: &str) {
    h.fill(markup! { div("id" = HOLE) {} }, &[Hole::Text(id)]);
}

fn code(h: &mut Html) {
    const CODE: [Fixed; 2] = markup! {
        section("class" = "code", "aria-label" = "The code") {
            div("id" = ids::FOLLOW_PICKER) {}
            section("class" = "code-panel", "data-testid" = "code-panel", "aria-labelledby" = ids::CODE_TITLE) {
                h2("id" = ids::CODE_TITLE) {}
                p("class" = "code-caption", "data-testid" = "code-caption", "id" = ids::CODE_CAPTION) {}
                div("id" = ids::CODE_ACTIONS) {}
                div("class" = "code-tabs", "role" = "tablist", "aria-label" = "Language") { (CONTENT) }
                div(
                    "class" = "code-scroll",
                    "role" = "tabpanel",
                    "id" = ids::CODE_SCROLL,
                    // The first tab: ids::code_tab(Language::ALL[0]).
                    "aria-labelledby" = "code-tab-\0",
                    "tabindex" = "0",
                ) {
                    pre("class" = "code", "data-lang" = "js", "id" = ids::CODE_PRE) {
                        code("id" = ids::CODE_LINES) {}
                    }
                    div("id" = ids::CODE_EDITOR) {}
                }
                div("class" = "hint code-note", "data-testid" = "code-note", "id" = ids::CODE_NOTE) {}
            }
        }
    }
    .split();
    h.fill_head(CODE[0], &[]);
    for (i, lang) in Language::ALL.into_iter().enumerate() {
        let first = i == 0;
        h.fill(
            markup! {
                button(
                    "type" = "button",
                    "role" = "tab",
                    // ids::code_tab(lang) (the test below checks the
                    // spelling).
                    "id" = "code-tab-\0",
                    "data-lang" = HOLE,
                    "aria-selected" = HOLE,
                    "aria-controls" = ids::CODE_SCROLL,
                    "tabindex" = HOLE,
                ) { (HOLE) }
            },
            &[
                Hole::Text(lang.key()),
                Hole::Text(lang.key()),
                Hole::Text(if first { "true" } else { "false" }),
                Hole::Int(if first { 0 } else { -1 }),
                Hole::Text(lang.label()),
            ],
        );
    }
    h.fill_tail(CODE[1], &[Hole::Text(Language::ALL[0].key())]);
}

fn timeline(h: &mut Html) {
    h.fill(
        markup! {
            section("class" = "timeline", "aria-labelledby" = "timeline-title") {
                div("class" = "timeline-head") {
                    h2("id" = "timeline-title") { "Timeline" }
                    p("class" = "legend") {
                        span("class" = "key cpu") { "barista works (CPU)" }
                        span("class" = "key io") { "machine works (I/O)" }
                        span("class" = "key wait") { "waiting" }
                        span("class" = "key ready") { "done, waiting for the barista" }
                        span("class" = "key blocked") { "barista blocked (waits at a machine)" }
                    }
                }
                div("class" = "lanes") {
                    canvas("id" = ids::LANES_CANVAS, "aria-hidden" = "true") {}
                    canvas(
                        "id" = ids::HEAD_CANVAS,
                        "class" = "playhead",
                        "role" = "img",
                        "aria-label" = "Timeline: drag to move the playhead; click a bar to jump to it and follow that customer",
                    ) {}
                }
                div("class" = "lane-window") {
                    button("type" = "button", "data-act" = "earlier", "id" = ids::EARLIER) { "▲ Earlier customers" }
                    span("id" = ids::LANE_RANGE) {}
                    button("type" = "button", "data-act" = "later", "id" = ids::LATER) { "▼ Later customers" }
                }
            }
        },
        &[],
    );
}

fn race(h: &mut Html) {
    const RACE: [Fixed; 2] = markup! {
        section("class" = "race", "aria-labelledby" = "race-title") {
            h2("id" = "race-title") { "The race: the same customers, at the same moment" }
            ul { (CONTENT) }
        }
    }
    .split();
    h.fill_head(RACE[0], &[]);
    // "Your code" races once the learner has written a handler.
    for s in Strategy::WITH_YOURS {
        h.fill(
            markup! {
                li {
                    button(
                        "type" = "button",
                        "class" = "race-cafe",
                        "data-act" = "race",
                        "data-strategy" = HOLE,
                        "aria-pressed" = "false",
                    ) {
                        // ids::race(s) and ids::race_words(s) (the test
                        // below checks the spelling).
                        canvas("id" = "race-\0", "aria-hidden" = "true") {}
                        span("class" = "visually-hidden", "id" = "race-\0-words") {}
                    }
                }
            },
            &[
                Hole::Text(s.key()),
                Hole::Text(s.key()),
                Hole::Text(s.key()),
            ],
        );
    }
    h.fill_tail(RACE[1], &[]);
}

fn results(h: &mut Html, with_race: bool, orders_open: bool) {
    const RESULTS: [Fixed; 3] = markup! {
        section("class" = "results", "aria-labelledby" = ids::HEADLINE_TITLE) {
            h2("id" = ids::HEADLINE_TITLE) {}
            dl("class" = "headline", "data-testid" = "headline", "id" = ids::HEADLINE) {}
            div("class" = "charts", "id" = ids::CHARTS) {}
            p("class" = "exports") {
                "Download: "
                button("type" = "button", "class" = "link", "data-act" = "csv") { "results (CSV)" }
                " "
                button("type" = "button", "class" = "link", "data-act" = "svg", "data-chart" = "0") { "line chart (SVG)" }
                " "
                button("type" = "button", "class" = "link", "data-act" = "svg", "data-chart" = "1") { "lag chart (SVG)" }
                " "
                button("type" = "button", "class" = "link", "data-act" = "svg", "data-chart" = "2") { "time in café (SVG)" }
            }
            div("id" = ids::MECHANISMS) {}
            section("class" = "monitor", "id" = ids::MONITOR, "aria-labelledby" = "monitor-title") {}
            (CONTENT)
            div("class" = "compare") {
                h3("id" = "results-title") { "All four strategies, same customers" }
                p("class" = "swipe-hint", "aria-hidden" = "true") { "Swipe the table sideways for more →" }
                div("class" = "table-scroll", "tabindex" = "0", "role" = "region", "aria-labelledby" = "results-title") {
                    table("data-testid" = "results-table") {
                        thead {
                            tr {
                                th("scope" = "col") { "Strategy" }
                                th("scope" = "col") { abbr("title" = "median time from arrival to hand-over") { "p50" } }
                                th("scope" = "col") { abbr("title" = "95th percentile time from arrival to hand-over") { "p95" } }
                                th("scope" = "col") { "Slowest" }
                                th("scope" = "col") { "Mean wait in line" }
                                th("scope" = "col") { abbr("title" = "most customers waiting in line at once") { "Longest line" } }
                                th("scope" = "col") { "Orders / min" }
                                th("scope" = "col") {
                                    abbr("title" = "95th percentile of how long ready tasks waited for the barista") { "Loop lag p95" }
                                }
                                th("scope" = "col") { "Barista working / blocked / idle" }
                                th("scope" = "col") { "Served" }
                                th("scope" = "col") { "Cookies" }
                                th("scope" = "col") { "Lost" }
                            }
                        }
                        tbody("id" = ids::COMPARE_ROWS) {}
                    }
                }
                p("class" = "hint") {
                    "Times run from a customer's arrival to the hand-over of a drink (or a cookie). "
                    "Percentiles are nearest-rank. Loop lag is how long a ready task waited for the barista."
                }
            }
            (CONTENT)
        }
    }
    .split();
    h.fill_head(RESULTS[0], &[]);
    if with_race {
        race(h);
    }
    h.fill(RESULTS[1], &[]);
    const OPEN: [Fixed; 2] = markup! { details("class" = "orders", "open") { (CONTENT) } }.split();
    const SHUT: [Fixed; 2] = markup! { details("class" = "orders") { (CONTENT) } }.split();
    let orders = if orders_open { OPEN } else { SHUT };
    h.fill_head(orders[0], &[]);
    h.fill(
        markup! {
            summary("id" = ids::ORDERS_TITLE) {}
            p("class" = "swipe-hint", "aria-hidden" = "true") { "Swipe the table sideways for more →" }
            div("class" = "table-scroll", "tabindex" = "0", "role" = "region", "aria-labelledby" = ids::ORDERS_TITLE) {
                table("data-testid" = "orders-table") {
                    thead {
                        tr {
                            th("scope" = "col") { "Customer" }
                            th("scope" = "col") { "Time in café" }
                            th("scope" = "col") { "Outcome" }
                            th("scope" = "col") { "Arrived" }
                            th("scope" = "col") { "Served" }
                            th("scope" = "col") { "Drink" }
                        }
                    }
                    tbody("id" = ids::ORDER_ROWS) {}
                }
            }
            p("class" = "hint", "id" = ids::ORDERS_NOTE) {}
        },
        &[],
    );
    h.fill_tail(orders[1], &[]);
    super::real::section_in(h);
    h.fill_tail(RESULTS[2], &[]);
}

/// Below the stage: the café's story, how to read it, and the lessons.
fn intro(h: &mut Html, setup: &PageSetup) {
    const INTRO: [Fixed; 2] = markup! {
        section("class" = "intro", "aria-labelledby" = ids::SCENARIO_TITLE) {
            h2("id" = ids::SCENARIO_TITLE) { (HOLE) }
            p("id" = ids::SCENARIO_CAPTION) { (HOLE) }
            p("class" = "hint") {
                "One barista is the main thread. The card reader, grinder, steamer and kettle are I/O: "
                "they work on their own once started. Pick how the barista's code is written, press play, "
                "and compare what happens to the same customers."
            }
            (CONTENT)
        }
    }
    .split();
    h.fill_head(
        INTRO[0],
        &[
            Hole::Text(&intro_title(&setup.preset, setup.customised)),
            Hole::Text(&intro_caption(&setup.preset, &setup.scenario)),
        ],
    );
    super::lesson::menu_in(h, &crate::lessons::lessons());
    h.fill_tail(INTRO[1], &[]);
}

/// What presenter mode shows: the café, its time controls, the event loop,
/// the code, the timeline and the results (the lessons point at charts).
pub fn presenter_panels() -> Panels {
    Panels::PICKER
        | Panels::SCENE
        | Panels::CONTROLS
        | Panels::LOOP
        | Panels::CODE
        | Panels::TIMELINE
        | Panels::RESULTS
}

/// What the page says while a café of `customers` is simulated in the
/// back room (a Web Worker), `done` of the `of` runs asked for finished
/// (the four strategies, and the learner's handler when there is one).
pub fn busy(customers: u32, done: usize, of: usize) -> String {
    format!(
        "Simulating {} customers in the back room (a Web Worker, off the page's main thread): {done} of {of} strategies ready…",
        crate::format::thousands(u64::from(customers))
    )
}

/// The footer's line on how long the café's runs took: all of them, or,
/// while a big café's runs come in, how many are in so far.
pub fn sim_time(runs: &crate::play::Runs, timings: &crate::play::Timings) -> String {
    let customers = runs.instance.orders.len();
    let ms = |v: f64| v.round() as u64;
    let (done, pending) = (runs.all().count(), runs.pending().count());
    if pending == 0 {
        format!(
            "{customers} customers under all four strategies: simulated in {} ms, ready to show in {} ms.",
            ms(timings.simulate_ms),
            ms(timings.total_ms)
        )
    } else {
        format!(
            "{customers} customers: {done} of {} strategies in so far, simulated in {} ms; the first was ready in {} ms.",
            done + pending,
            ms(timings.simulate_ms),
            ms(timings.first_ms)
        )
    }
}

/// The words on the page that follow the shown strategy: the strategy in
/// brief and the panels' titles that name it, as (id, text).
pub fn strategy_texts(strategy: Strategy) -> [(&'static str, String); 5] {
    let name = strategy.label();
    let brief = crate::content::strategy_text(strategy);
    [
        (ids::STRATEGY_CODE, brief.code),
        (ids::STRATEGY_EXPLAIN, brief.explain),
        (ids::HEADLINE_TITLE, format!("Results: {name}")),
        (ids::CODE_TITLE, format!("The code: {name}")),
        (ids::ORDERS_TITLE, format!("{name}: every order")),
    ]
}

/// Everything inside `<body>`: masthead, the playground's panels (empty
/// where they show the run) and the footer; in embed mode only the chosen
/// panels under a one-line bar.
pub fn skeleton(setup: &PageSetup) -> String {
    let present = setup.view.present;
    let embed = if present {
        Some(presenter_panels())
    } else {
        setup.view.embed.map(|e| e.panels)
    };
    let shows = |p: Panels| embed.is_none_or(|e| e.contains(p));
    const PRESENT: [Fixed; 2] = markup! {
        main("class" = "playground present large", "id" = ids::PLAYGROUND) { (CONTENT) }
    }
    .split();
    const EMBED: [Fixed; 2] = markup! {
        main("class" = "playground embed", "id" = ids::PLAYGROUND) {
            p("class" = "embed-bar") {
                strong { "Async Espresso" }
                " · "
                (HOLE)
                " · "
                a("id" = ids::OPEN_FULL, "href" = "./", "target" = "_blank", "rel" = "noopener") {
                    "open the whole café ↗"
                }
            }
            (CONTENT)
        }
    }
    .split();
    const PAGE: [Fixed; 2] = markup! {
        header("class" = "masthead") {
            p("class" = "logo", "aria-hidden" = "true") { "☕" }
            div {
                h1 { "Async Espresso" }
                p("class" = "tagline") { "A coffee shop that teaches the event loop" }
            }
            div("id" = ids::MASTHEAD_ACTIONS) {}
        }
        main("class" = "playground", "id" = ids::PLAYGROUND) { (CONTENT) }
    }
    .split();
    let mut h = Html::with_capacity(14_000);
    let page = if present {
        h.fill_head(PRESENT[0], &[]);
        PRESENT[1]
    } else if embed.is_some() {
        h.fill_head(EMBED[0], &[Hole::Text(&setup.preset.title)]);
        EMBED[1]
    } else {
        h.fill_head(PAGE[0], &[]);
        PAGE[1]
    };
    notices_in(&mut h, &setup.notices);
    if setup.view.lesson.is_some() {
        h.fill(
            markup! {
                section("class" = "lesson", "id" = ids::LESSON, "aria-label" = "Lesson") {
                    div("id" = ids::LESSON_PANEL) {}
                }
            },
            &[],
        );
    }
    // The stage: the switch, the transport and the café, first on screen.
    if shows(Panels::CONTROLS) || shows(Panels::SCENE) || shows(Panels::PICKER) {
        const STAGE: [Fixed; 2] =
            markup! { section("class" = "stage", "aria-label" = "The café") { (CONTENT) } }.split();
        h.fill_head(STAGE[0], &[]);
        if shows(Panels::PICKER) {
            place(&mut h, ids::STRATEGY_SWITCH);
        }
        if shows(Panels::CONTROLS) {
            place(&mut h, ids::TRANSPORT);
        }
        if shows(Panels::SCENE) {
            h.fill(
                markup! {
                    figure("class" = "scene", "id" = ids::SCENE, "data-motion" = "full") {
                        canvas(
                            "id" = ids::SCENE_CANVAS,
                            "role" = "img",
                            "aria-label" = "The café: line, barista, machines, pickup",
                            "aria-describedby" = ids::SCENE_WORDS,
                        ) {}
                        div("class" = "first-frames", "id" = ids::SCENE_PICTURE) {}
                        p("class" = "back-room", "id" = ids::BUSY, "role" = "status", "hidden") {}
                        figcaption("id" = ids::SCENE_WORDS, "class" = "visually-hidden") {}
                    }
                },
                &[],
            );
        }
        if shows(Panels::CONTROLS) {
            place(&mut h, ids::SCRUBBER);
        }
        h.fill_tail(STAGE[1], &[]);
    }
    if shows(Panels::LOOP) || shows(Panels::CODE) {
        const SIDE: [Fixed; 2] = markup! { div("class" = "side") { (CONTENT) } }.split();
        h.fill_head(SIDE[0], &[]);
        if shows(Panels::LOOP) {
            h.fill(
                markup! { section("class" = "loop", "aria-labelledby" = "loop-title", "id" = ids::LOOP) {} },
                &[],
            );
        }
        if shows(Panels::CODE) {
            code(&mut h);
        }
        h.fill_tail(SIDE[1], &[]);
    }
    if shows(Panels::PICKER) {
        explain(&mut h);
    }
    if embed.is_none() {
        intro(&mut h, setup);
    }
    if shows(Panels::TIMELINE) {
        timeline(&mut h);
    }
    if shows(Panels::RESULTS) {
        results(&mut h, shows(Panels::RACE), setup.view.orders_open);
    } else if shows(Panels::RACE) {
        race(&mut h);
    }
    if shows(Panels::PARAMS) {
        h.fill(
            markup! {
                section("class" = "params", "aria-labelledby" = "params-title", "id" = ids::PARAMS) {
                    div("id" = ids::PARAM_FORM) {}
                }
            },
            &[],
        );
    }
    h.fill_tail(page, &[]).fill(
        markup! {
            p("class" = "visually-hidden", "aria-live" = "polite", "data-testid" = "narration", "id" = ids::NARRATION) {}
        },
        &[],
    );
    if embed.is_none() && !present {
        h.fill(
            markup! {
                footer {
                    p { "Press " kbd { "?" } " for keyboard shortcuts. Everything runs in your browser (WebAssembly)." }
                    p("data-testid" = "sim-time", "id" = ids::SIM_TIME) {}
                }
            },
            &[],
        );
    }
    h.into_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_footer_says_how_many_runs_are_in() {
        use crate::play::{Runs, Timings};
        let whole = Runs::new(&crate::engine::Scenario::default());
        let timings = Timings {
            simulate_ms: 12.4,
            total_ms: 30.6,
            first_ms: 7.5,
        };
        assert_eq!(
            sim_time(&whole, &timings),
            "8 customers under all four strategies: simulated in 12 ms, ready to show in 31 ms."
        );
        let coming =
            Runs::coming((*whole.instance).clone(), true).and(whole.run(Strategy::Join).clone());
        assert_eq!(
            sim_time(&coming, &timings),
            "8 customers: 1 of 5 strategies in so far, simulated in 12 ms; the first was ready in 8 ms."
        );
    }

    use super::*;
    use crate::setup::setup_from_query;

    #[test]
    fn notices_are_text_and_absent_when_there_are_none() {
        assert_eq!(notices(&[]), "");
        let html = notices(&["seed = \"<script>\": not a number".to_string()]);
        assert!(html.contains("<li>seed = &quot;&lt;script&gt;&quot;: not a number</li>"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn the_frame_has_every_place_the_ui_fills_once() {
        use crate::view::ids::{self, PLACES, Where};
        let lesson = crate::lessons::lessons()[0].id.clone();
        for (query, embed, in_lesson) in [
            (String::new(), false, false),
            ("?embed=1".to_string(), true, false),
            (format!("?lesson={lesson}"), false, true),
        ] {
            let html = skeleton(&setup_from_query(&query));
            let count = |id: &str| html.matches(&format!(" id=\"{id}\"")).count();
            for (id, place) in PLACES {
                assert_eq!(
                    count(id),
                    place.count(embed, in_lesson),
                    "{id} in {query:?}"
                );
            }
            for s in Strategy::WITH_YOURS {
                let race = Where::Page.count(embed, in_lesson);
                assert_eq!(count(&ids::race(s)), race, "{query:?}");
                assert_eq!(count(&ids::race_words(s)), race, "{query:?}");
            }
            for l in Language::ALL {
                assert_eq!(count(&ids::code_tab(l)), 1, "{query:?}");
            }
        }
        let html = skeleton(&setup_from_query(""));
        assert_eq!(html.matches("role=\"tab\"").count(), 3);
    }

    #[test]
    fn the_title_says_when_the_link_changed_the_preset() {
        let html = skeleton(&setup_from_query("?preset=karen&customers=5"));
        assert!(html.contains("(changed)</h2>"), "{html}");
        assert!(!skeleton(&setup_from_query("?preset=karen")).contains("(changed)"));
    }

    #[test]
    fn a_changed_preset_describes_what_is_on_screen_not_its_old_story() {
        let html = skeleton(&setup_from_query(
            "?customers=15&steamers=2&breaker=true&seed=3",
        ));
        assert!(
            html.contains(concat!(
                "<p id=\"scenario-caption\">The morning line, changed: 15 customers, one every 300 ms; ",
                "2 steamers (the preset has 1); a circuit breaker on; also changed: random seed.</p>"
            )),
            "{html}"
        );
        assert!(!html.contains("Eight customers"), "the old caption is gone");
        let karen = skeleton(&setup_from_query("?preset=karen&customers=15"));
        assert!(
            karen.contains(">Karen&#39;s pour-over, changed: 15 customers, one every 250 ms.</p>"),
            "{karen}"
        );
        assert!(!karen.contains("Twelve customers"));
        // Unchanged: the preset's own caption.
        let same = skeleton(&setup_from_query("?preset=karen"));
        assert!(same.contains("<p id=\"scenario-caption\">Twelve customers, one every 250 ms. "));
    }

    #[test]
    fn changed_captions_name_what_differs() {
        let list = crate::engine::presets::presets();
        let rush = list.iter().find(|p| p.id == "morning-rush").unwrap();
        let mut s = rush.scenario().unwrap();
        assert_eq!(intro_caption(rush, &s), rush.caption);
        s.customers = 1;
        s.capacity[MachineKind::Helper.index()] = 2;
        s.offload = true;
        s.karen_at = 1;
        s.step_ms[crate::engine::scenario::StepId::Steam.index()] = 500.0;
        assert_eq!(
            intro_caption(rush, &s),
            concat!(
                "The morning rush, changed: 1 customer, one every 350 ms on average; Karen is number 1 in line; ",
                "2 helpers (worker threads) (the preset has 0); heavy steps handed to a helper; ",
                "also changed: steam milk (steamer)."
            )
        );
        assert_eq!(intro_title(rush, true), "The morning rush (changed)");
        assert_eq!(intro_title(rush, false), "The morning rush");
    }

    #[test]
    fn a_switch_past_the_new_runs_end_is_told() {
        assert_eq!(
            ended_sooner(
                Strategy::Join,
                SimTime::from_ms(2905.0),
                SimTime::from_ms(5120.0)
            ),
            "Parallel join was done by 2.9 s: its run ended sooner than the 5.1 s you were at, so this is its end."
        );
        let html = skeleton(&setup_from_query(""));
        assert!(
            html.contains(
                "<span class=\"key blocked\">barista blocked (waits at a machine)</span>"
            )
        );
    }

    #[test]
    fn an_embed_shows_only_its_panels_under_a_one_line_bar() {
        let html = skeleton(&setup_from_query("?preset=karen&embed=1&panels=scene+code"));
        assert!(html.contains("class=\"embed-bar\""));
        assert!(html.contains(" id=\"scene-canvas\""));
        assert!(html.contains(" id=\"code-lines\""));
        for gone in [
            "masthead",
            " id=\"loop\"",
            " id=\"params\"",
            " id=\"transport\"",
            "share-dialog",
            "<footer",
        ] {
            assert!(!html.contains(gone), "{gone}");
        }
        let full = skeleton(&setup_from_query(""));
        assert!(full.contains(" id=\"masthead-actions\""));
        assert!(
            skeleton(&setup_from_query("?orders=1")).contains("<details class=\"orders\" open>")
        );
    }
}
