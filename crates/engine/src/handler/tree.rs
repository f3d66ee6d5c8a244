//! The syntax tree of a handler: what [`parse`](super::parse()) returns. Every
//! node has its [`Span`]; calls the café knows are named ([`Known`]), any
//! other name is kept as written for the lowering to judge.

use crate::scenario::StepId;

/// Where a node is in the text: byte offsets and the 1-based line and
/// column (in characters) of its first character.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Line of the first character, from 1.
    pub line: usize,
    /// Column of the first character, from 1, in characters.
    pub column: usize,
}

impl Span {
    /// From the start of `self` to the end of `last`.
    pub fn to(self, last: Span) -> Span {
        Span {
            end: last.end.max(self.start),
            ..self
        }
    }
}

/// A name as written, with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

/// A whole handler: one function.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The handler function (`async function handleOrder(order) { … }` or
    /// `const handleOrder = async (order) => { … };`).
    pub function: Function,
    /// The whole handler, from its first token to its last.
    pub span: Span,
}

/// How a function was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionForm {
    /// `function name(…) { … }` (also `function (…) { … }` as a value).
    Function,
    /// `(…) => …` or `x => …`.
    Arrow,
}

/// A function: the handler, a callback, or an async block run at once.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// `async` written before it.
    pub is_async: bool,
    /// `function` or arrow.
    pub form: FunctionForm,
    /// Its name, if it has one (the handler's, or `const name = …`).
    pub name: Option<Ident>,
    /// Parameter names (`order`, `err`).
    pub params: Vec<Ident>,
    /// What it runs.
    pub body: FunctionBody,
    /// The whole function.
    pub span: Span,
}

/// A function's body.
#[derive(Clone, Debug, PartialEq)]
pub enum FunctionBody {
    /// `{ statements }`.
    Block(Block),
    /// An arrow function's single expression: `() => steam(order)`.
    Expr(Box<Expr>),
}

/// `{ statements }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The statements, in order.
    pub stmts: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
}

/// One statement with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where it is.
    pub span: Span,
}

/// `const`, `let` or `var`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// `const`.
    Const,
    /// `let`.
    Let,
    /// `var`.
    Var,
}

impl DeclKind {
    /// How it is spelled: `const`, `let`, `var`.
    pub fn word(self) -> &'static str {
        match self {
            DeclKind::Const => "const",
            DeclKind::Let => "let",
            DeclKind::Var => "var",
        }
    }
}

/// The statements of the language.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `const price = …;` (`let` and `var` may leave out the value).
    Decl {
        /// `const`, `let` or `var`.
        kind: DeclKind,
        /// The declared name.
        name: Ident,
        /// Its value.
        value: Option<Expr>,
    },
    /// An expression run for its effect: `await grind(order);`.
    Expr(Expr),
    /// `return;` or `return expr;`.
    Return(Option<Expr>),
    /// `if (cond) then` with an optional `else`.
    If {
        /// The condition (`err`).
        cond: Expr,
        /// Run when it holds.
        then: Box<Stmt>,
        /// Run when it does not.
        otherwise: Option<Box<Stmt>>,
    },
    /// `try { … } catch (err) { … }` or `catch { … }`.
    Try {
        /// The guarded statements.
        body: Block,
        /// The caught error's name, if the `catch` names it.
        param: Option<Ident>,
        /// What runs after an error.
        handler: Block,
    },
    /// A block on its own: `{ … }`.
    Block(Block),
    /// A lone `;`.
    Empty,
}

/// One expression with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is.
    pub span: Span,
}

/// The binary operators of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `??`: the right side when the left is `null` or `undefined`.
    Nullish,
    /// `||`.
    Or,
    /// `&&`.
    And,
    /// `===`.
    StrictEq,
    /// `!==`.
    StrictNe,
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
}

/// A call: what is called, its arguments, and which of the café's calls it
/// is, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// What is called: a name, `object.method`, or a function written in
    /// place (`(async () => { … })()`).
    pub callee: Box<Expr>,
    /// The arguments.
    pub args: Vec<Expr>,
    /// The café's call it is, or `None` for a name the café does not know.
    pub known: Option<Known>,
}

/// The expressions of the language.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A name: `order`, `err`, `handPour`.
    Name(String),
    /// A string: `'coffee'`.
    Str(String),
    /// A number.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `[a, b, c]`.
    Array(Vec<Expr>),
    /// `object.property`.
    Member {
        /// Before the dot.
        object: Box<Expr>,
        /// After the dot.
        property: Ident,
    },
    /// `callee(args)`.
    Call(Call),
    /// `await expr`.
    Await(Box<Expr>),
    /// `!expr`.
    Not(Box<Expr>),
    /// `left op right`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Its left side.
        left: Box<Expr>,
        /// Its right side.
        right: Box<Expr>,
    },
    /// A function written as a value: a callback, an async block.
    Function(Box<Function>),
}

/// The calls the café knows, besides the drinks' steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// A drink's step: `pay(order)`, `heatWater(order)` ([`StepId::function`];
    /// its key, `heat(order)`, is read as the same step).
    Step(StepId),
    /// `takeOrder(order)`.
    TakeOrder,
    /// `serve(order)`.
    Serve,
    /// `offerFreeCookie(order)`: the handled failure.
    OfferFreeCookie,
    /// `Promise.all([…])`.
    PromiseAll,
    /// `promise.then(callback)`.
    Then,
    /// `promise.catch(callback)`.
    Catch,
    /// `breaker.fire(order)`: a payment through the circuit breaker.
    BreakerFire,
    /// `cache.get(order.drink)`: the menu cache's price, or nothing.
    CacheGet,
    /// `cache.fetch(lookupPrice, order, callback)`: the cache, or the lookup.
    CacheFetch,
    /// `helpers.run(handPour, order)`: a CPU step on a worker thread.
    HelpersRun,
    /// `helpers.runAndWait(handPour, order)`: the same, blocking.
    HelpersRunAndWait,
}

impl Known {
    /// The known calls named by a path, as written in the listings.
    pub(super) const NAMED: [(Known, &'static str); 11] = [
        (Known::TakeOrder, "takeOrder"),
        (Known::Serve, "serve"),
        (Known::OfferFreeCookie, "offerFreeCookie"),
        (Known::PromiseAll, "Promise.all"),
        (Known::BreakerFire, "breaker.fire"),
        (Known::CacheGet, "cache.get"),
        (Known::CacheFetch, "cache.fetch"),
        (Known::HelpersRun, "helpers.run"),
        (Known::HelpersRunAndWait, "helpers.runAndWait"),
        (Known::Then, ".then"),
        (Known::Catch, ".catch"),
    ];

    /// How the call is written: `grind`, `Promise.all`, `breaker.fire`,
    /// `.then` (on any promise).
    pub fn name(self) -> &'static str {
        match self {
            Known::Step(step) => step.function(),
            other => Known::NAMED
                .iter()
                .find(|(k, _)| *k == other)
                .map_or("", |(_, name)| name),
        }
    }

    /// The known call whose callee is `callee`, if any.
    pub fn of(callee: &Expr) -> Option<Known> {
        match &callee.kind {
            ExprKind::Name(name) => step_named(name).map(Known::Step).or_else(|| named(name)),
            ExprKind::Member { object, property } => match (&object.kind, property.name.as_str()) {
                (_, "then") => Some(Known::Then),
                (_, "catch") => Some(Known::Catch),
                (ExprKind::Name(object), method) => {
                    let path = format!("{object}.{method}");
                    named(&path)
                }
                _ => None,
            },
            _ => None,
        }
    }
}

/// The known call written as `path` (`serve`, `breaker.fire`).
fn named(path: &str) -> Option<Known> {
    Known::NAMED
        .iter()
        .find(|(_, name)| *name == path)
        .map(|(known, _)| *known)
}

/// The step a name calls: its function (`heatWater`) or its key (`heat`).
pub fn step_named(name: &str) -> Option<StepId> {
    StepId::ALL
        .into_iter()
        .find(|s| s.function() == name || s.key() == name)
}
