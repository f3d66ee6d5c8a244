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

/// A random call of a random step, waited for in a way the function allows.
fn random_call(r: &mut Rng, is_async: bool, in_branch: bool, alone: bool) -> Call {
    let step = StepId::ALL[r.below(StepId::ALL.len())];
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
    handle_from_random_part(r, &mut parts);
    Program { parts }
}

/// Handles the failures of `parts` from a random part on, as a `try` that
/// closes the function does (a callback: its own check, at random).
fn handle_from_random_part(r: &mut Rng, parts: &mut [Part]) {
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

/// A random handler that makes both default drinks: each of the six steps
/// called once, in a random order, in random calls and joins (each machine
/// has one step, so it is waited for one way).
fn random_handler(r: &mut Rng) -> Program {
    // Every step of the catalogue but the price lookup (no default recipe
    // has it).
    let mut steps: Vec<StepId> = StepId::ALL
        .into_iter()
        .filter(|&s| s != StepId::Lookup)
        .collect();
    for i in (1..steps.len()).rev() {
        steps.swap(i, r.below(i + 1));
    }
    let is_async = r.below(4) != 0;
    let helper = r.below(3) == 0;
    let mut parts = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        let take = (1 + r.below(3)).min(steps.len() - i);
        let group = &steps[i..i + take];
        i += take;
        let call = |step: StepId, wait: Wait| {
            let via = if helper && step == StepId::Pour {
                Via::Helper
            } else {
                Via::Direct
            };
            let machine = step.machine().is_some() || via == Via::Helper;
            Call {
                step,
                wait: if machine { wait } else { Wait::Block },
                via,
                handled: false,
            }
        };
        if is_async && take > 1 && r.below(2) == 0 {
            // Split the group into branches, some of them sequences.
            let mut branches = Vec::new();
            let mut j = 0;
            while j < group.len() {
                let len = (1 + r.below(2)).min(group.len() - j);
                let wait = if len == 1 { Wait::Joined } else { Wait::Await };
                branches.push(group[j..j + len].iter().map(|&s| call(s, wait)).collect());
                j += len;
            }
            parts.push(Part::All {
                branches,
                handled: false,
            });
        } else {
            let wait = if is_async {
                Wait::Await
            } else if r.below(2) == 0 {
                Wait::Callback
            } else {
                Wait::Block
            };
            parts.extend(group.iter().map(|&s| Part::Call(call(s, wait))));
        }
    }
    handle_from_random_part(r, &mut parts);
    Program { parts }
}

#[test]
fn random_handlers_keep_the_event_loops_rules_on_random_cafes() {
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut ran = 0;
    for k in 0..400 {
        let p = random_handler(&mut r);
        let seed = (k + 1).to_string();
        let fail = ["0", "0.1", "0.3"][k % 3];
        let pairs = [
            ("seed", seed.as_str()),
            ("customers", "25"),
            ("arrivals", "poisson"),
            ("interval_ms", "250"),
            ("durations", "exponential"),
            ("pay_fail", fail),
            ("steam_fail", fail),
            ("heat_fail", fail),
            ("helpers", "1"),
            ("steamers", if k % 2 == 0 { "1" } else { "2" }),
        ];
        let inst = instance(&pairs);
        let flows = Flow::for_instance(&p, &inst).unwrap_or_else(|e| panic!("{e}: {p:?}"));
        let running = inst.running(&flows);
        let trace = simulate_flows(&running, Strategy::Yours, &flows);
        super::support::check_invariants(&running, &trace);
        // Every order ends: served, a cookie, or lost (never stuck).
        assert_eq!(trace.orders.len(), 25);
        // The same run for the numbers alone agrees with the trace.
        let numbers =
            espresso_engine::sim::simulate_numbers_flows(&running, Strategy::Yours, flows.clone());
        assert_eq!(numbers.orders, trace.orders);
        assert_eq!(numbers.digest(&running), trace.digest());
        // The index the page reads agrees with a snapshot replayed from the
        // start, at the events' own instants.
        if k % 8 == 0 {
            let index = espresso_engine::TraceIndex::new(&running, &trace);
            for e in trace.events.iter().step_by(trace.events.len() / 40 + 1) {
                let t = e.t;
                let snap = espresso_engine::snapshot_at(&running, &trace, t);
                assert_eq!(index.barista(t), snap.barista, "{t:?}");
                assert_eq!(index.microtasks(t), snap.microtasks, "{t:?}");
                let (tasks, _) = index.tasks(&running, &trace, t, usize::MAX);
                assert_eq!(tasks, snap.tasks, "{t:?}");
                for m in &snap.machines {
                    assert_eq!(index.units(m.kind, t), m.units, "{:?} at {t:?}", m.kind);
                }
                for (o, view) in snap.orders.iter().enumerate() {
                    assert_eq!(
                        &index.order_view(&running, &trace, o, t),
                        view,
                        "{o} at {t:?}"
                    );
                }
            }
        }
        ran += 1;
    }
    assert_eq!(ran, 400);
}
