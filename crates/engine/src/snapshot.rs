//! The whole café at one instant, rebuilt from a trace: the line, what the
//! barista is doing and for which job, the task and microtask queues, every
//! machine unit and queue (and each unit's pool phase), the circuit
//! breaker's state, and where each order (and its code) stands.

use super::breaker::Circuit;
use super::flow::{Place, Wait};
use super::pool::Phase;
use super::scenario::{Instance, MachineKind};
use super::strategy::Strategy;
use super::time::SimTime;
use super::trace::{Act, Job, JobKind, Outcome, Trace, What};
use std::collections::{BTreeMap, VecDeque};

/// What the barista is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Barista {
    /// Nothing to do: the event loop is waiting.
    Idle,
    /// CPU work for an order.
    Working {
        /// The order.
        order: u32,
        /// What the hands do.
        act: Act,
        /// Plan position (dispatch and CPU steps).
        pos: u8,
        /// Started.
        since: SimTime,
        /// Ends.
        until: SimTime,
    },
    /// Standing at a machine (blocking mode).
    Blocked {
        /// The order.
        order: u32,
        /// Plan position of the machine step.
        pos: u8,
        /// Started.
        since: SimTime,
        /// Ends.
        until: SimTime,
    },
}

/// One machine unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Free (warm or cold: see [`Phase`]).
    Idle,
    /// Working on a step (or, while its [`Phase`] is `Warming`, warming up
    /// for it until `until`).
    Working {
        /// The order.
        order: u32,
        /// Plan position.
        pos: u8,
        /// Started.
        since: SimTime,
        /// Done at.
        until: SimTime,
    },
    /// Finished; the result waits on the "ready" tray until the barista runs
    /// the completion task and releases the unit.
    Done {
        /// The order.
        order: u32,
        /// Plan position.
        pos: u8,
    },
}

/// One machine kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MachineView {
    /// Which machine.
    pub kind: MachineKind,
    /// Its units.
    pub units: Vec<Unit>,
    /// Requests waiting for a unit, oldest first: `(order, plan position)`.
    pub waiting: Vec<(u32, u8)>,
    /// Each unit's pool phase: busy, warming, idle (warm) or cold.
    pub phases: Vec<Phase>,
}

/// Where one step of an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Not started.
    Pending,
    /// Waiting for a machine unit (in its queue, or while a cold unit
    /// warms up for it).
    Queued,
    /// In progress.
    Running {
        /// Started.
        since: SimTime,
        /// Ends.
        until: SimTime,
    },
    /// The machine is done; its completion task has not run yet.
    Ready,
    /// Finished successfully.
    Done,
    /// Finished with an error.
    Failed,
}

/// Where an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not in the café yet.
    NotArrived,
    /// Waiting in line.
    InLine,
    /// Being handled.
    InProgress,
    /// Finished.
    Ended(Outcome),
}

/// The part of the handler's code an order is at (the code panel maps each
/// point to a line of each strategy's listing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePoint {
    /// Not arrived, or still in line: the handler has not started.
    NotStarted,
    /// Taking the order.
    TakeOrder,
    /// Calling the machine step at this plan position.
    Call(u8),
    /// Synchronously waiting for the machine step (blocking mode).
    Blocked(u8),
    /// Waiting for step `pos` to settle (its callback or its `await`).
    Await(u8),
    /// Waiting in `await Promise.all(...)`.
    AwaitAll,
    /// Running CPU step `pos`.
    Cpu(u8),
    /// In the error handler: apologising with a cookie.
    Catch,
    /// Served.
    Done,
    /// The error was dropped: the order is lost.
    Lost,
}

/// One order at the instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderView {
    /// Where the order stands.
    pub status: Status,
    /// Each plan step.
    pub steps: Vec<StepState>,
    /// Where its code is.
    pub code: CodePoint,
}

/// The café at instant `t`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The instant.
    pub t: SimTime,
    /// The job on the barista (the call stack), if she is busy.
    pub running: Option<Job>,
    /// What her hands are doing.
    pub barista: Barista,
    /// Ready tasks, in the order they will run.
    pub tasks: Vec<Job>,
    /// Queued microtasks, in order.
    pub microtasks: Vec<Job>,
    /// Every machine kind.
    pub machines: Vec<MachineView>,
    /// Orders waiting in line, first in line first.
    pub line: Vec<u32>,
    /// Every order.
    pub orders: Vec<OrderView>,
    /// The circuit breaker's state (closed when there is none).
    pub circuit: Circuit,
}

/// The phase every unit starts in: cold when the pool is on.
pub(super) fn first_phase(instance: &Instance) -> Phase {
    if instance.scenario.pool.on() {
        Phase::Cold
    } else {
        Phase::Idle
    }
}

/// Whether payment (order, pos) is guarded by the breaker's timeout in a
/// run of `strategy` (never when the barista stands at the reader).
pub(super) fn timed(instance: &Instance, strategy: Strategy, order: u32, pos: u8) -> bool {
    if instance.scenario.breaker.timeout().is_none() {
        return false;
    }
    match instance.written_call(order as usize, pos) {
        Some(call) => call.breaker && call.wait != Wait::Block,
        None => {
            strategy != Strategy::Blocking
                && instance.plan(order as usize)[pos as usize].machine == Some(MachineKind::Reader)
        }
    }
}

/// Whether the barista stands at the machine for step (order, pos): every
/// step in blocking mode, a synchronous call in a written handler.
pub(super) fn blocks(instance: &Instance, strategy: Strategy, order: u32, pos: u8) -> bool {
    match instance.written_call(order as usize, pos) {
        Some(call) => call.wait == Wait::Block,
        None => strategy == Strategy::Blocking,
    }
}

/// The bit of plan position `pos`.
pub(super) fn bit(pos: u8) -> u8 {
    1u8.checked_shl(u32::from(pos)).unwrap_or(0)
}

/// Rebuilds the café at `t` by replaying the trace up to and including `t`.
pub fn snapshot_at(instance: &Instance, trace: &Trace, t: SimTime) -> Snapshot {
    let n = instance.orders.len();
    let mut units: Vec<Vec<Unit>> = MachineKind::ALL
        .iter()
        .map(|&m| vec![Unit::Idle; instance.capacity(m) as usize])
        .collect();
    let mut waiting: Vec<VecDeque<(u32, u8)>> = vec![VecDeque::new(); MachineKind::ALL.len()];
    let mut phases: Vec<Vec<Phase>> = MachineKind::ALL
        .iter()
        .map(|&m| vec![first_phase(instance); instance.capacity(m) as usize])
        .collect();
    let timeout = instance.scenario.breaker.timeout().unwrap_or(SimTime::ZERO);
    // Per order, bit per plan position: requests made, steps failed by the
    // breaker, lookups answered from the cache.
    let mut admitted = vec![0u8; n];
    let mut rejected = vec![0u8; n];
    let mut hits = vec![0u8; n];
    // Armed breaker timeouts: (order, pos) → (deadline, scheduling order, job).
    let mut timeouts: BTreeMap<(u32, u8), (SimTime, usize, Job)> = BTreeMap::new();
    let mut circuit = Circuit::Closed;
    let mut steps: Vec<Vec<StepState>> = (0..n)
        .map(|o| vec![StepState::Pending; instance.plan(o).len()])
        .collect();
    let mut taken = 0usize;
    let mut ended: Vec<Option<Outcome>> = vec![None; n];
    let mut joined = vec![false; n];
    // Machine completions scheduled and not yet run: (order, step) → (ready
    // time, scheduling order, job). Scheduling order is twice the index of
    // the event that scheduled it, plus one (a timeout armed at the same
    // event was scheduled just before).
    let mut timers: BTreeMap<(u32, u8), (SimTime, usize, Job)> = BTreeMap::new();
    let mut microtasks: VecDeque<Job> = VecDeque::new();
    let mut running: Option<Job> = None;
    let mut barista = Barista::Idle;

    let upto = trace.events.partition_point(|e| e.t <= t);
    for (index, e) in trace.events[..upto].iter().enumerate() {
        match e.what {
            What::Run { .. } => {
                let Some(job) = e.what.job() else { continue };
                running = Some(job);
                match job.kind {
                    JobKind::Arrival => taken = taken.max(job.order as usize + 1),
                    JobKind::MachineDone => {
                        timers.remove(&(job.order, job.pos));
                        timeouts.remove(&(job.order, job.pos));
                    }
                    JobKind::Timeout => {
                        timeouts.remove(&(job.order, job.pos));
                    }
                    JobKind::Joined => {
                        joined[job.order as usize] = true;
                        microtasks.pop_front();
                    }
                    _ => {
                        microtasks.pop_front();
                    }
                }
            }
            What::Work {
                order,
                act,
                pos,
                until,
            } => {
                barista = Barista::Working {
                    order,
                    act,
                    pos,
                    since: e.t,
                    until,
                };
                if act == Act::Step {
                    steps[order as usize][pos as usize] = StepState::Running { since: e.t, until };
                }
            }
            What::Warm {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                if let Some(u) = units[machine.index()].get_mut(unit as usize) {
                    *u = Unit::Working {
                        order,
                        pos,
                        since: e.t,
                        until,
                    };
                }
                set_phase(&mut phases, machine, unit, Phase::Warming);
                if rejected[order as usize] & bit(pos) == 0 {
                    steps[order as usize][pos as usize] = StepState::Queued;
                }
                if admitted[order as usize] & bit(pos) == 0 {
                    admitted[order as usize] |= bit(pos);
                    if timed(instance, trace.strategy, order, pos) {
                        let job = timeout_job(order, pos);
                        timeouts.insert((order, pos), (e.t + timeout, 2 * index, job));
                    }
                }
            }
            What::Cool { machine, unit } => set_phase(&mut phases, machine, unit, Phase::Cold),
            What::Circuit { state, .. } => circuit = state,
            What::Reject { order, pos, .. } => {
                rejected[order as usize] |= bit(pos);
                steps[order as usize][pos as usize] = StepState::Failed;
            }
            What::Cache { order, pos, hit } => {
                if hit {
                    hits[order as usize] |= bit(pos);
                    steps[order as usize][pos as usize] = StepState::Done;
                }
            }
            What::Block { order, pos, until } => {
                barista = Barista::Blocked {
                    order,
                    pos,
                    since: e.t,
                    until,
                };
            }
            What::Queue {
                machine,
                order,
                pos,
            } => {
                waiting[machine.index()].push_back((order, pos));
                steps[order as usize][pos as usize] = StepState::Queued;
                admitted[order as usize] |= bit(pos);
                if timed(instance, trace.strategy, order, pos) {
                    let job = timeout_job(order, pos);
                    timeouts.insert((order, pos), (e.t + timeout, 2 * index, job));
                }
            }
            What::Start {
                machine,
                unit,
                order,
                pos,
                until,
            } => {
                let q = &mut waiting[machine.index()];
                if q.front() == Some(&(order, pos)) {
                    q.pop_front();
                }
                if let Some(u) = units[machine.index()].get_mut(unit as usize) {
                    *u = Unit::Working {
                        order,
                        pos,
                        since: e.t,
                        until,
                    };
                }
                set_phase(&mut phases, machine, unit, Phase::Busy);
                if rejected[order as usize] & bit(pos) == 0 {
                    steps[order as usize][pos as usize] = StepState::Running { since: e.t, until };
                }
                if admitted[order as usize] & bit(pos) == 0 {
                    admitted[order as usize] |= bit(pos);
                    if timed(instance, trace.strategy, order, pos) {
                        let job = timeout_job(order, pos);
                        timeouts.insert((order, pos), (e.t + timeout, 2 * index, job));
                    }
                }
                if !blocks(instance, trace.strategy, order, pos) {
                    let job = Job {
                        kind: JobKind::MachineDone,
                        pos,
                        unit,
                        order,
                    };
                    timers.insert((order, pos), (until, 2 * index + 1, job));
                }
            }
            What::Release { machine, unit } => {
                if let Some(u) = units[machine.index()].get_mut(unit as usize) {
                    if let Unit::Working { order, pos, .. } | Unit::Done { order, pos } = *u
                        && rejected[order as usize] & bit(pos) == 0
                    {
                        steps[order as usize][pos as usize] = released(instance, order, pos);
                    }
                    *u = Unit::Idle;
                }
                set_phase(&mut phases, machine, unit, Phase::Idle);
            }
            What::Microtask { .. } => microtasks.extend(e.what.job()),
            What::End { order, outcome } => ended[order as usize] = Some(outcome),
        }
    }

    // Time has moved on since the last event: finish what has finished.
    let busy_until = match barista {
        Barista::Working { until, .. } | Barista::Blocked { until, .. } => until,
        Barista::Idle => SimTime::ZERO,
    };
    if busy_until <= t {
        barista = Barista::Idle;
        running = None;
    }
    for machine in &mut units {
        for u in machine.iter_mut() {
            if let Unit::Working {
                order, pos, until, ..
            } = *u
                && until <= t
                && !blocks(instance, trace.strategy, order, pos)
            {
                *u = Unit::Done { order, pos };
            }
        }
    }
    for (o, per_order) in steps.iter_mut().enumerate() {
        settle_steps(per_order, instance, o, t, hits[o]);
    }

    let arrived = instance.orders.partition_point(|o| o.arrival <= t);
    let mut tasks: Vec<(SimTime, u8, usize, Job)> = (taken..arrived)
        .map(|o| {
            let job = Job {
                kind: JobKind::Arrival,
                pos: 0,
                unit: 0,
                order: o as u32,
            };
            (instance.orders[o].arrival, 0, o, job)
        })
        .collect();
    tasks.extend(
        timers
            .values()
            .filter(|(ready, _, _)| *ready <= t)
            .map(|&(ready, seq, job)| (ready, 1, seq, job)),
    );
    // A due timeout is a ready task unless its payment's completion comes
    // first in task order (then running it clears the timeout).
    tasks.extend(
        timeouts
            .iter()
            .filter(|&(key, &(deadline, seq, _))| {
                deadline <= t
                    && timers
                        .get(key)
                        .is_none_or(|&(ready, done_seq, _)| (ready, done_seq) > (deadline, seq))
            })
            .map(|(_, &(deadline, seq, job))| (deadline, 1, seq, job)),
    );
    tasks.sort_by_key(|&(ready, class, seq, _)| (ready, class, seq));

    let orders = (0..n)
        .map(|o| {
            let status = if o >= arrived {
                Status::NotArrived
            } else if o >= taken {
                Status::InLine
            } else if let Some(outcome) = ended[o] {
                Status::Ended(outcome)
            } else {
                Status::InProgress
            };
            let code = code_point(
                trace.strategy,
                status,
                &steps[o],
                barista,
                o as u32,
                joined[o],
                instance,
                o,
            );
            OrderView {
                status,
                steps: steps[o].clone(),
                code,
            }
        })
        .collect();

    Snapshot {
        t,
        running,
        barista,
        tasks: tasks.into_iter().map(|x| x.3).collect(),
        microtasks: microtasks.into_iter().collect(),
        machines: MachineKind::ALL
            .iter()
            .zip(units)
            .zip(waiting)
            .zip(phases)
            .map(|(((&kind, units), waiting), phases)| MachineView {
                kind,
                units,
                waiting: waiting.into_iter().collect(),
                phases,
            })
            .collect(),
        line: (taken..arrived).map(|o| o as u32).collect(),
        orders,
        circuit,
    }
}

fn set_phase(phases: &mut [Vec<Phase>], machine: MachineKind, unit: u8, phase: Phase) {
    if let Some(p) = phases[machine.index()].get_mut(unit as usize) {
        *p = phase;
    }
}

/// The breaker's timeout task for payment (order, pos).
pub(super) fn timeout_job(order: u32, pos: u8) -> Job {
    Job {
        kind: JobKind::Timeout,
        pos,
        unit: 0,
        order,
    }
}

/// The state of step `pos` of `order` once its machine unit is released.
pub(super) fn released(instance: &Instance, order: u32, pos: u8) -> StepState {
    let step = instance.plan(order as usize)[pos as usize].step;
    if step.machine().is_some() && instance.orders[order as usize].fails(step) {
        StepState::Failed
    } else {
        StepState::Done
    }
}

/// Steps whose time is up by `t`: machine work becomes `Ready` (its
/// completion task has not run), CPU work simply `Done` — including a price
/// answered from the cache (`hits`: bit per plan position).
pub(super) fn settle_steps(
    steps: &mut [StepState],
    instance: &Instance,
    order: usize,
    t: SimTime,
    hits: u8,
) {
    for (pos, s) in steps.iter_mut().enumerate() {
        if let StepState::Running { until, .. } = *s
            && until <= t
        {
            let cpu = instance.plan(order)[pos].machine.is_none() || hits & bit(pos as u8) != 0;
            *s = if cpu {
                StepState::Done
            } else {
                StepState::Ready
            };
        }
    }
}

/// Where an order's code is, given its state at the instant.
#[allow(clippy::too_many_arguments, reason = "a pure helper of snapshot_at")]
pub(super) fn code_point(
    strategy: Strategy,
    status: Status,
    steps: &[StepState],
    barista: Barista,
    order: u32,
    joined: bool,
    instance: &Instance,
    index: usize,
) -> CodePoint {
    match barista {
        Barista::Working {
            order: o, act, pos, ..
        } if o == order => {
            return match act {
                Act::TakeOrder => CodePoint::TakeOrder,
                Act::Dispatch => CodePoint::Call(pos),
                Act::Step => CodePoint::Cpu(pos),
                Act::Cookie => CodePoint::Catch,
            };
        }
        Barista::Blocked { order: o, pos, .. } if o == order => return CodePoint::Blocked(pos),
        _ => {}
    }
    match status {
        Status::NotArrived | Status::InLine => CodePoint::NotStarted,
        Status::Ended(Outcome::Served) => CodePoint::Done,
        Status::Ended(Outcome::Cookie) => CodePoint::Catch,
        Status::Ended(Outcome::Lost) => CodePoint::Lost,
        Status::InProgress => {
            if let Some(flows) = instance.flows.as_deref() {
                // A written handler is in `await Promise.all` while a call of
                // one of its branches is still out.
                let flow = &flows[instance.orders[index].drink.index()];
                let in_join = flow.calls.iter().zip(steps).any(|(c, s)| {
                    matches!(c.place, Place::Branch { .. })
                        && matches!(
                            s,
                            StepState::Queued | StepState::Running { .. } | StepState::Ready
                        )
                });
                if in_join {
                    return CodePoint::AwaitAll;
                }
            }
            let plan = instance.plan(index);
            // Parallel join awaits a leading price lookup before Promise.all.
            let looking_up = plan.first().is_some_and(|p| p.is_lookup())
                && matches!(
                    steps.first(),
                    Some(StepState::Queued | StepState::Running { .. } | StepState::Ready)
                );
            if strategy == Strategy::Join
                && !joined
                && !looking_up
                && plan.iter().any(|p| p.is_io())
            {
                return CodePoint::AwaitAll;
            }
            let waiting_on = steps.iter().enumerate().rev().find(|(_, s)| {
                matches!(
                    s,
                    StepState::Queued | StepState::Running { .. } | StepState::Ready
                )
            });
            match waiting_on {
                Some((pos, _)) => CodePoint::Await(pos as u8),
                None => CodePoint::TakeOrder,
            }
        }
    }
}
