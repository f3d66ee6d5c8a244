//! The view's reader: a link's view keys, one pair at a time, into a
//! [`View`] ([`ViewReader`]), leniently: a bad value is refused or adjusted
//! with a notice saying why and what is shown instead.

use super::code::decompress_code;
use super::notice::{Reading, notice};
use super::view::{Panels, Theme, View};
use super::{MAX_LESSON_ID_CHARS, MAX_LESSON_STEPS, MAX_T_MS};
use crate::engine::decimal;
use crate::engine::params::shown;
use crate::engine::{SimTime, Strategy};
use crate::listing::Language;
use crate::view::page::SPEEDS;

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
    pub fn read(&mut self, key: &str, value: &str) -> Option<Reading> {
        let v = &mut self.view;
        let refuse = |why: &str, instead: &str| Reading::Refused(notice(key, value, why, instead));
        let switch = |slot: &mut bool| match switch_value(value) {
            Some(on) => {
                *slot = on;
                Reading::Taken
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
                    Reading::Taken
                }
                None => refuse(
                    "expected blocking, callbacks, await, join or yours",
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
                            Reading::Taken
                        } else {
                            v.speed = nearest_speed(x);
                            Reading::Adjusted(notice(
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
                        Reading::Taken
                    }
                    Some(ms) if ms > MAX_T_MS as f64 => {
                        v.t = SimTime(MAX_T_MS * 1000);
                        Reading::Adjusted(notice(
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
                    Reading::Taken
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
                    Reading::Taken
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
                    Reading::Taken
                }
                None => refuse(
                    "expected auto, light or dark",
                    &format!("kept {}", v.theme.key()),
                ),
            },
            "embed" => match switch_value(value) {
                Some(on) => {
                    v.embed = on.then(|| v.embed.unwrap_or_default());
                    Reading::Taken
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
                        None => Reading::Taken,
                        Some(name) => Reading::Adjusted(notice(
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
                    Reading::Taken
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
                    Reading::Taken
                }
                _ => refuse(
                    &format!("expected a step from 1 to {MAX_LESSON_STEPS}"),
                    "starting at step 1",
                ),
            },
            // Kept as written, syntax errors and all: the editor shows them.
            "code" => match decompress_code(value) {
                Ok(text) => {
                    v.code = Some(text);
                    Reading::Taken
                }
                Err(refusal) => refuse(
                    &refusal.why(),
                    match &v.code {
                        Some(_) => "kept the code before it",
                        None => "ignored",
                    },
                ),
            },
            _ => return None,
        })
    }

    /// The view, once the scenario (with `customers` customers) is known,
    /// and notices about keys that needed another one. `strategy=yours`
    /// without a code stays [`Strategy::Yours`] with no code: the page
    /// starts the learner's code from the sequential await handler (what
    /// [`Strategy::Yours`] is without a text).
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
    use crate::engine::handler::MAX_CHARS;
    use crate::link::{Embed, MAX_CODE_LINK_CHARS, compress_code};

    fn read(pairs: &[(&str, &str)]) -> (View, Vec<String>) {
        let mut r = ViewReader::default();
        let mut notices = Vec::new();
        for (k, v) in pairs {
            match r.read(k, v).expect("a view key") {
                Reading::Taken => {}
                Reading::Adjusted(n) | Reading::Refused(n) => notices.push(n),
            }
        }
        let (view, more) = r.finish(8);
        notices.extend(more);
        (view, notices)
    }

    #[test]
    fn strategy_good_bad_and_fallback() {
        assert_eq!(read(&[("strategy", " JOIN ")]).0.strategy, Strategy::Join);
        let (v, n) = read(&[("strategy", "await"), ("strategy", "threads")]);
        assert_eq!(v.strategy, Strategy::Await, "the earlier good value stays");
        assert_eq!(
            n,
            [
                "strategy = \"threads\": expected blocking, callbacks, await, join or yours; showing await."
            ]
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

    #[test]
    fn code_and_strategy_yours() {
        let text = "await pay(order);\n// not JavaScript: (";
        let value = compress_code(text);
        let (v, n) = read(&[("strategy", "YOURS"), ("code", &value)]);
        assert_eq!(
            (v.strategy, v.code.as_deref()),
            (Strategy::Yours, Some(text))
        );
        assert!(n.is_empty(), "{n:?}");
        let (v, n) = read(&[("code", &value), ("strategy", "join")]);
        assert_eq!(
            (v.strategy, v.code.as_deref()),
            (Strategy::Join, Some(text))
        );
        assert!(n.is_empty(), "the editor keeps it: {n:?}");
        // Without a code the page starts from sequential await's text.
        let (v, n) = read(&[("strategy", "yours")]);
        assert_eq!((v.strategy, v.code), (Strategy::Yours, None));
        assert!(n.is_empty(), "{n:?}");
    }

    #[test]
    fn code_refused() {
        let long = compress_code(&"a".repeat(MAX_CHARS + 1));
        let huge = "A".repeat(MAX_CODE_LINK_CHARS + 1);
        let (v, n) = read(&[
            ("code", ""),
            ("code", "<script>"),
            ("code", &long),
            ("code", &huge),
        ]);
        assert_eq!(v, View::default());
        assert_eq!(
            n,
            [
                "code = \"\": empty (expected a compressed handler); ignored.".to_string(),
                "code = \"<script>\": not a compressed handler; ignored.".to_string(),
                format!(
                    "code = \"{}\": longer than 10000 characters once decompressed (the most a handler has); ignored.",
                    shown(&long)
                ),
                format!(
                    "code = \"{}…\": longer than 16384 characters; ignored.",
                    "A".repeat(40)
                ),
            ]
        );
        let (v, n) = read(&[("code", &compress_code("kept")), ("code", "%%")]);
        assert_eq!(v.code.as_deref(), Some("kept"));
        assert_eq!(
            n,
            ["code = \"%%\": not a compressed handler; kept the code before it."]
        );
    }
}
