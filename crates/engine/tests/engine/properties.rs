//! Properties over random scenarios: what must hold for every café.

use crate::support::check_invariants;
use espresso_engine::breaker::Circuit;
use espresso_engine::metrics::{metrics, series};
use espresso_engine::params::parse_lenient;
use espresso_engine::scenario::{Instance, MachineKind, StepId};
use espresso_engine::snapshot::{Unit, snapshot_at};
use espresso_engine::trace::{Act, Rejection, What};
use espresso_engine::{Scenario, SimTime, Strategy, TraceIndex, simulate};
use proptest::prelude::{
    ProptestConfig, prop, prop_assert, prop_assert_eq, prop_assert_ne, prop_assume, proptest,
};
use proptest::strategy::Strategy as _;

/// Pools, a breaker and a cache, each switched on about half the time, as
/// parameter pairs (recipes get a leading lookup when the cache is on, or
/// sometimes without it).
fn mechanisms() -> impl proptest::strategy::Strategy<Value = (Vec<(String, String)>, [bool; 2])> {
    (
        (prop::bool::ANY, 0u32..2000, 0u32..300),
        (
            prop::bool::ANY,
            0u32..1500,
            1u32..=100,
            0u32..5000,
            1u32..12,
        ),
        (
            prop::bool::ANY,
            prop::bool::ANY,
            prop::bool::ANY,
            0u32..3000,
            0u32..5,
        ),
        (1u32..3, 0u32..30, 1u32..400),
    )
        .prop_map(|(pool, breaker, cache, menu)| {
            let mut pairs: Vec<(String, String)> = Vec::new();
            let mut set = |k: &str, v: String| pairs.push((k.to_string(), v));
            if pool.0 {
                set("pool_idle_ms", pool.1.to_string());
                set("warmup_ms", pool.2.to_string());
            }
            if breaker.0 {
                set("breaker", "true".into());
                set("breaker_timeout_ms", breaker.1.to_string());
                set("breaker_threshold", breaker.2.to_string());
                set("breaker_reset_ms", breaker.3.to_string());
                set("breaker_window", breaker.4.to_string());
            }
            let (cache_on, latte, pourover, ttl, hit) = cache;
            if cache_on || latte || pourover {
                set("menus", menu.0.to_string());
                set("lookup_fail", (f64::from(menu.1) / 100.0).to_string());
                set("lookup_ms", menu.2.to_string());
            }
            if cache_on {
                set("cache", "true".into());
                set("cache_ttl_ms", ttl.to_string());
                set("cache_hit_ms", hit.to_string());
            }
            // Which recipes start with a lookup (applied by `scenarios`).
            (pairs, [latte || cache_on, pourover])
        })
}

/// A random but valid scenario, built through the parameter parser.
pub fn scenarios() -> impl proptest::strategy::Strategy<Value = Scenario> {
    let steps = prop::sample::subsequence(
        vec!["pay", "grind", "steam", "heat", "pour", "assemble"],
        1..=5,
    )
    .prop_shuffle();
    (
        (1u32..24, prop::bool::ANY, 0u32..700, 0u32..4, 0u64..1000),
        (
            prop::sample::select(vec!["fixed", "exponential", "uniform"]),
            prop::collection::vec(0u32..1600, 6),
        ),
        (
            prop::collection::vec(0u32..40, 4),
            prop::collection::vec(1u32..4, 4),
            0u32..3,
            prop::bool::ANY,
        ),
        (
            0u32..80,
            0u32..12,
            0u32..40,
            prop::bool::ANY,
            prop::bool::ANY,
        ),
        (steps.clone(), steps),
        mechanisms(),
    )
        .prop_map(
            |(crowd, timing, machines, overheads, recipes, mechanisms)| {
                let (customers, poisson, interval, karen, seed) = crowd;
                let (durations, ms) = timing;
                let (fail_pct, capacity, helpers, offload) = machines;
                let (take, dispatch, cookie, check_err, try_catch) = overheads;
                let mut pairs: Vec<(String, String)> = vec![
                    ("customers".into(), customers.to_string()),
                    (
                        "arrivals".into(),
                        if poisson { "poisson" } else { "fixed" }.into(),
                    ),
                    (
                        "interval_ms".into(),
                        (interval + u32::from(poisson)).to_string(),
                    ),
                    ("karen".into(), karen.min(customers).to_string()),
                    ("seed".into(), seed.to_string()),
                    ("durations".into(), durations.into()),
                    ("helpers".into(), helpers.to_string()),
                    ("offload".into(), (offload && helpers > 0).to_string()),
                    ("offload_over_ms".into(), "700".into()),
                    ("take_order_ms".into(), take.to_string()),
                    ("dispatch_ms".into(), dispatch.to_string()),
                    ("cookie_ms".into(), cookie.to_string()),
                    ("check_err".into(), check_err.to_string()),
                    ("try_catch".into(), try_catch.to_string()),
                ];
                let (extra, lookups) = mechanisms;
                for (key, recipe, lookup) in [
                    ("latte", recipes.0, lookups[0]),
                    ("pourover", recipes.1, lookups[1]),
                ] {
                    let lookup = if lookup { "lookup+" } else { "" };
                    pairs.push((key.into(), format!("{lookup}{}", recipe.join("+"))));
                }
                pairs.extend(extra);
                for (step, v) in ["pay", "grind", "steam", "heat", "pour", "assemble"]
                    .iter()
                    .zip(&ms)
                {
                    pairs.push((format!("{step}_ms"), v.to_string()));
                }
                for (step, pct) in ["pay", "grind", "steam", "heat"].iter().zip(&fail_pct) {
                    pairs.push((
                        format!("{step}_fail"),
                        (f64::from(*pct) / 100.0).to_string(),
                    ));
                }
                for (key, c) in ["readers", "grinders", "steamers", "kettles"]
                    .iter()
                    .zip(&capacity)
                {
                    pairs.push((key.to_string(), c.to_string()));
                }
                let (s, errors) = parse_lenient(
                    Scenario::default(),
                    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                );
                assert!(
                    errors.is_empty(),
                    "generator made a bad scenario: {errors:?}"
                );
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_trace_keeps_the_rules(s in scenarios()) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            check_invariants(&inst, &trace);
            let m = metrics(&inst, &trace);
            let total = m.working_ms + m.blocked_ms + m.idle_ms;
            prop_assert!((total - m.makespan_ms).abs() < 1e-6, "barista time adds up");
            if strategy != Strategy::Blocking {
                prop_assert_eq!(m.blocked_ms, 0.0);
            }
            prop_assert_eq!(m.served + m.cookies + m.lost, inst.orders.len());
        }
    }

    #[test]
    fn callbacks_and_await_give_identical_times(s in scenarios()) {
        // The same program written two ways: errors handled alike.
        let mut s = s;
        s.check_err = s.try_catch;
        let inst = Instance::new(&s);
        let callbacks = simulate(&inst, Strategy::Callbacks);
        let awaits = simulate(&inst, Strategy::Await);
        prop_assert_eq!(&callbacks.orders, &awaits.orders);
        prop_assert_eq!(callbacks.end, awaits.end);
    }

    #[test]
    fn littles_law_holds_on_the_runs_own_numbers(s in scenarios()) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let m = metrics(&inst, &trace);
            let end = trace.end.as_ms();
            prop_assume!(end > 0.0);
            // L from the in-flight time series ...
            let series = series(&trace);
            let mut area = 0.0;
            for w in series.in_flight.windows(2) {
                area += f64::from(w[0].1) * (w[1].0.as_ms() - w[0].0.as_ms());
            }
            if let Some(last) = series.in_flight.last() {
                area += f64::from(last.1) * (end - last.0.as_ms());
            }
            let l = area / end;
            // ... equals λ·W from the orders (lost orders stay until the end).
            let n = trace.orders.len() as f64;
            let w: f64 = trace.orders.iter().map(|r| match r.latency() {
                Some(l) => l.as_ms(),
                None => end - r.arrived.as_ms(),
            }).sum::<f64>() / n;
            let lambda_w = n / end * w;
            prop_assert!((l - lambda_w).abs() <= 1e-6 * lambda_w.max(1.0), "L {} vs λW {}", l, lambda_w);
            prop_assert!((m.mean_in_flight - l).abs() <= 1e-6 * l.max(1.0));
        }
    }

    #[test]
    fn join_is_never_slower_with_machines_to_spare_and_a_free_barista(
        s in scenarios(),
    ) {
        // Machines to spare (a unit per customer) and customers far enough
        // apart that orders never compete for the barista, no failures.
        let mut s = s;
        let n = s.customers.min(6);
        s.customers = n;
        s.listed.clear();
        s.arrivals = espresso_engine::scenario::Arrivals::Fixed;
        s.interval_ms = 30_000.0;
        s.step_fail = [0.0; 7];
        s.breaker.on = false; // no timeouts either: they are failures
        for kind in MachineKind::ALL {
            s.capacity[kind.index()] = s.capacity[kind.index()].max(n);
        }
        let inst = Instance::new(&s);
        let sequential = simulate(&inst, Strategy::Await);
        let parallel = simulate(&inst, Strategy::Join);
        for (i, (a, b)) in sequential.orders.iter().zip(&parallel.orders).enumerate() {
            prop_assert!(b.ended <= a.ended, "order {}: join {:?} > await {:?}", i, b.ended, a.ended);
        }
    }

    #[test]
    fn snapshots_agree_with_the_trace(s in scenarios(), at in 0u64..20_000_000) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let t = SimTime(at % (trace.end.0 + 1));
            let snap = snapshot_at(&inst, &trace, t);
            // The line is exactly the customers who arrived and were not taken.
            let expected: Vec<u32> = (0..inst.orders.len() as u32)
                .filter(|&o| {
                    let r = &trace.orders[o as usize];
                    r.arrived <= t && r.taken > t
                })
                .collect();
            prop_assert_eq!(&snap.line, &expected);
            for m in &snap.machines {
                prop_assert_eq!(m.units.len() as u32, inst.capacity(m.kind));
                let working = m.units.iter().filter(|u| !matches!(u, Unit::Idle)).count();
                prop_assert!(working as u32 <= inst.capacity(m.kind));
                prop_assert!(m.waiting.is_empty() || working as u32 == inst.capacity(m.kind));
            }
            // At the end, everything has settled.
            let last = snapshot_at(&inst, &trace, trace.end);
            prop_assert!(last.tasks.is_empty() && last.microtasks.is_empty() && last.line.is_empty());
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_trace(s in scenarios()) {
        let a = Instance::new(&s);
        let b = Instance::new(&s.clone());
        for strategy in Strategy::ALL {
            prop_assert_eq!(simulate(&a, strategy).digest(), simulate(&b, strategy).digest());
        }
    }

    #[test]
    fn the_index_answers_exactly_like_a_replay(s in scenarios(), at in prop::collection::vec(0u64..20_000_000, 6)) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let index = TraceIndex::new(&inst, &trace);
            let mut instants: Vec<SimTime> = at.iter().map(|&x| SimTime(x % (trace.end.0 + 1))).collect();
            // Event times themselves are where off-by-one mistakes live.
            for e in trace.events.iter().step_by(trace.events.len() / 5 + 1) {
                instants.push(e.t);
            }
            instants.push(trace.end);
            for t in instants {
                let snap = snapshot_at(&inst, &trace, t);
                prop_assert_eq!(index.barista(t), snap.barista, "barista at {:?}", t);
                prop_assert_eq!(index.running(t), snap.running, "running at {:?}", t);
                let (tasks, total) = index.tasks(&inst, &trace, t, usize::MAX);
                prop_assert_eq!(&tasks, &snap.tasks, "tasks at {:?}", t);
                prop_assert_eq!(total, snap.tasks.len());
                let (first, _) = index.tasks(&inst, &trace, t, 2);
                prop_assert_eq!(&first[..], &snap.tasks[..snap.tasks.len().min(2)]);
                prop_assert_eq!(index.microtasks(t), snap.microtasks.clone(), "microtasks at {:?}", t);
                let line: Vec<u32> = index.line(&inst, &trace, t).map(|o| o as u32).collect();
                prop_assert_eq!(&line, &snap.line);
                prop_assert_eq!(index.circuit(t), snap.circuit, "breaker at {:?}", t);
                for m in &snap.machines {
                    prop_assert_eq!(index.units(m.kind, t), m.units.clone(), "{:?} units at {:?}", m.kind, t);
                    prop_assert_eq!(index.phases(m.kind, t), m.phases.clone(), "{:?} phases at {:?}", m.kind, t);
                    prop_assert_eq!(index.waiting(m.kind, t), m.waiting.clone(), "{:?} queue at {:?}", m.kind, t);
                    prop_assert_eq!(index.waiting_count(m.kind, t), m.waiting.len());
                }
                for (o, view) in snap.orders.iter().enumerate() {
                    prop_assert_eq!(&index.order_view(&inst, &trace, o, t), view, "order {} at {:?}", o, t);
                }
                prop_assert!(index.next_time(t) >= t && index.previous_time(t) <= t);
            }
        }
    }

    #[test]
    fn pools_never_exceed_capacity_and_account_for_every_unit(s in scenarios(), at in prop::collection::vec(0u64..20_000_000, 8)) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let index = TraceIndex::new(&inst, &trace);
            let mut instants: Vec<SimTime> = at.iter().map(|&x| SimTime(x % (trace.end.0 + 1))).collect();
            instants.extend(trace.events.iter().step_by(trace.events.len() / 7 + 1).map(|e| e.t));
            for t in instants {
                for kind in MachineKind::ALL {
                    let c = index.phase_counts(kind, t);
                    prop_assert_eq!(c.busy + c.warming + c.idle + c.cold, inst.capacity(kind), "every unit in one phase");
                    let working = index.units(kind, t).iter().filter(|u| !matches!(u, Unit::Idle)).count() as u32;
                    prop_assert_eq!(working, c.busy + c.warming, "{:?} at {:?}", kind, t);
                    if !s.pool.on() {
                        prop_assert_eq!((c.warming, c.cold), (0, 0), "an off pool is always warm");
                    }
                    if index.waiting_count(kind, t) > 0 {
                        prop_assert_eq!(c.idle + c.cold, 0, "a request waits only when every unit is taken");
                    }
                }
            }
            let m = metrics(&inst, &trace);
            for stats in &m.machines {
                prop_assert!(stats.warmups as usize <= stats.jobs as usize);
                prop_assert!(s.pool.warmup_ms > 0.0 || stats.warmups == 0);
            }
        }
    }

    #[test]
    fn a_breaker_never_lets_a_payment_through_while_open(s in scenarios()) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let index = TraceIndex::new(&inst, &trace);
            let mut made = std::collections::BTreeSet::new();
            let mut fast = 0;
            // The state as the events unfold (several changes can share an
            // instant; the index answers with the last of them).
            let mut circuit = Circuit::Closed;
            let mut changes = vec![(SimTime::ZERO, Circuit::Closed)];
            for e in &trace.events {
                match e.what {
                    What::Circuit { state, .. } => {
                        circuit = state;
                        changes.push((e.t, state));
                        prop_assert_eq!(index.circuit(e.t), index.circuit_series().iter().rev().find(|p| p.0 <= e.t).map(|p| p.1).unwrap());
                    }
                    What::Queue { machine: MachineKind::Reader, order, pos }
                    | What::Warm { machine: MachineKind::Reader, order, pos, .. }
                    | What::Start { machine: MachineKind::Reader, order, pos, .. } => {
                        let first = made.insert((order, pos));
                        prop_assert!(!first || circuit != Circuit::Open, "payment made at {:?}", e.t);
                    }
                    What::Reject { cause: Rejection::FastFail, .. } => {
                        fast += 1;
                        prop_assert_ne!(circuit, Circuit::Closed);
                    }
                    What::Reject { cause: Rejection::TimedOut, .. } => {
                        prop_assert!(strategy != Strategy::Blocking, "synchronous calls cannot time out");
                    }
                    _ => {}
                }
            }
            let m = metrics(&inst, &trace);
            match m.breaker {
                Some(b) => {
                    prop_assert_eq!(b.fast_failed, fast);
                    prop_assert!(b.open_ms + b.half_open_ms <= m.makespan_ms + 1e-9);
                    prop_assert_eq!(b.trips as usize, changes.iter().filter(|p| p.1 == Circuit::Open).count());
                    prop_assert_eq!(index.circuit_series(), &changes[..]);
                }
                None => prop_assert!(!s.breaker.on && index.circuit_series().len() == 1),
            }
        }
    }

    #[test]
    fn helpers_never_run_more_jobs_than_there_are_heavy_steps(s in scenarios()) {
        let inst = Instance::new(&s);
        let heavy: usize = (0..inst.orders.len())
            .map(|o| inst.plan(o).iter().filter(|p| p.machine == Some(MachineKind::Helper)).count())
            .sum();
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let mut jobs = std::collections::BTreeSet::new();
            for e in &trace.events {
                match e.what {
                    What::Start { machine: MachineKind::Helper, order, pos, .. } => {
                        prop_assert!(jobs.insert((order, pos)), "a step handed over twice");
                        prop_assert_eq!(inst.plan(order as usize)[pos as usize].machine, Some(MachineKind::Helper));
                    }
                    What::Work { act: Act::Step, order, pos, .. } => {
                        let step = inst.plan(order as usize)[pos as usize];
                        prop_assert!(step.machine != Some(MachineKind::Helper), "the barista did a handed-over step");
                    }
                    _ => {}
                }
            }
            prop_assert!(jobs.len() <= heavy);
            if s.offload {
                let pour = inst.plans.iter().flatten().filter(|p| p.step == StepId::Pour);
                for p in pour {
                    prop_assert_eq!(p.machine, Some(MachineKind::Helper), "the hand-pour always goes to a helper");
                }
            }
        }
    }

    #[test]
    fn cache_hits_never_touch_the_menu_server(s in scenarios()) {
        let inst = Instance::new(&s);
        for strategy in Strategy::ALL {
            let trace = simulate(&inst, strategy);
            let m = metrics(&inst, &trace);
            let menu = &m.machines[MachineKind::Menu.index()];
            let lookups = trace.events.iter().filter(|e| matches!(e.what, What::Start { machine: MachineKind::Menu, .. })).count() as u32;
            prop_assert_eq!(menu.jobs, lookups);
            match m.cache {
                Some(c) => {
                    prop_assert_eq!(c.hits + c.misses, c.lookups);
                    prop_assert_eq!(menu.jobs, c.misses, "every miss, and only a miss, goes to the menu server");
                }
                None => prop_assert!(!s.cache.on),
            }
        }
    }
}
