//! The trace: every timestamped thing that happened in one run — the single
//! source that snapshots, metrics and every view are computed from.
//!
//! Events are stored in the order they happened; their times never decrease.
//! Together with the per-order records and the [`Instance`](super::Instance)
//! they determine the whole café at any instant (see `snapshot`).

use super::breaker::Circuit;
use super::scenario::MachineKind;
use super::strategy::Strategy;
use super::time::SimTime;

/// What kind of job the barista runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Task: a customer arrives; take the order and start handling it.
    Arrival,
    /// Task: a machine finished; release the unit and continue the order
    /// (directly for callbacks, through a microtask otherwise).
    MachineDone,
    /// Microtask: an `await` resumes after step `pos` settled (it may throw).
    Resume,
    /// Microtask: `Promise.all` bookkeeping for one settled step `pos`.
    Settle,
    /// Microtask: the `await Promise.all(...)` resumes with every step done.
    Joined,
    /// Task: the circuit breaker's timeout for payment `pos` fired before the
    /// card reader answered; the payment fails (the reader keeps working).
    Timeout,
}

impl JobKind {
    /// True for tasks (macrotasks), false for microtasks.
    pub fn is_task(self) -> bool {
        matches!(
            self,
            JobKind::Arrival | JobKind::MachineDone | JobKind::Timeout
        )
    }
}

/// Why the circuit breaker failed a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// The breaker was open (or half-open with its probe out): failed at
    /// once, without pressing the button.
    FastFail,
    /// The card reader did not answer within the timeout.
    TimedOut,
}

/// A job on the main thread: a task or a microtask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Job {
    /// What the job does.
    pub kind: JobKind,
    /// Plan position of the step it concerns (0 when none).
    pub pos: u8,
    /// Machine unit it releases (for [`JobKind::MachineDone`]; else 0).
    pub unit: u8,
    /// The order it belongs to (index into the instance's orders).
    pub order: u32,
}

/// What the barista's hands are doing during a [`What::Work`] segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Act {
    /// Taking the order (listen, validate).
    TakeOrder,
    /// Pressing a machine's button for plan step `pos`.
    Dispatch,
    /// Doing CPU step `pos` (hand-pour, assemble).
    Step,
    /// Handing over a free cookie after a handled failure.
    Cookie,
}

/// How an order ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// The customer got their drink.
    Served,
    /// A step failed, the error was handled: apology and a free cookie.
    Cookie,
    /// A step failed and nobody handled it: the customer waits forever.
    Lost,
}

impl Outcome {
    /// Identifier used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Served => "served",
            Outcome::Cookie => "cookie",
            Outcome::Lost => "lost",
        }
    }
}

/// One thing that happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// The barista takes a job from a queue and starts it; `lag` is how
    /// long it had been ready. (The job's fields are stored flat so that an
    /// event takes 24 bytes; [`What::job`] puts them back together.)
    Run {
        /// What the job does.
        kind: JobKind,
        /// Plan position of the step it concerns.
        pos: u8,
        /// Machine unit it releases.
        unit: u8,
        /// The order it belongs to.
        order: u32,
        /// Time between becoming ready and starting.
        lag: SimTime,
    },
    /// The barista works (CPU) for order `order` until `until`.
    Work {
        /// The order.
        order: u32,
        /// What the hands do.
        act: Act,
        /// Plan position for [`Act::Dispatch`] and [`Act::Step`].
        pos: u8,
        /// When the work ends.
        until: SimTime,
    },
    /// The barista stands blocked at a machine (blocking mode) until `until`.
    Block {
        /// The order.
        order: u32,
        /// Plan position of the machine step.
        pos: u8,
        /// When the machine finishes.
        until: SimTime,
    },
    /// A request waits in a machine's FIFO queue: every unit is taken.
    Queue {
        /// The machine.
        machine: MachineKind,
        /// The order.
        order: u32,
        /// Plan position of the step.
        pos: u8,
    },
    /// A machine unit starts working; its job is done at `until`.
    Start {
        /// The machine.
        machine: MachineKind,
        /// Which unit.
        unit: u8,
        /// The order.
        order: u32,
        /// Plan position of the step.
        pos: u8,
        /// When the work is done.
        until: SimTime,
    },
    /// The barista releases a machine unit (on the main thread).
    Release {
        /// The machine.
        machine: MachineKind,
        /// Which unit.
        unit: u8,
    },
    /// A microtask joins the microtask queue.
    Microtask {
        /// What the job does.
        kind: JobKind,
        /// Plan position of the step it concerns.
        pos: u8,
        /// The order it belongs to.
        order: u32,
    },
    /// An order ends.
    End {
        /// The order.
        order: u32,
        /// How.
        outcome: Outcome,
    },
    /// A cold machine unit starts warming up for a request; the request's
    /// job starts (a [`What::Start`]) at `until`.
    Warm {
        /// The machine.
        machine: MachineKind,
        /// Which unit.
        unit: u8,
        /// The order.
        order: u32,
        /// Plan position of the step.
        pos: u8,
        /// When the warm-up ends.
        until: SimTime,
    },
    /// An idle machine unit is put away (goes cold): the pool's idle timeout.
    Cool {
        /// The machine.
        machine: MachineKind,
        /// Which unit.
        unit: u8,
    },
    /// The circuit breaker changes state.
    Circuit {
        /// The new state.
        state: Circuit,
        /// For [`Circuit::Open`]: when it turns half-open (else the event's
        /// own time).
        until: SimTime,
    },
    /// The circuit breaker fails payment `pos` of `order`.
    Reject {
        /// The order.
        order: u32,
        /// Plan position of the payment.
        pos: u8,
        /// Why.
        cause: Rejection,
    },
    /// A price lookup consults the cache.
    Cache {
        /// The order.
        order: u32,
        /// Plan position of the lookup.
        pos: u8,
        /// Answered from the cache (else it goes to the menu server).
        hit: bool,
    },
}

impl What {
    /// The barista starts `job`, which had been ready for `lag`.
    pub fn run(job: Job, lag: SimTime) -> What {
        What::Run {
            kind: job.kind,
            pos: job.pos,
            unit: job.unit,
            order: job.order,
            lag,
        }
    }

    /// `job` joins the microtask queue.
    pub fn microtask(job: Job) -> What {
        What::Microtask {
            kind: job.kind,
            pos: job.pos,
            order: job.order,
        }
    }

    /// The job a `Run` or `Microtask` event is about.
    pub fn job(&self) -> Option<Job> {
        match *self {
            What::Run {
                kind,
                pos,
                unit,
                order,
                ..
            } => Some(Job {
                kind,
                pos,
                unit,
                order,
            }),
            What::Microtask { kind, pos, order } => Some(Job {
                kind,
                pos,
                unit: 0,
                order,
            }),
            _ => None,
        }
    }
}

/// One timestamped event (24 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// When it happened.
    pub t: SimTime,
    /// What happened.
    pub what: What,
}

/// The life of one order, in brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderRecord {
    /// Joined the line.
    pub arrived: SimTime,
    /// The barista started taking the order (left the line).
    pub taken: SimTime,
    /// Drink or cookie handed over, or (for a lost order) the moment its
    /// error was dropped.
    pub ended: SimTime,
    /// How it ended.
    pub outcome: Outcome,
}

impl OrderRecord {
    /// Arrival to hand-over, or `None` for a lost order.
    pub fn latency(&self) -> Option<SimTime> {
        (self.outcome != Outcome::Lost).then(|| self.ended - self.arrived)
    }
}

/// Everything one strategy did with one instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// The strategy simulated.
    pub strategy: Strategy,
    /// Per order, indexed like the instance's orders.
    pub orders: Vec<OrderRecord>,
    /// Every event, in time order.
    pub events: Vec<Event>,
    /// When the last thing happened.
    pub end: SimTime,
}

/// Where a run's events go, one at a time, in the order they happen. The
/// simulation is written once over this trait: a [`Trace`] keeps every event
/// (`Vec<Event>`), [`Tally`](crate::metrics::Tally) keeps only the running
/// figures the metrics need, [`Digest`] only a hash.
pub trait Recorder {
    /// One more event; its time is never earlier than the previous one's.
    fn record(&mut self, event: Event);
}

impl Recorder for Vec<Event> {
    #[inline]
    fn record(&mut self, event: Event) {
        self.push(event);
    }
}

/// FNV-1a, 64-bit: a small, fixed hash for trace digests.
#[derive(Clone, Copy, Debug)]
struct Fnv(u64);

impl Fnv {
    #[inline]
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    #[inline]
    fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    #[inline]
    fn job(&mut self, job: Job) {
        self.bytes(&[job.kind as u8, job.pos]);
        self.bytes(&u16::from(job.unit).to_le_bytes());
        self.bytes(&job.order.to_le_bytes());
    }
}

/// The trace digest being computed: FNV-1a over a fixed little-endian
/// encoding of the end, every order record, then every event — what
/// happened, not the name of the handler it happened under: a written
/// handler that spells out a built-in strategy has that strategy's digest.
/// A recorder, so the digest of a run can be had without keeping its events
/// (given its records and end from an earlier run of the same instance: see
/// [`Numbers::digest`](crate::metrics::Numbers::digest)).
#[derive(Clone, Copy, Debug)]
pub struct Digest(Fnv);

impl Digest {
    /// Starts a digest with everything that comes before the events.
    pub fn start(end: SimTime, orders: &[OrderRecord]) -> Digest {
        let mut h = Fnv(0xCBF2_9CE4_8422_2325);
        h.u64(end.0);
        for r in orders {
            h.u64(r.arrived.0);
            h.u64(r.taken.0);
            h.u64(r.ended.0);
            h.bytes(&[r.outcome as u8]);
        }
        Digest(h)
    }

    /// The digest of everything recorded so far.
    pub fn value(&self) -> u64 {
        self.0.0
    }
}

impl Recorder for Digest {
    fn record(&mut self, e: Event) {
        let h = &mut self.0;
        h.u64(e.t.0);
        match e.what {
            What::Run {
                kind,
                pos,
                unit,
                order,
                lag,
            } => {
                h.bytes(&[0]);
                h.job(Job {
                    kind,
                    pos,
                    unit,
                    order,
                });
                h.u64(lag.0);
            }
            What::Work {
                order,
                act,
                pos,
                until,
            } => {
                h.bytes(&[1, act as u8, pos]);
                h.u64(u64::from(order));
                h.u64(until.0);
            }
            What::Block { order, pos, until } => {
                h.bytes(&[2, pos]);
                h.u64(u64::from(order));
                h.u64(until.0);
            }
            What::Queue {
                machine,
                order,
                pos,
            } => {
                h.bytes(&[3, machine as u8, pos]);
                h.u64(u64::from(order));
            }
            What::Start {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                h.bytes(&[4, machine as u8, pos]);
                h.bytes(&u16::from(unit).to_le_bytes());
                h.u64(u64::from(order));
                h.u64(until.0);
            }
            What::Release { machine, unit } => {
                h.bytes(&[5, machine as u8]);
                h.bytes(&u16::from(unit).to_le_bytes());
            }
            What::Microtask { kind, pos, order } => {
                h.bytes(&[6]);
                h.job(Job {
                    kind,
                    pos,
                    unit: 0,
                    order,
                });
            }
            What::End { order, outcome } => {
                h.bytes(&[7, outcome as u8]);
                h.u64(u64::from(order));
            }
            What::Warm {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                h.bytes(&[8, machine as u8, pos]);
                h.bytes(&u16::from(unit).to_le_bytes());
                h.u64(u64::from(order));
                h.u64(until.0);
            }
            What::Cool { machine, unit } => {
                h.bytes(&[9, machine as u8]);
                h.bytes(&u16::from(unit).to_le_bytes());
            }
            What::Circuit { state, until } => {
                h.bytes(&[10, state as u8]);
                h.u64(until.0);
            }
            What::Reject { order, pos, cause } => {
                h.bytes(&[11, pos, cause as u8]);
                h.u64(u64::from(order));
            }
            What::Cache { order, pos, hit } => {
                h.bytes(&[12, pos, u8::from(hit)]);
                h.u64(u64::from(order));
            }
        }
    }
}

impl Trace {
    /// A digest of the whole trace over a fixed little-endian encoding:
    /// equal digests on two platforms mean byte-identical traces.
    pub fn digest(&self) -> u64 {
        let mut d = Digest::start(self.end, &self.orders);
        for &e in &self.events {
            d.record(e);
        }
        d.value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_takes_24_bytes() {
        // Traces hold millions of events: their size is the engine's memory.
        assert_eq!(std::mem::size_of::<Event>(), 24);
    }

    #[test]
    fn jobs_survive_being_stored_flat() {
        let job = Job {
            kind: JobKind::MachineDone,
            pos: 3,
            unit: 7,
            order: 123_456,
        };
        assert_eq!(What::run(job, SimTime(5)).job(), Some(job));
        let micro = Job {
            kind: JobKind::Settle,
            pos: 2,
            unit: 0,
            order: 9,
        };
        assert_eq!(What::microtask(micro).job(), Some(micro));
        assert_eq!(
            What::End {
                order: 1,
                outcome: Outcome::Served
            }
            .job(),
            None
        );
    }
}
