//! The page's frame: every panel's fixed markup and the empty places
//! (`id`s) that `ui` fills and keeps current. Controls carry `data-act`,
//! `data-param` or an `id` so one delegated handler per event kind serves
//! the whole page.

use super::{element, esc};
use crate::engine::Strategy;
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
        "<pre class=\"code\" data-lang=\"js\" id=\"code-pre\"><code id=\"code-lines\"></code></pre></div></section></section>",
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

fn results(out: &mut String) {
    out.push_str(concat!(
        "<section class=\"results\" aria-labelledby=\"headline-title\"><h2 id=\"headline-title\"></h2>",
        "<dl class=\"headline\" data-testid=\"headline\" id=\"headline\"></dl><div class=\"charts\" id=\"charts\"></div>",
        "<section class=\"race\" aria-labelledby=\"race-title\"><h2 id=\"race-title\">The race: all four at the same moment</h2><ul>",
    ));
    for s in Strategy::ALL {
        let key = s.key();
        out.push_str(&format!(
            "<li><button type=\"button\" class=\"race-cafe\" data-act=\"race\" data-strategy=\"{key}\" aria-pressed=\"false\"><canvas id=\"race-{key}\" aria-hidden=\"true\"></canvas><span class=\"visually-hidden\" id=\"race-{key}-words\"></span></button></li>"
        ));
    }
    out.push_str(concat!(
        "</ul></section><div class=\"compare\"><h3 id=\"results-title\">All four strategies, same customers</h3>",
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
        "<details class=\"orders\"><summary id=\"orders-title\"></summary>",
        "<p class=\"swipe-hint\" aria-hidden=\"true\">Swipe the table sideways for more →</p>",
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"orders-title\"><table data-testid=\"orders-table\"><thead><tr>",
        "<th scope=\"col\">Customer</th><th scope=\"col\">Time in café</th><th scope=\"col\">Outcome</th>",
        "<th scope=\"col\">Arrived</th><th scope=\"col\">Served</th><th scope=\"col\">Drink</th>",
        "</tr></thead><tbody id=\"order-rows\"></tbody></table></div><p class=\"hint\" id=\"orders-note\"></p></details></section>",
    ));
}

/// Everything inside `<body>`: masthead, the playground's panels (empty
/// where they show the run) and the footer.
pub fn skeleton(setup: &PageSetup) -> String {
    let mut out = String::with_capacity(12_000);
    out.push_str(concat!(
        "<header class=\"masthead\"><p class=\"logo\" aria-hidden=\"true\">☕</p><div><h1>Async Espresso</h1>",
        "<p class=\"tagline\">A coffee shop that teaches the event loop</p></div>",
        "<button type=\"button\" class=\"large-toggle\" data-act=\"large\" id=\"large\" aria-pressed=\"false\">Large type</button></header>",
        "<main class=\"playground\" id=\"playground\">",
    ));
    out.push_str(&notices(&setup.notices));
    out.push_str(
        "<section class=\"intro\" aria-labelledby=\"scenario-title\"><h2 id=\"scenario-title\">",
    );
    esc(&mut out, &setup.preset.title);
    if setup.customised {
        out.push_str(" (changed)");
    }
    out.push_str("</h2>");
    element(&mut out, "p", "", &setup.preset.caption);
    out.push_str(concat!(
        "<p class=\"hint\">One barista is the main thread. The card reader, grinder, steamer and kettle are I/O: ",
        "they work on their own once started. Pick how the barista's code is written, press play, ",
        "and compare what happens to the same customers.</p></section>",
    ));
    picker(&mut out);
    out.push_str("<section class=\"stage\" aria-label=\"The café\">");
    transport(&mut out);
    out.push_str(concat!(
        "<figure class=\"scene\" id=\"scene\" data-motion=\"full\"><canvas id=\"scene-canvas\" role=\"img\" ",
        "aria-label=\"The café: line, barista, machines, pickup\" aria-describedby=\"scene-words\"></canvas>",
        "<figcaption id=\"scene-words\" class=\"visually-hidden\"></figcaption></figure></section>",
        "<div class=\"side\"><section class=\"loop\" aria-labelledby=\"loop-title\" id=\"loop\"></section>",
    ));
    code(&mut out);
    out.push_str("</div>");
    timeline(&mut out);
    results(&mut out);
    out.push_str(concat!(
        "<section class=\"params\" aria-labelledby=\"params-title\" id=\"params\"></section></main>",
        "<p class=\"visually-hidden\" aria-live=\"polite\" data-testid=\"narration\" id=\"narration\"></p>",
        "<footer><p>Press <kbd>?</kbd> for keyboard shortcuts. Everything runs in your browser (WebAssembly).</p>",
        "<p data-testid=\"sim-time\" id=\"sim-time\"></p></footer>",
    ));
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
}
