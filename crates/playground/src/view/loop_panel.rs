//! The event-loop panel: what the barista runs right now (the call stack),
//! the task queue, the microtask queue, and the jobs that ran in no time at
//! this very instant.

use super::Html;
use super::html::{HOLE, Hole, markup};
use crate::engine::SimTime;
use crate::play::{Run, Runs, labels};

/// Most entries listed per queue.
const LISTED: usize = 6;

/// A queue as an ordered list: its first entries, then "+N more".
fn list(items: &[String], total: usize, empty: &str, id: &'static str) -> Html {
    let mut entries = Html::new();
    if items.is_empty() {
        entries.fill(
            markup! { li("class" = "empty") { (HOLE) } },
            &[Hole::Text(empty)],
        );
    }
    for item in items {
        entries.fill(markup! { li { (HOLE) } }, &[Hole::Text(item)]);
    }
    let more = total.saturating_sub(items.len());
    if more > 0 {
        entries.fill(
            markup! { li("class" = "more") { "+\0 more" } },
            &[Hole::Int(more as i64)],
        );
    }
    let mut h = Html::new();
    h.fill(
        markup! { ol("data-testid" = HOLE) { (HOLE) } },
        &[Hole::Text(id), Hole::Markup(&entries)],
    );
    h
}

/// The panel's content (inside `<section class="loop">`) for `run` at `t`.
pub fn loop_panel(runs: &Runs, run: &Run, t: SimTime) -> String {
    let s = run.strategy;
    let inst = runs.instance_of(s);
    let (tasks, task_count) = run.index.tasks(inst, &run.trace, t, LISTED);
    let tasks: Vec<String> = tasks.into_iter().map(|j| labels::job(inst, s, j)).collect();
    let waiting = run.index.microtasks(t);
    let micro: Vec<String> = waiting
        .iter()
        .take(LISTED)
        .map(|&j| labels::job(inst, s, j))
        .collect();
    let instant: Vec<String> = run
        .index
        .jobs_at(t)
        .take(LISTED)
        .map(|j| labels::job(inst, s, j))
        .collect();
    let stack = run.index.running(t).map_or_else(
        || "(empty: the loop waits)".to_string(),
        |j| labels::running(inst, s, j),
    );
    let doing = labels::barista(inst, run.index.barista(t), t);

    let mut h = Html::with_capacity(1024);
    h.fill(
        markup! {
            h2("id" = "loop-title") { "Event loop" }
            div("class" = "stack") {
                h3 { "Call stack (running now)" }
                p("class" = "running", "data-testid" = "call-stack") { (HOLE) }
                p("class" = "doing") { "Barista: \0" }
            }
            div("class" = "queue") {
                h3 { "Task queue (\0)" }
                (HOLE)
            }
            div("class" = "queue micro") {
                h3 { "Microtask queue (\0)" }
                (HOLE)
            }
            div("class" = "queue instant") {
                h3 { "Ran at this very instant (no time)" }
                (HOLE)
            }
            p("class" = "hint") { "The barista empties the microtask queue before taking the next task." }
        },
        &[
            Hole::Text(&stack),
            Hole::Text(&doing),
            Hole::Int(task_count as i64),
            Hole::Markup(&list(&tasks, task_count, "empty", "task-queue")),
            Hole::Int(waiting.len() as i64),
            Hole::Markup(&list(&micro, waiting.len(), "empty", "microtask-queue")),
            Hole::Markup(&list(&instant, instant.len(), "nothing", "instant-jobs")),
        ],
    );
    h.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Scenario, Strategy};

    /// The `<li>`s of the list `testid` in `html`.
    fn items(html: &str, testid: &str) -> Vec<String> {
        let start = html
            .find(&format!("<ol data-testid=\"{testid}\">"))
            .unwrap();
        let list = &html[start..start + html[start..].find("</ol>").unwrap()];
        list.split("<li")
            .skip(1)
            .map(|li| {
                let text = &li[li.find('>').unwrap() + 1..];
                text[..text.find("</li>").unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn the_panel_shows_the_tie_at_620_ms() {
        // Callbacks, 620 ms: Karen's arrival task runs (taking her order);
        // Ada's grinder finished at 600 and its completion waits in the
        // task queue.
        let runs = Runs::new(&Scenario::default());
        let t = SimTime::from_ms(620.0);
        let html = loop_panel(&runs, runs.run(Strategy::Callbacks), t);
        assert!(
            html.contains("<p class=\"running\" data-testid=\"call-stack\">handleOrder(Karen)</p>")
        );
        assert_eq!(
            items(&html, "task-queue"),
            ["callback: Ada&#39;s grinder is done"]
        );
        assert_eq!(items(&html, "microtask-queue"), ["empty"]);
        assert!(html.contains("<h3>Task queue (1)</h3>"));
        // Await at the same instant: the same task, and no callback wording.
        let html = loop_panel(&runs, runs.run(Strategy::Await), t);
        assert_eq!(items(&html, "task-queue"), ["Ada&#39;s grinder is done"]);
    }

    #[test]
    fn a_long_queue_lists_its_first_tasks_then_how_many_more() {
        // Karen's pour-over, blocking, 2770 ms: she holds the barista while
        // nine arrivals wait; six are listed.
        let setup = crate::setup::setup_from_query("?preset=karen");
        let runs = Runs::new(&setup.scenario);
        let run = runs.run(Strategy::Blocking);
        let html = loop_panel(&runs, run, SimTime::from_ms(2770.0));
        assert!(html.contains("<h3>Task queue (9)</h3>"), "{html}");
        let tasks = items(&html, "task-queue");
        assert_eq!(tasks.len(), 7);
        assert_eq!(tasks[0], "Dev arrives");
        assert_eq!(tasks[6], "+3 more");
        // At the end, nothing runs and nothing waits.
        let html = loop_panel(&runs, run, run.trace.end);
        assert!(html.contains("data-testid=\"call-stack\">(empty: the loop waits)</p>"));
        assert_eq!(items(&html, "task-queue"), ["empty"]);
        assert_eq!(items(&html, "instant-jobs"), ["nothing"]);
    }
}
