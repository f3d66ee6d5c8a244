//! Programs written out as handlers' text (`handler::write`) and read back
//! (`handler::program`): every built-in program, the editor's starting
//! texts for both drinks, and random programs come back exactly; a starting
//! text serves every order as its strategy does.

use super::support::{instance, scenario};
use espresso_engine::flow::{Call, Flow, Part, Program, Via, Wait};
use espresso_engine::handler::{program, starter, write};
use espresso_engine::params::parse_strict;
use espresso_engine::presets::presets;
use espresso_engine::scenario::{Instance, StepId};
use espresso_engine::sim::simulate_flows;
use espresso_engine::{Strategy, simulate};

/// Writes `p` and reads it back.
fn round_trip(p: &Program) {
    let text = write(p).unwrap_or_else(|| panic!("not writable: {p:?}"));
    let back = program(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(&back, p, "\n{text}");
}

#[test]
fn every_builtin_program_is_written_and_read_back() {
    let mut count = 0;
    for preset in presets() {
        let base = preset.scenario().unwrap();
        for pairs in [
            vec![],
            vec![("helpers", "2"), ("offload", "true")],
            vec![("latte", "lookup+pay+grind+steam+assemble"), ("menus", "1")],
        ] {
            let s = parse_strict(base.clone(), pairs.iter().copied()).unwrap();
            let inst = Instance::new(&s);
            for strategy in Strategy::ALL {
                for plan in &inst.plans {
                    for handled in [false, true] {
                        for (breaker, cache) in [(false, false), (true, true)] {
                            round_trip(&Program::builtin(strategy, plan, handled, breaker, cache));
                            count += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(count > 500, "{count}");
}

#[test]
fn a_starting_text_makes_both_drinks_and_serves_like_its_strategy() {
    for pairs in [
        &[][..],
        &[
            ("customers", "30"),
            ("pay_fail", "0.2"),
            ("heat_fail", "0.2"),
        ],
        &[("helpers", "1"), ("offload", "true")],
        &[
            ("try_catch", "false"),
            ("check_err", "false"),
            ("steam_fail", "0.3"),
        ],
    ] {
        let inst = instance(pairs);
        for strategy in Strategy::ALL {
            let text = starter(strategy, &inst);
            let p = program(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let flows = Flow::for_instance(&p, &inst).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let ours = simulate_flows(&inst, Strategy::Yours, &flows);
            let builtin = simulate(&inst, strategy);
            assert_eq!(
                ours.orders, builtin.orders,
                "{strategy:?} {pairs:?}\n{text}"
            );
        }
    }
    // The default café's sequential await, as the editor shows it.
    assert_eq!(
        starter(Strategy::Await, &instance(&[])),
        "async function handleOrder(order) {
  try {
    takeOrder(order);
    await pay(order);
    await grind(order);
    await steam(order);
    await heatWater(order);
    handPour(order);
    assemble(order);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
"
    );
    // Lattes only: the latte's own handler.
    assert!(!starter(Strategy::Join, &instance(&[("karen", "0")])).contains("heatWater"));
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const STEPS: [StepId; 7] = [
    StepId::Pay,
    StepId::Grind,
    StepId::Steam,
    StepId::Heat,
    StepId::Pour,
    StepId::Assemble,
    StepId::Lookup,
];

/// A random call of a random step, waited for in a way the function allows.
fn random_call(r: &mut Rng, is_async: bool, in_branch: bool, alone: bool) -> Call {
    let step = STEPS[r.below(STEPS.len())];
    let io = step.machine().is_some();
    let via = match step {
        StepId::Pay if r.below(3) == 0 => Via::Breaker,
        StepId::Lookup if r.below(3) == 0 => Via::Cache,
        StepId::Pour | StepId::Assemble if r.below(3) == 0 => Via::Helper,
        _ => Via::Direct,
    };
    let machine = io || via == Via::Helper;
    let wait = if !machine {
        Wait::Block
    } else if in_branch {
        if alone { Wait::Joined } else { Wait::Await }
    } else if is_async {
        Wait::Await
    } else if r.below(3) == 0 {
        Wait::Callback
    } else {
        Wait::Block
    };
    Call {
        step,
        wait,
        via,
        handled: false,
    }
}

/// A random program that `write` can say: calls and joins, handled from a
/// random point of each function on.
fn random_program(r: &mut Rng) -> Program {
    let is_async = r.below(2) == 0;
    let mut parts = Vec::new();
    for _ in 0..1 + r.below(7) {
        if is_async && r.below(3) == 0 {
            let branches = (0..1 + r.below(3))
                .map(|_| {
                    let len = 1 + r.below(3);
                    (0..len)
                        .map(|_| random_call(r, true, true, len == 1))
                        .collect()
                })
                .collect();
            parts.push(Part::All {
                branches,
                handled: false,
            });
        } else {
            let call = random_call(r, is_async, false, false);
            let callback = call.wait == Wait::Callback;
            parts.push(Part::Call(call));
            if callback {
                break; // The rest would be the callback's body: keep it short.
            }
        }
    }
    // Handled from a random part on (a callback: its own check).
    let from = r.below(parts.len() + 1);
    for (i, part) in parts.iter_mut().enumerate() {
        match part {
            Part::Call(c) if c.wait == Wait::Callback => {
                c.handled = r.below(2) == 0 && c.step.machine().is_some()
            }
            Part::Call(c) => c.handled = i >= from && c.step.machine().is_some(),
            Part::All { handled, branches } => {
                // A branch's calls carry the join's handling (unused: a
                // failure there rejects the join), as lowering reads them.
                *handled = i >= from;
                for c in branches.iter_mut().flatten() {
                    c.handled = *handled && c.step.machine().is_some();
                }
            }
        }
    }
    Program { parts }
}

#[test]
fn random_programs_are_written_and_read_back() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut joins = 0;
    for _ in 0..3000 {
        let p = random_program(&mut r);
        joins += p
            .parts
            .iter()
            .filter(|x| matches!(x, Part::All { .. }))
            .count();
        round_trip(&p);
    }
    assert!(joins > 500, "{joins}");
}

#[test]
fn a_handled_call_before_an_unhandled_one_cannot_be_written() {
    let call = |step, handled| {
        Part::Call(Call {
            step,
            wait: Wait::Await,
            via: Via::Direct,
            handled,
        })
    };
    let p = Program {
        parts: vec![call(StepId::Pay, true), call(StepId::Grind, false)],
    };
    assert_eq!(write(&p), None);
    // The café itself: every scenario's flows fit.
    let s = scenario(&[]);
    assert!(
        Flow::new(
            &Program::builtin(
                Strategy::Join,
                &Instance::new(&s).plans[0],
                true,
                false,
                false
            ),
            espresso_engine::Drink::Latte,
            &s
        )
        .is_ok()
    );
}
