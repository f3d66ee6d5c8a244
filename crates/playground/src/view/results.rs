//! The results: the headline numbers, the comparison of all four
//! strategies, the shown strategy's orders, and the charts' figures.

use super::html::{HOLE, Hole, markup};
use super::{Html, definitions};
use crate::charts::Drawing;
use crate::engine::scenario::Drink;
use crate::engine::trace::Outcome;
use crate::engine::{SimTime, Strategy};
use crate::format::{duration_ms, per_minute, percent};
use crate::play::{Run, Runs};

/// Most orders listed (a page of 20,000 rows helps nobody).
pub const MAX_ORDER_ROWS: usize = 200;

fn day(run: &Run) -> String {
    let m = &run.metrics;
    format!(
        "{} / {} / {}",
        percent(m.working_ms, m.makespan_ms),
        percent(m.blocked_ms, m.makespan_ms),
        percent(m.idle_ms, m.makespan_ms)
    )
}

/// The headline numbers of `run` (the content of `<dl class="headline">`).
pub fn headline(run: &Run) -> String {
    let m = &run.metrics;
    let items = [
        ("Served", m.served.to_string()),
        ("Cookies", m.cookies.to_string()),
        ("Lost", m.lost.to_string()),
        ("Median time", duration_ms(m.latency.p50_ms)),
        ("p95 time", duration_ms(m.latency.p95_ms)),
        ("Mean wait in line", duration_ms(m.wait_in_line.mean_ms)),
        ("Orders / min", per_minute(m.throughput_per_min)),
        (
            "Loop lag p95 / max",
            format!(
                "{} / {}",
                duration_ms(m.lag.p95_ms),
                duration_ms(m.lag.max_ms)
            ),
        ),
        ("Barista work / blocked / idle", day(run)),
    ];
    let mut h = Html::with_capacity(600);
    definitions(&mut h, &items);
    h.into_string()
}

/// The comparison table's columns after the row's name: one per metric.
const METRIC_COLUMNS: usize = 11;

/// The comparison table's rows: one per strategy (and the learner's code,
/// once written), the `shown` one marked by a class, `aria-current` and
/// words; each row carries its trace's digest (`data-digest`, as
/// `espresso --format json` reports it). A strategy still being simulated
/// (a big café's runs come in one by one) has a row that says so, marked
/// `data-pending`.
pub fn compare_rows(runs: &Runs, shown: Strategy) -> String {
    let mut h = Html::with_capacity(2400);
    let pending: Vec<Strategy> = runs.pending().collect();
    let rows = Strategy::WITH_YOURS.into_iter().filter_map(|s| match s {
        _ if pending.contains(&s) => Some(Err(s)),
        Strategy::Yours => runs.yours.as_ref().map(|y| Ok(&y.run)),
        s => runs.get(s).map(Ok),
    });
    for row in rows {
        let run = match row {
            Ok(run) => run,
            Err(s) => {
                h.fill(
                    markup! {
                        tr("data-strategy" = HOLE, "data-pending" = "") {
                            th("scope" = "row") { (HOLE) }
                            td("colspan" = HOLE, "class" = "pending") { "Being simulated in the back room…" }
                        }
                    },
                    &[
                        Hole::Text(s.key()),
                        Hole::Text(s.label()),
                        Hole::Text(&METRIC_COLUMNS.to_string()),
                    ],
                );
                continue;
            }
        };
        let digest = format!("{:016x}", run.digest);
        let m = &run.metrics;
        let s = run.strategy;
        let cells: [String; METRIC_COLUMNS] = [
            duration_ms(m.latency.p50_ms),
            duration_ms(m.latency.p95_ms),
            duration_ms(m.latency.max_ms),
            duration_ms(m.wait_in_line.mean_ms),
            m.longest_line.to_string(),
            per_minute(m.throughput_per_min),
            duration_ms(m.lag.p95_ms),
            day(run),
            m.served.to_string(),
            m.cookies.to_string(),
            m.lost.to_string(),
        ];
        let mut tds = Html::new();
        tds.fill(
            markup! {
                td("data-metric" = "p50") { (HOLE) }
                td("data-metric" = "p95") { (HOLE) }
                td("data-metric" = "max") { (HOLE) }
                td("data-metric" = "wait") { (HOLE) }
                td("data-metric" = "max-line") { (HOLE) }
                td("data-metric" = "throughput") { (HOLE) }
                td("data-metric" = "lag-p95") { (HOLE) }
                td("data-metric" = "barista") { (HOLE) }
                td("data-metric" = "served") { (HOLE) }
                td("data-metric" = "cookies") { (HOLE) }
                td("data-metric" = "lost") { (HOLE) }
            },
            &cells.each_ref().map(|c| Hole::Text(c)),
        );
        let holes = [
            Hole::Text(s.key()),
            Hole::Text(&digest),
            Hole::Text(s.label()),
            Hole::Markup(&tds),
        ];
        if s == shown {
            h.fill(
                markup! {
                    tr("data-strategy" = HOLE, "data-digest" = HOLE, "class" = "selected", "aria-current" = "true") {
                        th("scope" = "row") {
                            (HOLE)
                            span("class" = "marker", "aria-hidden" = "true") { " ◀" }
                            span("class" = "visually-hidden") { " (selected, shown above)" }
                        }
                        (HOLE)
                    }
                },
                &holes,
            );
        } else {
            h.fill(
                markup! { tr("data-strategy" = HOLE, "data-digest" = HOLE) { th("scope" = "row") { (HOLE) } (HOLE) } },
                &holes,
            );
        }
    }
    h.into_string()
}

/// The shown run's orders (the first [`MAX_ORDER_ROWS`]), each with a bar
/// of its time in the café against the slowest order of any strategy.
/// A name is a button that follows the customer (`data-follow`); a bar
/// carries its width in percent as `data-w` (set through the CSS object
/// model by `ui`: a `style` attribute would break a strict content
/// security policy).
pub fn order_rows(runs: &Runs, run: &Run) -> String {
    let longest = runs
        .all()
        .map(|r| r.metrics.latency.max_ms)
        .fold(1.0_f64, f64::max);
    let mut h = Html::with_capacity(run.trace.orders.len().min(MAX_ORDER_ROWS) * 420);
    for (i, r) in run.trace.orders.iter().enumerate().take(MAX_ORDER_ROWS) {
        let latency = r.latency().map(|l| l.as_ms());
        let width = latency.map_or(100.0, |l| 100.0 * l / longest);
        let (outcome, class) = match r.outcome {
            Outcome::Served => ("☕ served", "served"),
            Outcome::Cookie => ("◆ cookie (error handled)", "cookie"),
            Outcome::Lost => ("✖ lost: still waiting", "lost"),
        };
        let karen = runs.instance.orders[i].drink == Drink::PourOver;
        let served = (r.outcome != Outcome::Lost).then(|| r.ended.as_ms());
        h.fill(
            markup! {
                tr("class" = "\0\0") {
                    th("scope" = "row") {
                        button("type" = "button", "class" = "link", "data-follow" = HOLE) { (HOLE) }
                    }
                    td("data-col" = "latency", "class" = "latency") {
                        span("class" = "track", "aria-hidden" = "true") {
                            span("class" = "bar", "data-w" = HOLE) {}
                        }
                        span("class" = "value") { (HOLE) }
                    }
                    td("data-col" = "outcome") { (HOLE) }
                    td("data-col" = "arrived") { (HOLE) }
                    td("data-col" = "served") { (HOLE) }
                    td("data-col" = "drink") { (HOLE) }
                }
            },
            &[
                Hole::Text(class),
                Hole::Text(if karen { " karen" } else { "" }),
                Hole::Int(i as i64),
                Hole::Text(&runs.instance.name(i)),
                Hole::Int(width.round().clamp(0.0, 100.0) as i64),
                Hole::Text(&latency.map_or("∞".to_string(), duration_ms)),
                Hole::Text(outcome),
                Hole::Text(&duration_ms(r.arrived.as_ms())),
                Hole::Text(&served.map_or("never".to_string(), duration_ms)),
                Hole::Text(if karen {
                    "pour-over (hand-poured)"
                } else {
                    "latte"
                }),
            ],
        );
    }
    h.into_string()
}

/// Under the order table: how many of how many orders it lists (empty
/// when it lists them all).
pub fn orders_note(total: usize) -> String {
    if total > MAX_ORDER_ROWS {
        format!("The first {MAX_ORDER_ROWS} of {total} orders; the comparison counts them all.")
    } else {
        String::new()
    }
}

/// The plot box's view box, with margins for tick labels (46 left, 22 top,
/// 16 right, 28 bottom) around a 300 × 140 plot.
pub const VIEW_BOX: &str = "-46 -22 362 190";

/// A chart as a figure: its visible caption, an SVG image named by the key
/// fact in words, the drawing and, for time charts, a dashed playhead
/// (`<g class="playhead">`, moved by [`playhead`]).
pub fn figure(title: &str, drawing: &Drawing, time_chart: bool) -> String {
    let mut playhead = Html::new();
    if time_chart {
        playhead.fill(
            markup! {
                g("class" = "playhead", "aria-hidden" = "true", "transform" = "translate(0 0)") {
                    line("y1" = "-6", "y2" = "140") {}
                    text("y" = "-9", "text-anchor" = "middle") {}
                }
            },
            &[],
        );
    }
    let mut h = Html::with_capacity(drawing.markup.as_str().len() + 400);
    h.fill(
        markup! {
            figure("class" = "chart") {
                figcaption { (HOLE) }
                svg("role" = "img", "viewBox" = VIEW_BOX, "aria-label" = HOLE) {
                    g("class" = "plot") { (HOLE) }
                    (HOLE)
                }
            }
        },
        &[
            Hole::Text(title),
            Hole::Text(&drawing.summary),
            Hole::Markup(&drawing.markup),
            Hole::Markup(&playhead),
        ],
    );
    h.into_string()
}

/// The playhead's `transform` and label for a time chart at `t`.
pub fn playhead(drawing: &Drawing, t: SimTime) -> (String, String) {
    (
        format!("translate({} 0)", drawing.x_at(t)),
        crate::charts::seconds(t),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scenario;

    fn morning() -> Runs {
        Runs::new(&Scenario::default())
    }

    #[test]
    fn the_comparison_marks_only_the_shown_strategy() {
        let runs = morning();
        let html = compare_rows(&runs, Strategy::Join);
        assert_eq!(html.matches("<tr ").count(), 4);
        assert_eq!(html.matches("aria-current=\"true\"").count(), 1);
        assert!(
            html.contains(&format!(
                "<tr data-strategy=\"join\" data-digest=\"{:016x}\" class=\"selected\" aria-current=\"true\">",
                runs.run(Strategy::Join).trace.digest()
            ))
        );
        let p95 = duration_ms(runs.run(Strategy::Blocking).metrics.latency.p95_ms);
        assert!(
            html.contains(&format!("<td data-metric=\"p95\">{p95}</td>")),
            "{html}"
        );
        for run in runs.all() {
            let longest = run.metrics.longest_line;
            assert!(
                html.contains(&format!(
                    "<td data-metric=\"wait\">{}</td><td data-metric=\"max-line\">{longest}</td>",
                    duration_ms(run.metrics.wait_in_line.mean_ms)
                )),
                "{html}"
            );
        }
        assert_eq!(html.matches("data-metric=\"max-line\"").count(), 4);
    }

    #[test]
    fn a_strategy_still_simulated_has_a_row_that_says_so() {
        let whole = morning();
        let coming = Runs::coming((*whole.instance).clone(), true);
        let runs = coming.and(whole.run(Strategy::Callbacks).clone());
        let html = compare_rows(&runs, Strategy::Callbacks);
        assert_eq!(html.matches("<tr ").count(), 5, "{html}");
        assert_eq!(html.matches("data-pending").count(), 4, "{html}");
        assert_eq!(html.matches("data-digest").count(), 1);
        assert!(html.contains("<tr data-strategy=\"yours\" data-pending=\"\"><th scope=\"row\">Your code</th><td colspan=\"11\" class=\"pending\">Being simulated in the back room…</td></tr>"), "{html}");
        // The rows in the strategies' order, whatever order they come in.
        let keys: Vec<&str> = html
            .split("data-strategy=\"")
            .skip(1)
            .map(|r| &r[..r.find('"').unwrap()])
            .collect();
        assert_eq!(keys, ["blocking", "callbacks", "await", "join", "yours"]);
        // Every cell of a row that is in, under the header's columns.
        let frame = crate::view::page::skeleton(&crate::setup::setup_from_query(""));
        let head = &frame[frame.find("data-testid=\"results-table\"").unwrap()..];
        let head = &head[..head.find("</thead>").unwrap()];
        assert_eq!(
            head.matches("<th scope=\"col\">").count(),
            METRIC_COLUMNS + 1
        );
    }

    #[test]
    fn the_comparison_header_names_every_cell_and_the_longest_line() {
        let frame = crate::view::page::skeleton(&crate::setup::setup_from_query(""));
        let table = &frame[frame.find("data-testid=\"results-table\"").unwrap()..];
        let head = &table[..table.find("</thead>").unwrap()];
        let runs = morning();
        let row = compare_rows(&runs, Strategy::Blocking);
        let row = &row[..row.find("</tr>").unwrap()];
        // One column header per cell, and one for the row headers.
        assert_eq!(
            head.matches("<th scope=\"col\">").count(),
            row.matches("<td ").count() + 1
        );
        assert!(head.contains(">Longest line</abbr></th>"), "{head}");
        let before_line = |html: &str, what: &str| html.find(what).unwrap();
        // The header and the cells in the same order around the new column.
        assert!(before_line(head, "Mean wait in line") < before_line(head, "Longest line"));
        assert!(before_line(head, "Longest line") < before_line(head, "Orders / min"));
        assert!(row.find("\"wait\"").unwrap() < row.find("\"max-line\"").unwrap());
        assert!(row.find("\"max-line\"").unwrap() < row.find("\"throughput\"").unwrap());
    }

    #[test]
    fn the_headline_lists_nine_numbers() {
        let runs = morning();
        let html = headline(runs.run(Strategy::Await));
        assert_eq!(html.matches("<dt>").count(), 9);
        let served = runs.run(Strategy::Await).metrics.served;
        assert!(html.contains(&format!("<dt>Served</dt><dd>{served}</dd>")));
    }

    #[test]
    fn every_order_gets_a_row_with_a_follow_button() {
        let runs = morning();
        let run = runs.run(Strategy::Blocking);
        let html = order_rows(&runs, run);
        assert_eq!(html.matches("<tr ").count(), run.trace.orders.len());
        assert!(html.contains("data-follow=\"0\""));
        assert!(html.contains("class=\"served karen\"") || html.contains("class=\"cookie karen\""));
        assert_eq!(orders_note(12), "");
        assert_eq!(
            orders_note(450),
            "The first 200 of 450 orders; the comparison counts them all."
        );
    }

    #[test]
    fn a_figure_names_its_image_with_the_escaped_summary() {
        let d = Drawing {
            summary: "at most 3 \"customers\"".into(),
            markup: {
                let mut h = Html::new();
                h.fill(markup! { path("d" = "M0 0") {} }, &[]);
                h
            },
            end: SimTime::from_ms(1000.0),
            width: 300,
        };
        let html = figure("Line <length>", &d, true);
        assert!(html.contains("<figcaption>Line &lt;length&gt;</figcaption>"));
        assert!(html.contains("aria-label=\"at most 3 &quot;customers&quot;\""));
        assert!(html.contains("class=\"playhead\""));
        assert!(!figure("x", &d, false).contains("playhead"));
        assert_eq!(playhead(&d, SimTime::from_ms(500.0)).0, "translate(150 0)");
    }

    /// The chart frame the app draws in.
    const FRAME: crate::charts::PlotBox = crate::charts::PlotBox {
        width: 300,
        height: 140,
    };

    #[test]
    fn the_histogram_figure_has_a_bar_per_non_empty_bin_with_its_count() {
        use crate::charts::{Histogram, latencies};
        let runs = morning();
        let values = latencies(&runs.run(Strategy::Blocking).trace);
        let histogram = Histogram::new(&values, FRAME);
        let html = figure("Time", &histogram.drawing("Time"), false);
        assert!(!histogram.bars.is_empty());
        assert_eq!(
            html.matches("<g class=\"bar\"").count(),
            histogram.bars.len()
        );
        assert_eq!(html.matches("<rect ").count(), histogram.bars.len());
        let mut total = 0;
        for bar in &histogram.bars {
            assert!(bar.count > 0);
            assert!(html.contains(&format!("<g class=\"bar\" data-count=\"{}\">", bar.count)));
            total += bar.count as usize;
        }
        assert_eq!(total, values.len());
        assert!(
            html.contains(&format!(
                "aria-label=\"Time: {} orders, from ",
                values.len()
            )),
            "{html}"
        );
        let empty = Histogram::new(&[], FRAME).drawing("Time");
        let html = figure("Time", &empty, false);
        assert!(html.contains("aria-label=\"Time: no answered orders yet\""));
        assert!(!html.contains("class=\"bar\""));
    }

    #[test]
    fn a_time_chart_says_its_maximum_and_only_its_playhead_moves() {
        use crate::charts::{TimeData, TimePlot};
        let runs = morning();
        let run = runs.run(Strategy::Blocking);
        let longest = run.series.line.iter().map(|p| p.1).max().unwrap();
        let drawing = TimePlot::new(
            &TimeData::steps(&run.series.line, run.trace.end, "customers"),
            FRAME,
        )
        .drawing("Line");
        let html = figure("Line", &drawing, true);
        assert!(html.contains(&format!(
            "aria-label=\"Line: at most {longest} customers, at "
        )));
        assert!(
            html.contains("<path class=\"series step\" d=\"M0 "),
            "{html}"
        );
        assert!(html.contains("transform=\"translate(0 0)\""));
        let (transform, label) = playhead(&drawing, run.trace.end);
        assert_eq!(transform, "translate(300 0)");
        assert!(label.ends_with(" s"), "{label}");
        assert_eq!(playhead(&drawing, SimTime::ZERO).0, "translate(0 0)");
    }

    #[test]
    fn the_lag_chart_draws_spikes_and_an_empty_chart_says_so() {
        use crate::charts::{TimeData, TimePlot};
        let runs = morning();
        let run = runs.run(Strategy::Blocking);
        let worst = run.series.lag.iter().map(|p| p.1).max().unwrap();
        let drawing =
            TimePlot::new(&TimeData::spikes(&run.series.lag, run.trace.end), FRAME).drawing("Lag");
        let html = figure("Lag", &drawing, true);
        assert!(
            html.contains(&format!("at most {}", duration_ms(worst.as_ms()))),
            "{html}"
        );
        assert!(html.contains("<path class=\"series spikes\" d=\"M"));

        let empty = TimePlot::new(&TimeData::spikes(&[], SimTime::ZERO), FRAME).drawing("Lag");
        let html = figure("Lag", &empty, true);
        assert!(html.contains("aria-label=\"Lag: no data\""), "{html}");
        assert!(html.contains("<path class=\"series spikes\" d=\"\""));
        assert!(!html.contains("NaN"));
        let (transform, label) = playhead(&empty, SimTime::from_ms(500.0));
        assert!(!transform.contains("NaN") && !label.contains("NaN"));
    }
}
