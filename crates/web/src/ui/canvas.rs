//! Paints a display list (`play::shape`) on a `<canvas>` with the page's
//! theme colours, sharp on high-density screens, in an animation frame
//! ([`soon`]); measures text on a canvas of its own, outside the page. The
//! only place that talks to the canvas API.
//!
//! Why both: setting a canvas's font makes the browser work out the style
//! and layout of the whole page first when the page changed since (the
//! font may depend on the canvas's style). A big café's first render
//! changes much of the page; a painter setting fonts right after each
//! change had the browser lay the page out again for every canvas, inside
//! one long task. Measured on a canvas outside the page, and painted
//! together in the next frame, the layout is worked out once.

use crate::play::shape::{Align, Ink, Measure, PALETTE, Shape};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Theme colours, read from the page's CSS custom properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    /// Shared: every painter takes a copy with its paint, every frame.
    colours: std::sync::Arc<[String]>,
}

/// How many measured widths are remembered (a frame draws about a hundred
/// texts, most of them the same names and words as the frame before).
const WIDTHS_KEPT: usize = 512;

/// A canvas's paint, waiting for an animation frame.
type Paint = Box<dyn FnOnce()>;

thread_local! {
    /// Widths already measured: (text, font px × 10, bold, width), newest
    /// last (a plain list: a hash map would cost more code than it saves).
    static WIDTHS: std::cell::RefCell<Vec<(String, u32, bool, f32)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// The context text is measured on: a canvas that is not in the page.
    static MEASURING: Option<CanvasRenderingContext2d> = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
    /// Paints waiting for the next animation frame, by canvas, and whether
    /// that frame was asked for.
    static WAITING: std::cell::RefCell<Vec<(String, Paint)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static FRAME_ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `paint` (painting canvas `canvas`) in the next animation frame,
/// in place of a paint of the same canvas still waiting: every canvas is
/// painted there, one after another, after the page's markup changed.
pub fn soon(canvas: &str, paint: impl FnOnce() + 'static) {
    WAITING.with(|w| {
        let mut w = w.borrow_mut();
        w.retain(|(c, _)| c != canvas);
        w.push((canvas.to_owned(), Box::new(paint)));
    });
    if !FRAME_ASKED.replace(true) {
        leptos::prelude::request_animation_frame(|| {
            FRAME_ASKED.set(false);
            for (_, paint) in WAITING.take() {
                paint();
            }
        });
    }
}

impl Palette {
    /// Reads the current theme (call again when the colour scheme changes).
    pub fn read() -> Palette {
        let style = web_sys::window().and_then(|w| {
            let root = w.document()?.document_element()?;
            w.get_computed_style(&root).ok().flatten()
        });
        let colours = PALETTE
            .iter()
            .map(|&(_, var, fallback)| {
                let value = style
                    .as_ref()
                    .and_then(|s| s.get_property_value(var).ok())
                    .unwrap_or_default();
                let value = value.trim();
                if value.is_empty() {
                    fallback.to_string()
                } else {
                    value.to_string()
                }
            })
            .collect();
        Palette { colours }
    }

    fn of(&self, ink: Ink) -> &str {
        let i = PALETTE.iter().position(|&(k, _, _)| k == ink).unwrap_or(0);
        self.colours.get(i).map_or("#000", String::as_str)
    }
}

/// A canvas sized for drawing, with its 2D context.
pub struct Surface {
    ctx: CanvasRenderingContext2d,
}

impl Surface {
    /// Fits `canvas`'s backing store to its displayed width `css_w` (times
    /// the device pixel ratio) for a drawing of `logical_w × logical_h`. The
    /// displayed height is the stylesheet's or the painter's, set before
    /// anything is painted, so the page's layout never waits for a paint.
    pub fn within(
        canvas: &HtmlCanvasElement,
        css_w: f32,
        logical_w: f32,
        logical_h: f32,
    ) -> Option<Surface> {
        let css_w = f64::from(css_w.max(1.0));
        let dpr = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .clamp(1.0, 3.0);
        let scale = css_w / f64::from(logical_w);
        let (px_w, px_h) = (
            (css_w * dpr) as u32,
            (f64::from(logical_h) * scale * dpr) as u32,
        );
        if canvas.width() != px_w || canvas.height() != px_h {
            canvas.set_width(px_w);
            canvas.set_height(px_h);
        }
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let s = scale * dpr;
        let _ = ctx.set_transform(s, 0.0, 0.0, s, 0.0, 0.0);
        Some(Surface { ctx })
    }

    /// Sets the font to `tenths` / 10 px.
    fn set_font(&self, tenths: u32, bold: bool) {
        self.ctx.set_font(&font(tenths, bold));
    }

    /// Clears to transparent.
    pub fn clear(&self, w: f32, h: f32) {
        self.ctx.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
    }

    /// Draws `shapes` in order.
    pub fn paint(&self, shapes: &[Shape], palette: &Palette) {
        let c = &self.ctx;
        let mut font = (0u32, false);
        for s in shapes {
            match s {
                Shape::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                    hatch,
                } => {
                    let (x, y, w, h) = (f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
                    if let Some(ink) = fill {
                        c.set_fill_style_str(palette.of(*ink));
                        c.fill_rect(x, y, w, h);
                    }
                    if let Some(ink) = stroke {
                        c.set_stroke_style_str(palette.of(*ink));
                        c.set_line_width(1.0);
                        if *hatch {
                            self.hatch(x, y, w, h);
                        } else {
                            c.stroke_rect(x + 0.5, y + 0.5, (w - 1.0).max(0.0), (h - 1.0).max(0.0));
                        }
                    }
                }
                Shape::Circle {
                    x,
                    y,
                    r,
                    fill,
                    stroke,
                    width,
                } => {
                    c.begin_path();
                    let _ = c.arc(
                        f64::from(*x),
                        f64::from(*y),
                        f64::from(*r),
                        0.0,
                        std::f64::consts::TAU,
                    );
                    self.fill_and_stroke(*fill, *stroke, *width, palette);
                }
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    ink,
                    width,
                    dash,
                } => {
                    c.begin_path();
                    c.set_stroke_style_str(palette.of(*ink));
                    c.set_line_width(f64::from(*width));
                    if *dash {
                        let _ = c.set_line_dash(&dash_pattern());
                    }
                    c.move_to(f64::from(*x1), f64::from(*y1));
                    c.line_to(f64::from(*x2), f64::from(*y2));
                    c.stroke();
                    if *dash {
                        let _ = c.set_line_dash(&js_sys::Array::new());
                    }
                }
                Shape::Round {
                    x,
                    y,
                    w,
                    h,
                    r,
                    fill,
                    stroke,
                    width,
                } => {
                    let (x, y, w, h) = (f64::from(*x), f64::from(*y), f64::from(*w), f64::from(*h));
                    let r = f64::from(*r).min(w / 2.0).min(h / 2.0).max(0.0);
                    c.begin_path();
                    c.move_to(x + r, y);
                    let _ = c.arc_to(x + w, y, x + w, y + h, r);
                    let _ = c.arc_to(x + w, y + h, x, y + h, r);
                    let _ = c.arc_to(x, y + h, x, y, r);
                    let _ = c.arc_to(x, y, x + w, y, r);
                    c.close_path();
                    self.fill_and_stroke(*fill, *stroke, *width, palette);
                }
                Shape::Ellipse {
                    x,
                    y,
                    rx,
                    ry,
                    fill,
                    stroke,
                    width,
                } => {
                    c.begin_path();
                    let _ = c.ellipse(
                        f64::from(*x),
                        f64::from(*y),
                        f64::from(rx.max(0.0)),
                        f64::from(ry.max(0.0)),
                        0.0,
                        0.0,
                        std::f64::consts::TAU,
                    );
                    self.fill_and_stroke(*fill, *stroke, *width, palette);
                }
                Shape::Path {
                    points,
                    closed,
                    fill,
                    stroke,
                    width,
                } => {
                    let Some(&(x0, y0)) = points.first() else {
                        continue;
                    };
                    c.begin_path();
                    c.move_to(f64::from(x0), f64::from(y0));
                    for &(x, y) in &points[1..] {
                        c.line_to(f64::from(x), f64::from(y));
                    }
                    if *closed {
                        c.close_path();
                    }
                    c.set_line_join("round");
                    c.set_line_cap("round");
                    self.fill_and_stroke(*fill, *stroke, *width, palette);
                }
                Shape::Arc {
                    x,
                    y,
                    r,
                    from,
                    to,
                    ink,
                    width,
                } => {
                    c.begin_path();
                    let _ = c.arc(
                        f64::from(*x),
                        f64::from(*y),
                        f64::from(r.max(0.0)),
                        f64::from(*from),
                        f64::from(*to),
                    );
                    c.set_line_cap("round");
                    self.fill_and_stroke(None, Some(*ink), *width, palette);
                }
                Shape::Text {
                    x,
                    y,
                    text,
                    size,
                    ink,
                    align,
                    bold,
                } => {
                    let px = (size * 10.0).round().max(10.0) as u32;
                    if font != (px, *bold) {
                        font = (px, *bold);
                        self.set_font(px, *bold);
                    }
                    c.set_text_align(match align {
                        Align::Left => "left",
                        Align::Center => "center",
                        Align::Right => "right",
                    });
                    c.set_fill_style_str(palette.of(*ink));
                    let _ = c.fill_text(text, f64::from(*x), f64::from(*y));
                }
            }
        }
    }

    /// Fills and strokes the current path.
    fn fill_and_stroke(
        &self,
        fill: Option<Ink>,
        stroke: Option<Ink>,
        width: f32,
        palette: &Palette,
    ) {
        let c = &self.ctx;
        if let Some(ink) = fill {
            c.set_fill_style_str(palette.of(ink));
            c.fill();
        }
        if let Some(ink) = stroke {
            c.set_stroke_style_str(palette.of(ink));
            c.set_line_width(f64::from(width));
            c.stroke();
        }
    }

    /// Diagonal stripes inside a rectangle (in the current stroke colour).
    fn hatch(&self, x: f64, y: f64, w: f64, h: f64) {
        let c = &self.ctx;
        if w < 1.0 || h < 1.0 {
            return;
        }
        c.save();
        c.begin_path();
        c.rect(x, y, w, h);
        c.clip();
        c.begin_path();
        let mut d = -h;
        while d < w {
            c.move_to(x + d, y + h);
            c.line_to(x + d + h, y);
            d += 6.0;
        }
        c.stroke();
        c.restore();
    }
}

/// The canvas font of `tenths` / 10 px (whole tenths: no float formatting
/// in the WebAssembly), semi-bold or not.
fn font(tenths: u32, bold: bool) -> String {
    let weight = if bold { "600 " } else { "" };
    let (whole, tenth) = (tenths / 10, tenths % 10);
    format!("{weight}{whole}.{tenth}px system-ui, sans-serif")
}

fn dash_pattern() -> js_sys::Array {
    let a = js_sys::Array::new();
    a.push(&4.0.into());
    a.push(&3.0.into());
    a
}

/// Text widths in the fonts the canvases draw in, measured on a canvas
/// outside the page (remembered: the same names and words come back every
/// frame).
pub struct TextWidths;

impl Measure for TextWidths {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let px = (size * 10.0).round().max(10.0) as u32;
        let known = WIDTHS.with(|m| {
            m.borrow()
                .iter()
                .rev()
                .find(|k| k.1 == px && k.2 == bold && k.0 == text)
                .map(|k| k.3)
        });
        if let Some(w) = known {
            return w;
        }
        let w = MEASURING.with(|ctx| {
            let Some(ctx) = ctx else {
                return 0.0;
            };
            ctx.set_font(&font(px, bold));
            ctx.measure_text(text).map_or(0.0, |m| m.width() as f32)
        });
        WIDTHS.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() >= WIDTHS_KEPT {
                m.drain(..WIDTHS_KEPT / 2);
            }
            m.push((text.to_string(), px, bold, w));
        });
        w
    }
}
