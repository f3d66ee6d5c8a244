//! The learner's own handler on the page: its text parsed (never run as
//! JavaScript), fitted to the café's drinks and simulated on the same
//! customers as "Your code" ([`Strategy::Yours`]); or the first mistake
//! that stops it, with its line and column when it has one.

use super::Run;
use crate::engine::flow::{Flow, Program};
use crate::engine::handler::{self, shades};
use crate::engine::sim::simulate_flows;
use crate::engine::snapshot::CodePoint;
use crate::engine::{Instance, Strategy};
use std::fmt;

/// A handler that runs: its text, its program and its run.
#[derive(Clone, Debug)]
pub struct Yours {
    /// The text as typed.
    pub text: String,
    /// What the café runs.
    pub program: Program,
    /// The customers, with each drink's plan as the handler makes it.
    pub instance: Instance,
    /// Its run, as [`Strategy::Yours`].
    pub run: Run,
    /// Every name in the text with its line, in the text's order, read
    /// once ([`Yours::line_of`] is asked at every frame).
    names: Vec<(Box<str>, usize)>,
    /// The line of the text's first token: the handler's first line.
    first_line: Option<usize>,
}

/// Why a text does not run: where (when the mistake is at a place in the
/// text) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mistake {
    /// Line and column, from 1 (`None`: the handler as a whole, such as a
    /// step the drink needs and the handler never calls).
    pub at: Option<(usize, usize)>,
    /// What is wrong, and what to write instead.
    pub message: String,
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "line {line}, column {column}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl Yours {
    /// Parses `text`, fits it to the drinks `base`'s customers order and
    /// runs it on them; or says what stops it.
    pub fn new(base: &Instance, text: &str) -> Result<Yours, Mistake> {
        let (program, flows) = fit(base, text)?;
        let instance = base.running(&flows);
        let trace = simulate_flows(&instance, Strategy::Yours, &flows);
        let run = Run::from_trace(&instance, Strategy::Yours, trace);
        Ok(Yours::with_run(text, program, instance, run))
    }

    /// What stops `text` from running on `base`'s customers, if anything:
    /// [`Yours::new`] without the run (a parse and a fit, no simulation).
    pub fn check(base: &Instance, text: &str) -> Result<(), Mistake> {
        fit(base, text).map(drop)
    }

    /// [`Yours::new`] with its run made elsewhere (the page's back room
    /// simulates a big café's handler off the main thread).
    pub fn ran(base: &Instance, text: &str, run: Run) -> Result<Yours, Mistake> {
        let (program, flows) = fit(base, text)?;
        Ok(Yours::with_run(text, program, base.running(&flows), run))
    }

    /// The handler `text` (which lowers to `program`) with its run.
    fn with_run(text: &str, program: Program, instance: Instance, run: Run) -> Yours {
        let pieces = shades(text);
        let names = pieces
            .iter()
            .filter(|p| p.name)
            .map(|p| (text[p.start..p.end].into(), p.line))
            .collect();
        Yours {
            text: text.to_owned(),
            program,
            instance,
            run,
            names,
            first_line: pieces.first().map(|p| p.line),
        }
    }

    /// The line of the text (from 1) where order `order` is at `point`:
    /// the line that names the call it is in (its step, `takeOrder`,
    /// `Promise`, `offerFreeCookie`, `serve`); before the order starts,
    /// the handler's first line. `None` once it is lost.
    pub fn line_of(&self, order: usize, point: CodePoint) -> Option<usize> {
        let step = |pos: u8| self.instance.plan(order).get(pos as usize).map(|p| p.step);
        let names: [&str; 2] = match point {
            CodePoint::TakeOrder => ["takeOrder", "takeOrder"],
            CodePoint::Call(pos)
            | CodePoint::Blocked(pos)
            | CodePoint::Await(pos)
            | CodePoint::Cpu(pos) => {
                let step = step(pos)?;
                [step.function(), step.key()]
            }
            CodePoint::AwaitAll => ["Promise", "Promise"],
            CodePoint::Catch => ["offerFreeCookie", "offerFreeCookie"],
            CodePoint::Done => ["serve", "serve"],
            // Before it starts: the handler's first line, as in a listing.
            CodePoint::NotStarted => return self.first_line,
            CodePoint::Lost => return None,
        };
        self.names
            .iter()
            .find(|(name, _)| names.contains(&&**name))
            .map(|&(_, line)| line)
    }
}

/// `text` parsed and lowered, and its program fitted to each drink `base`'s
/// customers order.
fn fit(base: &Instance, text: &str) -> Result<(Program, [Flow; 2]), Mistake> {
    let program = handler::program(text).map_err(|e| Mistake {
        at: Some((e.line, e.column)),
        message: e.message,
    })?;
    let flows = Flow::for_instance(&program, base).map_err(|e| Mistake {
        at: None,
        message: e.message,
    })?;
    Ok((program, flows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::handler::starter;
    use crate::engine::{Scenario, snapshot_at};
    use crate::play::Runs;

    const PAY_FIRST: &str = "async function handleOrder(order) {
  takeOrder(order);
  await pay(order);
  await Promise.all([grind(order), steam(order), heatWater(order)]);
  handPour(order);
  assemble(order);
  serve(order);
}";

    #[test]
    fn a_starter_runs_like_its_strategy() {
        let runs = Runs::new(&Scenario::default());
        for s in Strategy::ALL {
            let text = starter(s, &runs.instance);
            let yours = Yours::new(&runs.instance, &text).unwrap();
            let built_in = runs.run(s);
            assert_eq!(
                yours.run.metrics.makespan_ms, built_in.metrics.makespan_ms,
                "{s:?}"
            );
            assert_eq!(yours.run.trace.orders, built_in.trace.orders, "{s:?}");
        }
    }

    #[test]
    fn paying_first_then_grinding_and_steaming_together_is_its_own_run() {
        let runs = Runs::new(&Scenario::default());
        let yours = Yours::new(&runs.instance, PAY_FIRST).unwrap();
        let (await_, join) = (runs.run(Strategy::Await), runs.run(Strategy::Join));
        let p50 = yours.run.metrics.latency.p50_ms;
        assert!(
            p50 < await_.metrics.latency.p50_ms,
            "faster than one at a time"
        );
        assert!(p50 > join.metrics.latency.p50_ms, "slower than all at once");
        let with = runs.with_yours(Some(std::sync::Arc::new(yours)));
        assert_eq!(with.run(Strategy::Yours).strategy, Strategy::Yours);
        assert_eq!(with.all().count(), 5);
        assert!(std::ptr::eq(
            with.instance_of(Strategy::Join),
            &*with.instance
        ));
    }

    #[test]
    fn mistakes_say_where_or_what_is_missing() {
        let runs = Runs::new(&Scenario::default());
        let broken = PAY_FIRST.replace("grind(order),", "grind(order)");
        let e = Yours::new(&runs.instance, &broken).unwrap_err();
        assert_eq!(e.at.map(|a| a.0), Some(4), "{e}");
        assert!(e.to_string().starts_with("line 4, column "), "{e}");
        let missing = PAY_FIRST.replace("grind(order), ", "");
        let e = Yours::new(&runs.instance, &missing).unwrap_err();
        assert_eq!(e.at, None);
        assert!(e.message.contains("grind"), "{e}");
    }

    #[test]
    fn check_and_ran_agree_with_new() {
        let runs = Runs::new(&Scenario::default());
        let broken = PAY_FIRST.replace("grind(order),", "grind(order)");
        let missing = PAY_FIRST.replace("grind(order), ", "");
        for text in [PAY_FIRST, &broken, &missing] {
            let new = Yours::new(&runs.instance, text);
            let check = Yours::check(&runs.instance, text);
            assert_eq!(check.err(), new.as_ref().err().cloned(), "{text}");
        }
        // The back room's run, sent as words and fitted here, is the run
        // made here.
        let made = Yours::new(&runs.instance, PAY_FIRST).unwrap();
        let sent = Run::from_words(&made.run.to_words()).unwrap();
        assert_eq!(sent, made.run);
        let ran = Yours::ran(&runs.instance, PAY_FIRST, sent).unwrap();
        assert_eq!(ran.run.digest, made.run.digest);
        assert_eq!(ran.program, made.program);
        assert_eq!(ran.instance.plans, made.instance.plans);
        assert_eq!(
            ran.line_of(0, CodePoint::Done),
            made.line_of(0, CodePoint::Done)
        );
        assert!(Yours::ran(&runs.instance, &missing, made.run).is_err());
    }

    #[test]
    fn the_followed_order_is_marked_on_the_line_that_calls_its_step() {
        let runs = Runs::new(&Scenario::default());
        let yours = Yours::new(&runs.instance, PAY_FIRST).unwrap();
        let (inst, trace) = (&yours.instance, &yours.run.trace);
        let mut seen = std::collections::BTreeSet::new();
        for ms in (0..4000).step_by(5) {
            let t = crate::engine::SimTime::from_ms(ms as f64);
            let point = yours.run.index.code_point(inst, trace, 0, t);
            assert_eq!(point, snapshot_at(inst, trace, t).orders[0].code, "{ms}");
            if let Some(line) = yours.line_of(0, point) {
                seen.insert(line);
            }
        }
        // takeOrder, pay, Promise.all / grind / steam, assemble, serve
        // (Ada's latte is never hand-poured); Karen's order is at the
        // handler's first line before she arrives.
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), [2, 3, 4, 6, 7]);
        let before = yours
            .run
            .index
            .code_point(inst, trace, 2, crate::engine::SimTime::ZERO);
        assert_eq!(before, CodePoint::NotStarted);
        assert_eq!(yours.line_of(2, before), Some(1));
    }
}
