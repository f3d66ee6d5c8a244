//! The listing's model: the [`Language`] it is written in and what the code
//! panel copies into spans — a [`Listing`] of [`Line`]s of classified
//! [`Token`]s, each line tagged with the code points it stands for.

use crate::engine::snapshot::CodePoint;

/// The language a listing is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// The essay's language: `async`/`await`, `Promise.all`, callbacks.
    JavaScript,
    /// `.await`, `futures::try_join!`, closures.
    Rust,
    /// `await`, `asyncio.gather`, nested callback functions.
    Python,
}

impl Language {
    /// Every language, in tab order.
    pub const ALL: [Language; 3] = [Language::JavaScript, Language::Rust, Language::Python];

    /// Short identifier (element ids, links).
    pub fn key(self) -> &'static str {
        match self {
            Language::JavaScript => "js",
            Language::Rust => "rust",
            Language::Python => "python",
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Language::JavaScript => "JavaScript",
            Language::Rust => "Rust",
            Language::Python => "Python",
        }
    }

    /// Looks a language up by its key.
    pub fn from_key(key: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.key() == key)
    }

    /// Spaces per indentation level (Prettier, rustfmt, PEP 8).
    pub fn indent_width(self) -> usize {
        match self {
            Language::JavaScript => 2,
            Language::Rust | Language::Python => 4,
        }
    }
}

/// What a token is; decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// `async`, `await`, `function`, `try`, `def`, `fn`, `match`…
    Keyword,
    /// A function or macro name: `pay`, `handleOrder`, `try_join!`.
    Function,
    /// A type: `Promise`, `Order`, `Result`, `Exception`.
    Type,
    /// Brackets, separators, operators.
    Punct,
    /// A comment.
    Comment,
    /// A string literal.
    Str,
    /// Names and spaces.
    Plain,
}

impl Tok {
    /// The CSS class of the token's span.
    pub fn class(self) -> &'static str {
        match self {
            Tok::Keyword => "tok-kw",
            Tok::Function => "tok-fn",
            Tok::Type => "tok-ty",
            Tok::Punct => "tok-punct",
            Tok::Comment => "tok-com",
            Tok::Str => "tok-str",
            Tok::Plain => "tok-id",
        }
    }
}

/// One classified piece of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Its text (never a newline).
    pub text: &'static str,
}

/// One line of a listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Indentation level (multiply by [`Language::indent_width`]).
    pub depth: usize,
    /// The code after the indentation; empty for a blank line.
    pub tokens: Vec<Token>,
    /// The code points this line stands for.
    pub points: Vec<CodePoint>,
}

impl Line {
    /// The line's code without its indentation.
    pub fn code(&self) -> String {
        self.tokens.iter().map(|t| t.text).collect()
    }
}

/// A whole handler: what the code panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// The language it is written in.
    pub language: Language,
    /// Its lines, top to bottom.
    pub lines: Vec<Line>,
}

impl Listing {
    /// The indentation of line `line` as spaces (empty for a blank line).
    pub fn indent(&self, line: &Line) -> String {
        if line.tokens.is_empty() {
            String::new()
        } else {
            " ".repeat(line.depth * self.language.indent_width())
        }
    }

    /// The whole listing as plain text, one `\n`-terminated line each.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| format!("{}{}\n", self.indent(l), l.code()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_have_keys() {
        for language in Language::ALL {
            assert_eq!(Language::from_key(language.key()), Some(language));
        }
        assert_eq!(Language::from_key("<script>"), None);
    }
}
