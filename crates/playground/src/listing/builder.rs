//! A line being built: [`L`] appends classified tokens one call at a time
//! (`kw`, `func`, `p`…), the generator's plumbing shared by every language.

use super::model::{Language, Line, Tok, Token};
use crate::engine::snapshot::CodePoint;

/// A line being built.
pub(super) struct L(pub(super) Line);

impl L {
    pub(super) fn at(depth: usize) -> L {
        L(Line {
            depth,
            tokens: Vec::new(),
            points: Vec::new(),
        })
    }
    pub(super) fn t(mut self, tok: Tok, text: &'static str) -> L {
        if !text.is_empty() {
            self.0.tokens.push(Token { tok, text });
        }
        self
    }
    pub(super) fn kw(self, text: &'static str) -> L {
        self.t(Tok::Keyword, text)
    }
    pub(super) fn func(self, text: &'static str) -> L {
        self.t(Tok::Function, text)
    }
    pub(super) fn ty(self, text: &'static str) -> L {
        self.t(Tok::Type, text)
    }
    pub(super) fn p(self, text: &'static str) -> L {
        self.t(Tok::Punct, text)
    }
    pub(super) fn id(self, text: &'static str) -> L {
        self.t(Tok::Plain, text)
    }
    pub(super) fn com(self, text: &'static str) -> L {
        self.t(Tok::Comment, text)
    }
    pub(super) fn sp(self) -> L {
        self.id(" ")
    }
    /// `await ` before an expression (JavaScript, Python).
    pub(super) fn await_kw(self) -> L {
        self.kw("await").sp()
    }
    /// `.await` after an expression (Rust).
    pub(super) fn awaited(self) -> L {
        self.p(".").kw("await")
    }
    /// `f(self)` when `cond` holds, else the line as it is.
    pub(super) fn when(self, cond: bool, f: impl FnOnce(L) -> L) -> L {
        if cond { f(self) } else { self }
    }
    pub(super) fn at_points(mut self, points: impl IntoIterator<Item = CodePoint>) -> L {
        self.0.points.extend(points);
        self
    }
    pub(super) fn width(&self, lang: Language) -> usize {
        self.0.depth * lang.indent_width() + self.0.code().chars().count()
    }
}
