//! Lowering: a parsed handler ([`Handler`]) to the shape the café runs, a
//! [`Program`]. The syntax tree is read once, statement by statement, along
//! the handler's success path: the order taken first, then the calls in
//! order, each waited for as written (a plain function blocks, an `async`
//! one awaits, a callback carries the rest of the handler, `Promise.all`
//! joins branches), and `serve(order)` last.
//!
//! A call's failure is handled when a `try` whose `catch` offers a cookie
//! is around it when it runs (a branch's: around its `Promise.all`; not
//! around a callback's body, which runs later, in the machine's task), or,
//! for a call with a callback, when the callback checks its `err` with a
//! cookie. A call that cannot fail (the barista's own work, a helper's) is
//! never handled, as in [`Program::builtin`].
//!
//! One idea per file: `mod.rs` the handler's own sequence (`try`,
//! `takeOrder` and `serve`); `callback.rs` a callback's error check;
//! `call.rs` which of the café's calls a call is, its arguments checked;
//! `wait.rs` how a call is waited for where it is written, and the
//! refusals of what does not belong there; `join.rs` `Promise.all` and its
//! branches. Every refusal is a [`ParseError`] at the offending node, with
//! what to write instead. Nothing panics; the time is linear in the tree.

mod call;
mod callback;
mod join;
#[cfg(test)]
mod tests;
mod wait;

use super::ParseError;
use super::tree::{
    BinaryOp, Expr, ExprKind, Function, FunctionBody, Handler, Known, Span, Stmt, StmtKind,
};
use crate::flow::{Call, Part, Program};
use crate::scenario::StepId;
use call::Target;
use wait::{call_text, does_nothing, refuse};

/// Lowers a parsed handler to its program, or says where and why the café
/// cannot run it.
pub fn lower(handler: &Handler) -> Result<Program, ParseError> {
    let f = &handler.function;
    let order = match f.params.as_slice() {
        [order] => order.name.as_str(),
        [] => {
            return Err(ParseError::at(
                f.span,
                "the handler takes one parameter, the order: write `function handleOrder(order)`"
                    .into(),
            ));
        }
        [_, second, ..] => {
            return Err(ParseError::at(
                second.span,
                format!(
                    "the handler takes one parameter, the order: remove `{}`",
                    second.name
                ),
            ));
        }
    };
    let body = match &f.body {
        FunctionBody::Block(body) => body,
        FunctionBody::Expr(e) => {
            return Err(ParseError::at(
                e.span,
                "the handler's body is a block: `{ takeOrder(order); … serve(order); }`".into(),
            ));
        }
    };
    let mut lowerer = Lowerer {
        order,
        parts: Vec::new(),
        taken: false,
    };
    let ctx = Ctx {
        is_async: f.is_async,
        within: Within::Handler,
        caught: None,
        in_branch: false,
    };
    lowerer.sequence(&body.stmts, body.span, ctx)?;
    Ok(Program {
        parts: lowerer.parts,
    })
}

/// Which function a statement is in, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Within {
    /// The handler itself.
    Handler,
    /// An error-first callback.
    Callback,
    /// A `Promise.all` branch: an `async` function run at once, or a
    /// `.then` callback.
    Branch,
}

/// Where a statement is: what its calls' waits and handling depend on.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    /// The innermost function is `async`.
    is_async: bool,
    /// Which function that is.
    within: Within,
    /// The innermost `try` around here in this function: whether its
    /// `catch` offers a cookie.
    caught: Option<bool>,
    /// Inside a `Promise.all` branch.
    in_branch: bool,
}

impl Ctx {
    /// Whether a failure of `step`, called here, gives a cookie (never for
    /// a step that cannot fail: CPU work, on the barista or a helper).
    fn handled(self, step: StepId) -> bool {
        step.machine().is_some() && self.caught.unwrap_or(false)
    }
}

/// How the value of a call is used where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// A statement of its own: `grind(order);`.
    Statement,
    /// `await grind(order)`.
    Awaited,
    /// An item of `Promise.all([...])`.
    Element,
    /// Returned from a `.then` callback or a branch (`() => steam(order)`),
    /// or the head of a `.then` chain: its promise is waited for.
    Returned,
}

/// What one statement of the handler's own sequence does.
enum Effect<'t> {
    /// A call or a join.
    Part(Part),
    /// `takeOrder(order)`.
    Take,
    /// `serve(order)`.
    Serve,
    /// A call with an error-first callback: the rest of the handler is in
    /// the callback, after its error check.
    Callback {
        /// The call.
        call: Call,
        /// The callback's statements after the check.
        rest: &'t [Stmt],
        /// The callback, whether it is `async`.
        function: &'t Function,
        /// The check, where a missing `serve(order)` is reported.
        check: Span,
    },
}

/// The lowering of one handler.
struct Lowerer<'h> {
    /// The order's name, the handler's parameter.
    order: &'h str,
    /// The program so far.
    parts: Vec<Part>,
    /// `takeOrder(order)` has been read.
    taken: bool,
}

impl Lowerer<'_> {
    /// The statements `stmts` of a sequence on the success path (the
    /// handler's body, a `try` block, a callback after its check), which
    /// must end the handler with `serve(order)`. `at` is where the sequence
    /// starts, for a missing `takeOrder`.
    fn sequence(&mut self, stmts: &[Stmt], at: Span, ctx: Ctx) -> Result<(), ParseError> {
        let mut stmts = stmts
            .iter()
            .filter(|s| !matches!(s.kind, StmtKind::Empty))
            .peekable();
        let mut last = at;
        while let Some(stmt) = stmts.next() {
            let next = stmts.peek().map(|s| s.span);
            if !self.taken && !is_take(stmt) && !matches!(stmt.kind, StmtKind::Try { .. }) {
                return Err(ParseError::at(stmt.span, self.take_first()));
            }
            match &stmt.kind {
                StmtKind::Try { body, handler, .. } => {
                    if let Some(next) = next {
                        return Err(ParseError::at(
                            next,
                            "this comes after the `try`/`catch`: it would still run after a caught failure. Move it into the `try` block".into(),
                        ));
                    }
                    // The `try` block comes first in the text, so its
                    // mistakes are reported before the `catch`'s.
                    let caught = self.catch(&handler.stmts);
                    let inner = Ctx {
                        caught: Some(caught.as_ref().is_ok_and(|c| *c)),
                        ..ctx
                    };
                    self.sequence(&body.stmts, body.span, inner)?;
                    return caught.map(|_| ());
                }
                StmtKind::Expr(e) => match self.statement(e, ctx)? {
                    Effect::Part(part) => self.parts.push(part),
                    Effect::Take => {
                        if self.taken {
                            return Err(ParseError::at(e.span, self.taken_twice()));
                        }
                        self.taken = true;
                    }
                    Effect::Serve => {
                        if let Some(next) = next {
                            return Err(ParseError::at(
                                next,
                                format!(
                                    "nothing may come after `serve({o})`: the drink is already served. Move this before `serve({o})`",
                                    o = self.order
                                ),
                            ));
                        }
                        return Ok(());
                    }
                    Effect::Callback {
                        call,
                        rest,
                        function,
                        check,
                    } => {
                        if let Some(next) = next {
                            return Err(ParseError::at(
                                next,
                                format!(
                                    "this runs as soon as `{}` has started, before it finishes: move it into the callback, after its `if (err)` check",
                                    call_text(e)
                                ),
                            ));
                        }
                        self.parts.push(Part::Call(call));
                        let inner = Ctx {
                            is_async: function.is_async,
                            within: Within::Callback,
                            caught: None,
                            in_branch: false,
                        };
                        return self.sequence(rest, check, inner);
                    }
                },
                StmtKind::Decl {
                    value: Some(value),
                    name,
                    kind,
                } => match self.statement(value, ctx)? {
                    Effect::Part(part) => self.parts.push(part),
                    _ => {
                        return Err(ParseError::at(
                            value.span,
                            format!(
                                "write `{}` as a statement of its own, not as the value of `{} {}`",
                                call_text(value),
                                kind.word(),
                                name.name
                            ),
                        ));
                    }
                },
                other => return Err(refuse(other, stmt.span, self.order)),
            }
            last = stmt.span;
        }
        if !self.taken {
            return Err(ParseError::at(at, self.take_first()));
        }
        Err(ParseError::at(
            last,
            format!(
                "the handler never calls `serve({o})`: the customer never gets the drink. Write `serve({o});` as its last step",
                o = self.order
            ),
        ))
    }

    /// A `catch` block: whether it offers a cookie (an empty one swallows
    /// the error); anything else is refused.
    fn catch(&self, stmts: &[Stmt]) -> Result<bool, ParseError> {
        let mut stmts = stmts.iter().filter(|s| !matches!(s.kind, StmtKind::Empty));
        let Some(first) = stmts.next() else {
            return Ok(false);
        };
        let cookie = match &first.kind {
            StmtKind::Expr(e) => self.is_cookie(e)?,
            _ => false,
        };
        match stmts.next() {
            Some(extra) if cookie => Err(ParseError::at(extra.span, self.catch_only())),
            _ if cookie => Ok(true),
            _ => Err(ParseError::at(first.span, self.catch_only())),
        }
    }

    fn catch_only(&self) -> String {
        format!(
            "a `catch` block only offers a free cookie: write `offerFreeCookie({});` (an empty `catch` swallows the error: the order is lost)",
            self.order
        )
    }

    /// Whether `e` is `offerFreeCookie(order)` (its arguments checked).
    fn is_cookie(&self, e: &Expr) -> Result<bool, ParseError> {
        match &e.kind {
            ExprKind::Call(call) if call.known == Some(Known::OfferFreeCookie) => {
                self.target(call, e.span).map(|_| true)
            }
            _ => Ok(false),
        }
    }

    /// One expression statement of the handler's own sequence.
    fn statement<'t>(&self, e: &'t Expr, ctx: Ctx) -> Result<Effect<'t>, ParseError> {
        match &e.kind {
            ExprKind::Await(inner) => match self.awaited(e.span, inner, ctx)? {
                Target::Step(sc) => self.wait(&sc, Use::Awaited, ctx, inner.span).map(one),
                Target::All(items) => self.all(items, inner.span, ctx).map(Effect::Part),
                other => Err(self.misplaced(&other, Use::Awaited, ctx, inner.span)),
            },
            ExprKind::Call(call) => match self.target(call, e.span)? {
                Target::Step(sc) => match sc.callback {
                    Some(function) => self.callback(&sc, function),
                    None => self.wait(&sc, Use::Statement, ctx, e.span).map(one),
                },
                Target::TakeOrder => Ok(Effect::Take),
                Target::Serve => Ok(Effect::Serve),
                other => Err(self.misplaced(&other, Use::Statement, ctx, e.span)),
            },
            ExprKind::Binary {
                op: BinaryOp::Nullish,
                left,
                right,
            } => self.cached(left, right, Use::Statement, ctx).map(one),
            _ => Err(does_nothing(e.span, self.order)),
        }
    }
}

/// A call as a statement's effect.
fn one<'t>(call: Call) -> Effect<'t> {
    Effect::Part(Part::Call(call))
}

/// Whether `stmt` is `takeOrder(…);`.
fn is_take(stmt: &Stmt) -> bool {
    matches!(&stmt.kind, StmtKind::Expr(Expr { kind: ExprKind::Call(c), .. }) if c.known == Some(Known::TakeOrder))
}
