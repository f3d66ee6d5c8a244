//! One instant of one strategy's run, gathered for drawing: what the
//! barista does, who is in line, each machine, the queues, who is waiting,
//! who just left. Every question is an index lookup; lists are capped so a
//! frame costs the same with 8 customers or 20,000.

use super::{Run, Runs};
use crate::engine::breaker::Circuit;
use crate::engine::pool::Phase;
use crate::engine::scenario::MachineKind;
use crate::engine::snapshot::{Barista, Unit};
use crate::engine::trace::{Job, Outcome};
use crate::engine::{SimTime, Strategy};
use std::ops::Range;

/// Most entries any list of a frame holds (the rest are counted).
pub const SHOWN: usize = 24;

/// How long a microtask that ran stays on view as a note.
pub const NOTES_LINGER: SimTime = SimTime(300_000);

/// How far back "just left" reaches.
pub const RECENT: SimTime = SimTime(2_000_000);

/// One machine kind at the instant.
#[derive(Clone, Debug, PartialEq)]
pub struct MachineFrame {
    /// Which machine.
    pub kind: MachineKind,
    /// Its units.
    pub units: Vec<Unit>,
    /// The first requests waiting: `(order, plan position)`.
    pub waiting: Vec<(u32, u8)>,
    /// How many wait in all.
    pub waiting_count: usize,
    /// Each unit's pool phase (cold, warming, idle, busy) when pools are
    /// on; empty otherwise.
    pub phases: Vec<Phase>,
}

/// Everything a view of the café shows at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The strategy.
    pub strategy: Strategy,
    /// The instant.
    pub t: SimTime,
    /// What the barista does.
    pub barista: Barista,
    /// The job on the barista.
    pub running: Option<Job>,
    /// Customers in line (order indices).
    pub line: Range<usize>,
    /// When the last customer left the line (the line shuffles forward).
    pub last_taken: Option<SimTime>,
    /// Every machine kind with at least one unit.
    pub machines: Vec<MachineFrame>,
    /// The first ready tasks, and how many there are.
    pub ready: Vec<Job>,
    /// How many tasks are ready.
    pub ready_count: usize,
    /// Queued microtasks.
    pub microtasks: Vec<Job>,
    /// Microtasks run in the last [`NOTES_LINGER`] (they take no time, so
    /// this is how a moving picture can show them), oldest first.
    pub notes: Vec<Job>,
    /// Some of the orders in progress (taken, not ended), most recent first.
    pub in_flight: Vec<u32>,
    /// How many orders are in progress.
    pub in_flight_count: usize,
    /// Orders answered in the last [`RECENT`]: (when, order, how).
    pub recent: Vec<(SimTime, u32, Outcome)>,
    /// Some lost orders (still waiting forever).
    pub lost: Vec<u32>,
    /// Served, cookies and lost so far.
    pub outcomes: [u32; 3],
    /// The card reader's circuit breaker, when there is one.
    pub circuit: Option<Circuit>,
    /// The price cache's hits and lookups so far, when there is a cache.
    pub cache: Option<(u32, u32)>,
}

impl Frame {
    /// Gathers `strategy`'s café at `t`.
    pub fn at(runs: &Runs, strategy: Strategy, t: SimTime) -> Frame {
        let run: &Run = runs.run(strategy);
        let inst = runs.instance_of(strategy);
        let index = &run.index;
        let line = index.line(inst, &run.trace, t);
        let last_taken = line.start.checked_sub(1).map(|o| run.trace.orders[o].taken);
        let pools = inst.scenario.pool.on();
        let machines = MachineKind::ALL
            .into_iter()
            .filter(|&m| inst.shows(m))
            .map(|kind| {
                let mut waiting = index.waiting(kind, t);
                let waiting_count = waiting.len();
                waiting.truncate(SHOWN);
                MachineFrame {
                    kind,
                    units: index.units(kind, t),
                    waiting,
                    waiting_count,
                    phases: if pools {
                        index.phases(kind, t)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let (ready, ready_count) = index.tasks(inst, &run.trace, t, SHOWN);
        let outcomes = run.outcomes_by(t);
        let ended = outcomes.iter().sum::<u32>() as usize;
        // Everyone taken and not ended is in progress; list the most recent.
        let in_flight_count = line.start.saturating_sub(ended);
        let mut in_flight = Vec::new();
        for o in (0..line.start).rev().take(SHOWN * 25) {
            if in_flight.len() == SHOWN {
                break;
            }
            if run.trace.orders[o].ended > t {
                in_flight.push(o as u32);
            }
        }
        let recent = run
            .ended_between(t.since(RECENT), t)
            .iter()
            .rev()
            .filter(|e| e.2 != Outcome::Lost)
            .take(SHOWN)
            .copied()
            .collect();
        let lost_by = run.lost.partition_point(|l| l.0 <= t);
        let lost = run.lost[..lost_by]
            .iter()
            .rev()
            .take(SHOWN)
            .map(|l| l.1)
            .collect();
        Frame {
            strategy,
            t,
            barista: index.barista(t),
            running: index.running(t),
            line,
            last_taken,
            machines,
            ready,
            ready_count,
            microtasks: index.microtasks(t),
            notes: {
                let mut notes: Vec<Job> = index
                    .started_between(t.since(NOTES_LINGER), t)
                    .filter(|(_, j)| !j.kind.is_task())
                    .map(|(_, j)| j)
                    .collect();
                notes.drain(..notes.len().saturating_sub(SHOWN));
                notes
            },
            in_flight,
            in_flight_count,
            recent,
            lost,
            outcomes,
            circuit: inst.scenario.breaker.on.then(|| index.circuit(t)),
            cache: inst.scenario.cache.on.then(|| run.cache_by(t)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scenario;
    use crate::engine::params::parse_strict;

    #[test]
    fn the_morning_line_at_one_second_in_blocking_mode() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(1000.0));
        // Ada is at the steamer (blocked); Ben, Karen and Dev wait in line.
        assert!(matches!(f.barista, Barista::Blocked { order: 0, .. }));
        assert_eq!(f.line, 1..4);
        assert_eq!(f.in_flight, [0]);
        assert_eq!(f.in_flight_count, 1);
        assert_eq!(f.outcomes, [0, 0, 0]);
        let steamer = f
            .machines
            .iter()
            .find(|m| m.kind == MachineKind::Steamer)
            .unwrap();
        assert!(matches!(steamer.units[0], Unit::Working { order: 0, .. }));
        assert_eq!(f.ready_count, 3, "three arrivals wait for the barista");
    }

    #[test]
    fn big_cafes_give_capped_frames() {
        let s = parse_strict(
            Scenario::default(),
            [("customers", "3000"), ("interval_ms", "50")],
        )
        .unwrap();
        let runs = Runs::new(&s);
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(60_000.0));
        assert!(
            f.line.len() > 1000,
            "the blocking line is long: {}",
            f.line.len()
        );
        assert!(f.ready.len() <= SHOWN && f.ready_count > 1000);
        let g = Frame::at(&runs, Strategy::Join, SimTime::from_ms(60_000.0));
        assert!(g.in_flight.len() <= SHOWN);
        assert!(g.in_flight_count >= g.in_flight.len());
        for m in &g.machines {
            assert!(m.waiting.len() <= SHOWN && m.waiting_count >= m.waiting.len());
        }
    }
}
