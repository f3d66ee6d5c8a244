//! How a step's call is waited for where it is written — a statement of a
//! plain or an `async` function, after `await`, an item of `Promise.all`,
//! returned to a `.then` — and the refusals of what does not belong where
//! it is (an I/O call not awaited, `await` outside an `async` function,
//! `serve` inside a branch…).

use super::super::ParseError;
use super::super::tree::{Expr, ExprKind, Known, Span, StmtKind};
use super::call::{How, StepCall, Target, callee_text};
use super::{Ctx, Lowerer, Use, Within};
use crate::flow::{Call, Via, Wait};
use crate::scenario::StepId;

impl Lowerer<'_> {
    /// The call `sc` (at `span`) used as `how` in `ctx`, or why it cannot
    /// be written so.
    pub(super) fn wait(
        &self,
        sc: &StepCall,
        how: Use,
        ctx: Ctx,
        span: Span,
    ) -> Result<Call, ParseError> {
        let text = sc.text.as_str();
        let refuse = |message: String| Err(ParseError::at(span, message));
        if sc.callback.is_some() {
            return refuse(if how == Use::Awaited {
                format!(
                    "`{text}` with a callback returns no promise: write `await {text}` without the callback, or the callback without `await`"
                )
            } else {
                format!(
                    "a callback inside `Promise.all`: write `{text}` without it, `Promise.all` waits for its promise"
                )
            });
        }
        let run = text.replacen("helpers.runAndWait", "helpers.run", 1);
        let wait = match (sc.how, how) {
            (How::Cpu, Use::Awaited) => {
                return refuse(format!(
                    "`{text}` is the barista's own work and returns no promise: write it without `await`"
                ));
            }
            (How::Cpu, _) => Wait::Block,
            (How::Wait, _) if ctx.in_branch || how == Use::Element => {
                return refuse(format!(
                    "`{text}` blocks the barista until the helper is done: inside `Promise.all` write `{run}`, which returns a promise"
                ));
            }
            (How::Wait, Use::Awaited) => {
                return refuse(format!(
                    "`{text}` waits by blocking and returns no promise: write `await {run}`"
                ));
            }
            (How::Wait, _) => Wait::Block,
            (_, Use::Awaited | Use::Returned) => Wait::Await,
            (_, Use::Element) => Wait::Joined,
            (How::Io, Use::Statement) if !ctx.is_async && !ctx.in_branch => Wait::Block,
            (_, Use::Statement) if ctx.is_async => {
                return refuse(format!("`{text}` is not awaited: write `await {text}`"));
            }
            (_, Use::Statement) if ctx.in_branch => {
                return refuse(format!(
                    "`{text}` is not returned: the chain would go on without waiting for it. Write `return {text};`"
                ));
            }
            (_, Use::Statement) => {
                let blocking = text.replacen("helpers.run", "helpers.runAndWait", 1);
                return refuse(format!(
                    "`{text}` returns a promise that nothing waits for: in a plain function write `{blocking}`, or `await {text}` in an `async` one"
                ));
            }
        };
        Ok(Call {
            step: sc.step,
            wait,
            via: sc.via,
            handled: ctx.handled(sc.step),
        })
    }

    /// `cache.get(order.drink) ?? lookupPrice(order)` (with `await` in an
    /// `async` function): the price lookup, the cache asked first.
    pub(super) fn cached(
        &self,
        left: &Expr,
        right: &Expr,
        how: Use,
        ctx: Ctx,
    ) -> Result<Call, ParseError> {
        let o = self.order;
        let ExprKind::Call(get) = &left.kind else {
            return Err(self.not_the_cache(left.span, ctx));
        };
        if get.known != Some(Known::CacheGet) {
            return Err(self.not_the_cache(left.span, ctx));
        }
        self.target(get, left.span)?;
        let (lookup, how) = match &right.kind {
            ExprKind::Await(_) if how == Use::Element => {
                return Err(await_in_list(right.span));
            }
            ExprKind::Await(inner) => {
                self.check_async(right.span, ctx)?;
                (&**inner, Use::Awaited)
            }
            _ => (right, how),
        };
        let wrong = || {
            let awaited = if ctx.is_async && how != Use::Element {
                "await "
            } else {
                ""
            };
            ParseError::at(
                right.span,
                format!(
                    "after `cache.get({o}.drink) ??` comes the price lookup: write `cache.get({o}.drink) ?? {awaited}lookupPrice({o})`"
                ),
            )
        };
        let ExprKind::Call(call) = &lookup.kind else {
            return Err(wrong());
        };
        let Target::Step(sc) = self.target(call, lookup.span)? else {
            return Err(wrong());
        };
        if sc.step != StepId::Lookup || sc.via != Via::Direct {
            return Err(wrong());
        }
        let call = self.wait(&sc, how, ctx, lookup.span)?;
        Ok(Call {
            via: Via::Cache,
            ..call
        })
    }

    fn not_the_cache(&self, at: Span, ctx: Ctx) -> ParseError {
        let o = self.order;
        let awaited = if ctx.is_async { "await " } else { "" };
        ParseError::at(
            at,
            format!(
                "`??` is only for the menu cache: `const price = cache.get({o}.drink) ?? {awaited}lookupPrice({o});`"
            ),
        )
    }

    /// Refuses `await` outside an `async` function.
    /// What `await inner` (written at `at`) awaits: `await` is allowed
    /// here and is followed by a call of the café's.
    pub(super) fn awaited<'t>(
        &self,
        at: Span,
        inner: &'t Expr,
        ctx: Ctx,
    ) -> Result<Target<'t>, ParseError> {
        self.check_async(at, ctx)?;
        let ExprKind::Call(call) = &inner.kind else {
            return Err(await_a_call(inner.span, self.order));
        };
        self.target(call, inner.span)
    }

    pub(super) fn check_async(&self, at: Span, ctx: Ctx) -> Result<(), ParseError> {
        if ctx.is_async {
            return Ok(());
        }
        let fix = match ctx.within {
            Within::Handler => "make the handler `async`: `async function handleOrder(order)`",
            Within::Callback => "make this callback `async`: `async (err) => { … }`",
            Within::Branch => "make this function `async`: `async () => …`",
        };
        Err(ParseError::at(
            at,
            format!("`await` is only allowed in an `async` function: {fix}"),
        ))
    }

    /// Why the café's call `target` (at `span`, used as `how`) does not
    /// belong where it is.
    pub(super) fn misplaced(&self, target: &Target, how: Use, ctx: Ctx, span: Span) -> ParseError {
        let o = self.order;
        let message = match target {
            Target::TakeOrder if self.taken => self.taken_twice(),
            Target::TakeOrder => self.take_first(),
            Target::Serve if ctx.in_branch => format!(
                "`serve({o})` inside a `Promise.all` branch would serve before the other branches finish: call it after `await Promise.all([…])`, last"
            ),
            Target::Serve => format!("write `serve({o});` as a statement of its own, the last one"),
            Target::Cookie => format!(
                "`offerFreeCookie({o})` is for a failure: it goes in the `catch` block, or in a callback's `if (err) return offerFreeCookie({o});`"
            ),
            Target::CacheGet => {
                let awaited = if ctx.is_async { "await " } else { "" };
                format!(
                    "`cache.get({o}.drink)` only reads the cache: write `const price = cache.get({o}.drink) ?? {awaited}lookupPrice({o});`"
                )
            }
            Target::All(_) if ctx.in_branch => "a `Promise.all` inside a `Promise.all` branch is not supported: list every call to start together in one `Promise.all`".to_string(),
            Target::All(_) if ctx.is_async => {
                "`Promise.all([…])` is not awaited: write `await Promise.all([…])`".to_string()
            }
            Target::All(_) => "`Promise.all([…])` is not awaited: write `await Promise.all([…])` in an `async` function".to_string(),
            Target::Then { .. } if ctx.in_branch => format!(
                "one step per `await` here: write `await grind({o}); await steam({o});`"
            ),
            Target::Then { .. } => format!(
                "a `.then` chain is only for a `Promise.all` branch: here write one `await` per step, `await grind({o}); await steam({o});`"
            ),
            Target::Iife(_) if ctx.in_branch => {
                "an `async` function run at once inside a branch: write its statements in the branch itself".to_string()
            }
            Target::Iife(_) => "an `async` function run at once is only for a `Promise.all` branch: here write its statements directly".to_string(),
            Target::Step(sc) => format!("`{}` cannot be used as {}", sc.text, used(how)),
        };
        ParseError::at(span, message)
    }

    pub(super) fn take_first(&self) -> String {
        format!(
            "the handler must take the order first: write `takeOrder({});` as its first statement",
            self.order
        )
    }

    pub(super) fn taken_twice(&self) -> String {
        format!(
            "the order is already taken: `takeOrder({})` comes once, as the first statement",
            self.order
        )
    }
}

/// How a use reads in a message.
fn used(how: Use) -> &'static str {
    match how {
        Use::Statement => "a statement",
        Use::Awaited => "an awaited call",
        Use::Element => "an item of `Promise.all`",
        Use::Returned => "a returned promise",
    }
}

/// `await` on an item of `Promise.all([...])`.
pub(super) fn await_in_list(at: Span) -> ParseError {
    ParseError::at(
        at,
        "`await` inside the list waits for this call before the next one starts: write it without `await`, `Promise.all` waits for them all".into(),
    )
}

/// `await` on something other than a call.
fn await_a_call(at: Span, order: &str) -> ParseError {
    ParseError::at(
        at,
        format!("`await` waits for a call: write `await grind({order})`"),
    )
}

/// An expression statement that calls nothing.
pub(super) fn does_nothing(at: Span, order: &str) -> ParseError {
    ParseError::at(
        at,
        format!(
            "this does nothing: a statement of the handler is a call, such as `grind({order});`"
        ),
    )
}

/// A statement that has no place in the handler's sequence.
pub(super) fn refuse(kind: &StmtKind, at: Span, order: &str) -> ParseError {
    let message = match kind {
        StmtKind::Decl { kind, name, .. } => format!(
            "`{} {}` has no value: a declaration here holds a call's result, such as `const price = cache.get({order}.drink) ?? lookupPrice({order});`",
            kind.word(),
            name.name
        ),
        StmtKind::If { .. } => format!(
            "an `if` is only for a callback's error check, as its first statement: `if (err) return offerFreeCookie({order});`"
        ),
        StmtKind::Return(_) => format!(
            "`return` is only for a callback's error check, `if (err) return offerFreeCookie({order});`, and the last step of a `Promise.all` branch"
        ),
        StmtKind::Block(_) => {
            "a block `{ … }` on its own is not needed: write its statements without the braces"
                .to_string()
        }
        StmtKind::Try { .. } => "a `try` inside a `Promise.all` branch is not supported: a failure rejects the whole `Promise.all`, so put the `try` around `await Promise.all([…])`".to_string(),
        StmtKind::Expr(_) | StmtKind::Empty => "this statement is not supported here".to_string(),
    };
    ParseError::at(at, message)
}

/// How a call statement is named in a message: `grind(…)`.
pub(super) fn call_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Call(call) => match callee_text(&call.callee) {
            Some(callee) => format!("{callee}(…)"),
            None => "this call".to_string(),
        },
        ExprKind::Await(inner) => format!("await {}", call_text(inner)),
        _ => "this".to_string(),
    }
}
