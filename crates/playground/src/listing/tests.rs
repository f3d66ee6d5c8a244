//! The listings' shape across strategies and languages, and the walk:
//! every code point an order reaches has a line that says what it is about.

use super::MAX_COLUMNS;
use super::handler::step_fn;
use super::model::{Language, Line};
use crate::engine::Strategy;
use crate::engine::scenario::{MachineKind, PlanStep, StepId};
use crate::engine::snapshot::CodePoint;
use crate::engine::trace::{Rejection, What};
use crate::engine::{Drink, Instance, Outcome, Scenario, SimTime, simulate, snapshot_at};
use crate::listing::fixtures::{
    UNHANDLED, latte, latte_with_lookup, offloaded_pour_over, plan_of, scenario_of,
};
use crate::listing::{ErrorHandling, Listing, Mechanisms, Tok, line_of, listing, listing_with};
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
fn check_fits(l: &Listing, line: usize, point: CodePoint, plan: &[PlanStep], language: Language) {
    let code = l.lines[line].code();
    let name = |step: StepId| step_fn(language, step);
    // A step's call, or the cache or breaker standing in for it.
    let calls = |step: PlanStep| {
        code.contains(name(step.step))
            || (step.is_lookup() && code.contains("cache."))
            || (step.machine == Some(MachineKind::Reader) && code.contains("breaker."))
    };
    let ok = match point {
        CodePoint::NotStarted => line == 0,
        CodePoint::TakeOrder => code.contains("ake_order") || code.contains("takeOrder"),
        CodePoint::Call(p) | CodePoint::Await(p) | CodePoint::Blocked(p) | CodePoint::Cpu(p) => {
            calls(plan[p as usize])
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
                || plan
                    .iter()
                    .any(|&s| (s.is_io() || s.is_lookup()) && calls(s))
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
                let with = |plan: &[PlanStep], m| listing_with(strategy, language, plan, errors, m);
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

/// A learner's handler: a sync call, a join over a call and a sequence,
/// handled from the join on; and a callback whose body awaits.
#[test]
fn a_written_handler_reads_in_every_language() {
    use crate::engine::flow::{Call, Flow, Part, Program, Via, Wait};
    let call = |step, wait, handled| Call {
        step,
        wait,
        via: Via::Direct,
        handled,
    };
    let p = Program {
        parts: vec![
            Part::Call(call(StepId::Assemble, Wait::Block, false)),
            Part::Call(call(StepId::Pay, Wait::Await, false)),
            Part::All {
                branches: vec![
                    vec![call(StepId::Heat, Wait::Joined, true)],
                    vec![
                        call(StepId::Grind, Wait::Await, true),
                        call(StepId::Steam, Wait::Await, true),
                    ],
                ],
                handled: true,
            },
        ],
    };
    let s = Scenario::default();
    let flow = Flow::new(&p, Drink::Latte, &s).unwrap();
    let text = |language| crate::listing::listing_of(&p, &flow, language).text();
    assert_eq!(
        text(Language::JavaScript),
        "\
async function handleOrder(order) {
  takeOrder(order);
  assemble(order);
  await pay(order);
  try {
    await Promise.all([
      heatWater(order),
      (async () => { await grind(order); await steam(order); })(),
    ]);
    serve(order);
  } catch (err) {
    offerFreeCookie(order);
  }
}
"
    );
    assert_eq!(
        text(Language::Rust),
        "\
async fn handle_order(order: &Order) -> Result<(), Error> {
    take_order(order);
    assemble(order);
    pay(order).await?;
    match make_drink(order).await {
        Ok(()) => serve(order),
        Err(_) => offer_free_cookie(order),
    }
    Ok(())
}

async fn make_drink(order: &Order) -> Result<(), Error> {
    futures::try_join!(
        heat_water(order),
        async { grind(order).await?; steam(order).await?; Ok(()) },
    )?;
    Ok(())
}
"
    );
    assert_eq!(
        text(Language::Python),
        "\
async def handle_order(order):
    take_order(order)
    assemble(order)
    await pay(order)
    try:
        async def grind_then_steam():
            await grind(order)
            await steam(order)
        await asyncio.gather(heat_water(order), grind_then_steam())
        serve(order)
    except Exception:
        offer_free_cookie(order)
"
    );
    for language in Language::ALL {
        let l = crate::listing::listing_of(&p, &flow, language);
        let at = |point| l.lines[line_of(&l, point).unwrap()].code();
        assert!(
            at(CodePoint::AwaitAll).contains("all")
                || at(CodePoint::AwaitAll).contains("gather")
                || at(CodePoint::AwaitAll).contains("try_join")
        );
        assert!(at(CodePoint::Await(2)).contains("steam"), "{}", l.text());
        assert!(at(CodePoint::Cpu(3)).contains("assemble"));
        assert!(at(CodePoint::Catch).contains("ookie"));
        assert!(at(CodePoint::Done).contains("serve"));
    }
    // A callback whose body awaits, checked where it is in Rust.
    let p = Program {
        parts: vec![
            Part::Call(call(StepId::Pay, Wait::Callback, true)),
            Part::Call(call(StepId::Grind, Wait::Await, false)),
            Part::Call(call(StepId::Steam, Wait::Await, false)),
            Part::Call(call(StepId::Assemble, Wait::Block, false)),
        ],
    };
    let flow = Flow::new(&p, Drink::Latte, &s).unwrap();
    let text = |language| crate::listing::listing_of(&p, &flow, language).text();
    assert_eq!(
        text(Language::JavaScript),
        "\
function handleOrder(order) {
  takeOrder(order);
  pay(order, async (err) => {
    if (err) return offerFreeCookie(order);
    await grind(order);
    await steam(order);
    assemble(order);
    serve(order);
  });
}
"
    );
    assert_eq!(
        text(Language::Rust),
        "\
fn handle_order(order: Arc<Order>) {
    take_order(&order);
    pay(order.clone(), move |res| async move {
        let Ok(()) = res else { return offer_free_cookie(&order) };
        let Ok(()) = grind(&order).await else { return }; // error dropped: order lost
        let Ok(()) = steam(&order).await else { return }; // error dropped: order lost
        assemble(&order);
        serve(&order);
    });
}
"
    );
    assert_eq!(
        text(Language::Python),
        "\
def handle_order(order):
    take_order(order)
    async def on_paid(err):
        if err: return offer_free_cookie(order)
        await grind(order)
        await steam(order)
        assemble(order)
        serve(order)
    pay(order, on_paid)
"
    );
}
