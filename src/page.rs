//! What the page shows, decided before any rendering: the query string
//! becomes a preset, a scenario, a strategy and notices about anything it
//! ignored. Pure Rust, tested natively; the UI only renders the result.

use crate::engine::params::{parse_lenient, shown};
use crate::engine::presets::{Preset, preset, presets};
use crate::engine::{Scenario, Strategy};

/// Most customers the page simulates (it runs every strategy at once).
pub const MAX_PAGE_CUSTOMERS: u32 = 20_000;
/// Longest query string read; the rest is ignored with a notice.
pub const MAX_QUERY_CHARS: usize = 16_384;
/// Most notices listed one by one.
pub const MAX_NOTICES: usize = 8;

/// Everything the page needs to start.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSetup {
    /// The preset the scenario starts from.
    pub preset: Preset,
    /// The scenario to simulate (valid).
    pub scenario: Scenario,
    /// Whether the query changed the preset's scenario.
    pub customised: bool,
    /// The strategy selected at first.
    pub strategy: Strategy,
    /// Plain-text messages about what was ignored or changed, and why.
    pub notices: Vec<String>,
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

/// Reads the page's query string.
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
    let pairs = query_pairs(search);
    let all = presets();
    let mut chosen = all.first().cloned();
    let mut strategy = Strategy::Blocking;
    let mut params: Vec<(&str, &str)> = Vec::new();
    for (k, v) in &pairs {
        match k.as_str() {
            "preset" => match preset(v.trim()) {
                Some(p) => chosen = Some(p),
                None => notices.push(format!(
                    "preset = \"{}\": no such preset, showing the morning line instead.",
                    shown(v)
                )),
            },
            "strategy" => match Strategy::from_key(v) {
                Some(s) => strategy = s,
                None => notices.push(format!(
                    "strategy = \"{}\": expected blocking, callbacks, await or join; showing blocking.",
                    shown(v)
                )),
            },
            "v" if v.trim() == "1" => {}
            "v" => notices.push(format!(
                "v = \"{}\": this app reads version 1 links; the rest of the link was read as version 1.",
                shown(v)
            )),
            _ => params.push((k.as_str(), v.as_str())),
        }
    }
    let preset = chosen.unwrap_or_else(|| Preset {
        id: "morning-line".into(),
        title: "The morning line".into(),
        caption: String::new(),
        pairs: Vec::new(),
    });
    let base = preset.scenario().unwrap_or_default();
    let customised = !params.is_empty();
    let (mut scenario, errors) = parse_lenient(base, params);
    for e in errors {
        notices.push(match kept_value(&scenario, &e.key) {
            Some(kept) => format!("{e}; kept {kept}."),
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
    if notices.len() > MAX_NOTICES {
        let more = notices.len() - (MAX_NOTICES - 1);
        notices.truncate(MAX_NOTICES - 1);
        notices.push(format!("… and {more} more problems with the link."));
    }
    PageSetup {
        preset,
        scenario,
        customised,
        strategy,
        notices,
    }
}

/// `key = value` as the scenario kept it, for the notice; `None` for keys
/// that are not scenario parameters.
fn kept_value(now: &Scenario, key: &str) -> Option<String> {
    crate::engine::params::to_pairs(now)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(k, v)| format!("{k} = {v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_query_is_the_morning_line_in_blocking_mode() {
        let s = setup_from_query("");
        assert_eq!(s.preset.id, "morning-line");
        assert_eq!(s.scenario, Scenario::default());
        assert_eq!(s.strategy, Strategy::Blocking);
        assert!(s.notices.is_empty() && !s.customised);
    }

    #[test]
    fn good_keys_are_applied() {
        let s = setup_from_query("?v=1&preset=karen&strategy=join&steamers=2");
        assert_eq!(s.preset.id, "karen");
        assert_eq!(s.strategy, Strategy::Join);
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
        assert_eq!(s.strategy, Strategy::Blocking);
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
}
