//! What the user does: one delegated listener per kind of event on the
//! app's root (and the keyboard shortcuts on the window). Controls say what
//! they are with `data-act`, `data-param`, `data-follow`, `data-lang` or
//! their `id`; nothing here builds markup.

use super::app::{CHART_TITLES, chart_drawings};
use super::dom::{Page, closest_with};
use super::lesson;
use super::paint::{self, ROWS, SharedLanes};
use super::real::Runner;
use super::share;
use super::state::Play;
use crate::engine::params::to_pairs;
use crate::engine::presets::presets;
use crate::engine::{SimTime, Strategy};
use crate::listing::Language;
use crate::view::export;
use crate::view::page::SPEEDS;
use crate::view::params::{apply, form, readout, value_of};
use leptos::ev;
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};

/// Listens to `name` events on the root (one generic instance for all).
fn on_root(page: &Page, name: &'static str, f: Box<dyn Fn(Event)>) {
    let _ = use_event_listener(page.0.clone(), ev::Custom::<Event>::new(name), move |e| {
        f(e)
    });
}

/// The element the event happened on.
fn target(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// Wires every control of the page to `play`.
pub fn listen(page: &Page, play: Play, lanes: Memo<SharedLanes>) {
    let p = page.clone();
    let runner = Runner::default();
    on_root(
        page,
        "click",
        Box::new(move |e| click(&p, play, &e, &runner)),
    );
    let p = page.clone();
    on_root(
        page,
        "change",
        Box::new(move |e| changed(&p, play, &e, false)),
    );
    let p = page.clone();
    on_root(
        page,
        "input",
        Box::new(move |e| changed(&p, play, &e, true)),
    );

    // The timeline: press to jump (and follow), drag to scrub.
    let dragging = Rc::new(Cell::new(false));
    let timeline = move |e: &Event, start: bool, dragging: &Cell<bool>| {
        let (Some(el), Some(pe)) = (
            target(e).and_then(|t| t.dyn_into::<HtmlCanvasElement>().ok()),
            e.dyn_ref::<web_sys::PointerEvent>(),
        ) else {
            return;
        };
        if el.id() != "head-canvas" || !(start || dragging.get()) {
            return;
        }
        if start {
            play.playing.set(false);
        }
        let (x, y) = (pe.offset_x() as f32, pe.offset_y() as f32);
        paint::drag(play, lanes, &el, x, y, dragging.get());
        if start {
            dragging.set(true);
            let _ = el.set_pointer_capture(pe.pointer_id());
        }
    };
    let d = dragging.clone();
    on_root(
        page,
        "pointerdown",
        Box::new(move |e| timeline(&e, true, &d)),
    );
    let d = dragging.clone();
    on_root(
        page,
        "pointermove",
        Box::new(move |e| timeline(&e, false, &d)),
    );
    let d = dragging.clone();
    on_root(page, "pointerup", Box::new(move |_| d.set(false)));
    on_root(
        page,
        "pointercancel",
        Box::new(move |_| dragging.set(false)),
    );

    let p = page.clone();
    let _ = use_event_listener(window(), ev::keydown, move |e| key(&p, play, &e));
    let _ = use_event_listener(window(), ev::resize, move |_| {
        play.resized.update(|n| *n += 1)
    });
}

fn click(page: &Page, play: Play, e: &Event, runner: &Runner) {
    if let Some((el, act)) = closest_with(e, "data-act") {
        match act.as_str() {
            "large" => play.large.update(|l| *l = !*l),
            "dismiss" => {
                if let Ok(Some(n)) = page.0.query_selector(".notices") {
                    n.remove();
                }
            }
            "restart" => {
                play.playing.set(false);
                play.t.set(SimTime::ZERO);
            }
            "back" => play.step(false),
            "forward" => play.step(true),
            "toggle" => play.toggle(),
            "end" => play.seek(play.end_untracked()),
            "help" => open_help(page),
            "earlier" => play.first_lane.update(|f| *f = f.saturating_sub(ROWS)),
            "later" => play.first_lane.update(|f| *f += ROWS),
            "share" => share::open_share(page, play),
            "embed" => share::open_embed(page, play),
            "copy-link" => share::copy(page, "share-link", "share-status"),
            "copy-embed" => share::copy(page, "embed-code", "embed-status"),
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
            "lesson-next" => lesson::step_by(page, play, true),
            "lesson-back" => lesson::step_by(page, play, false),
            "answer" => {
                if let Some(i) = el
                    .get_attribute("data-choice")
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    lesson::answer(play, i);
                }
            }
            "race" => {
                let key = el.get_attribute("data-strategy").unwrap_or_default();
                if let Some(s) = Strategy::from_key(&key) {
                    play.strategy.set(s);
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
    ) && el.id() == "scene-canvas"
    {
        paint::pick(play, &el, me.offset_x(), me.offset_y());
    }
}

fn open_help(page: &Page) {
    if let Some(d) = page.get_as::<web_sys::HtmlDialogElement>("shortcuts") {
        let _ = d.show_modal();
    }
}

/// A form control changed (`live`: while it moves, for sliders).
fn changed(page: &Page, play: Play, e: &Event, live: bool) {
    let Some(el) = target(e) else { return };
    let input = el.dyn_ref::<HtmlInputElement>();
    let is_range = input.is_some_and(|i| i.type_() == "range");
    let (value, checked) = match (input, el.dyn_ref::<HtmlSelectElement>()) {
        (Some(i), _) => (i.value(), i.checked()),
        (None, Some(s)) => (s.value(), false),
        _ => return,
    };
    let id = el.id();
    match id.as_str() {
        "scrub" if live => {
            play.playing.set(false);
            if let Ok(ms) = value.parse::<u64>() {
                play.seek(SimTime(ms.saturating_mul(1000)));
            }
        }
        "speed" if !live => {
            if let Some(&(s, _)) = SPEEDS.iter().find(|(_, l)| *l == value) {
                play.speed.set(s);
            }
        }
        "follow" if !live => {
            if let Ok(i) = value.parse::<u32>() {
                play.selected.set(i);
            }
        }
        "param-preset" if !live => load_preset(page, play, &value),
        _ if el.has_attribute("data-embed") => share::update_embed(page, play),
        _ if el.get_attribute("name").as_deref() == Some("strategy") => {
            if let Some(s) = Strategy::from_key(&value) {
                play.strategy.set(s);
            }
        }
        _ => {
            // Sliders apply while they move; other controls when they change.
            if let Some(key) = el.get_attribute("data-param").filter(|_| live == is_range) {
                set_param(page, play, &key, &value_of(&key, &value, checked));
            }
        }
    }
}

/// Applies `key = value` to the café, or shows why not.
fn set_param(page: &Page, play: Play, key: &str, value: &str) {
    let kept = play.scenario.with_untracked(|s| {
        to_pairs(s)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .unwrap_or_default()
    });
    let result = play
        .scenario
        .with_untracked(|s| apply(s, key, value, &kept));
    let (error, input) = (format!("param-{key}-error"), format!("param-{key}"));
    match result {
        Ok(s) => {
            page.set_text(&error, "");
            page.set_attr(&input, "aria-invalid", "false");
            if let Some(words) = readout(key, value) {
                page.set_text(&format!("param-{key}-out"), &words);
            }
            play.scenario.set(s);
        }
        Err(message) => {
            page.set_text(&error, &message);
            page.set_attr(&input, "aria-invalid", "true");
        }
    }
}

/// Starts over from preset `id`: its café, a fresh form, the playhead at 0.
fn load_preset(page: &Page, play: Play, id: &str) {
    let list = presets();
    let Some(s) = list
        .iter()
        .find(|p| p.id == id)
        .and_then(|p| p.scenario().ok())
    else {
        return;
    };
    page.set_html("params", &form(&to_pairs(&s), &list, id));
    if let Some(p) = list.iter().find(|p| p.id == id) {
        play.preset.set_value(p.id.clone());
        play.preset_title.set_value(p.title.clone());
    }
    play.scenario.set(s);
    play.t.set(SimTime::ZERO);
    if let Some(select) = page.get_as::<web_sys::HtmlElement>("param-preset") {
        let _ = select.focus();
    }
}

/// Whether a key press belongs to the focused control rather than to us.
fn typing_into_control(el: &Element) -> bool {
    matches!(
        el.tag_name().as_str(),
        "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "A" | "SUMMARY"
    ) || el.get_attribute("role").is_some_and(|r| r == "tab")
}

fn key(page: &Page, play: Play, e: &web_sys::KeyboardEvent) {
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
    if el.as_ref().is_some_and(typing_into_control) {
        return;
    }
    let teaching = play.lesson.with_value(Option::is_some);
    match e.key().as_str() {
        "n" | "N" | "PageDown" if teaching => lesson::step_by(page, play, true),
        "p" | "P" | "PageUp" if teaching => lesson::step_by(page, play, false),
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
        "?" => open_help(page),
        k @ ("1" | "2" | "3" | "4") => {
            let i = usize::from(k.as_bytes()[0] - b'1');
            play.strategy.set(Strategy::ALL[i]);
        }
        _ => return,
    }
    e.prevent_default();
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
    if let Some(t) =
        page.get_as::<web_sys::HtmlElement>(&format!("code-tab-{}", Language::ALL[to].key()))
    {
        let _ = t.focus();
    }
}
