//! Sharing: what the Embed dialog offers (the panels an embed can show),
//! the snippet it writes (an `<iframe>` for a blog) with its height, and
//! what it says about the host. The dialogs are components of the web app.

use super::html::{HOLE, Hole, Html, markup};

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

/// Frame widths (CSS px) the snippet's height must suit: a phone's column
/// to the snippet's `max-width`; below 600 px the café is drawn upright.
const WIDTHS: [u32; 9] = [320, 360, 390, 450, 520, 599, 700, 800, 1000];
/// An embed of one panel, at each of [`WIDTHS`] (CSS px, measured in
/// Chromium with the `karen` and `black-friday` presets, the larger of the
/// two): the panel plus [`FRAME_BASE`].
const PANEL_HEIGHTS: [(&str, [u32; 9]); 9] = [
    ("scene", [640, 711, 763, 869, 966, 1104, 565, 629, 756]),
    ("controls", [327, 279, 279, 279, 257, 208, 271, 274, 274]),
    ("picker", [610, 562, 562, 508, 486, 462, 508, 471, 444]),
    ("loop", [584, 536, 536, 536, 514, 492, 522, 495, 495]),
    ("code", [750, 726, 726, 676, 654, 654, 725, 725, 725]),
    ("timeline", [733, 713, 688, 656, 634, 609, 640, 586, 586]),
    (
        "results",
        [3458, 3399, 3168, 3044, 3040, 3092, 3436, 3574, 2338],
    ),
    ("race", [763, 835, 891, 981, 396, 434, 488, 530, 472]),
    (
        "params",
        [4124, 4035, 3992, 3927, 3841, 3819, 4100, 2761, 2664],
    ),
];
/// What every embed has besides its panels (the bar, the page's padding;
/// a little less than measured, so that sums err on the tall side).
const FRAME_BASE: u32 = 80;
/// Room for a longer preset title or strategy text than measured.
const FRAME_SLACK: u32 = 24;

/// The frame's height (CSS px) for the chosen panels: the tallest their
/// page gets at any of [`WIDTHS`], so that the frame never scrolls inside
/// the post however wide its column (`embed.js` then fits it exactly).
pub fn frame_height(chosen: &[&str]) -> u32 {
    let tallest = (0..WIDTHS.len())
        .map(|w| {
            PANEL_HEIGHTS
                .iter()
                .filter(|(key, _)| chosen.contains(key))
                .map(|(_, h)| h[w] - FRAME_BASE)
                .sum::<u32>()
        })
        .max()
        .unwrap_or(0);
    (tallest + FRAME_BASE + FRAME_SLACK).div_ceil(10).max(24) * 10
}

/// How the host serving the app answers a frame's cross-origin requests,
/// found by fetching the app's own files (`ui::share`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Served {
    /// Not known yet (the check is under way).
    Checking,
    /// Every script and the wasm carry `Access-Control-Allow-Origin`.
    Cors,
    /// Some file lacks the header (or the check could not tell).
    NoCors,
}

impl Served {
    /// The frame's `sandbox`: scripts only where the files carry the CORS
    /// header (an opaque origin fetches every file cross-origin); else also
    /// the app's own origin, so that its files load as same-origin ones.
    /// Both let a link the reader clicks open the whole café in a new tab,
    /// outside the sandbox (the frame's "open the whole café ↗" and its
    /// message when it cannot start); nothing opens on its own.
    pub fn sandbox(self) -> &'static str {
        match self {
            Served::Cors => "allow-scripts allow-popups allow-popups-to-escape-sandbox",
            Served::Checking | Served::NoCors => {
                "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
            }
        }
    }
}

/// What the Embed dialog says about the host (`#embed-host`), as text:
/// what the blog's host and the app's host must or need not do. `origin` is
/// the app's origin (`https://example.org`).
pub fn host_advice(served: Served, origin: &str) -> String {
    match served {
        Served::Checking => "Checking how this café is served…".to_string(),
        Served::Cors => format!(
            "{origin} sends Access-Control-Allow-Origin with its files, so the frame runs fully \
             sandboxed (an opaque origin): it cannot reach your page, your cookies or \
             its own storage. Neither your blog's host nor this one needs to do anything."
        ),
        Served::NoCors => format!(
            "{origin} sends no Access-Control-Allow-Origin header, so the snippet lets the frame \
             keep its own origin (allow-same-origin) and works without it: your blog's host \
             needs to do nothing. That is safe on a page from any other origin, which the frame \
             cannot reach; do not paste it into a page on {origin} itself, where the frame could \
             lift its sandbox (there, have {origin} send the header: README, “Embedding”)."
        ),
    }
}

/// What the Embed dialog says about the frame's height and the optional
/// host script (`#embed-fit`), as text; `base` is the app's address with
/// its final slash.
pub fn fit_advice(base: &str) -> String {
    format!(
        "The frame is tall enough for any column from a phone's to 1000 px. Optional: to fit it \
         exactly and drive it from your page, add <script src=\"{base}embed.js\" defer></script> \
         (README, “Fitting the frame and talking to it”)."
    )
}

/// The `<iframe>` snippet for `url`: titled, lazy, sandboxed as `served`
/// allows ([`Served::sandbox`]), full width up to a comfortable size.
pub fn iframe(url: &str, title: &str, height: u32, served: Served) -> String {
    let mut h = Html::new();
    h.fill(
        markup! {
            iframe(
                "src" = HOLE,
                "title" = HOLE,
                "width" = "100%",
                "height" = HOLE,
                "loading" = "lazy",
                "sandbox" = HOLE,
                "style" = "border:0;max-width:1000px",
            ) {}
        },
        &[
            Hole::Text(url),
            Hole::Text(title),
            Hole::Int(height.into()),
            Hole::Text(served.sandbox()),
        ],
    );
    h.into_string()
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
            Served::Cors,
        );
        assert_eq!(
            s,
            "<iframe src=\"https://example.org/app/?v=1&amp;preset=karen\" title=\"Async Espresso: &quot;Karen&quot;\" width=\"100%\" height=\"600\" loading=\"lazy\" sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\" style=\"border:0;max-width:1000px\"></iframe>"
        );
    }

    #[test]
    fn without_the_cors_header_the_snippet_keeps_the_apps_origin_and_says_when_that_is_safe() {
        let s = iframe("https://example.org/", "t", 600, Served::NoCors);
        assert!(s.contains(
            " sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\" "
        ));
        let advice = host_advice(Served::NoCors, "https://example.org");
        assert!(advice.contains("needs to do nothing"));
        assert!(advice.contains("do not paste it into a page on https://example.org itself"));
        assert!(host_advice(Served::Cors, "https://example.org").contains("fully sandboxed"));
        assert!(
            fit_advice("https://example.org/app/")
                .contains("<script src=\"https://example.org/app/embed.js\" defer></script>")
        );
        // Until the check answers, the form that works without the header.
        assert_eq!(Served::Checking.sandbox(), Served::NoCors.sandbox());
    }

    #[test]
    fn the_frame_grows_with_the_panels_within_limits() {
        assert_eq!(frame_height(&[]), 240);
        assert!(
            frame_height(&["scene", "controls"]) < frame_height(&["scene", "controls", "code"])
        );
        // The upright café of a 599 px column is the tallest.
        assert_eq!(frame_height(&["scene"]), 1130);
        assert!(frame_height(&EMBED_PANELS.map(|p| p.0)) > 9000);
    }
}
