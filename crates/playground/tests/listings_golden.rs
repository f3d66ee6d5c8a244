//! Every built-in listing, pinned: every preset and lesson step × offload ×
//! lookup × drink × error flags × breaker and cache × strategy × language,
//! plus odd plans (empty, CPU only, repeated steps, a long join), each
//! listing's text and every line's code points folded into one digest. Any
//! change to any listing shows here; `LISTING_DUMP=path` writes them all out
//! to compare.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use espresso_playground::engine::params::parse_strict;
use espresso_playground::engine::presets::presets;
use espresso_playground::engine::scenario::{MachineKind, PlanStep, StepId};
use espresso_playground::engine::{Drink, Instance, Scenario, Strategy};
use espresso_playground::lessons::lessons;
use espresso_playground::listing::{ErrorHandling, Language, Listing, Mechanisms, listing_with};
use std::fmt::Write as _;

/// The four combinations of two flags.
const BOTH_WAYS: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// Every plan the presets and lessons make, with and without helpers and a
/// leading price lookup, and a few odd ones.
fn every_plan() -> Vec<Vec<PlanStep>> {
    let mut bases: Vec<Scenario> = presets().iter().map(|p| p.scenario().unwrap()).collect();
    for lesson in lessons() {
        for step in &lesson.steps {
            bases.push(step.scenario().unwrap());
        }
    }
    let mut plans = Vec::new();
    for base in &bases {
        for (offload, lookup) in BOTH_WAYS {
            let flag = if offload { "true" } else { "false" };
            let helpers = if offload { "2" } else { "0" };
            let mut s =
                parse_strict(base.clone(), [("offload", flag), ("helpers", helpers)]).unwrap();
            if lookup {
                for recipe in &mut s.recipes {
                    if recipe.first() != Some(&StepId::Lookup) {
                        recipe.insert(0, StepId::Lookup);
                    }
                }
            }
            plans.extend(Instance::new(&s).plans);
        }
    }
    let cpu = |step| PlanStep {
        step,
        machine: None,
    };
    plans.push(Vec::new());
    plans.push(vec![cpu(StepId::Assemble)]);
    plans.push(vec![cpu(StepId::Pour), cpu(StepId::Assemble)]);
    let mut odd = Scenario {
        offload: true,
        ..Scenario::default()
    };
    odd.capacity[MachineKind::Helper.index()] = 1;
    odd.recipes[Drink::Latte.index()] = vec![
        StepId::Assemble,
        StepId::Pay,
        StepId::Pay,
        StepId::Steam,
        StepId::Heat,
        StepId::Pour,
    ];
    odd.recipes[Drink::PourOver.index()] = vec![
        StepId::Lookup,
        StepId::Pay,
        StepId::Grind,
        StepId::Steam,
        StepId::Heat,
        StepId::Assemble,
    ];
    plans.extend(Instance::new(&odd).plans);
    plans
}

/// A listing as text with each line's points.
fn dump(l: &Listing) -> String {
    let mut out = String::new();
    for line in &l.lines {
        let _ = writeln!(out, "{}{}\t{:?}", l.indent(line), line.code(), line.points);
    }
    out
}

/// FNV-1a, 64 bits: stable across runs and toolchains.
fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[test]
fn every_builtin_listing_is_unchanged() {
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut count = 0;
    let mut all = String::new();
    for plan in every_plan() {
        for (check_err, try_catch) in BOTH_WAYS {
            let errors = ErrorHandling {
                check_err,
                try_catch,
            };
            for (breaker, cache) in BOTH_WAYS {
                let mechanisms = Mechanisms { breaker, cache };
                for strategy in Strategy::ALL {
                    for language in Language::ALL {
                        let l = listing_with(strategy, language, &plan, errors, mechanisms);
                        let text = format!(
                            "== {strategy:?} {language:?} {errors:?} {mechanisms:?} {plan:?}\n{}",
                            dump(&l)
                        );
                        h = fnv(text.as_bytes(), h);
                        count += 1;
                        if std::env::var_os("LISTING_DUMP").is_some() {
                            all.push_str(&text);
                        }
                    }
                }
            }
        }
    }
    if let Some(path) = std::env::var_os("LISTING_DUMP") {
        std::fs::write(path, all).unwrap();
    }
    // 42,432 listings ("6d6057487d641cc9") before the lesson
    // `your-own-handler` added its three steps' cafés; unchanged by it.
    assert_eq!(
        (count, format!("{h:016x}")),
        (47_040, "9d904f690ce8ac1d".to_owned())
    );
}
