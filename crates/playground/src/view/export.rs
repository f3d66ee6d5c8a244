//! Downloads: the run's per-order results and every strategy's metrics as
//! CSV (one file, two tables), and a chart as a standalone SVG file.

use super::Html;
use super::html::{HOLE, Hole, markup};
use super::results::VIEW_BOX;
use crate::charts::Drawing;
use crate::engine::decimal::fixed;
use crate::engine::trace::Outcome;
use crate::engine::{Drink, Strategy};
use crate::play::Runs;

/// `text` as one CSV field (quoted when it holds a comma, quote or line
/// break; a leading `= + - @` is prefixed with `'` so spreadsheets never run
/// a customer's name as a formula).
pub fn field(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn ms(t: crate::engine::SimTime) -> String {
    fixed(t.as_ms(), 3)
}

/// The CSV file: the `shown` strategy's orders, a blank line, then the
/// headline metrics of all four strategies on the same customers.
pub fn csv(runs: &Runs, shown: Strategy) -> String {
    let mut out = String::from(
        "customer,drink,strategy,arrived_ms,taken_ms,ended_ms,time_in_cafe_ms,outcome\r\n",
    );
    let run = runs.run(shown);
    for (i, r) in run.trace.orders.iter().enumerate() {
        let drink = match runs.instance.orders[i].drink {
            Drink::Latte => "latte",
            Drink::PourOver => "pour-over",
        };
        let outcome = match r.outcome {
            Outcome::Served => "served",
            Outcome::Cookie => "cookie",
            Outcome::Lost => "lost",
        };
        let latency = r.latency().map_or(String::new(), ms);
        out.push_str(&format!(
            "{},{drink},{},{},{},{},{latency},{outcome}\r\n",
            field(&runs.instance.name(i)),
            shown.key(),
            ms(r.arrived),
            ms(r.taken),
            ms(r.ended),
        ));
    }
    out.push_str("\r\nstrategy,served,cookies,lost,p50_ms,p95_ms,max_ms,mean_wait_ms,orders_per_min,lag_p95_ms,lag_max_ms,working_ms,blocked_ms,idle_ms,longest_line\r\n");
    for run in runs.all() {
        let m = &run.metrics;
        let cells = [
            m.latency.p50_ms,
            m.latency.p95_ms,
            m.latency.max_ms,
            m.wait_in_line.mean_ms,
            m.throughput_per_min,
            m.lag.p95_ms,
            m.lag.max_ms,
            m.working_ms,
            m.blocked_ms,
            m.idle_ms,
        ];
        out.push_str(&format!(
            "{},{},{},{}",
            run.strategy.key(),
            m.served,
            m.cookies,
            m.lost
        ));
        for c in cells {
            out.push(',');
            if c.is_finite() {
                out.push_str(&fixed(c, 3));
            }
        }
        out.push_str(&format!(",{}\r\n", m.longest_line));
    }
    out
}

/// A chart as a standalone SVG file (its own colours, since the page's
/// stylesheet does not travel with it).
pub fn svg(title: &str, drawing: &Drawing) -> String {
    let mut h = Html::xml_file();
    h.fill(
        markup! {
            svg(
                "xmlns" = "http://www.w3.org/2000/svg",
                "width" = "724",
                "height" = "380",
                "viewBox" = VIEW_BOX,
                "font-family" = "system-ui, sans-serif",
            ) {
                title { (HOLE) }
                desc { (HOLE) }
                style {
                    "text{font-size:13px;fill:#6b5646}.grid{stroke:#e4d6c6}"
                    ".tick,.frame{fill:none;stroke:#6b5646;stroke-width:1.5}"
                    ".series{fill:none;stroke:#8a4317;stroke-width:3;stroke-linejoin:round}.spikes{stroke-width:2}"
                    ".bar rect{fill:#f6e3d0;stroke:#8a4317;stroke-width:1.5}.bar text{fill:#2a1c13;font-weight:600}"
                }
                rect("x" = "-46", "y" = "-22", "width" = "362", "height" = "190", "fill" = "#fff") /
                (HOLE)
            }
            "\n"
        },
        &[
            Hole::Text(title),
            Hole::Text(&drawing.summary),
            Hole::Markup(&drawing.markup),
        ],
    );
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scenario;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Ada"), "Ada");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn the_csv_has_a_row_per_order_and_per_strategy_with_the_engines_numbers() {
        let runs = Runs::new(&Scenario::default());
        let text = csv(&runs, Strategy::Join);
        let lines: Vec<&str> = text.split("\r\n").collect();
        let n = runs.instance.orders.len();
        assert_eq!(
            lines[1..=n].iter().filter(|l| l.contains(",join,")).count(),
            n
        );
        assert_eq!(lines[n + 1], "");
        assert!(lines[n + 2].starts_with("strategy,served"));
        let join = &runs.run(Strategy::Join).metrics;
        let row = lines[n + 3 + 3];
        assert!(
            row.starts_with(&format!(
                "join,{},{},{},",
                join.served, join.cookies, join.lost
            )),
            "{row}"
        );
        assert!(row.contains(&fixed(join.latency.p95_ms, 3)), "{row}");
        let first = &runs.run(Strategy::Join).trace.orders[0];
        assert!(
            lines[1].contains(&format!(",{},", fixed(first.ended.as_ms(), 3))),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn a_chart_file_is_standalone_svg_with_an_escaped_title() {
        let d = Drawing {
            summary: "at most <3>".into(),
            markup: {
                let mut h = Html::new();
                h.fill(
                    markup! { path("class" = "series step", "d" = "M0 0") / },
                    &[],
                );
                h
            },
            ..Drawing::default()
        };
        let file = svg("Line & lag", &d);
        assert!(file.starts_with("<?xml"));
        assert!(file.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(file.contains("<title>Line &amp; lag</title><desc>at most &lt;3&gt;</desc>"));
        assert!(file.trim_end().ends_with("</svg>"));
    }
}
