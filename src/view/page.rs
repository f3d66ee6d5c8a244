//! The page's frame: every panel's fixed markup and the empty places
//! (`id`s) that `ui` fills and keeps current. Controls carry `data-act`,
//! `data-param` or an `id` so one delegated handler per event kind serves
//! the whole page.

use super::share::{SHARE_DIALOG, embed_dialog};
use super::{element, esc};
use crate::engine::Strategy;
use crate::link::Panels;
use crate::listing::Language;
use crate::page::PageSetup;

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

fn picker(out: &mut String) {
    out.push_str("<section class=\"picker\" aria-labelledby=\"picker-title\"><h2 id=\"picker-title\">How is the barista's code written?</h2><fieldset><legend class=\"visually-hidden\">Strategy</legend><div class=\"choices\">");
    for s in Strategy::ALL {
        let key = s.key();
        out.push_str(&format!(
            "<label class=\"choice\" for=\"strategy-{key}\"><input type=\"radio\" id=\"strategy-{key}\" name=\"strategy\" value=\"{key}\"><span>{}</span></label>",
            s.label()
        ));
    }
    out.push_str("</div></fieldset><div class=\"explain\" aria-live=\"polite\"><pre><code id=\"strategy-code\"></code></pre><p data-testid=\"strategy-explain\" id=\"strategy-explain\"></p></div></section>");
}

fn transport(out: &mut String) {
    out.push_str(concat!(
        "<div class=\"transport\" role=\"group\" aria-label=\"Time controls\">",
        "<button type=\"button\" data-act=\"restart\">⟲ Restart</button>",
        "<button type=\"button\" data-act=\"back\" aria-label=\"Step back to the previous event\">◂ Step</button>",
        "<button type=\"button\" class=\"play\" data-act=\"toggle\" id=\"play\">▶ Play</button>",
        "<button type=\"button\" data-act=\"forward\" aria-label=\"Step on to the next event\">Step ▸</button>",
        "<button type=\"button\" data-act=\"end\">End</button>",
        "<label class=\"speed\">Speed <select id=\"speed\">",
    ));
    for (speed, label) in SPEEDS {
        out.push_str(&format!(
            "<option value=\"{label}\"{}>{label}</option>",
            if speed == 1.0 { " selected" } else { "" }
        ));
    }
    out.push_str(concat!(
        "</select></label>",
        "<output class=\"clock\" id=\"clock\" aria-live=\"off\"></output>",
        "<button type=\"button\" class=\"help\" data-act=\"help\" aria-label=\"Keyboard shortcuts\">?</button>",
        "</div>",
        "<input type=\"range\" class=\"scrub\" id=\"scrub\" aria-label=\"Playhead\" min=\"0\" max=\"0\" step=\"1\" value=\"0\">",
        "<dialog id=\"shortcuts\" class=\"shortcuts\" aria-labelledby=\"shortcuts-title\">",
        "<h2 id=\"shortcuts-title\">Keyboard shortcuts</h2><dl>",
        "<dt><kbd>Space</kbd></dt><dd>play / pause</dd>",
        "<dt><kbd>←</kbd> <kbd>→</kbd></dt><dd>previous / next event</dd>",
        "<dt><kbd>Home</kbd> <kbd>End</kbd></dt><dd>start / end</dd>",
        "<dt><kbd>1</kbd>–<kbd>4</kbd></dt><dd>blocking, callbacks, sequential await, parallel join</dd>",
        "<dt><kbd>?</kbd></dt><dd>this list</dd>",
        "</dl><form method=\"dialog\"><button>Close</button></form></dialog>",
    ));
}

fn code(out: &mut String) {
    out.push_str(concat!(
        "<section class=\"code\" aria-label=\"The code\"><label class=\"follow\">Follow <select id=\"follow\"></select></label>",
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
        "<span class=\"key wait\">waiting</span><span class=\"key ready\">done, waiting for the barista</span></p></div>",
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
        "<th scope=\"col\">Slowest</th><th scope=\"col\">Mean wait in line</th><th scope=\"col\">Orders / min</th>",
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

/// What presenter mode shows: the café, its time controls, the event loop,
/// the code, the timeline and the results (the lessons point at charts).
pub fn presenter_panels() -> Panels {
    Panels::SCENE
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
            "<p class=\"tagline\">A coffee shop that teaches the event loop</p></div><div class=\"masthead-actions\">",
            "<button type=\"button\" class=\"large-toggle\" data-act=\"large\" id=\"large\" aria-pressed=\"false\">Large type</button>",
            "<button type=\"button\" data-act=\"share\">Share</button>",
            "<button type=\"button\" data-act=\"embed\">Embed</button></div></header>",
            "<main class=\"playground\" id=\"playground\">",
        ));
    }
    out.push_str(&notices(&setup.notices));
    if setup.view.lesson.is_some() {
        out.push_str("<section class=\"lesson\" id=\"lesson\" aria-label=\"Lesson\"></section>");
    }
    if embed.is_none() {
        out.push_str("<section class=\"intro\" aria-labelledby=\"scenario-title\"><h2 id=\"scenario-title\">");
        esc(&mut out, &setup.preset.title);
        if setup.customised {
            out.push_str(" (changed)");
        }
        out.push_str("</h2>");
        element(&mut out, "p", "", &setup.preset.caption);
        out.push_str(concat!(
            "<p class=\"hint\">One barista is the main thread. The card reader, grinder, steamer and kettle are I/O: ",
            "they work on their own once started. Pick how the barista's code is written, press play, ",
            "and compare what happens to the same customers.</p>",
        ));
        out.push_str(&super::lesson::menu(&crate::lessons::lessons()));
        out.push_str("</section>");
    }
    // A blog's frame opens on the café; the full page on the choice.
    if shows(Panels::PICKER) && embed.is_none() {
        picker(&mut out);
    }
    if shows(Panels::CONTROLS) || shows(Panels::SCENE) {
        out.push_str("<section class=\"stage\" aria-label=\"The café\">");
        if shows(Panels::CONTROLS) {
            transport(&mut out);
        }
        if shows(Panels::SCENE) {
            out.push_str(concat!(
                "<figure class=\"scene\" id=\"scene\" data-motion=\"full\"><canvas id=\"scene-canvas\" role=\"img\" ",
                "aria-label=\"The café: line, barista, machines, pickup\" aria-describedby=\"scene-words\"></canvas>",
                "<figcaption id=\"scene-words\" class=\"visually-hidden\"></figcaption></figure>",
            ));
        }
        out.push_str("</section>");
    }
    if shows(Panels::PICKER) && embed.is_some() {
        picker(&mut out);
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
            "<section class=\"params\" aria-labelledby=\"params-title\" id=\"params\"></section>",
        );
    }
    out.push_str("</main><p class=\"visually-hidden\" aria-live=\"polite\" data-testid=\"narration\" id=\"narration\"></p>");
    if embed.is_none() && !present {
        out.push_str(concat!(
            "<footer><p>Press <kbd>?</kbd> for keyboard shortcuts. Everything runs in your browser (WebAssembly).</p>",
            "<p data-testid=\"sim-time\" id=\"sim-time\"></p></footer>",
        ));
        out.push_str(SHARE_DIALOG);
        out.push_str(&embed_dialog(&Panels::EMBED_DEFAULT.keys()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::setup_from_query;

    #[test]
    fn notices_are_text_and_absent_when_there_are_none() {
        assert_eq!(notices(&[]), "");
        let html = notices(&["seed = \"<script>\": not a number".to_string()]);
        assert!(html.contains("<li>seed = &quot;&lt;script&gt;&quot;: not a number</li>"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn the_frame_has_every_place_the_ui_fills_once() {
        let html = skeleton(&setup_from_query(""));
        for id in [
            "play",
            "speed",
            "clock",
            "scrub",
            "shortcuts",
            "scene-canvas",
            "scene-words",
            "loop",
            "follow",
            "code-title",
            "code-caption",
            "code-lines",
            "lanes-canvas",
            "head-canvas",
            "lane-range",
            "headline-title",
            "headline",
            "charts",
            "compare-rows",
            "orders-title",
            "order-rows",
            "orders-note",
            "params",
            "narration",
            "sim-time",
            "race-join",
            "strategy-explain",
            "monitor",
            "strategy-code",
            "large",
        ] {
            assert_eq!(html.matches(&format!(" id=\"{id}\"")).count(), 1, "{id}");
        }
        assert_eq!(html.matches("type=\"radio\"").count(), 4);
        assert_eq!(html.matches("role=\"tab\"").count(), 3);
    }

    #[test]
    fn the_title_says_when_the_link_changed_the_preset() {
        let html = skeleton(&setup_from_query("?preset=karen&customers=5"));
        assert!(html.contains("(changed)</h2>"), "{html}");
        assert!(!skeleton(&setup_from_query("?preset=karen")).contains("(changed)"));
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
            " id=\"clock\"",
            "share-dialog",
            "<footer",
        ] {
            assert!(!html.contains(gone), "{gone}");
        }
        let full = skeleton(&setup_from_query(""));
        assert!(full.contains("data-act=\"share\"") && full.contains("id=\"embed-dialog\""));
        assert!(
            skeleton(&setup_from_query("?orders=1")).contains("<details class=\"orders\" open>")
        );
    }
}
