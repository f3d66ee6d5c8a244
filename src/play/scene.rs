//! The café scene as a display list: the line, the barista at the counter,
//! the machines with their progress and queues, the ready tray, the orders in
//! progress, the pickup and the lost. Pure: the canvas painter draws it, the
//! tests read it, and [`describe`] says the same in words.

use super::frame::{Frame, SHOWN};
use super::labels;
use super::shape::{Align, Ink, Shape, draw};
use crate::engine::breaker::Circuit;
use crate::engine::pool::Phase;
use crate::engine::scenario::{Drink, Instance, MachineKind};
use crate::engine::snapshot::{Barista, Unit};
use crate::engine::trace::Outcome;
use crate::engine::{SimTime, Strategy};
use crate::format::duration_ms;

/// Landscape for wide screens, portrait for phones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// 760 × 470 logical units.
    Landscape,
    /// 380 × 800 logical units.
    Portrait,
}

impl Orientation {
    /// The scene's size in logical units.
    pub fn size(self) -> (f32, f32) {
        match self {
            Orientation::Landscape => (760.0, 470.0),
            Orientation::Portrait => (380.0, 800.0),
        }
    }
}

/// How to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Layout.
    pub orientation: Orientation,
    /// Tween positions between states (off for `prefers-reduced-motion`).
    pub motion: bool,
    /// The customer to highlight.
    pub selected: Option<u32>,
    /// Text scale (1 normal, larger for projectors).
    pub text_scale: f32,
}

/// A rectangle of the layout.
#[derive(Clone, Copy, Debug)]
struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

/// Where each part of the café goes.
struct Layout {
    machines: Area,
    tray: Area,
    counter: Area,
    line: Area,
    flight: Area,
    pickup: Area,
    lost: Area,
}

fn layout(o: Orientation) -> Layout {
    let a = |x, y, w, h| Area { x, y, w, h };
    match o {
        Orientation::Landscape => Layout {
            machines: a(6.0, 6.0, 748.0, 150.0),
            line: a(6.0, 164.0, 240.0, 150.0),
            counter: a(254.0, 164.0, 246.0, 150.0),
            tray: a(508.0, 164.0, 246.0, 150.0),
            flight: a(6.0, 322.0, 494.0, 142.0),
            pickup: a(508.0, 322.0, 246.0, 67.0),
            lost: a(508.0, 397.0, 246.0, 67.0),
        },
        Orientation::Portrait => Layout {
            machines: a(6.0, 6.0, 368.0, 236.0),
            counter: a(6.0, 250.0, 181.0, 150.0),
            tray: a(193.0, 250.0, 181.0, 150.0),
            line: a(6.0, 408.0, 368.0, 96.0),
            flight: a(6.0, 512.0, 368.0, 124.0),
            pickup: a(6.0, 644.0, 368.0, 74.0),
            lost: a(6.0, 726.0, 368.0, 68.0),
        },
    }
}

/// Eases a 0..1 progress (smoothstep).
fn ease(p: f32) -> f32 {
    let p = p.clamp(0.0, 1.0);
    p * p * (3.0 - 2.0 * p)
}

/// 0..1 progress of `t` through `[from, from + span)`.
fn progress(t: SimTime, from: SimTime, span_ms: f32) -> f32 {
    ((t.since(from)).as_ms() as f32 / span_ms).clamp(0.0, 1.0)
}

/// Where a customer was drawn: `(x, y, radius, order)`.
type Spot = (f32, f32, f32, u32);

struct Painter<'a> {
    out: Vec<Shape>,
    spots: Vec<Spot>,
    inst: &'a Instance,
    style: Style,
}

impl Painter<'_> {
    /// Font size: the sizes below are for a 760-unit café; 1.2 makes them
    /// 12–16 px on a laptop-width stage.
    fn size(&self, s: f32) -> f32 {
        s * 1.2 * self.style.text_scale
    }

    fn text(&mut self, x: f32, y: f32, t: impl Into<String>, size: f32, ink: Ink, align: Align) {
        let size = self.size(size);
        self.out.push(draw::text(x, y, t, size, ink, align));
    }

    fn bold(&mut self, x: f32, y: f32, t: impl Into<String>, size: f32, ink: Ink, align: Align) {
        let size = self.size(size);
        self.out.push(draw::bold(x, y, t, size, ink, align));
    }

    fn panel(&mut self, a: Area, title: &str) {
        self.out
            .push(draw::frame(a.x, a.y, a.w, a.h, Some(Ink::Card), Ink::Line));
        let title = self.fit(title, a.w - 16.0, 13.0);
        self.bold(a.x + 8.0, a.y + 18.0, title, 13.0, Ink::Muted, Align::Left);
    }

    /// `text` cut with an ellipsis to fit `width` at `size` (about 0.56 em
    /// a character: canvas text is not measured, to keep frames cheap).
    fn fit(&self, text: &str, width: f32, size: f32) -> String {
        let room = (width / (self.size(size) * 0.56)).max(1.0) as usize;
        if text.chars().count() <= room {
            return text.to_string();
        }
        let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }

    /// A customer: a circle with an initial; Karen wears a double ring, the
    /// selected customer a thick accent ring and a name tag.
    fn customer(&mut self, order: u32, x: f32, y: f32, r: f32, tag: bool) {
        self.spots.push((x, y, r, order));
        let karen = self.inst.orders[order as usize].drink == Drink::PourOver;
        let selected = self.style.selected == Some(order);
        let name = self.inst.name(order as usize);
        self.out.push(Shape::Circle {
            x,
            y,
            r,
            fill: Some(if karen { Ink::Card } else { Ink::AccentSoft }),
            stroke: Some(if selected {
                Ink::Accent
            } else if karen {
                Ink::Warn
            } else {
                Ink::Muted
            }),
            width: if selected || karen { 3.0 } else { 1.0 },
        });
        if karen {
            self.out.push(Shape::Circle {
                x,
                y,
                r: r + 4.0,
                fill: None,
                stroke: Some(Ink::Warn),
                width: 1.5,
            });
        }
        let initial: String = name.chars().next().map(String::from).unwrap_or_default();
        self.bold(x, y + r * 0.4, initial, r * 1.05, Ink::Text, Align::Center);
        if tag || selected {
            self.text(
                x,
                y + r + 12.0,
                name.into_owned(),
                10.0,
                Ink::Text,
                Align::Center,
            );
        }
    }
}

/// The café at `frame`'s instant, laid out for `style`.
pub fn scene(inst: &Instance, frame: &Frame, style: Style) -> Vec<Shape> {
    drawn(inst, frame, style).0
}

/// The customer drawn nearest to `(x, y)` (logical units), if one is under it.
pub fn customer_at(inst: &Instance, frame: &Frame, style: Style, x: f32, y: f32) -> Option<u32> {
    drawn(inst, frame, style)
        .1
        .into_iter()
        .filter(|&(cx, cy, r, _)| (cx - x).hypot(cy - y) <= r + 4.0)
        .min_by(|a, b| {
            (a.0 - x)
                .hypot(a.1 - y)
                .total_cmp(&(b.0 - x).hypot(b.1 - y))
        })
        .map(|s| s.3)
}

/// The scene and where its customers are.
fn drawn(inst: &Instance, frame: &Frame, style: Style) -> (Vec<Shape>, Vec<Spot>) {
    let l = layout(style.orientation);
    let mut p = Painter {
        out: Vec::with_capacity(256),
        spots: Vec::new(),
        inst,
        style,
    };
    let (w, h) = style.orientation.size();
    p.out.push(draw::fill(0.0, 0.0, w, h, Ink::Bg));
    machines(&mut p, l.machines, frame);
    tray(&mut p, l.tray, frame);
    counter(&mut p, l.counter, frame);
    line(&mut p, l.line, frame);
    in_flight(&mut p, l.flight, frame);
    pickup(&mut p, l.pickup, frame);
    lost(&mut p, l.lost, frame);
    let clock = duration_ms(frame.t.as_ms());
    p.bold(
        l.line.x + l.line.w - 8.0,
        l.line.y + 18.0,
        clock,
        13.0,
        Ink::Text,
        Align::Right,
    );
    (p.out, p.spots)
}

fn machines(p: &mut Painter, a: Area, f: &Frame) {
    let n = f.machines.len().max(1) as f32;
    let gap = 8.0;
    let (cols, rows) = match p.style.orientation {
        Orientation::Landscape => (n, 1.0),
        Orientation::Portrait => (n.min(2.0), (n / 2.0).ceil()),
    };
    let mw = (a.w - gap * (cols - 1.0)) / cols;
    let mh = (a.h - gap * (rows - 1.0)) / rows;
    for (i, m) in f.machines.iter().enumerate() {
        let (c, r) = (i as f32 % cols, (i as f32 / cols).floor());
        let area = Area {
            x: a.x + c * (mw + gap),
            y: a.y + r * (mh + gap),
            w: mw,
            h: mh,
        };
        machine(p, area, m, f.t, f.circuit);
    }
}

fn machine(
    p: &mut Painter,
    a: Area,
    m: &super::frame::MachineFrame,
    t: SimTime,
    circuit: Option<Circuit>,
) {
    let title = match m.kind {
        MachineKind::Helper => format!("Helpers ×{}", m.units.len()),
        kind => {
            let label = kind.label();
            let mut cap = label[..1].to_uppercase();
            cap.push_str(&label[1..]);
            if m.units.len() > 1 {
                format!("{cap} ×{}", m.units.len())
            } else {
                cap
            }
        }
    };
    p.panel(a, &title);
    let rows = m.units.len().min(4);
    let bar_h = ((a.h - 58.0) / rows.max(1) as f32).clamp(16.0, 26.0);
    if let (MachineKind::Reader, Some(c)) = (m.kind, circuit) {
        let (words, ink) = match c {
            Circuit::Closed => ("breaker closed", Ink::Muted),
            Circuit::Open => ("breaker OPEN: fail fast", Ink::Bad),
            Circuit::HalfOpen => ("breaker half-open: probe", Ink::Warn),
        };
        let y = a.y + 28.0 + rows.min(2) as f32 * (bar_h + 4.0) + 12.0;
        let words = p.fit(words, a.w - 16.0, 10.0);
        p.bold(a.x + 8.0, y, words, 10.0, ink, Align::Left);
    }
    for (u, unit) in m.units.iter().take(rows).enumerate() {
        let y = a.y + 28.0 + u as f32 * (bar_h + 4.0);
        let (x, w) = (a.x + 8.0, a.w - 16.0);
        match *unit {
            Unit::Idle => {
                // With pools, a free unit is either warm or put away (cold).
                let (words, ink) = match m.phases.get(u) {
                    Some(Phase::Cold) => ("cold: put away", Ink::Muted),
                    Some(_) => ("idle, warm", Ink::Text),
                    None => ("idle", Ink::Muted),
                };
                p.out.push(draw::frame(x, y, w, bar_h, None, Ink::Line));
                p.text(x + 6.0, y + bar_h * 0.7, words, 10.0, ink, Align::Left);
            }
            Unit::Working {
                order,
                since,
                until,
                ..
            } => {
                let total = until.since(since).as_ms().max(1.0) as f32;
                let done = (t.since(since).as_ms() as f32 / total).clamp(0.0, 1.0);
                p.out.push(draw::frame(x, y, w, bar_h, None, Ink::Io));
                p.out.push(draw::hatched(x, y, w * done, bar_h, Ink::Io));
                let name = p.inst.name(order as usize).into_owned();
                let left = duration_ms(until.since(t).as_ms());
                let words = if m.phases.get(u) == Some(&Phase::Warming) {
                    format!("warming up for {name} · {left}")
                } else {
                    format!("{name} · {left}")
                };
                p.text(
                    x + 6.0,
                    y + bar_h * 0.7,
                    p.fit(&words, w - 12.0, 10.0),
                    10.0,
                    Ink::Text,
                    Align::Left,
                );
            }
            Unit::Done { order, .. } => {
                p.out.push(draw::frame(
                    x,
                    y,
                    w,
                    bar_h,
                    Some(Ink::AccentSoft),
                    Ink::Good,
                ));
                let name = p.inst.name(order as usize).into_owned();
                p.text(
                    x + 6.0,
                    y + bar_h * 0.7,
                    p.fit(&format!("✓ {name}: ready"), w - 12.0, 10.0),
                    10.0,
                    Ink::Text,
                    Align::Left,
                );
            }
        }
    }
    if m.units.len() > rows {
        let busy = m.units.iter().filter(|u| !matches!(u, Unit::Idle)).count();
        let y = a.y + 26.0 + rows as f32 * (bar_h + 4.0) + 8.0;
        p.text(
            a.x + 8.0,
            y,
            format!("{busy} of {} busy", m.units.len()),
            10.0,
            Ink::Muted,
            Align::Left,
        );
    }
    // The machine's queue.
    let y = a.y + a.h - 14.0;
    if m.waiting_count == 0 {
        p.text(
            a.x + 8.0,
            y + 4.0,
            "no queue",
            10.0,
            Ink::Muted,
            Align::Left,
        );
    } else {
        p.text(
            a.x + 8.0,
            y + 4.0,
            format!("queue {}", m.waiting_count),
            10.0,
            Ink::Text,
            Align::Left,
        );
        let room = ((a.w - 86.0) / 18.0).max(0.0) as usize;
        for (i, &(order, _)) in m.waiting.iter().take(room).enumerate() {
            p.customer(order, a.x + 78.0 + i as f32 * 18.0, y, 7.0, false);
        }
    }
}

fn tray(p: &mut Painter, a: Area, f: &Frame) {
    p.panel(a, "Ready tray (tasks)");
    let max = ((a.h - 44.0) / 18.0).max(1.0) as usize;
    for (i, job) in f.ready.iter().take(max).enumerate() {
        let y = a.y + 26.0 + i as f32 * 18.0;
        p.out.push(draw::frame(
            a.x + 8.0,
            y,
            a.w - 16.0,
            15.0,
            Some(Ink::Bg),
            Ink::Muted,
        ));
        let text = p.fit(&labels::job(p.inst, f.strategy, *job), a.w - 24.0, 9.5);
        p.text(a.x + 12.0, y + 11.0, text, 9.5, Ink::Text, Align::Left);
    }
    let more = f.ready_count.saturating_sub(max);
    let summary = match (f.ready_count, more) {
        (0, _) => "empty".to_string(),
        (_, 0) => format!("{} waiting", f.ready_count),
        (_, more) => format!("+{more} more ({} in all)", f.ready_count),
    };
    p.text(
        a.x + 8.0,
        a.y + a.h - 8.0,
        summary,
        10.0,
        Ink::Muted,
        Align::Left,
    );
}

fn counter(p: &mut Painter, a: Area, f: &Frame) {
    p.panel(a, "Barista (main thread)");
    let (ring, state) = match f.barista {
        Barista::Idle => (Ink::Muted, "idle"),
        Barista::Working { .. } => (Ink::Cpu, "working"),
        Barista::Blocked { .. } => (Ink::Blocked, "BLOCKED"),
    };
    let doing = labels::barista(p.inst, f.barista, f.t);
    wrap(p, a.x + a.w / 2.0, a.y + 40.0, &doing, a.w - 12.0, 12.0);
    let (cx, cy) = (a.x + 34.0, a.y + a.h - 40.0);
    p.out.push(Shape::Circle {
        x: cx,
        y: cy,
        r: 18.0,
        fill: Some(Ink::Card),
        stroke: Some(ring),
        width: 4.0,
    });
    if let Barista::Blocked { .. } = f.barista {
        p.out.push(draw::hatched(
            cx - 18.0,
            cy - 18.0,
            36.0,
            36.0,
            Ink::Blocked,
        ));
    }
    p.bold(cx, cy + 6.0, "B", 13.0, Ink::Text, Align::Center);
    p.bold(cx + 28.0, cy - 4.0, state, 13.0, ring, Align::Left);
    // Progress through the current stretch of work.
    if let Barista::Working { since, until, .. } | Barista::Blocked { since, until, .. } = f.barista
    {
        let total = until.since(since).as_ms().max(1.0) as f32;
        let done = (f.t.since(since).as_ms() as f32 / total).clamp(0.0, 1.0);
        let (x, w) = (cx + 28.0, a.w - 70.0);
        p.out.push(draw::frame(x, cy + 4.0, w, 10.0, None, ring));
        p.out.push(draw::fill(x, cy + 4.0, w * done, 10.0, ring));
    }
}

/// Writes `text` centred on `x`, wrapped to `width` (about 0.55 em a char).
fn wrap(p: &mut Painter, x: f32, y: f32, text: &str, width: f32, size: f32) {
    let per_line = (width / (p.size(size) * 0.55)).max(8.0) as usize;
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().map_or(0, |l| l.chars().count());
        if last > 0 && last + 1 + word.chars().count() > per_line {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    for (i, l) in lines.into_iter().take(3).enumerate() {
        p.text(
            x,
            y + i as f32 * p.size(size + 2.0),
            l,
            size,
            Ink::Text,
            Align::Center,
        );
    }
}

fn line(p: &mut Painter, a: Area, f: &Frame) {
    p.panel(a, &format!("Line: {}", f.line.len()));
    let portrait = p.style.orientation == Orientation::Portrait;
    let step = 32.0;
    let (front_x, y) = if portrait {
        (a.x + a.w - 24.0, a.y + a.h * 0.52)
    } else {
        (a.x + a.w - 22.0, a.y + a.h * 0.55)
    };
    let room = ((a.w - 40.0) / step).max(1.0) as usize;
    // Everyone steps forward when the first in line is taken.
    let shuffle = match (p.style.motion, f.last_taken) {
        (true, Some(at)) => 1.0 - ease(progress(f.t, at, 250.0)),
        _ => 0.0,
    };
    let shown = f.line.len().min(room);
    for (slot, order) in f.line.clone().take(shown).enumerate() {
        let arrive = p.inst.orders[order].arrival;
        // Newcomers walk in from the door.
        let walk = if p.style.motion {
            1.0 - ease(progress(f.t, arrive, 300.0))
        } else {
            0.0
        };
        let target = front_x - (slot as f32 + shuffle) * step;
        let x = target - walk * (target - a.x - 6.0).max(0.0);
        p.customer(order as u32, x, y, 13.0, slot < 3);
    }
    if f.line.len() > shown {
        let more = f.line.len() - shown;
        p.bold(
            a.x + 8.0,
            a.y + a.h - 8.0,
            format!("+{more} more waiting"),
            11.0,
            Ink::Bad,
            Align::Left,
        );
    } else if f.line.is_empty() {
        p.text(
            a.x + 8.0,
            a.y + a.h - 8.0,
            "nobody waiting",
            10.0,
            Ink::Muted,
            Align::Left,
        );
    }
}

fn in_flight(p: &mut Painter, a: Area, f: &Frame) {
    p.panel(a, &format!("In progress: {}", f.in_flight_count));
    let per_row = ((a.w - 16.0) / 32.0).max(1.0) as usize;
    let rows = ((a.h - 30.0) / 36.0).max(1.0) as usize;
    let room = (per_row * rows).min(SHOWN);
    for (i, &order) in f.in_flight.iter().take(room).enumerate() {
        let (c, r) = (i % per_row, i / per_row);
        p.customer(
            order,
            a.x + 24.0 + c as f32 * 32.0,
            a.y + 44.0 + r as f32 * 36.0,
            12.0,
            false,
        );
    }
    let more = f
        .in_flight_count
        .saturating_sub(room.min(f.in_flight.len()));
    if more > 0 {
        p.text(
            a.x + a.w - 8.0,
            a.y + 17.0,
            format!("+{more} more"),
            10.0,
            Ink::Muted,
            Align::Right,
        );
    }
}

fn pickup(p: &mut Painter, a: Area, f: &Frame) {
    let [served, cookies, _] = f.outcomes;
    p.panel(a, &format!("Served {served} · cookies {cookies}"));
    let y = a.y + a.h * 0.6;
    let room = ((a.w - 20.0) / 30.0).max(1.0) as usize;
    for (i, &(when, order, outcome)) in f.recent.iter().take(room).enumerate() {
        // Just served: they walk away to the right.
        let leave = if p.style.motion {
            ease(progress(f.t, when, 2000.0)) * 20.0
        } else {
            0.0
        };
        let x = a.x + 22.0 + i as f32 * 30.0 + leave;
        p.customer(order, x, y, 10.0, false);
        let mark = if outcome == Outcome::Cookie {
            "◆"
        } else {
            "☕"
        };
        let ink = if outcome == Outcome::Cookie {
            Ink::Warn
        } else {
            Ink::Good
        };
        p.bold(x + 10.0, y - 8.0, mark, 11.0, ink, Align::Center);
    }
}

fn lost(p: &mut Painter, a: Area, f: &Frame) {
    let count = f.outcomes[2];
    p.panel(a, &format!("Lost: {count} (waiting forever)"));
    if count == 0 {
        p.text(
            a.x + 8.0,
            a.y + a.h * 0.62,
            "nobody: every error was handled",
            10.0,
            Ink::Muted,
            Align::Left,
        );
        return;
    }
    let y = a.y + a.h * 0.6;
    let room = ((a.w - 20.0) / 30.0).max(1.0) as usize;
    for (i, &order) in f.lost.iter().take(room).enumerate() {
        let x = a.x + 22.0 + i as f32 * 30.0;
        p.customer(order, x, y, 10.0, false);
        p.bold(x + 10.0, y - 8.0, "?", 11.0, Ink::Bad, Align::Center);
    }
}

/// Size of a [`mini`] café.
pub const MINI: (f32, f32) = (320.0, 150.0);

/// A small café for the race view: the barista, the line, each machine and
/// the score, all at a glance.
pub fn mini(inst: &Instance, f: &Frame, label: &str, text_scale: f32) -> Vec<Shape> {
    let style = Style {
        orientation: Orientation::Landscape,
        motion: false,
        selected: None,
        text_scale,
    };
    let mut p = Painter {
        out: Vec::with_capacity(64),
        spots: Vec::new(),
        inst,
        style,
    };
    let (w, h) = MINI;
    p.out
        .push(draw::frame(0.0, 0.0, w, h, Some(Ink::Card), Ink::Line));
    p.bold(8.0, 18.0, label, 13.0, Ink::Text, Align::Left);
    let [served, cookies, lost] = f.outcomes;
    let total = inst.orders.len();
    p.text(
        w - 8.0,
        18.0,
        format!("served {served}/{total}"),
        11.0,
        Ink::Text,
        Align::Right,
    );
    // Barista.
    let (ring, state) = match f.barista {
        Barista::Idle => (Ink::Muted, "idle"),
        Barista::Working { .. } => (Ink::Cpu, "working"),
        Barista::Blocked { .. } => (Ink::Blocked, "BLOCKED"),
    };
    let bx = 44.0;
    p.out.push(Shape::Circle {
        x: bx,
        y: 60.0,
        r: 14.0,
        fill: Some(Ink::Card),
        stroke: Some(ring),
        width: 4.0,
    });
    if let Barista::Blocked { .. } = f.barista {
        p.out
            .push(draw::hatched(bx - 14.0, 46.0, 28.0, 28.0, Ink::Blocked));
    }
    p.bold(bx, 92.0, state, 9.0, ring, Align::Center);
    // The line as dots.
    p.text(
        90.0,
        44.0,
        format!("line {}", f.line.len()),
        10.0,
        Ink::Muted,
        Align::Left,
    );
    for i in 0..f.line.len().min(14) {
        let x = 94.0 + i as f32 * 8.0;
        p.out.push(Shape::Circle {
            x,
            y: 56.0,
            r: 3.0,
            fill: Some(Ink::Text),
            stroke: None,
            width: 0.0,
        });
    }
    // Machines: one bar each, filled by the share of busy units.
    for (i, m) in f.machines.iter().take(5).enumerate() {
        let y = 70.0 + i as f32 * 14.0;
        let busy = m.units.iter().filter(|u| !matches!(u, Unit::Idle)).count() as f32;
        let share = busy / m.units.len().max(1) as f32;
        p.text(90.0, y + 9.0, m.kind.key(), 9.0, Ink::Muted, Align::Left);
        p.out
            .push(draw::frame(146.0, y, 120.0, 10.0, None, Ink::Io));
        p.out
            .push(draw::hatched(146.0, y, 120.0 * share, 10.0, Ink::Io));
        if m.waiting_count > 0 {
            p.text(
                272.0,
                y + 9.0,
                format!("+{}", m.waiting_count),
                9.0,
                Ink::Text,
                Align::Left,
            );
        }
    }
    let tail = format!(
        "{cookies} cookies · {lost} lost · {} in progress",
        f.in_flight_count
    );
    p.text(
        8.0,
        h - 8.0,
        tail,
        10.0,
        if lost > 0 { Ink::Bad } else { Ink::Muted },
        Align::Left,
    );
    p.out
}

/// "1 ready task", "3 ready tasks".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The scene in words, for screen readers and anyone who prefers text.
pub fn describe(inst: &Instance, f: &Frame) -> String {
    let mut s = format!(
        "At {}, {} mode: the barista is {}. ",
        duration_ms(f.t.as_ms()),
        match f.strategy {
            Strategy::Blocking => "blocking",
            Strategy::Callbacks => "callbacks",
            Strategy::Await => "sequential await",
            Strategy::Join => "parallel join",
        },
        labels::barista(inst, f.barista, f.t)
    );
    s.push_str(&match f.line.len() {
        0 => "Nobody is in line. ".to_string(),
        1 => format!("{} is in line. ", inst.name(f.line.start)),
        n => format!(
            "{n} customers are in line, {} first. ",
            inst.name(f.line.start)
        ),
    });
    for m in &f.machines {
        let busy: Vec<String> = m
            .units
            .iter()
            .filter_map(|u| match *u {
                Unit::Working { order, until, .. } => Some(format!(
                    "working for {} ({} left)",
                    inst.name(order as usize),
                    duration_ms(until.since(f.t).as_ms())
                )),
                Unit::Done { order, .. } => Some(format!(
                    "done for {}, waiting for the barista",
                    inst.name(order as usize)
                )),
                Unit::Idle => None,
            })
            .collect();
        if !busy.is_empty() || m.waiting_count > 0 {
            s.push_str(&format!(
                "The {}: {}",
                m.kind.label(),
                if busy.is_empty() {
                    "idle".to_string()
                } else {
                    busy.join("; ")
                }
            ));
            if m.waiting_count > 0 {
                s.push_str(&format!(", {} waiting", m.waiting_count));
            }
            s.push_str(". ");
        }
        let c = crate::engine::pool::PhaseCounts::of(&m.phases);
        if c.cold + c.warming > 0 {
            s.push_str(&format!(
                "{} {}: {} cold, {} warming up. ",
                m.kind.label(),
                if m.units.len() == 1 { "unit" } else { "units" },
                c.cold,
                c.warming
            ));
        }
    }
    if let Some(c) = f.circuit {
        s.push_str(&format!(
            "The card reader's circuit breaker is {}. ",
            c.key()
        ));
    }
    let [served, cookies, lost] = f.outcomes;
    s.push_str(&format!(
        "{}, {}. {} in progress; {served} served, {cookies} cookies, {lost} lost.",
        count(f.ready_count, "ready task"),
        count(f.microtasks.len(), "microtask"),
        f.in_flight_count
    ));
    s
}

#[cfg(test)]
mod mechanism_tests {
    use super::*;
    use crate::engine::presets::preset;
    use crate::play::Runs;

    fn runs(id: &str) -> Runs {
        let Some(s) = preset(id).and_then(|p| p.scenario().ok()) else {
            panic!("preset {id}");
        };
        Runs::new(&s)
    }

    fn texts(shapes: &[Shape]) -> String {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn cold_units_and_the_breaker_are_drawn_and_told() {
        let style = Style {
            orientation: Orientation::Landscape,
            motion: false,
            selected: None,
            text_scale: 1.0,
        };
        let r = runs("cold-pool");
        let f = Frame::at(&r, Strategy::Await, SimTime::ZERO);
        assert!(texts(&scene(&r.instance, &f, style)).contains("cold: put away"));
        assert!(describe(&r.instance, &f).contains("cold"));
        let r = runs("breaker");
        let run = r.run(Strategy::Await);
        let open = run
            .index
            .circuit_series()
            .iter()
            .find(|p| p.1 == Circuit::Open)
            .map(|p| p.0);
        let Some(open) = open else {
            panic!("the breaker opens");
        };
        let f = Frame::at(&r, Strategy::Await, open);
        assert_eq!(f.circuit, Some(Circuit::Open));
        let drawn = texts(&scene(&r.instance, &f, style));
        assert!(drawn.contains("breaker OPEN"), "{drawn}");
        assert!(describe(&r.instance, &f).contains("circuit breaker is open"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Scenario;
    use crate::play::Runs;

    fn texts(shapes: &[Shape]) -> Vec<&str> {
        shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn style(orientation: Orientation) -> Style {
        Style {
            orientation,
            motion: true,
            selected: Some(2),
            text_scale: 1.0,
        }
    }

    #[test]
    fn karens_hand_pour_is_drawn_and_said() {
        let runs = Runs::new(&Scenario::default());
        // Callbacks: Karen is hand-poured 2465–3965 ms (served at 4045).
        let t = SimTime::from_ms(2500.0);
        let f = Frame::at(&runs, Strategy::Callbacks, t);
        for o in [Orientation::Landscape, Orientation::Portrait] {
            let shapes = scene(&runs.instance, &f, style(o));
            let all = texts(&shapes).join(" | ");
            assert!(
                all.contains("hand-pouring") && all.contains("frozen"),
                "{all}"
            );
            assert!(all.contains("Karen"), "the selected customer is named");
            let (w, h) = o.size();
            for s in &shapes {
                if let Shape::Text { x, y, .. } = s {
                    assert!(
                        (0.0..=w).contains(x) && (0.0..=h).contains(y),
                        "{s:?} inside {o:?}"
                    );
                }
            }
        }
        let words = describe(&runs.instance, &f);
        assert!(words.contains("hand-pouring Karen's coffee"), "{words}");
    }

    #[test]
    fn blocking_shows_a_blocked_barista_and_a_long_line() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(1000.0));
        let shapes = scene(&runs.instance, &f, style(Orientation::Landscape));
        let all = texts(&shapes).join(" | ");
        assert!(all.contains("BLOCKED"), "{all}");
        assert!(all.contains("Line: 3"), "{all}");
        let blocked_pattern = shapes.iter().any(|s| {
            matches!(
                s,
                Shape::Rect {
                    hatch: true,
                    stroke: Some(Ink::Blocked),
                    ..
                }
            )
        });
        assert!(blocked_pattern, "blocked is a pattern, not only a colour");
    }

    #[test]
    fn clicking_a_customer_finds_them() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(1000.0));
        let st = Style {
            motion: false,
            ..style(Orientation::Landscape)
        };
        // Ben is first in line: at the front of the line panel.
        let shapes = scene(&runs.instance, &f, st);
        let ben = shapes.iter().find_map(|s| match s {
            Shape::Text { text, x, y, .. } if text == "Ben" => Some((*x, *y)),
            _ => None,
        });
        let (x, y) = ben.expect("Ben's name tag is drawn");
        assert_eq!(customer_at(&runs.instance, &f, st, x, y - 20.0), Some(1));
        assert_eq!(customer_at(&runs.instance, &f, st, 1.0, 1.0), None);
    }

    #[test]
    fn the_mini_cafe_keeps_score() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Join, runs.run(Strategy::Join).trace.end);
        let shapes = mini(&runs.instance, &f, "Parallel join", 1.0);
        let all = texts(&shapes).join(" | ");
        assert!(
            all.contains("served 8/8") && all.contains("Parallel join"),
            "{all}"
        );
        for s in &shapes {
            if let Shape::Text { x, y, .. } = s {
                assert!(*x <= MINI.0 && *y <= MINI.1);
            }
        }
    }

    #[test]
    fn reduced_motion_draws_the_same_state_without_tweens() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Join, SimTime::from_ms(610.0));
        let moving = scene(&runs.instance, &f, style(Orientation::Landscape));
        let still = scene(
            &runs.instance,
            &f,
            Style {
                motion: false,
                ..style(Orientation::Landscape)
            },
        );
        assert_eq!(texts(&moving), texts(&still), "same words either way");
    }
}
