//! The simulation: one barista (the main thread) running one job at a time,
//! machines working on their own, and the event loop between them.
//!
//! The rules (DESIGN.md §2, "Precise timing rules") in code form:
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

use super::scenario::{Instance, MachineKind, PlanStep};
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Act, Event, Job, JobKind, OrderRecord, Outcome, Trace, What};
use std::cmp::Ordering;
use std::collections::binary_heap::PeekMut;
use std::collections::{BinaryHeap, VecDeque};

/// Simulates `strategy` on `instance`: pure and deterministic.
pub fn simulate(instance: &Instance, strategy: Strategy) -> Trace {
    Sim::new(instance, strategy).run()
}

/// A machine completion waiting to become (or already being) a ready task.
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

/// One machine kind's pool of units.
#[derive(Debug, Default)]
struct Pool {
    busy: Vec<bool>,
    waiting: VecDeque<(u32, u8)>,
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
}

struct Sim<'a> {
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
    pools: [Pool; 5],
    progress: Vec<Progress>,
    records: Vec<OrderRecord>,
    events: Vec<Event>,
}

impl<'a> Sim<'a> {
    fn new(inst: &'a Instance, strategy: Strategy) -> Sim<'a> {
        let s = &inst.scenario;
        let n = inst.orders.len();
        let pools = MachineKind::ALL.map(|m| Pool {
            busy: vec![false; inst.capacity(m) as usize],
            waiting: VecDeque::new(),
        });
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
        // Events per order, from its plan: a little more than ever needed,
        // so the trace is allocated once.
        let per_plan = inst.plans.each_ref().map(|plan| {
            let waits = plan.iter().filter(|p| p.machine.is_some()).count();
            let per_wait = match strategy {
                Strategy::Blocking => 4,
                Strategy::Callbacks => 5,
                Strategy::Await | Strategy::Join => 7,
            };
            6 + plan.len() + waits * per_wait
        });
        let capacity: usize = inst.orders.iter().map(|o| per_plan[o.drink.index()]).sum();
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
            progress: vec![Progress::default(); n],
            records,
            events: Vec::with_capacity(capacity),
        }
    }

    fn run(mut self) -> Trace {
        loop {
            if let Some((job, queued)) = self.microtasks.pop_front() {
                let lag = self.now - queued;
                self.run_job(job, lag);
                continue;
            }
            // The oldest ready task: a machine completion if it is strictly
            // earlier than the next arrival (arrivals win ties: they were
            // scheduled when the café opened).
            let arrival = self.inst.orders.get(self.next_arrival).map(|o| o.arrival);
            let (ready, job) = match self.timers.peek_mut() {
                Some(top) if arrival.is_none_or(|a| top.at < a) => {
                    let timer = PeekMut::pop(top);
                    (timer.at, timer.job)
                }
                _ => match arrival {
                    Some(a) => {
                        let order = self.next_arrival as u32;
                        self.next_arrival += 1;
                        (
                            a,
                            Job {
                                kind: JobKind::Arrival,
                                pos: 0,
                                unit: 0,
                                order,
                            },
                        )
                    }
                    None => break,
                },
            };
            if ready > self.now {
                self.now = ready;
            }
            let lag = self.now - ready;
            self.run_job(job, lag);
        }
        Trace {
            strategy: self.strategy,
            orders: self.records,
            events: self.events,
            end: self.now,
        }
    }

    fn emit(&mut self, what: What) {
        self.events.push(Event { t: self.now, what });
    }

    fn step(&self, order: usize, pos: u8) -> PlanStep {
        self.inst.plan(order)[pos as usize]
    }

    fn fails(&self, order: usize, pos: u8) -> bool {
        let step = self.step(order, pos).step;
        step.machine().is_some() && self.inst.orders[order].fails(step)
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
                self.machine_done(order, job.pos);
            }
            JobKind::Resume => self.resume(order, job.pos),
            JobKind::Settle => self.settle(order, job.pos),
            JobKind::Joined => self.advance(order),
        }
    }

    /// The handler's first synchronous stretch, after taking the order.
    fn begin(&mut self, order: usize) {
        if self.strategy != Strategy::Join {
            self.advance(order);
            return;
        }
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
    /// (or, in blocking mode, to the end). Parallel join skips the I/O steps,
    /// which it started up front.
    fn advance(&mut self, order: usize) {
        loop {
            let pos = self.progress[order].pos;
            if pos as usize >= self.inst.plan(order).len() {
                self.finish(order, Outcome::Served);
                return;
            }
            let step = self.step(order, pos);
            if self.strategy == Strategy::Join && step.is_io() {
                self.progress[order].pos += 1;
                continue;
            }
            match step.machine {
                None => {
                    let d = self.inst.orders[order].duration(step.step);
                    self.work(order, Act::Step, pos, d);
                }
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

    /// Press the button of the step's machine; the machine starts (or queues)
    /// when the press is done.
    fn dispatch(&mut self, order: usize, pos: u8) {
        let Some(machine) = self.step(order, pos).machine else {
            return;
        };
        self.work(order, Act::Dispatch, pos, self.dispatch);
        let pool = &mut self.pools[machine.index()];
        match pool.busy.iter().position(|b| !b) {
            Some(unit) => self.start(machine, unit as u8, order as u32, pos),
            None => {
                pool.waiting.push_back((order as u32, pos));
                self.emit(What::Queue {
                    machine,
                    order: order as u32,
                    pos,
                });
            }
        }
    }

    /// Blocking mode: press the button and stand at the machine until done.
    fn stand_at(&mut self, order: usize, pos: u8, machine: MachineKind) {
        self.work(order, Act::Dispatch, pos, self.dispatch);
        // Only the barista uses machines in blocking mode and she always
        // waits for the previous job, so a unit is free (capacity >= 1 is
        // validated); unit 0 is the safe answer otherwise.
        let unit = self.pools[machine.index()]
            .busy
            .iter()
            .position(|b| !b)
            .unwrap_or(0) as u8;
        self.start(machine, unit, order as u32, pos);
        let until = self.now + self.inst.orders[order].duration(self.step(order, pos).step);
        self.emit(What::Block {
            order: order as u32,
            pos,
            until,
        });
        self.now = until;
        self.release(machine, unit);
    }

    fn start(&mut self, machine: MachineKind, unit: u8, order: u32, pos: u8) {
        let d = self.inst.orders[order as usize].duration(self.step(order as usize, pos).step);
        let until = self.now + d;
        if let Some(b) = self.pools[machine.index()].busy.get_mut(unit as usize) {
            *b = true;
        }
        self.emit(What::Start {
            machine,
            unit,
            order,
            pos,
            until,
        });
        if self.strategy != Strategy::Blocking {
            let job = Job {
                kind: JobKind::MachineDone,
                pos,
                unit,
                order,
            };
            self.timers.push(Timer {
                at: until,
                seq: self.seq,
                job,
            });
            self.seq += 1;
        }
    }

    /// Free a unit on the main thread; the oldest waiting request starts now.
    fn release(&mut self, machine: MachineKind, unit: u8) {
        self.emit(What::Release { machine, unit });
        let pool = &mut self.pools[machine.index()];
        if let Some(b) = pool.busy.get_mut(unit as usize) {
            *b = false;
        }
        if let Some((order, pos)) = pool.waiting.pop_front() {
            self.start(machine, unit, order, pos);
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

    /// The continuation after a machine finished (inside its task).
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
        } else {
            self.progress[order].pos = pos + 1;
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
