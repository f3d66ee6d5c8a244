//! The lexer: the handler's text as tokens with their places (names,
//! keywords, strings, numbers, punctuation), comments and spaces dropped.

use super::ParseError;
use super::tree::Span;

/// The words the language reserves. The last group is JavaScript's, not
/// ours: the parser says so when it meets one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keyword {
    Async,
    Await,
    Function,
    Const,
    Let,
    Var,
    Return,
    If,
    Else,
    Try,
    Catch,
    True,
    False,
    Null,
    /// A JavaScript keyword outside the language (`for`, `class`, `new`…).
    Unsupported(&'static str),
}

/// The language's keywords and their spelling.
const KEYWORDS: [(&str, Keyword); 14] = [
    ("async", Keyword::Async),
    ("await", Keyword::Await),
    ("function", Keyword::Function),
    ("const", Keyword::Const),
    ("let", Keyword::Let),
    ("var", Keyword::Var),
    ("return", Keyword::Return),
    ("if", Keyword::If),
    ("else", Keyword::Else),
    ("try", Keyword::Try),
    ("catch", Keyword::Catch),
    ("true", Keyword::True),
    ("false", Keyword::False),
    ("null", Keyword::Null),
];

/// JavaScript's other reserved words: not names, not part of the language.
const UNSUPPORTED: [&str; 24] = [
    "break",
    "case",
    "class",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "export",
    "extends",
    "finally",
    "for",
    "import",
    "in",
    "instanceof",
    "new",
    "super",
    "switch",
    "this",
    "throw",
    "typeof",
    "void",
    "while",
    "yield",
];

impl Keyword {
    /// How the keyword is spelled.
    pub(super) fn word(self) -> &'static str {
        match self {
            Keyword::Unsupported(word) => word,
            k => KEYWORDS
                .iter()
                .find(|(_, kw)| *kw == k)
                .map_or("", |(word, _)| word),
        }
    }

    /// The keyword spelled `word`, if it is one.
    fn of(word: &str) -> Option<Keyword> {
        let ours = KEYWORDS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k);
        ours.or_else(|| {
            UNSUPPORTED
                .iter()
                .find(|w| **w == word)
                .map(|w| Keyword::Unsupported(w))
        })
    }

    /// The language's own keywords (for "did you mean" hints).
    pub(super) fn words() -> impl Iterator<Item = &'static str> {
        KEYWORDS.iter().map(|(word, _)| *word)
    }
}

/// Punctuation and operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Punct {
    LParen,
    RParen,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Semi,
    Comma,
    Dot,
    Arrow,
    Nullish,
    OrOr,
    AndAnd,
    Bang,
    StrictEq,
    StrictNe,
    Eq,
    Ne,
    Assign,
    /// An operator JavaScript has and the language does not (`+`, `<`…):
    /// lexed so that the parser can say where it is.
    Other(&'static str),
}

/// Every punctuation's spelling, longest first (the lexer takes the first
/// that matches).
const PUNCTS: [(&str, Punct); 31] = [
    ("===", Punct::StrictEq),
    ("!==", Punct::StrictNe),
    ("...", Punct::Other("...")),
    ("=>", Punct::Arrow),
    ("??", Punct::Nullish),
    ("||", Punct::OrOr),
    ("&&", Punct::AndAnd),
    ("==", Punct::Eq),
    ("!=", Punct::Ne),
    ("?.", Punct::Other("?.")),
    ("<=", Punct::Other("<=")),
    (">=", Punct::Other(">=")),
    ("++", Punct::Other("++")),
    ("--", Punct::Other("--")),
    ("(", Punct::LParen),
    (")", Punct::RParen),
    ("{", Punct::LBrace),
    ("}", Punct::RBrace),
    ("[", Punct::LBracket),
    ("]", Punct::RBracket),
    (";", Punct::Semi),
    (",", Punct::Comma),
    (".", Punct::Dot),
    ("!", Punct::Bang),
    ("=", Punct::Assign),
    ("?", Punct::Other("?")),
    (":", Punct::Other(":")),
    ("+", Punct::Other("+")),
    ("-", Punct::Other("-")),
    ("*", Punct::Other("*")),
    ("<", Punct::Other("<")),
];

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokenKind {
    /// A name that is not a keyword.
    Ident(String),
    Keyword(Keyword),
    /// A string's value, escapes resolved.
    Str(String),
    Number(f64),
    Punct(Punct),
    /// The end of the text (always the last token).
    End,
}

/// One token and its place.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) span: Span,
}

/// The text's tokens, ending with [`TokenKind::End`], or the first
/// character that cannot start one.
pub(super) fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    match lex_until_error(text) {
        (tokens, None) => Ok(tokens),
        (_, Some(error)) => Err(error),
    }
}

/// The text's tokens up to the first character that cannot start one (and
/// that mistake), or all of them, ending with [`TokenKind::End`].
pub(super) fn lex_until_error(text: &str) -> (Vec<Token>, Option<ParseError>) {
    let mut lexer = Lexer {
        text,
        pos: 0,
        line: 1,
        column: 1,
    };
    let mut tokens = Vec::new();
    loop {
        if let Err(error) = lexer.skip_space_and_comments() {
            return (tokens, Some(error));
        }
        let start = lexer.here();
        let Some(c) = lexer.peek() else {
            tokens.push(Token {
                kind: TokenKind::End,
                span: start,
            });
            return (tokens, None);
        };
        let kind = if c == '\'' || c == '"' {
            match lexer.string(c, start) {
                Ok(kind) => kind,
                Err(error) => return (tokens, Some(error)),
            }
        } else if c.is_ascii_digit() {
            lexer.number()
        } else if is_name_start(c) {
            let word = lexer.take_while(is_name_char);
            Keyword::of(word).map_or_else(|| TokenKind::Ident(word.to_string()), TokenKind::Keyword)
        } else if let Some(punct) = lexer.punct() {
            TokenKind::Punct(punct)
        } else {
            let error = lexer.unexpected(c, start);
            return (tokens, Some(error));
        };
        tokens.push(Token {
            kind,
            span: start.to(lexer.here()),
        });
    }
}

fn is_name_start(c: char) -> bool {
    c == '_' || c == '$' || c.is_alphabetic()
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_alphanumeric()
}

/// A position in the text, moving forward one character at a time.
struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn here(&self) -> Span {
        Span {
            start: self.pos,
            end: self.pos,
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn take_while(&mut self, keep: fn(char) -> bool) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(keep) {
            self.bump();
        }
        self.text.get(start..self.pos).unwrap_or("")
    }

    fn skip_space_and_comments(&mut self) -> Result<(), ParseError> {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                self.take_while(|c| c != '\n');
            } else if rest.starts_with("/*") {
                let open = self.here();
                self.bump();
                self.bump();
                while !self.rest().starts_with("*/") {
                    if self.bump().is_none() {
                        return Err(ParseError::at(
                            open,
                            "unterminated comment: the `/*` here is never closed by `*/`".into(),
                        ));
                    }
                }
                self.bump();
                self.bump();
            } else if self.peek().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                return Ok(());
            }
        }
    }

    /// A string in `quote`s, on one line; `\` escapes the next character.
    fn string(&mut self, quote: char, open: Span) -> Result<TokenKind, ParseError> {
        self.bump();
        let mut value = String::new();
        loop {
            match self.bump() {
                Some(c) if c == quote => return Ok(TokenKind::Str(value)),
                Some('\\') => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some(c) if c != '\n' => value.push(c),
                    _ => return Err(unterminated(quote, open)),
                },
                Some('\n') | None => return Err(unterminated(quote, open)),
                Some(c) => value.push(c),
            }
        }
    }

    /// Digits, perhaps with a fraction: `3`, `0.25`.
    fn number(&mut self) -> TokenKind {
        let start = self.pos;
        self.take_while(|c| c.is_ascii_digit());
        let mut ahead = self.rest().chars();
        if ahead.next() == Some('.') && ahead.next().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
            self.take_while(|c| c.is_ascii_digit());
        }
        let digits = self.text.get(start..self.pos).unwrap_or("0");
        TokenKind::Number(digits.parse().unwrap_or(0.0))
    }

    fn punct(&mut self) -> Option<Punct> {
        let rest = self.rest();
        let &(spelling, punct) = PUNCTS.iter().find(|(p, _)| rest.starts_with(p))?;
        for _ in spelling.chars() {
            self.bump();
        }
        Some(punct)
    }

    fn unexpected(&self, c: char, at: Span) -> ParseError {
        let message = if c == '`' {
            "template strings (`` ` ``) are not part of the handler language: write 'text' or \"text\"".to_string()
        } else {
            format!(
                "unexpected character `{}`: the handler language has names, strings, numbers and ( ) {{ }} [ ] ; , . => ?? || && ! === !==",
                c.escape_debug()
            )
        };
        ParseError::at(at, message)
    }
}

fn unterminated(quote: char, open: Span) -> ParseError {
    ParseError::at(
        open,
        format!(
            "unterminated string: the {quote} here is not closed by another {quote} on its line"
        ),
    )
}

/// A punctuation's spelling.
pub(super) fn spelling(punct: Punct) -> &'static str {
    match punct {
        Punct::Other(s) => s,
        p => PUNCTS.iter().find(|(_, q)| *q == p).map_or("", |(s, _)| s),
    }
}
