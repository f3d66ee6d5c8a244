//! The order handler's code for the code panel: a handler's shape, a
//! [`Program`] — a built-in strategy's ([`listing_with`]) or a learner's
//! ([`listing_of`]) — written out in JavaScript, Rust and Python, as lines
//! of tokens that already know what they are (keyword, function,
//! punctuation…), each line tagged with the [`CodePoint`]s it stands for,
//! its calls numbered as the drink's flow numbers them.
//!
//! Nothing here parses or highlights text: the generator emits classified
//! tokens, so the page only copies them into spans. Pure Rust, no browser.
//!
//! One idea per file: `model.rs` the lines and tokens a [`Listing`] is made
//! of; `builder.rs` a line being built; `handler.rs` the words every
//! language shares (names, a call's statement and its code points);
//! `walk.rs` the program walked in order (statements, the callback
//! pyramid, the error handler around the handled parts); `join.rs`
//! `Promise.all` and its branches; `javascript.rs`, `rust.rs`, `python.rs`
//! each language's syntax; `tests.rs` the shape and the code points of the
//! built-in listings.

mod builder;
#[cfg(test)]
mod fixtures;
mod handler;
mod javascript;
mod join;
mod model;
mod python;
mod rust;
#[cfg(test)]
mod tests;
mod walk;

pub use model::{Language, Line, Listing, Tok, Token};

use crate::engine::Strategy;
use crate::engine::flow::{Call, Flow, Program};
use crate::engine::scenario::{PlanStep, Scenario, StepId};
use crate::engine::snapshot::CodePoint;
use handler::{Gen, Style};

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
/// asking the cache first when `mechanisms` says so: the program the
/// strategy is ([`Program::builtin`]) written out, with the strategy's own
/// header and error handler (`async`, or `try`, even when nothing is
/// awaited or can fail).
pub fn listing_with(
    strategy: Strategy,
    language: Language,
    plan: &[PlanStep],
    errors: ErrorHandling,
    mechanisms: Mechanisms,
) -> Listing {
    let handled = errors.handled(strategy);
    let program = Program::builtin(
        strategy,
        plan,
        handled,
        mechanisms.breaker,
        mechanisms.cache,
    );
    let steps: Vec<(StepId, bool)> = plan.iter().map(|p| (p.step, false)).collect();
    let pieces = walk::pieces(&program, positions(&steps));
    let callbacks = strategy == Strategy::Callbacks;
    let flat_handled = handled && !callbacks;
    let style = Style {
        is_async: matches!(strategy, Strategy::Await | Strategy::Join),
        arc: callbacks,
        fallible: !callbacks && !flat_handled,
        try_at: flat_handled.then_some(0),
        inner_async: strategy != Strategy::Blocking,
        checks: Some(handled),
    };
    write(language, style, &pieces)
}

/// A written handler's `program` in `language`, its calls numbered as
/// `flow` (the program fitted to the drink the code panel follows) numbers
/// them, so each line stands for the code points the engine gives an order
/// of that drink. A call of a step the drink does not have is printed all
/// the same, with points that never occur. Any program prints; the
/// JavaScript reads back ([`handler::program`]) as `program` whenever
/// [`handler::write`] can say it.
///
/// [`handler::program`]: crate::engine::handler::program
/// [`handler::write`]: crate::engine::handler::write
pub fn listing_of(program: &Program, flow: &Flow, language: Language) -> Listing {
    let steps: Vec<(StepId, bool)> = flow.calls.iter().map(|c| (c.plan.step, c.absent)).collect();
    let pieces = walk::pieces(program, positions(&steps));
    write(language, walk::style_of(&pieces), &pieces)
}

/// Hands out positions to a program's calls in the order of the text, as
/// [`Flow::new`] does: the first position of the call's step not yet
/// taken among `steps` (the recipe's, then those of the calls that return
/// at once, each with whether it is one of those), else one past them all
/// (returning at once too).
fn positions(steps: &[(StepId, bool)]) -> impl FnMut(&Call) -> (u8, bool) + '_ {
    let mut taken = vec![false; steps.len()];
    let mut extra = steps.len();
    move |call: &Call| {
        let found = (0..steps.len()).find(|&i| steps[i].0 == call.step && !taken[i]);
        let (pos, absent) = match found {
            Some(i) => {
                taken[i] = true;
                (i, steps[i].1)
            }
            None => {
                extra += 1;
                (extra - 1, true)
            }
        };
        (pos.min(u8::MAX as usize) as u8, absent)
    }
}

fn write(language: Language, style: Style, pieces: &[walk::Piece]) -> Listing {
    let mut g = Gen {
        lang: language,
        style,
        lines: Vec::new(),
    };
    g.handler(pieces);
    Listing {
        language,
        lines: g.lines,
    }
}
