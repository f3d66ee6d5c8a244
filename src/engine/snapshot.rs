//! The whole café at one instant, rebuilt from a trace: the line, what the
//! barista is doing and for which job, the task and microtask queues, every
//! machine unit and queue, and where each order (and its code) stands.

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
    /// Free.
    Idle,
    /// Working on a step.
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
}

/// Where one step of an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Not started.
    Pending,
    /// Waiting for a machine unit.
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
}

/// Rebuilds the café at `t` by replaying the trace up to and including `t`.
pub fn snapshot_at(instance: &Instance, trace: &Trace, t: SimTime) -> Snapshot {
    let n = instance.orders.len();
    let blocking = trace.strategy == Strategy::Blocking;
    let mut units: Vec<Vec<Unit>> = MachineKind::ALL
        .iter()
        .map(|&m| vec![Unit::Idle; instance.capacity(m) as usize])
        .collect();
    let mut waiting: Vec<VecDeque<(u32, u8)>> = vec![VecDeque::new(); MachineKind::ALL.len()];
    let mut steps: Vec<Vec<StepState>> = (0..n)
        .map(|o| vec![StepState::Pending; instance.plan(o).len()])
        .collect();
    let mut taken = 0usize;
    let mut ended: Vec<Option<Outcome>> = vec![None; n];
    let mut joined = vec![false; n];
    // Machine completions scheduled and not yet run: (order, step) → (ready
    // time, scheduling order, job).
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
                steps[order as usize][pos as usize] = StepState::Running { since: e.t, until };
                if !blocking {
                    let job = Job {
                        kind: JobKind::MachineDone,
                        pos,
                        unit,
                        order,
                    };
                    timers.insert((order, pos), (until, index, job));
                }
            }
            What::Release { machine, unit } => {
                if let Some(u) = units[machine.index()].get_mut(unit as usize) {
                    if let Unit::Working { order, pos, .. } | Unit::Done { order, pos } = *u {
                        steps[order as usize][pos as usize] = released(instance, order, pos);
                    }
                    *u = Unit::Idle;
                }
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
                && !blocking
            {
                *u = Unit::Done { order, pos };
            }
        }
    }
    for (o, per_order) in steps.iter_mut().enumerate() {
        settle_steps(per_order, instance, o, t);
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
            .map(|((&kind, units), waiting)| MachineView {
                kind,
                units,
                waiting: waiting.into_iter().collect(),
            })
            .collect(),
        line: (taken..arrived).map(|o| o as u32).collect(),
        orders,
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
/// completion task has not run), CPU work simply `Done`.
pub(super) fn settle_steps(steps: &mut [StepState], instance: &Instance, order: usize, t: SimTime) {
    for (pos, s) in steps.iter_mut().enumerate() {
        if let StepState::Running { until, .. } = *s
            && until <= t
        {
            *s = if instance.plan(order)[pos].machine.is_none() {
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
            let plan = instance.plan(index);
            if strategy == Strategy::Join && !joined && plan.iter().any(|p| p.is_io()) {
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
