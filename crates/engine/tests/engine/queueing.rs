//! Queueing theory: the café against M/M/1 and M/M/c (Erlang C) formulas,
//! within the run's own 99 % confidence interval (batch means).

use crate::support::instance;
use espresso_engine::{Strategy, simulate};

/// Mean and 99 % confidence half-width of the mean time in system, from 40
/// batches of consecutive customers after a warm-up.
fn batch_means(sojourn_ms: &[f64]) -> (f64, f64) {
    let warm = sojourn_ms.len() / 50;
    let data = &sojourn_ms[warm..];
    let batches = 40;
    let size = data.len() / batches;
    let means: Vec<f64> = (0..batches)
        .map(|b| data[b * size..(b + 1) * size].iter().sum::<f64>() / size as f64)
        .collect();
    let mean = means.iter().sum::<f64>() / batches as f64;
    let var = means.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (batches - 1) as f64;
    let t_99_39 = 2.708; // Student's t, 39 degrees of freedom, two-sided 99 %
    (mean, t_99_39 * (var / batches as f64).sqrt())
}

fn sojourns(pairs: &[(&str, &str)], strategy: Strategy) -> Vec<f64> {
    let inst = instance(pairs);
    let trace = simulate(&inst, strategy);
    trace
        .orders
        .iter()
        .map(|r| r.latency().unwrap().as_ms())
        .collect()
}

fn assert_matches(name: &str, sojourn: &[f64], theory: f64) {
    let (mean, half) = batch_means(sojourn);
    assert!(
        half < 0.04 * theory,
        "{name}: interval too wide to mean anything: ±{half:.2} ms"
    );
    assert!(
        (mean - theory).abs() <= half,
        "{name}: simulated {mean:.2} ± {half:.2} ms, theory {theory:.2} ms"
    );
}

#[test]
fn a_blocking_barista_is_an_m_m_1_queue() {
    // λ = 1/200 per ms, μ = 1/100 per ms: W = 1/(μ − λ) = 200 ms.
    let pairs = [
        ("customers", "300000"),
        ("arrivals", "poisson"),
        ("interval_ms", "200"),
        ("durations", "exponential"),
        ("karen", "0"),
        ("take_order_ms", "0"),
        ("dispatch_ms", "0"),
        ("latte", "pay"),
        ("pay_ms", "100"),
        ("seed", "2026"),
    ];
    assert_matches(
        "blocking at the card reader",
        &sojourns(&pairs, Strategy::Blocking),
        200.0,
    );
    // The same with CPU work instead of I/O: any strategy, one server.
    let cpu = [
        &pairs[..7],
        &[("latte", "pour"), ("pour_ms", "100"), ("seed", "7")],
    ]
    .concat();
    assert_matches(
        "hand-pouring barista",
        &sojourns(&cpu, Strategy::Await),
        200.0,
    );
}

/// Erlang C: probability that an arrival has to wait in M/M/c.
fn erlang_c(c: u32, a: f64) -> f64 {
    let mut term = 1.0; // a^k / k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let top = term * f64::from(c) / (f64::from(c) - a);
    top / (sum + top)
}

#[test]
fn a_pool_of_card_readers_is_an_m_m_c_queue() {
    // c = 3 readers, λ = 1/50 per ms, μ = 1/100 per ms: a = 2, ρ = 2/3.
    // W = C(3, 2) / (cμ − λ) + 1/μ = (4/9) / 0.01 + 100 = 144.4 ms.
    let (c, lambda, mu) = (3, 1.0 / 50.0, 1.0 / 100.0);
    let theory = erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda) + 1.0 / mu;
    assert!((erlang_c(3, 2.0) - 4.0 / 9.0).abs() < 1e-12);
    let pairs = pooled_readers(&[]);
    for strategy in [Strategy::Callbacks, Strategy::Await, Strategy::Join] {
        assert_matches(
            &format!("{strategy:?} with 3 readers"),
            &sojourns(&pairs, strategy),
            theory,
        );
    }
}

/// Card readers as an M/M/c queue (c = 3, λ = 1/50 per ms, μ = 1/100 per
/// ms), with a pool's settings on top.
fn pooled_readers(pool: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut pairs = vec![
        ("customers", "300000"),
        ("arrivals", "poisson"),
        ("interval_ms", "50"),
        ("durations", "exponential"),
        ("karen", "0"),
        ("take_order_ms", "0"),
        ("dispatch_ms", "0"),
        ("latte", "pay"),
        ("pay_ms", "100"),
        ("readers", "3"),
        ("seed", "99"),
    ];
    pairs.extend_from_slice(pool);
    pairs
}

#[test]
fn a_pool_that_never_puts_units_away_is_still_m_m_c() {
    // Every reader warms up once (100 ms) on first use and stays warm: after
    // the first few customers (dropped as warm-up by the batch means) the
    // pool is c plain servers: W = 144.4 ms as above.
    let (c, lambda, mu) = (3, 1.0 / 50.0, 1.0 / 100.0);
    let theory = erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda) + 1.0 / mu;
    let pairs = pooled_readers(&[("warmup_ms", "100"), ("pool_idle_ms", "0")]);
    let inst = crate::support::instance(&pairs);
    let trace = simulate(&inst, Strategy::Await);
    let warmups = espresso_engine::metrics::metrics(&inst, &trace).machines[0].warmups;
    assert_eq!(warmups, 3, "one warm-up per reader");
    assert_matches(
        "3 pooled readers, never put away",
        &sojourns(&pairs, Strategy::Await),
        theory,
    );
}

#[test]
fn a_pool_with_a_short_idle_timeout_waits_longer_than_m_m_c() {
    // The same traffic, but an idle reader is put away after 30 ms and needs
    // 50 ms to warm up: gaps between arrivals (mean 50 ms) often exceed the
    // idle timeout, so many requests find only cold readers and wait for a
    // warm-up: the mean time in the café rises well above Erlang C's.
    let (c, lambda, mu) = (3, 1.0 / 50.0, 1.0 / 100.0);
    let theory = erlang_c(c, lambda / mu) / (f64::from(c) * mu - lambda) + 1.0 / mu;
    let pairs = pooled_readers(&[("warmup_ms", "50"), ("pool_idle_ms", "30")]);
    let (mean, half) = batch_means(&sojourns(&pairs, Strategy::Await));
    println!("cold pool: {mean:.1} ± {half:.1} ms vs M/M/3 {theory:.1} ms");
    assert!(
        mean - half > theory + 10.0,
        "cold pool: {mean:.2} ± {half:.2} ms vs M/M/3 {theory:.2} ms"
    );
}
