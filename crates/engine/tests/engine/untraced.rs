//! Runs for the numbers alone (`simulate_numbers`): the same run as the
//! traced one without keeping its events, so everything computed from it —
//! the metrics, the order records, the breaker's states, the digest — is
//! identical, bit for bit, to what the trace gives.

use crate::properties::scenarios;
use crate::support::busy_cafe;
use espresso_engine::golden;
use espresso_engine::metrics::metrics;
use espresso_engine::resilience::breaker_series;
use espresso_engine::scenario::Instance;
use espresso_engine::{Strategy, simulate, simulate_numbers};
use proptest::prelude::{ProptestConfig, proptest};

/// Compares the untraced run of `strategy` on `inst` with the traced one;
/// returns a description of the first difference.
fn compare(inst: &Instance, strategy: Strategy) -> Result<(), String> {
    let trace = simulate(inst, strategy);
    let numbers = simulate_numbers(inst, strategy);
    let (traced, untraced) = (metrics(inst, &trace), numbers.metrics(inst));
    // `{:?}` writes every float exactly (the shortest text that reads back
    // as the same bits, -0.0 apart from 0.0), so equal text is equal bits.
    let (a, b) = (format!("{traced:?}"), format!("{untraced:?}"));
    if a != b || traced != untraced {
        return Err(format!("metrics differ:\n  traced   {a}\n  untraced {b}"));
    }
    if numbers.orders != trace.orders {
        return Err("order records differ".into());
    }
    if numbers.end != trace.end || numbers.strategy != trace.strategy {
        return Err("end or strategy differ".into());
    }
    if numbers.breaker_series() != breaker_series(&trace).as_slice() {
        return Err("breaker series differ".into());
    }
    let (d, e) = (numbers.digest(inst), trace.digest());
    if d != e {
        return Err(format!(
            "digests differ: {d:016x} untraced, {e:016x} traced"
        ));
    }
    Ok(())
}

#[test]
fn untraced_runs_give_the_traced_metrics_for_every_preset_and_strategy() {
    let pinned = golden::scenarios();
    assert!(pinned.len() > 10, "the presets and the extra scenarios");
    for (name, scenario) in pinned {
        let inst = Instance::new(&scenario);
        for strategy in Strategy::ALL {
            if let Err(why) = compare(&inst, strategy) {
                panic!("{name}/{}: {why}", strategy.key());
            }
        }
    }
}

#[test]
fn untraced_digests_are_the_pinned_digests() {
    let pinned = golden::parse_digests(golden::DIGESTS_FILE);
    let mut checked = 0;
    for (name, scenario) in golden::scenarios() {
        let inst = Instance::new(&scenario);
        for strategy in Strategy::ALL {
            let key = format!("{name}/{}", strategy.key());
            let digest = simulate_numbers(&inst, strategy).digest(&inst);
            let expected = pinned.iter().find(|(n, _)| *n == key).map(|p| p.1);
            assert_eq!(Some(digest), expected, "{key}");
            checked += 1;
        }
    }
    assert_eq!(checked, pinned.len());
}

#[test]
fn untraced_runs_give_the_traced_metrics_in_large_busy_cafes() {
    // Thousands of customers, queues at every machine, every mechanism.
    for seed in ["1", "2", "3"] {
        let inst = busy_cafe("3000", seed);
        for strategy in Strategy::ALL {
            if let Err(why) = compare(&inst, strategy) {
                panic!("seed {seed}, {}: {why}", strategy.key());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn untraced_runs_give_the_traced_metrics_on_random_scenarios(s in scenarios()) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            if let Err(why) = compare(&inst, strategy) {
                panic!("{}: {why}\nscenario {s:?}", strategy.key());
            }
        }
    }
}
