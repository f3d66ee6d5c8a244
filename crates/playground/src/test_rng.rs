//! A deterministic stream of random numbers for the crate's fuzz tests:
//! the engine's own mixer (`engine::rng::mix64`) over a counter.

use crate::engine::rng::mix64;

/// Draws from a fixed seed; the same seed, the same draws.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (which must not be 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(1);
        (mix64(self.0) % n as u64) as usize
    }
}
