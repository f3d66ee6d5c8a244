//! Worked examples of the essay's mechanisms — pools with an idle timeout
//! and a warm-up, the circuit breaker, the menu cache, worker threads —
//! each number derived by hand from the timing rules (docs/model.md#timing-rules) in
//! the comments, then checked against the trace, the snapshot and the index.

use crate::support::{check_invariants, instance, ms};
use espresso_engine::breaker::Circuit;
use espresso_engine::metrics::metrics;
use espresso_engine::pool::{Phase, PhaseCounts};
use espresso_engine::resilience::breaker_series;
use espresso_engine::scenario::{Instance, MachineKind};
use espresso_engine::snapshot::{StepState, Unit, snapshot_at};
use espresso_engine::trace::{Act, JobKind, Outcome, Trace, What};
use espresso_engine::{SimTime, Strategy, TraceIndex, simulate};

fn run(pairs: &[(&str, &str)], strategy: Strategy) -> (Instance, Trace, TraceIndex) {
    let inst = instance(pairs);
    let trace = simulate(&inst, strategy);
    check_invariants(&inst, &trace);
    let index = TraceIndex::new(&inst, &trace);
    (inst, trace, index)
}

fn at(t_ms: f64) -> SimTime {
    SimTime::from_ms(t_ms)
}

fn served(trace: &Trace) -> Vec<(f64, Outcome)> {
    trace
        .orders
        .iter()
        .map(|r| (ms(r.ended), r.outcome))
        .collect()
}

#[test]
fn a_pool_puts_idle_units_away_and_warms_them_up_again() {
    // Await; warm-up 100 ms, idle timeout 1000 ms; every unit starts cold.
    // Ada (0): take 0–40, press 40–45, reader warms 45–145, pays 145–445;
    // press 445–450, grinder warms 450–550, grinds 550–800; press 800–805,
    // steamer warms 805–905, steams 905–1305; assemble 1305–1385 — 300 ms
    // more than a warm café's 1085.
    // Released at 445, 800 and 1305, the units are put away at 1445, 1800
    // and 2305. Ben (1500): take 1500–1540, press 1540–1545: the reader is
    // cold (since 1445): warm 1545–1645, pay 1645–1945; press 1945–1950,
    // grinder cold (since 1800): warm 1950–2050, grind 2050–2300; press
    // 2300–2305: the steamer is put away at 2305 itself — a chore due at an
    // instant comes first — so it warms 2305–2405, steams 2405–2805;
    // assemble 2805–2885. Ben's units are put away after the last order:
    // not recorded.
    let pairs = [
        ("list", "Ada@0,Ben@1500"),
        ("warmup_ms", "100"),
        ("pool_idle_ms", "1000"),
    ];
    let (inst, trace, index) = run(&pairs, Strategy::Await);
    assert_eq!(
        served(&trace),
        [(1385.0, Outcome::Served), (2885.0, Outcome::Served)]
    );
    let phase = |kind: MachineKind, t: f64| index.phases(kind, at(t))[0];
    assert_eq!(phase(MachineKind::Reader, 0.0), Phase::Cold);
    assert_eq!(phase(MachineKind::Reader, 100.0), Phase::Warming);
    assert_eq!(phase(MachineKind::Reader, 145.0), Phase::Busy);
    assert_eq!(phase(MachineKind::Reader, 1444.999), Phase::Idle);
    assert_eq!(phase(MachineKind::Reader, 1445.0), Phase::Cold);
    assert_eq!(phase(MachineKind::Steamer, 2305.0), Phase::Warming);
    assert_eq!(
        index.phase_counts(MachineKind::Grinder, at(1900.0)),
        PhaseCounts {
            cold: 1,
            ..PhaseCounts::default()
        }
    );
    // While warming, the unit is taken by the request (shown working on it
    // until the warm-up ends) and the order's step waits for it.
    let snap = snapshot_at(&inst, &trace, at(100.0));
    let reader = &snap.machines[MachineKind::Reader.index()];
    assert_eq!(reader.phases, [Phase::Warming]);
    assert_eq!(
        reader.units[0],
        Unit::Working {
            order: 0,
            pos: 0,
            since: at(45.0),
            until: at(145.0)
        }
    );
    assert_eq!(snap.orders[0].steps[0], StepState::Queued);
    assert_eq!(
        index.order_view(&inst, &trace, 0, at(100.0)),
        snap.orders[0]
    );
    let m = metrics(&inst, &trace);
    for kind in [
        MachineKind::Reader,
        MachineKind::Grinder,
        MachineKind::Steamer,
    ] {
        let s = &m.machines[kind.index()];
        assert_eq!((s.warmups, s.put_away), (2, 1), "{kind:?}");
        assert_eq!(
            (s.wait_for_unit.mean_ms, s.wait_for_unit.p95_ms),
            (100.0, 100.0)
        );
        assert_eq!(
            s.busy_ms,
            2.0 * inst.orders[0].duration(step_of(kind)).as_ms()
        );
    }
}

fn step_of(kind: MachineKind) -> espresso_engine::StepId {
    use espresso_engine::StepId;
    match kind {
        MachineKind::Reader => StepId::Pay,
        MachineKind::Grinder => StepId::Grind,
        _ => StepId::Steam,
    }
}

#[test]
fn a_pool_prefers_a_warm_unit_and_queues_only_when_every_unit_is_taken() {
    // Two readers, warm-up 100 ms, never put away; lattes are just
    // pay+assemble. Callbacks. Ada (0): take 0–40, press 40–45, reader 0
    // warms 45–145, pays 145–445. Ben (50): take 50–90, press 90–95:
    // reader 1 is free but cold: warms 95–195, pays 195–495. Cleo (100):
    // take 100–140, press 140–145: both taken (one warming): she queues.
    // At 445 Ada's completion releases reader 0 and Cleo starts on it at
    // once, warm: 445–745 (Ada assembles 445–525). Dev (1000): reader 0 and
    // 1 are both warm and idle: the lowest, 0, with no warm-up.
    let pairs = [
        ("list", "Ada@0,Ben@50,Cleo@100,Dev@1000"),
        ("latte", "pay+assemble"),
        ("readers", "2"),
        ("warmup_ms", "100"),
    ];
    let (inst, trace, index) = run(&pairs, Strategy::Callbacks);
    let starts: Vec<(u32, u8, f64)> = trace
        .events
        .iter()
        .filter_map(|e| match e.what {
            What::Start {
                machine: MachineKind::Reader,
                unit,
                order,
                ..
            } => Some((order, unit, ms(e.t))),
            _ => None,
        })
        .collect();
    assert_eq!(
        starts,
        [(0, 0, 145.0), (1, 1, 195.0), (2, 0, 445.0), (3, 0, 1045.0)]
    );
    assert_eq!(
        index.phases(MachineKind::Reader, at(150.0)),
        [Phase::Busy, Phase::Warming]
    );
    assert_eq!(index.waiting(MachineKind::Reader, at(150.0)), [(2, 0)]);
    let m = metrics(&inst, &trace);
    let reader = &m.machines[MachineKind::Reader.index()];
    assert_eq!(reader.warmups, 2);
    // Waits: Ada 100, Ben 100, Cleo 145→445 = 300, Dev 0.
    assert_eq!(reader.wait_for_unit.mean_ms, 500.0 / 4.0);
    assert_eq!(reader.wait_for_unit.max_ms, 300.0);
}

#[test]
fn the_breaker_opens_on_timeouts_fails_fast_and_a_probe_closes_it() {
    // Await; one reader; lattes are pay+assemble; a payment takes 400 ms;
    // breaker: timeout 500 ms from the press, 50 % of a window of 2, reset
    // 1000 ms.
    // Ada (0): take 0–40, press 40–45, pays 45–445 (her timeout, due at
    // 545, is cleared when her payment's completion runs at 445): success,
    // window [ok]; assemble 445–525.
    // Ben (100), Cleo (200), Dev (300): pressed at 145, 245, 345; they queue
    // behind Ada (timeouts due 645, 745, 845). Ben starts at 445 (done 845).
    // 645: Ben's timeout: window [ok, failed] = 50 % → open until 1645;
    // cookie 645–665. Cleo's timeout at 745 (not counted: open): cookie
    // 745–765. At 845 Dev's timeout (armed at 345) and Ben's completion
    // (scheduled at 445) are both due: the timeout was scheduled first:
    // cookie 845–865; then Ben's completion frees the reader for Cleo's
    // abandoned payment (865–1265), then Dev's (1265–1665): JavaScript
    // cannot cancel them.
    // 1645: half-open. Eli (2500): take 2500–2540, the probe: press
    // 2540–2545, pays 2545–2945 — in time: closed at 2945; assemble
    // 2945–3025. Fay (2600): take 2600–2640 while the probe is out: fails
    // fast, cookie 2640–2660 (60 ms).
    let pairs = [
        ("list", "Ada@0,Ben@100,Cleo@200,Dev@300,Eli@2500,Fay@2600"),
        ("latte", "pay+assemble"),
        ("pay_ms", "400"),
        ("breaker", "true"),
        ("breaker_timeout_ms", "500"),
        ("breaker_window", "2"),
        ("breaker_reset_ms", "1000"),
    ];
    let (inst, trace, index) = run(&pairs, Strategy::Await);
    use Outcome::{Cookie, Served};
    assert_eq!(
        served(&trace),
        [
            (525.0, Served),
            (665.0, Cookie),
            (765.0, Cookie),
            (865.0, Cookie),
            (3025.0, Served),
            (2660.0, Cookie)
        ]
    );
    let series = [
        (at(0.0), Circuit::Closed),
        (at(645.0), Circuit::Open),
        (at(1645.0), Circuit::HalfOpen),
        (at(2945.0), Circuit::Closed),
    ];
    assert_eq!(breaker_series(&trace), series);
    assert_eq!(index.circuit_series(), series);
    for (t, state) in [
        (644.999, Circuit::Closed),
        (645.0, Circuit::Open),
        (1644.999, Circuit::Open),
        (2000.0, Circuit::HalfOpen),
        (3000.0, Circuit::Closed),
    ] {
        assert_eq!(index.circuit(at(t)), state, "at {t}");
        assert_eq!(snapshot_at(&inst, &trace, at(t)).circuit, state, "at {t}");
    }
    // At 850 Dev's await has resumed with the timeout's error (her cookie)
    // and Ben's completion waits its turn; Ada's timeout (cleared at 445)
    // is nowhere.
    let ran: Vec<_> = index
        .jobs_at(at(845.0))
        .map(|j| (j.kind, j.order))
        .collect();
    assert_eq!(ran, [(JobKind::Timeout, 3), (JobKind::Resume, 3)]);
    let snap = snapshot_at(&inst, &trace, at(850.0));
    assert_eq!(
        snap.running.map(|j| (j.kind, j.order)),
        Some((JobKind::Resume, 3))
    );
    let tasks: Vec<_> = snap.tasks.iter().map(|j| (j.kind, j.order)).collect();
    assert_eq!(tasks, [(JobKind::MachineDone, 1)]);
    assert_eq!(index.tasks(&inst, &trace, at(850.0), 9).0, snap.tasks);
    // Cleo's payment failed at 745 though the reader works on it later.
    let later = snapshot_at(&inst, &trace, at(1000.0));
    assert_eq!(later.orders[2].steps[0], StepState::Failed);
    assert_eq!(
        index.order_view(&inst, &trace, 2, at(1000.0)),
        later.orders[2]
    );
    let b = metrics(&inst, &trace).breaker.unwrap();
    assert_eq!(
        (
            b.trips,
            b.timed_out,
            b.fast_failed,
            b.open_ms,
            b.half_open_ms
        ),
        (1, 3, 1, 1000.0, 1300.0)
    );
}

#[test]
fn an_open_breaker_fails_fast_in_every_strategy_and_blocking_cannot_time_out() {
    // Ada's payment fails (drawn) at 345 in every strategy (take 0–40,
    // press 40–45, pay 45–345; cookie 345–365) and opens a window-of-1
    // breaker. Ben (400) fails fast: no button press, a cookie at once.
    // Callbacks and await: his rejection settles in a microtask (take
    // 400–440, cookie 440–460); blocking: thrown synchronously (the same
    // times); join: in a Promise.all bookkeeping microtask after pressing
    // grind and steam (440–445, 445–450; cookie 450–470).
    let pairs = [
        ("list", "Ada@0,Ben@400"),
        ("pay_fail", "1"),
        ("breaker", "true"),
        ("breaker_window", "1"),
    ];
    for strategy in Strategy::ALL {
        let (inst, trace, _) = run(&pairs, strategy);
        let ben = &trace.orders[1];
        let expected = match strategy {
            Strategy::Join => 400.0 + 40.0 + 10.0 + 20.0,
            _ => 400.0 + 40.0 + 20.0,
        };
        assert_eq!(
            (ms(ben.ended), ben.outcome),
            (expected, Outcome::Cookie),
            "{strategy:?}"
        );
        let b = metrics(&inst, &trace).breaker.unwrap();
        assert_eq!(
            (b.trips, b.fast_failed, b.timed_out),
            (1, 1, 0),
            "{strategy:?}"
        );
    }
    // Blocking: Ada stands at the reader 45–345 then gets a cookie 345–365;
    // Ben is taken at 400: 400–440, fails fast: 440–460. Written out:
    let (_, trace, _) = run(&pairs, Strategy::Blocking);
    assert_eq!(
        served(&trace),
        [(365.0, Outcome::Cookie), (460.0, Outcome::Cookie)]
    );
    // A 3 s payment with a 600 ms timeout: blocking stands the whole 3 s.
    let slow = [("customers", "1"), ("pay_ms", "3000"), ("breaker", "true")];
    let (_, blocking, _) = run(&slow, Strategy::Blocking);
    assert_eq!(ms(blocking.orders[0].ended), 1085.0 + 2700.0);
    let (_, awaits, _) = run(&slow, Strategy::Await);
    assert_eq!(
        (ms(awaits.orders[0].ended), awaits.orders[0].outcome),
        (45.0 + 600.0 + 20.0, Outcome::Cookie)
    );
}

#[test]
fn the_cache_answers_fresh_prices_without_the_trip_to_the_menu_server() {
    // Await; lattes are lookup+pay+assemble; the menu server answers in
    // 200 ms; prices stay fresh 1000 ms; a hit costs nothing.
    // Ada (0): take 0–40, miss at 40; press 40–45, lookup 45–245, stored at
    // 245; press 245–250, pay 250–550, assemble 550–630.
    // Ben (100): take 100–140, miss at 140 (nothing stored yet: no request
    // coalescing); press 140–145, queued; looks up 245–445, stored again at
    // 445 (fresh until 1445); press 445–450, the reader is Ada's until 550:
    // pay 550–850, assemble 850–930.
    // Cleo (600): the barista assembles until 630: take 630–670, hit at 670;
    // press 670–675, queued behind Ben: pay 850–1150, assemble 1150–1230.
    // Dev (1300): take 1300–1340, hit at 1340; press 1340–1345, pay
    // 1345–1645, assemble 1645–1725.
    // Eli (1500): take 1500–1540, miss at 1540 (expired at 1445); press
    // 1540–1545, lookup 1545–1745; press 1745–1750, pay 1750–2050, assemble
    // 2050–2130.
    let pairs = [
        ("list", "Ada@0,Ben@100,Cleo@600,Dev@1300,Eli@1500"),
        ("latte", "lookup+pay+assemble"),
        ("cache", "true"),
        ("cache_ttl_ms", "1000"),
    ];
    let (inst, trace, index) = run(&pairs, Strategy::Await);
    let ends: Vec<f64> = served(&trace).into_iter().map(|(t, _)| t).collect();
    assert_eq!(ends, [630.0, 930.0, 1230.0, 1725.0, 2130.0]);
    let m = metrics(&inst, &trace);
    let c = m.cache.unwrap();
    assert_eq!((c.lookups, c.hits, c.misses, c.ttl_ms), (5, 2, 3, 1000.0));
    assert_eq!(c.hit_rate, 0.4);
    let menu = &m.machines[MachineKind::Menu.index()];
    assert_eq!(menu.jobs, 3, "only the misses travel");
    assert_eq!(
        menu.wait_for_unit.mean_ms,
        100.0 / 3.0,
        "Ben waited 145–245"
    );
    // Cleo's lookup is done the moment she asks; she waits for the reader.
    let snap = snapshot_at(&inst, &trace, at(700.0));
    assert_eq!(
        snap.orders[2].steps[..2],
        [StepState::Done, StepState::Queued]
    );
    assert_eq!(
        index.order_view(&inst, &trace, 2, at(700.0)),
        snap.orders[2]
    );
    // Without the cache every lookup travels: Cleo's alone takes 200 ms more.
    let (_, uncached, _) = run(
        &[
            ("list", "Ada@0,Ben@100,Cleo@600,Dev@1300,Eli@1500"),
            ("latte", "lookup+pay+assemble"),
        ],
        Strategy::Await,
    );
    assert!(ms(uncached.orders[3].ended) >= 1725.0 + 200.0);
}

#[test]
fn join_looks_the_price_up_before_its_promise_all() {
    // Parallel join, latte = lookup+pay+grind+assemble, no cache: take
    // 0–40, press lookup 40–45, lookup 45–245; then Promise.all: press pay
    // 245–250, grind 250–255; pay 250–550, grind 255–505; assemble 550–630.
    // A cache hit skips the trip: the second latte (at 1000) presses pay at
    // 1040–1045, grind 1045–1050: pay until 1345, assemble 1345–1425.
    let pairs = [
        ("list", "Ada@0,Ben@1000"),
        ("latte", "lookup+pay+grind+assemble"),
        ("cache", "true"),
    ];
    let (inst, trace, index) = run(&pairs, Strategy::Join);
    let ends: Vec<f64> = served(&trace).into_iter().map(|(t, _)| t).collect();
    assert_eq!(ends, [630.0, 1425.0]);
    use espresso_engine::snapshot::CodePoint;
    assert_eq!(
        index.code_point(&inst, &trace, 0, at(100.0)),
        CodePoint::Await(0),
        "awaiting the lookup, not yet in Promise.all"
    );
    assert_eq!(
        index.code_point(&inst, &trace, 0, at(300.0)),
        CodePoint::AwaitAll
    );
}

#[test]
fn a_helper_takes_the_hand_pour_whatever_its_length_costing_only_the_hand_off() {
    // Karen's hand-pour at 800 ms is below the 1000 ms threshold, yet it is
    // the CPU-heavy step by nature: with offload it goes to the helper. The
    // barista's own time on Karen is then the take (40), four presses (pay,
    // grind, heat, the hand-off: 20) and the assembly (80): 140 ms.
    let pairs = [
        ("customers", "3"),
        ("pour_ms", "800"),
        ("helpers", "1"),
        ("offload", "true"),
    ];
    for strategy in [Strategy::Callbacks, Strategy::Await, Strategy::Join] {
        let (inst, trace, _) = run(&pairs, strategy);
        let karen: u64 = trace
            .events
            .iter()
            .filter_map(|e| match e.what {
                What::Work {
                    order: 2, until, ..
                } => Some((until - e.t).0),
                _ => None,
            })
            .sum();
        assert_eq!(SimTime(karen).as_ms(), 140.0, "{strategy:?}");
        assert!(!trace.events.iter().any(|e| matches!(
            e.what,
            What::Work {
                act: Act::Step,
                order: 2,
                pos: 3,
                ..
            }
        )));
        assert_eq!(
            metrics(&inst, &trace).machines[MachineKind::Helper.index()].jobs,
            1
        );
    }
}

#[test]
fn a_payment_answering_exactly_at_its_deadline_has_timed_out() {
    // Callbacks, one customer, a 600 ms payment and a 600 ms timeout: the
    // press ends at 45, the timeout (scheduled first, at the press) and the
    // reader's completion (scheduled at its start, right after) are both due
    // at 645: the timeout runs first — cookie 645–665 — and the completion
    // only frees the reader.
    let pairs = [("customers", "1"), ("pay_ms", "600"), ("breaker", "true")];
    let (inst, trace, _) = run(&pairs, Strategy::Callbacks);
    assert_eq!(served(&trace), [(665.0, Outcome::Cookie)]);
    assert_eq!(metrics(&inst, &trace).breaker.unwrap().timed_out, 1);
    // A microsecond sooner and it is paid: the timeout is cleared.
    let (_, trace, _) = run(
        &[
            ("customers", "1"),
            ("pay_ms", "599.999"),
            ("breaker", "true"),
        ],
        Strategy::Callbacks,
    );
    assert_eq!(trace.orders[0].outcome, Outcome::Served);
    assert!(
        !trace.events.iter().any(|e| matches!(
            e.what,
            What::Run {
                kind: JobKind::Timeout,
                ..
            }
        )),
        "a cleared timeout never runs"
    );
}
