//! A display list (`play::shape`) as inline SVG: the café's first frame in
//! the page's HTML, shown before the WebAssembly paints the canvas (the
//! build writes it; the app never does). Colours are the page's CSS custom
//! properties (`shape::PALETTE`), so the picture follows the theme as the
//! canvas does.

use super::Html;
use crate::engine::decimal::fixed;
use crate::play::shape::{Align, Ink, PALETTE, Shape};

/// `shapes`, drawn in a `width × height` box of logical units, as an
/// `<svg>` element with `class`; hidden from assistive technology (the
/// canvas it stands in for carries the café's words).
pub fn picture(shapes: &[Shape], width: f32, height: f32, class: &str) -> String {
    let mut h = Html::new();
    h.open("svg")
        .attr("class", class)
        .attr("viewBox", &format!("0 0 {} {}", num(width), num(height)))
        .attr("aria-hidden", "true")
        .attr("font-family", "system-ui, sans-serif")
        .attr("stroke-linecap", "round")
        .attr("stroke-linejoin", "round");
    for shape in shapes {
        draw(&mut h, shape);
    }
    h.close("svg");
    h.into_string()
}

/// A number of logical units, to a tenth.
fn num(x: f32) -> String {
    let text = fixed(f64::from(x), 1);
    match text.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => text,
    }
}

/// `var(--property, fallback)` of `ink`.
fn colour(ink: Ink) -> String {
    let (_, var, fallback) = PALETTE
        .iter()
        .find(|(k, _, _)| *k == ink)
        .copied()
        .unwrap_or((ink, "--ink", "#000"));
    format!("var({var}, {fallback})")
}

/// Fill and stroke attributes: no fill is `none`, a stroke has its width.
fn paint(h: &mut Html, fill: Option<Ink>, stroke: Option<Ink>, width: f32) {
    h.attr("fill", &fill.map_or_else(|| "none".to_string(), colour));
    if let Some(ink) = stroke {
        h.attr("stroke", &colour(ink))
            .attr("stroke-width", &num(width));
    }
}

fn draw(h: &mut Html, shape: &Shape) {
    match shape {
        Shape::Rect {
            x,
            y,
            w,
            h: height,
            fill,
            stroke,
            hatch,
        } => {
            if let Some(ink) = fill {
                rect(h, *x, *y, *w, *height, 0.0);
                paint(h, Some(*ink), None, 0.0);
                h.shut();
            }
            match (stroke, hatch) {
                (Some(ink), true) => stripes(h, *x, *y, *w, *height, *ink),
                (Some(ink), false) => {
                    // As the canvas strokes it: a 1-unit line inside the box.
                    rect(
                        h,
                        x + 0.5,
                        y + 0.5,
                        (w - 1.0).max(0.0),
                        (height - 1.0).max(0.0),
                        0.0,
                    );
                    paint(h, None, Some(*ink), 1.0);
                    h.shut();
                }
                (None, _) => {}
            }
        }
        Shape::Round {
            x,
            y,
            w,
            h: height,
            r,
            fill,
            stroke,
            width,
        } => {
            rect(
                h,
                *x,
                *y,
                *w,
                *height,
                r.min(w / 2.0).min(height / 2.0).max(0.0),
            );
            paint(h, *fill, *stroke, *width);
            h.shut();
        }
        Shape::Circle {
            x,
            y,
            r,
            fill,
            stroke,
            width,
        } => {
            h.open("circle")
                .attr("cx", &num(*x))
                .attr("cy", &num(*y))
                .attr("r", &num(r.max(0.0)));
            paint(h, *fill, *stroke, *width);
            h.shut();
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
            h.open("ellipse")
                .attr("cx", &num(*x))
                .attr("cy", &num(*y))
                .attr("rx", &num(rx.max(0.0)))
                .attr("ry", &num(ry.max(0.0)));
            paint(h, *fill, *stroke, *width);
            h.shut();
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
            h.open("line")
                .attr("x1", &num(*x1))
                .attr("y1", &num(*y1))
                .attr("x2", &num(*x2))
                .attr("y2", &num(*y2));
            paint(h, None, Some(*ink), *width);
            if *dash {
                h.attr("stroke-dasharray", "4 3");
            }
            h.shut();
        }
        Shape::Path {
            points,
            closed,
            fill,
            stroke,
            width,
        } => {
            if points.is_empty() {
                return;
            }
            let mut d = String::new();
            for (i, &(x, y)) in points.iter().enumerate() {
                d.push(if i == 0 { 'M' } else { 'L' });
                d.push_str(&num(x));
                d.push(' ');
                d.push_str(&num(y));
            }
            if *closed {
                d.push('Z');
            }
            h.open("path").attr("d", &d);
            paint(h, *fill, *stroke, *width);
            h.shut();
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
            let r = r.max(0.0);
            let (sx, sy) = (x + r * from.cos(), y + r * from.sin());
            let (ex, ey) = (x + r * to.cos(), y + r * to.sin());
            let large = if (to - from).abs() > std::f32::consts::PI {
                1
            } else {
                0
            };
            let sweep = if to >= from { 1 } else { 0 };
            let d = format!(
                "M{} {}A{} {} 0 {large} {sweep} {} {}",
                num(sx),
                num(sy),
                num(r),
                num(r),
                num(ex),
                num(ey)
            );
            h.open("path").attr("d", &d);
            paint(h, None, Some(*ink), *width);
            h.shut();
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
            h.open("text")
                .attr("x", &num(*x))
                .attr("y", &num(*y))
                .attr("font-size", &num(*size))
                .attr("fill", &colour(*ink));
            match align {
                Align::Left => {}
                Align::Center => {
                    h.attr("text-anchor", "middle");
                }
                Align::Right => {
                    h.attr("text-anchor", "end");
                }
            }
            if *bold {
                h.attr("font-weight", "600");
            }
            h.text(text).close("text");
        }
    }
}

fn rect(h: &mut Html, x: f32, y: f32, w: f32, height: f32, r: f32) {
    h.open("rect")
        .attr("x", &num(x))
        .attr("y", &num(y))
        .attr("width", &num(w.max(0.0)))
        .attr("height", &num(height.max(0.0)));
    if r > 0.0 {
        h.attr("rx", &num(r));
    }
}

/// Diagonal stripes 6 units apart inside a box, as the canvas hatches
/// (lines from bottom-left to top-right, cut at the box's edges).
fn stripes(h: &mut Html, x: f32, y: f32, w: f32, height: f32, ink: Ink) {
    if w < 1.0 || height < 1.0 {
        return;
    }
    let mut d = String::new();
    let mut k = -height;
    while k < w {
        // The line x = x0 + k + s, y = y0 + height - s for s in 0..=height,
        // kept where 0 <= k + s <= w.
        let (s0, s1) = ((-k).max(0.0), (w - k).min(height));
        if s1 > s0 {
            d.push('M');
            d.push_str(&num(x + k + s0));
            d.push(' ');
            d.push_str(&num(y + height - s0));
            d.push('L');
            d.push_str(&num(x + k + s1));
            d.push(' ');
            d.push_str(&num(y + height - s1));
        }
        k += 6.0;
    }
    h.open("path").attr("d", &d);
    paint(h, None, Some(ink), 1.0);
    h.shut();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, SimTime, Strategy};
    use crate::play::Runs;
    use crate::play::frame::Frame;
    use crate::play::scene::{Orientation, Style, scene};
    use crate::play::shape::Estimate;

    #[test]
    fn the_cafe_at_t0_is_one_svg_with_every_name_escaped_and_every_colour_a_theme_property() {
        let runs = Runs::new(&Scenario::default());
        let frame = Frame::at(&runs, Strategy::Callbacks, SimTime::ZERO);
        let (w, h) = Orientation::Landscape.size();
        let style = Style {
            orientation: Orientation::Landscape,
            motion: true,
            selected: Some(0),
            text_scale: 1.0,
        };
        let shapes = scene(&runs, &frame, style, &Estimate);
        let svg = picture(&shapes, w, h, "first-frame");
        assert!(svg.starts_with("<svg class=\"first-frame\" viewBox=\"0 0 760 530\""));
        assert!(svg.ends_with("</svg>"));
        let texts = shapes
            .iter()
            .filter(|s| matches!(s, Shape::Text { .. }))
            .count();
        assert!(texts > 5, "the café has words: {texts}");
        assert_eq!(svg.matches("<text ").count(), texts);
        // Every colour is a custom property of the page's theme.
        for fill in svg.split("fill=\"").skip(1) {
            let value = &fill[..fill.find('"').unwrap_or(0)];
            assert!(value == "none" || value.starts_with("var(--"), "{value}");
        }
    }

    #[test]
    fn shapes_become_their_svg_elements() {
        let text = Shape::Text {
            x: 10.0,
            y: 20.34,
            text: "Ada <3".into(),
            size: 12.0,
            ink: Ink::Text,
            align: Align::Center,
            bold: true,
        };
        let svg = picture(&[text], 100.0, 50.5, "p");
        assert!(svg.contains(
            "<text x=\"10\" y=\"20.3\" font-size=\"12\" fill=\"var(--ink, #2a1c13)\" text-anchor=\"middle\" font-weight=\"600\">Ada &lt;3</text>"
        ), "{svg}");
        let hatched = Shape::Rect {
            x: 0.0,
            y: 0.0,
            w: 12.0,
            h: 6.0,
            fill: None,
            stroke: Some(Ink::Io),
            hatch: true,
        };
        let svg = picture(&[hatched], 12.0, 6.0, "p");
        // Stripes start at k = -6 (only its corner point is inside: not
        // drawn), 0 and 6.
        assert_eq!(svg.matches('M').count(), 2, "{svg}");
        assert!(svg.contains("d=\"M0 6L6 0M6 6L12 0\""), "{svg}");
    }
}
