//! A learner's handler in the code panel's three views: random programs
//! (calls in any order, mixed waits, callbacks, `Promise.all` over
//! sequences, a handled suffix) print in every language, the JavaScript
//! reads back as the same program, and, fitted to the default café's
//! drinks and run, every code point an order reaches has a line that says
//! what it is about, in every language.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use espresso_playground::engine::flow::{Call, Flow, Part, Program, Via, Wait};
use espresso_playground::engine::handler::{program, write};
use espresso_playground::engine::params::parse_strict;
use espresso_playground::engine::sim::simulate_flows;
use espresso_playground::engine::snapshot::CodePoint;
use espresso_playground::engine::{Instance, Scenario, SimTime, StepId, Strategy, TraceIndex};
use espresso_playground::listing::{Language, Listing, line_of, listing_of};
use std::collections::BTreeSet;

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

/// Handled from a random part of the handler on (a callback: its own
/// check, at random), as `handler::write` can say it.
fn handle_from(r: &mut Rng, parts: &mut [Part]) {
    let from = r.below(parts.len() + 1);
    for (i, part) in parts.iter_mut().enumerate() {
        match part {
            Part::Call(c) if c.wait == Wait::Callback => {
                c.handled = r.below(2) == 0 && c.step.machine().is_some();
            }
            Part::Call(c) => c.handled = i >= from && c.step.machine().is_some(),
            Part::All { handled, branches } => {
                *handled = i >= from;
                for c in branches.iter_mut().flatten() {
                    c.handled = *handled && c.step.machine().is_some();
                }
            }
        }
    }
}

/// A random program `handler::write` can say: calls (any step, any
/// number of times) and joins of calls and sequences.
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
    handle_from(r, &mut parts);
    Program { parts }
}

/// A random handler that makes both default drinks: each of the six steps
/// called once, in a random order, in calls (blocking, callbacks, awaited:
/// mixed when not `async`) and joins of calls and sequences.
fn random_handler(r: &mut Rng, helper: bool, breaker: bool) -> Program {
    let mut steps = [
        StepId::Pay,
        StepId::Grind,
        StepId::Steam,
        StepId::Heat,
        StepId::Pour,
        StepId::Assemble,
    ];
    for i in (1..steps.len()).rev() {
        steps.swap(i, r.below(i + 1));
    }
    let is_async = r.below(4) != 0;
    let mut parts = Vec::new();
    let mut i = 0;
    while i < steps.len() {
        let take = (1 + r.below(3)).min(steps.len() - i);
        let group = &steps[i..i + take];
        i += take;
        let call = |step: StepId, wait: Wait| {
            let via = if helper && step == StepId::Pour {
                Via::Helper
            } else if breaker && step == StepId::Pay {
                Via::Breaker
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
    handle_from(r, &mut parts);
    Program { parts }
}

#[test]
fn a_written_programs_javascript_reads_back_as_the_program() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut joins, mut sequences, mut callbacks, mut checked) = (0, 0, 0, 0);
    let mut texts = BTreeSet::new();
    while checked < 600 {
        let p = random_program(&mut r);
        if write(&p).is_none() {
            continue; // Handled, then not, in one function: no `try` says it.
        }
        for part in &p.parts {
            match part {
                Part::All { branches, .. } => {
                    joins += 1;
                    sequences += branches.iter().filter(|b| b.len() > 1).count();
                }
                Part::Call(c) => callbacks += usize::from(c.wait == Wait::Callback),
            }
        }
        // Every call a step no drink has: numbered after the (empty) recipe.
        let flow = Flow::default();
        let js = listing_of(&p, &flow, Language::JavaScript).text();
        let back = program(&js).unwrap_or_else(|e| panic!("{e}\n{js}"));
        assert_eq!(back, p, "\n{js}");
        for language in [Language::Rust, Language::Python] {
            let l = listing_of(&p, &flow, language);
            assert_eq!(line_of(&l, CodePoint::NotStarted), Some(0));
            assert!(line_of(&l, CodePoint::TakeOrder).is_some(), "{}", l.text());
        }
        texts.insert(js);
        checked += 1;
    }
    assert!(texts.len() > 400, "{}", texts.len());
    assert!(joins > 100 && sequences > 100 && callbacks > 50);
}

/// The line found for `point` says what it is about.
fn check_fits(l: &Listing, line: usize, point: CodePoint, flow: &Flow) {
    let code = l.lines[line].code();
    let calls = |pos: u8| {
        let step = flow.calls[pos as usize].plan.step;
        let snake = match step {
            StepId::Heat => "heat_water",
            StepId::Pour => "hand_pour",
            _ => step.key(),
        };
        code.contains(step.function())
            || code.contains(snake)
            || (step == StepId::Pay && code.contains("breaker."))
    };
    let ok = match point {
        CodePoint::NotStarted => line == 0,
        CodePoint::TakeOrder => code.contains("ake_order") || code.contains("takeOrder"),
        CodePoint::Call(p) | CodePoint::Await(p) | CodePoint::Blocked(p) | CodePoint::Cpu(p) => {
            calls(p)
        }
        CodePoint::AwaitAll => {
            code.contains("Promise.all") || code.contains("try_join!") || code.contains("gather")
        }
        CodePoint::Catch => code.contains("ookie"),
        CodePoint::Done => code.contains("serve"),
        CodePoint::Lost => {
            code.contains("dropped")
                || code.contains("Promise.all")
                || code.contains("try_join!")
                || code.contains("gather")
                || flow.calls.iter().enumerate().any(|(pos, c)| {
                    c.plan.step.machine().is_some() && !c.absent && calls(pos as u8)
                })
        }
    };
    assert!(ok, "{point:?} → line {line} `{code}`\n{}", l.text());
}

#[test]
fn every_code_point_a_written_handlers_order_reaches_has_a_line_in_every_language() {
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let mut seen = BTreeSet::new();
    for k in 0..150 {
        let helper = k % 3 == 0;
        let breaker = k % 4 == 1;
        let p = random_handler(&mut r, helper, breaker);
        let seed = (k + 1).to_string();
        let fail = ["0.1", "0.3"][k % 2];
        let pairs = [
            ("seed", seed.as_str()),
            ("customers", "16"),
            ("arrivals", "poisson"),
            ("interval_ms", "250"),
            ("pay_fail", fail),
            ("steam_fail", fail),
            ("heat_fail", fail),
            ("helpers", "1"),
            ("breaker", if breaker { "true" } else { "false" }),
        ];
        let s: Scenario = parse_strict(Scenario::default(), pairs).unwrap();
        let inst = Instance::new(&s);
        let flows = Flow::for_instance(&p, &inst).unwrap_or_else(|e| panic!("{e}: {p:?}"));
        let running = inst.running(&flows);
        let trace = simulate_flows(&running, Strategy::Yours, &flows);
        let index = TraceIndex::new(&running, &trace);
        let listings: Vec<Vec<Listing>> = flows
            .iter()
            .map(|flow| {
                Language::ALL
                    .iter()
                    .map(|&language| listing_of(&p, flow, language))
                    .collect()
            })
            .collect();
        let mut times: Vec<SimTime> = trace.events.iter().map(|e| e.t).collect();
        times.extend(
            trace
                .events
                .windows(2)
                .map(|w| SimTime((w[0].t.0 + w[1].t.0) / 2)),
        );
        times.push(trace.end + SimTime::from_ms(1.0));
        let mut checked = BTreeSet::new();
        for t in times {
            for o in 0..running.orders.len() {
                let point = index.code_point(&running, &trace, o, t);
                let drink = running.orders[o].drink.index();
                if !checked.insert((drink, format!("{point:?}"))) {
                    continue;
                }
                for l in &listings[drink] {
                    let line = line_of(l, point).unwrap_or_else(|| {
                        panic!("{:?}: no line for {point:?}\n{}", l.language, l.text())
                    });
                    check_fits(l, line, point, &flows[drink]);
                }
                seen.insert(format!("{point:?}"));
            }
        }
    }
    for expected in [
        "TakeOrder",
        "AwaitAll",
        "Catch",
        "Lost",
        "Done",
        "Blocked(0)",
        "Await(1)",
        "Call(0)",
        "Cpu(4)",
    ] {
        assert!(seen.contains(expected), "never saw {expected}: {seen:?}");
    }
}
