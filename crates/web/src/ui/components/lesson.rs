//! The lesson panel: the step being taught (its text, what to watch, the
//! question with its choices, the feedback once answered, the way on) or
//! the end of the lesson. A step's panel is drawn once; the answer, the
//! marks and the feedback follow the signals, so the focus stays where the
//! teacher put it.

use super::{derived, on_click};
use crate::lessons::Lesson;
use crate::ui::lesson::{answer, first, step_by};
use crate::ui::state::Play;
use crate::view::lesson::{
    END_ID, FEEDBACK_ID, RunAt, feedback, keys_hint, leave_present_href, mark, progress, score,
    summary,
};
use leptos::either::Either;
use leptos::prelude::*;

/// The panel of the lesson `play` teaches.
#[component]
pub fn LessonPanel(play: Play) -> impl IntoView {
    let present = play.start.with_value(|v| v.present);
    // Only a change of state changes the feedback, not every frame's playhead.
    let run = Memo::new(move |_| {
        if play.playing.get() {
            RunAt::Playing
        } else if play.t.get() > crate::engine::SimTime::ZERO && play.t.get() >= play.end() {
            RunAt::Ended
        } else {
            RunAt::Ready
        }
    });
    move || {
        let (index, done) = (play.lesson_step.get(), play.lesson_done.get());
        play.lesson.with_value(|l| {
            let l = l.as_ref()?;
            Some(if done {
                Either::Left(end(play, l, present))
            } else {
                Either::Right(step(play, l, index, present, run))
            })
        })
    }
}

/// Step `index` of lesson `l`.
fn step(
    play: Play,
    l: &Lesson,
    index: usize,
    present: bool,
    run: Memo<RunAt>,
) -> impl IntoView + use<> {
    let s = l
        .steps
        .get(index)
        .cloned()
        .unwrap_or_else(|| l.steps[0].clone());
    let last = index + 1 >= l.steps.len();
    let chosen = derived(move || play.answers.with(|a| a.get(index).copied().flatten()));
    let correct = s.correct;
    let choices = s
        .choices
        .iter()
        .enumerate()
        .map(|(i, words)| {
            let letter = char::from(b'A' + i as u8).to_string();
            view! {
                <button
                    type="button"
                    class=derived(move || mark(correct, chosen.get(), i).to_string())
                    data-choice=i
                    aria-pressed=derived(move || (chosen.get() == Some(i)).to_string())
                    on:click=on_click(move |_| answer(play, i))
                >
                    <span class="letter">{letter}</span>
                    " "
                    {words.clone()}
                </button>
            }
        })
        .collect_view();
    let told = s.clone();
    let said = derived(move || feedback(&told, chosen.get(), run.get()));
    let leave = present.then(|| {
        view! {
            <a class="lesson-leave" data-leave href=leave_present_href(l, index) aria-keyshortcuts="Escape">
                "Leave presenter mode"
            </a>
        }
    });
    view! {
        <p class="lesson-progress">{progress(l, index)}</p>
        <p class="lesson-text">{s.text.clone()}</p>
        <p class="lesson-watch"><strong>"Watch: "</strong>{s.watch.clone()}</p>
        <fieldset class="lesson-question">
            <legend>{s.question.clone()}</legend>
            <div class="choices">{choices}</div>
        </fieldset>
        <p class="lesson-answer" id=FEEDBACK_ID role="status" tabindex="-1">
            {move || said.get().map(|(verdict, why)| view! { <strong>{verdict}</strong>{why} })}
        </p>
        <nav class="lesson-nav" aria-label="Lesson steps">
            <button type="button" class="lesson-back" disabled=index == 0 on:click=on_click(move |_| step_by(play, false, true))>
                "◂ Previous step"
            </button>
            <button type="button" class="lesson-next" on:click=on_click(move |_| step_by(play, true, true))>
                {if last { "Finish the lesson ▸" } else { "Next step ▸" }}
            </button>
            {leave}
            <span class="hint">{keys_hint(present)}</span>
        </nav>
    }
}

/// The end of lesson `l`: the score, each step's answer, the ways on.
fn end(play: Play, l: &Lesson, present: bool) -> impl IntoView + use<> {
    let (said, lines) = play
        .answers
        .with_untracked(|a| (score(l, a), summary(l, a)));
    let lines = lines
        .into_iter()
        .map(|(question, how, words)| {
            view! {
                <li>
                    <span class="summary-question">{question}</span>
                    " "
                    <span class=format!("summary-answer {how}")>{words}</span>
                </li>
            }
        })
        .collect_view();
    let leave = if present {
        let href = leave_present_href(l, l.steps.len().saturating_sub(1));
        Either::Left(
            view! { <a class="lesson-leave" data-leave href=href aria-keyshortcuts="Escape">"Leave presenter mode"</a> },
        )
    } else {
        Either::Right(view! { <a class="lesson-leave" href="./">"Leave the lesson"</a> })
    };
    view! {
        <p class="lesson-progress">{format!("Lesson: {} · the end", l.title)}</p>
        <section class="lesson-end" aria-labelledby=END_ID>
            <h3 id=END_ID tabindex="-1">"End of the lesson"</h3>
            <p class="lesson-score">{said}</p>
            <ol class="lesson-summary">{lines}</ol>
        </section>
        <nav class="lesson-nav" aria-label="Lesson steps">
            <button type="button" class="lesson-back" on:click=on_click(move |_| step_by(play, false, true))>
                "◂ Back to the last step"
            </button>
            <button type="button" class="lesson-first" on:click=on_click(move |_| first(play))>
                "⏮ Back to step 1"
            </button>
            {leave}
        </nav>
    }
}
