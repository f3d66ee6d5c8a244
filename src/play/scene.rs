//! The café scene as a display list: the line, the barista at the counter,
//! the machines with their progress and queues, the ready tray, the orders in
//! progress, the pickup and the lost. Pure: the canvas painter draws it, the
//! tests read it, and [`describe`] says the same in words.

use super::frame::{Frame, SHOWN};
use super::labels;
use super::shape::{Align, Ink, Shape, draw};
use crate::engine::scenario::{Drink, Instance, MachineKind};
use crate::engine::snapshot::{Barista, Unit};
use crate::engine::trace::Outcome;
use crate::engine::{SimTime, Strategy};
use crate::format::duration_ms;

/// Landscape for wide screens, portrait for phones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// 1000 × 440 logical units.
    Landscape,
    /// 420 × 780 logical units.
    Portrait,
}

impl Orientation {
    /// The scene's size in logical units.
    pub fn size(self) -> (f32, f32) {
        match self {
            Orientation::Landscape => (1000.0, 440.0),
            Orientation::Portrait => (420.0, 780.0),
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
    clock: (f32, f32),
}

fn layout(o: Orientation) -> Layout {
    let a = |x, y, w, h| Area { x, y, w, h };
    match o {
        Orientation::Landscape => Layout {
            machines: a(390.0, 8.0, 602.0, 190.0),
            tray: a(200.0, 8.0, 180.0, 150.0),
            counter: a(200.0, 168.0, 180.0, 162.0),
            line: a(8.0, 168.0, 188.0, 162.0),
            flight: a(390.0, 206.0, 602.0, 124.0),
            pickup: a(8.0, 338.0, 600.0, 94.0),
            lost: a(616.0, 338.0, 376.0, 94.0),
            clock: (10.0, 24.0),
        },
        Orientation::Portrait => Layout {
            machines: a(8.0, 8.0, 404.0, 250.0),
            tray: a(8.0, 266.0, 196.0, 140.0),
            counter: a(212.0, 266.0, 200.0, 140.0),
            line: a(8.0, 414.0, 404.0, 84.0),
            flight: a(8.0, 506.0, 404.0, 110.0),
            pickup: a(8.0, 624.0, 404.0, 72.0),
            lost: a(8.0, 704.0, 404.0, 68.0),
            clock: (10.0, 772.0),
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

struct Painter<'a> {
    out: Vec<Shape>,
    inst: &'a Instance,
    style: Style,
}

impl Painter<'_> {
    fn size(&self, s: f32) -> f32 {
        s * self.style.text_scale
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
        self.bold(a.x + 8.0, a.y + 17.0, title, 12.0, Ink::Muted, Align::Left);
    }

    /// A customer: a circle with an initial; Karen wears a double ring, the
    /// selected customer a thick accent ring and a name tag.
    fn customer(&mut self, order: u32, x: f32, y: f32, r: f32, tag: bool) {
        let karen = self.inst.orders[order as usize].drink == Drink::PourOver;
        let selected = self.style.selected == Some(order);
        let name = self.inst.name(order as usize);
        self.out.push(Shape::Circle {
            x,
            y,
            r,
            fill: Some(if karen { Ink::Warn } else { Ink::AccentSoft }),
            stroke: Some(if selected { Ink::Accent } else { Ink::Muted }),
            width: if selected { 3.0 } else { 1.0 },
        });
        if karen {
            self.out.push(Shape::Circle {
                x,
                y,
                r: r + 3.0,
                fill: None,
                stroke: Some(Ink::Text),
                width: 1.0,
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
    let l = layout(style.orientation);
    let mut p = Painter {
        out: Vec::with_capacity(256),
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
    let clock = format!("t = {}", duration_ms(frame.t.as_ms()));
    p.bold(l.clock.0, l.clock.1, clock, 13.0, Ink::Text, Align::Left);
    p.out
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
        machine(p, area, m, f.t);
    }
}

fn machine(p: &mut Painter, a: Area, m: &super::frame::MachineFrame, t: SimTime) {
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
    let bar_h = ((a.h - 58.0) / rows.max(1) as f32).clamp(10.0, 24.0);
    for (u, unit) in m.units.iter().take(rows).enumerate() {
        let y = a.y + 26.0 + u as f32 * (bar_h + 4.0);
        let (x, w) = (a.x + 8.0, a.w - 16.0);
        match *unit {
            Unit::Idle => {
                p.out.push(draw::frame(x, y, w, bar_h, None, Ink::Line));
                p.text(
                    x + 6.0,
                    y + bar_h * 0.7,
                    "idle",
                    10.0,
                    Ink::Muted,
                    Align::Left,
                );
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
                p.text(
                    x + 6.0,
                    y + bar_h * 0.7,
                    format!("{name} · {left}"),
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
                    format!("✓ {name}: ready"),
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
        let room = ((a.w - 60.0) / 18.0).max(0.0) as usize;
        for (i, &(order, _)) in m.waiting.iter().take(room).enumerate() {
            p.customer(order, a.x + 62.0 + i as f32 * 18.0, y, 7.0, false);
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
        let text = labels::job(p.inst, f.strategy, *job);
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
    p.panel(a, "Barista = main thread");
    let (cx, cy) = (a.x + a.w / 2.0, a.y + a.h * 0.55);
    let (ring, state) = match f.barista {
        Barista::Idle => (Ink::Muted, "idle"),
        Barista::Working { .. } => (Ink::Cpu, "working"),
        Barista::Blocked { .. } => (Ink::Blocked, "BLOCKED"),
    };
    // The counter top, then the barista behind it.
    p.out.push(draw::fill(
        a.x + 10.0,
        cy + 22.0,
        a.w - 20.0,
        10.0,
        Ink::Muted,
    ));
    p.out.push(Shape::Circle {
        x: cx,
        y: cy - 6.0,
        r: 20.0,
        fill: Some(Ink::Card),
        stroke: Some(ring),
        width: 4.0,
    });
    if let Barista::Blocked { .. } = f.barista {
        p.out.push(draw::hatched(
            cx - 20.0,
            cy - 26.0,
            40.0,
            40.0,
            Ink::Blocked,
        ));
    }
    p.bold(cx, cy - 1.0, "B", 16.0, Ink::Text, Align::Center);
    p.bold(cx, cy + 48.0, state, 12.0, ring, Align::Center);
    // Progress of the current stretch of work.
    if let Barista::Working { since, until, .. } | Barista::Blocked { since, until, .. } = f.barista
    {
        let total = until.since(since).as_ms().max(1.0) as f32;
        let done = (f.t.since(since).as_ms() as f32 / total).clamp(0.0, 1.0);
        let (x, w) = (a.x + 10.0, a.w - 20.0);
        p.out.push(draw::frame(x, a.y + 24.0, w, 8.0, None, ring));
        p.out.push(draw::fill(x, a.y + 24.0, w * done, 8.0, ring));
    }
    let doing = labels::barista(p.inst, f.barista, f.t);
    wrap(p, a.x + a.w / 2.0, a.y + 46.0, &doing, a.w - 12.0, 10.0);
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
    for (i, l) in lines.into_iter().take(2).enumerate() {
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
    let step = 30.0;
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
        p.customer(order as u32, x, y, 11.0, slot < 3);
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
    p.panel(
        a,
        &format!(
            "Orders in progress (waiting for machines or the barista): {}",
            f.in_flight_count
        ),
    );
    let per_row = ((a.w - 16.0) / 30.0).max(1.0) as usize;
    let rows = ((a.h - 30.0) / 32.0).max(1.0) as usize;
    let room = (per_row * rows).min(SHOWN);
    for (i, &order) in f.in_flight.iter().take(room).enumerate() {
        let (c, r) = (i % per_row, i / per_row);
        p.customer(
            order,
            a.x + 22.0 + c as f32 * 30.0,
            a.y + 40.0 + r as f32 * 32.0,
            10.0,
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
    p.panel(a, &format!("Pickup: {served} served · {cookies} cookies"));
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
    p.panel(a, &format!("Lost (waiting forever): {count}"));
    if count == 0 {
        p.text(
            a.x + 8.0,
            a.y + a.h * 0.62,
            "nobody — every error was handled",
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
    }
    let [served, cookies, lost] = f.outcomes;
    s.push_str(&format!(
        "{} ready tasks, {} microtasks. {} in progress; {served} served, {cookies} cookies, {lost} lost.",
        f.ready_count,
        f.microtasks.len(),
        f.in_flight_count
    ));
    s
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
            assert!(all.contains("hand-pouring Karen's coffee"), "{all}");
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
