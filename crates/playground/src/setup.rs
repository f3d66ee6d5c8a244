//! What the page shows, decided before any rendering: the query string
//! becomes a preset, a scenario, a view (strategy, playhead, embed, lesson…:
//! [`View`]) and notices about anything it ignored. Pure Rust, tested
//! natively; the UI only renders the result. The link format (keys, short
//! keys, versions, text encoded twice) is documented in [`crate::link`].

use crate::engine::Scenario;
use crate::engine::params::{parse_lenient, set, shown, value_of};
use crate::engine::presets::{Preset, presets};
use crate::link::{
    MAX_EXTRA_DECODES, Reading, VERSION, View, ViewReader, is_scenario_key, long_key, notice,
};
use std::sync::OnceLock;

/// Most customers the page simulates (it runs every strategy at once).
pub const MAX_PAGE_CUSTOMERS: u32 = 20_000;
/// Longest query string read; the rest is ignored with a notice.
pub const MAX_QUERY_CHARS: usize = 16_384;
/// Most `key=value` pairs read; the rest are ignored with a notice (a full
/// link has about 50).
pub const MAX_PAIRS: usize = 128;
/// Most notices listed one by one.
pub const MAX_NOTICES: usize = 8;

/// Everything the page needs to start.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSetup {
    /// The preset the scenario starts from.
    pub preset: Preset,
    /// The scenario to simulate (valid, at most [`MAX_PAGE_CUSTOMERS`]).
    pub scenario: Scenario,
    /// Whether the link changed the preset's scenario.
    pub customised: bool,
    /// Everything else the link asked for: strategy, speed, playhead,
    /// followed customer, language, embed, lesson…
    pub view: View,
    /// Plain-text messages about what was ignored or changed, and why.
    pub notices: Vec<String>,
}

/// The built-in presets, read once (every link reads them).
pub fn builtin_presets() -> &'static [Preset] {
    static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();
    PRESETS.get_or_init(presets)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `application/x-www-form-urlencoded` text: `+` is a space, `%XX`
/// a byte; malformed escapes stay as they are; invalid UTF-8 becomes U+FFFD.
pub fn form_decode(text: &str) -> String {
    if !text.contains('%') && !text.contains('+') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `text` holds a valid `%XX` escape (so decoding changes it).
fn has_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == b'%' && hex(bytes[i + 1]).is_some() && hex(bytes[i + 2]).is_some() {
            return true;
        }
        i += 1;
    }
    false
}

/// The `key=value` pairs of a query string (with or without the `?`).
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            (form_decode(k), form_decode(v))
        })
        .collect()
}

/// The pairs of a link, decoded, known keys in their long form, at most
/// [`MAX_PAIRS`]; keys encoded once too often are decoded again (see
/// [`crate::link`]).
struct Pairs {
    pairs: Vec<(String, String)>,
    full: bool,
}

impl Pairs {
    fn read(&mut self, text: &str, may_nest: bool, notices: &mut Vec<String>) {
        for part in text.trim_start_matches('?').split('&') {
            if part.is_empty() {
                continue;
            }
            if self.pairs.len() == MAX_PAIRS {
                self.full = true;
                return;
            }
            let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
            let key = form_decode(raw_key);
            if let Some(long) = long_key(&key) {
                self.pairs.push((long.to_string(), form_decode(raw_value)));
                continue;
            }
            // Not a key: perhaps encoded once too often.
            let mut again = key.clone();
            let mut known = None;
            for _ in 0..MAX_EXTRA_DECODES {
                if again.contains('=') || !has_escape(&again) {
                    break;
                }
                again = form_decode(&again);
                known = long_key(&again);
                if known.is_some() {
                    break;
                }
            }
            if let Some(long) = known {
                notices.push(format!(
                    "\"{}\": a key encoded once too often; read as {long}.",
                    shown(&key)
                ));
                self.pairs.push((long.to_string(), form_decode(raw_value)));
                continue;
            }
            let nested = again.trim_start_matches('?');
            let first_key = nested.split_once('=').map(|(k, _)| k.to_string());
            if may_nest
                && !part.contains('=')
                && first_key.is_some_and(|k| long_key(&form_decode(&k)).is_some())
            {
                notices.push(format!(
                    "\"{}\": part of the link was encoded once too often; read it as key=value pairs.",
                    shown(&again)
                ));
                let nested = nested.to_string();
                self.read(&nested, false, notices);
                if self.full {
                    return;
                }
                continue;
            }
            self.pairs.push((key, form_decode(raw_value)));
        }
    }
}

/// Reads `value` with `read`; when it is refused and still holds `%XX`
/// escapes, decodes it again (at most [`MAX_EXTRA_DECODES`] times) and tries
/// again. Notices about what was used go to `notices`; a value refused
/// however decoded gives the last refusal.
fn read_value(
    key: &str,
    value: &str,
    notices: &mut Vec<String>,
    mut read: impl FnMut(&str) -> Reading,
) -> Result<(), String> {
    let mut refusal = match read(value) {
        Reading::Taken => return Ok(()),
        Reading::Adjusted(n) => {
            notices.push(n);
            return Ok(());
        }
        Reading::Refused(n) => n,
    };
    let mut text = value.to_string();
    for _ in 0..MAX_EXTRA_DECODES {
        if !has_escape(&text) {
            break;
        }
        text = form_decode(&text);
        match read(&text) {
            Reading::Refused(n) => refusal = n,
            done => {
                notices.push(notice(
                    key,
                    value,
                    "encoded once too often",
                    &format!("read as \"{}\"", shown(&text)),
                ));
                if let Reading::Adjusted(n) = done {
                    notices.push(n);
                }
                return Ok(());
            }
        }
    }
    Err(refusal)
}

/// [`read_value`], with a refusal as a notice.
fn read_or_note(
    key: &str,
    value: &str,
    notices: &mut Vec<String>,
    read: impl FnMut(&str) -> Reading,
) {
    if let Err(refusal) = read_value(key, value, notices, read) {
        notices.push(refusal);
    }
}

/// A scenario parameter's value, decoded again when that makes a refused
/// value usable (the rule of [`read_value`]); otherwise the most decoded
/// text, which [`parse_lenient`] refuses with its own notice.
fn param_value(key: &str, value: &str, notices: &mut Vec<String>) -> String {
    if !has_escape(value) {
        return value.to_string();
    }
    let mut scratch = Scenario::default();
    let mut used = value.to_string();
    // A refusal is left to `parse_lenient`, which says what it kept.
    let _refused = read_value(key, value, notices, |v| {
        used = v.to_string();
        match set(&mut scratch, key, v) {
            Ok(()) => Reading::Taken,
            Err(_) => Reading::Refused(String::new()),
        }
    });
    used
}

/// Reads the page's query string: every key of [`crate::link`], leniently.
pub fn setup_from_query(search: &str) -> PageSetup {
    let mut notices = Vec::new();
    let search = if search.len() > MAX_QUERY_CHARS {
        notices.push(format!(
            "The link is {} characters long; only the first {MAX_QUERY_CHARS} were read.",
            search.len()
        ));
        let mut cut = MAX_QUERY_CHARS;
        while !search.is_char_boundary(cut) {
            cut -= 1;
        }
        &search[..cut]
    } else {
        search
    };
    let mut pairs = Pairs {
        pairs: Vec::new(),
        full: false,
    };
    pairs.read(search, true, &mut notices);
    if pairs.full {
        notices.push(format!(
            "The link has more than {MAX_PAIRS} parameters; only the first {MAX_PAIRS} were read."
        ));
    }
    let all = builtin_presets();
    let mut chosen = all.first().cloned();
    let mut reader = ViewReader::default();
    let mut params: Vec<(String, String)> = Vec::new();
    for (k, v) in pairs.pairs {
        match k.as_str() {
            "preset" => read_or_note(&k, &v, &mut notices, |v| {
                match all.iter().find(|p| p.id == v.trim()) {
                    Some(p) => {
                        chosen = Some(p.clone());
                        Reading::Taken
                    }
                    None => Reading::Refused(notice(
                        "preset",
                        v,
                        "no such preset",
                        &match &chosen {
                            Some(p) if Some(p) != all.first() => {
                                format!("showing {} instead", p.title)
                            }
                            _ => "showing the morning line instead".to_string(),
                        },
                    )),
                }
            }),
            "v" => read_or_note(&k, &v, &mut notices, |v| {
                if v.trim() == VERSION.to_string() {
                    Reading::Taken
                } else {
                    Reading::Refused(notice(
                        "v",
                        v,
                        "made by a newer or unknown version of the app",
                        &format!("read as version {VERSION}"),
                    ))
                }
            }),
            _ if is_scenario_key(&k) => {
                let v = param_value(&k, &v, &mut notices);
                params.push((k, v));
            }
            _ => {
                let mut unknown = true;
                read_or_note(&k, &v, &mut notices, |v| match reader.read(&k, v) {
                    Some(outcome) => {
                        unknown = false;
                        outcome
                    }
                    None => Reading::Taken,
                });
                if unknown {
                    // `parse_lenient` names it as an unknown parameter.
                    params.push((k, v));
                }
            }
        }
    }
    let preset = chosen.unwrap_or_else(|| Preset {
        id: "morning-line".into(),
        title: "The morning line".into(),
        caption: String::new(),
        pairs: Vec::new(),
    });
    let base = preset.scenario().unwrap_or_default();
    let (mut scenario, errors) = parse_lenient(
        base.clone(),
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    for e in errors {
        notices.push(match kept_value(&scenario, &e.key) {
            Some(kept) => format!("{e}; kept {} = {}.", e.key, shown(&kept)),
            None => format!("{e}; ignored."),
        });
    }
    if scenario.listed.is_empty() && scenario.customers > MAX_PAGE_CUSTOMERS {
        notices.push(format!(
            "customers = \"{}\": the page simulates at most {MAX_PAGE_CUSTOMERS}; showing {MAX_PAGE_CUSTOMERS}.",
            scenario.customers
        ));
        scenario.customers = MAX_PAGE_CUSTOMERS;
    }
    let customers = if scenario.listed.is_empty() {
        scenario.customers as usize
    } else {
        scenario.listed.len()
    };
    let (view, more) = reader.finish(customers);
    notices.extend(more);
    if notices.len() > MAX_NOTICES {
        let more = notices.len() - (MAX_NOTICES - 1);
        notices.truncate(MAX_NOTICES - 1);
        notices.push(format!("… and {more} more problems with the link."));
    }
    PageSetup {
        customised: scenario != base,
        preset,
        scenario,
        view,
        notices,
    }
}

/// The value of `key` as the scenario kept it, written as
/// [`to_pairs`] writes it (for the notice); `None` for keys that are not
/// scenario parameters, or a list the scenario does not have.
fn kept_value(s: &Scenario, key: &str) -> Option<String> {
    value_of(s, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::params::to_pairs;
    use crate::engine::{SimTime, Strategy};
    use crate::link::{Embed, Panels, Theme, compress_code, encode};
    use crate::listing::Language;

    #[test]
    fn an_empty_query_is_the_morning_line_in_blocking_mode() {
        let s = setup_from_query("");
        assert_eq!(s.preset.id, "morning-line");
        assert_eq!(s.scenario, Scenario::default());
        assert_eq!(s.view.strategy, Strategy::Blocking);
        assert!(s.notices.is_empty() && !s.customised);
    }

    #[test]
    fn good_keys_are_applied() {
        let s = setup_from_query("?v=1&preset=karen&strategy=join&steamers=2");
        assert_eq!(s.preset.id, "karen");
        assert_eq!(s.view.strategy, Strategy::Join);
        assert_eq!(s.scenario.capacity[2], 2);
        assert_eq!(s.scenario.customers, 12, "from the preset");
        assert!(s.customised && s.notices.is_empty());
    }

    #[test]
    fn bad_keys_are_named_and_safe_values_kept() {
        let s = setup_from_query(
            "steam_ms=-5&strategy=threads&preset=nope&customers=1000000&bogus=%3Cscript%3E",
        );
        assert_eq!(s.scenario.step_ms[2], 400.0);
        assert_eq!(s.view.strategy, Strategy::Blocking);
        assert_eq!(s.scenario.customers, MAX_PAGE_CUSTOMERS);
        let text = s.notices.join("\n");
        for needle in [
            "steam_ms",
            "kept steam_ms = 400",
            "threads",
            "nope",
            "customers",
            "bogus = \"<script>\": unknown parameter; ignored",
        ] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
    }

    #[test]
    fn decoding_survives_malformed_text() {
        assert_eq!(form_decode("a+b%20c"), "a b c");
        assert_eq!(form_decode("%"), "%");
        assert_eq!(form_decode("%2"), "%2");
        assert_eq!(form_decode("%zz"), "%zz");
        assert_eq!(form_decode("%FF"), "\u{FFFD}");
        assert_eq!(form_decode("%E2%98%95"), "☕");
        assert_eq!(
            query_pairs("?a=1&&b&c=%3D"),
            [
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), String::new()),
                ("c".to_string(), "=".to_string())
            ]
        );
    }

    #[test]
    fn floods_of_nonsense_are_summarised() {
        let query: String = (0..50).map(|i| format!("junk{i}=1&")).collect();
        let s = setup_from_query(&query);
        assert_eq!(s.notices.len(), MAX_NOTICES);
        assert!(s.notices.last().unwrap().contains("more problems"));
        let huge = "a".repeat(MAX_QUERY_CHARS * 2);
        assert!(setup_from_query(&huge).notices[0].contains("only the first"));
    }

    #[test]
    fn every_view_field_is_read_with_long_or_short_keys() {
        let code = "await pay(order); // ☕";
        let long = setup_from_query(&format!(
            "?v=1&preset=karen&strategy=await&speed=2&t=1500&follow=3&lang=python&large=1&orders=1&autoplay=1&theme=light&embed=1&panels=scene+timeline&present=1&lesson=karen-101&step=2&code={}",
            compress_code(code)
        ));
        assert!(long.notices.is_empty(), "{:?}", long.notices);
        let v = &long.view;
        assert_eq!(
            (v.strategy, long.view.strategy),
            (Strategy::Await, Strategy::Await)
        );
        assert_eq!((v.speed, v.t, v.follow), (2.0, SimTime(1_500_000), Some(3)));
        assert_eq!((v.lang, v.theme), (Language::Python, Theme::Light));
        assert!(v.large && v.orders_open && v.autoplay && v.present);
        assert_eq!(
            v.embed,
            Some(Embed {
                panels: Panels::SCENE | Panels::TIMELINE
            })
        );
        assert_eq!(v.lesson, Some(("karen-101".to_string(), 1)));
        assert_eq!(v.code.as_deref(), Some(code));
        let short = setup_from_query(&format!(
            "?v=1&p=karen&s=await&x=2&t=1500&f=3&l=python&lg=1&o=1&a=1&th=light&e=1&pn=scene+timeline&pr=1&ls=karen-101&sp=2&cd={}",
            compress_code(code)
        ));
        assert_eq!(short, long);
        assert!(!long.customised, "view keys do not change the scenario");
        let params = setup_from_query("?c=12&i=250&sr=2");
        assert_eq!(params.scenario.capacity[2], 2);
        assert_eq!(params.scenario.customers, 12);
        assert!(params.notices.is_empty() && params.customised);
    }

    #[test]
    fn a_handler_survives_its_plus_signs_and_encoding_twice() {
        let scenario = crate::engine::presets::preset("karen")
            .and_then(|p| p.scenario().ok())
            .unwrap_or_default();
        let instance = crate::engine::Instance::new(&scenario);
        let starter = crate::engine::handler::starter(Strategy::Callbacks, &instance);
        // The starter with a comment whose compressed text has a `+`.
        let (text, value) = (0..1000)
            .map(|i| format!("{starter}// {i}\n"))
            .map(|t| {
                let v = compress_code(&t);
                (t, v)
            })
            .find(|(_, v)| v.contains('+'))
            .expect("a compressed text with a +");
        for (query, notices) in [
            // As written: a `+` read as a space, taken as `+`.
            (format!("?strategy=yours&code={value}"), 0),
            // Encoded: `%2B`.
            (format!("?strategy=yours&code={}", encode(&value)), 0),
            // Encoded twice: `%252B`, decoded again.
            (
                format!("?strategy=yours&code={}", encode(&encode(&value))),
                1,
            ),
        ] {
            let s = setup_from_query(&query);
            assert_eq!(s.view.code.as_deref(), Some(text.as_str()), "{query}");
            assert_eq!(s.view.strategy, Strategy::Yours);
            assert_eq!(s.notices.len(), notices, "{:?}", s.notices);
        }
    }

    #[test]
    fn versions() {
        assert!(setup_from_query("?v=1&preset=karen").notices.is_empty());
        assert!(
            setup_from_query("?preset=karen").notices.is_empty(),
            "no v is v=1"
        );
        for v in ["2", "0", "<b>x</b>", ""] {
            let s = setup_from_query(&format!("?v={v}&preset=karen&strategy=join"));
            assert_eq!(
                s.notices,
                [format!(
                    "v = \"{v}\": made by a newer or unknown version of the app; read as version 1."
                )]
            );
            assert_eq!(
                (s.preset.id.as_str(), s.view.strategy),
                ("karen", Strategy::Join)
            );
        }
    }

    #[test]
    fn values_encoded_twice_are_decoded_again_with_a_notice() {
        // `karen` → `%6Baren` → `%256Baren`.
        let s = setup_from_query("?preset=%256Baren&strategy=%256Aoin&steamers=%2532");
        assert_eq!(s.preset.id, "karen");
        assert_eq!(s.view.strategy, Strategy::Join);
        assert_eq!(s.scenario.capacity[2], 2);
        assert_eq!(
            s.notices,
            [
                "preset = \"%6Baren\": encoded once too often; read as \"karen\".",
                "strategy = \"%6Aoin\": encoded once too often; read as \"join\".",
                "steamers = \"%32\": encoded once too often; read as \"2\".",
            ]
        );
        // Encoded three times: decoded twice more.
        assert_eq!(
            setup_from_query("?latte=pay%25252Bsteam").scenario.recipes[0].len(),
            2
        );
        // Markup encoded twice stays text in the notice, fully decoded.
        let s = setup_from_query("?strategy=%253Cscript%253Ealert(1)%253C%252Fscript%253E");
        assert_eq!(s.view.strategy, Strategy::Blocking);
        assert_eq!(
            s.notices,
            [
                "strategy = \"<script>alert(1)</script>\": expected blocking, callbacks, await, join or yours; showing blocking."
            ]
        );
        let s = setup_from_query("?steam_ms=%2525zz");
        assert_eq!(
            s.notices,
            ["steam_ms = \"%zz\": not a number (expected 0 to 3600000); kept steam_ms = 400."]
        );
        // A list encoded twice: its `@` comes back.
        let s = setup_from_query("?list=Ada%2540100");
        assert_eq!(s.scenario.listed[0].arrival_ms, 100.0);
        assert_eq!(s.notices.len(), 1, "{:?}", s.notices);
    }

    #[test]
    fn keys_and_whole_links_encoded_twice_are_read() {
        for q in [
            "?preset%3Dkaren%26strategy%3Djoin",
            "?%3Fpreset%3Dkaren%26strategy%3Djoin",
            "?preset%253Dkaren%2526strategy%253Djoin",
            "?%70reset%3Dkaren&strategy=join",
        ] {
            let s = setup_from_query(q);
            assert_eq!(
                (s.preset.id.as_str(), s.view.strategy),
                ("karen", Strategy::Join),
                "{q}"
            );
            assert_eq!(s.notices.len(), 1, "{q}: {:?}", s.notices);
            assert!(
                s.notices[0].contains("encoded once too often"),
                "{q}: {:?}",
                s.notices
            );
        }
        let s = setup_from_query("?%2573teamers=2");
        assert_eq!(s.scenario.capacity[2], 2);
        assert_eq!(
            s.notices,
            ["\"%73teamers\": a key encoded once too often; read as steamers."]
        );
        // Markup with `=` in it is not mistaken for a key.
        let s = setup_from_query("?%3Cimg%20src%3Dx%3E");
        assert_eq!(
            s.notices,
            ["<img src=x> = \"\": unknown parameter; ignored."]
        );
    }

    #[test]
    fn truncated_escapes_are_refused_as_text() {
        let s = setup_from_query("?customers=1%2&strategy=%&speed=%E2%98&t=%2");
        assert_eq!(s.scenario.customers, 8);
        assert_eq!(s.view, View::default());
        let text = s.notices.join("\n");
        for needle in [
            "customers = \"1%2\": not a whole number",
            "strategy = \"%\"",
            "speed = \"\u{FFFD}\": not a number",
            "t = \"%2\": not a number",
        ] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
    }

    #[test]
    fn follow_is_checked_against_the_customers_the_page_shows() {
        let s = setup_from_query("?customers=1000000&follow=19999");
        assert_eq!(s.view.follow, Some(19_999));
        let s = setup_from_query("?customers=1000000&follow=20000");
        assert_eq!(s.view.follow, None);
        assert!(
            s.notices[1].starts_with("follow = \"20000\": no such customer (expected 0 to 19999)")
        );
        let s = setup_from_query("?list=Ada@0,Bo@10&follow=1");
        assert_eq!(s.view.follow, Some(1));
    }

    #[test]
    fn hostile_sizes_are_capped() {
        let mega = format!("?strategy={}", "%3Cscript%3E".repeat(90_000));
        assert!(mega.len() > 1_000_000);
        let s = setup_from_query(&mega);
        assert!(
            s.notices[0].contains("only the first 16384 were read"),
            "{:?}",
            s.notices
        );
        let many: String = (0..1000).map(|_| "large=1&").collect();
        let s = setup_from_query(&many);
        assert!(s.view.large);
        assert_eq!(
            s.notices,
            ["The link has more than 128 parameters; only the first 128 were read."]
        );
        let big =
            setup_from_query("?t=99999999999999999999999999&speed=1e400&follow=99999999999999");
        assert_eq!(big.view.t, SimTime(crate::link::MAX_T_MS * 1000));
        assert_eq!((big.view.speed, big.view.follow), (1.0, None));
        assert_eq!(big.notices.len(), 3, "{:?}", big.notices);
    }

    #[test]
    fn kept_values_are_written_as_to_pairs_writes_them() {
        let (s, _) = parse_lenient(
            Scenario::default(),
            [
                ("list", "Ada@0,Bo@1.5:pourover"),
                ("steam_ms", "401.5"),
                ("pay_fail", "0.25"),
                ("kettles", "3"),
                ("latte", "pay+steam"),
            ],
        );
        let pairs = to_pairs(&s);
        for (k, v) in &pairs {
            assert_eq!(kept_value(&s, k).as_ref(), Some(v), "{k}");
        }
        for k in ["pour_fail", "bogus", "pay_", "_ms", "strategy"] {
            assert_eq!(kept_value(&s, k), None, "{k}");
        }
        assert_eq!(kept_value(&Scenario::default(), "list"), None);
        let t = setup_from_query("?list=Ada@0&list=<b>");
        assert_eq!(
            t.notices,
            ["list = \"<b>\": each customer is name@ms or name@ms:drink; kept list = Ada@0:latte."]
        );
    }

    #[test]
    fn customised_means_the_scenario_changed() {
        assert!(!setup_from_query("?preset=karen&customers=12").customised);
        assert!(!setup_from_query("?zzz=1").customised);
        assert!(setup_from_query("?preset=karen&customers=13").customised);
    }
}
