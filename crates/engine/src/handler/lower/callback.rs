//! An error-first callback (`grind(order, (err) => { … })`): its first
//! statement checks the error, with a cookie (`if (err) return
//! offerFreeCookie(order);`, handled) or without (`if (err) return;`, the
//! order lost); the rest of the handler follows it.

use super::super::ParseError;
use super::super::tree::{Expr, ExprKind, Function, FunctionBody, Stmt, StmtKind};
use super::call::StepCall;
use super::{Effect, Lowerer};
use crate::flow::{Call, Wait};

impl Lowerer<'_> {
    /// The call `sc` with its callback `f`, the check read.
    pub(super) fn callback<'t>(
        &self,
        sc: &StepCall<'t>,
        f: &'t Function,
    ) -> Result<Effect<'t>, ParseError> {
        let o = self.order;
        let Some(err) = f.params.first() else {
            return Err(ParseError::at(
                f.span,
                format!(
                    "a callback gets the error first: write `(err) => {{ if (err) return offerFreeCookie({o}); … }}`"
                ),
            ));
        };
        let err = err.name.as_str();
        let no_check = || {
            format!(
                "this callback does not check its error first: begin it with `if ({err}) return offerFreeCookie({o});` (or `if ({err}) return;` to drop the error and lose the order)"
            )
        };
        let body = match &f.body {
            FunctionBody::Block(body) => body,
            FunctionBody::Expr(e) => return Err(ParseError::at(e.span, no_check())),
        };
        let mut stmts = body.stmts.iter();
        let first = loop {
            match stmts.next() {
                Some(Stmt {
                    kind: StmtKind::Empty,
                    ..
                }) => {}
                Some(stmt) => break stmt,
                None => return Err(ParseError::at(body.span, no_check())),
            }
        };
        let StmtKind::If {
            cond,
            then,
            otherwise,
        } = &first.kind
        else {
            return Err(ParseError::at(first.span, no_check()));
        };
        if !matches!(&cond.kind, ExprKind::Name(name) if name == err) {
            return Err(ParseError::at(
                cond.span,
                format!(
                    "check the callback's error as `if ({err})`: `if ({err}) return offerFreeCookie({o});` or `if ({err}) return;`"
                ),
            ));
        }
        if let Some(otherwise) = otherwise {
            return Err(ParseError::at(
                otherwise.span,
                format!(
                    "a callback's error check has no `else`: write `if ({err}) return offerFreeCookie({o});` and the rest of the callback after it"
                ),
            ));
        }
        let checked = self.on_error(then, err)?;
        let call = Call {
            step: sc.step,
            wait: Wait::Callback,
            via: sc.via,
            // CPU work on a helper cannot fail: never "handled".
            handled: checked && sc.step.machine().is_some(),
        };
        Ok(Effect::Callback {
            call,
            rest: stmts.as_slice(),
            function: f,
            check: first.span,
        })
    }

    /// What the check does on an error: a cookie and return (`true`), or
    /// return (`false`).
    fn on_error(&self, then: &Stmt, err: &str) -> Result<bool, ParseError> {
        let o = self.order;
        let refuse = |at| {
            ParseError::at(
                at,
                format!(
                    "on an error the callback either offers a cookie and returns, `if ({err}) return offerFreeCookie({o});`, or drops it, `if ({err}) return;`"
                ),
            )
        };
        let stmts: Vec<&Stmt> = match &then.kind {
            StmtKind::Block(block) => block
                .stmts
                .iter()
                .filter(|s| !matches!(s.kind, StmtKind::Empty))
                .collect(),
            _ => vec![then],
        };
        match stmts.as_slice() {
            [
                Stmt {
                    kind: StmtKind::Return(None),
                    ..
                },
            ] => Ok(false),
            [
                Stmt {
                    kind: StmtKind::Return(Some(value)),
                    span,
                },
            ] => self.cookie_or(value, refuse(*span)),
            [
                Stmt {
                    kind: StmtKind::Expr(value),
                    span,
                },
                Stmt {
                    kind: StmtKind::Return(None),
                    ..
                },
            ] => self.cookie_or(value, refuse(*span)),
            [
                Stmt {
                    kind: StmtKind::Expr(value),
                    span,
                },
            ] if self.is_cookie(value)? => Err(ParseError::at(
                *span,
                format!(
                    "after the cookie the callback would go on making the drink: write `if ({err}) return offerFreeCookie({o});`"
                ),
            )),
            [first, ..] => Err(refuse(first.span)),
            [] => Err(refuse(then.span)),
        }
    }

    /// `true` when `value` is the cookie, else `refused`.
    fn cookie_or(&self, value: &Expr, refused: ParseError) -> Result<bool, ParseError> {
        if self.is_cookie(value)? {
            Ok(true)
        } else {
            Err(refused)
        }
    }
}
