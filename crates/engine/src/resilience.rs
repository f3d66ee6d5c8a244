//! What the circuit breaker and the menu cache did in a run, from the trace
//! alone: the breaker's state over time and its record, the cache's hits.

use super::breaker::Circuit;
use super::scenario::Instance;
use super::time::SimTime;
use super::trace::{Rejection, Trace, What};
use serde::Serialize;

/// The circuit breaker over one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BreakerStats {
    /// Times it opened (from closed or half-open).
    pub trips: u32,
    /// Payments failed at once because it was open (or half-open with its
    /// probe out).
    pub fast_failed: u32,
    /// Payments failed because the card reader did not answer in time.
    pub timed_out: u32,
    /// Time spent open, in ms.
    pub open_ms: f64,
    /// Time spent half-open, in ms.
    pub half_open_ms: f64,
}

/// The menu cache over one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CacheStats {
    /// How long a stored price stays fresh, in ms.
    pub ttl_ms: f64,
    /// Price lookups made.
    pub lookups: u32,
    /// Answered from the cache.
    pub hits: u32,
    /// Sent to the menu server.
    pub misses: u32,
    /// `hits / lookups`, 0 to 1 (0 without lookups).
    pub hit_rate: f64,
}

/// The breaker's state over time: `(t, state)` from `t` until the next
/// point, starting closed at 0 (every change is a point, even two at one
/// instant: an open breaker with no reset timeout).
pub fn breaker_series(trace: &Trace) -> Vec<(SimTime, Circuit)> {
    let mut points = vec![(SimTime::ZERO, Circuit::Closed)];
    for e in &trace.events {
        if let What::Circuit { state, .. } = e.what {
            points.push((e.t, state));
        }
    }
    points
}

/// The breaker's record, or `None` when the scenario has no breaker.
pub fn breaker_stats(instance: &Instance, trace: &Trace) -> Option<BreakerStats> {
    if !instance.scenario.breaker.on {
        return None;
    }
    let mut stats = BreakerStats::default();
    for e in &trace.events {
        match e.what {
            What::Circuit {
                state: Circuit::Open,
                ..
            } => stats.trips += 1,
            What::Reject { cause, .. } => match cause {
                Rejection::FastFail => stats.fast_failed += 1,
                Rejection::TimedOut => stats.timed_out += 1,
            },
            _ => {}
        }
    }
    let series = breaker_series(trace);
    for (i, &(from, state)) in series.iter().enumerate() {
        let to = series.get(i + 1).map_or(trace.end, |p| p.0);
        let ms = to.since(from).as_ms();
        match state {
            Circuit::Open => stats.open_ms += ms,
            Circuit::HalfOpen => stats.half_open_ms += ms,
            Circuit::Closed => {}
        }
    }
    Some(stats)
}

/// The cache's record, or `None` when the scenario has no cache.
pub fn cache_stats(instance: &Instance, trace: &Trace) -> Option<CacheStats> {
    let params = instance.scenario.cache;
    if !params.on {
        return None;
    }
    let mut stats = CacheStats {
        ttl_ms: params.ttl_ms,
        ..CacheStats::default()
    };
    for e in &trace.events {
        if let What::Cache { hit, .. } = e.what {
            stats.lookups += 1;
            if hit {
                stats.hits += 1;
            } else {
                stats.misses += 1;
            }
        }
    }
    if stats.lookups > 0 {
        stats.hit_rate = f64::from(stats.hits) / f64::from(stats.lookups);
    }
    Some(stats)
}
