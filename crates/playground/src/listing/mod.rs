//! The order handler's code for the code panel: each strategy written out in
//! JavaScript, Rust and Python for one drink's plan, as lines of tokens that
//! already know what they are (keyword, function, punctuation…), each line
//! tagged with the [`CodePoint`]s it stands for.
//!
//! Nothing here parses or highlights text: the generator emits classified
//! tokens, so the page only copies them into spans. Pure Rust, no browser.
//!
//! One idea per file: `model.rs` the lines and tokens a [`Listing`] is made
//! of; `builder.rs` a line being built; `handler.rs` the handler's shape,
//! the same in every language (flat code for blocking, await and join, the
//! callback pyramid, which line stands for which code point); and
//! `javascript.rs`, `rust.rs`, `python.rs` each language's syntax.

mod builder;
#[cfg(test)]
mod fixtures;
mod handler;
mod javascript;
mod model;
mod python;
mod rust;

pub use model::{Language, Line, Listing, Tok, Token};

use crate::engine::Strategy;
use crate::engine::scenario::{PlanStep, Scenario};
use crate::engine::snapshot::CodePoint;
use handler::Gen;

/// Longest line, in characters, before `Promise.all([...])` and its Rust and
/// Python twins are broken into one step per line.
pub const MAX_COLUMNS: usize = 72;

/// How the handler treats errors (the scenario's `check_err` and `try_catch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorHandling {
    /// Callbacks check their `err` argument.
    pub check_err: bool,
    /// `try/catch` surrounds the blocking and the awaiting code.
    pub try_catch: bool,
}

impl Default for ErrorHandling {
    /// Both on, as in the default scenario.
    fn default() -> ErrorHandling {
        ErrorHandling {
            check_err: true,
            try_catch: true,
        }
    }
}

impl ErrorHandling {
    /// The flags of `scenario`.
    pub fn of(scenario: &Scenario) -> ErrorHandling {
        ErrorHandling {
            check_err: scenario.check_err,
            try_catch: scenario.try_catch,
        }
    }

    /// Whether `strategy`'s code handles a failed step (as the engine decides).
    pub fn handled(self, strategy: Strategy) -> bool {
        match strategy {
            Strategy::Callbacks => self.check_err,
            _ => self.try_catch,
        }
    }
}

/// The café's mechanisms that change the handler's code (the scenario's
/// `breaker` and `cache`). Each only touches the steps it guards: the
/// breaker the payments (steps on a card reader), the cache the price lookup.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mechanisms {
    /// Payments go through the circuit breaker: `breaker.fire(order)`.
    pub breaker: bool,
    /// The price lookup asks the menu cache before the menu server.
    pub cache: bool,
}

impl Mechanisms {
    /// Neither: the plain handler.
    pub const NONE: Mechanisms = Mechanisms {
        breaker: false,
        cache: false,
    };

    /// The mechanisms `scenario` switches on.
    pub fn of(scenario: &Scenario) -> Mechanisms {
        Mechanisms {
            breaker: scenario.breaker.on,
            cache: scenario.cache.on,
        }
    }
}

/// The line of `listing` to highlight for `point`: the first line that
/// stands for it, or `None` when the code has no such line (a cookie when
/// errors are not handled).
pub fn line_of(listing: &Listing, point: CodePoint) -> Option<usize> {
    listing.lines.iter().position(|l| l.points.contains(&point))
}

/// The handler of `strategy` in `language` for a drink made by `plan`,
/// with neither the circuit breaker nor the cache (see [`listing_with`]).
pub fn listing(
    strategy: Strategy,
    language: Language,
    plan: &[PlanStep],
    errors: ErrorHandling,
) -> Listing {
    listing_with(strategy, language, plan, errors, Mechanisms::NONE)
}

/// The handler of `strategy` in `language` for a drink made by `plan`, with
/// the payments called through the circuit breaker and the price lookup
/// asking the cache first when `mechanisms` says so.
pub fn listing_with(
    strategy: Strategy,
    language: Language,
    plan: &[PlanStep],
    errors: ErrorHandling,
    mechanisms: Mechanisms,
) -> Listing {
    let mut g = Gen {
        lang: language,
        strategy,
        plan,
        handled: errors.handled(strategy),
        mechanisms,
        lines: Vec::new(),
    };
    match strategy {
        Strategy::Callbacks => g.callbacks(),
        _ => g.flat(),
    }
    Listing {
        language,
        lines: g.lines,
    }
}
