//! The parser: recursive descent over the tokens into the syntax tree;
//! here the handler and its statements, in `expr.rs` the expressions and
//! functions, in `cursor.rs` reading tokens, the depth count and messages.
//! Every descent into something nested goes through [`Parser::enter`], so
//! the recursion stops at [`MAX_DEPTH`](super::MAX_DEPTH); every loop takes a token or stops.

mod cursor;
mod expr;

use super::ParseError;
use super::lex::{Keyword, Punct, Token, TokenKind};
use super::tree::{Block, DeclKind, ExprKind, Function, Handler, Span, Stmt, StmtKind};
use cursor::{near_keyword, place};

type Parsed<T> = Result<T, ParseError>;

/// What `peek` answers past the last token (never reached: the lexer ends
/// every list with an end token, which is never consumed).
static END: Token = Token {
    kind: TokenKind::End,
    span: Span {
        start: 0,
        end: 0,
        line: 1,
        column: 1,
    },
};

/// What the language has, for messages refusing what it has not.
const LANGUAGE: &str = "the handler language has calls, `await`, `const`/`let`, `if`/`else`, `try`/`catch`, `return`, callbacks, `Promise.all([…])` and `.then(…)`";

/// The tokens of one text and how far the parser has read them.
pub(super) struct Parser<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str, tokens: Vec<Token>) -> Parser<'a> {
        Parser {
            text,
            tokens,
            at: 0,
            depth: 0,
        }
    }
    // ------------------------------------------------------ the handler --

    /// The whole text: one handler function, then nothing.
    pub(super) fn handler(mut self) -> Parsed<Handler> {
        let start = self.peek().span;
        let function = match self.keyword() {
            _ if self.at_end() => {
                return Err(ParseError::at(
                    start,
                    "the handler is empty: write a function such as `async function handleOrder(order) { … }`".into(),
                ));
            }
            Some(Keyword::Async | Keyword::Function) => self.function_value()?,
            Some(kind @ (Keyword::Const | Keyword::Let | Keyword::Var)) => {
                self.bound_handler(kind)?
            }
            _ => {
                return Err(self.expected(
                    "the handler, a function such as `async function handleOrder(order) { … }`",
                ));
            }
        };
        while self.eat(Punct::Semi).is_some() {}
        if !self.at_end() {
            return Err(self.expected(
                "the end of the text after the handler's last `}` (the text is one handler function)",
            ));
        }
        Ok(Handler {
            function,
            span: start.to(self.previous()),
        })
    }

    /// `const handleOrder = async (order) => { … };`.
    fn bound_handler(&mut self, kind: Keyword) -> Parsed<Function> {
        let start = self.bump().span;
        let name = self.ident(&format!("the handler's name after `{}`", kind.word()))?;
        if self.eat(Punct::Assign).is_none() {
            return Err(self.expected(&format!("`=` after `{} {}`", kind.word(), name.name)));
        }
        let value = self.expr()?;
        match value.kind {
            ExprKind::Function(function) => Ok(Function {
                name: Some(name),
                span: start.to(value.span),
                ..*function
            }),
            _ => Err(ParseError::at(
                value.span,
                format!(
                    "expected a function after `{} {} =`, such as `async (order) => {{ … }}`",
                    kind.word(),
                    name.name
                ),
            )),
        }
    }

    // ------------------------------------------------------- statements --

    fn statement(&mut self) -> Parsed<Stmt> {
        let start = self.peek().span;
        let kind = match (self.keyword(), self.punct()) {
            (_, Some(Punct::LBrace)) => StmtKind::Block(self.block("the block")?),
            (_, Some(Punct::Semi)) => {
                self.bump();
                StmtKind::Empty
            }
            (Some(kind @ (Keyword::Const | Keyword::Let | Keyword::Var)), _) => {
                self.declaration(kind)?
            }
            (Some(Keyword::If), _) => self.if_statement()?,
            (Some(Keyword::Try), _) => self.try_statement()?,
            (Some(Keyword::Return), _) => {
                self.bump();
                let value = if self.statement_ends() {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.end("`return`")?;
                StmtKind::Return(value)
            }
            (Some(Keyword::Function), _) | (Some(Keyword::Async), _)
                if self.is_keyword(Keyword::Function)
                    || self.kind_at(1) == Some(&TokenKind::Keyword(Keyword::Function)) =>
            {
                return Err(self.here(
                    "a function declared inside the handler is not part of the language: pass the callback where it is used, as in `grind(order, (err) => { … })`",
                ));
            }
            (Some(Keyword::Else), _) => return Err(self.here("`else` without an `if` before it")),
            (Some(Keyword::Catch), _) => {
                return Err(self.here("`catch` without a `try { … }` before it"));
            }
            _ => self.expression_statement()?,
        };
        Ok(Stmt {
            kind,
            span: start.to(self.previous()),
        })
    }

    /// `const name = value;`, `let name;`.
    fn declaration(&mut self, keyword: Keyword) -> Parsed<StmtKind> {
        self.bump();
        let word = keyword.word();
        let name = self.ident(&format!("a name after `{word}`"))?;
        let value = if self.eat(Punct::Assign).is_some() {
            Some(self.expr()?)
        } else if keyword == Keyword::Const {
            return Err(self.expected(&format!("`=` and a value after `const {}`", name.name)));
        } else {
            None
        };
        self.end("the declaration")?;
        let kind = match keyword {
            Keyword::Const => DeclKind::Const,
            Keyword::Let => DeclKind::Let,
            _ => DeclKind::Var,
        };
        Ok(StmtKind::Decl { kind, name, value })
    }

    fn if_statement(&mut self) -> Parsed<StmtKind> {
        self.bump();
        let Some(open) = self.eat(Punct::LParen) else {
            return Err(self.expected("`(` after `if`"));
        };
        let cond = self.expr()?;
        self.close(Punct::RParen, "`if (`", open)?;
        let then = Box::new(self.nested_statement()?);
        let otherwise = if self.eat_keyword(Keyword::Else) {
            Some(Box::new(self.nested_statement()?))
        } else {
            None
        };
        Ok(StmtKind::If {
            cond,
            then,
            otherwise,
        })
    }

    /// The statement of an `if` or an `else`: one level deeper.
    fn nested_statement(&mut self) -> Parsed<Stmt> {
        self.enter(self.peek().span)?;
        let stmt = self.statement()?;
        self.leave();
        Ok(stmt)
    }

    fn try_statement(&mut self) -> Parsed<StmtKind> {
        self.bump();
        let body = self.block("the `try` block")?;
        if !self.eat_keyword(Keyword::Catch) {
            return Err(self.expected("`catch` after the `try` block"));
        }
        let param = match self.eat(Punct::LParen) {
            Some(open) => {
                let name = self.ident("the error's name in `catch (`")?;
                self.close(Punct::RParen, "`catch (`", open)?;
                Some(name)
            }
            None => None,
        };
        let handler = self.block("the `catch` block")?;
        Ok(StmtKind::Try {
            body,
            param,
            handler,
        })
    }

    fn expression_statement(&mut self) -> Parsed<StmtKind> {
        let expr = self.expr()?;
        if let ExprKind::Name(word) = &expr.kind
            && let Some(keyword) = near_keyword(word).filter(|_| !self.statement_ends())
        {
            return Err(ParseError::at(
                expr.span,
                format!(
                    "`{word}` is not a keyword (it is followed by {}): did you mean `{keyword}`?",
                    self.found()
                ),
            ));
        }
        self.end("the statement")?;
        Ok(StmtKind::Expr(expr))
    }

    /// `{ statements }`; `what` names the block in messages.
    fn block(&mut self, what: &str) -> Parsed<Block> {
        let Some(open) = self.eat(Punct::LBrace) else {
            return Err(self.expected(&format!("`{{` to open {what}")));
        };
        self.enter(open)?;
        let mut stmts = Vec::new();
        let close = loop {
            if let Some(close) = self.eat(Punct::RBrace) {
                break close;
            }
            if self.at_end() {
                return Err(
                    self.expected(&format!("`}}` to close {what} (opened at {})", place(open)))
                );
            }
            stmts.push(self.statement()?);
        };
        self.leave();
        Ok(Block {
            stmts,
            span: open.to(close),
        })
    }

    /// A statement ends here: `;`, a line break, `}` or the end.
    fn statement_ends(&self) -> bool {
        self.is(Punct::Semi) || self.is(Punct::RBrace) || self.at_end() || self.on_new_line()
    }

    /// The end of `what`: a `;`, or nothing before a line break, `}` or
    /// the end.
    fn end(&mut self, what: &str) -> Parsed<()> {
        if self.eat(Punct::Semi).is_some() || self.statement_ends() {
            return Ok(());
        }
        Err(self.expected(&format!("`;` or a line break after {what}")))
    }
}
