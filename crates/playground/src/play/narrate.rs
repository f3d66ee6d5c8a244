//! The live narration: at a readable pace, the one thing worth saying about
//! what just happened in the café (for the ARIA live region).

use super::Run;
use crate::engine::SimTime;
use crate::engine::scenario::{Instance, StepId};
use crate::engine::snapshot::Barista;
use crate::engine::trace::{Act, Outcome};
use crate::format::duration_ms;

/// What to say about `(from, to]` of `run`, if anything: the barista
/// freezing or standing blocked beats an order ending, which beats nothing.
pub fn narrate(inst: &Instance, run: &Run, from: SimTime, to: SimTime) -> Option<String> {
    match run.index.barista(to) {
        Barista::Working {
            order,
            act: Act::Step,
            pos,
            since,
            until,
        } if since > from => {
            let step = inst.plan(order as usize).get(pos as usize).map(|p| p.step);
            if step == Some(StepId::Pour) {
                let name = inst.name(order as usize);
                let d = duration_ms(until.since(since).as_ms());
                return Some(format!(
                    "The barista hand-pours {name}'s coffee: nothing else can run for {d}."
                ));
            }
        }
        Barista::Blocked { order, since, .. } if since > from => {
            let name = inst.name(order as usize);
            return Some(format!(
                "The barista stands blocked at a machine for {name}; the line waits."
            ));
        }
        _ => {}
    }
    let ended = run.ended_between(from, to);
    let &(when, order, outcome) = ended.last()?;
    let name = inst.name(order as usize);
    let took = duration_ms(when.since(inst.orders[order as usize].arrival).as_ms());
    let more = match ended.len() {
        1 => String::new(),
        n => format!(" ({} orders ended just now)", n),
    };
    Some(match outcome {
        Outcome::Served => format!("{name} is served after {took}{more}."),
        Outcome::Cookie => {
            format!("{name}'s order failed; the error was caught: a free cookie{more}.")
        }
        Outcome::Lost => format!(
            "{name}'s order failed and nobody handled the error: {name} waits forever{more}."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, Strategy};
    use crate::play::Runs;

    #[test]
    fn the_hand_pour_and_the_first_latte_are_announced() {
        let runs = Runs::new(&Scenario::default());
        let run = runs.run(Strategy::Callbacks);
        let inst = &runs.instance;
        let served = narrate(
            inst,
            run,
            SimTime::from_ms(1000.0),
            SimTime::from_ms(1200.0),
        );
        assert_eq!(served.as_deref(), Some("Ada is served after 1130 ms."));
        let pour = narrate(
            inst,
            run,
            SimTime::from_ms(2400.0),
            SimTime::from_ms(2500.0),
        )
        .unwrap();
        assert!(pour.contains("hand-pours Karen's coffee"), "{pour}");
        assert_eq!(
            narrate(inst, run, SimTime::ZERO, SimTime::from_ms(10.0)),
            None
        );
    }
}
