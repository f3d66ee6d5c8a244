//! The simulation: one barista (the main thread) running one job at a time,
//! machines working on their own, and the event loop between them.
//!
//! The rules (docs/model.md#timing-rules) in code form:
//! - When the barista is free, the microtask queue is drained first; then the
//!   oldest ready task runs. Tasks are ordered by (ready time, scheduling
//!   order); arrivals were all scheduled when the café opened, so at equal
//!   times they come before machine completions, and among themselves by
//!   position.
//! - An arrival task takes the order (CPU) and runs the handler until it
//!   first waits. Pressing a machine's button costs `dispatch` CPU; the
//!   machine starts when that ends, or queues FIFO when every unit is busy.
//! - A finished machine job becomes a task. Running it releases the unit
//!   (the oldest queued request starts at that moment, without a second
//!   dispatch) and continues the order: directly for callbacks, as a
//!   microtask for `await` and `Promise.all` bookkeeping.
//! - Blocking mode runs the whole order inside its arrival task; at each
//!   machine the barista stands blocked for the whole duration.
//! - A handled failure costs a cookie (CPU); an unhandled one loses the order.
//!   `Promise.all` rejects on the first failure; the other machines of that
//!   order still finish their work (JavaScript cannot cancel them).
//!
//! Pools, the circuit breaker and the cache (`machines`) add chores that
//! happen on their own at set times — a warm-up ending, an idle unit put
//! away, the breaker turning half-open — never on the barista. A chore due
//! at an instant happens before anything the barista does at that instant.
//!
//! Every event goes to a [`Recorder`], in the order it happens: a trace
//! keeps them all ([`simulate`]); a run for the numbers alone only tallies
//! them ([`simulate_numbers`]). The rules above are written once, here, for
//! both.

mod machines;

use super::breaker::Breaker;
use super::cache::Cache;
use super::metrics::{Numbers, Tally};
use super::pool::Pool;
use super::scenario::{Instance, MachineKind, PlanStep};
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Act, Event, Job, JobKind, OrderRecord, Outcome, Recorder, Trace, What};
use machines::{Chore, NEVER};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Simulates `strategy` on `instance`: pure and deterministic. The trace
/// keeps every event, for replay, the views and the digest.
pub fn simulate(instance: &Instance, strategy: Strategy) -> Trace {
    let events = Vec::with_capacity(event_capacity(instance, strategy));
    let run = simulate_with(instance, strategy, events);
    Trace {
        strategy,
        orders: run.orders,
        events: run.recorder,
        end: run.end,
    }
}

/// Simulates `strategy` on `instance` for the numbers alone: the same run as
/// [`simulate`] (the same loop, the same events in the same order), but each
/// event only updates the running figures of [`Tally`] and is then
/// forgotten. Memory grows with the customers (their records, one lag per
/// task), not with the events; the metrics are identical to the trace's.
pub fn simulate_numbers(instance: &Instance, strategy: Strategy) -> Numbers {
    let run = simulate_with(instance, strategy, Tally::new(instance));
    Numbers {
        strategy,
        orders: run.orders,
        end: run.end,
        tally: run.recorder,
    }
}

/// A run whose events went to a [`Recorder`].
#[derive(Clone, Debug)]
pub struct Run<R> {
    /// Per order, indexed like the instance's orders.
    pub orders: Vec<OrderRecord>,
    /// When the last thing happened.
    pub end: SimTime,
    /// Where every event went.
    pub recorder: R,
}

/// Simulates `strategy` on `instance`, handing every event to `recorder` as
/// it happens: the one event loop behind [`simulate`] and
/// [`simulate_numbers`].
pub fn simulate_with<R: Recorder>(instance: &Instance, strategy: Strategy, recorder: R) -> Run<R> {
    Sim::new(instance, strategy, recorder).run()
}

/// Events per order, from its plan: a little more than ever needed without
/// pools, breaker or cache, so that a trace is allocated once.
fn event_capacity(inst: &Instance, strategy: Strategy) -> usize {
    let per_plan = inst.plans.each_ref().map(|plan| {
        let waits = plan.iter().filter(|p| p.machine.is_some()).count();
        let per_wait = match strategy {
            Strategy::Blocking => 4,
            Strategy::Callbacks => 5,
            Strategy::Await | Strategy::Join => 7,
        };
        6 + plan.len() + waits * per_wait
    });
    inst.orders.iter().map(|o| per_plan[o.drink.index()]).sum()
}

/// A task not yet run: a machine completion or a breaker timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Timer {
    at: SimTime,
    seq: u64,
    job: Job,
}

impl Ord for Timer {
    /// Reversed so that `BinaryHeap` pops the earliest (then first scheduled).
    fn cmp(&self, other: &Timer) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Timer) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Where an order's handler is.
#[derive(Clone, Copy, Debug, Default)]
struct Progress {
    /// Next plan position for sequential execution.
    pos: u8,
    /// Promise.all: steps not yet settled.
    pending: u8,
    /// Promise.all: already rejected.
    rejected: bool,
    /// Bit per plan position: the handler already has that step's outcome
    /// (a payment that timed out; its later completion only frees the unit).
    settled: u8,
    /// Bit per plan position: failed by the circuit breaker.
    forced: u8,
}

struct Sim<'a, R> {
    inst: &'a Instance,
    strategy: Strategy,
    take_order: SimTime,
    dispatch: SimTime,
    cookie: SimTime,
    handled: bool,
    now: SimTime,
    seq: u64,
    timers: BinaryHeap<Timer>,
    next_arrival: usize,
    microtasks: VecDeque<(Job, SimTime)>,
    pools: [Pool; MachineKind::ALL.len()],
    chores: BinaryHeap<Chore>,
    chore_seq: u64,
    /// When the earliest chore is due ([`NEVER`] without one).
    next_chore: SimTime,
    /// Warm-ups under way (chores that lead to more work).
    warming: usize,
    warmup: SimTime,
    idle: Option<SimTime>,
    breaker: Option<Breaker>,
    timeout: Option<SimTime>,
    reset: SimTime,
    cache: Option<Cache>,
    hit_cost: SimTime,
    progress: Vec<Progress>,
    records: Vec<OrderRecord>,
    /// Where the events go.
    rec: R,
}

impl<'a, R: Recorder> Sim<'a, R> {
    fn new(inst: &'a Instance, strategy: Strategy, rec: R) -> Sim<'a, R> {
        let s = &inst.scenario;
        let n = inst.orders.len();
        let pools = MachineKind::ALL.map(|m| Pool::new(inst.capacity(m), s.pool.on()));
        let records = inst
            .orders
            .iter()
            .map(|o| OrderRecord {
                arrived: o.arrival,
                taken: o.arrival,
                ended: o.arrival,
                outcome: Outcome::Lost,
            })
            .collect();
        Sim {
            inst,
            strategy,
            take_order: SimTime::from_ms(s.take_order_ms),
            dispatch: SimTime::from_ms(s.dispatch_ms),
            cookie: SimTime::from_ms(s.cookie_ms),
            handled: match strategy {
                Strategy::Callbacks => s.check_err,
                _ => s.try_catch,
            },
            now: SimTime::ZERO,
            seq: 0,
            timers: BinaryHeap::new(),
            next_arrival: 0,
            microtasks: VecDeque::new(),
            pools,
            chores: BinaryHeap::new(),
            chore_seq: 0,
            next_chore: NEVER,
            warming: 0,
            warmup: s.pool.warmup(),
            idle: s.pool.idle(),
            breaker: s.breaker.on.then(|| Breaker::new(s.breaker)),
            // A synchronous call cannot be timed out: the timer could only
            // fire once the main thread is free again.
            timeout: s
                .breaker
                .timeout()
                .filter(|_| strategy != Strategy::Blocking),
            reset: SimTime::from_ms(s.breaker.reset_ms),
            cache: s.cache.on.then(|| Cache::new(s.cache)),
            hit_cost: SimTime::from_ms(s.cache.hit_ms),
            progress: vec![Progress::default(); n],
            records,
            rec,
        }
    }

    fn run(mut self) -> Run<R> {
        loop {
            if let Some((job, queued)) = self.microtasks.pop_front() {
                let lag = self.now - queued;
                self.run_job(job, lag);
                continue;
            }
            let Some((ready, job)) = self.next_task() else {
                break;
            };
            if ready > self.now {
                self.now = ready;
            }
            let lag = self.now - ready;
            self.run_job(job, lag);
        }
        Run {
            orders: self.records,
            end: self.now,
            recorder: self.rec,
        }
    }

    /// The oldest ready task, once every chore due by then is done; `None`
    /// when nothing is left but chores that lead nowhere (units put away,
    /// the breaker turning half-open after the last order: not recorded).
    fn next_task(&mut self) -> Option<(SimTime, Job)> {
        loop {
            // Timeouts cleared by their payment's completion never run.
            while self.timers.peek().is_some_and(|t| {
                t.job.kind == JobKind::Timeout && self.settled(t.job.order as usize, t.job.pos)
            }) {
                self.timers.pop();
            }
            let arrival = self.inst.orders.get(self.next_arrival).map(|o| o.arrival);
            let timer = self.timers.peek().map(|t| t.at);
            let candidate = match (arrival, timer) {
                (Some(a), Some(t)) => Some(a.min(t)),
                (a, t) => a.or(t),
            };
            let due = match candidate {
                Some(c) => c.max(self.now),
                None if self.warming > 0 => self.chores.peek()?.at,
                None => return None,
            };
            if let Some(at) = self.chores.peek().map(|c| c.at).filter(|&at| at <= due) {
                // One instant's chores at a time: they may schedule tasks
                // earlier than the candidate (and than later chores).
                self.sync(at);
                continue;
            }
            // A machine completion if it is strictly earlier than the next
            // arrival (arrivals win ties: they were scheduled first).
            if let Some(a) = arrival
                && timer.is_none_or(|t| a <= t)
            {
                let order = self.next_arrival as u32;
                self.next_arrival += 1;
                let job = Job {
                    kind: JobKind::Arrival,
                    pos: 0,
                    unit: 0,
                    order,
                };
                return Some((a, job));
            }
            let t = self.timers.pop()?;
            return Some((t.at, t.job));
        }
    }

    /// Records `what` now, after every chore due by now.
    #[inline]
    fn emit(&mut self, what: What) {
        self.sync(self.now);
        self.rec.record(Event { t: self.now, what });
    }

    fn step(&self, order: usize, pos: u8) -> PlanStep {
        self.inst.plan(order)[pos as usize]
    }

    /// Whether step `pos` of `order` fails: drawn so, or failed by the
    /// circuit breaker.
    fn fails(&self, order: usize, pos: u8) -> bool {
        let step = self.step(order, pos).step;
        (step.machine().is_some() && self.inst.orders[order].fails(step))
            || self.progress[order].forced & bit(pos) != 0
    }

    fn settled(&self, order: usize, pos: u8) -> bool {
        self.progress[order].settled & bit(pos) != 0
    }

    fn run_job(&mut self, job: Job, lag: SimTime) {
        self.emit(What::run(job, lag));
        let order = job.order as usize;
        match job.kind {
            JobKind::Arrival => {
                self.records[order].taken = self.now;
                self.work(order, Act::TakeOrder, 0, self.take_order);
                self.begin(order);
            }
            JobKind::MachineDone => {
                if let Some(machine) = self.step(order, job.pos).machine {
                    self.release(machine, job.unit);
                }
                if !self.settled(order, job.pos) {
                    self.progress[order].settled |= bit(job.pos);
                    self.answered(order, job.pos);
                    self.machine_done(order, job.pos);
                }
            }
            JobKind::Timeout => {
                self.timed_out(order, job.pos);
                self.machine_done(order, job.pos);
            }
            JobKind::Resume => self.resume(order, job.pos),
            JobKind::Settle => self.settle(order, job.pos),
            JobKind::Joined => self.advance(order),
        }
    }

    /// The handler's first synchronous stretch, after taking the order.
    /// Parallel join awaits a leading price lookup before its `Promise.all`.
    fn begin(&mut self, order: usize) {
        if self.strategy != Strategy::Join {
            self.advance(order);
            return;
        }
        if self.inst.plan(order).first().is_some_and(|p| p.is_lookup()) {
            if !self.cache_hit(order, 0) {
                self.dispatch(order, 0);
                return;
            }
            self.progress[order].pos = 1;
        }
        self.start_all(order);
    }

    /// Parallel join: start every I/O step, then wait for all of them.
    fn start_all(&mut self, order: usize) {
        let mut pending = 0u8;
        for pos in 0..self.inst.plan(order).len() as u8 {
            if self.step(order, pos).is_io() {
                self.dispatch(order, pos);
                pending += 1;
            }
        }
        self.progress[order].pending = pending;
        if pending == 0 {
            self.advance(order);
        }
    }

    /// Runs the order's plan from its current position until it has to wait
    /// (or, in blocking mode, to the end). Parallel join skips the I/O steps
    /// (started together) and the lookup (awaited before them).
    fn advance(&mut self, order: usize) {
        let inst = self.inst;
        let spec = &inst.orders[order];
        let plan = inst.plan(order);
        loop {
            let pos = self.progress[order].pos;
            let Some(&step) = plan.get(pos as usize) else {
                self.finish(order, Outcome::Served);
                return;
            };
            if self.strategy == Strategy::Join && (step.is_io() || step.is_lookup()) {
                self.progress[order].pos += 1;
                continue;
            }
            match step.machine {
                None => {
                    let d = spec.duration(step.step);
                    self.work(order, Act::Step, pos, d);
                }
                Some(_) if step.is_lookup() && self.cache_hit(order, pos) => {}
                Some(machine) if self.strategy == Strategy::Blocking => {
                    self.stand_at(order, pos, machine);
                    if self.fails(order, pos) {
                        self.fail(order);
                        return;
                    }
                }
                Some(_) => {
                    self.dispatch(order, pos);
                    return;
                }
            }
            self.progress[order].pos += 1;
        }
    }

    /// CPU work on the barista.
    fn work(&mut self, order: usize, act: Act, pos: u8, d: SimTime) {
        if d > SimTime::ZERO {
            let until = self.now + d;
            self.emit(What::Work {
                order: order as u32,
                act,
                pos,
                until,
            });
            self.now = until;
        }
    }

    fn queue_microtask(&mut self, kind: JobKind, order: usize, pos: u8) {
        let job = Job {
            kind,
            pos,
            unit: 0,
            order: order as u32,
        };
        self.microtasks.push_back((job, self.now));
        self.emit(What::microtask(job));
    }

    /// The continuation after a machine's answer (or a timeout) reached the
    /// main thread (inside its task).
    fn machine_done(&mut self, order: usize, pos: u8) {
        match self.strategy {
            Strategy::Callbacks => self.resume(order, pos),
            Strategy::Await => self.queue_microtask(JobKind::Resume, order, pos),
            Strategy::Join if self.step(order, pos).is_io() => {
                self.queue_microtask(JobKind::Settle, order, pos)
            }
            Strategy::Join => self.queue_microtask(JobKind::Resume, order, pos),
            Strategy::Blocking => {}
        }
    }

    /// Continue after step `pos` settled: throw into the handler or go on.
    fn resume(&mut self, order: usize, pos: u8) {
        if self.fails(order, pos) {
            self.fail(order);
            return;
        }
        self.progress[order].pos = pos + 1;
        if self.strategy == Strategy::Join && self.step(order, pos).is_lookup() {
            self.start_all(order);
        } else {
            self.advance(order);
        }
    }

    /// `Promise.all` bookkeeping for one settled step.
    fn settle(&mut self, order: usize, pos: u8) {
        if self.progress[order].rejected {
            return; // Already rejected: the result is thrown away.
        }
        if self.fails(order, pos) {
            self.progress[order].rejected = true;
            self.queue_microtask(JobKind::Resume, order, pos);
            return;
        }
        let progress = &mut self.progress[order];
        progress.pending = progress.pending.saturating_sub(1);
        if progress.pending == 0 {
            self.queue_microtask(JobKind::Joined, order, 0);
        }
    }

    /// A step failed: a cookie if the error is handled, else the order is lost.
    fn fail(&mut self, order: usize) {
        if self.handled {
            self.work(order, Act::Cookie, 0, self.cookie);
            self.finish(order, Outcome::Cookie);
        } else {
            self.finish(order, Outcome::Lost);
        }
    }

    fn finish(&mut self, order: usize, outcome: Outcome) {
        let record = &mut self.records[order];
        record.ended = self.now;
        record.outcome = outcome;
        self.emit(What::End {
            order: order as u32,
            outcome,
        });
    }
}

/// The bit of plan position `pos` (recipes have at most 8 steps).
fn bit(pos: u8) -> u8 {
    1u8.checked_shl(u32::from(pos)).unwrap_or(0)
}
