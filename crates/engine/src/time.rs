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
        let us = ms * 1000.0;
        // Below 2^63 µs (every real duration): `us.round() as u64` without
        // the C library's `round` (x86-64 has no instruction for it) and
        // with the one-instruction signed conversions. The truncation is
        // exact and so is the fraction it leaves, so rounding half away
        // from zero adds one when the fraction is at least a half. `us > 0`
        // is false for NaN.
        if us > 0.0 && us < 9.0e18 {
            let whole = us as i64;
            let up = us - whole as f64 >= 0.5;
            SimTime(whole as u64 + u64::from(up))
        } else if us > 0.0 && ms.is_finite() {
            SimTime(us.round() as u64)
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
    fn rounding_is_the_standard_libraries() {
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        // The largest number below `x`.
        let below = |x: f64| f64::from_bits(x.to_bits() - 1);
        let mut cases = vec![
            0.0005,
            0.0015,
            0.0025,
            below(0.0005),
            below(0.0015),
            4_503_599_627_370.495,
            1e15,
            below(9e15),
            9e15,
            i64::MAX as f64 / 1000.0,
            u64::MAX as f64 / 1000.0,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
        ];
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Random bit patterns of positive finite numbers, and values
            // near whole and half microseconds.
            cases.push(f64::from_bits(x >> 1));
            cases.push((x % 10_000_000) as f64 / 2000.0);
            cases.push((x % 1_000_000) as f64 / 1000.0 + 0.0005);
        }
        for ms in cases {
            if ms.is_finite() && ms > 0.0 {
                assert_eq!(
                    SimTime::from_ms(ms).0,
                    (ms * 1000.0).round() as u64,
                    "{ms:e}"
                );
            }
        }
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
