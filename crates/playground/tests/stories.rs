//! The stories are true: every preset's caption, the Black-Friday case
//! study's numbers and every lesson's answer, checked against the engine.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a panic is a failure"
)]

use espresso_playground::engine::params::parse_strict;
use espresso_playground::engine::presets::{preset, presets};
use espresso_playground::engine::scenario::MachineKind;
use espresso_playground::engine::{Drink, Scenario, StepId, Strategy};
use espresso_playground::lessons::{Claim, Evidence, check, lesson, lessons, valid_id};
use espresso_playground::play::Runs;

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
            "black-friday",
            "cold-pool",
            "breaker",
            "cached-menu"
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
    let s = scenario("black-friday", &[]);
    assert_eq!(
        s.recipes[Drink::Latte.index()].first(),
        Some(&StepId::Lookup),
        "every latte looks up its price first"
    );
    assert_eq!(
        s.step_ms[StepId::Lookup.index()],
        150.0,
        "the caption's lookup"
    );
    assert_eq!(s.capacity[MachineKind::Menu.index()], 2, "two menu servers");
    for kind in [
        MachineKind::Reader,
        MachineKind::Grinder,
        MachineKind::Steamer,
    ] {
        assert_eq!(s.capacity[kind.index()], 1, "one of each other machine");
    }
    assert!(!s.cache.on, "no cache");
    assert!(!s.offload, "the barista draws every pug herself");
    for s in Strategy::ALL {
        assert_claim(&r, s, "p95>=1s", "p95 is seconds");
        assert!(r.run(s).metrics.cache.is_none_or(|c| c.hits == 0));
    }
}

#[test]
fn cold_machines_make_every_step_wait_for_a_warm_up_unless_kept_warm() {
    let r = runs("cold-pool", &[]);
    let off = runs("cold-pool", &[("pool_idle_ms", "0"), ("warmup_ms", "0")]);
    let warm = runs("cold-pool", &[("pool_idle_ms", "6000")]);
    assert_eq!(r.instance.orders.len(), 10);
    let warmups = |r: &Runs, s: Strategy| -> u32 {
        r.run(s).metrics.machines.iter().map(|m| m.warmups).sum()
    };
    for s in Strategy::ALL {
        assert_eq!(
            warmups(&r, s),
            30,
            "{}: every machine step warms up",
            s.key()
        );
        assert_eq!(warmups(&warm, s), 3, "{}: only the first order's", s.key());
        assert_eq!(warmups(&off, s), 0);
    }
    let latency = |r: &Runs| r.run(Strategy::Await).metrics.latency;
    assert_eq!((latency(&r).p50_ms, latency(&r).max_ms), (2285.0, 2285.0));
    assert_eq!(
        (latency(&off).p50_ms, latency(&off).max_ms),
        (1085.0, 1085.0)
    );
    assert_eq!(latency(&warm).p50_ms, 1085.0, "warm after the first order");
    assert_eq!(
        scenario("cold-pool", &[]).pool.warmup_ms,
        400.0,
        "the caption's warm-up"
    );
}

#[test]
fn the_breaker_turns_a_hanging_card_reader_into_fast_cookies() {
    let r = runs("breaker", &[]);
    let off = runs("breaker", &[("breaker", "false")]);
    assert_eq!(r.instance.orders.len(), 30);
    for s in ASYNC {
        let m = &r.run(s).metrics;
        let b = m.breaker.unwrap();
        assert_eq!(
            (b.timed_out, b.fast_failed, b.trips, b.open_ms),
            (12, 18, 1, 6000.0),
            "{}: twelve time out, then it opens for 6 s",
            s.key()
        );
        assert_eq!(m.cookies, 30);
        assert!(
            off.run(s).metrics.latency.p95_ms > 60_000.0,
            "over a minute"
        );
    }
    assert_eq!(r.run(Strategy::Await).metrics.latency.p95_ms, 680.0);
    assert_eq!(r.run(Strategy::Callbacks).metrics.latency.p95_ms, 680.0);
    let blocking = r.run(Strategy::Blocking);
    assert_eq!(blocking.metrics.breaker.unwrap().timed_out, 0);
    assert_eq!(
        blocking.metrics.latency,
        off.run(Strategy::Blocking).metrics.latency,
        "blocking code cannot time out"
    );
    let b = scenario("breaker", &[]).breaker;
    assert_eq!(
        (b.timeout_ms, b.threshold_pct, b.window, b.reset_ms),
        (600.0, 50, 10, 6000.0),
        "the essay's breaker in café time"
    );
}

#[test]
fn a_cached_menu_answers_most_lookups_and_halves_p95() {
    let r = runs("cached-menu", &[]);
    let off = runs("cached-menu", &[("cache", "false")]);
    let s = scenario("cached-menu", &[]);
    assert_eq!(s.step_ms[StepId::Lookup.index()], 600.0);
    assert_eq!(s.capacity[MachineKind::Menu.index()], 1);
    assert_eq!(s.cache.ttl_ms, 5000.0);
    let (with, without) = (
        &r.run(Strategy::Await).metrics,
        &off.run(Strategy::Await).metrics,
    );
    let c = with.cache.unwrap();
    assert_eq!((c.lookups, c.hits), (20, 17));
    assert_eq!(
        with.machines[MachineKind::Menu.index()].jobs,
        3,
        "misses only"
    );
    assert!(
        without.latency.p95_ms > 7000.0,
        "{}",
        without.latency.p95_ms
    );
    assert!(
        with.latency.p95_ms <= without.latency.p95_ms / 2.0,
        "p95 halves: {} vs {}",
        with.latency.p95_ms,
        without.latency.p95_ms
    );
}

/// The essay's case study: the lesson's last step (join, worker threads, a
/// real cache, a second grinder) against its first (the preset run by
/// callback code).
#[test]
fn black_friday_fixes_take_p95_under_a_tenth() {
    let mut steps = lesson("black-friday").unwrap().steps;
    let first = steps.remove(0);
    assert_eq!(first.preset, "black-friday");
    assert!(first.set.is_empty(), "the first step is the bare preset");
    assert_eq!(first.strategy, Strategy::Callbacks);
    let before = Runs::new(&first.scenario().unwrap())
        .run(first.strategy)
        .metrics
        .latency
        .p95_ms;
    let fixed = steps.pop().unwrap();
    let after_runs = Runs::new(&fixed.scenario().unwrap());
    let metrics = &after_runs.run(fixed.strategy).metrics;
    let after = metrics.latency.p95_ms;
    let changes: Vec<String> = fixed.set.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let cache = metrics.cache.expect("the fixed café looks up prices");
    let story = format!(
        "p95 before (callbacks) {before} ms, after ({} + {}) {after} ms, \
         cache hits {} of {} lookups",
        fixed.strategy.key(),
        changes.join(" "),
        cache.hits,
        cache.lookups
    );
    println!("{story}");
    assert!(before >= 1000.0, "{story}");
    assert!(after < before / 10.0, "{story}");
    assert_eq!(fixed.strategy, Strategy::Join, "{story}");
    assert!(fixed.scenario().unwrap().cache.on, "{story}");
    assert!(cache.hit_rate > 0.0 && cache.hits > 0, "{story}");
    assert!(
        metrics.machines[MachineKind::Menu.index()].jobs < cache.lookups,
        "hits never reach the menu servers: {story}"
    );
}

#[test]
fn every_lesson_step_is_answered_by_the_engine() {
    let all = lessons();
    assert!((3..=5).contains(&all.len()), "{} lessons", all.len());
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
