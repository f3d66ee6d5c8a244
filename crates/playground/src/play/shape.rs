//! A tiny display list: what a canvas view draws, as plain data. Views build
//! it (pure, testable), the canvas painter draws it. Colours are roles, not
//! values, so light and dark themes are the painter's business; text widths
//! come from a [`Measure`] (the canvas in the browser, an estimate in tests).

/// A colour role, resolved by the painter from the page's theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ink {
    /// Page background.
    Bg,
    /// Card/panel background.
    Card,
    /// Main text.
    Text,
    /// Secondary text, outlines.
    Muted,
    /// Hairlines.
    Line,
    /// The brand colour (the barista, the selection).
    Accent,
    /// Soft accent fill.
    AccentSoft,
    /// CPU work.
    Cpu,
    /// I/O (machines).
    Io,
    /// Blocked main thread.
    Blocked,
    /// Success.
    Good,
    /// Handled failure.
    Warn,
    /// Lost.
    Bad,
    /// The café's back wall.
    Wall,
    /// The café's floor.
    Floor,
    /// Counter tops and fronts (wood).
    Wood,
    /// The darker edge of wood.
    WoodDark,
    /// Machine bodies (steel).
    Metal,
    /// Machine details and outlines (dark steel).
    MetalDark,
    /// Skin, one of three tones.
    Skin1,
    /// Skin, one of three tones.
    Skin2,
    /// Skin, one of three tones.
    Skin3,
    /// Hair.
    Hair,
    /// Paper: order tickets, cups.
    Paper,
    /// Sticky notes (microtasks).
    Note,
    /// A customer's coat, one of four colours.
    Coat1,
    /// A customer's coat, one of four colours.
    Coat2,
    /// A customer's coat, one of four colours.
    Coat3,
    /// A customer's coat, one of four colours.
    Coat4,
    /// Steam and light smoke.
    Steam,
    /// Shadows on the floor (translucent).
    Shadow,
}

/// Each colour role's CSS custom property on the page (light and dark
/// themes set them) and the colour used where the property is missing:
/// the canvas reads them, the first view's picture names them.
pub const PALETTE: [(Ink, &str, &str); 31] = [
    (Ink::Bg, "--bg", "#fbf6ef"),
    (Ink::Card, "--card", "#ffffff"),
    (Ink::Text, "--ink", "#2a1c13"),
    (Ink::Muted, "--muted", "#6b5646"),
    (Ink::Line, "--line", "#e4d6c6"),
    (Ink::Accent, "--accent", "#8a4317"),
    (Ink::AccentSoft, "--accent-soft", "#f6e3d0"),
    (Ink::Cpu, "--cpu", "#8a4317"),
    (Ink::Io, "--io", "#1f5f8b"),
    (Ink::Blocked, "--bad", "#a02525"),
    (Ink::Good, "--good", "#2f6b3a"),
    (Ink::Warn, "--warn", "#8a5a00"),
    (Ink::Bad, "--bad", "#a02525"),
    (Ink::Wall, "--art-wall", "#f3e6d6"),
    (Ink::Floor, "--art-floor", "#e8d8c3"),
    (Ink::Wood, "--art-wood", "#b9774a"),
    (Ink::WoodDark, "--art-wood-dark", "#7f4b2a"),
    (Ink::Metal, "--art-metal", "#cdd3d8"),
    (Ink::MetalDark, "--art-metal-dark", "#46505a"),
    (Ink::Skin1, "--art-skin1", "#f2c7a2"),
    (Ink::Skin2, "--art-skin2", "#c98e62"),
    (Ink::Skin3, "--art-skin3", "#8d5a3b"),
    (Ink::Hair, "--art-hair", "#3b2a20"),
    (Ink::Paper, "--art-paper", "#fffdf8"),
    (Ink::Note, "--art-note", "#ffe27a"),
    (Ink::Coat1, "--art-coat1", "#3f7cac"),
    (Ink::Coat2, "--art-coat2", "#5a9a69"),
    (Ink::Coat3, "--art-coat3", "#c8664a"),
    (Ink::Coat4, "--art-coat4", "#8a6fb0"),
    (Ink::Steam, "--art-steam", "#9fb3c2"),
    (Ink::Shadow, "--art-shadow", "rgb(0 0 0 / 18%)"),
];

/// How wide a line of text is drawn, in the view's logical units.
pub trait Measure {
    /// Width of `text` at font `size`, bold or not.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
}

/// A text shape's box as [`Estimate`] measures it: (text, left, width,
/// baseline, size); `None` for other shapes. For tests that hold a view's
/// words inside it.
#[cfg(test)]
pub fn text_box(shape: &Shape) -> Option<(&str, f32, f32, f32, f32)> {
    let Shape::Text {
        x,
        y,
        text,
        size,
        align,
        bold,
        ..
    } = shape
    else {
        return None;
    };
    let w = Estimate.width(text, *size, *bold);
    let left = match align {
        Align::Left => *x,
        Align::Center => x - w / 2.0,
        Align::Right => x - w,
    };
    Some((text, left, w, *y, *size))
}

/// A measure that needs no canvas: per-character widths a little wider than
/// common sans-serif fonts draw them, so text it fits also fits on screen.
#[derive(Clone, Copy, Debug, Default)]
pub struct Estimate;

impl Measure for Estimate {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let ems: f32 = text
            .chars()
            .map(|c| match c {
                'i' | 'j' | 'l' | '.' | ',' | '\'' | ':' | ';' | '!' | '|' | 'I' | '·' => 0.34,
                ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' => 0.42,
                'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.98,
                'a'..='z' => 0.64,
                'A'..='Z' => 0.78,
                '0'..='9' => 0.66,
                _ => 1.05,
            })
            .sum();
        ems * size * if bold { 1.08 } else { 1.0 }
    }
}

/// Horizontal text alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text starts at x.
    Left,
    /// Text is centred on x.
    Center,
    /// Text ends at x.
    Right,
}

/// One thing to draw, in the view's logical units.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle; `hatch` draws diagonal stripes (I/O, blocked: a pattern,
    /// not only a colour).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill, if any.
        fill: Option<Ink>,
        /// Outline, if any.
        stroke: Option<Ink>,
        /// Diagonal stripes in the stroke colour.
        hatch: bool,
    },
    /// A circle.
    Circle {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
        /// Radius.
        r: f32,
        /// Fill, if any.
        fill: Option<Ink>,
        /// Outline, if any.
        stroke: Option<Ink>,
        /// Outline width.
        width: f32,
    },
    /// A line segment.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Colour.
        ink: Ink,
        /// Width.
        width: f32,
        /// Dashed.
        dash: bool,
    },
    /// A rectangle with rounded corners.
    Round {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Corner radius.
        r: f32,
        /// Fill, if any.
        fill: Option<Ink>,
        /// Outline, if any.
        stroke: Option<Ink>,
        /// Outline width.
        width: f32,
    },
    /// An ellipse.
    Ellipse {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
        /// Horizontal radius.
        rx: f32,
        /// Vertical radius.
        ry: f32,
        /// Fill, if any.
        fill: Option<Ink>,
        /// Outline, if any.
        stroke: Option<Ink>,
        /// Outline width.
        width: f32,
    },
    /// A polygon (`closed`) or a polyline through `points`, with round joins.
    Path {
        /// The corners.
        points: Vec<(f32, f32)>,
        /// Joins the last point to the first.
        closed: bool,
        /// Fill, if any (closed paths).
        fill: Option<Ink>,
        /// Outline, if any.
        stroke: Option<Ink>,
        /// Outline width.
        width: f32,
    },
    /// An arc of a circle, stroked: angles in radians, clockwise from 3 o'clock.
    Arc {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
        /// Radius.
        r: f32,
        /// Start angle.
        from: f32,
        /// End angle.
        to: f32,
        /// Colour.
        ink: Ink,
        /// Width.
        width: f32,
    },
    /// A line of text.
    Text {
        /// Anchor x.
        x: f32,
        /// Baseline y.
        y: f32,
        /// The text.
        text: String,
        /// Font size.
        size: f32,
        /// Colour.
        ink: Ink,
        /// Alignment around x.
        align: Align,
        /// Bold.
        bold: bool,
    },
}

/// Helpers that keep view code short.
pub mod draw {
    use super::{Align, Ink, Shape};

    /// A filled rectangle.
    pub fn fill(x: f32, y: f32, w: f32, h: f32, ink: Ink) -> Shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            fill: Some(ink),
            stroke: None,
            hatch: false,
        }
    }

    /// An outlined rectangle, optionally filled.
    pub fn frame(x: f32, y: f32, w: f32, h: f32, fill: Option<Ink>, stroke: Ink) -> Shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke: Some(stroke),
            hatch: false,
        }
    }

    /// A hatched rectangle (stripes in `ink`).
    pub fn hatched(x: f32, y: f32, w: f32, h: f32, ink: Ink) -> Shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            fill: None,
            stroke: Some(ink),
            hatch: true,
        }
    }

    /// Text.
    pub fn text(
        x: f32,
        y: f32,
        text: impl Into<String>,
        size: f32,
        ink: Ink,
        align: Align,
    ) -> Shape {
        Shape::Text {
            x,
            y,
            text: text.into(),
            size,
            ink,
            align,
            bold: false,
        }
    }

    /// Bold text.
    pub fn bold(x: f32, y: f32, t: impl Into<String>, size: f32, ink: Ink, align: Align) -> Shape {
        let mut shape = text(x, y, t, size, ink, align);
        if let Shape::Text { bold, .. } = &mut shape {
            *bold = true;
        }
        shape
    }

    /// A filled, optionally outlined, rounded rectangle.
    pub fn round(x: f32, y: f32, w: f32, h: f32, r: f32, fill: Ink, stroke: Option<Ink>) -> Shape {
        Shape::Round {
            x,
            y,
            w,
            h,
            r,
            fill: Some(fill),
            stroke,
            width: 1.5,
        }
    }

    /// A filled polygon, optionally outlined.
    pub fn polygon(points: Vec<(f32, f32)>, fill: Ink, stroke: Option<Ink>) -> Shape {
        Shape::Path {
            points,
            closed: true,
            fill: Some(fill),
            stroke,
            width: 1.5,
        }
    }

    /// A stroked polyline.
    pub fn polyline(points: Vec<(f32, f32)>, ink: Ink, width: f32) -> Shape {
        Shape::Path {
            points,
            closed: false,
            fill: None,
            stroke: Some(ink),
            width,
        }
    }

    /// A filled disc.
    pub fn disc(x: f32, y: f32, r: f32, ink: Ink) -> Shape {
        Shape::Circle {
            x,
            y,
            r,
            fill: Some(ink),
            stroke: None,
            width: 0.0,
        }
    }

    /// A filled ellipse.
    pub fn ellipse(x: f32, y: f32, rx: f32, ry: f32, ink: Ink) -> Shape {
        Shape::Ellipse {
            x,
            y,
            rx,
            ry,
            fill: Some(ink),
            stroke: None,
            width: 0.0,
        }
    }

    /// A line.
    pub fn line(x1: f32, y1: f32, x2: f32, y2: f32, ink: Ink, width: f32) -> Shape {
        Shape::Line {
            x1,
            y1,
            x2,
            y2,
            ink,
            width,
            dash: false,
        }
    }
}
