//! The results panel kept current: the headline numbers, the charts with
//! their playheads, the mechanisms' cards, the event-loop monitor, the
//! comparison of the four strategies and the orders table.

use super::app::{show, watch};
use super::dom::{ORDERS_PANEL, Page};
use super::state::Play;
use crate::charts::{Drawing, Histogram, PlotBox, TimeData, TimePlot, latencies};
use crate::engine::SimTime;
use crate::play::loop_stats::loop_stats;
use crate::view;
use crate::view::ids;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use wasm_bindgen::JsCast;

/// A chart's plot box, in SVG user units.
const CHART: PlotBox = PlotBox {
    width: 300,
    height: 140,
};
/// The charts' captions (also the start of their spoken summaries).
pub const CHART_TITLES: [&str; 3] = [
    "Line length over time",
    "Event-loop lag of each task",
    "Time in the café (arrival to hand-over)",
];

/// The results: headline numbers, charts (with playheads), the comparison
/// and the orders.
pub fn results(page: &Page, play: Play) {
    show(page, ids::HEADLINE, move || {
        play.with_run(|_, run| view::results::headline(run))
    });
    let drawings = Memo::new(move |_| play.with_run(|_, run| chart_drawings(run)));
    let p = page.clone();
    watch(move || {
        let html = drawings.with(|d: &[Drawing; 3]| {
            let mut out = String::new();
            for (i, (title, drawing)) in CHART_TITLES.iter().zip(d).enumerate() {
                out.push_str(&view::results::figure(title, drawing, i < 2));
            }
            out
        });
        p.set_html(ids::CHARTS, &html);
        move_playheads(&p, &drawings, play.t.get_untracked());
    });
    let p = page.clone();
    watch(move || move_playheads(&p, &drawings, play.t.get()));
    show(page, ids::MECHANISMS, move || {
        play.with_run(view::mechanisms::mechanisms)
    });
    show(page, ids::MONITOR, move || {
        play.with_run(|_, run| view::monitor::monitor(&loop_stats(&run.trace, &run.series.lag)))
    });
    show(page, ids::COMPARE_ROWS, move || {
        let s = play.strategy.get();
        play.runs.with(|r| view::results::compare_rows(&r.0, s))
    });
    // The orders are listed while their <details> is open (it is shut
    // unless the link opens it; a big café's 200 rows are the page's
    // largest markup).
    let details = page.0.query_selector(ORDERS_PANEL).ok().flatten();
    let open = RwSignal::new(details.as_ref().is_some_and(|d| d.has_attribute("open")));
    if let Some(details) = details {
        let d = details.clone();
        let _ = use_event_listener(
            details,
            leptos::ev::Custom::<web_sys::Event>::new("toggle"),
            move |_| open.set(d.has_attribute("open")),
        );
    }
    let p = page.clone();
    watch(move || {
        if !open.get() {
            return;
        }
        // Each bar is measured against the slowest order of every run in.
        play.runs.track();
        let html = play.with_run(view::results::order_rows);
        p.set_html(ids::ORDER_ROWS, &html);
        for bar in p.all("#order-rows .bar[data-w]") {
            let w = bar.get_attribute("data-w").unwrap_or_default();
            if let Some(bar) = bar.dyn_ref::<web_sys::HtmlElement>() {
                let _ = bar.style().set_property("width", &format!("{w}%"));
            }
        }
        let n = play.customers.with(|c| c.0.orders.len());
        p.set_text(ids::ORDERS_NOTE, &view::results::orders_note(n));
    });
}

/// The three charts of `run`: line length, lag, latency histogram.
pub fn chart_drawings(run: &crate::play::Run) -> [Drawing; 3] {
    [
        TimePlot::new(
            &TimeData::steps(&run.series.line, run.trace.end, "customers"),
            CHART,
        )
        .drawing(CHART_TITLES[0]),
        TimePlot::new(&TimeData::spikes(&run.series.lag, run.trace.end), CHART)
            .drawing(CHART_TITLES[1]),
        Histogram::new(&latencies(&run.trace), CHART).drawing(CHART_TITLES[2]),
    ]
}

/// Moves the time charts' playheads to `t`.
fn move_playheads(page: &Page, drawings: &Memo<[Drawing; 3]>, t: SimTime) {
    drawings.with_untracked(|d| {
        for (g, drawing) in page.all("#charts .playhead").iter().zip(d) {
            let (transform, label) = view::results::playhead(drawing, t);
            let _ = g.set_attribute("transform", &transform);
            if let Ok(Some(text)) = g.query_selector("text") {
                text.set_text_content(Some(&label));
            }
        }
    });
}
