//! The parser's cursor: reading and taking tokens, the nesting depth, and
//! the words of its messages.

use super::super::lex::{Keyword, Punct, Token, TokenKind, spelling};
use super::super::tree::{Ident, Span};
use super::super::{MAX_DEPTH, ParseError};
use super::{END, Parsed, Parser};

impl Parser<'_> {
    // ---------------------------------------------------------- reading --

    pub(super) fn peek(&self) -> &Token {
        self.tokens
            .get(self.at)
            .or(self.tokens.last())
            .unwrap_or(&END)
    }

    /// The kind of the token `offset` ahead, if there is one.
    pub(super) fn kind_at(&self, offset: usize) -> Option<&TokenKind> {
        self.tokens.get(self.at + offset).map(|t| &t.kind)
    }

    /// Takes the current token (never the end).
    pub(super) fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if token.kind != TokenKind::End {
            self.at += 1;
        }
        token
    }

    /// The span of the last token taken.
    pub(super) fn previous(&self) -> Span {
        self.at
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(self.peek().span, |t| t.span)
    }

    pub(super) fn at_end(&self) -> bool {
        self.peek().kind == TokenKind::End
    }

    pub(super) fn punct(&self) -> Option<Punct> {
        match self.peek().kind {
            TokenKind::Punct(p) => Some(p),
            _ => None,
        }
    }

    pub(super) fn keyword(&self) -> Option<Keyword> {
        match self.peek().kind {
            TokenKind::Keyword(k) => Some(k),
            _ => None,
        }
    }

    pub(super) fn is(&self, punct: Punct) -> bool {
        self.punct() == Some(punct)
    }

    pub(super) fn is_keyword(&self, keyword: Keyword) -> bool {
        self.keyword() == Some(keyword)
    }

    /// Takes `punct` if it is next, giving its span.
    pub(super) fn eat(&mut self, punct: Punct) -> Option<Span> {
        self.is(punct).then(|| self.bump().span)
    }

    pub(super) fn eat_keyword(&mut self, keyword: Keyword) -> bool {
        let here = self.is_keyword(keyword);
        if here {
            self.bump();
        }
        here
    }

    /// Whether the next token starts a new line.
    pub(super) fn on_new_line(&self) -> bool {
        self.at > 0 && self.peek().span.line > self.previous().line
    }

    /// Whether the next token ends a list rather than starting an item.
    pub(super) fn closes_something(&self) -> bool {
        self.at_end()
            || matches!(
                self.punct(),
                Some(Punct::Semi | Punct::RBrace | Punct::RParen | Punct::RBracket)
            )
    }

    pub(super) fn ident(&mut self, what: &str) -> Parsed<Ident> {
        let TokenKind::Ident(name) = &self.peek().kind else {
            return Err(self.expected(what));
        };
        let name = name.clone();
        let span = self.bump().span;
        Ok(Ident { name, span })
    }

    /// Takes the `punct` closing what `open` opened, or says it is missing.
    pub(super) fn close(&mut self, punct: Punct, opened: &str, open: Span) -> Parsed<Span> {
        self.eat(punct).ok_or_else(|| {
            self.expected(&format!(
                "`{}` to close {opened} (opened at {})",
                spelling(punct),
                place(open)
            ))
        })
    }

    /// One level deeper, or the error saying it is too deep.
    pub(super) fn enter(&mut self, at: Span) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::at(
                at,
                format!(
                    "nested too deeply: more than {MAX_DEPTH} levels of blocks, brackets, callbacks and `await`s inside one another"
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // --------------------------------------------------------- messages --

    /// The next token as messages name it.
    pub(super) fn found(&self) -> String {
        let token = self.peek();
        if token.kind == TokenKind::End {
            return "the end of the text".into();
        }
        let text = self
            .text
            .get(token.span.start..token.span.end)
            .unwrap_or("");
        if text.chars().count() > 24 {
            let short: String = text.chars().take(24).collect();
            format!("`{short}…`")
        } else {
            format!("`{text}`")
        }
    }

    /// "expected `what`, found …" at the next token, with a word on what
    /// was found when it is JavaScript outside the language.
    pub(super) fn expected(&self, what: &str) -> ParseError {
        let why = match self.peek().kind {
            TokenKind::Keyword(Keyword::Unsupported(word)) => {
                format!(": `{word}` is not part of the handler language")
            }
            TokenKind::Punct(Punct::Assign) => {
                ": assignment is not part of the handler language (name a value once, with `const name = …;`)".into()
            }
            TokenKind::Punct(Punct::Other(op)) => {
                format!(": `{op}` is not part of the handler language")
            }
            _ => String::new(),
        };
        self.here(&format!("expected {what}, found {}{why}", self.found()))
    }

    /// `message` at the next token.
    pub(super) fn here(&self, message: &str) -> ParseError {
        ParseError::at(self.peek().span, message.to_string())
    }
}

/// "line 3, column 5".
pub(super) fn place(span: Span) -> String {
    format!("line {}, column {}", span.line, span.column)
}

/// The keyword `word` is probably a misspelling of: one letter off, one
/// letter more or less, or two neighbours swapped (`awiat`).
pub(super) fn near_keyword(word: &str) -> Option<&'static str> {
    let word: Vec<char> = word.chars().collect();
    if word.len() < 3 || word.len() > 10 {
        return None;
    }
    Keyword::words().find(|keyword| {
        let keyword: Vec<char> = keyword.chars().collect();
        keyword.len() >= 3 && keyword != word && one_edit_apart(&word, &keyword)
    })
}

/// Whether one edit (change, insert, delete, swap two neighbours) turns
/// `a` into `b`.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let rest = |x: &[char], y: &[char]| x == y;
    match (a.len(), b.len()) {
        (n, m) if n == m && n >= 2 && a[0] == b[1] && a[1] == b[0] => rest(&a[2..], &b[2..]),
        (n, m) if n == m && n >= 1 => rest(&a[1..], &b[1..]),
        (n, m) if n == m + 1 => rest(&a[1..], b),
        (n, m) if n + 1 == m => rest(a, &b[1..]),
        _ => false,
    }
}
