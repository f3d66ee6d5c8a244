//! The machines on the back counter, drawn as machines: card reader,
//! grinder, steamer, kettle, menu server, and the door to the helpers' back
//! room. One drawing per unit while they fit (a compact "×N" past that),
//! progress on the machine itself, waiting requests as order tickets clipped
//! to it, cold pool units switched off, the circuit breaker as a switch on
//! the card reader's cable, the cache as a price board by the menu server.

use super::super::frame::MachineFrame;
use super::super::shape::{Align, Ink, Shape, draw};
use super::{Area, Painter};
use crate::engine::SimTime;
use crate::engine::breaker::Circuit;
use crate::engine::pool::Phase;
use crate::engine::scenario::MachineKind;
use crate::engine::snapshot::Unit;

/// Narrowest drawing of one unit; past what fits, the compact form.
const UNIT_MIN_W: f32 = 58.0;
/// Widest drawing of one unit.
const UNIT_MAX_W: f32 = 92.0;
/// Room for the breaker's switch or the cache's board beside a machine.
const SIDE_W: f32 = 92.0;

/// Where a machine kind was drawn: its centre and its button's height.
#[derive(Clone, Copy, Debug)]
pub struct Spot {
    /// Which kind.
    pub kind: MachineKind,
    /// Centre of the first unit.
    pub x: f32,
    /// Where a finger presses.
    pub button_y: f32,
}

/// What the machines band needs besides the machines.
pub struct Extras {
    /// The breaker's state, when there is one.
    pub circuit: Option<Circuit>,
    /// Cache hits and lookups so far, when there is a cache.
    pub cache: Option<(u32, u32)>,
    /// The instant.
    pub t: SimTime,
}

/// A kind's name over its drawings: long, and short for a narrow slot.
fn titles(kind: MachineKind) -> [&'static str; 2] {
    match kind {
        MachineKind::Reader => ["Card reader", "Reader"],
        MachineKind::Grinder => ["Grinder", "Grinder"],
        MachineKind::Steamer => ["Steamer", "Steamer"],
        MachineKind::Kettle => ["Kettle", "Kettle"],
        MachineKind::Menu => ["Menu server", "Menu"],
        MachineKind::Helper => ["Helpers", "Helpers"],
    }
}

impl Painter<'_> {
    /// Draws every machine kind side by side in `a` (its bottom is the back
    /// counter's top); returns where each kind stands.
    pub(super) fn machines(&mut self, a: Area, machines: &[MachineFrame], x: &Extras) -> Vec<Spot> {
        let side = |m: &MachineFrame| match m.kind {
            MachineKind::Reader if x.circuit.is_some() => SIDE_W,
            MachineKind::Menu if x.cache.is_some() => SIDE_W,
            _ => 0.0,
        };
        // Every kind gets room for its short name (and its switch or board);
        // what is left goes to the kinds with more units.
        let px = self.size(15.0);
        let least =
            |m: &MachineFrame| self.measure.width(titles(m.kind)[1], px, true) + 6.0 + side(m);
        let weight = |m: &MachineFrame| m.units.len().clamp(1, 3) as f32;
        let gap = 8.0;
        let room = a.w - gap * (machines.len().saturating_sub(1)) as f32;
        let needed: f32 = machines.iter().map(least).sum();
        let spare = (room - needed).max(0.0);
        let squeeze = if needed > room { room / needed } else { 1.0 };
        let total: f32 = machines.iter().map(weight).sum::<f32>().max(1.0);
        let mut left = a.x;
        let mut spots = Vec::with_capacity(machines.len());
        for m in machines {
            let w = least(m) * squeeze + spare * weight(m) / total;
            let slot = Area {
                x: left,
                y: a.y,
                w,
                h: a.h,
            };
            spots.push(self.machine(slot, m, side(m), x));
            left += w + gap;
        }
        spots
    }

    fn machine(&mut self, a: Area, m: &MachineFrame, side: f32, x: &Extras) -> Spot {
        let n = m.units.len();
        let body = Area { w: a.w - side, ..a };
        let fits = ((body.w / UNIT_MIN_W) as usize).max(1);
        let drawn = if n <= fits { n } else { 1 };
        let busy = m.units.iter().filter(|u| !matches!(u, Unit::Idle)).count();
        // Longest first; the bare short name last (the count then goes on
        // the machine itself).
        let [long, short] = titles(m.kind);
        let mut labels: Vec<String> = [long, short]
            .into_iter()
            .flat_map(|t| {
                if n > drawn {
                    vec![format!("{t} ×{n} · {busy} busy"), format!("{t} ×{n}")]
                } else if n > 1 {
                    vec![format!("{t} ×{n}")]
                } else {
                    vec![t.to_string()]
                }
            })
            .collect();
        labels.push(short.to_string());
        let label = self.first_fit(&labels, a.w - 2.0, 15.0, true);
        let counted = label.contains('×');
        self.bold(a.x + 2.0, a.y + 15.0, label, 15.0, Ink::Text, Align::Left);
        let top = a.y + 24.0;
        let bottom = a.y + a.h;
        let uw = (body.w / drawn as f32).min(UNIT_MAX_W);
        for u in 0..drawn {
            let ux = body.x + u as f32 * uw;
            let unit = if n > drawn {
                // Compact: the drawing shows the first busy unit.
                m.units
                    .iter()
                    .copied()
                    .find(|u| !matches!(u, Unit::Idle))
                    .unwrap_or(Unit::Idle)
            } else {
                m.units[u]
            };
            let phase = if n > drawn {
                None
            } else {
                m.phases.get(u).copied()
            };
            self.unit(
                Area {
                    x: ux + 3.0,
                    y: top,
                    w: uw - 6.0,
                    h: bottom - top,
                },
                m.kind,
                unit,
                phase,
                x.t,
            );
        }
        if n > 1 && !counted {
            let cx = body.x + (uw * drawn as f32).min(body.w) / 2.0;
            self.tag(cx, bottom - 22.0, &format!("×{n}"), Ink::Text, uw);
        }
        if m.waiting_count > 0 {
            self.queue_tickets(body.x + (uw * drawn as f32).min(body.w), top, m);
        }
        if side > 0.0 {
            let s = Area {
                x: a.x + a.w - side + 4.0,
                y: top,
                w: side - 4.0,
                h: bottom - top,
            };
            match (m.kind, x.circuit, x.cache) {
                (MachineKind::Reader, Some(c), _) => self.breaker(s, c, body.x + uw / 2.0),
                (MachineKind::Menu, _, Some(hits)) => self.price_board(s, hits),
                _ => {}
            }
        }
        Spot {
            kind: m.kind,
            x: body.x + uw / 2.0,
            button_y: top + (bottom - top) * 0.45,
        }
    }

    /// Requests waiting for a unit: order tickets clipped on a string at the
    /// machine's right, the first name readable, the count beside them.
    fn queue_tickets(&mut self, right: f32, top: f32, m: &MachineFrame) {
        let (x, top) = (right - 30.0, top + 26.0);
        for i in (0..m.waiting_count.min(3)).rev() {
            let off = i as f32 * 3.0;
            self.out.push(Shape::Round {
                x: x + off,
                y: top + off,
                w: 26.0,
                h: 20.0,
                r: 2.0,
                fill: Some(Ink::Paper),
                stroke: Some(Ink::Muted),
                width: 1.0,
            });
        }
        self.out
            .push(draw::fill(x + 9.0, top - 3.0, 8.0, 5.0, Ink::MetalDark));
        self.bold(
            x + 13.0,
            top + 15.0,
            m.waiting_count.to_string(),
            15.0,
            Ink::Text,
            Align::Center,
        );
    }

    /// One unit of `kind` in `a` (standing on its bottom edge).
    fn unit(&mut self, a: Area, kind: MachineKind, unit: Unit, phase: Option<Phase>, t: SimTime) {
        let cold = phase == Some(Phase::Cold);
        let warming = phase == Some(Phase::Warming);
        let working = matches!(unit, Unit::Working { .. }) && !warming;
        let (cx, base) = (a.x + a.w / 2.0, a.y + a.h);
        let body = if cold { Ink::Card } else { Ink::Metal };
        let edge = if cold { Ink::Muted } else { Ink::MetalDark };
        let h = a.h - 22.0; // room on top for the order's ticket
        let w = a.w.min(70.0);
        let (x0, y0) = (cx - w / 2.0, base - h);
        match kind {
            MachineKind::Reader => {
                // A payment terminal on a stand.
                self.out.push(draw::round(
                    cx - 8.0,
                    base - 8.0,
                    16.0,
                    8.0,
                    2.0,
                    edge,
                    None,
                ));
                self.out.push(draw::round(
                    cx - w * 0.3,
                    y0 + h * 0.2,
                    w * 0.6,
                    h * 0.72,
                    6.0,
                    body,
                    Some(edge),
                ));
                self.out.push(draw::round(
                    cx - w * 0.22,
                    y0 + h * 0.28,
                    w * 0.44,
                    h * 0.22,
                    2.0,
                    if working { Ink::Io } else { Ink::Paper },
                    Some(edge),
                ));
                for r in 0..2 {
                    for c in 0..3 {
                        self.out.push(draw::disc(
                            cx - w * 0.12 + c as f32 * w * 0.12,
                            y0 + h * (0.62 + r as f32 * 0.13),
                            2.0,
                            edge,
                        ));
                    }
                }
            }
            MachineKind::Grinder => {
                // A hopper of beans over a body with a spout.
                self.out.push(draw::polygon(
                    vec![
                        (cx - w * 0.32, y0),
                        (cx + w * 0.32, y0),
                        (cx + w * 0.14, y0 + h * 0.3),
                        (cx - w * 0.14, y0 + h * 0.3),
                    ],
                    if cold { Ink::Card } else { Ink::Steam },
                    Some(edge),
                ));
                for i in 0..3 {
                    self.out.push(draw::ellipse(
                        cx - 6.0 + i as f32 * 6.0,
                        y0 + h * 0.12,
                        2.5,
                        1.8,
                        Ink::Hair,
                    ));
                }
                self.out.push(draw::round(
                    cx - w * 0.26,
                    y0 + h * 0.3,
                    w * 0.52,
                    h * 0.7,
                    5.0,
                    body,
                    Some(edge),
                ));
                if working {
                    // Grounds falling from the spout.
                    let phase = (t.as_ms() / 90.0) as u32 % 3;
                    for i in 0..3 {
                        let y = y0 + h * 0.72 + ((i + phase) % 3) as f32 * 5.0;
                        self.out.push(draw::disc(cx, y, 1.6, Ink::Hair));
                    }
                }
            }
            MachineKind::Steamer => {
                // An espresso machine with its steam wand.
                self.out.push(draw::round(
                    x0,
                    y0 + h * 0.15,
                    w,
                    h * 0.85,
                    6.0,
                    body,
                    Some(edge),
                ));
                self.out
                    .push(draw::fill(x0, y0 + h * 0.15, w, h * 0.14, edge));
                self.out.push(draw::polyline(
                    vec![(cx + w * 0.3, y0 + h * 0.4), (cx + w * 0.42, y0 + h * 0.8)],
                    edge,
                    3.0,
                ));
                self.cup(cx - w * 0.1, base - 3.0, 0.9);
                if working {
                    self.steam(cx + w * 0.42, y0 + h * 0.75, t);
                }
            }
            MachineKind::Kettle => {
                // A gooseneck kettle on its base.
                self.out.push(draw::round(
                    cx - w * 0.34,
                    base - 8.0,
                    w * 0.68,
                    8.0,
                    3.0,
                    edge,
                    None,
                ));
                self.out.push(Shape::Ellipse {
                    x: cx,
                    y: base - 8.0 - h * 0.3,
                    rx: w * 0.3,
                    ry: h * 0.3,
                    fill: Some(body),
                    stroke: Some(edge),
                    width: 1.5,
                });
                self.out.push(draw::polyline(
                    vec![
                        (cx + w * 0.25, base - 8.0 - h * 0.25),
                        (cx + w * 0.42, base - 8.0 - h * 0.2),
                        (cx + w * 0.48, base - 8.0 - h * 0.6),
                    ],
                    edge,
                    3.0,
                ));
                self.out.push(Shape::Arc {
                    x: cx - w * 0.3,
                    y: base - 8.0 - h * 0.3,
                    r: h * 0.2,
                    from: std::f32::consts::PI * 0.5,
                    to: std::f32::consts::PI * 1.5,
                    ink: edge,
                    width: 3.0,
                });
                if working {
                    self.steam(cx + w * 0.48, base - 8.0 - h * 0.62, t);
                }
            }
            MachineKind::Menu => {
                // A small server with blinking lights.
                self.out.push(draw::round(
                    cx - w * 0.3,
                    y0 + h * 0.1,
                    w * 0.6,
                    h * 0.9,
                    4.0,
                    if cold { Ink::Card } else { Ink::MetalDark },
                    Some(edge),
                ));
                for i in 0..3 {
                    let y = y0 + h * (0.22 + i as f32 * 0.24);
                    self.out
                        .push(draw::fill(cx - w * 0.22, y, w * 0.44, h * 0.12, Ink::Metal));
                    let on = working && (t.as_ms() / 150.0) as u32 % 3 == i;
                    self.out.push(draw::disc(
                        cx + w * 0.16,
                        y + h * 0.06,
                        2.2,
                        if on { Ink::Good } else { Ink::MetalDark },
                    ));
                }
            }
            MachineKind::Helper => {
                // The door to the back room; open, with a helper at work,
                // while busy.
                self.out
                    .push(draw::fill(x0 + 2.0, y0, w - 4.0, h, Ink::Hair));
                if working || warming {
                    self.out
                        .push(draw::disc(cx, y0 + h * 0.35, 7.0, Ink::Skin1));
                    self.out.push(draw::round(
                        cx - 9.0,
                        y0 + h * 0.45,
                        18.0,
                        h * 0.55,
                        5.0,
                        Ink::Coat2,
                        None,
                    ));
                    self.out.push(draw::polygon(
                        vec![
                            (x0 + 2.0, y0),
                            (x0 + w * 0.3, y0 + 6.0),
                            (x0 + w * 0.3, base - 2.0),
                            (x0 + 2.0, base),
                        ],
                        Ink::Wood,
                        Some(Ink::WoodDark),
                    ));
                } else {
                    self.out.push(Shape::Rect {
                        x: x0 + 2.0,
                        y: y0,
                        w: w - 4.0,
                        h,
                        fill: Some(Ink::Wood),
                        stroke: Some(Ink::WoodDark),
                        hatch: false,
                    });
                    self.out
                        .push(draw::disc(x0 + w - 12.0, y0 + h * 0.55, 2.5, Ink::WoodDark));
                }
            }
        }
        // The unit's state on the machine itself.
        match unit {
            Unit::Working {
                order,
                since,
                until,
                ..
            } => {
                let total = until.since(since).as_ms().max(1.0) as f32;
                let done = (t.since(since).as_ms() as f32 / total).clamp(0.0, 1.0);
                let (bx, bw, by) = (cx - w * 0.42, w * 0.84, base - 7.0);
                self.out
                    .push(draw::frame(bx, by, bw, 7.0, Some(Ink::Card), Ink::Io));
                self.out.push(Shape::Rect {
                    x: bx,
                    y: by,
                    w: bw * done,
                    h: 7.0,
                    fill: None,
                    stroke: Some(if warming { Ink::Warn } else { Ink::Io }),
                    hatch: true,
                });
                let name = self.inst.name(order as usize).into_owned();
                if warming {
                    self.tag(cx, a.y, "warming", Ink::Warn, a.w + 6.0);
                } else {
                    self.tag(cx, a.y, &name, Ink::Text, a.w + 6.0);
                }
            }
            Unit::Done { order, .. } => {
                let name = format!("✓ {}", self.inst.name(order as usize));
                self.tag(cx, a.y, &name, Ink::Good, a.w + 6.0);
            }
            Unit::Idle if cold => {
                self.out.push(draw::hatched(x0, y0, w, h, Ink::Muted));
                self.tag(cx, a.y, "cold", Ink::Muted, a.w + 6.0);
            }
            Unit::Idle => {}
        }
    }

    /// A paper tag hanging over a machine, with `words` (bold) in `ink`.
    fn tag(&mut self, cx: f32, top: f32, words: &str, ink: Ink, room: f32) {
        let words = self.fit(words, room - 10.0, 15.0, true);
        let w = self.measure.width(&words, self.size(15.0), true) + 10.0;
        self.out.push(Shape::Round {
            x: cx - w / 2.0,
            y: top - 2.0,
            w,
            h: 20.0,
            r: 3.0,
            fill: Some(Ink::Paper),
            stroke: Some(ink),
            width: 1.5,
        });
        self.bold(
            cx,
            top + 13.0,
            words,
            15.0,
            ink_on_paper(ink),
            Align::Center,
        );
    }

    /// Three puffs of steam rising from (`x`, `y`), drifting with time.
    fn steam(&mut self, x: f32, y: f32, t: SimTime) {
        let drift = (t.as_ms() / 60.0) as u32 % 12;
        for i in 0..3u32 {
            let rise = ((i * 4 + drift) % 12) as f32;
            self.out.push(Shape::Circle {
                x: x + if i % 2 == 0 { -3.0 } else { 3.0 },
                y: y - 6.0 - rise * 2.0,
                r: 3.0 + rise * 0.3,
                fill: None,
                stroke: Some(Ink::Steam),
                width: 2.0,
            });
        }
    }

    /// The circuit breaker: a switch on the card reader's cable, its lever
    /// down (closed), up (open) or half-way (half-open), with its word.
    fn breaker(&mut self, a: Area, c: Circuit, reader_x: f32) {
        let (bx, by, bw, bh) = (a.x + 8.0, a.y + 6.0, a.w - 12.0, 34.0);
        let cable_y = a.y + a.h - 10.0;
        self.out.push(draw::polyline(
            vec![
                (reader_x, cable_y),
                (bx + bw / 2.0, cable_y),
                (bx + bw / 2.0, by + bh),
            ],
            Ink::MetalDark,
            2.0,
        ));
        // The lever's direction: flat (closed), 30° up (half-open), 60° up
        // (open), as (cos, sin).
        let (ink, word, lever) = match c {
            Circuit::Closed => (Ink::Good, "closed", (1.0, 0.0)),
            Circuit::Open => (Ink::Bad, "OPEN", (0.5, 0.866)),
            Circuit::HalfOpen => (Ink::Warn, "half-open", (0.866, 0.5)),
        };
        self.out.push(Shape::Round {
            x: bx,
            y: by,
            w: bw,
            h: bh,
            r: 4.0,
            fill: Some(Ink::Card),
            stroke: Some(ink),
            width: 2.5,
        });
        // Two contacts and the lever between them.
        let (l, r, y) = (bx + 10.0, bx + bw - 10.0, by + bh - 10.0);
        self.out.push(draw::disc(l, y, 3.0, Ink::MetalDark));
        self.out.push(draw::disc(r, y, 3.0, Ink::MetalDark));
        let len = r - l;
        self.out.push(draw::polyline(
            vec![(l, y), (l + len * lever.0, y - len * lever.1)],
            ink,
            4.0,
        ));
        if c == Circuit::Open {
            self.out
                .push(draw::hatched(bx + 2.0, by + 2.0, bw - 4.0, 8.0, Ink::Bad));
        }
        let word = self.fit(word, a.w, 15.0, true);
        self.bold(
            a.x + a.w / 2.0 + 2.0,
            by + bh + 17.0,
            "breaker",
            15.0,
            Ink::Text,
            Align::Center,
        );
        self.bold(
            a.x + a.w / 2.0 + 2.0,
            by + bh + 34.0,
            word,
            15.0,
            ink,
            Align::Center,
        );
    }

    /// The cache as a price board: how many lookups it answered so far.
    fn price_board(&mut self, a: Area, (hits, lookups): (u32, u32)) {
        let (x, y, w, h) = (a.x + 4.0, a.y + 2.0, a.w - 6.0, a.h - 4.0);
        self.out.push(Shape::Round {
            x,
            y,
            w,
            h,
            r: 4.0,
            fill: Some(Ink::MetalDark),
            stroke: Some(Ink::Wood),
            width: 3.0,
        });
        let mid = x + w / 2.0;
        let line = |p: &mut Painter, dy: f32, s: &str| {
            let s = p.fit(s, w - 8.0, 15.0, true);
            p.bold(mid, y + dy, s, 15.0, Ink::Paper, Align::Center);
        };
        line(self, 18.0, "cache");
        line(self, 38.0, &format!("{hits} hits"));
        line(self, 58.0, &format!("of {lookups}"));
    }
}

/// Text on a paper tag: the colour's word kept, dark enough on paper.
fn ink_on_paper(ink: Ink) -> Ink {
    match ink {
        Ink::Muted | Ink::Good | Ink::Warn | Ink::Bad => ink,
        _ => Ink::Text,
    }
}
