//! `await Promise.all([...])` and its twins (`futures::try_join!`,
//! `asyncio.gather`) over a join's branches: a branch is one call as it is,
//! or a sequence — an `async` function run at once in JavaScript
//! (`(async () => { await grind(order); await steam(order); })()`), an
//! `async` block in Rust, a coroutine defined just before in Python
//! (`async def grind_then_steam():`). On one line when it fits in
//! [`MAX_COLUMNS`], else one branch per line.

use super::MAX_COLUMNS;
use super::builder::L;
use super::handler::{Gen, Kind, Site};
use super::model::Language;
use super::{javascript, python, rust};
use crate::engine::flow::Wait;
use crate::engine::snapshot::CodePoint;

/// Whether a branch is written as a sequence (an `async` function or
/// block, a coroutine) rather than a call as it is.
fn sequence(lang: Language, branch: &[Site]) -> bool {
    match branch {
        // Rust reads the cache in a `match`: a block of its own.
        [one] if one.call.wait != Wait::Await => lang == Language::Rust && one.cached(),
        _ => true,
    }
}

/// The code points of a call inside a join.
fn points(site: Site) -> Vec<CodePoint> {
    match site.kind() {
        Kind::Cpu => vec![CodePoint::Cpu(site.pos)],
        _ if site.cached() => vec![
            CodePoint::Call(site.pos),
            CodePoint::Await(site.pos),
            CodePoint::Cpu(site.pos),
        ],
        _ => vec![CodePoint::Call(site.pos), CodePoint::Await(site.pos)],
    }
}

impl Gen {
    /// `await Promise.all([...])` and its twins over `branches`, on one
    /// line if it fits in [`MAX_COLUMNS`], else one branch per line. In a
    /// Rust callback (`checked`), the join's error is checked where it is
    /// (`let Ok(_) = futures::try_join!(…) else { return … };`).
    pub(super) fn join_all(
        &mut self,
        depth: usize,
        branches: &[Vec<Site>],
        handled: bool,
        checked: bool,
    ) {
        if branches.is_empty() {
            return;
        }
        if self.python() {
            for branch in branches {
                if sequence(self.lang, branch) {
                    self.coroutine(depth, branch);
                }
            }
        }
        let lost = (!handled).then_some(CodePoint::Lost);
        // One line?
        let mut one = self.opening(L::at(depth), checked);
        for (i, branch) in branches.iter().enumerate() {
            if i > 0 {
                one = one.p(", ");
            }
            one = self.element(one, branch);
        }
        let one = self.closing(one, handled, checked);
        if one.width(self.lang) <= MAX_COLUMNS {
            let points = branches.iter().flatten().flat_map(|&s| points(s));
            let line = one
                .at_points([CodePoint::AwaitAll])
                .at_points(points)
                .at_points(lost);
            self.push(line);
            return;
        }
        let first = self
            .opening(L::at(depth), checked)
            .at_points([CodePoint::AwaitAll])
            .at_points(lost);
        self.push(first);
        for branch in branches {
            let line = self.element(L::at(depth + 1), branch).p(",");
            let points = branch.iter().flat_map(|&s| points(s));
            self.push(line.at_points(points));
        }
        let last = self.closing(L::at(depth), handled, checked);
        self.push(last);
    }

    /// The start of `await Promise.all([` and its twins. A method, not a
    /// closure in `join_all`: rustc 1.95 at opt-level 2 and 3 miscompiles a
    /// closure called twice with `L::at(depth)` (a fresh, empty `Vec`): MIR
    /// GVN passes the first call's already-moved argument to the second, so
    /// both push into one buffer and free it twice (rust-lang/rust#155241;
    /// a 40-line reproduction aborts on 1.95, runs on nightly 1.97). The
    /// browser build (opt-level z) does not apply that rewrite.
    fn opening(&self, line: L, checked: bool) -> L {
        match self.lang {
            Language::JavaScript => javascript::join_opening(line),
            Language::Rust if checked => rust::join_opening(rust::let_ok_any(line)),
            Language::Rust => rust::join_opening(line),
            Language::Python => python::join_opening(line),
        }
    }

    /// What closes the opening (a method for the same reason).
    fn closing(&self, line: L, handled: bool, checked: bool) -> L {
        match self.lang {
            Language::JavaScript => line.p(javascript::JOIN_CLOSING),
            Language::Rust if checked => {
                let line = line.p(")").sp().kw("else").p(" { ").kw("return");
                self.or_return(line, handled)
            }
            Language::Rust => line.p(rust::JOIN_CLOSING),
            Language::Python => line.p(python::JOIN_CLOSING),
        }
    }

    /// One element of the join, after `line`.
    fn element(&self, line: L, branch: &[Site]) -> L {
        if let [one] = branch
            && !sequence(self.lang, branch)
        {
            return self.joined(line, *one);
        }
        match self.lang {
            Language::JavaScript => {
                let mut line = line.p("(").kw("async").p(" () => {");
                for &site in branch {
                    line = self.statement(line.sp(), site);
                }
                line.p(" })()")
            }
            Language::Rust => {
                let mut line = line.kw("async").p(" {");
                for &site in branch {
                    line = self.statement(line.sp(), site);
                }
                line.sp().id("Ok").p("(()) }")
            }
            Language::Python => self.coroutine_name(line, branch).p("()"),
        }
    }

    /// A call joined as it is: `pay(order)`, `breaker.fire(order)`,
    /// `helpers.run(handPour, order)`, `cache.get(order.drink) ??
    /// lookupPrice(order)`.
    fn joined(&self, line: L, site: Site) -> L {
        let name = self.step_fn(site.call.step);
        match site.kind() {
            Kind::Helper => self.helper_call(line, site),
            _ if site.cached() => self.call(self.cache_or(line), name, self.arg()),
            Kind::Io => self.io_call(line, site),
            Kind::Cpu => self.call(line, name, self.arg()),
        }
    }

    /// A call of a sequence as a statement, after `line`: `await
    /// grind(order);`, `grind(order).await?;`, the cache read first.
    fn statement(&self, line: L, site: Site) -> L {
        let name = self.step_fn(site.call.step);
        let awaits = site.waits();
        if site.cached() {
            return match self.lang {
                Language::Rust => rust::cached_lookup_inline(self, line, name, awaits),
                _ => self.cache_line(line, name, awaits).p(self.end()),
            };
        }
        self.flat_step(line, site).p(self.rust_end(site))
    }

    /// Python: `async def grind_then_steam():` and its body, before the
    /// `asyncio.gather` that runs it.
    fn coroutine(&mut self, depth: usize, branch: &[Site]) {
        let def = L::at(depth).kw("async").sp().kw("def").sp();
        let def = self.coroutine_name(def, branch).p("():");
        self.push(def);
        for &site in branch {
            let line = self.statement(L::at(depth + 1), site);
            self.push(line.at_points(points(site)));
        }
    }

    /// The coroutine's name: its steps' functions, `_then_` between them.
    fn coroutine_name(&self, line: L, branch: &[Site]) -> L {
        let mut line = line;
        for (i, site) in branch.iter().enumerate() {
            if i > 0 {
                line = line.func("_then_");
            }
            line = line.func(self.step_fn(site.call.step));
        }
        line
    }
}
