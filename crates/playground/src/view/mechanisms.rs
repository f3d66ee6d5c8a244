//! The essay's mechanisms in the results, when they are on: the circuit
//! breaker (its state over the run and what it did), the pools (warm-ups,
//! the wait for a unit) and the price cache (hit rate). Empty when none is.

use super::html::{HOLE, Hole, markup};
use super::{Html, definitions};
use crate::engine::SimTime;
use crate::engine::breaker::Circuit;
use crate::engine::resilience::breaker_series;
use crate::format::{duration_ms, percent};
use crate::play::{Run, Runs};

/// A circuit state in words (never by colour alone).
fn word(c: Circuit) -> &'static str {
    match c {
        Circuit::Closed => "closed",
        Circuit::Open => "open",
        Circuit::HalfOpen => "half-open",
    }
}

/// The breaker's states over the run as a strip: one band per stretch,
/// open ones filled and labelled.
pub fn breaker_strip(series: &[(SimTime, Circuit)], end: SimTime) -> String {
    strip(series, end).into_string()
}

fn strip(series: &[(SimTime, Circuit)], end: SimTime) -> Html {
    let span = end.0.max(1);
    let x = |t: SimTime| (t.0.min(span) * 300 / span) as i64;
    let open: Vec<String> = series
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| *c == Circuit::Open)
        .map(|(i, &(from, _))| {
            let to = series.get(i + 1).map_or(end, |p| p.0);
            format!(
                "{} to {}",
                duration_ms(from.as_ms()),
                duration_ms(to.as_ms())
            )
        })
        .collect();
    let words = if open.is_empty() {
        "Circuit breaker: closed throughout".to_string()
    } else {
        format!("Circuit breaker: open from {}", open.join(", from "))
    };
    let mut bands = Html::with_capacity(1024);
    for (i, &(from, c)) in series.iter().enumerate() {
        let to = series.get(i + 1).map_or(end, |p| p.0);
        let (x0, x1) = (x(from), x(to));
        if x1 <= x0 && to > from {
            continue;
        }
        bands.fill(
            markup! {
                rect("class" = "circuit \0", "x" = HOLE, "y" = "0", "width" = HOLE, "height" = "24") {
                    title { "\0: \0 to \0" }
                }
            },
            &[
                Hole::Text(c.key()),
                Hole::Int(x0),
                Hole::Int((x1 - x0).max(1)),
                Hole::Text(word(c)),
                Hole::Text(&duration_ms(from.as_ms())),
                Hole::Text(&duration_ms(to.as_ms())),
            ],
        );
        if c != Circuit::Closed && x1 - x0 >= 30 {
            bands.fill(
                markup! { text("x" = HOLE, "y" = "16", "text-anchor" = "middle") { (HOLE) } },
                &[Hole::Int((x0 + x1) / 2), Hole::Text(word(c))],
            );
        }
    }
    let mut h = Html::with_capacity(bands.as_str().len() + 400);
    h.fill(
        markup! {
            figure("class" = "chart", "data-testid" = "breaker-strip") {
                figcaption { "Circuit breaker over time" }
                svg("role" = "img", "viewBox" = "-46 -6 362 60", "aria-label" = HOLE) {
                    g("class" = "plot") {
                        (HOLE)
                        text("x" = "0", "y" = "42") { "0 s" }
                        text("x" = "300", "y" = "42", "text-anchor" = "end") { (HOLE) }
                    }
                }
            }
        },
        &[
            Hole::Text(&words),
            Hole::Markup(&bands),
            Hole::Text(&crate::charts::seconds(end)),
        ],
    );
    h
}

/// The panel's content for `run` (empty when no mechanism is on).
pub fn mechanisms(runs: &Runs, run: &Run) -> String {
    let s = &runs.instance.scenario;
    let m = &run.metrics;
    let mut items: Vec<(&str, String)> = Vec::new();
    if let Some(b) = &m.breaker {
        items.push(("Payments failed fast", b.fast_failed.to_string()));
        items.push(("Payments timed out", b.timed_out.to_string()));
        items.push((
            "Breaker opened",
            match b.trips {
                1 => "once".to_string(),
                n => format!("{n} times"),
            },
        ));
        items.push(("Open for", duration_ms(b.open_ms)));
    }
    if s.pool.on() {
        let warmups: u32 = m.machines.iter().map(|k| k.warmups).sum();
        let waited = m
            .machines
            .iter()
            .filter(|k| k.jobs > 0)
            .map(|k| (k.machine, k.wait_for_unit.p95_ms))
            .fold(("", 0.0_f64), |a, b| if b.1 > a.1 { b } else { a });
        items.push(("Warm-ups", warmups.to_string()));
        if !waited.0.is_empty() {
            items.push((
                "Longest p95 wait for a unit",
                format!("{} ({})", duration_ms(waited.1), waited.0),
            ));
        }
    }
    if let Some(c) = &m.cache {
        items.push(("Cache hits", format!("{} of {}", c.hits, c.lookups)));
        items.push(("Hit rate", percent(c.hit_rate, 1.0)));
        items.push(("Fresh for", duration_ms(c.ttl_ms)));
    }
    if items.is_empty() {
        return String::new();
    }
    let mut about = Vec::new();
    if m.breaker.is_some() {
        about.push("While the breaker is open, payments fail at once: a cookie, not a long wait.");
    }
    if s.pool.on() {
        about.push("A unit put away must warm up before its next job; the order waits for it.");
    }
    if m.cache.is_some() {
        about.push("A hit answers the price lookup without the trip to the menu server.");
    }
    let mut numbers = Html::new();
    definitions(&mut numbers, &items);
    let mut charts = Html::new();
    if m.breaker.is_some() {
        charts.fill(
            markup! { div("class" = "charts") { (HOLE) } },
            &[Hole::Markup(&strip(
                &breaker_series(&run.trace),
                run.trace.end,
            ))],
        );
    }
    let mut h = Html::with_capacity(2048);
    h.fill(
        markup! {
            section("class" = "monitor", "aria-labelledby" = "mechanisms-title") {
                h3("id" = "mechanisms-title") { "Pools, breaker, cache" }
                p("class" = "hint") { (HOLE) }
                dl("class" = "monitor-numbers", "data-testid" = "mechanisms") { (HOLE) }
                (HOLE)
            }
        },
        &[
            Hole::Text(&about.join(" ")),
            Hole::Markup(&numbers),
            Hole::Markup(&charts),
        ],
    );
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::presets::preset;
    use crate::engine::{Scenario, Strategy};

    fn runs(id: &str) -> Runs {
        let Some(s) = preset(id).and_then(|p| p.scenario().ok()) else {
            panic!("preset {id}");
        };
        Runs::new(&s)
    }

    #[test]
    fn nothing_shows_when_no_mechanism_is_on() {
        let r = Runs::new(&Scenario::default());
        assert_eq!(mechanisms(&r, r.run(Strategy::Await)), "");
    }

    #[test]
    fn the_breaker_says_what_it_did_and_draws_its_states_in_words() {
        let r = runs("breaker");
        let run = r.run(Strategy::Await);
        let Some(b) = run.metrics.breaker else {
            panic!("breaker stats");
        };
        let html = mechanisms(&r, run);
        assert!(html.contains(&format!(
            "<dt>Payments failed fast</dt><dd>{}</dd>",
            b.fast_failed
        )));
        assert!(b.trips >= 1);
        assert!(html.contains("class=\"circuit open\""), "{html}");
        assert!(
            html.contains("aria-label=\"Circuit breaker: open from "),
            "{html}"
        );
    }

    #[test]
    fn pools_and_the_cache_show_their_numbers() {
        let r = runs("cold-pool");
        let html = mechanisms(&r, r.run(Strategy::Await));
        let warmups: u32 = r
            .run(Strategy::Await)
            .metrics
            .machines
            .iter()
            .map(|k| k.warmups)
            .sum();
        assert!(
            html.contains(&format!("<dt>Warm-ups</dt><dd>{warmups}</dd>")),
            "{html}"
        );
        let r = runs("cached-menu");
        let run = r.run(Strategy::Await);
        let Some(c) = run.metrics.cache else {
            panic!("cache stats");
        };
        let html = mechanisms(&r, run);
        assert!(
            html.contains(&format!("<dd>{} of {}</dd>", c.hits, c.lookups)),
            "{html}"
        );
    }

    #[test]
    fn a_strip_of_a_closed_breaker_says_so() {
        let html = breaker_strip(
            &[(SimTime::ZERO, Circuit::Closed)],
            SimTime::from_ms(1000.0),
        );
        assert!(html.contains("aria-label=\"Circuit breaker: closed throughout\""));
        assert_eq!(html.matches("<rect").count(), 1);
    }
}
