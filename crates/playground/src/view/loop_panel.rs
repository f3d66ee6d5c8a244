//! The event-loop panel: what the barista runs right now (the call stack),
//! the task queue, the microtask queue, and the jobs that ran in no time at
//! this very instant.

use super::element;
use crate::engine::SimTime;
use crate::play::{Run, Runs, labels};

/// Most entries listed per queue.
const LISTED: usize = 6;

/// A queue as an ordered list: its first entries, then "+N more".
fn list(out: &mut String, items: &[String], total: usize, empty: &str, id: &str) {
    out.push_str("<ol data-testid=\"");
    out.push_str(id);
    out.push_str("\">");
    if items.is_empty() {
        element(out, "li", " class=\"empty\"", empty);
    }
    for item in items {
        element(out, "li", "", item);
    }
    let more = total.saturating_sub(items.len());
    if more > 0 {
        element(out, "li", " class=\"more\"", &format!("+{more} more"));
    }
    out.push_str("</ol>");
}

/// The panel's content (inside `<section class="loop">`) for `run` at `t`.
pub fn loop_panel(runs: &Runs, run: &Run, t: SimTime) -> String {
    let inst = &runs.instance;
    let s = run.strategy;
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

    let mut out = String::with_capacity(1024);
    out.push_str("<h2 id=\"loop-title\">Event loop</h2><div class=\"stack\"><h3>Call stack (running now)</h3>");
    element(
        &mut out,
        "p",
        " class=\"running\" data-testid=\"call-stack\"",
        &stack,
    );
    element(
        &mut out,
        "p",
        " class=\"doing\"",
        &format!("Barista: {doing}"),
    );
    out.push_str("</div><div class=\"queue\">");
    element(&mut out, "h3", "", &format!("Task queue ({task_count})"));
    list(&mut out, &tasks, task_count, "empty", "task-queue");
    out.push_str("</div><div class=\"queue micro\">");
    element(
        &mut out,
        "h3",
        "",
        &format!("Microtask queue ({})", waiting.len()),
    );
    list(&mut out, &micro, waiting.len(), "empty", "microtask-queue");
    out.push_str("</div><div class=\"queue instant\"><h3>Ran at this very instant (no time)</h3>");
    list(&mut out, &instant, instant.len(), "nothing", "instant-jobs");
    out.push_str("</div><p class=\"hint\">The barista empties the microtask queue before taking the next task.</p>");
    out
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
