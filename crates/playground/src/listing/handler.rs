//! The handler's shape, the same in every language: flat code for blocking,
//! await and join (the error handler around it), the callback pyramid, and
//! which line stands for which code point, and the names, one table for the
//! three languages. Each language's syntax comes from its own file.

use super::builder::L;
use super::model::{Language, Line};
use super::{MAX_COLUMNS, Mechanisms, javascript, python, rust};
use crate::engine::Strategy;
use crate::engine::scenario::{MachineKind, PlanStep, StepId};
use crate::engine::snapshot::CodePoint;

/// Where a plan step runs, as the code sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A machine: I/O that can fail.
    Io,
    /// A CPU step handed to a helper (a worker thread).
    Helper,
    /// A CPU step on the barista.
    Cpu,
}

pub(super) fn kind(step: PlanStep) -> Kind {
    match (step.is_io() || step.is_lookup(), step.machine) {
        (true, _) => Kind::Io,
        (false, Some(_)) => Kind::Helper,
        (false, None) => Kind::Cpu,
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

/// A handler being written: what it is written for, and its lines so far.
pub(super) struct Gen<'a> {
    pub(super) lang: Language,
    pub(super) strategy: Strategy,
    pub(super) plan: &'a [PlanStep],
    pub(super) handled: bool,
    pub(super) mechanisms: Mechanisms,
    pub(super) lines: Vec<Line>,
}

impl Gen<'_> {
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

    /// The function doing `step`, named as [`Gen::name`] says.
    /// (JavaScript's are the engine's, [`StepId::function`], which the
    /// handler parser reads back.)
    pub(super) fn step_fn(&self, step: StepId) -> &'static str {
        if self.js() {
            return step.function();
        }
        match step {
            StepId::Heat => "heat_water",
            StepId::Pour => "hand_pour",
            StepId::Lookup => "lookup_price",
            _ => step.key(),
        }
    }

    /// Whether `step` is called through the circuit breaker.
    pub(super) fn guarded(&self, step: PlanStep) -> bool {
        self.mechanisms.breaker && step.machine == Some(MachineKind::Reader)
    }

    /// Whether `step` asks the cache first.
    pub(super) fn cached(&self, step: PlanStep) -> bool {
        self.mechanisms.cache && step.is_lookup()
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

    /// The handler's first line; `fallible` is Rust's `-> Result<(), Error>`.
    pub(super) fn header(&mut self, fallible: bool) {
        let is_async = matches!(self.strategy, Strategy::Await | Strategy::Join);
        let name = self.name(Name::HandleOrder);
        let callbacks = self.strategy == Strategy::Callbacks;
        let line = L::at(0).when(is_async, |l| l.kw("async").sp());
        let line = match self.lang {
            Language::JavaScript => javascript::header(line, name),
            Language::Python => python::header(line, name),
            Language::Rust => rust::header(line, name, callbacks, fallible),
        };
        self.push(line.at_points([CodePoint::NotStarted]));
    }

    pub(super) fn take_order(&mut self, depth: usize) {
        let arg = if self.rust() && self.strategy == Strategy::Callbacks {
            Arg::Ref
        } else {
            Arg::Plain
        };
        let line = self.stmt(depth, self.name(Name::TakeOrder), arg);
        self.push(line.at_points([CodePoint::TakeOrder]));
    }

    /// A closing `}` (nothing in Python).
    pub(super) fn close(&mut self, depth: usize) {
        if !self.python() {
            self.push(L::at(depth).p("}"));
        }
    }

    // ------------------------------------------ blocking, await and join --

    /// Blocking, sequential await and parallel join: flat code, with the
    /// error handler around it when errors are handled (in Rust a `match`:
    /// [`rust::flat_match`]).
    pub(super) fn flat(&mut self) {
        if self.rust() && self.handled {
            return rust::flat_match(self);
        }
        self.header(self.rust());
        let depth = if self.handled {
            self.push(match self.lang {
                Language::Python => python::try_open(),
                _ => javascript::try_open(),
            });
            2
        } else {
            1
        };
        self.take_order(depth);
        self.body(depth);
        let serve = self.stmt(depth, self.name(Name::Serve), Arg::Plain);
        self.push(serve.at_points([CodePoint::Done]));
        if self.rust() {
            self.push(rust::ok(1));
        }
        if self.handled {
            self.push(match self.lang {
                Language::Python => python::catch(),
                _ => javascript::catch(),
            });
            let cookie = self.stmt(2, self.name(Name::Cookie), Arg::Plain);
            self.push(cookie.at_points([CodePoint::Catch]));
            self.close(1);
        }
        self.close(0);
    }

    /// The steps of the flat strategies, at `depth`.
    pub(super) fn body(&mut self, depth: usize) {
        if self.strategy == Strategy::Join {
            // The price lookup is awaited before `Promise.all`.
            for (pos, &step) in self.plan.iter().enumerate() {
                if step.is_lookup() {
                    self.step_lines(depth, pos, step);
                }
            }
            self.join_all(depth);
        }
        for (pos, &step) in self.plan.iter().enumerate() {
            if self.strategy == Strategy::Join && kind(step) == Kind::Io {
                continue;
            }
            self.step_lines(depth, pos, step);
        }
    }

    /// The line (or, for a cached lookup in Rust, lines) of the step at
    /// `pos` in the flat strategies.
    fn step_lines(&mut self, depth: usize, pos: usize, step: PlanStep) {
        let k = kind(step);
        let points = self.step_points(pos, k);
        if self.cached(step) {
            return self.cached_lookup(depth, pos, step, points);
        }
        let line = self.flat_step(depth, step, k);
        self.push(line.at_points(points));
    }

    /// The price lookup asking the cache first, as one line in JavaScript
    /// (`const price = cache.get(order.drink) ?? await lookupPrice(order);`)
    /// and Python (`… or await lookup_price(order)`), a `match` in Rust. A
    /// hit is the barista's CPU at the lookup's position: the line reading
    /// the cache; the trip to the menu server keeps the lookup's `points`.
    fn cached_lookup(&mut self, depth: usize, pos: usize, step: PlanStep, points: Vec<CodePoint>) {
        let hit = CodePoint::Cpu(pos.min(u8::MAX as usize) as u8);
        let awaits = self.strategy != Strategy::Blocking;
        let name = self.step_fn(step.step);
        if self.rust() {
            return rust::cached_lookup(self, depth, name, awaits, hit, points);
        }
        let js = self.js();
        let line = L::at(depth).when(js, javascript::declare);
        let line = self.cache_get(line.id("price").p(" = "));
        let line = if js {
            javascript::or_else(line)
        } else {
            python::or_else(line)
        };
        let line = self.call(line.when(awaits, L::await_kw), name, Arg::Plain);
        let end = self.end();
        self.push(line.p(end).at_points([hit]).at_points(points));
    }

    /// `cache.get(order.drink)` (`&order.drink` in Rust).
    pub(super) fn cache_get(&self, line: L) -> L {
        let line = line.id("cache").p(".").func("get").p("(");
        let line = line.when(self.rust(), |l| l.p("&"));
        line.id("order").p(".").id("drink").p(")")
    }

    /// A machine step's call: `pay(order)` or, through the circuit breaker,
    /// the language's way of calling it.
    fn io_call(&self, line: L, step: PlanStep) -> L {
        let name = self.step_fn(step.step);
        if !self.guarded(step) {
            return self.call(line, name, Arg::Plain);
        }
        let line = line.id("breaker").p(".");
        match self.lang {
            Language::JavaScript => javascript::breaker_call(line),
            Language::Python => python::breaker_call(line, name),
            Language::Rust => rust::breaker_call(self, line, name),
        }
    }

    /// The code points of a step's line in the flat strategies.
    fn step_points(&self, pos: usize, k: Kind) -> Vec<CodePoint> {
        let pos = pos.min(u8::MAX as usize) as u8;
        match k {
            Kind::Cpu => vec![CodePoint::Cpu(pos)],
            Kind::Io | Kind::Helper => {
                let mut points = vec![CodePoint::Call(pos), CodePoint::Await(pos)];
                if self.strategy == Strategy::Blocking {
                    points.push(CodePoint::Blocked(pos));
                }
                if k == Kind::Io && !self.handled {
                    points.push(CodePoint::Lost);
                }
                points
            }
        }
    }

    /// One step as a statement: `await pay(order);`, `pay(order)?;`,
    /// `await helpers.run(handPour, order);`, `assemble(order);`.
    fn flat_step(&self, depth: usize, step: PlanStep, k: Kind) -> L {
        let awaits = self.strategy != Strategy::Blocking;
        let name = self.step_fn(step.step);
        let end = self.end();
        let line = L::at(depth);
        match k {
            Kind::Cpu => self.stmt(depth, name, Arg::Plain),
            Kind::Io if self.rust() => self.io_call(line, step).when(awaits, L::awaited).p("?;"),
            Kind::Io => self.io_call(line.when(awaits, L::await_kw), step).p(end),
            Kind::Helper => {
                let run = match (awaits, self.js()) {
                    (true, _) => "run",
                    (false, true) => "runAndWait",
                    (false, false) => "run_and_wait",
                };
                line.when(awaits && !self.rust(), L::await_kw)
                    .id("helpers")
                    .p(".")
                    .func(run)
                    .p("(")
                    .id(name)
                    .p(", ")
                    .id("order")
                    .p(")")
                    .when(awaits && self.rust(), L::awaited)
                    .p(end)
            }
        }
    }

    /// The start of `await Promise.all([` and its twins. A method, not a
    /// closure in `join_all`: rustc 1.95 at opt-level 2 and 3 miscompiles a
    /// closure called twice with `L::at(depth)` (a fresh, empty `Vec`): MIR
    /// GVN passes the first call's already-moved argument to the second, so
    /// both push into one buffer and free it twice (rust-lang/rust#155241;
    /// a 40-line reproduction aborts on 1.95, runs on nightly 1.97). The
    /// browser build (opt-level z) does not apply that rewrite.
    fn opening(&self, line: L) -> L {
        match self.lang {
            Language::JavaScript => javascript::join_opening(line),
            Language::Rust => rust::join_opening(line),
            Language::Python => python::join_opening(line),
        }
    }

    /// `await Promise.all([...])` and its twins over the I/O steps, on one
    /// line if it fits in [`MAX_COLUMNS`], else one step per line.
    fn join_all(&mut self, depth: usize) {
        let io: Vec<(u8, PlanStep)> = self
            .plan
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_io())
            .map(|(pos, &s)| (pos.min(u8::MAX as usize) as u8, s))
            .collect();
        if io.is_empty() {
            return;
        }
        let lost = (!self.handled).then_some(CodePoint::Lost);
        let closing = match self.lang {
            Language::JavaScript => javascript::JOIN_CLOSING,
            Language::Rust => rust::JOIN_CLOSING,
            Language::Python => python::JOIN_CLOSING,
        };
        // One line?
        let mut one = self.opening(L::at(depth));
        for (i, &(_, step)) in io.iter().enumerate() {
            if i > 0 {
                one = one.p(", ");
            }
            one = self.io_call(one, step);
        }
        let one = one.p(closing);
        if one.width(self.lang) <= MAX_COLUMNS {
            let points = io
                .iter()
                .flat_map(|&(pos, _)| [CodePoint::Call(pos), CodePoint::Await(pos)]);
            let line = one
                .at_points([CodePoint::AwaitAll])
                .at_points(points)
                .at_points(lost);
            self.push(line);
            return;
        }
        let first = self
            .opening(L::at(depth))
            .at_points([CodePoint::AwaitAll])
            .at_points(lost);
        self.push(first);
        for &(pos, step) in &io {
            let line = self.io_call(L::at(depth + 1), step).p(",");
            self.push(line.at_points([CodePoint::Call(pos), CodePoint::Await(pos)]));
        }
        self.push(L::at(depth).p(closing));
    }

    // ---------------------------------------------------------- callbacks --

    /// The pyramid: every machine step's continuation is a callback one
    /// level deeper than the call that registers it.
    pub(super) fn callbacks(&mut self) {
        self.header(false);
        self.take_order(1);
        let cpu_arg = if self.rust() { Arg::Ref } else { Arg::Plain };
        let mut depth = 1;
        // What closes each level, innermost last: `});` in JavaScript and
        // Rust, the call that registers the callback in Python.
        let mut closers: Vec<L> = Vec::new();
        for (pos, &step) in self.plan.iter().enumerate() {
            let pos8 = pos.min(u8::MAX as usize) as u8;
            let k = kind(step);
            let name = self.step_fn(step.step);
            if k == Kind::Cpu {
                let line = self.stmt(depth, name, cpu_arg);
                self.push(line.at_points([CodePoint::Cpu(pos8)]));
                continue;
            }
            let mut waits = vec![CodePoint::Call(pos8), CodePoint::Await(pos8)];
            if self.cached(step) {
                // A hit: the barista answers from the cache.
                waits.push(CodePoint::Cpu(pos8));
            }
            let call = self.callback_call(L::at(depth), step, k);
            // Python defines the callback first (`def on_paid(err):`, written
            // here: as a function of python.rs it made the WebAssembly
            // larger) and registers it after its body; JavaScript and Rust
            // pass it inline, closed by `});`.
            match self.lang {
                Language::Python => {
                    let callback = python::callback_name(step.step);
                    let def = L::at(depth).kw("def").sp().func(callback);
                    self.push(def.p("(").id("err").p("):"));
                    let call = python::with_callback(call, callback);
                    closers.push(call.at_points(waits));
                }
                Language::Rust => {
                    let call = rust::with_callback(call);
                    self.push(call.at_points(waits));
                    closers.push(L::at(depth).p("});"));
                }
                Language::JavaScript => {
                    let call = javascript::with_callback(call);
                    self.push(call.at_points(waits));
                    closers.push(L::at(depth).p("});"));
                }
            }
            depth += 1;
            self.err_check(depth);
        }
        let serve = self.stmt(depth, self.name(Name::Serve), cpu_arg);
        self.push(serve.at_points([CodePoint::Done]));
        while let Some(closer) = closers.pop() {
            self.push(closer);
        }
        self.close(0);
    }

    /// A call taking a callback, up to the order: `pay(`, for a step handed
    /// to a helper `helpers.run(handPour, `, for a cached lookup
    /// `cache.fetch(lookupPrice, ` (the cache, or the lookup on a miss), for a
    /// payment through the breaker `breaker.call(pay, ` (JavaScript's is in
    /// `javascript.rs`).
    fn callback_call(&self, line: L, step: PlanStep, k: Kind) -> L {
        let name = self.step_fn(step.step);
        let (object, method) = match k {
            Kind::Helper => ("helpers", "run"),
            _ if self.cached(step) => ("cache", "fetch"),
            _ if self.guarded(step) && self.js() => {
                return javascript::breaker_callback_call(line);
            }
            _ if self.guarded(step) => ("breaker", "call"),
            _ => return line.func(name).p("("),
        };
        line.id(object).p(".").func(method).p("(").id(name).p(", ")
    }

    /// The first line of a callback: hand out a cookie, or (unchecked) drop
    /// the error and stop.
    fn err_check(&mut self, depth: usize) {
        let line = match self.lang {
            Language::JavaScript => javascript::err_check(depth),
            Language::Python => python::err_check(depth),
            Language::Rust => rust::err_check(depth),
        };
        let line = if self.handled {
            let (arg, end) = if self.rust() {
                (Arg::Ref, rust::ERR_CHECK_END)
            } else {
                (Arg::Plain, self.end())
            };
            let line = self.call(line.sp(), self.name(Name::Cookie), arg);
            line.p(end).at_points([CodePoint::Catch])
        } else {
            let (end, comment) = match self.lang {
                Language::JavaScript => javascript::ERROR_DROPPED,
                Language::Rust => rust::ERROR_DROPPED,
                Language::Python => python::ERROR_DROPPED,
            };
            line.p(end).com(comment).at_points([CodePoint::Lost])
        };
        self.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::trace::{Rejection, What};
    use crate::engine::{Drink, Instance, Outcome, Scenario, SimTime, simulate, snapshot_at};
    use crate::listing::fixtures::{
        UNHANDLED, latte, latte_with_lookup, offloaded_pour_over, plan_of, scenario_of,
    };
    use crate::listing::{ErrorHandling, Listing, Tok, line_of, listing, listing_with};
    use std::collections::BTreeSet;

    #[test]
    fn unhandled_errors_change_the_code_and_where_an_error_ends_up() {
        let plan = latte();
        let callbacks_js = listing(Strategy::Callbacks, Language::JavaScript, &plan, UNHANDLED);
        assert_eq!(
            callbacks_js.lines[3].code(),
            "if (err) return; // error dropped: order lost"
        );
        assert_eq!(line_of(&callbacks_js, CodePoint::Lost), Some(3));
        assert_eq!(line_of(&callbacks_js, CodePoint::Catch), None);
        let await_js = listing(Strategy::Await, Language::JavaScript, &plan, UNHANDLED);
        assert_eq!(
            await_js.text(),
            "\
async function handleOrder(order) {
  takeOrder(order);
  await pay(order);
  await grind(order);
  await steam(order);
  assemble(order);
  serve(order);
}
"
        );
        assert_eq!(
            line_of(&await_js, CodePoint::Lost),
            Some(2),
            "the first call that can throw"
        );
        assert_eq!(line_of(&await_js, CodePoint::Catch), None);
        let join_rust = listing(Strategy::Join, Language::Rust, &plan, UNHANDLED);
        assert_eq!(
            join_rust.text(),
            "\
async fn handle_order(order: &Order) -> Result<(), Error> {
    take_order(order);
    futures::try_join!(pay(order), grind(order), steam(order))?;
    assemble(order);
    serve(order);
    Ok(())
}
"
        );
        assert_eq!(line_of(&join_rust, CodePoint::Lost), Some(2));
        let handled = listing(
            Strategy::Join,
            Language::Rust,
            &plan,
            ErrorHandling::default(),
        );
        assert_eq!(line_of(&handled, CodePoint::Lost), None);
        assert_eq!(line_of(&handled, CodePoint::Catch), Some(4));
    }

    #[test]
    fn each_strategy_listens_to_its_own_error_flag() {
        let plan = latte();
        let only_check_err = ErrorHandling {
            check_err: true,
            try_catch: false,
        };
        let only_try_catch = ErrorHandling {
            check_err: false,
            try_catch: true,
        };
        for language in Language::ALL {
            for strategy in Strategy::ALL {
                let text = |e| listing(strategy, language, &plan, e).text();
                let all = text(ErrorHandling::default());
                assert_ne!(all, text(UNHANDLED), "{strategy:?} {language:?}");
                if strategy == Strategy::Callbacks {
                    assert_eq!(all, text(only_check_err), "{language:?}");
                    assert_ne!(all, text(only_try_catch), "{language:?}");
                } else {
                    assert_eq!(all, text(only_try_catch), "{strategy:?} {language:?}");
                    assert_ne!(all, text(only_check_err), "{strategy:?} {language:?}");
                }
            }
        }
    }

    #[test]
    fn the_pyramid_grows_one_level_per_machine_step() {
        let mut odd = Scenario::default();
        odd.recipes[Drink::Latte.index()] = vec![
            StepId::Assemble,
            StepId::Pay,
            StepId::Pay,
            StepId::Steam,
            StepId::Heat,
        ];
        let plans = [
            latte(),
            plan_of(&Scenario::default(), Drink::PourOver),
            offloaded_pour_over(),
            plan_of(&odd, Drink::Latte),
        ];
        for plan in &plans {
            for language in Language::ALL {
                for errors in [ErrorHandling::default(), UNHANDLED] {
                    let l = listing(Strategy::Callbacks, language, plan, errors);
                    let mut level = 1;
                    for (pos, step) in plan.iter().enumerate() {
                        let point = if step.machine.is_some() {
                            CodePoint::Await(pos as u8)
                        } else {
                            CodePoint::Cpu(pos as u8)
                        };
                        let line = line_of(&l, point).unwrap();
                        assert_eq!(
                            l.lines[line].depth,
                            level,
                            "{language:?} {pos}\n{}",
                            l.text()
                        );
                        if step.machine.is_some() {
                            level += 1;
                        }
                    }
                    let served = line_of(&l, CodePoint::Done).unwrap();
                    assert_eq!(l.lines[served].depth, level, "{language:?}\n{}", l.text());
                    assert_eq!(
                        l.lines.iter().map(|x| x.depth).max(),
                        Some(level),
                        "served at the top of the pyramid"
                    );
                }
            }
        }
    }

    #[test]
    fn helpers_run_offloaded_steps_and_long_joins_break_over_lines() {
        let plan = offloaded_pour_over();
        let js = listing(
            Strategy::Join,
            Language::JavaScript,
            &plan,
            ErrorHandling::default(),
        );
        let pour = line_of(&js, CodePoint::Await(3)).unwrap();
        assert_eq!(js.lines[pour].code(), "await helpers.run(handPour, order);");
        assert_eq!(line_of(&js, CodePoint::Call(3)), Some(pour));
        let all = line_of(&js, CodePoint::AwaitAll).unwrap();
        assert!(all < pour, "Promise.all first, then the CPU steps");
        let blocking = listing(Strategy::Blocking, Language::Rust, &plan, UNHANDLED);
        let pour = line_of(&blocking, CodePoint::Blocked(3)).unwrap();
        assert_eq!(
            blocking.lines[pour].code(),
            "helpers.run_and_wait(hand_pour, order);"
        );

        let mut long = Scenario::default();
        long.recipes[Drink::Latte.index()] = vec![
            StepId::Pay,
            StepId::Grind,
            StepId::Steam,
            StepId::Heat,
            StepId::Assemble,
        ];
        let plan = plan_of(&long, Drink::Latte);
        for language in Language::ALL {
            let l = listing(Strategy::Join, language, &plan, ErrorHandling::default());
            let calls: BTreeSet<usize> = (0..4)
                .map(|pos| line_of(&l, CodePoint::Call(pos)).unwrap())
                .collect();
            assert_eq!(calls.len(), 4, "one line per step:\n{}", l.text());
            let all = line_of(&l, CodePoint::AwaitAll).unwrap();
            assert_eq!(calls.first(), Some(&(all + 1)));
            for line in &l.lines[all..all + 6] {
                assert!(
                    l.indent(line).len() + line.code().len() <= MAX_COLUMNS,
                    "{}",
                    l.text()
                );
            }
        }
    }

    #[test]
    fn empty_and_cpu_only_plans_still_make_a_handler() {
        let cpu_only = [PlanStep {
            step: StepId::Assemble,
            machine: None,
        }];
        for strategy in Strategy::ALL {
            for language in Language::ALL {
                for plan in [&[][..], &cpu_only[..]] {
                    let l = listing(strategy, language, plan, UNHANDLED);
                    assert_eq!(line_of(&l, CodePoint::NotStarted), Some(0));
                    assert!(line_of(&l, CodePoint::Done).is_some());
                    assert_eq!(line_of(&l, CodePoint::AwaitAll), None);
                }
            }
        }
    }

    #[test]
    fn tokens_know_what_they_are() {
        let classes = |strategy, language, errors, line: usize| -> Vec<(Tok, &str)> {
            listing(strategy, language, &latte(), errors).lines[line]
                .tokens
                .iter()
                .filter(|t| !t.text.trim().is_empty())
                .map(|t| (t.tok, t.text.trim()))
                .collect()
        };
        use Tok::*;
        let all = ErrorHandling::default();
        assert_eq!(
            classes(Strategy::Join, Language::JavaScript, all, 3),
            [
                (Keyword, "await"),
                (Type, "Promise"),
                (Punct, "."),
                (Function, "all"),
                (Punct, "(["),
                (Function, "pay"),
                (Punct, "("),
                (Plain, "order"),
                (Punct, ")"),
                (Punct, ","),
                (Function, "grind"),
                (Punct, "("),
                (Plain, "order"),
                (Punct, ")"),
                (Punct, ","),
                (Function, "steam"),
                (Punct, "("),
                (Plain, "order"),
                (Punct, ")"),
                (Punct, "]);"),
            ]
        );
        assert_eq!(
            classes(Strategy::Callbacks, Language::Python, UNHANDLED, 3),
            [
                (Keyword, "if"),
                (Plain, "err"),
                (Punct, ":"),
                (Keyword, "return"),
                (Comment, "# error dropped: order lost"),
            ]
        );
        assert_eq!(
            classes(Strategy::Await, Language::Rust, all, 0),
            [
                (Keyword, "async"),
                (Keyword, "fn"),
                (Function, "handle_order"),
                (Punct, "("),
                (Plain, "order"),
                (Punct, ":"),
                (Punct, "&"),
                (Type, "Order"),
                (Punct, ")"),
                (Punct, "{"),
            ]
        );
    }

    /// Every code point the engine gives an order, at every event and between
    /// events, in scenarios with failures (handled or not) and helpers.
    #[test]
    fn every_code_point_an_order_reaches_has_a_fitting_line() {
        let flaky = |check_err, try_catch| {
            let mut s = Scenario {
                customers: 12,
                check_err,
                try_catch,
                seed: 3,
                ..Scenario::default()
            };
            for step in [StepId::Pay, StepId::Grind, StepId::Steam, StepId::Heat] {
                s.step_fail[step.index()] = 0.25;
            }
            s
        };
        let mut helpers = Scenario {
            offload: true,
            ..Scenario::default()
        };
        helpers.capacity[MachineKind::Helper.index()] = 1;
        let seen = walk(&[
            Scenario::default(),
            flaky(true, true),
            flaky(false, false),
            helpers,
        ]);
        for expected in [
            "Blocking/Blocked(0)",
            "Blocking/Catch",
            "Blocking/Lost",
            "Callbacks/Await(2)",
            "Callbacks/Lost",
            "Callbacks/Catch",
            "Await/Lost",
            "Join/AwaitAll",
            "Join/Lost",
            "Join/Catch",
            "Join/Await(3)",
            "Await/Cpu(3)",
            "Callbacks/TakeOrder",
            "Join/Done",
            "Blocking/NotStarted",
        ] {
            assert!(seen.contains(expected), "never saw {expected}: {seen:?}");
        }
    }

    /// The same walk with the circuit breaker (payments timing out, then
    /// failing fast) and the menu cache (hits costing CPU, misses, failed
    /// lookups), errors handled or not, with helpers.
    #[test]
    fn every_code_point_with_the_breaker_and_the_cache_has_a_fitting_line() {
        let unhandled = [("check_err", "false"), ("try_catch", "false")];
        let hits = ("cache_hit_ms", "5");
        let seen = walk(&[
            scenario_of(&["breaker"], &[]),
            scenario_of(&["breaker"], &unhandled),
            // Drawn failures open the breaker in blocking code too.
            scenario_of(&["breaker"], &[("pay_fail", "0.3")]),
            scenario_of(&["cached-menu"], &[hits]),
            scenario_of(
                &["breaker", "cached-menu"],
                &[hits, ("lookup_fail", "0.2"), unhandled[0], unhandled[1]],
            ),
            scenario_of(
                &["black-friday"],
                &[
                    ("customers", "40"),
                    ("cache", "true"),
                    ("cache_hit_ms", "2"),
                    ("offload", "true"),
                    ("helpers", "1"),
                ],
            ),
        ]);
        for strategy in Strategy::ALL {
            for point in ["Cpu(0)", "Catch", "Lost", "Done"] {
                let expected = format!("{strategy:?}/{point}");
                assert!(seen.contains(&expected), "never saw {expected}: {seen:?}");
            }
        }
        for expected in [
            "Blocking/Blocked(1)",
            "Callbacks/Await(0)",
            "Callbacks/Await(1)",
            "Await/Await(0)",
            "Await/Await(1)",
            "Join/Await(0)",
            "Join/AwaitAll",
        ] {
            assert!(seen.contains(expected), "never saw {expected}: {seen:?}");
        }
    }

    /// Walks every order of `scenarios` through time under every strategy,
    /// checking that each code point it reaches has a fitting line in every
    /// language; returns the `strategy/point` pairs seen.
    fn walk(scenarios: &[Scenario]) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        for scenario in scenarios {
            let inst = Instance::new(scenario);
            let errors = ErrorHandling::of(scenario);
            let mechanisms = Mechanisms::of(scenario);
            for strategy in Strategy::ALL {
                let trace = simulate(&inst, strategy);
                let mut times: Vec<SimTime> = trace.events.iter().map(|e| e.t).collect();
                times.extend(
                    trace
                        .events
                        .windows(2)
                        .map(|w| SimTime((w[0].t.0 + w[1].t.0) / 2)),
                );
                times.push(trace.end + SimTime::from_ms(1.0));
                // Each drink's listings, and the points already checked.
                let listings: Vec<Vec<Listing>> = inst
                    .plans
                    .iter()
                    .map(|plan| {
                        Language::ALL
                            .iter()
                            .map(|&lang| listing_with(strategy, lang, plan, errors, mechanisms))
                            .collect()
                    })
                    .collect();
                let mut checked = BTreeSet::new();
                for t in times {
                    let snap = snapshot_at(&inst, &trace, t);
                    for (o, view) in snap.orders.iter().enumerate() {
                        let drink = inst.orders[o].drink.index();
                        if !checked.insert(format!("{drink}/{:?}", view.code)) {
                            continue;
                        }
                        let plan = inst.plan(o);
                        for (l, language) in listings[drink].iter().zip(Language::ALL) {
                            let line = line_of(l, view.code).unwrap_or_else(|| {
                                panic!(
                                    "{strategy:?} {language:?}: no line for {:?}\n{}",
                                    view.code,
                                    l.text()
                                )
                            });
                            check_fits(l, line, view.code, plan, language);
                        }
                        seen.insert(format!("{:?}/{:?}", strategy, view.code));
                    }
                }
            }
        }
        seen
    }

    /// The line found for `point` says what the point is about.
    fn check_fits(
        l: &Listing,
        line: usize,
        point: CodePoint,
        plan: &[PlanStep],
        language: Language,
    ) {
        let code = l.lines[line].code();
        let name = |step: StepId| {
            let g = Gen {
                lang: language,
                strategy: Strategy::Blocking,
                plan,
                handled: true,
                mechanisms: Mechanisms::NONE,
                lines: Vec::new(),
            };
            g.step_fn(step)
        };
        // A step's call, or the cache or breaker standing in for it.
        let calls = |step: PlanStep| {
            code.contains(name(step.step))
                || (step.is_lookup() && code.contains("cache."))
                || (step.machine == Some(MachineKind::Reader) && code.contains("breaker."))
        };
        let ok = match point {
            CodePoint::NotStarted => line == 0,
            CodePoint::TakeOrder => code.contains("ake_order") || code.contains("takeOrder"),
            CodePoint::Call(p)
            | CodePoint::Await(p)
            | CodePoint::Blocked(p)
            | CodePoint::Cpu(p) => calls(plan[p as usize]),
            CodePoint::AwaitAll => {
                code.contains("Promise.all")
                    || code.contains("try_join!")
                    || code.contains("gather")
            }
            CodePoint::Catch => code.contains("ookie"),
            CodePoint::Done => code.contains("serve"),
            CodePoint::Lost => {
                code.contains("dropped")
                    || code.contains("Promise.all")
                    || code.contains("try_join!")
                    || code.contains("gather")
                    || plan.iter().any(|&s| kind(s) == Kind::Io && calls(s))
            }
        };
        assert!(ok, "{point:?} → line {line} `{code}`\n{}", l.text());
    }

    #[test]
    fn join_awaits_the_price_lookup_before_promise_all() {
        let s = Scenario {
            recipes: [
                vec![StepId::Lookup, StepId::Pay, StepId::Grind, StepId::Assemble],
                Drink::PourOver.default_recipe(),
            ],
            ..Scenario::default()
        };
        let plan = plan_of(&s, Drink::Latte);
        let l = listing(
            Strategy::Join,
            Language::JavaScript,
            &plan,
            ErrorHandling::default(),
        );
        let text = l.text();
        let lookup = text.find("await lookupPrice(order);").unwrap();
        let all = text
            .find("await Promise.all([pay(order), grind(order)]);")
            .unwrap();
        assert!(lookup < all, "{text}");
        assert!(line_of(&l, CodePoint::Await(0)).is_some());
        let cb = listing(
            Strategy::Callbacks,
            Language::Python,
            &plan,
            ErrorHandling::default(),
        );
        assert!(cb.text().contains("on_priced"), "{}", cb.text());
    }

    #[test]
    fn each_mechanism_only_changes_its_own_steps() {
        let with_lookup = latte_with_lookup();
        let cache_only = Mechanisms {
            cache: true,
            ..Mechanisms::NONE
        };
        let breaker_only = Mechanisms {
            breaker: true,
            ..Mechanisms::NONE
        };
        for strategy in Strategy::ALL {
            for language in Language::ALL {
                for errors in [ErrorHandling::default(), UNHANDLED] {
                    let plain = |plan: &[PlanStep]| listing(strategy, language, plan, errors);
                    let with =
                        |plan: &[PlanStep], m| listing_with(strategy, language, plan, errors, m);
                    // Nothing to cache without a lookup.
                    assert_eq!(with(&latte(), cache_only), plain(&latte()));
                    assert_eq!(with(&with_lookup, Mechanisms::NONE), plain(&with_lookup));
                    for (m, word, replaced) in [
                        (breaker_only, "breaker.", &["pay("][..]),
                        (cache_only, "cache.", &["lookupPrice(", "lookup_price("]),
                    ] {
                        let got = with(&with_lookup, m);
                        let base = plain(&with_lookup);
                        let changed: Vec<String> = got
                            .lines
                            .iter()
                            .filter(|l| !base.lines.contains(l))
                            .map(Line::code)
                            .collect();
                        assert!(!changed.is_empty(), "{}", got.text());
                        assert!(
                            changed.iter().any(|c| c.contains(word)),
                            "{strategy:?} {language:?}\n{}",
                            got.text()
                        );
                        assert!(
                            base.lines
                                .iter()
                                .filter(|l| !got.lines.contains(l))
                                .all(|l| replaced.iter().any(|r| l.code().contains(r))),
                            "only the {replaced:?} lines changed:\n{}",
                            got.text()
                        );
                    }
                }
            }
        }
    }

    /// A hit is the barista's CPU on the lookup's position; a payment the
    /// breaker fails (fast or by timeout) goes on to the cookie, or is
    /// lost. Each has its line, in every strategy and language.
    #[test]
    fn a_cache_hit_and_a_breaker_failure_have_their_lines() {
        for errors in [
            [("check_err", "true"), ("try_catch", "true")],
            [("check_err", "false"), ("try_catch", "false")],
        ] {
            // Drawn failures open the breaker in blocking code too.
            let mut extra = vec![("cache_hit_ms", "5"), ("pay_fail", "0.6")];
            extra.extend(errors);
            let scenario = scenario_of(&["breaker", "cached-menu"], &extra);
            let handling = ErrorHandling::of(&scenario);
            let inst = Instance::new(&scenario);
            for strategy in Strategy::ALL {
                let trace = simulate(&inst, strategy);
                let hit = trace.events.iter().find_map(|e| match e.what {
                    What::Cache {
                        order, hit: true, ..
                    } => Some((e.t, order as usize)),
                    _ => None,
                });
                let (t, o) = hit.expect("a hit");
                let at = |o: usize, t: SimTime| snapshot_at(&inst, &trace, t).orders[o].code;
                assert_eq!(at(o, t + SimTime::from_ms(1.0)), CodePoint::Cpu(0));
                let mut failures = 0;
                for cause in [Rejection::FastFail, Rejection::TimedOut] {
                    let failed = trace.events.iter().find_map(|e| match e.what {
                        What::Reject {
                            order, cause: c, ..
                        } if c == cause => Some((e.t, order as usize)),
                        _ => None,
                    });
                    let Some((t, o)) = failed else {
                        assert!(
                            strategy == Strategy::Blocking && cause == Rejection::TimedOut,
                            "{strategy:?} {cause:?}: blocking code cannot time out; the others do"
                        );
                        continue;
                    };
                    failures += 1;
                    let record = trace.orders[o];
                    let end = if handling.handled(strategy) {
                        assert_eq!(record.outcome, Outcome::Cookie);
                        CodePoint::Catch
                    } else {
                        assert_eq!(record.outcome, Outcome::Lost);
                        CodePoint::Lost
                    };
                    assert_eq!(at(o, record.ended + SimTime::from_ms(1.0)), end);
                    let mut points: Vec<CodePoint> = trace
                        .events
                        .iter()
                        .filter(|e| e.t >= t && e.t <= record.ended)
                        .map(|e| at(o, e.t))
                        .collect();
                    points.push(end);
                    for language in Language::ALL {
                        let l = listing_with(
                            strategy,
                            language,
                            inst.plan(o),
                            handling,
                            Mechanisms::of(&scenario),
                        );
                        let hit_line = line_of(&l, CodePoint::Cpu(0)).unwrap();
                        assert!(l.lines[hit_line].code().contains("cache."), "{}", l.text());
                        let pay = line_of(&l, CodePoint::Call(1)).unwrap();
                        assert!(l.lines[pay].code().contains("breaker."), "{}", l.text());
                        for &point in &points {
                            let line = line_of(&l, point).unwrap_or_else(|| {
                                panic!("{strategy:?} {language:?} {point:?}\n{}", l.text())
                            });
                            check_fits(&l, line, point, inst.plan(o), language);
                        }
                    }
                }
                assert!(failures > 0, "{strategy:?}");
            }
        }
    }
}
