//! A handler as the café runs it: which steps it calls, through what, and
//! how it waits for each. A [`Program`] is the handler's shape, the same for
//! every drink: the four built-in strategies are programs
//! ([`Program::builtin`]), and so is a learner's handler once lowered
//! (`handler::lower`). [`Flow::new`] fits a program to one drink's recipe —
//! a call of a step the drink does not have returns at once (awaited, it is
//! a settled promise: one microtask); a step the drink needs that the
//! program never calls is an error — and [`sim`](crate::sim) runs one flow
//! per drink.
//!
//! What a program can say (docs/model.md#your-handler):
//! - calls one after another, each waited for in one of four ways
//!   ([`Wait`]): standing at the machine, an error-first callback, `await`,
//!   or as an element of `Promise.all([...])`;
//! - `await Promise.all([...])` ([`Part::All`]) over branches that are a
//!   single call or a sequence of awaited calls (an `async` function run at
//!   once, or a `.then` chain); a branch holds no `Promise.all` of its own;
//! - for each call or join, whether a failure there is handled (a cookie)
//!   or loses the order. A caught failure ends the handler.

use crate::scenario::{Drink, Instance, MachineKind, PlanStep, Scenario, StepId};
use crate::strategy::Strategy;
use std::fmt;

/// How the handler waits for a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// A synchronous call (`pay(order);` in a plain function): the barista
    /// stands at the machine until it is done. Every CPU step on the
    /// barista's own hands is synchronous.
    Block,
    /// An error-first callback (`pay(order, (err) => { … })`): the rest of
    /// the handler runs inside it, in the machine's task.
    Callback,
    /// `await pay(order)`: the rest runs in a microtask once the promise
    /// settles.
    Await,
    /// An element of `Promise.all([...])` on its own (`pay(order)` in the
    /// array): started, and its promise joined.
    Joined,
}

/// What the handler calls a step through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The step's own function: `pay(order)`, `handPour(order)`.
    Direct,
    /// The circuit breaker: `breaker.fire(order)` (payments only).
    Breaker,
    /// The menu cache first: `cache.get(order.drink) ?? await
    /// lookupPrice(order)` or `cache.fetch(lookupPrice, order, cb)` (the
    /// price lookup only).
    Cache,
    /// A helper (worker thread): `helpers.run(handPour, order)` or
    /// `helpers.runAndWait(handPour, order)` (CPU steps only).
    Helper,
}

/// One call of a step in a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Call {
    /// The step called.
    pub step: StepId,
    /// How the handler waits for it.
    pub wait: Wait,
    /// What it is called through.
    pub via: Via,
    /// A failure here gives a cookie (inside `try`, or a callback that
    /// checks `err`); else the order is lost. Always `false` for a step
    /// that cannot fail (CPU work, on the barista or a helper); unused for
    /// a call inside a `Promise.all` branch, whose failure rejects the join.
    pub handled: bool,
}

/// A part of a program, run in order after the order is taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// One call.
    Call(Call),
    /// `await Promise.all([...])`: every branch starts at once; the handler
    /// goes on when all have settled, or fails at the first failure (the
    /// other branches still run to their end: JavaScript cannot cancel
    /// them). A branch is one [`Wait::Joined`] call, or a sequence of
    /// [`Wait::Await`] calls and CPU steps.
    All {
        /// The branches, in the array's order.
        branches: Vec<Vec<Call>>,
        /// A rejection gives a cookie (the join is inside `try`).
        handled: bool,
    },
}

/// A handler's shape, the same for every drink.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    /// What the handler does after taking the order, in order; serving the
    /// drink follows the last part.
    pub parts: Vec<Part>,
}

impl Program {
    /// The built-in `strategy` for a drink made by `plan` (where each step
    /// runs, as [`Instance`](crate::Instance) decided), with failures
    /// `handled` or not, the payments through the circuit breaker and the
    /// price lookup through the cache when the café has them — the handler
    /// the code panel prints.
    pub fn builtin(
        strategy: Strategy,
        plan: &[PlanStep],
        handled: bool,
        breaker: bool,
        cache: bool,
    ) -> Program {
        let call = |p: &PlanStep, wait: Wait| Call {
            step: p.step,
            wait: if p.machine.is_none() {
                Wait::Block
            } else {
                wait
            },
            via: if p.machine == Some(MachineKind::Helper) {
                Via::Helper
            } else if breaker && p.machine == Some(MachineKind::Reader) {
                Via::Breaker
            } else if cache && p.is_lookup() {
                Via::Cache
            } else {
                Via::Direct
            },
            // Only a machine step can fail.
            handled: handled && p.step.machine().is_some(),
        };
        let wait = match strategy {
            Strategy::Blocking => Wait::Block,
            Strategy::Callbacks => Wait::Callback,
            Strategy::Await | Strategy::Join | Strategy::Yours => Wait::Await,
        };
        if strategy != Strategy::Join {
            let parts = plan.iter().map(|p| Part::Call(call(p, wait))).collect();
            return Program { parts };
        }
        // Parallel join: await the price lookup, start every I/O step
        // together, then the rest in order.
        let mut parts: Vec<Part> = plan
            .iter()
            .filter(|p| p.is_lookup())
            .map(|p| Part::Call(call(p, Wait::Await)))
            .collect();
        let branches: Vec<Vec<Call>> = plan
            .iter()
            .filter(|p| p.is_io())
            .map(|p| vec![call(p, Wait::Joined)])
            .collect();
        if !branches.is_empty() {
            parts.push(Part::All { branches, handled });
        }
        parts.extend(
            plan.iter()
                .filter(|p| !p.is_io() && !p.is_lookup())
                .map(|p| Part::Call(call(p, Wait::Await))),
        );
        Program { parts }
    }

    /// Every call, in the order of the text.
    pub fn calls(&self) -> Vec<&Call> {
        let mut calls = Vec::new();
        for part in &self.parts {
            match part {
                Part::Call(call) => calls.push(call),
                Part::All { branches, .. } => calls.extend(branches.iter().flatten()),
            }
        }
        calls
    }
}

/// Where a call sits in a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Item `index` of the handler's own sequence.
    Main(u8),
    /// Call `index` of branch `branch` of join `join`.
    Branch {
        /// Which join ([`Flow::join`]).
        join: u8,
        /// Which branch of it.
        branch: u8,
        /// Which call of the branch.
        index: u8,
    },
}

/// One call of a flow, at its recipe position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlowCall {
    /// The step and where it runs.
    pub plan: PlanStep,
    /// How the handler waits for it.
    pub wait: Wait,
    /// Called through the circuit breaker.
    pub breaker: bool,
    /// The menu cache is asked first.
    pub cache: bool,
    /// A failure here gives a cookie (see [`Call::handled`]).
    pub handled: bool,
    /// A step the drink does not have: the call returns at once (awaited,
    /// or joined, it still costs the microtask of a settled promise).
    pub absent: bool,
    /// Where it is.
    pub place: Place,
}

/// An item of the handler's own sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// The call at this recipe position.
    Call(u8),
    /// This join.
    All(u8),
}

/// `await Promise.all([...])` in a flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Join {
    /// Each branch's calls, by recipe position.
    pub branches: Vec<Vec<u8>>,
    /// A rejection gives a cookie.
    pub handled: bool,
    /// Its index in the handler's own sequence.
    pub at: u8,
}

/// The most calls a flow makes (the recipe's and those that return at
/// once).
pub const MAX_CALLS: usize = 64;

/// A program fitted to one drink: what [`sim`](crate::sim) runs for each of
/// its orders. Calls are numbered by recipe position, as the trace's events
/// name them (`pos`); calls of steps the drink does not have come after. The default flow makes nothing: for a drink nobody
/// orders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    /// Per recipe position, the call that makes that step; then the calls
    /// that return at once.
    pub calls: Vec<FlowCall>,
    /// The handler's own sequence, after taking the order.
    pub main: Vec<Item>,
    /// The joins, in order.
    pub joins: Vec<Join>,
}

/// Why a program cannot make a drink.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowError {
    /// What is wrong, in the café's words.
    pub message: String,
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FlowError {}

fn error(message: String) -> FlowError {
    FlowError { message }
}

/// What a drink needs a step for, to name it in a message.
fn needs(step: StepId) -> &'static str {
    match step {
        StepId::Pay => "to be paid for",
        StepId::Grind => "ground beans",
        StepId::Steam => "steamed milk",
        StepId::Heat => "hot water",
        StepId::Pour => "its hand-pour",
        StepId::Assemble => "to be assembled",
        StepId::Lookup => "its price looked up",
    }
}

/// How many times, in words.
fn times(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

impl Flow {
    /// The built-in `strategy` for `drink` on `scenario`, whose plan is
    /// `plan` (the instance's, which says which CPU steps go to a helper).
    pub fn builtin(
        strategy: Strategy,
        drink: Drink,
        scenario: &Scenario,
        plan: &[PlanStep],
    ) -> Flow {
        let handled = match strategy {
            Strategy::Callbacks => scenario.check_err,
            _ => scenario.try_catch,
        };
        let program = Program::builtin(
            strategy,
            plan,
            handled,
            scenario.breaker.on,
            scenario.cache.on,
        );
        // The program is made from the plan with the café's own mechanisms:
        // fitting it cannot fail (a test checks every preset and lesson).
        #[allow(clippy::expect_used, reason = "a built-in program fits its plan")]
        Flow::new(&program, drink, scenario).expect("a built-in program fits its plan")
    }

    /// Fits `program` to `drink` on `scenario`: calls of steps the drink
    /// does not have are left out; each of its recipe's steps must be
    /// called as often as the recipe has it, through what the café has.
    /// A CPU step runs on a helper only when the program calls it
    /// through one.
    pub fn new(program: &Program, drink: Drink, scenario: &Scenario) -> Result<Flow, FlowError> {
        let recipe = &scenario.recipes[drink.index()];
        let mut fitter = Fitter {
            program,
            drink,
            scenario,
            recipe,
            taken: vec![None; recipe.len()],
            absent: Vec::new(),
        };
        let mut main = Vec::new();
        let mut joins = Vec::new();
        for part in &program.parts {
            let at = u8::try_from(main.len()).unwrap_or(u8::MAX);
            match part {
                Part::Call(call) => {
                    if call.wait == Wait::Joined {
                        return Err(error(format!(
                            "{} is started for a Promise.all outside one",
                            call.step.function()
                        )));
                    }
                    if let Some(pos) = fitter.take(call, Place::Main(at))? {
                        main.push(Item::Call(pos));
                    }
                }
                Part::All { branches, handled } => {
                    let join = u8::try_from(joins.len()).unwrap_or(u8::MAX);
                    let mut kept = Vec::new();
                    for calls in branches {
                        let branch = u8::try_from(kept.len()).unwrap_or(u8::MAX);
                        let mut positions = Vec::new();
                        for call in calls {
                            check_branch_call(call, calls.len())?;
                            let index = u8::try_from(positions.len()).unwrap_or(u8::MAX);
                            let place = Place::Branch {
                                join,
                                branch,
                                index,
                            };
                            if let Some(pos) = fitter.take(call, place)? {
                                positions.push(pos);
                            }
                        }
                        if !positions.is_empty() {
                            kept.push(positions);
                        }
                    }
                    if !kept.is_empty() {
                        joins.push(Join {
                            branches: kept,
                            handled: *handled,
                            at,
                        });
                        main.push(Item::All(join));
                    }
                }
            }
        }
        let calls = fitter.finish()?;
        check_one_way(&calls)?;
        Ok(Flow { calls, main, joins })
    }

    /// `program` fitted to each drink that `instance` has orders for (a
    /// drink nobody orders gets the empty flow): what
    /// [`run_flows`](crate::sim::run_flows) runs. The first drink it cannot
    /// make is the error.
    pub fn for_instance(program: &Program, instance: &Instance) -> Result<[Flow; 2], FlowError> {
        let mut flows = [Flow::default(), Flow::default()];
        for drink in Drink::ALL {
            if instance.orders.iter().any(|o| o.drink == drink) {
                flows[drink.index()] = Flow::new(program, drink, &instance.scenario)?;
            }
        }
        Ok(flows)
    }

    /// Each call's step and where it runs, by position: the plan the
    /// trace's events name (the recipe's steps, then those that return at
    /// once, run nowhere).
    pub fn plan(&self) -> Vec<PlanStep> {
        self.calls.iter().map(|c| c.plan).collect()
    }

    /// The join `join`.
    pub fn join(&self, join: u8) -> Option<&Join> {
        self.joins.get(join as usize)
    }
}

/// A machine is called synchronously or not, never both: a barista
/// standing at a machine that another order's request holds could only
/// wait for a task that cannot run while she stands there.
fn check_one_way(calls: &[FlowCall]) -> Result<(), FlowError> {
    for (i, a) in calls.iter().enumerate() {
        let Some(machine) = a.plan.machine else {
            continue;
        };
        let clash = calls.iter().skip(i + 1).find(|b| {
            b.plan.machine == Some(machine) && (a.wait == Wait::Block) != (b.wait == Wait::Block)
        });
        if let Some(b) = clash {
            return Err(error(format!(
                "{} and {} both use the {}, one waiting for it and one not: call it one way",
                a.plan.step.function(),
                b.plan.step.function(),
                machine.label()
            )));
        }
    }
    Ok(())
}

/// A branch is one call joined as it is, or awaited calls (and CPU steps)
/// in sequence.
fn check_branch_call(call: &Call, branch_len: usize) -> Result<(), FlowError> {
    let ok = match call.wait {
        Wait::Joined => branch_len == 1,
        Wait::Await => true,
        Wait::Block => call.step.machine().is_none() && call.via != Via::Helper,
        Wait::Callback => false,
    };
    if ok {
        Ok(())
    } else {
        Err(error(format!(
            "{} cannot be waited for that way inside a Promise.all branch",
            call.step.function()
        )))
    }
}

/// Hands out recipe positions to a program's calls.
struct Fitter<'a> {
    program: &'a Program,
    drink: Drink,
    scenario: &'a Scenario,
    recipe: &'a [StepId],
    taken: Vec<Option<FlowCall>>,
    /// Calls of steps the drink does not have, in the order of the text.
    absent: Vec<FlowCall>,
}

impl Fitter<'_> {
    /// The recipe position `call` makes (the first of its step not yet
    /// made), or `None` when the drink has no such step.
    fn take(&mut self, call: &Call, place: Place) -> Result<Option<u8>, FlowError> {
        let step = call.step;
        let wanted = self.recipe.iter().filter(|&&s| s == step).count();
        if wanted == 0 {
            // Returns at once: numbered after the recipe's positions.
            let pos = self.recipe.len() + self.absent.len();
            if pos >= MAX_CALLS {
                return Err(error(format!(
                    "the handler makes more than {MAX_CALLS} calls"
                )));
            }
            self.absent.push(FlowCall {
                plan: PlanStep {
                    step,
                    machine: None,
                },
                wait: call.wait,
                breaker: false,
                cache: false,
                handled: false,
                absent: true,
                place,
            });
            return Ok(Some(pos as u8));
        }
        let Some(pos) =
            (0..self.recipe.len()).find(|&i| self.recipe[i] == step && self.taken[i].is_none())
        else {
            let made = self.program_calls(step);
            return Err(error(format!(
                "the handler calls {} {}: the {} needs it {}",
                step.function(),
                times(made),
                self.drink.label(),
                times(wanted)
            )));
        };
        let machine = self.machine(call)?;
        self.taken[pos] = Some(FlowCall {
            plan: PlanStep { step, machine },
            wait: call.wait,
            breaker: call.via == Via::Breaker,
            cache: call.via == Via::Cache,
            handled: call.handled,
            absent: false,
            place,
        });
        Ok(Some(pos as u8))
    }

    /// How many times the whole program calls `step`.
    fn program_calls(&self, step: StepId) -> usize {
        self.program
            .calls()
            .iter()
            .filter(|c| c.step == step)
            .count()
    }

    /// Where `call` runs: the step's machine, a helper, or the barista; and
    /// whether the café has what the call goes through.
    fn machine(&self, call: &Call) -> Result<Option<MachineKind>, FlowError> {
        let step = call.step;
        let s = self.scenario;
        let name = step.function();
        let (fits, missing) = match call.via {
            Via::Direct => (true, ""),
            Via::Breaker => (step == StepId::Pay, "the café has no circuit breaker"),
            Via::Cache => (step == StepId::Lookup, "the café has no menu cache"),
            Via::Helper => (
                step.machine().is_none(),
                "the café has no helpers (worker threads)",
            ),
        };
        if !fits {
            return Err(error(format!("{name} cannot go through that")));
        }
        let present = match call.via {
            Via::Direct => true,
            Via::Breaker => s.breaker.on,
            Via::Cache => s.cache.on,
            Via::Helper => s.capacity[MachineKind::Helper.index()] > 0,
        };
        if !present {
            return Err(error(format!("{name}: {missing}")));
        }
        if call.via == Via::Helper {
            return Ok(Some(MachineKind::Helper));
        }
        Ok(step.machine())
    }

    /// Every recipe position made, or the first step never called.
    fn finish(self) -> Result<Vec<FlowCall>, FlowError> {
        let mut calls = Vec::with_capacity(self.taken.len());
        for (i, taken) in self.taken.into_iter().enumerate() {
            match taken {
                Some(call) => calls.push(call),
                None => {
                    let step = self.recipe[i];
                    let wanted = self.recipe.iter().filter(|&&s| s == step).count();
                    let message = if wanted == 1 {
                        format!(
                            "the handler never calls {}: the {} needs {}",
                            step.function(),
                            self.drink.label(),
                            needs(step)
                        )
                    } else {
                        format!(
                            "the handler calls {} fewer times than the {} needs it ({})",
                            step.function(),
                            self.drink.label(),
                            times(wanted)
                        )
                    };
                    return Err(error(message));
                }
            }
        }
        calls.extend(self.absent);
        Ok(calls)
    }
}
