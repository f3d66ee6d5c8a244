//! Links: everything that matters lives in the URL, so a link opens exactly
//! what its author saw. Pure Rust (no browser), tested natively.
//!
//! A link is `?v=1&preset=ID`, then the scenario parameters that differ from
//! that preset's scenario (canonical text from [`params::to_pairs`], in its
//! order), then the [`View`] fields that differ from [`View::default`].
//! [`query`] writes it; [`crate::setup::setup_from_query`] reads it back
//! (leniently: every bad value gets a notice naming the key, the value, why,
//! and what is shown instead). Recipes are written with spaces between
//! steps (`latte=pay+steam+assemble` in the link, rather than `%2B`), which
//! read back the same.
//!
//! # Keys
//!
//! | key | short | value | default |
//! | --- | --- | --- | --- |
//! | `v` | | link version: `1` (none means 1; others are read as 1, with a notice) | `1` |
//! | `preset` | `p` | a preset id | the first preset |
//! | scenario keys | see below | as `espresso --set` (`params`) | the preset's |
//! | `strategy` | `s` | `blocking`, `callbacks`, `await`, `join` | `blocking` |
//! | `speed` | `x` | one of [`SPEEDS`] (`0.25` … `16`; a trailing `x` is allowed); others snap to the nearest, with a notice | `1` |
//! | `t` | | playhead in whole ms, `0` to [`MAX_T_MS`] (decimals are rounded; larger values are clamped, with a notice) | `0` |
//! | `follow` | `f` | followed customer, **0-based** (as `data-follow`), below the number of customers | app's choice |
//! | `lang` | `l` | `js`, `rust`, `python` | `js` |
//! | `large` | `lg` | large type: `1`/`0` | `0` |
//! | `orders` | `o` | the "every order" panel open: `1`/`0` | `0` |
//! | `autoplay` | `a` | start playing: `1`/`0` | `0` |
//! | `theme` | `th` | `auto`, `light`, `dark` | `auto` |
//! | `embed` | `e` | embed mode: `1`/`0` | `0` |
//! | `panels` | `pn` | with `embed=1`: panel names joined by `+` (or `,`): `scene`, `controls`, `loop`, `code`, `timeline`, `results`, `race`, `params`, `picker`, or `all` | `scene+controls+loop+code+picker` |
//! | `present` | `pr` | presenter mode: `1`/`0` | `0` |
//! | `lesson` | `ls` | lesson id, `[a-z0-9-]{1,32}` | none |
//! | `step` | `sp` | with `lesson`: the step, **1-based** (`1` to [`MAX_LESSON_STEPS`]) | `1` |
//!
//! Switches read `1`, `true`, `yes`, `on` (and a bare key, `?embed`) as on
//! and `0`, `false`, `no`, `off` as off; [`query`] writes `1`.
//!
//! # Short keys
//!
//! [`query`] writes the long keys unless that link is longer than
//! [`COMPACT_OVER`] characters; then it writes every key by its short form
//! (values are unchanged). Reading always accepts both. The view's short
//! keys are the table above ([`VIEW_ALIASES`]); each scenario parameter's
//! is in its row of [`crate::engine::param_table::TABLE`] (and in
//! `espresso --help`). No short key is a long key.
//!
//! # Text encoded once too often
//!
//! Chat apps, mail clients and forms sometimes percent-encode a link a
//! second time (`%253Cscript%253E`, `preset%3Dkaren`). The rule: **text that
//! is not usable as it stands and still contains a valid `%XX` escape after
//! the usual decode is decoded again** (at most [`MAX_EXTRA_DECODES`] more
//! times), and used, with a notice, if that makes it usable:
//!
//! - a value its key refuses is decoded again and tried again; when every
//!   attempt is refused, the notice names the last (most decoded) text;
//! - a key that is not known is decoded again; and a part without `=` whose
//!   decoded text is itself `key=value…` with a known first key
//!   (`preset%3Dkaren%26strategy%3Djoin`, a whole query encoded again) is
//!   read as those pairs (one level deep).
//!
//! Text that is usable once decoded is never decoded again (a value never
//! changes meaning), and truncated or malformed escapes (`%`, `%2`, `%zz`)
//! stay as they are, so they are refused like any other bad text.
//!
//! # Round trip
//!
//! For every valid state — a preset, a scenario the page can show (at most
//! [`crate::setup::MAX_PAGE_CUSTOMERS`] customers; whose link fits in
//! [`crate::setup::MAX_QUERY_CHARS`]; and not without a customer list when
//! the preset has one, since no parameter removes a list: no built-in
//! preset has one) and a view whose
//! speed is offered, whose `t` is whole ms up to [`MAX_T_MS`], whose
//! followed customer exists, whose lesson id is well formed with a step
//! below [`MAX_LESSON_STEPS`] and whose embed panels are not empty —
//! reading `query(p, s, v)` gives back exactly `s` and `v`, with no notices.
//!
//! [`params::to_pairs`]: crate::engine::params::to_pairs

use crate::engine::decimal;
use crate::engine::param_table;
use crate::engine::params::{shown, to_pairs};
use crate::engine::{Scenario, SimTime, Strategy};
use crate::listing::Language;
use crate::view::page::SPEEDS;
use std::ops::BitOr;

/// The link format this app writes and reads.
pub const VERSION: u32 = 1;
/// Latest playhead a link may ask for, in ms (24 hours).
pub const MAX_T_MS: u64 = 86_400_000;
/// Most steps a lesson link may point at (1-based in links).
pub const MAX_LESSON_STEPS: usize = 999;
/// Longest lesson id.
pub const MAX_LESSON_ID_CHARS: usize = 32;
/// Links longer than this (with long keys) are written with short keys.
pub const COMPACT_OVER: usize = 200;
/// Most extra decodes of text that was encoded once too often.
pub const MAX_EXTRA_DECODES: usize = 2;

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
/// page shows with no parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The strategy shown.
    pub strategy: Strategy,
    /// Simulated ms per real ms: one of [`SPEEDS`].
    pub speed: f64,
    /// The playhead (whole ms in links).
    pub t: SimTime,
    /// The followed customer (0-based); `None`: the app's choice.
    pub follow: Option<u32>,
    /// The code panel's language.
    pub lang: Language,
    /// Large type.
    pub large: bool,
    /// The "every order" details panel is open.
    pub orders_open: bool,
    /// Start playing at once.
    pub autoplay: bool,
    /// Colours.
    pub theme: Theme,
    /// Embed mode and its panels; `None`: the full page.
    pub embed: Option<Embed>,
    /// Presenter mode (readable on a projector).
    pub present: bool,
    /// A lesson: its id and the 0-based step (1-based in links).
    pub lesson: Option<(String, usize)>,
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
        }
    }
}

/// The view's keys with a short form: (long, short). The scenario
/// parameters' short keys are in [`param_table::TABLE`]. Short keys are used
/// when a long link would be longer than [`COMPACT_OVER`]; both are always
/// read.
pub const VIEW_ALIASES: [(&str, &str); 14] = [
    ("preset", "p"),
    ("strategy", "s"),
    ("speed", "x"),
    ("follow", "f"),
    ("lang", "l"),
    ("large", "lg"),
    ("orders", "o"),
    ("autoplay", "a"),
    ("theme", "th"),
    ("embed", "e"),
    ("panels", "pn"),
    ("present", "pr"),
    ("lesson", "ls"),
    ("step", "sp"),
];

/// Every key with a short form, (long, short): the view's, then every
/// scenario parameter's.
pub fn aliases() -> impl Iterator<Item = (&'static str, &'static str)> {
    VIEW_ALIASES
        .into_iter()
        .chain(param_table::TABLE.iter().map(|p| (p.key, p.alias)))
}

/// Keys with no short form (they are short already).
const UNALIASED: [&str; 2] = ["v", "t"];

/// The long key for `key` (long or short, trimmed), if it is a key links
/// use.
pub fn long_key(key: &str) -> Option<&'static str> {
    let key = key.trim();
    if !(1..=LONGEST_KEY).contains(&key.len()) {
        return None;
    }
    if let Some(&(long, _)) = VIEW_ALIASES
        .iter()
        .find(|(long, short)| *long == key || *short == key)
    {
        return Some(long);
    }
    if let Some(p) = param_table::by_key_or_alias(key) {
        return Some(p.key);
    }
    UNALIASED.into_iter().find(|k| *k == key)
}

/// The longest key, `breaker_timeout_ms`.
const LONGEST_KEY: usize = 18;

/// The short key for a long key (itself when it has none).
pub fn short_key(long: &str) -> &str {
    aliases().find(|(l, _)| *l == long).map_or(long, |(_, s)| s)
}

/// Whether `long` is a scenario parameter's key.
pub fn is_scenario_key(long: &str) -> bool {
    param_table::param(long).is_some()
}

/// The keys of [`View`] fields, in link order.
pub const VIEW_KEYS: [&str; 14] = [
    "strategy", "speed", "t", "follow", "lang", "large", "orders", "autoplay", "theme", "embed",
    "panels", "present", "lesson", "step",
];

/// Percent-encodes text for a query string: letters, digits and
/// `-_.~,:@/` stay, a space becomes `+`, every other byte `%XX`.
/// [`crate::setup::form_decode`] reverses it.
pub fn encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b','
            | b':'
            | b'@'
            | b'/' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
    out
}

/// The scenario parameters of `scenario` that differ from `base`, as
/// canonical pairs in [`to_pairs`] order.
pub fn scenario_pairs(base: &Scenario, scenario: &Scenario) -> Vec<(String, String)> {
    let base = to_pairs(base);
    to_pairs(scenario)
        .into_iter()
        .filter(|p| !base.contains(p))
        .collect()
}

fn switch(on: bool) -> String {
    if on { "1" } else { "0" }.to_string()
}

/// The fields of `view` that differ from [`View::default`], as (long key,
/// value) pairs in [`VIEW_KEYS`] order.
pub fn view_pairs(view: &View) -> Vec<(&'static str, String)> {
    let d = View::default();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    if view.strategy != d.strategy {
        out.push(("strategy", view.strategy.key().to_string()));
    }
    if view.speed != d.speed {
        out.push(("speed", decimal::show(view.speed)));
    }
    let t_ms = (view.t.0 + 500) / 1000;
    if t_ms != 0 {
        out.push(("t", t_ms.to_string()));
    }
    if let Some(f) = view.follow {
        out.push(("follow", f.to_string()));
    }
    if view.lang != d.lang {
        out.push(("lang", view.lang.key().to_string()));
    }
    for (key, on) in [
        ("large", view.large),
        ("orders", view.orders_open),
        ("autoplay", view.autoplay),
    ] {
        if on {
            out.push((key, switch(true)));
        }
    }
    if view.theme != d.theme {
        out.push(("theme", view.theme.key().to_string()));
    }
    if let Some(embed) = view.embed {
        out.push(("embed", switch(true)));
        if embed.panels != Panels::EMBED_DEFAULT {
            out.push(("panels", embed.panels.keys().join(" ")));
        }
    }
    if view.present {
        out.push(("present", switch(true)));
    }
    if let Some((id, step)) = &view.lesson {
        out.push(("lesson", id.clone()));
        if *step != 0 {
            out.push(("step", (step + 1).to_string()));
        }
    }
    out
}

/// The link's query string (with its `?`) for a preset, a scenario and a
/// view: `?v=1&preset=ID`, the scenario parameters that differ from the
/// preset's scenario, the view fields that differ from the default. Keys
/// are short when the long form is longer than [`COMPACT_OVER`]. An unknown
/// preset id is written as the first preset.
pub fn query(preset_id: &str, scenario: &Scenario, view: &View) -> String {
    let all = crate::setup::builtin_presets();
    let chosen = all.iter().find(|p| p.id == preset_id).or(all.first());
    let (id, base) = match &chosen {
        Some(p) => (p.id.as_str(), p.scenario().unwrap_or_default()),
        None => (preset_id, Scenario::default()),
    };
    let mut pairs: Vec<(String, String)> = vec![
        ("v".into(), VERSION.to_string()),
        ("preset".into(), id.to_string()),
    ];
    // Recipes read steps separated by spaces as well as `+`: a space is a
    // plain `+` in the link, where a `+` would be `%2B`.
    pairs.extend(scenario_pairs(&base, scenario).into_iter().map(|(k, v)| {
        match param_table::param(&k).map(|p| p.kind) {
            Some(param_table::Kind::Recipe) => (k, v.replace('+', " ")),
            _ => (k, v),
        }
    }));
    pairs.extend(
        view_pairs(view)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v)),
    );
    let write = |short: bool| {
        let mut out = String::from("?");
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(if short { short_key(k) } else { k });
            out.push('=');
            out.push_str(&encode(v));
        }
        out
    };
    let long = write(false);
    if long.len() > COMPACT_OVER {
        write(true)
    } else {
        long
    }
}

/// What reading one value did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Used as given.
    Taken,
    /// Used after a change the notice explains (a speed snapped to the
    /// nearest offered, a playhead clamped).
    Adjusted(String),
    /// Not used; the notice names the key, the value, why, and what is
    /// shown instead.
    Refused(String),
}

/// `key = "value": why; instead.` — a notice about untrusted text (shortened
/// by [`shown`]; plain text, which views escape).
pub fn notice(key: &str, value: &str, why: &str, instead: &str) -> String {
    format!("{} = \"{}\": {why}; {instead}.", shown(key), shown(value))
}

fn switch_value(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

fn speed_label(speed: f64) -> String {
    SPEEDS
        .iter()
        .find(|(s, _)| *s == speed)
        .map_or_else(|| decimal::show(speed), |(_, l)| (*l).to_string())
}

fn offered_speeds() -> String {
    SPEEDS
        .iter()
        .map(|(_, label)| label.trim_end_matches('×'))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The offered speed nearest to `x` (> 0) by ratio; the slower on a tie.
fn nearest_speed(x: f64) -> f64 {
    let mut best = SPEEDS[0].0;
    let mut best_ratio = f64::INFINITY;
    for (s, _) in SPEEDS {
        let ratio = if x > s { x / s } else { s / x };
        if ratio < best_ratio {
            best = s;
            best_ratio = ratio;
        }
    }
    best
}

/// Whether `id` is a well-formed lesson id: `[a-z0-9-]{1,32}`.
pub fn valid_lesson_id(id: &str) -> bool {
    (1..=MAX_LESSON_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads the [`View`] fields of a link one pair at a time; what depends on
/// other keys (`panels` on `embed`, `step` on `lesson`, `follow` on the
/// number of customers) is settled by [`ViewReader::finish`].
#[derive(Clone, Debug, Default)]
pub struct ViewReader {
    view: View,
    /// `panels` as read, and its text (for the notice when unused).
    panels: Option<(Panels, String)>,
    /// `step` as read (0-based), and its text.
    step: Option<(usize, String)>,
    /// `follow` as read, and its text.
    follow: Option<(u32, String)>,
}

impl ViewReader {
    /// Reads `value` for the view key `key` (long form); `None` when `key`
    /// is not a view key. A refused value changes nothing.
    pub fn read(&mut self, key: &str, value: &str) -> Option<Outcome> {
        let v = &mut self.view;
        let refuse = |why: &str, instead: &str| Outcome::Refused(notice(key, value, why, instead));
        let switch = |slot: &mut bool| match switch_value(value) {
            Some(on) => {
                *slot = on;
                Outcome::Taken
            }
            None => refuse(
                "expected 1 or 0 (on or off)",
                &format!("kept {}", on_off(*slot)),
            ),
        };
        Some(match key {
            "strategy" => match Strategy::from_key(value) {
                Some(s) => {
                    v.strategy = s;
                    Outcome::Taken
                }
                None => refuse(
                    "expected blocking, callbacks, await or join",
                    &format!("showing {}", v.strategy.key()),
                ),
            },
            "speed" => {
                let text = value.trim().trim_end_matches(['x', 'X', '×']);
                let instead = format!("playing at {}", speed_label(v.speed));
                match decimal::parse(text) {
                    Some(x) if x.is_finite() && x > 0.0 => {
                        if SPEEDS.iter().any(|(s, _)| *s == x) {
                            v.speed = x;
                            Outcome::Taken
                        } else {
                            v.speed = nearest_speed(x);
                            Outcome::Adjusted(notice(
                                key,
                                value,
                                &format!("not offered ({})", offered_speeds()),
                                &format!("playing at {}, the nearest", speed_label(v.speed)),
                            ))
                        }
                    }
                    Some(_) => refuse(
                        &format!("out of range (expected one of {})", offered_speeds()),
                        &instead,
                    ),
                    None => refuse(
                        &format!("not a number (expected one of {})", offered_speeds()),
                        &instead,
                    ),
                }
            }
            "t" => {
                let instead = format!("starting at {} ms", (v.t.0 + 500) / 1000);
                let why = format!("expected a time in ms from 0 to {MAX_T_MS}");
                match decimal::parse(value) {
                    Some(ms) if ms >= 0.0 && ms <= MAX_T_MS as f64 => {
                        v.t = SimTime((ms + 0.5) as u64 * 1000);
                        Outcome::Taken
                    }
                    Some(ms) if ms > MAX_T_MS as f64 => {
                        v.t = SimTime(MAX_T_MS * 1000);
                        Outcome::Adjusted(notice(
                            key,
                            value,
                            "later than 24 hours",
                            &format!("starting at {MAX_T_MS} ms (or the end of the run)"),
                        ))
                    }
                    Some(_) => refuse(&format!("out of range ({why})"), &instead),
                    None => refuse(&format!("not a number ({why})"), &instead),
                }
            }
            "follow" => match value.trim().parse::<u32>() {
                Ok(i) => {
                    self.follow = Some((i, value.to_string()));
                    Outcome::Taken
                }
                Err(_) => refuse(
                    "expected a customer's number, counting from 0",
                    "following the usual customer",
                ),
            },
            "lang" => match Language::ALL.into_iter().find(|l| {
                l.key().eq_ignore_ascii_case(value.trim())
                    || l.label().eq_ignore_ascii_case(value.trim())
            }) {
                Some(l) => {
                    v.lang = l;
                    Outcome::Taken
                }
                None => refuse(
                    "expected js, rust or python",
                    &format!("showing {}", v.lang.label()),
                ),
            },
            "large" => switch(&mut v.large),
            "orders" => switch(&mut v.orders_open),
            "autoplay" => switch(&mut v.autoplay),
            "present" => switch(&mut v.present),
            "theme" => match Theme::from_key(value) {
                Some(t) => {
                    v.theme = t;
                    Outcome::Taken
                }
                None => refuse(
                    "expected auto, light or dark",
                    &format!("kept {}", v.theme.key()),
                ),
            },
            "embed" => match switch_value(value) {
                Some(on) => {
                    v.embed = on.then(|| v.embed.unwrap_or_default());
                    Outcome::Taken
                }
                None => refuse(
                    "expected 1 or 0 (on or off)",
                    &format!("kept {}", on_off(v.embed.is_some())),
                ),
            },
            "panels" => {
                let mut panels = Panels::NONE;
                let mut unknown = Vec::new();
                for name in value
                    .split(['+', ',', ' '])
                    .filter(|n| !n.trim().is_empty())
                {
                    match Panels::from_key(name) {
                        Some(p) => panels.insert(p),
                        None if name.trim().eq_ignore_ascii_case("all") => {
                            panels.insert(Panels::ALL);
                        }
                        None => unknown.push(name),
                    }
                }
                let names = Panels::KEYS.map(|(_, k)| k).join(", ");
                if panels.is_empty() {
                    refuse(
                        &format!("expected panel names joined by + ({names})"),
                        "showing the usual panels",
                    )
                } else {
                    self.panels = Some((panels, value.to_string()));
                    match unknown.first() {
                        None => Outcome::Taken,
                        Some(name) => Outcome::Adjusted(notice(
                            key,
                            value,
                            &format!("unknown panel \"{}\" (panels: {names})", shown(name)),
                            &format!("showing {}", panels.keys().join("+")),
                        )),
                    }
                }
            }
            "lesson" => {
                let id = value.trim();
                if valid_lesson_id(id) {
                    v.lesson = Some((id.to_string(), 0));
                    Outcome::Taken
                } else {
                    refuse(
                        "a lesson id is 1 to 32 of a-z, 0-9 and -",
                        match &v.lesson {
                            Some(_) => "kept the lesson before it",
                            None => "no lesson",
                        },
                    )
                }
            }
            "step" => match value.trim().parse::<usize>() {
                Ok(n) if (1..=MAX_LESSON_STEPS).contains(&n) => {
                    self.step = Some((n - 1, value.to_string()));
                    Outcome::Taken
                }
                _ => refuse(
                    &format!("expected a step from 1 to {MAX_LESSON_STEPS}"),
                    "starting at step 1",
                ),
            },
            _ => return None,
        })
    }

    /// The view, once the scenario (with `customers` customers) is known,
    /// and notices about keys that needed another one.
    pub fn finish(self, customers: usize) -> (View, Vec<String>) {
        let ViewReader {
            mut view,
            panels,
            step,
            follow,
        } = self;
        let mut notices = Vec::new();
        if let Some((panels, text)) = panels {
            match &mut view.embed {
                Some(embed) => embed.panels = panels,
                None => notices.push(notice("panels", &text, "only used with embed=1", "ignored")),
            }
        }
        if let Some((step, text)) = step {
            match &mut view.lesson {
                Some((_, s)) => *s = step,
                None => notices.push(notice("step", &text, "only used with a lesson", "ignored")),
            }
        }
        if let Some((i, text)) = follow {
            if (i as usize) < customers {
                view.follow = Some(i);
            } else {
                notices.push(notice(
                    "follow",
                    &text,
                    &format!(
                        "no such customer (expected 0 to {})",
                        customers.saturating_sub(1)
                    ),
                    "following the usual customer",
                ));
            }
        }
        (view, notices)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets::preset;

    fn read(pairs: &[(&str, &str)]) -> (View, Vec<String>) {
        let mut r = ViewReader::default();
        let mut notices = Vec::new();
        for (k, v) in pairs {
            match r.read(k, v).expect("a view key") {
                Outcome::Taken => {}
                Outcome::Adjusted(n) | Outcome::Refused(n) => notices.push(n),
            }
        }
        let (view, more) = r.finish(8);
        notices.extend(more);
        (view, notices)
    }

    #[test]
    fn short_keys_are_unique_and_never_long_keys() {
        let mut all: Vec<&str> = aliases().map(|(l, _)| l).collect();
        all.extend(UNALIASED);
        let longs = all.clone();
        for (long, short) in aliases() {
            if long != short {
                assert!(!longs.contains(&short), "{short} is a long key");
                all.push(short);
            }
        }
        assert_eq!(all.iter().map(|k| k.len()).max(), Some(LONGEST_KEY));
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "every key is one key");
        for k in VIEW_KEYS {
            assert_eq!(long_key(k), Some(k));
            assert!(!is_scenario_key(k));
        }
    }

    #[test]
    fn every_scenario_parameter_has_a_short_key() {
        let mut s = Scenario::default();
        s.listed.push(crate::engine::scenario::Customer {
            name: "Ada".into(),
            arrival_ms: 0.0,
            drink: crate::engine::Drink::Latte,
        });
        for (k, _) in to_pairs(&s) {
            assert!(is_scenario_key(&k), "{k}");
            assert_ne!(short_key(&k), k, "{k}");
        }
        assert!(!is_scenario_key("preset") && !is_scenario_key("v"));
        assert!(!is_scenario_key("bogus"));
    }

    #[test]
    fn encoding_is_undone_by_the_page_decoder() {
        for text in [
            "a b+c&d=e%f#g?h",
            "Ada@0:latte,O'Brien@300.5:pourover",
            "<script>alert(1)</script>",
            "☕ café",
            "%2",
            "",
        ] {
            assert_eq!(crate::setup::form_decode(&encode(text)), text);
        }
        assert_eq!(encode("scene code"), "scene+code");
        assert_eq!(encode("a+b&c=d"), "a%2Bb%26c%3Dd");
        assert_eq!(encode("Ada@0:latte,Bo@300"), "Ada@0:latte,Bo@300");
    }

    #[test]
    fn the_default_view_writes_nothing() {
        assert!(view_pairs(&View::default()).is_empty());
        assert_eq!(
            query(
                "karen",
                &preset("karen").unwrap().scenario().unwrap(),
                &View::default()
            ),
            "?v=1&preset=karen"
        );
    }

    #[test]
    fn changed_fields_are_written_in_order() {
        let view = View {
            strategy: Strategy::Join,
            speed: 0.25,
            t: SimTime(1_500_000),
            follow: Some(2),
            lang: Language::Rust,
            large: true,
            orders_open: true,
            autoplay: true,
            theme: Theme::Dark,
            embed: Some(Embed {
                panels: Panels::SCENE | Panels::CODE,
            }),
            present: true,
            lesson: Some(("first-steps".into(), 2)),
        };
        let mut s = Scenario::default();
        s.capacity[2] = 2;
        assert_eq!(
            query("morning-line", &s, &view),
            "?v=1&preset=morning-line&steamers=2&strategy=join&speed=0.25&t=1500&follow=2&lang=rust&large=1&orders=1&autoplay=1&theme=dark&embed=1&panels=scene+code&present=1&lesson=first-steps&step=3"
        );
        s.seed = 123_456_789;
        s.check_err = false;
        assert_eq!(
            query("morning-line", &s, &view),
            "?v=1&p=morning-line&sd=123456789&sr=2&ce=false&s=join&x=0.25&t=1500&f=2&l=rust&lg=1&o=1&a=1&th=dark&e=1&pn=scene+code&pr=1&ls=first-steps&sp=3",
            "longer than {COMPACT_OVER} with long keys: short keys"
        );
        let short = View {
            strategy: Strategy::Await,
            t: SimTime(2_000_400),
            ..View::default()
        };
        assert_eq!(
            query("morning-line", &Scenario::default(), &short),
            "?v=1&preset=morning-line&strategy=await&t=2000"
        );
    }

    #[test]
    fn strategy_good_bad_and_fallback() {
        assert_eq!(read(&[("strategy", " JOIN ")]).0.strategy, Strategy::Join);
        let (v, n) = read(&[("strategy", "await"), ("strategy", "threads")]);
        assert_eq!(v.strategy, Strategy::Await, "the earlier good value stays");
        assert_eq!(
            n,
            ["strategy = \"threads\": expected blocking, callbacks, await or join; showing await."]
        );
    }

    #[test]
    fn speed_good_snapped_bad_and_fallback() {
        for (text, want) in [("2", 2.0), ("0.25", 0.25), ("16x", 16.0), ("4×", 4.0)] {
            let (v, n) = read(&[("speed", text)]);
            assert_eq!((v.speed, n.len()), (want, 0), "{text}");
        }
        for (text, want) in [("3", 4.0), ("1.4", 1.0), ("1e9", 16.0), ("0.001", 0.25)] {
            let (v, n) = read(&[("speed", text)]);
            assert_eq!(v.speed, want, "{text}");
            assert!(
                n[0].starts_with(&format!(
                    "speed = \"{text}\": not offered (0.25, 0.5, 1, 2, 4, 8, 16); playing at "
                )),
                "{n:?}"
            );
        }
        for (text, why) in [
            ("fast", "not a number"),
            ("-2", "out of range"),
            ("0", "out of range"),
            ("NaN", "not a number"),
        ] {
            let (v, n) = read(&[("speed", text)]);
            assert_eq!(v.speed, 1.0);
            assert!(
                n[0].contains(why) && n[0].ends_with("playing at 1×."),
                "{n:?}"
            );
        }
    }

    #[test]
    fn t_good_clamped_bad_and_fallback() {
        assert_eq!(read(&[("t", "1500")]).0.t, SimTime(1_500_000));
        assert_eq!(read(&[("t", "1500.6")]).0.t, SimTime(1_501_000));
        let (v, n) = read(&[("t", "1e12")]);
        assert_eq!(v.t, SimTime(MAX_T_MS * 1000));
        assert_eq!(
            n,
            ["t = \"1e12\": later than 24 hours; starting at 86400000 ms (or the end of the run)."]
        );
        let (v, n) = read(&[("t", "900"), ("t", "-5")]);
        assert_eq!(v.t, SimTime(900_000));
        assert_eq!(
            n,
            [
                "t = \"-5\": out of range (expected a time in ms from 0 to 86400000); starting at 900 ms."
            ]
        );
        assert!(read(&[("t", "soon")]).1[0].contains("not a number"));
    }

    #[test]
    fn follow_good_bad_and_beyond_the_line() {
        assert_eq!(read(&[("follow", "7")]).0.follow, Some(7));
        let (v, n) = read(&[("follow", "8")]);
        assert_eq!(v.follow, None);
        assert_eq!(
            n,
            ["follow = \"8\": no such customer (expected 0 to 7); following the usual customer."]
        );
        let (v, n) = read(&[("follow", "-1")]);
        assert_eq!(v.follow, None);
        assert!(n[0].contains("counting from 0"), "{n:?}");
    }

    #[test]
    fn lang_theme_and_switches() {
        let (v, n) = read(&[
            ("lang", "Python"),
            ("theme", "DARK"),
            ("large", "yes"),
            ("orders", ""),
            ("autoplay", "on"),
            ("present", "1"),
        ]);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!((v.lang, v.theme), (Language::Python, Theme::Dark));
        assert!(v.large && v.orders_open && v.autoplay && v.present);
        let (v, n) = read(&[
            ("lang", "cobol"),
            ("theme", "purple"),
            ("large", "maybe"),
            ("present", "2"),
        ]);
        assert_eq!(v, View::default());
        assert_eq!(
            n,
            [
                "lang = \"cobol\": expected js, rust or python; showing JavaScript.",
                "theme = \"purple\": expected auto, light or dark; kept auto.",
                "large = \"maybe\": expected 1 or 0 (on or off); kept off.",
                "present = \"2\": expected 1 or 0 (on or off); kept off.",
            ]
        );
    }

    #[test]
    fn embed_and_panels() {
        let (v, n) = read(&[("embed", "1")]);
        assert_eq!(v.embed, Some(Embed::default()));
        assert!(n.is_empty());
        let (v, n) = read(&[("panels", "scene race transport"), ("embed", "1")]);
        assert_eq!(
            v.embed.unwrap().panels,
            Panels::SCENE | Panels::RACE | Panels::CONTROLS
        );
        assert!(n.is_empty());
        let (v, n) = read(&[("embed", "1"), ("panels", "scene+bogus")]);
        assert_eq!(v.embed.unwrap().panels, Panels::SCENE);
        assert!(
            n[0].starts_with("panels = \"scene+bogus\": unknown panel \"bogus\"")
                && n[0].ends_with("; showing scene."),
            "{n:?}"
        );
        let (v, n) = read(&[("embed", "1"), ("panels", "<b>")]);
        assert_eq!(v.embed.unwrap().panels, Panels::EMBED_DEFAULT);
        assert!(n[0].ends_with("showing the usual panels."), "{n:?}");
        let (v, n) = read(&[("panels", "all")]);
        assert_eq!(v.embed, None);
        assert_eq!(n, ["panels = \"all\": only used with embed=1; ignored."]);
        let (v, n) = read(&[("embed", "sure")]);
        assert_eq!(v.embed, None);
        assert_eq!(
            n,
            ["embed = \"sure\": expected 1 or 0 (on or off); kept off."]
        );
        assert_eq!(Panels::from_bits(u16::MAX), Panels::ALL);
        assert_eq!(Panels::ALL.keys().len(), 9);
    }

    #[test]
    fn lesson_and_step() {
        let (v, n) = read(&[("step", "3"), ("lesson", "event-loop-101")]);
        assert_eq!(v.lesson, Some(("event-loop-101".into(), 2)));
        assert!(n.is_empty());
        let (v, n) = read(&[("lesson", "<script>"), ("step", "2")]);
        assert_eq!(v.lesson, None);
        assert_eq!(
            n,
            [
                "lesson = \"<script>\": a lesson id is 1 to 32 of a-z, 0-9 and -; no lesson.",
                "step = \"2\": only used with a lesson; ignored.",
            ]
        );
        let (v, n) = read(&[("lesson", "a"), ("step", "0")]);
        assert_eq!(v.lesson, Some(("a".into(), 0)));
        assert_eq!(
            n,
            ["step = \"0\": expected a step from 1 to 999; starting at step 1."]
        );
        assert!(!valid_lesson_id(&"a".repeat(33)) && !valid_lesson_id("A") && !valid_lesson_id(""));
    }
}
