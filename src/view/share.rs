//! Sharing: the Share dialog (the link to this very view), the Embed dialog
//! (an `<iframe>` snippet for a blog, with its options) and the snippet
//! itself.

use super::esc;

/// The Share dialog; `ui` fills `#share-link` and reports in
/// `#share-status`.
pub const SHARE_DIALOG: &str = concat!(
    "<dialog id=\"share-dialog\" class=\"share\" aria-labelledby=\"share-title\">",
    "<h2 id=\"share-title\">Share this café</h2>",
    "<p>The link opens exactly what you see now: the café, the strategy, the moment and the customer you follow.</p>",
    "<label for=\"share-link\">Link</label>",
    "<input id=\"share-link\" type=\"text\" readonly spellcheck=\"false\">",
    "<div class=\"dialog-actions\"><button type=\"button\" data-act=\"copy-link\">Copy link</button>",
    "<form method=\"dialog\"><button>Close</button></form></div>",
    "<p id=\"share-status\" class=\"status\" role=\"status\"></p></dialog>",
);

/// Panels an embed can show: (key, label).
pub const EMBED_PANELS: [(&str, &str); 9] = [
    ("scene", "The café"),
    ("controls", "Time controls"),
    ("picker", "Strategy switch"),
    ("loop", "Event loop"),
    ("code", "Code"),
    ("timeline", "Timeline"),
    ("results", "Results"),
    ("race", "The race"),
    ("params", "Parameters"),
];

/// The Embed dialog: which panels, autoplay, theme, and the snippet to copy
/// (`#embed-code`, filled by `ui` from [`iframe`]).
pub fn embed_dialog(chosen: &[&str]) -> String {
    let mut out = String::from(concat!(
        "<dialog id=\"embed-dialog\" class=\"share\" aria-labelledby=\"embed-title\">",
        "<h2 id=\"embed-title\">Embed in a page</h2>",
        "<p>Paste this into your blog's HTML. It starts where you are now and works in a sandboxed frame.</p>",
        "<fieldset><legend>Show</legend><div class=\"embed-panels\">",
    ));
    for (key, label) in EMBED_PANELS {
        out.push_str(&format!(
            "<label><input type=\"checkbox\" data-embed=\"{key}\"{}> {label}</label>",
            if chosen.contains(&key) {
                " checked"
            } else {
                ""
            }
        ));
    }
    out.push_str(concat!(
        "</div></fieldset><div class=\"embed-options\">",
        "<label><input type=\"checkbox\" data-embed=\"autoplay\"> Start playing</label>",
        "<label>Theme <select data-embed=\"theme\"><option value=\"auto\">like the reader's system</option>",
        "<option value=\"light\">light</option><option value=\"dark\">dark</option></select></label></div>",
        "<label for=\"embed-code\">HTML</label>",
        "<textarea id=\"embed-code\" readonly rows=\"4\" spellcheck=\"false\"></textarea>",
        "<div class=\"dialog-actions\"><button type=\"button\" data-act=\"copy-embed\">Copy HTML</button>",
        "<form method=\"dialog\"><button>Close</button></form></div>",
        "<p id=\"embed-status\" class=\"status\" role=\"status\"></p></dialog>",
    ));
    out
}

/// A sensible frame height (CSS px) for the chosen panels.
pub fn frame_height(chosen: &[&str]) -> u32 {
    let tall: u32 = chosen
        .iter()
        .map(|k| match *k {
            "scene" => 420,
            "controls" => 90,
            "picker" => 150,
            "loop" | "code" => 190,
            "timeline" => 330,
            "results" => 520,
            "race" => 200,
            "params" => 700,
            _ => 0,
        })
        .sum();
    (tall + 40).clamp(240, 1600)
}

/// The `<iframe>` snippet for `url`: titled, lazy, sandboxed to scripts
/// only, full width up to a comfortable size.
pub fn iframe(url: &str, title: &str, height: u32) -> String {
    let mut out = String::from("<iframe src=\"");
    esc(&mut out, url);
    out.push_str("\" title=\"");
    esc(&mut out, title);
    out.push_str(&format!(
        "\" width=\"100%\" height=\"{height}\" loading=\"lazy\" sandbox=\"allow-scripts\" style=\"border:0;max-width:1000px\"></iframe>"
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_lazy_sandboxed_titled_and_escaped() {
        let s = iframe(
            "https://example.org/app/?v=1&preset=karen",
            "Async Espresso: \"Karen\"",
            600,
        );
        assert_eq!(
            s,
            "<iframe src=\"https://example.org/app/?v=1&amp;preset=karen\" title=\"Async Espresso: &quot;Karen&quot;\" width=\"100%\" height=\"600\" loading=\"lazy\" sandbox=\"allow-scripts\" style=\"border:0;max-width:1000px\"></iframe>"
        );
    }

    #[test]
    fn the_frame_grows_with_the_panels_within_limits() {
        assert_eq!(frame_height(&[]), 240);
        assert!(
            frame_height(&["scene", "controls"]) < frame_height(&["scene", "controls", "code"])
        );
        assert_eq!(frame_height(&EMBED_PANELS.map(|p| p.0)), 1600);
    }

    #[test]
    fn the_embed_dialog_offers_every_panel_with_the_chosen_ones_ticked() {
        let html = embed_dialog(&["scene", "code"]);
        assert_eq!(
            html.matches("data-embed=\"").count(),
            EMBED_PANELS.len() + 2
        );
        assert!(html.contains("data-embed=\"scene\" checked"));
        assert!(html.contains("data-embed=\"loop\">"));
    }
}
