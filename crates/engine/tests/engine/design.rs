//! The truths the model (docs/model.md) says the café must make visible, checked on the
//! default recipes (exact numbers are worked out by hand in the comments).

use crate::support::{check_invariants, instance, ms};
use espresso_engine::metrics::metrics;
use espresso_engine::scenario::{MachineKind, StepId};
use espresso_engine::trace::{Act, JobKind, Outcome, What};
use espresso_engine::{Scenario, Strategy, simulate, simulate_all};

fn served_ms(pairs: &[(&str, &str)], strategy: Strategy) -> Vec<f64> {
    let inst = instance(pairs);
    let trace = simulate(&inst, strategy);
    check_invariants(&inst, &trace);
    trace.orders.iter().map(|r| ms(r.ended)).collect()
}

#[test]
fn the_tie_at_600_ms_goes_to_karen_who_was_scheduled_first() {
    // Callbacks, default scenario. Ada: take 0–40, press pay 40–45, pay
    // 45–345; her pay callback presses grind 345–350, grind 350–600. Karen
    // arrives at 600 too; her arrival was scheduled first, so the barista
    // takes her order (600–640) and presses her pay button (640–645) before
    // running Ada's grinder task: Ada's steam is pressed 645–650 and starts
    // at 650 instead of 605 — 45 ms late (40 ms taking Karen's order plus
    // 5 ms pressing her payment button).
    let inst = instance(&[]);
    let trace = simulate(&inst, Strategy::Callbacks);
    check_invariants(&inst, &trace);
    assert_eq!(
        ms(trace.orders[2].taken),
        600.0,
        "Karen's order is taken at once"
    );
    let ada_steam = trace
        .events
        .iter()
        .find_map(|e| match e.what {
            What::Start {
                machine: MachineKind::Steamer,
                order: 0,
                ..
            } => Some(ms(e.t)),
            _ => None,
        })
        .unwrap();
    assert_eq!(ada_steam, 650.0);
    let grinder_task = trace
        .events
        .iter()
        .find_map(|e| match e.what {
            What::Run {
                kind,
                order,
                pos,
                lag,
                ..
            } if kind == JobKind::MachineDone && order == 0 && pos == 1 => Some((ms(e.t), ms(lag))),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        grinder_task,
        (645.0, 45.0),
        "Ada's grinder task waited 45 ms: event-loop lag"
    );
    assert_eq!(
        ms(trace.orders[0].ended),
        1130.0,
        "650 + 400 steam + 80 assemble"
    );
}

#[test]
fn blocking_serves_one_order_at_a_time() {
    // A latte takes 40 + (5 + 300) + (5 + 250) + (5 + 400) + 80 = 1085 ms;
    // Karen's pour-over 40 + 305 + 255 + 1205 + 1500 + 80 = 3385 ms.
    let served = served_ms(&[], Strategy::Blocking);
    assert_eq!(served[..4], [1085.0, 2170.0, 5555.0, 6640.0]);
    let inst = instance(&[]);
    let m = metrics(&inst, &simulate(&inst, Strategy::Blocking));
    assert_eq!(
        m.blocked_ms,
        7.0 * 950.0 + 1750.0,
        "standing at every machine"
    );
    assert_eq!(m.working_ms, 7.0 * 135.0 + 1635.0);
    assert_eq!(m.idle_ms, 0.0, "never idle: the line never empties");
    assert!(m.longest_line >= 5, "the line grows: {}", m.longest_line);
}

#[test]
fn with_light_traffic_callbacks_equal_await_and_join_is_faster_per_order() {
    // Customers 5 s apart never meet: each order runs alone.
    let light = [("interval_ms", "5000")];
    let callbacks = served_ms(&light, Strategy::Callbacks);
    let awaits = served_ms(&light, Strategy::Await);
    let join = served_ms(&light, Strategy::Join);
    assert_eq!(callbacks, awaits);
    let inst = instance(&light);
    for (i, o) in inst.orders.iter().enumerate() {
        let arrived = ms(o.arrival);
        let (sequential, parallel) = if i == 2 {
            // take + 3 presses + max(pay, grind, heat from its press) + pour + assemble
            (
                40.0 + 305.0 + 255.0 + 1205.0 + 1500.0 + 80.0,
                40.0 + 15.0 + 1200.0 + 1500.0 + 80.0,
            )
        } else {
            (1085.0, 40.0 + 15.0 + 400.0 + 80.0)
        };
        assert_eq!(callbacks[i] - arrived, sequential, "order {i}");
        assert_eq!(join[i] - arrived, parallel, "order {i}");
    }
}

#[test]
fn under_load_async_beats_blocking_and_the_busiest_machine_caps_everyone() {
    // 150 customers, one every 250 ms on average: the steamer (400 ms a
    // latte) can make at most 150 lattes a minute.
    let rush = [
        ("customers", "150"),
        ("arrivals", "poisson"),
        ("interval_ms", "250"),
        ("karen", "0"),
        ("seed", "11"),
    ];
    let inst = instance(&rush);
    let runs = simulate_all(&inst);
    let m: Vec<_> = runs.iter().map(|t| metrics(&inst, t)).collect();
    let blocking = &m[Strategy::Blocking.index()];
    for s in [Strategy::Callbacks, Strategy::Await, Strategy::Join] {
        let async_run = &m[s.index()];
        assert!(
            async_run.throughput_per_min > 1.3 * blocking.throughput_per_min,
            "{s:?}: {} vs blocking {}",
            async_run.throughput_per_min,
            blocking.throughput_per_min
        );
        assert!(
            async_run.throughput_per_min <= 150.0 * 1.02,
            "{s:?} beats the steamer cap"
        );
        let steamer = &async_run.machines[MachineKind::Steamer.index()];
        assert!(
            steamer.utilisation > 0.9,
            "{s:?}: the steamer is the bottleneck ({})",
            steamer.utilisation
        );
    }
    // A second steamer moves the cap: lattes now flow faster.
    let two = instance(&[rush.as_slice(), &[("steamers", "2")]].concat());
    let m2 = metrics(&two, &simulate(&two, Strategy::Join));
    assert!(m2.throughput_per_min > m[Strategy::Join.index()].throughput_per_min * 1.2);
    assert!(m2.latency.p95_ms < m[Strategy::Join.index()].latency.p95_ms / 2.0);
}

#[test]
fn karens_hand_pour_freezes_the_barista_in_every_strategy_until_helpers_take_it() {
    let karen = [("customers", "12"), ("interval_ms", "250")];
    let inst = instance(&karen);
    for strategy in Strategy::ALL {
        let m = metrics(&inst, &simulate(&inst, strategy));
        assert!(
            m.lag.max_ms >= 1000.0,
            "{strategy:?}: lag max {}",
            m.lag.max_ms
        );
    }
    let helped = instance(&[karen.as_slice(), &[("helpers", "1"), ("offload", "true")]].concat());
    for strategy in [Strategy::Callbacks, Strategy::Await, Strategy::Join] {
        let trace = simulate(&helped, strategy);
        check_invariants(&helped, &trace);
        let m = metrics(&helped, &trace);
        assert!(
            m.lag.max_ms < 300.0,
            "{strategy:?}: lag max with a helper {}",
            m.lag.max_ms
        );
        assert_eq!(
            m.machines[MachineKind::Helper.index()].jobs,
            1,
            "one hand-pour went to the back room"
        );
        assert!(
            !trace.events.iter().any(|e| matches!(
                e.what,
                What::Work {
                    act: Act::Step,
                    pos: 3,
                    order: 2,
                    ..
                }
            )),
            "the barista never hand-pours herself"
        );
    }
}

#[test]
fn errors_are_lost_with_unchecked_callbacks_cookies_with_try_catch_and_join_wastes_work() {
    let flaky = [
        ("customers", "40"),
        ("pay_fail", "0.25"),
        ("steam_fail", "0.1"),
        ("check_err", "false"),
        ("seed", "3"),
    ];
    let inst = instance(&flaky);
    let failing = (0..inst.orders.len())
        .filter(|&i| {
            inst.plan(i)
                .iter()
                .any(|p| p.step.machine().is_some() && inst.orders[i].fails(p.step))
        })
        .count();
    assert!(failing >= 5, "the seed gives failures: {failing}");
    let [blocking, callbacks, awaits, join] = simulate_all(&inst).map(|t| {
        check_invariants(&inst, &t);
        metrics(&inst, &t)
    });
    assert_eq!(
        callbacks.lost, failing,
        "unchecked callbacks lose every failed order"
    );
    assert_eq!(callbacks.cookies, 0);
    for m in [&blocking, &awaits, &join] {
        assert_eq!(
            (m.cookies, m.lost),
            (failing, 0),
            "{}: try/catch gives cookies",
            m.strategy
        );
    }
    // A failed payment in Promise.all: grind and steam run anyway.
    assert!(
        join.wasted_machine_ms > awaits.wasted_machine_ms + 500.0,
        "{} vs {}",
        join.wasted_machine_ms,
        awaits.wasted_machine_ms
    );
    // Lost customers are still waiting at the end.
    let lost_trace = simulate(&inst, Strategy::Callbacks);
    assert!(
        lost_trace
            .orders
            .iter()
            .filter(|r| r.outcome == Outcome::Lost)
            .all(|r| r.latency().is_none())
    );
}

#[test]
fn promise_all_rejects_at_the_first_failure_while_other_machines_keep_working() {
    // One customer whose payment fails: with Promise.all, grind and steam
    // were started with it and finish anyway; the cookie comes when the
    // payment fails (40 + 15 + 300 = 355 → cookie 355–375), before the
    // steamer is done (455).
    let inst = instance(&[("customers", "1"), ("pay_fail", "1")]);
    let trace = simulate(&inst, Strategy::Join);
    check_invariants(&inst, &trace);
    assert_eq!(trace.orders[0].outcome, Outcome::Cookie);
    assert_eq!(ms(trace.orders[0].ended), 40.0 + 5.0 + 300.0 + 20.0);
    assert_eq!(
        ms(trace.end),
        40.0 + 15.0 + 400.0,
        "the steamer still finishes"
    );
    let m = metrics(&inst, &trace);
    assert_eq!(m.wasted_machine_ms, 300.0 + 250.0 + 400.0);
}

#[test]
fn await_resumes_in_microtasks_and_callbacks_continue_inside_the_task() {
    let inst = instance(&[("customers", "1")]);
    let kinds = |s| {
        simulate(&inst, s)
            .events
            .iter()
            .filter_map(|e| match e.what {
                What::Run { kind, .. } => Some(kind),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    use JobKind::*;
    assert_eq!(
        kinds(Strategy::Callbacks),
        [Arrival, MachineDone, MachineDone, MachineDone]
    );
    assert_eq!(
        kinds(Strategy::Await),
        [
            Arrival,
            MachineDone,
            Resume,
            MachineDone,
            Resume,
            MachineDone,
            Resume
        ]
    );
    assert_eq!(
        kinds(Strategy::Join),
        [
            Arrival,
            MachineDone,
            Settle,
            MachineDone,
            Settle,
            MachineDone,
            Settle,
            Joined
        ]
    );
    assert_eq!(kinds(Strategy::Blocking), [Arrival]);
}

#[test]
fn join_can_be_slower_for_someone_else_when_it_pulls_cpu_work_forward() {
    // Not every order gains from Promise.all. Karen's pour-over overlaps its
    // slow payment and kettle, so her 1.5 s hand-pour starts at 2555 ms
    // instead of 4805 ms — exactly when Ben (a quick order) arrives. With
    // sequential await Ben is long gone by then. The barista is shared.
    let pairs = [
        ("list", "Karen@0:pourover,Ben@2600:latte"),
        ("latte", "grind+assemble"),
        ("pay_ms", "2000"),
        ("heat_ms", "2500"),
        ("grinders", "2"),
    ];
    let sequential = served_ms(&pairs, Strategy::Await);
    let parallel = served_ms(&pairs, Strategy::Join);
    assert!(parallel[0] < sequential[0], "Karen gains");
    assert_eq!(sequential[1] - 2600.0, 40.0 + 5.0 + 250.0 + 80.0);
    assert!(
        parallel[1] - 2600.0 > 1000.0,
        "Ben waits for Karen's hand-pour: {}",
        parallel[1]
    );
}

#[test]
fn default_scenario_is_the_morning_line() {
    let inst = instance(&[]);
    assert_eq!(inst.scenario, Scenario::default());
    assert_eq!(inst.orders.len(), 8);
    assert_eq!(inst.orders[2].duration(StepId::Pour).as_ms(), 1500.0);
}

#[test]
fn ready_tasks_are_listed_oldest_first_with_arrivals_winning_ties() {
    // Cleo's order keeps the barista busy 560–605 ms. Meanwhile Ada's grinder
    // (started at 350, 250 ms) and Ben's arrival both become ready at 600:
    // the arrival was scheduled first, so it is first in the queue.
    use espresso_engine::snapshot::snapshot_at;
    use espresso_engine::{SimTime, TraceIndex};
    let inst = instance(&[("list", "Ada@0,Cleo@560,Ben@600")]);
    let trace = simulate(&inst, Strategy::Callbacks);
    let index = TraceIndex::new(&inst, &trace);
    let t = SimTime::from_ms(602.0);
    let (tasks, total) = index.tasks(&inst, &trace, t, 10);
    let kinds: Vec<_> = tasks.iter().map(|j| (j.kind, j.order)).collect();
    assert_eq!(kinds, [(JobKind::Arrival, 2), (JobKind::MachineDone, 0)]);
    assert_eq!(total, 2);
    assert_eq!(snapshot_at(&inst, &trace, t).tasks, tasks);
}
