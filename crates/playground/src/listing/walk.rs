//! The handler's arrangement, walked from a program: its parts in order,
//! each call a statement, an error-first callback holding the rest of the
//! handler one level deeper (the pyramid), `Promise.all` (`join.rs`), and
//! the error handler around the handled parts — `try`/`catch` in
//! JavaScript and Python from the first handled part of a function to its
//! end, as `handler::write` puts it; in Rust a `match` on `make_drink`
//! holding those parts at the top, and a `let … else` per call inside a
//! callback. `takeOrder` comes first and `serve` last on the success path.

use super::builder::L;
use super::handler::{Gen, Kind, Name, Site, Style};
use super::model::Language;
use super::{javascript, python, rust};
use crate::engine::flow::{Call, Part, Program, Wait};
use crate::engine::snapshot::CodePoint;

/// A part of the program, its calls with their positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Piece {
    /// One call.
    Call(Site),
    /// `await Promise.all([...])` over these branches.
    All {
        branches: Vec<Vec<Site>>,
        handled: bool,
    },
}

impl Piece {
    fn callback(&self) -> bool {
        matches!(self, Piece::Call(s) if s.call.wait == Wait::Callback)
    }

    /// Whether a failure can happen here and is handled by a `try` (a
    /// callback's own check is not a `try`).
    fn tried(&self) -> Option<bool> {
        match self {
            Piece::All { handled, .. } => Some(*handled),
            Piece::Call(s) if s.call.wait == Wait::Callback => None,
            Piece::Call(s) if s.kind() == Kind::Io => Some(s.call.handled),
            Piece::Call(_) => None,
        }
    }

    /// A Rust statement ending in `?` outside `make_drink`.
    fn fallible(&self) -> bool {
        match self {
            Piece::All { .. } => true,
            Piece::Call(s) => s.kind() == Kind::Io && s.call.wait != Wait::Callback,
        }
    }
}

/// `program`'s parts with each call's position, `position` handing them
/// out in the order of the text.
pub(super) fn pieces(
    program: &Program,
    mut position: impl FnMut(&Call) -> (u8, bool),
) -> Vec<Piece> {
    let mut site = |call: &Call| {
        let (pos, absent) = position(call);
        Site {
            call: *call,
            pos,
            absent,
        }
    };
    program
        .parts
        .iter()
        .map(|part| match part {
            Part::Call(call) => Piece::Call(site(call)),
            Part::All { branches, handled } => Piece::All {
                branches: branches
                    .iter()
                    .map(|b| b.iter().map(&mut site).collect())
                    .collect(),
                handled: *handled,
            },
        })
        .collect()
}

/// Whether the function holding `pieces` (up to its first callback, whose
/// body is a function of its own) awaits anything.
pub(super) fn scope_is_async(pieces: &[Piece]) -> bool {
    for piece in pieces {
        match piece {
            Piece::All { .. } => return true,
            Piece::Call(s) if s.call.wait == Wait::Await => return true,
            Piece::Call(s) if s.call.wait == Wait::Callback => return false,
            Piece::Call(_) => {}
        }
    }
    false
}

/// The pieces of one function and the rest (its callback's body).
fn split(pieces: &[Piece]) -> (&[Piece], &[Piece]) {
    let cut = pieces
        .iter()
        .position(Piece::callback)
        .map_or(pieces.len(), |i| i + 1);
    pieces.split_at(cut)
}

/// Where the `try` of a function holding `here` opens: at the top when
/// everything that can fail is handled, else at the first handled part.
fn try_at(here: &[Piece]) -> Option<usize> {
    let flags: Vec<(usize, bool)> = here
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.tried().map(|t| (i, t)))
        .collect();
    let from = flags.iter().find(|(_, t)| *t).map(|(i, _)| *i)?;
    Some(if flags.iter().all(|(_, t)| *t) {
        0
    } else {
        from
    })
}

/// A written program's style, read off its parts.
pub(super) fn style_of(pieces: &[Piece]) -> Style {
    let (here, _) = split(pieces);
    let try_at = try_at(here);
    let before = &here[..try_at.unwrap_or(here.len())];
    Style {
        is_async: scope_is_async(pieces),
        arc: pieces.iter().any(Piece::callback),
        fallible: before.iter().any(Piece::fallible),
        try_at,
        inner_async: try_at.is_some_and(|k| scope_is_async(&here[k..])),
        checks: None,
    }
}

impl Gen {
    /// The whole handler.
    pub(super) fn handler(&mut self, pieces: &[Piece]) {
        self.header();
        if self.rust() {
            self.rust_top(pieces);
        } else {
            self.scope(pieces, 1, true);
        }
        self.close(0);
    }

    /// The statements of one function in JavaScript or Python: its pieces
    /// up to the first callback (whose body holds the rest), `try` around
    /// those from where it opens on, `takeOrder` first in the handler and
    /// `serve` last.
    fn scope(&mut self, pieces: &[Piece], depth: usize, first: bool) {
        let (here, rest) = split(pieces);
        let opens = if first {
            self.style.try_at
        } else {
            try_at(here)
        };
        let mut d = depth;
        if first && opens != Some(0) {
            self.take_order(d);
        }
        if here.is_empty() && opens == Some(0) {
            d = self.open_try(d, first);
        }
        for (i, piece) in here.iter().enumerate() {
            if opens == Some(i) {
                d = self.open_try(d, first && i == 0);
            }
            self.piece(piece, rest, d);
        }
        if rest.is_empty() && !here.iter().any(Piece::callback) {
            self.serve(d);
        }
        if opens.is_some() {
            self.push(match self.lang {
                Language::Python => python::catch(depth),
                _ => javascript::catch(depth),
            });
            let cookie = self.stmt(depth + 1, self.name(Name::Cookie), self.arg());
            self.push(cookie.at_points([CodePoint::Catch]));
            self.close(depth);
        }
    }

    /// `try {` at `depth` (with `takeOrder` inside when it opens the
    /// handler); the depth of its body.
    fn open_try(&mut self, depth: usize, take: bool) -> usize {
        self.push(match self.lang {
            Language::Python => python::try_open(depth),
            _ => javascript::try_open(depth),
        });
        if take {
            self.take_order(depth + 1);
        }
        depth + 1
    }

    /// One piece as statements at `depth`; a callback's body is `rest`.
    fn piece(&mut self, piece: &Piece, rest: &[Piece], depth: usize) {
        match piece {
            Piece::Call(s) if s.call.wait == Wait::Callback => self.callback(*s, rest, depth),
            Piece::Call(s) => self.step_lines(depth, *s),
            Piece::All { branches, handled } => self.join_all(depth, branches, *handled, false),
        }
    }

    /// Rust's handler body: the pieces before the error handler with `?`,
    /// then `match make_drink(order) { Ok … Err … }` and `make_drink`
    /// holding the rest, where `?` passes the error up.
    fn rust_top(&mut self, pieces: &[Piece]) {
        let (here, rest) = split(pieces);
        self.take_order(1);
        let Some(k) = self.style.try_at else {
            for piece in here {
                self.piece(piece, rest, 1);
            }
            if rest.is_empty() && !here.iter().any(Piece::callback) {
                self.serve(1);
            }
            if self.style.fallible {
                self.push(rust::ok(1));
            }
            return;
        };
        let (before, inner) = here.split_at(k.min(here.len()));
        for piece in before {
            self.piece(piece, rest, 1);
        }
        let served = rest.is_empty() && !inner.iter().any(Piece::callback);
        rust::make_drink_match(self, served);
        if self.style.fallible {
            self.push(rust::ok(1));
        }
        self.close(0);
        self.push(L::at(0));
        rust::make_drink_header(self);
        for piece in inner {
            self.piece(piece, rest, 1);
        }
        self.push(rust::ok(1));
    }

    /// A call with an error-first callback holding the rest of the handler
    /// one level deeper: a cookie or a dropped error first, then the rest.
    /// Python defines the callback first (`def on_paid(err):`) and
    /// registers it after its body; JavaScript and Rust pass it inline,
    /// closed by `});`.
    fn callback(&mut self, site: Site, rest: &[Piece], depth: usize) {
        let mut waits = vec![CodePoint::Call(site.pos), CodePoint::Await(site.pos)];
        if site.cached() {
            // A hit: the barista answers from the cache.
            waits.push(CodePoint::Cpu(site.pos));
        }
        let is_async = scope_is_async(rest);
        let call = self.callback_call(L::at(depth), site);
        let closer = match self.lang {
            Language::Python => {
                let callback = python::callback_name(site.call.step);
                let def = L::at(depth).when(is_async, |l| l.kw("async").sp());
                let def = def.kw("def").sp().func(callback);
                self.push(def.p("(").id("err").p("):"));
                python::with_callback(call, callback).at_points(waits)
            }
            Language::Rust => {
                let call = rust::with_callback(call, is_async);
                self.push(call.at_points(waits));
                L::at(depth).p("});")
            }
            Language::JavaScript => {
                let call = javascript::with_callback(call, is_async);
                self.push(call.at_points(waits));
                L::at(depth).p("});")
            }
        };
        self.err_check(depth + 1, self.style.checks.unwrap_or(site.call.handled));
        if self.rust() {
            self.rust_nested(rest, depth + 1);
        } else {
            self.scope(rest, depth + 1, false);
        }
        self.push(closer);
    }

    /// A callback's body in Rust: each call that can fail checked where it
    /// is (`let Ok(()) = pay(&order) else { return … };`), then `serve`.
    fn rust_nested(&mut self, pieces: &[Piece], depth: usize) {
        let (here, rest) = split(pieces);
        for piece in here {
            match piece {
                Piece::Call(s)
                    if s.call.wait != Wait::Callback && s.kind() == Kind::Io && !s.cached() =>
                {
                    let line = self.flat_step(rust::let_ok(L::at(depth)), *s);
                    let line =
                        self.or_return(line.sp().kw("else").p(" { ").kw("return"), s.call.handled);
                    self.push(line.at_points(self.points(*s)));
                }
                Piece::All { branches, handled } => {
                    self.join_all(depth, branches, *handled, true);
                }
                _ => self.piece(piece, rest, depth),
            }
        }
        if rest.is_empty() && !here.iter().any(Piece::callback) {
            self.serve(depth);
        }
    }

    /// A call taking a callback, up to the order: `pay(`, for a step handed
    /// to a helper `helpers.run(handPour, `, for a cached lookup
    /// `cache.fetch(lookupPrice, ` (the cache, or the lookup on a miss), for a
    /// payment through the breaker `breaker.call(pay, ` (JavaScript's is in
    /// `javascript.rs`).
    fn callback_call(&self, line: L, site: Site) -> L {
        let name = self.step_fn(site.call.step);
        let (object, method) = match site.kind() {
            Kind::Helper => ("helpers", "run"),
            _ if site.cached() => ("cache", "fetch"),
            _ if site.guarded() && self.js() => {
                return javascript::breaker_callback_call(line);
            }
            _ if site.guarded() => ("breaker", "call"),
            _ => return line.func(name).p("("),
        };
        line.id(object).p(".").func(method).p("(").id(name).p(", ")
    }

    /// The first line of a callback: hand out a cookie, or (unchecked) drop
    /// the error and stop.
    fn err_check(&mut self, depth: usize, handled: bool) {
        let line = match self.lang {
            Language::JavaScript => javascript::err_check(depth),
            Language::Python => python::err_check(depth),
            Language::Rust => rust::err_check(depth),
        };
        let line = self.or_return(line, handled);
        self.push(line);
    }

    /// After a `return`: ` offerFreeCookie(order);` (a cookie), or the
    /// error dropped with its comment.
    pub(super) fn or_return(&self, line: L, handled: bool) -> L {
        if handled {
            let end = if self.rust() {
                rust::ERR_CHECK_END
            } else {
                self.end()
            };
            let line = self.call(line.sp(), self.name(Name::Cookie), self.arg());
            line.p(end).at_points([CodePoint::Catch])
        } else {
            let (end, comment) = match self.lang {
                Language::JavaScript => javascript::ERROR_DROPPED,
                Language::Rust => rust::ERROR_DROPPED,
                Language::Python => python::ERROR_DROPPED,
            };
            line.p(end).com(comment).at_points([CodePoint::Lost])
        }
    }
}
