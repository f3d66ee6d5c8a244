//! Reports of runs for people and programs: the command line's JSON (schema
//! `async-espresso/run/v1`, documented in the README) and its text tables.

use crate::engine::flow::Flow;
use crate::engine::metrics::Metrics;
use crate::engine::params::{changed_pairs, to_pairs};
use crate::engine::scenario::Instance;
use crate::engine::sim::{builtin_flows, simulate_numbers_flows};
use crate::engine::strategy::Strategy;
use crate::engine::trace::{OrderRecord, Outcome};
use crate::format::{duration_ms as ms, per_minute, percent};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The identifier of the JSON schema below.
pub const SCHEMA: &str = "async-espresso/run/v1";

/// One step of one order as it was drawn.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepOut {
    /// Step key (pay, grind, steam, heat, pour, assemble).
    pub step: &'static str,
    /// Machine key, or `null` for CPU work on the barista.
    pub machine: Option<&'static str>,
    /// Drawn duration, in ms.
    pub ms: f64,
    /// Whether it fails.
    pub fails: bool,
}

/// One order's fate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderOut {
    /// Customer's name.
    pub name: String,
    /// latte or pourover.
    pub drink: &'static str,
    /// Joined the line, in ms.
    pub arrived_ms: f64,
    /// Left the line (the barista started taking the order), in ms.
    pub taken_ms: f64,
    /// Drink or cookie handed over, in ms; `null` for a lost order.
    pub served_ms: Option<f64>,
    /// served, cookie or lost.
    pub outcome: &'static str,
    /// The order's steps (only with `--steps`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steps: Option<Vec<StepOut>>,
}

/// One strategy's run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StrategyRun {
    /// blocking, callbacks, await or join.
    pub strategy: &'static str,
    /// Human name.
    pub label: &'static str,
    /// Headline numbers.
    pub metrics: Metrics,
    /// Every order, in arrival order.
    pub orders: Vec<OrderOut>,
    /// Digest of the full trace (16 hex digits): equal digests, equal
    /// traces. Only when asked for (the command line always asks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace_digest: Option<String>,
    /// The circuit breaker's state over time, `[ms, "closed" | "open" |
    /// "half-open"]` from that instant on (only when the breaker is on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub circuit: Option<Vec<(f64, &'static str)>>,
}

/// A whole report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The preset the scenario started from, if any.
    pub preset: Option<String>,
    /// Parameters that differ from the defaults.
    pub params: BTreeMap<String, String>,
    /// Every parameter of the scenario run (canonical values).
    pub scenario: BTreeMap<String, String>,
    /// One entry per strategy run.
    pub strategies: Vec<StrategyRun>,
}

fn orders_out(
    instance: &Instance,
    flows: &[Flow; 2],
    orders: &[OrderRecord],
    with_steps: bool,
) -> Vec<OrderOut> {
    orders
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let spec = &instance.orders[i];
            OrderOut {
                name: instance.name(i).into_owned(),
                drink: spec.drink.key(),
                arrived_ms: r.arrived.as_ms(),
                taken_ms: r.taken.as_ms(),
                served_ms: (r.outcome != Outcome::Lost).then(|| r.ended.as_ms()),
                outcome: r.outcome.key(),
                steps: with_steps.then(|| {
                    flows[spec.drink.index()]
                        .calls
                        .iter()
                        .filter(|c| !c.absent)
                        .map(|c| c.plan)
                        .map(|p| StepOut {
                            step: p.step.key(),
                            machine: p.machine.map(|m| m.key()),
                            ms: spec.duration(p.step).as_ms(),
                            fails: p.step.machine().is_some() && spec.fails(p.step),
                        })
                        .collect()
                }),
            }
        })
        .collect()
}

/// What a report includes beyond the metrics and orders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Each order's drawn steps.
    pub steps: bool,
    /// Each trace's digest (costs a second run of each strategy).
    pub digests: bool,
}

/// Where the time of [`report_timed`] went, in ms of the caller's clock.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    /// Inside `simulate`, summed over the strategies.
    pub simulate_ms: f64,
    /// The whole report (simulations, metrics, order lists).
    pub total_ms: f64,
}

/// Runs `strategies` on `instance` and reports; [`Strategy::Yours`] runs
/// `yours` (the learner's handler fitted to each drink). Only numbers are
/// reported, so no trace is kept: each run is simulated for its numbers
/// alone (`simulate_numbers`: the same metrics, records and digest as the
/// trace).
pub fn report(
    instance: &Instance,
    strategies: &[Strategy],
    yours: Option<&[Flow; 2]>,
    preset: Option<&str>,
    options: ReportOptions,
) -> Report {
    report_timed(instance, strategies, yours, preset, options, &|| 0.0).0
}

/// [`report`], timing its parts with `clock` (milliseconds; the engine
/// itself never reads a clock).
pub fn report_timed(
    instance: &Instance,
    strategies: &[Strategy],
    yours: Option<&[Flow; 2]>,
    preset: Option<&str>,
    options: ReportOptions,
    clock: &dyn Fn() -> f64,
) -> (Report, Timings) {
    let started = clock();
    let mut simulate_ms = 0.0;
    let strategies = strategies
        .iter()
        .map(|&s| {
            let before = clock();
            let flows = match yours {
                Some(flows) if s == Strategy::Yours => flows.clone(),
                _ => builtin_flows(instance, s),
            };
            let run = simulate_numbers_flows(instance, s, flows);
            simulate_ms += clock() - before;
            StrategyRun {
                strategy: s.key(),
                label: s.label(),
                metrics: run.metrics(instance),
                orders: orders_out(instance, &run.flows, &run.orders, options.steps),
                trace_digest: options
                    .digests
                    .then(|| format!("{:016x}", run.digest(instance))),
                circuit: instance.scenario.breaker.on.then(|| {
                    run.breaker_series()
                        .iter()
                        .map(|&(t, state)| (t.as_ms(), state.key()))
                        .collect()
                }),
            }
        })
        .collect();
    let report = Report {
        schema: SCHEMA,
        preset: preset.map(str::to_string),
        params: changed_pairs(&instance.scenario).into_iter().collect(),
        scenario: to_pairs(&instance.scenario).into_iter().collect(),
        strategies,
    };
    (
        report,
        Timings {
            simulate_ms,
            total_ms: clock() - started,
        },
    )
}

/// The report as text tables: the comparison, then each strategy's orders.
pub fn to_table(r: &Report) -> String {
    let mut out = String::new();
    let preset = r.preset.as_deref().unwrap_or("custom");
    let _ = writeln!(out, "Scenario: {preset}");
    if !r.params.is_empty() {
        let changed: Vec<_> = r.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = writeln!(out, "Changed:  {}", changed.join(" "));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<17} {:>6} {:>7} {:>5} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>22}",
        "strategy",
        "served",
        "cookies",
        "lost",
        "p50",
        "p95",
        "max",
        "wait",
        "per min",
        "lag p95",
        "barista work/block/idle"
    );
    for s in &r.strategies {
        let m = &s.metrics;
        let pct = |v: f64| percent(v, m.makespan_ms);
        let _ = writeln!(
            out,
            "{:<17} {:>6} {:>7} {:>5} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>22}",
            s.label,
            m.served,
            m.cookies,
            m.lost,
            ms(m.latency.p50_ms),
            ms(m.latency.p95_ms),
            ms(m.latency.max_ms),
            ms(m.wait_in_line.mean_ms),
            per_minute(m.throughput_per_min),
            ms(m.lag.p95_ms),
            format!(
                "{}/{}/{}",
                pct(m.working_ms),
                pct(m.blocked_ms),
                pct(m.idle_ms)
            ),
        );
    }
    mechanisms(&mut out, r);
    let shown = 40;
    for s in &r.strategies {
        let _ = writeln!(out, "\n{}: orders", s.label);
        let _ = writeln!(
            out,
            "  {:<14} {:<9} {:>9} {:>9} {:>9}  outcome",
            "customer", "drink", "arrived", "served", "latency"
        );
        for o in s.orders.iter().take(shown) {
            let served = o.served_ms.map_or("never".to_string(), ms);
            let latency = o
                .served_ms
                .map_or("∞".to_string(), |v| ms(v - o.arrived_ms));
            let _ = writeln!(
                out,
                "  {:<14} {:<9} {:>9} {:>9} {:>9}  {}",
                o.name,
                o.drink,
                ms(o.arrived_ms),
                served,
                latency,
                o.outcome
            );
        }
        if s.orders.len() > shown {
            let _ = writeln!(
                out,
                "  … and {} more (use --format json for all)",
                s.orders.len() - shown
            );
        }
    }
    out
}

/// Pools, breaker and cache, per strategy, when the scenario has them.
fn mechanisms(out: &mut String, r: &Report) {
    for s in &r.strategies {
        let m = &s.metrics;
        let mut parts = Vec::new();
        let pooled: Vec<String> = m
            .machines
            .iter()
            .filter(|x| x.warmups > 0 || x.put_away > 0)
            .map(|x| {
                format!(
                    "{} {}, {}/{}",
                    x.machine,
                    x.warmups,
                    ms(x.wait_for_unit.mean_ms),
                    ms(x.wait_for_unit.p95_ms)
                )
            })
            .collect();
        if !pooled.is_empty() {
            parts.push(format!(
                "pools (warm-ups, wait for a unit mean/p95): {}",
                pooled.join("; ")
            ));
        }
        if let Some(b) = m.breaker {
            parts.push(format!(
                "breaker: opened {}×, open {}, {} timed out, {} failed fast",
                b.trips,
                ms(b.open_ms),
                b.timed_out,
                b.fast_failed
            ));
        }
        if let Some(c) = m.cache {
            parts.push(format!(
                "cache: {} of {} lookups hit ({}), ttl {}",
                c.hits,
                c.lookups,
                percent(c.hit_rate, 1.0),
                ms(c.ttl_ms)
            ));
        }
        if !parts.is_empty() {
            let _ = writeln!(out, "{:<17} {}", s.label, parts.join(" | "));
        }
    }
}
