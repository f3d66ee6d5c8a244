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
//! - The handler is a [`Flow`] per drink: the built-in strategy's, or a
//!   learner's program fitted to the drink. How it waits for each call
//!   decides what a finished machine job does.
//! - A finished machine job becomes a task. Running it releases the unit
//!   (the oldest queued request starts at that moment, without a second
//!   dispatch) and continues the order: directly for a callback, as a
//!   microtask for `await` and for `Promise.all` bookkeeping.
//! - A synchronous call runs inside the task that makes it: the barista
//!   stands blocked at the machine for the whole duration.
//! - A handled failure costs a cookie (CPU); an unhandled one loses the order.
//!   `Promise.all` rejects on the first failure; the other branches of that
//!   order still run to their end (JavaScript cannot cancel them).
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
use super::flow::{Flow, FlowCall, Item, Place, Wait};
use super::metrics::{Numbers, Tally};
use super::pool::Pool;
use super::scenario::{Drink, Instance, MachineKind, PlanStep};
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Act, Event, Job, JobKind, OrderRecord, Outcome, Recorder, Trace, What};
use machines::{Chore, NEVER};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Simulates `strategy` on `instance`: pure and deterministic. The trace
/// keeps every event, for replay, the views and the digest.
pub fn simulate(instance: &Instance, strategy: Strategy) -> Trace {
    simulate_flows(instance, strategy, &builtin_flows(instance, strategy))
}

/// Simulates the handler `flows` (one per drink, by [`Drink::index`]) on
/// `instance`, as `strategy` (usually [`Strategy::Yours`]).
pub fn simulate_flows(instance: &Instance, strategy: Strategy, flows: &[Flow; 2]) -> Trace {
    let events = Vec::with_capacity(event_capacity(instance, flows));
    let run = run_flows(instance, flows, events);
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
    simulate_numbers_flows(instance, strategy, builtin_flows(instance, strategy))
}

/// [`simulate_numbers`] of the handler `flows`, as `strategy`.
pub fn simulate_numbers_flows(
    instance: &Instance,
    strategy: Strategy,
    flows: [Flow; 2],
) -> Numbers {
    let run = run_flows(instance, &flows, Tally::new(instance));
    Numbers {
        strategy,
        flows,
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

/// Runs `flows` (one per drink, by [`Drink::index`]) on `instance`, handing
/// every event to `recorder`: a learner's handler, or a built-in strategy's
/// ([`builtin_flows`]).
pub fn run_flows<R: Recorder>(instance: &Instance, flows: &[Flow; 2], recorder: R) -> Run<R> {
    Sim::new(instance, flows, recorder).run()
}

/// The built-in `strategy`'s flow for each drink of `instance`.
pub fn builtin_flows(instance: &Instance, strategy: Strategy) -> [Flow; 2] {
    Drink::ALL.map(|drink| {
        Flow::builtin(
            strategy,
            drink,
            &instance.scenario,
            &instance.plans[drink.index()],
        )
    })
}

/// Events per order, from its flow: a little more than ever needed without
/// pools, breaker or cache, so that a trace is allocated once.
fn event_capacity(inst: &Instance, flows: &[Flow; 2]) -> usize {
    let per_drink = flows.each_ref().map(|flow| {
        let waits: usize = flow
            .calls
            .iter()
            .filter(|c| c.plan.machine.is_some())
            .map(|c| match c.wait {
                Wait::Block => 4,
                Wait::Callback => 5,
                Wait::Await | Wait::Joined => 7,
            })
            .sum();
        6 + flow.calls.len() + waits
    });
    inst.orders.iter().map(|o| per_drink[o.drink.index()]).sum()
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

/// What an order's handler is waiting for, beyond its calls' own tasks.
#[derive(Clone, Copy, Debug)]
struct Progress {
    /// Promise.all: branches not yet settled.
    pending: u8,
    /// Promise.all: rejected by the failure of this plan position
    /// ([`NOT_REJECTED`] before).
    rejected_by: u8,
    /// Bit per plan position: the handler already has that step's outcome
    /// (a payment that timed out; its later completion only frees the unit).
    settled: u8,
    /// Bit per plan position: failed by the circuit breaker.
    forced: u8,
}

struct Sim<'a, R> {
    inst: &'a Instance,
    /// The handler, per drink.
    flows: &'a [Flow; 2],
    take_order: SimTime,
    dispatch: SimTime,
    cookie: SimTime,
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
    fn new(inst: &'a Instance, flows: &'a [Flow; 2], rec: R) -> Sim<'a, R> {
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
            flows,
            take_order: SimTime::from_ms(s.take_order_ms),
            dispatch: SimTime::from_ms(s.dispatch_ms),
            cookie: SimTime::from_ms(s.cookie_ms),
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
            // Armed only for calls that do not block (a synchronous call
            // cannot be timed out: the timer could only fire once the main
            // thread is free again).
            timeout: s.breaker.timeout(),
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

    /// `order`'s handler.
    fn flow(&self, order: usize) -> &'a Flow {
        let flows: &'a [Flow; 2] = self.flows;
        &flows[self.inst.orders[order].drink.index()]
    }

    /// The call that makes plan position `pos` of `order`.
    fn call(&self, order: usize, pos: u8) -> FlowCall {
        self.flow(order).calls[pos as usize]
    }

    fn step(&self, order: usize, pos: u8) -> PlanStep {
        self.call(order, pos).plan
    }

    /// Whether step `pos` of `order` fails: drawn so, or failed by the
    /// circuit breaker.
    fn fails(&self, order: usize, pos: u8) -> bool {
        let call = self.call(order, pos);
        let step = call.plan.step;
        (!call.absent && step.machine().is_some() && self.inst.orders[order].fails(step))
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
                self.run_main(order, 0);
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
            JobKind::Joined => {
                if let Some(join) = self.flow(order).join(job.pos) {
                    self.run_main(order, usize::from(join.at) + 1);
                }
            }
        }
    }

    /// Runs the handler's own sequence from item `from` until it has to
    /// wait, fails, or serves the drink.
    fn run_main(&mut self, order: usize, from: usize) {
        let flow = self.flow(order);
        for &item in flow.main.iter().skip(from) {
            match item {
                Item::Call(pos) => match self.make(order, pos) {
                    Next::Go => {}
                    Next::Wait => return,
                    Next::Failed => {
                        self.fail(order, self.call(order, pos).handled);
                        return;
                    }
                },
                Item::All(join) => {
                    self.start_join(order, join);
                    return;
                }
            }
        }
        self.finish(order, Outcome::Served);
    }

    /// `Promise.all`: start every branch, then wait for all of them.
    fn start_join(&mut self, order: usize, join: u8) {
        let Some(j) = self.flow(order).join(join) else {
            return;
        };
        let progress = &mut self.progress[order];
        progress.pending = u8::try_from(j.branches.len()).unwrap_or(u8::MAX);
        progress.rejected_by = NOT_REJECTED;
        for branch in 0..j.branches.len() {
            self.run_branch(order, join, branch, 0);
        }
    }

    /// Runs branch `branch` of join `join` from call `from` until it has to
    /// wait; at its end (or a failure) its promise settles, in a microtask.
    fn run_branch(&mut self, order: usize, join: u8, branch: usize, from: usize) {
        let Some(calls) = self
            .flow(order)
            .join(join)
            .and_then(|j| j.branches.get(branch))
        else {
            return;
        };
        for &pos in calls.iter().skip(from) {
            match self.make(order, pos) {
                Next::Go => {}
                Next::Wait => return,
                Next::Failed => {
                    self.queue_microtask(JobKind::Settle, order, pos);
                    return;
                }
            }
        }
        if let Some(&last) = calls.last() {
            self.queue_microtask(JobKind::Settle, order, last);
        }
    }

    /// Makes step `pos` of `order`: CPU work, a cache hit, standing at a
    /// machine, or calling one without waiting. A step the drink does not
    /// have returns at once; awaited or joined, its settled promise still
    /// goes through a microtask.
    fn make(&mut self, order: usize, pos: u8) -> Next {
        let call = self.call(order, pos);
        if call.absent {
            let kind = match call.wait {
                Wait::Await => JobKind::Resume,
                Wait::Joined => JobKind::Settle,
                Wait::Block | Wait::Callback => return Next::Go,
            };
            self.queue_microtask(kind, order, pos);
            return Next::Wait;
        }
        match call.plan.machine {
            None => {
                let d = self.inst.orders[order].duration(call.plan.step);
                self.work(order, Act::Step, pos, d);
                Next::Go
            }
            Some(_) if call.cache && self.cache_hit(order, pos) => Next::Go,
            Some(machine) if call.wait == Wait::Block => {
                self.stand_at(order, pos, machine);
                if self.fails(order, pos) {
                    Next::Failed
                } else {
                    Next::Go
                }
            }
            Some(_) => {
                self.dispatch(order, pos);
                Next::Wait
            }
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
        match self.call(order, pos).wait {
            Wait::Callback => self.resume(order, pos),
            Wait::Await => self.queue_microtask(JobKind::Resume, order, pos),
            Wait::Joined => self.queue_microtask(JobKind::Settle, order, pos),
            Wait::Block => {}
        }
    }

    /// Continue after step `pos` settled: throw into the handler or go on.
    /// In a `Promise.all` branch, a failure rejects the branch; and the
    /// join's own rejection comes back here, named by the step that failed.
    fn resume(&mut self, order: usize, pos: u8) {
        let call = self.call(order, pos);
        match call.place {
            Place::Main(index) => {
                if self.fails(order, pos) {
                    self.fail(order, call.handled);
                } else {
                    self.run_main(order, usize::from(index) + 1);
                }
            }
            Place::Branch {
                join,
                branch,
                index,
            } => {
                if self.progress[order].rejected_by == pos {
                    let handled = self.flow(order).join(join).is_some_and(|j| j.handled);
                    self.fail(order, handled);
                } else if self.fails(order, pos) {
                    self.queue_microtask(JobKind::Settle, order, pos);
                } else {
                    self.run_branch(order, join, usize::from(branch), usize::from(index) + 1);
                }
            }
        }
    }

    /// `Promise.all` bookkeeping for one settled branch, named by the step
    /// that settled it.
    fn settle(&mut self, order: usize, pos: u8) {
        if self.progress[order].rejected_by != NOT_REJECTED {
            return; // Already rejected: the result is thrown away.
        }
        if self.fails(order, pos) {
            self.progress[order].rejected_by = pos;
            self.queue_microtask(JobKind::Resume, order, pos);
            return;
        }
        let progress = &mut self.progress[order];
        progress.pending = progress.pending.saturating_sub(1);
        if progress.pending == 0
            && let Place::Branch { join, .. } = self.call(order, pos).place
        {
            self.queue_microtask(JobKind::Joined, order, join);
        }
    }

    /// A step failed: a cookie if the error is handled, else the order is lost.
    fn fail(&mut self, order: usize, handled: bool) {
        if handled {
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

/// What making a step left the handler doing.
enum Next {
    /// Going on at once.
    Go,
    /// Waiting for a machine.
    Wait,
    /// Throwing: the step failed.
    Failed,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            pending: 0,
            rejected_by: NOT_REJECTED,
            settled: 0,
            forced: 0,
        }
    }
}

/// [`Progress::rejected_by`] of a join that has not failed (no plan has
/// that many steps).
const NOT_REJECTED: u8 = u8::MAX;

/// The bit of plan position `pos` (recipes have at most 8 steps).
fn bit(pos: u8) -> u8 {
    1u8.checked_shl(u32::from(pos)).unwrap_or(0)
}
