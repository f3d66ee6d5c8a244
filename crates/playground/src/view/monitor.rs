//! The event-loop monitor panel: lag percentiles and histogram, and the
//! loop's utilisation over time (Node's `monitorEventLoopDelay` and
//! `eventLoopUtilization`, for the café).

use super::html::{HOLE, Hole, markup};
use super::{Html, definitions};
use crate::format::{duration_ms, percent};
use crate::play::loop_stats::{COLUMNS, LAG_BINS_MS, LoopStats};

/// A bin's label: "< 1 ms", "1–2 ms", … "≥ 1 s".
pub fn bin_label(i: usize) -> String {
    let ms = |v: u64| {
        if v >= 1000 {
            format!("{} s", v / 1000)
        } else {
            format!("{v} ms")
        }
    };
    match i {
        0 => format!("< {}", ms(LAG_BINS_MS[0])),
        i if i >= LAG_BINS_MS.len() => format!("≥ {}", ms(LAG_BINS_MS[LAG_BINS_MS.len() - 1])),
        i if LAG_BINS_MS[i] >= 1000 => format!("{}–{}", ms(LAG_BINS_MS[i - 1]), ms(LAG_BINS_MS[i])),
        i => format!("{}–{}", LAG_BINS_MS[i - 1], ms(LAG_BINS_MS[i])),
    }
}

/// The panel's content.
pub fn monitor(s: &LoopStats) -> String {
    let mut numbers = Html::new();
    definitions(
        &mut numbers,
        &[
            ("Lag p50", duration_ms(s.p50.as_ms())),
            ("Lag p99", duration_ms(s.p99.as_ms())),
            ("Lag max", duration_ms(s.max.as_ms())),
            ("Loop busy", percent(s.utilisation, 1.0)),
        ],
    );
    let peak = s.over_time.iter().copied().fold(0.0_f64, f64::max);
    let mut h = Html::with_capacity(4000);
    h.fill(
        markup! {
            h3("id" = "monitor-title") { "Event-loop monitor" }
            p("class" = "hint") {
                "Like Node's " code { "monitorEventLoopDelay" } " and " code { "eventLoopUtilization" }
                ": how late each ready task started, and how busy the one thread was (working or blocked)."
            }
            dl("class" = "monitor-numbers") { (HOLE) }
            div("class" = "charts") {
                figure("class" = "chart", "data-testid" = "lag-histogram") {
                    figcaption { "Lag of each task" }
                    svg("role" = "img", "viewBox" = "-70 -4 390 \0", "aria-label" = HOLE) { (HOLE) }
                }
                figure("class" = "chart", "data-testid" = "utilisation") {
                    figcaption { "Loop busy over time" }
                    svg("role" = "img", "viewBox" = "-46 -10 362 150", "aria-label" = HOLE) {
                        g("class" = "plot") {
                            (HOLE)
                            path("class" = "frame", "d" = "M0 0V100H300") {}
                            text("x" = "-6", "y" = "4", "text-anchor" = "end") { "100%" }
                            text("x" = "-6", "y" = "104", "text-anchor" = "end") { "0%" }
                            text("x" = "0", "y" = "124") { "0 s" }
                            text("x" = "300", "y" = "124", "text-anchor" = "end") { (HOLE) }
                        }
                    }
                }
            }
        },
        &[
            Hole::Markup(&numbers),
            Hole::Int(s.bins.len() as i64 * 16 + 8),
            Hole::Text(&format!(
                "Lag of {} tasks: median {}, 99th percentile {}, longest {}",
                s.tasks,
                duration_ms(s.p50.as_ms()),
                duration_ms(s.p99.as_ms()),
                duration_ms(s.max.as_ms())
            )),
            Hole::Markup(&bars(s)),
            Hole::Text(&format!(
                "Loop busy over time: {} of the run, at most {} of a slice",
                percent(s.utilisation, 1.0),
                percent(peak, 1.0)
            )),
            Hole::Markup(&columns(s)),
            Hole::Text(&crate::charts::seconds(s.end)),
        ],
    );
    h.into_string()
}

/// The lag histogram's bars, one per bin, with their labels and counts.
fn bars(s: &LoopStats) -> Html {
    let most = s.bins.iter().copied().max().unwrap_or(0).max(1);
    let mut h = Html::with_capacity(2000);
    for (i, &n) in s.bins.iter().enumerate() {
        let y = i as i64 * 16;
        let w = i64::from(n * 260 / most);
        h.fill(
            markup! {
                g("class" = "bar", "data-count" = HOLE) {
                    text("x" = "-6", "y" = HOLE, "text-anchor" = "end") { (HOLE) }
                    rect("x" = "0", "y" = HOLE, "width" = HOLE, "height" = "12") {}
                    text("x" = HOLE, "y" = HOLE) { (HOLE) }
                }
            },
            &[
                Hole::Int(n.into()),
                Hole::Int(y + 10),
                Hole::Text(&bin_label(i)),
                Hole::Int(y),
                Hole::Int(w),
                Hole::Int(w + 4),
                Hole::Int(y + 10),
                Hole::Int(n.into()),
            ],
        );
    }
    h
}

/// The loop's utilisation over time, a column per slice.
fn columns(s: &LoopStats) -> Html {
    let w = 300 / COLUMNS as i64;
    let mut h = Html::with_capacity(3000);
    for (i, &f) in s.over_time.iter().enumerate() {
        let ht = (f * 100.0).round().clamp(0.0, 100.0) as i64;
        h.fill(
            markup! { rect("class" = "busy", "x" = HOLE, "y" = HOLE, "width" = HOLE, "height" = HOLE) {} },
            &[
                Hole::Int(i as i64 * w),
                Hole::Int(100 - ht),
                Hole::Int(w),
                Hole::Int(ht),
            ],
        );
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimTime;

    fn stats() -> LoopStats {
        let mut bins = [0; LAG_BINS_MS.len() + 1];
        bins[0] = 5;
        bins[10] = 1;
        LoopStats {
            tasks: 6,
            p50: SimTime::from_ms(0.5),
            p99: SimTime::from_ms(1500.0),
            max: SimTime::from_ms(1500.0),
            bins,
            utilisation: 0.5,
            over_time: vec![0.5; COLUMNS],
            end: SimTime::from_ms(4000.0),
        }
    }

    #[test]
    fn bins_are_labelled_from_under_a_millisecond_to_over_a_second() {
        assert_eq!(bin_label(0), "< 1 ms");
        assert_eq!(bin_label(3), "5–10 ms");
        assert_eq!(bin_label(9), "500 ms–1 s");
        assert_eq!(bin_label(10), "≥ 1 s");
    }

    #[test]
    fn the_panel_says_the_percentiles_and_draws_a_bar_per_bin_and_a_column_per_slice() {
        let html = monitor(&stats());
        assert!(html.contains("<dt>Lag p99</dt><dd>1500 ms</dd>"), "{html}");
        assert!(html.contains("<dt>Loop busy</dt><dd>50%</dd>"));
        assert_eq!(
            html.matches("<g class=\"bar\"").count(),
            LAG_BINS_MS.len() + 1
        );
        assert!(html.contains("data-count=\"5\""));
        assert!(html.contains(">&lt; 1 ms</text>"), "labels are escaped");
        assert_eq!(html.matches("class=\"busy\"").count(), COLUMNS);
        assert!(html.contains("aria-label=\"Lag of 6 tasks: median 0 ms, 99th percentile 1500 ms, longest 1500 ms\""), "{html}");
    }
}
