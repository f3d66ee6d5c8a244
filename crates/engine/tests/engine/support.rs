//! Helpers shared by the engine tests: scenarios from parameter pairs, and
//! checks every trace must pass.

use espresso_engine::breaker::Circuit;
use espresso_engine::params::parse_strict;
use espresso_engine::scenario::{Instance, MachineKind};
use espresso_engine::trace::{JobKind, Outcome, Rejection, Trace, What};
use espresso_engine::{Scenario, SimTime, Strategy};
use std::collections::VecDeque;

/// The default scenario with `pairs` applied (panics on a bad pair).
pub fn scenario(pairs: &[(&str, &str)]) -> Scenario {
    parse_strict(Scenario::default(), pairs.iter().copied()).unwrap()
}

/// Instance of [`scenario`].
pub fn instance(pairs: &[(&str, &str)]) -> Instance {
    Instance::new(&scenario(pairs))
}

/// Milliseconds as a float, for readable assertions.
pub fn ms(t: espresso_engine::SimTime) -> f64 {
    t.as_ms()
}

/// Whether an error on `strategy` is handled under the scenario's flags.
pub fn handled(s: &Scenario, strategy: Strategy) -> bool {
    match strategy {
        Strategy::Callbacks => s.check_err,
        _ => s.try_catch,
    }
}

/// Checks the invariants every trace must satisfy, panicking with a reason.
pub fn check_invariants(inst: &Instance, trace: &Trace) {
    let s = &inst.scenario;
    // Time never goes backwards.
    for w in trace.events.windows(2) {
        assert!(
            w[0].t <= w[1].t,
            "events out of order: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    assert!(
        trace.events.last().is_none_or(|e| e.t <= trace.end),
        "an event after the end"
    );
    // One job at a time: work segments never overlap, and a job starts only
    // when the previous segment is over.
    let mut busy_until = SimTime::ZERO;
    // Microtasks drain before any task, in FIFO order.
    let mut microtasks: VecDeque<_> = VecDeque::new();
    // Machines never exceed capacity; units are used one request at a time
    // (a unit warming up is taken by the request it warms up for).
    let mut units: Vec<Vec<UnitUse>> = MachineKind::ALL
        .iter()
        .map(|&m| vec![UnitUse::Free; inst.capacity(m) as usize])
        .collect();
    let mut ends = vec![0u32; inst.orders.len()];
    let mut last_release: Option<(MachineKind, u8, SimTime)> = None;
    let mut waiting: Vec<VecDeque<(u32, u8)>> = vec![VecDeque::new(); MachineKind::ALL.len()];
    // The breaker: never lets a payment through while open; one probe at a
    // time while half-open.
    let mut circuit = Circuit::Closed;
    let mut probes = 0;
    let mut admitted = std::collections::BTreeSet::new();
    let mut rejected = vec![false; inst.orders.len()];
    // Cache hits never touch the menu server.
    let mut hits = std::collections::BTreeSet::new();
    for e in &trace.events {
        // A request is made by its first Queue, Warm or Start.
        let made = match e.what {
            What::Queue {
                machine,
                order,
                pos,
            }
            | What::Warm {
                machine,
                order,
                pos,
                ..
            }
            | What::Start {
                machine,
                order,
                pos,
                ..
            } => Some((machine, order, pos)),
            _ => None,
        };
        if let Some((machine, order, pos)) = made {
            if machine == MachineKind::Menu {
                assert!(
                    !hits.contains(&(order, pos)),
                    "a cache hit went to the menu server"
                );
            }
            if machine == MachineKind::Reader && admitted.insert((order, pos)) {
                assert!(s.breaker.on || circuit == Circuit::Closed);
                assert_ne!(
                    circuit,
                    Circuit::Open,
                    "a payment went through an open breaker at {:?}",
                    e.t
                );
                if circuit == Circuit::HalfOpen {
                    probes += 1;
                    assert_eq!(probes, 1, "two probes through a half-open breaker");
                }
            }
        }
        match e.what {
            What::Run { lag, .. } => {
                let job = e.what.job().unwrap();
                assert!(
                    e.t >= busy_until,
                    "job {job:?} started at {:?} while busy until {busy_until:?}",
                    e.t
                );
                if job.kind.is_task() {
                    assert!(
                        microtasks.is_empty(),
                        "task {job:?} ran with microtasks queued at {:?}",
                        e.t
                    );
                } else {
                    assert_eq!(
                        microtasks.pop_front(),
                        Some(job),
                        "microtask out of order at {:?}",
                        e.t
                    );
                }
                if job.kind == JobKind::Arrival {
                    assert_eq!(e.t - lag, inst.orders[job.order as usize].arrival);
                }
            }
            What::Work { until, .. } | What::Block { until, .. } => {
                assert!(e.t >= busy_until, "overlapping work at {:?}", e.t);
                assert!(until >= e.t);
                busy_until = until;
            }
            What::Microtask { .. } => microtasks.push_back(e.what.job().unwrap()),
            What::Queue {
                machine,
                order,
                pos,
            } => {
                assert!(
                    units[machine.index()].iter().all(|&u| u != UnitUse::Free),
                    "queued with a free unit"
                );
                waiting[machine.index()].push_back((order, pos));
            }
            What::Warm {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                let slot = units[machine.index()]
                    .get_mut(unit as usize)
                    .expect("unit within capacity");
                assert_eq!(*slot, UnitUse::Free, "warmed a taken unit");
                assert!(until > e.t && s.pool.warmup_ms > 0.0);
                *slot = UnitUse::Warming(order, pos, until);
            }
            What::Start {
                machine,
                unit,
                order,
                pos,
                ..
            } => {
                let m = machine.index();
                let slot = units[m]
                    .get_mut(unit as usize)
                    .expect("unit within capacity");
                match *slot {
                    UnitUse::Free => {}
                    UnitUse::Warming(o, p, until) => {
                        assert_eq!(
                            (o, p, until),
                            (order, pos, e.t),
                            "started another request than it warmed for, or early"
                        )
                    }
                    UnitUse::Busy => panic!("unit {unit} of {machine:?} started twice"),
                }
                *slot = UnitUse::Busy;
                if waiting[m].front() == Some(&(order, pos)) {
                    waiting[m].pop_front();
                    // A queued request starts only when the barista releases
                    // a unit, at that very moment, on that very unit.
                    assert_eq!(
                        last_release,
                        Some((machine, unit, e.t)),
                        "queued start without release"
                    );
                }
            }
            What::Release { machine, unit } => {
                let slot = &mut units[machine.index()][unit as usize];
                assert_eq!(*slot, UnitUse::Busy, "released a unit that was not working");
                *slot = UnitUse::Free;
                last_release = Some((machine, unit, e.t));
            }
            What::Cool { machine, unit } => {
                assert_eq!(
                    units[machine.index()][unit as usize],
                    UnitUse::Free,
                    "put away a taken unit"
                );
                assert!(s.pool.idle_ms > 0.0);
            }
            What::Circuit { state, until } => {
                assert!(s.breaker.on);
                match (circuit, state) {
                    (Circuit::Closed | Circuit::HalfOpen, Circuit::Open) => {
                        assert_eq!(until, e.t + SimTime::from_ms(s.breaker.reset_ms))
                    }
                    (Circuit::Open, Circuit::HalfOpen) | (Circuit::HalfOpen, Circuit::Closed) => {}
                    other => panic!("breaker went {other:?} at {:?}", e.t),
                }
                circuit = state;
                probes = 0;
            }
            What::Reject { order, pos, cause } => {
                assert!(s.breaker.on);
                assert_eq!(
                    inst.plan(order as usize)[pos as usize].machine,
                    Some(MachineKind::Reader)
                );
                if cause == Rejection::FastFail {
                    assert_ne!(circuit, Circuit::Closed, "failed fast while closed");
                }
                rejected[order as usize] = true;
            }
            What::Cache { order, pos, hit } => {
                assert!(s.cache.on && inst.plan(order as usize)[pos as usize].is_lookup());
                if hit {
                    hits.insert((order, pos));
                }
            }
            What::End { order, .. } => ends[order as usize] += 1,
        }
        if !matches!(e.what, What::Release { .. }) && !matches!(e.what, What::Start { .. }) {
            last_release = None;
        }
    }
    assert!(microtasks.is_empty(), "microtasks left at the end");
    assert!(
        waiting.iter().all(VecDeque::is_empty),
        "requests left waiting"
    );
    assert!(
        units.iter().flatten().all(|&u| u == UnitUse::Free),
        "units still taken at the end"
    );
    // Every order ends exactly once; lost only on an unhandled error path.
    for (i, &n) in ends.iter().enumerate() {
        assert_eq!(n, 1, "order {i} ended {n} times");
        let fails = rejected[i]
            || inst.plan(i).iter().enumerate().any(|(pos, p)| {
                p.step.machine().is_some()
                    && inst.orders[i].fails(p.step)
                    && !hits.contains(&(i as u32, pos as u8))
            });
        let outcome = trace.orders[i].outcome;
        match (fails, trace.strategy) {
            (false, _) => assert_eq!(outcome, Outcome::Served, "order {i}"),
            // A written handler handles some calls and not others: which
            // depends on the call that failed first.
            (true, Strategy::Yours) => assert_ne!(outcome, Outcome::Served, "order {i}"),
            (true, strategy) => {
                let expected = if handled(s, strategy) {
                    Outcome::Cookie
                } else {
                    Outcome::Lost
                };
                assert_eq!(outcome, expected, "order {i}");
            }
        }
        assert!(trace.orders[i].taken >= trace.orders[i].arrived);
        assert!(trace.orders[i].ended >= trace.orders[i].taken);
    }
    assert!(busy_until <= trace.end);
}

/// What a machine unit is doing, for [`check_invariants`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitUse {
    Free,
    Warming(u32, u8, SimTime),
    Busy,
}

/// A busy café of `customers`: queues at every machine and every mechanism
/// on (Poisson arrivals, failures, the cache, the breaker, a pool that puts
/// units away, a helper), drawn with `seed`.
pub fn busy_cafe(customers: &str, seed: &str) -> Instance {
    instance(&[
        ("customers", customers),
        ("arrivals", "poisson"),
        ("interval_ms", "90"),
        ("durations", "exponential"),
        ("pay_fail", "0.12"),
        ("steam_fail", "0.04"),
        ("latte", "lookup+pay+grind+steam+assemble"),
        ("lookup_fail", "0.05"),
        ("cache", "true"),
        ("cache_ttl_ms", "500"),
        ("breaker", "true"),
        ("breaker_window", "6"),
        ("pool_idle_ms", "200"),
        ("warmup_ms", "40"),
        ("readers", "2"),
        ("helpers", "1"),
        ("offload", "true"),
        ("check_err", "false"),
        ("seed", seed),
    ])
}
