//! The stories are true: every preset's caption, the Black-Friday case
//! study's numbers and every lesson's answer, checked against the engine.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use async_espresso::engine::params::parse_strict;
use async_espresso::engine::presets::{preset, presets};
use async_espresso::engine::{Drink, Scenario, StepId, Strategy};
use async_espresso::lessons::{Claim, Evidence, check, lesson, lessons, valid_id};
use async_espresso::play::Runs;

const ASYNC: [Strategy; 3] = [Strategy::Callbacks, Strategy::Await, Strategy::Join];

fn scenario(id: &str, pairs: &[(&str, &str)]) -> Scenario {
    let base = preset(id).unwrap().scenario().unwrap();
    parse_strict(base, pairs.iter().copied()).unwrap()
}

fn runs(id: &str, pairs: &[(&str, &str)]) -> Runs {
    Runs::new(&scenario(id, pairs))
}

/// Asserts that `claim` holds for `strategy` in `runs`.
fn assert_claim(runs: &Runs, strategy: Strategy, claim: &str, story: &str) {
    let holds = Claim::parse(claim)
        .unwrap()
        .holds(&Evidence {
            runs,
            strategy,
            before: None,
        })
        .unwrap();
    assert!(holds, "{story}: `{claim}` is false for {}", strategy.key());
}

#[test]
fn every_caption_is_checked_here() {
    let ids: Vec<String> = presets().into_iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            "morning-line",
            "karen",
            "morning-rush",
            "second-steamer",
            "flaky-card-reader",
            "black-friday"
        ],
        "a new preset needs its caption checked in this file"
    );
}

#[test]
fn the_morning_line_blocking_serves_in_turn_and_dev_overtakes_karen() {
    let r = runs("morning-line", &[]);
    let inst = &r.instance;
    assert_eq!(inst.orders.len(), 8);
    assert_eq!(inst.name(2), "Karen");
    assert_eq!(inst.orders[2].drink, Drink::PourOver);
    let ends: Vec<_> = r
        .run(Strategy::Blocking)
        .trace
        .orders
        .iter()
        .map(|o| o.ended)
        .collect();
    assert!(
        ends.windows(2).all(|w| w[0] < w[1]),
        "blocking serves in turn"
    );
    assert_claim(
        &r,
        Strategy::Callbacks,
        "served-before:Dev,Karen",
        "morning line",
    );
    assert_claim(
        &r,
        Strategy::Blocking,
        "served-before:Karen,Dev",
        "morning line",
    );
}

#[test]
fn karen_grows_the_blocking_line_and_freezes_every_loop_until_a_helper_pours() {
    let r = runs("karen", &[]);
    for s in ASYNC {
        assert_claim(
            &r,
            s,
            &format!("max-line:blocking>={}*2", s.key()),
            "line grows",
        );
    }
    assert_claim(&r, Strategy::Blocking, "max-line>5", "line grows");
    for s in Strategy::ALL {
        assert_claim(&r, s, "lag-max>=1s", "the loop freezes");
    }
    let helped = runs("karen", &[("helpers", "1"), ("offload", "true")]);
    for s in ASYNC {
        assert_claim(&helped, s, "lag-max<200ms", "a helper pours");
    }
}

#[test]
fn the_morning_rush_is_capped_by_the_steamer_and_a_second_one_moves_the_cap() {
    let rush = runs("morning-rush", &[]);
    let second = runs("second-steamer", &[]);
    assert_eq!(
        scenario("second-steamer", &[("steamers", "1")]),
        scenario("morning-rush", &[]),
        "the same rush"
    );
    for s in Strategy::ALL {
        assert_claim(&rush, s, "busiest:steamer", "morning rush");
    }
    assert_claim(&rush, Strategy::Blocking, "max-line>20", "blocking's line");
    for s in ASYNC {
        assert_claim(&second, s, "busiest:reader", "the cap moves");
        let (before, after) = (&rush.run(s).metrics, &second.run(s).metrics);
        assert!(
            after.throughput_per_min > before.throughput_per_min * 1.05,
            "{}: {} → {} per minute",
            s.key(),
            before.throughput_per_min,
            after.throughput_per_min
        );
    }
    let (a, b) = (
        &rush.run(Strategy::Blocking).metrics,
        &second.run(Strategy::Blocking).metrics,
    );
    assert_eq!(
        (a.latency, a.throughput_per_min),
        (b.latency, b.throughput_per_min),
        "blocking gains nothing"
    );
}

#[test]
fn the_flaky_card_reader_loses_gives_cookies_and_fails_fast() {
    let r = runs("flaky-card-reader", &[]);
    let failing: Vec<_> = (0..r.instance.orders.len())
        .filter(|&i| r.instance.orders[i].fails(StepId::Pay))
        .map(|i| r.instance.name(i).into_owned())
        .collect();
    assert_eq!(r.instance.orders.len(), 12);
    assert_eq!(failing, ["Ben", "Fay", "Kai"], "one payment in four fails");
    assert_claim(
        &r,
        Strategy::Callbacks,
        "lost=3 & cookies=0",
        "unchecked callbacks",
    );
    assert_claim(&r, Strategy::Await, "cookies=3 & lost=0", "try/catch");
    assert_claim(&r, Strategy::Blocking, "cookies=3 & lost=0", "try/catch");
    assert_claim(&r, Strategy::Join, "cookies=3 & lost=0", "try/catch");
    assert_claim(
        &r,
        Strategy::Join,
        "fails-fast & wasted>await",
        "Promise.all",
    );
}

#[test]
fn black_friday_is_seconds_in_every_strategy() {
    let r = runs("black-friday", &[]);
    assert_eq!(r.instance.orders.len(), 300);
    for s in Strategy::ALL {
        assert_claim(&r, s, "p95>=1s", "p95 is seconds");
    }
}

/// The essay's case study: the lesson's last step (join, worker threads, a
/// cache, a second steamer) against the preset run by callback code.
#[test]
fn black_friday_fixes_take_p95_under_a_tenth() {
    let before = runs("black-friday", &[])
        .run(Strategy::Callbacks)
        .metrics
        .latency
        .p95_ms;
    let fixed = lesson("black-friday").unwrap().steps.pop().unwrap();
    let after_runs = Runs::new(&fixed.scenario().unwrap());
    let after = after_runs.run(fixed.strategy).metrics.latency.p95_ms;
    let changes: Vec<String> = fixed.set.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let story = format!(
        "p95 before (callbacks) {before} ms, after ({} + {}) {after} ms",
        fixed.strategy.key(),
        changes.join(" ")
    );
    println!("{story}");
    assert!(before >= 1000.0, "{story}");
    assert!(after < before / 10.0, "{story}");
    assert_eq!(fixed.strategy, Strategy::Join, "{story}");
}

#[test]
fn every_lesson_step_is_answered_by_the_engine() {
    let all = lessons();
    assert!((3..=4).contains(&all.len()), "{} lessons", all.len());
    let mut steps = 0;
    for l in &all {
        assert!(valid_id(&l.id) && !l.title.is_empty(), "{}", l.id);
        assert!((3..=6).contains(&l.steps.len()), "{}", l.id);
        for (i, step) in l.steps.iter().enumerate() {
            let at = format!("{} step {}", l.id, i + 1);
            assert!(preset(&step.preset).is_some(), "{at}");
            assert_eq!(step.answer, step.claims[step.correct], "{at}");
            let (outcomes, measures) = step.evaluate().unwrap_or_else(|e| panic!("{at}: {e}"));
            let expected: Vec<bool> = (0..step.choices.len()).map(|c| c == step.correct).collect();
            let shown: Vec<String> = (0..step.choices.len())
                .map(|c| {
                    format!(
                        "{} [{}] = {} ({})",
                        step.choices[c],
                        step.claims[c].text(),
                        outcomes[c],
                        measures[c].join(", ")
                    )
                })
                .collect();
            assert_eq!(
                outcomes, expected,
                "{at}: only the answer holds: {shown:#?}"
            );
            assert_eq!(check(step), Ok(true), "{at}: `{}`", step.answer.text());
            steps += 1;
        }
    }
    assert!(steps >= 12, "{steps} steps");
}
