//! The timeline: a lane per customer with each step as a bar, and a lane for
//! the barista — as data (built once per run) and as a display list for a
//! window of lanes. CPU work is solid, machine work striped, waiting a thin
//! line: shapes, not only colours, tell them apart.

use super::shape::{Align, Ink, Shape, draw};
use crate::charts::nice_step;
use crate::engine::SimTime;
use crate::engine::order::sort_by_u64_key;
use crate::engine::scenario::Instance;
use crate::engine::trace::{JobKind, Outcome, Trace, What};
use std::ops::Range;

/// What a stretch of an order's lane is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// Waiting in line.
    Line,
    /// The barista works on it (taking the order, pressing buttons, CPU steps, a cookie).
    Cpu,
    /// Waiting for a machine unit.
    Queued,
    /// A machine works on it.
    Machine,
    /// The machine is done; the result waits for the barista.
    Ready,
    /// Failed and never handled: waiting forever.
    Lost,
}

/// A stretch of a lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Start.
    pub from: SimTime,
    /// End.
    pub to: SimTime,
    /// What it is.
    pub kind: SpanKind,
}

/// Every lane of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lanes {
    /// Per order, its spans in time order.
    pub orders: Vec<Vec<Span>>,
    /// The barista's busy stretches: `(from, to, blocked)`.
    pub barista: Vec<(SimTime, SimTime, bool)>,
    /// When the run ended.
    pub end: SimTime,
}

/// Builds the lanes of `trace`.
pub fn lanes(inst: &Instance, trace: &Trace) -> Lanes {
    let n = inst.orders.len();
    let mut orders: Vec<Vec<Span>> = trace
        .orders
        .iter()
        .map(|r| {
            let mut v = Vec::with_capacity(12);
            if r.taken > r.arrived {
                v.push(Span {
                    from: r.arrived,
                    to: r.taken,
                    kind: SpanKind::Line,
                });
            }
            v
        })
        .collect();
    let mut barista = Vec::new();
    // Machine results waiting for the barista: (order, pos) → ready time.
    let stride = inst.plans.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut ready = vec![SimTime(u64::MAX); n * stride];
    let mut queued = vec![SimTime(u64::MAX); n * stride];
    for e in &trace.events {
        match e.what {
            What::Work { order, until, .. } => {
                orders[order as usize].push(Span {
                    from: e.t,
                    to: until,
                    kind: SpanKind::Cpu,
                });
                barista.push((e.t, until, false));
            }
            What::Block { until, .. } => barista.push((e.t, until, true)),
            What::Queue { order, pos, .. } => queued[order as usize * stride + pos as usize] = e.t,
            What::Start {
                order, pos, until, ..
            } => {
                let slot = order as usize * stride + pos as usize;
                if queued[slot] < e.t {
                    orders[order as usize].push(Span {
                        from: queued[slot],
                        to: e.t,
                        kind: SpanKind::Queued,
                    });
                }
                orders[order as usize].push(Span {
                    from: e.t,
                    to: until,
                    kind: SpanKind::Machine,
                });
                ready[slot] = until;
            }
            What::Run {
                kind: JobKind::MachineDone,
                order,
                pos,
                ..
            } => {
                let at = ready[order as usize * stride + pos as usize];
                if at < e.t {
                    orders[order as usize].push(Span {
                        from: at,
                        to: e.t,
                        kind: SpanKind::Ready,
                    });
                }
            }
            _ => {}
        }
    }
    for (lane, r) in orders.iter_mut().zip(&trace.orders) {
        if r.outcome == Outcome::Lost && trace.end > r.ended {
            lane.push(Span {
                from: r.ended,
                to: trace.end,
                kind: SpanKind::Lost,
            });
        }
        sort_by_u64_key(lane, |s| s.from.0);
    }
    Lanes {
        orders,
        barista,
        end: trace.end,
    }
}

/// Geometry of a drawn timeline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Total width.
    pub width: f32,
    /// Width of the name column.
    pub label_w: f32,
    /// Height of the time axis.
    pub axis_h: f32,
    /// Height of a lane.
    pub lane_h: f32,
    /// The time shown at the right edge.
    pub end: SimTime,
}

impl Geometry {
    /// x of time `t`.
    pub fn x(&self, t: SimTime) -> f32 {
        let span = self.end.as_ms().max(1.0) as f32;
        self.label_w + (self.width - self.label_w - 8.0) * (t.as_ms() as f32 / span).clamp(0.0, 1.0)
    }

    /// The time at x (clamped to the run).
    pub fn time(&self, x: f32) -> SimTime {
        let span = (self.width - self.label_w - 8.0).max(1.0);
        let f = ((x - self.label_w) / span).clamp(0.0, 1.0);
        SimTime::from_ms(f64::from(f) * self.end.as_ms())
    }

    /// Top of lane `i` (0 is the barista, 1.. the customers of the window).
    pub fn lane_y(&self, i: usize) -> f32 {
        self.axis_h + i as f32 * self.lane_h
    }

    /// Height of a timeline with `rows` customer lanes.
    pub fn height(&self, rows: usize) -> f32 {
        self.lane_y(rows + 1) + 4.0
    }
}

/// What a point of the timeline is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The axis or the barista lane: a time.
    Time(SimTime),
    /// A customer's lane at a time; `start` is where the bar under the
    /// point begins, if there is one.
    Order {
        /// The order.
        order: u32,
        /// The time under the point.
        at: SimTime,
        /// The start of the bar under the point.
        start: Option<SimTime>,
    },
}

/// What is under `(x, y)` in a timeline of `window` drawn with `g`.
pub fn hit(l: &Lanes, g: &Geometry, window: &Range<usize>, x: f32, y: f32) -> Hit {
    let at = g.time(x);
    if y < g.lane_y(1) {
        return Hit::Time(at);
    }
    let row = ((y - g.lane_y(1)) / g.lane_h) as usize;
    let order = window.start + row;
    if order >= window.end {
        return Hit::Time(at);
    }
    let start = l.orders[order]
        .iter()
        .find(|s| s.from <= at && at < s.to && s.kind != SpanKind::Lost)
        .map(|s| s.from);
    Hit::Order {
        order: order as u32,
        at,
        start,
    }
}

/// The timeline's static layer for the customers in `window` (everything but
/// the playhead, which moves every frame: see [`playhead`]).
pub fn timeline(
    inst: &Instance,
    l: &Lanes,
    g: &Geometry,
    window: Range<usize>,
    selected: Option<u32>,
) -> Vec<Shape> {
    let rows = window.len();
    let mut out = Vec::with_capacity(64 + rows * 12);
    out.push(draw::fill(0.0, 0.0, g.width, g.height(rows), Ink::Card));
    // Time axis: a tick every 90 units or more, every label in one unit; no
    // label runs off the edge.
    let parts = f64::from(((g.width - g.label_w) / 90.0).max(2.0));
    for (tick, label) in axis_ticks(g.end, parts) {
        let x = g.x(tick);
        out.push(draw::line(
            x,
            g.axis_h - 6.0,
            x,
            g.height(rows),
            Ink::Line,
            1.0,
        ));
        if x + 60.0 <= g.width {
            out.push(draw::text(
                x + 3.0,
                g.axis_h - 7.0,
                label,
                MIN_TEXT,
                Ink::Muted,
                Align::Left,
            ));
        }
    }
    // The barista lane, folded into columns so 100,000 segments stay cheap.
    let y = g.lane_y(0);
    out.push(draw::bold(
        6.0,
        y + g.lane_h * 0.65,
        "Barista",
        MIN_TEXT,
        Ink::Text,
        Align::Left,
    ));
    for (x, w, blocked) in columns(&l.barista, g) {
        let h = g.lane_h - 8.0;
        if blocked && w < MIN_HATCH {
            // Too narrow for stripes: solid, in the same colour.
            out.push(draw::fill(x, y + 4.0, w, h, Ink::Blocked));
        } else if blocked {
            out.push(draw::hatched(x, y + 4.0, w, h, Ink::Blocked));
        } else {
            out.push(draw::fill(x, y + 4.0, w, h, Ink::Cpu));
        }
    }
    for (row, order) in window.enumerate() {
        let y = g.lane_y(row + 1);
        let mid = y + g.lane_h / 2.0;
        if row % 2 == 0 {
            out.push(draw::fill(0.0, y, g.width, g.lane_h, Ink::Bg));
        }
        let name = inst.name(order).into_owned();
        let ink = if selected == Some(order as u32) {
            Ink::Accent
        } else {
            Ink::Text
        };
        out.push(draw::bold(
            6.0,
            y + g.lane_h * 0.68,
            name,
            MIN_TEXT,
            ink,
            Align::Left,
        ));
        for s in &l.orders[order] {
            // However long the run, every bar stays visible.
            let (x1, x2) = (g.x(s.from), g.x(s.to).max(g.x(s.from) + MIN_BAR));
            match s.kind {
                SpanKind::Line | SpanKind::Queued => out.push(Shape::Line {
                    x1,
                    y1: mid,
                    x2,
                    y2: mid,
                    ink: Ink::Muted,
                    width: 2.0,
                    dash: s.kind == SpanKind::Queued,
                }),
                SpanKind::Cpu => {
                    out.push(draw::fill(x1, y + 4.0, x2 - x1, g.lane_h - 8.0, Ink::Cpu))
                }
                SpanKind::Machine if x2 - x1 < MIN_HATCH => {
                    // Too narrow for stripes: solid, in the same colour.
                    out.push(draw::fill(x1, y + 5.0, x2 - x1, g.lane_h - 10.0, Ink::Io))
                }
                SpanKind::Machine => {
                    out.push(draw::frame(
                        x1,
                        y + 5.0,
                        x2 - x1,
                        g.lane_h - 10.0,
                        None,
                        Ink::Io,
                    ));
                    out.push(draw::hatched(
                        x1,
                        y + 5.0,
                        x2 - x1,
                        g.lane_h - 10.0,
                        Ink::Io,
                    ));
                }
                SpanKind::Ready => out.push(draw::frame(
                    x1,
                    y + 8.0,
                    x2 - x1,
                    g.lane_h - 16.0,
                    None,
                    Ink::Good,
                )),
                SpanKind::Lost => out.push(Shape::Line {
                    x1,
                    y1: mid,
                    x2,
                    y2: mid,
                    ink: Ink::Bad,
                    width: 2.0,
                    dash: true,
                }),
            }
        }
    }
    out
}

/// The moving part: the playhead at `t`, with its time.
pub fn playhead(g: &Geometry, rows: usize, t: SimTime) -> Vec<Shape> {
    let x = g.x(t);
    vec![
        draw::line(x, 0.0, x, g.height(rows), Ink::Accent, 2.0),
        Shape::Rect {
            x: x - 5.0,
            y: 0.0,
            w: 10.0,
            h: 8.0,
            fill: Some(Ink::Accent),
            stroke: None,
            hatch: false,
        },
    ]
}

/// The unit of a time axis: one for every tick of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AxisUnit {
    /// Milliseconds, for runs shorter than [`MS_BELOW`].
    Ms,
    /// Seconds.
    S,
    /// Minutes, for runs of [`MIN_FROM`] or more.
    Min,
}

/// Runs shorter than this (ms) are labelled in milliseconds.
pub const MS_BELOW: u64 = 2_000;
/// Runs at least this long (ms) are labelled in minutes.
pub const MIN_FROM: u64 = 600_000;
/// The narrowest bar drawn, in canvas units: at 20,000 customers a step is
/// far less than a pixel, and a bar of no width would not show.
pub const MIN_BAR: f32 = 2.0;
/// The timeline's smallest text, in CSS px (its units): readable in a
/// 700 px embed as on a phone.
pub const MIN_TEXT: f32 = 13.0;
/// Bars narrower than this are drawn solid: stripes need room to show.
pub const MIN_HATCH: f32 = 4.0;

impl AxisUnit {
    /// The unit for a run that ends at `end`.
    pub fn for_span(end: SimTime) -> AxisUnit {
        let ms = end.0.div_ceil(1000);
        if ms < MS_BELOW {
            AxisUnit::Ms
        } else if ms < MIN_FROM {
            AxisUnit::S
        } else {
            AxisUnit::Min
        }
    }
}

/// The ticks of a time axis over `[0, end]`, about `parts` intervals apart:
/// each tick's time and its label, all in the same unit ("500 ms", "1.5 s",
/// "20 s", "30 min"), compact whatever the run's length.
pub fn axis_ticks(end: SimTime, parts: f64) -> Vec<(SimTime, String)> {
    let span = end.0.div_ceil(1000).max(1);
    let parts = parts.max(1.0);
    let raw = (span as f64 / parts).ceil() as u64;
    let unit = AxisUnit::for_span(end);
    // The step, in ms, nice in the unit shown.
    let step = match unit {
        AxisUnit::Ms => nice_step(raw.max(1)),
        AxisUnit::S => nice_step(raw.max(100)),
        AxisUnit::Min => nice_step(raw.div_ceil(60_000).max(1)).saturating_mul(60_000),
    };
    let label = |v: u64| match unit {
        AxisUnit::Ms => format!("{v} ms"),
        AxisUnit::S if step % 1000 == 0 => format!("{} s", v / 1000),
        AxisUnit::S => format!("{}.{} s", v / 1000, v % 1000 / 100),
        AxisUnit::Min => format!("{} min", v / 60_000),
    };
    (0..)
        .map(|i: u64| i.saturating_mul(step))
        .take_while(|&v| v <= span)
        .map(|v| (SimTime::from_ms(v as f64), label(v)))
        .collect()
}

/// Busy stretches merged per pixel column: `(x, width, mostly blocked)`.
fn columns(segments: &[(SimTime, SimTime, bool)], g: &Geometry) -> Vec<(f32, f32, bool)> {
    let mut out: Vec<(f32, f32, bool)> = Vec::new();
    for &(from, to, blocked) in segments {
        let (x1, x2) = (g.x(from), g.x(to));
        match out.last_mut() {
            // Touching the previous bar (within half a pixel) and alike, or
            // too thin to be seen apart from it: it joins that bar (which
            // shows blocked if either was: stretches of work and waiting
            // that alternate below a pixel, as in a long blocking run,
            // make one bar, not one rectangle each).
            Some(last) if x1 <= last.0 + last.1 + 0.5 && (last.2 == blocked || x2 - x1 < 1.0) => {
                last.1 = (x2 - last.0).max(last.1);
                last.2 |= blocked;
            }
            _ => out.push((x1, (x2 - x1).max(MIN_BAR), blocked)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, Strategy, simulate};

    fn geometry(end: SimTime) -> Geometry {
        Geometry {
            width: 800.0,
            label_w: 80.0,
            axis_h: 20.0,
            lane_h: 20.0,
            end,
        }
    }

    #[test]
    fn a_latte_lane_reads_take_press_machine_press_machine() {
        let inst = Instance::new(&Scenario::default());
        let trace = simulate(&inst, Strategy::Callbacks);
        let l = lanes(&inst, &trace);
        let kinds: Vec<SpanKind> = l.orders[0].iter().map(|s| s.kind).collect();
        use SpanKind::*;
        // take, press pay, pay, press grind, grind, Ready (Karen's order ran first), press steam, steam, assemble
        assert_eq!(
            kinds,
            [Cpu, Cpu, Machine, Cpu, Machine, Ready, Cpu, Machine, Cpu]
        );
        let ready = l.orders[0].iter().find(|s| s.kind == Ready).unwrap();
        assert_eq!((ready.from.as_ms(), ready.to.as_ms()), (600.0, 645.0));
        // Ben waited in line behind nobody but queued for the card reader.
        assert!(l.orders[1].iter().any(|s| s.kind == Queued));
    }

    #[test]
    fn blocking_fills_the_barista_lane_with_blocked_stretches() {
        let inst = Instance::new(&Scenario::default());
        let l = lanes(&inst, &simulate(&inst, Strategy::Blocking));
        assert!(l.barista.iter().filter(|b| b.2).count() >= 8 * 3);
        assert!(
            l.orders[3].iter().any(|s| s.kind == SpanKind::Line),
            "Dev waited in line"
        );
    }

    #[test]
    fn geometry_round_trips_and_hits_find_bars() {
        let inst = Instance::new(&Scenario::default());
        let trace = simulate(&inst, Strategy::Join);
        let l = lanes(&inst, &trace);
        let g = geometry(trace.end);
        let t = SimTime::from_ms(1234.0);
        let back = g.time(g.x(t));
        assert!((back.as_ms() - 1234.0).abs() < 10.0, "{back:?}");
        // Ada's lane is row 1 of the window 0..8; her steam runs 55–455 ms.
        let hit_at = hit(
            &l,
            &g,
            &(0..8),
            g.x(SimTime::from_ms(300.0)),
            g.lane_y(1) + 5.0,
        );
        assert_eq!(
            hit_at,
            Hit::Order {
                order: 0,
                at: g.time(g.x(SimTime::from_ms(300.0))),
                start: Some(SimTime::from_ms(45.0))
            }
        );
        assert!(matches!(hit(&l, &g, &(0..8), 400.0, 5.0), Hit::Time(_)));
        let shapes = timeline(&inst, &l, &g, 0..8, Some(2));
        assert!(shapes.iter().any(|s| matches!(
            s,
            Shape::Rect {
                hatch: true,
                stroke: Some(Ink::Io),
                ..
            }
        )));
        assert_eq!(playhead(&g, 8, t).len(), 2);
    }

    /// The tick labels drawn along the axis of a timeline.
    fn axis_labels(shapes: &[Shape], g: &Geometry) -> Vec<String> {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { y, text, .. } if *y == g.axis_h - 7.0 => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_tick_of_an_axis_is_in_one_compact_unit() {
        let ms = |v: f64| SimTime::from_ms(v);
        let labels = |end: f64, parts: f64| -> Vec<String> {
            axis_ticks(ms(end), parts)
                .into_iter()
                .map(|(_, l)| l)
                .collect()
        };
        // A run of 12 s used to read "… 9000 ms, 10.0 s …".
        assert_eq!(
            labels(12_000.0, 8.0),
            ["0 s", "2 s", "4 s", "6 s", "8 s", "10 s", "12 s"]
        );
        assert_eq!(
            labels(1_500.0, 8.0),
            [
                "0 ms", "200 ms", "400 ms", "600 ms", "800 ms", "1000 ms", "1200 ms", "1400 ms"
            ]
        );
        assert_eq!(
            labels(2_600.0, 8.0),
            ["0.0 s", "0.5 s", "1.0 s", "1.5 s", "2.0 s", "2.5 s"]
        );
        // 20,000 customers: about 2000 s, in minutes, no decimals.
        assert_eq!(
            labels(2_000_000.0, 8.0),
            [
                "0 min", "5 min", "10 min", "15 min", "20 min", "25 min", "30 min"
            ]
        );
        assert_eq!(labels(2_000_000.0, 3.0), ["0 min", "20 min"]);
        for end in [
            0.0, 3.0, 999.0, 1_999.0, 2_000.0, 9_999.0, 10_000.0, 599_999.0, 600_000.0, 7.2e6,
        ] {
            for parts in [2.0, 3.4, 8.0, 13.0] {
                let ticks = axis_ticks(ms(end), parts);
                assert!(!ticks.is_empty() && ticks[0].0 == SimTime::ZERO);
                assert!(
                    ticks.len() as f64 <= parts.ceil() + 2.0,
                    "{end} {parts}: {ticks:?}"
                );
                let unit = |l: &str| l.rsplit(' ').next().unwrap().to_string();
                let first = unit(&ticks[0].1);
                assert!(
                    ticks.iter().all(|(_, l)| unit(l) == first),
                    "{end}: {ticks:?}"
                );
                assert!(ticks.iter().all(|(_, l)| l.len() <= 8), "{end}: {ticks:?}");
                assert!(
                    ticks
                        .windows(2)
                        .all(|w| w[0].0 < w[1].0 && w[1].0 <= ms(end.max(1.0)))
                );
            }
        }
    }

    #[test]
    fn every_text_of_the_timeline_is_at_least_min_text() {
        let inst = Instance::new(&Scenario::default());
        let l = lanes(&inst, &simulate(&inst, Strategy::Blocking));
        let g = geometry(l.end);
        let sizes: Vec<f32> = timeline(&inst, &l, &g, 0..8, Some(2))
            .iter()
            .filter_map(|s| match s {
                Shape::Text { size, .. } => Some(*size),
                _ => None,
            })
            .collect();
        assert!(sizes.len() > 8, "{sizes:?}");
        assert!(sizes.iter().all(|s| *s >= MIN_TEXT), "{sizes:?}");
    }

    #[test]
    fn the_drawn_axis_uses_one_unit() {
        let inst = Instance::new(&Scenario::default());
        let trace = simulate(&inst, Strategy::Blocking);
        let l = lanes(&inst, &trace);
        assert!(l.end.as_ms() > 10_000.0, "{:?}", l.end);
        let g = geometry(l.end);
        let drawn = axis_labels(&timeline(&inst, &l, &g, 0..8, None), &g);
        assert!(drawn.len() >= 3, "{drawn:?}");
        assert!(drawn.iter().all(|t| t.ends_with(" s")), "{drawn:?}");
    }

    #[test]
    fn the_barista_lane_is_at_most_a_bar_or_two_per_pixel_however_long_the_run() {
        // 100,000 stretches of work and blocked waiting, alternating, each
        // far below a pixel: a long run in blocking mode.
        let segments: Vec<(SimTime, SimTime, bool)> = (0..100_000u64)
            .map(|i| {
                (
                    SimTime(i * 20_000),
                    SimTime(i * 20_000 + 15_000),
                    i % 2 == 1,
                )
            })
            .collect();
        let g = geometry(SimTime(2_000_000_000));
        let bars = columns(&segments, &g);
        assert!(bars.len() <= 2 * g.width as usize, "{} bars", bars.len());
        assert!(bars.iter().any(|b| b.2), "the blocked stretches still show");
        // Wide stretches stay apart when they differ.
        let wide = [
            (SimTime::ZERO, SimTime(500_000_000), false),
            (SimTime(500_000_000), SimTime(1_000_000_000), true),
        ];
        assert_eq!(columns(&wide, &g).len(), 2);
    }

    #[test]
    fn at_twenty_thousand_customers_every_bar_still_shows() {
        let inst = Instance::new(&Scenario::default());
        let l = lanes(&inst, &simulate(&inst, Strategy::Blocking));
        // The same lanes on the axis of a 2000-second run: every step is far
        // below a pixel.
        let g = geometry(SimTime::from_ms(2_000_000.0));
        let shapes = timeline(&inst, &l, &g, 0..8, None);
        let labels = axis_labels(&shapes, &g);
        assert!(labels.iter().all(|t| t.ends_with(" min")), "{labels:?}");
        let lanes_top = g.lane_y(0);
        let mut bars = 0;
        for s in &shapes {
            if let Shape::Rect {
                y, w, fill, hatch, ..
            } = *s
                && y > lanes_top
                && (hatch || fill.is_some_and(|i| i != Ink::Bg && i != Ink::Card))
            {
                bars += 1;
                assert!(w >= MIN_BAR, "{s:?}");
                assert!(!hatch || w >= MIN_HATCH, "stripes with no room: {s:?}");
            }
            if let Shape::Line { x1, x2, y1, y2, .. } = *s
                && y1 == y2
                && y1 > lanes_top
            {
                assert!(x2 - x1 >= MIN_BAR, "{s:?}");
            }
        }
        assert!(bars > 8 * 4, "{bars}");
        // The barista's blocked stretches show too, solid when narrow.
        assert!(shapes.iter().any(|s| matches!(
            s,
            Shape::Rect { fill: Some(Ink::Blocked), w, .. } if *w >= MIN_BAR
        )));
    }
}
