//! What the circuit breaker and the menu cache did in a run, from its events
//! alone: the breaker's state over time and its record, the cache's hits.
//! Each is a running tally fed one event at a time, so that a trace and a
//! numbers-only run ([`Tally`](super::metrics::Tally)) count alike.

use super::breaker::Circuit;
use super::cache::CacheParams;
use super::scenario::Instance;
use super::time::SimTime;
use super::trace::{Event, Rejection, Trace, What};
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

/// The breaker's changes and failures, event by event.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakerTally {
    trips: u32,
    fast_failed: u32,
    timed_out: u32,
    /// `(t, state)` from `t` on, starting closed at 0.
    points: Vec<(SimTime, Circuit)>,
}

impl Default for BreakerTally {
    fn default() -> BreakerTally {
        BreakerTally {
            trips: 0,
            fast_failed: 0,
            timed_out: 0,
            points: vec![(SimTime::ZERO, Circuit::Closed)],
        }
    }
}

impl BreakerTally {
    /// Counts one event (only `Circuit` and `Reject` events matter).
    #[inline]
    pub fn record(&mut self, e: &Event) {
        match e.what {
            What::Circuit { state, .. } => {
                if state == Circuit::Open {
                    self.trips += 1;
                }
                self.points.push((e.t, state));
            }
            What::Reject { cause, .. } => match cause {
                Rejection::FastFail => self.fast_failed += 1,
                Rejection::TimedOut => self.timed_out += 1,
            },
            _ => {}
        }
    }

    /// The state over time (see [`breaker_series`]).
    pub fn series(&self) -> &[(SimTime, Circuit)] {
        &self.points
    }

    /// The record of a run that ended at `end`.
    pub fn stats(&self, end: SimTime) -> BreakerStats {
        let mut stats = BreakerStats {
            trips: self.trips,
            fast_failed: self.fast_failed,
            timed_out: self.timed_out,
            ..BreakerStats::default()
        };
        let series = &self.points;
        for (i, &(from, state)) in series.iter().enumerate() {
            let to = series.get(i + 1).map_or(end, |p| p.0);
            let ms = to.since(from).as_ms();
            match state {
                Circuit::Open => stats.open_ms += ms,
                Circuit::HalfOpen => stats.half_open_ms += ms,
                Circuit::Closed => {}
            }
        }
        stats
    }
}

/// The cache's lookups, event by event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheTally {
    lookups: u32,
    hits: u32,
}

impl CacheTally {
    /// Counts one event (only `Cache` events matter).
    #[inline]
    pub fn record(&mut self, e: &Event) {
        if let What::Cache { hit, .. } = e.what {
            self.lookups += 1;
            self.hits += u32::from(hit);
        }
    }

    /// The record, for a cache with `params`.
    pub fn stats(&self, params: CacheParams) -> CacheStats {
        let mut stats = CacheStats {
            ttl_ms: params.ttl_ms,
            lookups: self.lookups,
            hits: self.hits,
            misses: self.lookups - self.hits,
            hit_rate: 0.0,
        };
        if stats.lookups > 0 {
            stats.hit_rate = f64::from(stats.hits) / f64::from(stats.lookups);
        }
        stats
    }
}

/// The breaker's state over time: `(t, state)` from `t` until the next
/// point, starting closed at 0 (every change is a point, even two at one
/// instant: an open breaker with no reset timeout).
pub fn breaker_series(trace: &Trace) -> Vec<(SimTime, Circuit)> {
    breaker_tally(trace).points
}

fn breaker_tally(trace: &Trace) -> BreakerTally {
    let mut tally = BreakerTally::default();
    for e in &trace.events {
        tally.record(e);
    }
    tally
}

/// The breaker's record, or `None` when the scenario has no breaker.
pub fn breaker_stats(instance: &Instance, trace: &Trace) -> Option<BreakerStats> {
    instance
        .scenario
        .breaker
        .on
        .then(|| breaker_tally(trace).stats(trace.end))
}

/// The cache's record, or `None` when the scenario has no cache.
pub fn cache_stats(instance: &Instance, trace: &Trace) -> Option<CacheStats> {
    let params = instance.scenario.cache;
    params.on.then(|| {
        let mut tally = CacheTally::default();
        for e in &trace.events {
            tally.record(e);
        }
        tally.stats(params)
    })
}
