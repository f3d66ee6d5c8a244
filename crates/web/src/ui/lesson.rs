//! A lesson on the page: going to a step sets up its café (preset, changes,
//! strategy) from the start; answers are kept per step; after the last
//! step comes the end of the lesson. The panel is a component
//! (`components::lesson`); a move redraws it, so the focus goes where the
//! move leads: the feedback after an answer, the button pressed after a
//! step, the end's heading after the last one.

use super::app::watch;
use super::dom::Page;
use super::state::Play;
use crate::engine::{SimTime, Strategy};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// After an answer: the feedback that says whether it was right.
const TO_FEEDBACK: &[&str] = &["#lesson-feedback"];
/// After "Next step": the same button, else the end of the lesson (its
/// heading, `view::lesson::END_ID`).
const TO_NEXT: &[&str] = &[".lesson-next", "#lesson-end-title"];
/// After "Previous step": the same button, else "Next step".
const TO_BACK: &[&str] = &[".lesson-back:not([disabled])", ".lesson-next"];
/// After "Back to step 1": the first choice of its question.
const TO_FIRST: &[&str] = &["[data-choice]", ".lesson-next"];

/// Once the panel shows what a move led to, focuses what the move asked
/// for ([`Play::lesson_focus`]).
pub fn keep_focus(page: &Page, play: Play) {
    let page = page.clone();
    watch(move || {
        play.lesson_step.track();
        play.lesson_done.track();
        play.answers.track();
        let page = page.clone();
        // After the panel's own update.
        set_timeout(
            move || {
                let wanted = play.lesson_focus.get_value();
                play.lesson_focus.set_value(&[]);
                focus_first(&page, wanted);
            },
            std::time::Duration::ZERO,
        );
    });
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
    play.set_scenario(scenario);
    if step.strategy == Strategy::Yours {
        // The learner writes the step's handler, from sequential await's
        // text (theirs is kept when they come back to the step).
        if play.code.with_untracked(Option::is_none) {
            play.start_code_from(Strategy::Await);
        }
    }
    play.show_strategy(step.strategy);
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
