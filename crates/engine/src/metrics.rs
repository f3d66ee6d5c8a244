//! Results people watch (docs/model.md#metrics), computed from a run's events
//! and order records alone.
//!
//! The events are read one at a time by a [`Tally`]: over a recorded trace
//! ([`metrics`]) or as they happen, without keeping them
//! ([`simulate_numbers`](crate::sim::simulate_numbers) → [`Numbers`]). Both
//! see the same events in the same order and finish with the same code, so
//! their metrics are identical.

use super::breaker::Circuit;
use super::flow::Flow;
use super::order::{sort_by_u64_key, sort_u64};
use super::resilience::{BreakerStats, BreakerTally, CacheStats, CacheTally};
use super::scenario::{Instance, MachineKind};
use super::sim::run_flows;
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Digest, Event, OrderRecord, Outcome, Recorder, Trace, What};
use serde::Serialize;
use std::collections::VecDeque;

/// A distribution in brief. Percentiles use the nearest-rank method: the
/// p-th percentile of n sorted values is the value at rank ⌈p·n/100⌉.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Number of values.
    pub count: usize,
    /// Mean, in ms.
    pub mean_ms: f64,
    /// Median, in ms.
    pub p50_ms: f64,
    /// 95th percentile, in ms.
    pub p95_ms: f64,
    /// 99th percentile, in ms.
    pub p99_ms: f64,
    /// Largest value, in ms.
    pub max_ms: f64,
}

/// Nearest-rank percentile of sorted values (`p` in (0, 100]).
pub fn nearest_rank(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Summary {
    /// Summarises `zeros` zero values plus the microsecond values `rest`
    /// (sorted in place) — cheaper than [`Summary::of`] when most are zero.
    pub fn of_zeros_and(zeros: usize, rest: &mut [u64]) -> Summary {
        let count = zeros + rest.len();
        if count == 0 {
            return Summary::default();
        }
        sort_u64(rest);
        let ms = |us: u64| SimTime(us).as_ms();
        let at = |p: f64| {
            let rank = ((p / 100.0) * count as f64).ceil() as usize;
            match rank.clamp(1, count).checked_sub(zeros + 1) {
                Some(i) => ms(rest[i]),
                None => 0.0,
            }
        };
        let sum: u128 = rest.iter().map(|&v| u128::from(v)).sum();
        Summary {
            count,
            mean_ms: sum as f64 / count as f64 / 1000.0,
            p50_ms: at(50.0),
            p95_ms: at(95.0),
            p99_ms: at(99.0),
            max_ms: rest.last().map_or(0.0, |&v| ms(v)),
        }
    }

    /// Summarises microsecond values (sorted in place).
    pub fn of(values: &mut [u64]) -> Summary {
        if values.is_empty() {
            return Summary::default();
        }
        sort_u64(values);
        let ms = |us: u64| SimTime(us).as_ms();
        let sum: u128 = values.iter().map(|&v| u128::from(v)).sum();
        Summary {
            count: values.len(),
            mean_ms: sum as f64 / values.len() as f64 / 1000.0,
            p50_ms: ms(nearest_rank(values, 50.0)),
            p95_ms: ms(nearest_rank(values, 95.0)),
            p99_ms: ms(nearest_rank(values, 99.0)),
            max_ms: ms(values[values.len() - 1]),
        }
    }
}

/// One machine kind over the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MachineStats {
    /// Which machine.
    pub machine: &'static str,
    /// Units available.
    pub capacity: u32,
    /// Jobs it started.
    pub jobs: u32,
    /// Time units spent working, summed over units, in ms.
    pub busy_ms: f64,
    /// `busy_ms / (capacity × makespan)`, 0 to 1.
    pub utilisation: f64,
    /// Most requests ever waiting in its queue at once.
    pub longest_queue: u32,
    /// Each request's wait for a unit: from the button press to the job's
    /// start (time in the queue plus a cold unit's warm-up).
    pub wait_for_unit: Summary,
    /// Cold units warmed up for a request (pools with a warm-up).
    pub warmups: u32,
    /// Idle units put away (pools with an idle timeout).
    pub put_away: u32,
}

/// The headline numbers of one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// The strategy.
    pub strategy: &'static str,
    /// Customers who came.
    pub customers: usize,
    /// Got their drink.
    pub served: usize,
    /// Failed, handled: a free cookie.
    pub cookies: usize,
    /// Failed, never handled: still waiting.
    pub lost: usize,
    /// Arrival to hand-over (drink or cookie) of every answered order.
    pub latency: Summary,
    /// Arrival to the barista starting to take the order.
    pub wait_in_line: Summary,
    /// Answered orders (served + cookies) per minute, from the first arrival
    /// to the last answer.
    pub throughput_per_min: f64,
    /// Barista busy with CPU work (orders, button presses, cookies), in ms.
    pub working_ms: f64,
    /// Barista standing at a machine (blocking mode), in ms.
    pub blocked_ms: f64,
    /// Barista with nothing to do, in ms.
    pub idle_ms: f64,
    /// Event-loop lag: how long each ready task waited for the barista
    /// (Node's `monitorEventLoopDelay` measures the same for its timer).
    pub lag: Summary,
    /// Per machine kind.
    pub machines: Vec<MachineStats>,
    /// Most customers ever waiting in line at once.
    pub longest_line: u32,
    /// Machine time spent on orders that ended without a drink, in ms
    /// (with `Promise.all`, the steps that kept going after the rejection).
    pub wasted_machine_ms: f64,
    /// From opening to the last thing happening, in ms.
    pub makespan_ms: f64,
    /// Time-average number of orders in the café (arrived, not answered;
    /// lost orders stay until the end).
    pub mean_in_flight: f64,
    /// The circuit breaker's record (only when it is on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breaker: Option<BreakerStats>,
    /// The menu cache's record (only when it is on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<CacheStats>,
}

/// Values over time. Each point `(t, v)` holds from `t` until the next point.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    /// Customers waiting in line.
    pub line: Vec<(SimTime, u32)>,
    /// Orders arrived and not yet answered.
    pub in_flight: Vec<(SimTime, u32)>,
    /// Event-loop lag of each task, at the moment it started.
    pub lag: Vec<(SimTime, SimTime)>,
}

/// Turns `(time, ±1)` changes into a step function (changes at equal times
/// are merged) and returns it with its maximum.
fn step_function(mut changes: Vec<(SimTime, i32)>) -> (Vec<(SimTime, u32)>, u32) {
    sort_by_u64_key(&mut changes, |c| c.0.0);
    let mut points: Vec<(SimTime, u32)> = vec![(SimTime::ZERO, 0)];
    let mut level: i64 = 0;
    let mut max = 0;
    for (t, d) in changes {
        level += i64::from(d);
        let v = level.max(0) as u32;
        match points.last_mut() {
            Some(last) if last.0 == t => last.1 = v,
            _ => points.push((t, v)),
        }
    }
    for &(_, v) in &points {
        max = max.max(v);
    }
    (points, max)
}

/// The end time an order counts towards "in flight": lost orders never leave
/// (the run ends at `end`).
fn left_at(r: &OrderRecord, end: SimTime) -> SimTime {
    match r.outcome {
        Outcome::Lost => end,
        _ => r.ended,
    }
}

/// The line over time (customers arrived and not yet taken) and its maximum.
fn line_length(orders: &[OrderRecord]) -> (Vec<(SimTime, u32)>, u32) {
    let changes = orders
        .iter()
        .flat_map(|r| [(r.arrived, 1), (r.taken, -1)])
        .collect();
    step_function(changes)
}

/// The longest line: the maximum of [`line_length`], without building the
/// step function when arrivals and takings are each in time order (always,
/// for a run: orders are taken in arrival order).
fn longest_line(orders: &[OrderRecord]) -> u32 {
    let in_order = orders
        .windows(2)
        .all(|w| w[0].arrived <= w[1].arrived && w[0].taken <= w[1].taken);
    if !in_order {
        return line_length(orders).1;
    }
    // Merge the two sorted lists; the line's length after every change at
    // an instant, like a point of the step function.
    let n = orders.len();
    let (mut arrived, mut taken) = (0, 0);
    let (mut level, mut max) = (0i64, 0u32);
    while taken < n {
        let t = match orders.get(arrived) {
            Some(r) => r.arrived.min(orders[taken].taken),
            None => orders[taken].taken,
        };
        while arrived < n && orders[arrived].arrived == t {
            level += 1;
            arrived += 1;
        }
        while taken < n && orders[taken].taken == t {
            level -= 1;
            taken += 1;
        }
        max = max.max(level.max(0) as u32);
    }
    max
}

/// Time series of a run.
pub fn series(trace: &Trace) -> Series {
    let n = trace.orders.len();
    let mut flight = Vec::with_capacity(2 * n);
    for r in &trace.orders {
        flight.push((r.arrived, 1));
        flight.push((left_at(r, trace.end), -1));
    }
    let lag = trace
        .events
        .iter()
        .filter_map(|e| match e.what {
            What::Run { kind, lag, .. } if kind.is_task() => Some((e.t, lag)),
            _ => None,
        })
        .collect();
    Series {
        line: line_length(&trace.orders).0,
        in_flight: step_function(flight).0,
        lag,
    }
}

/// The metrics of a run.
pub fn metrics(instance: &Instance, trace: &Trace) -> Metrics {
    let mut tally = Tally::new(instance);
    for &e in &trace.events {
        tally.record(e);
    }
    tally.finish(instance, trace.strategy, &trace.orders, trace.end)
}

const KINDS: usize = MachineKind::ALL.len();

/// One machine kind's running figures.
#[derive(Clone, Debug, Default, PartialEq)]
struct MachineTally {
    busy: u64,
    jobs: u32,
    /// Requests in its queue: order, plan position, since when.
    waiting: VecDeque<(u32, u8, SimTime)>,
    longest_queue: u32,
    /// Waits for a unit: how many were zero, and the others.
    no_wait: usize,
    unit_waits: Vec<u64>,
    warmups: u32,
    put_away: u32,
    /// Units warming up, and since when.
    warming: Vec<Option<SimTime>>,
}

/// Everything [`metrics`] needs from a run's events, gathered one event at a
/// time (a [`Recorder`]): sums, counts, the values whose percentiles are
/// shown (each task's lag, each wait for a unit), the breaker's changes.
/// Its memory grows with the tasks, not with the events.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    working: u64,
    blocked: u64,
    /// Tasks that started as soon as they were ready, and the others' lags.
    no_lag: usize,
    lags: Vec<u64>,
    machines: [MachineTally; KINDS],
    /// Machine time spent on each order (allocated at the first machine job).
    machine_time_of_order: Vec<u64>,
    orders: usize,
    breaker: BreakerTally,
    cache: CacheTally,
}

impl Tally {
    /// An empty tally for a run of `instance`.
    pub fn new(instance: &Instance) -> Tally {
        let orders = instance.orders.len();
        Tally {
            working: 0,
            blocked: 0,
            no_lag: 0,
            // Every order's arrival is a task.
            lags: Vec::with_capacity(orders),
            machines: MachineKind::ALL.map(|m| MachineTally {
                warming: vec![None; instance.capacity(m) as usize],
                ..MachineTally::default()
            }),
            machine_time_of_order: Vec::new(),
            orders,
            breaker: BreakerTally::default(),
            cache: CacheTally::default(),
        }
    }

    /// The breaker's state over time (see
    /// [`breaker_series`](crate::resilience::breaker_series)).
    pub fn breaker_series(&self) -> &[(SimTime, Circuit)] {
        self.breaker.series()
    }

    /// The metrics of the run whose events were recorded here, given its
    /// strategy, order records and end.
    pub fn finish(
        mut self,
        instance: &Instance,
        strategy: Strategy,
        orders: &[OrderRecord],
        end: SimTime,
    ) -> Metrics {
        let n = orders.len();
        let mut latencies = Vec::with_capacity(n);
        let mut no_wait_in_line = 0;
        let mut waits = Vec::new();
        let (mut served, mut cookies, mut lost) = (0, 0, 0);
        let mut last_answer = SimTime::ZERO;
        let mut sojourn_sum: u128 = 0;
        let mut wasted = 0u64;
        for (i, r) in orders.iter().enumerate() {
            match (r.taken - r.arrived).0 {
                0 => no_wait_in_line += 1,
                wait => waits.push(wait),
            }
            match r.outcome {
                Outcome::Served => served += 1,
                Outcome::Cookie => cookies += 1,
                Outcome::Lost => lost += 1,
            }
            if r.outcome != Outcome::Served {
                wasted += self.machine_time_of_order.get(i).copied().unwrap_or(0);
            }
            if let Some(l) = r.latency() {
                latencies.push(l.0);
                last_answer = last_answer.max(r.ended);
            }
            sojourn_sum += u128::from((left_at(r, end) - r.arrived).0);
        }

        let first_arrival = orders.first().map_or(SimTime::ZERO, |r| r.arrived);
        let answered = served + cookies;
        let span = last_answer - first_arrival;
        let throughput = if span > SimTime::ZERO {
            answered as f64 / span.as_ms() * 60_000.0
        } else {
            0.0
        };
        let machines = MachineKind::ALL
            .into_iter()
            .zip(&mut self.machines)
            .map(|(m, t)| {
                let capacity = instance.capacity(m);
                let denom = f64::from(capacity) * end.as_ms();
                MachineStats {
                    machine: m.key(),
                    capacity,
                    jobs: t.jobs,
                    busy_ms: SimTime(t.busy).as_ms(),
                    utilisation: if denom > 0.0 {
                        SimTime(t.busy).as_ms() / denom
                    } else {
                        0.0
                    },
                    longest_queue: t.longest_queue,
                    wait_for_unit: Summary::of_zeros_and(t.no_wait, &mut t.unit_waits),
                    warmups: t.warmups,
                    put_away: t.put_away,
                }
            })
            .collect();
        let (working, blocked) = (self.working, self.blocked);

        Metrics {
            strategy: strategy.key(),
            customers: n,
            served,
            cookies,
            lost,
            latency: Summary::of(&mut latencies),
            wait_in_line: Summary::of_zeros_and(no_wait_in_line, &mut waits),
            throughput_per_min: throughput,
            working_ms: SimTime(working).as_ms(),
            blocked_ms: SimTime(blocked).as_ms(),
            idle_ms: end.since(SimTime(working + blocked)).as_ms(),
            lag: Summary::of_zeros_and(self.no_lag, &mut self.lags),
            machines,
            longest_line: longest_line(orders),
            wasted_machine_ms: SimTime(wasted).as_ms(),
            makespan_ms: end.as_ms(),
            mean_in_flight: if end > SimTime::ZERO {
                sojourn_sum as f64 / end.0 as f64
            } else {
                0.0
            },
            breaker: instance
                .scenario
                .breaker
                .on
                .then(|| self.breaker.stats(end)),
            cache: instance
                .scenario
                .cache
                .on
                .then(|| self.cache.stats(instance.scenario.cache)),
        }
    }
}

impl Recorder for Tally {
    /// The barista's events, the most frequent, here; the machines' and
    /// mechanisms' out of line.
    #[inline(always)]
    fn record(&mut self, e: Event) {
        match e.what {
            What::Work { until, .. } => self.working += (until - e.t).0,
            What::Block { until, .. } => self.blocked += (until - e.t).0,
            What::Run { kind, lag, .. } => {
                if kind.is_task() {
                    match lag.0 {
                        0 => self.no_lag += 1,
                        lag => self.lags.push(lag),
                    }
                }
            }
            What::Microtask { .. } | What::End { .. } => {}
            _ => self.machine_event(e),
        }
    }
}

impl Tally {
    #[inline(never)]
    fn machine_event(&mut self, e: Event) {
        match e.what {
            What::Queue {
                machine,
                order,
                pos,
            } => {
                let t = &mut self.machines[machine.index()];
                t.waiting.push_back((order, pos, e.t));
                t.longest_queue = t.longest_queue.max(t.waiting.len() as u32);
            }
            What::Warm { machine, unit, .. } => {
                let t = &mut self.machines[machine.index()];
                t.warmups += 1;
                if let Some(w) = t.warming.get_mut(unit as usize) {
                    *w = Some(e.t);
                }
            }
            What::Cool { machine, .. } => self.machines[machine.index()].put_away += 1,
            What::Start {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                let t = &mut self.machines[machine.index()];
                // A queued request starts on a released unit; a cold unit
                // starts the request it warmed up for.
                let warmed = t.warming.get_mut(unit as usize).and_then(Option::take);
                let since = match t.waiting.front() {
                    Some(&(o, p, queued)) if (o, p) == (order, pos) => {
                        t.waiting.pop_front();
                        queued
                    }
                    _ => warmed.unwrap_or(e.t),
                };
                match (e.t - since).0 {
                    0 => t.no_wait += 1,
                    wait => t.unit_waits.push(wait),
                }
                let d = (until - e.t).0;
                t.busy += d;
                t.jobs += 1;
                if self.machine_time_of_order.is_empty() {
                    self.machine_time_of_order = vec![0; self.orders];
                }
                if let Some(m) = self.machine_time_of_order.get_mut(order as usize) {
                    *m += d;
                }
            }
            What::Circuit { .. } | What::Reject { .. } => self.breaker.record(&e),
            What::Cache { .. } => self.cache.record(&e),
            _ => {}
        }
    }
}

/// A run simulated for its numbers alone
/// ([`simulate_numbers`](crate::sim::simulate_numbers)): its order records
/// and end, and the [`Tally`] of its events instead of the events.
#[derive(Clone, Debug, PartialEq)]
pub struct Numbers {
    /// The strategy simulated.
    pub strategy: Strategy,
    /// The handler it ran, per drink.
    pub flows: [Flow; 2],
    /// Per order, indexed like the instance's orders (as in the trace).
    pub orders: Vec<OrderRecord>,
    /// When the last thing happened (as in the trace).
    pub end: SimTime,
    /// The running figures of its events.
    pub tally: Tally,
}

impl Numbers {
    /// The metrics: identical to [`metrics`] of the traced run.
    pub fn metrics(&self, instance: &Instance) -> Metrics {
        self.tally
            .clone()
            .finish(instance, self.strategy, &self.orders, self.end)
    }

    /// The breaker's state over time: identical to
    /// [`breaker_series`](crate::resilience::breaker_series) of the trace.
    pub fn breaker_series(&self) -> &[(SimTime, Circuit)] {
        self.tally.breaker_series()
    }

    /// The trace digest ([`Trace::digest`]) of this run, without keeping
    /// the trace: the digest hashes the order records and the end before
    /// the events, so the events are hashed by a second run of `instance`
    /// (the one this was simulated from), each event as it happens. Costs
    /// about one more simulation and no memory per event.
    pub fn digest(&self, instance: &Instance) -> u64 {
        let start = Digest::start(self.end, &self.orders);
        run_flows(instance, &self.flows, start).recorder.value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_follows_the_textbook() {
        // The classic example: 15, 20, 35, 40, 50.
        let v = [15, 20, 35, 40, 50];
        assert_eq!(nearest_rank(&v, 5.0), 15);
        assert_eq!(nearest_rank(&v, 30.0), 20);
        assert_eq!(nearest_rank(&v, 40.0), 20);
        assert_eq!(nearest_rank(&v, 50.0), 35);
        assert_eq!(nearest_rank(&v, 100.0), 50);
        assert_eq!(nearest_rank(&[], 50.0), 0);
    }

    #[test]
    fn zeros_counted_apart_summarise_like_the_values() {
        for values in [vec![], vec![0, 0, 0], vec![0, 5, 0, 9, 0, 1], vec![7, 3]] {
            let zeros = values.iter().filter(|&&v| v == 0).count();
            let mut rest: Vec<u64> = values.iter().copied().filter(|&v| v > 0).collect();
            let mut all = values.clone();
            assert_eq!(
                Summary::of_zeros_and(zeros, &mut rest),
                Summary::of(&mut all),
                "{values:?}"
            );
        }
    }

    #[test]
    fn step_functions_merge_equal_times() {
        let (points, max) = step_function(vec![
            (SimTime(5), 1),
            (SimTime(0), 1),
            (SimTime(5), -1),
            (SimTime(9), -1),
        ]);
        assert_eq!(
            points,
            vec![(SimTime(0), 1), (SimTime(5), 1), (SimTime(9), 0)]
        );
        assert_eq!(max, 1);
    }
}
