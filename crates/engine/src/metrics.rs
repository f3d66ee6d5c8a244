//! Results people watch (docs/model.md#metrics), computed from a trace alone.

use super::order::{sort_by_u64_key, sort_u64};
use super::resilience::{BreakerStats, CacheStats, breaker_stats, cache_stats};
use super::scenario::{Instance, MachineKind};
use super::time::SimTime;
use super::trace::{Outcome, Trace, What};
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

/// The end time an order counts towards "in flight": lost orders never leave.
fn left_at(trace: &Trace, order: usize) -> SimTime {
    let r = &trace.orders[order];
    match r.outcome {
        Outcome::Lost => trace.end,
        _ => r.ended,
    }
}

/// The line over time (customers arrived and not yet taken) and its maximum.
fn line_length(trace: &Trace) -> (Vec<(SimTime, u32)>, u32) {
    let changes = trace
        .orders
        .iter()
        .flat_map(|r| [(r.arrived, 1), (r.taken, -1)])
        .collect();
    step_function(changes)
}

/// Time series of a run.
pub fn series(trace: &Trace) -> Series {
    let n = trace.orders.len();
    let mut flight = Vec::with_capacity(2 * n);
    for (i, r) in trace.orders.iter().enumerate() {
        flight.push((r.arrived, 1));
        flight.push((left_at(trace, i), -1));
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
        line: line_length(trace).0,
        in_flight: step_function(flight).0,
        lag,
    }
}

/// The metrics of a run.
pub fn metrics(instance: &Instance, trace: &Trace) -> Metrics {
    let n = trace.orders.len();
    let mut latencies = Vec::with_capacity(n);
    let mut waits = Vec::with_capacity(n);
    let (mut served, mut cookies, mut lost) = (0, 0, 0);
    let mut last_answer = SimTime::ZERO;
    let mut sojourn_sum: u128 = 0;
    for (i, r) in trace.orders.iter().enumerate() {
        waits.push((r.taken - r.arrived).0);
        match r.outcome {
            Outcome::Served => served += 1,
            Outcome::Cookie => cookies += 1,
            Outcome::Lost => lost += 1,
        }
        if let Some(l) = r.latency() {
            latencies.push(l.0);
            last_answer = last_answer.max(r.ended);
        }
        sojourn_sum += u128::from((left_at(trace, i) - r.arrived).0);
    }

    let mut working = 0u64;
    let mut blocked = 0u64;
    let mut lags = Vec::new();
    const KINDS: usize = MachineKind::ALL.len();
    let mut busy = [0u64; KINDS];
    let mut jobs = [0u32; KINDS];
    let mut waiting: [VecDeque<(u32, u8, SimTime)>; KINDS] = Default::default();
    let mut longest_queue = [0u32; KINDS];
    // Waits for a unit: how many were zero, and the others.
    let mut no_wait = [0usize; KINDS];
    let mut unit_waits: [Vec<u64>; KINDS] = Default::default();
    let mut warmups = [0u32; KINDS];
    let mut put_away = [0u32; KINDS];
    // Units warming up, and since when: `[machine][unit]`.
    let mut warming: Vec<Vec<Option<SimTime>>> = MachineKind::ALL
        .iter()
        .map(|&m| vec![None; instance.capacity(m) as usize])
        .collect();
    let mut machine_time_of_order = vec![0u64; n];
    for e in &trace.events {
        match e.what {
            What::Work { until, .. } => working += (until - e.t).0,
            What::Block { until, .. } => blocked += (until - e.t).0,
            What::Run { kind, lag, .. } if kind.is_task() => lags.push(lag.0),
            What::Queue {
                machine,
                order,
                pos,
            } => {
                let q = &mut waiting[machine.index()];
                q.push_back((order, pos, e.t));
                longest_queue[machine.index()] = longest_queue[machine.index()].max(q.len() as u32);
            }
            What::Warm { machine, unit, .. } => {
                warmups[machine.index()] += 1;
                if let Some(w) = warming[machine.index()].get_mut(unit as usize) {
                    *w = Some(e.t);
                }
            }
            What::Cool { machine, .. } => put_away[machine.index()] += 1,
            What::Start {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                let m = machine.index();
                // A queued request starts on a released unit; a cold unit
                // starts the request it warmed up for.
                let warmed = warming[m].get_mut(unit as usize).and_then(Option::take);
                let since = match waiting[m].front() {
                    Some(&(o, p, queued)) if (o, p) == (order, pos) => {
                        waiting[m].pop_front();
                        queued
                    }
                    _ => warmed.unwrap_or(e.t),
                };
                match (e.t - since).0 {
                    0 => no_wait[m] += 1,
                    wait => unit_waits[m].push(wait),
                }
                busy[m] += (until - e.t).0;
                jobs[m] += 1;
                machine_time_of_order[order as usize] += (until - e.t).0;
            }
            _ => {}
        }
    }
    let wasted: u64 = trace
        .orders
        .iter()
        .zip(&machine_time_of_order)
        .filter(|(r, _)| r.outcome != Outcome::Served)
        .map(|(_, t)| t)
        .sum();

    let end = trace.end;
    let first_arrival = trace.orders.first().map_or(SimTime::ZERO, |r| r.arrived);
    let answered = served + cookies;
    let span = last_answer - first_arrival;
    let throughput = if span > SimTime::ZERO {
        answered as f64 / span.as_ms() * 60_000.0
    } else {
        0.0
    };
    let machines = MachineKind::ALL
        .into_iter()
        .map(|m| {
            let capacity = instance.capacity(m);
            let denom = f64::from(capacity) * end.as_ms();
            MachineStats {
                machine: m.key(),
                capacity,
                jobs: jobs[m.index()],
                busy_ms: SimTime(busy[m.index()]).as_ms(),
                utilisation: if denom > 0.0 {
                    SimTime(busy[m.index()]).as_ms() / denom
                } else {
                    0.0
                },
                longest_queue: longest_queue[m.index()],
                wait_for_unit: Summary::of_zeros_and(
                    no_wait[m.index()],
                    &mut unit_waits[m.index()],
                ),
                warmups: warmups[m.index()],
                put_away: put_away[m.index()],
            }
        })
        .collect();
    let longest_line = line_length(trace).1;

    Metrics {
        strategy: trace.strategy.key(),
        customers: n,
        served,
        cookies,
        lost,
        latency: Summary::of(&mut latencies),
        wait_in_line: Summary::of(&mut waits),
        throughput_per_min: throughput,
        working_ms: SimTime(working).as_ms(),
        blocked_ms: SimTime(blocked).as_ms(),
        idle_ms: end.since(SimTime(working + blocked)).as_ms(),
        lag: Summary::of(&mut lags),
        machines,
        longest_line,
        wasted_machine_ms: SimTime(wasted).as_ms(),
        makespan_ms: end.as_ms(),
        mean_in_flight: if end > SimTime::ZERO {
            sojourn_sum as f64 / end.0 as f64
        } else {
            0.0
        },
        breaker: breaker_stats(instance, trace),
        cache: cache_stats(instance, trace),
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
