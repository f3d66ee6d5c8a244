//! Speed benchmarks of the engine (`cargo run --release -p espresso-engine --example bench_engine`).
//!
//! Prints figures, asserts nothing: the budgets (≥ 150× SimPy, ≥ ½ of a bare
//! binary-heap M/M/1 loop, 10,000 customers × 4 strategies well under 50 ms)
//! are read off the table, not enforced by a timed test.
//!
//! - (a) M/M/1 (ρ = 0.8) in the engine with 1,000,000 customers: the barista
//!   is the server, the only step is the hand-pour (CPU), arrivals Poisson,
//!   durations exponential, strategy Blocking. `Instance::new` (sampling),
//!   `simulate` (the full trace) and `simulate_numbers` (the same run for
//!   its numbers alone: no trace) are timed separately and with sampling;
//!   the metrics from the numbers apart.
//! - (b) The same model as a bare event loop over `std::collections::BinaryHeap`,
//!   drawing the very same numbers with the engine's `CustomerRng` (so the
//!   cost of randomness is identical, and so is the mean time in system).
//! - (c) The default café recipes under all four strategies, 10,000 and
//!   100,000 customers.
//!
//! Every figure is the best of several repetitions after a warm-up run; the
//! median is printed beside it. Wall time is `std::time::Instant`.
//!
//! `bench_engine mm1 N LAMBDA MU [REPS]` runs only the engine's M/M/1 with N
//! customers and rates in customers per second, and prints the lines
//! `customers_per_s VALUE` (`Instance::new` + `simulate_numbers`: a run that
//! needs only the numbers keeps no trace) and `traced_customers_per_s VALUE`
//! (`Instance::new` + `simulate`), which `scripts/bench-simpy` reads.

use espresso_engine::metrics::metrics;
use espresso_engine::params::parse_strict;
use espresso_engine::rng::CustomerRng;
use espresso_engine::scenario::OrderSpec;
use espresso_engine::trace::{Event, OrderRecord};
use espresso_engine::{Instance, Scenario, SimTime, Strategy, Trace, simulate, simulate_numbers};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Repetitions of each measurement (after one warm-up run).
const REPS: usize = 7;
/// Customers of the M/M/1 runs (the parameter parser's maximum).
const MM1_CUSTOMERS: u32 = 1_000_000;
/// M/M/1 arrival rate, customers per second.
const LAMBDA: f64 = 0.8;
/// M/M/1 service rate, customers per second.
const MU: f64 = 1.0;
/// Seed of every run.
const SEED: u64 = 1;
/// The engine's draw number of the hand-pour duration: `1 + 2 × index` of
/// `StepId::Pour` (see `draw_duration` in `scenario.rs`).
const DRAW_POUR: u64 = 9;
/// The draw number of a generated customer's arrival gap.
const DRAW_GAP: u64 = 0;

/// Best and median of repeated timings.
#[derive(Clone, Copy)]
struct Timing {
    best: Duration,
    median: Duration,
}

impl Timing {
    fn of(mut samples: Vec<Duration>) -> Timing {
        samples.sort();
        Timing {
            best: samples[0],
            median: samples[samples.len() / 2],
        }
    }

    fn ms(self) -> String {
        format!(
            "{:>8.2} ms (median {:>8.2})",
            self.best.as_secs_f64() * 1e3,
            self.median.as_secs_f64() * 1e3
        )
    }

    /// `count` per second at the best time.
    fn rate(self, count: f64) -> f64 {
        count / self.best.as_secs_f64()
    }
}

/// Runs `f` once to warm up, then `reps` times timed; each result is kept
/// alive (and then dropped) outside the timed span. Returns the timing and
/// the last result.
fn measure<T>(reps: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
    let mut last = black_box(f());
    let mut samples = Vec::with_capacity(reps);
    for _ in 0..reps {
        drop(last);
        let start = Instant::now();
        let out = f();
        let elapsed = start.elapsed();
        last = black_box(out);
        samples.push(elapsed);
    }
    (Timing::of(samples), last)
}

/// Like [`measure`] for two workloads, alternating them run by run so that
/// both see the same machine (other processes come and go): their ratio is
/// then fair even on a busy machine.
fn measure_pair<A, B>(
    reps: usize,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> ((Timing, A), (Timing, B)) {
    let mut last_a = black_box(a());
    let mut last_b = black_box(b());
    let (mut sa, mut sb) = (Vec::with_capacity(reps), Vec::with_capacity(reps));
    for _ in 0..reps {
        drop(last_a);
        let start = Instant::now();
        let out = a();
        sa.push(start.elapsed());
        last_a = black_box(out);
        drop(last_b);
        let start = Instant::now();
        let out = b();
        sb.push(start.elapsed());
        last_b = black_box(out);
    }
    ((Timing::of(sa), last_a), (Timing::of(sb), last_b))
}

fn scenario(pairs: &[(&str, String)]) -> Result<Scenario, String> {
    parse_strict(
        Scenario::default(),
        pairs.iter().map(|(k, v)| (*k, v.as_str())),
    )
    .map_err(|e| format!("bad scenario: {e}"))
}

/// The engine's M/M/1: one server (the barista), one CPU step (hand-pour)
/// whose exponential duration is the service time.
fn mm1_scenario(n: u32, lambda: f64, mu: f64) -> Result<Scenario, String> {
    let pairs = vec![
        ("seed", SEED.to_string()),
        ("customers", n.to_string()),
        ("arrivals", "poisson".into()),
        ("interval_ms", (1000.0 / lambda).to_string()),
        ("durations", "exponential".into()),
        ("karen", "0".into()),
        ("take_order_ms", "0".into()),
        ("dispatch_ms", "0".into()),
        ("latte", "pour".into()),
        ("pour_ms", (1000.0 / mu).to_string()),
    ];
    scenario(&pairs)
}

/// What a bare M/M/1 run found.
struct Bare {
    events: u64,
    mean_in_system_ms: f64,
}

/// The sampling alone: each customer's gap and service, as the engine and
/// the bare loop draw them, summed (the floor of any run of this model).
fn sampling_only(n: u32, seed: u64, interval_ms: f64, service_ms: f64) -> u64 {
    let mut clock_ms = 0.0;
    let mut sum = 0u64;
    for i in 0..n {
        let rng = CustomerRng::new(seed, u64::from(i));
        clock_ms += rng.exponential(DRAW_GAP, interval_ms);
        sum = sum
            .wrapping_add(SimTime::from_ms(clock_ms).0)
            .wrapping_add(SimTime::from_ms(rng.exponential(DRAW_POUR, service_ms)).0);
    }
    sum
}

/// A bare discrete-event M/M/1 loop: a binary heap of (time, sequence ×
/// 2 + kind) events, a FIFO of waiting customers, and the engine's random
/// draws and microsecond rounding, so its mean time in system equals the
/// engine's. One arrival is pending at a time and one customer is in
/// service, so their data live beside the heap, not in it.
fn bare_mm1(n: u32, seed: u64, interval_ms: f64, service_ms: f64) -> Bare {
    const ARRIVAL: u64 = 0;
    const DEPARTURE: u64 = 1;
    let mut heap: BinaryHeap<Reverse<(u64, u64)>> = BinaryHeap::with_capacity(4);
    let mut waiting: VecDeque<(u64, u64)> = VecDeque::new();
    let mut seq = 0u64;
    let mut push = |heap: &mut BinaryHeap<Reverse<(u64, u64)>>, at: u64, kind: u64| {
        heap.push(Reverse((at, seq << 1 | kind)));
        seq += 1;
    };
    let mut clock_ms = 0.0;
    // Draws customer `i`'s arrival time and service time.
    let mut draw = |i: u32| {
        let rng = CustomerRng::new(seed, u64::from(i));
        clock_ms += rng.exponential(DRAW_GAP, interval_ms);
        (
            SimTime::from_ms(clock_ms).0,
            SimTime::from_ms(rng.exponential(DRAW_POUR, service_ms)).0,
        )
    };
    let (at, mut pending_service) = draw(0);
    push(&mut heap, at, ARRIVAL);
    let mut next = 1u32;
    let mut in_service: Option<u64> = None; // arrival time of the customer served
    let mut events = 0u64;
    let mut sum_us: u128 = 0;
    while let Some(Reverse((t, key))) = heap.pop() {
        events += 1;
        if key & 1 == ARRIVAL {
            if in_service.is_some() {
                waiting.push_back((t, pending_service));
            } else {
                in_service = Some(t);
                push(&mut heap, t + pending_service, DEPARTURE);
            }
            if next < n {
                let (at, service) = draw(next);
                pending_service = service;
                next += 1;
                push(&mut heap, at, ARRIVAL);
            }
        } else {
            if let Some(arrived) = in_service {
                sum_us += u128::from(t - arrived);
            }
            in_service = waiting.pop_front().map(|(arrived, service)| {
                push(&mut heap, t + service, DEPARTURE);
                arrived
            });
        }
    }
    Bare {
        events,
        mean_in_system_ms: sum_us as f64 / f64::from(n) / 1000.0,
    }
}

fn profile() -> String {
    let build = if cfg!(debug_assertions) {
        "debug (debug assertions on: figures are meaningless, use --release)"
    } else {
        "release (optimised, debug assertions off)"
    };
    // Large blocks (over 32 MB) come fresh from the kernel on every run
    // unless the allocator is told to keep them; page faults then weigh a lot.
    match std::env::var("GLIBC_TUNABLES") {
        Ok(t) => format!("{build}; allocator GLIBC_TUNABLES={t}"),
        Err(_) => format!("{build}; default allocator"),
    }
}

fn per_s(rate: f64) -> String {
    if rate >= 1e6 {
        format!("{:>7.2} M/s", rate / 1e6)
    } else {
        format!("{:>7.1} k/s", rate / 1e3)
    }
}

/// Engine M/M/1 timings: sampling, simulation (traced, and for the numbers
/// alone), both.
struct EngineMm1 {
    new: Timing,
    /// `simulate`: the full trace.
    sim: Timing,
    /// `Instance::new` + `simulate`.
    both: Timing,
    /// `simulate_numbers`: no trace.
    numbers: Timing,
    /// `Instance::new` + `simulate_numbers`.
    both_numbers: Timing,
    /// The metrics from the numbers (not in either total).
    metrics: Timing,
    events: usize,
    events_reserved: usize,
    mean_in_system_ms: f64,
}

fn engine_mm1(s: &Scenario, reps: usize) -> EngineMm1 {
    let (new, inst) = measure(reps, || Instance::new(black_box(s)));
    let (sim, trace) = measure(reps, || simulate(black_box(&inst), Strategy::Blocking));
    let (events, events_reserved) = (trace.events.len(), trace.events.capacity());
    let traced = metrics(&inst, &trace);
    drop(trace);
    let (numbers, run) = measure(reps, || {
        simulate_numbers(black_box(&inst), Strategy::Blocking)
    });
    let (metrics_t, m) = measure(reps, || run.metrics(black_box(&inst)));
    assert_eq!(m, traced, "the numbers' metrics are the trace's");
    drop(run);
    let (both, _) = measure(reps, || {
        let inst = Instance::new(black_box(s));
        let trace = simulate(&inst, Strategy::Blocking);
        (inst, trace)
    });
    let (both_numbers, _) = measure(reps, || {
        let inst = Instance::new(black_box(s));
        let run = simulate_numbers(&inst, Strategy::Blocking);
        (inst, run)
    });
    EngineMm1 {
        new,
        sim,
        both,
        numbers,
        both_numbers,
        metrics: metrics_t,
        events,
        events_reserved,
        mean_in_system_ms: m.latency.mean_ms,
    }
}

/// `mm1 N LAMBDA MU [REPS]`: the engine's M/M/1 alone, for the SimPy script.
fn mm1_mode(args: &[String]) -> Result<(), String> {
    let usage = "usage: bench_engine mm1 N LAMBDA MU [REPS]  (rates per second)";
    let [n, lambda, mu, rest @ ..] = args else {
        return Err(usage.into());
    };
    let n: u32 = n.parse().map_err(|_| usage.to_string())?;
    let lambda: f64 = lambda.parse().map_err(|_| usage.to_string())?;
    let mu: f64 = mu.parse().map_err(|_| usage.to_string())?;
    let reps: usize = match rest.first() {
        Some(r) => r.parse().map_err(|_| usage.to_string())?,
        None => REPS,
    };
    if !(lambda > 0.0 && mu > 0.0) || reps == 0 {
        return Err(usage.into());
    }
    let s = mm1_scenario(n, lambda, mu)?;
    let r = engine_mm1(&s, reps);
    println!("build profile: {}", profile());
    println!(
        "engine M/M/1: {n} customers, λ = {lambda}/s, μ = {mu}/s, best of {reps} after a warm-up"
    );
    println!("  Instance::new                {}", r.new.ms());
    println!("  simulate (trace)             {}", r.sim.ms());
    println!("  new + simulate (trace)       {}", r.both.ms());
    println!("  simulate_numbers             {}", r.numbers.ms());
    println!("  new + simulate_numbers       {}", r.both_numbers.ms());
    println!("  metrics from the numbers     {}", r.metrics.ms());
    println!(
        "  mean time in system          {:.4} s (theory 1/(μ−λ) = {:.4} s)",
        r.mean_in_system_ms / 1000.0,
        if mu > lambda {
            1.0 / (mu - lambda)
        } else {
            f64::INFINITY
        }
    );
    // A run that only needs the numbers records no trace: that is the
    // engine's figure (the traced one is printed for comparison).
    println!("traced_customers_per_s {:.0}", r.both.rate(f64::from(n)));
    println!("customers_per_s {:.0}", r.both_numbers.rate(f64::from(n)));
    println!("events_per_s {:.0}", r.both_numbers.rate(r.events as f64));
    Ok(())
}

fn full() -> Result<(), String> {
    println!("build profile: {}", profile());
    println!(
        "every time is the best of {REPS} runs after a warm-up (median in parentheses); rates use the best"
    );
    let n = MM1_CUSTOMERS;
    let theory_ms = 1000.0 / (MU - LAMBDA);

    // (a) The engine's M/M/1.
    println!();
    println!(
        "(a) engine M/M/1, ρ = {:.1}: {n} customers, λ = {LAMBDA}/s, μ = {MU}/s, strategy blocking",
        LAMBDA / MU
    );
    let s = mm1_scenario(n, LAMBDA, MU)?;
    let e = engine_mm1(&s, REPS);
    let events = e.events as f64;
    let customers = f64::from(n);
    println!(
        "    events               {} ({:.1} per customer)",
        e.events,
        events / customers
    );
    println!(
        "    Instance::new        {}   {} customers",
        e.new.ms(),
        per_s(e.new.rate(customers))
    );
    println!(
        "    simulate             {}   {} events  {} customers",
        e.sim.ms(),
        per_s(e.sim.rate(events)),
        per_s(e.sim.rate(customers))
    );
    println!(
        "    new + simulate       {}   {} events  {} customers",
        e.both.ms(),
        per_s(e.both.rate(events)),
        per_s(e.both.rate(customers))
    );
    println!(
        "    simulate_numbers     {}   {} events  {} customers  (no trace)",
        e.numbers.ms(),
        per_s(e.numbers.rate(events)),
        per_s(e.numbers.rate(customers))
    );
    println!(
        "    new + numbers        {}   {} events  {} customers",
        e.both_numbers.ms(),
        per_s(e.both_numbers.rate(events)),
        per_s(e.both_numbers.rate(customers))
    );
    println!(
        "    metrics from numbers {}   (not in the totals)",
        e.metrics.ms()
    );
    println!(
        "    mean time in system  {:.1} ms  (theory 1/(μ−λ) = {:.1} ms, {:+.2} %)",
        e.mean_in_system_ms,
        theory_ms,
        (e.mean_in_system_ms / theory_ms - 1.0) * 100.0
    );
    let mb = |bytes: usize| bytes as f64 / 1e6;
    let (spec, record, event) = (
        size_of::<OrderSpec>(),
        size_of::<OrderRecord>(),
        size_of::<Event>(),
    );
    println!(
        "    memory written       {:.0} MB: orders {spec} B + record {record} B + {:.0} events × {event} B per customer; events reserved {:.0} MB ({} capacity)",
        mb(n as usize * (spec + record) + e.events * event),
        events / customers,
        mb(e.events_reserved * event),
        e.events_reserved
    );
    // (b) The bare binary-heap loop.
    println!();
    println!(
        "(b) bare M/M/1 loop (std BinaryHeap + VecDeque, the engine's CustomerRng and libm log)"
    );
    // Alternated with the engine's new + simulate_numbers (like the bare
    // loop, it keeps no trace), for a fair ratio.
    let ((both_t, _), (bare_t, bare)) = measure_pair(
        REPS,
        || {
            let inst = Instance::new(black_box(&s));
            let run = simulate_numbers(&inst, Strategy::Blocking);
            (inst, run)
        },
        || bare_mm1(black_box(n), SEED, 1000.0 / LAMBDA, 1000.0 / MU),
    );
    println!(
        "    run                  {}   {} events  {} customers",
        bare_t.ms(),
        per_s(bare_t.rate(bare.events as f64)),
        per_s(bare_t.rate(customers))
    );
    let (sampling_t, _) = measure(REPS, || {
        sampling_only(black_box(n), SEED, 1000.0 / LAMBDA, 1000.0 / MU)
    });
    println!(
        "    sampling alone       {}   {} customers  (2 draws each; no event loop)",
        sampling_t.ms(),
        per_s(sampling_t.rate(customers))
    );
    println!(
        "    mean time in system  {:.1} ms  ({} the engine's: same draws, same rounding)",
        bare.mean_in_system_ms,
        if bare.mean_in_system_ms == e.mean_in_system_ms {
            "identical to"
        } else {
            "DIFFERENT from"
        }
    );
    let ratio = |t: Timing| bare_t.best.as_secs_f64() / t.best.as_secs_f64();
    println!(
        "    engine new + simulate_numbers, alternated with the bare runs: {}",
        both_t.ms()
    );
    println!(
        "    engine / bare (customers per second): new + simulate_numbers {:.2}×  (target ≥ 0.5); simulate_numbers alone {:.2}×; traced new + simulate {:.2}×",
        ratio(both_t),
        ratio(e.numbers),
        ratio(e.both)
    );

    // (c) The default café under all four strategies.
    println!();
    println!(
        "(c) default café (morning-line recipes, Karen 3rd), arrivals poisson every 150 ms, durations exponential"
    );
    for customers in [10_000u32, 100_000] {
        let s = scenario(&[
            ("seed", SEED.to_string()),
            ("customers", customers.to_string()),
            ("arrivals", "poisson".into()),
            ("interval_ms", "150".into()),
            ("durations", "exponential".into()),
        ])?;
        let (total, traces) = measure(REPS, || {
            let inst = Instance::new(black_box(&s));
            let traces: Vec<Trace> = Strategy::ALL
                .iter()
                .map(|&st| simulate(&inst, st))
                .collect();
            (inst, traces)
        });
        let (inst, traces) = traces;
        let events: usize = traces.iter().map(|t| t.events.len()).sum();
        let (new_t, _) = measure(REPS, || Instance::new(black_box(&s)));
        let mut sim_best = Duration::ZERO;
        let mut parts = Vec::new();
        for (st, trace) in Strategy::ALL.iter().zip(&traces) {
            let (t, _) = measure(REPS, || simulate(black_box(&inst), *st));
            sim_best += t.best;
            parts.push(format!(
                "{} {:.2} ms / {} ev",
                st.key(),
                t.best.as_secs_f64() * 1e3,
                trace.events.len()
            ));
        }
        let (metrics_t, _) = measure(REPS, || {
            traces
                .iter()
                .map(|t| metrics(black_box(&inst), t))
                .collect::<Vec<_>>()
        });
        println!("    {customers} customers, {events} events over the 4 strategies");
        println!(
            "      Instance::new + 4 × simulate  {}   {} events  {} customers×strategies",
            total.ms(),
            per_s(total.rate(events as f64)),
            per_s(total.rate(4.0 * f64::from(customers)))
        );
        println!(
            "      Instance::new {:.2} ms; simulate: {}; sum of the best {:.2} ms",
            new_t.best.as_secs_f64() * 1e3,
            parts.join(", "),
            (new_t.best + sim_best).as_secs_f64() * 1e3
        );
        println!("      4 × metrics (not in the total)  {}", metrics_t.ms());
        drop(traces);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => full(),
        Some("mm1") => mm1_mode(&args[1..]),
        Some(_) => Err(
            "usage: bench_engine            (the whole table)\n       bench_engine mm1 N LAMBDA MU [REPS]"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
