//! The page's frame: every panel's fixed markup and the empty places
//! (`id`s) that `ui` fills and keeps current. Controls carry `data-act`,
//! `data-param` or an `id` so one delegated handler per event kind serves
//! the whole page.

use super::params::label_of;
use super::{element, esc};
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

/// The notices about what the link asked for and the app ignored (plain
/// text, escaped); nothing when there are none.
pub fn notices(notices: &[String]) -> String {
    if notices.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section class=\"notices\" role=\"status\" aria-labelledby=\"notices-title\"><h2 id=\"notices-title\">Some of the link was not used</h2><ul>",
    );
    for n in notices {
        element(&mut out, "li", "", n);
    }
    out.push_str("</ul><button type=\"button\" data-act=\"dismiss\">Dismiss</button></section>");
    out
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
fn explain(out: &mut String) {
    out.push_str("<section class=\"picker\" aria-labelledby=\"picker-title\"><h2 id=\"picker-title\">This strategy in brief</h2><div class=\"explain\" aria-live=\"polite\"><pre><code id=\"strategy-code\"></code></pre><p data-testid=\"strategy-explain\" id=\"strategy-explain\"></p></div></section>");
}

/// Where the web app places an interactive part (a Leptos component that
/// replaces this empty element).
fn place(out: &mut String, id: &str) {
    element(out, "div", &format!(" id=\"{id}\""), "");
}

fn code(out: &mut String) {
    out.push_str(concat!(
        "<section class=\"code\" aria-label=\"The code\"><div id=\"follow-picker\"></div>",
        "<section class=\"code-panel\" data-testid=\"code-panel\" aria-labelledby=\"code-title\">",
        "<h2 id=\"code-title\"></h2>",
        "<p class=\"code-caption\" data-testid=\"code-caption\" id=\"code-caption\"></p>",
        "<div class=\"code-tabs\" role=\"tablist\" aria-label=\"Language\">",
    ));
    for (i, lang) in Language::ALL.into_iter().enumerate() {
        let key = lang.key();
        out.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"code-tab-{key}\" data-lang=\"{key}\" aria-selected=\"{}\" aria-controls=\"code-scroll\" tabindex=\"{}\">{}</button>",
            i == 0,
            if i == 0 { 0 } else { -1 },
            lang.label()
        ));
    }
    out.push_str(concat!(
        "</div><div class=\"code-scroll\" role=\"tabpanel\" id=\"code-scroll\" aria-labelledby=\"code-tab-js\" tabindex=\"0\">",
        "<pre class=\"code\" data-lang=\"js\" id=\"code-pre\"><code id=\"code-lines\"></code></pre></div>",
        "<div class=\"hint code-note\" data-testid=\"code-note\" id=\"code-note\"></div></section></section>",
    ));
}

fn timeline(out: &mut String) {
    out.push_str(concat!(
        "<section class=\"timeline\" aria-labelledby=\"timeline-title\"><div class=\"timeline-head\"><h2 id=\"timeline-title\">Timeline</h2>",
        "<p class=\"legend\"><span class=\"key cpu\">barista works (CPU)</span><span class=\"key io\">machine works (I/O)</span>",
        "<span class=\"key wait\">waiting</span><span class=\"key ready\">done, waiting for the barista</span>",
        "<span class=\"key blocked\">barista blocked (waits at a machine)</span></p></div>",
        "<div class=\"lanes\"><canvas id=\"lanes-canvas\" aria-hidden=\"true\"></canvas>",
        "<canvas id=\"head-canvas\" class=\"playhead\" role=\"img\" aria-label=\"Timeline: drag to move the playhead; click a bar to jump to it and follow that customer\"></canvas></div>",
        "<div class=\"lane-window\"><button type=\"button\" data-act=\"earlier\" id=\"earlier\">▲ Earlier customers</button>",
        "<span id=\"lane-range\"></span><button type=\"button\" data-act=\"later\" id=\"later\">▼ Later customers</button></div></section>",
    ));
}

fn race(out: &mut String) {
    out.push_str("<section class=\"race\" aria-labelledby=\"race-title\"><h2 id=\"race-title\">The race: all four at the same moment</h2><ul>");
    for s in Strategy::ALL {
        let key = s.key();
        out.push_str(&format!(
            "<li><button type=\"button\" class=\"race-cafe\" data-act=\"race\" data-strategy=\"{key}\" aria-pressed=\"false\"><canvas id=\"race-{key}\" aria-hidden=\"true\"></canvas><span class=\"visually-hidden\" id=\"race-{key}-words\"></span></button></li>"
        ));
    }
    out.push_str("</ul></section>");
}

fn results(out: &mut String, with_race: bool, orders_open: bool) {
    out.push_str(concat!(
        "<section class=\"results\" aria-labelledby=\"headline-title\"><h2 id=\"headline-title\"></h2>",
        "<dl class=\"headline\" data-testid=\"headline\" id=\"headline\"></dl><div class=\"charts\" id=\"charts\"></div>",
        "<p class=\"exports\">Download: <button type=\"button\" class=\"link\" data-act=\"csv\">results (CSV)</button> ",
        "<button type=\"button\" class=\"link\" data-act=\"svg\" data-chart=\"0\">line chart (SVG)</button> ",
        "<button type=\"button\" class=\"link\" data-act=\"svg\" data-chart=\"1\">lag chart (SVG)</button> ",
        "<button type=\"button\" class=\"link\" data-act=\"svg\" data-chart=\"2\">time in café (SVG)</button></p>",
        "<div id=\"mechanisms\"></div>",
        "<section class=\"monitor\" id=\"monitor\" aria-labelledby=\"monitor-title\"></section>",
    ));
    if with_race {
        race(out);
    }
    out.push_str(concat!(
        "<div class=\"compare\"><h3 id=\"results-title\">All four strategies, same customers</h3>",
        "<p class=\"swipe-hint\" aria-hidden=\"true\">Swipe the table sideways for more →</p>",
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"results-title\"><table data-testid=\"results-table\"><thead><tr>",
        "<th scope=\"col\">Strategy</th>",
        "<th scope=\"col\"><abbr title=\"median time from arrival to hand-over\">p50</abbr></th>",
        "<th scope=\"col\"><abbr title=\"95th percentile time from arrival to hand-over\">p95</abbr></th>",
        "<th scope=\"col\">Slowest</th><th scope=\"col\">Mean wait in line</th>",
        "<th scope=\"col\"><abbr title=\"most customers waiting in line at once\">Longest line</abbr></th><th scope=\"col\">Orders / min</th>",
        "<th scope=\"col\"><abbr title=\"95th percentile of how long ready tasks waited for the barista\">Loop lag p95</abbr></th>",
        "<th scope=\"col\">Barista working / blocked / idle</th><th scope=\"col\">Served</th><th scope=\"col\">Cookies</th><th scope=\"col\">Lost</th>",
        "</tr></thead><tbody id=\"compare-rows\"></tbody></table></div>",
        "<p class=\"hint\">Times run from a customer's arrival to the hand-over of a drink (or a cookie). ",
        "Percentiles are nearest-rank. Loop lag is how long a ready task waited for the barista.</p></div>",
    ));
    out.push_str(if orders_open {
        "<details class=\"orders\" open>"
    } else {
        "<details class=\"orders\">"
    });
    out.push_str(concat!(
        "<summary id=\"orders-title\"></summary>",
        "<p class=\"swipe-hint\" aria-hidden=\"true\">Swipe the table sideways for more →</p>",
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"orders-title\"><table data-testid=\"orders-table\"><thead><tr>",
        "<th scope=\"col\">Customer</th><th scope=\"col\">Time in café</th><th scope=\"col\">Outcome</th>",
        "<th scope=\"col\">Arrived</th><th scope=\"col\">Served</th><th scope=\"col\">Drink</th>",
        "</tr></thead><tbody id=\"order-rows\"></tbody></table></div><p class=\"hint\" id=\"orders-note\"></p></details>",
    ));
    out.push_str(&super::real::section());
    out.push_str("</section>");
}

/// Below the stage: the café's story, how to read it, and the lessons.
fn intro(out: &mut String, setup: &PageSetup) {
    out.push_str(
        "<section class=\"intro\" aria-labelledby=\"scenario-title\"><h2 id=\"scenario-title\">",
    );
    esc(out, &intro_title(&setup.preset, setup.customised));
    out.push_str("</h2>");
    element(
        out,
        "p",
        " id=\"scenario-caption\"",
        &intro_caption(&setup.preset, &setup.scenario),
    );
    out.push_str(concat!(
        "<p class=\"hint\">One barista is the main thread. The card reader, grinder, steamer and kettle are I/O: ",
        "they work on their own once started. Pick how the barista's code is written, press play, ",
        "and compare what happens to the same customers.</p>",
    ));
    out.push_str(&super::lesson::menu(&crate::lessons::lessons()));
    out.push_str("</section>");
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
    let mut out = String::with_capacity(14_000);
    if present {
        out.push_str("<main class=\"playground present large\" id=\"playground\">");
    } else if embed.is_some() {
        out.push_str("<main class=\"playground embed\" id=\"playground\"><p class=\"embed-bar\"><strong>Async Espresso</strong> · ");
        esc(&mut out, &setup.preset.title);
        out.push_str(" · <a id=\"open-full\" href=\"./\" target=\"_blank\" rel=\"noopener\">open the whole café ↗</a></p>");
    } else {
        out.push_str(concat!(
            "<header class=\"masthead\"><p class=\"logo\" aria-hidden=\"true\">☕</p><div><h1>Async Espresso</h1>",
            "<p class=\"tagline\">A coffee shop that teaches the event loop</p></div><div id=\"masthead-actions\"></div></header>",
            "<main class=\"playground\" id=\"playground\">",
        ));
    }
    out.push_str(&notices(&setup.notices));
    if setup.view.lesson.is_some() {
        out.push_str("<section class=\"lesson\" id=\"lesson\" aria-label=\"Lesson\"><div id=\"lesson-panel\"></div></section>");
    }
    // The stage: the switch, the transport and the café, first on screen.
    if shows(Panels::CONTROLS) || shows(Panels::SCENE) || shows(Panels::PICKER) {
        out.push_str("<section class=\"stage\" aria-label=\"The café\">");
        if shows(Panels::PICKER) {
            place(&mut out, "strategy-switch");
        }
        if shows(Panels::CONTROLS) {
            place(&mut out, "transport");
        }
        if shows(Panels::SCENE) {
            out.push_str(concat!(
                "<figure class=\"scene\" id=\"scene\" data-motion=\"full\"><canvas id=\"scene-canvas\" role=\"img\" ",
                "aria-label=\"The café: line, barista, machines, pickup\" aria-describedby=\"scene-words\"></canvas>",
                "<figcaption id=\"scene-words\" class=\"visually-hidden\"></figcaption></figure>",
            ));
        }
        if shows(Panels::CONTROLS) {
            place(&mut out, "scrubber");
        }
        out.push_str("</section>");
    }
    if shows(Panels::LOOP) || shows(Panels::CODE) {
        out.push_str("<div class=\"side\">");
        if shows(Panels::LOOP) {
            out.push_str(
                "<section class=\"loop\" aria-labelledby=\"loop-title\" id=\"loop\"></section>",
            );
        }
        if shows(Panels::CODE) {
            code(&mut out);
        }
        out.push_str("</div>");
    }
    if shows(Panels::PICKER) {
        explain(&mut out);
    }
    if embed.is_none() {
        intro(&mut out, setup);
    }
    if shows(Panels::TIMELINE) {
        timeline(&mut out);
    }
    if shows(Panels::RESULTS) {
        results(&mut out, shows(Panels::RACE), setup.view.orders_open);
    } else if shows(Panels::RACE) {
        race(&mut out);
    }
    if shows(Panels::PARAMS) {
        out.push_str(
            "<section class=\"params\" aria-labelledby=\"params-title\" id=\"params\"><div id=\"param-form\"></div></section>",
        );
    }
    out.push_str("</main><p class=\"visually-hidden\" aria-live=\"polite\" data-testid=\"narration\" id=\"narration\"></p>");
    if embed.is_none() && !present {
        out.push_str(concat!(
            "<footer><p>Press <kbd>?</kbd> for keyboard shortcuts. Everything runs in your browser (WebAssembly).</p>",
            "<p data-testid=\"sim-time\" id=\"sim-time\"></p></footer>",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
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
            for s in Strategy::ALL {
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
