//! The event-loop monitor panel: lag percentiles and histogram, and the
//! loop's utilisation over time (Node's `monitorEventLoopDelay` and
//! `eventLoopUtilization`, for the café).

use super::{definitions, esc};
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
    let mut out = String::with_capacity(4000);
    out.push_str("<h3 id=\"monitor-title\">Event-loop monitor</h3><p class=\"hint\">Like Node's <code>monitorEventLoopDelay</code> and <code>eventLoopUtilization</code>: how late each ready task started, and how busy the one thread was (working or blocked).</p><dl class=\"monitor-numbers\">");
    definitions(
        &mut out,
        [
            ("Lag p50", duration_ms(s.p50.as_ms())),
            ("Lag p99", duration_ms(s.p99.as_ms())),
            ("Lag max", duration_ms(s.max.as_ms())),
            ("Loop busy", percent(s.utilisation, 1.0)),
        ],
    );
    out.push_str("</dl><div class=\"charts\">");
    histogram(&mut out, s);
    utilisation(&mut out, s);
    out.push_str("</div>");
    out
}

fn histogram(out: &mut String, s: &LoopStats) {
    let most = s.bins.iter().copied().max().unwrap_or(0).max(1);
    let rows = s.bins.len() as u32;
    out.push_str("<figure class=\"chart\" data-testid=\"lag-histogram\"><figcaption>Lag of each task</figcaption>");
    out.push_str(&format!(
        "<svg role=\"img\" viewBox=\"-70 -4 390 {}\" aria-label=\"",
        rows * 16 + 8
    ));
    esc(
        out,
        &format!(
            "Lag of {} tasks: median {}, 99th percentile {}, longest {}",
            s.tasks,
            duration_ms(s.p50.as_ms()),
            duration_ms(s.p99.as_ms()),
            duration_ms(s.max.as_ms())
        ),
    );
    out.push_str("\">");
    for (i, &n) in s.bins.iter().enumerate() {
        let y = i as u32 * 16;
        let w = n * 260 / most;
        out.push_str(&format!(
            "<g class=\"bar\" data-count=\"{n}\"><text x=\"-6\" y=\"{}\" text-anchor=\"end\">",
            y + 10
        ));
        esc(out, &bin_label(i));
        out.push_str(&format!(
            "</text><rect x=\"0\" y=\"{y}\" width=\"{w}\" height=\"12\"></rect><text x=\"{}\" y=\"{}\">{n}</text></g>",
            w + 4,
            y + 10
        ));
    }
    out.push_str("</svg></figure>");
}

fn utilisation(out: &mut String, s: &LoopStats) {
    out.push_str("<figure class=\"chart\" data-testid=\"utilisation\"><figcaption>Loop busy over time</figcaption><svg role=\"img\" viewBox=\"-46 -10 362 150\" aria-label=\"");
    let peak = s.over_time.iter().copied().fold(0.0_f64, f64::max);
    esc(
        out,
        &format!(
            "Loop busy over time: {} of the run, at most {} of a slice",
            percent(s.utilisation, 1.0),
            percent(peak, 1.0)
        ),
    );
    out.push_str("\"><g class=\"plot\">");
    let w = 300 / COLUMNS as u32;
    for (i, &f) in s.over_time.iter().enumerate() {
        let h = (f * 100.0).round().clamp(0.0, 100.0) as u32;
        out.push_str(&format!(
            "<rect class=\"busy\" x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{h}\"></rect>",
            i as u32 * w,
            100 - h
        ));
    }
    out.push_str(concat!(
        "<path class=\"frame\" d=\"M0 0V100H300\"></path>",
        "<text x=\"-6\" y=\"4\" text-anchor=\"end\">100%</text><text x=\"-6\" y=\"104\" text-anchor=\"end\">0%</text>",
        "<text x=\"0\" y=\"124\">0 s</text>",
    ));
    out.push_str(&format!(
        "<text x=\"300\" y=\"124\" text-anchor=\"end\">{}</text></g></svg></figure>",
        crate::charts::seconds(s.end)
    ));
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
