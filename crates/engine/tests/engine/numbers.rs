//! Decimal text without core's float code: whatever `decimal::parse` reads,
//! `decimal::show` writes back exactly, and scenarios survive `to_pairs`.

use espresso_engine::Scenario;
use espresso_engine::decimal::{parse, show};
use espresso_engine::params::{MAX_MS, parse_strict, to_pairs};
use proptest::prelude::{ProptestConfig, prop, prop_assert_eq, proptest};
use proptest::strategy::Strategy as _;

/// Text people might type: a sign, digits, a fraction, an exponent.
fn typed() -> impl proptest::strategy::Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "-", "+"]),
        "[0-9]{0,12}",
        prop::option::of("[0-9]{0,10}"),
        prop::option::of((prop::sample::select(vec!["e", "E-", "e+"]), 0u32..40)),
    )
        .prop_map(|(sign, int, frac, exp)| {
            let mut text = format!("{sign}{int}");
            if let Some(frac) = frac {
                text = format!("{text}.{frac}");
            }
            if let Some((e, n)) = exp {
                text = format!("{text}{e}{n}");
            }
            text
        })
}

/// `micros` millionths written with `decimals` (0 to 6) decimals, rounded.
fn written(micros: u64, decimals: u32) -> String {
    let unit = 10u64.pow(6 - decimals);
    let v = micros / unit;
    let p = 10u64.pow(decimals);
    if decimals == 0 {
        v.to_string()
    } else {
        format!("{}.{:0w$}", v / p, v % p, w = decimals as usize)
    }
}

/// A value in `[0, max]` millionths, as text.
fn value(max_micros: u64) -> impl proptest::strategy::Strategy<Value = String> {
    (0..=max_micros, 0u32..=6).prop_map(|(m, d)| written(m, d))
}

const MS_MICROS: u64 = MAX_MS as u64 * 1_000_000;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn show_writes_back_whatever_parse_reads(text in typed()) {
        // Infinity (saturation) is shown as "inf", which parse refuses.
        if let Some(x) = parse(&text).filter(|x| x.is_finite()) {
            prop_assert_eq!(parse(&show(x)).map(f64::to_bits), Some(x.to_bits()), "{} → {}", text, show(x));
            // And it agrees with core's reading of the same 6 decimals.
            if x.abs() < 9e9 {
                prop_assert_eq!(show(x).parse::<f64>().ok(), Some(x));
            }
        }
    }

    #[test]
    fn short_decimals_read_as_core_reads_them(micros in 0u64..10_000_000_000_000, decimals in 0u32..=6) {
        let text = written(micros, decimals);
        let x = parse(&text).unwrap();
        prop_assert_eq!(Some(x), text.parse::<f64>().ok());
        prop_assert_eq!(show(x), x.to_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn scenarios_survive_their_pairs(
        ms in prop::collection::vec(value(MS_MICROS), 10),
        fail in prop::collection::vec(value(1_000_000), 4),
        jitter in value(1_000_000),
        arrivals in prop::collection::vec(value(MS_MICROS), 0..4),
    ) {
        let keys = ["pay_ms", "grind_ms", "steam_ms", "heat_ms", "pour_ms", "assemble_ms",
            "interval_ms", "take_order_ms", "dispatch_ms", "cookie_ms"];
        let mut pairs: Vec<(String, String)> = keys.iter().map(|k| k.to_string()).zip(ms).collect();
        for (step, p) in ["pay", "grind", "steam", "heat"].iter().zip(fail) {
            pairs.push((format!("{step}_fail"), p));
        }
        pairs.push(("jitter".into(), jitter));
        if !arrivals.is_empty() {
            let list: Vec<String> = arrivals.iter().enumerate().map(|(i, at)| format!("C{i}@{at}")).collect();
            pairs.push(("list".into(), list.join(",")));
        }
        let s = parse_strict(Scenario::default(), pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        let canonical = to_pairs(&s);
        let back = parse_strict(
            Scenario { seed: 9, customers: 3, ..Scenario::default() },
            canonical.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ).unwrap();
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(to_pairs(&back), canonical);
    }
}
