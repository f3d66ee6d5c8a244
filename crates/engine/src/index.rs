//! Fast questions about one trace at any instant — what a 60-frames-a-second
//! view needs. Built once per trace in one pass; every question is a binary
//! search (plus the size of its answer), never a replay. `snapshot_at` stays
//! the simple reference; the tests check that both always agree.
//!
//! Why contiguous ranges work: the line is first-come first-served, machine
//! queues are FIFO, microtasks are FIFO, and machine-completion tasks run in
//! the order they became ready (a task scheduled later is never ready
//! earlier than one already run). So "waiting at t" is always one range of a
//! list sorted by both its start and its end.

use super::breaker::Circuit;
use super::order::sort_by_u64_key;
use super::pool::{Phase, PhaseCounts};
use super::scenario::{Instance, MachineKind};
use super::snapshot::{
    Barista, CodePoint, OrderView, Status, StepState, Unit, bit, blocks, code_point, first_phase,
    released, settle_steps, timed, timeout_job,
};
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Act, Job, JobKind, Outcome, Trace, What};
use super::wire::{Reader, Tag, Wire, WireError, Writer, pack};
use std::collections::VecDeque;
use std::ops::Range;

/// A stretch of the barista's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    since: SimTime,
    until: SimTime,
    order: u32,
    /// `None` when standing blocked at a machine.
    act: Option<Act>,
    pos: u8,
}

/// One job a machine unit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct UnitJob {
    start: SimTime,
    until: SimTime,
    released: SimTime,
    order: u32,
    pos: u8,
}

/// Something waiting in a FIFO queue from `from` until `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wait<T> {
    from: SimTime,
    to: SimTime,
    what: T,
}

/// A job started by the barista.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Started {
    t: SimTime,
    job: Job,
}

/// One order's own events, reduced to what its view needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OrderEvent {
    Queued(u8),
    Running(u8, SimTime),
    Released(u8),
    Joined,
    Ended(Outcome),
    /// Failed by the circuit breaker (later machine events do not change it).
    Rejected(u8),
    /// Answered from the cache.
    Hit(u8),
}

/// The index of one trace. Borrow the instance and trace it was built from
/// when asking per-order questions.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceIndex {
    strategy: Strategy,
    end: SimTime,
    segments: Vec<Segment>,
    started: Vec<Started>,
    /// `[machine][unit]` → its jobs in time order (a warm-up counts as a
    /// job for the request it warms up for).
    units: Vec<Vec<Vec<UnitJob>>>,
    /// `[machine][unit]` → its pool phase from each time on.
    phases: Vec<Vec<Vec<(SimTime, Phase)>>>,
    /// The circuit breaker's state from each time on (every change, even
    /// two at one instant: an open breaker with no reset timeout).
    circuit: Vec<(SimTime, Circuit)>,
    /// `[machine]` → requests that had to wait, in queue order.
    waits: Vec<Vec<Wait<(u32, u8)>>>,
    /// Machine-completion tasks, in the order they ran.
    done_tasks: Vec<Wait<Job>>,
    /// Microtasks, in the order they ran.
    microtasks: Vec<Wait<Job>>,
    /// Distinct event times, ascending.
    times: Vec<SimTime>,
    /// Per order: its events (compressed rows: `order_start[o]..order_start[o+1]`).
    order_start: Vec<u32>,
    order_events: Vec<(SimTime, OrderEvent)>,
}

const NEVER: SimTime = SimTime(u64::MAX);

impl TraceIndex {
    /// Indexes `trace` (a run of `instance`).
    pub fn new(instance: &Instance, trace: &Trace) -> TraceIndex {
        let n = instance.orders.len();
        let mut index = TraceIndex {
            strategy: trace.strategy,
            end: trace.end,
            segments: Vec::new(),
            started: Vec::new(),
            units: MachineKind::ALL
                .iter()
                .map(|&m| vec![Vec::new(); instance.capacity(m) as usize])
                .collect(),
            phases: MachineKind::ALL
                .iter()
                .map(|&m| {
                    vec![
                        vec![(SimTime::ZERO, first_phase(instance))];
                        instance.capacity(m) as usize
                    ]
                })
                .collect(),
            circuit: vec![(SimTime::ZERO, Circuit::Closed)],
            waits: vec![Vec::new(); MachineKind::ALL.len()],
            done_tasks: Vec::new(),
            microtasks: Vec::new(),
            times: Vec::new(),
            order_start: Vec::new(),
            order_events: Vec::new(),
        };
        // Open items, found again by (order, plan position).
        let stride = instance
            .plans
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1)
            .max(1);
        let slot = |order: u32, pos: u8| order as usize * stride + pos as usize;
        let mut open_wait = vec![u32::MAX; n * stride];
        let mut open_task = vec![u32::MAX; n * stride];
        let mut open_timeout = vec![u32::MAX; n * stride];
        let mut admitted = vec![false; n * stride];
        let timeout = instance.scenario.breaker.timeout().unwrap_or(SimTime::ZERO);
        // Arms the breaker's timeout of a payment when it is made.
        let admit = |index: &mut TraceIndex,
                     open_timeout: &mut [u32],
                     admitted: &mut [bool],
                     order: u32,
                     pos: u8,
                     t: SimTime| {
            let i = slot(order, pos);
            if admitted[i] {
                return;
            }
            admitted[i] = true;
            if timed(instance, trace.strategy, order, pos) {
                open_timeout[i] = index.done_tasks.len() as u32;
                index.done_tasks.push(Wait {
                    from: t + timeout,
                    to: NEVER,
                    what: timeout_job(order, pos),
                });
            }
        };
        let mut open_micro: VecDeque<usize> = VecDeque::new();
        let mut per_order: Vec<(u32, SimTime, OrderEvent)> = Vec::new();

        for e in &trace.events {
            if index.times.last() != Some(&e.t) {
                index.times.push(e.t);
            }
            match e.what {
                What::Run { .. } => {
                    let Some(job) = e.what.job() else { continue };
                    index.started.push(Started { t: e.t, job });
                    match job.kind {
                        JobKind::Arrival => {}
                        JobKind::MachineDone | JobKind::Timeout => {
                            let open = match job.kind {
                                JobKind::Timeout => &open_timeout,
                                _ => &open_task,
                            };
                            if let Some(&i) = open.get(slot(job.order, job.pos))
                                && let Some(task) = index.done_tasks.get_mut(i as usize)
                            {
                                task.to = e.t;
                            }
                        }
                        _ => {
                            if let Some(i) = open_micro.pop_front() {
                                index.microtasks[i].to = e.t;
                            }
                            if job.kind == JobKind::Joined {
                                per_order.push((job.order, e.t, OrderEvent::Joined));
                            }
                        }
                    }
                }
                What::Work {
                    order,
                    act,
                    pos,
                    until,
                } => {
                    index.segments.push(Segment {
                        since: e.t,
                        until,
                        order,
                        act: Some(act),
                        pos,
                    });
                    if act == Act::Step {
                        per_order.push((order, e.t, OrderEvent::Running(pos, until)));
                    }
                }
                What::Block { order, pos, until } => {
                    index.segments.push(Segment {
                        since: e.t,
                        until,
                        order,
                        act: None,
                        pos,
                    });
                }
                What::Queue {
                    machine,
                    order,
                    pos,
                } => {
                    let waits = &mut index.waits[machine.index()];
                    open_wait[slot(order, pos)] = waits.len() as u32;
                    waits.push(Wait {
                        from: e.t,
                        to: NEVER,
                        what: (order, pos),
                    });
                    per_order.push((order, e.t, OrderEvent::Queued(pos)));
                    admit(
                        &mut index,
                        &mut open_timeout,
                        &mut admitted,
                        order,
                        pos,
                        e.t,
                    );
                }
                What::Warm {
                    machine,
                    unit,
                    order,
                    pos,
                    until,
                } => {
                    if let Some(jobs) = index.units[machine.index()].get_mut(unit as usize) {
                        jobs.push(UnitJob {
                            start: e.t,
                            until,
                            released: NEVER,
                            order,
                            pos,
                        });
                    }
                    index.set_phase(machine, unit, e.t, Phase::Warming);
                    per_order.push((order, e.t, OrderEvent::Queued(pos)));
                    admit(
                        &mut index,
                        &mut open_timeout,
                        &mut admitted,
                        order,
                        pos,
                        e.t,
                    );
                }
                What::Cool { machine, unit } => index.set_phase(machine, unit, e.t, Phase::Cold),
                What::Circuit { state, .. } => index.circuit.push((e.t, state)),
                What::Reject { order, pos, .. } => {
                    per_order.push((order, e.t, OrderEvent::Rejected(pos)));
                }
                What::Cache { order, pos, hit } => {
                    if hit {
                        per_order.push((order, e.t, OrderEvent::Hit(pos)));
                    }
                }
                What::Start {
                    machine,
                    unit,
                    order,
                    pos,
                    until,
                } => {
                    if let Some(&i) = open_wait.get(slot(order, pos))
                        && let Some(w) = index.waits[machine.index()].get_mut(i as usize)
                    {
                        w.to = e.t;
                    }
                    admit(
                        &mut index,
                        &mut open_timeout,
                        &mut admitted,
                        order,
                        pos,
                        e.t,
                    );
                    index.set_phase(machine, unit, e.t, Phase::Busy);
                    if let Some(jobs) = index.units[machine.index()].get_mut(unit as usize) {
                        jobs.push(UnitJob {
                            start: e.t,
                            until,
                            released: NEVER,
                            order,
                            pos,
                        });
                    }
                    if !blocks(instance, trace.strategy, order, pos) {
                        open_task[slot(order, pos)] = index.done_tasks.len() as u32;
                        let job = Job {
                            kind: JobKind::MachineDone,
                            pos,
                            unit,
                            order,
                        };
                        index.done_tasks.push(Wait {
                            from: until,
                            to: NEVER,
                            what: job,
                        });
                    }
                    per_order.push((order, e.t, OrderEvent::Running(pos, until)));
                }
                What::Release { machine, unit } => {
                    let job = index.units[machine.index()]
                        .get_mut(unit as usize)
                        .and_then(|jobs| jobs.last_mut());
                    if let Some(job) = job {
                        job.released = e.t;
                        per_order.push((job.order, e.t, OrderEvent::Released(job.pos)));
                    }
                    index.set_phase(machine, unit, e.t, Phase::Idle);
                }
                What::Microtask { .. } => {
                    let Some(job) = e.what.job() else { continue };
                    open_micro.push_back(index.microtasks.len());
                    index.microtasks.push(Wait {
                        from: e.t,
                        to: NEVER,
                        what: job,
                    });
                }
                What::End { order, outcome } => {
                    per_order.push((order, e.t, OrderEvent::Ended(outcome)));
                }
            }
        }
        // Timeouts cleared by their payment's completion never ran.
        index.done_tasks.retain(|w| w.to != NEVER);
        // Tasks were recorded in scheduling order; they ran in (ready time,
        // scheduling order) order. A stable sort gives that.
        sort_by_u64_key(&mut index.done_tasks, |w| w.from.0);

        // Group the per-order events (stable: time order within an order).
        let mut counts = vec![0u32; n + 1];
        for &(o, _, _) in &per_order {
            counts[o as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        index.order_start = counts.clone();
        index.order_events = vec![(SimTime::ZERO, OrderEvent::Joined); per_order.len()];
        for (o, t, ev) in per_order {
            let at = &mut counts[o as usize];
            index.order_events[*at as usize] = (t, ev);
            *at += 1;
        }
        index
    }

    /// The strategy of the indexed trace.
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// When the last thing happened.
    pub fn end(&self) -> SimTime {
        self.end
    }

    /// What the barista is doing at `t`.
    pub fn barista(&self, t: SimTime) -> Barista {
        let i = self.segments.partition_point(|s| s.since <= t);
        let Some(s) = i.checked_sub(1).map(|i| self.segments[i]) else {
            return Barista::Idle;
        };
        if s.until <= t {
            return Barista::Idle;
        }
        match s.act {
            Some(act) => Barista::Working {
                order: s.order,
                act,
                pos: s.pos,
                since: s.since,
                until: s.until,
            },
            None => Barista::Blocked {
                order: s.order,
                pos: s.pos,
                since: s.since,
                until: s.until,
            },
        }
    }

    /// The job on the barista at `t` (the call stack), if she is busy.
    pub fn running(&self, t: SimTime) -> Option<Job> {
        if self.barista(t) == Barista::Idle {
            return None;
        }
        let i = self.started.partition_point(|s| s.t <= t);
        i.checked_sub(1).map(|i| self.started[i].job)
    }

    /// Jobs the barista ran at exactly `t` (zero-time jobs such as
    /// microtasks show up here), in order.
    pub fn jobs_at(&self, t: SimTime) -> impl Iterator<Item = Job> + '_ {
        let from = self.started.partition_point(|s| s.t < t);
        let to = self.started.partition_point(|s| s.t <= t);
        self.started[from..to].iter().map(|s| s.job)
    }

    /// Jobs the barista started in `(from, to]`, with when, in order.
    pub fn started_between(
        &self,
        from: SimTime,
        to: SimTime,
    ) -> impl Iterator<Item = (SimTime, Job)> + '_ {
        let a = self.started.partition_point(|s| s.t <= from);
        let b = self.started.partition_point(|s| s.t <= to);
        self.started[a..b.max(a)].iter().map(|s| (s.t, s.job))
    }

    /// Customers in line at `t` (order indices, first in line first).
    pub fn line(&self, instance: &Instance, trace: &Trace, t: SimTime) -> Range<usize> {
        let arrived = instance.orders.partition_point(|o| o.arrival <= t);
        let taken = trace.orders.partition_point(|r| r.taken <= t);
        taken.min(arrived)..arrived
    }

    /// Ready tasks at `t` in the order they will run, at most `limit` of
    /// them, and how many there are in all.
    pub fn tasks(
        &self,
        instance: &Instance,
        trace: &Trace,
        t: SimTime,
        limit: usize,
    ) -> (Vec<Job>, usize) {
        let line = self.line(instance, trace, t);
        let done = ready_range(&self.done_tasks, t);
        let total = line.len() + done.len();
        let mut arrivals = line.map(|o| (instance.orders[o].arrival, o)).peekable();
        let mut completions = self.done_tasks[done].iter().peekable();
        let mut out = Vec::with_capacity(limit.min(total));
        while out.len() < limit {
            // Arrivals win ties: they were scheduled when the café opened.
            let take_arrival = match (arrivals.peek(), completions.peek()) {
                (Some(a), Some(c)) => a.0 <= c.from,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_arrival {
                if let Some((_, o)) = arrivals.next() {
                    out.push(Job {
                        kind: JobKind::Arrival,
                        pos: 0,
                        unit: 0,
                        order: o as u32,
                    });
                }
            } else if let Some(c) = completions.next() {
                out.push(c.what);
            }
        }
        (out, total)
    }

    /// Queued microtasks at `t`, in order.
    pub fn microtasks(&self, t: SimTime) -> Vec<Job> {
        self.microtasks[ready_range(&self.microtasks, t)]
            .iter()
            .map(|w| w.what)
            .collect()
    }

    /// The units of `machine` at `t`.
    pub fn units(&self, machine: MachineKind, t: SimTime) -> Vec<Unit> {
        let blocking = self.strategy == Strategy::Blocking;
        self.units[machine.index()]
            .iter()
            .map(|jobs| {
                let i = jobs.partition_point(|j| j.start <= t);
                match i.checked_sub(1).map(|i| jobs[i]) {
                    Some(j) if j.released > t => {
                        if j.until <= t && !blocking {
                            Unit::Done {
                                order: j.order,
                                pos: j.pos,
                            }
                        } else {
                            Unit::Working {
                                order: j.order,
                                pos: j.pos,
                                since: j.start,
                                until: j.until,
                            }
                        }
                    }
                    _ => Unit::Idle,
                }
            })
            .collect()
    }

    /// Requests waiting for a unit of `machine` at `t`, oldest first:
    /// `(order, plan position)`.
    pub fn waiting(&self, machine: MachineKind, t: SimTime) -> Vec<(u32, u8)> {
        let waits = &self.waits[machine.index()];
        waits[ready_range(waits, t)]
            .iter()
            .map(|w| w.what)
            .collect()
    }

    /// How many requests wait for `machine` at `t`.
    pub fn waiting_count(&self, machine: MachineKind, t: SimTime) -> usize {
        ready_range(&self.waits[machine.index()], t).len()
    }

    /// Where order `order` stands at `t`.
    pub fn status(&self, instance: &Instance, trace: &Trace, order: usize, t: SimTime) -> Status {
        let r = &trace.orders[order];
        if instance.orders[order].arrival > t {
            Status::NotArrived
        } else if r.taken > t {
            Status::InLine
        } else if self.ended_by(order, t) {
            Status::Ended(r.outcome)
        } else {
            Status::InProgress
        }
    }

    fn ended_by(&self, order: usize, t: SimTime) -> bool {
        self.events_of(order)
            .iter()
            .any(|&(at, ev)| at <= t && matches!(ev, OrderEvent::Ended(_)))
    }

    fn events_of(&self, order: usize) -> &[(SimTime, OrderEvent)] {
        let from = self.order_start.get(order).copied().unwrap_or(0) as usize;
        let to = self.order_start.get(order + 1).copied().unwrap_or(0) as usize;
        &self.order_events[from..to.max(from)]
    }

    /// Order `order` at `t`: its status, each step's state and its code point.
    pub fn order_view(
        &self,
        instance: &Instance,
        trace: &Trace,
        order: usize,
        t: SimTime,
    ) -> OrderView {
        let mut steps = vec![StepState::Pending; instance.plan(order).len()];
        let mut joined = false;
        let (mut rejected, mut hits) = (0u8, 0u8);
        for &(at, ev) in self.events_of(order) {
            if at > t {
                break;
            }
            let kept = |pos: u8| rejected & bit(pos) == 0;
            match ev {
                OrderEvent::Queued(pos) if kept(pos) => steps[pos as usize] = StepState::Queued,
                OrderEvent::Running(pos, until) if kept(pos) => {
                    steps[pos as usize] = StepState::Running { since: at, until }
                }
                OrderEvent::Released(pos) if kept(pos) => {
                    steps[pos as usize] = released(instance, order as u32, pos)
                }
                OrderEvent::Rejected(pos) => {
                    rejected |= bit(pos);
                    steps[pos as usize] = StepState::Failed;
                }
                OrderEvent::Hit(pos) => {
                    hits |= bit(pos);
                    steps[pos as usize] = StepState::Done;
                }
                OrderEvent::Joined => joined = true,
                _ => {}
            }
        }
        settle_steps(&mut steps, instance, order, t, hits);
        let status = self.status(instance, trace, order, t);
        let code = code_point(
            self.strategy,
            status,
            &steps,
            self.barista(t),
            order as u32,
            joined,
            instance,
            order,
        );
        OrderView {
            status,
            steps,
            code,
        }
    }

    /// The code point of order `order` at `t`.
    pub fn code_point(
        &self,
        instance: &Instance,
        trace: &Trace,
        order: usize,
        t: SimTime,
    ) -> CodePoint {
        self.order_view(instance, trace, order, t).code
    }

    /// Each unit's pool phase at `t`: busy, warming, idle (warm) or cold.
    pub fn phases(&self, machine: MachineKind, t: SimTime) -> Vec<Phase> {
        self.phases[machine.index()]
            .iter()
            .map(|changes| {
                let i = changes.partition_point(|c| c.0 <= t);
                i.checked_sub(1).map_or(Phase::Idle, |i| changes[i].1)
            })
            .collect()
    }

    /// How many units of `machine` are busy, warming, idle and cold at `t`.
    pub fn phase_counts(&self, machine: MachineKind, t: SimTime) -> PhaseCounts {
        PhaseCounts::of(&self.phases(machine, t))
    }

    /// The circuit breaker's state at `t` (closed when there is none).
    pub fn circuit(&self, t: SimTime) -> Circuit {
        let i = self.circuit.partition_point(|c| c.0 <= t);
        i.checked_sub(1)
            .map_or(Circuit::Closed, |i| self.circuit[i].1)
    }

    /// The circuit breaker's state over the run: `(t, state)` from `t` on.
    pub fn circuit_series(&self) -> &[(SimTime, Circuit)] {
        &self.circuit
    }

    fn set_phase(&mut self, machine: MachineKind, unit: u8, t: SimTime, phase: Phase) {
        if let Some(changes) = self.phases[machine.index()].get_mut(unit as usize) {
            match changes.last_mut() {
                Some(last) if last.0 == t => last.1 = phase,
                _ => changes.push((t, phase)),
            }
        }
    }

    /// The first event time after `t` (or the end).
    pub fn next_time(&self, t: SimTime) -> SimTime {
        let i = self.times.partition_point(|&x| x <= t);
        self.times.get(i).copied().unwrap_or(self.end).max(t)
    }

    /// The last event time before `t` (or zero).
    pub fn previous_time(&self, t: SimTime) -> SimTime {
        let i = self.times.partition_point(|&x| x < t);
        i.checked_sub(1).map_or(SimTime::ZERO, |i| self.times[i])
    }
}

/// The items of a FIFO list (sorted by both `from` and `to`) waiting at `t`:
/// those with `from <= t < to`.
fn ready_range<T>(list: &[Wait<T>], t: SimTime) -> Range<usize> {
    let gone = list.partition_point(|w| w.to <= t);
    let come = list.partition_point(|w| w.from <= t);
    gone..come.max(gone)
}

// The wire (see `wire`): what a decoded index needs to answer questions
// without re-indexing.

/// A segment: its act (0 when blocked, else the act's tag + 1) and position
/// packed in one word, then the order and the two times.
impl Wire for Segment {
    const MIN_WORDS: usize = 6;

    fn put(&self, w: &mut Writer) {
        let act = self.act.map_or(0, |a| a.code() + 1);
        w.u32(pack([act, self.pos, 0, 0]));
        w.u32(self.order);
        w.time(self.since);
        w.time(self.until);
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let at = r.at();
        let [act, pos, rest @ ..] = r.u32()?.to_le_bytes();
        if rest != [0, 0] {
            return Err(Reader::error("a bad segment word", at));
        }
        Ok(Segment {
            act: match act.checked_sub(1) {
                Some(code) => Some(Reader::tag(code, at)?),
                None => None,
            },
            pos,
            order: r.u32()?,
            since: r.time()?,
            until: r.time()?,
        })
    }
}

crate::wire_struct!(UnitJob {
    start: SimTime,
    until: SimTime,
    released: SimTime,
    order: u32,
    pos: u8,
});

crate::wire_struct!(Started {
    t: SimTime,
    job: Job
});

impl<T: Wire> Wire for Wait<T> {
    const MIN_WORDS: usize = 4 + T::MIN_WORDS;

    fn size(&self) -> usize {
        4 + self.what.size()
    }

    fn put(&self, w: &mut Writer) {
        w.time(self.from);
        w.time(self.to);
        self.what.put(w);
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        Ok(Wait {
            from: r.time()?,
            to: r.time()?,
            what: T::take(r)?,
        })
    }
}

/// An order's event: its tag (0 to 6, in declaration order) and its small
/// field in one word; a running step's end after it.
impl Wire for OrderEvent {
    fn size(&self) -> usize {
        match self {
            OrderEvent::Running(..) => 3,
            _ => 1,
        }
    }

    fn put(&self, w: &mut Writer) {
        let (tag, byte) = match *self {
            OrderEvent::Queued(pos) => (0, pos),
            OrderEvent::Running(pos, _) => (1, pos),
            OrderEvent::Released(pos) => (2, pos),
            OrderEvent::Joined => (3, 0),
            OrderEvent::Ended(outcome) => (4, outcome.code()),
            OrderEvent::Rejected(pos) => (5, pos),
            OrderEvent::Hit(pos) => (6, pos),
        };
        w.u32(pack([tag, byte, 0, 0]));
        if let OrderEvent::Running(_, until) = *self {
            w.time(until);
        }
    }

    fn take(r: &mut Reader<'_>) -> Result<Self, WireError> {
        let at = r.at();
        let [tag, byte, rest @ ..] = r.u32()?.to_le_bytes();
        if rest != [0, 0] || (tag == 3 && byte != 0) {
            return Err(Reader::error("a bad order event word", at));
        }
        Ok(match tag {
            0 => OrderEvent::Queued(byte),
            1 => OrderEvent::Running(byte, r.time()?),
            2 => OrderEvent::Released(byte),
            3 => OrderEvent::Joined,
            4 => OrderEvent::Ended(Reader::tag(byte, at)?),
            5 => OrderEvent::Rejected(byte),
            6 => OrderEvent::Hit(byte),
            _ => return Err(Reader::error("an unknown order event", at)),
        })
    }
}

impl TraceIndex {
    /// What the index's own questions rely on, whatever the instance: a
    /// list per machine kind, and each order's events inside the list.
    fn well_formed(&self) -> Result<(), &'static str> {
        let kinds = MachineKind::ALL.len();
        if self.units.len() != kinds || self.phases.len() != kinds || self.waits.len() != kinds {
            return Err("an index without every machine");
        }
        let events = self.order_events.len();
        if self.order_start.iter().any(|&s| s as usize > events) {
            return Err("an order's events beyond the index's");
        }
        Ok(())
    }
}

crate::wire_struct!(TraceIndex {
    strategy: Strategy,
    end: SimTime,
    segments: Vec<Segment>,
    started: Vec<Started>,
    units: Vec<Vec<Vec<UnitJob>>>,
    phases: Vec<Vec<Vec<(SimTime, Phase)>>>,
    circuit: Vec<(SimTime, Circuit)>,
    waits: Vec<Vec<Wait<(u32, u8)>>>,
    done_tasks: Vec<Wait<Job>>,
    microtasks: Vec<Wait<Job>>,
    times: Vec<SimTime>,
    order_start: Vec<u32>,
    order_events: Vec<(SimTime, OrderEvent)>,
} check TraceIndex::well_formed; paced);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode, encode};
    use crate::{Scenario, simulate};

    #[test]
    fn a_decoded_index_must_hold_what_its_questions_rely_on() {
        let instance = Instance::new(&Scenario::default());
        let trace = simulate(&instance, Strategy::Await);
        let index = TraceIndex::new(&instance, &trace);
        assert_eq!(decode::<TraceIndex>(&encode(&index)).as_ref(), Ok(&index));

        let mut short = index.clone();
        short.units.pop();
        let refused = decode::<TraceIndex>(&encode(&short)).map_err(|e| e.what);
        assert_eq!(refused, Err("an index without every machine"));

        let mut beyond = index.clone();
        if let Some(last) = beyond.order_start.last_mut() {
            *last += 1;
        }
        let refused = decode::<TraceIndex>(&encode(&beyond)).map_err(|e| e.what);
        assert_eq!(refused, Err("an order's events beyond the index's"));
    }
}
