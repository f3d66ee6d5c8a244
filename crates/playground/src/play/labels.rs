//! Words for what the café is doing: jobs in the event-loop queues and the
//! barista's hands, in plain English (content for views and narration).

use crate::engine::scenario::{Instance, MachineKind, StepId};
use crate::engine::snapshot::Barista;
use crate::engine::trace::{Act, Job, JobKind};
use crate::engine::{SimTime, Strategy};
use crate::format::duration_ms;

fn step_of(instance: &Instance, order: u32, pos: u8) -> Option<(StepId, Option<MachineKind>)> {
    let plan = instance.plan(order as usize);
    plan.get(pos as usize).map(|p| (p.step, p.machine))
}

/// A short noun for a machine step's result ("payment", "grinder").
fn what_finished(step: StepId, machine: Option<MachineKind>) -> &'static str {
    match (step, machine) {
        (StepId::Pay, _) => "payment",
        (StepId::Grind, _) => "grinder",
        (StepId::Steam, _) => "steamer",
        (StepId::Heat, _) => "kettle",
        (StepId::Lookup, _) => "price lookup",
        (_, Some(MachineKind::Helper)) => "helper",
        (StepId::Pour, _) => "hand-pour",
        (StepId::Assemble, _) => "assembly",
    }
}

/// One job, as a queue entry: "Ben arrives", "Ada's grinder is done".
pub fn job(instance: &Instance, strategy: Strategy, job: Job) -> String {
    let name = instance.name(job.order as usize);
    let step = step_of(instance, job.order, job.pos);
    let thing = step.map_or("step", |(s, m)| what_finished(s, m));
    match job.kind {
        JobKind::Arrival => format!("{name} arrives"),
        JobKind::MachineDone => match strategy {
            Strategy::Callbacks => format!("callback: {name}'s {thing} is done"),
            _ => format!("{name}'s {thing} is done"),
        },
        JobKind::Resume => format!("resume {name} after {thing}"),
        JobKind::Settle => format!("Promise.all: {name}'s {thing} settled"),
        JobKind::Joined => format!("Promise.all resolved: {name}"),
        JobKind::Timeout => format!("breaker: {name}'s {thing} timed out"),
    }
}

/// A job as an order ticket or a note: whose it is, and in a word or two
/// what happened ("arrives", "grinder ✓", "resume", "timed out").
pub fn ticket(instance: &Instance, job: Job) -> (String, String) {
    let name = instance.name(job.order as usize).into_owned();
    let thing = step_of(instance, job.order, job.pos).map_or("step", |(s, m)| what_finished(s, m));
    let what = match job.kind {
        JobKind::Arrival => "arrives".to_string(),
        JobKind::MachineDone => format!("{thing} ✓"),
        JobKind::Resume => "resume".to_string(),
        JobKind::Settle => format!("{thing} settled"),
        JobKind::Joined => "all done".to_string(),
        JobKind::Timeout => "timed out".to_string(),
    };
    (name, what)
}

/// The call stack's entry for a running job: what the barista's code is in.
pub fn running(instance: &Instance, strategy: Strategy, j: Job) -> String {
    let name = instance.name(j.order as usize);
    match j.kind {
        JobKind::Arrival => format!("handleOrder({name})"),
        _ => job(instance, strategy, j),
    }
}

/// What the barista's hands are doing, as a sentence fragment.
pub fn barista(instance: &Instance, b: Barista, t: SimTime) -> String {
    match b {
        Barista::Idle => "idle: waiting for the next task".to_string(),
        Barista::Working {
            order,
            act,
            pos,
            until,
            ..
        } => {
            let name = instance.name(order as usize);
            let left = duration_ms((until - t).as_ms());
            match act {
                Act::TakeOrder => format!("taking {name}'s order ({left} left)"),
                Act::Dispatch => {
                    let machine = step_of(instance, order, pos)
                        .and_then(|(_, m)| m)
                        .map_or("machine", MachineKind::label);
                    format!("pressing the {machine} button for {name}")
                }
                Act::Step => match step_of(instance, order, pos).map(|(s, _)| s) {
                    Some(StepId::Pour) => {
                        format!("hand-pouring {name}'s coffee: frozen for {left}")
                    }
                    Some(StepId::Assemble) => format!("assembling {name}'s drink ({left} left)"),
                    Some(s) => format!("{} for {name} ({left} left)", s.label()),
                    None => format!("working for {name}"),
                },
                Act::Cookie => format!("handing {name} a free cookie"),
            }
        }
        Barista::Blocked {
            order, pos, until, ..
        } => {
            let name = instance.name(order as usize);
            let machine = step_of(instance, order, pos)
                .and_then(|(_, m)| m)
                .map_or("machine", MachineKind::label);
            format!(
                "BLOCKED at the {machine} for {name} ({} left)",
                duration_ms((until - t).as_ms())
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scenario;

    #[test]
    fn labels_name_the_customer_and_the_thing() {
        let inst = Instance::new(&Scenario::default());
        let done = Job {
            kind: JobKind::MachineDone,
            pos: 1,
            unit: 0,
            order: 0,
        };
        assert_eq!(job(&inst, Strategy::Await, done), "Ada's grinder is done");
        assert_eq!(
            job(&inst, Strategy::Callbacks, done),
            "callback: Ada's grinder is done"
        );
        let arrival = Job {
            kind: JobKind::Arrival,
            pos: 0,
            unit: 0,
            order: 2,
        };
        assert_eq!(job(&inst, Strategy::Join, arrival), "Karen arrives");
        assert_eq!(
            running(&inst, Strategy::Join, arrival),
            "handleOrder(Karen)"
        );
        let pour = Barista::Working {
            order: 2,
            act: Act::Step,
            pos: 3,
            since: SimTime::from_ms(1000.0),
            until: SimTime::from_ms(2500.0),
        };
        assert_eq!(
            barista(&inst, pour, SimTime::from_ms(1300.0)),
            "hand-pouring Karen's coffee: frozen for 1200 ms"
        );
        let blocked = Barista::Blocked {
            order: 0,
            pos: 2,
            since: SimTime::ZERO,
            until: SimTime::from_ms(500.0),
        };
        assert_eq!(
            barista(&inst, blocked, SimTime::from_ms(100.0)),
            "BLOCKED at the steamer for Ada (400 ms left)"
        );
    }
}
