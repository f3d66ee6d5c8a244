//! A lesson on the page: going to a step sets up its café (preset, changes,
//! strategy) from the start, and the step's panel follows the answer.

use super::app::show;
use super::dom::Page;
use super::state::Play;
use crate::engine::SimTime;
use crate::engine::params::to_pairs;
use crate::engine::presets::presets;
use crate::view;
use leptos::prelude::*;

/// Shows the lesson's current step in `#lesson` and keeps it current.
pub fn teach(page: &Page, play: Play) {
    show(page, "lesson", move || {
        let (index, chosen) = (play.lesson_step.get(), play.answer.get());
        play.lesson.with_value(|l| {
            l.as_ref()
                .map_or_else(String::new, |l| view::lesson::step(l, index, chosen))
        })
    });
}

/// Goes to step `index` (kept within the lesson): its café from t = 0,
/// paused, with no answer yet.
pub fn go_to(page: &Page, play: Play, index: usize) {
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
    play.answer.set(None);
    play.lesson_step.set(index);
    play.preset.set_value(step.preset.clone());
    if page.get("params").is_some() {
        page.set_html(
            "params",
            &view::params::form(&to_pairs(&scenario), &presets(), &step.preset),
        );
    }
    play.scenario.set(scenario);
    play.strategy.set(step.strategy);
    play.t.set(SimTime::ZERO);
}

/// Moves `by` steps (±1).
pub fn step_by(page: &Page, play: Play, forward: bool) {
    let i = play.lesson_step.get_untracked();
    let to = if forward { i + 1 } else { i.saturating_sub(1) };
    if to != i {
        go_to(page, play, to);
    }
}

/// Picks answer `choice` (ignored beyond the step's choices).
pub fn answer(play: Play, choice: usize) {
    let n = play.lesson.with_value(|l| {
        l.as_ref()
            .and_then(|l| l.steps.get(play.lesson_step.get_untracked()))
            .map_or(0, |s| s.choices.len())
    });
    if choice < n {
        play.answer.set(Some(choice));
    }
}
