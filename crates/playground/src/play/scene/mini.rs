//! A small café for the race view: the barista, the line, each machine and
//! the score of one strategy, all at a glance.

use super::super::frame::Frame;
use super::super::shape::{Align, Ink, Shape, draw};
use crate::engine::Instance;
use crate::engine::snapshot::{Barista, Unit};

/// Size of a [`mini`] café.
pub const MINI: (f32, f32) = (320.0, 150.0);

/// The race's café for `f`, titled `label`, text scaled by `text_scale`.
/// Every word is at least 15 units (14 CSS px on a 300 px card).
pub fn mini(inst: &Instance, f: &Frame, label: &str, text_scale: f32) -> Vec<Shape> {
    let mut out = Vec::with_capacity(48);
    let size = 15.0 * text_scale;
    let (w, h) = MINI;
    out.push(draw::frame(0.0, 0.0, w, h, Some(Ink::Card), Ink::Line));
    out.push(draw::bold(8.0, 20.0, label, size, Ink::Text, Align::Left));
    let [served, cookies, lost] = f.outcomes;
    let total = inst.orders.len();
    out.push(draw::text(
        w - 8.0,
        20.0,
        format!("{served}/{total} served"),
        size,
        Ink::Text,
        Align::Right,
    ));
    // The barista: a ring that says working, blocked (hatched) or idle.
    let (ring, state) = match f.barista {
        Barista::Idle => (Ink::Muted, "idle"),
        Barista::Working { .. } => (Ink::Cpu, "working"),
        Barista::Blocked { .. } => (Ink::Blocked, "BLOCKED"),
    };
    let (bx, by) = (24.0, 58.0);
    out.push(Shape::Circle {
        x: bx,
        y: by,
        r: 13.0,
        fill: Some(Ink::Card),
        stroke: Some(ring),
        width: 4.0,
    });
    if let Barista::Blocked { .. } = f.barista {
        out.push(draw::hatched(
            bx - 13.0,
            by - 13.0,
            26.0,
            26.0,
            Ink::Blocked,
        ));
    }
    out.push(draw::bold(44.0, by + 5.0, state, size, ring, Align::Left));
    // The line: its length, and a dot a person.
    let line = f.line.len();
    out.push(draw::text(
        150.0,
        by + 5.0,
        format!("line {line}"),
        size,
        Ink::Text,
        Align::Left,
    ));
    for i in 0..line.min(12) {
        out.push(draw::disc(226.0 + i as f32 * 7.0, by, 3.0, Ink::Text));
    }
    // The machines: a bar each, filled by the share of busy units.
    let kinds = f.machines.len().max(1) as f32;
    let bar_w = (w - 16.0 - 6.0 * (kinds - 1.0)) / kinds;
    let mut queued = 0;
    for (i, m) in f.machines.iter().enumerate() {
        let x = 8.0 + i as f32 * (bar_w + 6.0);
        let busy = m.units.iter().filter(|u| !matches!(u, Unit::Idle)).count() as f32;
        let share = busy / m.units.len().max(1) as f32;
        out.push(draw::frame(x, 84.0, bar_w, 10.0, None, Ink::Io));
        out.push(draw::hatched(x, 84.0, bar_w * share, 10.0, Ink::Io));
        queued += m.waiting_count;
    }
    out.push(draw::text(
        8.0,
        116.0,
        format!("{} in progress · {queued} queued", f.in_flight_count),
        size,
        Ink::Text,
        Align::Left,
    ));
    let ink = if lost > 0 { Ink::Bad } else { Ink::Muted };
    let tail = format!("{cookies} cookies · {lost} lost");
    out.push(draw::text(8.0, h - 10.0, tail, size, ink, Align::Left));
    out
}

/// The race's card for a strategy still being simulated (a big café's runs
/// come in one by one): its title and what it is waiting for.
pub fn mini_pending(label: &str, text_scale: f32) -> Vec<Shape> {
    let size = 15.0 * text_scale;
    let (w, h) = MINI;
    vec![
        draw::frame(0.0, 0.0, w, h, Some(Ink::Card), Ink::Line),
        draw::bold(8.0, 20.0, label, size, Ink::Text, Align::Left),
        draw::text(
            w / 2.0,
            h / 2.0,
            "being simulated",
            size,
            Ink::Muted,
            Align::Center,
        ),
        draw::text(
            w / 2.0,
            h / 2.0 + 1.4 * size,
            "in the back room…",
            size,
            Ink::Muted,
            Align::Center,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, Strategy};
    use crate::play::Runs;
    use crate::play::shape::text_box;

    #[test]
    fn a_pending_card_says_what_it_waits_for() {
        let shapes = mini_pending("Parallel join", 1.0);
        let texts: Vec<&str> = shapes.iter().filter_map(text_box).map(|b| b.0).collect();
        assert_eq!(
            texts,
            ["Parallel join", "being simulated", "in the back room…"]
        );
    }

    #[test]
    fn the_mini_cafe_keeps_score() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Join, runs.run(Strategy::Join).trace.end);
        let shapes = mini(&runs.instance, &f, "Parallel join", 1.0);
        let all: Vec<&str> = shapes.iter().filter_map(text_box).map(|b| b.0).collect();
        let all = all.join(" | ");
        assert!(
            all.contains("8/8 served") && all.contains("Parallel join"),
            "{all}"
        );
        for scale in [1.0, 1.2] {
            let mut shapes = mini(&runs.instance, &f, "Sequential await", scale);
            shapes.extend(mini_pending("Sequential await", scale));
            for (text, left, w, y, size) in shapes.iter().filter_map(text_box) {
                assert!(size >= 15.0, "{text} is {size} units");
                assert!(
                    left >= 0.0 && left + w <= MINI.0 && y <= MINI.1,
                    "{text} fits"
                );
            }
        }
    }
}
