//! Lessons on the page: the list of lessons to start or present, and one
//! step of a lesson — its text, what to watch, the prediction question with
//! its choices, the answer once given, and the way on.

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

/// Step `index` of `lesson`; `chosen` is the answer picked so far.
pub fn step(lesson: &Lesson, index: usize, chosen: Option<usize>) -> String {
    let Some(s) = lesson.steps.get(index) else {
        return String::new();
    };
    let n = lesson.steps.len();
    let mut out = String::with_capacity(2000);
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
    question(&mut out, s, chosen);
    out.push_str("<nav class=\"lesson-nav\" aria-label=\"Lesson steps\">");
    out.push_str(&format!(
        "<button type=\"button\" data-act=\"lesson-back\"{}>◂ Previous step</button>",
        if index == 0 { " disabled" } else { "" }
    ));
    out.push_str(&format!(
        "<button type=\"button\" data-act=\"lesson-next\"{}>Next step ▸</button>",
        if index + 1 >= n { " disabled" } else { "" }
    ));
    out.push_str("<span class=\"hint\">Keys: N / Page Down next, P / Page Up back, A–D answer, Space play.</span></nav>");
    out
}

fn question(out: &mut String, s: &Step, chosen: Option<usize>) {
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
    out.push_str("</div></fieldset><p class=\"lesson-answer\" role=\"status\">");
    if let Some(p) = chosen {
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
        out.push_str(" Press Play to see it happen.");
    }
    out.push_str("</p>");
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
    fn a_step_asks_first_and_answers_once_chosen() {
        let l = &lessons()[0];
        let s = &l.steps[0];
        let before = step(l, 0, None);
        assert!(before.contains("step 1 of"));
        assert_eq!(
            before.matches("data-act=\"answer\"").count(),
            s.choices.len()
        );
        assert!(!before.contains("The answer is"));
        assert!(before.contains("data-act=\"lesson-back\" disabled"));
        let wrong = (s.correct + 1) % s.choices.len();
        let after = step(l, 0, Some(wrong));
        assert!(after.contains("Not quite."));
        assert!(after.contains(&format!("data-choice=\"{}\" class=\"right\"", s.correct)));
        assert!(after.contains(&format!("data-choice=\"{wrong}\" class=\"wrong\"")));
        assert!(step(l, 0, Some(s.correct)).contains("Right."));
        let last = step(l, l.steps.len() - 1, None);
        assert!(last.contains("data-act=\"lesson-next\" disabled"));
        assert_eq!(step(l, 99, None), "");
    }
}
