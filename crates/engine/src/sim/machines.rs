//! The simulation's machines: requests, pools (units taken, warmed up,
//! released, put away), the circuit breaker around the card reader, the
//! menu cache, and the chores they do on their own at set times.

use super::{Sim, Timer, bit};
use crate::breaker::{Admit, Circuit};
use crate::flow::Wait;
use crate::scenario::MachineKind;
use crate::time::SimTime;
use crate::trace::{Act, Event, Job, JobKind, Recorder, Rejection, What};
use std::cmp::Ordering;
use std::collections::binary_heap::PeekMut;

/// No chore pending.
pub(super) const NEVER: SimTime = SimTime(u64::MAX);

/// Something that happens at a set time without the barista.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Chore {
    pub(super) at: SimTime,
    seq: u64,
    what: ChoreKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChoreKind {
    /// A unit finished warming up: its request's job starts.
    WarmEnd {
        machine: MachineKind,
        unit: u8,
        order: u32,
        pos: u8,
    },
    /// An idle unit's idle timeout: put it away unless used since.
    PutAway {
        machine: MachineKind,
        unit: u8,
        generation: u32,
    },
    /// The open breaker's reset timeout: it turns half-open.
    HalfOpen,
}

impl Ord for Chore {
    /// Reversed so that `BinaryHeap` pops the earliest (then first scheduled).
    fn cmp(&self, other: &Chore) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl PartialOrd for Chore {
    fn partial_cmp(&self, other: &Chore) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<R: Recorder> Sim<'_, R> {
    fn chore(&mut self, at: SimTime, what: ChoreKind) {
        self.chores.push(Chore {
            at,
            seq: self.chore_seq,
            what,
        });
        self.chore_seq += 1;
        self.next_chore = self.next_chore.min(at);
    }

    /// Does every chore due by `upto`, in time (then scheduling) order; each
    /// is recorded at its own time.
    #[inline]
    pub(super) fn sync(&mut self, upto: SimTime) {
        if upto >= self.next_chore {
            self.do_chores(upto);
        }
    }

    fn do_chores(&mut self, upto: SimTime) {
        loop {
            let Some(top) = self.chores.peek_mut() else {
                break;
            };
            if top.at > upto {
                break;
            }
            let Chore { at, what, .. } = PeekMut::pop(top);
            match what {
                ChoreKind::WarmEnd {
                    machine,
                    unit,
                    order,
                    pos,
                } => {
                    self.warming = self.warming.saturating_sub(1);
                    self.start(machine, unit, order, pos, at);
                }
                ChoreKind::PutAway {
                    machine,
                    unit,
                    generation,
                } => {
                    if self.pools[machine.index()].put_away(unit, generation) {
                        self.rec.record(Event {
                            t: at,
                            what: What::Cool { machine, unit },
                        });
                    }
                }
                ChoreKind::HalfOpen => {
                    if let Some(b) = self.breaker.as_mut() {
                        b.half_open();
                        self.rec.record(Event {
                            t: at,
                            what: What::Circuit {
                                state: Circuit::HalfOpen,
                                until: at,
                            },
                        });
                    }
                }
            }
        }
        self.next_chore = self.chores.peek().map_or(NEVER, |c| c.at);
    }

    /// The breaker's verdict on a payment about to be made; `true` when it
    /// fails fast (recorded, and the step marked failed).
    fn fast_fails(&mut self, order: usize, pos: u8) -> bool {
        if self.breaker.is_none() || !self.call(order, pos).breaker {
            return false;
        }
        self.sync(self.now);
        let admit = match self.breaker.as_mut() {
            Some(b) => b.admit(order as u32, pos),
            None => Admit::Pass,
        };
        if admit != Admit::FastFail {
            return false;
        }
        self.progress[order].forced |= bit(pos);
        self.progress[order].settled |= bit(pos);
        self.emit(What::Reject {
            order: order as u32,
            pos,
            cause: Rejection::FastFail,
        });
        true
    }

    /// Calls the step's machine without waiting: the breaker may fail it at
    /// once (the rejection settles like a promise, in a microtask);
    /// otherwise press the button, arm the breaker's timeout, and take a
    /// unit (warming it up if cold) or queue.
    pub(super) fn dispatch(&mut self, order: usize, pos: u8) {
        let Some(machine) = self.step(order, pos).machine else {
            return;
        };
        if self.fast_fails(order, pos) {
            let kind = if self.call(order, pos).wait == Wait::Joined {
                JobKind::Settle
            } else {
                JobKind::Resume
            };
            self.queue_microtask(kind, order, pos);
            return;
        }
        self.work(order, Act::Dispatch, pos, self.dispatch);
        self.sync(self.now);
        if self.call(order, pos).breaker
            && let Some(timeout) = self.timeout
        {
            let job = Job {
                kind: JobKind::Timeout,
                pos,
                unit: 0,
                order: order as u32,
            };
            self.timers.push(Timer {
                at: self.now + timeout,
                seq: self.seq,
                job,
            });
            self.seq += 1;
        }
        match self.pools[machine.index()].take() {
            Some((unit, cold)) => {
                self.begin_job(machine, unit, cold, order as u32, pos);
            }
            None => {
                self.pools[machine.index()]
                    .waiting
                    .push_back((order as u32, pos));
                self.emit(What::Queue {
                    machine,
                    order: order as u32,
                    pos,
                });
            }
        }
    }

    /// A unit was taken for a request: warm it up first if it is cold, else
    /// start at once. Returns when the job starts.
    fn begin_job(
        &mut self,
        machine: MachineKind,
        unit: u8,
        cold: bool,
        order: u32,
        pos: u8,
    ) -> SimTime {
        if cold && self.warmup > SimTime::ZERO {
            let until = self.now + self.warmup;
            self.emit(What::Warm {
                machine,
                unit,
                order,
                pos,
                until,
            });
            self.warming += 1;
            self.chore(
                until,
                ChoreKind::WarmEnd {
                    machine,
                    unit,
                    order,
                    pos,
                },
            );
            until
        } else {
            self.start(machine, unit, order, pos, self.now);
            self.now
        }
    }

    /// Blocking mode: press the button and stand at the machine until done
    /// (including a warm-up). A fast failure returns at once (the caller
    /// sees the step failed).
    pub(super) fn stand_at(&mut self, order: usize, pos: u8, machine: MachineKind) {
        if self.fast_fails(order, pos) {
            return;
        }
        self.work(order, Act::Dispatch, pos, self.dispatch);
        self.sync(self.now);
        // A flow never calls one machine both ways (`Flow::new`): only the
        // barista uses this machine, and she always waited for the previous
        // job, so a unit is free (capacity >= 1 is validated); unit 0 is the
        // safe answer otherwise.
        let (unit, cold) = self.pools[machine.index()].take().unwrap_or((0, false));
        let starts = self.begin_job(machine, unit, cold, order as u32, pos);
        let until = starts + self.inst.orders[order].duration(self.step(order, pos).step);
        self.emit(What::Block {
            order: order as u32,
            pos,
            until,
        });
        self.now = until;
        self.release(machine, unit);
        self.answered(order, pos);
    }

    /// A unit starts its job at `at` (now, or when its warm-up ended).
    fn start(&mut self, machine: MachineKind, unit: u8, order: u32, pos: u8, at: SimTime) {
        let d = self.inst.orders[order as usize].duration(self.step(order as usize, pos).step);
        let until = at + d;
        self.rec.record(Event {
            t: at,
            what: What::Start {
                machine,
                unit,
                order,
                pos,
                until,
            },
        });
        if self.call(order as usize, pos).wait != Wait::Block {
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

    /// Free a unit on the main thread; the oldest waiting request starts now
    /// (the unit is warm), else the unit's idle timeout starts.
    pub(super) fn release(&mut self, machine: MachineKind, unit: u8) {
        self.emit(What::Release { machine, unit });
        let pool = &mut self.pools[machine.index()];
        let generation = pool.release(unit);
        if let Some((order, pos)) = pool.waiting.pop_front() {
            pool.take_unit(unit);
            self.start(machine, unit, order, pos, self.now);
        } else if let Some(idle) = self.idle {
            self.chore(
                self.now + idle,
                ChoreKind::PutAway {
                    machine,
                    unit,
                    generation,
                },
            );
        }
    }

    /// A machine's answer reached the handler: the breaker counts a
    /// payment's result, a successful price lookup is cached.
    pub(super) fn answered(&mut self, order: usize, pos: u8) {
        if self.breaker.is_none() && self.cache.is_none() {
            return;
        }
        let call = self.call(order, pos);
        let failed = self.fails(order, pos);
        if call.breaker {
            self.count(order, pos, failed);
        }
        if call.cache
            && !failed
            && let Some(cache) = self.cache.as_mut()
        {
            cache.store(self.inst.orders[order].drink, self.now);
        }
    }

    /// The breaker's timeout for payment `pos` fired first: it fails.
    pub(super) fn timed_out(&mut self, order: usize, pos: u8) {
        self.progress[order].settled |= bit(pos);
        self.progress[order].forced |= bit(pos);
        self.emit(What::Reject {
            order: order as u32,
            pos,
            cause: Rejection::TimedOut,
        });
        self.count(order, pos, true);
    }

    /// One payment result for the breaker; records a change of state.
    fn count(&mut self, order: usize, pos: u8, failed: bool) {
        let Some(b) = self.breaker.as_mut() else {
            return;
        };
        match b.record(order as u32, pos, failed) {
            Some(Circuit::Open) => {
                let until = self.now + self.reset;
                self.emit(What::Circuit {
                    state: Circuit::Open,
                    until,
                });
                self.chore(until, ChoreKind::HalfOpen);
            }
            Some(state) => self.emit(What::Circuit {
                state,
                until: self.now,
            }),
            None => {}
        }
    }

    /// Consults the cache for the price lookup at `pos` (when there is a
    /// cache); on a hit the barista answers it herself (`hit_ms` of CPU).
    pub(super) fn cache_hit(&mut self, order: usize, pos: u8) -> bool {
        let drink = self.inst.orders[order].drink;
        let Some(hit) = self.cache.map(|c| c.hit(drink, self.now)) else {
            return false;
        };
        self.emit(What::Cache {
            order: order as u32,
            pos,
            hit,
        });
        if hit {
            self.work(order, Act::Step, pos, self.hit_cost);
        }
        hit
    }
}
