//! The playground's data and view-models: every strategy run on one
//! scenario, indexed so any instant can be drawn, and the pure descriptions
//! of what each view shows. No browser here: the UI paints what this says.

pub mod frame;
pub mod labels;
pub mod lanes;
pub mod loop_stats;
pub mod narrate;
pub mod scene;
pub mod shape;
mod yours;

pub use yours::{Mistake, Yours};

use crate::engine::metrics::{Metrics, Series, metrics, series};
use crate::engine::order::sort_by_u64_key;
use crate::engine::trace::{Outcome, Trace, What};
use crate::engine::wire::{self, WireError};
use crate::engine::{Instance, Scenario, SimTime, Strategy, TraceIndex, simulate};
use std::sync::Arc;

/// One strategy's run, with everything the views ask of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The strategy.
    pub strategy: Strategy,
    /// What happened.
    pub trace: Trace,
    /// The trace's digest ([`Trace::digest`], what `espresso --format json`
    /// reports), worked out where the run is made (in the back room for a
    /// big café): a pass over every event.
    pub digest: u64,
    /// Fast questions at any instant.
    pub index: TraceIndex,
    /// Headline numbers.
    pub metrics: Metrics,
    /// Values over time.
    pub series: Series,
    /// Orders by the time they ended (answered or lost), with how.
    pub by_end: Vec<(SimTime, u32, Outcome)>,
    /// `ended[i]`: served, cookies and lost among `by_end[..i]`.
    ended: Vec<[u32; 3]>,
    /// Lost orders by the time their error was dropped.
    pub lost: Vec<(SimTime, u32)>,
    /// Each price lookup that asked the cache: (when, hits so far, lookups
    /// so far), in time order; empty without a cache.
    cache: Vec<(SimTime, u32, u32)>,
}

/// Where the time of building [`Runs`] went, in ms of the caller's clock.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    /// Drawing the customers and the four simulations.
    pub simulate_ms: f64,
    /// Everything: simulations, indexes, metrics, series.
    pub total_ms: f64,
    /// Until the run of the strategy shown first was ready (all four come
    /// at once on one thread: the total; from a worker, the first answer).
    pub first_ms: f64,
}

impl Run {
    /// Simulates `strategy` on `instance` and indexes the result.
    pub fn new(instance: &Instance, strategy: Strategy) -> Run {
        Run::from_trace(instance, strategy, simulate(instance, strategy))
    }

    /// Indexes a finished simulation.
    pub fn from_trace(instance: &Instance, strategy: Strategy, trace: Trace) -> Run {
        let index = TraceIndex::new(instance, &trace);
        let mut by_end: Vec<(SimTime, u32, Outcome)> = trace
            .orders
            .iter()
            .enumerate()
            .map(|(i, r)| (r.ended, i as u32, r.outcome))
            .collect();
        // By (end, order): the orders are listed in order, so a stable sort
        // by end time gives that.
        sort_by_u64_key(&mut by_end, |e| e.0.0);
        let mut ended = Vec::with_capacity(by_end.len() + 1);
        let mut counts = [0u32; 3];
        ended.push(counts);
        for &(_, _, outcome) in &by_end {
            counts[outcome as usize] += 1;
            ended.push(counts);
        }
        let lost = by_end
            .iter()
            .filter(|e| e.2 == Outcome::Lost)
            .map(|e| (e.0, e.1))
            .collect();
        let mut tally = (0, 0);
        let cache = trace
            .events
            .iter()
            .filter_map(|e| match e.what {
                What::Cache { hit, .. } => {
                    tally = (tally.0 + u32::from(hit), tally.1 + 1);
                    Some((e.t, tally.0, tally.1))
                }
                _ => None,
            })
            .collect();
        Run {
            lost,
            cache,
            strategy,
            digest: trace.digest(),
            metrics: metrics(instance, &trace),
            series: series(&trace),
            index,
            by_end,
            ended,
            trace,
        }
    }

    /// Served, cookies and lost by `t`.
    pub fn outcomes_by(&self, t: SimTime) -> [u32; 3] {
        self.ended[self.by_end.partition_point(|e| e.0 <= t)]
    }

    /// Cache hits and lookups by `t` (both 0 without a cache).
    pub fn cache_by(&self, t: SimTime) -> (u32, u32) {
        match self.cache.partition_point(|c| c.0 <= t) {
            0 => (0, 0),
            n => (self.cache[n - 1].1, self.cache[n - 1].2),
        }
    }

    /// Orders that ended in `(from, to]`, in the order they ended.
    pub fn ended_between(&self, from: SimTime, to: SimTime) -> &[(SimTime, u32, Outcome)] {
        let a = self.by_end.partition_point(|e| e.0 <= from);
        let b = self.by_end.partition_point(|e| e.0 <= to);
        &self.by_end[a..b.max(a)]
    }

    /// The whole run as words ([`wire`]), for the page's worker to send a
    /// finished run to the page: everything, so the page recomputes nothing.
    pub fn to_words(&self) -> Vec<u32> {
        wire::encode(self)
    }

    /// The run [`Run::to_words`] wrote, in one pass; refused (never a
    /// panic) when the words are not one.
    pub fn from_words(words: &[u32]) -> Result<Run, WireError> {
        wire::decode(words)
    }

    /// What [`Run`]'s own methods rely on, and the strategy said alike.
    fn well_formed(&self) -> Result<(), &'static str> {
        if self.ended.len() != self.by_end.len() + 1 {
            return Err("a run's outcome counts do not match its ends");
        }
        let s = self.strategy;
        if s != self.trace.strategy
            || s != self.index.strategy()
            || s.key() != self.metrics.strategy
        {
            return Err("a run of two strategies");
        }
        Ok(())
    }
}

crate::engine::wire_struct!(Run {
    strategy: Strategy,
    trace: Trace,
    digest: u64,
    index: TraceIndex,
    metrics: Metrics,
    series: Series,
    by_end: Vec<(SimTime, u32, Outcome)>,
    ended: Vec<[u32; 3]>,
    lost: Vec<(SimTime, u32)>,
    cache: Vec<(SimTime, u32, u32)>,
} check Run::well_formed; paced);

/// One run, shared with the [`Runs`] it came from, and equal only to
/// itself: what shows one strategy's run changes exactly when that run
/// does, not when another strategy's run comes in.
#[derive(Clone, Debug)]
pub enum SharedRun {
    /// A built-in strategy's run.
    BuiltIn(Arc<Run>),
    /// The learner's handler's run.
    Yours(Arc<Yours>),
}

impl std::ops::Deref for SharedRun {
    type Target = Run;
    fn deref(&self) -> &Run {
        match self {
            SharedRun::BuiltIn(run) => run,
            SharedRun::Yours(yours) => &yours.run,
        }
    }
}

impl PartialEq for SharedRun {
    fn eq(&self, other: &SharedRun) -> bool {
        // Both are alive, so two runs at one address are one run.
        std::ptr::eq::<Run>(&**self, &**other)
    }
}

/// Every strategy on the same customers, and the learner's handler when
/// there is one. Cheap to clone: the parts are shared. A big café's runs
/// come from the back room one by one: until the last is in, some are
/// still being simulated ([`Runs::pending`]).
#[derive(Clone, Debug)]
pub struct Runs {
    /// The customers, drawn once.
    pub instance: Arc<Instance>,
    /// One run per built-in strategy, by [`Strategy::index`]; `None` while
    /// it is still being simulated.
    built_in: Vec<Option<Arc<Run>>>,
    /// The learner's handler run on the same customers
    /// ([`Strategy::Yours`]), once one has been written.
    pub yours: Option<Arc<Yours>>,
    /// The learner's handler is still being simulated on this café.
    yours_coming: bool,
}

impl Runs {
    /// Draws the customers of `scenario` and runs every strategy on them.
    pub fn new(scenario: &Scenario) -> Runs {
        Runs::timed(scenario, &|| 0.0).0
    }

    /// [`Runs::new`], timing its parts with `clock` (milliseconds; the
    /// engine itself never reads a clock).
    pub fn timed(scenario: &Scenario, clock: &dyn Fn() -> f64) -> (Runs, Timings) {
        let started = clock();
        let instance = Instance::new(scenario);
        let traces: Vec<Trace> = Strategy::ALL
            .iter()
            .map(|&s| simulate(&instance, s))
            .collect();
        let simulated = clock();
        let runs: Vec<Run> = Strategy::ALL
            .iter()
            .zip(traces)
            .map(|(&s, trace)| Run::from_trace(&instance, s, trace))
            .collect();
        let total_ms = clock() - started;
        let timings = Timings {
            simulate_ms: simulated - started,
            total_ms,
            first_ms: total_ms,
        };
        (Runs::of(instance, runs), timings)
    }

    /// The runs of the built-in strategies on `instance` (in
    /// [`Strategy::ALL`]'s order), without a handler of the learner's.
    pub fn of(instance: Instance, runs: Vec<Run>) -> Runs {
        let mut all = Runs::coming(instance, false);
        for run in runs {
            all = all.and(run);
        }
        all
    }

    /// `instance`'s café before any of its runs is in: every built-in
    /// strategy, and the learner's handler if `yours` is coming too, still
    /// being simulated.
    pub fn coming(instance: Instance, yours: bool) -> Runs {
        Runs {
            instance: Arc::new(instance),
            built_in: vec![None; Strategy::ALL.len()],
            yours: None,
            yours_coming: yours,
        }
    }

    /// The same runs with a built-in strategy's `run`, which has come in.
    pub fn and(&self, run: Run) -> Runs {
        let mut built_in = self.built_in.clone();
        if let Some(slot) = built_in.get_mut(run.strategy.index()) {
            *slot = Some(Arc::new(run));
        }
        Runs {
            built_in,
            ..self.clone()
        }
    }

    /// The same runs with the learner's handler `yours` (or without one:
    /// none is written, or it does not run on this café).
    pub fn with_yours(&self, yours: Option<Arc<Yours>>) -> Runs {
        Runs {
            yours,
            yours_coming: false,
            ..self.clone()
        }
    }

    /// The run of `strategy`, `None` while it is still being simulated.
    /// Until a handler is written, "your code" is the sequential await it
    /// starts from.
    pub fn get(&self, strategy: Strategy) -> Option<&Run> {
        match self.slot(strategy)? {
            None => self.yours.as_ref().map(|y| &y.run),
            Some(i) => self.built_in.get(i)?.as_deref(),
        }
    }

    /// [`Runs::get`], shared ([`SharedRun`]).
    pub fn shared(&self, strategy: Strategy) -> Option<SharedRun> {
        match self.slot(strategy)? {
            None => self.yours.clone().map(SharedRun::Yours),
            Some(i) => self.built_in.get(i)?.clone().map(SharedRun::BuiltIn),
        }
    }

    /// Where `strategy`'s run is: `Some(None)` the learner's, `Some(Some(i))`
    /// built-in `i` (maybe not in yet), `None` nowhere yet.
    fn slot(&self, strategy: Strategy) -> Option<Option<usize>> {
        match (&self.yours, strategy) {
            (Some(_), Strategy::Yours) => Some(None),
            (None, Strategy::Yours) if self.yours_coming => None,
            (None, Strategy::Yours) => Some(Some(Strategy::Await.index())),
            (_, s) => Some(Some(s.index())),
        }
    }

    /// The run of `strategy`, which is in (the shown strategy's always is:
    /// the page shows a café once its run is); [`Runs::get`] where it may
    /// still be simulated.
    #[track_caller]
    #[allow(clippy::expect_used, reason = "asked only of a run that is in")]
    pub fn run(&self, strategy: Strategy) -> &Run {
        self.get(strategy)
            .expect("the run of a strategy still being simulated")
    }

    /// The strategies still being simulated, in [`Strategy::WITH_YOURS`]'s
    /// order.
    pub fn pending(&self) -> impl Iterator<Item = Strategy> + '_ {
        Strategy::WITH_YOURS.into_iter().filter(|&s| match s {
            Strategy::Yours => self.yours_coming,
            s => self.get(s).is_none(),
        })
    }

    /// Whether every run is in.
    pub fn complete(&self) -> bool {
        self.pending().next().is_none()
    }

    /// The customers as `strategy` runs them: the written handler's plans
    /// for [`Strategy::Yours`] (where it hands a step to a helper, and the
    /// calls of steps a drink lacks), the café's own for the others.
    pub fn instance_of(&self, strategy: Strategy) -> &Instance {
        match (&self.yours, strategy) {
            (Some(yours), Strategy::Yours) => &yours.instance,
            _ => &self.instance,
        }
    }

    /// Every run that is in: the built-in strategies', then the learner's
    /// if any.
    pub fn all(&self) -> impl Iterator<Item = &Run> {
        self.built_in
            .iter()
            .flatten()
            .map(|r| &**r)
            .chain(self.yours.iter().map(|y| &y.run))
    }

    /// The strategies with a run, in [`Runs::all`]'s order.
    pub fn strategies(&self) -> impl Iterator<Item = Strategy> + '_ {
        self.all().map(|r| r.strategy)
    }

    /// When the slowest strategy's last event happened.
    pub fn end(&self) -> SimTime {
        self.all()
            .map(|r| r.trace.end)
            .max()
            .unwrap_or(SimTime::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_counts_follow_time() {
        let runs = Runs::new(&Scenario::default());
        let run = runs.run(Strategy::Blocking);
        assert_eq!(run.outcomes_by(SimTime::ZERO), [0, 0, 0]);
        assert_eq!(
            run.outcomes_by(SimTime::from_ms(1085.0)),
            [1, 0, 0],
            "Ada is served at 1085 ms"
        );
        assert_eq!(run.outcomes_by(run.trace.end), [8, 0, 0]);
        let first = run.ended_between(SimTime::ZERO, SimTime::from_ms(2200.0));
        assert_eq!(first.iter().map(|e| e.1).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(runs.end(), run.trace.end, "blocking is the slowest");
    }

    #[test]
    fn runs_come_in_one_by_one() {
        let whole = Runs::new(&Scenario::default());
        let instance = (*whole.instance).clone();
        let coming = Runs::coming(instance, true);
        assert_eq!(coming.pending().collect::<Vec<_>>(), Strategy::WITH_YOURS);
        assert!(coming.get(Strategy::Yours).is_none(), "yours is coming");
        assert_eq!(coming.all().count(), 0);
        // Parallel join first, as the back room sends the shown one.
        let join = coming.and(whole.run(Strategy::Join).clone());
        assert_eq!(join.get(Strategy::Join), Some(whole.run(Strategy::Join)));
        assert!(join.get(Strategy::Blocking).is_none());
        assert_eq!(join.strategies().collect::<Vec<_>>(), [Strategy::Join]);
        assert_eq!(
            join.pending().collect::<Vec<_>>(),
            [
                Strategy::Blocking,
                Strategy::Callbacks,
                Strategy::Await,
                Strategy::Yours
            ]
        );
        // A handler that does not run on the café: "your code" is the
        // sequential await it starts from, once that is in.
        let mut all = join.with_yours(None);
        assert!(all.get(Strategy::Yours).is_none(), "await is not in yet");
        for s in [Strategy::Blocking, Strategy::Callbacks, Strategy::Await] {
            assert!(!all.complete());
            all = all.and(whole.run(s).clone());
        }
        assert!(all.complete());
        assert_eq!(all.get(Strategy::Yours), Some(whole.run(Strategy::Await)));
        // A run shared is the same run in every later set of runs, and
        // only that run.
        let join_run = join.shared(Strategy::Join).unwrap();
        assert_eq!(all.shared(Strategy::Join), Some(join_run.clone()));
        assert_eq!(*join_run, *whole.run(Strategy::Join));
        assert_ne!(
            Some(join_run),
            whole.shared(Strategy::Join),
            "equal, not the same"
        );
        assert_eq!(all.shared(Strategy::Yours), all.shared(Strategy::Await));
        assert_eq!(
            all.strategies().collect::<Vec<_>>(),
            Strategy::ALL,
            "in the strategies' order, whatever order they came in"
        );
        assert_eq!(all.end(), whole.end());
    }

    #[test]
    fn runs_cross_the_wire_whole() {
        let presets = crate::engine::presets::presets();
        assert!(presets.len() >= 5);
        for preset in presets {
            let runs = Runs::new(&preset.scenario().unwrap());
            for run in runs.all().cloned() {
                let words = run.to_words();
                assert_eq!(words[0], wire::MAGIC);
                assert_eq!(words.len(), 1 + wire::Wire::size(&run), "allocated once");
                let what = format!("{}/{}", preset.id, run.strategy.key());
                assert_eq!(Run::from_words(&words).as_ref(), Ok(&run), "{what}");
                // A wrong magic word (an older format, or not a run) is refused.
                let mut old = words.clone();
                old[0] = wire::MAGIC - 1;
                let refused = Run::from_words(&old).unwrap_err();
                assert_eq!(refused.at, 0, "{what}");
                assert!(refused.what.contains("magic"), "{what}: {refused}");
                assert!(Run::from_words(&words[..words.len() - 1]).is_err());
                // Parts that do not belong together are refused too.
                let mut odd = run.clone();
                odd.ended.pop();
                let refused = Run::from_words(&odd.to_words()).map_err(|e| e.what);
                assert_eq!(refused, Err("a run's outcome counts do not match its ends"));
            }
        }
    }
}
