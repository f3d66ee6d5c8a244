//! A program written out as a handler's JavaScript: the inverse of lowering
//! (`program(&write(p)) == p`) for every program whose `try` can be written
//! (the calls that can fail are handled from some point of a function to
//! its end, or not at all). The editor's starting texts are the four
//! strategies written this way, one text for every drink ([`starter`]).

use crate::flow::{Call, Part, Program, Via, Wait};
use crate::scenario::{Drink, Instance, PlanStep};
use crate::strategy::Strategy;
use std::fmt::Write as _;

/// Longest line before `Promise.all([...])` puts one branch per line.
const MAX_COLUMNS: usize = 72;

/// `program` as the text of `handleOrder`, or `None` when its handling
/// cannot be written with `try` (a handled call before an unhandled one in
/// the same function).
pub fn write(program: &Program) -> Option<String> {
    let mut out = Writer::default();
    let is_async = scope_is_async(&program.parts);
    out.line(
        0,
        if is_async {
            "async function handleOrder(order) {"
        } else {
            "function handleOrder(order) {"
        },
    );
    out.scope(&program.parts, 1, true)?;
    out.line(0, "}");
    Some(out.text)
}

/// The built-in `strategy` written once for every drink of `instance`: its
/// program over all the steps of both recipes (a step a drink does not
/// have returns at once), with the café's error handling and mechanisms.
/// What the editor starts from.
pub fn starter(strategy: Strategy, instance: &Instance) -> String {
    let s = &instance.scenario;
    let ordered: Vec<&[PlanStep]> = Drink::ALL
        .iter()
        .filter(|d| instance.orders.iter().any(|o| o.drink == **d))
        .map(|d| instance.plans[d.index()].as_slice())
        .collect();
    let plan = match ordered.as_slice() {
        [one] => one.to_vec(),
        [a, b] => merge(a, b),
        _ => instance.plans[0].clone(),
    };
    let handled = match strategy {
        Strategy::Callbacks => s.check_err,
        _ => s.try_catch,
    };
    let program = Program::builtin(strategy, &plan, handled, s.breaker.on, s.cache.on);
    // A built-in program handles all of its calls or none: always written.
    write(&program).unwrap_or_default()
}

/// The shortest plan that has both `a` and `b` in order (their shortest
/// common supersequence): the steps the two drinks share once, each
/// drink's own where its recipe has them.
fn merge(a: &[PlanStep], b: &[PlanStep]) -> Vec<PlanStep> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n && j < m {
        if a[i] == b[j] {
            out.push(a[i]);
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Whether the function holding `parts` (up to its first callback, whose
/// body is a function of its own) awaits anything.
fn scope_is_async(parts: &[Part]) -> bool {
    for part in parts {
        match part {
            Part::All { .. } => return true,
            Part::Call(c) if c.wait == Wait::Await => return true,
            Part::Call(c) if c.wait == Wait::Callback => return false,
            Part::Call(_) => {}
        }
    }
    false
}

/// Whether a failure can happen here and is handled by a `try` (a
/// callback's own check is not a `try`).
fn tried(part: &Part) -> Option<bool> {
    match part {
        Part::All { handled, .. } => Some(*handled),
        Part::Call(c) if c.wait == Wait::Callback => None,
        Part::Call(c) if c.step.machine().is_some() => Some(c.handled),
        Part::Call(_) => None,
    }
}

#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    fn line(&mut self, depth: usize, code: &str) {
        let _ = writeln!(self.text, "{}{code}", "  ".repeat(depth));
    }

    /// The statements of one function: its parts up to the first callback
    /// (whose body holds the rest), `try` around those from the first
    /// handled one on, `takeOrder` first in the handler and `serve` last.
    fn scope(&mut self, parts: &[Part], depth: usize, first: bool) -> Option<()> {
        let cut = parts
            .iter()
            .position(|p| matches!(p, Part::Call(c) if c.wait == Wait::Callback))
            .map_or(parts.len(), |i| i + 1);
        let (here, rest) = parts.split_at(cut);
        let flags: Vec<(usize, bool)> = here
            .iter()
            .enumerate()
            .filter_map(|(i, p)| tried(p).map(|t| (i, t)))
            .collect();
        let from = flags.iter().find(|(_, t)| *t).map(|(i, _)| *i);
        if let Some(from) = from
            && flags.iter().any(|&(i, t)| i >= from && !t)
        {
            return None; // Handled, then not: no `try` says that.
        }
        // The `try` opens at the top when everything that can fail is in it.
        let opens = from.map(|f| if flags.iter().all(|(_, t)| *t) { 0 } else { f });
        let mut d = depth;
        if first && opens != Some(0) {
            self.line(d, "takeOrder(order);");
        }
        for (i, part) in here.iter().enumerate() {
            if opens == Some(i) {
                self.line(d, "try {");
                d += 1;
                if first && i == 0 {
                    self.line(d, "takeOrder(order);");
                }
            }
            match part {
                Part::Call(c) if c.wait == Wait::Callback => {
                    self.callback(c, rest, d)?;
                }
                Part::Call(c) => self.line(d, &statement(c)),
                Part::All { branches, .. } => self.all(branches, d),
            }
        }
        if rest.is_empty()
            && !here
                .iter()
                .any(|p| matches!(p, Part::Call(c) if c.wait == Wait::Callback))
        {
            self.line(d, "serve(order);");
        }
        if opens.is_some() {
            self.line(depth, "} catch (err) {");
            self.line(depth + 1, "offerFreeCookie(order);");
            self.line(depth, "}");
        }
        Some(())
    }

    /// A call with an error-first callback holding the rest of the handler.
    fn callback(&mut self, c: &Call, rest: &[Part], depth: usize) -> Option<()> {
        let head = match c.via {
            Via::Cache => "cache.fetch(lookupPrice, order, ".to_owned(),
            Via::Helper => format!("helpers.run({}, order, ", c.step.function()),
            Via::Breaker => "breaker.fire(order, ".to_owned(),
            Via::Direct => format!("{}(order, ", c.step.function()),
        };
        let arrow = if scope_is_async(rest) {
            "async (err) => {"
        } else {
            "(err) => {"
        };
        self.line(depth, &format!("{head}{arrow}"));
        self.line(
            depth + 1,
            if c.handled {
                "if (err) return offerFreeCookie(order);"
            } else {
                "if (err) return;"
            },
        );
        self.scope(rest, depth + 1, false)?;
        self.line(depth, "});");
        Some(())
    }

    /// `await Promise.all([...])`, on one line when it fits.
    fn all(&mut self, branches: &[Vec<Call>], depth: usize) {
        let items: Vec<String> = branches.iter().map(|b| branch(b)).collect();
        let one = format!("await Promise.all([{}]);", items.join(", "));
        if one.len() + 2 * depth <= MAX_COLUMNS {
            self.line(depth, &one);
            return;
        }
        self.line(depth, "await Promise.all([");
        for item in &items {
            self.line(depth + 1, &format!("{item},"));
        }
        self.line(depth, "]);");
    }
}

/// A call's expression, without waiting.
fn expression(c: &Call) -> String {
    let f = c.step.function();
    match (c.via, c.wait) {
        (Via::Cache, Wait::Await) => {
            "cache.get(order.drink) ?? await lookupPrice(order)".to_owned()
        }
        (Via::Cache, _) => "cache.get(order.drink) ?? lookupPrice(order)".to_owned(),
        (Via::Helper, Wait::Block) => format!("helpers.runAndWait({f}, order)"),
        (Via::Helper, _) => format!("helpers.run({f}, order)"),
        (Via::Breaker, _) => "breaker.fire(order)".to_owned(),
        (Via::Direct, _) => format!("{f}(order)"),
    }
}

/// A call as a statement of its own.
fn statement(c: &Call) -> String {
    let e = expression(c);
    match (c.via, c.wait) {
        (Via::Cache, _) => format!("const price = {e};"),
        (_, Wait::Await) => format!("await {e};"),
        _ => format!("{e};"),
    }
}

/// One element of `Promise.all([...])`: a call as it is, or an `async`
/// function run at once for a sequence.
fn branch(calls: &[Call]) -> String {
    match calls {
        [one] if one.wait != Wait::Await => expression(one),
        _ => {
            let body: Vec<String> = calls.iter().map(statement).collect();
            format!("(async () => {{ {} }})()", body.join(" "))
        }
    }
}
