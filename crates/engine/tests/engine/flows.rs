//! Handlers as flows: a program fitted to each drink runs like the
//! built-in strategy it spells out, event for event; the shapes only a
//! written handler has (pay first, then the rest together; a branch that is
//! a sequence) keep the event loop's rules; and a program that cannot make
//! a drink says why.

use super::support::{check_invariants, instance, scenario};
use espresso_engine::flow::{Call, Flow, Part, Program, Via, Wait};
use espresso_engine::presets::presets;
use espresso_engine::scenario::{Drink, Instance, StepId};
use espresso_engine::sim::{builtin_flows, run_flows};
use espresso_engine::trace::{Outcome, Trace, What};
use espresso_engine::{SimTime, Strategy, simulate};

fn call(step: StepId, wait: Wait) -> Call {
    let wait = if step.machine().is_none() {
        Wait::Block
    } else {
        wait
    };
    Call {
        step,
        wait,
        via: Via::Direct,
        handled: true,
    }
}

/// Runs `program` on `inst` as a trace labelled `label`.
fn run(inst: &Instance, program: &Program, label: Strategy) -> Trace {
    let flows = Flow::for_instance(program, inst).unwrap();
    let run = run_flows(inst, &flows, Vec::new());
    Trace {
        strategy: label,
        orders: run.orders,
        events: run.recorder,
        end: run.end,
    }
}

/// One handler for both default drinks, written the way `strategy` writes
/// each: every step of either recipe, in recipe order (steam before heat).
fn both_drinks(strategy: Strategy) -> Program {
    use StepId::*;
    let wait = match strategy {
        Strategy::Blocking => Wait::Block,
        Strategy::Callbacks => Wait::Callback,
        _ => Wait::Await,
    };
    if strategy != Strategy::Join {
        let parts = [Pay, Grind, Steam, Heat, Pour, Assemble]
            .map(|s| Part::Call(call(s, wait)))
            .to_vec();
        return Program { parts };
    }
    Program {
        parts: vec![
            Part::All {
                branches: [Pay, Grind, Steam, Heat]
                    .map(|s| vec![call(s, Wait::Joined)])
                    .to_vec(),
                handled: true,
            },
            Part::Call(call(Pour, Wait::Block)),
            Part::Call(call(Assemble, Wait::Block)),
        ],
    }
}

#[test]
fn one_text_for_both_drinks_runs_like_each_builtin_strategy() {
    // Karen's pour-over has no steam and the latte no hot water or pour:
    // those calls return at once, so the one handler serves like each
    // drink's built-in, and without promises it is the same trace.
    for pairs in [
        &[("customers", "12")][..],
        &[
            ("customers", "40"),
            ("pay_fail", "0.2"),
            ("steam_fail", "0.1"),
        ],
        &[
            ("customers", "30"),
            ("try_catch", "false"),
            ("check_err", "false"),
            ("heat_fail", "0.3"),
        ],
        &[
            ("customers", "30"),
            ("arrivals", "poisson"),
            ("interval_ms", "150"),
            ("grinders", "2"),
        ],
    ] {
        let inst = instance(pairs);
        for strategy in Strategy::ALL {
            let mut program = both_drinks(strategy);
            let handled = match strategy {
                Strategy::Callbacks => inst.scenario.check_err,
                _ => inst.scenario.try_catch,
            };
            for part in &mut program.parts {
                match part {
                    Part::Call(c) => c.handled = handled,
                    Part::All { handled: h, .. } => *h = handled,
                }
            }
            let ours = run(&inst, &program, strategy);
            let builtin = simulate(&inst, strategy);
            // Awaited or joined, a call that returns at once is a settled
            // promise: one more microtask, the same times.
            assert_eq!(ours.orders, builtin.orders, "{strategy:?} on {pairs:?}");
            if matches!(strategy, Strategy::Blocking | Strategy::Callbacks) {
                assert_eq!(ours.digest(), builtin.digest(), "{strategy:?} on {pairs:?}");
            }
        }
    }
}

#[test]
fn every_preset_runs_its_builtin_flows() {
    // The flows the sim builds for a strategy are the strategy's program
    // fitted to each drink, and the fit never fails for the café's own.
    for preset in presets() {
        let s = preset.scenario().unwrap();
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let flows = builtin_flows(&inst, strategy);
            for drink in Drink::ALL {
                let flow = &flows[drink.index()];
                let plan = &inst.plans[drink.index()];
                assert_eq!(flow.calls.len(), plan.len(), "{}", preset.id);
                for (c, p) in flow.calls.iter().zip(plan) {
                    assert_eq!(c.plan, *p, "{} {strategy:?}", preset.id);
                }
            }
        }
    }
}

/// The essay's best practice: take the payment first, then grind and steam
/// (or heat) together.
fn pay_first() -> Program {
    use StepId::*;
    Program {
        parts: vec![
            Part::Call(call(Pay, Wait::Await)),
            Part::All {
                branches: [Grind, Steam, Heat]
                    .map(|s| vec![call(s, Wait::Joined)])
                    .to_vec(),
                handled: true,
            },
            Part::Call(call(Pour, Wait::Block)),
            Part::Call(call(Assemble, Wait::Block)),
        ],
    }
}

#[test]
fn paying_first_then_the_rest_together_takes_the_sum_of_the_waits() {
    // One latte: take the order (40), press the reader (5), pay (300); then
    // press the grinder and the steamer (5 + 5) and wait for the longer,
    // steam (400, started 10 ms after the payment came back); assemble (80).
    let inst = instance(&[("customers", "1"), ("karen", "0")]);
    let trace = run(&inst, &pay_first(), Strategy::Join);
    check_invariants(&inst, &trace);
    let order = trace.orders[0];
    assert_eq!(order.outcome, Outcome::Served);
    assert_eq!(
        order.ended - order.arrived,
        SimTime::from_ms(40.0 + 5.0 + 300.0 + 10.0 + 400.0 + 80.0)
    );
    // The built-in join starts the payment with the rest: 40 + 15 + 400 + 80.
    let join = simulate(&inst, Strategy::Join).orders[0];
    assert_eq!(
        join.ended - join.arrived,
        SimTime::from_ms(40.0 + 15.0 + 400.0 + 80.0)
    );
}

/// `await Promise.all([pay(order), (async () => { await grind(order);
/// await steam(order); })()]); assemble(order);` inside `try`.
fn pay_beside_grind_then_steam() -> Program {
    use StepId::*;
    Program {
        parts: vec![
            Part::All {
                branches: vec![
                    vec![call(Pay, Wait::Joined)],
                    vec![call(Grind, Wait::Await), call(Steam, Wait::Await)],
                ],
                handled: true,
            },
            Part::Call(call(Assemble, Wait::Block)),
        ],
    }
}

#[test]
fn a_branch_may_be_a_sequence() {
    // Grind then steam in one branch, the payment in the other: the
    // sequence (5 + 250 + 5 + 400, from the second press) outlasts the
    // payment (300).
    let program = pay_beside_grind_then_steam();
    let inst = instance(&[("customers", "1"), ("karen", "0")]);
    let trace = run(&inst, &program, Strategy::Join);
    check_invariants(&inst, &trace);
    let order = trace.orders[0];
    assert_eq!(order.outcome, Outcome::Served);
    assert_eq!(
        order.ended - order.arrived,
        SimTime::from_ms(40.0 + 5.0 + 5.0 + 250.0 + 5.0 + 400.0 + 80.0)
    );
}

#[test]
fn a_rejected_join_leaves_its_other_branches_running() {
    // The payment (100 ms) fails at 145 ms and the cookie is handed over
    // at 165; the grind-then-steam branch still goes on: the steamer starts
    // at 305, after the order has ended (JavaScript cannot cancel the
    // branch).
    let program = pay_beside_grind_then_steam();
    let inst = instance(&[
        ("customers", "1"),
        ("karen", "0"),
        ("pay_fail", "1"),
        ("pay_ms", "100"),
    ]);
    let trace = run(&inst, &program, Strategy::Join);
    check_invariants(&inst, &trace);
    let order = trace.orders[0];
    assert_eq!(order.outcome, Outcome::Cookie);
    let steam_starts = trace
        .events
        .iter()
        .find_map(|e| match e.what {
            What::Start { pos: 2, .. } => Some(e.t),
            _ => None,
        })
        .expect("the steamer still starts");
    assert!(
        steam_starts > order.ended,
        "{steam_starts:?} vs {:?}",
        order.ended
    );
    // Not handled: the order is lost, and the branch still runs.
    let mut unhandled = program.clone();
    if let Part::All { handled, .. } = &mut unhandled.parts[0] {
        *handled = false;
    }
    assert_eq!(
        run(&inst, &unhandled, Strategy::Join).orders[0].outcome,
        Outcome::Lost
    );
}

#[test]
fn a_program_that_cannot_make_a_drink_says_why() {
    use StepId::*;
    let s = scenario(&[]);
    let without_heat = Program {
        parts: [Pay, Grind, Steam, Pour, Assemble]
            .map(|st| Part::Call(call(st, Wait::Await)))
            .to_vec(),
    };
    assert!(Flow::new(&without_heat, Drink::Latte, &s).is_ok());
    assert_eq!(
        Flow::new(&without_heat, Drink::PourOver, &s)
            .unwrap_err()
            .message,
        "the handler never calls heatWater: the pour-over needs hot water"
    );
    let twice = Program {
        parts: [Pay, Pay, Grind, Steam, Assemble]
            .map(|st| Part::Call(call(st, Wait::Await)))
            .to_vec(),
    };
    assert_eq!(
        Flow::new(&twice, Drink::Latte, &s).unwrap_err().message,
        "the handler calls pay twice: the latte needs it once"
    );
    let mut breaker = both_drinks(Strategy::Await);
    if let Part::Call(c) = &mut breaker.parts[0] {
        c.via = Via::Breaker;
    }
    assert_eq!(
        Flow::new(&breaker, Drink::Latte, &s).unwrap_err().message,
        "pay: the café has no circuit breaker"
    );
    let with_breaker = scenario(&[("breaker", "true")]);
    assert!(
        Flow::new(&breaker, Drink::Latte, &with_breaker)
            .unwrap()
            .calls[0]
            .breaker
    );
    // A helper called both ways: one standing at it, one not.
    let offloaded = scenario(&[("helpers", "2")]);
    let mixed = Program {
        parts: vec![
            Part::Call(call(Pay, Wait::Await)),
            Part::Call(call(Grind, Wait::Await)),
            Part::Call(call(Heat, Wait::Await)),
            Part::Call(Call {
                via: Via::Helper,
                wait: Wait::Block,
                ..call(Pour, Wait::Block)
            }),
            Part::Call(Call {
                via: Via::Helper,
                wait: Wait::Await,
                ..call(Assemble, Wait::Await)
            }),
        ],
    };
    assert_eq!(
        Flow::new(&mixed, Drink::PourOver, &offloaded)
            .unwrap_err()
            .message,
        "handPour and assemble both use the helper (worker thread), one waiting for it and one not: call it one way"
    );
}

#[test]
fn an_awaited_step_the_drink_lacks_still_costs_a_microtask() {
    // Karen's branch `(async () => { await steam(order); await pay(order);
    // })()` next to `heatWater(order)`: she has no steam, but awaiting it
    // is awaiting a settled promise, so her branch waits one microtask and
    // the kettle's button is pressed before the reader's (as on Node).
    use StepId::*;
    let program = Program {
        parts: vec![
            Part::All {
                branches: vec![
                    vec![call(Steam, Wait::Await), call(Pay, Wait::Await)],
                    vec![call(Heat, Wait::Joined)],
                ],
                handled: true,
            },
            Part::Call(call(Grind, Wait::Await)),
            Part::Call(call(Pour, Wait::Block)),
            Part::Call(call(Assemble, Wait::Block)),
        ],
    };
    let inst = instance(&[("list", "Karen@0:pourover")]);
    let trace = run(&inst, &program, Strategy::Yours);
    check_invariants(&inst, &trace);
    let started: Vec<StepId> = trace
        .events
        .iter()
        .filter_map(|e| match e.what {
            What::Start { pos, .. } => Some(inst.plans[1][pos as usize].step),
            _ => None,
        })
        .collect();
    assert_eq!(started[..2], [Heat, Pay]);
    assert_eq!(trace.orders[0].outcome, Outcome::Served);
}

#[test]
fn the_views_read_a_written_handlers_trace() {
    // Pay first, then the rest together, with the pour on a helper and
    // flaky machines: the views read the trace against the instance as the
    // flows run it (absent steps and the helper included) at every instant
    // without a panic, and the trace keeps every rule of the event loop.
    use StepId::*;
    let mut program = pay_first();
    for part in &mut program.parts {
        if let Part::Call(c) = part
            && c.step == Pour
        {
            c.via = Via::Helper;
            c.wait = Wait::Await;
        }
    }
    let base = instance(&[
        ("customers", "20"),
        ("helpers", "1"),
        ("pay_fail", "0.2"),
        ("steam_fail", "0.2"),
        ("interval_ms", "200"),
    ]);
    let flows = Flow::for_instance(&program, &base).unwrap();
    let inst = base.running(&flows);
    let trace = espresso_engine::sim::simulate_flows(&inst, Strategy::Yours, &flows);
    check_invariants(&inst, &trace);
    let index = espresso_engine::TraceIndex::new(&inst, &trace);
    let mut t = SimTime::ZERO;
    let mut seen = std::collections::BTreeSet::new();
    while t <= trace.end {
        let snap = espresso_engine::snapshot_at(&inst, &trace, t);
        assert_eq!(snap.orders.len(), inst.orders.len());
        for o in 0..inst.orders.len() {
            seen.insert(format!("{:?}", index.code_point(&inst, &trace, o, t)));
        }
        t += SimTime::from_ms(37.0);
    }
    // Waiting for the payment (pos 0), then in the join, then for the
    // helper's pour (pos 3).
    for point in [
        "Await(0)", "AwaitAll", "Await(3)", "Cpu(4)", "Catch", "Done",
    ] {
        assert!(seen.contains(point), "{point} in {seen:?}");
    }
    // Karen's pour went to the helper: a helper job in the trace.
    assert!(trace.events.iter().any(|e| matches!(
        e.what,
        What::Start {
            machine: espresso_engine::MachineKind::Helper,
            ..
        }
    )));
    assert!(trace.orders.iter().any(|o| o.outcome == Outcome::Cookie));
}
