//! The link's model: [`View`], everything a link carries besides the
//! scenario, and its parts ([`Theme`], [`Panels`], [`Embed`]).

use crate::engine::{SimTime, Strategy};
use crate::listing::Language;
use std::ops::BitOr;

/// The page's colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow the reader's system (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Every theme.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// Identifier in links (and `data-theme`).
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Looks a theme up by its key (case-insensitive, trimmed).
    pub fn from_key(key: &str) -> Option<Theme> {
        Theme::ALL
            .into_iter()
            .find(|t| t.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// A set of the page's panels (for embeds): bit flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Panels(u16);

impl Panels {
    /// No panel.
    pub const NONE: Panels = Panels(0);
    /// The café.
    pub const SCENE: Panels = Panels(1);
    /// The time controls (transport: play, speed, scrubber).
    pub const CONTROLS: Panels = Panels(1 << 1);
    /// The event-loop panel.
    pub const LOOP: Panels = Panels(1 << 2);
    /// The code panel.
    pub const CODE: Panels = Panels(1 << 3);
    /// The timeline.
    pub const TIMELINE: Panels = Panels(1 << 4);
    /// The results (headline, comparison, charts, orders).
    pub const RESULTS: Panels = Panels(1 << 5);
    /// The race of the four strategies.
    pub const RACE: Panels = Panels(1 << 6);
    /// The parameters form.
    pub const PARAMS: Panels = Panels(1 << 7);
    /// The strategy picker.
    pub const PICKER: Panels = Panels(1 << 8);
    /// Every panel.
    pub const ALL: Panels = Panels((1 << 9) - 1);
    /// What an embed shows unless told otherwise.
    pub const EMBED_DEFAULT: Panels = Panels(
        Panels::SCENE.0 | Panels::CONTROLS.0 | Panels::LOOP.0 | Panels::CODE.0 | Panels::PICKER.0,
    );
    /// Each panel and its key in links, in link order.
    pub const KEYS: [(Panels, &'static str); 9] = [
        (Panels::SCENE, "scene"),
        (Panels::CONTROLS, "controls"),
        (Panels::LOOP, "loop"),
        (Panels::CODE, "code"),
        (Panels::TIMELINE, "timeline"),
        (Panels::RESULTS, "results"),
        (Panels::RACE, "race"),
        (Panels::PARAMS, "params"),
        (Panels::PICKER, "picker"),
    ];

    /// The raw bits.
    pub fn bits(self) -> u16 {
        self.0
    }

    /// The set with these bits (unknown bits dropped).
    pub fn from_bits(bits: u16) -> Panels {
        Panels(bits & Panels::ALL.0)
    }

    /// Whether every panel of `other` is in `self`.
    pub fn contains(self, other: Panels) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Adds `other`'s panels.
    pub fn insert(&mut self, other: Panels) {
        self.0 |= other.0;
    }

    /// Removes `other`'s panels.
    pub fn remove(&mut self, other: Panels) {
        self.0 &= !other.0;
    }

    /// One panel by its key (`transport` is another name for `controls`).
    pub fn from_key(key: &str) -> Option<Panels> {
        let key = key.trim();
        if key.eq_ignore_ascii_case("transport") {
            return Some(Panels::CONTROLS);
        }
        Panels::KEYS
            .into_iter()
            .find(|(_, k)| k.eq_ignore_ascii_case(key))
            .map(|(p, _)| p)
    }

    /// The keys of the panels in the set, in [`Panels::KEYS`] order.
    pub fn keys(self) -> Vec<&'static str> {
        Panels::KEYS
            .into_iter()
            .filter(|&(p, _)| self.contains(p))
            .map(|(_, k)| k)
            .collect()
    }
}

impl Default for Panels {
    /// [`Panels::EMBED_DEFAULT`].
    fn default() -> Panels {
        Panels::EMBED_DEFAULT
    }
}

impl BitOr for Panels {
    type Output = Panels;
    fn bitor(self, rhs: Panels) -> Panels {
        Panels(self.0 | rhs.0)
    }
}

/// Embed mode: minimal chrome for a blog's `<iframe>`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Embed {
    /// The panels shown (never empty in a link).
    pub panels: Panels,
}

/// Everything a link carries besides the scenario. The default is what the
/// page shows with no parameters. Each field's doc says what its key (see
/// [`super::VIEW_KEYS`]) holds in a link; switches are `1` or `0`.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The strategy shown; in links its [`Strategy::key`].
    pub strategy: Strategy,
    /// Simulated ms per real ms: one of [`SPEEDS`](crate::view::page::SPEEDS);
    /// in links the number (a trailing `x` is allowed), and other speeds
    /// snap to the nearest, with a notice.
    pub speed: f64,
    /// The playhead: whole ms in links, from 0 to [`super::MAX_T_MS`]
    /// (decimals are rounded; later times are clamped, with a notice).
    pub t: SimTime,
    /// The followed customer, 0-based in links too (as `data-follow`), below
    /// the number of customers; `None`: the app's choice.
    pub follow: Option<u32>,
    /// The code panel's language; in links its [`Language::key`].
    pub lang: Language,
    /// Large type (a switch).
    pub large: bool,
    /// The "every order" details panel is open (a switch).
    pub orders_open: bool,
    /// Start playing at once (a switch).
    pub autoplay: bool,
    /// Colours; in links the [`Theme::key`].
    pub theme: Theme,
    /// Embed mode and its panels; `None`: the full page. In links a switch,
    /// and the panels' names ([`Panels::KEYS`], or `all`) joined by `+` (or
    /// `,`), read only with embed on.
    pub embed: Option<Embed>,
    /// Presenter mode (readable on a projector; a switch).
    pub present: bool,
    /// A lesson: its id ([`super::valid_lesson_id`]) and the 0-based step
    /// (1-based in links, 1 to [`super::MAX_LESSON_STEPS`]).
    pub lesson: Option<(String, usize)>,
    /// The learner's handler text, exactly as written (kept with syntax
    /// errors: the page shows them in its editor); `None`: the starting
    /// text. In links compressed as the TypeScript playground compresses
    /// its code (lz-string's `compressToEncodedURIComponent`,
    /// [`super::compress_code`]); read back only up to
    /// [`MAX_CHARS`](crate::engine::handler::MAX_CHARS) characters. Shown
    /// with any strategy; [`Strategy::Yours`] runs it.
    pub code: Option<String>,
}

impl Default for View {
    fn default() -> View {
        View {
            strategy: Strategy::Blocking,
            speed: 1.0,
            t: SimTime::ZERO,
            follow: None,
            lang: Language::JavaScript,
            large: false,
            orders_open: false,
            autoplay: false,
            theme: Theme::Auto,
            embed: None,
            present: false,
            lesson: None,
            code: None,
        }
    }
}
