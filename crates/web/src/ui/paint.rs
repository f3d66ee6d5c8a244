//! The canvases: the café, the timeline (lanes and playhead) and the race
//! of four small cafés, each repainted by an effect when what it shows or
//! its size changes; and what a click or drag on them means.

use super::app::watch;
use super::canvas::{Palette, Surface, TextWidths, soon};
use super::dom::Page;
use super::state::Play;
use crate::engine::{SimTime, Strategy};
use crate::play::frame::Frame;
use crate::play::lanes::{Geometry, Hit, Lanes, hit, lanes, playhead, timeline};
use crate::play::scene::{
    MINI, Orientation, Style, customer_at, mini, mini_pending, scene, text_scale,
};
use crate::view::ids;
use leptos::prelude::*;
use leptos_use_element_visibility::use_element_visibility;
use std::ops::Range;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlCanvasElement, HtmlElement, ResizeObserver, ResizeObserverEntry};

/// Customer lanes shown at once.
pub const ROWS: usize = 10;

/// A canvas and its box as the browser last laid it out, from a
/// ResizeObserver: a painter reads it without forcing a layout (reading
/// `clientWidth` right after the page changed had the browser lay the whole
/// page out inside the app's first task, twice); below the stage, also
/// whether it is in view (an IntersectionObserver).
struct Laid {
    el: HtmlCanvasElement,
    /// Its content box, CSS px ((0, 0) until first laid out).
    size: RwSignal<(f32, f32)>,
    /// Whether any of it is in the viewport (`None`: always drawn).
    seen: Option<Signal<bool>>,
}

impl Laid {
    /// The canvas `id`, if the page has it, observed while the app lives.
    fn new(page: &Page, id: &str) -> Option<Laid> {
        Laid::observed(page, id, false)
    }

    /// [`Laid::new`], for a canvas below the stage: drawn only while it is
    /// in the viewport (the first frame draws the café alone, and a café
    /// that plays does not redraw what nobody sees).
    fn below(page: &Page, id: &str) -> Option<Laid> {
        Laid::observed(page, id, true)
    }

    fn observed(page: &Page, id: &str, when_seen: bool) -> Option<Laid> {
        let el = page.get_as::<HtmlCanvasElement>(id)?;
        let size = RwSignal::new((0.0, 0.0));
        let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                let rect = entry.unchecked_into::<ResizeObserverEntry>().content_rect();
                // The app may be gone (a test unmounts it).
                let _ = size.try_set((rect.width() as f32, rect.height() as f32));
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        on_resize.forget();
        observer.observe(&el);
        let observer = StoredValue::new_local(observer);
        on_cleanup(move || {
            observer.try_with_value(ResizeObserver::disconnect);
        });
        let seen =
            when_seen.then(|| use_element_visibility(el.clone().unchecked_into::<HtmlElement>()));
        Some(Laid { el, size, seen })
    }

    /// Whether to draw on it now (tracking).
    fn drawn(&self) -> bool {
        self.seen.is_none_or(|seen| seen.get())
    }

    /// Its CSS width and height (tracking); `None` before its first layout
    /// and while it is not shown.
    fn size(&self) -> Option<(f32, f32)> {
        let (w, h) = self.size.get();
        (w > 0.0).then_some((w, h))
    }
}

/// The café's layout: the one whose shape the stylesheet gave its canvas,
/// `w × h` (upright on a narrow stage; style/main.css, "The café's box").
fn orientation((w, h): (f32, f32)) -> Orientation {
    if h > w {
        Orientation::Portrait
    } else {
        Orientation::Landscape
    }
}

/// Repaints the café whenever the playhead, the strategy, the followed
/// customer, motion, type size, theme or its size change.
pub fn scene_painter(page: &Page, play: Play, palette: Memo<Palette>) {
    let Some(laid) = Laid::new(page, ids::SCENE_CANVAS) else {
        return;
    };
    // The first view's pictures of the café lie over the canvas until it
    // is painted.
    let pictures = page.get(ids::SCENE_PICTURE);
    watch(move || {
        let (t, strategy, selected) = (play.t.get(), play.strategy.get(), play.selected.get());
        let motion = play.motion.get();
        let large = play.large.get();
        let Some(css) = laid.size() else {
            return;
        };
        let el = &laid.el;
        let orientation = orientation(css);
        let (w, h) = orientation.size();
        let text_scale = text_scale(css.0 / w, large);
        let style = Style {
            orientation,
            motion,
            selected: Some(selected),
            text_scale,
        };
        let shapes = play.runs.with(|r| {
            let frame = Frame::at(&r.0, strategy, t);
            scene(&r.0, &frame, style, &TextWidths)
        });
        // The smallest text on screen, in CSS px (what the tests hold to).
        let px = smallest_text(&shapes) * css.0 / w;
        let px = crate::engine::decimal::fixed(f64::from(px), 1);
        if el.get_attribute("data-text-px").as_deref() != Some(px.as_str()) {
            let _ = el.set_attribute("data-text-px", &px);
        }
        let (el, pictures, pal) = (el.clone(), pictures.clone(), palette.get());
        soon(ids::SCENE_CANVAS, move || {
            let Some(surface) = Surface::within(&el, css.0, w, h) else {
                return;
            };
            surface.paint(&shapes, &pal);
            if let Some(p) = pictures.as_ref().filter(|p| p.has_child_nodes()) {
                p.set_inner_html("");
            }
        });
    });
}

/// The smallest font size in `shapes` (logical units).
fn smallest_text(shapes: &[crate::play::shape::Shape]) -> f32 {
    shapes
        .iter()
        .filter_map(|s| match s {
            crate::play::shape::Shape::Text { size, .. } => Some(*size),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min)
}

/// A click on the café follows the customer under it (the "Follow" menu
/// does the same by keyboard).
pub fn pick(play: Play, el: &HtmlCanvasElement, offset_x: i32, offset_y: i32) {
    let orientation = orientation((el.client_width() as f32, el.client_height() as f32));
    let (w, _) = orientation.size();
    let k = w / el.client_width().max(1) as f32;
    let (x, y) = (offset_x as f32 * k, offset_y as f32 * k);
    let style = Style {
        orientation,
        motion: play.motion.get_untracked(),
        selected: None,
        text_scale: 1.0,
    };
    let (t, strategy) = (play.t.get_untracked(), play.strategy.get_untracked());
    let hit = play
        .runs
        .with_untracked(|r| customer_at(&r.0, &Frame::at(&r.0, strategy, t), style, x, y));
    if let Some(order) = hit {
        play.selected.set(order);
    }
}

/// The lanes of the shown run, shared; equal only to themselves.
#[derive(Clone)]
pub struct SharedLanes(Arc<Lanes>);

impl PartialEq for SharedLanes {
    fn eq(&self, other: &SharedLanes) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Sets `el`'s displayed height to `px` CSS px (unless it is already).
fn keep_height(el: &HtmlCanvasElement, px: f32) {
    let style = HtmlElement::style(el);
    let height = format!("{}px", px.round() as u32);
    if style.get_property_value("height").ok().as_deref() != Some(height.as_str()) {
        let _ = style.set_property("height", &height);
    }
}

/// The timeline's geometry on a canvas `css_w` wide.
fn geometry(css_w: f32, end: SimTime, large: bool) -> Geometry {
    let scale = if large { 1.25 } else { 1.0 };
    Geometry {
        width: css_w,
        label_w: 86.0 * scale,
        axis_h: 22.0,
        lane_h: 24.0 * scale,
        end,
    }
}

/// The customers whose lanes show (tracking).
fn window(play: Play) -> Range<usize> {
    let n = play.customers.with(|c| c.0.orders.len());
    let f = play.first_lane.get().min(n.saturating_sub(ROWS));
    f..(f + ROWS).min(n)
}

/// The shown run's timeline lanes (computed when first asked for), for the
/// painter and for [`drag`].
pub fn lanes_of(play: Play) -> Memo<SharedLanes> {
    Memo::new(move |_| {
        play.with_run(|runs, run| {
            let instance = runs.instance_of(run.strategy);
            SharedLanes(Arc::new(lanes(instance, &run.trace)))
        })
    })
}

/// The timeline: `shown`'s lanes (repainted when the data, the window of
/// customers or the page changes), the playhead (every frame), the window's
/// words and buttons.
pub fn timeline_painter(page: &Page, play: Play, palette: Memo<Palette>, shown: Memo<SharedLanes>) {
    // Keep the followed customer in view.
    watch(move || {
        let s = play.follower();
        let f = play.first_lane.get_untracked();
        if s < f || s >= f + ROWS {
            play.first_lane.set(s.saturating_sub(2));
        }
    });
    let p = page.clone();
    let lanes_canvas = Laid::below(page, ids::LANES_CANVAS);
    watch(move || {
        let (large, selected, w) = (play.large.get(), play.selected.get(), window(play));
        let n = play.customers.with(|c| c.0.orders.len());
        p.set_text(
            ids::LANE_RANGE,
            &format!("Customers {}–{} of {n}", w.start + 1, w.end),
        );
        p.set_disabled(ids::EARLIER, w.start == 0);
        p.set_disabled(ids::LATER, w.end >= n);
        let Some(laid) = &lanes_canvas else {
            return;
        };
        // Its height follows the rows, set before it is laid out or painted
        // (and while unseen: nothing moves when it comes into view).
        let height = geometry(0.0, SimTime::ZERO, large).height(w.len());
        keep_height(&laid.el, height);
        let Some((css_w, _)) = laid.size() else {
            return;
        };
        // Its lanes are worked out and drawn only when it is in view.
        if !laid.drawn() {
            return;
        }
        let (g, shapes) = shown.with(|l| {
            let g = geometry(css_w, l.0.end, large);
            let shapes = play.with_run(|runs, run| {
                let instance = runs.instance_of(run.strategy);
                timeline(instance, &l.0, &g, w.clone(), Some(selected))
            });
            (g, shapes)
        });
        let (el, pal, rows) = (laid.el.clone(), palette.get(), w.len());
        soon(ids::LANES_CANVAS, move || {
            if let Some(surface) = Surface::within(&el, css_w, g.width, g.height(rows)) {
                surface.paint(&shapes, &pal);
            }
        });
    });
    let Some(head) = Laid::below(page, ids::HEAD_CANVAS) else {
        return;
    };
    watch(move || {
        let (t, large, rows) = (play.t.get(), play.large.get(), window(play).len());
        // Laid over the lanes (style/main.css), as high as they are.
        keep_height(&head.el, geometry(0.0, SimTime::ZERO, large).height(rows));
        let Some((css_w, _)) = head.size() else {
            return;
        };
        if !head.drawn() {
            return;
        }
        let g = shown.with(|l| geometry(css_w, l.0.end, large));
        let (el, pal) = (head.el.clone(), palette.get());
        soon(ids::HEAD_CANVAS, move || {
            if let Some(surface) = Surface::within(&el, css_w, g.width, g.height(rows)) {
                surface.clear(g.width, g.height(rows));
                surface.paint(&playhead(&g, rows, t), &pal);
            }
        });
    });
}

/// A press or drag at (`x`, `y`) on the timeline's playhead canvas: moves
/// the playhead there; a press on a bar also follows that customer and
/// jumps to the bar's start.
pub fn drag(
    play: Play,
    shown: Memo<SharedLanes>,
    el: &HtmlCanvasElement,
    x: f32,
    y: f32,
    dragging: bool,
) {
    let w = window(play);
    let found = shown.with_untracked(|l| {
        hit(
            &l.0,
            &geometry(
                el.client_width() as f32,
                l.0.end,
                play.large.get_untracked(),
            ),
            &w,
            x,
            y,
        )
    });
    match found {
        Hit::Time(t) => play.seek(t),
        Hit::Order { order, at, start } => {
            if !dragging {
                play.selected.set(order);
            }
            play.seek(if dragging { at } else { start.unwrap_or(at) });
        }
    }
}

/// The race: four small cafés on the same playhead (five with the
/// learner's handler), each a button that shows its strategy, with its
/// tally in words.
pub fn race_painter(page: &Page, play: Play, palette: Memo<Palette>) {
    for s in Strategy::WITH_YOURS {
        let page = page.clone();
        let laid = Laid::below(&page, &ids::race(s));
        // Its aspect is the small café's, set before it is laid out.
        if let Some(laid) = &laid {
            let aspect = format!("{} / {}", MINI.0 as u32, MINI.1 as u32);
            let _ = HtmlElement::style(&laid.el).set_property("aspect-ratio", &aspect);
        }
        let words = ids::race_words(s);
        // The tally changes a few times a run, the frame sixty times a second.
        let said = std::cell::RefCell::new(String::new());
        watch(move || {
            let t = play.t.get();
            let scale = if play.large.get() { 1.2 } else { 1.0 };
            let tally = play.runs.with(|r| r.0.get(s).map(|run| run.outcomes_by(t)));
            let tally = match tally {
                Some([served, cookies, lost]) => format!(
                    "{}: {served} served, {cookies} cookies, {lost} lost so far",
                    s.label()
                ),
                None => format!("{}: being simulated in the back room", s.label()),
            };
            if *said.borrow() != tally {
                page.set_text(&words, &tally);
                *said.borrow_mut() = tally;
            }
            let Some((laid, (css_w, _))) = laid.as_ref().and_then(|c| Some((c, c.size()?))) else {
                return;
            };
            if !laid.drawn() {
                return;
            }
            let shapes = play.runs.with(|r| match r.0.get(s) {
                Some(_) => mini(r.0.instance_of(s), &Frame::at(&r.0, s, t), s.label(), scale),
                None => mini_pending(s.label(), scale),
            });
            let (el, pal) = (laid.el.clone(), palette.get());
            soon(&ids::race(s), move || {
                if let Some(surface) = Surface::within(&el, css_w, MINI.0, MINI.1) {
                    surface.paint(&shapes, &pal);
                }
            });
        });
    }
}
