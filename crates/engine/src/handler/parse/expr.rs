//! The expressions and functions of the parser: binary operators, `await`
//! and `!`, chains of `.name` and calls, literals, arrays, functions.

use super::super::lex::{Keyword, Punct, TokenKind};
use super::super::tree::{
    BinaryOp, Call, Expr, ExprKind, Function, FunctionBody, FunctionForm, Ident, Known, Span,
};
use super::super::{MAX_CHAIN, ParseError};
use super::cursor::place;
use super::{LANGUAGE, Parsed, Parser};

impl Parser<'_> {
    // ------------------------------------------------------ expressions --

    pub(super) fn expr(&mut self) -> Parsed<Expr> {
        self.binary(0)
    }

    /// Binary operators from precedence `min` up, left to right.
    pub(super) fn binary(&mut self, min: u8) -> Parsed<Expr> {
        let mut left = self.unary()?;
        let mut links = 0;
        while let Some((op, precedence)) = self.binary_op() {
            if precedence < min {
                break;
            }
            let at = self.bump().span;
            links += 1;
            if links > MAX_CHAIN {
                return Err(ParseError::at(
                    at,
                    format!("too long a chain: more than {MAX_CHAIN} operators in a row"),
                ));
            }
            let right = self.binary(precedence + 1)?;
            left = Expr {
                span: left.span.to(right.span),
                kind: ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
            };
        }
        Ok(left)
    }

    /// The binary operator here and its precedence (higher binds tighter).
    pub(super) fn binary_op(&self) -> Option<(BinaryOp, u8)> {
        Some(match self.punct()? {
            Punct::Nullish => (BinaryOp::Nullish, 0),
            Punct::OrOr => (BinaryOp::Or, 0),
            Punct::AndAnd => (BinaryOp::And, 1),
            Punct::StrictEq => (BinaryOp::StrictEq, 2),
            Punct::StrictNe => (BinaryOp::StrictNe, 2),
            Punct::Eq => (BinaryOp::Eq, 2),
            Punct::Ne => (BinaryOp::Ne, 2),
            _ => return None,
        })
    }

    /// `await x`, `!x`, or a postfix expression.
    pub(super) fn unary(&mut self) -> Parsed<Expr> {
        let start = self.peek().span;
        let wrap: fn(Box<Expr>) -> ExprKind = if self.is_keyword(Keyword::Await) {
            ExprKind::Await
        } else if self.is(Punct::Bang) {
            ExprKind::Not
        } else {
            return self.postfix();
        };
        self.bump();
        self.enter(start)?;
        let operand = self.unary()?;
        self.leave();
        Ok(Expr {
            span: start.to(operand.span),
            kind: wrap(Box::new(operand)),
        })
    }

    /// A primary expression followed by `.name`s and calls.
    pub(super) fn postfix(&mut self) -> Parsed<Expr> {
        let mut expr = self.primary()?;
        let mut links = 0;
        loop {
            let at = self.peek().span;
            if self.eat(Punct::Dot).is_some() {
                let property = self.property()?;
                expr = Expr {
                    span: expr.span.to(property.span),
                    kind: ExprKind::Member {
                        object: Box::new(expr),
                        property,
                    },
                };
            } else if self.is(Punct::LParen) {
                expr = self.call(expr)?;
            } else {
                return Ok(expr);
            }
            links += 1;
            if links > MAX_CHAIN {
                return Err(ParseError::at(
                    at,
                    format!(
                        "too long a chain: more than {MAX_CHAIN} `.name`s and calls after one another"
                    ),
                ));
            }
        }
    }

    /// The name after a `.` (keywords allowed: `promise.catch`).
    pub(super) fn property(&mut self) -> Parsed<Ident> {
        let name = match &self.peek().kind {
            TokenKind::Ident(name) => name.clone(),
            TokenKind::Keyword(keyword) => keyword.word().to_string(),
            _ => return Err(self.expected("a name after `.`")),
        };
        let span = self.bump().span;
        Ok(Ident { name, span })
    }

    /// `callee(args)`.
    pub(super) fn call(&mut self, callee: Expr) -> Parsed<Expr> {
        let open = self.bump().span;
        self.enter(open)?;
        let opened = self.opening(&callee);
        let closing = |p: &Parser| {
            p.expected(&format!(
                "`)` to close {opened} (opened at {})",
                place(open)
            ))
        };
        let (args, close) = self.items(Punct::RParen, closing)?;
        self.leave();
        let known = Known::of(&callee);
        Ok(Expr {
            span: callee.span.to(close),
            kind: ExprKind::Call(Call {
                callee: Box::new(callee),
                args,
                known,
            }),
        })
    }

    /// How a call's `(` is named in messages: `` `grind(` ``.
    pub(super) fn opening(&self, callee: &Expr) -> String {
        let text = self
            .text
            .get(callee.span.start..callee.span.end)
            .unwrap_or("");
        if text.is_empty() || text.contains('\n') || text.chars().count() > 30 {
            "the call's `(`".to_string()
        } else {
            format!("`{text}(`")
        }
    }

    pub(super) fn primary(&mut self) -> Parsed<Expr> {
        let token = self.peek().clone();
        let start = token.span;
        let kind = match token.kind {
            TokenKind::Ident(name) => {
                if self.kind_at(1) == Some(&TokenKind::Punct(Punct::Arrow)) {
                    return self.arrow(start, false);
                }
                ExprKind::Name(name)
            }
            TokenKind::Str(value) => ExprKind::Str(value),
            TokenKind::Number(value) => ExprKind::Number(value),
            TokenKind::Keyword(Keyword::True) => ExprKind::Bool(true),
            TokenKind::Keyword(Keyword::False) => ExprKind::Bool(false),
            TokenKind::Keyword(Keyword::Null) => ExprKind::Null,
            TokenKind::Keyword(Keyword::Async | Keyword::Function) => return self.function_expr(),
            TokenKind::Keyword(Keyword::Unsupported(word)) => {
                return Err(self.here(&format!(
                    "`{word}` is not part of the handler language: {LANGUAGE}"
                )));
            }
            TokenKind::Punct(Punct::LParen) if self.arrow_ahead(0) => {
                return self.arrow(start, false);
            }
            TokenKind::Punct(Punct::LParen) => return self.parenthesised(),
            TokenKind::Punct(Punct::LBracket) => return self.array(),
            TokenKind::Punct(Punct::LBrace) => {
                return Err(self.here(&format!(
                    "object literals `{{ … }}` are not part of the handler language: {LANGUAGE}"
                )));
            }
            _ => {
                return Err(self.expected(
                    "an expression (a call such as `grind(order)`, a name, a string or a number)",
                ));
            }
        };
        self.bump();
        Ok(Expr { kind, span: start })
    }

    /// `(expr)`.
    pub(super) fn parenthesised(&mut self) -> Parsed<Expr> {
        let open = self.bump().span;
        self.enter(open)?;
        let inner = self.expr()?;
        let close = self.close(Punct::RParen, "the `(`", open)?;
        self.leave();
        Ok(Expr {
            span: open.to(close),
            ..inner
        })
    }

    /// Expressions separated by commas up to `close` (a comma may follow
    /// the last), and the closer's span; `closing` is the error when
    /// something else comes.
    fn items(
        &mut self,
        close: Punct,
        closing: impl Fn(&Parser) -> ParseError,
    ) -> Parsed<(Vec<Expr>, Span)> {
        let mut items = Vec::new();
        loop {
            if let Some(end) = self.eat(close) {
                return Ok((items, end));
            }
            if !items.is_empty() {
                if self.eat(Punct::Comma).is_none() {
                    return Err(closing(self));
                }
                if let Some(end) = self.eat(close) {
                    return Ok((items, end));
                }
            }
            if self.closes_something() {
                return Err(closing(self));
            }
            items.push(self.expr()?);
        }
    }

    /// `[a, b, c]` (a comma may follow the last).
    pub(super) fn array(&mut self) -> Parsed<Expr> {
        let open = self.bump().span;
        self.enter(open)?;
        let closing =
            |p: &Parser| p.expected(&format!("`]` to close the `[` opened at {}", place(open)));
        let (items, close) = self.items(Punct::RBracket, closing)?;
        self.leave();
        Ok(Expr {
            kind: ExprKind::Array(items),
            span: open.to(close),
        })
    }
    // -------------------------------------------------------- functions --

    /// A function written as a value, here: `async function (…) { … }`,
    /// `async (…) => …`, `function name(…) { … }`.
    pub(super) fn function_expr(&mut self) -> Parsed<Expr> {
        let start = self.peek().span;
        let is_async = self.eat_keyword(Keyword::Async);
        if self.is_keyword(Keyword::Function) {
            return self.function_value_at(start, is_async);
        }
        let single = matches!(self.kind_at(0), Some(TokenKind::Ident(_)))
            && self.kind_at(1) == Some(&TokenKind::Punct(Punct::Arrow));
        if is_async && (single || (self.is(Punct::LParen) && self.arrow_ahead(0))) {
            return self.arrow(start, true);
        }
        Err(self.expected("`function` or an arrow function `(…) => …` after `async`"))
    }

    /// The handler written as a function: `async function handleOrder(…)`.
    pub(super) fn function_value(&mut self) -> Parsed<Function> {
        let start = self.peek().span;
        let is_async = self.eat_keyword(Keyword::Async);
        if !self.is_keyword(Keyword::Function) {
            return Err(self.expected("`function` after `async`"));
        }
        let expr = self.function_value_at(start, is_async)?;
        match expr.kind {
            ExprKind::Function(function) => Ok(*function),
            _ => Err(ParseError::at(expr.span, "expected a function".into())),
        }
    }

    /// `function [name](params) { … }`, from `function`.
    pub(super) fn function_value_at(&mut self, start: Span, is_async: bool) -> Parsed<Expr> {
        self.bump();
        let name = match self.kind_at(0) {
            Some(TokenKind::Ident(_)) => Some(self.ident("the function's name")?),
            _ => None,
        };
        let (params, body) = match &name {
            Some(name) => {
                let params = self.params(&format!("the parameters of `{}(`", name.name))?;
                (params, self.block(&format!("the body of `{}`", name.name))?)
            }
            None => {
                let params = self.params("the function's parameters")?;
                (params, self.block("the function's body")?)
            }
        };
        let span = start.to(body.span);
        Ok(Expr {
            kind: ExprKind::Function(Box::new(Function {
                is_async,
                form: FunctionForm::Function,
                name,
                params,
                body: FunctionBody::Block(body),
                span,
            })),
            span,
        })
    }

    /// `x => …` or `(x, y) => …`, from the parameters.
    pub(super) fn arrow(&mut self, start: Span, is_async: bool) -> Parsed<Expr> {
        let params = if self.is(Punct::LParen) {
            self.params("the arrow function's parameters")?
        } else {
            vec![self.ident("a parameter name")?]
        };
        if self.eat(Punct::Arrow).is_none() {
            return Err(self.expected("`=>` after the arrow function's parameters"));
        }
        let body = if self.is(Punct::LBrace) {
            FunctionBody::Block(self.block("the arrow function's body")?)
        } else {
            self.enter(self.peek().span)?;
            let expr = self.expr()?;
            self.leave();
            FunctionBody::Expr(Box::new(expr))
        };
        let span = start.to(self.previous());
        Ok(Expr {
            kind: ExprKind::Function(Box::new(Function {
                is_async,
                form: FunctionForm::Arrow,
                name: None,
                params,
                body,
                span,
            })),
            span,
        })
    }

    /// `(name, name)`; `of` names the list in messages.
    pub(super) fn params(&mut self, of: &str) -> Parsed<Vec<Ident>> {
        let Some(open) = self.eat(Punct::LParen) else {
            return Err(self.expected(&format!("`(` to open {of}")));
        };
        let mut params = Vec::new();
        loop {
            if self.eat(Punct::RParen).is_some() {
                return Ok(params);
            }
            if !params.is_empty() && self.eat(Punct::Comma).is_none() {
                return Err(self.expected(&format!(
                    "`,` or `)` to close {of} (opened at {})",
                    place(open)
                )));
            }
            params.push(self.ident("a parameter name")?);
        }
    }

    /// Whether the `(` `offset` tokens ahead starts an arrow function's
    /// parameters: `()` or `(name, …)` followed by `=>`.
    pub(super) fn arrow_ahead(&self, offset: usize) -> bool {
        let arrow = |i: usize| self.kind_at(i) == Some(&TokenKind::Punct(Punct::Arrow));
        let close = |i: usize| self.kind_at(i) == Some(&TokenKind::Punct(Punct::RParen));
        let mut i = offset + 1;
        if close(i) {
            return arrow(i + 1);
        }
        while matches!(self.kind_at(i), Some(TokenKind::Ident(_))) {
            i += 1;
            if close(i) {
                return arrow(i + 1);
            }
            if self.kind_at(i) != Some(&TokenKind::Punct(Punct::Comma)) {
                return false;
            }
            i += 1;
        }
        false
    }
}
