//! The link's keys, each defined once: the version's, the preset's and the
//! view's in [`KEYS`] (with their short forms), the scenario parameters' in
//! [`param_table::TABLE`]; and looking a key up by its long or short form.

use crate::engine::param_table;

/// A link key that is not a scenario parameter's.
struct Key {
    /// The long form, written unless a link grows long.
    long: &'static str,
    /// The short form, written once a link grows long; empty when the key
    /// is short already.
    short: &'static str,
    /// Whether it names a [`super::View`] field.
    view: bool,
}

impl Key {
    /// A key of the link itself (its version, its preset).
    const fn link(long: &'static str, short: &'static str) -> Key {
        Key {
            long,
            short,
            view: false,
        }
    }

    /// A key of a [`super::View`] field.
    const fn view(long: &'static str, short: &'static str) -> Key {
        Key {
            long,
            short,
            view: true,
        }
    }
}

/// Every key besides the scenario parameters', in link order: the one
/// definition that [`VIEW_ALIASES`], [`VIEW_KEYS`] and [`long_key`]'s keys
/// without a short form are derived from. What each view key holds is its field's doc on
/// [`super::View`].
const KEYS: [Key; 17] = [
    Key::link("v", ""),
    Key::link("preset", "p"),
    Key::view("strategy", "s"),
    Key::view("speed", "x"),
    Key::view("t", ""),
    Key::view("follow", "f"),
    Key::view("lang", "l"),
    Key::view("large", "lg"),
    Key::view("orders", "o"),
    Key::view("autoplay", "a"),
    Key::view("theme", "th"),
    Key::view("embed", "e"),
    Key::view("panels", "pn"),
    Key::view("present", "pr"),
    Key::view("lesson", "ls"),
    Key::view("step", "sp"),
    // Last: the longest value by far.
    Key::view("code", "cd"),
];

/// The view's keys with a short form: (long, short), in link order (the
/// preset's among them). The scenario parameters' short keys are in
/// [`param_table::TABLE`]. Short keys are used when a long link would be
/// longer than [`super::COMPACT_OVER`]; both are always read.
pub const VIEW_ALIASES: [(&str, &str); 15] = {
    let mut out = [("", ""); 15];
    let (mut i, mut n) = (0, 0);
    while i < KEYS.len() {
        if !KEYS[i].short.is_empty() {
            out[n] = (KEYS[i].long, KEYS[i].short);
            n += 1;
        }
        i += 1;
    }
    assert!(n == out.len(), "every key with a short form");
    out
};

/// Keys with no short form (they are short already).
const UNALIASED: [&str; 2] = {
    let mut out = [""; 2];
    let (mut i, mut n) = (0, 0);
    while i < KEYS.len() {
        if KEYS[i].short.is_empty() {
            out[n] = KEYS[i].long;
            n += 1;
        }
        i += 1;
    }
    assert!(n == out.len(), "every key without a short form");
    out
};

/// The keys of [`super::View`] fields, in link order.
pub const VIEW_KEYS: [&str; 15] = {
    let mut out = [""; 15];
    let (mut i, mut n) = (0, 0);
    while i < KEYS.len() {
        if KEYS[i].view {
            out[n] = KEYS[i].long;
            n += 1;
        }
        i += 1;
    }
    assert!(n == out.len(), "every view key");
    out
};

/// Every key with a short form, (long, short): the view's, then every
/// scenario parameter's.
pub fn aliases() -> impl Iterator<Item = (&'static str, &'static str)> {
    VIEW_ALIASES
        .into_iter()
        .chain(param_table::TABLE.iter().map(|p| (p.key, p.alias)))
}

/// The long key for `key` (long or short, trimmed), if it is a key links
/// use.
pub fn long_key(key: &str) -> Option<&'static str> {
    let key = key.trim();
    if !(1..=LONGEST_KEY).contains(&key.len()) {
        return None;
    }
    if let Some(&(long, _)) = VIEW_ALIASES
        .iter()
        .find(|(long, short)| *long == key || *short == key)
    {
        return Some(long);
    }
    if let Some(p) = param_table::by_key_or_alias(key) {
        return Some(p.key);
    }
    UNALIASED.into_iter().find(|k| *k == key)
}

/// The length of the longest key, long or short (`breaker_timeout_ms`).
const LONGEST_KEY: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < KEYS.len() {
        longest = max(longest, max(KEYS[i].long.len(), KEYS[i].short.len()));
        i += 1;
    }
    let mut i = 0;
    while i < param_table::TABLE.len() {
        let p = &param_table::TABLE[i];
        longest = max(longest, max(p.key.len(), p.alias.len()));
        i += 1;
    }
    longest
};

/// The larger of two lengths (`Ord::max` is not `const`).
const fn max(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

/// The short key for a long key (itself when it has none).
pub fn short_key(long: &str) -> &str {
    aliases().find(|(l, _)| *l == long).map_or(long, |(_, s)| s)
}

/// Whether `long` is a scenario parameter's key.
pub fn is_scenario_key(long: &str) -> bool {
    param_table::param(long).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scenario;
    use crate::engine::params::to_pairs;

    #[test]
    fn short_keys_are_unique_and_never_long_keys() {
        let mut all: Vec<&str> = aliases().map(|(l, _)| l).collect();
        all.extend(UNALIASED);
        let longs = all.clone();
        for (long, short) in aliases() {
            if long != short {
                assert!(!longs.contains(&short), "{short} is a long key");
                all.push(short);
            }
        }
        assert_eq!(all.iter().map(|k| k.len()).max(), Some(LONGEST_KEY));
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), all.len(), "every key is one key");
        for k in VIEW_KEYS {
            assert_eq!(long_key(k), Some(k));
            assert!(!is_scenario_key(k));
        }
    }

    #[test]
    fn every_scenario_parameter_has_a_short_key() {
        let mut s = Scenario::default();
        s.listed.push(crate::engine::scenario::Customer {
            name: "Ada".into(),
            arrival_ms: 0.0,
            drink: crate::engine::Drink::Latte,
        });
        for (k, _) in to_pairs(&s) {
            assert!(is_scenario_key(&k), "{k}");
            assert_ne!(short_key(&k), k, "{k}");
        }
        assert!(!is_scenario_key("preset") && !is_scenario_key("v"));
        assert!(!is_scenario_key("bogus"));
    }
}
