//! Simulated time: whole microseconds since the café opened.
//!
//! Integers keep the simulation exact and identical on every platform;
//! milliseconds (`f64`) appear only at the edges (parameters and results).

use std::ops::{Add, AddAssign, Sub};

/// An instant (or a duration) of simulated time, in microseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The café opens.
    pub const ZERO: SimTime = SimTime(0);

    /// Milliseconds to simulated time, rounded to the nearest microsecond.
    /// Negative or non-finite input (which validation rejects earlier) maps
    /// to zero rather than wrapping.
    pub fn from_ms(ms: f64) -> SimTime {
        if ms.is_finite() && ms > 0.0 {
            SimTime((ms * 1000.0).round() as u64)
        } else {
            SimTime::ZERO
        }
    }

    /// This time in milliseconds.
    pub fn as_ms(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// `self - earlier`, or zero when `earlier` is later.
    pub fn since(self, earlier: SimTime) -> SimTime {
        SimTime(self.0.saturating_sub(earlier.0))
    }
}

impl Add for SimTime {
    type Output = SimTime;
    fn add(self, rhs: SimTime) -> SimTime {
        SimTime(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for SimTime {
    fn add_assign(&mut self, rhs: SimTime) {
        *self = *self + rhs;
    }
}

impl Sub for SimTime {
    type Output = SimTime;
    fn sub(self, rhs: SimTime) -> SimTime {
        self.since(rhs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_round_trip_through_microseconds() {
        assert_eq!(SimTime::from_ms(40.0), SimTime(40_000));
        assert_eq!(SimTime::from_ms(0.0004), SimTime(0));
        assert_eq!(SimTime::from_ms(0.0005), SimTime(1));
        assert_eq!(SimTime(1_500).as_ms(), 1.5);
    }

    #[test]
    fn nonsense_milliseconds_become_zero() {
        assert_eq!(SimTime::from_ms(-5.0), SimTime::ZERO);
        assert_eq!(SimTime::from_ms(f64::NAN), SimTime::ZERO);
        assert_eq!(SimTime::from_ms(f64::INFINITY), SimTime::ZERO);
    }

    #[test]
    fn subtraction_saturates() {
        assert_eq!(SimTime(5) - SimTime(9), SimTime::ZERO);
        assert_eq!(SimTime(9) - SimTime(5), SimTime(4));
    }
}
