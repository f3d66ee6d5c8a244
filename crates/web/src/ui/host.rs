//! An embed's conversation with the page around it (README, "Talking to an
//! embed"): commands from the parent window only, checked by
//! `crate::host_api` (a bad one is ignored with one console warning naming
//! the field; nothing from a message reaches markup), and reports back:
//! `ready`, the playhead (throttled), `ended`, the content's height.

use super::dom::Page;
use super::state::Play;
use crate::engine::SimTime;
use crate::host_api::{Command, Field, Limits, VERSION, parse, report_time};
use crate::setup::builtin_presets;
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Answers the parent window's commands and keeps it informed, when the
/// page is in a frame.
pub fn connect(page: &Page, play: Play) {
    let Some(parent) = window().parent().ok().flatten() else {
        return;
    };
    if Object::is(&parent, &window()) {
        return;
    }
    let from = parent.clone();
    super::events::on_window(
        "message",
        Box::new(move |e| {
            let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let data = e.data();
            if !data.is_object() {
                return;
            }
            let field = |name: &str| read(&data, name);
            let from_parent = e.source().is_some_and(|s| Object::is(&s, &from));
            if !from_parent {
                // Someone else's frame (or a window it opened): only the page
                // that holds the frame commands it.
                if field("espresso") != Field::Missing {
                    warn(
                        "Async Espresso: ignored a message from a window that is not the page holding this frame (field \"source\")",
                    );
                }
                return;
            }
            let names: Vec<&str> = builtin_presets().iter().map(|p| p.id.as_str()).collect();
            let customers = play
                .runs
                .with_untracked(|r| r.0.instance.orders.len() as u32);
            let limits = Limits {
                customers,
                presets: &names,
            };
            match parse(field, &limits) {
                Ok(Some(command)) => carry_out(play, command),
                Ok(None) => {}
                Err(refusal) => warn(&refusal.message()),
            }
        }),
    );
    report(page, play, parent);
}

/// A message's field as the browser gave it.
fn read(data: &JsValue, name: &str) -> Field {
    let v = Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() {
        Field::Missing
    } else if let Some(n) = v.as_f64() {
        Field::Number(n)
    } else if let Some(s) = v.as_string() {
        Field::Text(s)
    } else {
        Field::Other
    }
}

fn warn(text: &str) {
    leptos::logging::warn!("{text}");
}

fn carry_out(play: Play, command: Command) {
    match command {
        Command::Play => {
            if !play.playing.get_untracked() {
                play.toggle();
            }
        }
        Command::Pause => play.playing.set(false),
        Command::Seek(t) => play.seek(t),
        Command::Strategy(s) => play.switch_strategy(s),
        Command::Preset(id) => {
            play.load_preset(&id);
        }
        Command::Follow(i) => play.selected.set(i),
    }
}

/// A message for the host: `{espresso: 1, event, ...fields}`.
fn post(parent: &web_sys::Window, event: &str, fields: &[(&str, JsValue)]) {
    let m = Object::new();
    let _ = Reflect::set(&m, &"espresso".into(), &JsValue::from_f64(VERSION));
    let _ = Reflect::set(&m, &"event".into(), &JsValue::from_str(event));
    for (k, v) in fields {
        let _ = Reflect::set(&m, &JsValue::from_str(k), v);
    }
    // The frame cannot know its host's origin (and says nothing secret).
    let _ = parent.post_message(&m, "*");
}

/// `ready` once; the playhead while it moves (at most 4 a second) and at
/// once when paused; `ended`; the content's height when it changes.
fn report(page: &Page, play: Play, parent: web_sys::Window) {
    let ms = |t: SimTime| JsValue::from_f64((t.as_ms() * 1000.0).round() / 1000.0);
    let state = move || {
        let (strategy, t) = (play.strategy.get_untracked(), play.t.get_untracked());
        vec![
            ("t", ms(t)),
            ("duration", ms(play.end_untracked())),
            ("playing", JsValue::from_bool(play.playing.get_untracked())),
            ("strategy", JsValue::from_str(strategy.key())),
            ("preset", JsValue::from_str(&play.preset.get_value())),
            (
                "customer",
                JsValue::from_f64(f64::from(play.selected.get_untracked())),
            ),
        ]
    };
    post(&parent, "ready", &state());
    let last = Rc::new(Cell::new(None::<f64>));
    let was_playing = Cell::new(play.playing.get_untracked());
    let to = parent.clone();
    watch_time(play, move || {
        let playing = play.playing.get_untracked();
        let now = window().performance().map_or(0.0, |p| p.now());
        let at_end = play.t.get_untracked() >= play.end_untracked();
        if was_playing.replace(playing) && !playing && at_end {
            post(&to, "ended", &state());
        }
        if report_time(playing, now, last.get()) {
            last.set(Some(now));
            post(&to, "time", &state());
        }
    });
    let root = page.0.clone();
    let height = Cell::new(0);
    let check = move || {
        // The lowest bottom of the body's children (the hidden narration
        // sits just below the panels), from the top of the page.
        let children = root.children();
        let bottom = (0..children.length())
            .filter_map(|i| children.item(i))
            .map(|c| c.get_bounding_client_rect().bottom())
            .fold(0.0, f64::max);
        let h = (bottom + window().scroll_y().unwrap_or(0.0)).ceil() as i32;
        if h > 0 && height.replace(h) != h {
            post(&parent, "height", &[("height", JsValue::from(h))]);
        }
    };
    check();
    set_interval(check, std::time::Duration::from_millis(400));
}

/// Runs `f` whenever the playhead, the playing state, the strategy, the
/// café or the followed customer change.
fn watch_time(play: Play, f: impl Fn() + 'static) {
    super::app::watch(move || {
        play.t.track();
        play.playing.track();
        play.strategy.track();
        play.scenario.track();
        play.selected.track();
        f();
    });
}
