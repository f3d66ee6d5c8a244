//! A tiny display list: what a canvas view draws, as plain data. Views build
//! it (pure, testable), the canvas painter draws it. Colours are roles, not
//! values, so light and dark themes are the painter's business.

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
