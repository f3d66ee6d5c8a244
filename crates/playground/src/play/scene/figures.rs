//! The people of the café, drawn flat: customers (with what they hold) and
//! the barista, whose pose says what the main thread is doing.

use super::super::shape::{Align, Ink, Shape, draw};
use super::Painter;
use std::f32::consts::PI;

/// What a customer has in hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holding {
    /// Nothing yet.
    Nothing,
    /// An order ticket: the order is in progress.
    Ticket,
    /// Their drink.
    Cup,
    /// A free cookie (a handled failure).
    Cookie,
    /// Nothing, and a question mark: the order was lost.
    Lost,
}

const COATS: [Ink; 4] = [Ink::Coat1, Ink::Coat2, Ink::Coat3, Ink::Coat4];
const SKINS: [Ink; 3] = [Ink::Skin1, Ink::Skin2, Ink::Skin3];

/// How the barista stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pose {
    /// Nothing to do: arms folded.
    Idle,
    /// At the register, asking what the customer wants.
    Listening,
    /// One arm up to a machine's button.
    Pressing,
    /// Standing still at a machine, waiting for it (blocking code).
    Frozen,
    /// Pouring water from a kettle over a dripper (the hand-pour).
    Pouring,
    /// Putting a drink together.
    Assembling,
    /// Holding out a cookie.
    Cookie,
}

impl Painter<'_> {
    /// A customer standing with their feet at (`x`, `y`): `order` picks the
    /// coat and skin; Karen has her unmistakable bob; the followed customer
    /// stands on an accent ring and has a bold name. The name is written
    /// under the feet, shortened to `name_w`.
    pub(super) fn person(&mut self, order: u32, x: f32, y: f32, holding: Holding, name_w: f32) {
        let karen = self.is_karen(order);
        let selected = self.style.selected == Some(order);
        self.spots.push((x, y - 22.0, 22.0, order));
        // Shadow, or the followed customer's ring.
        if selected {
            self.out.push(Shape::Ellipse {
                x,
                y,
                rx: 17.0,
                ry: 5.0,
                fill: Some(Ink::AccentSoft),
                stroke: Some(Ink::Accent),
                width: 3.0,
            });
        } else {
            self.out.push(draw::ellipse(x, y, 13.0, 3.5, Ink::Shadow));
        }
        // Legs, coat, arms.
        self.out.push(draw::polyline(
            vec![(x - 4.0, y - 13.0), (x - 4.0, y)],
            Ink::Hair,
            3.0,
        ));
        self.out.push(draw::polyline(
            vec![(x + 4.0, y - 13.0), (x + 4.0, y)],
            Ink::Hair,
            3.0,
        ));
        let coat = if karen {
            Ink::Coat3
        } else {
            COATS[order as usize % COATS.len()]
        };
        self.out
            .push(draw::round(x - 10.0, y - 31.0, 20.0, 20.0, 6.0, coat, None));
        // Head and hair.
        let skin = SKINS[(order as usize / 4) % SKINS.len()];
        let (hx, hy) = (x, y - 39.0);
        if karen {
            // The asymmetric bob: long on one side, swept up on the other.
            self.out.push(draw::polygon(
                vec![
                    (hx - 12.0, hy + 7.0),
                    (hx - 11.0, hy - 7.0),
                    (hx - 3.0, hy - 13.0),
                    (hx + 10.0, hy - 12.0),
                    (hx + 13.0, hy - 3.0),
                    (hx + 9.0, hy + 1.0),
                    (hx - 6.0, hy + 9.0),
                ],
                Ink::Warn,
                None,
            ));
        }
        self.out.push(draw::disc(hx, hy, 8.0, skin));
        if !karen {
            self.out.push(Shape::Arc {
                x: hx,
                y: hy,
                r: 8.0,
                from: PI * 1.05,
                to: PI * 1.95,
                ink: Ink::Hair,
                width: 4.0,
            });
        } else {
            self.out.push(draw::polygon(
                vec![
                    (hx - 9.0, hy - 3.0),
                    (hx + 1.0, hy - 11.0),
                    (hx + 10.0, hy - 4.0),
                ],
                Ink::Warn,
                None,
            ));
        }
        // What they hold, in the right hand.
        let (hand_x, hand_y) = (x + 12.0, y - 20.0);
        match holding {
            Holding::Nothing => {}
            Holding::Ticket => self.out.push(Shape::Round {
                x: hand_x - 3.0,
                y: hand_y - 9.0,
                w: 8.0,
                h: 11.0,
                r: 1.0,
                fill: Some(Ink::Paper),
                stroke: Some(Ink::Muted),
                width: 1.0,
            }),
            Holding::Cup => self.cup(hand_x + 1.0, hand_y + 2.0, 0.8),
            Holding::Cookie => self.cookie(hand_x + 1.0, hand_y - 2.0, 5.5),
            Holding::Lost => {
                self.out.push(Shape::Circle {
                    x: x + 14.0,
                    y: hy - 10.0,
                    r: 9.0,
                    fill: Some(Ink::Card),
                    stroke: Some(Ink::Bad),
                    width: 2.0,
                });
                self.bold(x + 14.0, hy - 4.5, "?", 15.0, Ink::Bad, Align::Center);
            }
        }
        let name = self.inst.name(order as usize).into_owned();
        let name = self.fit(&name, name_w, 15.0, selected);
        // Kept inside the café while its owner walks in at the door.
        let half = self.measure.width(&name, self.size(15.0), selected) / 2.0 + 1.0;
        let (w, _) = self.style.orientation.size();
        // (max/min, not clamp: clamp's check would bring float formatting in.)
        let nx = x.min(w - half).max(half);
        if selected {
            self.bold(nx, y + 16.0, name, 15.0, Ink::Text, Align::Center);
        } else {
            self.text(nx, y + 16.0, name, 15.0, Ink::Text, Align::Center);
        }
    }

    /// A paper cup with a lid, its bottom centre at (`x`, `y`).
    pub(super) fn cup(&mut self, x: f32, y: f32, scale: f32) {
        let (w, h) = (12.0 * scale, 16.0 * scale);
        self.out.push(draw::polygon(
            vec![
                (x - w / 2.0, y - h),
                (x + w / 2.0, y - h),
                (x + w / 2.0 - 2.0 * scale, y),
                (x - w / 2.0 + 2.0 * scale, y),
            ],
            Ink::Paper,
            Some(Ink::WoodDark),
        ));
        self.out.push(draw::fill(
            x - w / 2.0 - 1.0,
            y - h - 3.0 * scale,
            w + 2.0,
            3.0 * scale,
            Ink::WoodDark,
        ));
    }

    /// A round cookie with chocolate chips.
    pub(super) fn cookie(&mut self, x: f32, y: f32, r: f32) {
        self.out.push(Shape::Circle {
            x,
            y,
            r,
            fill: Some(Ink::Wood),
            stroke: Some(Ink::WoodDark),
            width: 1.0,
        });
        for (dx, dy) in [(-0.4, -0.3), (0.35, 0.1), (-0.1, 0.45)] {
            self.out
                .push(draw::disc(x + dx * r, y + dy * r, r * 0.16, Ink::Hair));
        }
    }

    /// The barista behind the counter, shoulders at (`x`, `y`), the counter
    /// top at `counter_y`, in `pose`; `reach` is where a raised hand goes.
    pub(super) fn barista(
        &mut self,
        x: f32,
        y: f32,
        counter_y: f32,
        pose: Pose,
        reach: (f32, f32),
    ) {
        let frozen = pose == Pose::Frozen;
        // Blocked: a hatched zone around her, a pattern as well as a colour.
        if frozen {
            self.out.push(Shape::Round {
                x: x - 30.0,
                y: y - 44.0,
                w: 60.0,
                h: counter_y - y + 44.0,
                r: 8.0,
                fill: None,
                stroke: Some(Ink::Blocked),
                width: 2.5,
            });
            self.out.push(draw::hatched(
                x - 29.0,
                y - 43.0,
                58.0,
                counter_y - y + 42.0,
                Ink::Blocked,
            ));
        }
        // Torso: shirt, apron.
        self.out.push(draw::round(
            x - 16.0,
            y - 2.0,
            32.0,
            counter_y - y + 4.0,
            9.0,
            Ink::Accent,
            None,
        ));
        self.out.push(draw::round(
            x - 10.0,
            y + 8.0,
            20.0,
            counter_y - y - 6.0,
            3.0,
            Ink::Paper,
            None,
        ));
        // Head, bun, face.
        let (hx, hy) = (x, y - 16.0);
        self.out.push(draw::disc(hx, hy - 12.0, 6.0, Ink::Hair));
        self.out.push(draw::disc(hx, hy, 11.0, Ink::Skin2));
        self.out.push(Shape::Arc {
            x: hx,
            y: hy,
            r: 11.0,
            from: PI * 1.05,
            to: PI * 1.95,
            ink: Ink::Hair,
            width: 5.0,
        });
        self.out.push(draw::disc(hx - 4.0, hy, 1.4, Ink::Hair));
        self.out.push(draw::disc(hx + 4.0, hy, 1.4, Ink::Hair));
        if frozen {
            // A flat, tight mouth: waiting, not working.
            self.out.push(draw::line(
                hx - 3.5,
                hy + 5.5,
                hx + 3.5,
                hy + 5.5,
                Ink::Hair,
                1.5,
            ));
        } else {
            self.out.push(Shape::Arc {
                x: hx,
                y: hy + 2.5,
                r: 4.0,
                from: PI * 0.2,
                to: PI * 0.8,
                ink: Ink::Hair,
                width: 1.5,
            });
        }
        // Arms.
        let (ls, rs) = ((x - 14.0, y + 4.0), (x + 14.0, y + 4.0));
        let arm = |p: &mut Painter, from: (f32, f32), to: (f32, f32)| {
            p.out.push(draw::polyline(vec![from, to], Ink::Accent, 6.0));
            p.out.push(draw::disc(to.0, to.1, 3.5, Ink::Skin2));
        };
        match pose {
            Pose::Idle => {
                // Arms folded across the apron.
                self.out.push(draw::polyline(
                    vec![ls, (x + 8.0, y + 16.0)],
                    Ink::Accent,
                    6.0,
                ));
                self.out.push(draw::polyline(
                    vec![rs, (x - 8.0, y + 18.0)],
                    Ink::Accent,
                    6.0,
                ));
            }
            Pose::Listening | Pose::Assembling => {
                arm(self, ls, (x - 20.0, counter_y - 3.0));
                arm(self, rs, (x + 20.0, counter_y - 3.0));
                if pose == Pose::Assembling {
                    self.cup(x + 22.0, counter_y, 1.1);
                }
            }
            Pose::Pressing => {
                arm(self, ls, (x - 18.0, counter_y - 4.0));
                arm(self, rs, reach);
                self.spark(reach.0, reach.1);
            }
            Pose::Frozen => {
                arm(self, ls, (x - 19.0, y + 30.0));
                arm(self, rs, (x + 19.0, y + 30.0));
            }
            Pose::Pouring => {
                // Kettle in the right hand above a dripper on a cup.
                let (kx, ky) = (x + 30.0, y + 2.0);
                arm(self, ls, (x - 18.0, counter_y - 4.0));
                arm(self, rs, (kx - 8.0, ky + 4.0));
                self.out.push(draw::round(
                    kx - 9.0,
                    ky - 4.0,
                    18.0,
                    14.0,
                    5.0,
                    Ink::Metal,
                    Some(Ink::MetalDark),
                ));
                self.out.push(draw::polyline(
                    vec![
                        (kx + 8.0, ky + 6.0),
                        (kx + 16.0, ky - 2.0),
                        (kx + 20.0, ky + 2.0),
                    ],
                    Ink::MetalDark,
                    2.0,
                ));
                let (dx, dy) = (kx + 21.0, counter_y - 16.0);
                self.out
                    .push(draw::line(kx + 20.0, ky + 3.0, dx, dy - 5.0, Ink::Io, 1.5));
                self.out.push(draw::polygon(
                    vec![
                        (dx - 8.0, dy - 5.0),
                        (dx + 8.0, dy - 5.0),
                        (dx + 2.0, dy + 2.0),
                        (dx - 2.0, dy + 2.0),
                    ],
                    Ink::Paper,
                    Some(Ink::WoodDark),
                ));
                self.cup(dx, counter_y, 0.9);
            }
            Pose::Cookie => {
                arm(self, ls, (x - 18.0, counter_y - 4.0));
                arm(self, rs, (x + 26.0, y + 6.0));
                self.cookie(x + 31.0, y + 2.0, 7.0);
            }
        }
    }

    /// A little burst where a finger presses a button.
    fn spark(&mut self, x: f32, y: f32) {
        for (dx, dy) in [(-7.0, -7.0), (0.0, -10.0), (7.0, -7.0)] {
            self.out.push(draw::line(
                x + dx * 0.5,
                y + dy * 0.5,
                x + dx,
                y + dy,
                Ink::Warn,
                2.0,
            ));
        }
    }
}
