//! Helpers shared by the engine tests: scenarios from parameter pairs, and
//! checks every trace must pass.

use async_espresso::engine::params::parse_strict;
use async_espresso::engine::scenario::{Instance, MachineKind};
use async_espresso::engine::trace::{JobKind, Outcome, Trace, What};
use async_espresso::engine::{Scenario, Strategy};
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
pub fn ms(t: async_espresso::engine::SimTime) -> f64 {
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
    // One job at a time: work segments never overlap, and a job starts only
    // when the previous segment is over.
    let mut busy_until = async_espresso::engine::SimTime::ZERO;
    // Microtasks drain before any task, in FIFO order.
    let mut microtasks: VecDeque<_> = VecDeque::new();
    // Machines never exceed capacity; units are used one request at a time.
    let mut busy: Vec<Vec<bool>> = MachineKind::ALL
        .iter()
        .map(|&m| vec![false; inst.capacity(m) as usize])
        .collect();
    let mut ends = vec![0u32; inst.orders.len()];
    let mut last_release: Option<(MachineKind, u8, async_espresso::engine::SimTime)> = None;
    let mut waiting: Vec<VecDeque<(u32, u8)>> = vec![VecDeque::new(); 5];
    for e in &trace.events {
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
                    busy[machine.index()].iter().all(|&b| b),
                    "queued with a free unit"
                );
                waiting[machine.index()].push_back((order, pos));
            }
            What::Start {
                machine,
                unit,
                order,
                pos,
                ..
            } => {
                let m = machine.index();
                let slot = busy[m]
                    .get_mut(unit as usize)
                    .expect("unit within capacity");
                assert!(!*slot, "unit {unit} of {machine:?} started twice");
                *slot = true;
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
                let slot = &mut busy[machine.index()][unit as usize];
                assert!(*slot, "released an idle unit");
                *slot = false;
                last_release = Some((machine, unit, e.t));
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
        busy.iter().flatten().all(|&b| !b),
        "units still busy at the end"
    );
    // Every order ends exactly once; lost only on an unhandled error path.
    for (i, &n) in ends.iter().enumerate() {
        assert_eq!(n, 1, "order {i} ended {n} times");
        let fails = inst
            .plan(i)
            .iter()
            .any(|p| p.step.machine().is_some() && inst.orders[i].fails(p.step));
        let expected = match (fails, handled(s, trace.strategy)) {
            (false, _) => Outcome::Served,
            (true, true) => Outcome::Cookie,
            (true, false) => Outcome::Lost,
        };
        assert_eq!(trace.orders[i].outcome, expected, "order {i}");
        assert!(trace.orders[i].taken >= trace.orders[i].arrived);
        assert!(trace.orders[i].ended >= trace.orders[i].taken);
    }
    assert!(busy_until <= trace.end);
}
