//! A lesson on the page: going to a step sets up its café (preset, changes,
//! strategy) from the start; the step's panel follows the answers (kept per
//! step), the run (playing, at its end) and, after the last step, shows the
//! end of the lesson. The panel is rebuilt as markup, so focus is put back
//! where the user was: on the feedback after an answer, on the button they
//! pressed after a move.

use super::app::watch;
use super::dom::Page;
use super::state::Play;
use crate::engine::SimTime;
use crate::view;
use crate::view::ids;
use crate::view::lesson::{Progress, RunAt};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// After an answer: the feedback that says whether it was right.
const TO_FEEDBACK: &[&str] = &["#lesson-feedback"];
/// After "Next step": the same button, else the end of the lesson (its
/// heading, `view::lesson::END_ID`).
const TO_NEXT: &[&str] = &["[data-act=lesson-next]", "#lesson-end-title"];
/// After "Previous step": the same button, else "Next step".
const TO_BACK: &[&str] = &[
    "[data-act=lesson-back]:not([disabled])",
    "[data-act=lesson-next]",
];
/// After "Back to step 1": the first choice of its question.
const TO_FIRST: &[&str] = &["[data-act=answer]", "[data-act=lesson-next]"];

/// Shows the lesson's current step (or its end) in `#lesson` and keeps it
/// current; then focuses what [`Play::lesson_focus`] asks for.
pub fn teach(page: &Page, play: Play) {
    let present = play.start.with_value(|v| v.present);
    // Only a change of state redraws the panel, not every frame's playhead.
    let run = Memo::new(move |_| {
        if play.playing.get() {
            RunAt::Playing
        } else if play.t.get() > SimTime::ZERO && play.t.get() >= play.end() {
            RunAt::Ended
        } else {
            RunAt::Ready
        }
    });
    let page = page.clone();
    let drawn = RefCell::new(String::new());
    watch(move || {
        let (index, finished, run) = (play.lesson_step.get(), play.lesson_done.get(), run.get());
        let html = play.answers.with(|answers| {
            let progress = Progress {
                index,
                answers,
                finished,
                run,
                present,
            };
            play.lesson.with_value(|l| {
                l.as_ref()
                    .map_or_else(String::new, |l| view::lesson::panel(l, &progress))
            })
        });
        let wanted = play.lesson_focus.get_value();
        play.lesson_focus.set_value(&[]);
        if *drawn.borrow() != html {
            // Whatever had the focus in the panel gets it back after the
            // redraw (the run ending redraws the feedback under it).
            let had = focused_in_panel(&page);
            page.set_html(ids::LESSON, &html);
            *drawn.borrow_mut() = html;
            if let Some(had) = had.filter(|_| wanted.is_empty()) {
                focus_first(&page, &[had.as_str()]);
            }
        }
        focus_first(&page, wanted);
    });
}

/// A selector for the element with the focus, if it is in the lesson
/// panel: its `id`, else its `data-act` (and `data-choice`).
fn focused_in_panel(page: &Page) -> Option<String> {
    let active = document().active_element()?;
    let panel = page.get(ids::LESSON)?;
    if !panel.contains(Some(&active)) || panel == active {
        return None;
    }
    let id = active.id();
    if !id.is_empty() {
        return Some(format!("#{id}"));
    }
    let act = active.get_attribute("data-act")?;
    Some(match active.get_attribute("data-choice") {
        Some(c) => format!("[data-act=\"{act}\"][data-choice=\"{c}\"]"),
        None => format!("[data-act=\"{act}\"]"),
    })
}

/// Focuses the first of `selectors` found inside `#lesson`.
fn focus_first(page: &Page, selectors: &[&str]) {
    let found = selectors.iter().find_map(|s| {
        page.0
            .query_selector(&format!("#lesson {s}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    });
    if let Some(e) = found {
        let _ = e.focus();
    }
}

/// Goes to step `index` (kept within the lesson): its café from t = 0,
/// paused, showing the answer given there before, if any.
pub fn go_to(play: Play, index: usize) {
    // The step, kept within the lesson.
    let Some((index, step)) = play.lesson.with_value(|l| {
        let l = l.as_ref()?;
        let index = index.min(l.steps.len().saturating_sub(1));
        Some((index, l.steps.get(index)?.clone()))
    }) else {
        return;
    };
    let Ok(scenario) = step.scenario() else {
        return;
    };
    play.playing.set(false);
    play.lesson_done.set(false);
    play.lesson_step.set(index);
    play.preset.set_value(step.preset.clone());
    play.scenario.set(scenario);
    play.strategy.set(step.strategy);
    play.t.set(SimTime::ZERO);
}

/// Moves one step on (after the last: the end of the lesson, its café and
/// answers kept) or back (from the end: the last step, as it was).
/// `from_button`: a button of the panel was pressed, and gets the focus back.
pub fn step_by(play: Play, forward: bool, from_button: bool) {
    let n = play
        .lesson
        .with_value(|l| l.as_ref().map_or(0, |l| l.steps.len()));
    let i = play.lesson_step.get_untracked();
    let done = play.lesson_done.get_untracked();
    if from_button {
        play.lesson_focus
            .set_value(if forward { TO_NEXT } else { TO_BACK });
    }
    match (forward, done) {
        (true, true) => {}
        (false, true) => play.lesson_done.set(false),
        (true, false) if i + 1 >= n => {
            play.lesson_done.set(true);
            play.lesson_focus.set_value(&TO_NEXT[1..]);
        }
        (true, false) => go_to(play, i + 1),
        (false, false) if i > 0 => go_to(play, i - 1),
        (false, false) => {}
    }
}

/// Back to the first step (answers kept); focus on its first choice.
pub fn first(play: Play) {
    play.lesson_focus.set_value(TO_FIRST);
    go_to(play, 0);
}

/// Picks answer `choice` for the current step (ignored beyond its choices,
/// and at the end of the lesson); focus goes to the feedback.
pub fn answer(play: Play, choice: usize) {
    if play.lesson_done.get_untracked() {
        return;
    }
    let i = play.lesson_step.get_untracked();
    let n = play.lesson.with_value(|l| {
        l.as_ref()
            .and_then(|l| l.steps.get(i))
            .map_or(0, |s| s.choices.len())
    });
    if choice < n {
        play.lesson_focus.set_value(TO_FEEDBACK);
        play.answers.update(|a| {
            if a.len() <= i {
                a.resize(i + 1, None);
            }
            a[i] = Some(choice);
        });
    }
}

/// Leaves presenter mode (Escape): follows the panel's own way out, the
/// same step on the ordinary page. False when there is none.
pub fn leave_present(page: &Page) -> bool {
    let link = page
        .0
        .query_selector("#lesson [data-leave]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    link.map(|a| a.click()).is_some()
}
