//! Links: every valid state survives `query` → `setup_from_query` exactly,
//! no generated URL can panic the reader or give the page something it
//! cannot show, and preset links stay short.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use espresso_playground::engine::decimal;
use espresso_playground::engine::handler::{MAX_CHARS, starter};
use espresso_playground::engine::param_table::{Kind, Param, TABLE};
use espresso_playground::engine::params::{
    MAX_CUSTOMERS, MAX_LISTED, parse_lenient, parse_strict, to_pairs, value_of,
};
use espresso_playground::engine::presets::{preset, presets};
use espresso_playground::engine::rng::mix64;
use espresso_playground::engine::{Instance, simulate};
use espresso_playground::engine::{Scenario, SimTime, Strategy};
use espresso_playground::link::aliases;
use espresso_playground::link::scenario_pairs;
use espresso_playground::link::{
    Embed, MAX_LESSON_STEPS, MAX_T_MS, Panels, Theme, VIEW_KEYS, View, compress_code, encode,
    query, valid_lesson_id,
};
use espresso_playground::listing::Language;
use espresso_playground::setup::{
    MAX_NOTICES, MAX_PAGE_CUSTOMERS, MAX_QUERY_CHARS, PageSetup, setup_from_query,
};
use espresso_playground::view::page::SPEEDS;
use espresso_playground::view::params::{field, groups, shows};
use proptest::prelude::{ProptestConfig, prop, prop_assert, prop_assert_eq, proptest};
use proptest::strategy::{Just, Strategy as _};
use std::time::{Duration, Instant};

/// A decimal with up to 6 decimals, as text, from whole millionths.
fn micros(max_whole: u64) -> impl proptest::strategy::Strategy<Value = String> {
    (0..=max_whole, 0u32..1_000_000, 0u32..4).prop_map(|(whole, frac, shape)| match shape {
        0 => whole.to_string(),
        1 => format!("{whole}.5"),
        _ => format!("{whole}.{frac:06}"),
    })
}

fn probability() -> impl proptest::strategy::Strategy<Value = String> {
    (0u32..=1_000_000).prop_map(|m| format!("0.{m:06}").replace("0.1000000", "1"))
}

const STEPS: [&str; 6] = ["pay", "grind", "steam", "heat", "pour", "assemble"];

fn recipe() -> impl proptest::strategy::Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(STEPS.to_vec()), 1..=8).prop_map(|s| s.join("+"))
}

/// Names people have: letters anywhere in Unicode, digits, spaces, `-'.`.
fn name() -> impl proptest::strategy::Strategy<Value = String> {
    prop::sample::select(vec![
        "Ada",
        "Zoë",
        "O'Brien",
        "Ana María",
        "Jean-Luc",
        "李雷",
        "J.R.",
        "Ωmega 2",
        "Karen",
    ])
    .prop_map(String::from)
}

/// Scenario parameters, each with a valid value.
fn param() -> impl proptest::strategy::Strategy<Value = (String, String)> {
    let step_ms = (prop::sample::select(STEPS.to_vec()), micros(3_000))
        .prop_map(|(s, v)| (format!("{s}_ms"), v));
    let step_fail = (
        prop::sample::select(vec!["pay", "grind", "steam", "heat"]),
        probability(),
    )
        .prop_map(|(s, v)| (format!("{s}_fail"), v));
    let machines = (
        prop::sample::select(vec!["readers", "grinders", "steamers", "kettles"]),
        1u32..=64,
    )
        .prop_map(|(k, n)| (k.to_string(), n.to_string()));
    let list = prop::collection::vec(
        (
            name(),
            micros(100_000),
            prop::sample::select(vec!["", ":latte", ":pourover"]),
        ),
        1..12,
    )
    .prop_map(|people| {
        let text = people
            .into_iter()
            .map(|(n, at, drink)| format!("{n}@{at}{drink}"))
            .collect::<Vec<_>>()
            .join(",");
        ("list".to_string(), text)
    });
    let pair = |k: &'static str, v: proptest::strategy::BoxedStrategy<String>| {
        v.prop_map(move |v| (k.to_string(), v)).boxed()
    };
    prop::strategy::Union::new(vec![
        pair(
            "seed",
            proptest::num::u64::ANY.prop_map(|s| s.to_string()).boxed(),
        ),
        pair(
            "customers",
            (1..=MAX_PAGE_CUSTOMERS).prop_map(|c| c.to_string()).boxed(),
        ),
        pair(
            "arrivals",
            prop::sample::select(vec!["fixed".to_string(), "poisson".to_string()]).boxed(),
        ),
        pair("interval_ms", micros(5_000).boxed()),
        pair("karen", (0u32..30).prop_map(|k| k.to_string()).boxed()),
        pair(
            "durations",
            prop::sample::select(vec!["fixed", "exponential", "uniform"])
                .prop_map(String::from)
                .boxed(),
        ),
        pair("jitter", probability().boxed()),
        pair("latte", recipe().boxed()),
        pair("pourover", recipe().boxed()),
        pair("helpers", (0u32..=64).prop_map(|h| h.to_string()).boxed()),
        pair(
            "offload",
            prop::bool::ANY.prop_map(|b| b.to_string()).boxed(),
        ),
        pair("offload_over_ms", micros(2_000).boxed()),
        pair("take_order_ms", micros(100).boxed()),
        pair("dispatch_ms", micros(20).boxed()),
        pair("cookie_ms", micros(50).boxed()),
        pair(
            "check_err",
            prop::bool::ANY.prop_map(|b| b.to_string()).boxed(),
        ),
        pair(
            "try_catch",
            prop::bool::ANY.prop_map(|b| b.to_string()).boxed(),
        ),
        step_ms.boxed(),
        step_fail.boxed(),
        machines.boxed(),
        list.boxed(),
    ])
}

/// A preset and a scenario made from it by a few valid changes (made valid
/// as a whole: offload gets a helper, a Poisson stream a gap).
fn preset_and_scenario() -> impl proptest::strategy::Strategy<Value = (String, Scenario)> {
    let ids: Vec<String> = presets().into_iter().map(|p| p.id).collect();
    (
        prop::sample::select(ids),
        prop::collection::vec(param(), 0..10),
    )
        .prop_map(|(id, pairs)| {
            let base = preset(&id).unwrap().scenario().unwrap();
            // Each value is valid; combinations are repaired.
            let (s, _) = parse_lenient(base, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            (id, s)
        })
}

/// Handler texts: the four starters of a preset's café, and text with
/// newlines, quotes, `&=%+#?` and letters from anywhere in Unicode (none of
/// it need be JavaScript).
fn code() -> impl proptest::strategy::Strategy<Value = String> {
    let instance = Instance::new(&preset("karen").unwrap().scenario().unwrap());
    let starters: Vec<String> = Strategy::ALL
        .iter()
        .map(|&s| starter(s, &instance))
        .collect();
    proptest::prop_oneof![
        prop::sample::select(starters),
        "[a-z(){};.\n\r\t \"'`&=%+#?/$é☕😀李雷Ω]{0,300}",
    ]
}

fn views() -> impl proptest::strategy::Strategy<Value = View> {
    let lesson_id = "[a-z0-9-]{1,32}";
    let mut strategies = Strategy::ALL.to_vec();
    strategies.push(Strategy::Yours);
    (
        (
            prop::sample::select(strategies),
            prop::sample::select(SPEEDS.iter().map(|s| s.0).collect::<Vec<_>>()),
            prop::strategy::Union::new(vec![
                Just(0u64).boxed(),
                (0..=MAX_T_MS).boxed(),
                (0u64..60_000).boxed(),
            ]),
            prop::option::of(proptest::num::u32::ANY),
            prop::sample::select(Language::ALL.to_vec()),
            prop::option::of(code()),
        ),
        (
            prop::bool::ANY,
            prop::bool::ANY,
            prop::bool::ANY,
            prop::sample::select(Theme::ALL.to_vec()),
            prop::option::of(1u16..(1 << 9)),
            prop::bool::ANY,
            prop::option::of((lesson_id, 0..MAX_LESSON_STEPS)),
        ),
    )
        .prop_map(|(a, b)| {
            let (strategy, speed, t_ms, follow, lang, mut code) = a;
            // Yours with no code is not a valid state: the reader says so.
            if strategy == Strategy::Yours && code.is_none() {
                code = Some("await pay(order);".into());
            }
            let (large, orders_open, autoplay, theme, embed, present, lesson) = b;
            View {
                strategy,
                speed,
                t: SimTime(t_ms * 1000),
                follow,
                lang,
                large,
                orders_open,
                autoplay,
                theme,
                embed: embed.map(|bits| Embed {
                    panels: Panels::from_bits(bits),
                }),
                present,
                lesson,
                code,
            }
        })
}

fn customers(s: &Scenario) -> u32 {
    if s.listed.is_empty() {
        s.customers
    } else {
        s.listed.len() as u32
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_state_survives_its_link(
        (id, scenario) in preset_and_scenario(),
        view in views(),
    ) {
        round_trip(&id, &scenario, view)?;
    }
}

#[test]
fn preset_links_are_short() {
    let mut longest = (0, String::new());
    let mut longest_from_default = (0, String::new());
    for p in presets() {
        let s = p.scenario().unwrap();
        // No parameter removes a list: a preset with one could not link to
        // a café without one.
        assert!(s.listed.is_empty(), "{} has a customer list", p.id);
        let own = query(&p.id, &s, &View::default());
        assert!(own.len() < 300, "{own}");
        // The same café written on top of the morning line.
        let from_default = query("morning-line", &s, &View::default());
        assert!(from_default.len() < 300, "{from_default}");
        let back = setup_from_query(&from_default);
        assert_eq!(back.scenario, s);
        if own.len() > longest.0 {
            longest = (own.len(), own);
        }
        if from_default.len() > longest_from_default.0 {
            longest_from_default = (from_default.len(), from_default);
        }
    }
    println!(
        "longest preset link: {} characters ({}); written on the morning line: {} ({})",
        longest.0, longest.1, longest_from_default.0, longest_from_default.1
    );
    assert!(longest.0 >= "?v=1&preset=karen".len());
}

#[test]
fn a_link_with_everything_changed_stays_pasteable() {
    let mut s = Scenario::default();
    let pairs = [
        ("seed", "18446744073709551615"),
        ("customers", "20000"),
        ("arrivals", "poisson"),
        ("interval_ms", "123.456789"),
        ("karen", "17"),
        ("durations", "uniform"),
        ("jitter", "0.333333"),
        ("pay_ms", "301.5"),
        ("pay_fail", "0.125"),
        ("grind_ms", "251.5"),
        ("grind_fail", "0.125"),
        ("steam_ms", "401.5"),
        ("steam_fail", "0.125"),
        ("heat_ms", "1201.5"),
        ("heat_fail", "0.125"),
        ("pour_ms", "1501.5"),
        ("assemble_ms", "81.5"),
        ("latte", "pay+grind+steam+steam+assemble"),
        ("pourover", "lookup+pay+heat+pour+assemble"),
        ("readers", "2"),
        ("grinders", "3"),
        ("steamers", "4"),
        ("kettles", "5"),
        ("helpers", "6"),
        ("offload", "true"),
        ("offload_over_ms", "999.5"),
        ("take_order_ms", "41.5"),
        ("dispatch_ms", "5.5"),
        ("cookie_ms", "21.5"),
        ("check_err", "false"),
        ("try_catch", "false"),
        ("lookup_ms", "201.5"),
        ("lookup_fail", "0.125"),
        ("menus", "7"),
        ("pool_idle_ms", "1999.5"),
        ("warmup_ms", "150.5"),
        ("breaker", "true"),
        ("breaker_timeout_ms", "599.5"),
        ("breaker_threshold", "49"),
        ("breaker_reset_ms", "5999.5"),
        ("breaker_window", "11"),
        ("cache", "true"),
        ("cache_ttl_ms", "4999.5"),
        ("cache_hit_ms", "1.5"),
    ];
    s = parse_strict(s, pairs).unwrap();
    assert_eq!(
        to_pairs(&s).len(),
        pairs.len(),
        "every parameter is changed"
    );
    let view = View {
        strategy: Strategy::Callbacks,
        speed: 0.25,
        t: SimTime(86_399_999_000),
        follow: Some(19_999),
        lang: Language::Python,
        large: true,
        orders_open: true,
        autoplay: true,
        theme: Theme::Light,
        embed: Some(Embed {
            panels: Panels::ALL,
        }),
        present: true,
        lesson: Some(("a-lesson-id-of-thirty-two-chars-".into(), 998)),
        code: Some("await pay(order); // ☕ & = % + #".into()),
    };
    let link = query("second-steamer", &s, &view);
    println!("everything changed: {} characters: {link}", link.len());
    let code = compress_code(view.code.as_deref().unwrap_or_default());
    assert!(link.len() < 700 + code.len(), "{link}");
    assert!(
        link.contains("&sd=") && !link.contains("seed="),
        "short keys"
    );
    let back = setup_from_query(&link);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!((back.scenario, back.view), (s, view));
}

#[test]
fn a_megabyte_link_is_cut_with_a_notice() {
    let mut link = String::from("?preset=karen&strategy=join&list=");
    while link.len() < 1 << 20 {
        link.push_str("Ada@1,");
    }
    let started = Instant::now();
    let s = setup_from_query(&link);
    let took = started.elapsed();
    assert_eq!(s.preset.id, "karen");
    assert_eq!(s.view.strategy, Strategy::Join);
    assert!(
        s.notices[0].starts_with("The link is 1048")
            && s.notices[0].contains("only the first 16384"),
        "{:?}",
        s.notices
    );
    println!("a 1 MB link: read in {took:?}");
}

// ---------------------------------------------------------------- fuzz --

/// xorshift64*: deterministic, fast, good enough to pick from tables.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const NASTY: &[&str] = &[
    "",
    "<script>alert(1)</script>",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%253Cscript%253E",
    "\"><img src=x onerror=alert(1)>",
    "%",
    "%2",
    "%%",
    "%zz",
    "%E2%98",
    "%E2%98%95",
    "%FF%FE",
    "%00",
    "☕",
    "🙂🙂🙂",
    "\u{202E}evil",
    "NaN",
    "inf",
    "-inf",
    "-1",
    "-0",
    "0",
    "1e400",
    "1e-400",
    "99999999999999999999999999999",
    "18446744073709551616",
    "4294967296",
    "0x10",
    "1_000",
    "1.2.3",
    "  7  ",
    "+",
    "+1",
    "=",
    "==",
    "&",
    "a=b",
    "preset%3Dkaren",
    "preset%253Dkaren%2526strategy%253Djoin",
    "true",
    "yes",
    "off",
    "all",
    "scene+code",
    "scene,bogus",
    "Ada@0,Bo@10:pourover",
    "Ada@-1",
    "<b>@0",
    "pay+grind+steam+heat+pour+assemble+pay+pay+pay",
];

fn valid_values(key: &str) -> &'static [&'static str] {
    match key {
        "v" => &["1", "2"],
        "preset" | "p" => &["karen", "morning-rush", "flaky-card-reader", "nope"],
        "strategy" | "s" => &["blocking", "callbacks", "await", "join", "JOIN", "yours"],
        // A handler, the same cut short, nothing, and the empty handler.
        "code" | "cd" => &[
            "IYd2EsBcAIAdgJ4AoD2AnAJgUzQSgNzQD0R0Al9IKhkAUEA",
            "IYd2EsBcAIAdgJ4AoD2AnAJgUzQ",
            "",
            "Q",
        ],
        "speed" | "x" => &["0.25", "1", "2", "3", "16x", "100"],
        "t" => &["0", "1500", "86400000", "86400001", "1234.5"],
        "follow" | "f" => &["0", "3", "7", "8", "19999"],
        "lang" | "l" => &["js", "rust", "python", "Python"],
        "theme" | "th" => &["auto", "light", "dark"],
        "panels" | "pn" => &["scene", "scene+code+race", "all", "transport"],
        "lesson" | "ls" => &["event-loop", "a", "x-1"],
        "step" | "sp" => &["1", "2", "999", "1000"],
        "customers" | "c" => &["1", "12", "20000", "20001", "1000000"],
        "arrivals" | "ar" => &["fixed", "poisson"],
        "durations" | "d" => &["fixed", "exponential", "uniform"],
        "karen" | "k" => &["0", "3", "none"],
        "list" | "li" => &["Ada@0", "Ada@0,Karen@150.5:pourover", "Zoë@10"],
        "latte" | "la" | "pourover" | "pv" => &["pay+steam", "pay grind assemble"],
        _ => &["0", "1", "2", "0.5", "300", "true", "false", "64", "65"],
    }
}

/// Up to `max` characters from a hostile alphabet.
fn random_text(rng: &mut Rng, max: usize) -> String {
    let len = rng.below(max + 1);
    const CHARS: &[char] = &[
        'a', 'z', 'A', '0', '9', '%', '&', '=', '+', '?', '#', '<', '>', '"', '\'', '/', ';', ' ',
        '\n', '\0', 'é', '☕', '🙂', '\u{FFFD}', '\u{202E}', '@', ':', ',', '.', '-', '_',
    ];
    (0..len).map(|_| CHARS[rng.below(CHARS.len())]).collect()
}

/// One generated link: mostly plausible keys with plausible or hostile
/// values, some noise, sometimes encoded again as a whole.
fn fuzz_link(rng: &mut Rng, keys: &[&str]) -> String {
    let mut out = String::new();
    if rng.chance(2) {
        out.push('?');
    }
    for _ in 0..rng.below(10) {
        let sep = rng.pick(&["&", "&", "&", "&&&", "&=&", ""]);
        out.push_str(sep);
        let key = match rng.below(10) {
            0 => random_text(rng, 12),
            1 => encode(&encode(rng.pick(keys))),
            _ => rng.pick(keys).to_string(),
        };
        let value = match rng.below(10) {
            0..=3 => rng.pick(valid_values(key.trim())).to_string(),
            4..=5 => rng.pick(NASTY).to_string(),
            6 => random_text(rng, 40),
            7 => encode(rng.pick(valid_values(key.trim()))),
            8 => encode(&encode(rng.pick(NASTY))),
            _ if rng.chance(50) => "9".repeat(rng.below(5000)),
            _ => random_text(rng, 200),
        };
        out.push_str(&key);
        if !rng.chance(8) {
            out.push_str(rng.pick(&["=", "=", "=", "==", "=%", "=%2"]));
        }
        out.push_str(&value);
    }
    match rng.below(40) {
        0 => encode(&out),
        1 => encode(&encode(&out)),
        2 => out
            .chars()
            .take(rng.below(out.chars().count() + 1))
            .collect(),
        3 if rng.chance(5) => format!("{out}{}", "%".repeat(MAX_QUERY_CHARS)),
        _ => out,
    }
}

/// What every reading must give: something the page can show.
fn check(link: &str, s: &PageSetup) {
    let n = customers(&s.scenario);
    assert!(
        (1..=MAX_PAGE_CUSTOMERS).contains(&n) && s.scenario.listed.len() <= MAX_LISTED,
        "{link}"
    );
    assert!(s.notices.len() <= MAX_NOTICES, "{link}");
    let v = &s.view;
    assert_eq!(s.view.strategy, v.strategy, "{link}");
    assert!(SPEEDS.iter().any(|(x, _)| *x == v.speed), "{link}");
    assert!(
        v.t <= SimTime(MAX_T_MS * 1000) && v.t.0.is_multiple_of(1000),
        "{link}"
    );
    assert!(v.follow.is_none_or(|f| f < n), "{link}");
    assert!(
        v.code
            .as_ref()
            .is_none_or(|c| c.chars().count() <= MAX_CHARS),
        "{link}"
    );
    assert!(v.embed.is_none_or(|e| !e.panels.is_empty()), "{link}");
    assert!(
        v.lesson
            .as_ref()
            .is_none_or(|(id, step)| valid_lesson_id(id) && *step < MAX_LESSON_STEPS),
        "{link}"
    );
}

#[test]
fn a_hundred_thousand_generated_links_never_panic() {
    const LINKS: usize = 100_000;
    let mut rng = Rng(mix64(0x5EED_0F11_4C55));
    let mut keys: Vec<&str> = aliases().flat_map(|(l, s)| [l, s]).collect();
    keys.extend(VIEW_KEYS);
    keys.extend([
        "v",
        "t",
        "bogus",
        "",
        "<b>x</b>",
        "%3Cb%3E",
        "steam_ms ",
        "pour_fail",
    ]);
    let started = Instant::now();
    let (mut count, mut noticed, mut round_trips) = (0, 0, 0);
    let mut slowest = (Duration::ZERO, String::new());
    for i in 0..LINKS {
        let link = fuzz_link(&mut rng, &keys);
        let one = Instant::now();
        let setup = std::panic::catch_unwind(|| setup_from_query(&link))
            .unwrap_or_else(|_| panic!("setup_from_query panicked on {link:?}"));
        let took = one.elapsed();
        if took > slowest.0 {
            slowest = (took, link.chars().take(200).collect());
        }
        check(&link, &setup);
        noticed += usize::from(!setup.notices.is_empty());
        // Whatever a link gave, the page's own link for it reads back
        // exactly (checked for one in twenty, to keep the test quick).
        if i.is_multiple_of(20) {
            let again = query(&setup.preset.id, &setup.scenario, &setup.view);
            if again.len() <= MAX_QUERY_CHARS {
                let back = setup_from_query(&again);
                assert_eq!(back.notices, Vec::<String>::new(), "{again}");
                assert_eq!(
                    (&back.scenario, &back.view),
                    (&setup.scenario, &setup.view),
                    "{again}"
                );
                round_trips += 1;
            }
        }
        count += 1;
    }
    let took = started.elapsed();
    println!(
        "{count} links in {took:?} ({noticed} with notices, {round_trips} re-read); slowest {:?}: {:?}",
        slowest.0, slowest.1
    );
    assert_eq!(
        count, LINKS,
        "{count} links read in {took:?} ({noticed} with notices)"
    );
    assert!(
        noticed > LINKS / 2 && noticed < LINKS,
        "{noticed} had notices"
    );
}

/// A value for parameter `p` that the page accepts: its edges (the least
/// and the most it accepts) about half the time, otherwise anything between.
/// Customers stop at the page's own limit.
fn table_value(p: &'static Param) -> proptest::strategy::BoxedStrategy<String> {
    use proptest::prop_oneof;
    match p.kind {
        Kind::Whole { min, max } => {
            let max = if p.key == "customers" {
                u64::from(MAX_PAGE_CUSTOMERS)
            } else {
                max
            };
            prop_oneof![Just(min), Just(max), min..=max]
                .prop_map(|n| n.to_string())
                .boxed()
        }
        Kind::Decimal { min, max } => {
            let (lo, hi) = ((min * 1e6) as u64, (max * 1e6) as u64);
            prop_oneof![
                Just(lo),
                Just(hi),
                lo..=hi,
                (lo / 1_000_000..=hi / 1_000_000).prop_map(|w| w * 1_000_000)
            ]
            .prop_map(|m| decimal::show(m as f64 / 1e6))
            .boxed()
        }
        Kind::Switch => prop::bool::ANY.prop_map(|b| b.to_string()).boxed(),
        Kind::Choice(options) => {
            prop::sample::select(options.iter().map(|(v, _)| *v).collect::<Vec<_>>())
                .prop_map(String::from)
                .boxed()
        }
        Kind::Recipe => (
            prop::bool::ANY,
            prop::collection::vec(prop::sample::select(STEPS.to_vec()), 1..=7),
        )
            .prop_map(|(lookup, steps)| {
                let mut all = if lookup { vec!["lookup"] } else { Vec::new() };
                all.extend(steps);
                all.join("+")
            })
            .boxed(),
        Kind::Place => prop_oneof![Just(0u32), Just(MAX_CUSTOMERS), 0u32..30]
            .prop_map(|n| n.to_string())
            .boxed(),
        Kind::List => prop::collection::vec((name(), micros(100_000)), 1..6)
            .prop_map(|people| {
                people
                    .into_iter()
                    .map(|(n, at)| format!("{n}@{at}"))
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .boxed(),
    }
}

/// Some parameters of the table, each with a value from [`table_value`].
fn table_pairs(
    most: usize,
) -> impl proptest::strategy::Strategy<Value = Vec<(&'static str, String)>> {
    prop::collection::vec(
        (0..TABLE.len()).prop_flat_map(|i| {
            let p = &TABLE[i];
            table_value(p).prop_map(move |v| (p.key, v))
        }),
        0..most,
    )
}

/// Every parameter of the table, each with a value from [`table_value`].
fn every_pair() -> impl proptest::strategy::Strategy<Value = Vec<(&'static str, String)>> {
    TABLE
        .iter()
        .map(|p| table_value(p).prop_map(move |v| (p.key, v)).boxed())
        .collect::<Vec<_>>()
}

/// The link's scenario, checked against the form the page builds for it:
/// every control shows exactly the simulated value, inside its own range.
/// Writes the link for `id`, `scenario` and `view` (its followed customer
/// kept among the café's) and reads it back: the same preset, scenario and
/// view, no notice, and the same link written again (it is canonical).
fn round_trip(
    id: &str,
    scenario: &Scenario,
    mut view: View,
) -> Result<PageSetup, proptest::test_runner::TestCaseError> {
    view.follow = view.follow.map(|f| f % customers(scenario));
    let link = query(id, scenario, &view);
    prop_assert!(link.len() <= MAX_QUERY_CHARS);
    let back = setup_from_query(&link);
    prop_assert!(back.notices.is_empty(), "{}: {:?}", link, back.notices);
    prop_assert_eq!(&back.preset.id, id);
    prop_assert_eq!(&back.scenario, scenario, "{}", link);
    prop_assert_eq!(&back.view, &view, "{}", link);
    prop_assert_eq!(back.view.strategy, view.strategy);
    prop_assert_eq!(
        back.customised,
        *scenario != preset(id).unwrap().scenario().unwrap()
    );
    prop_assert_eq!(query(&back.preset.id, &back.scenario, &back.view), link);
    Ok(back)
}

fn check_form(s: &Scenario) -> Result<(), proptest::test_runner::TestCaseError> {
    for p in groups().flat_map(|(_, params)| params) {
        let (shown, inside) = shows(&field(p, &value_of(s, p.key).unwrap()));
        prop_assert_eq!(&shown, &value_of(s, p.key).unwrap(), "{}", p.key);
        prop_assert!(
            inside,
            "{} = {} is outside its control's range",
            p.key,
            shown
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Every parameter of the table, at its edges or between, alone or all
    /// at once: the app's link for it reads back the same scenario and view
    /// with no notice, and the form shows what is simulated.
    #[test]
    fn every_parameter_at_its_edges_survives_its_link_and_the_form_shows_it(
        id in prop::sample::select(presets().into_iter().map(|p| p.id).collect::<Vec<_>>()),
        some in table_pairs(12),
        all in every_pair(),
        everything in prop::bool::ANY,
        view in views(),
    ) {
        let base = preset(&id).unwrap().scenario().unwrap();
        let pairs = if everything { all } else { some };
        let (scenario, _) = parse_lenient(base, pairs.iter().map(|(k, v)| (*k, v.as_str())));
        let back = round_trip(&id, &scenario, view)?;
        check_form(&back.scenario)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// The command line with the link's parameters as `--set` pairs runs the
    /// very café the page runs: the same trace digests.
    #[test]
    fn the_cli_with_the_links_pairs_gives_the_pages_digests(
        id in prop::sample::select(presets().into_iter().map(|p| p.id).collect::<Vec<_>>()),
        pairs in table_pairs(8),
    ) {
        let base = preset(&id).unwrap().scenario().unwrap();
        let (mut scenario, _) = parse_lenient(base.clone(), pairs.iter().map(|(k, v)| (*k, v.as_str())));
        // Small cafés: the command line runs a debug build here.
        scenario.customers = scenario.customers.min(40);
        scenario.listed.truncate(40);
        let page = setup_from_query(&query(&id, &scenario, &View::default()));
        prop_assert!(page.notices.is_empty(), "{:?}", page.notices);
        let mut args = vec!["--preset".to_string(), id.clone(), "--format".into(), "json".into()];
        for (k, v) in scenario_pairs(&base, &page.scenario) {
            args.push("--set".into());
            args.push(format!("{k}={v}"));
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_espresso")).args(&args).output().unwrap();
        prop_assert!(out.status.success(), "{:?}: {}", args, String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let instance = Instance::new(&page.scenario);
        for (i, strategy) in Strategy::ALL.into_iter().enumerate() {
            let want = format!("{:016x}", simulate(&instance, strategy).digest());
            prop_assert_eq!(json["strategies"][i]["trace_digest"].as_str(), Some(want.as_str()), "{:?} {:?}", args, strategy);
        }
    }
}
