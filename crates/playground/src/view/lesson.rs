//! Lessons on the page: the list of lessons to start or present, and what
//! the lesson panel (a component of the web app) says at a step — its
//! progress, how each choice is marked, the feedback once an answer is
//! given — and at the end of the lesson: the score and each step's answer.

use super::html::{CONTENT, Fixed, HOLE, Hole, Html, markup};
use crate::lessons::{Lesson, Step};

/// The lessons to start (on this page) or to present (presenter mode).
pub fn menu(lessons: &[Lesson]) -> String {
    let mut h = Html::new();
    menu_in(&mut h, lessons);
    h.into_string()
}

/// [`menu`], appended to `h`.
pub fn menu_in(h: &mut Html, lessons: &[Lesson]) {
    const LESSONS: [Fixed; 2] = markup! {
        section("class" = "lessons", "aria-labelledby" = "lessons-title") {
            h2("id" = "lessons-title") { "Workshop lessons" }
            ul { (CONTENT) }
        }
    }
    .split();
    h.fill_head(LESSONS[0], &[]);
    for l in lessons {
        h.fill(
            markup! {
                li {
                    a("href" = "?lesson=\0&step=1") { (HOLE) }
                    " "
                    a("class" = "present", "href" = "?lesson=\0&step=1&present=1") { "present" }
                    p { (HOLE) }
                }
            },
            &[
                Hole::Text(&l.id),
                Hole::Text(&l.title),
                Hole::Text(&l.id),
                Hole::Text(&l.summary),
            ],
        );
    }
    h.fill_tail(LESSONS[1], &[]);
}

/// Where the step's run stands: what the feedback tells the class to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunAt {
    /// Paused before its end: press Play.
    Ready,
    /// Playing: watch.
    Playing,
    /// Paused at its end: the answer is on screen.
    Ended,
}

/// The `id` of the feedback under the question (focusable, `tabindex=-1`:
/// focus goes there once an answer is given).
pub const FEEDBACK_ID: &str = "lesson-feedback";
/// The `id` of the end-of-lesson heading (focusable, `tabindex=-1`).
pub const END_ID: &str = "lesson-end-title";

/// The answer given at step `i`, if any (a choice the step has).
pub fn given(lesson: &Lesson, answers: &[Option<usize>], i: usize) -> Option<usize> {
    let n = lesson.steps.get(i).map_or(0, |s| s.choices.len());
    answers.get(i).copied().flatten().filter(|&c| c < n)
}

/// "Lesson: Karen freezes the loop · step 3 of 4".
pub fn progress(lesson: &Lesson, index: usize) -> String {
    format!(
        "Lesson: {} · step {} of {}",
        lesson.title,
        index + 1,
        lesson.steps.len()
    )
}

/// How choice `i` of a step whose answer is choice `correct` is marked once
/// an answer is `chosen`: the right one
/// `right`, a wrong pick `wrong`, the others nothing.
pub fn mark(correct: usize, chosen: Option<usize>, i: usize) -> &'static str {
    match chosen {
        Some(_) if i == correct => "right",
        Some(c) if c == i => "wrong",
        _ => "",
    }
}

/// What the feedback says once an answer is `chosen`: the verdict with the
/// right answer (shown strong), then why, and what to do with the run.
/// Nothing before an answer.
pub fn feedback(step: &Step, chosen: Option<usize>, run: RunAt) -> Option<(String, String)> {
    let c = chosen.filter(|&c| c < step.choices.len())?;
    let verdict = if c == step.correct {
        "Right."
    } else {
        "Not quite."
    };
    let then = match run {
        RunAt::Ready => " Press Play to see it happen.",
        RunAt::Playing => " Watch it happen.",
        RunAt::Ended => {
            " The run has ended: see it in the results, the charts and the timeline (Play runs it again)."
        }
    };
    Some((
        format!("{verdict} The answer is {}: ", step.choices[step.correct]),
        format!("{}{then}", step.explain),
    ))
}

/// The keys a lesson listens to, as the panel's hint.
pub fn keys_hint(present: bool) -> &'static str {
    if present {
        "Keys: N / Page Down next, P / Page Up back, A–D answer, Space play, Esc leave presenter mode."
    } else {
        "Keys: N / Page Down next, P / Page Up back, A–D answer, Space play."
    }
}

/// The way out of presenter mode: step `index` of the lesson on the
/// ordinary page.
pub fn leave_present_href(lesson: &Lesson, index: usize) -> String {
    format!("?lesson={}&step={}", lesson.id, index + 1)
}

/// The end of the lesson's score: "3 of 4 predictions right. 1 step was
/// not answered."
pub fn score(lesson: &Lesson, answers: &[Option<usize>]) -> String {
    let n = lesson.steps.len();
    let right = (0..n)
        .filter(|&i| given(lesson, answers, i) == Some(lesson.steps[i].correct))
        .count();
    let unanswered = (0..n)
        .filter(|&i| given(lesson, answers, i).is_none())
        .count();
    let mut score = format!(
        "{right} of {n} predictions right{}",
        if right == n { ". Well done!" } else { "." }
    );
    match unanswered {
        0 => {}
        1 => score.push_str(" 1 step was not answered."),
        u => score.push_str(&format!(" {u} steps were not answered.")),
    }
    score
}

/// Each step at the end of the lesson: its question, how the answer went
/// (`right`, `wrong` or `unanswered`) and in words.
pub fn summary(lesson: &Lesson, answers: &[Option<usize>]) -> Vec<(String, &'static str, String)> {
    lesson
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (class, words) = match given(lesson, answers, i) {
                Some(c) if c == s.correct => {
                    ("right", format!("You said {}: right.", s.choices[c]))
                }
                Some(c) => (
                    "wrong",
                    format!(
                        "You said {}; the answer is {}.",
                        s.choices[c], s.choices[s.correct]
                    ),
                ),
                None => (
                    "unanswered",
                    format!("Not answered; the answer is {}.", s.choices[s.correct]),
                ),
            };
            (s.question.clone(), class, words)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::lessons;

    #[test]
    fn the_menu_links_every_lesson_to_start_and_present() {
        let all = lessons();
        let html = menu(&all);
        for l in &all {
            assert!(html.contains(&format!("href=\"?lesson={}&amp;step=1\"", l.id)));
            assert!(html.contains(&format!(
                "href=\"?lesson={}&amp;step=1&amp;present=1\"",
                l.id
            )));
        }
    }

    #[test]
    fn a_step_answers_once_chosen_and_marks_the_choices() {
        let l = &lessons()[0];
        let s = &l.steps[0];
        assert!(progress(l, 0).ends_with(&format!("step 1 of {}", l.steps.len())));
        assert_eq!(feedback(s, None, RunAt::Ready), None);
        let wrong = (s.correct + 1) % s.choices.len();
        let (strong, rest) = feedback(s, Some(wrong), RunAt::Ready).unwrap();
        assert!(strong.starts_with("Not quite. The answer is "), "{strong}");
        assert!(rest.starts_with(&s.explain));
        assert_eq!(mark(s.correct, Some(wrong), s.correct), "right");
        assert_eq!(mark(s.correct, Some(wrong), wrong), "wrong");
        assert_eq!(mark(s.correct, None, s.correct), "");
        assert!(
            feedback(s, Some(s.correct), RunAt::Ready)
                .unwrap()
                .0
                .starts_with("Right.")
        );
        // A choice beyond the step's is no answer.
        assert_eq!(feedback(s, Some(9), RunAt::Ready), None);
        assert_eq!(given(l, &[Some(9)], 0), None);
    }

    #[test]
    fn the_feedback_says_what_to_do_with_the_run() {
        let s = &lessons()[0].steps[0];
        let then = |run| feedback(s, Some(0), run).unwrap().1;
        assert!(then(RunAt::Ready).ends_with("Press Play to see it happen."));
        assert!(then(RunAt::Playing).ends_with("Watch it happen."));
        assert!(then(RunAt::Ended).contains("The run has ended: see it in the results"));
        assert!(!then(RunAt::Ended).contains("Press Play"));
    }

    #[test]
    fn the_end_of_the_lesson_keeps_every_answer() {
        let l = &lessons()[0];
        let n = l.steps.len();
        let wrong = |s: &Step| (s.correct + 1) % s.choices.len();
        let mut answers: Vec<Option<usize>> = l.steps.iter().map(|s| Some(s.correct)).collect();
        answers[0] = Some(wrong(&l.steps[0]));
        answers[n - 1] = Some(wrong(&l.steps[n - 1]));
        assert_eq!(
            score(l, &answers),
            format!("{} of {n} predictions right.", n - 2)
        );
        let lines = summary(l, &answers);
        assert_eq!(lines.len(), n);
        assert_eq!(
            lines.iter().filter(|(_, c, _)| *c == "right").count(),
            n - 2
        );
        let s = &l.steps[n - 1];
        assert_eq!(
            lines[n - 1].2,
            format!(
                "You said {}; the answer is {}.",
                s.choices[wrong(s)],
                s.choices[s.correct]
            )
        );
        let all: Vec<Option<usize>> = l.steps.iter().map(|s| Some(s.correct)).collect();
        assert_eq!(
            score(l, &all),
            format!("{n} of {n} predictions right. Well done!")
        );
        assert_eq!(
            score(l, &[]),
            format!("0 of {n} predictions right. {n} steps were not answered.")
        );
        assert_eq!(summary(l, &[])[0].1, "unanswered");
    }

    #[test]
    fn presenter_mode_leads_back_to_the_same_step_on_the_page() {
        let l = &lessons()[1];
        assert_eq!(leave_present_href(l, 2), format!("?lesson={}&step=3", l.id));
        assert!(keys_hint(true).ends_with("Esc leave presenter mode."));
        assert!(!keys_hint(false).contains("Esc"));
    }
}
