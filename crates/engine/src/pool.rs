//! Machine pools (the essay's `new Pool({ max: 20, idleTimeoutMillis:
//! 30000 })` in café form): each machine kind has `capacity` units; a unit
//! left unused for `idle_ms` is put away (goes cold), and a cold unit needs
//! `warmup_ms` before it can start a job. Pure bookkeeping the simulation
//! drives; the rules are in docs/model.md#pools.

use super::time::SimTime;
use std::collections::VecDeque;

/// Pool parameters, the same for every machine kind (readers, grinders,
/// steamers, kettles, menu servers and helpers).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PoolParams {
    /// An idle unit is put away after this long unused (ms; 0 = never).
    pub idle_ms: f64,
    /// A cold unit warms up this long before its job starts (ms).
    pub warmup_ms: f64,
}

impl PoolParams {
    /// Whether units start cold and may be put away: either parameter set.
    /// Off (the default), every unit is warm from the start and stays warm.
    pub fn on(&self) -> bool {
        self.idle_ms > 0.0 || self.warmup_ms > 0.0
    }

    /// The idle timeout, if units are ever put away.
    pub fn idle(&self) -> Option<SimTime> {
        (self.idle_ms > 0.0).then(|| SimTime::from_ms(self.idle_ms))
    }

    /// The warm-up.
    pub fn warmup(&self) -> SimTime {
        SimTime::from_ms(self.warmup_ms)
    }
}

/// What a unit is doing (for views: busy, warming, idle or cold).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Put away (or never used yet): must warm up before a job.
    Cold,
    /// Warming up for a request.
    Warming,
    /// Free and warm.
    Idle,
    /// Taken by a job (working, or done and waiting to be released).
    Busy,
}

/// How many units of a kind are in each phase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PhaseCounts {
    /// Taken by a job.
    pub busy: u32,
    /// Warming up.
    pub warming: u32,
    /// Free and warm.
    pub idle: u32,
    /// Put away.
    pub cold: u32,
}

impl PhaseCounts {
    /// Counts `phases`.
    pub fn of(phases: &[Phase]) -> PhaseCounts {
        let mut c = PhaseCounts::default();
        for p in phases {
            match p {
                Phase::Busy => c.busy += 1,
                Phase::Warming => c.warming += 1,
                Phase::Idle => c.idle += 1,
                Phase::Cold => c.cold += 1,
            }
        }
        c
    }
}

/// One unit's bookkeeping.
#[derive(Clone, Copy, Debug)]
struct UnitState {
    taken: bool,
    cold: bool,
    /// Bumped whenever the unit is taken or released, so that a pending
    /// "put away" is known to be stale.
    generation: u32,
}

/// One machine kind's units and FIFO queue of requests `(order, pos)`.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    units: Vec<UnitState>,
    /// Requests waiting for a unit, oldest first.
    pub waiting: VecDeque<(u32, u8)>,
}

impl Pool {
    /// `capacity` units, cold when `cold` (a pool that is on), else warm.
    pub fn new(capacity: u32, cold: bool) -> Pool {
        Pool {
            units: vec![
                UnitState {
                    taken: false,
                    cold,
                    generation: 0,
                };
                capacity as usize
            ],
            waiting: VecDeque::new(),
        }
    }

    /// Takes a free unit for a request: the lowest-numbered warm one, else
    /// the lowest-numbered cold one. Returns the unit and whether it was
    /// cold, or `None` when every unit is taken.
    pub fn take(&mut self) -> Option<(u8, bool)> {
        let mut first_cold = None;
        let mut warm = None;
        for (i, u) in self.units.iter().enumerate() {
            if u.taken {
                continue;
            }
            if !u.cold {
                warm = Some(i);
                break;
            }
            first_cold = first_cold.or(Some(i));
        }
        let unit = warm.or(first_cold)?;
        let u = &mut self.units[unit];
        let was_cold = u.cold;
        u.taken = true;
        u.cold = false;
        u.generation += 1;
        Some((unit as u8, was_cold))
    }

    /// Takes a specific unit (a queued request starting on a released unit).
    pub fn take_unit(&mut self, unit: u8) {
        if let Some(u) = self.units.get_mut(unit as usize) {
            u.taken = true;
            u.cold = false;
            u.generation += 1;
        }
    }

    /// Frees `unit`; returns its generation (for a later [`Pool::put_away`]).
    pub fn release(&mut self, unit: u8) -> u32 {
        match self.units.get_mut(unit as usize) {
            Some(u) => {
                u.taken = false;
                u.generation += 1;
                u.generation
            }
            None => 0,
        }
    }

    /// Puts `unit` away if it has not been used since the release that gave
    /// `generation`; returns whether it went cold.
    pub fn put_away(&mut self, unit: u8, generation: u32) -> bool {
        match self.units.get_mut(unit as usize) {
            Some(u) if !u.taken && !u.cold && u.generation == generation => {
                u.cold = true;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_units_are_preferred_and_idle_ones_go_cold_unless_used_again() {
        let mut p = Pool::new(2, true);
        assert_eq!(p.take(), Some((0, true)), "all cold at first");
        let g = p.release(0);
        assert_eq!(p.take(), Some((0, false)), "warm again, reused");
        assert!(!p.put_away(0, g), "taken since: the put-away is stale");
        assert_eq!(p.take(), Some((1, true)));
        assert_eq!(p.take(), None, "both taken");
        let g0 = p.release(0);
        assert!(p.put_away(0, g0));
        assert_eq!(p.take(), Some((0, true)), "cold again");
    }

    #[test]
    fn an_off_pool_is_warm_from_the_start() {
        let mut p = Pool::new(1, false);
        assert_eq!(p.take(), Some((0, false)));
        assert!(!PoolParams::default().on());
        assert_eq!(
            PhaseCounts::of(&[Phase::Busy, Phase::Cold, Phase::Cold]),
            PhaseCounts {
                busy: 1,
                cold: 2,
                ..PhaseCounts::default()
            }
        );
    }
}
