//! Every JavaScript listing the code panel prints is a handler the parser
//! reads: every strategy × error handling × mechanism, for every drink of
//! every preset and lesson, and every combination of the toggles, with the
//! tree the listing was written from (its steps, `async`, `try`, cookies,
//! `Promise.all`); and lowered, it is the program of its strategy
//! (`Program::builtin`), which fits its drink as the built-in flow does.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use espresso_playground::engine::flow::{Flow, Program};
use espresso_playground::engine::handler::program;
use espresso_playground::engine::handler::{
    ExprKind, FunctionBody, Handler, Known, StmtKind, parse, step_named,
};
use espresso_playground::engine::params::parse_strict;
use espresso_playground::engine::presets::presets;
use espresso_playground::engine::scenario::{PlanStep, StepId};
use espresso_playground::engine::{Drink, Instance, Scenario, Strategy};
use espresso_playground::lessons::lessons;
use espresso_playground::listing::{ErrorHandling, Language, Mechanisms, listing_with};
use std::collections::BTreeSet;

/// The scenarios of every preset and every lesson step.
fn base_scenarios() -> Vec<Scenario> {
    let mut all: Vec<Scenario> = presets().iter().map(|p| p.scenario().unwrap()).collect();
    for lesson in lessons() {
        for step in &lesson.steps {
            all.push(step.scenario().unwrap());
        }
    }
    all
}

/// The scenario `base` and its plans with helpers taking the heavy CPU steps (`offload`)
/// or not, and with a price lookup first in every recipe (`lookup`) or
/// not: the toggles that change the plans.
fn plans(base: &Scenario, offload: bool, lookup: bool) -> (Scenario, [Vec<PlanStep>; 2]) {
    let flag = if offload { "true" } else { "false" };
    let helpers = if offload { "2" } else { "0" };
    let mut s = parse_strict(base.clone(), [("offload", flag), ("helpers", helpers)]).unwrap();
    if lookup {
        for recipe in &mut s.recipes {
            if recipe.first() != Some(&StepId::Lookup) {
                recipe.insert(0, StepId::Lookup);
            }
        }
    }
    let plans = Instance::new(&s).plans;
    (s, plans)
}

/// The four combinations of two flags.
const BOTH_WAYS: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// The steps a call stands for: its own, the breaker's payment, or the
/// step a helper or the cache is handed (`helpers.run(handPour, order)`).
fn steps_called(h: &Handler) -> Vec<StepId> {
    let mut steps: Vec<StepId> = h
        .calls()
        .iter()
        .filter_map(|call| match call.known? {
            Known::Step(step) => Some(step),
            Known::BreakerFire => Some(StepId::Pay),
            Known::HelpersRun | Known::HelpersRunAndWait | Known::CacheFetch => {
                match &call.args.first()?.kind {
                    ExprKind::Name(name) => step_named(name),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    steps.sort();
    steps
}

fn count(h: &Handler, known: Known) -> usize {
    h.calls().iter().filter(|c| c.known == Some(known)).count()
}

/// The listing's tree has the shape the listing was written from.
fn check_shape(
    h: &Handler,
    strategy: Strategy,
    plan: &[PlanStep],
    errors: ErrorHandling,
    text: &str,
) {
    let unknown: Vec<_> = h
        .calls()
        .iter()
        .filter(|c| c.known.is_none())
        .map(|c| c.callee.span)
        .collect();
    assert!(unknown.is_empty(), "unknown calls at {unknown:?}\n{text}");
    let mut expected: Vec<StepId> = plan.iter().map(|s| s.step).collect();
    expected.sort();
    assert_eq!(steps_called(h), expected, "{text}");
    let f = &h.function;
    assert_eq!(
        f.name.as_ref().map(|n| n.name.as_str()),
        Some("handleOrder")
    );
    assert_eq!(
        f.is_async,
        matches!(strategy, Strategy::Await | Strategy::Join),
        "{text}"
    );
    let FunctionBody::Block(body) = &f.body else {
        panic!("{text}")
    };
    let has_try = body
        .stmts
        .iter()
        .any(|s| matches!(s.kind, StmtKind::Try { .. }));
    let handled = errors.handled(strategy);
    assert_eq!(
        has_try,
        handled && strategy != Strategy::Callbacks,
        "{text}"
    );
    let waits = plan.iter().filter(|s| s.machine.is_some()).count();
    let cookies = match (handled, strategy) {
        (false, _) => 0,
        (true, Strategy::Callbacks) => waits,
        (true, _) => 1,
    };
    assert_eq!(count(h, Known::OfferFreeCookie), cookies, "{text}");
    let joins = usize::from(strategy == Strategy::Join && plan.iter().any(|s| s.is_io()));
    assert_eq!(count(h, Known::PromiseAll), joins, "{text}");
    assert_eq!(count(h, Known::TakeOrder), 1, "{text}");
    assert_eq!(count(h, Known::Serve), 1, "{text}");
}

/// One listing the code panel prints, with what it was written for.
struct Case {
    /// The scenario, its toggles set as the listing's: helpers when
    /// offloaded, the breaker and the cache on when the listing uses them.
    scenario: Scenario,
    drink: Drink,
    plan: Vec<PlanStep>,
    strategy: Strategy,
    errors: ErrorHandling,
    mechanisms: Mechanisms,
    text: String,
}

/// Every JavaScript listing: every plan the presets and lessons make, with
/// and without the plan toggles, under every error handling and mechanism
/// (2^6 combinations), for each strategy. The same text may come from
/// several combinations (the breaker on a drink that does not pay…).
fn every_listing() -> Vec<Case> {
    let mut cases = Vec::new();
    for base in base_scenarios() {
        for (offload, lookup) in BOTH_WAYS {
            let (scenario, plans) = plans(&base, offload, lookup);
            for (drink, plan) in Drink::ALL.into_iter().zip(plans) {
                for (check_err, try_catch) in BOTH_WAYS {
                    let errors = ErrorHandling {
                        check_err,
                        try_catch,
                    };
                    for (breaker, cache) in BOTH_WAYS {
                        let mechanisms = Mechanisms { breaker, cache };
                        let mut scenario = scenario.clone();
                        scenario.check_err = check_err;
                        scenario.try_catch = try_catch;
                        scenario.breaker.on = breaker;
                        scenario.cache.on = cache;
                        for strategy in Strategy::ALL {
                            let listing = listing_with(
                                strategy,
                                Language::JavaScript,
                                &plan,
                                errors,
                                mechanisms,
                            );
                            cases.push(Case {
                                scenario: scenario.clone(),
                                drink,
                                plan: plan.clone(),
                                strategy,
                                errors,
                                mechanisms,
                                text: listing.text(),
                            });
                        }
                    }
                }
            }
        }
    }
    cases
}

#[test]
fn every_javascript_listing_parses_to_the_tree_it_was_written_from() {
    let mut texts = BTreeSet::new();
    let mut checked = 0;
    for case in every_listing() {
        let text = case.text;
        if !texts.insert(text.clone()) {
            continue;
        }
        let h = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        check_shape(&h, case.strategy, &case.plan, case.errors, &text);
        checked += 1;
    }
    // Enough different listings that every shape is among them: four
    // strategies, two error flags each, two mechanisms, helpers, lookups.
    assert!(checked >= 200, "only {checked} different listings");
    for needle in [
        "helpers.runAndWait(handPour, order);",
        "await helpers.run(handPour, order);",
        "helpers.run(handPour, order, (err) => {",
        "cache.fetch(lookupPrice, order, (err) => {",
        "breaker.fire(order, (err) => {",
        "const price = cache.get(order.drink) ?? await lookupPrice(order);",
        "const price = cache.get(order.drink) ?? lookupPrice(order);",
        "if (err) return; // error dropped: order lost",
        "await Promise.all([\n",
        "await Promise.all([breaker.fire(order), grind(order), steam(order)]);",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(needle)),
            "no listing has {needle:?}"
        );
    }
}

#[test]
fn every_javascript_listing_lowers_to_its_strategys_program_and_fits_its_drink() {
    let mut texts = BTreeSet::new();
    let mut fitted = 0;
    for case in every_listing() {
        let text = &case.text;
        let lowered = program(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let builtin = Program::builtin(
            case.strategy,
            &case.plan,
            case.errors.handled(case.strategy),
            case.mechanisms.breaker,
            case.mechanisms.cache,
        );
        assert_eq!(lowered, builtin, "{:?}\n{text}", case.strategy);
        let flow = Flow::new(&lowered, case.drink, &case.scenario)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(
            flow,
            Flow::builtin(case.strategy, case.drink, &case.scenario, &case.plan),
            "{text}"
        );
        fitted += 1;
        texts.insert(case.text);
    }
    // As many different listings as the parse test reads, each lowered
    // under every combination that prints it.
    assert!(
        texts.len() >= 200,
        "only {} different listings",
        texts.len()
    );
    assert!(fitted > texts.len(), "{fitted} fitted");
}
