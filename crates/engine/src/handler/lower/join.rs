//! `await Promise.all([...])` and its branches: a call on its own (joined
//! as it is), an `async` function run at once (`(async () => { … })()`),
//! or a `.then` chain (`grind(order).then(() => steam(order))`), each a
//! sequence of awaited calls and the barista's own work. A branch holds no
//! `Promise.all`, callback or `try` of its own.

use super::super::ParseError;
use super::super::tree::{BinaryOp, Expr, ExprKind, Function, FunctionBody, Span, Stmt, StmtKind};
use super::call::{How, Target};
use super::wait::{await_in_list, does_nothing, refuse};
use super::{Ctx, Lowerer, Use, Within};
use crate::flow::{Call, Part};

impl Lowerer<'_> {
    /// `Promise.all([items])` awaited at `span`.
    pub(super) fn all(&self, items: &[Expr], span: Span, ctx: Ctx) -> Result<Part, ParseError> {
        if items.is_empty() {
            return Err(ParseError::at(
                span,
                format!(
                    "`Promise.all([])` waits for nothing: list the calls to start together, `Promise.all([grind({o}), steam({o})])`",
                    o = self.order
                ),
            ));
        }
        let inner = Ctx {
            in_branch: true,
            ..ctx
        };
        let branches = items
            .iter()
            .map(|item| self.branch(item, inner))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Part::All {
            branches,
            handled: ctx.caught.unwrap_or(false),
        })
    }

    /// One item of the list.
    fn branch(&self, item: &Expr, ctx: Ctx) -> Result<Vec<Call>, ParseError> {
        match &item.kind {
            ExprKind::Call(call) => match self.target(call, item.span)? {
                Target::Step(sc) => Ok(vec![self.wait(&sc, Use::Element, ctx, item.span)?]),
                Target::Then { promise, callback } => self.then_chain(promise, callback, ctx),
                Target::Iife(f) => self.iife(f, ctx),
                other => Err(self.misplaced(&other, Use::Element, ctx, item.span)),
            },
            ExprKind::Binary {
                op: BinaryOp::Nullish,
                left,
                right,
            } => Ok(vec![self.cached(left, right, Use::Element, ctx)?]),
            ExprKind::Await(_) => Err(await_in_list(item.span)),
            _ => Err(ParseError::at(
                item.span,
                format!(
                    "a `Promise.all` branch is a call: `grind({o})`, `(async () => {{ … }})()` or `grind({o}).then(() => steam({o}))`",
                    o = self.order
                ),
            )),
        }
    }

    /// `promise.then(callback)`: what `promise` waits for, then what the
    /// callback does.
    fn then_chain(
        &self,
        promise: &Expr,
        callback: &Function,
        ctx: Ctx,
    ) -> Result<Vec<Call>, ParseError> {
        let mut calls = self.head(promise, ctx)?;
        calls.extend(self.body(callback, ctx)?);
        Ok(calls)
    }

    /// What comes before `.then`: a call that returns a promise.
    fn head(&self, e: &Expr, ctx: Ctx) -> Result<Vec<Call>, ParseError> {
        let not_a_promise = || {
            ParseError::at(
                e.span,
                format!(
                    "`.then` follows a call that returns a promise, such as `grind({o})`",
                    o = self.order
                ),
            )
        };
        let ExprKind::Call(call) = &e.kind else {
            return Err(not_a_promise());
        };
        match self.target(call, e.span)? {
            Target::Step(sc) if sc.callback.is_none() && sc.how == How::Cpu => Err(ParseError::at(
                e.span,
                format!(
                    "`{}` is the barista's own work and returns no promise: `.then` needs one",
                    sc.text
                ),
            )),
            Target::Step(sc) => Ok(vec![self.wait(&sc, Use::Returned, ctx, e.span)?]),
            Target::Then { promise, callback } => self.then_chain(promise, callback, ctx),
            Target::Iife(f) => self.iife(f, ctx),
            other => Err(self.misplaced(&other, Use::Returned, ctx, e.span)),
        }
    }

    /// `(async () => { … })()`.
    fn iife(&self, f: &Function, ctx: Ctx) -> Result<Vec<Call>, ParseError> {
        if !f.is_async {
            return Err(ParseError::at(
                f.span,
                "a function run at once in a branch is `async`: write `(async () => { … })()`"
                    .into(),
            ));
        }
        if let Some(param) = f.params.first() {
            return Err(ParseError::at(
                param.span,
                format!(
                    "a function run at once gets no arguments: remove `{}`",
                    param.name
                ),
            ));
        }
        self.body(f, ctx)
    }

    /// A branch's function: an `async` function run at once or a `.then`
    /// callback.
    fn body(&self, f: &Function, ctx: Ctx) -> Result<Vec<Call>, ParseError> {
        let ctx = Ctx {
            is_async: f.is_async,
            within: Within::Branch,
            ..ctx
        };
        match &f.body {
            FunctionBody::Expr(e) => self.returned(e, ctx),
            FunctionBody::Block(block) => self.branch_block(&block.stmts, ctx),
        }
    }

    /// A branch function's statements.
    fn branch_block(&self, stmts: &[Stmt], ctx: Ctx) -> Result<Vec<Call>, ParseError> {
        let mut calls = Vec::new();
        let mut stmts = stmts
            .iter()
            .filter(|s| !matches!(s.kind, StmtKind::Empty))
            .peekable();
        while let Some(stmt) = stmts.next() {
            match &stmt.kind {
                StmtKind::Expr(e) | StmtKind::Decl { value: Some(e), .. } => {
                    calls.push(self.branch_statement(e, ctx)?)
                }
                StmtKind::Return(value) => {
                    if let Some(next) = stmts.peek() {
                        return Err(ParseError::at(
                            next.span,
                            "this comes after `return`: it never runs".into(),
                        ));
                    }
                    if let Some(value) = value {
                        calls.extend(self.returned(value, ctx)?);
                    }
                }
                other => return Err(refuse(other, stmt.span, self.order)),
            }
        }
        Ok(calls)
    }

    /// A statement of a branch function.
    fn branch_statement(&self, e: &Expr, ctx: Ctx) -> Result<Call, ParseError> {
        match &e.kind {
            ExprKind::Await(inner) => match self.awaited(e.span, inner, ctx)? {
                Target::Step(sc) => self.wait(&sc, Use::Awaited, ctx, inner.span),
                other => Err(self.misplaced(&other, Use::Awaited, ctx, inner.span)),
            },
            ExprKind::Call(call) => match self.target(call, e.span)? {
                Target::Step(sc) => self.wait(&sc, Use::Statement, ctx, e.span),
                other => Err(self.misplaced(&other, Use::Statement, ctx, e.span)),
            },
            ExprKind::Binary {
                op: BinaryOp::Nullish,
                left,
                right,
            } => self.cached(left, right, Use::Statement, ctx),
            _ => Err(does_nothing(e.span, self.order)),
        }
    }

    /// What a branch function returns (an arrow's expression, `return
    /// …;`): its promise is waited for.
    fn returned(&self, e: &Expr, ctx: Ctx) -> Result<Vec<Call>, ParseError> {
        match &e.kind {
            ExprKind::Await(_) => self.branch_statement(e, ctx).map(|call| vec![call]),
            ExprKind::Call(call) => match self.target(call, e.span)? {
                Target::Step(sc) => Ok(vec![self.wait(&sc, Use::Returned, ctx, e.span)?]),
                Target::Then { promise, callback } => self.then_chain(promise, callback, ctx),
                Target::Iife(f) => self.iife(f, ctx),
                other => Err(self.misplaced(&other, Use::Returned, ctx, e.span)),
            },
            ExprKind::Binary {
                op: BinaryOp::Nullish,
                left,
                right,
            } => Ok(vec![self.cached(left, right, Use::Returned, ctx)?]),
            _ => Err(does_nothing(e.span, self.order)),
        }
    }
}
