//! The menu cache (the essay's "Redis caching for product lookups" in café
//! form): the price of each drink, remembered for a while. A `lookup` step
//! whose drink's price is cached and fresh is answered at once (a hit costs
//! `hit_ms` of the barista's CPU, no trip to the menu server); otherwise it
//! goes to the menu server, and a successful answer is stored for `ttl_ms`.

use super::scenario::Drink;
use super::time::SimTime;

/// Cache parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CacheParams {
    /// Whether lookups consult the cache.
    pub on: bool,
    /// How long a stored price stays fresh (ms).
    pub ttl_ms: f64,
    /// CPU the barista spends answering from the cache (ms).
    pub hit_ms: f64,
}

impl Default for CacheParams {
    /// Off; when on, a price stays fresh for 5 s and a hit costs nothing.
    fn default() -> CacheParams {
        CacheParams {
            on: false,
            ttl_ms: 5000.0,
            hit_ms: 0.0,
        }
    }
}

/// The cache's contents: when each drink's price was stored.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cache {
    ttl: SimTime,
    stored: [Option<SimTime>; 2],
}

impl Cache {
    /// An empty cache.
    pub fn new(params: CacheParams) -> Cache {
        Cache {
            ttl: SimTime::from_ms(params.ttl_ms),
            stored: [None; 2],
        }
    }

    /// Whether `drink`'s price is fresh at `now`: stored at `s` with
    /// `s <= now < s + ttl`.
    pub fn hit(&self, drink: Drink, now: SimTime) -> bool {
        self.stored[drink.index()].is_some_and(|s| now < s + self.ttl)
    }

    /// Stores `drink`'s price at `now`.
    pub fn store(&mut self, drink: Drink, now: SimTime) {
        self.stored[drink.index()] = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_is_fresh_for_exactly_its_ttl() {
        let mut c = Cache::new(CacheParams {
            on: true,
            ttl_ms: 100.0,
            hit_ms: 0.0,
        });
        assert!(!c.hit(Drink::Latte, SimTime::ZERO), "empty");
        c.store(Drink::Latte, SimTime::from_ms(50.0));
        assert!(c.hit(Drink::Latte, SimTime::from_ms(149.999)));
        assert!(!c.hit(Drink::Latte, SimTime::from_ms(150.0)), "expired");
        assert!(!c.hit(Drink::PourOver, SimTime::from_ms(60.0)), "per drink");
    }
}
