//! The handler's words, the same in every language: the names (one table
//! for the three languages), what a call is ([`Site`], [`Kind`]) and the
//! code points its line stands for, and the statements every shape is made
//! of — the header, `takeOrder`, a step's call and its lines. How they are
//! arranged is `walk.rs`'s (and `join.rs`'s); each language's syntax comes
//! from its own file.

use super::builder::L;
use super::model::{Language, Line};
use super::{javascript, python, rust};
use crate::engine::flow::{Call, Via, Wait};
use crate::engine::scenario::StepId;
use crate::engine::snapshot::CodePoint;

/// Where a call's step runs, as the code sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A machine: I/O that can fail.
    Io,
    /// A CPU step handed to a helper (a worker thread).
    Helper,
    /// A CPU step on the barista.
    Cpu,
}

/// A call of the program, with the recipe position the trace names it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Site {
    /// The call as written.
    pub(super) call: Call,
    /// Its position in the drink's flow.
    pub(super) pos: u8,
    /// A step the drink does not have: it returns at once, never fails.
    pub(super) absent: bool,
}

impl Site {
    pub(super) fn kind(self) -> Kind {
        if self.call.step.machine().is_some() {
            Kind::Io
        } else if self.call.via == Via::Helper {
            Kind::Helper
        } else {
            Kind::Cpu
        }
    }
    pub(super) fn waits(self) -> bool {
        matches!(self.call.wait, Wait::Await | Wait::Joined)
    }
    pub(super) fn cached(self) -> bool {
        self.call.via == Via::Cache
    }
    pub(super) fn guarded(self) -> bool {
        self.call.via == Via::Breaker
    }
}

/// How a call passes the order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Arg {
    /// `order` (JavaScript, Python; a `&Order` in Rust).
    Plain,
    /// `&order` (Rust callbacks, where `order` is an `Arc<Order>`).
    Ref,
}

/// The common names, per language.
#[derive(Clone, Copy)]
pub(super) enum Name {
    HandleOrder,
    TakeOrder,
    Serve,
    Cookie,
    MakeDrink,
}

/// What the program's parts alone do not say about the handler: its
/// header, and where the top-level error handler opens. A built-in
/// strategy says it (`async` even with nothing to await, `try` even with
/// nothing to fail); a written program's is read off its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Style {
    /// `async function handleOrder`.
    pub(super) is_async: bool,
    /// Rust: the order is an `Arc<Order>` (callbacks own it).
    pub(super) arc: bool,
    /// Rust: `handle_order` returns a `Result` (a `?` outside `make_drink`).
    pub(super) fallible: bool,
    /// The top-level part the `try` opens at (Rust: the parts from there on
    /// are `make_drink`'s).
    pub(super) try_at: Option<usize>,
    /// Rust: `make_drink` is `async`.
    pub(super) inner_async: bool,
    /// Every callback checks its error this way (a built-in strategy's,
    /// even a helper's, which cannot fail), else as its call says.
    pub(super) checks: Option<bool>,
}

/// The function doing `step` in `lang`: JavaScript's are the engine's
/// ([`StepId::function`], which the handler parser reads back), Rust's and
/// Python's snake_case.
pub(super) fn step_fn(lang: Language, step: StepId) -> &'static str {
    if lang == Language::JavaScript {
        return step.function();
    }
    match step {
        StepId::Heat => "heat_water",
        StepId::Pour => "hand_pour",
        StepId::Lookup => "lookup_price",
        _ => step.key(),
    }
}

/// A handler being written: its language and style, and its lines so far.
pub(super) struct Gen {
    pub(super) lang: Language,
    pub(super) style: Style,
    pub(super) lines: Vec<Line>,
}

impl Gen {
    pub(super) fn js(&self) -> bool {
        self.lang == Language::JavaScript
    }
    pub(super) fn rust(&self) -> bool {
        self.lang == Language::Rust
    }
    pub(super) fn python(&self) -> bool {
        self.lang == Language::Python
    }

    pub(super) fn push(&mut self, line: L) {
        self.lines.push(line.0);
    }

    /// The statement terminator.
    pub(super) fn end(&self) -> &'static str {
        if self.python() { "" } else { ";" }
    }

    /// How the order is passed to a plain call: `&order` where it is an
    /// `Arc` (Rust with callbacks).
    pub(super) fn arg(&self) -> Arg {
        if self.rust() && self.style.arc {
            Arg::Ref
        } else {
            Arg::Plain
        }
    }

    /// A common name: camelCase in JavaScript, snake_case in Rust and
    /// Python. (One table for the three languages: the compiler keeps it as
    /// branches, where a table per language became a lookup table in the
    /// WebAssembly's data.)
    pub(super) fn name(&self, name: Name) -> &'static str {
        let js = self.js();
        match name {
            Name::HandleOrder if js => "handleOrder",
            Name::HandleOrder => "handle_order",
            Name::TakeOrder if js => "takeOrder",
            Name::TakeOrder => "take_order",
            Name::Serve => "serve",
            Name::Cookie if js => "offerFreeCookie",
            Name::Cookie => "offer_free_cookie",
            Name::MakeDrink => "make_drink",
        }
    }

    /// The function doing `step` ([`step_fn`]).
    pub(super) fn step_fn(&self, step: StepId) -> &'static str {
        step_fn(self.lang, step)
    }

    /// `name(order)` (or `name(&order)`).
    pub(super) fn call(&self, line: L, name: &'static str, arg: Arg) -> L {
        let line = line.func(name).p("(");
        line.when(arg == Arg::Ref, |l| l.p("&")).id("order").p(")")
    }

    /// `name(order);` as a whole statement.
    pub(super) fn stmt(&self, depth: usize, name: &'static str, arg: Arg) -> L {
        let end = self.end();
        self.call(L::at(depth), name, arg).p(end)
    }

    // ------------------------------------------------------------ headers --

    /// The handler's first line.
    pub(super) fn header(&mut self) {
        let name = self.name(Name::HandleOrder);
        let line = L::at(0).when(self.style.is_async, |l| l.kw("async").sp());
        let line = match self.lang {
            Language::JavaScript => javascript::header(line, name),
            Language::Python => python::header(line, name),
            Language::Rust => rust::header(line, name, self.style.arc, self.style.fallible),
        };
        self.push(line.at_points([CodePoint::NotStarted]));
    }

    pub(super) fn take_order(&mut self, depth: usize) {
        let line = self.stmt(depth, self.name(Name::TakeOrder), self.arg());
        self.push(line.at_points([CodePoint::TakeOrder]));
    }

    pub(super) fn serve(&mut self, depth: usize) {
        let serve = self.stmt(depth, self.name(Name::Serve), self.arg());
        self.push(serve.at_points([CodePoint::Done]));
    }

    /// A closing `}` (nothing in Python).
    pub(super) fn close(&mut self, depth: usize) {
        if !self.python() {
            self.push(L::at(depth).p("}"));
        }
    }

    // -------------------------------------------------------------- steps --

    /// The code points of a call's own line.
    pub(super) fn points(&self, site: Site) -> Vec<CodePoint> {
        let pos = site.pos;
        match site.kind() {
            Kind::Cpu => vec![CodePoint::Cpu(pos)],
            k => {
                let mut points = vec![CodePoint::Call(pos), CodePoint::Await(pos)];
                if site.call.wait == Wait::Block {
                    points.push(CodePoint::Blocked(pos));
                }
                if k == Kind::Io && !site.call.handled && !site.absent {
                    points.push(CodePoint::Lost);
                }
                points
            }
        }
    }

    /// The line (or, for a cached lookup in Rust, lines) of a call that is
    /// a statement of its own, neither a callback's nor in a join.
    pub(super) fn step_lines(&mut self, depth: usize, site: Site) {
        let points = self.points(site);
        if site.cached() {
            return self.cached_lookup(depth, site, points);
        }
        let line = self.flat_step(L::at(depth), site).p(self.rust_end(site));
        self.push(line.at_points(points));
    }

    /// What ends a step's statement in Rust (`?;` after a call that can
    /// fail); the terminator elsewhere.
    pub(super) fn rust_end(&self, site: Site) -> &'static str {
        if self.rust() && site.kind() == Kind::Io {
            "?;"
        } else {
            self.end()
        }
    }

    /// The price lookup asking the cache first, as one line in JavaScript
    /// (`const price = cache.get(order.drink) ?? await lookupPrice(order);`)
    /// and Python (`… or await lookup_price(order)`), a `match` in Rust. A
    /// hit is the barista's CPU at the lookup's position: the line reading
    /// the cache; the trip to the menu server keeps the lookup's `points`.
    fn cached_lookup(&mut self, depth: usize, site: Site, points: Vec<CodePoint>) {
        let hit = CodePoint::Cpu(site.pos);
        let awaits = site.waits();
        let name = self.step_fn(site.call.step);
        if self.rust() {
            return rust::cached_lookup(self, depth, name, awaits, hit, points);
        }
        let line = self.cache_line(L::at(depth), name, awaits).p(self.end());
        self.push(line.at_points([hit]).at_points(points));
    }

    /// `const price = cache.get(order.drink) ?? await lookupPrice(order)`
    /// (JavaScript, Python) without its terminator.
    pub(super) fn cache_line(&self, line: L, name: &'static str, awaits: bool) -> L {
        let js = self.js();
        let line = line.when(js, javascript::declare);
        let line = self.cache_or(line.id("price").p(" = "));
        self.call(line.when(awaits, L::await_kw), name, Arg::Plain)
    }

    /// `cache.get(order.drink) ?? ` and its twin in Python.
    pub(super) fn cache_or(&self, line: L) -> L {
        let line = self.cache_get(line);
        if self.js() {
            javascript::or_else(line)
        } else {
            python::or_else(line)
        }
    }

    /// `cache.get(order.drink)` (`&order.drink` in Rust).
    pub(super) fn cache_get(&self, line: L) -> L {
        let line = line.id("cache").p(".").func("get").p("(");
        let line = line.when(self.rust(), |l| l.p("&"));
        line.id("order").p(".").id("drink").p(")")
    }

    /// A machine step's call: `pay(order)` or, through the circuit breaker,
    /// the language's way of calling it (a closure in blocking Rust).
    pub(super) fn io_call(&self, line: L, site: Site) -> L {
        let name = self.step_fn(site.call.step);
        if !site.guarded() {
            return self.call(line, name, self.arg());
        }
        let line = line.id("breaker").p(".");
        match self.lang {
            Language::JavaScript => javascript::breaker_call(line),
            Language::Python => python::breaker_call(line, name),
            Language::Rust => rust::breaker_call(self, line, name, site.call.wait == Wait::Block),
        }
    }

    /// One step as a statement without its terminator, after `line`: `await pay(order)`,
    /// `pay(order).await`, `await helpers.run(handPour, order)`,
    /// `assemble(order)`.
    pub(super) fn flat_step(&self, line: L, site: Site) -> L {
        let awaits = site.waits();
        let name = self.step_fn(site.call.step);
        match site.kind() {
            Kind::Cpu => self.call(line, name, self.arg()),
            Kind::Io if self.rust() => self.io_call(line, site).when(awaits, L::awaited),
            Kind::Io => self.io_call(line.when(awaits, L::await_kw), site),
            Kind::Helper => {
                let line = line.when(awaits && !self.rust(), L::await_kw);
                self.helper_call(line, site)
                    .when(awaits && self.rust(), L::awaited)
            }
        }
    }

    /// `helpers.run(handPour, order)`, or `runAndWait` when it blocks.
    pub(super) fn helper_call(&self, line: L, site: Site) -> L {
        let run = match (site.call.wait != Wait::Block, self.js()) {
            (true, _) => "run",
            (false, true) => "runAndWait",
            (false, false) => "run_and_wait",
        };
        let name = self.step_fn(site.call.step);
        line.id("helpers")
            .p(".")
            .func(run)
            .p("(")
            .id(name)
            .p(", ")
            .id("order")
            .p(")")
    }
}
