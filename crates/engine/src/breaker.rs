//! The circuit breaker around the card reader (the essay's
//! `new CircuitBreaker(asyncRequest, { timeout, errorThresholdPercentage,
//! resetTimeout })`), as a pure state machine the simulation drives.
//!
//! - **Closed**: every payment goes through. Each result (success, failure,
//!   or a timeout) enters a count-based rolling window of the last `window`
//!   results; once the window is full and at least `threshold_pct` % of it
//!   failed, the breaker opens (and the window is cleared).
//! - **Open** for `reset_ms`: every payment fails fast — no button press, no
//!   wait. Then it is **half-open**: the next payment goes through as a
//!   probe while every other one still fails fast; the probe's success closes
//!   the breaker (with an empty window), its failure opens it again.
//! - Results that arrive while the breaker is open or half-open (other than
//!   the probe's) are not counted.

use super::time::SimTime;
use std::collections::VecDeque;

/// The breaker's parameters (docs/model.md#circuit-breaker).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BreakerParams {
    /// Whether payments go through the breaker at all.
    pub on: bool,
    /// A payment not answered this long after its button press fails as
    /// timed out (ms; 0 = no timeout).
    pub timeout_ms: f64,
    /// Failure share of a full window that opens the breaker, in whole
    /// percent (1 to 100).
    pub threshold_pct: u32,
    /// How long the breaker stays open before it lets a probe through (ms).
    pub reset_ms: f64,
    /// How many of the most recent results the window holds (1 to 1000).
    pub window: u32,
}

impl Default for BreakerParams {
    /// Off; when switched on, the essay's `timeout: 3000,
    /// errorThresholdPercentage: 50, resetTimeout: 30000` scaled by 1/5 to
    /// café time (a timeout twice a 300 ms payment, the reset ten times the
    /// timeout as in the essay), over a window of the last 10 payments.
    fn default() -> BreakerParams {
        BreakerParams {
            on: false,
            timeout_ms: 600.0,
            threshold_pct: 50,
            reset_ms: 6000.0,
            window: 10,
        }
    }
}

impl BreakerParams {
    /// The timeout, or `None` when there is none (or no breaker).
    pub fn timeout(&self) -> Option<SimTime> {
        (self.on && self.timeout_ms > 0.0).then(|| SimTime::from_ms(self.timeout_ms))
    }
}

/// The breaker's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Circuit {
    /// Payments go through; results are counted.
    #[default]
    Closed,
    /// Payments fail fast.
    Open,
    /// One probe goes through; the others fail fast.
    HalfOpen,
}

impl Circuit {
    /// Identifier used in JSON and views.
    pub fn key(self) -> &'static str {
        match self {
            Circuit::Closed => "closed",
            Circuit::Open => "open",
            Circuit::HalfOpen => "half-open",
        }
    }
}

/// What the breaker does with a payment about to be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Admit {
    /// It goes through (closed).
    Pass,
    /// It goes through as the half-open breaker's probe.
    Probe,
    /// It fails at once.
    FastFail,
}

/// The breaker's running state.
#[derive(Clone, Debug)]
pub struct Breaker {
    params: BreakerParams,
    state: Circuit,
    /// Most recent results while closed, oldest first: `true` = failed.
    window: VecDeque<bool>,
    failures: u32,
    /// The half-open breaker's probe: (order, plan position).
    probe: Option<(u32, u8)>,
}

impl Breaker {
    /// A closed breaker with an empty window.
    pub fn new(params: BreakerParams) -> Breaker {
        Breaker {
            params,
            state: Circuit::Closed,
            window: VecDeque::new(),
            failures: 0,
            probe: None,
        }
    }

    /// The current state.
    pub fn state(&self) -> Circuit {
        self.state
    }

    /// Decides about payment (order, pos) about to be made.
    pub fn admit(&mut self, order: u32, pos: u8) -> Admit {
        match self.state {
            Circuit::Closed => Admit::Pass,
            Circuit::Open => Admit::FastFail,
            Circuit::HalfOpen if self.probe.is_none() => {
                self.probe = Some((order, pos));
                Admit::Probe
            }
            Circuit::HalfOpen => Admit::FastFail,
        }
    }

    /// Records the result of payment (order, pos); returns the new state if
    /// it changed.
    pub fn record(&mut self, order: u32, pos: u8, failed: bool) -> Option<Circuit> {
        match self.state {
            Circuit::Closed => {
                self.window.push_back(failed);
                self.failures += u32::from(failed);
                if self.window.len() > self.params.window as usize
                    && let Some(oldest) = self.window.pop_front()
                {
                    self.failures -= u32::from(oldest);
                }
                let full = self.window.len() >= self.params.window as usize;
                let share = u64::from(self.failures) * 100;
                let bar = u64::from(self.params.threshold_pct) * self.window.len() as u64;
                (full && share >= bar).then(|| self.open())
            }
            Circuit::HalfOpen if self.probe == Some((order, pos)) => {
                self.probe = None;
                Some(if failed {
                    self.open()
                } else {
                    self.state = Circuit::Closed;
                    Circuit::Closed
                })
            }
            Circuit::HalfOpen | Circuit::Open => None,
        }
    }

    fn open(&mut self) -> Circuit {
        self.state = Circuit::Open;
        self.window.clear();
        self.failures = 0;
        Circuit::Open
    }

    /// The reset timeout has passed: let one probe through.
    pub fn half_open(&mut self) {
        if self.state == Circuit::Open {
            self.state = Circuit::HalfOpen;
            self.probe = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker(window: u32, threshold_pct: u32) -> Breaker {
        Breaker::new(BreakerParams {
            on: true,
            window,
            threshold_pct,
            ..BreakerParams::default()
        })
    }

    #[test]
    fn it_opens_only_once_the_window_is_full_and_failing_enough() {
        let mut b = breaker(4, 50);
        assert_eq!(b.record(0, 0, true), None, "1 of 1: window not full");
        assert_eq!(b.record(1, 0, false), None);
        assert_eq!(b.record(2, 0, false), None);
        assert_eq!(b.record(3, 0, false), None, "1 of 4 = 25 %");
        assert_eq!(b.record(4, 0, true), None, "the window rolls: 1 of 4");
        assert_eq!(b.record(5, 0, true), Some(Circuit::Open), "2 of 4 = 50 %");
        assert_eq!(b.admit(6, 0), Admit::FastFail);
    }

    #[test]
    fn half_open_lets_one_probe_through_and_its_result_decides() {
        let mut b = breaker(1, 100);
        assert_eq!(b.record(0, 0, true), Some(Circuit::Open));
        b.half_open();
        assert_eq!(b.admit(1, 0), Admit::Probe);
        assert_eq!(b.admit(2, 0), Admit::FastFail, "one probe at a time");
        assert_eq!(b.record(9, 0, false), None, "not the probe: ignored");
        assert_eq!(b.record(1, 0, true), Some(Circuit::Open));
        b.half_open();
        assert_eq!(b.admit(3, 0), Admit::Probe);
        assert_eq!(b.record(3, 0, false), Some(Circuit::Closed));
        assert_eq!(b.admit(4, 0), Admit::Pass);
        assert_eq!(b.record(4, 0, false), None, "a fresh window");
    }

    #[test]
    fn the_defaults_are_the_essays_scaled_by_a_fifth() {
        let p = BreakerParams::default();
        assert!(!p.on);
        assert_eq!(
            (p.timeout_ms, p.threshold_pct, p.reset_ms),
            (600.0, 50, 6000.0)
        );
        assert_eq!(p.timeout(), None, "off: no timeout");
    }
}
