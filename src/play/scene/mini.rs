//! A small café for the race view: the barista, the line, each machine and
//! the score of one strategy, all at a glance.

use super::super::frame::Frame;
use super::super::shape::{Align, Ink, Shape, draw};
use crate::engine::Instance;
use crate::engine::snapshot::{Barista, Unit};

/// Size of a [`mini`] café.
pub const MINI: (f32, f32) = (320.0, 150.0);

/// The race's café for `f`, titled `label`, text scaled by `text_scale`.
pub fn mini(inst: &Instance, f: &Frame, label: &str, text_scale: f32) -> Vec<Shape> {
    let mut out = Vec::with_capacity(64);
    let size = |s: f32| s * 1.2 * text_scale;
    let text = |out: &mut Vec<Shape>, x, y, t: String, s, ink, align| {
        out.push(draw::text(x, y, t, size(s), ink, align));
    };
    let (w, h) = MINI;
    out.push(draw::frame(0.0, 0.0, w, h, Some(Ink::Card), Ink::Line));
    out.push(draw::bold(
        8.0,
        18.0,
        label,
        size(12.0),
        Ink::Text,
        Align::Left,
    ));
    let [served, cookies, lost] = f.outcomes;
    let total = inst.orders.len();
    text(
        &mut out,
        w - 8.0,
        18.0,
        format!("served {served}/{total}"),
        11.0,
        Ink::Text,
        Align::Right,
    );
    // The barista: a ring that says working, blocked (hatched) or idle.
    let (ring, state) = match f.barista {
        Barista::Idle => (Ink::Muted, "idle"),
        Barista::Working { .. } => (Ink::Cpu, "working"),
        Barista::Blocked { .. } => (Ink::Blocked, "BLOCKED"),
    };
    let bx = 44.0;
    out.push(Shape::Circle {
        x: bx,
        y: 60.0,
        r: 14.0,
        fill: Some(Ink::Card),
        stroke: Some(ring),
        width: 4.0,
    });
    if let Barista::Blocked { .. } = f.barista {
        out.push(draw::hatched(bx - 14.0, 46.0, 28.0, 28.0, Ink::Blocked));
    }
    out.push(draw::bold(bx, 94.0, state, size(9.5), ring, Align::Center));
    // The line as dots.
    text(
        &mut out,
        90.0,
        44.0,
        format!("line {}", f.line.len()),
        10.0,
        Ink::Muted,
        Align::Left,
    );
    for i in 0..f.line.len().min(14) {
        out.push(draw::disc(94.0 + i as f32 * 8.0, 56.0, 3.0, Ink::Text));
    }
    // Machines: one bar each, filled by the share of busy units.
    for (i, m) in f.machines.iter().take(5).enumerate() {
        let y = 70.0 + i as f32 * 14.0;
        let busy = m.units.iter().filter(|u| !matches!(u, Unit::Idle)).count() as f32;
        let share = busy / m.units.len().max(1) as f32;
        text(
            &mut out,
            90.0,
            y + 9.0,
            m.kind.key().to_string(),
            9.5,
            Ink::Muted,
            Align::Left,
        );
        out.push(draw::frame(146.0, y, 120.0, 10.0, None, Ink::Io));
        out.push(draw::hatched(146.0, y, 120.0 * share, 10.0, Ink::Io));
        if m.waiting_count > 0 {
            text(
                &mut out,
                272.0,
                y + 9.0,
                format!("+{}", m.waiting_count),
                9.5,
                Ink::Text,
                Align::Left,
            );
        }
    }
    let tail = format!(
        "{cookies} cookies · {lost} lost · {} in progress",
        f.in_flight_count
    );
    let ink = if lost > 0 { Ink::Bad } else { Ink::Muted };
    text(&mut out, 8.0, h - 8.0, tail, 10.0, ink, Align::Left);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, Strategy};
    use crate::play::Runs;

    #[test]
    fn the_mini_cafe_keeps_score() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Join, runs.run(Strategy::Join).trace.end);
        let shapes = mini(&runs.instance, &f, "Parallel join", 1.0);
        let all: Vec<&str> = shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let all = all.join(" | ");
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
}
