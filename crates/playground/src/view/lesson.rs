//! Lessons on the page: the list of lessons to start or present, and one
//! step of a lesson — its text, what to watch, the prediction question with
//! its choices, the answer once given, and the way on — or, after the last
//! step, the end of the lesson with how many predictions were right.

use super::{element, esc};
use crate::lessons::{Lesson, Step};

/// The lessons to start (on this page) or to present (presenter mode).
pub fn menu(lessons: &[Lesson]) -> String {
    let mut out = String::from(
        "<section class=\"lessons\" aria-labelledby=\"lessons-title\"><h2 id=\"lessons-title\">Workshop lessons</h2><ul>",
    );
    for l in lessons {
        out.push_str("<li><a href=\"?lesson=");
        esc(&mut out, &l.id);
        out.push_str("&amp;step=1\">");
        esc(&mut out, &l.title);
        out.push_str("</a> <a class=\"present\" href=\"?lesson=");
        esc(&mut out, &l.id);
        out.push_str("&amp;step=1&amp;present=1\">present</a>");
        element(&mut out, "p", "", &l.summary);
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
    out
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

/// Where the class is in a lesson.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// The current step (0-based).
    pub index: usize,
    /// The answer given at each step so far, by step (shorter is fine).
    pub answers: &'a [Option<usize>],
    /// Past the last step: the end of the lesson is shown.
    pub finished: bool,
    /// The current step's run.
    pub run: RunAt,
    /// Presenter mode: the panel offers the way out of it.
    pub present: bool,
}

/// The `id` of the feedback under the question (focusable, `tabindex=-1`:
/// focus goes there once an answer is given).
pub const FEEDBACK_ID: &str = "lesson-feedback";
/// The `id` of the end-of-lesson heading (focusable, `tabindex=-1`).
pub const END_ID: &str = "lesson-end-title";

/// The answer given at step `i`, if any.
fn given(p: &Progress<'_>, i: usize) -> Option<usize> {
    p.answers.get(i).copied().flatten()
}

/// The way out of presenter mode: the same step of the lesson on the
/// ordinary page (`data-leave`: Escape follows it).
fn leave_present(out: &mut String, lesson: &Lesson, index: usize) {
    out.push_str("<a class=\"lesson-leave\" data-leave href=\"?lesson=");
    esc(out, &lesson.id);
    out.push_str(&format!(
        "&amp;step={}\" aria-keyshortcuts=\"Escape\">Leave presenter mode</a>",
        index + 1
    ));
}

/// The lesson panel: step `p.index` of `lesson`, or its end once
/// `p.finished`.
pub fn panel(lesson: &Lesson, p: &Progress<'_>) -> String {
    if p.finished {
        return end(lesson, p);
    }
    let Some(s) = lesson.steps.get(p.index) else {
        return String::new();
    };
    let (index, n) = (p.index, lesson.steps.len());
    let mut out = String::with_capacity(2400);
    out.push_str("<p class=\"lesson-progress\">");
    esc(
        &mut out,
        &format!("Lesson: {} · step {} of {n}", lesson.title, index + 1),
    );
    out.push_str("</p>");
    element(&mut out, "p", " class=\"lesson-text\"", &s.text);
    out.push_str("<p class=\"lesson-watch\"><strong>Watch: </strong>");
    esc(&mut out, &s.watch);
    out.push_str("</p>");
    question(&mut out, s, given(p, index), p.run);
    out.push_str("<nav class=\"lesson-nav\" aria-label=\"Lesson steps\">");
    out.push_str(&format!(
        "<button type=\"button\" data-act=\"lesson-back\"{}>◂ Previous step</button>",
        if index == 0 { " disabled" } else { "" }
    ));
    out.push_str(if index + 1 >= n {
        "<button type=\"button\" data-act=\"lesson-next\">Finish the lesson ▸</button>"
    } else {
        "<button type=\"button\" data-act=\"lesson-next\">Next step ▸</button>"
    });
    if p.present {
        leave_present(&mut out, lesson, index);
    }
    out.push_str(
        "<span class=\"hint\">Keys: N / Page Down next, P / Page Up back, A–D answer, Space play",
    );
    out.push_str(if p.present {
        ", Esc leave presenter mode.</span></nav>"
    } else {
        ".</span></nav>"
    });
    out
}

fn question(out: &mut String, s: &Step, chosen: Option<usize>, run: RunAt) {
    out.push_str("<fieldset class=\"lesson-question\"><legend>");
    esc(out, &s.question);
    out.push_str("</legend><div class=\"choices\">");
    for (i, c) in s.choices.iter().enumerate() {
        let letter = char::from(b'A' + i as u8);
        let mark = match chosen {
            Some(_) if i == s.correct => " class=\"right\"",
            Some(p) if p == i => " class=\"wrong\"",
            _ => "",
        };
        out.push_str(&format!(
            "<button type=\"button\" data-act=\"answer\" data-choice=\"{i}\"{mark} aria-pressed=\"{}\"><span class=\"letter\">{letter}</span> ",
            chosen == Some(i)
        ));
        esc(out, c);
        out.push_str("</button>");
    }
    out.push_str(&format!(
        "</div></fieldset><p class=\"lesson-answer\" id=\"{FEEDBACK_ID}\" role=\"status\" tabindex=\"-1\">"
    ));
    if let Some(p) = chosen.filter(|&p| p < s.choices.len()) {
        let verdict = if p == s.correct {
            "Right. "
        } else {
            "Not quite. "
        };
        out.push_str("<strong>");
        out.push_str(verdict);
        esc(out, &format!("The answer is {}: ", s.choices[s.correct]));
        out.push_str("</strong>");
        esc(out, &s.explain);
        out.push_str(match run {
            RunAt::Ready => " Press Play to see it happen.",
            RunAt::Playing => " Watch it happen.",
            RunAt::Ended => {
                " The run has ended: see it in the results, the charts and the timeline (Play runs it again)."
            }
        });
    }
    out.push_str("</p>");
}

/// After the last step: how many predictions were right, each step's
/// question with the answer given, and the ways on (back, step 1, out).
fn end(lesson: &Lesson, p: &Progress<'_>) -> String {
    let n = lesson.steps.len();
    let right = (0..n)
        .filter(|&i| given(p, i) == Some(lesson.steps[i].correct))
        .count();
    let unanswered = (0..n).filter(|&i| given(p, i).is_none()).count();
    let mut out = String::with_capacity(600 + n * 300);
    out.push_str("<p class=\"lesson-progress\">");
    esc(&mut out, &format!("Lesson: {} · the end", lesson.title));
    out.push_str(&format!(
        "</p><section class=\"lesson-end\" aria-labelledby=\"{END_ID}\"><h3 id=\"{END_ID}\" tabindex=\"-1\">End of the lesson</h3><p class=\"lesson-score\">"
    ));
    let mut score = format!(
        "{right} of {n} predictions right{}",
        if right == n { ". Well done!" } else { "." }
    );
    match unanswered {
        0 => {}
        1 => score.push_str(" 1 step was not answered."),
        u => score.push_str(&format!(" {u} steps were not answered.")),
    }
    esc(&mut out, &score);
    out.push_str("</p><ol class=\"lesson-summary\">");
    for (i, s) in lesson.steps.iter().enumerate() {
        out.push_str("<li>");
        element(&mut out, "span", " class=\"summary-question\"", &s.question);
        out.push(' ');
        let (class, words) = match given(p, i).filter(|&c| c < s.choices.len()) {
            Some(c) if c == s.correct => ("right", format!("You said {}: right.", s.choices[c])),
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
        element(
            &mut out,
            "span",
            &format!(" class=\"summary-answer {class}\""),
            &words,
        );
        out.push_str("</li>");
    }
    out.push_str("</ol></section><nav class=\"lesson-nav\" aria-label=\"Lesson steps\">");
    out.push_str(
        "<button type=\"button\" data-act=\"lesson-back\">◂ Back to the last step</button>",
    );
    out.push_str("<button type=\"button\" data-act=\"lesson-first\">⏮ Back to step 1</button>");
    if p.present {
        leave_present(&mut out, lesson, n.saturating_sub(1));
    } else {
        out.push_str("<a class=\"lesson-leave\" href=\"./\">Leave the lesson</a>");
    }
    out.push_str("</nav>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::lessons;

    /// Step `index` with `answers`, paused before the end, not presenting.
    fn at(index: usize, answers: &[Option<usize>]) -> Progress<'_> {
        Progress {
            index,
            answers,
            finished: false,
            run: RunAt::Ready,
            present: false,
        }
    }

    /// The feedback paragraph's content.
    fn feedback(html: &str) -> &str {
        let open = format!("id=\"{FEEDBACK_ID}\" role=\"status\" tabindex=\"-1\">");
        let from = html.find(&open).unwrap_or_else(|| panic!("{html}")) + open.len();
        &html[from..from + html[from..].find("</p>").unwrap()]
    }

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
    fn a_step_asks_first_and_answers_once_chosen() {
        let l = &lessons()[0];
        let s = &l.steps[0];
        let before = panel(l, &at(0, &[]));
        assert!(before.contains("step 1 of"));
        assert_eq!(
            before.matches("data-act=\"answer\"").count(),
            s.choices.len()
        );
        assert_eq!(feedback(&before), "");
        assert!(before.contains("data-act=\"lesson-back\" disabled"));
        let wrong = (s.correct + 1) % s.choices.len();
        let after = panel(l, &at(0, &[Some(wrong)]));
        assert!(feedback(&after).contains("Not quite."));
        assert!(after.contains(&format!("data-choice=\"{}\" class=\"right\"", s.correct)));
        assert!(after.contains(&format!("data-choice=\"{wrong}\" class=\"wrong\"")));
        assert!(feedback(&panel(l, &at(0, &[Some(s.correct)]))).contains("Right."));
        assert_eq!(panel(l, &at(99, &[])), "");
        // A choice beyond the step's is no answer.
        assert_eq!(feedback(&panel(l, &at(0, &[Some(9)]))), "");
    }

    #[test]
    fn each_step_shows_the_answer_given_there_and_only_that() {
        let l = &lessons()[0];
        let answers = [Some(l.steps[0].correct), None, Some(0)];
        let first = panel(l, &at(0, &answers));
        assert!(feedback(&first).contains("Right."), "{first}");
        assert!(first.contains("aria-pressed=\"true\""));
        let second = panel(l, &at(1, &answers));
        assert_eq!(feedback(&second), "");
        assert!(!second.contains("aria-pressed=\"true\""));
        let third = panel(l, &at(2, &answers));
        assert!(third.contains("data-choice=\"0\"") && third.contains("aria-pressed=\"true\""));
        assert!(!feedback(&third).is_empty());
    }

    #[test]
    fn the_feedback_is_focusable_and_says_what_to_do_with_the_run() {
        let l = &lessons()[0];
        let chosen = [Some(0)];
        let with = |run| {
            panel(
                l,
                &Progress {
                    run,
                    ..at(0, &chosen)
                },
            )
        };
        let ready = with(RunAt::Ready);
        assert_eq!(ready.matches("tabindex=\"-1\"").count(), 1);
        assert!(feedback(&ready).ends_with("Press Play to see it happen."));
        let playing = with(RunAt::Playing);
        assert!(
            feedback(&playing).ends_with("Watch it happen."),
            "{playing}"
        );
        assert!(!playing.contains("Press Play"));
        let ended = with(RunAt::Ended);
        assert!(feedback(&ended).contains("The run has ended: see it in the results"));
        assert!(!ended.contains("Press Play"));
        // Nothing to do before an answer: the run's state is not told.
        assert_eq!(
            feedback(&panel(
                l,
                &Progress {
                    run: RunAt::Ended,
                    ..at(0, &[])
                }
            )),
            ""
        );
    }

    #[test]
    fn the_last_step_leads_to_the_end_of_the_lesson_which_keeps_every_answer() {
        let l = &lessons()[0];
        let n = l.steps.len();
        let last = panel(l, &at(n - 1, &[]));
        assert!(
            last.contains(
                "<button type=\"button\" data-act=\"lesson-next\">Finish the lesson ▸</button>"
            ),
            "{last}"
        );
        assert!(!last.contains("disabled>Finish"));
        // Every step answered, the first and the last wrong.
        let mut answers: Vec<Option<usize>> = l.steps.iter().map(|s| Some(s.correct)).collect();
        let wrong = |s: &Step| (s.correct + 1) % s.choices.len();
        answers[0] = Some(wrong(&l.steps[0]));
        answers[n - 1] = Some(wrong(&l.steps[n - 1]));
        let end = panel(
            l,
            &Progress {
                finished: true,
                ..at(n - 1, &answers)
            },
        );
        assert!(end.contains(&format!(
            "<h3 id=\"{END_ID}\" tabindex=\"-1\">End of the lesson</h3>"
        )));
        assert!(
            end.contains(&format!("{} of {n} predictions right.", n - 2)),
            "{end}"
        );
        assert_eq!(end.matches("<li>").count(), n);
        let s = &l.steps[n - 1];
        assert!(end.contains(&crate::view::escaped(&format!(
            "You said {}; the answer is {}.",
            s.choices[wrong(s)],
            s.choices[s.correct]
        ))));
        assert_eq!(end.matches("class=\"summary-answer right\"").count(), n - 2);
        assert!(!end.contains("data-act=\"answer\""));
        assert!(end.contains("data-act=\"lesson-back\">◂ Back to the last step"));
        assert!(end.contains("data-act=\"lesson-first\">⏮ Back to step 1"));
        assert!(end.contains("<a class=\"lesson-leave\" href=\"./\">Leave the lesson</a>"));
        assert!(!end.contains("data-leave"));
        // All right, none given.
        let all: Vec<Option<usize>> = l.steps.iter().map(|s| Some(s.correct)).collect();
        let done = |answers| {
            panel(
                l,
                &Progress {
                    finished: true,
                    ..at(n - 1, answers)
                },
            )
        };
        assert!(done(&all).contains(&format!("{n} of {n} predictions right. Well done!")));
        assert!(done(&[]).contains(&format!(
            "0 of {n} predictions right. {n} steps were not answered."
        )));
    }

    #[test]
    fn presenter_mode_offers_the_way_out_on_every_step_and_at_the_end() {
        let l = &lessons()[1];
        for i in 0..l.steps.len() {
            let html = panel(
                l,
                &Progress {
                    present: true,
                    ..at(i, &[])
                },
            );
            let link = format!(
                "<a class=\"lesson-leave\" data-leave href=\"?lesson={}&amp;step={}\" aria-keyshortcuts=\"Escape\">Leave presenter mode</a>",
                l.id,
                i + 1
            );
            assert!(html.contains(&link), "{html}");
            assert!(html.contains("Esc leave presenter mode."));
            assert!(!panel(l, &at(i, &[])).contains("lesson-leave"));
        }
        let end = panel(
            l,
            &Progress {
                present: true,
                finished: true,
                ..at(0, &[])
            },
        );
        assert!(end.contains(&format!(
            "data-leave href=\"?lesson={}&amp;step={}\"",
            l.id,
            l.steps.len()
        )));
        assert!(!end.contains("Leave the lesson"));
    }

    #[test]
    fn lesson_text_is_escaped_everywhere() {
        let mut l = lessons()[0].clone();
        l.id = "a\"b".into();
        l.title = "<b>T</b>".into();
        for s in &mut l.steps {
            s.question = "<i>Q</i>".into();
            s.choices = s.choices.iter().map(|_| "<u>C</u>".to_string()).collect();
            s.explain = "<s>E</s>".into();
        }
        let answers = [Some(0)];
        for finished in [false, true] {
            let html = panel(
                &l,
                &Progress {
                    finished,
                    present: true,
                    ..at(0, &answers)
                },
            );
            for raw in ["<b>", "<i>", "<u>", "<s>", "a\"b"] {
                assert!(!html.contains(raw), "{raw}: {html}");
            }
            assert!(html.contains("&lt;b&gt;T&lt;/b&gt;") && html.contains("a&quot;b"));
        }
    }
}
