//! A handler's text in coloured pieces, for the editor: the same tokens the
//! parser reads (up to the first character none can start), each said to
//! be a keyword, a function called, another name, a string, a number or
//! punctuation. What lies between them is space or a comment.

use super::lex::{Punct, TokenKind, lex_until_error};

/// What a piece of the text is; decides its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shade {
    /// `async`, `await`, `function`, `try`, `return`…
    Keyword,
    /// A name called: `grind` in `grind(order)`, `all` in `Promise.all(…)`.
    Function,
    /// Any other name.
    Name,
    /// A string.
    Str,
    /// A number, `true`, `false`, `null`.
    Literal,
    /// Brackets, separators, operators.
    Punct,
}

/// One coloured piece: byte offsets into the text and its line (from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Its line, from 1.
    pub line: usize,
    /// What it is.
    pub shade: Shade,
    /// The name it is, when it names something (for finding a call).
    pub name: bool,
}

/// The pieces of `text` in order, up to the first character that cannot
/// start a token (the rest is left plain). Texts over the length limit are
/// coloured only up to it.
pub fn shades(text: &str) -> Vec<Piece> {
    let limit = text
        .char_indices()
        .nth(super::MAX_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let (tokens, _) = lex_until_error(&text[..limit]);
    let mut pieces: Vec<Piece> = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let called = matches!(
            tokens.get(i + 1).map(|t| &t.kind),
            Some(TokenKind::Punct(Punct::LParen))
        );
        let (shade, name) = match &token.kind {
            TokenKind::End => continue,
            TokenKind::Ident(_) if called => (Shade::Function, true),
            TokenKind::Ident(_) => (Shade::Name, true),
            TokenKind::Keyword(k) if matches!(k.word(), "true" | "false" | "null") => {
                (Shade::Literal, false)
            }
            TokenKind::Keyword(_) => (Shade::Keyword, false),
            TokenKind::Str(_) => (Shade::Str, false),
            TokenKind::Number(_) => (Shade::Literal, false),
            TokenKind::Punct(_) => (Shade::Punct, false),
        };
        pieces.push(Piece {
            start: token.span.start,
            end: token.span.end,
            line: token.span.line,
            shade,
            name,
        });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaded(text: &str) -> Vec<(&str, Shade)> {
        shades(text)
            .iter()
            .map(|p| (&text[p.start..p.end], p.shade))
            .collect()
    }

    #[test]
    fn calls_keywords_strings_and_comments_get_their_shades() {
        let text =
            "async function h(order) {\n  // pay first\n  await pay(order, 'x', 2, null);\n}";
        let pieces = shaded(text);
        assert_eq!(pieces[0], ("async", Shade::Keyword));
        assert_eq!(pieces[2], ("h", Shade::Function));
        assert!(pieces.contains(&("pay", Shade::Function)));
        assert!(pieces.contains(&("order", Shade::Name)));
        assert!(pieces.contains(&("'x'", Shade::Str)));
        assert!(pieces.contains(&("2", Shade::Literal)));
        assert!(pieces.contains(&("null", Shade::Literal)));
        assert!(
            !pieces.iter().any(|p| p.0.contains("pay first")),
            "comments are gaps"
        );
        let pay = shades(text)
            .into_iter()
            .find(|p| &text[p.start..p.end] == "pay")
            .unwrap();
        assert_eq!(pay.line, 3);
    }

    #[test]
    fn text_after_a_character_no_token_starts_with_is_left_plain() {
        let text = "grind(order); # steam(order)";
        let pieces = shaded(text);
        assert_eq!(pieces.last(), Some(&(";", Shade::Punct)));
        // An unclosed string or comment leaves the rest plain too.
        assert_eq!(shaded("pay('open").len(), 2);
        assert_eq!(shaded("pay /* open").len(), 1);
    }
}
