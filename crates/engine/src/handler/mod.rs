//! The order handler a learner types: a small subset of JavaScript, parsed
//! (never executed) into a syntax tree ([`Handler`]) and lowered
//! ([`lower()`], or [`program()`] for both) to the handler's shape the café
//! runs, a [`Program`].
//!
//! One idea per file:
//! - `lex.rs` the tokens;
//! - `parse/` the recursive-descent parser (`mod.rs` the handler and
//!   statements, `expr.rs` expressions and functions, `cursor.rs` reading
//!   tokens and the messages);
//! - `tree.rs` the syntax tree and the café's known calls;
//! - `walk.rs` a tree's calls;
//! - `shade.rs` the text in coloured pieces, for the editor;
//! - `print.rs` the way back: a program written out as a handler's text
//!   (the editor's starting texts);
//! - `lower/` the lowering (`mod.rs` the handler's own sequence, `try`,
//!   `takeOrder` and `serve`; `callback.rs` a callback's error check;
//!   `call.rs` which of the café's calls a call is; `wait.rs` how it is
//!   waited for where it is written; `join.rs` `Promise.all`'s branches).
//!
//! # Lowering
//!
//! The handler takes the order first (`takeOrder(order);`, maybe inside a
//! leading `try`) and serves it last on the success path (`serve(order);`);
//! in between, each of the café's calls becomes a [`flow::Call`]: in a
//! plain function a call blocks, in an `async` one a machine's call is
//! awaited (the barista's own work, `handPour(order)`, is synchronous
//! everywhere); an error-first callback carries the rest of the handler
//! after its `if (err) return …;` check; `await Promise.all([...])` is a
//! join over branches that are one call, an `async` function run at once
//! or a `.then` chain. A `try` whose `catch` offers a cookie handles the
//! failures inside it, and ends the handler. Anything else is refused at
//! its place with what to write instead; which steps a drink needs is
//! [`flow::Flow::new`]'s to judge.
//!
//! [`flow::Call`]: crate::flow::Call
//! [`flow::Flow::new`]: crate::flow::Flow::new
//!
//! # The language
//!
//! The text is one handler function. Statements end with `;`, or at a line
//! break, a `}` or the end (JavaScript's automatic semicolons, simplified).
//! Comments (`// …`, `/* … */`) and spaces go anywhere between tokens.
//!
//! ```text
//! handler    = [ "async" ] "function" name params block
//!            | ( "const" | "let" | "var" ) name "=" function-value [ ";" ] ;
//! params     = "(" [ name { "," name } ] ")" ;
//! block      = "{" { statement } "}" ;
//! statement  = block | ";"
//!            | ( "const" | "let" | "var" ) name [ "=" expression ] end
//!            | "if" "(" expression ")" statement [ "else" statement ]
//!            | "try" block "catch" [ "(" name ")" ] block
//!            | "return" [ expression ] end
//!            | expression end ;
//! expression = unary { binary-op unary } ;        (* ?? || lowest, && , then === !== == != *)
//! binary-op  = "??" | "||" | "&&" | "===" | "!==" | "==" | "!=" ;
//! unary      = ( "await" | "!" ) unary | postfix ;
//! postfix    = primary { "." name | "(" [ expression { "," expression } ] ")" } ;
//! primary    = name | string | number | "true" | "false" | "null"
//!            | "[" [ expression { "," expression } [ "," ] ] "]"
//!            | "(" expression ")"
//!            | function-value ;
//! function-value = [ "async" ] "function" [ name ] params block
//!                | [ "async" ] ( name | params ) "=>" ( block | expression ) ;
//! string     = "'" … "'" | '"' … '"' ;             (* on one line; \ escapes *)
//! number     = digit { digit } [ "." digit { digit } ] ;
//! ```
//!
//! Calls the café knows are named in the tree ([`Known`]): the drinks' steps
//! by their functions or keys (`pay`, `grind`, `steam`, `heatWater` or
//! `heat`, `handPour` or `pour`, `assemble`, `lookupPrice` or `lookup`),
//! `takeOrder`, `serve`, `offerFreeCookie`, `Promise.all`, `.then`,
//! `.catch`, `breaker.fire`, `cache.get`, `cache.fetch`, `helpers.run` and
//! `helpers.runAndWait`. Any other name is kept as written.
//!
//! Everything else JavaScript has (loops, classes, `new`, assignment,
//! arithmetic, objects, template strings…) is refused with a message that
//! says so. The text is capped at [`MAX_CHARS`] characters and
//! [`MAX_DEPTH`] levels of nesting (blocks, brackets, callbacks, nested
//! statements, `await` and `!`), and a chain of `.name` and calls, or of
//! binary operators, at [`MAX_CHAIN`] links: the parser never panics and
//! runs in time linear in the text.

mod lex;
mod lower;
mod parse;
mod print;
mod shade;
mod tree;
mod walk;

pub use tree::{
    BinaryOp, Block, Call, DeclKind, Expr, ExprKind, Function, FunctionBody, FunctionForm, Handler,
    Ident, Known, Span, Stmt, StmtKind, step_named,
};

pub use lower::lower;
pub use print::{starter, write};
pub use shade::{Piece, Shade, shades};

use crate::flow::Program;
use std::fmt;

/// The longest handler accepted, in characters.
pub const MAX_CHARS: usize = 10_000;

/// The deepest nesting accepted (blocks, brackets, callbacks, nested
/// statements, `await` and `!`, each counting one level).
pub const MAX_DEPTH: usize = 32;

/// The longest chain accepted: `.name`s and calls after one another
/// (`a.then(…).then(…)`), or binary operators in a row (`a ?? b ?? c`).
pub const MAX_CHAIN: usize = 32;

/// Why a text is not a handler: where, and what was expected there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Line of the problem, from 1.
    pub line: usize,
    /// Column of the problem, from 1, in characters.
    pub column: usize,
    /// What was found there and what was expected.
    pub message: String,
}

impl ParseError {
    /// A problem at the start of `span`.
    fn at(span: Span, message: String) -> ParseError {
        ParseError {
            line: span.line,
            column: span.column,
            message,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parses a handler's text into its syntax tree, or says where and why it
/// is not one.
pub fn parse(text: &str) -> Result<Handler, ParseError> {
    check_length(text)?;
    let tokens = lex::lex(text)?;
    parse::Parser::new(text, tokens).handler()
}

/// Parses a handler's text and lowers it to the program the café runs
/// ([`lower()`]), or says where and why it cannot.
pub fn program(text: &str) -> Result<Program, ParseError> {
    lower(&parse(text)?)
}

/// Refuses a text over [`MAX_CHARS`] characters, at the first character
/// past the limit.
fn check_length(text: &str) -> Result<(), ParseError> {
    let Some((offset, _)) = text.char_indices().nth(MAX_CHARS) else {
        return Ok(());
    };
    let length = MAX_CHARS + text.get(offset..).map_or(0, |rest| rest.chars().count());
    let before = text.get(..offset).unwrap_or("");
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = 1 + before.get(line_start..).map_or(0, |l| l.chars().count());
    Err(ParseError {
        line,
        column,
        message: format!(
            "the handler is {length} characters long, over the limit of {MAX_CHARS}: this is where it goes over"
        ),
    })
}

#[cfg(test)]
mod tests;
