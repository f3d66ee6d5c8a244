//! What reading one value of a link did ([`Reading`]), and the notice that
//! tells the reader about a value that was changed or refused.

use crate::engine::params::shown;

/// What reading one value did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Used as given.
    Taken,
    /// Used after a change the notice explains (a speed snapped to the
    /// nearest offered, a playhead clamped).
    Adjusted(String),
    /// Not used; the notice names the key, the value, why, and what is
    /// shown instead.
    Refused(String),
}

/// `key = "value": why; instead.` — a notice about untrusted text (shortened
/// by [`shown`]; plain text, which views escape).
pub fn notice(key: &str, value: &str, why: &str, instead: &str) -> String {
    format!("{} = \"{}\": {why}; {instead}.", shown(key), shown(value))
}
