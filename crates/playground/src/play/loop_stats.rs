//! The event loop's own health, as Node's `monitorEventLoopDelay` and
//! `performance.eventLoopUtilization` report it: how late ready tasks
//! started (a histogram, p50 / p99 / max) and how busy the one thread was
//! over time (working or blocked counts as busy: nothing else could run).

use crate::engine::SimTime;
use crate::engine::metrics::nearest_rank;
use crate::engine::order::sort_u64;
use crate::engine::trace::{Trace, What};

/// Upper edges of the lag histogram's bins, in ms (the last bin is open).
pub const LAG_BINS_MS: [u64; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/// Columns of the utilisation-over-time chart.
pub const COLUMNS: usize = 60;

/// Lag and utilisation of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopStats {
    /// Tasks measured.
    pub tasks: usize,
    /// Median lag (µs).
    pub p50: SimTime,
    /// 99th-percentile lag.
    pub p99: SimTime,
    /// Largest lag.
    pub max: SimTime,
    /// Tasks per bin: `[0, 1 ms)`, `[1, 2)`, … `[1000 ms, ∞)`.
    pub bins: [u32; LAG_BINS_MS.len() + 1],
    /// Busy share of the whole run, 0 to 1.
    pub utilisation: f64,
    /// Busy share of each of [`COLUMNS`] equal slices of the run.
    pub over_time: Vec<f64>,
    /// The run's end (the slices' span).
    pub end: SimTime,
}

/// Which bin a lag of `us` microseconds falls in.
pub fn bin_of(us: u64) -> usize {
    LAG_BINS_MS
        .iter()
        .position(|&edge| us < edge * 1000)
        .unwrap_or(LAG_BINS_MS.len())
}

/// The loop's lag (from the run's lag series) and utilisation (from the
/// barista's working and blocked segments in `trace`).
pub fn loop_stats(trace: &Trace, lag: &[(SimTime, SimTime)]) -> LoopStats {
    let mut lags: Vec<u64> = lag.iter().map(|&(_, l)| l.0).collect();
    sort_u64(&mut lags);
    let mut bins = [0u32; LAG_BINS_MS.len() + 1];
    for &l in &lags {
        bins[bin_of(l)] += 1;
    }
    let end = trace.end;
    let span = end.0.max(1);
    let width = span.div_ceil(COLUMNS as u64).max(1);
    let mut busy_per = vec![0u64; COLUMNS];
    let mut busy = 0u64;
    for e in &trace.events {
        let until = match e.what {
            What::Work { until, .. } | What::Block { until, .. } => until,
            _ => continue,
        };
        let (from, to) = (e.t.0, until.0.min(span));
        if to <= from {
            continue;
        }
        busy += to - from;
        for column in (from / width)..=((to - 1) / width) {
            let (lo, hi) = (column * width, (column + 1) * width);
            if let Some(b) = busy_per.get_mut(column as usize) {
                *b += to.min(hi) - from.max(lo);
            }
        }
    }
    let over_time = busy_per
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let lo = i as u64 * width;
            let len = ((i as u64 + 1) * width).min(span).saturating_sub(lo);
            if len == 0 {
                0.0
            } else {
                (b as f64 / len as f64).min(1.0)
            }
        })
        .collect();
    LoopStats {
        tasks: lags.len(),
        p50: SimTime(nearest_rank(&lags, 50.0)),
        p99: SimTime(nearest_rank(&lags, 99.0)),
        max: SimTime(lags.last().copied().unwrap_or(0)),
        bins,
        utilisation: (busy as f64 / span as f64).min(1.0),
        over_time,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets::preset;
    use crate::engine::{Scenario, Strategy};
    use crate::play::Runs;

    #[test]
    fn bins_split_at_their_edges() {
        assert_eq!(bin_of(0), 0);
        assert_eq!(bin_of(999), 0);
        assert_eq!(bin_of(1000), 1);
        assert_eq!(bin_of(4_999), 2);
        assert_eq!(bin_of(999_999), 9);
        assert_eq!(bin_of(1_000_000), 10);
    }

    #[test]
    fn the_histogram_counts_every_task_and_agrees_with_the_metrics() {
        let runs = Runs::new(&Scenario::default());
        for run in runs.all() {
            let s = loop_stats(&run.trace, &run.series.lag);
            assert_eq!(s.tasks, run.series.lag.len());
            assert_eq!(s.bins.iter().sum::<u32>() as usize, s.tasks);
            assert_eq!(s.max.as_ms(), run.metrics.lag.max_ms);
            assert_eq!(s.p99.as_ms(), run.metrics.lag.p99_ms);
            assert_eq!(s.over_time.len(), COLUMNS);
        }
    }

    #[test]
    fn utilisation_is_working_plus_blocked_over_the_run() {
        let runs = Runs::new(&Scenario::default());
        for run in runs.all() {
            let s = loop_stats(&run.trace, &run.series.lag);
            let m = &run.metrics;
            let expected = (m.working_ms + m.blocked_ms) / m.makespan_ms;
            assert!(
                (s.utilisation - expected).abs() < 1e-9,
                "{} vs {expected}",
                s.utilisation
            );
            let mean: f64 = s.over_time.iter().sum::<f64>() / COLUMNS as f64;
            assert!(
                (mean - s.utilisation).abs() < 0.05,
                "{mean} vs {}",
                s.utilisation
            );
        }
        // Blocking keeps the barista busy all the time it has orders.
        let blocking = loop_stats(
            &runs.run(Strategy::Blocking).trace,
            &runs.run(Strategy::Blocking).series.lag,
        );
        assert!(blocking.utilisation > 0.95, "{}", blocking.utilisation);
    }

    #[test]
    fn karens_pour_shows_as_a_lag_over_a_second() {
        let Some(karen) = preset("karen").and_then(|p| p.scenario().ok()) else {
            panic!("the karen preset");
        };
        let runs = Runs::new(&karen);
        let run = runs.run(Strategy::Callbacks);
        let s = loop_stats(&run.trace, &run.series.lag);
        assert!(s.max >= SimTime::from_ms(1000.0), "{:?}", s.max);
        assert!(s.bins[LAG_BINS_MS.len()] >= 1);
        assert!(s.p50 < SimTime::from_ms(100.0), "{:?}", s.p50);
    }
}
