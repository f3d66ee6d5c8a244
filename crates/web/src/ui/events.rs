//! What the user does: one delegated listener per kind of event on the
//! app's root (and the keyboard shortcuts on the window). Controls say what
//! they are with `data-act`, `data-param`, `data-follow`, `data-lang` or
//! their `id`; nothing here builds markup.

use super::app::watch;
use super::components::open_help;
use super::dom::{Page, closest_with};
use super::lesson;
use super::paint::{self, ROWS, SharedLanes};
use super::real::Runner;
use super::results::{CHART_TITLES, chart_drawings};
use super::share;
use super::state::Play;
use crate::engine::{SimTime, Strategy};
use crate::listing::Language;
use crate::setup::builtin_presets;
use crate::view::export;
use crate::view::ids;
use crate::view::page::{intro_caption, intro_title};
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventTarget, HtmlCanvasElement};

/// Listens to `name` events on the root.
fn on_root(page: &Page, name: &'static str, f: Box<dyn Fn(Event)>) {
    on(page.0.clone().into(), name, f);
}

/// Listens to `name` events on the window (keys, resizing, the host
/// page's messages).
pub fn on_window(name: &'static str, f: Box<dyn Fn(Event)>) {
    on(window().into(), name, f);
}

/// Listens to `name` events on `target`: one generic instance of the
/// listening code for the root's events and the window's.
fn on(target: EventTarget, name: &'static str, f: Box<dyn Fn(Event)>) {
    let _ = use_event_listener(target, ev::Custom::<Event>::new(name), f);
}

/// The element the event happened on.
fn target(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// Wires every control of the page to `play`.
pub fn listen(page: &Page, play: Play, lanes: Memo<SharedLanes>, help: NodeRef<Dialog>) {
    let p = page.clone();
    let runner = Runner::default();
    on_root(
        page,
        "click",
        Box::new(move |e| click(&p, play, &e, &runner)),
    );

    // The timeline: press to jump (and follow), drag to scrub. A finger
    // shares the timeline with the page's vertical scrolling (the canvas is
    // `touch-action: pan-y`): nothing happens at touch down; a sideways move
    // scrubs, a tap jumps, and a vertical swipe is the browser's (it sends
    // `pointercancel`, which leaves nothing behind).
    let gesture = Rc::new(Cell::new(Gesture::Idle));
    let g = gesture.clone();
    on_root(
        page,
        "pointerdown",
        Box::new(move |e| {
            let Some((el, pe, x, y)) = on_timeline(&e) else {
                return;
            };
            if pe.pointer_type() == "touch" {
                g.set(Gesture::Touched { x, y });
                return;
            }
            play.playing.set(false);
            paint::drag(play, lanes, &el, x, y, false);
            g.set(Gesture::Dragging);
            let _ = el.set_pointer_capture(pe.pointer_id());
        }),
    );
    let g = gesture.clone();
    on_root(
        page,
        "pointermove",
        Box::new(move |e| {
            let Some((el, pe, x, y)) = on_timeline(&e) else {
                return;
            };
            match g.get() {
                Gesture::Dragging => paint::drag(play, lanes, &el, x, y, true),
                Gesture::Touched { x: x0, y: y0 } if sideways(x - x0, y - y0) => {
                    play.playing.set(false);
                    paint::drag(play, lanes, &el, x, y, true);
                    g.set(Gesture::Dragging);
                    let _ = el.set_pointer_capture(pe.pointer_id());
                }
                _ => {}
            }
        }),
    );
    let g = gesture.clone();
    on_root(
        page,
        "pointerup",
        Box::new(move |e| {
            // A tap: what a press does with a mouse.
            if let (Gesture::Touched { x, y }, Some((el, ..))) = (g.get(), on_timeline(&e)) {
                play.playing.set(false);
                paint::drag(play, lanes, &el, x, y, false);
            }
            g.set(Gesture::Idle);
        }),
    );
    on_root(
        page,
        "pointercancel",
        Box::new(move |_| gesture.set(Gesture::Idle)),
    );
    keep_intro(page, play);

    let p = page.clone();
    on_window(
        "keydown",
        Box::new(move |e| {
            if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                key(&p, play, e, help);
            }
        }),
    );
}

/// Where a press on the timeline stands.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gesture {
    /// No press.
    Idle,
    /// A finger is down at (`x`, `y`) and has not moved sideways yet: a tap,
    /// a scrub or the page's scrolling, not known yet.
    Touched {
        /// Where it touched (CSS px in the canvas).
        x: f32,
        /// Where it touched.
        y: f32,
    },
    /// Scrubbing: the playhead follows the pointer.
    Dragging,
}

/// How far (CSS px) a finger moves sideways before it scrubs.
const SLOP_PX: f32 = 6.0;

/// Whether a finger's move by (`dx`, `dy`) is a sideways one: a scrub.
fn sideways(dx: f32, dy: f32) -> bool {
    dx.abs() >= SLOP_PX && dx.abs() >= dy.abs()
}

/// The timeline's playhead canvas, the pointer event and where it is on
/// the canvas, if `e` is a pointer event there.
fn on_timeline(e: &Event) -> Option<(HtmlCanvasElement, &web_sys::PointerEvent, f32, f32)> {
    let el = target(e)?.dyn_into::<HtmlCanvasElement>().ok()?;
    let pe = e.dyn_ref::<web_sys::PointerEvent>()?;
    (el.id() == ids::HEAD_CANVAS).then(|| (el, pe, pe.offset_x() as f32, pe.offset_y() as f32))
}

/// Keeps the intro's title and description true to the café on screen:
/// the preset's own, or what it is now that a link, the form or a lesson
/// changed it.
fn keep_intro(page: &Page, play: Play) {
    let page = page.clone();
    watch(move || {
        let scenario = play.scenario.read();
        let id = play.preset.get_value();
        let Some(preset) = builtin_presets().iter().find(|p| p.id == id) else {
            return;
        };
        let customised = preset.scenario().map_or(true, |base| base != *scenario);
        page.set_text(ids::SCENARIO_TITLE, &intro_title(preset, customised));
        page.set_text(ids::SCENARIO_CAPTION, &intro_caption(preset, &scenario));
    });
}

fn click(page: &Page, play: Play, e: &Event, runner: &Runner) {
    if let Some((el, act)) = closest_with(e, "data-act") {
        match act.as_str() {
            "dismiss" => {
                if let Ok(Some(n)) = page.0.query_selector(".notices") {
                    n.remove();
                }
            }
            "earlier" => play.first_lane.update(|f| *f = f.saturating_sub(ROWS)),
            "later" => play.first_lane.update(|f| *f += ROWS),
            "csv" => {
                let s = play.strategy.get_untracked();
                let text = play.runs.with_untracked(|r| export::csv(&r.0, s));
                share::download(
                    &format!("async-espresso-{}.csv", s.key()),
                    "text/csv",
                    &text,
                );
            }
            "svg" => {
                let i = el
                    .get_attribute("data-chart")
                    .and_then(|i| i.parse::<usize>().ok())
                    .unwrap_or(0)
                    .min(2);
                let text =
                    play.with_run(|_, run| export::svg(CHART_TITLES[i], &chart_drawings(run)[i]));
                share::download(
                    &format!("async-espresso-chart-{}.svg", i + 1),
                    "image/svg+xml",
                    &text,
                );
            }
            "real-run" => runner.run(page, play),
            "real-cancel" => runner.cancel(),
            "race" => {
                let key = el.get_attribute("data-strategy").unwrap_or_default();
                if let Some(s) = Strategy::from_key(&key) {
                    play.switch_strategy(s);
                }
            }
            _ => {}
        }
    } else if let Some((_, i)) = closest_with(e, "data-follow") {
        if let Ok(i) = i.parse::<u32>() {
            play.selected.set(i);
        }
    } else if let Some((el, key)) = closest_with(e, "data-lang") {
        let lang = Language::from_key(&key);
        if let Some(lang) = lang.filter(|_| el.get_attribute("role").as_deref() == Some("tab")) {
            play.language.set(lang);
        }
    } else if let (Some(el), Some(me)) = (
        target(e).and_then(|t| t.dyn_into::<HtmlCanvasElement>().ok()),
        e.dyn_ref::<web_sys::MouseEvent>(),
    ) && el.id() == ids::SCENE_CANVAS
    {
        paint::pick(play, &el, me.offset_x(), me.offset_y());
    }
}

/// Whether a key press belongs to the focused control rather than to us.
fn typing_into_control(el: &Element) -> bool {
    matches!(
        el.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A" | "SUMMARY"
    ) || el.get_attribute("role").is_some_and(|r| r == "tab")
}

fn key(page: &Page, play: Play, e: &web_sys::KeyboardEvent, help: NodeRef<Dialog>) {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let el = target(e);
    if let Some(tab) = el
        .as_ref()
        .filter(|t| t.get_attribute("role").as_deref() == Some("tab"))
    {
        tab_key(page, play, tab, e);
        return;
    }
    let teaching = play.lesson.with_value(Option::is_some);
    // The lesson's keys also work on its own buttons and links (its panel
    // is rebuilt under them); Escape leaves presenter mode unless a dialog
    // is open (then it closes the dialog).
    let lesson_key = teaching && is_lesson_key(&e.key());
    let in_lesson = el.as_ref().is_some_and(|el| {
        matches!(el.tag_name().as_str(), "BUTTON" | "A")
            && el.closest("#lesson").ok().flatten().is_some()
    });
    if el.as_ref().is_some_and(typing_into_control) && !(lesson_key && in_lesson) {
        return;
    }
    let present = play.start.with_value(|v| v.present);
    match e.key().as_str() {
        "Escape" if present && teaching => {
            let dialog = page.0.query_selector("dialog[open]").ok().flatten();
            if dialog.is_some() || !lesson::leave_present(page) {
                return;
            }
        }
        "n" | "N" | "PageDown" if teaching => lesson::step_by(play, true, false),
        "p" | "P" | "PageUp" if teaching => lesson::step_by(play, false, false),
        k @ ("a" | "b" | "c" | "d" | "A" | "B" | "C" | "D") if teaching => {
            lesson::answer(
                play,
                usize::from(k.to_ascii_lowercase().as_bytes()[0] - b'a'),
            );
        }
        " " => play.toggle(),
        "ArrowRight" => play.step(true),
        "ArrowLeft" => play.step(false),
        "Home" => play.seek(SimTime::ZERO),
        "End" => play.seek(play.end_untracked()),
        "?" => open_help(help),
        k @ ("1" | "2" | "3" | "4" | "5") => {
            let i = usize::from(k.as_bytes()[0] - b'1');
            play.switch_strategy(Strategy::WITH_YOURS[i]);
        }
        _ => return,
    }
    e.prevent_default();
}

/// The keys a lesson uses: N, P, A–D (either case), Page Down, Page Up,
/// Escape.
fn is_lesson_key(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "n" | "p" | "a" | "b" | "c" | "d" | "pagedown" | "pageup" | "escape"
    )
}

/// Manual activation (WAI-ARIA tabs): arrows, Home and End move the focus;
/// Enter and Space pick the language.
fn tab_key(page: &Page, play: Play, tab: &Element, e: &web_sys::KeyboardEvent) {
    let n = Language::ALL.len();
    let key = tab.get_attribute("data-lang").unwrap_or_default();
    let Some(index) = Language::ALL.iter().position(|l| l.key() == key) else {
        return;
    };
    let to = match e.key().as_str() {
        "ArrowRight" => (index + 1) % n,
        "ArrowLeft" => (index + n - 1) % n,
        "Home" => 0,
        "End" => n - 1,
        "Enter" | " " => {
            e.prevent_default();
            play.language.set(Language::ALL[index]);
            return;
        }
        _ => return,
    };
    e.prevent_default();
    if let Some(t) = page.get_as::<web_sys::HtmlElement>(&ids::code_tab(Language::ALL[to])) {
        let _ = t.focus();
    }
}
