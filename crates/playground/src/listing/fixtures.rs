//! The plans and flags the listing's tests share.

use super::model::Language;
use super::{ErrorHandling, MAX_COLUMNS, Mechanisms, listing, listing_with};
use crate::engine::Strategy;
use crate::engine::params::parse_strict;
use crate::engine::presets::preset;
use crate::engine::scenario::{MachineKind, PlanStep};
use crate::engine::{Drink, Instance, Scenario};

pub(super) fn plan_of(scenario: &Scenario, drink: Drink) -> Vec<PlanStep> {
    Instance::new(scenario).plans[drink.index()].clone()
}

pub(super) fn latte() -> Vec<PlanStep> {
    plan_of(&Scenario::default(), Drink::Latte)
}

/// Karen's pour-over with the hand-pour handed to a helper.
pub(super) fn offloaded_pour_over() -> Vec<PlanStep> {
    let mut s = Scenario {
        offload: true,
        ..Scenario::default()
    };
    s.capacity[MachineKind::Helper.index()] = 2;
    plan_of(&s, Drink::PourOver)
}

pub(super) const UNHANDLED: ErrorHandling = ErrorHandling {
    check_err: false,
    try_catch: false,
};

/// The scenario of the presets `ids` (later ones win), `extra` on top.
pub(super) fn scenario_of(ids: &[&str], extra: &[(&str, &str)]) -> Scenario {
    let pairs: Vec<(String, String)> = ids
        .iter()
        .flat_map(|id| preset(id).unwrap().pairs)
        .collect();
    let pairs = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    parse_strict(Scenario::default(), pairs.chain(extra.iter().copied())).unwrap()
}

pub(super) const BOTH: Mechanisms = Mechanisms {
    breaker: true,
    cache: true,
};

/// The cached menu's latte: lookup, pay, grind, steam, assemble.
pub(super) fn latte_with_lookup() -> Vec<PlanStep> {
    plan_of(&scenario_of(&["cached-menu"], &[]), Drink::Latte)
}

/// The default latte's listing in `language` reads exactly as each
/// strategy's expected `text`.
pub(super) fn assert_default_latte(language: Language, cases: [(Strategy, &str); 4]) {
    for (strategy, text) in cases {
        let got = listing(strategy, language, &latte(), ErrorHandling::default()).text();
        assert_eq!(got, text, "{strategy:?} in {language:?}");
    }
}

/// The cached menu's latte, with the breaker and the cache on, reads
/// exactly as each case's expected text, and every line fits
/// [`MAX_COLUMNS`].
pub(super) fn assert_guarded(cases: &[(Strategy, Language, ErrorHandling, &str)]) {
    let plan = latte_with_lookup();
    for &(strategy, language, errors, text) in cases {
        let l = listing_with(strategy, language, &plan, errors, BOTH);
        assert_eq!(l.text(), text, "{strategy:?} in {language:?}");
        for line in &l.lines {
            assert!(
                l.indent(line).len() + line.code().len() <= MAX_COLUMNS,
                "{}",
                l.text()
            );
        }
    }
}
