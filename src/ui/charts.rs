//! Small results charts: values over time with a playhead (line length,
//! event-loop lag) and the latency histogram, drawn as SVG from the geometry
//! in `crate::charts`.
//!
//! Each chart lays its data out in one memo (a `Drawing`: words and SVG
//! markup), so axes and data are rebuilt only when the data changes; per
//! frame only the playhead's group moves. Markup made of numbers and unit
//! words (`crate::charts::axes_markup`) gives one generic axis and far less
//! WebAssembly than an element-by-element view; the shared frame is
//! type-erased and out of line so every chart on the page reuses its code.

use crate::charts::{Drawing, Frame, Histogram, TimeData, TimePlot, seconds};
use crate::engine::SimTime;
use leptos::prelude::*;

/// The plot box, in SVG user units.
const FRAME: Frame = Frame {
    width: 300,
    height: 140,
};
/// The plot box with margins for tick labels (46 left, 22 top, 16 right,
/// 28 bottom).
const VIEW_BOX: &str = "-46 -22 362 190";

/// What every chart shows: a figure, its visible caption, an SVG image whose
/// accessible name is the key fact in words, the drawing and, for time
/// charts, a dashed playhead labelled with the time.
#[inline(never)]
fn figure(title: String, drawing: Memo<Drawing>, playhead: Option<Signal<SimTime>>) -> AnyView {
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <svg role="img" viewBox=VIEW_BOX aria-label=move || drawing.with(|d| d.summary.clone())>
                <g class="plot" inner_html=move || drawing.with(|d| d.markup.clone())></g>
                {playhead
                    .map(|t| {
                        view! {
                            <g
                                class="playhead"
                                aria-hidden="true"
                                transform=move || {
                                    format!("translate({} 0)", drawing.with(|d| d.x_at(t.get())))
                                }
                            >
                                <line y1="-6" y2=FRAME.height/>
                                <text y="-9" text-anchor="middle">{move || seconds(t.get())}</text>
                            </g>
                        }
                    })}
            </svg>
        </figure>
    }
    .into_any()
}

/// A value over the run — a step line (e.g. line length) or spikes (e.g.
/// event-loop lag) — with a dashed, labelled playhead.
#[component]
pub fn TimeChart(
    /// The visible caption; also starts the chart's spoken summary
    /// ("Line length over time: at most 6 customers, at 3.2 s").
    #[prop(into)]
    title: String,
    /// What to draw: `TimeData::steps(&series.line, trace.end, "customers")`
    /// or `TimeData::spikes(&series.lag, trace.end)`. Laid out again only
    /// when it changes.
    #[prop(into)]
    data: Signal<TimeData>,
    /// The playhead (simulated time).
    #[prop(into)]
    playhead: Signal<SimTime>,
) -> impl IntoView {
    let label = title.clone();
    let drawing = Memo::new(move |_| data.with(|d| TimePlot::new(d, FRAME).drawing(&label)));
    figure(title, drawing, Some(playhead))
}

/// How long the answered orders took, as a histogram with a bar per
/// non-empty bin, each labelled with its count when it fits.
#[component]
pub fn LatencyHistogram(
    /// The visible caption; also starts the chart's spoken summary.
    #[prop(into)]
    title: String,
    /// Arrival-to-hand-over times of the answered orders, lost ones
    /// excluded (`crate::charts::latencies(&trace)`). Binned again only when
    /// they change.
    #[prop(into)]
    latencies: Signal<Vec<SimTime>>,
) -> impl IntoView {
    let label = title.clone();
    let drawing = Memo::new(move |_| latencies.with(|v| Histogram::new(v, FRAME).drawing(&label)));
    figure(title, drawing, None)
}
