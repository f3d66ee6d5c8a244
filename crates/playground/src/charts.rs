//! Chart geometry: results turned into SVG-ready numbers and path strings.
//!
//! Pure and browser-free (tested natively); the web app (`ui::app`) only
//! puts on the page what `view::results` writes from here. Coordinates are whole SVG user units inside a plot box of
//! `PlotBox::width × PlotBox::height`, origin at the top left, y growing
//! downwards; the views add the margins for tick labels. Everything is
//! integer arithmetic: no NaN, no float formatting, whatever the input.

use crate::engine::SimTime;
use crate::engine::trace::Trace;
use crate::format::duration_ms;
use crate::view::Html;
use crate::view::html::{HOLE, Hole, markup};
use std::fmt::Write;

/// The plot box, in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlotBox {
    /// Width: also the number of columns a time chart is downsampled to.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// What the values of a chart count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Things, named by a plural noun ("customers").
    Count(&'static str),
    /// Durations, in microseconds.
    Micros,
}

impl Unit {
    /// The smallest tick step: one thing, one millisecond.
    fn min_step(self) -> u64 {
        match self {
            Unit::Count(_) => 1,
            Unit::Micros => 1000,
        }
    }

    /// A value in words: "1 customer", "6 customers", "1460 ms".
    pub fn words(self, v: u64) -> String {
        match self {
            Unit::Count(noun) if v == 1 => format!("1 {}", noun.strip_suffix('s').unwrap_or(noun)),
            Unit::Count(noun) => format!("{v} {noun}"),
            Unit::Micros => duration_ms(v as f64 / 1000.0),
        }
    }
}

/// How a time chart draws its points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlotStyle {
    /// A step function: each point holds until the next (e.g. `Series::line`).
    Step,
    /// Instant samples drawn as vertical bars (e.g. `Series::lag`).
    Spikes,
}

/// Values over the run `[0, end]`, ready for a time chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeData {
    /// Step line or spikes.
    pub shape: PlotStyle,
    /// What the values count.
    pub unit: Unit,
    /// `(time, value)` in time order.
    pub points: Vec<(SimTime, u64)>,
    /// The end of the run (the right edge).
    pub end: SimTime,
}

impl TimeData {
    /// A step function of counts, e.g. `TimeData::steps(&series.line, trace.end, "customers")`.
    pub fn steps(points: &[(SimTime, u32)], end: SimTime, noun: &'static str) -> TimeData {
        TimeData {
            shape: PlotStyle::Step,
            unit: Unit::Count(noun),
            points: points.iter().map(|&(t, v)| (t, u64::from(v))).collect(),
            end,
        }
    }

    /// Durations sampled at instants, e.g. `TimeData::spikes(&series.lag, trace.end)`.
    pub fn spikes(points: &[(SimTime, SimTime)], end: SimTime) -> TimeData {
        TimeData {
            shape: PlotStyle::Spikes,
            unit: Unit::Micros,
            points: points.iter().map(|&(t, v)| (t, v.0)).collect(),
            end,
        }
    }
}

/// One tick of an axis: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    /// Position along the axis, in user units.
    pub at: u32,
    /// Its label.
    pub label: String,
}

/// The smallest 1, 2 or 5 × 10^k that is at least `raw` (and at least 1).
pub fn nice_step(raw: u64) -> u64 {
    let mut p: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            if p.saturating_mul(m) >= raw {
                return p.saturating_mul(m);
            }
        }
        match p.checked_mul(10) {
            Some(next) => p = next,
            None => return u64::MAX,
        }
    }
}

/// A nice step giving about `parts` intervals over `span`.
fn step_for(span: u64, parts: u64, unit: Unit) -> u64 {
    nice_step(span.div_ceil(parts).max(unit.min_step()))
}

/// A tick label: "0"; seconds when ticks are 100 ms or more apart ("2 s",
/// "1.5 s"); else milliseconds ("40 ms"). Integers only.
pub fn tick_label(v: u64, step: u64, unit: Unit) -> String {
    match unit {
        _ if v == 0 => "0".to_string(),
        Unit::Count(_) => v.to_string(),
        Unit::Micros if step >= 1_000_000 => format!("{} s", v / 1_000_000),
        Unit::Micros if step >= 100_000 => {
            let tenths = v / 100_000;
            format!("{}.{} s", tenths / 10, tenths % 10)
        }
        Unit::Micros => format!("{} ms", v / 1000),
    }
}

/// An instant as seconds with one decimal ("3.2 s"), rounded.
pub fn seconds(t: SimTime) -> String {
    let tenths = t.0.saturating_add(50_000) / 100_000;
    format!("{}.{} s", tenths / 10, tenths % 10)
}

/// A linear map from values `[lo, hi]` to `[0, len]` user units (flipped
/// for a y axis, where larger values sit higher).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Scale {
    lo: u64,
    hi: u64,
    len: u32,
    flip: bool,
}

impl Scale {
    fn at(self, v: u64) -> u32 {
        let len = u64::from(self.len);
        let off = v.min(self.hi).saturating_sub(self.lo);
        let along = off
            .saturating_mul(len)
            .checked_div(self.hi.saturating_sub(self.lo))
            .map_or(0, |a| a.min(len)) as u32;
        if self.flip { self.len - along } else { along }
    }

    /// Ticks at the multiples of `step` in `[lo, hi]`.
    fn ticks(self, step: u64, unit: Unit) -> Vec<Tick> {
        let mut out = Vec::new();
        let mut v = self.lo.div_ceil(step).saturating_mul(step);
        while v <= self.hi && out.len() <= 50 {
            out.push(Tick {
                at: self.at(v),
                label: tick_label(v, step, unit),
            });
            match v.checked_add(step) {
                Some(next) => v = next,
                None => break,
            }
        }
        out
    }
}

/// A value axis from 0 to a nice top at or above `max`, in about `parts`
/// steps: the scale and its ticks.
fn value_axis(max: u64, parts: u64, len: u32, unit: Unit) -> (Scale, Vec<Tick>) {
    let step = step_for(max, parts, unit);
    let top = max.div_ceil(step).saturating_mul(step).max(step);
    let scale = Scale {
        lo: 0,
        hi: top,
        len,
        flip: true,
    };
    (scale, scale.ticks(step, unit))
}

/// The column (`0..width`) that instant `t` falls in, over `[0, end]`.
fn column(t: u64, end: u64, width: u32) -> usize {
    if end == 0 {
        return 0;
    }
    (t.saturating_mul(u64::from(width)) / end).min(u64::from(width) - 1) as usize
}

/// Each column's largest value. With `hold`, a point lasts until the next
/// point (or `end`); otherwise it is a sample at one instant. Columns with
/// nothing are 0.
fn column_max(points: &[(SimTime, u64)], end: SimTime, width: u32, hold: bool) -> Vec<u64> {
    let mut cols = vec![0u64; width as usize];
    if width == 0 {
        return cols;
    }
    for (i, &(t, v)) in points.iter().enumerate() {
        let until = match points.get(i + 1) {
            Some(next) if hold => next.0.min(end),
            _ if hold => end,
            _ => t,
        };
        let first = column(t.0, end.0, width);
        let last = column(until.0.saturating_sub(1).max(t.0), end.0, width);
        for c in &mut cols[first..=last] {
            *c = (*c).max(v);
        }
    }
    cols
}

/// Grid lines, tick marks, tick labels and the frame of a plot box, as SVG
/// markup.
pub fn axes_markup(frame: PlotBox, x: &[Tick], y: &[Tick]) -> Html {
    let (w, h) = (i64::from(frame.width), i64::from(frame.height));
    let mut s = Html::with_capacity(2048);
    for t in y {
        let at = i64::from(t.at);
        s.fill(
            markup! {
                path("class" = "grid", "d" = "M0 \0H\0") /
                text("x" = "-6", "y" = HOLE, "dy" = "0.32em", "text-anchor" = "end") { (HOLE) }
            },
            &[
                Hole::Int(at),
                Hole::Int(w),
                Hole::Int(at),
                Hole::Text(&t.label),
            ],
        );
    }
    for t in x {
        let at = i64::from(t.at);
        s.fill(
            markup! {
                path("class" = "tick", "d" = "M\0 \0v4") /
                text("x" = HOLE, "y" = HOLE, "text-anchor" = "middle") { (HOLE) }
            },
            &[
                Hole::Int(at),
                Hole::Int(h),
                Hole::Int(at),
                Hole::Int(h + 18),
                Hole::Text(&t.label),
            ],
        );
    }
    s.fill(
        markup! { path("class" = "frame", "d" = "M0 0V\0H\0") / },
        &[Hole::Int(h), Hole::Int(w)],
    );
    s
}

/// A chart ready for the page: what it says in words, its SVG markup, and
/// where its playhead goes. Both chart kinds give one, so the views share
/// one (memoised) type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drawing {
    /// The key fact in words (the chart's accessible name).
    pub summary: String,
    /// Axes and data as SVG markup.
    pub markup: Html,
    /// The right edge of the time axis (zero without one).
    pub end: SimTime,
    /// Plot width.
    pub width: u32,
}

impl Drawing {
    /// The x of the playhead at instant `t` (clamped to the run).
    pub fn x_at(&self, t: SimTime) -> u32 {
        Scale {
            lo: 0,
            hi: self.end.0,
            len: self.width,
            flip: false,
        }
        .at(t.0)
    }
}

/// Everything a time chart draws, for one data set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimePlot {
    /// The plot box.
    pub frame: PlotBox,
    /// Step line or spikes.
    pub shape: PlotStyle,
    /// What the values count.
    pub unit: Unit,
    /// The SVG path `d` of the data (empty when there is none): at most two
    /// commands per column, each column showing its largest value.
    pub d: String,
    /// Time ticks along the bottom.
    pub x_ticks: Vec<Tick>,
    /// Value ticks up the left side.
    pub y_ticks: Vec<Tick>,
    /// The largest value and when it was first reached.
    pub peak: Option<(SimTime, u64)>,
    /// The right edge.
    pub end: SimTime,
}

impl TimePlot {
    /// Lays out `data` in `frame`.
    pub fn new(data: &TimeData, frame: PlotBox) -> TimePlot {
        let (w, h) = (frame.width, frame.height);
        let peak = data
            .points
            .iter()
            .fold(None, |best: Option<(SimTime, u64)>, &p| match best {
                Some(b) if b.1 >= p.1 => Some(b),
                _ => Some(p),
            });
        let max = peak.map_or(0, |p| p.1);
        let (y, y_ticks) = value_axis(max, 4, h, data.unit);
        let x = Scale {
            lo: 0,
            hi: data.end.0,
            len: w,
            flip: false,
        };
        let x_ticks = x.ticks(step_for(data.end.0, 5, Unit::Micros), Unit::Micros);
        let mut d = String::new();
        if !data.points.is_empty() && w > 0 {
            let cols = column_max(&data.points, data.end, w, data.shape == PlotStyle::Step);
            match data.shape {
                PlotStyle::Step => {
                    let mut last = y.at(cols[0]);
                    let _ = write!(d, "M0 {last}");
                    for (i, &v) in cols.iter().enumerate().skip(1) {
                        if y.at(v) != last {
                            last = y.at(v);
                            let _ = write!(d, "H{i}V{last}");
                        }
                    }
                    let _ = write!(d, "H{w}");
                }
                PlotStyle::Spikes => {
                    // Any lag at all shows, at least one unit tall.
                    for (i, &v) in cols.iter().enumerate().filter(|c| *c.1 > 0) {
                        let _ = write!(d, "M{i} {h}V{}", y.at(v).min(h.saturating_sub(1)));
                    }
                }
            }
        }
        TimePlot {
            frame,
            shape: data.shape,
            unit: data.unit,
            d,
            x_ticks,
            y_ticks,
            peak,
            end: data.end,
        }
    }

    /// The axes and the data (`<path class="series step|spikes">`) as SVG
    /// markup.
    pub fn markup(&self) -> Html {
        let class = match self.shape {
            PlotStyle::Step => "step",
            PlotStyle::Spikes => "spikes",
        };
        let mut s = axes_markup(self.frame, &self.x_ticks, &self.y_ticks);
        s.fill(
            markup! { path("class" = "series \0", "d" = HOLE) / },
            &[Hole::Text(class), Hole::Text(&self.d)],
        );
        s
    }

    /// Ready for the page, named `title`.
    pub fn drawing(&self, title: &str) -> Drawing {
        Drawing {
            summary: self.summary(title),
            markup: self.markup(),
            end: self.end,
            width: self.frame.width,
        }
    }

    /// The key fact in words: "Line length over time: at most 6 customers, at 3.2 s".
    pub fn summary(&self, title: &str) -> String {
        match self.peak {
            None => format!("{title}: no data"),
            Some((_, 0)) => format!("{title}: {} throughout", self.unit.words(0)),
            Some((t, v)) => format!("{title}: at most {}, at {}", self.unit.words(v), seconds(t)),
        }
    }
}

/// One non-empty bin of a histogram, placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Values in the bin.
    pub count: u32,
    /// The bin holds values in `[from, to)`.
    pub from: SimTime,
    /// End of the bin (excluded).
    pub to: SimTime,
    /// The count to print above the bar, when it fits (about 10 units a digit).
    pub label: Option<String>,
}

impl Bar {
    /// The bar in words: "3 orders: 2000 ms to 3000 ms".
    pub fn words(&self) -> String {
        format!(
            "{}: {} to {}",
            Unit::Count("orders").words(u64::from(self.count)),
            duration_ms(self.from.as_ms()),
            duration_ms(self.to.as_ms())
        )
    }
}

/// Everything a latency histogram draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Histogram {
    /// The plot box.
    pub frame: PlotBox,
    /// One bar per non-empty bin, left to right.
    pub bars: Vec<Bar>,
    /// Number of bins, empty ones included.
    pub bins: usize,
    /// Latency ticks along the bottom.
    pub x_ticks: Vec<Tick>,
    /// Count ticks up the left side.
    pub y_ticks: Vec<Tick>,
    /// Number of values.
    pub total: usize,
    /// Smallest and largest value.
    pub range: Option<(SimTime, SimTime)>,
}

/// Latencies of the answered orders of a trace (lost orders have none).
pub fn latencies(trace: &Trace) -> Vec<SimTime> {
    trace.orders.iter().filter_map(|o| o.latency()).collect()
}

impl Histogram {
    /// Bins `values` into about √n (5 to 20) bins of a nice width, in `frame`.
    pub fn new(values: &[SimTime], frame: PlotBox) -> Histogram {
        let range = values
            .iter()
            .fold(None, |r: Option<(SimTime, SimTime)>, &v| {
                Some(r.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
            });
        let Some((min, max)) = range else {
            return Histogram {
                frame,
                bars: Vec::new(),
                bins: 0,
                x_ticks: Vec::new(),
                y_ticks: value_axis(0, 4, frame.height, Unit::Count("orders")).1,
                total: 0,
                range: None,
            };
        };
        let parts = (values.len() as u64).isqrt().clamp(5, 20);
        let width = step_for(max.0 - min.0, parts, Unit::Micros);
        let lo = min.0 / width * width;
        let bins = ((max.0 - lo) / width + 1) as usize;
        let mut counts = vec![0u32; bins];
        for v in values {
            counts[(((v.0 - lo) / width) as usize).min(bins - 1)] += 1;
        }
        let hi = lo.saturating_add(width.saturating_mul(bins as u64));
        let x = Scale {
            lo,
            hi,
            len: frame.width,
            flip: false,
        };
        let top = counts.iter().copied().max().unwrap_or(0);
        let (y, y_ticks) = value_axis(u64::from(top), 4, frame.height, Unit::Count("orders"));
        let bars = counts
            .iter()
            .enumerate()
            .filter(|c| *c.1 > 0)
            .map(|(i, &count)| {
                let from = lo + i as u64 * width;
                let to = from.saturating_add(width);
                let (x0, x1, y0) = (x.at(from), x.at(to), y.at(u64::from(count)));
                let label = count.to_string();
                Bar {
                    x: x0,
                    y: y0,
                    width: x1 - x0,
                    height: frame.height - y0,
                    count,
                    from: SimTime(from),
                    to: SimTime(to),
                    label: (x1 - x0 >= 10 * label.len() as u32 + 4).then_some(label),
                }
            })
            .collect();
        Histogram {
            frame,
            bars,
            bins,
            x_ticks: x.ticks(step_for(hi - lo, 5, Unit::Micros), Unit::Micros),
            y_ticks,
            total: values.len(),
            range,
        }
    }

    /// The axes and a `<g class="bar" data-count="…">` per bar (its words
    /// as a `<title>`, the rectangle, the count when it fits), as SVG markup.
    pub fn markup(&self) -> Html {
        let mut s = axes_markup(self.frame, &self.x_ticks, &self.y_ticks);
        for b in &self.bars {
            let holes = [
                Hole::Int(b.count.into()),
                Hole::Text(&b.words()),
                Hole::Int(b.x.into()),
                Hole::Int(b.y.into()),
                Hole::Int(b.width.into()),
                Hole::Int(b.height.into()),
                Hole::Int((b.x + b.width / 2).into()),
                Hole::Int(i64::from(b.y) - 4),
                Hole::Text(b.label.as_deref().unwrap_or("")),
            ];
            match b.label {
                Some(_) => s.fill(
                    markup! {
                        g("class" = "bar", "data-count" = HOLE) {
                            title { (HOLE) }
                            rect("x" = HOLE, "y" = HOLE, "width" = HOLE, "height" = HOLE) /
                            text("x" = HOLE, "y" = HOLE, "text-anchor" = "middle") { (HOLE) }
                        }
                    },
                    &holes,
                ),
                None => s.fill(
                    markup! {
                        g("class" = "bar", "data-count" = HOLE) {
                            title { (HOLE) }
                            rect("x" = HOLE, "y" = HOLE, "width" = HOLE, "height" = HOLE) /
                        }
                    },
                    &holes[..6],
                ),
            };
        }
        s
    }

    /// Ready for the page, named `title`.
    pub fn drawing(&self, title: &str) -> Drawing {
        Drawing {
            summary: self.summary(title),
            markup: self.markup(),
            end: SimTime::ZERO,
            width: self.frame.width,
        }
    }

    /// The key fact in words: "Latency: 8 orders, from 535 ms to 4000 ms;
    /// the most (3) between 500 ms and 1000 ms".
    pub fn summary(&self, title: &str) -> String {
        let busiest = self.bars.iter().fold(None, |b: Option<&Bar>, bar| match b {
            Some(b) if b.count >= bar.count => Some(b),
            _ => Some(bar),
        });
        match (self.range, busiest) {
            (Some((min, max)), Some(b)) => format!(
                "{title}: {}, from {} to {}; the most ({}) between {} and {}",
                Unit::Count("orders").words(self.total as u64),
                duration_ms(min.as_ms()),
                duration_ms(max.as_ms()),
                b.count,
                duration_ms(b.from.as_ms()),
                duration_ms(b.to.as_ms()),
            ),
            _ => format!("{title}: no answered orders yet"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: PlotBox = PlotBox {
        width: 300,
        height: 150,
    };

    fn ms(v: u64) -> SimTime {
        SimTime(v * 1000)
    }

    #[test]
    fn nice_steps_are_one_two_or_five_times_a_power_of_ten() {
        let got: Vec<u64> = [0, 1, 2, 3, 6, 11, 21, 51, 867, 1001, 365_000]
            .into_iter()
            .map(nice_step)
            .collect();
        assert_eq!(got, [1, 1, 2, 5, 10, 20, 50, 100, 1000, 2000, 500_000]);
        assert_eq!(nice_step(u64::MAX), u64::MAX);
    }

    #[test]
    fn value_ticks_are_nice_and_cover_the_maximum() {
        for max in [0, 1, 5, 6, 7, 11, 99, 1234, 20_000] {
            let (scale, ticks) = value_axis(max, 4, 150, Unit::Count("x"));
            assert!(
                scale.hi >= max && scale.hi > 0,
                "top {} for {max}",
                scale.hi
            );
            let values: Vec<u64> = ticks.iter().map(|t| t.label.parse().unwrap()).collect();
            assert_eq!(values[0], 0);
            assert_eq!(*values.last().unwrap(), scale.hi);
            let step = values[1] - values[0];
            assert_eq!(nice_step(step), step);
            assert!(values.windows(2).all(|w| w[1] - w[0] == step));
            assert!((2..=6).contains(&values.len()), "{values:?}");
            assert_eq!(ticks[0].at, 150);
            assert_eq!(ticks.last().unwrap().at, 0);
        }
    }

    #[test]
    fn time_labels_come_from_integers() {
        assert_eq!(tick_label(0, 1_000_000, Unit::Micros), "0");
        assert_eq!(tick_label(3_000_000, 1_000_000, Unit::Micros), "3 s");
        assert_eq!(tick_label(1_500_000, 500_000, Unit::Micros), "1.5 s");
        assert_eq!(tick_label(40_000, 20_000, Unit::Micros), "40 ms");
        assert_eq!(seconds(SimTime(3_249_000)), "3.2 s");
        assert_eq!(seconds(SimTime(3_250_000)), "3.3 s");
        assert_eq!(Unit::Count("customers").words(1), "1 customer");
        assert_eq!(Unit::Micros.words(1_460_000), "1460 ms");
    }

    #[test]
    fn a_flat_series_is_a_flat_path() {
        let data = TimeData::steps(&[(SimTime::ZERO, 3)], ms(10_000), "customers");
        let plot = TimePlot::new(&data, FRAME);
        let (_, y_ticks) = value_axis(3, 4, 150, Unit::Count("x"));
        let three = y_ticks.iter().find(|t| t.label == "3").unwrap().at;
        assert_eq!(plot.d, format!("M0 {three}H300"));
        assert_eq!(plot.summary("Line"), "Line: at most 3 customers, at 0.0 s");
    }

    #[test]
    fn downsampling_keeps_every_peak_and_two_commands_per_column_at_most() {
        // 20,000 customers: the line goes up and down every millisecond, one
        // instant of 9 hides among them.
        let mut points = Vec::new();
        for i in 0..40_000u64 {
            points.push((ms(i), (i % 2) as u32));
        }
        points[27_001].1 = 9;
        let plot = TimePlot::new(&TimeData::steps(&points, ms(40_000), "c"), FRAME);
        let commands = plot.d.matches(['H', 'V', 'M']).count();
        assert!(commands <= 2 * 300 + 2, "{commands} commands");
        assert_eq!(plot.peak, Some((ms(27_001), 9)));
        assert!(
            plot.d.contains("V15"),
            "9 of 10 is 15 units from the top: {}",
            plot.d
        );
        assert_eq!(plot.summary("Line"), "Line: at most 9 c, at 27.0 s");

        let lag: Vec<(SimTime, SimTime)> = (0..40_000).map(|i| (ms(i), ms(i % 7))).collect();
        let mut lag = lag;
        lag[12_345].1 = ms(1460);
        let plot = TimePlot::new(&TimeData::spikes(&lag, ms(40_000)), FRAME);
        assert_eq!(plot.d.matches('M').count(), 300);
        let column = 12_345 * 300 / 40_000;
        assert!(plot.d.contains(&format!("M{column} 150V4")), "{}", plot.d);
        assert_eq!(plot.y_ticks.last().unwrap().label, "1.5 s");
        assert_eq!(plot.summary("Lag"), "Lag: at most 1460 ms, at 12.3 s");
    }

    #[test]
    fn column_max_holds_steps_and_keeps_instants() {
        let pts = [
            (SimTime(0), 1),
            (SimTime(25), 4),
            (SimTime(26), 0),
            (SimTime(80), 2),
        ];
        assert_eq!(
            column_max(&pts, SimTime(100), 10, true),
            [1, 1, 4, 0, 0, 0, 0, 0, 2, 2]
        );
        assert_eq!(
            column_max(&pts, SimTime(100), 10, false),
            [1, 0, 4, 0, 0, 0, 0, 0, 2, 0]
        );
    }

    #[test]
    fn empty_input_gives_an_empty_chart() {
        for data in [
            TimeData::steps(&[], SimTime::ZERO, "customers"),
            TimeData::spikes(&[], SimTime::ZERO),
            TimeData::spikes(&[(SimTime::ZERO, SimTime::ZERO)], SimTime::ZERO),
        ] {
            let plot = TimePlot::new(&data, FRAME);
            assert!(
                plot.d
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ')
            );
            assert!(!plot.d.contains("NaN"));
            assert_eq!(plot.drawing("").x_at(SimTime(5)), 0);
            assert_eq!(plot.x_ticks.len(), 1);
        }
        let plot = TimePlot::new(&TimeData::steps(&[], SimTime::ZERO, "customers"), FRAME);
        assert_eq!(plot.d, "");
        assert_eq!(plot.summary("Line"), "Line: no data");
        let hist = Histogram::new(&[], FRAME);
        assert!(hist.bars.is_empty());
        assert_eq!(hist.summary("Latency"), "Latency: no answered orders yet");
        assert_eq!(
            TimePlot::new(
                &TimeData::steps(&[(SimTime::ZERO, 0)], ms(5), "customers"),
                PlotBox {
                    width: 0,
                    height: 0
                }
            )
            .d,
            ""
        );
    }

    #[test]
    fn the_playhead_moves_across_the_run() {
        let plot = TimePlot::new(&TimeData::spikes(&[], ms(4000)), FRAME);
        let drawing = plot.drawing("Lag");
        assert_eq!(drawing.x_at(SimTime::ZERO), 0);
        assert_eq!(drawing.x_at(ms(2000)), 150);
        assert_eq!(drawing.x_at(ms(9000)), 300);
        assert_eq!(drawing.summary, "Lag: no data");
        assert_eq!(drawing.markup, plot.markup());
        let labels: Vec<&str> = plot.x_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["0", "1 s", "2 s", "3 s", "4 s"]);
        let axes = plot.markup().into_string();
        assert!(axes.contains(r#"<path class="tick" d="M75 150v4"/><text x="75" y="168" text-anchor="middle">1 s</text>"#));
        assert!(axes.contains(r#"<path class="grid" d="M0 0H300"/><text x="-6" y="0" dy="0.32em" text-anchor="end">1 ms</text>"#), "{axes}");
        assert!(axes.ends_with(
            r#"<path class="frame" d="M0 0V150H300"/><path class="series spikes" d=""/>"#
        ));
    }

    #[test]
    fn histogram_counts_add_up_and_edges_are_nice() {
        let values: Vec<SimTime> = [535, 1260, 4000, 1700, 980, 2100, 2500, 2900]
            .into_iter()
            .map(ms)
            .collect();
        let hist = Histogram::new(&values, FRAME);
        assert_eq!(
            hist.bars.iter().map(|b| b.count as usize).sum::<usize>(),
            values.len()
        );
        assert_eq!(hist.bins, 5);
        let edges: Vec<u64> = hist.bars.iter().map(|b| b.from.0 / 1000).collect();
        assert_eq!(edges, [0, 1000, 2000, 4000]);
        assert_eq!(
            hist.bars.iter().map(|b| b.count).collect::<Vec<_>>(),
            [2, 2, 3, 1]
        );
        assert_eq!(hist.bars[2].y, 0);
        assert_eq!(hist.bars[2].words(), "3 orders: 2000 ms to 3000 ms");
        let markup = hist.markup().into_string();
        assert_eq!(markup.matches("<g class=\"bar\"").count(), 4);
        assert!(markup.contains(
            r#"<g class="bar" data-count="3"><title>3 orders: 2000 ms to 3000 ms</title><rect x="120" y="0" width="60" height="150"/><text x="150" y="-4" text-anchor="middle">3</text></g>"#
        ));
        assert_eq!(markup.matches("</g>").count(), 4);
        assert_eq!(hist.bars[2].x + hist.bars[2].width, 180);
        assert_eq!(
            hist.summary("Latency"),
            "Latency: 8 orders, from 535 ms to 4000 ms; the most (3) between 2000 ms and 3000 ms"
        );

        let many: Vec<SimTime> = (0..20_000u64).map(|i| ms(500 + i * 7 % 3000)).collect();
        let hist = Histogram::new(&many, FRAME);
        assert_eq!(
            hist.bars.iter().map(|b| b.count as usize).sum::<usize>(),
            20_000
        );
        assert!(hist.bins <= 22, "{} bins", hist.bins);
        let width = hist.bars[0].to.0 - hist.bars[0].from.0;
        assert_eq!(nice_step(width), width);
        assert!(
            hist.bars.iter().all(|b| b.label.is_none()),
            "no room for 4 digits"
        );
        assert!(
            Histogram::new(&values, FRAME)
                .bars
                .iter()
                .all(|b| b.label.is_some())
        );

        let same = Histogram::new(&[ms(535); 3], FRAME);
        assert_eq!(same.bars.len(), 1);
        assert_eq!(same.bars[0].count, 3);
        assert_eq!(same.bars[0].width, 300);
    }
}
