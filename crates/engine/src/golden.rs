//! Pinned trace digests: the scenarios whose traces must stay byte-identical
//! across platforms and versions. The native and the WebAssembly test suites
//! both compare [`compute_digests`] with `crates/engine/tests/golden/trace_digests.txt`.

use crate::params::parse_strict;
use crate::presets::presets;
use crate::{Instance, Scenario, Strategy, simulate};

/// The pinned digests, one `name digest-in-hex` per line.
pub const DIGESTS_FILE: &str = include_str!("../tests/golden/trace_digests.txt");

/// Scenarios beyond the presets that exercise randomness (logarithms,
/// Poisson arrivals, failures), pools, the breaker and the cache.
const EXTRA: &[(&str, &[(&str, &str)])] = &[
    (
        "random-rush",
        &[
            ("customers", "400"),
            ("arrivals", "poisson"),
            ("interval_ms", "120"),
            ("durations", "exponential"),
            ("pay_fail", "0.1"),
            ("steam_fail", "0.05"),
            ("steamers", "2"),
            ("helpers", "1"),
            ("offload", "true"),
            ("check_err", "false"),
            ("seed", "42"),
        ],
    ),
    (
        // Every mechanism at once: pools that go cold, the breaker (timeouts
        // and fast failures), the cache (hits, misses, expiry), helpers.
        "random-resilience",
        &[
            ("customers", "300"),
            ("arrivals", "poisson"),
            ("interval_ms", "150"),
            ("durations", "exponential"),
            ("pay_fail", "0.15"),
            ("latte", "lookup+pay+grind+steam+assemble"),
            ("lookup_fail", "0.05"),
            ("cache", "true"),
            ("cache_ttl_ms", "800"),
            ("breaker", "true"),
            ("breaker_window", "5"),
            ("pool_idle_ms", "300"),
            ("warmup_ms", "60"),
            ("readers", "2"),
            ("steamers", "2"),
            ("helpers", "1"),
            ("offload", "true"),
            ("check_err", "false"),
            ("seed", "7"),
        ],
    ),
];

/// Every preset and extra scenario, by name: the scenarios pinned.
pub fn scenarios() -> Vec<(String, Scenario)> {
    let mut scenarios: Vec<(String, Scenario)> = presets()
        .into_iter()
        .filter_map(|p| p.scenario().ok().map(|s| (p.id, s)))
        .collect();
    for (name, pairs) in EXTRA {
        if let Ok(s) = parse_strict(Scenario::default(), pairs.iter().copied()) {
            scenarios.push((name.to_string(), s));
        }
    }
    scenarios
}

/// `(scenario/strategy, digest)` for every preset and extra scenario.
pub fn compute_digests() -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for (name, scenario) in scenarios() {
        let instance = Instance::new(&scenario);
        for strategy in Strategy::ALL {
            out.push((
                format!("{name}/{}", strategy.key()),
                simulate(&instance, strategy).digest(),
            ));
        }
    }
    out
}

/// Reads the pinned file.
pub fn parse_digests(text: &str) -> Vec<(String, u64)> {
    text.lines()
        .filter_map(|line| {
            let (name, hex) = line.trim().split_once(' ')?;
            Some((name.to_string(), u64::from_str_radix(hex.trim(), 16).ok()?))
        })
        .collect()
}
