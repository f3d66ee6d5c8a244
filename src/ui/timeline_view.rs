//! The timeline: a lane per customer and one for the barista, with a
//! draggable playhead. Two canvases: the lanes (redrawn when the data or the
//! window changes) and the playhead (redrawn every frame).

use super::canvas::{Palette, Surface};
use super::state::Play;
use crate::play::lanes::{Geometry, Hit, Lanes, hit, lanes, playhead, timeline};
use leptos::html::Canvas;
use leptos::prelude::*;
use std::sync::Arc;

/// Customer lanes shown at once.
const ROWS: usize = 10;

/// The lanes of the shown run, shared; equal only to themselves.
#[derive(Clone)]
struct SharedLanes(Arc<Lanes>);

impl PartialEq for SharedLanes {
    fn eq(&self, other: &SharedLanes) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn geometry(width: f32, l: &Lanes, large: bool) -> Geometry {
    let scale = if large { 1.25 } else { 1.0 };
    Geometry {
        width,
        label_w: 86.0 * scale,
        axis_h: 22.0,
        lane_h: 24.0 * scale,
        end: l.end,
    }
}

/// The timeline with its window controls.
#[component]
pub fn TimelineView(
    /// Theme colours.
    palette: Memo<Palette>,
    /// Bumped when the window is resized.
    resized: ReadSignal<u32>,
) -> impl IntoView {
    let play = expect_context::<Play>();
    let lanes_canvas = NodeRef::<Canvas>::new();
    let head_canvas = NodeRef::<Canvas>::new();
    let shown = Memo::new(move |_| {
        play.with_run(|runs, run| SharedLanes(Arc::new(lanes(&runs.instance, &run.trace))))
    });
    let count = move || play.runs.with(|r| r.0.instance.orders.len());
    let first = RwSignal::new(0usize);
    // Keep the selected customer in view.
    Effect::new(move |_| {
        let s = play.selected.get() as usize;
        let f = first.get_untracked();
        if s < f || s >= f + ROWS {
            first.set(s.saturating_sub(2));
        }
    });
    let window = move || {
        let n = count();
        let f = first.get().min(n.saturating_sub(ROWS));
        f..(f + ROWS).min(n)
    };
    let dragging = RwSignal::new(false);
    let width = move |c: &web_sys::HtmlCanvasElement| c.client_width().max(200) as f32;

    Effect::new(move |_| {
        resized.track();
        let (large, selected, w) = (play.large.get(), play.selected.get(), window());
        let Some(el) = lanes_canvas.get() else { return };
        shown.with(|l| {
            let g = geometry(width(&el), &l.0, large);
            let Some(surface) = Surface::fit(&el, g.width, g.height(w.len())) else {
                return;
            };
            play.runs.with(|r| {
                let shapes = timeline(&r.0.instance, &l.0, &g, w.clone(), Some(selected));
                palette.with(|p| surface.paint(&shapes, p));
            });
        });
    });
    Effect::new(move |_| {
        resized.track();
        let (t, large, rows) = (play.t.get(), play.large.get(), window().len());
        let Some(el) = head_canvas.get() else { return };
        shown.with(|l| {
            let g = geometry(width(&el), &l.0, large);
            let Some(surface) = Surface::fit(&el, g.width, g.height(rows)) else {
                return;
            };
            surface.clear(g.width, g.height(rows));
            palette.with(|p| surface.paint(&playhead(&g, rows, t), p));
        });
    });

    let point = move |e: &web_sys::PointerEvent| {
        let Some(el) = head_canvas.get_untracked() else {
            return;
        };
        let (x, y) = (e.offset_x() as f32, e.offset_y() as f32);
        let w = window();
        let found = shown.with_untracked(|l| {
            hit(
                &l.0,
                &geometry(width(&el), &l.0, play.large.get_untracked()),
                &w,
                x,
                y,
            )
        });
        match found {
            Hit::Time(t) => play.seek(t),
            Hit::Order { order, at, start } => {
                if !dragging.get_untracked() {
                    play.selected.set(order);
                }
                play.seek(if dragging.get_untracked() {
                    at
                } else {
                    start.unwrap_or(at)
                });
            }
        }
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="timeline-head">
                <h2 id="timeline-title">"Timeline"</h2>
                <p class="legend">
                    <span class="key cpu">"barista works (CPU)"</span>
                    <span class="key io">"machine works (I/O)"</span>
                    <span class="key wait">"waiting"</span>
                    <span class="key ready">"done, waiting for the barista"</span>
                </p>
            </div>
            <div class="lanes">
                <canvas node_ref=lanes_canvas aria-hidden="true"></canvas>
                <canvas
                    node_ref=head_canvas
                    class="playhead"
                    role="img"
                    aria-label="Timeline: drag to move the playhead; click a bar to jump to it and follow that customer"
                    on:pointerdown=move |e| {
                        play.playing.set(false);
                        point(&e);
                        dragging.set(true);
                        if let Some(el) = head_canvas.get_untracked() {
                            let _ = el.set_pointer_capture(e.pointer_id());
                        }
                    }
                    on:pointermove=move |e| {
                        if dragging.get_untracked() {
                            point(&e);
                        }
                    }
                    on:pointerup=move |_| dragging.set(false)
                    on:pointercancel=move |_| dragging.set(false)
                ></canvas>
            </div>
            <div class="lane-window">
                <button type="button" disabled=move || { window().start == 0 } on:click=move |_| {
                    first.update(|f| *f = f.saturating_sub(ROWS))
                }>"▲ Earlier customers"</button>
                <span>{move || {
                    let w = window();
                    format!("Customers {}–{} of {}", w.start + 1, w.end, count())
                }}</span>
                <button type="button" disabled=move || { window().end >= count() } on:click=move |_| {
                    first.update(|f| *f += ROWS)
                }>"▼ Later customers"</button>
            </div>
        </section>
    }
}
