//! The café scene as a flat illustration, built as a display list: the
//! order-up rail (the task queue) and the notes (microtasks) on the wall,
//! the machines on the back counter, the barista behind the front counter
//! in a pose that says what the main thread does, and the customers as
//! people: in a line that folds, stepped aside waiting, leaving with a cup
//! or a cookie, or lost with a question mark. Pure: the canvas painter draws
//! it, the tests read it, and [`describe`] says the same in words.

mod figures;
mod machines;
mod mini;

pub use mini::{MINI, mini, mini_pending};

use super::frame::Frame;
use super::labels;
use super::shape::{Align, Estimate, Ink, Measure, Shape, draw};
use super::{Run, Runs};
use crate::engine::scenario::{Drink, Instance, StepId};
use crate::engine::snapshot::{Barista, Unit};
use crate::engine::trace::{Act, Job, Outcome};
use crate::engine::{SimTime, Strategy};
use crate::format::duration_ms;
use figures::{Holding, Pose};

/// Landscape for wide screens, portrait for phones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// 760 × 530 logical units.
    Landscape,
    /// 380 × 670 logical units.
    Portrait,
}

impl Orientation {
    /// The scene's size in logical units.
    pub fn size(self) -> (f32, f32) {
        match self {
            Orientation::Landscape => (760.0, 530.0),
            Orientation::Portrait => (380.0, 670.0),
        }
    }
}

/// Smallest text in the scene, in logical units before large type: 15
/// units are 14 CSS px on a 355 px wide phone café and 13.8 px in a 700 px
/// wide embed.
pub const MIN_TEXT: f32 = 15.0;

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

/// How much larger than designed the café's text is drawn, for a canvas of
/// `css_per_unit` CSS px per logical unit: enough that the smallest text is
/// 14 CSS px (a narrow embed draws the café small); with large type, up to
/// 1.25× and no more than it takes to reach 21 px (a projector's café is
/// drawn big already; its words need not crowd the picture).
pub fn text_scale(css_per_unit: f32, large: bool) -> f32 {
    let reach = |px: f32| px / (MIN_TEXT * css_per_unit);
    let base = reach(14.0).clamp(1.0, 1.25);
    if large {
        reach(21.0).max(base).min(1.25)
    } else {
        base
    }
}

/// A rectangle of the layout.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Area {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

const fn area(x: f32, y: f32, w: f32, h: f32) -> Area {
    Area { x, y, w, h }
}

/// A group of people standing in rows: `cols` to a row, `pitch` apart.
#[derive(Clone, Copy, Debug)]
struct Crowd {
    /// Where the first person's feet are.
    x: f32,
    y: f32,
    /// Columns per row, and how many rows.
    cols: usize,
    rows: usize,
    /// Distance between people.
    dx: f32,
    dy: f32,
    /// Rows snake back and forth (a line); otherwise each row starts left.
    snake: bool,
}

impl Crowd {
    fn room(self) -> usize {
        self.cols * self.rows
    }

    /// Feet of the person at `slot` (0 = first); between two slots, on
    /// the straight way from one to the next.
    fn spot(self, slot: f32) -> (f32, f32) {
        let whole = slot.floor();
        let last = self.room().saturating_sub(1);
        let (a, b) = (
            self.place((whole as usize).min(last)),
            self.place((whole as usize + 1).min(last)),
        );
        let k = slot - whole;
        (a.0 + (b.0 - a.0) * k, a.1 + (b.1 - a.1) * k)
    }

    fn place(self, slot: usize) -> (f32, f32) {
        let (row, col) = (slot / self.cols, slot % self.cols);
        let col = if self.snake && row % 2 == 1 {
            self.cols - 1 - col
        } else {
            col
        };
        (self.x + col as f32 * self.dx, self.y + row as f32 * self.dy)
    }
}

/// Where each part of the café goes.
struct Layout {
    /// The order-up rail: ready tasks.
    rail: Area,
    /// Sticky notes: microtasks.
    notes: Area,
    /// The machines, standing on the back counter (the area's bottom).
    machines: Area,
    /// The barista's shoulders.
    shoulders_y: f32,
    /// The front counter: top surface and face.
    counter: Area,
    /// Where the barista's state is written (one line on the counter's
    /// face, or a band of two lines under it).
    status: Area,
    /// Where the barista takes orders, pours and hands over.
    register_x: f32,
    pour_x: f32,
    pickup_x: f32,
    /// The line (the front first: `dx` < 0 walks away from the register).
    line: Crowd,
    /// Where the line's sign stands (baseline) and how wide it may be.
    line_sign: Area,
    /// Orders in progress: their customers stand aside.
    waiting: Crowd,
    waiting_sign: Area,
    /// Just served, walking out.
    leaving: Crowd,
    leaving_sign: Area,
    /// Lost: waiting forever.
    lost: Crowd,
    lost_sign: Area,
    /// Room for a name under a person: a little more than the distance
    /// between people (only two long bold names side by side in large type
    /// come near each other).
    name_w: f32,
}

const fn crowd(x: f32, y: f32, cols: usize, rows: usize, dx: f32, dy: f32, snake: bool) -> Crowd {
    Crowd {
        x,
        y,
        cols,
        rows,
        dx,
        dy,
        snake,
    }
}

fn layout(o: Orientation) -> Layout {
    match o {
        Orientation::Landscape => Layout {
            rail: area(8.0, 6.0, 556.0, 66.0),
            notes: area(572.0, 6.0, 180.0, 66.0),
            machines: area(8.0, 82.0, 744.0, 112.0),
            shoulders_y: 252.0,
            counter: area(150.0, 290.0, 610.0, 34.0),
            status: area(160.0, 298.0, 590.0, 26.0),
            register_x: 200.0,
            pour_x: 430.0,
            pickup_x: 690.0,
            line: crowd(190.0, 400.0, 3, 2, -60.0, 70.0, true),
            line_sign: area(8.0, 344.0, 206.0, 0.0),
            waiting: crowd(254.0, 400.0, 5, 2, 60.0, 70.0, false),
            waiting_sign: area(222.0, 344.0, 284.0, 0.0),
            leaving: crowd(546.0, 400.0, 4, 1, 58.0, 70.0, false),
            leaving_sign: area(512.0, 344.0, 242.0, 0.0),
            lost: crowd(546.0, 470.0, 4, 1, 58.0, 70.0, false),
            lost_sign: area(512.0, 524.0, 242.0, 0.0),
            name_w: 66.0,
        },
        Orientation::Portrait => Layout {
            rail: area(6.0, 6.0, 368.0, 66.0),
            notes: area(6.0, 78.0, 368.0, 48.0),
            machines: area(6.0, 132.0, 368.0, 100.0),
            shoulders_y: 282.0,
            counter: area(0.0, 318.0, 380.0, 30.0),
            status: area(6.0, 352.0, 368.0, 40.0),
            register_x: 70.0,
            pour_x: 190.0,
            pickup_x: 318.0,
            line: crowd(150.0, 466.0, 3, 2, -58.0, 70.0, true),
            line_sign: area(6.0, 418.0, 184.0, 0.0),
            waiting: crowd(222.0, 466.0, 3, 2, 58.0, 70.0, false),
            waiting_sign: area(196.0, 418.0, 178.0, 0.0),
            leaving: crowd(36.0, 644.0, 3, 1, 58.0, 66.0, false),
            leaving_sign: area(6.0, 590.0, 368.0, 0.0),
            lost: crowd(222.0, 644.0, 3, 1, 58.0, 66.0, false),
            lost_sign: area(196.0, 590.0, 0.0, 0.0),
            name_w: 62.0,
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

/// Builds the display list: the shapes so far, where people stand, and
/// what the scene is drawn for.
pub(crate) struct Painter<'a> {
    out: Vec<Shape>,
    spots: Vec<Spot>,
    inst: &'a Instance,
    style: Style,
    measure: &'a dyn Measure,
}

impl Painter<'_> {
    /// Font size for a design size (large type scales it).
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

    /// `text` as it fits in `width` at `size`: whole, or cut at a word (or
    /// a character) with an ellipsis. Measured, never clipped.
    fn fit(&self, text: &str, width: f32, size: f32, bold: bool) -> String {
        let size = self.size(size);
        if self.measure.width(text, size, bold) <= width {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        for n in (0..chars.len()).rev() {
            let mut cut: String = chars[..n].iter().collect::<String>().trim_end().to_string();
            cut.push('…');
            if self.measure.width(&cut, size, bold) <= width {
                return cut;
            }
        }
        "…".to_string()
    }

    /// `text` over two lines of `width`: as many words as fit on the first,
    /// the rest (shortened if need be) on the second.
    fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> (String, String) {
        let px = self.size(size);
        let words: Vec<&str> = text.split(' ').collect();
        let mut n = words.len();
        while n > 1 && self.measure.width(&words[..n].join(" "), px, bold) > width {
            n -= 1;
        }
        let first = self.fit(&words[..n].join(" "), width, size, bold);
        let rest = self.fit(&words[n..].join(" "), width, size, bold);
        (first, rest)
    }

    /// The first of `candidates` (longest first) that fits `width` whole at
    /// `size`, or the last one shortened.
    fn first_fit(&self, candidates: &[String], width: f32, size: f32, bold: bool) -> String {
        let size_px = self.size(size);
        candidates
            .iter()
            .find(|c| self.measure.width(c, size_px, bold) <= width)
            .cloned()
            .unwrap_or_else(|| {
                self.fit(
                    candidates.last().map_or("", String::as_str),
                    width,
                    size,
                    bold,
                )
            })
    }

    /// A label on a card at (`x`, `y` baseline), left aligned: the first of
    /// `candidates` that fits `width`.
    fn sign(&mut self, x: f32, y: f32, candidates: &[String], width: f32, ink: Ink) {
        if width <= 0.0 {
            return;
        }
        let text = self.first_fit(candidates, width - 12.0, 15.0, true);
        let w = self.measure.width(&text, self.size(15.0), true) + 12.0;
        let h = self.size(15.0) + 8.0;
        self.out.push(Shape::Round {
            x,
            y: y - h + 4.0,
            w,
            h,
            r: 5.0,
            fill: Some(Ink::Card),
            stroke: Some(if ink == Ink::Text { Ink::Line } else { ink }),
            width: 1.5,
        });
        self.bold(x + 6.0, y - 1.0, text, 15.0, ink, Align::Left);
    }

    fn is_karen(&self, order: u32) -> bool {
        self.inst.orders[order as usize].drink == Drink::PourOver
    }
}

/// The café at `frame`'s instant, laid out for `style`, its text measured
/// by `measure`.
pub fn scene(runs: &Runs, frame: &Frame, style: Style, measure: &dyn Measure) -> Vec<Shape> {
    drawn(runs, frame, style, measure).0
}

/// The customer drawn nearest to `(x, y)` (logical units), if one is under it.
pub fn customer_at(runs: &Runs, frame: &Frame, style: Style, x: f32, y: f32) -> Option<u32> {
    drawn(runs, frame, style, &Estimate)
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
fn drawn(runs: &Runs, f: &Frame, style: Style, measure: &dyn Measure) -> (Vec<Shape>, Vec<Spot>) {
    let l = layout(style.orientation);
    let inst = runs.instance_of(f.strategy);
    let run = runs.run(f.strategy);
    let mut p = Painter {
        out: Vec::with_capacity(512),
        spots: Vec::new(),
        inst,
        style,
        measure,
    };
    let (w, h) = style.orientation.size();
    // The room: wall, back counter, floor.
    p.out.push(draw::fill(0.0, 0.0, w, l.counter.y, Ink::Wall));
    p.out
        .push(draw::fill(0.0, l.counter.y, w, h - l.counter.y, Ink::Floor));
    let back = l.machines.y + l.machines.h;
    p.out.push(draw::fill(0.0, back, w, 12.0, Ink::Wood));
    p.out
        .push(draw::fill(0.0, back + 12.0, w, 3.0, Ink::WoodDark));
    p.rail(l.rail, f);
    p.notes(l.notes, f);
    let extras = machines::Extras {
        circuit: f.circuit,
        cache: f.cache,
        t: f.t,
    };
    let spots = p.machines(l.machines, &f.machines, &extras);
    p.staff(&l, f, &spots);
    p.counter(&l, f);
    p.customers(&l, f, run);
    (p.out, p.spots)
}

impl Painter<'_> {
    /// The order-up rail: finished jobs as tickets, oldest first (the next
    /// one the barista takes), then how many more.
    fn rail(&mut self, a: Area, f: &Frame) {
        let px = self.size(15.0);
        let sign_w = self
            .measure
            .width("Order up", px, true)
            .max(self.measure.width("task queue", px, false))
            + 14.0;
        self.out.push(draw::round(
            a.x,
            a.y,
            sign_w,
            a.h,
            6.0,
            Ink::Card,
            Some(Ink::Line),
        ));
        self.bold(
            a.x + sign_w / 2.0,
            a.y + 26.0,
            "Order up",
            15.0,
            Ink::Text,
            Align::Center,
        );
        self.text(
            a.x + sign_w / 2.0,
            a.y + 52.0,
            "task queue",
            15.0,
            Ink::Text,
            Align::Center,
        );
        let rail_y = a.y + 8.0;
        let start = a.x + sign_w + 8.0;
        self.out.push(draw::line(
            start,
            rail_y,
            a.x + a.w,
            rail_y,
            Ink::MetalDark,
            3.0,
        ));
        let more = |shown: usize| format!("+{} more", f.ready_count - shown);
        let mut x = start + 4.0;
        let mut shown = 0;
        for &job in &f.ready {
            let (name, what) = labels::ticket(self.inst, job);
            let tw = self.ticket_width(&name, &what);
            let last = shown + 1 == f.ready_count;
            let more_w = self.measure.width(&more(shown + 1), self.size(15.0), true) + 6.0;
            if x + tw > a.x + a.w - if last { 0.0 } else { more_w } {
                break;
            }
            self.paper(x, rail_y, tw, &name, &what, Ink::Paper);
            x += tw + 6.0;
            shown += 1;
        }
        if f.ready_count > shown {
            let words = if shown == 0 {
                format!("{} waiting", f.ready_count)
            } else {
                more(shown)
            };
            self.bold(x + 2.0, a.y + 40.0, words, 15.0, Ink::Text, Align::Left);
        } else if shown == 0 {
            self.text(
                start + 4.0,
                a.y + 42.0,
                "(empty)",
                15.0,
                Ink::Muted,
                Align::Left,
            );
        }
    }

    fn ticket_width(&self, name: &str, what: &str) -> f32 {
        let s = self.size(15.0);
        (self
            .measure
            .width(name, s, true)
            .max(self.measure.width(what, s, false))
            + 14.0)
            .max(54.0)
    }

    /// A ticket or a note: `name` over `what`, hanging from `top`.
    fn paper(&mut self, x: f32, top: f32, w: f32, name: &str, what: &str, ink: Ink) {
        let h = self.size(15.0) * 2.0 + 16.0;
        self.out.push(Shape::Round {
            x,
            y: top + 2.0,
            w,
            h,
            r: 3.0,
            fill: Some(ink),
            stroke: Some(Ink::Muted),
            width: 1.0,
        });
        self.out.push(draw::fill(
            x + w / 2.0 - 5.0,
            top - 2.0,
            10.0,
            7.0,
            Ink::MetalDark,
        ));
        let line = self.size(15.0);
        self.bold(
            x + 7.0,
            top + 4.0 + line,
            name,
            15.0,
            Ink::Text,
            Align::Left,
        );
        self.text(
            x + 7.0,
            top + 9.0 + line * 2.0,
            what,
            15.0,
            Ink::Text,
            Align::Left,
        );
    }

    /// The microtasks: sticky notes the barista reads before the next
    /// ticket.
    fn notes(&mut self, a: Area, f: &Frame) {
        // Title on top in a tall area; on the left in a wide, low one.
        let (top, mut x) = if a.h >= 60.0 {
            let title = self.fit("microtasks", a.w - 4.0, 15.0, true);
            self.bold(a.x + 2.0, a.y + 15.0, title, 15.0, Ink::Text, Align::Left);
            (a.y + 20.0, a.x)
        } else {
            let title_w = self.measure.width("microtasks", self.size(15.0), true);
            self.bold(
                a.x + 2.0,
                a.y + 28.0,
                "microtasks",
                15.0,
                Ink::Text,
                Align::Left,
            );
            (a.y + 2.0, a.x + title_w + 10.0)
        };
        let more_w = self.measure.width("+99", self.size(15.0), true) + 6.0;
        let mut shown = 0;
        let notes: Vec<Job> = f.notes.iter().chain(&f.microtasks).copied().collect();
        for &job in &notes {
            let (name, what) = labels::ticket(self.inst, job);
            let last = shown + 1 == notes.len();
            let room = a.x + a.w - x - if last { 0.0 } else { more_w };
            let tw = self.ticket_width(&name, &what).min(room);
            if tw < 54.0 {
                break;
            }
            let (name, what) = (
                self.fit(&name, tw - 14.0, 15.0, true),
                self.fit(&what, tw - 14.0, 15.0, false),
            );
            self.paper(x, top, tw, &name, &what, Ink::Note);
            x += tw + 4.0;
            shown += 1;
        }
        if notes.len() > shown {
            let words = format!("+{}", notes.len() - shown);
            self.bold(x + 2.0, top + 28.0, words, 15.0, Ink::Text, Align::Left);
        } else if shown == 0 {
            self.text(x + 2.0, top + 26.0, "(none)", 15.0, Ink::Muted, Align::Left);
        }
    }

    /// The barista, where her job takes her, in its pose.
    fn staff(&mut self, l: &Layout, f: &Frame, spots: &[machines::Spot]) {
        let (w, _) = self.style.orientation.size();
        let machine_at = |order: u32, pos: u8| {
            let kind = self.inst.plan(order as usize).get(pos as usize)?.machine?;
            spots.iter().find(|s| s.kind == kind).copied()
        };
        let home = l.register_x;
        let (x, pose, reach, since) = match f.barista {
            Barista::Idle => (home, Pose::Idle, (0.0, 0.0), None),
            Barista::Working {
                order,
                act,
                pos,
                since,
                ..
            } => {
                let step = self
                    .inst
                    .plan(order as usize)
                    .get(pos as usize)
                    .map(|p| p.step);
                match act {
                    Act::TakeOrder => (home, Pose::Listening, (0.0, 0.0), Some(since)),
                    Act::Dispatch => match machine_at(order, pos) {
                        Some(s) => (
                            s.x,
                            Pose::Pressing,
                            // A hand on the machine's front, not an arm up the wall.
                            (
                                s.x + 16.0,
                                s.button_y.max(l.machines.y + l.machines.h - 14.0),
                            ),
                            Some(since),
                        ),
                        None => (
                            home,
                            Pose::Pressing,
                            (home + 20.0, l.shoulders_y - 40.0),
                            Some(since),
                        ),
                    },
                    Act::Step if step == Some(StepId::Pour) => {
                        (l.pour_x, Pose::Pouring, (0.0, 0.0), Some(since))
                    }
                    Act::Step => (l.pickup_x, Pose::Assembling, (0.0, 0.0), Some(since)),
                    Act::Cookie => (l.pickup_x, Pose::Cookie, (0.0, 0.0), Some(since)),
                }
            }
            Barista::Blocked {
                order, pos, since, ..
            } => {
                let x = machine_at(order, pos).map_or(home, |s| s.x);
                (x, Pose::Frozen, (0.0, 0.0), Some(since))
            }
        };
        // She walks there from the register (a cut under reduced motion).
        let x = match since {
            Some(since) if self.style.motion => {
                let k = ease(progress(f.t, since, 160.0));
                home + (x - home) * k
            }
            _ => x,
        }
        .max(34.0)
        .min(w - 40.0);
        self.barista(x, l.shoulders_y, l.counter.y, pose, reach);
        if let (Pose::Listening, Barista::Working { order, .. }) = (pose, f.barista) {
            let drink = match self.inst.orders[order as usize].drink {
                Drink::PourOver => "Pour-over",
                _ => "Latte",
            };
            let name = self.inst.name(order as usize);
            self.bubble(x + 22.0, l.shoulders_y - 40.0, &format!("{drink}, {name}?"));
        }
    }

    /// A speech bubble whose tail points down-left to (`x`, `y` + height).
    fn bubble(&mut self, x: f32, y: f32, words: &str) {
        let (w_all, _) = self.style.orientation.size();
        let words = self.fit(words, w_all - x - 20.0, 15.0, true);
        let w = self.measure.width(&words, self.size(15.0), true) + 16.0;
        let h = self.size(15.0) + 12.0;
        self.out.push(draw::polygon(
            vec![
                (x + 6.0, y + h - 1.0),
                (x - 4.0, y + h + 8.0),
                (x + 16.0, y + h - 1.0),
            ],
            Ink::Card,
            Some(Ink::Text),
        ));
        self.out.push(Shape::Round {
            x,
            y,
            w,
            h,
            r: 8.0,
            fill: Some(Ink::Card),
            stroke: Some(Ink::Text),
            width: 1.5,
        });
        self.bold(x + 8.0, y + h - 8.0, words, 15.0, Ink::Text, Align::Left);
    }

    /// The front counter with the register and the pick-up, and on it (or
    /// under it, on a phone) what the barista is doing in words.
    fn counter(&mut self, l: &Layout, f: &Frame) {
        let c = l.counter;
        self.out.push(draw::fill(c.x, c.y, c.w, 8.0, Ink::Wood));
        self.out
            .push(draw::fill(c.x, c.y + 8.0, c.w, c.h - 8.0, Ink::WoodDark));
        // The register.
        let rx = l.register_x - 44.0;
        self.out.push(draw::round(
            rx - 14.0,
            c.y - 22.0,
            28.0,
            22.0,
            3.0,
            Ink::MetalDark,
            None,
        ));
        self.out
            .push(draw::fill(rx - 10.0, c.y - 19.0, 20.0, 8.0, Ink::Paper));
        // The pick-up mat.
        self.out.push(draw::fill(
            l.pickup_x + 18.0,
            c.y - 3.0,
            44.0_f32.min(c.x + c.w - l.pickup_x - 20.0),
            3.0,
            Ink::Good,
        ));
        // The barista's state, never by colour alone: the words say it.
        let (ink, who) = match f.barista {
            Barista::Blocked { .. } => (Ink::Blocked, "Barista (main thread): "),
            _ => (Ink::Text, "Barista (main thread): "),
        };
        let doing = labels::barista(self.inst, f.barista, f.t);
        let s = l.status;
        let portrait = self.style.orientation == Orientation::Portrait;
        self.out.push(Shape::Round {
            x: s.x,
            y: s.y,
            w: s.w,
            h: s.h,
            r: 5.0,
            fill: Some(Ink::Card),
            stroke: Some(if ink == Ink::Text { Ink::Line } else { ink }),
            width: if ink == Ink::Text { 1.0 } else { 2.5 },
        });
        if portrait {
            // Two lines: who she is, then what she does; wrapped (all of it
            // in her state's ink) when what she does is long.
            let px = self.size(15.0);
            if self.measure.width(&doing, px, true) <= s.w - 12.0 {
                self.text(
                    s.x + 6.0,
                    s.y + 17.0,
                    "Barista (main thread):",
                    15.0,
                    Ink::Text,
                    Align::Left,
                );
                self.bold(s.x + 6.0, s.y + 35.0, doing, 15.0, ink, Align::Left);
            } else {
                let (first, rest) = self.wrap(&format!("Barista: {doing}"), s.w - 12.0, 15.0, true);
                self.bold(s.x + 6.0, s.y + 17.0, first, 15.0, ink, Align::Left);
                self.bold(s.x + 6.0, s.y + 35.0, rest, 15.0, ink, Align::Left);
            }
        } else {
            let clock = duration_ms(f.t.as_ms());
            let px = self.size(15.0);
            let doing_w = self.measure.width(&doing, px, true);
            let clock_w = self.measure.width(&clock, px, true) + 16.0;
            // The longest wording that leaves her work whole: naming her as
            // the main thread, then as the barista, then the clock goes.
            let room = s.w - 12.0;
            let (who, clock) = [(who, true), ("Barista: ", true), ("", true), ("", false)]
                .into_iter()
                .find(|(w, c)| {
                    self.measure.width(w, px, false) + doing_w + if *c { clock_w } else { 0.0 }
                        <= room
                })
                .map_or(("", None), |(w, c)| (w, c.then_some(clock)));
            let who_w = self.measure.width(who, px, false);
            let clock_w = if clock.is_some() { clock_w } else { 0.0 };
            self.text(s.x + 6.0, s.y + 19.0, who, 15.0, Ink::Text, Align::Left);
            let doing = self.fit(&doing, room - who_w - clock_w, 15.0, true);
            self.bold(s.x + 6.0 + who_w, s.y + 19.0, doing, 15.0, ink, Align::Left);
            if let Some(clock) = clock {
                self.bold(
                    s.x + s.w - 6.0,
                    s.y + 19.0,
                    clock,
                    15.0,
                    Ink::Text,
                    Align::Right,
                );
            }
        }
    }

    /// Everyone in front of the counter.
    fn customers(&mut self, l: &Layout, f: &Frame, run: &Run) {
        let motion = self.style.motion;
        let (w, _) = self.style.orientation.size();
        // The line: newcomers walk in from the door; everyone steps up when
        // the first is taken.
        let room = l.line.room();
        let shown = f.line.len().min(room);
        let n = f.line.len();
        let sign = if n > shown {
            vec![
                format!("Line: {n} · {} not shown", n - shown),
                format!("Line: {n} (+{})", n - shown),
                format!("Line: {n}"),
            ]
        } else {
            vec![format!("Line: {n}")]
        };
        let ink = if n > room { Ink::Bad } else { Ink::Text };
        self.sign(l.line_sign.x, l.line_sign.y, &sign, l.line_sign.w, ink);
        // Stanchions and a rope along each row of the line; a mat where
        // people leave with their drinks.
        for row in 0..l.line.rows {
            let y = l.line.y + row as f32 * l.line.dy - 16.0;
            let (x1, x2) = (
                l.line.x + 22.0,
                l.line.x + (l.line.cols as f32 - 1.0) * l.line.dx - 22.0,
            );
            self.out.push(draw::line(x1, y, x2, y, Ink::Accent, 2.5));
            for x in [x1, x2] {
                self.out
                    .push(draw::line(x, y - 4.0, x, y + 16.0, Ink::MetalDark, 3.0));
                self.out
                    .push(draw::ellipse(x, y + 16.0, 5.0, 2.0, Ink::MetalDark));
            }
        }
        let (mx, my) = l.leaving.place(0);
        let mat_w = (l.leaving.cols as f32 - 1.0) * l.leaving.dx + 44.0;
        self.out.push(Shape::Round {
            x: mx - 22.0,
            y: my - 8.0,
            w: mat_w,
            h: 16.0,
            r: 8.0,
            fill: Some(Ink::Shadow),
            stroke: None,
            width: 0.0,
        });
        let shuffle = match (motion, f.last_taken) {
            (true, Some(at)) => 1.0 - ease(progress(f.t, at, 250.0)),
            _ => 0.0,
        };
        // Back to front, so the nearer rows are drawn over the farther.
        for slot in (0..shown).rev() {
            let order = f.line.start + slot;
            let (tx, ty) = l.line.spot(slot as f32 + shuffle);
            let walk = if motion {
                1.0 - ease(progress(f.t, self.inst.orders[order].arrival, 400.0))
            } else {
                0.0
            };
            let x = tx - walk * (tx - 24.0);
            self.person(order as u32, x, ty, Holding::Nothing, l.name_w);
        }
        // Orders in progress: stepped aside with their ticket.
        let room = l.waiting.room();
        let count = f.in_flight_count;
        let hidden = count - room.min(f.in_flight.len()).min(count);
        let mut words = vec![
            format!("Waiting for a drink: {count}"),
            format!("Waiting: {count}"),
        ];
        if hidden > 0 {
            words.insert(
                0,
                format!("Waiting for a drink: {count} · {hidden} not shown"),
            );
            words.insert(2, format!("Waiting: {count} (+{hidden})"));
        }
        self.sign(
            l.waiting_sign.x,
            l.waiting_sign.y,
            &words,
            l.waiting_sign.w,
            Ink::Text,
        );
        let (front_x, front_y) = l.line.spot(0.0);
        for (slot, &order) in f.in_flight.iter().take(room).enumerate().rev() {
            let (tx, ty) = l.waiting.spot(slot as f32);
            let taken = run.trace.orders[order as usize].taken;
            let k = if motion {
                ease(progress(f.t, taken, 400.0))
            } else {
                1.0
            };
            let (x, y) = (front_x + (tx - front_x) * k, front_y + (ty - front_y) * k);
            self.person(order, x, y, Holding::Ticket, l.name_w);
        }
        // Just answered: walking out with a cup or a cookie.
        let [served, cookies, lost] = f.outcomes;
        // A phone has no room for a lost sign: the count joins this one.
        let words = if l.lost_sign.w > 0.0 {
            vec![format!("Served {served} · cookies {cookies}")]
        } else {
            vec![
                format!("Served {served} · cookies {cookies} · lost {lost}"),
                format!("Served {served} · cookies {cookies}"),
            ]
        };
        let ink = if l.lost_sign.w <= 0.0 && lost > 0 {
            Ink::Bad
        } else {
            Ink::Text
        };
        self.sign(
            l.leaving_sign.x,
            l.leaving_sign.y,
            &words,
            l.leaving_sign.w,
            ink,
        );
        for (slot, &(when, order, outcome)) in f.recent.iter().take(l.leaving.room()).enumerate() {
            let (tx, ty) = l.leaving.spot(slot as f32);
            let stroll = if motion {
                ease(progress(f.t, when, 2000.0)) * 12.0
            } else {
                0.0
            };
            let x = (tx + stroll).min(w - 30.0);
            let holding = if outcome == Outcome::Cookie {
                Holding::Cookie
            } else {
                Holding::Cup
            };
            self.person(order, x, ty, holding, l.name_w);
        }
        // Lost: their error was never handled; they wait forever.
        let ink = if lost > 0 { Ink::Bad } else { Ink::Text };
        let words = if lost > 0 {
            vec![
                format!("Lost: {lost} (waiting forever)"),
                format!("Lost: {lost}"),
            ]
        } else {
            vec!["Lost: none".to_string()]
        };
        self.sign(l.lost_sign.x, l.lost_sign.y, &words, l.lost_sign.w, ink);
        for (slot, &order) in f.lost.iter().take(l.lost.room()).enumerate() {
            let (x, y) = l.lost.spot(slot as f32);
            // They wander about, lost (a triangle wave: no float maths).
            let x = if motion {
                let phase = ((f.t.as_ms() as u64 / 40 + slot as u64 * 13) % 40) as f32;
                x + ((phase - 20.0).abs() - 10.0) * 0.6
            } else {
                x
            };
            self.person(order, x, y, Holding::Lost, l.name_w);
        }
    }
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
            Strategy::Yours => "your code's",
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
    if let Some((hits, lookups)) = f.cache {
        s.push_str(&format!(
            "The price cache answered {hits} of {lookups} lookups so far. "
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
mod tests {
    use super::*;
    use crate::engine::Scenario;
    use crate::engine::breaker::Circuit;
    use crate::engine::presets::preset;
    use crate::play::shape::text_box;

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

    fn style(orientation: Orientation) -> Style {
        Style {
            orientation,
            motion: true,
            selected: Some(2),
            text_scale: 1.0,
        }
    }

    fn runs(id: &str) -> Runs {
        let Some(s) = preset(id).and_then(|p| p.scenario().ok()) else {
            panic!("preset {id}");
        };
        Runs::new(&s)
    }

    /// Every text is at least [`MIN_TEXT`] and lies whole inside the scene,
    /// measured the way the scene measured it.
    fn assert_readable(shapes: &[Shape], o: Orientation, scale: f32) {
        let (w, h) = o.size();
        for (text, left, tw, y, size) in shapes.iter().filter_map(text_box) {
            assert!(size >= MIN_TEXT * scale - 0.01, "{text:?} is {size} units");
            assert!(
                left >= -0.5 && left + tw <= w + 0.5 && y <= h && y >= size * 0.7,
                "{text:?} at {left},{y} ({tw} wide) leaves the {o:?} scene"
            );
        }
    }

    #[test]
    fn karens_hand_pour_is_drawn_and_said() {
        let runs = Runs::new(&Scenario::default());
        // Callbacks: Karen is hand-poured 2465–3965 ms (served at 4045).
        let t = SimTime::from_ms(2500.0);
        let f = Frame::at(&runs, Strategy::Callbacks, t);
        for o in [Orientation::Landscape, Orientation::Portrait] {
            let shapes = scene(&runs, &f, style(o), &Estimate);
            let all = texts(&shapes);
            assert!(all.contains("hand-pouring Karen"), "{all}");
            assert!(all.contains("Karen"), "the selected customer is named");
            assert_readable(&shapes, o, 1.0);
        }
        let words = describe(&runs.instance, &f);
        assert!(words.contains("hand-pouring Karen's coffee"), "{words}");
    }

    #[test]
    fn every_preset_reads_whole_at_every_moment_and_size() {
        for id in [
            "morning-line",
            "karen",
            "flaky-card-reader",
            "breaker",
            "cold-pool",
            "cached-menu",
            "black-friday",
        ] {
            let runs = runs(id);
            for s in Strategy::ALL {
                let end = runs.run(s).trace.end.as_ms();
                for k in 0..12 {
                    let t = SimTime::from_ms(end * f64::from(k) / 11.0);
                    let f = Frame::at(&runs, s, t);
                    for o in [Orientation::Landscape, Orientation::Portrait] {
                        for scale in [1.0, 1.25] {
                            let st = Style {
                                text_scale: scale,
                                ..style(o)
                            };
                            assert_readable(&scene(&runs, &f, st, &Estimate), o, scale);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn many_units_fold_into_one_drawing_and_every_machine_keeps_its_name() {
        let scenario = crate::engine::params::parse_strict(
            Scenario::default(),
            [
                ("steamers", "16"),
                ("grinders", "3"),
                ("customers", "40"),
                ("interval_ms", "50"),
            ],
        );
        let Ok(scenario) = scenario else {
            panic!("a valid café");
        };
        let runs = Runs::new(&scenario);
        let f = Frame::at(&runs, Strategy::Join, SimTime::from_ms(1500.0));
        for o in [Orientation::Portrait, Orientation::Landscape] {
            let all = texts(&scene(&runs, &f, style(o), &Estimate));
            assert!(all.contains("Steamer") && all.contains("×16"), "{all}");
            // The card reader is "Reader" where space is short.
            for name in ["Reader|Card reader", "Grinder", "Kettle"] {
                let whole = name.split('|').any(|n| all.contains(&format!("| {n}")));
                assert!(whole, "{name} in {o:?}: {all}");
            }
        }
    }

    #[test]
    fn blocking_shows_a_frozen_barista_and_a_long_line() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(1000.0));
        let shapes = scene(&runs, &f, style(Orientation::Landscape), &Estimate);
        let all = texts(&shapes);
        assert!(all.contains("BLOCKED at the steamer for Ada"), "{all}");
        assert!(all.contains("Line: 3"), "{all}");
        for name in ["Ben", "Karen", "Dev"] {
            assert!(all.contains(name), "{name} stands in line: {all}");
        }
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
    fn tasks_hang_on_the_rail_and_microtasks_are_notes() {
        let runs = Runs::new(&Scenario::default());
        // Blocking at 1000 ms: three arrivals wait on the rail.
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(1000.0));
        let all = texts(&scene(&runs, &f, style(Orientation::Portrait), &Estimate));
        assert!(all.contains("Order up") && all.contains("arrives"), "{all}");
        // Await: an instant where a resumption ran (in no time).
        let run = runs.run(Strategy::Await);
        let when = run.trace.events.iter().map(|e| e.t).find(|&t| {
            run.index
                .jobs_at(t)
                .any(|j| j.kind == crate::engine::trace::JobKind::Resume)
        });
        let Some(when) = when else {
            panic!("await resumes");
        };
        let f = Frame::at(&runs, Strategy::Await, when);
        let all = texts(&scene(&runs, &f, style(Orientation::Landscape), &Estimate));
        assert!(
            all.contains("microtasks") && all.contains("resume"),
            "{all}"
        );
    }

    #[test]
    fn clicking_a_customer_finds_them() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Blocking, SimTime::from_ms(1000.0));
        let st = Style {
            motion: false,
            ..style(Orientation::Landscape)
        };
        // Ben is first in line: his name is under his feet.
        let shapes = scene(&runs, &f, st, &Estimate);
        let ben = shapes.iter().rev().find_map(|s| match s {
            Shape::Text { text, x, y, .. } if text == "Ben" => Some((*x, *y)),
            _ => None,
        });
        let (x, y) = ben.expect("Ben's name is drawn");
        assert_eq!(customer_at(&runs, &f, st, x, y - 30.0), Some(1));
        assert_eq!(customer_at(&runs, &f, st, 1.0, 1.0), None);
    }

    #[test]
    fn reduced_motion_draws_the_same_state_without_tweens() {
        let runs = Runs::new(&Scenario::default());
        let f = Frame::at(&runs, Strategy::Join, SimTime::from_ms(610.0));
        let moving = scene(&runs, &f, style(Orientation::Landscape), &Estimate);
        let still = scene(
            &runs,
            &f,
            Style {
                motion: false,
                ..style(Orientation::Landscape)
            },
            &Estimate,
        );
        assert_eq!(texts(&moving), texts(&still), "same words either way");
    }

    #[test]
    fn cold_units_the_breaker_and_the_cache_are_drawn_and_told() {
        let style = Style {
            orientation: Orientation::Landscape,
            motion: false,
            selected: None,
            text_scale: 1.0,
        };
        let r = runs("cold-pool");
        let f = Frame::at(&r, Strategy::Await, SimTime::ZERO);
        assert!(texts(&scene(&r, &f, style, &Estimate)).contains("cold"));
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
        let drawn = texts(&scene(&r, &f, style, &Estimate));
        assert!(drawn.contains("breaker | OPEN"), "{drawn}");
        assert!(describe(&r.instance, &f).contains("circuit breaker is open"));
        let r = runs("cached-menu");
        let end = r.run(Strategy::Await).trace.end;
        let f = Frame::at(&r, Strategy::Await, end);
        let drawn = texts(&scene(&r, &f, style, &Estimate));
        assert!(
            drawn.contains("cache") && drawn.contains("17 hits") && drawn.contains("of 20"),
            "{drawn}"
        );
        assert!(describe(&r.instance, &f).contains("answered 17 of 20"));
    }
}
